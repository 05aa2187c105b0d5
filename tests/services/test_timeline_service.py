"""The lead timeline service against the sandbox, without MCP: every source, order,
de-duplication, partial failure, filters, concurrency; the model's dumps."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import leads, logs, notes, transactions
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.services.timeline import (
    KINDS,
    Event,
    Timeline,
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
    page = await client.call(leads.SEARCH_LEADS, {"key": "bob.li@example.com"})
    assert page.leads
    lead_id = page.leads[0].leadId
    assert lead_id is not None
    return lead_id


async def complete_history(sandbox: Sandbox, client: ChimeClient, lead_id: int) -> None:
    """Give the lead what the demo data left out for it: a deal and logged emails and texts
    through the API, and a text message in the state (the API has no way to send one)."""
    text = dict(next(iter(sandbox.state.texts.values())), leadId=lead_id, id=sandbox.store.new_id())
    sandbox.state.texts[text["id"]] = text
    await client.call(transactions.CREATE_TRANSACTION, {"leadId": lead_id}, {"transactionName": "12 Oak St"})
    log = logs.LOG_COMMUNICATION
    await client.call(log, None, {"leadId": lead_id, "logType": "logEmail", "content": "Sent the CMA."})
    await client.call(log, None, {"leadId": lead_id, "logType": "logText", "content": "Confirmed Saturday."})


def sources_of(events: list[dict[str, str]]) -> set[str]:
    return {name for event in events for name in event["source"].split("+")}


# -- the timeline against the sandbox -------------------------------------------------------------


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
    added = await sandbox_client.call(notes.ADD_NOTE, None, {"leadId": lead_id, "content": "Likes Oak St."})
    await sandbox_client.call(
        notes.UPDATE_NOTE, {"noteId": added.noteId}, {"leadId": lead_id, "content": "Loves Oak St."}
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
    first = Event(time=when, kind="call", summary="Talked 2m", source="search_calls", id="7", key=("call", "7"))
    second = Event(
        time=when, kind="call", summary="other wording", source="list_call_history", id="7", key=("call", "7")
    )
    logged = Event(time=when, kind="call", summary="logged call", source="list_logs", id="7", key=("log", "7"))
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
    # Seventeen requests of 50 ms each: one after another that is 0.85 s.
    assert concurrent < 0.35, concurrent


# -- the one model: service result and tool output ---------------------------------------------------


def test_dumps_leave_out_empty_fields_and_working_state() -> None:
    when = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
    event = Event(
        time=when, kind="call", summary="Talked", source="search_calls", id="7", key=("call", "7"), agent_id=3
    )
    assert event.as_json() == {
        "time": "2026-06-01T09:30:00Z",
        "kind": "call",
        "summary": "Talked",
        "source": "search_calls",
        "id": "7",
    }
    timeline = Timeline(lead_id=5, lead_name="Bob Li", total=2, shown=1, events=[event])
    assert timeline.as_json() == {
        "leadId": 5,
        "lead": "Bob Li",
        "total": 2,
        "shown": 1,
        "events": [event.as_json()],
        "notes": [],
    }
    assert json.loads(timeline.to_json()) == timeline.as_json()
    # What a client sends back validates into the same model (the SDK checks structured output).
    again = Timeline.model_validate(timeline.as_json())
    assert again.events[0].time == when and again.lead_name == "Bob Li"


def test_the_schema_shows_no_working_state() -> None:
    schema = json.dumps(Timeline.model_json_schema())
    for hidden in ("key", "agent_id", "lead_id", "lead_name", "date-time", "description"):
        assert f'"{hidden}"' not in schema, hidden


def test_shown_must_count_the_events() -> None:
    with pytest.raises(ValueError, match="shown is 2 but there are 0 events"):
        Timeline(lead_id=1, total=2, shown=2, events=[])


def is_agenda(event: dict[str, str]) -> bool:
    """A v1 task or appointment, or its calendar event: the Sales Agent's plan tasks are tasks of
    their own source (tested below)."""
    return event["kind"] in ("task", "appointment") and event["source"] != "list_plan_tasks"


async def test_calendar_events_are_the_tasks_and_appointments_once(
    sandbox: Sandbox, sandbox_client: ChimeClient
) -> None:
    lead_id = await bob(sandbox_client)
    tasks = {str(t["id"]) for t in sandbox.state.tasks.values() if t["leadId"] == lead_id}
    appointments = {str(a["id"]) for a in sandbox.state.appointments.values() if a["leadId"] == lead_id}
    events = (await build_timeline(sandbox_client, lead_id, EVERYTHING)).as_json()["events"]
    agenda = [e for e in events if is_agenda(e)]
    assert sorted(e["id"] for e in agenda) == sorted(tasks | appointments)  # each once, in the v1 words
    for event in agenda:
        v1 = "list_tasks" if event["kind"] == "task" else "list_appointments"
        assert event["source"].startswith(f"{v1}+list_calendar_events"), event
    # Without the v1 lists, the calendar still shows every one, by the id the calendar tools take.
    sandbox.set_faults(error_rate=1.0, error_status=500, tools={"list_tasks", "list_appointments"})
    alone = await build_timeline(sandbox_client, lead_id, EVERYTHING)
    shown = [e for e in alone.as_json()["events"] if is_agenda(e)]
    expected = {f"{i}-task" for i in tasks} | {f"{i}-appointment" for i in appointments}
    assert sorted(e["id"] for e in shown) == sorted(expected)
    assert all(e["source"].startswith("list_calendar_events") for e in shown)
    assert [note.split(":")[0] for note in alone.notes] == ["tasks", "appointments"]


async def test_bobs_plan_tasks_are_tasks_on_his_timeline(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = await bob(sandbox_client)
    timeline = await build_timeline(sandbox_client, lead_id, parse_filters(kinds="task", limit=500))
    plans = [e for e in timeline.as_json()["events"] if e["source"] == "list_plan_tasks"]
    # The Sales Agent's records are seeded by the first plan-task read: Bob has two.
    seeded = [t for t in sandbox.store.plan_tasks.values() if t["leadId"] == lead_id]
    assert len(seeded) == 2
    assert sorted((e["id"], e["time"]) for e in plans) == sorted((str(t["id"]), t["dueAt"]) for t in seeded)
    for event in plans:
        task = sandbox.store.plan_tasks[int(event["id"])]
        assert event["kind"] == "task"
        assert task["content"] in event["summary"], event
        assert event["summary"].startswith(f"AI plan {task['taskType'].capitalize()} task: ")
    by_status = {sandbox.store.plan_tasks[int(e["id"])]["status"]: e["summary"] for e in plans}
    assert by_status["FINISHED"].endswith("(done)")
    # Due a day after the demo's "now": upcoming, or overdue once the clock has passed it.
    assert by_status["PENDING"].endswith(("(upcoming)", "(open, overdue)")), by_status
    assert timeline.notes == []


@pytest.mark.parametrize("status", [403, 404])
async def test_a_failing_plan_task_source_leaves_the_rest(
    sandbox: Sandbox, sandbox_client: ChimeClient, status: int
) -> None:
    # A lead the Sales Agent does not work, or a team without one: the timeline is all the rest.
    lead_id = await bob(sandbox_client)
    whole = (await build_timeline(sandbox_client, lead_id, EVERYTHING)).as_json()["events"]
    assert "list_plan_tasks" in sources_of(whole)
    sandbox.set_faults(error_rate=1.0, error_status=status, tools={"list_plan_tasks"})
    timeline = await build_timeline(sandbox_client, lead_id, EVERYTHING)
    assert [note.split(" (")[0] for note in timeline.notes] == ["plan tasks: unavailable"]
    assert timeline.as_json()["events"] == [e for e in whole if e["source"] != "list_plan_tasks"]
    assert sources_of(timeline.as_json()["events"]) == sources_of(whole) - {"list_plan_tasks"}
