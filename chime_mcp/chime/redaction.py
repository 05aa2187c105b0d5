"""Hiding a credential in text that came back from the API (error bodies), however it was echoed.

An API or a proxy in front of it may echo the key whole, URL-encoded, base64-encoded, or cut (the
first or last characters, "key abcd1234... is invalid"). Every run of `FRAGMENT` or more characters
of the secret, in any of those spellings, is replaced.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from urllib.parse import quote, quote_plus

REDACTED = "<redacted>"
FRAGMENT = 8
"""The shortest run of a secret's characters that is hidden (shorter runs are too common)."""


@lru_cache(maxsize=8)
def _spellings(secret: str) -> tuple[str, ...]:
    raw = secret.encode("utf-8", "surrogatepass")
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        base64.b64encode(raw).decode().rstrip("="),
        base64.urlsafe_b64encode(raw).decode().rstrip("="),
        raw.hex(),
    }
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


@lru_cache(maxsize=8)
def _fragments(secret: str) -> frozenset[str]:
    return frozenset(form[i : i + FRAGMENT] for form in _spellings(secret) for i in range(len(form) - FRAGMENT + 1))


def redact_secret(text: str, secret: str) -> str:
    """`text` with `secret` hidden: whole, encoded, or any FRAGMENT-character run of either."""
    if not secret or not text:
        return text
    for form in _spellings(secret):
        text = text.replace(form, REDACTED)
    fragments = _fragments(secret)
    if not fragments or len(text) < FRAGMENT:
        return text
    hidden = [False] * len(text)
    for i in range(len(text) - FRAGMENT + 1):
        if text[i : i + FRAGMENT] in fragments:
            for j in range(i, i + FRAGMENT):
                hidden[j] = True
    if not any(hidden):
        return text
    out: list[str] = []
    for i, char in enumerate(text):
        if not hidden[i]:
            out.append(char)
        elif i == 0 or not hidden[i - 1]:
            out.append(REDACTED)
    return "".join(out)
