"""Build a lead's timeline: fetch every chosen source at once, convert, merge, name, sort.

`build_timeline` fetches the sources concurrently (one task group; the client's shared
rate-limit budget paces the requests), turns every record into one `Event`, removes
duplicates, and sorts newest first. A source that fails becomes a line in `Timeline.notes`;
only a lead that does not exist, or every source failing, fails the whole.

De-duplication rule: every event has an identity key, and events with the same key are one
event (the first source in `sources()` order keeps its wording; the sources are listed together):
- a call is `("call", id)` in both /calls (search_calls) and /communication/call
  (list_call_history): the dialer record and the call-history record of one call share the id;
- a note is `("note", noteId)`, and so is a system log about that note ("EditNote", a "note
  added" entry: its content's noteId or its refId names the note): the note itself says more.
  Likewise for tasks (taskId) and transactions (transactionId). A system log about a record
  no longer there (a deleted task) stays, as a system event;
- a calendar event is the v1 task or appointment it names (`("task", taskId)`,
  `("appointment", taskId)`): the calendar serves the same records again;
- an AI Sales Agent plan task is `("plan", id)`: its own family, no other source names it;
- everything else is keyed by its source family and id, so it never merges by accident.
Calls logged by hand (list_logs) are not merged with dialer calls: the API gives them no link.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

import anyio

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog.leads import GET_LEAD
from chime_mcp.chime.catalog.team import LIST_MEMBERS
from chime_mcp.chime.client import ChimeClient, items_of
from chime_mcp.services.timeline.filters import Filters
from chime_mcp.services.timeline.model import Event, Timeline
from chime_mcp.services.timeline.sources import Source, person, sources

_PROFILE = "lead profile"
_NEEDS_NAMES = frozenset({"call", "email", "text"})
"""Kinds whose records name the agent only by user id: those need the member list."""


async def build_timeline(
    client: ChimeClient,
    lead_id: int,
    filters: Filters | None = None,
    *,
    concurrent: bool = True,
) -> Timeline:
    """The lead's timeline. Raises NotFoundError for an unknown lead, and the first error when
    every source failed; otherwise a failing source is a note. `concurrent=False` fetches one
    source after another (the benchmark's baseline)."""
    filters = filters or Filters()
    chosen = [s for s in sources(lead_id) if s.kinds & filters.kinds]
    results: dict[str, list[Any]] = {}
    failures: dict[str, errors.ChimeError] = {}
    profile: list[m.LeadResponse] = []
    members: dict[int, str] = {}

    async def fetch(source: Source) -> None:
        try:
            results[source.label] = items_of(await client.call(source.operation, source.params))
        except errors.ChimeError as exc:
            failures[source.label] = exc

    async def fetch_profile() -> None:
        # Read beside the sources, for the lead's name and to tell an unknown lead (404)
        # from an empty history. Raising inside the task group would cancel the other
        # sources and wrap the error, so it is kept and raised after the group.
        try:
            profile.append(await client.call(GET_LEAD, {"leadId": lead_id}))
        except errors.ChimeError as exc:
            failures[_PROFILE] = exc

    async def fetch_members() -> None:
        # Only to put names on calls, emails and texts: a failure leaves user ids, not a note.
        try:
            page = await client.call(LIST_MEMBERS, {"limit": 200})
        except errors.ChimeError:
            return
        for member in page.members or ():
            name = person(member.firstName, member.lastName)
            for user_id in (member.id, member.memberUserId):
                if user_id is not None and name:
                    members[user_id] = name

    jobs: list[Callable[[], Coroutine[Any, Any, None]]] = [fetch_profile]
    if filters.kinds & _NEEDS_NAMES:
        jobs.append(fetch_members)
    jobs.extend(functools.partial(fetch, source) for source in chosen)
    if concurrent:
        async with anyio.create_task_group() as group:
            for job in jobs:
                group.start_soon(job)
    else:
        for job in jobs:
            await job()

    missing = failures.get(_PROFILE)
    if isinstance(missing, errors.NotFoundError):
        raise missing
    if chosen and all(source.label in failures for source in chosen):
        raise failures[chosen[0].label]

    # In source order, not in the order the failures happened to arrive.
    labels = (_PROFILE, *(source.label for source in chosen))
    notes = [f"{label}: unavailable ({_reason(failures[label])})" for label in labels if label in failures]
    events: list[Event] = []
    undated = 0
    for source in chosen:
        records = results.get(source.label)
        if records is None:
            continue
        if source.page is not None and len(records) >= source.page:
            notes.append(f"{source.label}: only the first {source.page} records were read")
        for record in records:
            event = source.convert(record, source.tool)
            if event is None:
                undated += 1
            else:
                events.append(event)
    if undated:
        notes.append(f"{undated} records without a time were left out")

    merged = [named(event, members) for event in deduplicate(events)]
    matching = sorted((e for e in merged if filters.admits(e)), key=_newest_first)
    lead = profile[0] if profile else None
    shown = matching[: filters.limit]
    return Timeline(
        lead_id=lead_id,
        lead_name=person(lead.firstName, lead.lastName) if lead else "",
        total=len(matching),
        shown=len(shown),
        events=shown,
        notes=notes,
    )


def deduplicate(events: Sequence[Event]) -> list[Event]:
    """One event per identity key; the first keeps its wording and the sources are joined."""
    kept: dict[tuple[str, str], Event] = {}
    for event in events:
        first = kept.get(event.key)
        if first is None:
            kept[event.key] = event
        elif event.source not in first.source.split("+"):
            kept[event.key] = first.model_copy(update={"source": f"{first.source}+{event.source}"})
    return list(kept.values())


def named(event: Event, members: Mapping[int, str]) -> Event:
    """`event` with `who` filled from the member names, where it gives only a user id."""
    if event.who or event.agent_id is None:
        return event
    return event.model_copy(update={"who": members.get(event.agent_id, f"user {event.agent_id}")})


def _newest_first(event: Event) -> tuple[float, str]:
    return (-event.time.timestamp(), event.id)


def _reason(exc: errors.ChimeError) -> str:
    # The message without the hint: the note says what is missing, not how to fix the server.
    return exc.message.rstrip(".")
