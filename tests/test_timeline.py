"""The lead timeline against the sandbox: every source, order, de-duplication, partial failure,
filters, concurrency; and the get_lead_timeline tool through an MCP client."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from mcp import Client

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import BY_TOOL
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client as make_sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.inventory import model_view, token_counter
from chime_mcp.server.timeline import (
    KINDS,
    Event,
    build_timeline,
    deduplicate,
    parse_filters,
    parse_time,
    sources,
)

pytestmark = pytest.mark.anyio

ALL_SOURCES = {source.tool for source in sources(1)}
EVERYTHING = parse_filters(limit=500)


async def bob(client: ChimeClient) -> int:
    page = await client.call(BY_TOOL["search_leads"], {"key": "bob.li@example.com"})
    assert page.leads
    lead_id = page.leads[0].leadId
    assert lead_id is not None
    return int(lead_id)


async def complete_history(sandbox: Sandbox, client: ChimeClient, lead_id: int) -> None:
    """Give the lead what the demo data left out for it: a deal and logged emails and texts
    through the API, and a text message in the state (the API has no way to send one)."""
    text = dict(next(iter(sandbox.state.texts.values())), leadId=lead_id, id=sandbox.store.new_id())
    sandbox.state.texts[text["id"]] = text
    await client.call(BY_TOOL["create_transaction"], {"leadId": lead_id}, {"transactionName": "12 Oak St"})
    log = BY_TOOL["log_communication"]
    await client.call(log, None, {"leadId": lead_id, "logType": "logEmail", "content": "Sent the CMA."})
    await client.call(log, None, {"leadId": lead_id, "logType": "logText", "content": "Confirmed Saturday."})


def sources_of(events: list[dict[str, str]]) -> set[str]:
    return {name for event in events for name in event["source"].split("+")}


# -- the timeline against the sandbox ----------------------------------------------------------------


async def test_every_source_is_represented(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)
    await complete_history(sandbox, sandbox_client, lead_id)
    timeline = await build_timeline(sandbox_client, lead_id, EVERYTHING)
    data = timeline.as_json()
    assert data["lead"] == "Bob Li"
    assert timeline.notes == []
    assert sources_of(data["events"]) == ALL_SOURCES
    assert {event["kind"] for event in data["events"]} == set(KINDS)
    for event in data["events"]:
        assert {"time", "kind", "summary", "source", "id"} <= event.keys()
        assert event.get("direction", "in") in ("in", "out")
    # Calls, emails and texts name the agent, not a bare user id.
    assert all(not e.get("who", "").startswith("user ") for e in data["events"])


async def test_newest_first_in_iso_utc(sandbox_client: ChimeClient) -> None:
    timeline = await build_timeline(sandbox_client, await bob(sandbox_client), EVERYTHING)
    times = [event["time"] for event in timeline.as_json()["events"]]
    assert times == sorted(times, reverse=True)
    for text in times:
        assert text.endswith("Z")
        assert datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None


async def test_a_dialer_call_in_two_sources_is_one_event(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)
    dialer = {str(c["id"]) for c in sandbox.state.calls.values() if c["leadId"] == lead_id}
    assert dialer
    events = (await build_timeline(sandbox_client, lead_id, EVERYTHING)).as_json()["events"]
    calls = [e for e in events if e["kind"] == "call" and e["id"] in dialer]
    assert sorted(e["id"] for e in calls) == sorted(dialer)  # each once
    assert {e["source"] for e in calls} == {"search_calls+list_call_history"}


async def test_a_system_log_about_a_note_merges_into_the_note(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)
    added = await sandbox_client.call(BY_TOOL["add_note"], None, {"leadId": lead_id, "content": "Likes Oak St."})
    await sandbox_client.call(
        BY_TOOL["update_note"], {"noteId": added.noteId}, {"leadId": lead_id, "content": "Loves Oak St."}
    )
    # The sandbox recorded the edit on the system timeline, naming the note.
    assert any(
        log["leadId"] == lead_id and log["content"].get("noteId") == added.noteId
        for log in sandbox.state.system_logs.values()
    )
    events = (await build_timeline(sandbox_client, lead_id, EVERYTHING)).as_json()["events"]
    about_note = [e for e in events if e["id"] == str(added.noteId) or "Oak St" in e["summary"]]
    assert len(about_note) == 1
    assert about_note[0]["kind"] == "note"
    assert about_note[0]["source"] == "list_notes+list_system_logs"
    assert about_note[0]["summary"].startswith("Loves Oak St.")


def test_deduplicate_keeps_the_first_wording_and_joins_sources() -> None:
    when = datetime(2026, 6, 1, tzinfo=UTC)
    first = Event(when, "call", "Talked 2m", "search_calls", "7", key=("call", "7"))
    second = Event(when, "call", "other wording", "list_call_history", "7", key=("call", "7"))
    logged = Event(when, "call", "logged call", "list_logs", "7", key=("log", "7"))
    merged = deduplicate([first, second, second, logged])
    assert [(e.summary, e.source) for e in merged] == [
        ("Talked 2m", "search_calls+list_call_history"),
        ("logged call", "list_logs"),  # same id, other family: a hand-logged call stays apart
    ]


async def test_a_failing_source_becomes_a_note(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)
    sandbox.set_faults(error_rate=1.0, error_status=500, tools={"list_email_history"})
    timeline = await build_timeline(sandbox_client, lead_id, EVERYTHING)
    assert len(timeline.notes) == 1
    assert timeline.notes[0].startswith("emails: unavailable (Chime failed on GET /v1.0/communication/email")
    events = timeline.as_json()["events"]
    assert "list_email_history" not in sources_of(events)
    assert {"list_notes", "search_calls", "list_logs", "list_tasks", "list_system_logs"} <= sources_of(events)
    assert "Note: emails: unavailable" in timeline.to_markdown()


async def test_unknown_lead_and_total_failure_raise(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    with pytest.raises(errors.NotFoundError):
        await build_timeline(sandbox_client, 12345, EVERYTHING)
    lead_id = await bob(sandbox_client)
    sandbox.set_faults(error_rate=1.0, error_status=500, tools={s.tool for s in sources(lead_id)})
    with pytest.raises(errors.ServerError):
        await build_timeline(sandbox_client, lead_id, EVERYTHING)


async def test_filters_window_kinds_and_limit(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)
    everything = (await build_timeline(sandbox_client, lead_id, EVERYTHING)).as_json()["events"]
    middle = everything[len(everything) // 2]["time"]

    before = sandbox.counters["op.list_notes"]
    calls = await build_timeline(sandbox_client, lead_id, parse_filters(kinds="calls, text", limit=500))
    assert {e.kind for e in calls.events} == {"call", "text"}
    assert sandbox.counters["op.list_notes"] == before  # sources of other kinds are not read

    recent = await build_timeline(sandbox_client, lead_id, parse_filters(since=middle, limit=500))
    assert recent.events and all(e.time >= parse_time(middle) for e in recent.events)  # type: ignore[operator]
    older = await build_timeline(sandbox_client, lead_id, parse_filters(until=middle, limit=500))
    assert older.total + recent.total == len(everything) + 1  # the middle event is in both

    three = await build_timeline(sandbox_client, lead_id, parse_filters(limit=3))
    assert len(three.events) == 3 and three.total == len(everything)
    assert "3 of" in three.to_markdown().splitlines()[1]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"kinds": "note,phone"}, "kinds"),
        ({"since": "last tuesday"}, "since"),
        ({"since": "2026-06-02", "until": "2026-06-01"}, "since"),
        ({"limit": 0}, "limit"),
    ],
)
def test_bad_filters_name_the_argument(arguments: dict[str, Any], field: str) -> None:
    with pytest.raises(errors.InvalidInputError) as caught:
        parse_filters(**arguments)
    assert field in caught.value.fields


def test_parse_time_reads_every_wire_format() -> None:
    expected = datetime(2026, 6, 10, 5, 51, 2, tzinfo=UTC)
    assert parse_time("2026-06-10 05:51:02") == expected
    assert parse_time("2026-06-10T05:51:02.000+00:00") == expected
    assert parse_time("2026-06-10T07:51:02+02:00") == expected
    assert parse_time(int(expected.timestamp() * 1000)) == expected
    assert parse_time("") is None and parse_time(None) is None and parse_time("soon") is None
    assert parse_filters(until="2026-06-10").until == datetime(2026, 6, 10, 23, 59, 59, 999999, tzinfo=UTC)


async def test_sources_are_fetched_concurrently(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)  # also teaches the rate budget, as any earlier call would
    sandbox.set_faults(latency_ms=50)
    start = time.perf_counter()
    await build_timeline(sandbox_client, lead_id, EVERYTHING)
    concurrent = time.perf_counter() - start
    # Fifteen requests of 50 ms each: one after another that is 0.75 s.
    assert concurrent < 0.35, concurrent


# -- the tool through an MCP client ------------------------------------------------------------------


@pytest.fixture(params=["2025-11-25", "2026-07-28"])
async def mcp_client(request: pytest.FixtureRequest, sandbox: Sandbox) -> AsyncIterator[Client]:
    backend = ClientBackend(lambda: make_sandbox_client(sandbox, backoff=0.001))
    server = build_server(ServerConfig(sandbox=True), backend=backend)
    mode = "legacy" if request.param == "2025-11-25" else "auto"
    async with Client(server, mode=mode) as client:
        yield client


async def test_tool_is_listed_read_only_flat_and_small(mcp_client: Client) -> None:
    tools = {tool.name: tool for tool in (await mcp_client.list_tools()).tools}
    tool = tools["get_lead_timeline"]
    hints = tool.annotations
    assert hints is not None and tool.title
    assert (hints.read_only_hint, hints.destructive_hint, hints.idempotent_hint, hints.open_world_hint) == (
        True,
        False,
        True,
        False,
    )
    schema_text = json.dumps(tool.input_schema)
    for word in ("$ref", "$defs", "anyOf", "oneOf", "allOf"):
        assert word not in schema_text
    assert tool.input_schema["required"] == ["leadId"]
    count, exact = token_counter()
    view = model_view(tool.model_dump(mode="json", by_alias=True, exclude_none=True))
    assert count(view) <= 130 or not exact


async def test_tool_returns_markdown_and_structured_events(mcp_client: Client, sandbox: Sandbox) -> None:
    lead_id = next(lead["leadId"] for lead in sandbox.state.leads.values() if lead["firstName"] == "Bob")
    result = await mcp_client.call_tool("get_lead_timeline", {"leadId": lead_id, "kinds": "note", "limit": 2})
    assert not result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert text.startswith("# Timeline of Bob Li")
    data = result.structured_content
    assert data is not None and data["shown"] == 2 and {e["kind"] for e in data["events"]} == {"note"}


async def test_tool_errors_say_what_to_do(mcp_client: Client) -> None:
    missing = await mcp_client.call_tool("get_lead_timeline", {"leadId": 42})
    assert missing.is_error
    assert "Lead 42 not found: find it with search_leads" in missing.content[0].text  # type: ignore[union-attr]
    bad = await mcp_client.call_tool("get_lead_timeline", {"leadId": 42, "kinds": "phone"})
    assert bad.is_error and "Unknown kinds phone" in bad.content[0].text  # type: ignore[union-attr]


def test_tool_is_in_the_default_set_only_with_leads() -> None:
    import anyio

    def names(config: ServerConfig) -> set[str]:
        return {tool.name for tool in anyio.run(build_server(config).list_tools)}

    assert "get_lead_timeline" in names(ServerConfig())
    assert "get_lead_timeline" in names(ServerConfig(read_only=True))
    assert "get_lead_timeline" not in names(ServerConfig(toolsets=("notes",)))
