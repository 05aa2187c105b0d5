"""The operation catalog against the 62 operations of the Chime API reference.

A mismatch with the reference is accepted only where the catalog writes it down: a parameter's
`deviation`, or an entry in the operation's `omitted`. Everything else must match exactly.
"""

import json
import re
from typing import Annotated, Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from chime_mcp.chime import catalog
from chime_mcp.chime.catalog import BY_NAME, OPERATIONS
from chime_mcp.chime.models import REQUEST_FORMS
from chime_mcp.chime.operation import Effect, Operation, Param
from chime_mcp.chime.times import EpochMillis, WireTime
from tests.support.paths import DATA, PUBLISHED

REFERENCE = json.loads((DATA / "chime-api-reference.json").read_text())
REF_OPS: list[dict[str, Any]] = REFERENCE["operations"]
CATALOG: dict[tuple[str, str], Operation[Any]] = {(op.method, op.path): op for op in OPERATIONS}

# The tool table of DESIGN.md, as data ("METHOD path without /v1.0": tool or tools).
DESIGN_TOOLS: dict[str, str | tuple[str, ...]] = {
    "GET /calls": "search_calls",
    "GET /calls/{callId}": "get_call",
    "GET /communication/call": "list_call_history",
    "GET /communication/email": "list_email_history",
    "GET /communication/text": "list_text_history",
    "GET /routing/member/list/{type}": "list_routing_members",
    "GET /routing/role/list": "list_routing_roles",
    "GET /routing/rule/list/{type}": "list_routing_rules",
    "GET /routing/rule/supplement/{type}": "get_default_routing_rule",
    "PUT /routing/rule/supplement/{type}": "update_default_routing_rule",
    "PUT /routing/rule/{type}": "update_routing_rule",
    "PUT /brokermint/lead": "sync_brokermint_lead",
    "PUT /brokermint/transaction": "sync_brokermint_transaction",
    "POST /leads": "create_lead",
    "GET /leads": "search_leads",
    "GET /leads/createTime": "search_leads_created_since",
    "GET /leads/updateTime": "search_leads_updated_since",
    "GET /leads/{leadId}": "get_lead",
    "PUT /leads/{leadId}": "update_lead",
    "DELETE /leads/{leadId}": "delete_lead",
    "GET /leads/{leadId}/activities": "list_lead_activities",
    "POST /leads/{leadId}/activity": "add_lead_activity",
    "POST /leads/{leadId}/assignment": "assign_lead",
    "POST /leads/{leadId}/inquiry": "add_lead_inquiry",
    "POST /leads/{leadId}/property": "add_lead_property",
    "POST /leads/{leadId}/transaction": "create_transaction",
    "GET /leads/{leadId}/transaction/{transactionId}": "get_transaction",
    "PUT /leads/{leadId}/transaction/{transactionId}": "update_transaction",
    "GET /leads/{leadId}/transactions": "list_transactions",
    "GET /me": "get_me",
    "GET /members": "list_members",
    "GET /members/{account}": "get_member",
    "GET /users/{userId}": "get_user",
    "PUT /users/{userId}": "update_user",
    "POST /notes": "add_note",
    "GET /notes": "list_notes",
    "GET /notes/{noteId}": "get_note",
    "PUT /notes/{noteId}": "update_note",
    "DELETE /notes/{noteId}": "delete_note",
    "GET /appts": "list_appointments",
    "POST /tasks": "create_task",
    "GET /tasks": "list_tasks",
    "GET /tasks/{taskId}": "get_task",
    "PUT /tasks/{taskId}": "update_task",
    "DELETE /tasks/{taskId}": "delete_task",
    "GET /team-features/lead-pond/{id}": "get_lead_pond",
    "GET /team-features/lead-ponds": "list_lead_ponds",
    "POST /teamFeatures/custom-field": "create_custom_field",
    "GET /teamFeatures/listCustomField": "list_custom_fields",
    "GET /teamFeatures/listTag": "list_tags",
    "POST /webhook": "create_webhook",
    "DELETE /webhook/{subscribeId}": "delete_webhook",
    "GET /webhooks": "list_webhooks",
    "GET /org": "get_organization",
    "POST /broker/team": "create_broker_team",
    "DELETE /broker/team/{id}": "delete_broker_team",
    "GET /listing": "search_listings",
    "POST /logType": ("log_call", "log_email", "log_text"),
    "GET /logType": "list_logs",
    "GET /logType/{logTypeId}": "get_log",
    "DELETE /logType/{logTypeId}": "delete_log",
    "GET /systemLogs": "list_system_logs",
    # Beyond the reference, from the published document (issue 14).
    "POST /leads/assignee": "preview_routing",
    "GET /teamFeatures/lead-pipelines": "list_lead_pipelines",
}

