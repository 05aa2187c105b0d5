"""The leads: each one's profile (drawn in a fixed order), its parts, its history and its record.

`build_lead` is the order of the draws: lifetime, place, lead types, tags, price, ownership,
contacts, text context, milestones, inquiry and property, custom attributes, history (notes to
appointments), website activity, system logs, a transaction, then the lead record's own parts.
"""

from __future__ import annotations

from itertools import accumulate

from chime_mcp.sandbox.demo.activities import build_activities
from chime_mcp.sandbox.demo.builder import Builder
from chime_mcp.sandbox.demo.history import build_history
from chime_mcp.sandbox.demo.lead_info import LeadInfo, Ownership, Place, TextContext
from chime_mcp.sandbox.demo.lead_parts import (
    custom_attributes,
    family,
    inquiries,
    opportunity,
    phone_status,
    properties,
    segments,
    tag_records,
)
from chime_mcp.sandbox.demo.lead_record import LeadParts, lead_record
from chime_mcp.sandbox.demo.state import HISTORY_DAYS, Record
from chime_mcp.sandbox.demo.system_logs import build_system_logs
from chime_mcp.sandbox.demo.times import DAY, HOUR
from chime_mcp.sandbox.demo.transactions import build_transaction
from chime_mcp.sandbox.demo.vocabulary import (
    AWAY_AREAS,
    FIRST_NAMES,
    LAST_NAMES,
    LEAD_DOMAINS,
    LOCAL_AREAS,
    SOURCE_WEIGHTS,
    SOURCES,
    STAGE_PLAN,
    STAGE_WEIGHTS,
    STAGES,
    STREET_KINDS,
    STREETS,
)

BOB = ("Bob", "Li", "bob.li@example.com")
"""The first lead, always: an Active Buyer from Zillow with a known history."""


def build_leads(b: Builder, count: int) -> None:
    """``count`` leads (Bob Li first), then each member's lead counts."""
    rng = b.rng
    stage_cum = list(accumulate(STAGE_WEIGHTS))
    source_cum = list(accumulate(SOURCE_WEIGHTS))
    b.emails_used.add(BOB[2])
    for index in range(count):
        if index == 0:
            build_lead(b, *BOB, "Active Buyer", "Zillow", bob=True)
            continue
        first, last, email = _name(b)
        stage = rng.choices(STAGES, cum_weights=stage_cum)[0]
        source = rng.choices(SOURCES, cum_weights=source_cum)[0]
        build_lead(b, first, last, email, stage, source)
    _count_leads(b)


def _name(b: Builder) -> tuple[str, str, str]:
    """A first name, a last name and an email address not used before (and not Bob Li's)."""
    while True:
        first = b.pick(FIRST_NAMES)
        last = b.pick(LAST_NAMES)
        email = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
        email = f"{email}@{b.pick(LEAD_DOMAINS)}"
        if email not in b.emails_used and not (first == "Bob" and last == "Li"):
            b.emails_used.add(email)
            return first, last, email


def _count_leads(b: Builder) -> None:
    leads = b.state.leads
    counts: dict[int, int] = {}
    for lead in leads.values():
        uid = lead["assignedUserId"]
        if uid is not None:
            counts[uid] = counts.get(uid, 0) + 1
    for member in b.state.members.values():
        member["assignedLeadCount"] = counts.get(member["id"], 0)
        member["newLeadCount"] = sum(
            1 for lead in leads.values() if lead["assignedUserId"] == member["id"] and lead["stage"] == "New"
        )


