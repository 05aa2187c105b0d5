"""What the demo generator builds: `DemoState`, every record a dict in the live wire format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Record = dict[str, Any]
"""One wire record (camelCase keys, the API's time formats)."""

DEFAULT_NOW = datetime(2026, 6, 15, 16, 30, 0, tzinfo=UTC)
"""The reference "now" when none is given: history lies before it, open tasks around it."""

ID_BASE = 600_000_000_000_000
"""Every 64-bit id in the demo state is ``ID_BASE + n``, unique across all collections."""

HISTORY_DAYS = 540
"""How far back the history reaches (about 18 months)."""


@dataclass
class DemoState:
    """Everything the sandbox serves, in wire format.

    Keys: ``members`` by user id (``id == memberUserId``); ``leads`` by ``leadId``; ``notes`` by
    ``noteId`` (a note's ``id`` is its timeline id, as on the wire); ``transactions`` by
    ``transactionId`` (each also carries ``leadId``); ``system_logs`` by the int form of their ``id``
    (a string on the wire); ``tags`` by ``tagId``; ``webhooks`` by ``subscribeId``; everything else
    by ``id``. ``activities``, ``inquiries`` and ``properties`` have a (maybe empty) list for every
    lead; a lead's ``leadPropertyList`` *is* its ``properties`` list and its ``leadInquiry`` the last
    of its ``inquiries`` (same objects), so appending to them updates the lead. ``logs`` carry an
    extra ``logType`` ("Call"/"Email"/"Text"; the wire filter is logCall/logEmail/logText) to strip
    before serving.
    """

    me_id: int
    team_id: int
    org: Record
    members: dict[int, Record]
    leads: dict[int, Record]
    notes: dict[int, Record]
    tasks: dict[int, Record]
    calls: dict[int, Record]
    emails: dict[int, Record]
    texts: dict[int, Record]
    logs: dict[int, Record]
    appointments: dict[int, Record]
    activities: dict[int, list[Record]]
    transactions: dict[int, Record]
    system_logs: dict[int, Record]
    tags: dict[int, Record]
    custom_fields: list[Record]
    lead_ponds: dict[int, Record]
    routing_roles: list[Record]
    routing_rules: dict[int, list[Record]]
    supplement_rules: dict[int, Record]
    webhooks: dict[int, Record]
    inquiries: dict[int, list[Record]]
    properties: dict[int, list[Record]]
    next_id: int
    stage_ids: dict[str, int] = field(default_factory=dict)
    """Stage name -> stageId (what a lead's ``stageId`` refers to)."""
    source_ids: dict[str, int] = field(default_factory=dict)
    """Source name -> leadSource id."""
    listings: list[Record] = field(default_factory=list)
    """The MLS listings the website activity refers to (LeadProperty shape)."""
    now: datetime = DEFAULT_NOW
    """The reference time the state was built around."""
