"""A lead's system logs (SystemLogResponse): created, assigned (agent or pond), lender assigned,
stage changes and note edits. Times are ISO-8601 with milliseconds and an offset."""

from __future__ import annotations

from chime_mcp.sandbox.demo.builder import Builder, full_name
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY
from chime_mcp.sandbox.system_log_types import LOG_TYPES

Party = tuple[int, int, str | None, str | None]
"""(id, type, first name, last name) of a log's from/to side. Types: 1 member, 2 lead, 3 stage,
5 lender, 6 pond; 0 nobody."""

_NOBODY: Party = (0, 0, None, None)


def _member(member: Record, party_type: int = 1) -> Party:
    return (member["id"], party_type, member["firstName"], member["lastName"])


def build_system_logs(b: Builder, info: LeadInfo) -> None:
    lead_party: Party = (info.lead_id, 2, info.first, info.last)
    lead_name = f"{info.first} {info.last}"
    _add(b, info, info.created, "NewLead", 0, _NOBODY, lead_party, {"source": info.source, "leadName": lead_name})
    _assignment(b, info)
    _lender(b, info)
    _stage_changes(b, info)
    for note_id, ts, author, text in info.edited_notes:
        content = {"noteId": note_id, "content": text}
        _add(b, info, ts, "EditNote", author["id"], _member(author), lead_party, content, ref=note_id)


def _assignment(b: Builder, info: LeadInfo) -> None:
    agent, pond = info.agent, info.pond
    if agent is not None:
        content = {"assigneeName": full_name(agent), "reason": "Lead routing"}
        _add(b, info, info.assign_time, "AssignAgent", 0, _NOBODY, _member(agent), content)
    elif pond is not None:
        to: Party = (pond["id"], 6, pond["pondName"], None)
        _add(b, info, info.assign_time, "MoveToLeadPond", 0, _NOBODY, to, {"pondName": pond["pondName"]})


def _lender(b: Builder, info: LeadInfo) -> None:
    lender = info.lender
    if lender is None:
        return
    when = b.between(info.created + DAY, info.milestones[-1][1] if info.milestones else info.last_ts)
    admin = b.admin
    content = {"assigneeName": full_name(lender)}
    _add(b, info, when, "AssignLender", admin["id"], _member(admin), _member(lender, 5), content)


def _stage_changes(b: Builder, info: LeadInfo) -> None:
    stage_ids = b.state.stage_ids
    previous = "New"
    actor = info.agent or info.worker
    for stage_name, ts in info.milestones:
        _add(
            b,
            info,
            ts,
            "TeamStageChange",
            actor["id"],
            (stage_ids[previous], 3, None, None),
            (stage_ids[stage_name], 3, None, None),
            {"fromStageName": previous, "toStageName": stage_name},
        )
        info.bump(ts)
        previous = stage_name


def _add(
    b: Builder,
    info: LeadInfo,
    ts: int,
    desc: str,
    agent_id: int,
    party_from: Party,
    party_to: Party,
    content: Record,
    ref: int = 0,
) -> None:
    log_id = b.nid()
    when = b.iso(min(ts, b.now - 1), b.rr(1000))  # milliseconds must not pass "now"
    b.state.system_logs[log_id] = {
        "id": str(log_id),
        "leadId": info.lead_id,
        "leadFullName": f"{info.first} {info.last}",
        "agentId": agent_id,
        "timelineType": LOG_TYPES[desc],
        "timelineTypeDesc": desc,
        "timelineTime": when,
        "createTime": when,
        "updateTime": when,
        "fromId": party_from[0],
        "fromType": party_from[1],
        "toId": party_to[0],
        "toType": party_to[1],
        "fromFirstName": party_from[2],
        "fromLastName": party_from[3],
        "toFirstName": party_to[2],
        "toLastName": party_to[3],
        "refId": ref,
        "sticky": False,
        "canSticky": False,
        "content": content,
    }
