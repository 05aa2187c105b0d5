"""Fault injection through the MCP tools (issue 7): the server keeps working and loses nothing.

Each scenario drives real tools through a real MCP client against a sandbox whose faults are
switched on (faults.py): 429 storms, 5xx bursts, hangs past the client's timeout, dropped
connections and malformed JSON, for reads and for writes. What must hold:

- the server never crashes: every failure is a ToolError (not the SDK's bare "Error executing
  tool X") whose text gives a next step, and a good call succeeds afterwards;
- reads ride out intermittent faults by retrying, within bounds (at most 1 + max_retries
  requests per call; rate-limit waits within `max_rate_limit_wait`);
- no write is lost or duplicated, counted in the sandbox's own state: a write reported done is
  there exactly once; a write that failed before Chime applied it is absent; a write whose answer
  broke after Chime applied it (malformed body) is there once, and the tool says so ("probably
  applied: check before trying again") so the model does not write it twice.

The sandbox's semantics (faults.py): a 5xx, a dropped connection and a hang answer BEFORE the
request is handled (nothing changes); a malformed body comes AFTER it was handled (the write
is applied); a 429 burst is never handled.

No real sleeping: rate-limit waits (at least 1 s each in the client) and retry backoffs go
through a virtual clock; only hangs cost real time, bounded by a 0.1 s client timeout.

The rig (tests/support/faults.py) and the scenarios (tests/support/fault_scenarios.py) are plain
async functions over a `FaultRig`, so `bench/fault_report.py` runs the very same ones and reports
their tallies.
"""

from __future__ import annotations

from typing import Any

import pytest

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.ratelimit import RateBudget
from tests.support.clocks import FakeClock
from tests.support.fault_scenarios import SCENARIOS, check_tally
from tests.support.faults import TIMEOUT, fault_rig
from tests.support.results import text_of
from tests.support.sandboxes import BOB

# -- the tests ------------------------------------------------------------------------------

pytestmark = pytest.mark.anyio


def crashes(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the SDK logged as crashes (its UnexpectedToolError path logs a traceback)."""
    return [r.getMessage() for r in caplog.records if "unexpected exception" in r.getMessage()]


@pytest.mark.parametrize("name", list(SCENARIOS))
async def test_fault_scenario_in_process(name: str, caplog: pytest.LogCaptureFixture) -> None:
    async with fault_rig() as rig:
        await SCENARIOS[name](rig)
        check_tally(rig.finish())
    assert not crashes(caplog)


@pytest.mark.parametrize("name", ["5xx burst", "hangs", "dropped connections", "malformed JSON"])
async def test_fault_scenario_over_loopback_http(
    name: str, live_sandbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The same over a real socket (uvicorn): a dropped connection and a hang are real here."""

    def over_http(clock: FakeClock) -> ChimeClient:
        client: ChimeClient = live_sandbox.client(
            timeout=TIMEOUT, sleep=clock.sleep, budget=RateBudget(clock=clock.monotonic)
        )
        return client

    async with fault_rig(over_http, sandbox=live_sandbox.sandbox) as rig:
        await SCENARIOS[name](rig)
        check_tally(rig.finish())
    assert not crashes(caplog)


async def test_the_timeline_degrades_when_one_source_fails() -> None:
    """One of the timeline's sources failing leaves the rest readable, and says which is missing."""
    async with fault_rig() as rig:
        rig.faults(error_rate=1.0, tools=frozenset({"list_notes"}))
        result = await rig.read("get_lead_timeline", leadId=BOB)
        assert not result.is_error, text_of(result)
        assert "unavailable" in text_of(result)
        await rig.healthy()
