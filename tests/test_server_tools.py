"""Every tool, called through a real MCP client on both protocol versions, against the sandbox.

Ids are discovered through the tools themselves, as a model would: search, then act. Where a
tool changes something, the change is read back through another tool or the sandbox state.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from mcp import Client

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.specs import all_tool_specs

pytestmark = pytest.mark.anyio

PUBLIC_HOOK = "https://93.184.216.34/chime-hook"
"""An IP literal: the webhook target check needs no DNS (tests run offline)."""


@dataclass
class Session:
    client: Client
    sandbox: Sandbox
    called: set[str] = field(default_factory=set)

    async def ok(self, tool: str, **arguments: Any) -> tuple[str, dict[str, Any]]:
        result = await self.client.call_tool(tool, arguments)
        text = "\n".join(getattr(block, "text", "") for block in result.content)
        assert not result.is_error, f"{tool}: {text}"
        self.called.add(tool)
        return text, result.structured_content or {}


@pytest.fixture(params=["2025-11-25", "2026-07-28"])
async def session(request: pytest.FixtureRequest) -> AsyncIterator[Session]:
    app = create_app()
    backend = ClientBackend(lambda: sandbox_client(app))
    server = build_server(ServerConfig(toolsets=TOOLSETS, sandbox=True, confirm="off"), backend=backend)
    mode = "legacy" if request.param == "2025-11-25" else "auto"
    async with Client(server, mode=mode) as client:
        yield Session(client, app.state.sandbox)


async def test_every_tool_on_a_happy_path(session: Session) -> None:
    s = session
    # -- team ----------------------------------------------------------------------------------
    _, me = await s.ok("get_me")
    me_id = me["id"]
    text, members = await s.ok("list_members", limit=20)
    member = next(m for m in members["members"] if m.get("email"))
    await s.ok("get_member", account=member["email"])
    await s.ok("get_user", userId=me_id)
    await s.ok("update_user", userId=me_id, firstName="Alexandra")
    _, user = await s.ok("get_user", userId=me_id)
    assert user["firstName"] == "Alexandra"
    await s.ok("get_organization")
    await s.ok("list_tags")
    await s.ok("create_custom_field", attributeName="Pets", attributeType="text")
    _, fields = await s.ok("list_custom_fields")
    assert any(f["attributeName"] == "Pets" for f in fields["result"])
    _, ponds = await s.ok("list_lead_ponds")
    await s.ok("get_lead_pond", id=ponds["result"][0]["id"])

    # -- leads ---------------------------------------------------------------------------------
    text, found = await s.ok("search_leads", query="bob li")
    assert "Bob" in text
    bob = found["leads"][0]["leadId"]
    text, _ = await s.ok("get_lead", leadId=bob)
    assert "Bob" in text
    await s.ok("search_leads_created_since", leadCreateTime="2000-01-01 00:00:00", limit=5)
    await s.ok("search_leads_updated_since", leadUpdateTime="2000-01-01 00:00:00", limit=5)
    _, created = await s.ok(
        "create_lead",
        firstName="Testa",
        lastName="Person",
        emails=["testa.person@example.com"],
        phones=["5550100999"],
    )
    lead = created["leadId"]
    text, _ = await s.ok("search_leads", query="testa.person")
    assert str(lead) in text
    await s.ok("update_lead", leadId=lead, stage="Nurture")
    _, updated = await s.ok("get_lead", leadId=lead, detail=True)
    assert updated["stage"] == "Nurture"
    await s.ok("assign_lead", leadId=lead, assigneeRequest=[{"role": "Agent", "assignee": member["email"]}])
    await s.ok(
        "add_lead_activity",
        leadId=lead,
        created=1_764_000_000_000,
        link="https://example.com/listing/1",
        picture="https://example.com/p.jpg",
        text="Viewed 12 Oak St",
        type="Browse",
    )
    _, activities = await s.ok("list_lead_activities", leadId=lead)
    assert any(a["text"] == "Viewed 12 Oak St" for a in activities["result"])
    await s.ok("add_lead_inquiry", leadId=lead, citys=["Oakland"], priceMax=900000)
    await s.ok("add_lead_property", leadId=lead, streetAddress="12 Oak St", city="Oakland")

    # -- transactions --------------------------------------------------------------------------
    _, deal = await s.ok("create_transaction", leadId=lead, transactionName="12 Oak St", homePrice=850000)
    deal_id = deal["transactionId"]
    await s.ok("get_transaction", leadId=lead, transactionId=deal_id)
    await s.ok("update_transaction", leadId=lead, transactionId=deal_id, transactionName="12 Oak St", gci=25500)
    _, deals = await s.ok("list_transactions", leadId=lead)
    assert any(d["transactionId"] == deal_id for d in deals["result"])
    await s.ok("sync_brokermint_lead", email="testa.person@example.com", firstName="Testa", city="Berkeley")
    await s.ok("sync_brokermint_transaction", id=deal_id, status="Closed", price=860000)

    # -- notes ---------------------------------------------------------------------------------
    _, note = await s.ok("add_note", leadId=lead, content="Prefers texts after 6pm")
    note_id = note["noteId"]
    text, _ = await s.ok("list_notes", leadId=lead)
    assert "Prefers texts" in text
    await s.ok("get_note", noteId=note_id)
    await s.ok("update_note", noteId=note_id, leadId=lead, content="Prefers texts after 7pm")
    text, _ = await s.ok("get_note", noteId=note_id)
    assert "7pm" in text

    # -- tasks ---------------------------------------------------------------------------------
    _, task = await s.ok(
        "create_task",
        leadId=lead,
        content="Call back",
        type="Call",
        assignedRole="Agent",
        deadline=1_900_000_000_000,
    )
    task_id = task["taskId"]
    text, _ = await s.ok("list_tasks", leadId=lead)
    assert "Call back" in text
    await s.ok("get_task", taskId=task_id)
    await s.ok(
        "update_task",
        taskId=task_id,
        leadId=lead,
        content="Call back re: showing",
        type="Call",
        assignedRole="Agent",
        deadline=1_900_000_000_000,
    )
    await s.ok("list_appointments", leadId=bob)

    # -- logs ----------------------------------------------------------------------------------
    _, logged = await s.ok("log_call", leadId=lead, content="Talked about financing", callingOutcome="Talked")
    log_id = logged["id"]
    await s.ok("log_email", leadId=lead, content="Sent the disclosures")
    await s.ok("log_text", leadId=lead, content="Confirmed Saturday")
    text, _ = await s.ok("list_logs", leadId=lead, logType="logCall")
    assert "financing" in text
    await s.ok("get_log", logTypeId=log_id)
    _, history = await s.ok("list_system_logs", leadId=lead)
    assert history["timeLines"], "changes made through the API show in the system log"

    # -- communication -------------------------------------------------------------------------
    _, calls = await s.ok("search_calls", leadId=bob)
    assert calls["calls"], "Bob has dialer calls in the demo data"
    await s.ok("get_call", callId=calls["calls"][0]["id"])
    await s.ok("list_call_history", leadId=bob)
    await s.ok("list_email_history", leadId=bob)
    await s.ok("list_text_history", leadId=bob)

    # -- routing -------------------------------------------------------------------------------
    await s.ok("list_routing_roles")
    await s.ok("list_routing_members", type=1)
    _, rules = await s.ok("list_routing_rules", type=1)
    rule = rules["result"][0]
    await s.ok(
        "update_routing_rule",
        type=1,
        id=rule["id"],
        activeHours={"activeDays": [1, 2, 3], "hoursStart": 8, "hoursEnd": 18},
    )
    await s.ok("get_default_routing_rule", type=1)
    await s.ok("update_default_routing_rule", type=1, strategyType=1, touchMinutes=10)
    _, default_rule = await s.ok("get_default_routing_rule", type=1)
    assert default_rule["touchMinutes"] == 10

    # -- webhooks, listings, admin -------------------------------------------------------------
    _, hook = await s.ok("create_webhook", callbackUrl=PUBLIC_HOOK, listId=2)
    _, hooks = await s.ok("list_webhooks")
    assert any(h["subscribeId"] == hook["subscribeId"] for h in hooks["result"])
    await s.ok("delete_webhook", subscribeId=hook["subscribeId"])
    await s.ok("search_listings", limit=5)
    await s.ok(
        "create_broker_team",
        teamName="North Office",
        firstName="Nia",
        lastName="North",
        email="nia.north@example.com",
        phone="5550100777",
        seatLimit=5,
    )
    team_id = next(iter(s.sandbox.store.broker_teams))
    await s.ok("delete_broker_team", id=team_id)
    assert team_id not in s.sandbox.store.broker_teams

    # -- deletes -------------------------------------------------------------------------------
    await s.ok("delete_note", noteId=note_id)
    text, _ = await s.ok("list_notes", leadId=lead)
    assert "7pm" not in text
    await s.ok("delete_task", taskId=task_id)
    await s.ok("delete_log", logTypeId=log_id)
    await s.ok("delete_lead", leadId=lead, reason="duplicate")
    text, found = await s.ok("search_leads", query="testa.person")
    assert not found.get("leads")

    missing = {spec.name for spec in all_tool_specs()} - s.called
    assert not missing, f"tools never called: {sorted(missing)}"


async def test_not_found_tells_the_model_how_to_find_the_lead(session: Session) -> None:
    result = await session.client.call_tool("get_lead", {"leadId": 123})
    assert result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert "Lead 123 not found" in text and "search_leads" in text


async def test_invalid_arguments_name_the_field(session: Session) -> None:
    result = await session.client.call_tool("search_leads", {"limit": 500})
    assert result.is_error
    assert "limit" in result.content[0].text  # type: ignore[union-attr]


async def test_search_results_are_compact_with_paging_hint(session: Session) -> None:
    text, page = await session.ok("search_leads", limit=5)
    lines = text.splitlines()
    assert lines[0].startswith("5 of ")
    assert len([line for line in lines if line.startswith("- ")]) == 5
    assert "offset=5" in text or "scrollId=" in text
    assert "null" not in text and "None" not in text
    assert len(page["leads"]) == 5


async def test_an_impossible_time_is_refused_naming_the_field(session: Session) -> None:
    _, found = await session.ok("search_leads", query="bob li")
    arguments = {
        "leadId": found["leads"][0]["leadId"],
        "content": "Far future",
        "type": "Call",
        "assignedRole": "Agent",
        "deadline": 600_000_000_000_050_000,
    }
    result = await session.client.call_tool("create_task", arguments)
    assert result.is_error
    assert "deadline" in result.content[0].text  # type: ignore[union-attr]


async def test_listed_notes_show_the_id_the_note_tools_take(session: Session) -> None:
    _, found = await session.ok("search_leads", query="bob li")
    text, notes = await session.ok("list_notes", leadId=found["leads"][0]["leadId"])
    note_id = notes["result"][0]["noteId"]
    assert f"noteId={note_id}" in text
    text, _ = await session.ok("get_note", noteId=note_id)
    assert notes["result"][0]["content"][:20] in text


async def test_an_unknown_argument_is_refused_not_ignored(session: Session) -> None:
    result = await session.client.call_tool("search_leads", {"stge": "New", "limit": 1})
    assert result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert "Unknown argument stge for search_leads" in text and "stage" in text


async def test_only_tools_with_a_detail_option_suggest_it(session: Session) -> None:
    _, found = await session.ok("search_leads", query="bob li")
    lead_id = found["leads"][0]["leadId"]
    text, _ = await session.ok("get_lead", leadId=lead_id)
    assert "detail=true" in text
    text, _ = await session.ok("log_call", leadId=lead_id, content="Quick check-in")
    assert "detail" not in text and "Quick check-in" in text
    text, _ = await session.ok("list_system_logs", leadId=lead_id, pageSize=1)
    assert text.startswith("1 system log entries") and "pageNumber" in text
