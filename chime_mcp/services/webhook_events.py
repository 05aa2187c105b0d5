"""How a person reads a webhook's `listId`: the events it sends. The table is the webhook
model's (`chime.models.WEBHOOK_EVENTS`), which also writes the listId field's description."""

from __future__ import annotations

from typing import Any

from chime_mcp.chime.models import WEBHOOK_EVENTS


def describe_events(list_id: Any) -> str:
    """ "lead events (listId 2)", or "events of list 99" for a list we do not know."""
    name = WEBHOOK_EVENTS.get(list_id) if isinstance(list_id, int) else None
    return f"{name} events (listId {list_id})" if name else f"events of list {list_id}"
