"""Billing cycles: how often a subscription is invoiced, and on which day.

A [`BillingCycle`][accountplan.billing.BillingCycle] counts in days, weeks, months or years. Month
and year
cycles keep an *anchor day* (1-31, or ``"last"``) and clamp it to shorter
months: anchor 31 gives Jan 31, Feb 28 (29 in a leap year), Mar 31, Apr 30.
Every boundary is computed from the anchor (``anchor + k * n months``,
clamped), never by adding a month to the previous boundary, so a short
February does not drag every later date to the 28th.

Words that people use differently:

* **bi-monthly** means *every two months* here
  ([`bimonthly()`][accountplan.billing.BillingCycle.bimonthly]). Twice a month is **semi-monthly**
  ([`semimonthly()`][accountplan.billing.BillingCycle.semimonthly]).
* **bi-weekly** means every two weeks ([`biweekly()`][accountplan.billing.BillingCycle.biweekly]).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

import attrs

from accountplan._typing import (
    ALIGNMENTS,
    CYCLE_UNITS,
    Alignment,
    AnchorDay,
    CycleUnit,
)
from accountplan._validate import check_date, check_type, named, one_of
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = ["MAX_CYCLE_COUNT", "BillingCycle", "add_months", "anchored_date"]

#: The largest ``count`` a cycle may have (1000 days, weeks, months or years).
MAX_CYCLE_COUNT: Final = 1000
#: The latest month a computed date may fall in (``datetime.date`` stops at 9999).
_MAX_MONTH_INDEX: Final = 9999 * 12 + 11


def _day_number(anchor: AnchorDay) -> int:
    return 31 if anchor == "last" else int(anchor)


def is_anchor(value: Any) -> bool:
    """Whether ``value`` is a day from 1 to 31 (an ``int``) or ``"last"`` (internal)."""
    return (type(value) is int and 1 <= value <= 31) or value == "last"


def _anchor_type(field: str, value: Any) -> None:
    """Refuse an anchor that is neither an ``int`` nor a ``str`` as a wrong type."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidTypeError(field, value, "must be a day from 1 to 31 or 'last'")


def anchored_date(year: int, month: int, anchor: AnchorDay, /) -> dt.date:
    """The anchor day of a month, clamped to the month's length.

    Args:
        year: The year, 1 to 9999.
        month: The month, 1 to 12.
        anchor: A day from 1 to 31 or ``"last"``.

    Returns:
        The anchor day, or the month's last day when the month is shorter.

    Raises:
        InvalidTypeError: ``year`` or ``month`` is not an ``int``.
        InvalidInputError: ``anchor`` is not a day from 1 to 31 or
            ``"last"``, or ``year`` or ``month`` is out of range.

    Examples:
        >>> anchored_date(2025, 2, 31), anchored_date(2024, 2, "last"), anchored_date(2025, 4, 15)
        (datetime.date(2025, 2, 28), datetime.date(2024, 2, 29), datetime.date(2025, 4, 15))
    """
    if not is_anchor(anchor):
        _anchor_type("anchor", anchor)
        raise InvalidInputError("anchor", anchor, "must be a day from 1 to 31 or 'last'")
    if not 1 <= check_type("year", year, int) <= 9999:
        raise InvalidInputError("year", year, "must be an int from 1 to 9999")
    if not 1 <= check_type("month", month, int) <= 12:
        raise InvalidInputError("month", month, "must be an int from 1 to 12")
    length = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(_day_number(anchor), length))


