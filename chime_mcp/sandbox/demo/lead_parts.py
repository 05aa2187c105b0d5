"""The parts of a lead drawn after its profile: inquiry, property, custom attributes, tags,
segments, family, phone status and opportunity."""

from __future__ import annotations

from chime_mcp.sandbox.demo.builder import Builder
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY
from chime_mcp.sandbox.demo.vocabulary import FIRST_NAMES, PROPERTY_TYPES


def inquiries(b: Builder, info: LeadInfo) -> list[Record]:
    """A buyer's search (LeadInquiry): price, property types, beds and baths, where."""
    if not info.buyer:
        return []
    price_k = info.price_k
    want = info.place.want
    inquiry_id = b.nid()
    ptypes = ["Single Family Home"] if b.rand() < 0.6 else ["Single Family Home", "Townhouse"]
    if b.rand() < 0.15:
        ptypes = ["Condo"]
    return [
        {
            "priceMin": max(0, price_k - b.rr(50, 150, 25)) * 1000,
            "priceMax": price_k * 1000,
            "propertyType": ptypes,
            "bedroomsMin": info.ctx["beds"],
            "bathroomsMin": str(b.pick((1, 2, 2))),
            "locations": [
                {
                    "stateCode": want[1],
                    "city": want[0],
                    "zipCode": "",
                    "county": want[2],
                    "streetAddress": "",
                    "description": "",
                }
            ],
            "id": inquiry_id,
            "leadUserId": info.lead_user_id,
            "bedroomsMax": None,
            "bathroomsMax": None,
            "modifyByAgent": b.rand() < 0.3,
            "createTime": b.fmt(info.created),
            "updateTime": b.fmt(b.between(info.created, info.last_ts)),
            "defaultValue": True,
        }
    ]


def properties(b: Builder, info: LeadInfo) -> list[Record]:
    """A seller's home, or for some other leads a mailing address (LeadProperty)."""
    seller = info.seller
    if not (seller or b.rand() < 0.25):
        return []
    city, state_code, county, zips = info.place.home
    ptype = b.pick(PROPERTY_TYPES[:4])
    beds = b.ri(2, 5)
    return [
        {
            "price": (info.price_k + b.rr(-50, 150, 25)) * 1000 if seller else None,
            "state": state_code,
            "city": city,
            "streetAddress": info.place.street,
            "zipCode": zips[0],
            "county": county,
            "propertyType": ptype,
            "bedrooms": beds,
            "bathrooms": float(max(1, beds - 1)),
            "squareFeet": beds * b.rr(450, 750) + 300,
            "lotSize": round(b.rng.uniform(0.1, 0.5), 2),
            "parkingSpace": b.ri(1, 3),
            "floors": b.ri(1, 2),
            "mailAddress": not seller,
            "id": b.nid(),
            "leadUserId": info.lead_user_id,
            "listingId": "",
            "autoListingId": None,
            "label": "Home" if seller else "Mailing address",
            "note": "",
            "listingStatus": "",
            "labelList": "",
            "pictureUrl": "",
            "siteListingUrl": "",
            "labelType": "",
            "priceMax": None,
            "priceMin": None,
        }
    ]


def custom_attributes(b: Builder, info: LeadInfo) -> list[Record]:
    """Values of the team's custom fields: pre-approval amount, school district, home anniversary."""
    custom: list[Record] = []
    if info.buyer and info.depth >= 2 and b.rand() < 0.5:
        custom.append(
            {
                "attributeName": "Pre-approval amount",
                "attributeType": "currency",
                "value": str(info.price_k * 1000),
                "params": None,
            }
        )
    if b.rand() < 0.25:
        custom.append(
            {
                "attributeName": "School district",
                "attributeType": "single_select",
                "value": b.pick(("Austin ISD", "Round Rock ISD", "Leander ISD", "Eanes ISD")),
                "params": None,
            }
        )
    if info.stage == "Closed":
        custom.append(
            {
                "attributeName": "Home anniversary",
                "attributeType": "anniversary_date",
                "value": b.fmt(info.milestones[-1][1])[:10],
                "params": None,
            }
        )
    return custom


def tag_records(b: Builder, info: LeadInfo, last_update: int) -> list[Record]:
    """The lead's tags (TagVo), each added some time between its creation and its last update."""
    records = []
    for name in info.tag_names:
        tag = b.tag_by_name[name]
        t = b.fmt(b.between(info.created, last_update))
        records.append(
            {
                "leadId": info.lead_id,
                "tagId": tag["tagId"],
                "createTime": t,
                "updateTime": t,
                "tagName": name,
                "creatorUserId": info.worker["id"],
                "visibleType": 0,
            }
        )
    return records


def segments(b: Builder, info: LeadInfo) -> list[str]:
    stage, source = info.stage, info.source
    names: list[str] = []
    if stage == "Closed":
        names.append("Past Clients")
    if source == "Sphere" or source == "Referral":
        names.append("Sphere of Influence")
    if info.place.relocation:
        names.append("Relocation")
    if "Investor" in info.tag_names:
        names.append("Investors")
    if source == "Open House" and b.rand() < 0.6:
        names.append("Open House - Mueller")
    if source == "Zillow" and b.rand() < 0.3:
        names.append("Zillow Flex")
    if info.depth >= 2 and b.rand() < 0.4:
        names.append("Buyers 2026" if info.buyer else "Sellers 2026")
    return names


def family(b: Builder, info: LeadInfo) -> list[Record]:
    """A spouse, partner or parent for about a quarter of the leads."""
    if not b.rand() < 0.25:
        return []
    last = info.last
    partner_first = b.pick(FIRST_NAMES)
    return [
        {
            "relationship": b.pick(("Spouse", "Spouse", "Partner", "Parent")),
            "firstName": partner_first,
            "lastName": last,
            "phones": [b.phone("01")] if b.rand() < 0.6 else [],
            "emails": [f"{partner_first}.{last}".lower().replace("'", "") + "@example.com"] if b.rand() < 0.5 else [],
            "birthday": b.birthday() if b.rand() < 0.3 else None,
        }
    ]


def phone_status(b: Builder, info: LeadInfo) -> int:
    """The status of every phone of the lead: 3 (valid) once spoken to, 2 before; 1 for some archived."""
    status = 3 if info.depth >= 2 else 2
    if info.stage == "Archived" and b.rand() < 0.3:
        status = 1
    return status


def opportunity(b: Builder, info: LeadInfo, activity_ts: int) -> str | None:
    """A smart-plan opportunity for some leads active on the website in the last week."""
    if info.bob:
        return "High Interest"
    if activity_ts > b.now - 7 * DAY and b.rand() < 0.5:
        return b.pick(("Sell", "Back on Market") if not info.buyer else ("High Interest", "Back to Site"))
    return None
