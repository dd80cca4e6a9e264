"""Late fees: day counts, policies, grace, caps, partial payments, properties."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan._decimal import CONTEXT
from accountplan.billing import (
    Cap,
    InterestPolicy,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    RatePeriod,
    RateTable,
    Settlement,
    bundled_rate_table,
    day_count_days,
    day_count_fraction,
    late_fee,
)
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, LimitExceededError
from accountplan.money import Money
from accountplan.serialization import from_json, to_json
from tests.strategies_receivables import days, late_fee_policies, open_items

D = dt.date


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


DUE = D(2025, 1, 31)


def item(amount: str | int = "1000.00", due: dt.date = DUE, **kw: Any) -> OpenItem:
    return OpenItem(
        number="INV-1",
        issue_date=D(2025, 1, 1),
        due_date=due,
        total=eur(amount),
        **kw,
    )


# -- day counts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "convention", "days"),
    [
        # 30/360 Bond Basis and 30E/360 as in ISDA 2006 section 4.16(f) and (g).
        (D(2024, 1, 31), D(2024, 3, 31), "30_360", 60),
        (D(2024, 1, 30), D(2024, 3, 31), "30_360", 60),
        (D(2024, 1, 29), D(2024, 3, 31), "30_360", 62),
        (D(2024, 1, 29), D(2024, 3, 31), "30e_360", 61),
        (D(2024, 2, 29), D(2024, 3, 31), "30e_360", 31),
        (D(2023, 12, 31), D(2024, 12, 31), "30_360", 360),
        (D(2024, 1, 1), D(2025, 1, 1), "act_365", 366),
        (D(2024, 1, 1), D(2025, 1, 1), "act_360", 366),
    ],
)
def test_day_count_days_golden(start: dt.date, end: dt.date, convention: str, days: int) -> None:
    """Day counts follow the ISDA definitions of each convention."""
    assert days == day_count_days(start, end, convention=convention)  # type: ignore[arg-type]


def test_act_act_splits_at_year_end() -> None:
    """ACT/ACT ISDA counts 2023 days over 365 and 2024 days over 366."""
    expected = CONTEXT.add(
        CONTEXT.divide(Decimal(31), Decimal(365)), CONTEXT.divide(Decimal(60), Decimal(366))
    )
    assert expected == day_count_fraction(D(2023, 12, 1), D(2024, 3, 1), convention="act_act")


@given(days, st.integers(0, 2000))
def test_act_act_matches_day_by_day_oracle(start: dt.date, length: int) -> None:
    """ACT/ACT equals the sum of 1/365 or 1/366 over each day (a slow oracle)."""
    end = start + dt.timedelta(days=length)
    oracle = Decimal(0)
    day = start
    while day < end:
        year_days = (
            366 if (day.year % 4 == 0 and day.year % 100 != 0) or day.year % 400 == 0 else 365
        )
        oracle = CONTEXT.add(oracle, CONTEXT.divide(Decimal(1), Decimal(year_days)))
        day += dt.timedelta(days=1)
    actual = day_count_fraction(start, end, convention="act_act")
    assert abs(oracle - actual) < Decimal("1e-50")


def test_day_count_refuses_reversed_and_datetimes() -> None:
    """An end before the start and datetimes are refused, naming the field."""
    with pytest.raises(InvalidInputError, match="'end'"):
        day_count_days(D(2024, 2, 1), D(2024, 1, 1), convention="act_365")
    with pytest.raises(InvalidInputError, match="'start'"):
        day_count_days(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), D(2024, 2, 1), convention="act_365")
    with pytest.raises(InvalidInputError, match="convention"):
        day_count_days(D(2024, 1, 1), D(2024, 2, 1), convention="act_364")  # type: ignore[arg-type]


# -- worked examples -------------------------------------------------------------------


def test_erpnext_dunning_fee_and_interest() -> None:
    """Fee 10 plus 10 % a year for 15 days on 100 gives 10.41 (ERPNext test_dunning)."""
    # erpnext/accounts/doctype/dunning/test_dunning.py, test_dunning_with_fees_and_interest:
    # outstanding 100, "Second Notice" fee 10.0 and interest 10.0, 15 days overdue:
    # total_interest 0.41, dunning_amount 10.41 (interest = amount * rate / 100 / 365 * days).
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="flat", amount=eur(10)),
            LateFeeComponent(kind="interest", interest=InterestPolicy(rate="10")),
        ]
    )
    fee = late_fee(item("100.00", due=D(2025, 3, 1)), as_of=D(2025, 3, 16), policy=policy)
    assert eur("10.41") == fee.amount
    assert [eur("10.00"), eur("0.41")] == [line.amount for line in fee.lines]


def test_us_contract_rate_simple_versus_monthly_compounding() -> None:
    """1.5 % a month for a year: 18 % simple, about 19.56 % compounded monthly."""
    # Reference: 1.015 ** 12 - 1 = 0.195618... (late-payment-law.md, United States).
    debt = item("10000.00", due=D(2025, 1, 31))
    year_later = D(2026, 1, 31)
    simple = LateFeePolicy.interest(rate="18", accrual="per_started_month")
    monthly = LateFeePolicy.interest(rate="18", accrual="per_started_month", compounding="monthly")
    assert eur("1800.00") == late_fee(debt, as_of=year_later, policy=simple).amount
    # 10000 * (1.015 ** 12 - 1) = 1956.1817...; each month's interest is rounded to the
    # cent before it is capitalised, which gives 1956.17.
    assert eur("1956.17") == late_fee(debt, as_of=year_later, policy=monthly).amount


def test_per_started_month_charges_a_whole_month_for_one_day() -> None:
    """'1 % per month or part of a month': one day late costs a full month."""
    policy = LateFeePolicy.interest(rate="12", accrual="per_started_month")
    debt = item("500.00")
    assert eur("5.00") == late_fee(debt, as_of=D(2025, 2, 1), policy=policy).amount
    assert eur("5.00") == late_fee(debt, as_of=D(2025, 2, 28), policy=policy).amount
    assert eur("10.00") == late_fee(debt, as_of=D(2025, 3, 1), policy=policy).amount


def test_rate_change_mid_period_splits_the_lines() -> None:
    """A rate table change inside the period gives one line per rate."""
    table = RateTable(
        name="contract",
        periods=[
            RatePeriod(effective=D(2025, 1, 1), rate="10"),
            RatePeriod(effective=D(2025, 3, 1), rate="20"),
        ],
        valid_until=D(2025, 12, 31),
    )
    fee = late_fee(
        item("3650.00"), as_of=D(2025, 3, 10), policy=LateFeePolicy.interest(rates=table)
    )
    # Feb 1..Feb 28 (28 days) at 10 % = 28.00; Mar 1..Mar 10 (10 days) at 20 % = 20.00.
    assert [(28, Decimal(10)), (10, Decimal(20))] == [(x.days, x.rate) for x in fee.lines]
    assert eur("48.00") == fee.amount


def test_partial_payment_reduces_principal_from_its_day() -> None:
    """A payment stops interest on the part paid after its payment day."""
    debt = item(
        "3650.00", settlements=[Settlement(settled_on=D(2025, 2, 10), amount=eur("1825.00"))]
    )
    fee = late_fee(debt, as_of=D(2025, 2, 20), policy=LateFeePolicy.interest(rate="10"))
    # Feb 1..10: 10 days on 3650 = 10.00; Feb 11..20: 10 days on 1825 = 5.00.
    assert [eur("10.00"), eur("5.00")] == [line.amount for line in fee.lines]


def test_interest_stops_on_payment_day() -> None:
    """Once the item is settled, a later as_of adds nothing."""
    debt = item(
        "3650.00", settlements=[Settlement(settled_on=D(2025, 2, 10), amount=eur("3650.00"))]
    )
    policy = LateFeePolicy.interest(rate="10")
    assert (
        late_fee(debt, as_of=D(2025, 2, 10), policy=policy).amount
        == late_fee(debt, as_of=D(2026, 2, 10), policy=policy).amount
    )


def test_paid_within_grace_owes_nothing() -> None:
    """An item paid inside the grace period owes no fee at all."""
    debt = item("100.00", settlements=[Settlement(settled_on=D(2025, 2, 3), amount=eur("100.00"))])
    policy = LateFeePolicy(components=[LateFeeComponent(kind="flat", amount=eur(15))], grace_days=5)
    assert eur(0) == late_fee(debt, as_of=D(2025, 6, 1), policy=policy).amount


@pytest.mark.parametrize(("mode", "days_counted"), [("from_grace_end", 5), ("from_due_date", 10)])
def test_grace_accrual_modes(mode: str, days_counted: int) -> None:
    """After the grace period interest counts from its end or from the due date."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="interest", interest=InterestPolicy(rate="36.5"))],
        grace_days=5,
        grace_accrual=mode,  # type: ignore[arg-type]
    )
    debt = item("1000.00")
    assert eur(0) == late_fee(debt, as_of=D(2025, 2, 5), policy=policy).amount
    fee = late_fee(debt, as_of=D(2025, 2, 10), policy=policy)
    assert Money.from_minor_units(days_counted * 100, "EUR") == fee.amount


