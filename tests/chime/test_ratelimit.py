"""The rate-limit budget on its own: reading the headers, waiting, sharing."""

from __future__ import annotations

import time

import anyio
import anyio.lowlevel
import pytest

from chime_mcp.chime.errors import RateLimitedError
from chime_mcp.chime.ratelimit import (
    ANSWER_WAIT,
    MAX_HEADER_WAIT,
    retry_after_seconds,
    seconds_until_reset,
    shared_budget,
)
from tests.support.clocks import WALL0
from tests.support.clocks import FakeClock as Clock

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (str(int(WALL0) + 30), 30.0),  # epoch seconds
        (str(int(WALL0 * 1000) + 30_000), 30.0),  # epoch milliseconds
        ("30000", 30.0),  # milliseconds until reset
        ("23000", 23.0),  # the reference's own example
        (" 1500 ", 1.5),
        ("0", 0.0),
        (str(int(WALL0) - 30), 0.0),  # already past
        (str(int(WALL0 * 1000) - 30_000), 0.0),
        ("soon", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
        ("1e999", None),
        ("9" * 400, None),
        ("-30000", 0.0),
        (str(int(WALL0) + 86_400), 60.0),  # a day away: bounded, the API is asked again after
        ("32503680000000", 60.0),  # year 3000 in epoch ms
        ("3600000", 60.0),  # an hour as milliseconds
    ],
)
def test_seconds_until_reset_reads_all_three_forms(value: str, seconds: float | None) -> None:
    result = seconds_until_reset(value, WALL0)
    assert result == (None if seconds is None else pytest.approx(seconds))


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "4"}, 4.0),
        ({"retry-after": "4", "x-ratelimit-reset": "9000"}, 4.0),
        ({"retry-after": "later", "x-ratelimit-reset": "9000"}, 9.0),
        ({"x-ratelimit-reset": "9000"}, 9.0),
        ({}, 2.0),
        ({"x-ratelimit-reset": "0"}, 1.0),  # never less than a second: no tight 429 loop
        ({"retry-after": "0"}, 1.0),
        # Poisoned: every reading finite and bounded (no OverflowError, no wait until restart).
        ({"retry-after": "inf"}, 2.0),
        ({"retry-after": "Infinity"}, 2.0),
        ({"retry-after": "nan"}, 2.0),
        ({"retry-after": "-5"}, 2.0),
        ({"retry-after": "-5", "x-ratelimit-reset": "9000"}, 9.0),
        ({"retry-after": "1e308"}, 60.0),
        ({"retry-after": "9" * 400}, 2.0),
        ({"retry-after": "\x00\ud800"}, 2.0),
        ({"retry-after": "86400"}, 60.0),
        ({"x-ratelimit-reset": "inf"}, 2.0),
        ({"x-ratelimit-reset": "1e308"}, 60.0),
        ({"retry-after": "Tue, 14 Nov 2023 22:13:50 GMT"}, 30.0),  # an HTTP date, WALL0 + 30 s
        ({"retry-after": "Fri, 01 Jan 3000 00:00:00 GMT"}, 60.0),
        ({"retry-after": "Mon, 01 Jan 2001 00:00:00 GMT"}, 1.0),  # past
    ],
)
def test_retry_after_seconds(headers: dict[str, str], seconds: float) -> None:
    assert retry_after_seconds(headers, WALL0, default=2.0) == pytest.approx(seconds)


async def test_spent_budget_waits_for_the_reset_then_refills_from_the_limit() -> None:
    clock = Clock()
    budget = clock.budget()
    assert await budget.acquire(clock.sleep, 60) == 0
    budget.observe({"x-ratelimit-limit": "3", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "5000"})
    budget.release()
    assert budget.wait_needed() == pytest.approx(5)
    assert await budget.acquire(clock.sleep, 60) == pytest.approx(5)
    assert clock.slept == [pytest.approx(5)]
    assert budget.remaining == 2  # a new window of 3, one taken
    budget.release()


async def test_a_reset_past_the_cap_raises_without_waiting() -> None:
    clock = Clock()
    budget = clock.budget()
    budget.exhaust(90)
    with pytest.raises(RateLimitedError) as caught:
        await budget.acquire(clock.sleep, 60)
    assert caught.value.retry_after == pytest.approx(90)
    assert "90 s" in str(caught.value)
    assert clock.slept == []


