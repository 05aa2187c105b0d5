"""Webhook subscriptions: CRM events sent outside the CRM."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

CREATE_WEBHOOK: Final = Operation(
    tool="create_webhook",
    method="POST",
    path="/v1.0/webhook",
    title="Create webhook",
    description="Send a kind of CRM event to an https URL outside the CRM.",
    toolset="webhooks",
    effect=Effect.EXPOSE,
    result=m.WebhookResponse,
    body=Body(name="webhookRequest", model=m.WebhookRequest),
)

DELETE_WEBHOOK: Final = Operation(
    tool="delete_webhook",
    method="DELETE",
    path="/v1.0/webhook/{subscribeId}",
    title="Delete webhook",
    description="Stop a webhook subscription.",
    toolset="webhooks",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(Param(name="subscribeId", location="path", annotation=Id, required=True),),
)

LIST_WEBHOOKS: Final = Operation(
    tool="list_webhooks",
    method="GET",
    path="/v1.0/webhooks",
    title="List webhooks",
    description="The team's webhook subscriptions.",
    toolset="webhooks",
    effect=Effect.READ,
    result=list[m.WebhookResponse],
)