def test_minimum_and_maximum_caps() -> None:
    """The fee is raised to the minimum and lowered to the maximum, and says so."""
    low = LateFeePolicy(
        components=[LateFeeComponent(kind="percentage", percent="1")], minimum=Cap(amount=eur(40))
    )
    fee = late_fee(item("100.00"), as_of=D(2025, 2, 1), policy=low)
    assert (eur(40), "minimum", eur("1.00")) == (fee.amount, fee.adjustment, fee.uncapped)
    high = LateFeePolicy(
        components=[LateFeeComponent(kind="interest", interest=InterestPolicy(rate="100"))],
        maximum=Cap(percent="10"),
    )
    fee = late_fee(item("100.00"), as_of=D(2026, 1, 31), policy=high)
    assert (eur("10.00"), "maximum") == (fee.amount, fee.adjustment)


def test_flat_fee_in_another_currency_is_refused() -> None:
    """A flat fee in dollars on a euro item raises CurrencyMismatchError."""
    policy = LateFeePolicy.flat(Money(amount=5, currency="USD"))
    with pytest.raises(CurrencyMismatchError):
        late_fee(item(), as_of=D(2025, 3, 1), policy=policy)


def test_policy_validation_names_fields() -> None:
    """Bad policies raise InvalidInputError naming the field."""
    with pytest.raises(InvalidInputError, match="'rate'"):
        InterestPolicy()
    with pytest.raises(InvalidInputError, match="'percent'"):
        LateFeeComponent(kind="flat", amount=eur(1), percent="2")
    with pytest.raises(InvalidInputError, match="'grace_days'"):
        LateFeePolicy.flat(eur(1), grace_days=-1)
    with pytest.raises(InvalidInputError, match="'components'"):
        LateFeePolicy(components=[])
    with pytest.raises(InvalidInputError, match="'rate'"):
        InterestPolicy(rate="-1")
    with pytest.raises(TypeError):
        InterestPolicy(rate=0.5)


