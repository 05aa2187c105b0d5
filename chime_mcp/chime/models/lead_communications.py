"""A lead's calls, texts and emails in one list (GET /v2.0/leads/{leadId}/activities).

Typed from the published document (`ActivityListResponse`, `ActivityItem`): auto-captured,
manual and logged entries of every channel, oldest first.
"""

from pydantic import Field

from chime_mcp.chime.models.base import ResponseModel


class ActivityItem(ResponseModel):
    id: int | None = Field(default=None, description="Timeline ID")
    leadId: int | None = None
    agentId: int | None = None
    activityTime: str | None = Field(default=None, description="ISO 8601")
    channel: str | None = Field(default=None, description="Call, Text or Email")
    communicationType: str | None = Field(default=None, description="Auto, Manual or Logged")
    direction: str | None = Field(default=None, description="Inbound or Outbound")
    callingOutcome: str | None = None
    leadPhoneNumber: str | None = None
    emailEventType: str | None = Field(default=None, description="Sent, Opened or Bounced")
    emailSubject: str | None = None
    note: str | None = Field(default=None, description="A logged entry's note")


class ActivityListResponse(ResponseModel):
    activities: list[ActivityItem] | None = None
