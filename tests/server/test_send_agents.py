"""Messages to the team's agents, over MCP on both protocol versions: what a person sees and approves.

send_opportunity_alert, text_me, email_me, text_me_from_ai_number, send_task_reminder:
a send that would reach no one (an unknown lead, task or agent, a lead without an agent, a
deactivated agent, a caller without a phone or address, a blank text) is refused with the reason
and a next step before anyone is asked; the preview names the agent, the exact number, address or
app, and the exact text; nothing leaves when the person declines or cancels; once approved, exactly
one message is in the sandbox's `agent_messages`, and the same call again asks anew.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp_types import ElicitResult

from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.handlers.notifications import DEMO_AI_NUMBER
from tests.server.test_approval import answer, link_of
from tests.server.test_safety import MODES, YES, Harness, bob, make_harness, text_of

pytestmark = pytest.mark.anyio

TEXT = "Nina Park wants a showing.\nSaturday 10 am"
"""Two lines: the preview must show it whole, as one visible value."""
SHOWN = '"Nina Park wants a showing.\\nSaturday 10 am"'


@pytest.fixture
async def harness(sandbox: Sandbox, tmp_path: Path) -> AsyncIterator[Harness]:
    h = make_harness(sandbox, tmp_path)
    yield h
    h.gate.close()


def me(box: Sandbox) -> dict[str, Any]:
    return box.state.members[box.state.me_id]


def owner(box: Sandbox) -> dict[str, Any]:
    """Bob's agent."""
    return box.state.members[box.state.leads[bob(box)]["assignedUserId"]]


def bobs_task(box: Sandbox) -> int:
    return next(i for i, t in box.state.tasks.items() if t["leadId"] == bob(box))


ARGUMENTS: dict[str, Callable[[Sandbox], dict[str, Any]]] = {
    "send_opportunity_alert": lambda box: {"leadId": bob(box), "notificationType": 65, "message": TEXT},
    "text_me": lambda box: {"content": TEXT},
    "email_me": lambda box: {"subject": "New lead: Nina Park", "content": TEXT},
    "text_me_from_ai_number": lambda box: {"content": TEXT},
    "send_task_reminder": lambda box: {"taskId": bobs_task(box), "type": "TASK"},
}
TOOLS = list(ARGUMENTS)


def expected_preview(tool: str, box: Sandbox) -> list[str]:
    """Lines the person must see: the agent, where it goes, the exact text."""
    mine = me(box)
    to_me = f'to agent (from the CRM): "Morgan Ellis" (user #{mine["id"]})'
    if tool == "send_opportunity_alert":
        agent = owner(box)
        return [
            'lead name (from the CRM): "Bob Li"',
            f'to agent (from the CRM): "{agent["firstName"]} {agent["lastName"]}" (user #{agent["id"]})',
            "alert: 65 Left a message",
            f"message (written by the assistant): {SHOWN}",
        ]
    if tool == "text_me":
        return [
            to_me,
            f'to number (from the CRM): "{mine["phoneNumber"]}"',
            f"text (written by the assistant): {SHOWN}",
        ]
    if tool == "email_me":
        return [
            to_me,
            f'to address (from the CRM): "{mine["email"]}"',
            'subject (written by the assistant): "New lead: Nina Park"',
            f"text (written by the assistant): {SHOWN}",
        ]
    if tool == "text_me_from_ai_number":
        return [
            to_me,
            f'to number (from the CRM): "{mine["phoneNumber"]}"',
            "from: your Sales Agent's AI virtual number",
            f"text (written by the assistant): {SHOWN}",
        ]
    task = box.state.tasks[bobs_task(box)]
    agent = box.state.members[task["assignedUserId"]]
    return [
        f"Push a reminder of task #{task['id']} to its assignee's Lofty app.",
        f'to agent (from the CRM): "{agent["firstName"]} {agent["lastName"]}" (user #{agent["id"]})',
        "to device: the Lofty app",
        f'task (from the CRM): "{task["content"]}"',
    ]


def refusal_checked(harness: Harness, text: str, tool: str, reason: str, step: str) -> None:
    assert "Refused: " in text and reason in text and step in text, text
    assert "Nothing was sent, and no one was asked to approve it." in text
    assert "approve at" not in text  # no approval page was offered
    assert harness.asked == []  # nobody was asked
    assert harness.box.counters[f"op.{tool}"] == 0
    assert harness.box.store.agent_messages == {}
    assert [line["outcome"] for line in harness.audit_lines()] == ["error"]


