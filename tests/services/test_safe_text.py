"""Values shown safely: every hidden character spelled out, quotes that only the server closes."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from chime_mcp.services.safe_text import NONE, hidden, labelled, shown, token, visible

NAMED = (
    [chr(c) for c in range(0x00, 0x20)]  # C0 controls
    + ["\x7f"]  # DEL
    + [chr(c) for c in range(0x80, 0xA0)]  # C1 controls
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
    + [chr(c) for c in range(0x200B, 0x2010)]  # zero-width space, joiners, LRM, RLM
    + ["\ufeff", "\u2028", "\u2029", "\u00ad", "\u061c", "\U000e0041", "\u3164", "\u115f"]
)
"""The characters the issue names, and a few more of their kind (line separators, soft hyphen,
Arabic letter mark, a tag character, Hangul fillers)."""


@pytest.mark.parametrize("char", NAMED, ids=lambda c: f"U+{ord(c):04X}")
def test_every_named_character_is_spelled_out(char: str) -> None:
    assert hidden(char)
    spelled = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"<U+{ord(char):04X}>")
    assert visible(f"a{char}b") == f"a{spelled}b"
    assert shown(f"a{char}b") == f'"a{spelled}b"'


def test_every_format_and_control_character_is_hidden() -> None:
    categories = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) in categories:
            assert hidden(char), f"U+{code:04X}"


@pytest.mark.parametrize("text", ["Bob Li", "José Núñez", "李小龙", "שלום", "Ann\u00a0Lee", "🏠 buyer", "a\u3000b"])
def test_printable_text_and_spaces_stay_as_written(text: str) -> None:
    assert visible(text) == text
    assert shown(text) == f'"{text}"'


def test_quotes_and_backslashes_cannot_close_the_value() -> None:
    text = 'x" and also: "y \\n'
    assert shown(text) == '"x\\" and also: \\"y \\\\n"'
    assert json.loads(shown(text)) == text  # read as JSON, the printable part is exactly the value


def test_a_long_value_is_cut_with_its_length_said() -> None:
    assert shown("abcdef", limit=3) == '"abc"… (cut: 6 characters in all)'
    assert shown("abc", limit=3) == '"abc"'
    assert shown("\n" * 5000, limit=2) == '"\\n\\n"… (cut: 5,000 characters in all)'


def test_labels_say_who_wrote_a_value() -> None:
    assert labelled("reason", "assistant", "dup\u202e") == 'reason (written by the assistant): "dup<U+202E>"'
    assert labelled("name", "crm", "") == f"name (from the CRM): {NONE}"
    assert labelled("name", "crm", None) == "name (from the CRM): (none)"
    assert labelled("name", "crm", "(none)") == 'name (from the CRM): "(none)"'


def test_plain_tokens_stay_bare() -> None:
    assert token("s-1.2:x=y/z") == "s-1.2:x=y/z"
    assert token("s 1") == '"s 1"'
    assert token("s\n1") == '"s\\n1"'
