"""Compact text renderings of results: what the model reads, in as few tokens as serve it.

No null or empty fields; lists as one row per record with its id; big records as a summary
unless detail is asked for; the next page's cursor spelled out when there is more.

A result is dumped once (`dump`): that dump is the tool's structuredContent, and the text is
derived from it; the result object itself is read only for its types and paging metadata.

CRM text is data, written by people outside the conversation: every field the models type as
str (a str in the dump, declared or not) reads as a quoted JSON-style string, with control,
invisible and bidirectional characters spelled out (services/safe_text.py, as in the previews a
person confirms), so a note that says "SYSTEM: ..." cannot pass as the server speaking. Only a
text that is a plain number or a date/time stays bare, as numbers and booleans do; lists and
nested records read as JSON with every text in them quoted (tests/server/test_render.py checks
each text field of each model).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, TypeAdapter

from chime_mcp.chime import models as m
from chime_mcp.chime.models.results import ListingMetaData
from chime_mcp.chime.times import format_epoch_ms, looks_like_epoch_ms
from chime_mcp.server.tools.render_pages import page_hint
from chime_mcp.services.safe_text import shown, token, visible

SUMMARY_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    m.LeadResponse: (
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
    m.NoteResponse: ("noteId", "createTime", "creatorName", "isPin", "content"),
    m.TaskResponse: (
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
    m.CallResponse: ("id", "startTime", "direction", "duration", "callingOutcome", "status", "note"),
    m.EmailResponse: ("id", "emailEventTime", "direction", "emailSubject", "eventType"),
    m.TextResponse: ("id", "textTime", "direction", "textOutcome", "textType"),
    # `content` is a wire field the model does not declare yet: it shows as an extra field.
    m.LogTypeResponse: ("id", "createTime", "outboundOrInbound", "callingOutcome", "content"),
    m.Appointment: ("id", "deadline", "endTime", "descr", "address", "finishFlag", "overdue"),
    m.LeadActivity: ("created", "type", "text", "pageName", "link"),
    m.LeadTransaction: (
        "transactionId",
        "transactionName",
        "transactionStatus",
        "transactionType",
        "homePrice",
        "closeDate",
    ),
    m.UserResponse: ("id", "firstName", "lastName", "email", "roleName", "phoneNumber"),
    # `timelineTypeDesc`: as `content` of a log.
    m.SystemLogResponse: ("id", "timelineTime", "timelineTypeDesc", "content"),
    m.WebhookResponse: ("subscribeId", "listId", "callbackUrl"),
    m.UserLeadTag: ("tagId", "tagName"),
    m.LeadPond: ("id", "pondName", "pondOwnerId", "agentIds"),
    m.PipelineResponse: ("id", "name"),
    # The assignees are the answer: who routing would pick, per role.
    m.LeadCustomRoleAssigneeInfo: ("leadId", "firstName", "lastName", "customRoleAssignees"),
    m.CommunicationResponse: (
        "id",
        "communicationTime",
        "eventType",
        "direction",
        "leadId",
        "agentId",
        "status",
        "callOutcome",
        "callDuration",
    ),
    m.TransactionV2Item: (
        "transactionId",
        "leadId",
        "leadName",
        "transactionName",
        "transactionType",
        "transactionStatus",
        "homePrice",
        "expectedCloseDate",
        "closeDate",
        "agentName",
    ),
    m.PipelineV2Item: ("transactionType", "stages"),
    m.ListingItem: (
        "listingId",
        "listingStatus",
        "price",
        "listingStreetName",
        "listingCity",
        "listingZipcode",
        "beds",
        "baths",
        "sqft",
        "propertyTypeSecondary",
        "agentName",
    ),
    # The composite id is what the calendar tools take; taskId what the agenda item tools take.
    m.CalendarItemV2: ("id", "taskId", "startAt", "endAt", "content", "finished", "leadId"),
    m.TaskResponseV2: ("id", "type", "startAt", "endAt", "content", "finishFlag", "leadId", "leadName"),
    m.AvailableMeetingSlotV2: ("startTime", "endTime"),
}
"""The fields a row shows, per record type; other types show every non-empty scalar."""

_LIST_NOUNS = {
    "leads": "leads",
    "calls": "calls",
    "members": "members",
    "timeLines": "system log entries",
    "pipelines": "pipeline stages",
    "workingLeads": "working leads",
    "activities": "communications",
    "data": "",
    "listing": "",
    "pageData": "",
    "items": "calendar events",
    "slots": "free slots",
}
"""The list field of each page type, and what its records are called ("": as the tool names them)."""
_MAX_CELL = 240
"""Characters of one text a list row shows; the rest is cut, with the full length said."""
_BARE_TEXT = re.compile(
    r"-?\d+(\.\d+)?"  # a number the API sent as text (coerced into a str field)
    r"|\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?"  # a date or time
)
"""Text shown without quotes: a number or a time cannot pass for words."""


def dump(result: Any) -> dict[str, Any]:
    """The one dump of a result, as structuredContent: JSON-ready, by wire name, nulls left out.

    Lists are wrapped as {"result": [...]}, as the SDK does. Nulls are left out: the output
    schemas type optional fields without null (see schema.py), and an absent field says the
    same in fewer tokens.
    """
    if isinstance(result, BaseModel):
        dumped: dict[str, Any] = result.model_dump(mode="json", by_alias=True, exclude_none=True)
        _one_id(result, dumped)
        return dumped
    items = _ANY.dump_python(result, mode="json", by_alias=True, exclude_none=True)
    if isinstance(result, list) and isinstance(items, list):
        items = [_one_id(item, data) for item, data in zip(result, items, strict=True)]
    return {"result": items}


_ANY: TypeAdapter[Any] = TypeAdapter(Any)

_ONE_ID: dict[type, tuple[str, str]] = {m.NoteResponse: ("id", "noteId")}
"""Records that carry two ids of which the tools take one: (the other, the one shown). A note's
`id` is its timeline entry and fails in every note tool; it shows only when `noteId` is absent."""


def _one_id(item: object, data: Any) -> Any:
    pair = _ONE_ID.get(type(item))
    if pair is not None and isinstance(data, dict) and data.get(pair[1]) is not None:
        data.pop(pair[0], None)
    return data


Window = tuple[int, int]
"""A page this server cut from a list the API sent whole: (its offset, how many the API sent)."""


def present(
    result: Any, *, detail: bool | None = None, noun: str = "records", window: Window | None = None
) -> tuple[str, dict[str, Any]]:
    """(text, structuredContent) of a tool result, both from one dump."""
    data = dump(result)
    return render_dump(result, data, detail=detail, noun=noun, window=window), data


def render(result: Any, *, detail: bool | None = None, noun: str = "records") -> str:
    """The text block for a result (see `render_dump`)."""
    return render_dump(result, dump(result), detail=detail, noun=noun)


def render_dump(
    result: Any,
    data: dict[str, Any],
    *,
    detail: bool | None = None,
    noun: str = "records",
    window: Window | None = None,
) -> str:
    """The text block for a result, from its dump `data`; `result` gives the types and paging.

    `detail` is the tool's own option: False shows a record's summary and says how to get the
    rest; None (the tool has no such option) shows the whole record. `window`: the list is a
    page this server cut (see `Window`).
    """
    if isinstance(result, list):
        text = _render_list(result, data["result"], None, noun)
        return text if window is None else _windowed(text, len(result), noun, window)
    if isinstance(result, m.ListingPage):
        return render_listings(result, data)
    if isinstance(result, BaseModel):
        fields = type(result).model_fields
        for key, key_noun in _LIST_NOUNS.items():
            items = getattr(result, key, None)
            if isinstance(items, list) and key in fields:
                info = fields[key]
                dumped = data[info.serialization_alias or info.alias or key]
                return _render_list(items, dumped, result, key_noun or noun, detail=bool(detail))
        return _render_record(type(result), data, detail=detail)
    return str(result)


def _windowed(text: str, count: int, noun: str, window: Window) -> str:
    """A list's text with the header and the next step of a page cut here from the whole list."""
    offset, total = window
    header, *rows = text.split("\n")
    header = (
        f"{count} {noun}" if not total else f"{count} of {total} {noun}" + (f" (from offset {offset})" if count else "")
    )
    following = offset + count
    more = f"More: call again with offset={following}." if following < total else ""
    if more:
        more += f" (The API sends all {noun} at once; this server pages them.)"
    return "\n".join([header, *rows, *([more] if more else [])])


