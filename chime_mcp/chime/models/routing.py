"""Lead routing: rules, the default rule, routing members and roles."""

from typing import Annotated, ClassVar

from pydantic import Field

from chime_mcp.chime.models.base import (
    _LEAD_TYPE,
    _MATCH,
    RequestModel,
    ResponseModel,
    SupplementStrategyType,
    WireModel,
)


class ActiveHours(WireModel):
    # Read in answers: no bounds here (an answer never fails on them); ActiveHoursRequest has them.
    activeDays: list[int] | None = Field(default=None, description="Days 1-7")
    hoursEnd: int | None = Field(default=None, description="Hour 0-23")
    hoursStart: int | None = Field(default=None, description="Hour 0-23")


class ActiveHoursRequest(RequestModel):
    definition: ClassVar[str] = "ActiveHours"

    activeDays: list[Annotated[int, Field(ge=1, le=7)]] | None = Field(default=None, description="Days 1-7")
    hoursEnd: int | None = Field(default=None, ge=0, le=23)
    hoursStart: int | None = Field(default=None, ge=0, le=23)


class MemberWeight(WireModel):
    firstName: str | None = Field(default=None, description="Read-only")
    lastName: str | None = Field(default=None, description="Read-only")
    memberId: int | None = None
    weight: int | None = Field(default=None, description="Routing weight")


class MemberWeightRequest(RequestModel):
    # The document's edit takes no names ("edit don't need this param"): member and weight only.
    definition: ClassVar[str] = "MemberWeight"

    memberId: Annotated[int, Field(ge=1)] = Field(description="Member's user ID")
    weight: int | None = Field(default=None, description="Routing weight")


class RoutingStrategy(WireModel):
    groupId: int | None = Field(default=None, description="Lead pond ID; pond strategy only")
    groupName: str | None = Field(default=None, description="Read-only")
    # wire: a list of MemberWeight in the reference, one MemberWeight object in the OpenAPI
    # document; both are read.
    memberWeights: MemberWeight | list[MemberWeight] | None = Field(
        default=None, description="Not for the pond strategy"
    )
    strategyType: int | None = Field(default=None, description="1 Next Up, 2 Blast Alert, 3 Round Robin, 4 Lead Pond")
    touchMinutes: int | None = Field(default=None, description="Minutes to respond; Next Up, Blast Alert")


class RoutingStrategyRequest(RequestModel):
    # wire: the request form of RoutingStrategy: `memberWeights` is one object, as the OpenAPI
    # document defines it; `groupName` is not sent ("Edit method don't need this params").
    definition: ClassVar[str] = "RoutingStrategy"

    groupId: int | None = Field(default=None, description="Lead pond ID; pond strategy only")
    memberWeights: MemberWeightRequest | None = Field(default=None, description="Not for the pond strategy")
    strategyType: int | None = Field(default=None, description="1 Next Up, 2 Blast Alert, 3 Round Robin, 4 Lead Pond")
    touchMinutes: int | None = Field(default=None, description="Minutes to respond; Next Up, Blast Alert")


class LocationRule(ResponseModel):
    city: str | None = None
    county: str | None = None
    locationMatchType: int | None = Field(default=None, description=_MATCH)
    state: str | None = None
    streetAddress: str | None = None
    zipcode: str | None = None


class AssignMember(ResponseModel):
    id: int | None = None
    name: str | None = None
    type: int | None = Field(default=None, description="1 agent, 2 lender, 3 lead pond")


class AssignRole(ResponseModel):
    id: int | None = None
    name: str | None = None


class RoutingRule(ResponseModel):
    activeHours: ActiveHours | None = None
    groupMatchType: int | None = Field(default=None, description=_MATCH)
    groupNames: list[str] | None = None
    id: int | None = None
    # wire: integer in the reference, string in the OpenAPI document.
    leadType: int | str | None = Field(default=None, description=_LEAD_TYPE)
    locationRule: LocationRule | None = None
    name: str | None = None
    phone: str | None = Field(default=None, description="With, Without or empty")
    priceMax: int | None = None
    priceMin: int | None = None
    routingStrategy: RoutingStrategy | None = None
    ruleSwitch: bool | None = Field(default=None, description="Rule is on")
    sourceMatchType: int | None = Field(default=None, description=_MATCH)
    sourceName: str | None = None
    tagMatchType: int | None = Field(default=None, description=_MATCH)
    tagNames: list[str] | None = None
    updateTime: int | None = None


class RoutingRuleRequest(RequestModel):
    activeHours: ActiveHoursRequest | None = None
    # wire: optional in both documents; the API cannot tell which rule to change without it.
    id: int = Field(description="Rule ID")
    routingStrategy: RoutingStrategyRequest | None = None


class SupplementRoutingRule(ResponseModel):
    # wire: the assignee IDs are strings in the reference, integers in the OpenAPI document;
    # ResponseModel reads numbers into str fields.
    assigneeAgentId: str | None = None
    assigneeAgentName: str | None = None
    assigneeGroupId: str | None = None
    assigneeGroupName: str | None = None
    businessType: int | None = Field(default=None, description="Routing type: 1 agent, 2 lender, 4 assistant")
    roleId: int | None = None
    strategyType: int | None = Field(default=None, description="1 Next Up, 2 Blast Alert, 3 default assignee")
    touchMinutes: int | None = Field(default=None, description="Minutes to respond; Next Up, Blast Alert")
    updateTime: int | None = None


class SupplementRoutingRuleRequest(RequestModel):
    assigneeAgentId: int | None = Field(default=None, description="Default assignee strategy only")
    assigneeGroupId: int | None = Field(default=None, description="Default assignee, agent routing only")
    roleId: int | None = Field(default=None, description="Required for routing type 4")
    strategyType: SupplementStrategyType | None = Field(
        default=None, description="1 Next Up, 2 Blast Alert, 3 default assignee"
    )
    touchMinutes: int | None = Field(default=None, description="Minutes to respond; Next Up, Blast Alert")
