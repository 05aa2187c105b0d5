"""Pydantic models for the 53 definitions of the Chime API reference.

One class per definition, named as the reference names it; attributes carry the wire names.
Base rule: `RequestModel` (only ever sent) forbids unknown fields, so a typo fails naming the field;
`ResponseModel` (only ever received) and `WireModel` (sent and received) keep unknown fields, accept
numbers where a string is documented, and use plain types (known values in descriptions) so an
unexpected live value never breaks a read. `Literal` value sets and bounds live on request models.

Where the reference and Lofty's published OpenAPI document disagree on the wire, the wire wins;
each such place is marked `# wire:` and listed in tests/test_conformance_models.py.
Serialize request bodies with `model_dump(by_alias=True, exclude_none=True)`.
"""

from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

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
LeadTypeId = Literal[-1, 1, 2, 3, 5]
"""Other -1, Seller 1, Buyer 2, Buyer & Seller 3, Renter 5."""
LogDirection = Literal["outbound", "inbound"]
SupplementStrategyType = Literal[1, 2, 3]
"""Default routing rule strategy: Next Up 1, Blast Alert 2, Default Assignee 3."""
WebhookListId = Literal[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
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
_MATCH = "1 match exactly, 2 empty or match"
_PROPERTY_TYPES = (
    "Single Family Home, Multi-Family, Condo, Townhouse, Mobile Home, Manufactured Home, Vacant Land, Commercial"
)
_PARTY_TYPE = "0 other, 1 agent, 2 lead, 3 stage, 5 lender, 6 pond, 10 property"

Phone = Annotated[str, Field(max_length=20)]


# --- bases --------------------------------------------------------------------------------------


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True, defer_build=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(
        extra="allow", populate_by_name=True, serialize_by_alias=True, coerce_numbers_to_str=True, defer_build=True
    )


class WireModel(BaseModel):
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


# Comments, not docstrings: a class docstring would land in every tool schema.
# The reference documents java.sql.Timestamp as an object; see IncomingTransaction.
class Timestamp(RequestModel):
    date: int | None = None
    day: int | None = None
    hours: int | None = None
    minutes: int | None = None
    month: int | None = None
    nanos: int | None = None
    seconds: int | None = None
    time: int | None = None
    timezoneOffset: int | None = None
    year: int | None = None


class AgentInfo(WireModel):
    companyAddress: str | None = None
    companyName: str | None = None
    licenseId: str | None = None
    mlsAgentId: str | None = None
    position: str | None = None


class ActiveHours(WireModel):
    activeDays: list[Annotated[int, Field(ge=1, le=7)]] | None = Field(default=None, description="Days 1-7")
    hoursEnd: int | None = Field(default=None, ge=0, le=23)
    hoursStart: int | None = Field(default=None, ge=0, le=23)


class MemberWeight(WireModel):
    firstName: str | None = Field(default=None, description="Read-only")
    lastName: str | None = Field(default=None, description="Read-only")
    memberId: int | None = None
    weight: int | None = Field(default=None, description="Routing weight")


class RoutingStrategy(WireModel):
    groupId: int | None = Field(default=None, description="Lead pond ID; pond strategy only")
    groupName: str | None = Field(default=None, description="Read-only")
    memberWeights: list[MemberWeight] | None = Field(default=None, description="Not for the pond strategy")
    strategyType: int | None = Field(default=None, description="1 Next Up, 2 Blast Alert, 3 Round Robin, 4 Lead Pond")
    touchMinutes: int | None = Field(default=None, description="Minutes to respond; Next Up, Blast Alert")


class LocationRule(ResponseModel):
    city: str | None = None
    county: str | None = None
    locationMatchType: int | None = Field(default=None, description=_MATCH)
    state: str | None = None
    streetAddress: str | None = None
    zipcode: str | None = None


class Location(WireModel):
    city: str | None = None
    county: str | None = None
    description: str | None = None
    stateCode: str | None = Field(default=None, description="e.g. CA")
    streetAddress: str | None = None
    zipCode: str | None = None


class LeadProperty(WireModel):
    autoListingId: int | None = None
    bathrooms: float | None = None
    bedrooms: int | None = None
    city: str | None = None
    county: str | None = None
    deleteFlag: bool | None = None
    floors: int | None = None
    id: int | None = Field(default=None, description="Set to update this address; omit to add one")
    label: str | None = None
    labelList: str | None = None
    labelType: str | None = None
    leadUserId: int | None = None
    listingId: str | None = None
    listingStatus: str | None = None
    lotSize: float | None = Field(default=None, description="Acres")
    mailAddress: bool | None = Field(default=None, description="True: mailing address; false: property")
    note: str | None = None
    parkingSpace: int | None = None
    pictureUrl: str | None = None
    price: int | None = None
    priceMax: int | None = None
    priceMin: int | None = None
    propertyType: str | None = Field(default=None, description=_PROPERTY_TYPES)
    siteListingUrl: str | None = None
    squareFeet: int | None = None
    state: str | None = None
    streetAddress: str | None = None
    updateTime: str | None = None
    zipCode: str | None = None


class LeadInquiry(WireModel):
    address: str | None = None
    bathroomsMax: str | None = None
    bathroomsMin: str | None = None
    bedroomsMax: int | None = None
    bedroomsMin: int | None = None
    buyerRequest: list[str] | None = None
    cityForEmailShow: str | None = None
    cityForShow: str | None = None
    citys: list[str] | None = Field(default=None, description="Cities")
    countys: list[str] | None = Field(default=None, description="Counties")
    createTime: str | None = None
    defaultValue: bool | None = None
    deleteFlag: bool | None = None
    id: int | None = None
    leadUserId: int | None = None
    locationForNotification: str | None = None
    # The reference types this "Locations", described as "< Location > array".
    locations: list[Location] | None = Field(default=None, description="Areas wanted; used in routing")
    locationsOfHomePage: str | None = None
    modifyByAgent: bool | None = None
    priceMax: int | None = None
    priceMin: int | None = None
    priceRange: str | None = None
    propertyType: list[str] | None = Field(default=None, description=_PROPERTY_TYPES)
    showStatus: int | None = None
    sizeMax: int | None = Field(default=None, description="Square feet")
    sizeMin: int | None = Field(default=None, description="Square feet")
    states: list[str] | None = None
    streetAddresses: list[str] | None = None
    updateByView: bool | None = None
    updateTime: str | None = None
    zipcodes: list[str] | None = None


class LeadActivity(WireModel):
    created: int
    link: str = Field(description="Page URL")
    listing: LeadProperty | None = None
    pageName: str | None = Field(default=None, description="Submission page name")
    picture: str = Field(description="Preview image URL")
    scheduledDate: str | None = Field(default=None, description="Showing date, for Request")
    text: str = Field(description="Search text or page title")
    type: str = Field(description="Search, Browse, Favorite, Request or Submission")


class LeadFamilyMember(WireModel):
    birthday: str | None = Field(default=None, description=_BIRTHDAY)
    emails: list[str] | None = None
    firstName: str
    lastName: str | None = None
    phones: list[str] | None = Field(default=None, description="Max 20 chars each")
    relationship: str | None = Field(default=None, description="To the lead, e.g. Husband")


class LeadTransaction(WireModel):
    agentRevenue: float | None = Field(default=None, description="Agent's share of GCI")
    agreementSignedDate: int | None = None
    appointmentDate: int | None = None
    appraisalDate: int | None = None
    assignedAgent: int | None = Field(default=None, description="Agent user ID; read-only")
    closeDate: int | None = None
    commissionRate: float | None = Field(default=None, description="Percent, 3 means 3%")
    contractDate: int | None = None
    # wire: required in the reference; the OpenAPI document says never to send it.
    created: int | None = Field(default=None, description="Epoch ms; read-only")
    escrowDate: int | None = None
    expectedCloseDate: int | None = None
    expiration: int | None = None
    gci: float | None = Field(default=None, description="Gross commission income")
    homeInspectionDate: int | None = None
    homePrice: float | None = None
    leadName: str | None = Field(default=None, description="Read-only")
    offerDate: int | None = None
    teamRevenue: float | None = Field(default=None, description="Team's share of GCI")
    transactionId: int | None = Field(default=None, description="Read-only")
    transactionName: str = Field(description="Address or deal name")
    transactionStatus: str | None = Field(default=None, description="Pipeline status, e.g. Pre-contract")
    transactionType: str | None = Field(default=None, description="Purchase, Listing, Lease or Other")
    # wire: required in the reference; the OpenAPI document says never to send it.
    updated: int | None = Field(default=None, description="Epoch ms; read-only")


class CustomAttribute(WireModel):
    attributeName: str
    attributeType: str = Field(
        description="number, text, date, anniversary_date, single_select, multi_select, percentage, currency"
    )
    # wire: required in the reference, whose own text says to omit it when defining a team field
    # (and GET listCustomField returns definitions without one).
    value: str | None = Field(default=None, description="The lead's value; omit when defining a field")


class CustomRole(ResponseModel):
    assignee: str | None = Field(default=None, description="Account holding the role")
    assigneeId: int | None = Field(default=None, description="User ID holding the role")
    role: str
    roleId: int


class UserLeadTag(ResponseModel):
    createTime: str | None = None
    creatorUserId: int | None = None
    leadId: int | None = None
    tagId: int | None = None
    tagName: str | None = None
    updateTime: str | None = None
    visibleType: int | None = None


class UserLeadTagVo(ResponseModel):
    createTime: str | None = None
    creatorUserId: int | None = None
    leadId: int | None = None
    tagId: int | None = None
    tagName: str | None = None
    updateTime: str | None = None
    visibleType: int | None = None


# --- leads --------------------------------------------------------------------------------------


class _LeadBody(RequestModel):
    # Fields shared by LeadRequest and EditLeadRequest (not itself a definition).
    assignedUserId: int | None = Field(default=None, description="Assigned agent; on create, omit to auto-route")
    birthday: str | None = Field(default=None, description=_BIRTHDAY)
    buyHouse: YesNo | None = None
    buyingTimeFrame: TimeFrame | None = Field(default=None, description="Months until buying")
    city: str | None = None
    customAttributeList: list[CustomAttribute] | None = Field(default=None, description="Custom field values")
    emails: list[str] | None = None
    fthb: YesNo | None = Field(default=None, description="First-time home buyer")
    groups: list[str] | None = None
    houseToSell: YesNo | None = None
    inquiry: LeadInquiry | None = Field(default=None, description="What the lead is looking for")
    isPrivate: bool | None = None
    lastName: str | None = None
    leadFamilyMemberList: list[LeadFamilyMember] | None = Field(default=None, max_length=4)
    leadTransaction: LeadTransaction | None = None
    leadType: LeadTypeId | None = Field(default=None, description=_LEAD_TYPE)
    mortgage: YesNo | None = None
    phones: list[Phone] | None = None
    preQual: YesNo | None = Field(default=None, description="Pre-qualified")
    property: LeadProperty | None = None
    referredBy: str | None = None
    sellingTimeFrame: TimeFrame | None = Field(default=None, description="Months until selling")
    source: str | None = None
    stage: str | None = Field(default=None, description="Under 20 chars")
    state: str | None = None
    streetAddress: str | None = None
    tags: list[str] | None = Field(default=None, description="Replaces all tags")
    tagsAdd: list[str] | None = Field(default=None, description="Adds to the tags")
    unsubscription: bool | None = Field(default=None, description="Unsubscribed from email")
    withBuyerAgent: YesNo | None = Field(default=None, description="Already has a buyer's agent")
    withListingAgent: YesNo | None = Field(default=None, description="Already has a listing agent")
    zipCode: str | None = None


class LeadRequest(_LeadBody):
    firstName: str
    defaultInquiryParam: bool | None = None
    leadAlert: bool | None = Field(default=None, description="Send the new-lead alert email")
    welcomeEmail: bool | None = Field(default=None, description="Send the welcome email")


class EditLeadRequest(_LeadBody):
    firstName: str | None = None


class LeadResponse(ResponseModel):
    assignCompletionStatus: bool | None = Field(default=None, description="Assignment finished")
    assignTime: str | None = None
    assignedUser: str | None = Field(default=None, description="Assignee's name")
    assignedUserId: int | None = None
    birthday: str | None = Field(default=None, description="MMM d, yyyy")
    buyHouse: str | None = Field(default=None, description=_YES_NO)
    buyingTimeFrame: str | None = Field(default=None, description=_TIME_FRAME)
    city: str | None = None
    createTime: str | None = None
    customAttributes: list[CustomAttribute] | None = None
    customRoleList: list[CustomRole] | None = None
    emails: list[str] | None = None
    facebook: str | None = None
    firstName: str | None = None
    fthb: str | None = Field(default=None, description="First-time buyer: Yes or No")
    groups: list[str] | None = None
    houseToSell: str | None = Field(default=None, description=_YES_NO)
    lastName: str | None = None
    lastTouch: str | None = None
    lastUpdateTime: str | None = None
    lastVisit: str | None = None
    leadFamilyMemberList: list[LeadFamilyMember] | None = None
    leadId: int | None = None
    # The reference types this "LeadInquirys" (described "LeadInquiry"); OpenAPI: one LeadInquiry.
    leadInquiry: LeadInquiry | None = None
    # The reference types this "LeadPropertyList" (described "< LeadProperty > array").
    leadPropertyList: list[LeadProperty] | None = None
    leadSource: int | None = Field(default=None, description="Source ID")
    leadType: int | None = Field(default=None, description=_LEAD_TYPE)
    leadUserId: int | None = None
    lenderUserId: int | None = None
    mortgage: str | None = Field(default=None, description=_YES_NO)
    opportunity: str | None = Field(default=None, description="High Interest, Sell, Back to Site or Back on Market")
    phoneStatuses: list[int] | None = Field(
        default=None, description="Per phone: 1 invalid, 2 valid, 3 talked, 4 DNC number, 5 DNC contact"
    )
    phones: list[str] | None = None
    pondId: int | None = None
    pondName: str | None = None
    preQual: str | None = Field(default=None, description=_YES_NO)
    privateFlag: bool | None = None
    referredBy: str | None = None
    score: int | None = None
    sellingTimeFrame: str | None = Field(default=None, description=_TIME_FRAME)
    source: str | None = None
    stage: str | None = None
    stageId: int | None = None
    state: str | None = None
    streetAddress: str | None = None
    tags: list[UserLeadTagVo] | None = None
    teamId: int | None = None
    twitter: str | None = None
    unsubscription: bool | None = Field(default=None, description="Unsubscribed from email")
    withBuyerAgent: str | None = Field(default=None, description=_YES_NO)
    withListingAgent: str | None = Field(default=None, description=_YES_NO)
    zipCode: str | None = None


class LeadListResponse(ResponseModel):
    # The live API sends `_metadata`; the OpenAPI document calls it `get_metadata`.
    metadata: MetaData | None = Field(
        default=None,
        validation_alias=AliasChoices("_metadata", "get_metadata"),
        serialization_alias="_metadata",
    )
    leads: list[LeadResponse] | None = None


class LeadAssigineeRequest(RequestModel):
    # wire: the reference spells the field `assiginee`; the OpenAPI document (the wire) `assignee`.
    # Both are accepted; `assignee` is sent.
    assignee: str | None = Field(
        default=None,
        validation_alias=AliasChoices("assignee", "assiginee"),
        description="Assignee's account (email)",
    )
    role: AssigneeRole


class LeadPond(ResponseModel):
    agentIds: list[int] | None = Field(default=None, description="User IDs with access")
    id: int
    pondName: str
    pondOwnerId: int


# --- communication ------------------------------------------------------------------------------


class CallResponse(ResponseModel):
    agentId: int | None = None
    callingOutcome: str | None = Field(
        default=None, description="Talked, VoiceMessage, NoAnswer, BadNumber, DNCNumber or DNCContact"
    )
    createTime: str | None = Field(default=None, description=_UTC)
    dialerCallRecordId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    duration: int | None = Field(default=None, description="Seconds")
    elapsedTime: str | None = Field(default=None, description="Dial to connect, mm:ss")
    endTime: str | None = Field(default=None, description=_UTC)
    id: int | None = None
    isMachineAnswered: bool | None = None
    leadId: int | None = None
    leadPhoneNumber: str | None = None
    note: str | None = None
    price: float | None = Field(default=None, description="USD")
    rateScore: int | None = Field(default=None, description="Agent's rating, 0-5")
    recordingSwitch: bool | None = Field(default=None, description="Call was recorded")
    showUserNumber: str | None = Field(default=None, description="Caller ID shown to the lead")
    startTime: str | None = Field(default=None, description=_UTC)
    status: str | None = Field(default=None, description="Completed, Missed, Failed, Busy, NoAnswer or VoiceMail")
    updateTime: str | None = Field(default=None, description=_UTC)
    userId: int | None = None
    userPhoneNumber: str | None = None


class CallListResponse(ResponseModel):
    # The live API sends `_metadata`; the OpenAPI document calls it `get_metadata`.
    metadata: MetaData | None = Field(
        default=None,
        validation_alias=AliasChoices("_metadata", "get_metadata"),
        serialization_alias="_metadata",
    )
    calls: list[CallResponse] | None = None


class EmailResponse(ResponseModel):
    agentId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    emailEventTime: str | None = None
    emailSubject: str | None = None
    emailType: str | None = Field(default=None, description="Manual or Auto")
    eventType: str | None = Field(default=None, description="Sent, Opened or Bounced")
    id: int | None = None
    leadId: int | None = None


class TextResponse(ResponseModel):
    agentId: int | None = None
    direction: str | None = Field(default=None, description="Outbound or Inbound")
    id: int | None = None
    leadId: int | None = None
    textOutcome: str | None = Field(default=None, description="Delivery status, e.g. Delivered")
    textTime: str | None = None
    textType: str | None = Field(default=None, description="Manual or Auto")


class LogTypeRequest(RequestModel):
    callingOutcome: CallingOutcome | None = Field(default=None, description="logCall only")
    content: str
    isPin: bool | None = Field(default=None, description="Pin it")
    leadId: int
    leadPhoneNumber: str | None = Field(default=None, max_length=20, description="Number called; for logCall")
    logType: LogTypeName
    outboundOrInbound: LogDirection | None = Field(default=None, description="Default outbound")


class LogTypeResponse(ResponseModel):
    agentId: int | None = None
    callingOutcome: str | None = Field(
        default=None, description="Talked, VoiceMessage, NoAnswer, BadNumber, DNCNumber or DNCContact"
    )
    createTime: str | None = Field(default=None, description=_UTC)
    id: int | None = None
    isPin: bool | None = None
    leadId: int | None = None
    leadPhoneNumber: str | None = None
    outboundOrInbound: str | None = Field(default=None, description="outbound or inbound")


# --- notes, tasks, appointments -----------------------------------------------------------------


class NoteRequest(RequestModel):
    content: str = Field(description="Cut to 2000 chars")
    # wire: optional in the reference; the live API rejects a null isPin, so it defaults to false.
    isPin: bool = Field(default=False, description="Pin it")
    leadId: int


class NoteResponse(ResponseModel):
    content: str | None = None
    createTime: str | None = Field(default=None, description=_UTC)
    creatorId: int | None = None
    creatorName: str | None = None
    deleteFlag: bool | None = None
    id: int | None = Field(default=None, description="The timeline entry; use noteId for the note")
    isPin: bool | None = None
    lastEditorId: int | None = None
    lastEditorName: str | None = None
    lastUpdate: str | None = Field(default=None, description=_UTC)
    leadId: int | None = None
    systemNote: bool | None = Field(default=None, description="System-generated")
    # wire: beyond the reference; the published API reads and edits notes by noteId, not id.
    noteId: int | None = Field(default=None, description="For get_note, update_note, delete_note")


class TaskRequest(RequestModel):
    assignedRole: AssignedRole
    content: str = Field(description="What to do")
    deadline: int
    leadId: int
    type: TaskType
    # wire: beyond the reference; the published API completes a task with it.
    finishFlag: bool | None = Field(default=None, description="True to mark it done")


class TaskResponse(ResponseModel):
    assignedRole: str | None = Field(default=None, description="Agent or Assistant")
    assignedUser: str | None = Field(default=None, description="Assignee's name")
    assignedUserId: int | None = None
    body: str | None = Field(default=None, description="Email tasks only")
    content: str | None = None
    createTime: str | None = Field(default=None, description=_UTC)
    creatorId: int | None = None
    deadline: str | None = Field(default=None, description=_UTC)
    deleteFlag: bool | None = None
    finishFlag: bool | None = None
    finishTime: str | None = Field(default=None, description=_UTC + "; empty if open")
    id: int | None = None
    lastUpdate: str | None = Field(default=None, description=_UTC)
    leadEmail: str | None = None
    leadFirstName: str | None = None
    leadId: int | None = None
    leadLastName: str | None = None
    leadName: str | None = None
    leadPhone: str | None = None
    leadUserId: int | None = None
    overdueFlag: bool | None = None
    pipelineId: int | None = None
    queryId: int | None = Field(default=None, description="Smart plan query ID")
    queryInfo: str | None = None
    reminderType: int | None = None
    subject: str | None = Field(default=None, description="Email tasks only")
    teamId: int | None = None
    type: str | None = Field(default=None, description="Other, Call, Email or Text")


class Appointment(ResponseModel):
    address: str | None = None
    allDay: bool | None = None
    assignRoleType: int | None = Field(default=None, description="Assignee's role code")
    assignToUid: int | None = Field(default=None, description="Assignee's user ID")
    createTime: str | None = None
    creatorId: int | None = None
    deadline: int | None = Field(default=None, description="Start time, epoch ms")
    deleteFlag: bool | None = None
    descr: str | None = Field(default=None, description="Description")
    endTime: int | None = None
    finishFlag: bool | None = None
    finishTime: int | None = None
    id: int | None = None
    lastUpdate: str | None = None
    leadId: int | None = None
    overdue: bool | None = None


# --- routing ------------------------------------------------------------------------------------


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
    activeHours: ActiveHours | None = None
    id: int | None = Field(default=None, description="Rule ID")
    routingStrategy: RoutingStrategy | None = None


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


# --- users, members, organization ---------------------------------------------------------------


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
    # The live API sends `_metadata`; the OpenAPI document calls it `get_metadata`.
    metadata: MetaData | None = Field(
        default=None,
        validation_alias=AliasChoices("_metadata", "get_metadata"),
        serialization_alias="_metadata",
    )
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


class BrokerTeam(RequestModel):
    email: str = Field(description="Team admin's")
    firstName: str = Field(description="Team admin's")
    lastName: str = Field(description="Team admin's")
    phone: str = Field(description="Team admin's")
    seatLimit: int = Field(description="Number of seats")
    teamName: str


# --- Brokermint ---------------------------------------------------------------------------------


class Contacts(RequestModel):
    address: str | None = None
    bmPrivate: bool | None = Field(default=None, description="Private in Brokermint")
    city: str | None = None
    contactType: str | None = None
    email: str | None = None
    externalId: str | None = Field(default=None, description="Brokermint contact ID")
    firstName: str | None = None
    lastName: str | None = None
    leadSource: str | None = None
    phone: str | None = None
    state: str | None = None
    zip: str | None = None


# wire: the reference types the four dates as Timestamp (java.sql.Timestamp as an object);
# the OpenAPI document takes ISO-8601 date-time strings. Both are accepted.
class IncomingTransaction(RequestModel):
    acceptanceDate: str | Timestamp | None = Field(default=None, description="ISO-8601; ignored")
    address: str | None = None
    agentId: int | None = Field(default=None, description="New owner's user ID")
    agentName: str | None = Field(default=None, description="Ignored")
    city: str | None = None
    closedAt: str | Timestamp | None = Field(default=None, description="Actual close, ISO-8601")
    closingDate: str | Timestamp | None = Field(default=None, description="Expected close, ISO-8601")
    expirationDate: str | Timestamp | None = Field(default=None, description="ISO-8601")
    # wire: optional in the reference, required in the OpenAPI document.
    id: int = Field(description="Transaction to update")
    price: float | None = Field(default=None, description="Home price")
    representing: str | None = Field(default=None, description="Ignored")
    state: str | None = None
    status: BrokermintStatus | None = None
    transactionType: TransactionTypeName | None = None
    zip: str | None = None


# --- system logs, webhooks ----------------------------------------------------------------------


class SystemLogResponse(ResponseModel):
    agentId: int | None = Field(default=None, description="0 for system events")
    canSticky: bool | None = Field(default=None, description="Can be pinned")
    # wire: a string in the reference, a JSON object in the OpenAPI document.
    content: str | dict[str, Any] | None = Field(default=None, description="Event payload (JSON)")
    # wire: the three times and id are integers in the reference; the OpenAPI document
    # sends ISO-8601 strings and a string id.
    createTime: int | str | None = Field(default=None, description="ISO-8601")
    fromFirstName: str | None = None
    fromId: int | None = None
    fromLastName: str | None = None
    fromType: int | None = Field(default=None, description=_PARTY_TYPE)
    id: int | str | None = None
    leadFullName: str | None = None
    leadId: int | None = None
    sticky: bool | None = Field(default=None, description="Pinned")
    timelineTime: int | str | None = Field(default=None, description="When it happened, ISO-8601")
    timelineType: int | None = Field(default=None, description="Event code, e.g. 38 stage change")
    toFirstName: str | None = None
    toId: int | None = None
    toLastName: str | None = None
    toType: int | None = Field(default=None, description=_PARTY_TYPE)
    updateTime: int | str | None = Field(default=None, description="ISO-8601")


class WebhookRequest(RequestModel):
    callbackUrl: str = Field(description="HTTPS URL that receives the events")
    # The reference: "notifications in 30 mins, max 5000"; the OpenAPI document: events per batch.
    limit: int | None = Field(default=None, ge=1, le=5000, description="Max events per callback, default 100")
    listId: WebhookListId = Field(
        description="1 agent, 2 lead, 3 lead activity, 4 alert, 5 transaction, 6 call, "
        "7 email, 8 text, 9 note, 10 task, 11 appointment, 12 pipeline change"
    )


class WebhookResponse(ResponseModel):
    callbackUrl: str
    limit: int | None = None
    listId: int = Field(description="Subscribed event list, 1-12")
    subscribeId: int
    teamId: int


DEFINITIONS: dict[str, type[BaseModel]] = {
    cls.__name__: cls
    for cls in (
        ActiveHours,
        AgentInfo,
        Appointment,
        AssignMember,
        AssignRole,
        BrokerTeam,
        CallListResponse,
        CallResponse,
        Contacts,
        CustomAttribute,
        CustomRole,
        EditLeadRequest,
        EmailResponse,
        EnterpriseInfo,
        IncomingTransaction,
        LeadActivity,
        LeadAssigineeRequest,
        LeadFamilyMember,
        LeadInquiry,
        LeadListResponse,
        LeadPond,
        LeadProperty,
        LeadRequest,
        LeadResponse,
        LeadTransaction,
        Location,
        LocationRule,
        LogTypeRequest,
        LogTypeResponse,
        MemberListResponse,
        MemberWeight,
        MetaData,
        MultiTeamInfo,
        NoteRequest,
        NoteResponse,
        OrganizationInfo,
        RoutingRule,
        RoutingRuleRequest,
        RoutingStrategy,
        SupplementRoutingRule,
        SupplementRoutingRuleRequest,
        SystemLogResponse,
        TaskRequest,
        TaskResponse,
        TextResponse,
        Timestamp,
        UserLeadTag,
        UserLeadTagVo,
        UserRequest,
        UserResponse,
        VisibleOrgInfo,
        WebhookRequest,
        WebhookResponse,
    )
}
"""Each of the reference's 53 definitions, by name."""
