"""Intelligent features: call summaries, call scripts, lead analysis and meeting insight.

Typed from the published document (`GenerateCallSummaryRequest`, `CallSummaryResponse`,
`GenerateCallScriptRequest`, `CallScriptResponse`, `CreateLeadAnalysisRequest`,
`GeneratePrepareInsightRequest`, `MessageResponse`); lead analysis and insight answer the common
`{code, message, data}` envelope (`ApiCommonResponse`), whose `data` the document leaves open.
"""

from typing import Annotated, Any

from pydantic import Field

from chime_mcp.chime.models.base import RequestModel, ResponseModel


class GenerateCallSummaryRequest(RequestModel):
    callRecordId: int
    leadId: int


class Status(ResponseModel):
    code: int | None = Field(default=None, description="0 means success")
    msg: str | None = None


class Keyword(ResponseModel):
    content: str | None = None
    type: str | None = Field(default=None, description="leadName, propertyLocation, apptTime, ...")
    params: list[dict[str, Any]] | None = None


class RecordingSummary(ResponseModel):
    id: int | None = None
    recordingId: int | None = None
    status: int | None = Field(default=None, description="0 pending, 1 processing, 2 finished, 3 failed")
    userId: int | None = None
    text: str | None = Field(default=None, description="Transcript")
    summary: str | None = None
    keywords: list[Keyword] | None = None
    score: int | None = Field(default=None, description="Call quality score")
    comment: str | None = None


class CallSummaryResponse(ResponseModel):
    status: Status | None = None
    data: RecordingSummary | None = None


class GenerateCallScriptRequest(RequestModel):
    leadId: int
    taskId: int


class KeyTalkingPoint(ResponseModel):
    title: str | None = None
    value: list[str] | None = None


class CallScriptResponse(ResponseModel):
    context: str | None = None
    objectiveSuggestion: list[str] | None = None
    keyTalkingPoints: list[KeyTalkingPoint] | None = None


class CreateLeadAnalysisRequest(RequestModel):
    leadIds: Annotated[list[int], Field(min_length=1)]


class GeneratePrepareInsightRequest(RequestModel):
    leadId: int
    appointmentId: int
