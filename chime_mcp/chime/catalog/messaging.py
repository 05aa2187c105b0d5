"""Messages to a lead: a text from the sender's virtual number, an email from the sender's mailbox.

Both are `Effect.SEND`: a person approves each after a preview of the recipient, the exact number
or address, the exact text and the lead's do-not-contact flags (services/message_previews.py).
"""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.operation import Body, Effect, Operation

SEND_TEXT: Final = Operation(
    tool="send_text",
    method="POST",
    path="/v1.0/message/sms/send",
    title="Send text",
    description="Text a lead from your virtual number.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.SmsResponse,
    body=Body(name="smsRequest", model=m.SmsRequest),
)

SEND_EMAIL: Final = Operation(
    tool="send_email",
    method="POST",
    path="/v1.0/message/email/send",
    title="Send email",
    description="Email a lead from your mailbox.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.EmailSendResponse,
    body=Body(name="emailSendRequest", model=m.EmailSendRequest),
)
