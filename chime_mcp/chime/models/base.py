"""The bases of every model, the value sets request models use and the texts several fields share.

One class per definition of the Chime API reference, named as the reference names it, lives in the
module of its domain; attributes carry the wire names.
Base rule: `RequestModel` (only ever sent) forbids unknown fields, so a typo fails naming the field;
`ResponseModel` (only ever received) and `WireModel` (sent and received) keep unknown fields, accept
numbers where a string is documented, and use plain types (known values in descriptions); past
that, the tolerant reader (models/tolerant.py) keeps a record whose one field does not fit.
`Literal` value sets and bounds live on request models.

Where the reference and Lofty's published OpenAPI document disagree on the wire, the wire wins;
each such place is marked `# wire:` and listed in tests/chime/test_conformance_models.py.
Serialize request bodies with `model_dump(by_alias=True, exclude_none=True)`.
"""

from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, WithJsonSchema

from chime_mcp.chime.models.tolerant import TolerantRead

# --- value sets ---------------------------------------------------------------------------------

RoutingType = Literal[1, 2, 4]
"""Routing type of the /routing endpoints: AGENT_LEAD 1, LENDER_LEAD 2, ASSISTANT_LEAD 4."""
LogTypeName = Literal["logCall", "logEmail", "logText"]
"""The `logType` values of GET and POST /v1.0/logType."""
CallingOutcome = Literal["Talked", "VoiceMessage", "NoAnswer", "BadNumber", "DNCNumber", "DNCContact"]
TaskType = Literal["Other", "Call", "Email", "Text"]
AssignedRole = Literal["Agent", "Assistant"]
"""Who a task is for."""
AssigneeRole = Literal["Agent", "Assistant", "Lender"]
"""Role a lead is assigned to (POST /v1.0/leads/{leadId}/assignment)."""
YesNo = Literal["Yes", "No"]
TimeFrame = Literal["1-3", "3-6", "6-12", "12+", "Just Looking", "Refinancing"]
LeadTypeId = Literal[-1, 1, 2, 5, 6, 7, 8, 9]
"""The `leadTypes` ids of the published document: Other -1, Seller 1, Buyer 2, Renter 5, Investor 6,
Agent 7, Homeowner 8, Landlord 9 (the reference's single `leadType` also had Buyer & Seller 3)."""
LogDirection = Literal["outbound", "inbound"]
SupplementStrategyType = Literal[1, 2, 3]
"""Default routing rule strategy: Next Up 1, Blast Alert 2, Default Assignee 3."""
TimeZoneId = Literal[
    "America/Halifax",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "America/Adak",
    "US/Arizona",
    "Asia/Hong_Kong",
]
TransactionTypeName = Literal["Purchase", "Listing", "Lease", "Other"]
BrokermintStatus = Literal["Closed", "Cancelled"]

# Short texts used by several fields.
_UTC = "yyyy-MM-dd HH:mm:ss UTC"
_BIRTHDAY = "e.g. Jun 5, 2001"
_YES_NO = "Yes or No"
_TIME_FRAME = "Months: 1-3, 3-6, 6-12, 12+; or Just Looking, Refinancing"
_LEAD_TYPE = "-1 other, 1 seller, 2 buyer, 3 buyer & seller, 5 renter"
_LEAD_TYPES = "-1 other, 1 seller, 2 buyer, 5 renter, 6 investor, 7 agent, 8 homeowner, 9 landlord"
_MATCH = "1 match exactly, 2 empty or match"
_PROPERTY_TYPES = (
    "Single Family Home, Multi-Family, Condo, Townhouse, Mobile Home, Manufactured Home, Vacant Land, Commercial"
)
_PARTY_TYPE = "0 other, 1 agent, 2 lead, 3 stage, 5 lender, 6 pond, 10 property"

Phone = Annotated[str, Field(max_length=20)]


TIME_SCHEMA = WithJsonSchema({"type": ["integer", "string"]})
"""How a time argument is presented: a model may write ISO 8601 or epoch milliseconds
(`Annotated[int | str, EpochMillis(), TIME_SCHEMA]`; chime.checks sends the wire's form)."""


# --- bases --------------------------------------------------------------------------------------


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True, defer_build=True)


class ResponseModel(TolerantRead):
    model_config = ConfigDict(
        extra="allow", populate_by_name=True, serialize_by_alias=True, coerce_numbers_to_str=True, defer_build=True
    )


class WireModel(TolerantRead):
    model_config = ConfigDict(
        extra="allow", populate_by_name=True, serialize_by_alias=True, coerce_numbers_to_str=True, defer_build=True
    )


# --- shared building blocks ---------------------------------------------------------------------


class MetaData(ResponseModel):
    collection: str | None = None
    limit: int | None = None
    offset: int | None = None
    scrollId: str | None = Field(default=None, description="Pass back to get the next page")
    total: int | None = None


PageMetadata = Annotated[
    MetaData | None,
    Field(validation_alias=AliasChoices("_metadata", "get_metadata"), serialization_alias="_metadata"),
]
"""A page's metadata: the live API sends `_metadata`; the OpenAPI document calls it `get_metadata`."""
