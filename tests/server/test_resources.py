"""Resources and completions, read through an MCP client in memory on both protocol versions."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS, PromptReference, ResourceTemplateReference, TextResourceContents

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client as make_sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.resources import STATIC

pytestmark = pytest.mark.anyio

TIMELINE = "chime://leads/{leadId}/timeline{?since,until,kinds,limit}"


@pytest.fixture(params=["2025-11-25", "2026-07-28"])
async def client(request: pytest.FixtureRequest, sandbox: Sandbox) -> AsyncIterator[Client]:
    backend = ClientBackend(lambda: make_sandbox_client(sandbox, backoff=0.001))
    server = build_server(ServerConfig(sandbox=True), backend=backend)
    mode = "legacy" if request.param == "2025-11-25" else "auto"
    async with Client(server, mode=mode) as connected:
        yield connected


@pytest.fixture
def bob_id(sandbox: Sandbox) -> int:
    return int(next(lead["leadId"] for lead in sandbox.state.leads.values() if lead["firstName"] == "Bob"))


async def read(client: Client, uri: str) -> TextResourceContents:
    result = await client.read_resource(uri)
    [content] = result.contents
    assert isinstance(content, TextResourceContents)
    return content


async def test_resources_and_templates_are_listed(client: Client) -> None:
    uris = {str(r.uri) for r in (await client.list_resources()).resources}
    assert {uri for uri, *_ in STATIC} <= uris
    templates = {t.uri_template: t for t in (await client.list_resource_templates()).resource_templates}
    assert {"chime://leads/{leadId}", TIMELINE, TIMELINE.replace("timeline", "timeline.json")} <= set(templates)
    assert templates[TIMELINE].mime_type == "text/markdown"
    assert all(t.title and t.description for t in templates.values())


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("chime://me", "firstName: "),
        ("chime://team/members", " members"),
        ("chime://team/tags", 'tagName="Hot"'),
        ("chime://team/custom-fields", "attributeName="),
        ("chime://team/lead-ponds", "pondName="),
    ],
)
async def test_workspace_resources(client: Client, uri: str, expected: str) -> None:
    content = await read(client, uri)
    assert expected in content.text
    assert content.mime_type == "text/plain"


async def test_lead_profile(client: Client, bob_id: int) -> None:
    text = (await read(client, f"chime://leads/{bob_id}")).text
    assert 'firstName: "Bob"' in text and 'lastName: "Li"' in text
    assert "bob.li@example.com" in text


async def test_timeline_markdown_and_json_with_filters(client: Client, bob_id: int) -> None:
    markdown = await read(client, f"chime://leads/{bob_id}/timeline?kinds=call&limit=2")
    assert markdown.mime_type == "text/markdown"
    lines = markdown.text.splitlines()
    assert lines[0] == f'# Timeline of "Bob Li" (lead {bob_id})'
    assert [line.split(" ")[3] for line in lines if line.startswith("- ")] == ["call", "call"]

    raw = await read(client, f"chime://leads/{bob_id}/timeline.json?since=2000-01-01&kinds=note,task")
    assert raw.mime_type == "application/json"
    data = json.loads(raw.text)
    assert data["leadId"] == bob_id and data["total"] == data["shown"] > 0
    assert {event["kind"] for event in data["events"]} == {"note", "task"}


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("chime://leads/424242/timeline", "Lead 424242 not found: find it with search_leads"),
        ("chime://leads/424242", "Lead 424242 not found"),
        ("chime://leads/bob/timeline", "leadId must be a number"),
        ("chime://leads/1/timeline.json?limit=lots", "limit must be a whole number"),
        ("chime://leads/1/timeline?kinds=memos", "Unknown kinds memos"),
    ],
)
async def test_resource_errors_say_what_to_do(client: Client, uri: str, message: str) -> None:
    with pytest.raises(MCPError) as caught:
        await client.read_resource(uri)
    assert message in str(caught.value)


@pytest.mark.parametrize("uri", ["chime://leads/424242", "chime://leads/424242/timeline"])
async def test_a_lead_that_does_not_exist_is_resource_not_found(client: Client, uri: str) -> None:
    """2025-11-25 names -32002 for a missing resource; 2026-07-28 retired it for -32602."""
    with pytest.raises(MCPError) as caught:
        await client.read_resource(uri)
    legacy = client.session.protocol_version == "2025-11-25"
    assert caught.value.error.code == (-32002 if legacy else INVALID_PARAMS)
    assert "Lead 424242 not found" in caught.value.error.message
    assert caught.value.error.data == {"uri": uri}


async def test_a_malformed_lead_id_is_invalid_params(client: Client) -> None:
    with pytest.raises(MCPError) as caught:
        await client.read_resource("chime://leads/bob")
    assert caught.value.error.code == INVALID_PARAMS


# -- completions ---------------------------------------------------------------------------------------


async def complete(client: Client, name: str, value: str, ref: str = TIMELINE) -> list[str]:
    reference = ResourceTemplateReference(type="ref/resource", uri=ref)
    return (await client.complete(reference, {"name": name, "value": value})).completion.values


async def test_lead_id_completes_by_name_email_and_id_prefix(client: Client, bob_id: int) -> None:
    assert await complete(client, "leadId", "Bob Li") == [str(bob_id)]
    assert await complete(client, "leadId", "bob.li@example") == [str(bob_id)]
    prefix = str(bob_id)[:-1]
    by_prefix = await complete(client, "leadId", prefix)
    assert str(bob_id) in by_prefix and all(value.startswith(prefix) for value in by_prefix)
    assert await complete(client, "leadId", "", ref="chime://leads/{leadId}")  # some recent leads
    assert await complete(client, "leadId", "nobody-by-this-name") == []


async def test_completion_counts_say_only_what_exists(client: Client, bob_id: int) -> None:
    """200 leads, one page of 100 read: the counts are the team's, or absent, never the page's."""
    reference = ResourceTemplateReference(type="ref/resource", uri=TIMELINE)

    async def counts(name: str, value: str) -> tuple[int, int | None, bool | None]:
        found = (await client.complete(reference, {"name": name, "value": value})).completion
        return len(found.values), found.total, found.has_more

    assert await counts("leadId", "") == (100, 200, True)
    assert await counts("leadId", "Bob Li") == (1, 1, False)
    shown, total, has_more = await counts("leadId", str(bob_id)[:-1])  # an id prefix, off one page
    assert (total, has_more) == (None, None)
    shown, total, has_more = await counts("stage", "")  # the team's pipelines: every stage
    assert shown and (total, has_more) == (shown, False)
    assert await counts("channel", "") == (3, 3, False)


async def test_other_arguments_complete(client: Client) -> None:
    assert await complete(client, "kinds", "note,ca") == ["note,call"]
    assert await complete(client, "kinds", "t") == ["text", "task", "transaction"]
    assert await complete(client, "limit", "1") == ["100"]
    assert "30d" in await complete(client, "since", "")
    assert await complete(client, "unknown", "x") == []


async def test_prompt_arguments_complete(client: Client, bob_id: int) -> None:
    def ref(name: str) -> PromptReference:
        return PromptReference(type="ref/prompt", name=name)

    stages = (await client.complete(ref("pipeline_review"), {"name": "stage", "value": "act"})).completion
    assert stages.values and all(v.lower().startswith("act") for v in stages.values)
    channel = await client.complete(ref("follow_up"), {"name": "channel", "value": "e"})
    assert channel.completion.values == ["email"]
    lead = await client.complete(ref("lead_briefing"), {"name": "leadId", "value": "Bob"})
    assert str(bob_id) in lead.completion.values
