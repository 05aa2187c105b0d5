"""Team and organization administration: agents, their tags, offices, the company, permission
profiles and vendors. Typed from the published document (`AgentProfile`, `AgentTagRequest`,
`OfficeRequest`, `CompanyRequest`, `PermissionProfile`, `VendorInfo` and their answers); the
reference has none of these operations.

Several answers are envelopes that report a refusal as HTTP 200 with a code (`errorCode` /
`code` non-zero): they are `Ack`s, so the client turns such an answer into an error.
"""

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from chime_mcp.chime.models.base import RequestModel, ResponseModel
from chime_mcp.chime.models.results import Ack

# -- agents -------------------------------------------------------------------------------------


class AccountInfo(RequestModel):
    # create_agent's narrower form (NewAgentAccount) is read by its attributes.
    model_config = ConfigDict(from_attributes=True)

    firstName: str = Field(min_length=1)
    lastName: str = Field(min_length=1)
    emailAddress: str = Field(min_length=1)
    # The document's text requires it (its schema does not): the live API refuses an agent without one.
    phoneNumber: str = Field(min_length=1)
    phoneCode: str | None = Field(default=None, description="Default 1 (US)")
    phoneCountry: str | None = None
    headUrl: str | None = None
    tagIds: list[int] | None = None
    sendingEmail: str | None = None
    domain: str | None = None
    allowChangeDomain: bool | None = None
    roleName: str | None = Field(default=None, description="A team role; unknown names are ignored")
    groupId: int | None = None
    roleId: int | None = None
    seatTypeName: str | None = Field(default=None, description="e.g. Full Time Agent")


# What create_agent offers of `AccountInfo` (the rest stays with Python callers); no docstring:
# it would become the tool's schema text.
class NewAgentAccount(RequestModel):
    firstName: str
    lastName: str
    emailAddress: str
    phoneNumber: str
    roleName: str | None = None


class FileInfo(RequestModel):
    fileName: str | None = None
    size: int | None = None
    queryLink: str | None = None
    contentType: str | None = None


class WorkInfo(RequestModel):
    streetAddress: str | None = None
    city: str | None = None
    country: str | None = None
    state: str | None = None
    zipcode: str | None = None
    licenseId: str | None = None
    companyName: str | None = None
    companyAddress: str | None = None
    position: str | None = None
    personalWebsite: str | None = None
    personalAttachments: list[FileInfo] | None = None
    personalDisclaimers: list[FileInfo] | None = None
    personalIntroduction: str | None = None


class Item(RequestModel):
    type: str | None = None
    name: str | None = None
    value: str | None = None


class SocialMedias(RequestModel):
    items: list[Item] | None = None


class PersonalPhotos(RequestModel):
    urls: list[str] | None = None


class AgentProfile(RequestModel):
    accountType: int
    accountInfo: AccountInfo
    workInfo: WorkInfo | None = None
    socialMedias: SocialMedias | None = None
    personalPhotos: PersonalPhotos | None = None
    hasBackOffice: bool | None = None
    agentPid: str | None = None
    fullSync: bool | None = None
    shouldSync: bool | None = None
    checkRosterNum: bool | None = None


class ErrorCodeEnvelope(Ack):
    """`{data, errorCode, errorMsg}`: a non-zero errorCode is a refusal (read as the Ack's code)."""

    code: int | None = Field(default=None, alias="errorCode")
    message: str | None = Field(default=None, alias="errorMsg")


class AddAgentResponse(ErrorCodeEnvelope):
    data: int | None = Field(default=None, description="The new agent's user ID")


class AgentTagRequest(RequestModel):
    tagNames: Annotated[list[str], Field(min_length=1, max_length=20)]
    autoCreate: bool = Field(default=False)
    """Create tag names the team lacks; else an unknown name fails the call."""


class AddAgentTagResponse(ErrorCodeEnvelope):
    data: bool | None = Field(default=None, description="All tags added")


class ApiCommonResponse(Ack):
    """`{code, message, data}`: a non-zero code is a refusal, even with HTTP 200."""

    data: dict[str, Any] | None = None


# -- organization -------------------------------------------------------------------------------


class OfficeRequest(RequestModel):
    id: int | None = Field(default=None, description="Office ID")
    parentId: int | None = Field(default=None, description="Parent office ID; 0 or none: top level")
    name: str | None = None
    phone: str | None = None
    phoneCode: str | None = None
    phoneCountry: str | None = None
    email: str | None = None
    city: str | None = None
    state: str | None = None
    zipcode: str | None = None
    streetAddress: str | None = None
    allowManageSub: bool | None = None


class NewOfficeRequest(OfficeRequest):
    """The body of an add: an office needs a name."""

    name: str = Field(min_length=1)


class OfficeUpdateRequest(OfficeRequest):
    """The same body, for an update: which office."""

    id: int


class CompanyRequest(RequestModel):
    name: str | None = None
    phone: str | None = None
    phoneCode: str | None = None
    phoneCountry: str | None = None
    email: str | None = None
    city: str | None = None
    state: str | None = None
    zipcode: str | None = None
    streetAddress: str | None = None
    header: str | None = Field(default=None, description="Banner image URL")


class OrganizationOpResponse(ApiCommonResponse):
    """The answer of the company and office writes."""


class PermissionProfile(ResponseModel):
    id: int | None = None
    name: str | None = None


class VendorInfo(ResponseModel):
    id: int | None = Field(default=None, description="Vendor record ID (not a user ID)")
    agentUserId: int | None = Field(default=None, description="CRM user ID; 0 or none when unlinked")
    firstName: str | None = None
    lastName: str | None = None
    phoneNumber: str | None = None
    phoneCode: str | None = None
    phoneCountry: str | None = None
    email: str | None = None
    roleName: str | None = None
    companyName: str | None = None
    companyAddress: str | None = None
