"""The sandbox's demo dataset: deterministic, consistent, and in the live wire format."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chime_mcp.sandbox.demo import (
    DEFAULT_NOW,
    ID_BASE,
    SOURCES,
    STAGES,
    TAG_NAMES,
    DemoState,
    build_demo_state,
)

# Field names of the wire schemas (Lofty OpenAPI, components.schemas).
SCHEMA_FIELDS: dict[str, str] = {
    "LeadResponse": (
        "cannotText cannotCall cannotEmail leadId leadUserId firstName lastName birthday emails "
        "phones leadSource source stageId stage assignedUserId assignedUser lenderUserId score "
        "tags teamId streetAddress city state zipCode createTime assignTime facebook twitter "
        "hiddenFlag referredBy leadInquiry leadPropertyList customAttributes lastUpdateTime "
        "groups segments unsubscription leadTypes lastTouch lastVisit phoneStatuses "
        "assignCompletionStatus buyingTimeFrame preQual houseToSell fthb withBuyerAgent "
        "sellingTimeFrame mortgage buyHouse withListingAgent opportunity leadFamilyMemberList "
        "pondId pondName customRoleList language ownershipId ownershipScope"
    ),
    "NoteResponse": (
        "id noteId creatorId leadId createTime deleteFlag content lastUpdate lastEditorId "
        "creatorName lastEditorName isPin systemNote"
    ),
    "TaskResponse": (
        "id leadId creatorId content type deadline finishTime createTime lastUpdate deleteFlag "
        "finishFlag overdueFlag leadName leadEmail leadPhone leadFirstName leadLastName "
        "reminderType assignedRole assignedUser teamId subject body assignedUserId pipelineId "
        "queryInfo leadUserId queryId"
    ),
    "CallResponse": (
        "id dialerCallRecordId userId userPhoneNumber leadId leadPhoneNumber direction status "
        "startTime endTime duration callingOutcome rateScore recordingSwitch showUserNumber "
        "createTime updateTime note isMachineAnswered price agentId elapsedTime"
    ),
    "EmailResponse": "id leadId direction agentId eventType emailEventTime emailType emailSubject fromPond",
    "TextResponse": "id leadId direction agentId textOutcome textTime textType textContent",
    "LogTypeResponse": (
        "id leadId leadPhoneNumber callingOutcome content createTime outboundOrInbound isPin "
        "agentId emailSubject toEmail fromEmail"
    ),
    "Appointment": (
        "id descr address createTime lastUpdate deadline endTime allDay finishFlag deleteFlag "
        "overdue finishTime leadId assignToUid assignRoleType creatorId"
    ),
    "LeadActivity": "type text link picture listing created scheduledDate pageName",
    "LeadTransaction": (
        "created updated transactionId transactionName leadName assignedAgent transactionType "
        "homePrice transactionStatus expectedCloseDate closeDate commissionRate gci teamRevenue "
        "agentRevenue appointmentDate agreementSignedDate offerDate contractDate appraisalDate "
        "homeInspectionDate escrowDate expiration customFields commissions"
    ),
    "SystemLogResponse": (
        "id leadId agentId timelineType timelineTypeDesc timelineTime createTime updateTime "
        "fromId fromType toId toType fromFirstName fromLastName toFirstName toLastName refId "
        "sticky canSticky content"
    ),
    "UserResponse": (
        "id teamId invitorUserId memberUserId role roleName firstLetter email firstName lastName "
        "phoneNumber status virtualNumber newLeadCount assignedLeadCount isAdmin agentInfo "
        "timeZoneId groupId groupName group accountStatus"
    ),
    "UserLeadTag": "leadId tagId createTime updateTime tagName creatorUserId visibleType",
    "CustomAttribute": "attributeName attributeType value params",
    "LeadPond": "id pondName pondOwnerId agentIds",
    "RoutingRule": (
        "id name locationRule sourceName sourceMatchType tagNames tagMatchType groupNames "
        "groupMatchType phone priceMin priceMax leadType leadTypeFilters activeHours "
        "routingStrategy ruleSwitch updateTime"
    ),
    "SupplementRoutingRule": (
        "roleId businessType strategyType touchMinutes assigneeAgentName assigneeAgentId "
        "assigneeGroupName assigneeGroupId updateTime"
    ),
    "AssignRole": "id name",
    "WebhookResponse": "subscribeId teamId listId vendorId callbackUrl limit permissionMode",
    "OrganizationInfo": "orgType enterpriseInfo multiTeamInfo",
    "LeadInquiry": (
        "priceMin priceMax propertyType bedroomsMin bathroomsMin locations id leadUserId "
        "bedroomsMax bathroomsMax modifyByAgent createTime updateTime defaultValue"
    ),
    "LeadProperty": (
        "price state city streetAddress zipCode county propertyType bedrooms bathrooms squareFeet "
        "lotSize parkingSpace floors mailAddress id leadUserId listingId autoListingId label note "
        "listingStatus labelList pictureUrl siteListingUrl labelType priceMax priceMin"
    ),
}

WIRE_TIME = "%Y-%m-%d %H:%M:%S"
NOW = DEFAULT_NOW
NOW_MS = int(NOW.timestamp() * 1000)
OLDEST = NOW - timedelta(days=560)
OLDEST_MS = int(OLDEST.timestamp() * 1000)
LEAD_COLLECTIONS = ("notes", "tasks", "calls", "emails", "texts", "logs", "appointments", "transactions")


@pytest.fixture(scope="module", params=[7, 11, 2024])
def state(request: pytest.FixtureRequest) -> DemoState:
    seed: int = request.param
    return build_demo_state(seed)


def wire_time(text: str) -> datetime:
    return datetime.strptime(text, WIRE_TIME).replace(tzinfo=UTC)


def fields(schema: str) -> set[str]:
    return set(SCHEMA_FIELDS[schema].split())


def records(state: DemoState, collection: str) -> Iterator[dict[str, Any]]:
    yield from getattr(state, collection).values()


# -- determinism --------------------------------------------------------------------------------


def test_same_seed_gives_identical_state() -> None:
    state = build_demo_state(7)
    again = build_demo_state(7)
    assert again == state
    assert json.dumps(again.leads, sort_keys=True) == json.dumps(state.leads, sort_keys=True)


# The acceptance test of the demo generator's split into a package (issue 10): the digests of the
# state the generator built before the split. A refactoring must keep them; only a deliberate change
# of the demo data may update them (and then says so in its commit message). "canonical" hashes the
# JSON dump with sorted keys (every value), "ordered" the dump in insertion order (also the order
# of every record's keys and of every collection, which the sandbox serves as is).
DIGESTS: dict[tuple[int, int, int], tuple[str, str]] = {
    # (seed, lead_count, days after DEFAULT_NOW): (canonical, ordered)
    (7, 200, 0): (
        "cd4ce876b2e73328149f98cf476113e1807e2063c76f21b85b624f500b243926",
        "ae1df78dca5589a94d733376b21d7d1afd46676348b74cc268d9ce1e5d55b9c3",
    ),
    (11, 200, 0): (
        "377ec23d5929c029f79a92458f7b3ed83ffadd7e4f398cf19c580ef14324ba39",
        "37200cd40eb43121613a1becf0b1a6a67bfa400eaf80f235fb1da070c815089a",
    ),
    (2024, 200, 0): (
        "9022e27f866ea931da78a0f35642d62943703665b08edc760ad59932e7cba758",
        "bddb83f1b16b3906522f0f6a7266ead9dbee0269bd44402f2ec008dfdb23bbcd",
    ),
    (7, 25, 30): (
        "a2c25e0c969ed30c1e68101d6c2aceacadda415d4404fc56ae0195ca0c7a6a5f",
        "6da112f8b47687512545725be616eb960646312e8dd71db82383e0bf698c06ab",
    ),
}


def state_digests(state: DemoState) -> tuple[str, str]:
    """sha256 of the whole state's JSON dump: (keys sorted, insertion order)."""
    body: dict[str, Any] = {f.name: getattr(state, f.name) for f in dataclasses.fields(state)}
    body["now"] = state.now.isoformat()
    return (
        hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest(),
        hashlib.sha256(json.dumps(body, separators=(",", ":")).encode()).hexdigest(),
    )


