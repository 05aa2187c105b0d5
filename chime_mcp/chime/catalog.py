"""The operation catalog: one entry per operation of the Chime API reference (62).

This is the single source of truth for the client, the MCP tools and the sandbox. Where the
reference contradicts itself or the published API, the entry follows `lofty-openapi.json` and
says so in `deviation` / `omitted`. Parameters the reference lacks but a person needs are
marked `beyond_reference`.

Descriptions are terse on purpose: they become the tool schemas a model reads, and conventions
shared by all tools (ids, times, paging) live once in the server instructions.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from chime_mcp.chime import models as m
from chime_mcp.chime.operation import Body, Effect, Operation, Param, Variant
from chime_mcp.chime.results import Ack, LeadId, ListingPage, NoteId, SystemLogPage, TaskId

LeadSort = Literal[
    "Default", "LastContact", "LastCall", "LastEmail", "LastActivity", "CreateTime", "Inquries",
    "DeleteTime", "AssignTime", "Score", "Activity", "Communication", "HasDrip", "HasAlert", "Task",
    "Lender", "ActivitySearch", "ActivityViews", "ActivityFavorites", "DripStatus", "DripOpenRate",
    "AlertFrequency", "AlertOpenRate", "SCOREV2", "SmartPlanStatus",
]
LeadLimit = Annotated[int, Field(ge=1, le=100)]
HistoryLimit = Annotated[int, Field(ge=1, le=1000)]
Offset = Annotated[int, Field(ge=0)]
Id = int

READ, WRITE, REASSIGN, DESTROY, EXPOSE = (
    Effect.READ,
    Effect.WRITE,
    Effect.REASSIGN,
    Effect.DESTROY,
    Effect.EXPOSE,
)


def _lead_id(required: bool = True, location: str = "query") -> Param:
    return Param("leadId", "path" if location == "path" else "query", Id, required=required)


def _routing_type() -> Param:
    return Param("type", "path", m.RoutingType, required=True, description="1 agent, 2 lender, 4 assistant")


def _role_id() -> Param:
    return Param("roleId", "query", int, description="Routing role; needed when type is 4", default=-1)


def _history_page() -> tuple[Param, ...]:
    return (
        Param("limit", "query", HistoryLimit, required=True, default=10),
        Param("offset", "query", Offset, required=True, default=0),
    )


_LEAD_FILTERS: tuple[Param, ...] = (
    Param("stage", "query", str, description="Pipeline stage name"),
    Param("source", "query", str, description="Lead source name"),
    Param("email", "query", str, description="Exact email"),
    Param("phone", "query", str, description="Exact phone, digits"),
    Param("allTags", "query", str, description="Comma-separated tags, all must match"),
    Param("anyTags", "query", str, description="Comma-separated tags, any may match"),
    Param("groups", "query", str, description="Comma-separated group names"),
    Param("contacted", "query", bool, description="Whether the lead has been contacted"),
    Param("scrollId", "query", str, description="From the previous page, for the next"),
)

_LEAD_PAGE: tuple[Param, ...] = (
    Param("limit", "query", LeadLimit, default=25),
    Param("offset", "query", Offset),
)

_UNWRAPPED_LEAD = ("lead",)

OPERATIONS: tuple[Operation[Any], ...] = (
    # -- communication -----------------------------------------------------------------------
    Operation(
        "search_calls", "GET", "/v1.0/calls",
        "Search calls", "Dialer call records, optionally for one lead.",
        "communication", READ, m.CallListResponse,
        params=(
            _lead_id(required=False),
            Param("limit", "query", HistoryLimit, default=25),
            Param("offset", "query", Offset),
        ),
        pagination="offset",
    ),
    Operation(
        "get_call", "GET", "/v1.0/calls/{callId}",
        "Get call", "One dialer call record.",
        "communication", READ, m.CallResponse,
        params=(Param("callId", "path", Id, required=True),),
        unwrap=("calls", "call"),
    ),
    Operation(
        "list_call_history", "GET", "/v1.0/communication/call",
        "List call history", "A lead's phone call history.",
        "communication", READ, list[m.CallResponse],
        params=(_lead_id(), *_history_page()),
        unwrap=("calls",),
        pagination="offset",
    ),
    Operation(
        "list_email_history", "GET", "/v1.0/communication/email",
        "List email history", "A lead's email history.",
        "communication", READ, list[m.EmailResponse],
        params=(_lead_id(), *_history_page()),
        unwrap=("emails",),
        pagination="offset",
    ),
    Operation(
        "list_text_history", "GET", "/v1.0/communication/text",
        "List text history", "A lead's text message history.",
        "communication", READ, list[m.TextResponse],
        params=(_lead_id(), *_history_page()),
        unwrap=("texts",),
        pagination="offset",
    ),
    # -- routing -----------------------------------------------------------------------------
    Operation(
        "list_routing_members", "GET", "/v1.0/routing/member/list/{type}",
        "List routing members", "Members that leads of a routing type can be assigned to.",
        "routing", READ, list[m.AssignMember],
        params=(_routing_type(), _role_id()),
    ),
    Operation(
        "list_routing_roles", "GET", "/v1.0/routing/role/list",
        "List routing roles", "Roles used by assistant routing (type 4).",
        "routing", READ, list[m.AssignRole],
    ),
    Operation(
        "list_routing_rules", "GET", "/v1.0/routing/rule/list/{type}",
        "List routing rules", "Lead routing rules of a routing type.",
        "routing", READ, list[m.RoutingRule],
        params=(_routing_type(), _role_id()),
    ),
    Operation(
        "get_default_routing_rule", "GET", "/v1.0/routing/rule/supplement/{type}",
        "Get default routing rule", "The rule for leads no routing rule matches.",
        "routing", READ, m.SupplementRoutingRule,
        params=(_routing_type(), _role_id()),
    ),
    Operation(
        "update_default_routing_rule", "PUT", "/v1.0/routing/rule/supplement/{type}",
        "Update default routing rule", "Change who gets leads no routing rule matches.",
        "routing", REASSIGN, Ack,
        params=(_routing_type(),),
        body=Body("supplementRoutingRule", m.SupplementRoutingRuleRequest),
    ),
    Operation(
        "update_routing_rule", "PUT", "/v1.0/routing/rule/{type}",
        "Update routing rule", "Change a routing rule's strategy or active hours.",
        "routing", REASSIGN, Ack,
        params=(_routing_type(),),
        body=Body("routingRule", m.RoutingRuleRequest),
    ),
    # -- transactions ------------------------------------------------------------------------
    Operation(
        "sync_brokermint_lead", "PUT", "/v1.0/brokermint/lead",
        "Sync Brokermint contact", "Update a lead from a Brokermint contact.",
        "transactions", WRITE, Ack,
        body=Body("contacts", m.Contacts),
        omitted={
            "leadId": "The reference documents leadId as a path parameter, but the path has no "
            "placeholder and the published API takes none: the contact's externalId identifies it.",
        },
    ),
    Operation(
        "sync_brokermint_transaction", "PUT", "/v1.0/brokermint/transaction",
        "Sync Brokermint transaction", "Update a lead's transaction from Brokermint.",
        "transactions", WRITE, Ack,
        body=Body("incomingTransaction", m.IncomingTransaction),
    ),
    # -- leads -------------------------------------------------------------------------------
    Operation(
        "create_lead", "POST", "/v1.0/leads",
        "Create lead",
        "Create a lead. Search by email and phone first to avoid duplicates. "
        "Unassigned leads are routed by the team's rules.",
        "leads", WRITE, LeadId,
        params=(
            Param(
                "hideVendorId", "query", int, description="Vendor id to hide",
                deviation="Documented as a second body parameter; a JSON body holds one object, "
                "so it is sent as a query parameter.",
            ),
        ),
        body=Body("lead", m.LeadRequest, tool_hidden=("inquiry", "property", "leadTransaction",
                                                        "leadFamilyMemberList", "customAttributeList",
                                                        "defaultInquiryParam")),
    ),
    Operation(
        "search_leads", "GET", "/v1.0/leads",
        "Search leads",
        "Find leads by name, phone or email (query) or by filters.",
        "leads", READ, m.LeadListResponse,
        params=(
            Param("key", "query", str, description="Free text: part of a name, phone or email",
                  beyond_reference=True),
            *_LEAD_FILTERS,
            Param("assignedUserId", "query", Id, description="Assigned agent's user id"),
            Param("groupIds", "query", Id),
            Param("querySubGroup", "query", bool, description="Include sub-groups"),
            Param("sort", "query", LeadSort),
            Param("desc", "query", bool, description="Sort descending"),
            Param("returnFields", "query", str, description="Comma-separated fields to return",
                  beyond_reference=True),
            *_LEAD_PAGE,
        ),
        pagination="scroll",
    ),
    Operation(
        "search_leads_created_since", "GET", "/v1.0/leads/createTime",
        "Search leads created since", "Leads created at or after a time.",
        "leads", READ, m.LeadListResponse,
        params=(
            Param("leadCreateTime", "query", str, description="yyyy-MM-dd HH:mm:ss, UTC-7",
                  default="2000-01-01 00:00:00"),
            *_LEAD_FILTERS,
            *_LEAD_PAGE,
        ),
        pagination="scroll",
    ),
    Operation(
        "search_leads_updated_since", "GET", "/v1.0/leads/updateTime",
        "Search leads updated since", "Leads updated at or after a time.",
        "leads", READ, m.LeadListResponse,
        params=(
            Param("leadUpdateTime", "query", str, description="yyyy-MM-dd HH:mm:ss, UTC-7",
                  default="2000-01-01 00:00:00"),
            *_LEAD_FILTERS,
            *_LEAD_PAGE,
        ),
        pagination="scroll",
    ),
    Operation(
        "get_lead", "GET", "/v1.0/leads/{leadId}",
        "Get lead", "One lead's profile.",
        "leads", READ, m.LeadResponse,
        params=(
            _lead_id(location="path"),
            Param("withTrash", "query", bool, description="Also find trashed leads", beyond_reference=True),
        ),
        unwrap=_UNWRAPPED_LEAD,
    ),
    Operation(
        "update_lead", "PUT", "/v1.0/leads/{leadId}",
        "Update lead", "Change a lead's fields; only the fields given change.",
        "leads", WRITE, LeadId,
        params=(_lead_id(location="path"),),
        body=Body("request", m.EditLeadRequest, tool_hidden=("inquiry", "property", "leadTransaction",
                                                              "leadFamilyMemberList", "customAttributeList")),
    ),
    Operation(
        "delete_lead", "DELETE", "/v1.0/leads/{leadId}",
        "Delete lead", "Move a lead to trash.",
        "leads", DESTROY, Ack,
        params=(
            _lead_id(location="path"),
            Param("reason", "query", str, required=True, description="Why it is trashed"),
        ),
    ),
    Operation(
        "list_lead_activities", "GET", "/v1.0/leads/{leadId}/activities",
        "List lead activities", "A lead's website activity, 100 per page.",
        "leads", READ, list[m.LeadActivity],
        params=(_lead_id(location="path"), Param("curPage", "query", Offset, default=0)),
        pagination="page",
    ),
    Operation(
        "add_lead_activity", "POST", "/v1.0/leads/{leadId}/activity",
        "Add lead activity", "Record a website activity on a lead.",
        "leads", WRITE, LeadId,
        params=(_lead_id(location="path"),),
        body=Body("leadActivity", m.LeadActivity),
    ),
    Operation(
        "assign_lead", "POST", "/v1.0/leads/{leadId}/assignment",
        "Assign lead", "Set who works a lead, by role.",
        "leads", REASSIGN, LeadId,
        params=(_lead_id(location="path"),),
        body=Body("assigneeRequest", m.LeadAssigineeRequest, is_list=True),
    ),
    Operation(
        "add_lead_inquiry", "POST", "/v1.0/leads/{leadId}/inquiry",
        "Add lead inquiry", "Record what a lead is looking for.",
        "leads", WRITE, LeadId,
        params=(_lead_id(location="path"),),
        body=Body("inquiry", m.LeadInquiry),
    ),
    Operation(
        "add_lead_property", "POST", "/v1.0/leads/{leadId}/property",
        "Add lead property", "Record a property a lead owns or wants.",
        "leads", WRITE, LeadId,
        params=(_lead_id(location="path"),),
        body=Body("property", m.LeadProperty),
    ),
    Operation(
        "create_transaction", "POST", "/v1.0/leads/{leadId}/transaction",
        "Create transaction", "Add a deal to a lead.",
        "transactions", WRITE, m.LeadTransaction,
        params=(_lead_id(location="path"),),
        body=Body("leadTransaction", m.LeadTransaction),
    ),
    Operation(
        "get_transaction", "GET", "/v1.0/leads/{leadId}/transaction/{transactionId}",
        "Get transaction", "One deal of a lead.",
        "transactions", READ, m.LeadTransaction,
        params=(_lead_id(location="path"), Param("transactionId", "path", Id, required=True)),
    ),
    Operation(
        "update_transaction", "PUT", "/v1.0/leads/{leadId}/transaction/{transactionId}",
        "Update transaction", "Change a deal of a lead.",
        "transactions", WRITE, m.LeadTransaction,
        params=(_lead_id(location="path"), Param("transactionId", "path", Id, required=True)),
        body=Body("leadTransaction", m.LeadTransaction),
    ),
    Operation(
        "list_transactions", "GET", "/v1.0/leads/{leadId}/transactions",
        "List transactions", "A lead's deals.",
        "transactions", READ, list[m.LeadTransaction],
        params=(_lead_id(location="path"),),
    ),
    # -- team --------------------------------------------------------------------------------
    Operation(
        "get_me", "GET", "/v1.0/me",
        "Get me", "The user the credential belongs to.",
        "team", READ, m.UserResponse,
    ),
    Operation(
        "list_members", "GET", "/v1.0/members",
        "List members", "The team's members.",
        "team", READ, m.MemberListResponse,
        params=(Param("limit", "query", HistoryLimit, default=50), Param("offset", "query", Offset)),
        pagination="offset",
    ),
    Operation(
        "get_member", "GET", "/v1.0/members/{account}",
        "Get member", "A team member by account email.",
        "team", READ, m.UserResponse,
        params=(Param("account", "path", str, required=True, description="Account email"),),
    ),
    Operation(
        "get_user", "GET", "/v1.0/users/{userId}",
        "Get user", "A team member by user id.",
        "team", READ, m.UserResponse,
        params=(Param("userId", "path", Id, required=True),),
    ),
    Operation(
        "update_user", "PUT", "/v1.0/users/{userId}",
        "Update user", "Change a team member's profile.",
        "team", REASSIGN, Ack,
        params=(Param("userId", "path", Id, required=True),),
        body=Body("userRequest", m.UserRequest),
    ),
    # -- notes -------------------------------------------------------------------------------
    Operation(
        "add_note", "POST", "/v1.0/notes",
        "Add note", "Add a note to a lead.",
        "notes", WRITE, NoteId,
        body=Body("leadNote", m.NoteRequest),
    ),
    Operation(
        "list_notes", "GET", "/v1.0/notes",
        "List notes", "A lead's notes.",
        "notes", READ, list[m.NoteResponse],
        params=(
            Param("includeSystemNote", "query", bool, description="Include system notes"),
            _lead_id(),
        ),
        unwrap=("notes",),
    ),
    Operation(
        "get_note", "GET", "/v1.0/notes/{noteId}",
        "Get note", "One note.",
        "notes", READ, m.NoteResponse,
        params=(Param("noteId", "path", Id, required=True),),
        unwrap=("note",),
    ),
    Operation(
        "update_note", "PUT", "/v1.0/notes/{noteId}",
        "Update note", "Replace a note's content.",
        "notes", WRITE, Ack,
        params=(Param("noteId", "path", Id, required=True),),
        body=Body("leadNote", m.NoteRequest),
    ),
    Operation(
        "delete_note", "DELETE", "/v1.0/notes/{noteId}",
        "Delete note", "Delete a note.",
        "notes", DESTROY, Ack,
        params=(Param("noteId", "path", Id, required=True),),
    ),
    # -- tasks -------------------------------------------------------------------------------
    Operation(
        "list_appointments", "GET", "/v1.0/appts",
        "List appointments", "A lead's appointments.",
        "tasks", READ, list[m.Appointment],
        params=(_lead_id(),),
    ),
    Operation(
        "create_task", "POST", "/v1.0/tasks",
        "Create task", "Add a to-do on a lead for its agent.",
        "tasks", WRITE, TaskId,
        body=Body("leadTask", m.TaskRequest),
    ),
    Operation(
        "list_tasks", "GET", "/v1.0/tasks",
        "List tasks", "A lead's tasks.",
        "tasks", READ, list[m.TaskResponse],
        params=(_lead_id(),),
        unwrap=("taskList",),
    ),
    Operation(
        "get_task", "GET", "/v1.0/tasks/{taskId}",
        "Get task", "One task.",
        "tasks", READ, m.TaskResponse,
        params=(Param("taskId", "path", Id, required=True),),
        unwrap=("task",),
    ),
    Operation(
        "update_task", "PUT", "/v1.0/tasks/{taskId}",
        "Update task", "Replace a task's fields.",
        "tasks", WRITE, Ack,
        params=(Param("taskId", "path", Id, required=True),),
        body=Body("leadTask", m.TaskRequest),
    ),
    Operation(
        "delete_task", "DELETE", "/v1.0/tasks/{taskId}",
        "Delete task", "Delete a task.",
        "tasks", DESTROY, Ack,
        params=(Param("taskId", "path", Id, required=True),),
    ),
    # -- team features -----------------------------------------------------------------------
    Operation(
        "get_lead_pond", "GET", "/v1.0/team-features/lead-pond/{id}",
        "Get lead pond", "One shared lead pond.",
        "team", READ, m.LeadPond,
        params=(Param("id", "path", Id, required=True),),
    ),
    Operation(
        "list_lead_ponds", "GET", "/v1.0/team-features/lead-ponds",
        "List lead ponds", "The team's shared lead ponds.",
        "team", READ, list[m.LeadPond],
    ),
    Operation(
        "create_custom_field", "POST", "/v1.0/teamFeatures/custom-field",
        "Create custom field", "Add a custom lead field to the team.",
        "team", WRITE, Ack,
        body=Body("customAttribute", m.CustomAttribute),
    ),
    Operation(
        "list_custom_fields", "GET", "/v1.0/teamFeatures/listCustomField",
        "List custom fields", "The team's custom lead fields.",
        "team", READ, list[m.CustomAttribute],
    ),
    Operation(
        "list_tags", "GET", "/v1.0/teamFeatures/listTag",
        "List tags", "The team's lead tags.",
        "team", READ, list[m.UserLeadTag],
    ),
    # -- webhooks ----------------------------------------------------------------------------
    Operation(
        "create_webhook", "POST", "/v1.0/webhook",
        "Create webhook", "Send a kind of CRM event to an https URL outside the CRM.",
        "webhooks", EXPOSE, m.WebhookResponse,
        body=Body("webhookRequest", m.WebhookRequest),
    ),
    Operation(
        "delete_webhook", "DELETE", "/v1.0/webhook/{subscribeId}",
        "Delete webhook", "Stop a webhook subscription.",
        "webhooks", DESTROY, Ack,
        params=(Param("subscribeId", "path", Id, required=True),),
    ),
    Operation(
        "list_webhooks", "GET", "/v1.0/webhooks",
        "List webhooks", "The team's webhook subscriptions.",
        "webhooks", READ, list[m.WebhookResponse],
    ),
    # -- admin -------------------------------------------------------------------------------
    Operation(
        "get_organization", "GET", "/v1.0/org",
        "Get organization", "The credential's organization and enterprise.",
        "team", READ, m.OrganizationInfo,
    ),
    Operation(
        "create_broker_team", "POST", "/v1.0/broker/team",
        "Create broker team", "Create a team under the broker account.",
        "admin", WRITE, Ack,
        body=Body("brokerTeam", m.BrokerTeam),
    ),
    Operation(
        "delete_broker_team", "DELETE", "/v1.0/broker/team/{id}",
        "Delete broker team", "Remove a team from the broker account.",
        "admin", DESTROY, Ack,
        params=(Param("id", "path", Id, required=True),),
    ),
    # -- listings ----------------------------------------------------------------------------
    Operation(
        "search_listings", "GET", "/v1.0/listing",
        "Search listings", "Active and sold listings of the team or an agent.",
        "listings", READ, ListingPage,
        params=(
            Param("userId", "query", Id, description="Agent whose listings to search"),
            Param("listingId", "query", str, description="Cursor for active listings",
                  deviation="The reference marks it required; the published API does not."),
            Param("soldListingId", "query", str, description="Cursor for sold listings",
                  deviation="The reference marks it required; the published API does not."),
            Param("nextPageKey", "query", str, description="From the previous page"),
            Param("mlsListingIds", "query", str, description="Comma-separated MLS ids"),
            Param("street", "query", str),
            Param("openHouse", "query", bool),
            Param("officeListings", "query", bool),
            Param("agentListings", "query", bool),
            Param("showCondition", "query", bool),
            Param("limit", "query", LeadLimit, default=25),
        ),
    ),
    # -- logs --------------------------------------------------------------------------------
    Operation(
        "log_communication", "POST", "/v1.0/logType",
        "Log communication", "Log a call, email or text made outside Chime.",
        "logs", WRITE, m.LogTypeResponse,
        body=Body("request", m.LogTypeRequest),
        unwrap=("logType",),
        variants=(
            Variant("log_call", "Log call", "Log a phone call made outside Chime.", {"logType": "logCall"}),
            Variant("log_email", "Log email", "Log an email sent outside Chime.", {"logType": "logEmail"}),
            Variant("log_text", "Log text", "Log a text sent outside Chime.", {"logType": "logText"}),
        ),
    ),
    Operation(
        "list_logs", "GET", "/v1.0/logType",
        "List logs", "A lead's logged calls, emails or texts.",
        "logs", READ, list[m.LogTypeResponse],
        params=(
            _lead_id(),
            Param("logType", "query", m.LogTypeName, required=True),
            *_history_page(),
        ),
        unwrap=("logType",),
        pagination="offset",
    ),
    Operation(
        "get_log", "GET", "/v1.0/logType/{logTypeId}",
        "Get log", "One logged call, email or text.",
        "logs", READ, m.LogTypeResponse,
        params=(Param("logTypeId", "path", Id, required=True),),
        unwrap=("logType",),
    ),
    Operation(
        "delete_log", "DELETE", "/v1.0/logType/{logTypeId}",
        "Delete log", "Delete a logged call, email or text.",
        "logs", DESTROY, Ack,
        params=(Param("logTypeId", "path", Id, required=True),),
    ),
    Operation(
        "list_system_logs", "GET", "/v1.0/systemLogs",
        "List system logs", "A lead's system timeline: changes, assignments, notes.",
        "logs", READ, SystemLogPage,
        params=(
            _lead_id(),
            Param("startTime", "query", int, description="Epoch ms", default=-1),
            Param("endTime", "query", int, description="Epoch ms", default=-1),
            Param("pageNumber", "query", Offset, description="From 0", default=0),
            Param("pageSize", "query", HistoryLimit, default=100),
        ),
        pagination="pageNumber",
    ),
)

BY_TOOL: dict[str, Operation[Any]] = {op.tool: op for op in OPERATIONS}
BY_ROUTE: dict[tuple[str, str], Operation[Any]] = {(op.method, op.path): op for op in OPERATIONS}
TOOLSETS: tuple[str, ...] = tuple(dict.fromkeys(op.toolset for op in OPERATIONS))


def operation(tool: str) -> Operation[Any]:
    """The catalog entry for a tool or operation name; KeyError names the valid ones."""
    try:
        return BY_TOOL[tool]
    except KeyError:
        raise KeyError(f"unknown operation {tool!r}; known: {', '.join(sorted(BY_TOOL))}") from None
