"""Day-count conventions: how many days an interest period has, and what part of a year.

Conventions (see ``docs/explanation/late-payment-law.md``):

* ``act_365`` (ACT/365 Fixed): actual days / 365, also in leap years.
* ``act_360`` (ACT/360): actual days / 360.
* ``act_act`` (ACT/ACT ISDA): the period is split at year ends; days in a leap
  year count 1/366, other days 1/365.
* ``30_360`` (30/360 Bond Basis, ISDA 2006 4.16(f)): if D1 is 31 it becomes 30;
  if D2 is 31 and D1 is then 30, D2 becomes 30; days = 360*dY + 30*dM + dD.
* ``30e_360`` (30E/360, Eurobond basis): D1 = 31 and D2 = 31 both become 30.

Periods are half-open ``[start, end)``: interest for a debt due on 1 March and
paid on 31 March runs for the 30 days after the due date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from accountplan._decimal import CONTEXT
from accountplan._typing import DAY_COUNTS, DayCount
from accountplan._validate import check_choice
from accountplan.exceptions import InvalidInputError

__all__ = ["check_date", "day_count_days", "day_count_fraction"]


def check_date(field: str, value: Any) -> dt.date:
    """Return ``value`` if it is a plain ``date`` (a ``datetime`` is refused)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(field, value, "must be a date (not a datetime)")
    return value


def _check_period(start: Any, end: Any) -> tuple[dt.date, dt.date]:
    first = check_date("start", start)
    last = check_date("end", end)
    if last < first:
        raise InvalidInputError(
            "end", last, f"must be on or after 'start' (got end={last}, start={first})"
        )
    return first, last


def _thirty_360(start: dt.date, end: dt.date, *, european: bool) -> int:
    d1, d2 = start.day, end.day
    if d1 == 31:
        d1 = 30
    if d2 == 31 and (european or d1 == 30):
        d2 = 30
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def day_count_days(start: dt.date, end: dt.date, /, *, convention: DayCount) -> int:
    """Count the days of ``[start, end)`` under a day-count convention.

    The actual conventions (``act_365``, ``act_360``, ``act_act``) count
    calendar days; ``30_360`` (US bond basis) and ``30e_360`` (Eurobond
    basis) count every month as 30 days, with their own end-of-month rules.

    Args:
        start: The first day of the period (a ``date``, not a ``datetime``).
        end: The day after the last day counted; on or after ``start``.
        convention: ``act_365``, ``act_360``, ``act_act``, ``30_360`` or
            ``30e_360``.

    Returns:
        The number of days, 0 or more.

    Raises:
        InvalidTypeError: ``convention`` is not a ``str``.
        InvalidInputError: ``end`` is before ``start``, a bound is not a
            ``date``, or the convention is unknown.

    Examples:
        >>> import datetime as dt
        >>> day_count_days(dt.date(2024, 1, 31), dt.date(2024, 3, 31), convention="act_365")
        60
        >>> day_count_days(dt.date(2024, 1, 31), dt.date(2024, 3, 31), convention="30_360")
        60
        >>> day_count_days(dt.date(2024, 1, 15), dt.date(2024, 3, 31), convention="30_360")
        76
        >>> day_count_days(dt.date(2024, 1, 15), dt.date(2024, 3, 31), convention="30e_360")
        75
    """
    first, last = _check_period(start, end)
    mode = check_choice("convention", convention, DAY_COUNTS)
    if mode == "30_360":
        return _thirty_360(first, last, european=False)
    if mode == "30e_360":
        return _thirty_360(first, last, european=True)
    return (last - first).days


def _year_days(year: int) -> int:
    return 366 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 365


def day_count_fraction(start: dt.date, end: dt.date, /, *, convention: DayCount) -> Decimal:
    """Return the part of a year that ``[start, end)`` is under a convention, exactly.

    The result is a ``Decimal`` computed in the library's 60-digit context, so
    ``1/365`` keeps enough digits for any amount of money: it is an exact
    intermediate for interest, rounded only in the money it produces. Every
    date from year 1 to ``date.max`` (9999-12-31) is accepted; nothing past it
    can be asked for.

    Args:
        start: The day before the first day counted.
        end: The last day counted; on or after ``start``.
        convention: ``act_365``, ``act_360``, ``act_act``, ``30_360`` or ``30e_360``.

    Returns:
        The part of a year.

    Raises:
        InvalidInputError: ``end`` before ``start``, a bound not a ``date``,
            or an unknown convention.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> six = Decimal("0.000001")
        >>> day_count_fraction(dt.date(2024, 1, 1), dt.date(2024, 7, 1), convention="act_360")
        Decimal('0.505555555555555555555555555555555555555555555555555555555556')
        >>> day_count_fraction(dt.date(2024, 1, 1), dt.date(2024, 7, 1), convention="act_365")
        Decimal('0.498630136986301369863013698630136986301369863013698630136986')
        >>> # ACT/ACT ISDA: 184 days of 2023 / 365 + 182 days of 2024 / 366
        >>> day_count_fraction(
        ...     dt.date(2023, 7, 1), dt.date(2024, 7, 1), convention="act_act"
        ... ).quantize(six)
        Decimal('1.001377')
    """
    days = day_count_days(start, end, convention=convention)
    if convention == "act_365":
        return CONTEXT.divide(Decimal(days), Decimal(365))
    if convention != "act_act":
        return CONTEXT.divide(Decimal(days), Decimal(360))
    total = Decimal(0)
    cursor = start
    while cursor < end:
        # The year 9999 has no next New Year in ``datetime``: its period ends at ``end``.
        stop = end if cursor.year == end.year else dt.date(cursor.year + 1, 1, 1)
        part = CONTEXT.divide(Decimal((stop - cursor).days), Decimal(_year_days(cursor.year)))
        total = CONTEXT.add(total, part)
        cursor = stop
    return total


def year_fraction(start: dt.date, end: dt.date, /, *, convention: DayCount) -> Fraction:
    """The part of a year that ``[start, end)`` is, as an exact fraction.

    The same as [day_count_fraction][accountplan.billing.day_count_fraction]
    without any rounding, so that interest can be computed as one exact
    product and rounded once: ``3650.00 x 12.25 % x 31/365`` is exactly
    37.975, which a year fraction rounded to 60 digits first would turn into
    37.97499... and round the wrong way.
    """
    days = day_count_days(start, end, convention=convention)
    if convention == "act_365":
        return Fraction(days, 365)
    if convention != "act_act":
        return Fraction(days, 360)
    total = Fraction(0)
    cursor = start
    while cursor < end:
        stop = end if cursor.year == end.year else dt.date(cursor.year + 1, 1, 1)
        total += Fraction((stop - cursor).days, _year_days(cursor.year))
        cursor = stop
    return total
