"""A hostile or broken API on a loopback stub (issue 13, items 1-3): hostile bytes in answers,
poisoned rate-limit headers, a request that hangs. Real sockets, real processes where it matters."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import MAX_HEADER_WAIT, RateBudget
from tests.support.clocks import FakeClock
from tests.support.processes import free_port, wait_listening
from tests.support.results import text_of
from tests.support.stub_api import HANG, Canned, Route, stub_api

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")
LONE = b'"Bo\\ud800b \\udfff"'
"""A JSON text with two lone surrogates (half a UTF-16 pair each), as the wire carries them."""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _lead(name: bytes) -> bytes:
    return b'{"leadId": 1, "firstName": ' + name + b', "lastName": "Li", "stage": "New"}'


def _env(base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    return env | {"CHIME_API_KEY": "stub-key", "CHIME_BASE_URL": base_url}


async def test_a_lone_surrogate_in_an_answer_does_not_kill_the_stdio_server() -> None:
    routes = {
        "/v1.0/leads/1": Canned(200, _lead(LONE)),
        "/v1.0/notes/5": Canned(404, b'{"code": 1, "message": "note \\ud800 gone"}'),
        "/v1.0/leads/2": Canned(200, _lead(b'"Ann"')),
    }
    with stub_api(routes) as api:
        params = StdioServerParameters(command=CHIME_MCP, args=["serve"], env=_env(api.url))
        async with Client(params, mode="legacy") as client:
            with anyio.fail_after(20):
                lead = await client.call_tool("get_lead", {"leadId": 1})
                note = await client.call_tool("get_note", {"noteId": 5})
                after = await client.call_tool("get_lead", {"leadId": 2})
    assert not lead.is_error, text_of(lead)
    assert "Bo\ufffdb \ufffd" in text_of(lead)
    assert (lead.structured_content or {})["firstName"] == "Bo\ufffdb \ufffd"
    assert note.is_error and "note \ufffd gone" in text_of(note)
    assert not after.is_error and "Ann" in text_of(after), "the process still serves after both"


async def test_a_lone_surrogate_over_http_gets_a_real_answer() -> None:
    with stub_api({"/v1.0/leads/1": Canned(200, _lead(LONE))}) as api:
        port = free_port()
        process = subprocess.Popen(
            [CHIME_MCP, "serve", "--transport", "http", "--port", str(port)],
            env=_env(api.url),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_listening(process, "127.0.0.1", port, "the server")
            async with Client(f"http://127.0.0.1:{port}/mcp", mode="legacy") as client:
                with anyio.fail_after(20):
                    lead = await client.call_tool("get_lead", {"leadId": 1})
        finally:
            process.terminate()
            process.communicate(timeout=10)
    assert not lead.is_error, text_of(lead)
    assert "Bo\ufffdb" in text_of(lead)


async def test_answers_are_valid_unicode_wherever_the_surrogate_is() -> None:
    body = b'{"leads": [{"leadId": 1, "firstName": "\\udc00", "tags": ["a\\ud83d"], "\\ud800k": 1}]}'
    with stub_api({"/v1.0/leads": Canned(200, body)}) as api:
        settings = ClientSettings(Credential("api_key", "k"), base_url=api.url, timeout=5)
        async with ChimeClient(settings, budget=RateBudget()) as client:
            raw = await client.request(catalog.leads.SEARCH_LEADS, {})
    json.dumps(raw, ensure_ascii=False).encode()  # would raise UnicodeEncodeError on a surrogate
    assert raw["leads"][0]["firstName"] == "\ufffd"
    assert raw["leads"][0]["tags"] == ["a\ufffd"]
    assert "\ufffdk" in raw["leads"][0]


async def test_a_true_pair_and_bad_utf8_bytes_read_as_text() -> None:
    body = b'{"leadId": 1, "firstName": "\\ud83d\\ude00 \xff", "lastName": "Li"}'
    with stub_api({"/v1.0/leads/1": Canned(200, body)}) as api:
        settings = ClientSettings(Credential("api_key", "k"), base_url=api.url, timeout=5)
        async with ChimeClient(settings, budget=RateBudget()) as client:
            lead = await client.call(catalog.leads.GET_LEAD, {"leadId": 1})
    assert lead.firstName == "\U0001f600 \ufffd"


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "inf"},
        {"Retry-After": "nan", "X-RateLimit-Reset": "inf"},
        {"Retry-After": "1e308"},
        {"Retry-After": "-7"},
        {"Retry-After": "soon", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "99999999999999999"},
        {"X-RateLimit-Limit": "nan", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1e999"},
    ],
)
async def test_a_poisoned_429_is_read_bounded_and_the_api_is_asked_again(headers: dict[str, str]) -> None:
    """One 429 with a hostile Retry-After / Reset: a clear rate-limited error with a finite wait,
    and once that wait is over the next call goes to the API again (not blocked until restart)."""
    fake = FakeClock()
    limited = Canned(429, b'{"message": "Too Many Requests"}', headers)
    with stub_api({"/v1.0/leads/1": limited}) as api:
        settings = ClientSettings(Credential("api_key", "k"), base_url=api.url, timeout=5, max_rate_limit_wait=25)
        async with ChimeClient(settings, budget=fake.budget(), sleep=fake.sleep) as client:
            with pytest.raises(errors.RateLimitedError) as caught:
                await client.call(catalog.leads.GET_LEAD, {"leadId": 1})
            assert 1 <= caught.value.retry_after <= MAX_HEADER_WAIT
            assert re.search(r"Retry in \d+ s", str(caught.value))
            fake.now += caught.value.retry_after
            api.routes["/v1.0/leads/1"] = Canned(200, _lead(b'"Ann"'))
            lead = await client.call(catalog.leads.GET_LEAD, {"leadId": 1})
    assert lead.firstName == "Ann"
    assert fake.total_slept <= 25
    assert api.paths.count("/v1.0/leads/1") >= 2


async def test_a_hanging_first_request_does_not_hold_up_other_calls() -> None:
    """Before any answer has said what the budget is, a request that hangs (through all its
    retries) must not keep unrelated calls waiting."""
    routes: dict[str, Route] = {"/v1.0/leads/1": HANG, "/v1.0/me": Canned(200, b'{"id": 9, "firstName": "Ann"}')}
    with stub_api(routes) as api:
        settings = ClientSettings(Credential("api_key", "k"), base_url=api.url, timeout=2)
        async with ChimeClient(settings, budget=RateBudget(), backoff=0.1) as client:
            done: dict[str, float] = {}
            began = time.monotonic()

            async def slow() -> None:
                try:
                    await client.call(catalog.leads.GET_LEAD, {"leadId": 1})
                except Exception as exc:  # the timeout after retries
                    done["slow"] = time.monotonic() - began
                    done["slow error"] = 0.0 if "timed out" in str(exc) else -1.0

            async def quick() -> None:
                await anyio.sleep(0.2)  # the hanging request goes first
                me = await client.call(catalog.team.GET_ME)
                assert me.firstName == "Ann"
                done["quick"] = time.monotonic() - began

            with anyio.fail_after(30):
                async with anyio.create_task_group() as group:
                    group.start_soon(slow)
                    group.start_soon(quick)
    assert done["quick"] < 4, done  # held through the retries, it took 8-9 s
    assert done["slow"] > 6 and done["slow error"] == 0.0, done
