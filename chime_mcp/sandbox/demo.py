"""Deterministic demo data for the sandbox, shaped exactly like the live Chime/Lofty API.

`build_demo_state(seed)` returns a `DemoState`: a small real-estate team (one admin, eight agents,
a lender and an assistant), about 200 leads and a plausible history for each of them (notes, dialer
calls, emails, texts, logged calls/emails/texts, tasks, appointments, website activity, transactions
and system logs). Every record is a plain dict in the live wire format (camelCase keys, the time
formats the API uses), so the sandbox can serve it as is.

Time formats, as on the wire:
- notes, tasks, logs, calls, emails, texts, leads, tags, inquiries, appointment ``createTime``/
  ``lastUpdate``: ``yyyy-MM-dd HH:mm:ss`` (UTC); an open task's ``finishTime`` is ``""``;
- transactions, website activity ``created``, appointment ``deadline``/``endTime``/``finishTime``,
  routing ``updateTime``: epoch milliseconds;
- system logs ``timelineTime``/``createTime``/``updateTime``: ISO-8601 with milliseconds and offset
  (``2026-06-10T05:51:02.165+00:00``), as Lofty's reference for GET /v1.0/systemLogs says;
- birthdays: ``MMM d, yyyy``.

Pure stdlib, driven only by ``random.Random(seed)`` and a reference "now", so the same arguments
always give an identical state.
"""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

Record = dict[str, Any]
_T = TypeVar("_T")

DEFAULT_NOW = datetime(2026, 6, 15, 16, 30, 0, tzinfo=UTC)
"""The reference "now" when none is given: history lies before it, open tasks around it."""

ID_BASE = 600_000_000_000_000
"""Every 64-bit id in the demo state is ``ID_BASE + n``, unique across all collections."""

HISTORY_DAYS = 540
"""How far back the history reaches (about 18 months)."""

STAGES: tuple[str, ...] = (
    "New",
    "Attempted Contact",
    "Spoke with Customer",
    "Appointment Set",
    "Met with Customer",
    "Registered",
    "Active Buyer",
    "Active Seller",
    "Under Contract",
    "Closed",
    "Nurture",
    "Archived",
)

SOURCES: tuple[str, ...] = (
    "Zillow",
    "Realtor.com",
    "Website",
    "Open House",
    "Referral",
    "Facebook Ads",
    "Google Ads",
    "Sphere",
)

TAG_NAMES: tuple[str, ...] = (
    "Hot",
    "First-time buyer",
    "Relocation",
    "Investor",
    "Luxury",
    "VA loan",
    "Cash buyer",
    "Past client",
    "Downsizing",
    "Pre-approved",
)

SEGMENTS: tuple[str, ...] = (
    "Buyers 2026",
    "Sellers 2026",
    "Sphere of Influence",
    "Past Clients",
    "Open House - Mueller",
    "Zillow Flex",
    "Relocation",
    "Investors",
)

ROUTING_TYPES: tuple[int, ...] = (1, 2, 4)
"""Routing business types: AGENT_LEAD(1), LENDER_LEAD(2), ASSISTANT_LEAD(4)."""

ROLE_CODES: dict[str, int] = {"Agent": 0, "Admin": 1, "Lender": 2, "Assistant": 4}
"""UserResponse.role codes used by the demo (the API does not document the numbers)."""

SYSTEM_LOG_TYPES: dict[str, int] = {
    "NewLead": 2,
    "EditNote": 17,
    "AssignAgent": 31,
    "AssignLender": 32,
    "TeamStageChange": 38,
    "MoveToLeadPond": 44,
}
"""timelineTypeDesc -> timelineType. 17 (edit note) and 38 (stage change) are documented by Lofty;
the other codes are the demo's own choice."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY = 86_400
_HOUR = 3_600
_HH_MM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
_SS = tuple(f"{s:02d}" for s in range(60))


@dataclass
class DemoState:
    """Everything the sandbox serves, in wire format.

    Keys: ``members`` by user id (``id == memberUserId``); ``leads`` by ``leadId``; ``notes`` by
    ``noteId`` (a note's ``id`` is its timeline id, as on the wire); ``transactions`` by
    ``transactionId`` (each also carries ``leadId``); ``system_logs`` by the int form of their ``id``
    (a string on the wire); ``tags`` by ``tagId``; ``webhooks`` by ``subscribeId``; everything else
    by ``id``. ``activities``, ``inquiries`` and ``properties`` have a (maybe empty) list for every
    lead; a lead's ``leadPropertyList`` *is* its ``properties`` list and its ``leadInquiry`` the last
    of its ``inquiries`` (same objects), so appending to them updates the lead. ``logs`` carry an
    extra ``logType`` ("Call"/"Email"/"Text"; the wire filter is logCall/logEmail/logText) to strip
    before serving.
    """

    me_id: int
    team_id: int
    org: Record
    members: dict[int, Record]
    leads: dict[int, Record]
    notes: dict[int, Record]
    tasks: dict[int, Record]
    calls: dict[int, Record]
    emails: dict[int, Record]
    texts: dict[int, Record]
    logs: dict[int, Record]
    appointments: dict[int, Record]
    activities: dict[int, list[Record]]
    transactions: dict[int, Record]
    system_logs: dict[int, Record]
    tags: dict[int, Record]
    custom_fields: list[Record]
    lead_ponds: dict[int, Record]
    routing_roles: list[Record]
    routing_rules: dict[int, list[Record]]
    supplement_rules: dict[int, Record]
    webhooks: dict[int, Record]
    inquiries: dict[int, list[Record]]
    properties: dict[int, list[Record]]
    next_id: int
    stage_ids: dict[str, int] = field(default_factory=dict)
    """Stage name -> stageId (what a lead's ``stageId`` refers to)."""
    source_ids: dict[str, int] = field(default_factory=dict)
    """Source name -> leadSource id."""
    listings: list[Record] = field(default_factory=list)
    """The MLS listings the website activity refers to (LeadProperty shape)."""
    now: datetime = DEFAULT_NOW
    """The reference time the state was built around."""


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST_NAMES = _words(
    "James Maria Wei Aisha Carlos Emily Hiroshi Fatima Liam Sofia Jamal Priya Ethan Mei Diego Olivia "
    "Kwame Hannah Raj Isabella Noah Ana Tyler Linh Grace Omar Chloe Andre Yuki Lucas Zoe Mateo Leah "
    "Samuel Amara Ryan Camila Daniel Ngozi Kevin Valentina Marcus Ingrid Santiago Layla Benjamin Rosa "
    "Arjun Madison Elijah Sakura Jacob Lucia Anthony Nadia Caleb Ava Hassan Brooke Victor Jasmine "
    "Min-jun Rebecca Tomas Keisha Owen Lena Andrew Aaliyah Gabriel Megan Dmitri Paige Jorge Tara "
    "Xavier Naomi"
)
_LAST_NAMES = _words(
    "Smith Garcia Chen Johnson Nguyen Patel Williams Rodriguez Kim Brown Martinez Okafor Davis Lopez "
    "Tanaka Wilson Hernandez Singh Anderson Gonzalez Thompson Perez Wang Moore Ramirez Jackson Ali "
    "Martin Lee Clark Sanchez Lewis Robinson Walker Young Flores Nakamura Hall Rivera Allen Torres "
    "Wright Mensah Scott Nguyen-Tran Green Adams Baker Kowalski Nelson Carter Mitchell Reyes Cohen "
    "O'Brien Murphy Cook Ivanova Morgan Bell Diaz Shah Cooper Park Richardson Cruz Howard Ward Hughes "
    "Alvarez Schmidt Price Haddad"
)
_LEAD_DOMAINS = ("example.com", "example.net", "example.org")

# (city, state, county, zips)
_LOCAL_AREAS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Austin", "TX", "Travis", ("78701", "78702", "78703", "78704", "78723", "78731", "78745", "78757")),
    ("Round Rock", "TX", "Williamson", ("78664", "78665", "78681")),
    ("Cedar Park", "TX", "Williamson", ("78613",)),
    ("Georgetown", "TX", "Williamson", ("78626", "78628", "78633")),
    ("Pflugerville", "TX", "Travis", ("78660",)),
    ("Leander", "TX", "Williamson", ("78641",)),
    ("Kyle", "TX", "Hays", ("78640",)),
    ("Buda", "TX", "Hays", ("78610",)),
    ("Lakeway", "TX", "Travis", ("78734", "78738")),
    ("Dripping Springs", "TX", "Hays", ("78620",)),
    ("Hutto", "TX", "Williamson", ("78634",)),
    ("Bee Cave", "TX", "Travis", ("78738",)),
)
_AWAY_AREAS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("San Jose", "CA", "Santa Clara", ("95112", "95125")),
    ("Chicago", "IL", "Cook", ("60614", "60657")),
    ("Denver", "CO", "Denver", ("80205", "80210")),
    ("Seattle", "WA", "King", ("98103", "98115")),
    ("Phoenix", "AZ", "Maricopa", ("85016", "85018")),
    ("Brooklyn", "NY", "Kings", ("11215", "11238")),
)
_STREETS = (
    "Oak",
    "Maple",
    "Cedar",
    "Pecan",
    "Live Oak",
    "Bluebonnet",
    "Lamar",
    "Barton Hills",
    "Mesa",
    "Red Bud",
    "Shoal Creek",
    "Riverside",
    "Sunset",
    "Hill Country",
    "Willow",
    "Brushy Creek",
    "Mockingbird",
    "Magnolia",
    "Lost Creek",
    "Spicewood",
    "Canyon View",
    "Juniper",
    "Sage",
)
_STREET_KINDS = ("St", "Ave", "Dr", "Ln", "Blvd", "Ct", "Trl", "Way", "Cv", "Pass")
_PROPERTY_TYPES = ("Single Family Home", "Condo", "Townhouse", "Multi-Family", "Land")
_LANGUAGES = ("English",) * 14 + ("Spanish", "Spanish", "Mandarin", "Vietnamese", "Hindi", "Korean")
_TIMEFRAMES = ("1-3", "3-6", "6-12", "12+", "Just Looking")

