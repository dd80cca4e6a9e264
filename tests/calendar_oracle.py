"""A slow, obviously correct business-time oracle: walk local day by day, intersect in UTC.

It shares nothing with the engine but the documented conventions:

* the working intervals of a local date are the weekday's intervals (plus the
  part after midnight of the previous weekday's overnight intervals), nothing
  on a holiday, and a special day's own intervals;
* a wall-clock time that occurs twice means its first occurrence; one that
  does not occur means the instant the clocks jump past it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from accountplan.calendars import BusinessCalendar

UTC = dt.UTC
_DAY = dt.timedelta(days=1)


def _clock(text: str) -> dt.timedelta:
    parts = [int(p) for p in text.split(":")]
    return dt.timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)


def wall_intervals(cal: BusinessCalendar, day: dt.date) -> list[tuple[dt.timedelta, dt.timedelta]]:
    """Wall-clock working intervals of one local date, as offsets from its midnight."""
    if day in cal.special_days:
        return [(_clock(i.start), _clock(i.end)) for i in cal.special_days[day]]
    if day in cal.holidays:
        return []
    result = []
    for interval in cal.hours.get(day.weekday(), ()):
        start, end = _clock(interval.start), _clock(interval.end)
        result.append((start, end if end > start else _DAY))
    for interval in cal.hours.get((day.weekday() - 1) % 7, ()):
        start, end = _clock(interval.start), _clock(interval.end)
        if end <= start and end > dt.timedelta(0):
            result.append((dt.timedelta(0), end))
    return result


def wall_to_utc(day: dt.date, offset: dt.timedelta, zone: ZoneInfo) -> dt.datetime:
    """The instant of a wall-clock time: first occurrence, or the jump past a skipped time."""
    naive = dt.datetime.combine(day, dt.time()) + offset
    found = []
    for fold in (0, 1):
        candidate = naive.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if candidate.astimezone(zone).replace(tzinfo=None) == naive:
            found.append(candidate)
    if found:
        return min(found)
    # Skipped: bisect for the first instant whose wall clock is past `naive`.
    lo = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    hi = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    lo, hi = min(lo, hi), max(lo, hi)
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(zone).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid
    return hi


def real_intervals(
    cal: BusinessCalendar, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """All working intervals (in UTC) of the local dates around ``[start, end]``."""
    zone = ZoneInfo(cal.timezone)
    first = start.astimezone(zone).date() - _DAY
    last = end.astimezone(zone).date() + _DAY
    out = []
    day = first
    while day <= last:
        for s, e in wall_intervals(cal, day):
            a, b = wall_to_utc(day, s, zone), wall_to_utc(day, e, zone)
            if b > a:
                out.append((a, b))
        day += _DAY
    return out


def elapsed(cal: BusinessCalendar, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Business time in ``[start, end)`` by summing intersections."""
    if end < start:
        return -elapsed(cal, end, start)
    total = dt.timedelta(0)
    for a, b in real_intervals(cal, start, end):
        lo, hi = max(a, start), min(b, end)
        if hi > lo:
            total += hi - lo
    return total


def add(cal: BusinessCalendar, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
    """The first instant by which ``duration`` of business time has passed since ``start``."""
    left = duration
    horizon = start + dt.timedelta(days=60)
    while True:
        for a, b in sorted(real_intervals(cal, start, horizon)):
            lo, hi = max(a, start), min(b, horizon)
            if hi <= lo:
                continue
            if hi - lo >= left:
                return lo + left
            left -= hi - lo
        start, horizon = horizon, horizon + dt.timedelta(days=60)
