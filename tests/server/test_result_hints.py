"""What results add so nothing happens without a word: cuts the API makes, an empty stage filter.

Through a real MCP client on both protocol versions, against a fresh sandbox (which cuts texts
as the live API does).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp import Client

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.results import text_of
from tests.support.sandboxes import BOB, fresh_sandbox

pytestmark = pytest.mark.anyio


@pytest.fixture
def box() -> Sandbox:
    return fresh_sandbox()


@pytest.fixture(params=["legacy", "auto"])
async def client(request: pytest.FixtureRequest, box: Sandbox) -> AsyncIterator[Client]:
    backend = ClientBackend(lambda: sandbox_client(box))
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, confirm="auto", environment={})
    async with Client(build_server(config, backend=backend), mode=request.param) as session:
        yield session
    await backend.aclose()


async def ok(client: Client, tool: str, **arguments: Any) -> str:
    result = await client.call_tool(tool, arguments)
    text = text_of(result)
    assert not result.is_error, f"{tool}: {text}"
    return text


async def test_update_lead_says_what_the_api_cut(client: Client, box: Sandbox) -> None:
    stage, first = "Appointment Scheduled Soon", "Bartholomew-Alexander Fitzgerald"
    box.state.stage_ids[stage] = 999  # a pipeline stage the team named longer than a lead keeps
    text = await ok(client, "update_lead", leadId=BOB, stage=stage, firstName=first)
    assert box.state.leads[BOB]["stage"] == stage[:20]  # the sandbox cuts as the API does
    assert f'Cut by the API: stage keeps its first 20 characters, "{stage[:20]}" (6 more were dropped' in text
    assert f'Cut by the API: firstName keeps its first 30 characters, "{first[:30]}" (2 more were dropped' in text
    plain = await ok(client, "update_lead", leadId=BOB, stage="Nurture")
    assert "Cut by the API" not in plain


async def test_an_unknown_stage_says_which_stages_the_team_has(client: Client, box: Sandbox) -> None:
    text = await ok(client, "search_leads", stage="Hot Prospects")
    first, *rest = text.split("\n")
    assert first.startswith("0 ")
    expected = 'No lead has the stage "Hot Prospects". Stages of the team (its lead pipelines): '
    assert rest and rest[-1].startswith(expected)
    in_use = {lead["stage"] for lead in box.state.leads.values()}
    assert any(f'"{stage}"' in rest[-1] for stage in in_use)
    assert rest[-1].endswith("Call again with one of them as stage.")
    found = await ok(client, "search_leads", stage=next(iter(in_use)))
    assert "No lead has the stage" not in found


async def test_a_stage_the_team_does_not_have_is_refused_before_sending(client: Client, box: Sandbox) -> None:
    before = dict(box.state.leads[BOB])
    for tool, arguments in (("update_lead", {"leadId": BOB}), ("create_lead", {"firstName": "Nina"})):
        failed = await client.call_tool(tool, {**arguments, "stage": "Nuture"})
        text = text_of(failed)
        assert failed.is_error and "stage 'Nuture' is not one of the team's stages (" in text, text
        assert all(f"'{s}'" in text for s in {lead["stage"] for lead in box.state.leads.values()})
        assert f"call {tool} again" in text
    assert box.state.leads[BOB] == before
    assert not any(lead["firstName"] == "Nina" for lead in box.state.leads.values())
    stage = next(lead["stage"] for lead in box.state.leads.values() if lead["stage"] != before["stage"])
    failed = await client.call_tool("update_lead", {"leadId": BOB, "stage": stage.upper()})
    assert failed.is_error and f"is spelled '{stage}'" in text_of(failed)
    await ok(client, "update_lead", leadId=BOB, stage=stage)
    assert box.state.leads[BOB]["stage"] == stage


async def test_input_schemas_require_what_the_api_needs(client: Client) -> None:
    tools = {tool.name: tool.input_schema for tool in (await client.list_tools()).tools}
    assert "id" in tools["update_routing_rule"]["required"]
    assert "assignee" in tools["assign_lead"]["properties"]["assigneeRequest"]["items"]["required"]
    failed = await client.call_tool("update_routing_rule", {"type": 1, "activeHours": {"activeDays": [1]}})
    assert failed.is_error and "id" in text_of(failed)
    failed = await client.call_tool("assign_lead", {"leadId": BOB, "assigneeRequest": [{"role": "Agent"}]})
    assert failed.is_error and "assignee" in text_of(failed)


async def test_add_lead_property_needs_a_place(client: Client, box: Sandbox) -> None:
    before = len(box.state.leads[BOB].get("leadPropertyList") or [])
    failed = await client.call_tool("add_lead_property", {"leadId": BOB, "bedrooms": 3})
    assert failed.is_error
    assert "Nothing was sent: add_lead_property needs at least one of streetAddress, city, state, zipCode" in (
        text_of(failed)
    )
    assert len(box.state.leads[BOB].get("leadPropertyList") or []) == before
    assert "at least one of streetAddress" in next(
        tool.description or "" for tool in (await client.list_tools()).tools if tool.name == "add_lead_property"
    )
    await ok(client, "add_lead_property", leadId=BOB, zipCode="78704")
