"""`build_demo_state`: the team, the listings, the leads and their history, in that order."""

from __future__ import annotations

import gc
from datetime import UTC, datetime

from chime_mcp.sandbox.demo.builder import Builder
from chime_mcp.sandbox.demo.leads import build_leads
from chime_mcp.sandbox.demo.listings import build_listings
from chime_mcp.sandbox.demo.state import DEFAULT_NOW, DemoState
from chime_mcp.sandbox.demo.team import build_team


def build_demo_state(seed: int = 7, lead_count: int = 200, now: datetime | None = None) -> DemoState:
    """Build the demo team, its leads and their history.

    The same ``seed``, ``lead_count`` and ``now`` always give an identical state. ``now`` (UTC,
    default `DEFAULT_NOW`) anchors every time: history lies in the ~18 months before it, some open
    tasks are overdue, some due today or this week. The first lead is always Bob Li
    (bob.li@example.com), an Active Buyer with notes, calls, an overdue task and an appointment.
    """
    if now is None:
        now = DEFAULT_NOW
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    now = now.replace(microsecond=0)
    # Tens of thousands of small dicts: pausing the cyclic GC (nothing here makes cycles) keeps a
    # full collection of the host process's heap from landing in the middle of the build.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        builder = Builder(seed, now)
        build_team(builder)
        build_listings(builder, 120)
        build_leads(builder, lead_count)
        builder.state.next_id = builder.nid()
    finally:
        if gc_was_enabled:
            gc.enable()
    return builder.state
