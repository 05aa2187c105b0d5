"""Serve MCP over streamable HTTP: loopback by default, a bearer token anywhere else.

Whether the server is on loopback is decided on the parsed address, never on its spelling:
all of 127.0.0.0/8, every spelling of ::1 (`0:0:0:0:0:0:0:1`, `[::1]`), an IPv4-mapped
loopback address (`::ffff:127.0.0.1`, which reaches 127.0.0.1) and the name `localhost`.

On loopback no token is needed, so the Host and Origin headers are what stops a web page
from driving the server through DNS rebinding (a page on evil.example whose name is made to
resolve to 127.0.0.1). `HostGuard` accepts only requests whose Host names the address and
port actually bound, and whose Origin, when there is one, is that same address and port;
again compared as addresses, so `[0:0:0:0:0:0:0:1]:8000` and `[::1]:8000` are the same host.
It replaces the SDK's own allow-list (`TransportSecuritySettings`), which compares exact
strings and knows only the spellings 127.0.0.1, localhost and [::1].

Off loopback the bearer token is the guard: at least 32 characters, compared in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
import secrets
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.types import ASGIApp, Receive, Scope, Send

from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server.safety.approval_page import approval_app
from chime_mcp.server.safety.approvals import ApprovalBook

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

MIN_TOKEN_LENGTH = 32
"""Characters a bearer token needs (after trimming spaces); secrets.token_urlsafe(32) gives 43."""

_LOCALHOST_ADDRESSES = (ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1"))


def parse_address(text: str) -> Address | None:
    """The IP address `text` spells (brackets and a zone allowed), as the OS would bind it; None for a name.

    Legacy IPv4 forms the OS accepts (`127.1`, `2130706433`) are read as the OS reads them.
    """
    bare = text.strip()
    if bare.startswith("[") and bare.endswith("]"):
        bare = bare[1:-1]
    bare = bare.split("%", 1)[0]
    if not bare:
        return None
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(bare, None, flags=socket.AI_NUMERICHOST)
    except (OSError, UnicodeError, ValueError):
        return None
    return ipaddress.ip_address(str(infos[0][4][0]).split("%", 1)[0])


def _effective(address: Address) -> Address:
    """The address actually reached: an IPv4-mapped IPv6 address reaches its IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    address = parse_address(host)
    return address is not None and _effective(address).is_loopback


@dataclass(frozen=True)
class BindAddress:
    """Where `serve --transport http` listens, parsed once."""

    given: str
    """As the operator spelled it (shown in messages)."""
    host: str
    """What to hand the socket: the address without brackets or legacy spelling, or the name."""
    address: Address | None
    """The parsed address; None for a name (localhost, or a host name off loopback)."""
    loopback: bool

    @classmethod
    def parse(cls, host: str) -> BindAddress:
        address = parse_address(host)
        bind = host.strip()
        if address is not None:
            # An IPv4-mapped address is bound as its IPv4 address (the socket refuses it as given).
            address = _effective(address)
            zone = bind.strip("[]").partition("%")[2]
            bind = f"{address}%{zone}" if zone and address.version == 6 else str(address)
        return cls(given=host, host=bind, address=address, loopback=is_loopback(host))

    def shown(self, port: int) -> str:
        """host:port as a URL writes it (IPv6 in brackets); the host alone when the port is unknown."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{port}" if port else host

    def names(self, host: str) -> bool:
        """Does `host` (from a Host or Origin header, no port) name this loopback address?"""
        if host.lower() == "localhost":
            return True
        given = parse_address(host)
        if given is None:
            return False
        wanted = _LOCALHOST_ADDRESSES if self.address is None else (self.address,)
        return any(_effective(given) == _effective(one) for one in wanted)


def _split_host_header(value: str) -> tuple[str, int] | None:
    """`host[:port]` or `[v6][:port]` -> (host, port); port 80 when absent; None when malformed."""
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        host, rest = value[1:end], value[end + 1 :]
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:] if rest else ""
    else:
        host, _, port_text = value.partition(":")
    if not port_text:
        return host, 80
    if not port_text.isdigit():
        return None
    return host, int(port_text)


def _split_origin(value: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        return None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


class HostGuard:
    """Refuses requests whose Host or Origin does not name the loopback address and port bound."""

    def __init__(self, app: ASGIApp, bound: BindAddress, port: int) -> None:
        self.app = app
        self.bound = bound
        self.port = port
        """The port listened on; 0 means "the one the connection came in on"."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            port = self.port or int((scope.get("server") or ("", 0))[1] or 0)
            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1")
            origin = headers.get(b"origin")
            url = f"http://{self.bound.shown(port)}/mcp"
            if not self._matches(_split_host_header(host), port):
                why = "the Host header does not name this server (refused as possible DNS rebinding)"
                await _refuse(send, 421, f"{why}; connect to {url}")
                return
            if origin is not None and not self._matches(_split_origin(origin.decode("latin-1")), port):
                why = "requests from a web page must come from this server's own origin"
                await _refuse(send, 403, f"{why}; connect to {url}")
                return
        await self.app(scope, receive, send)

    def _matches(self, split: tuple[str, int] | None, port: int) -> bool:
        return split is not None and split[1] == port and self.bound.names(split[0])