def test_as_of_far_in_the_future_is_refused() -> None:
    """More than a century of lateness raises LimitExceededError."""
    with pytest.raises(LimitExceededError):
        late_fee(item(), as_of=D(2200, 1, 1), policy=LateFeePolicy.interest(rate="1"))


# -- properties -----------------------------------------------------------------------


@given(open_items(), late_fee_policies, days, st.integers(0, 400))
def test_fee_never_negative_and_never_decreasing(
    debt: OpenItem, policy: LateFeePolicy, as_of: dt.date, later: int
) -> None:
    """Fees are never negative and never fall as as_of moves on."""
    first = late_fee(debt, as_of=as_of, policy=policy)
    second = late_fee(debt, as_of=as_of + dt.timedelta(days=later), policy=policy)
    assert first.amount.amount >= 0
    assert first.amount <= second.amount


@given(open_items(), late_fee_policies, days)
def test_caps_respected_and_lines_add_up(
    debt: OpenItem, policy: LateFeePolicy, as_of: dt.date
) -> None:
    """The lines add up to the uncapped fee and the fee keeps within its caps."""
    fee = late_fee(debt, as_of=as_of, policy=policy)
    assert fee.uncapped == sum((line.amount for line in fee.lines), Money.zero("EUR"))
    assert fee.amount.is_rounded()
    if fee.lines and policy.maximum is not None:
        assert fee.amount <= policy.maximum.resolve(fee.principal)
    if fee.lines and policy.minimum is not None and fee.adjustment != "maximum":
        assert fee.amount >= policy.minimum.resolve(fee.principal).rounded("up")


