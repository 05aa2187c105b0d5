"""A lead's tasks (some overdue, some due today or this week) and appointments."""

from __future__ import annotations

from chime_mcp.sandbox.demo.builder import Builder, full_name
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY, HOUR
from chime_mcp.sandbox.demo.vocabulary import APPT_BUYER, APPT_SELLER, MANUAL_SUBJECTS, TASKS

TaskPlan = tuple[str, bool, int]
"""(type, open, deadline)."""


def build_tasks(b: Builder, info: LeadInfo) -> None:
    for kind, is_open, deadline in _task_plans(b, info):
        _task(b, info, kind, is_open, deadline)


def _task_plans(b: Builder, info: LeadInfo) -> list[TaskPlan]:
    now = b.now
    stage = info.stage
    if info.bob:
        return [
            ("Call", True, now - 2 * DAY - 3 * HOUR),
            ("Email", True, b.today_start + 22 * HOUR),
            ("Text", False, now - 9 * DAY),
        ]
    plans: list[TaskPlan] = []
    n = 0 if stage == "Archived" else b.ri(0 if stage in ("Closed", "Nurture") else 1, 3)
    for i in range(n):
        kind = b.pick(("Call", "Call", "Call", "Email", "Text", "Other"))
        is_open = stage not in ("Archived",) and (i == 0 or b.rand() < 0.4)
        if stage == "Closed" and is_open and b.rand() < 0.5:
            is_open = False
        deadline = _open_deadline(b) if is_open else b.between(info.created + DAY, info.last_ts)
        plans.append((kind, is_open, deadline))
    return plans


def _open_deadline(b: Builder) -> int:
    now = b.now
    roll = b.rand()
    if roll < 0.3:
        return now - b.rr(2 * HOUR, 12 * DAY)  # overdue
    if roll < 0.5:
        return b.today_start + b.rr(14, 24) * HOUR  # today
    if roll < 0.8:
        return now + b.rr(DAY, 7 * DAY)  # this week
    return now + b.rr(7 * DAY, 45 * DAY)


def _task(b: Builder, info: LeadInfo, kind: str, is_open: bool, deadline: int) -> None:
    now = b.now
    ctx = info.ctx
    worker = info.worker
    if info.agent is not None and kind in ("Call", "Text") and b.rand() < 0.15:
        worker, assigned_role = b.assistant, "Assistant"
    elif info.agent is None:
        assigned_role = "Assistant"
    else:
        assigned_role = "Agent"
    deadline = deadline - deadline % 900
    created = b.between(max(info.created, min(deadline, now) - 10 * DAY), min(deadline, now))
    created = max(created, info.created + 60)
    if is_open:
        finish = ""
        updated = created
    else:
        done = min(b.between(deadline - 2 * DAY, deadline + DAY), now)
        done = max(done, created)
        finish = b.fmt(done)
        updated = done
    task_id = b.nid()
    is_email = kind == "Email"
    b.state.tasks[task_id] = {
        "id": task_id,
        "leadId": info.lead_id,
        "creatorId": worker["id"] if b.rand() < 0.7 else b.admin["id"],
        "content": b.pick(TASKS[kind][info.depth]).format_map(ctx),
        "type": kind,
        "deadline": b.fmt(deadline),
        "finishTime": finish,
        "createTime": b.fmt(created),
        "lastUpdate": b.fmt(updated),
        "deleteFlag": False,
        "finishFlag": not is_open,
        "overdueFlag": is_open and deadline < now,
        "leadName": f"{info.first} {info.last}",
        "leadEmail": info.email,
        "leadPhone": info.phone,
        "leadFirstName": info.first,
        "leadLastName": info.last,
        "reminderType": b.pick((0, 0, 1, 2)),
        "assignedRole": assigned_role,
        "assignedUser": full_name(worker),
        "teamId": b.state.team_id,
        "subject": b.pick(MANUAL_SUBJECTS[info.depth]).format_map(ctx) if is_email else "",
        "body": f"Hi {info.first}, following up on our conversation." if is_email else "",
        "assignedUserId": worker["id"],
        "pipelineId": None,
        "queryInfo": "",
        "leadUserId": info.lead_user_id,
        "queryId": None,
    }
    info.bump(updated)


def build_appointments(b: Builder, info: LeadInfo) -> None:
    """One coming appointment for leads at "Appointment Set" (and Bob); past ones for engaged leads."""
    now = b.now
    slots: list[int] = []
    if info.stage == "Appointment Set" or info.bob:
        day = b.today_start + b.ri(1, 6) * DAY
        slots.append(day + b.rr(15, 23) * HOUR)
    if info.depth >= 4 and not info.bob:
        for _ in range(b.ri(1, 2)):
            t = b.work_between(info.created + 2 * DAY, info.last_ts)
            slots.append(min(t, now - HOUR))
    for start in slots:
        _appointment(b, info, start - start % 1800)


def _appointment(b: Builder, info: LeadInfo, start: int) -> None:
    now = b.now
    future = start > now
    length = b.pick((1, 1, 2)) * HOUR
    created = b.between(max(info.created + 600, min(start, now) - 7 * DAY), min(start, now) - 600)
    created = max(created, info.created + 60)
    appt_id = b.nid()
    at_home = info.seller and b.rand() < 0.7
    descr = b.pick(APPT_SELLER if at_home else APPT_BUYER).format_map(info.ctx)
    address = info.ctx["home"] if at_home else f"{b.street()}, {info.ctx['city']}, TX"
    ended = min(start + length, now)
    record: Record = {
        "id": appt_id,
        "descr": descr,
        "address": address,
        "createTime": b.fmt(created),
        "lastUpdate": b.fmt(created if future else ended),
        "deadline": start * 1000,
        "endTime": (start + length) * 1000,
        "allDay": False,
        "finishFlag": not future,
        "deleteFlag": False,
        "overdue": False,
        "finishTime": None if future else ended * 1000,
        "leadId": info.lead_id,
        "assignToUid": info.worker["id"],
        "assignRoleType": 1 if info.agent is not None else 4,
        "creatorId": info.worker["id"],
    }
    b.state.appointments[appt_id] = record
    info.bump(created if future else ended)
