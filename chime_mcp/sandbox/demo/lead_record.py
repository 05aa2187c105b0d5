"""The lead record itself (LeadResponse), assembled from its parts in wire order.

The draws some fields still make (birthday, score, zip code, ...) happen in the order of the
record's keys, as the parts are called in that order.
"""

from __future__ import annotations

from typing import NamedTuple

from chime_mcp.sandbox.demo.builder import Builder, full_name
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.vocabulary import FIRST_NAMES, LANGUAGES, LAST_NAMES, TIMEFRAMES


class LeadParts(NamedTuple):
    """What the lead record is made of beyond its profile (built before it, in this order)."""

    inquiries: list[Record]
    properties: list[Record]
    custom: list[Record]
    tags: list[Record]
    segments: list[str]
    family: list[Record]
    phone_status: int
    dnc: bool
    opportunity: str | None
    touch_ts: int
    activity_ts: int
    last_update: int


def lead_record(b: Builder, info: LeadInfo, parts: LeadParts) -> Record:
    return {
        "cannotText": parts.dnc,
        "cannotCall": parts.dnc,
        "cannotEmail": False,
        **_identity(b, info),
        **_pipeline(b, info, parts),
        **_address(b, info),
        **_origin(b, info),
        **_engagement(b, info, parts),
        **_questionnaire(b, info, parts),
        **_pond_and_roles(b, info),
    }


def _identity(b: Builder, info: LeadInfo) -> Record:
    return {
        "leadId": info.lead_id,
        "leadUserId": info.lead_user_id,
        "firstName": info.first,
        "lastName": info.last,
        "birthday": "Jun 5, 1991" if info.bob else (b.birthday() if b.rand() < 0.35 else None),
        "emails": info.emails,
        "phones": info.phones,
    }


def _pipeline(b: Builder, info: LeadInfo, parts: LeadParts) -> Record:
    st = b.state
    agent, lender = info.agent, info.lender
    return {
        "leadSource": st.source_ids[info.source],
        "source": info.source,
        "stageId": st.stage_ids[info.stage],
        "stage": info.stage,
        "assignedUserId": agent["id"] if agent else None,
        "assignedUser": full_name(agent) if agent else None,
        "lenderUserId": lender["id"] if lender else None,
        "score": min(100, info.depth * 12 + b.rr(0, 30)),
        "tags": parts.tags,
        "teamId": st.team_id,
    }


def _address(b: Builder, info: LeadInfo) -> Record:
    city, state_code, _county, zips = info.place.home
    return {
        "streetAddress": info.place.street,
        "city": city,
        "state": state_code,
        "zipCode": b.pick(zips),
    }


def _origin(b: Builder, info: LeadInfo) -> Record:
    first, last, source = info.first, info.last, info.source
    return {
        "createTime": b.fmt(info.created),
        "assignTime": b.fmt(info.assign_time) if info.agent else None,
        "facebook": f"facebook.com/{first.lower()}.{last.lower()}" if b.rand() < 0.08 else None,
        "twitter": None,
        "hiddenFlag": False,
        "referredBy": full_name(b.pick(b.agents))
        if source == "Referral" and b.rand() < 0.3
        else (f"{b.pick(FIRST_NAMES)} {b.pick(LAST_NAMES)}" if source == "Referral" else None),
    }


def _engagement(b: Builder, info: LeadInfo, parts: LeadParts) -> Record:
    created = info.created
    return {
        "leadInquiry": parts.inquiries[-1] if parts.inquiries else None,
        "leadPropertyList": parts.properties,
        "customAttributes": parts.custom,
        "lastUpdateTime": b.fmt(parts.last_update),
        "groups": parts.segments,
        "segments": list(parts.segments),
        "unsubscription": info.stage == "Archived" and b.rand() < 0.3,
        "leadTypes": info.lead_types,
        "lastTouch": b.fmt(parts.touch_ts) if parts.touch_ts > created else None,
        "lastVisit": b.fmt(parts.activity_ts) if parts.activity_ts > created else None,
        "phoneStatuses": [parts.phone_status] * len(info.phones),
        "assignCompletionStatus": info.agent is not None,
    }


def _questionnaire(b: Builder, info: LeadInfo, parts: LeadParts) -> Record:
    buyer, seller, tag_names = info.buyer, info.seller, info.tag_names
    return {
        "buyingTimeFrame": b.pick(TIMEFRAMES) if buyer else None,
        "preQual": ("Yes" if info.lender or "Pre-approved" in tag_names else "No") if buyer else None,
        "houseToSell": "Yes" if seller else "No",
        "fthb": "Yes" if "First-time buyer" in tag_names else "No",
        "withBuyerAgent": "No",
        "sellingTimeFrame": b.pick(TIMEFRAMES) if seller else None,
        "mortgage": ("No" if "Cash buyer" in tag_names else "Yes") if buyer else None,
        "buyHouse": "Yes" if buyer else "No",
        "withListingAgent": "No",
        "opportunity": parts.opportunity,
        "leadFamilyMemberList": parts.family,
    }


def _pond_and_roles(b: Builder, info: LeadInfo) -> Record:
    pond = info.pond
    return {
        "pondId": pond["id"] if pond else None,
        "pondName": pond["pondName"] if pond else None,
        "customRoleList": [
            {
                "roleId": b.isa_role["id"],
                "role": b.isa_role["name"],
                "assigneeId": b.assistant["id"],
                "assignee": b.assistant["email"],
            }
        ]
        if info.depth <= 2 and b.rand() < 0.3
        else [],
        "language": "English" if info.bob else b.pick(LANGUAGES),
        "ownershipId": b.state.team_id,
        "ownershipScope": "TEAM",
    }
