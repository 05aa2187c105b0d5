"""The sandbox holds the AI endpoints to their own lower limit (`Operation.per_minute`), as the
live API answers them: the 11th call within a minute is a 429 with a Retry-After, the other
endpoints are not affected. Sent raw (the client would hold the 11th back itself)."""

from __future__ import annotations

import httpx2
import pytest

from chime_mcp.chime.catalog import ai
from chime_mcp.sandbox.app import create_app
from chime_mcp.sandbox.inprocess import BASE_URL, SandboxTransport
from tests.support.sandboxes import fresh_sandbox

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_the_eleventh_ai_call_within_a_minute_is_refused_with_429() -> None:
    box = fresh_sandbox()
    lead = next(iter(box.state.leads))
    headers = {"Authorization": f"token {box.config.api_key}", "Content-Type": "application/json"}
    async with httpx2.AsyncClient(transport=SandboxTransport(create_app(sandbox=box)), base_url=BASE_URL) as http:
        answers = [
            await http.post(ai.CREATE_LEAD_ANALYSIS.path, json={"leadIds": [lead]}, headers=headers) for _ in range(11)
        ]
        other = await http.get(ai.LIST_LEAD_ANALYSES.path, headers=headers)
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert answers[-1].json() == "Too many requests"
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60
    assert len(box.store.lead_analyses) == 10  # the refused one created nothing
    assert other.status_code == 200  # each endpoint counts apart
    box.close()
