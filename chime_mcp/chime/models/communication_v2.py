"""Communication beyond the reference, from the published document: the v2 call history, a
call's recording URL, and the communications of an agent (v1 search and v2 cursor pages).

The single call, email and text by id (v2) answer the reference's CallResponse, EmailResponse
and TextResponse (models/communication.py), which the document defines with the same fields.
"""

from typing import Annotated, Literal

from pydantic import Field

from chime_mcp.chime.models.base import TIME_SCHEMA, RequestModel, ResponseModel
from chime_mcp.chime.times import EpochMillis

CommunicationType = Literal["CALL", "TEXT", "EMAIL", "ALL"]
"""The kinds of communication an agent search takes (ALL: the three together)."""

CommunicationTime = Annotated[int | str, EpochMillis(), TIME_SCHEMA]
"""A bound of an agent search: epoch milliseconds on the wire, ISO 8601 or epoch ms here."""


class CallRecordingUrl(ResponseModel):
    id: int | None = None
    url: str | None = Field(default=None, description="Valid for an hour; empty when the call has no recording")


class CallHistory(ResponseModel):
    id: int | None = None
    agentId: int | None = None
    leadId: int | None = None
    createTime: str | None = None
    direction: str | None = Field(default=None, description="outbound or inbound")
    leadPhoneNumber: str | None = None


class CommunicationResponse(ResponseModel):
    id: int | None = None
    leadId: int | None = None
    agentId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    callOutcome: str | None = Field(default=None, description="Dialer call outcome, e.g. Talked")
    callDuration: str | None = None
    status: str | None = Field(default=None, description="e.g. Delivered")
    communicationTime: str | None = None
    communicationType: str | None = Field(default=None, description="AUTO, MANUAL or LOGGED")
    eventType: str | None = Field(default=None, description="Call, Text, Opened Email, Bounced Email or Sent Email")
    fromPond: bool | None = None


class CommunicationCursorPage(ResponseModel):
    data: list[CommunicationResponse] | None = None
    nextCursor: str | None = Field(default=None, description="Pass back as cursor; none at the end")
    hasMore: bool | None = None
    limit: int | None = None
    totalCount: int | None = None


class CommunicationRequest(RequestModel):
    type: CommunicationType = "ALL"
    startTime: CommunicationTime
    endTime: CommunicationTime
    offset: int | None = Field(default=None, ge=0)
    limit: int = Field(default=1000, ge=1, le=1000)
    """Sent as 1,000 by the tool (which leaves it out): a day of one agent or team fits one page."""
    teamView: bool | None = None


class PageResult(ResponseModel):
    """A page of the v1 agent search; its entries are communications (the document: objects)."""

    offset: int | None = None
    limit: int | None = None
    pageData: list[CommunicationResponse] | None = None
    hasMore: bool | None = None
