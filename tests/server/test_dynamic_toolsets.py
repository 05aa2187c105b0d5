"""Progressive disclosure (`--dynamic-toolsets`): find_tools finds tools of every toolset,
enable_toolset adds one and the client hears that its tool list changed, on both protocol
versions: 2025-11-25 through notifications/tools/list_changed, 2026-07-28 through its
subscriptions/listen stream. The client here does what a host that refreshes does: on the
notification, it lists the tools again."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp_types import ToolListChangedNotification

from chime_mcp import cli
from chime_mcp.sandbox.app import create_app
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.instructions import instructions
from chime_mcp.server.tools.dynamic import DISCOVERY_TOOLS
from chime_mcp.wiring import listed_tools
from tests.server.test_tool_policy import RULES
from tests.support.results import text_of
from tests.support.sandboxes import BOB, fresh_sandbox

pytestmark = pytest.mark.anyio

MODES = ["legacy", "auto"]
"""legacy: 2025-11-25; auto: 2026-07-28."""
COMMUNICATION = {
    "search_calls",
    "get_call",
    "list_call_history",
    "list_email_history",
    "list_text_history",
    # Beyond the reference (issue 14).
    "get_call_recording_url",
    "list_calls",
    "list_agent_communications",
    "search_agent_communications",
    "get_call_record",
    "get_email",
    "get_text",
}


class Host:
    """A client session that keeps the tool list as a host does: fetched at start, fetched again
    whenever the server says it changed."""

    def __init__(self, client: Client, mode: str) -> None:
        self.client = client
        self.mode = mode
        self.tools: set[str] = set()
        self.changes = 0
        self.changed = anyio.Event()

    async def refresh(self) -> None:
        self.tools = {tool.name for tool in (await self.client.list_tools()).tools}

    async def call(self, tool: str, **arguments: Any) -> tuple[str, bool, dict[str, Any]]:
        result = await self.client.call_tool(tool, arguments)
        return text_of(result), bool(result.is_error), result.structured_content or {}

    async def call_and_follow(self, tool: str, **arguments: Any) -> tuple[str, bool, dict[str, Any]]:
        """Make the call; if the server says the tool list changed, list the tools again."""
        if self.mode == "auto":
            async with self.client.listen(tools_list_changed=True) as subscription:
                answer = await self.call(tool, **arguments)
                with anyio.move_on_after(2):
                    async for _event in subscription:
                        self.changes += 1
                        break
        else:
            self.changed = anyio.Event()
            answer = await self.call(tool, **arguments)
            with anyio.move_on_after(0.5):
                await self.changed.wait()
        if self.changes:
            await self.refresh()
        return answer


@asynccontextmanager
async def host(mode: str, **settings: Any) -> AsyncIterator[Host]:
    box = fresh_sandbox()
    backend = ClientBackend(lambda: sandbox_client(create_app(sandbox=box)))
    config = ServerConfig(sandbox=True, dynamic_toolsets=True, environment={}, **settings)
    server = build_server(config, backend=backend)
    holder: list[Host] = []

    async def on_message(message: Any) -> None:
        # A 2026-07-28 client hears of changes on its listen stream (which the SDK also passes
        # here): only the 2025-11-25 session's notification is counted here.
        if isinstance(message, ToolListChangedNotification) and holder and mode == "legacy":
            holder[0].changes += 1
            holder[0].changed.set()

    try:
        async with Client(server, mode=mode, message_handler=on_message) as client:
            session = Host(client, mode)
            holder.append(session)
            await session.refresh()
            yield session
    finally:
        await backend.aclose()
        box.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize("mode", MODES)
async def test_find_tools_names_tools_of_every_toolset_one_line_each(mode: str) -> None:
    async with host(mode) as h:
        assert "list_text_history" not in h.tools
        text, error, data = await h.call("find_tools", query="text history")
    assert not error, text
    lines = text.splitlines()
    assert lines[0] == (
        "list_text_history (communication; enable_toolset communication first): A lead's text message history."
    )
    assert "log_text (logs; enabled): Log a text sent outside Chime." in lines
    assert data["tools"][0] == {
        "name": "list_text_history",
        "toolset": "communication",
        "enabled": False,
        "description": "A lead's text message history.",
    }


@pytest.mark.parametrize("mode", MODES)
async def test_find_tools_with_no_match_names_the_toolsets(mode: str) -> None:
    async with host(mode) as h:
        text, error, data = await h.call("find_tools", query="zzzz")
    assert not error
    assert text.startswith("No tool matches 'zzzz'. The toolsets: leads: find, read, create")
    assert "webhooks: webhook subscriptions" in text
    assert data == {"tools": [], "more": 0}


@pytest.mark.parametrize("mode", MODES)
async def test_enable_toolset_adds_its_tools_and_the_client_hears_of_it(mode: str) -> None:
    async with host(mode) as h:
        before = set(h.tools)
        refused, error, _ = await h.call("list_text_history", leadId=BOB)
        assert error
        assert "call enable_toolset with toolset='communication', then list_text_history" in refused

        text, error, data = await h.call_and_follow("enable_toolset", toolset="communication")
        assert not error, text
        assert h.changes == 1, "the client was not told that the tool list changed"
        assert h.tools == before | COMMUNICATION
        assert set(data["added"]) == COMMUNICATION
        assert text.startswith("Enabled the communication toolset: search_calls, get_call")

        history, error, _ = await h.call("list_text_history", leadId=BOB)
        assert not error, history
        found, _, _ = await h.call("find_tools", query="text history")
        assert found.splitlines()[0].startswith("list_text_history (communication; enabled)")


@pytest.mark.parametrize("mode", MODES)
async def test_enabling_an_enabled_toolset_changes_nothing(mode: str) -> None:
    async with host(mode) as h:
        before = set(h.tools)
        text, error, data = await h.call_and_follow("enable_toolset", toolset="notes")
        assert not error
        assert text == "The notes toolset is already enabled: its tools are in your tool list."
        assert data == {"toolset": "notes", "added": []}
        assert h.changes == 0
        await h.refresh()
        assert h.tools == before


@pytest.mark.parametrize("mode", MODES)
async def test_an_unknown_toolset_is_refused_with_the_choices(mode: str) -> None:
    async with host(mode) as h:
        text, error, _ = await h.call_and_follow("enable_toolset", toolset="weather")
    assert error
    assert "toolset: expected one of 'leads', 'notes'" in text and f"'{toolsets.ALL[-1]}', got text 'weather'" in text
    assert h.changes == 0


@pytest.mark.parametrize("mode", MODES)
async def test_read_only_finds_and_enables_reads_only(mode: str) -> None:
    async with host(mode, read_only=True) as h:
        found, _, data = await h.call("find_tools", query="webhook")
        assert [tool["name"] for tool in data["tools"]] == ["list_webhooks"], found
        text, error, data = await h.call_and_follow("enable_toolset", toolset="webhooks")
        assert not error, text
        assert data["added"] == ["list_webhooks"]
        assert "list_webhooks" in h.tools and "create_webhook" not in h.tools
        refused, error, _ = await h.call("create_webhook", listId=[2], url="https://93.184.216.34/hook")
    assert error and "this server runs read-only" in refused


async def test_the_2025_client_is_told_the_tool_list_can_change() -> None:
    async with host("legacy") as h:
        capabilities = h.client.server_capabilities
        assert capabilities is not None and capabilities.tools is not None
        assert capabilities.tools.list_changed is True


def test_without_the_mode_no_discovery_tool_is_listed() -> None:
    names = {tool["name"] for tool in listed_tools(ServerConfig())}
    assert not names & set(DISCOVERY_TOOLS)
    assert "find_tools" not in instructions(ServerConfig())


def test_the_mode_adds_two_tools_to_the_default_set_and_says_so() -> None:
    plain = {tool["name"] for tool in listed_tools(ServerConfig())}
    dynamic = listed_tools(ServerConfig(dynamic_toolsets=True))
    assert {tool["name"] for tool in dynamic} == plain | set(DISCOVERY_TOOLS)
    assert "find_tools finds any tool by words, enable_toolset adds its toolset" in instructions(
        ServerConfig(dynamic_toolsets=True)
    )
    discovery = [tool for tool in dynamic if tool["name"] in DISCOVERY_TOOLS]
    for rule in RULES:
        assert {tool["name"]: rule(tool) for tool in discovery if rule(tool)} == {}
    for tool in discovery:
        assert tool["annotations"]["readOnlyHint"] is True and tool["annotations"]["destructiveHint"] is False


@pytest.mark.parametrize(
    ("args", "env"), [(["--dynamic-toolsets"], {}), ([], {"CHIME_MCP_DYNAMIC_TOOLSETS": "on"})], ids=["flag", "env"]
)
def test_the_flag_and_the_variable_turn_the_mode_on(
    args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key in [k for k in os.environ if k.startswith("CHIME_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert cli.main(["tools", "--sandbox", "--json", *args]) == 0
    rows = {row["tool"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["find_tools"]["effect"] == "read" and rows["enable_toolset"]["operation"] == "(lists tools)"
    assert "list_text_history" not in rows
