"""Toolset `communication`: dialer calls and the call, email and text histories of a lead; the v2
reads by communication id, a call's recording link, and the communications of an agent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import communication
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import LEAD_NOT_EXIST, SandboxError, bad, missing
from chime_mcp.sandbox.handlers.records import desc_by, for_lead, lead_of, me, metadata_page, page, sent_time
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record


@handler(communication.SEARCH_CALLS)
def search_calls(call: Call) -> Record:
    # The live API requires leadId here (404 LEAD_NOT_FOUND without it), although the
    # reference and the catalog make it optional.
    if call.integer("leadId") is None:
        raise SandboxError(404, "leadId is required: LEAD_NOT_FOUND", LEAD_NOT_EXIST)
    lead = lead_of(call, call.integer("leadId"))
    calls = desc_by(for_lead(call.st.calls.values(), lead["leadId"]), "startTime")
    return metadata_page("calls", calls, call.integer("offset") or 0, call.integer_or_default("limit"))


@handler(communication.GET_CALL)
def get_call(call: Call) -> Record:
    record = call.st.calls.get(call.ident("callId"))
    if record is None:
        raise missing("Call", call.ident("callId"))
    return call.wrap(record)


def _history(call: Call, records: dict[int, Record], time_key: str) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    newest_first = desc_by(for_lead(records.values(), lead["leadId"]), time_key)
    return call.wrap(page(newest_first, call.integer("offset"), call.integer("limit")))


@handler(communication.LIST_CALL_HISTORY)
def list_call_history(call: Call) -> Record:
    return _history(call, call.st.calls, "startTime")


@handler(communication.LIST_EMAIL_HISTORY)
def list_email_history(call: Call) -> Record:
    return _history(call, call.st.emails, "emailEventTime")


@handler(communication.LIST_TEXT_HISTORY)
def list_text_history(call: Call) -> Record:
    return _history(call, call.st.texts, "textTime")


# -- beyond the reference (issue 14): the v2 reads and the communications of an agent --------------
#
# One record, one id: a dialer call, email or text is the same record in the v1 histories and in
# the v2 reads by communication id; a logged call, email or text (the logs) is one too, with what
# a log holds (no dialer fields).

PERMISSION_DENIED: Final = 20017
"""The live API's 400 for a communication that does not exist or is not of the kind asked for
(no existence leak)."""
_V1_WINDOW_MS: Final = 24 * 3_600_000
_V2_WINDOW_MS: Final = 90 * 24 * 3_600_000
_V2_PAGE: Final = 100
"""The v2 agent search's default page size (the catalog leaves `limit` out)."""


def _denied(kind: str, ident: int) -> SandboxError:
    return SandboxError(400, f"PERMISSION_DENIED: no {kind} {ident} you may see", PERMISSION_DENIED)


def _logged(call: Call, kind: str) -> list[Record]:
    return [r for r in call.st.logs.values() if r.get("logType") == kind]


def _capital(direction: object) -> str | None:
    return str(direction).capitalize() if direction else None


@handler(communication.GET_CALL_RECORDING_URL)
def get_call_recording_url(call: Call) -> Record:
    record = call.st.calls.get(call.ident("callId"))
    if record is None:
        raise _denied("call", call.ident("callId"))
    expires = int(call.now) + 3600
    recorded = bool(record.get("recordingSwitch"))
    url = f"https://recordings.sandbox.example/{record['id']}.mp3?expires={expires}" if recorded else ""
    return call.wrap({"id": record["id"], "url": url})


def _call_history(record: Record, logged: bool) -> Record:
    direction = record.get("outboundOrInbound") if logged else record.get("direction")
    return {
        "id": record["id"],
        "agentId": record.get("agentId"),
        "leadId": record["leadId"],
        "createTime": record.get("createTime"),
        "direction": str(direction).lower() if direction else None,
        "leadPhoneNumber": record.get("leadPhoneNumber"),
    }


