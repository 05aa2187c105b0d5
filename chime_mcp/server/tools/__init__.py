"""The MCP tools made from the operation catalog.

    specs.py      what each tool looks like (arguments, target of each), from the catalog; no MCP
    signature.py  the function the SDK registers, with the tool's arguments as its signature
    schema.py     input and output schemas every host accepts
    render.py     one dump of a result -> structuredContent and the compact text
    errors.py     Chime errors -> ToolErrors with a next step
    register.py   registration and the chain a call runs through
    inventory.py  which tools a configuration offers; `chime-mcp tools`, the README table

`chime_mcp.server.tools` re-exports what the single module of that name used to hold.
"""

from chime_mcp.server.tools.register import (
    Backend,
    Gate,
    annotations_for,
    check_tool_calls,
    register_tools,
    tool_function,
)
from chime_mcp.server.tools.render import dump as structured
from chime_mcp.server.tools.schema import output_schemas
from chime_mcp.server.tools.signature import ToolFunction, with_signature

__all__ = [
    "Backend",
    "Gate",
    "ToolFunction",
    "annotations_for",
    "check_tool_calls",
    "output_schemas",
    "register_tools",
    "structured",
    "tool_function",
    "with_signature",
]
