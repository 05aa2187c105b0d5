"""The `chime-mcp` command: serve, tools, call, doctor, demo, sandbox.

Argument parsing only: each command hands its options to `chime_mcp.wiring` (configuration,
live or sandbox), `chime_mcp.tour` (the demo), `chime_mcp.doctor` or the sandbox server;
`call` answers the server's confirmation requests through `chime_mcp.terminal` (the person).

Imports are lazy: `serve` over stdio is timed from spawn to the first tools/list answer, so
nothing a command does not need is loaded.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chime_mcp.server.config import ServerConfig

COMMANDS = ("serve", "tools", "call", "doctor", "demo", "sandbox")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in (*COMMANDS, "-h", "--help", "--version"):
        args.insert(0, "serve")
    parser = _parser()
    options = parser.parse_args(args)
    from chime_mcp.chime.errors import ChimeError

    try:
        result: int = options.handler(options)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return result
    except BrokenPipeError:
        return _reader_gone()
    except ChimeError as exc:
        print(f"chime-mcp: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _reader_gone() -> int:
    """stdout's reader left (`chime-mcp tools --json | head`): stop quietly, as `yes | head` does.

    stdout is pointed at /dev/null so the interpreter's last flush at exit cannot fail again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader left


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chime-mcp",
        description="MCP server for the Chime (Lofty) real-estate CRM.",
    )
    parser.add_argument("--version", action="version", version="chime-mcp 0.1.0")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    serve = commands.add_parser("serve", help="run the MCP server (the default command)")
    _server_options(serve)
    serve.add_argument(
        "--transport",
        choices=("stdio", "http"),
        default="stdio",
        help="stdio for a host that starts the server itself; http to serve streamable HTTP at /mcp",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="HTTP bind address; off loopback needs CHIME_MCP_HTTP_TOKEN",
    )
    serve.add_argument("--port", type=int, default=8000, help="HTTP port")
    serve.set_defaults(handler=_serve)

    tools = commands.add_parser("tools", help="list the tools with their operation and schema size")
    _server_options(tools)
    tools.add_argument("--json", action="store_true", help="print JSON")
    tools.add_argument("--markdown", action="store_true", help="print the README's tables of every tool and toolset")
    tools.set_defaults(handler=_tools)

    call = commands.add_parser("call", help="call one tool through a real MCP client session")
    _server_options(call)
    call.add_argument("tool", help="the tool to call, as `chime-mcp tools` lists it (e.g. search_leads)")
    call.add_argument(
        "--arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an argument, typed by the tool's schema: text stays text (phone=5550183345); repeat for more",
    )
    call.add_argument("--json", dest="json_args", metavar="OBJECT", help="arguments as a JSON object")
    call.add_argument("--structured", action="store_true", help="print structuredContent as JSON")
    call.add_argument(
        "--yes",
        action="store_true",
        help="answer yes to the confirmation of a delete or webhook yourself (needed without a terminal)",
    )
    call.set_defaults(handler=_call)

    doctor = commands.add_parser("doctor", help="check the configuration and reach the API")
    doctor.add_argument("--sandbox", action="store_true", help="check against the built-in sandbox")
    doctor.set_defaults(handler=_doctor)

    demo = commands.add_parser("demo", help="a short guided session against the sandbox")
    demo.set_defaults(handler=_demo)

    sandbox = commands.add_parser("sandbox", help="run the Chime API sandbox over HTTP")
    sandbox.add_argument("--host", default="127.0.0.1", help="bind address")
    sandbox.add_argument("--port", type=int, default=8765, help="port (0: any free one; the banner says which)")
    sandbox.add_argument("--seed", type=int, default=7, help="demo data seed: the same seed, the same CRM")
    sandbox.add_argument("--db", default=None, help="SQLite file to keep state across restarts (default: in memory)")
    sandbox.add_argument(
        "--rate-limit",
        default=None,
        metavar="N/min",
        help="requests allowed per minute, e.g. 10/min (default: 600/min)",
    )
    sandbox.add_argument("--latency-ms", type=int, default=0, help="milliseconds added to every answer")
    sandbox.add_argument("--api-key", default=None, help="the key clients must send (default: sandbox-key)")
    sandbox.set_defaults(handler=_sandbox)
    return parser


