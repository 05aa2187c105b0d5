"""Toolset `calendar`: calendar events (v2); agenda items (the v2 tasks API) are in agenda.py.

Both serve the sandbox's tasks and appointments (calendar_entries.py), so what one API creates,
finishes or deletes the other, and the v1 `tasks` toolset, show at once. The calendar is the
caller's: an Admin (the demo's credential) sees every lead's entries. Available meetings are the
working hours (9 to 17, Monday to Friday, in the caller's time zone) that no appointment the
caller is assigned to or created overlaps.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from chime_mcp.chime.catalog import calendar
from chime_mcp.chime.times import epoch_ms
from chime_mcp.sandbox.handlers import calendar_entries as entries
from chime_mcp.sandbox.handlers.calendar_entries import Entry
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import full_name, lead_of, me, touched
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.handlers.tasks import _blank_task, _log_task, _worker
from chime_mcp.sandbox.store import Record

_WINDOW_DAYS = 90
_WORK_HOURS = range(9, 17)


def _visible(call: Call) -> list[Entry]:
    """The caller's calendar: every entry for an Admin, else the entries assigned to the caller."""
    found = entries.every(call)
    if me(call).get("roleName") == "Admin":
        return found
    return [e for e in found if call.st.me_id in (e.record.get("assignedUserId"), e.record.get("assignToUid"))]


def _future(call: Call, start: int | None, end: int | None) -> None:
    now_ms = epoch_ms(call.now)
    for name, value in (("startAt", start), ("endAt", end)):
        if value is not None and value <= now_ms:
            raise bad(f"{name}: must be later than now")
    if start is not None and end is not None and end < start:
        raise bad("endAt: must not be before startAt")


def _create(call: Call, sent: Record, *, appointment: bool, way: str | None, start: int | None, end: int) -> Entry:
    """A new task (of `way`) or appointment on the sent lead, with the sent fields applied."""
    lead = lead_of(call, sent["leadId"])
    if not str(sent.get("content") or "").strip():
        raise bad("content: must not be blank")
    worker = _worker(call, lead, sent.get("assignedRole"))
    if appointment:
        entry = entries.new_appointment(call, lead, worker, sent["content"], start or end - entries.HOUR_MS, end)
        all_day = entries.local_midnight(sent.get("startAt")) and entries.local_midnight(sent.get("endAt"))
        entry.record["allDay"] = all_day
    else:
        task_id = call.store.new_id()
        record = _blank_task(call, task_id, lead)
        record.update(
            type=way or "Other",
            assignedRole=sent.get("assignedRole") or "Agent",
            assignedUser=full_name(worker),
            assignedUserId=worker["id"],
        )
        call.st.tasks[task_id] = record
        entry = Entry("task", record)
    entries.apply(call, entry, sent, start, end)
    if entry.kind == "task":
        _log_task(call, lead, "CreateTask", entry.record)
    touched(call, lead)
    return entry


# -- calendar events ----------------------------------------------------------------------------


@handler(calendar.LIST_CALENDAR_EVENTS)
def list_calendar_events(call: Call) -> Record:
    """Entries overlapping [startTime, endTime] (one bound may be open), newest start first."""
    low, high = (entries.sent_moment(dict(call.params), name) for name in ("startTime", "endTime"))
    if low is None and high is None:
        raise bad("startTime or endTime is required")
    lead_id = call.integer("leadId")
    found = _visible(call) if lead_id is None else [e for e in entries.every(call) if e.record["leadId"] == lead_id]
    if lead_id is not None:
        lead_of(call, lead_id)
    if not call.flag("includeFinished"):
        found = [e for e in found if not entries.finished(e)]
    timed = [(entries.start_ms(call, e), entries.end_ms(call, e), e) for e in found]
    chosen = [
        (start, e)
        for start, end, e in timed
        if start is not None and (low is None or (end or start) >= low) and (high is None or start <= high)
    ]
    chosen.sort(key=lambda item: -item[0])
    page, size = call.integer_or_default("page"), call.integer_or_default("pageSize")
    items = [entries.calendar_item(call, e) for _, e in chosen[page * size : (page + 1) * size]]
    return {"data": {"total": len(chosen), "page": page, "pageSize": size, "items": items}}


