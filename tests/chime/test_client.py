"""ChimeClient on httpx2's mock transport: no network, no real sleeping."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import anyio.lowlevel
import httpx2
import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.catalog import BY_NAME
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential, settings_from_env
from chime_mcp.chime.ratelimit import MAX_HEADER_WAIT, RateBudget
from tests.support.clocks import WALL0
from tests.support.clocks import FakeClock as FakeTime

pytestmark = pytest.mark.anyio

CANARY = "canary-SECRET-123"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# -- fixtures: a fake clock and a scripted server ------------------------------------------------


Answer = httpx2.Response | Exception | Callable[[httpx2.Request], httpx2.Response]


class Server:
    """Answers requests in order from a script; the last answer repeats. Records every request."""

    def __init__(self, *answers: Answer, events: list[Any] | None = None) -> None:
        self.answers = list(answers)
        self.requests: list[httpx2.Request] = []
        self.events: list[Any] = [] if events is None else events

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        self.events.append(("request", request.method, request.url.path))
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx2.Response):
            return answer
        return answer(request)

    @property
    def bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


def ok(body: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.Response(status, json=body, headers=headers)


def text(body: str, status: int = 200, content_type: str = "text/plain") -> httpx2.Response:
    return httpx2.Response(status, content=body.encode(), headers={"content-type": content_type})


def make_client(
    server: Server,
    *,
    settings: ClientSettings | None = None,
    fake: FakeTime | None = None,
    budget: RateBudget | None = None,
    **settings_kw: Any,
) -> tuple[ChimeClient, FakeTime]:
    fake = fake or FakeTime(server.events)
    if settings is None:
        settings = ClientSettings(Credential("api_key", CANARY), **settings_kw)
    client = ChimeClient(
        settings,
        transport=httpx2.MockTransport(server),
        sleep=fake.sleep,
        budget=budget or RateBudget(clock=fake.clock, wall_clock=fake.wall),
    )
    return client, fake


NOTE = {"leadId": 1, "content": "Called, wants a 3-bed"}
TASK = {
    "leadId": 1,
    "content": "Call back",
    "deadline": 1_700_000_000_000,
    "type": "Call",
    "assignedRole": "Agent",
}
LOG = {"leadId": 1, "content": "Talked about listings", "logType": "logCall"}


# -- credentials and headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CHIME_API_KEY": CANARY}, f"token {CANARY}"),
        ({"CHIME_ACCESS_TOKEN": CANARY}, f"Bearer {CANARY}"),
        ({"CHIME_API_KEY": CANARY, "CHIME_ACCESS_TOKEN": "other"}, f"token {CANARY}"),
    ],
)
async def test_auth_header_for_each_credential_kind(env: dict[str, str], expected: str) -> None:
    server = Server(ok({"id": 1}))
    client, _ = make_client(server, settings=settings_from_env(env))
    async with client:
        await client.call(catalog.team.GET_ME)
    assert server.requests[0].headers["authorization"] == expected
    assert str(server.requests[0].url) == "https://api.chime.me/v1.0/me"


async def test_base_url_from_environment() -> None:
    server = Server(ok({"id": 1}))
    settings = settings_from_env({"CHIME_API_KEY": "k", "CHIME_BASE_URL": "https://api.lofty.com/"})
    client, _ = make_client(server, settings=settings)
    async with client:
        await client.call(catalog.team.GET_ME)
    assert str(server.requests[0].url) == "https://api.lofty.com/v1.0/me"


@pytest.mark.parametrize(
    ("url", "fix"),
    [
        ("https://api.chime.me/v1.0", "https://api.chime.me"),
        ("https://api.lofty.com/v1.0/", "https://api.lofty.com"),
        ("https://api.chime.me?x=1", "https://api.chime.me"),
    ],
)
def test_a_base_url_with_a_path_is_refused_at_start(url: str, fix: str) -> None:
    # A path of its own would send every call to the wrong address; its 404s read as deleted leads.
    with pytest.raises(errors.ConfigurationError, match="without a path") as refused:
        settings_from_env({"CHIME_API_KEY": "k", "CHIME_BASE_URL": url})
    assert f"Use {fix} " in str(refused.value.hint)


# A base URL with user:password@ has its own refusal (tests/chime/test_config.py).


async def test_json_content_type_and_accept_on_every_request_including_delete() -> None:
    server = Server(ok({"id": 1}), ok({"noteId": 2}), ok("ok"), ok(None))
    client, _ = make_client(server)
    async with client:
        await client.call(catalog.notes.GET_NOTE, {"noteId": 2})
        await client.call(catalog.notes.ADD_NOTE, body=NOTE)
        await client.call(catalog.notes.UPDATE_NOTE, {"noteId": 2}, NOTE)
        await client.call(catalog.notes.DELETE_NOTE, {"noteId": 2})
    assert [r.method for r in server.requests] == ["GET", "POST", "PUT", "DELETE"]
    for request in server.requests:
        assert request.headers["content-type"] == "application/json", request.method
        assert request.headers["accept"] == "application/json", request.method
    assert server.bodies[1] == {"leadId": 1, "content": NOTE["content"], "isPin": False}


@pytest.mark.parametrize("env", [{}, {"CHIME_API_KEY": "  ", "CHIME_ACCESS_TOKEN": ""}])
def test_no_credential_names_both_variables(env: dict[str, str]) -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        settings_from_env(env)
    assert "CHIME_API_KEY" in str(caught.value)
    assert "CHIME_ACCESS_TOKEN" in str(caught.value)
    with pytest.raises(errors.ConfigurationError):
        ChimeClient.from_env(env)


def test_credential_repr_hides_the_secret() -> None:
    for kind in ("api_key", "access_token"):
        credential = Credential(kind, CANARY)
        assert CANARY not in repr(credential)
        assert CANARY not in str(credential)
        assert CANARY not in repr(ClientSettings(credential))
        assert CANARY not in credential.fingerprint


# -- wire shapes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tool", "params", "wire", "key"),
    [
        ("list_notes", {"leadId": 1}, {"notes": [{"id": 5}, {"id": 6}]}, "id"),
        ("list_notes", {"leadId": 1}, [{"id": 5}, {"id": 6}], "id"),
        ("list_tasks", {"leadId": 1}, {"taskList": [{"id": 5}, {"id": 6}]}, "id"),
        ("list_tasks", {"leadId": 1}, [{"id": 5}, {"id": 6}], "id"),
        ("list_logs", {"leadId": 1, "logType": "logCall"}, {"logType": [{"id": 5}, {"id": 6}]}, "id"),
        ("list_call_history", {"leadId": 1}, {"calls": [{"id": 5}, {"id": 6}]}, "id"),
        ("list_email_history", {"leadId": 1}, {"emails": [{"id": 5}, {"id": 6}]}, "id"),
        ("list_text_history", {"leadId": 1}, {"texts": [{"id": 5}, {"id": 6}]}, "id"),
        ("list_appointments", {"leadId": 1}, [{"id": 5}, {"id": 6}], "id"),
    ],
)
async def test_wrapped_and_bare_lists(tool: str, params: dict[str, Any], wire: Any, key: str) -> None:
    client, _ = make_client(Server(ok(wire)))
    async with client:
        result = await client.call(BY_NAME[tool], params)
    assert [getattr(item, key) for item in result] == [5, 6]


@pytest.mark.parametrize(
    ("tool", "params", "wire"),
    [
        ("get_call", {"callId": 5}, {"calls": {"id": 5, "leadId": 1}}),
        ("get_call", {"callId": 5}, {"id": 5, "leadId": 1}),
        ("get_log", {"logTypeId": 5}, {"logType": {"id": 5, "leadId": 1}}),
        ("get_log", {"logTypeId": 5}, {"id": 5, "leadId": 1, "logType": "logCall"}),
        ("get_note", {"noteId": 5}, {"note": {"id": 5}}),
        ("get_task", {"taskId": 5}, {"task": {"id": 5}}),
    ],
)
async def test_wrapped_and_bare_records(tool: str, params: dict[str, Any], wire: Any) -> None:
    client, _ = make_client(Server(ok(wire)))
    async with client:
        result = await client.call(BY_NAME[tool], params)
    assert result.id == 5


@pytest.mark.parametrize("wire", [{"leadId": 9, "firstName": "Ann"}, {"lead": {"leadId": 9, "firstName": "Ann"}}])
async def test_lead_bare_or_wrapped(wire: Any) -> None:
    client, _ = make_client(Server(ok(wire)))
    async with client:
        lead = await client.call(catalog.leads.GET_LEAD, {"leadId": 9, "withTrash": True})
    assert (lead.leadId, lead.firstName) == (9, "Ann")


async def test_get_lead_sends_path_and_query() -> None:
    server = Server(ok({"leadId": 9}))
    client, _ = make_client(server)
    async with client:
        await client.call(catalog.leads.GET_LEAD, {"leadId": 9, "withTrash": True})
    assert server.requests[0].url.path == "/v1.0/leads/9"
    assert server.requests[0].url.params["withTrash"] == "true"


@pytest.mark.parametrize(
    ("tool", "params", "body", "wire", "field"),
    [
        ("create_lead", {}, {"firstName": "Ann"}, {"leadId": 7}, "leadId"),
        ("update_lead", {"leadId": 7}, {"lastName": "Lee"}, {"leadId": 7}, "leadId"),
        ("add_note", {}, NOTE, {"noteId": 7}, "noteId"),
        ("create_task", {}, TASK, {"taskId": 7}, "taskId"),
        ("assign_lead", {"leadId": 7}, [{"assignee": "a@b.co", "role": "Agent"}], {"leadId": 7}, "leadId"),
    ],
)
async def test_id_only_create_responses(tool: str, params: dict[str, Any], body: Any, wire: Any, field: str) -> None:
    client, _ = make_client(Server(ok(wire)))
    async with client:
        result = await client.call(BY_NAME[tool], params, body)
    assert getattr(result, field) == 7


async def test_log_call_answer_wrapped_in_log_type() -> None:
    server = Server(ok({"logType": {"id": 3, "leadId": 1}}))
    client, _ = make_client(server)
    async with client:
        result = await client.call(catalog.logs.LOG_COMMUNICATION, body=LOG)
    assert result.id == 3
    assert server.bodies[0] == LOG


@pytest.mark.parametrize("key", ["_metadata", "get_metadata"])
async def test_lead_list_metadata_under_either_name(key: str) -> None:
    wire = {key: {"total": 2, "scrollId": "s1", "limit": 25}, "leads": [{"leadId": 1}, {"leadId": 2}]}
    client, _ = make_client(Server(ok(wire)))
    async with client:
        page = await client.call(catalog.leads.SEARCH_LEADS, {"key": "Ann"})
    assert page.metadata is not None
    assert (page.metadata.total, page.metadata.scrollId) == (2, "s1")
    assert [lead.leadId for lead in page.leads or []] == [1, 2]


@pytest.mark.parametrize(
    ("answer", "message", "code"),
    [
        (ok("ok"), "ok", None),
        (text("success"), "success", None),
        (ok({"code": 0, "message": "success"}), "success", 0),
        (httpx2.Response(200), None, None),
        (ok({}), None, None),
    ],
)
async def test_acknowledgements(answer: httpx2.Response, message: str | None, code: int | None) -> None:
    client, _ = make_client(Server(answer))
    async with client:
        ack = await client.call(catalog.notes.UPDATE_NOTE, {"noteId": 2}, NOTE)
    assert (ack.message, ack.code) == (message, code)


@pytest.mark.parametrize(
    ("wire", "has_more"),
    [
        ([{"id": 1, "timelineType": 38}, {"id": 2}], None),
        ({"hasMore": 1, "timeLines": [{"id": 1, "timelineType": 38}, {"id": 2}]}, 1),
    ],
)
async def test_system_logs_bare_or_paged(wire: Any, has_more: int | None) -> None:
    client, _ = make_client(Server(ok(wire)))
    async with client:
        page = await client.call(catalog.sync.LIST_SYSTEM_LOGS, {"leadId": 1})
    assert [entry.id for entry in page.timeLines] == [1, 2]
    assert page.hasMore == has_more


async def test_unexpected_shape_on_a_write_is_still_a_success() -> None:
    client, _ = make_client(Server(ok(["not", "an", "id"])))
    async with client:
        result = await client.call(catalog.leads.CREATE_LEAD, body={"firstName": "Ann"})
    assert result.leadId is None


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "error", "words"),
    [
        (ok({"message": "Unauthorized"}, 401), errors.AuthenticationError, ["CHIME_API_KEY", "Unauthorized"]),
        (
            ok({"code": 200058, "message": "token invalid"}, 400),
            errors.AuthenticationError,
            ["token invalid", "CHIME_ACCESS_TOKEN"],
        ),
        (ok({"code": "200058", "message": "x"}, 400), errors.AuthenticationError, ["credential"]),
        (ok({"message": "No permission"}, 403), errors.PermissionDeniedError, ["No permission", "admin"]),
        (ok({"message": "Lead not found."}, 404), errors.NotFoundError, ["Lead not found.", "Check the id"]),
        (ok("leadId must be positive", 400), errors.InvalidRequestError, ["leadId must be positive"]),
        (ok({"code": 100, "message": "bad stage"}, 400), errors.InvalidRequestError, ["bad stage"]),
        (ok({"message": "content too long"}, 400), errors.InvalidRequestError, ["content too long"]),
        (text("plain words", 400), errors.InvalidRequestError, ["plain words"]),
        (ok({"message": "boom"}, 500), errors.ServerError, ["boom", "HTTP 500", "try again"]),
        (text("<html>bad gateway</html>", 502, "text/html"), errors.ServerError, ["HTTP 502"]),
    ],
)
async def test_error_classes_and_messages(answer: httpx2.Response, error: type[Exception], words: list[str]) -> None:
    server = Server(answer)
    client, _ = make_client(server, max_rate_limit_wait=10)
    async with client:
        with pytest.raises(error) as caught:
            await client.call(catalog.notes.GET_NOTE, {"noteId": 2})
    message = str(caught.value)
    for word in words:
        assert word in message
    assert "GET /v1.0/notes/2" in message
    assert "<html>" not in message
    assert isinstance(caught.value, errors.ApiError)
    assert caught.value.status == answer.status_code


async def test_error_status_and_code_are_kept() -> None:
    client, _ = make_client(Server(ok({"code": 100, "message": "bad"}, 400)))
    async with client:
        with pytest.raises(errors.InvalidRequestError) as caught:
            await client.call(catalog.notes.GET_NOTE, {"noteId": 2})
    assert (caught.value.status, caught.value.code) == (400, 100)


async def test_429_past_the_wait_cap_says_how_long_to_wait() -> None:
    server = Server(ok({"message": "Too Many Requests"}, 429, {"X-RateLimit-Reset": "50000"}))
    client, fake = make_client(server, max_rate_limit_wait=25)
    async with client:
        with pytest.raises(errors.RateLimitedError) as caught:
            await client.call(catalog.team.GET_ME)
    assert caught.value.retry_after == pytest.approx(50)
    assert "50 s" in str(caught.value)
    assert len(server.requests) == 1
    assert fake.slept == []


async def test_a_reset_beyond_the_header_bound_is_believed_only_that_long() -> None:
    """Two minutes is no window of Chime's: after MAX_HEADER_WAIT the API is asked again."""
    server = Server(ok({"message": "Too Many Requests"}, 429, {"X-RateLimit-Reset": "120000"}), ok({"id": 1}))
    client, fake = make_client(server, max_rate_limit_wait=25)
    async with client:
        with pytest.raises(errors.RateLimitedError) as caught:
            await client.call(catalog.team.GET_ME)
        assert caught.value.retry_after == pytest.approx(MAX_HEADER_WAIT)
        fake.now += MAX_HEADER_WAIT
        await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 2


