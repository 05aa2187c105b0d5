"""How the client treats the answers of the team-administration and AI operations: refusals sent
as HTTP 200 with a code, an AI job that must not be started twice, AI reads sent as POST."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from tests.support.clocks import FakeClock

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _client(*answers: httpx2.Response) -> tuple[ChimeClient, list[httpx2.Request]]:
    sent: list[httpx2.Request] = []
    script = list(answers)

    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return script.pop(0) if len(script) > 1 else script[0]

    clock = FakeClock()
    settings = ClientSettings(Credential("api_key", "k"))
    client = ChimeClient(settings, transport=httpx2.MockTransport(answer), sleep=clock.sleep, budget=clock.budget())
    return client, sent


def ok(body: Any, status: int = 200) -> httpx2.Response:
    return httpx2.Response(status, json=body)


async def test_a_deactivation_refused_with_http_200_and_a_code_is_an_error() -> None:
    client, _ = _client(ok({"code": 990105, "message": "The agent is already deactivated"}))
    async with client:
        with pytest.raises(errors.InvalidRequestError, match="already deactivated") as caught:
            await client.call(catalog.admin.DEACTIVATE_AGENT, {"agentId": 7})
    assert caught.value.code == 990105


async def test_create_agent_reads_its_error_code_envelope() -> None:
    body = {
        "accountType": 1,
        "accountInfo": {"firstName": "N", "lastName": "P", "emailAddress": "n@x.test", "phoneNumber": "1"},
    }
    client, _ = _client(
        ok({"data": 0, "errorCode": 20012, "errorMsg": "emailAddress: taken"}), ok({"data": 42, "errorCode": 0})
    )
    async with client:
        with pytest.raises(errors.InvalidRequestError, match="emailAddress: taken"):
            await client.call(catalog.admin.CREATE_AGENT, body=body)
        created = await client.call(catalog.admin.CREATE_AGENT, body=body)
    assert (created.data, created.code) == (42, 0)


async def test_starting_a_call_summary_is_never_sent_twice() -> None:
    # A gateway error after the job may have started: say so, do not start a second one.
    client, sent = _client(ok({"message": "unavailable"}, 503), ok({"message": "Operation successful"}))
    async with client:
        with pytest.raises(errors.OutcomeUnknownError):
            await client.call(catalog.ai.GENERATE_CALL_SUMMARY, body={"callRecordId": 1, "leadId": 2})
    assert len(sent) == 1


async def test_an_ai_read_sent_as_post_is_retried_after_a_gateway_error() -> None:
    client, sent = _client(ok({"message": "unavailable"}, 503), ok({"context": "Bob Li, Active Buyer"}))
    async with client:
        script = await client.call(catalog.ai.GENERATE_CALL_SCRIPT, body={"leadId": 1, "taskId": 2})
    assert script.context == "Bob Li, Active Buyer"
    assert len(sent) == 2
