"""Every tool, called through a real MCP client on both protocol versions, against the sandbox.

One case per tool (`CASES`), each on a fresh seed-7 sandbox whose clock stands still, so one
tool's failure hides no other's and the text is stable. A case makes its tool's one pinned call
(`session.snap`) with representative arguments, and the text the model reads is checked against
tests/snapshots/rendered/<tool>.txt: for a confirmed tool (deletes, create_webhook, team-wide
changes) the "waiting for the person" answer first, then the result once the person approved.
Ids are discovered as a model would, through the tools, or read from the seeded records. Where
a tool changes something, the change is read back through another tool or the sandbox state.

Regenerate the rendered snapshots (and the schema ones) after an intended change with

    .venv/bin/python -m tests.support.snapshots

and read `git diff tests/snapshots/rendered` as the model will.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from mcp import Client

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import create_app
from chime_mcp.sandbox.demo import DEFAULT_NOW
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.specs import all_tool_specs
from chime_mcp.wiring import listed_tools
from tests.support.cases import (
    CASES,
    FROZEN,
    MODES,
    PUBLIC_HOOK,
    Session,
    a_deal,
    bob,
    case,
    first_of,
    me,
    member_email,
    new_lead,
)
from tests.support.sandboxes import BOB, fresh_sandbox
from tests.support.scenarios import load_groups
from tests.support.snapshots import RENDERED, check

pytestmark = pytest.mark.anyio


@dataclass
class Served:
    """One server and one client session per protocol version for the whole module (a server
    costs ~0.4 s to build, a session's first call ~50 ms); each test installs a fresh sandbox."""

    clients: dict[str, Client]
    backend: ClientBackend
    current: dict[str, Any]


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def served() -> AsyncIterator[Served]:
    current: dict[str, Any] = {}
    backend = ClientBackend(lambda: sandbox_client(current["app"]))
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, confirm="auto", environment={})
    server = build_server(config, backend=backend)
    async with Client(server, mode="legacy") as legacy, Client(server, mode="auto") as auto:
        yield Served({"legacy": legacy, "auto": auto}, backend, current)


@pytest.fixture(params=list(MODES))
async def session(request: pytest.FixtureRequest, served: Served) -> AsyncIterator[Session]:
    box = fresh_sandbox(clock=lambda: FROZEN)
    await served.backend.aclose()  # the next call makes a client for this test's sandbox
    served.current["app"] = create_app(sandbox=box)
    try:
        yield Session(served.clients[MODES[request.param]], box)
    finally:
        await served.backend.aclose()
        box.close()


load_groups("tests.server", "cases_")


# team


@case("get_me")
async def _get_me(s: Session) -> None:
    await s.snap("get_me")


@case("list_members")
async def _list_members(s: Session) -> None:
    await s.snap("list_members", limit=20)


@case("get_member")
async def _get_member(s: Session) -> None:
    await s.snap("get_member", account=await member_email(s))


@case("get_user")
async def _get_user(s: Session) -> None:
    await s.snap("get_user", userId=await me(s))


@case("update_user")
async def _update_user(s: Session) -> None:
    me_id = await me(s)
    await s.snap("update_user", userId=me_id, firstName="Alexandra")
    _, user = await s.ok("get_user", userId=me_id)
    assert user["firstName"] == "Alexandra"


@case("get_organization")
async def _get_organization(s: Session) -> None:
    await s.snap("get_organization")


@case("list_lead_pipelines")
async def _list_lead_pipelines(s: Session) -> None:
    text, _ = await s.snap("list_lead_pipelines")
    assert "Attempted Contact" in text


@case("list_tags")
async def _list_tags(s: Session) -> None:
    await s.snap("list_tags")


@case("create_custom_field")
async def _create_custom_field(s: Session) -> None:
    await s.snap("create_custom_field", attributeName="Pets", attributeType="text")
    _, fields = await s.ok("list_custom_fields")
    assert any(f["attributeName"] == "Pets" for f in fields["result"])


@case("list_custom_fields")
async def _list_custom_fields(s: Session) -> None:
    await s.snap("list_custom_fields")


@case("list_lead_ponds")
async def _list_lead_ponds(s: Session) -> None:
    await s.snap("list_lead_ponds")


@case("get_lead_pond")
async def _get_lead_pond(s: Session) -> None:
    _, ponds = await s.ok("list_lead_ponds")
    await s.snap("get_lead_pond", id=ponds["result"][0]["id"])


# leads


@case("search_leads")
async def _search_leads(s: Session) -> None:
    text, _ = await s.snap("search_leads", query="bob li")
    assert "Bob" in text


