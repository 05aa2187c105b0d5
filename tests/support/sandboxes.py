"""Fresh seed-7 sandboxes for tests: in process, or served over loopback HTTP.

The demo data is built once per process and copied into each sandbox (~15 ms) rather than
rebuilt (~70 ms). conftest.py turns these into fixtures (`sandbox`, `live_sandbox`, ...).
"""

from __future__ import annotations

import functools
import gc
import pickle
from dataclasses import dataclass
from typing import Any

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.sandbox.app import Sandbox, SandboxConfig
from chime_mcp.sandbox.demo import DEFAULT_NOW, build_demo_state

BOB = 600000000000050
"""Bob Li, a lead of the seed-7 demo data (calls, notes, tasks, logs and appointments)."""
FAST_CLIENT: dict[str, Any] = {"backoff": 0.001}
"""ChimeClient options for tests: retries without real waits."""


def sandbox_config(**changes: Any) -> SandboxConfig:
    """The tests' sandbox config: seed 7 around the demo's fixed "now", plus `changes`."""
    return SandboxConfig(**{"seed": 7, "now": DEFAULT_NOW, **changes})


@functools.cache
def _demo_snapshot() -> bytes:
    return pickle.dumps(build_demo_state(7, 200, DEFAULT_NOW))


def fresh_sandbox(**changes: Any) -> Sandbox:
    """A Sandbox with `sandbox_config(**changes)` and its own copy of the seed-7 demo data."""
    box = Sandbox(sandbox_config(**changes))
    if box.config.seed == 7 and box.config.lead_count == 200 and box.config.db_path is None:
        gc.disable()  # unpickling makes ~100k objects: no collection passes over them meanwhile
        try:
            box.store.adopt(pickle.loads(_demo_snapshot()))
        finally:
            gc.enable()
    return box


class Switch:
    """An ASGI app forwarding to whichever app the current test installed (one server, many apps)."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self.app(scope, receive, send)


@dataclass
class LiveSandbox:
    """A sandbox served over loopback HTTP at `base_url`."""

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
