"""The server instructions: instructions.md, with its facts filled in from data.

Facts a model needs in every conversation (how long a text may be) are written once here and
checked against the published API document and the sandbox (tests/server/test_instructions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from chime_mcp.chime import limits
from chime_mcp.chime.times import TIME_FORMS
from chime_mcp.server import toolsets
from chime_mcp.server.config import ServerConfig

SANDBOX_NOTICE = (
    "THIS IS THE CHIME-MCP SANDBOX: demo data in a local emulator, not a real CRM. Changes are not sent to Chime."
)


@dataclass(frozen=True)
class TextLimit:
    """The API keeps the first `characters` of these texts and drops the rest, without an error.

    `refused`: chime-mcp refuses a longer one before sending (a `chime.limits.TextLimit` on the
    field), so nothing the person wrote is lost; the others are cut as the API cuts them.
    """

    what: str
    characters: int
    refused: bool = False


TEXT_LIMITS: tuple[TextLimit, ...] = (
    TextLimit("names and groups", limits.NAME_LIMIT),
    TextLimit("tags", limits.TAG_LIMIT),
    TextLimit("notes", limits.NOTE_CONTENT_LIMIT, refused=True),
    TextLimit("logs", limits.LOG_CONTENT_LIMIT, refused=True),
)


def text_limits() -> str:
    """`names and groups keep 30 characters, tags 64 (longer is cut); notes take at most 2,000, logs 5,000
    (longer is refused before sending)`."""
    cut = [t for t in TEXT_LIMITS if not t.refused]
    refused = [t for t in TEXT_LIMITS if t.refused]
    parts = []
    if cut:
        first, *rest = cut
        kept = [f"{first.what} keep {first.characters:,} characters", *(f"{t.what} {t.characters:,}" for t in rest)]
        parts.append(", ".join(kept) + " (longer is cut)")
    if refused:
        first, *rest = refused
        taken = [f"{first.what} take at most {first.characters:,}", *(f"{t.what} {t.characters:,}" for t in rest)]
        parts.append(", ".join(taken) + " (longer is refused before sending: shorten or split)")
    return "; ".join(parts)


def instructions(config: ServerConfig) -> str:
    template = resources.files("chime_mcp.server").joinpath("instructions.md").read_text(encoding="utf-8")
    text = template.format(text_limits=text_limits(), time_forms=TIME_FORMS)
    extra = toolsets.instructions(config.toolsets)
    if extra:
        text += "\n" + extra
    if config.sandbox:
        text = f"{SANDBOX_NOTICE}\n\n{text}"
    if config.dynamic_toolsets:
        text += "\n- More tools than are listed: find_tools finds any tool by words, enable_toolset adds its toolset."
    if config.read_only:
        text += "\n- This server is read-only: it cannot change the CRM."
    return text
