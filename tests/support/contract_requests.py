"""Tool arguments built from a tool's input schema, and a sent request checked against the document.

`arguments(schema)` fills a tool's arguments with valid values: enums, types, bounds (ids >= 1),
and, where only the prose says what a string or integer holds (an email, a URL, epoch
milliseconds), a value of that form; the table below is the one place that knows those names.
`request_problems(operation, request)` says where a sent request leaves what the document
defines for the operation: its path and query parameters, required headers and JSON body.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

import httpx2

from chime_mcp.chime.operation import Operation
from tests.support.contract import documented, request_errors, resolve

LATER_MS = 1796504400000
"""2026-12-05T21:00:00Z in epoch milliseconds: every time argument, except a range's start."""
EARLIER_MS = 1764547200000
"""2025-12-01T00:00:00Z: where a range starts."""

PROSE_FORMATS: dict[str, Any] = {
    # Strings whose form only the description (or the name) tells.
    "email": "ann@example.org",
    "account": "ann@example.org",
    "assignee": "ann@example.org",
    "callbackUrl": "https://93.184.215.14/chime-events",  # a public literal address: no DNS lookup
    "link": "https://example.org/listing/1",
    "picture": "https://example.org/listing/1.jpg",
    "pictureUrl": "https://example.org/listing/1.jpg",
    "siteListingUrl": "https://example.org/listing/1",
    "headPortrait": "https://example.org/ann.jpg",
    "phone": "3479033333",
    "phones": "3479033333",
    "leadPhoneNumber": "3479033333",
    "phoneNumber": "3479033333",
    "birthday": "Jun 5, 2001",
    "leadCreateTime": "2026-01-05 10:00:00",
    "leadUpdateTime": "2026-01-05 10:00:00",
    "acceptanceDate": "2026-11-02",
    "closedAt": "2026-12-05",
    "closingDate": "2026-12-05",
    "expirationDate": "2027-01-05",
    "scheduledDate": "2026-12-05",
    "timeZoneId": "America/Chicago",
    "stateCode": "TX",
    "state": "TX",
    # Strings whose description lists the values the API takes.
    "type": "Search",
    "attributeType": "text",
    "transactionType": "Purchase",
    "propertyType": "Condo",
    "logType": "logCall",
    "stage": "New",
    # Integers that are epoch milliseconds.
    "startTime": EARLIER_MS,
}
TIME_NAMES = re.compile(r"(Date|Time|At|^created|^deadline|^expiration)$")
"""Integer arguments that hold a time (epoch milliseconds)."""
GENERIC_INTEGER = 2
"""An id, a count, a type code: >= 1, and a valid routing type (2 lender) and webhook list (2 lead)."""


def arguments(schema: dict[str, Any], *, full: bool = True) -> dict[str, Any]:
    """Valid arguments for a tool's input schema: every property (`full`) or the required ones."""
    required = set(schema.get("required", []))
    return {
        name: _value(name, inner) for name, inner in schema.get("properties", {}).items() if full or name in required
    }


