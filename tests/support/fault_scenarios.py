"""The fault scenarios: plain async functions over a `FaultRig`, so tests/system/test_faults.py checks
them and bench/fault_report.py runs the very same ones and reports their tallies.

Each switches faults on, drives reads and writes through the tools, checks what must hold
(see test_faults.py) and leaves the server healthy (`rig.healthy()`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import anyio

from tests.support.faults import MAX_RATE_LIMIT_WAIT, MAX_RETRIES, MAYBE_APPLIED, FaultRig, Tally
from tests.support.results import text_of
from tests.support.sandboxes import BOB


async def storm_429(rig: FaultRig) -> None:
    """A burst of 429s shorter than the wait budget: every call succeeds, writes land once."""
    rig.faults(burst_429=4, burst_reset_ms=50)
    result = await rig.read("get_lead", leadId=BOB)
    assert not result.is_error and "Bob" in text_of(result)
    assert rig.sandbox.counters["fault.burst_429"] == 4
    # Each 429 waits at least 1 s (the client's floor): 4 s in all, within the 5 s budget.
    assert 4.0 <= rig.clock.total_slept <= MAX_RATE_LIMIT_WAIT
    for write in (rig.add_note, rig.create_task, rig.log_call):
        rig.faults(burst_429=3, burst_reset_ms=50)
        written = await write()
        assert not written.is_error, text_of(written)
    await rig.healthy()


async def storm_429_past_budget(rig: FaultRig) -> None:
    """A storm longer than the client will wait: a ToolError saying when to retry; nothing lost."""
    rig.faults(burst_429=1000, burst_reset_ms=2000)
    result = await rig.read("search_leads", query="bob")
    assert result.is_error and "retry in" in text_of(result).lower(), text_of(result)
    slept = rig.clock.total_slept
    assert slept <= MAX_RATE_LIMIT_WAIT
    written = await rig.add_note()
    assert written.is_error and "retry in" in text_of(written).lower()
    assert rig.clock.total_slept - slept <= MAX_RATE_LIMIT_WAIT
    # The budget remembers the storm: once its reset has passed, calls go through again.
    rig.faults()
    await rig.clock.sleep(MAX_RATE_LIMIT_WAIT)
    await rig.healthy()


async def error_burst(rig: FaultRig) -> None:
    """5xx on every request: reads retry 3 times then fail; writes fail without being applied."""
    rig.faults(error_rate=1.0, error_status=503)
    before = rig.sandbox.counters["requests"]
    result = await rig.read("get_lead", leadId=BOB)
    assert result.is_error and "503" in text_of(result)
    assert rig.sandbox.counters["requests"] - before == 1 + MAX_RETRIES, "reads retry, within bounds"
    for write in (rig.add_note, rig.create_task, rig.log_call):
        assert (await write()).is_error
    update = await rig.call("update_lead", leadId=BOB, stage="Nurture")
    assert update.is_error
    assert rig.sandbox.state.leads[BOB].get("stage") != "Nurture"
    rig.faults(error_rate=1.0, error_status=500)  # 500 is not retried: Chime answered definitely
    assert (await rig.read("list_notes", leadId=BOB)).is_error
    await rig.healthy()


async def intermittent_errors(rig: FaultRig) -> None:
    """Half the requests fail with 502: reads recover by retrying; each write lands 0 or 1 times."""
    rig.faults(error_rate=0.5, error_status=502, seed=11)
    for _ in range(8):
        await rig.read("get_lead", leadId=BOB)
    assert rig.sandbox.counters["fault.error"] >= 4
    assert rig.recovered >= 3, "reads ride out 502s by retrying"
    for _ in range(4):
        await rig.add_note()
        await rig.log_call()
    await rig.healthy()


async def hangs(rig: FaultRig) -> None:
    """Requests that never answer: the client times out; reads retry; writes say check first."""
    rig.faults(hang_rate=1.0, hang_seconds=5)
    with anyio.fail_after(5):  # bounded: 4 attempts of TIMEOUT each, not hang_seconds
        result = await rig.read("get_lead", leadId=BOB)
    assert result.is_error and "CHIME_TIMEOUT" in text_of(result), text_of(result)
    written = await rig.add_note()
    assert written.is_error and MAYBE_APPLIED.search(text_of(written)), text_of(written)
    # Some hangs, some answers: reads recover.
    rig.faults(hang_rate=0.4, hang_seconds=5, seed=3)
    for _ in range(4):
        await rig.read("list_notes", leadId=BOB)
    assert rig.recovered >= 1, "reads ride out a hang by retrying"
    # Slow but in time: no fault surfaces.
    rig.faults(latency_ms=20)
    assert not (await rig.read("get_lead", leadId=BOB)).is_error
    assert not (await rig.add_note()).is_error
    await rig.healthy()


async def dropped_connections(rig: FaultRig) -> None:
    """The connection drops mid-answer (before handling): reads retry; writes are not applied."""
    rig.faults(drop_rate=1.0)
    result = await rig.read("search_leads", query="bob")
    assert result.is_error and "connection" in text_of(result).lower(), text_of(result)
    for write in (rig.add_note, rig.create_task, rig.log_call):
        written = await write()
        assert written.is_error and MAYBE_APPLIED.search(text_of(written)), text_of(written)
    rig.faults(drop_rate=0.4, seed=5)
    for _ in range(6):
        await rig.read("get_lead", leadId=BOB)
    assert rig.recovered >= 1, "reads ride out a dropped connection by retrying"
    await rig.healthy()


async def malformed_json(rig: FaultRig) -> None:
    """Truncated JSON answers. Reads retry; a write answered 2xx IS applied: a success without an id."""
    rig.faults(malformed_rate=1.0)
    result = await rig.read("get_lead", leadId=BOB)
    assert result.is_error and "malformed" in text_of(result).lower(), text_of(result)
    for write, finder in ((rig.add_note, "list_notes"), (rig.create_task, "list_tasks"), (rig.log_call, "list_logs")):
        written = await write()
        assert not written.is_error, text_of(written)
        assert f"answer carried no id: find the new record with {finder}" in text_of(written), text_of(written)
    update = await rig.call("update_lead", leadId=BOB, stage="Nurture")
    assert not update.is_error, text_of(update)
    rig.faults(malformed_rate=0.4, seed=2)
    for _ in range(6):
        await rig.read("list_tasks", leadId=BOB)
    assert rig.recovered >= 1, "reads ride out a malformed answer by retrying"
    # Following the advice ("check before trying again") finds the note written once.
    rig.faults()
    notes = await rig.read("list_notes", leadId=BOB)
    assert "add_note #1 (fault test)" in text_of(notes)
    await rig.healthy()


async def chaos(rig: FaultRig) -> None:
    """Every fault at once, at modest rates, over a mix of reads and writes."""
    rig.faults(error_rate=0.1, drop_rate=0.1, hang_rate=0.05, malformed_rate=0.1, latency_ms=1, hang_seconds=5, seed=42)
    for round_ in range(6):
        await rig.read("get_lead", leadId=BOB)
        await rig.read("search_leads", query="li", limit=5)
        await rig.read("get_lead_timeline", leadId=BOB)
        await rig.add_note()
        await rig.create_task()
        if round_ % 2 == 0:
            rig.sandbox.faults.burst_left = 2  # a short 429 burst in the middle of it all
        await rig.log_call()
    await rig.healthy()


SCENARIOS: dict[str, Callable[[FaultRig], Awaitable[None]]] = {
    "429 storm": storm_429,
    "429 storm past the wait budget": storm_429_past_budget,
    "5xx burst": error_burst,
    "intermittent 5xx": intermittent_errors,
    "hangs": hangs,
    "dropped connections": dropped_connections,
    "malformed JSON": malformed_json,
    "chaos": chaos,
}


def check_tally(tally: Tally) -> None:
    assert tally.lost == 0 and tally.duplicates == 0, tally.problems
