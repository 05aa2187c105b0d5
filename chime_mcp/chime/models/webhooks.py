"""Webhook subscriptions."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

from pydantic import Field

from chime_mcp.chime.models.base import (
    RequestModel,
    ResponseModel,
)

WebhookListId = Literal[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
WEBHOOK_EVENTS: Final[Mapping[int, str]] = MappingProxyType(
    {
        1: "agent",
        2: "lead",
        3: "lead activity",
        4: "alert",
        5: "transaction",
        6: "call",
        7: "email",
        8: "text",
        9: "note",
        10: "task",
        11: "appointment",
        12: "pipeline change",
    }
)
"""The event kind of each webhook `listId`: written once, here (the listId description is made from it)."""


class WebhookRequest(RequestModel):
    callbackUrl: str = Field(description="HTTPS URL that receives the events")
    # The reference: "notifications in 30 mins, max 5000"; the OpenAPI document: events per batch.
    limit: int | None = Field(default=None, ge=1, le=5000, description="Max events per callback, default 100")
    listId: WebhookListId = Field(description=", ".join(f"{n} {name}" for n, name in WEBHOOK_EVENTS.items()))


class WebhookResponse(ResponseModel):
    callbackUrl: str
    limit: int | None = None
    listId: int = Field(description="Subscribed event list, 1-12")
    subscribeId: int
    teamId: int
