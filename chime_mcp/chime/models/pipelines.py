"""Lead pipelines (the team's stage names) and the routing preview, from the published document."""

from pydantic import Field

from chime_mcp.chime.models.base import PageMetadata, RequestModel, ResponseModel


class PipelineResponse(ResponseModel):
    id: int | None = Field(default=None, description="Lead pipeline (stage) ID")
    name: str | None = Field(default=None, description="Stage name, as leads' `stage` holds it")


class PipelineListResponse(ResponseModel):
    metadata: PageMetadata = None
    pipelines: list[PipelineResponse] | None = None


class LeadAssigneeRequest(RequestModel):
    firstName: str = Field(min_length=1, description="First name of the would-be lead")
    email: str = Field(min_length=1, description="Email of the would-be lead")
    lastName: str | None = None
    phone: str | None = Field(default=None, max_length=20)
    birthday: str | None = Field(default=None, description="MMM d, yyyy, e.g. Jun 5, 2001")


class CustomRoleAssignee(ResponseModel):
    agentFullName: str | None = None
    roleId: int | None = None
    role: str | None = Field(default=None, description="Role name, e.g. Agent")
    assigneeId: int | None = Field(default=None, description="User ID of the assignee")
    assignee: str | None = Field(default=None, description="Account (email) of the assignee")
    permissionProfileName: str | None = None


class LeadCustomRoleAssigneeInfo(ResponseModel):
    leadId: int | None = Field(default=None, description="An existing lead the fields matched, if any")
    leadUserId: int | None = None
    firstName: str | None = None
    lastName: str | None = None
    customRoleAssignees: list[CustomRoleAssignee] | None = None
