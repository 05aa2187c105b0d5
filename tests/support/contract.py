"""Lofty's published document as the contract tests read it: schemas, validators, answer variants.

The document (tests/data/lofty-openapi.json, the published original, 123 operations) is
OpenAPI 3.0: JSON Schema plus `nullable`, `readOnly` and `example`. Two validators read it:

- `answer_errors`: what an answer may carry. Every optional property may be absent or null (what
  live APIs send; the document never marks them `nullable`), unknown properties are allowed.
- `request_errors`: what a request may carry: exactly what the document defines. No property the
  schema does not declare, no `readOnly` property, null only where `nullable`.

`variants(schema)` builds answers from a response schema, deterministically (no hypothesis):
conforming ones (`CONFORMING`) that `answer_errors` accepts, and drift ones (`DRIFT`) that it
refuses, each with the field that drifted. tests/contract/test_generator.py holds the generator
to that, so a generator bug cannot hide a reader bug.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from chime_mcp.chime.operation import Operation
from tests.support.paths import PUBLISHED

DOCUMENT: dict[str, Any] = json.loads(PUBLISHED.read_text())
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]

CONFORMING = ("full", "required_only", "extras", "nulls", "null_scalars", "empty_arrays")
"""Answers the document allows: every property; only required ones at every depth; unknown extra
properties in every object; every optional property null; every optional property null except
lists and objects, which are filled (so nulls inside the records of a wrapped list are tried too);
every array empty."""
DRIFT = ("null_required", "strings_for_ints")
"""Answers it does not allow, as live data sometimes is: a null in one required field of one record;
integers sent as strings."""

NO_BODY = "no_body"
"""The one variant of an answer the document gives no content: an empty 200."""

EXTRA_PROPERTIES = {"unexpectedField": "surprise", "unexpectedCount": 3}
MAX_DEPTH = 8
"""Deeper than this, optional properties are left out (recursive schemas end)."""


@dataclass(frozen=True)
class Answer:
    variant: str
    payload: Any
    drifted: tuple[str, ...] = ()
    """For drift variants: where the answer leaves the document, e.g. `notes[1].content`."""

    @property
    def body(self) -> bytes:
        return b"" if self.variant == NO_BODY else json.dumps(self.payload).encode()


# -- the document -------------------------------------------------------------------------------


def documented(operation: Operation[Any]) -> dict[str, Any] | None:
    """The document's entry for `operation`, or None for the 5 reference operations it lacks."""
    entry: dict[str, Any] | None = DOCUMENT["paths"].get(operation.path, {}).get(operation.method.lower())
    return entry


def response_schema(operation: Operation[Any]) -> dict[str, Any] | None:
    """The schema of the operation's 2xx JSON answer; None when the document gives no content."""
    return _response_schema(operation.method, operation.path)


