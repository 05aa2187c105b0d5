"""Deterministic demo data for the sandbox, shaped exactly like the live Chime/Lofty API.

`build_demo_state(seed)` returns a `DemoState`: a small real-estate team (one admin, eight agents,
a lender and an assistant), about 200 leads and a plausible history for each of them (notes, dialer
calls, emails, texts, logged calls/emails/texts, tasks, appointments, website activity, transactions
and system logs). Every record is a plain dict in the live wire format (camelCase keys, the time
formats the API uses), so the sandbox can serve it as is.

Time formats, as on the wire:
- notes, tasks, logs, calls, emails, texts, leads, tags, inquiries, appointment ``createTime``/
  ``lastUpdate``: ``yyyy-MM-dd HH:mm:ss`` (UTC); an open task's ``finishTime`` is ``""``;
- transactions, website activity ``created``, appointment ``deadline``/``endTime``/``finishTime``,
  routing ``updateTime``: epoch milliseconds;
- system logs ``timelineTime``/``createTime``/``updateTime``: ISO-8601 with milliseconds and offset
  (``2026-06-10T05:51:02.165+00:00``), as Lofty's reference for GET /v1.0/systemLogs says;
- birthdays: ``MMM d, yyyy``.

Pure stdlib, driven only by ``random.Random(seed)`` and a reference "now", so the same arguments
always give an identical state.

The package, one job per module (the order of the random draws is the data, so each generator
keeps its draws in the order it makes them; `tests/sandbox/test_sandbox_demo.py` pins digests of the state):

- `state`: `DemoState`, `Record`, `DEFAULT_NOW`, `ID_BASE`, `HISTORY_DAYS`;
- `vocabulary`: data only: stages, sources, tags, names, places, the texts records carry;
- `times` (the clock, wire time formats), `draws` (the random helpers), `builder` (the one-use
  `Builder`: draws + clock + ids + state);
- `team`, `routing`, `listings`: the team, its routing, the MLS listings;
- `leads` (a lead's profile, in draw order), `lead_info`, `lead_parts`, `lead_record`;
- `history` (notes, calls, emails, texts, logs), `agenda` (tasks, appointments), `activities`,
  `transactions`, `system_logs`: what hangs off a lead;
- `build`: `build_demo_state`.
"""

from __future__ import annotations

from chime_mcp.sandbox.demo.build import build_demo_state
from chime_mcp.sandbox.demo.state import DEFAULT_NOW, HISTORY_DAYS, ID_BASE, DemoState, Record
from chime_mcp.sandbox.demo.vocabulary import ROLE_CODES, ROUTING_TYPES, SEGMENTS, SOURCES, STAGES, TAG_NAMES

__all__ = [
    "DEFAULT_NOW",
    "HISTORY_DAYS",
    "ID_BASE",
    "ROLE_CODES",
    "ROUTING_TYPES",
    "SEGMENTS",
    "SOURCES",
    "STAGES",
    "TAG_NAMES",
    "DemoState",
    "Record",
    "build_demo_state",
]
