"""Application work of more than one Chime call, with no MCP in it.

Everything here takes a `ChimeClient` (or a way to get one) and returns plain data: the
lead timeline, the previews a person reads before a delete or a webhook, the checks on a
webhook's callback URL, the suggestions behind argument completions, and the safe showing of
text from outside the server (safe_text: previews and results alike). `server/` turns these
into tools, resources and confirmations; nothing here imports `mcp`, `chime_mcp.server` or
`chime_mcp.sandbox`.
"""
