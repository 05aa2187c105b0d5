"""Register catalog operations as MCP tools, each run through the same chain.

A tools/call passes, outermost first:
  1. `check_tool_calls`: server middleware; an unknown tool or argument is refused, and the
     arguments are validated against the signature in plain words (arguments.py).
  2. the SDK: validates the arguments against the signature (signature.py).
  3. the gate (safety), for every tool that is not a read: audits, and confirms where needed.
  4. `tool_function`: calls the operation; a Chime error becomes a ToolError with a next step
     (errors.py); the result is dumped once and rendered (render.py).
The schemas are cleaned for every host (schema.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import Context, MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import check_with
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.models.tolerant import summary
from chime_mcp.chime.operation import Effect
from chime_mcp.server import toolsets
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.arguments import problems
from chime_mcp.server.tools.errors import tool_error
from chime_mcp.server.tools.hints import alert_hint, cut_report, empty_search_hint
from chime_mcp.server.tools.render import Window, present
from chime_mcp.server.tools.schema import clean_schema, output_schemas
from chime_mcp.server.tools.signature import ToolFunction, with_signature
from chime_mcp.server.tools.specs import ToolSpec, all_tool_specs
from chime_mcp.services.changes import keep_unset, read_before, what_changed
from chime_mcp.services.stage_check import check_stage


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
        destructive_hint=effect.destructive,
        idempotent_hint=effect is Effect.READ or spec.operation.method in ("PUT", "DELETE"),
        open_world_hint=effect in (Effect.EXPOSE, Effect.SEND),
    )


def _created_without_a_record(spec: ToolSpec, result: object) -> bool:
    """A create (POST) that succeeded but whose answer named nothing: no id, no field."""
    return (
        spec.operation.method == "POST"
        and isinstance(result, BaseModel)
        and not isinstance(result, m.Ack)
        and not result.model_dump(exclude_none=True)
    )


def tool_function(spec: ToolSpec, backend: Backend) -> ToolFunction:
    """The plain run of one tool: call the operation, render the result."""
    noun = spec.name.split("_", 1)[-1].replace("_", " ")

    async def run(ctx: Context, **values: Any) -> CallToolResult:
        params, body = spec.split(values)
        before: dict[str, Any] | None = None
        try:
            client = await backend.client()
            kept = spec.operation.body is not None and spec.operation.body.kept
            if spec.effect is Effect.OVERWRITE or kept:  # kept: a team-wide PUT of a whole record too
                before = await read_before(client, spec.operation, params, body)
                body = keep_unset(spec.operation, body, before)
            await check_stage(client, spec.operation, body)
            reply = await client.read(spec.operation, params, body)
        except errors.ChimeError as exc:
            raise tool_error(spec.name, exc, values) from None
        result = reply.result
        window: Window | None = None
        if spec.operation.pages_here and isinstance(result, list):
            offset = values.get("offset") or 0
            window = (offset, len(result))
            result = result[offset : offset + (values.get("limit") or spec.operation.pages_here)]
        text, structured = present(result, detail=values.get("detail"), noun=noun, window=window)
        if spec.effect is Effect.DESTROY and text == "Done.":
            text = _deleted(spec, noun, params)
        elif spec.effect is Effect.READ and text == "Done.":
            text = "The answer was empty: no record."  # check_working_lead: the AI does not work the lead
        extra = [cut_report(spec, body), await empty_search_hint(client, values, result), alert_hint(result)]
        text = "\n".join([text, *(line for line in extra if line)])
        changed = what_changed(before, body) if before is not None else ""
        if changed:
            text = f"{text}\n{changed}"
        if _created_without_a_record(spec, result):
            check = check_with(spec.operation)
            finder = check.tool if check else "a search"
            text = f"Done, but the answer carried no id: find the new record with {finder}."
        if reply.unexpected:
            text = f"{text}\n{summary(list(reply.unexpected))}"
        return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=structured)

    return run


def _deleted(spec: ToolSpec, noun: str, params: Mapping[str, Any]) -> str:
    """What a delete deleted: "Deleted note #123." rather than a bare "Done."."""
    ids = [f"#{params[p.name]}" for p in spec.operation.path_params if p.name in params]
    return f"Deleted {noun} {', '.join(ids)}." if ids else f"Deleted the {noun}."


APPROVAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Present while the call waits for a person's yes; nothing was done yet",
    "properties": {
        "status": {"type": "string"},
        "url": {"type": "string", "description": "The approval page, for the person to open"},
        "preview": {"type": "string"},
        "expiresInSeconds": {"type": "integer"},
    },
}


def with_approval(output: dict[str, Any]) -> dict[str, Any]:
    """A gated tool's outputSchema: its result, or (while it waits for the person) `approval`."""
    properties = {**output.get("properties", {}), "approval": APPROVAL_SCHEMA}
    return {key: value for key, value in output.items() if key != "required"} | {"properties": properties}


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
        output = outputs[spec.operation.result]
        if spec.effect.needs_person:
            output = with_approval(output)
        registered.fn_metadata.output_schema = output


