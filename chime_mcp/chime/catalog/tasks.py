"""Tasks and appointments on leads."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

LIST_APPOINTMENTS: Final = Operation(
    tool="list_appointments",
    method="GET",
    path="/v1.0/appts",
    title="List appointments",
    description="A lead's appointments.",
    toolset="tasks",
    effect=Effect.READ,
    result=list[m.Appointment],
    params=(lead_id(),),
)

CREATE_TASK: Final = Operation(
    tool="create_task",
    method="POST",
    path="/v1.0/tasks",
    title="Create task",
    description="Add a to-do on a lead for its agent.",
    toolset="tasks",
    effect=Effect.WRITE,
    result=m.TaskId,
    body=Body(name="leadTask", model=m.TaskRequest, tool_hidden=("finishFlag",)),
)

LIST_TASKS: Final = Operation(
    tool="list_tasks",
    method="GET",
    path="/v1.0/tasks",
    title="List tasks",
    description="A lead's tasks.",
    toolset="tasks",
    effect=Effect.READ,
    result=list[m.TaskResponse],
    params=(lead_id(),),
    unwrap=("taskList",),
)

GET_TASK: Final = Operation(
    tool="get_task",
    method="GET",
    path="/v1.0/tasks/{taskId}",
    title="Get task",
    description="One task.",
    toolset="tasks",
    effect=Effect.READ,
    result=m.TaskResponse,
    params=(Param(name="taskId", location="path", annotation=Id, required=True),),
    unwrap=("task",),
)

UPDATE_TASK: Final = Operation(
    tool="update_task",
    method="PUT",
    path="/v1.0/tasks/{taskId}",
    title="Update task",
    description="Change a task; finishFlag=true marks it done.",
    toolset="tasks",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(Param(name="taskId", location="path", annotation=Id, required=True),),
    body=Body(name="leadTask", model=m.TaskRequest),
)

DELETE_TASK: Final = Operation(
    tool="delete_task",
    method="DELETE",
    path="/v1.0/tasks/{taskId}",
    title="Delete task",
    description="Delete a task.",
    toolset="tasks",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(Param(name="taskId", location="path", annotation=Id, required=True),),
)