# -- refused before anyone is asked ----------------------------------------------------------------


def _unassigned(box: Sandbox) -> dict[str, Any]:
    return {
        "leadId": next(i for i, lead in box.state.leads.items() if not lead["assignedUserId"] and not lead["pondId"]),
        "notificationType": 11,
    }


def _deactivated_owner(box: Sandbox) -> dict[str, Any]:
    owner(box)["accountStatus"] = "INACTIVE"
    return {"leadId": bob(box), "notificationType": 11}


def _without_phone(box: Sandbox) -> dict[str, Any]:
    me(box)["phoneNumber"] = ""
    return {"content": TEXT}


def _without_email(box: Sandbox) -> dict[str, Any]:
    me(box)["email"] = ""
    return {"subject": "Hi", "content": TEXT}


def _deactivated_assignee(box: Sandbox) -> dict[str, Any]:
    task_id = bobs_task(box)
    box.state.members[box.state.tasks[task_id]["assignedUserId"]]["accountStatus"] = "INACTIVE"
    return {"taskId": task_id, "type": "TASK"}


def _unknown_assignee(box: Sandbox) -> dict[str, Any]:
    task_id = bobs_task(box)
    box.state.tasks[task_id]["assignedUserId"] = 4242
    return {"taskId": task_id, "type": "TASK"}


