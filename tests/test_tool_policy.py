"""Policy over every tool. The snapshots of what the model sees, per tool, are test_snapshots.py's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from chime_mcp.chime.catalog import OPERATIONS, TOOLSETS
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.inventory import README_BEGIN, README_END, readme_table
from chime_mcp.wiring import listed_tools

ROOT = Path(__file__).parent.parent


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


def test_names_titles_and_descriptions(tools: list[dict[str, Any]]) -> None:
    for tool in tools:
        assert re.fullmatch(r"[a-z][a-z0-9_]{0,63}", tool["name"]), tool["name"]
        assert tool.get("title"), tool["name"]
        assert 0 < len(tool.get("description", "")) <= 1024, tool["name"]


def test_every_hint_is_explicit_and_consistent(tools: list[dict[str, Any]]) -> None:
    for tool in tools:
        hints = tool["annotations"]
        for hint in ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"):
            assert isinstance(hints.get(hint), bool), (tool["name"], hint)
        assert not (hints["readOnlyHint"] and hints["destructiveHint"]), tool["name"]


def test_destructive_hint_marks_exactly_the_deletes(tools: list[dict[str, Any]]) -> None:
    by_name = {op.tool: op for op in OPERATIONS}
    for tool in tools:
        op = by_name.get(tool["name"])
        if op is not None:
            assert tool["annotations"]["destructiveHint"] == (op.method == "DELETE"), tool["name"]
            assert tool["annotations"]["readOnlyHint"] == (op.method == "GET"), tool["name"]
    assert next(t for t in tools if t["name"] == "create_webhook")["annotations"]["openWorldHint"] is True


def test_input_schemas_are_flat_for_every_host(tools: list[dict[str, Any]]) -> None:
    for tool in tools:
        schema = tool["inputSchema"]
        assert schema["type"] == "object"
        text = json.dumps(schema)
        assert "$ref" not in text and "$defs" not in text, tool["name"]
        for node in _walk(schema):
            for combinator in ("anyOf", "oneOf", "allOf"):
                assert combinator not in node, (tool["name"], combinator)


def test_output_schemas_are_self_contained(tools: list[dict[str, Any]]) -> None:
    for tool in tools:
        assert "outputSchema" in tool, tool["name"]
        assert "$ref" not in json.dumps(tool["outputSchema"]), tool["name"]


def test_search_leads_takes_free_text_query(tools: list[dict[str, Any]]) -> None:
    search = next(t for t in tools if t["name"] == "search_leads")
    assert "query" in search["inputSchema"]["properties"]
    assert "key" not in search["inputSchema"]["properties"]


def test_readme_tool_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text()
    start = readme.index(README_BEGIN)
    end = readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(), "Regenerate it with: chime-mcp tools --markdown"
