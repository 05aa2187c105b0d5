"""Tool arguments given as text (`chime-mcp call --arg KEY=VALUE`), typed by the tool's input schema.

Guessing the type from the text (parsing it as JSON) turns `phone=5550183345` and `content=42`
into numbers the tool refuses: a string field keeps its text as it was typed, and only a field
whose schema wants a number, a boolean, a list or an object reads the text as one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from chime_mcp.chime.errors import InvalidInputError

_WHOLE = re.compile(r"[+-]?\d+")
_TRUE = ("true", "yes", "1", "on")
_FALSE = ("false", "no", "0", "off")


def schema_types(schema: Mapping[str, Any]) -> set[str]:
    """The JSON types a property's schema accepts (`type`, a list of them, or anyOf/oneOf options)."""
    given = schema.get("type")
    types = {given} if isinstance(given, str) else set(given or ())
    for option in (*schema.get("anyOf", ()), *schema.get("oneOf", ())):
        if isinstance(option, Mapping):
            types |= schema_types(option)
    if not types and "enum" in schema:
        types = {_json_type(value) for value in schema["enum"]}
    return types


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def typed_value(key: str, text: str, schema: Mapping[str, Any] | None) -> Any:
    """`text` as the value the schema of argument `key` wants; InvalidInputError saying the form."""
    types = schema_types(schema or {})
    if not types:
        return text  # an argument the tool does not have: the server names it and the valid ones
    if "integer" in types and _WHOLE.fullmatch(text.strip()):
        return int(text)
    if "number" in types:
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None:
            if not math.isfinite(number):
                raise InvalidInputError(f"--arg {key}: {text} is not a number Chime accepts; give a finite number")
            return int(number) if number.is_integer() and "integer" in types else number
    if "boolean" in types and text.strip().lower() in (*_TRUE, *_FALSE):
        return text.strip().lower() in _TRUE
    if "string" in types:
        return text
    if types & {"array", "object"}:
        return _json(key, text, "array" in types)
    wanted = " or ".join(sorted(_WORDS.get(t, t) for t in types))
    raise InvalidInputError(f"--arg {key} takes {wanted} (got {text!r})")


_WORDS = {"integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "null"}


def _json(key: str, text: str, array: bool) -> Any:
    example = f'{key}=\'["a", "b"]\'' if array else f'{key}=\'{{"name": "value"}}\''
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise InvalidInputError(
            f"--arg {key} takes JSON {'a list' if array else 'an object'}, like {example}"
        ) from None


def _no_constant(name: str) -> Any:
    raise InvalidInputError(f"{name} is not a number Chime accepts; give a finite number")


def loads_finite(text: str) -> Any:
    """json.loads, refusing NaN and Infinity (JSON has no such numbers; Chime refuses them)."""
    return json.loads(text, parse_constant=_no_constant)


def typed_arguments(pairs: Mapping[str, str], input_schema: Mapping[str, Any]) -> dict[str, Any]:
    """`--arg` texts typed by the tool's inputSchema."""
    properties: Mapping[str, Any] = input_schema.get("properties", {})
    return {key: typed_value(key, text, properties.get(key)) for key, text in pairs.items()}
