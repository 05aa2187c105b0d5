"""The team: users and members, the organization, lead ponds, tags and broker teams."""

from pydantic import Field

from chime_mcp.chime.models.base import (
    PageMetadata,
    RequestModel,
    ResponseModel,
    TimeZoneId,
    WireModel,
)


class AgentInfo(WireModel):
    companyAddress: str | None = None
    companyName: str | None = None
    licenseId: str | None = None
    mlsAgentId: str | None = None
    position: str | None = None


class UserRequest(RequestModel):
    agentInfo: AgentInfo | None = None
    email: str | None = None
    firstName: str | None = None
    headPortrait: str | None = Field(default=None, description="Photo URL")
    lastName: str | None = None
    phoneNumber: str | None = None
    timeZoneId: TimeZoneId | None = None


class UserResponse(ResponseModel):
    agentInfo: AgentInfo | None = None
    assignedLeadCount: int | None = None
    email: str | None = None
    firstLetter: str | None = None
    firstName: str | None = None
    id: int | None = Field(default=None, description="Membership record ID")
    invitorUserId: int | None = None
    isAdmin: bool | None = None
    lastName: str | None = None
    memberUserId: int | None = Field(default=None, description="The member's user ID")
    newLeadCount: int | None = None
    phoneNumber: str | None = None
    role: int | None = Field(default=None, description="Role code")
    roleName: str | None = None
    status: int | None = Field(default=None, description="Status code")
    timeZoneId: str | None = None
    virtualNumber: str | None = Field(default=None, description="Dialer number")


class MemberListResponse(ResponseModel):
    metadata: PageMetadata = None
    members: list[UserResponse] | None = None


class VisibleOrgInfo(ResponseModel):
    groupId: int | None = None
    groupName: str | None = None
    parentId: int | None = Field(default=None, description="Parent group ID")


class EnterpriseInfo(ResponseModel):
    groupId: int | None = None
    groupName: str | None = None
    profileId: int | None = Field(default=None, description="Permission profile ID")
    profileName: str | None = Field(default=None, description="Permission profile name")
    visibleOrgInfoList: list[VisibleOrgInfo] | None = Field(default=None, description="Visible sub-orgs")


class MultiTeamInfo(ResponseModel):
    multiTeamId: int | None = None
    multiTeamName: str | None = None


class OrganizationInfo(ResponseModel):
    enterpriseInfo: EnterpriseInfo | None = Field(default=None, description="Enterprise package only")
    multiTeamInfo: MultiTeamInfo | None = Field(default=None, description="Multi-team package only")
    orgType: int | None = Field(default=None, description="1 single instance, 2 multi-team")


class LeadPond(ResponseModel):
    agentIds: list[int] | None = Field(default=None, description="User IDs with access")
    id: int
    pondName: str
    pondOwnerId: int


class UserLeadTag(ResponseModel):
    createTime: str | None = None
    creatorUserId: int | None = None
    leadId: int | None = None
    tagId: int | None = None
    tagName: str | None = None
    updateTime: str | None = None
    visibleType: int | None = None


class BrokerTeam(RequestModel):
    email: str = Field(description="Team admin's")
    firstName: str = Field(description="Team admin's")
    lastName: str = Field(description="Team admin's")
    phone: str = Field(description="Team admin's")
    seatLimit: int = Field(description="Number of seats")
    teamName: str
