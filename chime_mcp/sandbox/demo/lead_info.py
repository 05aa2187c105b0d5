"""What the generators know about the lead being built: `LeadInfo` and its parts."""

from __future__ import annotations

from typing import NamedTuple, TypedDict

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


class Place(NamedTuple):
    """Where the lead lives (``home``, at ``street``) and where it looks (``want``)."""

    relocation: bool
    home: Area
    want: Area
    street: str


class Ownership(NamedTuple):
    """Who owns the lead: an agent, a pond or nobody yet; who works it; when; and its lender."""

    agent: Record | None
    pond: Record | None
    worker: Record
    assign_time: int
    lender: Record | None


class LeadInfo:
    """The lead's profile, drawn first; its history generators read it and record milestones,
    edited notes and the latest time anything happened (``max_ts``) into it. (A plain class with
    slots: a dataclass would cost more to import than the whole of this module.)"""

    __slots__ = (
        "agent",
        "assign_time",
        "bob",
        "buyer",
        "created",
        "ctx",
        "depth",
        "edited_notes",
        "email",
        "emails",
        "first",
        "last",
        "last_ts",
        "lead_id",
        "lead_types",
        "lead_user_id",
        "lender",
        "max_ts",
        "milestones",
        "phones",
        "place",
        "pond",
        "price_k",
        "seller",
        "source",
        "stage",
        "tag_names",
        "worker",
    )

    def __init__(
        self,
        *,
        lead_id: int,
        lead_user_id: int,
        first: str,
        last: str,
        email: str,
        emails: list[str],
        phones: list[str],
        stage: str,
        depth: int,
        source: str,
        bob: bool,
        created: int,
        last_ts: int,
        place: Place,
        lead_types: list[int],
        buyer: bool,
        seller: bool,
        tag_names: list[str],
        price_k: int,
        agent: Record | None,
        pond: Record | None,
        worker: Record,
        assign_time: int,
        lender: Record | None,
        ctx: TextContext,
    ) -> None:
        self.lead_id = lead_id
        self.lead_user_id = lead_user_id
        self.first = first
        self.last = last
        self.email = email
        self.emails = emails
        self.phones = phones
        self.stage = stage
        self.depth = depth
        self.source = source
        self.bob = bob
        self.created = created
        self.last_ts = last_ts
        self.place = place
        self.lead_types = lead_types
        self.buyer = buyer
        self.seller = seller
        self.tag_names = tag_names
        self.price_k = price_k
        self.agent = agent
        self.pond = pond
        self.worker = worker
        self.assign_time = assign_time
        self.lender = lender
        self.ctx = ctx
        self.milestones: list[tuple[str, int]] = []
        """(stage, when the lead entered it), oldest first; the last one is its current stage."""
        self.edited_notes: list[tuple[int, int, Record, str]] = []
        """(noteId, when, author, text) of every note edited after it was written."""
        self.max_ts = created
        """The latest time anything happened to the lead (at least ``created``)."""

    @property
    def phone(self) -> str:
        return self.phones[0]

    def bump(self, ts: int) -> None:
        if ts > self.max_ts:
            self.max_ts = ts