# Per stage: (min age days, max age days, engagement depth 0-6, stages passed through to get here)
_STAGE_PLAN: dict[str, tuple[int, int, int, tuple[str, ...]]] = {
    "New": (0, 10, 0, ()),
    "Attempted Contact": (1, 45, 1, ("Attempted Contact",)),
    "Spoke with Customer": (5, 120, 2, ("Attempted Contact", "Spoke with Customer")),
    "Appointment Set": (5, 90, 3, ("Spoke with Customer", "Appointment Set")),
    "Met with Customer": (10, 150, 4, ("Spoke with Customer", "Appointment Set", "Met with Customer")),
    "Registered": (0, 300, 1, ("Registered",)),
    "Active Buyer": (15, 240, 4, ("Spoke with Customer", "Met with Customer", "Active Buyer")),
    "Active Seller": (15, 240, 4, ("Spoke with Customer", "Met with Customer", "Active Seller")),
    "Under Contract": (45, 300, 5, ("Spoke with Customer", "Met with Customer", "Under Contract")),
    "Closed": (90, 530, 6, ("Spoke with Customer", "Met with Customer", "Under Contract", "Closed")),
    "Nurture": (30, 530, 2, ("Attempted Contact", "Spoke with Customer", "Nurture")),
    "Archived": (60, 530, 1, ("Attempted Contact", "Archived")),
}
_STAGE_WEIGHTS = (12, 12, 10, 6, 5, 8, 11, 6, 6, 8, 11, 5)
_SOURCE_WEIGHTS = (20, 12, 14, 8, 10, 10, 8, 8)

# Texts are (minimum engagement depth, text): a lead only gets what its stage makes plausible.
_NOTE_TEXTS: tuple[tuple[int, str], ...] = (
    (0, "Left voicemail, will try again Thursday afternoon."),
    (0, "{first} prefers texts over calls during work hours."),
    (0, "Referred by a past client, very motivated."),
    (1, "No answer on two attempts; sent an intro text and email."),
    (2, "Spoke with {first}: looking in {city}, {beds}+ beds, budget around ${price}k. Wants a yard."),
    (2, "Discussed {city} inventory, will send the pre-approval doc tomorrow."),
    (2, "Lease ends in {months} months; needs to close before then."),
    (2, "{first} is relocating for work, starts the new job in {months} months."),
    (2, "Wants to sell the current house first, asked for a CMA."),
    (2, "Concerned about rising rates; reviewed buydown options with the lender."),
    (2, "Not ready yet, asked to check back in the fall."),
    (2, "Interested in investment properties under ${price}k, duplexes preferred."),
    (2, "Asked to be removed from the daily listing alert, keep the weekly one."),
    (3, "{first} is pre-approved with a local lender, wants to tour this weekend."),
    (3, "Met at the open house on {street}. Very engaged, asked about school districts."),
    (3, "Sent {first} three listings in {city}; liked the one with the big kitchen."),
    (4, "Toured 4 homes in {city}. Top pick needs a new roof, considering an offer."),
    (4, "Spouse needs to see the house before making an offer."),
    (5, "Offer accepted! Inspection scheduled, option period ends Friday."),
    (5, "Appraisal came in at value. Clear to close expected next week."),
    (6, "Closing went smoothly. Sent a closing gift and asked for a review."),
)
_CALL_NOTES_TALKED: tuple[tuple[int, str], ...] = (
    (0, "Answered questions about HOA fees."),
    (0, "Checked in, still looking."),
    (2, "Discussed pre-approval timeline."),
    (2, "Went over the listings sent yesterday."),
    (3, "Scheduled a showing for Saturday."),
    (4, "Talked about pricing strategy."),
    (5, "Walked through the inspection report."),
    (6, "Checked in after closing, all good."),
)
_EMAIL_SUBJECTS_AUTO = (
    "New listings in {city} that match your search",
    "Your weekly market report for {city}",
    "Price drop on a home you viewed",
    "Welcome! Here is how to search homes in {city}",
    "Homes just listed near {city}",
)
_EMAIL_SUBJECTS_MANUAL: tuple[tuple[int, str], ...] = (
    (0, "Following up on your home search"),
    (0, "Re: Question about the {city} listing"),
    (2, "Your pre-approval next steps"),
    (2, "CMA for your home"),
    (3, "Homes to tour this weekend"),
    (5, "Offer update"),
    (5, "Closing checklist"),
    (6, "Happy home anniversary!"),
)
_TEXTS_OUT: tuple[tuple[int, str], ...] = (
    (
        0,
        "Hi {first}, this is {agent} with Harbor & Pine Realty. Saw you were looking at homes in {city}."
        " Any questions I can answer?",
    ),
    (0, "Hi {first}, just sent you a few new listings in {city}. Let me know which ones you like!"),
    (2, "Are you free to tour homes this Saturday?"),
    (3, "Reminder: our showing is tomorrow at 10am."),
    (6, "Congrats again on the new home, {first}!"),
)
_TEXTS_IN: tuple[tuple[int, str], ...] = (
    (0, "Thanks! We will take a look tonight."),
    (0, "Not right now, maybe next month."),
    (0, "Is the house on {street} still available?"),
    (2, "Can you send more info on the one on {street}?"),
    (3, "Yes, Saturday works for us."),
)
_LOG_TEXTS: dict[str, tuple[tuple[int, str], ...]] = {
    "Call": (
        (0, "Left a message about the new listing on {street}."),
        (2, "Called from my cell. {first} wants to see homes in {city} next week."),
        (5, "Quick call about the inspection report."),
    ),
    "Email": (
        (0, "Sent the neighborhood guide for {city}."),
        (2, "Emailed a few off-market options from my Gmail account."),
        (5, "Emailed the signed disclosures from my Gmail account."),
    ),
    "Text": (
        (0, "Texted the open house details for {street}."),
        (3, "Texted from my personal phone: confirmed the showing time."),
        (5, "Sent the lockbox code for the walkthrough."),
    ),
}
_TASK_TEXTS: dict[str, tuple[tuple[int, str], ...]] = {
    "Call": (
        (0, "Follow-up call: new lead from {source}"),
        (0, "Call {first} to check in"),
        (2, "Call {first} about pre-approval"),
        (4, "Call {first} to follow up on the showings"),
        (6, "Call {first} for a review and referrals"),
    ),
    "Email": (
        (0, "Email {first} new listings in {city}"),
        (2, "Send CMA to {first}"),
        (5, "Email closing checklist to {first}"),
    ),
    "Text": ((0, "Text {first} a quick check-in"), (3, "Text {first} to confirm the showing")),
    "Other": (
        (0, "Set up a saved search for {first} in {city}"),
        (2, "Prepare a CMA for {first}"),
        (4, "Prepare offer documents for {first}"),
        (6, "Drop off closing gift for {first}"),
    ),
}
_APPT_BUYER = ("Buyer consultation with {first}", "Showing tour in {city}")
_APPT_SELLER = ("Listing appointment with {first}", "Pricing consultation with {first}")
_SEARCH_TEXTS = (
    "{city}, {beds}+ beds, under ${price}k",
    "{city} single family homes",
    "{city} homes with pool",
    "New construction near {city}",
)
_SUBMISSION_PAGES = ("Home Valuation", "Blog Registration", "Contact Agent", "Open House Sign-in")


def _by_depth(pool: tuple[tuple[int, str], ...]) -> tuple[tuple[str, ...], ...]:
    """For each engagement depth 0-6, the texts of ``pool`` plausible at that depth (in pool order)."""
    return tuple(tuple(text for need, text in pool if need <= depth) for depth in range(7))


_NOTES = _by_depth(_NOTE_TEXTS)
_CALL_NOTES = _by_depth(_CALL_NOTES_TALKED)
_MANUAL_SUBJECTS = _by_depth(_EMAIL_SUBJECTS_MANUAL)
_OUT_TEXTS = _by_depth(_TEXTS_OUT)
_IN_TEXTS = _by_depth(_TEXTS_IN)
_LOGS = {kind: _by_depth(pool) for kind, pool in _LOG_TEXTS.items()}
_TASKS = {kind: _by_depth(pool) for kind, pool in _TASK_TEXTS.items()}


# ---------------------------------------------------------------------------------------------
# Builder
# ---------------------------------------------------------------------------------------------


