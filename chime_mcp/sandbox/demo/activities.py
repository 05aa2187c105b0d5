"""A lead's website activity (LeadActivity): searches, viewed/saved/requested listings, form
submissions. Times are epoch milliseconds."""

from __future__ import annotations

from chime_mcp.sandbox.demo.builder import Builder
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY
from chime_mcp.sandbox.demo.vocabulary import SEARCH_TEXTS, SUBMISSION_PAGES

_WEB_SOURCES = ("Website", "Zillow", "Realtor.com", "Google Ads", "Facebook Ads")


def build_activities(b: Builder, info: LeadInfo) -> int:
    """The lead's activity, newest first. Returns the last visit's time (0 if none)."""
    web = info.source in _WEB_SOURCES or info.bob
    low, high = ((2, 9) if info.buyer else (0, 3)) if web and info.stage != "Archived" else (0, 2)
    n = b.ri(low, high)
    end = info.last_ts if info.stage in ("Nurture", "Archived", "Closed") else b.now - 60
    items: list[Record] = []
    last = 0
    for _ in range(n):
        t = b.between(info.created, end)
        items.append(_activity(b, info, t))
        last = max(last, t)
    items.sort(key=_created_desc)
    b.state.activities[info.lead_id] = items
    return last


def _activity(b: Builder, info: LeadInfo, t: int) -> Record:
    roll = b.rand()
    listing = b.pick(b.state.listings)
    if roll < 0.25:
        city = info.ctx["city"]
        return {
            "type": "Search",
            "text": b.pick(SEARCH_TEXTS).format_map(info.ctx),
            "link": f"https://homes.example.com/search?city={city.replace(' ', '+')}",
            "picture": "https://homes.example.com/static/search.jpg",
            "listing": None,
            "created": t * 1000 + b.rr(1000),
            "scheduledDate": None,
            "pageName": None,
        }
    if roll < 0.93:
        kind = "Browse" if roll < 0.75 else ("Favorite" if roll < 0.9 else "Request")
        text = (
            "Viewed listing" if kind == "Browse" else ("Saved listing" if kind == "Favorite" else "Requested a showing")
        )
        return {
            "type": kind,
            "text": f"{text}: {listing['streetAddress']}, {listing['city']}",
            "link": listing["siteListingUrl"],
            "picture": listing["pictureUrl"],
            "listing": dict(listing),
            "created": t * 1000 + b.rr(1000),
            "scheduledDate": b.fmt(t + b.ri(1, 5) * DAY)[:10] if kind == "Request" else None,
            "pageName": None,
        }
    page = b.pick(SUBMISSION_PAGES)
    return {
        "type": "Submission",
        "text": f"Submitted the {page} form",
        "link": f"https://homes.example.com/{page.lower().replace(' ', '-')}",
        "picture": "https://homes.example.com/static/form.jpg",
        "listing": None,
        "created": t * 1000 + b.rr(1000),
        "scheduledDate": None,
        "pageName": page,
    }


def _created_desc(record: Record) -> int:
    return -int(record["created"])
