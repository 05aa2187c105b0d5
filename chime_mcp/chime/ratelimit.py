"""A rate-limit budget shared by every caller using one credential on one host.

Chime reports the budget in X-RateLimit-Limit / -Remaining / -Reset. `Reset` is documented as
epoch seconds, but the published examples (23000) read as milliseconds until reset, so all
three readings are accepted.

Some endpoints (the AI ones) have a lower limit of their own, which the catalog gives as
`Operation.per_minute`: the budget also counts each such endpoint's calls in a sliding minute, and
a call past it waits for the oldest to age out, or is refused when that is too far away.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Protocol

import anyio

from chime_mcp.chime.errors import RateLimitedError

log = logging.getLogger("chime_mcp.client")

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

_EPOCH_MS_FLOOR = 1e12  # 2001-09-09 in epoch ms
_EPOCH_S_FLOOR = 1e9  # 2001-09-09 in epoch s
MIN_RATE_LIMIT_WAIT = 1.0
"""The least a 429 makes us wait, so a Reset already in the past cannot cause a tight loop."""
ANSWER_WAIT = 0.5
"""The most a request waits for one in flight to say what the budget is, before sending anyway."""
ENDPOINT_WINDOW = 60.0
"""An endpoint's own limit (`per_minute`) counts the calls of the last this many seconds."""
MAX_HEADER_WAIT = 60.0
"""The longest wait a header is believed for. Chime's windows are a minute: a Retry-After or
Reset further away (an hour, `inf`, a year-3000 epoch) is a broken or hostile header, and
trusting it would block every call until restart. Past this, the API is asked again."""


def _finite(text: str) -> float | None:
    """A header's number, or None unless it is one finite number (not nan, inf, 1e999, garbage)."""
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _bounded(seconds: float) -> float:
    return min(MAX_HEADER_WAIT, max(0.0, seconds))


def seconds_until_reset(value: str, now_epoch: float) -> float | None:
    """Seconds until the budget resets, from an X-RateLimit-Reset value, or None if unreadable.

    Bounded: 0 to MAX_HEADER_WAIT.
    """
    number = _finite(value)
    if number is None:
        return None
    if number >= _EPOCH_MS_FLOOR:
        seconds = number / 1000 - now_epoch
    elif number >= _EPOCH_S_FLOOR:
        seconds = number - now_epoch
    else:
        seconds = number / 1000
    return _bounded(seconds)


def retry_after_header(value: str, now_epoch: float) -> float | None:
    """Seconds from a Retry-After value (a number of seconds or an HTTP date), or None if unreadable.

    Bounded: 0 to MAX_HEADER_WAIT. A negative number is unreadable, not "now".
    """
    number = _finite(value)
    if number is not None:
        return None if number < 0 else _bounded(number)
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return _bounded(when.timestamp() - now_epoch)


def retry_after_seconds(headers: Mapping[str, str], now_epoch: float, default: float) -> float:
    """How long a 429 asks us to wait: Retry-After, else X-RateLimit-Reset, else `default`.

    Always finite: from MIN_RATE_LIMIT_WAIT to MAX_HEADER_WAIT.
    """
    seconds: float | None = None
    retry_after = headers.get("retry-after")
    if retry_after is not None:
        seconds = retry_after_header(retry_after, now_epoch)
    reset = headers.get("x-ratelimit-reset")
    if seconds is None and reset is not None:
        seconds = seconds_until_reset(reset, now_epoch)
    return max(MIN_RATE_LIMIT_WAIT, _bounded(default) if seconds is None else seconds)


class Limited(Protocol):
    """What the budget needs of an operation (a catalog `Operation` is one)."""

    @property
    def tool(self) -> str: ...

    @property
    def per_minute(self) -> int | None:
        """At most this many calls a minute to this endpoint; None: only the credential's budget."""