async def test_429_again_and_again_gives_up_at_the_cap() -> None:
    server = Server(ok({"message": "Too Many Requests"}, 429, {"X-RateLimit-Reset": "20000"}))
    client, fake = make_client(server, max_rate_limit_wait=50)
    async with client:
        with pytest.raises(errors.RateLimitedError, match=r"Retry in \d+ s"):
            await client.call(catalog.team.GET_ME)
    assert sum(fake.slept) <= 50
    assert len(server.requests) == 3  # waited 20 s twice; a third wait would pass the cap


async def test_429_with_a_reset_in_the_past_does_not_spin() -> None:
    server = Server(ok("Too Many Requests", 429, {"X-RateLimit-Reset": str(int(WALL0) - 5)}))
    client, fake = make_client(server, max_rate_limit_wait=5)
    async with client:
        with pytest.raises(errors.RateLimitedError):
            await client.call(catalog.team.GET_ME)
    assert len(server.requests) <= 6
    assert all(s >= 1 for s in fake.slept)


async def test_connection_error_is_a_network_error() -> None:
    server = Server(httpx2.ConnectError("connection refused"))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.NetworkError, match=re.escape("Could not connect to https://api.chime.me")):
            await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 4  # 1 + 3 retries


async def test_timeout_is_a_timeout_error() -> None:
    server = Server(httpx2.ReadTimeout("slow"))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.ChimeTimeoutError, match="timed out") as caught:
            await client.call(catalog.team.GET_ME)
    assert "CHIME_TIMEOUT" in str(caught.value)
    assert isinstance(caught.value, errors.TransportError)
    assert len(server.requests) == 4