async def test_answers_count_the_requests_still_in_flight() -> None:
    clock = Clock()
    budget = clock.budget()
    await budget.acquire(clock.sleep, 60)
    budget.observe({"x-ratelimit-limit": "5", "x-ratelimit-remaining": "4", "x-ratelimit-reset": "60000"})
    budget.release()
    for _ in range(3):
        await budget.acquire(clock.sleep, 60)
    assert budget.remaining == 1
    # The first of the three answers reports 3 left, but two more are still on their way.
    budget.observe({"x-ratelimit-remaining": "3", "x-ratelimit-reset": "59000"})
    assert budget.remaining == 1
    budget.release()
    budget.release()
    budget.release()
    assert budget.in_flight == 0


async def test_a_late_answer_about_a_finished_window_is_ignored() -> None:
    clock = Clock()
    budget = clock.budget()
    await budget.acquire(clock.sleep, 60)
    budget.observe({"x-ratelimit-remaining": "7", "x-ratelimit-reset": str(int(WALL0) + 10)})
    budget.release()
    await budget.acquire(clock.sleep, 60)
    clock.now = 20
    budget.observe({"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(WALL0) + 10)})
    budget.release()
    assert budget.remaining == 6
    assert budget.wait_needed() == 0


async def test_first_request_goes_alone_until_the_budget_is_known() -> None:
    clock = Clock()
    budget = clock.budget()
    order: list[str] = []

    async def first() -> None:
        await budget.acquire(clock.sleep, 60)
        order.append("first sent")
        for _ in range(5):
            await anyio.lowlevel.checkpoint()
        budget.observe({"x-ratelimit-limit": "10", "x-ratelimit-remaining": "9"})
        order.append("first answered")
        budget.release()

    async def second() -> None:
        await budget.acquire(clock.sleep, 60)
        order.append("second sent")
        budget.release()

    async with anyio.create_task_group() as tg:
        tg.start_soon(first)
        await anyio.lowlevel.checkpoint()
        tg.start_soon(second)
    assert order == ["first sent", "first answered", "second sent"]


@pytest.mark.parametrize(
    "headers",
    [
        {"x-ratelimit-limit": "nan", "x-ratelimit-remaining": "inf", "x-ratelimit-reset": "inf"},
        {"x-ratelimit-limit": "-5", "x-ratelimit-remaining": "-1", "x-ratelimit-reset": "-1"},
        {"x-ratelimit-limit": "1e999", "x-ratelimit-remaining": "9" * 400, "x-ratelimit-reset": "garbage"},
        {"x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1e308"},
    ],
)
async def test_poisoned_headers_never_block_past_the_bound(headers: dict[str, str]) -> None:
    clock = Clock()
    budget = clock.budget()
    await budget.acquire(clock.sleep, 60)
    budget.observe(headers)
    budget.release()
    assert budget.limit is None or budget.limit >= 0
    assert 0 <= budget.wait_needed() <= MAX_HEADER_WAIT
    assert await budget.acquire(clock.sleep, 60) <= MAX_HEADER_WAIT
    budget.release()


async def test_an_infinite_retry_after_is_bounded_when_exhausting() -> None:
    clock = Clock()
    budget = clock.budget()
    budget.exhaust(float("inf"))
    with pytest.raises(RateLimitedError) as caught:
        await budget.acquire(clock.sleep, 25)
    assert caught.value.retry_after == MAX_HEADER_WAIT
    assert "Retry in 60 s" in str(caught.value)


async def test_a_first_request_that_hangs_holds_others_only_briefly() -> None:
    clock = Clock()
    budget = clock.budget()
    await budget.acquire(clock.sleep, 60)  # in flight, never answered
    began = time.monotonic()
    with anyio.fail_after(5):
        await budget.acquire(clock.sleep, 60)
    assert time.monotonic() - began < ANSWER_WAIT + 0.3
    began = time.monotonic()
    await budget.acquire(clock.sleep, 60)  # the answer is overdue: no more waiting for it
    assert time.monotonic() - began < 0.1
    assert budget.in_flight == 3


def test_shared_budget_is_one_per_key() -> None:
    assert shared_budget("https://a|1") is shared_budget("https://a|1")
    assert shared_budget("https://a|1") is not shared_budget("https://b|1")
