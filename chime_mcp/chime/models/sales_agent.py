"""Lofty's AI Sales Agent: its working-lead pool, mute status, settings, quota and plan tasks.

Typed from the published document (`WorkingLeadV2`, `SalesAgentSettingRequest`, ...); the
reference has none of these operations. The document types several query values as text that
hold numbers or booleans (`limit`, `desc`): on the wire a query value is text either way.
"""

from typing import Annotated, Literal

from pydantic import Field

from chime_mcp.chime.models.base import RequestModel, ResponseModel

AiStage = Literal["HIGH_PRIORITY", "AI_PROSPECTING", "AI_MONITORING"]
"""The AI follow-up stages a working lead is in."""
WorkingLeadSort = Literal["Default", "CreateTime", "UpdateTime"]
LeadIds = Annotated[list[int], Field(min_length=1, max_length=100)]
"""At most 100 leads per batch, as the document says (400 beyond)."""


class WorkingLeadV2(ResponseModel):
    leadId: int | None = None
    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    phone: str | None = None
    createdAt: str | None = None


class PaginationMetadata(ResponseModel):
    total: int | None = None
    count: int | None = None
    offset: int | None = None
    limit: int | None = None


class WorkingLeadListResponseV2(ResponseModel):
    workingLeads: list[WorkingLeadV2] | None = None
    metadata: PaginationMetadata | None = None


class AddWorkingLeadRequestV2(RequestModel):
    leadIds: LeadIds
    createPlanTask: bool | None = None


class BatchCreatePlanTaskRequestV2(RequestModel):
    leadIds: LeadIds


class MuteStatusData(ResponseModel):
    mute: str | None = None


class MuteStatusResponse(ResponseModel):
    data: MuteStatusData | None = None


class SalesAgentQuotaResponseV2(ResponseModel):
    totalQuota: int | None = None
    usedQuota: int | None = None
    remainingQuota: int | None = None
    hasQuotaAvailable: bool | None = None
    usagePercentage: float | None = None
    isBorrowed: bool | None = None
    borrowLevel: str | None = None
    borrowedFrom: int | None = None


class SalesAgentResponseV2(ResponseModel):
    id: int | None = None
    userId: int | None = None
    agentName: str | None = None
    agentHeadUrl: str | None = None
    assistantName: str | None = None
    assistantHeadUrl: str | None = None
    virtualNumber: str | None = None
    virtualNumberCountry: str | None = None
    followUpRole: str | None = None
    agentExperience: str | None = None
    email: str | None = None
    status: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    hasQuotaSeat: bool | None = None
    borrowLevel: str | None = None
    borrowId: int | None = None


class SalesAgentSettingResponse(ResponseModel):
    id: int | None = None
    assistantName: str | None = None
    headUrl: str | None = None
    virtualNumber: str | None = None
    virtualNumberCountry: str | None = None
    callTransferType: str | None = None
    fixedNumber: str | None = None
    agentExperience: str | None = None
    rentalBusiness: bool | None = None
    websiteChannel: bool | None = None
    textChannel: bool | None = None
    emailChannel: bool | None = None
    startActiveHour: int | None = None
    endActiveHour: int | None = None
    activeDays: list[int] | None = None
    leadTypes: list[int] | None = None
    leadSources: list[int] | None = None
    leadPipelines: list[int] | None = None
    agentIds: list[int] | None = None
    officeIds: list[int] | None = None
    leadPondIds: list[int] | None = None
    newLeadEnable: bool | None = None
    visitorsEnable: bool | None = None
    followUpRole: str | None = None
    hostedStatus: str | None = None


Hour = Annotated[int, Field(ge=0, le=23)]
Ids = list[int]


class SalesAgentSettingRequest(RequestModel):
    # The document: "required, must be greater than 0" (its schema lists no required field).
    id: int = Field(ge=1)
    assistantName: str | None = None
    virtualNumber: str | None = None
    virtualNumberCountry: str | None = None
    callTransferType: str | None = Field(default=None, description="Disabled or ToAssignedAgent")
    fixedNumber: str | None = None
    agentExperience: str | None = None
    rentalBusiness: bool | None = None
    websiteChannel: bool | None = None
    textChannel: bool | None = None
    emailChannel: bool | None = None
    startActiveHour: Hour | None = None
    endActiveHour: Hour | None = None
    activeDays: list[Annotated[int, Field(ge=0, le=6)]] | None = Field(default=None, description="0 Sunday")
    leadTypes: Ids | None = None
    leadSources: Ids | None = None
    leadPipelines: Ids | None = None
    agentIds: Ids | None = Field(default=None, description="-1: all")
    officeIds: Ids | None = Field(default=None, description="-1: all")
    leadPondIds: Ids | None = Field(default=None, description="-1: all")
    newLeadEnable: bool | None = None
    visitorsEnable: bool | None = None
    followUpRole: Literal["AI", "Agent"] | None = None


SALES_AGENT_KEPT = (
    "assistantName",
    "virtualNumber",
    "virtualNumberCountry",
    "callTransferType",
    "fixedNumber",
    "agentExperience",
    "rentalBusiness",
    "websiteChannel",
    "followUpRole",
    "visitorsEnable",
    "leadTypes",
    "leadSources",
    "leadPipelines",
    "agentIds",
    "officeIds",
    "leadPondIds",
)
"""Settings the tool does not offer (ids, numbers, the profile): sent as the Sales Agent has them,
read first, so a change of channels or hours never resets them (the whole record is PUT)."""


class PlanTaskResponseV2(ResponseModel):
    id: int | None = None
    content: str | None = None
    taskType: str | None = None
    status: str | None = None
    dueAt: str | None = None
    createdAt: str | None = None
    assignedTo: int | None = None
    creatorId: int | None = None
