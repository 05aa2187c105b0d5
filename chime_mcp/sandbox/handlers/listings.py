"""Toolset `listings`: the MLS listing search, active listings paged by `nextPageKey`, sold ones beside."""

from __future__ import annotations

from chime_mcp.chime.catalog import listings
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import csv
from chime_mcp.sandbox.handlers.registry import Call, handler
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
