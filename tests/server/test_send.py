"""Texts and emails to a lead, over MCP on both protocol versions: what a person sees and approves.

A send the lead's flags forbid is refused with the reason before anyone is asked; the preview
names the lead, the exact number or address and the exact text; nothing leaves without the
person's yes; once approved, exactly one message is in the lead's history, and calling again
does not send it twice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp_types import ElicitResult

from chime_mcp.sandbox.app import Sandbox
from tests.server.test_approval import answer, link_of
from tests.server.test_safety import MODES, YES, Harness, bob, make_harness, text_of

pytestmark = pytest.mark.anyio

TEXT = "The showing moved to 4 pm.\nSee you there"
"""Two lines: the preview must show it whole, as one visible value."""


@pytest.fixture
async def harness(sandbox: Sandbox, tmp_path: Path) -> AsyncIterator[Harness]:
    h = make_harness(sandbox, tmp_path)
    yield h
    h.gate.close()


def texts_of(box: Sandbox, lead_id: int) -> list[dict[str, Any]]:
    return [t for t in box.state.texts.values() if t["leadId"] == lead_id]


def do_not_text(box: Sandbox) -> int:
    return next(i for i, lead in box.state.leads.items() if lead.get("cannotText") and lead.get("phones"))


def refusal_checked(harness: Harness, text: str, tool: str, reason: str) -> None:
    assert "Refused" in text and reason in text and "Nothing was sent" in text, text
    assert "approve at" not in text  # no approval page was offered
    assert harness.asked == []  # nobody was asked
    assert harness.box.counters[f"op.{tool}"] == 0
    assert [line["outcome"] for line in harness.audit_lines()] == ["error"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("can_elicit", [True, False], ids=["elicit", "page"])
async def test_a_lead_marked_do_not_text_is_refused_before_approval(
    harness: Harness, mode: str, can_elicit: bool
) -> None:
    lead_id = do_not_text(harness.box)
    before = len(texts_of(harness.box, lead_id))
    async with harness.client(mode, YES if can_elicit else None) as client:
        result = await client.call_tool("send_text", {"leadId": lead_id, "content": TEXT})
    assert result.is_error
    refusal_checked(harness, text_of(result), "send_text", "cannotText")
    assert len(texts_of(harness.box, lead_id)) == before


@pytest.mark.parametrize("mode", MODES)
async def test_a_dnc_number_and_an_unsubscribed_lead_are_refused(harness: Harness, mode: str) -> None:
    lead = harness.box.state.leads[bob(harness.box)]
    lead["phoneStatuses"] = [4]  # DNC number
    lead["unsubscription"] = True
    async with harness.client(mode, YES) as client:
        text = await client.call_tool("send_text", {"leadId": lead["leadId"], "content": TEXT})
        email = await client.call_tool("send_email", {"leadId": lead["leadId"], "subject": "Hi", "content": "Hello"})
    assert "marked DNC number" in text_of(text) and "Nothing was sent" in text_of(text)
    assert "unsubscribed from email" in text_of(email) and "Nothing was sent" in text_of(email)
    assert harness.asked == []
    assert harness.box.counters["op.send_text"] == harness.box.counters["op.send_email"] == 0


@pytest.mark.parametrize("mode", MODES)
async def test_a_number_the_lead_does_not_have_is_refused(harness: Harness, mode: str) -> None:
    """Chime would text the lead's primary number instead: not what the person would approve."""
    lead_id = bob(harness.box)
    async with harness.client(mode, YES) as client:
        result = await client.call_tool("send_text", {"leadId": lead_id, "content": TEXT, "phoneNumber": "5559990000"})
    refusal_checked(harness, text_of(result), "send_text", "no such phone number")


@pytest.mark.parametrize("mode", MODES)
async def test_a_sender_without_a_virtual_number_is_refused_before_approval(harness: Harness, mode: str) -> None:
    harness.box.state.members[harness.box.state.me_id]["virtualNumber"] = ""
    async with harness.client(mode, YES) as client:
        result = await client.call_tool("send_text", {"leadId": bob(harness.box), "content": TEXT})
    refusal_checked(harness, text_of(result), "send_text", "no active virtual number")


@pytest.mark.parametrize("mode", MODES)
async def test_the_preview_names_the_lead_the_number_and_the_exact_text(harness: Harness, mode: str) -> None:
    box = harness.box
    lead = box.state.leads[bob(box)]
    async with harness.client(mode, ElicitResult(action="decline")) as client:
        result = await client.call_tool("send_text", {"leadId": lead["leadId"], "content": TEXT})
    assert "The person declined" in text_of(result) and "Nothing was sent" in text_of(result)
    asked = harness.asked[0]
    assert asked.startswith(f"Text lead #{lead['leadId']} from your virtual number.")
    assert 'lead name (from the CRM): "Bob Li"' in asked
    assert f'to number (from the CRM): "{lead["phones"][0]}"' in asked
    assert f'from number (from the CRM): "{box.state.members[box.state.me_id]["virtualNumber"]}"' in asked
    assert 'text (written by the assistant): "The showing moved to 4 pm.\\nSee you there"' in asked
    assert "cannotText no" in asked and "unsubscription no" in asked
    assert not any(t["textContent"] == TEXT for t in texts_of(box, lead["leadId"]))
    assert box.counters["op.send_text"] == 0


@pytest.mark.parametrize("mode", MODES)
async def test_after_approval_exactly_one_message_and_a_retry_does_not_send_again(harness: Harness, mode: str) -> None:
    lead_id = bob(harness.box)
    arguments = {"leadId": lead_id, "content": TEXT}
    async with harness.client(mode) as client, httpx2.AsyncClient() as http:
        link = link_of(await client.call_tool("send_text", arguments))
        assert not any(t["textContent"] == TEXT for t in texts_of(harness.box, lead_id))  # nothing yet
        assert (await answer(http, link, "approve")).status_code == 200
        sent = await client.call_tool("send_text", arguments)
        assert not sent.is_error, text_of(sent)
        # The same call again (a model retrying) asks anew; it does not reuse the used approval.
        again = link_of(await client.call_tool("send_text", arguments))
        history = await client.call_tool("list_text_history", {"leadId": lead_id, "limit": 100})
    assert again != link
    mine = [t for t in (history.structured_content or {})["result"] if t.get("textContent") == TEXT]
    assert len(mine) == 1 and str(mine[0]["id"]) == (sent.structured_content or {})["messageId"]
    assert harness.box.counters["op.send_text"] == 1


@pytest.mark.parametrize("mode", MODES)
async def test_an_approved_email_is_in_the_history_once(harness: Harness, mode: str) -> None:
    lead_id = bob(harness.box)
    arguments = {"leadId": lead_id, "subject": "Disclosures", "content": "Attached are the disclosures."}
    async with harness.client(mode, YES) as client:
        sent = await client.call_tool("send_email", arguments)
        history = await client.call_tool("list_email_history", {"leadId": lead_id, "limit": 100})
    assert not sent.is_error, text_of(sent)
    assert 'to address (from the CRM): "bob.li@example.com"' in harness.asked[0]
    mine = [e for e in (history.structured_content or {})["result"] if e.get("emailSubject") == "Disclosures"]
    assert len(mine) == 1 and harness.box.counters["op.send_email"] == 1
