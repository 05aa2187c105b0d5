"""The credential never leaks (issue 7): not in a tool result, an error, a log line, an audit line
or CLI output.

These tests run with the canary (`CANARY_API_KEY`) as the credential, through every surface:
every tool and resource of an in-process server (results, errors, faults, a refused key), an API
that echoes the key back in its error bodies, the audit log file, and the `chime-mcp call`,
`doctor` and stdio `serve` processes. Their outputs are checked here; on top, the autouse
`no_canary_leaks` fixture (conftest.py) fails any test whose captured logs or stdout/stderr
contain the canary (tests.support.canary), so log lines are covered without each test
collecting them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp import Client, StdioServerParameters

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import Sandbox, SandboxConfig, create_app
from chime_mcp.sandbox.demo import DEFAULT_NOW
from chime_mcp.sandbox.faults import Faults
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.canary import CANARY_API_KEY as CANARY

pytestmark = pytest.mark.anyio

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")
BOB = 600000000000050


def test_the_canary_is_the_one_the_fixture_watches(canary_api_key: str) -> None:
    assert canary_api_key == CANARY


def dump(result: Any) -> str:
    """Everything a client receives in a result, as text."""
    if hasattr(result, "model_dump"):
        return json.dumps(result.model_dump(mode="json"), ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False, default=str)


def assert_clean(what: str, text: str) -> None:
    assert CANARY not in text, f"the credential leaked in {what}: {text[:500]}"


def _plausible(schema: dict[str, Any]) -> Any:
    """A simple valid-looking value: enough to get each tool to make its API call."""
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "integer":
        return max(BOB, int(schema.get("minimum", 1))) if "maximum" not in schema else schema.get("minimum", 1)
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object":
        return {}
    return "x"


async def _exercise(client: Client, tools: list[Any] | None = None) -> list[str]:
    """Call every tool (or `tools`) with its required arguments only, and (without `tools`) every
    resource and prompt; return what came back."""
    seen: list[str] = []
    listed = (await client.list_tools()).tools if tools is None else tools
    # Deletes last: with confirmation off, delete_lead would put Bob in the trash.
    for tool in sorted(listed, key=lambda t: t.name.startswith("delete_")):
        schema = tool.input_schema
        arguments = {name: _plausible(schema["properties"][name]) for name in schema.get("required", [])}
        seen.append(f"{tool.name}: " + dump(await client.call_tool(tool.name, arguments)))
    if tools is not None:
        return seen
    for resource in (await client.list_resources()).resources:
        try:
            seen.append(dump(await client.read_resource(resource.uri)))
        except Exception as exc:  # a resource error is an MCP error: its text is what leaks
            seen.append(f"{resource.uri}: {exc}")
    for uri in (f"chime://leads/{BOB}", f"chime://leads/{BOB}/timeline", "chime://leads/123"):
        try:
            seen.append(dump(await client.read_resource(uri)))
        except Exception as exc:
            seen.append(f"{uri}: {exc}")
    for prompt in (await client.list_prompts()).prompts:
        arguments = {a.name: "Bob Li" for a in prompt.arguments or [] if a.required}
        try:
            seen.append(dump(await client.get_prompt(prompt.name, arguments)))
        except Exception as exc:
            seen.append(f"{prompt.name}: {exc}")
    return seen


@asynccontextmanager
async def canary_server(
    factory: Callable[[], ChimeClient], tmp_path: Path, **config: Any
) -> AsyncIterator[tuple[Client, Path]]:
    audit = tmp_path / "audit.jsonl"
    settings = ServerConfig(toolsets=TOOLSETS, audit_log=audit, **{"confirm": "off", **config})
    server = build_server(settings, backend=ClientBackend(factory))
    async with Client(server) as client:
        yield client, audit


async def test_no_tool_resource_or_prompt_shows_the_key(tmp_path: Path) -> None:
    box = Sandbox(SandboxConfig(seed=7, now=DEFAULT_NOW, api_key=CANARY))
    app = create_app(sandbox=box)
    async with canary_server(lambda: sandbox_client(app, backoff=0.001), tmp_path) as (client, audit):
        write = await client.call_tool("add_note", {"leadId": BOB, "content": "called back"})
        assert not write.is_error
        seen = [dump(write), *await _exercise(client)]
        # Faults: every error path of the client.
        tools = [t for t in (await client.list_tools()).tools if t.name in ("get_lead", "add_note", "update_lead")]
        for faults in (
            Faults(error_rate=1.0),
            Faults(drop_rate=1.0),
            Faults(malformed_rate=1.0),
            Faults(hang_rate=1.0, hang_seconds=0.2),
        ):
            box.set_faults(faults)
            seen += await _exercise(client, tools)
        box.set_faults()
        # The key stops working (revoked): 401 everywhere.
        box.config.api_key = "another-key"
        seen += await _exercise(client, tools)
    for text in seen:
        assert_clean("a tool result", text)
    assert audit.exists() and audit.read_text().strip(), "the writes were audited"
    assert_clean("the audit log", audit.read_text())
    box.close()


async def test_gated_tools_do_not_show_the_key(tmp_path: Path) -> None:
    """The confirmation gate's previews, approval pages and tokens (a client without elicitation)."""
    box = Sandbox(SandboxConfig(seed=7, now=DEFAULT_NOW, api_key=CANARY))
    app = create_app(sandbox=box)
    async with canary_server(lambda: sandbox_client(app, backoff=0.001), tmp_path, confirm="auto") as (client, _):
        pending = await client.call_tool("delete_lead", {"leadId": BOB, "reason": "duplicate"})
        link = (pending.structured_content or {})["approval"]["url"]
        assert_clean("a confirmation preview", dump(pending))
        async with httpx2.AsyncClient() as http:
            assert_clean("an approval page", (await http.get(link)).text)
    sub = tmp_path / "token"
    sub.mkdir()
    async with canary_server(lambda: sandbox_client(app, backoff=0.001), sub, confirm="token") as (client, _):
        pending = await client.call_tool("delete_lead", {"leadId": BOB, "reason": "duplicate"})
        assert "confirmationToken" in dump(pending)
        assert_clean("a confirmation token preview", dump(pending))
    box.close()


