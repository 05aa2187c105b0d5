"""A lead's whole history in one read, merged from every source the Chime API offers.

"What has happened with this lead?" is spread over fifteen endpoints: notes, dialer calls,
call/email/text history, logged calls/emails/texts, tasks, appointments, calendar events,
the AI Sales Agent's plan tasks, website activity, transactions and system logs. The package, by job:
- model.py: `Event` and `Timeline` (one pydantic model, also the MCP tool's output), time parsing;
- filters.py: `parse_filters`, the kinds, relative ("30d") and absolute moments;
- sources.py: the fifteen sources and one converter per record type;
- build.py: `build_timeline`, de-duplication (its rule is in build.py's docstring), naming.
"""

from chime_mcp.chime.times import iso, parse_time
from chime_mcp.services.timeline.build import build_timeline, deduplicate
from chime_mcp.services.timeline.filters import DEFAULT_LIMIT, MAX_LIMIT, Filters, parse_filters
from chime_mcp.services.timeline.model import KINDS, Event, Timeline
from chime_mcp.services.timeline.sources import PAGE, Source, sources

__all__ = [
    "DEFAULT_LIMIT",
    "KINDS",
    "MAX_LIMIT",
    "PAGE",
    "Event",
    "Filters",
    "Source",
    "Timeline",
    "build_timeline",
    "deduplicate",
    "iso",
    "parse_filters",
    "parse_time",
    "sources",
]
