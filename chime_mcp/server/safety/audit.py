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
        self._recent.append(entry)
        if self.path is not None:
            self._append(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        return entry

    def recent(self) -> list[dict[str, Any]]:
        return list(self._recent)

    def render(self) -> str:
        """The recent entries as JSON lines, oldest first (what `chime://audit/recent` shows)."""
        if not self._recent:
            return "(no changes recorded since the server started)"
        return "\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in self._recent)

    def _append(self, line: str) -> None:
        assert self.path is not None
        try:
            with self.path.open("a", encoding="utf-8") as file:
                file.write(line + "\n")
        except OSError as exc:
            # The call itself already happened; losing the file line must not hide that from
            # the person, so say it loudly on stderr (the in-memory log still has it).
            log.error("Could not write the audit log %s: %s", self.path, exc.strerror or exc)


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
