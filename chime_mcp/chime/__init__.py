"""The Chime API in Python: models, the operation catalog and an async client. Knows nothing of MCP."""

from chime_mcp.chime.catalog import BY_NAME, OPERATIONS, TOOLSETS
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import ClientSettings, Credential, credential_from, settings_from_env
from chime_mcp.chime.operation import Effect, Operation

__all__ = [
    "BY_NAME",
    "OPERATIONS",
    "TOOLSETS",
    "ChimeClient",
    "ClientSettings",
    "Credential",
    "Effect",
    "Operation",
    "credential_from",
    "settings_from_env",
]
