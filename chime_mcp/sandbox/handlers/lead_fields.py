"""Applying a lead body (LeadRequest on create, EditLeadRequest on update) to a lead record.

`apply_lead_fields` runs one small step per kind of field, in a fixed order, and returns the
names of the plain fields it changed (what the EditLeadInfo system log lists). Tags sent by
name become the lead's tag records (an unknown name becomes a team tag, as in the CRM); the
stage gets the id the state keeps for its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from chime_mcp.chime.limits import NAME_LIMIT, STAGE_LIMIT, TAG_LIMIT
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.lead_details import save_inquiry, save_property
from chime_mcp.sandbox.handlers.registry import Call
from chime_mcp.sandbox.handlers.system_log import system_log
from chime_mcp.sandbox.handlers.transactions import new_transaction
from chime_mcp.sandbox.store import Record

_PLAIN: Final = (
    "birthday", "buyHouse", "buyingTimeFrame", "city", "emails", "fthb", "houseToSell", "mortgage",
    "phones", "preQual", "referredBy", "sellingTimeFrame", "source", "state", "streetAddress",
    "unsubscription", "withBuyerAgent", "withListingAgent", "zipCode",
)  # fmt: skip
"""Fields copied as sent."""

Step = Callable[[Call, Record, Record], list[str]]
"""One kind of field: applies what `sent` has of it to the lead, returns the names changed."""


# -- tags and stages --------------------------------------------------------------------------


def _team_tag(call: Call, name: str) -> Record:
    """The team's tag of this name (any case), created when there is none."""
    tag = next((t for t in call.st.tags.values() if t["tagName"].lower() == name.lower()), None)
    if tag is not None:
        return tag
    tag_id = call.store.new_id()
    stamp = wire_time(call.now)
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
    return tag


def _lead_tag(call: Call, lead_id: int, name: str) -> Record:
    """A tag as a lead carries it: the team tag, stamped for this lead."""
    tag = _team_tag(call, name[:TAG_LIMIT])
    stamp = wire_time(call.now)
    return {**tag, "leadId": lead_id, "createTime": stamp, "updateTime": stamp, "creatorUserId": call.st.me_id}


def stage_id(call: Call, stage: str) -> int:
    """The id of a stage name, given one on first use."""
    stage_ids = call.st.stage_ids
    if stage not in stage_ids:
        stage_ids[stage] = call.store.new_id()
        call.store.touch("stage_ids")
    return stage_ids[stage]


def set_stage(call: Call, lead: Record, stage: str) -> None:
    """Move the lead to `stage`, with a TeamStageChange system log; nothing if it is there."""
    stage = stage[:STAGE_LIMIT]
    previous = lead.get("stage")
    if stage == previous:
        return
    lead["stage"], lead["stageId"] = stage, stage_id(call, stage)
    content = {"fromStageName": previous, "toStageName": stage}
    system_log(call, lead, "TeamStageChange", content, to=(lead["stageId"], 3, None, None))


# -- the steps --------------------------------------------------------------------------------


def _names(call: Call, lead: Record, sent: Record) -> list[str]:
    changed: list[str] = [name for name in ("firstName", "lastName") if name in sent]
    for name in changed:
        lead[name] = (sent[name] or "")[:NAME_LIMIT] or None
    return changed


def _plain(call: Call, lead: Record, sent: Record) -> list[str]:
    changed: list[str] = [name for name in _PLAIN if name in sent]
    lead.update({name: sent[name] for name in changed})
    if "phones" in sent:
        lead["phoneStatuses"] = [2] * len(sent["phones"] or [])
    return changed


def _groups(call: Call, lead: Record, sent: Record) -> list[str]:
    if "groups" not in sent:
        return []
    lead["groups"] = [g[:NAME_LIMIT] for g in sent["groups"] or []]
    lead["segments"] = list(lead["groups"])
    return ["groups"]


def _lead_types(call: Call, lead: Record, sent: Record) -> list[str]:
    if "leadTypes" not in sent:
        return []
    lead["leadTypes"] = list(dict.fromkeys(sent["leadTypes"] or [])) or [-1]
    return ["leadTypes"]


def _tags(call: Call, lead: Record, sent: Record) -> list[str]:
    if "tags" not in sent:
        return []
    lead["tags"] = [_lead_tag(call, lead["leadId"], name) for name in dict.fromkeys(sent["tags"] or [])]
    return ["tags"]


def _tags_add(call: Call, lead: Record, sent: Record) -> list[str]:
    if not sent.get("tagsAdd"):
        return []
    have = {t["tagName"].lower() for t in lead.get("tags") or []}
    added = [
        _lead_tag(call, lead["leadId"], name) for name in dict.fromkeys(sent["tagsAdd"]) if name.lower() not in have
    ]
    lead["tags"] = [*(lead.get("tags") or []), *added]
    return ["tags"]


def _custom_attributes(call: Call, lead: Record, sent: Record) -> list[str]:
    if "customAttributeList" not in sent:
        return []
    values = {a["attributeName"]: a for a in lead.get("customAttributes") or []}
    for attribute in sent["customAttributeList"] or []:
        values[attribute["attributeName"]] = {"params": None, **attribute}
    lead["customAttributes"] = list(values.values())
    return ["customAttributes"]


def _family(call: Call, lead: Record, sent: Record) -> list[str]:
    if "leadFamilyMemberList" not in sent:
        return []
    lead["leadFamilyMemberList"] = sent["leadFamilyMemberList"]
    return ["leadFamilyMemberList"]


def _nested(call: Call, lead: Record, sent: Record) -> list[str]:
    """The nested bodies: each saved as its own record, none listed as a changed field."""
    if sent.get("inquiry"):
        save_inquiry(call, lead, sent["inquiry"])
    if sent.get("property"):
        save_property(call, lead, sent["property"])
    if sent.get("leadTransaction"):
        new_transaction(call, lead, sent["leadTransaction"])
    return []


STEPS: Final[tuple[Step, ...]] = (
    _names,
    _plain,
    _groups,
    _lead_types,
    _tags,
    _tags_add,
    _custom_attributes,
    _family,
    _nested,
)


def apply_lead_fields(call: Call, lead: Record, sent: Record) -> list[str]:
    """Apply the fields of a LeadRequest/EditLeadRequest; returns the names of plain fields changed."""
    return [name for step in STEPS for name in step(call, lead, sent)]
