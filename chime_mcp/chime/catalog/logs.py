"""Logged calls, emails and texts made outside Chime (the system log is in `sync`)."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, history_page, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param, Variant

_EMAIL_ONLY: Final = ("emailSubject", "fromEmail", "toEmail")
"""Body fields the document says only a logged email uses."""

LOG_COMMUNICATION: Final = Operation(
    tool="log_communication",
    method="POST",
    path="/v1.0/logType",
    title="Log communication",
    description="Log a call, email or text made outside Chime.",
    toolset="logs",
    effect=Effect.WRITE,
    result=m.LogTypeResponse,
    body=Body(name="request", model=m.LogTypeRequest),
    unwrap=("logType",),
    variants=(
        Variant(
            tool="log_call",
            title="Log call",
            description="Log a phone call made outside Chime.",
            fixed={"logType": "logCall"},
            hidden=_EMAIL_ONLY,
        ),
        Variant(
            tool="log_email",
            title="Log email",
            description="Log an email sent outside Chime.",
            fixed={"logType": "logEmail"},
            hidden=("callingOutcome", "leadPhoneNumber"),
        ),
        Variant(
            tool="log_text",
            title="Log text",
            description="Log a text sent outside Chime.",
            fixed={"logType": "logText"},
            hidden=("callingOutcome", *_EMAIL_ONLY),
        ),
    ),
)

LIST_LOGS: Final = Operation(
    tool="list_logs",
    method="GET",
    path="/v1.0/logType",
    title="List logs",
    description="A lead's logged calls, emails or texts.",
    toolset="logs",
    effect=Effect.READ,
    result=list[m.LogTypeResponse],
    params=(
        lead_id(),
        Param(name="logType", location="query", annotation=m.LogTypeName, required=True),
        *history_page(),
    ),
    unwrap=("logType",),
    pagination="offset",
)

GET_LOG: Final = Operation(
    tool="get_log",
    method="GET",
    path="/v1.0/logType/{logTypeId}",
    title="Get log",
    description="One logged call, email or text.",
    toolset="logs",
    effect=Effect.READ,
    result=m.LogTypeResponse,
    params=(Param(name="logTypeId", location="path", annotation=Id, required=True),),
    unwrap=("logType",),
)

DELETE_LOG: Final = Operation(
    tool="delete_log",
    method="DELETE",
    path="/v1.0/logType/{logTypeId}",
    title="Delete log",
    description="Delete a logged call, email or text.",
    toolset="logs",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(Param(name="logTypeId", location="path", annotation=Id, required=True),),
)
