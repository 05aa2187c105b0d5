"""Pending approvals: a person says yes on a page the model cannot answer.

When a gated call cannot be confirmed by elicitation, the gate asks the book for an approval
of that exact call (tool and canonical arguments). The book gives it an unguessable one-time
page path and a page token that only the page itself carries; the person approves or cancels
there by a POST with that token (a GET shows the preview and approves nothing). The model's
next call with the same arguments then finds the approval and goes ahead, once.

Approvals last 5 minutes. The book is shared between the MCP server's event loop and the
page's listener thread on stdio, hence the lock.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from chime_mcp.server.safety.tokens import canonical

APPROVAL_TTL = 300.0
"""Seconds a person has to approve; after that the call must be asked for again."""

State = Literal["pending", "approved", "cancelled", "used"]


@dataclass
class Approval:
    """One gated call waiting for, or holding, a person's answer."""

    tool: str
    binding: str
    """The call it approves: a digest of the tool and its canonical arguments."""
    preview: str
    expires_at: float
    page_id: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    page_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    state: State = "pending"


def binding_of(tool: str, arguments: Mapping[str, Any]) -> str:
    return hashlib.sha256(f"{tool}\0{canonical(arguments)}".encode()).hexdigest()


class ApprovalBook:
    """The pending and answered approvals of this process (see the module docstring)."""

    def __init__(self, *, ttl: float = APPROVAL_TTL, clock: Callable[[], float] = time.time) -> None:
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._by_page: dict[str, Approval] = {}
        self._by_binding: dict[str, Approval] = {}

    def request(self, tool: str, arguments: Mapping[str, Any], preview: str) -> Approval:
        """The live approval for this exact call, asked for anew when there is none."""
        binding = binding_of(tool, arguments)
        with self._lock:
            self._forget_expired()
            current = self._by_binding.get(binding)
            if current is not None and current.state in ("pending", "approved"):
                return current
            approval = Approval(tool, binding, preview, self._clock() + self.ttl)
            self._by_page[approval.page_id] = approval
            self._by_binding[binding] = approval
            return approval

    def redeem(self, tool: str, arguments: Mapping[str, Any]) -> Approval | None:
        """The approval of this exact call if a person gave it, now used up; else the live one or None."""
        with self._lock:
            self._forget_expired()
            approval = self._by_binding.get(binding_of(tool, arguments))
            if approval is None:
                return None
            if approval.state == "approved":
                approval.state = "used"
                del self._by_binding[approval.binding]
            elif approval.state == "cancelled":
                del self._by_binding[approval.binding]
            return approval

    def page(self, page_id: str) -> Approval | None:
        """The approval a page shows; None when the path is unknown, used or expired."""
        with self._lock:
            self._forget_expired()
            approval = self._by_page.get(page_id)
            return approval if approval is not None and approval.state != "used" else None

    def answer(self, page_id: str, page_token: str, approve: bool) -> Approval | None:
        """Record the person's answer from the page; None unless the page is live and the token its own."""
        with self._lock:
            self._forget_expired()
            approval = self._by_page.get(page_id)
            if approval is None or approval.state != "pending":
                return None
            if not hmac.compare_digest(page_token.encode(), approval.page_token.encode()):
                return None
            approval.state = "approved" if approve else "cancelled"
            return approval

    def seconds_left(self, approval: Approval) -> int:
        return max(0, round(approval.expires_at - self._clock()))

    def _forget_expired(self) -> None:
        now = self._clock()
        for page_id, approval in list(self._by_page.items()):
            if approval.expires_at <= now:
                del self._by_page[page_id]
                if self._by_binding.get(approval.binding) is approval:
                    del self._by_binding[approval.binding]