def _month_date(index: int, anchor: AnchorDay, field: str) -> dt.date:
    """The anchored date of an absolute month index (``year * 12 + month - 1``)."""
    if index < 12:
        raise LimitExceededError(field, index // 12, 1, "runs before the year 1")
    if index > _MAX_MONTH_INDEX:
        raise LimitExceededError(field, index // 12, 9999, "runs past the year 9999")
    year, month0 = divmod(index, 12)
    return anchored_date(year, month0 + 1, anchor)


def add_months(day: dt.date, months: int, /, *, anchor: AnchorDay | None = None) -> dt.date:
    """Move ``months`` months from ``day`` and land on the anchor day, clamped.

    The anchor defaults to ``day``'s own day of the month. Passing the original
    anchor keeps a schedule on its day after a short month: from Feb 28 with
    anchor 31 one month later is Mar 31, not Mar 28.

    Args:
        day: The date to move from (a ``date``, not a ``datetime``).
        months: How many months to move; negative moves back.
        anchor: The day of the month to land on (1 to 31 or ``"last"``);
            ``None`` keeps ``day``'s own day.

    Returns:
        The date ``months`` months away on the anchor day, clamped to the
        month's length.

    Raises:
        InvalidTypeError: ``months`` is not an ``int``.
        InvalidInputError: ``day`` is not a date, or ``anchor`` is not a day
            from 1 to 31 or ``"last"``.
        LimitExceededError: the result would fall before the year 1 or after
            the year 9999.

    Examples:
        >>> add_months(dt.date(2025, 1, 31), 1)
        datetime.date(2025, 2, 28)
        >>> add_months(dt.date(2025, 2, 28), 1, anchor=31)
        datetime.date(2025, 3, 31)
        >>> add_months(dt.date(2024, 2, 29), 12)
        datetime.date(2025, 2, 28)
    """
    check_date("day", day)
    check_type("months", months, int)
    if anchor is None:
        anchor = day.day  # type: ignore[assignment]
    elif not is_anchor(anchor):
        _anchor_type("anchor", anchor)
        raise InvalidInputError("anchor", anchor, "must be a day from 1 to 31 or 'last'")
    assert anchor is not None
    return _month_date(day.year * 12 + day.month - 1 + months, anchor, "months")


def _check_count(field: str, value: Any) -> int:
    check_type(field, value, int)
    if value < 1:
        raise InvalidInputError(field, value, "must be 1 or more")
    if value > MAX_CYCLE_COUNT:
        raise LimitExceededError(field, value, MAX_CYCLE_COUNT)
    return int(value)


def _check_anchor(field: str, value: Any) -> None:
    if value is not None and not is_anchor(value):
        _anchor_type(field, value)
        raise InvalidInputError(field, value, "must be a day from 1 to 31, 'last' or None")


@attrs.frozen(kw_only=True)
class BillingCycle:
    """How often, and on which day, a subscription is invoiced.

    Attributes:
        unit: ``day``, ``week``, ``month`` or ``year``.
        count: How many units one period lasts (1 to
            [`MAX_CYCLE_COUNT`][accountplan.billing.MAX_CYCLE_COUNT]).
        anchor: For month and year cycles, the day of the month periods start
            on (1-31, clamped to shorter months, or ``"last"``). ``None`` takes
            the day from the schedule's start (or the 1st with calendar
            alignment). Day and week cycles take no anchor.
        second_anchor: Semi-monthly cycles only: the second day of the month a
            period starts on. Needs a one-month cycle, an ``anchor`` of at most
            27 and a later second day, so the two never fall together.
        alignment: ``anniversary`` (default): periods are counted from the
            schedule's start month (an annual cycle renews on the start's
            month and day). ``calendar``: month and year periods start in
            calendar-aligned months (quarters start in January, April, July
            and October; years on January 1st with anchor 1), and week periods
            start on Mondays. Calendar alignment needs a week, month or year
            unit.

    Examples:
        >>> BillingCycle.monthly(anchor=31)
        BillingCycle(unit='month', count=1, anchor=31, second_anchor=None, alignment='anniversary')
        >>> BillingCycle.quarterly(alignment="calendar").count
        3
    """

    unit: CycleUnit = attrs.field(validator=one_of(CYCLE_UNITS))
    count: int = attrs.field(default=1, validator=named(_check_count))
    anchor: AnchorDay | None = attrs.field(default=None, validator=named(_check_anchor))
    second_anchor: AnchorDay | None = attrs.field(default=None, validator=named(_check_anchor))
    alignment: Alignment = attrs.field(default="anniversary", validator=one_of(ALIGNMENTS))

    def __attrs_post_init__(self) -> None:
        if self.unit in ("day", "week") and self.anchor is not None:
            raise InvalidInputError(
                "anchor", self.anchor, f"is for month and year cycles, not a {self.unit} cycle"
            )
        if self.unit == "day" and self.alignment == "calendar":
            raise InvalidInputError(
                "alignment", self.alignment, "needs a week, month or year cycle"
            )
        if self.second_anchor is not None:
            if self.unit != "month" or self.count != 1:
                raise InvalidInputError(
                    "second_anchor", self.second_anchor, "is for semi-monthly (one-month) cycles"
                )
            if self.anchor is None or _day_number(self.anchor) > 27:
                raise InvalidInputError(
                    "anchor", self.anchor, "must be a day from 1 to 27 with a second anchor"
                )
            if _day_number(self.second_anchor) <= _day_number(self.anchor):
                raise InvalidInputError(
                    "second_anchor",
                    self.second_anchor,
                    f"must be after 'anchor' (got second_anchor={self.second_anchor}, "
                    f"anchor={self.anchor})",
                )

    # -- presets ------------------------------------------------------------

    @classmethod
    def daily(cls, count: int = 1, /) -> BillingCycle:
        """Every ``count`` days.

        Args:
            count: Days per period, 1 to
                [MAX_CYCLE_COUNT][accountplan.billing.MAX_CYCLE_COUNT] (1000).

        Returns:
            A day cycle with anniversary alignment and no anchor.

        Raises:
            InvalidTypeError: ``count`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``count`` is below 1.
            LimitExceededError: ``count`` is above ``MAX_CYCLE_COUNT``.

        Examples:
            >>> BillingCycle.daily(10).count
            10
        """
        return cls(unit="day", count=count)

    @classmethod
    def weekly(cls, *, alignment: Alignment = "anniversary") -> BillingCycle:
        """Every week; with ``alignment="calendar"`` periods start on Mondays.

        Args:
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"`` (periods start on
                Mondays).

        Returns:
            A one-week cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``.

        Examples:
            >>> BillingCycle.weekly().unit
            'week'
        """
        return cls(unit="week", count=1, alignment=alignment)

    @classmethod
    def biweekly(cls, *, alignment: Alignment = "anniversary") -> BillingCycle:
        """Every two weeks (fortnightly).

        Args:
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"`` (periods start on
                Mondays).

        Returns:
            A two-week cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``.

        Examples:
            >>> (BillingCycle.biweekly().unit, BillingCycle.biweekly().count)
            ('week', 2)
        """
        return cls(unit="week", count=2, alignment=alignment)

    @classmethod
    def monthly(
        cls, *, anchor: AnchorDay | None = None, alignment: Alignment = "anniversary"
    ) -> BillingCycle:
        """Every month on the anchor day.

        Args:
            anchor: The day of the month periods start on: 1 to 31 (clamped
                to shorter months) or ``"last"``; ``None`` takes the day from
                the schedule's start (the 1st with calendar alignment).
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"``.

        Returns:
            A one-month cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``, or ``anchor`` is
                not a day from 1 to 31 or ``"last"``.

        Examples:
            >>> BillingCycle.monthly(anchor="last").anchor
            'last'
        """
        return cls(unit="month", count=1, anchor=anchor, alignment=alignment)

    @classmethod
    def bimonthly(
        cls, *, anchor: AnchorDay | None = None, alignment: Alignment = "anniversary"
    ) -> BillingCycle:
        """Every **two months** (six periods a year). For twice a month see
        [`semimonthly()`][accountplan.billing.BillingCycle.semimonthly].

        Args:
            anchor: The day of the month periods start on: 1 to 31 (clamped
                to shorter months) or ``"last"``; ``None`` takes the day from
                the schedule's start (the 1st with calendar alignment).
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"`` (periods start in
                January, March, May, July, September and November).

        Returns:
            A two-month cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``, or ``anchor`` is
                not a day from 1 to 31 or ``"last"``.

        Examples:
            >>> BillingCycle.bimonthly().count
            2
        """
        return cls(unit="month", count=2, anchor=anchor, alignment=alignment)

    @classmethod
    def semimonthly(cls, *, days: Sequence[AnchorDay] = (1, 16)) -> BillingCycle:
        """Twice a month, on two chosen days (default the 1st and the 16th).

        The first day must be 27 or earlier; the second may be ``"last"``.

        Args:
            days: The two days of the month periods start on, in order: the
                first from 1 to 27, the second later (up to 31 or
                ``"last"``).

        Returns:
            A one-month cycle with ``anchor`` and ``second_anchor`` set.

        Raises:
            InvalidInputError: ``days`` is not a sequence of two days, the
                first is after the 27th, or the second is not after the first.

        Examples:
            >>> c = BillingCycle.semimonthly(days=(15, "last"))
            >>> (c.anchor, c.second_anchor)
            (15, 'last')
        """
        given: Any = days
        if isinstance(given, str | bytes) or not isinstance(given, Sequence):
            raise InvalidTypeError("days", days, "must be two days of the month")
        if len(given) != 2:
            raise InvalidInputError("days", days, "must be two days of the month")
        return cls(unit="month", count=1, anchor=days[0], second_anchor=days[1])

    @classmethod
    def quarterly(
        cls, *, anchor: AnchorDay | None = None, alignment: Alignment = "anniversary"
    ) -> BillingCycle:
        """Every three months; calendar alignment starts quarters in Jan, Apr, Jul, Oct.

        Args:
            anchor: The day of the month periods start on: 1 to 31 (clamped
                to shorter months) or ``"last"``; ``None`` takes the day from
                the schedule's start (the 1st with calendar alignment).
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"``.

        Returns:
            A three-month cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``, or ``anchor`` is
                not a day from 1 to 31 or ``"last"``.

        Examples:
            >>> BillingCycle.quarterly().count
            3
        """
        return cls(unit="month", count=3, anchor=anchor, alignment=alignment)

    @classmethod
    def semiannual(
        cls, *, anchor: AnchorDay | None = None, alignment: Alignment = "anniversary"
    ) -> BillingCycle:
        """Every six months (twice a year).

        Args:
            anchor: The day of the month periods start on: 1 to 31 (clamped
                to shorter months) or ``"last"``; ``None`` takes the day from
                the schedule's start (the 1st with calendar alignment).
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"`` (halves start in
                January and July).

        Returns:
            A six-month cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``, or ``anchor`` is
                not a day from 1 to 31 or ``"last"``.

        Examples:
            >>> BillingCycle.semiannual().count
            6
        """
        return cls(unit="month", count=6, anchor=anchor, alignment=alignment)

    @classmethod
    def annual(
        cls, *, anchor: AnchorDay | None = None, alignment: Alignment = "anniversary"
    ) -> BillingCycle:
        """Every year. Anniversary billing renews on the start's month and day.

        A leap-day start renews on Feb 28 in common years and Feb 29 in leap
        years.

        Args:
            anchor: The day of the month the year starts on: 1 to 31 (clamped)
                or ``"last"``; ``None`` takes the schedule's start (January
                1st with calendar alignment).
            alignment: ``"anniversary"`` (the default: periods count from
                the schedule's start) or ``"calendar"`` (years start in
                January).

        Returns:
            A one-year cycle.

        Raises:
            InvalidTypeError: ``alignment`` is not a ``str``.
            InvalidInputError: ``alignment`` is not ``"anniversary"`` or
                ``"calendar"``, or ``anchor`` is
                not a day from 1 to 31 or ``"last"``.

        Examples:
            >>> BillingCycle.annual().unit
            'year'
        """
        return cls(unit="year", count=1, anchor=anchor, alignment=alignment)

    # -- derived ------------------------------------------------------------

    @property
    def months(self) -> int:
        """The length of one period in months (0 for day and week cycles).

        Examples:
            >>> BillingCycle.annual().months, BillingCycle.weekly().months
            (12, 0)
        """
        if self.unit == "year":
            return 12 * self.count
        if self.unit == "month":
            return self.count
        return 0

    @property
    def days(self) -> int:
        """The length of one period in days (0 for month and year cycles).

        Examples:
            >>> BillingCycle.biweekly().days
            14
        """
        if self.unit == "week":
            return 7 * self.count
        if self.unit == "day":
            return self.count
        return 0


@attrs.frozen
class Grid:
    """The boundaries of a cycle, numbered from an origin (internal).

    Boundary ``j`` of a month cycle is computed from the origin month and the
    anchor days alone, so it never drifts.
    """

    cycle: BillingCycle
    origin_index: int  # absolute month index, or date ordinal for day/week cycles
    days: tuple[AnchorDay, ...]  # month cycles: the anchor days of each period

    def at(self, j: int, /) -> dt.date:
        """Boundary number ``j`` (any integer)."""
        if self.cycle.months:
            per = len(self.days)
            step, slot = divmod(j, per)
            return _month_date(self.origin_index + step * self.cycle.months, self.days[slot], "end")
        ordinal = self.origin_index + j * self.cycle.days
        if not 1 <= ordinal <= dt.date.max.toordinal():
            raise LimitExceededError("end", ordinal, dt.date.max, "runs past the year 9999")
        return dt.date.fromordinal(ordinal)

    def index_of(self, day: dt.date, /) -> int:
        """The number of the last boundary on or before ``day``."""
        j = 0
        while self.at(j) > day:
            j -= 1
        while self.at(j + 1) <= day:
            j += 1
        return j


def grid(cycle: BillingCycle, start: dt.date, /) -> Grid:
    """The boundaries of ``cycle`` for a schedule starting on ``start`` (internal)."""
    months = cycle.months
    if months:
        index = start.year * 12 + start.month - 1
        if cycle.alignment == "calendar":
            index -= index % months
            default: AnchorDay = 1
        else:
            default = start.day  # type: ignore[assignment]
        first = cycle.anchor if cycle.anchor is not None else default
        days = (first,) if cycle.second_anchor is None else (first, cycle.second_anchor)
        return Grid(cycle, index, days)
    ordinal = start.toordinal()
    if cycle.alignment == "calendar":  # week cycles: from the Monday on or before start
        ordinal -= start.weekday()
    return Grid(cycle, ordinal, ())
