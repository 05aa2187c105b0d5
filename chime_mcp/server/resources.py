"""MCP resources: the workspace (me, team members, tags, custom fields, lead ponds), a lead's
profile and timeline, and completions for their arguments.

Resources are what a host can attach to a conversation without the model calling a tool. They
read through the same ChimeClient as the tools and show the same compact renderings; a Chime
error becomes a ResourceError with the message a tool would give.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.shared.exceptions import MCPError
from mcp_types import (
    INVALID_PARAMS,
    Completion,
    CompletionArgument,
    CompletionContext,
    PromptReference,
    ResourceTemplateReference,
)

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import team
from chime_mcp.chime.catalog.leads import GET_LEAD
from chime_mcp.chime.operation import Operation
from chime_mcp.server.tools import Backend
from chime_mcp.server.tools.errors import tool_error
from chime_mcp.server.tools.get_lead_timeline import TOOL_NAME as TIMELINE_TOOL
from chime_mcp.server.tools.render import render
from chime_mcp.services.completions import Suggestions, suggest
from chime_mcp.services.timeline import DEFAULT_LIMIT, Timeline, build_timeline, parse_filters

TIMELINE_QUERY = "{?since,until,kinds,limit}"
"""Optional filters on both timeline templates, e.g. chime://leads/1/timeline?kinds=call&limit=20."""


STATIC: tuple[tuple[str, str, str, Operation[Any], Mapping[str, Any]], ...] = (
    # uri, title, description, operation, params
    ("chime://me", "Me", "The user the credential belongs to.", team.GET_ME, {}),
    (
        "chime://team/members",
        "Team members",
        "The team's members with their user ids.",
        team.LIST_MEMBERS,
        {"limit": 200},
    ),
    ("chime://team/tags", "Lead tags", "The team's lead tags.", team.LIST_TAGS, {}),
    (
        "chime://team/custom-fields",
        "Custom fields",
        "The team's custom lead fields.",
        team.LIST_CUSTOM_FIELDS,
        {},
    ),
    (
        "chime://team/lead-ponds",
        "Lead ponds",
        "The team's shared lead ponds.",
        team.LIST_LEAD_PONDS,
        {},
    ),
)

_COMPLETION_MAX = 100
"""The most values a completion may carry (MCP's limit)."""


def register_resources(server: MCPServer[Any], backend: Backend) -> None:
    """Add every resource, both lead templates and the completion handler to `server`."""
    for uri, title, description, op, params in STATIC:
        name = uri.removeprefix("chime://").replace("/", "_").replace("-", "_")
        server.resource(uri, name=name, title=title, description=description, mime_type="text/plain")(
            _static_reader(backend, op, params)
        )

    @server.resource(
        "chime://leads/{leadId}",
        name="lead",
        title="Lead profile",
        description="One lead's profile, every field.",
        mime_type="text/plain",
    )
    async def lead_profile(leadId: str, ctx: Context) -> str:
        lead_id = _lead_id(leadId)
        return render(await _read(backend, GET_LEAD, {"leadId": lead_id}, ctx, f"chime://leads/{leadId}"), detail=True)

    @server.resource(
        "chime://leads/{leadId}/timeline" + TIMELINE_QUERY,
        name="lead_timeline",
        title="Lead timeline",
        description="A lead's whole history, newest first. Optional: since, until, kinds, limit.",
        mime_type="text/markdown",
    )
    async def lead_timeline(
        leadId: str, ctx: Context, since: str = "", until: str = "", kinds: str = "", limit: str = ""
    ) -> str:
        return (await _timeline(backend, ctx, leadId, since, until, kinds, limit)).to_markdown()

    @server.resource(
        "chime://leads/{leadId}/timeline.json" + TIMELINE_QUERY,
        name="lead_timeline_json",
        title="Lead timeline (JSON)",
        description="The lead timeline as JSON events: time, kind, direction, who, summary, source, id.",
        mime_type="application/json",
    )
    async def lead_timeline_json(
        leadId: str, ctx: Context, since: str = "", until: str = "", kinds: str = "", limit: str = ""
    ) -> str:
        return (await _timeline(backend, ctx, leadId, since, until, kinds, limit)).to_json()

    @server.completion()  # type: ignore[untyped-decorator, no-untyped-call]  # the SDK leaves it untyped
    async def complete(
        ref: PromptReference | ResourceTemplateReference,
        argument: CompletionArgument,
        context: CompletionContext | None,
    ) -> Completion | None:
        # One handler serves resource templates and prompts alike: arguments mean the same
        # thing wherever they appear (a leadId is a leadId).
        return await complete_argument(backend, argument.name, argument.value)


