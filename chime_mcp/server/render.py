"""Compact text renderings of results: what the model reads, in as few tokens as serve it.

No null or empty fields; lists as one row per record with its id; big records as a summary
unless detail is asked for; the next page's cursor spelled out when there is more.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "LeadResponse": (
        "leadId",
        "firstName",
        "lastName",
        "emails",
        "phones",
        "stage",
        "source",
        "assignedUser",
        "assignedUserId",
        "tags",
        "city",
        "state",
        "leadType",
        "createTime",
        "lastTouch",
    ),
    # A note's `id` is its timeline entry; the note tools take `noteId`.
    "NoteResponse": ("noteId", "createTime", "creatorName", "isPin", "content"),
    "TaskResponse": (
        "id",
        "type",
        "content",
        "deadline",
        "finishFlag",
        "overdueFlag",
        "assignedUser",
        "leadId",
        "leadName",
    ),
    "CallResponse": ("id", "startTime", "direction", "duration", "callingOutcome", "status", "note"),
    "EmailResponse": ("id", "emailEventTime", "direction", "emailSubject", "eventType"),
    "TextResponse": ("id", "textTime", "direction", "textOutcome", "textType"),
    "LogTypeResponse": ("id", "createTime", "logType", "outboundOrInbound", "callingOutcome", "content"),
    "Appointment": ("id", "deadline", "endTime", "descr", "address", "finishFlag", "overdue"),
    "LeadActivity": ("created", "type", "text", "pageName", "link"),
    "LeadTransaction": (
        "transactionId",
        "transactionName",
        "transactionStatus",
        "transactionType",
        "homePrice",
        "closeDate",
    ),
    "UserResponse": ("id", "firstName", "lastName", "email", "roleName", "phoneNumber"),
    "SystemLogResponse": ("id", "timelineTime", "timelineTypeDesc", "content"),
    "WebhookResponse": ("subscribeId", "listId", "callbackUrl"),
    "UserLeadTag": ("tagId", "tagName"),
    "LeadPond": ("id", "pondName", "pondOwnerId", "agentIds"),
}
"""The fields a row shows, per record type; other types show every non-empty scalar."""

_LIST_NOUNS = {"leads": "leads", "calls": "calls", "members": "members", "timeLines": "system log entries"}
"""The list field of each page type, and what its records are called."""
_MAX_CELL = 240


def render(result: Any, *, detail: bool | None = None, noun: str = "records") -> str:
    """The text block for a tool result.

    `detail` is the tool's own option: False shows a record's summary and says how to get the
    rest; None (the tool has no such option) shows the whole record.
    """
    if isinstance(result, list):
        return _render_list(result, None, noun)
    if isinstance(result, BaseModel):
        for key, key_noun in _LIST_NOUNS.items():
            items = getattr(result, key, None)
            if isinstance(items, list) and key in type(result).model_fields:
                return _render_list(items, result, key_noun, detail=bool(detail))
        return _render_record(result, detail=detail)
    return str(result)


def plain(value: Any) -> Any:
    """A JSON-ready value with nulls and empties removed."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True)
    if isinstance(value, Mapping):
        pruned = {str(k): plain(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if not _empty(v)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value if not _empty(plain(v))]
    return value


def _render_record(record: BaseModel, *, detail: bool | None) -> str:
    data = plain(record)
    if not isinstance(data, dict):
        return str(data)
    if not data:
        return "Done."
    fields = SUMMARY_FIELDS.get(type(record).__name__) if detail is False else None
    keys = [k for k in (fields or data) if k in data]
    lines = [f"{key}: {_cell(key, data[key], limit=None)}" for key in keys]
    hidden = len(data) - len(keys)
    if hidden > 0:
        lines.append(f"({hidden} more fields: call again with detail=true)")
    return "\n".join(lines)


def _render_list(items: list[Any], page: BaseModel | None, noun: str, *, detail: bool = False) -> str:
    metadata = getattr(page, "metadata", None) if page is not None else None
    total = getattr(metadata, "total", None)
    offset = getattr(metadata, "offset", None) or 0
    header = f"{len(items)} {noun}" if total is None else f"{len(items)} of {total} {noun}"
    if total is not None and items:
        header += f" (from offset {offset})"
    lines = [header]
    for item in items:
        lines.append("- " + _row(item, detail=detail))
    more = _next_hint(metadata, len(items), offset, total)
    if getattr(page, "hasMore", None) == 1:
        more = "More: call again with the next pageNumber."
    if more:
        lines.append(more)
    return "\n".join(lines)


def _row(item: Any, *, detail: bool) -> str:
    data = plain(item)
    if not isinstance(data, dict):
        return _cell("", data, limit=_MAX_CELL)
    name = type(item).__name__ if isinstance(item, BaseModel) else ""
    fields = None if detail else SUMMARY_FIELDS.get(name)
    keys = [k for k in (fields or data) if k in data]
    if fields is None and not detail:
        keys = [k for k in keys if not isinstance(data[k], dict | list)] or keys
    return " | ".join(f"{k}={_cell(k, data[k], limit=_MAX_CELL)}" for k in keys)


def _next_hint(metadata: Any, count: int, offset: int, total: int | None) -> str:
    if metadata is None or count == 0:
        return ""
    scroll_id = getattr(metadata, "scrollId", None)
    following = offset + count
    if total is not None and following >= total:
        return ""
    if scroll_id:
        return f"More: call again with scrollId={scroll_id} (or offset={following})."
    if total is not None:
        return f"More: call again with offset={following}."
    return ""


def _cell(key: str, value: Any, *, limit: int | None) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and _looks_like_epoch_ms(key, value):
        text = datetime.fromtimestamp(value / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value) and key == "tags":
        text = ",".join(str(v.get("tagName", v)) for v in value)
    elif isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        text = ",".join(str(v) for v in value)
    elif isinstance(value, dict | list):
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


_TIME_WORDS = ("time", "date", "created", "updated", "deadline", "expiration")


def _looks_like_epoch_ms(key: str, value: int) -> bool:
    return 10**12 <= value < 10**13 and any(word in key.lower() for word in _TIME_WORDS)


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | dict) and not value)


def join_lines(lines: Iterable[str]) -> str:
    return "\n".join(line for line in lines if line)
