"""The answer generator itself: conforming variants validate against the document, drift ones do not.

If the generator built an answer the document does not allow, a reader failing on it would prove
nothing; if a drift variant were valid, its test would prove nothing either.
"""

from __future__ import annotations

from typing import Any

import pytest

from chime_mcp.chime.catalog import OPERATIONS
from tests.support.contract import (
    CONFORMING,
    EXTRA_PROPERTIES,
    answer_errors,
    build,
    conforming_answers,
    documented,
    drift_answers,
    null_required,
    request_errors,
    response_schema,
    strings_for_ints,
)

WITH_ANSWERS = [op for op in OPERATIONS if documented(op) is not None and response_schema(op) is not None]

RECORD = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "integer", "format": "int64"},
        "name": {"type": "string"},
        "email": {"type": "string", "example": "ann@example.org"},
        "stage": {"type": "string", "enum": ["New", "Hot"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
}
PAGE: dict[str, Any] = {
    "type": "object",
    "properties": {"leads": {"type": "array", "items": RECORD}, "total": {"type": "integer", "format": "int32"}},
}


def test_full_fills_every_property_and_two_items_per_array() -> None:
    page = build(PAGE, "full")
    assert len(page["leads"]) == 2 and set(page["leads"][0]) == set(RECORD["properties"])
    assert page["leads"][0]["email"] == "ann@example.org" and len(page["leads"][0]["tags"]) == 2
    assert page["leads"][0]["id"] != page["leads"][1]["id"]


def test_required_only_keeps_only_required_properties_at_every_depth() -> None:
    assert build(PAGE, "required_only") == {}
    assert set(build(RECORD, "required_only")) == {"id", "name"}


def test_extras_nulls_and_empty_arrays() -> None:
    extras = build(PAGE, "extras")
    assert EXTRA_PROPERTIES.items() <= extras.items() and EXTRA_PROPERTIES.items() <= extras["leads"][0].items()
    assert EXTRA_PROPERTIES.items() <= extras["leads"][0]["address"].items()
    assert build(PAGE, "nulls") == {"leads": None, "total": None}
    inside = build(PAGE, "null_scalars")
    assert inside["total"] is None and inside["leads"][0]["email"] is None and inside["leads"][0]["name"]
    record = build(RECORD, "nulls")
    assert record["email"] is None and record["id"] is not None
    empty = build(PAGE, "empty_arrays")
    assert empty["leads"] == []
    assert build(RECORD, "empty_arrays")["tags"] == []


def test_null_required_nulls_one_field_of_the_last_record() -> None:
    answer = null_required(PAGE)
    assert answer is not None and answer.drifted == ("$.leads[1].id",)
    assert answer.payload["leads"][1]["id"] is None and answer.payload["leads"][0]["id"] is not None
    assert answer_errors(PAGE, answer.payload) == ["$.leads[1].id: None is not of type 'integer'"]


def test_strings_for_ints_turns_every_integer_into_a_string() -> None:
    answer = strings_for_ints(PAGE)
    assert answer is not None and "$.total" in answer.drifted and "$.leads[0].id" in answer.drifted
    assert answer.payload["total"] == str(build(PAGE, "full")["total"])


def test_the_request_validator_refuses_undeclared_and_read_only_properties() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string", "readOnly": True}}}
    assert request_errors(schema, {"a": "x"}) == []
    assert request_errors(schema, {"a": "x", "c": 1}) == ["$: 'c' is not a property the document defines"]
    assert request_errors(schema, {"b": "x"}) == ["$: 'b' is read-only in the document: never sent"]
    assert request_errors(schema, {"a": None}) == ["$.a: None is not of type 'string'"]


@pytest.mark.parametrize("operation", WITH_ANSWERS, ids=lambda op: op.tool)
def test_every_conforming_variant_validates_against_the_document(operation: Any) -> None:
    schema = response_schema(operation)
    assert schema is not None
    answers = conforming_answers(operation)
    assert answers[0].variant == "full" and {a.variant for a in answers} <= set(CONFORMING)
    for answer in answers:
        assert answer_errors(schema, answer.payload) == [], answer.variant


@pytest.mark.parametrize("operation", WITH_ANSWERS, ids=lambda op: op.tool)
def test_every_drift_variant_leaves_the_document_where_it_says(operation: Any) -> None:
    schema = response_schema(operation)
    assert schema is not None
    for answer in drift_answers(operation):
        problems = answer_errors(schema, answer.payload)
        assert problems, answer.variant
        where = {problem.split(":", 1)[0] for problem in problems}
        assert where <= set(answer.drifted), (answer.variant, problems)


def test_drift_applies_to_most_answers() -> None:
    kinds = [a.variant for op in WITH_ANSWERS for a in drift_answers(op)]
    assert kinds.count("strings_for_ints") >= 40 and kinds.count("null_required") >= 5
