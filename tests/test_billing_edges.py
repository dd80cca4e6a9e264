"""Billing regressions: fractions for percents, negative zero, date limits, late-fee edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from accountplan.billing import (
    BillingCycle,
    Cap,
    Invoice,
    InvoiceLine,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    Payment,
    PaymentTerms,
    account_summary,
    add_months,
    change_plan,
    day_count_days,
    day_count_fraction,
    due_date,
    invoice_for,
    invoice_schedule,
    late_fee,
    prorate,
)
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.money import Money

D = dt.date
CONVENTIONS = ("act_365", "act_360", "act_act", "30_360", "30e_360")


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def _period() -> object:
    return invoice_schedule(BillingCycle.monthly(anchor=1), start=D(2025, 3, 1), count=1)[0]


# -- rates are in percent ---------------------------------------------------------------


@pytest.mark.parametrize("fraction", ["0.21", Decimal("0.09"), "0.5"])
def test_invoice_for_refuses_a_fraction_as_tax_rate(fraction: object) -> None:
    """tax_rate="0.21" raises instead of giving 100.21 on 100.00."""
    # Regression: invoice_for(..., tax_rate="0.21") gave a total of 100.21 on 100.00.
    with pytest.raises(InvalidInputError, match="in percent") as excinfo:
        invoice_for(
            _period(),  # type: ignore[arg-type]
            number="INV-1",
            account_number="C-1",
            price=eur("100.00"),
            description="Plan",
            tax_rate=fraction,  # type: ignore[arg-type]
        )
    assert ("tax_rate", fraction) == (excinfo.value.field, excinfo.value.value)


def test_invoice_for_takes_percent() -> None:
    """21 means 21 %: 100.00 plus tax is 121.00."""
    invoice = invoice_for(
        _period(),  # type: ignore[arg-type]
        number="INV-1",
        account_number="C-1",
        price=eur("100.00"),
        description="Plan",
        tax_rate="21",
    )
    assert eur("121.00") == invoice.total


def test_change_plan_refuses_a_fraction_as_tax_rate() -> None:
    """change_plan's tax rate is in percent too."""
    with pytest.raises(InvalidInputError, match="'tax_rate'"):
        change_plan(
            eur(10),
            eur(20),
            period=(D(2025, 4, 1), D(2025, 5, 1)),
            at=D(2025, 4, 16),
            tax_rate="0.2",
        )


def test_a_real_rate_under_one_percent_is_given_on_the_line() -> None:
    """A line accepts a genuine sub-1 % rate (India's 0.25 % GST on rough diamonds)."""
    line = InvoiceLine(description="Rough diamonds", unit_price=eur("1000.00"), tax_rate="0.25")
    invoice = Invoice(
        number="INV-1",
        account_number="C-1",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        currency="EUR",
        lines=[line],
    )
    assert eur("2.50") == invoice.tax


# -- no negative zero ----------------------------------------------------------------------


def _signed_zero(money: Money) -> bool:
    return money.amount.is_zero() and money.amount.is_signed()


def test_prorating_a_small_credit_never_gives_negative_zero() -> None:
    """A negative amount prorated to nothing is 0.00, not -0.00."""
    jan = (D(2025, 1, 1), D(2025, 2, 1))
    nothing = prorate(eur("-5.00"), period=jan, used=(D(2025, 1, 1), D(2025, 1, 1)))
    tiny = prorate(eur("-0.01"), period=jan, used=(D(2025, 1, 1), D(2025, 1, 2)))
    assert ["0.00 EUR", "0.00 EUR"] == [str(nothing), str(tiny)]
    assert not _signed_zero(nothing)


def test_invoice_amounts_never_show_negative_zero() -> None:
    """A credit line of quantity 0 and the tax on a one-cent credit are 0.00."""
    lines = [
        InvoiceLine(description="Credit", unit_price=eur("-0.01"), quantity=0, tax_rate=21),
        InvoiceLine(description="Cent", unit_price=eur("-0.01"), quantity=1, tax_rate=21),
    ]
    for tax_rounding in ("per_line", "per_invoice"):
        invoice = Invoice(
            number="INV-1",
            account_number="C-1",
            issue_date=D(2025, 1, 1),
            due_date=D(2025, 1, 1),
            currency="EUR",
            lines=lines,
            tax_rounding=tax_rounding,
        )
        amounts = [lines[0].amount, *invoice.line_amounts, invoice.tax, invoice.total]
        amounts += [t.tax for t in invoice.tax_lines]
        assert "-0.00" not in " ".join(str(a) for a in amounts)
        assert not any(_signed_zero(a) for a in amounts)


# -- date limits ----------------------------------------------------------------------------


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(9998, 12, 1), dt.date.max),
        (D(9999, 12, 31), dt.date.max),
        (dt.date.min, D(1, 2, 1)),
        (dt.date.min, dt.date.max),
    ],
)
def test_day_counts_at_the_date_limits(convention: str, start: dt.date, end: dt.date) -> None:
    """Day counts work from year 1 to date.max with no raw OverflowError or ValueError."""
    # Regression: day_count_fraction(9998-12-01, date.max, "act_act") raised a raw ValueError.
    days = day_count_days(start, end, convention=convention)  # type: ignore[arg-type]
    fraction = day_count_fraction(start, end, convention=convention)  # type: ignore[arg-type]
    assert days >= 0
    assert fraction >= 0


