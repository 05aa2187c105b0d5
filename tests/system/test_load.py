"""Load (issue 7): many concurrent tool calls over streamable HTTP, all answered correctly, and the
server's memory stays within bounds.

The server is the real process, `chime-mcp serve --sandbox --transport http`, and the clients are
several `mcp.Client(url)` sessions (both protocol versions) sharing one anyio task group. The mix
is what an agent does: mostly reads of known leads (each answer is checked against the lead's
name), searches by email, and notes, each of which must be stored exactly once.

Memory: the server's resident set (VmRSS from /proc) after the run minus after a warm-up, which
must stay below `RSS_GROWTH_BOUND_MB`. The warm-up takes the one-off costs (demo data, imports,
first sessions) out of the figure, so what is left is what calls leave behind.

CI runs 40 calls; the full 200-call scenario is marked slow and runs with CHIME_LOAD_FULL=1
(`bench/fault_report.py` runs it too). The runner is tests/support/load.py.
"""

from __future__ import annotations

import os

import pytest

from tests.support.load import check_load, http_server, run_load

pytestmark = pytest.mark.anyio


async def test_concurrent_calls_over_http_small() -> None:
    """The CI version: 40 concurrent calls."""
    with http_server() as server:
        result = await run_load(server.url, 40, server=server)
        check_load(result, 40)
        assert server.process.poll() is None, "the server is still up"


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("CHIME_LOAD_FULL"), reason="the full run: set CHIME_LOAD_FULL=1")
async def test_200_concurrent_calls_over_http() -> None:
    with http_server() as server:
        result = await run_load(server.url, 200, server=server)
        check_load(result, 200)
        assert server.process.poll() is None, "the server is still up"
