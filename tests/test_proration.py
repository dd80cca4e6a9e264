"""Proration: the methods side by side, exact splits and mid-period plan changes."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.billing import (
    MAX_PRORATION_PARTS,
    PlanChange,
    change_plan,
    prorate,
    prorate_parts,
    proration_ratio,
)
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, LimitExceededError
from accountplan.money import Money
from tests.strategies_invoicing import SPLIT_CURRENCIES, days

D = dt.date
AMS = ZoneInfo("Europe/Amsterdam")


def usd(text: str) -> Money:
    return Money(amount=text, currency="USD")


# -- golden cases ---------------------------------------------------------------


def test_stripe_upgrade_halfway() -> None:
    """10 USD to 20 USD halfway through the period: -5 USD credit, +10 USD charge."""
    # Stripe, "Prorations" (https://docs.stripe.com/billing/subscriptions/prorations):
    # unused time on the original plan -5 USD, remaining time on the new plan +10 USD.
    change = change_plan(
        usd("10.00"), usd("20.00"), period=(D(2025, 4, 1), D(2025, 5, 1)), at=D(2025, 4, 16)
    )
    assert usd("-5.00") == change.credit.amount
    assert usd("10.00") == change.charge.amount
    assert usd("5.00") == change.net


def test_stripe_backdated_proration() -> None:
    """Jan 15 to Feb 1 of a Jan 15 to Feb 15 month is 17/31; Feb 15 to Mar 1 is exactly half."""
    # Stripe, "Backdate subscriptions" (https://stripe.com/docs/billing/subscriptions/backdating).
    assert Fraction(17, 31) == proration_ratio(
        period=(D(2025, 1, 15), D(2025, 2, 15)), used=(D(2025, 1, 15), D(2025, 2, 1))
    )
    half = prorate(
        usd("30.00"), period=(D(2025, 2, 15), D(2025, 3, 15)), used=(D(2025, 2, 15), D(2025, 3, 1))
    )
    assert usd("15.00") == half


@pytest.mark.parametrize("method", ["actual_days", "calendar_month_days"])
def test_lago_calendar_month_proration(method: Any) -> None:
    """50 USD a month from August 10: 22 days of 31 is 35.48 USD."""
    # Lago, "Assign a plan to a customer", calendar billing
    # (https://getlago.com/docs/guide/subscriptions/assign-plan): 22 x $50 / 31 = $35.48.
    amount = prorate(
        usd("50.00"),
        period=(D(2025, 8, 1), D(2025, 9, 1)),
        used=(D(2025, 8, 10), D(2025, 9, 1)),
        method=method,
    )
    assert usd("35.48") == amount


def test_methods_side_by_side() -> None:
    """One span, four measures: the table of docs/explanation/month-ends-and-proration.md."""
    period = (D(2025, 1, 15), D(2025, 2, 15))  # an anniversary month across February
    used = (D(2025, 2, 1), D(2025, 2, 15))
    ratios = {
        method: proration_ratio(period=period, used=used, method=method)
        for method in ("actual_days", "calendar_month_days", "thirty_day_month", "none")
    }
    assert {
        "actual_days": Fraction(14, 31),
        "calendar_month_days": Fraction(1, 2) / (Fraction(17, 31) + Fraction(1, 2)),
        "thirty_day_month": Fraction(14, 30),
        "none": Fraction(1),
    } == ratios


def test_thirty_day_month_counts_thirty_days() -> None:
    """Under a 30-day month the 31st counts as the 30th and February as 30 days."""
    february = (D(2025, 2, 1), D(2025, 3, 1))
    assert Fraction(1) == proration_ratio(period=february, used=february, method="thirty_day_month")
    january = (D(2025, 1, 1), D(2025, 2, 1))
    assert Fraction(16, 30) == proration_ratio(
        period=january, used=(D(2025, 1, 15), D(2025, 2, 1)), method="thirty_day_month"
    )


def test_seconds_use_real_elapsed_time_across_dst() -> None:
    """By the second, in UTC: the day clocks go forward has 23 hours."""
    period = (dt.datetime(2025, 3, 1, tzinfo=AMS), dt.datetime(2025, 4, 1, tzinfo=AMS))
    used = (dt.datetime(2025, 3, 30, tzinfo=AMS), dt.datetime(2025, 3, 31, tzinfo=AMS))
    ratio = proration_ratio(period=period, used=used, method="seconds")
    assert Fraction(23, 31 * 24 - 1) == ratio
    amount = prorate(usd("743.00"), period=period, used=used, method="seconds")
    assert usd("23.00") == amount


def test_rounding_mode() -> None:
    """The prorated amount is rounded with the given mode."""
    period = (D(2025, 1, 1), D(2025, 1, 9))
    used = (D(2025, 1, 1), D(2025, 1, 2))  # 1/8 of 0.10 = 0.0125
    assert usd("0.01") == prorate(usd("0.10"), period=period, used=used)
    assert usd("0.02") == prorate(usd("0.10"), period=period, used=used, rounding="up")


def test_prorate_parts_split_exactly() -> None:
    """Splitting a period's price at cuts never loses a minor unit."""
    parts = prorate_parts(
        Money(amount=1000, currency="JPY"),
        period=(D(2025, 1, 1), D(2025, 2, 1)),
        cuts=[D(2025, 1, 11), D(2025, 1, 21)],
    )
    assert [323, 322, 355] == [p.minor_units for p in parts]


