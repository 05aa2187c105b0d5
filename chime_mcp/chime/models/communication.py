"""Communication: dialer calls, email and text history, and logged calls, emails and texts."""

from typing import Annotated

from pydantic import Field

from chime_mcp.chime.limits import LOG_CONTENT_LIMIT, TextLimit
from chime_mcp.chime.models.base import (
    _UTC,
    CallingOutcome,
    LogDirection,
    LogTypeName,
    PageMetadata,
    RequestModel,
    ResponseModel,
)


class CallResponse(ResponseModel):
    agentId: int | None = None
    callingOutcome: str | None = Field(
        default=None, description="Talked, VoiceMessage, NoAnswer, BadNumber, DNCNumber or DNCContact"
    )
    createTime: str | None = Field(default=None, description=_UTC)
    dialerCallRecordId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    duration: int | None = Field(default=None, description="Seconds")
    elapsedTime: str | None = Field(default=None, description="Dial to connect, mm:ss")
    endTime: str | None = Field(default=None, description=_UTC)
    id: int | None = None
    isMachineAnswered: bool | None = None
    leadId: int | None = None
    leadPhoneNumber: str | None = None
    note: str | None = None
    price: float | None = Field(default=None, description="USD")
    rateScore: int | None = Field(default=None, description="Agent's rating, 0-5")
    recordingSwitch: bool | None = Field(default=None, description="Call was recorded")
    showUserNumber: str | None = Field(default=None, description="Caller ID shown to the lead")
    startTime: str | None = Field(default=None, description=_UTC)
    status: str | None = Field(default=None, description="Completed, Missed, Failed, Busy, NoAnswer or VoiceMail")
    updateTime: str | None = Field(default=None, description=_UTC)
    userId: int | None = None
    userPhoneNumber: str | None = None


class CallListResponse(ResponseModel):
    metadata: PageMetadata = None
    calls: list[CallResponse] | None = None


class EmailResponse(ResponseModel):
    agentId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    emailEventTime: str | None = None
    emailSubject: str | None = None
    emailType: str | None = Field(default=None, description="Manual or Auto")
    eventType: str | None = Field(default=None, description="Sent, Opened or Bounced")
    id: int | None = None
    leadId: int | None = None


class TextResponse(ResponseModel):
    agentId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    id: int | None = None
    leadId: int | None = None
    # wire: beyond the reference; the published API sends the message itself.
    textContent: str | None = Field(default=None, description="The message")
    textOutcome: str | None = Field(default=None, description="Delivery status, e.g. Delivered")
    textTime: str | None = None
    textType: str | None = Field(default=None, description="Manual or Auto")


LOG_TEXT = TextLimit(LOG_CONTENT_LIMIT, "logs", "split it into two logs")


class LogTypeRequest(RequestModel):
    callingOutcome: CallingOutcome | None = None
    content: Annotated[str, LOG_TEXT] = Field(description=f"At most {LOG_CONTENT_LIMIT:,} characters")
    # wire: the email fields are beyond the reference; the OpenAPI document defines them (logEmail only).
    emailSubject: str | None = Field(default=None, description="The email's subject")
    fromEmail: str | None = Field(default=None, description="Sender's address")
    isPin: bool | None = None
    leadId: int
    leadPhoneNumber: str | None = Field(default=None, max_length=20, description="The lead's number")
    logType: LogTypeName
    outboundOrInbound: LogDirection | None = Field(default=None, description="Default outbound")
    toEmail: str | None = Field(default=None, description="Recipient's address")


class LogTypeResponse(ResponseModel):
    agentId: int | None = None
    callingOutcome: str | None = Field(
        default=None, description="Talked, VoiceMessage, NoAnswer, BadNumber, DNCNumber or DNCContact"
    )
    # wire: content and emailSubject are beyond the reference; the published API sends them.
    content: str | None = Field(default=None, description="Call notes, email body or text message")
    createTime: str | None = Field(default=None, description=_UTC)
    emailSubject: str | None = Field(default=None, description="logEmail only")
    id: int | None = None
    isPin: bool | None = None
    leadId: int | None = None
    leadPhoneNumber: str | None = None
    outboundOrInbound: str | None = Field(default=None, description="outbound or inbound")
