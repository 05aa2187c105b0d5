"""Toolset `team`: the credential's user, members, the organization, lead ponds, custom fields, tags,
vendors."""

from __future__ import annotations

import re
from typing import Any, Final

from chime_mcp.chime.catalog import team
from chime_mcp.sandbox.handlers.codes import bad, missing
from chime_mcp.sandbox.handlers.records import me, member_by_email, member_of, metadata_page
from chime_mcp.sandbox.handlers.registry import Call, handler
from chime_mcp.sandbox.store import Record

CUSTOM_FIELD_TYPES: Final = frozenset(
    {"number", "text", "date", "anniversary_date", "single_select", "multi_select", "percentage", "currency"}
)

# -- members ----------------------------------------------------------------------------------


@handler(team.GET_ME)
def get_me(call: Call) -> Record:
    return me(call)


@handler(team.LIST_MEMBERS)
def list_members(call: Call) -> Record:
    members = list(call.st.members.values())
    return metadata_page("members", members, call.integer("offset") or 0, call.integer_or_default("limit"))


@handler(team.GET_MEMBER)
def get_member(call: Call) -> Record:
    return member_by_email(call, call.text("account"))


@handler(team.GET_USER)
def get_user(call: Call) -> Record:
    return member_of(call, call.integer("userId"))


@handler(team.UPDATE_USER)
def update_user(call: Call) -> str:
    member = member_of(call, call.integer("userId"))
    sent = call.fields()
    if "agentInfo" in sent:
        member["agentInfo"] = {**(member.get("agentInfo") or {}), **sent.pop("agentInfo")}
    member.update(sent)
    if member.get("firstName"):
        member["firstLetter"] = member["firstName"][0]
    call.store.touch("members")
    return "ok"


@handler(team.GET_ORGANIZATION)
def get_organization(call: Call) -> Record:
    return call.st.org


# -- team features ----------------------------------------------------------------------------


@handler(team.GET_LEAD_POND)
def get_lead_pond(call: Call) -> Record:
    pond = call.st.lead_ponds.get(call.ident("id"))
    if pond is None:
        raise missing("Lead pond", call.ident("id"))
    return pond


@handler(team.LIST_LEAD_PONDS)
def list_lead_ponds(call: Call) -> list[Record]:
    return list(call.st.lead_ponds.values())


def _check_custom_field(call: Call, name: str, kind: str) -> None:
    if not name:
        raise bad("attributeName: must not be blank")
    if kind not in CUSTOM_FIELD_TYPES:
        raise bad(f"attributeType: must be one of {', '.join(sorted(CUSTOM_FIELD_TYPES))}")
    if any(f["attributeName"].lower() == name.lower() for f in call.st.custom_fields):
        raise bad(f"attributeName: a custom field named {name!r} already exists")


@handler(team.CREATE_CUSTOM_FIELD)
def create_custom_field(call: Call) -> str:
    sent = call.fields()
    if "value" not in sent:  # the document requires it, as the live API does; "" for a team field
        raise bad("value: is required (send an empty string when defining a team field)")
    name = sent["attributeName"].strip()
    _check_custom_field(call, name, sent["attributeType"])
    field = {"attributeName": name, "attributeType": sent["attributeType"], "value": None, "params": sent.get("params")}
    call.st.custom_fields.append(field)
    call.store.touch("custom_fields")
    return "success"


@handler(team.LIST_CUSTOM_FIELDS)
def list_custom_fields(call: Call) -> list[Record]:
    return call.st.custom_fields


@handler(team.LIST_TAGS)
def list_tags(call: Call) -> list[Record]:
    return list(call.st.tags.values())


# -- lead pipelines ---------------------------------------------------------------------------


@handler(team.LIST_LEAD_PIPELINES)
def list_lead_pipelines(call: Call) -> Record:
    """The stages leads use (the sandbox's stage ids), filtered by a name part, zero-based pages."""
    part = (call.text("name") or "").lower()
    stages = [{"id": ident, "name": name} for name, ident in call.st.stage_ids.items() if part in name.lower()]
    size = call.integer_or_default("pageSize")
    offset = (call.integer("currPage") or 0) * size
    return metadata_page("pipelines", stages, offset, size)


# -- vendors ------------------------------------------------------------------------------------


@handler(team.LIST_VENDORS)
def list_vendors(call: Call) -> list[Record]:
    """The team's directory: every member, numbered in the order they joined."""
    return [_vendor(index, member) for index, member in enumerate(call.st.members.values(), start=1)]


def _vendor(index: int, member: Record) -> Record:
    info: dict[str, Any] = member.get("agentInfo") or {}
    return {
        "id": index,
        "agentUserId": member["id"],
        "firstName": member.get("firstName"),
        "lastName": member.get("lastName"),
        "phoneNumber": re.sub(r"\D", "", member.get("phoneNumber") or ""),
        "phoneCode": "1",
        "phoneCountry": "US",
        "email": member.get("email") or "",
        "roleName": member.get("roleName"),
        "companyName": info.get("companyName") or "",
        "companyAddress": info.get("companyAddress") or "",
    }
