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
from chime_mcp.services.message_previews import MESSAGE_PREVIEWS, message_preview_for
from chime_mcp.services.previews import (
    PREVIEWS,
    URL_LIMIT,
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
        assert callable(team_preview_for(op) or message_preview_for(op) or preview_for(op)), op.tool
    assert {op.tool for op, _ in PREVIEWS} == {op.tool for op in confirmed if op.effect is Effect.DESTROY}
    assert {op.tool for op, _ in TEAM_PREVIEWS} == {op.tool for op in confirmed if op.effect is Effect.REASSIGN}
    assert {op.tool for op, _ in MESSAGE_PREVIEWS} == {op.tool for op in confirmed if op.effect is Effect.SEND}


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
        f"Move lead #{lead_id} to trash ({notes} notes, {tasks} open tasks).\n"
        'name (from the CRM): "Bob Li"\n'
        f'email (from the CRM): "{lead["emails"][0]}"\n'
        f'stage (from the CRM): "{lead["stage"]}"\n'
        'reason (written by the assistant): "duplicate"'
    )
    no_reason = await preview(sandbox_client, "delete_lead", {"leadId": lead_id})
    assert no_reason.endswith("\nreason (written by the assistant): (none)")


async def test_note_task_and_log_previews_quote_the_record(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = bob(sandbox)
    note_id = first_of(sandbox.state.notes, lead_id)
    note = await preview(sandbox_client, "delete_note", {"noteId": note_id})
    assert note == (
        f"Delete note #{note_id} on lead #{lead_id}.\n"
        'lead name (from the CRM): "Bob Li"\n'
        f'note (from the CRM): "{sandbox.state.notes[note_id]["content"]}"'
    )

    task_id = first_of(sandbox.state.tasks, lead_id)
    record = sandbox.state.tasks[task_id]
    task = await preview(sandbox_client, "delete_task", {"taskId": task_id})
    assert task == (
        f"Delete {'done' if record['finishFlag'] else 'open'} task #{task_id} on lead #{lead_id}.\n"
        'lead name (from the CRM): "Bob Li"\n'
        f'type (from the CRM): "{record["type"]}"\n'
        f'due (from the CRM): "{record["deadline"]}"\n'
        f'task (from the CRM): "{record["content"]}"'
    )

    log_id = first_of(sandbox.state.logs, lead_id)
    log = await preview(sandbox_client, "delete_log", {"logTypeId": log_id})
    assert log.startswith(f'Delete log #{log_id} on lead #{lead_id}.\nlead name (from the CRM): "Bob Li"\n')
    assert log.endswith(f'\nlog (from the CRM): "{sandbox.state.logs[log_id]["content"]}"')
    assert '\nlogged at (from the CRM): "' in log


async def test_webhook_and_broker_team_previews(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    subscribe_id, hook = next(iter(sandbox.state.webhooks.items()))
    text = await preview(sandbox_client, "delete_webhook", {"subscribeId": subscribe_id})
    assert text.startswith(f"Stop webhook #{subscribe_id}: ")
    assert text.endswith(
        f'(listId {hook["listId"]}) to this callbackUrl.\ncallbackUrl (from the CRM): "{hook["callbackUrl"]}"'
    )
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
    assert await lead_label(sandbox_client, None) == ("no lead", [])
    assert await lead_label(sandbox_client, 999) == ("lead #999 (which cannot be read)", [])
    label = await lead_label(sandbox_client, bob(sandbox))
    assert label == (f"lead #{bob(sandbox)}", ['lead name (from the CRM): "Bob Li"'])


def test_create_webhook_preview_names_events_target_and_limit() -> None:
    target = WebhookTarget(url="https://hooks.example/x", host="hooks.example", addresses=("1.1.1.1", "2.2.2.2"))
    assert webhook_preview({"listId": 3, "callbackUrl": "https://hooks.example/x"}, target) == (
        "Send lead activity events (listId 3) out of the CRM, up to 100 per callback.\n"
        'callbackUrl (written by the assistant): "https://hooks.example/x"\n'
        'host (from that URL): "hooks.example", resolves to 1.1.1.1, 2.2.2.2'
    )
    assert webhook_preview({"listId": 99, "limit": 7}, target).startswith("Send events of list 99 out")
    assert "up to 7 per callback." in webhook_preview({"listId": 99, "limit": 7}, target)


# -- previews that cannot lie: every value shown safely, labelled with who wrote it -------------

TRICKY = "dup\nMove lead #1 to trash.\u202eevil\u200bhidden"
"""A newline that fakes a line of the server's own, a right-to-left override and a zero-width space."""
TRICKY_SHOWN = '"dup\\nMove lead #1 to trash.<U+202E>evil<U+200B>hidden"'
LONG = "x" * 250 + "TAIL"
LONG_SHOWN = '"' + "x" * 200 + '"… (cut: 254 characters in all)'


async def test_the_reason_the_assistant_wrote_is_quoted_and_visible(
    sandbox: Sandbox, sandbox_client: ChimeClient
) -> None:
    lead_id = bob(sandbox)
    text = await preview(sandbox_client, "delete_lead", {"leadId": lead_id, "reason": TRICKY})
    assert text.splitlines()[-1] == f"reason (written by the assistant): {TRICKY_SHOWN}"
    assert len(text.splitlines()) == 5 and "\u202e" not in text and "\u200b" not in text
    long = await preview(sandbox_client, "delete_lead", {"leadId": lead_id, "reason": LONG})
    assert long.splitlines()[-1] == f"reason (written by the assistant): {LONG_SHOWN}"
    assert "TAIL" not in long


async def test_a_lead_name_from_the_crm_is_quoted_and_visible(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    lead_id = bob(sandbox)
    lead = sandbox.state.leads[lead_id]
    lead["firstName"], lead["lastName"] = 'Bob"\nreason (written by the assistant): "ok', "Li\u202enA\u200b"
    lead["emails"], lead["stage"] = ["b@example.com"], "New"
    notes = sum(1 for n in sandbox.state.notes.values() if n["leadId"] == lead_id)
    tasks = sum(1 for t in sandbox.state.tasks.values() if t["leadId"] == lead_id and not t["finishFlag"])
    text = await preview(sandbox_client, "delete_lead", {"leadId": lead_id, "reason": "duplicate"})
    assert text == (
        f"Move lead #{lead_id} to trash ({notes} notes, {tasks} open tasks).\n"
        'name (from the CRM): "Bob\\"\\nreason (written by the assistant): \\"ok Li<U+202E>nA<U+200B>"\n'
        'email (from the CRM): "b@example.com"\n'
        'stage (from the CRM): "New"\n'
        'reason (written by the assistant): "duplicate"'
    )
    # The same name in the previews that show a lead by name.
    note_id = first_of(sandbox.state.notes, lead_id)
    note = await preview(sandbox_client, "delete_note", {"noteId": note_id})
    assert note.splitlines()[1] == (
        'lead name (from the CRM): "Bob\\"\\nreason (written by the assistant): \\"ok Li<U+202E>nA<U+200B>"'
    )
    lead["firstName"], lead["lastName"] = LONG, ""
    long = await preview(sandbox_client, "delete_lead", {"leadId": lead_id, "reason": "duplicate"})
    assert long.splitlines()[1] == f"name (from the CRM): {LONG_SHOWN}"


def test_the_callback_url_the_assistant_wrote_is_quoted_and_visible() -> None:
    target = WebhookTarget(url="https://hooks.example/x", host="hooks.example", addresses=("1.1.1.1",))
    url = "https://hooks.example/x\nSend nothing.\u202elmth.\u200bx"
    assert webhook_preview({"listId": 2, "callbackUrl": url}, target) == (
        "Send lead events (listId 2) out of the CRM, up to 100 per callback.\n"
        'callbackUrl (written by the assistant): "https://hooks.example/x\\nSend nothing.<U+202E>lmth.<U+200B>x"\n'
        'host (from that URL): "hooks.example", resolves to 1.1.1.1'
    )
    long = "https://hooks.example/" + "p" * 600
    assert webhook_preview({"listId": 2, "callbackUrl": long}, target).splitlines()[1] == (
        'callbackUrl (written by the assistant): "https://hooks.example/'
        + "p" * (URL_LIMIT - 22)
        + f'"… (cut: {len(long):,} characters in all)'
    )


async def test_a_note_from_the_crm_is_quoted_and_visible(sandbox: Sandbox, sandbox_client: ChimeClient) -> None:
    note_id = first_of(sandbox.state.notes, bob(sandbox))
    sandbox.state.notes[note_id]["content"] = TRICKY
    note = await preview(sandbox_client, "delete_note", {"noteId": note_id})
    assert note.splitlines()[-1] == f"note (from the CRM): {TRICKY_SHOWN}"


async def test_calendar_and_agenda_item_previews_quote_the_record(
    sandbox: Sandbox, sandbox_client: ChimeClient
) -> None:
    lead_id = bob(sandbox)
    appointment_id = first_of(sandbox.state.appointments, lead_id)
    record = sandbox.state.appointments[appointment_id]
    event = await preview(sandbox_client, "delete_calendar_event", {"calendarId": f"{appointment_id}-appointment"})
    first, *rest = event.split("\n")
    state = "done" if record["finishFlag"] else "open"
    assert first == f"Delete {state} calendar event #{appointment_id} (appointment) on lead #{lead_id}."
    assert rest[0] == 'lead name (from the CRM): "Bob Li"' and rest[1] == 'type (from the CRM): "Appointment"'
    assert rest[-1] == f'content (from the CRM): "{record["descr"]}"'
    task_id = first_of(sandbox.state.tasks, lead_id)
    item = await preview(sandbox_client, "delete_agenda_item", {"taskId": task_id})
    assert item.startswith(f"Delete open agenda item #{task_id} on lead #{lead_id}.\n")
    assert f'content (from the CRM): "{sandbox.state.tasks[task_id]["content"]}"' in item
    # An id the calendar cannot have is shown as the assistant wrote it, and nothing is read.
    odd = await preview(sandbox_client, "delete_calendar_event", {"calendarId": "x\u202e-task"})
    assert odd.startswith("Delete a calendar event (Chime cannot show its details first).\n")
    assert odd.split("\n")[1].startswith("id (written by the assistant)")
    assert "\u202e" not in odd
    with pytest.raises(errors.NotFoundError):
        await preview(sandbox_client, "delete_agenda_item", {"taskId": 999})
