"""Previews of team-wide changes: what a routing rule, a user or the Sales Agent settings would become, read first.

"Change routing rule #7 (agent leads)", then each field now and to be, labelled. The safety
gate shows these before a team-wide reassignment (routing rules decide who receives every new
lead; a user's role decides what they may do). `TEAM_PREVIEWS` is keyed by the catalog
operation; every reassign operation has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from chime_mcp.chime.catalog import routing, sales_agent, team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.changes import given_fields
from chime_mcp.services.org_previews import ORG_TEAM_PREVIEWS, labelled_value
from chime_mcp.services.previews import Preview
from chime_mcp.services.safe_text import labelled

ROUTING_TYPES = {1: "agent leads", 2: "lender leads", 4: "assistant leads"}


def _routing_type(kind: Any) -> str:
    return ROUTING_TYPES.get(kind, f"type {kind}") if isinstance(kind, int) else f"type {kind}"


def _dump(model: BaseModel | None) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True) if model is not None else {}


def _summary(what: str, before: dict[str, Any], after: dict[str, Any], consequence: str, names: list[str]) -> str:
    """The server's words first; then each value on its own labelled, quoted line."""
    lines = [f"{what}. {consequence}", *names]
    changed = [key for key, value in after.items() if value is not None and before.get(key) != value]
    for key in changed:
        lines.append(labelled_value(f"{key} now", "crm", before.get(key)))
        lines.append(labelled_value(f"{key} to be", "assistant", after[key]))
    if not changed:
        lines.append("No field changes.")
    return "\n".join(lines)


async def routing_rule_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    kind = values.get("type")
    rules = await client.call(routing.LIST_ROUTING_RULES, {"type": kind})
    current = next((rule for rule in rules if rule.id == values.get("id")), None)
    what = f"Change routing rule #{values.get('id')} ({_routing_type(kind)})"
    if current is None:
        what += ", not found among this team's rules: Chime will refuse it"
    names = [labelled("rule name", "crm", current.name)] if current is not None else []
    consequence = "It decides who receives every new lead that matches it."
    return _summary(what, _dump(current), given_fields(values, ("type", "id")), consequence, names)


async def default_rule_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    kind = values.get("type")
    current = await client.call(routing.GET_DEFAULT_ROUTING_RULE, {"type": kind})
    what = f"Change the default routing rule ({_routing_type(kind)})"
    consequence = "It decides who receives every new lead no other rule takes."
    return _summary(what, _dump(current), given_fields(values, ("type",)), consequence, [])


async def user_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    user = await client.call(team.GET_USER, {"userId": values["userId"]})
    name = " ".join(part for part in (user.firstName, user.lastName) if part)
    names = [labelled("user", "crm", name), labelled("email", "crm", user.email)]
    consequence = "A user's account decides what they may see and do across the team."
    what = f"Change user #{values['userId']}"
    return _summary(what, _dump(user), given_fields(values, ("userId",)), consequence, names)


async def sales_agent_settings_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    current = await client.call(sales_agent.GET_SALES_AGENT_SETTINGS)
    what = f"Change the settings of Sales Agent #{values.get('id')}"
    if current.id is not None and current.id != values.get("id"):
        what += f", not yours (#{current.id}): Chime will refuse it"
    names = [labelled("assistant name", "crm", current.assistantName)] if current.assistantName else []
    consequence = "They decide which of the team's leads the AI follows up, on which channels and when."
    return _summary(what, _dump(current), given_fields(values, ("id",)), consequence, names)


TEAM_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (routing.UPDATE_ROUTING_RULE, routing_rule_preview),
    (routing.UPDATE_DEFAULT_ROUTING_RULE, default_rule_preview),
    (team.UPDATE_USER, user_preview),
    (sales_agent.UPDATE_SALES_AGENT_SETTINGS, sales_agent_settings_preview),
    *ORG_TEAM_PREVIEWS,
)


def team_preview_for(op: Operation[Any]) -> Preview | None:
    return next((preview for known, preview in TEAM_PREVIEWS if known == op), None)
