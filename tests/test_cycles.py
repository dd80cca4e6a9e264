"""Billing cycles: presets, anchors, validation and month arithmetic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accountplan.billing import MAX_CYCLE_COUNT, BillingCycle, add_months, anchored_date
from accountplan.exceptions import InvalidInputError, LimitExceededError


@pytest.mark.parametrize(
    ("cycle", "unit", "count"),
    [
        (BillingCycle.daily(), "day", 1),
        (BillingCycle.weekly(), "week", 1),
        (BillingCycle.biweekly(), "week", 2),
        (BillingCycle.monthly(), "month", 1),
        (BillingCycle.bimonthly(), "month", 2),
        (BillingCycle.semimonthly(), "month", 1),
        (BillingCycle.quarterly(), "month", 3),
        (BillingCycle.semiannual(), "month", 6),
        (BillingCycle.annual(), "year", 1),
    ],
)
def test_presets(cycle: BillingCycle, unit: str, count: int) -> None:
    """Each named preset is a unit and a count; bi-monthly is every two months."""
    assert (unit, count) == (cycle.unit, cycle.count)


def test_semimonthly_defaults_to_first_and_sixteenth() -> None:
    """Semi-monthly (twice a month) defaults to the 1st and the 16th."""
    cycle = BillingCycle.semimonthly()
    assert (1, 16) == (cycle.anchor, cycle.second_anchor)


def test_lengths() -> None:
    """A cycle knows its length in months or days."""
    assert 12 == BillingCycle.annual().months
    assert 24 == BillingCycle(unit="year", count=2).months
    assert 3 == BillingCycle.quarterly().months
    assert 0 == BillingCycle.weekly().months
    assert 14 == BillingCycle.biweekly().days
    assert 5 == BillingCycle.daily(5).days
    assert 0 == BillingCycle.monthly().days


def test_anchored_date_clamps_to_month_end() -> None:
    """Anchor 31 lands on the last day of short months; 'last' always does."""
    assert dt.date(2023, 2, 28) == anchored_date(2023, 2, 31)
    assert dt.date(2024, 2, 29) == anchored_date(2024, 2, 31)
    assert dt.date(2024, 4, 30) == anchored_date(2024, 4, "last")
    assert dt.date(2024, 1, 31) == anchored_date(2024, 1, "last")


def test_add_months_is_computed_from_the_anchor() -> None:
    """Adding months keeps the anchor, so a short month does not drag later dates."""
    assert dt.date(2025, 2, 28) == add_months(dt.date(2025, 1, 31), 1)
    assert dt.date(2025, 3, 31) == add_months(dt.date(2025, 2, 28), 1, anchor=31)
    assert dt.date(2025, 3, 31) == add_months(dt.date(2024, 12, 31), 3)
    assert dt.date(2024, 11, 30) == add_months(dt.date(2025, 1, 31), -2)
    assert dt.date(2025, 2, 28) == add_months(dt.date(2024, 2, 29), 12)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: anchored_date(2025, 2, 0), "anchor"),  # type: ignore[arg-type]
        (lambda: anchored_date(2025, 2, True), "anchor"),  # type: ignore[arg-type]
        (lambda: anchored_date(2025, 13, 1), "month"),
        (lambda: anchored_date(0, 1, 1), "year"),
        (lambda: anchored_date(2025, "1", 1), "month"),  # type: ignore[arg-type]
        (lambda: add_months(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), 1), "day"),
        (lambda: add_months(dt.date(2025, 1, 1), 1, anchor=32), "anchor"),  # type: ignore[arg-type]
        (lambda: add_months(dt.date(2025, 1, 1), "1"), "months"),  # type: ignore[arg-type]
    ],
)
def test_month_arithmetic_rejects_bad_input(call: Any, field: str) -> None:
    """Bad days, months, years and anchors name the field."""
    with pytest.raises(InvalidInputError) as info:
        call()
    assert field == info.value.field


def test_add_months_past_year_9999() -> None:
    """Going past the last representable year is a limit, not a crash."""
    with pytest.raises(LimitExceededError):
        add_months(dt.date(9999, 12, 1), 1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"unit": "fortnight"}, "unit"),
        ({"unit": "month", "count": 0}, "count"),
        ({"unit": "month", "count": True}, "count"),
        ({"unit": "month", "anchor": 32}, "anchor"),
        ({"unit": "month", "anchor": 1.0}, "anchor"),
        ({"unit": "week", "anchor": 1}, "anchor"),
        ({"unit": "day", "alignment": "calendar"}, "alignment"),
        ({"unit": "month", "alignment": "fiscal"}, "alignment"),
        ({"unit": "month", "anchor": 1, "second_anchor": 0}, "second_anchor"),
        ({"unit": "month", "count": 2, "anchor": 1, "second_anchor": 16}, "second_anchor"),
        ({"unit": "year", "anchor": 1, "second_anchor": 16}, "second_anchor"),
        ({"unit": "month", "second_anchor": 16}, "anchor"),
        ({"unit": "month", "anchor": 28, "second_anchor": 30}, "anchor"),
        ({"unit": "month", "anchor": 15, "second_anchor": 15}, "second_anchor"),
        ({"unit": "month", "anchor": 15, "second_anchor": 3}, "second_anchor"),
    ],
)
def test_invalid_cycles(kwargs: dict[str, Any], field: str) -> None:
    """Invalid combinations raise InvalidInputError naming the field."""
    with pytest.raises(InvalidInputError) as info:
        BillingCycle(**kwargs)
    assert field == info.value.field


def test_count_limit() -> None:
    """A count above the documented maximum is a LimitExceededError."""
    with pytest.raises(LimitExceededError):
        BillingCycle(unit="day", count=MAX_CYCLE_COUNT + 1)


@pytest.mark.parametrize("days", [(1,), "1,16", (1, 16, 20), 5])
def test_semimonthly_needs_two_days(days: Any) -> None:
    """Semi-monthly takes exactly two days."""
    with pytest.raises(InvalidInputError):
        BillingCycle.semimonthly(days=days)


def test_semimonthly_last_day() -> None:
    """The second day of a semi-monthly cycle may be the last day of the month."""
    cycle = BillingCycle.semimonthly(days=(15, "last"))
    assert "last" == cycle.second_anchor
