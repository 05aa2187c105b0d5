"""Confirmation tokens: the fallback for clients that cannot ask the person (no elicitation).

The first call of a confirmed tool returns the preview and a token; a second call carrying the
token acts. A token is an HMAC-SHA256 under a per-process secret, bound to the tool and its
exact arguments, single use and short-lived: the model cannot mint one, it can only relay the
one issued with the preview, and only for exactly those arguments.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import struct
import time
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter

TOKEN_ARGUMENT = "confirmationToken"
"""The argument that carries a confirmation token (in the schema of confirmed tools only)."""
ANSWER_PARAMETER = "confirmation"
"""The hidden, resolver-filled parameter that receives the person's answer."""
TOKEN_TTL = 300.0

Clock = Callable[[], float]


class TokenRefused(Exception):
    """A confirmation token that does not allow this call; the message says what to do."""


class ConfirmationTokens:
    """Issues and redeems single-use tokens bound to one tool and its canonical arguments.

    A token is `ct1.<payload>.<tag>.<binding>`, base64url: payload = 12 random bytes + expiry
    (epoch seconds); tag = HMAC(secret, payload) proves this process issued it; binding =
    HMAC(secret, payload + tool + arguments) ties it to one call. Two MACs, so a token for other
    arguments is told apart from a forged one. Only used nonces are remembered, until expiry.
    """

    def __init__(self, *, secret: bytes | None = None, ttl: float = TOKEN_TTL, clock: Clock = time.time) -> None:
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.ttl = ttl
        self._clock = clock
        self._used: dict[bytes, int] = {}

    def issue(self, tool: str, arguments: Mapping[str, Any]) -> str:
        expiry = int(self._clock() + self.ttl)
        payload = secrets.token_bytes(12) + struct.pack(">Q", expiry)
        return ".".join(("ct1", b64(payload), b64(self._tag(payload)), b64(self._binding(payload, tool, arguments))))

    def redeem(self, token: str, tool: str, arguments: Mapping[str, Any]) -> None:
        """Accept `token` for this call once, or raise TokenRefused."""
        again = f"Call {tool} again without {TOKEN_ARGUMENT} to get a new preview and token."
        parts = token.strip().split(".")
        decoded = [unb64(p) for p in parts[1:]] if len(parts) == 4 and parts[0] == "ct1" else []
        if len(decoded) != 3 or any(d is None for d in decoded):
            raise TokenRefused(f"That {TOKEN_ARGUMENT} is not a token this server issued. {again}")
        payload, tag, binding = (d or b"" for d in decoded)
        if len(payload) != 20 or not hmac.compare_digest(tag, self._tag(payload)):
            raise TokenRefused(
                f"That {TOKEN_ARGUMENT} was not issued by this server (forged, altered, or from before "
                f"a restart). {again}"
            )
        if not hmac.compare_digest(binding, self._binding(payload, tool, arguments)):
            raise TokenRefused(
                f"That {TOKEN_ARGUMENT} was issued for a different call (another tool or other "
                f"arguments); it only confirms the exact call that was previewed. {again}"
            )
        now = self._clock()
        (expiry,) = struct.unpack(">Q", payload[12:])
        if now > expiry:
            raise TokenRefused(f"That {TOKEN_ARGUMENT} expired {round(now - expiry)} s ago. {again}")
        nonce = payload[:12]
        if nonce in self._used:
            raise TokenRefused(f"That {TOKEN_ARGUMENT} was already used. {again}")
        # Check and mark with no await in between: two concurrent calls cannot both pass.
        self._used = {n: e for n, e in self._used.items() if e >= now}
        self._used[nonce] = expiry

    def _tag(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, b"issued\0" + payload, hashlib.sha256).digest()[:16]

    def _binding(self, payload: bytes, tool: str, arguments: Mapping[str, Any]) -> bytes:
        message = b"call\0" + payload + tool.encode() + b"\0" + canonical(arguments).encode()
        return hmac.new(self._secret, message, hashlib.sha256).digest()


def canonical(arguments: Mapping[str, Any]) -> str:
    """One spelling of a call's arguments (sorted keys, JSON types), the token argument aside."""
    data = TypeAdapter(Any).dump_python(
        {k: v for k, v in arguments.items() if k not in (TOKEN_ARGUMENT, ANSWER_PARAMETER)},
        mode="json",
        by_alias=True,
    )
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        return None
