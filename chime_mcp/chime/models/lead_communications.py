"""A lead's calls, texts and emails in one list (GET /v2.0/leads/{leadId}/activities).

Typed from the published document (`ActivityListResponse`, `ActivityItem`): auto-captured,
manual and logged entries of every channel, oldest first.
"""

from chime_mcp.chime.models.base import ResponseModel


class ActivityItem(ResponseModel):
    id: int | None = None
    leadId: int | None = None
    agentId: int | None = None
    activityTime: str | None = None
    channel: str | None = None
    communicationType: str | None = None
    direction: str | None = None
    callingOutcome: str | None = None
    leadPhoneNumber: str | None = None
    emailEventType: str | None = None
    emailSubject: str | None = None
    note: str | None = None


class ActivityListResponse(ResponseModel):
    activities: list[ActivityItem] | None = None
