"""Webhook callback URLs: https to public hosts only (services/webhook_targets.py, no MCP)."""

from __future__ import annotations

import re

import pytest

from chime_mcp.services.webhook_targets import UnsafeWebhookTarget, check_webhook_target

pytestmark = pytest.mark.anyio

DNS = {
    "hooks.partner.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "intranet.example": ["10.20.30.40"],
    "metadata.example": ["169.254.169.254"],
    "sneaky.example": ["93.184.216.34", "127.0.0.1"],
    "mapped.example": ["::ffff:192.168.1.1"],
    "v6local.example": ["fe80::1%eth0"],
}


async def fake_dns(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    raise OSError(f"unknown host {host}")


async def no_dns(host: str, port: int) -> list[str]:
    raise AssertionError("an IP literal needs no resolver")


REFUSED = [
    ("http://93.184.216.34/hook", "must use https"),
    ("ftp://93.184.216.34/hook", "must use https"),
    ("93.184.216.34/hook", "must use https (got no scheme)"),
    ("https://127.0.0.1/hook", "loopback"),
    ("https://127.9.9.9:8443/hook", "loopback"),
    ("https://10.0.0.1/hook", "private"),
    ("https://10.255.255.254/hook", "private"),
    ("https://172.16.0.1/hook", "private"),
    ("https://192.168.0.10/hook", "private"),
    ("https://169.254.169.254/latest/meta-data", "link-local"),
    ("https://169.254.0.1/hook", "link-local"),
    ("https://0.0.0.0/hook", "unspecified"),
    ("https://224.0.0.1/hook", "multicast"),
    ("https://240.0.0.1/hook", "reserved"),
    ("https://100.64.0.1/hook", "non-public"),
    ("https://[::1]/hook", "loopback"),
    ("https://[::]/hook", "unspecified"),
    ("https://[fe80::1]/hook", "link-local"),
    ("https://[fc00::1]/hook", "private"),
    ("https://[ff02::1]/hook", "multicast"),
    ("https://[::ffff:127.0.0.1]/hook", "loopback"),
    ("https://[::ffff:10.0.0.1]/hook", "private"),
    ("https://[::ffff:169.254.169.254]/hook", "link-local"),
    ("https://[2002:7f00:1::]/hook", "loopback"),  # 6to4 wrapping 127.0.0.1
    ("https://[64:ff9b::a00:1]/hook", "private"),  # NAT64 wrapping 10.0.0.1
    ("https:///hook", "has no host"),
    ("https://[::1/hook", "not a valid URL"),
    ("https://example.com:99999/hook", "not a valid URL"),
]


@pytest.mark.parametrize(("url", "why"), REFUSED)
async def test_refused_literals(url: str, why: str) -> None:
    with pytest.raises(UnsafeWebhookTarget, match=re.escape(why)):
        await check_webhook_target(url, no_dns)


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("intranet.example", "private address (10.20.30.40) (intranet.example resolves to 10.20.30.40)"),
        ("metadata.example", "link-local"),
        ("sneaky.example", "loopback"),  # one bad address among good ones is enough
        ("mapped.example", "private"),
        ("v6local.example", "link-local"),
        ("nowhere.example", "does not resolve"),
    ],
)
async def test_refused_names(host: str, why: str) -> None:
    with pytest.raises(UnsafeWebhookTarget, match=re.escape(why)):
        await check_webhook_target(f"https://{host}/hook", fake_dns)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.partner.example/chime",
        "https://93.184.216.34/hook",
        "HTTPS://93.184.216.34:8443/hook?x=1",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
        "https://[::ffff:93.184.216.34]/hook",
    ],
)
async def test_public_https_targets_pass(url: str) -> None:
    target = await check_webhook_target(url, fake_dns)
    assert target.addresses


async def test_default_resolver_runs_getaddrinfo_offline() -> None:
    # "localhost" resolves without a network, through the real resolver in a worker thread.
    with pytest.raises(UnsafeWebhookTarget, match="loopback"):
        await check_webhook_target("https://localhost/hook")
