"""Sandbox scenarios of the communication, transaction and listing operations the published
document adds (issue 14, group comms): each calls its operation and checks what it answers
against the sandbox's state (a record is the same in the v1 and v2 reads)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from tests.support.scenarios import bob, of_lead, scenario

DAY_MS = 86_400_000


def _ms(text: str) -> int:
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp() * 1000)


def _logged(sb: Sandbox, kind: str) -> dict[str, Any]:
    return next(r for r in sb.state.logs.values() if r["logType"] == kind)


# -- communication ---------------------------------------------------------------------------------


@scenario("get_call_recording_url")
async def _get_call_recording_url(c: ChimeClient, sb: Sandbox) -> None:
    recorded = next(r for r in sb.state.calls.values() if r["recordingSwitch"])
    link = await c.call(catalog.communication.GET_CALL_RECORDING_URL, {"callId": recorded["id"]})
    assert link.id == recorded["id"] and link.url and link.url.startswith("https://")
    silent = next(r for r in sb.state.calls.values() if not r["recordingSwitch"])
    assert (await c.call(catalog.communication.GET_CALL_RECORDING_URL, {"callId": silent["id"]})).url == ""
    with pytest.raises(errors.InvalidRequestError, match="PERMISSION_DENIED"):
        await c.call(catalog.communication.GET_CALL_RECORDING_URL, {"callId": 1})


@scenario("list_calls")
async def _list_calls(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    dialed = {r["id"] for r in of_lead(sb.state.calls, lead_id)}
    logged = {r["id"] for r in of_lead(sb.state.logs, lead_id) if r["logType"] == "Call"}
    calls = await c.call(catalog.communication.LIST_CALLS, {"leadId": lead_id, "limit": 100})
    assert {call.id for call in calls} == dialed | logged and dialed and logged  # v1 ids and the logs'
    times = [call.createTime or "" for call in calls]
    assert times == sorted(times, reverse=True)
    assert {call.direction for call in calls} <= {"outbound", "inbound"}
    one = await c.call(catalog.communication.LIST_CALLS, {"leadId": lead_id, "limit": 1})
    assert len(one) == 1


@scenario("get_call_record")
async def _get_call_record(c: ChimeClient, sb: Sandbox) -> None:
    record = of_lead(sb.state.calls, bob(sb)["leadId"])[0]
    v1 = await c.call(catalog.communication.GET_CALL, {"callId": record["id"]})
    v2 = await c.call(catalog.communication.GET_CALL_RECORD, {"communicationId": record["id"]})
    assert v2.model_dump() == v1.model_dump()  # one record, in both APIs
    log = _logged(sb, "Call")
    manual = await c.call(catalog.communication.GET_CALL_RECORD, {"communicationId": log["id"]})
    assert (manual.leadPhoneNumber, manual.callingOutcome, manual.note) == (
        log["leadPhoneNumber"],
        log["callingOutcome"],
        log["content"],
    )
    assert manual.elapsedTime is None and manual.status is None  # dialer-only fields are omitted
    email = next(iter(sb.state.emails))
    with pytest.raises(errors.InvalidRequestError, match="PERMISSION_DENIED"):
        await c.call(catalog.communication.GET_CALL_RECORD, {"communicationId": email})


@scenario("get_email")
async def _get_email(c: ChimeClient, sb: Sandbox) -> None:
    lead_id = bob(sb)["leadId"]
    history = await c.call(catalog.communication.LIST_EMAIL_HISTORY, {"leadId": lead_id, "limit": 1})
    email = await c.call(catalog.communication.GET_EMAIL, {"communicationId": history[0].id})
    assert email.emailSubject == history[0].emailSubject and email.leadId == lead_id
    log = _logged(sb, "Email")
    logged = await c.call(catalog.communication.GET_EMAIL, {"communicationId": log["id"]})
    assert logged.emailSubject == log["emailSubject"] and logged.emailType == "Manual"
    with pytest.raises(errors.InvalidRequestError, match="PERMISSION_DENIED"):
        await c.call(catalog.communication.GET_EMAIL, {"communicationId": next(iter(sb.state.texts))})


@scenario("get_text")
async def _get_text(c: ChimeClient, sb: Sandbox) -> None:
    record = next(iter(sb.state.texts.values()))
    text = await c.call(catalog.communication.GET_TEXT, {"communicationId": record["id"]})
    assert text.textContent == record["textContent"] and text.textTime == record["textTime"]
    log = _logged(sb, "Text")
    assert (await c.call(catalog.communication.GET_TEXT, {"communicationId": log["id"]})).textContent == log["content"]


def _team_window(sb: Sandbox, days: int) -> tuple[int, int]:
    """The last `days` days before the demo's now."""
    end = int(sb.state.now.timestamp() * 1000)
    return end - days * DAY_MS, end


