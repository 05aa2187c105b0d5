"""The `get_lead_timeline` tool: one read merged from fifteen operations (services/timeline)."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from chime_mcp.chime import errors
from chime_mcp.server.tools import Backend
from chime_mcp.server.tools.errors import tool_error
from chime_mcp.server.tools.schema import clean_schema
from chime_mcp.services.timeline import DEFAULT_LIMIT, KINDS, MAX_LIMIT, Timeline, build_timeline, parse_filters

TOOL_NAME = "get_lead_timeline"
TOOL_TITLE = "Get lead timeline"
TOOL_DESCRIPTION = "A lead's whole history, newest first. kinds: " + ",".join(KINDS) + "."

# Terse on purpose: the tool is in the default set, whose schemas share a 4,000-token budget.
Kinds = Annotated[str, Field(description="Comma-separated")]
Since = Annotated[str, Field(description="ISO date/time (UTC) or 30d")]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]


def register_timeline_tool(server: MCPServer[Any], backend: Backend) -> None:
    """Add `get_lead_timeline` to the server (the "leads" toolset)."""

    async def get_lead_timeline(
        leadId: int,
        since: Since = "",
        until: str = "",
        kinds: Kinds = "",
        limit: Limit = DEFAULT_LIMIT,
    ) -> Annotated[CallToolResult, Timeline]:
        arguments = {"leadId": leadId, "since": since, "until": until, "kinds": kinds, "limit": limit}
        try:
            filters = parse_filters(since, until, kinds, limit)
            client = await backend.client()
            timeline = await build_timeline(client, leadId, filters)
        except errors.ChimeError as exc:
            raise tool_error(TOOL_NAME, exc, arguments) from None
        return CallToolResult(
            content=[TextContent(type="text", text=timeline.to_markdown())],
            structured_content=timeline.as_json(),
        )

    server.add_tool(
        get_lead_timeline,
        name=TOOL_NAME,
        title=TOOL_TITLE,
        description=TOOL_DESCRIPTION,
        annotations=ToolAnnotations(
            title=TOOL_TITLE,
            read_only_hint=True,
            destructive_hint=False,
            idempotent_hint=True,
            open_world_hint=False,
        ),
    )
    # As tools.py does for catalog tools: no titles, refs or nullable unions in the schemas.
    registered = server._tool_manager.get_tool(TOOL_NAME)
    assert registered is not None
    registered.parameters = clean_schema(registered.parameters, drop=("additionalProperties",))
    for schema in registered.parameters["properties"].values():
        # An empty-text default says nothing a missing "required" does not already say.
        if schema.get("default") == "":
            del schema["default"]
    output = registered.fn_metadata.output_schema
    if output is not None:
        registered.fn_metadata.output_schema = clean_schema(output)
