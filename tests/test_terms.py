"""Payment terms: due-date rules, installments in exact minor units, early-payment discounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.billing import (
    MAX_INSTALLMENTS,
    DueRule,
    EarlyPaymentDiscount,
    FixedInstallment,
    Installment,
    InstallmentDue,
    PaymentTerms,
    discount_deadline,
    discounted_total,
    due_date,
    installments,
)
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, LimitExceededError
from accountplan.money import Money
from tests.strategies_invoicing import SPLIT_CURRENCIES, days, due_rules, payment_terms

D = dt.date


def eur(text: str) -> Money:
    return Money(amount=text, currency="EUR")


# -- golden cases ---------------------------------------------------------------


def test_erpnext_547_split_three_ways() -> None:
    """5.47 in 33.34 % + 33.33 % + 33.33 % is 1.82 + 1.82 + 1.83, not 3 x 1.82 = 5.46."""
    # ERPNext issue #12057 (https://github.com/frappe/erpnext/issues/12057): every term
    # became 1.82 and the schedule no longer matched the grand total.
    terms = PaymentTerms.split(
        Installment.percentage("33.34", DueRule.net(0)),
        Installment.percentage("33.33", DueRule.net(30)),
        Installment.percentage("33.33", DueRule.net(60)),
    )
    parts = installments(terms, eur("5.47"), D(2017, 12, 15))
    assert [eur("1.82"), eur("1.82"), eur("1.83")] == [p.amount for p in parts]
    assert [D(2017, 12, 15), D(2018, 1, 14), D(2018, 2, 13)] == [p.due_date for p in parts]
    assert [1, 2, 3] == [p.sequence for p in parts]


def test_erpnext_thirty_thousand_in_thirds() -> None:
    """30,000.00 at 33.334 / 33.333 / 33.333 % is 10,000.20 + 9,999.90 + 9,999.90."""
    # ERPNext issue #26951 (https://github.com/frappe/erpnext/issues/26951).
    terms = PaymentTerms.split(
        Installment.percentage("33.334", DueRule.net(0)),
        Installment.percentage("33.333", DueRule.net(30)),
        Installment.percentage("33.333", DueRule.net(60)),
    )
    parts = installments(terms, eur("30000.00"), D(2021, 8, 15))
    assert [eur("10000.20"), eur("9999.90"), eur("9999.90")] == [p.amount for p in parts]


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (PaymentTerms.net(0), D(2026, 4, 10)),
        (PaymentTerms.net(30), D(2026, 5, 10)),
        (PaymentTerms.months_after_end_of_month(0), D(2026, 4, 30)),
        (PaymentTerms.days_after_end_of_month(30), D(2026, 5, 30)),
    ],
)
def test_lago_payment_term_examples(terms: PaymentTerms, expected: dt.date) -> None:
    """An invoice of April 10, 2026 under Lago's documented payment-term types."""
    # Lago, "Payment terms" (https://getlago.com/docs/guide/invoicing/invoicing-settings/
    # payment-term.md): due on receipt, net 30, end of month, net 30 after end of month.
    assert expected == due_date(terms, D(2026, 4, 10))


def test_erpnext_thirty_days_eom() -> None:
    """ "30 days EOM": add a month to the invoice month and take its last day."""
    # ERPNext issue #3451 (https://github.com/frappe/erpnext/issues/3451).
    terms = PaymentTerms.months_after_end_of_month(1)
    assert D(2015, 7, 31) == due_date(terms, D(2015, 6, 11))
    assert D(2024, 2, 29) == due_date(terms, D(2024, 1, 31))
    assert D(2023, 2, 28) == due_date(terms, D(2023, 1, 5))


def test_odoo_thirty_percent_now_rest_end_of_next_month() -> None:
    """30 % due immediately, the remaining 70 % at the end of the following month."""
    # Odoo documentation, Accounting > Payment terms (odoo/documentation pull request
    # #12833): "The first line is the 30% due immediately. The second line is the
    # remaining 70% due at the end of the following month."
    terms = PaymentTerms.split(
        Installment.percentage(30, DueRule.net(0)),
        Installment.balance(DueRule.months_after_end_of_month(1)),
    )
    parts = installments(terms, eur("1000.01"), D(2025, 1, 15))
    assert [(D(2025, 1, 15), eur("300.00")), (D(2025, 2, 28), eur("700.01"))] == [
        (p.due_date, p.amount) for p in parts
    ]
    assert D(2025, 2, 28) == due_date(terms, D(2025, 1, 15))


