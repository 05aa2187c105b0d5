"""Fault injection: latency, 5xx errors, hangs, malformed bodies, 429 bursts, dropped connections.

Settings live in a `Faults` value the sandbox holds; tests swap it at runtime with
`sandbox.set_faults(...)`. Every decision comes from a `random.Random(seed)` and every request
draws the same number of values whatever happens, so a given seed and request sequence always
gives the same faults. Each injected fault is counted in the sandbox's counters
(`fault.latency`, `fault.error`, `fault.hang`, `fault.malformed`, `fault.drop`, `fault.burst_429`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any, Literal

FaultKind = Literal["burst_429", "drop", "hang", "error", "malformed"]


@dataclass(frozen=True)
class Faults:
    """What goes wrong, and how often. The default: nothing."""

    latency_ms: float = 0.0
    """Added to every matching request."""
    jitter_ms: float = 0.0
    """Plus a uniform random delay in [0, jitter_ms)."""
    error_rate: float = 0.0
    """Chance of answering `error_status` instead of handling the request (nothing is changed)."""
    error_status: int = 503
    hang_rate: float = 0.0
    """Chance of never answering: the request waits for the client to give up (or `hang_seconds`)."""
    hang_seconds: float = 30.0
    malformed_rate: float = 0.0
    """Chance the answer is truncated JSON. The request IS handled: a write is applied."""
    drop_rate: float = 0.0
    """Chance the connection closes mid-answer. The request is NOT handled."""
    burst_429: int = 0
    """The next N matching requests get 429, whatever the budget."""
    burst_reset_ms: int = 100
    """The X-RateLimit-Reset sent with a burst 429: how soon the client may try again."""
    tools: frozenset[str] = frozenset()
    """Operations (tool names) the faults apply to; empty means all of them."""
    seed: int = 0


@dataclass(frozen=True)
class FaultPlan:
    """The decision for one request."""

    delay: float = 0.0
    """Seconds to wait before answering."""
    kind: FaultKind | None = None


NO_FAULT = FaultPlan()


@dataclass
class FaultInjector:
    """Draws a `FaultPlan` per request from the current `Faults`."""

    settings: Faults = field(default_factory=Faults)
    burst_left: int = 0
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.configure(self.settings)

    def configure(self, settings: Faults | None = None, **changes: Any) -> Faults:
        """Replace the settings (or change some fields); reseeds, and re-arms the 429 burst."""
        base = settings if settings is not None else self.settings
        if "tools" in changes and not isinstance(changes["tools"], frozenset):
            changes["tools"] = frozenset(changes["tools"])
        self.settings = replace(base, **changes)
        self._rng = random.Random(self.settings.seed)
        self.burst_left = self.settings.burst_429
        return self.settings

    def plan(self, tool: str) -> FaultPlan:
        s = self.settings
        if s.tools and tool not in s.tools:
            return NO_FAULT
        # Always five draws, so one request's outcome never shifts the next one's.
        jitter, drop, hang, error, malformed = (self._rng.random() for _ in range(5))
        delay = (s.latency_ms + jitter * s.jitter_ms) / 1000
        kind: FaultKind | None = None
        if self.burst_left > 0:
            self.burst_left -= 1
            kind = "burst_429"
        elif drop < s.drop_rate:
            kind = "drop"
        elif hang < s.hang_rate:
            kind = "hang"
        elif error < s.error_rate:
            kind = "error"
        elif malformed < s.malformed_rate:
            kind = "malformed"
        return FaultPlan(delay=delay, kind=kind)
