"""The Sales Agent's records in the sandbox store: seeded on first use, kept by the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from chime_mcp.chime import catalog
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client
from tests.support.sandboxes import fresh_sandbox, sandbox_config

pytestmark = pytest.mark.anyio
SA = catalog.sales_agent


async def test_the_sales_agent_is_seeded_on_the_first_request_only() -> None:
    box = fresh_sandbox()
    assert not box.store.sales_agents and not box.store.working_leads  # the demo state has none
    async with sandbox_client(box) as client:
        first = await client.call(SA.GET_MY_SALES_AGENT)
        again = await client.call(SA.GET_MY_SALES_AGENT)
    assert first.id == again.id == box.store.sales_agents[box.state.me_id]["agent"]["id"]
    assert len(box.store.working_leads) == 3 and len(box.store.plan_tasks) == 2


async def test_a_database_keeps_the_pool_the_settings_and_the_plan_tasks(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.db"
    box = Sandbox(sandbox_config(db_path=db, lead_count=20))
    async with sandbox_client(box) as client:
        settings = await client.call(SA.GET_SALES_AGENT_SETTINGS)
        lead_id = list(box.state.leads)[5]
        await client.call(SA.ADD_WORKING_LEADS, body={"leadIds": [lead_id], "createPlanTask": True})
        await client.call(SA.UPDATE_SALES_AGENT_SETTINGS, body={"id": settings.id, "textChannel": False})
    box.store.close()
    reopened = Sandbox(sandbox_config(db_path=db, lead_count=20))
    try:
        async with sandbox_client(reopened) as client:
            quota = await client.call(SA.GET_SALES_AGENT_QUOTA)
            kept = await client.call(SA.GET_SALES_AGENT_SETTINGS)
            tasks = await client.call(SA.LIST_PLAN_TASKS, {"leadId": lead_id})
    finally:
        reopened.store.close()
    assert quota.usedQuota == 4  # the three of the demo and the one added: not seeded again
    assert (kept.id, kept.textChannel) == (settings.id, False)
    assert len(tasks) == 1