def test_plan_change_at_the_edges_and_without_proration() -> None:
    """A change on the first day swaps whole prices; on the last boundary nothing is due."""
    period = (D(2025, 4, 1), D(2025, 5, 1))
    first = change_plan(usd("10.00"), usd("20.00"), period=period, at=D(2025, 4, 1))
    assert (usd("-10.00"), usd("20.00")) == (first.credit.amount, first.charge.amount)
    last = change_plan(usd("10.00"), usd("20.00"), period=period, at=D(2025, 5, 1))
    assert usd("0.00") == last.net
    none = change_plan(usd("10.00"), usd("20.00"), period=period, at=D(2025, 4, 16), method="none")
    assert Money.zero("USD") == none.net
    assert (none.credit, none.charge) == none.lines


def test_plan_change_with_tax_and_descriptions() -> None:
    """The two lines carry the tax rate and descriptions given."""
    change = change_plan(
        usd("10.00"),
        usd("20.00"),
        period=(D(2025, 4, 1), D(2025, 5, 1)),
        at=D(2025, 4, 16),
        tax_rate="21",
        old_description="Basic, unused",
        new_description="Pro, remaining",
    )
    assert ("Basic, unused", "Pro, remaining") == (
        change.credit.description,
        change.charge.description,
    )
    assert 21 == change.charge.tax_rate
    assert isinstance(change, PlanChange)


# -- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"period": (D(2025, 1, 1),), "used": (D(2025, 1, 1), D(2025, 1, 2))}, "period"),
        ({"period": "2025", "used": (D(2025, 1, 1), D(2025, 1, 2))}, "period"),
        ({"period": (D(2025, 2, 1), D(2025, 1, 1)), "used": (D(2025, 1, 1),) * 2}, "period"),
        (
            {"period": (D(2025, 1, 1), D(2025, 2, 1)), "used": (D(2025, 1, 1), D(2025, 3, 1))},
            "used",
        ),
        ({"period": (D(2025, 1, 1), D(2025, 1, 1)), "used": (D(2025, 1, 1),) * 2}, "period"),
        (
            {
                "period": (D(2025, 1, 1), D(2025, 2, 1)),
                "used": (D(2025, 1, 1), D(2025, 1, 2)),
                "method": "weekly",
            },
            "method",
        ),
        (
            {
                "period": (D(2025, 1, 1), D(2025, 2, 1)),
                "used": (D(2025, 1, 1), D(2025, 1, 2)),
                "method": "seconds",
            },
            "period[0]",
        ),
        (
            {
                "period": (dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1)),
                "used": (D(2025, 1, 1), D(2025, 1, 2)),
            },
            "period[0]",
        ),
        (
            {
                "period": (D(2025, 1, 30), D(2025, 1, 31)),
                "used": (D(2025, 1, 30), D(2025, 1, 31)),
                "method": "thirty_day_month",
            },
            "period",
        ),
    ],
)
def test_invalid_proration(kwargs: dict[str, Any], field: str) -> None:
    """Bad spans and methods raise InvalidInputError naming the field."""
    with pytest.raises(InvalidInputError) as info:
        prorate(usd("10.00"), **kwargs)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda: prorate(10, period=(D(2025, 1, 1), D(2025, 2, 1)), used=(D(2025, 1, 1),) * 2),  # type: ignore[arg-type]
            "amount",
        ),
        (
            lambda: prorate(
                usd("1"),
                period=(D(2025, 1, 1), D(2025, 2, 1)),
                used=(D(2025, 1, 1),) * 2,
                rounding="bankers",  # type: ignore[arg-type]
            ),
            "rounding",
        ),
        (
            lambda: prorate_parts(
                usd("1"), period=(D(2025, 1, 1), D(2025, 2, 1)), cuts=[], method="none"
            ),
            "method",
        ),
        (
            lambda: prorate_parts(
                usd("1"),
                period=(D(2025, 1, 1), D(2025, 2, 1)),
                cuts="2025-01-05",  # type: ignore[arg-type]
            ),
            "cuts",
        ),
        (
            lambda: prorate_parts(
                usd("1"), period=(D(2025, 1, 1), D(2025, 2, 1)), cuts=[D(2025, 1, 9), D(2025, 1, 5)]
            ),
            "cuts[1]",
        ),
        (
            lambda: prorate_parts(usd("1.001"), period=(D(2025, 1, 1), D(2025, 2, 1)), cuts=[]),
            "amount",
        ),
        (
            lambda: change_plan(
                usd("-1"), usd("1"), period=(D(2025, 1, 1), D(2025, 2, 1)), at=D(2025, 1, 5)
            ),
            "old_price",
        ),
        (
            lambda: change_plan(
                usd("1"), usd("1.001"), period=(D(2025, 1, 1), D(2025, 2, 1)), at=D(2025, 1, 5)
            ),
            "new_price",
        ),
        (
            lambda: change_plan(
                usd("1"), usd("1"), period=(D(2025, 1, 1), D(2025, 2, 1)), at=D(2025, 3, 5)
            ),
            "at",
        ),
        (
            lambda: change_plan(
                usd("1"),
                usd("1"),
                period=(D(2025, 1, 1), D(2025, 2, 1)),
                at=D(2025, 1, 5),
                new_description=" ",
            ),
            "new_description",
        ),
    ],
)
def test_invalid_calls(call: Any, field: str) -> None:
    """Every function checks its arguments."""
    with pytest.raises(InvalidInputError) as info:
        call()
    assert field == info.value.field