@pytest.mark.parametrize(("seed", "lead_count", "days"), sorted(DIGESTS))
def test_state_is_byte_identical_to_the_pinned_digest(seed: int, lead_count: int, days: int) -> None:
    state = build_demo_state(seed, lead_count, DEFAULT_NOW + timedelta(days=days))
    assert state_digests(state) == DIGESTS[seed, lead_count, days]


def test_the_default_seed_is_the_pinned_one() -> None:
    assert state_digests(build_demo_state()) == DIGESTS[7, 200, 0]


def test_the_digest_sees_a_changed_value_and_a_changed_order() -> None:
    state = build_demo_state(3, lead_count=5)
    canonical, ordered = state_digests(state)
    lead = next(iter(state.leads.values()))
    lead["score"] += 1
    assert state_digests(state)[0] != canonical
    lead["score"] -= 1
    state.leads[lead["leadId"]] = state.leads.pop(lead["leadId"])  # same content, other order
    assert state_digests(state) != (canonical, ordered)
    assert state_digests(state)[0] == canonical


def test_different_seed_gives_different_state() -> None:
    state = build_demo_state(7)
    other = build_demo_state(8)
    assert other != state
    names = {(lead["firstName"], lead["lastName"]) for lead in state.leads.values()}
    other_names = {(lead["firstName"], lead["lastName"]) for lead in other.leads.values()}
    assert names != other_names


