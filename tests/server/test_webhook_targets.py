"""create_webhook refuses an unsafe callback URL before anyone is asked, on both protocol
versions (the checks themselves: tests/services/test_webhook_target_checks.py)."""

from __future__ import annotations

import pytest
from mcp import Client
from mcp.client.context import ClientRequestContext
from mcp_types import ElicitRequestParams, ElicitResult

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.safety import SafetyGate

pytestmark = pytest.mark.anyio

DNS = {
    "hooks.partner.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "intranet.example": ["10.20.30.40"],
}


async def fake_dns(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    raise OSError(f"unknown host {host}")


MUST_REFUSE = [
    ("https://127.0.0.1/hook", "loopback"),
    ("https://10.1.2.3/hook", "private"),
    ("https://169.254.169.254/hook", "link-local"),
    ("https://[::1]/hook", "loopback"),
    ("http://hooks.partner.example/hook", "must use https"),
    ("https://intranet.example/hook", "private"),
    # Read as a browser reads them (services/webhook_targets.py): refused before any lookup.
    ("https://127.0.0.1\\@hooks.partner.example/hook", "backslash"),
    ("https://hooks.partner.example/hook\r\nX-Injected: 1", "carriage return"),
    ("https://hooks.partner.example/ho\nok", "line break"),
    (" https://hooks.partner.example/hook", "a space at the start"),
    ("https://hooks.partner.example/\thook", "a tab"),
    ("https://user:pw@hooks.partner.example/hook", "user info"),
    ("https://127.1/hook", "shorthand"),
]


@pytest.mark.parametrize("mode", ["legacy", "auto"])
@pytest.mark.parametrize(("url", "why"), MUST_REFUSE)
async def test_create_webhook_refuses_before_asking(sandbox: Sandbox, url: str, why: str, mode: str) -> None:
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True)
    backend = ClientBackend(lambda: sandbox_client(sandbox))
    server = build_server(config, backend=backend, gate=SafetyGate(config, backend, resolve=fake_dns))
    before = dict(sandbox.state.webhooks)
    asked: list[str] = []

    async def person(context: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult:
        asked.append(params.message)
        return ElicitResult(action="accept", content={"confirm": True})

    for callback in (person, None):  # with elicitation, and with the token fallback
        async with Client(server, mode=mode, elicitation_callback=callback) as client:
            result = await client.call_tool("create_webhook", {"callbackUrl": url, "listId": 2})
        text = "\n".join(getattr(b, "text", "") for b in result.content)
        assert result.is_error
        assert why in text and "No webhook was created." in text
        assert "confirmationToken" not in (result.structured_content or {})
    assert asked == []
    assert sandbox.state.webhooks == before
    assert sandbox.counters["op.create_webhook"] == 0
