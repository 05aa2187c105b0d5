"""The fifteen sources of a lead's history, and one converter per record type.

Each `Source` is one catalog operation with its parameters for the lead; its converter turns
one record into an `Event` (or None when the record carries no time). The identity keys the
converters give decide de-duplication (see build.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog.calendar import LIST_CALENDAR_EVENTS
from chime_mcp.chime.catalog.communication import LIST_CALL_HISTORY, LIST_EMAIL_HISTORY, LIST_TEXT_HISTORY, SEARCH_CALLS
from chime_mcp.chime.catalog.lead_details import LIST_LEAD_ACTIVITIES
from chime_mcp.chime.catalog.logs import LIST_LOGS
from chime_mcp.chime.catalog.notes import LIST_NOTES
from chime_mcp.chime.catalog.sales_agent import LIST_PLAN_TASKS
from chime_mcp.chime.catalog.sync import LIST_SYSTEM_LOGS
from chime_mcp.chime.catalog.tasks import LIST_APPOINTMENTS, LIST_TASKS
from chime_mcp.chime.catalog.transactions import LIST_TRANSACTIONS
from chime_mcp.chime.operation import Operation
from chime_mcp.chime.times import parse_time
from chime_mcp.services.timeline.model import Event

PAGE = 100
"""Records asked of each source: one page, so a timeline costs one request per source."""
_SUMMARY_CHARS = 200
_CALENDAR_SINCE = "2000-01-01T00:00:00Z"
"""The calendar list needs a bound: from before any CRM record, so it is the whole history."""

Convert = Callable[[Any, str], "Event | None"]
"""(record, the source's tool name) -> its event, or None for a record without a time."""


@dataclass(frozen=True)
class Source:
    label: str
    """How notes name it: "emails: unavailable (...)"."""
    operation: Operation[Any]
    params: Mapping[str, Any]
    kinds: frozenset[str]
    convert: Convert
    page: int | None = PAGE
    """The page size asked for, to tell when records may be missing; None if not paged."""

    @property
    def tool(self) -> str:
        """The operation's tool name: what events name as their source."""
        return self.operation.tool


def sources(lead_id: int) -> tuple[Source, ...]:
    """Every source of a lead's history. Order matters: on a duplicate the earlier one's wording wins."""
    history = {"leadId": lead_id, "limit": PAGE, "offset": 0}

    def logs(kind: str, log_type: str) -> Source:
        return Source(f"logged {kind}s", LIST_LOGS, {**history, "logType": log_type}, frozenset({kind}), _logged(kind))

    return (
        Source("notes", LIST_NOTES, {"leadId": lead_id}, frozenset({"note"}), _note, page=None),
        Source("dialer calls", SEARCH_CALLS, history, frozenset({"call"}), _call),
        Source("call history", LIST_CALL_HISTORY, history, frozenset({"call"}), _call),
        Source("emails", LIST_EMAIL_HISTORY, history, frozenset({"email"}), _email),
        Source("texts", LIST_TEXT_HISTORY, history, frozenset({"text"}), _text),
        logs("call", "logCall"),
        logs("email", "logEmail"),
        logs("text", "logText"),
        Source("tasks", LIST_TASKS, {"leadId": lead_id}, frozenset({"task"}), _task, page=None),
        Source(
            "appointments",
            LIST_APPOINTMENTS,
            {"leadId": lead_id},
            frozenset({"appointment"}),
            _appointment,
            page=None,
        ),
        Source(
            "calendar events",
            LIST_CALENDAR_EVENTS,
            {"leadId": lead_id, "startTime": _CALENDAR_SINCE, "includeFinished": True, "pageSize": PAGE},
            frozenset({"task", "appointment"}),
            _calendar_event,
        ),
        # The AI Sales Agent's tasks: a lead it does not work (or a team without one) answers
        # 403/404, which is a note like any failing source's.
        Source("plan tasks", LIST_PLAN_TASKS, {"leadId": lead_id}, frozenset({"task"}), _plan_task, page=None),
        Source(
            "website activity",
            LIST_LEAD_ACTIVITIES,
            {"leadId": lead_id, "curPage": 0},
            frozenset({"activity"}),
            _activity,
        ),
        Source(
            "transactions",
            LIST_TRANSACTIONS,
            {"leadId": lead_id},
            frozenset({"transaction"}),
            _transaction,
            page=None,
        ),
        Source(
            "system logs",
            LIST_SYSTEM_LOGS,
            {"leadId": lead_id, "pageSize": PAGE},
            frozenset({"system"}),
            _system,
        ),
    )


# -- one converter per record type -----------------------------------------------------------------


def _note(note: m.NoteResponse, source: str) -> Event | None:
    when = parse_time(note.createTime)
    if when is None:
        return None
    note_id = str(note.noteId or note.id or "")
    summary = line(note.content)
    if note.lastUpdate and note.lastUpdate != note.createTime:
        summary += " (edited)"
    if note.isPin:
        summary = "pinned: " + summary
    return Event(
        time=when,
        kind="note",
        summary=summary,
        source=source,
        id=note_id,
        who=note.creatorName or "",
        key=("note", note_id),
    )


def _call(call: m.CallResponse, source: str) -> Event | None:
    when = parse_time(call.startTime) or parse_time(call.createTime)
    if when is None:
        return None
    parts = [call.callingOutcome or call.status or "call"]
    if call.duration:
        parts[0] += f" {_duration(call.duration)}"
    if call.note:
        parts.append(line(call.note))
    call_id = str(call.id or call.dialerCallRecordId or "")
    return Event(
        time=when,
        kind="call",
        summary=": ".join(parts),
        source=source,
        id=call_id,
        direction=_direction(call.direction),
        agent_id=call.userId or call.agentId,
        key=("call", call_id),
    )


def _email(email: m.EmailResponse, source: str) -> Event | None:
    when = parse_time(email.emailEventTime)
    if when is None:
        return None
    status = ", ".join(x for x in (email.eventType, email.emailType) if x)
    summary = line(email.emailSubject or "(no subject)") + (f" ({status})" if status else "")
    email_id = str(email.id or "")
    return Event(
        time=when,
        kind="email",
        summary=summary,
        source=source,
        id=email_id,
        direction=_direction(email.direction),
        agent_id=email.agentId,
        key=("email", email_id),
    )


def _text(text: m.TextResponse, source: str) -> Event | None:
    when = parse_time(text.textTime)
    if when is None:
        return None
    status = ", ".join(x for x in (text.textOutcome, text.textType) if x)
    content = text.textContent
    summary = (line(str(content)) + f" ({status})") if content else (status or "text")
    text_id = str(text.id or "")
    return Event(
        time=when,
        kind="text",
        summary=summary,
        source=source,
        id=text_id,
        direction=_direction(text.direction),
        agent_id=text.agentId,
        key=("text", text_id),
    )


def _logged(kind: str) -> Convert:
    def convert(log: m.LogTypeResponse, source: str) -> Event | None:
        when = parse_time(log.createTime)
        if when is None:
            return None
        subject = log.emailSubject
        head = " ".join(str(x) for x in (f"logged {kind}", log.callingOutcome, subject) if x)
        content = line(log.content or "")
        log_id = str(log.id or "")
        return Event(
            time=when,
            kind=kind,
            summary=f"{head}: {content}" if content else head,
            source=source,
            id=log_id,
            direction=_direction(log.outboundOrInbound),
            agent_id=log.agentId,
            key=("log", log_id),
        )

    return convert


def _task(task: m.TaskResponse, source: str) -> Event | None:
    # A task sits at its deadline: "what is due when" is what an agent reads a task for, and
    # open tasks due soon then lead the timeline.
    when = parse_time(task.deadline) or parse_time(task.createTime)
    if when is None:
        return None
    if task.finishFlag:
        done = parse_time(task.finishTime)
        status = f"done {done:%Y-%m-%d}" if done else "done"
    else:
        status = "open, overdue" if task.overdueFlag else "open"
    summary = f"{task.type or 'Other'} task: {line(task.content)} ({status})"
    task_id = str(task.id or "")
    return Event(
        time=when,
        kind="task",
        summary=summary,
        source=source,
        id=task_id,
        who=task.assignedUser or "",
        key=("task", task_id),
    )


def _appointment(appointment: m.Appointment, source: str) -> Event | None:
    when = parse_time(appointment.deadline)
    if when is None:
        return None
    summary = line(appointment.descr or "appointment")
    if appointment.address:
        summary += f" at {line(appointment.address)}"
    summary += " (done)" if appointment.finishFlag else (" (upcoming)" if when > datetime.now(UTC) else "")
    appointment_id = str(appointment.id or "")
    return Event(
        time=when,
        kind="appointment",
        summary=summary,
        source=source,
        id=appointment_id,
        agent_id=appointment.assignToUid,
        key=("appointment", appointment_id),
    )


def _calendar_event(item: m.CalendarItemV2, source: str) -> Event | None:
    # The calendar serves the v1 tasks and appointments again: the same record has the same key
    # (its taskId), so it merges into the v1 event, which keeps the wording. What the calendar
    # alone holds (an event the v1 lists lack) shows in its own words.
    when = parse_time(item.startAt) or parse_time(item.startAtMs) or parse_time(item.endAt)
    if when is None:
        return None
    kind = "task" if (item.type or "").upper() == "TASK" else "appointment"
    number = str(item.taskId or "")
    if item.finished:
        status = "done"
    else:
        status = "upcoming" if when > datetime.now(UTC) else "open"
    summary = f"{'task' if kind == 'task' else 'calendar'}: {line(item.content or item.title)} ({status})"
    known = (item.type or "").upper() in ("TASK", "APPOINTMENT") and number
    return Event(
        time=when,
        kind=kind,
        summary=summary,
        source=source,
        id=str(item.id or number),
        key=(kind, number) if known else ("calendar", str(item.id or "")),
    )


_PLAN_STATUS = {"PENDING": "open", "OVERDUE": "open, overdue", "FINISHED": "done"}


def _plan_task(task: m.PlanTaskResponseV2, source: str) -> Event | None:
    # A task of the AI Sales Agent's plan: a task like the v1 ones, at its due time, but its own
    # record family (no v1 task or calendar event names it), so it never merges.
    when = parse_time(task.dueAt) or parse_time(task.createdAt)
    if when is None:
        return None
    status = _PLAN_STATUS.get((task.status or "").upper(), (task.status or "").lower())
    if status == "open" and when > datetime.now(UTC):
        status = "upcoming"
    kind = (task.taskType or "other").capitalize()
    summary = f"AI plan {kind} task: {line(task.content)}" + (f" ({status})" if status else "")
    task_id = str(task.id or "")
    return Event(
        time=when,
        kind="task",
        summary=summary,
        source=source,
        id=task_id,
        agent_id=task.assignedTo,
        key=("plan", task_id),
    )


def _activity(activity: m.LeadActivity, source: str) -> Event | None:
    when = parse_time(activity.created)
    if when is None:
        return None
    summary = f"{activity.type}: {line(activity.text)}"
    if activity.scheduledDate:
        summary += f" for {activity.scheduledDate}"
    # Activities carry no id on the wire: their time and type identify them.
    activity_id = f"{activity.created}-{activity.type}"
    return Event(
        time=when,
        kind="activity",
        summary=summary,
        source=source,
        id=activity_id,
        direction="in",
        who="lead",
        key=("activity", activity_id),
    )


def _transaction(deal: m.LeadTransaction, source: str) -> Event | None:
    when = parse_time(deal.created) or parse_time(deal.updated)
    if when is None:
        return None
    facts = [x for x in (deal.transactionType, deal.transactionStatus) if x]
    if deal.homePrice:
        facts.append(f"${deal.homePrice:,.0f}")
    closing = parse_time(deal.closeDate) or parse_time(deal.expectedCloseDate)
    if closing is not None:
        facts.append(f"{'closed' if deal.closeDate else 'closes'} {closing:%Y-%m-%d}")
    summary = f"deal {line(deal.transactionName)}" + (f" ({', '.join(facts)})" if facts else "")
    deal_id = str(deal.transactionId or "")
    return Event(
        time=when,
        kind="transaction",
        summary=summary,
        source=source,
        id=deal_id,
        agent_id=deal.assignedAgent,
        key=("transaction", deal_id),
    )


def _system(log: m.SystemLogResponse, source: str) -> Event | None:
    when = parse_time(log.timelineTime) or parse_time(log.createTime)
    if when is None:
        return None
    content = _content(log.content)
    desc = str(log.timelineTypeDesc or f"event {log.timelineType}")
    log_id = str(log.id or "")
    who = person(log.fromFirstName, log.fromLastName) if log.fromType == 1 else ""
    if not who and log.agentId == 0:
        who = "system"
    return Event(
        time=when,
        kind="system",
        summary=_system_summary(desc, content, log),
        source=source,
        id=log_id,
        who=who,
        key=_system_key(desc, log, content),
    )


_RECORD_REFERENCES = (("note", "noteId"), ("task", "taskId"), ("transaction", "transactionId"))
"""Record kinds a system log can be about, with the content field naming the record."""


def _system_key(desc: str, log: m.SystemLogResponse, content: Mapping[str, Any]) -> tuple[str, str]:
    """A system log about a note, task or deal ("EditNote", "CreateTask", "AddTransaction") is
    keyed as that record, so it merges into the record's own event instead of repeating it."""
    for kind, field_name in _RECORD_REFERENCES:
        if kind in desc.lower():
            ref = content.get(field_name) or log.refId
            if ref:
                return (kind, str(ref))
    return ("system", str(log.id or ""))


def _system_summary(desc: str, content: Mapping[str, Any], log: m.SystemLogResponse) -> str:
    target = person(log.toFirstName, log.toLastName)
    if "fromStageName" in content or "toStageName" in content:
        return f"stage {content.get('fromStageName', '?')} -> {content.get('toStageName', '?')}"
    if desc == "NewLead":
        return f"new lead from {content['source']}" if content.get("source") else "new lead"
    if desc.startswith("Assign") or desc == "MoveToLeadPond":
        name = content.get("assigneeName") or content.get("pondName") or target
        return f"{_words(desc)}: {name}" if name else _words(desc)
    details = ", ".join(f"{k}={line(str(v))}" for k, v in content.items() if v not in (None, "", [], {}))
    return line(f"{_words(desc)}: {details}" if details else _words(desc))


# -- small helpers ---------------------------------------------------------------------------------


def person(first: str | None, last: str | None) -> str:
    """A person's name from its parts, "" when there are none."""
    return " ".join(part for part in (first, last) if part)


def line(text: str | None) -> str:
    """`text` on one line, cut to a summary's length."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= _SUMMARY_CHARS else flat[: _SUMMARY_CHARS - 1] + "…"


def _content(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            loaded = json.loads(value)
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}
    return {}


def _direction(value: str | None) -> str:
    text = (value or "").lower()
    return "in" if text.startswith("in") else "out" if text.startswith("out") else ""


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


def _words(identifier: str) -> str:
    """ "AssignAgent" -> "assign agent"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", identifier).lower()
