"""chime_mcp.chime.times: the one reading and writing of the API's wire times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from chime_mcp.chime import times

JUNE_10 = datetime(2026, 6, 10, 5, 51, 59, tzinfo=UTC)
JUNE_10_MS = 1_781_070_719_000


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (JUNE_10_MS, JUNE_10),  # epoch milliseconds
        (JUNE_10_MS // 1000, JUNE_10),  # epoch seconds
        (float(JUNE_10_MS), JUNE_10),
        (str(JUNE_10_MS), JUNE_10),  # digits in a string
        (f" {JUNE_10_MS // 1000} ", JUNE_10),
        ("2026-06-10 05:51:59", JUNE_10),  # notes, tasks, logs: UTC without an offset
        ("2026-06-10T05:51:59Z", JUNE_10),
        ("2026-06-10T05:51:59.727+00:00", JUNE_10.replace(microsecond=727000)),  # system logs
        ("2026-06-09T22:51:59-07:00", JUNE_10),  # an offset is converted to UTC
        ("2026-06-10", datetime(2026, 6, 10, tzinfo=UTC)),
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        (10**11 - 1, datetime.fromtimestamp(10**11 - 1, UTC)),  # below 10**11: seconds
        (10**11, datetime.fromtimestamp(10**8, UTC)),  # from 10**11: milliseconds
    ],
)
def test_parse_time_reads_every_wire_form(value: Any, expected: datetime) -> None:
    parsed = times.parse_time(value)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is UTC


@pytest.mark.parametrize("value", [None, "", True, False, "nope", "12:00", [], {}, 10**30, -(10**30), "-5"])
def test_parse_time_gives_none_for_empty_or_unreadable(value: Any) -> None:
    assert times.parse_time(value) is None


def test_iso_is_utc_to_the_second_with_z() -> None:
    seven_behind = timezone(timedelta(hours=-7))
    assert times.iso(datetime(2026, 6, 9, 22, 51, 59, 999_999, tzinfo=seven_behind)) == "2026-06-10T05:51:59Z"
    assert times.iso(times.parse_time("2026-06-10 05:51:59") or JUNE_10) == "2026-06-10T05:51:59Z"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("createTime", JUNE_10_MS, True),
        ("closeDate", JUNE_10_MS, True),
        ("Updated", JUNE_10_MS, True),
        ("deadline", 10**12, True),
        ("expiration", 10**13 - 1, True),
        ("createTime", 10**12 - 1, False),  # 12 digits: not milliseconds
        ("createTime", 10**13, False),
        ("price", JUNE_10_MS, False),  # a large number in a field that is not a time
        ("leadId", JUNE_10_MS, False),
    ],
)
def test_looks_like_epoch_ms(key: str, value: int, expected: bool) -> None:
    assert times.looks_like_epoch_ms(key, value) is expected


def test_format_epoch_ms_is_to_the_minute() -> None:
    assert times.format_epoch_ms(JUNE_10_MS + 59_999) == "2026-06-10 05:52 UTC"
    assert times.format_epoch_ms(JUNE_10_MS) == "2026-06-10 05:51 UTC"


def test_wire_writers() -> None:
    ts = JUNE_10_MS / 1000 + 0.7279
    assert times.wire_time(ts) == "2026-06-10 05:51:59"
    assert times.wire_iso(ts) == "2026-06-10T05:51:59.727+00:00"
    assert times.epoch_ms(ts) == JUNE_10_MS + 727
    assert times.parse_time(times.wire_time(ts)) == JUNE_10
    assert times.parse_time(times.wire_iso(ts)) == JUNE_10.replace(microsecond=727000)


def test_iso_to_epoch_ms() -> None:
    assert times.iso_to_epoch_ms("2026-06-10T05:51:59Z") == JUNE_10_MS
    assert times.iso_to_epoch_ms("2026-06-10T07:51:59.5+02:00") == JUNE_10_MS + 500
    with pytest.raises(ValueError):
        times.iso_to_epoch_ms("June 10")


def test_epoch_ms_to_seconds() -> None:
    assert times.epoch_ms_to_seconds(JUNE_10_MS + 500) == JUNE_10_MS / 1000 + 0.5
    with pytest.raises(ValueError, match="epoch milliseconds"):
        times.epoch_ms_to_seconds(10**20)


def test_search_time_is_utc_minus_seven() -> None:
    assert times.search_time_as_utc("2026-06-09 22:51:59") == "2026-06-10 05:51:59"
    assert times.SEARCH_TIME_OFFSET.total_seconds() == 7 * 3600
    with pytest.raises(ValueError):
        times.search_time_as_utc("2026-06-09T22:51:59")
