"""Toolset `routing`: routing members, roles and rules; and the engine that routes a new lead.

A new lead without an assignee goes through the team's agent rules (type 1) in order: the first
switched-on rule whose source, tags and lead type match either moves it to a lead pond or hands
it to the member of the rule's pool with the fewest leads; without a matching rule, the default
rule's assignee gets it. A simplified engine, deterministic for the same state.
"""

from __future__ import annotations

from typing import Any, Final

from chime_mcp.chime.catalog import routing
from chime_mcp.chime.times import epoch_ms, wire_time
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.records import INACTIVE, full_name, member_of, member_or_none
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.handlers.system_log import person, system_log
from chime_mcp.sandbox.store import Record

_ROUTING_ROLES: Final[dict[int, tuple[str, ...]]] = {1: ("Agent", "Admin"), 2: ("Lender",), 4: ("Assistant",)}
"""Routing type -> the member roles it routes to."""

_NEEDS_ROLE: Final = "roleId is required for routing type 4 (assistant routing)"


def _routing_type(call: Call) -> int:
    kind = call.ident("type")
    role_id = call.integer("roleId")
    if kind == 4 and (role_id is None or role_id < 0):  # the client sends -1 when none is given
        raise bad(_NEEDS_ROLE)
    return kind


def _pond(call: Call, pond_id: Any, what: str) -> Record:
    pond = call.st.lead_ponds.get(pond_id)
    if pond is None:
        raise missing(what, pond_id)
    return pond


# -- reading ----------------------------------------------------------------------------------


@handler(routing.LIST_ROUTING_MEMBERS)
def list_routing_members(call: Call) -> list[Record]:
    kind = _routing_type(call)
    members = [
        {"id": m["id"], "name": full_name(m), "type": 2 if kind == 2 else 1}
        for m in call.st.members.values()
        if m.get("roleName") in _ROUTING_ROLES[kind] and m.get("accountStatus") != INACTIVE
    ]
    if kind == 1:
        members += [{"id": p["id"], "name": p["pondName"], "type": 3} for p in call.st.lead_ponds.values()]
    return members


@handler(routing.LIST_ROUTING_ROLES)
def list_routing_roles(call: Call) -> list[Record]:
    return call.st.routing_roles


@handler(routing.LIST_ROUTING_RULES)
def list_routing_rules(call: Call) -> list[Record]:
    return call.st.routing_rules.get(_routing_type(call), [])


@handler(routing.GET_DEFAULT_ROUTING_RULE)
def get_default_routing_rule(call: Call) -> Record:
    kind = _routing_type(call)
    rule = call.st.supplement_rules.get(kind)
    if rule is None:
        raise missing("Default routing rule of type", kind)
    return rule


# -- changing ---------------------------------------------------------------------------------


def _check_default_rule(kind: int, rule: Record, changes: Record) -> None:
    """The default rule after `changes` must still name what its type and strategy need."""
    if kind == 4 and changes.get("roleId") is None and rule.get("roleId") is None:
        raise bad(_NEEDS_ROLE)
    strategy = changes.get("strategyType", rule.get("strategyType"))
    if strategy == 3 and changes.get("assigneeAgentId") is None and rule.get("assigneeAgentId") is None:
        raise bad("assigneeAgentId is required for the default assignee strategy (strategyType 3)")


@handler(routing.UPDATE_DEFAULT_ROUTING_RULE)
def update_default_routing_rule(call: Call) -> str:
    kind = call.ident("type")
    changes = call.fields()
    rule = call.st.supplement_rules.setdefault(kind, {"businessType": kind})
    _check_default_rule(kind, rule, changes)
    if changes.get("assigneeAgentId") is not None:
        rule["assigneeAgentName"] = full_name(member_of(call, changes["assigneeAgentId"]))
    if changes.get("assigneeGroupId") is not None:
        rule["assigneeGroupName"] = _pond(call, changes["assigneeGroupId"], "Group")["pondName"]
    rule.update(changes)
    rule["updateTime"] = epoch_ms(call.now)
    call.store.touch("supplement_rules")
    return "ok"


def member_weights(strategy: Record) -> list[Record]:
    """A strategy's member weights: one object, as the published document has it (a list is read too)."""
    weights = strategy.get("memberWeights")
    if isinstance(weights, dict):
        return [weights]
    return [w for w in weights or [] if isinstance(w, dict)]


def _merged_strategy(call: Call, rule: Record, changes: Record) -> Record:
    """The rule's strategy with the changes, member and pond names filled in from the state."""
    strategy = {**(rule.get("routingStrategy") or {}), **changes}
    for weight in member_weights(changes):
        member = member_of(call, weight.get("memberId"))
        weight["firstName"], weight["lastName"] = member.get("firstName"), member.get("lastName")
    if strategy.get("groupId") is not None:
        strategy["groupName"] = _pond(call, strategy["groupId"], "Lead pond")["pondName"]
    return strategy


@handler(routing.UPDATE_ROUTING_RULE)
def update_routing_rule(call: Call) -> str:
    kind = call.ident("type")
    changes = call.fields()
    if changes.get("id") is None:
        raise bad("id: the routing rule to update is required")
    rule = next((r for r in call.st.routing_rules.get(kind, []) if r.get("id") == changes["id"]), None)
    if rule is None:
        raise missing("Routing rule", changes["id"])
    if "activeHours" in changes:
        rule["activeHours"] = {**(rule.get("activeHours") or {}), **changes["activeHours"]}
    if "routingStrategy" in changes:
        rule["routingStrategy"] = _merged_strategy(call, rule, changes["routingStrategy"])
    rule["updateTime"] = epoch_ms(call.now)
    call.store.touch("routing_rules")
    return "ok"


