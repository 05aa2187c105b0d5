"""Previews of a text or an email to a lead, and the refusals its do-not-contact flags call for.

    Text lead #123 from your virtual number. It goes out at once and cannot be recalled.
    lead name (from the CRM): "Bob Li"
    to number (from the CRM): "+14155551234"
    from number (from the CRM): "(555) 030-0101"
    text (written by the assistant): "The showing moved to 4 pm"
    do-not-contact (from the CRM): cannotText no, cannotCall no, cannotEmail no, unsubscription no; this number: valid

The recipient is worked out as the API does (the given number or address when it is one of the
lead's, else the lead's primary), except that a given one the lead does not have is refused rather
than silently replaced. A send the lead's flags forbid (cannotText, a DNC or invalid number,
cannotEmail, unsubscription), a lead with nothing to send to, and a text without a virtual number
on the sender are refused with the reason, by raising `SendRefused`: the safety gate then asks
nobody and sends nothing. The exact text is shown whole (no cut): it is what the person approves.

Messages to the team's own people name the agent they reach and where (number, address, app):
an opportunity alert the lead's agent (or its pond's members), the v2 texts and emails the caller,
a task reminder the task's assignee; a send that would reach no one is refused the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import leads, messaging, notifications, tasks, team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.previews import Preview
from chime_mcp.services.safe_text import labelled, shown

PHONE_STATUSES = {1: "invalid", 2: "valid", 3: "talked", 4: "DNC number", 5: "DNC contact"}
"""The lead's `phoneStatuses`, as the published document numbers them."""
_NO_TEXT = frozenset({1, 4, 5})
"""Statuses a text must not go to: an invalid number, a do-not-call number or contact."""
_DIGITS = re.compile(r"\D")


class SendRefused(Exception):
    """A send the lead's flags (or the sender's setup) forbid; the message says why and that nothing was sent."""


def _yes(flag: bool | None) -> str:
    return "unknown" if flag is None else ("yes" if flag else "no")


def _flags(lead: m.LeadResponse) -> str:
    flags = (
        f"cannotText {_yes(lead.cannotText)}, cannotCall {_yes(lead.cannotCall)}, "
        f"cannotEmail {_yes(lead.cannotEmail)}, unsubscription {_yes(lead.unsubscription)}"
    )
    return f"do-not-contact (from the CRM): {flags}"


def _refuse(lead_id: Any, reason: str) -> SendRefused:
    return SendRefused(f"Refused: lead #{lead_id} {reason}. Nothing was sent, and no one was asked to approve it.")


def _name(lead: m.LeadResponse) -> str:
    return " ".join(p for p in (lead.firstName, lead.lastName) if p)


async def _sender(client: ChimeClient) -> m.UserResponse | None:
    """The credential's user, or None when Chime does not say (the send itself may still work)."""
    try:
        return await client.call(team.GET_ME)
    except errors.ChimeError:
        return None


def _digits(number: str) -> str:
    return _DIGITS.sub("", number)


def _phone_index(lead: m.LeadResponse, number: str | None, code: str | None) -> int | None:
    """Which of the lead's phones a text goes to: the given one, else the primary (0)."""
    phones = lead.phones or []
    if not phones:
        return None
    if not number:
        return 0
    wanted = _digits(number)
    for i, phone in enumerate(phones):
        have = _digits(phone)
        if wanted and (have == wanted or have == _digits(code or "") + wanted or have.endswith(wanted)):
            return i
    return -1


async def text_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    lead_id = values["leadId"]
    lead = await client.call(leads.GET_LEAD, {"leadId": lead_id})
    if lead.cannotText:
        raise _refuse(lead_id, "is marked cannotText (do not text)")
    index = _phone_index(lead, values.get("phoneNumber"), values.get("phoneCode"))
    if index is None:
        raise _refuse(lead_id, "has no phone number to text")
    if index < 0:
        raise _refuse(lead_id, "has no such phone number (Chime would text the lead's primary number instead)")
    statuses = lead.phoneStatuses or []
    status = statuses[index] if index < len(statuses) else None
    if status in _NO_TEXT:
        raise _refuse(lead_id, f"has that number marked {PHONE_STATUSES[status]}")
    sender = await _sender(client)
    if sender is not None and sender.virtualNumber == "":
        raise SendRefused(
            "Refused: your user has no active virtual number, and Chime sends texts only from one. "
            "Nothing was sent, and no one was asked to approve it. Set up a virtual number in Lofty first."
        )
    number = (lead.phones or [])[index]
    lines = [
        f"Text lead #{lead_id} from your virtual number. It goes out at once and cannot be recalled.",
        labelled("lead name", "crm", _name(lead)),
        labelled("to number", "crm", number),
        labelled("from number", "crm", sender.virtualNumber if sender is not None else None),
        labelled("text", "assistant", str(values.get("content") or ""), None),
        f"{_flags(lead)}; this number: {PHONE_STATUSES.get(status, 'unknown') if status is not None else 'unknown'}",
    ]
    return "\n".join(lines)


