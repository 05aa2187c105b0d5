"""Start-up against the number of registered tools: does building the server grow with the catalog?

For a growing prefix of the toolsets (six steps from the first toolset to every toolset), a fresh
Python process imports chime-mcp, then times `build_server` plus the first `tools/list`: the part
of a cold start that registering tools costs (imports are not counted; each process pays what a
real start pays, models built on first use included). A fresh process that builds a one-tool
MCPServer the same way is the baseline of the same run; the runs alternate with it.

Prints, per prefix, the tools registered and the median time; then the cost of one more tool
(the least-squares slope, ms per tool) against its target: the fast-path issue asks that
registering more tools not add start time proportionally, so the whole catalog may add at most
0.2x of a one-tool server's ~480 ms cold start (`bench/tool_tokens.py` times that spawn). Exits 1
if the target is missed.

    .venv/bin/python bench/start_by_tools.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

from chime_mcp.chime.catalog import TOOLSETS

SLOPE_TARGET_MS = 0.7
"""ms per registered tool: 131 tools then add ~90 ms, under 0.2x of a ~480 ms one-tool cold start."""

STEPS = 6

CHILD = """
import sys, time
import anyio
{imports}
started = time.perf_counter()
server = {build}
count = len(anyio.run(server.list_tools))
print(count, time.perf_counter() - started)
"""
OURS = CHILD.format(
    imports="from chime_mcp.server.config import ServerConfig\nfrom chime_mcp.wiring import build_server",
    build="build_server(ServerConfig(sandbox=True, toolsets=tuple(sys.argv[1].split(','))))",
)
BASELINE = CHILD.format(
    imports="from mcp.server import MCPServer\n"
    "def one():\n"
    "    server = MCPServer('baseline')\n"
    "    @server.tool()\n"
    "    def ping(text: str) -> str:\n"
    "        return text\n"
    "    return server",
    build="one()",
)


def child(script: str, *args: str) -> tuple[int, float]:
    """(tools listed, seconds to build and list them) in a fresh process."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    count, seconds = done.stdout.split()
    return int(count), float(seconds)


def prefixes(steps: int = STEPS) -> list[tuple[str, ...]]:
    """`steps` prefixes of the toolsets, evenly spaced, the last one every toolset."""
    ends = sorted({round(len(TOOLSETS) * (n + 1) / steps) for n in range(steps)})
    return [TOOLSETS[:end] for end in ends if end > 0]


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares seconds per tool over (tools, seconds) points."""
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def measure(runs: int, chosen: list[tuple[str, ...]]) -> tuple[float, list[tuple[int, float]]]:
    """(median baseline seconds, [(tools, median seconds)] per prefix); baseline runs alternate."""
    baseline: list[float] = []
    times: dict[int, list[float]] = {}
    counts: dict[int, int] = {}
    for _ in range(runs):
        for index, toolsets in enumerate(chosen):
            baseline.append(child(BASELINE)[1])
            counts[index], seconds = child(OURS, ",".join(toolsets))
            times.setdefault(index, []).append(seconds)
    points = [(counts[index], statistics.median(times[index])) for index in range(len(chosen))]
    return statistics.median(baseline), points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    chosen = prefixes()
    baseline, points = measure(options.runs, chosen)
    print(f"Server build and first tools/list in a fresh process, median of {options.runs} runs")
    print(f"  one-tool MCPServer (baseline): {baseline * 1000:7.1f} ms")
    for toolsets, (count, seconds) in zip(chosen, points, strict=True):
        print(f"  {count:3} tools ({len(toolsets):2} toolsets): {seconds * 1000:7.1f} ms")
    per_tool = slope(points) * 1000
    met = per_tool <= SLOPE_TARGET_MS
    print(f"  one more tool costs {per_tool:.2f} ms (target <= {SLOPE_TARGET_MS} ms)")
    print("targets: " + ("all met" if met else "MISSED: start time grows with the catalog"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
