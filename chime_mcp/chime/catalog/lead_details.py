"""Lead details: website activity, inquiries and properties recorded on a lead."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import HistoryLimit, Offset, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

SERVER_SET: Final = ("id", "createTime", "updateTime", "deleteFlag", "leadUserId", "updateByView", "modifyByAgent")
"""Record fields the server sets; a tool does not offer them."""


LIST_LEAD_ACTIVITIES: Final = Operation(
    tool="list_lead_activities",
    method="GET",
    path="/v1.0/leads/{leadId}/activities",
    title="List lead activities",
    description="A lead's website activity, 100 per page.",
    toolset="lead_details",
    effect=Effect.READ,
    result=list[m.LeadActivity],
    params=(lead_id(location="path"), Param(name="curPage", location="query", annotation=Offset, default=0)),
    pagination="page",
)

ADD_LEAD_ACTIVITY: Final = Operation(
    tool="add_lead_activity",
    method="POST",
    path="/v1.0/leads/{leadId}/activity",
    title="Add lead activity",
    description="Record a website activity on a lead.",
    toolset="lead_details",
    effect=Effect.WRITE,
    result=m.LeadId,
    params=(lead_id(location="path"),),
    body=Body(name="leadActivity", model=m.LeadActivity, tool_hidden=("listing",)),
)

_AS_LOCATIONS: Final = {
    "citys": "city",
    "countys": "county",
    "zipcodes": "zipCode",
    "states": "stateCode",
    "streetAddresses": "streetAddress",
}
_AS_A_NOTE = "the published API has no such field; record it with add_note so it is not lost"
INQUIRY_RENAMED: Final = {
    **{old: f"put each one in locations as {{{key}: ...}}, one place per entry" for old, key in _AS_LOCATIONS.items()},
    **dict.fromkeys(("sizeMin", "sizeMax", "buyerRequest", "address"), _AS_A_NOTE),
}
"""The reference's inquiry fields the published LeadInquiry does not take, and what to do instead."""

ADD_LEAD_INQUIRY: Final = Operation(
    tool="add_lead_inquiry",
    method="POST",
    path="/v1.0/leads/{leadId}/inquiry",
    title="Add lead inquiry",
    description="Record what a lead is looking for.",
    toolset="lead_details",
    effect=Effect.WRITE,
    result=m.LeadId,
    params=(lead_id(location="path"),),
    # wire: the body is the OpenAPI document's LeadInquiry (LeadInquiryRequest), not the reference's.
    body=Body(name="inquiry", model=m.LeadInquiryRequest, tool_hidden=SERVER_SET, renamed=INQUIRY_RENAMED),
)

ADD_LEAD_PROPERTY: Final = Operation(
    tool="add_lead_property",
    method="POST",
    path="/v1.0/leads/{leadId}/property",
    title="Add lead property",
    description="Record a property a lead owns or wants.",
    toolset="lead_details",
    effect=Effect.WRITE,
    result=m.LeadId,
    params=(lead_id(location="path"),),
    body=Body(
        name="property",
        model=m.LeadProperty,
        tool_hidden=SERVER_SET,
        # The API refuses a property without a place.
        one_of=("streetAddress", "city", "state", "zipCode"),
    ),
)

LIST_LEAD_COMMUNICATIONS: Final = Operation(
    tool="list_lead_communications",
    method="GET",
    path="/v2.0/leads/{leadId}/activities",
    title="List lead communications",
    description="A lead's calls, texts and emails.",
    toolset="lead_details",
    effect=Effect.READ,
    result=m.ActivityListResponse,
    params=(
        lead_id(location="path"),
        Param(name="offset", location="query", annotation=int),  # no bound in the document
        Param(name="limit", location="query", annotation=HistoryLimit),
    ),
    # Offset pages (currentId, a cursor, would too); no timeZoneCode: the times carry their offset.
)
