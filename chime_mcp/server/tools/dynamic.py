"""Progressive disclosure (`--dynamic-toolsets`): the server starts with its chosen toolsets and two
small tools, `find_tools` (words in, matching tools of every toolset out, one line each) and
`enable_toolset` (registers a toolset's tools and tells the client its tool list changed).

As github-mcp-server's dynamic toolsets do, the model reads the full schemas only of what it
enables. The tool list is the server's: on HTTP, every session sees an enabled toolset.
The client hears of the change as its protocol version has it: 2025-11-25 clients through
`notifications/tools/list_changed` on their session (the server declares `tools.listChanged`),
2026-07-28 clients through their `subscriptions/listen` stream.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, cast

from mcp.server.lowlevel.server import NotificationOptions
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import BaseModel, Field

from chime_mcp.chime.operation import Effect
from chime_mcp.server import toolsets
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.inventory import COMPOSITE_TOOLS
from chime_mcp.server.tools.schema import clean_schema
from chime_mcp.server.tools.specs import all_tool_specs

FIND_TOOLS = "find_tools"
ENABLE_TOOLSET = "enable_toolset"
DISCOVERY_TOOLS: tuple[str, ...] = (FIND_TOOLS, ENABLE_TOOLSET)
"""The tools of the dynamic mode (not catalog operations, not composites)."""
MAX_FOUND = 12
"""find_tools answers at most this many lines, best first."""

Query = Annotated[str, Field(min_length=1, description="e.g. text history")]


@dataclass(frozen=True)
class Entry:
    """One tool as find_tools searches it."""

    name: str
    toolset: str
    description: str

    def score(self, asked: list[str]) -> int:
        """Two points per word found in the name, one per word found elsewhere (its description,
        its toolset's id and description)."""
        named = _words(self.name)
        toolset = toolsets.BY_ID[self.toolset]
        said = _words(" ".join((self.description, self.toolset, toolset.description)))
        return sum(
            2 if any(_matches(word, w) for w in named) else 1 if any(_matches(word, w) for w in said) else 0
            for word in asked
        )


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^a-z0-9]+", text.lower()) if word]


def _matches(asked: str, word: str) -> bool:
    """`text` finds texts and texting; `texting` finds text."""
    return word.startswith(asked) or (len(word) >= 4 and asked.startswith(word))


def entries(config: ServerConfig) -> list[Entry]:
    """Every tool a toolset of this server could offer (reads only, when read-only)."""
    found = [
        Entry(spec.name, spec.toolset, spec.description)
        for spec in all_tool_specs()
        if not config.read_only or spec.effect is Effect.READ
    ]
    found += [Entry(c.name, c.toolset, c.description) for c in COMPOSITE_TOOLS]
    return found


class FoundTool(BaseModel):
    name: str
    toolset: str
    enabled: bool
    """In the tool list now; else enable_toolset its toolset first."""
    description: str


class Found(BaseModel):
    tools: list[FoundTool]
    """Best first, at most MAX_FOUND."""
    more: int = 0
    """How many more matched."""


class Enabled(BaseModel):
    toolset: str
    added: list[str]
    """The tools it added to the tool list."""


def find(query: str, config: ServerConfig, enabled: set[str]) -> tuple[str, Found]:
    """The find_tools answer: one line per matching tool, best first, saying its toolset."""
    asked = [word for word in dict.fromkeys(_words(query)) if word not in _STOP_WORDS]
    scored = []
    for order, entry in enumerate(entries(config)):
        score = entry.score(asked)
        if score:
            scored.append((-score, order, entry))
    chosen = [entry for _, _, entry in sorted(scored)[:MAX_FOUND]]
    found = Found(
        tools=[FoundTool(**vars(e), enabled=e.toolset in enabled) for e in chosen],
        more=len(scored) - len(chosen),
    )
    if not chosen:
        offered = "; ".join(f"{t.id}: {t.description}" for t in toolsets.TOOLSETS)
        return f"No tool matches {query!r}. The toolsets: {offered}.", found
    lines = []
    for tool in found.tools:
        state = "enabled" if tool.enabled else f"{ENABLE_TOOLSET} {tool.toolset} first"
        lines.append(f"{tool.name} ({tool.toolset}; {state}): {tool.description}")
    if found.more:
        lines.append(f"({found.more} more: use more words)")
    return "\n".join(lines), found


