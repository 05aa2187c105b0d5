"""Transactions beyond the reference, from the published document: the v2 search across leads,
the team's transaction pipelines and custom fields, and a transaction's property address."""

from typing import Literal

from pydantic import Field

from chime_mcp.chime.models.base import RequestModel, ResponseModel

TransactionTypeFilter = Literal["Purchase", "Listing", "Lease", "Other", "All"]
"""The v2 search's transactionType (the API's default: Purchase)."""


class CustomFieldResponse(ResponseModel):
    id: int | None = None
    name: str | None = None
    type: str | None = Field(
        default=None, description="DATE, TEXT, NUMBER, PERCENTAGE, Single-Select, Multi-Select, CURRENCY or HTML"
    )
    params: str | None = Field(default=None, description="A select field's options, JSON")


class CustomFieldValue(ResponseModel):
    id: int | None = None
    value: str | None = None


class TransactionV2Item(ResponseModel):
    created: int | None = None
    updated: int | None = None
    transactionId: int | None = None
    leadId: int | None = None
    propertyId: int | None = None
    transactionName: str | None = None
    leadName: str | None = None
    agentName: str | None = None
    assignedAgent: int | None = None
    transactionType: str | None = None
    transactionStatus: str | None = None
    homePrice: float | None = None
    expectedCloseDate: int | None = None
    closeDate: int | None = None
    commissionRate: float | None = None
    gci: float | None = None
    teamRevenue: float | None = None
    agentRevenue: float | None = None
    appointmentDate: int | None = None
    agreementSignedDate: int | None = None
    offerDate: int | None = None
    contractDate: int | None = None
    appraisalDate: int | None = None
    homeInspectionDate: int | None = None
    escrowDate: int | None = None
    expiration: int | None = None
    customFields: list[CustomFieldValue] | None = None


class TransactionV2PageResponse(ResponseModel):
    pageNum: int | None = None
    pageSize: int | None = None
    totalCount: int | None = None
    pageData: list[TransactionV2Item] | None = None


class PipelineStageV2Item(ResponseModel):
    id: int | None = None
    name: str | None = Field(default=None, description="What a transaction's status takes")
    default: bool | None = Field(default=None, description="The first stage")


class PipelineV2Item(ResponseModel):
    transactionType: str | None = None
    stages: list[PipelineStageV2Item] | None = None


class LeadTransactionPropertyAddress(ResponseModel):
    transactionId: int
    unit: str | None = None
    label: str | None = None
    state: str | None = None
    city: str | None = None
    zipCode: str | None = None
    streetAddress: str | None = None
    county: str | None = None


class PropertyAddressRequest(RequestModel):
    """The whole address: the API sets every field left out to null."""

    transactionId: int
    streetAddress: str | None = None
    unit: str | None = None
    city: str | None = None
    state: str | None = None
    zipCode: str | None = None
    county: str | None = None
    label: str | None = None
