"""Fuzz every tool with arbitrary JSON arguments through a real MCP client (issue 7).

What must hold, whatever the model sends:
- the answer is a result, never a crash: an error is a ToolError with its own text, not the SDK's
  bare "Error executing tool X" (what an unhandled exception becomes), and never a traceback;
- a validation failure names a field the call was about;
- the server keeps serving: a known-good call succeeds after the fuzzing.

Arguments are drawn from each tool's own inputSchema, mixed with junk: wrong types, huge and
negative ints, unknown fields, unicode, empty strings, nested junk, missing required fields, and
ids that exist in the sandbox (so deep paths are reached, not just "not found").

One server and one MCP session serve the whole module (building a server with every toolset
costs ~0.2 s, times 64 tools): they live in a blocking portal's event loop, and the sync
hypothesis tests call into it.

Examples per tool: 15 by default (CI); `CHIME_FUZZ_EXAMPLES=200` or `HYPOTHESIS_PROFILE=thorough`
for a deeper run. CI runs derandomized, so a failure reproduces.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import anyio
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp import Client
from mcp_types import CallToolResult

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import Sandbox, SandboxConfig, create_app
from chime_mcp.sandbox.demo import DEFAULT_NOW
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.sandbox.limiter import RateLimit
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.specs import all_tool_specs

_THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
EXAMPLES = int(os.environ.get("CHIME_FUZZ_EXAMPLES") or (200 if _THOROUGH else 15))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # calls go through a real MCP session: timing varies, and is not the point
    derandomize=not _THOROUGH,  # CI: the same examples every run, so a failure reproduces
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,  # nothing written to .hypothesis/ (pytest runs with -p no:cacheprovider too)
)
CALL_TIMEOUT = 20.0
"""No fuzzed call may take longer than this (a hang is a failure too)."""

SPECS = {spec.name: spec for spec in all_tool_specs()}
TOOL_NAMES = sorted(SPECS)

_CRASH = re.compile(r"^Error executing tool \w+(: Error executing tool \w+)*$")
"""The SDK's text for an unhandled exception: no detail at all."""
_INTERNAL = re.compile(r"internal error", re.IGNORECASE)
_VALIDATION = re.compile(r"validation error|fix these arguments|Invalid arguments|INVALID_PARAMETER|LIMIT_NOT_VALID")


# -- one server for the module --------------------------------------------------------------


@dataclass
class FuzzServer:
    portal: BlockingPortal
    client: Client
    sandbox: Sandbox
    schemas: dict[str, dict[str, Any]]
    ids: list[int]
    """Ids that exist in the sandbox, so fuzzed ids sometimes hit real records."""

    def call(self, tool: str, arguments: dict[str, Any]) -> CallToolResult:
        async def run() -> CallToolResult:
            with anyio.fail_after(CALL_TIMEOUT):
                return await self.client.call_tool(tool, arguments)

        return self.portal.call(run)


def _real_ids(box: Sandbox) -> list[int]:
    state = box.state
    ids: list[int] = [state.me_id]
    for table in (state.leads, state.notes, state.tasks, state.logs, state.calls, state.transactions):
        ids.extend(list(table)[:3])
    ids.extend(list(state.members)[:3])
    ids.extend(list(state.webhooks)[:2])
    ids.extend(list(state.lead_ponds)[:2])
    return ids


@pytest.fixture(scope="module", params=["off", "auto"])
def fuzz_server(request: pytest.FixtureRequest) -> Iterator[FuzzServer]:
    """`off` runs deletes for real; `auto` fuzzes the confirmation gate's preview/token path."""
    # No rate limit worth the name: a deep run makes thousands of calls a minute, and waiting
    # out the sandbox's 600/min budget would only slow the fuzzing down.
    box = Sandbox(SandboxConfig(seed=7, now=DEFAULT_NOW, rate_limit=RateLimit(1_000_000, 60.0)))
    app = create_app(sandbox=box)
    config = ServerConfig(toolsets=TOOLSETS, sandbox=True, confirm=request.param)
    server = build_server(config, backend=ClientBackend(lambda: sandbox_client(app, backoff=0.001)))
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(Client(server)) as client:
        tools = portal.call(client.list_tools).tools
        schemas = {tool.name: dict(tool.input_schema) for tool in tools}
        yield FuzzServer(portal, client, box, schemas, _real_ids(box))
    box.close()


