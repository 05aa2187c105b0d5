"""Lead routing: the rules per business type, the custom routing roles and the supplement rules.

Business types: AGENT_LEAD (1), LENDER_LEAD (2), ASSISTANT_LEAD (4) (`vocabulary.ROUTING_TYPES`).
"""

from __future__ import annotations

import json

from chime_mcp.sandbox.demo.builder import Builder, full_name
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY


def build_routing(b: Builder, created: int) -> None:
    """Routing rules, routing roles and supplement rules, all last updated 120 days after ``created``."""
    st = b.state
    agents = b.agents
    updated_ms = (created + 120 * DAY) * 1000
    pond = b.ponds[1]
    st.routing_rules = {
        1: [
            _rule(
                b,
                updated_ms,
                "Luxury $1M+",
                _strategy(1, 10, _weight(agents[4])),
                price=(1_000_000, 10_000_000),
            ),
            _rule(b, updated_ms, "Relocation", _strategy(2, 15, _weight(agents[6])), tags=["Relocation"]),
            _rule(
                b,
                updated_ms,
                "Zillow buyers",
                _strategy(3, 0, _weight(agents[0], 2)),
                source="Zillow",
                lead_type="2",
            ),
            _rule(
                b,
                updated_ms,
                "Website sellers",
                _strategy(3, 0, _weight(agents[2])),
                source="Website",
                lead_type="1",
            ),
            _rule(
                b,
                updated_ms,
                "After-hours overflow to pond",
                _strategy(4, 0, None, pond=pond),
                switch=False,
                days=[6, 7],
            ),
        ],
        2: [_rule(b, updated_ms, "Buyers to in-house lender", _strategy(3, 0, _weight(b.lender)), lead_type="2")],
        4: [_rule(b, updated_ms, "New leads to ISA", _strategy(1, 5, _weight(b.assistant)))],
    }
    st.routing_roles = [
        {"id": 101, "name": "Inside Sales Associate"},
        {"id": 102, "name": "Transaction Coordinator"},
        {"id": 103, "name": "Showing Assistant"},
    ]
    b.isa_role = st.routing_roles[0]
    st.supplement_rules = {
        1: _supplement(1, 3, 0, b.admin, None, updated_ms),
        2: _supplement(2, 3, 0, b.lender, None, updated_ms),
        4: _supplement(4, 1, 10, b.assistant, b.isa_role["id"], updated_ms),
    }


def _weight(member: Record, weight: int = 1) -> Record:
    """A strategy's member weight: one object, as the published RoutingStrategy defines it."""
    names = {"firstName": member["firstName"], "lastName": member["lastName"]}
    return {"memberId": member["id"], **names, "weight": weight}


def _strategy(strategy_type: int, touch_minutes: int, weight: Record | None, *, pond: Record | None = None) -> Record:
    return {
        "strategyType": strategy_type,
        "groupId": pond["id"] if pond else None,
        "groupName": pond["pondName"] if pond else "",
        "touchMinutes": touch_minutes,
        "memberWeights": weight,
    }


def _rule(
    b: Builder,
    updated_ms: int,
    name: str,
    strategy: Record,
    *,
    source: str | None = None,
    tags: list[str] | None = None,
    lead_type: str | None = None,
    price: tuple[int, int] | None = None,
    city: str | None = None,
    switch: bool = True,
    days: list[int] | None = None,
) -> Record:
    return {
        "id": b.nid(),
        "name": name,
        "locationRule": {
            "locationMatchType": 1 if city else 2,
            "state": "TX" if city else "",
            "county": "",
            "city": city or "",
            "zipcode": "",
            "streetAddress": "",
        },
        "sourceName": source or "",
        "sourceMatchType": 1 if source else 2,
        "tagNames": tags or [],
        "tagMatchType": 1 if tags else 2,
        "groupNames": [],
        "groupMatchType": 2,
        "phone": "",
        "priceMin": price[0] if price else None,
        "priceMax": price[1] if price else None,
        "leadType": lead_type or "",
        "leadTypeFilters": json.dumps([{"type": "one_of", "ids": lead_type}]) if lead_type else "",
        "activeHours": {"activeDays": days or [1, 2, 3, 4, 5, 6, 7], "hoursStart": 0, "hoursEnd": 23},
        "routingStrategy": strategy,
        "ruleSwitch": switch,
        "updateTime": updated_ms,
    }


def _supplement(
    business_type: int, strategy_type: int, touch_minutes: int, assignee: Record, role_id: int | None, updated_ms: int
) -> Record:
    return {
        "roleId": role_id,
        "businessType": business_type,
        "strategyType": strategy_type,
        "touchMinutes": touch_minutes,
        "assigneeAgentName": full_name(assignee),
        "assigneeAgentId": assignee["id"],
        "assigneeGroupName": "",
        "assigneeGroupId": None,
        "updateTime": updated_ms,
    }