SENDS = {
    "send_text",
    "send_email",
    "send_opportunity_alert",
    "text_me",
    "email_me",
    "text_me_from_ai_number",
    "send_task_reminder",
}
"""A message to a person: a person approves it."""
PUBLISHED_ONLY: dict[str, str] = {
    "POST /message/sms/send": "send_text",
    "POST /message/email/send": "send_email",
    "GET /teamFeatures/lead-pipelines": "list_lead_pipelines",
    "POST /leads/assignee": "preview_routing",
    "POST /agent/send-notification": "send_opportunity_alert",
    "POST /v2.0/sales-agent/message/sms/send-to-agent": "text_me",
    "POST /v2.0/sales-agent/message/email/send-to-agent": "email_me",
    "POST /v2.0/sales-agent/ai-number/send-sms-to-agent": "text_me_from_ai_number",
    "POST /v2.0/sales-agent/notification/app-push/send-task-reminder": "send_task_reminder",
    "GET /v2.0/working-leads": "list_working_leads",
    "POST /v2.0/working-leads/add": "add_working_leads",
    "GET /v2.0/sales-agents/working-lead/{leadId}": "check_working_lead",
    "PUT /v2.0/sales-agents/working-lead/{leadId}/mute": "mute_working_lead",
    "GET /v2.0/sales-agent/lead/mute-status": "get_lead_mute_status",
    "GET /v2.0/sales-agent/settings": "get_sales_agent_settings",
    "PUT /v2.0/sales-agent/settings": "update_sales_agent_settings",
    "GET /v2.0/sales-agents/quota": "get_sales_agent_quota",
    "GET /v2.0/sales-agents/current": "get_my_sales_agent",
    "GET /v2.0/sales-agents/by-lead": "get_lead_sales_agent",
    "GET /v2.0/plan-tasks/lead/{leadId}": "list_plan_tasks",
    "POST /v2.0/plan-tasks/create": "create_plan_tasks",
    "GET /v2.0/leads/{leadId}/activities": "list_lead_communications",
    "GET /call/url/{callId}": "get_call_recording_url",
    "GET /communication/call/v2": "list_calls",
    "GET /v2.0/communication/agent": "list_agent_communications",
    "POST /agent/communication": "search_agent_communications",
    "GET /v2.0/communication/call/{communicationId}": "get_call_record",
    "GET /v2.0/communication/email/{communicationId}": "get_email",
    "GET /v2.0/communication/text/{communicationId}": "get_text",
    "GET /transaction/customfields": "list_transaction_custom_fields",
    "GET /v2.0/transactions": "search_transactions",
    "GET /v2.0/transactions/pipelines": "list_transaction_pipelines",
    "GET /leads/{leadId}/transaction/{transactionId}/property/address": "get_property_address",
    "POST /leads/{leadId}/transaction/property/address": "update_property_address",
    "GET /getPublishedListings": "list_published_listings",
    "POST /v2.0/listings/search": "find_listings",
    "POST /agent/profile/add": "create_agent",
    "POST /agent/{agentId}/tag/add": "add_agent_tags",
    "POST /v2.0/agents/{agentId}/deactivate": "deactivate_agent",
    "POST /v2.0/agents/{agentId}/reactivate": "reactivate_agent",
    "GET /org/permission/profiles": "list_permission_profiles",
    "PUT /org/office": "add_office",
    "POST /org/office": "update_office",
    "POST /org/company": "update_company",
    "GET /vendor/list": "list_vendors",
    "POST /v2.0/ai/call-summary/generate": "generate_call_summary",
    "GET /v2.0/ai/call-summary": "get_call_summary",
    "POST /v2.0/ai/call-script": "generate_call_script",
    "POST /v2.0/ai/lead-analysis": "create_lead_analysis",
    "GET /v2.0/ai/lead-analysis": "list_lead_analyses",
    "POST /v2.0/ai/prepare-insight": "prepare_meeting_insight",
    "DELETE /v2.0/calendar/{calendarId}": "delete_calendar_event",
    "DELETE /v2.0/tasks/{taskId}": "delete_agenda_item",
    "GET /v2.0/calendar": "list_calendar_events",
    "GET /v2.0/calendar/meetings/available": "list_available_meetings",
    "GET /v2.0/tasks": "list_lead_agenda",
    "GET /v2.0/tasks/my-tasks": "list_my_tasks",
    "GET /v2.0/tasks/{taskId}": "get_agenda_item",
    "POST /v2.0/calendar": "create_calendar_event",
    "POST /v2.0/calendar/{calendarId}/finish": "finish_calendar_event",
    "POST /v2.0/calendar/{calendarId}/unfinish": "unfinish_calendar_event",
    "POST /v2.0/tasks": "create_agenda_item",
    "POST /v2.0/tasks/{taskId}/finish": "finish_agenda_item",
    "POST /v2.0/tasks/{taskId}/unfinish": "unfinish_agenda_item",
    "PUT /v2.0/calendar/{calendarId}": "update_calendar_event",
    "PUT /v2.0/tasks/{taskId}": "update_agenda_item",
}
"""Operations of the published document beyond the reference, each with its tool."""
POST_READS = {
    "preview_routing",
    "search_agent_communications",
    "find_listings",
    "generate_call_script",
    "prepare_meeting_insight",
}
"""Reads sent as POST: they change nothing."""
TEAM_WIDE = {"update_routing_rule", "update_default_routing_rule", "update_user", "update_sales_agent_settings"} | {
    "create_agent",
    "reactivate_agent",
    "add_office",
    "update_office",
    "update_company",
}
"""Who receives every new lead, what a user may do, which leads the AI Sales Agent takes, who is on the
team: a person says yes."""
DESTROYS = {"deactivate_agent"}
"""Not a DELETE, but ends an agent's access and takes them out of routing."""
OVERWRITES = {
    "assign_lead",
    "update_property_address",
    "finish_calendar_event",
    "unfinish_calendar_event",
    "finish_agenda_item",
    "unfinish_agenda_item",
}
"""A POST that replaces what a record holds (its assignee, a deal's whole property address, its
done flag)."""
BEYOND_REFERENCE = {
    ("search_leads", "key"),
    ("search_leads", "returnFields"),
    ("get_lead", "withTrash"),
    ("search_listings", "soldNextPageKey"),
    ("search_listings", "buildingName"),
    ("search_listings", "buildingAddress"),
}


