"""The one reading and writing of the API's wire times.

The API writes times four ways: `yyyy-MM-dd HH:mm:ss` in UTC (notes, tasks, logs, calls, emails,
texts, leads), epoch milliseconds (transactions, appointments, activity), ISO-8601 with an offset
(system logs) and, for the lead searches by create or update time, `yyyy-MM-dd HH:mm:ss` in UTC-7.
Everything here is a plain function of its arguments: no clock, no environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

WIRE_FORMAT: Final = "%Y-%m-%d %H:%M:%S"
"""`yyyy-MM-dd HH:mm:ss`: the wire format of notes, tasks, logs and leads (UTC)."""

SEARCH_TIME_OFFSET: Final = timedelta(hours=7)
"""createTime/updateTime lead searches take `yyyy-MM-dd HH:mm:ss` in UTC-7 (the reference says so):
add this to such a time to get UTC."""

TIME_WORDS: Final = ("time", "date", "created", "updated", "deadline", "expiration")
"""Words in a field's name that mark it as a time."""

_EPOCH_MS_FROM: Final = 10**11
"""A number at least this large is epoch milliseconds (10**11 seconds is the year 5138)."""


# -- reading -------------------------------------------------------------------------------------


def parse_time(value: Any) -> datetime | None:
    """A UTC datetime from any time format the API uses, or None for empty or unreadable values.

    Epoch milliseconds (transactions, appointments, activity), "yyyy-MM-dd HH:mm:ss" in UTC
    (notes, tasks, logs, calls, emails, texts) and ISO-8601 with an offset (system logs).
    Epoch seconds are read too; a time without an offset is UTC.
    """
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= _EPOCH_MS_FROM else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        return parse_time(int(text))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def looks_like_epoch_ms(key: str, value: int) -> bool:
    """Whether an integer field is a time in epoch milliseconds: a 13-digit number in a field whose
    name says time (createTime, closeDate, created, deadline, ...)."""
    return 10**12 <= value < 10**13 and any(word in key.lower() for word in TIME_WORDS)


