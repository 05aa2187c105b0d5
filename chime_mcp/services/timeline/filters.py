"""Which events a timeline shows: a window in time, some kinds, at most so many.

`parse_filters` reads the loose text a model or a resource URI gives ("calls, text", "30d",
"2026-06-01") and names the bad argument in an InvalidInputError.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chime_mcp.chime import errors
from chime_mcp.chime.times import parse_time
from chime_mcp.services.timeline.model import KINDS, Event

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True)
class Filters:
    since: datetime | None = None
    until: datetime | None = None
    kinds: frozenset[str] = frozenset(KINDS)
    limit: int = DEFAULT_LIMIT

    def admits(self, event: Event) -> bool:
        return (
            event.kind in self.kinds
            and (self.since is None or event.time >= self.since)
            and (self.until is None or event.time <= self.until)
        )


def parse_filters(
    since: str | None = "",
    until: str | None = "",
    kinds: str | Sequence[str] | None = "",
    limit: int = DEFAULT_LIMIT,
) -> Filters:
    """Filters from the loose text a model or a URI gives; InvalidInputError names a bad one."""
    wanted = parse_kinds(kinds)
    if not 1 <= limit <= MAX_LIMIT:
        raise errors.InvalidInputError(f"limit must be 1 to {MAX_LIMIT} (got {limit})", fields=("limit",))
    start = moment(since, "since", end_of_day=False)
    end = moment(until, "until", end_of_day=True)
    if start is not None and end is not None and start > end:
        raise errors.InvalidInputError("since is after until", fields=("since", "until"))
    return Filters(start, end, wanted, limit)


def parse_kinds(kinds: str | Sequence[str] | None) -> frozenset[str]:
    """The kinds named, comma-separated or as a list; none named means all of them."""
    names = kinds.split(",") if isinstance(kinds, str) else list(kinds or ())
    chosen = {name.strip().lower() for name in names if name.strip()}
    if not chosen:
        return frozenset(KINDS)
    # Forgive plurals ("notes", "calls"): the model writes what a person would say.
    chosen = {name[:-1] if name not in KINDS and name[:-1] in KINDS else name for name in chosen}
    unknown = sorted(chosen - set(KINDS))
    if unknown:
        raise errors.InvalidInputError(
            f"Unknown kinds {', '.join(unknown)}; choose from {', '.join(KINDS)}", fields=("kinds",)
        )
    return frozenset(chosen)


_RELATIVE = re.compile(r"^(\d{1,4})d$")


def moment(text: str | None, name: str, *, end_of_day: bool) -> datetime | None:
    """An ISO date or date-time (UTC unless it says otherwise), or "30d" for 30 days ago."""
    text = (text or "").strip()
    if not text:
        return None
    relative = _RELATIVE.match(text)
    if relative:
        return datetime.now(UTC) - timedelta(days=int(relative.group(1)))
    value = parse_time(text)
    if value is None:
        raise errors.InvalidInputError(
            f"{name} must be an ISO date or date-time such as 2026-06-01 or 2026-06-01T09:30:00Z, "
            f"or a number of days such as 30d (got {text!r})",
            fields=(name,),
        )
    if end_of_day and len(text) == 10:
        # A bare date as the end of a window means the whole of that day.
        value += timedelta(days=1) - timedelta(microseconds=1)
    return value
