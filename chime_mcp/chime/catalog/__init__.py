"""The operation catalog: one entry per operation of the Chime API reference (62), and of
the published document beyond it (the messaging sends, lead pipelines, the routing preview,
calendar events and agenda items).

This is the single source of truth for the client, the MCP tools and the sandbox. Each toolset has
its module, and each operation is one typed constant there, named after its tool:
`catalog.notes.GET_NOTE` is an `Operation[NoteResponse]`, so `await client.call(notes.GET_NOTE, ...)`
returns a `NoteResponse` to a type checker. Where the reference contradicts itself or the published
API, the entry follows `lofty-openapi.json` and says so in `deviation` / `omitted`. Parameters the
reference lacks but a person needs are marked `beyond_reference`.

Descriptions are terse on purpose: they become the tool schemas a model reads, and conventions
shared by all tools (ids, times, paging) live once in the server instructions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from chime_mcp.chime.catalog import (
    admin,
    agenda,
    ai,
    calendar,
    communication,
    lead_details,
    leads,
    listings,
    logs,
    messaging,
    notes,
    notifications,
    routing,
    sales_agent,
    sync,
    tasks,
    team,
    transactions,
    webhooks,
)
from chime_mcp.chime.operation import Effect, Operation

OPERATIONS: Final[tuple[Operation[Any], ...]] = (
    communication.SEARCH_CALLS,
    communication.GET_CALL,
    communication.LIST_CALL_HISTORY,
    communication.LIST_EMAIL_HISTORY,
    communication.LIST_TEXT_HISTORY,
    routing.LIST_ROUTING_MEMBERS,
    routing.LIST_ROUTING_ROLES,
    routing.LIST_ROUTING_RULES,
    routing.GET_DEFAULT_ROUTING_RULE,
    routing.UPDATE_DEFAULT_ROUTING_RULE,
    routing.UPDATE_ROUTING_RULE,
    routing.PREVIEW_ROUTING,
    transactions.SYNC_BROKERMINT_LEAD,
    transactions.SYNC_BROKERMINT_TRANSACTION,
    leads.CREATE_LEAD,
    leads.SEARCH_LEADS,
    sync.SEARCH_LEADS_CREATED_SINCE,
    sync.SEARCH_LEADS_UPDATED_SINCE,
    leads.GET_LEAD,
    leads.UPDATE_LEAD,
    leads.DELETE_LEAD,
    lead_details.LIST_LEAD_ACTIVITIES,
    lead_details.ADD_LEAD_ACTIVITY,
    leads.ASSIGN_LEAD,
    lead_details.ADD_LEAD_INQUIRY,
    lead_details.ADD_LEAD_PROPERTY,
    transactions.CREATE_TRANSACTION,
    transactions.GET_TRANSACTION,
    transactions.UPDATE_TRANSACTION,
    transactions.LIST_TRANSACTIONS,
    team.GET_ME,
    team.LIST_MEMBERS,
    team.GET_MEMBER,
    team.GET_USER,
    team.UPDATE_USER,
    notes.ADD_NOTE,
    notes.LIST_NOTES,
    notes.GET_NOTE,
    notes.UPDATE_NOTE,
    notes.DELETE_NOTE,
    tasks.LIST_APPOINTMENTS,
    tasks.CREATE_TASK,
    tasks.LIST_TASKS,
    tasks.GET_TASK,
    tasks.UPDATE_TASK,
    tasks.DELETE_TASK,
    team.GET_LEAD_POND,
    team.LIST_LEAD_PONDS,
    team.CREATE_CUSTOM_FIELD,
    team.LIST_CUSTOM_FIELDS,
    team.LIST_TAGS,
    team.LIST_LEAD_PIPELINES,
    webhooks.CREATE_WEBHOOK,
    webhooks.DELETE_WEBHOOK,
    webhooks.LIST_WEBHOOKS,
    team.GET_ORGANIZATION,
    admin.CREATE_BROKER_TEAM,
    admin.DELETE_BROKER_TEAM,
    listings.SEARCH_LISTINGS,
    logs.LOG_COMMUNICATION,
    logs.LIST_LOGS,
    logs.GET_LOG,
    logs.DELETE_LOG,
    sync.LIST_SYSTEM_LOGS,
    messaging.SEND_TEXT,
    messaging.SEND_EMAIL,
    notifications.SEND_OPPORTUNITY_ALERT,
    notifications.TEXT_ME,
    notifications.EMAIL_ME,
    notifications.TEXT_ME_FROM_AI_NUMBER,
    notifications.SEND_TASK_REMINDER,
    sales_agent.LIST_WORKING_LEADS,
    sales_agent.ADD_WORKING_LEADS,
    sales_agent.CHECK_WORKING_LEAD,
    sales_agent.MUTE_WORKING_LEAD,
    sales_agent.GET_LEAD_MUTE_STATUS,
    sales_agent.GET_SALES_AGENT_SETTINGS,
    sales_agent.UPDATE_SALES_AGENT_SETTINGS,
    sales_agent.GET_SALES_AGENT_QUOTA,
    sales_agent.GET_MY_SALES_AGENT,
    sales_agent.GET_LEAD_SALES_AGENT,
    sales_agent.LIST_PLAN_TASKS,
    sales_agent.CREATE_PLAN_TASKS,
    lead_details.LIST_LEAD_COMMUNICATIONS,
    communication.GET_CALL_RECORDING_URL,
    communication.LIST_CALLS,
    communication.LIST_AGENT_COMMUNICATIONS,
    communication.SEARCH_AGENT_COMMUNICATIONS,
    communication.GET_CALL_RECORD,
    communication.GET_EMAIL,
    communication.GET_TEXT,
    transactions.LIST_TRANSACTION_CUSTOM_FIELDS,
    transactions.SEARCH_TRANSACTIONS,
    transactions.LIST_TRANSACTION_PIPELINES,
    transactions.GET_PROPERTY_ADDRESS,
    transactions.UPDATE_PROPERTY_ADDRESS,
    listings.FIND_LISTINGS,
    listings.LIST_PUBLISHED_LISTINGS,
    admin.CREATE_AGENT,
    admin.ADD_AGENT_TAGS,
    admin.DEACTIVATE_AGENT,
    admin.REACTIVATE_AGENT,
    admin.LIST_PERMISSION_PROFILES,
    admin.ADD_OFFICE,
    admin.UPDATE_OFFICE,
    admin.UPDATE_COMPANY,
    team.LIST_VENDORS,
    ai.GENERATE_CALL_SUMMARY,
    ai.GET_CALL_SUMMARY,
    ai.GENERATE_CALL_SCRIPT,
    ai.CREATE_LEAD_ANALYSIS,
    ai.LIST_LEAD_ANALYSES,
    ai.PREPARE_MEETING_INSIGHT,
    calendar.LIST_CALENDAR_EVENTS,
    calendar.CREATE_CALENDAR_EVENT,
    calendar.UPDATE_CALENDAR_EVENT,
    calendar.FINISH_CALENDAR_EVENT,
    calendar.UNFINISH_CALENDAR_EVENT,
    calendar.DELETE_CALENDAR_EVENT,
    calendar.LIST_AVAILABLE_MEETINGS,
    agenda.LIST_LEAD_AGENDA,
    agenda.LIST_MY_TASKS,
    agenda.GET_AGENDA_ITEM,
    agenda.CREATE_AGENDA_ITEM,
    agenda.UPDATE_AGENDA_ITEM,
    agenda.FINISH_AGENDA_ITEM,
    agenda.UNFINISH_AGENDA_ITEM,
    agenda.DELETE_AGENDA_ITEM,
)
"""Every operation, in the order tools are listed (and the README's table)."""

BY_NAME: Final[Mapping[str, Operation[Any]]] = {op.tool: op for op in OPERATIONS}
"""Each operation by its tool name (the operation's own; log_communication's variants are not keys)."""

TOOLSETS: Final[tuple[str, ...]] = tuple(dict.fromkeys(op.toolset for op in OPERATIONS))
"""The toolsets, in the order their first operation is listed."""

_CHECKS: Final[tuple[tuple[Operation[Any], Operation[Any]], ...]] = (
    # Where no read shares the write's path or a parent of it.
    (routing.UPDATE_ROUTING_RULE, routing.LIST_ROUTING_RULES),
    (lead_details.ADD_LEAD_ACTIVITY, lead_details.LIST_LEAD_ACTIVITIES),
    (routing.UPDATE_DEFAULT_ROUTING_RULE, routing.GET_DEFAULT_ROUTING_RULE),
    (webhooks.CREATE_WEBHOOK, webhooks.LIST_WEBHOOKS),
    (webhooks.DELETE_WEBHOOK, webhooks.LIST_WEBHOOKS),
    (team.CREATE_CUSTOM_FIELD, team.LIST_CUSTOM_FIELDS),
    (transactions.CREATE_TRANSACTION, transactions.LIST_TRANSACTIONS),
    (transactions.SYNC_BROKERMINT_LEAD, leads.SEARCH_LEADS),
    (transactions.SYNC_BROKERMINT_TRANSACTION, leads.SEARCH_LEADS),
    (admin.CREATE_BROKER_TEAM, team.GET_ORGANIZATION),
    (admin.DELETE_BROKER_TEAM, team.GET_ORGANIZATION),
    (messaging.SEND_TEXT, communication.LIST_TEXT_HISTORY),
    (messaging.SEND_EMAIL, communication.LIST_EMAIL_HISTORY),
    # No read shows what reached an agent: the nearest read names the recipient.
    (notifications.SEND_OPPORTUNITY_ALERT, leads.GET_LEAD),
    (notifications.TEXT_ME, team.GET_ME),
    (notifications.EMAIL_ME, team.GET_ME),
    (notifications.TEXT_ME_FROM_AI_NUMBER, team.GET_ME),
    (notifications.SEND_TASK_REMINDER, tasks.GET_TASK),
    (sales_agent.MUTE_WORKING_LEAD, sales_agent.GET_LEAD_MUTE_STATUS),
    (sales_agent.CREATE_PLAN_TASKS, sales_agent.LIST_PLAN_TASKS),
    (transactions.UPDATE_PROPERTY_ADDRESS, transactions.GET_PROPERTY_ADDRESS),
    (admin.CREATE_AGENT, team.LIST_MEMBERS),
    (admin.ADD_AGENT_TAGS, team.LIST_MEMBERS),
    (admin.DEACTIVATE_AGENT, team.LIST_MEMBERS),
    (admin.REACTIVATE_AGENT, team.LIST_MEMBERS),
    (admin.ADD_OFFICE, team.GET_ORGANIZATION),
    (admin.UPDATE_OFFICE, team.GET_ORGANIZATION),
    (admin.UPDATE_COMPANY, team.GET_ORGANIZATION),
    (ai.GENERATE_CALL_SUMMARY, ai.GET_CALL_SUMMARY),
    (ai.CREATE_LEAD_ANALYSIS, ai.LIST_LEAD_ANALYSES),
)


def check_with(operation: Operation[Any]) -> Operation[Any] | None:
    """The read that tells whether a write went through: a GET on its path or the nearest parent."""
    for write, read in _CHECKS:
        if write is operation:
            return read
    path = operation.path
    while path:
        for candidate in OPERATIONS:
            if candidate.method == "GET" and candidate.effect is Effect.READ and candidate.path == path:
                return candidate
        path = path.rsplit("/", 1)[0]
    return None


__all__ = [
    "BY_NAME",
    "OPERATIONS",
    "TOOLSETS",
    "admin",
    "agenda",
    "ai",
    "calendar",
    "check_with",
    "communication",
    "lead_details",
    "leads",
    "listings",
    "logs",
    "messaging",
    "notes",
    "notifications",
    "routing",
    "sales_agent",
    "sync",
    "tasks",
    "team",
    "transactions",
    "webhooks",
]
