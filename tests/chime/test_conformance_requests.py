"""What each write sends, field by field, against Lofty's published OpenAPI document.

For every write operation the document describes: each body field a tool can send (nested
models included) is a property of the operation's requestBody schema with the same kind of
value; each property the document requires is sent (required, or a default that is never None);
each path or query parameter is a documented one, and each documented required one is sent.
The request forms of definitions that are also read (`models.REQUEST_FORMS`) match their
published definition whole, hidden fields included.
"""

from __future__ import annotations

import json
import types
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from chime_mcp.chime.catalog import OPERATIONS
from chime_mcp.chime.models import REQUEST_FORMS, RequestModel
from chime_mcp.chime.operation import Operation
from chime_mcp.chime.times import EpochMillis, WireTime
from tests.chime.test_conformance_catalog import SENDS
from tests.support.paths import DATA, PUBLISHED

DOCUMENT: dict[str, Any] = json.loads(PUBLISHED.read_text())
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
WRITES = [
    op
    for op in OPERATIONS
    if op.method != "GET" and op.method.lower() in DOCUMENT["paths"].get(op.path, {}) and not op.unwrap
]


INLINE = {"MemberWeight": ("RoutingStrategy", "memberWeights")}
"""Definitions of the reference that the document writes inline: where."""


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def documented_kind(schema: dict[str, Any]) -> Any:
    """'integer', 'string', ... ; ('array', kind) ; 'object' for any object."""
    schema = resolve(schema)
    kind = schema.get("type")
    if kind == "array":
        return ("array", documented_kind(schema["items"]))
    if kind == "object" or "properties" in schema:
        return "object"
    return kind


def model_kinds(annotation: Any) -> set[Any]:
    """The kinds of value an annotation lets a request carry, in `documented_kind`'s terms."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return model_kinds(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return set().union(*(model_kinds(a) for a in get_args(annotation) if a is not type(None)))
    if origin is Literal:
        return {model_kinds(type(value)).pop() for value in get_args(annotation)}
    if origin is list:
        return {("array", kind) for kind in model_kinds(get_args(annotation)[0])}
    if origin is dict or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return {"object"}
    simple = {bool: "boolean", int: "integer", float: "number", str: "string"}
    assert annotation in simple, f"unexpected annotation {annotation!r}"
    return {simple[annotation]}


def sent_kinds(annotation: Any, metadata: Sequence[Any] = ()) -> set[Any]:
    """What a field or parameter puts on the wire: a time argument takes ISO 8601 or epoch ms
    from the model and sends its endpoint's one form (chime.checks)."""
    found = [*metadata, *(get_args(annotation)[1:] if get_origin(annotation) is Annotated else ())]
    for arg in get_args(annotation):
        if get_origin(arg) is Annotated:
            found += get_args(arg)[1:]
    for meta in found:
        if isinstance(meta, WireTime):
            return {"integer"} if isinstance(meta, EpochMillis) else {"string"}
    return model_kinds(annotation)


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in nested_models(arg)]


def item_schema(schema: dict[str, Any]) -> dict[str, Any]:
    schema = resolve(schema)
    return item_schema(schema["items"]) if schema.get("type") == "array" else schema


def compare(
    model: type[BaseModel],
    schema: dict[str, Any],
    where: str,
    *,
    hidden: tuple[str, ...] = (),
    narrowed: Any = None,
) -> list[str]:
    """How the fields `model` sends differ from the object `schema` (empty: they match)."""
    schema = resolve(schema)
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    problems: list[str] = []
    sent: set[str] = set()
    for name, info in model.model_fields.items():
        wire = info.serialization_alias or info.alias or name
        sent.add(wire)
        if wire in hidden:
            continue
        if wire not in properties:
            problems.append(f"{where}.{wire}: sent, not in the document")
            continue
        annotation = (narrowed or {}).get(wire, info.annotation)
        kinds = sent_kinds(annotation, info.metadata)
        expected = documented_kind(properties[wire])
        if kinds != {expected}:
            problems.append(f"{where}.{wire}: sends {sorted(map(str, kinds))}, the document takes {expected}")
        always = info.is_required() or info.get_default() is not None
        if wire in required and not always:
            problems.append(f"{where}.{wire}: required by the document, may be left out")
        for inner in nested_models(annotation):
            problems += compare(inner, item_schema(properties[wire]), f"{where}.{wire}")
    problems += [f"{where}.{wire}: required by the document, never sent" for wire in sorted(required - sent)]
    return problems


def documented(op: Operation[Any]) -> dict[str, Any]:
    item: dict[str, Any] = DOCUMENT["paths"][op.path][op.method.lower()]
    return item


