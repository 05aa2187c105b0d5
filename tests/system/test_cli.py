"""The `chime-mcp` command as a person runs it: its output and exit code.

A few tests start the installed command as a real process (the entry point, exit codes and
stdout of a process are their point; the confirmation tests type at a pseudo-terminal); the
others call `cli.main` in this process, with the same arguments and environment, which saves
a second or more of start-up each.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from mcp.client.context import ClientRequestContext
from mcp_types import ElicitRequestFormParams, ElicitRequestURLParams

from chime_mcp import cli
from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.demo.sales_agent import seed_sales_agent
from chime_mcp.server.safety.gate import Confirmation
from chime_mcp.server.tools.specs import all_tool_specs
from chime_mcp.terminal import TerminalPerson
from tests.support.sandboxes import BOB, LiveSandbox

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")

Run = Callable[..., "subprocess.CompletedProcess[str]"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `chime-mcp` as a process, with no CHIME_* variables but those in `env`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    return subprocess.run(
        [CHIME_MCP, *args],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Run]:
    """`main(*args, env=...)`: `cli.main` in this process, as `run` would run the command."""
    root = logging.getLogger()
    level = root.level

    def call(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        for key in [k for k in os.environ if k.startswith("CHIME_")]:
            monkeypatch.delenv(key)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's own exits
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess([CHIME_MCP, *args], code, out, err)

    yield call
    root.setLevel(level)  # one-shot commands quiet the root logger


def test_tools_lists_operation_effect_toolset_and_tokens() -> None:
    done = run("tools")
    assert done.returncode == 0, done.stderr
    assert "search_leads" in done.stdout and "GET /v1.0/leads" in done.stdout
    assert "tokens as the model sees them" in done.stdout
    assert "list_webhooks" not in done.stdout, "webhooks are not in the default toolsets"


def test_tools_json_for_all_toolsets(main: Run) -> None:
    done = main("tools", "--json", "--toolsets", "all")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {row["toolset"] for row in rows} == set(TOOLSETS)
    delete = next(row for row in rows if row["tool"] == "delete_lead")
    assert delete["operation"] == "DELETE /v1.0/leads/{leadId}" and delete["effect"] == "destroy"
    assert all(row["tokens"] > 0 for row in rows)


def test_tools_read_only_lists_no_write_tool(main: Run) -> None:
    rows = json.loads(main("tools", "--json", "--toolsets", "all", "--read-only").stdout)
    assert rows and all(row["effect"] == "read" for row in rows)


def test_unknown_toolset_is_a_clear_error(main: Run) -> None:
    done = main("tools", "--toolsets", "leads,nope")
    assert done.returncode == 2
    assert "Unknown toolset nope" in done.stderr and "all" in done.stderr


def test_call_on_the_sandbox(main: Run) -> None:
    done = main("call", "search_leads", "--sandbox", "--arg", "query=bob li")
    assert done.returncode == 0, done.stderr
    assert "Bob" in done.stdout and "Li" in done.stdout
    structured = main("call", "search_leads", "--sandbox", "--json", '{"query": "bob li"}', "--structured")
    assert json.loads(structured.stdout)["leads"][0]["firstName"] == "Bob"


def test_call_errors_exit_non_zero_with_next_step() -> None:
    done = run("call", "get_lead", "--sandbox", "--arg", "leadId=123")
    assert done.returncode == 1
    assert "not found" in done.stdout and "search_leads" in done.stdout
    bad = run("call", "get_lead", "--sandbox", "--json", "{not json")
    assert bad.returncode == 2 and "--json is not valid JSON" in bad.stderr


def test_doctor_on_the_sandbox(main: Run) -> None:
    done = main("doctor", "--sandbox")
    assert done.returncode == 0, done.stderr
    assert "works" in done.stdout and "rate limit" in done.stdout


def test_doctor_without_credential_says_what_to_set() -> None:
    done = run("doctor")
    assert done.returncode == 2
    assert "CHIME_API_KEY" in done.stdout


def test_serve_refuses_a_base_url_with_a_path_before_starting(main: Run) -> None:
    done = main("serve", env={"CHIME_API_KEY": "k", "CHIME_BASE_URL": "https://api.chime.me/v1.0"})
    assert done.returncode == 2
    assert "without a path" in done.stderr and "Use https://api.chime.me " in done.stderr


def test_doctor_reports_the_working_scheme(live_sandbox: LiveSandbox, main: Run) -> None:
    base_url = live_sandbox.base_url
    done = main("doctor", env={"CHIME_API_KEY": "sandbox-key", "CHIME_BASE_URL": base_url})
    assert f"{base_url} with token (API key): works" in done.stdout, done.stdout + done.stderr
    assert "api.chime.me" not in done.stdout, "a custom URL is tested alone"
    assert done.returncode == 0


def test_demo_walks_through_the_main_job(main: Run) -> None:
    done = main("demo")
    assert done.returncode == 0, done.stderr
    for step in ("search_leads", "get_lead", "log_call", "create_calendar_event", "list_calendar_events"):
        assert step in done.stdout
    assert "Confirm Saturday showing" in done.stdout


def test_sandbox_command_rejects_a_bad_rate_limit() -> None:
    done = run("sandbox", "--rate-limit", "lots")
    assert done.returncode == 2 and "--rate-limit" in done.stderr


# -- confirming at the terminal -------------------------------------------------------------

PROMPT = "Go ahead? [y/N] "


def live_env(live: LiveSandbox) -> dict[str, str]:
    """The environment that points the command at `live` (a sandbox this test can inspect)."""
    return {"CHIME_API_KEY": live.sandbox.config.api_key, "CHIME_BASE_URL": live.base_url}


TAKE_THE_TERMINAL = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); os.execv(sys.argv[1], sys.argv[1:])"
)
"""Run by the new session's leader: make stdin (the pty) the controlling terminal, then exec."""


