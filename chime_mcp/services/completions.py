"""Suggestions for the arguments of resource templates and prompts (MCP completions).

The same argument means the same thing wherever it appears (a leadId is a leadId), so the
suggestions go by argument name. A suggestion is a convenience: a Chime failure gives none
rather than an error. `server/resources.py` wraps the result in MCP's `Completion`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from chime_mcp.chime import errors
from chime_mcp.chime.catalog.leads import SEARCH_LEADS
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


async def suggest(client: ClientSource, name: str, value: str) -> list[str] | None:
    """Suggestions for argument `name` given what is typed so far; None for arguments we do not know."""
    if name in CHOICES:
        return [c for c in CHOICES[name] if c.startswith(value.strip())]
    if name == "kinds":
        return complete_list(value, KINDS)
    if name not in ("leadId", "stage"):
        return None
    try:
        chime = await client()
        if name == "leadId":
            return await lead_ids(chime, value)
        return await stages(chime, value)
    except errors.ChimeError:
        return []


async def lead_ids(client: ChimeClient, text: str) -> list[str]:
    """Lead ids matching a name, phone, email (search_leads' free text) or an id prefix."""
    text = text.strip()
    found: list[str] = []
    if text:
        page = await client.call(SEARCH_LEADS, {"key": text, "limit": 20})
        found = [str(lead.leadId) for lead in page.leads or () if lead.leadId is not None]
    if not text or text.isdigit():
        # The API cannot search by id: match the prefix against the latest leads instead.
        page = await client.call(SEARCH_LEADS, {"limit": 100})
        found += [str(lead.leadId) for lead in page.leads or () if str(lead.leadId).startswith(text)]
    return list(dict.fromkeys(found))


async def stages(client: ChimeClient, text: str) -> list[str]:
    """Pipeline stage names in use (the API has no list of stages: read them off the leads)."""
    page = await client.call(SEARCH_LEADS, {"limit": 100})
    names = dict.fromkeys(lead.stage for lead in page.leads or () if lead.stage)
    return [n for n in names if n.lower().startswith(text.strip().lower())]


def complete_list(value: str, choices: Sequence[str]) -> list[str]:
    """Complete the last item of a comma-separated list, keeping the items before it."""
    *done, last = value.split(",")
    prefix = ",".join(done) + ("," if done else "")
    taken = {item.strip() for item in done}
    return [prefix + c for c in choices if c.startswith(last.strip()) and c not in taken]
