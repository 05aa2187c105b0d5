"""Lofty's AI Sales Agent: the leads it works (its pool), muting it, its settings, quota and plan tasks.

All from the published document (v2.0); the reference has none. Adding leads to the pool uses
the agent's quota. The settings decide which leads the AI follows up, on which channels and when,
for the team's leads it is given: a team-wide change (`Effect.REASSIGN`), gated like routing rules.
"""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import LeadLimit
from chime_mcp.chime.operation import Body, Effect, Location, Operation, Param


def _lead_id(location: Location) -> Param:
    """The document's leadId here: an int64, no bound (v1's leadId is at least 1)."""
    return Param(name="leadId", location=location, annotation=int, required=True)


LIST_WORKING_LEADS: Final = Operation(
    tool="list_working_leads",
    method="GET",
    path="/v2.0/working-leads",
    title="List working leads",
    description="Leads the AI follows up.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.WorkingLeadListResponseV2,
    params=(
        Param(name="aiStage", location="query", annotation=m.AiStage),
        Param(name="limit", location="query", annotation=LeadLimit),
        # The document gives offset no bound; sort and desc are left to its default (latest updated first).
        Param(name="offset", location="query", annotation=int),
    ),
    pagination="offset",
)

ADD_WORKING_LEADS: Final = Operation(
    tool="add_working_leads",
    method="POST",
    path="/v2.0/working-leads/add",
    title="Add working leads",
    description="Give leads to the AI, one quota seat each.",
    toolset="sales_agent",
    effect=Effect.WRITE,
    result=m.MessageResponse,
    body=Body(name="request", model=m.AddWorkingLeadRequestV2),
)

CHECK_WORKING_LEAD: Final = Operation(
    tool="check_working_lead",
    method="GET",
    path="/v2.0/sales-agents/working-lead/{leadId}",
    title="Check working lead",
    description="Whether the AI works a lead (empty: no).",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.WorkingLeadV2,
    params=(_lead_id("path"),),
)

MUTE_WORKING_LEAD: Final = Operation(
    tool="mute_working_lead",
    method="PUT",
    path="/v2.0/sales-agents/working-lead/{leadId}/mute",
    title="Mute working lead",
    description="Stop the AI following up a lead.",
    toolset="sales_agent",
    effect=Effect.OVERWRITE,
    result=m.MessageResponse,
    params=(_lead_id("path"),),
)

GET_LEAD_MUTE_STATUS: Final = Operation(
    tool="get_lead_mute_status",
    method="GET",
    path="/v2.0/sales-agent/lead/mute-status",
    title="Get lead mute status",
    description="Whether the AI is muted for a lead.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.MuteStatusResponse,
    params=(_lead_id("query"),),
)

GET_SALES_AGENT_SETTINGS: Final = Operation(
    tool="get_sales_agent_settings",
    method="GET",
    path="/v2.0/sales-agent/settings",
    title="Get Sales Agent settings",
    description="The AI's settings.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.SalesAgentSettingResponse,
)

UPDATE_SALES_AGENT_SETTINGS: Final = Operation(
    tool="update_sales_agent_settings",
    method="PUT",
    path="/v2.0/sales-agent/settings",
    title="Update Sales Agent settings",
    description="Change the AI's channels or hours.",
    toolset="sales_agent",
    # Which of the team's leads an AI follows up, and how: team-wide, as routing rules are.
    effect=Effect.REASSIGN,
    result=m.MessageResponse,
    body=Body(
        name="setting",
        model=m.SalesAgentSettingRequest,
        tool_hidden=m.SALES_AGENT_KEPT,
        kept=m.SALES_AGENT_KEPT,
    ),
)

GET_SALES_AGENT_QUOTA: Final = Operation(
    tool="get_sales_agent_quota",
    method="GET",
    path="/v2.0/sales-agents/quota",
    title="Get Sales Agent quota",
    description="The AI's lead quota.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.SalesAgentQuotaResponseV2,
)

GET_MY_SALES_AGENT: Final = Operation(
    tool="get_my_sales_agent",
    method="GET",
    path="/v2.0/sales-agents/current",
    title="Get my Sales Agent",
    description="Your AI assistant's profile.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.SalesAgentResponseV2,
)

GET_LEAD_SALES_AGENT: Final = Operation(
    tool="get_lead_sales_agent",
    method="GET",
    path="/v2.0/sales-agents/by-lead",
    title="Get lead's Sales Agent",
    description="The AI assistant working a lead.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=m.SalesAgentResponseV2,
    params=(_lead_id("query"),),
)

LIST_PLAN_TASKS: Final = Operation(
    tool="list_plan_tasks",
    method="GET",
    path="/v2.0/plan-tasks/lead/{leadId}",
    title="List plan tasks",
    description="The AI's tasks for a lead.",
    toolset="sales_agent",
    effect=Effect.READ,
    result=list[m.PlanTaskResponseV2],
    params=(_lead_id("path"),),
)

CREATE_PLAN_TASKS: Final = Operation(
    tool="create_plan_tasks",
    method="POST",
    path="/v2.0/plan-tasks/create",
    title="Create plan tasks",
    description="Have the AI plan tasks for leads.",
    toolset="sales_agent",
    effect=Effect.WRITE,
    result=m.ApiCommonResponse,
    body=Body(name="request", model=m.BatchCreatePlanTaskRequestV2),
)
