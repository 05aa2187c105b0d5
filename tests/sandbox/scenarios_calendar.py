"""Sandbox scenarios of the `calendar` toolset: calendar events and agenda items (v2 tasks).

One record shows in every API: a calendar event `"<id>-task"` is the agenda item `<id>` and the
v1 task `<id>`. Times are in 2030, later than any clock the tests run under.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import agenda, tasks
from chime_mcp.chime.catalog import calendar as cal
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from tests.support.scenarios import agent, bob, of_lead, scenario

EVER = "2000-01-01T00:00:00Z"
"""A start bound before every record: the lead's whole calendar."""
SHOWING = {
    "type": "APPOINTMENT",
    "content": "Showing at 12 Elm",
    "startAt": "2030-03-04T10:00:00-06:00",
    "endAt": "2030-03-04T11:00:00-06:00",
    "timeZoneCode": "America/Chicago",
    "address": "12 Elm St, Austin, TX",
}
"""Monday 4 March 2030, 10 to 11 in Chicago."""


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp() * 1000)


def open_task(sb: Sandbox, lead_id: int) -> dict[str, Any]:
    return next(t for t in of_lead(sb.state.tasks, lead_id) if not t["finishFlag"] and not t.get("queryId"))


def open_appointment(sb: Sandbox, lead_id: int) -> dict[str, Any]:
    return next(a for a in of_lead(sb.state.appointments, lead_id) if not a["finishFlag"])


def records_of(sb: Sandbox, lead_id: int) -> list[dict[str, Any]]:
    return of_lead(sb.state.tasks, lead_id) + of_lead(sb.state.appointments, lead_id)


def entries_of(sb: Sandbox, lead_id: int) -> int:
    return len(records_of(sb, lead_id))


# -- calendar events ----------------------------------------------------------------------------


