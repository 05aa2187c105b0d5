"""The person at the terminal: how `chime-mcp call` answers the server's confirmation requests.

`chime-mcp call` runs a real MCP client, and this is its elicitation callback. The person who
typed the command is the person the safety gate asks: the server-computed preview goes to
stderr (stdout stays the tool's result) and `Go ahead? [y/N]` is read from stdin. Only "y" or
"yes" accepts, with every boolean field of the requested form set to true (the form is read
from its schema, not assumed); anything else declines.

Without a terminal nobody can be asked, so the call is refused, unless the command line said
`--yes`: the person typing `--yes` is the person saying yes, in advance.

Text from the server is shown with control and invisible format characters made visible
(`<U+001B>`, `<U+202E>`): a record's name cannot move the cursor, recolour or reorder what the
person reads before answering.
"""

from __future__ import annotations

import sys
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

import anyio
from mcp_types import ElicitRequestURLParams, ElicitResult

if TYPE_CHECKING:
    from mcp.client.context import ClientRequestContext
    from mcp_types import ElicitRequestParams

YES = ("y", "yes")
QUESTION = "Go ahead?"
_SHOWN_AS_IS = frozenset("\n\t")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn"})


def visible(text: str) -> str:
    """`text` with control, format and unassigned characters (but newline and tab) as `<U+XXXX>`."""
    return "".join(
        f"<U+{ord(ch):04X}>" if ch not in _SHOWN_AS_IS and unicodedata.category(ch) in _HIDDEN_CATEGORIES else ch
        for ch in text
    )


def yes_content(schema: Mapping[str, Any]) -> dict[str, Any] | None:
    """The form's content for a person's yes: its boolean fields true, other fields their defaults.

    None when the form is not a yes-or-no question: no boolean field, or a required field of
    another type without a default (a value this command cannot make up).
    """
    properties = schema.get("properties")
    if not isinstance(properties, Mapping):
        return None
    required = set(schema.get("required") or ())
    content: dict[str, Any] = {}
    for name, prop in properties.items():
        if not isinstance(prop, Mapping):
            return None
        if prop.get("type") == "boolean":
            content[name] = True
        elif "default" in prop:
            content[name] = prop["default"]
        elif name in required:
            return None
    return content if any(value is True for value in content.values()) else None


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed, or a stand-in without a file
        return False


@dataclass
class TerminalPerson:
    """The elicitation callback of `chime-mcp call` (an `mcp.client.session.ElicitationFnT`)."""

    tool: str
    assume_yes: bool = False
    """`--yes` was given: answer yes without asking (and without needing a terminal)."""
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    refused: str = ""
    """Set when nobody could be asked: why, and what to do instead (the CLI prints it)."""

    async def __call__(self, context: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult:
        if isinstance(params, ElicitRequestURLParams):
            return await self._open_link(params)
        content = yes_content(params.requested_schema)
        self._say(_without_question(visible(params.message)))
        if content is None:
            self.refused = (
                f"{self.tool} asks for more than a yes or no, which `chime-mcp call` cannot answer. "
                "Nothing was done; use an MCP client that shows forms."
            )
            return ElicitResult(action="decline")
        if self.assume_yes:
            self._say(f"{QUESTION} [y/N] yes (--yes)")
            return ElicitResult(action="accept", content=content)
        if not is_terminal(self.stdin):
            self.refused = f"{self.tool} needs a person's yes: run it at a terminal, or pass --yes. Nothing was done."
            return ElicitResult(action="decline")
        if await self._ask(f"{QUESTION} [y/N] ") in YES:
            return ElicitResult(action="accept", content=content)
        return ElicitResult(action="decline")

    async def _open_link(self, params: ElicitRequestURLParams) -> ElicitResult:
        """URL mode: the person approves on the server's page; here they only say they went there."""
        self._say(visible(params.message))
        self._say(f"Open this link to approve or cancel: {visible(params.url)}")
        if not is_terminal(self.stdin):
            self.refused = (
                f"{self.tool} needs a person's approval at the link above: open it in a browser "
                "(--yes cannot approve a page). Nothing was done."
            )
            return ElicitResult(action="decline")
        answer = await self._ask("Press Enter once you have answered there (or type n to give up): ")
        return ElicitResult(action="decline" if answer in ("n", "no") else "accept")

    def _say(self, text: str) -> None:
        print(text, file=self.stderr, flush=True)

    async def _ask(self, prompt: str) -> str:
        """One line from the person, lowercased; "" at end of input.

        Read in a daemon thread while the event loop waits: Ctrl-C (which asyncio turns into
        cancelling the run) then ends the command at once, and a thread still blocked in
        readline neither stalls the loop nor keeps the process alive.
        """
        self.stderr.write(prompt)
        self.stderr.flush()
        lines: list[str] = []

        def read() -> None:
            try:
                lines.append(self.stdin.readline())
            except (OSError, ValueError):
                lines.append("")

        threading.Thread(target=read, name="chime-mcp-prompt", daemon=True).start()
        while not lines:
            await anyio.sleep(0.05)
        if not lines[0]:
            self.stderr.write("\n")
        return lines[0].strip().lower()


def _without_question(message: str) -> str:
    """The message without a closing "Go ahead?" line: the prompt asks it, with its choices."""
    body = message.rstrip()
    if body.endswith(QUESTION):
        body = body[: -len(QUESTION)].rstrip()
    return body
