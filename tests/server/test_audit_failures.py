"""An audit failure never hides what a call did (issue 13, item 5).

The API call is made first; the audit line after it. Whatever goes wrong with the line (bytes that
are not text, a file that became unwritable after start), the result says what the call did, the
audit failure is said beside it in a line of its own and logged as an error, and the API is asked
exactly once (a result that read "failed" would have the model repeat an applied write).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client

from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ConfirmPolicy, ServerConfig
from tests.support.results import text_of
from tests.support.wire import Wire

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")
LEAD = 600000000000050


@pytest.fixture(params=["legacy", "auto"])
def mode(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


async def call(
    wire: Wire, audit: Path, mode: str, tool: str, confirm: ConfirmPolicy = "auto", **arguments: Any
) -> tuple[bool, str, str]:
    """(is_error, the result's text, the audit resource's text) of one call through the server."""
    config = ServerConfig(toolsets=toolsets.ALL, audit_log=audit, confirm=confirm)
    server = build_server(config, backend=ClientBackend(wire.client))
    async with Client(server, mode=mode) as client:
        result = await client.call_tool(tool, arguments)
        recent = await client.read_resource("chime://audit/recent")
    shown = "".join(getattr(block, "text", "") for block in recent.contents)
    return bool(result.is_error), text_of(result), shown


def break_after_start(audit: Path) -> None:
    """Make `audit` unwritable, as a full disk or a rotated-away folder would (even for root)."""
    audit.unlink()
    audit.mkdir()


def posts(wire: Wire) -> list[httpx2.Request]:
    return [r for r in wire.requests if r.method != "GET"]


async def test_a_lone_surrogate_in_a_write_is_audited_and_the_write_reported_done(tmp_path: Path, mode: str) -> None:
    wire = Wire(httpx2.Response(200, json={"noteId": 9}))
    audit = tmp_path / "audit.jsonl"
    failed, text, recent = await call(wire, audit, mode, "add_note", leadId=LEAD, content="hi \udcff there")
    assert not failed, text
    assert "Audit warning" not in text
    assert len(posts(wire)) == 1
    [line] = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert line["outcome"] == "ok" and line["arguments"]["content"] == "hi \ufffd there"
    assert line["ids"] == {"leadId": LEAD, "noteId": 9}
    assert "hi \ufffd there" in recent


async def test_an_audit_file_unwritable_after_start_is_said_beside_the_applied_write(
    tmp_path: Path, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    wire = Wire(httpx2.Response(200, json={"noteId": 9}))
    audit = tmp_path / "audit.jsonl"
    audit.touch()
    config = ServerConfig(toolsets=toolsets.ALL, audit_log=audit)
    server = build_server(config, backend=ClientBackend(wire.client))  # the start-up check passes
    break_after_start(audit)
    with caplog.at_level(logging.ERROR, logger="chime_mcp.audit"):
        async with Client(server, mode=mode) as client:
            result = await client.call_tool("add_note", {"leadId": LEAD, "content": "Called"})
    text = text_of(result)
    assert not result.is_error, text
    assert len(posts(wire)) == 1
    lines = [block.text for block in result.content if hasattr(block, "text")]
    assert len(lines) >= 2 and lines[-1].startswith("Audit warning: the audit log")
    assert "could not be written" in lines[-1] and "do not repeat the call" in lines[-1]
    assert "Audit warning" not in "".join(lines[:-1])
    assert "Could not write the audit log" in caplog.text and "add_note (ok) is not in the file" in caplog.text


async def test_a_failed_write_stays_failed_and_the_audit_failure_is_said_too(tmp_path: Path, mode: str) -> None:
    wire = Wire(httpx2.Response(400, json={"code": 20012, "message": "content too long"}))
    audit = tmp_path / "audit.jsonl"
    audit.touch()
    config = ServerConfig(toolsets=toolsets.ALL, audit_log=audit)
    server = build_server(config, backend=ClientBackend(wire.client))
    break_after_start(audit)
    async with Client(server, mode=mode) as client:
        result = await client.call_tool("add_note", {"leadId": LEAD, "content": "Called"})
    text = text_of(result)
    assert result.is_error
    assert "content too long" in text and "Audit warning: the audit log" in text


async def test_a_pending_confirmation_with_a_broken_audit_file_says_so(tmp_path: Path, mode: str) -> None:
    wire = Wire(httpx2.Response(200, json={"noteId": 9, "leadId": LEAD, "content": "old"}))
    audit = tmp_path / "audit.jsonl"
    audit.touch()
    config = ServerConfig(toolsets=toolsets.ALL, audit_log=audit, confirm="token")
    server = build_server(config, backend=ClientBackend(wire.client))
    break_after_start(audit)
    async with Client(server, mode=mode) as client:
        result = await client.call_tool("delete_note", {"noteId": 9})
    text = text_of(result)
    assert not result.is_error and "Not done yet" in text and "Audit warning: the audit log" in text
    assert posts(wire) == []


def test_non_utf8_bytes_on_the_command_line_are_refused_before_anything_is_sent(tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    done = subprocess.run(
        [CHIME_MCP, "call", "add_note", "--sandbox", "--arg", f"leadId={LEAD}", "--arg", b"content=hi \xff there"],
        env={**env, "CHIME_MCP_AUDIT_LOG": str(audit)},
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "--arg content is not UTF-8 text (byte 0xff at character 4); nothing was sent" in err
    assert "Traceback" not in err and done.stdout == b""
    assert not audit.exists() or audit.read_text() == ""