@scenario("list_calendar_events")
async def _list_calendar_events(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    whole = {"leadId": lead_id, "startTime": EVER, "includeFinished": True, "pageSize": 500}
    page = await c.call(cal.LIST_CALENDAR_EVENTS, whole)
    assert page.total == len(page.items or []) == entries_of(sb, lead_id) > 0
    ids = {item.id for item in page.items or []}
    assert f"{open_task(sb, lead_id)['id']}-task" in ids and f"{open_appointment(sb, lead_id)['id']}-appointment" in ids
    for item in page.items or []:
        assert item.leadId == lead_id and item.type and item.id == f"{item.taskId}-{item.type.lower()}"
    starts = [item.startAtMs or 0 for item in page.items or []]
    assert starts == sorted(starts, reverse=True)  # newest first
    unfinished = await c.call(cal.LIST_CALENDAR_EVENTS, {**whole, "includeFinished": False})
    expected = [r for r in records_of(sb, lead_id) if not r["finishFlag"]]
    assert unfinished.total == len(expected) and not any(item.finished for item in unfinished.items or [])
    second = await c.call(cal.LIST_CALENDAR_EVENTS, {**whole, "page": 1, "pageSize": 2})
    assert [i.id for i in second.items or []] == [i.id for i in (page.items or [])[2:4]]
    # Without a leadId: the caller's calendar (an Admin's: every lead's), within the bounds.
    team = await c.call(cal.LIST_CALENDAR_EVENTS, {"startTime": EVER, "includeFinished": True, "pageSize": 1})
    assert team.total == len(sb.state.tasks) + len(sb.state.appointments)
    nothing = await c.call(cal.LIST_CALENDAR_EVENTS, {"startTime": "2031-01-01T00:00:00Z"})
    assert nothing.total == 0 and nothing.items == []
    with pytest.raises(errors.InvalidRequestError, match="startTime or endTime"):
        await c.call(cal.LIST_CALENDAR_EVENTS, {"leadId": lead_id})


@scenario("create_calendar_event")
async def _create_calendar_event(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    made = await c.call(cal.CREATE_CALENDAR_EVENT, body={**SHOWING, "leadId": lead_id})
    assert made.data is not None and made.data.type == "APPOINTMENT" and made.data.id
    number, _, kind = made.data.id.partition("-")
    assert kind == "appointment"
    record = sb.state.appointments[int(number)]
    assert record["descr"] == "Showing at 12 Elm" and record["address"] == SHOWING["address"]
    assert record["deadline"] == ms(SHOWING["startAt"]) and record["endTime"] == ms(SHOWING["endAt"])
    assert not record["allDay"] and record["leadId"] == lead_id
    # The same record, in the v1 appointments and as an agenda item.
    assert int(number) in {a.id for a in await c.call(tasks.LIST_APPOINTMENTS, {"leadId": lead_id})}
    item = await c.call(agenda.GET_AGENDA_ITEM, {"taskId": int(number)})
    assert item.type == "Appointment" and item.startAt == SHOWING["startAt"] and item.timeZoneCode == "America/Chicago"
    # A task needs its way; it is the v1 task of that type.
    call_back = {"type": "TASK", "taskWay": "Call", "content": "Call about the offer", "leadId": lead_id}
    call_back |= {"startAt": "2030-03-05T09:00:00Z", "endAt": "2030-03-05T09:30:00Z", "timeZoneCode": "UTC"}
    task = await c.call(cal.CREATE_CALENDAR_EVENT, body=call_back)
    assert task.data is not None and task.data.id and task.data.id.endswith("-task")
    v1 = await c.call(tasks.GET_TASK, {"taskId": int(task.data.id.split("-")[0])})
    assert v1.type == "Call" and v1.content == "Call about the offer" and v1.deadline == "2030-03-05 09:30:00"
    # Midnight to midnight in the declared offset: all-day.
    day = {**SHOWING, "leadId": lead_id, "startAt": "2030-03-06T00:00:00-06:00", "endAt": "2030-03-07T00:00:00-06:00"}
    whole_day = await c.call(cal.CREATE_CALENDAR_EVENT, body=day)
    assert whole_day.data is not None and whole_day.data.id
    assert sb.state.appointments[int(whole_day.data.id.split("-")[0])]["allDay"] is True
    before = len(sb.state.tasks)
    with pytest.raises(errors.InvalidRequestError, match="taskWay"):
        await c.call(cal.CREATE_CALENDAR_EVENT, body={**call_back, "taskWay": None})
    with pytest.raises(errors.InvalidRequestError, match="later than now"):
        await c.call(cal.CREATE_CALENDAR_EVENT, body={**call_back, "startAt": "2020-01-01T09:00:00Z"})
    assert len(sb.state.tasks) == before


@scenario("update_calendar_event")
async def _update_calendar_event(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    appointment = open_appointment(sb, lead_id)
    ack = await c.call(
        cal.UPDATE_CALENDAR_EVENT,
        {"calendarId": f"{appointment['id']}-appointment"},
        body={"content": "Second showing", "startAt": "2030-04-01T15:00:00Z", "endAt": "2030-04-01T16:00:00Z"},
    )
    assert ack.message
    assert appointment["descr"] == "Second showing" and appointment["deadline"] == ms("2030-04-01T15:00:00+00:00")
    assert appointment["endTime"] == ms("2030-04-01T16:00:00+00:00")
    task = open_task(sb, lead_id)
    content = task["content"]
    composite = {"calendarId": f"{task['id']}-task"}
    await c.call(cal.UPDATE_CALENDAR_EVENT, composite, body={"endAt": "2030-04-02T12:00:00Z"})
    assert task["deadline"] == "2030-04-02 12:00:00" and task["content"] == content  # left out: kept
    with pytest.raises(errors.InvalidRequestError, match="later than now"):
        await c.call(cal.UPDATE_CALENDAR_EVENT, {"calendarId": f"{task['id']}-task"}, body={"endAt": "2001-01-01"})
    with pytest.raises(errors.InvalidRequestError, match="not found"):
        await c.call(cal.UPDATE_CALENDAR_EVENT, {"calendarId": f"{task['id']}-appointment"}, body={"content": "x"})


@scenario("finish_calendar_event")
async def _finish_calendar_event(c: ChimeClient, sb: Sandbox) -> None:
    task = open_task(sb, bob(sb)["leadId"])
    await c.call(cal.FINISH_CALENDAR_EVENT, {"calendarId": f"{task['id']}-task"})
    assert task["finishFlag"] is True and task["finishTime"]
    assert (await c.call(tasks.GET_TASK, {"taskId": task["id"]})).finishFlag is True
    appointment = open_appointment(sb, bob(sb)["leadId"])
    await c.call(cal.FINISH_CALENDAR_EVENT, {"calendarId": f"{appointment['id']}-appointment"})
    assert appointment["finishFlag"] is True and appointment["finishTime"]


@scenario("unfinish_calendar_event")
async def _unfinish_calendar_event(c: ChimeClient, sb: Sandbox) -> None:
    task = next(t for t in of_lead(sb.state.tasks, bob(sb)["leadId"]) if t["finishFlag"])
    await c.call(cal.UNFINISH_CALENDAR_EVENT, {"calendarId": f"{task['id']}-task"})
    assert task["finishFlag"] is False and task["finishTime"] == ""
    page = await c.call(cal.LIST_CALENDAR_EVENTS, {"leadId": bob(sb)["leadId"], "startTime": EVER, "pageSize": 500})
    assert f"{task['id']}-task" in {item.id for item in page.items or []}  # open again: listed without finished


@scenario("delete_calendar_event")
async def _delete_calendar_event(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    appointment = open_appointment(sb, lead_id)
    await c.call(cal.DELETE_CALENDAR_EVENT, {"calendarId": f"{appointment['id']}-appointment"})
    assert appointment["id"] not in sb.state.appointments
    assert appointment["id"] not in {a.id for a in await c.call(tasks.LIST_APPOINTMENTS, {"leadId": lead_id})}
    with pytest.raises(errors.InvalidRequestError, match="expected '<numericId>-task'"):
        await c.call(cal.DELETE_CALENDAR_EVENT, {"calendarId": str(appointment["id"])})


@scenario("list_available_meetings")
async def _list_available_meetings(c: ChimeClient, sb: Sandbox) -> None:
    monday = {"startTime": "2030-03-04T00:00:00-06:00", "endTime": "2030-03-05T00:00:00-06:00", "limit": 20}
    free = await c.call(cal.LIST_AVAILABLE_MEETINGS, monday)
    hours = [slot.startTime for slot in free.slots or []]
    assert free.total == 8 and hours[0] == "2030-03-04T09:00:00-06:00" and hours[-1] == "2030-03-04T16:00:00-06:00"
    assert all((s.endTimeMs or 0) - (s.startTimeMs or 0) == 3_600_000 for s in free.slots or [])
    # An appointment the caller makes takes its hour.
    await c.call(cal.CREATE_CALENDAR_EVENT, body={**SHOWING, "leadId": bob(sb)["leadId"]})
    busy = await c.call(cal.LIST_AVAILABLE_MEETINGS, monday)
    assert busy.total == 7 and "2030-03-04T10:00:00-06:00" not in [s.startTime for s in busy.slots or []]
    weekend = {"startTime": "2030-03-09", "endTime": "2030-03-11", "limit": 3}
    assert (await c.call(cal.LIST_AVAILABLE_MEETINGS, weekend)).total == 0
    few = await c.call(cal.LIST_AVAILABLE_MEETINGS, {**monday, "limit": 2})
    assert few.total == 7 and len(few.slots or []) == 2
    with pytest.raises(errors.InvalidRequestError, match="later than now"):
        await c.call(cal.LIST_AVAILABLE_MEETINGS, {"startTime": "2020-01-01", "endTime": "2030-01-02"})
    with pytest.raises(errors.InvalidRequestError, match="90 days"):
        await c.call(cal.LIST_AVAILABLE_MEETINGS, {"startTime": "2030-01-01", "endTime": "2030-06-01"})


# -- agenda items: the v2 tasks API -------------------------------------------------------------


@scenario("list_lead_agenda")
async def _list_lead_agenda(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    items = await c.call(agenda.LIST_LEAD_AGENDA, {"leadId": lead_id})
    assert len(items) == entries_of(sb, lead_id) and all(i.leadId == lead_id for i in items)
    assert {i.id for i in items} == {r["id"] for r in records_of(sb, lead_id)}
    assert "Appointment" in {i.type for i in items}
    with pytest.raises(errors.NotFoundError):
        await c.call(agenda.LIST_LEAD_AGENDA, {"leadId": 1})


@scenario("list_my_tasks")
async def _list_my_tasks(c: ChimeClient, sb: Sandbox) -> None:
    worker = agent(sb)
    theirs = [t for t in sb.state.tasks.values() if t["assignedUserId"] == worker["id"]]
    theirs += [a for a in sb.state.appointments.values() if a["assignToUid"] == worker["id"]]
    first = await c.call(agenda.LIST_MY_TASKS, {"userId": worker["id"], "limit": 10})
    assert len(first) == min(10, len(theirs)) and all(i.assignedUserId == worker["id"] for i in first)
    after = await c.call(agenda.LIST_MY_TASKS, {"userId": worker["id"], "limit": 100, "currentId": first[-1].id})
    assert len(first) + len(after) == len(theirs) and not {i.id for i in first} & {i.id for i in after}
    # The credential's user (an Admin) works no demo task; one made for it shows.
    assert await c.call(agenda.LIST_MY_TASKS) == []
    lead = next(lead for lead in sb.state.leads.values() if lead.get("assignedUserId") is None)
    body = {"type": "Call", "content": "Call the unassigned lead", "leadId": lead["leadId"], "assignedRole": "Agent"}
    made = await c.call(agenda.CREATE_AGENDA_ITEM, body={**body, "endAt": "2030-03-05T12:00:00Z"})
    assert [i.id for i in await c.call(agenda.LIST_MY_TASKS)] == [made.taskId]


@scenario("get_agenda_item")
async def _get_agenda_item(c: ChimeClient, sb: Sandbox) -> None:
    task = open_task(sb, bob(sb)["leadId"])
    item = await c.call(agenda.GET_AGENDA_ITEM, {"taskId": task["id"]})
    assert item.id == task["id"] and item.content == task["content"] and item.type == task["type"]
    assert item.endAt and item.finishFlag is False
    with pytest.raises(errors.NotFoundError):
        await c.call(agenda.GET_AGENDA_ITEM, {"taskId": 1})


@scenario("create_agenda_item")
async def _create_agenda_item(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    body = {"type": "Email", "content": "Send the disclosures", "leadId": lead_id, "assignedRole": "Agent"}
    made = await c.call(agenda.CREATE_AGENDA_ITEM, body={**body, "endAt": "2030-03-05T17:00:00-06:00"})
    assert made.taskId and sb.state.tasks[made.taskId]["content"] == "Send the disclosures"
    assert made.taskId in {t.id for t in await c.call(tasks.LIST_TASKS, {"leadId": lead_id})}
    visit = {**body, "type": "Appointment", "content": "Walk-through", "address": "12 Elm St"}
    visit |= {"startAt": "2030-03-06T15:00:00Z", "endAt": "2030-03-06T16:00:00Z"}
    meeting = await c.call(agenda.CREATE_AGENDA_ITEM, body=visit)
    assert meeting.taskId and sb.state.appointments[meeting.taskId]["address"] == "12 Elm St"
    page = await c.call(cal.LIST_CALENDAR_EVENTS, {"leadId": lead_id, "startTime": "2030-03-01T00:00:00Z"})
    assert {f"{made.taskId}-task", f"{meeting.taskId}-appointment"} <= {i.id for i in page.items or []}


@scenario("update_agenda_item")
async def _update_agenda_item(c: ChimeClient, sb: Sandbox) -> None:
    task = open_task(sb, bob(sb)["leadId"])
    await c.call(agenda.UPDATE_AGENDA_ITEM, {"taskId": task["id"]}, body={"content": "Call back re: the inspection"})
    assert task["content"] == "Call back re: the inspection"
    appointment = open_appointment(sb, bob(sb)["leadId"])
    await c.call(agenda.UPDATE_AGENDA_ITEM, {"taskId": appointment["id"]}, body={"address": "9 Oak Ave"})
    assert appointment["address"] == "9 Oak Ave"
    with pytest.raises(errors.InvalidInputError, match="at least one of"):
        await c.call(agenda.UPDATE_AGENDA_ITEM, {"taskId": task["id"]}, body={})


@scenario("finish_agenda_item")
async def _finish_agenda_item(c: ChimeClient, sb: Sandbox) -> None:
    appointment = open_appointment(sb, bob(sb)["leadId"])
    await c.call(agenda.FINISH_AGENDA_ITEM, {"taskId": appointment["id"]})
    assert appointment["finishFlag"] is True
    page = await c.call(cal.LIST_CALENDAR_EVENTS, {"leadId": bob(sb)["leadId"], "startTime": EVER, "pageSize": 500})
    assert f"{appointment['id']}-appointment" not in {i.id for i in page.items or []}
    task = open_task(sb, bob(sb)["leadId"])
    task["queryId"] = 42  # a smart plan's task
    with pytest.raises(errors.InvalidRequestError, match="TASK_IS_SMARTPLAN"):
        await c.call(agenda.FINISH_AGENDA_ITEM, {"taskId": task["id"]})
    assert task["finishFlag"] is False


@scenario("unfinish_agenda_item")
async def _unfinish_agenda_item(c: ChimeClient, sb: Sandbox) -> None:
    appointment = next(a for a in sb.state.appointments.values() if a["finishFlag"])
    await c.call(agenda.UNFINISH_AGENDA_ITEM, {"taskId": appointment["id"]})
    assert appointment["finishFlag"] is False and appointment["finishTime"] is None
    assert (await c.call(agenda.GET_AGENDA_ITEM, {"taskId": appointment["id"]})).finishFlag is False


@scenario("delete_agenda_item")
async def _delete_agenda_item(c: ChimeClient, sb: Sandbox) -> None:
    task = open_task(sb, bob(sb)["leadId"])
    await c.call(agenda.DELETE_AGENDA_ITEM, {"taskId": task["id"]})
    assert task["id"] not in sb.state.tasks
    with pytest.raises(errors.NotFoundError):
        await c.call(agenda.GET_AGENDA_ITEM, {"taskId": task["id"]})
