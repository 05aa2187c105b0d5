"""Register catalog operations as MCP tools.

Each tool is a generated async function whose signature is the tool's flat argument list, so
the SDK validates arguments and derives the input schema from it; the schemas are then cleaned
for every host (see schema.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Literal, Protocol

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import Context, MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, TypeAdapter

from chime_mcp.chime import errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Effect
from chime_mcp.server.failures import tool_error
from chime_mcp.server.render import render
from chime_mcp.server.schema import clean_schema
from chime_mcp.server.specs import ToolSpec

ToolFunction = Callable[..., Awaitable[CallToolResult]]


class Backend(Protocol):
    """Where tools get their Chime client from."""

    async def client(self) -> ChimeClient: ...


class Gate(Protocol):
    """The safety layer: wraps the run of every tool that is not a read (to audit it; those that
    need a person's yes are confirmed too), and may add hidden parameters, such as the
    `Resolve(...)` one that asks the person, which the SDK fills and keeps out of the schema."""

    def wrap(self, spec: ToolSpec, run: ToolFunction) -> ToolFunction: ...

    def parameters(self, spec: ToolSpec) -> tuple[inspect.Parameter, ...]: ...


def annotations_for(spec: ToolSpec) -> ToolAnnotations:
    effect = spec.effect
    return ToolAnnotations(
        title=spec.title,
        read_only_hint=effect is Effect.READ,
        destructive_hint=effect is Effect.DESTROY,
        idempotent_hint=effect is Effect.READ or spec.operation.method in ("PUT", "DELETE"),
        open_world_hint=effect is Effect.EXPOSE,
    )


def structured(result: Any) -> dict[str, Any]:
    """The structuredContent of a result; lists are wrapped as {"result": [...]}, as the SDK does.

    Nulls are left out: the output schemas type optional fields without null (see schema.py),
    and an absent field says the same in fewer tokens.
    """
    if isinstance(result, BaseModel):
        dumped: dict[str, Any] = result.model_dump(mode="json", by_alias=True, exclude_none=True)
        return dumped
    return {"result": TypeAdapter(Any).dump_python(result, mode="json", by_alias=True, exclude_none=True)}


def tool_function(spec: ToolSpec, backend: Backend) -> ToolFunction:
    """The plain run of one tool: call the operation, render the result."""
    noun = spec.name.split("_", 1)[-1].replace("_", " ")

    async def run(ctx: Context, **values: Any) -> CallToolResult:
        params, body = spec.split(values)
        try:
            client = await backend.client()
            result = await client.call(spec.operation, params, body)
        except errors.ChimeError as exc:
            raise tool_error(spec.name, exc, values) from None
        text = render(result, detail=values.get("detail"), noun=noun)
        return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=structured(result))

    return run


def with_signature(spec: ToolSpec, run: ToolFunction, extra: tuple[inspect.Parameter, ...] = ()) -> ToolFunction:
    """Give `run` the tool's argument list as its visible signature (the SDK reads it)."""

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


def register_tools(server: MCPServer, specs: Iterable[ToolSpec], backend: Backend, gate: Gate | None) -> None:
    specs = list(specs)
    outputs = output_schemas([spec.operation.result for spec in specs])
    for spec in specs:
        run = tool_function(spec, backend)
        extra: tuple[inspect.Parameter, ...] = ()
        if gate is not None and spec.effect is not Effect.READ:
            run = gate.wrap(spec, run)
            extra = gate.parameters(spec)
        server.add_tool(
            with_signature(spec, run, extra),
            name=spec.name,
            title=spec.title,
            description=spec.description,
            annotations=annotations_for(spec),
        )
        registered = server._tool_manager.get_tool(spec.name)
        assert registered is not None
        registered.parameters = clean_schema(registered.parameters, drop=("additionalProperties",))
        registered.fn_metadata.output_schema = outputs[spec.operation.result]


_OUTPUT_SCHEMAS: dict[Any, dict[str, Any]] = {}


def output_schemas(result_types: Iterable[Any]) -> dict[Any, dict[str, Any]]:
    """The outputSchema of each result type, generated in one pass and kept for the process.

    Many tools share a result type, and one pass shares nested models (a lead inside a lead
    page): start-up time is mostly schema generation. Lists are wrapped as {"result": [...]},
    as `structured` wraps them.
    """
    missing = [t for t in dict.fromkeys(result_types) if t not in _OUTPUT_SCHEMAS]
    if missing:
        mode: Literal["serialization"] = "serialization"
        adapters = [(index, mode, TypeAdapter(t)) for index, t in enumerate(missing)]
        keyed, definitions = TypeAdapter.json_schemas(adapters, by_alias=True)
        for (index, _mode), schema in keyed.items():
            cleaned = clean_schema({**schema, **definitions})
            if cleaned.get("type") != "object":
                cleaned = {"type": "object", "properties": {"result": cleaned}, "required": ["result"]}
            _OUTPUT_SCHEMAS[missing[index]] = cleaned
    return _OUTPUT_SCHEMAS


def reject_unknown_arguments(server: MCPServer[Any]) -> None:
    """Refuse tools/call arguments a tool does not have, naming them and the valid ones.

    The SDK ignores unknown arguments; a model that writes `stge` for `stage` would then get
    every lead back and believe they were filtered.
    """

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        if ctx.method == "tools/call" and ctx.params:
            name = ctx.params.get("name")
            arguments = ctx.params.get("arguments") or {}
            tool = server._tool_manager.get_tool(name) if isinstance(name, str) else None
            if tool is not None and isinstance(arguments, dict):
                known = tool.parameters.get("properties", {})
                unknown = sorted(key for key in arguments if key not in known)
                if unknown:
                    text = (
                        f"Unknown argument {', '.join(unknown)} for {name}; "
                        f"its arguments are: {', '.join(known) or 'none'}. Nothing was done."
                    )
                    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)
        return await call_next(ctx)

    server.middleware.append(middleware)
