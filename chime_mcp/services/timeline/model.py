"""The timeline's data: one `Event` per thing that happened, and the `Timeline` of a lead.

One pydantic model serves the service and the MCP tool alike: `Timeline` is what
`build_timeline` returns, what the `get_lead_timeline` tool declares as its outputSchema, and
`Timeline.as_json()` is the tool's structured content and the `timeline.json` resource. Two
fields of `Event` (`key`, `agent_id`) are working state of the build: they are left out of the
schema and of every dump.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from chime_mcp.chime.times import iso
from chime_mcp.services.safe_text import shown, token, visible

KINDS: tuple[str, ...] = (
    "note",
    "call",
    "email",
    "text",
    "task",
    "appointment",
    "activity",
    "transaction",
    "system",
)
"""Every kind of event, in the order the tool's description lists them."""
SUMMARY_LIMIT = 240
"""Characters of an event's summary the text shows (as a list row of any other result)."""


def _terse(schema: dict[str, Any]) -> None:
    # The docstrings are for readers of the code: the tool's outputSchema stays without them
    # (its schemas share the default set's token budget).
    schema.pop("description", None)


Moment = Annotated[datetime, PlainSerializer(iso, return_type=str), WithJsonSchema({"type": "string"})]
"""A datetime in Python, ISO 8601 UTC text ("2026-06-01T09:30:00Z") on the wire and in the schema."""


class Event(BaseModel):
    """One thing that happened, whatever endpoint it came from."""

    model_config = ConfigDict(frozen=True, json_schema_extra=_terse)

    time: Moment
    kind: str
    direction: str = ""
    """"in" (from the lead), "out" (to the lead) or "" where it means nothing."""
    who: str = ""
    summary: str
    source: str
    id: str
    key: SkipJsonSchema[tuple[str, str]] = Field(default=("", ""), exclude=True)
    """Identity for de-duplication (see build.py); not shown."""
    agent_id: SkipJsonSchema[int | None] = Field(default=None, exclude=True)
    """Who acted, where a record gives only a user id; resolved into `who` at the end."""

    @model_serializer(mode="wrap")
    def _without_empty(self, handler: SerializerFunctionWrapHandler) -> Any:
        # Empty texts say nothing: an event without a direction has no "direction" key.
        data = handler(self)
        return {k: v for k, v in data.items() if v} if isinstance(data, dict) else data

    def as_json(self) -> dict[str, str]:
        data: dict[str, str] = self.model_dump(mode="json")
        return data


class Timeline(BaseModel):
    """A lead's events, newest first; also the get_lead_timeline tool's structured output."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True, json_schema_extra=_terse)

    lead_id: int = Field(alias="leadId")
    lead_name: str = Field(default="", alias="lead")
    total: int
    """Events matching the filters before `limit` cut them."""
    shown: int
    """len(events): said outright, so a reader of the JSON need not count."""
    events: list[Event]
    """The events shown: filtered, newest first, at most `limit`."""
    notes: list[str] = Field(default_factory=list)
    """What is missing or partial, one line per source."""

    @model_validator(mode="after")
    def _shown_is_counted(self) -> Self:
        if self.shown != len(self.events):
            raise ValueError(f"shown is {self.shown} but there are {len(self.events)} events")
        return self

    def as_json(self) -> dict[str, Any]:
        """The structured output: camelCase keys, ISO times, empty event fields left out."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True)
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, separators=(",", ":"))

    def to_markdown(self) -> str:
        """The text the model reads. What the records say (the lead's name, who, each summary) is
        quoted and made visible (safe_text), as in every result: CRM text is data."""
        name = f"{shown(self.lead_name)} (lead {self.lead_id})" if self.lead_name else f"lead {self.lead_id}"
        lines = [f"# Timeline of {name}"]
        if self.total == len(self.events):
            lines.append(f"{self.total} events, newest first, times UTC.")
        else:
            lines.append(
                f"{len(self.events)} of {self.total} events, newest first, times UTC. "
                "More: raise limit, or narrow with since/until/kinds."
            )
        for note in self.notes:
            lines.append(f"Note: {visible(note)}")
        for event in self.events:
            lines.append("- " + _markdown_row(event))
        return "\n".join(lines)


def _markdown_row(event: Event) -> str:
    head = f"{event.time:%Y-%m-%d %H:%M} {event.kind}"
    if event.direction:
        head += f" {event.direction}"
    if event.who:
        head += f", {shown(event.who)}"
    return f"{head}: {shown(event.summary, SUMMARY_LIMIT)} [{event.source} {token(event.id)}]"
