"""Messages to the team's agents: opportunity alerts about a lead, system texts and emails to the
caller, a text from the Sales Agent's AI number, and task reminder pushes.

Typed from the published document (`OpportunityNotificationRequest`,
`SendOpportunityNotificationResponse`, `SendSmsToAgentRequest`, `SendEmailToAgentRequest`,
`SendTaskReminderPushRequest`, `MessageResponse`); the reference has none of them.
"""

from typing import Literal

from pydantic import Field

from chime_mcp.chime.models.base import RequestModel, ResponseModel

OpportunityType = Literal[
    9, 10, 11, 27, 46, 47, 48, 50, 52, 65, 66, 89, 136, 137, 138, 139, 140, 141, 162, 164, 165, 166, 167, 168
]
"""The published document's `notificationType` codes (what the lead did)."""

OPPORTUNITY_TYPES: dict[int, str] = {
    9: "Saved a listing",
    10: "Searched",
    11: "Viewed a listing",
    27: "Saved a search",
    46: "Requested to sell a house",
    47: "Requested home evaluation",
    48: "Browsed a home",
    50: "Searched a home",
    52: "Favorited a home",
    65: "Left a message",
    66: "Requested a showing",
    89: "Used mortgage calculator",
    136: "Favorited",
    137: "Searched",
    138: "Browsed",
    139: "Showing request",
    140: "Saved search",
    141: "House evaluation",
    162: "Requested CMA",
    164: "Requested financing options",
    165: "Re-inquired on text code",
    166: "Back to site (view a listing)",
    167: "Submitted a form",
    168: "Viewed CMA",
}
"""Each code's meaning, as the published document lists them."""

SMS_AND_EMAIL_TYPES: frozenset[int] = frozenset({9, 11, 27, 48, 52, 89, 136, 138, 140, 166})
"""Codes that also text and email the agent (all of them push to the app)."""

MESSAGE_TYPES: frozenset[int] = frozenset({65})
"""Codes whose alert shows `message` (others ignore it)."""


class OpportunityNotificationRequest(RequestModel):
    leadId: int
    notificationType: OpportunityType = Field(description="11 viewed, 66 showing...")
    description: str | None = None
    link: str | None = None
    message: str | None = None  # shown for type 65 only (the preview says so)


class OpportunityNotificationStatus(ResponseModel):
    """The published `SendOpportunityNotificationResponse.Status`."""

    code: int | None = Field(default=None, description="0: processed")
    msg: str | None = None


class SendOpportunityNotificationResponse(ResponseModel):
    status: OpportunityNotificationStatus | None = None
    data: bool | None = Field(default=None, description="true: dispatched; false: nobody was alerted")


# Blank texts are refused by the preview, before anyone is asked (a bound would cost every host tokens).


class SendSmsToAgentRequest(RequestModel):
    content: str


class SendEmailToAgentRequest(RequestModel):
    subject: str
    content: str


class SendTaskReminderPushRequest(RequestModel):
    taskId: int
    type: Literal["TASK", "APPOINTMENT"]


class MessageResponse(ResponseModel):
    message: str | None = None
