"""The demo team: two offices, eleven members, the org, stages and sources, tags, custom fields,
lead ponds, routing (see `routing`) and a webhook."""

from __future__ import annotations

import json

from chime_mcp.sandbox.demo.builder import Builder
from chime_mcp.sandbox.demo.routing import build_routing
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY
from chime_mcp.sandbox.demo.vocabulary import ROLE_CODES, SOURCES, STAGES, TAG_NAMES

Office = tuple[str, str, str, str]
"""(name, city, zip code, street address)."""

_CENTRAL: Office = ("Harbor & Pine Realty - Central Austin", "Austin", "78704", "1401 S Lamar Blvd")
_NORTH: Office = ("Harbor & Pine Realty - Round Rock", "Round Rock", "78664", "210 E Main St")

_PEOPLE: tuple[tuple[str, str, str, str], ...] = (
    # (first name, last name, role name, position); the first one is "me", the admin
    ("Morgan", "Ellis", "Admin", "Team Leader / Broker"),
    ("Alex", "Rivera", "Agent", "Buyer's Agent"),
    ("Jordan", "Blake", "Agent", "Buyer's Agent"),
    ("Samantha", "Cho", "Agent", "Listing Specialist"),
    ("Marcus", "Bennett", "Agent", "Buyer's Agent"),
    ("Elena", "Vasquez", "Agent", "Luxury Specialist"),
    ("Derek", "Osei", "Agent", "Buyer's Agent"),
    ("Rachel", "Goldberg", "Agent", "Relocation Specialist"),
    ("Tyrone", "Washington", "Agent", "Investor Specialist"),
    ("Priya", "Raman", "Lender", "Loan Officer"),
    ("Casey", "Nguyen", "Assistant", "Inside Sales Associate"),
)


class _Offices:
    """The company and its two offices (ids drawn by `build_team`)."""

    def __init__(self, team_id: int, central_id: int, north_id: int, company_id: int, created: int) -> None:
        self.team_id = team_id
        self.central_id = central_id
        self.north_id = north_id
        self.company_id = company_id
        self.created = created
        self.sites = {central_id: _CENTRAL, north_id: _NORTH}


def build_team(b: Builder) -> None:
    """Members, org, stage and source ids, tags, custom fields, ponds, routing and webhooks."""
    st = b.state
    st.team_id = b.nid()
    offices = _Offices(st.team_id, b.nid(), b.nid(), b.nid(), b.now - 900 * DAY)
    created = offices.created
    st.me_id = _members(b, offices)
    b.agents = [m for m in st.members.values() if m["roleName"] == "Agent"]
    b.admin = st.members[st.me_id]
    b.lender = next(m for m in st.members.values() if m["roleName"] == "Lender")
    b.assistant = next(m for m in st.members.values() if m["roleName"] == "Assistant")
    st.org = _org(b, offices)
    for stage in STAGES:
        st.stage_ids[stage] = b.nid()
    for index, source in enumerate(SOURCES):
        st.source_ids[source] = index + 1
    _tags(b, created)
    st.custom_fields = _custom_fields()
    _ponds(b)
    build_routing(b, created)
    _webhooks(b)


def _members(b: Builder, offices: _Offices) -> int:
    """Add the members, each with its office; returns "me" (the admin's id)."""
    st = b.state
    me_id = 0
    for index, person in enumerate(_PEOPLE):
        uid = b.nid()
        if index == 0:
            me_id = uid
        st.members[uid] = _member(b, offices, uid, index, person, me_id)
    counts = {offices.central_id: 0, offices.north_id: 0}
    for member in st.members.values():
        counts[member["groupId"]] += 1
    for member in st.members.values():
        member["group"] = _office(b, offices, member["groupId"], counts[member["groupId"]])
    return me_id


def _member(
    b: Builder, offices: _Offices, uid: int, index: int, person: tuple[str, str, str, str], me_id: int
) -> Record:
    first, last, role_name, position = person
    in_north = role_name == "Agent" and index % 3 == 0
    group_id = offices.north_id if in_north else offices.central_id
    return {
        "id": uid,
        "teamId": offices.team_id,
        "invitorUserId": None if index == 0 else me_id,
        "memberUserId": uid,
        "role": ROLE_CODES[role_name],
        "roleName": role_name,
        "firstLetter": first[0],
        "email": f"{first.lower()}.{last.lower()}@example.org",
        "firstName": first,
        "lastName": last,
        "phoneNumber": b.phone("02"),
        "status": 1,
        "virtualNumber": b.phone("03") if role_name != "Lender" else "",
        "newLeadCount": 0,
        "assignedLeadCount": 0,
        "isAdmin": role_name == "Admin",
        "agentInfo": {
            "licenseId": f"TX-{b.rr(400000, 799999)}",
            "position": position,
            "companyName": "Harbor & Pine Realty",
            "companyAddress": "1401 S Lamar Blvd, Austin, TX 78704",
            "mlsAgentId": f"ACT{b.rr(100000, 999999)}" if role_name != "Lender" else "",
            "agentPid": "",
        },
        "timeZoneId": "America/Chicago",
        "groupId": group_id,
        "groupName": offices.sites[group_id][0],
        "group": None,
        "accountStatus": "ACTIVE",
    }


