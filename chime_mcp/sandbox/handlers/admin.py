"""Toolset `admin`: broker teams (kept by the sandbox beside the demo state, in `store.broker_teams`);
agents (create, tag, deactivate, reactivate); the organization (permission profiles, offices, the
company).

A deactivated member keeps their record and their leads (`accountStatus` INACTIVE) but is no longer
offered for assignment: routing skips them and an assignment to them is refused
(records.active_member). The v2 agent endpoints and the agent profile endpoint answer HTTP 200
even when they refuse: with `{"code", "message"}` (v2) or a non-zero `errorCode` (v1), as the
published document describes.

The company and its offices are the entries of the org's `visibleOrgInfoList` (the company's
parent is 0); what an add or update writes beyond a name is kept in `store.org_units`, and an
office's details also in its members' `group` records, so get_organization and get_user show it.
"""

from __future__ import annotations

import copy
from typing import Final

from chime_mcp.chime.catalog import admin
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import INVALID_PARAMETER, bad, missing
from chime_mcp.sandbox.handlers.records import ACTIVE, INACTIVE, me, member_or_none
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record


@handler(admin.CREATE_BROKER_TEAM)
def create_broker_team(call: Call) -> Record:
    sent = call.fields()
    if any(t["teamName"].lower() == sent["teamName"].lower() for t in call.store.broker_teams.values()):
        raise bad(f"teamName: a team named {sent['teamName']!r} already exists")
    team_id = call.store.new_id()
    call.store.broker_teams[team_id] = {**sent, "teamId": team_id, "createTime": wire_time(call.now)}
    call.store.touch("broker_teams")
    # The reference documents a bare string; the new team's id rides along so it can be deleted.
    return {"code": 0, "message": "success", "teamId": team_id}


@handler(admin.DELETE_BROKER_TEAM)
def delete_broker_team(call: Call) -> str:
    if call.store.broker_teams.pop(call.ident("id"), None) is None:
        raise missing("Broker team", call.ident("id"))
    call.store.touch("broker_teams")
    return "success"


# -- agents ---------------------------------------------------------------------------------------


AGENT_ALREADY_DEACTIVATED: Final = 990105
AGENT_IS_OWNER: Final = 990106
DEACTIVATE_SELF: Final = 990107
AGENT_ALREADY_ACTIVE: Final = 990112
TAG_NOT_EXIST: Final = 20007
_SUCCESS: Final[Record] = {"code": 0, "message": "success"}


def _refused(code: int, message: str) -> Record:
    return {"code": code, "message": message}


def _roles(call: Call) -> dict[str, int]:
    """The team's roles (name -> role code), as its members hold them."""
    return {m["roleName"]: m["role"] for m in call.st.members.values() if m.get("roleName")}


def _office_of(call: Call, group_id: int | None) -> Record:
    """A member's office record: that of another member of `group_id`, else the caller's."""
    mine = me(call)
    holder = next((m for m in call.st.members.values() if group_id and m.get("groupId") == group_id), mine)
    return copy.deepcopy(holder.get("group") or {})


