"""Leads: the lead record, its request bodies and the nested records a lead carries."""

from typing import Annotated, ClassVar

from pydantic import AliasChoices, Field

from chime_mcp.chime.limits import NAME_KEPT, STAGE_KEPT, TAG_KEPT
from chime_mcp.chime.models.base import (
    _BIRTHDAY,
    _LEAD_TYPE,
    _LEAD_TYPES,
    _PROPERTY_TYPES,
    _TIME_FRAME,
    _YES_NO,
    TIME_SCHEMA,
    AssigneeRole,
    LeadTypeId,
    PageMetadata,
    Phone,
    RequestModel,
    ResponseModel,
    TimeFrame,
    WireModel,
    YesNo,
)
from chime_mcp.chime.times import EpochMillis


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


class LeadInquiryRequest(RequestModel):
    # wire: the request form of LeadInquiry, as the OpenAPI document defines it. The reference's
    # flat place lists (citys, countys, zipcodes, states, streetAddresses) are `locations` there,
    # one place each; sizeMin/sizeMax, buyerRequest, address and the display fields (priceRange,
    # cityForShow, ...) have no published equivalent and are not sent.
    definition: ClassVar[str] = "LeadInquiry"

    bathroomsMax: str | None = None
    bathroomsMin: str | None = None
    bedroomsMax: int | None = None
    bedroomsMin: int | None = None
    createTime: str | None = None
    defaultValue: bool | None = None
    id: int | None = Field(default=None, description="Set to update this inquiry; omit to add one")
    leadUserId: int | None = None
    locations: list[Location] | None = Field(
        default=None,
        description="Places wanted, one per city, ZIP code, county or street (e.g. [{city: Austin, stateCode: TX}, "
        "{zipCode: 78704}]); used in routing",
    )
    modifyByAgent: bool | None = None
    priceMax: int | None = None
    priceMin: int | None = None
    propertyType: list[str] | None = Field(default=None, description=_PROPERTY_TYPES)
    updateTime: str | None = None


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


TransactionTime = Annotated[int | str | None, EpochMillis(), TIME_SCHEMA]
"""A deal's dates: epoch milliseconds on the wire, any of TIME_FORMS from a model (the server
instructions say so once, so the ten dates carry no description of their own)."""


class LeadTransaction(WireModel):
    agentRevenue: float | None = Field(default=None, description="Agent's share of GCI")
    agreementSignedDate: TransactionTime = None
    appointmentDate: TransactionTime = None
    appraisalDate: TransactionTime = None
    assignedAgent: int | None = Field(default=None, description="Agent user ID; read-only")
    closeDate: TransactionTime = None
    commissionRate: float | None = Field(default=None, description="Percent, 3 means 3%")
    contractDate: TransactionTime = None
    # wire: required in the reference; the OpenAPI document says never to send it.
    created: int | None = Field(default=None, description="Epoch ms; read-only")
    escrowDate: TransactionTime = None
    expectedCloseDate: TransactionTime = None
    expiration: TransactionTime = None
    gci: float | None = Field(default=None, description="Gross commission income")
    homeInspectionDate: TransactionTime = None
    homePrice: float | None = None
    leadName: str | None = Field(default=None, description="Read-only")
    offerDate: TransactionTime = None
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


class CustomAttributeRequest(RequestModel):
    # wire: the request form of CustomAttribute. The OpenAPI document requires `value` (the
    # reference's text says to omit it when defining a team field): it is always sent, empty
    # when none is given. `params` (a select field's options) is published, not in the reference.
    definition: ClassVar[str] = "CustomAttribute"

    attributeName: str
    attributeType: str = Field(
        description="number, text, date, anniversary_date, single_select, multi_select, percentage, currency"
    )
    value: str = Field(default="", description="The lead's value; empty when defining a team field")
    params: str | None = Field(
        default=None, description='A select field\'s options, JSON: {"option":["item1","item2"]}'
    )


class CustomRole(ResponseModel):
    assignee: str | None = Field(default=None, description="Account holding the role")
    assigneeId: int | None = Field(default=None, description="User ID holding the role")
    role: str
    roleId: int


class UserLeadTagVo(ResponseModel):
    createTime: str | None = None
    creatorUserId: int | None = None
    leadId: int | None = None
    tagId: int | None = None
    tagName: str | None = None
    updateTime: str | None = None
    visibleType: int | None = None


