"""Prompt templates for real-estate workflows, one file each, served as MCP prompts.

Each file in the prompts folder is Markdown with a small front-matter block:

    ---
    name: lead_briefing
    title: Lead briefing
    description: Summarise a lead's history and suggest the next best action.
    arguments:
      - leadId (required): The lead's id
      - focus (default: anything notable): What to look at most
    ---
    Body text; {leadId} and {focus} are replaced by the arguments.

The block is parsed here with the stdlib (a YAML dependency for five keys is not worth it).
Optional arguments without a default render as empty text. Any problem fails loading with a
PromptFileError that names the file, so a bad prompt stops the server at start, not mid-chat.

The folder is the repo's top-level prompts/ in a checkout, and chime_mcp/prompts inside an
installed wheel (pyproject.toml force-includes it there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.prompts.base import Message, Prompt, PromptArgument
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS, InputRequiredResult

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ARGUMENT = re.compile(
    r"^-\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"(?:\((?P<flag>required|default:[^)]*)\))?\s*:\s*(?P<description>.+)$"
)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KEYS = ("name", "title", "description")

ARGUMENT_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "leadId": (
        re.compile(r"[1-9]\d{0,18}"),
        "a lead's id, a number: find it with search_leads by name, email or phone",
    ),
    "days": (re.compile(r"0*[1-9]\d{0,4}"), "a positive whole number of days, such as 14"),
    "limit": (re.compile(r"0*[1-9]\d{0,4}"), "a positive whole number, such as 25"),
}
"""The form an argument of this name must have, in any prompt (the tools it feeds refuse others)."""


class PromptFileError(ValueError):
    """A prompt file that cannot be served; the message starts with the file's path."""


@dataclass(frozen=True)
class PromptArg:
    name: str
    description: str
    required: bool = False
    default: str = ""


@dataclass(frozen=True)
class PromptFile:
    name: str
    title: str
    description: str
    arguments: tuple[PromptArg, ...]
    body: str
    path: str

    def missing(self, values: dict[str, Any]) -> list[str]:
        return [a.name for a in self.arguments if a.required and not str(values.get(a.name) or "").strip()]

    def problems(self, values: dict[str, Any]) -> list[str]:
        """Arguments whose value the prompt's tools would refuse: `days must be ... (got 'abc')`."""
        found = []
        for argument in self.arguments:
            text = str(values.get(argument.name) or "").strip()
            form = ARGUMENT_FORMS.get(argument.name)
            if text and form is not None and not form[0].fullmatch(text):
                found.append(f"{argument.name} is {text[:40]!r}, but must be {form[1]}")
        return found

    def render(self, values: dict[str, Any]) -> str:
        """The body with each {argument} replaced; a missing required argument is an error."""
        if self.missing(values):
            raise ValueError(f"Prompt {self.name} needs {', '.join(self.missing(values))}")
        filled = {a.name: str(values.get(a.name) or a.default).strip() for a in self.arguments}
        # Strip again: an empty optional argument at the end leaves trailing blanks.
        return _PLACEHOLDER.sub(lambda match: filled[match.group(1)], self.body).strip()

    def as_prompt(self) -> Prompt:
        def render(**values: Any) -> str:
            return self.render(values)

        return _FilePrompt(
            source=self,
            name=self.name,
            title=self.title,
            description=self.description,
            arguments=[
                PromptArgument(name=a.name, description=a.description, required=a.required) for a in self.arguments
            ],
            fn=render,
        )


class _FilePrompt(Prompt):
    """A Prompt whose missing arguments are the client's mistake (invalid params, saying which),
    not the SDK's plain ValueError, which reaches the client as "Internal server error"."""

    source: PromptFile

    async def render(self, arguments: dict[str, Any] | None, context: Any) -> list[Message] | InputRequiredResult:
        missing = self.source.missing(arguments or {})
        if missing:
            raise MCPError(INVALID_PARAMS, f"Prompt {self.name} needs {', '.join(missing)}")
        problems = self.source.problems(arguments or {})
        if problems:
            raise MCPError(INVALID_PARAMS, f"Prompt {self.name}: {'; '.join(problems)}")
        return await super().render(arguments, context)


