"""Hypothesis strategies for the models of accountplan.calendars."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar, WorkingInterval

__all__ = ["MODEL_STRATEGIES", "calendars", "working_intervals"]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def _day(draw: st.DrawFn) -> tuple[WorkingInterval, ...]:
    """Up to three non-overlapping same-day intervals."""
    marks = sorted(draw(st.sets(st.integers(0, 24 * 4), min_size=0, max_size=6)))
    if len(marks) % 2:
        marks = marks[:-1]
    return tuple(
        WorkingInterval(start=_clock(a * 15), end=_clock(b * 15))
        for a, b in zip(marks[::2], marks[1::2], strict=True)
    )


working_intervals = (
    st.tuples(st.integers(0, 95), st.integers(1, 96))
    .filter(lambda p: p[0] != p[1] % 96)
    .map(lambda p: WorkingInterval(start=_clock(p[0] * 15), end=_clock(p[1] * 15)))
)


@st.composite
def _calendar(draw: st.DrawFn) -> BusinessCalendar:
    """A calendar, with a holiday cover (and the option to look past it) or without one."""
    zone = draw(st.sampled_from(["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata"]))
    hours = draw(st.dictionaries(st.integers(0, 6), _day(), max_size=7))
    cover = draw(st.none() | st.tuples(st.integers(2018, 2024), st.integers(0, 8)))
    if cover is None:
        first, last, years = 2020, 2030, None
    else:
        first, last = cover[0], cover[0] + cover[1]
        years = (first, last)
    dates = st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))
    return BusinessCalendar(
        timezone=zone,
        hours=hours,
        holidays=draw(st.frozensets(dates, max_size=5)),
        special_days=draw(st.dictionaries(dates, _day(), max_size=3)),
        holidays_cover=years,
        assume_no_holidays_beyond_cover=years is not None and draw(st.booleans()),
        name=draw(st.text(max_size=20)),
    )


calendars = _calendar()

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    BusinessCalendar: calendars,
    WorkingInterval: working_intervals,
}
