"""Previews of team-wide changes: what a routing rule or a user would become, read first.

"Change routing rule #7 'Zillow buyers' (agent leads): ruleSwitch true -> false; ..." The safety
gate shows these before a team-wide reassignment (routing rules decide who receives every new
lead; a user's role decides what they may do). `TEAM_PREVIEWS` is keyed by the catalog
operation; every reassign operation has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from chime_mcp.chime.catalog import routing, team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.changes import changes, given_fields, shown_value
from chime_mcp.services.previews import Preview

ROUTING_TYPES = {1: "agent leads", 2: "lender leads", 4: "assistant leads"}


def _routing_type(kind: Any) -> str:
    return ROUTING_TYPES.get(kind, f"type {kind}") if isinstance(kind, int) else f"type {kind}"


def _dump(model: BaseModel | None) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True) if model is not None else {}


def _summary(what: str, lines: list[str], consequence: str) -> str:
    listed = "; ".join(lines) if lines else "no field changes"
    return f"{what}: {listed}. {consequence}"


async def routing_rule_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    kind = values.get("type")
    rules = await client.call(routing.LIST_ROUTING_RULES, {"type": kind})
    current = next((rule for rule in rules if rule.id == values.get("id")), None)
    label = f"routing rule #{values.get('id')}"
    if current is not None and current.name:
        label += f" {shown_value(current.name)}"
    what = f"Change {label} ({_routing_type(kind)})"
    if current is None:
        what += " (not found among this team's rules: Chime will refuse or create it)"
    lines = changes(_dump(current), given_fields(values, ("type", "id")))
    return _summary(what, lines, "It decides who receives every new lead that matches it.")


async def default_rule_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    kind = values.get("type")
    current = await client.call(routing.GET_DEFAULT_ROUTING_RULE, {"type": kind})
    what = f"Change the default routing rule ({_routing_type(kind)})"
    lines = changes(_dump(current), given_fields(values, ("type",)))
    return _summary(what, lines, "It decides who receives every new lead no other rule takes.")


async def user_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    user = await client.call(team.GET_USER, {"userId": values["userId"]})
    name = " ".join(part for part in (user.firstName, user.lastName) if part) or "(no name)"
    what = f"Change user #{values['userId']} {shown_value(name)} ({user.email or 'no email'})"
    lines = changes(_dump(user), given_fields(values, ("userId",)))
    return _summary(what, lines, "A user's role and settings decide what they may see and do across the team.")


TEAM_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (routing.UPDATE_ROUTING_RULE, routing_rule_preview),
    (routing.UPDATE_DEFAULT_ROUTING_RULE, default_rule_preview),
    (team.UPDATE_USER, user_preview),
)


def team_preview_for(op: Operation[Any]) -> Preview | None:
    return next((preview for known, preview in TEAM_PREVIEWS if known == op), None)
