"""Turn pydantic's JSON schemas into what every MCP host accepts, in few tokens.

Hosts choke on `$ref`/`$defs` (Cursor, Copilot, Claude Code over HTTP), on top-level
`anyOf/oneOf/allOf` (the Anthropic API) and on `anyOf [X, null]` (Gemini); titles repeat the
property names. So: inline every reference, collapse "X or null" to X, drop titles and null
defaults.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import TypeAdapter


def clean_schema(schema: dict[str, Any], *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A self-contained, flat copy of `schema` without refs, titles or nullable unions.

    `drop` names further keywords to leave out, such as `additionalProperties` in input
    schemas: the server validates arguments itself, so repeating the rule costs tokens only.
    """
    definitions = schema.get("$defs", {})
    cleaned = _clean(schema, definitions, ("title", "$defs", *drop))
    assert isinstance(cleaned, dict)
    cleaned.pop("$defs", None)
    return cleaned


def _clean(node: Any, definitions: dict[str, Any], drop: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_clean(item, definitions, drop) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        merged = {**definitions[name], **{k: v for k, v in node.items() if k != "$ref"}}
        return _clean(merged, definitions, drop)
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in drop:
            continue
        if key == "default" and value is None:
            continue
        if key == "properties":
            result[key] = {name: _clean(prop, definitions, drop) for name, prop in value.items()}
            continue
        result[key] = _clean(value, definitions, drop)
    any_of = result.get("anyOf")
    if isinstance(any_of, list):
        options = [option for option in any_of if option != {"type": "null"}]
        if len(options) == 1:
            del result["anyOf"]
            result = {**options[0], **result}
        elif len(options) != len(any_of):
            result["anyOf"] = options
    return result


_OUTPUT_SCHEMAS: dict[Any, dict[str, Any]] = {}


def output_schemas(result_types: Iterable[Any]) -> dict[Any, dict[str, Any]]:
    """The outputSchema of each result type, generated in one pass and kept for the process.

    Many tools share a result type, and one pass shares nested models (a lead inside a lead
    page): start-up time is mostly schema generation. Lists are wrapped as {"result": [...]},
    as `render.dump` wraps them.
    """
    missing = [t for t in dict.fromkeys(result_types) if t not in _OUTPUT_SCHEMAS]
    if missing:
        mode: Literal["serialization"] = "serialization"
        adapters = [(index, mode, TypeAdapter(t)) for index, t in enumerate(missing)]
        keyed, definitions = TypeAdapter.json_schemas(adapters, by_alias=True)
        for (index, _mode), schema in keyed.items():
            cleaned = _nothing_required(clean_schema({**schema, **definitions}))
            if cleaned.get("type") != "object":
                cleaned = {"type": "object", "properties": {"result": cleaned}, "required": ["result"]}
            _OUTPUT_SCHEMAS[missing[index]] = cleaned
    return _OUTPUT_SCHEMAS


def _nothing_required(schema: Any) -> Any:
    """`schema` without `required`: the tolerant reader leaves a misfit field empty, even a required one."""
    if isinstance(schema, dict):
        # A property named "required" has a schema (a dict) for its value; the keyword has a list.
        return {k: _nothing_required(v) for k, v in schema.items() if not (k == "required" and isinstance(v, list))}
    if isinstance(schema, list):
        return [_nothing_required(item) for item in schema]
    return schema
