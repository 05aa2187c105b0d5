"""The in-process route: a ChimeClient talking to a sandbox app without a socket.

`chime-mcp serve --sandbox` and fast tests use it. The transport wraps httpx2's ASGITransport
so that the sandbox's faults look as they do over a network: a hang ends in `ReadTimeout` after
the client's read timeout (ASGITransport alone has no timeouts and would wait forever), and a
dropped connection becomes `RemoteProtocolError`.
"""

from __future__ import annotations

from typing import Any

import anyio
import httpx2
from starlette.applications import Starlette

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import DroppedConnection, Sandbox, create_app

BASE_URL = "http://sandbox.local"


class SandboxTransport(httpx2.AsyncBaseTransport):
    """ASGITransport with network-like timeouts and dropped connections."""

    def __init__(self, app: Starlette) -> None:
        self._asgi = httpx2.ASGITransport(app=app)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        timeout = request.extensions.get("timeout", {}).get("read")
        try:
            with anyio.fail_after(timeout):
                return await self._asgi.handle_async_request(request)
        except TimeoutError:
            raise httpx2.ReadTimeout("the sandbox did not answer in time", request=request) from None
        except DroppedConnection:
            raise httpx2.RemoteProtocolError("the sandbox dropped the connection", request=request) from None


def sandbox_client(app_or_sandbox: Starlette | Sandbox | None = None, **client_kwargs: Any) -> ChimeClient:
    """A ChimeClient for a sandbox app (or a Sandbox, or a fresh default one), with its API key.

    `client_kwargs` go to ChimeClient (`max_retries`, `backoff`, `budget`, `sleep`, ...); pass
    `settings=` to replace the ClientSettings (timeout, read_only).
    """
    app = app_or_sandbox if isinstance(app_or_sandbox, Starlette) else create_app(sandbox=app_or_sandbox)
    sandbox: Sandbox = app.state.sandbox
    settings = client_kwargs.pop("settings", None) or ClientSettings(
        credential=Credential("api_key", sandbox.config.api_key), base_url=BASE_URL
    )
    # Each sandbox is its own account: do not share the process-wide budget of
    # "http://sandbox.local" with other sandboxes (tests create many).
    client_kwargs.setdefault("budget", RateBudget())
    return ChimeClient(settings, transport=SandboxTransport(app), **client_kwargs)
