"""The safety gate through a real MCP client against the sandbox, on both protocol versions.

For each destroy and expose tool: elicitation accepted (the sandbox changed), declined or
cancelled (unchanged), the token fallback end to end, and refused tokens (replayed, for other
arguments, expired, forged); the `elicit` and `off` policies; previews that cannot be read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.client.context import ClientRequestContext
from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, ElicitRequestParams, ElicitResult

from chime_mcp.chime.catalog import BY_NAME, TOOLSETS
from chime_mcp.chime.operation import Effect
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.demo.sales_agent import seed_sales_agent
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ConfirmPolicy, ServerConfig
from chime_mcp.server.safety import TOKEN_ARGUMENT, ConfirmationTokens, SafetyGate
from chime_mcp.server.safety.approvals import ApprovalBook
from tests.support.clocks import FakeClock as Clock

pytestmark = pytest.mark.anyio

MODES = ["legacy", "auto"]
"""legacy: 2025-11-25 (elicitation mid-call); auto: 2026-07-28 (input_required rounds)."""

PUBLIC_IP = "93.184.216.34"
HOOK_URL = "https://hooks.partner.example/chime?secret=s3cr3t-query"
DNS = {"hooks.partner.example": [PUBLIC_IP]}


async def fake_dns(host: str, port: int) -> list[str]:
    """Tests run offline: known names resolve from a table, others fail as unknown."""
    if host in DNS:
        return DNS[host]
    raise OSError(f"unknown host {host}")


# -- the seven confirmed tools -------------------------------------------------------------


def bob(box: Sandbox) -> int:
    return next(i for i, lead in box.state.leads.items() if (lead["firstName"], lead["lastName"]) == ("Bob", "Li"))


def first_of(records: dict[int, dict[str, Any]], lead_id: int) -> int:
    return next(i for i, r in records.items() if r["leadId"] == lead_id)


def add_broker_team(box: Sandbox) -> dict[str, Any]:
    box.store.broker_teams[4242] = {"teamId": 4242, "teamName": "North Shore", "seatLimit": 5}
    return {"id": 4242}


@dataclass(frozen=True)
class Case:
    tool: str
    arguments: Callable[[Sandbox], dict[str, Any]]
    done: Callable[[Sandbox, dict[str, Any]], bool]
    """Whether the sandbox shows the call's effect."""
    preview: Callable[[Sandbox, dict[str, Any]], str]
    """A fragment the preview must contain, read from the sandbox's own records."""
    other: Callable[[dict[str, Any]], dict[str, Any]]
    """The same tool with other arguments (a token must not carry over)."""

    @property
    def nothing_done(self) -> str:
        if self.tool == "create_webhook":
            return "No webhook was created."
        if BY_NAME[self.tool].effect is Effect.SEND:
            return "Nothing was sent."
        op = BY_NAME[self.tool]
        deletes = op.effect is Effect.DESTROY and op.method == "DELETE"
        return "Nothing was deleted." if deletes else "Nothing was changed."


def _lead_preview(box: Sandbox, a: dict[str, Any]) -> str:
    lead = box.state.leads[a["leadId"]]
    notes = sum(1 for n in box.state.notes.values() if n["leadId"] == a["leadId"])
    tasks = sum(1 for t in box.state.tasks.values() if t["leadId"] == a["leadId"] and not t["finishFlag"])
    return (
        f"Move lead #{a['leadId']} to trash ({notes} notes, {tasks} open tasks).\n"
        f'name (from the CRM): "Bob Li"\nemail (from the CRM): "{lead["emails"][0]}"\n'
        f'stage (from the CRM): "{lead["stage"]}"\nreason (written by the assistant): "duplicate"'
    )


