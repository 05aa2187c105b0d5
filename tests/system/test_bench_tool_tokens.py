"""bench/tool_tokens.py: the tool list within its token budgets; cold start timed for every toolset."""

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


def test_the_tool_list_fits_its_token_budgets() -> None:
    """What the model reads of the tool list: the default set within 4,000 tokens (with
    find_tools and enable_toolset too), every toolset within 12,000."""
    bench = load_bench()
    figures = bench.token_figures()  # exact counts (o200k_base): deterministic, not timing
    assert bench.TARGETS["default_model"] == 4000
    assert bench.TARGETS["all_model"] == 12000
    assert figures["default_model"] <= 4000, figures
    assert figures["dynamic_model"] <= 4000, figures
    assert figures["dynamic_tools"] == figures["default_tools"] + 2
    assert figures["all_model"] <= 12000, figures
    assert figures["default_tools"] < figures["all_tools"]