@dataclass
class RateBudget:
    """What the responses said about the budget, and the wait it implies.

    Usage: `await acquire(...)` before each request, `observe(headers)` on its response,
    `release()` when it is over (always, in a `finally`). Requests still in flight are taken
    into account, so concurrent callers sharing a budget do not overspend it.
    """

    clock: Clock = time.monotonic
    wall_clock: Clock = time.time
    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None
    in_flight: int = 0
    _seen_answer: bool = field(default=False, repr=False)
    _answered: anyio.Event | None = field(default=None, repr=False, compare=False)
    _answer_overdue: bool = field(default=False, repr=False)
    """The first answer took longer than ANSWER_WAIT: stop holding calls back for it."""
    _endpoint_calls: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    """When each endpoint with a limit of its own was last called, within ENDPOINT_WINDOW."""

    def observe(self, headers: Mapping[str, str]) -> None:
        """Record the X-RateLimit-* headers of a response to a request that is still in flight."""
        self._seen_answer = True
        limit = _int(headers.get("x-ratelimit-limit"))
        remaining = _int(headers.get("x-ratelimit-remaining"))
        reset = headers.get("x-ratelimit-reset")
        seconds = None if reset is None else seconds_until_reset(reset, self.wall_clock())
        if limit is not None:
            self.limit = limit
        if seconds is not None and seconds <= 0:
            return  # a late answer about a window that is already over
        if remaining is not None:
            # The other requests in flight will each take one more once they arrive (or already
            # did, and their answers will say so): count them as spent.
            others = max(0, self.in_flight - 1)
            self.remaining = max(0, remaining - others)
        if seconds is not None:
            self.reset_at = self.clock() + seconds

    def exhaust(self, retry_after: float) -> None:
        """A 429 arrived: nobody sends until `retry_after` seconds have passed."""
        if not math.isfinite(retry_after):
            retry_after = MAX_HEADER_WAIT
        self.remaining = 0
        self.reset_at = self.clock() + retry_after

    def wait_needed(self) -> float:
        if self.remaining is None or self.remaining > 0 or self.reset_at is None:
            return 0.0
        return max(0.0, self.reset_at - self.clock())

    def endpoint_wait(self, endpoint: Limited | None) -> float:
        """Seconds until `endpoint` may be called again under its own limit (0: now)."""
        limit = None if endpoint is None else endpoint.per_minute
        if endpoint is None or not limit:
            return 0.0
        calls = self._endpoint_calls.setdefault(endpoint.tool, deque())
        now = self.clock()
        while calls and calls[0] + ENDPOINT_WINDOW <= now:
            calls.popleft()
        return 0.0 if len(calls) < limit else calls[0] + ENDPOINT_WINDOW - now

    async def acquire(self, sleep: Sleep, max_wait: float, endpoint: Limited | None = None) -> float:
        """Take one request from the budget, waiting for a reset if it is spent, and for
        `endpoint`'s own limit (`per_minute`), if it has one.

        Returns the seconds waited. Raises RateLimitedError, without waiting, when the reset
        is further away than `max_wait`. Every successful acquire must be paired with `release`.
        """
        waited = 0.0
        waited_for_answer = False
        while True:
            # No await between the checks and the take: concurrent tasks cannot both take the
            # last request.
            own = self.endpoint_wait(endpoint)
            wait = max(self.wait_needed(), own)
            if wait > 0:
                if waited + wait > max_wait:
                    if endpoint is not None and own >= wait:
                        raise RateLimitedError(
                            f"{endpoint.tool} is limited to {endpoint.per_minute} calls a minute by Chime; "
                            f"the next one fits in {own:.0f} s",
                            retry_after=own,
                        )
                    raise RateLimitedError(
                        f"Chime's rate limit is spent for {wait:.0f} s more",
                        retry_after=wait,
                    )
                await _wait(sleep, wait)
                waited += wait
                continue
            if self.remaining == 0 and self.reset_at is not None:
                # The window has passed. Requests still in flight may land in the new one.
                self.reset_at = None
                self.remaining = None if self.limit is None else max(0, self.limit - self.in_flight)
            unknown = not self._seen_answer and not self._answer_overdue
            if self.in_flight > 0 and not waited_for_answer and (unknown or self.remaining == 0):
                # Nothing is known about the budget yet, or it is spent with no reset known:
                # let an answer in flight say more before sending, but only briefly. A request
                # that hangs must not hold up unrelated calls (for all its retries, at start).
                if self._answered is None:
                    self._answered = anyio.Event()
                with anyio.move_on_after(ANSWER_WAIT) as scope:
                    await self._answered.wait()
                if scope.cancelled_caught:
                    waited_for_answer = True
                    self._answer_overdue = unknown
                continue
            if self.remaining:
                self.remaining -= 1
            if endpoint is not None and endpoint.per_minute:
                self._endpoint_calls[endpoint.tool].append(self.clock())
            self.in_flight += 1
            return waited

    def release(self) -> None:
        """A request taken with `acquire` is over, answered or not."""
        self.in_flight = max(0, self.in_flight - 1)
        if self._answered is not None:
            self._answered.set()
            self._answered = None


PROGRESS_EVERY = 5.0
"""While waiting for the rate limit, a progress notice this often (clients reset timeouts on it)."""


@dataclass
class WaitListener:
    """Who hears about rate-limit waits in the current context (an MCP tool call's progress).

    `say(progress, total, message)`: progress is the seconds waited so far in this context and
    only ever grows; total the seconds it will have waited when this wait is over.
    """

    say: Callable[[float, float, str], Awaitable[None]]
    waited: float = 0.0


WAIT_LISTENER: ContextVar[WaitListener | None] = ContextVar("chime_rate_limit_wait_listener", default=None)
"""Set by whoever runs a call (the MCP server, per tool call) to hear why and how long it waits."""


async def _wait(sleep: Sleep, seconds: float) -> None:
    """Sleep `seconds` for the rate limit, telling the context's listener why and for how long."""
    log.info("Chime's rate limit is spent: waiting %.1f s", seconds)
    listener = WAIT_LISTENER.get()
    if listener is None:
        await sleep(seconds)
        return
    end = listener.waited + seconds
    left = seconds
    while left > 0:
        message = f"Chime's rate limit is spent: waiting {math.ceil(left)} s for it to reset, then the call goes on"
        try:
            await listener.say(listener.waited, end, message)
        except Exception:  # a notice that cannot be sent must not fail the call
            log.debug("could not report the rate-limit wait", exc_info=True)
        step = min(PROGRESS_EVERY, left)
        await sleep(step)
        left -= step
        listener.waited += step


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    number = _finite(value)
    if number is None or number < 0 or number > 1e9:
        return None
    return int(number)


_BUDGETS: dict[str, RateBudget] = {}


def shared_budget(key: str) -> RateBudget:
    """The one budget for a credential and host, shared by every client in this process."""
    budget = _BUDGETS.get(key)
    if budget is None:
        budget = _BUDGETS[key] = RateBudget()
    return budget
