"""Previews of team administration: what creating, deactivating or reactivating an agent and
changing an office or the company would do, read first where the API can read it.

    Deactivate agent #600000000000006: their sessions end, their license seat is freed and routing
    stops giving them leads; their leads stay assigned to them (reactivate_agent undoes it).
    agent (from the CRM): "Alex Rivera"
    email (from the CRM): "alex.rivera@example.org"

The safety gate shows these before the call, as services/previews.py and team_previews.py
do; `ORG_TEAM_PREVIEWS` (team-wide) and `ORG_DESTROY_PREVIEWS` are merged into their tables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import admin, team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.changes import given_fields, shown_value
from chime_mcp.services.safe_text import PREVIEW_LIMIT, SOURCE_LABELS, Source, labelled

Preview = Callable[[ChimeClient, Mapping[str, Any]], Awaitable[str]]
"""(client, the call's arguments) -> what the call would do (as services/previews.Preview)."""


def labelled_value(label: str, source: Source, value: Any) -> str:
    """A text quoted and made visible; another value as ASCII-only JSON (escapes visible)."""
    if value is None or isinstance(value, str):
        return labelled(label, source, value)
    text = shown_value(value)
    if len(text) > PREVIEW_LIMIT:
        text = f"{text[:PREVIEW_LIMIT]}… (cut: {len(text):,} characters in all)"
    return f"{label} ({SOURCE_LABELS[source]}): {text}"


def _given(values: Mapping[str, Any], skip: tuple[str, ...] = ()) -> list[str]:
    """Each field the call sets, nested ones (an agent's account) one per line, labelled."""
    lines = []
    for key, value in given_fields(values, skip).items():
        if isinstance(value, dict):
            lines += [labelled_value(f"{key}.{inner}", "assistant", v) for inner, v in value.items() if v is not None]
        else:
            lines.append(labelled_value(key, "assistant", value))
    return lines or ["No fields given."]


async def _agent_lines(client: ChimeClient, agent_id: Any) -> list[str]:
    user = await client.call(team.GET_USER, {"userId": agent_id})
    name = " ".join(part for part in (user.firstName, user.lastName) if part)
    status = (user.model_extra or {}).get("accountStatus")
    lines = [labelled("agent", "crm", name), labelled("email", "crm", user.email)]
    if isinstance(status, str):
        lines.append(labelled("account status", "crm", status))
    return lines


async def create_agent_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    what = "Create an agent: a new member of the team, who takes a license seat and can be given leads."
    return "\n".join([what, *_given(values)])


async def deactivate_agent_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    agent_id = values["agentId"]
    what = (
        f"Deactivate agent #{agent_id}: their sessions end, their license seat is freed and routing stops "
        "giving them leads; their leads stay assigned to them (reactivate_agent undoes it)."
    )
    return "\n".join([what, *await _agent_lines(client, agent_id)])


async def reactivate_agent_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    agent_id = values["agentId"]
    what = f"Reactivate agent #{agent_id}: their access returns, they take a license seat and can be given leads."
    return "\n".join([what, *await _agent_lines(client, agent_id)])


async def _units(client: ChimeClient) -> tuple[m.EnterpriseInfo | None, dict[int, m.VisibleOrgInfo]]:
    org = await client.call(team.GET_ORGANIZATION)
    info = org.enterpriseInfo
    units = {u.groupId: u for u in (info.visibleOrgInfoList or []) if u.groupId is not None} if info else {}
    return info, units


async def add_office_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    what = "Add an office to the team: its members' access and lead visibility follow the office tree."
    return "\n".join([what, *_given(values)])


async def update_office_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    office_id = values.get("id")
    _, units = await _units(client)
    unit = units.get(office_id) if isinstance(office_id, int) else None
    what = f"Change office #{office_id}"
    names = [labelled("office name now", "crm", unit.groupName)] if unit is not None else []
    if unit is None:
        what += ", not found among this team's offices: Chime will refuse it"
    return "\n".join([f"{what}. Every member of the office sees the change.", *names, *_given(values, ("id",))])


async def update_company_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    info, _ = await _units(client)
    names = [labelled("company name now", "crm", info.groupName)] if info is not None else []
    what = "Change the team's company details, shown to every member and on the team's pages."
    return "\n".join([what, *names, *_given(values)])


ORG_TEAM_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (admin.CREATE_AGENT, create_agent_preview),
    (admin.REACTIVATE_AGENT, reactivate_agent_preview),
    (admin.ADD_OFFICE, add_office_preview),
    (admin.UPDATE_OFFICE, update_office_preview),
    (admin.UPDATE_COMPANY, update_company_preview),
)
ORG_DESTROY_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = ((admin.DEACTIVATE_AGENT, deactivate_agent_preview),)
