"""The shape of one catalog entry: everything the client, the MCP tools and the sandbox need.

An operation is written once, in `catalog.py`; the client builds requests from it, the server
builds a tool from it and the sandbox builds a route from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

R = TypeVar("R")

Location = Literal["path", "query"]
Pagination = Literal["offset", "scroll", "page", "pageNumber"]


class Effect(StrEnum):
    """What calling an operation does to the world; every operation has exactly one.

    The class, never the tool's name, decides the rules: which calls need a person's yes, and
    the MCP annotations (the specification's `destructiveHint` is "may perform destructive
    updates", overwrites included).
    """

    READ = "read"
    WRITE = "write"
    """Adds to one record or creates one (create, add, log)."""
    OVERWRITE = "overwrite"
    """Replaces what one record holds (update, assign, sync)."""
    REASSIGN = "reassign"
    """Changes who receives or may work leads team-wide (routing rules, a user's role)."""
    DESTROY = "destroy"
    EXPOSE = "expose"
    """Sends CRM data out of the CRM (webhooks)."""
    SEND = "send"
    """Sends a message to a person."""

    @property
    def needs_person(self) -> bool:
        """Goes ahead only on a person's yes, through a channel the model cannot answer."""
        return self in (Effect.REASSIGN, Effect.DESTROY, Effect.EXPOSE, Effect.SEND)

    @property
    def destructive(self) -> bool:
        """May overwrite or remove what is there (the MCP `destructiveHint`)."""
        return self in (Effect.OVERWRITE, Effect.REASSIGN, Effect.DESTROY)


@dataclass(frozen=True, kw_only=True)
class Param:
    """A path or query parameter. `annotation` carries its type, enum and bounds."""

    name: str
    location: Location
    annotation: Any
    required: bool = False
    description: str = ""
    default: Any = None
    """Sent when the caller gives nothing; also the tool's default."""
    beyond_reference: bool = False
    """Documented only by the published API, not by the reference we implement."""
    deviation: str = ""
    """Why this parameter differs from the reference, where it does."""
    tool_name: str = ""
    """The tool argument's name where the wire name would not tell a model what it is."""


@dataclass(frozen=True, kw_only=True)
class Body:
    """The JSON body: one model (or a list of them), flattened into tool arguments."""

    name: str
    model: type[BaseModel]
    is_list: bool = False
    required: bool = True
    tool_hidden: tuple[str, ...] = ()
    """Fields left out of the tool's schema: covered by a dedicated tool, or set by the server."""
    tool_types: Mapping[str, Any] = field(default_factory=dict)
    """Narrower types a tool presents for fields whose model type is needlessly wide."""
    renamed: Mapping[str, str] = field(default_factory=dict)
    """Reference field names the published document does not take, each with what to do instead:
    the tool refuses them (never drops them) and says this."""
    one_of: tuple[str, ...] = ()
    """Fields of which the API needs at least one (no schema says so without `anyOf`, which
    hosts refuse): the client refuses a body without any before sending, the tool says it."""
    kept: tuple[str, ...] = ()
    """Fields a whole-record PUT resets when left out (a note's pin): an overwrite that does not
    set them sends what the record holds, read first."""


@dataclass(frozen=True, kw_only=True)
class Variant:
    """One operation served as several tools, each fixing some body fields (log_call, ...)."""

    tool: str
    title: str
    description: str
    fixed: Mapping[str, Any]
    hidden: tuple[str, ...] = ()
    """Body fields that mean nothing for this variant (a call outcome on a logged email)."""


@dataclass(frozen=True, kw_only=True)
class Operation(Generic[R]):
    tool: str
    method: Literal["GET", "POST", "PUT", "DELETE"]
    path: str
    title: str
    description: str
    toolset: str
    effect: Effect
    result: type[R]
    params: tuple[Param, ...] = ()
    body: Body | None = None
    unwrap: tuple[str, ...] = ()
    """Keys that wrap the result on the wire (`{"notes": [...]}`); the bare shape is accepted too."""
    pagination: Pagination | None = None
    pages_here: int = 0
    """The API answers the whole list at once (no limit, no offset): a tool shows this many by
    default and pages the rest with its own `limit` and `offset`, saying so."""
    variants: tuple[Variant, ...] = ()
    omitted: Mapping[str, str] = field(default_factory=dict)
    """Reference parameters we deliberately do not send, with the reason."""
    per_minute: int | None = None
    """A per-endpoint rate limit below the credential's (the AI endpoints): at most this many calls
    a minute, enforced by the client's rate budget (chime/ratelimit.py)."""

    @property
    def path_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == "path")

    @property
    def query_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == "query")

    @cached_property
    def params_model(self) -> type[BaseModel]:
        """A pydantic model of the path and query parameters, used to validate a call."""
        fields: dict[str, Any] = {}
        for p in self.params:
            info = Field(description=p.description or None)
            if p.required and p.default is None:
                fields[p.name] = (p.annotation, info)
            else:
                fields[p.name] = (p.annotation | None, Field(default=None, description=p.description or None))
        model: type[BaseModel] = create_model(
            f"{_camel(self.tool)}Params",
            __config__=ConfigDict(extra="forbid"),
            **fields,
        )
        return model

    @cached_property
    def result_adapter(self) -> TypeAdapter[R]:
        return TypeAdapter(self.result)

    @cached_property
    def path_regex(self) -> re.Pattern[str]:
        """Matches a request path and captures its placeholders (used by the sandbox)."""
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.path)
        return re.compile(f"^{pattern}$")

    def render_path(self, values: Mapping[str, Any]) -> str:
        """The path with its placeholders filled, each value percent-encoded as one segment."""
        return re.sub(r"\{(\w+)\}", lambda m: _segment(values[m.group(1)]), self.path)


def _segment(value: Any) -> str:
    """`value` as one path segment: percent-encoded, and a lone "." or ".." (which a URL would
    resolve as a move up the path, e.g. a calendar id given as "..") with its dots encoded too."""
    text = quote(str(value), safe="@")
    return text.replace(".", "%2E") if text in (".", "..") else text


def _camel(snake: str) -> str:
    return "".join(part.title() for part in snake.split("_"))
