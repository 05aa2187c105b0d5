"""System logs: the change events a lead's timeline records for changes made through the API.

The published document says GET /v1.0/systemLogs returns change-log events only (stage changes,
assignments, note edits/deletes, tasks...), never calls, texts, emails or the adding of a note.
The sandbox records what that allows: lead created, edited, assigned, trashed; stage changed;
note edited or deleted; task created or deleted; transaction created or updated. Codes 17 and 38
are documented by Lofty; the others are the sandbox's own choice (`sandbox/system_log_types.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chime_mcp.chime.times import wire_iso
from chime_mcp.sandbox.handlers.records import me
from chime_mcp.sandbox.store import Record
from chime_mcp.sandbox.system_log_types import LOG_TYPES

if TYPE_CHECKING:
    from chime_mcp.sandbox.handlers.registry import Call


Target = tuple[int, int, str | None, str | None]
"""Whom or what a change was made to: (toId, toType, toFirstName, toLastName)."""


def person(record: Record, to_type: int) -> Target:
    """A member (or the lead) as the target of a change."""
    return (record["id"], to_type, record.get("firstName"), record.get("lastName"))


def system_log(call: Call, lead: Record, desc: str, content: Record, *, to: Target | None = None, ref: int = 0) -> None:
    """Record a change on the lead's timeline, made by the credential's user."""
    actor = me(call)
    log_id = call.store.new_id()
    when = wire_iso(call.now)
    to_id, to_type, to_first, to_last = to or (lead["leadId"], 2, lead.get("firstName"), lead.get("lastName"))
    call.st.system_logs[log_id] = {
        "id": str(log_id),
        "leadId": lead["leadId"],
        "agentId": actor["id"],
        "timelineType": LOG_TYPES[desc],
        "timelineTypeDesc": desc,
        "timelineTime": when,
        "createTime": when,
        "updateTime": when,
        "fromId": actor["id"],
        "fromType": 1,
        "toId": to_id,
        "toType": to_type,
        "fromFirstName": actor.get("firstName"),
        "fromLastName": actor.get("lastName"),
        "toFirstName": to_first,
        "toLastName": to_last,
        "refId": ref,
        "sticky": False,
        "canSticky": False,
        "content": content,
    }
    call.store.touch("system_logs")
