"""What the model sees of each tool, pinned per tool: a change is a reviewable diff, CI fails on drift.

Regenerate every snapshot (schemas here, rendered output in test_server_tools.py) with:

    .venv/bin/python -m tests.support.snapshots

(or `CHIME_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/server/test_server_tools.py
tests/server/test_snapshots.py`), then read `git diff tests/snapshots` as the model will.

- tests/snapshots/tools/<tool>.json: each tool as `tools/list` gives it, every toolset on;
- tests/snapshots/tools.txt: the tools' order in that list;
- tests/snapshots/rendered/<tool>.txt: the text of one representative call (test_server_tools.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.server.config import ServerConfig
from chime_mcp.wiring import listed_tools
from tests.support.snapshots import (
    COMMAND,
    RENDERED,
    TOOL_ORDER,
    TOOLS,
    UPDATE_VARIABLE,
    check,
    check_files,
    schema_text,
)

LISTED: list[dict[str, Any]] = listed_tools(ServerConfig(toolsets=TOOLSETS))
NAMES = [tool["name"] for tool in LISTED]


@pytest.mark.parametrize("tool", LISTED, ids=NAMES)
def test_tool_schema(tool: dict[str, Any]) -> None:
    check(TOOLS / f"{tool['name']}.json", schema_text(tool))


def test_tool_order() -> None:
    check(TOOL_ORDER, "".join(f"{name}\n" for name in NAMES))


def test_a_schema_snapshot_for_every_tool_and_no_other() -> None:
    check_files(TOOLS, ".json", NAMES)


def test_a_rendered_snapshot_for_every_tool_and_no_other() -> None:
    check_files(RENDERED, ".txt", NAMES)


# -- the checks can fail --------------------------------------------------------------------------


def test_drift_fails_with_a_diff_naming_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_VARIABLE, raising=False)
    snapshot = tmp_path / "get_me.txt"
    snapshot.write_text("one\ntwo\n")
    check(snapshot, "one\ntwo\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        check(snapshot, "one\nthree\n")
    assert "-two\n+three" in str(failed.value) and COMMAND in str(failed.value)
    with pytest.raises(pytest.fail.Exception, match="no snapshot"):
        check(tmp_path / "missing.txt", "x")


def test_missing_stale_and_stray_files_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_VARIABLE, raising=False)
    for name in ("get_me.json", "gone_tool.json", "notes.md"):
        (tmp_path / name).write_text("{}\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_files(tmp_path, ".json", ["get_me", "get_lead"])
    message = str(failed.value)
    assert "no snapshot for get_lead" in message and "stale snapshot gone_tool.json" in message
    assert "not a snapshot: notes.md" in message and "get_me" not in message.replace("get_me.json", "")
