"""The approval page: where a person, not the model, says yes, on both protocol versions.

A client without elicitation cannot complete a gated call by any sequence of tool calls: not
by calling again, not by echoing every field of the answer, not by GETting the approval link.
Only a POST from the page (its one-time token, the page's own Origin) approves, once.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx2
import pytest
from mcp import Client
from mcp.client.context import ClientRequestContext
from mcp_types import CallToolResult, ElicitRequestParams, ElicitResult

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.server.safety import gate as gate_module
from tests.server.test_safety import CASE_IDS, CASES, MODES, Case, Harness, make_harness, text_of

pytestmark = pytest.mark.anyio

LINK = re.compile(r"Waiting for the person to approve at (http://127\.0\.0\.1:\d+/approve/[\w-]+)")


@pytest.fixture
async def harness(sandbox: Sandbox, tmp_path: Path) -> AsyncIterator[Harness]:
    h = make_harness(sandbox, tmp_path)
    yield h
    h.gate.close()


def link_of(result: CallToolResult) -> str:
    assert not result.is_error, text_of(result)  # waiting for the person is not a failure
    found = LINK.search(text_of(result))
    assert found, text_of(result)
    approval = (result.structured_content or {})["approval"]
    assert approval["url"] == found.group(1) and approval["status"] == "waiting-for-person"
    return found.group(1)


def origin_of(link: str) -> str:
    return link.split("/approve/")[0]


async def page_token(http: httpx2.AsyncClient, link: str) -> str:
    page = await http.get(link)
    assert page.status_code == 200, page.text
    found = re.search(r'name="token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


async def answer(http: httpx2.AsyncClient, link: str, decision: str, *, origin: str | None = None) -> httpx2.Response:
    token = await page_token(http, link)
    headers = {"Origin": origin if origin is not None else origin_of(link)}
    return await http.post(link, data={"token": token, "decision": decision}, headers=headers)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_no_sequence_of_tool_calls_completes_a_gated_action(harness: Harness, case: Case, mode: str) -> None:
    arguments = case.arguments(harness.box)
    expected = case.preview(harness.box, arguments)
    async with harness.client(mode) as client, httpx2.AsyncClient() as http:
        first = await client.call_tool(case.tool, arguments)
        link = link_of(first)
        assert expected in text_of(first)
        # Calling again (a replay) only waits, on the same page.
        assert link_of(await client.call_tool(case.tool, arguments)) == link
        # Echoing every field of the answer back is refused as unknown arguments.
        approval = (first.structured_content or {})["approval"]
        echoed = await client.call_tool(case.tool, {**arguments, **approval, "approval": approval})
        assert echoed.is_error and "Unknown argument" in text_of(echoed)
        # GETting the link shows the preview and approves nothing.
        page = await http.get(link)
        assert page.status_code == 200 and "Approve this action?" in page.text
        assert link_of(await client.call_tool(case.tool, arguments)) == link
        # A POST without the page's Origin, or without its token, approves nothing.
        token = await page_token(http, link)
        for headers, data in (
            ({}, {"token": token, "decision": "approve"}),
            ({"Origin": "https://evil.example"}, {"token": token, "decision": "approve"}),
            ({"Origin": origin_of(link)}, {"token": "guess", "decision": "approve"}),
        ):
            refused = await http.post(link, data=data, headers=headers)
            assert refused.status_code in (403, 404), refused.text
        assert link_of(await client.call_tool(case.tool, arguments)) == link
    assert not case.done(harness.box, arguments)
    assert harness.box.counters[f"op.{case.tool}"] == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_the_page_approves_once(harness: Harness, case: Case, mode: str) -> None:
    arguments = case.arguments(harness.box)
    async with harness.client(mode) as client, httpx2.AsyncClient() as http:
        link = link_of(await client.call_tool(case.tool, arguments))
        approved = await answer(http, link, "approve")
        assert approved.status_code == 200 and "Approved" in approved.text
        done = await client.call_tool(case.tool, arguments)
        assert not done.is_error and "approval" not in (done.structured_content or {}), text_of(done)
        assert case.done(harness.box, arguments)
        # Replayed: the page is used up, and the approval ran its one call.
        assert (await http.get(link)).status_code == 404
        assert (await http.post(link, data={"token": "x"}, headers={"Origin": origin_of(link)})).status_code == 404
    assert harness.box.counters[f"op.{case.tool}"] == 1
    outcomes = [line["outcome"] for line in harness.audit_lines()]
    assert outcomes == ["pending-confirmation", "ok"]


@pytest.mark.parametrize("mode", MODES)
async def test_cancel_on_the_page_declines(harness: Harness, mode: str) -> None:
    case = CASES[1]
    arguments = case.arguments(harness.box)
    async with harness.client(mode) as client, httpx2.AsyncClient() as http:
        link = link_of(await client.call_tool(case.tool, arguments))
        cancelled = await answer(http, link, "cancel")
        assert cancelled.status_code == 200 and "Cancelled" in cancelled.text
        declined = await client.call_tool(case.tool, arguments)
        assert "The person declined" in text_of(declined)
        # A new call asks anew, on a new page.
        assert link_of(await client.call_tool(case.tool, arguments)) != link
    assert not case.done(harness.box, arguments)


async def test_an_expired_page_approves_nothing(harness: Harness) -> None:
    case = CASES[1]
    arguments = case.arguments(harness.box)
    async with harness.client("legacy") as client, httpx2.AsyncClient() as http:
        link = link_of(await client.call_tool(case.tool, arguments))
        token = await page_token(http, link)
        harness.clock.now += 301
        late = await http.post(link, data={"token": token, "decision": "approve"}, headers={"Origin": origin_of(link)})
        assert late.status_code == 404 and "expired" in late.text
        fresh = link_of(await client.call_tool(case.tool, arguments))
    assert fresh != link and not case.done(harness.box, arguments)


async def test_an_approval_binds_the_exact_arguments(harness: Harness) -> None:
    case = CASES[1]
    arguments = case.arguments(harness.box)
    async with harness.client("legacy") as client, httpx2.AsyncClient() as http:
        link = link_of(await client.call_tool(case.tool, arguments))
        await answer(http, link, "approve")
        another = next(i for i in harness.box.state.notes if i != arguments["noteId"])
        other = await client.call_tool(case.tool, {"noteId": another})
        assert link_of(other) != link  # another note: its own page, not this approval
        task = next(iter(harness.box.state.tasks))
        assert link_of(await client.call_tool("delete_task", {"taskId": task})) != link
    assert not case.done(harness.box, arguments) and another in harness.box.state.notes


@pytest.mark.parametrize("mode", MODES)
async def test_url_elicitation_gives_the_person_the_link(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """A client that can open a link for the person (URL mode) gets it; the page approves."""
    monkeypatch.setattr(gate_module, "can_elicit", lambda ctx: False)  # a URL-only client
    case = CASES[1]
    arguments = case.arguments(harness.box)
    opened: list[str] = []
    async with httpx2.AsyncClient() as http:

        async def person(context: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult:
            url = getattr(params, "url", None)
            assert isinstance(url, str) and getattr(params, "mode", None) == "url"
            opened.append(url)
            return ElicitResult(action="accept")

        async with Client(harness.server, mode=mode, elicitation_callback=person) as client:
            link = link_of(await client.call_tool(case.tool, arguments))
            # 2026-07-28 has no mid-call request for a URL: there the link is in the result only.
            assert opened == ([link] if mode == "legacy" else [])
            await answer(http, link, "approve")
            done = await client.call_tool(case.tool, arguments)
    assert not done.is_error and case.done(harness.box, arguments)


def test_the_page_escapes_what_it_shows() -> None:
    from starlette.testclient import TestClient

    from chime_mcp.server.safety.approval_page import approval_app
    from chime_mcp.server.safety.approvals import ApprovalBook

    book = ApprovalBook()
    approval = book.request("delete_note", {"noteId": 1}, 'Delete note "<script>alert(1)</script>"')
    page = TestClient(approval_app(book)).get(f"/approve/{approval.page_id}")
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert page.headers["cache-control"] == "no-store" and page.headers["x-frame-options"] == "DENY"