def parse_prompt(text: str, path: str) -> PromptFile:
    """One prompt from its file's text; PromptFileError names `path` and the problem."""

    def fail(problem: str) -> PromptFileError:
        return PromptFileError(f"{path}: {problem}")

    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise fail("must start with a front-matter block opened by a '---' line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise fail("the front-matter block is not closed by a '---' line") from None

    fields: dict[str, str] = {}
    arguments: list[PromptArg] = []
    in_arguments = False
    for number, line in enumerate(lines[1:end], start=2):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if in_arguments and stripped.startswith("-"):
            argument = _argument(stripped)
            if argument is None:
                raise fail(
                    f"line {number}: expected '- name (required): description' or "
                    f"'- name (default: x): description', got {stripped!r}"
                )
            arguments.append(argument)
            continue
        key, colon, value = stripped.partition(":")
        key = key.strip()
        if not colon or line[:1].isspace():
            raise fail(f"line {number}: expected 'key: value', got {stripped!r}")
        in_arguments = key == "arguments"
        if in_arguments:
            if value.strip():
                raise fail(f"line {number}: list arguments on the lines below 'arguments:', one '- name' each")
            continue
        if key not in _KEYS:
            raise fail(f"line {number}: unknown key {key!r}; known: {', '.join((*_KEYS, 'arguments'))}")
        if key in fields:
            raise fail(f"line {number}: {key} given twice")
        fields[key] = value.strip()

    for key in _KEYS:
        if not fields.get(key):
            raise fail(f"front matter lacks {key}")
    if not _NAME.match(fields["name"]):
        raise fail(f"name {fields['name']!r} must be snake_case: lowercase letters, digits and _")
    names = [a.name for a in arguments]
    if len(set(names)) != len(names):
        raise fail("an argument is declared twice")
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise fail("the prompt text after the front matter is empty")
    undeclared = sorted(set(_PLACEHOLDER.findall(body)) - set(names))
    if undeclared:
        raise fail(f"the text uses {{{'}, {'.join(undeclared)}}} but no such argument is declared")
    return PromptFile(fields["name"], fields["title"], fields["description"], tuple(arguments), body, path)


def _argument(line: str) -> PromptArg | None:
    """An argument from a '- name (required|default: x): description' line; None if malformed."""
    match = _ARGUMENT.match(line)
    if match is None:
        return None
    flag = match.group("flag") or ""
    return PromptArg(
        name=match.group("name"),
        description=match.group("description").strip(),
        required=flag == "required",
        default=flag.removeprefix("default:").strip(),
    )


def prompts_folder() -> Traversable:
    """The packaged chime_mcp/prompts in an installed wheel, else the checkout's prompts/."""
    packaged = resources.files("chime_mcp").joinpath("prompts")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "prompts"
    if checkout.is_dir():
        return checkout
    raise PromptFileError(f"{checkout}: no prompts folder (nor chime_mcp/prompts in the package)")


def load_prompts(folder: Traversable | Path | None = None) -> list[PromptFile]:
    """Every *.md prompt in the folder, sorted by file name; the first bad file raises."""
    folder = folder if folder is not None else prompts_folder()
    loaded: dict[str, PromptFile] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".md") or not entry.is_file():
            continue
        path = str(entry)
        try:
            text = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PromptFileError(f"{path}: cannot be read ({exc})") from None
        prompt = parse_prompt(text, path)
        if prompt.name in loaded:
            raise PromptFileError(f"{path}: prompt name {prompt.name!r} is also used by {loaded[prompt.name].path}")
        loaded[prompt.name] = prompt
    return list(loaded.values())


def register_prompts(server: MCPServer[Any], folder: Traversable | Path | None = None) -> list[PromptFile]:
    """Load the prompt files and add each to `server`; returns what was added."""
    prompts = load_prompts(folder)
    for prompt in prompts:
        server.add_prompt(prompt.as_prompt())
    names = [prompt.name for prompt in prompts]

    async def unknown_prompt(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        # The SDK raises a plain ValueError: JSON-RPC code 0 and a traceback on stderr each time.
        if ctx.method == "prompts/get" and ctx.params:
            name = ctx.params.get("name")
            if server._prompt_manager.get_prompt(str(name)) is None:
                raise MCPError(INVALID_PARAMS, f"Unknown prompt {name!r}; the prompts are: {', '.join(names)}")
        return await call_next(ctx)

    server.middleware.append(unknown_prompt)
    return prompts