CASES = [
    Case(
        "delete_lead",
        lambda box: {"leadId": bob(box), "reason": "duplicate"},
        lambda box, a: a["leadId"] in box.store.trash,
        _lead_preview,
        lambda a: {**a, "reason": "spam"},
    ),
    Case(
        "delete_note",
        lambda box: {"noteId": first_of(box.state.notes, bob(box))},
        lambda box, a: a["noteId"] not in box.state.notes,
        lambda box, a: (
            f'on lead #{bob(box)}.\nlead name (from the CRM): "Bob Li"\n'
            f'note (from the CRM): "{box.state.notes[a["noteId"]]["content"][:40]}'
        ),
        lambda a: {"noteId": a["noteId"] + 1},
    ),
    Case(
        "delete_task",
        lambda box: {"taskId": first_of(box.state.tasks, bob(box))},
        lambda box, a: a["taskId"] not in box.state.tasks,
        lambda box, a: f'task (from the CRM): "{box.state.tasks[a["taskId"]]["content"][:40]}',
        lambda a: {"taskId": a["taskId"] + 1},
    ),
    Case(
        "delete_log",
        lambda box: {"logTypeId": first_of(box.state.logs, bob(box))},
        lambda box, a: a["logTypeId"] not in box.state.logs,
        lambda box, a: f'log (from the CRM): "{box.state.logs[a["logTypeId"]]["content"][:40]}',
        lambda a: {"logTypeId": a["logTypeId"] + 1},
    ),
    Case(
        "delete_webhook",
        lambda box: {"subscribeId": next(iter(box.state.webhooks))},
        lambda box, a: a["subscribeId"] not in box.state.webhooks,
        lambda box, a: f'callbackUrl (from the CRM): "{box.state.webhooks[a["subscribeId"]]["callbackUrl"]}"',
        lambda a: {"subscribeId": a["subscribeId"] + 1},
    ),
    Case(
        "delete_broker_team",
        add_broker_team,
        lambda box, a: a["id"] not in box.store.broker_teams,
        lambda box, a: f"Remove broker team #{a['id']}",
        lambda a: {"id": a["id"] + 1},
    ),
    Case(
        "create_webhook",
        lambda box: {"callbackUrl": HOOK_URL, "listId": 2},
        lambda box, a: any(h["callbackUrl"] == HOOK_URL for h in box.state.webhooks.values()),
        lambda box, a: (
            f"Send lead events (listId 2) out of the CRM, up to 100 per callback.\n"
            f'callbackUrl (written by the assistant): "{HOOK_URL}"\n'
            f'host (from that URL): "hooks.partner.example", resolves to {PUBLIC_IP}'
        ),
        lambda a: {**a, "listId": 9},
    ),
]


def agent_rule(box: Sandbox) -> dict[str, Any]:
    rule: dict[str, Any] = box.state.routing_rules[1][0]
    return rule


def _sales_agent_id(box: Sandbox) -> int:
    """The caller's Sales Agent (seeded as the first Sales Agent request would)."""
    if not box.store.sales_agents:
        seed_sales_agent(box.store)
    agent_id: int = box.store.sales_agents[box.state.me_id]["agent"]["id"]
    return agent_id


def _sales_agent_settings(box: Sandbox) -> dict[str, Any]:
    """The caller's Sales Agent settings ({} until the first Sales Agent request seeds them)."""
    agent: dict[str, Any] = box.store.sales_agents.get(box.state.me_id) or {}
    return agent.get("settings") or {}


def morgan(box: Sandbox) -> int:
    return next(i for i, m in box.state.members.items() if m["firstName"] == "Morgan")


