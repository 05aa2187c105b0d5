"""Which callback URLs a webhook may send the team's CRM events to.

Only https URLs whose host is public: a webhook pointed at loopback, a private network or a
cloud metadata address would stream leads to an internal host. The host is checked as a
literal address, or else through every address its name resolves to (any one bad address
refuses the URL, since the sender may pick any of them).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
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
    """The checked target of `url`, or UnsafeWebhookTarget saying why it is refused."""
    next_step = "Give a public https URL."
    try:
        parts = urlsplit(url.strip())
        port = parts.port or 443
    except ValueError:
        raise UnsafeWebhookTarget(f"callbackUrl {url!r} is not a valid URL. {next_step}") from None
    if parts.scheme.lower() != "https":
        shown = parts.scheme or "no scheme"
        raise UnsafeWebhookTarget(
            f"callbackUrl must use https (got {shown}): CRM data must not travel in clear text. {next_step}"
        )
    host = parts.hostname
    if not host:
        raise UnsafeWebhookTarget(f"callbackUrl {url!r} has no host. {next_step}")
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
    return WebhookTarget(url=url.strip(), host=host, addresses=tuple(addresses))


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
