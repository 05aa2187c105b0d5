"""Messages sent to a lead: SMS from the sender's virtual number, email from the sender's mailbox.

Typed from the published document (`SmsRequest`, `SmsResponse`, `EmailSendRequest`,
`EmailSendResponse`); the reference has no sending operations.
"""

from pydantic import Field

from chime_mcp.chime.models.base import RequestModel, ResponseModel


class SmsRequest(RequestModel):
    content: str = Field(min_length=1, description="The exact text to send")
    leadId: int
    phoneNumber: str | None = Field(
        default=None, max_length=20, description="One of the lead's numbers; default its primary"
    )
    phoneCode: str | None = Field(default=None, max_length=5, description="That number's country code, e.g. 1")


class SmsResponse(ResponseModel):
    messageId: str | None = None
    phoneNumber: str | None = Field(default=None, description="The number it went to")
    phoneCode: str | None = None


class EmailSendRequest(RequestModel):
    subject: str = Field(min_length=1)
    content: str = Field(min_length=1, description="The exact body to send")
    leadId: int
    toEmail: str | None = Field(default=None, description="One of the lead's addresses; default its primary")


class EmailSendResponse(ResponseModel):
    messageId: str | None = None
    toEmail: str | None = Field(default=None, description="The address it went to")
    subject: str | None = None