LISTING_FIELDS = (
    "listingId",
    "listingStatus",
    "price",
    "streetAddress",
    "city",
    "state",
    "zipCode",
    "propertyType",
    "bedrooms",
    "bathrooms",
    "squareFeet",
    "siteListingUrl",
)
"""The fields a listing's row shows (a listing is a listing-hub payload, not a model)."""


def render_listings(page: m.ListingPage, data: dict[str, Any]) -> str:
    """Active and sold listings, each as rows like every other list, with its own cursor."""
    meta = page.listingMetadata or ListingMetaData()
    lines: list[str] = []
    parts = (
        ("listIng", "active listings", meta.activeTotal, meta.nextPageKey, "nextPageKey"),
        ("soldListing", "sold listings", meta.soldTotal, meta.soldNextPageKey, "soldNextPageKey"),
    )
    for key, noun, total, cursor, argument in parts:
        block = data.get(key)
        block = block if isinstance(block, dict) else {}
        rows = [row for row in block.get("listings") or () if isinstance(row, dict)]
        lines.append(f"{len(rows)} {noun}" if total is None else f"{len(rows)} of {total} {noun}")
        for row in rows:
            shown_keys = [k for k in LISTING_FIELDS if not _empty(row.get(k))]
            lines.append("- " + " | ".join(f"{token(k)}={_cell(k, row[k], limit=_MAX_CELL)}" for k in shown_keys))
        if cursor and rows and (total is None or len(rows) < total):
            lines.append(f"More {noun}: call again with {argument}={shown(str(cursor))}.")
    return "\n".join(lines)


