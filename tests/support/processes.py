"""Processes the tests start: a free loopback port for one, and waiting until it listens."""

from __future__ import annotations

import socket
import subprocess
import time


def wait_listening(process: subprocess.Popen[bytes], host: str, port: int, what: str, seconds: float = 30) -> None:
    """Return once `host:port` accepts a connection; AssertionError (with the process's stderr,
    when it exited) if it dies or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr and process.poll() is not None else ""
                raise AssertionError(f"{what} did not start: {err}") from None
            time.sleep(0.05)


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on at `host` now (IPv6 when the address has a colon)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port
