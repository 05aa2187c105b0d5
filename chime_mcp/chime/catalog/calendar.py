"""Calendar events (v2): the tasks and appointments of leads, by time (agenda items, the v2 tasks
API over the same records, are in `agenda`).

Both APIs serve the same records. The calendar names one by a composite string, `"12345-task"` or
`"12345-appointment"`, which is passed back exactly as it was given (typed as a string, sent as
one percent-encoded path segment); the v2 tasks API names it by the number (the calendar item's
`taskId`), as the published document types it. The v1 `tasks` toolset keeps the names
list_tasks, create_task, ...: here they are agenda items. Finishing and unfinishing replace what a
record holds (its done flag and time): overwrites.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import AfterValidator, Field

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, LeadLimit, Offset
from chime_mcp.chime.operation import Body, Effect, Operation, Param


def _given(value: str) -> str:
    if not value.strip():
        raise ValueError("give the id a calendar list answered, e.g. 12345-task")
    return value


CalendarId = Annotated[str, AfterValidator(_given)]
"""A composite calendar id (`12345-task`): any text the API gave, never parsed or rebuilt. Refused
when blank, by a check rather than a schema bound (the document has none; every token counts)."""
PageSize = Annotated[int, Field(ge=1, le=500)]


def calendar_id() -> Param:
    return Param(name="calendarId", location="path", annotation=CalendarId, required=True)


def task_id() -> Param:
    return Param(name="taskId", location="path", annotation=Id, required=True)


def _time(name: str, required: bool = False) -> Param:
    return Param(name=name, location="query", annotation=m.CalendarTime, required=required)


LIST_CALENDAR_EVENTS: Final = Operation(
    tool="list_calendar_events",
    method="GET",
    path="/v2.0/calendar",
    title="List calendar events",
    description="Your tasks and appointments after startTime and/or before endTime.",
    toolset="calendar",
    effect=Effect.READ,
    result=m.CalendarListResponseV2,
    params=(
        Param(name="leadId", location="query", annotation=Id),
        _time("startTime"),
        _time("endTime"),
        Param(name="includeFinished", location="query", annotation=bool, default=False),
        Param(name="page", location="query", annotation=Offset, default=0),
        Param(name="pageSize", location="query", annotation=PageSize, default=20),
    ),
    unwrap=("data",),
    omitted={
        "startTimeMs": "startTime takes epoch ms too",
        "endTimeMs": "endTime takes epoch ms too",
        "timeZoneCode": "times are read with their offsets",
        "sort": "startTime, the default",
        "desc": "newest first, the default",
        "sourceType": "undocumented codes",
    },
)

CREATE_CALENDAR_EVENT: Final = Operation(
    tool="create_calendar_event",
    method="POST",
    path="/v2.0/calendar",
    title="Create calendar event",
    description="A task or appointment with a lead, in the future.",
    toolset="calendar",
    effect=Effect.WRITE,
    result=m.CreateCalendarResponseEnvelope,
    body=Body(name="calendar", model=m.CalendarRequestV2, tool_hidden=("startAtMs", "endAtMs", "assignedRole")),
)

UPDATE_CALENDAR_EVENT: Final = Operation(
    tool="update_calendar_event",
    method="PUT",
    path="/v2.0/calendar/{calendarId}",
    title="Update calendar event",
    description="Change an event; fields left out stay.",
    toolset="calendar",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(calendar_id(),),
    body=Body(
        name="calendar",
        model=m.CalendarUpdateRequestV2,
        tool_hidden=("startAtMs", "endAtMs", "reminderType", "reminderTime", "leadId"),
    ),
)

FINISH_CALENDAR_EVENT: Final = Operation(
    tool="finish_calendar_event",
    method="POST",
    path="/v2.0/calendar/{calendarId}/finish",
    title="Finish calendar event",
    description="Mark an event done.",
    toolset="calendar",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(calendar_id(),),
)

UNFINISH_CALENDAR_EVENT: Final = Operation(
    tool="unfinish_calendar_event",
    method="POST",
    path="/v2.0/calendar/{calendarId}/unfinish",
    title="Unfinish calendar event",
    description="Mark an event not done.",
    toolset="calendar",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(calendar_id(),),
)

DELETE_CALENDAR_EVENT: Final = Operation(
    tool="delete_calendar_event",
    method="DELETE",
    path="/v2.0/calendar/{calendarId}",
    title="Delete calendar event",
    description="Delete an event.",
    toolset="calendar",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(calendar_id(),),
)

LIST_AVAILABLE_MEETINGS: Final = Operation(
    tool="list_available_meetings",
    method="GET",
    path="/v2.0/calendar/meetings/available",
    title="List available meetings",
    description="Your free hours between two future times, 90 days at most.",
    toolset="calendar",
    effect=Effect.READ,
    result=m.AvailableMeetingsResponseV2,
    params=(
        _time("startTime", required=True),
        _time("endTime", required=True),
        Param(name="limit", location="query", annotation=LeadLimit, default=10),
    ),
    unwrap=("data",),
    omitted={
        "startTimeMs": "startTime takes epoch ms too",
        "endTimeMs": "endTime takes epoch ms too",
        "timeZoneCode": "slots carry their offsets",
    },
)
