"""The client's settings (issue 13, items 9 and 10): which base URLs and keys are accepted, what
the refusals say (never the password or the key), and that the key's echoes in API error bodies
are hidden however they are spelled."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

import httpx2
import pytest

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import BY_NAME
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential, Environment, settings_from_env
from chime_mcp.chime.ratelimit import RateBudget
from chime_mcp.server.config import ServerConfig
from chime_mcp.wiring import live_settings, server_config
from tests.support.canary import CANARY_API_KEY as CANARY

PASSWORD = "hunter2-pass-9z"


def settings(**env: str) -> ClientSettings:
    return settings_from_env({"CHIME_API_KEY": "k", **env})


def refusal(**env: str) -> str:
    with pytest.raises(errors.ConfigurationError) as caught:
        settings(**env)
    return str(caught.value)


# -- CHIME_BASE_URL (item 9) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://api.chime.me",
        "http://evil.example.com",
        "http://10.0.0.5:8765",
        "http://127.0.0.1.evil.example.com",
        "HTTP://api.lofty.com",
    ],
)
def test_plain_http_off_loopback_is_refused(url: str) -> None:
    message = refusal(CHIME_BASE_URL=url)
    assert "CHIME_BASE_URL must use https://" in message and "cleartext" in message


@pytest.mark.parametrize(
    ("url", "used"),
    [
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://127.0.0.2:9", "http://127.0.0.2:9"),
        ("http://localhost:8765/", "http://localhost:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
        ("https://api.lofty.com", "https://api.lofty.com"),
        (" https://api.chime.me/ ", "https://api.chime.me"),
    ],
)
def test_https_and_loopback_http_are_accepted(url: str, used: str) -> None:
    assert settings(CHIME_BASE_URL=url).base_url == used


@pytest.mark.parametrize(
    "url",
    [
        f"https://user:{PASSWORD}@api.chime.me",
        f"https://user:{PASSWORD}@api.chime.me/v1.0?x=1",
        f"http://user:{PASSWORD}@evil.example.com",
        f"ftp://user:{PASSWORD}@api.chime.me",
        "https://someone@api.chime.me",
    ],
)
def test_userinfo_is_refused_and_the_password_never_echoed(url: str) -> None:
    message = refusal(CHIME_BASE_URL=url)
    assert PASSWORD not in message and "user:" not in message and "someone" not in message
    assert "CHIME_BASE_URL" in message


def test_a_base_url_with_credentials_says_where_the_key_goes() -> None:
    message = refusal(CHIME_BASE_URL=f"https://user:{PASSWORD}@api.chime.me")
    assert "must not contain a user name or password" in message
    assert "CHIME_BASE_URL=https://api.chime.me" in message and "CHIME_API_KEY" in message


# -- the key (item 10) ---------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["CHIME_API_KEY", "CHIME_ACCESS_TOKEN"])
@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ("\n", "a line break"),
        ("\r", "a carriage return"),
        ("\t", "a tab"),
        ("\x00", "U+0000"),
        ("\x1b", "U+001B"),
        ("\x7f", "U+007F"),
        (" ", "a space"),
        ("\u00e9", "a non-ASCII character"),
    ],
)
def test_a_key_with_a_control_character_is_refused_naming_the_variable(variable: str, bad: str, named: str) -> None:
    key = f"{CANARY[:10]}{bad}{CANARY[10:]}"
    with pytest.raises(errors.ConfigurationError) as caught:
        settings_from_env({variable: key})
    message = str(caught.value)
    assert variable in message and named in message and "character 11" in message
    assert CANARY[:10] not in message and CANARY[10:] not in message


def test_a_trailing_newline_from_a_copied_key_is_trimmed() -> None:
    assert settings_from_env({"CHIME_API_KEY": f"{CANARY}\n"}).credential.secret == CANARY


def test_no_configuration_shows_the_key_in_its_repr() -> None:
    env = {"CHIME_API_KEY": CANARY, "CHIME_MCP_HTTP_TOKEN": CANARY + "-http", "CHIME_BASE_URL": "https://api.lofty.com"}
    config = server_config(env)
    shown = [repr(config), str(config), repr(config.environment), repr(live_settings(config))]
    shown += [repr(ServerConfig(environment=env)), repr(Environment(env)), str(settings_from_env(env))]
    for text in shown:
        assert CANARY not in text, text
    assert "CHIME_API_KEY" in repr(config.environment)  # names the variables, hides the values
    assert config.environment["CHIME_API_KEY"] == CANARY and dict(config.environment) == env


# -- echoes of the key in API error bodies (item 10) ---------------------------------------------

KEY = "ck_live_9f8e7d6c5b4a3210+/ZyXwVu"

ECHOES = {
    "whole": f"invalid token {KEY}",
    "url-encoded": f"bad credential {quote(KEY, safe='')}",
    "base64": f"Basic {base64.b64encode(KEY.encode()).decode()}",
    "url-safe base64 without padding": base64.urlsafe_b64encode(KEY.encode()).decode().rstrip("="),
    "first characters": f"key {KEY[:8]}... is not valid",
    "last characters": f"key ...{KEY[-8:]} expired",
    "a middle run": f"key fragment {KEY[9:19]} unknown",
}


@pytest.mark.anyio
@pytest.mark.parametrize("form", list(ECHOES))
async def test_encoded_and_partial_echoes_of_the_key_are_redacted(form: str) -> None:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(400, json={"code": 1, "message": ECHOES[form]})

    client = ChimeClient(
        ClientSettings(Credential("api_key", KEY)), transport=httpx2.MockTransport(answer), budget=RateBudget()
    )
    async with client:
        with pytest.raises(errors.ApiError) as caught:
            await client.call(BY_NAME["get_note"], {"noteId": 2})
    said: list[Any] = [str(caught.value), caught.value.api_text]
    for text in said:
        for i in range(len(KEY) - 7):
            assert KEY[i : i + 8] not in text, (form, text)
        assert quote(KEY, safe="") not in text and base64.b64encode(KEY.encode()).decode()[:12] not in text
    assert "<redacted>" in str(caught.value)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_a_credential_made_in_code_refuses_a_control_character_too() -> None:
    with pytest.raises(errors.ConfigurationError, match="The API key contains a line break at character 4") as caught:
        Credential("api_key", "abc\ndef")
    assert "abc" not in str(caught.value)
