"""Toolset `logs`: manual call, email and text logs of a lead.

A log record keeps its kind ("Call", "Email", "Text") under `logType`, stripped before serving;
the API names the kinds logCall, logEmail and logText (`LOG_KINDS`).
"""

from __future__ import annotations

from typing import Final

from chime_mcp.chime.catalog import logs
from chime_mcp.chime.limits import LOG_CONTENT_LIMIT
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import missing
from chime_mcp.sandbox.handlers.records import (
    desc_by,
    for_lead,
    lead_of,
    me,
    page,
    public,
    touched,
)
from chime_mcp.sandbox.handlers.registry import EMPTY, Call, Empty, handler
from chime_mcp.sandbox.store import Record

LOG_KINDS: Final[dict[str, str]] = {"logCall": "Call", "logEmail": "Email", "logText": "Text"}
"""The API's logType names -> the kind stored on a log record (as the demo data stores it)."""


def _log_of(call: Call) -> Record:
    record = call.st.logs.get(call.ident("logTypeId"))
    if record is None:
        raise missing("Log", call.ident("logTypeId"))
    return record


def _new_log(call: Call, lead: Record, sent: Record) -> Record:
    kind = LOG_KINDS[sent["logType"]]
    author = me(call)
    return {
        "id": call.store.new_id(),
        "leadId": lead["leadId"],
        "leadPhoneNumber": sent.get("leadPhoneNumber") if kind == "Call" else None,
        "callingOutcome": sent.get("callingOutcome") if kind == "Call" else None,
        "content": sent["content"][:LOG_CONTENT_LIMIT],
        "createTime": wire_time(call.now),
        "outboundOrInbound": sent.get("outboundOrInbound") or "outbound",
        "isPin": bool(sent.get("isPin")),
        "agentId": author["id"],
        "emailSubject": sent.get("emailSubject") if kind == "Email" else None,
        "toEmail": (sent.get("toEmail") or (lead.get("emails") or [None])[0]) if kind == "Email" else None,
        "fromEmail": (sent.get("fromEmail") or author.get("email")) if kind == "Email" else None,
        "logType": kind,
    }


@handler(logs.LOG_COMMUNICATION)
def log_communication(call: Call) -> Record:
    sent = call.fields()
    lead = lead_of(call, sent["leadId"])
    record = _new_log(call, lead, sent)
    call.st.logs[record["id"]] = record
    call.store.touch("logs")
    lead["lastTouch"] = wire_time(call.now)
    touched(call, lead)
    return call.wrap(public("logs", record))


@handler(logs.LIST_LOGS)
def list_logs(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    kind = LOG_KINDS[call.text("logType") or ""]
    records = [r for r in for_lead(call.st.logs.values(), lead["leadId"]) if r.get("logType") == kind]
    newest_first = desc_by(records, "createTime")
    return call.wrap([public("logs", r) for r in page(newest_first, call.integer("offset"), call.integer("limit"))])


@handler(logs.GET_LOG)
def get_log(call: Call) -> Record:
    return call.wrap(public("logs", _log_of(call)))


@handler(logs.DELETE_LOG)
def delete_log(call: Call) -> Empty:
    record = _log_of(call)
    del call.st.logs[record["id"]]
    call.store.touch("logs")
    return EMPTY