# -- an API that echoes the key back ----------------------------------------------------------


def echo_api() -> Callable[[Any, Any, Any], Awaitable[None]]:
    """An ASGI app answering every request with an error that quotes the Authorization header,
    in each of the live API's error shapes, in turn."""
    shapes: list[tuple[int, Callable[[str], bytes], str]] = [
        (401, lambda auth: json.dumps({"message": f"Invalid credential: {auth}"}).encode(), "application/json"),
        (400, lambda auth: json.dumps(f"Bad request from {auth}").encode(), "application/json"),
        (
            400,
            lambda auth: json.dumps({"code": 200058, "message": f"{auth} is not a token"}).encode(),
            "application/json",
        ),
        (403, lambda auth: f"forbidden: {auth}".encode(), "text/plain"),
        (404, lambda auth: json.dumps({"message": f"no such record for {auth}"}).encode(), "application/json"),
        (500, lambda auth: json.dumps({"code": 1, "message": f"NullPointer at {auth}"}).encode(), "application/json"),
        (503, lambda auth: ("{" + f'"message": "down for {auth}').encode(), "application/json"),
        (429, lambda auth: json.dumps({"message": f"Too Many Requests ({auth})"}).encode(), "application/json"),
    ]
    turn = 0

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal turn
        if scope["type"] != "http":
            return
        auth = dict(scope["headers"]).get(b"authorization", b"").decode()
        status, body, content_type = shapes[turn % len(shapes)]
        turn += 1
        headers = [(b"content-type", content_type.encode()), (b"x-ratelimit-reset", b"50")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body(auth)})

    return app


async def test_an_api_echoing_the_key_does_not_leak_it(
    serve_live: Callable[[Any], str], tmp_path: Path, virtual_clock: Any
) -> None:
    base_url = serve_live(echo_api())
    for kind in ("api_key", "access_token"):

        def factory(kind: Any = kind) -> ChimeClient:
            settings = ClientSettings(Credential(kind, CANARY), base_url=base_url, timeout=2, max_rate_limit_wait=2)
            budget = RateBudget(clock=virtual_clock.monotonic)
            return ChimeClient(settings, budget=budget, sleep=virtual_clock.sleep, backoff=0.001)

        async with canary_server(factory, tmp_path, confirm="auto") as (client, audit):
            # The shapes take turns request by request, so every shape meets many tools.
            seen = await _exercise(client)
        for text in seen:
            assert_clean("a tool result", text)
        assert_clean("the audit log", audit.read_text())


# -- the command line -----------------------------------------------------------------------