async def test_redirect_is_not_taken_for_a_result() -> None:
    server = Server(httpx2.Response(301, headers={"location": "https://elsewhere.example/"}))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.UnexpectedResponseError, match="HTTP 301"):
            await client.call(catalog.team.GET_ME)


# -- rate limits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reset",
    [
        str(int(WALL0) + 7),  # epoch seconds
        str(int(WALL0 * 1000) + 7000),  # epoch milliseconds
        "7000",  # milliseconds until reset
    ],
    ids=["epoch-s", "epoch-ms", "duration-ms"],
)
async def test_429_then_success_waits_for_the_reset_and_sends_the_write_once(reset: str) -> None:
    processed: list[Any] = []

    def accept(request: httpx2.Request) -> httpx2.Response:
        processed.append(json.loads(request.content))
        return ok({"leadId": 41}, headers={"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "9"})

    limited = ok({"message": "Too Many Requests"}, 429, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    server = Server(limited, accept)
    client, fake = make_client(server)
    async with client:
        result = await client.call(catalog.leads.CREATE_LEAD, body={"firstName": "Ann"})
    assert result.leadId == 41
    assert len(server.requests) == 2
    assert processed == [{"firstName": "Ann"}]  # exactly one write arrived
    assert fake.slept == [pytest.approx(7.0)]
    assert server.events == [
        ("request", "POST", "/v1.0/leads"),
        ("sleep", 7.0),
        ("request", "POST", "/v1.0/leads"),
    ]


async def test_retry_after_header_wins_over_reset() -> None:
    limited = ok("Too Many Requests", 429, {"Retry-After": "3", "X-RateLimit-Reset": "9000"})
    server = Server(limited, ok({"id": 1}))
    client, fake = make_client(server)
    async with client:
        await client.call(catalog.team.GET_ME)
    assert fake.slept == [pytest.approx(3.0)]


@pytest.mark.parametrize(
    "reset",
    [str(int(WALL0) + 5), str(int(WALL0 * 1000) + 5000), "5000"],
    ids=["epoch-s", "epoch-ms", "duration-ms"],
)
async def test_remaining_zero_pauses_before_sending(reset: str) -> None:
    spent = {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    server = Server(ok({"id": 1}, headers=spent), ok({"id": 1}))
    client, _ = make_client(server)
    async with client:
        await client.call(catalog.team.GET_ME)
        await client.call(catalog.team.GET_ME)
    assert server.events == [
        ("request", "GET", "/v1.0/me"),
        ("sleep", 5.0),
        ("request", "GET", "/v1.0/me"),
    ]


async def test_remaining_zero_with_a_far_reset_raises_without_sending() -> None:
    spent = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "600000"}
    server = Server(ok({"id": 1}, headers=spent))
    client, fake = make_client(server, max_rate_limit_wait=25)
    async with client:
        await client.call(catalog.team.GET_ME)
        with pytest.raises(errors.RateLimitedError, match="60 s"):  # bounded: 600 s is believed for 60
            await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 1
    assert fake.slept == []


class WindowServer:
    """A fixed-window rate limit of `limit` requests per `window` seconds of fake time."""

    def __init__(self, fake: FakeTime, limit: int, window: float = 60.0) -> None:
        self.fake, self.limit, self.window = fake, limit, window
        self.per_window: dict[int, int] = {}
        self.too_many = 0
        self.requests = 0

    async def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests += 1
        index = int(self.fake.now // self.window)
        used = self.per_window[index] = self.per_window.get(index, 0) + 1
        reset = str(int(WALL0 + (index + 1) * self.window))
        # Let other requests overtake this one, so answers come back out of order.
        for _ in range(self.requests % 3):
            await anyio.lowlevel.checkpoint()
        if used > self.limit:
            self.too_many += 1
            return ok({"message": "Too Many Requests"}, 429, {"X-RateLimit-Reset": reset})
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.limit - used),
            "X-RateLimit-Reset": reset,
        }
        return ok({"id": 1}, headers=headers)


async def test_concurrent_callers_sharing_one_budget_do_not_overspend_it() -> None:
    fake = FakeTime()
    window = WindowServer(fake, limit=3)
    budget = RateBudget(clock=fake.clock, wall_clock=fake.wall)
    settings = ClientSettings(Credential("api_key", CANARY), max_rate_limit_wait=1000)
    clients = [
        ChimeClient(settings, transport=httpx2.MockTransport(window), sleep=fake.sleep, budget=budget) for _ in range(2)
    ]
    results: list[Any] = []

    async def one(client: ChimeClient) -> None:
        results.append(await client.call(catalog.team.GET_ME))

    async with anyio.create_task_group() as tg:
        for i in range(10):
            tg.start_soon(one, clients[i % 2])
    for client in clients:
        await client.aclose()
    assert len(results) == 10
    assert window.too_many == 0
    assert window.requests == 10
    assert max(window.per_window.values()) <= 3
    assert budget.in_flight == 0


# -- retries ------------------------------------------------------------------------------------


async def test_post_that_got_503_is_not_retried() -> None:
    server = Server(ok({"message": "unavailable"}, 503), ok({"noteId": 1}))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.OutcomeUnknownError, match=r"HTTP 503.*may have been applied: check with list_notes"):
            await client.call(catalog.notes.ADD_NOTE, body=NOTE)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("tool", "params", "body", "success"),
    [
        ("get_note", {"noteId": 2}, None, ok({"id": 2})),
        ("update_note", {"noteId": 2}, NOTE, ok("ok")),
        ("delete_note", {"noteId": 2}, None, ok("ok")),
    ],
)
@pytest.mark.parametrize("status", [502, 503, 504])
async def test_get_put_delete_are_retried_after_a_gateway_error(
    tool: str, params: dict[str, Any], body: Any, success: httpx2.Response, status: int
) -> None:
    server = Server(ok({"message": "unavailable"}, status), ok({"message": "unavailable"}, status), success)
    client, fake = make_client(server)
    async with client:
        await client.call(BY_NAME[tool], params, body)
    assert len(server.requests) == 3
    assert len(fake.slept) == 2  # a backoff pause before each retry


