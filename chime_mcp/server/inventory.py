"""Moved to `chime_mcp.server.tools.inventory` (and `listed_tools` to `chime_mcp.wiring`);
this shim goes at integration."""

from chime_mcp.server.tools.inventory import (
    COMPOSITE_TOOLS,
    README_BEGIN,
    README_END,
    inventory_table,
    model_view,
    readme_table,
    selected_specs,
    token_counter,
)
from chime_mcp.wiring import listed_tools

__all__ = [
    "COMPOSITE_TOOLS",
    "README_BEGIN",
    "README_END",
    "inventory_table",
    "listed_tools",
    "model_view",
    "readme_table",
    "selected_specs",
    "token_counter",
]
