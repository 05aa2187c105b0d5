"""A loopback stub of the Chime API: a real HTTP server on 127.0.0.1, answering from a script.

For the fault tests that need real sockets and real time (hostile bytes, poisoned headers, a
request that hangs), where a mock transport would hide what the client does on the wire.

    with StubApi({"/v1.0/leads/1": Canned(200, b'{"leadId": 1}')}) as api:
        api.url  # http://127.0.0.1:<port>, for CHIME_BASE_URL

A route's answer is a `Canned` answer, `HANG` (the handler waits until the stub stops, so the
client sees a read timeout), or a list of those, answered in turn (the last repeats). Unknown
paths answer 404. Every request's path is recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Final


@dataclass(frozen=True)
class Canned:
    status: int = 200
    body: bytes = b"{}"
    headers: Mapping[str, str] = field(default_factory=dict)


HANG: Final = "hang"
"""A route that never answers (until the stub stops)."""

Route = Canned | str | list[Canned | str]


class StubApi:
    def __init__(self, routes: Mapping[str, Route]) -> None:
        self.routes = dict(routes)
        self.paths: list[str] = []
        self._stop = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                path = self.path.split("?", 1)[0]
                stub.paths.append(path)
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                route = stub.routes.get(path, Canned(404, b'{"message": "no such route"}'))
                if isinstance(route, list):
                    route = route.pop(0) if len(route) > 1 else route[0]
                if route == HANG:
                    stub._stop.wait(30)
                    return
                assert isinstance(route, Canned)
                self.send_response(route.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def stub_api(routes: Mapping[str, Route]) -> Iterator[StubApi]:
    api = StubApi(routes)
    api.start()
    try:
        yield api
    finally:
        api.stop()
