"""Toolset `notifications`: what goes to the team's own people (opportunity alerts, system texts
and emails to the caller, texts from the Sales Agent's AI number, task reminder pushes) joins
`agent_messages`, one record per recipient, since no API read shows it.

As the document says: an opportunity alert goes to the lead's assigned agent, or to every member
of its pond (answering `data: false` then, a quirk the document names), and also by text and
email for some types; an unknown lead or one without an agent answers `data: false` and alerts
no one; deactivated agents are skipped. The v2 texts and emails go to the caller's own phone or
address (400 on a blank text, or without a phone, an address or an AI number); a task reminder
goes to the task's or appointment's assignee (400 when there is none, or it is deleted).
"""

from __future__ import annotations

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import notifications
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import full_name, me, member_or_none
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record

_OK = {"code": 0, "msg": "success"}
DEMO_AI_NUMBER = "(555) 040-0100"
"""The AI virtual number of the demo user's Sales Agent (unless `Store.ai_numbers` says otherwise)."""


def ai_number(call: Call, user_id: int) -> str:
    """The AI virtual number of `user_id`'s Sales Agent, or "" without one."""
    default = DEMO_AI_NUMBER if user_id == call.st.me_id else ""
    return call.store.ai_numbers.get(user_id, default)


def active(member: Record) -> bool:
    """Whether the member can still receive anything (a deactivated agent has no session)."""
    return (member.get("accountStatus") or "ACTIVE") == "ACTIVE"


def _deliver(call: Call, member: Record, kind: str, channels: list[str], content: str, **extra: object) -> Record:
    message_id = call.store.new_id()
    message: Record = {
        "id": message_id,
        "kind": kind,
        "agentId": member["id"],
        "agentName": full_name(member),
        "channels": channels,
        "toPhone": member.get("phoneNumber") if "sms" in channels else None,
        "toEmail": member.get("email") if "email" in channels else None,
        "sentTime": wire_time(call.now),
        "content": content,
        **extra,
    }
    call.store.agent_messages[message_id] = message
    call.store.touch("agent_messages")
    return message


def alert_text(lead: Record, sent: Record) -> str:
    """What the alert says: the lead, what it did, the details block (description and link
    together only) and, for a left message, the message."""
    code = sent["notificationType"]
    parts = [f"{full_name(lead)}: {m.OPPORTUNITY_TYPES[code]}"]
    if sent.get("description") and sent.get("link"):
        parts.append(f"{sent['description']} {sent['link']}")
    if sent.get("message") and code in m.MESSAGE_TYPES:
        parts.append(str(sent["message"]))
    return "\n".join(parts)


@handler(notifications.SEND_OPPORTUNITY_ALERT)
def send_opportunity_alert(call: Call) -> Record:
    sent = call.fields()
    lead = call.st.leads.get(sent["leadId"])
    if lead is None or sent["leadId"] in call.store.trash:
        return {"status": _OK, "data": False}
    pond = call.st.lead_ponds.get(lead.get("pondId"))  # type: ignore[arg-type]
    if pond is not None:
        recipients = [member_or_none(call, uid) for uid in pond.get("agentIds") or []]
    else:
        recipients = [member_or_none(call, lead.get("assignedUserId"))]
    reached = [member for member in recipients if member is not None and active(member)]
    code = sent["notificationType"]
    channels = ["push", "sms", "email"] if code in m.SMS_AND_EMAIL_TYPES else ["push"]
    for member in reached:
        _deliver(
            call,
            member,
            "opportunity alert",
            channels,
            alert_text(lead, sent),
            leadId=lead["leadId"],
            notificationType=code,
        )
    return {"status": _OK, "data": bool(reached) and pond is None}


def _to_me(call: Call, content: str, *, channel: str) -> Record:
    if not content.strip():
        raise bad("content must not be blank")
    user = me(call)
    if channel == "sms" and not user.get("phoneNumber"):
        raise bad("The user has no phone number")
    if channel == "email" and not user.get("email"):
        raise bad("The user has no email address")
    return user


@handler(notifications.TEXT_ME)
def text_me(call: Call) -> Record:
    sent = call.fields()
    user = _to_me(call, sent["content"], channel="sms")
    _deliver(call, user, "system text", ["sms"], sent["content"], fromNumber=None)
    return {"message": "SMS sent successfully"}


@handler(notifications.EMAIL_ME)
def email_me(call: Call) -> Record:
    sent = call.fields()
    if not sent["subject"].strip():
        raise bad("subject must not be blank")
    user = _to_me(call, sent["content"], channel="email")
    _deliver(call, user, "system email", ["email"], sent["content"], subject=sent["subject"])
    return {"message": "Email sent successfully"}


@handler(notifications.TEXT_ME_FROM_AI_NUMBER)
def text_me_from_ai_number(call: Call) -> Record:
    sent = call.fields()
    user = _to_me(call, sent["content"], channel="sms")
    number = ai_number(call, user["id"])
    if not number:
        raise bad("No AI virtual number is configured for the Sales Agent")
    _deliver(call, user, "AI number text", ["sms"], sent["content"], fromNumber=number)
    return {"message": "SMS sent successfully"}


@handler(notifications.SEND_TASK_REMINDER)
def send_task_reminder(call: Call) -> Record:
    sent = call.fields()
    task_id, is_task = sent["taskId"], sent["type"] == "TASK"
    record = (call.st.tasks if is_task else call.st.appointments).get(task_id)
    if record is None or record.get("deleteFlag"):
        raise bad(f"{'Task' if is_task else 'Appointment'} {task_id} not found")
    member = member_or_none(call, record.get("assignedUserId" if is_task else "assignToUid"))
    if member is None or not active(member):
        raise bad(f"{'Task' if is_task else 'Appointment'} {task_id} has no active assignee")
    what = record.get("content") if is_task else record.get("descr")
    _deliver(
        call,
        member,
        "task reminder",
        ["push"],
        f"Reminder: {what or ''}".strip(),
        taskId=task_id,
        taskType=sent["type"],
    )
    return {"message": "Push sent successfully"}
