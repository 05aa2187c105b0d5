"""MCP cases of the communication, transaction and listing tools the published document adds
(issue 14, group comms): one pinned call each, the effect read back where there is one."""

from __future__ import annotations

from tests.support.cases import Session, a_deal, case, first_of
from tests.support.sandboxes import BOB


@case("get_call_recording_url")
async def _get_call_recording_url(s: Session) -> None:
    recorded = next(i for i, r in s.sandbox.state.calls.items() if r["recordingSwitch"])
    text, data = await s.snap("get_call_recording_url", callId=recorded)
    assert data["url"].startswith("https://") and "url:" in text


@case("list_calls")
async def _list_calls(s: Session) -> None:
    text, data = await s.snap("list_calls", leadId=BOB, limit=5)
    assert text.startswith(f"{len(data['result'])} calls") and data["result"]


@case("list_agent_communications")
async def _list_agent_communications(s: Session) -> None:
    text, data = await s.snap(
        "list_agent_communications", startTime="2026-06-08T00:00:00Z", endTime="2026-06-15T16:30:00Z", teamView=True
    )
    assert data["data"] and " communications" in text.splitlines()[0]


@case("search_agent_communications")
async def _search_agent_communications(s: Session) -> None:
    await s.ok("log_call", leadId=BOB, content="Talked about the Saturday showing")  # one of your own
    text, data = await s.snap(
        "search_agent_communications", startTime="2026-06-15T00:00:00Z", endTime="2026-06-15T23:59:59Z"
    )
    assert text.startswith("1 agent communications") and data["pageData"][0]["communicationType"] == "LOGGED"


@case("get_call_record")
async def _get_call_record(s: Session) -> None:
    logged = next(i for i, r in s.sandbox.state.logs.items() if r["leadId"] == BOB and r["logType"] == "Call")
    text, data = await s.snap("get_call_record", communicationId=logged)
    assert data["id"] == logged and "note:" in text


@case("get_email")
async def _get_email(s: Session) -> None:
    email = first_of(s.sandbox.state.emails)
    _, data = await s.snap("get_email", communicationId=email)
    assert data["emailSubject"] == s.sandbox.state.emails[email]["emailSubject"]


@case("get_text")
async def _get_text(s: Session) -> None:
    text_id = next(iter(s.sandbox.state.texts))
    _, data = await s.snap("get_text", communicationId=text_id)
    assert data["textContent"] == s.sandbox.state.texts[text_id]["textContent"]


@case("list_transaction_custom_fields")
async def _list_transaction_custom_fields(s: Session) -> None:
    text, _ = await s.snap("list_transaction_custom_fields")
    assert "Closing Attorney" in text


@case("search_transactions")
async def _search_transactions(s: Session) -> None:
    text, data = await s.snap("search_transactions", transactionType="All")
    assert data["totalCount"] == len(s.sandbox.state.transactions) and "pageNum=1" in text


@case("list_transaction_pipelines")
async def _list_transaction_pipelines(s: Session) -> None:
    text, _ = await s.snap("list_transaction_pipelines")
    assert "Under Contract" in text


@case("get_property_address")
async def _get_property_address(s: Session) -> None:
    lead_id, deal_id = a_deal(s)
    _, data = await s.snap("get_property_address", leadId=lead_id, transactionId=deal_id)
    assert data["transactionId"] == deal_id and data["streetAddress"]


@case("update_property_address")
async def _update_property_address(s: Session) -> None:
    lead_id, deal_id = a_deal(s)
    before = dict(s.sandbox.state.transactions[deal_id]["propertyAddress"])
    text, _ = await s.snap(
        "update_property_address", leadId=lead_id, transactionId=deal_id, streetAddress="500 Elm St", unit="4B"
    )
    assert "streetAddress:" in text and "500 Elm St" in text  # what changed, before -> after
    after = s.sandbox.state.transactions[deal_id]["propertyAddress"]
    # The fields not given keep their value (sent as read), though the API replaces the whole address.
    assert after == {**before, "streetAddress": "500 Elm St", "unit": "4B"}
    text, _ = await s.ok("get_transaction", leadId=lead_id, transactionId=deal_id)
    assert f"500 Elm St 4B, {before['city']}" in text


@case("find_listings")
async def _find_listings(s: Session) -> None:
    text, data = await s.snap("find_listings", searchScope="office", filterConditions={"beds": "3,"})
    assert data["listing"] and all(item["beds"] >= 3 for item in data["listing"])
    assert "pageNum=2" in text or not data["metadata"]["hasMore"]


@case("list_published_listings")
async def _list_published_listings(s: Session) -> None:
    text, data = await s.snap("list_published_listings", type="LuxVT")
    assert data["xml"].startswith("<?xml") and text.startswith('xml: "<?xml')
