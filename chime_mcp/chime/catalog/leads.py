"""Leads: create, search, read, change, trash and assign leads."""

from __future__ import annotations

from typing import Final, Literal

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, LeadLimit, Offset, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

LeadSort = Literal[
    "Default",
    "LastContact",
    "LastCall",
    "LastEmail",
    "LastActivity",
    "CreateTime",
    "Inquries",
    "DeleteTime",
    "AssignTime",
    "Score",
    "Activity",
    "Communication",
    "HasDrip",
    "HasAlert",
    "Task",
    "Lender",
    "ActivitySearch",
    "ActivityViews",
    "ActivityFavorites",
    "DripStatus",
    "DripOpenRate",
    "AlertFrequency",
    "AlertOpenRate",
    "SCOREV2",
    "SmartPlanStatus",
]
LEAD_FILTERS: Final[tuple[Param, ...]] = (
    Param(name="stage", location="query", annotation=str, description="Pipeline stage name"),
    Param(name="source", location="query", annotation=str, description="Lead source name"),
    Param(name="email", location="query", annotation=str, description="Exact email"),
    Param(name="phone", location="query", annotation=str, description="Exact phone, digits"),
    Param(name="allTags", location="query", annotation=str, description="Comma-separated tags, all must match"),
    Param(name="anyTags", location="query", annotation=str, description="Comma-separated tags, any may match"),
    Param(name="groups", location="query", annotation=str, description="Comma-separated group names"),
    Param(name="contacted", location="query", annotation=bool),
    Param(name="scrollId", location="query", annotation=str),
)
"""The filters every lead search takes."""

LEAD_PAGE: Final[tuple[Param, ...]] = (
    Param(name="limit", location="query", annotation=LeadLimit, default=25),
    Param(name="offset", location="query", annotation=Offset),
)
"""A page of leads."""


LEAD_NESTED: Final = ("inquiry", "property", "leadTransaction", "leadFamilyMemberList", "customAttributeList")
"""Nested bodies left out of create_lead and update_lead, to keep the everyday tools small: inquiry,
property and transaction have their own tools; family members and custom attributes are rare."""


LEAD_RENAMED: Final = {
    "leadType": "use leadTypes, a list of lead type ids (e.g. [2]; buyer and seller: [1, 2])",
    "isPrivate": "the published API has no such field; say it in a note (add_note) if it matters",
}
"""The reference's lead fields the published document does not take (see models.leads `# wire:`)."""


CREATE_LEAD: Final = Operation(
    tool="create_lead",
    method="POST",
    path="/v1.0/leads",
    title="Create lead",
    description="Create a lead. Search by email and phone first to avoid duplicates. "
    "Unassigned leads are routed by the team's rules.",
    toolset="leads",
    effect=Effect.WRITE,
    result=m.LeadId,
    body=Body(
        name="lead",
        model=m.LeadRequest,
        tool_hidden=(*LEAD_NESTED, "defaultInquiryParam"),
        renamed=LEAD_RENAMED,
    ),
    omitted={
        "hideVendorId": "The reference documents it as a second body parameter beside the lead, "
        "which one JSON body cannot carry; the published API has no such parameter anywhere.",
    },
)

SEARCH_LEADS: Final = Operation(
    tool="search_leads",
    method="GET",
    path="/v1.0/leads",
    title="Search leads",
    description="Find leads by name, phone or email (query) or by filters.",
    toolset="leads",
    effect=Effect.READ,
    result=m.LeadListResponse,
    params=(
        Param(
            name="key",
            location="query",
            annotation=str,
            description="Part of a name, phone or email",
            beyond_reference=True,
            tool_name="query",
        ),
        *LEAD_FILTERS,
        Param(name="assignedUserId", location="query", annotation=Id, description="Assigned agent's user id"),
        Param(name="groupIds", location="query", annotation=Id),
        Param(name="querySubGroup", location="query", annotation=bool, description="Include sub-groups"),
        Param(name="sort", location="query", annotation=LeadSort),
        Param(name="desc", location="query", annotation=bool, description="Sort descending"),
        Param(
            name="returnFields",
            location="query",
            annotation=str,
            description="Comma-separated fields to return",
            beyond_reference=True,
        ),
        *LEAD_PAGE,
    ),
    pagination="scroll",
)

GET_LEAD: Final = Operation(
    tool="get_lead",
    method="GET",
    path="/v1.0/leads/{leadId}",
    title="Get lead",
    description="One lead's profile.",
    toolset="leads",
    effect=Effect.READ,
    result=m.LeadResponse,
    params=(
        lead_id(location="path"),
        Param(
            name="withTrash",
            location="query",
            annotation=bool,
            description="Also find trashed leads",
            beyond_reference=True,
        ),
    ),
    unwrap=("lead",),
)

UPDATE_LEAD: Final = Operation(
    tool="update_lead",
    method="PUT",
    path="/v1.0/leads/{leadId}",
    title="Update lead",
    description="Change a lead's fields; only the fields given change.",
    toolset="leads",
    effect=Effect.OVERWRITE,
    result=m.LeadId,
    params=(lead_id(location="path"),),
    body=Body(
        name="request",
        model=m.EditLeadRequest,
        tool_hidden=LEAD_NESTED,
        renamed=LEAD_RENAMED,
    ),
)

DELETE_LEAD: Final = Operation(
    tool="delete_lead",
    method="DELETE",
    path="/v1.0/leads/{leadId}",
    title="Delete lead",
    description="Move a lead to trash.",
    toolset="leads",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(
        lead_id(location="path"),
        Param(name="reason", location="query", annotation=str, required=True, description="Why it is trashed"),
    ),
)

ASSIGN_LEAD: Final = Operation(
    tool="assign_lead",
    method="POST",
    path="/v1.0/leads/{leadId}/assignment",
    title="Assign lead",
    description="Set who works a lead, by role.",
    toolset="leads",
    effect=Effect.OVERWRITE,
    result=m.LeadId,
    params=(lead_id(location="path"),),
    body=Body(name="assigneeRequest", model=m.LeadAssigineeRequest, is_list=True),
)
