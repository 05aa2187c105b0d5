"""Shared fixtures. Keep them generic and documented: several test modules use them.

- `anyio_backend`: async tests run on asyncio; mark them `@pytest.mark.anyio`.
- `sandbox`: a fresh in-process `Sandbox` per test (seed 7, a fixed "now", so data is stable);
  `fresh_sandbox(**config)` makes more of them.
- `sandbox_client`: a `ChimeClient` talking to that sandbox in process (ASGI, no socket), with
  tiny retry backoffs so fault tests stay fast.
- `live_sandbox`: the same kind of fresh sandbox served over real loopback HTTP by uvicorn.
  One uvicorn server runs per test session (starting one per test would cost ~0.2 s each); each
  test gets its own Sandbox behind it. `live_sandbox.client()` builds a ChimeClient for it.
- `no_canary_leaks` (autouse): fails any test whose captured logs, stdout or stderr contain
  `CANARY_API_KEY`; tests that run with the canary as the credential get the check for free.
- `virtual_clock`: a clock for a ChimeClient's sleeps and rate budget, so waits cost no time.
- `canary_live_sandbox`: a live sandbox whose API key is `CANARY_API_KEY`; `serve_live(app)`
  serves any ASGI app (an API that misbehaves on purpose) on the same loopback server.
"""

from __future__ import annotations

import functools
import logging
import pickle
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import Sandbox, SandboxConfig, create_app
from chime_mcp.sandbox.demo import DEFAULT_NOW, build_demo_state
from chime_mcp.sandbox.inprocess import sandbox_client as make_sandbox_client
from chime_mcp.sandbox.serve import serve_in_thread

FAST_CLIENT: dict[str, Any] = {"backoff": 0.001}
"""ChimeClient options for tests: retries without real waits."""


def sandbox_config(**changes: Any) -> SandboxConfig:
    """The tests' sandbox config: seed 7 around the demo's fixed "now", plus `changes`."""
    return SandboxConfig(**{"seed": 7, "now": DEFAULT_NOW, **changes})


@functools.cache
def _demo_snapshot() -> bytes:
    return pickle.dumps(build_demo_state(7, 200, DEFAULT_NOW))


def fresh_sandbox(**changes: Any) -> Sandbox:
    """A Sandbox with `sandbox_config(**changes)` and its own copy of the seed-7 demo data.

    The demo is built once per test session and copied (~15 ms) rather than rebuilt (~70 ms).
    """
    box = Sandbox(sandbox_config(**changes))
    if box.config.seed == 7 and box.config.lead_count == 200 and box.config.db_path is None:
        box.store.adopt(pickle.loads(_demo_snapshot()))
    return box


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh in-process sandbox; its demo data is built on first use."""
    box = fresh_sandbox()
    yield box
    box.close()


@pytest.fixture
async def sandbox_client(sandbox: Sandbox) -> AsyncIterator[ChimeClient]:
    """A ChimeClient for the `sandbox` fixture, over httpx2's ASGI transport."""
    async with make_sandbox_client(sandbox, **FAST_CLIENT) as client:
        yield client


# -- real HTTP ----------------------------------------------------------------------------------


class _Switch:
    """An ASGI app forwarding to whichever sandbox app the current test installed."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self.app(scope, receive, send)


@dataclass
class LiveSandbox:
    base_url: str
    sandbox: Sandbox

    def client(self, *, timeout: float = 5.0, credential: Credential | None = None, **kwargs: Any) -> ChimeClient:
        """A ChimeClient for this server (fast retries, its own rate budget); kwargs go to ChimeClient."""
        settings = ClientSettings(
            credential=credential or Credential("api_key", self.sandbox.config.api_key),
            base_url=self.base_url,
            timeout=timeout,
        )
        return ChimeClient(settings, **{**FAST_CLIENT, "budget": RateBudget(), **kwargs})


@pytest.fixture(scope="session")
def _live_server() -> Iterator[tuple[str, _Switch]]:
    switch = _Switch()
    with serve_in_thread(switch) as base_url:
        yield base_url, switch


@pytest.fixture
def live_sandbox(_live_server: tuple[str, _Switch]) -> Iterator[LiveSandbox]:
    """A fresh sandbox (seed 7) served over loopback HTTP; yields its base_url and Sandbox."""
    base_url, switch = _live_server
    box = fresh_sandbox()
    switch.app = create_app(sandbox=box)
    yield LiveSandbox(base_url, box)
    box.close()


# -- secrets ------------------------------------------------------------------------------------

CANARY_API_KEY = "canary-chime-key-5f1d"
"""A credential that must never be seen: in no tool result, error, log line, audit line or CLI
output. Tests that use it as the credential (test_secrets.py) rely on `no_canary_leaks`."""


def _formatted(record: logging.LogRecord) -> str:
    # The whole line as a handler would write it, with any traceback.
    return logging.Formatter("%(name)s %(levelname)s %(message)s").format(record)


@pytest.fixture(autouse=True)
def no_canary_leaks(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail the test if the canary credential shows up in anything captured while it ran.

    Checks log records of chime_mcp (down to DEBUG) and of the MCP SDK (INFO: it logs tool
    failures), and the stdout/stderr pytest captured at the file-descriptor level, which
    includes subprocesses that inherit them (a stdio server's stderr). Output a test consumed
    itself with capsys.readouterr() is that test's to check.
    """
    caplog.set_level(logging.DEBUG, logger="chime_mcp")
    caplog.set_level(logging.INFO, logger="mcp")
    yield
    leaks = [
        f"log record: {line[:300]}"
        for when in ("setup", "call")
        for line in map(_formatted, caplog.get_records(when))
        if CANARY_API_KEY in line
    ]
    # pytest files each phase's captured output as a report section before the next phase
    # starts, so by this teardown the setup and call output is there. No public API exposes it.
    sections: list[tuple[str, str, str]] = getattr(request.node, "_report_sections", [])
    leaks += [f"{when} {key}: {content[:300]}" for when, key, content in sections if CANARY_API_KEY in content]
    if leaks:
        pytest.fail("the canary credential leaked:\n" + "\n".join(leaks), pytrace=False)


class VirtualClock:
    """Time for a ChimeClient's waits (`sleep=clock.sleep`, `budget=RateBudget(clock=clock.monotonic)`):
    sleeping advances it at once, so rate-limit waits (1 s at least each) cost a test nothing."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        import anyio.lowlevel

        self.now += seconds
        self.slept += seconds
        await anyio.lowlevel.checkpoint()


@pytest.fixture
def virtual_clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def canary_api_key() -> str:
    """CANARY_API_KEY, for test modules (conftest is not importable as a module)."""
    return CANARY_API_KEY


@pytest.fixture
def serve_live(_live_server: tuple[str, _Switch]) -> Iterator[Any]:
    """`serve_live(app) -> base_url`: serve an ASGI app on the session's loopback server."""
    base_url, switch = _live_server

    def install(app: Any) -> str:
        switch.app = app
        return base_url

    yield install


@pytest.fixture
def canary_live_sandbox(_live_server: tuple[str, _Switch]) -> Iterator[LiveSandbox]:
    """A fresh live sandbox whose API key is CANARY_API_KEY (what clients must send)."""
    base_url, switch = _live_server
    box = fresh_sandbox(api_key=CANARY_API_KEY)
    switch.app = create_app(sandbox=box)
    yield LiveSandbox(base_url, box)
    box.close()
