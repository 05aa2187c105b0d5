"""Chime errors as ToolErrors: what went wrong and the next step, never a trace or a secret."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import communication, leads, logs, notes, tasks, team, transactions, webhooks
from chime_mcp.chime.operation import Operation


@dataclass(frozen=True)
class Finder:
    """Which record an id argument names, and the tool that finds a valid one."""

    argument: str
    noun: str
    how: str
    """The next step, with `{tool}` for the finder's name."""
    tool: Operation[Any] | None = None

    @property
    def hint(self) -> str:
        return self.how.format(tool=self.tool.tool if self.tool is not None else "")


FINDERS: tuple[Finder, ...] = (
    # Most specific first: get_transaction names a lead and a transaction.
    Finder("noteId", "note", "list the lead's notes with {tool}", notes.LIST_NOTES),
    Finder("taskId", "task", "list the lead's tasks with {tool}", tasks.LIST_TASKS),
    Finder("logTypeId", "log", "list the lead's logs with {tool}", logs.LIST_LOGS),
    Finder("callId", "call", "find the lead's calls with {tool}", communication.SEARCH_CALLS),
    Finder("transactionId", "transaction", "list the lead's deals with {tool}", transactions.LIST_TRANSACTIONS),
    Finder("subscribeId", "webhook", "list webhooks with {tool}", webhooks.LIST_WEBHOOKS),
    Finder("userId", "user", "list team members with {tool}", team.LIST_MEMBERS),
    Finder("account", "member", "list team members with {tool}", team.LIST_MEMBERS),
    Finder("leadId", "lead", "find it with {tool} by name, email or phone", leads.SEARCH_LEADS),
    Finder("id", "record", "list the records first to get a valid id"),
)
"""Checked in order against a failed call's arguments; the first one present names the record."""


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
    for finder in FINDERS:
        value = arguments.get(finder.argument)
        if value is not None:
            return f"{finder.noun.capitalize()} {value} not found: {finder.hint}."
    return f"{exc.message}. {exc.hint}."