REFUSALS: list[tuple[str, Callable[[Sandbox], dict[str, Any]], str, str]] = [
    # (tool, arguments (may change the sandbox first), reason, next step)
    ("send_opportunity_alert", lambda box: {"leadId": 1, "notificationType": 11}, "does not exist", "search_leads"),
    ("send_opportunity_alert", _unassigned, "has no assigned agent", "assign_lead"),
    ("send_opportunity_alert", _deactivated_owner, "is deactivated and receives nothing", "Reassign it first"),
    ("text_me", _without_phone, "your user has no phone number", "Add one to your Lofty profile"),
    ("text_me", lambda box: {"content": "  \n"}, "the content is blank", "Write the content first"),
    ("email_me", _without_email, "your user has no email address", "Add one to your Lofty profile"),
    ("email_me", lambda box: {"subject": " ", "content": TEXT}, "the subject is blank", "Write the subject"),
    ("text_me_from_ai_number", _without_phone, "your user has no phone number", "Add one"),
    ("send_task_reminder", lambda box: {"taskId": 1, "type": "TASK"}, "task #1 does not exist", "list_tasks"),
    ("send_task_reminder", _deactivated_assignee, "is deactivated", "Reassign it first"),
    ("send_task_reminder", _unknown_assignee, "(user #4242) is not a member of the team", "list_members"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("can_elicit", [True, False], ids=["elicit", "page"])
@pytest.mark.parametrize(("tool", "arguments", "reason", "step"), REFUSALS, ids=[r[2] for r in REFUSALS])
async def test_a_send_that_reaches_no_one_is_refused_before_approval(
    harness: Harness,
    mode: str,
    can_elicit: bool,
    tool: str,
    arguments: Callable[[Sandbox], dict[str, Any]],
    reason: str,
    step: str,
) -> None:
    values = arguments(harness.box)
    async with harness.client(mode, YES if can_elicit else None) as client:
        result = await client.call_tool(tool, values)
    assert result.is_error
    refusal_checked(harness, text_of(result), tool, reason, step)


# -- the preview, and nothing without a yes --------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("reply", ["decline", "cancel"])
async def test_the_preview_names_the_agent_where_and_the_exact_text_and_no_yes_sends_nothing(
    harness: Harness, mode: str, tool: str, reply: str
) -> None:
    box = harness.box
    async with harness.client(mode, ElicitResult(action=reply)) as client:
        result = await client.call_tool(tool, ARGUMENTS[tool](box))
    assert result.is_error and "The person declined" in text_of(result) and "Nothing was sent" in text_of(result)
    [asked] = harness.asked
    assert "It goes out at once and cannot be recalled." in asked
    for line in expected_preview(tool, box):
        assert line in asked, f"{line!r} not in:\n{asked}"
    assert box.counters[f"op.{tool}"] == 0
    assert box.store.agent_messages == {}
    assert [line["outcome"] for line in harness.audit_lines()] == ["declined"]


@pytest.mark.parametrize("mode", MODES)
async def test_an_alert_that_also_texts_and_emails_shows_the_number_and_the_address(
    harness: Harness, mode: str
) -> None:
    agent = owner(harness.box)
    arguments = {"leadId": bob(harness.box), "notificationType": 11, "description": "12 Elm St"}
    async with harness.client(mode, ElicitResult(action="decline")) as client:
        await client.call_tool("send_opportunity_alert", arguments)
    [asked] = harness.asked
    assert "in the Lofty app and by text and email" in asked
    assert f'number "{agent["phoneNumber"]}", address "{agent["email"]}"' in asked
    # The API shows description and link only together, and the message only for type 65: said, not hidden.
    assert "details: not shown (Lofty shows description and link only together)" in asked


@pytest.mark.parametrize("mode", MODES)
async def test_a_pond_lead_alerts_the_pond_members(harness: Harness, mode: str) -> None:
    box = harness.box
    lead_id, lead = next((i, lead) for i, lead in box.state.leads.items() if lead.get("pondId"))
    pond = box.state.lead_ponds[lead["pondId"]]
    gone, first = (box.state.members[uid] for uid in pond["agentIds"][:2])
    gone["accountStatus"] = "INACTIVE"
    async with harness.client(mode, ElicitResult(action="decline")) as client:
        await client.call_tool("send_opportunity_alert", {"leadId": lead_id, "notificationType": 10})
    [asked] = harness.asked
    assert f"Alert the pond members of lead #{lead_id} to its activity" in asked
    count = len(pond["agentIds"])
    assert f'to pond (from the CRM): "{pond["pondName"]}" ({count} members; 1 deactivated, skipped):' in asked
    assert f'"{first["firstName"]} {first["lastName"]}" (user #{first["id"]})' in asked
    assert f"(user #{gone['id']})" not in asked


# -- once approved: exactly one -------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("tool", TOOLS)
async def test_after_approval_exactly_one_message_and_a_retry_does_not_send_again(
    harness: Harness, mode: str, tool: str
) -> None:
    box = harness.box
    arguments = ARGUMENTS[tool](box)
    async with harness.client(mode) as client, httpx2.AsyncClient() as http:
        link = link_of(await client.call_tool(tool, arguments))
        assert box.store.agent_messages == {}  # nothing before the person's yes
        assert (await answer(http, link, "approve")).status_code == 200
        sent = await client.call_tool(tool, arguments)
        assert not sent.is_error, text_of(sent)
        # The same call again (a model retrying) asks anew; it does not reuse the used approval.
        again = link_of(await client.call_tool(tool, arguments))
    assert again != link
    [message] = box.store.agent_messages.values()
    assert box.counters[f"op.{tool}"] == 1
    if tool == "send_task_reminder":
        assert message["taskId"] == arguments["taskId"] and message["channels"] == ["push"]
        assert message["agentId"] == box.state.tasks[arguments["taskId"]]["assignedUserId"]
    elif tool == "send_opportunity_alert":
        assert message["agentId"] == owner(box)["id"] and message["content"].endswith(TEXT)
    else:
        assert message["agentId"] == box.state.me_id and message["content"] == TEXT
        assert (message["toEmail"] if tool == "email_me" else message["toPhone"]) is not None
    if tool == "text_me_from_ai_number":
        assert message["fromNumber"] == DEMO_AI_NUMBER


@pytest.mark.parametrize("mode", MODES)
async def test_an_approved_ai_text_without_an_ai_number_fails_as_the_api_does(harness: Harness, mode: str) -> None:
    """No read says whether the Sales Agent has an AI number: Lofty's refusal arrives after the yes."""
    harness.box.store.ai_numbers[harness.box.state.me_id] = ""
    async with harness.client(mode, YES) as client:
        result = await client.call_tool("text_me_from_ai_number", {"content": TEXT})
    assert result.is_error and "AI virtual number" in text_of(result)
    assert harness.box.store.agent_messages == {}


@pytest.mark.parametrize("mode", MODES)
async def test_an_approved_pond_alert_reaches_the_members_and_explains_data_false(harness: Harness, mode: str) -> None:
    box = harness.box
    lead_id, lead = next((i, lead) for i, lead in box.state.leads.items() if lead.get("pondId"))
    async with harness.client(mode, YES) as client:
        result = await client.call_tool("send_opportunity_alert", {"leadId": lead_id, "notificationType": 10})
    assert not result.is_error, text_of(result)
    assert "data=false: for a lead in a pond the alert still goes to the pond's members" in text_of(result)
    reached = sorted(m["agentId"] for m in box.store.agent_messages.values())
    assert reached == sorted(box.state.lead_ponds[lead["pondId"]]["agentIds"])
