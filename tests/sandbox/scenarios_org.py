"""Sandbox scenarios of the team and organization operations and the intelligent features
(issue 14, group "org"): each asserts its effect on the sandbox's state."""

from __future__ import annotations

from typing import Any

import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from tests.support.scenarios import agent, bob, of_lead, scenario

NEW_AGENT = {
    "accountType": 1,
    "accountInfo": {
        "firstName": "Nina",
        "lastName": "Park",
        "emailAddress": "nina.park@example.org",
        "phoneNumber": "5550107788",
        "roleName": "agent",
    },
}


def _recorded_call(sb: Sandbox) -> dict[str, Any]:
    """The first recorded dialer call (Bob's calls are not recorded)."""
    return next(c for c in sb.state.calls.values() if c["recordingSwitch"])


# -- agents ----------------------------------------------------------------------------------------


@scenario("create_agent")
async def _create_agent(c: ChimeClient, sb: Sandbox) -> None:
    created = await c.call(catalog.admin.CREATE_AGENT, body=NEW_AGENT)
    assert created.data is not None and created.code == 0
    member = sb.state.members[created.data]
    assert (member["email"], member["roleName"], member["accountStatus"]) == (
        "nina.park@example.org",
        "Agent",
        "ACTIVE",
    )
    page = await c.call(catalog.team.LIST_MEMBERS, {"limit": 50})
    assert created.data in {m.id for m in page.members or []}
    # The same email again: HTTP 200 with a non-zero errorCode, which the client raises.
    with pytest.raises(errors.InvalidRequestError, match="already on the team"):
        await c.call(catalog.admin.CREATE_AGENT, body=NEW_AGENT)


@scenario("add_agent_tags")
async def _add_agent_tags(c: ChimeClient, sb: Sandbox) -> None:
    who = agent(sb)["id"]
    with pytest.raises(errors.InvalidRequestError, match="not defined"):
        await c.call(catalog.admin.ADD_AGENT_TAGS, {"agentId": who}, {"tagNames": ["Mentor"]})
    assert sb.store.agent_tags.get(who) is None  # refused: nothing added
    done = await c.call(
        catalog.admin.ADD_AGENT_TAGS, {"agentId": who}, {"tagNames": ["Mentor", "Hot"], "autoCreate": True}
    )
    assert done.data is True
    assert sb.store.agent_tags[who] == ["Mentor", "Hot"]
    assert "Mentor" in {t.tagName for t in await c.call(catalog.team.LIST_TAGS)}  # created on the team


@scenario("deactivate_agent")
async def _deactivate_agent(c: ChimeClient, sb: Sandbox) -> None:
    gone = agent(sb)
    lead = bob(sb)
    owned = [i for i, held in sb.state.leads.items() if held.get("assignedUserId") == gone["id"]]
    await c.call(catalog.admin.DEACTIVATE_AGENT, {"agentId": gone["id"]})
    assert gone["accountStatus"] == "INACTIVE"
    # Their leads stay theirs; they are no longer offered for routing or assignment.
    assert all(sb.state.leads[i]["assignedUserId"] == gone["id"] for i in owned)
    offered = await c.call(catalog.routing.LIST_ROUTING_MEMBERS, {"type": 1})
    assert gone["id"] not in {m.id for m in offered}
    with pytest.raises(errors.ChimeError, match="deactivated"):
        await c.call(
            catalog.leads.ASSIGN_LEAD, {"leadId": lead["leadId"]}, [{"assignee": gone["email"], "role": "Agent"}]
        )
    sb.state.supplement_rules[1]["assigneeAgentId"] = gone["id"]
    for rule in sb.state.routing_rules[1]:
        rule["ruleSwitch"] = False
    preview = await c.call(catalog.routing.PREVIEW_ROUTING, body={"firstName": "Nina", "email": "n@example.com"})
    assert preview[0].customRoleAssignees == []  # the default rule's assignee is gone: no one
    # Twice: the live API's answer, HTTP 200 with a code.
    with pytest.raises(errors.InvalidRequestError, match="already deactivated"):
        await c.call(catalog.admin.DEACTIVATE_AGENT, {"agentId": gone["id"]})
    with pytest.raises(errors.InvalidRequestError, match="own account"):
        await c.call(catalog.admin.DEACTIVATE_AGENT, {"agentId": sb.state.me_id})


