"""Response economy: the text a model reads for a 25-lead search, against the raw API JSON.

Both come from the same sandbox page: the raw JSON as the API sends it (compact, as on the
wire), and the text block of the `search_leads` tool called through a real MCP client.
Target: the text is at most 40% of the raw JSON's tokens (o200k_base). Exits 1 if missed.

    .venv/bin/python bench/response_economy.py
"""

from __future__ import annotations

import json

import anyio
from mcp import Client

from chime_mcp.chime.catalog import leads
from chime_mcp.sandbox.app import create_app
from chime_mcp.sandbox.inprocess import sandbox_client
from chime_mcp.server.app import ClientBackend, build_server
from chime_mcp.server.config import ServerConfig
from chime_mcp.server.tools.inventory import token_counter

TARGET = 0.40
PAGE = {"limit": 25}


async def measure() -> tuple[int, int, int]:
    count, exact = token_counter()
    if not exact:
        raise SystemExit("bpe-openai is not installed: pip install -e '.[dev]'")
    app = create_app()
    async with sandbox_client(app) as client:
        raw = await client.request(leads.SEARCH_LEADS, PAGE)
    raw_tokens = count(json.dumps(raw, separators=(",", ":"), ensure_ascii=False))

    backend = ClientBackend(lambda: sandbox_client(app))
    async with Client(build_server(ServerConfig(sandbox=True), backend=backend)) as mcp_client:
        result = await mcp_client.call_tool("search_leads", PAGE)
    text = "\n".join(getattr(block, "text", "") for block in result.content)
    assert not result.is_error, text
    rows = sum(1 for line in text.splitlines() if line.startswith("- "))
    return raw_tokens, count(text), rows


def main() -> int:
    raw_tokens, text_tokens, rows = anyio.run(measure)
    ratio = text_tokens / raw_tokens
    print(f"search_leads, {rows} leads (o200k_base tokens)")
    print(f"  raw API JSON:        {raw_tokens:7,}")
    print(f"  tool text block:     {text_tokens:7,}")
    print(f"  ratio: {ratio:.1%} (target <= {TARGET:.0%})")
    return 0 if ratio <= TARGET and rows == PAGE["limit"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