def _response_schema(method: str, path: str) -> dict[str, Any] | None:
    entry: dict[str, Any] = DOCUMENT["paths"][path][method.lower()]
    status = next(code for code in entry["responses"] if code.startswith("2"))
    content = entry["responses"][status].get("content") or {}
    schema: dict[str, Any] | None = content.get("application/json", {}).get("schema")
    return schema


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s; merge `allOf` parts into one schema; take the first of `oneOf`/`anyOf`."""
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in map(resolve, schema["allOf"]):
            merged["properties"] = {**merged.get("properties", {}), **part.get("properties", {})}
            merged["required"] = [*merged.get("required", []), *part.get("required", [])]
            merged.update({k: v for k, v in part.items() if k not in ("properties", "required")})
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return resolve(schema[key][0])
    return schema


def _kind(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema:
        return "object"
    return "array" if "items" in schema else None


# -- validators -----------------------------------------------------------------------------------

_BASE = jsonschema.Draft7Validator


def _nullable(check: Any) -> Any:
    def checked(validator: Any, expected: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if instance is None and schema.get("nullable"):
            return
        yield from check(validator, expected, instance, schema)

    return checked


def _answer_properties(validator: Any, properties: Any, instance: Any, schema: Any) -> Iterator[Any]:
    required = set(schema.get("required", []))
    if isinstance(instance, dict):
        optional_nulls = {k: v for k, v in instance.items() if v is not None or k in required}
        yield from _BASE.VALIDATORS["properties"](validator, properties, optional_nulls, schema)


def _request_properties(validator: Any, properties: Any, instance: Any, schema: Any) -> Iterator[Any]:
    yield from _BASE.VALIDATORS["properties"](validator, properties, instance, schema)
    if not isinstance(instance, dict):
        return
    if "additionalProperties" not in schema:
        for key in sorted(set(instance) - set(properties)):
            yield jsonschema.ValidationError(f"{key!r} is not a property the document defines")
    for key in sorted(set(instance) & set(properties)):
        if resolve(properties[key]).get("readOnly") or properties[key].get("readOnly"):
            yield jsonschema.ValidationError(f"{key!r} is read-only in the document: never sent")


_TOLERANT = {"type": _nullable(_BASE.VALIDATORS["type"]), "enum": _nullable(_BASE.VALIDATORS["enum"])}
AnswerValidator = jsonschema.validators.extend(_BASE, validators={**_TOLERANT, "properties": _answer_properties})
RequestValidator = jsonschema.validators.extend(_BASE, validators={**_TOLERANT, "properties": _request_properties})


def _errors(validator: Any, schema: dict[str, Any], instance: Any) -> list[str]:
    root = {**schema, "components": DOCUMENT["components"]}
    found = validator(root).iter_errors(instance)
    return sorted(f"{_where(list(e.absolute_path))}: {e.message}" for e in found)


def answer_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    """Why `instance` is not an answer the document allows (empty when it is)."""
    return _errors(AnswerValidator, schema, instance)


def request_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    """Why `instance` is not exactly what the document defines for a request (empty when it is)."""
    return _errors(RequestValidator, schema, instance)


def _where(path: list[Any]) -> str:
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# -- values ---------------------------------------------------------------------------------------


def _valid_example(schema: dict[str, Any]) -> bool:
    """A scalar schema's example, where it has one that fits the schema (examples read realistic)."""
    if schema.get("example") is None:
        return False
    bare = {k: v for k, v in schema.items() if k != "example"}
    return not answer_errors(bare, schema["example"])


class _Builder:
    """One answer of `variant` from a schema; numbers and ids count up so records differ."""

    def __init__(self, variant: str) -> None:
        self.variant = variant
        self.count = 0

    def value(self, schema: dict[str, Any], depth: int = 0) -> Any:
        schema = resolve(schema)
        kind = _kind(schema)
        if kind == "object":
            return self.object(schema, depth)
        if kind == "array":
            if self.variant == "empty_arrays":
                return []
            return [self.value(schema.get("items", {}), depth + 1) for _ in range(2)]
        self.count += 1
        if schema.get("enum"):
            return schema["enum"][(self.count - 1) % len(schema["enum"])]
        if _valid_example(schema) and schema.get("format") != "int64":
            return schema["example"]  # int64s count up instead: ids of two records differ
        return self.scalar(schema, kind)

    def scalar(self, schema: dict[str, Any], kind: str | None) -> Any:
        if kind == "integer":
            if schema.get("format") == "int64":
                # Reads as an id and as epoch milliseconds (2026-12-05): int64 fields are both.
                return 1796504400000 + self.count
            low, high = schema.get("minimum", 1), schema.get("maximum", 1000)
            return max(low, min(high, self.count))
        if kind == "number":
            return self.count + 0.5
        if kind == "boolean":
            return self.count % 2 == 1
        if schema.get("format") == "date-time":
            return "2026-12-05T15:00:00Z"
        return f"text {self.count}"[: schema.get("maxLength", 100)]

    def object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        out: dict[str, Any] = {}
        if not properties and isinstance(schema.get("example"), dict) and self.variant != "required_only":
            out.update(copy.deepcopy(schema["example"]))
        for name, inner in properties.items():
            if name in required:
                out[name] = self.value(inner, depth + 1)
            elif self.variant == "required_only" or depth >= MAX_DEPTH:
                continue
            elif self.variant == "nulls" or (
                self.variant == "null_scalars" and _kind(resolve(inner)) not in ("object", "array")
            ):
                out[name] = None
            else:
                out[name] = self.value(inner, depth + 1)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and self.variant != "required_only":
            out["key1"] = self.value(extra, depth + 1)
        if self.variant == "extras":
            out.update(EXTRA_PROPERTIES)
        return out


