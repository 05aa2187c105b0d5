"""The safety layer: a person says yes before anything is destroyed or sent out of the CRM.

- gate.py: `SafetyGate`, which audits every CRM-changing tool and confirms the destroy and
  expose ones (elicitation through a `Resolve` dependency, else the token fallback);
- tokens.py: `ConfirmationTokens`, the single-use tokens of the fallback (no MCP in it);
- audit.py: `AuditLog`, redaction, and the `chime://audit/recent` resource.
The previews the person reads are services/previews.py; callback checks services/webhook_targets.py.
"""

from chime_mcp.server.safety.audit import AUDIT_URI, AuditLog, Outcome, register_audit_resource
from chime_mcp.server.safety.gate import Confirmation, NotAsked, SafetyGate, affected_ids, can_elicit
from chime_mcp.server.safety.tokens import (
    ANSWER_PARAMETER,
    TOKEN_ARGUMENT,
    TOKEN_TTL,
    ConfirmationTokens,
    TokenRefused,
    canonical,
)

__all__ = [
    "ANSWER_PARAMETER",
    "AUDIT_URI",
    "TOKEN_ARGUMENT",
    "TOKEN_TTL",
    "AuditLog",
    "Confirmation",
    "ConfirmationTokens",
    "NotAsked",
    "Outcome",
    "SafetyGate",
    "TokenRefused",
    "affected_ids",
    "can_elicit",
    "canonical",
    "register_audit_resource",
]
