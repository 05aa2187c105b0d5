"""Moved to `chime_mcp.server.tools.specs`; this shim goes at integration."""

from chime_mcp.server.tools.specs import DETAIL_RESULTS, Argument, Target, ToolSpec, all_tool_specs

__all__ = ["DETAIL_RESULTS", "Argument", "Target", "ToolSpec", "all_tool_specs"]
