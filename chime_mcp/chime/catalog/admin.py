"""Broker administration: teams under a broker account."""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.catalog._params import Id
from chime_mcp.chime.operation import Body, Effect, Operation, Param

CREATE_BROKER_TEAM: Final = Operation(
    tool="create_broker_team",
    method="POST",
    path="/v1.0/broker/team",
    title="Create broker team",
    description="Create a team under the broker account.",
    toolset="admin",
    effect=Effect.WRITE,
    result=m.Ack,
    body=Body(name="brokerTeam", model=m.BrokerTeam),
)

DELETE_BROKER_TEAM: Final = Operation(
    tool="delete_broker_team",
    method="DELETE",
    path="/v1.0/broker/team/{id}",
    title="Delete broker team",
    description="Remove a team from the broker account.",
    toolset="admin",
    effect=Effect.DESTROY,
    result=m.Ack,
    params=(Param(name="id", location="path", annotation=Id, required=True),),
)
