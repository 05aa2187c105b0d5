"""Fault and load report: does chime-mcp lose or duplicate anything when the API misbehaves?

Runs the fault scenarios that tests/system/test_faults.py checks (429 storms, 5xx bursts, hangs, dropped
connections, malformed JSON, all at once) through the MCP tools against the in-process sandbox,
then the 200-call load scenario of tests/system/test_load.py (both in tests/support) over streamable HTTP against
`chime-mcp serve --sandbox`, and prints:

  faults injected (by kind, from the sandbox's counters), calls made, errors surfaced to the
  model (each a ToolError with a next step), records lost and duplicated (both must be 0),
  and the load run's p50/p99 latency and memory growth.

Exits 1 if anything was lost or duplicated, or a scenario's checks failed. Takes ~20 s.

    .venv/bin/python bench/fault_report.py [--calls 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import anyio

# The scenarios live with the tests (tests/support), so the report measures exactly what CI checks.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.fault_scenarios import SCENARIOS
from tests.support.faults import Tally, fault_rig
from tests.support.load import RSS_GROWTH_BOUND_MB, LoadResult, http_server, run_load


async def run_faults() -> tuple[Tally, list[str]]:
    total = Tally()
    failures: list[str] = []
    for name, scenario in SCENARIOS.items():
        async with fault_rig() as rig:
            try:
                await scenario(rig)
            except AssertionError as exc:
                failures.append(f"{name}: {exc}")
            tally = rig.finish()
        total.add(tally)
        print(
            f"  {name:<32} {tally.calls:>4} calls {tally.errors:>4} errors "
            f"{sum(tally.faults.values()):>4} faults  lost {tally.lost}  duplicated {tally.duplicates}"
        )
    return total, failures


async def run_load_scenario(calls: int) -> LoadResult:
    with http_server() as server:
        return await run_load(server.url, calls, server=server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200, help="concurrent calls in the load run")
    options = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)  # retries and tool failures are logged; the report is the output
    started = time.perf_counter()

    print("Fault scenarios (in-process sandbox, through the MCP tools):")
    faults, failures = anyio.run(run_faults)
    print(f"\nLoad: {options.calls} concurrent calls over streamable HTTP (chime-mcp serve --sandbox)")
    load = anyio.run(run_load_scenario, options.calls)

    injected: Counter[str] = Counter({k: v for k, v in faults.faults.items() if v})
    lost = faults.lost + load.notes_lost
    duplicates = faults.duplicates + load.notes_duplicated
    print()
    print(
        f"faults injected      {sum(injected.values())}  ({', '.join(f'{k} {v}' for k, v in sorted(injected.items()))})"
    )
    print(f"calls made           {faults.calls + load.calls}  (faults {faults.calls}, load {load.calls})")
    print(f"errors surfaced      {faults.errors + len(load.errors)}  (faults {faults.errors}, load {len(load.errors)})")
    print(f"writes checked       {faults.writes + load.notes_written}")
    print(f"records lost         {lost}")
    print(f"duplicates           {duplicates}")
    print(f"load answers wrong   {len(load.wrong)}")
    print(
        f"load latency         p50 {load.p50 * 1000:.0f} ms, p99 {load.p99 * 1000:.0f} ms ({load.seconds:.1f} s in all)"
    )
    print(f"slowest call         {load.slowest[0]:.1f} s: {load.slowest[1]}")
    print(
        f"server memory        {load.rss_before_mb:.0f} MB -> {load.rss_after_mb:.0f} MB "
        f"(+{load.rss_growth_mb:.1f} MB; bound {RSS_GROWTH_BOUND_MB:.0f} MB)"
    )
    print(f"run time             {time.perf_counter() - started:.1f} s")
    problems = [*failures, *faults.problems, *load.errors[:5], *load.wrong[:5]]
    if load.rss_growth_mb >= RSS_GROWTH_BOUND_MB:
        problems.append(f"memory grew {load.rss_growth_mb:.1f} MB")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if lost or duplicates or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
