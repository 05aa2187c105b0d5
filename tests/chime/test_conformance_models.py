"""The models in chime_mcp.chime.models against the definitions of the Chime API reference."""

import json
import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import AliasChoices, AliasPath, BaseModel, ValidationError
from pydantic.fields import FieldInfo

from chime_mcp.chime import models
from chime_mcp.chime.models import DEFINITIONS, REQUEST_FORMS, RequestModel, ResponseModel, WireModel
from chime_mcp.chime.times import EpochMillis, WireTime
from tests.support.paths import DATA, PUBLISHED

REFERENCE = json.loads((DATA / "chime-api-reference.json").read_text())
DEFS: dict[str, Any] = REFERENCE["definitions"]

# Where Lofty's OpenAPI document (the wire) disagrees with the reference, the models follow the
# wire. Every such place is listed here, so nothing else may drift.
# Fields whose type is widened: the annotation must still accept the reference's type.
WIDENED = {
    ("RoutingRule", "leadType"): "OpenAPI: string",
    ("RoutingStrategy", "memberWeights"): "OpenAPI: one MemberWeight object; the list is read too",
    ("SystemLogResponse", "content"): "OpenAPI: JSON object",
    ("SystemLogResponse", "createTime"): "OpenAPI: ISO-8601 string",
    ("SystemLogResponse", "id"): "OpenAPI: string",
    ("SystemLogResponse", "timelineTime"): "OpenAPI: ISO-8601 string",
    ("SystemLogResponse", "updateTime"): "OpenAPI: ISO-8601 string",
}
# Fields a request model types as the OpenAPI document does, not as the reference: the kind sent.
RETYPED = dict.fromkeys(
    [("IncomingTransaction", name) for name in ("acceptanceDate", "closedAt", "closingDate", "expirationDate")],
    "string",  # OpenAPI: ISO-8601 date-time; the reference: a java.sql.Timestamp object
)
# Fields whose required flag differs from the reference: the flag the model has.
REQUIRED_OVERRIDES = {
    ("CustomAttribute", "value"): False,  # the reference's own text: omit it when defining a field
    ("IncomingTransaction", "id"): True,  # OpenAPI: required
    ("LeadTransaction", "created"): False,  # OpenAPI: optional, "do not supply"
    ("LeadTransaction", "updated"): False,  # OpenAPI: optional, "do not supply"
    ("LeadAssigineeRequest", "assiginee"): True,  # the API refuses an assignment without one
    ("RoutingRuleRequest", "id"): True,  # the API cannot tell which rule to change without it
}
# Reference fields a request model does not send, because the OpenAPI document does not define
# them: the published field that carries the same thing instead, or "" where none does.
UNPUBLISHED = {
    ("EditLeadRequest", "isPrivate"): "",
    ("EditLeadRequest", "leadType"): "leadTypes",
    ("LeadRequest", "isPrivate"): "",
    ("LeadRequest", "leadType"): "leadTypes",
}
BEYOND_REFERENCE = {
    ("TaskRequest", "finishFlag"): "OpenAPI: completes a task on update",
    ("NoteResponse", "noteId"): "OpenAPI: the id notes are read and edited by (id is the timeline's)",
    ("LogTypeResponse", "content"): "OpenAPI: the log's body",
    ("LogTypeResponse", "emailSubject"): "OpenAPI: a logged email's subject",
    ("SystemLogResponse", "refId"): "OpenAPI: the record the event refers to",
    ("SystemLogResponse", "timelineTypeDesc"): "OpenAPI: the event's name",
    ("TextResponse", "textContent"): "OpenAPI: the text message",
    ("LogTypeRequest", "emailSubject"): "OpenAPI: a logged email's subject",
    ("LogTypeRequest", "fromEmail"): "OpenAPI: a logged email's sender",
    ("LogTypeRequest", "toEmail"): "OpenAPI: a logged email's recipient",
    ("EditLeadRequest", "leadTypes"): "OpenAPI: the lead's types, a list (the reference's leadType)",
    ("LeadRequest", "leadTypes"): "OpenAPI: the lead's types, a list (the reference's leadType)",
    ("LeadResponse", "cannotCall"): "OpenAPI: do not call the lead",
    ("LeadResponse", "cannotEmail"): "OpenAPI: do not email the lead (send_email is refused)",
    ("LeadResponse", "cannotText"): "OpenAPI: do not text the lead (send_text is refused)",
}
PRIMITIVES = {"integer", "number", "boolean", "string"}
PUBLISHED_SCHEMAS: dict[str, Any] = json.loads(PUBLISHED.read_text())["components"]["schemas"]
"""The component schemas of Lofty's published document (the extract the repository carries)."""


