"""Communication history: dialer calls and call, email and text history."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import HistoryLimit, Id, Offset, history_page, lead_id
from chime_mcp.chime.operation import Effect, Operation, Param

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
