"""The demo's clock: a reference "now" and the wire formats of a time (UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

DAY = 86_400
HOUR = 3_600
_HH_MM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
_SS = tuple(f"{s:02d}" for s in range(60))


class Clock:
    """``now`` in epoch seconds, and the two text formats of a time the wire uses."""

    def __init__(self, now: datetime) -> None:
        self.now = int(now.timestamp())
        self.now_dt = now
        self.today_start = self.now - self.now % DAY
        self._days: dict[int, str] = {}

    def _day(self, day: int) -> str:
        text = self._days.get(day)
        if text is None:
            text = datetime.fromtimestamp(day * DAY, UTC).strftime("%Y-%m-%d")
            self._days[day] = text
        return text

    def fmt(self, ts: int) -> str:
        """``yyyy-MM-dd HH:mm:ss`` (UTC)."""
        day, sec = divmod(ts, DAY)
        minute, second = divmod(sec, 60)
        return f"{self._days.get(day) or self._day(day)} {_HH_MM[minute]}:{_SS[second]}"

    def iso(self, ts: int, millis: int) -> str:
        """ISO-8601 with milliseconds and a UTC offset, as system logs carry."""
        day, sec = divmod(ts, DAY)
        minute, second = divmod(sec, 60)
        return f"{self._days.get(day) or self._day(day)}T{_HH_MM[minute]}:{_SS[second]}.{millis:03d}+00:00"
