"""The prompt library: every file loads and renders through an MCP client, names real tools and
asks before destroying; malformed files fail naming the file; a built wheel serves the prompts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import venv
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS

from chime_mcp.chime.catalog import TOOLSETS
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.inprocess import sandbox_client as make_sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.prompts import PromptFileError, load_prompts, parse_prompt, prompts_folder
from tests.support.paths import ROOT

FOLDER = ROOT / "prompts"
SAMPLE = {"leadId": "600000000000050"}
"""Values for arguments with a required form (prompts.ARGUMENT_FORMS)."""
REQUIRED = {
    "lead_briefing",
    "follow_up",
    "log_conversation",
    "new_lead_intake",
    "daily_agenda",
    "pipeline_review",
}
DESTRUCTIVE = ("delete_note", "delete_task", "delete_log", "delete_lead")
DESTRUCTIVE = ("delete_note", "delete_calendar_event", "delete_log", "delete_lead")
GOOD = """---
name: sample
title: Sample
description: A sample prompt.
arguments:
  - leadId (required): The lead
  - tone (default: warm): How to sound
  - extra: Anything else
---
Write to lead {leadId} in a {tone} tone. {extra}
"""


def test_every_file_loads_with_its_declared_arguments() -> None:
    prompts = load_prompts(FOLDER)
    files = sorted(path.stem for path in FOLDER.glob("*.md"))
    assert sorted(p.name for p in prompts) == files
    assert set(files) >= REQUIRED
    for prompt in prompts:
        assert prompt.title and prompt.description
        declared = {a.name for a in prompt.arguments}
        assert set(re.findall(r"\{(\w+)\}", prompt.body)) <= declared
        assert any(a.required for a in prompt.arguments) or prompt.name == "daily_agenda"


def test_prompts_name_tools_of_the_default_set_and_ask_before_destroying() -> None:
    """A prompt works on a server started with no options: every tool it names is offered there,
    but for those it says to use "where it is available" (any tool of the catalog)."""
    default = {tool.name for tool in anyio.run(build_server(ServerConfig()).list_tools)}
    every = {tool.name for tool in anyio.run(build_server(ServerConfig(toolsets=TOOLSETS)).list_tools)}
    for prompt in load_prompts(FOLDER):
        named = set(re.findall(r"`([a-z]+_[a-z_]+)`", prompt.body))
        optional = set(re.findall(r"`([a-z]+_[a-z_]+)`[^.`]* (?:where|if) it is available", prompt.body))
        assert named, prompt.name
        assert named <= every, f"{prompt.name}: unknown tools {sorted(named - every)}"
        assert named - optional <= default, (
            f"{prompt.name}: not in the default set {sorted(named - optional - default)}"
        )
        assert any(tool in prompt.body for tool in DESTRUCTIVE), prompt.name
        assert "explicit yes" in prompt.body, prompt.name


def test_the_checkout_folder_is_used_in_a_checkout() -> None:
    assert Path(str(prompts_folder())).resolve() == FOLDER.resolve()


@pytest.fixture(params=["2025-11-25", "2026-07-28"])
async def client(request: pytest.FixtureRequest, sandbox: Sandbox) -> AsyncIterator[Client]:
    backend = ClientBackend(lambda: make_sandbox_client(sandbox))
    server = build_server(ServerConfig(sandbox=True), backend=backend)
    mode = "legacy" if request.param == "2025-11-25" else "auto"
    async with Client(server, mode=mode) as connected:
        yield connected


@pytest.mark.anyio
async def test_every_prompt_renders_through_an_mcp_client(client: Client) -> None:
    listed = {p.name: p for p in (await client.list_prompts()).prompts}
    files = {p.name: p for p in load_prompts(FOLDER)}
    assert set(listed) == set(files)
    for name, prompt in files.items():
        declared = [(a.name, a.required) for a in prompt.arguments]
        assert [(a.name, a.required) for a in listed[name].arguments or []] == declared
        assert listed[name].title == prompt.title
        values = {a.name: SAMPLE.get(a.name, f"<{a.name} value>") for a in prompt.arguments if a.required}
        result = await client.get_prompt(name, values)
        [message] = result.messages
        text = message.content.text  # type: ignore[union-attr]
        assert message.role == "user"
        for value in values.values():
            assert value in text
        for argument in prompt.arguments:
            assert "{" + argument.name + "}" not in text
            if not argument.required and argument.default:
                assert argument.default in text


@pytest.mark.anyio
async def test_a_missing_required_argument_is_an_error(client: Client) -> None:
    with pytest.raises(MCPError, match="leadId"):
        await client.get_prompt("lead_briefing", {})


@pytest.mark.anyio
async def test_an_unknown_prompt_is_invalid_params_without_a_traceback(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(MCPError) as caught:
        await client.get_prompt("lead_brefing", {})
    assert caught.value.error.code == INVALID_PARAMS
    assert "Unknown prompt 'lead_brefing'" in caught.value.error.message
    assert "lead_briefing" in caught.value.error.message, "the known prompts are named"
    assert not [r for r in caplog.records if r.exc_info], "no traceback is logged"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("name", "arguments", "said"),
    [
        ("lead_briefing", {"leadId": "abc"}, "leadId is 'abc', but must be a lead's id, a number"),
        ("follow_up", {"leadId": "-5"}, "leadId is '-5'"),
        ("pipeline_review", {"stage": "New", "days": "abc"}, "days is 'abc', but must be a positive whole number"),
        ("pipeline_review", {"stage": "New", "limit": "-3"}, "limit is '-3', but must be a positive whole number"),
        ("pipeline_review", {"stage": "New", "limit": "0"}, "limit is '0'"),
        ("daily_agenda", {"days": "2.5"}, "days is '2.5'"),
    ],
)
async def test_prompt_arguments_are_validated(client: Client, name: str, arguments: dict[str, str], said: str) -> None:
    with pytest.raises(MCPError) as caught:
        await client.get_prompt(name, arguments)
    assert caught.value.error.code == INVALID_PARAMS
    assert said in caught.value.error.message
    good = await client.get_prompt("pipeline_review", {"stage": "New", "days": "7", "limit": "10"})
    assert "7" in good.messages[0].content.text  # type: ignore[union-attr]


def test_defaults_and_empty_optionals_render() -> None:
    prompt = parse_prompt(GOOD, "sample.md")
    assert prompt.render({"leadId": "7"}) == "Write to lead 7 in a warm tone."
    assert prompt.render({"leadId": "7", "tone": "brisk", "extra": "Be brief."}).endswith("brisk tone. Be brief.")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("no front matter\n", "must start with a front-matter block"),
        ("---\nname: x\n", "is not closed"),
        (GOOD.replace("title: Sample\n", ""), "lacks title"),
        (GOOD.replace("name: sample", "name: Sample Prompt"), "must be snake_case"),
        (GOOD.replace("title: Sample", "titel: Sample"), "unknown key 'titel'"),
        (GOOD.replace("  - extra: Anything else", "  - extra"), "line 8: expected '- name"),
        (GOOD.replace("  - extra: Anything else\n", ""), "{extra} but no such argument"),
        (GOOD.replace("(required)", "(mandatory)"), "line 6: expected '- name"),
        (GOOD.split("---\nWrite")[0] + "---\n", "text after the front matter is empty"),
    ],
)
def test_a_malformed_file_fails_naming_the_file(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "a_good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.md").write_text(text, encoding="utf-8")
    with pytest.raises(PromptFileError) as caught:
        load_prompts(tmp_path)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "broken.md") + ": ")
    assert problem in message


def test_duplicate_names_fail_naming_both_files(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two.md").write_text(GOOD, encoding="utf-8")
    with pytest.raises(PromptFileError, match=r"two\.md: prompt name 'sample' is also used by .*one\.md"):
        load_prompts(tmp_path)


# -- the built wheel ---------------------------------------------------------------------------------

WHEEL_CHECK = textwrap.dedent(
    """
    import json, anyio
    from mcp import Client
    import chime_mcp
    from chime_mcp.server.app import build_server
    from chime_mcp.server.config import ServerConfig
    from chime_mcp.server.prompts import prompts_folder

    async def main():
        async with Client(build_server(ServerConfig(sandbox=True))) as client:
            names = sorted(p.name for p in (await client.list_prompts()).prompts)
            rendered = await client.get_prompt("lead_briefing", {"leadId": "42"})
        print(json.dumps({
            "package": chime_mcp.__file__,
            "folder": str(prompts_folder()),
            "names": names,
            "text": rendered.messages[0].content.text,
        }))

    anyio.run(main)
    """
)


def _build_wheel(out: Path) -> Path:
    """Build the wheel from the repo; offline when hatchling is installed (the dev extra)."""
    try:
        import hatchling  # noqa: F401

        offline = ["--no-build-isolation", "--no-index"]
    except ImportError:
        offline = []
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *offline, "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = out.glob("chime_mcp-*.whl")
    return wheel


def test_a_wheel_installed_in_a_fresh_venv_serves_the_prompts(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path / "dist")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies (mcp, pydantic, ...) come from the project's environment through a plain
    # path line: its .pth files, including the editable install of this checkout, are not run.
    project_site = next(Path(p) for p in sys.path if p.endswith("site-packages") and Path(p, "mcp").is_dir())
    (site / "project_dependencies.pth").write_text(f"{project_site}\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-index",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    result = subprocess.run(
        [python, "-I", "-c", WHEEL_CHECK],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["package"].startswith(str(site)), data["package"]
    assert data["folder"] == str(site / "chime_mcp" / "prompts")
    assert set(data["names"]) == {path.stem for path in FOLDER.glob("*.md")}
    assert "lead 42" in data["text"]
