"""Suggestions for the arguments of resource templates and prompts (MCP completions).

The same argument means the same thing wherever it appears (a leadId is a leadId), so the
suggestions go by argument name. A suggestion is a convenience: a Chime failure gives none
rather than an error. `server/resources.py` wraps the result in MCP's `Completion`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog.leads import SEARCH_LEADS
from chime_mcp.chime.catalog.team import LIST_LEAD_PIPELINES
from chime_mcp.chime.client import ChimeClient
from chime_mcp.services.timeline import KINDS

ClientSource = Callable[[], Awaitable[ChimeClient]]
"""Where the client comes from, asked only when a suggestion needs the API (`backend.client`)."""

CHOICES: dict[str, tuple[str, ...]] = {
    "limit": ("25", "50", "100", "200"),
    "since": ("7d", "30d", "90d", "365d"),
    "until": ("7d", "30d", "90d", "365d"),
    "channel": ("call", "email", "text"),
    "days": ("7", "14", "30", "60", "90"),
}
"""Fixed suggestions per argument name."""

_STAGE_PAGE = 100
"""Pipeline stages read for a suggestion: a team has a dozen or so."""


@dataclass(frozen=True)
class Suggestions:
    """Suggested values, and whether they are every value that matches.

    Values read off one page of leads are not (`exhaustive` False) when the team has more leads
    than the page: a completion then cannot say how many match in all, nor that none is left.
    """

    values: list[str]
    exhaustive: bool = True
    total: int | None = None
    """How many match in all where that is known though not all were read (every lead matches
    an empty leadId)."""


async def suggest(client: ClientSource, name: str, value: str) -> Suggestions | None:
    """Suggestions for argument `name` given what is typed so far; None for arguments we do not know."""
    if name in CHOICES:
        return Suggestions([c for c in CHOICES[name] if c.startswith(value.strip())])
    if name == "kinds":
        return Suggestions(complete_list(value, KINDS))
    if name not in ("leadId", "stage"):
        return None
    try:
        chime = await client()
        if name == "leadId":
            return await lead_ids(chime, value)
        return await stages(chime, value)
    except errors.ChimeError:
        return Suggestions([], exhaustive=False)


async def lead_ids(client: ChimeClient, text: str) -> Suggestions:
    """Lead ids matching a name, phone, email (search_leads' free text) or an id prefix."""
    text = text.strip()
    found: list[str] = []
    exhaustive = True
    if text:
        page = await client.call(SEARCH_LEADS, {"key": text, "limit": 20})
        found = [str(lead.leadId) for lead in page.leads or () if lead.leadId is not None]
        exhaustive = _whole(page, 20)
    if not text or text.isdigit():
        # The API cannot search by id: match the prefix against the latest leads instead.
        page = await client.call(SEARCH_LEADS, {"limit": 100})
        found += [str(lead.leadId) for lead in page.leads or () if str(lead.leadId).startswith(text)]
        exhaustive = exhaustive and _whole(page, 100)
        if not text and page.metadata is not None:
            return Suggestions(found, exhaustive, page.metadata.total)
    return Suggestions(list(dict.fromkeys(found)), exhaustive)


async def pipeline_stages(client: ChimeClient) -> Suggestions | None:
    """The team's stage names as its lead pipelines give them, and whether they are all of them;
    None when the pipelines cannot be read."""
    try:
        pipelines = await client.call(LIST_LEAD_PIPELINES, {"pageSize": _STAGE_PAGE})
    except errors.ChimeError:
        return None
    names = list(dict.fromkeys(p.name for p in pipelines.pipelines or () if p.name))
    total = pipelines.metadata.total if pipelines.metadata is not None else None
    whole = len(names) < _STAGE_PAGE if total is None else total <= len(pipelines.pipelines or ())
    return Suggestions(names, whole)


async def stages(client: ChimeClient, text: str) -> Suggestions:
    """The team's pipeline stage names (lead pipelines); read off the leads where those are refused."""
    typed = text.strip().lower()
    team = await pipeline_stages(client)
    if team is None:
        page = await client.call(SEARCH_LEADS, {"limit": 100})
        in_use = dict.fromkeys(lead.stage for lead in page.leads or () if lead.stage)
        return Suggestions([n for n in in_use if n.lower().startswith(typed)], _whole(page, 100))
    return Suggestions([n for n in team.values if n.lower().startswith(typed)], team.exhaustive)


def _whole(page: m.LeadListResponse, limit: int) -> bool:
    """The page holds every lead that matched: its total says so, or (without one) it is not full."""
    count = len(page.leads or ())
    total = page.metadata.total if page.metadata is not None else None
    return count < limit if total is None else total <= count


def complete_list(value: str, choices: Sequence[str]) -> list[str]:
    """Complete the last item of a comma-separated list, keeping the items before it."""
    *done, last = value.split(",")
    prefix = ",".join(done) + ("," if done else "")
    taken = {item.strip() for item in done}
    return [prefix + c for c in choices if c.startswith(last.strip()) and c not in taken]
