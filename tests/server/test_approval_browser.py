"""A person approves in a real browser: headless Chromium presses Approve on the approval page.

Driven through chromedriver's WebDriver protocol with httpx2 (no browser library needed), from
Debian's `chromium` and `chromium-driver` packages (.ci/run installs them). Skipped, saying so,
where they are not installed. With CHIME_MCP_SCREENSHOT=<file.png> it also saves the page as
the README shows it.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest

from chime_mcp.sandbox.app import Sandbox
from tests.server.test_approval import link_of
from tests.server.test_safety import CASES, Harness, make_harness, text_of
from tests.support.processes import free_port, wait_listening

pytestmark = pytest.mark.anyio

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def chromedriver() -> Iterator[str]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)")
    port = free_port()
    process = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(process, "127.0.0.1", port, "chromedriver")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """The few WebDriver commands a person's visit needs."""

    def __init__(self, http: httpx2.AsyncClient, session: str) -> None:
        self.http = http
        self.session = session

    async def command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = await self.http.request(method, f"/session/{self.session}{path}", json=body)
        assert response.status_code == 200, response.text
        return response.json()["value"]

    async def open(self, url: str) -> None:
        await self.command("POST", "/url", {"url": url})

    async def click(self, css: str) -> None:
        element = await self.command("POST", "/element", {"using": "css selector", "value": css})
        await self.command("POST", f"/element/{next(iter(element.values()))}/click", {})

    async def text(self) -> str:
        element = await self.command("POST", "/element", {"using": "css selector", "value": "body"})
        text: str = await self.command("GET", f"/element/{next(iter(element.values()))}/text")
        return text

    async def shows(self, words: str, seconds: float = 10) -> bool:
        """Whether the page comes to show `words` (a click navigates: poll past stale pages)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            response = await self.http.post(
                f"/session/{self.session}/element", json={"using": "css selector", "value": "body"}
            )
            if response.status_code == 200:
                element = next(iter(response.json()["value"].values()))
                text = await self.http.get(f"/session/{self.session}/element/{element}/text")
                if text.status_code == 200 and words in text.json()["value"]:
                    return True
            await anyio.sleep(0.05)
        return False

    async def screenshot(self) -> bytes:
        return base64.b64decode(await self.command("GET", "/screenshot"))


@pytest.fixture
async def browser(chromedriver: str) -> AsyncIterator[Browser]:
    options = {"binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=760,560"]}
    capabilities = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}}
    async with httpx2.AsyncClient(base_url=chromedriver, timeout=60) as http:
        created = await http.post("/session", json=capabilities)
        assert created.status_code == 200, created.text
        session = created.json()["value"]["sessionId"]
        try:
            yield Browser(http, session)
        finally:
            await http.delete(f"/session/{session}")


@pytest.fixture
async def harness(sandbox: Sandbox, tmp_path: Path) -> AsyncIterator[Harness]:
    h = make_harness(sandbox, tmp_path)
    yield h
    h.gate.close()


async def test_a_person_approves_in_chromium(harness: Harness, browser: Browser) -> None:
    case = CASES[0]  # delete_lead: the preview a person most needs to read
    arguments = case.arguments(harness.box)
    async with harness.client("legacy") as client:
        link = link_of(await client.call_tool(case.tool, arguments))
        await browser.open(link)
        shown = await browser.text()
        assert "Approve this action?" in shown and case.preview(harness.box, arguments) in shown
        screenshot = os.environ.get("CHIME_MCP_SCREENSHOT")
        if screenshot:
            Path(screenshot).write_bytes(await browser.screenshot())
        assert not case.done(harness.box, arguments)  # opening the page approves nothing
        await browser.click("#approve")
        assert await browser.shows("Approved")
        done = await client.call_tool(case.tool, arguments)
    assert not done.is_error, text_of(done)
    assert case.done(harness.box, arguments)


async def test_cancel_in_chromium_changes_nothing(harness: Harness, browser: Browser) -> None:
    case = CASES[1]
    arguments = case.arguments(harness.box)
    async with harness.client("auto") as client:
        link = link_of(await client.call_tool(case.tool, arguments))
        await browser.open(link)
        await browser.click("#cancel")
        assert await browser.shows("Cancelled")
        declined = await client.call_tool(case.tool, arguments)
    assert "The person declined" in text_of(declined)
    assert not case.done(harness.box, arguments)