def build_lead(b: Builder, first: str, last: str, email: str, stage: str, source: str, *, bob: bool = False) -> None:
    """One lead and everything that hangs off it."""
    info = _profile(b, first, last, email, stage, source, bob)
    st = b.state
    lead_id = info.lead_id
    inquiry_list = inquiries(b, info)
    property_list = properties(b, info)
    st.inquiries[lead_id] = inquiry_list
    st.properties[lead_id] = property_list
    custom = custom_attributes(b, info)

    touch_ts = build_history(b, info)
    activity_ts = build_activities(b, info)
    build_system_logs(b, info)
    if stage in ("Under Contract", "Closed"):
        build_transaction(b, info, property_list)
    last_update = max(touch_ts, activity_ts, info.max_ts, info.assign_time)

    tags = tag_records(b, info, last_update)
    groups = segments(b, info)
    members = family(b, info)
    status = phone_status(b, info)
    parts = LeadParts(
        inquiries=inquiry_list,
        properties=property_list,
        custom=custom,
        tags=tags,
        segments=groups,
        family=members,
        phone_status=status,
        dnc=stage == "Archived" and status == 1,
        opportunity=opportunity(b, info, activity_ts),
        touch_ts=touch_ts,
        activity_ts=activity_ts,
        last_update=last_update,
    )
    st.leads[lead_id] = lead_record(b, info, parts)


def _profile(b: Builder, first: str, last: str, email: str, stage: str, source: str, bob: bool) -> LeadInfo:
    """The lead's ids, times, place, kind, tags, price, owner, contacts and milestones."""
    lead_id = b.nid()
    lead_user_id = b.nid()
    min_age, max_age, depth, path = STAGE_PLAN[stage]
    created = _created(b, min_age, max_age, bob)
    last_ts = _went_quiet(b, stage, created)
    place = _place(b, bob)
    lead_types = _lead_types(b, stage, bob)
    buyer = lead_types[0] in (2, 3, 5, -1)
    seller = lead_types[0] in (1, 3)
    tag_names = _tag_names(b, stage, depth, buyer, seller, place.relocation, bob)
    price_k = b.rr(1000, 3000, 50) if "Luxury" in tag_names else b.rr(250, 950, 25)
    owner = _ownership(b, stage, depth, buyer, created, bob)
    phones, emails = _contacts(b, first, last, email)
    info = LeadInfo(
        lead_id=lead_id,
        lead_user_id=lead_user_id,
        first=first,
        last=last,
        email=email,
        emails=emails,
        phones=phones,
        stage=stage,
        depth=depth,
        source=source,
        bob=bob,
        created=created,
        last_ts=last_ts,
        place=place,
        lead_types=lead_types,
        buyer=buyer,
        seller=seller,
        tag_names=tag_names,
        price_k=price_k,
        agent=owner.agent,
        pond=owner.pond,
        worker=owner.worker,
        assign_time=owner.assign_time,
        lender=owner.lender,
        ctx=_text_context(b, first, place, price_k, owner.worker, source),
    )
    info.milestones = _milestones(b, stage, path, created, last_ts)
    return info


def _created(b: Builder, min_age: int, max_age: int, bob: bool) -> int:
    now = b.now
    if bob:
        return now - 74 * DAY - 5 * HOUR
    created = now - b.ri(min_age * DAY, max_age * DAY) - b.rr(DAY)
    return min(max(created, now - HISTORY_DAYS * DAY), now - 2 * HOUR)