@handler(communication.LIST_CALLS)
def list_calls(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    entries = [_call_history(r, False) for r in for_lead(call.st.calls.values(), lead["leadId"])]
    entries += [_call_history(r, True) for r in for_lead(_logged(call, "Call"), lead["leadId"])]
    return call.wrap(page(desc_by(entries, "createTime"), 0, call.integer("limit") or 10))


def _logged_call(log: Record) -> Record:
    """A logged call as the v2 call read gives it: from what the log holds, no dialer fields."""
    return {
        "id": log["id"],
        "userId": log.get("agentId"),
        "agentId": log.get("agentId"),
        "leadId": log["leadId"],
        "leadPhoneNumber": log.get("leadPhoneNumber"),
        "direction": _capital(log.get("outboundOrInbound")),
        "callingOutcome": log.get("callingOutcome"),
        "startTime": log.get("createTime"),
        "createTime": log.get("createTime"),
        "note": log.get("content"),
    }


def _logged_email(log: Record) -> Record:
    return {
        "id": log["id"],
        "leadId": log["leadId"],
        "direction": _capital(log.get("outboundOrInbound")),
        "agentId": log.get("agentId"),
        "eventType": "Sent",
        "emailEventTime": log.get("createTime"),
        "emailType": "Manual",
        "emailSubject": log.get("emailSubject"),
        "fromPond": False,
    }


def _logged_text(log: Record) -> Record:
    return {
        "id": log["id"],
        "leadId": log["leadId"],
        "direction": _capital(log.get("outboundOrInbound")),
        "agentId": log.get("agentId"),
        "textOutcome": "Delivered",
        "textTime": log.get("createTime"),
        "textType": "Manual",
        "textContent": log.get("content"),
    }


def _by_id(call: Call, records: dict[int, Record], kind: str, logged: Callable[[Record], Record]) -> Record:
    ident = call.ident("communicationId")
    record = records.get(ident)
    if record is not None:
        return record
    log = call.st.logs.get(ident)
    if log is not None and log.get("logType") == kind:
        return logged(log)
    raise _denied(kind.lower(), ident)


@handler(communication.GET_CALL_RECORD)
def get_call_record(call: Call) -> Record:
    return _by_id(call, call.st.calls, "Call", _logged_call)


@handler(communication.GET_EMAIL)
def get_email(call: Call) -> Record:
    return _by_id(call, call.st.emails, "Email", _logged_email)


@handler(communication.GET_TEXT)
def get_text(call: Call) -> Record:
    return _by_id(call, call.st.texts, "Text", _logged_text)


# -- communications of an agent ------------------------------------------------------------------


def _entry(record: Record, event: str, kind: str, time_key: str, status: str | None = None) -> Record:
    direction = record.get("direction") or record.get("outboundOrInbound")
    return {
        "id": record["id"],
        "leadId": record["leadId"],
        "agentId": record.get("agentId"),
        "direction": _capital(direction),
        "callOutcome": record.get("callingOutcome"),
        "callDuration": _duration(record.get("duration")),
        "status": status,
        "communicationTime": record.get(time_key),
        "communicationType": kind,
        "eventType": event,
        "fromPond": bool(record.get("fromPond")),
    }


def _duration(seconds: object) -> str | None:
    return f"{seconds // 60:02d}:{seconds % 60:02d}" if isinstance(seconds, int) else None


def _communications(call: Call, kind: str) -> list[Record]:
    """Every call, text and email of the team (of `kind`, or all), as timeline entries."""
    found: list[Record] = []
    if kind in ("CALL", "ALL"):
        found += [_entry(r, "Call", "MANUAL", "startTime", r.get("status")) for r in call.st.calls.values()]
        found += [_entry(r, "Call", "LOGGED", "createTime") for r in _logged(call, "Call")]
    if kind in ("TEXT", "ALL"):
        for r in call.st.texts.values():
            auto = "AUTO" if r.get("textType") == "Auto" else "MANUAL"
            found.append(_entry(r, "Text", auto, "textTime", r.get("textOutcome")))
        found += [_entry(r, "Text", "LOGGED", "createTime", "Delivered") for r in _logged(call, "Text")]
    if kind in ("EMAIL", "ALL"):
        for r in call.st.emails.values():
            auto = "AUTO" if r.get("emailType") == "Auto" else "MANUAL"
            found.append(_entry(r, f"{r.get('eventType') or 'Sent'} Email", auto, "emailEventTime"))
        found += [_entry(r, "Sent Email", "LOGGED", "createTime") for r in _logged(call, "Email")]
    return found


def _agent_search(call: Call, kind: str, start: int, end: int, team: bool, window: int) -> list[Record]:
    if end < start:
        raise bad("endTime is before startTime")
    if end - start > window:
        span = "24 hours" if window == _V1_WINDOW_MS else "90 days"
        raise bad(f"The interval (endTime - startTime) may not exceed {span}")
    low, high = wire_time(sent_time(start, "startTime")), wire_time(sent_time(end, "endTime"))
    mine = me(call)["id"]
    entries = [
        e
        for e in _communications(call, kind)
        if low <= (e["communicationTime"] or "") <= high and (team or e["agentId"] == mine)
    ]
    return sorted(entries, key=lambda e: (e["communicationTime"] or "", e["id"]), reverse=True)


@handler(communication.SEARCH_AGENT_COMMUNICATIONS)
def search_agent_communications(call: Call) -> Record:
    sent = call.fields()
    request = call.body
    assert isinstance(request, m.CommunicationRequest)
    start, end = _millis(request.startTime, "startTime"), _millis(request.endTime, "endTime")
    entries = _agent_search(call, request.type, start, end, bool(request.teamView), _V1_WINDOW_MS)
    offset, limit = sent.get("offset") or 0, sent.get("limit") or 10
    chunk = entries[offset : offset + limit]
    return {"offset": offset, "limit": limit, "pageData": chunk, "hasMore": offset + len(chunk) < len(entries)}


def _millis(value: object, name: str) -> int:
    if isinstance(value, int):
        return value
    raise bad(f"{name}: epoch milliseconds expected")


def _cursor_offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    offset = cursor.removeprefix("sandbox-cursor-")
    if not offset.isdigit() or offset == cursor:
        raise bad("cursor: not a nextCursor this search returned")
    return int(offset)


@handler(communication.LIST_AGENT_COMMUNICATIONS)
def list_agent_communications(call: Call) -> Record:
    start, end = call.integer("startTime"), call.integer("endTime")
    if start is None or end is None:
        raise bad("startTime and endTime are required")
    entries = _agent_search(call, "ALL", start, end, bool(call.flag("teamView")), _V2_WINDOW_MS)
    offset = _cursor_offset(call.text("cursor"))
    chunk = entries[offset : offset + _V2_PAGE]
    # As the live API: a full page cannot tell whether more follow, so it carries a cursor; the
    # page after the last full one comes back empty, without one.
    following = f"sandbox-cursor-{offset + len(chunk)}" if len(chunk) == _V2_PAGE else None
    return {
        "data": chunk,
        "nextCursor": following,
        "hasMore": following is not None,
        "limit": _V2_PAGE,
        "totalCount": len(entries),
    }
