"""Toolset `tasks`: a lead's tasks, and its appointments (read only).

A task is worked by the lead's agent, or by the team's first assistant when it is assigned to
the Assistant role (the credential's user when there is none). Completing a task
(`finishFlag`) ignores the other fields sent, as the published API says.
"""

from __future__ import annotations

from chime_mcp.chime.catalog import tasks
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.records import for_lead, full_name, lead_of, me, member_or_none, sent_time, touched
from chime_mcp.sandbox.handlers.registry import EMPTY, Call, Empty, handler
from chime_mcp.sandbox.handlers.system_log import system_log
from chime_mcp.sandbox.store import Record


@handler(tasks.LIST_APPOINTMENTS)
def list_appointments(call: Call) -> list[Record]:
    lead = lead_of(call, call.integer("leadId"))
    return sorted(for_lead(call.st.appointments.values(), lead["leadId"]), key=lambda a: -(a.get("deadline") or 0))


def _worker(call: Call, lead: Record, role: str | None) -> Record:
    """Who works a task of this role on this lead."""
    if role == "Assistant":
        return next((m for m in call.st.members.values() if m.get("roleName") == "Assistant"), me(call))
    return member_or_none(call, lead.get("assignedUserId")) or me(call)


def _task_fields(call: Call, lead: Record, task: Record, sent: Record) -> None:
    role = sent.get("assignedRole", task.get("assignedRole"))
    worker = _worker(call, lead, role)
    deadline = sent.get("deadline")
    if deadline is not None:
        due = sent_time(deadline, "deadline")
        task["deadline"] = wire_time(due)
        task["overdueFlag"] = not task.get("finishFlag") and due < call.now
    for name in ("content", "type"):
        if name in sent:
            task[name] = sent[name]
    task.update(
        assignedRole=role,
        assignedUser=full_name(worker),
        assignedUserId=worker["id"],
        lastUpdate=wire_time(call.now),
    )


def _task_of(call: Call) -> tuple[Record, Record]:
    task = call.st.tasks.get(call.ident("taskId"))
    if task is None:
        raise missing("Task", call.ident("taskId"))
    return lead_of(call, task["leadId"]), task


def _blank_task(call: Call, task_id: int, lead: Record) -> Record:
    """A new task record with every wire field, before the body is applied."""
    stamp = wire_time(call.now)
    email = lead.get("emails") or [None]
    phone = lead.get("phones") or [None]
    return {
        "id": task_id, "leadId": lead["leadId"], "creatorId": call.st.me_id, "content": "", "type": "Other",
        "deadline": None, "finishTime": "", "createTime": stamp, "lastUpdate": stamp, "deleteFlag": False,
        "finishFlag": False, "overdueFlag": False, "leadName": full_name(lead), "leadEmail": email[0],
        "leadPhone": phone[0], "leadFirstName": lead.get("firstName"), "leadLastName": lead.get("lastName"),
        "reminderType": 0, "assignedRole": "Agent", "assignedUser": None, "teamId": call.st.team_id,
        "subject": "", "body": "", "assignedUserId": None, "pipelineId": None, "queryInfo": "",
        "leadUserId": lead["leadUserId"], "queryId": None,
    }  # fmt: skip


def _log_task(call: Call, lead: Record, desc: str, task: Record) -> None:
    system_log(call, lead, desc, {"taskType": task["type"], "taskContent": task["content"]}, ref=task["id"])


@handler(tasks.CREATE_TASK)
def create_task(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    if not sent["content"].strip():
        raise bad("content: must not be blank")
    task_id = call.store.new_id()
    task = _blank_task(call, task_id, lead)
    _task_fields(call, lead, task, sent)
    call.st.tasks[task_id] = task
    call.store.touch("tasks")
    _log_task(call, lead, "CreateTask", task)
    touched(call, lead)
    return {"taskId": task_id}


@handler(tasks.LIST_TASKS)
def list_tasks(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    return call.wrap(sorted(for_lead(call.st.tasks.values(), lead["leadId"]), key=lambda t: t.get("deadline") or ""))


@handler(tasks.GET_TASK)
def get_task(call: Call) -> Record:
    return call.wrap(_task_of(call)[1])


@handler(tasks.UPDATE_TASK)
def update_task(call: Call) -> Empty:
    lead, task = _task_of(call)
    sent = call.fields()
    if sent.get("leadId") is not None and sent["leadId"] != task["leadId"]:
        raise bad("INVALID_UPDATE_OPERATION_LEADID: leadId does not match the task's lead")
    if sent.get("finishFlag"):  # the published API: completes the task, other fields ignored
        task.update(finishFlag=True, finishTime=wire_time(call.now), overdueFlag=False, lastUpdate=wire_time(call.now))
    else:
        _task_fields(call, lead, task, sent)
    call.store.touch("tasks")
    touched(call, lead)
    return EMPTY


@handler(tasks.DELETE_TASK)
def delete_task(call: Call) -> Empty:
    lead, task = _task_of(call)
    del call.st.tasks[task["id"]]
    call.store.touch("tasks")
    _log_task(call, lead, "DeleteTask", task)
    touched(call, lead)
    return EMPTY