@handler(admin.CREATE_AGENT)
def create_agent(call: Call) -> Record:
    sent = call.fields()
    info, work = sent["accountInfo"], sent.get("workInfo") or {}
    email = info["emailAddress"].strip().lower()
    if any((m.get("email") or "").lower() == email for m in call.st.members.values()):
        return {"data": 0, "errorCode": INVALID_PARAMETER, "errorMsg": f"emailAddress: {email} is already on the team"}
    roles = _roles(call)
    # A role name the team has binds the role; an unknown one is ignored (no role), as documented.
    role = next((name for name in roles if name.lower() == (info.get("roleName") or "").strip().lower()), None)
    office = _office_of(call, info.get("groupId"))
    uid = call.store.new_id()
    call.st.members[uid] = {
        "id": uid, "teamId": call.st.team_id, "invitorUserId": call.st.me_id, "memberUserId": uid,
        "role": roles.get(role) if role else None, "roleName": role, "firstLetter": info["firstName"][0],
        "email": email, "firstName": info["firstName"], "lastName": info["lastName"],
        "phoneNumber": info["phoneNumber"], "status": 1, "virtualNumber": "", "newLeadCount": 0,
        "assignedLeadCount": 0, "isAdmin": role == "Admin",
        "agentInfo": {
            "licenseId": work.get("licenseId", "")[:50], "position": work.get("position", "")[:50],
            "companyName": work.get("companyName", ""), "companyAddress": work.get("companyAddress", ""),
            "mlsAgentId": "", "agentPid": sent.get("agentPid") or "",
        },
        "timeZoneId": me(call).get("timeZoneId"), "groupId": office.get("id"), "groupName": office.get("name"),
        "group": office or None, "accountStatus": ACTIVE,
    }  # fmt: skip
    call.store.touch("members")
    return {"data": uid, "errorCode": 0, "errorMsg": ""}


@handler(admin.ADD_AGENT_TAGS)
def add_agent_tags(call: Call) -> Record:
    agent = member_or_none(call, call.ident("agentId"))
    if agent is None:
        raise missing("Agent", call.ident("agentId"))
    sent = call.fields()
    names = [name.strip() for name in sent.get("tagNames") or [] if name.strip()]
    if not names or len(names) > 20:
        raise bad("tagNames: give 1 to 20 tag names")
    known = {t["tagName"].lower(): t["tagName"] for t in call.st.tags.values()}
    unknown = [name for name in names if name.lower() not in known]
    if unknown and not sent.get("autoCreate"):
        return {"data": False, "errorCode": TAG_NOT_EXIST, "errorMsg": f"Tags not defined on the team: {unknown}"}
    for name in unknown:
        tag_id = call.store.new_id()
        call.st.tags[tag_id] = {
            "leadId": None, "tagId": tag_id, "createTime": None, "updateTime": None, "tagName": name,
            "creatorUserId": call.st.me_id, "visibleType": 0,
        }  # fmt: skip
        known[name.lower()] = name
        call.store.touch("tags")
    held = call.store.agent_tags.setdefault(agent["id"], [])
    held += [known[name.lower()] for name in names if known[name.lower()] not in held]
    call.store.touch("agent_tags")
    return {"data": True, "errorCode": 0, "errorMsg": ""}


@handler(admin.DEACTIVATE_AGENT)
def deactivate_agent(call: Call) -> Record:
    agent = member_or_none(call, call.ident("agentId"))
    if agent is None:
        return _refused(INVALID_PARAMETER, f"INVALID_PARAMETER: agent {call.ident('agentId')} is not on this team")
    if agent["id"] == call.st.me_id:
        return _refused(DEACTIVATE_SELF, "You cannot deactivate your own account")
    if agent.get("accountStatus") == INACTIVE:
        return _refused(AGENT_ALREADY_DEACTIVATED, "The agent is already deactivated")
    if agent.get("isAdmin"):
        return _refused(AGENT_IS_OWNER, "The agent is the team or an office owner")
    agent["accountStatus"] = INACTIVE
    call.store.touch("members")
    return dict(_SUCCESS)


@handler(admin.REACTIVATE_AGENT)
def reactivate_agent(call: Call) -> Record:
    agent = member_or_none(call, call.ident("agentId"))
    if agent is None:
        return _refused(INVALID_PARAMETER, f"INVALID_PARAMETER: agent {call.ident('agentId')} is not on this team")
    if agent.get("accountStatus") != INACTIVE:
        return _refused(AGENT_ALREADY_ACTIVE, "The agent is already active")
    agent["accountStatus"] = ACTIVE
    call.store.touch("members")
    return dict(_SUCCESS)


# -- organization ---------------------------------------------------------------------------------


