"""Progress while a call waits for Chime's rate limit: why, and for how long.

The client (chime/ratelimit.py) tells the context's `WaitListener` each time it waits; this sets
one per request that reaches Chime (tools/call, resources/read, prompts/get), which sends
`notifications/progress` to the request's progress token. A request without a token hears nothing
(the SDK's report_progress is then a no-op), and its wait is still capped (ClientSettings.
max_rate_limit_wait), after which it answers with the seconds to wait.
"""

from __future__ import annotations

from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import MCPServer

from chime_mcp.chime.ratelimit import WAIT_LISTENER, WaitListener

_REACHES_CHIME = frozenset({"tools/call", "resources/read", "prompts/get"})


def report_rate_limit_waits(server: MCPServer[Any]) -> None:
    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        if ctx.method not in _REACHES_CHIME:
            return await call_next(ctx)
        session = ctx.session

        async def say(progress: float, total: float, message: str) -> None:
            await session.report_progress(progress, total, message)

        token = WAIT_LISTENER.set(WaitListener(say))
        try:
            return await call_next(ctx)
        finally:
            WAIT_LISTENER.reset(token)

    server.middleware.append(middleware)
