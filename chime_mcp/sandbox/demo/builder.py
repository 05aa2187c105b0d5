"""The one-use builder every generator works through: the draws, the clock, the ids, the state."""

from __future__ import annotations

from datetime import datetime

from chime_mcp.sandbox.demo.draws import Draws
from chime_mcp.sandbox.demo.state import ID_BASE, DemoState, Record
from chime_mcp.sandbox.demo.times import Clock
from chime_mcp.sandbox.demo.vocabulary import MONTHS, STREET_KINDS, STREETS


class Builder(Draws, Clock):
    """One use: holds the random stream, the clock, the id counter and the growing collections."""

    # The team's key people and lists, set by `team.build_team` (``isa_role`` by
    # `routing.build_routing`) before any lead is built.
    agents: list[Record]
    admin: Record
    lender: Record
    assistant: Record
    ponds: list[Record]
    isa_role: Record
    tag_by_name: dict[str, Record]

    def __init__(self, seed: int, now: datetime) -> None:
        Draws.__init__(self, seed)
        Clock.__init__(self, now)
        self._next = ID_BASE + 1
        self.state = DemoState(
            me_id=0,
            team_id=0,
            org={},
            members={},
            leads={},
            notes={},
            tasks={},
            calls={},
            emails={},
            texts={},
            logs={},
            appointments={},
            activities={},
            transactions={},
            system_logs={},
            tags={},
            custom_fields=[],
            lead_ponds={},
            routing_roles=[],
            routing_rules={},
            supplement_rules={},
            webhooks={},
            inquiries={},
            properties={},
            next_id=0,
            now=now,
        )
        self.phones: set[str] = set()
        self.emails_used: set[str] = set()

    def nid(self) -> int:
        """The next id (one counter for every collection)."""
        n = self._next
        self._next = n + 1
        return n

    def phone(self, prefix: str) -> str:
        """A (555) number not handed out before."""
        while True:
            number = f"(555) {prefix}{self.rr(10)}-{self.rr(10000):04d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def street(self) -> str:
        """A street address such as ``1234 Live Oak Dr``."""
        return f"{self.ri(100, 9899)} {self.pick(STREETS)} {self.pick(STREET_KINDS)}"

    def birthday(self) -> str:
        """``MMM d, yyyy``."""
        return f"{MONTHS[self.rr(12)]} {self.ri(1, 28)}, {self.ri(1950, 2003)}"


def full_name(member: Record) -> str:
    return f"{member['firstName']} {member['lastName']}"