def test_the_writes_checked_are_every_documented_write() -> None:
    writes = {op.tool for op in WRITES}
    # Every request with a body, the routing preview (a read sent as POST) and the sends included,
    # the Sales Agent's writes (mute_working_lead: a PUT without a body), and the org group's 11
    # (agents, offices, company, the AI requests), the calendar's and v2 tasks' writes (their finish
    # and unfinish have no body).
    assert len(writes) == 59
    assert {
        "preview_routing",
        "search_agent_communications",
        "find_listings",
        "update_property_address",
        *SENDS,
        "create_lead",
        "update_lead",
        "add_lead_inquiry",
        "update_routing_rule",
        "create_custom_field",
        "add_working_leads",
        "mute_working_lead",
        "update_sales_agent_settings",
        "create_plan_tasks",
        "create_agent",
        "deactivate_agent",
        "generate_call_script",
        "create_calendar_event",
        "finish_calendar_event",
        "update_agenda_item",
    } <= writes


@pytest.mark.parametrize("op", WRITES, ids=lambda op: op.tool)
def test_the_body_sends_what_the_document_defines(op: Operation[Any]) -> None:
    item = documented(op)
    body = op.body
    if body is None:
        assert "requestBody" not in item, f"{op.tool}: the document takes a body"
        return
    schema = item["requestBody"]["content"]["application/json"]["schema"]
    if body.is_list:
        schema = resolve(schema)
        assert schema["type"] == "array", f"{op.tool}: the document takes one object"
        schema = schema["items"]
    problems = compare(body.model, schema, body.model.__name__, hidden=body.tool_hidden, narrowed=body.tool_types)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("op", WRITES, ids=lambda op: op.tool)
def test_the_parameters_are_the_documented_ones(op: Operation[Any]) -> None:
    # Headers (Authorization, Content-Type) are the client's, sent on every request.
    parameters = {p["name"]: p for p in documented(op).get("parameters", []) if p["in"] in ("path", "query")}
    problems = []
    for param in op.params:
        doc = parameters.get(param.name)
        if doc is None or doc["in"] != param.location:
            problems.append(f"{param.name}: sent in {param.location}, not documented there")
            continue
        kinds = sent_kinds(param.annotation)
        if kinds != {documented_kind(doc["schema"])}:
            problems.append(f"{param.name}: sends {kinds}, the document takes {documented_kind(doc['schema'])}")
    ours = {p.name: p for p in op.params}
    for name, doc in parameters.items():
        known = ours.get(name)
        if doc.get("required") and (known is None or not (known.required or known.default is not None)):
            problems.append(f"{name}: required by the document, may be left out")
    assert not problems, "\n".join(problems)


FORMS = sorted(REQUEST_FORMS, key=lambda cls: cls.__name__)


@pytest.mark.parametrize("form", FORMS, ids=[cls.__name__ for cls in FORMS])
def test_each_request_form_is_its_published_definition(form: type[BaseModel]) -> None:
    assert issubclass(form, RequestModel)
    definition = REQUEST_FORMS[form]
    assert form.__name__ == f"{definition}Request"
    if definition in INLINE:
        owner, field = INLINE[definition]
        schema = SCHEMAS[owner]["properties"][field]
    else:
        schema = SCHEMAS[definition]
    problems = compare(form, schema, form.__name__)
    assert not problems, "\n".join(problems)


HIDDEN_UNPUBLISHED = {"LeadProperty": ("deleteFlag", "updateTime")}
"""Fields of reference definitions that are sent and read, which the document does not define and
no tool offers (their tools hide them: lead_details.SERVER_SET, leads.LEAD_NESTED, `listing`). Kept
on the model for reading answers; a Python caller of the client could still set them."""


@pytest.mark.parametrize("op", [op for op in WRITES if op.body is not None], ids=lambda op: op.tool)
def test_hidden_fields_beyond_the_document_are_only_the_known_ones(op: Operation[Any]) -> None:
    assert op.body is not None
    schema = documented(op)["requestBody"]["content"]["application/json"]["schema"]
    if op.body.is_list:
        schema = resolve(schema)["items"]
    problems = compare(op.body.model, schema, op.tool, narrowed=op.body.tool_types)
    known = {f".{field}: sent, not in the document" for fields in HIDDEN_UNPUBLISHED.values() for field in fields}
    assert [p for p in problems if not any(p.endswith(k) for k in known)] == []
    for problem in problems:  # each one sits under a field the tool does not offer
        top = problem.split(".")[1].split(":")[0]
        assert top in op.body.tool_hidden, problem


REFERENCE: dict[str, Any] = json.loads((DATA / "chime-api-reference.json").read_text())["definitions"]


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.body and op.body.renamed], ids=lambda op: op.tool)
def test_renamed_fields_are_reference_fields_the_body_no_longer_takes(op: Operation[Any]) -> None:
    assert op.body is not None
    definition = REQUEST_FORMS.get(op.body.model, op.body.model.__name__)
    for name, instead in op.body.renamed.items():
        assert name in REFERENCE[definition]["fields"], f"{name}: not a reference field of {definition}"
        assert name not in op.body.model.model_fields, f"{name}: still a field, so never refused"
        assert instead.strip()
