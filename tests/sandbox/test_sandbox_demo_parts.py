"""The demo generator's parts (the package `chime_mcp.sandbox.demo`): its public names, the draws,
the clock, the system-log codes, and the package's shape (small modules, short functions)."""

from __future__ import annotations

import ast
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

import chime_mcp.sandbox.demo as demo
from chime_mcp.sandbox.demo.draws import Draws
from chime_mcp.sandbox.demo.times import DAY, HOUR, Clock
from chime_mcp.sandbox.system_log_types import LOG_TYPES

PACKAGE = Path(demo.__file__).parent
MODULE_LINES = 500
FUNCTION_LINES = 80
DATA_ONLY = {"vocabulary.py"}
"""Modules allowed past `MODULE_LINES` because they hold only data."""

PUBLIC = {
    "DEFAULT_NOW",
    "HISTORY_DAYS",
    "ID_BASE",
    "ROLE_CODES",
    "ROUTING_TYPES",
    "SEGMENTS",
    "SOURCES",
    "STAGES",
    "TAG_NAMES",
    "DemoState",
    "Record",
    "build_demo_state",
}
"""The public names of the former module ``chime_mcp/sandbox/demo.py``."""


# -- public names -------------------------------------------------------------------------------


def test_the_package_exports_the_names_the_module_did() -> None:
    assert set(demo.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(demo, name) is not None


def test_the_state_keeps_its_type_hints_for_the_store() -> None:
    # sandbox/store.py revives a saved state through typing.get_type_hints(DemoState).
    import typing

    hints = typing.get_type_hints(demo.DemoState)
    assert hints["leads"] == dict[int, demo.Record]
    assert hints["now"] is datetime


# -- draws --------------------------------------------------------------------------------------


def test_draws_are_deterministic_and_cover_their_ranges() -> None:
    a, b = Draws(5), Draws(5)
    assert [a.ri(1, 6) for _ in range(100)] == [b.ri(1, 6) for _ in range(100)]
    d = Draws(1)
    assert {d.ri(1, 6) for _ in range(500)} == set(range(1, 7))
    assert {d.rr(10) for _ in range(500)} == set(range(10))
    assert {d.rr(250, 950, 25) for _ in range(2000)} == set(range(250, 950, 25))
    assert {d.rr(-50, 150, 25) for _ in range(500)} == set(range(-50, 150, 25))
    assert {d.pick("abc") for _ in range(100)} == {"a", "b", "c"}
    picked = d.sample(10, 4)
    assert len(set(picked)) == 4 and all(0 <= i < 10 for i in picked)
    assert sorted(d.sample(6, 6)) == list(range(6))


def test_between_and_work_between_stay_in_range() -> None:
    d = Draws(2)
    assert d.between(5, 5) == 5
    assert d.between(9, 3) == 9  # an empty range gives its start
    assert {d.between(10, 12) for _ in range(100)} == {10, 11, 12}
    start = 20_000 * DAY
    for _ in range(200):
        t = d.work_between(start, start + 3 * DAY - 1)
        assert start <= t < start + 3 * DAY
        assert 14 * HOUR <= t % DAY < 23 * HOUR  # 9am-6pm Central: always reachable here
    assert start <= d.work_between(start, start + HOUR) <= start + HOUR  # out of hours: kept as drawn


def test_each_draw_consumes_one_number_of_the_stream() -> None:
    # The demo data is the order of the draws: each helper (but sample/work_between) takes exactly
    # one random() from the stream, so splitting the generator cannot shift what comes after.
    d, r = Draws(3), random.Random(3)
    d.ri(1, 6)
    d.rr(10)
    d.rr(5, 50, 5)
    d.pick("abc")
    d.between(0, 100)
    for _ in range(5):
        r.random()
    assert d.rand() == r.random()
    d.sample(10, 3)
    d.work_between(0, 10 * DAY)
    for _ in range(3 + 2):
        r.random()
    assert d.rand() == r.random()


# -- clock --------------------------------------------------------------------------------------


@pytest.mark.parametrize("delta", [0, -1, 86_399, -12_345_678, 40 * DAY + 7])
def test_clock_formats_like_datetime(delta: int) -> None:
    now = datetime(2026, 6, 15, 16, 30, 0, tzinfo=UTC)
    clock = Clock(now)
    assert clock.now == int(now.timestamp())
    assert clock.today_start == int(datetime(2026, 6, 15, tzinfo=UTC).timestamp())
    ts = clock.now + delta
    moment = datetime.fromtimestamp(ts, UTC)
    assert clock.fmt(ts) == moment.strftime("%Y-%m-%d %H:%M:%S")
    assert clock.iso(ts, 7) == moment.strftime("%Y-%m-%dT%H:%M:%S") + ".007+00:00"
    assert datetime.fromisoformat(clock.iso(ts, 7)) == moment.replace(microsecond=7000)


# -- system-log codes ---------------------------------------------------------------------------


def test_the_demo_writes_codes_of_the_one_table() -> None:
    state = demo.build_demo_state(4, lead_count=40)
    written = {(log["timelineTypeDesc"], log["timelineType"]) for log in state.system_logs.values()}
    assert written <= set(LOG_TYPES.items())
    assert {desc for desc, _ in written} >= {"NewLead", "EditNote", "TeamStageChange"}


# -- the package's shape ------------------------------------------------------------------------


def long_functions(source: str, limit: int) -> list[str]:
    """The functions of ``source`` longer than ``limit`` lines, as ``name (n lines)``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                found.append(f"{node.name} ({length} lines)")
    return found


def logic_in(source: str) -> list[str]:
    """What in a data-only module is not data: any class, any public function, any statement at
    the top level other than a docstring, an import or an assignment (private helpers that derive
    data, such as ``_words``, are allowed)."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.Import | ast.ImportFrom | ast.Assign | ast.AnnAssign):
            continue
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_"):
            continue
        found.append(f"line {node.lineno}: {type(node).__name__} {getattr(node, 'name', '')}".rstrip())
    return found


def test_the_shape_checks_catch_what_they_look_for() -> None:
    long_body = "\n".join(f"    x{i} = {i}" for i in range(FUNCTION_LINES))
    assert long_functions(f"def f() -> None:\n{long_body}\n", FUNCTION_LINES) == [f"f ({FUNCTION_LINES + 1} lines)"]
    assert long_functions("def g() -> None:\n    pass\n", FUNCTION_LINES) == []
    assert logic_in('"""Doc."""\nX = 1\ndef _h() -> int:\n    return 1\n') == []
    assert logic_in("X = 1\ndef pick() -> int:\n    return 1\nclass C:\n    pass\nif X:\n    X = 2\n") == [
        "line 2: FunctionDef pick",
        "line 4: ClassDef C",
        "line 6: If",
    ]


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_modules_are_small_and_functions_short(path: Path) -> None:
    source = path.read_text()
    if path.name in DATA_ONLY:
        assert logic_in(source) == []
    else:
        assert len(source.splitlines()) <= MODULE_LINES
    assert long_functions(source, FUNCTION_LINES) == []
