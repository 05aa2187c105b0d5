"""Toolset `messaging`: a text or an email sent to a lead joins its text or email history (what
goes to the team's own people is in `notifications.py`).

As the published document describes the live API: the recipient is the given number or address
when it is one of the lead's, else the lead's primary; a text needs an active virtual number on
the sender (400 without one); the sender must be able to manage the lead (here: it exists).
A sent message is a manual, outbound record of the lead's history (so also of its timeline),
and it touches the lead.
"""

from __future__ import annotations

import re

from chime_mcp.chime.catalog import messaging
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import lead_of, me, touched
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record

_DIGITS = re.compile(r"\D")


def _phone_to(lead: Record, number: str | None, code: str | None) -> str:
    phones: list[str] = list(lead.get("phones") or [])
    if not phones:
        raise bad("The lead has no phone number")
    wanted = _DIGITS.sub("", number or "")
    for phone in phones:
        have = _DIGITS.sub("", phone)
        if wanted and (have == wanted or have == _DIGITS.sub("", code or "") + wanted or have.endswith(wanted)):
            return phone
    return phones[0]


def _sent(call: Call, lead: Record) -> None:
    lead["lastTouch"] = wire_time(call.now)
    touched(call, lead)


@handler(messaging.SEND_TEXT)
def send_text(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    sender = me(call)
    if not sender.get("virtualNumber"):
        raise bad("The sender has no active virtual number")
    phone = _phone_to(lead, sent.get("phoneNumber"), sent.get("phoneCode"))
    text_id = call.store.new_id()
    call.st.texts[text_id] = {
        "id": text_id,
        "leadId": lead["leadId"],
        "direction": "Outbound",
        "agentId": sender["id"],
        "textOutcome": "Delivered",
        "textTime": wire_time(call.now),
        "textType": "Manual",
        "textContent": sent["content"],
    }
    call.store.touch("texts")
    _sent(call, lead)
    digits = _DIGITS.sub("", phone)
    code = sent.get("phoneCode") or "1"  # the demo's numbers are North American
    number = digits[len(code) :] if len(digits) > 10 and digits.startswith(code) else digits
    return {"messageId": str(text_id), "phoneNumber": number, "phoneCode": code}


@handler(messaging.SEND_EMAIL)
def send_email(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    emails: list[str] = list(lead.get("emails") or [])
    wanted = str(sent.get("toEmail") or "").strip().lower()
    address = next((e for e in emails if e.strip().lower() == wanted), emails[0] if emails else None)
    if address is None:
        raise bad("The lead has no email address")
    email_id = call.store.new_id()
    call.st.emails[email_id] = {
        "id": email_id,
        "leadId": lead["leadId"],
        "direction": "Outbound",
        "agentId": me(call)["id"],
        "eventType": "Sent",
        "emailEventTime": wire_time(call.now),
        "emailType": "Manual",
        "emailSubject": sent["subject"],
        "fromPond": False,
    }
    call.store.touch("emails")
    _sent(call, lead)
    return {"messageId": str(email_id), "toEmail": address, "subject": sent["subject"]}
