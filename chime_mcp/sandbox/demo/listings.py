"""The MLS listings the website activity refers to (LeadProperty shape)."""

from __future__ import annotations

from chime_mcp.sandbox.demo.builder import Builder
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.vocabulary import LOCAL_AREAS, PROPERTY_TYPES


def build_listings(b: Builder, count: int) -> None:
    """``count`` active listings around Austin, appended to ``state.listings``."""
    for _ in range(count):
        b.state.listings.append(_listing(b))


def _listing(b: Builder) -> Record:
    city, state, county, zips = b.pick(LOCAL_AREAS)
    ptype = b.pick(PROPERTY_TYPES[:4])
    beds = b.ri(1, 3) if ptype == "Condo" else b.ri(2, 5)
    price = b.rr(250, 1800) * 1000 if ptype != "Condo" else b.rr(220, 700) * 1000
    mls = f"{b.rr(1000000, 9999999)}"
    return {
        "price": price,
        "state": state,
        "city": city,
        "streetAddress": b.street(),
        "zipCode": b.pick(zips),
        "county": county,
        "propertyType": ptype,
        "bedrooms": beds,
        "bathrooms": float(max(1, beds - b.ri(0, 1))) + (0.5 if b.rand() < 0.4 else 0.0),
        "squareFeet": beds * b.rr(450, 750) + 300,
        "lotSize": round(b.rng.uniform(0.1, 0.6), 2) if ptype != "Condo" else 0.0,
        "parkingSpace": b.ri(1, 3),
        "floors": b.ri(1, 2),
        "mailAddress": False,
        "id": None,
        "leadUserId": None,
        "listingId": mls,
        "autoListingId": None,
        "label": "",
        "note": "",
        "listingStatus": "Active",
        "labelList": "",
        "pictureUrl": f"https://photos.example.com/listings/{mls}/1.jpg",
        "siteListingUrl": f"https://homes.example.com/listing/{mls}",
        "labelType": "",
        "priceMax": None,
        "priceMin": None,
    }
