"""Previews of team-wide changes: what a routing rule or a user would become, read first.

"Change routing rule #7 'Zillow buyers' (agent leads): ruleSwitch true -> false; ..." The safety
gate shows these before a team-wide reassignment (routing rules decide who receives every new
lead; a user's role decides what they may do). `changes` is also how an overwrite tells what it
changed. `TEAM_PREVIEWS` is keyed by the catalog operation; every reassign operation has one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from chime_mcp.chime.catalog import routing, team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.previews import Preview

ROUTING_TYPES = {1: "agent leads", 2: "lender leads", 4: "assistant leads"}


def _routing_type(kind: Any) -> str:
    return ROUTING_TYPES.get(kind, f"type {kind}") if isinstance(kind, int) else f"type {kind}"


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """`field: before -> after` for each field `after` sets to something other than `before`."""
    lines = []
    for key, value in after.items():
        if value is None or before.get(key) == value:
            continue
        lines.append(f"{key}: {_value(before.get(key))} -> {_value(value)}")
    return lines


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    return json.dumps(value, ensure_ascii=True, sort_keys=True, default=str)


def _dump(model: BaseModel | None) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True) if model is not None else {}


def _sent(values: Mapping[str, Any], skip: tuple[str, ...]) -> dict[str, Any]:
    """The fields a call sets, as plain JSON values (tool arguments may hold models)."""
    return {key: _plain(value) for key, value in values.items() if key not in skip and value is not None}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _summary(what: str, lines: list[str], consequence: str) -> str:
    listed = "; ".join(lines) if lines else "no field changes"
    return f"{what}: {listed}. {consequence}"


async def routing_rule_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    kind = values.get("type")
    rules = await client.call(routing.LIST_ROUTING_RULES, {"type": kind})
    current = next((rule for rule in rules if rule.id == values.get("id")), None)
    label = f"routing rule #{values.get('id')}"
    if current is not None and current.name:
        label += f" {_value(current.name)}"
    what = f"Change {label} ({_routing_type(kind)})"
    if current is None:
        what += " (not found among this team's rules: Chime will refuse or create it)"
    lines = changes(_dump(current), _sent(values, ("type", "id")))
    return _summary(what, lines, "It decides who receives every new lead that matches it.")


async def default_rule_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    kind = values.get("type")
    current = await client.call(routing.GET_DEFAULT_ROUTING_RULE, {"type": kind})
    what = f"Change the default routing rule ({_routing_type(kind)})"
    lines = changes(_dump(current), _sent(values, ("type",)))
    return _summary(what, lines, "It decides who receives every new lead no other rule takes.")


async def user_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    user = await client.call(team.GET_USER, {"userId": values["userId"]})
    name = " ".join(part for part in (user.firstName, user.lastName) if part) or "(no name)"
    what = f"Change user #{values['userId']} {_value(name)} ({user.email or 'no email'})"
    lines = changes(_dump(user), _sent(values, ("userId",)))
    return _summary(what, lines, "A user's role and settings decide what they may see and do across the team.")


TEAM_PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (routing.UPDATE_ROUTING_RULE, routing_rule_preview),
    (routing.UPDATE_DEFAULT_ROUTING_RULE, default_rule_preview),
    (team.UPDATE_USER, user_preview),
)


def team_preview_for(op: Operation[Any]) -> Preview | None:
    return next((preview for known, preview in TEAM_PREVIEWS if known == op), None)