def at_terminal(*args: str, answer: str, env: dict[str, str]) -> tuple[int, str]:
    """The installed `chime-mcp` with a pseudo-terminal as stdin, stdout and stderr.

    The pty is the command's controlling terminal, in a session of its own, so Ctrl-C typed
    there interrupts it as at a real terminal. Reads what it shows until the y/N prompt, types
    `answer`, then reads to the end. Returns the exit code and everything the terminal showed
    (with the echo of what was typed).
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", TAKE_THE_TERMINAL, CHIME_MCP, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**base, **env},
        start_new_session=True,
    )
    os.close(follower)
    shown = b""
    typed = False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                if process.poll() is not None and typed:
                    break
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the command exited and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            if not typed and PROMPT.strip().encode() in shown:
                os.write(leader, answer.encode())
                typed = True
        code = process.wait(timeout=30)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    text = shown.decode(errors="replace").replace("\r\n", "\n")
    assert typed, f"the command never asked: {text}"
    return code, text


def bobs_first(records: dict[int, dict[str, Any]]) -> int:
    return min(i for i, record in records.items() if record["leadId"] == BOB)


def test_delete_note_completes_on_yes_typed_at_a_terminal(live_sandbox: LiveSandbox, main: Run) -> None:
    box = live_sandbox.sandbox
    note = bobs_first(box.state.notes)
    content = box.state.notes[note]["content"]
    code, shown = at_terminal(
        "call", "delete_note", "--arg", f"noteId={note}", answer="y\n", env=live_env(live_sandbox)
    )
    assert code == 0, shown
    assert f"Delete note #{note} on lead #{BOB}." in shown and content[:30] in shown, "the preview was shown"
    assert 'lead name (from the CRM): "Bob Li"' in shown
    assert shown.index("Bob Li") < shown.index(PROMPT), "the preview comes before the question"
    assert note not in box.state.notes
    again = main("call", "get_note", "--arg", f"noteId={note}", env=live_env(live_sandbox))
    assert again.returncode == 1 and "not found" in again.stdout, "a following read finds no note"


def test_no_at_the_terminal_deletes_nothing(live_sandbox: LiveSandbox) -> None:
    box = live_sandbox.sandbox
    note = bobs_first(box.state.notes)
    code, shown = at_terminal(
        "call", "delete_note", "--arg", f"noteId={note}", answer="n\n", env=live_env(live_sandbox)
    )
    assert code == 1, shown
    assert "declined" in shown and "Nothing was deleted" in shown
    assert note in box.state.notes


def test_ctrl_c_at_the_prompt_ends_the_command_and_deletes_nothing(live_sandbox: LiveSandbox) -> None:
    box = live_sandbox.sandbox
    note = bobs_first(box.state.notes)
    code, shown = at_terminal(
        "call", "delete_note", "--arg", f"noteId={note}", answer="\x03", env=live_env(live_sandbox)
    )
    assert code == 130, shown
    assert note in box.state.notes


def test_without_a_terminal_a_delete_is_refused_and_nothing_deleted(live_sandbox: LiveSandbox) -> None:
    box = live_sandbox.sandbox
    note = bobs_first(box.state.notes)
    done = run("call", "delete_note", "--arg", f"noteId={note}", env=live_env(live_sandbox))  # stdin: /dev/null
    assert done.returncode == 2, done.stderr
    assert "delete_note needs a person's yes: run it at a terminal, or pass --yes" in done.stderr
    assert "Nothing was done" in done.stderr and done.stdout == ""
    assert note in box.state.notes


def add_broker_team(box: Sandbox) -> dict[str, Any]:
    box.store.broker_teams[4242] = {"teamId": 4242, "teamName": "North Shore", "seatLimit": 5}
    return {"id": 4242}


def sales_agent_id(box: Sandbox) -> int:
    """The caller's Sales Agent (seeded as the first Sales Agent request would)."""
    if not box.store.sales_agents:
        seed_sales_agent(box.store)
    agent_id: int = box.store.sales_agents[box.state.me_id]["agent"]["id"]
    return agent_id