def _went_quiet(b: Builder, stage: str, created: int) -> int:
    """When the lead went quiet: recent for active stages, earlier for nurture/archived."""
    now = b.now
    if stage == "Nurture":
        last_ts = b.between(created + (now - created) // 3, now - 20 * DAY)
    elif stage == "Archived":
        last_ts = b.between(created + DAY, created + (now - created) // 3)
    elif stage == "Closed":
        last_ts = b.between(created + (now - created) // 2, now - 7 * DAY)
    elif stage == "New":
        last_ts = now
    else:
        last_ts = b.between(max(created, now - 6 * DAY), now - 600)
    return min(max(last_ts, created + 600), now)


def _place(b: Builder, bob: bool) -> Place:
    relocation = not bob and b.rand() < 0.12
    if relocation:
        home = b.pick(AWAY_AREAS)
    else:
        home = LOCAL_AREAS[0] if bob else b.pick(LOCAL_AREAS)
    want = b.pick(LOCAL_AREAS) if not bob else LOCAL_AREAS[0]
    return Place(relocation=relocation, home=home, want=want, street=b.street())


def _lead_types(b: Builder, stage: str, bob: bool) -> list[int]:
    if stage == "Active Seller":
        return [b.pick((1, 1, 3))]
    if stage == "Active Buyer" or bob:
        return [2]
    return [b.pick((2, 2, 2, 2, 1, 1, 3, 5, -1))]


def _tag_names(b: Builder, stage: str, depth: int, buyer: bool, seller: bool, relocation: bool, bob: bool) -> list[str]:
    if bob:
        return ["Hot", "First-time buyer", "Pre-approved"]
    tag_names: list[str] = []
    if relocation:
        tag_names.append("Relocation")
    if stage == "Closed":
        tag_names.append("Past client")
    if depth >= 3 and b.rand() < 0.35:
        tag_names.append("Hot")
    for name, chance in (
        ("First-time buyer", 0.18 if buyer else 0.0),
        ("Investor", 0.08),
        ("Luxury", 0.07),
        ("VA loan", 0.06 if buyer else 0.0),
        ("Cash buyer", 0.06 if buyer else 0.0),
        ("Downsizing", 0.08 if seller else 0.0),
        ("Pre-approved", 0.2 if buyer and depth >= 2 else 0.0),
    ):
        if b.rand() < chance:  # drawn even when the chance is 0: the stream stays in step
            tag_names.append(name)
    return tag_names


def _ownership(b: Builder, stage: str, depth: int, buyer: bool, created: int, bob: bool) -> Ownership:
    """An assigned agent, a pond, or nobody yet; and a lender for some engaged buyers."""
    assign_roll = b.rand()
    agent: Record | None
    pond = None
    if bob:
        agent = b.agents[0]
    elif stage in ("New", "Attempted Contact", "Nurture", "Archived") and assign_roll < 0.2:
        agent = None
        pond = b.ponds[0] if stage in ("Nurture", "Archived") else b.ponds[1]
    elif stage in ("New", "Registered") and assign_roll < 0.3:
        agent = None
    else:
        agent = b.pick(b.agents)
    worker = agent or b.assistant
    assign_time = created + b.rr(30, 900)
    lender = b.lender if buyer and depth >= 3 and b.rand() < 0.5 else None
    return Ownership(agent=agent, pond=pond, worker=worker, assign_time=assign_time, lender=lender)


def _contacts(b: Builder, first: str, last: str, email: str) -> tuple[list[str], list[str]]:
    """The lead's phones and emails (a second of each for some)."""
    phones = [b.phone("01")]
    if b.rand() < 0.15:
        phones.append(b.phone("01"))
    emails = [email]
    if b.rand() < 0.12:
        alt = f"{first[0]}{last}{b.rr(10, 99)}".lower().replace("'", "").replace(" ", "")
        emails.append(f"{alt}@example.net")
    return phones, emails


def _text_context(b: Builder, first: str, place: Place, price_k: int, worker: Record, source: str) -> TextContext:
    city, state_code = place.home[0], place.home[1]
    return {
        "first": first,
        "city": place.want[0],
        "street": b.pick(STREETS) + " " + b.pick(STREET_KINDS),
        "price": price_k,
        "beds": b.ri(2, 4),
        "months": b.ri(2, 8),
        "agent": worker["firstName"],
        "source": source,
        "address": place.street,
        "home": f"{place.street}, {city}, {state_code}",
    }


def _milestones(b: Builder, stage: str, path: tuple[str, ...], created: int, last_ts: int) -> list[tuple[str, int]]:
    """When the lead entered each stage of ``path`` (the last one is its current stage)."""
    if not path:
        return []
    if stage == "Closed":
        close = min(max(created + 60 * DAY, last_ts - b.rr(40 * DAY)), b.now - DAY)
        contract = max(close - b.ri(25, 45) * DAY, created + 5 * DAY)
        tail = [contract, close]
    elif stage == "Under Contract":
        tail = [max(created + 10 * DAY, b.now - b.ri(3, 35) * DAY)]
    else:
        tail = []
    end = tail[0] - DAY if tail else last_ts
    early = sorted(b.between(created + HOUR, end) for _ in range(len(path) - len(tail)))
    return list(zip(path, early + tail, strict=True))
