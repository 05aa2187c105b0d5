"""Policy over every tool. The snapshots of what the model sees, per tool, are test_snapshots.py's."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from chime_mcp.chime.catalog import OPERATIONS, TOOLSETS
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.inventory import README_BEGIN, README_END, readme_table
from chime_mcp.wiring import listed_tools
from tests.support.paths import ROOT


@pytest.fixture(scope="module")
def tools() -> list[dict[str, Any]]:
    return listed_tools(ServerConfig(toolsets=TOOLSETS))


def _walk(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_walk(value))
    return found


def test_every_operation_is_a_tool(tools: list[dict[str, Any]]) -> None:
    names = {tool["name"] for tool in tools}
    expected = {op.tool for op in OPERATIONS if not op.variants}
    expected |= {v.tool for op in OPERATIONS for v in op.variants}
    assert expected <= names
    assert {"log_call", "log_email", "log_text"} <= names
    assert "log_communication" not in names


HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
MAX_DESCRIPTION = 1024
MAX_DEFAULT_TOOLS = 40
"""Cursor offers a model at most 40 tools at once; the default set must fit whole."""

Rule = Callable[[dict[str, Any]], list[str]]


def named_and_described(tool: dict[str, Any]) -> list[str]:
    found = []
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", tool["name"]):
        found.append("name is not snake_case of at most 64 characters")
    if not tool.get("title"):
        found.append("no title")
    if not 0 < len(tool.get("description", "")) <= MAX_DESCRIPTION:
        found.append(f"description empty or over {MAX_DESCRIPTION} characters")
    return found


def hints_explicit_and_consistent(tool: dict[str, Any]) -> list[str]:
    hints = tool.get("annotations") or {}
    found = [f"{hint} not an explicit boolean" for hint in HINTS if not isinstance(hints.get(hint), bool)]
    if hints.get("readOnlyHint") and hints.get("destructiveHint"):
        found.append("both read-only and destructive")
    return found


def inputs_flat(tool: dict[str, Any]) -> list[str]:
    schema = tool["inputSchema"]
    found = [] if schema.get("type") == "object" else ["input schema is not an object"]
    text = json.dumps(schema)
    found += [f"input schema has {key}" for key in ("$ref", "$defs") if key in text]
    found += [
        f"input schema has {combinator}"
        for node in _walk(schema)
        for combinator in ("anyOf", "oneOf", "allOf")
        if combinator in node
    ]
    return found


def output_self_contained(tool: dict[str, Any]) -> list[str]:
    if "outputSchema" not in tool:
        return ["no output schema"]
    return ["output schema has $ref"] if "$ref" in json.dumps(tool["outputSchema"]) else []


RULES: tuple[Rule, ...] = (named_and_described, hints_explicit_and_consistent, inputs_flat, output_self_contained)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_every_tool_keeps_the_rule(rule: Rule, tools: list[dict[str, Any]]) -> None:
    assert {tool["name"]: rule(tool) for tool in tools if rule(tool)} == {}


GOOD: dict[str, Any] = {
    "name": "get_note",
    "title": "Get note",
    "description": "One note.",
    "annotations": dict.fromkeys(HINTS, False),
    "inputSchema": {"type": "object", "properties": {"noteId": {"type": "integer"}}},
    "outputSchema": {"type": "object"},
}

BROKEN: tuple[tuple[Rule, dict[str, Any], str], ...] = (
    (named_and_described, {"name": "GetNote"}, "name is not snake_case of at most 64 characters"),
    (named_and_described, {"title": ""}, "no title"),
    (named_and_described, {"description": "x" * 1025}, "description empty or over 1024 characters"),
    (hints_explicit_and_consistent, {"annotations": {}}, "readOnlyHint not an explicit boolean"),
    (
        hints_explicit_and_consistent,
        {"annotations": {**dict.fromkeys(HINTS, False), "readOnlyHint": True, "destructiveHint": True}},
        "both read-only and destructive",
    ),
    (inputs_flat, {"inputSchema": {"type": "object", "properties": {"a": {"anyOf": [{}, {}]}}}}, "anyOf"),
    (inputs_flat, {"inputSchema": {"type": "object", "$defs": {}}}, "$defs"),
    (output_self_contained, {"outputSchema": {"$ref": "#/$defs/X"}}, "output schema has $ref"),
)


def test_the_rules_pass_a_good_tool() -> None:
    assert [problem for rule in RULES for problem in rule(GOOD)] == []


@pytest.mark.parametrize(("rule", "change", "expected"), BROKEN, ids=lambda value: getattr(value, "__name__", None))
def test_each_rule_catches_a_tool_that_breaks_it(rule: Rule, change: dict[str, Any], expected: str) -> None:
    assert any(expected in problem for problem in rule({**GOOD, **change}))


def test_destructive_hint_marks_exactly_the_deletes(tools: list[dict[str, Any]]) -> None:
    by_name = {op.tool: op for op in OPERATIONS}
    for tool in tools:
        op = by_name.get(tool["name"])
        if op is not None:
            assert tool["annotations"]["destructiveHint"] == (op.method == "DELETE"), tool["name"]
            assert tool["annotations"]["readOnlyHint"] == (op.method == "GET"), tool["name"]
    assert next(t for t in tools if t["name"] == "create_webhook")["annotations"]["openWorldHint"] is True


def test_the_default_set_fits_a_host_tool_cap() -> None:
    count = len(listed_tools(ServerConfig()))
    assert 0 < count <= MAX_DEFAULT_TOOLS, f"{count} default tools; at most {MAX_DEFAULT_TOOLS}"


def test_search_leads_takes_free_text_query(tools: list[dict[str, Any]]) -> None:
    search = next(t for t in tools if t["name"] == "search_leads")
    assert "query" in search["inputSchema"]["properties"]
    assert "key" not in search["inputSchema"]["properties"]


def test_readme_tool_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text()
    start = readme.index(README_BEGIN)
    end = readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(), "Regenerate it with: chime-mcp tools --markdown"
