"""Parameter types and builders that several toolsets' operations share."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from chime_mcp.chime.models.base import TIME_SCHEMA
from chime_mcp.chime.operation import Location, Param
from chime_mcp.chime.times import EpochMillis, SearchTime

LeadLimit = Annotated[int, Field(ge=1, le=100)]
HistoryLimit = Annotated[int, Field(ge=1, le=1000)]
Offset = Annotated[int, Field(ge=0)]
Id = Annotated[int, Field(ge=1)]


def lead_id(location: Location = "query") -> Param:
    return Param(name="leadId", location=location, annotation=Id, required=True)


def history_page() -> tuple[Param, ...]:
    return (
        Param(name="limit", location="query", annotation=HistoryLimit, required=True, default=10),
        Param(name="offset", location="query", annotation=Offset, required=True, default=0),
    )


SystemLogTime = Annotated[int | str, EpochMillis(unset=-1), TIME_SCHEMA]
"""A bound of the system timeline: epoch milliseconds on the wire, -1 for none."""

SearchSince = Annotated[str | int, SearchTime(), TIME_SCHEMA]
"""The lead searches' time: `yyyy-MM-dd HH:mm:ss` in UTC-7 on the wire, any of TIME_FORMS here."""
