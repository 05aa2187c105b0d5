"""The request checker itself: it finds each way a request can leave the document."""

from __future__ import annotations

import httpx2

from chime_mcp.chime.catalog import BY_NAME
from tests.support.contract_requests import request_problems

HEADERS = {"Authorization": "token k", "Content-Type": "application/json"}


def problems(tool: str, method: str, url: str, body: bytes = b"") -> list[str]:
    request = httpx2.Request(method, "https://api.chime.me" + url, headers=HEADERS, content=body)
    return request_problems(BY_NAME[tool], request)


def test_a_request_as_documented_passes() -> None:
    assert problems("search_leads", "GET", "/v1.0/leads?limit=25&contacted=true&assignedUserId=7") == []
    assert problems("get_note", "GET", "/v1.0/notes/12") == []
    assert problems("list_members", "GET", "/v1.0/members?groupIds=1&groupIds=2") == []
    assert problems("list_routing_rules", "GET", "/v1.0/routing/rule/list/4?roleId=3") == []


def test_parameters_of_the_wrong_type_or_unknown_name_are_found() -> None:
    assert problems("search_leads", "GET", "/v1.0/leads?contacted=yes&nickname=Bo") == [
        "query contacted=['yes']: 'yes' is not of type 'boolean'",
        "query parameter nickname is not in the document",
    ]
    assert problems("get_note", "GET", "/v1.0/notes/abc") == ["path noteId=abc: 'abc' is not of type 'integer'"]
    assert problems("list_routing_rules", "GET", "/v1.0/routing/rule/list/3") == [
        "path type=3: '3' is not one of ['1', '2', '4']"
    ]
    assert problems("list_notes", "GET", "/v1.0/notes") == ["required query parameter leadId not sent"]


def test_bodies_are_checked_against_the_request_schema() -> None:
    assert problems("get_note", "GET", "/v1.0/notes/12", b"{}") == ["a body was sent; the document defines none"]
    assert problems("add_note", "POST", "/v1.0/notes") == ["no body sent; the document requires one"]
    assert problems("add_note", "POST", "/v1.0/notes", b'{"leadId": 5, "content": "x", "isPin": false, "mood": 1}') == [
        "body $: 'mood' is not a property the document defines"
    ]
