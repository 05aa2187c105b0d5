"""One sandbox per `--db` file (issue 13, item 8): a second sandbox on the same file is refused
with a clear message, instead of both running and one silently losing acknowledged writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.store import DatabaseInUse
from tests.support.processes import free_port, wait_listening
from tests.support.sandboxes import sandbox_config

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")


def test_a_second_sandbox_process_on_one_db_is_refused_and_the_first_keeps_serving(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}
    first = subprocess.Popen(
        [CHIME_MCP, "sandbox", "--db", str(db), "--port", str(port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_listening(first, "127.0.0.1", port, "the first sandbox")
        second = subprocess.run(
            [CHIME_MCP, "sandbox", "--db", str(db), "--port", str(free_port())],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 2, second.stderr
        assert f"The sandbox database {db} is in use by another sandbox" in second.stderr
        assert "--db" in second.stderr and "Traceback" not in second.stderr
        # The first one still serves and its writes are kept.
        answer = httpx2.post(
            f"http://127.0.0.1:{port}/v1.0/leads",
            json={"firstName": "Kept"},
            headers={"Authorization": "token sandbox-key", "Content-Type": "application/json"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        assert first.poll() is None
    finally:
        first.send_signal(signal.SIGINT)
        try:
            first.wait(timeout=10)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait()
    # Once the first has stopped, the file is free again, and holds its write.
    after = Sandbox(sandbox_config(db_path=db))
    try:
        assert any(lead.get("firstName") == "Kept" for lead in after.state.leads.values())
    finally:
        after.close()


def test_a_second_sandbox_in_one_process_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    first = Sandbox(sandbox_config(db_path=db))
    assert first.state.leads
    second = Sandbox(sandbox_config(db_path=db))
    with pytest.raises(DatabaseInUse, match="in use by another sandbox"):
        _ = second.state
    first.close()
    try:
        assert second.state.leads
    finally:
        second.close()
