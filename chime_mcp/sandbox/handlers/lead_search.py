"""The lead search engine: filters, then a sort, then a page (offset/limit or a scroll id).

- filters: one predicate per search parameter (`FILTERS`); a lead is found when every
  predicate whose parameter was sent holds. Trashed leads are never found.
- sort: by the field `SORT_FIELDS` gives the sort, newest first unless `desc=false`; leads
  without a value for it come last, whatever the direction, as in the CRM.
- page: `limit` leads from `offset`, or from where a `scrollId` says; the scroll id is bound
  to the search it continues (its filters, not its paging), and `_metadata` carries the next.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from typing import Final

from chime_mcp.chime.times import search_time_as_utc
from chime_mcp.sandbox.handlers.codes import bad
from chime_mcp.sandbox.handlers.records import METADATA, csv, full_name, member_or_none
from chime_mcp.sandbox.handlers.registry import Call
from chime_mcp.sandbox.store import Record

SORT_FIELDS: Final[dict[str, str]] = {
    "Default": "createTime", "CreateTime": "createTime", "LastContact": "lastTouch", "LastCall": "lastTouch",
    "LastEmail": "lastTouch", "Communication": "lastTouch", "LastActivity": "lastVisit",
    "Activity": "lastVisit", "ActivitySearch": "lastVisit", "ActivityViews": "lastVisit",
    "ActivityFavorites": "lastVisit", "AssignTime": "assignTime", "Score": "score", "SCOREV2": "score",
}  # fmt: skip
"""Lead sorts the sandbox understands; the others sort by lastUpdateTime."""

"""createTime/updateTime searches take `yyyy-MM-dd HH:mm:ss` in UTC-7 (the reference says so)."""

_PAGING: Final = ("limit", "offset", "scrollId")

Filter = Callable[[Call, Record], bool]
"""A search parameter's test of one lead: True when the lead passes (or the parameter is absent)."""


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# -- filters ----------------------------------------------------------------------------------


def _key(call: Call, lead: Record) -> bool:
    """`key`: part of the name, an email or a phone (its digits, from three on)."""
    key = (call.text("key") or "").strip().lower()
    if not key:
        return True
    phones: list[str] = lead.get("phones") or []
    if any(key in text for text in (full_name(lead).lower(), *(e.lower() for e in lead.get("emails") or []))):
        return True
    if any(key in phone.lower() for phone in phones):
        return True
    key_digits = _digits(key)
    return len(key_digits) >= 3 and any(key_digits in _digits(phone) for phone in phones)


def _email(call: Call, lead: Record) -> bool:
    email = call.text("email")
    return not email or email.strip().lower() in (e.lower() for e in lead.get("emails") or [])


def _phone(call: Call, lead: Record) -> bool:
    """`phone`: the same digits, with or without the US country code."""
    phone = call.text("phone")
    if not phone:
        return True
    wanted = _digits(phone)
    accepted = {wanted, wanted[1:] if len(wanted) == 11 and wanted.startswith("1") else wanted}
    return any(_digits(number) in accepted for number in lead.get("phones") or [])


def _same_text(name: str) -> Filter:
    """`stage`, `source`: the lead's value, any case."""

    def test(call: Call, lead: Record) -> bool:
        wanted = call.text(name)
        return not wanted or (lead.get(name) or "").lower() == wanted.strip().lower()

    test.__name__ = f"_same_{name}"
    return test


def _tags_of(lead: Record) -> set[str]:
    return {t["tagName"].lower() for t in lead.get("tags") or []}


def _all_tags(call: Call, lead: Record) -> bool:
    wanted = call.text("allTags")
    return not wanted or set(csv(wanted)) <= _tags_of(lead)


def _any_tags(call: Call, lead: Record) -> bool:
    wanted = call.text("anyTags")
    return not wanted or bool(set(csv(wanted)) & _tags_of(lead))


def _groups(call: Call, lead: Record) -> bool:
    wanted = call.text("groups")
    return not wanted or bool(set(csv(wanted)) & {g.lower() for g in lead.get("groups") or []})


def _contacted(call: Call, lead: Record) -> bool:
    contacted = call.flag("contacted")
    return contacted is None or (lead.get("lastTouch") is not None) == contacted


