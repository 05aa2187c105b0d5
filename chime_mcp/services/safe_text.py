"""Text from outside the server, made safe to show: to a person who confirms, to the model reading.

A value the model wrote (a delete's `reason`, a webhook's `callbackUrl`) or a person outside the
conversation wrote into the CRM (a lead's name, a note) may carry a newline that starts what looks
like another line of the server's own text, a right-to-left override (U+202E) that shows
characters in another order, or zero-width characters that hide words. `shown` makes any such
value one visible, quoted line, so the text around it is the only text that speaks:

    shown('Bob\\n"Ann"\u202e')  ->  "Bob\\n\\"Ann\\"<U+202E>"

- newline, carriage return and tab read `\\n`, `\\r`, `\\t`; a quote `\\"` and a backslash `\\\\`
  (as in a JSON string, so the value ends only at the closing quote);
- every other character that is not printable (controls C0, DEL and C1, format characters Cf:
  bidirectional overrides and isolates U+202A-202E and U+2066-2069, zero-width U+200B-200F, U+FEFF,
  tag characters; line and paragraph separators; surrogates, private-use and unassigned code
  points) and the few invisible letters (Hangul fillers, the combining grapheme joiner) read
  `<U+XXXX>`; visible spaces other than U+0020 stay as they are;
- a value longer than its limit is cut, with the cut and the full length said outside the quotes:
  `"first 200 characters"… (cut: 1,234 characters in all)`.

`labelled` says who wrote a value: `reason (written by the assistant): "duplicate"`,
`name (from the CRM): "Bob Li"`. The preview a person confirms (services/previews.py) and the
results the model reads (server/tools/render.py) both use these, so one rendering serves all.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, Literal

Source = Literal["assistant", "crm", "target"]
"""Who wrote a value: the model (a tool argument), the CRM (a record), or read from a checked URL."""

SOURCE_LABELS: Final[dict[Source, str]] = {
    "assistant": "written by the assistant",
    "crm": "from the CRM",
    "target": "from that URL",
}

PREVIEW_LIMIT: Final = 200
"""Characters of one value a preview shows; the rest is cut, and the full length said."""

NONE: Final = "(none)"
"""An absent value, unquoted, so it cannot be confused with a value that reads "(none)"."""

_ESCAPES: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}
_INVISIBLE: Final = frozenset({"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0"})
"""Invisible characters that Python counts as printable: the combining grapheme joiner and the
Hangul fillers (letters of zero or blank width)."""
_BARE: Final = re.compile(r"[A-Za-z0-9_.:+=/@-]+")
"""A token that cannot carry an instruction or a line break: shown without quotes by `token`."""


def hidden(char: str) -> bool:
    """Whether `char` (one character) would not show as itself: it is shown as `<U+XXXX>`."""
    if char in _INVISIBLE:
        return True
    # isprintable() is False for the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (but U+0020).
    return not char.isprintable() and unicodedata.category(char) != "Zs"


def visible(text: str) -> str:
    """`text` with every hidden character spelled out, without quotes: `\\n`, `<U+202E>`."""
    if text.isprintable() and not _INVISIBLE.intersection(text):
        return text
    return "".join(_spelled(c) for c in text)


def shown(value: str, limit: int | None = None) -> str:
    """`value` as one quoted, visible line, cut after `limit` characters with the cut said."""
    cut = limit is not None and len(value) > limit
    head = value[:limit] if cut else value
    if head.isprintable() and not _INVISIBLE.intersection(head) and '"' not in head and "\\" not in head:
        text = f'"{head}"'
    else:
        text = '"' + "".join(_ESCAPES.get(c) or _spelled(c) for c in head) + '"'
    if cut:
        text += f"… (cut: {len(value):,} characters in all)"
    return text


def token(value: str) -> str:
    """A plain token (a cursor, a field name) as it is; anything else `shown`."""
    return value if _BARE.fullmatch(value) else shown(value)


def labelled(label: str, source: Source, value: str | None, limit: int | None = PREVIEW_LIMIT) -> str:
    """`reason (written by the assistant): "duplicate"`; an absent or empty value reads `(none)`."""
    return f"{label} ({SOURCE_LABELS[source]}): {shown(value, limit) if value else NONE}"


def _spelled(char: str) -> str:
    if char in "\n\r\t":
        return _ESCAPES[char]
    return f"<U+{ord(char):04X}>" if hidden(char) else char