def _renamed(tool: str) -> Mapping[str, str]:
    """The reference names a tool's body refuses, with what to send instead (catalog `Body.renamed`)."""
    for spec in all_tool_specs():
        if spec.name == tool and spec.operation.body is not None:
            return spec.operation.body.renamed
    return {}


def unknown_tool(name: str, config: ServerConfig) -> str:
    """Why this server has no tool `name`, and how to get it where another configuration has it."""
    spec = next((spec for spec in all_tool_specs() if spec.name == name), None)
    if spec is None:
        return f"Unknown tool {name}. List the tools this server offers with tools/list (chime-mcp tools)."
    offered = spec.toolset in config.toolsets or config.dynamic_toolsets
    if offered and config.read_only and spec.effect is not Effect.READ:
        return (
            f"{name} changes data, and this server runs read-only: start it without --read-only "
            "(and CHIME_MCP_READ_ONLY unset) to use it. Nothing was done."
        )
    if config.dynamic_toolsets:
        return (
            f"{name} is in the {spec.toolset} toolset, not enabled yet: call enable_toolset with "
            f"toolset={spec.toolset!r}, then {name}. Nothing was done."
        )
    chosen = config.toolsets
    if set(toolsets.DEFAULT) <= set(chosen):  # say "default,...": shorter, and stays right as defaults change
        chosen = ("default", *(t for t in chosen if t not in toolsets.DEFAULT))
    wanted = ",".join(dict.fromkeys((*chosen, spec.toolset)))
    return (
        f"{name} is in the {spec.toolset} toolset, which this server does not offer: add it with "
        f"--toolsets {wanted} (or CHIME_MCP_TOOLSETS={wanted}). Nothing was done."
    )


def check_tool_calls(server: MCPServer[Any], config: ServerConfig) -> None:
    """Check every tools/call before the SDK runs it; a refusal names each bad argument.

    A tool this server does not offer names the toolset that holds it. An argument the tool
    does not have is refused: the SDK ignores unknown arguments, and a model that writes `stge`
    for `stage` would then get every lead back and believe they were filtered. Arguments of the
    wrong type, NaN, Infinity and oversized text are refused one line per field (arguments.py).
    """

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        if ctx.method == "tools/call" and ctx.params:
            text = _refusal(ctx.params.get("name"), ctx.params.get("arguments") or {})
            if text:
                return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)
        return await call_next(ctx)

    def _refusal(name: Any, arguments: Any) -> str:
        if not isinstance(name, str):
            return ""
        tool = server._tool_manager.get_tool(name)
        if tool is None:
            return unknown_tool(name, config)
        if not isinstance(arguments, dict):
            return ""
        known = tool.parameters.get("properties", {})
        unknown = sorted(key for key in arguments if key not in known)
        if unknown:
            text = (
                f"Unknown argument {', '.join(unknown)} for {name}; "
                f"its arguments are: {', '.join(known) or 'none'}. Nothing was done."
            )
            renamed = _renamed(tool.name)
            return text + "".join(f" {key}: {renamed[key]}." for key in unknown if key in renamed)
        found = problems(tool, arguments)
        if found:
            return f"{name} was not called; fix these arguments:\n" + "\n".join(found)
        return ""

    server.middleware.append(middleware)
