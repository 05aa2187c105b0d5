"""Bad tool arguments are refused before anything is sent, in words a model can act on (issue 13
items 6, 7, 13 and 17): no pydantic report, no NaN on the wire, the field and limit of oversized
text, and the toolset that holds a tool this server does not offer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig, parse_toolsets
from tests.support.results import text_of
from tests.support.sandboxes import BOB, fresh_sandbox

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")


@pytest.fixture
def box() -> Sandbox:
    return fresh_sandbox()


@pytest.fixture
async def client(box: Sandbox) -> AsyncIterator[Client]:
    config = ServerConfig(toolsets=parse_toolsets("all"), sandbox=True)
    server = build_server(config, backend=ClientBackend(lambda: sandbox_client(box)))
    async with Client(server, mode="legacy") as session:
        yield session


async def refused(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    result = await client.call_tool(tool, arguments)
    assert result.is_error
    return text_of(result)


async def test_a_wrong_type_is_one_plain_line_per_field(client: Client, box: Sandbox) -> None:
    text = await refused(client, "search_leads", {"phone": 5550183345, "limit": "many"})
    assert "phone: expected text, got a number (5550183345)" in text
    assert "limit: expected a whole number, got text 'many'" in text
    assert "validation error" not in text and "pydantic" not in text and "search_leadsArguments" not in text
    assert box.counters["requests"] == 0


async def test_a_missing_required_argument_is_named(client: Client) -> None:
    text = await refused(client, "get_lead", {})
    assert "leadId: required, but missing" in text


async def test_a_bound_is_stated_with_the_value(client: Client) -> None:
    text = await refused(client, "search_leads", {"limit": 0})
    assert "limit: must be at least 1, got a number (0)" in text


async def test_oversized_text_names_the_field_and_the_limit(client: Client, box: Sandbox) -> None:
    text = await refused(client, "search_leads", {"query": "x" * 1_000_000})
    assert "query: 1,000,000 characters, over the limit of 10,000" in text
    assert box.counters["requests"] == 0


async def test_oversized_text_in_a_list_names_the_item(client: Client, box: Sandbox) -> None:
    text = await refused(client, "update_lead", {"leadId": BOB, "groups": ["ok", "y" * 20_000]})
    assert "groups[1]: 20,000 characters, over the limit of 10,000" in text
    assert box.counters["requests"] == 0


async def test_nan_spelled_as_text_is_refused_before_sending(client: Client, box: Sandbox) -> None:
    text = await refused(client, "create_transaction", {"leadId": BOB, "transactionName": "12 Elm", "homePrice": "NaN"})
    assert "homePrice: NaN is not a number Chime accepts" in text
    text = await refused(client, "create_transaction", {"leadId": BOB, "transactionName": "12 Elm", "gci": "-inf"})
    assert "gci: -Infinity is not a number Chime accepts" in text
    assert box.counters["requests"] == 0


def _rpc(*messages: dict[str, Any] | str) -> bytes:
    return b"".join((m if isinstance(m, str) else json.dumps(m)).encode() + b"\n" for m in messages)


def test_nan_and_infinity_on_the_wire_are_refused() -> None:
    """JSON-RPC over stdio as a client sends it: the literals NaN and Infinity, which Python and
    pydantic read as floats, never reach Chime (the API's JSON parser refuses them)."""
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
    }
    call = (
        '{"jsonrpc": "2.0", "id": %d, "method": "tools/call", "params": {"name": "create_transaction",'
        ' "arguments": {"leadId": %d, "transactionName": "12 Elm", "homePrice": %s}}}'
    )
    process = subprocess.Popen(
        [CHIME_MCP, "serve", "--sandbox", "--toolsets", "all"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(_rpc(initialize, {"jsonrpc": "2.0", "method": "notifications/initialized"}))
        for number, shown in ((2, "NaN"), (3, "Infinity")):
            process.stdin.write(_rpc(call % (number, BOB, shown)))
            process.stdin.flush()
            answer: dict[str, Any] = {}
            while answer.get("id") != number:
                answer = json.loads(process.stdout.readline())
            result = answer["result"]
            assert result["isError"] is True
            assert f"homePrice: {shown} is not a number Chime accepts" in result["content"][0]["text"]
    finally:
        process.stdin.close()
        process.wait(timeout=30)


async def test_a_tool_of_another_toolset_names_it_and_how_to_enable_it(box: Sandbox) -> None:
    server = build_server(ServerConfig(sandbox=True), backend=ClientBackend(lambda: sandbox_client(box)))
    async with Client(server, mode="legacy") as session:
        text = await refused(session, "search_calls", {"leadId": BOB})
    assert "search_calls is in the communication toolset" in text
    assert "--toolsets default,communication" in text
    assert "CHIME_MCP_TOOLSETS=default,communication" in text


async def test_a_write_on_a_read_only_server_says_so(box: Sandbox) -> None:
    config = ServerConfig(sandbox=True, read_only=True)
    server = build_server(config, backend=ClientBackend(lambda: sandbox_client(box)))
    async with Client(server, mode="legacy") as session:
        text = await refused(session, "add_note", {"leadId": BOB, "content": "hi"})
        unknown = await refused(session, "no_such_tool", {})
    assert "add_note changes data, and this server runs read-only" in text
    assert "Unknown tool no_such_tool" in unknown
