"""The typed client is typed in fact: mypy, run on code that uses it, sees each operation's result type.

`await client.call(notes.GET_NOTE, ...)` must be a `NoteResponse` to mypy, so a misspelt field is an
error before anything runs. These tests run mypy (strict, the project's configuration) on small
snippets; they fail if a constant, `Operation` or `ChimeClient.call` loses its type.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from mypy import api

from chime_mcp.chime import catalog
from chime_mcp.chime.operation import Operation
from tests.support.paths import ROOT


def mypy(tmp_path: Path, code: str) -> list[str]:
    """mypy's report lines on `code`, checked as a module of its own with the project's settings."""
    source = tmp_path / "snippet.py"
    source.write_text(code)
    stdout, stderr, _ = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "--no-error-summary",
            "--show-error-codes",
            str(source),
        ]
    )
    assert not stderr, stderr
    return [line.removeprefix(str(source) + ":") for line in stdout.splitlines() if line.strip()]


CALL = """\
from chime_mcp.chime.catalog import notes, tasks
from chime_mcp.chime.client import ChimeClient


async def check(client: ChimeClient) -> None:
    note = await client.call(notes.GET_NOTE, {"noteId": 1})
    print(note.content)
    print(note.no_such_field_at_all)
    for task in await client.call(tasks.LIST_TASKS, {"leadId": 1}):
        print(task.deadline)
        print(task.no_such_task_field)
"""


def test_a_call_returns_the_operations_result_type(tmp_path: Path) -> None:
    report = mypy(tmp_path, CALL)
    assert report == [
        '8: error: "NoteResponse" has no attribute "no_such_field_at_all"  [attr-defined]',
        '11: error: "TaskResponse" has no attribute "no_such_task_field"  [attr-defined]',
    ]


def _constants() -> list[tuple[str, str, Operation[Any]]]:
    found = []
    for module_name in catalog.__all__:
        module = getattr(catalog, module_name)
        if not hasattr(module, "__file__"):
            continue
        for name, value in vars(module).items():
            if isinstance(value, Operation):
                found.append((module_name, name, value))
    return found


def _revealed(result: Any) -> str:
    """How mypy spells the type `result` (a class, or a list of one)."""
    if get_origin(result) is list:
        return f"list[{_revealed(get_args(result)[0])}]"
    return f"{result.__module__}.{result.__qualname__}"


def test_every_operation_constant_is_typed(tmp_path: Path) -> None:
    constants = _constants()
    assert {op.tool for _, _, op in constants} == {op.tool for op in catalog.OPERATIONS}
    modules = sorted({module for module, _, _ in constants})
    lines = [f"from chime_mcp.chime.catalog import {', '.join(modules)}", ""]
    lines += [f"reveal_type({module}.{name})" for module, name, _ in constants]
    revealed = {}
    for line in mypy(tmp_path, "\n".join(lines) + "\n"):
        match = re.fullmatch(r'(\d+): note: Revealed type is "(.+)"', line)
        assert match, line
        revealed[int(match.group(1))] = match.group(2)
    assert len(revealed) == len(constants)
    for number, (module, name, op) in enumerate(constants, start=3):
        expected = f"chime_mcp.chime.operation.Operation[{_revealed(op.result)}]"
        assert revealed[number] == expected, f"{module}.{name}"


@pytest.mark.parametrize("name", ["OPERATIONS", "BY_NAME"])
def test_the_catalog_lists_are_the_constants(name: str) -> None:
    constants = {id(op) for _, _, op in _constants()}
    listed = catalog.OPERATIONS if name == "OPERATIONS" else tuple(catalog.BY_NAME.values())
    assert {id(op) for op in listed} == constants
    assert len(listed) == len(constants)
