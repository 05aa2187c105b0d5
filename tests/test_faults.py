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

The scenarios are plain async functions over a `FaultRig`, so `bench/fault_report.py` runs the
very same ones and reports their tallies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.lowlevel
import pytest
from mcp import Client
from mcp_types import CallToolResult

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import Sandbox, SandboxConfig, create_app
from chime_mcp.sandbox.demo import DEFAULT_NOW
from chime_mcp.sandbox.inprocess import BASE_URL, SandboxTransport
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig

BOB = 600000000000050
"""Bob Li, lead of the seed-7 demo data."""
MAX_RETRIES = 3
"""The client's default; a read makes at most 1 + MAX_RETRIES requests."""
TIMEOUT = 0.1
"""The client's read timeout in these tests: a hang costs this much real time per attempt."""
MAX_RATE_LIMIT_WAIT = 5.0

_CRASH = re.compile(r"^Error executing tool \w+$")
NEXT_STEP = re.compile(
    r"try again|retry in|check before|check the|raise CHIME_TIMEOUT|find it with|list_\w+|search_\w+",
    re.IGNORECASE,
)
"""Words that tell the model what to do next."""
MAYBE_APPLIED = re.compile(r"may or may not have been applied|probably applied|may have been applied", re.I)


# -- the rig --------------------------------------------------------------------------------


@dataclass
class VirtualClock:
    """Time for the client's waits: sleeping advances it instantly, so a 429 storm that would
    wait 4 s in real life costs nothing, and the waits can be summed and checked."""

    now: float = 1000.0
    slept: float = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds
        await anyio.lowlevel.checkpoint()


@dataclass
class Tally:
    """What a run did: the fault report prints these."""

    calls: int = 0
    errors: int = 0
    writes: int = 0
    lost: int = 0
    """Writes reported done that are not in the sandbox."""
    duplicates: int = 0
    """Writes stored more than once, or applied while the tool said plainly that it failed
    (the model would retry, and store it twice)."""
    faults: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.calls += other.calls
        self.errors += other.errors
        self.writes += other.writes
        self.lost += other.lost
        self.duplicates += other.duplicates
        self.faults.update(other.faults)
        self.problems.extend(other.problems)


@dataclass
class FaultRig:
    client: Client
    sandbox: Sandbox
    clock: VirtualClock
    tally: Tally = field(default_factory=Tally)
    recovered: int = 0
    """Calls that succeeded after at least one failed attempt (a retry rode the fault out)."""
    _serial: int = 0

    def faults(self, **settings: Any) -> None:
        """Replace the sandbox's faults (nothing given: no faults)."""
        self.sandbox.set_faults(**settings)

    async def call(self, tool: str, **arguments: Any) -> CallToolResult:
        """Call a tool; check that a failure is a ToolError with a next step."""
        counters = self.sandbox.counters
        before = counters["requests"] - counters["status.429"]
        result = await self.client.call_tool(tool, arguments)
        # 429s are bounded by the wait budget (checked in the 429 scenarios), not by retries.
        requests = counters["requests"] - counters["status.429"] - before
        self.tally.calls += 1
        text = text_of(result)
        if result.is_error:
            self.tally.errors += 1
            assert not _CRASH.match(text.strip()), f"{tool} crashed: {text!r}"
            assert NEXT_STEP.search(text), f"{tool}: no next step in {text!r}"
            assert "Traceback" not in text
        # Bounded retries: timeline reads many sources, every other tool one operation.
        if tool != "get_lead_timeline":
            assert requests <= 1 + MAX_RETRIES, f"{tool} sent {requests} requests"
            self.recovered += requests > 1 and not result.is_error
        return result

    async def read(self, tool: str, **arguments: Any) -> CallToolResult:
        return await self.call(tool, **arguments)

    def unique(self, what: str) -> str:
        """A text no other record has, to count a write by."""
        self._serial += 1
        return f"{what} #{self._serial} (fault test)"

    async def write(self, tool: str, count: Callable[[str], int], text_field: str, **arguments: Any) -> CallToolResult:
        """Make one write whose `text_field` is unique, then count it in the sandbox."""
        marker = self.unique(tool)
        result = await self.call(tool, **{**arguments, text_field: marker})
        self.tally.writes += 1
        stored = count(marker)
        text = text_of(result)
        if stored > 1:
            self.tally.duplicates += 1
            self.tally.problems.append(f"{tool}: stored {stored} times")
        elif not result.is_error and stored == 0:
            self.tally.lost += 1
            self.tally.problems.append(f"{tool}: reported done but not stored")
        elif result.is_error and stored == 1 and not MAYBE_APPLIED.search(text):
            self.tally.duplicates += 1
            self.tally.problems.append(f"{tool}: applied, but the tool said it failed: {text!r}")
        return result

    def notes_with(self, marker: str) -> int:
        return sum(1 for note in self.sandbox.state.notes.values() if note.get("content") == marker)

    def tasks_with(self, marker: str) -> int:
        return sum(1 for task in self.sandbox.state.tasks.values() if task.get("content") == marker)

    def logs_with(self, marker: str) -> int:
        return sum(1 for log in self.sandbox.state.logs.values() if log.get("content") == marker)

    async def add_note(self) -> CallToolResult:
        return await self.write("add_note", self.notes_with, "content", leadId=BOB)

    async def create_task(self) -> CallToolResult:
        return await self.write(
            "create_task",
            self.tasks_with,
            "content",
            leadId=BOB,
            type="Call",
            assignedRole="Agent",
            deadline=1_900_000_000_000,
        )

    async def log_call(self) -> CallToolResult:
        return await self.write("log_call", self.logs_with, "content", leadId=BOB, callingOutcome="Talked")

    async def healthy(self) -> None:
        """With the faults off, the same server answers a read and a write correctly."""
        self.faults()
        result = await self.call("get_lead", leadId=BOB)
        assert not result.is_error and "Bob" in text_of(result), text_of(result)
        written = await self.add_note()
        assert not written.is_error, text_of(written)

    def finish(self) -> Tally:
        self.tally.faults.update(
            {k.removeprefix("fault."): v for k, v in self.sandbox.counters.items() if k.startswith("fault.")}
        )
        return self.tally


