"""The server's settings. They are given, never read here: `chime_mcp.wiring` builds them from
the command line and the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server import toolsets

ConfirmPolicy = Literal["auto", "elicit", "off"]

DEFAULT_TOOLSETS: tuple[str, ...] = toolsets.DEFAULT
"""An agent's daily work: find and update leads, notes, tasks, calls and messages."""


@dataclass(frozen=True)
class ServerConfig:
    toolsets: tuple[str, ...] = DEFAULT_TOOLSETS
    read_only: bool = False
    sandbox: bool = False
    confirm: ConfirmPolicy = "auto"
    audit_log: Path | None = None
    environment: Mapping[str, str] = field(default_factory=dict)
    """The process environment, as `chime_mcp.wiring` read it (credentials for the live client)."""


def parse_toolsets(text: str | None) -> tuple[str, ...]:
    """`leads,notes` / `all` / empty (the default set) -> toolset names, checked."""
    if not text or not text.strip():
        return DEFAULT_TOOLSETS
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if "all" in names:
        return toolsets.ALL
    if "default" in names:
        names = tuple(dict.fromkeys((*DEFAULT_TOOLSETS, *(n for n in names if n != "default"))))
    unknown = [name for name in names if name not in toolsets.BY_ID]
    if unknown:
        raise ConfigurationError(
            f"Unknown toolset {', '.join(unknown)}",
            hint=f"Choose from {', '.join(toolsets.ALL)}, 'default' or 'all'",
        )
    return names


def parse_confirm(text: str | None) -> ConfirmPolicy:
    value = (text or "auto").strip().lower()
    if value == "auto":
        return "auto"
    if value == "elicit":
        return "elicit"
    if value == "off":
        return "off"
    raise ConfigurationError(
        f"CHIME_MCP_CONFIRM must be auto, elicit or off (got {text!r})",
        hint="auto asks the person where the client can, else uses a confirmation token",
    )
