"""One MCP server per contract test module (all toolsets, confirmation off), over a mock wire.

`served` (tests.support.contract_server.Served) answers every request with the `Answer` the test
installs and keeps the requests; tools are called through an in-memory MCP client, as a model
calls them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from mcp import Client

from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.contract_server import Served, Wire


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def served() -> AsyncIterator[Served]:
    wire = Wire()
    server = build_server(ServerConfig(toolsets=toolsets.ALL, confirm="off"), backend=ClientBackend(wire.client))
    async with Client(server) as client:
        listed = (await client.list_tools()).tools
        yield Served(client, wire, {tool.name: dict(tool.input_schema) for tool in listed})
