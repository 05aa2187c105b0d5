"""The function the SDK registers for a tool: its signature is the tool's argument list.

The SDK validates arguments and derives the input schema from the signature it reads, so a
generated tool gets one built with `inspect.Signature` from its spec.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from mcp.server.mcpserver import Context
from mcp_types import CallToolResult

from chime_mcp.server.tools.specs import ToolSpec

ToolFunction = Callable[..., Awaitable[CallToolResult]]
"""A tool's run: `await run(ctx, **arguments)` -> the result the client gets."""


def with_signature(spec: ToolSpec, run: ToolFunction, extra: tuple[inspect.Parameter, ...] = ()) -> ToolFunction:
    """Give `run` the tool's argument list as its visible signature (the SDK reads it).

    `extra` are hidden parameters the SDK fills itself (the gate's `Resolve(...)` one).
    """

    async def tool(ctx: Context, **values: Any) -> CallToolResult:
        return await run(ctx, **values)

    parameters = [
        inspect.Parameter(a.name, inspect.Parameter.KEYWORD_ONLY, annotation=a.annotation, default=a.default)
        for a in spec.arguments
    ]
    parameters.append(inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context))
    parameters.extend(extra)
    # A bare CallToolResult: the SDK derives no output schema (register_tools sets a cached one),
    # which keeps start-up fast: schema generation is most of the cost of registering a tool.
    returns = CallToolResult
    tool.__signature__ = inspect.Signature(parameters, return_annotation=returns)  # type: ignore[attr-defined]
    tool.__annotations__ = {
        **{a.name: a.annotation for a in spec.arguments},
        "ctx": Context,
        **{p.name: p.annotation for p in extra},
        "return": returns,
    }
    tool.__name__ = spec.name
    return tool