def test_now_anchors_all_times() -> None:
    later = DEFAULT_NOW + timedelta(days=30)
    shifted = build_demo_state(7, now=later)
    assert shifted.now == later
    newest = max(wire_time(note["createTime"]) for note in shifted.notes.values())
    assert newest <= later
    assert newest > DEFAULT_NOW - timedelta(days=10)


def test_state_is_json_serialisable(state: DemoState) -> None:
    for name in (
        "org",
        "members",
        "leads",
        "notes",
        "tasks",
        "calls",
        "emails",
        "texts",
        "logs",
        "appointments",
        "activities",
        "transactions",
        "system_logs",
        "tags",
        "custom_fields",
        "lead_ponds",
        "routing_roles",
        "routing_rules",
        "supplement_rules",
        "webhooks",
        "inquiries",
        "properties",
    ):
        json.dumps(getattr(state, name))


# -- counts and team shape --------------------------------------------------------------------


def test_counts(state: DemoState) -> None:
    assert len(state.leads) == 200
    assert len(build_demo_state(3, lead_count=25).leads) == 25
    assert len(state.members) == 11
    assert len(state.custom_fields) == 3
    assert len(state.lead_ponds) == 2
    assert len(state.webhooks) == 1
    assert {tag["tagName"] for tag in state.tags.values()} >= set(TAG_NAMES[:8])
    # A plausible amount of history.
    assert len(state.notes) > 200
    assert len(state.tasks) > 150
    assert len(state.calls) > 150
    assert len(state.emails) > 300
    assert len(state.texts) > 150
    assert len(state.logs) > 50
    assert len(state.appointments) > 30
    assert len(state.system_logs) > 400
    assert sum(map(len, state.activities.values())) > 300


def test_team_roles(state: DemoState) -> None:
    roles = [member["roleName"] for member in state.members.values()]
    assert sorted(roles) == sorted(["Admin"] + ["Agent"] * 8 + ["Lender", "Assistant"])
    me = state.members[state.me_id]
    assert me["isAdmin"] is True and me["roleName"] == "Admin"
    for member_id, member in state.members.items():
        assert member["id"] == member_id == member["memberUserId"]
        assert member["teamId"] == state.team_id
        assert set(member) == fields("UserResponse")
        assert member["email"].endswith("@example.org")
        assert member["group"]["id"] == member["groupId"]
    assigned = sum(member["assignedLeadCount"] for member in state.members.values())
    assert assigned == sum(1 for lead in state.leads.values() if lead["assignedUserId"] is not None)


