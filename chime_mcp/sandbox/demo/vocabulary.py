"""The demo's vocabulary: stages, sources, tags, names, places and the texts its records carry.

Data only (and the by-depth views of the text pools). Texts are ``(minimum engagement depth, text)``
pairs: a lead only gets what its stage makes plausible; ``{first}``, ``{city}`` ... are filled from
the lead's `TextContext`.
"""

from __future__ import annotations

# -- the CRM's lists ----------------------------------------------------------------------------

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

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- people and places ----------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "James Maria Wei Aisha Carlos Emily Hiroshi Fatima Liam Sofia Jamal Priya Ethan Mei Diego Olivia "
    "Kwame Hannah Raj Isabella Noah Ana Tyler Linh Grace Omar Chloe Andre Yuki Lucas Zoe Mateo Leah "
    "Samuel Amara Ryan Camila Daniel Ngozi Kevin Valentina Marcus Ingrid Santiago Layla Benjamin Rosa "
    "Arjun Madison Elijah Sakura Jacob Lucia Anthony Nadia Caleb Ava Hassan Brooke Victor Jasmine "
    "Min-jun Rebecca Tomas Keisha Owen Lena Andrew Aaliyah Gabriel Megan Dmitri Paige Jorge Tara "
    "Xavier Naomi"
)
LAST_NAMES = _words(
    "Smith Garcia Chen Johnson Nguyen Patel Williams Rodriguez Kim Brown Martinez Okafor Davis Lopez "
    "Tanaka Wilson Hernandez Singh Anderson Gonzalez Thompson Perez Wang Moore Ramirez Jackson Ali "
    "Martin Lee Clark Sanchez Lewis Robinson Walker Young Flores Nakamura Hall Rivera Allen Torres "
    "Wright Mensah Scott Nguyen-Tran Green Adams Baker Kowalski Nelson Carter Mitchell Reyes Cohen "
    "O'Brien Murphy Cook Ivanova Morgan Bell Diaz Shah Cooper Park Richardson Cruz Howard Ward Hughes "
    "Alvarez Schmidt Price Haddad"
)
LEAD_DOMAINS = ("example.com", "example.net", "example.org")

Area = tuple[str, str, str, tuple[str, ...]]
"""(city, state code, county, zip codes)."""

LOCAL_AREAS: tuple[Area, ...] = (
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
AWAY_AREAS: tuple[Area, ...] = (
    ("San Jose", "CA", "Santa Clara", ("95112", "95125")),
    ("Chicago", "IL", "Cook", ("60614", "60657")),
    ("Denver", "CO", "Denver", ("80205", "80210")),
    ("Seattle", "WA", "King", ("98103", "98115")),
    ("Phoenix", "AZ", "Maricopa", ("85016", "85018")),
    ("Brooklyn", "NY", "Kings", ("11215", "11238")),
)
STREETS = (
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
STREET_KINDS = ("St", "Ave", "Dr", "Ln", "Blvd", "Ct", "Trl", "Way", "Cv", "Pass")
PROPERTY_TYPES = ("Single Family Home", "Condo", "Townhouse", "Multi-Family", "Land")
LANGUAGES = ("English",) * 14 + ("Spanish", "Spanish", "Mandarin", "Vietnamese", "Hindi", "Korean")
TIMEFRAMES = ("1-3", "3-6", "6-12", "12+", "Just Looking")

# Per stage: (min age days, max age days, engagement depth 0-6, stages passed through to get here)
STAGE_PLAN: dict[str, tuple[int, int, int, tuple[str, ...]]] = {
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
STAGE_WEIGHTS = (12, 12, 10, 6, 5, 8, 11, 6, 6, 8, 11, 5)
SOURCE_WEIGHTS = (20, 12, 14, 8, 10, 10, 8, 8)

# Texts are (minimum engagement depth, text): a lead only gets what its stage makes plausible.
NOTE_TEXTS: tuple[tuple[int, str], ...] = (
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
CALL_NOTES_TALKED: tuple[tuple[int, str], ...] = (
    (0, "Answered questions about HOA fees."),
    (0, "Checked in, still looking."),
    (2, "Discussed pre-approval timeline."),
    (2, "Went over the listings sent yesterday."),
    (3, "Scheduled a showing for Saturday."),
    (4, "Talked about pricing strategy."),
    (5, "Walked through the inspection report."),
    (6, "Checked in after closing, all good."),
)
EMAIL_SUBJECTS_AUTO = (
    "New listings in {city} that match your search",
    "Your weekly market report for {city}",
    "Price drop on a home you viewed",
    "Welcome! Here is how to search homes in {city}",
    "Homes just listed near {city}",
)
EMAIL_SUBJECTS_MANUAL: tuple[tuple[int, str], ...] = (
    (0, "Following up on your home search"),
    (0, "Re: Question about the {city} listing"),
    (2, "Your pre-approval next steps"),
    (2, "CMA for your home"),
    (3, "Homes to tour this weekend"),
    (5, "Offer update"),
    (5, "Closing checklist"),
    (6, "Happy home anniversary!"),
)
TEXTS_OUT: tuple[tuple[int, str], ...] = (
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
TEXTS_IN: tuple[tuple[int, str], ...] = (
    (0, "Thanks! We will take a look tonight."),
    (0, "Not right now, maybe next month."),
    (0, "Is the house on {street} still available?"),
    (2, "Can you send more info on the one on {street}?"),
    (3, "Yes, Saturday works for us."),
)
LOG_TEXTS: dict[str, tuple[tuple[int, str], ...]] = {
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
TASK_TEXTS: dict[str, tuple[tuple[int, str], ...]] = {
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
APPT_BUYER = ("Buyer consultation with {first}", "Showing tour in {city}")
APPT_SELLER = ("Listing appointment with {first}", "Pricing consultation with {first}")
SEARCH_TEXTS = (
    "{city}, {beds}+ beds, under ${price}k",
    "{city} single family homes",
    "{city} homes with pool",
    "New construction near {city}",
)
SUBMISSION_PAGES = ("Home Valuation", "Blog Registration", "Contact Agent", "Open House Sign-in")


def _by_depth(pool: tuple[tuple[int, str], ...]) -> tuple[tuple[str, ...], ...]:
    """For each engagement depth 0-6, the texts of ``pool`` plausible at that depth (in pool order)."""
    return tuple(tuple(text for need, text in pool if need <= depth) for depth in range(7))


NOTES = _by_depth(NOTE_TEXTS)
CALL_NOTES = _by_depth(CALL_NOTES_TALKED)
MANUAL_SUBJECTS = _by_depth(EMAIL_SUBJECTS_MANUAL)
OUT_TEXTS = _by_depth(TEXTS_OUT)
IN_TEXTS = _by_depth(TEXTS_IN)
LOGS = {kind: _by_depth(pool) for kind, pool in LOG_TEXTS.items()}
TASKS = {kind: _by_depth(pool) for kind, pool in TASK_TEXTS.items()}
