"""Toolset `admin`: broker teams (kept by the sandbox beside the demo state, in `store.broker_teams`)."""

from __future__ import annotations

from chime_mcp.chime.catalog import admin
from chime_mcp.chime.times import wire_time
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record


@handler(admin.CREATE_BROKER_TEAM)
def create_broker_team(call: Call) -> Record:
    sent = call.fields()
    if any(t["teamName"].lower() == sent["teamName"].lower() for t in call.store.broker_teams.values()):
        raise bad(f"teamName: a team named {sent['teamName']!r} already exists")
    team_id = call.store.new_id()
    call.store.broker_teams[team_id] = {**sent, "teamId": team_id, "createTime": wire_time(call.now)}
    call.store.touch("broker_teams")
    # The reference documents a bare string; the new team's id rides along so it can be deleted.
    return {"code": 0, "message": "success", "teamId": team_id}


@handler(admin.DELETE_BROKER_TEAM)
def delete_broker_team(call: Call) -> str:
    if call.store.broker_teams.pop(call.ident("id"), None) is None:
        raise missing("Broker team", call.ident("id"))
    call.store.touch("broker_teams")
    return "success"
