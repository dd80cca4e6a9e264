"""BusinessCalendar: working hours in an IANA zone, holidays, special days, business time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import check_aware, check_type, zone
from accountplan.calendars._engine import Engine
from accountplan.calendars._hours import (
    MAX_HOLIDAYS_AND_SPECIAL_DAYS,
    WorkingInterval,
    holiday_cover,
    holiday_dates,
    is_date,
    merge_day,
    special_day_hours,
    timezone_name,
    weekly_hours,
)
from accountplan.calendars._time import (
    MAX_ORD,
    duration_us,
    from_us,
    utc_us,
)
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    MissingDependencyError,
)

__all__ = ["MAX_HOLIDAYS_AND_SPECIAL_DAYS", "BusinessCalendar", "WorkingInterval"]

#: How many consecutive days ``next_close`` looks at before it gives up.
MAX_OPEN_STRETCH_DAYS = 400
#: The widest range of years ``from_holidays`` accepts.
MAX_HOLIDAY_YEARS = 200


@attrs.frozen(kw_only=True)
class BusinessCalendar:
    """When a team works: weekly hours in an IANA time zone, holidays and special days.

    Business time is real elapsed time that falls inside the working intervals,
    which are wall-clock times in ``timezone``. Intervals are half-open. A
    holiday removes the working time that falls on that local date; a special
    day replaces the date's working time with its own intervals (an empty tuple
    closes the day). Build calendars with
    [`weekly()`][accountplan.calendars.BusinessCalendar.weekly],
    [`always()`][accountplan.calendars.BusinessCalendar.always] or
    [`from_holidays()`][accountplan.calendars.BusinessCalendar.from_holidays].

    On the days clocks change, a wall-clock time that occurs twice means its
    first occurrence (PEP 495 ``fold=0``) and a wall-clock time that does not
    occur means the instant the clocks jump. Business time is computed for
    local dates from 1970-01-01 up to 2200-01-01.

    **Holiday coverage.** ``holidays_cover`` names the years (first and last,
    both included) for which ``holidays`` is the complete list. A question
    whose answer depends on a local date outside those years raises
    [LimitExceededError][accountplan.exceptions.LimitExceededError] naming
    them, unless ``assume_no_holidays_beyond_cover`` says to use the weekly
    hours without holidays there.
    [`from_holidays()`][accountplan.calendars.BusinessCalendar.from_holidays] sets the cover to the
    years it loaded; without a cover (``None``) the holidays given are taken
    as complete for every date of the horizon.

    Attributes:
        timezone: IANA time zone name, for example ``"Europe/Amsterdam"``.
        hours: Working intervals per weekday, 0 = Monday to 6 = Sunday.
        holidays: Local dates without working time (at most
            ``MAX_HOLIDAYS_AND_SPECIAL_DAYS`` together with ``special_days``).
        special_days: Local dates with their own working intervals.
        holidays_cover: ``(first, last)`` years whose holidays are all listed,
            or ``None`` when the list is complete for every year. Accepts a
            ``range`` of years too.
        assume_no_holidays_beyond_cover: Answer outside ``holidays_cover``
            with the weekly hours and no holidays instead of refusing.
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

    timezone: str = attrs.field(converter=timezone_name)
    hours: FrozenMap[int, tuple[WorkingInterval, ...]] = attrs.field(converter=weekly_hours)
    holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=holiday_dates)
    special_days: FrozenMap[dt.date, tuple[WorkingInterval, ...]] = attrs.field(
        default=FrozenMap(), converter=special_day_hours
    )
    holidays_cover: tuple[int, int] | None = attrs.field(default=None, converter=holiday_cover)
    assume_no_holidays_beyond_cover: bool = False
    name: str = ""
    _engine: Engine = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check_type("name", self.name, str)
        check_type("assume_no_holidays_beyond_cover", self.assume_no_holidays_beyond_cover, bool)
        cover = self.holidays_cover
        if cover is None and self.assume_no_holidays_beyond_cover:
            raise InvalidInputError(
                "assume_no_holidays_beyond_cover",
                True,
                "needs holidays_cover (without it the holidays are complete for every year)",
            )
        if cover is not None:
            for holiday in sorted(self.holidays):
                if not cover[0] <= holiday.year <= cover[1]:
                    raise InvalidInputError(
                        "holidays",
                        holiday,
                        f"lies outside holidays_cover {cover[0]} to {cover[1]}",
                    )
        count = len(self.holidays) + len(self.special_days)
        if count > MAX_HOLIDAYS_AND_SPECIAL_DAYS:
            raise LimitExceededError(
                "special_days",
                f"{count} holidays and special days",
                MAX_HOLIDAYS_AND_SPECIAL_DAYS,
                f"makes more than {MAX_HOLIDAYS_AND_SPECIAL_DAYS} holidays and special days",
            )
        per_day: list[list[tuple[int, int, WorkingInterval]]] = [[] for _ in range(7)]
        for day, intervals in self.hours.items():
            for interval in intervals:
                own, spill = interval._pieces()
                per_day[day].append((*own, interval))
                if spill is not None:
                    per_day[(day + 1) % 7].append((*spill, interval))
        week = tuple(merge_day(f"hours[{day}]", per_day[day]) for day in range(7))
        special = {
            day: merge_day(
                f"special_days[{day.isoformat()}]",
                [(*item._pieces()[0], item) for item in intervals],
            )
            for day, intervals in self.special_days.items()
        }
        answered = None if self.assume_no_holidays_beyond_cover else cover
        engine = Engine(zone(self.timezone), week, self.holidays, special, answered)
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
        holidays_cover: range | tuple[int, int] | None = None,
        assume_no_holidays_beyond_cover: bool = False,
        name: str = "",
    ) -> BusinessCalendar:
        """A calendar from weekly hours given as ``(start, end)`` pairs per weekday.

        Weekdays are 0 (Monday) to 6 (Sunday) or ``"mon"`` to ``"sun"``; times
        are ``"HH:MM"`` strings or `datetime.time` values.

        Args:
            timezone: IANA time zone name.
            hours: Working intervals per weekday.
            holidays: Local dates without working time.
            special_days: Local dates with their own working intervals.
            holidays_cover: The years ``holidays`` covers (a ``range`` or a
                ``(first, last)`` pair); ``None`` (the default): the list is
                complete for every year.
            assume_no_holidays_beyond_cover: Use the weekly hours without
                holidays outside ``holidays_cover`` instead of refusing.
            name: A label for people.

        Returns:
            The calendar.

        Raises:
            InvalidInputError: for bad hours, dates or a holiday outside the cover.
            LimitExceededError: for more than ``MAX_HOLIDAYS_AND_SPECIAL_DAYS``
                holidays and special days, or a cover outside 1970-2199.

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
            holidays=frozenset(holiday_dates(holidays)),
            special_days={} if special_days is None else special_days,
            holidays_cover=holidays_cover,
            assume_no_holidays_beyond_cover=assume_no_holidays_beyond_cover,
            name=name,
        )

    @classmethod
    def always(cls, timezone: str, /, *, name: str = "24x7") -> BusinessCalendar:
        """A calendar that is open every moment (24x7): business time is real time.

        Args:
            timezone: IANA time zone name, for example ``"Europe/Amsterdam"``.
            name: A label for people.

        Returns:
            The calendar, open all seven days from 00:00 to 24:00 local time.

        Raises:
            InvalidTypeError: ``timezone`` or ``name`` is not a ``str``.
            InvalidInputError: ``timezone`` is not an IANA time zone name.

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
        assume_no_holidays_beyond_cover: bool = False,
        name: str = "",
    ) -> BusinessCalendar:
        """A weekly calendar whose holidays come from the optional ``holidays`` package.

        Holidays are taken for ``country`` (ISO 3166 code) and ``subdivision``
        over ``years``, which must be consecutive. Observed holidays can move
        across a year end (New Year's Day on a Saturday is observed on Friday
        31 December in the US), so the neighbouring years are consulted too
        and every holiday dated inside ``years`` is kept, whichever year it
        belongs to.

        The calendar's ``holidays_cover`` is ``years``: a question about a
        local date outside them raises ``LimitExceededError`` naming the
        years, unless ``assume_no_holidays_beyond_cover`` is true (then the
        weekly hours apply there without holidays).

        Args:
            timezone: IANA time zone name.
            country: ISO 3166 country code.
            years: Consecutive years to load, at most 200, inside 1970-2199.
            hours: Working intervals per weekday.
            subdivision: A state or province code known to ``holidays``.
            special_days: Local dates with their own working intervals.
            assume_no_holidays_beyond_cover: Use the weekly hours without
                holidays outside ``years`` instead of refusing.
            name: A label for people.

        Returns:
            The calendar.

        Raises:
            MissingDependencyError: when the ``holidays`` extra is not installed.
            InvalidInputError: for an unknown country or subdivision, or years
                that are missing or not consecutive.
            LimitExceededError: for more than 200 years or years outside 1970-2199.

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
            >>> cal.holidays_cover
            (2026, 2026)
        """
        try:
            import holidays as holidays_package  # noqa: PLC0415
        except ImportError:
            raise MissingDependencyError("BusinessCalendar.from_holidays", "holidays") from None
        given: object = years
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidTypeError("years", years, "must be a range or sequence of years")
        wanted = sorted({check_type("years", year, int) for year in given})
        if not wanted:
            raise InvalidInputError("years", years, "must name at least one year")
        if wanted[-1] - wanted[0] >= MAX_HOLIDAY_YEARS:
            raise LimitExceededError("years", years, MAX_HOLIDAY_YEARS, "spans too many years")
        if len(wanted) != wanted[-1] - wanted[0] + 1:
            raise InvalidInputError("years", years, "must be consecutive years")
        cover = holiday_cover((wanted[0], wanted[-1]))
        check_type("country", country, str)
        if subdivision is not None:
            check_type("subdivision", subdivision, str)
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
            timezone,
            hours=hours,
            holidays=days,
            special_days=special_days,
            holidays_cover=cover,
            assume_no_holidays_beyond_cover=assume_no_holidays_beyond_cover,
            name=name,
        )

    # -- queries -------------------------------------------------------------------

    def _instant(self, field: str, value: Any) -> int:
        """Microseconds since the epoch of an aware ``value`` inside the answered range."""
        u = utc_us(check_aware(field, value))
        self._engine.check(u, field, value)
        return u

    def _local(self, field: str, value: Any) -> dt.datetime:
        """``value`` in the calendar's zone, refused outside the answered range.

        A value already in the zone is returned as it is: the engine's
        position lookup checks its range without a conversion.
        """
        zone_ = self._engine.zone
        if isinstance(value, dt.datetime) and value.tzinfo is zone_:
            return value
        self._instant(field, value)
        local: dt.datetime = value.astimezone(zone_)
        return local

    def _business(self, field: str, value: Any) -> int:
        engine = self._engine
        if isinstance(value, dt.datetime) and value.tzinfo is engine.zone:
            return engine.business_local(value, field)
        return engine.business(utc_us(check_aware(field, value)), field, value)

    def position(self, at: dt.datetime, /) -> dt.timedelta:
        """Business time from the start of the answered range up to ``at``.

        The range starts at 1970-01-01 (local), or on 1 January of the first
        year of ``holidays_cover``. Differences of positions are business
        time, ``position(b) - position(a) == elapsed(a, b)``, so many instants
        can be measured against each other with one lookup each.

        Args:
            at: An aware datetime.

        Returns:
            The business time since the start of the range.

        Raises:
            LimitExceededError: for an instant outside the horizon or the cover.

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

        Args:
            start: An aware datetime.
            end: An aware datetime.

        Returns:
            The business time between them.

        Raises:
            LimitExceededError: for an instant outside the horizon or the cover.

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
        A negative ``duration`` counts backwards, like
        [`subtract()`][accountplan.calendars.BusinessCalendar.subtract].

        Args:
            start: An aware datetime.
            duration: Business time to add.

        Returns:
            The instant, in the calendar's zone.

        Raises:
            LimitExceededError: when ``start`` or the answer is outside the
                horizon (1970-2199) or the cover (the calendar then has no
                known working time left).

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
        if amount > 0:
            engine = self._engine
            target = engine.business_local(local, "start") + amount
            return from_us(engine.inverse(target, "duration", duration), engine.zone)
        return self._move(local, amount, duration, "start")

    def subtract(self, end: dt.datetime, duration: dt.timedelta, /) -> dt.datetime:
        """The latest instant from which ``duration`` of business time runs up to ``end``.

        Subtracting exactly an interval lands on its opening (Monday 09:00, not
        the Friday 17:00 before it).

        Args:
            end: An aware datetime.
            duration: Business time to subtract.

        Returns:
            The instant, in the calendar's zone.

        Raises:
            LimitExceededError: when ``end`` or the answer is outside the
                horizon (1970-2199) or the cover.

        Examples:
            >>> import datetime as dt
            >>> week = {d: [("09:00", "17:00")] for d in range(5)}
            >>> cal = BusinessCalendar.weekly("UTC", hours=week)
            >>> cal.subtract(dt.datetime(2026, 6, 8, 10, tzinfo=dt.UTC), dt.timedelta(hours=1))
            datetime.datetime(2026, 6, 8, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        local = self._local("end", end)
        check_type("duration", duration, dt.timedelta)
        return self._move(local, -duration_us(duration), duration, "end")

    def _move(
        self, local: dt.datetime, amount: int, duration: dt.timedelta, field: str
    ) -> dt.datetime:
        """``amount`` microseconds of business time after (or, negative, before) ``local``."""
        engine = self._engine
        if amount > 0:
            target = engine.business_local(local, field) + amount
            return from_us(engine.inverse(target, "duration", duration), engine.zone)
        if amount < 0:
            target = engine.business_local(local, field) + amount
            if target < engine.lower_bound():
                raise engine.refuse("duration", duration, reach="before")
            return from_us(engine.inverse(target + 1) - 1, engine.zone)
        engine.check(utc_us(local), field, local)
        return local

    def is_open(self, at: dt.datetime, /) -> bool:
        """Whether ``at`` falls inside a working interval (start included, end excluded).

        Args:
            at: An aware datetime.

        Returns:
            True when the calendar is open at ``at``.

        Raises:
            LimitExceededError: for an instant outside the horizon or the cover.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> cal.is_open(dt.datetime(2026, 6, 1, 17, tzinfo=dt.UTC))
            False
        """
        return self._engine.is_open(utc_us(check_aware("at", at)), at)

    def next_open(self, at: dt.datetime, /) -> dt.datetime:
        """``at`` itself when open, otherwise the start of the next working interval.

        Args:
            at: An aware datetime.

        Returns:
            The instant, in the calendar's zone.

        Raises:
            LimitExceededError: for an instant outside the horizon or the
                cover, or when no known working time is left after ``at``.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> cal.next_open(dt.datetime(2026, 6, 1, 17, tzinfo=dt.UTC))
            datetime.datetime(2026, 6, 8, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        u = utc_us(check_aware("at", at))
        engine = self._engine
        if engine.is_open(u, at):
            return self._local("at", at)
        opening = engine.inverse(engine.business(u, "at", at) + 1, "at", at) - 1
        return from_us(opening, engine.zone)

    def next_close(self, at: dt.datetime, /) -> dt.datetime:
        """The end of the working stretch ``at`` is in, or of the next one when closed.

        Touching intervals (``22:00``-``24:00`` and ``00:00``-``06:00``) form one
        stretch.

        Args:
            at: An aware datetime.

        Returns:
            The instant, in the calendar's zone.

        Raises:
            LimitExceededError: when the calendar stays open for more than
                400 days in a row (a 24x7 calendar never closes), or for an
                instant or answer outside the horizon or the cover.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
            >>> cal.next_close(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
            datetime.datetime(2026, 6, 1, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
        """
        opened = self.next_open(at)
        engine = self._engine
        day = opened.toordinal()
        end = engine.stretch_end(utc_us(opened), day, MAX_OPEN_STRETCH_DAYS)
        if end is None and day + MAX_OPEN_STRETCH_DAYS > MAX_ORD:
            # The stretch still runs on the horizon's last day: its end is unknown.
            raise engine.refuse("at", at, reach="past")
        if end is None:
            raise LimitExceededError(
                "at",
                at,
                MAX_OPEN_STRETCH_DAYS,
                f"starts a working stretch longer than {MAX_OPEN_STRETCH_DAYS} days",
            )
        if end > engine.high:
            raise engine.refuse("at", at, reach="past")
        return from_us(end, engine.zone)

    def intervals(
        self, start: dt.datetime, end: dt.datetime, /
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """The working stretches inside ``[start, end)``, clipped to it, in order.

        Touching intervals are joined. The iterator walks the local days of the
        span once, so it ends; ``end`` must not be before ``start``.

        Args:
            start: An aware datetime.
            end: An aware datetime, not before ``start``.

        Returns:
            An iterator of ``(start, end)`` pairs in the calendar's zone.

        Raises:
            InvalidInputError: when ``end`` is before ``start``.
            LimitExceededError: for an instant outside the horizon or the cover.

        Examples:
            >>> import datetime as dt
            >>> split = {0: [("09:00", "12:00"), ("13:00", "17:00")]}
            >>> cal = BusinessCalendar.weekly("UTC", hours=split)
            >>> monday = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)
            >>> [(a.hour, b.hour) for a, b in cal.intervals(monday, monday + dt.timedelta(hours=5))]
            [(10, 12), (13, 15)]
        """
        u0 = utc_us(check_aware("start", start))
        u1 = utc_us(check_aware("end", end))
        if u1 < u0:
            raise InvalidInputError("end", end, f"must not be before start {start.isoformat()}")
        self._engine.check(u0, "start", start)
        self._engine.check(u1, "end", end)
        l0 = self._local("start", start)
        l1 = self._local("end", end)
        # The arguments are checked above, when called; the stretches come lazily.
        return _stretches(self._engine, u0, u1, l0.toordinal(), l1.toordinal())

    def business_days(self, start: dt.date, end: dt.date, /) -> int:
        """How many local dates in ``[start, end)`` have any working time.

        ``start`` counts, ``end`` does not (the convention of NumPy's
        ``busday_count``); a holiday never counts, a special day counts when it
        has working time.

        Args:
            start: The first date counted.
            end: The first date not counted, not before ``start``.

        Returns:
            The number of dates with working time.

        Raises:
            InvalidTypeError: for a non-date.
            InvalidInputError: for ``end`` before ``start``.
            LimitExceededError: for dates outside the horizon or the cover.

        Examples:
            >>> import datetime as dt
            >>> week = {d: [("09:00", "17:00")] for d in range(5)}
            >>> cal = BusinessCalendar.weekly("UTC", hours=week)
            >>> cal.business_days(dt.date(2026, 6, 1), dt.date(2026, 6, 15))
            10
        """
        for field, value in (("start", start), ("end", end)):
            if not is_date(value):
                raise InvalidTypeError(field, value, "must be a date")
        if end < start:
            raise InvalidInputError("end", end, f"must not be before start {start.isoformat()}")
        engine = self._engine
        if start.toordinal() < engine.first_day:
            raise engine.refuse("start", start)
        if end.toordinal() > engine.last_day + 1:
            raise engine.refuse("end", end)
        return engine.workdays(start.toordinal(), end.toordinal())

    def working_time(self, day: dt.date, /) -> dt.timedelta:
        """The real working time on one local date (clock changes and holidays included).

        Args:
            day: A local date.

        Returns:
            The real working time on that date.

        Raises:
            InvalidTypeError: for a non-date.
            LimitExceededError: for a date outside the horizon or the cover.

        Examples:
            >>> import datetime as dt
            >>> cal = BusinessCalendar.weekly(
            ...     "America/New_York", hours={d: [("01:00", "04:00")] for d in range(7)}
            ... )
            >>> cal.working_time(dt.date(2026, 3, 8))  # clocks skip 02:00-03:00
            datetime.timedelta(seconds=7200)
        """
        if not is_date(day):
            raise InvalidTypeError("day", day, "must be a date")
        engine = self._engine
        if not engine.first_day <= day.toordinal() <= engine.last_day:
            raise engine.refuse("day", day)
        return dt.timedelta(microseconds=engine.day_total(day.toordinal()))


def _stretches(
    engine: Engine, u0: int, u1: int, n0: int, n1: int
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The working stretches of checked bounds, in the calendar's zone (lazily)."""
    zone_ = engine.zone
    for s, e in engine.intervals(u0, u1, n0, n1):
        yield from_us(s, zone_), from_us(e, zone_)
