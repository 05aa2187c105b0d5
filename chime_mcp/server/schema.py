"""Turn pydantic's JSON schemas into what every MCP host accepts, in few tokens.

Hosts choke on `$ref`/`$defs` (Cursor, Copilot, Claude Code over HTTP), on top-level
`anyOf/oneOf/allOf` (the Anthropic API) and on `anyOf [X, null]` (Gemini); titles repeat the
property names. So: inline every reference, collapse "X or null" to X, drop titles and null
defaults.
"""

from __future__ import annotations

from typing import Any


def clean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A self-contained, flat copy of `schema` without refs, titles or nullable unions."""
    definitions = schema.get("$defs", {})
    cleaned = _clean(schema, definitions)
    assert isinstance(cleaned, dict)
    cleaned.pop("$defs", None)
    return cleaned


def _clean(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_clean(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        merged = {**definitions[name], **{k: v for k, v in node.items() if k != "$ref"}}
        return _clean(merged, definitions)
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("title", "$defs"):
            continue
        if key == "default" and value is None:
            continue
        if key == "properties":
            result[key] = {name: _clean(prop, definitions) for name, prop in value.items()}
            continue
        result[key] = _clean(value, definitions)
    any_of = result.get("anyOf")
    if isinstance(any_of, list):
        options = [option for option in any_of if option != {"type": "null"}]
        if len(options) == 1:
            del result["anyOf"]
            result = {**options[0], **result}
        elif len(options) != len(any_of):
            result["anyOf"] = options
    return result