def iso_to_epoch_ms(text: str) -> int:
    """Epoch milliseconds from an ISO-8601 date-time ("Z" allowed); ValueError if it is not one.

    A time without an offset is read in the local time zone, as `datetime.timestamp` does.
    """
    return epoch_ms(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def epoch_ms_to_seconds(value: int) -> float:
    """Epoch seconds from epoch milliseconds; ValueError if no datetime can hold that time."""
    try:
        datetime.fromtimestamp(value / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{value} is not a time in epoch milliseconds") from None
    return value / 1000


def search_time_as_utc(text: str) -> str:
    """A lead search's `yyyy-MM-dd HH:mm:ss` in UTC-7 as the same text in UTC; ValueError if malformed."""
    local = datetime.strptime(text, WIRE_FORMAT)
    return (local + SEARCH_TIME_OFFSET).strftime(WIRE_FORMAT)


# -- writing -------------------------------------------------------------------------------------


def iso(moment: datetime) -> str:
    """ISO-8601 in UTC to the second, with a Z: how times are shown to a model."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def format_epoch_ms(value: int) -> str:
    """Epoch milliseconds as `yyyy-MM-dd HH:mm UTC`, to the minute: a time in a table cell."""
    return datetime.fromtimestamp(value / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")


def wire_time(ts: float) -> str:
    """Epoch seconds as `yyyy-MM-dd HH:mm:ss`, UTC: the format of notes, tasks, logs and leads."""
    return datetime.fromtimestamp(ts, UTC).strftime(WIRE_FORMAT)


def wire_iso(ts: float) -> str:
    """Epoch seconds as ISO-8601 with milliseconds and a +00:00 offset, as system logs carry."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")


def epoch_ms(ts: float) -> int:
    """Epoch seconds as epoch milliseconds (truncated)."""
    return int(ts * 1000)


EARLIEST_MS: Final = 946_684_800_000
"""2000-01-01T00:00:00Z in epoch milliseconds: no CRM time the API takes is earlier."""


_LAST_SECOND: Final = 253_402_300_800
"""10000-01-01 in epoch seconds: no later number can be read as seconds."""


def epoch_ms_problem(name: str, value: int) -> str | None:
    """Why `value` cannot be the epoch-milliseconds time `name`, or None when it can."""
    if value >= EARLIEST_MS:
        return None
    if EARLIEST_MS // 1000 <= value < _LAST_SECOND:
        when = datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%d")
        return (
            f"{name} {value} reads as epoch seconds ({when}); give epoch milliseconds "
            f"({value * 1000}) or ISO 8601 such as 2026-12-05T15:00:00-06:00"
        )
    return f"{name} {value} is before 2000-01-01; give epoch milliseconds or ISO 8601 such as 2026-12-05T15:00:00-06:00"


TIME_FORMS: Final = "ISO 8601 (2026-12-05T15:00-06:00; UTC without an offset; a bare date is midnight) or epoch ms"
"""How every time argument may be written; each is turned into the form its endpoint's wire takes.
Said in full once (the server instructions, the errors): a time argument's schema (integer or
string, TIME_SCHEMA) carries no copy of it."""


def read_time_argument(name: str, value: Any) -> datetime:
    """A time argument as a UTC datetime; ValueError saying what to give instead.

    Takes ISO 8601 (UTC without an offset; a bare date is its midnight) or epoch milliseconds.
    A number that reads as epoch seconds, and any time before 2000-01-01, is refused.
    """
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        problem = epoch_ms_problem(name, value)
        if problem:
            raise ValueError(problem)
        try:
            return datetime.fromtimestamp(value / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"{name} {value} is not a time: give {TIME_FORMS}") from None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a time: {TIME_FORMS}")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a time: give {TIME_FORMS}") from None
    moment = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    if moment.timestamp() * 1000 < EARLIEST_MS:
        raise ValueError(f"{name} {value!r} is before 2000-01-01; give a time in this century")
    return moment


@dataclass(frozen=True)
class WireTime:
    """Field or parameter metadata: a time argument, sent in the form its endpoint's wire takes.

    `unset` is a value that means "no time" (system logs' -1), sent as it is.
    """

    unset: int | None = None

    def to_wire(self, name: str, value: Any) -> Any:
        """`value` (any of TIME_FORMS) in the wire form; ValueError saying what to give instead."""
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if not isinstance(value, str | int) or isinstance(value, bool) or value == self.unset:
            return value  # None, or a shape the model's own type decides on
        return self.format(read_time_argument(name, value))

    def format(self, moment: datetime) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class EpochMillis(WireTime):
    """The wire takes epoch milliseconds (tasks, transactions, system logs)."""

    def format(self, moment: datetime) -> Any:
        return epoch_ms(moment.timestamp())


@dataclass(frozen=True)
class SearchTime(WireTime):
    """The wire takes `yyyy-MM-dd HH:mm:ss` in UTC-7 (the lead searches by create or update time)."""

    def format(self, moment: datetime) -> Any:
        return (moment - SEARCH_TIME_OFFSET).strftime(WIRE_FORMAT)


@dataclass(frozen=True)
class IsoTime(WireTime):
    """The wire takes an ISO 8601 date-time (Brokermint's dates): sent in UTC with a Z."""

    def format(self, moment: datetime) -> Any:
        return iso(moment)


@dataclass(frozen=True)
class OffsetIsoTime(WireTime):
    """The wire takes ISO 8601 with an offset (calendar events, v2 tasks): an offset the caller
    wrote is kept (local midnights make an all-day appointment); other times are sent in UTC."""

    def to_wire(self, name: str, value: Any) -> Any:
        if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
            read_time_argument(name, value)  # refuses what is not a time, with the reason
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            if parsed.tzinfo is not None and parsed.utcoffset():
                return parsed.isoformat()
        return super().to_wire(name, value)

    def format(self, moment: datetime) -> Any:
        return iso(moment)