class _Help(argparse.HelpFormatter):
    """Help that states each option's default, where it has one worth stating."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        shown = not (default is None or default is False or default == [] or default == argparse.SUPPRESS)
        shown = shown and "default" not in text
        return f"{text} (default: %(default)s)" if text and shown and action.option_strings else text


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)


def _server_options(parser: argparse.ArgumentParser) -> None:
    from chime_mcp.server.config import DEFAULT_TOOLSETS

    parser.add_argument("--sandbox", action="store_true", help="use the built-in sandbox (no account needed)")
    parser.add_argument(
        "--toolsets",
        default=None,
        help="comma-separated toolsets, 'default' or 'all' (env CHIME_MCP_TOOLSETS; default: "
        + ",".join(DEFAULT_TOOLSETS)
        + ")",
    )
    parser.add_argument("--read-only", action="store_true", help="register read tools only")
    parser.add_argument(
        "--dynamic-toolsets",
        action="store_true",
        help="also offer find_tools and enable_toolset, which add the other toolsets while the server runs "
        "(env CHIME_MCP_DYNAMIC_TOOLSETS; the host must refresh its tool list)",
    )


def _config(options: argparse.Namespace) -> ServerConfig:
    from chime_mcp import wiring

    return wiring.server_config(
        wiring.environment(),
        toolsets=options.toolsets,
        read_only=bool(options.read_only),
        sandbox=bool(options.sandbox),
        dynamic_toolsets=bool(options.dynamic_toolsets),
    )


def _serve(options: argparse.Namespace) -> int:
    from chime_mcp import wiring

    wiring.serve(_config(options), transport=options.transport, host=options.host, port=options.port)
    return 0


def _tools(options: argparse.Namespace) -> int:
    if options.markdown:
        from chime_mcp.server import toolsets
        from chime_mcp.server.tools.inventory import readme_table

        print(readme_table())
        print(toolsets.readme_table())
        return 0
    from chime_mcp import wiring
    from chime_mcp.server.tools.inventory import inventory, inventory_table, selected_specs

    config = _config(options)
    rows = inventory(wiring.listed_tools(config), selected_specs(config))
    if options.json:
        print(json.dumps(rows, indent=2))
    else:
        print(inventory_table(rows))
    return 0


def _call(options: argparse.Namespace) -> int:
    import anyio

    from chime_mcp import wiring
    from chime_mcp.terminal import TerminalPerson

    _check_utf8(options.tool, options.arg, options.json_args)
    arguments, texts = _call_arguments(options.arg, options.json_args)
    person = TerminalPerson(options.tool, assume_yes=bool(options.yes))
    call = functools.partial(wiring.call_tool, texts=texts)
    result = anyio.run(call, _config(options), options.tool, arguments, person)
    if person.refused:  # nobody could be asked: say what to do, not "the person declined"
        print(f"chime-mcp: {person.refused}", file=sys.stderr)
        return 2
    if options.structured and result.structured_content is not None:
        print(json.dumps(result.structured_content, indent=2))
    else:
        for block in result.content:
            print(getattr(block, "text", block))
    return 1 if result.is_error else 0


def _call_arguments(pairs: Sequence[str], json_text: str | None) -> tuple[dict[str, Any], dict[str, str]]:
    """--json's object, and the --arg texts (typed later, by the tool's input schema)."""
    from chime_mcp.chime.errors import InvalidInputError
    from chime_mcp.server.tools.text_arguments import loads_finite

    arguments: dict[str, Any] = {}
    if json_text:
        try:
            loaded = loads_finite(json_text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"--json is not valid JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(loaded, dict):
            raise InvalidInputError("--json must be a JSON object, like '{\"leadId\": 123}'")
        arguments.update(loaded)
    texts: dict[str, str] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise InvalidInputError(f"--arg takes KEY=VALUE (got {pair!r})")
        texts[key] = text
        arguments.pop(key, None)
    return arguments, texts


def _check_utf8(tool: str, pairs: Sequence[str], json_text: str | None) -> None:
    """Refuse, before anything is sent, a command-line value that is not UTF-8 text.

    Python keeps undecodable bytes of argv as lone surrogates; sent on, they reach the CRM as
    invalid JSON text, or as a character the person never typed.
    """
    from chime_mcp.chime.errors import InvalidInputError

    given = [("the tool name", tool)]
    for pair in pairs:
        key, _, value = pair.partition("=")
        given += [("an --arg name", key), (f"--arg {key}", value)]
    if json_text:
        given.append(("--json", json_text))
    for where, text in given:
        for position, char in enumerate(text, start=1):
            if "\udc80" <= char <= "\udcff":
                raise InvalidInputError(
                    f"{where} is not UTF-8 text (byte 0x{ord(char) - 0xDC00:02x} at character {position}); "
                    "nothing was sent",
                    hint="Pass the text encoded as UTF-8 (check the terminal's or the script's encoding)",
                )


def _doctor(options: argparse.Namespace) -> int:
    import anyio

    from chime_mcp import wiring
    from chime_mcp.doctor import run_doctor

    return anyio.run(run_doctor, wiring.environment(), bool(options.sandbox))


def _demo(options: argparse.Namespace) -> int:
    import anyio

    from chime_mcp.tour import run_tour

    return anyio.run(run_tour)


def _sandbox(options: argparse.Namespace) -> int:
    from chime_mcp.sandbox.serve import parse_rate_limit, run_sandbox
    from chime_mcp.sandbox.store import StoreError

    kwargs: dict[str, Any] = {
        "host": options.host,
        "port": options.port,
        "seed": options.seed,
        "db": options.db,
        "latency_ms": options.latency_ms,
    }
    if options.rate_limit:
        try:
            parse_rate_limit(options.rate_limit)
        except ValueError as exc:
            print(f"chime-mcp: --rate-limit: {exc}", file=sys.stderr)
            return 2
        kwargs["rate_limit"] = options.rate_limit
    if options.api_key:
        kwargs["api_key"] = options.api_key
    try:
        run_sandbox(**kwargs)
    except StoreError as exc:  # the --db file is another sandbox's, or of another version
        print(f"chime-mcp: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
