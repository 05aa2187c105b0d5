"""Sandbox scenarios of the AI Sales Agent (toolset sales_agent) and the v2 lead communications.

Each calls its operation and checks what it did to the sandbox's state: the working-lead pool
(what add uses of the quota and refuses past it, what mute changes), the settings, plan tasks.
"""

from __future__ import annotations

import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.demo.sales_agent import seed_sales_agent
from tests.support.scenarios import bob, of_lead, scenario

SA = catalog.sales_agent


def _seeded(sb: Sandbox) -> Sandbox:
    """The sandbox with its Sales Agent's records (seeded on the first Sales Agent request)."""
    if not sb.store.sales_agents:
        seed_sales_agent(sb.store)
    return sb


def _outside_pool(sb: Sandbox, count: int) -> list[int]:
    """Leads the Sales Agent does not work yet."""
    _seeded(sb)
    return [lead_id for lead_id in sb.state.leads if lead_id not in sb.store.working_leads][:count]


@scenario("list_working_leads")
async def _list_working_leads(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    page = await c.call(SA.LIST_WORKING_LEADS)
    assert page.metadata is not None and page.metadata.total == len(sb.store.working_leads) == 3
    leads = page.workingLeads or []
    assert {w.leadId for w in leads} == set(sb.store.working_leads)
    updated = [sb.store.working_leads[w.leadId or 0]["updatedAt"] for w in leads]
    assert updated == sorted(updated, reverse=True)  # the API's default: latest updated first
    bob_row = next(w for w in leads if w.leadId == bob(sb)["leadId"])
    assert (bob_row.firstName, bob_row.email) == ("Bob", bob(sb)["emails"][0])
    prospecting = await c.call(SA.LIST_WORKING_LEADS, {"aiStage": "AI_PROSPECTING"})
    assert [w.leadId for w in prospecting.workingLeads or []] == [bob(sb)["leadId"]]
    second = await c.call(SA.LIST_WORKING_LEADS, {"limit": 2, "offset": 2})
    assert len(second.workingLeads or []) == 1


@scenario("add_working_leads")
async def _add_working_leads(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    total = sb.store.sales_agents[sb.state.me_id]["totalQuota"]
    free = total - len(sb.store.working_leads)
    wanted = _outside_pool(sb, free + 1)
    answer = await c.call(SA.ADD_WORKING_LEADS, body={"leadIds": wanted, "createPlanTask": True})
    # The quota takes `free` of them; the last one is refused, as a partial failure of the batch.
    assert answer.message is not None and answer.message.startswith(f"{free} of {free + 1} leads added")
    assert f"{wanted[-1]} (no quota seat left" in answer.message
    assert set(wanted[:-1]) <= set(sb.store.working_leads) and wanted[-1] not in sb.store.working_leads
    assert len(sb.store.working_leads) == total
    assert all(of_lead(sb.store.plan_tasks, lead_id) for lead_id in wanted[:-1])  # createPlanTask
    quota = await c.call(SA.GET_SALES_AGENT_QUOTA)
    assert (quota.remainingQuota, quota.hasQuotaAvailable) == (0, False)
    again = await c.call(SA.ADD_WORKING_LEADS, body={"leadIds": [bob(sb)["leadId"]]})
    assert again.message is not None and "already working" in again.message
    with pytest.raises(errors.InvalidInputError):  # at most 100 a batch, refused before sending
        await c.call(SA.ADD_WORKING_LEADS, body={"leadIds": list(range(1, 102))})


@scenario("check_working_lead")
async def _check_working_lead(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    working = await c.call(SA.CHECK_WORKING_LEAD, {"leadId": bob(sb)["leadId"]})
    assert working.leadId == bob(sb)["leadId"]
    assert working.createdAt == sb.store.working_leads[bob(sb)["leadId"]]["createdAt"]
    outside = _outside_pool(sb, 1)[0]
    assert (await c.call(SA.CHECK_WORKING_LEAD, {"leadId": outside})).leadId is None
    with pytest.raises(errors.PermissionDeniedError):  # a lead the caller cannot see
        await c.call(SA.CHECK_WORKING_LEAD, {"leadId": 1})


@scenario("mute_working_lead")
async def _mute_working_lead(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    lead_id = bob(sb)["leadId"]
    answer = await c.call(SA.MUTE_WORKING_LEAD, {"leadId": lead_id})
    assert answer.message and "Muted" in answer.message
    assert sb.store.working_leads[lead_id]["muted"] is True
    status = await c.call(SA.GET_LEAD_MUTE_STATUS, {"leadId": lead_id})
    assert status.data is not None and status.data.mute == "true"
    listed = await c.call(SA.LIST_WORKING_LEADS)
    assert lead_id in {w.leadId for w in listed.workingLeads or []}  # still in the pool, muted
    with pytest.raises(errors.InvalidRequestError, match="not a working lead"):
        await c.call(SA.MUTE_WORKING_LEAD, {"leadId": _outside_pool(sb, 1)[0]})


@scenario("get_lead_mute_status")
async def _get_lead_mute_status(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    lead_id = bob(sb)["leadId"]
    status = await c.call(SA.GET_LEAD_MUTE_STATUS, {"leadId": lead_id})
    assert status.data is not None and status.data.mute == "false"
    sb.store.working_leads[lead_id]["muted"] = True
    status = await c.call(SA.GET_LEAD_MUTE_STATUS, {"leadId": lead_id})
    assert status.data is not None and status.data.mute == "true"


@scenario("get_sales_agent_settings")
async def _get_sales_agent_settings(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    settings = await c.call(SA.GET_SALES_AGENT_SETTINGS)
    kept = sb.store.sales_agents[sb.state.me_id]["settings"]
    assert (settings.id, settings.assistantName, settings.textChannel) == (kept["id"], "Ava", True)
    assert settings.activeDays == kept["activeDays"]


@scenario("update_sales_agent_settings")
async def _update_sales_agent_settings(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    agent_id = sb.store.sales_agents[sb.state.me_id]["settings"]["id"]
    body = {"id": agent_id, "emailChannel": False, "startActiveHour": 9, "activeDays": [1, 2, 3, 4, 5]}
    answer = await c.call(SA.UPDATE_SALES_AGENT_SETTINGS, body=body)
    assert answer.message
    settings = await c.call(SA.GET_SALES_AGENT_SETTINGS)
    assert (settings.emailChannel, settings.startActiveHour, settings.activeDays) == (False, 9, [1, 2, 3, 4, 5])
    assert settings.textChannel is True and settings.endActiveHour == 20  # what was not sent stays
    renamed = await c.call(SA.UPDATE_SALES_AGENT_SETTINGS, body={"id": agent_id, "assistantName": "Nova"})
    assert renamed.message and (await c.call(SA.GET_MY_SALES_AGENT)).assistantName == "Nova"
    with pytest.raises(errors.InvalidRequestError, match="not the caller's Sales Agent"):
        await c.call(SA.UPDATE_SALES_AGENT_SETTINGS, body={"id": agent_id + 1, "textChannel": False})
    assert sb.store.sales_agents[sb.state.me_id]["settings"]["textChannel"] is True


@scenario("get_sales_agent_quota")
async def _get_sales_agent_quota(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    quota = await c.call(SA.GET_SALES_AGENT_QUOTA)
    total = sb.store.sales_agents[sb.state.me_id]["totalQuota"]
    assert (quota.totalQuota, quota.usedQuota, quota.remainingQuota) == (total, 3, total - 3)
    assert quota.hasQuotaAvailable is True and quota.usagePercentage == 30.0
    del sb.store.working_leads[bob(sb)["leadId"]]
    assert (await c.call(SA.GET_SALES_AGENT_QUOTA)).usedQuota == 2


@scenario("get_my_sales_agent")
async def _get_my_sales_agent(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    agent = await c.call(SA.GET_MY_SALES_AGENT)
    me = sb.state.members[sb.state.me_id]
    assert (agent.userId, agent.agentName) == (me["id"], f"{me['firstName']} {me['lastName']}")
    assert agent.virtualNumber == me["virtualNumber"] and agent.status == "ACTIVE"


@scenario("get_lead_sales_agent")
async def _get_lead_sales_agent(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    agent = await c.call(SA.GET_LEAD_SALES_AGENT, {"leadId": bob(sb)["leadId"]})
    assert agent.id == sb.store.sales_agents[sb.state.me_id]["agent"]["id"]
    with pytest.raises(errors.NotFoundError):  # a lead the AI does not work has no Sales Agent
        await c.call(SA.GET_LEAD_SALES_AGENT, {"leadId": _outside_pool(sb, 1)[0]})


@scenario("list_plan_tasks")
async def _list_plan_tasks(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    tasks = await c.call(SA.LIST_PLAN_TASKS, {"leadId": bob(sb)["leadId"]})
    assert len(tasks) == len(of_lead(sb.store.plan_tasks, bob(sb)["leadId"])) == 2
    assert [t.taskType for t in tasks] == ["CALL", "TEXT"]  # by due time
    assert tasks[0].status == "FINISHED" and tasks[1].status in ("PENDING", "OVERDUE")
    assert await c.call(SA.LIST_PLAN_TASKS, {"leadId": _outside_pool(sb, 1)[0]}) == []


@scenario("create_plan_tasks")
async def _create_plan_tasks(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    lead_id, outside = bob(sb)["leadId"], _outside_pool(sb, 1)[0]
    before = len(of_lead(sb.store.plan_tasks, lead_id))
    answer = await c.call(SA.CREATE_PLAN_TASKS, body={"leadIds": [lead_id, outside]})
    assert answer.code == 0 and answer.data == {"succeededLeadIds": [lead_id], "failedLeadIds": [outside]}
    assert len(of_lead(sb.store.plan_tasks, lead_id)) == before + 1
    assert not of_lead(sb.store.plan_tasks, outside)  # only leads in the working pool
    tasks = await c.call(SA.LIST_PLAN_TASKS, {"leadId": lead_id})
    assert len(tasks) == before + 1 and tasks[-1].taskType == "TEXT"


@scenario("list_lead_communications")
async def _list_lead_communications(c: ChimeClient, sb: Sandbox) -> None:
    _seeded(sb)
    lead_id = bob(sb)["leadId"]
    expected = sum(len(of_lead(records, lead_id)) for records in (sb.state.calls, sb.state.texts, sb.state.emails))
    expected += len(of_lead(sb.state.logs, lead_id))
    page = await c.call(catalog.lead_details.LIST_LEAD_COMMUNICATIONS, {"leadId": lead_id, "limit": 1000})
    items = page.activities or []
    assert len(items) == expected > 0
    assert {i.channel for i in items} == {"Call", "Text", "Email"}
    assert "Logged" in {i.communicationType for i in items}
    times = [i.activityTime or "" for i in items]
    assert times == sorted(times)  # oldest first (one zone: the caller's)
    first = await c.call(catalog.lead_details.LIST_LEAD_COMMUNICATIONS, {"leadId": lead_id})
    assert [i.id for i in first.activities or []] == [i.id for i in items[:10]]  # 10 a page by default
    after = await c.call(catalog.lead_details.LIST_LEAD_COMMUNICATIONS, {"leadId": lead_id, "offset": 10, "limit": 2})
    assert [i.id for i in after.activities or []] == [i.id for i in items[10:12]]
    with pytest.raises(errors.NotFoundError):
        await c.call(catalog.lead_details.LIST_LEAD_COMMUNICATIONS, {"leadId": 1})
