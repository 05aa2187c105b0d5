"""The composition root: the environment and the command line -> the configuration, and the
one decision between the live Chime API and the built-in sandbox.

No other module reads the environment: everything below gets what it needs from here, as a
mapping (`ServerConfig.environment`, the `env` of `settings_from_env`). The sandbox is
imported only here (and only when chosen), so the server never imports it.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Environment, parse_flag, settings_from_env
from chime_mcp.server.config import ServerConfig, parse_confirm, parse_toolsets

if TYPE_CHECKING:
    from mcp.client.session import ElicitationFnT
    from mcp.server.mcpserver import MCPServer
    from mcp_types import CallToolResult

    from chime_mcp.server.app import ClientBackend

BOOLEAN_SETTINGS = ("CHIME_MCP_READ_ONLY", "CHIME_MCP_DYNAMIC_TOOLSETS")
"""Every on/off environment variable; each is read by `parse_flag` (1/true/yes/on, 0/false/no/off)."""


def environment() -> Environment:
    """The process environment, read once, here (its repr never shows a value)."""
    return Environment(os.environ)


def server_config(
    env: Mapping[str, str],
    *,
    toolsets: str | None = None,
    read_only: bool = False,
    sandbox: bool = False,
    dynamic_toolsets: bool = False,
) -> ServerConfig:
    """The server's settings: command-line values first, then CHIME_MCP_* variables."""
    audit = env.get("CHIME_MCP_AUDIT_LOG")
    return ServerConfig(
        toolsets=parse_toolsets(toolsets or env.get("CHIME_MCP_TOOLSETS")),
        # Parsed even when --read-only is given: a misspelt value stops the server either way.
        read_only=parse_flag("CHIME_MCP_READ_ONLY", env.get("CHIME_MCP_READ_ONLY")) or read_only,
        dynamic_toolsets=parse_flag("CHIME_MCP_DYNAMIC_TOOLSETS", env.get("CHIME_MCP_DYNAMIC_TOOLSETS"))
        or dynamic_toolsets,
        sandbox=sandbox,
        confirm=parse_confirm(env.get("CHIME_MCP_CONFIRM")),
        audit_log=Path(audit) if audit else None,
        environment=Environment(env),
    )


def live_settings(config: ServerConfig) -> ClientSettings:
    """The live client's settings from `config.environment`; ConfigurationError when incomplete."""
    settings = settings_from_env(config.environment)
    return dataclasses.replace(settings, read_only=config.read_only)


def sandbox_client(**client_kwargs: Any) -> ChimeClient:
    """A client of a fresh in-process sandbox (demo data, no account)."""
    from chime_mcp.sandbox.inprocess import sandbox_client as in_process

    return in_process(None, **client_kwargs)


def client_factory(config: ServerConfig) -> Callable[[], ChimeClient]:
    """How the server makes its client: the sandbox when `config.sandbox`, else the live API."""

    def live() -> ChimeClient:
        return ChimeClient(live_settings(config))

    def sandbox() -> ChimeClient:
        client = sandbox_client()
        client.settings = dataclasses.replace(client.settings, read_only=config.read_only)
        return client

    return sandbox if config.sandbox else live


def backend(config: ServerConfig) -> ClientBackend:
    from chime_mcp.server.app import ClientBackend

    return ClientBackend(client_factory(config))


def build_server(config: ServerConfig) -> MCPServer[Any]:
    """The MCP server for `config`, with the live or sandbox client it names."""
    from chime_mcp.server.app import build_server as build

    return build(config, backend=backend(config))


def listed_tools(config: ServerConfig) -> list[dict[str, Any]]:
    """tools/list of the server `config` describes, as JSON-ready dicts."""
    from chime_mcp.server.tools.inventory import listing

    return listing(build_server(config))


def http_token(config: ServerConfig) -> str | None:
    return config.environment.get("CHIME_MCP_HTTP_TOKEN")


def quiet_logs() -> None:
    """One-shot commands print results; the server's INFO lines would only repeat them."""
    logging.getLogger().setLevel(logging.WARNING)


def check_credentials(config: ServerConfig) -> None:
    """Fail at start, not at the first tool call, when the live API has no credential."""
    if not config.sandbox:
        live_settings(config)


def serve(config: ServerConfig, *, transport: str = "stdio", host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the MCP server over stdio or streamable HTTP until stopped."""
    check_credentials(config)
    if transport == "stdio":
        build_server(config).run("stdio")
        return
    from chime_mcp.server.app import build_server as build
    from chime_mcp.server.http import public_origin, serve_http
    from chime_mcp.server.safety import SafetyGate

    # Approval pages are served by this HTTP server, at the origin the person's browser reaches.
    config = dataclasses.replace(config, approval_origin=public_origin(host, port, config.environment))
    served_by = backend(config)
    gate = SafetyGate(config, served_by)
    server = build(config, backend=served_by, gate=gate)
    serve_http(server, host=host, port=port, token=http_token(config), approvals=gate.approvals)


async def call_tool(
    config: ServerConfig,
    tool: str,
    arguments: dict[str, Any],
    elicitation_callback: ElicitationFnT | None = None,
    *,
    texts: Mapping[str, str] | None = None,
) -> CallToolResult:
    """One tool call through a real MCP client session (the 2025-11-25 protocol most hosts speak).

    `texts` are arguments given as text (`--arg KEY=VALUE`), typed by the tool's input schema:
    a string field keeps the text as typed. With `elicitation_callback` the client declares
    elicitation, and the server asks through it before a gated action (the CLI passes the person
    at the terminal).
    """
    from mcp import Client

    from chime_mcp.server.tools.text_arguments import typed_arguments

    server = build_server(config)
    registered = server._tool_manager.get_tool(tool)
    schema = registered.parameters if registered is not None else {}
    arguments = {**arguments, **typed_arguments(texts or {}, schema)}
    quiet_logs()
    async with Client(server, mode="legacy", elicitation_callback=elicitation_callback) as client:
        return await client.call_tool(tool, arguments)
