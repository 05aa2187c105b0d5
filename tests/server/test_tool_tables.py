"""Every table of the tool surface names things that exist: model fields, tools, toolsets.

A name that exists nowhere shows nothing and fails nothing, so each table is checked here.
"""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import OPERATIONS, TOOLSETS
from chime_mcp.chime.operation import Effect
from chime_mcp.server import toolsets
from chime_mcp.server.config import ServerConfig, parse_toolsets
from chime_mcp.server.tools import render
from chime_mcp.server.tools.errors import FINDERS, tool_error
from chime_mcp.server.tools.inventory import COMPOSITE_TOOLS
from chime_mcp.server.tools.specs import DETAIL_RESULTS, all_tool_specs
from chime_mcp.tour import STEPS
from chime_mcp.wiring import listed_tools
from tests.support.paths import PACKAGE


def _wire_names(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


@pytest.mark.parametrize("model", list(render.SUMMARY_FIELDS), ids=lambda model: model.__name__)
def test_every_summary_field_is_a_field_of_its_model(model: type[BaseModel]) -> None:
    fields = render.SUMMARY_FIELDS[model]
    assert len(set(fields)) == len(fields), "a field twice"
    wire = _wire_names(model)
    assert {name for name in fields if name not in wire} == set()


def _models_within(annotation: Any, seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for info in annotation.model_fields.values():
                _models_within(info.annotation, seen)
        return seen
    for argument in typing.get_args(annotation):
        _models_within(argument, seen)
    return seen


def test_summaries_are_for_records_tools_return() -> None:
    returned: set[type[BaseModel]] = set()
    for op in OPERATIONS:
        _models_within(op.result, returned)
    assert set(render.SUMMARY_FIELDS) <= returned


def test_detail_results_are_results_of_tools_with_a_detail_option() -> None:
    for spec in all_tool_specs():
        has_detail = any(a.name == "detail" for a in spec.arguments)
        assert has_detail == (spec.operation.result in DETAIL_RESULTS), spec.name
    assert {op.result for op in OPERATIONS} >= set(DETAIL_RESULTS)


def test_finders_name_arguments_and_read_tools_that_exist() -> None:
    arguments = {a.name for spec in all_tool_specs() for a in spec.arguments}
    for finder in FINDERS:
        assert finder.argument in arguments, finder.argument
        if finder.tool is not None:
            assert finder.tool in OPERATIONS and finder.tool.effect is Effect.READ, finder.tool.tool
            assert finder.tool.tool in finder.hint


GONE = "Not found: GET /v1.0/x"


@pytest.mark.parametrize(
    ("arguments", "api_text", "message"),
    [
        (
            {"leadId": 1, "noteId": 2},
            "Note 2 does not exist",
            "Note 2 not found: list the lead's notes with list_notes. (Chime: Note 2 does not exist.)",
        ),
        (
            {"leadId": 1, "transactionId": 3},
            "transaction 3 of lead 1 does not exist",
            "Transaction 3 not found: list the lead's deals with list_transactions. "
            "(Chime: transaction 3 of lead 1 does not exist.)",
        ),
        (
            {"leadId": 1},
            "Lead 1 does not exist",
            "Lead 1 not found: find it with search_leads by name, email or phone. (Chime: Lead 1 does not exist.)",
        ),
        (
            {"leadId": 5, "assignee": "nobody@example.org"},
            "User nobody@example.org does not exist",
            f"{GONE}: User nobody@example.org does not exist. Next: list team members with list_members.",
        ),
        (
            {"leadId": 5},
            "",
            f"{GONE}. Chime did not say what is missing; check leadId 5: find it with search_leads by name, "
            "email or phone.",
        ),
        ({"id": 9}, "Resource does not exist", f"{GONE}: Resource does not exist. {errors.NotFoundError.hint}."),
    ],
)
def test_not_found_keeps_the_api_words_and_names_a_record_only_when_the_api_did(
    arguments: dict[str, Any], api_text: str, message: str
) -> None:
    said = f": {api_text}" if api_text else ""
    error = errors.NotFoundError(f"{GONE}{said}", status=404, api_text=api_text)
    assert str(tool_error("get_x", error, arguments)) == message


def test_composite_tools_are_exactly_the_tools_beyond_the_catalog() -> None:
    listed = {tool["name"] for tool in listed_tools(ServerConfig(toolsets=toolsets.ALL))}
    catalog = {spec.name for spec in all_tool_specs()}
    assert {composite.name for composite in COMPOSITE_TOOLS} == listed - catalog
    assert all(composite.toolset in toolsets.BY_ID for composite in COMPOSITE_TOOLS)


# -- toolsets ---------------------------------------------------------------------------------------


def test_toolsets_are_exactly_those_of_the_catalog() -> None:
    assert set(toolsets.ALL) == set(TOOLSETS)
    assert len(toolsets.ALL) == len(toolsets.TOOLSETS), "a toolset twice"
    assert toolsets.DEFAULT and set(toolsets.DEFAULT) <= set(toolsets.ALL)


def test_toolset_choices_come_from_the_data() -> None:
    assert parse_toolsets(None) == toolsets.DEFAULT == ServerConfig().toolsets
    assert parse_toolsets("all") == toolsets.ALL
    assert parse_toolsets("default,admin") == (*toolsets.DEFAULT, "admin")


def test_readme_toolset_table_is_current() -> None:
    readme = (PACKAGE.parent / "README.md").read_text()
    start = readme.index(toolsets.README_BEGIN)
    end = readme.index(toolsets.README_END) + len(toolsets.README_END)
    assert readme[start:end] == toolsets.readme_table(), "Regenerate it with: chime-mcp tools --markdown"


def test_readme_counts_the_tools_there_are() -> None:
    readme = (PACKAGE.parent / "README.md").read_text()
    every = listed_tools(ServerConfig(toolsets=TOOLSETS))
    assert f"as a typed tool ({len(every)} in all)" in readme


def test_readme_examples_name_tools_in_the_toolsets_they_say() -> None:
    """Each example row: its tools exist; those outside the default set are in the toolset the row names."""
    readme = (PACKAGE.parent / "README.md").read_text()
    rows = readme.split("<!-- examples:begin")[1].split("<!-- examples:end -->")[0].splitlines()[3:]
    toolset_of = {spec.name: spec.toolset for spec in all_tool_specs()}
    toolset_of |= {composite.name: composite.toolset for composite in COMPOSITE_TOOLS}
    assert len(rows) >= 10
    for row in rows:
        said = set(re.findall(r"toolset `([a-z_]+)`", row))
        tools = set(re.findall(r"`([a-z]+_[a-z_]+)`", row)) - said
        assert tools, row
        assert tools <= set(toolset_of), f"unknown tools in {row}"
        for tool in tools:
            assert toolset_of[tool] in {*toolsets.DEFAULT, *said}, f"{tool} is in {toolset_of[tool]}: {row}"


def test_the_tour_calls_tools_of_the_default_set() -> None:
    offered = {tool["name"] for tool in listed_tools(ServerConfig())}
    assert {tool for _, tool, _ in STEPS} <= offered


# -- one composition root ---------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


ENVIRONMENT_READERS = {"wiring.py", "chime/config.py"}
"""wiring.py reads the environment; chime/config.py falls back to it when given no mapping
(every caller in chime_mcp passes one: the test below checks the server and commands)."""


def test_only_wiring_reads_the_environment() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ENVIRONMENT_READERS:
            continue
        text = path.read_text()
        assert "os.environ" not in text and "getenv" not in text, relative


def test_callers_pass_the_environment_to_settings() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "chime":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "settings_from_env",
                "credential_from",
            ):
                assert node.args or any(k.arg == "env" for k in node.keywords), f"{path.name}:{node.lineno}"


def test_the_server_never_imports_the_sandbox_or_the_commands() -> None:
    for path in sorted((PACKAGE / "server").rglob("*.py")):
        if path.name in ("inventory.py",) and path.parent.name == "server":
            continue  # the shim re-exports wiring.listed_tools until integration
        for module in _imports(path):
            assert not module.startswith(("chime_mcp.sandbox", "chime_mcp.wiring", "chime_mcp.cli")), (
                path.name,
                module,
            )
            assert module not in ("chime_mcp.tour", "chime_mcp.doctor"), (path.name, module)


def test_the_tour_and_doctor_do_not_import_the_command_line() -> None:
    for name in ("tour.py", "doctor.py", "wiring.py"):
        assert "chime_mcp.cli" not in _imports(PACKAGE / name), name
