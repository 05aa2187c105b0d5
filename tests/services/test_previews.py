"""The previews a person reads before a delete or a webhook, against the sandbox, without MCP.

The gate's end-to-end tests (tests/server/test_safety.py) check the same wording through an MCP
client; these pin each preview and the table itself.
"""

from __future__ import annotations

from typing import Any

import pytest

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import BY_NAME, OPERATIONS, leads
from chime_mcp.chime.catalog.webhooks import CREATE_WEBHOOK
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Effect
from chime_mcp.sandbox.app import Sandbox
from chime_mcp.services.previews import (
    PREVIEWS,
    first_words,
    lead_label,
    preview_for,
    webhook_preview,
)
from chime_mcp.services.team_previews import TEAM_PREVIEWS, team_preview_for
from chime_mcp.services.webhook_targets import WebhookTarget

pytestmark = pytest.mark.anyio


def bob(box: Sandbox) -> int:
    return next(i for i, lead in box.state.leads.items() if (lead["firstName"], lead["lastName"]) == ("Bob", "Li"))


def first_of(records: dict[int, dict[str, Any]], lead_id: int) -> int:
    return next(i for i, r in records.items() if r["leadId"] == lead_id)


async def preview(client: ChimeClient, tool: str, values: dict[str, Any]) -> str:
    return await preview_for(BY_NAME[tool])(client, values)


def test_every_confirmed_operation_has_a_preview() -> None:
    # A missing preview would only show as a crash when the tool is first confirmed.
    confirmed = [op for op in OPERATIONS if op.effect.needs_person]
    for op in confirmed:
        if op == CREATE_WEBHOOK:
            continue  # previewed from its checked target: webhook_preview
        assert callable(team_preview_for(op) or preview_for(op)), op.tool
    assert {op.tool for op, _ in PREVIEWS} == {op.tool for op in confirmed if op.effect is Effect.DESTROY}
    assert {op.tool for op, _ in TEAM_PREVIEWS} == {op.tool for op in confirmed if op.effect is Effect.REASSIGN}


def test_an_operation_without_a_preview_is_named() -> None:
    with pytest.raises(KeyError, match="no preview for get_lead"):
        preview_for(leads.GET_LEAD)


async def test_lead_preview_counts_notes_and_open_tasks(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = bob(sandbox)
    lead = sandbox.state.leads[lead_id]
    notes = sum(1 for n in sandbox.state.notes.values() if n["leadId"] == lead_id)
    tasks = sum(1 for t in sandbox.state.tasks.values() if t["leadId"] == lead_id and not t["finishFlag"])
    text = await preview(sandbox_client, "delete_lead", {"leadId": lead_id, "reason": "duplicate"})
    assert text == (
        f"Move lead #{lead_id} Bob Li ({lead['emails'][0]}, stage {lead['stage']}, {notes} notes, "
        f"{tasks} open tasks) to trash, reason: duplicate"
    )
    no_reason = await preview(sandbox_client, "delete_lead", {"leadId": lead_id})
    assert no_reason.endswith("reason: (none)")


async def test_note_task_and_log_previews_quote_the_record(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = bob(sandbox)
    note_id = first_of(sandbox.state.notes, lead_id)
    note = await preview(sandbox_client, "delete_note", {"noteId": note_id})
    assert note.startswith(f'Delete note #{note_id} on lead #{lead_id} Bob Li: "')
    assert sandbox.state.notes[note_id]["content"][:40] in note

    task_id = first_of(sandbox.state.tasks, lead_id)
    task = await preview(sandbox_client, "delete_task", {"taskId": task_id})
    assert task.startswith(f"Delete task #{task_id} (")
    assert f'on lead #{lead_id} Bob Li: "{sandbox.state.tasks[task_id]["content"][:40]}' in task
    assert "open)" in task or "done)" in task

    log_id = first_of(sandbox.state.logs, lead_id)
    log = await preview(sandbox_client, "delete_log", {"logTypeId": log_id})
    assert f"log #{log_id} of " in log and "  " not in log
    assert f'on lead #{lead_id} Bob Li: "{sandbox.state.logs[log_id]["content"][:40]}' in log


async def test_webhook_and_broker_team_previews(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    subscribe_id, hook = next(iter(sandbox.state.webhooks.items()))
    text = await preview(sandbox_client, "delete_webhook", {"subscribeId": subscribe_id})
    assert text.startswith(f"Stop webhook #{subscribe_id}: ")
    assert text.endswith(f"(listId {hook['listId']}) sent to {hook['callbackUrl']}")
    team = await preview(sandbox_client, "delete_broker_team", {"id": 4242})
    assert team.startswith("Remove broker team #4242")


@pytest.mark.parametrize(
    ("tool", "values", "error"),
    [
        ("delete_lead", {"leadId": 999, "reason": "dup"}, errors.NotFoundError),
        ("delete_note", {"noteId": 999}, errors.NotFoundError),
        ("delete_task", {"taskId": 999}, errors.NotFoundError),
        ("delete_log", {"logTypeId": 999}, errors.NotFoundError),
        ("delete_webhook", {"subscribeId": 999}, errors.NotFoundError),
    ],
)
async def test_an_unreadable_preview_raises(
    sandbox_client: ChimeClient, tool: str, values: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        await preview(sandbox_client, tool, values)


async def test_lead_label_falls_back_to_the_id(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    assert await lead_label(sandbox_client, None) == "no lead"
    assert await lead_label(sandbox_client, 999) == "lead #999"
    assert await lead_label(sandbox_client, bob(sandbox)) == f"lead #{bob(sandbox)} Bob Li"


def test_create_webhook_preview_names_events_target_and_limit() -> None:
    target = WebhookTarget(url="https://hooks.example/x", host="hooks.example", addresses=("1.1.1.1", "2.2.2.2"))
    assert webhook_preview({"listId": 3}, target) == (
        "Send lead activity events (listId 3) out of the CRM to https://hooks.example/x "
        "(hooks.example = 1.1.1.1, 2.2.2.2), up to 100 per callback"
    )
    assert webhook_preview({"listId": 99, "limit": 7}, target).startswith("Send events of list 99 out")
    assert webhook_preview({"listId": 99, "limit": 7}, target).endswith("up to 7 per callback")


def test_first_words_cuts_at_a_word() -> None:
    assert first_words("  short\n text ") == "short text"
    assert first_words(None) == ""
    long = "word " * 40
    cut = first_words(long)
    assert len(cut) <= 80 and cut.endswith("word...")
