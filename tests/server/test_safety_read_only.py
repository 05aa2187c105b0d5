"""Read-only mode: no write tool is listed, and the client refuses writes before sending."""

from __future__ import annotations

import pytest
from mcp import Client

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import BY_NAME, TOOLSETS, routing, team
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.operation import Effect
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import BASE_URL, sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.specs import all_tool_specs

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_read_only_lists_no_write_tool(sandbox: Sandbox, mode: str) -> None:
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, read_only=True)
    server = build_server(config, backend=ClientBackend(lambda: sandbox_client(sandbox)))
    async with Client(server, mode=mode) as client:
        tools = (await client.list_tools()).tools
    listed = {t.name for t in tools}
    assert {s.name for s in all_tool_specs() if s.effect is Effect.READ} <= listed
    assert not listed & {s.name for s in all_tool_specs() if s.effect is not Effect.READ}
    for tool in tools:
        assert tool.annotations is not None and tool.annotations.read_only_hint is True
        assert "confirmationToken" not in tool.input_schema["properties"]
    assert {"preview_routing", "generate_call_script", "prepare_meeting_insight"} <= listed  # reads sent as POST


@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_preview_routing_answers_in_read_only_mode(sandbox: Sandbox, mode: str) -> None:
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, read_only=True)
    server = build_server(config, backend=ClientBackend(lambda: sandbox_client(sandbox)))
    leads = len(sandbox.state.leads)
    async with Client(server, mode=mode) as client:
        result = await client.call_tool("preview_routing", {"firstName": "Nina", "email": "nina@example.com"})
    assert not result.is_error
    text = " ".join(getattr(c, "text", "") for c in result.content)
    assert "customRoleAssignees" in text
    assert len(sandbox.state.leads) == leads


@pytest.mark.parametrize(
    ("tool", "params", "body"),
    [
        ("delete_note", {"noteId": 1}, None),
        ("delete_lead", {"leadId": 1, "reason": "dup"}, None),
        ("add_note", {}, {"leadId": 1, "content": "hi"}),
        ("create_webhook", {}, {"callbackUrl": "https://93.184.216.34/x", "listId": 2}),
    ],
)
async def test_client_refuses_writes_before_sending(
    sandbox: Sandbox, tool: str, params: dict[str, object], body: dict[str, object] | None
) -> None:
    settings = ClientSettings(
        credential=Credential("api_key", sandbox.config.api_key), base_url=BASE_URL, read_only=True
    )
    async with sandbox_client(sandbox, settings=settings) as client:
        with pytest.raises(errors.ReadOnlyError, match="restart it without --read-only"):
            await client.call(BY_NAME[tool], params, body)
        # Reads still work, a read sent as POST (the routing preview) too.
        await client.call(team.GET_ME)
        await client.call(routing.PREVIEW_ROUTING, body={"firstName": "Nina", "email": "nina@example.com"})
    assert sandbox.counters["requests"] == 2
    assert sandbox.counters[f"op.{tool}"] == 0


@pytest.mark.parametrize("mode", ["legacy", "auto"])
@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("find_listings", {"searchScope": "office"}),
        ("search_agent_communications", {"startTime": "2026-06-15T00:00:00Z", "endTime": "2026-06-15T12:00:00Z"}),
    ],
)
async def test_the_reads_sent_as_post_answer_in_read_only_mode(
    sandbox: Sandbox, mode: str, tool: str, arguments: dict[str, object]
) -> None:
    # The v2 listing search and the v1 agent communications search change nothing (issue 14).
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, read_only=True)
    server = build_server(config, backend=ClientBackend(lambda: sandbox_client(sandbox)))
    async with Client(server, mode=mode) as client:
        result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert sandbox.counters[f"op.{tool}"] == 1
