"""Parsing a calendar's definition: wall-clock times, weekly hours, dates and covers.

Each function checks one input of [BusinessCalendar][accountplan.calendars.BusinessCalendar]
and returns it in the calendar's own form, or raises an error naming the
field and the value.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sized
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import check_timezone, check_type
from accountplan.calendars._time import DAY_US, HORIZON_END, HORIZON_START, DayIntervals
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = [
    "MAX_HOLIDAYS_AND_SPECIAL_DAYS",
    "WorkingInterval",
    "holiday_cover",
    "holiday_dates",
    "is_date",
    "merge_day",
    "special_day_hours",
    "timezone_name",
    "weekly_hours",
]

_CLOCK = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: The most holidays plus special days one calendar may list.
MAX_HOLIDAYS_AND_SPECIAL_DAYS = 50_000
_FIRST_YEAR = HORIZON_START.year
_LAST_YEAR = HORIZON_END.year - 1


def _clock_us(field: str, value: str) -> int:
    match = _CLOCK.match(value)
    if match is None:
        raise InvalidInputError(field, value, "must be a wall-clock time 'HH:MM' or 'HH:MM:SS'")
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if hours == 24 and (minutes or seconds):
        raise InvalidInputError(field, value, "must not be later than '24:00'")
    return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000


def _clock_text(value: Any) -> Any:
    if isinstance(value, dt.time):
        if value.tzinfo is not None or value.microsecond:
            raise InvalidInputError("time", value, "must be a plain time with whole seconds")
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return value


@attrs.frozen(kw_only=True)
class WorkingInterval:
    """One stretch of working time in local wall-clock time, half-open ``[start, end)``.

    An ``end`` at or before ``start`` means the interval runs past midnight
    into the next day (``22:00``-``06:00``); ``"24:00"`` ends at midnight.

    Attributes:
        start: Local wall-clock time ``"HH:MM"`` or ``"HH:MM:SS"``.
        end: Local wall-clock time; ``"24:00"`` is allowed.

    Examples:
        >>> WorkingInterval(start="09:00", end="17:30").duration
        datetime.timedelta(seconds=30600)
        >>> WorkingInterval(start="22:00", end="06:00").crosses_midnight
        True
    """

    start: str = attrs.field(converter=_clock_text)
    end: str = attrs.field(converter=_clock_text)

    def __attrs_post_init__(self) -> None:
        check_type("start", self.start, str)
        check_type("end", self.end, str)
        start = _clock_us("start", self.start)
        end = _clock_us("end", self.end)
        if start == DAY_US:
            raise InvalidInputError("start", self.start, "must be before '24:00'")
        if start == end:
            raise InvalidInputError(
                "end", self.end, f"must differ from start {self.start!r} (an empty interval)"
            )

    @property
    def crosses_midnight(self) -> bool:
        """Whether the interval ends on the next day."""
        return _clock_us("end", self.end) <= _clock_us("start", self.start)

    @property
    def duration(self) -> dt.timedelta:
        """Wall-clock length (real length on days without a clock change)."""
        start, end = _clock_us("start", self.start), _clock_us("end", self.end)
        if end <= start:
            end += DAY_US
        return dt.timedelta(microseconds=end - start)

    def _pieces(self) -> tuple[tuple[int, int], tuple[int, int] | None]:
        """The part on the interval's own day and the part after midnight (if any)."""
        start, end = _clock_us("start", self.start), _clock_us("end", self.end)
        if end > start:
            return (start, end), None
        return (start, DAY_US), ((0, end) if end else None)


def _interval(field: str, value: Any) -> WorkingInterval:
    if isinstance(value, WorkingInterval):
        return value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        try:
            return WorkingInterval(start=value[0], end=value[1])
        except InvalidInputError as exc:
            raise InvalidInputError(field, value, f"is not a working interval: {exc}") from None
    raise InvalidInputError(field, value, "must be a WorkingInterval or a (start, end) pair")


