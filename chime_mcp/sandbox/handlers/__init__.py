"""What each operation does to the sandbox's state: one function per catalog operation.

```
registry.py       HANDLERS, @handler, the typed context `Call`, EMPTY
codes.py          the live API's error codes, SandboxError, bad(), missing()
records.py        lookups with the live 404s, wire times, public views, pages, `_metadata`
system_log.py     system_log(): the change events of a lead's timeline
<toolset>.py      one module per catalog toolset: leads, lead_details, notes, tasks, logs,
                  communication, transactions, team, routing, webhooks, listings, admin,
                  messaging, notifications, sync, sales_agent, ai,
                  calendar, agenda (their records: calendar_entries.py)
lead_search.py    the lead search engine (filters, sort, page); lead_fields.py: applying a lead body
```

Handlers are synchronous and never await, so one request's read-modify-write is atomic.
Each write marks the collections it changed (`store.touch`) so persistence writes only those.
Failures raise `SandboxError` with the live API's codes: 20006 LEAD_NOT_EXIST, 20007
RESOURCE_NOT_EXIST, 20012 INVALID_PARAMETER, ...

Importing this package registers every handler (the toolset modules are imported below).
"""

from __future__ import annotations

from chime_mcp.sandbox.handlers import (  # noqa: F401  (imported to register their handlers)
    admin,
    agenda,
    ai,
    calendar,
    communication,
    lead_details,
    leads,
    listings,
    logs,
    messaging,
    notes,
    notifications,
    routing,
    sales_agent,
    sync,
    tasks,
    team,
    transactions,
    webhooks,
)
from chime_mcp.sandbox.handlers.codes import (
    INVALID_PARAMETER,
    LEAD_NOT_EXIST,
    LEAD_PROPERTY_NOT_EXIST,
    LIMIT_NOT_VALID,
    PROPERTY_ADDRESS_EMPTY,
    RESOURCE_NOT_EXIST,
    TRANSACTION_NAME_INVALID,
    TRANSACTION_NOT_EXIST,
    USER_NOT_EXIST,
    SandboxError,
)
from chime_mcp.sandbox.handlers.logs import LOG_KINDS
from chime_mcp.sandbox.handlers.registry import EMPTY, HANDLERS, Call, Empty, Handler, Xml, handler
from chime_mcp.sandbox.system_log_types import LOG_TYPES

__all__ = [
    "EMPTY",
    "HANDLERS",
    "INVALID_PARAMETER",
    "LEAD_NOT_EXIST",
    "LEAD_PROPERTY_NOT_EXIST",
    "LIMIT_NOT_VALID",
    "LOG_KINDS",
    "LOG_TYPES",
    "PROPERTY_ADDRESS_EMPTY",
    "RESOURCE_NOT_EXIST",
    "TRANSACTION_NAME_INVALID",
    "TRANSACTION_NOT_EXIST",
    "USER_NOT_EXIST",
    "Call",
    "Empty",
    "Handler",
    "SandboxError",
    "Xml",
    "handler",
]
