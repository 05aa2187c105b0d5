"""Notes, tasks and appointments."""

from typing import Annotated

from pydantic import Field

from chime_mcp.chime.limits import NOTE_CONTENT_LIMIT, TextLimit
from chime_mcp.chime.models.base import (
    _UTC,
    TIME_SCHEMA,
    AssignedRole,
    RequestModel,
    ResponseModel,
    TaskType,
)
from chime_mcp.chime.times import EpochMillis

NOTE_TEXT = TextLimit(NOTE_CONTENT_LIMIT, "notes", "split it into two notes")


class NoteRequest(RequestModel):
    content: Annotated[str, NOTE_TEXT] = Field(description=f"At most {NOTE_CONTENT_LIMIT:,} characters")
    # wire: optional in the reference; the live API rejects a null isPin, so it defaults to false.
    isPin: bool = False
    leadId: int


class NoteResponse(ResponseModel):
    content: str | None = None
    createTime: str | None = Field(default=None, description=_UTC)
    creatorId: int | None = None
    creatorName: str | None = None
    deleteFlag: bool | None = None
    id: int | None = Field(default=None, description="The timeline entry; use noteId for the note")
    isPin: bool | None = None
    lastEditorId: int | None = None
    lastEditorName: str | None = None
    lastUpdate: str | None = Field(default=None, description=_UTC)
    leadId: int | None = None
    systemNote: bool | None = Field(default=None, description="System-generated")
    # wire: beyond the reference; the published API reads and edits notes by noteId, not id.
    noteId: int | None = Field(default=None, description="For get_note, update_note, delete_note")


class TaskRequest(RequestModel):
    assignedRole: AssignedRole
    content: str = Field(description="What to do")
    deadline: Annotated[int | str, EpochMillis(), TIME_SCHEMA] = Field(description="When it is due")
    leadId: int
    type: TaskType
    # wire: beyond the reference; the published API completes a task with it.
    finishFlag: bool | None = Field(default=None, description="True to mark it done")


class TaskResponse(ResponseModel):
    assignedRole: str | None = Field(default=None, description="Agent or Assistant")
    assignedUser: str | None = Field(default=None, description="Assignee's name")
    assignedUserId: int | None = None
    body: str | None = Field(default=None, description="Email tasks only")
    content: str | None = None
    createTime: str | None = Field(default=None, description=_UTC)
    creatorId: int | None = None
    deadline: str | None = Field(default=None, description=_UTC)
    deleteFlag: bool | None = None
    finishFlag: bool | None = None
    finishTime: str | None = Field(default=None, description=_UTC + "; empty if open")
    id: int | None = None
    lastUpdate: str | None = Field(default=None, description=_UTC)
    leadEmail: str | None = None
    leadFirstName: str | None = None
    leadId: int | None = None
    leadLastName: str | None = None
    leadName: str | None = None
    leadPhone: str | None = None
    leadUserId: int | None = None
    overdueFlag: bool | None = None
    pipelineId: int | None = None
    queryId: int | None = Field(default=None, description="Smart plan query ID")
    queryInfo: str | None = None
    reminderType: int | None = None
    subject: str | None = Field(default=None, description="Email tasks only")
    teamId: int | None = None
    type: str | None = Field(default=None, description="Other, Call, Email or Text")


class Appointment(ResponseModel):
    address: str | None = None
    allDay: bool | None = None
    assignRoleType: int | None = Field(default=None, description="Assignee's role code")
    assignToUid: int | None = Field(default=None, description="Assignee's user ID")
    createTime: str | None = None
    creatorId: int | None = None
    deadline: int | None = Field(default=None, description="Start time, epoch ms")
    deleteFlag: bool | None = None
    descr: str | None = Field(default=None, description="Description")
    endTime: int | None = None
    finishFlag: bool | None = None
    finishTime: int | None = None
    id: int | None = None
    lastUpdate: str | None = None
    leadId: int | None = None
    overdue: bool | None = None
