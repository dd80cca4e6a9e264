"""Units of the business-time engine: integer microseconds, local day numbers, the horizon.

Time inside the engine is an integer count of microseconds: instants are
microseconds since 1970-01-01T00:00Z ("u"), business time is microseconds of
working time ("B"). Local dates are proleptic Gregorian ordinals ("n").
"""

from __future__ import annotations

import datetime as dt

from accountplan._units import micros

#: A timedelta in whole microseconds (the one conversion, from accountplan._units).
duration_us = micros

__all__ = [
    "BASE_ORD",
    "DAY_US",
    "EPOCH",
    "EPOCH_ORD",
    "HORIZON_END",
    "HORIZON_START",
    "MAX_ORD",
    "MIN_ORD",
    "SECOND_US",
    "US",
    "DayIntervals",
    "duration_us",
    "from_us",
    "utc_us",
]

DAY_US = 86_400_000_000
SECOND_US = 1_000_000
US = dt.timedelta(microseconds=1)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
EPOCH_ORD = dt.date(1970, 1, 1).toordinal()

#: First local date the engine answers for.
HORIZON_START = dt.date(1970, 1, 1)
#: First local date past the engine's range (exclusive).
HORIZON_END = dt.date(2200, 1, 1)

MIN_ORD = HORIZON_START.toordinal()
MAX_ORD = HORIZON_END.toordinal() - 1
# A Monday on or before HORIZON_START: day index k = ord - BASE_ORD, weekday = k % 7.
BASE_ORD = MIN_ORD - HORIZON_START.weekday()

#: Wall-clock intervals of one local day: (start, end) microseconds after midnight.
DayIntervals = tuple[tuple[int, int], ...]


def utc_us(value: dt.datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime."""
    return micros(value - EPOCH)


def from_us(u: int, zone: dt.tzinfo | None) -> dt.datetime:
    """The aware datetime in ``zone`` of instant ``u`` (``fold`` set on repeated times)."""
    if zone is dt.UTC:
        return EPOCH + US * u
    seconds, micro = divmod(u, SECOND_US)
    moment = dt.datetime.fromtimestamp(seconds, zone)
    return moment.replace(microsecond=micro) if micro else moment
