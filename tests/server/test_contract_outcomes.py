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
from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.results import text_of
from tests.support.wire import Wire, call_tool

pytestmark = pytest.mark.anyio

Answer = Callable[[httpx2.Request], httpx2.Response]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


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
    assert failed and "'next friday' is not a time: give ISO 8601 (2026-12-05T15:00-06:00" in text
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


# -- errors keep the API's words -----------------------------------------------------------------

NOBODY = [{"assignee": "nobody@example.org", "role": "Agent"}]


async def test_assign_lead_to_an_unknown_user_names_the_user_not_the_lead() -> None:
    said = {"code": 100009, "message": "User nobody@example.org does not exist"}
    failed, text = await call_tool(
        Wire(httpx2.Response(404, json=said)), "assign_lead", leadId=5, assigneeRequest=NOBODY
    )
    assert failed
    assert "User nobody@example.org does not exist (code 100009)" in text
    assert "list team members with list_members" in text
    assert "Lead 5 not found" not in text


async def test_assign_lead_to_an_unknown_user_in_the_sandbox_names_the_user() -> None:
    box = Sandbox()
    app = create_app(sandbox=box)
    bob = next(lead for lead in box.state.leads.values() if lead["firstName"] == "Bob")
    backend = ClientBackend(lambda: sandbox_client(app))
    server = build_server(ServerConfig(toolsets=toolsets.ALL, sandbox=True, confirm="off"), backend=backend)
    async with Client(server) as client:
        result = await client.call_tool("assign_lead", {"leadId": bob["leadId"], "assigneeRequest": NOBODY})
    assert result.is_error
    assert "User nobody@example.org does not exist" in text_of(result)
    assert f"Lead {bob['leadId']} not found" not in text_of(result)


async def test_a_404_that_names_the_lead_says_the_lead_is_not_found() -> None:
    said = {"code": 100001, "message": "Lead 5 does not exist"}
    failed, text = await call_tool(Wire(httpx2.Response(404, json=said)), "get_lead", leadId=5)
    assert failed
    assert "Lead 5 not found: find it with search_leads" in text
    assert "(Chime: Lead 5 does not exist, code 100001.)" in text
    assert "find it with search_leads" in text


# -- every time argument takes ISO 8601 or epoch ms, and goes out in its endpoint's wire form -------


async def test_lead_search_since_an_iso_time_sends_utc_minus_7() -> None:
    wire = Wire(httpx2.Response(200, json={"leads": [], "_metadata": {"total": 0}}))
    failed, text = await call_tool(wire, "search_leads_created_since", leadCreateTime="2026-12-05T15:00:00-06:00")
    assert not failed, text
    assert wire.requests[0].url.params["leadCreateTime"] == "2026-12-05 14:00:00"  # 21:00 UTC is 14:00 in UTC-7


@pytest.mark.parametrize(
    ("given", "sent"), [("2026-12-05", 1796428800000), ("2026-12-05T21:00:00Z", 1796504400000), (-1, -1)]
)
async def test_system_log_bounds_take_iso_dates_and_keep_minus_one(given: Any, sent: int) -> None:
    wire = Wire(httpx2.Response(200, json={"hasMore": 0, "timeLines": []}))
    failed, text = await call_tool(wire, "list_system_logs", leadId=5, startTime=given)
    assert not failed, text
    assert wire.requests[0].url.params["startTime"] == str(sent)
    assert wire.requests[0].url.params["endTime"] == "-1"


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("2026-12-05", "2026-12-05T00:00:00Z"),
        ("2026-12-05 15:00", "2026-12-05T15:00:00Z"),
        ("2026-12-05T15:00:00-06:00", "2026-12-05T21:00:00Z"),
        (1796504400000, "2026-12-05T21:00:00Z"),
    ],
)
async def test_brokermint_dates_go_out_as_iso_8601_utc(given: Any, sent: str) -> None:
    wire = Wire(httpx2.Response(200, json={"code": 0, "message": "success"}))
    failed, text = await call_tool(wire, "sync_brokermint_transaction", id=7, closingDate=given)
    assert not failed, text
    assert json.loads(wire.requests[0].content)["closingDate"] == sent


async def test_a_deal_date_given_in_seconds_is_refused_naming_the_field() -> None:
    wire = Wire(httpx2.Response(200, json={"id": 1}))
    failed, text = await call_tool(wire, "create_transaction", leadId=5, transactionName="Deal", closeDate=1796504400)
    assert failed and wire.requests == []
    assert "closeDate 1796504400 reads as epoch seconds" in text


async def test_a_deal_date_in_iso_goes_out_in_epoch_ms() -> None:
    wire = Wire(httpx2.Response(200, json={"id": 1}))
    failed, text = await call_tool(wire, "create_transaction", leadId=5, transactionName="Deal", closeDate="2026-12-05")
    assert not failed, text
    assert json.loads(wire.requests[0].content)["closeDate"] == 1796428800000
