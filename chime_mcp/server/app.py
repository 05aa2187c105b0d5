"""Build the MCP server: tools from the catalog, the safety gate, resources and prompts.

Which Chime client the tools use (the live API or the sandbox) is not decided here: the
caller passes a backend, and `chime_mcp.wiring` is the caller that decides.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from mcp.server.mcpserver import MCPServer

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.instructions import SANDBOX_NOTICE, instructions
from chime_mcp.server.progress import report_rate_limit_waits
from chime_mcp.server.prompts import register_prompts
from chime_mcp.server.resources import register_resources
from chime_mcp.server.safety import SafetyGate, register_audit_resource
from chime_mcp.server.tools.dynamic import register_dynamic_tools
from chime_mcp.server.tools.get_lead_timeline import register_timeline_tool
from chime_mcp.server.tools.inventory import selected_specs
from chime_mcp.server.tools.register import check_tool_calls, register_tools

log = logging.getLogger("chime_mcp.server")

__all__ = ["SANDBOX_NOTICE", "ClientBackend", "build_server", "instructions", "selected_specs"]


class ClientBackend:
    """Creates the Chime client on first use (nothing is read or opened at start-up)."""

    def __init__(self, factory: Callable[[], ChimeClient]) -> None:
        self._factory = factory
        self._client: ChimeClient | None = None

    async def client(self) -> ChimeClient:
        if self._client is None:
            self._client = self._factory()
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _unwired() -> ChimeClient:
    raise ConfigurationError(
        "This server was built without a Chime client",
        hint="Build it with chime_mcp.wiring.build_server(config), or pass backend=",
    )


def build_server(
    config: ServerConfig | None = None,
    *,
    backend: ClientBackend | None = None,
    gate: SafetyGate | None = None,
) -> MCPServer:
    """The MCP server for `config`; its tools reach Chime through `backend`.

    Without a backend the server lists everything but fails every call that reaches Chime
    (what `chime-mcp tools` and schema tests need); `chime_mcp.wiring.build_server` passes the
    live or sandbox one.
    """
    config = config or ServerConfig()
    backend = backend or ClientBackend(_unwired)

    @asynccontextmanager
    async def lifespan(_: MCPServer[Any]) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await backend.aclose()

    server: MCPServer[Any] = MCPServer(
        name="chime",
        title="Chime CRM" + (" (sandbox)" if config.sandbox else ""),
        instructions=instructions(config),
        version="0.1.0",
        lifespan=lifespan,
    )
    # The gate confirms deletes and webhooks and audits every change (see safety.py); tests pass
    # their own to fix its clock and DNS resolver.
    # httpx2 logs every request at INFO; the client logs what matters (retries, rate limits).
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    safety = gate or SafetyGate(config, backend)

    def register(offered: tuple[str, ...]) -> None:
        chosen = dataclasses.replace(config, toolsets=offered)
        register_tools(server, selected_specs(chosen), backend, gate=safety)
        if "leads" in offered:
            # Not a catalog operation: one read merged from fifteen of them (timeline.py).
            register_timeline_tool(server, backend)

    register(config.toolsets)
    if config.dynamic_toolsets:
        register_dynamic_tools(server, config, register)
    check_tool_calls(server, config)
    report_rate_limit_waits(server)
    register_audit_resource(server, safety.audit)
    register_resources(server, backend)
    register_prompts(server)
    return server
