"""Lead routing: rules, the default rule, routing members and roles."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.operation import Body, Effect, Operation, Param


def routing_type() -> Param:
    return Param(
        name="type",
        location="path",
        annotation=m.RoutingType,
        required=True,
        description="1 agent, 2 lender, 4 assistant",
    )


def role_id() -> Param:
    return Param(
        name="roleId", location="query", annotation=int, description="Routing role; needed when type is 4", default=-1
    )


LIST_ROUTING_MEMBERS: Final = Operation(
    tool="list_routing_members",
    method="GET",
    path="/v1.0/routing/member/list/{type}",
    title="List routing members",
    description="Members that leads of a routing type can be assigned to.",
    toolset="routing",
    effect=Effect.READ,
    result=list[m.AssignMember],
    params=(routing_type(), role_id()),
)

LIST_ROUTING_ROLES: Final = Operation(
    tool="list_routing_roles",
    method="GET",
    path="/v1.0/routing/role/list",
    title="List routing roles",
    description="Roles used by assistant routing (type 4).",
    toolset="routing",
    effect=Effect.READ,
    result=list[m.AssignRole],
)

LIST_ROUTING_RULES: Final = Operation(
    tool="list_routing_rules",
    method="GET",
    path="/v1.0/routing/rule/list/{type}",
    title="List routing rules",
    description="Lead routing rules of a routing type.",
    toolset="routing",
    effect=Effect.READ,
    result=list[m.RoutingRule],
    params=(routing_type(), role_id()),
)

GET_DEFAULT_ROUTING_RULE: Final = Operation(
    tool="get_default_routing_rule",
    method="GET",
    path="/v1.0/routing/rule/supplement/{type}",
    title="Get default routing rule",
    description="The rule for leads no routing rule matches.",
    toolset="routing",
    effect=Effect.READ,
    result=m.SupplementRoutingRule,
    params=(routing_type(), role_id()),
)

UPDATE_DEFAULT_ROUTING_RULE: Final = Operation(
    tool="update_default_routing_rule",
    method="PUT",
    path="/v1.0/routing/rule/supplement/{type}",
    title="Update default routing rule",
    description="Change who gets leads no routing rule matches.",
    toolset="routing",
    effect=Effect.REASSIGN,
    result=m.Ack,
    params=(routing_type(),),
    body=Body(name="supplementRoutingRule", model=m.SupplementRoutingRuleRequest),
)

UPDATE_ROUTING_RULE: Final = Operation(
    tool="update_routing_rule",
    method="PUT",
    path="/v1.0/routing/rule/{type}",
    title="Update routing rule",
    description="Change a routing rule's strategy or active hours.",
    toolset="routing",
    effect=Effect.REASSIGN,
    result=m.Ack,
    params=(routing_type(),),
    body=Body(name="routingRule", model=m.RoutingRuleRequest),
)

PREVIEW_ROUTING: Final = Operation(
    tool="preview_routing",
    method="POST",
    path="/v1.0/leads/assignee",
    title="Preview routing",
    description="Who routing would assign a new lead with these fields to (changes nothing).",
    toolset="routing",
    # A read sent as POST: offered in read-only mode and retried as safe.
    effect=Effect.READ,
    result=list[m.LeadCustomRoleAssigneeInfo],
    body=Body(name="lead", model=m.LeadAssigneeRequest),
)