# -- the engine: assigning and routing a lead -------------------------------------------------


def assign_agent(call: Call, lead: Record, agent: Record | None, reason: str) -> None:
    """Make `agent` the lead's agent (None: unassign), with a system log saying why."""
    lead["assignedUserId"] = agent["id"] if agent else None
    lead["assignedUser"] = full_name(agent) if agent else None
    lead["assignTime"] = wire_time(call.now) if agent else None
    lead["assignCompletionStatus"] = agent is not None
    if agent is not None:
        lead["pondId"] = lead["pondName"] = None
        content = {"assigneeName": full_name(agent), "reason": reason}
        system_log(call, lead, "AssignAgent", content, to=person(agent, 1))


def _rule_matches(rule: Record, lead: Record) -> bool:
    """A switched-on rule whose source, tag and lead-type conditions the lead meets."""
    tags = {t["tagName"] for t in lead.get("tags") or []}
    lead_types = {str(t) for t in lead.get("leadTypes") or []}
    if not rule.get("ruleSwitch"):
        return False
    if rule.get("sourceMatchType") == 1 and rule.get("sourceName") != lead.get("source"):
        return False
    if rule.get("tagMatchType") == 1 and not tags.intersection(rule.get("tagNames") or []):
        return False
    return not (rule.get("leadType") and rule["leadType"] not in lead_types)


def _fewest_leads(call: Call, member_ids: list[int]) -> int:
    """Round robin, deterministic: the member with the fewest leads from this pool."""
    counts = dict.fromkeys(member_ids, 0)
    for other in call.st.leads.values():
        if other.get("assignedUserId") in counts:
            counts[other["assignedUserId"]] += 1
    return min(counts, key=lambda uid: counts[uid])


def _chosen(call: Call, rule: Record) -> tuple[str, Record] | None:
    """Where `rule`'s strategy sends a lead ("pond" or "member"); None when it has no one."""
    strategy = rule.get("routingStrategy") or {}
    if strategy.get("strategyType") == 4 and strategy.get("groupId") in call.st.lead_ponds:
        return "pond", call.st.lead_ponds[strategy["groupId"]]
    pool = [w["memberId"] for w in member_weights(strategy) if _routable(call, w.get("memberId")) is not None]
    if not pool:
        return None
    return "member", call.st.members[_fewest_leads(call, pool)]


def _apply_rule(call: Call, lead: Record, rule: Record) -> bool:
    """Route the lead by `rule`'s strategy; False when the strategy has no one to route to."""
    chosen = _chosen(call, rule)
    if chosen is None:
        return False
    kind, target = chosen
    if kind == "pond":
        lead["pondId"], lead["pondName"] = target["id"], target["pondName"]
        system_log(call, lead, "MoveToLeadPond", {"pondName": target["pondName"]}, to=(target["id"], 6, None, None))
        return True
    assign_agent(call, lead, target, f"Lead routing: {rule.get('name')}")
    return True


def _routable(call: Call, user_id: object) -> Record | None:
    """The member routing may give a lead to: on the team and not deactivated."""
    member = member_or_none(call, user_id)
    return None if member is None or member.get("accountStatus") == INACTIVE else member


def routed_agent(call: Call, lead: Record) -> Record | None:
    """The member routing would give `lead` to, changing nothing (None: a pond, or no one)."""
    for rule in call.st.routing_rules.get(1, []):
        if _rule_matches(rule, lead) and (chosen := _chosen(call, rule)) is not None:
            return chosen[1] if chosen[0] == "member" else None
    default = call.st.supplement_rules.get(1) or {}
    return _routable(call, default.get("assigneeAgentId"))


def route_new_lead(call: Call, lead: Record) -> None:
    """Assign a new lead the way the team's agent routing rules say."""
    for rule in call.st.routing_rules.get(1, []):
        if _rule_matches(rule, lead) and _apply_rule(call, lead, rule):
            return
    default = call.st.supplement_rules.get(1) or {}
    agent = _routable(call, default.get("assigneeAgentId"))
    if agent is not None:
        assign_agent(call, lead, agent, "Default routing rule")


@handler(routing.PREVIEW_ROUTING)
def preview_routing(call: Call) -> list[Record]:
    """Who a new lead with these fields would go to; an existing lead with the email is named."""
    fields = call.fields()
    email = str(fields.get("email") or "").lower()
    known = next((lead for lead in call.st.leads.values() if email in _emails(lead)), None)
    agent = routed_agent(call, {"firstName": fields.get("firstName"), "lastName": fields.get("lastName")})
    assignees = []
    if agent is not None:
        assignees.append(
            {
                "agentFullName": full_name(agent),
                "roleId": 1,
                "role": "Agent",
                "assigneeId": agent["id"],
                "assignee": agent.get("email"),
                "permissionProfileName": agent.get("roleName"),
            }
        )
    answer: Record = {"firstName": fields.get("firstName"), "lastName": fields.get("lastName")}
    if known is not None:
        answer |= {"leadId": known["leadId"], "leadUserId": known.get("leadUserId")}
    return [{**answer, "customRoleAssignees": assignees}]


def _emails(lead: Record) -> set[str]:
    return {str(e).lower() for e in lead.get("emails") or [] if e}
