"""`chime-mcp demo`: a short guided tour of the main job, against the sandbox through a real
MCP client. (Not `chime_mcp.sandbox.demo`, which makes the sandbox's demo data.)"""

from __future__ import annotations

import time
from typing import Any

from chime_mcp import wiring
from chime_mcp.server.config import ServerConfig

# The tools are named as the model names them; a test checks each is offered by default.
STEPS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("Find the lead: search_leads with a name", "search_leads", {"query": "Bob Li", "limit": 3}),
    ("Read the lead: get_lead", "get_lead", {}),
    ("Log the call you just had: log_call", "log_call", {}),
    ("Plan the follow-up: create_calendar_event", "create_calendar_event", {}),
    ("See it on your calendar: list_calendar_events", "list_calendar_events", {}),
)


def _say(text: str = "") -> None:
    print(text, flush=True)


async def run_tour() -> int:
    from mcp import Client

    server = wiring.build_server(ServerConfig(sandbox=True))
    wiring.quiet_logs()
    _say("chime-mcp demo: an MCP client talking to chime-mcp, which talks to the built-in sandbox")
    _say("(demo data in a local emulator of the Chime API; no account needed, nothing leaves this machine)")
    lead_id: int | None = None
    async with Client(server) as client:
        tools = (await client.list_tools()).tools
        _say(f"\nThe server offers {len(tools)} tools in its default toolsets.")
        for number, (title, tool, arguments) in enumerate(STEPS, start=1):
            arguments = dict(arguments)
            if tool != "search_leads":
                if lead_id is None:
                    _say("No lead found; stopping.")
                    return 1
                arguments.update(_arguments_for(tool, lead_id))
            _say(f"\n[{number}/{len(STEPS)}] {title}")
            _say(f"  -> {tool} {arguments}")
            result = await client.call_tool(tool, arguments)
            for block in result.content:
                text = getattr(block, "text", "")
                _say("  " + text.replace("\n", "\n  "))
            if result.is_error:
                return 1
            if tool == "search_leads":
                leads: list[dict[str, Any]] = (result.structured_content or {}).get("leads") or []
                lead_id = leads[0]["leadId"] if leads else None
    _say("\nDone. Next: add `chime-mcp serve --sandbox` to Claude Desktop, Claude Code or Cursor (see README).")
    return 0


def _arguments_for(tool: str, lead_id: int) -> dict[str, Any]:
    if tool == "log_call":
        return {
            "leadId": lead_id,
            "content": "Talked about the 3-bed on Elm St; wants a showing Saturday.",
            "callingOutcome": "Talked",
        }
    tomorrow = int((time.time() + 86_400) * 1000)
    if tool == "create_calendar_event":
        return {
            "leadId": lead_id,
            "content": "Confirm Saturday showing",
            "type": "TASK",
            "taskWay": "Call",
            "startAt": tomorrow,
            "endAt": tomorrow + 15 * 60_000,
            "timeZoneCode": "America/Chicago",
        }
    if tool == "list_calendar_events":
        return {"leadId": lead_id, "startTime": tomorrow - 60_000}
    return {"leadId": lead_id}