@scenario("list_agent_communications")
async def _list_agent_communications(c: ChimeClient, sb: Sandbox) -> None:
    start, end = _team_window(sb, 90)
    params: dict[str, Any] = {"startTime": start, "endTime": end, "teamView": True}
    seen: list[int] = []
    pages = 0
    while True:  # cursor pages, until the cursor runs out
        page = await c.call(catalog.communication.LIST_AGENT_COMMUNICATIONS, params)
        pages += 1
        seen += [entry.id for entry in page.data or [] if entry.id is not None]
        if page.nextCursor is None:
            break
        params["cursor"] = page.nextCursor
        assert pages < 50, "the cursor never ran out"
    assert pages > 1 and len(seen) == len(set(seen)) == page.totalCount
    low, high = datetime.fromtimestamp(start / 1000, UTC), datetime.fromtimestamp(end / 1000, UTC)
    in_window = {
        r["id"]
        for table, key in (
            (sb.state.calls, "startTime"),
            (sb.state.texts, "textTime"),
            (sb.state.emails, "emailEventTime"),
        )
        for r in table.values()
        if low.strftime("%Y-%m-%d %H:%M:%S") <= r[key] <= high.strftime("%Y-%m-%d %H:%M:%S")
    }
    assert in_window <= set(seen)
    # Without teamView: only the caller's own; a sent text is one of them.
    lead = bob(sb)
    await c.call(catalog.messaging.SEND_TEXT, {}, body={"leadId": lead["leadId"], "content": "See you at 4"})
    now = int(datetime.now(UTC).timestamp() * 1000)
    mine = await c.call(
        catalog.communication.LIST_AGENT_COMMUNICATIONS, {"startTime": now - DAY_MS, "endTime": now + 60_000}
    )
    assert mine.data and {e.agentId for e in mine.data} == {sb.state.me_id}
    assert mine.data[0].eventType == "Text" and mine.data[0].communicationType == "MANUAL"
    with pytest.raises(errors.InvalidRequestError, match="90"):
        await c.call(catalog.communication.LIST_AGENT_COMMUNICATIONS, {"startTime": start - DAY_MS, "endTime": end})


@scenario("search_agent_communications")
async def _search_agent_communications(c: ChimeClient, sb: Sandbox) -> None:
    busiest = max(
        {r["textTime"][:10] for r in sb.state.texts.values()},
        key=lambda day: sum(r["textTime"].startswith(day) for r in sb.state.texts.values()),
    )
    start = _ms(f"{busiest} 00:00:00")
    body = {"type": "TEXT", "startTime": start, "endTime": start + DAY_MS - 1, "teamView": True}
    page = await c.call(catalog.communication.SEARCH_AGENT_COMMUNICATIONS, body=body)
    texts = {r["id"] for r in sb.state.texts.values() if r["textTime"].startswith(busiest)}
    assert texts and texts <= {entry.id for entry in page.pageData or []}
    assert {entry.eventType for entry in page.pageData or []} == {"Text"} and page.hasMore is False
    everything = await c.call(catalog.communication.SEARCH_AGENT_COMMUNICATIONS, body={**body, "type": "ALL"})
    assert len(everything.pageData or []) >= len(page.pageData or [])
    first = await c.call(catalog.communication.SEARCH_AGENT_COMMUNICATIONS, body={**body, "limit": 1})
    assert len(first.pageData or []) == 1 and first.hasMore is (len(page.pageData or []) > 1)
    with pytest.raises(errors.InvalidRequestError, match="24"):
        await c.call(catalog.communication.SEARCH_AGENT_COMMUNICATIONS, body={**body, "endTime": start + 2 * DAY_MS})