CASES += [
    Case(
        "update_routing_rule",
        lambda box: {"type": 1, "id": agent_rule(box)["id"], "activeHours": {"activeDays": [1, 2], "hoursStart": 9}},
        lambda box, a: agent_rule(box)["activeHours"]["activeDays"] == [1, 2],
        lambda box, a: f"Change routing rule #{a['id']} (agent leads).",
        lambda a: {**a, "activeHours": {"activeDays": [3]}},
    ),
    Case(
        "update_default_routing_rule",
        lambda box: {"type": 1, "strategyType": 1, "touchMinutes": 30},
        lambda box, a: box.state.supplement_rules[1]["strategyType"] == 1,
        lambda box, a: "strategyType now (from the CRM): 3\nstrategyType to be (written by the assistant): 1",
        lambda a: {**a, "touchMinutes": 60},
    ),
    Case(
        "update_user",
        lambda box: {"userId": morgan(box), "lastName": "Renamed"},
        lambda box, a: box.state.members[a["userId"]]["lastName"] == "Renamed",
        lambda box, a: 'lastName now (from the CRM): "Ellis"\nlastName to be (written by the assistant): "Renamed"',
        lambda a: {**a, "lastName": "Other"},
    ),
    Case(
        "update_sales_agent_settings",
        lambda box: {"id": _sales_agent_id(box), "emailChannel": False, "startActiveHour": 9},
        lambda box, a: _sales_agent_settings(box).get("emailChannel") is False,
        lambda box, a: (
            "emailChannel now (from the CRM): true\nemailChannel to be (written by the assistant): false\n"
            "startActiveHour now (from the CRM): 8\nstartActiveHour to be (written by the assistant): 9"
        ),
        lambda a: {**a, "startActiveHour": 10},
    ),
]


def _texts_with(box: Sandbox, content: str) -> int:
    return sum(1 for t in box.state.texts.values() if t["textContent"] == content)


CASES += [
    Case(
        "send_text",
        lambda box: {"leadId": bob(box), "content": "The showing moved to 4 pm"},
        lambda box, a: _texts_with(box, a["content"]) == 1,
        lambda box, a: (
            'lead name (from the CRM): "Bob Li"\n'
            f'to number (from the CRM): "{box.state.leads[a["leadId"]]["phones"][0]}"\n'
            f'from number (from the CRM): "{box.state.members[box.state.me_id]["virtualNumber"]}"\n'
            'text (written by the assistant): "The showing moved to 4 pm"'
        ),
        lambda a: {**a, "content": "Running 10 minutes late"},
    ),
    Case(
        "send_email",
        lambda box: {"leadId": bob(box), "subject": "Disclosures", "content": "Attached are the disclosures."},
        lambda box, a: any(e["emailSubject"] == "Disclosures" for e in box.state.emails.values()),
        lambda box, a: (
            f'to address (from the CRM): "{box.state.leads[a["leadId"]]["emails"][0]}"\n'
            f'from (from the CRM): "{box.state.members[box.state.me_id]["email"]}"\n'
            'subject (written by the assistant): "Disclosures"\n'
            'text (written by the assistant): "Attached are the disclosures."'
        ),
        lambda a: {**a, "subject": "Other"},
    ),
]


def _agent_messages(box: Sandbox, **fields: Any) -> int:
    """How many messages to agents carry these fields (issue 14, agentsend)."""
    return sum(1 for m in box.store.agent_messages.values() if fields.items() <= m.items())


def _me(box: Sandbox) -> dict[str, Any]:
    return box.state.members[box.state.me_id]


def _open_appointment(box: Sandbox) -> int:
    return next(i for i, a in box.state.appointments.items() if a["leadId"] == bob(box) and not a["finishFlag"])