def _office(b: Builder, offices: _Offices, oid: int, agent_count: int) -> Record:
    """A member's office (a fresh dict for every member, as the wire gives one)."""
    name, city, zipcode, street = offices.sites[oid]
    central = oid == offices.central_id
    return {
        "id": oid,
        "teamId": offices.team_id,
        "parentId": offices.company_id,
        "websiteOwnerId": None,
        "name": name,
        "type": 1,
        "phone": "(555) 020-0100",
        "phoneCode": "+1",
        "phoneCountry": "US",
        "email": "office@example.org",
        "city": city,
        "state": "TX",
        "zipcode": zipcode,
        "streetAddress": street,
        "webSiteUrl": "https://homes.example.com",
        "createTime": b.fmt(offices.created),
        "updateTime": b.fmt(offices.created + 40 * DAY),
        "path": f"/{offices.company_id}/{oid}/",
        "showInSite": True,
        "defaultFlag": central,
        "allowManageSub": central,
        "agentCount": agent_count,
        "boundNumber": "",
        "status": "ACTIVE",
        "layer": 2,
        "childPath": "",
    }


def _org(b: Builder, offices: _Offices) -> Record:
    company_id = offices.company_id
    return {
        "orgType": 1,
        "enterpriseInfo": {
            "groupId": company_id,
            "groupName": "Harbor & Pine Realty",
            "profileId": b.nid(),
            "profileName": "Company Owner",
            "visibleOrgInfoList": [
                {"groupId": company_id, "groupName": "Harbor & Pine Realty", "parentId": 0},
                {"groupId": offices.central_id, "groupName": _CENTRAL[0], "parentId": company_id},
                {"groupId": offices.north_id, "groupName": _NORTH[0], "parentId": company_id},
            ],
        },
        "multiTeamInfo": None,
    }


def _tags(b: Builder, created: int) -> None:
    st = b.state
    for index, name in enumerate(TAG_NAMES):
        tag_id = b.nid()
        t = created + (index * 17 + 5) * DAY
        st.tags[tag_id] = {
            "leadId": None,
            "tagId": tag_id,
            "createTime": b.fmt(t),
            "updateTime": b.fmt(t),
            "tagName": name,
            "creatorUserId": st.me_id,
            "visibleType": 0,
        }
    b.tag_by_name = {t["tagName"]: t for t in st.tags.values()}


def _custom_fields() -> list[Record]:
    return [
        {
            "attributeName": "Pre-approval amount",
            "attributeType": "currency",
            "value": None,
            "params": None,
        },
        {
            "attributeName": "School district",
            "attributeType": "single_select",
            "value": None,
            "params": json.dumps({"option": ["Austin ISD", "Round Rock ISD", "Leander ISD", "Eanes ISD", "Hays CISD"]}),
        },
        {
            "attributeName": "Home anniversary",
            "attributeType": "anniversary_date",
            "value": None,
            "params": None,
        },
    ]


def _ponds(b: Builder) -> None:
    st = b.state
    agent_ids = [a["id"] for a in b.agents]
    pond_a, pond_b = b.nid(), b.nid()
    st.lead_ponds = {
        pond_a: {
            "id": pond_a,
            "pondName": "Unresponsive 60+ days",
            "pondOwnerId": st.me_id,
            "agentIds": agent_ids,
        },
        pond_b: {
            "id": pond_b,
            "pondName": "Zillow Flex overflow",
            "pondOwnerId": st.me_id,
            "agentIds": agent_ids[:4],
        },
    }
    b.ponds = list(st.lead_ponds.values())


def _webhooks(b: Builder) -> None:
    st = b.state
    hook_id = b.nid()
    st.webhooks = {
        hook_id: {
            "subscribeId": hook_id,
            "teamId": st.team_id,
            "listId": 2,
            "vendorId": b.nid(),
            "callbackUrl": "https://hooks.example.com/chime/lead-info",
            "limit": 100,
            "permissionMode": 0,
        }
    }