def text_of(result: CallToolResult) -> str:
    return "\n".join(getattr(block, "text", "") for block in result.content)


def fault_client(app: Any, clock: VirtualClock, *, timeout: float = TIMEOUT) -> ChimeClient:
    """A ChimeClient for the in-process sandbox: short timeout, virtual waits, own budget."""
    sandbox: Sandbox = app.state.sandbox
    settings = ClientSettings(
        credential=Credential("api_key", sandbox.config.api_key),
        base_url=BASE_URL,
        timeout=timeout,
        max_rate_limit_wait=MAX_RATE_LIMIT_WAIT,
    )
    return ChimeClient(
        settings,
        transport=SandboxTransport(app),
        sleep=clock.sleep,
        budget=RateBudget(clock=clock.monotonic),
        max_retries=MAX_RETRIES,
        backoff=0.001,
    )


@asynccontextmanager
async def fault_rig(
    factory: Callable[[VirtualClock], ChimeClient] | None = None, *, sandbox: Sandbox | None = None
) -> AsyncIterator[FaultRig]:
    """A server (default toolsets: leads, notes, tasks, logs) on a fresh sandbox, in memory."""
    box = sandbox or Sandbox(SandboxConfig(seed=7, now=DEFAULT_NOW))
    app = create_app(sandbox=box)
    clock = VirtualClock()
    make = factory or (lambda c: fault_client(app, c))
    backend = ClientBackend(lambda: make(clock))
    server = build_server(ServerConfig(sandbox=True, confirm="off"), backend=backend)
    try:
        async with Client(server) as client:
            yield FaultRig(client, box, clock)
    finally:
        if sandbox is None:
            box.close()


# -- the scenarios ----------------------------------------------------------------------------
# Each leaves the server healthy and checks so (`rig.healthy()`).


async def storm_429(rig: FaultRig) -> None:
    """A burst of 429s shorter than the wait budget: every call succeeds, writes land once."""
    rig.faults(burst_429=4, burst_reset_ms=50)
    result = await rig.read("get_lead", leadId=BOB)
    assert not result.is_error and "Bob" in text_of(result)
    assert rig.sandbox.counters["fault.burst_429"] == 4
    # Each 429 waits at least 1 s (the client's floor): 4 s in all, within the 5 s budget.
    assert 4.0 <= rig.clock.slept <= MAX_RATE_LIMIT_WAIT
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
    slept = rig.clock.slept
    assert slept <= MAX_RATE_LIMIT_WAIT
    written = await rig.add_note()
    assert written.is_error and "retry in" in text_of(written).lower()
    assert rig.clock.slept - slept <= MAX_RATE_LIMIT_WAIT
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
    """Truncated JSON answers. Reads retry; a write IS applied, and the tool says to check."""
    rig.faults(malformed_rate=1.0)
    result = await rig.read("get_lead", leadId=BOB)
    assert result.is_error and "malformed" in text_of(result).lower(), text_of(result)
    for write in (rig.add_note, rig.create_task, rig.log_call):
        written = await write()
        assert written.is_error and MAYBE_APPLIED.search(text_of(written)), text_of(written)
    update = await rig.call("update_lead", leadId=BOB, stage="Nurture")
    assert update.is_error and MAYBE_APPLIED.search(text_of(update)), text_of(update)
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

    def over_http(clock: VirtualClock) -> ChimeClient:
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
