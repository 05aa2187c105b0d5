"""Chime errors as ToolErrors: what went wrong and the next step, never a trace or a secret."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

from chime_mcp.chime import errors

# Which record an id names, and how the model can find a valid one.
_FINDERS: dict[str, tuple[str, str]] = {
    # Most specific first: get_transaction names a lead and a transaction.
    "noteId": ("note", "list the lead's notes with list_notes"),
    "taskId": ("task", "list the lead's tasks with list_tasks"),
    "logTypeId": ("log", "list the lead's logs with list_logs"),
    "callId": ("call", "find the lead's calls with search_calls"),
    "transactionId": ("transaction", "list the lead's deals with list_transactions"),
    "subscribeId": ("webhook", "list webhooks with list_webhooks"),
    "userId": ("user", "list team members with list_members"),
    "account": ("member", "list team members with list_members"),
    "leadId": ("lead", "find it with search_leads by name, email or phone"),
    "id": ("record", "list the records first to get a valid id"),
}


def tool_error(tool: str, exc: errors.ChimeError, arguments: Mapping[str, Any]) -> ToolError:
    """One ToolError whose message a model can act on."""
    if isinstance(exc, errors.NotFoundError):
        return ToolError(_not_found(exc, arguments))
    if isinstance(exc, errors.RateLimitedError):
        return ToolError(f"Rate limited by Chime: retry in {max(1, round(exc.retry_after))} s.")
    if isinstance(exc, errors.InvalidInputError):
        return ToolError(f"{exc.message}. Fix those arguments and call {tool} again.")
    if isinstance(exc, errors.TransportError | errors.ServerError):
        return ToolError(f"{exc}")
    return ToolError(str(exc))


def _not_found(exc: errors.NotFoundError, arguments: Mapping[str, Any]) -> str:
    for key, (noun, finder) in _FINDERS.items():
        value = arguments.get(key)
        if value is not None:
            return f"{noun.capitalize()} {value} not found: {finder}."
    return f"{exc.message}. {exc.hint}."