def test_org(state: DemoState) -> None:
    assert set(state.org) == fields("OrganizationInfo")
    assert state.org["orgType"] == 1
    assert state.org["enterpriseInfo"]["visibleOrgInfoList"]


def test_routing(state: DemoState) -> None:
    assert set(state.routing_rules) == {1, 2, 4}
    assert set(state.supplement_rules) == {1, 2, 4}
    assert state.routing_roles and all(set(role) == fields("AssignRole") for role in state.routing_roles)
    strategies = set()
    for routing_type, rules in state.routing_rules.items():
        assert rules
        for rule in rules:
            assert set(rule) == fields("RoutingRule")
            strategy = rule["routingStrategy"]
            strategies.add(strategy["strategyType"])
            if strategy["strategyType"] == 4:
                assert strategy["groupId"] in state.lead_ponds
                assert strategy["memberWeights"] is None
                continue
            weight = strategy["memberWeights"]  # one object, as the published document has it
            assert isinstance(weight, dict)
            member = state.members[weight["memberId"]]
            expected = {1: "Agent", 2: "Lender", 4: "Assistant"}[routing_type]
            assert member["roleName"] == expected
            assert weight["weight"] > 0
    assert strategies >= {1, 2, 3, 4}
    for routing_type, rule in state.supplement_rules.items():
        assert set(rule) == fields("SupplementRoutingRule")
        assert rule["businessType"] == routing_type
        assert rule["assigneeAgentId"] in state.members
    role_ids = {role["id"] for role in state.routing_roles}
    assert state.supplement_rules[4]["roleId"] in role_ids


def test_custom_fields_ponds_webhook_tags(state: DemoState) -> None:
    for custom in state.custom_fields:
        assert set(custom) == fields("CustomAttribute")
    for pond_id, pond in state.lead_ponds.items():
        assert set(pond) == fields("LeadPond")
        assert pond["id"] == pond_id
        assert pond["pondOwnerId"] in state.members
        assert all(agent_id in state.members for agent_id in pond["agentIds"])
    (hook,) = state.webhooks.values()
    assert set(hook) == fields("WebhookResponse")
    assert hook["callbackUrl"].startswith("https://hooks.example.com/")
    assert hook["teamId"] == state.team_id
    for tag_id, tag in state.tags.items():
        assert set(tag) == fields("UserLeadTag")
        assert tag["tagId"] == tag_id


# -- leads ---------------------------------------------------------------------------------------


def test_bob_li(state: DemoState) -> None:
    bobs = [lead for lead in state.leads.values() if (lead["firstName"], lead["lastName"]) == ("Bob", "Li")]
    assert len(bobs) == 1
    bob = bobs[0]
    assert bob["emails"][0] == "bob.li@example.com"
    assert bob["assignedUserId"] in state.members
    lead_id = bob["leadId"]
    assert any(note["leadId"] == lead_id for note in state.notes.values())
    assert any(call["leadId"] == lead_id for call in state.calls.values())
    assert any(
        task["leadId"] == lead_id and not task["finishFlag"] and task["overdueFlag"] for task in state.tasks.values()
    )
    assert any(appt["leadId"] == lead_id for appt in state.appointments.values())
    assert state.activities[lead_id]


