"""Intelligent features: call summaries, call scripts, lead analysis and pre-meeting insight.

The published document gives these endpoints lower rate limits of their own (429 "Too many
requests") without a number; each is held to AI_PER_MINUTE calls a minute (`per_minute`),
which the client's rate budget enforces before sending.
"""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.operation import Body, Effect, Operation, Param

AI_PER_MINUTE: Final = 10
"""Calls a minute per AI endpoint: the document says only that the limits are lower."""

GENERATE_CALL_SUMMARY: Final = Operation(
    tool="generate_call_summary",
    method="POST",
    path="/v2.0/ai/call-summary/generate",
    title="Generate call summary",
    description="Start an AI summary of a recorded call.",
    toolset="ai",
    # Starts an asynchronous job: a write, never sent twice.
    effect=Effect.WRITE,
    result=m.MessageResponse,
    body=Body(name="request", model=m.GenerateCallSummaryRequest),
    per_minute=AI_PER_MINUTE,
)

GET_CALL_SUMMARY: Final = Operation(
    tool="get_call_summary",
    method="GET",
    path="/v2.0/ai/call-summary",
    title="Get call summary",
    description="A call's AI summary and transcript.",
    toolset="ai",
    effect=Effect.READ,
    result=m.CallSummaryResponse,
    params=(Param(name="callRecordId", location="query", annotation=int, required=True),),
    per_minute=AI_PER_MINUTE,
)

GENERATE_CALL_SCRIPT: Final = Operation(
    tool="generate_call_script",
    method="POST",
    path="/v2.0/ai/call-script",
    title="Generate call script",
    description="Talking points for a call task.",
    toolset="ai",
    # A read sent as POST: generates text, stores nothing.
    effect=Effect.READ,
    result=m.CallScriptResponse,
    body=Body(name="request", model=m.GenerateCallScriptRequest),
    per_minute=AI_PER_MINUTE,
)

CREATE_LEAD_ANALYSIS: Final = Operation(
    tool="create_lead_analysis",
    method="POST",
    path="/v2.0/ai/lead-analysis",
    title="Create lead analysis",
    description="Start an AI analysis of leads.",
    toolset="ai",
    effect=Effect.WRITE,
    result=m.ApiCommonResponse,
    body=Body(name="request", model=m.CreateLeadAnalysisRequest),
    per_minute=AI_PER_MINUTE,
)

LIST_LEAD_ANALYSES: Final = Operation(
    tool="list_lead_analyses",
    method="GET",
    path="/v2.0/ai/lead-analysis",
    title="List lead analyses",
    description="Your running AI lead analyses.",
    toolset="ai",
    effect=Effect.READ,
    result=m.ApiCommonResponse,
    params=(Param(name="pageSize", location="query", annotation=int, default=10),),
    per_minute=AI_PER_MINUTE,
)

PREPARE_MEETING_INSIGHT: Final = Operation(
    tool="prepare_meeting_insight",
    method="POST",
    path="/v2.0/ai/prepare-insight",
    title="Prepare meeting insight",
    description="An AI briefing before an appointment.",
    toolset="ai",
    # A read sent as POST: generates text, stores nothing.
    effect=Effect.READ,
    result=m.ApiCommonResponse,
    body=Body(name="request", model=m.GeneratePrepareInsightRequest),
    per_minute=AI_PER_MINUTE,
)