@scenario("reactivate_agent")
async def _reactivate_agent(c: ChimeClient, sb: Sandbox) -> None:
    back = agent(sb)
    with pytest.raises(errors.InvalidRequestError, match="already active"):
        await c.call(catalog.admin.REACTIVATE_AGENT, {"agentId": back["id"]})
    await c.call(catalog.admin.DEACTIVATE_AGENT, {"agentId": back["id"]})
    await c.call(catalog.admin.REACTIVATE_AGENT, {"agentId": back["id"]})
    assert back["accountStatus"] == "ACTIVE"
    offered = await c.call(catalog.routing.LIST_ROUTING_MEMBERS, {"type": 1})
    assert back["id"] in {m.id for m in offered}
    await c.call(
        catalog.leads.ASSIGN_LEAD, {"leadId": bob(sb)["leadId"]}, [{"assignee": back["email"], "role": "Agent"}]
    )
    assert bob(sb)["assignedUserId"] == back["id"]


# -- organization ----------------------------------------------------------------------------------


@scenario("list_permission_profiles")
async def _list_permission_profiles(c: ChimeClient, sb: Sandbox) -> None:
    profiles = await c.call(catalog.admin.LIST_PERMISSION_PROFILES)
    owner = sb.state.org["enterpriseInfo"]
    assert (profiles[0].id, profiles[0].name) == (owner["profileId"], owner["profileName"])
    assert {"Agent", "Lender"} <= {p.name for p in profiles}


@scenario("add_office")
async def _add_office(c: ChimeClient, sb: Sandbox) -> None:
    body = {"name": "Harbor & Pine Realty - Georgetown", "city": "Georgetown", "state": "TX", "phone": "5125550100"}
    done = await c.call(catalog.admin.ADD_OFFICE, body=body)
    assert done.code == 0 and done.data is not None
    office_id = done.data["id"]
    org = await c.call(catalog.team.GET_ORGANIZATION)
    assert org.enterpriseInfo is not None
    units = {u.groupId: u for u in org.enterpriseInfo.visibleOrgInfoList or []}
    assert units[office_id].groupName == body["name"]
    assert units[office_id].parentId == sb.state.org["enterpriseInfo"]["groupId"]  # under the company
    assert sb.store.org_units[office_id]["city"] == "Georgetown"
    with pytest.raises(errors.InvalidRequestError, match="already exists"):
        await c.call(catalog.admin.ADD_OFFICE, body=body)


@scenario("update_office")
async def _update_office(c: ChimeClient, sb: Sandbox) -> None:
    office_id = agent(sb)["groupId"]
    await c.call(catalog.admin.UPDATE_OFFICE, body={"id": office_id, "name": "Central", "phone": "5125550199"})
    org = await c.call(catalog.team.GET_ORGANIZATION)
    assert org.enterpriseInfo is not None
    assert {u.groupId: u.groupName for u in org.enterpriseInfo.visibleOrgInfoList or []}[office_id] == "Central"
    user = await c.call(catalog.team.GET_USER, {"userId": agent(sb)["id"]})
    assert (user.model_extra or {}).get("groupName") == "Central" or agent(sb)["groupName"] == "Central"
    assert agent(sb)["group"]["phone"] == "5125550199"
    with pytest.raises(errors.NotFoundError):
        await c.call(catalog.admin.UPDATE_OFFICE, body={"id": 12345, "name": "Nowhere"})


@scenario("update_company")
async def _update_company(c: ChimeClient, sb: Sandbox) -> None:
    await c.call(catalog.admin.UPDATE_COMPANY, body={"name": "Harbor & Pine Homes", "city": "Austin"})
    org = await c.call(catalog.team.GET_ORGANIZATION)
    assert org.enterpriseInfo is not None and org.enterpriseInfo.groupName == "Harbor & Pine Homes"
    company = sb.state.org["enterpriseInfo"]["groupId"]
    assert sb.store.org_units[company]["city"] == "Austin"


@scenario("list_vendors")
async def _list_vendors(c: ChimeClient, sb: Sandbox) -> None:
    vendors = await c.call(catalog.team.LIST_VENDORS)
    assert [v.agentUserId for v in vendors] == list(sb.state.members)
    first = vendors[0]
    assert first.email == sb.state.members[first.agentUserId or 0]["email"]
    assert first.phoneNumber and first.phoneNumber.isdigit()


# -- intelligent features --------------------------------------------------------------------------


@scenario("generate_call_summary")
async def _generate_call_summary(c: ChimeClient, sb: Sandbox) -> None:
    record = _recorded_call(sb)
    body = {"callRecordId": record["id"], "leadId": record["leadId"]}
    done = await c.call(catalog.ai.GENERATE_CALL_SUMMARY, body=body)
    assert done.message
    assert sb.store.call_summaries[record["id"]]["status"] == 2
    unrecorded = next(x for x in sb.state.calls.values() if not x["recordingSwitch"])
    with pytest.raises(errors.InvalidRequestError, match="no recording"):
        await c.call(
            catalog.ai.GENERATE_CALL_SUMMARY, body={"callRecordId": unrecorded["id"], "leadId": unrecorded["leadId"]}
        )


