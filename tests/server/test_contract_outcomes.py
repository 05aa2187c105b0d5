"""Issue 11's causes, through the tools: limits and times checked before sending, outcomes told truthfully.

Each test drives a tool over a mock transport and asserts what the model reads and which HTTP
requests went out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from mcp import Client

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.catalog import OPERATIONS, check_with
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.operation import Effect
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.results import text_of

pytestmark = pytest.mark.anyio

Answer = Callable[[httpx2.Request], httpx2.Response]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Wire:
    """Answers from a script (the last repeats) and records every request that went out."""

    def __init__(self, *answers: httpx2.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def client(self) -> ChimeClient:
        settings = ClientSettings(Credential("api_key", "k"), base_url="https://api.chime.me")

        async def no_wait(_: float) -> None:
            return None

        return ChimeClient(settings, transport=httpx2.MockTransport(self), budget=RateBudget(), sleep=no_wait)


async def call_tool(wire: Wire, tool: str, **arguments: Any) -> tuple[bool, str]:
    server = build_server(ServerConfig(toolsets=toolsets.ALL, confirm="off"), backend=ClientBackend(wire.client))
    async with Client(server) as client:
        result = await client.call_tool(tool, arguments)
    return bool(result.is_error), text_of(result)


async def test_a_note_over_2000_characters_is_refused_before_sending() -> None:
    wire = Wire(httpx2.Response(200, json={"noteId": 1}))
    failed, text = await call_tool(wire, "add_note", leadId=5, content="n" * 2001)
    assert failed
    assert "content is 2,001 characters; notes take at most 2,000: shorten it or split it into two notes" in text
    assert wire.requests == []


async def test_a_note_of_2000_characters_is_sent_whole() -> None:
    wire = Wire(httpx2.Response(200, json={"noteId": 1}))
    failed, _ = await call_tool(wire, "add_note", leadId=5, content="n" * 2000)
    assert not failed
    assert len(json.loads(wire.requests[0].content)["content"]) == 2000


async def test_a_log_over_5000_characters_is_refused_before_sending() -> None:
    wire = Wire(httpx2.Response(200, json="ok"))
    failed, text = await call_tool(wire, "log_call", leadId=5, content="c" * 5001)
    assert failed and "content is 5,001 characters; logs take at most 5,000" in text
    assert wire.requests == []


async def test_a_deadline_in_seconds_is_refused_with_a_hint() -> None:
    wire = Wire(httpx2.Response(200, json={"taskId": 1}))
    failed, text = await call_tool(
        wire, "create_task", leadId=5, content="Call", type="Call", assignedRole="Agent", deadline=1796504400
    )
    assert failed
    assert "deadline 1796504400 reads as epoch seconds (2026-12-05); give epoch milliseconds (1796504400000)" in text
    assert wire.requests == []


async def test_a_deadline_before_2000_is_refused() -> None:
    wire = Wire(httpx2.Response(200, json={"taskId": 1}))
    failed, text = await call_tool(
        wire, "create_task", leadId=5, content="Call", type="Call", assignedRole="Agent", deadline=5
    )
    assert failed and "before 2000-01-01" in text
    assert wire.requests == []


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("2026-12-05T15:00:00-06:00", 1796504400000),
        ("2026-12-05 21:00", 1796504400000),  # no offset: UTC
        ("2026-12-05T21:00:00Z", 1796504400000),
        (1796504400000, 1796504400000),
    ],
)
async def test_a_deadline_in_iso_8601_goes_out_as_epoch_milliseconds(given: Any, sent: int) -> None:
    wire = Wire(httpx2.Response(200, json={"taskId": 1}))
    failed, text = await call_tool(
        wire, "create_task", leadId=5, content="Call", type="Call", assignedRole="Agent", deadline=given
    )
    assert not failed, text
    assert json.loads(wire.requests[0].content)["deadline"] == sent


async def test_an_unreadable_time_is_refused_naming_the_forms() -> None:
    wire = Wire(httpx2.Response(200, json={"taskId": 1}))
    failed, text = await call_tool(
        wire, "create_task", leadId=5, content="Call", type="Call", assignedRole="Agent", deadline="next friday"
    )
    assert failed and "ISO 8601 such as 2026-12-05T15:00:00-06:00" in text
    assert wire.requests == []


@pytest.mark.parametrize("bad", [0, -3])
async def test_ids_below_1_are_refused_before_sending(bad: int) -> None:
    wire = Wire(httpx2.Response(200, json={"id": 1}))
    async with wire.client() as client:
        with pytest.raises(errors.InvalidInputError, match="noteId"):
            await client.call(catalog.notes.GET_NOTE, {"noteId": bad})
    assert wire.requests == []


@pytest.mark.parametrize("answer", [{}, {"noteId": None}, None, "ok"])
async def test_a_create_answered_without_an_id_is_reported_as_done(answer: Any) -> None:
    wire = Wire(httpx2.Response(200, json=answer))
    failed, text = await call_tool(wire, "add_note", leadId=5, content="Called")
    assert not failed, text
    assert text == "Done, but the answer carried no id: find the new record with list_notes."
    assert len(wire.requests) == 1


async def test_a_lead_created_without_an_id_says_how_to_find_it() -> None:
    wire = Wire(httpx2.Response(200, json={}))
    failed, text = await call_tool(wire, "create_lead", firstName="Ann", emails=["ann@example.org"])
    assert not failed and "find the new record with search_leads" in text
    assert "try again" not in text


async def test_a_delete_answered_504_then_404_may_have_been_deleted() -> None:
    wire = Wire(httpx2.Response(504, json={"message": "Gateway Timeout"}), httpx2.Response(404, json="not found"))
    failed, text = await call_tool(wire, "delete_note", noteId=7)
    assert failed
    assert "may have been deleted: check with get_note before retrying" in text
    assert "not found:" not in text.lower().split("answered 404")[0]
    assert [(r.method, r.url.path) for r in wire.requests] == [("DELETE", "/v1.0/notes/7")] * 2


@pytest.mark.parametrize("status", [502, 504])
async def test_a_post_answered_5xx_may_have_been_applied(status: int) -> None:
    wire = Wire(httpx2.Response(status, json={"message": "Bad Gateway"}))
    failed, text = await call_tool(wire, "add_note", leadId=5, content="Called")
    assert failed
    assert "may have been applied: check with list_notes before retrying" in text
    assert "try again" not in text
    assert len(wire.requests) == 1


async def test_a_post_that_timed_out_after_sending_may_have_been_applied() -> None:
    def slow(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("slow", request=request)

    wire = Wire()
    wire.__call__ = slow  # type: ignore[method-assign]
    settings = ClientSettings(Credential("api_key", "k"), base_url="https://api.chime.me")
    async with ChimeClient(settings, transport=httpx2.MockTransport(slow), budget=RateBudget()) as client:
        with pytest.raises(errors.OutcomeUnknownError, match="may have been applied: check with list_tasks"):
            await client.call(
                catalog.tasks.CREATE_TASK,
                body={
                    "leadId": 5,
                    "content": "Call",
                    "type": "Call",
                    "assignedRole": "Agent",
                    "deadline": 1796504400000,
                },
            )


def test_every_change_names_a_read_that_checks_it() -> None:
    for operation in OPERATIONS:
        if operation.effect is Effect.READ:
            continue
        check = check_with(operation)
        assert check is not None, operation.tool
        assert check.effect is Effect.READ and check.method == "GET", (operation.tool, check.tool)