def test_day_of_next_month_with_cutoff() -> None:
    """Day 10 of next month; invoices in the last 5 days of a month wait one more month."""
    terms = PaymentTerms.day_of_next_month(10, cutoff_days=5)
    assert D(2025, 2, 10) == due_date(terms, D(2025, 1, 26))
    assert D(2025, 3, 10) == due_date(terms, D(2025, 1, 27))
    assert D(2025, 3, 10) == due_date(terms, D(2025, 2, 23))
    assert D(2025, 4, 10) == due_date(terms, D(2025, 2, 24))
    assert D(2025, 4, 10) == due_date(terms, D(2025, 2, 28))
    clamped = PaymentTerms.day_of_next_month(31)
    assert D(2024, 2, 29) == due_date(clamped, D(2024, 1, 20))
    assert D(2025, 1, 31) == due_date(PaymentTerms.day_of_next_month("last"), D(2024, 12, 31))


def test_two_ten_net_thirty() -> None:
    """ "2/10 net 30": 2 % off until ten days after the invoice date, else due in 30 days."""
    terms = PaymentTerms.early_payment(2, 10, net=30)
    assert "2/10 net 30" == terms.name
    invoice_date = D(2025, 1, 25)
    assert D(2025, 2, 4) == discount_deadline(terms, invoice_date)
    assert D(2025, 2, 24) == due_date(terms, invoice_date)
    total = eur("1234.56")
    on_time = discounted_total(terms, total, invoice_date=invoice_date, paid_on=D(2025, 2, 4))
    assert eur("1209.87") == on_time
    late = discounted_total(terms, total, invoice_date=invoice_date, paid_on=D(2025, 2, 5))
    assert total == late
    plain = PaymentTerms.net(30)
    assert discount_deadline(plain, invoice_date) is None
    assert total == discounted_total(plain, total, invoice_date=invoice_date, paid_on=invoice_date)


def test_discount_rounding_mode() -> None:
    """The discount is rounded with the given mode."""
    terms = PaymentTerms.net(30, discount=EarlyPaymentDiscount(percent="2.5", days=10))
    total = Money(amount="0.50", currency="EUR")  # discount 0.0125
    day = D(2025, 1, 1)
    assert eur("0.49") == discounted_total(terms, total, invoice_date=day, paid_on=day)
    assert eur("0.48") == discounted_total(
        terms, total, invoice_date=day, paid_on=day, rounding="up"
    )


def test_fixed_amount_and_balance() -> None:
    """A fixed deposit first, then a percentage, the balance takes the rest."""
    terms = PaymentTerms.split(
        Installment.fixed(eur("100.00"), DueRule.net(0)),
        Installment.percentage(50, DueRule.net(30)),
        Installment.balance(DueRule.net(60)),
    )
    parts = installments(terms, eur("300.01"), D(2025, 1, 1))
    assert [eur("100.00"), eur("150.00"), eur("50.01")] == [p.amount for p in parts]


def test_balance_in_the_middle_absorbs() -> None:
    """The balance installment absorbs the remainder wherever it stands."""
    terms = PaymentTerms.split(
        Installment.percentage("33.33", DueRule.net(0)),
        Installment.balance(DueRule.net(30)),
        Installment.percentage("33.33", DueRule.net(60)),
    )
    parts = installments(terms, eur("5.47"), D(2025, 1, 1))
    assert [eur("1.82"), eur("1.83"), eur("1.82")] == [p.amount for p in parts]


def test_single_rule_is_one_installment() -> None:
    """Terms with one rule give one installment of the whole total."""
    parts = installments(PaymentTerms.net(14), eur("10.00"), D(2025, 1, 1))
    assert (InstallmentDue(sequence=1, due_date=D(2025, 1, 15), amount=eur("10.00")),) == parts