def _intervals(field: str, value: Any) -> tuple[WorkingInterval, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidInputError(field, value, "must be a sequence of working intervals")
    return tuple(_interval(field, item) for item in value)


def _weekday(value: Any) -> int:
    if isinstance(value, str):
        name = value.lower()
        for number, full in enumerate(_WEEKDAYS):
            if name in (full, full[:3]):
                return number
    elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    raise InvalidInputError(
        "hours", value, "weekday keys must be 0 (Monday) to 6 (Sunday) or 'mon' to 'sun'"
    )


def weekly_hours(value: Any) -> FrozenMap[int, tuple[WorkingInterval, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("hours", value, "must map weekdays to working intervals")
    result: dict[int, tuple[WorkingInterval, ...]] = {}
    for key, intervals in value.items():
        day = _weekday(key)
        if day in result:
            raise InvalidInputError("hours", key, "names a weekday twice")
        items = _intervals(f"hours[{day}]", intervals)
        if items:
            result[day] = items
    return FrozenMap(sorted(result.items()))


def _bounded(field: str, value: Iterable[Any]) -> list[Any]:
    """The items of ``value``, refused (before any other work) past the limit."""
    limit = MAX_HOLIDAYS_AND_SPECIAL_DAYS
    if isinstance(value, Sized) and len(value) > limit:
        raise LimitExceededError(field, _preview(value), limit, f"lists more than {limit} dates")
    items = list(itertools.islice(value, limit + 1))
    if len(items) > limit:
        raise LimitExceededError(field, _preview(items), limit, f"lists more than {limit} dates")
    return items


def _preview(value: Iterable[Any]) -> str:
    return f"{type(value).__name__} of more than {MAX_HOLIDAYS_AND_SPECIAL_DAYS} items"


def holiday_dates(value: Any) -> frozenset[dt.date]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError("holidays", value, "must be a collection of dates")
    days = frozenset(_bounded("holidays", value))
    for day in days:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidInputError("holidays", day, "must contain dates (not datetimes)")
    return days


def special_day_hours(value: Any) -> FrozenMap[dt.date, tuple[WorkingInterval, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("special_days", value, "must map dates to working intervals")
    result: dict[dt.date, tuple[WorkingInterval, ...]] = {}
    for day, intervals in _bounded("special_days", value.items()):
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidInputError("special_days", day, "keys must be dates")
        items = _intervals(f"special_days[{day.isoformat()}]", intervals)
        for item in items:
            if item.crosses_midnight:
                raise InvalidInputError(
                    f"special_days[{day.isoformat()}]",
                    item,
                    "must end on the same day (use '24:00' for midnight)",
                )
        result[day] = items
    return FrozenMap(sorted(result.items()))


def merge_day(field: str, pieces: list[tuple[int, int, WorkingInterval]]) -> DayIntervals:
    """Sort one day's pieces, reject overlaps (naming both), join touching ones."""
    pieces.sort(key=lambda p: (p[0], p[1]))
    merged: list[tuple[int, int]] = []
    previous: WorkingInterval | None = None
    for start, end, source in pieces:
        if merged and start < merged[-1][1]:
            raise InvalidInputError(
                field,
                source,
                f"overlaps {previous!r}",
            )
        if merged and start == merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        previous = source
    return tuple(merged)


def is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def timezone_name(value: Any) -> str:
    return check_timezone("timezone", value)


def _year(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTypeError("holidays_cover", value, "must hold years (int)")
    return value


def holiday_cover(value: Any) -> tuple[int, int] | None:
    """``None``, a range of years or a ``(first, last)`` pair of years, both included."""
    if value is None:
        return None
    if isinstance(value, range):
        if value.step != 1 or not value:
            raise InvalidInputError(
                "holidays_cover", value, "must be a non-empty range of consecutive years"
            )
        first, last = value.start, value.stop - 1
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        first, last = _year(value[0]), _year(value[1])
    elif not isinstance(value, (tuple, list)):
        raise InvalidTypeError(
            "holidays_cover", value, "must be a (first, last) pair of years or a range of years"
        )
    else:
        raise InvalidInputError(
            "holidays_cover", value, "must be a (first, last) pair of years or a range of years"
        )
    if first > last:
        raise InvalidInputError(
            "holidays_cover", value, f"must not end ({last}) before it starts ({first})"
        )
    if first < _FIRST_YEAR or last > _LAST_YEAR:
        raise LimitExceededError(
            "holidays_cover",
            value,
            f"{_FIRST_YEAR} to {_LAST_YEAR}",
            f"must lie inside the calendar's horizon ({_FIRST_YEAR} to {_LAST_YEAR})",
        )
    return first, last
