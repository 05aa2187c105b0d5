"""What a tool's result adds so that nothing happens without a word: texts the API cut, and why a
filter found nothing.

- A write whose body carries a text longer than the API keeps (a stage over 20 characters, a
  name over 30: `chime.limits.KeptLength`) is sent as given; the API keeps the start and drops
  the rest without an error, so the result says what it kept.
- A lead search filtered by a stage that found nothing says which stages the team has: its lead
  pipelines, as the completions offer them (the stages of the latest leads where those are refused).
- An opportunity alert answered `data: false` says what that means (the document: a pond lead's
  alert still goes to the pond's members; otherwise no agent was alerted).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.checks import cuts
from chime_mcp.chime.client import ChimeClient
from chime_mcp.server.tools.specs import ToolSpec
from chime_mcp.services.completions import stages
from chime_mcp.services.safe_text import shown

_STAGES_SHOWN = 15


def cut_report(spec: ToolSpec, body: Any) -> str:
    """One line per text the API cut, or ""."""
    if spec.operation.body is None or not isinstance(body, Mapping):
        return ""
    lines = [
        f"Cut by the API: {wire} keeps its first {len(kept)} characters, {shown(kept)} "
        f"({dropped} more were dropped; the API keeps no longer a text here)."
        for wire, kept, dropped in cuts(spec.operation.body.model, body)
    ]
    return "\n".join(lines)


async def empty_search_hint(client: ChimeClient, values: Mapping[str, Any], result: object) -> str:
    """Why a lead search by stage found nothing: the team's stages, or ""."""
    wanted = values.get("stage")
    if not isinstance(result, m.LeadListResponse) or result.leads or not isinstance(wanted, str) or not wanted:
        return ""
    try:
        known = await stages(client, "")
    except errors.ChimeError:
        return ""
    if wanted in known.values or not known.values:
        return ""
    where = "of the team (its lead pipelines)" if known.exhaustive else "in use on the latest leads"
    names = ", ".join(shown(name) for name in known.values[:_STAGES_SHOWN])
    more = f" (and {len(known.values) - _STAGES_SHOWN} more)" if len(known.values) > _STAGES_SHOWN else ""
    same = [name for name in known.values if name.lower() == wanted.strip().lower()]
    hint = f"No lead has the stage {shown(wanted)}. Stages {where}: {names}{more}."
    if same:
        hint += f" Did you mean {shown(same[0])}?"
    return hint + " Call again with one of them as stage."


def alert_hint(result: object) -> str:
    """What an opportunity alert's `data: false` means, or ""."""
    if not isinstance(result, m.SendOpportunityNotificationResponse) or result.data is not False:
        return ""
    return (
        "Lofty answered data=false: for a lead in a pond the alert still goes to the pond's members "
        "(a known quirk); otherwise no agent was alerted (no agent assignee, or the team's opportunity "
        "alerts are off). Do not resend: it would alert again where it did go."
    )
