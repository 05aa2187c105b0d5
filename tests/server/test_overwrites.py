"""An overwrite reads the record first: its result says what changed, and a PUT that would reset
what the call did not set (a note's pin) keeps it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp import Client

from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.results import text_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def served() -> AsyncIterator[tuple[Client, Sandbox]]:
    box = Sandbox()
    app = create_app(sandbox=box)
    server = build_server(
        ServerConfig(toolsets=toolsets.ALL, sandbox=True), backend=ClientBackend(lambda: sandbox_client(app))
    )
    async with Client(server) as client:
        await client.call_tool("get_me", {})  # builds the demo data
        yield client, box


def pinned_note(box: Sandbox) -> dict[str, Any]:
    return next(note for note in box.state.notes.values() if note.get("isPin"))


async def test_editing_a_pinned_notes_text_keeps_the_pin(served: tuple[Client, Sandbox]) -> None:
    client, box = served
    note = dict(pinned_note(box))
    result = await client.call_tool(
        "update_note", {"noteId": note["noteId"], "leadId": note["leadId"], "content": "Reworded"}
    )
    assert not result.is_error, text_of(result)
    assert box.state.notes[note["noteId"]]["content"] == "Reworded"
    assert box.state.notes[note["noteId"]]["isPin"] is True
    assert text_of(result).endswith(
        f'Changed: content: "{note["content"]}" -> "Reworded".'.replace(f'"{note["content"]}"', f'"{note["content"]}"')
    )


async def test_unpinning_is_still_possible(served: tuple[Client, Sandbox]) -> None:
    client, box = served
    note = pinned_note(box)
    arguments = {"noteId": note["noteId"], "leadId": note["leadId"], "content": "x", "isPin": False}
    result = await client.call_tool("update_note", arguments)
    assert not result.is_error, text_of(result)
    assert box.state.notes[note["noteId"]]["isPin"] is False
    assert "isPin: true -> false" in text_of(result)


async def test_an_update_says_each_field_before_and_after(served: tuple[Client, Sandbox]) -> None:
    client, box = served
    lead = dict(next(lead for lead in box.state.leads.values() if lead["firstName"] == "Bob"))
    result = await client.call_tool("update_lead", {"leadId": lead["leadId"], "stage": "Nurture", "city": "Kyle"})
    assert not result.is_error, text_of(result)
    changed = text_of(result).splitlines()[-1]
    assert changed.startswith("Changed: ") and f'stage: "{lead["stage"]}" -> "Nurture"' in changed
    again = await client.call_tool("update_lead", {"leadId": lead["leadId"], "stage": "Nurture"})
    assert text_of(again).endswith("Changed: nothing (the record already held these values).")
