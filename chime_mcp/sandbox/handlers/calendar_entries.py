"""The records the calendar and the v2 tasks API serve: the sandbox's v1 tasks and appointments.

One record shows in every API: a v1 task is the calendar's `"<id>-task"` and the v2 tasks API's
`<id>`; an appointment is `"<id>-appointment"` and `<id>` (ids share one counter, so the number
alone names the record). What only the v2 APIs keep (a task's start, an entry's time zone, a
task's address) lives in the store's `calendar` collection, keyed by the record's id, because the
v1 answers carry exactly their published fields.

Times: tasks keep their deadline as `yyyy-MM-dd HH:mm:ss` UTC, appointments as epoch ms (the v1
wire forms); the v2 answers show ISO 8601 in the entry's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chime_mcp.chime.times import epoch_ms, parse_time, wire_time
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import full_name, lead_of, me
from chime_mcp.sandbox.handlers.registry import Call
from chime_mcp.sandbox.store import Record

Kind = Literal["task", "appointment"]
DEFAULT_ZONE = "America/Chicago"
"""The demo team's time zone (its members' `timeZoneId`)."""
SOURCE_TYPES: dict[Kind, int] = {"task": 1, "appointment": 2}
"""The calendar's `sourceType` of each kind."""
HOUR_MS = 3_600_000


@dataclass(frozen=True)
class Entry:
    kind: Kind
    record: Record

    @property
    def ident(self) -> int:
        number: int = self.record["id"]
        return number

    @property
    def composite(self) -> str:
        return f"{self.ident}-{self.kind}"


# -- finding ----------------------------------------------------------------------------------


def by_composite(call: Call, composite: str) -> Entry:
    """The entry a calendar id names; 400 INVALID_PARAMETER for a malformed or unknown id, as live."""
    number, _, kind = composite.partition("-")
    if not number.isdigit() or kind not in ("task", "appointment"):
        raise bad(f"calendarId {composite!r}: expected '<numericId>-task' or '<numericId>-appointment'")
    records = call.st.tasks if kind == "task" else call.st.appointments
    record = records.get(int(number))
    if record is None or record.get("leadId") in call.store.trash:
        raise bad(f"calendarId {composite}: target not found")
    return Entry("task" if kind == "task" else "appointment", record)


def by_number(call: Call, number: int) -> Entry | None:
    """The task or appointment with this id (one id space), or None."""
    if number in call.st.tasks:
        return Entry("task", call.st.tasks[number])
    if number in call.st.appointments:
        return Entry("appointment", call.st.appointments[number])
    return None


def every(call: Call) -> list[Entry]:
    """Every task and appointment of a lead that is not in the trash."""
    found = [Entry("task", r) for r in call.st.tasks.values()]
    found += [Entry("appointment", r) for r in call.st.appointments.values()]
    return [e for e in found if e.record.get("leadId") in call.st.leads and e.record["leadId"] not in call.store.trash]


# -- reading ------------------------------------------------------------------------------------


def extras(call: Call, entry: Entry) -> Record:
    return call.store.calendar.get(entry.ident) or {}


def zone_name(call: Call, entry: Entry) -> str:
    return str(extras(call, entry).get("timeZoneCode") or me(call).get("timeZoneId") or DEFAULT_ZONE)


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def start_ms(call: Call, entry: Entry) -> int | None:
    if entry.kind == "appointment":
        value: int | None = entry.record.get("deadline")
        return value
    return extras(call, entry).get("startAt") or end_ms(call, entry)


def end_ms(call: Call, entry: Entry) -> int | None:
    if entry.kind == "appointment":
        value: int | None = entry.record.get("endTime") or entry.record.get("deadline")
        return value
    due = parse_time(entry.record.get("deadline"))
    return None if due is None else epoch_ms(due.timestamp())


def finished(entry: Entry) -> bool:
    return bool(entry.record.get("finishFlag"))


def local_iso(ms: int | None, zone_code: str) -> str | None:
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, zone(zone_code)).isoformat(timespec="seconds")


def calendar_item(call: Call, entry: Entry) -> Record:
    """A `CalendarItemV2`."""
    record = entry.record
    lead = call.st.leads[record["leadId"]]
    code = zone_name(call, entry)
    start, end = start_ms(call, entry), end_ms(call, entry)
    content = record.get("content") if entry.kind == "task" else record.get("descr")
    return {
        "id": entry.composite,
        "type": entry.kind.upper(),
        "taskId": entry.ident,
        "sourceType": SOURCE_TYPES[entry.kind],
        "content": content,
        "title": f"{full_name(lead)} - {entry.kind.title()}",
        "finished": finished(entry),
        "startAt": local_iso(start, code),
        "endAt": local_iso(end, code),
        "startAtMs": start,
        "endAtMs": end,
        "timeZoneCode": code,
        "leadId": record["leadId"],
    }


_TASK_V2_KEPT = (
    "id", "leadId", "creatorId", "content", "type", "finishFlag", "overdueFlag", "finishTime", "createTime",
    "lastUpdate", "leadName", "leadEmail", "leadPhone", "leadFirstName", "leadLastName", "reminderType",
    "assignedRole", "assignedUser", "teamId", "subject", "body", "assignedUserId", "pipelineId", "queryInfo",
    "leadUserId", "queryId",
)  # fmt: skip
"""The v1 task's fields a `TaskResponseV2` carries as they are."""