def test_fixed_amount_larger_than_total() -> None:
    """Fixed amounts above the total are refused."""
    terms = PaymentTerms.split(
        Installment.fixed(eur("100.00"), DueRule.net(0)), Installment.balance(DueRule.net(30))
    )
    with pytest.raises(InvalidInputError):
        installments(terms, eur("50.00"), D(2025, 1, 1))
    with pytest.raises(CurrencyMismatchError):
        installments(terms, Money(amount=500, currency="USD"), D(2025, 1, 1))


# -- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "eom"}, "kind"),
        ({"kind": "net", "days": -1}, "days"),
        ({"kind": "net", "days": "3"}, "days"),
        ({"kind": "net", "months": 1}, "months"),
        ({"kind": "net", "day": 5}, "day"),
        ({"kind": "months_after_end_of_month", "days": 3}, "days"),
        ({"kind": "day_of_next_month"}, "day"),
        ({"kind": "day_of_next_month", "day": 32}, "day"),
        ({"kind": "day_of_next_month", "day": 5, "cutoff_days": 0}, "cutoff_days"),
        ({"kind": "day_of_next_month", "day": 5, "cutoff_days": "5"}, "cutoff_days"),
        ({"kind": "days_after_end_of_month", "cutoff_days": 3}, "cutoff_days"),
    ],
)
def test_invalid_due_rules(kwargs: dict[str, Any], field: str) -> None:
    """A rule only carries the fields of its kind, within range."""
    with pytest.raises(InvalidInputError) as info:
        DueRule(**kwargs)
    assert field == info.value.field


def test_due_rule_limits() -> None:
    """Terms longer than ten years are a limit."""
    with pytest.raises(LimitExceededError):
        DueRule.net(10_000)
    with pytest.raises(LimitExceededError):
        DueRule.months_after_end_of_month(500)


def test_due_dates_past_year_9999() -> None:
    """A due date after the year 9999 is a LimitExceededError."""
    with pytest.raises(LimitExceededError):
        due_date(PaymentTerms.net(30), D(9999, 12, 15))
    with pytest.raises(LimitExceededError):
        due_date(PaymentTerms.day_of_next_month(1), D(9999, 12, 15))


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Installment(rule=DueRule.net(0), percent=0), "percent"),
        (lambda: Installment(rule=DueRule.net(0), percent=101), "percent"),
        (lambda: Installment(rule="net 0"), "rule"),  # type: ignore[call-overload]
        (lambda: Installment(rule=DueRule.net(0), amount=eur("0")), "amount"),
        (lambda: Installment(rule=DueRule.net(0), amount=eur("1.005")), "amount"),
        (lambda: Installment(rule=DueRule.net(0), percent=5, amount=eur("1")), "amount"),  # type: ignore[call-overload]
        (lambda: EarlyPaymentDiscount(percent=0, days=10), "percent"),
        (lambda: EarlyPaymentDiscount(percent=100, days=10), "percent"),
        (PaymentTerms, "rule"),
        (lambda: PaymentTerms(rule=DueRule.net(0), installments=[_pct(100)]), "rule"),
        (lambda: PaymentTerms(rule="net"), "rule"),  # type: ignore[arg-type]
        (lambda: PaymentTerms(rule=DueRule.net(0), discount=2), "discount"),  # type: ignore[arg-type]
        (lambda: PaymentTerms(installments="x"), "installments"),
        (lambda: PaymentTerms(installments=[1]), "installments[0]"),
        (lambda: PaymentTerms.split(_pct(50), _pct(40)), "installments"),
        (lambda: PaymentTerms.split(_pct(50), _pct(60), _balance()), "installments"),
        (lambda: PaymentTerms.split(_balance(), _balance()), "installments"),
        (lambda: PaymentTerms.split(_fixed("10"), _pct(100)), "installments"),
        (lambda: PaymentTerms.early_payment(2, 40, net=30), "days"),
    ],
)
def test_invalid_terms(build: Any, field: str) -> None:
    """Inconsistent installments, discounts and terms are refused, naming the field."""
    with pytest.raises(InvalidInputError) as info:
        build()
    assert field == info.value.field


def _pct(value: int) -> Installment:
    return Installment.percentage(value, DueRule.net(0))


def _balance() -> Installment:
    return Installment.balance(DueRule.net(30))


