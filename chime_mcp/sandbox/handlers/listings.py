"""Toolset `listings`: the MLS listing search, active listings paged by `nextPageKey`, sold ones beside;
the v2 search (scope, filter conditions, pages) and the team's published listings feed (XML)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final
from xml.sax.saxutils import escape

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import listings
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import csv, full_name, me
from chime_mcp.sandbox.handlers.registry import Call, Xml, handler
from chime_mcp.sandbox.store import Record


def _matching(call: Call) -> list[Record]:
    """The listings with one of the MLS ids asked for and the street asked for (when asked)."""
    wanted = set(csv(call.text("mlsListingIds")))
    street = (call.text("street") or "").strip().lower()
    return [
        item
        for item in call.st.listings
        if (not wanted or str(item.get("listingId")).lower() in wanted)
        and (not street or street in (item.get("streetAddress") or "").lower())
    ]


def _offset(call: Call) -> int:
    try:
        return int(call.text("nextPageKey") or call.text("listingId") or 0)
    except ValueError:
        raise bad("nextPageKey: not a key this search returned") from None


@handler(listings.SEARCH_LISTINGS)
def search_listings(call: Call) -> Record:
    found = _matching(call)
    active = [item for item in found if item.get("listingStatus") != "Sold"]
    sold = [item for item in found if item.get("listingStatus") == "Sold"]
    limit = call.integer_or_default("limit")
    offset = _offset(call)
    chunk = active[offset : offset + limit]
    metadata: Record = {
        "collection": "listings",
        "limit": limit,
        "total": len(found),
        "activeTotal": len(active),
        "soldTotal": len(sold),
    }
    if offset + len(chunk) < len(active):
        metadata["nextPageKey"] = str(offset + len(chunk))
    # The live API sends `_listingMetadata`; the published document calls it `get_listingMetadata`.
    return {
        "listIng": {"listings": chunk},
        "soldListing": {"listings": sold[:limit]},
        "_listingMetadata": metadata,
    }


# -- beyond the reference (issue 14): the v2 search and the published listings feed ---------------
#
# Each listing has a listing agent, drawn from its MLS id: two in three are the team's (the admin
# or an agent, so `my` and `office` find some), the rest agents of other brokerages. `office` is
# the listing agent's office (a member's groupId) being the caller's.

OUTSIDE_AGENTS: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("5106715", "Dawn Thorburn", "6043409", "Rocky Properties Inc."),
    ("5108802", "Luis Ortega", "6043511", "Hill Country Homes"),
    ("5110034", "Grace Whitfield", "6043620", "Lone Star Realty Group"),
)
"""(agentId, agentName, agentOrgId, agentOrgName) of listing agents outside the team."""
_CONDITIONS: Final = frozenset({"location", "price", "beds", "baths", "sqFt", "propertyType", "purchaseType"})
"""The filter conditions the sandbox knows (the live API takes more: daysOnSite, ...)."""
_SORTS: Final[dict[str, tuple[str, bool]]] = {
    "PRICE_ASC": ("price", False),
    "PRICE_DESC": ("price", True),
    "BEDROOMS_DESC": ("bedrooms", True),
    "BATHS_DESC": ("bathrooms", True),
    "SQFT_DESC": ("squareFeet", True),
}
_LUXURY: Final = 1_000_000


def listing_agent(call: Call, item: Record) -> Record | None:
    """The team member who lists `item`, or None when an agent of another brokerage does."""
    number = int(str(item.get("listingId") or 0)) if str(item.get("listingId") or "").isdigit() else 0
    if number % 3 == 0:
        return None
    listers = sorted(
        (m for m in call.st.members.values() if m.get("roleName") in ("Admin", "Agent")), key=lambda m: m["id"]
    )
    return listers[(number // 3) % len(listers)] if listers else None


def _listing_item(call: Call, item: Record) -> Record:
    agent = listing_agent(call, item)
    if agent is not None:
        who = (str(agent["id"]), full_name(agent), str(agent.get("groupId")), agent.get("groupName"))
    else:
        who = OUTSIDE_AGENTS[int(str(item["listingId"])) % len(OUTSIDE_AGENTS)]
    ptype = item.get("propertyType")
    return {
        "listingId": str(item["listingId"]),
        "mlsListingId": f"ACT{item['listingId']}",
        "listingStreetName": item.get("streetAddress"),
        "listingCity": item.get("city"),
        "listingState": item.get("state"),
        "listingZipcode": [item["zipCode"]] if item.get("zipCode") else [],
        "county": item.get("county"),
        "area": item.get("city"),
        "price": str(int(item.get("price") or 0)),
        "beds": item.get("bedrooms"),
        "baths": item.get("bathrooms"),
        "sqft": item.get("squareFeet"),
        "totalAvailableAcres": str(item.get("lotSize") or 0),
        "listingStatus": item.get("listingStatus"),
        "purchaseType": "For Sale",
        "propertyTypes": [ptype] if ptype else [],
        "propertyTypePrimary": "Residential",
        "propertyTypeSecondary": ptype,
        "pictureList": [item["pictureUrl"]] if item.get("pictureUrl") else [],
        "agentId": who[0],
        "agentName": who[1],
        "agentOrgId": who[2],
        "agentOrgName": who[3],
        "hoaFee": -1.0,
        "condoFee": -1.0,
        "garageParkingSpaces": float(item.get("parkingSpace") or 0),
        "mlsListDateL": 0,
    }


def _in_scope(call: Call, item: Record, scope: str) -> bool:
    if scope == "all":
        return True
    agent = listing_agent(call, item)
    if agent is None:
        return False
    mine = me(call)
    return agent["id"] == mine["id"] if scope == "my" else agent.get("groupId") == mine.get("groupId")


def _bounds(name: str, value: object) -> tuple[float | None, float | None]:
    """An inputBox range, "min,max" (either side may be empty)."""
    low, _, high = str(value).partition(",")
    try:
        return (float(low) if low.strip() else None, float(high) if high.strip() else None)
    except ValueError:
        raise bad(f'filterConditions.{name}: a range "min,max" expected') from None


def _texts(name: str, value: object) -> set[str]:
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return {v.lower() for v in value}
    raise bad(f"filterConditions.{name}: a list of labels expected")


def _passes(item: Record, name: str, value: object) -> bool:
    if name == "location":
        if not isinstance(value, dict):
            raise bad('filterConditions.location: e.g. {"city": ["Austin"]}')
        return all(str(item.get(key) or "").lower() in _texts(f"location.{key}", v) for key, v in value.items())
    if name in ("propertyType", "purchaseType"):
        have = item.get("propertyType") if name == "propertyType" else "For Sale"
        return str(have or "").lower() in _texts(name, value)
    field = {"price": "price", "beds": "bedrooms", "baths": "bathrooms", "sqFt": "squareFeet"}[name]
    low, high = _bounds(name, value)
    have = float(item.get(field) or 0)
    return (low is None or have >= low) and (high is None or have <= high)


@handler(listings.FIND_LISTINGS)
def find_listings(call: Call) -> Record:
    query = call.body
    assert isinstance(query, m.ListingQueryRequest)
    conditions = query.filterConditions or {}
    unknown = sorted(set(conditions) - _CONDITIONS)
    if unknown:
        raise bad(f"filterConditions: unknown condition {', '.join(unknown)}; known: {', '.join(sorted(_CONDITIONS))}")
    sold = bool(query.soldFlag)
    found = [
        item
        for item in call.st.listings
        if (item.get("listingStatus") == "Sold") == sold
        and _in_scope(call, item, query.searchScope)
        and all(_passes(item, name, value) for name, value in conditions.items())
    ]
    for sort in reversed(query.sortFields or []):  # the first sort field is the last applied
        if sort in _SORTS:
            field, descending = _SORTS[sort]
            found.sort(key=lambda item: float(item.get(field) or 0), reverse=descending)
    size, number = query.pageSize, query.pageNum
    chunk = found[(number - 1) * size : number * size]
    pages = -(-len(found) // size)
    metadata = {
        "collection": "listing",
        "pageSize": size,
        "pageNum": number,
        "totalCount": len(found),
        "totalPage": pages,
        "hasMore": number < pages,
    }
    return {"listing": [_listing_item(call, item) for item in chunk], "metadata": metadata}


_FEEDS: Final[dict[str, Callable[[Record], bool]]] = {
    "AllOnMarket": lambda item: True,
    "LuxVT": lambda item: float(item.get("price") or 0) >= _LUXURY,
    "AptCom": lambda item: item.get("propertyType") in ("Condo", "Townhouse"),
}
"""Which of the team's active listings each feed carries (luxury; condos and townhomes; all)."""
_FEED_FIELDS: Final = (
    ("listingId", "listingId"),
    ("status", "listingStatus"),
    ("price", "price"),
    ("street", "streetAddress"),
    ("city", "city"),
    ("state", "state"),
    ("zip", "zipCode"),
    ("propertyType", "propertyType"),
    ("bedrooms", "bedrooms"),
    ("bathrooms", "bathrooms"),
    ("squareFeet", "squareFeet"),
    ("url", "siteListingUrl"),
)


@handler(listings.LIST_PUBLISHED_LISTINGS)
def list_published_listings(call: Call) -> Xml:
    feed = call.text("type") or "AllOnMarket"
    chosen = [
        item
        for item in call.st.listings
        if item.get("listingStatus") == "Active" and listing_agent(call, item) is not None and _FEEDS[feed](item)
    ]
    parts = [f'<?xml version="1.0" encoding="UTF-8"?><listings feed="{feed}" count="{len(chosen)}">']
    for item in chosen:
        agent = listing_agent(call, item)
        fields = "".join(f"<{tag}>{escape(str(item.get(key) or ''))}</{tag}>" for tag, key in _FEED_FIELDS)
        parts.append(f"<listing>{fields}<agent>{escape(full_name(agent) if agent else '')}</agent></listing>")
    parts.append("</listings>")
    return Xml("".join(parts))
