"""Brokermint sync: contacts and transactions pushed from Brokermint."""

from typing import Annotated

from pydantic import Field

from chime_mcp.chime.models.base import (
    TIME_SCHEMA,
    BrokermintStatus,
    RequestModel,
    TransactionTypeName,
)
from chime_mcp.chime.times import IsoTime


# Comments, not docstrings: a class docstring would land in every tool schema.
# The reference documents java.sql.Timestamp as an object; the OpenAPI document, and so
# IncomingTransaction, takes ISO-8601 strings instead: kept as the reference's definition only.
class Timestamp(RequestModel):
    date: int | None = None
    day: int | None = None
    hours: int | None = None
    minutes: int | None = None
    month: int | None = None
    nanos: int | None = None
    seconds: int | None = None
    time: int | None = None
    timezoneOffset: int | None = None
    year: int | None = None


class Contacts(RequestModel):
    address: str | None = None
    bmPrivate: bool | None = Field(default=None, description="Private in Brokermint")
    city: str | None = None
    contactType: str | None = None
    email: str | None = None
    externalId: str | None = Field(default=None, description="Brokermint contact ID")
    firstName: str | None = None
    lastName: str | None = None
    leadSource: str | None = None
    phone: str | None = None
    state: str | None = None
    zip: str | None = None


BrokermintTime = Annotated[str | int | None, IsoTime(), TIME_SCHEMA]
"""Brokermint's dates: any of TIME_FORMS from a model, sent as ISO 8601 in UTC (the API rejects
most other forms)."""


# wire: the reference types the four dates as Timestamp (java.sql.Timestamp as an object);
# the OpenAPI document takes ISO-8601 date-time strings, and only those are sent.
class IncomingTransaction(RequestModel):
    acceptanceDate: BrokermintTime = Field(default=None, description="Ignored")
    address: str | None = None
    agentId: int | None = Field(default=None, description="New owner's user ID")
    agentName: str | None = Field(default=None, description="Ignored")
    city: str | None = None
    closedAt: BrokermintTime = Field(default=None, description="Actual close")
    closingDate: BrokermintTime = Field(default=None, description="Expected close")
    expirationDate: BrokermintTime = None
    # wire: optional in the reference, required in the OpenAPI document.
    id: int = Field(description="Transaction to update")
    price: float | None = Field(default=None, description="Home price")
    representing: str | None = Field(default=None, description="Ignored")
    state: str | None = None
    status: BrokermintStatus | None = None
    transactionType: TransactionTypeName | None = None
    zip: str | None = None