class BearerGuard:
    """Refuses every request without `Authorization: Bearer <CHIME_MCP_HTTP_TOKEN>`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._expected):
                await _refuse(send, 401, "missing or wrong bearer token", [(b"www-authenticate", b"Bearer")])
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, error: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", b"application/json"), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps({"error": error}).encode()})


def checked_token(token: str | None, bound: BindAddress) -> str | None:
    """The bearer token to require (trimmed), None on loopback without one; refuses a weak one.

    A blank value counts as no token. A token that is set must be at least 32 characters,
    on loopback too; off loopback one is required.
    """
    token = (token or "").strip() or None
    if token is None and bound.loopback:
        return None
    suggestion = (
        f"Set CHIME_MCP_HTTP_TOKEN to a long random string, for example this freshly generated one: "
        f"{secrets.token_urlsafe(32)} (clients send it as `Authorization: Bearer <token>`)"
    )
    if token is None:
        raise ConfigurationError(
            f"Binding to {bound.given} exposes the CRM to the network, so CHIME_MCP_HTTP_TOKEN must be set",
            hint=f"{suggestion}, or bind to 127.0.0.1.",
        )
    if len(token) < MIN_TOKEN_LENGTH:
        raise ConfigurationError(
            f"CHIME_MCP_HTTP_TOKEN is {len(token)} characters long; it needs at least {MIN_TOKEN_LENGTH}",
            hint=f"{suggestion}.",
        )
    return token


def http_app(
    server: MCPServer[Any], *, host: str, token: str | None, port: int = 0, approvals: ApprovalBook | None = None
) -> ASGIApp:
    """The streamable HTTP app for `host`:`port` (0: any port), guarded as the address requires.

    With `approvals`, the approval pages are served at the same origin, under /approve/. The
    bearer token does not guard them: the person opens them in a browser that has no token, and
    each page's unguessable path and one-time page token are its guard.
    """
    bound = BindAddress.parse(host)
    required = checked_token(token, bound)
    # Host/Origin are checked by address in HostGuard; the SDK's exact-string list is turned off
    # so that one rule, not two that disagree on spellings, decides.
    off = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    app: ASGIApp = server.streamable_http_app(host=bound.host, transport_security=off)
    pages: ASGIApp | None = approval_app(approvals) if approvals is not None else None
    if bound.loopback:
        app = HostGuard(app, bound, port)
        pages = HostGuard(pages, bound, port) if pages is not None else None
    if required:
        app = BearerGuard(app, required)
    return ApprovalPages(app, pages) if pages is not None else app


class ApprovalPages:
    """Sends /approve/... to the approval pages and everything else (lifespan too) to MCP."""

    def __init__(self, app: ASGIApp, pages: ASGIApp) -> None:
        self.app = app
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith("/approve/"):
            await self.pages(scope, receive, send)
            return
        await self.app(scope, receive, send)


def public_origin(host: str, port: int, environment: Mapping[str, str]) -> str:
    """Where a person's browser reaches this server: CHIME_MCP_PUBLIC_URL, else the bound address."""
    given = (environment.get("CHIME_MCP_PUBLIC_URL") or "").strip().rstrip("/")
    if given:
        if not re.fullmatch(r"https?://[^/\s@?#]+", given):
            # Approval links are shown to the model and the person: never a user:password in them,
            # and never echoed here.
            shown = re.sub(r"(?<=://)[^/@]*@", "<credentials>@", given)
            raise ConfigurationError(
                f"CHIME_MCP_PUBLIC_URL must be an origin such as https://mcp.example.com (got {shown!r})",
                hint="Give scheme and host (and port): no path, query or user name and password",
            )
        return given
    return f"http://{BindAddress.parse(host).shown(port)}"


SESSION_LOGGERS = ("mcp.server.streamable_http_manager", "mcp.server.streamable_http")
"""The SDK's loggers that write a line per HTTP session (created, terminated, idle, unknown id)."""


class _AtDebug(logging.Filter):
    """Logs a record at DEBUG whatever level it was written at (the SDK's per-session INFO lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def quiet_session_logs() -> None:
    """Per-session lines at DEBUG: at INFO a busy server writes two lines for every client."""
    for name in SESSION_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _AtDebug) for f in logger.filters):
            logger.addFilter(_AtDebug())


def serve_http(
    server: MCPServer[Any], *, host: str, port: int, token: str | None, approvals: ApprovalBook | None = None
) -> None:
    """Serve until stopped; once listening, say where on stderr (stdout stays clean)."""
    import uvicorn

    app = http_app(server, host=host, token=token, port=port, approvals=approvals)
    bound = BindAddress.parse(host)
    quiet_session_logs()

    class Announcing(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                listening = [s.getsockname()[1] for server in self.servers for s in server.sockets or ()]
                guarded = " (send Authorization: Bearer <CHIME_MCP_HTTP_TOKEN>)" if token and token.strip() else ""
                url = f"http://{bound.shown(listening[0] if listening else port)}/mcp"
                print(f"chime-mcp: serving MCP at {url}{guarded}", file=sys.stderr, flush=True)

    Announcing(uvicorn.Config(app, host=bound.host, port=port, log_level="warning")).run()