CASES += [
    Case(
        "send_opportunity_alert",
        lambda box: {"leadId": bob(box), "notificationType": 66},
        lambda box, a: _agent_messages(box, leadId=a["leadId"]) == 1,
        lambda box, a: 'lead name (from the CRM): "Bob Li"\n',
        lambda a: {**a, "notificationType": 9},
    ),
    Case(
        "text_me",
        lambda box: {"content": "New lead: Nina Park"},
        lambda box, a: _agent_messages(box, content=a["content"]) == 1,
        lambda box, a: f'to number (from the CRM): "{_me(box)["phoneNumber"]}"',
        lambda a: {**a, "content": "Other"},
    ),
    Case(
        "email_me",
        lambda box: {"subject": "New lead", "content": "Nina Park"},
        lambda box, a: _agent_messages(box, subject=a["subject"]) == 1,
        lambda box, a: f'to address (from the CRM): "{_me(box)["email"]}"',
        lambda a: {**a, "subject": "Other"},
    ),
    Case(
        "text_me_from_ai_number",
        lambda box: {"content": "Nina Park replied"},
        lambda box, a: _agent_messages(box, content=a["content"]) == 1,
        lambda box, a: 'text (written by the assistant): "Nina Park replied"',
        lambda a: {**a, "content": "Other"},
    ),
    Case(
        "send_task_reminder",
        lambda box: {"taskId": first_of(box.state.tasks, bob(box)), "type": "TASK"},
        lambda box, a: _agent_messages(box, taskId=a["taskId"]) == 1,
        lambda box, a: f"Push a reminder of task #{a['taskId']} to its assignee's Lofty app.",
        lambda a: {**a, "type": "APPOINTMENT"},
    ),
]


def _agent(box: Sandbox, status: str | None = None) -> dict[str, Any]:
    """The demo's first agent (given this account status, if one is given)."""
    member: dict[str, Any] = next(m for m in box.state.members.values() if m["roleName"] == "Agent")
    if status is not None:
        member["accountStatus"] = status
    return member


def _offices(box: Sandbox) -> dict[int, str]:
    return {u["groupId"]: u["groupName"] for u in box.state.org["enterpriseInfo"]["visibleOrgInfoList"]}


_NEW_AGENT = {
    "firstName": "Nina",
    "lastName": "Park",
    "emailAddress": "nina.park@example.org",
    "phoneNumber": "5550107788",
}

# Team administration (issue 14, group "org"): agents, offices, the company.
CASES += [
    Case(
        "create_agent",
        lambda box: {"accountType": 1, "accountInfo": _NEW_AGENT},
        lambda box, a: any(m["email"] == "nina.park@example.org" for m in box.state.members.values()),
        lambda box, a: 'accountInfo.emailAddress (written by the assistant): "nina.park@example.org"',
        lambda a: {**a, "accountInfo": {**_NEW_AGENT, "emailAddress": "other@example.org"}},
    ),
    Case(
        "deactivate_agent",
        lambda box: {"agentId": _agent(box)["id"]},
        lambda box, a: box.state.members[a["agentId"]]["accountStatus"] == "INACTIVE",
        lambda box, a: f'agent (from the CRM): "{_agent(box)["firstName"]} {_agent(box)["lastName"]}"',
        lambda a: {"agentId": a["agentId"] + 1},
    ),
    Case(
        "reactivate_agent",
        lambda box: {"agentId": _agent(box, "INACTIVE")["id"]},
        lambda box, a: box.state.members[a["agentId"]]["accountStatus"] == "ACTIVE",
        lambda box, a: f"Reactivate agent #{a['agentId']}: their access returns",
        lambda a: {"agentId": a["agentId"] + 1},
    ),
    Case(
        "add_office",
        lambda box: {"name": "Harbor & Pine Realty - Georgetown"},
        lambda box, a: a["name"] in _offices(box).values(),
        lambda box, a: 'name (written by the assistant): "Harbor & Pine Realty - Georgetown"',
        lambda a: {"name": "Elsewhere"},
    ),
    Case(
        "update_office",
        lambda box: {"id": _agent(box)["groupId"], "name": "Central"},
        lambda box, a: _offices(box)[a["id"]] == "Central",
        lambda box, a: f'office name now (from the CRM): "{_agent(box)["groupName"]}"',
        lambda a: {**a, "name": "Other"},
    ),
    Case(
        "update_company",
        lambda box: {"name": "Harbor & Pine Homes"},
        lambda box, a: box.state.org["enterpriseInfo"]["groupName"] == "Harbor & Pine Homes",
        lambda box, a: 'company name now (from the CRM): "Harbor & Pine Realty"',
        lambda a: {"name": "Other"},
    ),
]

