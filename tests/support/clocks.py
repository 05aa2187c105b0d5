"""The one fake clock of the tests: time moves only when something sleeps on it.

A `FakeClock` stands in for every clock the code takes:

- `clock.monotonic` (or `clock.clock`): a `RateBudget`'s clock, `time.monotonic`;
- `clock.wall` or the clock itself, called: a wall clock, `time.time` (`WALL0` + the elapsed
  time), for `RateBudget(wall_clock=...)` and `ConfirmationTokens(clock=...)`;
- `clock.sleep`: a ChimeClient's sleep. Sleeping advances the clock at once, so a rate-limit
  wait (a second at least) costs a test nothing, and every sleep is recorded: `slept` (each
  one), `total_slept`, and `events` (shared with a scripted server, to check the order of
  requests and sleeps).

Move it by hand with `clock.now += seconds`.
"""

from __future__ import annotations

from typing import Any

import anyio.lowlevel

from chime_mcp.chime.ratelimit import RateBudget

WALL0 = 1_700_000_000.0
"""The wall clock's reading at `now == 0`: epoch seconds (2023-11-14 22:13:20 UTC)."""


class FakeClock:
    def __init__(self, events: list[Any] | None = None, *, now: float = 0.0, wall0: float = WALL0) -> None:
        self.now = now
        self.wall0 = wall0
        self.slept: list[float] = []
        self.events: list[Any] = [] if events is None else events

    def monotonic(self) -> float:
        return self.now

    clock = monotonic

    def wall(self) -> float:
        return self.wall0 + self.now

    def __call__(self) -> float:
        return self.wall()

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.events.append(("sleep", round(seconds, 3)))
        self.now += seconds
        await anyio.lowlevel.checkpoint()

    @property
    def total_slept(self) -> float:
        return sum(self.slept)

    @property
    def rate_limit_sleeps(self) -> list[float]:
        """Sleeps of a second or more (retry backoff sleeps are shorter by default)."""
        return [s for s in self.slept if s >= 1]

    def budget(self) -> RateBudget:
        """A fresh RateBudget on this clock (both its monotonic and its wall clock)."""
        return RateBudget(clock=self.monotonic, wall_clock=self.wall)