def ref_id(ref: dict[str, Any]) -> str:
    return f"{ref['method']} {ref['path']}"


def catalog_entry(ref: dict[str, Any]) -> Operation[Any]:
    op = CATALOG.get((ref["method"], ref["path"]))
    assert op is not None, f"{ref_id(ref)} is not in the catalog"
    return op


def wire_type(annotation: Any) -> str:
    """The reference's name for a parameter annotation: integer, string, boolean or number."""
    origin = get_origin(annotation)
    if origin is Annotated:
        kind, *metadata = get_args(annotation)
        for meta in metadata:
            if isinstance(meta, WireTime):  # offered as ISO 8601 or epoch ms, sent as the wire's form
                return "integer" if isinstance(meta, EpochMillis) else "string"
        return wire_type(kind)
    if origin is Literal:
        kinds = {wire_type(type(value)) for value in get_args(annotation)}
        assert len(kinds) == 1, f"mixed Literal {annotation}"
        return kinds.pop()
    if annotation is bool:  # before int: bool is an int
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is float:
        return "number"
    if annotation is str:
        return "string"
    raise AssertionError(f"no wire type for {annotation!r}")


def ref_type(text: str) -> str:
    """'integer(int64)' -> 'integer'; '< X > array' -> 'X[]'; a model name stays as it is."""
    array = re.fullmatch(r"<\s*(\w+)\s*>\s*array", text.strip())
    if array:
        return f"{array.group(1)}[]"
    return text.strip().split("(")[0]


def ref_default(param: dict[str, Any]) -> str | None:
    raw = param["default"]
    if raw is None:
        return None
    value = json.loads(raw) if raw.startswith('"') else raw
    return str(value).lower()


def param_differences(param: Param, ref: dict[str, Any]) -> list[str]:
    """How a catalog parameter differs from its reference parameter (empty: it matches)."""
    found = []
    if param.location != ref["in"]:
        found.append(f"location {param.location} != {ref['in']}")
    if param.required != ref["required"]:
        found.append(f"required {param.required} != {ref['required']}")
    if wire_type(param.annotation) != ref_type(ref["type"]):
        found.append(f"type {wire_type(param.annotation)} != {ref_type(ref['type'])}")
    expected_default = ref_default(ref)
    documented_default = param.default is not None and expected_default is not None
    if documented_default and str(param.default).lower() != expected_default:
        found.append(f"default {param.default!r} != {expected_default!r}")
    return found


