"""Argument suggestions (services/completions.py) against the sandbox, without MCP."""

from __future__ import annotations

import pytest

from chime_mcp.chime import errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.services.completions import ClientSource, Suggestions, complete_list, lead_ids, stages, suggest

pytestmark = pytest.mark.anyio


async def suggested(client: ClientSource, name: str, value: str) -> Suggestions:
    found = await suggest(client, name, value)
    assert found is not None, name
    return found


def bob(box: Sandbox) -> str:
    return str(next(lead["leadId"] for lead in box.state.leads.values() if lead["firstName"] == "Bob"))


async def test_lead_ids_by_name_email_and_id_prefix(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    bob_id = bob(sandbox)
    assert (await lead_ids(sandbox_client, "Bob Li")).values == [bob_id]
    assert (await lead_ids(sandbox_client, " bob.li@example ")).values == [bob_id]
    by_prefix = (await lead_ids(sandbox_client, bob_id[:-1])).values
    assert bob_id in by_prefix and all(value.startswith(bob_id[:-1]) for value in by_prefix)
    latest = (await lead_ids(sandbox_client, "")).values
    assert latest and len(latest) == len(set(latest))
    assert (await lead_ids(sandbox_client, "nobody-by-this-name")).values == []


async def test_stages_are_the_teams_lead_pipelines(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    found = await stages(sandbox_client, "")
    everything = found.values
    assert everything == list(sandbox.state.stage_ids) and found.exhaustive
    assert {lead["stage"] for lead in sandbox.state.leads.values() if lead.get("stage")} <= set(everything)
    assert all(name.lower().startswith("act") for name in (await stages(sandbox_client, "ACT")).values)


def test_complete_list_keeps_the_items_before() -> None:
    kinds = ("note", "call", "text", "task")
    assert complete_list("note,ca", kinds) == ["note,call"]
    assert complete_list("t", kinds) == ["text", "task"]
    assert complete_list("text, t", kinds) == ["text,task"]  # taken items are not offered again
    assert complete_list("", kinds) == list(kinds)


async def test_suggest_by_argument_name(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    async def client() -> ChimeClient:
        return sandbox_client

    assert (await suggested(client, "limit", "1")).values == ["100"]
    assert (await suggested(client, "channel", "e")).values == ["email"]
    assert (await suggested(client, "kinds", "note,ca")).values == ["note,call"]
    assert (await suggested(client, "kinds", "t")).values == ["text", "task", "transaction"]
    assert await suggest(client, "unknown", "x") is None
    assert (await suggested(client, "leadId", "Bob Li")).values == [bob(sandbox)]
    assert (await suggested(client, "stage", "")).values == (await stages(sandbox_client, "")).values


async def test_a_chime_failure_suggests_nothing() -> None:
    async def broken() -> ChimeClient:
        raise errors.ConfigurationError("no credential")

    async def unused() -> ChimeClient:
        raise AssertionError("fixed choices need no client")

    assert (await suggested(broken, "leadId", "Bob")).values == []
    assert (await suggested(broken, "stage", "")).values == []
    assert (await suggested(unused, "since", "")).values == ["7d", "30d", "90d", "365d"]


async def test_suggestions_from_one_page_of_many_leads_are_not_all(sandbox_client: ChimeClient) -> None:
    # The sandbox has 200 leads; a suggestion reads one page of 100 of them.
    latest = await lead_ids(sandbox_client, "")
    assert (len(latest.values), latest.exhaustive, latest.total) == (100, False, 200)
    by_name = await lead_ids(sandbox_client, "Bob Li")
    assert by_name.exhaustive  # one match, all of them