PREVIEW = {"firstName": "Nina", "email": "nina@example.com"}


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_a_read_sent_as_post_is_retried_after_a_gateway_error(status: int) -> None:
    # The routing preview changes nothing: its effect, not its method, makes it safe to send again.
    answer = [{"firstName": "Nina", "customRoleAssignees": [{"assigneeId": 7, "role": "Agent"}]}]
    server = Server(ok({"message": "unavailable"}, status), ok(answer))
    client, fake = make_client(server)
    async with client:
        preview = await client.call(catalog.routing.PREVIEW_ROUTING, body=PREVIEW)
    assert [a.assigneeId for a in preview[0].customRoleAssignees or []] == [7]
    assert len(server.requests) == 2
    assert len(fake.slept) == 1


async def test_a_read_sent_as_post_is_retried_after_a_timeout() -> None:
    server = Server(httpx2.ReadTimeout("slow"), ok([]))
    client, _ = make_client(server)
    async with client:
        assert await client.call(catalog.routing.PREVIEW_ROUTING, body=PREVIEW) == []
    assert len(server.requests) == 2


async def test_get_retries_are_bounded() -> None:
    server = Server(ok({"message": "unavailable"}, 503))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.ServerError):
            await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 4


async def test_500_is_not_retried() -> None:
    server = Server(ok({"message": "bug"}, 500), ok({"id": 1}))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.ServerError):
            await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 1