class _LeadBody(RequestModel):
    # Fields shared by LeadRequest and EditLeadRequest (not itself a definition).
    assignedUserId: int | None = Field(default=None, description="Assigned agent's user id")
    birthday: str | None = Field(default=None, description=_BIRTHDAY)
    buyHouse: YesNo | None = None
    buyingTimeFrame: TimeFrame | None = Field(default=None, description="Months until buying")
    city: str | None = None
    customAttributeList: list[CustomAttributeRequest] | None = Field(default=None, description="Custom field values")
    emails: list[str] | None = None
    fthb: YesNo | None = Field(default=None, description="First-time home buyer")
    groups: Annotated[list[str] | None, NAME_KEPT] = None
    houseToSell: YesNo | None = None
    inquiry: LeadInquiryRequest | None = Field(default=None, description="What the lead is looking for")
    # wire: the reference's `isPrivate` is not in the OpenAPI document (its visibility field is
    # ownershipScope): it is not sent.
    lastName: Annotated[str | None, NAME_KEPT] = None
    leadFamilyMemberList: list[LeadFamilyMember] | None = Field(default=None, max_length=4)
    leadTransaction: LeadTransaction | None = None
    # wire: the reference's one `leadType` is `leadTypes`, a list of ids, in the OpenAPI document.
    leadTypes: list[LeadTypeId] | None = Field(default=None, description=_LEAD_TYPES)
    mortgage: YesNo | None = None
    phones: list[Phone] | None = None
    preQual: YesNo | None = Field(default=None, description="Pre-qualified")
    property: LeadProperty | None = None
    referredBy: str | None = None
    sellingTimeFrame: TimeFrame | None = Field(default=None, description="Months until selling")
    source: str | None = None
    stage: Annotated[str | None, STAGE_KEPT] = Field(default=None, description="Under 20 chars")
    state: str | None = None
    streetAddress: str | None = None
    tags: Annotated[list[str] | None, TAG_KEPT] = Field(default=None, description="Replaces all tags")
    tagsAdd: Annotated[list[str] | None, TAG_KEPT] = Field(default=None, description="Adds to the tags")
    unsubscription: bool | None = Field(default=None, description="Unsubscribed from email")
    withBuyerAgent: YesNo | None = Field(default=None, description="Already has a buyer's agent")
    withListingAgent: YesNo | None = Field(default=None, description="Already has a listing agent")
    zipCode: str | None = None


class LeadRequest(_LeadBody):
    firstName: Annotated[str, NAME_KEPT]
    defaultInquiryParam: bool | None = None
    leadAlert: bool | None = Field(default=None, description="Send the new-lead alert email")
    welcomeEmail: bool | None = Field(default=None, description="Send the welcome email")


class EditLeadRequest(_LeadBody):
    firstName: Annotated[str | None, NAME_KEPT] = None


class LeadResponse(ResponseModel):
    assignCompletionStatus: bool | None = Field(default=None, description="Assignment finished")
    assignTime: str | None = None
    assignedUser: str | None = Field(default=None, description="Assignee's name")
    assignedUserId: int | None = None
    birthday: str | None = Field(default=None, description="MMM d, yyyy")
    buyHouse: str | None = Field(default=None, description=_YES_NO)
    buyingTimeFrame: str | None = Field(default=None, description=_TIME_FRAME)
    # wire: beyond the reference; the published document's do-not-contact flags.
    cannotCall: bool | None = Field(default=None, description="Do not call")
    cannotEmail: bool | None = Field(default=None, description="Do not email")
    cannotText: bool | None = Field(default=None, description="Do not text")
    city: str | None = None
    createTime: str | None = None
    customAttributes: list[CustomAttribute] | None = None
    customRoleList: list[CustomRole] | None = None
    emails: list[str] | None = None
    facebook: str | None = None
    firstName: str | None = None
    fthb: str | None = Field(default=None, description="First-time buyer: Yes or No")
    groups: Annotated[list[str] | None, NAME_KEPT] = None
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
    metadata: PageMetadata = None
    leads: list[LeadResponse] | None = None


class LeadAssigineeRequest(RequestModel):
    # wire: the reference spells the field `assiginee`; the OpenAPI document (the wire) `assignee`.
    # Both are accepted; `assignee` is sent.
    # wire: optional in both documents; the API refuses an assignment without it.
    assignee: str = Field(
        validation_alias=AliasChoices("assignee", "assiginee"),
        description="Assignee's account (email)",
    )
    role: AssigneeRole
