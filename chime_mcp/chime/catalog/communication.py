"""Communication history: dialer calls and call, email and text history."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import HistoryLimit, Id, Offset, history_page, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

SEARCH_CALLS: Final = Operation(
    tool="search_calls",
    method="GET",
    path="/v1.0/calls",
    title="Search calls",
    description="A lead's dialer call records.",
    toolset="communication",
    effect=Effect.READ,
    result=m.CallListResponse,
    params=(
        Param(
            name="leadId",
            location="query",
            annotation=Id,
            required=True,
            deviation="Optional in the reference; the published API requires it.",
        ),
        Param(name="limit", location="query", annotation=HistoryLimit, default=25),
        Param(name="offset", location="query", annotation=Offset),
    ),
    pagination="offset",
)

GET_CALL: Final = Operation(
    tool="get_call",
    method="GET",
    path="/v1.0/calls/{callId}",
    title="Get call",
    description="One dialer call record.",
    toolset="communication",
    effect=Effect.READ,
    result=m.CallResponse,
    params=(Param(name="callId", location="path", annotation=Id, required=True),),
    unwrap=("calls", "call"),
)

LIST_CALL_HISTORY: Final = Operation(
    tool="list_call_history",
    method="GET",
    path="/v1.0/communication/call",
    title="List call history",
    description="A lead's phone call history.",
    toolset="communication",
    effect=Effect.READ,
    result=list[m.CallResponse],
    params=(lead_id(), *history_page()),
    unwrap=("calls",),
    pagination="offset",
)

LIST_EMAIL_HISTORY: Final = Operation(
    tool="list_email_history",
    method="GET",
    path="/v1.0/communication/email",
    title="List email history",
    description="A lead's email history.",
    toolset="communication",
    effect=Effect.READ,
    result=list[m.EmailResponse],
    params=(lead_id(), *history_page()),
    unwrap=("emails",),
    pagination="offset",
)

LIST_TEXT_HISTORY: Final = Operation(
    tool="list_text_history",
    method="GET",
    path="/v1.0/communication/text",
    title="List text history",
    description="A lead's text message history.",
    toolset="communication",
    effect=Effect.READ,
    result=list[m.TextResponse],
    params=(lead_id(), *history_page()),
    unwrap=("texts",),
    pagination="offset",
)


# -- beyond the reference, from the published document (issue 14) ----------------------------------

GET_CALL_RECORDING_URL: Final = Operation(
    tool="get_call_recording_url",
    method="GET",
    path="/v1.0/call/url/{callId}",
    title="Get call recording URL",
    description="A call's recording link.",
    toolset="communication",
    effect=Effect.READ,
    result=m.CallRecordingUrl,
    params=(Param(name="callId", location="path", annotation=Id, required=True),),
    unwrap=("calls",),
)

LIST_CALLS: Final = Operation(
    tool="list_calls",
    method="GET",
    path="/v1.0/communication/call/v2",
    title="List calls",
    description="A lead's calls, logged too.",
    toolset="communication",
    effect=Effect.READ,
    result=list[m.CallHistory],
    # One page of up to 1,000 calls holds any lead's calls: no offset or currentId (optional in
    # the document, left out to keep the tool small).
    params=(lead_id(), Param(name="limit", location="query", annotation=HistoryLimit)),
    unwrap=("calls",),
)

LIST_AGENT_COMMUNICATIONS: Final = Operation(
    tool="list_agent_communications",
    method="GET",
    path="/v2.0/communication/agent",
    title="List agent communications",
    description="Your or the team's calls, texts, emails (90 days max).",
    toolset="communication",
    effect=Effect.READ,
    result=m.CommunicationCursorPage,
    params=(
        Param(name="startTime", location="query", annotation=m.CommunicationTime, required=True),
        Param(name="endTime", location="query", annotation=m.CommunicationTime, required=True),
        Param(name="cursor", location="query", annotation=str),
        Param(name="teamView", location="query", annotation=bool),
    ),
)

SEARCH_AGENT_COMMUNICATIONS: Final = Operation(
    tool="search_agent_communications",
    method="POST",
    path="/v1.0/agent/communication",
    title="Search agent communications",
    description="Your calls, texts and emails within 24 hours.",
    toolset="communication",
    # A read sent as POST: offered in read-only mode and retried as safe.
    effect=Effect.READ,
    result=m.PageResult,
    # The tool keeps to the model defaults: all three kinds (each row names its kind), one page of
    # up to 1,000 (a day fits), your own (the team's: list_agent_communications, teamView).
    body=Body(
        name="communicationRequest",
        model=m.CommunicationRequest,
        tool_hidden=("type", "offset", "limit", "teamView"),
    ),
)


def _communication_id() -> Param:
    return Param(name="communicationId", location="path", annotation=Id, required=True)


GET_CALL_RECORD: Final = Operation(
    tool="get_call_record",
    method="GET",
    path="/v2.0/communication/call/{communicationId}",
    title="Get call record",
    description="One call, dialed or logged.",
    toolset="communication",
    effect=Effect.READ,
    result=m.CallResponse,
    params=(_communication_id(),),
)

GET_EMAIL: Final = Operation(
    tool="get_email",
    method="GET",
    path="/v2.0/communication/email/{communicationId}",
    title="Get email",
    description="One email.",
    toolset="communication",
    effect=Effect.READ,
    result=m.EmailResponse,
    params=(_communication_id(),),
)

GET_TEXT: Final = Operation(
    tool="get_text",
    method="GET",
    path="/v2.0/communication/text/{communicationId}",
    title="Get text",
    description="One text.",
    toolset="communication",
    effect=Effect.READ,
    result=m.TextResponse,
    params=(_communication_id(),),
)