def test_lead_fields_and_vocabulary(state: DemoState) -> None:
    agents = {m["id"] for m in state.members.values() if m["roleName"] == "Agent"}
    tag_ids = set(state.tags)
    phone = re.compile(r"^\(555\) 01\d-\d{4}$")
    emails_seen: set[str] = set()
    for lead_id, lead in state.leads.items():
        assert set(lead) == fields("LeadResponse")
        assert lead["leadId"] == lead_id
        assert lead["teamId"] == state.team_id
        assert lead["stage"] in STAGES
        assert lead["stageId"] == state.stage_ids[lead["stage"]]
        assert lead["source"] in SOURCES
        assert lead["leadSource"] == state.source_ids[lead["source"]]
        assert set(lead["leadTypes"]) <= {-1, 1, 2, 3, 5}
        assert lead["emails"] and lead["phones"]
        for email in lead["emails"]:
            assert email.split("@")[1] in {"example.com", "example.net", "example.org"}
        assert lead["emails"][0] not in emails_seen
        emails_seen.add(lead["emails"][0])
        assert all(phone.match(number) for number in lead["phones"])
        assert lead["assignedUserId"] is None or lead["assignedUserId"] in agents
        if lead["assignedUserId"] is not None:
            member = state.members[lead["assignedUserId"]]
            assert lead["assignedUser"] == f"{member['firstName']} {member['lastName']}"
        assert lead["lenderUserId"] is None or state.members[lead["lenderUserId"]]["roleName"] == "Lender"
        assert lead["pondId"] is None or lead["pondName"] == state.lead_ponds[lead["pondId"]]["pondName"]
        for tag in lead["tags"]:
            assert tag["tagId"] in tag_ids and tag["leadId"] == lead_id
            assert state.tags[tag["tagId"]]["tagName"] == tag["tagName"]
        assert lead["leadPropertyList"] is state.properties[lead_id]
        if lead["leadInquiry"] is not None:
            assert lead["leadInquiry"] is state.inquiries[lead_id][-1]
            assert set(lead["leadInquiry"]) == fields("LeadInquiry")
        for prop in lead["leadPropertyList"]:
            assert set(prop) == fields("LeadProperty")
            assert prop["leadUserId"] == lead["leadUserId"]
        assert 0 <= lead["score"] <= 100


def test_lead_variety(state: DemoState) -> None:
    leads = list(state.leads.values())
    assert {lead["stage"] for lead in leads} == set(STAGES)
    assert {lead["source"] for lead in leads} == set(SOURCES)
    assert {t for lead in leads for t in lead["leadTypes"]} >= {1, 2}
    assert {tag["tagName"] for lead in leads for tag in lead["tags"]} >= set(TAG_NAMES[:8])
    assert len({lead["assignedUserId"] for lead in leads if lead["assignedUserId"]}) == 8
    assert any(lead["assignedUserId"] is None and lead["pondId"] is None for lead in leads)
    ponds = {lead["pondId"] for lead in leads if lead["pondId"]}
    assert ponds and ponds <= set(state.lead_ponds)
    assert any(lead["segments"] for lead in leads)
    assert any(lead["leadInquiry"] for lead in leads)
    assert any(lead["leadPropertyList"] for lead in leads)
    assert len({lead["city"] for lead in leads}) > 8
    assert len({lead["firstName"] for lead in leads}) > 50


# -- references and ids --------------------------------------------------------------------------


@pytest.mark.parametrize("collection", (*LEAD_COLLECTIONS, "system_logs"))
def test_records_reference_existing_leads(state: DemoState, collection: str) -> None:
    items = list(records(state, collection))
    assert items
    for item in items:
        assert item["leadId"] in state.leads


def test_per_lead_lists_cover_every_lead(state: DemoState) -> None:
    assert set(state.activities) == set(state.leads)
    assert set(state.inquiries) == set(state.leads)
    assert set(state.properties) == set(state.leads)


def test_records_reference_existing_members(state: DemoState) -> None:
    members = state.members
    for note in state.notes.values():
        assert note["creatorId"] in members and note["lastEditorId"] in members
    for task in state.tasks.values():
        assert task["assignedUserId"] in members and task["creatorId"] in members
        assert task["assignedRole"] in ("Agent", "Assistant")
    for collection in ("calls", "emails", "texts", "logs"):
        for item in records(state, collection):
            assert item["agentId"] in members
    for appt in state.appointments.values():
        assert appt["assignToUid"] in members and appt["creatorId"] in members
    for tx in state.transactions.values():
        assert tx["assignedAgent"] in members


def test_record_keys_are_their_ids(state: DemoState) -> None:
    for key, note in state.notes.items():
        assert note["noteId"] == key
    for collection in ("tasks", "calls", "emails", "texts", "logs", "appointments"):
        for key, item in getattr(state, collection).items():
            assert item["id"] == key
    for key, tx in state.transactions.items():
        assert tx["transactionId"] == key
    for key, log in state.system_logs.items():
        assert log["id"] == str(key)
    for key, hook in state.webhooks.items():
        assert hook["subscribeId"] == key


