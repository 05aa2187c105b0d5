"""The approval page: where a person, not the model, says yes to a gated call.

`GET /approve/<page id>` shows the server-computed preview with Approve and Cancel; only a POST
from that page (its one-time page token, and an Origin header naming this server, as browsers
send on a form POST) records the answer. Over HTTP the page is mounted at the MCP server's own
origin; on stdio `ApprovalListener` serves it on 127.0.0.1 at a random port, started on first
need. Pages are never cached or framed, and their secret path goes to no other site as a referrer.
"""

from __future__ import annotations

import html
import logging
import socket
import threading
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from chime_mcp.server.safety.approvals import Approval, ApprovalBook

log = logging.getLogger("chime_mcp.safety")

PAGE_PATH = "/approve/{page_id}"
_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make a browser send "Origin: null"
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#111}"
    "pre{white-space:pre-wrap;word-break:break-word;background:#f4f4f5;padding:1rem;border-radius:.5rem}"
    "button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.75rem;border-radius:.4rem;border:1px solid #888}"
    "#approve{background:#b91c1c;color:#fff;border-color:#b91c1c}"
)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    document = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width"><style>{_STYLE}</style></head>'
        f"<body>{body}</body></html>"
    )
    return HTMLResponse(document, status_code=status, headers=_HEADERS)


def _ask(approval: Approval, seconds_left: int) -> HTMLResponse:
    token = html.escape(approval.page_token, quote=True)
    body = (
        "<h1>Approve this action?</h1>"
        f"<p>The assistant asks to run <strong>{html.escape(approval.tool)}</strong>. "
        "Nothing happens unless you approve.</p>"
        f"<pre id=preview>{html.escape(approval.preview)}</pre>"
        f"<p>This page expires in {max(1, seconds_left // 60)} min and works once.</p>"
        '<form method="post">'
        f'<input type="hidden" name="token" value="{token}">'
        '<button id="approve" name="decision" value="approve" type="submit">Approve</button>'
        '<button id="cancel" name="decision" value="cancel" type="submit">Cancel</button>'
        "</form>"
    )
    return _page("Approve this action?", body)


_GONE = _page(
    "Nothing to approve",
    "<h1>Nothing to approve</h1><p>This link is unknown, already used or expired. "
    "Ask the assistant to try again for a new link.</p>",
    404,
)


def approval_routes(book: ApprovalBook) -> list[Route]:
    async def show(request: Request) -> Response:
        approval = book.page(request.path_params["page_id"])
        if approval is None:
            return _GONE
        if approval.state != "pending":
            done = "approved" if approval.state == "approved" else "cancelled"
            return _page("Already answered", f"<h1>Already {done}</h1><p>You can close this page.</p>")
        return _ask(approval, book.seconds_left(approval))

    async def answer(request: Request) -> Response:
        origin = request.headers.get("origin", "")
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin != own:
            # A browser names the page's origin on a form POST; anything else is not this page.
            return _page("Refused", "<h1>Refused</h1><p>Approve from the page itself.</p>", 403)
        form = await request.form()
        approve = form.get("decision") == "approve"
        approval = book.answer(request.path_params["page_id"], str(form.get("token") or ""), approve)
        if approval is None:
            return _GONE
        log.info("approval page: %s %s", approval.tool, approval.state)
        if approval.state == "approved":
            return _page(
                "Approved",
                "<h1>Approved</h1><p>Go back to the assistant and tell it to go ahead: its next call "
                f"of <strong>{html.escape(approval.tool)}</strong> with the same arguments runs once.</p>",
            )
        return _page("Cancelled", "<h1>Cancelled</h1><p>Nothing was done. You can close this page.</p>")

    return [Route(PAGE_PATH, show, methods=["GET"]), Route(PAGE_PATH, answer, methods=["POST"])]


def approval_app(book: ApprovalBook) -> Starlette:
    return Starlette(routes=approval_routes(book))


class ApprovalListener:
    """The approval page on 127.0.0.1 at a random port, for servers that speak stdio."""

    def __init__(self, book: ApprovalBook) -> None:
        self.book = book
        self._lock = threading.Lock()
        self._base_url: str | None = None
        self._server: Any = None

    def base_url(self) -> str:
        """Start on first need; the origin the page links use (http://127.0.0.1:<port>)."""
        with self._lock:
            if self._base_url is None:
                self._base_url = self._start()
            return self._base_url

    def _start(self) -> str:
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(approval_app(self.book), log_level="warning", lifespan="off")
        server = uvicorn.Server(config)
        started = threading.Event()

        def run() -> None:
            try:
                server.run(sockets=[sock])
            finally:
                started.set()

        threading.Thread(target=run, name="chime-mcp-approvals", daemon=True).start()
        for _ in range(500):  # the socket is bound already; serving begins within moments
            if server.started or started.is_set():
                break
            started.wait(0.01)
        self._server = server
        log.info("approval page listening on http://127.0.0.1:%d", port)
        return f"http://127.0.0.1:{port}"

    def close(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
