"""Compatibility shim: the timeline moved to `chime_mcp.services.timeline` (MCP-free) and its
tool to `chime_mcp.server.timeline_tool`. Importers to switch: server/app.py
(`register_timeline_tool`) and bench/timeline_latency.py (`build_timeline`, `parse_filters`,
`sources`). Remove this module once they import from the new places."""

from chime_mcp.server.timeline_tool import TOOL_DESCRIPTION, TOOL_NAME, TOOL_TITLE, register_timeline_tool
from chime_mcp.services.timeline import (
    DEFAULT_LIMIT,
    KINDS,
    MAX_LIMIT,
    PAGE,
    Event,
    Filters,
    Source,
    Timeline,
    build_timeline,
    deduplicate,
    iso,
    parse_filters,
    parse_time,
    sources,
)

__all__ = [
    "DEFAULT_LIMIT",
    "KINDS",
    "MAX_LIMIT",
    "PAGE",
    "TOOL_DESCRIPTION",
    "TOOL_NAME",
    "TOOL_TITLE",
    "Event",
    "Filters",
    "Source",
    "Timeline",
    "build_timeline",
    "deduplicate",
    "iso",
    "parse_filters",
    "parse_time",
    "register_timeline_tool",
    "sources",
]
