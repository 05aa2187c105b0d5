"""The contract tests' wire and MCP session: a mock Chime answering what a test installs.

`Wire` answers every request with one `Answer` and keeps the requests; `Served` is an MCP client
session with a server of every toolset built on it (tests/contract/conftest.py makes one per module).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx2
from mcp import Client

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from tests.support.contract import Answer
from tests.support.results import text_of


@dataclass
class Wire:
    """Serves `answer` to every request and keeps the requests."""

    answer: Answer | None = None
    requests: list[httpx2.Request] = field(default_factory=list)

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        assert self.answer is not None
        body = self.answer.body
        headers = {"Content-Type": "application/json"} if body else {}
        return httpx2.Response(200, content=body, headers=headers)

    def client(self) -> ChimeClient:
        settings = ClientSettings(Credential("api_key", "k"), base_url="https://api.chime.me")

        async def no_wait(_: float) -> None:
            return None

        return ChimeClient(settings, transport=httpx2.MockTransport(self), budget=RateBudget(), sleep=no_wait)


@dataclass
class Served:
    client: Client
    wire: Wire
    schemas: dict[str, dict[str, Any]]
    """Each tool's input schema, as tools/list gives it."""

    async def call(self, tool: str, arguments: dict[str, Any], answer: Answer) -> tuple[bool, str]:
        """(whether the tool gave a result rather than an error, the text the model reads)."""
        self.wire.answer, self.wire.requests = answer, []
        result = await self.client.call_tool(tool, arguments)
        return not result.is_error, text_of(result)