def _all_ids(state: DemoState) -> list[int]:
    ids = [state.team_id, *state.members, *state.tags, *state.lead_ponds, *state.webhooks]
    ids += list(state.stage_ids.values())
    for lead in state.leads.values():
        ids += [lead["leadId"], lead["leadUserId"]]
    for note in state.notes.values():
        ids += [note["id"], note["noteId"]]
    for call in state.calls.values():
        ids += [call["id"], call["dialerCallRecordId"]]
    for collection in ("tasks", "emails", "texts", "logs", "appointments"):
        ids += list(getattr(state, collection))
    ids += list(state.transactions)
    ids += list(state.system_logs)
    for rules in state.routing_rules.values():
        ids += [rule["id"] for rule in rules]
    for inquiries in state.inquiries.values():
        ids += [inquiry["id"] for inquiry in inquiries]
    for props in state.properties.values():
        ids += [prop["id"] for prop in props]
    return ids


def test_ids_are_unique_and_below_next_id(state: DemoState) -> None:
    ids = _all_ids(state)
    assert len(ids) == len(set(ids))
    assert all(ID_BASE < i < state.next_id for i in ids)
    assert state.next_id > max(ids)


# -- schemas ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("collection", "schema"),
    [
        ("notes", "NoteResponse"),
        ("tasks", "TaskResponse"),
        ("calls", "CallResponse"),
        ("emails", "EmailResponse"),
        ("texts", "TextResponse"),
        ("appointments", "Appointment"),
    ],
)
def test_record_fields_match_schema(state: DemoState, collection: str, schema: str) -> None:
    for item in records(state, collection):
        assert set(item) == fields(schema)


def test_log_fields(state: DemoState) -> None:
    kinds = set()
    for log in state.logs.values():
        assert set(log) == fields("LogTypeResponse") | {"logType"}
        kinds.add(log["logType"])
        assert log["outboundOrInbound"] in ("outbound", "inbound")
        if log["logType"] == "Call":
            assert log["leadPhoneNumber"] and log["callingOutcome"]
        else:
            assert log["leadPhoneNumber"] is None and log["callingOutcome"] is None
        if log["logType"] == "Email":
            assert log["toEmail"] and log["fromEmail"] and log["emailSubject"]
    assert kinds == {"Call", "Email", "Text"}


def test_transaction_and_activity_and_system_log_fields(state: DemoState) -> None:
    for tx in state.transactions.values():
        assert set(tx) == fields("LeadTransaction") | {"leadId", "propertyAddress"}
    for items in state.activities.values():
        for activity in items:
            assert set(activity) == fields("LeadActivity")
            assert activity["type"] in ("Search", "Browse", "Favorite", "Request", "Submission")
            if activity["listing"] is not None:
                assert set(activity["listing"]) == fields("LeadProperty")
    for log in state.system_logs.values():
        assert set(log) >= fields("SystemLogResponse")
        assert isinstance(log["content"], dict)


def test_calls_are_consistent(state: DemoState) -> None:
    outcomes = set()
    for call in state.calls.values():
        outcomes.add(call["callingOutcome"])
        assert call["direction"] in ("Outbound", "Inbound")
        assert call["leadPhoneNumber"] in state.leads[call["leadId"]]["phones"]
        if call["callingOutcome"] == "Talked":
            assert call["status"] == "Completed" and call["duration"] > 0
        if call["callingOutcome"] == "NoAnswer":
            assert call["duration"] == 0
        assert wire_time(call["endTime"]) - wire_time(call["startTime"]) >= timedelta(seconds=call["duration"])
    assert outcomes >= {"Talked", "NoAnswer", "VoiceMessage"}


# -- tasks, appointments, transactions ----------------------------------------------------------


