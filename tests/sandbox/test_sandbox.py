"""The sandbox's own behaviour: credentials, errors, rate limits, faults, search, persistence."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.catalog import BY_NAME, OPERATIONS
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.faults import FaultInjector, Faults
from chime_mcp.sandbox.handlers import HANDLERS
from chime_mcp.sandbox.handlers.codes import LEAD_PROPERTY_NOT_EXIST
from chime_mcp.sandbox.inprocess import BASE_URL, SandboxTransport
from chime_mcp.sandbox.inprocess import sandbox_client as make_client
from chime_mcp.sandbox.limiter import RateLimit, RateLimiter, parse_rate_limit
from chime_mcp.sandbox.serve import run_sandbox
from tests.support.sandboxes import FAST_CLIENT, LiveSandbox, fresh_sandbox, sandbox_config

B = BY_NAME
pytestmark = pytest.mark.anyio
AUTH = {"Authorization": "token sandbox-key", "Content-Type": "application/json"}


def raw(sandbox: Sandbox) -> httpx2.AsyncClient:
    """A plain HTTP client on the in-process sandbox: sends what ChimeClient would refuse to."""
    return httpx2.AsyncClient(base_url=BASE_URL, transport=SandboxTransport(create_app(sandbox=sandbox)))


def bob_id(sandbox: Sandbox) -> int:
    return int(next(lead["leadId"] for lead in sandbox.state.leads.values() if lead["firstName"] == "Bob"))


# -- structure ---------------------------------------------------------------------------------------


async def test_every_catalog_operation_has_a_handler_and_a_route() -> None:
    assert set(HANDLERS) == {op.tool for op in OPERATIONS}
    app = create_app()
    assert {route.name for route in app.routes} == {op.tool for op in OPERATIONS}  # type: ignore[attr-defined]


async def test_the_demo_data_is_built_lazily() -> None:
    sandbox = Sandbox(sandbox_config())
    create_app(sandbox=sandbox)
    assert not sandbox.store.built
    async with raw(sandbox) as http:
        assert (await http.get("/v1.0/me", headers=AUTH)).status_code == 200
    assert sandbox.store.built


# -- credentials -------------------------------------------------------------------------------------


async def test_wrong_or_missing_credential_is_401(sandbox: Sandbox) -> None:
    async with make_client(sandbox, settings=_settings(Credential("api_key", "nope"))) as bad:
        with pytest.raises(errors.AuthenticationError) as caught:
            await bad.call(catalog.team.GET_ME)
    assert caught.value.status == 401
    async with raw(sandbox) as http:
        response = await http.get("/v1.0/me")
    assert response.status_code == 401 and "Missing credential" in response.json()["message"]
    assert sandbox.counters["unauthorized"] == 2


async def test_bearer_tokens_and_the_api_key_sent_as_bearer() -> None:
    box = fresh_sandbox(access_token="oauth-token")
    app = create_app(sandbox=box)
    token = make_client(app, settings=_settings(Credential("access_token", "oauth-token")))
    key_as_bearer = make_client(app, settings=_settings(Credential("access_token", box.config.api_key)))
    async with token, key_as_bearer:
        assert (await token.call(catalog.team.GET_ME)).id == box.state.me_id
        with pytest.raises(errors.AuthenticationError) as caught:
            await key_as_bearer.call(catalog.team.GET_ME)
    assert caught.value.status == 400 and caught.value.code == 200058


def _settings(credential: Credential, timeout: float = 5.0) -> ClientSettings:
    return ClientSettings(credential=credential, base_url=BASE_URL, timeout=timeout)


# -- errors ------------------------------------------------------------------------------------------


async def test_unknown_ids_are_404_with_the_live_codes(sandbox_client: ChimeClient) -> None:
    with pytest.raises(errors.NotFoundError, match="Lead 42 does not exist"):
        await sandbox_client.call(catalog.leads.GET_LEAD, {"leadId": 42})
    with pytest.raises(errors.NotFoundError) as caught:
        await sandbox_client.call(catalog.notes.GET_NOTE, {"noteId": 42})
    assert caught.value.code == 20007


async def test_invalid_input_is_400_naming_the_field(sandbox: Sandbox) -> None:
    async with raw(sandbox) as http:
        too_many = await http.get("/v1.0/leads", params={"limit": 500}, headers=AUTH)
        unknown = await http.get("/v1.0/leads", params={"colour": "red"}, headers=AUTH)
        not_a_number = await http.get("/v1.0/leads/abc", headers=AUTH)
        bad_body = await http.post("/v1.0/notes", json={"leadId": 1, "contents": "x"}, headers=AUTH)
        no_json_type = await http.delete("/v1.0/notes/1", headers={"Authorization": AUTH["Authorization"]})
        nowhere = await http.get("/v1.0/nowhere", headers=AUTH)
    assert too_many.status_code == 400 and too_many.json()["code"] == 20042
    assert too_many.json()["message"].startswith("LIMIT_NOT_VALID: limit:")
    assert unknown.status_code == 400 and "colour: unknown parameter" in unknown.json()["message"]
    assert not_a_number.status_code == 400 and "leadId" in not_a_number.json()["message"]
    assert bad_body.status_code == 400 and {"code": 20012}.items() <= bad_body.json().items()
    assert "leadNote" not in bad_body.json()["message"] and "contents" in bad_body.json()["message"]
    assert no_json_type.status_code == 415
    assert nowhere.status_code == 404 and nowhere.json()["message"] == "No such endpoint: GET /v1.0/nowhere"
    for response in (too_many, nowhere, no_json_type):
        assert {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"} <= set(response.headers)


async def test_a_business_rule_400_reaches_the_client_with_its_message(sandbox: Sandbox) -> None:
    async with make_client(sandbox, **FAST_CLIENT) as client:
        # (A property without a place, PROPERTY_ADDRESS_EMPTY, is refused before sending now.)
        with pytest.raises(errors.InvalidRequestError, match="LEAD_PROPERTY_NOT_EXIST") as caught:
            body = {"id": 1, "city": "Austin"}
            await client.call(catalog.lead_details.ADD_LEAD_PROPERTY, {"leadId": bob_id(sandbox)}, body)
    assert caught.value.status == 400 and caught.value.code == LEAD_PROPERTY_NOT_EXIST


# -- rate limits -------------------------------------------------------------------------------------


async def test_past_the_budget_comes_429_with_headers() -> None:
    box = fresh_sandbox(rate_limit=parse_rate_limit("3/min"))
    async with raw(box) as http:
        answers = [await http.get("/v1.0/me", headers=AUTH) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0", "0"]
    last = answers[-1]
    assert last.json() == {"message": "Too Many Requests"}
    assert last.headers["x-ratelimit-limit"] == "3" and 0 < int(last.headers["x-ratelimit-reset"]) <= 60_000
    assert box.counters["rate_limited"] == 1


async def test_client_rides_out_a_429_burst_without_losing_or_duplicating_writes(
    live_sandbox: LiveSandbox,
) -> None:
    box = live_sandbox.sandbox
    lead_id = bob_id(box)
    notes_before = len(box.state.notes)
    box.set_faults(burst_429=3, tools={"add_note"})
    # The client waits at least 1 s per 429: a fake clock keeps the test fast (HTTP stays real).
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    async with live_sandbox.client(sleep=sleep, budget=RateBudget(clock=lambda: now[0])) as client:
        ids = [
            (await client.call(catalog.notes.ADD_NOTE, body={"leadId": lead_id, "content": f"note {n}"})).noteId
            for n in range(4)
        ]
    assert len(set(ids)) == 4 and now[0] >= 3
    assert len(box.state.notes) == notes_before + 4
    contents = sorted(n["content"] for n in box.state.notes.values() if n["noteId"] in ids)
    assert contents == [f"note {n}" for n in range(4)]
    assert box.counters["fault.burst_429"] == 3 and box.counters["status.429"] == 3


async def test_client_keeps_to_a_small_budget(live_sandbox: LiveSandbox) -> None:
    box = live_sandbox.sandbox
    box.set_rate_limit(RateLimit(3, 0.2))
    async with live_sandbox.client() as client:
        for _ in range(7):
            await client.call(catalog.team.GET_ME)
    assert box.counters["op.get_me"] == 7 + box.counters["rate_limited"]


def test_rate_limit_parsing_and_windows() -> None:
    assert parse_rate_limit("10/min") == RateLimit(10, 60.0)
    assert parse_rate_limit("600") == RateLimit(600, 60.0)
    assert parse_rate_limit("5/s") == RateLimit(5, 1.0)
    assert parse_rate_limit("100 / hour") == RateLimit(100, 3600.0)
    with pytest.raises(ValueError):
        parse_rate_limit("ten a minute")
    now = [0.0]
    limiter = RateLimiter(RateLimit(2, 10), clock=lambda: now[0])
    assert [limiter.take() for _ in range(3)] == [True, True, False]
    now[0] = 4.0
    assert limiter.headers()["X-RateLimit-Reset"] == "6000"  # ms until the window resets
    now[0] = 10.0
    assert limiter.take()


# -- faults ------------------------------------------------------------------------------------------


def test_faults_are_deterministic_for_a_seed() -> None:
    settings = Faults(error_rate=0.3, malformed_rate=0.3, jitter_ms=10, seed=11)
    first, second = FaultInjector(settings), FaultInjector(settings)
    plans = [first.plan("get_me") for _ in range(50)]
    assert plans == [second.plan("get_me") for _ in range(50)]
    assert {p.kind for p in plans} == {None, "error", "malformed"}
    assert FaultInjector(Faults(error_rate=1, tools=frozenset({"get_lead"}))).plan("get_me").kind is None


async def test_5xx_faults_are_retried_then_reported(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    sandbox.set_faults(error_rate=1.0)
    with pytest.raises(errors.ServerError):
        await sandbox_client.call(catalog.team.GET_ME)
    assert sandbox.counters["fault.error"] == 4  # one try and three retries
    sandbox.set_faults(error_rate=0.5, seed=3)
    assert (await sandbox_client.call(catalog.team.GET_ME)).id == sandbox.state.me_id


async def test_latency_is_added(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    sandbox.set_faults(latency_ms=60)
    started = time.perf_counter()
    await sandbox_client.call(catalog.team.GET_ME)
    assert time.perf_counter() - started >= 0.06 and sandbox.counters["fault.latency"] == 1


async def test_a_hang_ends_in_a_client_timeout_in_process(sandbox: Sandbox) -> None:
    sandbox.set_faults(hang_rate=1.0)
    settings = _settings(Credential("api_key", "sandbox-key"), timeout=0.1)
    async with make_client(sandbox, settings=settings, max_retries=0) as client:
        with pytest.raises(errors.ChimeTimeoutError):
            await client.call(catalog.team.GET_ME)
    assert sandbox.counters["fault.hang"] == 1


async def test_a_hang_ends_in_a_client_timeout_over_http(live_sandbox: LiveSandbox) -> None:
    live_sandbox.sandbox.set_faults(hang_rate=1.0, hang_seconds=5)
    async with live_sandbox.client(timeout=0.2, max_retries=1) as client:
        with pytest.raises(errors.ChimeTimeoutError):
            await client.call(catalog.team.GET_ME)
    assert live_sandbox.sandbox.counters["fault.hang"] == 2


async def test_malformed_bodies(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    sandbox.set_faults(malformed_rate=1.0)
    with pytest.raises(errors.UnexpectedResponseError):
        await sandbox_client.call(catalog.team.GET_ME)
    assert sandbox.counters["fault.malformed"] == 4  # GETs are retried
    notes = len(sandbox.state.notes)
    # The write happened (HTTP 200); only the answer broke, so it is a success without an id.
    added = await sandbox_client.call(catalog.notes.ADD_NOTE, body={"leadId": bob_id(sandbox), "content": "x"})
    assert added is None or added.noteId is None
    assert len(sandbox.state.notes) == notes + 1


@pytest.mark.parametrize("where", ["in_process", "over_http"])
async def test_dropped_connections(where: str, sandbox: Sandbox, live_sandbox: LiveSandbox) -> None:
    box = sandbox if where == "in_process" else live_sandbox.sandbox
    client = make_client(box, **FAST_CLIENT) if where == "in_process" else live_sandbox.client()
    box.set_faults(drop_rate=1.0)
    notes = len(box.state.notes)
    async with client:
        with pytest.raises(errors.NetworkError):
            await client.call(catalog.team.GET_ME)
        with pytest.raises(errors.OutcomeUnknownError, match="may have been applied: check with list_notes"):
            await client.call(catalog.notes.ADD_NOTE, body={"leadId": bob_id(box), "content": "x"})
    assert box.counters["fault.drop"] == 5  # a GET and its 3 retries, a POST never retried
    assert len(box.state.notes) == notes  # a dropped request is not handled


# -- lead search -------------------------------------------------------------------------------------


async def test_lead_search_filters(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    c = sandbox_client
    leads = list(sandbox.state.leads.values())
    some = leads[7]

    async def ids(**params: Any) -> set[int]:
        page = await c.call(catalog.leads.SEARCH_LEADS, {"limit": 100, **params})
        assert page.metadata is not None
        assert page.metadata.total is not None and page.metadata.total <= 100, "keep the filters narrow"
        return {lead.leadId for lead in page.leads or [] if lead.leadId is not None}

    assert some["leadId"] in await ids(key=some["lastName"].upper()[1:4])
    assert await ids(key=some["phones"][0][-8:]) == {some["leadId"]}
    assert await ids(phone="".join(ch for ch in some["phones"][0] if ch.isdigit())) == {some["leadId"]}
    assert await ids(email=some["emails"][0].upper()) == {some["leadId"]}
    expected = {lead["leadId"] for lead in leads if lead["stage"] == "Closed" and lead["source"] == "Zillow"}
    assert await ids(stage="closed", source="Zillow") == expected
    tagged = [{t["tagName"] for t in lead["tags"]} for lead in leads]
    assert await ids(allTags="Hot,Luxury") == {
        lead["leadId"] for lead, t in zip(leads, tagged, strict=True) if {"Hot", "Luxury"} <= t
    }
    assert await ids(anyTags="VA loan,Investor") == {
        lead["leadId"] for lead, t in zip(leads, tagged, strict=True) if t & {"VA loan", "Investor"}
    }
    agent = some["assignedUserId"] or leads[0]["assignedUserId"]
    assert await ids(assignedUserId=agent) == {lead["leadId"] for lead in leads if lead["assignedUserId"] == agent}


async def test_lead_sort_offset_and_scroll(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    c = sandbox_client
    page = await c.call(catalog.leads.SEARCH_LEADS, {"sort": "CreateTime", "desc": False, "limit": 5})
    times = [str(lead.createTime) for lead in page.leads or [] if lead.createTime]
    assert len(times) == 5
    assert times == sorted(times) and page.metadata is not None and page.metadata.total == 200
    second = await c.call(catalog.leads.SEARCH_LEADS, {"sort": "CreateTime", "desc": False, "limit": 5, "offset": 5})
    assert str((second.leads or [])[0].createTime) >= times[-1]
    seen = [lead.leadId async for lead in c.iterate(catalog.leads.SEARCH_LEADS, {"limit": 60})]
    assert len(seen) == len(set(seen)) == 200  # scrollId continuation, four pages
    with pytest.raises(errors.InvalidRequestError, match="scrollId"):
        await c.call(catalog.leads.SEARCH_LEADS, {"scrollId": page.metadata.scrollId, "stage": "New"})
    with pytest.raises(errors.InvalidInputError):  # the client's own check, before sending
        await c.call(catalog.leads.SEARCH_LEADS, {"limit": 0})


async def test_leads_created_and_updated_since(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    c = sandbox_client
    # Demo "now" is 2026-06-15 16:30 UTC: 09:30 in UTC-7.
    # Given in UTC (ISO 8601); the wire takes UTC-7, the leads' createTime is UTC.
    created = await c.call(
        catalog.sync.SEARCH_LEADS_CREATED_SINCE, {"leadCreateTime": "2026-06-01T07:00:00Z", "limit": 100}
    )
    expected = [lead for lead in sandbox.state.leads.values() if lead["createTime"] >= "2026-06-01 07:00:00"]
    assert created.metadata is not None and created.metadata.total == len(expected) > 0
    with pytest.raises(errors.InvalidInputError, match="leadCreateTime 'yesterday' is not a time"):
        await c.call(catalog.sync.SEARCH_LEADS_CREATED_SINCE, {"leadCreateTime": "yesterday"})


# -- system logs and persistence ---------------------------------------------------------------------


async def test_changes_through_the_api_land_in_system_logs(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    c = sandbox_client
    lead_id = (await c.call(catalog.leads.CREATE_LEAD, body={"firstName": "Ina", "source": "Zillow"})).leadId
    agent = next(m for m in sandbox.state.members.values() if m["roleName"] == "Agent")
    await c.call(catalog.leads.ASSIGN_LEAD, {"leadId": lead_id}, [{"assignee": agent["email"], "role": "Agent"}])
    await c.call(catalog.leads.UPDATE_LEAD, {"leadId": lead_id}, {"stage": "Nurture", "city": "Kyle"})
    task_body = {
        "leadId": lead_id,
        "content": "Call",
        "deadline": 1796504400000,
        "type": "Call",
        "assignedRole": "Agent",
    }
    task = await c.call(catalog.tasks.CREATE_TASK, body=task_body)
    await c.call(catalog.tasks.DELETE_TASK, {"taskId": task.taskId})
    await c.call(catalog.leads.DELETE_LEAD, {"leadId": lead_id, "reason": "Test lead"})
    entries = [e for e in sandbox.state.system_logs.values() if e["leadId"] == lead_id]
    kinds = [e["timelineTypeDesc"] for e in sorted(entries, key=lambda e: e["timelineTime"])]
    for kind in (
        "NewLead",
        "AssignAgent",
        "TeamStageChange",
        "EditLeadInfo",
        "CreateTask",
        "DeleteTask",
        "MoveToTrash",
    ):
        assert kind in kinds
    assert entries[-1]["content"] == {"reason": "Test lead"} or "MoveToTrash" in kinds


async def test_state_survives_a_restart_with_a_database(tmp_path: Any) -> None:
    db = tmp_path / "sandbox.sqlite"
    first = Sandbox(sandbox_config(db_path=db))
    async with make_client(first, **FAST_CLIENT) as client:
        lead_id = (await client.call(catalog.leads.CREATE_LEAD, body={"firstName": "Persisted"})).leadId
        await client.call(catalog.leads.DELETE_LEAD, {"leadId": bob_id(first), "reason": "gone"})
        note_id = (await client.call(catalog.notes.ADD_NOTE, body={"leadId": lead_id, "content": "kept"})).noteId
    first.close()
    second = Sandbox(sandbox_config(db_path=db, seed=99))  # the database wins over the seed
    async with make_client(second, **FAST_CLIENT) as client:
        assert (await client.call(catalog.leads.GET_LEAD, {"leadId": lead_id})).firstName == "Persisted"
        assert (await client.call(catalog.notes.GET_NOTE, {"noteId": note_id})).content == "kept"
        assert (await client.call(catalog.leads.SEARCH_LEADS, {"key": "bob li"})).leads == []
        fresh = (await client.call(catalog.leads.CREATE_LEAD, body={"firstName": "Next"})).leadId
    assert fresh is not None and note_id is not None
    assert fresh > note_id  # the id counter was saved too
    assert second.store.trash[bob_id(second)]["reason"] == "gone"
    second.close()


async def test_calendar_fields_survive_a_restart_with_a_database(tmp_path: Any) -> None:
    db = tmp_path / "sandbox.sqlite"
    first = Sandbox(sandbox_config(db_path=db))
    event = {"type": "TASK", "taskWay": "Call", "content": "Call at 9", "leadId": bob_id(first)}
    event |= {
        "startAt": "2030-03-05T09:00:00-06:00",
        "endAt": "2030-03-05T09:30:00-06:00",
        "timeZoneCode": "America/Denver",
    }
    async with make_client(first, **FAST_CLIENT) as client:
        made = await client.call(catalog.calendar.CREATE_CALENDAR_EVENT, body=event)
    first.close()
    assert made.data is not None and made.data.id
    second = Sandbox(sandbox_config(db_path=db))
    async with make_client(second, **FAST_CLIENT) as client:
        item = await client.call(catalog.agenda.GET_AGENDA_ITEM, {"taskId": int(made.data.id.split("-")[0])})
    assert (
        item.timeZoneCode == "America/Denver" and item.startAt == "2030-03-05T08:00:00-07:00"
    )  # kept: a v2-only field
    second.close()


def _sandbox_banner(*options: str) -> str:
    """`chime-mcp sandbox ...` as a process: its banner, once it listens; then it is stopped."""
    command = [str(Path(sys.executable).parent / "chime-mcp"), "sandbox", "--port", "0", *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while not (lines and lines[-1].lstrip().startswith("Try:")) and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
        return "".join(lines)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_sandbox_banner_states_what_runs(tmp_path: Path) -> None:
    """The URL is the bound one (port 0 becomes the real port, on loopback), and the details are
    the running sandbox's: a --db file keeps the seed its data was built with."""
    db = tmp_path / "box.db"
    text = _sandbox_banner("--rate-limit", "10/min", "--api-key", "k-123", "--seed", "3", "--db", str(db))
    url = re.search(r"Chime sandbox on http://127\.0\.0\.1:(\d+)", text)
    assert url and int(url.group(1)) > 0, text
    assert "k-123" in text and "10 requests per 60 s" in text and "seed 3" in text and str(db) in text
    again = _sandbox_banner("--seed", "9", "--db", str(db), "--latency-ms", "5")
    assert "seed 3" in again and "seed 9" not in again, again
    assert "5 ms added to every answer" in again
    with socket.socket() as probe:  # the banner came once the port was bound, and it is closed now
        assert probe.connect_ex(("127.0.0.1", int(url.group(1)))) != 0


def test_a_bad_rate_limit_is_refused_before_serving() -> None:
    with pytest.raises(ValueError):
        run_sandbox(rate_limit="lots", out=io.StringIO())