@given(late_fee_policies)
def test_policy_json_round_trip(policy: LateFeePolicy) -> None:
    """Every policy survives JSON exactly."""
    assert policy == from_json(to_json(policy), LateFeePolicy)


@given(open_items(), late_fee_policies, days)
def test_fee_json_round_trip(debt: OpenItem, policy: LateFeePolicy, as_of: dt.date) -> None:
    """A computed fee, with its breakdown, survives JSON exactly."""
    fee = late_fee(debt, as_of=as_of, policy=policy)
    assert fee == from_json(to_json(fee), type(fee))


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(max_size=5),
        st.datetimes(),
        st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 1, 1)),
    )
)
def test_fuzz_as_of_raises_only_documented_errors(as_of: object) -> None:
    """Arbitrary as_of values give a fee or a documented accountplan error."""
    with contextlib.suppress(InvalidInputError, LimitExceededError):
        late_fee(item(), as_of=as_of, policy=LateFeePolicy.interest(rate="8"))  # type: ignore[arg-type]


# -- settlement, composition, caps ------------------------------------------------------


@pytest.mark.parametrize("compounding", ["simple", "annual", "monthly"])
def test_compounded_interest_stops_on_the_settlement_day(compounding: str) -> None:
    """Once settled, nothing accrues, not even on interest already capitalised."""
    debt = item(
        "1000.00", settlements=[Settlement(settled_on=D(2026, 6, 30), amount=eur("1000.00"))]
    )
    policy = LateFeePolicy.interest(rate="12", compounding=compounding)  # type: ignore[arg-type]
    at_payment = late_fee(debt, as_of=D(2026, 6, 30), policy=policy)
    years_later = late_fee(debt, as_of=D(2029, 6, 30), policy=policy)
    assert at_payment.amount == years_later.amount
    assert D(2026, 6, 30) == years_later.lines[-1].end


def test_settled_debt_needs_the_rate_table_only_up_to_the_payment() -> None:
    """A table ending before as_of is enough when the debt was settled inside it."""
    table = RateTable(
        name="short",
        periods=[RatePeriod(effective=D(2025, 1, 1), rate="36.5")],
        valid_until=D(2025, 3, 31),
    )
    policy = LateFeePolicy.interest(rates=table)
    paid = item(
        "1000.00", settlements=[Settlement(settled_on=D(2025, 2, 10), amount=eur("1000.00"))]
    )
    # 10 days (Feb 1..10) at 36.5 % on 1000 = 10.00, whatever as_of is.
    assert eur("10.00") == late_fee(paid, as_of=D(2027, 1, 1), policy=policy).amount
    with pytest.raises(InvalidInputError) as excinfo:
        late_fee(item("1000.00"), as_of=D(2025, 4, 1), policy=policy)
    assert ("as_of", D(2025, 4, 1)) == (excinfo.value.field, excinfo.value.value)


def test_per_started_month_stops_with_the_last_payment() -> None:
    """Months that start after the debt is settled cost nothing."""
    debt = item("500.00", settlements=[Settlement(settled_on=D(2025, 2, 15), amount=eur("500.00"))])
    policy = LateFeePolicy.interest(rate="12", accrual="per_started_month")
    fee = late_fee(debt, as_of=D(2025, 12, 31), policy=policy)
    assert (eur("5.00"), 1) == (fee.amount, len(fee.lines))


