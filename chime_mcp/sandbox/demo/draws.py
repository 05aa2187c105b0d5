"""Fast, deterministic draws on top of ``Random.random()`` (randint/randrange/choice are slow).

Every draw consumes the stream in a fixed way, so the order of the calls *is* the demo data: a
refactoring of the generator must keep the calls in the same order (the digest tests prove it).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from chime_mcp.sandbox.demo.times import DAY, HOUR

_T = TypeVar("_T")


class Draws:
    """The random stream of one build and the draws made from it."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rand = self.rng.random

    def ri(self, low: int, high: int) -> int:
        """A random integer in [low, high]."""
        return low + int(self.rand() * (high - low + 1))

    def rr(self, start: int, stop: int | None = None, step: int = 1) -> int:
        """Like randrange: a random integer in range(start, stop, step)."""
        if stop is None:
            return int(self.rand() * start)
        return start + step * int(self.rand() * ((stop - start + step - 1) // step))

    def pick(self, seq: Sequence[_T]) -> _T:
        """A random element of a non-empty sequence."""
        return seq[int(self.rand() * len(seq))]

    def sample(self, size: int, k: int) -> list[int]:
        """``k`` distinct indexes out of ``range(size)``, in random order."""
        pool = list(range(size))
        for i in range(k):
            j = i + int(self.rand() * (size - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def between(self, start: int, end: int) -> int:
        return start if end <= start else start + int(self.rand() * (end - start + 1))

    def work_between(self, start: int, end: int) -> int:
        """A random time in [start, end], moved into US business hours (14:00-23:00 UTC is 9am-6pm
        Central) when that keeps it in range."""
        ts = self.between(start, end)
        moved = ts - ts % DAY + 14 * HOUR + int(self.rand() * 9 * HOUR)
        return moved if start <= moved <= end else ts
