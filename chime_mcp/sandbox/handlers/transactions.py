"""Toolset `transactions`: a lead's transactions, the two Brokermint sync callbacks, and (v2) the
search across leads, the pipelines, the custom field definitions and a property address.

Both callbacks answer a business failure as HTTP 200 with a non-zero code, as the live API does.
The fields a caller may not set come from the catalog (`catalog.transactions.TRANSACTION_READ_ONLY`).
"""

from __future__ import annotations

import re
from typing import Any, Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import transactions
from chime_mcp.chime.catalog.transactions import TRANSACTION_READ_ONLY
from chime_mcp.chime.times import epoch_ms, iso_to_epoch_ms
from chime_mcp.sandbox.handlers.codes import (
    LEAD_NOT_EXIST,
    RESOURCE_NOT_EXIST,
    TRANSACTION_NAME_INVALID,
    TRANSACTION_NOT_EXIST,
    SandboxError,
    bad,
    missing,
)
from chime_mcp.sandbox.handlers.records import (
    for_lead,
    full_name,
    lead_of,
    member_of,
    member_or_none,
    public,
    touched,
)
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.handlers.system_log import system_log
from chime_mcp.sandbox.store import Record

READ_ONLY: Final = frozenset(TRANSACTION_READ_ONLY)
"""Transaction fields the server sets; whatever a caller sends for them is ignored."""

_SUCCESS: Final[Record] = {"code": 0, "message": "success"}


# -- transactions -----------------------------------------------------------------------------


def _check_transaction_name(name: str | None) -> None:
    if name is not None and not name.strip():
        raise bad("TRANSACTION_NAME_BLANK: transactionName must not be blank", TRANSACTION_NAME_INVALID)
    if name is not None and re.search(r"[<>]", name):
        raise bad("TRANSACTION_NAME_HTML: transactionName must not contain < or >", TRANSACTION_NAME_INVALID)


def _writable(sent: Record) -> Record:
    return {k: v for k, v in sent.items() if k not in READ_ONLY}


def new_transaction(call: Call, lead: Record, sent: Record) -> Record:
    """Create a transaction of the lead from a LeadTransaction body (also nested in a lead body)."""
    _check_transaction_name(sent.get("transactionName"))
    tx_id = call.store.new_id()
    record = _writable(sent)
    record.update(
        transactionId=tx_id,
        created=epoch_ms(call.now),
        updated=epoch_ms(call.now),
        leadName=full_name(lead),
        assignedAgent=lead.get("assignedUserId"),
        leadId=lead["leadId"],
    )
    record.setdefault("customFields", [])
    call.st.transactions[tx_id] = record
    call.store.touch("transactions")
    system_log(call, lead, "AddTransaction", {"transactionName": record.get("transactionName")}, ref=tx_id)
    return record


def _transaction_of(call: Call) -> tuple[Record, Record]:
    lead = lead_of(call, call.integer("leadId"))
    record = call.st.transactions.get(call.ident("transactionId"))
    if record is None or record.get("leadId") != lead["leadId"]:
        raise SandboxError(
            404,
            f"TRANSACTION_NOT_EXIST: transaction {call.ident('transactionId')} of lead {lead['leadId']} does not exist",
            TRANSACTION_NOT_EXIST,
        )
    return lead, record