def build(schema: dict[str, Any], variant: str) -> Any:
    """One answer of a conforming `variant` (see CONFORMING)."""
    assert variant in CONFORMING, variant
    return _Builder(variant).value(schema)


# -- drift --------------------------------------------------------------------------------------

Visit = Callable[[dict[str, Any], Any, list[Any]], None]


def _walk(schema: dict[str, Any], value: Any, path: list[Any], visit: Visit) -> None:
    """Calls `visit(schema, value, path)` for every value in `value`, outermost first."""
    schema = resolve(schema)
    visit(schema, value, path)
    if isinstance(value, dict):
        for name, inner in schema.get("properties", {}).items():
            if name in value:
                _walk(inner, value[name], [*path, name], visit)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(schema.get("items", {}), item, [*path, index], visit)


def _set(root: Any, path: list[Any], value: Any) -> None:
    for part in path[:-1]:
        root = root[part]
    root[path[-1]] = value


def null_required(schema: dict[str, Any]) -> Answer | None:
    """The full answer with one required field of one record null: the last record of the first
    list whose records have one, else the first required field anywhere. None without any."""
    payload = build(schema, "full")
    found: list[tuple[bool, list[Any]]] = []

    def visit(inner: dict[str, Any], value: Any, path: list[Any]) -> None:
        if isinstance(value, dict):
            for name in inner.get("required", []):
                if value.get(name) is not None:
                    found.append((any(isinstance(p, int) for p in path), [*path, name]))

    _walk(schema, payload, [], visit)
    if not found:
        return None
    in_lists = [path for in_list, path in found if in_list]
    if in_lists:
        first = in_lists[0]
        last_index = max(i for i, p in enumerate(first) if isinstance(p, int))
        parent = first[:last_index]
        siblings = [p for p in in_lists if p[:last_index] == parent and p[last_index + 1 :] == first[last_index + 1 :]]
        path = max(siblings, key=lambda p: p[last_index])
    else:
        path = found[0][1]
    _set(payload, path, None)
    return Answer("null_required", payload, (_where(path),))


def strings_for_ints(schema: dict[str, Any]) -> Answer | None:
    """The full answer with every integer sent as a string. None when it holds no integer."""
    payload = build(schema, "full")
    changed: list[list[Any]] = []

    def visit(inner: dict[str, Any], value: Any, path: list[Any]) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and _kind(inner) == "integer":
            changed.append(path)

    _walk(schema, payload, [], visit)
    if not changed:
        return None
    if changed == [[]]:
        payload = str(payload)
    else:
        for path in changed:
            _set(payload, path, str(_get(payload, path)))
    return Answer("strings_for_ints", payload, tuple(_where(p) for p in changed))


def _get(root: Any, path: list[Any]) -> Any:
    for part in path:
        root = root[part]
    return root


# -- per operation ------------------------------------------------------------------------------


def conforming_answers(operation: Operation[Any]) -> tuple[Answer, ...]:
    """The conforming variants of the operation's answer, each once (a variant that comes out as
    an earlier one is not tried again)."""
    return _conforming(operation.method, operation.path)


def drift_answers(operation: Operation[Any]) -> tuple[Answer, ...]:
    """The drift variants that apply to the operation's answer (none for an answer without body)."""
    return _drift(operation.method, operation.path)


@cache
def _conforming(method: str, path: str) -> tuple[Answer, ...]:
    schema = _response_schema(method, path)
    if schema is None:
        return (Answer(NO_BODY, None),)
    answers: list[Answer] = []
    for variant in CONFORMING:
        payload = build(schema, variant)
        if all(payload != earlier.payload for earlier in answers):
            answers.append(Answer(variant, payload))
    return tuple(answers)


@cache
def _drift(method: str, path: str) -> tuple[Answer, ...]:
    schema = _response_schema(method, path)
    if schema is None:
        return ()
    return tuple(answer for answer in (null_required(schema), strings_for_ints(schema)) if answer is not None)


def leaf(where: str) -> str:
    """The field's own name in a path: `$.notes[1].content` -> `content`."""
    return where.rsplit(".", 1)[-1].split("[", 1)[0]