@case("get_lead")
async def _get_lead(s: Session) -> None:
    text, _ = await s.snap("get_lead", leadId=await bob(s))
    assert "Bob" in text


@case("search_leads_created_since")
async def _search_leads_created_since(s: Session) -> None:
    await s.snap("search_leads_created_since", leadCreateTime="2000-01-01 00:00:00", limit=5)


@case("search_leads_updated_since")
async def _search_leads_updated_since(s: Session) -> None:
    await s.snap("search_leads_updated_since", leadUpdateTime="2000-01-01 00:00:00", limit=5)


@case("create_lead")
async def _create_lead(s: Session) -> None:
    _, created = await s.snap(
        "create_lead", firstName="Testa", lastName="Person", emails=["testa.person@example.com"], phones=["5550100999"]
    )
    text, _ = await s.ok("search_leads", query="testa.person")
    assert str(created["leadId"]) in text


@case("update_lead")
async def _update_lead(s: Session) -> None:
    lead = await new_lead(s)
    await s.snap("update_lead", leadId=lead, stage="Nurture")
    _, updated = await s.ok("get_lead", leadId=lead, detail=True)
    assert updated["stage"] == "Nurture"


@case("assign_lead")
async def _assign_lead(s: Session) -> None:
    lead, email = await new_lead(s), await member_email(s)
    await s.snap("assign_lead", leadId=lead, assigneeRequest=[{"role": "Agent", "assignee": email}])


@case("delete_lead")
async def _delete_lead(s: Session) -> None:
    await s.snap("delete_lead", leadId=await new_lead(s), reason="duplicate")
    _, found = await s.ok("search_leads", query="testa.person")
    assert not found.get("leads")


# lead details