def test_percentage_policy_and_composition() -> None:
    """Flat, percentage and interest components add up, each line in the breakdown."""
    assert eur("5.00") == (
        late_fee(item("250.00"), as_of=D(2025, 2, 1), policy=LateFeePolicy.percentage(2)).amount
    )
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="flat", amount=eur(15), label="admin fee"),
            LateFeeComponent(kind="percentage", percent="1.5", label="late charge"),
            LateFeeComponent(
                kind="interest", interest=InterestPolicy(rate="36.5"), label="interest"
            ),
        ],
        grace_days=3,
    )
    fee = late_fee(item("1000.00"), as_of=D(2025, 2, 13), policy=policy)
    # 15 + 1.5 % of 1000 = 15 + 10 days after the grace end (Feb 4..13) at 0.1 % a day = 10.
    assert [
        ("flat", "admin fee", eur("15.00")),
        ("percentage", "late charge", eur("15.00")),
        ("interest", "interest", eur("10.00")),
    ] == [(x.component, x.label, x.amount) for x in fee.lines]
    assert (eur("40.00"), D(2025, 2, 3), 13) == (fee.amount, fee.accrual_start, fee.days_late)


def test_caps_as_percentage_of_principal_and_absolute() -> None:
    """A percentage cap is taken of the principal overdue; an absolute cap is money."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="interest", interest=InterestPolicy(rate="100"))],
        minimum=Cap(percent="5"),
        maximum=Cap(amount=eur("120.00")),
    )
    early = late_fee(item("1000.00"), as_of=D(2025, 2, 2), policy=policy)
    late = late_fee(item("1000.00"), as_of=D(2025, 12, 31), policy=policy)
    assert (eur("50.00"), "minimum") == (early.amount, early.adjustment)
    assert (eur("120.00"), "maximum") == (late.amount, late.adjustment)
    assert Money(amount="0.5", currency="EUR") == Cap(percent="0.05").resolve(eur(1000))


def test_maximum_wins_over_a_conflicting_minimum() -> None:
    """When the minimum is above the maximum the maximum is charged."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(1))],
        minimum=Cap(amount=eur(50)),
        maximum=Cap(amount=eur(30)),
    )
    fee = late_fee(item(), as_of=D(2025, 3, 1), policy=policy)
    assert (eur(30), "maximum", eur("1.00")) == (fee.amount, fee.adjustment, fee.uncapped)


def test_cap_validation_and_currency() -> None:
    """A cap needs exactly one of amount and percent, never negative, in the item's currency."""
    with pytest.raises(InvalidInputError) as excinfo:
        Cap()
    assert ("amount", None) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        Cap(amount=eur(1), percent="2")
    assert "amount" == excinfo.value.field
    with pytest.raises(InvalidInputError) as excinfo:
        Cap(amount=eur(-1))
    assert ("amount", eur(-1)) == (excinfo.value.field, excinfo.value.value)
    usd = Money(amount=5, currency="USD")
    with pytest.raises(CurrencyMismatchError):
        Cap(amount=usd).resolve(eur(100))
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(1))], maximum=Cap(amount=usd)
    )
    with pytest.raises(CurrencyMismatchError):
        late_fee(item(), as_of=D(2025, 3, 1), policy=policy)


def test_components_validation() -> None:
    """Components must be a non-empty sequence of LateFeeComponent, at most 50."""
    flat = LateFeeComponent(kind="flat", amount=eur(1))
    with pytest.raises(InvalidInputError) as excinfo:
        LateFeePolicy(components="flat")
    assert ("components", "flat") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        LateFeePolicy(components=[flat, "flat"])
    assert ("components[1]", "flat") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(LimitExceededError) as limit:
        LateFeePolicy(components=[flat] * 51)
    assert ("components", 51, 50) == (limit.value.field, limit.value.value, limit.value.limit)
    with pytest.raises(InvalidInputError) as excinfo:
        LateFeeComponent(kind="interest")
    assert ("interest", None) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        LateFeeComponent(kind="flat", amount=eur(-2))
    assert ("amount", eur(-2)) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        InterestPolicy(rate="5", day_count="act_364")  # type: ignore[arg-type]
    assert ("day_count", "act_364") == (excinfo.value.field, excinfo.value.value)


