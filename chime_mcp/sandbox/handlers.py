"""What each operation does to the sandbox's state: one function per catalog operation.

`HANDLERS` maps a tool name to its behaviour. The dispatcher in `app.py` has already checked the
credential and validated the path, query and body with the catalog's own models, so a handler
gets typed input (`Call`) and returns the JSON payload in the live API's wire shape (or `EMPTY`
for the endpoints whose answer has no body). Failures raise `SandboxError` with the live API's
codes: 20006 LEAD_NOT_EXIST, 20007 RESOURCE_NOT_EXIST, 20012 INVALID_PARAMETER, ...

Handlers are synchronous and never await, so one request's read-modify-write is atomic.
Each write marks the collections it changed (`store.touch`) so persistence writes only those.

System logs: the published document says GET /v1.0/systemLogs returns change-log events only
(stage changes, assignments, note edits/deletes, tasks...), never calls, texts, emails or the
adding of a note. The sandbox records what that allows for changes made through the API: lead
created, edited, assigned, trashed; stage changed; note edited or deleted; task created or
deleted; transaction created or updated. Codes 17 and 38 are documented by Lofty; the others
are the sandbox's own choice (see `LOG_TYPES`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from pydantic import BaseModel

from chime_mcp.sandbox.store import Record, Store

# -- error codes of the live API (from lofty-openapi.json) -------------------------------------

LEAD_NOT_EXIST: Final = 20006
RESOURCE_NOT_EXIST: Final = 20007
USER_NOT_EXIST: Final = 20003
INVALID_PARAMETER: Final = 20012
LIMIT_NOT_VALID: Final = 20042
PROPERTY_ADDRESS_EMPTY: Final = 200057
TRANSACTION_NOT_EXIST: Final = 200060
TRANSACTION_NAME_INVALID: Final = 200062
LEAD_PROPERTY_NOT_EXIST: Final = 200108

LOG_TYPES: Final[dict[str, int]] = {
    "NewLead": 2,
    "EditLeadInfo": 4,
    "EditNote": 17,
    "DeleteNote": 18,
    "AssignAgent": 31,
    "AssignLender": 32,
    "AssignAssistant": 33,
    "TeamStageChange": 38,
    "MoveToLeadPond": 44,
    "MoveToTrash": 46,
    "CreateTask": 60,
    "DeleteTask": 61,
    "AddTransaction": 70,
    "UpdateTransaction": 71,
}
"""timelineTypeDesc -> timelineType; the demo's codes plus the sandbox's own."""

LOG_KINDS: Final[dict[str, str]] = {"logCall": "Call", "logEmail": "Email", "logText": "Text"}
"""The API's logType names -> the kind stored on a log record (as the demo data stores it)."""

_PRIVATE_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "transactions": ("leadId",),
    "logs": ("logType",),
    # The reference has it; the published SystemLogResponse (the wire) does not.
    "system_logs": ("leadFullName",),
}
"""Keys the state keeps on records for its own bookkeeping, never sent (not in the published schemas)."""

CUSTOM_FIELD_TYPES: Final = frozenset(
    {"number", "text", "date", "anniversary_date", "single_select", "multi_select", "percentage", "currency"}
)
ACTIVITY_PAGE: Final = 100
SEARCH_TIME_OFFSET: Final = timedelta(hours=7)
"""createTime/updateTime searches take `yyyy-MM-dd HH:mm:ss` in UTC-7 (the reference says so)."""


class SandboxError(Exception):
    """An error answer: HTTP status, live-style code and a message naming what was wrong."""

    def __init__(self, status: int, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message} if self.code is not None else {"message": self.message}


class _Empty:
    """The answer of endpoints the published document says have no body."""


EMPTY: Final = _Empty()


@dataclass
class Call:
    """One validated request, as a handler sees it."""

    store: Store
    params: dict[str, Any]
    """Path and query parameters by name; None where not given."""
    body: Any
    """The body: a model instance, a list of them, or None."""
    now: float
    """Epoch seconds."""

    @property
    def st(self) -> Any:
        # `Any` rather than DemoState: the demo module is imported lazily (see store.py).
        return self.store.state

    def p(self, name: str) -> Any:
        return self.params.get(name)

    def fields(self) -> dict[str, Any]:
        """The body fields the caller actually sent, in wire form."""
        assert isinstance(self.body, BaseModel)
        return self.body.model_dump(mode="json", by_alias=True, exclude_unset=True)


Handler = Callable[[Call], Any]
HANDLERS: dict[str, Handler] = {}


def handler(*tools: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for tool in tools:
            HANDLERS[tool] = fn
        return fn

    return register


# -- small helpers ----------------------------------------------------------------------------


def fmt(ts: float) -> str:
    """`yyyy-MM-dd HH:mm:ss`, UTC: the format of notes, tasks, logs and leads."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S")


def iso(ts: float) -> str:
    """ISO-8601 with milliseconds, as system logs carry."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")


