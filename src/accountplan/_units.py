"""Unit arithmetic shared by the packages: microseconds of a duration, whole months.

One implementation each, so that every package counts the same way:

* [micros][accountplan._units.micros]: a ``timedelta`` as an exact integer
  number of microseconds (the unit SLA clocks, availability and KPIs count
  in). Integer arithmetic on ``days``, ``seconds`` and ``microseconds``: no
  float, no rounding.
* [add_months][accountplan._units.add_months]: a date or datetime plus whole
  months, the day clamped to the end of a shorter month (31 January plus one
  month is 28 or 29 February), by ``dateutil.relativedelta``; ``None`` when
  the result would fall outside the years 1 to 9999.

Billing's anchored month arithmetic
([add_months][accountplan.billing.add_months] with an anchor day) is its own:
it places a date on an anchor day of a month, which is not a shift.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from dateutil.relativedelta import relativedelta

__all__ = ["add_months", "micros"]

D = TypeVar("D", dt.date, dt.datetime)


def micros(value: dt.timedelta, /) -> int:
    """Return ``value`` in whole microseconds, exactly.

    >>> micros(dt.timedelta(days=1, seconds=1, microseconds=5))
    86401000005
    >>> micros(dt.timedelta(microseconds=-1))
    -1
    """
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def add_months(value: D, months: int, /) -> D | None:
    """Return ``value`` plus ``months`` whole months, or ``None`` outside years 1-9999.

    The day is clamped to the length of the target month; a datetime keeps
    its wall-clock time and ``tzinfo`` (its ``fold`` too: callers that need
    an instant normalise the result).

    >>> add_months(dt.date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    >>> add_months(dt.date(2024, 3, 31), -1)
    datetime.date(2024, 2, 29)
    >>> add_months(dt.date(9999, 12, 1), 1) is None
    True
    """
    try:
        return value + relativedelta(months=months)
    except (ValueError, OverflowError):  # a year before 1 or after 9999
        return None