def plain(value: Any) -> Any:
    """A JSON-ready value with nulls and empties removed."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True)
    if isinstance(value, Mapping):
        pruned = {str(k): plain(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if not _empty(v)}
    if isinstance(value, list | tuple):
        return [v for v in map(plain, value) if not _empty(v)]
    return value


def _render_record(kind: type[BaseModel], dumped: dict[str, Any], *, detail: bool | None) -> str:
    data = plain(dumped)
    if not data:
        return "Done."
    fields = SUMMARY_FIELDS.get(kind) if detail is False else None
    keys = [k for k in (fields or data) if k in data]
    lines = [f"{token(key)}: {_cell(key, data[key], limit=None)}" for key in keys]
    hidden = len(data) - len(keys)
    if hidden > 0:
        lines.append(f"({hidden} more fields: call again with detail=true)")
    return "\n".join(lines)


def _render_list(
    items: list[Any], dumped: list[Any], page: BaseModel | None, noun: str, *, detail: bool = False
) -> str:
    metadata = getattr(page, "metadata", None) if page is not None else None
    total = getattr(metadata, "total", None)
    offset = getattr(metadata, "offset", None) or 0
    published = page_hint(page)
    if published is not None:  # a page shape of the published document (render_pages.py)
        total, more = published
        header = f"{len(items)} {noun}" if total is None else f"{len(items)} of {total} {noun}"
        rows = ["- " + _row(item, data, detail=detail) for item, data in zip(items, dumped, strict=True)]
        return "\n".join([header, *rows, *([more] if more else [])])
    header = f"{len(items)} {noun}" if total is None else f"{len(items)} of {total} {noun}"
    if total is not None and items:
        header += f" (from offset {offset})"
    lines = [header]
    for item, data in zip(items, dumped, strict=True):
        lines.append("- " + _row(item, data, detail=detail))
    more = _next_hint(metadata, len(items), offset, total)
    if getattr(page, "hasMore", None) == 1:
        more = "More: call again with the next pageNumber."
    if more:
        lines.append(more)
    return "\n".join(lines)


def _row(item: Any, dumped: Any, *, detail: bool) -> str:
    data = plain(dumped)
    if not isinstance(data, dict):
        return _cell("", data, limit=_MAX_CELL)
    fields = None if detail or not isinstance(item, BaseModel) else SUMMARY_FIELDS.get(type(item))
    keys = [k for k in (fields or data) if k in data]
    if fields is None and not detail:
        keys = [k for k in keys if not isinstance(data[k], dict | list)] or keys
    return " | ".join(f"{token(k)}={_cell(k, data[k], limit=_MAX_CELL)}" for k in keys)


def _next_hint(metadata: Any, count: int, offset: int, total: int | None) -> str:
    if metadata is None or count == 0:
        return ""
    scroll_id = getattr(metadata, "scrollId", None)
    following = offset + count
    if total is not None and following >= total:
        return ""
    if scroll_id:
        return f"More: call again with scrollId={token(str(scroll_id))} (or offset={following})."
    if total is not None:
        return f"More: call again with offset={following}."
    return ""


def _cell(key: str, value: Any, *, limit: int | None) -> str:
    """One field's value as the model reads it: text quoted and visible (`safe_text.shown`) unless
    it is only a number or a time; numbers and booleans bare; lists and nested records as JSON,
    every text in them quoted the same way."""
    if isinstance(value, bool):
        return str(value)  # True/False at the top, as JSON inside lists and records
    if isinstance(value, int) and looks_like_epoch_ms(key, value):
        return format_epoch_ms(value)
    if isinstance(value, list) and key == "tags" and value and all(isinstance(v, dict) for v in value):
        value = [v.get("tagName", v) for v in value]
    if isinstance(value, str) and _BARE_TEXT.fullmatch(value):
        return value
    return _json(value, limit)


def _json(value: Any, limit: int | None) -> str:
    """`value` as JSON, every text in it `shown` (quoted, visible, cut after `limit`)."""
    if isinstance(value, str):
        return shown(value, limit)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{shown(str(k))}:{_json(v, limit)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_json(v, limit) for v in value) + "]"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return visible(str(value))


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | dict) and not value)