@pytest.mark.parametrize("failure", [httpx2.ConnectError("refused"), httpx2.ConnectTimeout("no route")])
async def test_post_is_retried_after_a_failure_to_connect(failure: Exception) -> None:
    server = Server(failure, ok({"noteId": 3}))
    client, _ = make_client(server)
    async with client:
        result = await client.call(catalog.notes.ADD_NOTE, body=NOTE)
    assert result.noteId == 3
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "failure",
    [
        httpx2.ReadError("connection reset"),
        httpx2.RemoteProtocolError("server disconnected"),
        httpx2.ReadTimeout("slow"),
    ],
)
async def test_post_is_not_retried_once_it_may_have_arrived(failure: Exception) -> None:
    server = Server(failure, ok({"noteId": 3}))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.OutcomeUnknownError, match="may have been applied: check with list_notes before"):
            await client.call(catalog.notes.ADD_NOTE, body=NOTE)
    assert len(server.requests) == 1


@pytest.mark.parametrize("failure", [httpx2.ReadError("reset"), httpx2.ReadTimeout("slow")])
async def test_get_is_retried_after_a_read_error_or_timeout(failure: Exception) -> None:
    server = Server(failure, ok({"id": 1}))
    client, _ = make_client(server)
    async with client:
        await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 2


MALFORMED = text('{"leadId": 4', content_type="application/json")