@case("add_lead_activity")
async def _add_lead_activity(s: Session) -> None:
    lead = await new_lead(s)
    await s.snap(
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


@case("list_lead_activities")
async def _list_lead_activities(s: Session) -> None:
    await s.snap("list_lead_activities", leadId=BOB)


@case("add_lead_inquiry")
async def _add_lead_inquiry(s: Session) -> None:
    locations = [{"city": "Oakland", "stateCode": "CA"}]
    await s.snap("add_lead_inquiry", leadId=await new_lead(s), locations=locations, priceMax=900000)


@case("add_lead_property")
async def _add_lead_property(s: Session) -> None:
    await s.snap("add_lead_property", leadId=await new_lead(s), streetAddress="12 Oak St", city="Oakland")


# transactions


@case("create_transaction")
async def _create_transaction(s: Session) -> None:
    lead = await new_lead(s)
    _, deal = await s.snap("create_transaction", leadId=lead, transactionName="12 Oak St", homePrice=850000)
    _, deals = await s.ok("list_transactions", leadId=lead)
    assert any(d["transactionId"] == deal["transactionId"] for d in deals["result"])


@case("get_transaction")
async def _get_transaction(s: Session) -> None:
    lead, deal = a_deal(s)
    await s.snap("get_transaction", leadId=lead, transactionId=deal)


@case("update_transaction")
async def _update_transaction(s: Session) -> None:
    lead, deal = a_deal(s)
    await s.snap("update_transaction", leadId=lead, transactionId=deal, transactionName="12 Oak St", gci=25500)
    assert s.sandbox.state.transactions[deal]["gci"] == 25500


@case("list_transactions")
async def _list_transactions(s: Session) -> None:
    lead, _ = a_deal(s)
    await s.snap("list_transactions", leadId=lead)


@case("sync_brokermint_lead")
async def _sync_brokermint_lead(s: Session) -> None:
    await new_lead(s)
    await s.snap("sync_brokermint_lead", email="testa.person@example.com", firstName="Testa", city="Berkeley")


@case("sync_brokermint_transaction")
async def _sync_brokermint_transaction(s: Session) -> None:
    _, deal = a_deal(s)
    await s.snap("sync_brokermint_transaction", id=deal, status="Closed", price=860000)


# notes


@case("add_note")
async def _add_note(s: Session) -> None:
    await s.snap("add_note", leadId=BOB, content="Prefers texts after 6pm")
    text, _ = await s.ok("list_notes", leadId=BOB)
    assert "Prefers texts after 6pm" in text


@case("list_notes")
async def _list_notes(s: Session) -> None:
    await s.snap("list_notes", leadId=BOB)


@case("get_note")
async def _get_note(s: Session) -> None:
    await s.snap("get_note", noteId=first_of(s.sandbox.state.notes))


@case("update_note")
async def _update_note(s: Session) -> None:
    note = first_of(s.sandbox.state.notes)
    await s.snap("update_note", noteId=note, leadId=BOB, content="Prefers texts after 7pm")
    text, _ = await s.ok("get_note", noteId=note)
    assert "7pm" in text


@case("delete_note")
async def _delete_note(s: Session) -> None:
    _, note = await s.ok("add_note", leadId=BOB, content="Prefers texts after 7pm")
    await s.snap("delete_note", noteId=note["noteId"])
    text, _ = await s.ok("list_notes", leadId=BOB)
    assert "7pm" not in text


# tasks


@case("create_task")
async def _create_task(s: Session) -> None:
    await s.snap(
        "create_task", leadId=BOB, content="Call back", type="Call", assignedRole="Agent", deadline=1_900_000_000_000
    )
    text, _ = await s.ok("list_tasks", leadId=BOB)
    assert "Call back" in text


@case("list_tasks")
async def _list_tasks(s: Session) -> None:
    await s.snap("list_tasks", leadId=BOB)


@case("get_task")
async def _get_task(s: Session) -> None:
    await s.snap("get_task", taskId=first_of(s.sandbox.state.tasks))


@case("update_task")
async def _update_task(s: Session) -> None:
    task = first_of(s.sandbox.state.tasks)
    await s.snap(
        "update_task",
        taskId=task,
        leadId=BOB,
        content="Call back re: showing",
        type="Call",
        assignedRole="Agent",
        deadline=1_900_000_000_000,
    )
    assert s.sandbox.state.tasks[task]["content"] == "Call back re: showing"


@case("delete_task")
async def _delete_task(s: Session) -> None:
    task = first_of(s.sandbox.state.tasks)
    await s.snap("delete_task", taskId=task)
    assert task not in s.sandbox.state.tasks


@case("list_appointments")
async def _list_appointments(s: Session) -> None:
    await s.snap("list_appointments", leadId=BOB)


# logs


@case("log_call")
async def _log_call(s: Session) -> None:
    await s.snap("log_call", leadId=BOB, content="Talked about financing", callingOutcome="Talked")
    text, _ = await s.ok("list_logs", leadId=BOB, logType="logCall")
    assert "financing" in text


@case("log_email")
async def _log_email(s: Session) -> None:
    await s.snap("log_email", leadId=BOB, content="Sent the disclosures")


@case("log_text")
async def _log_text(s: Session) -> None:
    await s.snap("log_text", leadId=BOB, content="Confirmed Saturday")


@case("list_logs")
async def _list_logs(s: Session) -> None:
    await s.snap("list_logs", leadId=BOB, logType="logCall")


@case("get_log")
async def _get_log(s: Session) -> None:
    await s.snap("get_log", logTypeId=first_of(s.sandbox.state.logs))


@case("delete_log")
async def _delete_log(s: Session) -> None:
    log = first_of(s.sandbox.state.logs)
    await s.snap("delete_log", logTypeId=log)
    assert log not in s.sandbox.state.logs


@case("list_system_logs")
async def _list_system_logs(s: Session) -> None:
    lead = await new_lead(s)
    await s.ok("log_call", leadId=lead, content="Talked about financing", callingOutcome="Talked")
    _, history = await s.snap("list_system_logs", leadId=lead)
    assert history["timeLines"], "changes made through the API show in the system log"


# communication


@case("search_calls")
async def _search_calls(s: Session) -> None:
    _, calls = await s.snap("search_calls", leadId=BOB)
    assert calls["calls"], "Bob has dialer calls in the demo data"


@case("get_call")
async def _get_call(s: Session) -> None:
    _, calls = await s.ok("search_calls", leadId=BOB)
    await s.snap("get_call", callId=calls["calls"][0]["id"])


@case("list_call_history")
async def _list_call_history(s: Session) -> None:
    await s.snap("list_call_history", leadId=BOB)


@case("list_email_history")
async def _list_email_history(s: Session) -> None:
    await s.snap("list_email_history", leadId=BOB)


@case("list_text_history")
async def _list_text_history(s: Session) -> None:
    await s.snap("list_text_history", leadId=BOB)


@case("send_text")
async def _send_text(s: Session) -> None:
    _, sent = await s.snap("send_text", leadId=BOB, content="The showing moved to 4 pm")
    _, history = await s.ok("list_text_history", leadId=BOB)
    mine = [t for t in history["result"] if t.get("textContent") == "The showing moved to 4 pm"]
    assert len(mine) == 1 and str(mine[0]["id"]) == sent["messageId"]
    timeline, _ = await s.ok("get_lead_timeline", leadId=BOB, limit=5)
    assert str(sent["messageId"]) in timeline


@case("send_email")
async def _send_email(s: Session) -> None:
    _, sent = await s.snap("send_email", leadId=BOB, subject="Disclosures", content="Attached are the disclosures.")
    _, history = await s.ok("list_email_history", leadId=BOB)
    mine = [e for e in history["result"] if e.get("emailSubject") == "Disclosures"]
    assert len(mine) == 1 and str(mine[0]["id"]) == sent["messageId"]


@case("get_lead_timeline")
async def _get_lead_timeline(s: Session) -> None:
    # Up to the demo's "now": whether an appointment is upcoming depends on the real clock.
    await s.snap("get_lead_timeline", leadId=BOB, until=DEFAULT_NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), limit=20)


