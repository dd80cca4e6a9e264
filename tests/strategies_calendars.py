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

calendars = st.builds(
    lambda zone, hours, holidays, special, name: BusinessCalendar(
        timezone=zone, hours=hours, holidays=holidays, special_days=special, name=name
    ),
    st.sampled_from(["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata"]),
    st.dictionaries(st.integers(0, 6), _day(), max_size=7),
    st.frozensets(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), max_size=5),
    st.dictionaries(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), _day(), max_size=3),
    st.text(max_size=20),
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    BusinessCalendar: calendars,
    WorkingInterval: working_intervals,
}
