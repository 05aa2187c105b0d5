"""The audit log: JSON lines in a file and in memory, secrets redacted, nothing on stdout."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.safety import SafetyGate
from chime_mcp.server.safety.audit import AuditLog, looks_secret, redact


def fixed() -> datetime:
    return datetime(2026, 5, 4, 12, 30, 5, tzinfo=UTC)


def test_a_line_per_call_in_the_file_and_in_memory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "audit.jsonl"
    audit = AuditLog(path, clock=fixed)
    audit.record("add_note", {"leadId": 7, "content": "Hi"}, "ok", ids={"leadId": 7, "noteId": 9})
    audit.record("delete_note", {"noteId": 9}, "error", ids={"noteId": 9}, error="Note 9 not found")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == audit.recent()
    assert lines[0] == {
        "time": "2026-05-04T12:30:05Z",
        "tool": "add_note",
        "arguments": {"leadId": 7, "content": "Hi"},
        "outcome": "ok",
        "ids": {"leadId": 7, "noteId": 9},
    }
    assert lines[1]["error"] == "Note 9 not found"
    assert capsys.readouterr().out == ""


def test_memory_keeps_the_last_hundred() -> None:
    audit = AuditLog()
    for n in range(130):
        audit.record("add_note", {"leadId": n}, "ok")
    recent = audit.recent()
    assert len(recent) == 100
    assert recent[0]["arguments"]["leadId"] == 30 and recent[-1]["arguments"]["leadId"] == 129
    assert len(audit.render().splitlines()) == 100


@pytest.mark.parametrize(
    "name",
    ["confirmationToken", "apiKey", "api_key", "client_secret", "password", "Authorization", "token", "KEY"],
)
def test_secret_looking_names(name: str) -> None:
    assert looks_secret(name)


@pytest.mark.parametrize("name", ["leadId", "content", "keyword", "callbackUrl", "monkeyBusiness", "tokens2"])
def test_ordinary_names(name: str) -> None:
    assert not looks_secret(name)


def test_redaction_is_deep_and_hides_url_credentials() -> None:
    data = {
        "confirmationToken": "ct1.abc",
        "nested": {"apiKey": "k", "list": [{"password": "p", "ok": 1}]},
        "callbackUrl": "https://user:pw@hooks.example.com:8443/x?sig=abc123",
        "plain": "https://hooks.example.com/x",
        "content": "x" * 2000,
    }
    out = redact(data)
    assert out["confirmationToken"] == "<redacted>"
    assert out["nested"] == {"apiKey": "<redacted>", "list": [{"password": "<redacted>", "ok": 1}]}
    assert out["callbackUrl"] == "https://<redacted>@hooks.example.com:8443/x?<redacted>"
    assert out["plain"] == "https://hooks.example.com/x"
    assert len(out["content"]) == 500
    assert "pw" not in json.dumps(out) and "abc123" not in json.dumps(out)


def test_unwritable_file_is_refused_at_start(tmp_path: Path) -> None:
    config = ServerConfig(audit_log=tmp_path / "missing-folder" / "audit.jsonl")
    with pytest.raises(ConfigurationError, match="CHIME_MCP_AUDIT_LOG"):
        SafetyGate(config, backend=None)  # type: ignore[arg-type]


def test_a_failing_write_is_logged_not_raised(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    audit = AuditLog(tmp_path)  # a directory: appending fails
    audit.record("add_note", {}, "ok")
    assert "Could not write the audit log" in caplog.text
    assert len(audit.recent()) == 1