# routing


@case("list_routing_roles")
async def _list_routing_roles(s: Session) -> None:
    await s.snap("list_routing_roles")


@case("list_routing_members")
async def _list_routing_members(s: Session) -> None:
    await s.snap("list_routing_members", type=1)


@case("list_routing_rules")
async def _list_routing_rules(s: Session) -> None:
    await s.snap("list_routing_rules", type=1)


@case("update_routing_rule")
async def _update_routing_rule(s: Session) -> None:
    _, rules = await s.ok("list_routing_rules", type=1)
    active = {"activeDays": [1, 2, 3], "hoursStart": 8, "hoursEnd": 18}
    await s.snap("update_routing_rule", type=1, id=rules["result"][0]["id"], activeHours=active)


@case("preview_routing")
async def _preview_routing(s: Session) -> None:
    text, _ = await s.snap("preview_routing", firstName="Nina", lastName="Park", email="nina.park@example.com")
    assert "Nina" in text


@case("get_default_routing_rule")
async def _get_default_routing_rule(s: Session) -> None:
    await s.snap("get_default_routing_rule", type=1)


@case("update_default_routing_rule")
async def _update_default_routing_rule(s: Session) -> None:
    await s.snap("update_default_routing_rule", type=1, strategyType=1, touchMinutes=10)
    _, default_rule = await s.ok("get_default_routing_rule", type=1)
    assert default_rule["touchMinutes"] == 10


# webhooks, listings, admin


@case("create_webhook")
async def _create_webhook(s: Session) -> None:
    _, hook = await s.snap("create_webhook", callbackUrl=PUBLIC_HOOK, listId=2)
    _, hooks = await s.ok("list_webhooks")
    assert any(h["subscribeId"] == hook["subscribeId"] for h in hooks["result"])


@case("list_webhooks")
async def _list_webhooks(s: Session) -> None:
    await s.snap("list_webhooks")


@case("delete_webhook")
async def _delete_webhook(s: Session) -> None:
    hook = next(iter(s.sandbox.state.webhooks))
    await s.snap("delete_webhook", subscribeId=hook)
    _, hooks = await s.ok("list_webhooks")
    assert all(h["subscribeId"] != hook for h in hooks.get("result", []))


@case("search_listings")
async def _search_listings(s: Session) -> None:
    await s.snap("search_listings", limit=5)


NORTH_OFFICE = {
    "teamName": "North Office",
    "firstName": "Nia",
    "lastName": "North",
    "email": "nia.north@example.com",
    "phone": "5550100777",
    "seatLimit": 5,
}


@case("create_broker_team")
async def _create_broker_team(s: Session) -> None:
    await s.snap("create_broker_team", **NORTH_OFFICE)
    assert [team["teamName"] for team in s.sandbox.store.broker_teams.values()] == ["North Office"]


@case("delete_broker_team")
async def _delete_broker_team(s: Session) -> None:
    await s.ok("create_broker_team", **NORTH_OFFICE)
    team_id = next(iter(s.sandbox.store.broker_teams))
    await s.snap("delete_broker_team", id=team_id)
    assert team_id not in s.sandbox.store.broker_teams


def test_every_listed_tool_has_one_case() -> None:
    listed = [tool["name"] for tool in listed_tools(ServerConfig(toolsets=TOOLSETS))]
    assert sorted(CASES) == sorted(listed), "add a case (and a rendered snapshot) for each new tool"
    assert {spec.name for spec in all_tool_specs()} <= set(CASES)


@pytest.mark.parametrize("tool", list(CASES))
async def test_each_tool_answers_the_pinned_text(tool: str, session: Session) -> None:
    await CASES[tool](session)
    assert session.snapped == [tool], f"the case of {tool} must make one pinned call, of {tool}"
    check(RENDERED / f"{tool}.txt", session.rendered)


# -- errors and shape ---------------------------------------------------------------------------


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
