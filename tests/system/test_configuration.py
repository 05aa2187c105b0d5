"""Settings as a person writes them (issue 13, items 9-11): every on/off variable read one way,
and a bad setting stops the command at start with a message naming the variable."""

from __future__ import annotations

import json
import os
from itertools import product
from pathlib import Path

import pytest

from chime_mcp import cli, wiring
from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server.http import public_origin
from tests.support.canary import CANARY_API_KEY as CANARY

ON = ["1", "true", "yes", "on"]
OFF = ["0", "false", "no", "off"]


def spellings(words: list[str]) -> list[str]:
    """Each word in lower, upper and title case, bare and with spaces, tabs or a newline around."""
    cased = [variant for word in words for variant in dict.fromkeys((word, word.upper(), word.title()))]
    return [f"{before}{word}{after}" for word, (before, after) in product(cased, [("", ""), (" ", " "), ("\t", "\n")])]


@pytest.mark.parametrize("variable", wiring.BOOLEAN_SETTINGS)
@pytest.mark.parametrize("text", spellings(ON))
def test_every_spelling_of_on(variable: str, text: str) -> None:
    assert getattr(wiring.server_config({variable: text}), variable.removeprefix("CHIME_MCP_").lower()) is True


@pytest.mark.parametrize("variable", wiring.BOOLEAN_SETTINGS)
@pytest.mark.parametrize("text", [*spellings(OFF), "", "  "])
def test_every_spelling_of_off_and_blank(variable: str, text: str) -> None:
    assert getattr(wiring.server_config({variable: text}), variable.removeprefix("CHIME_MCP_").lower()) is False


@pytest.mark.parametrize("variable", wiring.BOOLEAN_SETTINGS)
@pytest.mark.parametrize("text", ["2", "y", "n", "enabled", "tru", "on off", "1.0", "-1", "ja", "\u0661"])
def test_anything_else_stops_naming_the_variable(variable: str, text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        wiring.server_config({variable: text})
    message = str(caught.value)
    assert variable in message and repr(text) in message
    assert "1/true/yes/on" in message and "0/false/no/off" in message


def test_read_only_flag_on_the_command_line_wins_over_off() -> None:
    assert wiring.server_config({"CHIME_MCP_READ_ONLY": "off"}, read_only=True).read_only is True


def command(args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> int:
    for key in [k for k in os.environ if k.startswith("CHIME_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return cli.main(args)


@pytest.mark.parametrize("text", ["yes", "on", "1 ", " TRUE", "On\n"])
def test_read_only_spellings_offer_read_tools_only(
    text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert command(["tools", "--sandbox", "--json"], {"CHIME_MCP_READ_ONLY": text}, monkeypatch) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {row["effect"] for row in rows} == {"read"}


def test_a_misspelt_read_only_stops_the_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert command(["serve", "--sandbox"], {"CHIME_MCP_READ_ONLY": "enabled"}, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "CHIME_MCP_READ_ONLY must be one of" in err and "'enabled'" in err


def test_a_key_with_a_newline_stops_the_server_at_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = f"{CANARY[:12]}\n{CANARY[12:]}"
    assert command(["serve"], {"CHIME_API_KEY": key}, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "CHIME_API_KEY contains a line break at character 13" in err
    assert CANARY[:12] not in err and CANARY[12:] not in err


def test_plain_http_to_a_remote_host_stops_the_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"CHIME_API_KEY": CANARY, "CHIME_BASE_URL": "http://api.chime.me"}
    assert command(["serve"], env, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "CHIME_BASE_URL must use https://" in err and CANARY not in err


@pytest.mark.parametrize(
    "url",
    ["https://user:hunter2-pw@mcp.example.com", "http://u:hunter2-pw@127.0.0.1:8000", "https://mcp.example.com/x?y"],
)
def test_public_url_refuses_credentials_and_paths_without_echoing_a_password(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        public_origin("127.0.0.1", 8000, {"CHIME_MCP_PUBLIC_URL": url})
    assert "CHIME_MCP_PUBLIC_URL must be an origin" in str(caught.value) and "hunter2" not in str(caught.value)


def test_public_url_accepts_an_origin() -> None:
    assert public_origin("127.0.0.1", 8000, {"CHIME_MCP_PUBLIC_URL": " https://mcp.example.com:8443/ "}) == (
        "https://mcp.example.com:8443"
    )


def test_the_readme_states_every_boolean_setting_and_its_forms() -> None:
    readme = (Path(cli.__file__).parent.parent / "README.md").read_text()
    bullet = readme[readme.index("- **On/off settings**") :].split("\n- ")[0]
    for variable in wiring.BOOLEAN_SETTINGS:
        assert f"`{variable}`" in bullet
    for word in (*ON, *OFF):
        assert f"`{word}`" in bullet
    for url_setting in ("CHIME_BASE_URL", "CHIME_MCP_PUBLIC_URL"):
        assert f"- **`{url_setting}`**" in readme
