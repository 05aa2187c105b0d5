"""What the `chime-mcp` command prints besides results (issue 13 items 14, 15): where an HTTP
server listens, said once; no line per session; a closed pipe ends quietly; help for every
argument, with defaults.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from mcp import Client

from chime_mcp import cli

CHIME_MCP = str(Path(sys.executable).parent / "chime-mcp")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CHIME_")}


def _line(process: subprocess.Popen[str], pattern: str, seconds: float = 60) -> re.Match[str]:
    """The first stderr line of `process` that matches `pattern` (AssertionError after `seconds`)."""
    assert process.stderr is not None
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.2)
        if ready:
            line = process.stderr.readline()
            if not line:
                break
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match
    raise AssertionError(f"no line matching {pattern!r} on stderr: {''.join(seen)!r}")


def test_http_serve_says_its_url_once_and_keeps_sessions_at_debug() -> None:
    command = [CHIME_MCP, "serve", "--sandbox", "--transport", "http", "--port", "0"]
    process = subprocess.Popen(command, env=_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        url = _line(process, r"chime-mcp: serving MCP at (http://127\.0\.0\.1:(\d+)/mcp)").group(1)
        assert not url.endswith(":0/mcp"), "the port bound, not the one asked for"

        async def two_sessions() -> None:
            for _ in range(2):
                async with Client(url, mode="legacy") as client:
                    assert (await client.list_tools()).tools

        anyio.run(two_sessions)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=20)
    assert out == ""
    assert url not in err, "the URL is said once"
    assert "session" not in err.lower(), err


def test_a_reader_that_leaves_early_ends_the_command_quietly() -> None:
    """`chime-mcp tools --json | head -1`: the reader is gone before the listing is written."""
    process = subprocess.Popen([CHIME_MCP, "tools", "--json", "--toolsets", "all"], env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit):
        cli.main([*args, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_every_argument_has_help_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    call = _help(capsys, "call")
    assert "tool the tool to call, as `chime-mcp tools` lists it" in call
    serve = _help(capsys, "serve")
    assert "http to serve streamable HTTP at /mcp (default: stdio)" in serve
    assert "(default: 8000)" in serve and "default: leads,notes,logs,messaging,calendar" in serve
    sandbox = _help(capsys, "sandbox")
    for option, said in [
        ("--host HOST", "(default: 127.0.0.1)"),
        ("--port PORT", "(default: 8765)"),
        ("--seed SEED", "(default: 7)"),
        ("--db DB", "(default: in memory)"),
        ("--rate-limit N/min", "(default: 600/min)"),
        ("--latency-ms LATENCY_MS", "(default: 0)"),
        ("--api-key API_KEY", "(default: sandbox-key)"),
    ]:
        assert re.search(re.escape(option) + r" [^-]+" + re.escape(said), sandbox), (option, sandbox)
