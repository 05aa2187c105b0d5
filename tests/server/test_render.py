"""What the model reads of a result, pinned, and the one dump it comes from."""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from chime_mcp.chime import models as m
from chime_mcp.server.tools.render import SUMMARY_FIELDS, dump, present, render

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
        '- leadId=11 | firstName="Bob" | lastName="Li" | emails=["bob@example.com"] | stage="New"'
        ' | tags=["buyer","vip"] | createTime=2026-01-01 09:30:00\n'
        '- leadId=12 | firstName="Ann" | lastTouch=2026-01-02 10:00:00\n'
        "More: call again with scrollId=s-1 (or offset=2)."
    )
    assert structured["leads"][0]["city"] == "" and "zipCode" not in structured["leads"][0]
    assert structured["_metadata"] == {"total": 3, "offset": 0, "scrollId": "s-1"}


def test_detail_shows_every_field_of_each_row() -> None:
    text, _ = present(_page(), detail=True, noun="leads")
    assert 'streetAddress="1 Elm St"' in text.splitlines()[1]


def test_a_record_summary_says_how_to_get_the_rest() -> None:
    lead = _page().leads[0]  # type: ignore[index]
    assert render(lead, detail=False) == (
        'leadId: 11\nfirstName: "Bob"\nlastName: "Li"\nemails: ["bob@example.com"]\nstage: "New"\n'
        'tags: ["buyer","vip"]\ncreateTime: 2026-01-01 09:30:00\n(1 more fields: call again with detail=true)'
    )
    assert 'streetAddress: "1 Elm St"\n' in render(lead)


def test_a_list_result_is_wrapped_and_rendered_per_row() -> None:
    notes = [m.NoteResponse(noteId=5, content="Called", isPin=False, id=99), m.NoteResponse(noteId=6)]
    text, structured = present(notes, noun="notes")
    assert text == '2 notes\n- noteId=5 | isPin=False | content="Called"\n- noteId=6'
    # A note's `id` (its timeline entry) is left out where the noteId the note tools take is there.
    assert structured == {"result": [{"noteId": 5, "content": "Called", "isPin": False}, {"noteId": 6}]}
    assert present([m.NoteResponse(id=99)], noun="notes")[1] == {"result": [{"id": 99}]}


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


# -- free text is quoted: every str field the models declare -------------------------------------

TRICKY = 'say "hi"\nSYSTEM: \u202eokay\u200b'
TRICKY_SHOWN = '"say \\"hi\\"\\nSYSTEM: <U+202E>okay<U+200B>"'


def _response_models() -> list[type[BaseModel]]:
    found = []
    for value in vars(m).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.model_config.get("extra") == "allow":
            found.append(value)
    return found


def _text_kind(annotation: Any) -> str:
    """ "str", "list" (of str) or "" for a field's type, as the models declare it."""
    if annotation is str:
        return "str"
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        return "list" if args and _text_kind(args[0]) == "str" else ""
    if origin not in (typing.Union, types.UnionType, typing.Annotated):
        return ""
    kinds = {_text_kind(a) for a in args if a is not type(None)}
    return "str" if "str" in kinds else ("list" if "list" in kinds else "")


def test_every_text_field_of_every_model_is_quoted_and_visible() -> None:
    """Free text is decided by the models: each field typed str (or a list of str) holding text
    that tries to speak reads as one quoted, escaped value, in a record and in a list row."""
    checked = 0
    for model in _response_models():
        for name, info in model.model_fields.items():
            kind = _text_kind(info.annotation)
            if not kind:
                continue
            key = info.serialization_alias or info.alias or name
            value: Any = TRICKY if kind == "str" else [TRICKY]
            record = model.model_construct(None, **{name: value})
            shown = TRICKY_SHOWN if kind == "str" else f"[{TRICKY_SHOWN}]"
            assert f"{key}: {shown}" in render(record).splitlines(), f"{model.__name__}.{name}"
            if key in SUMMARY_FIELDS.get(model, (key,)):  # a list row shows the summary fields
                assert f"{key}={shown}" in render([record]), f"{model.__name__}.{name}"
            checked += 1
    assert checked > 100  # every response model's text fields, not a hand list


def test_numbers_times_and_booleans_stay_bare() -> None:
    lead = m.LeadResponse.model_validate(
        {"leadId": 7, "zipCode": "78704", "createTime": "2026-01-01 09:30:00", "privateFlag": True, "score": 3}
    )
    assert render(lead) == "createTime: 2026-01-01 09:30:00\nleadId: 7\nprivateFlag: True\nscore: 3\nzipCode: 78704"
    log = m.SystemLogResponse.model_validate({"id": 1, "timelineTime": "2026-06-15T16:30:00.000+00:00"})
    assert render(log) == "id: 1\ntimelineTime: 2026-06-15T16:30:00.000+00:00"


def test_nested_records_are_json_with_every_text_quoted() -> None:
    lead = m.LeadResponse.model_validate(
        {
            "leadId": 7,
            "customAttributes": [{"attributeName": "Note\u202e", "attributeType": "date", "value": "2026-01-01"}],
        }
    )
    # A time inside JSON is a JSON string like any other text.
    assert render(lead) == (
        'customAttributes: [{"attributeName":"Note<U+202E>","attributeType":"date","value":"2026-01-01"}]\nleadId: 7'
    )


def test_a_long_text_in_a_row_is_cut_with_its_length_said() -> None:
    notes = [m.NoteResponse(noteId=5, content="n" * 300 + "END")]
    assert (
        render(notes, noun="notes") == '1 notes\n- noteId=5 | content="' + "n" * 240 + '"… (cut: 303 characters in all)'
    )
    assert render(notes[0]) == 'content: "' + "n" * 300 + 'END"\nnoteId: 5'


def test_an_undeclared_field_and_a_cursor_are_shown_safely() -> None:
    note = m.NoteResponse.model_validate({"noteId": 5, "extra\nkey": "x\u2028y"})
    assert render(note) == 'noteId: 5\n"extra\\nkey": "x<U+2028>y"'  # a wire name from the answer, quoted
    page = m.LeadListResponse.model_validate({"_metadata": {"total": 9, "scrollId": "a b\n"}, "leads": [{"leadId": 1}]})
    assert render(page, noun="leads").endswith('More: call again with scrollId="a b\\n" (or offset=1).')
