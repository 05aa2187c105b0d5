"""The tolerant reader, through the tools: an answer that does not fit never fails a record or a page.

Each answer here is one the live API may send and the models did not accept: a null where the
document requires a value, a wrong type in one field, a list without its wrapper. The record is
kept, the field is left empty, and the model reads one line naming the record and the field.
"""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from pydantic import ValidationError

from chime_mcp.chime import catalog
from chime_mcp.chime import models as m
from chime_mcp.chime.models.tolerant import Unexpected, reading
from tests.support.wire import Wire, call_tool

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def lead(n: int, **fields: Any) -> dict[str, Any]:
    return {"leadId": 100 + n, "firstName": f"Lead{n}", "lastName": "Page", **fields}


def page(leads: list[dict[str, Any]]) -> httpx2.Response:
    meta = {"total": len(leads), "limit": 25, "offset": 0}
    return httpx2.Response(200, json={"leads": leads, "_metadata": meta})


async def test_one_null_in_a_required_field_keeps_all_25_leads_and_names_the_field() -> None:
    leads = [lead(n) for n in range(25)]
    leads[7]["leadFamilyMemberList"] = [{"firstName": None, "lastName": "Kid"}]  # the document requires firstName
    failed, text = await call_tool(Wire(page(leads)), "search_leads", query="page")
    assert not failed, text
    for n in range(25):
        assert f'firstName="Lead{n}" | lastName="Page"' in text, n
    unexpected = [line for line in text.splitlines() if line.startswith("Unexpected in the answer:")]
    assert unexpected == ["Unexpected in the answer: lead 107: firstName was null, left empty."]


async def test_a_wrong_type_in_one_field_of_one_record_leaves_only_that_field_empty() -> None:
    leads = [lead(0), lead(1, stage={"not": "a stage"}), lead(2)]
    failed, text = await call_tool(Wire(page(leads)), "search_leads", query="page")
    assert not failed, text
    assert 'firstName="Lead1" | lastName="Page"' in text and 'firstName="Lead2"' in text
    assert "Unexpected in the answer: lead 101: stage was an object, left empty." in text


@pytest.mark.parametrize("answer", [{}, {"notes": None}, None])
async def test_a_list_without_its_wrapper_reads_as_no_records(answer: Any) -> None:
    """The document lets the wrapper be absent or null: no records, and nothing unexpected."""
    failed, text = await call_tool(Wire(httpx2.Response(200, json=answer)), "list_notes", leadId=5)
    assert (failed, text) == (False, "0 notes")


async def test_a_wrapper_that_is_not_a_list_reads_as_no_records_and_says_so() -> None:
    failed, text = await call_tool(Wire(httpx2.Response(200, json={"notes": "none"})), "list_notes", leadId=5)
    assert not failed, text
    assert "Unexpected in the answer: notes was not a list, read as no records." in text


async def test_an_item_that_is_not_a_record_is_left_out_of_its_list() -> None:
    notes = {"notes": [{"id": 1, "leadId": 5, "content": "kept"}, "junk", {"id": 3, "leadId": 5, "content": "too"}]}
    failed, text = await call_tool(Wire(httpx2.Response(200, json=notes)), "list_notes", leadId=5)
    assert not failed, text
    assert "kept" in text and "too" in text
    assert "Unexpected in the answer: notes[1] was a string, not a record, left out." in text


async def test_an_answer_that_fits_says_nothing_unexpected() -> None:
    failed, text = await call_tool(Wire(page([lead(0), lead(1)])), "search_leads", query="page")
    assert not failed and "Unexpected" not in text


def test_outside_a_reading_context_the_models_stay_strict() -> None:
    """The sandbox validates its own answers with the same models: there a misfit is a bug to see."""
    with pytest.raises(ValidationError):
        m.LeadFamilyMember.model_validate({"firstName": None})
    found: list[Unexpected] = []
    member = m.LeadFamilyMember.model_validate({"firstName": None, "lastName": "Kid"}, context=reading(found))
    assert member.lastName == "Kid" and member.firstName is None
    assert [str(item) for item in found] == ["firstName was null, left empty"]


def test_request_models_are_strict_even_in_a_reading_context() -> None:
    body = catalog.notes.ADD_NOTE.body
    assert body is not None
    with pytest.raises(ValidationError):
        body.model.model_validate({"leadId": "x", "content": "hi"}, context=reading([]))


async def test_an_integer_sent_as_a_string_is_read_and_noted() -> None:
    notes = {"notes": [{"id": "7", "leadId": 5, "content": "kept"}]}
    failed, text = await call_tool(Wire(httpx2.Response(200, json=notes)), "list_notes", leadId=5)
    assert not failed, text
    assert 'content="kept"' in text
    assert "Unexpected in the answer: note 7: id was a string, read as a number." in text


def test_a_missing_required_field_is_noted_and_the_record_kept() -> None:
    found: list[Unexpected] = []
    member = m.LeadFamilyMember.model_validate({"lastName": "Kid"}, context=reading(found))
    assert member.lastName == "Kid"
    assert [str(item) for item in found] == ["firstName was missing, left empty"]


def test_a_record_that_is_not_an_object_fails_where_it_stands_alone() -> None:
    with pytest.raises(ValidationError):
        m.LeadFamilyMember.model_validate("junk", context=reading([]))
