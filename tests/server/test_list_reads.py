"""Reads a model pages through: notes paged here, listings as rows, one id per note.

Through a real MCP client on both protocol versions, against a fresh sandbox.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp import Client

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.results import text_of
from tests.support.sandboxes import BOB, fresh_sandbox

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["legacy", "auto"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[Client]:
    box = fresh_sandbox()
    backend = ClientBackend(lambda: sandbox_client(box))
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, confirm="auto", environment={})
    async with Client(build_server(config, backend=backend), mode=request.param) as session:
        yield session
    await backend.aclose()


async def ok(client: Client, tool: str, **arguments: Any) -> tuple[str, dict[str, Any]]:
    result = await client.call_tool(tool, arguments)
    text = text_of(result)
    assert not result.is_error, f"{tool}: {text}"
    return text, result.structured_content or {}


async def test_list_notes_pages_a_long_history(client: Client) -> None:
    _, data = await ok(client, "list_notes", leadId=BOB)
    for number in range(30 - len(data["result"])):
        await ok(client, "add_note", leadId=BOB, content=f"Note number {number}")

    first, data = await ok(client, "list_notes", leadId=BOB)
    lines = first.split("\n")
    assert lines[0] == "20 of 30 notes (from offset 0)"
    assert len([line for line in lines if line.startswith("- ")]) == 20 == len(data["result"])
    assert lines[-1] == "More: call again with offset=20. (The API sends all notes at once; this server pages them.)"

    rest, data = await ok(client, "list_notes", leadId=BOB, offset=20, limit=50)
    lines = rest.split("\n")
    assert lines[0] == "10 of 30 notes (from offset 20)"
    assert len(data["result"]) == 10 and not lines[-1].startswith("More")

    past, _ = await ok(client, "list_notes", leadId=BOB, offset=40)
    assert past == "0 of 30 notes"


async def test_a_note_shows_only_the_id_the_note_tools_take(client: Client) -> None:
    _, listed = await ok(client, "list_notes", leadId=BOB)
    note = listed["result"][0]
    assert "noteId" in note and "id" not in note
    text, data = await ok(client, "get_note", noteId=note["noteId"])
    assert f"noteId: {note['noteId']}" in text
    assert not [line for line in text.split("\n") if line.startswith("id:")]
    assert "id" not in data


async def test_search_listings_reads_as_rows(client: Client) -> None:
    text, data = await ok(client, "search_listings", limit=3)
    lines = text.split("\n")
    assert lines[0].startswith("3 of ") and lines[0].endswith(" active listings")
    rows = [line for line in lines if line.startswith("- ")]
    assert len(rows) == 3 and all(row.startswith("- listingId=") for row in rows)
    assert "price=" in rows[0] and "streetAddress=" in rows[0]
    assert '{"listings"' not in text and "_listingMetadata" not in text
    cursor = data["_listingMetadata"]["nextPageKey"]
    assert f'More active listings: call again with nextPageKey="{cursor}".' in lines
    following, _ = await ok(client, "search_listings", limit=3, nextPageKey=cursor)
    assert following.split("\n")[1] != rows[0]
