"""The `chime-mcp` command as a person runs it: its output and exit code.

A few tests start the installed command as a real process (the entry point, exit codes and
stdout of a process are their point); the others call `cli.main` in this process, with the
same arguments and environment, which saves a second or more of start-up each.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chime_mcp import cli
from chime_mcp.chime.catalog import TOOLSETS
from tests.support.sandboxes import LiveSandbox

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
    for step in ("search_leads", "get_lead", "log_call", "create_task", "list_tasks"):
        assert step in done.stdout
    assert "Confirm Saturday showing" in done.stdout


def test_sandbox_command_rejects_a_bad_rate_limit() -> None:
    done = run("sandbox", "--rate-limit", "lots")
    assert done.returncode == 2 and "--rate-limit" in done.stderr
