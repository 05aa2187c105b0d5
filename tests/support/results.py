"""Reading a tool result as the model does."""

from __future__ import annotations

from typing import Any


def text_of(result: Any) -> str:
    """The text blocks of a CallToolResult, one after another: what the model reads."""
    return "\n".join(getattr(block, "text", "") for block in result.content)
