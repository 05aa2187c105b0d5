"""Calendar events and v2 tasks: the tasks and appointments of leads, from the published document.

Typed from its schemas: `CalendarItemV2` and its pages, `CalendarRequestV2`, `CalendarUpdateRequestV2`,
`CalendarCreateResult`, the available meeting slots; `TaskResponseV2`, `TaskRequestV2`,
`UpdateTaskRequestV2` and their envelopes. A calendar id is the composite string the API gives
(`"12345-task"`, `"12345-appointment"`), passed back as it is; a v2 task id is the number in it.
Times are ISO 8601 with an offset on the wire: an offset the caller wrote is kept (an appointment
from local midnight to midnight is all-day), epoch milliseconds become UTC.
"""

from typing import Annotated, Literal

from pydantic import Field

from chime_mcp.chime.models.base import TIME_SCHEMA, AssignedRole, RequestModel, ResponseModel
from chime_mcp.chime.times import OffsetIsoTime

CalendarTime = Annotated[int | str, OffsetIsoTime(), TIME_SCHEMA]
"""A calendar time argument: ISO 8601 (its offset kept) or epoch ms, sent as ISO 8601."""
CalendarType = Literal["TASK", "APPOINTMENT"]
TaskWay = Literal["Call", "Email", "Text", "Other"]
TaskV2Type = Literal["Other", "Call", "Email", "Text", "Appointment"]


# -- calendar ------------------------------------------------------------------------------------


class CalendarItemV2(ResponseModel):
    id: str | None = Field(default=None, description="Pass back as it is, e.g. 12345-task")
    type: str | None = Field(default=None, description="TASK or APPOINTMENT")
    taskId: int | None = Field(default=None, description="The number the agenda item tools take")
    sourceType: int | None = None
    content: str | None = None
    title: str | None = None
    finished: bool | None = None
    startAt: str | None = None
    endAt: str | None = None
    startAtMs: int | None = None
    endAtMs: int | None = None
    timeZoneCode: str | None = None
    leadId: int | None = None


class CalendarListResponseV2(ResponseModel):
    total: int | None = None
    page: int | None = None
    pageSize: int | None = None
    items: list[CalendarItemV2] | None = None


class CalendarRequestV2(RequestModel):
    type: CalendarType
    content: str
    leadId: int
    startAt: CalendarTime
    endAt: CalendarTime
    startAtMs: int | None = None
    endAtMs: int | None = None
    timeZoneCode: str
    taskWay: TaskWay | None = Field(default=None, description="Needed for a TASK")
    assignedRole: AssignedRole | None = None
    address: str | None = None


class CalendarCreateResult(ResponseModel):
    id: str | None = Field(default=None, description="Pass back as it is, e.g. 12345-task")
    type: str | None = None
    message: str | None = None


class CreateCalendarResponseEnvelope(ResponseModel):
    data: CalendarCreateResult | None = None


class CalendarUpdateRequestV2(RequestModel):
    content: str | None = None
    startAt: CalendarTime | None = None
    endAt: CalendarTime | None = None
    startAtMs: int | None = None
    endAtMs: int | None = None
    timeZoneCode: str | None = None
    reminderType: str | None = None
    reminderTime: str | None = None
    leadId: int | None = None
    address: str | None = None


class AvailableMeetingSlotV2(ResponseModel):
    startTime: str | None = None
    endTime: str | None = None
    startTimeMs: int | None = None
    endTimeMs: int | None = None


class AvailableMeetingsResponseV2(ResponseModel):
    total: int | None = None
    slots: list[AvailableMeetingSlotV2] | None = None


# -- v2 tasks ------------------------------------------------------------------------------------


class TaskResponseV2(ResponseModel):
    id: int | None = None
    leadId: int | None = None
    creatorId: int | None = None
    content: str | None = None
    type: str | None = Field(default=None, description="Other, Call, Email, Text or Appointment")
    startAt: str | None = None
    endAt: str | None = None
    timeZoneCode: str | None = None
    allDay: bool | None = None
    finishFlag: bool | None = None
    overdueFlag: bool | None = None
    finishTime: str | None = None
    createTime: str | None = None
    lastUpdate: str | None = None
    leadName: str | None = None
    leadEmail: str | None = None
    leadPhone: str | None = None
    leadFirstName: str | None = None
    leadLastName: str | None = None
    reminderType: int | None = None
    assignedRole: str | None = None
    assignedUser: str | None = None
    teamId: int | None = None
    subject: str | None = None
    body: str | None = None
    assignedUserId: int | None = None
    pipelineId: int | None = None
    queryInfo: str | None = None
    leadUserId: int | None = None
    queryId: int | None = None
    address: str | None = None


class TaskRequestV2(RequestModel):
    # The document requires only `type`; its notes say content, assignedRole, leadId and endAt are too.
    type: TaskV2Type
    content: str
    leadId: int
    assignedRole: AssignedRole
    startAt: CalendarTime | None = None
    endAt: CalendarTime = Field(description="Due, or an appointment's end")
    timeZoneCode: str | None = None
    address: str | None = None


class UpdateTaskRequestV2(RequestModel):
    content: str | None = None
    startAt: CalendarTime | None = None
    endAt: CalendarTime | None = None
    timeZoneCode: str | None = None
    address: str | None = None


class TaskV2Id(ResponseModel):
    """`TaskV2IdResponse`: the new task's or appointment's id."""

    taskId: int | None = Field(default=None, description="None when the answer carried no id")
