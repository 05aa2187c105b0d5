"""Issue 11's exact writer, through the tools: each request carries what the published document defines.

Each test drives a tool over a mock transport and asserts the HTTP request that went out (or
that none did) and what the model reads; the last ones drive the sandbox over HTTP.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest
from mcp import Client

from chime_mcp.chime.catalog import routing
from chime_mcp.sandbox.app import create_app
from chime_mcp.sandbox.inprocess import BASE_URL, SandboxTransport
from chime_mcp.server import toolsets
from chime_mcp.server.app import build_server
from chime_mcp.server.config import ServerConfig
from tests.support.paths import PUBLISHED
from tests.support.sandboxes import fresh_sandbox
from tests.support.wire import Wire, call_tool

pytestmark = pytest.mark.anyio

SCHEMAS: dict[str, Any] = json.loads(PUBLISHED.read_text())["components"]["schemas"]
OK = httpx2.Response(200, json={"leadId": 5})


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def sent(wire: Wire) -> Any:
    written = [request for request in wire.requests if request.method != "GET"]  # an overwrite reads first
    assert len(written) == 1, [str(r.url) for r in wire.requests]
    return json.loads(written[0].content)


async def input_properties(tool: str) -> set[str]:
    server = build_server(ServerConfig(toolsets=toolsets.ALL, confirm="off"))
    async with Client(server) as client:
        listed = await client.list_tools()
    schema = next(t.input_schema for t in listed.tools if t.name == tool)
    return set(schema["properties"])


# -- create_lead / update_lead: leadTypes, no leadType, no isPrivate ---------------------------------


async def test_create_lead_sends_lead_types_as_a_list() -> None:
    wire = Wire(OK)
    failed, _ = await call_tool(wire, "create_lead", firstName="Ana", leadTypes=[1, 2])
    assert not failed
    assert sent(wire) == {"firstName": "Ana", "leadTypes": [1, 2]}


async def test_update_lead_sends_lead_types_as_a_list() -> None:
    wire = Wire(OK)
    failed, _ = await call_tool(wire, "update_lead", leadId=5, leadTypes=[5])
    assert not failed
    assert [request.method for request in wire.requests] == ["GET", "PUT"]  # read first: what changed
    assert sent(wire) == {"leadTypes": [5]}


@pytest.mark.parametrize("tool", ["create_lead", "update_lead"])
@pytest.mark.parametrize(("argument", "value"), [("leadType", 2), ("isPrivate", True)])
async def test_lead_type_and_is_private_are_refused_naming_lead_types(tool: str, argument: str, value: Any) -> None:
    wire = Wire(OK)
    target = {"leadId": 5} if tool == "update_lead" else {"firstName": "Ana"}
    failed, text = await call_tool(wire, tool, **target, **{argument: value})
    assert failed
    assert f"Unknown argument {argument}" in text and "leadTypes" in text
    hint = "use leadTypes, a list of lead type ids" if argument == "leadType" else "say it in a note (add_note)"
    assert f"{argument}: " in text and hint in text
    assert wire.requests == []


async def test_a_lead_type_the_document_lacks_is_refused_before_sending() -> None:
    wire = Wire(OK)
    failed, text = await call_tool(wire, "create_lead", firstName="Ana", leadTypes=[3])
    assert failed and "leadTypes" in text
    assert wire.requests == []


@pytest.mark.parametrize(("tool", "definition"), [("create_lead", "LeadRequest"), ("update_lead", "EditLeadRequest")])
async def test_every_lead_argument_is_a_published_field(tool: str, definition: str) -> None:
    offered = await input_properties(tool) - {"leadId", "detail"}
    assert offered <= set(SCHEMAS[definition]["properties"]), offered - set(SCHEMAS[definition]["properties"])


# -- add_lead_inquiry: the document's LeadInquiry -----------------------------------------------------


async def test_add_lead_inquiry_sends_places_as_locations() -> None:
    wire = Wire(OK)
    places = [{"city": "Austin", "stateCode": "TX"}, {"zipCode": "78704"}]
    failed, _ = await call_tool(wire, "add_lead_inquiry", leadId=5, locations=places, priceMax=900000, bedroomsMin=3)
    assert not failed
    assert str(wire.requests[0].url).endswith("/v1.0/leads/5/inquiry")
    assert sent(wire) == {"locations": places, "priceMax": 900000, "bedroomsMin": 3}


@pytest.mark.parametrize(("argument", "value"), [("citys", ["Austin"]), ("zipcodes", ["78704"]), ("sizeMin", 1500)])
async def test_add_lead_inquiry_refuses_unpublished_fields_instead_of_dropping_them(argument: str, value: Any) -> None:
    wire = Wire(OK)
    failed, text = await call_tool(wire, "add_lead_inquiry", leadId=5, **{argument: value})
    assert failed
    assert f"Unknown argument {argument}" in text and "locations" in text
    hint = "record it with add_note" if argument == "sizeMin" else "put each one in locations as {"
    assert f"{argument}: " in text and hint in text  # what the person said has a place to go
    assert wire.requests == []


async def test_add_lead_inquiry_offers_only_published_fields() -> None:
    offered = await input_properties("add_lead_inquiry") - {"leadId"}
    assert offered <= set(SCHEMAS["LeadInquiry"]["properties"])
    assert {"locations", "priceMin", "priceMax", "bedroomsMin", "bathroomsMin", "propertyType"} <= offered


# -- routing: memberWeights one object; bounds on the request only -------------------------------------


async def test_update_routing_rule_sends_member_weights_as_one_object() -> None:
    wire = Wire(httpx2.Response(200, json="ok"))
    strategy = {"strategyType": 1, "touchMinutes": 10, "memberWeights": {"memberId": 9, "weight": 2}}
    failed, _ = await call_tool(wire, "update_routing_rule", type=1, id=7, routingStrategy=strategy)
    assert not failed
    assert sent(wire) == {"id": 7, "routingStrategy": strategy}


@pytest.mark.parametrize(
    "hours", [{"hoursStart": 24}, {"hoursEnd": -1}, {"activeDays": [0, 1]}, {"activeDays": [8]}], ids=str
)
async def test_update_routing_rule_refuses_hours_out_of_bounds_before_sending(hours: dict[str, Any]) -> None:
    wire = Wire(httpx2.Response(200, json="ok"))
    failed, _ = await call_tool(wire, "update_routing_rule", type=1, id=7, activeHours=hours)
    assert failed
    assert wire.requests == []


def _rule(weights: Any, hours: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": 7,
        "name": "Luxury",
        "activeHours": hours,
        "routingStrategy": {"strategyType": 1, "touchMinutes": 10, "memberWeights": weights},
    }


@pytest.mark.parametrize(
    "weights",
    [
        {"memberId": 424242, "firstName": "Ana", "weight": 2},  # the document's shape
        [{"memberId": 424242, "firstName": "Ana", "weight": 2}],  # a list, read as well
    ],
    ids=["object", "list"],
)
async def test_list_routing_rules_reads_member_weights_as_the_document_has_them(weights: Any) -> None:
    # Hours outside the request bounds in an answer: read as they are, never a failure.
    hours = {"activeDays": [0, 7], "hoursStart": 0, "hoursEnd": 24}
    wire = Wire(httpx2.Response(200, json=[_rule(weights, hours)]))
    failed, text = await call_tool(wire, "list_routing_rules", type=1)
    assert not failed, text
    assert 'id=7 | name="Luxury"' in text
    async with wire.client() as client:
        (rule,) = await client.call(routing.LIST_ROUTING_RULES, {"type": 1})
    assert rule.activeHours is not None and rule.activeHours.hoursEnd == 24
    assert rule.routingStrategy is not None
    read = rule.routingStrategy.memberWeights
    members = read if isinstance(read, list) else [read]
    assert [(m.memberId, m.weight) for m in members if m is not None] == [(424242, 2)]


# -- create_custom_field: value is sent ----------------------------------------------------------------


async def test_create_custom_field_sends_an_empty_value_when_none_is_given() -> None:
    wire = Wire(httpx2.Response(200, json="success"))
    failed, _ = await call_tool(wire, "create_custom_field", attributeName="Pets", attributeType="text")
    assert not failed
    assert sent(wire) == {"attributeName": "Pets", "attributeType": "text", "value": ""}


async def test_create_custom_field_sends_a_select_fields_options() -> None:
    wire = Wire(httpx2.Response(200, json="success"))
    options = '{"option":["Dog","Cat"]}'
    failed, _ = await call_tool(
        wire, "create_custom_field", attributeName="Pet", attributeType="single_select", params=options
    )
    assert not failed
    assert sent(wire) == {"attributeName": "Pet", "attributeType": "single_select", "value": "", "params": options}


# -- log_email: the document's email fields -------------------------------------------------------------


async def test_log_email_sends_the_subject_and_addresses() -> None:
    wire = Wire(httpx2.Response(200, json={"logType": {"id": 3}}))
    failed, _ = await call_tool(
        wire, "log_email", leadId=5, content="Sent the comps", emailSubject="Comps for 12 Oak St", toEmail="a@b.test"
    )
    assert not failed
    body = sent(wire)
    assert (body["logType"], body["emailSubject"], body["toEmail"]) == ("logEmail", "Comps for 12 Oak St", "a@b.test")


@pytest.mark.parametrize("tool", ["log_call", "log_text"])
async def test_the_email_fields_are_offered_for_emails_only(tool: str) -> None:
    assert not {"emailSubject", "toEmail", "fromEmail"} & await input_properties(tool)


# -- the sandbox accepts what the document accepts ------------------------------------------------------


async def _sandbox_post(path: str, body: Any) -> httpx2.Response:
    sandbox = fresh_sandbox()
    headers = {"Authorization": f"token {sandbox.config.api_key}", "Content-Type": "application/json"}
    transport = SandboxTransport(create_app(sandbox=sandbox))
    async with httpx2.AsyncClient(transport=transport, base_url=BASE_URL, headers=headers) as http:
        return await http.post(path, content=json.dumps(body).encode())


async def test_the_sandbox_takes_a_custom_field_with_value_and_refuses_one_without() -> None:
    with_value = await _sandbox_post(
        "/v1.0/teamFeatures/custom-field", {"attributeName": "Pets", "attributeType": "text", "value": ""}
    )
    without = await _sandbox_post("/v1.0/teamFeatures/custom-field", {"attributeName": "Pets", "attributeType": "text"})
    assert with_value.status_code == 200
    assert without.status_code == 400 and "value" in without.text


async def test_the_sandbox_takes_a_lead_with_lead_types_and_refuses_lead_type() -> None:
    accepted = await _sandbox_post("/v1.0/leads", {"firstName": "Ana", "leadTypes": [1, 2]})
    refused = await _sandbox_post("/v1.0/leads", {"firstName": "Ana", "leadType": 2})
    assert accepted.status_code == 200 and "leadId" in accepted.json()
    assert refused.status_code == 400 and "leadType" in refused.text
