"""`chime-mcp call`'s arguments as a person types them (issue 13 items 6, 12, 13): each --arg is
typed by the tool's input schema, NaN and Infinity are refused before anything is sent, and a
tool of another toolset says how to enable it.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable, Iterator

import pytest

from chime_mcp import cli
from chime_mcp.server.tools.text_arguments import typed_value
from tests.support.sandboxes import BOB

Run = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Run]:
    """`main(*args)`: `cli.main` in this process, with no CHIME_* variables."""
    level = logging.getLogger().level

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        for key in [k for k in os.environ if k.startswith("CHIME_")]:
            monkeypatch.delenv(key)
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["chime-mcp", *args], code, out, err)

    yield call
    logging.getLogger().setLevel(level)


def test_a_phone_number_stays_text(main: Run) -> None:
    done = main("call", "search_leads", "--sandbox", "--arg", "phone=5550183345")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Bob" in done.stdout


def test_text_that_looks_like_a_number_stays_text(main: Run) -> None:
    done = main("call", "add_note", "--sandbox", "--arg", f"leadId={BOB}", "--arg", "content=42", "--structured")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "noteId" in done.stdout


def test_numbers_booleans_and_lists_follow_the_schema(main: Run) -> None:
    done = main("call", "search_leads", "--sandbox", "--arg", "query=bob li", "--arg", "limit=1", "--arg", "desc=yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 of 1 leads" in done.stdout
    assert typed_value("tags", '["a", "b"]', {"type": "array", "items": {"type": "string"}}) == ["a", "b"]
    assert typed_value("dueTime", "2026-12-05", {"type": ["integer", "string"]}) == "2026-12-05"
    assert typed_value("dueTime", "1764950400000", {"type": ["integer", "string"]}) == 1764950400000
    assert typed_value("type", "2", {"enum": [1, 2, 3], "type": "integer"}) == 2


def test_a_value_of_the_wrong_form_says_the_form(main: Run) -> None:
    done = main("call", "search_leads", "--sandbox", "--arg", "limit=many")
    assert done.returncode == 2
    assert "--arg limit takes a whole number (got 'many')" in done.stderr


@pytest.mark.parametrize("number", ["nan", "NaN", "inf", "-Infinity"])
def test_nan_and_infinity_are_refused_before_sending(main: Run, number: str) -> None:
    done = main(
        "call", "create_transaction", "--sandbox", "--toolsets", "all",
        "--arg", f"leadId={BOB}", "--arg", "transactionName=12 Elm", "--arg", f"homePrice={number}",
    )  # fmt: skip
    assert done.returncode == 2
    assert "homePrice" in done.stderr and "not a number Chime accepts" in done.stderr


def test_nan_in_json_arguments_is_refused(main: Run) -> None:
    done = main("call", "create_transaction", "--sandbox", "--toolsets", "all", "--json", '{"homePrice": NaN}')
    assert done.returncode == 2
    assert "NaN is not a number Chime accepts" in done.stderr


def test_a_tool_of_another_toolset_says_how_to_enable_it(main: Run) -> None:
    done = main("call", "search_calls", "--sandbox", "--arg", f"leadId={BOB}")
    assert done.returncode == 1
    assert "search_calls is in the communication toolset" in done.stdout
    assert "--toolsets default,communication" in done.stdout
