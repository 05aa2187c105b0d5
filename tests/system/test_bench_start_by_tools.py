"""bench/start_by_tools.py: start-up timed per toolset prefix, against an alternating baseline."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from chime_mcp.chime.catalog import TOOLSETS

BENCH = Path(__file__).resolve().parents[2] / "bench" / "start_by_tools.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("start_by_tools_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_prefixes_grow_to_every_toolset() -> None:
    chosen = load_bench().prefixes()
    assert chosen[-1] == TOOLSETS
    assert [len(p) for p in chosen] == sorted({len(p) for p in chosen})


def test_each_prefix_is_timed_after_a_baseline_run_and_the_slope_is_per_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_bench()
    ran: list[str] = []

    def child(script: str, *args: str) -> tuple[int, float]:
        if script == bench.BASELINE:
            ran.append("baseline")
            return 1, 0.010
        ran.append(args[0])
        tools = 10 * len(args[0].split(","))
        return tools, 0.100 + 0.002 * tools  # 2 ms a tool

    monkeypatch.setattr(bench, "child", child)
    chosen = [TOOLSETS[:1], TOOLSETS[:2]]
    baseline, points = bench.measure(2, chosen)
    assert ran[::2] == ["baseline"] * 4
    assert baseline == 0.010
    assert points == [(10, pytest.approx(0.12)), (20, pytest.approx(0.14))]
    assert bench.slope(points) == pytest.approx(0.002)


def test_the_child_script_builds_the_server_it_names() -> None:
    bench = load_bench()
    count, seconds = bench.child(bench.OURS, "notes")
    assert count == 5 and 0 < seconds < 60
