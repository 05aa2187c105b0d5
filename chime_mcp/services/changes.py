"""What a change changes: each field it sets, with its value before and after.

Team-wide previews show it before a person approves; an overwrite (update, assign, sync) tells
it in its result, read before the call, so the person sees what was there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import check_with
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.chime.times import TIME_WORDS, iso, parse_time


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """`field: before -> after` for each field `after` sets to something other than `before`."""
    lines = []
    for key, value in after.items():
        old = before.get(key)
        if value is None or old == value:
            continue
        if _is_time(key, old, value):  # the API reads times in one form and takes them in another
            old_time, new_time = parse_time(old), parse_time(value)
            if old_time == new_time:
                continue
            lines.append(f"{key}: {iso(old_time) if old_time else '(none)'} -> {iso(new_time) if new_time else value}")
            continue
        lines.append(f"{key}: {shown_value(old)} -> {shown_value(value)}")
    return lines


def _is_time(key: str, old: Any, new: Any) -> bool:
    return any(word in key.lower() for word in TIME_WORDS) and parse_time(new) is not None


def shown_value(value: Any) -> str:
    """A value on one line, as JSON: quoted text, escapes visible."""
    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=True, sort_keys=True, default=str)


def given_fields(values: Mapping[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a call sets, as plain JSON values (tool arguments may hold models)."""
    return {key: _plain(value) for key, value in values.items() if key not in skip and value is not None}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


async def read_before(
    client: ChimeClient, operation: Operation[Any], params: Mapping[str, Any], body: Any = None
) -> dict[str, Any] | None:
    """The record an overwrite is about to change, read by the read that checks it; None when
    there is no such read for this call or it fails (the overwrite then goes ahead unaided).
    The read's ids come from the call's parameters, or its body where the write carries one
    there (update_property_address's transactionId)."""
    check = check_with(operation)
    if check is None or check.method != "GET":
        return None
    if "{" not in check.path and (check.params or check.path != operation.path):
        return None  # no read of that one record (a search would read the whole team)
    known = {**(body if isinstance(body, Mapping) else {}), **params}
    wanted = {p.name: known[p.name] for p in check.params if known.get(p.name) is not None}
    if any(p.required and p.name not in wanted for p in check.params):
        return None
    try:
        record = await client.call(check, wanted)
    except errors.ChimeError:
        return None
    if not isinstance(record, BaseModel):
        return None
    dumped: dict[str, Any] = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    return dumped


def keep_unset(operation: Operation[Any], body: Any, before: Mapping[str, Any] | None) -> Any:
    """`body` with the fields a PUT would reset (`Body.kept`) set to what the record holds."""
    spec = operation.body
    if spec is None or not spec.kept or before is None or not isinstance(body, dict):
        return body
    kept = {name: before[name] for name in spec.kept if body.get(name) is None and name in before}
    return {**body, **kept}


def what_changed(before: Mapping[str, Any], body: Any) -> str:
    """The line an overwrite's result ends with: each field it set, before -> after ('' for a
    body that is not one record's fields, such as assign_lead's list of assignees)."""
    if not isinstance(body, dict):
        return ""
    lines = changes(before, given_fields(body))
    return f"Changed: {'; '.join(lines)}." if lines else "Changed: nothing (the record already held these values)."
