"""Toolset `lead_details`: a lead's website activities, inquiry (what they look for) and properties.

`save_inquiry`, `check_property` and `save_property` also serve the lead bodies of create_lead and
update_lead, which may carry an inquiry and a property.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final
from zoneinfo import ZoneInfo

from chime_mcp.chime.catalog import lead_details
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import LEAD_PROPERTY_NOT_EXIST, PROPERTY_ADDRESS_EMPTY, bad
from chime_mcp.sandbox.handlers.records import lead_of, me, page, sent_time, touched
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record

ACTIVITY_PAGE: Final = 100
"""Activities per `curPage`."""
COMMUNICATION_PAGE: Final = 10
"""v2 communications per page when no limit is given (the document's default)."""

_INQUIRY_KEYS: Final = frozenset(
    {"bathroomsMax", "bathroomsMin", "bedroomsMax", "bedroomsMin", "createTime", "defaultValue", "id",
     "leadUserId", "locations", "modifyByAgent", "priceMax", "priceMin", "propertyType", "updateTime"}
)  # fmt: skip
"""The keys of an inquiry on the wire (the published LeadInquiry, which the request model is too)."""

_ADDRESS: Final = ("city", "state", "zipCode", "streetAddress")


# -- activities -------------------------------------------------------------------------------


@handler(lead_details.LIST_LEAD_ACTIVITIES)
def list_lead_activities(call: Call) -> list[Record]:
    lead = lead_of(call, call.integer("leadId"))
    activities = call.st.activities.get(lead["leadId"], [])
    return page(activities, call.integer_or_default("curPage") * ACTIVITY_PAGE, ACTIVITY_PAGE)


@handler(lead_details.ADD_LEAD_ACTIVITY)
def add_lead_activity(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    activity = call.fields()
    activities = call.st.activities.setdefault(lead["leadId"], [])
    activities.append({"listing": None, "scheduledDate": None, "pageName": None, **activity})
    activities.sort(key=lambda a: -int(a["created"]))
    visit = wire_time(sent_time(activity["created"], "created"))
    if (lead.get("lastVisit") or "") < visit:
        lead["lastVisit"] = visit
    call.store.touch("activities")
    touched(call, lead)
    return {"leadId": lead["leadId"]}


# -- communications (v2) ----------------------------------------------------------------------


def _activity_time(wire: str, zone: ZoneInfo) -> str:
    """A `yyyy-MM-dd HH:mm:ss` (UTC) time as ISO 8601 in the caller's time zone, as v2 answers it."""
    moment = datetime.strptime(wire, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return moment.astimezone(zone).isoformat()


def lead_communications(call: Call, lead_id: int) -> list[Record]:
    """The lead's calls, texts and emails (auto, manual) and logged entries, oldest first."""
    st = call.st
    entries: list[tuple[str, Record]] = []
    for c in st.calls.values():
        if c.get("leadId") == lead_id:
            fields = {"channel": "Call", "communicationType": "Manual", "callingOutcome": c.get("callingOutcome")}
            fields |= {"leadPhoneNumber": c.get("leadPhoneNumber"), "agentId": c.get("userId")}
            entries.append((c["startTime"], {**fields, "id": c["id"], "direction": c.get("direction")}))
    for t in st.texts.values():
        if t.get("leadId") == lead_id:
            fields = {"channel": "Text", "communicationType": t.get("textType"), "direction": t.get("direction")}
            entries.append((t["textTime"], {**fields, "id": t["id"], "agentId": t.get("agentId")}))
    for e in st.emails.values():
        if e.get("leadId") == lead_id:
            fields = {"channel": "Email", "communicationType": e.get("emailType"), "direction": e.get("direction")}
            fields |= {"emailEventType": e.get("eventType"), "emailSubject": e.get("emailSubject")}
            entries.append((e["emailEventTime"], {**fields, "id": e["id"], "agentId": e.get("agentId")}))
    for g in st.logs.values():
        if g.get("leadId") == lead_id:
            fields = {"channel": g["logType"], "communicationType": "Logged", "note": g.get("content")}
            fields |= {"direction": str(g.get("outboundOrInbound") or "").title() or None, "agentId": g.get("agentId")}
            fields |= {"callingOutcome": g.get("callingOutcome"), "leadPhoneNumber": g.get("leadPhoneNumber")}
            entries.append((g["createTime"], {**fields, "id": g["id"], "emailSubject": g.get("emailSubject")}))
    entries.sort(key=lambda entry: (entry[0], entry[1]["id"]))
    try:
        zone = ZoneInfo(me(call).get("timeZoneId") or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    found = []
    for wire, fields in entries:
        item = {"leadId": lead_id, "activityTime": _activity_time(wire, zone), **fields}
        found.append({k: v for k, v in item.items() if v is not None})
    return found


@handler(lead_details.LIST_LEAD_COMMUNICATIONS)
def list_lead_communications(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    items = lead_communications(call, lead["leadId"])
    offset = call.integer("offset") or 0
    if offset < 0:
        raise bad("offset: must be at least 0")
    return {"activities": page(items, offset, call.integer("limit") or COMMUNICATION_PAGE)}


# -- inquiry ----------------------------------------------------------------------------------


def _wire_inquiry(sent: Record) -> Record:
    """An inquiry body as the inquiry record keeps it: its published keys only."""
    return {k: v for k, v in sent.items() if k in _INQUIRY_KEYS}


def save_inquiry(call: Call, lead: Record, sent: Record) -> None:
    """Update the lead's inquiry with the same id, or add one; it becomes the lead's `leadInquiry`."""
    inquiry = _wire_inquiry(sent)
    inquiries = call.st.inquiries.setdefault(lead["leadId"], [])
    stamp = wire_time(call.now)
    existing = next((i for i in inquiries if inquiry.get("id") and i.get("id") == inquiry["id"]), None)
    if existing is not None:
        existing.update(inquiry, updateTime=stamp)
        saved = existing
    else:
        fresh = {"id": call.store.new_id(), "leadUserId": lead["leadUserId"], "createTime": stamp, "updateTime": stamp}
        saved = {**inquiry, **fresh}
        inquiries.append(saved)
    lead["leadInquiry"] = saved
    call.store.touch("inquiries")


@handler(lead_details.ADD_LEAD_INQUIRY)
def add_lead_inquiry(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    save_inquiry(call, lead, call.fields())
    touched(call, lead)
    return {"leadId": lead["leadId"]}


# -- properties -------------------------------------------------------------------------------


def check_property(call: Call, lead: Record, prop: Record) -> Record | None:
    """The lead's property this body updates (by id, else by the same address); None: a new one."""
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


def save_property(call: Call, lead: Record, prop: Record) -> None:
    existing = check_property(call, lead, prop)
    if existing is not None:
        existing.update({k: v for k, v in prop.items() if k != "id"})
    else:
        record = {**prop, "id": call.store.new_id(), "leadUserId": lead["leadUserId"]}
        call.st.properties.setdefault(lead["leadId"], []).append(record)
    lead["leadPropertyList"] = list(call.st.properties[lead["leadId"]])
    call.store.touch("properties")


@handler(lead_details.ADD_LEAD_PROPERTY)
def add_lead_property(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    save_property(call, lead, call.fields())
    touched(call, lead)
    return {"leadId": lead["leadId"]}