def test_tasks_overdue_today_and_this_week(state: DemoState) -> None:
    open_tasks = [task for task in state.tasks.values() if not task["finishFlag"]]
    overdue = [task for task in open_tasks if wire_time(task["deadline"]) < NOW]
    assert len(overdue) >= 5
    assert all(task["overdueFlag"] for task in overdue)
    assert not any(task["overdueFlag"] for task in open_tasks if wire_time(task["deadline"]) >= NOW)
    today = [task for task in open_tasks if wire_time(task["deadline"]).date() == NOW.date()]
    week = [task for task in open_tasks if NOW < wire_time(task["deadline"]) <= NOW + timedelta(days=7)]
    assert today and week
    for task in open_tasks:
        assert task["finishTime"] == ""
    done = [task for task in state.tasks.values() if task["finishFlag"]]
    assert done
    for task in done:
        assert not task["overdueFlag"]
        assert wire_time(task["finishTime"]) <= NOW
    assert {task["type"] for task in state.tasks.values()} == {"Call", "Email", "Text", "Other"}
    assert {task["assignedRole"] for task in state.tasks.values()} == {"Agent", "Assistant"}


def test_appointments(state: DemoState) -> None:
    upcoming = [a for a in state.appointments.values() if a["deadline"] > NOW_MS]
    past = [a for a in state.appointments.values() if a["deadline"] <= NOW_MS]
    assert upcoming and past
    for appt in state.appointments.values():
        assert appt["endTime"] > appt["deadline"]
        assert appt["finishFlag"] == (appt["deadline"] <= NOW_MS)
        wire_time(appt["createTime"])
        wire_time(appt["lastUpdate"])
    set_leads = {lead_id for lead_id, lead in state.leads.items() if lead["stage"] == "Appointment Set"}
    assert set_leads <= {a["leadId"] for a in upcoming}


def test_transactions_only_under_contract_or_closed(state: DemoState) -> None:
    assert state.transactions
    with_tx = {tx["leadId"] for tx in state.transactions.values()}
    for tx in state.transactions.values():
        lead = state.leads[tx["leadId"]]
        assert lead["stage"] in ("Under Contract", "Closed")
        assert tx["transactionStatus"] == lead["stage"]
        assert tx["leadName"] == f"{lead['firstName']} {lead['lastName']}"
        assert tx["transactionType"] in ("Purchase", "Listing")
        if lead["stage"] == "Closed":
            assert OLDEST_MS < tx["closeDate"] <= NOW_MS
        else:
            assert tx["closeDate"] is None and tx["expectedCloseDate"] > NOW_MS
        assert tx["gci"] == pytest.approx(tx["teamRevenue"] + tx["agentRevenue"])
    for lead_id, lead in state.leads.items():
        if lead["stage"] in ("Under Contract", "Closed"):
            assert lead_id in with_tx


# -- time formats -----------------------------------------------------------------------------------


def _in_history(moment: datetime) -> bool:
    return OLDEST <= moment <= NOW


def test_wire_time_strings(state: DemoState) -> None:
    for note in state.notes.values():
        assert _in_history(wire_time(note["createTime"]))
        assert wire_time(note["createTime"]) <= wire_time(note["lastUpdate"]) <= NOW
    for task in state.tasks.values():
        assert _in_history(wire_time(task["createTime"]))
        assert _in_history(wire_time(task["lastUpdate"]))
        wire_time(task["deadline"])
    for log in state.logs.values():
        assert _in_history(wire_time(log["createTime"]))
    for call in state.calls.values():
        for key in ("startTime", "endTime", "createTime", "updateTime"):
            assert _in_history(wire_time(call[key]))
    for email in state.emails.values():
        assert _in_history(wire_time(email["emailEventTime"]))
    for text in state.texts.values():
        assert _in_history(wire_time(text["textTime"]))
    for lead in state.leads.values():
        assert _in_history(wire_time(lead["createTime"]))
        assert wire_time(lead["createTime"]) <= wire_time(lead["lastUpdateTime"]) <= NOW
        for key in ("assignTime", "lastTouch", "lastVisit"):
            if lead[key] is not None:
                assert wire_time(lead["createTime"]) <= wire_time(lead[key]) <= NOW


def test_history_spreads_over_18_months(state: DemoState) -> None:
    created = [wire_time(lead["createTime"]) for lead in state.leads.values()]
    assert min(created) < NOW - timedelta(days=400)
    assert max(created) > NOW - timedelta(days=10)


