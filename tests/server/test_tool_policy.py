"""Policy over every tool. The snapshots of what the model sees, per tool, are test_snapshots.py's."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from chime_mcp.chime.catalog import OPERATIONS, TOOLSETS
from chime_mcp.chime.operation import Effect
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.inventory import README_BEGIN, README_END, readme_table
from chime_mcp.server.tools.specs import all_tool_specs
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


ADDITIVE = {"create", "add", "log", "generate"}
"""Verbs of tools that only add (destructiveHint false); the class, not this, decides: the test
checks that the two agree."""


def test_annotations_follow_the_side_effect_class(tools: list[dict[str, Any]]) -> None:
    """Additive writes destructiveHint false; overwrites, team-wide changes and deletes true
    (the MCP spec: "may perform destructive updates"); PUT and DELETE idempotent."""
    by_name = {spec.name: spec for spec in all_tool_specs()}
    for tool in tools:
        spec = by_name.get(tool["name"])
        if spec is None:
            continue
        hints, effect = tool["annotations"], spec.effect
        assert hints["readOnlyHint"] == (effect is Effect.READ), tool["name"]
        assert hints["destructiveHint"] == (effect in (Effect.OVERWRITE, Effect.REASSIGN, Effect.DESTROY)), tool["name"]
        assert hints["idempotentHint"] == (effect is Effect.READ or spec.operation.method in ("PUT", "DELETE"))
        assert hints["openWorldHint"] == (effect in (Effect.EXPOSE, Effect.SEND)), tool["name"]
        if effect is Effect.WRITE:
            assert tool["name"].split("_")[0] in ADDITIVE, tool["name"]
        if tool["name"].split("_")[0] in ("update", "assign", "sync"):
            assert hints["destructiveHint"], tool["name"]


def test_gated_tools_are_exactly_the_classes_that_need_a_person(tools: list[dict[str, Any]]) -> None:
    gated = {spec.name for spec in all_tool_specs() if spec.effect.needs_person}
    assert gated == {
        *(spec.name for spec in all_tool_specs() if spec.operation.method == "DELETE"),
        "create_webhook",
        "update_routing_rule",
        "update_default_routing_rule",
        "update_user",
        "update_sales_agent_settings",
        "send_text",
        "send_email",
        "send_opportunity_alert",
        "text_me",
        "email_me",
        "text_me_from_ai_number",
        "send_task_reminder",
        # Team administration (issue 14): agents, offices, the company.
        "create_agent",
        "deactivate_agent",
        "reactivate_agent",
        "add_office",
        "update_office",
        "update_company",
    }
    for tool in tools:
        if tool["name"] in gated:
            assert "approval" in tool["outputSchema"]["properties"], tool["name"]


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
