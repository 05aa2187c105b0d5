"""Shared fixtures. Keep them generic and documented: several test modules use them.

Nothing imports this module: what tests (and benches) import lives in `tests.support`.

- `anyio_backend`: async tests run on asyncio; mark them `@pytest.mark.anyio`.
- `sandbox`: a fresh in-process `Sandbox` per test (seed 7, a fixed "now", so data is stable);
  `tests.support.sandboxes.fresh_sandbox(**config)` makes more of them.
- `sandbox_client`: a `ChimeClient` talking to that sandbox in process (ASGI, no socket), with
  tiny retry backoffs so fault tests stay fast.
- `live_sandbox`: the same kind of fresh sandbox served over real loopback HTTP by uvicorn.
  One uvicorn server runs per test session (starting one per test would cost ~0.2 s each); each
  test gets its own Sandbox behind it. `live_sandbox.client()` builds a ChimeClient for it.
- `no_canary_leaks` (autouse): fails any test whose captured logs, stdout or stderr contain
  `CANARY_API_KEY`; tests that run with the canary as the credential get the check for free.
- `virtual_clock`: a `FakeClock` for a ChimeClient's sleeps and rate budget, so waits cost no time.
- `canary_live_sandbox`: a live sandbox whose API key is `CANARY_API_KEY`; `serve_live(app)`
  serves any ASGI app (an API that misbehaves on purpose) on the same loopback server.

At the end of a run that included tests/contract/, a summary prints one line per tool: answer
variants built from the published document tried and passed, and whether its request conforms.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.inprocess import sandbox_client as make_sandbox_client
from chime_mcp.sandbox.serve import serve_in_thread
from tests.support import contract_report
from tests.support.canary import CANARY_API_KEY, formatted
from tests.support.clocks import FakeClock
from tests.support.sandboxes import FAST_CLIENT, LiveSandbox, Switch, fresh_sandbox


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


@pytest.fixture(scope="session")
def _live_server() -> Iterator[tuple[str, Switch]]:
    switch = Switch()
    with serve_in_thread(switch) as base_url:
        yield base_url, switch


@pytest.fixture
def live_sandbox(_live_server: tuple[str, Switch]) -> Iterator[LiveSandbox]:
    """A fresh sandbox (seed 7) served over loopback HTTP; yields its base_url and Sandbox."""
    base_url, switch = _live_server
    box = fresh_sandbox()
    switch.app = create_app(sandbox=box)
    yield LiveSandbox(base_url, box)
    box.close()


# -- secrets ------------------------------------------------------------------------------------


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
        for line in map(formatted, caplog.get_records(when))
        if CANARY_API_KEY in line
    ]
    # pytest files each phase's captured output as a report section before the next phase
    # starts, so by this teardown the setup and call output is there. No public API exposes it.
    sections: list[tuple[str, str, str]] = getattr(request.node, "_report_sections", [])
    leaks += [f"{when} {key}: {content[:300]}" for when, key, content in sections if CANARY_API_KEY in content]
    if leaks:
        pytest.fail("the canary credential leaked:\n" + "\n".join(leaks), pytrace=False)


@pytest.fixture
def virtual_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def canary_api_key() -> str:
    """CANARY_API_KEY, as a fixture (modules may also import it from tests.support.canary)."""
    return CANARY_API_KEY


@pytest.fixture
def serve_live(_live_server: tuple[str, Switch]) -> Iterator[Any]:
    """`serve_live(app) -> base_url`: serve an ASGI app on the session's loopback server."""
    base_url, switch = _live_server

    def install(app: Any) -> str:
        switch.app = app
        return base_url

    yield install


@pytest.fixture
def canary_live_sandbox(_live_server: tuple[str, Switch]) -> Iterator[LiveSandbox]:
    """A fresh live sandbox whose API key is CANARY_API_KEY (what clients must send)."""
    base_url, switch = _live_server
    box = fresh_sandbox(api_key=CANARY_API_KEY)
    switch.app = create_app(sandbox=box)
    yield LiveSandbox(base_url, box)
    box.close()


# -- the contract report ------------------------------------------------------------------------


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Per tool: the document's answer variants tried and passed, and whether its request conforms."""
    lines = contract_report.lines()
    if lines:
        terminalreporter.section("contract with the published document")
        for line in lines:
            terminalreporter.write_line(line)