async def email_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    lead_id = values["leadId"]
    lead = await client.call(leads.GET_LEAD, {"leadId": lead_id})
    if lead.cannotEmail:
        raise _refuse(lead_id, "is marked cannotEmail (do not email)")
    if lead.unsubscription:
        raise _refuse(lead_id, "has unsubscribed from email")
    emails = lead.emails or []
    if not emails:
        raise _refuse(lead_id, "has no email address")
    wanted = str(values.get("toEmail") or "").strip().lower()
    address = next((e for e in emails if e.strip().lower() == wanted), None) if wanted else emails[0]
    if address is None:
        raise _refuse(lead_id, "has no such email address (Chime would email the lead's primary address instead)")
    sender = await _sender(client)
    lines = [
        f"Email lead #{lead_id} from your mailbox. It goes out at once and cannot be recalled.",
        labelled("lead name", "crm", _name(lead)),
        labelled("to address", "crm", address),
        labelled("from", "crm", sender.email if sender is not None else None),
        labelled("subject", "assistant", str(values.get("subject") or ""), None),
        labelled("text", "assistant", str(values.get("content") or ""), None),
        _flags(lead),
    ]
    return "\n".join(lines)


# -- to the team's agents ----------------------------------------------------------------------
# The recipient is read first (the lead's agent or pond, the caller, a task's assignee) and a send
# that would reach no one is refused: an unknown lead, task or agent, a lead without an agent, a
# deactivated agent, a caller without a phone or address, a blank text.

_GONE = "Nothing was sent, and no one was asked to approve it."
_ONCE = "It goes out at once and cannot be recalled."


def _refused(reason: str, step: str) -> SendRefused:
    return SendRefused(f"Refused: {reason}. {_GONE} {step}")


def _active(user: m.UserResponse) -> bool:
    status = (user.model_extra or {}).get("accountStatus")
    return not status or status == "ACTIVE"


def _agent_line(user: m.UserResponse) -> str:
    name = " ".join(p for p in (user.firstName, user.lastName) if p)
    return f"{labelled('to agent', 'crm', name)} (user #{user.memberUserId or user.id})"


async def _agent(client: ChimeClient, user_id: int, whose: str) -> m.UserResponse:
    """The agent `user_id`, refused when unknown or deactivated (`whose`: "lead #5's agent")."""
    try:
        user = await client.call(team.GET_USER, {"userId": user_id})
    except errors.NotFoundError:
        raise _refused(f"{whose} (user #{user_id}) is not a member of the team", "Check with list_members.") from None
    if not _active(user):
        raise _refused(f"{whose} (user #{user_id}) is deactivated and receives nothing", "Reassign it first.")
    return user


