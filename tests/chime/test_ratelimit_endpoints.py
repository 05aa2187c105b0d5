"""Per-endpoint rate limits (`Operation.per_minute`, the AI endpoints): counted in a sliding
minute by the shared budget, before anything is sent. A fake clock, never a timed test."""

from __future__ import annotations

import httpx2
import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.catalog import OPERATIONS
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import ENDPOINT_WINDOW
from tests.support.clocks import FakeClock

pytestmark = pytest.mark.anyio

SCRIPT = catalog.ai.GENERATE_CALL_SCRIPT
BODY = {"leadId": 1, "taskId": 2}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _client(clock: FakeClock, sent: list[float], max_wait: float = 25.0) -> ChimeClient:
    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(clock.now)
        return httpx2.Response(200, json=[] if request.url.path.endswith("/assignee") else {"context": "ok"})

    settings = ClientSettings(Credential("api_key", "k"), max_rate_limit_wait=max_wait)
    return ChimeClient(settings, transport=httpx2.MockTransport(answer), sleep=clock.sleep, budget=clock.budget())


def test_the_ai_operations_carry_the_documented_lower_limit() -> None:
    limited = {op.tool: op.per_minute for op in OPERATIONS if op.per_minute is not None}
    assert limited == dict.fromkeys(
        [
            "generate_call_summary",
            "get_call_summary",
            "generate_call_script",
            "create_lead_analysis",
            "list_lead_analyses",
            "prepare_meeting_insight",
        ],
        catalog.ai.AI_PER_MINUTE,
    )
    assert catalog.ai.AI_PER_MINUTE == 10


async def test_the_eleventh_call_within_a_minute_waits_for_the_first_to_age_out() -> None:
    clock, sent = FakeClock(), list[float]()
    async with _client(clock, sent, max_wait=60) as client:
        for _ in range(10):
            await client.call(SCRIPT, body=BODY)
            clock.now += 1  # ten calls, one a second
        assert clock.slept == []
        await client.call(SCRIPT, body=BODY)  # at t=10: the first (t=0) ages out at t=60
    assert clock.slept == [pytest.approx(50)]
    assert sent[-1] == pytest.approx(ENDPOINT_WINDOW)
    assert len(sent) == 11


async def test_past_the_longest_wait_the_call_is_refused_with_when_to_retry() -> None:
    clock, sent = FakeClock(), list[float]()
    async with _client(clock, sent) as client:  # waits at most 25 s
        for _ in range(10):
            await client.call(SCRIPT, body=BODY)
        clock.now += 20
        with pytest.raises(errors.RateLimitedError) as caught:
            await client.call(SCRIPT, body=BODY)
    assert len(sent) == 10  # nothing sent
    assert clock.slept == []
    assert caught.value.retry_after == pytest.approx(40)
    assert "generate_call_script is limited to 10 calls a minute" in str(caught.value)
    assert "Retry in 40 s" in caught.value.hint


async def test_each_endpoint_counts_apart_and_other_operations_are_not_held() -> None:
    clock, sent = FakeClock(), list[float]()
    async with _client(clock, sent) as client:
        for _ in range(10):
            await client.call(SCRIPT, body=BODY)
        # Another AI endpoint has its own ten; an operation without a limit of its own is free.
        await client.call(catalog.ai.PREPARE_MEETING_INSIGHT, body={"leadId": 1, "appointmentId": 2})
        for _ in range(12):
            await client.call(catalog.routing.PREVIEW_ROUTING, body={"firstName": "N", "email": "n@x.test"})
    assert clock.slept == []
    assert len(sent) == 23