async def test_malformed_json_on_a_get_is_retried() -> None:
    server = Server(MALFORMED, ok({"leadId": 4}))
    client, _ = make_client(server)
    async with client:
        lead = await client.call(catalog.leads.GET_LEAD, {"leadId": 4})
    assert lead.leadId == 4
    assert len(server.requests) == 2


async def test_malformed_json_on_a_post_is_still_a_success_without_an_id() -> None:
    server = Server(MALFORMED, ok({"leadId": 4}))
    client, _ = make_client(server)
    async with client:
        result = await client.call(catalog.leads.CREATE_LEAD, body={"firstName": "Ann"})
    assert result.leadId is None
    assert len(server.requests) == 1


# -- local refusals: nothing is sent ------------------------------------------------------------


@pytest.mark.parametrize("tool", ["create_lead", "update_note", "delete_note", "assign_lead", "create_webhook"])
async def test_read_only_refuses_changes_before_sending(tool: str) -> None:
    server = Server(ok({}))
    client, _ = make_client(server, read_only=True)
    async with client:
        with pytest.raises(errors.ReadOnlyError, match=tool):
            await client.call(BY_NAME[tool], {}, None)
        await client.call(catalog.team.GET_ME)  # reads still work
    assert [r.method for r in server.requests] == ["GET"]


@pytest.mark.parametrize(
    ("tool", "params", "body", "field"),
    [
        ("search_leads", {"limit": 0}, None, "limit"),
        ("search_leads", {"limit": 101}, None, "limit"),
        ("search_leads", {"nonsense": 1}, None, "nonsense"),
        ("get_lead", {}, None, "leadId"),
        ("list_routing_rules", {"type": 3}, None, "type"),
        ("add_note", {}, {"content": "no lead"}, "leadId"),
        ("create_task", {}, {**TASK, "type": "Fax"}, "type"),
        ("add_note", {}, None, "leadNote"),
        ("assign_lead", {"leadId": 1}, {"role": "Agent"}, "assigneeRequest"),
        (
            "assign_lead",
            {"leadId": 1},
            [{"assignee": "a@b.co", "role": "Agent"}, {"assignee": "a@b.co", "role": "Boss"}],
            "assigneeRequest[1].role",
        ),
        ("assign_lead", {"leadId": 1}, [{"role": "Agent"}], "assigneeRequest[0].assignee"),
        ("add_lead_property", {"leadId": 1}, {"bedrooms": 3}, "city"),
        ("get_me", {}, {"x": 1}, None),
    ],
)
async def test_local_validation_names_the_field_and_sends_nothing(
    tool: str, params: dict[str, Any], body: Any, field: str | None
) -> None:
    server = Server(ok({}))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(errors.InvalidInputError) as caught:
            await client.call(BY_NAME[tool], params, body)
    if field is not None:
        assert field in caught.value.fields
        assert field in str(caught.value)
    assert server.requests == []


