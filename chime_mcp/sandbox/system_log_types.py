"""System-log type codes, `timelineTypeDesc` -> `timelineType`: one table for the demo data and the handlers.

Codes 17 (edit note) and 38 (stage change) are documented by Lofty; the others are the sandbox's
own choice. It is a module of its own, free of imports, so the demo builder can read it without
loading the handlers (and with them the catalog).
"""

from __future__ import annotations

from typing import Final

LOG_TYPES: Final[dict[str, int]] = {
    "NewLead": 2,
    "EditLeadInfo": 4,
    "EditNote": 17,
    "DeleteNote": 18,
    "AssignAgent": 31,
    "AssignLender": 32,
    "AssignAssistant": 33,
    "TeamStageChange": 38,
    "MoveToLeadPond": 44,
    "MoveToTrash": 46,
    "CreateTask": 60,
    "DeleteTask": 61,
    "AddTransaction": 70,
    "UpdateTransaction": 71,
}