# The calendar's deletes (issue 14, group "calendar").
CASES += [
    Case(
        "delete_calendar_event",
        lambda box: {"calendarId": f"{_open_appointment(box)}-appointment"},
        lambda box, a: int(a["calendarId"].split("-")[0]) not in box.state.appointments,
        lambda box, a: (
            f"Delete open calendar event #{_open_appointment(box)} (appointment) on lead #{bob(box)}.\n"
            'lead name (from the CRM): "Bob Li"\ntype (from the CRM): "Appointment"'
        ),
        lambda a: {"calendarId": a["calendarId"].replace("-appointment", "-task")},
    ),
    Case(
        "delete_agenda_item",
        lambda box: {"taskId": first_of(box.state.tasks, bob(box))},
        lambda box, a: a["taskId"] not in box.state.tasks,
        lambda box, a: f'content (from the CRM): "{box.state.tasks[a["taskId"]]["content"][:40]}',
        lambda a: {"taskId": a["taskId"] + 1},
    ),
]
CASE_IDS = [c.tool for c in CASES]


# -- the harness ---------------------------------------------------------------------------


@dataclass
class Harness:
    box: Sandbox
    server: MCPServer
    gate: SafetyGate
    clock: Clock
    audit_path: Path
    asked: list[str] = field(default_factory=list)
    """Elicitation messages the person was shown."""

    def client(self, mode: str, answer: ElicitResult | None = None) -> Client:
        """A client that can elicit (answering `answer`) or, without `answer`, cannot."""
        if answer is None:
            return Client(self.server, mode=mode)

        async def person(context: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult:
            self.asked.append(params.message)
            return answer

        return Client(self.server, mode=mode, elicitation_callback=person)

    def audit_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.audit_path.read_text().splitlines()]


def make_harness(
    box: Sandbox,
    tmp_path: Path,
    *,
    confirm: ConfirmPolicy = "auto",
    environment: dict[str, str] | None = None,
) -> Harness:
    audit_path = tmp_path / "audit.jsonl"
    config = ServerConfig(
        toolsets=TOOLSETS,
        sandbox=True,
        confirm=confirm,
        audit_log=audit_path,
        environment=environment or {},
    )
    backend = ClientBackend(lambda: sandbox_client(box))
    clock = Clock()
    tokens, approvals = ConfirmationTokens(clock=clock), ApprovalBook(clock=clock)
    gate = SafetyGate(config, backend, tokens=tokens, approvals=approvals, resolve=fake_dns)
    return Harness(box, build_server(config, backend=backend, gate=gate), gate, clock, audit_path)


@pytest.fixture
def harness(sandbox: Sandbox, tmp_path: Path) -> Harness:
    return make_harness(sandbox, tmp_path)


@pytest.fixture
def token_harness(sandbox: Sandbox, tmp_path: Path) -> Harness:
    """CHIME_MCP_CONFIRM=token: the opt-in in-band token."""
    return make_harness(sandbox, tmp_path, confirm="token")


YES = ElicitResult(action="accept", content={"confirm": True})


def text_of(result: CallToolResult) -> str:
    return "\n".join(getattr(block, "text", "") for block in result.content)


