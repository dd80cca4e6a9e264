"""The exact text of the calendar's errors: people read them, so they are behaviour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

WEEK = {d: [("09:00", "17:00")] for d in range(5)}
OFFICE = BusinessCalendar.weekly("UTC", hours=WEEK)
ALWAYS = BusinessCalendar.always("UTC")
HORIZON = (
    "is outside the calendar's horizon: business time is computed for local dates "
    "from 1970-01-01 up to 2200-01-01"
)
D = dt.date
T = dt.datetime


def _from_holidays(**changes: Any) -> Callable[[], object]:
    options: dict[str, Any] = {"country": "NL", "years": [2026], "hours": WEEK} | changes
    return lambda: BusinessCalendar.from_holidays("UTC", **options)


CASES: list[tuple[Callable[[], object], type[Exception], str]] = [
    (
        lambda: OFFICE.business_days(D(2026, 1, 2), D(2026, 1, 1)),
        InvalidInputError,
        "'end' must not be before start 2026-01-02 (got datetime.date(2026, 1, 1))",
    ),
    (
        lambda: OFFICE.business_days("2026-01-01", D(2026, 1, 1)),  # type: ignore[arg-type]
        InvalidInputError,
        "'start' must be a date (got '2026-01-01')",
    ),
    (
        lambda: OFFICE.business_days(D(2026, 1, 1), "x"),  # type: ignore[arg-type]
        InvalidInputError,
        "'end' must be a date (got 'x')",
    ),
    (
        lambda: OFFICE.business_days(D(1969, 12, 31), D(2026, 1, 1)),
        LimitExceededError,
        f"'start' {HORIZON} (got datetime.date(1969, 12, 31))",
    ),
    (
        lambda: OFFICE.business_days(D(2026, 1, 1), D(2200, 1, 2)),
        LimitExceededError,
        f"'end' {HORIZON} (got datetime.date(2200, 1, 2))",
    ),
    (
        lambda: OFFICE.working_time("x"),  # type: ignore[arg-type]
        InvalidInputError,
        "'day' must be a date (got 'x')",
    ),
    (
        lambda: OFFICE.working_time(D(2200, 1, 1)),
        LimitExceededError,
        f"'day' {HORIZON} (got datetime.date(2200, 1, 1))",
    ),
    (
        lambda: OFFICE.working_time(D(1969, 12, 31)),
        LimitExceededError,
        f"'day' {HORIZON} (got datetime.date(1969, 12, 31))",
    ),
    (
        lambda: list(OFFICE.intervals(T(2026, 1, 2, tzinfo=dt.UTC), T(2026, 1, 1, tzinfo=dt.UTC))),
        InvalidInputError,
        "'end' must not be before start 2026-01-02T00:00:00+00:00 "
        "(got datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc))",
    ),
    (
        lambda: ALWAYS.next_close(T(2026, 1, 1, tzinfo=dt.UTC)),
        LimitExceededError,
        "'at' starts a working stretch longer than 400 days "
        "(got datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc))",
    ),
    (
        lambda: OFFICE.subtract(T(1970, 1, 5, 10, tzinfo=dt.UTC), dt.timedelta(hours=100)),
        LimitExceededError,
        "'duration' reaches back before the calendar's horizon (1970-01-01) "
        "(got datetime.timedelta(days=4, seconds=14400))",
    ),
    (
        lambda: OFFICE.is_open(T(1969, 12, 31, 23, tzinfo=dt.UTC)),
        LimitExceededError,
        f"'at' {HORIZON} "
        "(got datetime.datetime(1969, 12, 31, 23, 0, tzinfo=datetime.timezone.utc))",
    ),
    (
        lambda: OFFICE.position(T(2200, 1, 1, 0, 1, tzinfo=dt.UTC)),
        LimitExceededError,
        f"'at' {HORIZON} (got datetime.datetime(2200, 1, 1, 0, 1, tzinfo=datetime.timezone.utc))",
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={}).next_open(T(2026, 1, 1, tzinfo=dt.UTC)),
        LimitExceededError,
        "'at' runs out of working time before the calendar's horizon ends (2200-01-01) "
        "(got datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc))",
    ),
    (
        _from_holidays(country="XX"),
        InvalidInputError,
        "'country' is not known to the holidays package (got 'XX')",
    ),
    (
        _from_holidays(country="US", subdivision="ZZ"),
        InvalidInputError,
        "'subdivision' is not known to the holidays package (got 'ZZ')",
    ),
    (_from_holidays(years=[]), InvalidInputError, "'years' must name at least one year (got [])"),
    (
        _from_holidays(years=[1990, 2190]),
        LimitExceededError,
        "'years' spans too many years (got [1990, 2190])",
    ),
    (_from_holidays(country=5), InvalidTypeError, "'country' must be str (got 5)"),
    (_from_holidays(years=["2026"]), InvalidTypeError, "'years' must be int (got '2026')"),
    (
        _from_holidays(years=[1969]),
        LimitExceededError,
        "'holidays_cover' must lie inside the calendar's horizon (1970 to 2199) (got (1969, 1969))",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), CASES)
def test_error_messages(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each error names the field and the value in the documented words."""
    if "from_holidays" in getattr(call, "__qualname__", ""):
        pytest.importorskip("holidays")
    with pytest.raises(error) as info:
        call()
    assert message == str(info.value)


def test_limits_name_the_range() -> None:
    """LimitExceededError.limit is the answered range."""
    with pytest.raises(LimitExceededError) as info:
        OFFICE.is_open(T(2200, 6, 1, tzinfo=dt.UTC))
    assert "1970-01-01 to 2200-01-01" == info.value.limit
    with pytest.raises(LimitExceededError) as info:
        ALWAYS.next_close(T(2026, 1, 1, tzinfo=dt.UTC))
    assert 400 == info.value.limit
    pytest.importorskip("holidays")
    with pytest.raises(LimitExceededError) as info:
        _from_holidays(years=[1990, 2190])()
    assert 200 == info.value.limit
