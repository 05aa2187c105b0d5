"""MCP cases of the messages to the team's agents (issue 14, group agentsend), on both protocol
versions: each waits for the person, who approves on the page; then exactly one message is in
the sandbox's `agent_messages`, where it went."""

from __future__ import annotations

from typing import Any

from chime_mcp.sandbox.handlers.notifications import DEMO_AI_NUMBER
from tests.support.cases import Session, case
from tests.support.sandboxes import BOB


def _messages(s: Session, kind: str) -> list[dict[str, Any]]:
    return [m for m in s.sandbox.store.agent_messages.values() if m["kind"] == kind]


@case("send_opportunity_alert")
async def _send_opportunity_alert(s: Session) -> None:
    _, sent = await s.snap(
        "send_opportunity_alert", leadId=BOB, notificationType=66, description="12 Elm St", link="https://x.example/1"
    )
    owner = s.sandbox.state.members[s.sandbox.state.leads[BOB]["assignedUserId"]]
    [alert] = _messages(s, "opportunity alert")
    assert sent["data"] is True and alert["agentId"] == owner["id"] and alert["channels"] == ["push"]
    assert alert["content"] == "Bob Li: Requested a showing\n12 Elm St https://x.example/1"


@case("text_me")
async def _text_me(s: Session) -> None:
    await s.snap("text_me", content="New lead: Nina Park, wants a showing Saturday")
    me = s.sandbox.state.members[s.sandbox.state.me_id]
    [text] = _messages(s, "system text")
    assert (text["toPhone"], text["content"]) == (me["phoneNumber"], "New lead: Nina Park, wants a showing Saturday")


@case("email_me")
async def _email_me(s: Session) -> None:
    await s.snap("email_me", subject="New lead: Nina Park", content="<p>Wants a showing Saturday</p>")
    me = s.sandbox.state.members[s.sandbox.state.me_id]
    [email] = _messages(s, "system email")
    assert (email["toEmail"], email["subject"]) == (me["email"], "New lead: Nina Park")


@case("text_me_from_ai_number")
async def _text_me_from_ai_number(s: Session) -> None:
    await s.snap("text_me_from_ai_number", content="Nina Park replied: Saturday 10 am works")
    [text] = _messages(s, "AI number text")
    assert text["fromNumber"] == DEMO_AI_NUMBER


@case("send_task_reminder")
async def _send_task_reminder(s: Session) -> None:
    task_id = next(i for i, t in s.sandbox.state.tasks.items() if t["leadId"] == BOB)
    await s.snap("send_task_reminder", taskId=task_id, type="TASK")
    [push] = _messages(s, "task reminder")
    assert push["taskId"] == task_id and push["agentId"] == s.sandbox.state.tasks[task_id]["assignedUserId"]
