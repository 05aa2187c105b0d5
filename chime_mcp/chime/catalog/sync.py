"""Changes over time, for syncing and audits: leads created or updated since a time, a lead's
system log (changes, assignments, notes as the CRM recorded them)."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import HistoryLimit, Offset, SearchSince, SystemLogTime, lead_id
from chime_mcp.chime.catalog.leads import LEAD_FILTERS, LEAD_PAGE
from chime_mcp.chime.operation import Effect, Operation, Param


def _timeline_bound(name: str, which: str) -> Param:
    """A bound of the system timeline: -1 (the default, which the schema shows) for none."""
    description = f"{which} entry"
    return Param(name=name, location="query", annotation=SystemLogTime, description=description, default=-1)


SEARCH_LEADS_CREATED_SINCE: Final = Operation(
    tool="search_leads_created_since",
    method="GET",
    path="/v1.0/leads/createTime",
    title="Search leads created since",
    description="Leads created at or after a time.",
    toolset="sync",
    effect=Effect.READ,
    result=m.LeadListResponse,
    params=(
        Param(
            name="leadCreateTime",
            location="query",
            annotation=SearchSince,
            default="2000-01-01 00:00:00",
        ),
        *LEAD_FILTERS,
        *LEAD_PAGE,
    ),
    pagination="scroll",
)

SEARCH_LEADS_UPDATED_SINCE: Final = Operation(
    tool="search_leads_updated_since",
    method="GET",
    path="/v1.0/leads/updateTime",
    title="Search leads updated since",
    description="Leads updated at or after a time.",
    toolset="sync",
    effect=Effect.READ,
    result=m.LeadListResponse,
    params=(
        Param(
            name="leadUpdateTime",
            location="query",
            annotation=SearchSince,
            default="2000-01-01 00:00:00",
        ),
        *LEAD_FILTERS,
        *LEAD_PAGE,
    ),
    pagination="scroll",
)

LIST_SYSTEM_LOGS: Final = Operation(
    tool="list_system_logs",
    method="GET",
    path="/v1.0/systemLogs",
    title="List system logs",
    description="A lead's system timeline: changes, assignments, notes.",
    toolset="sync",
    effect=Effect.READ,
    result=m.SystemLogPage,
    params=(
        lead_id(),
        _timeline_bound("startTime", "Earliest"),
        _timeline_bound("endTime", "Latest"),
        Param(name="pageNumber", location="query", annotation=Offset, default=0),
        Param(name="pageSize", location="query", annotation=HistoryLimit, default=100),
    ),
    pagination="pageNumber",
)
