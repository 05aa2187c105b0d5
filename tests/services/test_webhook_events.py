"""The webhook event lists are data in one place (the webhook model's); descriptions are made of them."""

from __future__ import annotations

from typing import get_args

from chime_mcp.chime import models as m
from chime_mcp.services.webhook_events import describe_events


def test_the_model_describes_list_ids_from_the_table() -> None:
    assert m.WebhookRequest.model_fields["listId"].description == "1 agent, 2 lead, 3 lead activity, 4 alert, " + (
        "5 transaction, 6 call, 7 email, 8 text, 9 note, 10 task, 11 appointment, 12 pipeline change"
    )


def test_every_list_id_has_a_name() -> None:
    assert set(m.WEBHOOK_EVENTS) == set(get_args(m.WebhookListId))
    assert all(name and name == name.lower() for name in m.WEBHOOK_EVENTS.values())


def test_describe_events() -> None:
    assert describe_events(2) == "lead events (listId 2)"
    assert describe_events(12) == "pipeline change events (listId 12)"
    assert describe_events(99) == "events of list 99"
    assert describe_events("2") == "events of list 2"
    assert describe_events(None) == "events of list None"
