"""What the contract tests found, per tool, for the summary printed at the end of the run.

tests/contract/ records each case here; `pytest_terminal_summary` in tests/conftest.py prints
`lines()`: one line per tool, in catalog order, with the answer variants tried and passed and
whether the request it sends matches the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chime_mcp.server.tools.specs import all_tool_specs
from tests.support.contract import DRIFT


@dataclass
class ToolRecord:
    tried: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    request: str = "-"
    """ok, FAIL, or - (not checked in this run)."""


RECORDS: dict[str, ToolRecord] = {}
NOT_IN_DOCUMENT: set[str] = set()
"""Tools whose operation the published document lacks (nothing to check them against)."""


def variant(tool: str, name: str, passed: bool) -> None:
    record = RECORDS.setdefault(tool, ToolRecord())
    record.tried.append(name)
    if not passed:
        record.failed.append(name)


def request(tool: str, passed: bool) -> None:
    """One request check of `tool` (full or minimal arguments); any failure makes it FAIL."""
    record = RECORDS.setdefault(tool, ToolRecord())
    record.request = "FAIL" if not passed or record.request == "FAIL" else "ok"


def lines() -> list[str]:
    """The report, or nothing when no contract test ran."""
    if not RECORDS:
        return []
    out = []
    for spec in all_tool_specs():
        if spec.name in NOT_IN_DOCUMENT:
            out.append(f"{spec.name:30} not in the published document")
        elif spec.name in RECORDS:
            r = RECORDS[spec.name]
            tried, passed = len(r.tried), len(r.tried) - len(r.failed)
            failed = f"  failed: {', '.join(sorted(r.failed))}" if r.failed else ""
            out.append(f"{spec.name:30} variants tried {tried:2}  passed {passed:2}  request {r.request}{failed}")
    return [*out, _totals()]


def _totals() -> str:
    def count(conforming: bool, failed: bool) -> int:
        return sum(
            (name not in DRIFT) == conforming
            for record in RECORDS.values()
            for name in (record.failed if failed else record.tried)
        )

    requests = [record.request for record in RECORDS.values() if record.request != "-"]
    return (
        f"conforming variants: {count(True, False)} tried, {count(True, True)} failed; "
        f"drift variants: {count(False, False)} tried, {count(False, True)} failed; "
        f"requests: {len(requests)} tools checked, {requests.count('FAIL')} failed"
    )
