"""The sandbox's state and its persistence.

The state is the demo data (`demo.DemoState`, every record a dict in the live wire format) plus
what only the sandbox keeps: the trash (leadId -> why and when), broker teams, the messages
that reached the team's agents and their Sales Agents' AI numbers, the fields only the v2
calendar keeps. It is built
lazily, on first use, so creating a sandbox stays cheap (`chime-mcp serve --sandbox` pays for
the demo data only when a tool first calls the API).

With a database path the state survives restarts: one SQLite row per collection holding its JSON
snapshot, loaded at start and rewritten for each collection a write request changed. Good enough
for a demo CRM of a few thousand records, and the file stays readable with the sqlite3 shell.

One sandbox at a time owns a database file: it holds an exclusive lock (flock) on it from the first
use until `close`, and a second sandbox on the same file (another process, or another Sandbox in
this one) is refused with `DatabaseInUse`. Two writers on one snapshot would each overwrite the
other's collections, silently losing writes that were already acknowledged.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import sqlite3
import typing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the demo module is imported only when the state is first built
    from chime_mcp.sandbox.demo import DemoState

Record = dict[str, Any]

SCHEMA_VERSION = 1
_EXTRA = (
    "trash",
    "broker_teams",
    "agent_messages",
    "ai_numbers",
    "sales_agents",
    "working_leads",
    "plan_tasks",
    "agent_tags",
    "org_units",
    "call_summaries",
    "lead_analyses",
    "calendar",
)
"""Collections the sandbox keeps beyond the demo state (the Sales Agent's: seeded on first use,
by `demo.sales_agent`, so the pinned demo state stays as it was)."""


class StoreError(RuntimeError):
    """The database file cannot be used; the message says why and what to do."""


class DatabaseInUse(StoreError):
    """Another sandbox holds the database file."""


class Store:
    """The CRM state, built (or loaded) on first use; `touch` + `save` persist changes."""

    def __init__(
        self,
        *,
        seed: int = 7,
        lead_count: int = 200,
        now: datetime | None = None,
        db_path: str | Path | None = None,
    ) -> None:
        self.seed = seed
        self.lead_count = lead_count
        self.now = now
        self.db_path = Path(db_path) if db_path is not None else None
        self._state: DemoState | None = None
        self.trash: dict[int, Record] = {}
        """leadId -> {"reason", "deleteTime", "deletedBy"} for leads moved to trash."""
        self.broker_teams: dict[int, Record] = {}
        self.agent_messages: dict[int, Record] = {}
        """What reached the team's own people, by id (no API read shows it: here is where to look):
        opportunity alerts, system texts and emails, AI-number texts, task reminder pushes; each
        with its recipient (`agentId`), `channels` and where it went (`toPhone`, `toEmail`)."""
        self.ai_numbers: dict[int, str] = {}
        """User id -> the AI virtual number of that user's Sales Agent ("" for none), over the
        demo's: the credential's user has one (handlers/messaging.py)."""
        self.sales_agents: dict[int, Record] = {}
        """userId -> that user's AI Sales Agent: {"agent", "settings", "totalQuota"}."""
        self.working_leads: dict[int, Record] = {}
        """leadId -> its place in the Sales Agent's pool (aiStage, muted, createdAt, updatedAt)."""
        self.plan_tasks: dict[int, Record] = {}
        """The Sales Agent's plan tasks by id (PlanTaskResponseV2 and the leadId they are for)."""
        self.agent_tags: dict[int, list[str]] = {}
        """Agent user id -> the tag names added to the agent (add_agent_tags)."""
        self.org_units: dict[int, Record] = {}
        """Office or company id -> its details as last written (add_office, update_office, update_company)."""
        self.call_summaries: dict[int, Record] = {}
        """Call id -> the AI summary generated for it (RecordingSummary shape)."""
        self.lead_analyses: dict[int, Record] = {}
        """Task id -> a lead analysis task (create_lead_analysis)."""
        self.calendar: dict[int, Record] = {}
        """Task or appointment id -> what only the v2 APIs keep (a task's start, a time zone)."""
        self._dirty: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._lock: int | None = None

    # -- the state ---------------------------------------------------------------------------

    @property
    def state(self) -> DemoState:
        if self._state is None:
            self._state = self._load() if self.db_path is not None else None
            if self._state is None:
                self._state = self._build()
                if self.db_path is not None:
                    self._dirty.update(self._names())
                    self.save()
        return self._state

    @property
    def built(self) -> bool:
        return self._state is not None

    def adopt(self, state: DemoState) -> None:
        """Use `state` instead of building one: tests share one demo build (copies of it)."""
        self._state = state
        if self.db_path is not None:
            self._dirty.update(self._names())
            self.save()

    def new_id(self) -> int:
        """A fresh id, unique across all collections (ids share one counter, as in the demo)."""
        state = self.state
        value = state.next_id
        state.next_id += 1
        self.touch("next_id")
        return value

    def _build(self) -> DemoState:
        from chime_mcp.sandbox.demo import build_demo_state

        return build_demo_state(self.seed, self.lead_count, self.now)

    # -- persistence -------------------------------------------------------------------------

    def touch(self, *names: str) -> None:
        """Mark collections as changed; `save` writes them."""
        self._dirty.update(names)

    def save(self) -> None:
        """Write the changed collections to the database, if there is one."""
        if self.db_path is None or self._state is None or not self._dirty:
            self._dirty.clear()
            return
        db = self._connect()
        rows = [(name, json.dumps(self._dump(name), separators=(",", ":"))) for name in sorted(self._dirty)]
        with db:
            db.executemany("INSERT OR REPLACE INTO snapshot (name, body) VALUES (?, ?)", rows)
        self._dirty.clear()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            os.close(self._lock)  # releases the flock
            self._lock = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            assert self.db_path is not None
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            self._take_lock(self.db_path)
            # The server thread uses the connection the main thread opened; access is serialised
            # by the event loop (handlers never await while touching the state).
            self._db = sqlite3.connect(self.db_path, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS snapshot (name TEXT PRIMARY KEY, body TEXT NOT NULL)")
        return self._db

    def _take_lock(self, path: Path) -> None:
        """Own `path` until `close`, or raise DatabaseInUse when another sandbox does.

        flock locks are separate from SQLite's own (POSIX) locks, so this descriptor coexists with
        the connection's; it is never closed before the connection is.
        """
        if self._lock is not None:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseInUse(
                f"The sandbox database {path} is in use by another sandbox (another `chime-mcp sandbox --db` "
                "process, or one still running); two sandboxes on one file would lose each other's writes. "
                "Stop the other one, or pass a different --db file"
            ) from None
        except OSError:
            os.close(fd)
            raise
        self._lock = fd

    def _names(self) -> list[str]:
        from chime_mcp.sandbox.demo import DemoState

        return [f.name for f in dataclasses.fields(DemoState)] + list(_EXTRA) + ["meta"]

    def _dump(self, name: str) -> Any:
        if name == "meta":
            return {"version": SCHEMA_VERSION, "seed": self.seed}
        if name in _EXTRA:
            return getattr(self, name)
        value = getattr(self._state, name)
        return value.isoformat() if isinstance(value, datetime) else value

    def _load(self) -> DemoState | None:
        from chime_mcp.sandbox.demo import DemoState

        db = self._connect()
        rows = dict(db.execute("SELECT name, body FROM snapshot").fetchall())
        if "meta" not in rows:
            return None
        meta = json.loads(rows["meta"])
        if meta.get("version") != SCHEMA_VERSION:
            raise StoreError(
                f"{self.db_path} holds sandbox data of version {meta.get('version')}, expected "
                f"{SCHEMA_VERSION}; delete it to start over"
            )
        # The data is the file's, built from the seed it was saved with, whatever seed was asked for.
        self.seed = int(meta.get("seed", self.seed))
        hints = typing.get_type_hints(DemoState)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(DemoState):
            if f.name in rows:
                values[f.name] = _revive(hints[f.name], json.loads(rows[f.name]))
        for name in _EXTRA:
            if name in rows:
                setattr(self, name, {int(k): v for k, v in json.loads(rows[name]).items()})
        return DemoState(**values)


def _revive(hint: Any, value: Any) -> Any:
    """Undo what JSON did to a field: int dict keys became strings, datetimes became text."""
    if hint is datetime:
        return datetime.fromisoformat(value)
    if typing.get_origin(hint) is dict and typing.get_args(hint)[0] is int and isinstance(value, dict):
        return {int(k): v for k, v in value.items()}
    return value
