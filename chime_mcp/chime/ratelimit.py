"""A rate-limit budget shared by every caller using one credential on one host.

Chime reports the budget in X-RateLimit-Limit / -Remaining / -Reset. `Reset` is documented as
epoch seconds, but the published examples (23000) read as milliseconds until reset, so all
three readings are accepted.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from chime_mcp.chime.errors import RateLimitedError

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

_EPOCH_MS_FLOOR = 1e12  # 2001-09-09 in epoch ms
_EPOCH_S_FLOOR = 1e9  # 2001-09-09 in epoch s


def seconds_until_reset(value: str, now_epoch: float) -> float | None:
    """Seconds until the budget resets, from an X-RateLimit-Reset value, or None if unreadable."""
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if number >= _EPOCH_MS_FLOOR:
        seconds = number / 1000 - now_epoch
    elif number >= _EPOCH_S_FLOOR:
        seconds = number - now_epoch
    else:
        seconds = number / 1000
    return max(0.0, seconds)


def retry_after_seconds(headers: Mapping[str, str], now_epoch: float, default: float) -> float:
    """How long a 429 asks us to wait: Retry-After, else X-RateLimit-Reset, else `default`."""
    retry_after = headers.get("retry-after")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            pass
    reset = headers.get("x-ratelimit-reset")
    if reset is not None:
        seconds = seconds_until_reset(reset, now_epoch)
        if seconds is not None:
            return seconds
    return default


@dataclass
class RateBudget:
    """What the last response said about the budget, and the wait it implies."""

    clock: Clock = time.monotonic
    wall_clock: Clock = time.time
    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None

    def observe(self, headers: Mapping[str, str]) -> None:
        """Record the X-RateLimit-* headers of a response."""
        limit = _int(headers.get("x-ratelimit-limit"))
        remaining = _int(headers.get("x-ratelimit-remaining"))
        reset = headers.get("x-ratelimit-reset")
        if limit is not None:
            self.limit = limit
        if remaining is not None:
            self.remaining = remaining
        if reset is not None:
            seconds = seconds_until_reset(reset, self.wall_clock())
            if seconds is not None:
                self.reset_at = self.clock() + seconds

    def exhaust(self, retry_after: float) -> None:
        """A 429 arrived: nobody sends until `retry_after` seconds have passed."""
        self.remaining = 0
        self.reset_at = self.clock() + retry_after

    def wait_needed(self) -> float:
        if self.remaining is None or self.remaining > 0 or self.reset_at is None:
            return 0.0
        return max(0.0, self.reset_at - self.clock())

    async def acquire(self, sleep: Sleep, max_wait: float) -> float:
        """Take one request from the budget, waiting for a reset if it is spent.

        Returns the seconds waited. Raises RateLimitedError, without waiting, when the reset
        is further away than `max_wait`.
        """
        waited = 0.0
        while True:
            # No await between the check and the decrement: concurrent tasks cannot both
            # take the last request.
            wait = self.wait_needed()
            if wait <= 0:
                if self.remaining == 0:
                    # The window has passed: the budget is unknown until the next response.
                    self.remaining = None
                    self.reset_at = None
                if self.remaining is not None:
                    self.remaining -= 1
                return waited
            if waited + wait > max_wait:
                raise RateLimitedError(
                    f"Chime's rate limit is spent for {wait:.0f} s more",
                    retry_after=wait,
                )
            await sleep(wait)
            waited += wait


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


_BUDGETS: dict[str, RateBudget] = {}


def shared_budget(key: str) -> RateBudget:
    """The one budget for a credential and host, shared by every client in this process."""
    budget = _BUDGETS.get(key)
    if budget is None:
        budget = _BUDGETS[key] = RateBudget()
    return budget