NEW_AGENT = {
    "firstName": "Nina",
    "lastName": "Park",
    "emailAddress": "nina.park@example.org",
    "phoneNumber": "5550107788",
}


def an_agent(box: Sandbox, index: int, status: str | None = None) -> dict[str, Any]:
    """One of the demo's agents (given this account status, if one is given)."""
    member: dict[str, Any] = [m for m in box.state.members.values() if m["roleName"] == "Agent"][index]
    if status is not None:
        member["accountStatus"] = status
    return member


def offices(box: Sandbox) -> dict[int, str]:
    return {u["groupId"]: u["groupName"] for u in box.state.org["enterpriseInfo"]["visibleOrgInfoList"]}


HOOK = "https://93.184.216.34/chime"
"""A public address as a literal: the webhook target check needs no DNS (tests are offline)."""

GATED: dict[str, tuple[Callable[[Sandbox], dict[str, Any]], Callable[[Sandbox, dict[str, Any]], bool]]] = {
    "delete_lead": (lambda box: {"leadId": BOB, "reason": "duplicate"}, lambda box, a: BOB in box.store.trash),
    "delete_note": (
        lambda box: {"noteId": bobs_first(box.state.notes)},
        lambda box, a: a["noteId"] not in box.state.notes,
    ),
    "delete_task": (
        lambda box: {"taskId": bobs_first(box.state.tasks)},
        lambda box, a: a["taskId"] not in box.state.tasks,
    ),
    "delete_log": (
        lambda box: {"logTypeId": bobs_first(box.state.logs)},
        lambda box, a: a["logTypeId"] not in box.state.logs,
    ),
    "delete_webhook": (
        lambda box: {"subscribeId": next(iter(box.state.webhooks))},
        lambda box, a: a["subscribeId"] not in box.state.webhooks,
    ),
    "delete_broker_team": (add_broker_team, lambda box, a: a["id"] not in box.store.broker_teams),
    "create_webhook": (
        lambda box: {"callbackUrl": HOOK, "listId": 2},
        lambda box, a: any(hook["callbackUrl"] == HOOK for hook in box.state.webhooks.values()),
    ),
    "update_routing_rule": (
        lambda box: {"type": 1, "id": box.state.routing_rules[1][0]["id"], "activeHours": {"activeDays": [1, 2]}},
        lambda box, a: box.state.routing_rules[1][0]["activeHours"]["activeDays"] == [1, 2],
    ),
    "update_default_routing_rule": (
        lambda box: {"type": 1, "strategyType": 1, "touchMinutes": 30},
        lambda box, a: box.state.supplement_rules[1]["strategyType"] == 1,
    ),
    "update_user": (
        lambda box: {"userId": next(iter(box.state.members)), "lastName": "Renamed"},
        lambda box, a: box.state.members[a["userId"]]["lastName"] == "Renamed",
    ),
    "update_sales_agent_settings": (
        lambda box: {"id": sales_agent_id(box), "textChannel": False},
        lambda box, a: box.store.sales_agents[box.state.me_id]["settings"]["textChannel"] is False,
    ),
    "send_text": (
        lambda box: {"leadId": BOB, "content": "The showing moved to 4 pm"},
        lambda box, a: any(t["textContent"] == a["content"] for t in box.state.texts.values()),
    ),
    "send_email": (
        lambda box: {"leadId": BOB, "subject": "Disclosures", "content": "Attached are the disclosures."},
        lambda box, a: any(e["emailSubject"] == a["subject"] for e in box.state.emails.values()),
    ),
    "send_opportunity_alert": (
        lambda box: {"leadId": BOB, "notificationType": 66},
        lambda box, a: any(m.get("leadId") == BOB for m in box.store.agent_messages.values()),
    ),
    "text_me": (
        lambda box: {"content": "New lead: Nina"},
        lambda box, a: any(m["content"] == a["content"] for m in box.store.agent_messages.values()),
    ),
    "email_me": (
        lambda box: {"subject": "New lead", "content": "Nina, from Zillow"},
        lambda box, a: any(m["content"] == a["content"] for m in box.store.agent_messages.values()),
    ),
    "text_me_from_ai_number": (
        lambda box: {"content": "Nina replied"},
        lambda box, a: any(m["content"] == a["content"] for m in box.store.agent_messages.values()),
    ),
    "send_task_reminder": (
        lambda box: {"taskId": next(i for i, t in box.state.tasks.items() if t["leadId"] == BOB), "type": "TASK"},
        lambda box, a: any(m.get("taskId") == a["taskId"] for m in box.store.agent_messages.values()),
    ),
    **{
        # Team administration (issue 14, group "org").
        "create_agent": (
            lambda box: {"accountType": 1, "accountInfo": NEW_AGENT},
            lambda box, a: any(m["email"] == NEW_AGENT["emailAddress"] for m in box.state.members.values()),
        ),
        "deactivate_agent": (
            lambda box: {"agentId": an_agent(box, 2)["id"]},
            lambda box, a: box.state.members[a["agentId"]]["accountStatus"] == "INACTIVE",
        ),
        "reactivate_agent": (
            lambda box: {"agentId": an_agent(box, 3, "INACTIVE")["id"]},
            lambda box, a: box.state.members[a["agentId"]]["accountStatus"] == "ACTIVE",
        ),
        "add_office": (
            lambda box: {"name": "Harbor & Pine Realty - Georgetown"},
            lambda box, a: a["name"] in offices(box).values(),
        ),
        "update_office": (
            lambda box: {"id": an_agent(box, 0)["groupId"], "name": "Central"},
            lambda box, a: offices(box)[a["id"]] == "Central",
        ),
        "update_company": (
            lambda box: {"name": "Harbor & Pine Homes"},
            lambda box, a: box.state.org["enterpriseInfo"]["groupName"] == "Harbor & Pine Homes",
        ),
    },
    "delete_calendar_event": (
        lambda box: {"calendarId": f"{bobs_first(box.state.appointments)}-appointment"},
        lambda box, a: int(a["calendarId"].split("-")[0]) not in box.state.appointments,
    ),
    "delete_agenda_item": (
        lambda box: {"taskId": bobs_first(box.state.tasks)},
        lambda box, a: a["taskId"] not in box.state.tasks,
    ),
}
"""Every tool that needs a person's yes: arguments in the live sandbox, and whether it happened."""