_OFFICE_FIELDS: Final = (
    "parentId", "name", "phone", "phoneCode", "phoneCountry", "email", "city", "state", "zipcode",
    "streetAddress", "allowManageSub",
)  # fmt: skip
_PROFILES: Final = ((202, "Office Admin"), (203, "Agent"), (204, "Lender"), (205, "Assistant"))
"""Permission profiles beyond the company owner's (the org's own profile)."""


def _enterprise(call: Call) -> Record:
    info: Record | None = call.st.org.get("enterpriseInfo")
    if info is None:
        raise bad("This team has no company or offices (not an enterprise package)")
    return info


def _units(call: Call) -> list[Record]:
    units: list[Record] = _enterprise(call).setdefault("visibleOrgInfoList", [])
    return units


def _company_id(call: Call) -> int:
    company: int = _enterprise(call)["groupId"]
    return company


@handler(admin.LIST_PERMISSION_PROFILES)
def list_permission_profiles(call: Call) -> list[Record]:
    info = _enterprise(call)
    return [{"id": info["profileId"], "name": info["profileName"]}] + [{"id": i, "name": n} for i, n in _PROFILES]


@handler(admin.ADD_OFFICE)
def add_office(call: Call) -> Record:
    sent = call.fields()
    name = sent["name"].strip()
    if any((u.get("groupName") or "").lower() == name.lower() for u in _units(call)):
        raise bad(f"name: an office named {name!r} already exists")
    parent = sent.get("parentId") or _company_id(call)  # 0 or none: right under the team's company
    if not any(u["groupId"] == parent for u in _units(call)):
        raise missing("Parent office", parent)
    office_id = call.store.new_id()
    _units(call).append({"groupId": office_id, "groupName": name, "parentId": parent})
    fields = {key: sent.get(key) for key in _OFFICE_FIELDS}
    call.store.org_units[office_id] = {**fields, "id": office_id, "parentId": parent, "name": name, "status": "ACTIVE"}
    call.store.touch("org", "org_units")
    return {**_SUCCESS, "data": {"id": office_id}}


@handler(admin.UPDATE_OFFICE)
def update_office(call: Call) -> Record:
    sent = call.fields()
    office_id = sent.pop("id")
    unit = next((u for u in _units(call) if u["groupId"] == office_id and u["groupId"] != _company_id(call)), None)
    if unit is None:
        raise missing("Office", office_id)
    if "parentId" in sent and not any(u["groupId"] == sent["parentId"] for u in _units(call)):
        raise missing("Parent office", sent["parentId"])
    record = call.store.org_units.setdefault(office_id, _from_members(call, office_id))
    record.update(sent)
    if sent.get("name"):
        unit["groupName"] = sent["name"]
    if sent.get("parentId"):
        unit["parentId"] = sent["parentId"]
    for member in call.st.members.values():
        if member.get("groupId") == office_id:
            member["groupName"] = unit["groupName"]
            member["group"] = {**(member.get("group") or {}), **sent}
    call.store.touch("org", "org_units", "members")
    return dict(_SUCCESS)


def _from_members(call: Call, office_id: int) -> Record:
    """An existing office's details, as its members' `group` records hold them."""
    holders = (m["group"] for m in call.st.members.values() if m.get("groupId") == office_id and m.get("group"))
    group: Record = next(holders, {})
    return {key: group.get(key) for key in ("id", *_OFFICE_FIELDS)} | {"id": office_id}


@handler(admin.UPDATE_COMPANY)
def update_company(call: Call) -> Record:
    sent = call.fields()
    company_id = _company_id(call)
    call.store.org_units.setdefault(company_id, {"id": company_id}).update(sent)
    if sent.get("name"):
        _enterprise(call)["groupName"] = sent["name"]
        for unit in _units(call):
            if unit["groupId"] == company_id:
                unit["groupName"] = sent["name"]
    call.store.touch("org", "org_units")
    return dict(_SUCCESS)
