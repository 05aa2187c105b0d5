"""The live API's wire shapes, reduced to one reading each."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar, get_origin

from pydantic import ValidationError

from chime_mcp.chime.models.tolerant import Unexpected, reading, without_misfits
from chime_mcp.chime.operation import Operation

R = TypeVar("R")

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""JSON may escape half a UTF-16 pair (`\\ud800`): Python keeps it, and no UTF-8 writer can."""
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def json_answer(content: bytes) -> Any:
    """An answer's JSON, every text in it valid Unicode: the one place the client decodes answers.

    A lone surrogate becomes U+FFFD, and so does a byte that is not UTF-8, so one hostile record
    cannot make what the server writes (stdio, HTTP) unwritable. Raises ValueError if not JSON.
    """
    payload = json.loads(content.decode("utf-8-sig", "replace"))
    return valid_text(payload) if _SURROGATE_ESCAPE.search(content) else payload


def valid_text(value: Any) -> Any:
    """`value` with every lone surrogate, in every text and key, replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [valid_text(item) for item in value]
    if isinstance(value, dict):
        return {valid_text(key): valid_text(item) for key, item in value.items()}
    return value


def read_answer(operation: Operation[R], payload: Any, found: list[Unexpected]) -> R:
    """The answer validated into the operation's result, tolerantly: misfits are noted in `found`.

    A list that comes without its wrapper (`{}` or `{"notes": null}` for the notes, as the
    document allows) reads as no records; one item that is not a record is left out. Raises
    ValidationError only when the answer as a whole is not the result (a string for a lead).
    """
    context = reading(found)
    inner = unwrap(operation, payload)
    if get_origin(operation.result) is list and operation.unwrap and (isinstance(inner, dict) or inner is None):
        wrapper = operation.unwrap[0]
        came = inner.get(wrapper) if isinstance(inner, dict) else None
        if came is not None:  # the document lets the wrapper be absent or null: that is no records
            found.append(Unexpected(wrapper, "not a list", "read as no records"))
        inner = []
    try:
        return operation.result_adapter.validate_python(inner, context=context)
    except ValidationError as error:
        if not isinstance(inner, list):
            raise
        kept = without_misfits(inner, error, found, where=operation.unwrap[0] if operation.unwrap else "")
        return operation.result_adapter.validate_python(kept, context=context)


def unwrap(operation: Operation[Any], payload: Any) -> Any:
    """Take a result out of its wrapper (`{"notes": [...]}`, `{"lead": {...}}`), if wrapped.

    Only a dict or list under the key counts as a wrapper, so a bare record that merely has
    a field of that name (a log's `logType: "logCall"`) is left alone.
    """
    if isinstance(payload, dict):
        for key in operation.unwrap:
            inner = payload.get(key)
            if isinstance(inner, dict | list):
                return inner
    return payload


def api_message(body: Any) -> tuple[int | str | None, str]:
    """The (code, message) of an error body: a bare string, {code, message} or {message}.

    The message is returned whole: redact it before shortening it, or a secret cut in two
    would escape redaction.
    """
    if body is None:
        return None, ""
    if isinstance(body, str):
        return None, body.strip()
    if isinstance(body, dict):
        raw_code = body.get("code")
        code = raw_code if isinstance(raw_code, int | str) and not isinstance(raw_code, bool) else None
        message = body.get("message") or body.get("msg") or body.get("error") or ""
        return code, str(message).strip()
    return None, str(body).strip()
