"""The real processes: `chime-mcp serve --sandbox` over stdio and over streamable HTTP."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from mcp import Client, StdioServerParameters

from chime_mcp import cli
from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server.app import build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.http import http_app, is_loopback
from chime_mcp.server.safety.approvals import ApprovalBook
from tests.support.processes import free_port, wait_listening

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    return env


def _text(result: object) -> str:
    return "\n".join(getattr(block, "text", "") for block in getattr(result, "content", []))


async def test_stdio_serves_the_sandbox() -> None:
    params = StdioServerParameters(command=CHIME_MCP, args=["serve", "--sandbox"], env=_env())
    async with Client(params, mode="legacy") as client:
        assert "SANDBOX" in (client.instructions or "")
        names = {tool.name for tool in (await client.list_tools()).tools}
        assert {"search_leads", "add_note", "create_calendar_event", "log_call"} <= names
        result = await client.call_tool("search_leads", {"query": "bob li"})
        assert not result.is_error, _text(result)
        assert "Bob" in _text(result)


@pytest.fixture
def http_server() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [CHIME_MCP, "serve", "--sandbox", "--transport", "http", "--port", str(port)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_listening(process, "127.0.0.1", port, "the HTTP server")
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
        assert out == b"", "nothing may be written to stdout"


async def test_streamable_http_serves_the_sandbox(http_server: str) -> None:
    async with Client(http_server) as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        assert "search_leads" in names
        result = await client.call_tool("search_leads", {"query": "bob"})
        assert not result.is_error, _text(result)
        assert "Bob" in _text(result)


def test_binding_beyond_loopback_needs_a_token() -> None:
    server = build_server(ServerConfig(sandbox=True))
    with pytest.raises(ConfigurationError, match="CHIME_MCP_HTTP_TOKEN"):
        http_app(server, host="0.0.0.0", token=None)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


async def test_bearer_token_guards_the_endpoint() -> None:
    server = build_server(ServerConfig(sandbox=True))
    app = http_app(server, host="0.0.0.0", token="t0ken-for-tests-" * 3)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as http:
        refused = await http.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
        assert refused.status_code == 401
        wrong = await http.post("/mcp", json={}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401


def test_cli_refuses_http_beyond_loopback_without_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In this process: the refusal comes before anything is served (the stdio tests above and
    # below check a real process's stdout).
    for key in [k for k in os.environ if k.startswith("CHIME_")]:
        monkeypatch.delenv(key)
    code = cli.main(["serve", "--sandbox", "--transport", "http", "--host", "0.0.0.0", "--port", "1"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "CHIME_MCP_HTTP_TOKEN" in err
    assert out == ""


def test_serve_without_credential_says_what_to_set() -> None:
    completed = subprocess.run(
        [CHIME_MCP, "serve"], env=_env(), capture_output=True, timeout=30, stdin=subprocess.DEVNULL
    )
    assert completed.returncode == 2
    assert b"CHIME_API_KEY" in completed.stderr and b"--sandbox" in completed.stderr
    assert completed.stdout == b""


async def test_over_http_the_approval_page_is_at_the_servers_own_origin(http_server: str) -> None:
    origin = http_server.removesuffix("/mcp")
    async with Client(http_server) as client, httpx2.AsyncClient() as http:
        lead = await client.call_tool("search_leads", {"query": "bob li"})
        lead_id = (lead.structured_content or {})["leads"][0]["leadId"]
        notes = await client.call_tool("list_notes", {"leadId": lead_id})
        note_id = (notes.structured_content or {})["result"][0]["noteId"]
        waiting = await client.call_tool("delete_note", {"noteId": note_id})
        assert not waiting.is_error, _text(waiting)
        link = (waiting.structured_content or {})["approval"]["url"]
        assert link.startswith(f"{origin}/approve/")
        page = await http.get(link)
        token = re.search(r'name="token" value="([^"]+)"', page.text)
        assert page.status_code == 200 and token
        approved = await http.post(
            link, data={"token": token.group(1), "decision": "approve"}, headers={"Origin": origin}
        )
        assert approved.status_code == 200 and "Approved" in approved.text
        done = await client.call_tool("delete_note", {"noteId": note_id})
        assert not done.is_error and "approval" not in (done.structured_content or {}), _text(done)
        gone = await client.call_tool("get_note", {"noteId": note_id})
    assert gone.is_error and "not found" in _text(gone).lower()


async def test_the_bearer_token_guards_mcp_but_not_the_approval_pages() -> None:
    """The person's browser has no token: a page's unguessable path and page token guard it."""
    book = ApprovalBook()
    approval = book.request("delete_note", {"noteId": 1}, "Delete note #1")
    server = build_server(ServerConfig(sandbox=True))
    app = http_app(server, host="0.0.0.0", token="t0ken-for-tests-" * 3, approvals=book)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as http:
        assert (await http.post("/mcp", json={})).status_code == 401
        page = await http.get(f"/approve/{approval.page_id}")
        assert page.status_code == 200 and "Delete note #1" in page.text
        assert (await http.get("/approve/not-a-page")).status_code == 404
