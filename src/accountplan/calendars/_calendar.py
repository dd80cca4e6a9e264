"""BusinessCalendar: working hours in an IANA zone, holidays, special days, business time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import check_aware, check_timezone, check_type, zone
from accountplan.calendars._engine import (
    DAY_US,
    HORIZON_END,
    HORIZON_START,
    DayIntervals,
    Engine,
    duration_us,
    from_us,
    utc_us,
)
from accountplan.exceptions import InvalidInputError, LimitExceededError, MissingDependencyError

__all__ = ["BusinessCalendar", "WorkingInterval"]

_CLOCK = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: How many consecutive days ``next_close`` looks at before it gives up.
MAX_OPEN_STRETCH_DAYS = 400
#: The widest range of years ``from_holidays`` accepts.
MAX_HOLIDAY_YEARS = 200


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


def _hours(value: Any) -> FrozenMap[int, tuple[WorkingInterval, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidInputError("hours", value, "must map weekdays to working intervals")
    result: dict[int, tuple[WorkingInterval, ...]] = {}
    for key, intervals in value.items():
        day = _weekday(key)
        if day in result:
            raise InvalidInputError("hours", key, "names a weekday twice")
        items = _intervals(f"hours[{day}]", intervals)
        if items:
            result[day] = items
    return FrozenMap(sorted(result.items()))


def _holidays(value: Any) -> frozenset[dt.date]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidInputError("holidays", value, "must be a collection of dates")
    days = frozenset(value)
    for day in days:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidInputError("holidays", day, "must contain dates (not datetimes)")
    return days


def _special_days(value: Any) -> FrozenMap[dt.date, tuple[WorkingInterval, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidInputError("special_days", value, "must map dates to working intervals")
    result: dict[dt.date, tuple[WorkingInterval, ...]] = {}
    for day, intervals in value.items():
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


def _merge_day(field: str, pieces: list[tuple[int, int, WorkingInterval]]) -> DayIntervals:
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


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _timezone(value: Any) -> str:
    return check_timezone("timezone", value)


@attrs.frozen(kw_only=True)
class BusinessCalendar:
    """When a team works: weekly hours in an IANA time zone, holidays and special days.

    Business time is real elapsed time that falls inside the working intervals,
    which are wall-clock times in ``timezone``. Intervals are half-open. A
    holiday removes the working time that falls on that local date; a special
    day replaces the date's working time with its own intervals (an empty tuple
    closes the day). Build calendars with :meth:`weekly`, :meth:`always` or
    :meth:`from_holidays`.

    On the days clocks change, a wall-clock time that occurs twice means its
    first occurrence (PEP 495 ``fold=0``) and a wall-clock time that does not
    occur means the instant the clocks jump. Business time is computed for
    local dates from 1970-01-01 up to 2200-01-01.

    Attributes:
        timezone: IANA time zone name, for example ``"Europe/Amsterdam"``.
        hours: Working intervals per weekday, 0 = Monday to 6 = Sunday.
        holidays: Local dates without working time.
        special_days: Local dates with their own working intervals.
        name: A label for people.

    Examples:
        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> cal = BusinessCalendar.weekly(
        ...     "Europe/Amsterdam",
        ...     hours={day: [("09:00", "17:00")] for day in range(5)},
        ... )
        >>> friday = dt.datetime(2026, 3, 27, 16, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
        >>> cal.add(friday, dt.timedelta(hours=2))
        datetime.datetime(2026, 3, 30, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Amsterdam'))
        >>> cal.elapsed(friday, cal.add(friday, dt.timedelta(hours=2)))
        datetime.timedelta(seconds=7200)
    """

    timezone: str = attrs.field(converter=_timezone)
    hours: FrozenMap[int, tuple[WorkingInterval, ...]] = attrs.field(converter=_hours)
    holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_holidays)
    special_days: FrozenMap[dt.date, tuple[WorkingInterval, ...]] = attrs.field(
        default=FrozenMap(), converter=_special_days
    )
    name: str = ""
    _engine: Engine = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check_type("name", self.name, str)
        per_day: list[list[tuple[int, int, WorkingInterval]]] = [[] for _ in range(7)]
        for day, intervals in self.hours.items():
            for interval in intervals:
                own, spill = interval._pieces()
                per_day[day].append((*own, interval))
                if spill is not None:
                    per_day[(day + 1) % 7].append((*spill, interval))
        week = tuple(_merge_day(f"hours[{day}]", per_day[day]) for day in range(7))
        special = {
            day: _merge_day(
                f"special_days[{day.isoformat()}]",
                [(*item._pieces()[0], item) for item in intervals],
            )
            for day, intervals in self.special_days.items()
        }
        engine = Engine(zone(self.timezone), week, self.holidays, special)
        object.__setattr__(self, "_engine", engine)

    # -- constructors ------------------------------------------------------------

    @classmethod
    def weekly(
        cls,
        timezone: str,
        /,
        *,
        hours: Mapping[Any, Sequence[WorkingInterval | tuple[Any, Any]]],
        holidays: Iterable[dt.date] = (),
        special_days: Mapping[dt.date, Sequence[WorkingInterval | tuple[Any, Any]]] | None = None,
        name: str = "",
    ) -> BusinessCalendar:
        """A calendar from weekly hours given as ``(start, end)`` pairs per weekday.

        Weekdays are 0 (Monday) to 6 (Sunday) or ``"mon"`` to ``"sun"``; times
        are ``"HH:MM"`` strings or :class:`datetime.time` values.

        Examples:
            >>> cal = BusinessCalendar.weekly(
            ...     "UTC", hours={"mon": [("09:00", "12:00"), ("13:00", "17:00")]}
            ... )
            >>> [(i.start, i.end) for i in cal.hours[0]]
            [('09:00', '12:00'), ('13:00', '17:00')]
        """
        return cls(
            timezone=timezone,
            hours=hours,
            holidays=frozenset(_holidays(holidays)),
            special_days={} if special_days is None else special_days,
            name=name,
        )

    @classmethod
    def always(cls, timezone: str, /, *, name: str = "24x7") -> BusinessCalendar:
        """A calendar that is open every moment (24x7): business time is real time.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.always("UTC")
            >>> start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
            >>> cal.elapsed(start, start + dt.timedelta(days=3))
            datetime.timedelta(days=3)
        """
        return cls(
            timezone=timezone,
            hours={day: (WorkingInterval(start="00:00", end="24:00"),) for day in range(7)},
            name=name,
        )

    @classmethod
    def from_holidays(
        cls,
        timezone: str,
        /,
        *,
        country: str,
        years: range | Sequence[int],
        hours: Mapping[Any, Sequence[WorkingInterval | tuple[Any, Any]]],
        subdivision: str | None = None,
        special_days: Mapping[dt.date, Sequence[WorkingInterval | tuple[Any, Any]]] | None = None,
        name: str = "",
    ) -> BusinessCalendar:
        """A weekly calendar whose holidays come from the optional ``holidays`` package.

        Holidays are taken for ``country`` (ISO 3166 code) and ``subdivision``
        over ``years``. Observed holidays can move across a year end (New
        Year's Day on a Saturday is observed on Friday 31 December in the US),
        so the neighbouring years are consulted too and every holiday dated
        inside ``years`` is kept, whichever year it belongs to.

        Raises:
            MissingDependencyError: when the ``holidays`` extra is not installed.
            InvalidInputError: for an unknown country or subdivision.

        Examples:
            >>> cal = BusinessCalendar.from_holidays(
            ...     "Europe/Amsterdam",
            ...     country="NL",
            ...     years=range(2026, 2027),
            ...     hours={day: [("09:00", "17:00")] for day in range(5)},
            ... )
            >>> import datetime as dt
            >>> dt.date(2026, 4, 27) in cal.holidays  # King's Day
            True
        """
        try:
            import holidays as holidays_package  # noqa: PLC0415
        except ImportError:
            raise MissingDependencyError("BusinessCalendar.from_holidays", "holidays") from None
        wanted = sorted({check_type("years", year, int) for year in years})
        if not wanted:
            raise InvalidInputError("years", years, "must name at least one year")
        if wanted[-1] - wanted[0] >= MAX_HOLIDAY_YEARS:
            raise LimitExceededError("years", years, MAX_HOLIDAY_YEARS, "spans too many years")
        check_type("country", country, str)
        try:
            table = holidays_package.country_holidays(
                country,
                subdiv=subdivision,
                years=range(wanted[0] - 1, wanted[-1] + 2),
            )
        except NotImplementedError as exc:
            field = "subdivision" if subdivision and "subdiv" in str(exc).lower() else "country"
            value = subdivision if field == "subdivision" else country
            raise InvalidInputError(field, value, "is not known to the holidays package") from None
        year_set = set(wanted)
        days = frozenset(day for day in table if day.year in year_set)
        return cls.weekly(
            timezone, hours=hours, holidays=days, special_days=special_days, name=name
        )

    # -- queries -------------------------------------------------------------------

    def _local(self, field: str, value: Any) -> dt.datetime:
        zone_ = self._engine.zone
        if isinstance(value, dt.datetime) and value.tzinfo is zone_:
            return value
        return check_aware(field, value).astimezone(zone_)

    def _business(self, field: str, value: Any) -> int:
        engine = self._engine
        if isinstance(value, dt.datetime) and value.tzinfo is engine.zone:
            return engine.business_local(value)
        return engine.business(utc_us(check_aware(field, value)))

    def position(self, at: dt.datetime, /) -> dt.timedelta:
        """Business time from the start of the horizon (1970-01-01, local) up to ``at``.

        Differences of positions are business time, ``position(b) - position(a)
        == elapsed(a, b)``, so many instants can be measured against each other
        with one lookup each.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> monday = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)
            >>> cal.position(monday + dt.timedelta(hours=3)) - cal.position(monday)
            datetime.timedelta(seconds=7200)
        """
        engine = self._engine
        us = self._business("at", at) - engine.lower_bound()
        return dt.timedelta(microseconds=us)

    def elapsed(self, start: dt.datetime, end: dt.datetime, /) -> dt.timedelta:
        """Business time in ``[start, end)`` (negative when ``end`` is before ``start``).

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> monday = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)
            >>> cal.elapsed(monday, monday + dt.timedelta(days=7))
            datetime.timedelta(seconds=28800)
        """
        begin = self._business("start", start)
        return dt.timedelta(microseconds=self._business("end", end) - begin)

    def add(self, start: dt.datetime, duration: dt.timedelta, /) -> dt.datetime:
        """The instant at which ``duration`` of business time after ``start`` has passed.

        An add that exactly uses up an interval ends at that interval's close.
        A negative ``duration`` counts backwards, like :meth:`subtract`.

        Raises:
            LimitExceededError: when the calendar has no working time left
                before its horizon (2200-01-01).

        Examples:
            >>> import datetime as dt
            >>> week = {d: [("09:00", "17:00")] for d in range(5)}
            >>> cal = BusinessCalendar.weekly("UTC", hours=week)
            >>> cal.add(dt.datetime(2026, 6, 5, 9, tzinfo=dt.UTC), dt.timedelta(hours=8))
            datetime.datetime(2026, 6, 5, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        local = self._local("start", start)
        check_type("duration", duration, dt.timedelta)
        amount = duration_us(duration)
        if amount <= 0:
            return self.subtract(start, -duration) if amount else local
        engine = self._engine
        return from_us(engine.inverse(engine.business_local(local) + amount), engine.zone)

    def subtract(self, end: dt.datetime, duration: dt.timedelta, /) -> dt.datetime:
        """The latest instant from which ``duration`` of business time runs up to ``end``.

        Subtracting exactly an interval lands on its opening (Monday 09:00, not
        the Friday 17:00 before it).

        Examples:
            >>> import datetime as dt
            >>> week = {d: [("09:00", "17:00")] for d in range(5)}
            >>> cal = BusinessCalendar.weekly("UTC", hours=week)
            >>> cal.subtract(dt.datetime(2026, 6, 8, 10, tzinfo=dt.UTC), dt.timedelta(hours=1))
            datetime.datetime(2026, 6, 8, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        local = self._local("end", end)
        check_type("duration", duration, dt.timedelta)
        amount = duration_us(duration)
        if amount <= 0:
            return self.add(end, -duration) if amount else local
        engine = self._engine
        target = engine.business_local(local) - amount
        if target < engine.lower_bound():
            raise LimitExceededError(
                "duration",
                duration,
                HORIZON_START.isoformat(),
                "reaches back before the calendar's horizon",
            )
        return from_us(engine.inverse(target + 1) - 1, engine.zone)

    def is_open(self, at: dt.datetime, /) -> bool:
        """Whether ``at`` falls inside a working interval (start included, end excluded).

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> cal.is_open(dt.datetime(2026, 6, 1, 17, tzinfo=dt.UTC))
            False
        """
        return self._engine.is_open(utc_us(check_aware("at", at)))

    def next_open(self, at: dt.datetime, /) -> dt.datetime:
        """``at`` itself when open, otherwise the start of the next working interval.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> cal.next_open(dt.datetime(2026, 6, 1, 17, tzinfo=dt.UTC))
            datetime.datetime(2026, 6, 8, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        local = self._local("at", at)
        engine = self._engine
        if engine.is_open(utc_us(local)):
            return local
        return from_us(engine.inverse(engine.business_local(local) + 1) - 1, engine.zone)

    def next_close(self, at: dt.datetime, /) -> dt.datetime:
        """The end of the working stretch ``at`` is in, or of the next one when closed.

        Touching intervals (``22:00``-``24:00`` and ``00:00``-``06:00``) form one
        stretch.

        Raises:
            LimitExceededError: when the calendar stays open for more than
                400 days in a row (a 24x7 calendar never closes).

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> cal.next_close(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
            datetime.datetime(2026, 6, 1, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        opened = self.next_open(at)
        u = utc_us(opened)
        n = opened.toordinal()
        end = self._engine.stretch_end(u, n, MAX_OPEN_STRETCH_DAYS)
        if end is None:
            raise LimitExceededError(
                "at",
                at,
                MAX_OPEN_STRETCH_DAYS,
                f"starts a working stretch longer than {MAX_OPEN_STRETCH_DAYS} days",
            )
        return from_us(end, self._engine.zone)

    def intervals(
        self, start: dt.datetime, end: dt.datetime, /
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """The working stretches inside ``[start, end)``, clipped to it, in order.

        Touching intervals are joined. The iterator walks the local days of the
        span once, so it ends; ``end`` must not be before ``start``.

        Examples:
            >>> import datetime as dt
            >>> split = {0: [("09:00", "12:00"), ("13:00", "17:00")]}
            >>> cal = BusinessCalendar.weekly("UTC", hours=split)
            >>> monday = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)
            >>> [(a.hour, b.hour) for a, b in cal.intervals(monday, monday + dt.timedelta(hours=5))]
            [(10, 12), (13, 15)]
        """
        l0 = self._local("start", start)
        l1 = self._local("end", end)
        u0, u1 = utc_us(l0), utc_us(l1)
        if u1 < u0:
            raise InvalidInputError("end", end, f"must not be before start {start.isoformat()}")
        engine = self._engine
        engine.check_day(l0)
        engine.check_day(l1)
        zone_ = engine.zone
        for s, e in engine.intervals(u0, u1, l0.toordinal(), l1.toordinal()):
            yield from_us(s, zone_), from_us(e, zone_)

    def business_days(self, start: dt.date, end: dt.date, /) -> int:
        """How many local dates in ``[start, end)`` have any working time.

        ``start`` counts, ``end`` does not (the convention of NumPy's
        ``busday_count``); a holiday never counts, a special day counts when it
        has working time.

        Examples:
            >>> import datetime as dt
            >>> week = {d: [("09:00", "17:00")] for d in range(5)}
            >>> cal = BusinessCalendar.weekly("UTC", hours=week)
            >>> cal.business_days(dt.date(2026, 6, 1), dt.date(2026, 6, 15))
            10
        """
        for field, value in (("start", start), ("end", end)):
            if not _is_date(value):
                raise InvalidInputError(field, value, "must be a date")
            if not HORIZON_START <= value <= HORIZON_END:
                raise LimitExceededError(
                    field, value, HORIZON_END.isoformat(), "is outside the calendar's horizon"
                )
        if end < start:
            raise InvalidInputError("end", end, f"must not be before start {start.isoformat()}")
        return self._engine.workdays(start.toordinal(), end.toordinal())

    def working_time(self, day: dt.date, /) -> dt.timedelta:
        """The real working time on one local date (clock changes and holidays included).

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly(
            ...     "America/New_York", hours={d: [("01:00", "04:00")] for d in range(7)}
            ... )
            >>> cal.working_time(dt.date(2026, 3, 8))  # clocks skip 02:00-03:00
            datetime.timedelta(seconds=7200)
        """
        if not _is_date(day):
            raise InvalidInputError("day", day, "must be a date")
        if not HORIZON_START <= day < HORIZON_END:
            raise LimitExceededError(
                "day", day, HORIZON_END.isoformat(), "is outside the calendar's horizon"
            )
        return dt.timedelta(microseconds=self._engine.day_total(day.toordinal()))
