"""MCP cases of the `calendar` toolset: calendar events and agenda items (the v2 tasks API).

The sandbox's clock stands at the demo's "now" (June 2026); the times written here are in 2030.
"""

from __future__ import annotations

from tests.support.cases import Session, case, first_of
from tests.support.sandboxes import BOB

SHOWING = {
    "type": "APPOINTMENT",
    "content": "Showing at 12 Elm",
    "leadId": BOB,
    "startAt": "2030-03-04T10:00:00-06:00",
    "endAt": "2030-03-04T11:00:00-06:00",
    "timeZoneCode": "America/Chicago",
    "address": "12 Elm St, Austin, TX",
}


def open_appointment(s: Session) -> int:
    return next(i for i, a in s.sandbox.state.appointments.items() if a["leadId"] == BOB and not a["finishFlag"])


def open_task(s: Session) -> int:
    return next(i for i, t in s.sandbox.state.tasks.items() if t["leadId"] == BOB and not t["finishFlag"])


# -- calendar events ----------------------------------------------------------------------------


@case("list_calendar_events")
async def _list_calendar_events(s: Session) -> None:
    text, data = await s.snap("list_calendar_events", leadId=BOB, startTime="2026-06-01T00:00:00Z")
    assert f"{open_appointment(s)}-appointment" in text
    assert all(item["leadId"] == BOB and not item["finished"] for item in data["items"])


@case("create_calendar_event")
async def _create_calendar_event(s: Session) -> None:
    _, made = await s.snap("create_calendar_event", **SHOWING)
    composite = made["data"]["id"]
    assert composite.endswith("-appointment")
    text, _ = await s.ok("list_calendar_events", leadId=BOB, startTime="2030-03-01T00:00:00Z")
    assert composite in text and "Showing at 12 Elm" in text


@case("update_calendar_event")
async def _update_calendar_event(s: Session) -> None:
    appointment = open_appointment(s)
    await s.snap(
        "update_calendar_event",
        calendarId=f"{appointment}-appointment",
        content="Second showing",
        startAt="2030-04-01T15:00:00Z",
        endAt="2030-04-01T16:00:00Z",
    )
    assert s.sandbox.state.appointments[appointment]["descr"] == "Second showing"


@case("finish_calendar_event")
async def _finish_calendar_event(s: Session) -> None:
    task = open_task(s)
    await s.snap("finish_calendar_event", calendarId=f"{task}-task")
    _, v1 = await s.ok("get_task", taskId=task)
    assert v1["finishFlag"] is True


@case("unfinish_calendar_event")
async def _unfinish_calendar_event(s: Session) -> None:
    task = next(i for i, t in s.sandbox.state.tasks.items() if t["leadId"] == BOB and t["finishFlag"])
    await s.snap("unfinish_calendar_event", calendarId=f"{task}-task")
    assert s.sandbox.state.tasks[task]["finishFlag"] is False


@case("delete_calendar_event")
async def _delete_calendar_event(s: Session) -> None:
    appointment = open_appointment(s)
    await s.snap("delete_calendar_event", calendarId=f"{appointment}-appointment")
    assert appointment not in s.sandbox.state.appointments


@case("list_available_meetings")
async def _list_available_meetings(s: Session) -> None:
    await s.ok("create_calendar_event", **SHOWING)
    text, data = await s.snap(
        "list_available_meetings", startTime="2030-03-04T08:00:00-06:00", endTime="2030-03-04T13:00:00-06:00"
    )
    starts = [slot["startTime"] for slot in data["slots"]]
    assert starts == ["2030-03-04T09:00:00-06:00", "2030-03-04T11:00:00-06:00", "2030-03-04T12:00:00-06:00"]
    assert data["total"] == 3 and "11:00:00" in text  # the showing's hour, 10 to 11, is taken


# -- agenda items: the v2 tasks API -------------------------------------------------------------


@case("list_lead_agenda")
async def _list_lead_agenda(s: Session) -> None:
    _, data = await s.snap("list_lead_agenda", leadId=BOB)
    assert {item["id"] for item in data["result"]} >= {open_task(s), open_appointment(s)}


@case("list_my_tasks")
async def _list_my_tasks(s: Session) -> None:
    worker = s.sandbox.state.tasks[first_of(s.sandbox.state.tasks)]["assignedUserId"]
    _, data = await s.snap("list_my_tasks", userId=worker, limit=3)
    assert len(data["result"]) == 3 and {item["assignedUserId"] for item in data["result"]} == {worker}


@case("get_agenda_item")
async def _get_agenda_item(s: Session) -> None:
    await s.snap("get_agenda_item", taskId=open_appointment(s))


@case("create_agenda_item")
async def _create_agenda_item(s: Session) -> None:
    _, made = await s.snap(
        "create_agenda_item",
        type="Call",
        content="Call about the offer",
        leadId=BOB,
        assignedRole="Agent",
        endAt="2030-03-05T17:00:00-06:00",
    )
    text, _ = await s.ok("list_tasks", leadId=BOB)
    assert "Call about the offer" in text and s.sandbox.state.tasks[made["taskId"]]["type"] == "Call"


@case("update_agenda_item")
async def _update_agenda_item(s: Session) -> None:
    task = open_task(s)
    await s.snap("update_agenda_item", taskId=task, content="Call back re: the inspection")
    assert s.sandbox.state.tasks[task]["content"] == "Call back re: the inspection"


@case("finish_agenda_item")
async def _finish_agenda_item(s: Session) -> None:
    appointment = open_appointment(s)
    await s.snap("finish_agenda_item", taskId=appointment)
    assert s.sandbox.state.appointments[appointment]["finishFlag"] is True


@case("unfinish_agenda_item")
async def _unfinish_agenda_item(s: Session) -> None:
    task = next(i for i, t in s.sandbox.state.tasks.items() if t["leadId"] == BOB and t["finishFlag"])
    await s.snap("unfinish_agenda_item", taskId=task)
    _, item = await s.ok("get_agenda_item", taskId=task)
    assert item["finishFlag"] is False


@case("delete_agenda_item")
async def _delete_agenda_item(s: Session) -> None:
    task = open_task(s)
    await s.snap("delete_agenda_item", taskId=task)
    assert task not in s.sandbox.state.tasks