PUBLISHED_OPERATIONS: list[tuple[str, str]] = [
    (method.upper(), path)
    for path, item in json.loads(PUBLISHED.read_text())["paths"].items()
    for method in item
    if method in ("get", "post", "put", "delete")
]


def test_every_documented_operation_is_exactly_one_catalog_operation_and_tool() -> None:
    """Each (method, path) of the published document and of the reference: one operation, one tool."""
    documented = set(PUBLISHED_OPERATIONS) | {(r["method"], r["path"]) for r in REF_OPS}
    assert len(PUBLISHED_OPERATIONS) == len(set(PUBLISHED_OPERATIONS)) == 123
    assert not documented - set(CATALOG), "a documented operation missing from the catalog"
    assert set(CATALOG) <= documented, "a catalog operation in neither document"
    matches = {key: [op for op in OPERATIONS if (op.method, op.path) == key] for key in documented}
    for key, ops in matches.items():
        assert len(ops) == 1, key
    tools = [name for op in OPERATIONS for name in ([v.tool for v in op.variants] or [op.tool])]
    assert len(tools) == len(set(tools)), "two operations share a tool"


def test_the_catalog_is_the_reference_and_published_operations_beyond_it() -> None:
    assert len(REF_OPS) == 62
    assert len(CATALOG) == len(OPERATIONS), "two catalog entries share a method and path"
    assert {(r["method"], r["path"]) for r in REF_OPS} <= set(CATALOG)
    published = json.loads(PUBLISHED.read_text())["paths"]
    for method, path in set(CATALOG) - {(r["method"], r["path"]) for r in REF_OPS}:
        assert method.lower() in published.get(path, {}), f"{method} {path}: in neither document"
    assert len(BY_NAME) == len(OPERATIONS), "two catalog entries share a tool name"


@pytest.mark.parametrize("ref", REF_OPS, ids=ref_id)
def test_every_documented_parameter_is_in_the_catalog(ref: dict[str, Any]) -> None:
    op = catalog_entry(ref)
    by_name = {p.name: p for p in op.params}
    for ref_param in ref["params"]:
        name = ref_param["name"]
        where = f"{ref_id(ref)} {name}"
        if name in op.omitted:
            assert op.omitted[name].strip(), f"{where}: omitted without a reason"
            assert name not in by_name, f"{where}: both omitted and present"
            continue
        if ref_param["in"] == "body" and op.body is not None and op.body.name == name:
            body = op.body
            # A request form (CustomAttributeRequest) is the body of its definition (CustomAttribute).
            definition = REQUEST_FORMS.get(body.model, body.model.__name__)
            model_type = f"{definition}[]" if body.is_list else definition
            assert model_type == ref_type(ref_param["type"]), where
            assert body.required == ref_param["required"], where
            continue
        param = by_name.get(name)
        assert param is not None, f"{where}: missing from the catalog"
        differences = param_differences(param, ref_param)
        if differences:
            assert param.deviation.strip(), f"{where} differs without a deviation: {differences}"


@pytest.mark.parametrize("ref", REF_OPS, ids=ref_id)
def test_the_catalog_adds_nothing_unwritten(ref: dict[str, Any]) -> None:
    """No parameter or body beyond the reference unless marked, and no stale deviation."""
    op = catalog_entry(ref)
    documented = {p["name"]: p for p in ref["params"]}
    for name, reason in op.omitted.items():
        assert name in documented, f"{ref_id(ref)}: omits {name}, which the reference lacks"
        assert reason.strip()
    for param in op.params:
        where = f"{ref_id(ref)} {param.name}"
        if param.name not in documented:
            assert param.beyond_reference, f"{where}: not in the reference nor marked beyond it"
            continue
        assert not param.beyond_reference, f"{where}: marked beyond the reference, but documented"
        if param.deviation:
            assert param_differences(param, documented[param.name]), f"{where}: deviation but no difference"
    ref_bodies = [p for p in ref["params"] if p["in"] == "body" and p["name"] not in op.omitted]
    if op.body is None:
        assert not ref_bodies, f"{ref_id(ref)}: the reference documents a body"
    else:
        assert [p["name"] for p in ref_bodies] == [op.body.name]
        assert issubclass(op.body.model, BaseModel)


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.tool)
def test_path_placeholders_and_path_params_agree(op: Operation[Any]) -> None:
    placeholders = re.findall(r"\{(\w+)\}", op.path)
    assert sorted(placeholders) == sorted(p.name for p in op.path_params)
    assert all(p.required for p in op.path_params)