@handler(calendar.CREATE_CALENDAR_EVENT)
def create_calendar_event(call: Call) -> Record:
    sent = call.fields()
    kind = str(sent["type"]).upper()
    start, end = entries.sent_moment(sent, "startAt"), entries.sent_moment(sent, "endAt")
    if start is None or end is None:
        raise bad("startAt and endAt are required")
    _future(call, start, end)
    if entries.checked_zone(sent) is None:
        raise bad("timeZoneCode is required")
    if kind == "TASK" and not sent.get("taskWay"):
        raise bad("taskWay is required for a TASK")
    entry = _create(call, sent, appointment=kind == "APPOINTMENT", way=sent.get("taskWay"), start=start, end=end)
    return {"data": {"id": entry.composite, "type": kind, "message": "Calendar created successfully"}}


@handler(calendar.UPDATE_CALENDAR_EVENT)
def update_calendar_event(call: Call) -> Record:
    entry = entries.by_composite(call, call.text("calendarId") or "")
    sent = call.fields()
    start, end = entries.sent_moment(sent, "startAt"), entries.sent_moment(sent, "endAt")
    _future(call, start, end)
    entries.apply(call, entry, sent, start, end)
    touched(call, entries.lead_for(call, entry))
    return {"message": "Calendar updated successfully"}


@handler(calendar.FINISH_CALENDAR_EVENT, calendar.UNFINISH_CALENDAR_EVENT)
def finish_calendar_event(call: Call) -> Record:
    entry = entries.by_composite(call, call.text("calendarId") or "")
    entries.set_finished(call, entry, call.op is calendar.FINISH_CALENDAR_EVENT)
    touched(call, entries.lead_for(call, entry))
    return {"message": "success"}


@handler(calendar.DELETE_CALENDAR_EVENT)
def delete_calendar_event(call: Call) -> Record:
    entry = entries.by_composite(call, call.text("calendarId") or "")
    _removed(call, entry)
    return {"message": "Calendar deleted successfully"}


def _removed(call: Call, entry: Entry) -> None:
    lead = entries.lead_for(call, entry)
    entries.remove(call, entry)
    if entry.kind == "task":
        _log_task(call, lead, "DeleteTask", entry.record)
    touched(call, lead)


@handler(calendar.LIST_AVAILABLE_MEETINGS)
def list_available_meetings(call: Call) -> Record:
    """Free working hours between two future times: hour slots no appointment of the caller's overlaps."""
    low, high = (entries.sent_moment(dict(call.params), name) for name in ("startTime", "endTime"))
    if low is None or high is None:
        raise bad("startTime and endTime are required")
    if low <= epoch_ms(call.now):
        raise bad("startTime: must be later than now")
    if high <= low:
        raise bad("endTime: must be later than startTime")
    if high - low > _WINDOW_DAYS * 24 * entries.HOUR_MS:
        raise bad(f"the range must not exceed {_WINDOW_DAYS} days")
    zone_code = str(me(call).get("timeZoneId") or entries.DEFAULT_ZONE)
    zone = entries.zone(zone_code)
    busy = [
        (entries.start_ms(call, e) or 0, entries.end_ms(call, e) or 0)
        for e in entries.every(call)
        if e.kind == "appointment"
        and not entries.finished(e)
        and call.st.me_id in (e.record.get("assignToUid"), e.record.get("creatorId"))
    ]
    slots = []
    hour = datetime.fromtimestamp(low / 1000, zone).replace(minute=0, second=0, microsecond=0)
    if epoch_ms(hour.timestamp()) < low:
        hour += timedelta(hours=1)
    while (begin := epoch_ms(hour.timestamp())) + entries.HOUR_MS <= high:
        finish = begin + entries.HOUR_MS
        working = hour.weekday() < 5 and hour.hour in _WORK_HOURS
        if working and not any(start < finish and begin < end for start, end in busy):
            slots.append(
                {
                    "startTime": entries.local_iso(begin, zone_code),
                    "endTime": entries.local_iso(finish, zone_code),
                    "startTimeMs": begin,
                    "endTimeMs": finish,
                }
            )
        hour += timedelta(hours=1)
    return {"data": {"total": len(slots), "slots": slots[: call.integer_or_default("limit")]}}
