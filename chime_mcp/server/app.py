"""Build the MCP server: tools from the catalog, the safety gate, resources and prompts."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from mcp.server.mcpserver import MCPServer

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import settings_from_env
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.prompts import register_prompts
from chime_mcp.server.resources import register_resources
from chime_mcp.server.safety import SafetyGate, register_audit_resource
from chime_mcp.server.specs import ToolSpec, all_tool_specs
from chime_mcp.server.timeline import register_timeline_tool
from chime_mcp.server.tools import register_tools, reject_unknown_arguments

log = logging.getLogger("chime_mcp.server")

SANDBOX_NOTICE = (
    "THIS IS THE CHIME-MCP SANDBOX: demo data in a local emulator, not a real CRM. Changes are not sent to Chime."
)


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


def client_factory(config: ServerConfig) -> Callable[[], ChimeClient]:
    def live() -> ChimeClient:
        settings = settings_from_env(config.environment)
        return ChimeClient(dataclasses.replace(settings, read_only=config.read_only))

    def sandbox() -> ChimeClient:
        from chime_mcp.sandbox.inprocess import sandbox_client

        client = sandbox_client(None)
        client.settings = dataclasses.replace(client.settings, read_only=config.read_only)
        return client

    return sandbox if config.sandbox else live


def selected_specs(config: ServerConfig) -> list[ToolSpec]:
    from chime_mcp.chime.operation import Effect

    return [
        spec
        for spec in all_tool_specs()
        if spec.toolset in config.toolsets and (not config.read_only or spec.effect is Effect.READ)
    ]


def instructions(config: ServerConfig) -> str:
    text = resources.files("chime_mcp.server").joinpath("instructions.md").read_text(encoding="utf-8")
    if config.sandbox:
        text = f"{SANDBOX_NOTICE}\n\n{text}"
    if config.read_only:
        text += "\n- This server is read-only: it cannot change the CRM."
    return text


def build_server(
    config: ServerConfig | None = None,
    *,
    backend: ClientBackend | None = None,
    gate: SafetyGate | None = None,
) -> MCPServer:
    config = config or ServerConfig()
    backend = backend or ClientBackend(client_factory(config))

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
    gate = gate or SafetyGate(config, backend)
    register_tools(server, selected_specs(config), backend, gate=gate)
    reject_unknown_arguments(server)
    register_audit_resource(server, gate.audit)
    if "leads" in config.toolsets:
        # Not a catalog operation: one read merged from thirteen of them (timeline.py).
        register_timeline_tool(server, backend)
    register_resources(server, backend)
    register_prompts(server)
    return server
