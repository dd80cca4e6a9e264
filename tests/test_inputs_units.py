"""One implementation each: microseconds of a duration and whole-month shifts."""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from accountplan._units import add_months, micros

ONE_US = dt.timedelta(microseconds=1)


@given(st.timedeltas())
def test_micros_is_exact(value: dt.timedelta) -> None:
    """Whole microseconds, exactly as timedelta's own integer division counts them."""
    assert value // ONE_US == micros(value)
    assert dt.timedelta(microseconds=micros(value)) == value


def _oracle(day: dt.date, months: int) -> dt.date | None:
    """Step one month at a time: slow, obviously right."""
    year, month = day.year, day.month
    step = 1 if months >= 0 else -1
    for _ in range(abs(months)):
        month += step
        if month == 13:
            year, month = year + 1, 1
        if month == 0:
            year, month = year - 1, 12
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@given(st.dates(), st.integers(-240, 240))
def test_add_months_clamps_to_the_month_end(day: dt.date, months: int) -> None:
    """The day is clamped to the target month; outside years 1-9999 there is no answer."""
    assert _oracle(day, months) == add_months(day, months)


def test_add_months_keeps_the_wall_clock_and_zone() -> None:
    """A datetime keeps its time and tzinfo (31 January 09:30 -> 29 February 09:30)."""
    zone = ZoneInfo("Europe/Amsterdam")
    start = dt.datetime(2024, 1, 31, 9, 30, tzinfo=zone)
    assert dt.datetime(2024, 2, 29, 9, 30, tzinfo=zone) == add_months(start, 1)
    assert add_months(dt.date(9999, 12, 31), 1) is None
    assert add_months(dt.date(1, 1, 1), -1) is None
    assert add_months(dt.date(2024, 2, 29), 10**18) is None
