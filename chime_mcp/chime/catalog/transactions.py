"""Deals on leads, and the Brokermint sync."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id, Offset, lead_id
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

# -- beyond the reference, from the published document (issue 14) ----------------------------------

LIST_TRANSACTION_CUSTOM_FIELDS: Final = Operation(
    tool="list_transaction_custom_fields",
    method="GET",
    path="/v1.0/transaction/customfields",
    title="List transaction custom fields",
    description="Deal custom fields.",
    toolset="transactions",
    effect=Effect.READ,
    result=list[m.CustomFieldResponse],
)

SEARCH_TRANSACTIONS: Final = Operation(
    tool="search_transactions",
    method="GET",
    path="/v2.0/transactions",
    title="Search transactions",
    description="All leads' deals, by name or address.",
    toolset="transactions",
    effect=Effect.READ,
    result=m.TransactionV2PageResponse,
    params=(
        Param(name="queryKey", location="query", annotation=str),
        # The API's default is Purchase; a search across the team's deals means every type.
        Param(name="transactionType", location="query", annotation=m.TransactionTypeFilter, default="All"),
        Param(name="pageNum", location="query", annotation=Offset),
    ),
)

LIST_TRANSACTION_PIPELINES: Final = Operation(
    tool="list_transaction_pipelines",
    method="GET",
    path="/v2.0/transactions/pipelines",
    title="List transaction pipelines",
    description="Deal stages by type.",
    toolset="transactions",
    effect=Effect.READ,
    result=list[m.PipelineV2Item],
    unwrap=("pipelines",),
)

GET_PROPERTY_ADDRESS: Final = Operation(
    tool="get_property_address",
    method="GET",
    path="/v1.0/leads/{leadId}/transaction/{transactionId}/property/address",
    title="Get property address",
    description="A deal's property address.",
    toolset="transactions",
    effect=Effect.READ,
    result=m.LeadTransactionPropertyAddress,
    # The document bounds neither id (no minimum), unlike most.
    params=(
        Param(name="leadId", location="path", annotation=int, required=True),
        Param(name="transactionId", location="path", annotation=int, required=True),
    ),
)

UPDATE_PROPERTY_ADDRESS: Final = Operation(
    tool="update_property_address",
    method="POST",
    path="/v1.0/leads/{leadId}/transaction/property/address",
    title="Update property address",
    description="Change a deal's property address.",
    toolset="transactions",
    # The API replaces the whole address (a field left out becomes null): an overwrite, and the
    # fields not given are sent as the address holds them, read first (`kept`).
    effect=Effect.OVERWRITE,
    result=m.Ack,
    params=(Param(name="leadId", location="path", annotation=int, required=True),),
    body=Body(
        name="propertyAddress",
        model=m.PropertyAddressRequest,
        kept=("streetAddress", "unit", "city", "state", "zipCode", "county", "label"),
        tool_hidden=("county", "label"),
    ),
)
