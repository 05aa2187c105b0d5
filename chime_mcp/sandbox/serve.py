"""`chime-mcp sandbox`: serve the sandbox over HTTP on the loopback interface.

This is not the MCP stdio server, so printing the base URL and the key to stdout is fine.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from starlette.types import ASGIApp

from chime_mcp.sandbox.app import DEFAULT_API_KEY, Sandbox, SandboxConfig, create_app
from chime_mcp.sandbox.faults import Faults
from chime_mcp.sandbox.limiter import RateLimit, parse_rate_limit

__all__ = ["banner", "parse_rate_limit", "run_sandbox", "sandbox_config", "serve_in_thread"]


def sandbox_config(
    *,
    seed: int = 7,
    db: str | Path | None = None,
    rate_limit: str | RateLimit = "600/min",
    latency_ms: float = 0,
    api_key: str = DEFAULT_API_KEY,
    now: datetime | None = None,
) -> SandboxConfig:
    """The SandboxConfig for the command-line options (ValueError on a bad rate limit)."""
    return SandboxConfig(
        seed=seed,
        db_path=db,
        rate_limit=parse_rate_limit(rate_limit) if isinstance(rate_limit, str) else rate_limit,
        faults=Faults(latency_ms=latency_ms),
        api_key=api_key,
        now=now,
    )


def run_sandbox(
    host: str = "127.0.0.1",
    port: int = 8765,
    seed: int = 7,
    db: str | Path | None = None,
    rate_limit: str = "600/min",
    latency_ms: float = 0,
    api_key: str = DEFAULT_API_KEY,
    *,
    out: TextIO | None = None,
) -> None:
    """Serve the sandbox until interrupted. Binds to 127.0.0.1 unless told otherwise."""
    import uvicorn  # only this command needs it

    config = sandbox_config(seed=seed, db=db, rate_limit=rate_limit, latency_ms=latency_ms, api_key=api_key)
    app = create_app(config)
    sandbox = app.state.sandbox
    _ = sandbox.state  # build (or load) the demo data now, not on the first request
    stream = out or sys.stdout

    class Announcing(uvicorn.Server):
        """Prints the banner once the port is bound, with the address actually listened on."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                bound = [s.getsockname() for server in self.servers for s in server.sockets or ()]
                address = bound[0] if bound else (host, port)
                print(banner(sandbox, _url(address[0], address[1])), file=stream, flush=True)

    try:
        Announcing(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()
    finally:
        sandbox.close()


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def banner(sandbox: Sandbox, base_url: str) -> str:
    """What the running sandbox serves, read from it (not from the options asked for): the data
    loaded from a --db file keeps the seed it was built with."""
    config = sandbox.config
    state = sandbox.state
    data = f"seed {sandbox.store.seed}, {len(state.leads)} leads, {len(state.members)} team members"
    data += f", saved in {config.db_path}" if config.db_path else ", in memory"
    lines = [
        f"Chime sandbox on {base_url}",
        f"  API key:    {config.api_key}   (send as 'Authorization: token {config.api_key}')",
        f"  Rate limit: {config.rate_limit.limit} requests per {config.rate_limit.window:g} s",
        f"  Data:       {data}",
    ]
    if config.faults.latency_ms:
        lines.append(f"  Latency:    {config.faults.latency_ms:g} ms added to every answer")
    lines.append(f"  Try:        CHIME_BASE_URL={base_url} CHIME_API_KEY={config.api_key} chime-mcp serve")
    return "\n".join(lines)


@contextmanager
def serve_in_thread(app: ASGIApp, *, start_timeout: float = 10.0) -> Iterator[str]:
    """Serve `app` with uvicorn on a free 127.0.0.1 port in a background thread; yields its URL.

    For tests and benchmarks that need real loopback HTTP inside one process.
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="critical", lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the sandbox server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()
