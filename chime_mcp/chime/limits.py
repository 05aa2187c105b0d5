"""The lengths of texts the Chime API keeps: it cuts what is longer, silently. Written once, here.

The models describe their fields with these, the server's instructions tell the model them, and
the sandbox cuts texts as the live API does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

NAME_LIMIT: Final = 30
"""A lead's first and last name, and a group name."""
STAGE_LIMIT: Final = 20
TAG_LIMIT: Final = 64
NOTE_CONTENT_LIMIT: Final = 2000
"""A note's content."""
LOG_CONTENT_LIMIT: Final = 5000
"""A logged call's, email's or text's content."""


@dataclass(frozen=True)
class TextLimit:
    """Field metadata: the API keeps at most `characters` of this text.

    The client refuses a longer text before sending (chime.checks); the models do not enforce it,
    so the sandbox, which validates with the same models, cuts it as the live API does.
    """

    characters: int
    records: str
    """What holds the text, plural: 'notes', 'logs'."""
    remedy: str
    """The next step besides shortening: 'split it into two notes'."""


@dataclass(frozen=True)
class KeptLength:
    """Field metadata: the API keeps the first `characters` of this text (of each text, in a list)
    and drops the rest without an error. It is sent as given; the result says what was cut
    (chime.checks.cuts)."""

    characters: int


NAME_KEPT: Final = KeptLength(NAME_LIMIT)
STAGE_KEPT: Final = KeptLength(STAGE_LIMIT)
TAG_KEPT: Final = KeptLength(TAG_LIMIT)