def test_nothing_happens_before_its_lead_was_created(state: DemoState) -> None:
    created = {lead_id: wire_time(lead["createTime"]) for lead_id, lead in state.leads.items()}
    for key, collection in (("createTime", "notes"), ("createTime", "tasks"), ("createTime", "logs")):
        for item in records(state, collection):
            assert wire_time(item[key]) >= created[item["leadId"]]
    for call in state.calls.values():
        assert wire_time(call["startTime"]) >= created[call["leadId"]]
    for email in state.emails.values():
        assert wire_time(email["emailEventTime"]) >= created[email["leadId"]]
    for text in state.texts.values():
        assert wire_time(text["textTime"]) >= created[text["leadId"]]
    for lead_id, items in state.activities.items():
        for activity in items:
            assert activity["created"] >= created[lead_id].timestamp() * 1000


def test_epoch_millisecond_fields(state: DemoState) -> None:
    date_keys = (
        "created",
        "updated",
        "expectedCloseDate",
        "closeDate",
        "appointmentDate",
        "agreementSignedDate",
        "offerDate",
        "contractDate",
        "appraisalDate",
        "homeInspectionDate",
        "escrowDate",
    )
    for tx in state.transactions.values():
        for key in date_keys:
            value = tx[key]
            if value is not None:
                assert isinstance(value, int)
                assert OLDEST_MS - 60 * 86_400_000 < value < NOW_MS + 90 * 86_400_000
        assert tx["created"] <= NOW_MS and tx["updated"] <= NOW_MS
    for items in state.activities.values():
        assert [a["created"] for a in items] == sorted((a["created"] for a in items), reverse=True)
        for activity in items:
            assert isinstance(activity["created"], int)
            assert OLDEST_MS <= activity["created"] <= NOW_MS
    for appt in state.appointments.values():
        assert isinstance(appt["deadline"], int) and isinstance(appt["endTime"], int)
        assert OLDEST_MS <= appt["deadline"] <= NOW_MS + 8 * 86_400_000


def test_system_log_times_are_iso_and_match_the_lead(state: DemoState) -> None:
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$")
    new_lead = {}
    for log in state.system_logs.values():
        for key in ("timelineTime", "createTime", "updateTime"):
            assert iso.match(log[key])
            assert _in_history(datetime.fromisoformat(log[key]))
        if log["timelineTypeDesc"] == "NewLead":
            new_lead[log["leadId"]] = datetime.fromisoformat(log["timelineTime"])
        if log["timelineTypeDesc"] == "TeamStageChange":
            assert log["toId"] in state.stage_ids.values()
            assert set(log["content"]) == {"fromStageName", "toStageName"}
    assert set(new_lead) == set(state.leads)
    for lead_id, moment in new_lead.items():
        assert moment.replace(microsecond=0) == wire_time(state.leads[lead_id]["createTime"])
    for lead_id, lead in state.leads.items():
        if lead["assignTime"] is not None:
            assigned = [
                log
                for log in state.system_logs.values()
                if log["leadId"] == lead_id and log["timelineTypeDesc"] == "AssignAgent"
            ]
            assert len(assigned) == 1
            assert assigned[0]["toId"] == lead["assignedUserId"]
            when = datetime.fromisoformat(assigned[0]["timelineTime"]).replace(microsecond=0)
            assert when == wire_time(lead["assignTime"])
    stage_changes = {
        log["leadId"]: log["content"]["toStageName"]
        for log in sorted(state.system_logs.values(), key=lambda entry: entry["timelineTime"])
        if log["timelineTypeDesc"] == "TeamStageChange"
    }
    for lead_id, last_stage in stage_changes.items():
        assert state.leads[lead_id]["stage"] == last_stage


def test_birthdays(state: DemoState) -> None:
    pattern = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-9]\d?, \d{4}$")
    birthdays = [lead["birthday"] for lead in state.leads.values() if lead["birthday"]]
    assert len(birthdays) > 20
    for birthday in birthdays:
        assert pattern.match(birthday)
        datetime.strptime(birthday, "%b %d, %Y")