# -- strategies -----------------------------------------------------------------------------

HUGE_INTS = st.sampled_from([2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, -(10**30)])
EDGE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\u0000",
        "null",
        "0",
        "-1",
        "1e309",
        "NaN",
        "💥🏠",
        "Ω≈ç√",
        "' OR 1=1 --",
        "<script>",
        "a" * 5000,
    ]
)
LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    HUGE_INTS,
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    EDGE_TEXT,
)
_NESTED = st.lists(LEAF, max_size=3) | st.dictionaries(st.text(max_size=8), LEAF, max_size=3)
JUNK = st.one_of(
    LEAF,
    _NESTED,
    st.lists(_NESTED, max_size=2),
    st.dictionaries(st.text(max_size=8), _NESTED, max_size=2),
)
"""Any JSON, nested two levels deep."""


def valid(schema: dict[str, Any], ids: list[int]) -> st.SearchStrategy[Any]:
    """Values the schema allows (roughly: formats and cross-field rules are not modelled)."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "integer":
        plain = st.integers(min_value=schema.get("minimum"), max_value=schema.get("maximum"))
        if "minimum" in schema or "maximum" in schema:
            return plain
        return st.one_of(plain, st.sampled_from(ids))
    if kind == "number":
        return st.floats(
            min_value=schema.get("minimum"),
            max_value=schema.get("maximum"),
            allow_nan=False,
            allow_infinity=False,
        )
    if kind == "string":
        return st.text(max_size=min(int(schema.get("maxLength", 40)), 40))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(valid(schema.get("items", {}), ids), max_size=3)
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {name: valid(sub, ids) for name, sub in properties.items() if name in required},
            optional={name: value(sub, ids) for name, sub in properties.items() if name not in required},
        )
    return JUNK


def value(schema: dict[str, Any], ids: list[int]) -> st.SearchStrategy[Any]:
    """Mostly valid, sometimes junk or an edge case."""
    return st.one_of(valid(schema, ids), valid(schema, ids), JUNK, HUGE_INTS, EDGE_TEXT)


@st.composite
def arguments(draw: st.DrawFn, schema: dict[str, Any], ids: list[int]) -> dict[str, Any]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    result: dict[str, Any] = {}
    for name, sub in properties.items():
        # Required fields are usually present (to get past validation); optional ones half the time.
        present = draw(st.integers(0, 9)) < (9 if name in required else 5)
        if present:
            result[name] = draw(value(sub, ids))
    if draw(st.integers(0, 4)) == 0:
        unknown = draw(st.dictionaries(st.text(min_size=1, max_size=12), JUNK, max_size=2))
        result.update({k: v for k, v in unknown.items() if k not in properties})
    return result


# -- checks ---------------------------------------------------------------------------------


def text_of(result: CallToolResult) -> str:
    return "\n".join(getattr(block, "text", "") for block in result.content)


def check_answer(tool: str, args: dict[str, Any], schema: dict[str, Any], result: CallToolResult) -> None:
    text = text_of(result)
    assert text.strip(), f"{tool}: empty answer for {args!r}"
    if not result.is_error:
        return
    assert not _CRASH.match(text.strip()), f"{tool} crashed (unhandled exception) on {args!r}: {text!r}"
    assert "Traceback" not in text and 'File "' not in text, f"{tool} leaked a traceback: {text!r}"
    # Input that crashes the API (the sandbox's own 500) should have been refused as invalid first.
    internal = _INTERNAL.search(text)
    assert internal is None, f"{tool}: internal error on {args!r}: {text!r}"
    if _VALIDATION.search(text):
        named = set(args) | set(schema.get("required", ())) | set(schema.get("properties", {}))
        assert any(name in text for name in named), f"{tool}: validation error names no field: {text!r}"


# -- the tests ------------------------------------------------------------------------------


def unexpected(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the SDK logged as crashes (its UnexpectedToolError path logs a traceback)."""
    return [r.getMessage() for r in caplog.records if "unexpected exception" in r.getMessage()]


