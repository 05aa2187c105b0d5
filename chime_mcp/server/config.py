"""The server's settings. They are given, never read here: `chime_mcp.wiring` builds them from
the command line and the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from chime_mcp.chime.config import Environment
from chime_mcp.chime.errors import ConfigurationError
from chime_mcp.server import toolsets

ConfirmPolicy = Literal["auto", "elicit", "token", "off"]
"""How a person says yes (server/safety/gate.py): auto (elicitation, else an approval page),
elicit (elicitation only), token (an in-band token the model can echo: opt-in only), off."""

DEFAULT_TOOLSETS: tuple[str, ...] = toolsets.DEFAULT
"""An agent's daily work: find and update leads, notes, tasks, calls and messages."""


@dataclass(frozen=True)
class ServerConfig:
    toolsets: tuple[str, ...] = DEFAULT_TOOLSETS
    read_only: bool = False
    dynamic_toolsets: bool = False
    """Progressive disclosure: `find_tools` and `enable_toolset` add the other toolsets while the
    server runs (server/tools/dynamic.py)."""
    sandbox: bool = False
    confirm: ConfirmPolicy = "auto"
    audit_log: Path | None = None
    approval_origin: str | None = None
    """Where the approval page is served: the HTTP server's own origin; None on stdio, where a
    listener on 127.0.0.1 starts on first need."""
    environment: Mapping[str, str] = field(default_factory=Environment)
    """The process environment, as `chime_mcp.wiring` read it (credentials for the live client).
    Held as an `Environment`, whose repr never shows a value."""

    def __post_init__(self) -> None:
        if not isinstance(self.environment, Environment):
            object.__setattr__(self, "environment", Environment(self.environment))


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
    for policy in get_args(ConfirmPolicy):
        if value == policy:
            return cast(ConfirmPolicy, policy)
    raise ConfigurationError(
        f"CHIME_MCP_CONFIRM must be auto, elicit, token or off (got {text!r})",
        hint="auto asks the person through the client's dialog, else through an approval page",
    )