# -- transactions ----------------------------------------------------------------------------------


def _a_deal(sb: Sandbox) -> dict[str, Any]:
    return next(iter(sb.state.transactions.values()))


@scenario("list_transaction_custom_fields")
async def _list_transaction_custom_fields(c: ChimeClient, sb: Sandbox) -> None:
    fields = await c.call(catalog.transactions.LIST_TRANSACTION_CUSTOM_FIELDS)
    assert {f.name for f in fields} >= {"Closing Attorney", "Financing"}
    deal = _a_deal(sb)
    ident = next(f.id for f in fields if f.name == "Closing Attorney")
    body = {"transactionName": deal["transactionName"], "customFields": [{"id": ident, "value": "J. Park"}]}
    params = {"leadId": deal["leadId"], "transactionId": deal["transactionId"]}
    await c.call(catalog.transactions.UPDATE_TRANSACTION, params, body=body)
    again = await c.call(catalog.transactions.GET_TRANSACTION, params)
    assert again.model_dump()["customFields"] == [{"id": ident, "value": "J. Park"}]


@scenario("search_transactions")
async def _search_transactions(c: ChimeClient, sb: Sandbox) -> None:
    every = await c.call(catalog.transactions.SEARCH_TRANSACTIONS)
    assert every.totalCount == len(sb.state.transactions) and len(every.pageData or []) == min(20, every.totalCount)
    purchases = await c.call(catalog.transactions.SEARCH_TRANSACTIONS, {"transactionType": "Purchase"})
    expected = sum(1 for t in sb.state.transactions.values() if t["transactionType"] == "Purchase")
    assert purchases.totalCount == expected
    deal = _a_deal(sb)
    found = await c.call(catalog.transactions.SEARCH_TRANSACTIONS, {"queryKey": deal["leadName"]})
    assert deal["transactionId"] in {t.transactionId for t in found.pageData or []}
    item = next(t for t in found.pageData or [] if t.transactionId == deal["transactionId"])
    assert item.leadId == deal["leadId"] and item.agentName  # the same deal as the v1 reads, with its agent
    pages = -(-(every.totalCount or 0) // 20)
    last = await c.call(catalog.transactions.SEARCH_TRANSACTIONS, {"pageNum": pages})
    assert last.pageData == []


@scenario("list_transaction_pipelines")
async def _list_transaction_pipelines(c: ChimeClient, sb: Sandbox) -> None:
    pipelines = await c.call(catalog.transactions.LIST_TRANSACTION_PIPELINES)
    stages = {p.transactionType: [s.name for s in p.stages or []] for p in pipelines}
    assert set(stages) == {"Purchase", "Listing", "Lease", "Other"}
    for deal in sb.state.transactions.values():  # every demo deal is in a stage of its pipeline
        assert deal["transactionStatus"] in stages[deal["transactionType"]]
    assert all((p.stages or [])[0].default for p in pipelines)


@scenario("get_property_address")
async def _get_property_address(c: ChimeClient, sb: Sandbox) -> None:
    deal = _a_deal(sb)
    params = {"leadId": deal["leadId"], "transactionId": deal["transactionId"]}
    address = await c.call(catalog.transactions.GET_PROPERTY_ADDRESS, params)
    assert address.transactionId == deal["transactionId"]
    assert f"{address.streetAddress}, {address.city}" == deal["transactionName"]
    created = await c.call(
        catalog.transactions.CREATE_TRANSACTION, {"leadId": deal["leadId"]}, body={"transactionName": "Smith deal"}
    )
    with pytest.raises(errors.NotFoundError):  # no address set yet
        await c.call(
            catalog.transactions.GET_PROPERTY_ADDRESS,
            {"leadId": deal["leadId"], "transactionId": created.transactionId},
        )


@scenario("update_property_address")
async def _update_property_address(c: ChimeClient, sb: Sandbox) -> None:
    deal = _a_deal(sb)
    lead_id, tx_id = deal["leadId"], deal["transactionId"]
    body = {"transactionId": tx_id, "streetAddress": "500 Elm St", "unit": "4B", "city": "Round Rock", "state": "TX"}
    answer = await c.call(catalog.transactions.UPDATE_PROPERTY_ADDRESS, {"leadId": lead_id}, body=body)
    assert answer.code == 0
    address = await c.call(catalog.transactions.GET_PROPERTY_ADDRESS, {"leadId": lead_id, "transactionId": tx_id})
    assert (address.streetAddress, address.unit, address.city) == ("500 Elm St", "4B", "Round Rock")
    assert address.zipCode is None and address.county is None  # a full replacement: left out is null
    transaction = await c.call(catalog.transactions.GET_TRANSACTION, {"leadId": lead_id, "transactionId": tx_id})
    assert transaction.transactionName == "500 Elm St 4B, Round Rock"  # named after its address, it follows it
    other = next(t for t in sb.state.transactions.values() if t["leadId"] != lead_id)
    with pytest.raises(errors.NotFoundError, match="TRANSACTION_NOT_EXIST"):
        await c.call(
            catalog.transactions.UPDATE_PROPERTY_ADDRESS,
            {"leadId": lead_id},
            body={"transactionId": other["transactionId"]},
        )


# -- listings --------------------------------------------------------------------------------------


@scenario("find_listings")
async def _find_listings(c: ChimeClient, sb: Sandbox) -> None:
    every = await c.call(catalog.listings.FIND_LISTINGS, body={"pageSize": 100})
    assert every.metadata is not None and every.metadata.totalCount == len(sb.state.listings)
    assert every.metadata.hasMore is True and len(every.listing or []) == 100
    me = sb.state.members[sb.state.me_id]
    mine = await c.call(catalog.listings.FIND_LISTINGS, body={"searchScope": "my", "pageSize": 100})
    office = await c.call(catalog.listings.FIND_LISTINGS, body={"searchScope": "office", "pageSize": 100})
    assert mine.listing and {item.agentId for item in mine.listing} == {str(me["id"])}
    office_ids = {str(m["id"]) for m in sb.state.members.values() if m["groupId"] == me["groupId"]}
    assert office.listing and {item.agentId for item in office.listing} <= office_ids
    assert len(mine.listing) < len(office.listing) < len(sb.state.listings)
    city = sb.state.listings[0]["city"]
    cheap = await c.call(
        catalog.listings.FIND_LISTINGS,
        body={"filterConditions": {"location": {"city": [city]}, "price": ",600000", "beds": "2,"}, "pageSize": 100},
    )
    expected = [
        item for item in sb.state.listings if item["city"] == city and item["price"] <= 600000 and item["bedrooms"] >= 2
    ]
    assert len(cheap.listing or []) == len(expected)
    assert (await c.call(catalog.listings.FIND_LISTINGS, body={"soldFlag": True})).listing == []
    with pytest.raises(errors.InvalidRequestError, match="unknown condition"):
        await c.call(catalog.listings.FIND_LISTINGS, body={"filterConditions": {"garden": "yes"}})


@scenario("list_published_listings")
async def _list_published_listings(c: ChimeClient, sb: Sandbox) -> None:
    feed = (await c.call(catalog.listings.LIST_PUBLISHED_LISTINGS, {"type": "AllOnMarket"})).xml
    assert feed.startswith("<?xml") and "</listings>" in feed
    team = await c.call(catalog.listings.FIND_LISTINGS, body={"searchScope": "office", "pageSize": 100})
    assert all(f"<listingId>{item.listingId}</listingId>" in feed for item in team.listing or [])
    outside = next(item for item in sb.state.listings if int(item["listingId"]) % 3 == 0)
    assert f"<listingId>{outside['listingId']}</listingId>" not in feed  # another brokerage's listing
    luxury = (await c.call(catalog.listings.LIST_PUBLISHED_LISTINGS, {"type": "LuxVT"})).xml
    assert luxury.count("<listing>") < feed.count("<listing>")