@pytest.mark.parametrize("tool", TOOL_NAMES)
def test_fuzzed_arguments_never_crash_a_tool(
    fuzz_server: FuzzServer, tool: str, caplog: pytest.LogCaptureFixture
) -> None:
    if fuzz_server.schemas.get(tool) is None:
        pytest.skip(f"{tool} is not registered")
    schema = fuzz_server.schemas[tool]

    @FUZZ
    @given(args=arguments(schema, fuzz_server.ids))
    def run(args: dict[str, Any]) -> None:
        check_answer(tool, args, schema, fuzz_server.call(tool, args))

    run()
    assert not unexpected(caplog), unexpected(caplog)


def _wrong_value(schema: dict[str, Any]) -> Any:
    """A value of the wrong type or out of bounds for `schema`."""
    if "enum" in schema:
        return "definitely-not-an-option" if isinstance(schema["enum"][0], int) else 987654
    kind = schema.get("type")
    if kind == "integer":
        if "maximum" in schema:
            return schema["maximum"] + 1
        if "minimum" in schema:
            return schema["minimum"] - 1
        return "not-a-number"
    if kind == "number":
        return "not-a-number"
    if kind == "boolean":
        return {"nested": ["junk"]}
    if kind == "string":
        if "maxLength" in schema:
            return "x" * (schema["maxLength"] + 1)
        return {"nested": ["junk"]}
    if kind == "array":
        return 42
    return "not-an-object"


@pytest.mark.parametrize("tool", TOOL_NAMES)
def test_each_bad_field_is_named(fuzz_server: FuzzServer, tool: str) -> None:
    """Every argument of every tool, given a wrong value, gets a ToolError naming that argument."""
    schema = fuzz_server.schemas[tool]
    properties: dict[str, Any] = schema.get("properties", {})
    for name in properties:
        args = {n: _plausible(properties[n]) for n in schema.get("required", ()) if n != name}
        bad = _wrong_value(properties[name])
        args[name] = bad
        result = fuzz_server.call(tool, args)
        text = text_of(result)
        assert result.is_error, f"{tool}: {name}={bad!r} was accepted: {text[:200]}"
        assert name in text, f"{tool}: the error for {name}={bad!r} does not name it: {text!r}"
        check_answer(tool, args, schema, result)
    for name in schema.get("required", ()):
        args = {n: _plausible(properties[n]) for n in schema.get("required", ()) if n != name}
        result = fuzz_server.call(tool, args)
        assert result.is_error and name in text_of(result), f"{tool}: missing {name} not named: {text_of(result)!r}"


def _plausible(schema: dict[str, Any]) -> Any:
    """A fixed valid-looking value (no randomness: this test is deterministic)."""
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == ["integer", "string"]:  # a time argument (TIME_SCHEMA): a valid one, 2030-03-17
        return 1_900_000_000_000
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return 1.0
    if kind == "string":
        return "x"
    if kind == "boolean":
        return False
    if kind == "array":
        return [_plausible(schema.get("items", {}))] if schema.get("items") else []
    if kind == "object":
        return {
            n: _plausible(schema["properties"][n])
            for n in schema.get("required", ())
            if n in schema.get("properties", {})
        }
    return "x"


def test_the_server_keeps_serving_after_the_fuzzing(fuzz_server: FuzzServer) -> None:
    # Runs after the fuzz tests of its module-scoped server (pytest keeps definition order).
    result = fuzz_server.call("search_leads", {"query": "bob li"})
    assert not result.is_error, text_of(result)
    assert "Bob" in text_of(result)
    listed = fuzz_server.portal.call(fuzz_server.client.list_tools)
    assert len(listed.tools) == len(fuzz_server.schemas)
