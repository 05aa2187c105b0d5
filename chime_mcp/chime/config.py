"""Where the client's settings come from: arguments first, then the environment."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

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

    def __post_init__(self) -> None:
        # A secret that cannot be a header value is refused here too, not sent as a broken request.
        checked_secret("The API key" if self.kind == "api_key" else "The access token", self.secret)

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


class Environment(Mapping[str, str]):
    """The process environment as read once at start: a read-only mapping whose repr and str
    name the variables but never show a value (it holds CHIME_API_KEY and other secrets)."""

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values = dict(values or {})

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __repr__(self) -> str:
        chime = sorted(name for name in self._values if name.startswith("CHIME"))
        return f"Environment({len(self._values)} variables, values hidden; set: {', '.join(chime) or 'no CHIME_*'})"

    __str__ = __repr__


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
        return Credential("api_key", checked_secret("CHIME_API_KEY", key))
    if token:
        return Credential("access_token", checked_secret("CHIME_ACCESS_TOKEN", token))
    raise ConfigurationError(
        "No Chime credential is configured",
        hint="Set CHIME_API_KEY to your API key (or CHIME_ACCESS_TOKEN to an OAuth access token), "
        "or run with --sandbox to try chime-mcp without an account",
    )


_CHARACTER_NAMES = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab", " ": "a space"}


def checked_secret(name: str, secret: str) -> str:
    """`secret` when it can travel in an Authorization header: visible ASCII only.

    A line break or other control character would be sent as a broken header (and reported as a
    lost connection); the message names the variable and the position, never the secret.
    """
    for position, char in enumerate(secret, start=1):
        if "!" <= char <= "~":
            continue
        what = _CHARACTER_NAMES.get(char) or (
            f"a control character (U+{ord(char):04X})"
            if unicodedata.category(char) == "Cc"
            else "a non-ASCII character"
        )
        raise ConfigurationError(
            f"{name} contains {what} at character {position} of {len(secret)}; a key is letters, digits and "
            "punctuation only",
            hint="Copy the key again without line breaks or spaces"
            + (f" and set {name} to it" if name.startswith("CHIME_") else ""),
        )
    return secret


FLAG_TRUE = ("1", "true", "yes", "on")
FLAG_FALSE = ("0", "false", "no", "off")


def parse_flag(name: str, text: str | None, *, default: bool = False) -> bool:
    """A boolean setting, read one way everywhere: 1/true/yes/on or 0/false/no/off, any case,
    spaces around ignored; unset or blank is `default`; anything else stops with an error."""
    if text is None or not text.strip():
        return default
    value = text.strip().lower()
    if value in FLAG_TRUE:
        return True
    if value in FLAG_FALSE:
        return False
    raise ConfigurationError(
        f"{name} must be one of {'/'.join(FLAG_TRUE)} or {'/'.join(FLAG_FALSE)} (got {text!r})",
        hint=f"Set {name}=1 to turn it on, or unset it",
    )


LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1): where plain http is safe."""
    name = host.strip("[]").lower().rstrip(".")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def checked_base_url(given: str) -> str:
    """CHIME_BASE_URL as the client uses it: https:// (plain http:// only to a loopback address,
    such as the sandbox), a host and an optional port, no path, query or credentials.

    Messages show the URL without its user and password, whatever was given.
    """
    url = given.strip().rstrip("/")
    parts = urlsplit(url)
    _, at, hostport = parts.netloc.rpartition("@")
    shown = urlunsplit((parts.scheme, f"<credentials>@{hostport}", parts.path, parts.query, "")) if at else url
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not hostport:
        raise ConfigurationError(
            f"CHIME_BASE_URL must be an https:// address (got {shown!r})",
            hint=f"Use one of {', '.join(KNOWN_HOSTS)}",
        )
    host = f"{scheme}://{hostport}"
    if at:
        # Credentials go in CHIME_API_KEY / CHIME_ACCESS_TOKEN; a password in the URL would be
        # echoed by every error that names the address.
        raise ConfigurationError(
            f"CHIME_BASE_URL must not contain a user name or password (got {shown!r})",
            hint=f"Set CHIME_BASE_URL={host} and put the key in CHIME_API_KEY (or CHIME_ACCESS_TOKEN)",
        )
    if parts.path or parts.query or parts.fragment:
        # Every operation's path starts with /v1.0: a base URL with a path of its own sends every
        # call to a wrong address, and the API's 404s would read as if every lead were deleted.
        raise ConfigurationError(
            f"CHIME_BASE_URL must be a scheme and host only, without a path or credentials (got {shown!r})",
            hint=f"Use {host} (one of {', '.join(KNOWN_HOSTS)})",
        )
    try:
        hostname = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
    except ValueError:
        raise ConfigurationError(
            f"CHIME_BASE_URL has an invalid port (got {shown!r})", hint=f"Use one of {', '.join(KNOWN_HOSTS)}"
        ) from None
    if scheme == "http" and not is_loopback(hostname):
        # The key travels in every request's Authorization header: never in cleartext off this machine.
        raise ConfigurationError(
            f"CHIME_BASE_URL must use https:// (got {shown!r}): over http:// the API key would travel in "
            "cleartext. Plain http:// is accepted only for a loopback address such as the sandbox "
            "(http://127.0.0.1:8765)",
            hint=f"Use https://{hostport} or one of {', '.join(KNOWN_HOSTS)}",
        )
    return f"{scheme}://{hostport}"


def settings_from_env(
    env: Mapping[str, str] | None = None,
    *,
    api_key: str | None = None,
    access_token: str | None = None,
    base_url: str | None = None,
) -> ClientSettings:
    source = os.environ if env is None else env
    url = checked_base_url(base_url or source.get("CHIME_BASE_URL") or DEFAULT_BASE_URL)
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
