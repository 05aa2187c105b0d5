"""A tools/call's arguments, checked before the SDK or Chime sees them, in words a model can act on.

The SDK validates arguments against the tool's signature, but its refusal is pydantic's report
("1 validation error for search_leadsArguments ... https://errors.pydantic.dev/..."), it lets
NaN and Infinity through to float fields (JSON cannot carry them to Chime), and it does not
bound text (a 1 MB query fails deep in the HTTP client with no word of why). `problems` finds
all three, and an argument the tool does not have, and says each on one line per field.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from chime_mcp.chime.limits import TextLimit

TEXT_LIMIT = 10_000
"""Characters one text argument may hold (notes and logs have their own, smaller, limits)."""

_BRANCHES = {"int", "str", "float", "bool", "list", "dict", "none", "nullable"}
"""Location parts pydantic adds for the branch of a union that failed: not field names."""


def problems(tool: Any, arguments: Mapping[str, Any]) -> list[str]:
    """One plain line per bad argument of `tool` (an SDK Tool), empty when all are fine."""
    fields = tool.fn_metadata.arg_model.model_fields
    found = [
        f"{path}: {words}"
        for name, value in arguments.items()
        if name in fields and not _has_own_text_limit(fields[name].metadata)
        for path, words in _unsendable(name, value)
    ]
    found += [
        f"{path}: {words}" for name, value in arguments.items() if name in fields for path, words in _nan(name, value)
    ]
    if found:
        return list(dict.fromkeys(found))
    try:
        validated = tool.fn_metadata.validate_arguments(dict(arguments))
    except ValidationError as exc:
        return plain_errors(exc)
    return [f"{path}: {words}" for name, value in validated.items() for path, words in _nan(name, value)]


def _has_own_text_limit(metadata: Sequence[Any]) -> bool:
    """Notes and logs: the client refuses a long one before sending, with its own limit and remedy."""
    return any(isinstance(item, TextLimit) for item in metadata)


def _walk(path: str, value: Any) -> Iterator[tuple[str, Any]]:
    yield path, value
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(f"{path}.{key}", item)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(f"{path}[{index}]", item)
    elif hasattr(value, "model_dump"):
        yield from _walk(path, value.model_dump())


def _unsendable(name: str, value: Any) -> Iterator[tuple[str, str]]:
    for path, item in _walk(name, value):
        if isinstance(item, str) and len(item) > TEXT_LIMIT:
            yield path, f"{len(item):,} characters, over the limit of {TEXT_LIMIT:,}; shorten it. Nothing was sent."


def _nan(name: str, value: Any) -> Iterator[tuple[str, str]]:
    for path, item in _walk(name, value):
        if isinstance(item, float) and not math.isfinite(item):
            shown = "NaN" if math.isnan(item) else ("Infinity" if item > 0 else "-Infinity")
            yield path, f"{shown} is not a number Chime accepts; send a finite number. Nothing was sent."


def plain_errors(exc: ValidationError) -> list[str]:
    """pydantic's report as one line per field: `phone: expected text, got a number (5550183345)`."""
    lines: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        path = _path(error["loc"])
        lines.setdefault(path, f"{path}: {_words(error)}")
    return list(lines.values())


def _path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in _BRANCHES or not part.replace("_", "a").isalnum():
            continue
        else:
            path += f".{part}" if path else part
    return path or "arguments"


EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected an object",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
}


def _words(error: ErrorDetails) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "missing":
        return "required, but missing"
    if kind == "literal_error":
        return f"expected one of {context.get('expected')}, got {_shown(error['input'])}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than"}.get(kind, "at most")
        if kind == "less_than":
            bound = "less than"
        limit = next(iter(context.values()), "")
        return f"must be {bound} {limit}, got {_shown(error['input'])}"
    if kind == "string_too_long":
        return f"at most {context.get('max_length')} characters, got {len(str(error['input']))}"
    if kind == "too_short":
        return f"needs at least {context.get('min_length')} item(s)"
    if kind in EXPECTED:
        return f"{EXPECTED[kind]}, got {_shown(error['input'])}"
    return f"{error['msg'][:1].lower()}{error['msg'][1:]}"


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text {value[:40]!r}" + ("..." if len(value) > 40 else "")
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