def _env(base_url: str, audit: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    env.update(
        CHIME_API_KEY=CANARY,
        CHIME_BASE_URL=base_url,
        CHIME_TIMEOUT="3",
        CHIME_MCP_AUDIT_LOG=str(audit),
        CHIME_MCP_TOOLSETS="all",
        # doctor tries only the configured (loopback) URL; the dead proxy is a second guard, so a
        # test run never sends even a fake key over the internet.
        HTTPS_PROXY="http://127.0.0.1:9",
        NO_PROXY="127.0.0.1,localhost",
        **extra,
    )
    return env


async def _run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    completed = await anyio.run_process([CHIME_MCP, *args], env=env, check=False, stdin=subprocess.DEVNULL)
    return completed.returncode, completed.stdout.decode() + completed.stderr.decode()


async def test_cli_output_and_audit_log_hold_no_key(
    canary_live_sandbox: Any, serve_live: Callable[[Any], str], tmp_path: Path
) -> None:
    # One loopback server: the sandbox at /, an API that quotes the key in its errors at /echo.
    sandbox_app, echo = create_app(sandbox=canary_live_sandbox.sandbox), echo_api()

    async def both(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/echo/"):
            scope = {**scope, "path": scope["path"].removeprefix("/echo"), "root_path": ""}
            await echo(scope, receive, send)
        else:
            await sandbox_app(scope, receive, send)

    base_url = serve_live(both)
    env = _env(base_url, tmp_path / "audit.jsonl")
    echo_env = _env(base_url + "/echo", tmp_path / "echo-audit.jsonl")
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "call get_lead": (["call", "get_lead", "--arg", f"leadId={BOB}"], env),
        "call add_note": (["call", "add_note", "--arg", f"leadId={BOB}", "--arg", "content=left a voicemail"], env),
        "call get_lead (not found)": (["call", "get_lead", "--arg", "leadId=123", "--structured"], env),
        "doctor": (["doctor"], env),
        "call add_note (echoing API)": (
            ["call", "add_note", "--arg", f"leadId={BOB}", "--arg", "content=hi"],
            echo_env,
        ),
        "doctor (echoing API)": (["doctor"], echo_env),
    }
    runs: dict[str, tuple[int, str]] = {}

    async def run(name: str) -> None:
        args, environment = commands[name]
        runs[name] = await _run(args, environment)

    # Concurrently: each process spends ~1 s importing the MCP SDK.
    async with anyio.create_task_group() as group:
        for name in commands:
            group.start_soon(run, name)
    assert runs["call get_lead"][0] == 0 and "Bob" in runs["call get_lead"][1], runs["call get_lead"]
    assert runs["call add_note"][0] == 0, runs["call add_note"]
    assert "works" in runs["doctor"][1], runs["doctor"]
    assert runs["call add_note (echoing API)"][0] != 0 and runs["doctor (echoing API)"][0] != 0
    for name, (_, output) in runs.items():
        assert_clean(f"the output of chime-mcp {name}", output)
    for audit in (Path(env["CHIME_MCP_AUDIT_LOG"]), Path(echo_env["CHIME_MCP_AUDIT_LOG"])):
        assert "add_note" in audit.read_text()
        assert_clean(f"the audit log {audit.name}", audit.read_text())


async def test_stdio_server_logs_hold_no_key(canary_live_sandbox: Any, tmp_path: Path) -> None:
    """`chime-mcp serve` over stdio: its stderr (logs) goes to this test's captured stderr, which
    `no_canary_leaks` reads; the results are checked here."""
    env = _env(canary_live_sandbox.base_url, tmp_path / "audit.jsonl", CHIME_MCP_CONFIRM="off")
    params = StdioServerParameters(command=CHIME_MCP, args=["serve"], env=env)
    async with Client(params, mode="legacy") as client:
        found = await client.call_tool("search_leads", {"query": "bob li"})
        assert "Bob" in dump(found)
        seen = [dump(found)]
        # A 500 is not retried: no backoff waits in the subprocess.
        canary_live_sandbox.sandbox.set_faults(error_rate=1.0, error_status=500)
        seen.append(dump(await client.call_tool("get_lead", {"leadId": BOB})))
        canary_live_sandbox.sandbox.set_faults()
        seen.append(dump(await client.call_tool("get_lead", {"leadId": 123})))
        seen.append(dump(await client.call_tool("add_note", {"leadId": BOB, "content": "texted"})))
    for text in seen:
        assert_clean("a stdio tool result", text)
