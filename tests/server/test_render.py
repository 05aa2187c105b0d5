"""What the model reads of a result, pinned, and the one dump it comes from."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from chime_mcp.chime import models as m
from chime_mcp.server.tools.render import dump, present, render

PAGE: dict[str, Any] = {
    "_metadata": {"total": 3, "offset": 0, "scrollId": "s-1"},
    "leads": [
        {
            "leadId": 11,
            "firstName": "Bob",
            "lastName": "Li",
            "emails": ["bob@example.com"],
            "stage": "New",
            "tags": [{"tagId": 1, "tagName": "buyer"}, {"tagId": 2, "tagName": "vip"}],
            "createTime": "2026-01-01 09:30:00",
            "city": "",
            "zipCode": None,
            "streetAddress": "1 Elm St",
        },
        {"leadId": 12, "firstName": "Ann", "phones": [], "lastTouch": "2026-01-02 10:00:00"},
    ],
}


def _page() -> m.LeadListResponse:
    return m.LeadListResponse.model_validate(PAGE)


def test_a_lead_page_reads_as_pinned() -> None:
    text, structured = present(_page(), detail=False, noun="leads")
    assert text == (
        "2 of 3 leads (from offset 0)\n"
        "- leadId=11 | firstName=Bob | lastName=Li | emails=bob@example.com | stage=New | tags=buyer,vip"
        " | createTime=2026-01-01 09:30:00\n"
        "- leadId=12 | firstName=Ann | lastTouch=2026-01-02 10:00:00\n"
        "More: call again with scrollId=s-1 (or offset=2)."
    )
    assert structured["leads"][0]["city"] == "" and "zipCode" not in structured["leads"][0]
    assert structured["_metadata"] == {"total": 3, "offset": 0, "scrollId": "s-1"}


def test_detail_shows_every_field_of_each_row() -> None:
    text, _ = present(_page(), detail=True, noun="leads")
    assert "streetAddress=1 Elm St" in text.splitlines()[1]


def test_a_record_summary_says_how_to_get_the_rest() -> None:
    lead = _page().leads[0]  # type: ignore[index]
    assert render(lead, detail=False) == (
        "leadId: 11\nfirstName: Bob\nlastName: Li\nemails: bob@example.com\nstage: New\ntags: buyer,vip\n"
        "createTime: 2026-01-01 09:30:00\n(1 more fields: call again with detail=true)"
    )
    assert "streetAddress: 1 Elm St\n" in render(lead)


def test_a_list_result_is_wrapped_and_rendered_per_row() -> None:
    notes = [m.NoteResponse(noteId=5, content="Called", isPin=False, id=99), m.NoteResponse(noteId=6)]
    text, structured = present(notes, noun="notes")
    assert text == "2 notes\n- noteId=5 | isPin=False | content=Called\n- noteId=6"
    assert structured == {"result": [{"noteId": 5, "content": "Called", "isPin": False, "id": 99}, {"noteId": 6}]}


def test_an_empty_record_is_done() -> None:
    assert render(m.NoteResponse()) == "Done."


def test_one_dump_per_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text and the structuredContent come from one model_dump of the whole result."""
    calls: list[str] = []
    for model in (m.LeadListResponse, m.LeadResponse, m.UserLeadTagVo, m.MetaData):
        original = model.model_dump

        def counted(self: BaseModel, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            calls.append(type(self).__name__)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(model, "model_dump", counted)
    page = _page()
    text, structured = present(page, detail=False, noun="leads")
    assert calls == ["LeadListResponse"]
    assert structured == dump(page) and text.startswith("2 of 3 leads")
