"""The HTTP edge decides by address, not by spelling (server/http.py, issue 12 item 5).

Real `chime-mcp serve --transport http` processes bound on loopback spellings the SDK's own
allow-list does not know (127.0.0.2, 0:0:0:0:0:0:0:1) refuse a foreign Host or Origin (what a
DNS-rebinding web page sends) and serve the right one; a weak token off loopback stops the start.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from mcp import Client

from chime_mcp import cli
from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server.app import build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.http import MIN_TOKEN_LENGTH, BindAddress, http_app, is_loopback
from tests.support.processes import free_port, wait_listening

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
}
MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


LOOPBACK_SPELLINGS = ["127.0.0.1", "127.0.0.2", "127.255.255.254", "127.1", "::1", "[::1]", "0:0:0:0:0:0:0:1"]


@pytest.mark.parametrize("host", [*LOOPBACK_SPELLINGS, "::ffff:127.0.0.1", "localhost", "LOCALHOST"])
def test_every_loopback_spelling_is_loopback(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "0", "192.168.1.5", "10.0.0.1", "128.0.0.1", "::ffff:10.0.0.1", "example.com", ""]
)
def test_other_addresses_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


@pytest.mark.parametrize(
    ("given", "bound"),
    [
        ("127.0.0.2", "127.0.0.2"),
        ("127.1", "127.0.0.1"),  # read as the OS reads it
        ("[::1]", "::1"),  # brackets are URL syntax, not part of the address
        ("0:0:0:0:0:0:0:1", "::1"),
        ("::ffff:127.0.0.1", "127.0.0.1"),  # a v4-mapped address reaches (and is bound as) its IPv4 address
        ("localhost", "localhost"),
        ("0.0.0.0", "0.0.0.0"),
    ],
)
def test_the_bind_address_is_the_parsed_one(given: str, bound: str) -> None:
    assert BindAddress.parse(given).host == bound


def _family_available(host: str) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family) as sock:
            sock.bind((host, 0))
    except OSError:
        return False
    return True


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    return {**env, **extra}


@dataclass
class Served:
    host: str
    port: int

    @property
    def authority(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.authority}/mcp"


@pytest.fixture(scope="module", params=["127.0.0.2", "0:0:0:0:0:0:0:1"])
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    host: str = request.param
    if not _family_available(host):
        pytest.skip(f"{host} cannot be bound on this machine (no IPv6 loopback?)")
    port = free_port(host)
    process = subprocess.Popen(
        [CHIME_MCP, "serve", "--sandbox", "--transport", "http", "--host", host, "--port", str(port)],
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_listening(process, host, port, f"the server on {host}")
        yield Served(host, port)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
        assert out == b"", "nothing may be written to stdout"


async def _initialize(served: Served, **headers: str) -> httpx2.Response:
    async with httpx2.AsyncClient(timeout=10) as http:
        return await http.post(served.url, json=INITIALIZE, headers={**MCP_HEADERS, **headers})


async def test_a_client_of_the_bound_address_is_served(served: Served) -> None:
    async with Client(served.url) as client:
        result = await client.call_tool("search_leads", {"query": "bob"})
    assert not result.is_error
    same_origin = await _initialize(served, Origin=f"http://{served.authority}")
    assert same_origin.status_code == 200, same_origin.text


@pytest.mark.parametrize(
    "foreign",
    [
        "evil.example:{port}",  # a DNS-rebinding page: its own name, resolved to loopback
        "evil.example",
        "127.0.0.1:{port}",  # another loopback address than the one bound
        "{authority_without_port}:1",  # the right address, another port
        "",
    ],
)
async def test_a_foreign_host_is_refused(served: Served, foreign: str) -> None:
    bare = served.authority.rsplit(":", 1)[0]
    host = foreign.format(port=served.port, authority_without_port=bare)
    answer = await _initialize(served, Host=host)
    assert answer.status_code == 421
    error = answer.json()["error"]
    assert "DNS rebinding" in error and f":{served.port}/mcp" in error


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example:{port}", "http://evil.example", "null", "http://{bare}:1", "http://127.0.0.3:{port}"],
)
async def test_a_foreign_origin_is_refused(served: Served, origin: str) -> None:
    bare = served.authority.rsplit(":", 1)[0]
    answer = await _initialize(served, Origin=origin.format(port=served.port, bare=bare))
    assert answer.status_code == 403
    assert "own origin" in answer.json()["error"]


async def test_another_spelling_of_the_bound_address_is_the_same_host(served: Served) -> None:
    other = {"127.0.0.2": "127.0.0.2", "0:0:0:0:0:0:0:1": "[::1]"}[served.host]
    answer = await _initialize(served, Host=f"{other}:{served.port}", Origin=f"http://{other}:{served.port}")
    assert answer.status_code == 200, answer.text
    assert json.loads(answer.text.split("data: ", 1)[-1])["result"]["serverInfo"]


def _start_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], token: str | None, host: str = "0.0.0.0"
) -> str:
    for key in [k for k in os.environ if k.startswith("CHIME_")]:
        monkeypatch.delenv(key)
    if token is not None:
        monkeypatch.setenv("CHIME_MCP_HTTP_TOKEN", token)
    code = cli.main(["serve", "--sandbox", "--transport", "http", "--host", host, "--port", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    return err


@pytest.mark.parametrize("token", [None, "", " ", "  \t ", "short-but-set", "x" * (MIN_TOKEN_LENGTH - 1) + "   "])
def test_a_missing_or_short_token_off_loopback_stops_the_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], token: str | None
) -> None:
    err = _start_error(monkeypatch, capsys, token)
    assert "CHIME_MCP_HTTP_TOKEN" in err
    if token and token.strip():
        assert "at least 32" in err and token.strip() not in err  # the weak token is not echoed
    suggested = re.search(r"freshly generated one: (\S+)", err)
    assert suggested and len(suggested.group(1)) >= MIN_TOKEN_LENGTH
    # The suggestion is fresh each time, and is accepted as it is.
    again = re.search(r"freshly generated one: (\S+)", _start_error(monkeypatch, capsys, token))
    assert again and again.group(1) != suggested.group(1)
    http_app(build_server(ServerConfig(sandbox=True)), host="0.0.0.0", token=suggested.group(1))


def test_a_short_token_is_refused_on_loopback_too() -> None:
    server = build_server(ServerConfig(sandbox=True))
    with pytest.raises(ConfigurationError, match="at least 32"):
        http_app(server, host="127.0.0.2", token="short")
    http_app(server, host="127.0.0.2", token=" ")  # blank is no token; loopback needs none


async def test_a_long_token_is_checked_in_full_and_trimmed() -> None:
    token = "k" * 40
    app = http_app(build_server(ServerConfig(sandbox=True)), host="0.0.0.0", token=f" {token}\n")
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://192.0.2.1:8000") as http:
        for wrong in ("", f"Bearer {token[:-1]}", f"Bearer {token}x", f"token {token}"):
            answer = await http.post("/mcp", json=INITIALIZE, headers={**MCP_HEADERS, "Authorization": wrong})
            assert answer.status_code == 401, wrong
