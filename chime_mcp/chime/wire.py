"""The live API's wire shapes, reduced to one reading each."""

from __future__ import annotations

from typing import Any

from chime_mcp.chime.operation import Operation


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