async def test_path_values_are_encoded_as_one_segment() -> None:
    server = Server(ok({"id": 1}))
    client, _ = make_client(server)
    async with client:
        await client.call(catalog.team.GET_MEMBER, {"account": "a/b?c@x.com"})
    assert server.requests[0].url.raw_path == b"/v1.0/members/a%2Fb%3Fc@x.com"


# -- pagination ---------------------------------------------------------------------------------


def items(count: int, start: int = 0, key: str = "id") -> list[dict[str, int]]:
    return [{key: start + i} for i in range(count)]


def activities(count: int) -> list[dict[str, Any]]:
    return [{"type": "View", "text": f"Viewed {i}", "link": "l", "picture": "p", "created": i} for i in range(count)]


async def test_offset_pages_walk_to_a_short_page() -> None:
    server = Server(ok({"calls": items(2)}), ok({"calls": items(2, 2)}), ok({"calls": items(1, 4)}))
    client, _ = make_client(server)
    async with client:
        found = [c.id async for c in client.iterate(catalog.communication.LIST_CALL_HISTORY, {"leadId": 1, "limit": 2})]
    assert found == [0, 1, 2, 3, 4]
    assert [r.url.params["offset"] for r in server.requests] == ["0", "2", "4"]
    assert {r.url.params["limit"] for r in server.requests} == {"2"}


async def test_offset_pages_stop_at_the_total() -> None:
    def page(request: httpx2.Request) -> httpx2.Response:
        offset = int(request.url.params.get("offset", "0"))
        return ok({"_metadata": {"total": 4}, "calls": items(2, offset)})

    server = Server(page)
    client, _ = make_client(server)
    async with client:
        found = [c.id async for c in client.iterate(catalog.communication.SEARCH_CALLS, {"leadId": 1, "limit": 2})]
    assert found == [0, 1, 2, 3]
    assert len(server.requests) == 2


async def test_scroll_pages_follow_the_scroll_id() -> None:
    server = Server(
        ok({"_metadata": {"total": 5, "scrollId": "s1"}, "leads": items(2, 0, "leadId")}),
        ok({"_metadata": {"total": 5, "scrollId": "s2"}, "leads": items(2, 2, "leadId")}),
        ok({"_metadata": {"total": 5, "scrollId": "s3"}, "leads": items(1, 4, "leadId")}),
    )
    client, _ = make_client(server)
    async with client:
        found = [lead.leadId async for lead in client.iterate(catalog.leads.SEARCH_LEADS, {"limit": 2})]
    assert found == [0, 1, 2, 3, 4]
    assert [r.url.params.get("scrollId") for r in server.requests] == [None, "s1", "s2"]


async def test_scroll_pages_stop_at_the_total_without_an_empty_request() -> None:
    server = Server(
        ok({"_metadata": {"total": 4, "scrollId": "s1"}, "leads": items(2, 0, "leadId")}),
        ok({"_metadata": {"total": 4, "scrollId": "s2"}, "leads": items(2, 2, "leadId")}),
        ok({"_metadata": {"total": 4, "scrollId": "s3"}, "leads": []}),
    )
    client, _ = make_client(server)
    async with client:
        pages = [page async for page in client.pages(catalog.leads.SEARCH_LEADS, {"limit": 2})]
    assert len(pages) == 2
    assert len(server.requests) == 2


async def test_cur_page_pages() -> None:
    server = Server(ok(activities(100)), ok(activities(30)))
    client, _ = make_client(server)
    async with client:
        found = [a async for a in client.iterate(catalog.lead_details.LIST_LEAD_ACTIVITIES, {"leadId": 1})]
    assert len(found) == 130
    assert [r.url.params["curPage"] for r in server.requests] == ["0", "1"]


async def test_page_number_pages_follow_has_more() -> None:
    server = Server(
        ok({"hasMore": 1, "timeLines": items(2)}),
        ok({"hasMore": 1, "timeLines": items(2, 2)}),
        ok({"hasMore": 0, "timeLines": items(1, 4)}),
    )
    client, _ = make_client(server)
    async with client:
        found = [e.id async for e in client.iterate(catalog.sync.LIST_SYSTEM_LOGS, {"leadId": 1})]
    assert found == [0, 1, 2, 3, 4]
    assert [r.url.params["pageNumber"] for r in server.requests] == ["0", "1", "2"]


async def test_pages_stop_at_max_pages() -> None:
    def endless(request: httpx2.Request) -> httpx2.Response:
        return ok({"hasMore": 1, "timeLines": items(2)})

    server = Server(endless)
    client, _ = make_client(server)
    async with client:
        pages = [p async for p in client.pages(catalog.sync.LIST_SYSTEM_LOGS, {"leadId": 1}, max_pages=3)]
    assert len(pages) == 3
    assert len(server.requests) == 3


