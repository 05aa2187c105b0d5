"""bench/tool_tokens.py times cold start for every toolset, against the same baseline runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import anyio
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "tool_tokens.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tool_tokens_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cold_start_is_timed_for_the_default_set_and_for_all_toolsets(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_bench()
    spawned: list[list[str]] = []

    async def spawn(command: str, args: list[str]) -> float:
        spawned.append(args)
        if args and args[0] == "serve":
            return 1.5 if "all" in args else 1.2
        return 1.0  # the one-tool baseline

    monkeypatch.setattr(bench, "spawn_to_tools_list", spawn)
    ours, baseline, ratio = anyio.run(bench.cold_start, 3)
    served = [args for args in spawned if args and args[0] == "serve"]
    assert ["serve", "--sandbox", "--toolsets", "all"] in served
    assert ["serve", "--sandbox"] in served
    assert baseline == 1.0
    figures: dict[str, Any] = {"default": (ours["default"], ratio["default"]), "all": (ours["all"], ratio["all"])}
    assert figures == {"default": (1.2, 1.2), "all": (1.5, 1.5)}