@scenario("get_call_summary")
async def _get_call_summary(c: ChimeClient, sb: Sandbox) -> None:
    record = _recorded_call(sb)
    before = await c.call(catalog.ai.GET_CALL_SUMMARY, {"callRecordId": record["id"]})
    assert before.data is None and before.status is not None and before.status.code != 0
    await c.call(catalog.ai.GENERATE_CALL_SUMMARY, body={"callRecordId": record["id"], "leadId": record["leadId"]})
    found = await c.call(catalog.ai.GET_CALL_SUMMARY, {"callRecordId": record["id"]})
    assert found.data is not None and found.data.status == 2
    lead = sb.state.leads[record["leadId"]]
    assert f"{lead['firstName']} {lead['lastName']}" in (found.data.summary or "") and (record.get("note") or "") in (
        found.data.summary or ""
    )
    assert {k.type for k in found.data.keywords or []} >= {"leadName"}
    again = await c.call(catalog.ai.GET_CALL_SUMMARY, {"callRecordId": record["id"]})
    assert again.data is not None and again.data.summary == found.data.summary  # deterministic


@scenario("generate_call_script")
async def _generate_call_script(c: ChimeClient, sb: Sandbox) -> None:
    lead = bob(sb)
    task = of_lead(sb.state.tasks, lead["leadId"])[0]
    tasks_before = len(sb.state.tasks)
    script = await c.call(catalog.ai.GENERATE_CALL_SCRIPT, body={"leadId": lead["leadId"], "taskId": task["id"]})
    assert script.context and task["content"] in script.context
    assert script.keyTalkingPoints and script.keyTalkingPoints[0].value == [
        f"Hi Bob, it's {lead['assignedUser'].split()[0]}."
    ]
    assert len(sb.state.tasks) == tasks_before  # a read: nothing stored
    with pytest.raises(errors.NotFoundError):
        await c.call(catalog.ai.GENERATE_CALL_SCRIPT, body={"leadId": lead["leadId"], "taskId": 1})


@scenario("create_lead_analysis")
async def _create_lead_analysis(c: ChimeClient, sb: Sandbox) -> None:
    ids = [bob(sb)["leadId"], *list(sb.state.leads)[5:7]]
    created = await c.call(catalog.ai.CREATE_LEAD_ANALYSIS, body={"leadIds": ids})
    assert created.data is not None
    task = sb.store.lead_analyses[created.data["taskId"]]
    assert task["leadIds"] == ids and task["status"] == "PROCESSING"
    with pytest.raises(errors.NotFoundError):
        await c.call(catalog.ai.CREATE_LEAD_ANALYSIS, body={"leadIds": [1]})


@scenario("list_lead_analyses")
async def _list_lead_analyses(c: ChimeClient, sb: Sandbox) -> None:
    empty = await c.call(catalog.ai.LIST_LEAD_ANALYSES)
    assert empty.data is not None and empty.data["total"] == 0
    made = [await c.call(catalog.ai.CREATE_LEAD_ANALYSIS, body={"leadIds": [bob(sb)["leadId"]]}) for _ in range(3)]
    listed = await c.call(catalog.ai.LIST_LEAD_ANALYSES, {"pageSize": 2})
    assert listed.data is not None and listed.data["total"] == 3
    assert {t["taskId"] for t in listed.data["list"]} <= {m.data["taskId"] for m in made if m.data}
    assert len(listed.data["list"]) == 2


@scenario("prepare_meeting_insight")
async def _prepare_meeting_insight(c: ChimeClient, sb: Sandbox) -> None:
    lead = bob(sb)
    appointment = of_lead(sb.state.appointments, lead["leadId"])[0]
    body = {"leadId": lead["leadId"], "appointmentId": appointment["id"]}
    insight = await c.call(catalog.ai.PREPARE_MEETING_INSIGHT, body=body)
    assert insight.data is not None
    assert (insight.data["leadName"], insight.data["meeting"]) == ("Bob Li", appointment["descr"])
    assert "Austin" in insight.data["lookingFor"]
    with pytest.raises(errors.NotFoundError):
        await c.call(catalog.ai.PREPARE_MEETING_INSIGHT, body={"leadId": lead["leadId"], "appointmentId": 1})