def _static_reader(backend: Backend, op: Operation[Any], params: Mapping[str, Any]) -> Callable[[], Awaitable[str]]:
    async def read() -> str:
        return render(await _read(backend, op, params), noun=op.tool.split("_", 1)[-1].replace("_", " "))

    read.__name__ = op.tool
    return read


async def _read(
    backend: Backend, op: Operation[Any], params: Mapping[str, Any], ctx: Context | None = None, uri: str = ""
) -> Any:
    try:
        client = await backend.client()
        return await client.call(op, params)
    except errors.ChimeError as exc:
        raise _resource_error(ctx, exc, str(tool_error(op.tool, exc, params)), uri) from None


async def _timeline(
    backend: Backend, ctx: Context, lead: str, since: str, until: str, kinds: str, limit: str
) -> Timeline:
    lead_id = _lead_id(lead)
    arguments = {"leadId": lead_id, "since": since, "until": until, "kinds": kinds, "limit": limit}
    try:
        if limit and not limit.strip().isdigit():
            raise errors.InvalidInputError(f"limit must be a whole number (got {limit!r})", fields=("limit",))
        filters = parse_filters(since, until, kinds, int(limit) if limit else DEFAULT_LIMIT)
        return await build_timeline(await backend.client(), lead_id, filters)
    except errors.ChimeError as exc:
        raise _resource_error(
            ctx, exc, str(tool_error(TIMELINE_TOOL, exc, arguments)), f"chime://leads/{lead}/timeline"
        ) from None


RESOURCE_NOT_FOUND = -32002
"""The resource-not-found error of the 2025-11-25 specification (and those before it)."""


def _resource_error(ctx: Context | None, exc: errors.ChimeError, message: str, uri: str) -> Exception:
    """A missing record as the specification's resource-not-found error; anything else as -32603.

    2026-07-28 retired -32002 and answers a missing resource with invalid params (-32602, as the
    SDK's ResourceNotFoundError); the protocol versions before it name -32002.
    """
    if isinstance(exc, errors.NotFoundError):
        if ctx is not None and (ctx.protocol_version or "") >= "2026-07-28":
            return MCPError(INVALID_PARAMS, message, {"uri": uri})
        return MCPError(RESOURCE_NOT_FOUND, message, {"uri": uri})
    if isinstance(exc, errors.InvalidInputError):
        return MCPError(INVALID_PARAMS, message, {"uri": uri})
    return ResourceError(message)


def _lead_id(text: str) -> int:
    if not text.strip().isdigit():
        raise MCPError(
            INVALID_PARAMS,
            f"leadId must be a number (got {text!r}): find the lead with search_leads by name, email or phone.",
        )
    return int(text)


# -- completions (the suggestions are services/completions.py) ------------------------------------


async def complete_argument(backend: Backend, name: str, value: str) -> Completion | None:
    """Suggestions for one argument of a template or prompt; None for arguments we do not know."""
    found = await suggest(backend.client, name, value)
    return None if found is None else _completion(found)


def _completion(found: Suggestions) -> Completion:
    """At most `_COMPLETION_MAX` values; `total` and `hasMore` only where they are known to be
    true: suggestions read off one page of a bigger list leave them out (unless more than the
    maximum were found already)."""
    values = found.values[:_COMPLETION_MAX]
    total = len(found.values) if found.exhaustive else found.total
    if total is not None:
        return Completion(values=values, total=total, has_more=total > len(values))
    return Completion(values=values, has_more=True if len(found.values) > len(values) else None)
