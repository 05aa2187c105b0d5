"""Chime errors as ToolErrors: what went wrong and the next step, never a trace or a secret."""

from __future__ import annotations

import re
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
        seconds = max(1, round(exc.retry_after))
        return ToolError(f"Rate limited by Chime: its request budget is spent, nothing was done. Retry in {seconds} s.")
    if isinstance(exc, errors.InvalidInputError):
        return ToolError(f"{exc.message}. Fix those arguments and call {tool} again.")
    if isinstance(exc, errors.TransportError | errors.ServerError):
        return ToolError(f"{exc}")
    return ToolError(str(exc))


def _not_found(exc: errors.NotFoundError, arguments: Mapping[str, Any]) -> str:
    """The API's words first; a record is called missing only when the API named it.

    A 404 on a call with a leadId may be about another record (an unknown user to assign to)
    or about no record at all (a wrong base URL): blaming the lead would tell a person their
    data is gone.
    """
    said = exc.api_text.lower()
    if "sales agent" in said and arguments.get("leadId") is not None:  # the lead is there, its AI is not
        return f"{exc.message}. No AI Sales Agent works lead {arguments['leadId']}: add_working_leads hands it one."
    words = set(re.findall(r"[\w.@+-]+", said))
    present = [(finder, arguments[finder.argument]) for finder in FINDERS if arguments.get(finder.argument) is not None]
    for finder, value in present:
        if str(value).lower() in words:
            return f"{finder.noun.capitalize()} {value} not found: {finder.hint}. (Chime: {_words(exc)}.)"
    for finder in FINDERS:
        if finder.noun in words and finder.tool is not None:
            return f"{exc.message}. Next: {finder.hint}."
    if present and not said:
        finder, value = present[0]
        return f"{exc.message}. Chime did not say what is missing; check {finder.argument} {value}: {finder.hint}."
    return f"{exc.message}. {exc.hint}."


def _words(exc: errors.ApiError) -> str:
    """The API's own message and code, as it said them."""
    code = f", code {exc.code}" if exc.code is not None and str(exc.code) not in exc.api_text else ""
    return f"{exc.api_text}{code}"