def test_every_gated_tool_has_a_cli_case() -> None:
    gated = {spec.name for spec in all_tool_specs() if spec.effect.needs_person}
    assert gated == set(GATED), "add a case to GATED for each tool that needs a person's yes"


@pytest.mark.parametrize("tool", sorted(GATED))
def test_every_gated_action_completes_with_yes(tool: str, live_sandbox: LiveSandbox, main: Run) -> None:
    box = live_sandbox.sandbox
    make_arguments, happened = GATED[tool]
    arguments = make_arguments(box)
    refused = main("call", tool, "--toolsets", "all", "--json", json.dumps(arguments), env=live_env(live_sandbox))
    assert refused.returncode == 2 and "run it at a terminal, or pass --yes" in refused.stderr
    assert not happened(box, arguments)
    done = main("call", tool, "--toolsets", "all", "--yes", "--json", json.dumps(arguments), env=live_env(live_sandbox))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Go ahead? [y/N] yes (--yes)" in done.stderr
    assert happened(box, arguments)


def test_a_write_that_needs_no_yes_runs_without_a_terminal(live_sandbox: LiveSandbox, main: Run) -> None:
    arguments = {"leadId": BOB, "content": "Called back, wants Saturday"}
    done = main("call", "add_note", "--json", json.dumps(arguments), env=live_env(live_sandbox))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Go ahead" not in done.stderr
    assert any(note["content"] == arguments["content"] for note in live_sandbox.sandbox.state.notes.values())


