"""The system-log type codes the demo writes: ``timelineTypeDesc`` -> ``timelineType``.

The same table lives in `chime_mcp.sandbox.handlers` (``LOG_TYPES``); the two are to be folded
into one (issue 10), and until then must agree.
"""

from __future__ import annotations

SYSTEM_LOG_TYPES: dict[str, int] = {
    "NewLead": 2,
    "EditNote": 17,
    "AssignAgent": 31,
    "AssignLender": 32,
    "TeamStageChange": 38,
    "MoveToLeadPond": 44,
}
"""timelineTypeDesc -> timelineType. 17 (edit note) and 38 (stage change) are documented by Lofty;
the other codes are the demo's own choice."""
