"""Team administration: broker teams; agents (create, tag, deactivate, reactivate), permission
profiles, offices and the company.

Creating or reactivating an agent and changing offices or the company change who works the
team's leads and what they may do: team-wide (`Effect.REASSIGN`), as routing rules are.
Deactivating an agent is `Effect.DESTROY` (it ends their access and takes them out of routing).
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

CREATE_BROKER_TEAM: Final = Operation(
    tool="create_broker_team",
    method="POST",
    path="/v1.0/broker/team",
    title="Create broker team",
    description="Create a team under the broker account.",
    toolset="admin",
    effect=Effect.WRITE,
    result=m.Ack,
    body=Body(name="brokerTeam", model=m.BrokerTeam),
)

DELETE_BROKER_TEAM: Final = Operation(
    tool="delete_broker_team",
    method="DELETE",
    path="/v1.0/broker/team/{id}",
    title="Delete broker team",
    description="Remove a team from the broker account.",
    toolset="admin",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(Param(name="id", location="path", annotation=Id, required=True),),
)

CREATE_AGENT: Final = Operation(
    tool="create_agent",
    method="POST",
    path="/v1.0/agent/profile/add",
    title="Create agent",
    description="Add an agent to the team; takes a license seat.",
    toolset="admin",
    effect=Effect.REASSIGN,
    result=m.AddAgentResponse,
    body=Body(
        name="agentProfile",
        model=m.AgentProfile,
        tool_hidden=(
            "workInfo",
            "socialMedias",
            "personalPhotos",
            "hasBackOffice",
            "agentPid",
            "fullSync",
            "shouldSync",
            "checkRosterNum",
        ),
        tool_types={"accountInfo": m.NewAgentAccount},
    ),
)

ADD_AGENT_TAGS: Final = Operation(
    tool="add_agent_tags",
    method="POST",
    path="/v1.0/agent/{agentId}/tag/add",
    title="Add agent tags",
    description="Tag an agent.",
    toolset="admin",
    effect=Effect.WRITE,
    result=m.AddAgentTagResponse,
    params=(Param(name="agentId", location="path", annotation=Id, required=True),),
    # The model's at-least-one stays with the client's check; the tool shows the upper bound only.
    body=Body(
        name="tags", model=m.AgentTagRequest, tool_types={"tagNames": Annotated[list[str], Field(max_length=20)]}
    ),
)

DEACTIVATE_AGENT: Final = Operation(
    tool="deactivate_agent",
    method="POST",
    path="/v2.0/agents/{agentId}/deactivate",
    title="Deactivate agent",
    description="End an agent's access and routing; their leads stay.",
    toolset="admin",
    effect=Effect.DESTROY,
    result=m.ApiCommonResponse,
    params=(Param(name="agentId", location="path", annotation=Id, required=True),),
)

REACTIVATE_AGENT: Final = Operation(
    tool="reactivate_agent",
    method="POST",
    path="/v2.0/agents/{agentId}/reactivate",
    title="Reactivate agent",
    description="Restore a deactivated agent; takes a seat.",
    toolset="admin",
    effect=Effect.REASSIGN,
    result=m.ApiCommonResponse,
    params=(Param(name="agentId", location="path", annotation=Id, required=True),),
)

LIST_PERMISSION_PROFILES: Final = Operation(
    tool="list_permission_profiles",
    method="GET",
    path="/v1.0/org/permission/profiles",
    title="List permission profiles",
    description="The team's permission role templates.",
    toolset="admin",
    effect=Effect.READ,
    result=list[m.PermissionProfile],
)

_OFFICE_HIDDEN = ("phoneCode", "phoneCountry", "email", "allowManageSub")
"""Left to Python callers (tools stay small): US numbers by default, the contact address,
sub-office management."""

# The document has it this way round: PUT adds an office, POST updates one.
ADD_OFFICE: Final = Operation(
    tool="add_office",
    method="PUT",
    path="/v1.0/org/office",
    title="Add office",
    description="Add an office to the company.",
    toolset="admin",
    effect=Effect.REASSIGN,
    result=m.OrganizationOpResponse,
    body=Body(name="office", model=m.NewOfficeRequest, tool_hidden=("id", "parentId", *_OFFICE_HIDDEN)),
)

UPDATE_OFFICE: Final = Operation(
    tool="update_office",
    method="POST",
    path="/v1.0/org/office",
    title="Update office",
    description="Change an office.",
    toolset="admin",
    effect=Effect.REASSIGN,
    result=m.OrganizationOpResponse,
    body=Body(name="office", model=m.OfficeUpdateRequest, tool_hidden=("parentId", *_OFFICE_HIDDEN)),
)

UPDATE_COMPANY: Final = Operation(
    tool="update_company",
    method="POST",
    path="/v1.0/org/company",
    title="Update company",
    description="Change the company's details.",
    toolset="admin",
    effect=Effect.REASSIGN,
    result=m.OrganizationOpResponse,
    body=Body(name="company", model=m.CompanyRequest, tool_hidden=("phoneCode", "phoneCountry", "email", "header")),
)