class _Builder:
    """One use: holds the random stream, the clock, the id counter and the growing collections."""

    def __init__(self, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.rand = self.rng.random
        self.now = int(now.timestamp())
        self.now_dt = now
        self.today_start = self.now - self.now % _DAY
        self._days: dict[int, str] = {}
        self._next = ID_BASE + 1
        self.state = DemoState(
            me_id=0,
            team_id=0,
            org={},
            members={},
            leads={},
            notes={},
            tasks={},
            calls={},
            emails={},
            texts={},
            logs={},
            appointments={},
            activities={},
            transactions={},
            system_logs={},
            tags={},
            custom_fields=[],
            lead_ponds={},
            routing_roles=[],
            routing_rules={},
            supplement_rules={},
            webhooks={},
            inquiries={},
            properties={},
            next_id=0,
            now=now,
        )
        self.phones: set[str] = set()
        self.emails_used: set[str] = set()

    # -- ids and times ----------------------------------------------------------------------

    def nid(self) -> int:
        n = self._next
        self._next = n + 1
        return n

    def _day(self, day: int) -> str:
        text = self._days.get(day)
        if text is None:
            text = datetime.fromtimestamp(day * _DAY, UTC).strftime("%Y-%m-%d")
            self._days[day] = text
        return text

    def fmt(self, ts: int) -> str:
        """``yyyy-MM-dd HH:mm:ss`` (UTC)."""
        day, sec = divmod(ts, _DAY)
        minute, second = divmod(sec, 60)
        return f"{self._days.get(day) or self._day(day)} {_HH_MM[minute]}:{_SS[second]}"

    def iso(self, ts: int, millis: int) -> str:
        """ISO-8601 with milliseconds and a UTC offset, as system logs carry."""
        day, sec = divmod(ts, _DAY)
        minute, second = divmod(sec, 60)
        return f"{self._days.get(day) or self._day(day)}T{_HH_MM[minute]}:{_SS[second]}.{millis:03d}+00:00"

    # Fast, deterministic draws on top of Random.random() (randint/randrange/choice are slow).

    def ri(self, low: int, high: int) -> int:
        """A random integer in [low, high]."""
        return low + int(self.rand() * (high - low + 1))

    def rr(self, start: int, stop: int | None = None, step: int = 1) -> int:
        """Like randrange: a random integer in range(start, stop, step)."""
        if stop is None:
            return int(self.rand() * start)
        return start + step * int(self.rand() * ((stop - start + step - 1) // step))

    def pick(self, seq: Sequence[_T]) -> _T:
        """A random element of a non-empty sequence."""
        return seq[int(self.rand() * len(seq))]

    def sample(self, size: int, k: int) -> list[int]:
        """``k`` distinct indexes out of ``range(size)``, in random order."""
        pool = list(range(size))
        for i in range(k):
            j = i + int(self.rand() * (size - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def between(self, start: int, end: int) -> int:
        return start if end <= start else start + int(self.rand() * (end - start + 1))

    def work_between(self, start: int, end: int) -> int:
        """A random time in [start, end], moved into US business hours (14:00-23:00 UTC is 9am-6pm
        Central) when that keeps it in range."""
        ts = self.between(start, end)
        moved = ts - ts % _DAY + 14 * _HOUR + int(self.rand() * 9 * _HOUR)
        return moved if start <= moved <= end else ts

    def phone(self, prefix: str) -> str:
        while True:
            number = f"(555) {prefix}{self.rr(10)}-{self.rr(10000):04d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    # -- team --------------------------------------------------------------------------------

    def build_team(self) -> None:
        st = self.state
        st.team_id = self.nid()
        office_id = self.nid()
        north_office_id = self.nid()
        company_id = self.nid()
        created = self.now - 900 * _DAY
        offices = {
            office_id: ("Harbor & Pine Realty - Central Austin", "Austin", "78704", "1401 S Lamar Blvd"),
            north_office_id: ("Harbor & Pine Realty - Round Rock", "Round Rock", "78664", "210 E Main St"),
        }

        def office(oid: int, agent_count: int) -> Record:
            name, city, zipcode, street = offices[oid]
            return {
                "id": oid,
                "teamId": st.team_id,
                "parentId": company_id,
                "websiteOwnerId": None,
                "name": name,
                "type": 1,
                "phone": "(555) 020-0100",
                "phoneCode": "+1",
                "phoneCountry": "US",
                "email": "office@example.org",
                "city": city,
                "state": "TX",
                "zipcode": zipcode,
                "streetAddress": street,
                "webSiteUrl": "https://homes.example.com",
                "createTime": self.fmt(created),
                "updateTime": self.fmt(created + 40 * _DAY),
                "path": f"/{company_id}/{oid}/",
                "showInSite": True,
                "defaultFlag": oid == office_id,
                "allowManageSub": oid == office_id,
                "agentCount": agent_count,
                "boundNumber": "",
                "status": "ACTIVE",
                "layer": 2,
                "childPath": "",
            }

        people = (
            ("Morgan", "Ellis", "Admin", "Team Leader / Broker"),
            ("Alex", "Rivera", "Agent", "Buyer's Agent"),
            ("Jordan", "Blake", "Agent", "Buyer's Agent"),
            ("Samantha", "Cho", "Agent", "Listing Specialist"),
            ("Marcus", "Bennett", "Agent", "Buyer's Agent"),
            ("Elena", "Vasquez", "Agent", "Luxury Specialist"),
            ("Derek", "Osei", "Agent", "Buyer's Agent"),
            ("Rachel", "Goldberg", "Agent", "Relocation Specialist"),
            ("Tyrone", "Washington", "Agent", "Investor Specialist"),
            ("Priya", "Raman", "Lender", "Loan Officer"),
            ("Casey", "Nguyen", "Assistant", "Inside Sales Associate"),
        )
        me_id = 0
        for index, (first, last, role_name, position) in enumerate(people):
            uid = self.nid()
            if index == 0:
                me_id = uid
            in_north = role_name == "Agent" and index % 3 == 0
            group_id = north_office_id if in_north else office_id
            st.members[uid] = {
                "id": uid,
                "teamId": st.team_id,
                "invitorUserId": None if index == 0 else me_id,
                "memberUserId": uid,
                "role": ROLE_CODES[role_name],
                "roleName": role_name,
                "firstLetter": first[0],
                "email": f"{first.lower()}.{last.lower()}@example.org",
                "firstName": first,
                "lastName": last,
                "phoneNumber": self.phone("02"),
                "status": 1,
                "virtualNumber": self.phone("03") if role_name != "Lender" else "",
                "newLeadCount": 0,
                "assignedLeadCount": 0,
                "isAdmin": role_name == "Admin",
                "agentInfo": {
                    "licenseId": f"TX-{self.rr(400000, 799999)}",
                    "position": position,
                    "companyName": "Harbor & Pine Realty",
                    "companyAddress": "1401 S Lamar Blvd, Austin, TX 78704",
                    "mlsAgentId": f"ACT{self.rr(100000, 999999)}" if role_name != "Lender" else "",
                    "agentPid": "",
                },
                "timeZoneId": "America/Chicago",
                "groupId": group_id,
                "groupName": offices[group_id][0],
                "group": None,
                "accountStatus": "ACTIVE",
            }
        st.me_id = me_id
        counts = {office_id: 0, north_office_id: 0}
        for member in st.members.values():
            counts[member["groupId"]] += 1
        for member in st.members.values():
            member["group"] = office(member["groupId"], counts[member["groupId"]])

        self.agents = [m for m in st.members.values() if m["roleName"] == "Agent"]
        self.admin = st.members[me_id]
        self.lender = next(m for m in st.members.values() if m["roleName"] == "Lender")
        self.assistant = next(m for m in st.members.values() if m["roleName"] == "Assistant")

        st.org = {
            "orgType": 1,
            "enterpriseInfo": {
                "groupId": company_id,
                "groupName": "Harbor & Pine Realty",
                "profileId": self.nid(),
                "profileName": "Company Owner",
                "visibleOrgInfoList": [
                    {"groupId": company_id, "groupName": "Harbor & Pine Realty", "parentId": 0},
                    {"groupId": office_id, "groupName": offices[office_id][0], "parentId": company_id},
                    {
                        "groupId": north_office_id,
                        "groupName": offices[north_office_id][0],
                        "parentId": company_id,
                    },
                ],
            },
            "multiTeamInfo": None,
        }

        for stage in STAGES:
            st.stage_ids[stage] = self.nid()
        for index, source in enumerate(SOURCES):
            st.source_ids[source] = index + 1

        for index, name in enumerate(TAG_NAMES):
            tag_id = self.nid()
            t = created + (index * 17 + 5) * _DAY
            st.tags[tag_id] = {
                "leadId": None,
                "tagId": tag_id,
                "createTime": self.fmt(t),
                "updateTime": self.fmt(t),
                "tagName": name,
                "creatorUserId": me_id,
                "visibleType": 0,
            }
        self.tag_by_name = {t["tagName"]: t for t in st.tags.values()}

        st.custom_fields = [
            {
                "attributeName": "Pre-approval amount",
                "attributeType": "currency",
                "value": None,
                "params": None,
            },
            {
                "attributeName": "School district",
                "attributeType": "single_select",
                "value": None,
                "params": json.dumps(
                    {"option": ["Austin ISD", "Round Rock ISD", "Leander ISD", "Eanes ISD", "Hays CISD"]}
                ),
            },
            {
                "attributeName": "Home anniversary",
                "attributeType": "anniversary_date",
                "value": None,
                "params": None,
            },
        ]

        agent_ids = [a["id"] for a in self.agents]
        pond_a, pond_b = self.nid(), self.nid()
        st.lead_ponds = {
            pond_a: {
                "id": pond_a,
                "pondName": "Unresponsive 60+ days",
                "pondOwnerId": me_id,
                "agentIds": agent_ids,
            },
            pond_b: {
                "id": pond_b,
                "pondName": "Zillow Flex overflow",
                "pondOwnerId": me_id,
                "agentIds": agent_ids[:4],
            },
        }
        self.ponds = list(st.lead_ponds.values())
        self._build_routing(created)

        hook_id = self.nid()
        st.webhooks = {
            hook_id: {
                "subscribeId": hook_id,
                "teamId": st.team_id,
                "listId": 2,
                "vendorId": self.nid(),
                "callbackUrl": "https://hooks.example.com/chime/lead-info",
                "limit": 100,
                "permissionMode": 0,
            }
        }

    def _build_routing(self, created: int) -> None:
        st = self.state
        agents = self.agents
        updated_ms = (created + 120 * _DAY) * 1000

        def weights(members: list[Record], weight: int = 1) -> list[Record]:
            return [
                {
                    "memberId": m["id"],
                    "firstName": m["firstName"],
                    "lastName": m["lastName"],
                    "weight": weight,
                }
                for m in members
            ]

        def rule(
            name: str,
            strategy: Record,
            *,
            source: str | None = None,
            tags: list[str] | None = None,
            lead_type: str | None = None,
            price: tuple[int, int] | None = None,
            city: str | None = None,
            switch: bool = True,
            days: list[int] | None = None,
        ) -> Record:
            return {
                "id": self.nid(),
                "name": name,
                "locationRule": {
                    "locationMatchType": 1 if city else 2,
                    "state": "TX" if city else "",
                    "county": "",
                    "city": city or "",
                    "zipcode": "",
                    "streetAddress": "",
                },
                "sourceName": source or "",
                "sourceMatchType": 1 if source else 2,
                "tagNames": tags or [],
                "tagMatchType": 1 if tags else 2,
                "groupNames": [],
                "groupMatchType": 2,
                "phone": "",
                "priceMin": price[0] if price else None,
                "priceMax": price[1] if price else None,
                "leadType": lead_type or "",
                "leadTypeFilters": json.dumps([{"type": "one_of", "ids": lead_type}]) if lead_type else "",
                "activeHours": {"activeDays": days or [1, 2, 3, 4, 5, 6, 7], "hoursStart": 0, "hoursEnd": 23},
                "routingStrategy": strategy,
                "ruleSwitch": switch,
                "updateTime": updated_ms,
            }

        pond = self.ponds[1]
        st.routing_rules = {
            1: [
                rule(
                    "Luxury $1M+",
                    {
                        "strategyType": 1,
                        "groupId": None,
                        "groupName": "",
                        "touchMinutes": 10,
                        "memberWeights": weights([agents[4], agents[2]]),
                    },
                    price=(1_000_000, 10_000_000),
                ),
                rule(
                    "Relocation",
                    {
                        "strategyType": 2,
                        "groupId": None,
                        "groupName": "",
                        "touchMinutes": 15,
                        "memberWeights": weights([agents[6], agents[0]]),
                    },
                    tags=["Relocation"],
                ),
                rule(
                    "Zillow buyers",
                    {
                        "strategyType": 3,
                        "groupId": None,
                        "groupName": "",
                        "touchMinutes": 0,
                        "memberWeights": weights(agents[:5], 2) + weights(agents[5:], 1),
                    },
                    source="Zillow",
                    lead_type="2",
                ),
                rule(
                    "Website sellers",
                    {
                        "strategyType": 3,
                        "groupId": None,
                        "groupName": "",
                        "touchMinutes": 0,
                        "memberWeights": weights([agents[2], agents[7]]),
                    },
                    source="Website",
                    lead_type="1",
                ),
                rule(
                    "After-hours overflow to pond",
                    {
                        "strategyType": 4,
                        "groupId": pond["id"],
                        "groupName": pond["pondName"],
                        "touchMinutes": 0,
                        "memberWeights": [],
                    },
                    switch=False,
                    days=[6, 7],
                ),
            ],
            2: [
                rule(
                    "Buyers to in-house lender",
                    {
                        "strategyType": 3,
                        "groupId": None,
                        "groupName": "",
                        "touchMinutes": 0,
                        "memberWeights": weights([self.lender]),
                    },
                    lead_type="2",
                ),
            ],
            4: [
                rule(
                    "New leads to ISA",
                    {
                        "strategyType": 1,
                        "groupId": None,
                        "groupName": "",
                        "touchMinutes": 5,
                        "memberWeights": weights([self.assistant]),
                    },
                ),
            ],
        }
        st.routing_roles = [
            {"id": 101, "name": "Inside Sales Associate"},
            {"id": 102, "name": "Transaction Coordinator"},
            {"id": 103, "name": "Showing Assistant"},
        ]
        self.isa_role = st.routing_roles[0]
        admin = self.admin
        st.supplement_rules = {
            1: {
                "roleId": None,
                "businessType": 1,
                "strategyType": 3,
                "touchMinutes": 0,
                "assigneeAgentName": f"{admin['firstName']} {admin['lastName']}",
                "assigneeAgentId": admin["id"],
                "assigneeGroupName": "",
                "assigneeGroupId": None,
                "updateTime": updated_ms,
            },
            2: {
                "roleId": None,
                "businessType": 2,
                "strategyType": 3,
                "touchMinutes": 0,
                "assigneeAgentName": f"{self.lender['firstName']} {self.lender['lastName']}",
                "assigneeAgentId": self.lender["id"],
                "assigneeGroupName": "",
                "assigneeGroupId": None,
                "updateTime": updated_ms,
            },
            4: {
                "roleId": self.isa_role["id"],
                "businessType": 4,
                "strategyType": 1,
                "touchMinutes": 10,
                "assigneeAgentName": f"{self.assistant['firstName']} {self.assistant['lastName']}",
                "assigneeAgentId": self.assistant["id"],
                "assigneeGroupName": "",
                "assigneeGroupId": None,
                "updateTime": updated_ms,
            },
        }

    # -- listings ----------------------------------------------------------------------------

    def build_listings(self, count: int) -> None:
        rng = self.rng
        listings = self.state.listings
        for _ in range(count):
            city, state, county, zips = self.pick(_LOCAL_AREAS)
            ptype = self.pick(_PROPERTY_TYPES[:4])
            beds = self.ri(1, 3) if ptype == "Condo" else self.ri(2, 5)
            price = self.rr(250, 1800) * 1000 if ptype != "Condo" else self.rr(220, 700) * 1000
            mls = f"{self.rr(1000000, 9999999)}"
            listings.append(
                {
                    "price": price,
                    "state": state,
                    "city": city,
                    "streetAddress": f"{self.ri(100, 9899)} {self.pick(_STREETS)} {self.pick(_STREET_KINDS)}",
                    "zipCode": self.pick(zips),
                    "county": county,
                    "propertyType": ptype,
                    "bedrooms": beds,
                    "bathrooms": float(max(1, beds - self.ri(0, 1))) + (0.5 if self.rand() < 0.4 else 0.0),
                    "squareFeet": beds * self.rr(450, 750) + 300,
                    "lotSize": round(rng.uniform(0.1, 0.6), 2) if ptype != "Condo" else 0.0,
                    "parkingSpace": self.ri(1, 3),
                    "floors": self.ri(1, 2),
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
            )

    # -- leads -------------------------------------------------------------------------------

    def _name(self) -> tuple[str, str, str]:
        while True:
            first = self.pick(_FIRST_NAMES)
            last = self.pick(_LAST_NAMES)
            email = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
            email = f"{email}@{self.pick(_LEAD_DOMAINS)}"
            if email not in self.emails_used and not (first == "Bob" and last == "Li"):
                self.emails_used.add(email)
                return first, last, email

    def build_leads(self, count: int) -> None:
        rng = self.rng
        stage_cum = _cumulative(_STAGE_WEIGHTS)
        source_cum = _cumulative(_SOURCE_WEIGHTS)
        self.emails_used.add("bob.li@example.com")
        for index in range(count):
            if index == 0:
                self._lead("Bob", "Li", "bob.li@example.com", "Active Buyer", "Zillow", bob=True)
                continue
            first, last, email = self._name()
            stage = rng.choices(STAGES, cum_weights=stage_cum)[0]
            source = rng.choices(SOURCES, cum_weights=source_cum)[0]
            self._lead(first, last, email, stage, source)
        counts: dict[int, int] = {}
        for lead in self.state.leads.values():
            uid = lead["assignedUserId"]
            if uid is not None:
                counts[uid] = counts.get(uid, 0) + 1
        for member in self.state.members.values():
            member["assignedLeadCount"] = counts.get(member["id"], 0)
            member["newLeadCount"] = sum(
                1
                for lead in self.state.leads.values()
                if lead["assignedUserId"] == member["id"] and lead["stage"] == "New"
            )

    def _lead(self, first: str, last: str, email: str, stage: str, source: str, *, bob: bool = False) -> None:
        rng = self.rng
        st = self.state
        now = self.now
        lead_id = self.nid()
        lead_user_id = self.nid()
        min_age, max_age, depth, path = _STAGE_PLAN[stage]
        if bob:
            created = now - 74 * _DAY - 5 * _HOUR
        else:
            created = now - self.ri(min_age * _DAY, max_age * _DAY) - self.rr(_DAY)
            created = min(max(created, now - HISTORY_DAYS * _DAY), now - 2 * _HOUR)
        # When the lead went quiet: recent for active stages, earlier for nurture/archived.
        if stage == "Nurture":
            last_ts = self.between(created + (now - created) // 3, now - 20 * _DAY)
        elif stage == "Archived":
            last_ts = self.between(created + _DAY, created + (now - created) // 3)
        elif stage == "Closed":
            last_ts = self.between(created + (now - created) // 2, now - 7 * _DAY)
        elif stage == "New":
            last_ts = now
        else:
            last_ts = self.between(max(created, now - 6 * _DAY), now - 600)
        last_ts = min(max(last_ts, created + 600), now)

        relocation = not bob and self.rand() < 0.12
        if relocation:
            home_area = self.pick(_AWAY_AREAS)
        else:
            home_area = _LOCAL_AREAS[0] if bob else self.pick(_LOCAL_AREAS)
        city, state_code, county, zips = home_area
        want_area = self.pick(_LOCAL_AREAS) if not bob else _LOCAL_AREAS[0]
        street = f"{self.ri(100, 9899)} {self.pick(_STREETS)} {self.pick(_STREET_KINDS)}"

        if stage == "Active Seller":
            lead_types = [self.pick((1, 1, 3))]
        elif stage == "Active Buyer" or bob:
            lead_types = [2]
        else:
            lead_types = [self.pick((2, 2, 2, 2, 1, 1, 3, 5, -1))]
        lead_type = lead_types[0]
        buyer = lead_type in (2, 3, 5, -1)
        seller = lead_type in (1, 3)

        # Tags.
        tag_names: list[str] = []
        if bob:
            tag_names = ["Hot", "First-time buyer", "Pre-approved"]
        else:
            if relocation:
                tag_names.append("Relocation")
            if stage == "Closed":
                tag_names.append("Past client")
            if depth >= 3 and self.rand() < 0.35:
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
                if self.rand() < chance:
                    tag_names.append(name)
        luxury = "Luxury" in tag_names
        price_k = self.rr(1000, 3000, 50) if luxury else self.rr(250, 950, 25)

        # Ownership: assigned agent, pond, or nobody yet.
        assign_roll = self.rand()
        agent: Record | None
        pond: Record | None = None
        if bob:
            agent = self.agents[0]
        elif stage in ("New", "Attempted Contact", "Nurture", "Archived") and assign_roll < 0.2:
            agent = None
            pond = self.ponds[0] if stage in ("Nurture", "Archived") else self.ponds[1]
        elif stage in ("New", "Registered") and assign_roll < 0.3:
            agent = None
        else:
            agent = self.pick(self.agents)
        worker = agent or self.assistant
        assign_time = created + self.rr(30, 900)
        lender = self.lender if buyer and depth >= 3 and self.rand() < 0.5 else None

        phones = [self.phone("01")]
        if self.rand() < 0.15:
            phones.append(self.phone("01"))
        emails = [email]
        if self.rand() < 0.12:
            alt = f"{first[0]}{last}{self.rr(10, 99)}".lower().replace("'", "").replace(" ", "")
            emails.append(f"{alt}@example.net")
        ctx = {
            "first": first,
            "city": want_area[0],
            "street": self.pick(_STREETS) + " " + self.pick(_STREET_KINDS),
            "price": price_k,
            "beds": self.ri(2, 4),
            "months": self.ri(2, 8),
            "agent": worker["firstName"],
            "source": source,
            "address": street,
            "home": f"{street}, {city}, {state_code}",
        }
        info = _LeadInfo(
            lead_id=lead_id,
            lead_user_id=lead_user_id,
            first=first,
            last=last,
            email=email,
            phone=phones[0],
            stage=stage,
            depth=depth,
            created=created,
            last_ts=last_ts,
            worker=worker,
            agent=agent,
            pond=pond,
            ctx=ctx,
            bob=bob,
            assign_time=assign_time,
            seller=seller,
        )
        info.milestones = self._milestones(stage, path, created, last_ts)

        inquiries: list[Record] = []
        if buyer:
            inquiry_id = self.nid()
            ptypes = ["Single Family Home"] if self.rand() < 0.6 else ["Single Family Home", "Townhouse"]
            if self.rand() < 0.15:
                ptypes = ["Condo"]
            inquiries.append(
                {
                    "priceMin": max(0, price_k - self.rr(50, 150, 25)) * 1000,
                    "priceMax": price_k * 1000,
                    "propertyType": ptypes,
                    "bedroomsMin": ctx["beds"],
                    "bathroomsMin": str(self.pick((1, 2, 2))),
                    "locations": [
                        {
                            "stateCode": want_area[1],
                            "city": want_area[0],
                            "zipCode": "",
                            "county": want_area[2],
                            "streetAddress": "",
                            "description": "",
                        }
                    ],
                    "id": inquiry_id,
                    "leadUserId": lead_user_id,
                    "bedroomsMax": None,
                    "bathroomsMax": None,
                    "modifyByAgent": self.rand() < 0.3,
                    "createTime": self.fmt(created),
                    "updateTime": self.fmt(self.between(created, last_ts)),
                    "defaultValue": True,
                }
            )
        properties: list[Record] = []
        if seller or self.rand() < 0.25:
            ptype = self.pick(_PROPERTY_TYPES[:4])
            beds = self.ri(2, 5)
            properties.append(
                {
                    "price": (price_k + self.rr(-50, 150, 25)) * 1000 if seller else None,
                    "state": state_code,
                    "city": city,
                    "streetAddress": street,
                    "zipCode": zips[0],
                    "county": county,
                    "propertyType": ptype,
                    "bedrooms": beds,
                    "bathrooms": float(max(1, beds - 1)),
                    "squareFeet": beds * self.rr(450, 750) + 300,
                    "lotSize": round(rng.uniform(0.1, 0.5), 2),
                    "parkingSpace": self.ri(1, 3),
                    "floors": self.ri(1, 2),
                    "mailAddress": not seller,
                    "id": self.nid(),
                    "leadUserId": lead_user_id,
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
            )
        st.inquiries[lead_id] = inquiries
        st.properties[lead_id] = properties

        custom: list[Record] = []
        if buyer and depth >= 2 and self.rand() < 0.5:
            custom.append(
                {
                    "attributeName": "Pre-approval amount",
                    "attributeType": "currency",
                    "value": str(price_k * 1000),
                    "params": None,
                }
            )
        if self.rand() < 0.25:
            custom.append(
                {
                    "attributeName": "School district",
                    "attributeType": "single_select",
                    "value": self.pick(("Austin ISD", "Round Rock ISD", "Leander ISD", "Eanes ISD")),
                    "params": None,
                }
            )
        if stage == "Closed":
            custom.append(
                {
                    "attributeName": "Home anniversary",
                    "attributeType": "anniversary_date",
                    "value": self.fmt(info.milestones[-1][1])[:10],
                    "params": None,
                }
            )

        # History.
        touch_ts = self._history(info)
        activity_ts = self._activities(info, buyer, source)
        self._system_logs(info, source, lender)
        if stage in ("Under Contract", "Closed"):
            self._transaction(info, price_k, seller and not buyer, properties)
        last_update = max(touch_ts, activity_ts, info.max_ts, assign_time)

        tag_vos = []
        for name in tag_names:
            tag = self.tag_by_name[name]
            t = self.fmt(self.between(created, last_update))
            tag_vos.append(
                {
                    "leadId": lead_id,
                    "tagId": tag["tagId"],
                    "createTime": t,
                    "updateTime": t,
                    "tagName": name,
                    "creatorUserId": worker["id"],
                    "visibleType": 0,
                }
            )
        segments: list[str] = []
        if stage == "Closed":
            segments.append("Past Clients")
        if source == "Sphere" or source == "Referral":
            segments.append("Sphere of Influence")
        if relocation:
            segments.append("Relocation")
        if "Investor" in tag_names:
            segments.append("Investors")
        if source == "Open House" and self.rand() < 0.6:
            segments.append("Open House - Mueller")
        if source == "Zillow" and self.rand() < 0.3:
            segments.append("Zillow Flex")
        if depth >= 2 and self.rand() < 0.4:
            segments.append("Buyers 2026" if buyer else "Sellers 2026")

        family: list[Record] = []
        if self.rand() < 0.25:
            partner_first = self.pick(_FIRST_NAMES)
            family.append(
                {
                    "relationship": self.pick(("Spouse", "Spouse", "Partner", "Parent")),
                    "firstName": partner_first,
                    "lastName": last,
                    "phones": [self.phone("01")] if self.rand() < 0.6 else [],
                    "emails": [f"{partner_first}.{last}".lower().replace("'", "") + "@example.com"]
                    if self.rand() < 0.5
                    else [],
                    "birthday": self._birthday() if self.rand() < 0.3 else None,
                }
            )
        phone_status = 3 if depth >= 2 else 2
        if stage == "Archived" and self.rand() < 0.3:
            phone_status = 1
        dnc = stage == "Archived" and phone_status == 1
        opportunity: str | None = None
        if bob:
            opportunity = "High Interest"
        elif activity_ts > now - 7 * _DAY and self.rand() < 0.5:
            opportunity = self.pick(("Sell", "Back on Market") if not buyer else ("High Interest", "Back to Site"))

        lead: Record = {
            "cannotText": dnc,
            "cannotCall": dnc,
            "cannotEmail": False,
            "leadId": lead_id,
            "leadUserId": lead_user_id,
            "firstName": first,
            "lastName": last,
            "birthday": "Jun 5, 1991" if bob else (self._birthday() if self.rand() < 0.35 else None),
            "emails": emails,
            "phones": phones,
            "leadSource": st.source_ids[source],
            "source": source,
            "stageId": st.stage_ids[stage],
            "stage": stage,
            "assignedUserId": agent["id"] if agent else None,
            "assignedUser": _full(agent) if agent else None,
            "lenderUserId": lender["id"] if lender else None,
            "score": min(100, depth * 12 + self.rr(0, 30)),
            "tags": tag_vos,
            "teamId": st.team_id,
            "streetAddress": street,
            "city": city,
            "state": state_code,
            "zipCode": self.pick(zips),
            "createTime": self.fmt(created),
            "assignTime": self.fmt(assign_time) if agent else None,
            "facebook": f"facebook.com/{first.lower()}.{last.lower()}" if self.rand() < 0.08 else None,
            "twitter": None,
            "hiddenFlag": False,
            "referredBy": _full(self.pick(self.agents))
            if source == "Referral" and self.rand() < 0.3
            else (f"{self.pick(_FIRST_NAMES)} {self.pick(_LAST_NAMES)}" if source == "Referral" else None),
            "leadInquiry": inquiries[-1] if inquiries else None,
            "leadPropertyList": properties,
            "customAttributes": custom,
            "lastUpdateTime": self.fmt(last_update),
            "groups": segments,
            "segments": list(segments),
            "unsubscription": stage == "Archived" and self.rand() < 0.3,
            "leadTypes": lead_types,
            "lastTouch": self.fmt(touch_ts) if touch_ts > created else None,
            "lastVisit": self.fmt(activity_ts) if activity_ts > created else None,
            "phoneStatuses": [phone_status] * len(phones),
            "assignCompletionStatus": agent is not None,
            "buyingTimeFrame": self.pick(_TIMEFRAMES) if buyer else None,
            "preQual": ("Yes" if lender or "Pre-approved" in tag_names else "No") if buyer else None,
            "houseToSell": "Yes" if seller else "No",
            "fthb": "Yes" if "First-time buyer" in tag_names else "No",
            "withBuyerAgent": "No",
            "sellingTimeFrame": self.pick(_TIMEFRAMES) if seller else None,
            "mortgage": ("No" if "Cash buyer" in tag_names else "Yes") if buyer else None,
            "buyHouse": "Yes" if buyer else "No",
            "withListingAgent": "No",
            "opportunity": opportunity,
            "leadFamilyMemberList": family,
            "pondId": pond["id"] if pond else None,
            "pondName": pond["pondName"] if pond else None,
            "customRoleList": [
                {
                    "roleId": self.isa_role["id"],
                    "role": self.isa_role["name"],
                    "assigneeId": self.assistant["id"],
                    "assignee": self.assistant["email"],
                }
            ]
            if depth <= 2 and self.rand() < 0.3
            else [],
            "language": "English" if bob else self.pick(_LANGUAGES),
            "ownershipId": st.team_id,
            "ownershipScope": "TEAM",
        }
        st.leads[lead_id] = lead

    def _milestones(self, stage: str, path: tuple[str, ...], created: int, last_ts: int) -> list[tuple[str, int]]:
        """When the lead entered each stage of ``path`` (the last one is its current stage)."""
        if not path:
            return []
        if stage == "Closed":
            close = min(max(created + 60 * _DAY, last_ts - self.rr(40 * _DAY)), self.now - _DAY)
            contract = max(close - self.ri(25, 45) * _DAY, created + 5 * _DAY)
            tail = [contract, close]
        elif stage == "Under Contract":
            tail = [max(created + 10 * _DAY, self.now - self.ri(3, 35) * _DAY)]
        else:
            tail = []
        end = tail[0] - _DAY if tail else last_ts
        early = sorted(self.between(created + _HOUR, end) for _ in range(len(path) - len(tail)))
        return list(zip(path, early + tail, strict=True))

    def _birthday(self) -> str:
        return f"{_MONTHS[self.rr(12)]} {self.ri(1, 28)}, {self.ri(1950, 2003)}"

    # -- per-lead history --------------------------------------------------------------------

    def _history(self, info: _LeadInfo) -> int:
        """Notes, dialer calls, emails, texts, logs, tasks and appointments. Returns the last touch."""
        st = self.state
        depth = info.depth
        start, end = info.created + 300, info.last_ts
        ctx = info.ctx
        worker = info.worker
        wid = worker["id"]
        lead_id = info.lead_id
        last_touch = 0
        stage = info.stage

        # Notes.
        note_pool = _NOTES[depth]
        n_notes = 3 if info.bob else min(6, len(note_pool), self.ri(0, depth + 1))
        picked = sorted(self.sample(len(note_pool), n_notes))
        note_times = sorted(min(self.work_between(start, end), self.now) for _ in picked)
        for index, t in zip(picked, note_times, strict=True):
            edited = self.rand() < 0.15
            upd = min(t + self.rr(60, 3 * _DAY), self.now) if edited else t
            note_id = self.nid()
            author = worker if self.rand() < 0.85 else self.admin
            text = note_pool[index].format_map(ctx)
            st.notes[note_id] = {
                "id": self.nid(),
                "noteId": note_id,
                "creatorId": author["id"],
                "leadId": lead_id,
                "createTime": self.fmt(t),
                "deleteFlag": False,
                "content": text,
                "lastUpdate": self.fmt(upd),
                "lastEditorId": author["id"],
                "creatorName": _full(author),
                "lastEditorName": _full(author),
                "isPin": self.rand() < 0.05,
                "systemNote": False,
            }
            info.bump(upd)
            if edited:
                info.edited_notes.append((note_id, upd, author, text))

        # Dialer calls.
        if stage == "New":
            n_calls = self.ri(0, 1)
        elif stage == "Attempted Contact":
            n_calls = self.ri(1, 4)
        else:
            n_calls = self.ri(0, depth + 1) if depth else self.ri(0, 1)
        if info.bob:
            n_calls = 2
        talked_done = False
        for i in range(n_calls):
            t = self.work_between(start, end)
            t = min(t, self.now - 60)
            inbound = depth >= 2 and self.rand() < 0.15
            if stage == "Attempted Contact" or (stage == "New") or (not inbound and self.rand() < 0.35):
                outcome = self.pick(("NoAnswer", "VoiceMessage", "VoiceMessage"))
            else:
                outcome = "Talked"
            if depth >= 2 and i == n_calls - 1 and not talked_done:
                outcome = "Talked"
            talked_done = talked_done or outcome == "Talked"
            if outcome == "Talked":
                status, duration, machine = "Completed", self.rr(45, 1500), False
            elif outcome == "VoiceMessage":
                status, duration, machine = "VoiceMail", self.rr(20, 50), True
            else:
                status, duration, machine = "NoAnswer", 0, False
            ring = self.rr(3, 25)
            call_id = self.nid()
            st.calls[call_id] = {
                "id": call_id,
                "dialerCallRecordId": self.nid(),
                "userId": wid,
                "userPhoneNumber": worker["virtualNumber"],
                "leadId": lead_id,
                "leadPhoneNumber": info.phone,
                "direction": "Inbound" if inbound else "Outbound",
                "status": status,
                "startTime": self.fmt(t),
                "endTime": self.fmt(t + ring + duration),
                "duration": duration,
                "callingOutcome": outcome,
                "rateScore": self.ri(2, 5) if outcome == "Talked" else 0,
                "recordingSwitch": outcome == "Talked" and self.rand() < 0.6,
                "showUserNumber": worker["virtualNumber"],
                "createTime": self.fmt(t),
                "updateTime": self.fmt(t + ring + duration),
                "note": self.pick(_CALL_NOTES[depth]) if outcome == "Talked" and self.rand() < 0.6 else "",
                "isMachineAnswered": machine,
                "price": round(0.0045 * (duration // 60 + 1), 4),
                "agentId": wid,
                "elapsedTime": f"00:{ring:02d}",
            }
            last_touch = max(last_touch, t)
            info.bump(t + ring + duration)

        # Emails: automatic drips for almost everyone, manual ones as the relationship deepens.
        n_auto = 0 if stage == "New" and self.rand() < 0.5 else self.ri(1, 2 + depth // 2)
        n_manual = self.ri(0, depth) if depth else 0
        for i in range(n_auto + n_manual):
            manual = i >= n_auto
            t = self.between(start, end)
            inbound = manual and self.rand() < 0.3
            if manual:
                subject = self.pick(_MANUAL_SUBJECTS[depth]).format_map(ctx)
                if inbound:
                    subject = "Re: " + subject
            else:
                subject = self.pick(_EMAIL_SUBJECTS_AUTO).format_map(ctx)
            roll = self.rand()
            event = "Bounced" if roll < 0.03 else ("Opened" if roll < 0.45 else "Sent")
            email_id = self.nid()
            st.emails[email_id] = {
                "id": email_id,
                "leadId": lead_id,
                "direction": "Inbound" if inbound else "Outbound",
                "agentId": wid,
                "eventType": "Sent" if inbound else event,
                "emailEventTime": self.fmt(t),
                "emailType": "Manual" if manual else "Auto",
                "emailSubject": subject,
                "fromPond": info.pond is not None and not manual,
            }
            if manual:
                last_touch = max(last_touch, t)
            info.bump(t)

        # Texts.
        n_texts = 1 if stage == "New" else self.ri(0, 1 + depth)
        for i in range(n_texts):
            t = self.work_between(start, end)
            t = min(t, self.now - 30)
            inbound = i > 0 and depth >= 2 and self.rand() < 0.4
            auto = i == 0 and not inbound and self.rand() < 0.5
            text_id = self.nid()
            st.texts[text_id] = {
                "id": text_id,
                "leadId": lead_id,
                "direction": "Inbound" if inbound else "Outbound",
                "agentId": wid,
                "textOutcome": "Received" if inbound else ("Failed" if self.rand() < 0.03 else "Delivered"),
                "textTime": self.fmt(t),
                "textType": "Auto" if auto else "Manual",
                "textContent": self.pick((_IN_TEXTS if inbound else _OUT_TEXTS)[depth]).format_map(ctx),
            }
            if not auto:
                last_touch = max(last_touch, t)
            info.bump(t)

        # Logged calls / emails / texts (made outside Chime and recorded by hand).
        n_logs = 2 if info.bob else (self.ri(0, min(3, depth)) if depth else 0)
        for _ in range(n_logs):
            t = self.work_between(start, end)
            t = min(t, self.now - 60)
            kind = self.pick(("Call", "Call", "Email", "Text"))
            log_id = self.nid()
            is_call = kind == "Call"
            is_email = kind == "Email"
            pool = _LOGS[kind][depth]
            st.logs[log_id] = {
                "id": log_id,
                "leadId": lead_id,
                "leadPhoneNumber": info.phone if is_call else None,
                "callingOutcome": self.pick(("Talked", "Talked", "VoiceMessage")) if is_call else None,
                "content": self.pick(pool).format_map(ctx),
                "createTime": self.fmt(t),
                "outboundOrInbound": "inbound" if self.rand() < 0.2 else "outbound",
                "isPin": False,
                "agentId": wid,
                "emailSubject": self.pick(_MANUAL_SUBJECTS[depth]).format_map(ctx) if is_email else None,
                "toEmail": info.email if is_email else None,
                "fromEmail": worker["email"] if is_email else None,
                "logType": kind,
            }
            last_touch = max(last_touch, t)
            info.bump(t)

        self._tasks(info)
        self._appointments(info)
        return last_touch

    def _tasks(self, info: _LeadInfo) -> None:
        st = self.state
        now = self.now
        stage = info.stage
        ctx = info.ctx
        plans: list[tuple[str, bool, int]] = []  # (type, open, deadline)
        if info.bob:
            plans = [
                ("Call", True, now - 2 * _DAY - 3 * _HOUR),
                ("Email", True, self.today_start + 22 * _HOUR),
                ("Text", False, now - 9 * _DAY),
            ]
        else:
            n = 0 if stage == "Archived" else self.ri(0 if stage in ("Closed", "Nurture") else 1, 3)
            for i in range(n):
                kind = self.pick(("Call", "Call", "Call", "Email", "Text", "Other"))
                is_open = stage not in ("Archived",) and (i == 0 or self.rand() < 0.4)
                if stage == "Closed" and is_open and self.rand() < 0.5:
                    is_open = False
                if is_open:
                    roll = self.rand()
                    if roll < 0.3:
                        deadline = now - self.rr(2 * _HOUR, 12 * _DAY)  # overdue
                    elif roll < 0.5:
                        deadline = self.today_start + self.rr(14, 24) * _HOUR  # today
                    elif roll < 0.8:
                        deadline = now + self.rr(_DAY, 7 * _DAY)  # this week
                    else:
                        deadline = now + self.rr(7 * _DAY, 45 * _DAY)
                else:
                    deadline = self.between(info.created + _DAY, info.last_ts)
                plans.append((kind, is_open, deadline))
        assigned_role = "Agent"
        for kind, is_open, deadline in plans:
            worker = info.worker
            if info.agent is not None and kind in ("Call", "Text") and self.rand() < 0.15:
                worker, assigned_role = self.assistant, "Assistant"
            elif info.agent is None:
                assigned_role = "Assistant"
            else:
                assigned_role = "Agent"
            deadline = deadline - deadline % 900
            created = self.between(max(info.created, min(deadline, now) - 10 * _DAY), min(deadline, now))
            created = max(created, info.created + 60)
            if is_open:
                finish = ""
                updated = created
            else:
                done = min(self.between(deadline - 2 * _DAY, deadline + _DAY), now)
                done = max(done, created)
                finish = self.fmt(done)
                updated = done
            task_id = self.nid()
            is_email = kind == "Email"
            st.tasks[task_id] = {
                "id": task_id,
                "leadId": info.lead_id,
                "creatorId": worker["id"] if self.rand() < 0.7 else self.admin["id"],
                "content": self.pick(_TASKS[kind][info.depth]).format_map(ctx),
                "type": kind,
                "deadline": self.fmt(deadline),
                "finishTime": finish,
                "createTime": self.fmt(created),
                "lastUpdate": self.fmt(updated),
                "deleteFlag": False,
                "finishFlag": not is_open,
                "overdueFlag": is_open and deadline < now,
                "leadName": f"{info.first} {info.last}",
                "leadEmail": info.email,
                "leadPhone": info.phone,
                "leadFirstName": info.first,
                "leadLastName": info.last,
                "reminderType": self.pick((0, 0, 1, 2)),
                "assignedRole": assigned_role,
                "assignedUser": _full(worker),
                "teamId": st.team_id,
                "subject": self.pick(_MANUAL_SUBJECTS[info.depth]).format_map(ctx) if is_email else "",
                "body": f"Hi {info.first}, following up on our conversation." if is_email else "",
                "assignedUserId": worker["id"],
                "pipelineId": None,
                "queryInfo": "",
                "leadUserId": info.lead_user_id,
                "queryId": None,
            }
            info.bump(updated)

    def _appointments(self, info: _LeadInfo) -> None:
        st = self.state
        now = self.now
        stage = info.stage
        slots: list[int] = []
        if stage == "Appointment Set" or info.bob:
            day = self.today_start + self.ri(1, 6) * _DAY
            slots.append(day + self.rr(15, 23) * _HOUR)
        if info.depth >= 4 and not info.bob:
            for _ in range(self.ri(1, 2)):
                t = self.work_between(info.created + 2 * _DAY, info.last_ts)
                slots.append(min(t, now - _HOUR))
        for start in slots:
            start -= start % 1800
            future = start > now
            length = self.pick((1, 1, 2)) * _HOUR
            created = self.between(max(info.created + 600, min(start, now) - 7 * _DAY), min(start, now) - 600)
            created = max(created, info.created + 60)
            appt_id = self.nid()
            at_home = info.seller and self.rand() < 0.7
            descr = self.pick(_APPT_SELLER if at_home else _APPT_BUYER).format_map(info.ctx)
            if at_home:
                address = info.ctx["home"]
            else:
                street = f"{self.ri(100, 9899)} {self.pick(_STREETS)} {self.pick(_STREET_KINDS)}"
                address = f"{street}, {info.ctx['city']}, TX"
            st.appointments[appt_id] = {
                "id": appt_id,
                "descr": descr,
                "address": address,
                "createTime": self.fmt(created),
                "lastUpdate": self.fmt(created if future else min(start + length, now)),
                "deadline": start * 1000,
                "endTime": (start + length) * 1000,
                "allDay": False,
                "finishFlag": not future,
                "deleteFlag": False,
                "overdue": False,
                "finishTime": None if future else min(start + length, now) * 1000,
                "leadId": info.lead_id,
                "assignToUid": info.worker["id"],
                "assignRoleType": 1 if info.agent is not None else 4,
                "creatorId": info.worker["id"],
            }
            info.bump(created if future else min(start + length, now))

    def _activities(self, info: _LeadInfo, buyer: bool, source: str) -> int:
        listings = self.state.listings
        items: list[Record] = []
        web = source in ("Website", "Zillow", "Realtor.com", "Google Ads", "Facebook Ads") or info.bob
        low, high = ((2, 9) if buyer else (0, 3)) if web and info.stage != "Archived" else (0, 2)
        n = self.ri(low, high)
        end = info.last_ts if info.stage in ("Nurture", "Archived", "Closed") else self.now - 60
        last = 0
        city = info.ctx["city"]
        for _ in range(n):
            t = self.between(info.created, end)
            roll = self.rand()
            listing = self.pick(listings)
            record: Record
            if roll < 0.25:
                text = self.pick(_SEARCH_TEXTS).format_map(info.ctx)
                record = {
                    "type": "Search",
                    "text": text,
                    "link": f"https://homes.example.com/search?city={city.replace(' ', '+')}",
                    "picture": "https://homes.example.com/static/search.jpg",
                    "listing": None,
                    "created": t * 1000 + self.rr(1000),
                    "scheduledDate": None,
                    "pageName": None,
                }
            elif roll < 0.93:
                kind = "Browse" if roll < 0.75 else ("Favorite" if roll < 0.9 else "Request")
                text = (
                    "Viewed listing"
                    if kind == "Browse"
                    else ("Saved listing" if kind == "Favorite" else "Requested a showing")
                )
                record = {
                    "type": kind,
                    "text": f"{text}: {listing['streetAddress']}, {listing['city']}",
                    "link": listing["siteListingUrl"],
                    "picture": listing["pictureUrl"],
                    "listing": dict(listing),
                    "created": t * 1000 + self.rr(1000),
                    "scheduledDate": self.fmt(t + self.ri(1, 5) * _DAY)[:10] if kind == "Request" else None,
                    "pageName": None,
                }
            else:
                page = self.pick(_SUBMISSION_PAGES)
                record = {
                    "type": "Submission",
                    "text": f"Submitted the {page} form",
                    "link": f"https://homes.example.com/{page.lower().replace(' ', '-')}",
                    "picture": "https://homes.example.com/static/form.jpg",
                    "listing": None,
                    "created": t * 1000 + self.rr(1000),
                    "scheduledDate": None,
                    "pageName": page,
                }
            items.append(record)
            last = max(last, t)
        items.sort(key=_created_desc)
        self.state.activities[info.lead_id] = items
        return last

    def _transaction(self, info: _LeadInfo, price_k: int, listing_side: bool, properties: list[Record]) -> None:
        st = self.state
        now = self.now
        closed = info.stage == "Closed"
        when = dict(info.milestones)
        contract = when["Under Contract"]
        close = when["Closed"] if closed else max(contract + self.ri(25, 45) * _DAY, now + 5 * _DAY)
        offer = contract - self.ri(1, 4) * _DAY
        price = price_k * 1000 + self.rr(-20, 40) * 1000
        rate = self.pick((2.5, 2.5, 3.0, 3.0, 2.75))
        gci = round(price * rate / 100, 2)
        team = round(gci * 0.3, 2)
        agent_id = info.agent["id"] if info.agent else self.admin["id"]
        name = (
            f"{properties[0]['streetAddress']}, {properties[0]['city']}"
            if listing_side and properties
            else f"{self.ri(100, 9899)} {self.pick(_STREETS)} {self.pick(_STREET_KINDS)}, {info.ctx['city']}"
        )

        def ms(ts: int) -> int:
            return (ts - ts % _DAY + 17 * _HOUR) * 1000

        tx_id = self.nid()
        st.transactions[tx_id] = {
            "created": offer * 1000,
            "updated": (min(close, now) if closed else self.between(contract, now)) * 1000,
            "transactionId": tx_id,
            "transactionName": name,
            "leadName": f"{info.first} {info.last}",
            "assignedAgent": agent_id,
            "transactionType": "Listing" if listing_side else "Purchase",
            "homePrice": float(price),
            "transactionStatus": "Closed" if closed else "Under Contract",
            "expectedCloseDate": ms(close),
            "closeDate": ms(close) if closed else None,
            "commissionRate": rate,
            "gci": gci,
            "teamRevenue": team,
            "agentRevenue": round(gci - team, 2),
            "appointmentDate": ms(offer - self.ri(5, 20) * _DAY),
            "agreementSignedDate": ms(offer - self.ri(2, 10) * _DAY),
            "offerDate": ms(offer),
            "contractDate": ms(contract),
            "appraisalDate": ms(contract + self.ri(10, 18) * _DAY),
            "homeInspectionDate": ms(contract + self.ri(3, 7) * _DAY),
            "escrowDate": ms(contract + _DAY),
            "expiration": None,
            "customFields": [],
            "commissions": {
                "preSplit": [],
                "split": [
                    {
                        "id": self.nid(),
                        "splitPayType": "AGENT",
                        "splitPayTo": agent_id,
                        "splitPayToName": _full(st.members[agent_id]),
                        "payType": "AGENT",
                        "payTo": agent_id,
                        "payToName": _full(st.members[agent_id]),
                        "value": 70,
                        "calculateType": "PERCENT",
                        "desc": "Agent split",
                    },
                    {
                        "id": self.nid(),
                        "splitPayType": "TEAM",
                        "splitPayTo": st.team_id,
                        "splitPayToName": "Harbor & Pine Realty",
                        "payType": "TEAM",
                        "payTo": st.team_id,
                        "payToName": "Harbor & Pine Realty",
                        "value": 30,
                        "calculateType": "PERCENT",
                        "desc": "Team split",
                    },
                ],
                "postSplit": [],
            },
            "leadId": info.lead_id,
        }

    def _system_logs(self, info: _LeadInfo, source: str, lender: Record | None) -> None:
        st = self.state
        created = info.created
        lead_name = f"{info.first} {info.last}"

        def add(
            ts: int,
            desc: str,
            agent_id: int,
            party_from: tuple[int, int, str | None, str | None],
            party_to: tuple[int, int, str | None, str | None],
            content: Record,
            ref: int = 0,
        ) -> None:
            log_id = self.nid()
            when = self.iso(min(ts, self.now - 1), self.rr(1000))  # milliseconds must not pass "now"
            st.system_logs[log_id] = {
                "id": str(log_id),
                "leadId": info.lead_id,
                "leadFullName": lead_name,
                "agentId": agent_id,
                "timelineType": SYSTEM_LOG_TYPES[desc],
                "timelineTypeDesc": desc,
                "timelineTime": when,
                "createTime": when,
                "updateTime": when,
                "fromId": party_from[0],
                "fromType": party_from[1],
                "toId": party_to[0],
                "toType": party_to[1],
                "fromFirstName": party_from[2],
                "fromLastName": party_from[3],
                "toFirstName": party_to[2],
                "toLastName": party_to[3],
                "refId": ref,
                "sticky": False,
                "canSticky": False,
                "content": content,
            }

        lead_party = (info.lead_id, 2, info.first, info.last)
        nobody = (0, 0, None, None)
        add(created, "NewLead", 0, nobody, lead_party, {"source": source, "leadName": lead_name})
        agent = info.agent
        if agent is not None:
            when = info.assign_time
            add(
                when,
                "AssignAgent",
                0,
                nobody,
                (agent["id"], 1, agent["firstName"], agent["lastName"]),
                {"assigneeName": _full(agent), "reason": "Lead routing"},
            )
        elif info.pond is not None:
            when = info.assign_time
            pond = info.pond
            add(
                when,
                "MoveToLeadPond",
                0,
                nobody,
                (pond["id"], 6, pond["pondName"], None),
                {"pondName": pond["pondName"]},
            )
        if lender is not None:
            when = self.between(created + _DAY, info.milestones[-1][1] if info.milestones else info.last_ts)
            add(
                when,
                "AssignLender",
                self.admin["id"],
                (self.admin["id"], 1, self.admin["firstName"], self.admin["lastName"]),
                (lender["id"], 5, lender["firstName"], lender["lastName"]),
                {"assigneeName": _full(lender)},
            )
        previous = "New"
        actor = agent or info.worker
        for stage_name, ts in info.milestones:
            add(
                ts,
                "TeamStageChange",
                actor["id"],
                (st.stage_ids[previous], 3, None, None),
                (st.stage_ids[stage_name], 3, None, None),
                {"fromStageName": previous, "toStageName": stage_name},
            )
            info.bump(ts)
            previous = stage_name
        for note_id, ts, author, text in info.edited_notes:
            add(
                ts,
                "EditNote",
                author["id"],
                (author["id"], 1, author["firstName"], author["lastName"]),
                lead_party,
                {"noteId": note_id, "content": text},
                ref=note_id,
            )


class _LeadInfo:
    """What the history generators need to know about the lead being built."""

    __slots__ = (
        "agent",
        "assign_time",
        "bob",
        "created",
        "ctx",
        "depth",
        "edited_notes",
        "email",
        "first",
        "last",
        "last_ts",
        "lead_id",
        "lead_user_id",
        "max_ts",
        "milestones",
        "phone",
        "pond",
        "seller",
        "stage",
        "worker",
    )

    def __init__(
        self,
        *,
        lead_id: int,
        lead_user_id: int,
        first: str,
        last: str,
        email: str,
        phone: str,
        stage: str,
        depth: int,
        created: int,
        last_ts: int,
        worker: Record,
        agent: Record | None,
        pond: Record | None,
        ctx: dict[str, Any],
        bob: bool,
        assign_time: int,
        seller: bool,
    ) -> None:
        self.lead_id = lead_id
        self.lead_user_id = lead_user_id
        self.first = first
        self.last = last
        self.email = email
        self.phone = phone
        self.stage = stage
        self.depth = depth
        self.created = created
        self.last_ts = last_ts
        self.worker = worker
        self.agent = agent
        self.pond = pond
        self.ctx = ctx
        self.bob = bob
        self.assign_time = assign_time
        self.seller = seller
        self.milestones: list[tuple[str, int]] = []
        self.max_ts = created
        self.edited_notes: list[tuple[int, int, Record, str]] = []

    def bump(self, ts: int) -> None:
        if ts > self.max_ts:
            self.max_ts = ts


def _full(member: Record) -> str:
    return f"{member['firstName']} {member['lastName']}"


def _created_desc(record: Record) -> int:
    return -int(record["created"])


def _cumulative(weights: tuple[int, ...]) -> list[int]:
    total = 0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def build_demo_state(seed: int = 7, lead_count: int = 200, now: datetime | None = None) -> DemoState:
    """Build the demo team, its leads and their history.

    The same ``seed``, ``lead_count`` and ``now`` always give an identical state. ``now`` (UTC,
    default `DEFAULT_NOW`) anchors every time: history lies in the ~18 months before it, some open
    tasks are overdue, some due today or this week. The first lead is always Bob Li
    (bob.li@example.com), an Active Buyer with notes, calls, an overdue task and an appointment.
    """
    if now is None:
        now = DEFAULT_NOW
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    now = now.replace(microsecond=0)
    # Tens of thousands of small dicts: pausing the cyclic GC (nothing here makes cycles) keeps a
    # full collection of the host process's heap from landing in the middle of the build.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        builder = _Builder(seed, now)
        builder.build_team()
        builder.build_listings(120)
        builder.build_leads(lead_count)
        builder.state.next_id = builder.nid()
    finally:
        if gc_was_enabled:
            gc.enable()
    return builder.state
