"""System logs: the lead's system timeline."""

from typing import Any

from pydantic import Field

from chime_mcp.chime.models.base import (
    _PARTY_TYPE,
    ResponseModel,
)


class SystemLogResponse(ResponseModel):
    agentId: int | None = Field(default=None, description="0 for system events")
    canSticky: bool | None = Field(default=None, description="Can be pinned")
    # wire: a string in the reference, a JSON object in the OpenAPI document.
    content: str | dict[str, Any] | None = Field(default=None, description="Event payload (JSON)")
    # wire: the three times and id are integers in the reference; the OpenAPI document
    # sends ISO-8601 strings and a string id.
    createTime: int | str | None = Field(default=None, description="ISO-8601")
    fromFirstName: str | None = None
    fromId: int | None = None
    fromLastName: str | None = None
    fromType: int | None = Field(default=None, description=_PARTY_TYPE)
    id: int | str | None = None
    leadFullName: str | None = None
    leadId: int | None = None
    # wire: refId and timelineTypeDesc are beyond the reference; the published API sends them.
    refId: int | None = Field(default=None, description="Record the event refers to; 0 or -1 if none")
    sticky: bool | None = Field(default=None, description="Pinned")
    timelineTime: int | str | None = Field(default=None, description="When it happened, ISO-8601")
    timelineType: int | None = Field(default=None, description="Event code, e.g. 38 stage change")
    timelineTypeDesc: str | None = Field(default=None, description="Event name, e.g. TeamStageChange")
    toFirstName: str | None = None
    toId: int | None = None
    toLastName: str | None = None
    toType: int | None = Field(default=None, description=_PARTY_TYPE)
    updateTime: int | str | None = Field(default=None, description="ISO-8601")
