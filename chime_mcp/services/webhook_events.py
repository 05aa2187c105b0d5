"""The webhook event lists: what each `listId` of a subscription sends. Written once, here.

`WebhookRequest.listId`'s description (what the model reads in create_webhook's schema) is
`event_list_description()`, and the previews name the events from `EVENT_NAMES`. The table
belongs next to the webhook models (chime/ may not import services/); until it moves there, a
test checks the model's description against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EVENT_NAMES: Mapping[int, str] = {
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
"""listId -> the events it subscribes to, as the model reads them (the published names are
longer: 4 is "listing alert", 8 texts are manual and logged ones only)."""


def event_list_description() -> str:
    """ "1 agent, 2 lead, ..., 12 pipeline change": the listId field's description."""
    return ", ".join(f"{number} {name}" for number, name in EVENT_NAMES.items())


def describe_events(list_id: Any) -> str:
    """ "lead events (listId 2)", or "events of list 99" for a list we do not know."""
    name = EVENT_NAMES.get(list_id) if isinstance(list_id, int) else None
    return f"{name} events (listId {list_id})" if name else f"events of list {list_id}"
