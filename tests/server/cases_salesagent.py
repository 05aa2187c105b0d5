"""MCP cases of the AI Sales Agent tools (toolset sales_agent) and list_lead_communications.

Each makes its tool's pinned call (`s.snap`, the snapshot) and reads its effect back through
another tool or the sandbox state; update_sales_agent_settings waits for the person's approval.
"""

from __future__ import annotations

from chime_mcp.sandbox.demo.sales_agent import seed_sales_agent
from tests.support.cases import Session, bob, case
from tests.support.results import text_of


def _outside_pool(s: Session, count: int = 1) -> list[int]:
    state = s.sandbox.state
    if not s.sandbox.store.sales_agents:  # seeded on the first Sales Agent request
        seed_sales_agent(s.sandbox.store)
    return [lead_id for lead_id in state.leads if lead_id not in s.sandbox.store.working_leads][:count]


@case("list_working_leads")
async def _list_working_leads(s: Session) -> None:
    text, data = await s.snap("list_working_leads")
    assert text.startswith("3 of 3 working leads") and "Bob" in text
    assert len(data["workingLeads"]) == 3


@case("add_working_leads")
async def _add_working_leads(s: Session) -> None:
    wanted = _outside_pool(s, 8)  # the quota has 7 seats left
    text, _ = await s.snap("add_working_leads", leadIds=wanted, createPlanTask=True)
    assert "7 of 8 leads added" in text and f"{wanted[-1]} (no quota seat left" in text
    _, quota = await s.ok("get_sales_agent_quota")
    assert quota["remainingQuota"] == 0
    _, tasks = await s.ok("list_plan_tasks", leadId=wanted[0])
    assert len(tasks["result"]) == 1


@case("check_working_lead")
async def _check_working_lead(s: Session) -> None:
    text, _ = await s.snap("check_working_lead", leadId=await bob(s))
    assert '"Bob"' in text
    outside, _ = await s.ok("check_working_lead", leadId=_outside_pool(s)[0])
    assert outside == "The answer was empty: no record."


@case("mute_working_lead")
async def _mute_working_lead(s: Session) -> None:
    lead_id = await bob(s)
    text, _ = await s.snap("mute_working_lead", leadId=lead_id)
    assert "Muted" in text
    _, status = await s.ok("get_lead_mute_status", leadId=lead_id)
    assert status["data"]["mute"] == "true"


@case("get_lead_mute_status")
async def _get_lead_mute_status(s: Session) -> None:
    _, status = await s.snap("get_lead_mute_status", leadId=await bob(s))
    assert status["data"]["mute"] == "false"


@case("get_sales_agent_settings")
async def _get_sales_agent_settings(s: Session) -> None:
    text, _ = await s.snap("get_sales_agent_settings")
    assert 'assistantName: "Ava"' in text


@case("update_sales_agent_settings")
async def _update_sales_agent_settings(s: Session) -> None:
    # Gated: a person approves on the page; the settings the tool does not offer are sent as they were.
    _, current = await s.ok("get_sales_agent_settings")  # its id, as a model finds it
    text, _ = await s.snap("update_sales_agent_settings", id=current["id"], emailChannel=False, startActiveHour=9)
    assert "Changed: " in text
    _, settings = await s.ok("get_sales_agent_settings")
    assert (settings["emailChannel"], settings["startActiveHour"], settings["endActiveHour"]) == (False, 9, 20)
    assert settings["agentIds"] == [-1] and settings["assistantName"] == "Ava"


@case("get_sales_agent_quota")
async def _get_sales_agent_quota(s: Session) -> None:
    _, quota = await s.snap("get_sales_agent_quota")
    assert (quota["usedQuota"], quota["remainingQuota"]) == (3, 7)


@case("get_my_sales_agent")
async def _get_my_sales_agent(s: Session) -> None:
    text, agent = await s.snap("get_my_sales_agent")
    assert agent["status"] == "ACTIVE" and '"Ava"' in text


@case("get_lead_sales_agent")
async def _get_lead_sales_agent(s: Session) -> None:
    _, agent = await s.snap("get_lead_sales_agent", leadId=await bob(s))
    assert agent["id"] == s.sandbox.store.sales_agents[s.sandbox.state.me_id]["agent"]["id"]
    # A lead the AI does not work: 404, which says so (the lead is there) and how to hand it over.
    outside = _outside_pool(s)[0]
    result = await s.client.call_tool("get_lead_sales_agent", {"leadId": outside})
    assert result.is_error
    assert f"No AI Sales Agent works lead {outside}: add_working_leads" in text_of(result)


@case("list_plan_tasks")
async def _list_plan_tasks(s: Session) -> None:
    text, tasks = await s.snap("list_plan_tasks", leadId=await bob(s))
    assert [t["status"] for t in tasks["result"]] == ["FINISHED", "PENDING"]  # the clock stands at the demo's now
    assert "Saturday" in text


@case("create_plan_tasks")
async def _create_plan_tasks(s: Session) -> None:
    lead_id, outside = await bob(s), _outside_pool(s)[0]
    _, data = await s.snap("create_plan_tasks", leadIds=[lead_id, outside])
    assert data["data"] == {"succeededLeadIds": [lead_id], "failedLeadIds": [outside]}
    _, tasks = await s.ok("list_plan_tasks", leadId=lead_id)
    assert len(tasks["result"]) == 3


@case("list_lead_communications")
async def _list_lead_communications(s: Session) -> None:
    text, data = await s.snap("list_lead_communications", leadId=await bob(s), limit=5)
    assert text.startswith("5 communications")
    assert {item["channel"] for item in data["activities"]} <= {"Call", "Text", "Email"}
