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
    "xn--bcher-kva.example": ["93.184.216.34"],
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


# Forms a browser's (WHATWG) parser reads differently from Python's, or that hide the host:
# refused before any resolution (no_dns fails the test if it is asked).
BROWSER_FORMS = [
    ("https://127.0.0.1\\@hooks.partner.example/hook", "backslash"),  # a browser's host: 127.0.0.1
    ("https://hooks.partner.example\\hook", "backslash"),
    ("https:\\\\127.0.0.1/hook", "backslash"),
    ("https://hooks.partner.example/hook\r\nX-Injected: 1", "a carriage return (CR) at position 35"),
    ("https://hooks.partner.example/ho\nok", "a line break (LF)"),
    ("https://127.0.0.1\n.hooks.partner.example/", "a line break (LF)"),
    ("https://hooks.partner.example/\thook", "a tab"),
    (" https://hooks.partner.example/hook", "a space at the start"),
    ("https://hooks.partner.example/hook ", "a space at the end"),
    ("https://hooks.partner.example/a b", "a space at position"),
    ("https://hooks.partner\u200b.example/hook", "U+200B"),
    ("https://hooks.partner.example/\u202ekooh", "U+202E"),
    ("\ufeffhttps://hooks.partner.example/hook", "U+FEFF"),
    ("https://\u00a0hooks.partner.example/hook", "U+00A0"),
    ("https://hooks.partner.example/\x00", "U+0000"),
    ("https://hooks.partner.example/\x7f", "U+007F"),
    ("https://user@hooks.partner.example/hook", "must not carry user info"),
    ("https://127.0.0.1@hooks.partner.example/hook", "must not carry user info"),
    ("https://@hooks.partner.example/hook", "must not carry user info"),
    ("https://%31%32%37.0.0.1/hook", "no %-escapes"),
    ("https://b\u00fccher.example/hook", "xn-- (punycode)"),
    ("https://127.1/hook", "shorthand or padded form"),
    ("https://2130706433/hook", "shorthand or padded form"),
    ("https://0x7f.0.0.1/hook", "shorthand or padded form"),
    ("https://0177.0.0.1/hook", "shorthand or padded form"),
    ("https://127.0.0.1./hook", "shorthand or padded form"),
    ("https://hooks.partner.example.0/hook", "shorthand or padded form"),
    ("https:/hooks.partner.example/hook", "has no host"),
]


@pytest.mark.parametrize(("url", "why"), BROWSER_FORMS)
async def test_forms_a_browser_reads_differently_are_refused(url: str, why: str) -> None:
    with pytest.raises(UnsafeWebhookTarget, match=re.escape(why)) as refused:
        await check_webhook_target(url, no_dns)
    message = str(refused.value)
    assert "Give" in message or "Write" in message  # says what to give instead
    assert not any(char in message for char in "\r\n\t\u200b\u202e\ufeff\x00")  # shown safely


async def test_a_password_in_the_url_is_not_repeated() -> None:
    with pytest.raises(UnsafeWebhookTarget, match="user info") as refused:
        await check_webhook_target("https://user:s3cret-pw@hooks.partner.example/hook", no_dns)
    assert "s3cret" not in str(refused.value)


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
        "https://xn--bcher-kva.example/hook",
        "https://hooks.partner.example/path%20with%20space?q=a%0Ab#frag",
        "https://hooks.partner.example/a@b",
    ],
)
async def test_public_https_targets_pass(url: str) -> None:
    target = await check_webhook_target(url, fake_dns)
    assert target.addresses


async def test_default_resolver_runs_getaddrinfo_offline() -> None:
    # "localhost" resolves without a network, through the real resolver in a worker thread.
    with pytest.raises(UnsafeWebhookTarget, match="loopback"):
        await check_webhook_target("https://localhost/hook")
