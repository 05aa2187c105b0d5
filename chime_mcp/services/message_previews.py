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
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import leads, messaging, team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.previews import Preview
from chime_mcp.services.safe_text import labelled

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


MESSAGE_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (messaging.SEND_TEXT, text_preview),
    (messaging.SEND_EMAIL, email_preview),
)


def message_preview_for(op: Operation[Any]) -> Preview | None:
    return next((preview for known, preview in MESSAGE_PREVIEWS if known == op), None)
