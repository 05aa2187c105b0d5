"""The load runner: many concurrent tool calls over streamable HTTP against a real server process.

`http_server()` starts `chime-mcp serve --sandbox --transport http` on a free loopback port;
`run_load(url, calls)` drives `calls` concurrent calls over several sessions (both protocol
versions), checks every answer, counts notes written, lost and duplicated, and measures latency
and the server's memory growth; `check_load` asserts what must hold. Used by tests/system/test_load.py
and bench/fault_report.py.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import anyio
from mcp import Client

from tests.support.processes import free_port, wait_listening
from tests.support.results import text_of

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")
RSS_GROWTH_BOUND_MB = 100.0
"""Stated bound on the server's memory growth over a load run (measured: a few MB)."""
SESSIONS = 8
CALL_TIMEOUT = 60.0
STALL_SECONDS = 30.0
"""No call may take longer. A rate-limit wait is capped at 25 s (ClientSettings.max_rate_limit_wait),
so a call past this is a stall; check_load names it (tool, arguments, session)."""


@dataclass
class HttpServer:
    url: str
    process: subprocess.Popen[bytes]

    def rss_mb(self) -> float:
        """The server's resident set size, from /proc (Linux)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS in /proc status")


@contextmanager
def http_server() -> Iterator[HttpServer]:
    """`chime-mcp serve --sandbox --transport http` on a free loopback port."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    process = subprocess.Popen(
        [CHIME_MCP, "serve", "--sandbox", "--transport", "http", "--port", str(port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_listening(process, "127.0.0.1", port, "the server")
        yield HttpServer(f"http://127.0.0.1:{port}/mcp", process)
    finally:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


@dataclass
class Call:
    kind: Literal["get_lead", "search_email", "add_note"]
    tool: str
    arguments: dict[str, Any]
    expect: tuple[str, ...]
    """Texts the answer must contain."""


@dataclass
class LoadResult:
    calls: int = 0
    errors: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    """The slowest call's seconds, and which call it was."""
    notes_written: int = 0
    notes_lost: int = 0
    notes_duplicated: int = 0
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    seconds: float = 0.0

    @property
    def rss_growth_mb(self) -> float:
        return self.rss_after_mb - self.rss_before_mb

    def percentile(self, q: float) -> float:
        """Latency percentile in seconds (q in 0..100), nearest-rank."""
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        rank = max(1, round(q / 100 * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else 0.0

    @property
    def p99(self) -> float:
        return self.percentile(99)


async def known_leads(client: Client, count: int = 50) -> list[dict[str, Any]]:
    """Leads to ask for, as the sandbox lists them (id, name, email)."""
    result = await client.call_tool("search_leads", {"limit": count})
    assert not result.is_error, text_of(result)
    leads: list[dict[str, Any]] = (result.structured_content or {})["leads"]
    return [lead for lead in leads if lead.get("firstName") and lead.get("lastName")]


def plan(leads: list[dict[str, Any]], calls: int, run_id: str) -> list[Call]:
    """The mix: 8 in 10 get_lead, 1 in 10 search by email, 1 in 10 add_note."""
    planned: list[Call] = []
    for i in range(calls):
        lead = leads[i % len(leads)]
        identity = (str(lead["leadId"]), lead["firstName"], lead["lastName"])
        if i % 10 == 9:
            content = f"load {run_id} note {i}"
            planned.append(Call("add_note", "add_note", {"leadId": lead["leadId"], "content": content}, ()))
        elif i % 10 == 4 and lead.get("emails"):
            email = lead["emails"][0]
            planned.append(Call("search_email", "search_leads", {"query": email}, identity))
        else:
            planned.append(Call("get_lead", "get_lead", {"leadId": lead["leadId"]}, identity))
    return planned


async def run_load(url: str, calls: int, *, sessions: int = SESSIONS, server: HttpServer | None = None) -> LoadResult:
    """`calls` concurrent tool calls over `sessions` MCP sessions; every answer checked."""
    result = LoadResult()
    run_id = f"{time.time_ns():x}"
    async with Client(url) as probe:
        leads = await known_leads(probe)
        # Warm-up: one of each kind, so one-off costs are not counted as growth.
        for call in plan(leads, 10, f"{run_id}-warm"):
            await probe.call_tool(call.tool, call.arguments)
    if server is not None:
        result.rss_before_mb = server.rss_mb()
    planned = plan(leads, calls, run_id)
    modes: list[Literal["auto", "legacy"]] = ["auto", "legacy"]
    started = time.perf_counter()

    async def one(client: Client, call: Call, where: str) -> None:
        begun = time.perf_counter()
        with anyio.fail_after(CALL_TIMEOUT):
            answer = await client.call_tool(call.tool, call.arguments)
        took = time.perf_counter() - begun
        result.latencies.append(took)
        result.slowest = max(result.slowest, (took, f"{call.tool} {call.arguments} ({where})"))
        result.calls += 1
        text = text_of(answer)
        if answer.is_error:
            result.errors.append(f"{call.tool} {call.arguments}: {text[:200]}")
        elif not all(part in text for part in call.expect):
            result.wrong.append(f"{call.tool} {call.arguments}: expected {call.expect!r} in {text[:200]!r}")

    async def session(index: int) -> None:
        async with Client(url, mode=modes[index % 2]) as client, anyio.create_task_group() as group:
            # Every call of this session in flight at once.
            for call in planned[index::sessions]:
                group.start_soon(one, client, call, f"session {index}, {modes[index % 2]}")

    async with anyio.create_task_group() as group:
        for index in range(sessions):
            group.start_soon(session, index)
    result.seconds = time.perf_counter() - started
    if server is not None:
        result.rss_after_mb = server.rss_mb()

    # Every note stored exactly once: read each lead's notes back through the tools.
    async with Client(url) as check:
        written = [c for c in planned if c.kind == "add_note"]
        for lead_id in {c.arguments["leadId"] for c in written}:
            notes = await check.call_tool("list_notes", {"leadId": lead_id})
            contents = [n.get("content") for n in (notes.structured_content or {}).get("result", [])]
            for call in (c for c in written if c.arguments["leadId"] == lead_id):
                stored = contents.count(call.arguments["content"])
                result.notes_written += 1
                result.notes_lost += stored == 0
                result.notes_duplicated += stored > 1
    return result


def check_load(result: LoadResult, calls: int) -> None:
    assert result.calls == calls
    seconds, which = result.slowest
    assert seconds < STALL_SECONDS, f"a call took {seconds:.1f} s: {which}"
    assert not result.errors, result.errors[:5]
    assert not result.wrong, result.wrong[:5]
    assert result.notes_written > 0 and result.notes_lost == 0 and result.notes_duplicated == 0
    assert result.rss_growth_mb < RSS_GROWTH_BOUND_MB, f"the server grew {result.rss_growth_mb:.1f} MB"
