"""What a confirmed call would affect, read from the API and worded for the person who says yes.

    Move lead #123 to trash (4 notes, 2 open tasks).
    name (from the CRM): "Bob Li"
    email (from the CRM): "bob@example.com"
    stage (from the CRM): "Active"
    reason (written by the assistant): "duplicate"

The safety gate (server/safety) shows these before any delete or webhook, in the elicitation
message and wherever else a person confirms: one string, one rendering. The first line is the
server's own words (ids, counts, kinds); every value someone else wrote is on a line of its own,
labelled with who wrote it and shown by `safe_text` (quoted, control and invisible characters
spelled out, long values cut with their length said), so no value can make the text read as
another record. A preview that cannot be read raises the ChimeError (the gate says so and does
nothing). `PREVIEWS` is keyed by the catalog operation; every operation that destroys has one
(tests/services/test_previews.py).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import admin, agenda, calendar, leads, logs, notes, tasks, webhooks
from chime_mcp.chime.catalog.leads import GET_LEAD
from chime_mcp.chime.catalog.logs import GET_LOG
from chime_mcp.chime.catalog.notes import GET_NOTE, LIST_NOTES
from chime_mcp.chime.catalog.tasks import GET_TASK, LIST_TASKS
from chime_mcp.chime.catalog.webhooks import LIST_WEBHOOKS
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.org_previews import ORG_DESTROY_PREVIEWS
from chime_mcp.services.safe_text import labelled, visible
from chime_mcp.services.webhook_events import describe_events
from chime_mcp.services.webhook_targets import WebhookTarget

Preview = Callable[[ChimeClient, Mapping[str, Any]], Awaitable[str]]
"""(client, the call's arguments) -> what the call would do."""

URL_LIMIT = 500
"""Characters of a callback URL a preview shows: more than of other values, since all of it counts."""
_WORD = re.compile(r"[a-z]{1,20}")


async def lead_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    lead_id = values["leadId"]
    lead = await client.call(GET_LEAD, {"leadId": lead_id})
    notes = await client.call(LIST_NOTES, {"leadId": lead_id})
    tasks = await client.call(LIST_TASKS, {"leadId": lead_id})
    open_tasks = sum(1 for t in tasks if not t.finishFlag)
    lines = [
        f"Move lead #{lead_id} to trash ({_count(len(notes), 'note')}, {_count(open_tasks, 'open task')}).",
        labelled("name", "crm", _name(lead)),
    ]
    if lead.emails:
        lines.append(labelled("email", "crm", lead.emails[0]))
    lines.append(labelled("stage", "crm", lead.stage))
    lines.append(labelled("reason", "assistant", _text(values.get("reason"))))
    return "\n".join(lines)


async def note_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    note = await client.call(GET_NOTE, {"noteId": values["noteId"]})
    lead, name = await lead_label(client, note.leadId)
    return "\n".join([f"Delete note #{values['noteId']} on {lead}.", *name, labelled("note", "crm", note.content)])


async def task_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    task = await client.call(GET_TASK, {"taskId": values["taskId"]})
    name = " ".join(p for p in (task.leadFirstName, task.leadLastName) if p) or task.leadName or ""
    lead = f"lead #{task.leadId}" if task.leadId else "no lead"
    state = "done" if task.finishFlag else "open"
    lines = [f"Delete {state} task #{values['taskId']} on {lead}."]
    if task.leadId:
        lines.append(labelled("lead name", "crm", name))
    lines += [labelled("type", "crm", task.type), labelled("due", "crm", task.deadline)]
    lines.append(labelled("task", "crm", task.content))
    return "\n".join(lines)


async def log_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    entry = await client.call(GET_LOG, {"logTypeId": values["logTypeId"]})
    lead, name = await lead_label(client, entry.leadId)
    # The wire record may carry logType, which the published model lacks (kept as an extra field);
    # it names the kind only when it is one plain word.
    kind = str((entry.model_extra or {}).get("logType") or "").lower()
    kind = kind + " " if _WORD.fullmatch(kind) else ""
    lines = [f"Delete {kind}log #{values['logTypeId']} on {lead}.", *name]
    lines.append(labelled("logged at", "crm", entry.createTime))
    lines.append(labelled("log", "crm", _text(entry.content)))
    return "\n".join(lines)


async def webhook_delete_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    subscribe_id = values["subscribeId"]
    hooks = await client.call(LIST_WEBHOOKS)
    hook = next((h for h in hooks if h.subscribeId == subscribe_id), None)
    if hook is None:
        raise errors.NotFoundError(f"Webhook {subscribe_id} not found", status=404)
    return "\n".join(
        [
            f"Stop webhook #{subscribe_id}: it sends {describe_events(hook.listId)} to this callbackUrl.",
            labelled("callbackUrl", "crm", hook.callbackUrl, URL_LIMIT),
        ]
    )


async def broker_team_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    # The API has no way to read a broker team, so the id is all there is to show.
    return f"Remove broker team #{values['id']} from the broker account (Chime cannot show its details first)."


def webhook_preview(values: Mapping[str, Any], target: WebhookTarget) -> str:
    """What create_webhook would send where, from its checked target (no API read)."""
    addresses = ", ".join(visible(a) for a in target.addresses[:3])
    limit = values.get("limit") or 100
    list_id = values.get("listId")
    return "\n".join(
        [
            f"Send {describe_events(list_id if isinstance(list_id, int) else None)} out of the CRM, "
            f"up to {limit if isinstance(limit, int) else 100} per callback.",
            labelled("callbackUrl", "assistant", _text(values.get("callbackUrl")), URL_LIMIT),
            labelled("host", "target", target.host)
            + ("" if target.addresses == (target.host,) else f", resolves to {addresses}"),
        ]
    )


async def agenda_item_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    return await _calendar_entry(client, values["taskId"], f"agenda item #{values['taskId']}")


async def calendar_event_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    # The calendar reads no single event; its composite id ("123-task") names the agenda item 123.
    composite = str(values["calendarId"])
    number, _, kind = composite.partition("-")
    if not number.isdigit() or kind not in ("task", "appointment"):
        return "\n".join(
            ["Delete a calendar event (Chime cannot show its details first).", labelled("id", "assistant", composite)]
        )
    return await _calendar_entry(client, int(number), f"calendar event #{number} ({kind})")


async def _calendar_entry(client: ChimeClient, task_id: int, what: str) -> str:
    item = await client.call(agenda.GET_AGENDA_ITEM, {"taskId": task_id})
    name = " ".join(p for p in (item.leadFirstName, item.leadLastName) if p) or item.leadName or ""
    lead = f"lead #{item.leadId}" if item.leadId else "no lead"
    lines = [f"Delete {'done' if item.finishFlag else 'open'} {what} on {lead}."]
    if item.leadId:
        lines.append(labelled("lead name", "crm", name))
    lines += [labelled("type", "crm", item.type), labelled("starts", "crm", item.startAt)]
    lines.append(labelled("content", "crm", item.content))
    return "\n".join(lines)


PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (leads.DELETE_LEAD, lead_preview),
    (notes.DELETE_NOTE, note_preview),
    (tasks.DELETE_TASK, task_preview),
    (logs.DELETE_LOG, log_preview),
    (webhooks.DELETE_WEBHOOK, webhook_delete_preview),
    (admin.DELETE_BROKER_TEAM, broker_team_preview),
    *ORG_DESTROY_PREVIEWS,
    (calendar.DELETE_CALENDAR_EVENT, calendar_event_preview),
    (agenda.DELETE_AGENDA_ITEM, agenda_item_preview),
)
"""The preview of each operation read before it is confirmed. Pairs, not a dict: an
`Operation` is not hashable (it holds a dict), but compares by value."""


def preview_for(op: Operation[Any]) -> Preview:
    """The preview of `op`; KeyError for an operation that has none."""
    for known, preview in PREVIEWS:
        if known == op:
            return preview
    raise KeyError(f"no preview for {op.tool}: add one to services/previews.py PREVIEWS")


async def lead_label(client: ChimeClient, lead_id: int | None) -> tuple[str, list[str]]:
    """(`lead #123`, [its name line]), or no name line when there is no lead or it cannot be read."""
    if lead_id is None:
        return "no lead", []
    try:
        lead = await client.call(GET_LEAD, {"leadId": lead_id})
    except errors.ChimeError:
        return f"lead #{lead_id} (which cannot be read)", []
    return f"lead #{lead_id}", [labelled("lead name", "crm", _name(lead))]


def _name(lead: m.LeadResponse) -> str:
    return " ".join(p for p in (lead.firstName, lead.lastName) if p)


def _text(value: Any) -> str | None:
    """A value as text to show: the model may pass a non-text value where text is expected."""
    return None if value is None else str(value)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