def test_fixed_rate_needs_the_first_late_day_covered() -> None:
    """fix_rate keeps the first late day's rate and needs only that day in the table."""
    table = RateTable(
        name="t",
        periods=[
            RatePeriod(effective=D(2025, 1, 1), rate="10"),
            RatePeriod(effective=D(2025, 2, 5), rate="20"),
        ],
        valid_until=D(2025, 2, 28),
    )
    component = LateFeeComponent(
        kind="interest", interest=InterestPolicy(rates=table, margin=8, fix_rate=True)
    )
    fee = late_fee(
        item("3650.00"), as_of=D(2025, 3, 12), policy=LateFeePolicy(components=[component])
    )
    # Feb 1 .. Mar 12 = 40 days at 10 + 8 = 18 % on 3650 = 72.00, ignoring the change to 20.
    assert ([Decimal(18)], eur("72.00")) == ([x.rate for x in fee.lines], fee.amount)
    late = item("3650.00", due=D(2025, 3, 1))
    with pytest.raises(InvalidInputError) as excinfo:
        late_fee(late, as_of=D(2025, 3, 12), policy=LateFeePolicy(components=[component]))
    assert ("start", D(2025, 3, 2)) == (excinfo.value.field, excinfo.value.value)


@given(open_items(), st.sampled_from(["simple", "annual", "monthly"]), days, st.integers(0, 700))
def test_table_interest_never_negative_and_never_decreasing(
    debt: OpenItem, compounding: str, as_of: dt.date, later: int
) -> None:
    """With the bundled Dutch table, fees are never negative and grow with as_of."""
    table = RateTable(
        name="nl_commercial_extended",
        periods=bundled_rate_table("nl_commercial").periods,
        valid_until=D(2030, 12, 31),
    )
    policy = LateFeePolicy.interest(rates=table, compounding=compounding)  # type: ignore[arg-type]
    first = late_fee(debt, as_of=as_of, policy=policy)
    second = late_fee(debt, as_of=as_of + dt.timedelta(days=later), policy=policy)
    assert Money.zero("EUR") <= first.amount <= second.amount


def test_thirty_360_lines_count_thirty_day_months() -> None:
    """Under 30/360 the line's days are the convention's days, not the calendar's."""
    policy = LateFeePolicy.interest(rate="12", day_count="30_360")
    fee = late_fee(item("3600.00"), as_of=D(2025, 3, 31), policy=policy)
    # 31 Jan -> 31 Mar: 59 actual days, 60 under 30/360 (ISDA 2006 4.16(f)); 3600 * 12 % / 6.
    assert [(60, eur("72.00"))] == [(x.days, x.amount) for x in fee.lines]


# -- exact half minor units ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        # 3650.00 x 12.25 % x 31/365 = 1386.875 x 31 / 365 ... worked by hand:
        # 3650 x 0.1225 = 447.125; 447.125 x 31 = 13860.875; / 365 = 37.975 exactly.
        ("half_even", "37.98"),
        ("half_up", "37.98"),
        ("half_down", "37.97"),
    ],
)
def test_interest_on_an_exact_half_cent_rounds_by_the_mode(rounding: str, expected: str) -> None:
    """Interest is one exact product rounded once: an exact half cent is a tie, not 37.9749..."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="interest", interest=InterestPolicy(rate="12.25"))],
        rounding=rounding,  # type: ignore[arg-type]
    )
    fee = late_fee(item("3650.00"), as_of=DUE + dt.timedelta(days=31), policy=policy)
    assert eur(expected) == fee.amount


@pytest.mark.parametrize(("rounding", "expected"), [("half_up", "1.03"), ("half_even", "1.02")])
def test_monthly_interest_on_an_exact_half_cent(rounding: str, expected: str) -> None:
    """A month of 10 % a year on 123.00 is 12.30 / 12 = 1.025 exactly, not 1.02499..."""
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(
                kind="interest",
                interest=InterestPolicy(rate="10", accrual="per_started_month"),
            )
        ],
        rounding=rounding,  # type: ignore[arg-type]
    )
    fee = late_fee(item("123.00"), as_of=DUE + dt.timedelta(days=1), policy=policy)
    assert eur(expected) == fee.amount
