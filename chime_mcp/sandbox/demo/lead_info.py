"""What the generators know about the lead being built: `LeadInfo` and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.vocabulary import Area


class TextContext(TypedDict):
    """What the ``{first}``, ``{city}`` ... of the vocabulary's texts are filled with."""

    first: str
    city: str
    street: str
    price: int
    beds: int
    months: int
    agent: str
    source: str
    address: str
    home: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where the lead lives (``home``, at ``street``) and where it looks (``want``)."""

    relocation: bool
    home: Area
    want: Area
    street: str


@dataclass(frozen=True, slots=True)
class Ownership:
    """Who owns the lead: an agent, a pond or nobody yet; who works it; when; and its lender."""

    agent: Record | None
    pond: Record | None
    worker: Record
    assign_time: int
    lender: Record | None


@dataclass(slots=True)
class LeadInfo:
    """The lead's profile, drawn first; its history generators read it and record milestones,
    edited notes and the latest time anything happened (``max_ts``) into it."""

    lead_id: int
    lead_user_id: int
    first: str
    last: str
    email: str
    emails: list[str]
    phones: list[str]
    stage: str
    depth: int
    source: str
    bob: bool
    created: int
    last_ts: int
    place: Place
    lead_types: list[int]
    buyer: bool
    seller: bool
    tag_names: list[str]
    price_k: int
    agent: Record | None
    pond: Record | None
    worker: Record
    assign_time: int
    lender: Record | None
    ctx: TextContext
    milestones: list[tuple[str, int]] = field(default_factory=list)
    """(stage, when the lead entered it), oldest first; the last one is its current stage."""
    edited_notes: list[tuple[int, int, Record, str]] = field(default_factory=list)
    """(noteId, when, author, text) of every note edited after it was written."""
    max_ts: int = 0
    """The latest time anything happened to the lead (at least ``created``)."""

    def __post_init__(self) -> None:
        self.max_ts = self.created

    @property
    def phone(self) -> str:
        return self.phones[0]

    def bump(self, ts: int) -> None:
        if ts > self.max_ts:
            self.max_ts = ts
