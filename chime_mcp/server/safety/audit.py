"""The audit log: one JSON line per call of a tool that changes the CRM or sends data out.

Lines go to the file named by CHIME_MCP_AUDIT_LOG (appended, never stdout: under stdio, stdout
is the protocol) and the last few stay in memory for the `chime://audit/recent` resource.
Arguments are recorded with anything that looks like a secret replaced, so the log can be shared
with whoever reviews it.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from mcp.server.mcpserver import MCPServer
from pydantic import TypeAdapter

log = logging.getLogger("chime_mcp.audit")

Outcome = Literal["ok", "error", "declined", "pending-confirmation"]

REDACTED = "<redacted>"
_SECRET_WORDS = frozenset({"token", "key", "apikey", "secret", "password", "passwd", "authorization", "credential"})
_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_MAX_TEXT = 500
"""Long texts (a note's body) are cut: the log records what was done, not a copy of the CRM."""
_ANY = TypeAdapter(Any)


def utc_now() -> datetime:
    return datetime.now(UTC)


class AuditLog:
    """Appends entries to an optional file and keeps the last `keep` in memory."""

    def __init__(self, path: Path | None = None, *, keep: int = 100, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = path
        self._recent: deque[dict[str, Any]] = deque(maxlen=keep)
        self._clock = clock

    def record(
        self,
        tool: str,
        arguments: Mapping[str, Any],
        outcome: Outcome,
        *,
        ids: Mapping[str, Any] | None = None,
        error: str = "",
    ) -> str | None:
        """Record one call. Never raises: the call already happened, and a failure here must not
        make it look failed (a retry would repeat it). Returns None when the entry was recorded,
        else what went wrong, which is also logged as an error."""
        try:
            entry = self._entry(tool, arguments, outcome, ids, error)
        except Exception as exc:  # arguments that cannot be turned into JSON: record the call anyway
            entry = self._entry(tool, {}, outcome, ids, error)
            entry["arguments"] = f"(not recordable: {type(exc).__name__})"
        self._recent.append(entry)
        if self.path is None:
            return None
        try:
            line = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
            with self.path.open("a", encoding="utf-8") as file:
                file.write(line + "\n")
        except Exception as exc:
            reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
            failure = f"the audit log {self.path} could not be written ({reason})"
            # The call itself already happened; losing the file line must not hide that from
            # the person, so say it loudly on stderr (the in-memory log still has it).
            log.error(
                "Could not write the audit log %s: %s; %s (%s) is not in the file", self.path, reason, tool, outcome
            )
            return failure
        return None

    def _entry(
        self, tool: str, arguments: Mapping[str, Any], outcome: Outcome, ids: Mapping[str, Any] | None, error: str
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "time": self._clock().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "tool": tool,
            "arguments": redact(arguments),
            "outcome": outcome,
            "ids": dict(ids or {}),
        }
        if error:
            entry["error"] = _cut(error)
        cleaned: dict[str, Any] = _valid_text(entry)
        return cleaned

    def recent(self) -> list[dict[str, Any]]:
        return list(self._recent)

    def render(self) -> str:
        """The recent entries as JSON lines, oldest first (what `chime://audit/recent` shows)."""
        if not self._recent:
            return "(no changes recorded since the server started)"
        return "\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in self._recent)


def check_writable(path: Path) -> None:
    """Fail at start, not at the first delete, when the audit file cannot be appended to."""
    with path.open("a", encoding="utf-8"):
        pass


def redact(value: Any) -> Any:
    """`value` as JSON data, with secret-looking keys, URL credentials and queries hidden."""
    data = _ANY.dump_python(value, mode="json", by_alias=True)
    return _redact(data)


def _redact(data: Any) -> Any:
    if isinstance(data, dict):
        # Unset optional arguments (None) say nothing: leave them out.
        return {k: REDACTED if looks_secret(str(k)) else _redact(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_redact(v) for v in data]
    if isinstance(data, str):
        return _cut(_redact_url(data))
    return data


def looks_secret(name: str) -> bool:
    """True for names such as apiKey, confirmationToken, client_secret, Authorization."""
    words = {w.lower() for w in _WORDS.findall(name)}
    return bool(words & _SECRET_WORDS) or name.lower() in _SECRET_WORDS


def _redact_url(text: str) -> str:
    # A callback URL may carry a shared secret in its query or user part; keep where it points.
    if not text.startswith(("http://", "https://")) or " " in text:
        return text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return text
    if host and ":" in host:
        host = f"[{host}]"
    netloc = f"{REDACTED}@{host}{port}" if (parts.username or parts.password) else f"{host}{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, REDACTED if parts.query else "", ""))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(data: Any) -> Any:
    """`data` with every lone surrogate (undecodable bytes of a command line, a JSON `\\ud800`
    escape) replaced by U+FFFD, so the entry can be written as UTF-8."""
    if isinstance(data, str):
        return _LONE_SURROGATE.sub("\ufffd", data)
    if isinstance(data, dict):
        return {_valid_text(k): _valid_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_valid_text(v) for v in data]
    return data


def _cut(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


AUDIT_URI = "chime://audit/recent"


def register_audit_resource(server: MCPServer, audit: AuditLog) -> None:
    """Add `chime://audit/recent`: the last CRM-changing tool calls, one JSON line each."""

    @server.resource(
        AUDIT_URI,
        name="audit_recent",
        title="Recent changes",
        description="The last 100 CRM-changing tool calls, one JSON line each.",
        mime_type="application/x-ndjson",
    )
    def audit_recent() -> str:
        return audit.render()
