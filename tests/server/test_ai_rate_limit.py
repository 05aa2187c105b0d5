"""The AI tools' own limit over MCP: past ten calls a minute, the next one is answered at once
with when to retry, and nothing is sent (a fake clock: the minute never passes)."""

from __future__ import annotations

import pytest
from mcp import Client

from chime_mcp.sandbox.app import create_app
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.clocks import FakeClock
from tests.support.results import text_of
from tests.support.sandboxes import BOB, fresh_sandbox

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_the_eleventh_call_a_minute_is_refused_with_when_to_retry(mode: str) -> None:
    box = fresh_sandbox()
    app = create_app(sandbox=box)
    clock = FakeClock()
    backend = ClientBackend(lambda: sandbox_client(app, budget=clock.budget(), sleep=clock.sleep))
    server = build_server(ServerConfig(toolsets=("ai",), sandbox=True), backend=backend)
    task = next(t for t in box.state.tasks.values() if t["leadId"] == BOB)
    arguments = {"leadId": BOB, "taskId": task["id"]}
    async with Client(server, mode=mode) as client:
        answers = [await client.call_tool("generate_call_script", arguments) for _ in range(11)]
    assert [a.is_error for a in answers] == [False] * 10 + [True]
    assert "Retry in 60 s" in text_of(answers[-1])
    assert box.counters["op.generate_call_script"] == 10  # the eleventh was never sent
    assert clock.slept == []
    box.close()
