"""The get_lead_timeline tool through an MCP client, on both protocol versions (the timeline
itself is tested without MCP in tests/services/test_timeline_service.py)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from mcp import Client

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client as make_sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.inventory import model_view, token_counter

pytestmark = pytest.mark.anyio


# -- the tool through an MCP client ------------------------------------------------------------------


@pytest.fixture(params=["2025-11-25", "2026-07-28"])
async def mcp_client(request: pytest.FixtureRequest, sandbox: Sandbox) -> AsyncIterator[Client]:
    backend = ClientBackend(lambda: make_sandbox_client(sandbox, backoff=0.001))
    server = build_server(ServerConfig(sandbox=True), backend=backend)
    mode = "legacy" if request.param == "2025-11-25" else "auto"
    async with Client(server, mode=mode) as client:
        yield client


async def test_tool_is_listed_read_only_flat_and_small(mcp_client: Client) -> None:
    tools = {tool.name: tool for tool in (await mcp_client.list_tools()).tools}
    tool = tools["get_lead_timeline"]
    hints = tool.annotations
    assert hints is not None and tool.title
    assert (hints.read_only_hint, hints.destructive_hint, hints.idempotent_hint, hints.open_world_hint) == (
        True,
        False,
        True,
        False,
    )
    schema_text = json.dumps(tool.input_schema)
    for word in ("$ref", "$defs", "anyOf", "oneOf", "allOf"):
        assert word not in schema_text
    assert tool.input_schema["required"] == ["leadId"]
    count, exact = token_counter()
    view = model_view(tool.model_dump(mode="json", by_alias=True, exclude_none=True))
    assert count(view) <= 130 or not exact


async def test_tool_returns_markdown_and_structured_events(mcp_client: Client, sandbox: Sandbox) -> None:
    lead_id = next(lead["leadId"] for lead in sandbox.state.leads.values() if lead["firstName"] == "Bob")
    result = await mcp_client.call_tool("get_lead_timeline", {"leadId": lead_id, "kinds": "note", "limit": 2})
    assert not result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert text.startswith('# Timeline of "Bob Li"')
    data = result.structured_content
    assert data is not None and data["shown"] == 2 and {e["kind"] for e in data["events"]} == {"note"}


async def test_tool_errors_say_what_to_do(mcp_client: Client) -> None:
    missing = await mcp_client.call_tool("get_lead_timeline", {"leadId": 42})
    assert missing.is_error
    assert "Lead 42 not found: find it with search_leads" in missing.content[0].text  # type: ignore[union-attr]
    bad = await mcp_client.call_tool("get_lead_timeline", {"leadId": 42, "kinds": "phone"})
    assert bad.is_error and "Unknown kinds phone" in bad.content[0].text  # type: ignore[union-attr]


def test_tool_is_in_the_default_set_only_with_leads() -> None:
    import anyio

    def names(config: ServerConfig) -> set[str]:
        return {tool.name for tool in anyio.run(build_server(config).list_tools)}

    assert "get_lead_timeline" in names(ServerConfig())
    assert "get_lead_timeline" in names(ServerConfig(read_only=True))
    assert "get_lead_timeline" not in names(ServerConfig(toolsets=("notes",)))