def sent_time(value: int, field: str) -> float:
    """Epoch seconds from a time the caller sent in epoch ms; 400 naming the field if impossible."""
    try:
        datetime.fromtimestamp(value / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        raise bad(f"{field}: {value} is not a time in epoch milliseconds") from None
    return value / 1000


def ms(ts: float) -> int:
    return int(ts * 1000)


def public(collection: str, record: Record) -> Record:
    drop = _PRIVATE_KEYS.get(collection, ())
    return {k: v for k, v in record.items() if k not in drop} if drop else record


def page(items: list[Any], offset: int | None, limit: int | None) -> list[Any]:
    start = offset or 0
    return items[start : start + limit] if limit is not None else items[start:]


def bad(message: str, code: int = INVALID_PARAMETER) -> SandboxError:
    return SandboxError(400, message, code)


def missing(what: str, ident: Any, code: int = RESOURCE_NOT_EXIST) -> SandboxError:
    return SandboxError(404, f"{what} {ident} does not exist", code)


def full_name(person: Record) -> str:
    return " ".join(part for part in (person.get("firstName"), person.get("lastName")) if part)


def lead_of(call: Call, lead_id: Any, *, with_trash: bool = False) -> Record:
    """The lead, or 404 LEAD_NOT_EXIST (trashed leads exist only `with_trash`)."""
    lead = call.st.leads.get(lead_id) if lead_id is not None else None
    if lead is None or (lead_id in call.store.trash and not with_trash):
        raise missing("Lead", lead_id, LEAD_NOT_EXIST)
    return lead  # type: ignore[no-any-return]


def member_of(call: Call, user_id: Any) -> Record:
    member = call.st.members.get(user_id)
    if member is None:
        raise missing("User", user_id, USER_NOT_EXIST)
    return member  # type: ignore[no-any-return]


def member_by_email(call: Call, email: str | None) -> Record:
    wanted = (email or "").strip().lower()
    for member in call.st.members.values():
        if member.get("email", "").lower() == wanted:
            return member  # type: ignore[no-any-return]
    raise missing("User", email, USER_NOT_EXIST)


def me(call: Call) -> Record:
    return call.st.members[call.st.me_id]  # type: ignore[no-any-return]


def touched(call: Call, lead: Record) -> None:
    lead["lastUpdateTime"] = fmt(call.now)
    call.store.touch("leads")


def system_log(
    call: Call,
    lead: Record,
    desc: str,
    content: Record,
    *,
    to: tuple[int, int, str | None, str | None] | None = None,
    ref: int = 0,
) -> None:
    """Record a change on the lead's timeline, made by the credential's user."""
    actor = me(call)
    log_id = call.store.new_id()
    when = iso(call.now)
    to_id, to_type, to_first, to_last = to or (lead["leadId"], 2, lead.get("firstName"), lead.get("lastName"))
    call.st.system_logs[log_id] = {
        "id": str(log_id),
        "leadId": lead["leadId"],
        "agentId": actor["id"],
        "timelineType": LOG_TYPES[desc],
        "timelineTypeDesc": desc,
        "timelineTime": when,
        "createTime": when,
        "updateTime": when,
        "fromId": actor["id"],
        "fromType": 1,
        "toId": to_id,
        "toType": to_type,
        "fromFirstName": actor.get("firstName"),
        "fromLastName": actor.get("lastName"),
        "toFirstName": to_first,
        "toLastName": to_last,
        "refId": ref,
        "sticky": False,
        "canSticky": False,
        "content": content,
    }
    call.store.touch("system_logs")


def _desc_by(items: Iterable[Record], key: str) -> list[Record]:
    return sorted(items, key=lambda r: r.get(key) or "", reverse=True)


def _for_lead(records: Iterable[Record], lead_id: int) -> list[Record]:
    return [r for r in records if r.get("leadId") == lead_id]


# -- communication ----------------------------------------------------------------------------


@handler("search_calls")
def search_calls(call: Call) -> Any:
    # The live API requires leadId here (404 LEAD_NOT_FOUND without it), although the
    # reference and the catalog make it optional.
    if call.p("leadId") is None:
        raise SandboxError(404, "leadId is required: LEAD_NOT_FOUND", LEAD_NOT_EXIST)
    lead = lead_of(call, call.p("leadId"))
    calls = _desc_by(_for_lead(call.st.calls.values(), lead["leadId"]), "startTime")
    limit, offset = call.p("limit") or 10, call.p("offset") or 0
    return {
        "_metadata": {"collection": "calls", "limit": limit, "offset": offset, "total": len(calls)},
        "calls": page(calls, offset, limit),
    }


@handler("get_call")
def get_call(call: Call) -> Any:
    record = call.st.calls.get(call.p("callId"))
    if record is None:
        raise missing("Call", call.p("callId"))
    return {"calls": record}


def _history(call: Call, collection: str, time_key: str, wrapper: str) -> Any:
    lead = lead_of(call, call.p("leadId"))
    records = _desc_by(_for_lead(getattr(call.st, collection).values(), lead["leadId"]), time_key)
    return {wrapper: page(records, call.p("offset"), call.p("limit"))}


@handler("list_call_history")
def list_call_history(call: Call) -> Any:
    return _history(call, "calls", "startTime", "calls")


@handler("list_email_history")
def list_email_history(call: Call) -> Any:
    return _history(call, "emails", "emailEventTime", "emails")


@handler("list_text_history")
def list_text_history(call: Call) -> Any:
    return _history(call, "texts", "textTime", "texts")


# -- routing ----------------------------------------------------------------------------------

_ROUTING_ROLES: Final[dict[int, tuple[str, ...]]] = {1: ("Agent", "Admin"), 2: ("Lender",), 4: ("Assistant",)}


def _routing_type(call: Call) -> int:
    kind = int(call.p("type"))
    role_id = call.p("roleId")
    if kind == 4 and (role_id is None or role_id < 0):  # the client sends -1 when none is given
        raise bad("roleId is required for routing type 4 (assistant routing)")
    return kind


@handler("list_routing_members")
def list_routing_members(call: Call) -> Any:
    kind = _routing_type(call)
    members = [
        {"id": m["id"], "name": full_name(m), "type": 2 if kind == 2 else 1}
        for m in call.st.members.values()
        if m.get("roleName") in _ROUTING_ROLES[kind]
    ]
    if kind == 1:
        members += [{"id": p["id"], "name": p["pondName"], "type": 3} for p in call.st.lead_ponds.values()]
    return members


@handler("list_routing_roles")
def list_routing_roles(call: Call) -> Any:
    return call.st.routing_roles


@handler("list_routing_rules")
def list_routing_rules(call: Call) -> Any:
    return call.st.routing_rules.get(_routing_type(call), [])


@handler("get_default_routing_rule")
def get_default_routing_rule(call: Call) -> Any:
    kind = _routing_type(call)
    rule = call.st.supplement_rules.get(kind)
    if rule is None:
        raise missing("Default routing rule of type", kind)
    return rule


@handler("update_default_routing_rule")
def update_default_routing_rule(call: Call) -> Any:
    kind = int(call.p("type"))
    changes = call.fields()
    rule = call.st.supplement_rules.setdefault(kind, {"businessType": kind})
    if kind == 4 and changes.get("roleId") is None and rule.get("roleId") is None:
        raise bad("roleId is required for routing type 4 (assistant routing)")
    strategy = changes.get("strategyType", rule.get("strategyType"))
    if strategy == 3 and changes.get("assigneeAgentId") is None and rule.get("assigneeAgentId") is None:
        raise bad("assigneeAgentId is required for the default assignee strategy (strategyType 3)")
    if changes.get("assigneeAgentId") is not None:
        agent = member_of(call, changes["assigneeAgentId"])
        rule["assigneeAgentName"] = full_name(agent)
    if changes.get("assigneeGroupId") is not None:
        pond = call.st.lead_ponds.get(changes["assigneeGroupId"])
        if pond is None:
            raise missing("Group", changes["assigneeGroupId"])
        rule["assigneeGroupName"] = pond["pondName"]
    rule.update(changes)
    rule["updateTime"] = ms(call.now)
    call.store.touch("supplement_rules")
    return "ok"


@handler("update_routing_rule")
def update_routing_rule(call: Call) -> Any:
    kind = int(call.p("type"))
    changes = call.fields()
    if changes.get("id") is None:
        raise bad("id: the routing rule to update is required")
    rule = next((r for r in call.st.routing_rules.get(kind, []) if r.get("id") == changes["id"]), None)
    if rule is None:
        raise missing("Routing rule", changes["id"])
    if "activeHours" in changes:
        rule["activeHours"] = {**(rule.get("activeHours") or {}), **changes["activeHours"]}
    if "routingStrategy" in changes:
        strategy = {**(rule.get("routingStrategy") or {}), **changes["routingStrategy"]}
        for weight in strategy.get("memberWeights") or []:
            member = member_of(call, weight.get("memberId"))
            weight["firstName"], weight["lastName"] = member.get("firstName"), member.get("lastName")
        if strategy.get("groupId") is not None:
            pond = call.st.lead_ponds.get(strategy["groupId"])
            if pond is None:
                raise missing("Lead pond", strategy["groupId"])
            strategy["groupName"] = pond["pondName"]
        rule["routingStrategy"] = strategy
    rule["updateTime"] = ms(call.now)
    call.store.touch("routing_rules")
    return "ok"


# -- Brokermint -------------------------------------------------------------------------------
# Both are callbacks: a business failure comes back as HTTP 200 with a non-zero code.


@handler("sync_brokermint_lead")
def sync_brokermint_lead(call: Call) -> Any:
    contact = call.fields()
    email = (contact.get("email") or "").lower()
    lead = next(
        (
            lead
            for lead_id, lead in call.st.leads.items()
            if lead_id not in call.store.trash and email and email in (e.lower() for e in lead.get("emails") or [])
        ),
        None,
    )
    if lead is None:
        return {
            "code": LEAD_NOT_EXIST,
            "message": "LEAD_NOT_EXIST: no lead is linked to this Brokermint contact",
        }
    for source, target in (
        ("firstName", "firstName"),
        ("lastName", "lastName"),
        ("address", "streetAddress"),
        ("city", "city"),
        ("state", "state"),
        ("zip", "zipCode"),
    ):
        if contact.get(source):
            lead[target] = contact[source]
    if contact.get("phone") and contact["phone"] not in (lead.get("phones") or []):
        lead["phones"] = [*(lead.get("phones") or []), contact["phone"]]
    touched(call, lead)
    return {"code": 0, "message": "success"}


def _epoch_ms(value: Any) -> int | None:
    """An ISO-8601 text or a java.sql.Timestamp object, as epoch ms."""
    if isinstance(value, dict):
        return value.get("time")
    if isinstance(value, str):
        try:
            return ms(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
        except ValueError:
            raise bad(f"Not an ISO-8601 date-time: {value!r}") from None
    return None


@handler("sync_brokermint_transaction")
def sync_brokermint_transaction(call: Call) -> Any:
    update = call.fields()
    record = call.st.transactions.get(update["id"])
    if record is None:
        return {"code": TRANSACTION_NOT_EXIST, "message": "TRANSACTION_NOT_EXIST"}
    if update.get("agentId") is not None:
        record["assignedAgent"] = member_of(call, update["agentId"])["id"]
    if update.get("price") is not None:
        record["homePrice"] = float(update["price"])
    if update.get("status"):
        record["transactionStatus"] = update["status"]
    if update.get("transactionType"):
        record["transactionType"] = update["transactionType"]
    if update.get("closedAt") is not None:
        record["closeDate"] = _epoch_ms(update["closedAt"])
    if update.get("closingDate") is not None:
        record["expectedCloseDate"] = _epoch_ms(update["closingDate"])
    if update.get("expirationDate") is not None:
        record["expiration"] = _epoch_ms(update["expirationDate"])
    record["updated"] = ms(call.now)
    call.store.touch("transactions")
    return {"code": 0, "message": "success"}


# -- leads ------------------------------------------------------------------------------------


def _tag_vo(call: Call, lead_id: int, name: str) -> Record:
    name = name[:64]
    tag = next((t for t in call.st.tags.values() if t["tagName"].lower() == name.lower()), None)
    if tag is None:  # an unknown tag becomes a team tag, as in the CRM
        tag_id = call.store.new_id()
        stamp = fmt(call.now)
        tag = call.st.tags[tag_id] = {
            "leadId": None,
            "tagId": tag_id,
            "createTime": stamp,
            "updateTime": stamp,
            "tagName": name,
            "creatorUserId": call.st.me_id,
            "visibleType": 0,
        }
        call.store.touch("tags")
    stamp = fmt(call.now)
    return {
        **tag,
        "leadId": lead_id,
        "createTime": stamp,
        "updateTime": stamp,
        "creatorUserId": call.st.me_id,
    }


def _stage_id(call: Call, stage: str) -> int:
    stage_ids: dict[str, int] = call.st.stage_ids
    if stage not in stage_ids:
        stage_ids[stage] = call.store.new_id()
        call.store.touch("stage_ids")
    return stage_ids[stage]


def _assign(call: Call, lead: Record, agent: Record | None, reason: str) -> None:
    lead["assignedUserId"] = agent["id"] if agent else None
    lead["assignedUser"] = full_name(agent) if agent else None
    lead["assignTime"] = fmt(call.now) if agent else None
    lead["assignCompletionStatus"] = agent is not None
    if agent is not None:
        lead["pondId"] = lead["pondName"] = None
        system_log(
            call,
            lead,
            "AssignAgent",
            {"assigneeName": full_name(agent), "reason": reason},
            to=(agent["id"], 1, agent.get("firstName"), agent.get("lastName")),
        )


def _route(call: Call, lead: Record) -> None:
    """Assign a new lead the way the team's agent routing rules say (a simplified engine)."""
    tags = {t["tagName"] for t in lead.get("tags") or []}
    lead_types = {str(t) for t in lead.get("leadTypes") or []}
    for rule in call.st.routing_rules.get(1, []):
        if not rule.get("ruleSwitch"):
            continue
        if rule.get("sourceMatchType") == 1 and rule.get("sourceName") != lead.get("source"):
            continue
        if rule.get("tagMatchType") == 1 and not tags.intersection(rule.get("tagNames") or []):
            continue
        if rule.get("leadType") and rule["leadType"] not in lead_types:
            continue
        strategy = rule.get("routingStrategy") or {}
        if strategy.get("strategyType") == 4 and strategy.get("groupId") in call.st.lead_ponds:
            pond = call.st.lead_ponds[strategy["groupId"]]
            lead["pondId"], lead["pondName"] = pond["id"], pond["pondName"]
            system_log(call, lead, "MoveToLeadPond", {"pondName": pond["pondName"]}, to=(pond["id"], 6, None, None))
            return
        weights = [w for w in strategy.get("memberWeights") or [] if w.get("memberId") in call.st.members]
        if weights:
            # Round robin, deterministic: the member with the fewest leads from this rule's pool.
            counts = {w["memberId"]: 0 for w in weights}
            for other in call.st.leads.values():
                if other.get("assignedUserId") in counts:
                    counts[other["assignedUserId"]] += 1
            chosen = min(counts, key=lambda uid: counts[uid])
            _assign(call, lead, call.st.members[chosen], f"Lead routing: {rule.get('name')}")
            return
    default = call.st.supplement_rules.get(1) or {}
    agent = call.st.members.get(default.get("assigneeAgentId"))
    if agent is not None:
        _assign(call, lead, agent, "Default routing rule")


def _lead_fields(call: Call, lead: Record, sent: dict[str, Any]) -> list[str]:
    """Apply the fields of a LeadRequest/EditLeadRequest; returns the names of plain fields changed."""
    lead_id = lead["leadId"]
    changed: list[str] = []
    for name in ("firstName", "lastName"):
        if name in sent:
            lead[name] = (sent[name] or "")[:30] or None
            changed.append(name)
    for name in (
        "birthday", "buyHouse", "buyingTimeFrame", "city", "emails", "fthb", "houseToSell", "mortgage",
        "phones", "preQual", "referredBy", "sellingTimeFrame", "source", "state", "streetAddress",
        "unsubscription", "withBuyerAgent", "withListingAgent", "zipCode",
    ):  # fmt: skip
        if name in sent:
            lead[name] = sent[name]
            changed.append(name)
    if "phones" in sent:
        lead["phoneStatuses"] = [2] * len(sent["phones"] or [])
    if "groups" in sent:
        lead["groups"] = [g[:30] for g in sent["groups"] or []]
        lead["segments"] = list(lead["groups"])
        changed.append("groups")
    if "leadType" in sent:
        lead["leadTypes"] = [sent["leadType"]]
        changed.append("leadType")
    if "tags" in sent:
        lead["tags"] = [_tag_vo(call, lead_id, name) for name in dict.fromkeys(sent["tags"] or [])]
        changed.append("tags")
    if sent.get("tagsAdd"):
        have = {t["tagName"].lower() for t in lead.get("tags") or []}
        lead["tags"] = [*(lead.get("tags") or [])] + [
            _tag_vo(call, lead_id, name) for name in dict.fromkeys(sent["tagsAdd"]) if name.lower() not in have
        ]
        changed.append("tags")
    if "customAttributeList" in sent:
        values = {a["attributeName"]: a for a in lead.get("customAttributes") or []}
        for attribute in sent["customAttributeList"] or []:
            values[attribute["attributeName"]] = {"params": None, **attribute}
        lead["customAttributes"] = list(values.values())
        changed.append("customAttributes")
    if "leadFamilyMemberList" in sent:
        lead["leadFamilyMemberList"] = sent["leadFamilyMemberList"]
        changed.append("leadFamilyMemberList")
    if sent.get("inquiry"):
        _save_inquiry(call, lead, sent["inquiry"])
    if sent.get("property"):
        _save_property(call, lead, sent["property"])
    if sent.get("leadTransaction"):
        _new_transaction(call, lead, sent["leadTransaction"])
    return changed


def _set_stage(call: Call, lead: Record, stage: str) -> None:
    stage = stage[:20]
    previous = lead.get("stage")
    if stage == previous:
        return
    lead["stage"], lead["stageId"] = stage, _stage_id(call, stage)
    system_log(
        call,
        lead,
        "TeamStageChange",
        {"fromStageName": previous, "toStageName": stage},
        to=(lead["stageId"], 3, None, None),
    )


@handler("create_lead")
def create_lead(call: Call) -> Any:
    sent = call.fields()
    st = call.st
    lead_id, lead_user_id = call.store.new_id(), call.store.new_id()
    source = sent.get("source") or "API"
    stamp = fmt(call.now)
    lead: Record = {
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
    # Checked before any change: a bad id changes nothing.
    agent = member_of(call, sent["assignedUserId"]) if sent.get("assignedUserId") is not None else None
    st.leads[lead_id] = lead
    st.inquiries[lead_id], st.properties[lead_id], st.activities[lead_id] = [], [], []
    call.store.touch("leads", "inquiries", "properties", "activities")
    _lead_fields(call, lead, sent)
    lead["source"] = source
    stage = (sent.get("stage") or "New")[:20]
    lead["stage"], lead["stageId"] = stage, _stage_id(call, stage)
    system_log(call, lead, "NewLead", {"source": source, "leadName": full_name(lead)})
    if agent is not None:
        _assign(call, lead, agent, "Assigned on create")
    else:
        _route(call, lead)
    lead["lastUpdateTime"] = stamp
    return {"leadId": lead_id}


# Lead search ---------------------------------------------------------------------------------

_SORT_FIELDS: Final[dict[str, str]] = {
    "Default": "createTime", "CreateTime": "createTime", "LastContact": "lastTouch", "LastCall": "lastTouch",
    "LastEmail": "lastTouch", "Communication": "lastTouch", "LastActivity": "lastVisit",
    "Activity": "lastVisit", "ActivitySearch": "lastVisit", "ActivityViews": "lastVisit",
    "ActivityFavorites": "lastVisit", "AssignTime": "assignTime", "Score": "score", "SCOREV2": "score",
}  # fmt: skip
"""Lead sorts the sandbox understands; the others sort by lastUpdateTime."""


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _csv(value: str | None) -> list[str]:
    return [part.strip().lower() for part in (value or "").split(",") if part.strip()]


def _lead_matches(call: Call, lead: Record) -> bool:
    p = call.p
    key = (p("key") or "").strip().lower()
    if key:
        haystack = [full_name(lead).lower(), *(e.lower() for e in lead.get("emails") or [])]
        phones = lead.get("phones") or []
        key_digits = _digits(key)
        if not (
            any(key in text for text in haystack)
            or any(key in phone.lower() for phone in phones)
            or (len(key_digits) >= 3 and any(key_digits in _digits(phone) for phone in phones))
        ):
            return False
    if p("email") and p("email").strip().lower() not in (e.lower() for e in lead.get("emails") or []):
        return False
    if p("phone"):
        wanted = _digits(p("phone"))
        accepted = {wanted, wanted[1:] if len(wanted) == 11 and wanted.startswith("1") else wanted}
        if not any(_digits(phone) in accepted for phone in lead.get("phones") or []):
            return False
    for name in ("stage", "source"):
        if p(name) and (lead.get(name) or "").lower() != p(name).strip().lower():
            return False
    tags = {t["tagName"].lower() for t in lead.get("tags") or []}
    if p("allTags") and not set(_csv(p("allTags"))) <= tags:
        return False
    if p("anyTags") and not set(_csv(p("anyTags"))) & tags:
        return False
    if p("groups") and not set(_csv(p("groups"))) & {g.lower() for g in lead.get("groups") or []}:
        return False
    if p("contacted") is not None and (lead.get("lastTouch") is not None) != p("contacted"):
        return False
    if p("assignedUserId") is not None and lead.get("assignedUserId") != p("assignedUserId"):
        return False
    if p("groupIds") is not None:
        agent = call.st.members.get(lead.get("assignedUserId"))
        if agent is None or agent.get("groupId") != p("groupIds"):
            return False
    return True


def _scroll_id(offset: int, fingerprint: str) -> str:
    return base64.urlsafe_b64encode(f"{offset}:{fingerprint}".encode()).decode().rstrip("=")


def _scroll_offset(scroll_id: str, fingerprint: str) -> int:
    try:
        text = base64.urlsafe_b64decode(scroll_id + "=" * (-len(scroll_id) % 4)).decode()
        offset, seen = text.split(":", 1)
        if seen == fingerprint:
            return int(offset)
    except ValueError:
        pass
    raise bad("scrollId is not valid for this search; start again without it")


def _lead_page(call: Call, leads: list[Record]) -> Any:
    """Page a lead list like the live API: offset/limit or scrollId, with `_metadata`."""
    limit = call.p("limit") or 25
    # The scroll id is bound to the search it continues: the filters, not the paging.
    filters = {k: v for k, v in sorted(call.params.items()) if k not in ("limit", "offset", "scrollId")}
    fingerprint = hashlib.sha256(json.dumps(filters, default=str).encode()).hexdigest()[:12]
    offset = _scroll_offset(call.p("scrollId"), fingerprint) if call.p("scrollId") else call.p("offset") or 0
    chunk = leads[offset : offset + limit]
    fields = _csv(call.p("returnFields"))
    if fields:
        chunk = [{k: v for k, v in lead.items() if k.lower() in fields or k == "leadId"} for lead in chunk]
    metadata: Record = {"collection": "leads", "limit": limit, "offset": offset, "total": len(leads)}
    if offset + len(chunk) < len(leads):
        metadata["scrollId"] = _scroll_id(offset + len(chunk), fingerprint)
    return {"_metadata": metadata, "leads": chunk}


def _live_leads(call: Call) -> list[Record]:
    trash = call.store.trash
    return [lead for lead_id, lead in call.st.leads.items() if lead_id not in trash and _lead_matches(call, lead)]


@handler("search_leads")
def search_leads(call: Call) -> Any:
    leads = _live_leads(call)
    sort = call.p("sort") or "Default"
    field = _SORT_FIELDS.get(sort, "lastUpdateTime")
    descending = call.p("desc") is not False  # newest first unless told otherwise
    present = [lead for lead in leads if lead.get(field) is not None]
    absent = [lead for lead in leads if lead.get(field) is None]  # always last, as in the CRM
    present.sort(key=lambda lead: (lead[field], lead["leadId"]), reverse=descending)
    return _lead_page(call, present + absent)


def _since(call: Call, param: str, field: str) -> Any:
    text = call.p(param)
    try:
        local = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise bad(f"{param}: expected yyyy-MM-dd HH:mm:ss, got {text!r}") from None
    since = (local + SEARCH_TIME_OFFSET).strftime("%Y-%m-%d %H:%M:%S")
    leads = [lead for lead in _live_leads(call) if (lead.get(field) or "") >= since]
    leads.sort(key=lambda lead: (lead[field], lead["leadId"]))  # oldest first: a sync reads forward
    return _lead_page(call, leads)


@handler("search_leads_created_since")
def search_leads_created_since(call: Call) -> Any:
    return _since(call, "leadCreateTime", "createTime")


@handler("search_leads_updated_since")
def search_leads_updated_since(call: Call) -> Any:
    return _since(call, "leadUpdateTime", "lastUpdateTime")


@handler("get_lead")
def get_lead(call: Call) -> Any:
    # Sent bare, as the published schema has it (the client also reads {"lead": {...}}).
    return lead_of(call, call.p("leadId"), with_trash=bool(call.p("withTrash")))


@handler("update_lead")
def update_lead(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    sent = call.fields()
    if sent.get("property") is not None:
        _check_property(call, lead, sent["property"])  # a bad property aborts the whole update
    agent = member_of(call, sent["assignedUserId"]) if sent.get("assignedUserId") is not None else None
    changed = _lead_fields(call, lead, sent)
    if sent.get("stage"):
        _set_stage(call, lead, sent["stage"])
    if agent is not None and agent["id"] != lead.get("assignedUserId"):
        _assign(call, lead, agent, "Reassigned")
    if changed:
        system_log(call, lead, "EditLeadInfo", {"fields": changed})
    touched(call, lead)
    return {"leadId": lead["leadId"]}


@handler("delete_lead")
def delete_lead(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    reason = (call.p("reason") or "").strip()
    if not reason:
        raise bad("reason: a reason is required to move a lead to trash")
    call.store.trash[lead["leadId"]] = {
        "reason": reason,
        "deleteTime": fmt(call.now),
        "deletedBy": call.st.me_id,
    }
    call.store.touch("trash")
    system_log(call, lead, "MoveToTrash", {"reason": reason})
    touched(call, lead)
    return {"deleted": True, "leadId": str(lead["leadId"])}


@handler("list_lead_activities")
def list_lead_activities(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    activities = call.st.activities.get(lead["leadId"], [])
    return page(activities, (call.p("curPage") or 0) * ACTIVITY_PAGE, ACTIVITY_PAGE)


@handler("add_lead_activity")
def add_lead_activity(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    activity = call.fields()
    activities = call.st.activities.setdefault(lead["leadId"], [])
    activities.append({"listing": None, "scheduledDate": None, "pageName": None, **activity})
    activities.sort(key=lambda a: -int(a["created"]))
    visit = fmt(sent_time(activity["created"], "created"))
    if (lead.get("lastVisit") or "") < visit:
        lead["lastVisit"] = visit
    call.store.touch("activities")
    touched(call, lead)
    return {"leadId": lead["leadId"]}


@handler("assign_lead")
def assign_lead(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    requests: list[BaseModel] = call.body
    if not requests:
        raise bad("assigneeRequest: give at least one assignee")
    people = [(r.model_dump()["role"], member_by_email(call, r.model_dump()["assignee"])) for r in requests]
    for role, person in people:  # all checked above: a bad assignee changes nothing
        if role == "Agent":
            _assign(call, lead, person, "Assigned through the API")
        elif role == "Lender":
            lead["lenderUserId"] = person["id"]
            system_log(
                call,
                lead,
                "AssignLender",
                {"assigneeName": full_name(person)},
                to=(person["id"], 5, person.get("firstName"), person.get("lastName")),
            )
        else:
            roles = [r for r in lead.get("customRoleList") or [] if r.get("role") != "Assistant"]
            roles.append({"roleId": 0, "role": "Assistant", "assigneeId": person["id"], "assignee": person["email"]})
            lead["customRoleList"] = roles
            system_log(
                call,
                lead,
                "AssignAssistant",
                {"assigneeName": full_name(person)},
                to=(person["id"], 1, person.get("firstName"), person.get("lastName")),
            )
    touched(call, lead)
    return {"leadId": lead["leadId"]}


_INQUIRY_KEYS: Final = frozenset(
    {"bathroomsMax", "bathroomsMin", "bedroomsMax", "bedroomsMin", "createTime", "defaultValue", "id",
     "leadUserId", "locations", "modifyByAgent", "priceMax", "priceMin", "propertyType", "updateTime"}
)  # fmt: skip
"""The keys of an inquiry on the wire (the published LeadInquiry); the reference's request has more."""


def _save_inquiry(call: Call, lead: Record, sent: Record) -> None:
    inquiry = dict(sent)
    if not inquiry.get("locations"):
        # The reference's flat lists become the wire's `locations`, as the CRM shows them.
        places = [{"city": city} for city in inquiry.get("citys") or []]
        places += [{"county": county} for county in inquiry.get("countys") or []]
        places += [{"zipCode": zipcode} for zipcode in inquiry.get("zipcodes") or []]
        places += [{"streetAddress": street} for street in inquiry.get("streetAddresses") or []]
        if places:
            inquiry["locations"] = places
    inquiry = {k: v for k, v in inquiry.items() if k in _INQUIRY_KEYS}
    inquiries = call.st.inquiries.setdefault(lead["leadId"], [])
    stamp = fmt(call.now)
    existing = next((i for i in inquiries if inquiry.get("id") and i.get("id") == inquiry["id"]), None)
    if existing is not None:
        existing.update(inquiry, updateTime=stamp)
        saved = existing
    else:
        fresh = {
            "id": call.store.new_id(),
            "leadUserId": lead["leadUserId"],
            "createTime": stamp,
            "updateTime": stamp,
        }
        saved = {**inquiry, **fresh}
        inquiries.append(saved)
    lead["leadInquiry"] = saved
    call.store.touch("inquiries")


@handler("add_lead_inquiry")
def add_lead_inquiry(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    _save_inquiry(call, lead, call.fields())
    touched(call, lead)
    return {"leadId": lead["leadId"]}


_ADDRESS: Final = ("city", "state", "zipCode", "streetAddress")


def _check_property(call: Call, lead: Record, prop: Record) -> Record | None:
    if not any((prop.get(name) or "").strip() for name in _ADDRESS):
        raise bad(
            "PROPERTY_ADDRESS_EMPTY: give at least one of city, state, zipCode, streetAddress",
            PROPERTY_ADDRESS_EMPTY,
        )
    properties: list[Record] = call.st.properties.get(lead["leadId"], [])
    if (prop.get("id") or 0) > 0:
        existing = next((p for p in properties if p.get("id") == prop["id"]), None)
        if existing is None:
            raise bad(f"LEAD_PROPERTY_NOT_EXIST: property {prop['id']} is not this lead's", LEAD_PROPERTY_NOT_EXIST)
        return existing
    same = [p for p in properties if all((p.get(n) or "").lower() == (prop.get(n) or "").lower() for n in _ADDRESS)]
    return same[0] if same else None


def _save_property(call: Call, lead: Record, prop: Record) -> None:
    existing = _check_property(call, lead, prop)
    if existing is not None:
        existing.update({k: v for k, v in prop.items() if k != "id"})
    else:
        record = {**prop, "id": call.store.new_id(), "leadUserId": lead["leadUserId"]}
        call.st.properties.setdefault(lead["leadId"], []).append(record)
    lead["leadPropertyList"] = list(call.st.properties[lead["leadId"]])
    call.store.touch("properties")


@handler("add_lead_property")
def add_lead_property(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    _save_property(call, lead, call.fields())
    touched(call, lead)
    return {"leadId": lead["leadId"]}


# -- transactions -----------------------------------------------------------------------------

_READ_ONLY_TRANSACTION: Final = ("transactionId", "created", "updated", "leadName", "assignedAgent")


def _check_transaction_name(name: str | None) -> None:
    if name is not None and not name.strip():
        raise bad("TRANSACTION_NAME_BLANK: transactionName must not be blank", TRANSACTION_NAME_INVALID)
    if name is not None and re.search(r"[<>]", name):
        raise bad("TRANSACTION_NAME_HTML: transactionName must not contain < or >", TRANSACTION_NAME_INVALID)


def _new_transaction(call: Call, lead: Record, sent: Record) -> Record:
    _check_transaction_name(sent.get("transactionName"))
    tx_id = call.store.new_id()
    record: Record = {k: v for k, v in sent.items() if k not in _READ_ONLY_TRANSACTION}
    record.update(
        transactionId=tx_id,
        created=ms(call.now),
        updated=ms(call.now),
        leadName=full_name(lead),
        assignedAgent=lead.get("assignedUserId"),
        leadId=lead["leadId"],
    )
    record.setdefault("customFields", [])
    call.st.transactions[tx_id] = record
    call.store.touch("transactions")
    system_log(call, lead, "AddTransaction", {"transactionName": record.get("transactionName")}, ref=tx_id)
    return record


def _transaction_of(call: Call) -> tuple[Record, Record]:
    lead = lead_of(call, call.p("leadId"))
    record = call.st.transactions.get(call.p("transactionId"))
    if record is None or record.get("leadId") != lead["leadId"]:
        raise SandboxError(
            404,
            f"TRANSACTION_NOT_EXIST: transaction {call.p('transactionId')} of lead {lead['leadId']} does not exist",
            TRANSACTION_NOT_EXIST,
        )
    return lead, record


@handler("create_transaction")
def create_transaction(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    record = _new_transaction(call, lead, call.fields())
    touched(call, lead)
    return public("transactions", record)


@handler("get_transaction")
def get_transaction(call: Call) -> Any:
    return public("transactions", _transaction_of(call)[1])


@handler("update_transaction")
def update_transaction(call: Call) -> Any:
    lead, record = _transaction_of(call)
    sent = call.fields()
    _check_transaction_name(sent.get("transactionName"))
    record.update({k: v for k, v in sent.items() if k not in _READ_ONLY_TRANSACTION})
    record["updated"] = ms(call.now)
    call.store.touch("transactions")
    system_log(call, lead, "UpdateTransaction", {"fields": sorted(sent)}, ref=record["transactionId"])
    touched(call, lead)
    return public("transactions", record)


@handler("list_transactions")
def list_transactions(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    records = sorted(_for_lead(call.st.transactions.values(), lead["leadId"]), key=lambda r: -(r.get("created") or 0))
    return [public("transactions", r) for r in records]


# -- team -------------------------------------------------------------------------------------


@handler("get_me")
def get_me(call: Call) -> Any:
    return me(call)


@handler("list_members")
def list_members(call: Call) -> Any:
    members = list(call.st.members.values())
    limit, offset = call.p("limit") or 50, call.p("offset") or 0
    return {
        "_metadata": {"collection": "members", "limit": limit, "offset": offset, "total": len(members)},
        "members": page(members, offset, limit),
    }


@handler("get_member")
def get_member(call: Call) -> Any:
    return member_by_email(call, call.p("account"))


@handler("get_user")
def get_user(call: Call) -> Any:
    return member_of(call, call.p("userId"))


@handler("update_user")
def update_user(call: Call) -> Any:
    member = member_of(call, call.p("userId"))
    sent = call.fields()
    if "agentInfo" in sent:
        member["agentInfo"] = {**(member.get("agentInfo") or {}), **sent.pop("agentInfo")}
    member.update(sent)
    if member.get("firstName"):
        member["firstLetter"] = member["firstName"][0]
    call.store.touch("members")
    return "ok"


# -- notes ------------------------------------------------------------------------------------


def _note_of(call: Call) -> tuple[Record, Record]:
    note = call.st.notes.get(call.p("noteId"))
    if note is None:
        raise missing("Note", call.p("noteId"))
    return lead_of(call, note["leadId"]), note


@handler("add_note")
def add_note(call: Call) -> Any:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    content = sent["content"]
    if not content.strip():
        raise bad("content: must not be blank")
    author = me(call)
    note_id = call.store.new_id()
    stamp = fmt(call.now)
    call.st.notes[note_id] = {
        "id": call.store.new_id(),  # the timeline entry carrying the note, as on the live API
        "noteId": note_id,
        "creatorId": author["id"],
        "leadId": lead["leadId"],
        "createTime": stamp,
        "deleteFlag": False,
        "content": content[:2000],
        "lastUpdate": stamp,
        "lastEditorId": author["id"],
        "creatorName": full_name(author),
        "lastEditorName": full_name(author),
        "isPin": bool(sent.get("isPin")),
        "systemNote": False,
    }
    call.store.touch("notes")
    touched(call, lead)
    return {"noteId": note_id}


@handler("list_notes")
def list_notes(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    notes = [
        n
        for n in _for_lead(call.st.notes.values(), lead["leadId"])
        if call.p("includeSystemNote") or not n.get("systemNote")
    ]
    notes.sort(key=lambda n: (bool(n.get("isPin")), n.get("createTime") or ""), reverse=True)
    return {"notes": notes}


@handler("get_note")
def get_note(call: Call) -> Any:
    return {"note": _note_of(call)[1]}


@handler("update_note")
def update_note(call: Call) -> Any:
    lead, note = _note_of(call)
    sent = call.fields()
    if sent.get("leadId") is not None and sent["leadId"] != note["leadId"]:
        raise bad("INVALID_UPDATE_OPERATION_LEADID: leadId does not match the note's lead")
    if not sent["content"].strip():
        raise bad("content: must not be blank")
    editor = me(call)
    note.update(
        content=sent["content"][:2000],
        isPin=bool(sent.get("isPin")),
        lastUpdate=fmt(call.now),
        lastEditorId=editor["id"],
        lastEditorName=full_name(editor),
    )
    call.store.touch("notes")
    system_log(call, lead, "EditNote", {"noteId": note["noteId"], "content": note["content"]}, ref=note["noteId"])
    touched(call, lead)
    return EMPTY


@handler("delete_note")
def delete_note(call: Call) -> Any:
    lead, note = _note_of(call)
    del call.st.notes[note["noteId"]]
    call.store.touch("notes")
    system_log(call, lead, "DeleteNote", {"noteId": note["noteId"], "content": note["content"]}, ref=note["noteId"])
    touched(call, lead)
    return EMPTY


# -- tasks and appointments -------------------------------------------------------------------


@handler("list_appointments")
def list_appointments(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    return sorted(_for_lead(call.st.appointments.values(), lead["leadId"]), key=lambda a: -(a.get("deadline") or 0))


def _task_fields(call: Call, lead: Record, task: Record, sent: dict[str, Any]) -> None:
    role = sent.get("assignedRole", task.get("assignedRole"))
    if role == "Assistant":
        worker = next((m for m in call.st.members.values() if m.get("roleName") == "Assistant"), me(call))
    else:
        worker = call.st.members.get(lead.get("assignedUserId")) or me(call)
    deadline = sent.get("deadline")
    if deadline is not None:
        due = sent_time(deadline, "deadline")
        task["deadline"] = fmt(due)
        task["overdueFlag"] = not task.get("finishFlag") and due < call.now
    for name in ("content", "type"):
        if name in sent:
            task[name] = sent[name]
    task.update(
        assignedRole=role,
        assignedUser=full_name(worker),
        assignedUserId=worker["id"],
        lastUpdate=fmt(call.now),
    )


def _task_of(call: Call) -> tuple[Record, Record]:
    task = call.st.tasks.get(call.p("taskId"))
    if task is None:
        raise missing("Task", call.p("taskId"))
    return lead_of(call, task["leadId"]), task


@handler("create_task")
def create_task(call: Call) -> Any:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    if not sent["content"].strip():
        raise bad("content: must not be blank")
    task_id = call.store.new_id()
    stamp = fmt(call.now)
    email = lead.get("emails") or [None]
    phone = lead.get("phones") or [None]
    task: Record = {
        "id": task_id, "leadId": lead["leadId"], "creatorId": call.st.me_id, "content": "", "type": "Other",
        "deadline": None, "finishTime": "", "createTime": stamp, "lastUpdate": stamp, "deleteFlag": False,
        "finishFlag": False, "overdueFlag": False, "leadName": full_name(lead), "leadEmail": email[0],
        "leadPhone": phone[0], "leadFirstName": lead.get("firstName"), "leadLastName": lead.get("lastName"),
        "reminderType": 0, "assignedRole": "Agent", "assignedUser": None, "teamId": call.st.team_id,
        "subject": "", "body": "", "assignedUserId": None, "pipelineId": None, "queryInfo": "",
        "leadUserId": lead["leadUserId"], "queryId": None,
    }  # fmt: skip
    _task_fields(call, lead, task, sent)
    call.st.tasks[task_id] = task
    call.store.touch("tasks")
    system_log(call, lead, "CreateTask", {"taskType": task["type"], "taskContent": task["content"]}, ref=task_id)
    touched(call, lead)
    return {"taskId": task_id}


@handler("list_tasks")
def list_tasks(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    return {
        "taskList": sorted(_for_lead(call.st.tasks.values(), lead["leadId"]), key=lambda t: t.get("deadline") or "")
    }


@handler("get_task")
def get_task(call: Call) -> Any:
    return {"task": _task_of(call)[1]}


@handler("update_task")
def update_task(call: Call) -> Any:
    lead, task = _task_of(call)
    sent = call.fields()
    if sent.get("leadId") is not None and sent["leadId"] != task["leadId"]:
        raise bad("INVALID_UPDATE_OPERATION_LEADID: leadId does not match the task's lead")
    if sent.get("finishFlag"):  # the published API: completes the task, other fields ignored
        task.update(finishFlag=True, finishTime=fmt(call.now), overdueFlag=False, lastUpdate=fmt(call.now))
    else:
        _task_fields(call, lead, task, sent)
    call.store.touch("tasks")
    touched(call, lead)
    return EMPTY


@handler("delete_task")
def delete_task(call: Call) -> Any:
    lead, task = _task_of(call)
    del call.st.tasks[task["id"]]
    call.store.touch("tasks")
    system_log(call, lead, "DeleteTask", {"taskType": task["type"], "taskContent": task["content"]}, ref=task["id"])
    touched(call, lead)
    return EMPTY


# -- team features ----------------------------------------------------------------------------


@handler("get_lead_pond")
def get_lead_pond(call: Call) -> Any:
    pond = call.st.lead_ponds.get(call.p("id"))
    if pond is None:
        raise missing("Lead pond", call.p("id"))
    return pond


@handler("list_lead_ponds")
def list_lead_ponds(call: Call) -> Any:
    return list(call.st.lead_ponds.values())


@handler("create_custom_field")
def create_custom_field(call: Call) -> Any:
    sent = call.fields()
    name = sent["attributeName"].strip()
    if not name:
        raise bad("attributeName: must not be blank")
    if sent["attributeType"] not in CUSTOM_FIELD_TYPES:
        raise bad(f"attributeType: must be one of {', '.join(sorted(CUSTOM_FIELD_TYPES))}")
    if any(f["attributeName"].lower() == name.lower() for f in call.st.custom_fields):
        raise bad(f"attributeName: a custom field named {name!r} already exists")
    call.st.custom_fields.append(
        {
            "attributeName": name,
            "attributeType": sent["attributeType"],
            "value": None,
            "params": sent.get("params"),
        }
    )
    call.store.touch("custom_fields")
    return "success"


@handler("list_custom_fields")
def list_custom_fields(call: Call) -> Any:
    return call.st.custom_fields


@handler("list_tags")
def list_tags(call: Call) -> Any:
    return list(call.st.tags.values())


# -- webhooks ---------------------------------------------------------------------------------


@handler("create_webhook")
def create_webhook(call: Call) -> Any:
    sent = call.fields()
    if not sent["callbackUrl"].startswith("https://"):
        raise bad("callbackUrl: must be an https:// URL")
    hook_id = call.store.new_id()
    hook = {
        "subscribeId": hook_id,
        "teamId": call.st.team_id,
        "listId": sent["listId"],
        "vendorId": 0,
        "callbackUrl": sent["callbackUrl"],
        "limit": sent.get("limit") or 100,
        "permissionMode": 0,
    }
    call.st.webhooks[hook_id] = hook
    call.store.touch("webhooks")
    return hook


@handler("delete_webhook")
def delete_webhook(call: Call) -> Any:
    if call.st.webhooks.pop(call.p("subscribeId"), None) is None:
        raise missing("Webhook subscription", call.p("subscribeId"))
    call.store.touch("webhooks")
    return EMPTY


@handler("list_webhooks")
def list_webhooks(call: Call) -> Any:
    return list(call.st.webhooks.values())


# -- admin ------------------------------------------------------------------------------------


@handler("get_organization")
def get_organization(call: Call) -> Any:
    return call.st.org


@handler("create_broker_team")
def create_broker_team(call: Call) -> Any:
    sent = call.fields()
    if any(t["teamName"].lower() == sent["teamName"].lower() for t in call.store.broker_teams.values()):
        raise bad(f"teamName: a team named {sent['teamName']!r} already exists")
    team_id = call.store.new_id()
    call.store.broker_teams[team_id] = {**sent, "teamId": team_id, "createTime": fmt(call.now)}
    call.store.touch("broker_teams")
    # The reference documents a bare string; the new team's id rides along so it can be deleted.
    return {"code": 0, "message": "success", "teamId": team_id}


@handler("delete_broker_team")
def delete_broker_team(call: Call) -> Any:
    if call.store.broker_teams.pop(call.p("id"), None) is None:
        raise missing("Broker team", call.p("id"))
    call.store.touch("broker_teams")
    return "success"


# -- listings ---------------------------------------------------------------------------------


@handler("search_listings")
def search_listings(call: Call) -> Any:
    listings: list[Record] = call.st.listings
    wanted = set(_csv(call.p("mlsListingIds")))
    street = (call.p("street") or "").strip().lower()
    found = [
        item
        for item in listings
        if (not wanted or str(item.get("listingId")).lower() in wanted)
        and (not street or street in (item.get("streetAddress") or "").lower())
    ]
    active = [item for item in found if item.get("listingStatus") != "Sold"]
    sold = [item for item in found if item.get("listingStatus") == "Sold"]
    limit = call.p("limit") or 25
    try:
        offset = int(call.p("nextPageKey") or call.p("listingId") or 0)
    except ValueError:
        raise bad("nextPageKey: not a key this search returned") from None
    chunk = active[offset : offset + limit]
    metadata: Record = {
        "collection": "listings",
        "limit": limit,
        "total": len(found),
        "activeTotal": len(active),
        "soldTotal": len(sold),
    }
    if offset + len(chunk) < len(active):
        metadata["nextPageKey"] = str(offset + len(chunk))
    # The live API sends `_listingMetadata`; the published document calls it `get_listingMetadata`.
    return {
        "listIng": {"listings": chunk},
        "soldListing": {"listings": sold[:limit]},
        "_listingMetadata": metadata,
    }


# -- logs -------------------------------------------------------------------------------------


def _log_of(call: Call) -> Record:
    record = call.st.logs.get(call.p("logTypeId"))
    if record is None:
        raise missing("Log", call.p("logTypeId"))
    return record  # type: ignore[no-any-return]


@handler("log_communication")
def log_communication(call: Call) -> Any:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    kind = LOG_KINDS[sent["logType"]]
    author = me(call)
    log_id = call.store.new_id()
    record: Record = {
        "id": log_id,
        "leadId": lead["leadId"],
        "leadPhoneNumber": sent.get("leadPhoneNumber") if kind == "Call" else None,
        "callingOutcome": sent.get("callingOutcome") if kind == "Call" else None,
        "content": sent["content"][:5000],
        "createTime": fmt(call.now),
        "outboundOrInbound": sent.get("outboundOrInbound") or "outbound",
        "isPin": bool(sent.get("isPin")),
        "agentId": author["id"],
        "emailSubject": None,
        "toEmail": (lead.get("emails") or [None])[0] if kind == "Email" else None,
        "fromEmail": author.get("email") if kind == "Email" else None,
        "logType": kind,
    }
    call.st.logs[log_id] = record
    call.store.touch("logs")
    lead["lastTouch"] = fmt(call.now)
    touched(call, lead)
    return {"logType": public("logs", record)}


@handler("list_logs")
def list_logs(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    kind = LOG_KINDS[call.p("logType")]
    records = [r for r in _for_lead(call.st.logs.values(), lead["leadId"]) if r.get("logType") == kind]
    records = _desc_by(records, "createTime")
    return {"logType": [public("logs", r) for r in page(records, call.p("offset"), call.p("limit"))]}


@handler("get_log")
def get_log(call: Call) -> Any:
    return {"logType": public("logs", _log_of(call))}


@handler("delete_log")
def delete_log(call: Call) -> Any:
    record = _log_of(call)
    del call.st.logs[record["id"]]
    call.store.touch("logs")
    return EMPTY


@handler("list_system_logs")
def list_system_logs(call: Call) -> Any:
    lead = lead_of(call, call.p("leadId"))
    start, end = call.p("startTime"), call.p("endTime")
    low = iso(sent_time(start, "startTime")) if start is not None and start >= 0 else ""
    high = iso(sent_time(end, "endTime")) if end is not None and end >= 0 else "~"
    entries = [e for e in _for_lead(call.st.system_logs.values(), lead["leadId"]) if low <= e["timelineTime"] <= high]
    entries = _desc_by(entries, "timelineTime")  # newest first, as documented
    size, number = call.p("pageSize") or 100, call.p("pageNumber") or 0
    chunk = [public("system_logs", e) for e in entries[number * size : (number + 1) * size]]
    return {"hasMore": int((number + 1) * size < len(entries)), "timeLines": chunk}