def test_deviations_and_omissions_are_written_down() -> None:
    written = [(op.tool, p.name, p.deviation) for op in OPERATIONS for p in op.params if p.deviation]
    written += [(op.tool, name, why) for op in OPERATIONS for name, why in op.omitted.items()]
    assert written, "the reference's known contradictions must appear in the catalog"
    for tool, name, text in written:
        assert text.strip(), f"{tool}.{name}: empty deviation"
    # The two contradictions the issue names.
    assert "leadId" in catalog.transactions.SYNC_BROKERMINT_LEAD.omitted
    listing = {p.name: p for p in catalog.listings.SEARCH_LISTINGS.params}
    assert not listing["listingId"].required and listing["listingId"].deviation
    assert not listing["soldListingId"].required and listing["soldListingId"].deviation


def test_tool_names_follow_the_design_table() -> None:
    assert len(DESIGN_TOOLS.keys() | PUBLISHED_ONLY.keys()) == len(OPERATIONS)
    for op in OPERATIONS:
        key = f"{op.method} {op.path.removeprefix('/v1.0')}"
        expected = DESIGN_TOOLS.get(key) or PUBLISHED_ONLY[key]
        if isinstance(expected, tuple):
            assert tuple(v.tool for v in op.variants) == expected, key
            for variant in op.variants:
                assert op.body is not None
                assert set(variant.fixed) <= set(op.body.model.model_fields), variant.tool
        else:
            assert op.tool == expected, key
            assert not op.variants, key


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.tool)
def test_effects(op: Operation[Any]) -> None:
    if op.method == "GET" or op.tool in POST_READS:
        assert op.effect is Effect.READ
    elif op.method == "DELETE" or op.tool in DESTROYS:
        assert op.effect is Effect.DESTROY
    elif op.tool == "create_webhook":
        assert op.effect is Effect.EXPOSE
    elif op.tool in SENDS:
        assert op.effect is Effect.SEND
    elif op.tool in TEAM_WIDE:
        assert op.effect is Effect.REASSIGN
    elif op.method == "PUT" or op.tool in OVERWRITES:
        assert op.effect is Effect.OVERWRITE
    else:
        assert op.effect is Effect.WRITE
    gated = {Effect.REASSIGN, Effect.DESTROY, Effect.EXPOSE, Effect.SEND}
    assert op.effect.needs_person == (op.effect in gated)


def test_beyond_reference_parameters_are_exactly_the_three() -> None:
    marked = {(op.tool, p.name) for op in OPERATIONS for p in op.params if p.beyond_reference}
    assert marked == BEYOND_REFERENCE
    for tool, name in marked:
        param = next(p for p in BY_NAME[tool].params if p.name == name)
        assert not param.required and param.location == "query"


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.tool)
def test_params_model_builds_and_defaults_validate(op: Operation[Any]) -> None:
    model = op.params_model
    required = {p.name for p in op.params if p.required and p.default is None}
    assert {n for n, f in model.model_fields.items() if f.is_required()} == required
    defaults = {p.name: p.default for p in op.params if p.default is not None}
    model.model_validate(_required_values(op) | defaults)


def _required_values(op: Operation[Any]) -> dict[str, Any]:
    """A valid value for each required parameter without a default."""
    values: dict[str, Any] = {}
    for p in op.params:
        if not p.required or p.default is not None:
            continue
        kind = wire_type(p.annotation)
        origin = get_origin(p.annotation)
        if origin is Literal:
            values[p.name] = get_args(p.annotation)[0]
        else:
            values[p.name] = {"integer": 1, "string": "x", "boolean": True, "number": 1.0}[kind]
    return values


def test_each_operation_is_a_constant_named_after_its_tool_in_its_toolsets_module() -> None:
    for op in OPERATIONS:
        module = getattr(catalog, op.toolset)
        assert getattr(module, op.tool.upper()) is op, f"{op.toolset}.{op.tool.upper()}"
    for name in catalog.TOOLSETS:
        module = getattr(catalog, name)
        constants = [value for value in vars(module).values() if isinstance(value, Operation)]
        assert all(op.toolset == name for op in constants), name
    assert {op.tool: op for op in OPERATIONS} == catalog.BY_NAME
