"""Snapshot files: what the model sees, pinned per tool so a change shows as a reviewable diff.

- tests/snapshots/tools/<tool>.json: the tool as `tools/list` lists it (name, title,
  description, annotations, input and output schema); tests/snapshots/tools.txt: the order.
  Checked by tests/server/test_snapshots.py.
- tests/snapshots/rendered/<tool>.txt: the text the model reads back from one representative
  call of the tool against the seeded sandbox (for a confirmed tool: the preview, then the
  confirmed result). Checked by tests/server/test_server_tools.py.

Regenerate every snapshot after an intended change, then read the diff as the model will:

    .venv/bin/python -m tests.support.snapshots

which runs `CHIME_UPDATE_SNAPSHOTS=1 pytest` over the snapshot tests: they rewrite the files
that changed, delete the files of tools that are gone, and still fail on anything else.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
TOOLS = SNAPSHOTS / "tools"
"""One `<tool>.json` per tool: its listing."""
TOOL_ORDER = SNAPSHOTS / "tools.txt"
"""The tool names in the order `tools/list` gives them, one a line."""
RENDERED = SNAPSHOTS / "rendered"
"""One `<tool>.txt` per tool: the text of a representative call."""

UPDATE_VARIABLE = "CHIME_UPDATE_SNAPSHOTS"
COMMAND = ".venv/bin/python -m tests.support.snapshots"
"""The one command that regenerates every snapshot."""
TESTS = ("tests/server/test_server_tools.py", "tests/server/test_snapshots.py")
"""The test modules that check (and, when updating, write) snapshots; the file-set checks last."""

_written: dict[Path, str] = {}
"""What this process wrote, so two cases writing one file must agree (both protocol versions)."""


def updating() -> bool:
    return bool(os.environ.get(UPDATE_VARIABLE))


def schema_text(tool: dict[str, Any]) -> str:
    """A tool's listing as its snapshot file holds it."""
    return json.dumps(tool, indent=1, sort_keys=True) + "\n"


def diff(expected: str, current: str, path: Path) -> str:
    """A unified diff from the snapshot to what the code gives now."""
    name = path.relative_to(SNAPSHOTS) if path.is_relative_to(SNAPSHOTS) else path
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), current.splitlines(keepends=True), f"{name} (snapshot)", "current"
    )
    return "".join(lines)


def check(path: Path, current: str) -> None:
    """Fail with a unified diff if `path` does not hold `current`; when updating, write it."""
    if updating():
        earlier = _written.setdefault(path, current)
        if earlier != current:
            pytest.fail(f"two cases wrote {path.name} differently:\n{diff(earlier, current, path)}", pytrace=False)
        if not path.exists() or path.read_text() != current:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(current)
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path.name}: regenerate with {COMMAND}", pytrace=False)
    expected = path.read_text()
    if expected != current:
        pytest.fail(
            f"{path.name} changed. If intended, regenerate with {COMMAND} and review the diff:\n"
            + diff(expected, current, path),
            pytrace=False,
        )


def check_files(directory: Path, suffix: str, tools: list[str]) -> None:
    """Every tool has a snapshot file in `directory` and no other file is there; when updating,
    files of tools that are gone are deleted."""
    files = sorted(directory.iterdir()) if directory.is_dir() else []
    present = {path.name.removesuffix(suffix) for path in files if path.name.endswith(suffix)}
    others = [path.name for path in files if not path.name.endswith(suffix)]
    stale = sorted(present - set(tools))
    if updating():
        for name in stale:
            (directory / f"{name}{suffix}").unlink()
        stale = []
    missing = sorted(set(tools) - present)
    problems = [f"no snapshot for {name}" for name in missing] + [f"stale snapshot {name}{suffix}" for name in stale]
    problems += [f"not a snapshot: {name}" for name in others]
    if problems:
        pytest.fail(f"{directory.name}/: " + "; ".join(problems) + f". Regenerate with {COMMAND}", pytrace=False)


def main(argv: list[str]) -> int:
    """Regenerate every snapshot: the snapshot tests, run with CHIME_UPDATE_SNAPSHOTS=1."""
    os.environ[UPDATE_VARIABLE] = "1"
    root = SNAPSHOTS.parent.parent
    os.chdir(root)
    return pytest.main(["-q", "-p", "no:cacheprovider", *TESTS, *argv])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