_STOP_WORDS = frozenset({"a", "an", "the", "of", "to", "for", "and", "or", "in", "on", "my", "me", "i", "with"})


async def tell_tools_changed(ctx: Context) -> None:
    """Tell the client its tool list changed, as its protocol version has it."""
    if ctx.request_context.protocol_version in MODERN_PROTOCOL_VERSIONS:
        await ctx.notify_tools_changed()
    else:
        await ctx.session.send_tool_list_changed()


def declare_tools_changed(server: MCPServer[Any]) -> None:
    """Declare `tools.listChanged` to 2025-11-25 clients (2026-07-28 ones learn it from
    `subscriptions/listen`, which MCPServer serves). MCPServer has no option for it: the
    low-level server takes it at `create_initialization_options`, which every transport calls."""
    low = server._lowlevel_server
    low.create_initialization_options = functools.partial(  # type: ignore[method-assign]
        low.create_initialization_options, NotificationOptions(tools_changed=True)
    )


_ANNOTATIONS = {"read_only_hint": True, "destructive_hint": False, "idempotent_hint": True, "open_world_hint": False}
"""Both tools change nothing in the CRM; enabling a toolset only lists more tools (as in
github-mcp-server, where enable_toolset is read-only too)."""


def register_dynamic_tools(
    server: MCPServer[Any], config: ServerConfig, register: Callable[[tuple[str, ...]], None]
) -> None:
    """Add find_tools and enable_toolset; `register(ids)` registers the tools of those toolsets."""
    enabled = set(config.toolsets)
    declare_tools_changed(server)

    async def find_tools(query: Query) -> Annotated[CallToolResult, Found]:
        text, found = find(query, config, enabled)
        return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=found.model_dump())

    def answer(text: str, toolset: str, added: list[str]) -> CallToolResult:
        structured = Enabled(toolset=toolset, added=added).model_dump()
        return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=structured)

    async def enable_toolset(toolset: str, ctx: Context) -> Annotated[CallToolResult, Enabled]:
        if toolset in enabled:
            return answer(f"The {toolset} toolset is already enabled: its tools are in your tool list.", toolset, [])
        if toolset not in toolsets.BY_ID:  # the schema's enum says so too; a host may not check it
            raise ToolError(f"Unknown toolset {toolset!r}; choose from {', '.join(toolsets.ALL)}")
        before = {tool.name for tool in server._tool_manager.list_tools()}
        register((toolset,))
        enabled.add(toolset)
        added = [tool.name for tool in server._tool_manager.list_tools() if tool.name not in before]
        await tell_tools_changed(ctx)
        text = (
            f"Enabled the {toolset} toolset: {', '.join(added) or 'no tools (this server is read-only)'}. "
            "They are in your tool list now; if your client does not show them yet, ask the person to "
            f"reconnect the server or start it with --toolsets {','.join(sorted(enabled))}."
        )
        return answer(text, toolset, added)

    choice = cast(Any, Literal)[toolsets.ALL]
    enable_toolset.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("toolset", inspect.Parameter.KEYWORD_ONLY, annotation=choice),
            inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context),
        ],
        return_annotation=Annotated[CallToolResult, Enabled],
    )
    enable_toolset.__annotations__ = {"toolset": choice, "ctx": Context, "return": Annotated[CallToolResult, Enabled]}
    tools = (
        (find_tools, FIND_TOOLS, "Find tools", "Find any tool, enabled or not"),
        (enable_toolset, ENABLE_TOOLSET, "Enable toolset", "Add a toolset's tools to your list"),
    )
    for function, name, title, description in tools:
        server.add_tool(
            function,
            name=name,
            title=title,
            description=description,
            annotations=ToolAnnotations(title=title, **_ANNOTATIONS),
        )
        registered = server._tool_manager.get_tool(name)
        assert registered is not None
        registered.parameters = clean_schema(registered.parameters, drop=("additionalProperties",))
        output = registered.fn_metadata.output_schema
        if output is not None:
            registered.fn_metadata.output_schema = clean_schema(output)
