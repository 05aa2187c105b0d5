"""What a confirmed call would affect, read from the API and worded for the person who says yes.

"Move lead #123 Bob Li (bob@example.com, stage Active, 4 notes, 2 open tasks) to trash": the
safety gate (server/safety) shows these before any delete or webhook. A preview that cannot be
read raises the ChimeError (the gate says so and does nothing). `PREVIEWS` is keyed by the
catalog operation; every operation that destroys has one (tests/services/test_previews.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import admin, leads, logs, notes, tasks, webhooks
from chime_mcp.chime.catalog.leads import GET_LEAD
from chime_mcp.chime.catalog.logs import GET_LOG
from chime_mcp.chime.catalog.notes import GET_NOTE, LIST_NOTES
from chime_mcp.chime.catalog.tasks import GET_TASK, LIST_TASKS
from chime_mcp.chime.catalog.webhooks import LIST_WEBHOOKS
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.webhook_events import describe_events
from chime_mcp.services.webhook_targets import WebhookTarget

Preview = Callable[[ChimeClient, Mapping[str, Any]], Awaitable[str]]
"""(client, the call's arguments) -> what the call would do."""

"""Previewed by `webhook_preview`, from its checked callback target rather than a read."""


async def lead_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    lead_id = values["leadId"]
    lead = await client.call(GET_LEAD, {"leadId": lead_id})
    notes = await client.call(LIST_NOTES, {"leadId": lead_id})
    tasks = await client.call(LIST_TASKS, {"leadId": lead_id})
    open_tasks = sum(1 for t in tasks if not t.finishFlag)
    facts = [*(lead.emails or [])[:1], f"stage {lead.stage or 'none'}", _count(len(notes), "note")]
    facts.append(_count(open_tasks, "open task"))
    return (
        f"Move lead #{lead_id} {_name(lead)} ({', '.join(facts)}) to trash, reason: {values.get('reason') or '(none)'}"
    )


async def note_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    note = await client.call(GET_NOTE, {"noteId": values["noteId"]})
    lead = await lead_label(client, note.leadId)
    return f'Delete note #{values["noteId"]} on {lead}: "{first_words(note.content)}"'


async def task_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    task = await client.call(GET_TASK, {"taskId": values["taskId"]})
    name = " ".join(p for p in (task.leadFirstName, task.leadLastName) if p) or task.leadName or ""
    lead = f"lead #{task.leadId} {name}".rstrip() if task.leadId else "no lead"
    state = "done" if task.finishFlag else "open"
    facts = ", ".join(p for p in (task.type, f"due {task.deadline}" if task.deadline else "", state) if p)
    return f'Delete task #{values["taskId"]} ({facts}) on {lead}: "{first_words(task.content)}"'


async def log_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    entry = await client.call(GET_LOG, {"logTypeId": values["logTypeId"]})
    lead = await lead_label(client, entry.leadId)
    # The wire record may carry logType, which the published model lacks (kept as an extra field).
    kind = str((entry.model_extra or {}).get("logType") or "").lower()
    when = f" of {entry.createTime}" if entry.createTime else ""
    content = entry.content
    said = f': "{first_words(str(content))}"' if content else ""
    return f"Delete {kind} log #{values['logTypeId']}{when} on {lead}{said}".replace("  ", " ")


async def webhook_delete_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    subscribe_id = values["subscribeId"]
    hooks = await client.call(LIST_WEBHOOKS)
    hook = next((h for h in hooks if h.subscribeId == subscribe_id), None)
    if hook is None:
        raise errors.NotFoundError(f"Webhook {subscribe_id} not found", status=404)
    return f"Stop webhook #{subscribe_id}: {describe_events(hook.listId)} sent to {hook.callbackUrl}"


async def broker_team_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    # The API has no way to read a broker team, so the id is all there is to show.
    return f"Remove broker team #{values['id']} from the broker account (Chime cannot show its details first)"


def webhook_preview(values: Mapping[str, Any], target: WebhookTarget) -> str:
    """What create_webhook would send where, from its checked target (no API read)."""
    addresses = ", ".join(target.addresses[:3])
    limit = values.get("limit") or 100
    return (
        f"Send {describe_events(values.get('listId'))} out of the CRM to {target.url} "
        f"({target.host} = {addresses}), up to {limit} per callback"
    )


PREVIEWS: tuple[tuple[Operation[Any], Preview], ...] = (
    (leads.DELETE_LEAD, lead_preview),
    (notes.DELETE_NOTE, note_preview),
    (tasks.DELETE_TASK, task_preview),
    (logs.DELETE_LOG, log_preview),
    (webhooks.DELETE_WEBHOOK, webhook_delete_preview),
    (admin.DELETE_BROKER_TEAM, broker_team_preview),
)
"""The preview of each operation read before it is confirmed. Pairs, not a dict: an
`Operation` is not hashable (it holds a dict), but compares by value."""


def preview_for(op: Operation[Any]) -> Preview:
    """The preview of `op`; KeyError for an operation that has none."""
    for known, preview in PREVIEWS:
        if known == op:
            return preview
    raise KeyError(f"no preview for {op.tool}: add one to services/previews.py PREVIEWS")


async def lead_label(client: ChimeClient, lead_id: int | None) -> str:
    """`lead #123 Bob Li`, or just the id when the lead cannot be read."""
    if lead_id is None:
        return "no lead"
    try:
        lead = await client.call(GET_LEAD, {"leadId": lead_id})
    except errors.ChimeError:
        return f"lead #{lead_id}"
    return f"lead #{lead_id} {_name(lead)}"


def first_words(text: str | None, limit: int = 80) -> str:
    """The start of `text` on one line, cut at a word within `limit` characters."""
    words = " ".join((text or "").split())
    return words if len(words) <= limit else words[: limit - 3].rsplit(" ", 1)[0] + "..."


def _name(lead: m.LeadResponse) -> str:
    return " ".join(p for p in (lead.firstName, lead.lastName) if p) or "(no name)"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