async def test_pages_refuses_an_unpaged_operation() -> None:
    client, _ = make_client(Server(ok({})))
    async with client:
        with pytest.raises(errors.InvalidInputError, match="not paged"):
            async for _ in client.pages(catalog.team.GET_ME):
                pass


# -- the credential never leaks -----------------------------------------------------------------


def leaks(value: object) -> bool:
    text = str(value)
    return "canary" in text or "SECRET" in text


ECHOES: list[httpx2.Response] = [
    ok(f"Invalid token {CANARY}", 400),
    ok({"code": 200058, "message": f"Bearer {CANARY} is not an API key"}, 400),
    ok({"message": f"token {CANARY} expired"}, 401),
    ok({"message": "x" * 285 + f" token {CANARY}"}, 400),  # the secret straddles the length cap
    text(f"forbidden for {CANARY}", 403),
    text("{" + "y" * 285 + f" {CANARY}", 400, "application/json"),  # malformed JSON error body
    ok({"message": f"no lead for {CANARY}"}, 404),
    ok({"message": f"overloaded {CANARY}"}, 503),
]


def _records(caplog: pytest.LogCaptureFixture) -> Iterator[str]:
    for record in caplog.records:
        yield record.getMessage()
        yield repr(record.args)
        if record.exc_text:
            yield record.exc_text


@pytest.mark.parametrize("kind", ["api_key", "access_token"])
async def test_canary_credential_appears_in_no_error_and_no_log(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    settings = ClientSettings(Credential(kind, CANARY), max_rate_limit_wait=30)  # type: ignore[arg-type]
    raised: list[errors.ChimeError] = []
    scripts: list[tuple[Server, str, dict[str, Any], Any]] = [
        *[(Server(echo), "get_note", {"noteId": 2}, None) for echo in ECHOES],
        (Server(ok("Too Many Requests", 429, {"X-RateLimit-Reset": "600000"})), "get_me", {}, None),
        (Server(httpx2.ConnectError(f"refused {CANARY}")), "get_me", {}, None),
        (Server(httpx2.ReadTimeout(f"slow {CANARY}")), "add_note", {}, NOTE),
        (Server(httpx2.ReadError(f"reset {CANARY}")), "update_note", {"noteId": 2}, NOTE),
        (Server(MALFORMED), "create_lead", {}, {"firstName": "Ann"}),
        (Server(ok({"message": "fine"}, 200)), "add_note", {}, {"leadId": 1, "content": CANARY}),
    ]
    answered: list[object] = []  # a 2xx write with an unreadable answer is a success without an id
    for server, tool, params, body in scripts:
        client, _ = make_client(server, settings=settings)
        async with client:
            try:
                answered.append(await client.call(BY_NAME[tool], params, body))
            except errors.ChimeError as failure:
                raised.append(failure)
    # A run with retries and a rate-limit wait that ends well.
    server = Server(
        ok("Too Many Requests", 429, {"X-RateLimit-Reset": "2000"}),
        ok({"message": "unavailable"}, 503),
        httpx2.ConnectError("refused"),
        ok({"id": 1}),
    )
    client, _ = make_client(server, settings=settings)
    async with client:
        await client.call(catalog.team.GET_ME)
    assert len(server.requests) == 4

    assert len(raised) == len(scripts) - 2 and len(answered) == 2
    assert not any(leaks(repr(result)) for result in answered)
    for exc in raised:
        assert not leaks(exc), exc
        assert not leaks(repr(exc)), repr(exc)
        assert not leaks(exc.message)
        assert exc.__cause__ is None or not leaks(exc.__cause__)
    assert caplog.records, "the run should have logged its retries"
    for line in _records(caplog):
        assert not leaks(line), line


async def test_a_5xx_on_a_post_says_to_check_before_retrying() -> None:
    server = Server(httpx2.Response(502, json={"message": "Bad Gateway"}))
    client, _ = make_client(server)
    async with client:
        with pytest.raises(
            errors.OutcomeUnknownError, match="may have been applied: check with list_notes before retrying"
        ):
            await client.call(catalog.notes.ADD_NOTE, body={"leadId": 1, "content": "hi"})
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("tool", "body"),
    [
        ("find_listings", {"searchScope": "my"}),
        ("search_agent_communications", {"startTime": "2026-06-15T00:00:00Z", "endTime": "2026-06-15T12:00:00Z"}),
    ],
)
async def test_the_published_reads_sent_as_post_are_retried(tool: str, body: dict[str, Any]) -> None:
    # The v2 listing search and the v1 agent communications search change nothing (issue 14).
    server = Server(ok({"message": "unavailable"}, 503), ok({}))
    client, _ = make_client(server)
    async with client:
        await client.call(BY_NAME[tool], body=body)
    assert len(server.requests) == 2
    sent = json.loads(server.requests[-1].content)
    if tool == "search_agent_communications":  # times go out as epoch ms, all kinds, one page of 1,000
        assert sent == {"type": "ALL", "startTime": 1781481600000, "endTime": 1781524800000, "limit": 1000}
