"""The fault rig: real tools, through a real MCP client, on a sandbox whose faults are switched on.

`fault_rig()` yields a `FaultRig`: a server (default toolsets) on a fresh seed-7 sandbox, in
memory, whose client waits on a `FakeClock` (rate-limit waits and backoffs cost no time; only
hangs cost real time, bounded by a 0.1 s client timeout). `rig.call` checks every failure is a
ToolError with a next step and that retries stay bounded; `rig.write` makes a write with a
unique text and counts it in the sandbox, so a `Tally` says what was lost or duplicated.

The scenarios (fault_scenarios.py) run on it, in tests/system/test_faults.py and bench/fault_report.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from mcp import Client
from mcp_types import CallToolResult

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.operation import Effect
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.inprocess import BASE_URL, SandboxTransport
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import DEFAULT_TOOLSETS, ServerConfig
from chime_mcp.server.tools.specs import all_tool_specs
from chime_mcp.services.stage_check import STAGED
from tests.support.clocks import FakeClock
from tests.support.results import text_of
from tests.support.sandboxes import BOB, fresh_sandbox

MAX_RETRIES = 3
"""The client's default; a read makes at most 1 + MAX_RETRIES requests."""
TIMEOUT = 0.1
"""The client's read timeout in these tests: a hang costs this much real time per attempt."""
MAX_RATE_LIMIT_WAIT = 5.0

_CRASH = re.compile(r"^Error executing tool \w+$")
NEXT_STEP = re.compile(
    r"try again|retry in|check before|check with|check the|raise CHIME_TIMEOUT|find it with|list_\w+|search_\w+",
    re.IGNORECASE,
)
"""Words that tell the model what to do next."""
MAYBE_APPLIED = re.compile(r"may or may not have been applied|probably applied|may have been applied", re.I)


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
    clock: FakeClock
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
        # Bounded retries: timeline reads many sources, an overwrite reads the record first and
        # then writes (two operations), a lead write that sets a stage reads the team's stages
        # first (one more), every other tool one operation.
        if tool != "get_lead_timeline":
            operations = 2 if _effect(tool) is Effect.OVERWRITE else 1
            operations += "stage" in arguments and any(op.tool == tool for op in STAGED)
            assert requests <= operations * (1 + MAX_RETRIES), f"{tool} sent {requests} requests"
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


def fault_client(app: Any, clock: FakeClock, *, timeout: float = TIMEOUT) -> ChimeClient:
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
    factory: Callable[[FakeClock], ChimeClient] | None = None, *, sandbox: Sandbox | None = None
) -> AsyncIterator[FaultRig]:
    """A server (default toolsets: leads, notes, tasks, logs) on a fresh sandbox, in memory."""
    box = sandbox or fresh_sandbox()
    app = create_app(sandbox=box)
    clock = FakeClock(now=1000.0)
    make = factory or (lambda c: fault_client(app, c))
    backend = ClientBackend(lambda: make(clock))
    # The default set and the v1 tasks the scenarios write (create_task, list_tasks).
    config = ServerConfig(sandbox=True, confirm="off", toolsets=(*DEFAULT_TOOLSETS, "tasks"))
    server = build_server(config, backend=backend)
    try:
        async with Client(server) as client:
            yield FaultRig(client, box, clock)
    finally:
        if sandbox is None:
            box.close()


def _effect(tool: str) -> Effect:
    return (
        next(spec.effect for spec in all_tool_specs() if spec.name == tool)
        if tool != "get_lead_timeline"
        else Effect.READ
    )
