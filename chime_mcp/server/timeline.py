"""A lead's whole history in one read, merged from every source the Chime API offers.

"What has happened with this lead?" is spread over thirteen endpoints: notes, dialer calls,
call/email/text history, logged calls/emails/texts, tasks, appointments, website activity,
transactions and system logs. `build_timeline` fetches them concurrently (one task group; the
client's shared rate-limit budget paces the requests), turns every record into one normalised
`Event`, removes duplicates, and sorts newest first. A source that fails becomes a line in
`Timeline.notes`; only a lead that does not exist, or every source failing, fails the whole.

De-duplication rule: every event has an identity key, and events with the same key are one
event (the first source in `SOURCES` order keeps its wording; the sources are listed together):
- a call is `("call", id)` in both /calls (search_calls) and /communication/call
  (list_call_history): the dialer record and the call-history record of one call share the id;
- a note is `("note", noteId)`, and so is a system log about that note ("EditNote", a "note
  added" entry: its content's noteId or its refId names the note): the note itself says more.
  Likewise for tasks (taskId) and transactions (transactionId). A system log about a record
  no longer there (a deleted task) stays, as a system event;
- everything else is keyed by its source family and id, so it never merges by accident.
Calls logged by hand (list_logs) are not merged with dialer calls: the API gives them no link.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import BY_TOOL
from chime_mcp.chime.client import ChimeClient, items_of
from chime_mcp.server.failures import tool_error
from chime_mcp.server.schema import clean_schema
from chime_mcp.server.tools import Backend

KINDS: tuple[str, ...] = (
    "note",
    "call",
    "email",
    "text",
    "task",
    "appointment",
    "activity",
    "transaction",
    "system",
)
PAGE = 100
"""Records asked of each source: one page, so a timeline costs one request per source."""
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
_SUMMARY_CHARS = 200


@dataclass(frozen=True)
class Event:
    """One thing that happened, whatever endpoint it came from."""

    time: datetime
    kind: str
    summary: str
    source: str
    id: str
    direction: str = ""
    """"in" (from the lead), "out" (to the lead) or "" where it means nothing."""
    who: str = ""
    key: tuple[str, str] = ("", "")
    """Identity for de-duplication (see the module docstring); not shown."""
    agent_id: int | None = None
    """Who acted, where a record gives only a user id; resolved into `who` at the end."""

    def as_json(self) -> dict[str, str]:
        data = {
            "time": iso(self.time),
            "kind": self.kind,
            "direction": self.direction,
            "who": self.who,
            "summary": self.summary,
            "source": self.source,
            "id": self.id,
        }
        return {k: v for k, v in data.items() if v}


@dataclass
class Timeline:
    lead_id: int
    lead_name: str
    events: list[Event]
    """The events shown: filtered, newest first, at most `limit`."""
    total: int
    """Events matching the filters before `limit` cut them."""
    notes: list[str] = field(default_factory=list)
    """What is missing or partial, one line per source."""

    def as_json(self) -> dict[str, Any]:
        return {
            "leadId": self.lead_id,
            "lead": self.lead_name,
            "total": self.total,
            "shown": len(self.events),
            "events": [event.as_json() for event in self.events],
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, separators=(",", ":"))

    def to_markdown(self) -> str:
        name = f"{self.lead_name} (lead {self.lead_id})" if self.lead_name else f"lead {self.lead_id}"
        lines = [f"# Timeline of {name}"]
        if self.total == len(self.events):
            lines.append(f"{self.total} events, newest first, times UTC.")
        else:
            lines.append(
                f"{len(self.events)} of {self.total} events, newest first, times UTC. "
                "More: raise limit, or narrow with since/until/kinds."
            )
        for note in self.notes:
            lines.append(f"Note: {note}")
        for event in self.events:
            lines.append("- " + _markdown_row(event))
        return "\n".join(lines)


# -- filters ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    since: datetime | None = None
    until: datetime | None = None
    kinds: frozenset[str] = frozenset(KINDS)
    limit: int = DEFAULT_LIMIT

    def admits(self, event: Event) -> bool:
        return (
            event.kind in self.kinds
            and (self.since is None or event.time >= self.since)
            and (self.until is None or event.time <= self.until)
        )


def parse_filters(
    since: str | None = "", until: str | None = "", kinds: str | Sequence[str] | None = "", limit: int = 50
) -> Filters:
    """Filters from the loose text a model or a URI gives; InvalidInputError names a bad one."""
    wanted = _kinds(kinds)
    if not 1 <= limit <= MAX_LIMIT:
        raise errors.InvalidInputError(f"limit must be 1 to {MAX_LIMIT} (got {limit})", fields=("limit",))
    start = _moment(since, "since", end_of_day=False)
    end = _moment(until, "until", end_of_day=True)
    if start is not None and end is not None and start > end:
        raise errors.InvalidInputError("since is after until", fields=("since", "until"))
    return Filters(start, end, wanted, limit)


def _kinds(kinds: str | Sequence[str] | None) -> frozenset[str]:
    names = kinds.split(",") if isinstance(kinds, str) else list(kinds or ())
    chosen = {name.strip().lower() for name in names if name.strip()}
    if not chosen:
        return frozenset(KINDS)
    # Forgive plurals ("notes", "calls"): the model writes what a person would say.
    chosen = {name[:-1] if name not in KINDS and name[:-1] in KINDS else name for name in chosen}
    unknown = sorted(chosen - set(KINDS))
    if unknown:
        raise errors.InvalidInputError(
            f"Unknown kinds {', '.join(unknown)}; choose from {', '.join(KINDS)}", fields=("kinds",)
        )
    return frozenset(chosen)


_RELATIVE = re.compile(r"^(\d{1,4})d$")


def _moment(text: str | None, name: str, *, end_of_day: bool) -> datetime | None:
    """An ISO date or date-time (UTC unless it says otherwise), or "30d" for 30 days ago."""
    text = (text or "").strip()
    if not text:
        return None
    relative = _RELATIVE.match(text)
    if relative:
        return datetime.now(UTC) - timedelta(days=int(relative.group(1)))
    value = parse_time(text)
    if value is None:
        raise errors.InvalidInputError(
            f"{name} must be an ISO date or date-time such as 2026-06-01 or 2026-06-01T09:30:00Z, "
            f"or a number of days such as 30d (got {text!r})",
            fields=(name,),
        )
    if end_of_day and len(text) == 10:
        # A bare date as the end of a window means the whole of that day.
        value += timedelta(days=1) - timedelta(microseconds=1)
    return value


# -- time ------------------------------------------------------------------------------------------


def parse_time(value: Any) -> datetime | None:
    """A UTC datetime from any time format the API uses, or None for empty or unreadable values.

    Epoch milliseconds (transactions, appointments, activity), "yyyy-MM-dd HH:mm:ss" in UTC
    (notes, tasks, logs, calls, emails, texts) and ISO-8601 with an offset (system logs).
    """
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= 10**11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        return parse_time(int(text))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- the sources -----------------------------------------------------------------------------------

Convert = Callable[[Any, str], "Event | None"]


@dataclass(frozen=True)
class Source:
    label: str
    """How notes name it: "emails: unavailable (...)"."""
    tool: str
    params: Mapping[str, Any]
    kinds: frozenset[str]
    convert: Convert
    page: int | None = PAGE
    """The page size asked for, to tell when records may be missing; None if not paged."""


def sources(lead_id: int) -> tuple[Source, ...]:
    """Every source of a lead's history. Order matters: on a duplicate the earlier one's wording wins."""
    history = {"leadId": lead_id, "limit": PAGE, "offset": 0}

    def logs(kind: str, log_type: str) -> Source:
        return Source(
            f"logged {kind}s",
            "list_logs",
            {**history, "logType": log_type},
            frozenset({kind}),
            _logged(kind),
        )

    return (
        Source("notes", "list_notes", {"leadId": lead_id}, frozenset({"note"}), _note, page=None),
        Source("dialer calls", "search_calls", history, frozenset({"call"}), _call),
        Source("call history", "list_call_history", history, frozenset({"call"}), _call),
        Source("emails", "list_email_history", history, frozenset({"email"}), _email),
        Source("texts", "list_text_history", history, frozenset({"text"}), _text),
        logs("call", "logCall"),
        logs("email", "logEmail"),
        logs("text", "logText"),
        Source("tasks", "list_tasks", {"leadId": lead_id}, frozenset({"task"}), _task, page=None),
        Source(
            "appointments",
            "list_appointments",
            {"leadId": lead_id},
            frozenset({"appointment"}),
            _appointment,
            page=None,
        ),
        Source(
            "website activity",
            "list_lead_activities",
            {"leadId": lead_id, "curPage": 0},
            frozenset({"activity"}),
            _activity,
        ),
        Source(
            "transactions",
            "list_transactions",
            {"leadId": lead_id},
            frozenset({"transaction"}),
            _transaction,
            page=None,
        ),
        Source(
            "system logs",
            "list_system_logs",
            {"leadId": lead_id, "pageSize": PAGE},
            frozenset({"system"}),
            _system,
        ),
    )


_PROFILE = "lead profile"
_NEEDS_NAMES = frozenset({"call", "email", "text"})
"""Kinds whose records name the agent only by user id: those need the member list."""


# -- building --------------------------------------------------------------------------------------


async def build_timeline(
    client: ChimeClient,
    lead_id: int,
    filters: Filters | None = None,
    *,
    concurrent: bool = True,
) -> Timeline:
    """The lead's timeline. Raises NotFoundError for an unknown lead, and the first error when
    every source failed; otherwise a failing source is a note. `concurrent=False` fetches one
    source after another (the benchmark's baseline)."""
    filters = filters or Filters()
    chosen = [s for s in sources(lead_id) if s.kinds & filters.kinds]
    results: dict[str, list[Any]] = {}
    failures: dict[str, errors.ChimeError] = {}
    profile: list[m.LeadResponse] = []
    members: dict[int, str] = {}

    async def fetch(source: Source) -> None:
        try:
            results[source.label] = items_of(await client.call(BY_TOOL[source.tool], source.params))
        except errors.ChimeError as exc:
            failures[source.label] = exc

    async def fetch_profile() -> None:
        # Read beside the sources, for the lead's name and to tell an unknown lead (404)
        # from an empty history. Raising inside the task group would cancel the other
        # sources and wrap the error, so it is kept and raised after the group.
        try:
            profile.append(await client.call(BY_TOOL["get_lead"], {"leadId": lead_id}))
        except errors.ChimeError as exc:
            failures[_PROFILE] = exc

    async def fetch_members() -> None:
        # Only to put names on calls, emails and texts: a failure leaves user ids, not a note.
        try:
            page = await client.call(BY_TOOL["list_members"], {"limit": 200})
        except errors.ChimeError:
            return
        for member in page.members or ():
            name = _person(member.firstName, member.lastName)
            for user_id in (member.id, member.memberUserId):
                if user_id is not None and name:
                    members[user_id] = name

    jobs: list[Callable[[], Coroutine[Any, Any, None]]] = [fetch_profile]
    if filters.kinds & _NEEDS_NAMES:
        jobs.append(fetch_members)
    jobs.extend(functools.partial(fetch, source) for source in chosen)
    if concurrent:
        async with anyio.create_task_group() as group:
            for job in jobs:
                group.start_soon(job)
    else:
        for job in jobs:
            await job()

    missing = failures.get(_PROFILE)
    if isinstance(missing, errors.NotFoundError):
        raise missing
    if chosen and all(source.label in failures for source in chosen):
        raise failures[chosen[0].label]

    # In source order, not in the order the failures happened to arrive.
    labels = (_PROFILE, *(source.label for source in chosen))
    notes = [f"{label}: unavailable ({_reason(failures[label])})" for label in labels if label in failures]
    events: list[Event] = []
    undated = 0
    for source in chosen:
        records = results.get(source.label)
        if records is None:
            continue
        if source.page is not None and len(records) >= source.page:
            notes.append(f"{source.label}: only the first {source.page} records were read")
        for record in records:
            event = source.convert(record, source.tool)
            if event is None:
                undated += 1
            else:
                events.append(event)
    if undated:
        notes.append(f"{undated} records without a time were left out")

    merged = [_named(event, members) for event in deduplicate(events)]
    matching = sorted((e for e in merged if filters.admits(e)), key=_newest_first)
    lead = profile[0] if profile else None
    return Timeline(
        lead_id=lead_id,
        lead_name=_person(lead.firstName, lead.lastName) if lead else "",
        events=matching[: filters.limit],
        total=len(matching),
        notes=notes,
    )


def deduplicate(events: Sequence[Event]) -> list[Event]:
    """One event per identity key; the first keeps its wording and the sources are joined."""
    kept: dict[tuple[str, str], Event] = {}
    for event in events:
        first = kept.get(event.key)
        if first is None:
            kept[event.key] = event
        elif event.source not in first.source.split("+"):
            kept[event.key] = replace(first, source=f"{first.source}+{event.source}")
    return list(kept.values())


def _newest_first(event: Event) -> tuple[float, str]:
    return (-event.time.timestamp(), event.id)


def _named(event: Event, members: Mapping[int, str]) -> Event:
    if event.who or event.agent_id is None:
        return event
    return replace(event, who=members.get(event.agent_id, f"user {event.agent_id}"))


def _reason(exc: errors.ChimeError) -> str:
    # The message without the hint: the note says what is missing, not how to fix the server.
    return exc.message.rstrip(".")


# -- one converter per record type -----------------------------------------------------------------


def _note(note: m.NoteResponse, source: str) -> Event | None:
    when = parse_time(note.createTime)
    if when is None:
        return None
    note_id = str(note.noteId or note.id or "")
    summary = _line(note.content)
    if note.lastUpdate and note.lastUpdate != note.createTime:
        summary += " (edited)"
    if note.isPin:
        summary = "pinned: " + summary
    return Event(when, "note", summary, source, note_id, who=note.creatorName or "", key=("note", note_id))


def _call(call: m.CallResponse, source: str) -> Event | None:
    when = parse_time(call.startTime) or parse_time(call.createTime)
    if when is None:
        return None
    parts = [call.callingOutcome or call.status or "call"]
    if call.duration:
        parts[0] += f" {_duration(call.duration)}"
    if call.note:
        parts.append(_line(call.note))
    call_id = str(call.id or call.dialerCallRecordId or "")
    return Event(
        when,
        "call",
        ": ".join(parts),
        source,
        call_id,
        direction=_direction(call.direction),
        agent_id=call.userId or call.agentId,
        key=("call", call_id),
    )


def _email(email: m.EmailResponse, source: str) -> Event | None:
    when = parse_time(email.emailEventTime)
    if when is None:
        return None
    status = ", ".join(x for x in (email.eventType, email.emailType) if x)
    summary = _line(email.emailSubject or "(no subject)") + (f" ({status})" if status else "")
    email_id = str(email.id or "")
    return Event(
        when,
        "email",
        summary,
        source,
        email_id,
        direction=_direction(email.direction),
        agent_id=email.agentId,
        key=("email", email_id),
    )


def _text(text: m.TextResponse, source: str) -> Event | None:
    when = parse_time(text.textTime)
    if when is None:
        return None
    status = ", ".join(x for x in (text.textOutcome, text.textType) if x)
    content = _extra(text, "textContent")
    summary = (_line(str(content)) + f" ({status})") if content else (status or "text")
    text_id = str(text.id or "")
    return Event(
        when,
        "text",
        summary,
        source,
        text_id,
        direction=_direction(text.direction),
        agent_id=text.agentId,
        key=("text", text_id),
    )


def _logged(kind: str) -> Convert:
    def convert(log: m.LogTypeResponse, source: str) -> Event | None:
        when = parse_time(log.createTime)
        if when is None:
            return None
        subject = _extra(log, "emailSubject")
        head = " ".join(str(x) for x in (f"logged {kind}", log.callingOutcome, subject) if x)
        content = _line(_extra(log, "content") or "")
        log_id = str(log.id or "")
        return Event(
            when,
            kind,
            f"{head}: {content}" if content else head,
            source,
            log_id,
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
    summary = f"{task.type or 'Other'} task: {_line(task.content)} ({status})"
    task_id = str(task.id or "")
    return Event(when, "task", summary, source, task_id, who=task.assignedUser or "", key=("task", task_id))


def _appointment(appointment: m.Appointment, source: str) -> Event | None:
    when = parse_time(appointment.deadline)
    if when is None:
        return None
    summary = _line(appointment.descr or "appointment")
    if appointment.address:
        summary += f" at {_line(appointment.address)}"
    summary += " (done)" if appointment.finishFlag else (" (upcoming)" if when > datetime.now(UTC) else "")
    appointment_id = str(appointment.id or "")
    return Event(
        when,
        "appointment",
        summary,
        source,
        appointment_id,
        agent_id=appointment.assignToUid,
        key=("appointment", appointment_id),
    )


def _activity(activity: m.LeadActivity, source: str) -> Event | None:
    when = parse_time(activity.created)
    if when is None:
        return None
    summary = f"{activity.type}: {_line(activity.text)}"
    if activity.scheduledDate:
        summary += f" for {activity.scheduledDate}"
    # Activities carry no id on the wire: their time and type identify them.
    activity_id = f"{activity.created}-{activity.type}"
    return Event(
        when,
        "activity",
        summary,
        source,
        activity_id,
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
    summary = f"deal {_line(deal.transactionName)}" + (f" ({', '.join(facts)})" if facts else "")
    deal_id = str(deal.transactionId or "")
    return Event(
        when,
        "transaction",
        summary,
        source,
        deal_id,
        agent_id=deal.assignedAgent,
        key=("transaction", deal_id),
    )


def _system(log: m.SystemLogResponse, source: str) -> Event | None:
    when = parse_time(log.timelineTime) or parse_time(log.createTime)
    if when is None:
        return None
    content = _content(log.content)
    desc = str(_extra(log, "timelineTypeDesc") or f"event {log.timelineType}")
    log_id = str(log.id or "")
    who = _person(log.fromFirstName, log.fromLastName) if log.fromType == 1 else ""
    if not who and log.agentId == 0:
        who = "system"
    return Event(
        when,
        "system",
        _system_summary(desc, content, log),
        source,
        log_id,
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
            ref = content.get(field_name) or _extra(log, "refId")
            if ref:
                return (kind, str(ref))
    return ("system", str(log.id or ""))


def _system_summary(desc: str, content: Mapping[str, Any], log: m.SystemLogResponse) -> str:
    target = _person(log.toFirstName, log.toLastName)
    if "fromStageName" in content or "toStageName" in content:
        return f"stage {content.get('fromStageName', '?')} -> {content.get('toStageName', '?')}"
    if desc == "NewLead":
        return f"new lead from {content['source']}" if content.get("source") else "new lead"
    if desc.startswith("Assign") or desc == "MoveToLeadPond":
        name = content.get("assigneeName") or content.get("pondName") or target
        return f"{_words(desc)}: {name}" if name else _words(desc)
    details = ", ".join(f"{k}={_line(str(v))}" for k, v in content.items() if v not in (None, "", [], {}))
    return _line(f"{_words(desc)}: {details}" if details else _words(desc))


# -- small helpers ---------------------------------------------------------------------------------


def _extra(model: BaseModel, name: str) -> Any:
    """A wire field the model does not declare (kept because response models allow extras)."""
    value = getattr(model, name, None)
    if value is None and model.model_extra:
        value = model.model_extra.get(name)
    return value


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


def _person(first: str | None, last: str | None) -> str:
    return " ".join(part for part in (first, last) if part)


def _direction(value: str | None) -> str:
    text = (value or "").lower()
    return "in" if text.startswith("in") else "out" if text.startswith("out") else ""


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


def _words(identifier: str) -> str:
    """ "AssignAgent" -> "assign agent"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", identifier).lower()


def _line(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= _SUMMARY_CHARS else flat[: _SUMMARY_CHARS - 1] + "…"


def _markdown_row(event: Event) -> str:
    head = f"{event.time:%Y-%m-%d %H:%M} {event.kind}"
    if event.direction:
        head += f" {event.direction}"
    if event.who:
        head += f", {event.who}"
    return f"{head}: {event.summary} [{event.source} {event.id}]"


# -- the MCP tool ----------------------------------------------------------------------------------

TOOL_NAME = "get_lead_timeline"
TOOL_TITLE = "Get lead timeline"
TOOL_DESCRIPTION = "A lead's whole history, newest first. kinds: " + ",".join(KINDS) + "."


class TimelineEvent(BaseModel):
    time: str
    kind: str
    direction: str = ""
    who: str = ""
    summary: str
    source: str
    id: str


class TimelineResult(BaseModel):
    leadId: int
    lead: str = ""
    total: int
    shown: int
    events: list[TimelineEvent]
    notes: list[str] = Field(default_factory=list)


# Terse on purpose: the tool is in the default set, whose schemas share a 4,000-token budget.
Kinds = Annotated[str, Field(description="Comma-separated")]
Since = Annotated[str, Field(description="ISO date/time (UTC) or 30d")]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]


def register_timeline_tool(server: MCPServer[Any], backend: Backend) -> None:
    """Add `get_lead_timeline` to the server (the "leads" toolset)."""

    async def get_lead_timeline(
        leadId: int,
        since: Since = "",
        until: str = "",
        kinds: Kinds = "",
        limit: Limit = DEFAULT_LIMIT,
    ) -> Annotated[CallToolResult, TimelineResult]:
        arguments = {"leadId": leadId, "since": since, "until": until, "kinds": kinds, "limit": limit}
        try:
            filters = parse_filters(since, until, kinds, limit)
            client = await backend.client()
            timeline = await build_timeline(client, leadId, filters)
        except errors.ChimeError as exc:
            raise tool_error(TOOL_NAME, exc, arguments) from None
        return CallToolResult(
            content=[TextContent(type="text", text=timeline.to_markdown())],
            structured_content=timeline.as_json(),
        )

    server.add_tool(
        get_lead_timeline,
        name=TOOL_NAME,
        title=TOOL_TITLE,
        description=TOOL_DESCRIPTION,
        annotations=ToolAnnotations(
            title=TOOL_TITLE,
            read_only_hint=True,
            destructive_hint=False,
            idempotent_hint=True,
            open_world_hint=False,
        ),
    )
    # As tools.py does for catalog tools: no titles, refs or nullable unions in the schemas.
    registered = server._tool_manager.get_tool(TOOL_NAME)
    assert registered is not None
    registered.parameters = clean_schema(registered.parameters, drop=("additionalProperties",))
    for schema in registered.parameters["properties"].values():
        # An empty-text default says nothing a missing "required" does not already say.
        if schema.get("default") == "":
            del schema["default"]
    output = registered.fn_metadata.output_schema
    if output is not None:
        registered.fn_metadata.output_schema = clean_schema(output)
