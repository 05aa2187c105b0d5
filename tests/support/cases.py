"""What the MCP cases of every tool share: the session with its pinned call, the registry.

tests/server/test_server_tools.py holds the first cases and runs them all; a group of tools may
keep its cases in tests/server/cases_<group>.py, which the test module imports through
`load_groups` (each registers its cases with `@case`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2
from mcp import Client

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.demo import DEFAULT_NOW
from chime_mcp.server.tools.specs import all_tool_specs
from tests.support.results import text_of
from tests.support.sandboxes import BOB

PUBLIC_HOOK = "https://93.184.216.34/chime-hook"
"""An IP literal: the webhook target check needs no DNS (tests run offline)."""
MODES = {"2025-11-25": "legacy", "2026-07-28": "auto"}
"""Protocol version -> the client's mode."""
CONFIRMED = {spec.name for spec in all_tool_specs() if spec.effect.needs_person}
APPROVAL_LINK = re.compile(r"http://127\.0\.0\.1:\d+/approve/[\w-]+")
"""An approval page's link (random port and path): masked in snapshots."""
FROZEN = DEFAULT_NOW.timestamp()
"""The sandbox's clock: records written in a case carry this time, so the text is stable."""


@dataclass
class Session:
    client: Client
    sandbox: Sandbox
    snapped: list[str] = field(default_factory=list)
    """The tools of the pinned calls made (a case makes exactly one)."""
    rendered: str = ""
    """The snapshot: each call of the pinned tool (`>>> tool {arguments}`), then the text it answered."""

    async def ok(self, tool: str, **arguments: Any) -> tuple[str, dict[str, Any]]:
        result = await self.client.call_tool(tool, arguments)
        text = text_of(result)
        assert not result.is_error, f"{tool}: {text}"
        return text, result.structured_content or {}

    async def snap(self, tool: str, **arguments: Any) -> tuple[str, dict[str, Any]]:
        """The case's pinned call: its text is the snapshot. A confirmed tool first answers that
        it waits for the person (this client cannot elicit); the person approves on the page,
        and the same call is made again."""
        text, data = await self.ok(tool, **arguments)
        parts = [f">>> {tool} {json.dumps(arguments, sort_keys=True)}", text]
        if tool in CONFIRMED:
            link = (data.get("approval") or {}).get("url")
            assert link, f"{tool}: not done before a person confirms: {text}"
            await approve_on_the_page(link)
            text, data = await self.ok(tool, **arguments)
            parts += ["(the person approves on the page)", f">>> {tool} {json.dumps(arguments, sort_keys=True)}", text]
        self.snapped.append(tool)
        self.rendered = APPROVAL_LINK.sub("<approval link>", "\n".join(parts)) + "\n"
        return text, data


async def approve_on_the_page(link: str) -> None:
    """What the person does: open the link, press Approve."""
    async with httpx2.AsyncClient() as http:
        page = await http.get(link)
        found = re.search(r'name="token" value="([^"]+)"', page.text)
        assert found, page.text
        origin = link.split("/approve/")[0]
        answer = await http.post(
            link, data={"token": found.group(1), "decision": "approve"}, headers={"Origin": origin}
        )
        assert answer.status_code == 200, answer.text


Case = Callable[[Session], Awaitable[None]]
CASES: dict[str, Case] = {}


def case(tool: str) -> Callable[[Case], Case]:
    def register(run: Case) -> Case:
        assert tool not in CASES, tool
        CASES[tool] = run
        return run

    return register


def first_of(records: dict[int, dict[str, Any]], lead_id: int = BOB) -> int:
    """The id of the lead's first record in a seeded table."""
    return next(i for i, record in records.items() if record["leadId"] == lead_id)


async def me(s: Session) -> int:
    _, data = await s.ok("get_me")
    user_id: int = data["id"]
    return user_id


async def member_email(s: Session) -> str:
    _, members = await s.ok("list_members", limit=20)
    email: str = next(m for m in members["members"] if m.get("email"))["email"]
    return email


async def bob(s: Session) -> int:
    _, found = await s.ok("search_leads", query="bob li")
    lead_id: int = found["leads"][0]["leadId"]
    return lead_id


async def new_lead(s: Session) -> int:
    """A new lead, Testa Person: the tools that change a lead change this one."""
    _, created = await s.ok(
        "create_lead", firstName="Testa", lastName="Person", emails=["testa.person@example.com"], phones=["5550100999"]
    )
    lead_id: int = created["leadId"]
    return lead_id


def a_deal(s: Session) -> tuple[int, int]:
    """(leadId, transactionId) of the first seeded transaction."""
    deal_id, deal = next(iter(s.sandbox.state.transactions.items()))
    return deal["leadId"], deal_id
