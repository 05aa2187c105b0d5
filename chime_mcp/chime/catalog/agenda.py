"""Agenda items: the v2 tasks API, over the same tasks and appointments as the calendar, named by
their number (a calendar item's `taskId`), as the published document types it. Finishing and
unfinishing replace a record's done flag and time: overwrites."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, LeadLimit, Offset, lead_id
from chime_mcp.chime.catalog.calendar import task_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

LIST_LEAD_AGENDA: Final = Operation(
    tool="list_lead_agenda",
    method="GET",
    path="/v2.0/tasks",
    title="List lead agenda",
    description="A lead's tasks and appointments.",
    toolset="agenda",
    effect=Effect.READ,
    result=list[m.TaskResponseV2],
    params=(lead_id(),),
    unwrap=("tasks",),
)

LIST_MY_TASKS: Final = Operation(
    tool="list_my_tasks",
    method="GET",
    path="/v2.0/tasks/my-tasks",
    title="List my tasks",
    description="Agenda items assigned to you or userId.",
    toolset="agenda",
    effect=Effect.READ,
    result=list[m.TaskResponseV2],
    params=(
        Param(name="userId", location="query", annotation=Id),
        Param(name="currentId", location="query", annotation=Offset, default=0, description="Last id seen"),
        Param(name="limit", location="query", annotation=LeadLimit, default=10),
    ),
    unwrap=("tasks",),
    omitted={"timeZoneCode": "times carry their offsets"},
)

GET_AGENDA_ITEM: Final = Operation(
    tool="get_agenda_item",
    method="GET",
    path="/v2.0/tasks/{taskId}",
    title="Get agenda item",
    description="One task or appointment.",
    toolset="agenda",
    effect=Effect.READ,
    result=m.TaskResponseV2,
    params=(task_id(),),
    unwrap=("task",),
)

CREATE_AGENDA_ITEM: Final = Operation(
    tool="create_agenda_item",
    method="POST",
    path="/v2.0/tasks",
    title="Create agenda item",
    description="A task or appointment (type Appointment) on a lead.",
    toolset="agenda",
    effect=Effect.WRITE,
    result=m.TaskV2Id,
    body=Body(name="task", model=m.TaskRequestV2, tool_hidden=("timeZoneCode",)),
)

UPDATE_AGENDA_ITEM: Final = Operation(
    tool="update_agenda_item",
    method="PUT",
    path="/v2.0/tasks/{taskId}",
    title="Update agenda item",
    description="Change an item.",
    toolset="agenda",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(task_id(),),
    body=Body(
        name="task",
        model=m.UpdateTaskRequestV2,
        tool_hidden=("timeZoneCode",),
        one_of=("content", "startAt", "endAt", "address"),
    ),
)

FINISH_AGENDA_ITEM: Final = Operation(
    tool="finish_agenda_item",
    method="POST",
    path="/v2.0/tasks/{taskId}/finish",
    title="Finish agenda item",
    description="Mark an item done.",
    toolset="agenda",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(task_id(),),
)

UNFINISH_AGENDA_ITEM: Final = Operation(
    tool="unfinish_agenda_item",
    method="POST",
    path="/v2.0/tasks/{taskId}/unfinish",
    title="Unfinish agenda item",
    description="Mark an item not done.",
    toolset="agenda",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(task_id(),),
)

DELETE_AGENDA_ITEM: Final = Operation(
    tool="delete_agenda_item",
    method="DELETE",
    path="/v2.0/tasks/{taskId}",
    title="Delete agenda item",
    description="Delete a task or appointment.",
    toolset="agenda",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(task_id(),),
)
