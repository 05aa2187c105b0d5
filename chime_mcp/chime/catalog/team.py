"""The team: users, members, the organization, lead ponds, custom fields and tags."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import HistoryLimit, Id, LeadLimit, Offset
from chime_mcp.chime.operation import Body, Effect, Operation, Param

GET_ME: Final = Operation(
    tool="get_me",
    method="GET",
    path="/v1.0/me",
    title="Get me",
    description="The user the credential belongs to.",
    toolset="team",
    effect=Effect.READ,
    result=m.UserResponse,
)

LIST_MEMBERS: Final = Operation(
    tool="list_members",
    method="GET",
    path="/v1.0/members",
    title="List members",
    description="The team's members.",
    toolset="team",
    effect=Effect.READ,
    result=m.MemberListResponse,
    params=(
        Param(name="limit", location="query", annotation=HistoryLimit, default=50),
        Param(name="offset", location="query", annotation=Offset),
    ),
    pagination="offset",
)

GET_MEMBER: Final = Operation(
    tool="get_member",
    method="GET",
    path="/v1.0/members/{account}",
    title="Get member",
    description="A team member by account email.",
    toolset="team",
    effect=Effect.READ,
    result=m.UserResponse,
    params=(Param(name="account", location="path", annotation=str, required=True, description="Account email"),),
)

GET_USER: Final = Operation(
    tool="get_user",
    method="GET",
    path="/v1.0/users/{userId}",
    title="Get user",
    description="A team member by user id.",
    toolset="team",
    effect=Effect.READ,
    result=m.UserResponse,
    params=(Param(name="userId", location="path", annotation=Id, required=True),),
)

UPDATE_USER: Final = Operation(
    tool="update_user",
    method="PUT",
    path="/v1.0/users/{userId}",
    title="Update user",
    description="Change a team member's profile.",
    toolset="team",
    effect=Effect.REASSIGN,
    result=m.Ack,
    params=(Param(name="userId", location="path", annotation=Id, required=True),),
    body=Body(name="userRequest", model=m.UserRequest),
)

GET_LEAD_POND: Final = Operation(
    tool="get_lead_pond",
    method="GET",
    path="/v1.0/team-features/lead-pond/{id}",
    title="Get lead pond",
    description="One shared lead pond.",
    toolset="team",
    effect=Effect.READ,
    result=m.LeadPond,
    params=(Param(name="id", location="path", annotation=Id, required=True),),
)

LIST_LEAD_PONDS: Final = Operation(
    tool="list_lead_ponds",
    method="GET",
    path="/v1.0/team-features/lead-ponds",
    title="List lead ponds",
    description="The team's shared lead ponds.",
    toolset="team",
    effect=Effect.READ,
    result=list[m.LeadPond],
)

CREATE_CUSTOM_FIELD: Final = Operation(
    tool="create_custom_field",
    method="POST",
    path="/v1.0/teamFeatures/custom-field",
    title="Create custom field",
    description="Add a custom lead field to the team.",
    toolset="team",
    effect=Effect.WRITE,
    result=m.Ack,
    # wire: the OpenAPI document requires `value`: CustomAttributeRequest sends it, empty by default.
    body=Body(name="customAttribute", model=m.CustomAttributeRequest),
)

LIST_CUSTOM_FIELDS: Final = Operation(
    tool="list_custom_fields",
    method="GET",
    path="/v1.0/teamFeatures/listCustomField",
    title="List custom fields",
    description="The team's custom lead fields.",
    toolset="team",
    effect=Effect.READ,
    result=list[m.CustomAttribute],
)

LIST_TAGS: Final = Operation(
    tool="list_tags",
    method="GET",
    path="/v1.0/teamFeatures/listTag",
    title="List tags",
    description="The team's lead tags.",
    toolset="team",
    effect=Effect.READ,
    result=list[m.UserLeadTag],
)

GET_ORGANIZATION: Final = Operation(
    tool="get_organization",
    method="GET",
    path="/v1.0/org",
    title="Get organization",
    description="The credential's organization and enterprise.",
    toolset="team",
    effect=Effect.READ,
    result=m.OrganizationInfo,
)

LIST_LEAD_PIPELINES: Final = Operation(
    tool="list_lead_pipelines",
    method="GET",
    path="/v1.0/teamFeatures/lead-pipelines",
    title="List lead pipelines",
    description="The team's pipeline stages: the names a lead's stage takes.",
    toolset="team",
    effect=Effect.READ,
    result=m.PipelineListResponse,
    params=(
        Param(name="name", location="query", annotation=str, description="Part of a stage name"),
        Param(name="currPage", location="query", annotation=Offset, description="Zero-based page", default=0),
        Param(name="pageSize", location="query", annotation=LeadLimit, default=100),
    ),
)

LIST_VENDORS: Final = Operation(
    tool="list_vendors",
    method="GET",
    path="/v1.0/vendor/list",
    title="List vendors",
    description="The team's vendor directory.",
    toolset="team",
    effect=Effect.READ,
    result=list[m.VendorInfo],
)
