"""A scripted Chime API on a mock transport, and a tool call through the whole server against it."""

from __future__ import annotations

from typing import Any

import httpx2
from mcp import Client

from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.server import toolsets
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from tests.support.results import text_of


class Wire:
    """Answers from a script (the last repeats) and records every request that went out."""

    def __init__(self, *answers: httpx2.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def client(self) -> ChimeClient:
        settings = ClientSettings(Credential("api_key", "k"), base_url="https://api.chime.me")

        async def no_wait(_: float) -> None:
            return None

        return ChimeClient(settings, transport=httpx2.MockTransport(self), budget=RateBudget(), sleep=no_wait)


async def call_tool(wire: Wire, tool: str, **arguments: Any) -> tuple[bool, str]:
    server = build_server(ServerConfig(toolsets=toolsets.ALL, confirm="off"), backend=ClientBackend(wire.client))
    async with Client(server) as client:
        result = await client.call_tool(tool, arguments)
    return bool(result.is_error), text_of(result)
