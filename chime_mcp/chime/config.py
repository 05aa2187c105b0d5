"""Where the client's settings come from: arguments first, then the environment."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from chime_mcp.chime.errors import ConfigurationError

DEFAULT_BASE_URL = "https://api.chime.me"
KNOWN_HOSTS = ("https://api.chime.me", "https://api.lofty.com")


@dataclass(frozen=True)
class Credential:
    """An API key (`token <key>`) or an OAuth access token (`Bearer <token>`).

    The secret never appears in repr, str or any message.
    """

    kind: Literal["api_key", "access_token"]
    secret: str

    def __repr__(self) -> str:
        return f"Credential(kind={self.kind!r}, secret=<redacted>)"

    __str__ = __repr__

    @property
    def authorization(self) -> str:
        scheme = "token" if self.kind == "api_key" else "Bearer"
        return f"{scheme} {self.secret}"

    @property
    def fingerprint(self) -> str:
        """A short, non-reversible id to key shared state (the rate-limit budget) by."""
        return hashlib.sha256(f"{self.kind}:{self.secret}".encode()).hexdigest()[:16]

    @property
    def scheme_name(self) -> str:
        return "token (API key)" if self.kind == "api_key" else "Bearer (access token)"


@dataclass(frozen=True)
class ClientSettings:
    credential: Credential
    base_url: str = DEFAULT_BASE_URL
    timeout: float = 30.0
    max_rate_limit_wait: float = 25.0
    """The most the client waits, in all, for a rate limit before giving up on a call: well below
    common client request timeouts (60 s in the TypeScript SDK), so the call answers with a
    rate-limited error that says how long to wait instead of being cut off with no answer."""
    read_only: bool = False


def credential_from(
    api_key: str | None = None,
    access_token: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Credential:
    """The credential from arguments, else CHIME_API_KEY, else CHIME_ACCESS_TOKEN."""
    source = os.environ if env is None else env
    key = (api_key or source.get("CHIME_API_KEY", "")).strip()
    token = (access_token or source.get("CHIME_ACCESS_TOKEN", "")).strip()
    if key:
        return Credential("api_key", key)
    if token:
        return Credential("access_token", token)
    raise ConfigurationError(
        "No Chime credential is configured",
        hint="Set CHIME_API_KEY to your API key (or CHIME_ACCESS_TOKEN to an OAuth access token), "
        "or run with --sandbox to try chime-mcp without an account",
    )


def settings_from_env(
    env: Mapping[str, str] | None = None,
    *,
    api_key: str | None = None,
    access_token: str | None = None,
    base_url: str | None = None,
) -> ClientSettings:
    source = os.environ if env is None else env
    url = (base_url or source.get("CHIME_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise ConfigurationError(
            f"CHIME_BASE_URL must start with https:// (got {url!r})",
            hint=f"Use one of {', '.join(KNOWN_HOSTS)}",
        )
    parts = urlsplit(url)
    if parts.path or parts.query or parts.fragment or "@" in parts.netloc:
        # Every operation's path starts with /v1.0: a base URL with a path of its own sends every
        # call to a wrong address, and the API's 404s would read as if every lead were deleted.
        host = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"  # never echo a user:password
        shown = host + parts.path + (f"?{parts.query}" if parts.query else "")
        raise ConfigurationError(
            f"CHIME_BASE_URL must be a scheme and host only, without a path or credentials (got {shown!r})",
            hint=f"Use {host} (one of {', '.join(KNOWN_HOSTS)})",
        )
    timeout_text = source.get("CHIME_TIMEOUT", "30")
    try:
        timeout = float(timeout_text)
    except ValueError:
        raise ConfigurationError(f"CHIME_TIMEOUT must be a number of seconds (got {timeout_text!r})") from None
    return ClientSettings(
        credential=credential_from(api_key, access_token, source),
        base_url=url,
        timeout=timeout,
    )