def fewest_arguments(operation: Operation[Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The required arguments, and where the body needs one of some fields (`Body.one_of`, which
    no schema can say), the first of them."""
    given = arguments(schema, full=False)
    body = operation.body
    if body is not None and body.one_of and not any(name in given for name in body.one_of):
        first = body.one_of[0]
        given[first] = _value(first, schema["properties"][first])
    return given


def _value(name: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if isinstance(kind, list):  # ["integer", "string"]: a time, given as epoch milliseconds
        kind = "integer" if "integer" in kind else kind[0]
    if schema.get("enum"):
        values = schema["enum"]
        return next((v for v in values if not isinstance(v, int) or v >= 1), values[0])
    if kind == "object":
        return {key: _value(key, inner) for key, inner in schema.get("properties", {}).items()}
    if kind == "array":
        return [_value(name, schema.get("items", {}))]
    if kind == "boolean":
        return True
    if kind == "number":
        return 3.5
    if kind == "integer":
        if name in PROSE_FORMATS and isinstance(PROSE_FORMATS[name], int):
            return PROSE_FORMATS[name]
        if TIME_NAMES.search(name) or "epoch" in schema.get("description", "").lower():
            return LATER_MS
        low, high = schema.get("minimum", GENERIC_INTEGER), schema.get("maximum", 10**6)
        return max(low, min(high, GENERIC_INTEGER))
    if name in PROSE_FORMATS and isinstance(PROSE_FORMATS[name], str):
        return PROSE_FORMATS[name]
    return f"Sample {name}"[: schema.get("maxLength", 100)]


# -- the request, against the document --------------------------------------------------------


def _typed(schema: dict[str, Any], text: str) -> Any:
    """A parameter's text as the JSON value its schema types it (left as text when it is not one)."""
    kind = resolve(schema).get("type")
    if kind == "integer" and re.fullmatch(r"-?\d+", text):
        return int(text)
    if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def _param_errors(schema: dict[str, Any], text: str) -> list[str]:
    """Why a parameter's text is not what its schema takes. An enum is compared as text: on the
    wire every value is text, and the document lists some integer enums as strings ("1", "2")."""
    schema = resolve(schema)
    errors = [
        e.removeprefix("$: ")
        for e in request_errors({k: v for k, v in schema.items() if k != "enum"}, _typed(schema, text))
    ]
    if "enum" in schema and text not in [v if isinstance(v, str) else json.dumps(v) for v in schema["enum"]]:
        errors.append(f"{text!r} is not one of {schema['enum']}")
    return errors


def _param_problems(documented_params: list[dict[str, Any]], request: httpx2.Request, path: str) -> list[str]:
    problems: list[str] = []
    by_place: dict[str, dict[str, dict[str, Any]]] = {"path": {}, "query": {}, "header": {}}
    for param in documented_params:
        by_place.setdefault(param["in"], {})[param["name"]] = param
    # Path
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", re.escape(path).replace(r"\{", "{").replace(r"\}", "}"))
    match = re.fullmatch(pattern, request.url.path)
    if match is None:
        return [f"path {request.url.path} is not {path}"]
    for name, text in match.groupdict().items():
        if name not in by_place["path"]:
            problems.append(f"path parameter {name} is not in the document")
            continue
        problems += [f"path {name}={text}: {e}" for e in _param_errors(by_place["path"][name]["schema"], unquote(text))]
    # Query
    sent: dict[str, list[str]] = {}
    for key, value in request.url.params.multi_items():
        sent.setdefault(key, []).append(value)
    for name, values in sent.items():
        if name not in by_place["query"]:
            problems.append(f"query parameter {name} is not in the document")
            continue
        schema = resolve(by_place["query"][name]["schema"])
        if schema.get("type") == "array":
            errors = [e for v in values for e in _param_errors(schema.get("items", {}), v)]
        elif len(values) > 1:
            errors = [f"sent {len(values)} times"]
        else:
            errors = _param_errors(schema, values[0])
        problems += [f"query {name}={values}: {e}" for e in errors]
    for name, param in by_place["query"].items():
        if param.get("required") and name not in sent:
            problems.append(f"required query parameter {name} not sent")
    for name, param in by_place["header"].items():
        if param.get("required") and name not in request.headers:
            problems.append(f"required header {name} not sent")
    return problems


def _body_problems(entry: dict[str, Any], request: httpx2.Request) -> list[str]:
    documented_body = entry.get("requestBody")
    if not request.content:
        if documented_body is not None and documented_body.get("required"):
            return ["no body sent; the document requires one"]
        return []
    if documented_body is None:
        return ["a body was sent; the document defines none"]
    schema = documented_body.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return [f"a JSON body was sent; the document takes {', '.join(documented_body.get('content', {}))}"]
    try:
        body = json.loads(request.content)
    except ValueError:
        return ["the body is not JSON"]
    return [f"body {e}" for e in request_errors(schema, body)]


def request_problems(operation: Operation[Any], request: httpx2.Request) -> list[str]:
    """Where `request` leaves what the document defines for `operation` (empty when it does not)."""
    entry = documented(operation)
    assert entry is not None, operation.tool
    if request.method != operation.method:
        return [f"sent {request.method}; the document has {operation.method}"]
    return _param_problems(entry.get("parameters", []), request, operation.path) + _body_problems(entry, request)
