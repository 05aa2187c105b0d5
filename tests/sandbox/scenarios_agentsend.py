"""Sandbox scenarios of the messages to the team's agents (issue 14, group agentsend).

What reached an agent is in `agent_messages` (no API read shows it): one record per recipient,
with where it went. Each scenario asserts that record, and that a send reaching no one records none.
"""

from __future__ import annotations

from typing import Any

import pytest

from chime_mcp.chime import catalog, errors
from chime_mcp.chime.client import ChimeClient
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.sandbox.handlers.notifications import DEMO_AI_NUMBER
from tests.support.scenarios import bob, scenario


def _sent(sb: Sandbox, kind: str) -> list[dict[str, Any]]:
    return [message for message in sb.store.agent_messages.values() if message["kind"] == kind]


@scenario("send_opportunity_alert")
async def _send_opportunity_alert(c: ChimeClient, sb: Sandbox) -> None:
    lead = bob(sb)
    owner = sb.state.members[lead["assignedUserId"]]
    body = {"leadId": lead["leadId"], "notificationType": 11, "description": "12 Elm St", "link": "https://x.example/1"}
    answer = await c.call(catalog.notifications.SEND_OPPORTUNITY_ALERT, body=body)
    assert answer.data is True and answer.status is not None and answer.status.code == 0
    [alert] = _sent(sb, "opportunity alert")
    assert alert["agentId"] == owner["id"] and alert["leadId"] == lead["leadId"]
    assert alert["channels"] == ["push", "sms", "email"]  # 11, viewed a listing: also by text and email
    assert alert["toPhone"] == owner["phoneNumber"] and alert["toEmail"] == owner["email"]
    assert alert["content"] == "Bob Li: Viewed a listing\n12 Elm St https://x.example/1"
    # A pond lead goes to every active member of the pond, and answers false (the documented quirk).
    pond_lead = next(lead for lead in sb.state.leads.values() if lead.get("pondId"))
    pond = sb.state.lead_ponds[pond_lead["pondId"]]
    sb.state.members[pond["agentIds"][0]]["accountStatus"] = "INACTIVE"
    answer = await c.call(
        catalog.notifications.SEND_OPPORTUNITY_ALERT, body={"leadId": pond_lead["leadId"], "notificationType": 65}
    )
    assert answer.data is False
    reached = {m["agentId"] for m in _sent(sb, "opportunity alert") if m["leadId"] == pond_lead["leadId"]}
    assert reached == set(pond["agentIds"][1:])
    # An unknown lead or one without an agent: 200, data false, nobody alerted.
    before = len(sb.store.agent_messages)
    unassigned = next(
        lead for lead in sb.state.leads.values() if not lead.get("assignedUserId") and not lead.get("pondId")
    )
    for lead_id in (unassigned["leadId"], 1):
        answer = await c.call(
            catalog.notifications.SEND_OPPORTUNITY_ALERT, body={"leadId": lead_id, "notificationType": 9}
        )
        assert answer.data is False
    assert len(sb.store.agent_messages) == before


@scenario("text_me")
async def _text_me(c: ChimeClient, sb: Sandbox) -> None:
    me = sb.state.members[sb.state.me_id]
    answer = await c.call(catalog.notifications.TEXT_ME, body={"content": "New lead: Nina"})
    assert answer.message
    [text] = _sent(sb, "system text")
    assert (text["agentId"], text["toPhone"], text["content"]) == (me["id"], me["phoneNumber"], "New lead: Nina")
    with pytest.raises(errors.ChimeError, match="blank"):
        await c.call(catalog.notifications.TEXT_ME, body={"content": "  "})
    me["phoneNumber"] = ""
    with pytest.raises(errors.ChimeError, match="no phone number"):
        await c.call(catalog.notifications.TEXT_ME, body={"content": "again"})
    assert len(_sent(sb, "system text")) == 1


@scenario("email_me")
async def _email_me(c: ChimeClient, sb: Sandbox) -> None:
    me = sb.state.members[sb.state.me_id]
    answer = await c.call(catalog.notifications.EMAIL_ME, body={"subject": "New lead", "content": "<p>Nina</p>"})
    assert answer.message
    [email] = _sent(sb, "system email")
    assert (email["toEmail"], email["subject"], email["content"]) == (me["email"], "New lead", "<p>Nina</p>")
    with pytest.raises(errors.ChimeError, match="blank"):
        await c.call(catalog.notifications.EMAIL_ME, body={"subject": " ", "content": "x"})
    assert len(_sent(sb, "system email")) == 1


@scenario("text_me_from_ai_number")
async def _text_me_from_ai_number(c: ChimeClient, sb: Sandbox) -> None:
    me = sb.state.members[sb.state.me_id]
    await c.call(catalog.notifications.TEXT_ME_FROM_AI_NUMBER, body={"content": "Nina replied"})
    [text] = _sent(sb, "AI number text")
    assert text["fromNumber"] == DEMO_AI_NUMBER and text["toPhone"] == me["phoneNumber"]
    # Without an AI virtual number on the Sales Agent, the live API refuses (400).
    sb.store.ai_numbers[me["id"]] = ""
    with pytest.raises(errors.ChimeError, match="AI virtual number"):
        await c.call(catalog.notifications.TEXT_ME_FROM_AI_NUMBER, body={"content": "again"})
    assert len(_sent(sb, "AI number text")) == 1


@scenario("send_task_reminder")
async def _send_task_reminder(c: ChimeClient, sb: Sandbox) -> None:
    lead = bob(sb)
    task = next(t for t in sb.state.tasks.values() if t["leadId"] == lead["leadId"])
    appointment = next(a for a in sb.state.appointments.values() if a["leadId"] == lead["leadId"])
    await c.call(catalog.notifications.SEND_TASK_REMINDER, body={"taskId": task["id"], "type": "TASK"})
    await c.call(catalog.notifications.SEND_TASK_REMINDER, body={"taskId": appointment["id"], "type": "APPOINTMENT"})
    first, second = _sent(sb, "task reminder")
    assert (first["taskId"], first["agentId"], first["channels"]) == (task["id"], task["assignedUserId"], ["push"])
    assert first["content"] == f"Reminder: {task['content']}"
    assert (second["taskId"], second["agentId"]) == (appointment["id"], appointment["assignToUid"])
    with pytest.raises(errors.ChimeError, match="not found"):  # a task id is not an appointment id
        await c.call(catalog.notifications.SEND_TASK_REMINDER, body={"taskId": task["id"], "type": "APPOINTMENT"})
    sb.state.members[task["assignedUserId"]]["accountStatus"] = "INACTIVE"
    with pytest.raises(errors.ChimeError, match="no active assignee"):
        await c.call(catalog.notifications.SEND_TASK_REMINDER, body={"taskId": task["id"], "type": "TASK"})
    assert len(_sent(sb, "task reminder")) == 2
