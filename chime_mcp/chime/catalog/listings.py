"""Listing search."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, LeadLimit
from chime_mcp.chime.operation import Body, Effect, Operation, Param

SEARCH_LISTINGS: Final = Operation(
    tool="search_listings",
    method="GET",
    path="/v1.0/listing",
    title="Search listings",
    description="Active and sold listings of the team or an agent.",
    toolset="listings",
    effect=Effect.READ,
    result=m.ListingPage,
    params=(
        Param(name="userId", location="query", annotation=Id, description="Agent whose listings to search"),
        Param(
            name="listingId",
            location="query",
            annotation=str,
            description="Cursor for active listings",
            deviation="The reference marks it required; the published API does not.",
        ),
        Param(
            name="soldListingId",
            location="query",
            annotation=str,
            description="Cursor for sold listings",
            deviation="The reference marks it required; the published API does not.",
        ),
        Param(
            name="nextPageKey",
            location="query",
            annotation=str,
            description="From the previous page of active listings",
        ),
        Param(
            name="soldNextPageKey",
            location="query",
            annotation=str,
            description="From the previous page of sold listings",
            beyond_reference=True,
        ),
        Param(name="mlsListingIds", location="query", annotation=str, description="Comma-separated MLS ids"),
        Param(name="street", location="query", annotation=str),
        Param(name="buildingName", location="query", annotation=str, beyond_reference=True),
        Param(name="buildingAddress", location="query", annotation=str, beyond_reference=True),
        Param(name="officeListings", location="query", annotation=bool),
        Param(name="agentListings", location="query", annotation=bool),
        Param(name="showCondition", location="query", annotation=bool),
        Param(name="limit", location="query", annotation=LeadLimit, default=25),
    ),
    omitted={
        "openHouse": "The reference documents it; the published API defines no such parameter, so it "
        "would be ignored without a word.",
    },
)

# -- beyond the reference, from the published document (issue 14) ----------------------------------

FIND_LISTINGS: Final = Operation(
    tool="find_listings",
    method="POST",
    path="/v2.0/listings/search",
    title="Find listings",
    description="MLS listings by location, price, beds and more.",
    toolset="listings",
    # A read sent as POST: offered in read-only mode and retried as safe.
    effect=Effect.READ,
    result=m.ListingV2SearchResponse,
    body=Body(name="listingQuery", model=m.ListingQueryRequest, tool_hidden=("sortFields", "returnFields", "pageSize")),
)

LIST_PUBLISHED_LISTINGS: Final = Operation(
    tool="list_published_listings",
    method="GET",
    path="/v1.0/getPublishedListings",
    title="List published listings",
    description="Published listings feed (XML).",
    toolset="listings",
    effect=Effect.READ,
    result=m.PublishedListingsFeed,
    params=(Param(name="type", location="query", annotation=m.PublishedFeed, required=True),),
)
