"""A transaction (LeadTransaction) for each lead under contract or closed. Dates are epoch
milliseconds at 17:00 UTC."""

from __future__ import annotations

from chime_mcp.sandbox.demo.builder import Builder, full_name
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.state import Record
from chime_mcp.sandbox.demo.times import DAY, HOUR
from chime_mcp.sandbox.demo.vocabulary import Area

_TEAM_NAME = "Harbor & Pine Realty"


def build_transaction(b: Builder, info: LeadInfo, properties: list[Record]) -> None:
    """The lead's purchase, or its listing when it sells and does not buy."""
    now = b.now
    closed = info.stage == "Closed"
    listing_side = info.seller and not info.buyer
    when = dict(info.milestones)
    contract = when["Under Contract"]
    close = when["Closed"] if closed else max(contract + b.ri(25, 45) * DAY, now + 5 * DAY)
    offer = contract - b.ri(1, 4) * DAY
    price = info.price_k * 1000 + b.rr(-20, 40) * 1000
    rate = b.pick((2.5, 2.5, 3.0, 3.0, 2.75))
    gci = round(price * rate / 100, 2)
    team = round(gci * 0.3, 2)
    agent_id = info.agent["id"] if info.agent else b.admin["id"]
    address = _address(properties[0]) if listing_side and properties else _address_in(b.street(), info.place.want)
    name = f"{address['streetAddress']}, {address['city']}"
    tx_id = b.nid()
    b.state.transactions[tx_id] = {
        "created": offer * 1000,
        "updated": (min(close, now) if closed else b.between(contract, now)) * 1000,
        "transactionId": tx_id,
        "transactionName": name,
        "leadName": f"{info.first} {info.last}",
        "assignedAgent": agent_id,
        "transactionType": "Listing" if listing_side else "Purchase",
        "homePrice": float(price),
        "transactionStatus": "Closed" if closed else "Under Contract",
        "expectedCloseDate": _ms(close),
        "closeDate": _ms(close) if closed else None,
        "commissionRate": rate,
        "gci": gci,
        "teamRevenue": team,
        "agentRevenue": round(gci - team, 2),
        **_dates(b, offer, contract),
        "expiration": None,
        "customFields": [],
        "commissions": _commissions(b, agent_id),
        "leadId": info.lead_id,
        "propertyAddress": address,
    }


def _address(prop: Record) -> Record:
    """A transaction's property address (LeadTransactionPropertyAddress, without its id) from a
    property of the lead."""
    keys = ("streetAddress", "city", "state", "zipCode", "county")
    return {"unit": None, "label": None, **{key: prop.get(key) for key in keys}}


def _address_in(street: str, area: Area) -> Record:
    city, state, county, zips = area
    return _address({"streetAddress": street, "city": city, "state": state, "zipCode": zips[0], "county": county})


def _ms(ts: int) -> int:
    """The day of ``ts`` at 17:00 UTC, in epoch milliseconds."""
    return (ts - ts % DAY + 17 * HOUR) * 1000


def _dates(b: Builder, offer: int, contract: int) -> Record:
    return {
        "appointmentDate": _ms(offer - b.ri(5, 20) * DAY),
        "agreementSignedDate": _ms(offer - b.ri(2, 10) * DAY),
        "offerDate": _ms(offer),
        "contractDate": _ms(contract),
        "appraisalDate": _ms(contract + b.ri(10, 18) * DAY),
        "homeInspectionDate": _ms(contract + b.ri(3, 7) * DAY),
        "escrowDate": _ms(contract + DAY),
    }


def _commissions(b: Builder, agent_id: int) -> Record:
    """A 70/30 split between the agent and the team."""
    st = b.state
    agent_name = full_name(st.members[agent_id])
    return {
        "preSplit": [],
        "split": [
            _split(b.nid(), "AGENT", agent_id, agent_name, 70, "Agent split"),
            _split(b.nid(), "TEAM", st.team_id, _TEAM_NAME, 30, "Team split"),
        ],
        "postSplit": [],
    }


def _split(split_id: int, pay_type: str, pay_to: int, pay_to_name: str, value: int, desc: str) -> Record:
    return {
        "id": split_id,
        "splitPayType": pay_type,
        "splitPayTo": pay_to,
        "splitPayToName": pay_to_name,
        "payType": pay_type,
        "payTo": pay_to,
        "payToName": pay_to_name,
        "value": value,
        "calculateType": "PERCENT",
        "desc": desc,
    }