async def first_call(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    """Call without a token (CHIME_MCP_CONFIRM=token); return the token the preview carries."""
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, text_of(result)  # waiting is not a failure
    assert "Not done yet" in text_of(result)
    assert result.structured_content is not None
    token = result.structured_content["approval"][TOKEN_ARGUMENT]
    assert isinstance(token, str) and token in text_of(result)
    return token


# -- elicitation ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_elicitation_accepted_acts(harness: Harness, case: Case, mode: str) -> None:
    arguments = case.arguments(harness.box)
    expected = case.preview(harness.box, arguments)
    async with harness.client(mode, YES) as client:
        result = await client.call_tool(case.tool, arguments)
    assert not result.is_error, text_of(result)
    assert case.done(harness.box, arguments)
    assert expected in harness.asked[0]
    assert [line["outcome"] for line in harness.audit_lines()] == ["ok"]


DECLINES = [
    ElicitResult(action="decline"),
    ElicitResult(action="cancel"),
    ElicitResult(action="accept", content={"confirm": False}),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("answer", DECLINES, ids=["decline", "cancel", "unticked"])
async def test_elicitation_declined_changes_nothing(
    harness: Harness, case: Case, mode: str, answer: ElicitResult
) -> None:
    arguments = case.arguments(harness.box)
    async with harness.client(mode, answer) as client:
        result = await client.call_tool(case.tool, arguments)
    assert result.is_error
    assert case.nothing_done in text_of(result)
    assert not case.done(harness.box, arguments)
    assert len(harness.asked) == 1
    assert [line["outcome"] for line in harness.audit_lines()] == ["declined"]


@pytest.mark.parametrize("mode", MODES)
async def test_elicitation_ignores_a_token_the_model_offers(sandbox: Sandbox, tmp_path: Path, mode: str) -> None:
    """A client that can ask the person always does; a token does not skip the question."""
    harness = make_harness(sandbox, tmp_path, confirm="token")
    case = CASES[1]
    arguments = case.arguments(harness.box)
    token = harness.gate.tokens.issue(case.tool, arguments)
    async with harness.client(mode, ElicitResult(action="decline")) as client:
        result = await client.call_tool(case.tool, {**arguments, TOKEN_ARGUMENT: token})
    assert result.is_error and harness.asked
    assert not case.done(harness.box, arguments)


# -- the token fallback --------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_token_flow_end_to_end(token_harness: Harness, case: Case, mode: str) -> None:
    harness = token_harness
    arguments = case.arguments(harness.box)
    expected = case.preview(harness.box, arguments)
    async with harness.client(mode) as client:
        first = await client.call_tool(case.tool, arguments)
        assert not first.is_error and expected in text_of(first), text_of(first)
        assert not case.done(harness.box, arguments)
        token = (first.structured_content or {})["approval"][TOKEN_ARGUMENT]
        second = await client.call_tool(case.tool, {**arguments, TOKEN_ARGUMENT: token})
    assert not second.is_error, text_of(second)
    assert case.done(harness.box, arguments)
    lines = harness.audit_lines()
    assert [line["outcome"] for line in lines] == ["pending-confirmation", "ok"]
    assert token not in harness.audit_path.read_text()
    assert TOKEN_ARGUMENT not in lines[1]["arguments"]  # the token confirms the call; it is not an argument


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_refused_tokens(token_harness: Harness, case: Case, mode: str) -> None:
    harness = token_harness
    arguments = case.arguments(harness.box)
    async with harness.client(mode) as client:

        async def refused(args: dict[str, Any], token: str, why: str) -> None:
            result = await client.call_tool(case.tool, {**args, TOKEN_ARGUMENT: token})
            assert result.is_error
            assert why in text_of(result), text_of(result)
            assert case.nothing_done in text_of(result)

        token = await first_call(client, case.tool, arguments)
        # Forged: made up, or this token with its binding altered.
        await refused(arguments, "ct1.AAAA.BBBB.CCCC", "not issued by this server")
        await refused(arguments, "yes", "not a token this server issued")
        altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        await refused(arguments, altered, "issued for a different call")
        # Other arguments, or another tool with the same arguments.
        await refused(case.other(arguments), token, "issued for a different call")
        assert not case.done(harness.box, arguments)

        # Expired: the clock moves past the five minutes.
        harness.clock.now += 301
        await refused(arguments, token, "expired")
        assert not case.done(harness.box, arguments)

        # Replayed: a fresh token works once, then never again.
        token = await first_call(client, case.tool, arguments)
        ok = await client.call_tool(case.tool, {**arguments, TOKEN_ARGUMENT: token})
        assert not ok.is_error, text_of(ok)
        await refused(arguments, token, "already used")
    assert case.done(harness.box, arguments)


async def test_token_for_another_tool_is_refused(token_harness: Harness) -> None:
    harness = token_harness
    note = CASES[1].arguments(harness.box)["noteId"]
    async with harness.client("legacy") as client:
        token = await first_call(client, "delete_note", {"noteId": note})
        result = await client.call_tool("delete_task", {"taskId": note, TOKEN_ARGUMENT: token})
    assert result.is_error and "issued for a different call" in text_of(result)


def test_tokens_bind_canonical_arguments() -> None:
    tokens = ConfirmationTokens(clock=Clock())
    token = tokens.issue("delete_lead", {"leadId": 5, "reason": "dup"})
    # Key order does not matter; every value does.
    tokens.redeem(token, "delete_lead", {"reason": "dup", "leadId": 5, TOKEN_ARGUMENT: token})
    other = ConfirmationTokens(clock=Clock())
    with pytest.raises(Exception, match="not issued by this server"):
        other.redeem(tokens.issue("delete_lead", {"leadId": 5}), "delete_lead", {"leadId": 5})


# -- policies ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_elicit_policy_refuses_without_elicitation(
    sandbox: Sandbox, tmp_path: Path, case: Case, mode: str
) -> None:
    h = make_harness(sandbox, tmp_path, confirm="elicit")
    arguments = case.arguments(h.box)
    async with h.client(mode) as client:
        result = await client.call_tool(case.tool, arguments)
        again = await client.call_tool(case.tool, arguments)
        # Nor does a token the model got elsewhere help: there is no such argument.
        token = h.gate.tokens.issue(case.tool, arguments)
        relayed = await client.call_tool(case.tool, {**arguments, TOKEN_ARGUMENT: token})
    for refused in (result, again):
        assert refused.is_error
        assert "CHIME_MCP_CONFIRM=elicit" in text_of(refused)
        assert "does not support" in text_of(refused)
    assert relayed.is_error and f"Unknown argument {TOKEN_ARGUMENT}" in text_of(relayed)
    assert not case.done(h.box, arguments)
    assert [line["outcome"] for line in h.audit_lines()] == ["error", "error"]


@pytest.mark.parametrize("mode", MODES)
async def test_elicit_policy_asks_where_the_client_can(sandbox: Sandbox, tmp_path: Path, mode: str) -> None:
    h = make_harness(sandbox, tmp_path, confirm="elicit")
    case = CASES[0]
    arguments = case.arguments(h.box)
    async with h.client(mode, YES) as client:
        result = await client.call_tool(case.tool, arguments)
    assert not result.is_error and case.done(h.box, arguments)


@pytest.mark.parametrize("mode", MODES)
async def test_off_policy_acts_at_once_and_warns(
    sandbox: Sandbox, tmp_path: Path, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="chime_mcp.safety"):
        h = make_harness(sandbox, tmp_path, confirm="off")
    assert "WITHOUT a person's confirmation" in caplog.text
    case = CASES[1]
    arguments = case.arguments(h.box)
    async with h.client(mode, YES) as client:
        result = await client.call_tool(case.tool, arguments)
    assert not result.is_error and case.done(h.box, arguments)
    assert h.asked == []
    assert [line["outcome"] for line in h.audit_lines()] == ["ok"]


# -- previews that cannot be read ----------------------------------------------------------

MISSING = [
    ("delete_lead", {"leadId": 999, "reason": "dup"}, "Lead 999 not found"),
    ("delete_note", {"noteId": 999}, "Note 999 not found"),
    ("delete_task", {"taskId": 999}, "Task 999 not found"),
    ("delete_log", {"logTypeId": 999}, "Log 999 not found"),
    ("delete_webhook", {"subscribeId": 999}, "Webhook 999 not found"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("answer", [YES, None], ids=["elicitation", "token"])
@pytest.mark.parametrize(("tool", "arguments", "message"), MISSING, ids=[m[0] for m in MISSING])
async def test_unreadable_preview_is_a_clear_error(
    harness: Harness,
    tool: str,
    arguments: dict[str, Any],
    message: str,
    answer: ElicitResult | None,
    mode: str,
) -> None:
    async with harness.client(mode, answer) as client:
        result = await client.call_tool(tool, arguments)
    assert result.is_error
    assert message in text_of(result) and "Nothing was deleted." in text_of(result)
    assert harness.asked == []
    assert harness.box.counters[f"op.{tool}"] == 0
    assert [line["outcome"] for line in harness.audit_lines()] == ["error"]


async def test_tool_schemas_carry_the_token_only_in_token_mode(harness: Harness, token_harness: Harness) -> None:
    async with harness.client("legacy") as client:
        assert not any(TOKEN_ARGUMENT in t.input_schema["properties"] for t in (await client.list_tools()).tools)
    async with token_harness.client("legacy") as client:
        tools = (await client.list_tools()).tools
    confirmed = {t.name for t in tools if TOKEN_ARGUMENT in t.input_schema["properties"]}
    assert confirmed == set(CASE_IDS)
    for tool in tools:
        assert "confirmation" not in tool.input_schema["properties"]  # the resolver's, hidden


async def test_audit_resource_lists_recent_changes(harness: Harness) -> None:
    lead = bob(harness.box)
    async with harness.client("auto") as client:
        empty = await client.read_resource("chime://audit/recent")
        await client.call_tool("add_note", {"leadId": lead, "content": "Called back."})
        await client.call_tool("search_leads", {"query": "Bob"})  # reads are not audited
        listed = await client.read_resource("chime://audit/recent")
    assert "no changes recorded" in getattr(empty.contents[0], "text", "")
    lines = getattr(listed.contents[0], "text", "").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["tool"] == "add_note" and entry["outcome"] == "ok"
    assert entry["ids"]["leadId"] == lead and "noteId" in entry["ids"]


async def test_no_secret_reaches_results_or_the_audit_log(tmp_path: Path) -> None:
    from chime_mcp.sandbox.app import SandboxConfig
    from chime_mcp.sandbox.demo import DEFAULT_NOW

    canary = "canary-key-7f3a9e1d5b"
    box = Sandbox(SandboxConfig(seed=7, now=DEFAULT_NOW, api_key=canary))
    h = make_harness(box, tmp_path, confirm="token", environment={"CHIME_API_KEY": canary})
    seen: list[str] = []
    async with h.client("legacy") as client:
        lead = bob(box)
        calls: list[tuple[str, dict[str, Any]]] = [
            ("add_note", {"leadId": lead, "content": "Asked about financing."}),
            ("delete_note", {"noteId": 999}),  # an error
            ("delete_lead", {"leadId": lead, "reason": "duplicate"}),
            ("create_webhook", {"callbackUrl": "http://10.0.0.5/x", "listId": 2}),  # refused
            ("create_webhook", {"callbackUrl": HOOK_URL, "listId": 2}),  # a secret in its query
        ]
        for tool, arguments in calls:
            seen.append(text_of(await client.call_tool(tool, arguments)))
        token = await first_call(client, "delete_lead", {"leadId": lead, "reason": "duplicate"})
        seen.append(
            text_of(
                await client.call_tool("delete_lead", {"leadId": lead, "reason": "duplicate", TOKEN_ARGUMENT: token})
            )
        )
        seen.append(getattr((await client.read_resource("chime://audit/recent")).contents[0], "text", ""))
    audit = h.audit_path.read_text()
    assert len(audit.splitlines()) == 7
    assert canary not in audit and token not in audit
    assert "s3cr3t" not in audit
    for text in seen:
        assert canary not in text
    box.close()