def _assigned_user(call: Call, lead: Record) -> bool:
    user_id = call.integer("assignedUserId")
    return user_id is None or lead.get("assignedUserId") == user_id


def _agent_group(call: Call, lead: Record) -> bool:
    """`groupIds`: the lead's agent is in this group."""
    group_id = call.integer("groupIds")
    if group_id is None:
        return True
    agent = member_or_none(call, lead.get("assignedUserId"))
    return agent is not None and agent.get("groupId") == group_id


FILTERS: Final[tuple[Filter, ...]] = (
    _key,
    _email,
    _phone,
    _same_text("stage"),
    _same_text("source"),
    _all_tags,
    _any_tags,
    _groups,
    _contacted,
    _assigned_user,
    _agent_group,
)


def found(call: Call) -> list[Record]:
    """The live leads every filter lets through, in the state's order."""
    trash = call.store.trash
    return [
        lead
        for lead_id, lead in call.st.leads.items()
        if lead_id not in trash and all(test(call, lead) for test in FILTERS)
    ]


# -- sort -------------------------------------------------------------------------------------


def sort_leads(leads: list[Record], sort: str | None, descending: bool) -> list[Record]:
    """By the sort's field (ties by leadId); leads without a value last."""
    field = SORT_FIELDS.get(sort or "Default", "lastUpdateTime")
    present = [lead for lead in leads if lead.get(field) is not None]
    absent = [lead for lead in leads if lead.get(field) is None]  # always last, as in the CRM
    present.sort(key=lambda lead: (lead[field], lead["leadId"]), reverse=descending)
    return present + absent


def since(call: Call, param: str, field: str) -> list[Record]:
    """The found leads whose `field` is at or after the UTC-7 time in `param`, oldest first."""
    text = call.text_or_default(param)
    try:
        start = search_time_as_utc(text)
    except ValueError:
        raise bad(f"{param}: expected yyyy-MM-dd HH:mm:ss, got {text!r}") from None
    leads = [lead for lead in found(call) if (lead.get(field) or "") >= start]
    leads.sort(key=lambda lead: (lead[field], lead["leadId"]))  # oldest first: a sync reads forward
    return leads


# -- page -------------------------------------------------------------------------------------


def _fingerprint(call: Call) -> str:
    """What a scroll id is bound to: the search's parameters, paging aside."""
    filters = {k: v for k, v in sorted(call.params.items()) if k not in _PAGING}
    return hashlib.sha256(json.dumps(filters, default=str).encode()).hexdigest()[:12]


def _scroll_id(offset: int, fingerprint: str) -> str:
    return base64.urlsafe_b64encode(f"{offset}:{fingerprint}".encode()).decode().rstrip("=")


def _scroll_offset(scroll_id: str, fingerprint: str) -> int:
    try:
        text = base64.urlsafe_b64decode(scroll_id + "=" * (-len(scroll_id) % 4)).decode()
        offset, seen = text.split(":", 1)
        if seen == fingerprint:
            return int(offset)
    except ValueError:
        pass
    raise bad("scrollId is not valid for this search; start again without it")


def _only_fields(chunk: list[Record], return_fields: str | None) -> list[Record]:
    """`returnFields`: just those fields (any case) and the leadId."""
    fields = csv(return_fields)
    if not fields:
        return chunk
    return [{k: v for k, v in lead.items() if k.lower() in fields or k == "leadId"} for lead in chunk]


def lead_page(call: Call, leads: list[Record]) -> Record:
    """Page a lead list like the live API: offset/limit or scrollId, with `_metadata`."""
    limit = call.integer_or_default("limit")
    fingerprint = _fingerprint(call)
    scroll = call.text("scrollId")
    offset = _scroll_offset(scroll, fingerprint) if scroll else call.integer("offset") or 0
    chunk = leads[offset : offset + limit]
    metadata: Record = {"collection": "leads", "limit": limit, "offset": offset, "total": len(leads)}
    if offset + len(chunk) < len(leads):
        metadata["scrollId"] = _scroll_id(offset + len(chunk), fingerprint)
    return {METADATA: metadata, "leads": _only_fields(chunk, call.text("returnFields"))}
