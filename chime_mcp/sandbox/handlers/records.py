"""What the toolsets share: finding records (with the live 404s), wire formats, views and pages.

Times: `fmt` is the `yyyy-MM-dd HH:mm:ss` (UTC) of notes, tasks, logs and leads; `iso` the ISO-8601
of system logs; `ms` epoch milliseconds. `public` drops the keys the state keeps for itself.
Pages: `page` slices; `metadata_page` adds the `_metadata` block lead, call and member lists carry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from chime_mcp.chime.times import epoch_ms_to_seconds, wire_time
from chime_mcp.sandbox.handlers.codes import LEAD_NOT_EXIST, USER_NOT_EXIST, bad, missing
from chime_mcp.sandbox.store import Record

if TYPE_CHECKING:
    from chime_mcp.sandbox.handlers.registry import Call

METADATA: Final = "_metadata"
"""The key of a list's paging block on the wire (the published document says `get_metadata`;
the live API and the models' serialization alias say `_metadata`)."""

_PRIVATE_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "transactions": ("leadId", "propertyAddress"),
    "logs": ("logType",),
    # The reference has it; the published SystemLogResponse (the wire) does not.
    "system_logs": ("leadFullName",),
}
"""Keys the state keeps on records for its own bookkeeping, never sent (not in the published schemas)."""


# -- times ------------------------------------------------------------------------------------


def sent_time(value: int, field: str) -> float:
    """Epoch seconds from a time the caller sent in epoch ms; 400 naming the field if impossible."""
    try:
        return epoch_ms_to_seconds(value)
    except ValueError:
        raise bad(f"{field}: {value} is not a time in epoch milliseconds") from None


# -- views and pages --------------------------------------------------------------------------


def public(collection: str, record: Record) -> Record:
    drop = _PRIVATE_KEYS.get(collection, ())
    return {k: v for k, v in record.items() if k not in drop} if drop else record


def page(items: list[Record], offset: int | None, limit: int | None) -> list[Record]:
    start = offset or 0
    return items[start : start + limit] if limit is not None else items[start:]


def metadata_page(collection: str, records: list[Record], offset: int, limit: int) -> Record:
    """One offset page of `records` under `collection`, with the live API's `_metadata`."""
    return {
        METADATA: {"collection": collection, "limit": limit, "offset": offset, "total": len(records)},
        collection: page(records, offset, limit),
    }


def desc_by(items: Iterable[Record], key: str) -> list[Record]:
    return sorted(items, key=lambda r: r.get(key) or "", reverse=True)


def for_lead(records: Iterable[Record], lead_id: int) -> list[Record]:
    return [r for r in records if r.get("leadId") == lead_id]


def csv(value: str | None) -> list[str]:
    """A comma-separated parameter as lowercase parts."""
    return [part.strip().lower() for part in (value or "").split(",") if part.strip()]


# -- people and leads -------------------------------------------------------------------------


def full_name(person: Record) -> str:
    return " ".join(part for part in (person.get("firstName"), person.get("lastName")) if part)


def lead_of(call: Call, lead_id: int | None, *, with_trash: bool = False) -> Record:
    """The lead, or 404 LEAD_NOT_EXIST (trashed leads exist only `with_trash`)."""
    lead = call.st.leads.get(lead_id) if lead_id is not None else None
    if lead is None or (lead_id in call.store.trash and not with_trash):
        raise missing("Lead", lead_id, LEAD_NOT_EXIST)
    return lead


def member_of(call: Call, user_id: int | None) -> Record:
    member = call.st.members.get(user_id) if user_id is not None else None
    if member is None:
        raise missing("User", user_id, USER_NOT_EXIST)
    return member


def member_or_none(call: Call, user_id: object) -> Record | None:
    """The member with this id, if any (ids read from records may be None)."""
    return call.st.members.get(user_id) if isinstance(user_id, int) else None


ACTIVE = "ACTIVE"
INACTIVE = "INACTIVE"
"""A member's `accountStatus`: a deactivated agent (deactivate_agent) is INACTIVE."""


def active_member(member: Record) -> Record:
    """`member`, unless deactivated: then the refusal the live API gives an assignment to them."""
    if member.get("accountStatus") == INACTIVE:
        raise bad(f"User {member.get('email') or member.get('id')} is deactivated and cannot be assigned leads")
    return member


def member_by_email(call: Call, email: str | None) -> Record:
    wanted = (email or "").strip().lower()
    for member in call.st.members.values():
        if member.get("email", "").lower() == wanted:
            return member
    raise missing("User", email, USER_NOT_EXIST)


def me(call: Call) -> Record:
    """The credential's user."""
    return call.st.members[call.st.me_id]


def touched(call: Call, lead: Record) -> None:
    """The lead changed now: stamp it and mark the leads for saving."""
    lead["lastUpdateTime"] = wire_time(call.now)
    call.store.touch("leads")
