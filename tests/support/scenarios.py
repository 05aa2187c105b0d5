"""The registry of sandbox scenarios, one per catalog operation, and what they share.

tests/sandbox/test_sandbox_operations.py holds the first scenarios and runs them all; a group of
operations may keep its scenarios in tests/sandbox/scenarios_<group>.py, which `load_groups`
imports (each registers its scenarios with `@scenario`), so no list of modules is kept by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from typing import Any

from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox

Scenario = Callable[[ChimeClient, Sandbox], Awaitable[None]]
SCENARIOS: dict[str, Scenario] = {}


def scenario(tool: str) -> Callable[[Scenario], Scenario]:
    def register(fn: Scenario) -> Scenario:
        assert tool not in SCENARIOS, tool
        SCENARIOS[tool] = fn
        return fn

    return register


def bob(sb: Sandbox) -> dict[str, Any]:
    """Bob Li: the demo's first lead, with notes, calls, tasks and an appointment."""
    return next(lead for lead in sb.state.leads.values() if lead["firstName"] == "Bob")


def of_lead(records: dict[int, dict[str, Any]], lead_id: int) -> list[dict[str, Any]]:
    return [r for r in records.values() if r.get("leadId") == lead_id]


def agent(sb: Sandbox, index: int = 1) -> dict[str, Any]:
    return [m for m in sb.state.members.values() if m["roleName"] == "Agent"][index]


def load_groups(package: str, prefix: str) -> None:
    """Import every module of `package` whose name starts with `prefix` (they register themselves)."""
    path = importlib.import_module(package).__path__
    for module in pkgutil.iter_modules(path):
        if module.name.startswith(prefix):
            importlib.import_module(f"{package}.{module.name}")
