"""Deals on leads, and the Brokermint sync."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, lead_id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

TRANSACTION_READ_ONLY: Final = ("created", "updated", "transactionId", "leadName", "assignedAgent")
"""Transaction fields the server sets; create_transaction and update_transaction do not offer them."""


SYNC_BROKERMINT_LEAD: Final = Operation(
    tool="sync_brokermint_lead",
    method="PUT",
    path="/v1.0/brokermint/lead",
    title="Sync Brokermint contact",
    description="Update a lead from a Brokermint contact.",
    toolset="transactions",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    body=Body(name="contacts", model=m.Contacts),
    omitted={
        "leadId": "The reference documents leadId as a path parameter, but the path has no "
        "placeholder and the published API takes none: the contact's externalId identifies it.",
    },
)

SYNC_BROKERMINT_TRANSACTION: Final = Operation(
    tool="sync_brokermint_transaction",
    method="PUT",
    path="/v1.0/brokermint/transaction",
    title="Sync Brokermint transaction",
    description="Update a lead's transaction from Brokermint.",
    toolset="transactions",
    effect=Effect.OVERWRITE,
    result=m.Ack,
    body=Body(name="incomingTransaction", model=m.IncomingTransaction),
)

CREATE_TRANSACTION: Final = Operation(
    tool="create_transaction",
    method="POST",
    path="/v1.0/leads/{leadId}/transaction",
    title="Create transaction",
    description="Add a deal to a lead.",
    toolset="transactions",
    effect=Effect.WRITE,
    result=m.LeadTransaction,
    params=(lead_id(location="path"),),
    body=Body(name="leadTransaction", model=m.LeadTransaction, tool_hidden=TRANSACTION_READ_ONLY),
)

GET_TRANSACTION: Final = Operation(
    tool="get_transaction",
    method="GET",
    path="/v1.0/leads/{leadId}/transaction/{transactionId}",
    title="Get transaction",
    description="One deal of a lead.",
    toolset="transactions",
    effect=Effect.READ,
    result=m.LeadTransaction,
    params=(lead_id(location="path"), Param(name="transactionId", location="path", annotation=Id, required=True)),
)

UPDATE_TRANSACTION: Final = Operation(
    tool="update_transaction",
    method="PUT",
    path="/v1.0/leads/{leadId}/transaction/{transactionId}",
    title="Update transaction",
    description="Change a deal of a lead.",
    toolset="transactions",
    effect=Effect.OVERWRITE,
    result=m.LeadTransaction,
    params=(lead_id(location="path"), Param(name="transactionId", location="path", annotation=Id, required=True)),
    body=Body(name="leadTransaction", model=m.LeadTransaction, tool_hidden=TRANSACTION_READ_ONLY),
)

LIST_TRANSACTIONS: Final = Operation(
    tool="list_transactions",
    method="GET",
    path="/v1.0/leads/{leadId}/transactions",
    title="List transactions",
    description="A lead's deals.",
    toolset="transactions",
    effect=Effect.READ,
    result=list[m.LeadTransaction],
    params=(lead_id(location="path"),),
)
