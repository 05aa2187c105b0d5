"""Toolset `communication`: dialer calls and the call, email and text histories of a lead."""

from __future__ import annotations

from chime_mcp.chime.catalog import communication
from chime_mcp.sandbox.handlers.codes import LEAD_NOT_EXIST, SandboxError, missing
from chime_mcp.sandbox.handlers.records import desc_by, for_lead, lead_of, metadata_page, page
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record


@handler(communication.SEARCH_CALLS)
def search_calls(call: Call) -> Record:
    # The live API requires leadId here (404 LEAD_NOT_FOUND without it), although the
    # reference and the catalog make it optional.
    if call.integer("leadId") is None:
        raise SandboxError(404, "leadId is required: LEAD_NOT_FOUND", LEAD_NOT_EXIST)
    lead = lead_of(call, call.integer("leadId"))
    calls = desc_by(for_lead(call.st.calls.values(), lead["leadId"]), "startTime")
    return metadata_page("calls", calls, call.integer("offset") or 0, call.integer_or_default("limit"))


@handler(communication.GET_CALL)
def get_call(call: Call) -> Record:
    record = call.st.calls.get(call.ident("callId"))
    if record is None:
        raise missing("Call", call.ident("callId"))
    return call.wrap(record)


def _history(call: Call, records: dict[int, Record], time_key: str) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    newest_first = desc_by(for_lead(records.values(), lead["leadId"]), time_key)
    return call.wrap(page(newest_first, call.integer("offset"), call.integer("limit")))


@handler(communication.LIST_CALL_HISTORY)
def list_call_history(call: Call) -> Record:
    return _history(call, call.st.calls, "startTime")


@handler(communication.LIST_EMAIL_HISTORY)
def list_email_history(call: Call) -> Record:
    return _history(call, call.st.emails, "emailEventTime")


@handler(communication.LIST_TEXT_HISTORY)
def list_text_history(call: Call) -> Record:
    return _history(call, call.st.texts, "textTime")
