"""Moved to `chime_mcp.server.tools.errors`; this shim goes at integration."""

from chime_mcp.server.tools.errors import FINDERS, tool_error

__all__ = ["FINDERS", "tool_error"]
