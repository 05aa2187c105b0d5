"""The webhook event lists are data in one place; the model's field description is made of them."""

from __future__ import annotations

from typing import get_args

from chime_mcp.chime import models as m
from chime_mcp.services.webhook_events import EVENT_NAMES, describe_events, event_list_description


def test_the_model_reads_the_table() -> None:
    # Until the table moves next to the webhook models, the description must say the same.
    assert m.WebhookRequest.model_fields["listId"].description == event_list_description()


def test_every_list_id_has_a_name() -> None:
    assert set(EVENT_NAMES) == set(get_args(m.WebhookListId))
    assert all(name and name == name.lower() for name in EVENT_NAMES.values())


def test_describe_events() -> None:
    assert describe_events(2) == "lead events (listId 2)"
    assert describe_events(12) == "pipeline change events (listId 12)"
    assert describe_events(99) == "events of list 99"
    assert describe_events("2") == "events of list 2"
    assert describe_events(None) == "events of list None"
