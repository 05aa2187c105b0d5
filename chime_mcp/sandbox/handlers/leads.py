"""Toolset `leads`: create, search, read, edit, trash and assign leads.

The search engine is in `lead_search.py`, the application of a lead body in `lead_fields.py`,
the routing of a new lead in `routing.py`.
"""

from __future__ import annotations

from chime_mcp.chime.catalog import leads
from chime_mcp.chime.limits import STAGE_LIMIT
from chime_mcp.chime.models import LeadAssigineeRequest
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers import lead_search
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.lead_details import check_property
from chime_mcp.sandbox.handlers.lead_fields import apply_lead_fields, set_stage, stage_id
from chime_mcp.sandbox.handlers.records import (
    active_member,
    full_name,
    lead_of,
    member_by_email,
    member_of,
    touched,
)
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.handlers.routing import assign_agent, route_new_lead
from chime_mcp.sandbox.handlers.system_log import person, system_log
from chime_mcp.sandbox.store import Record

# -- create -----------------------------------------------------------------------------------


def _blank_lead(call: Call, lead_id: int, lead_user_id: int, source: str) -> Record:
    """A new lead record with every wire field, before the body is applied."""
    st = call.st
    stamp = wire_time(call.now)
    return {
        "cannotText": False, "cannotCall": False, "cannotEmail": False,
        "leadId": lead_id, "leadUserId": lead_user_id, "firstName": None, "lastName": None,
        "birthday": None, "emails": [], "phones": [], "leadSource": st.source_ids.get(source, 0),
        "source": source, "stageId": None, "stage": None, "assignedUserId": None, "assignedUser": None,
        "lenderUserId": None, "score": 0, "tags": [], "teamId": st.team_id, "streetAddress": None,
        "city": None, "state": None, "zipCode": None, "createTime": stamp, "assignTime": None,
        "facebook": None, "twitter": None, "hiddenFlag": False, "referredBy": None, "leadInquiry": None,
        "leadPropertyList": [], "customAttributes": [], "lastUpdateTime": stamp, "groups": [],
        "segments": [], "unsubscription": False, "leadTypes": [-1], "lastTouch": None, "lastVisit": None,
        "phoneStatuses": [], "assignCompletionStatus": False, "buyingTimeFrame": None, "preQual": None,
        "houseToSell": None, "fthb": None, "withBuyerAgent": None, "sellingTimeFrame": None,
        "mortgage": None, "buyHouse": None, "withListingAgent": None, "opportunity": None,
        "leadFamilyMemberList": [], "pondId": None, "pondName": None, "customRoleList": [],
        "language": "English", "ownershipId": st.team_id, "ownershipScope": "TEAM",
    }  # fmt: skip


@handler(leads.CREATE_LEAD)
def create_lead(call: Call) -> Record:
    sent = call.fields()
    st = call.st
    lead_id, lead_user_id = call.store.new_id(), call.store.new_id()
    source = sent.get("source") or "API"
    lead = _blank_lead(call, lead_id, lead_user_id, source)
    # Checked before any change: a bad id changes nothing.
    agent = active_member(member_of(call, sent["assignedUserId"])) if sent.get("assignedUserId") is not None else None
    st.leads[lead_id] = lead
    st.inquiries[lead_id], st.properties[lead_id], st.activities[lead_id] = [], [], []
    call.store.touch("leads", "inquiries", "properties", "activities")
    apply_lead_fields(call, lead, sent)
    lead["source"] = source
    stage = (sent.get("stage") or "New")[:STAGE_LIMIT]
    lead["stage"], lead["stageId"] = stage, stage_id(call, stage)
    system_log(call, lead, "NewLead", {"source": source, "leadName": full_name(lead)})
    if agent is not None:
        assign_agent(call, lead, agent, "Assigned on create")
    else:
        route_new_lead(call, lead)
    lead["lastUpdateTime"] = wire_time(call.now)
    return {"leadId": lead_id}


# -- search and read --------------------------------------------------------------------------


@handler(leads.SEARCH_LEADS)
def search_leads(call: Call) -> Record:
    descending = call.flag("desc") is not False  # newest first unless told otherwise
    leads = lead_search.sort_leads(lead_search.found(call), call.text("sort"), descending)
    return lead_search.lead_page(call, leads)


@handler(leads.GET_LEAD)
def get_lead(call: Call) -> Record:
    # Sent bare, as the published schema has it (the client also reads {"lead": {...}}).
    return lead_of(call, call.integer("leadId"), with_trash=bool(call.flag("withTrash")))


# -- change -----------------------------------------------------------------------------------


@handler(leads.UPDATE_LEAD)
def update_lead(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    sent = call.fields()
    if sent.get("property") is not None:
        check_property(call, lead, sent["property"])  # a bad property aborts the whole update
    agent = member_of(call, sent["assignedUserId"]) if sent.get("assignedUserId") is not None else None
    changed = apply_lead_fields(call, lead, sent)
    if sent.get("stage"):
        set_stage(call, lead, sent["stage"])
    if agent is not None and agent["id"] != lead.get("assignedUserId"):
        assign_agent(call, lead, agent, "Reassigned")
    if changed:
        system_log(call, lead, "EditLeadInfo", {"fields": changed})
    touched(call, lead)
    return {"leadId": lead["leadId"]}


@handler(leads.DELETE_LEAD)
def delete_lead(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    reason = (call.text("reason") or "").strip()
    if not reason:
        raise bad("reason: a reason is required to move a lead to trash")
    call.store.trash[lead["leadId"]] = {"reason": reason, "deleteTime": wire_time(call.now), "deletedBy": call.st.me_id}
    call.store.touch("trash")
    system_log(call, lead, "MoveToTrash", {"reason": reason})
    touched(call, lead)
    return {"deleted": True, "leadId": str(lead["leadId"])}


# -- assign -----------------------------------------------------------------------------------


def _assign_role(call: Call, lead: Record, role: str, member: Record) -> None:
    """Give the lead `member` as its agent, lender or assistant."""
    if role == "Agent":
        assign_agent(call, lead, member, "Assigned through the API")
        return
    content = {"assigneeName": full_name(member)}
    if role == "Lender":
        lead["lenderUserId"] = member["id"]
        system_log(call, lead, "AssignLender", content, to=person(member, 5))
        return
    roles = [r for r in lead.get("customRoleList") or [] if r.get("role") != "Assistant"]
    roles.append({"roleId": 0, "role": "Assistant", "assigneeId": member["id"], "assignee": member["email"]})
    lead["customRoleList"] = roles
    system_log(call, lead, "AssignAssistant", content, to=person(member, 1))


@handler(leads.ASSIGN_LEAD)
def assign_lead(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    requests = call.items(LeadAssigineeRequest)
    if not requests:
        raise bad("assigneeRequest: give at least one assignee")
    people = [(r.role, active_member(member_by_email(call, r.assignee))) for r in requests]
    for role, member in people:  # all checked above: a bad assignee changes nothing
        _assign_role(call, lead, role, member)
    touched(call, lead)
    return {"leadId": lead["leadId"]}
