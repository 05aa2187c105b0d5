"""Intelligent features (toolset `ai`), emulated deterministically from the sandbox's records.

A call summary is built from the dialer call (its lead, direction, length, outcome and note) and
is ready at once (status 2, finished); a call script from the lead and one of its tasks; a
meeting insight from the lead and one of its appointments. Lead analyses are tasks that stay
running: the list shows the caller's from the last three months, as the document says.
"""

from __future__ import annotations

from typing import Any, Final

from chime_mcp.chime.catalog import ai
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import RESOURCE_NOT_EXIST, bad, missing
from chime_mcp.sandbox.handlers.records import full_name, lead_of, member_or_none
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record

FINISHED: Final = 2
ANALYSIS_DAYS: Final = 90
"""Lead analysis tasks older than this are no longer listed."""


def _call_record(call: Call, record_id: int) -> Record:
    """The dialer call with this id (or dialer call record id)."""
    for record in call.st.calls.values():
        if record_id in (record.get("id"), record.get("dialerCallRecordId")):
            return record
    raise bad(f"callRecordId: no call record {record_id}")


def _money(value: Any) -> str:
    return f"${value:,.0f}" if isinstance(value, int | float) else ""


def _wants(lead: Record) -> str:
    """What the lead looks for, in a few words, from their inquiry."""
    inquiry = lead.get("leadInquiry") or {}
    kinds = ", ".join(inquiry.get("propertyType") or []) or "a home"
    where = ", ".join(loc["city"] for loc in inquiry.get("locations") or [] if loc.get("city")) or lead.get("city")
    low, high = _money(inquiry.get("priceMin")), _money(inquiry.get("priceMax"))
    price = f" at {low}-{high}" if low and high else ""
    return f"{kinds}{' in ' + where if where else ''}{price}"


def _summary(call: Call, record: Record, lead: Record) -> Record:
    agent = member_or_none(call, record.get("userId")) or {}
    minutes, seconds = divmod(int(record.get("duration") or 0), 60)
    note = record.get("note") or ""
    talked = record.get("callingOutcome") == "Talked"
    first, agent_first = lead.get("firstName") or "there", agent.get("firstName") or "your agent"
    keywords = [{"content": full_name(lead), "type": "leadName", "params": []}]
    if record.get("leadPhoneNumber"):
        keywords.append({"content": record["leadPhoneNumber"], "type": "leadPhone", "params": []})
    if lead.get("city"):
        keywords.append({"content": lead["city"], "type": "propertyLocation", "params": []})
    return {
        "id": call.store.new_id(),
        "recordingId": record.get("dialerCallRecordId") or record["id"],
        "status": FINISHED,
        "userId": record.get("userId"),
        "text": f"{agent_first}: Hi {first}, it's {agent_first}. {first}: Hi! {note}".strip(),
        "summary": (
            f"{record.get('direction', 'A')} call with {full_name(lead)} on {record.get('startTime')}, "
            f"{minutes} min {seconds} s, outcome {record.get('callingOutcome') or 'unknown'}. {note}"
        ).strip(),
        "keywords": keywords,
        "score": min(100, 40 + minutes * 10) if talked else 20,
        "comment": "A real conversation: follow up within a day." if talked else "No conversation: try again later.",
    }


