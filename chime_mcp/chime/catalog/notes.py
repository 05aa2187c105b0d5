"""Notes on leads."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

ADD_NOTE: Final = Operation(
    tool="add_note",
    method="POST",
    path="/v1.0/notes",
    title="Add note",
    description="Add a note to a lead.",
    toolset="notes",
    effect=Effect.WRITE,
    result=m.NoteId,
    body=Body(name="leadNote", model=m.NoteRequest),
)

LIST_NOTES: Final = Operation(
    tool="list_notes",
    method="GET",
    path="/v1.0/notes",
    title="List notes",
    description="A lead's notes, paged by limit and offset.",
    toolset="notes",
    effect=Effect.READ,
    result=list[m.NoteResponse],
    params=(
        Param(name="includeSystemNote", location="query", annotation=bool, description="Include system notes"),
        lead_id(),
    ),
    unwrap=("notes",),
    # The API sends every note of the lead in one answer (hundreds for an old lead).
    pages_here=20,
)

GET_NOTE: Final = Operation(
    tool="get_note",
    method="GET",
    path="/v1.0/notes/{noteId}",
    title="Get note",
    description="One note.",
    toolset="notes",
    effect=Effect.READ,
    result=m.NoteResponse,
    params=(Param(name="noteId", location="path", annotation=Id, required=True),),
    unwrap=("note",),
)

UPDATE_NOTE: Final = Operation(
    tool="update_note",
    method="PUT",
    path="/v1.0/notes/{noteId}",
    title="Update note",
    description="Replace a note's content.",
    toolset="notes",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(Param(name="noteId", location="path", annotation=Id, required=True),),
    # A note PUT without isPin unpins it (the model defaults it to false): keep the pin as it is.
    body=Body(name="leadNote", model=m.NoteRequest, kept=("isPin",)),
)

DELETE_NOTE: Final = Operation(
    tool="delete_note",
    method="DELETE",
    path="/v1.0/notes/{noteId}",
    title="Delete note",
    description="Delete a note.",
    toolset="notes",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(Param(name="noteId", location="path", annotation=Id, required=True),),
)