class Keyboard(io.StringIO):
    """What the person types, at a terminal."""

    def isatty(self) -> bool:
        return True


NO_CONTEXT = cast(ClientRequestContext, None)
"""The callback does not use the request context."""


def form(message: str, schema: dict[str, Any]) -> ElicitRequestFormParams:
    return ElicitRequestFormParams(message=message, requested_schema=schema)


@pytest.mark.anyio
async def test_yes_fills_the_forms_boolean_fields_whatever_their_names() -> None:
    schema = {
        "type": "object",
        "properties": {"approve": {"type": "boolean"}, "note": {"type": "string", "default": ""}},
        "required": ["approve"],
    }
    person = TerminalPerson("delete_note", stdin=Keyboard("Yes\n"), stderr=io.StringIO())
    answer = await person(NO_CONTEXT, form("Delete note #1\n\nGo ahead?", schema))
    assert answer.action == "accept" and answer.content == {"approve": True, "note": ""}
    server_form = await TerminalPerson("delete_note", stdin=Keyboard("y\n"), stderr=io.StringIO())(
        NO_CONTEXT, form("Delete note #1", Confirmation.model_json_schema())
    )
    assert server_form.content == {"confirm": True}, "the server's own form"


@pytest.mark.anyio
@pytest.mark.parametrize("typed", ["n\n", "\n", "", "yes please\n", "ok\n"])
async def test_anything_but_y_or_yes_declines(typed: str) -> None:
    person = TerminalPerson("delete_note", stdin=Keyboard(typed), stderr=io.StringIO())
    answer = await person(NO_CONTEXT, form("Delete note #1", Confirmation.model_json_schema()))
    assert answer.action == "decline" and not person.refused


@pytest.mark.anyio
async def test_a_form_asking_more_than_yes_is_declined_without_asking() -> None:
    schema = {"type": "object", "properties": {"reason": {"type": "string"}}, "required": ["reason"]}
    shown = io.StringIO()
    person = TerminalPerson("delete_lead", assume_yes=True, stdin=Keyboard("y\n"), stderr=shown)
    answer = await person(NO_CONTEXT, form("Why?", schema))
    assert answer.action == "decline" and "more than a yes or no" in person.refused
    assert PROMPT not in shown.getvalue()


@pytest.mark.anyio
async def test_the_terminal_shows_control_and_bidi_characters_visibly() -> None:
    shown = io.StringIO()
    person = TerminalPerson("delete_lead", stdin=Keyboard("n\n"), stderr=shown)
    await person(NO_CONTEXT, form('Move lead #1 "Bob\x1b[2J\u202eiL"\nto trash', Confirmation.model_json_schema()))
    assert 'Move lead #1 "Bob<U+001B>[2J<U+202E>iL"\nto trash' in shown.getvalue()
    assert "\x1b" not in shown.getvalue() and "\u202e" not in shown.getvalue()


@pytest.mark.anyio
async def test_a_link_to_approve_is_shown_and_needs_a_terminal() -> None:
    link = ElicitRequestURLParams(message="Delete note #1", url="http://127.0.0.1:9/approve/x", elicitation_id="e")
    shown = io.StringIO()
    answer = await TerminalPerson("delete_note", stdin=Keyboard("\n"), stderr=shown)(NO_CONTEXT, link)
    assert answer.action == "accept" and "http://127.0.0.1:9/approve/x" in shown.getvalue()
    person = TerminalPerson("delete_note", assume_yes=True, stdin=io.StringIO(), stderr=io.StringIO())
    assert (await person(NO_CONTEXT, link)).action == "decline"
    assert "open it in a browser" in person.refused