def reference_kind(type_text: str) -> Any:
    """'integer(int64)' -> 'integer', '< X > array' -> ('array', kind of X), 'Def' -> ('object', 'Def')."""
    text = type_text.strip()
    array = re.fullmatch(r"<\s*(.+?)\s*>\s*array", text)
    if array:
        inner = reference_kind(array.group(1))
        return None if inner is None else ("array", inner)
    base = text.split("(")[0]
    if base in PRIMITIVES:
        return base
    if base in DEFS:
        return ("object", base)
    return None


def expected_kind(definition: str, field: str) -> Any:
    doc = DEFS[definition]["fields"][field]
    kind = reference_kind(doc["type"])
    if kind is None:
        # A few types name no definition (LeadInquirys, LeadPropertyList, Locations): the
        # reference's type column then holds a title and the description column the real type.
        kind = reference_kind(doc["description"] or "")
    assert kind is not None, f"{definition}.{field}: cannot read type {doc['type']!r}"
    return kind


def annotation_kinds(annotation: Any) -> set[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return annotation_kinds(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return set().union(*(annotation_kinds(a) for a in get_args(annotation) if a is not type(None)))
    if origin is Literal:
        values = get_args(annotation)
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return {"integer"}
        if all(isinstance(v, str) for v in values):
            return {"string"}
        raise AssertionError(f"mixed Literal {annotation}")
    if origin is list:
        return {("array", kind) for kind in annotation_kinds(get_args(annotation)[0])}
    if origin is dict:
        return {"json-object"}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # A request form (LeadInquiryRequest) stands for its definition (LeadInquiry).
        return {("object", REQUEST_FORMS.get(annotation, annotation.__name__))}
    simple = {bool: "boolean", int: "integer", float: "number", str: "string"}
    assert annotation in simple, f"unexpected annotation {annotation!r}"
    return {simple[annotation]}


def wire_names(name: str, info: FieldInfo) -> set[str]:
    names = {name}
    for alias in (info.alias, info.serialization_alias):
        if isinstance(alias, str):
            names.add(alias)
    validation = info.validation_alias
    choices = validation.choices if isinstance(validation, AliasChoices) else [validation]
    for choice in choices:
        if isinstance(choice, str):
            names.add(choice)
        elif isinstance(choice, AliasPath) and isinstance(choice.path[0], str):
            names.add(choice.path[0])
    return names


def fields_by_wire_name(model: type[BaseModel]) -> dict[str, tuple[str, FieldInfo]]:
    found: dict[str, tuple[str, FieldInfo]] = {}
    for name, info in model.model_fields.items():
        for wire in wire_names(name, info):
            found[wire] = (name, info)
    return found


def test_every_definition_has_a_class() -> None:
    assert sorted(DEFINITIONS) == sorted(DEFS)
    assert len(DEFINITIONS) == 53
    for name, cls in DEFINITIONS.items():
        assert cls.__name__ == name
        assert getattr(models, name) is cls


def test_deviation_tables_name_documented_fields() -> None:
    for definition, field in [*WIDENED, *RETYPED, *REQUIRED_OVERRIDES, *UNPUBLISHED]:
        assert field in DEFS[definition]["fields"], f"{definition}.{field}"


@pytest.mark.parametrize(("definition", "field"), sorted(UNPUBLISHED))
def test_unpublished_fields_are_not_in_the_document_and_their_equivalent_is(definition: str, field: str) -> None:
    published = PUBLISHED_SCHEMAS[definition]["properties"]
    assert field not in published
    instead = UNPUBLISHED[definition, field]
    if instead:
        assert instead in published and instead in DEFINITIONS[definition].model_fields


@pytest.mark.parametrize("definition", sorted(DEFS))
def test_fields_match_reference(definition: str) -> None:
    model = DEFINITIONS[definition]
    documented: dict[str, Any] = DEFS[definition]["fields"]
    by_wire = fields_by_wire_name(model)
    problems: list[str] = []
    for field, doc in documented.items():
        if (definition, field) in UNPUBLISHED:
            if field in by_wire:
                problems.append(f"{definition}.{field}: sent, though the OpenAPI document lacks it")
            continue
        if field not in by_wire:
            problems.append(f"{definition}.{field}: missing")
            continue
        name, info = by_wire[field]
        required = REQUIRED_OVERRIDES.get((definition, field), doc["required"])
        if info.is_required() != required:
            problems.append(f"{definition}.{field}: required is {info.is_required()}, expected {required}")
        expected = RETYPED.get((definition, field)) or expected_kind(definition, field)
        kinds = annotation_kinds(info.annotation)
        times = [meta for meta in info.metadata if isinstance(meta, WireTime)]
        if times:  # a time argument takes ISO 8601 or epoch ms; what is sent is the wire's form
            kinds = {"integer"} if isinstance(times[0], EpochMillis) else {"string"}
        if (definition, field) in WIDENED:
            if expected not in kinds or len(kinds) < 2:
                problems.append(f"{definition}.{field}: widened type {kinds} lacks {expected}")
        elif kinds != {expected}:
            problems.append(f"{definition}.{field}: type {kinds}, expected {expected}")
    for name, info in model.model_fields.items():
        if not wire_names(name, info) & set(documented) and (definition, name) not in BEYOND_REFERENCE:
            problems.append(f"{definition}.{name}: not in the reference")
    assert not problems, "\n".join(problems)


def _body_and_result_definitions() -> tuple[set[str], set[str]]:
    def named(type_text: str | None) -> set[str]:
        kind = reference_kind(type_text or "")
        while isinstance(kind, tuple) and kind[0] == "array":
            kind = kind[1]
        return {kind[1]} if isinstance(kind, tuple) else set()

    def closure(roots: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                for field in DEFS[name]["fields"]:
                    kind = expected_kind(name, field)
                    while isinstance(kind, tuple) and kind[0] == "array":
                        kind = kind[1]
                    if isinstance(kind, tuple):
                        todo.append(kind[1])
        return seen

    sent: set[str] = set()
    received: set[str] = set()
    for operation in REFERENCE["operations"]:
        for param in operation["params"]:
            if param["in"] == "body":
                sent |= named(param["type"])
        received |= named(operation["responses"].get("200"))
    return closure(sent), closure(received)


@pytest.mark.parametrize("definition", sorted(DEFS))
def test_base_class_follows_direction(definition: str) -> None:
    sent, received = _body_and_result_definitions()
    if definition in sent and definition in received:
        base: type[BaseModel] = WireModel
    elif definition in sent:
        base = RequestModel
    else:
        base = ResponseModel
    assert issubclass(DEFINITIONS[definition], base), f"{definition} should be a {base.__name__}"


def _has_literal(annotation: Any) -> bool:
    if get_origin(annotation) is Literal:
        return True
    return any(_has_literal(arg) for arg in get_args(annotation))


@pytest.mark.parametrize("definition", sorted(DEFS))
def test_value_sets_only_on_request_models(definition: str) -> None:
    model = DEFINITIONS[definition]
    if issubclass(model, RequestModel):
        return
    for name, info in model.model_fields.items():
        assert not _has_literal(info.annotation), f"{definition}.{name}: a Literal would break reads"


def test_response_model_keeps_unknown_fields() -> None:
    lead = models.LeadResponse.model_validate({"leadId": 7, "segments": ["VIP"]})
    assert lead.leadId == 7
    assert lead.model_extra == {"segments": ["VIP"]}
    assert lead.model_dump(exclude_none=True) == {"leadId": 7, "segments": ["VIP"]}


def test_wire_model_keeps_unknown_fields() -> None:
    field = models.CustomAttribute.model_validate(
        {"attributeName": "Budget", "attributeType": "single_select", "params": "{}"}
    )
    assert field.model_extra == {"params": "{}"}


def test_request_model_rejects_unknown_field_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        models.NoteRequest.model_validate({"leadId": 1, "content": "hi", "pinned": True})
    errors = caught.value.errors()
    assert [(e["type"], e["loc"]) for e in errors] == [("extra_forbidden", ("pinned",))]
    assert "pinned" in str(caught.value)


def test_request_value_sets_are_enforced() -> None:
    with pytest.raises(ValidationError, match="callingOutcome"):
        models.LogTypeRequest.model_validate(
            {"leadId": 1, "content": "x", "logType": "logCall", "callingOutcome": "Busy"}
        )
    with pytest.raises(ValidationError, match="listId"):
        models.WebhookRequest.model_validate({"callbackUrl": "https://x.test", "listId": 13})
    with pytest.raises(ValidationError, match="limit"):
        models.WebhookRequest.model_validate({"callbackUrl": "https://x.test", "listId": 2, "limit": 5001})
    with pytest.raises(ValidationError, match="leadFamilyMemberList"):
        models.EditLeadRequest.model_validate({"leadFamilyMemberList": [{"firstName": "A"}] * 5})


@pytest.mark.parametrize("key", ["_metadata", "get_metadata", "metadata"])
@pytest.mark.parametrize("model", [models.LeadListResponse, models.CallListResponse, models.MemberListResponse])
def test_metadata_accepts_both_spellings(model: type[BaseModel], key: str) -> None:
    page = model.model_validate({key: {"total": 42, "limit": 10, "offset": 0}})
    metadata = page.metadata  # type: ignore[attr-defined]
    assert isinstance(metadata, models.MetaData)
    assert metadata.total == 42
    assert page.model_dump(exclude_none=True)["_metadata"]["total"] == 42


def test_assignee_accepts_reference_spelling_and_sends_wire_spelling() -> None:
    for key in ("assignee", "assiginee"):
        request = models.LeadAssigineeRequest.model_validate({key: "a@b.test", "role": "Agent"})
        assert request.model_dump(exclude_none=True) == {"assignee": "a@b.test", "role": "Agent"}


def test_note_request_always_sends_is_pin() -> None:
    note = models.NoteRequest(content="hi", leadId=1)
    assert note.model_dump(exclude_none=True) == {"content": "hi", "isPin": False, "leadId": 1}


def test_wire_deviations_read_live_shapes() -> None:
    log = models.SystemLogResponse.model_validate(
        {"id": "1224565260755697664", "createTime": "2026-06-10T05:51:59.727+00:00", "content": {"a": 1}}
    )
    assert log.id == "1224565260755697664"
    assert log.content == {"a": 1}
    rule = models.SupplementRoutingRule.model_validate({"assigneeAgentId": 123})
    assert rule.assigneeAgentId == "123"
    transaction = models.LeadTransaction.model_validate({"transactionName": "1 Main St"})
    assert transaction.created is None


@pytest.mark.parametrize(
    ("definition", "field"), sorted(key for key in BEYOND_REFERENCE if key[0] in PUBLISHED_SCHEMAS)
)
def test_fields_beyond_the_reference_are_published_with_their_type(definition: str, field: str) -> None:
    published = PUBLISHED_SCHEMAS[definition]["properties"][field]
    info = DEFINITIONS[definition].model_fields[field]
    assert not info.is_required()
    kind = published["type"]
    if kind == "array":
        kind = ("array", published["items"]["type"])
    assert annotation_kinds(info.annotation) == {kind}


def test_published_fields_are_read_as_declared_fields() -> None:
    log = models.LogTypeResponse.model_validate({"id": 1, "content": "Called", "emailSubject": "Hi"})
    system = models.SystemLogResponse.model_validate({"timelineTypeDesc": "NewLead", "refId": 7})
    text = models.TextResponse.model_validate({"textContent": "On my way"})
    assert (log.content, log.emailSubject) == ("Called", "Hi")
    assert (system.timelineTypeDesc, system.refId) == ("NewLead", 7)
    assert text.textContent == "On my way"
    assert not log.model_extra and not system.model_extra and not text.model_extra


def test_webhook_events_are_the_list_ids() -> None:
    assert tuple(models.WEBHOOK_EVENTS) == get_args(models.WebhookListId)
    description = models.WebhookRequest.model_fields["listId"].description or ""
    for list_id, name in models.WEBHOOK_EVENTS.items():
        assert f"{list_id} {name}" in description
