"""`serve_in_thread`: the loopback HTTP server tests and benches measure through."""

from __future__ import annotations

import time

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from chime_mcp.sandbox.serve import serve_in_thread


async def _hello(request: Request) -> JSONResponse:
    return JSONResponse({"hello": "world"})


def test_a_request_adds_no_delayed_ack_wait() -> None:
    """Without TCP_NODELAY on the served socket each answer waited out the peer's delayed ACK
    (about 44 ms here), which the benches then measured as the server's own time. The fastest of
    a few requests shows it: that wait is a floor no quiet moment of the machine goes under."""
    with serve_in_thread(Starlette(routes=[Route("/", _hello)])) as url, httpx2.Client() as client:
        timings = []
        for _ in range(8):
            started = time.perf_counter()
            assert client.get(url + "/").json() == {"hello": "world"}
            timings.append(time.perf_counter() - started)
    assert min(timings[1:]) < 0.02, f"fastest request took {min(timings[1:]) * 1000:.0f} ms"