def _not_blank(values: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if not str(values.get(name) or "").strip():
            raise _refused(f"the {name} is blank", f"Write the {name} first.")


async def opportunity_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    lead_id, code = values["leadId"], values["notificationType"]
    try:
        lead = await client.call(leads.GET_LEAD, {"leadId": lead_id})
    except errors.NotFoundError:
        raise _refused(
            f"lead #{lead_id} does not exist, so Lofty would alert no one", "Find it with search_leads."
        ) from None
    both = code in m.SMS_AND_EMAIL_TYPES
    if lead.pondId:
        whom, reach = await _pond_reach(client, lead_id, lead.pondId, both)
    elif not lead.assignedUserId:
        raise _refused(
            f"lead #{lead_id} has no assigned agent, so Lofty would alert no one", "Assign it (assign_lead)."
        )
    else:
        whom = "the agent"
        reach = [_reach(await _agent(client, lead.assignedUserId, f"lead #{lead_id}'s agent"), both)]
    lines = [
        f"Alert {whom} of lead #{lead_id} to its activity, in the Lofty app"
        f"{' and by text and email' if both else ''}. {_ONCE}",
        labelled("lead name", "crm", _name(lead)),
        *reach,
    ]
    lines.append(f"alert: {code} {m.OPPORTUNITY_TYPES[code]}")
    description, link, message = (str(values.get(k) or "") for k in ("description", "link", "message"))
    lines.append(labelled("description", "assistant", description, None))
    lines.append(labelled("link", "assistant", link, None))
    if bool(description) != bool(link):
        lines.append("details: not shown (Lofty shows description and link only together)")
    lines.append(labelled("message", "assistant", message, None))
    if message and code not in m.MESSAGE_TYPES:
        lines.append("message: not shown (only type 65, Left a message, shows it)")
    return "\n".join(lines)


_POND_SHOWN = 10


async def _pond_reach(client: ChimeClient, lead_id: int, pond_id: int, both: bool) -> tuple[str, list[str]]:
    """Whom a pond lead's alert reaches (every active member of the pond), and their lines."""
    pond = await client.call(team.GET_LEAD_POND, {"id": pond_id})
    ids = pond.agentIds or []
    members = [await client.call(team.GET_USER, {"userId": uid}) for uid in ids[:_POND_SHOWN]]
    reached = [u for u in members if _active(u)]
    if not reached:
        raise _refused(f"lead #{lead_id} is in pond #{pond.id}, whose members are not active", "Assign it first.")
    skipped = len(members) - len(reached)
    shown_of = f", the first {_POND_SHOWN} shown" if len(ids) > _POND_SHOWN else ""
    said = f"{len(ids)} members{shown_of}{f'; {skipped} deactivated, skipped' if skipped else ''}"
    lines = [f"{labelled('to pond', 'crm', pond.pondName)} ({said}):", *(_reach(u, both) for u in reached)]
    return "the pond members", lines


def _reach(user: m.UserResponse, by_text_and_email: bool) -> str:
    line = _agent_line(user)
    if by_text_and_email:
        line += f"; number {shown(user.phoneNumber or '')}, address {shown(user.email or '')}"
    return line


async def _me(client: ChimeClient) -> m.UserResponse:
    user = await client.call(team.GET_ME)
    if not _active(user):
        raise _refused("your user is deactivated and receives nothing", "Use an active user's credential.")
    return user


async def _text_me_preview(client: ChimeClient, values: Mapping[str, Any], sender: str, header: str) -> str:
    _not_blank(values, "content")
    user = await _me(client)
    if not user.phoneNumber:
        raise _refused("your user has no phone number to text", "Add one to your Lofty profile first.")
    lines = [
        f"{header} {_ONCE}",
        _agent_line(user),
        labelled("to number", "crm", user.phoneNumber),
        f"from: {sender}",
        labelled("text", "assistant", str(values["content"]), None),
    ]
    return "\n".join(lines)


async def text_me_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    sender = "Lofty's system number (the API does not say which)"
    return await _text_me_preview(client, values, sender, "Text you a system SMS.")


async def ai_text_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    sender = "your Sales Agent's AI virtual number (Lofty refuses without one)"
    return await _text_me_preview(client, values, sender, "Text you from your Sales Agent's AI number.")


async def email_me_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    _not_blank(values, "subject", "content")
    user = await _me(client)
    if not user.email:
        raise _refused("your user has no email address", "Add one to your Lofty profile first.")
    lines = [
        f"Email you a system email. {_ONCE}",
        _agent_line(user),
        labelled("to address", "crm", user.email),
        "from: Lofty's system mailbox (the API does not say which)",
        labelled("subject", "assistant", str(values["subject"]), None),
        labelled("text", "assistant", str(values["content"]), None),
    ]
    return "\n".join(lines)


async def reminder_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    task_id = values["taskId"]
    if values["type"] == "APPOINTMENT":
        # No read of one appointment by id (GET /v1.0/appts takes a lead): Lofty finds its assignee.
        return "\n".join(
            [
                f"Push a reminder of appointment #{task_id} to its assignee's Lofty app. {_ONCE}",
                "to agent: the appointment's assignee (not readable here by id: check it with list_appointments)",
            ]
        )
    try:
        task = await client.call(tasks.GET_TASK, {"taskId": task_id})
    except errors.NotFoundError:
        raise _refused(f"task #{task_id} does not exist", "Find it with list_tasks.") from None
    if task.deleteFlag:
        raise _refused(f"task #{task_id} is deleted", "Find it with list_tasks.")
    if not task.assignedUserId:
        raise _refused(f"task #{task_id} has no assignee, so no one would get it", "Assign it (update_task).")
    user = await _agent(client, task.assignedUserId, f"task #{task_id}'s assignee")
    lines = [
        f"Push a reminder of task #{task_id} to its assignee's Lofty app. {_ONCE}",
        _agent_line(user),
        "to device: the Lofty app where they are signed in (the API does not say which)",
        labelled("task", "crm", task.content),
        labelled("due", "crm", task.deadline),
        labelled("lead name", "crm", task.leadName),
        f"status: {'finished' if task.finishFlag else 'open'}",
    ]
    return "\n".join(lines)


MESSAGE_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (messaging.SEND_TEXT, text_preview),
    (messaging.SEND_EMAIL, email_preview),
    (notifications.SEND_OPPORTUNITY_ALERT, opportunity_preview),
    (notifications.TEXT_ME, text_me_preview),
    (notifications.EMAIL_ME, email_me_preview),
    (notifications.TEXT_ME_FROM_AI_NUMBER, ai_text_preview),
    (notifications.SEND_TASK_REMINDER, reminder_preview),
)


def message_preview_for(op: Operation[Any]) -> Preview | None:
    return next((preview for known, preview in MESSAGE_PREVIEWS if known == op), None)
