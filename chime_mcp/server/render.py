"""Moved to `chime_mcp.server.tools.render`; this shim goes at integration."""

from chime_mcp.server.tools.render import SUMMARY_FIELDS, dump, plain, present, render, render_dump

__all__ = ["SUMMARY_FIELDS", "dump", "plain", "present", "render", "render_dump"]
