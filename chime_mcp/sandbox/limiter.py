"""The sandbox's rate limit: a fixed window per sandbox, reported like the live API.

Every response carries X-RateLimit-Limit / -Remaining / -Reset. `Reset` is sent as milliseconds
until the window resets, which is how the published examples (`X-RateLimit-Reset: 23000`) read;
the client accepts that and epoch times alike. Past the budget the answer is 429 with
`{"message":"Too Many Requests"}`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

_UNITS = {"s": 1.0, "sec": 1.0, "second": 1.0, "min": 60.0, "minute": 60.0, "h": 3600.0, "hour": 3600.0}


@dataclass(frozen=True)
class RateLimit:
    """`limit` requests per `window` seconds."""

    limit: int = 600
    window: float = 60.0

    def __str__(self) -> str:
        return f"{self.limit}/{self.window:g}s"


DEFAULT_RATE_LIMIT = RateLimit(600, 60.0)
"""Generous: a vendor-key app gets 100-500 a minute on the live API."""


def parse_rate_limit(text: str) -> RateLimit:
    """`"10/min"`, `"600/minute"`, `"5/s"`, `"1000/hour"` or a bare `"600"` (per minute)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:/\s*(\d*\.?\d*)\s*([a-z]+))?\s*", text.lower())
    if not match:
        raise ValueError(f"rate limit must look like 10/min, 600/minute or 5/s (got {text!r})")
    count, multiple, unit = match.groups()
    if unit is None:
        return RateLimit(int(count), 60.0)
    unit = unit[:-1] if unit.endswith("s") and unit[:-1] in _UNITS else unit
    if unit not in _UNITS:
        raise ValueError(f"unknown rate limit unit {unit!r}; use s, min or hour")
    window = _UNITS[unit] * (float(multiple) if multiple else 1.0)
    if int(count) < 1 or window <= 0:
        raise ValueError(f"rate limit must allow at least one request per window (got {text!r})")
    return RateLimit(int(count), window)


class RateLimiter:
    """A fixed window: the first request opens it, `limit` requests fit in it."""

    def __init__(self, rate: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._window_start: float | None = None
        self._used = 0

    def _roll(self) -> float:
        now = self._clock()
        if self._window_start is None or now - self._window_start >= self.rate.window:
            self._window_start = now
            self._used = 0
        return now

    def take(self) -> bool:
        """Spend one request; False when the window's budget is already spent."""
        self._roll()
        if self._used >= self.rate.limit:
            return False
        self._used += 1
        return True

    def headers(self) -> dict[str, str]:
        """The X-RateLimit-* headers describing the budget right now."""
        now = self._roll()
        start = self._window_start if self._window_start is not None else now
        reset_ms = max(0, round((start + self.rate.window - now) * 1000))
        return {
            "X-RateLimit-Limit": str(self.rate.limit),
            "X-RateLimit-Remaining": str(max(0, self.rate.limit - self._used)),
            "X-RateLimit-Reset": str(reset_ms),
        }

    def reset(self, rate: RateLimit | None = None) -> None:
        """Start a fresh window, optionally with a new budget (tests switch budgets at runtime)."""
        if rate is not None:
            self.rate = rate
        self._window_start = None
        self._used = 0
