"""Toolset `webhooks`: subscriptions that send CRM events to an https:// callback."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime.catalog import webhooks
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.registry import EMPTY, Call, Empty, handler
from chime_mcp.sandbox.store import Record

DEFAULT_BATCH: Final = 100
"""Events per callback when the subscription does not say (the reference's default)."""


@handler(webhooks.CREATE_WEBHOOK)
def create_webhook(call: Call) -> Record:
    sent = call.fields()
    if not sent["callbackUrl"].startswith("https://"):
        raise bad("callbackUrl: must be an https:// URL")
    hook_id = call.store.new_id()
    hook = {
        "subscribeId": hook_id,
        "teamId": call.st.team_id,
        "listId": sent["listId"],
        "vendorId": 0,
        "callbackUrl": sent["callbackUrl"],
        "limit": sent.get("limit") or DEFAULT_BATCH,
        "permissionMode": 0,
    }
    call.st.webhooks[hook_id] = hook
    call.store.touch("webhooks")
    return hook


@handler(webhooks.DELETE_WEBHOOK)
def delete_webhook(call: Call) -> Empty:
    if call.st.webhooks.pop(call.ident("subscribeId"), None) is None:
        raise missing("Webhook subscription", call.ident("subscribeId"))
    call.store.touch("webhooks")
    return EMPTY


@handler(webhooks.LIST_WEBHOOKS)
def list_webhooks(call: Call) -> list[Record]:
    return list(call.st.webhooks.values())