def test_currency_mismatch_and_limits() -> None:
    """Prices of a plan change share a currency; splits are bounded."""
    with pytest.raises(CurrencyMismatchError):
        change_plan(
            usd("1"),
            Money(amount=1, currency="EUR"),
            period=(D(2025, 1, 1), D(2025, 2, 1)),
            at=D(2025, 1, 5),
        )
    with pytest.raises(LimitExceededError):
        prorate_parts(
            usd("1"),
            period=(D(2025, 1, 1), D(2025, 2, 1)),
            cuts=[D(2025, 1, 2)] * MAX_PRORATION_PARTS,
        )


# -- properties -------------------------------------------------------------------

methods = st.sampled_from(["actual_days", "calendar_month_days", "thirty_day_month"])


@settings(max_examples=300)
@given(
    currency=st.sampled_from(SPLIT_CURRENCIES),
    units=st.integers(0, 10**12),
    start=days,
    length=st.integers(2, 800),
    cuts=st.lists(st.integers(1, 799), max_size=6),
    method=methods,
)
def test_parts_sum_exactly(
    currency: str, units: int, start: dt.date, length: int, cuts: list[int], method: Any
) -> None:
    """Prorated parts sum exactly to the whole in 0-, 2- and 3-decimal currencies."""
    amount = Money.from_minor_units(units, currency)
    end = start + dt.timedelta(days=length)
    points = sorted({start + dt.timedelta(days=c % length) for c in cuts} - {start})
    if method == "thirty_day_month" and (end.day == 31 and end - start == dt.timedelta(days=1)):
        return
    parts = prorate_parts(amount, period=(start, end), cuts=points, method=method)
    assert len(points) + 1 == len(parts)
    assert units == sum(p.minor_units for p in parts)
    assert all(p.amount >= 0 for p in parts)


@settings(max_examples=300)
@given(
    currency=st.sampled_from(SPLIT_CURRENCIES),
    old=st.integers(0, 10**9),
    new=st.integers(0, 10**9),
    start=days,
    length=st.integers(28, 366),
    offset=st.integers(0, 366),
    method=methods,
)
def test_plan_change_sums(
    currency: str, old: int, new: int, start: dt.date, length: int, offset: int, method: Any
) -> None:
    """Used part of the old price plus the credit is the old price; net is charge less credit."""
    old_price = Money.from_minor_units(old, currency)
    new_price = Money.from_minor_units(new, currency)
    end = start + dt.timedelta(days=length)
    at = start + dt.timedelta(days=offset % (length + 1))
    change = change_plan(old_price, new_price, period=(start, end), at=at, method=method)
    credit = -change.credit.amount
    assert Money.zero(currency) <= credit <= old_price
    assert Money.zero(currency) <= change.charge.amount <= new_price
    assert change.charge.amount - credit == change.net
    if start < at < end:
        used = prorate_parts(old_price, period=(start, end), cuts=[at], method=method)[0]
        assert old_price == used + credit


@settings(max_examples=200)
@given(
    start=days,
    length=st.integers(1, 400),
    a=st.integers(0, 400),
    b=st.integers(0, 400),
    method=methods,
)
def test_ratio_between_zero_and_one(
    start: dt.date, length: int, a: int, b: int, method: Any
) -> None:
    """A span inside the period is worth between nothing and the whole price."""
    end = start + dt.timedelta(days=length)
    lo, hi = sorted((a % (length + 1), b % (length + 1)))
    used = (start + dt.timedelta(days=lo), start + dt.timedelta(days=hi))
    try:
        ratio = proration_ratio(period=(start, end), used=used, method=method)
    except InvalidInputError:
        assert method == "thirty_day_month"  # a one-day period on the 31st has no 30-day length
        return
    assert 0 <= ratio <= 1
