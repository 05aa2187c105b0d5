"""Result shapes the live API returns beyond the reference's 53 definitions.

The reference documents many writes as returning a bare string; the published API returns
small id envelopes (`{"leadId": n}`, `{"noteId": n}`, `{"taskId": n}`) or acknowledgements
(`"ok"`, `"success"`, `{"code": 0, "message": "success"}`, `{"deleted": true}`). These models
give those answers one typed shape each.
"""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, ConfigDict, Field, model_validator

from chime_mcp.chime.models.system import SystemLogResponse
from chime_mcp.chime.models.tolerant import TolerantRead


class WireResult(TolerantRead):
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


class Ack(WireResult):
    """An acknowledgement: the API took the request. Bare strings become `message`."""

    message: str | None = None
    code: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_bare(cls, data: Any) -> Any:
        if data is None:
            return {}
        if isinstance(data, str | int | bool):
            return {"message": str(data)}
        return data


class LeadId(WireResult):
    leadId: int | None = Field(default=None, description="None when the answer carried no id")


class NoteId(WireResult):
    noteId: int | None = Field(default=None, description="None when the answer carried no id")


class TaskId(WireResult):
    taskId: int | None = Field(default=None, description="None when the answer carried no id")


class SystemLogPage(WireResult):
    """A page of system logs; the reference documents a bare array, the live API wraps it."""

    hasMore: int | None = Field(default=None, description="1 when a later page exists")
    timeLines: list[SystemLogResponse] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_bare_list(cls, data: Any) -> Any:
        if isinstance(data, list):
            return {"timeLines": data}
        if isinstance(data, dict) and data.get("timeLines", ()) is None:
            return {**data, "timeLines": []}  # the document lets it be null: no entries
        return data


class ListingMetaData(WireResult):
    """A listing page's totals and cursors."""

    activeTotal: int | None = None
    collection: str | None = None
    limit: int | None = None
    nextPageKey: str | None = Field(default=None, description="Pass back for the next page of active listings")
    soldNextPageKey: str | None = Field(default=None, description="Pass back for the next page of sold listings")
    soldTotal: int | None = None
    total: int | None = None


class ListingPage(WireResult):
    """Listing search: active and sold listings, each a listing-hub payload."""

    listIng: dict[str, Any] | None = None
    soldListing: dict[str, Any] | None = None
    listingMetadata: ListingMetaData | None = Field(
        default=None,
        validation_alias=AliasChoices("_listingMetadata", "get_listingMetadata", "listingMetadata"),
        serialization_alias="_listingMetadata",
    )
