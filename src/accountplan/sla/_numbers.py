"""The SLA horizon and the fixed precision of every ratio the sla package returns.

Instants are measured in integer microseconds since the Unix epoch and ratios
are computed from integers, then rounded once: nothing here depends on the
ambient `decimal` context, and no result carries more digits than its
documented precision.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from accountplan._decimal import CONTEXT
from accountplan.calendars import HORIZON_END as _CALENDAR_END
from accountplan.calendars import HORIZON_START as _CALENDAR_START
from accountplan.exceptions import InvalidInputError, LimitExceededError

__all__ = [
    "HIGH_US",
    "HORIZON_END",
    "HORIZON_START",
    "LOW_US",
    "PERCENT_PLACES",
    "check_instant",
    "check_places",
    "from_us",
    "half_even",
    "percent_down",
    "places_half_even",
]

_DAY = dt.timedelta(days=1)
_US = dt.timedelta(microseconds=1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

#: The first instant the sla package accepts: one day after the start of the
#: calendars' horizon, so that the local date of an accepted instant lies
#: inside the calendars' horizon in every time zone.
HORIZON_START = dt.datetime.combine(_CALENDAR_START + _DAY, dt.time(), dt.UTC)
#: The first instant the sla package no longer accepts (excluded): one day
#: before the end of the calendars' horizon, for the same reason.
HORIZON_END = dt.datetime.combine(_CALENDAR_END - _DAY, dt.time(), dt.UTC)

#: The horizon in microseconds since the epoch: ``LOW_US <= u < HIGH_US``.
LOW_US = (HORIZON_START - _EPOCH) // _US
HIGH_US = (HORIZON_END - _EPOCH) // _US
_SUPPORTED = f"{HORIZON_START.isoformat()} up to {HORIZON_END.isoformat()} (excluded)"

#: Decimal places of every percentage the sla package returns.
PERCENT_PLACES = 6
_SCALE = 10**PERCENT_PLACES


def check_instant(field: str, value: dt.datetime) -> int:
    """Return an aware instant in microseconds since the epoch, refusing it outside the horizon.

    Subtracting two aware datetimes never overflows (the result is a
    ``timedelta``), so the check itself is safe for ``datetime.max`` and
    ``datetime.min`` with any offset.
    """
    micros = (value - _EPOCH) // _US
    if not LOW_US <= micros < HIGH_US:
        raise LimitExceededError(
            field, value, _SUPPORTED, f"is outside the supported horizon, {_SUPPORTED}"
        )
    return micros


def half_even(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to an integer, ties to even (``denominator > 0``)."""
    quotient, remainder = divmod(numerator, denominator)
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient % 2):
        quotient += 1
    return quotient


def _fixed(units: int) -> Decimal:
    """``units`` millionths as a Decimal with exactly ``PERCENT_PLACES`` places."""
    return Decimal(units).scaleb(-PERCENT_PLACES, context=CONTEXT)


def percent_down(part: int, whole: int) -> Decimal:
    """``part / whole * 100`` rounded down to ``PERCENT_PLACES`` places (``part / whole >= 0``).

    Rounding down means a percentage never claims a level that was not
    reached: 99.9999999 % is reported as 99.999999 %, never as 100 %.
    """
    if whole < 0:
        part, whole = -part, -whole
    return _fixed(part * 100 * _SCALE // whole)


def places_half_even(numerator: int, denominator: int) -> Decimal:
    """``numerator / denominator`` to ``PERCENT_PLACES`` places, ties to even (denominator > 0)."""
    return _fixed(half_even(numerator * _SCALE, denominator))


def check_places(field: str, value: Decimal, original: Any) -> Decimal:
    """Refuse a percentage with more decimal places than the sla package reports.

    A credit tier's bound with at most ``PERCENT_PLACES`` places picks the same
    tier for the rounded-down uptime as for the exact one.
    """
    scaled = value.scaleb(PERCENT_PLACES, context=CONTEXT)
    if scaled != scaled.to_integral_value(context=CONTEXT):
        raise InvalidInputError(
            field,
            original,
            f"must have at most {PERCENT_PLACES} decimal places (the precision of uptime)",
        )
    return value


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def from_us(u: int, zone: dt.tzinfo | None) -> dt.datetime:
    """The aware datetime in ``zone`` of ``u`` microseconds since the epoch.

    ``fold`` is set on a wall time that occurs twice, as ``datetime.fromtimestamp``
    sets it.
    """
    if zone is dt.UTC:
        return _EPOCH + _US * u
    seconds, micro = divmod(u, 1_000_000)
    moment = dt.datetime.fromtimestamp(seconds, zone)
    return moment.replace(microsecond=micro) if micro else moment
