"""The v2 listing search, from the published document (the v1 search may fail with API keys)."""

from typing import Any, Literal

from pydantic import Field, model_validator

from chime_mcp.chime.models.base import RequestModel, ResponseModel
from chime_mcp.chime.models.results import WireResult

SearchScope = Literal["my", "office", "all"]
PublishedFeed = Literal["LuxVT", "AptCom", "AllOnMarket"]
"""The feed variants of the published listings (an XML feed for syndication partners)."""


class ListingQueryRequest(RequestModel):
    searchScope: SearchScope = "all"
    soldFlag: bool | None = None
    filterConditions: dict[str, Any] | None = None
    """e.g. {"location":{"city":["Austin"]},"price":"100000,500000","beds":"2,"} (the listings
    toolset's instructions tell the model)."""
    sortFields: list[str] | None = Field(default=None, description="e.g. PRICE_ASC, MLS_LIST_DATE_L_DESC")
    returnFields: list[str] | None = None
    pageNum: int = Field(default=1, ge=1)
    pageSize: int = Field(default=25, ge=1, le=100)


class ListingItem(ResponseModel):
    listingId: str | None = None
    mlsListingId: str | None = None
    listingStreetName: str | None = None
    listingCity: str | None = None
    listingState: str | None = None
    listingZipcode: list[str] | None = None
    county: str | None = None
    area: str | None = None
    chimeArea: str | None = None
    subDivisionName: str | None = None
    community: str | None = None
    chimeComplex: str | None = None
    price: str | None = None
    beds: float | None = None
    baths: float | None = None
    sqft: float | None = None
    builtYear: int | None = None
    totalAvailableAcres: str | None = None
    detailsDescribe: str | None = None
    listingStatus: str | None = None
    purchaseType: str | None = None
    propertyTypes: list[str] | None = None
    propertyTypePrimary: str | None = None
    propertyTypeSecondary: str | None = None
    pictureList: list[str] | None = None
    openHouseSchedules: str | None = None
    openHouseSchedulesStart: str | None = None
    openHouseSchedulesEnd: str | None = None
    agentId: str | None = None
    agentName: str | None = None
    agentOrgId: str | None = None
    agentOrgName: str | None = None
    coAgentId: str | None = None
    coAgentName: str | None = None
    coAgentOrgId: str | None = None
    coAgentOrgName: str | None = None
    hoaFee: float | None = Field(default=None, description="-1: none")
    hoaFeeFrequency: str | None = None
    condoFee: float | None = Field(default=None, description="-1: none")
    condoFeeFrequency: str | None = None
    chimeMaintenanceFee: float | None = None
    garageParkingSpaces: float | None = None
    interiorFeatures: str | None = None
    exterior: str | None = None
    mlsListDateL: int | None = Field(default=None, description="Epoch ms; 0: unknown")


class ListingV2Metadata(ResponseModel):
    collection: str | None = None
    pageSize: int | None = None
    pageNum: int | None = None
    totalCount: int | None = None
    totalPage: int | None = None
    hasMore: bool | None = None


class ListingV2SearchResponse(ResponseModel):
    listing: list[ListingItem] | None = None
    metadata: ListingV2Metadata | None = None


class PublishedListingsFeed(WireResult):
    """The published listings feed: the XML text the API sends (application/xml), kept as it is."""

    xml: str = Field(default="", description="The feed; empty when the API sent nothing")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if data is None:
            return {}
        if isinstance(data, str | bytes):
            return {"xml": data.decode() if isinstance(data, bytes) else data}
        return data