def task_v2(call: Call, entry: Entry) -> Record:
    """A `TaskResponseV2`."""
    code = zone_name(call, entry)
    start, end = local_iso(start_ms(call, entry), code), local_iso(end_ms(call, entry), code)
    record = entry.record
    if entry.kind == "task":
        shown = {key: record.get(key) for key in _TASK_V2_KEPT}
        return shown | {
            "startAt": start,
            "endAt": end,
            "timeZoneCode": code,
            "allDay": False,
            "address": extras(call, entry).get("address"),
        }
    lead = call.st.leads[record["leadId"]]
    worker = call.st.members.get(record.get("assignToUid") or 0)
    finish = record.get("finishTime")
    return {
        "id": record["id"],
        "leadId": record["leadId"],
        "creatorId": record.get("creatorId"),
        "content": record.get("descr"),
        "type": "Appointment",
        "startAt": start,
        "endAt": end,
        "timeZoneCode": code,
        "allDay": bool(record.get("allDay")),
        "finishFlag": finished(entry),
        "overdueFlag": bool(record.get("overdue")),
        "finishTime": wire_time(finish / 1000) if finish else "",
        "createTime": record.get("createTime"),
        "lastUpdate": record.get("lastUpdate"),
        "leadName": full_name(lead),
        "leadEmail": (lead.get("emails") or [None])[0],
        "leadPhone": (lead.get("phones") or [None])[0],
        "leadFirstName": lead.get("firstName"),
        "leadLastName": lead.get("lastName"),
        "assignedRole": "Assistant" if record.get("assignRoleType") == 4 else "Agent",
        "assignedUser": full_name(worker) if worker else None,
        "assignedUserId": record.get("assignToUid"),
        "teamId": call.st.team_id,
        "leadUserId": lead.get("leadUserId"),
        "address": record.get("address"),
    }


# -- writing ------------------------------------------------------------------------------------


def sent_moment(sent: Record, name: str) -> int | None:
    """Epoch ms of a time sent as ISO 8601 (`name`) or epoch ms (`nameMs`); 400 if unreadable."""
    text, millis = sent.get(name), sent.get(f"{name}Ms")
    if text not in (None, ""):
        moment = parse_time(text)
        if moment is None:
            raise bad(f"{name}: {text!r} is not an ISO 8601 time")
        return epoch_ms(moment.timestamp())
    return millis if isinstance(millis, int) else None


def checked_zone(sent: Record) -> str | None:
    code = sent.get("timeZoneCode")
    if code in (None, ""):
        return None
    try:
        ZoneInfo(str(code))
    except (ZoneInfoNotFoundError, ValueError):
        raise bad(f"timeZoneCode: {code!r} is not an IANA time zone") from None
    return str(code)


def local_midnight(text: object) -> bool:
    """An ISO 8601 time at 00:00:00 in its own offset (all-day appointments start and end there)."""
    if not isinstance(text, str):
        return False
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0)


def apply(call: Call, entry: Entry, sent: Record, start: int | None, end: int | None) -> None:
    """Set content, times, time zone and address on the record (what was sent, nothing else)."""
    record = entry.record
    keep = call.store.calendar.setdefault(entry.ident, {})
    if (code := checked_zone(sent)) is not None:
        keep["timeZoneCode"] = code
    if sent.get("content") not in (None, ""):
        record["content" if entry.kind == "task" else "descr"] = sent["content"]
    if entry.kind == "task":
        if start is not None:
            keep["startAt"] = start
        if end is not None:
            record["deadline"] = wire_time(end / 1000)
            record["overdueFlag"] = not record.get("finishFlag") and end / 1000 < call.now
        if sent.get("address") not in (None, ""):
            keep["address"] = sent["address"]
    else:
        if start is not None:
            record["deadline"] = start
        if end is not None:
            record["endTime"] = end
        if sent.get("address") not in (None, ""):
            record["address"] = sent["address"]
    record["lastUpdate"] = wire_time(call.now)
    call.store.touch("calendar", "tasks" if entry.kind == "task" else "appointments")


def set_finished(call: Call, entry: Entry, done: bool) -> None:
    record = entry.record
    if entry.kind == "task":
        due = parse_time(record.get("deadline"))
        record.update(
            finishFlag=done,
            finishTime=wire_time(call.now) if done else "",
            overdueFlag=not done and due is not None and due.timestamp() < call.now,
        )
    else:
        record.update(finishFlag=done, finishTime=epoch_ms(call.now) if done else None)
    record["lastUpdate"] = wire_time(call.now)
    call.store.touch("tasks" if entry.kind == "task" else "appointments")


def new_appointment(call: Call, lead: Record, worker: Record, content: str, start: int, end: int) -> Entry:
    """An appointment record in the v1 wire form, stored."""
    ident = call.store.new_id()
    stamp = wire_time(call.now)
    record: Record = {
        "id": ident, "descr": content, "address": None, "createTime": stamp, "lastUpdate": stamp,
        "deadline": start, "endTime": end, "allDay": False, "finishFlag": False, "deleteFlag": False,
        "overdue": False, "finishTime": None, "leadId": lead["leadId"], "assignToUid": worker["id"],
        "assignRoleType": 4 if worker.get("roleName") == "Assistant" else 1, "creatorId": call.st.me_id,
    }  # fmt: skip
    call.st.appointments[ident] = record
    call.store.touch("appointments")
    return Entry("appointment", record)


def remove(call: Call, entry: Entry) -> None:
    records = call.st.tasks if entry.kind == "task" else call.st.appointments
    del records[entry.ident]
    call.store.calendar.pop(entry.ident, None)
    call.store.touch("calendar", "tasks" if entry.kind == "task" else "appointments")


def lead_for(call: Call, entry: Entry) -> Record:
    return lead_of(call, entry.record["leadId"])
