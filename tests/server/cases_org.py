"""MCP cases of the team and organization tools and the intelligent features (issue 14, group
"org"). The gated ones (agents, offices, the company) go through the person's approval in `snap`."""

from __future__ import annotations

from typing import Any

from tests.support.cases import Session, case
from tests.support.sandboxes import BOB


def _an_agent(s: Session) -> dict[str, Any]:
    return next(m for m in s.sandbox.state.members.values() if m["roleName"] == "Agent")


def _recorded_call(s: Session) -> dict[str, Any]:
    return next(c for c in s.sandbox.state.calls.values() if c["recordingSwitch"])


@case("create_agent")
async def _create_agent(s: Session) -> None:
    account = {
        "firstName": "Nina",
        "lastName": "Park",
        "emailAddress": "nina.park@example.org",
        "phoneNumber": "5550107788",
        "roleName": "Agent",
    }
    await s.snap("create_agent", accountType=1, accountInfo=account)
    assert "nina.park@example.org" in {m["email"] for m in s.sandbox.state.members.values()}


@case("add_agent_tags")
async def _add_agent_tags(s: Session) -> None:
    agent = _an_agent(s)
    await s.snap("add_agent_tags", agentId=agent["id"], tagNames=["Mentor"], autoCreate=True)
    assert s.sandbox.store.agent_tags[agent["id"]] == ["Mentor"]


@case("deactivate_agent")
async def _deactivate_agent(s: Session) -> None:
    agent = _an_agent(s)
    await s.snap("deactivate_agent", agentId=agent["id"])
    assert agent["accountStatus"] == "INACTIVE"
    _, members = await s.ok("list_routing_members", type=1)
    assert agent["id"] not in {m["id"] for m in members["result"]}


@case("reactivate_agent")
async def _reactivate_agent(s: Session) -> None:
    agent = _an_agent(s)
    agent["accountStatus"] = "INACTIVE"  # deactivated earlier (deactivate_agent asks a person too)
    await s.snap("reactivate_agent", agentId=agent["id"])
    assert agent["accountStatus"] == "ACTIVE"


@case("list_permission_profiles")
async def _list_permission_profiles(s: Session) -> None:
    text, _ = await s.snap("list_permission_profiles")
    assert "Company Owner" in text


@case("add_office")
async def _add_office(s: Session) -> None:
    await s.snap("add_office", name="Harbor & Pine Realty - Georgetown", city="Georgetown", state="TX")
    _, org = await s.ok("get_organization")
    assert "Harbor & Pine Realty - Georgetown" in {u["groupName"] for u in org["enterpriseInfo"]["visibleOrgInfoList"]}


@case("update_office")
async def _update_office(s: Session) -> None:
    office = _an_agent(s)["groupId"]
    await s.snap("update_office", id=office, name="Central Austin", phone="5125550199")
    _, org = await s.ok("get_organization")
    assert {u["groupId"]: u["groupName"] for u in org["enterpriseInfo"]["visibleOrgInfoList"]}[
        office
    ] == "Central Austin"


@case("update_company")
async def _update_company(s: Session) -> None:
    await s.snap("update_company", name="Harbor & Pine Homes")
    _, org = await s.ok("get_organization")
    assert org["enterpriseInfo"]["groupName"] == "Harbor & Pine Homes"


@case("list_vendors")
async def _list_vendors(s: Session) -> None:
    text, _ = await s.snap("list_vendors")
    assert "Morgan" in text


@case("generate_call_summary")
async def _generate_call_summary(s: Session) -> None:
    record = _recorded_call(s)
    await s.snap("generate_call_summary", callRecordId=record["id"], leadId=record["leadId"])
    _, found = await s.ok("get_call_summary", callRecordId=record["id"])
    assert found["data"]["status"] == 2


@case("get_call_summary")
async def _get_call_summary(s: Session) -> None:
    record = _recorded_call(s)
    await s.ok("generate_call_summary", callRecordId=record["id"], leadId=record["leadId"])
    text, _ = await s.snap("get_call_summary", callRecordId=record["id"])
    assert "outcome" in text


@case("generate_call_script")
async def _generate_call_script(s: Session) -> None:
    task = next(t for t in s.sandbox.state.tasks.values() if t["leadId"] == BOB)
    text, _ = await s.snap("generate_call_script", leadId=BOB, taskId=task["id"])
    assert "Hi Bob" in text


@case("create_lead_analysis")
async def _create_lead_analysis(s: Session) -> None:
    await s.snap("create_lead_analysis", leadIds=[BOB])
    assert [t["leadIds"] for t in s.sandbox.store.lead_analyses.values()] == [[BOB]]


@case("list_lead_analyses")
async def _list_lead_analyses(s: Session) -> None:
    await s.ok("create_lead_analysis", leadIds=[BOB])
    text, _ = await s.snap("list_lead_analyses")
    assert "PROCESSING" in text


@case("prepare_meeting_insight")
async def _prepare_meeting_insight(s: Session) -> None:
    appointment = next(a for a in s.sandbox.state.appointments.values() if a["leadId"] == BOB)
    text, _ = await s.snap("prepare_meeting_insight", leadId=BOB, appointmentId=appointment["id"])
    assert "Bob Li" in text
