"""Toolset `notes`: a lead's notes. Editing and deleting one is recorded in the system logs."""

from __future__ import annotations

from chime_mcp.chime.catalog import notes
from chime_mcp.chime.limits import NOTE_CONTENT_LIMIT
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.records import for_lead, full_name, lead_of, me, touched
from chime_mcp.sandbox.handlers.registry import EMPTY, Call, Empty, handler
from chime_mcp.sandbox.handlers.system_log import system_log
from chime_mcp.sandbox.store import Record


def _note_of(call: Call) -> tuple[Record, Record]:
    note = call.st.notes.get(call.ident("noteId"))
    if note is None:
        raise missing("Note", call.ident("noteId"))
    return lead_of(call, note["leadId"]), note


def _content(sent: Record) -> str:
    content: str = sent["content"]
    if not content.strip():
        raise bad("content: must not be blank")
    return content[:NOTE_CONTENT_LIMIT]


def _log_change(call: Call, lead: Record, desc: str, note: Record) -> None:
    system_log(call, lead, desc, {"noteId": note["noteId"], "content": note["content"]}, ref=note["noteId"])


@handler(notes.ADD_NOTE)
def add_note(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    content = _content(sent)
    author = me(call)
    note_id = call.store.new_id()
    stamp = wire_time(call.now)
    call.st.notes[note_id] = {
        "id": call.store.new_id(),  # the timeline entry carrying the note, as on the live API
        "noteId": note_id,
        "creatorId": author["id"],
        "leadId": lead["leadId"],
        "createTime": stamp,
        "deleteFlag": False,
        "content": content,
        "lastUpdate": stamp,
        "lastEditorId": author["id"],
        "creatorName": full_name(author),
        "lastEditorName": full_name(author),
        "isPin": bool(sent.get("isPin")),
        "systemNote": False,
    }
    call.store.touch("notes")
    touched(call, lead)
    return {"noteId": note_id}


@handler(notes.LIST_NOTES)
def list_notes(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    with_system = call.flag("includeSystemNote")
    notes = [n for n in for_lead(call.st.notes.values(), lead["leadId"]) if with_system or not n.get("systemNote")]
    notes.sort(key=lambda n: (bool(n.get("isPin")), n.get("createTime") or ""), reverse=True)
    return call.wrap(notes)


@handler(notes.GET_NOTE)
def get_note(call: Call) -> Record:
    return call.wrap(_note_of(call)[1])


@handler(notes.UPDATE_NOTE)
def update_note(call: Call) -> Empty:
    lead, note = _note_of(call)
    sent = call.fields()
    if sent.get("leadId") is not None and sent["leadId"] != note["leadId"]:
        raise bad("INVALID_UPDATE_OPERATION_LEADID: leadId does not match the note's lead")
    content = _content(sent)
    editor = me(call)
    note.update(
        content=content,
        isPin=bool(sent.get("isPin")),
        lastUpdate=wire_time(call.now),
        lastEditorId=editor["id"],
        lastEditorName=full_name(editor),
    )
    call.store.touch("notes")
    _log_change(call, lead, "EditNote", note)
    touched(call, lead)
    return EMPTY


@handler(notes.DELETE_NOTE)
def delete_note(call: Call) -> Empty:
    lead, note = _note_of(call)
    del call.st.notes[note["noteId"]]
    call.store.touch("notes")
    _log_change(call, lead, "DeleteNote", note)
    touched(call, lead)
    return EMPTY
