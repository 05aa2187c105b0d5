"""Serve MCP over streamable HTTP: loopback by default, a bearer token anywhere else."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from mcp.server.mcpserver import MCPServer
from starlette.types import ASGIApp, Receive, Scope, Send

from chime_mcp.chime.errors import ConfigurationError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BearerGuard:
    """Refuses every request without `Authorization: Bearer <CHIME_MCP_HTTP_TOKEN>`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._expected):
                await send(
                    {
                        "type": "http.response.start",
                        "status": 401,
                        "headers": [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")],
                    }
                )
                await send({"type": "http.response.body", "body": b'{"error":"missing or wrong bearer token"}'})
                return
        await self.app(scope, receive, send)


def http_app(server: MCPServer[Any], *, host: str, token: str | None) -> ASGIApp:
    """The streamable HTTP app; guarded by the bearer token when one is given."""
    if not is_loopback(host) and not token:
        raise ConfigurationError(
            f"Binding to {host} exposes the CRM to the network",
            hint="Set CHIME_MCP_HTTP_TOKEN to a long random string (clients send it as a Bearer token), "
            "or bind to 127.0.0.1",
        )
    app: ASGIApp = server.streamable_http_app(host=host)
    return BearerGuard(app, token) if token else app


def serve_http(server: MCPServer[Any], *, host: str, port: int, token: str | None) -> None:
    import uvicorn

    app = http_app(server, host=host, token=token)
    uvicorn.run(app, host=host, port=port, log_level="warning")
