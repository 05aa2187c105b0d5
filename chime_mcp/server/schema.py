"""Moved to `chime_mcp.server.tools.schema`; this shim goes at integration."""

from chime_mcp.server.tools.schema import clean_schema, output_schemas

__all__ = ["clean_schema", "output_schemas"]
