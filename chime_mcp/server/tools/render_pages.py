"""The totals and next steps of the published document's page shapes (issue 14): cursor pages,
zero- and one-based page numbers, a page that can only say "more". `render._render_list` asks
here first; the reference's pages (`_metadata`, scrollId, hasMore 0/1) stay in render.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chime_mcp.chime import models as m
from chime_mcp.services.safe_text import token

Hint = tuple[int | None, str]
"""(the total the API says, the line that says how to get the next page, or "")."""


def _cursor(page: m.CommunicationCursorPage) -> Hint:
    more = f"More: call again with cursor={token(page.nextCursor)}." if page.nextCursor else ""
    return page.totalCount, more


def _agent_search(page: m.PageResult) -> Hint:
    return None, "More in this window: call again with a later startTime or an earlier endTime." if page.hasMore else ""


def _transactions(page: m.TransactionV2PageResponse) -> Hint:
    number, size, total = page.pageNum or 0, page.pageSize or len(page.pageData or []), page.totalCount
    more = total is not None and size > 0 and (number + 1) * size < total
    return total, f"More: call again with pageNum={number + 1}." if more else ""


def _listings(page: m.ListingV2SearchResponse) -> Hint:
    meta = page.metadata or m.ListingV2Metadata()
    more = f"More: call again with pageNum={(meta.pageNum or 1) + 1}." if meta.hasMore else ""
    return meta.totalCount, more


def _calendar(page: m.CalendarListResponseV2) -> Hint:
    number, size, total = page.page or 0, page.pageSize or len(page.items or []), page.total
    more = total is not None and size > 0 and (number + 1) * size < total
    return total, f"More: call again with page={number + 1}." if more else ""


def _slots(page: m.AvailableMeetingsResponseV2) -> Hint:
    return page.total, ""


_HINTS: dict[type[Any], Callable[[Any], Hint]] = {
    m.CommunicationCursorPage: _cursor,
    m.PageResult: _agent_search,
    m.TransactionV2PageResponse: _transactions,
    m.ListingV2SearchResponse: _listings,
    m.CalendarListResponseV2: _calendar,
    m.AvailableMeetingsResponseV2: _slots,
}


def page_hint(page: object) -> Hint | None:
    """The total and next step of a page of these shapes; None for any other page."""
    hint = _HINTS.get(type(page))
    return hint(page) if hint is not None else None