def test_act_act_in_the_year_9999() -> None:
    """ACT/ACT ISDA across 9998/9999: 31 days of 9998 and 364 of 9999, both /365."""
    fraction = day_count_fraction(D(9998, 12, 1), dt.date.max, convention="act_act")
    six = Decimal("0.000001")
    assert Decimal("1.082192") == fraction.quantize(six)  # 395 / 365 = 1.0821917...


@pytest.mark.parametrize(
    "policy",
    [
        LateFeePolicy.interest(rate=8, compounding="monthly"),
        LateFeePolicy.interest(rate=8, compounding="annual"),
        LateFeePolicy.interest(rate=8, accrual="per_started_month", compounding="monthly"),
        LateFeePolicy.flat(eur(40), grace_days=3650),
    ],
)
def test_late_fee_near_date_max(policy: LateFeePolicy) -> None:
    """A late fee on a debt due at the end of the calendar is computed, not a raw error."""
    item = OpenItem(number="A", issue_date=D(9999, 12, 1), due_date=D(9999, 12, 2), total=eur(100))
    fee = late_fee(item, as_of=dt.date.max, policy=policy)
    assert fee.amount >= eur(0)


@pytest.mark.parametrize(
    "terms",
    [
        PaymentTerms.net(30),
        PaymentTerms.days_after_end_of_month(10),
        PaymentTerms.months_after_end_of_month(1),
        PaymentTerms.day_of_next_month(5),
    ],
)
def test_due_dates_past_the_calendar_are_refused(terms: PaymentTerms) -> None:
    """A due date after 9999-12-31 raises LimitExceededError."""
    with pytest.raises(LimitExceededError):
        due_date(terms, D(9999, 12, 15))


@pytest.mark.parametrize("cycle", [BillingCycle.monthly(), BillingCycle.weekly()])
def test_schedules_past_the_calendar_are_refused(cycle: BillingCycle) -> None:
    """A schedule running past 9999-12-31 raises LimitExceededError."""
    with pytest.raises(LimitExceededError):
        invoice_schedule(cycle, start=D(9999, 12, 20), count=3)


# -- late fees: days late and caps ----------------------------------------------------------


ITEM = OpenItem(number="INV-1", issue_date=D(2025, 1, 1), due_date=D(2025, 1, 31), total=eur(100))


@pytest.mark.parametrize(
    ("as_of", "days"),
    [(D(2025, 1, 1), 0), (D(2025, 1, 30), 0), (D(2025, 1, 31), 0), (D(2025, 2, 1), 1)],
)
def test_days_late_is_zero_until_the_day_after_the_due_date(as_of: dt.date, days: int) -> None:
    """An item not yet late reports 0 days late, not 1; the day after the due date is 1."""
    # Regression: the mutation max(0, days) -> max(1, days) survived.
    fee = late_fee(ITEM, as_of=as_of, policy=LateFeePolicy.flat(eur(5)))
    assert days == fee.days_late


def test_a_fee_equal_to_its_maximum_is_not_adjusted() -> None:
    """A fee exactly at the maximum is charged in full and reports no adjustment."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(40))], maximum=Cap(amount=eur(40))
    )
    fee = late_fee(ITEM, as_of=D(2025, 2, 1), policy=policy)
    assert (eur(40), "none", eur(40)) == (fee.amount, fee.adjustment, fee.uncapped)
    lower = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(40))], maximum=Cap(amount=eur("39.99"))
    )
    capped = late_fee(ITEM, as_of=D(2025, 2, 1), policy=lower)
    assert (eur("39.99"), "maximum") == (capped.amount, capped.adjustment)


def test_a_fee_equal_to_its_minimum_is_not_adjusted() -> None:
    """A fee exactly at the minimum is charged as is and reports no adjustment."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(40))], minimum=Cap(amount=eur(40))
    )
    fee = late_fee(ITEM, as_of=D(2025, 2, 1), policy=policy)
    assert (eur(40), "none") == (fee.amount, fee.adjustment)
    higher = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(40))], minimum=Cap(amount=eur("40.01"))
    )
    raised = late_fee(ITEM, as_of=D(2025, 2, 1), policy=higher)
    assert (eur("40.01"), "minimum") == (raised.amount, raised.adjustment)


def test_average_days_to_pay_has_two_decimal_places() -> None:
    """Average days to pay is in days to 2 places, never a 60-digit Decimal."""
    items = [
        OpenItem(number=f"I-{n}", issue_date=D(2025, 1, 1), due_date=D(2025, 1, 31), total=eur(10))
        for n in range(3)
    ]
    payments = [
        Payment(reference="P-1", amount=eur(10), received_on=D(2025, 1, 2)),
        Payment(reference="P-2", amount=eur(10), received_on=D(2025, 1, 2)),
        Payment(reference="P-3", amount=eur(10), received_on=D(2025, 1, 3)),
    ]
    summary = account_summary("C-1", items, payments, as_of=D(2025, 3, 1))
    assert "1.33" == str(summary.average_days_to_pay)  # (1 + 1 + 2) / 3 days


def test_months_before_the_year_one_are_refused_with_the_right_reason() -> None:
    """Going back past year 1 says so (it used to say 'runs past the year 9999')."""
    with pytest.raises(LimitExceededError, match="runs before the year 1"):
        add_months(dt.date.min, -1)
    with pytest.raises(LimitExceededError, match="runs past the year 9999"):
        add_months(dt.date.max, 1)
