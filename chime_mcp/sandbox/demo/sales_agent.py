"""The caller's AI Sales Agent: its profile and settings, a quota, three working leads, Bob's plan tasks.

Seeded into the store on the first Sales Agent request (`seed_sales_agent`), from the demo state
and its reference "now", so the demo state itself (whose digests are pinned) stays as it was. The
records take their ids from the store's counter when they are seeded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

from chime_mcp.chime.times import iso
from chime_mcp.sandbox.demo.builder import full_name
from chime_mcp.sandbox.demo.state import DemoState, Record
from chime_mcp.sandbox.demo.times import DAY, HOUR

if TYPE_CHECKING:
    from chime_mcp.sandbox.store import Store

TOTAL_QUOTA: Final = 10
"""Working leads the demo's Sales Agent may take: three are taken, seven are left."""
STAGES: Final = ("AI_PROSPECTING", "HIGH_PRIORITY", "AI_MONITORING")
"""The AI stages of the demo's working leads: the first three leads (Bob first)."""


def when(ts: float) -> str:
    """Epoch seconds as the v2 endpoints' ISO 8601 (UTC, `Z`)."""
    return iso(datetime.fromtimestamp(ts, UTC))


def seed_sales_agent(store: Store) -> None:
    """The Sales Agent of the credential's user, with its pool and Bob's plan tasks."""
    st = store.state
    now = int(st.now.timestamp())
    me = st.members[st.me_id]
    agent_id = store.new_id()
    agent = _profile(me, agent_id, now)
    store.sales_agents[me["id"]] = {"agent": agent, "settings": _settings(me, agent), "totalQuota": TOTAL_QUOTA}
    for age, (lead_id, stage) in enumerate(zip(st.leads, STAGES, strict=False)):
        joined = now - (20 - age) * DAY
        store.working_leads[lead_id] = {
            "leadId": lead_id,
            "aiStage": stage,
            "muted": False,
            "createdAt": when(joined),
            "updatedAt": when(joined + (age + 1) * HOUR),
        }
    _bobs_plan_tasks(store, st, store.new_id, now)
    store.touch("sales_agents", "working_leads", "plan_tasks")


def _profile(me: Record, agent_id: int, now: int) -> Record:
    return {
        "id": agent_id,
        "userId": me["id"],
        "agentName": full_name(me),
        "assistantName": "Ava",
        "assistantHeadUrl": "https://example.com/ava.png",
        "virtualNumber": me["virtualNumber"],
        "virtualNumberCountry": "US",
        "followUpRole": "AI",
        "agentExperience": "12 years selling homes in Austin",
        "email": "ava.assistant@example.com",
        "status": "ACTIVE",
        "createdAt": when(now - 60 * DAY),
        "updatedAt": when(now - 5 * DAY),
        "hasQuotaSeat": True,
        "borrowLevel": "SELF",
        "borrowId": me["id"],
    }


def _settings(me: Record, agent: Record) -> Record:
    return {
        "id": agent["id"],
        "assistantName": agent["assistantName"],
        "headUrl": agent["assistantHeadUrl"],
        "virtualNumber": me["virtualNumber"],
        "virtualNumberCountry": "US",
        "callTransferType": "ToAssignedAgent",
        "fixedNumber": me.get("phoneNumber") or "",
        "agentExperience": agent["agentExperience"],
        "rentalBusiness": False,
        "websiteChannel": True,
        "textChannel": True,
        "emailChannel": True,
        "startActiveHour": 8,
        "endActiveHour": 20,
        "activeDays": [1, 2, 3, 4, 5, 6],
        "leadTypes": [],
        "leadSources": [],
        "leadPipelines": [],
        "agentIds": [-1],
        "officeIds": [-1],
        "leadPondIds": [],
        "newLeadEnable": True,
        "visitorsEnable": False,
        "followUpRole": "AI",
        "hostedStatus": "ACTIVE",
    }


def _bobs_plan_tasks(store: Store, st: DemoState, new_id: Callable[[], int], now: int) -> None:
    bob = next(iter(st.leads.values()))
    first = bob["firstName"]
    plans = (
        ("CALL", "FINISHED", -3 * DAY, f"Call {first} about his mortgage pre-approval"),
        ("TEXT", "PENDING", DAY, f"Text {first} to confirm Saturday's showings"),
    )
    for kind, status, due, content in plans:
        task_id = new_id()
        store.plan_tasks[task_id] = {
            "id": task_id,
            "leadId": bob["leadId"],
            "content": content,
            "taskType": kind,
            "status": status,
            "dueAt": when(now + due),
            "createdAt": when(now - 4 * DAY),
            "assignedTo": bob["assignedUserId"],
            "creatorId": st.me_id,
        }
