"""Toolset `agenda`: agenda items (the v2 tasks API), the calendar's records named by number."""

from __future__ import annotations

from chime_mcp.chime.catalog import agenda
from chime_mcp.sandbox.handlers import calendar_entries as entries
from chime_mcp.sandbox.handlers.calendar import _create, _removed
from chime_mcp.sandbox.handlers.calendar_entries import Entry
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.records import lead_of, touched
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record


def _item(call: Call) -> Entry:
    """The task or appointment the path's taskId names, or 404 TASK_NOT_EXIST."""
    number = call.ident("taskId")
    entry = entries.by_number(call, number)
    if entry is None or entry.record.get("leadId") in call.store.trash:
        raise missing("Task", number)
    return entry


@handler(agenda.LIST_LEAD_AGENDA)
def list_lead_agenda(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    found = [e for e in entries.every(call) if e.record["leadId"] == lead["leadId"]]
    found.sort(key=lambda e: -(entries.start_ms(call, e) or 0))
    return call.wrap([entries.task_v2(call, e) for e in found])


@handler(agenda.LIST_MY_TASKS)
def list_my_tasks(call: Call) -> Record:
    """The user's entries by start, latest first; currentId is the last id of the page before
    (read as an offset where no entry has it)."""
    user = call.integer("userId") or call.st.me_id
    mine = [
        e
        for e in entries.every(call)
        if user in ((e.record.get("assignedUserId"),) if e.kind == "task" else (e.record.get("assignToUid"),))
    ]
    mine.sort(key=lambda e: -(entries.start_ms(call, e) or 0))
    anchor = call.integer_or_default("currentId")
    ids = [e.ident for e in mine]
    offset = ids.index(anchor) + 1 if anchor in ids else anchor
    return call.wrap([entries.task_v2(call, e) for e in mine[offset : offset + call.integer_or_default("limit")]])


@handler(agenda.GET_AGENDA_ITEM)
def get_agenda_item(call: Call) -> Record:
    return call.wrap(entries.task_v2(call, _item(call)))


@handler(agenda.CREATE_AGENDA_ITEM)
def create_agenda_item(call: Call) -> Record:
    sent = call.fields()
    start, end = entries.sent_moment(sent, "startAt"), entries.sent_moment(sent, "endAt")
    if end is None:
        raise bad("endAt is required")
    appointment = sent["type"] == "Appointment"
    way = None if appointment else sent["type"]
    entry = _create(call, sent, appointment=appointment, way=way, start=start, end=end)
    return {"taskId": entry.ident}


@handler(agenda.UPDATE_AGENDA_ITEM)
def update_agenda_item(call: Call) -> Record:
    entry = _item(call)
    sent = call.fields()
    if all(sent.get(name) in (None, "") for name in ("content", "startAt", "endAt", "address")):
        raise bad("MISSING_PARAMETER: give at least one of content, startAt, endAt, address")
    entries.apply(call, entry, sent, entries.sent_moment(sent, "startAt"), entries.sent_moment(sent, "endAt"))
    touched(call, entries.lead_for(call, entry))
    return {"message": "success"}


@handler(agenda.FINISH_AGENDA_ITEM, agenda.UNFINISH_AGENDA_ITEM)
def finish_agenda_item(call: Call) -> Record:
    entry = _item(call)
    done = call.op is agenda.FINISH_AGENDA_ITEM
    if done and entry.kind == "task" and entry.record.get("queryId"):
        raise bad("TASK_IS_SMARTPLAN: a smart plan's task is finished by its plan")
    entries.set_finished(call, entry, done)
    touched(call, entries.lead_for(call, entry))
    return {"message": "success"}


@handler(agenda.DELETE_AGENDA_ITEM)
def delete_agenda_item(call: Call) -> Record:
    _removed(call, _item(call))
    return {"message": "success"}
