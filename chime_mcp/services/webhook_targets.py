"""Which callback URLs a webhook may send the team's CRM events to.

Only https URLs whose host is public: a webhook pointed at loopback, a private network or a
cloud metadata address would stream leads to an internal host. The host is checked as a
literal address, or else through every address its name resolves to (any one bad address
refuses the URL, since the sender may pick any of them).
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import anyio.to_thread

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
"""(host, port) -> the addresses the host name resolves to, as text."""

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
"""Well-known NAT64 prefix: the last 32 bits are the IPv4 address actually reached."""


class UnsafeWebhookTarget(ValueError):
    """A callback URL the server refuses; the message says why and what to use instead."""


@dataclass(frozen=True)
class WebhookTarget:
    url: str
    host: str
    addresses: tuple[str, ...]


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve with the operating system, off the event loop (getaddrinfo blocks)."""
    lookup = functools.partial(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    infos = await anyio.to_thread.run_sync(lookup)
    return [str(info[4][0]) for info in infos]


async def check_webhook_target(url: str, resolve: Resolver = system_resolver) -> WebhookTarget:
    """The checked target of `url`, or UnsafeWebhookTarget saying why it is refused.

    The URL is first held to the form on which every parser agrees (a browser's WHATWG parser,
    Python's, the sender's): no whitespace or control characters anywhere (a browser silently
    drops tabs and line breaks, and trims spaces), no backslash (a browser reads it as `/` in
    the authority, so `https://127.0.0.1\\@hooks.example/` is a URL for 127.0.0.1), https, no
    user info, a plain ASCII host. Then the host's addresses are checked.
    """
    next_step = "Give a public https URL."
    _check_characters(url)
    try:
        parts = urlsplit(url)
        port = parts.port or 443
    except ValueError:
        raise UnsafeWebhookTarget(f"callbackUrl {url!r} is not a valid URL. {next_step}") from None
    if parts.scheme.lower() != "https":
        shown = parts.scheme or "no scheme"
        raise UnsafeWebhookTarget(
            f"callbackUrl must use https (got {shown}): CRM data must not travel in clear text. {next_step}"
        )
    if "@" in parts.netloc:
        raise UnsafeWebhookTarget(
            "callbackUrl must not carry user info (`user@` or `user:password@` before the host): it hides "
            "which host is meant and would store a credential in the CRM. Give https://host/path, "
            "with any secret the receiver needs in the path or query."
        )
    host = parts.hostname
    if not host:
        raise UnsafeWebhookTarget(f"callbackUrl {url!r} has no host. {next_step}")
    _check_host_spelling(host)
    literal = _parse_address(host)
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = await resolve(host, port)
        except OSError:
            addresses = []
        if not addresses:
            raise UnsafeWebhookTarget(
                f"callbackUrl host {host} does not resolve, so it cannot be checked. "
                "Check the spelling, or give a public https URL."
            )
    for text in addresses:
        address = _parse_address(text)
        problem = "not an IP address" if address is None else _problem(address)
        if problem:
            via = "" if literal is not None else f" ({host} resolves to {text})"
            raise UnsafeWebhookTarget(
                f"callbackUrl points to {problem}{via}: webhooks may only send to public hosts. {next_step}"
            )
    return WebhookTarget(url=url, host=host, addresses=tuple(addresses))


_CHARACTER_NAMES = {
    "\r": "a carriage return (CR)",
    "\n": "a line break (LF)",
    "\t": "a tab",
    " ": "a space",
}


def _check_characters(url: str) -> None:
    """Refuse whitespace, control and invisible format characters anywhere, and backslashes."""
    for index, char in enumerate(url):
        category = unicodedata.category(char)
        if char.isspace() or category in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            name = _CHARACTER_NAMES.get(char) or f"the invisible or control character U+{ord(char):04X}"
            where = (
                "at the start" if index == 0 else "at the end" if index == len(url) - 1 else f"at position {index + 1}"
            )
            raise UnsafeWebhookTarget(
                f"callbackUrl has {name} {where}: a browser would read such a URL differently from this check. "
                "Give the URL on one line with no spaces or control characters "
                "(write a space inside the path as %20)."
            )
        if char == "\\":
            raise UnsafeWebhookTarget(
                "callbackUrl contains a backslash (\\): browsers read it as `/`, so the host would not be the one "
                "checked here. Write the URL with forward slashes only."
            )


_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9a-fA-F]*")


def _check_host_spelling(host: str) -> None:
    """The host in the one spelling every parser reads alike: ASCII, unescaped, canonical IPv4."""
    if ":" in host:
        return  # an IPv6 literal (it was in brackets); parsed as an address below
    if not host.isascii() or "%" in host:
        raise UnsafeWebhookTarget(
            f"callbackUrl host {host!r} must be plain ASCII with no %-escapes: parsers decode such hosts "
            "differently. Give an internationalised name in its xn-- (punycode) form."
        )
    last = host.rstrip(".").rsplit(".", 1)[-1]
    if _NUMERIC_LABEL.fullmatch(last):
        # A browser reads a host whose last label is a number as an IPv4 address, in forms such
        # as 127.1, 0x7f.0.0.1, 2130706433 or 127.0.0.1. (trailing dot): only the plain form is taken.
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise UnsafeWebhookTarget(
                f"callbackUrl host {host!r} reads as an IPv4 address in a shorthand or padded form. "
                "Write an IPv4 address as four decimal numbers (like 93.184.216.34), or give a host name."
            ) from None


def _parse_address(text: str) -> Address | None:
    # getaddrinfo may give an IPv6 link-local address with its zone ("fe80::1%eth0").
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def _problem(address: Address) -> str:
    """What is wrong with `address` as a webhook destination, or "" when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address reach that IPv4 address: judge it instead.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return _problem(embedded)
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "a non-public address"),
    )
    for failed, what in checks:
        if failed:
            return f"{what} ({address})"
    return ""
