"""Composite calendar ids ("123-task", "123-appointment") go back to the API exactly as received.

The id is text end to end: never parsed, rebuilt or turned into a number (an id beyond 2**53 keeps
every digit), and sent as one path segment, percent-encoded where a character would change the
path's meaning. The v2 tasks API takes the number, as an integer path parameter.
"""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import calendar as cal
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.operation import Operation
from chime_mcp.chime.ratelimit import RateBudget

pytestmark = pytest.mark.anyio

BY_ID: list[tuple[Operation[Any], str, str]] = [
    (cal.UPDATE_CALENDAR_EVENT, "PUT", ""),
    (cal.FINISH_CALENDAR_EVENT, "POST", "/finish"),
    (cal.UNFINISH_CALENDAR_EVENT, "POST", "/unfinish"),
    (cal.DELETE_CALENDAR_EVENT, "DELETE", ""),
]


async def sent(op: Operation[Any], calendar_id: str) -> httpx2.Request:
    requests: list[httpx2.Request] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        requests.append(request)
        return httpx2.Response(200, json={"message": "Calendar updated successfully"})

    settings = ClientSettings(Credential("api_key", "k" * 32))
    async with ChimeClient(settings, transport=httpx2.MockTransport(answer), budget=RateBudget()) as client:
        body = {"content": "Moved"} if op is cal.UPDATE_CALENDAR_EVENT else None
        await client.call(op, {"calendarId": calendar_id}, body=body)
    assert len(requests) == 1
    return requests[0]


@pytest.mark.parametrize(("op", "method", "tail"), BY_ID, ids=[op.tool for op, _, _ in BY_ID])
@pytest.mark.parametrize("calendar_id", ["563172647619608-appointment", "12345-task", "9007199254740993-task"])
async def test_the_composite_id_is_the_path_segment_unchanged(
    op: Operation[Any], method: str, tail: str, calendar_id: str
) -> None:
    request = await sent(op, calendar_id)
    assert request.method == method
    assert request.url.raw_path == f"/v2.0/calendar/{calendar_id}{tail}".encode()


@pytest.mark.parametrize(
    ("calendar_id", "segment"),
    [
        ("12 3-task", "12%203-task"),
        ("1/2-task", "1%2F2-task"),
        ("1?x=2-task", "1%3Fx%3D2-task"),
        ("1#2-task", "1%232-task"),
        ("1%2F2-task", "1%252F2-task"),  # a percent sign is itself encoded: the server sees what was given
        ("..", "%2E%2E"),  # a dot segment would move the request up the path
        (".", "%2E"),
    ],
)
async def test_a_character_that_would_change_the_path_is_percent_encoded(calendar_id: str, segment: str) -> None:
    request = await sent(cal.FINISH_CALENDAR_EVENT, calendar_id)
    assert request.url.raw_path == f"/v2.0/calendar/{segment}/finish".encode()
    assert request.url.raw_path.count(b"/") == 4  # still one segment


async def test_an_empty_calendar_id_is_refused_before_sending() -> None:
    with pytest.raises(errors.InvalidInputError, match="calendarId"):
        await sent(cal.FINISH_CALENDAR_EVENT, "")


async def test_a_calendar_id_is_text_not_a_number() -> None:
    with pytest.raises(errors.InvalidInputError, match="calendarId"):
        await sent(cal.FINISH_CALENDAR_EVENT, 12345)  # type: ignore[arg-type]
