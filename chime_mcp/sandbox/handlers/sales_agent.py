"""Toolset `sales_agent`: the caller's AI Sales Agent, its working-lead pool, settings and plan tasks.

As the published document describes the live API: each lead in the pool takes a quota seat; a
batch add (at most 100 leads) adds what the quota allows and reports the rest as failed in its
message ("may include partial failures"); plan tasks are made only for leads in the pool; muting
keeps a lead in the pool and stops its follow-up (the mute status says so); the settings update
only the Sales Agent that exists (its `id`). A lead the caller cannot see answers 403.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from chime_mcp.chime.catalog import sales_agent
from chime_mcp.chime.times import iso
from chime_mcp.sandbox.handlers.codes import SandboxError, bad
from chime_mcp.sandbox.handlers.records import me, page
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record, Store

PAGE: Final = 20
"""Working leads per page when no limit is given (the document's default)."""
_SORT_KEYS: Final = {"CreateTime": "createdAt", "UpdateTime": "updatedAt"}
_AGENT_FIELDS: Final = ("assistantName", "virtualNumber", "virtualNumberCountry", "agentExperience", "followUpRole")
"""Settings the Sales Agent's profile shows too."""


def when(ts: float) -> str:
    """Epoch seconds as the v2 endpoints' ISO 8601 (UTC, `Z`)."""
    return iso(datetime.fromtimestamp(ts, UTC))


def _store(call: Call) -> Store:
    """The store, with the Sales Agent's records seeded on first use (see demo/sales_agent.py)."""
    loaded = call.st  # built, or loaded from the database first: it may hold the Sales Agent already
    if not call.store.sales_agents and loaded.members:
        from chime_mcp.sandbox.demo.sales_agent import seed_sales_agent

        seed_sales_agent(call.store)
    return call.store


def _agent(call: Call) -> Record:
    """The caller's Sales Agent ({"agent", "settings", "totalQuota"}), or 404 as the document says."""
    agent = _store(call).sales_agents.get(call.st.me_id)
    if agent is None:
        raise SandboxError(404, "Sales Agent not found for the current user")
    return agent


def _lead(call: Call, lead_id: int | None) -> Record:
    lead = call.st.leads.get(lead_id) if lead_id is not None else None
    if lead is None or lead_id in call.store.trash:
        raise SandboxError(403, f"The caller does not have access to lead {lead_id}")
    return lead


def _pool(call: Call) -> dict[int, Record]:
    """The working leads whose lead still exists (a trashed lead leaves the pool's view)."""
    pool = _store(call).working_leads
    return {i: e for i, e in pool.items() if i in call.st.leads and i not in call.store.trash}


def _working(call: Call, entry: Record) -> Record:
    lead = call.st.leads[entry["leadId"]]
    row = {
        "leadId": lead["leadId"],
        "firstName": lead.get("firstName"),
        "lastName": lead.get("lastName"),
        "email": next(iter(lead.get("emails") or ()), None),
        "phone": next(iter(lead.get("phones") or ()), None),
        "createdAt": entry["createdAt"],
    }
    return {k: v for k, v in row.items() if v is not None}


# -- the pool ---------------------------------------------------------------------------------


@handler(sales_agent.LIST_WORKING_LEADS)
def list_working_leads(call: Call) -> Record:
    entries = list(_pool(call).values())
    stage = call.text("aiStage")
    if stage is not None:
        entries = [e for e in entries if e["aiStage"] == stage]
    key = _SORT_KEYS.get(call.text("sort") or "UpdateTime")
    if key is not None:  # Default: the pool's own order
        entries.sort(key=lambda e: (e[key], e["leadId"]), reverse=call.flag("desc") is not False)
    offset, limit = call.integer("offset") or 0, call.integer("limit") or PAGE
    if offset < 0:
        raise bad("offset: must be at least 0")
    rows = [_working(call, e) for e in page(entries, offset, limit)]
    metadata = {"total": len(entries), "count": len(rows), "offset": offset, "limit": limit}
    return {"workingLeads": rows, "metadata": metadata}


@handler(sales_agent.ADD_WORKING_LEADS)
def add_working_leads(call: Call) -> Record:
    sent = call.fields()
    agent = _agent(call)
    pool = _pool(call)
    seats = agent["totalQuota"] - len(pool)
    added: list[Record] = []
    already: list[int] = []
    failed: dict[int, str] = {}
    for lead_id in dict.fromkeys(sent["leadIds"]):
        lead = call.st.leads.get(lead_id)
        if lead is None or lead_id in call.store.trash:
            failed[lead_id] = "no such lead"
        elif lead_id in pool:
            already.append(lead_id)
        elif seats <= 0:
            failed[lead_id] = f"no quota seat left, all {agent['totalQuota']} used"
        else:
            stamp = when(call.now)
            call.store.working_leads[lead_id] = {
                "leadId": lead_id,
                "aiStage": "AI_PROSPECTING",
                "muted": False,
                "createdAt": stamp,
                "updatedAt": stamp,
            }
            seats -= 1
            added.append(lead)
    if sent.get("createPlanTask"):
        for lead in added:
            _plan(call, lead)
    call.store.touch("working_leads", "plan_tasks")
    parts = [f"{len(added)} of {len(dict.fromkeys(sent['leadIds']))} leads added to the working pool"]
    if already:
        parts.append(f"already working: {', '.join(map(str, already))}")
    if failed:
        parts.append("failed: " + ", ".join(f"{i} ({why})" for i, why in failed.items()))
    return {"message": "; ".join(parts)}


@handler(sales_agent.CHECK_WORKING_LEAD)
def check_working_lead(call: Call) -> Record:
    lead = _lead(call, call.integer("leadId"))
    entry = _pool(call).get(lead["leadId"])
    return _working(call, entry) if entry is not None else {}


@handler(sales_agent.MUTE_WORKING_LEAD)
def mute_working_lead(call: Call) -> Record:
    lead = _lead(call, call.integer("leadId"))
    entry = _pool(call).get(lead["leadId"])
    if entry is None:
        raise bad(f"Lead {lead['leadId']} is not a working lead of the Sales Agent")
    if entry["muted"]:
        return {"message": "The lead was already muted"}
    entry["muted"] = True
    entry["updatedAt"] = when(call.now)
    call.store.touch("working_leads")
    return {"message": "Muted: the Sales Agent stops following up the lead"}


@handler(sales_agent.GET_LEAD_MUTE_STATUS)
def get_lead_mute_status(call: Call) -> Record:
    lead = _lead(call, call.integer("leadId"))
    entry = _pool(call).get(lead["leadId"])
    return {"data": {"mute": "true" if entry is not None and entry["muted"] else "false"}}


# -- the Sales Agent --------------------------------------------------------------------------


@handler(sales_agent.GET_SALES_AGENT_SETTINGS)
def get_sales_agent_settings(call: Call) -> Record:
    settings: Record = _agent(call)["settings"]
    return settings


@handler(sales_agent.UPDATE_SALES_AGENT_SETTINGS)
def update_sales_agent_settings(call: Call) -> Record:
    sent = call.fields()
    agent = _agent(call)
    if sent["id"] != agent["settings"]["id"]:
        raise bad(f"id: {sent['id']} is not the caller's Sales Agent; creating one is done in the CRM")
    changes = {k: v for k, v in sent.items() if k != "id" and v is not None}
    agent["settings"].update(changes)
    agent["agent"].update({k: v for k, v in changes.items() if k in _AGENT_FIELDS})
    agent["agent"]["updatedAt"] = when(call.now)
    call.store.touch("sales_agents")
    return {"message": "Sales Agent settings updated"}


@handler(sales_agent.GET_SALES_AGENT_QUOTA)
def get_sales_agent_quota(call: Call) -> Record:
    total: int = _agent(call)["totalQuota"]
    used = len(_pool(call))
    left = max(0, total - used)
    return {
        "totalQuota": total,
        "usedQuota": used,
        "remainingQuota": left,
        "hasQuotaAvailable": left > 0,
        "usagePercentage": round(100 * used / total, 1) if total else 100.0,
        "isBorrowed": False,
        "borrowLevel": "SELF",
    }


@handler(sales_agent.GET_MY_SALES_AGENT)
def get_my_sales_agent(call: Call) -> Record:
    profile: Record = _agent(call)["agent"]
    return profile


@handler(sales_agent.GET_LEAD_SALES_AGENT)
def get_lead_sales_agent(call: Call) -> Record:
    lead = _lead(call, call.integer("leadId"))
    if lead["leadId"] not in _pool(call):
        raise SandboxError(404, "Sales Agent not found for the lead")  # the document's words
    profile: Record = _agent(call)["agent"]
    return profile


# -- plan tasks -------------------------------------------------------------------------------


def _plan(call: Call, lead: Record) -> Record:
    """The Sales Agent's next task for a lead, by the channel it may use: a text, else an email, else a call."""
    first = lead.get("firstName") or "the lead"
    if lead.get("phones") and not lead.get("cannotText"):
        kind, content = "TEXT", f"Text {first} to check in on the home search"
    elif lead.get("emails") and not lead.get("cannotEmail"):
        kind, content = "EMAIL", f"Email {first} new listings that match the search"
    else:
        kind, content = "CALL", f"Call {first} to check in on the home search"
    task_id = call.store.new_id()
    task = {
        "id": task_id,
        "leadId": lead["leadId"],
        "content": content,
        "taskType": kind,
        "status": "PENDING",
        "dueAt": when(call.now + 86_400),
        "createdAt": when(call.now),
        "assignedTo": lead.get("assignedUserId"),
        "creatorId": me(call)["id"],
    }
    _store(call).plan_tasks[task_id] = task
    return task


@handler(sales_agent.LIST_PLAN_TASKS)
def list_plan_tasks(call: Call) -> list[Record]:
    lead = _lead(call, call.integer("leadId"))
    now = when(call.now)
    tasks = sorted(
        (t for t in _store(call).plan_tasks.values() if t["leadId"] == lead["leadId"]), key=lambda t: t["dueAt"]
    )
    shown = []
    for task in tasks:
        row = {k: v for k, v in task.items() if k != "leadId" and v is not None}
        if row["status"] == "PENDING" and row["dueAt"] < now:
            row["status"] = "OVERDUE"
        shown.append(row)
    return shown


@handler(sales_agent.CREATE_PLAN_TASKS)
def create_plan_tasks(call: Call) -> Record:
    sent = call.fields()
    _agent(call)
    pool = _pool(call)
    succeeded: list[int] = []
    failed: list[int] = []
    for lead_id in dict.fromkeys(sent["leadIds"]):
        if lead_id in pool:
            _plan(call, call.st.leads[lead_id])
            succeeded.append(lead_id)
        else:
            failed.append(lead_id)
    call.store.touch("plan_tasks")
    message = f"Plan tasks created for {len(succeeded)} of {len(succeeded) + len(failed)} leads"
    if failed:
        message += " (the others are not in the Sales Agent's working pool)"
    return {"code": 0, "message": message, "data": {"succeededLeadIds": succeeded, "failedLeadIds": failed}}
