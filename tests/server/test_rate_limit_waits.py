"""Rate-limit waits (issue 13, item 4): said while they last, capped well below client timeouts.

A loopback stub API answers 429s; the server runs in memory with a fake clock (the waits cost
nothing), and once as a real stdio process with a real two-second wait.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.clocks import FakeClock
from tests.support.results import text_of
from tests.support.stub_api import Canned, Route, StubApi, stub_api

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")
LEAD = Canned(200, b'{"leadId": 1, "firstName": "Ann", "lastName": "Li"}')


def too_many(seconds: int) -> Canned:
    return Canned(429, b'{"message": "Too Many Requests"}', {"Retry-After": str(seconds)})


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


Notice = tuple[float, float | None, str | None]


async def _call(api: StubApi, fake: FakeClock, notices: list[Notice] | None) -> tuple[bool, str]:
    settings = ClientSettings(Credential("api_key", "k"), base_url=api.url, timeout=5)

    def client() -> ChimeClient:
        return ChimeClient(settings, budget=fake.budget(), sleep=fake.sleep)

    server = build_server(ServerConfig(toolsets=toolsets.ALL, confirm="off"), backend=ClientBackend(client))

    async def heard(progress: float, total: float | None, message: str | None) -> None:
        assert notices is not None
        notices.append((progress, total, message))

    async with Client(server) as mcp:
        with anyio.fail_after(20):
            result = await mcp.call_tool(
                "get_lead", {"leadId": 1}, progress_callback=heard if notices is not None else None
            )
    return bool(result.is_error), text_of(result)


async def test_a_rate_limit_wait_sends_progress_saying_why_and_how_long() -> None:
    fake = FakeClock()
    notices: list[Notice] = []
    routes: dict[str, Route] = {"/v1.0/leads/1": [too_many(12), LEAD]}
    with stub_api(routes) as api:
        failed, text = await _call(api, fake, notices)
    assert not failed and "Ann" in text, text
    assert fake.total_slept == pytest.approx(12)
    assert notices, "no progress while waiting 12 s"
    assert "rate limit" in (notices[0][2] or "") and "12 s" in (notices[0][2] or "")
    progress = [notice[0] for notice in notices]
    assert progress == sorted(set(progress)), "progress only grows"
    assert all(total == pytest.approx(12) for _, total, _ in notices)
    assert len(notices) >= 3, "a notice every few seconds, so clients that reset timeouts on progress wait"


async def test_without_a_progress_token_the_wait_is_the_same_and_silent() -> None:
    fake = FakeClock()
    with stub_api({"/v1.0/leads/1": [too_many(3), LEAD]}) as api:
        failed, text = await _call(api, fake, None)
    assert not failed and "Ann" in text, text
    assert fake.total_slept == pytest.approx(3)


@pytest.mark.parametrize(("seconds", "slept"), [(40, 0), (20, 20)])
async def test_one_calls_wait_is_capped_then_it_says_how_long_to_wait(seconds: int, slept: float) -> None:
    """A 40 s reset is past the cap: answered at once. Two 20 s waits would pass it: one is waited."""
    fake = FakeClock()
    with stub_api({"/v1.0/leads/1": too_many(seconds)}) as api:
        failed, text = await _call(api, fake, [])
    assert failed
    assert f"retry in {seconds} s" in text.lower(), text
    assert fake.total_slept == pytest.approx(slept)
    assert fake.total_slept <= ClientSettings(Credential("api_key", "k")).max_rate_limit_wait <= 25


async def test_a_real_stdio_server_reports_the_wait_as_progress() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    notices: list[Notice] = []

    async def heard(progress: float, total: float | None, message: str | None) -> None:
        notices.append((progress, total, message))

    with stub_api({"/v1.0/leads/1": [too_many(2), LEAD]}) as api:
        env |= {"CHIME_API_KEY": "stub-key", "CHIME_BASE_URL": api.url}
        params = StdioServerParameters(command=CHIME_MCP, args=["serve"], env=env)
        async with Client(params, mode="legacy") as client:
            began = time.monotonic()
            with anyio.fail_after(20):
                result = await client.call_tool("get_lead", {"leadId": 1}, progress_callback=heard)
            took = time.monotonic() - began
    assert not result.is_error and "Ann" in text_of(result), text_of(result)
    assert 1.5 < took < 10
    assert notices and "rate limit" in (notices[0][2] or "") and "2 s" in (notices[0][2] or ""), notices