@handler(ai.GENERATE_CALL_SUMMARY)
def generate_call_summary(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    record = _call_record(call, sent["callRecordId"])
    if record.get("leadId") != lead["leadId"]:
        raise bad(f"callRecordId: call {sent['callRecordId']} is not a call with lead {lead['leadId']}")
    if not record.get("recordingSwitch"):
        raise bad(f"callRecordId: call {sent['callRecordId']} has no recording to summarize")
    call.store.call_summaries[record["id"]] = _summary(call, record, lead)
    call.store.touch("call_summaries")
    return {"message": "Operation successful"}


@handler(ai.GET_CALL_SUMMARY)
def get_call_summary(call: Call) -> Record:
    record = _call_record(call, call.ident("callRecordId"))
    summary = call.store.call_summaries.get(record["id"])
    if summary is None:
        return {"status": {"code": RESOURCE_NOT_EXIST, "msg": "No summary has been generated for this call"}}
    return {"status": {"code": 0, "msg": "ok"}, "data": summary}


@handler(ai.GENERATE_CALL_SCRIPT)
def generate_call_script(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    task = call.st.tasks.get(sent["taskId"])
    if task is None or task.get("leadId") != lead["leadId"] or task.get("deleteFlag"):
        raise missing("Task", sent["taskId"])
    first = lead.get("firstName") or "there"
    agent = member_or_none(call, lead.get("assignedUserId")) or {}
    tags = ", ".join(t["tagName"] for t in lead.get("tags") or [])
    return {
        "context": (
            f"{full_name(lead)}, stage {lead.get('stage') or 'none'}, from {lead.get('source') or 'unknown'}"
            f"{'; tags ' + tags if tags else ''}. Task: {task.get('content')} (due {task.get('deadline')})."
        ),
        "objectiveSuggestion": [f"Confirm what {first} is looking for: {_wants(lead)}", "Agree on a next step"],
        "keyTalkingPoints": [
            {"title": "Opening", "value": [f"Hi {first}, it's {agent.get('firstName') or 'your agent'}."]},
            {"title": "Their search", "value": [f"Still after {_wants(lead)}?", "Any change in timing or budget?"]},
            {"title": "Next step", "value": ["Offer showings this week", "Send matching listings by email"]},
        ],
    }


@handler(ai.CREATE_LEAD_ANALYSIS)
def create_lead_analysis(call: Call) -> Record:
    lead_ids = call.fields()["leadIds"]
    if not lead_ids:
        raise bad("leadIds: must not be empty")
    for lead_id in lead_ids:
        lead_of(call, lead_id)
    task_id = call.store.new_id()
    call.store.lead_analyses[task_id] = {
        "taskId": task_id,
        "leadIds": list(dict.fromkeys(lead_ids)),
        "status": "PROCESSING",
        "userId": call.st.me_id,
        "createTime": wire_time(call.now),
        "created": call.now,
    }
    call.store.touch("lead_analyses")
    return {"code": 0, "message": "success", "data": {"taskId": task_id}}


@handler(ai.LIST_LEAD_ANALYSES)
def list_lead_analyses(call: Call) -> Record:
    since = call.now - ANALYSIS_DAYS * 86400
    mine = [
        {key: value for key, value in task.items() if key != "created"}
        for task in sorted(call.store.lead_analyses.values(), key=lambda t: -t["created"])
        if task["userId"] == call.st.me_id and task["created"] >= since and task["status"] == "PROCESSING"
    ]
    # The tool offers no pageNum (its schema stays small); the document's default is 1.
    number, size = call.integer("pageNum") or 1, call.integer_or_default("pageSize")
    if number < 1 or size < 1:
        raise bad("pageNum and pageSize: must be at least 1")
    start = (number - 1) * size
    page = {"total": len(mine), "pageNum": number, "pageSize": size, "list": mine[start : start + size]}
    return {"code": 0, "message": "success", "data": page}


@handler(ai.PREPARE_MEETING_INSIGHT)
def prepare_meeting_insight(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    appointment = call.st.appointments.get(sent["appointmentId"])
    if appointment is None or appointment.get("leadId") != lead["leadId"] or appointment.get("deleteFlag"):
        raise missing("Appointment", sent["appointmentId"])
    notes = sorted((n for n in call.st.notes.values() if n.get("leadId") == lead["leadId"]), key=_created)
    insight = {
        "leadId": lead["leadId"],
        "appointmentId": appointment["id"],
        "meeting": appointment.get("descr"),
        "address": appointment.get("address"),
        "leadName": full_name(lead),
        "stage": lead.get("stage"),
        "lookingFor": _wants(lead),
        "lastNote": notes[-1].get("content") if notes else None,
        "suggestions": [
            f"Bring listings matching {_wants(lead)}",
            "Ask about timing and financing",
            "Agree on the next appointment before leaving",
        ],
    }
    return {"code": 0, "message": "success", "data": insight}


def _created(note: Record) -> str:
    return str(note.get("createTime") or "")
