"""Toolset `sync`: leads created or updated since a time, and a lead's system log."""

from __future__ import annotations

from chime_mcp.chime.catalog import sync
from chime_mcp.chime.times import wire_iso
from chime_mcp.sandbox.handlers import lead_search
from chime_mcp.sandbox.handlers.records import desc_by, for_lead, lead_of, public, sent_time
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record


@handler(sync.SEARCH_LEADS_CREATED_SINCE)
def search_leads_created_since(call: Call) -> Record:
    return lead_search.lead_page(call, lead_search.since(call, "leadCreateTime", "createTime"))


@handler(sync.SEARCH_LEADS_UPDATED_SINCE)
def search_leads_updated_since(call: Call) -> Record:
    return lead_search.lead_page(call, lead_search.since(call, "leadUpdateTime", "lastUpdateTime"))


def _bound(call: Call, name: str, unbounded: str) -> str:
    """A time bound of the system log search as ISO text; a negative time (the default) is none."""
    value = call.integer_or_default(name)
    return wire_iso(sent_time(value, name)) if value >= 0 else unbounded


@handler(sync.LIST_SYSTEM_LOGS)
def list_system_logs(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    low, high = _bound(call, "startTime", ""), _bound(call, "endTime", "~")
    entries = [e for e in for_lead(call.st.system_logs.values(), lead["leadId"]) if low <= e["timelineTime"] <= high]
    entries = desc_by(entries, "timelineTime")  # newest first, as documented
    size, number = call.integer_or_default("pageSize"), call.integer_or_default("pageNumber")
    chunk = [public("system_logs", e) for e in entries[number * size : (number + 1) * size]]
    return {"hasMore": int((number + 1) * size < len(entries)), "timeLines": chunk}