def _fixed(amount: str, currency: str = "EUR") -> Installment:
    return Installment.fixed(Money(amount=amount, currency=currency), DueRule.net(0))


def test_fixed_amounts_in_one_currency() -> None:
    """Fixed installments must share a currency."""
    with pytest.raises(CurrencyMismatchError):
        PaymentTerms.split(_fixed("10"), _fixed("10", "USD"), _balance())


def test_too_many_installments() -> None:
    """More installments than the documented maximum are a limit."""
    with pytest.raises(LimitExceededError):
        PaymentTerms(installments=[_balance()] * (MAX_INSTALLMENTS + 1))


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: due_date("net 30", D(2025, 1, 1)), "terms"),  # type: ignore[arg-type]
        (lambda: due_date(PaymentTerms.net(3), dt.datetime(2025, 1, 1)), "invoice_date"),
        (lambda: installments(DueRule.net(3), eur("1"), D(2025, 1, 1)), "terms"),  # type: ignore[arg-type]
        (lambda: installments(PaymentTerms.net(3), eur("-1"), D(2025, 1, 1)), "total"),
        (lambda: installments(PaymentTerms.net(3), eur("1.001"), D(2025, 1, 1)), "total"),
        (lambda: installments(PaymentTerms.net(3), 5, D(2025, 1, 1)), "total"),  # type: ignore[arg-type]
        (lambda: discount_deadline(DueRule.net(3), D(2025, 1, 1)), "terms"),  # type: ignore[arg-type]
        (
            lambda: discounted_total(
                PaymentTerms.net(3),
                eur("1"),
                invoice_date=D(2025, 1, 1),
                paid_on="x",  # type: ignore[arg-type]
            ),
            "paid_on",
        ),
        (
            lambda: discounted_total(
                PaymentTerms.net(3),
                eur("1"),
                invoice_date=D(2025, 1, 1),
                paid_on=D(2025, 1, 1),
                rounding="nearest",  # type: ignore[arg-type]
            ),
            "rounding",
        ),
        (
            lambda: InstallmentDue(sequence=0, due_date=D(2025, 1, 1), amount=eur("1")),
            "sequence",
        ),
    ],
)
def test_invalid_calls(call: Any, field: str) -> None:
    """The functions check their arguments."""
    with pytest.raises(InvalidInputError) as info:
        call()
    assert field == info.value.field


# -- properties -------------------------------------------------------------------


@settings(max_examples=300)
@given(
    terms=payment_terms,
    currency=st.sampled_from(SPLIT_CURRENCIES),
    units=st.integers(0, 10**12),
    invoice_date=days,
)
def test_installments_sum_exactly(
    terms: PaymentTerms, currency: str, units: int, invoice_date: dt.date
) -> None:
    """Installments sum exactly to the total in 0-, 2- and 3-decimal currencies, none negative."""
    if any(isinstance(i, FixedInstallment) for i in terms.installments):
        currency = "EUR"  # the fixed amounts of the strategy are in euros
        units += 10**6
    total = Money.from_minor_units(units, currency)
    parts = installments(terms, total, invoice_date)
    assert total.minor_units == sum(p.amount.minor_units for p in parts)
    assert all(p.amount.amount >= 0 for p in parts)
    assert all(p.due_date >= invoice_date for p in parts)
    assert max(p.due_date for p in parts) == due_date(terms, invoice_date)


@settings(max_examples=300)
@given(rule=due_rules, invoice_date=days)
def test_due_date_never_before_invoice_date(rule: DueRule, invoice_date: dt.date) -> None:
    """Whatever the rule, the due date is on or after the invoice date."""
    assert due_date(rule, invoice_date) >= invoice_date


@given(
    percent=st.decimals(min_value="0.1", max_value="99.9", places=1),
    units=st.integers(0, 10**9),
)
def test_discounted_total_never_more_than_total(percent: Decimal, units: int) -> None:
    """A discount only ever lowers what is due, and never below zero."""
    terms = PaymentTerms.net(30, discount=EarlyPaymentDiscount(percent=percent, days=10))
    total = Money.from_minor_units(units, "BHD")
    day = D(2025, 1, 1)
    paid = discounted_total(terms, total, invoice_date=day, paid_on=day)
    assert Money.zero("BHD") <= paid <= total
