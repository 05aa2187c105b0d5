"""Context cost of the tool list, and cold start against a one-tool MCP server.

Prints, in one run:
- tokens (o200k_base, via bpe-openai) of the tool list as the model sees it (name, description
  and inputSchema of each tool, compact JSON: what hosts send to the model) and of the whole
  tools/list payload, for all toolsets, for the default set, and for the default set with
  --dynamic-toolsets (find_tools and enable_toolset added);
- the time from spawn to the tools/list answer for `chime-mcp serve --sandbox` (the default
  toolsets, and every toolset) and for a one-tool MCPServer, over stdio, as median ratios over
  several runs; the runs alternate, so each of ours has the baseline run just before it.

Budgets: model view <= 12,000 (all) and <= 4,000 (default, with or without --dynamic-toolsets;
tests/system/test_bench_tool_tokens.py enforces them); payload < 32,322; cold start
<= 1.3x the baseline, for the default set and for all toolsets. Exits 1 if one is missed.

    .venv/bin/python bench/tool_tokens.py [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.server.config import DEFAULT_TOOLSETS, ServerConfig
from chime_mcp.server.tools.inventory import model_view, token_counter
from chime_mcp.wiring import listed_tools

BASELINE_SERVER = """
from mcp.server import MCPServer

server = MCPServer("baseline")


@server.tool()
def ping(text: str) -> str:
    \"\"\"Echo the text.\"\"\"
    return text


server.run("stdio")
"""

TARGETS = {"all_model": 12000, "default_model": 4000, "all_payload": 32322, "cold_start_ratio": 1.3}


def token_figures() -> dict[str, int]:
    count, exact = token_counter()
    if not exact:
        raise SystemExit("bpe-openai is not installed: pip install -e '.[dev]'")
    figures = {}
    chosen = {
        "all": ServerConfig(toolsets=TOOLSETS),
        "default": ServerConfig(toolsets=DEFAULT_TOOLSETS),
        "dynamic": ServerConfig(toolsets=DEFAULT_TOOLSETS, dynamic_toolsets=True),
    }
    for label, config in chosen.items():
        tools = listed_tools(config)
        figures[f"{label}_tools"] = len(tools)
        figures[f"{label}_model"] = sum(count(model_view(tool)) for tool in tools)
        figures[f"{label}_payload"] = count(json.dumps({"tools": tools}, separators=(",", ":")))
    return figures


async def spawn_to_tools_list(command: str, args: list[str]) -> float:
    started = time.perf_counter()
    async with Client(StdioServerParameters(command=command, args=args), mode="legacy") as client:
        tools = await client.list_tools()
    elapsed = time.perf_counter() - started
    assert tools.tools, "no tools listed"
    return elapsed


def compile_package() -> None:
    """Compile chime_mcp to bytecode, as pip does when it installs a (non-editable) package.

    The baseline's mcp was compiled by pip at install; an editable install of ours is not, and
    where PYTHONDONTWRITEBYTECODE is set nothing ever caches it, so each start would recompile
    every module: a cost no installed copy pays.
    """
    import chime_mcp

    compileall.compile_dir(Path(chime_mcp.__file__).parent, quiet=1)


SERVED = {"default": ["serve", "--sandbox"], "all": ["serve", "--sandbox", "--toolsets", "all"]}
"""The toolset choices whose cold start is timed, with the command line that serves each."""


async def cold_start(runs: int) -> tuple[dict[str, float], float, dict[str, float]]:
    """(median ms per choice, median baseline, median per-run ratio per choice).

    Each round runs the baseline, then every choice: each of ours is divided by the baseline
    run of its own round, so a slow moment of the machine weighs on both sides alike.
    """
    executable = Path(sys.executable)
    chime = executable.parent / "chime-mcp"
    with tempfile.TemporaryDirectory() as folder:
        baseline_script = Path(folder) / "baseline.py"
        baseline_script.write_text(BASELINE_SERVER)
        ours: dict[str, list[float]] = {label: [] for label in SERVED}
        ratios: dict[str, list[float]] = {label: [] for label in SERVED}
        baseline: list[float] = []
        # One warm-up each, so the OS file cache treats them alike; then alternate.
        await spawn_to_tools_list(str(executable), [str(baseline_script)])
        for args in SERVED.values():
            await spawn_to_tools_list(str(chime), args)
        for _ in range(runs):
            base = await spawn_to_tools_list(str(executable), [str(baseline_script)])
            baseline.append(base)
            for label, args in SERVED.items():
                ours[label].append(await spawn_to_tools_list(str(chime), args))
                ratios[label].append(ours[label][-1] / base)
    return (
        {label: statistics.median(times) for label, times in ours.items()},
        statistics.median(baseline),
        {label: statistics.median(values) for label, values in ratios.items()},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    figures = token_figures()
    print("Tool list, tokens (o200k_base, compact JSON)")
    print(
        f"  all toolsets:   {figures['all_tools']:3} tools, model view {figures['all_model']:6,}"
        f" (budget <= {TARGETS['all_model']:,}), whole payload {figures['all_payload']:6,} (target < 32,322)"
    )
    print(
        f"  default set:    {figures['default_tools']:3} tools, model view {figures['default_model']:6,}"
        f" (budget <= {TARGETS['default_model']:,}), whole payload {figures['default_payload']:6,}"
    )
    print(
        f"  dynamic:        {figures['dynamic_tools']:3} tools, model view {figures['dynamic_model']:6,}"
        f" (budget <= {TARGETS['default_model']:,}): the default set with --dynamic-toolsets"
    )
    print("  for scale: a generic OpenAPI-to-MCP conversion of this API: 11,950 model view, 32,322 payload")

    compile_package()
    ours, baseline, ratio = anyio.run(cold_start, options.runs)
    print(f"Cold start, spawn to tools/list answer, median of {options.runs} runs (all compiled to bytecode)")
    for label, args in SERVED.items():
        tools = figures[f"{label}_tools"]
        print(
            f"  chime-mcp {' '.join(args):<34} ({tools:2} tools): {ours[label] * 1000:5.0f} ms,"
            f" ratio {ratio[label]:.2f} (target <= 1.3)"
        )
    print(f"  one-tool MCPServer (baseline){'':<23}: {baseline * 1000:5.0f} ms")
    print("  ratio: the median of per-run ratios to the baseline run of the same round")

    missed = []
    if figures["all_model"] > TARGETS["all_model"]:
        missed.append("all-toolsets model view")
    if figures["default_model"] > TARGETS["default_model"]:
        missed.append("default-set model view")
    if figures["dynamic_model"] > TARGETS["default_model"]:
        missed.append("dynamic default-set model view")
    if figures["all_payload"] >= TARGETS["all_payload"]:
        missed.append("whole payload")
    missed += [f"cold start ({label})" for label in SERVED if ratio[label] > TARGETS["cold_start_ratio"]]
    print("targets: " + ("all met" if not missed else "MISSED: " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