@handler(transactions.CREATE_TRANSACTION)
def create_transaction(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    record = new_transaction(call, lead, call.fields())
    touched(call, lead)
    return public("transactions", record)


@handler(transactions.GET_TRANSACTION)
def get_transaction(call: Call) -> Record:
    return public("transactions", _transaction_of(call)[1])


@handler(transactions.UPDATE_TRANSACTION)
def update_transaction(call: Call) -> Record:
    lead, record = _transaction_of(call)
    sent = call.fields()
    _check_transaction_name(sent.get("transactionName"))
    record.update(_writable(sent))
    record["updated"] = epoch_ms(call.now)
    call.store.touch("transactions")
    system_log(call, lead, "UpdateTransaction", {"fields": sorted(sent)}, ref=record["transactionId"])
    touched(call, lead)
    return public("transactions", record)


@handler(transactions.LIST_TRANSACTIONS)
def list_transactions(call: Call) -> list[Record]:
    lead = lead_of(call, call.integer("leadId"))
    records = sorted(for_lead(call.st.transactions.values(), lead["leadId"]), key=lambda r: -(r.get("created") or 0))
    return [public("transactions", r) for r in records]


# -- Brokermint -------------------------------------------------------------------------------

_CONTACT_FIELDS: Final = (
    ("firstName", "firstName"),
    ("lastName", "lastName"),
    ("address", "streetAddress"),
    ("city", "city"),
    ("state", "state"),
    ("zip", "zipCode"),
)
"""Brokermint contact field -> lead field."""

_TRANSACTION_TEXT: Final = (("status", "transactionStatus"), ("transactionType", "transactionType"))
"""Brokermint transaction text field -> transaction field, copied when not empty."""

_TRANSACTION_DATES: Final = (
    ("closedAt", "closeDate"),
    ("closingDate", "expectedCloseDate"),
    ("expirationDate", "expiration"),
)
"""Brokermint transaction date field -> transaction field in epoch ms, copied when given."""


def _lead_by_email(call: Call, email: str) -> Record | None:
    """The first live lead with this email (lowercase); None for no email."""
    for lead_id, lead in call.st.leads.items():
        if lead_id not in call.store.trash and email and email in (e.lower() for e in lead.get("emails") or []):
            return lead
    return None


@handler(transactions.SYNC_BROKERMINT_LEAD)
def sync_brokermint_lead(call: Call) -> Record:
    contact = call.fields()
    lead = _lead_by_email(call, (contact.get("email") or "").lower())
    if lead is None:
        return {"code": LEAD_NOT_EXIST, "message": "LEAD_NOT_EXIST: no lead is linked to this Brokermint contact"}
    for source, target in _CONTACT_FIELDS:
        if contact.get(source):
            lead[target] = contact[source]
    if contact.get("phone") and contact["phone"] not in (lead.get("phones") or []):
        lead["phones"] = [*(lead.get("phones") or []), contact["phone"]]
    touched(call, lead)
    return dict(_SUCCESS)


def _epoch_ms(value: Any) -> int | None:
    """An ISO-8601 text (what the document takes), as epoch ms."""
    if isinstance(value, str):
        try:
            return iso_to_epoch_ms(value)
        except ValueError:
            raise bad(f"Not an ISO-8601 date-time: {value!r}") from None
    return None


@handler(transactions.SYNC_BROKERMINT_TRANSACTION)
def sync_brokermint_transaction(call: Call) -> Record:
    update = call.fields()
    record = call.st.transactions.get(update["id"])
    if record is None:
        return {"code": TRANSACTION_NOT_EXIST, "message": "TRANSACTION_NOT_EXIST"}
    if update.get("agentId") is not None:
        record["assignedAgent"] = member_of(call, update["agentId"])["id"]
    if update.get("price") is not None:
        record["homePrice"] = float(update["price"])
    for source, target in _TRANSACTION_TEXT:
        if update.get(source):
            record[target] = update[source]
    for source, target in _TRANSACTION_DATES:
        if update.get(source) is not None:
            record[target] = _epoch_ms(update[source])
    record["updated"] = epoch_ms(call.now)
    call.store.touch("transactions")
    return dict(_SUCCESS)


# -- beyond the reference (issue 14): the v2 search, pipelines, custom fields, property address ----

TRANSACTION_CUSTOM_FIELDS: Final[tuple[Record, ...]] = (
    {"id": 1001, "name": "Closing Attorney", "type": "TEXT", "params": None},
    {"id": 1002, "name": "Earnest Money", "type": "CURRENCY", "params": None},
    {"id": 1003, "name": "Option Period Ends", "type": "DATE", "params": None},
    {
        "id": 1004,
        "name": "Financing",
        "type": "Single-Select",
        "params": '[{"label":"Conventional","value":"1"},{"label":"FHA","value":"2"},'
        '{"label":"VA","value":"3"},{"label":"Cash","value":"4"}]',
    },
)
"""The team's transaction custom field definitions (the ids a transaction's customFields take)."""

PIPELINES: Final[dict[str, tuple[str, ...]]] = {
    "Purchase": ("Pre-contract", "Under Contract", "Closed", "Cancelled"),
    "Listing": ("Pre-listing", "Active", "Under Contract", "Closed", "Cancelled"),
    "Lease": ("Application", "Lease Signed", "Closed", "Cancelled"),
    "Other": ("Open", "Closed", "Cancelled"),
}
"""The team's transaction stages per type, in pipeline order (the first is the default); they hold
the statuses the demo transactions are in."""
_STAGE_IDS: Final = 88001
_V2_PAGE_SIZE: Final = 20
"""The v2 search's page size (the API's default; the catalog leaves `pageSize` out)."""
_ADDRESS_FIELDS: Final = ("unit", "label", "state", "city", "zipCode", "streetAddress", "county")


@handler(transactions.LIST_TRANSACTION_CUSTOM_FIELDS)
def list_transaction_custom_fields(call: Call) -> list[Record]:
    return [dict(field) for field in TRANSACTION_CUSTOM_FIELDS]


@handler(transactions.LIST_TRANSACTION_PIPELINES)
def list_transaction_pipelines(call: Call) -> Record:
    pipelines, stage_id = [], _STAGE_IDS
    for kind, stages in PIPELINES.items():
        items = []
        for index, name in enumerate(stages):
            items.append({"id": stage_id, "name": name, "default": index == 0})
            stage_id += 1
        pipelines.append({"transactionType": kind, "stages": items})
    return call.wrap(pipelines)


def _address_text(address: Record | None) -> str:
    """The address as a transaction is named after it: "street unit, city"."""
    if not address:
        return ""
    street = " ".join(str(part) for part in (address.get("streetAddress"), address.get("unit")) if part)
    return ", ".join(part for part in (street, address.get("city") or "") if part)


def _matches(record: Record, key: str) -> bool:
    words = (record.get("transactionName"), _address_text(record.get("propertyAddress")), record.get("leadName"))
    return any(key in str(word or "").lower() for word in words)


_V2_FIELDS: Final = frozenset(m.TransactionV2Item.model_fields)


def _v2_item(call: Call, record: Record) -> Record:
    """A transaction as the v2 search gives it: its summary fields and the agent's name."""
    item = {key: value for key, value in record.items() if key in _V2_FIELDS}
    agent = member_or_none(call, record.get("assignedAgent"))
    item["agentName"] = full_name(agent) if agent else None
    return item


@handler(transactions.SEARCH_TRANSACTIONS)
def search_transactions(call: Call) -> Record:
    kind = (call.text("transactionType") or "Purchase").lower()
    key = (call.text("queryKey") or "").strip().lower()[:15]  # the API matches the first 15 characters
    found = [
        r
        for r in call.st.transactions.values()
        if (kind == "all" or str(r.get("transactionType") or "").lower() == kind)
        and r.get("leadId") not in call.store.trash
        and (not key or _matches(r, key))
    ]
    found.sort(key=lambda r: (-(r.get("updated") or 0), -r["transactionId"]))
    number = call.integer("pageNum") or 0
    chunk = found[number * _V2_PAGE_SIZE : (number + 1) * _V2_PAGE_SIZE]
    return {
        "pageNum": number,
        "pageSize": _V2_PAGE_SIZE,
        "totalCount": len(found),
        "pageData": [_v2_item(call, r) for r in chunk],
    }


@handler(transactions.GET_PROPERTY_ADDRESS)
def get_property_address(call: Call) -> Record:
    _, record = _transaction_of(call)
    address = record.get("propertyAddress")
    if not address:
        raise missing("Property address of transaction", record["transactionId"], RESOURCE_NOT_EXIST)
    return {"transactionId": record["transactionId"], **address}


@handler(transactions.UPDATE_PROPERTY_ADDRESS)
def update_property_address(call: Call) -> Record:
    lead = lead_of(call, call.integer("leadId"))
    sent = call.fields()
    record = call.st.transactions.get(sent["transactionId"])
    if record is None or record.get("leadId") != lead["leadId"]:
        raise SandboxError(
            404,
            f"TRANSACTION_NOT_EXIST: transaction {sent['transactionId']} of lead {lead['leadId']} does not exist",
            TRANSACTION_NOT_EXIST,
        )
    before = record.get("propertyAddress")
    # A full replacement, as documented: every field left out becomes null.
    address = {name: sent.get(name) for name in _ADDRESS_FIELDS}
    record["propertyAddress"] = address
    if record.get("transactionName") == _address_text(before) and _address_text(address):
        record["transactionName"] = _address_text(address)  # a deal named after its address follows it
    record["updated"] = epoch_ms(call.now)
    call.store.touch("transactions")
    system_log(call, lead, "UpdateTransaction", {"fields": ["propertyAddress"]}, ref=record["transactionId"])
    touched(call, lead)
    return dict(_SUCCESS)
