"""Invoices: derived totals, tax rounding, statuses, and invoices per billing period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from accountplan.billing import (
    MAX_INVOICE_LINES,
    BillingCycle,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    PaymentTerms,
    aging_report,
    allocate_payments,
    allowed_transitions,
    as_open_item,
    invoice_for,
    invoice_schedule,
    open_items,
    transition,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTransitionError,
    LimitExceededError,
)
from accountplan.i18n import label
from accountplan.money import Money, sum_money
from tests.strategies_invoicing import invoices

D = dt.date


def eur(text: str) -> Money:
    return Money(amount=text, currency="EUR")


def make(**changes: Any) -> Invoice:
    base: dict[str, Any] = {
        "number": "INV-1",
        "account_number": "C-1",
        "issue_date": D(2025, 1, 1),
        "due_date": D(2025, 1, 31),
        "currency": "EUR",
        "lines": [InvoiceLine(description="Plan", unit_price=eur("100.00"), tax_rate=21)],
    }
    return Invoice(**{**base, **changes})


def test_totals_are_derived() -> None:
    """Subtotal, tax and total come from the lines; quantities may be fractional."""
    invoice = make(
        lines=[
            InvoiceLine(description="Seats", quantity=3, unit_price=eur("9.99"), tax_rate=21),
            InvoiceLine(description="Hours", quantity="1.5", unit_price=eur("80"), tax_rate=9),
            InvoiceLine(description="Credit", unit_price=eur("-10.00"), tax_rate=21),
        ]
    )
    assert (eur("29.97"), eur("120.00"), eur("-10.00")) == invoice.line_amounts
    assert eur("139.97") == invoice.subtotal
    assert eur("4.19") + eur("10.80") == invoice.tax
    assert invoice.subtotal + invoice.tax == invoice.total
    assert [Decimal(9), Decimal(21)] == [t.rate for t in invoice.tax_lines]


def test_tax_per_line_or_per_invoice() -> None:
    """Rounding tax per line and per invoice can differ; the setting decides."""
    lines = [
        InvoiceLine(description=f"Item {n}", unit_price=eur("0.10"), tax_rate=25) for n in "abc"
    ]
    per_line = make(lines=lines)
    per_invoice = make(lines=lines, tax_rounding="per_invoice")
    assert eur("0.06") == per_line.tax  # 3 x round(0.025) = 3 x 0.02
    assert eur("0.08") == per_invoice.tax  # round(0.075)
    assert eur("0.30") == per_line.subtotal == per_invoice.subtotal


def test_rounding_of_line_amounts() -> None:
    """Line amounts are rounded with the invoice's rounding mode."""
    line = InvoiceLine(description="Metered", quantity="0.5", unit_price=eur("0.05"))
    assert eur("0.02") == make(lines=[line]).subtotal
    assert eur("0.03") == make(lines=[line], rounding="half_up").subtotal


def test_empty_invoice_is_zero() -> None:
    """An invoice without lines totals zero in its currency."""
    assert Money.zero("JPY") == make(currency="JPY", lines=[]).total


def test_direct_debit_needs_a_mandate() -> None:
    """Direct debit carries a mandate reference; other methods do not."""
    invoice = make(payment_method=PaymentMethod.DIRECT_DEBIT, mandate_reference="MNDT-42")
    assert "MNDT-42" == invoice.mandate_reference
    assert PaymentMethod.CARD == make(payment_method=PaymentMethod.CARD).payment_method


def test_status_transitions() -> None:
    """Draft to open to paid; paid and void are final; uncollectible may still be paid."""
    draft = make()
    opened = transition(draft, InvoiceStatus.OPEN)
    assert InvoiceStatus.OPEN == opened.status
    written_off = transition(opened, InvoiceStatus.UNCOLLECTIBLE)
    assert InvoiceStatus.PAID == transition(written_off, InvoiceStatus.PAID).status
    assert frozenset() == allowed_transitions(InvoiceStatus.PAID)
    with pytest.raises(InvalidTransitionError) as info:
        transition(draft, InvoiceStatus.PAID)
    assert InvoiceStatus.DRAFT == info.value.current
    assert InvoiceStatus.OPEN == transition(draft, "open").status
    with pytest.raises(InvalidTransitionError):
        transition(draft, "paid")
    with pytest.raises(InvalidInputError, match="must be one of 'draft', 'open'"):
        transition(draft, "payed")
    assert allowed_transitions(InvoiceStatus.OPEN) == allowed_transitions("open")


def test_status_labels() -> None:
    """Invoice statuses are translated."""
    assert "Oninbaar" == label(InvoiceStatus.UNCOLLECTIBLE, locale="nl")
    assert "Bezahlt" == label(InvoiceStatus.PAID, locale="de")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"number": " "}, "number"),
        ({"account_number": ""}, "account_number"),
        ({"issue_date": dt.datetime(2025, 1, 1)}, "issue_date"),
        ({"due_date": D(2024, 12, 31)}, "due_date"),
        ({"currency": "XYZ"}, "currency"),
        ({"lines": "Plan"}, "lines"),
        ({"lines": [1]}, "lines[0]"),
        ({"status": "opened"}, "status"),
        ({"payment_method": "check"}, "payment_method"),
        ({"payment_method": 1}, "payment_method"),
        ({"payment_method": PaymentMethod.DIRECT_DEBIT}, "mandate_reference"),
        ({"mandate_reference": "MNDT-1"}, "mandate_reference"),
        ({"tax_rounding": "per_rate"}, "tax_rounding"),
        ({"rounding": "nearest"}, "rounding"),
        ({"period_start": D(2025, 1, 1)}, "period_end"),
        ({"period_start": D(2025, 2, 1), "period_end": D(2025, 1, 1)}, "period_end"),
        ({"period_start": "2025-01-01", "period_end": D(2025, 1, 1)}, "period_start"),
    ],
)
def test_invalid_invoices(changes: dict[str, Any], field: str) -> None:
    """Invalid invoices raise InvalidInputError naming the field."""
    with pytest.raises(InvalidInputError) as info:
        make(**changes)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"description": ""}, "description"),
        ({"unit_price": 5}, "unit_price"),
        ({"quantity": -1}, "quantity"),
        ({"tax_rate": 101}, "tax_rate"),
        ({"tax_rate": -1}, "tax_rate"),
    ],
)
def test_invalid_lines(kwargs: dict[str, Any], field: str) -> None:
    """Invalid lines raise InvalidInputError naming the field."""
    base: dict[str, Any] = {"description": "Plan", "unit_price": eur("1")}
    with pytest.raises(InvalidInputError) as info:
        InvoiceLine(**{**base, **kwargs})
    assert field == info.value.field


def test_line_currency_and_limit() -> None:
    """Lines share the invoice's currency; there is a maximum number of lines."""
    with pytest.raises(CurrencyMismatchError):
        make(lines=[InvoiceLine(description="Plan", unit_price=Money(amount=1, currency="USD"))])
    line = InvoiceLine(description="Plan", unit_price=eur("1"))
    with pytest.raises(LimitExceededError):
        make(lines=[line] * (MAX_INVOICE_LINES + 1))


# -- receivables work with invoices -----------------------------------------------


def test_receivables_accept_invoices() -> None:
    """allocate_payments, open_items and aging_report take Invoice values."""
    first = make(number="INV-1", due_date=D(2025, 1, 31), status=InvoiceStatus.OPEN)
    second = make(
        number="INV-2",
        issue_date=D(2025, 2, 1),
        due_date=D(2025, 2, 28),
        status=InvoiceStatus.OPEN,
    )
    assert eur("121.00") == as_open_item(first).total
    payment = Payment(reference="P-1", amount=eur("150.00"), received_on=D(2025, 2, 10))
    result = allocate_payments([first, second], [payment])
    assert {"INV-1", "INV-2"} == {a.invoice for a in result.allocations}
    still_open = open_items([first, second], [payment], as_of=D(2025, 3, 15))
    assert [("INV-2", eur("92.00"))] == [
        (i.number, i.amount_due(D(2025, 3, 15))) for i in still_open
    ]
    report = aging_report(still_open, as_of=D(2025, 3, 15))
    assert eur("92.00") == report.total
    assert eur("92.00") == report.totals["1-30"]


# -- invoices for billing periods ---------------------------------------------------


def test_invoice_for_a_full_period() -> None:
    """A full period is invoiced at the full price with the period's dates."""
    period = invoice_schedule(
        BillingCycle.monthly(), start=D(2025, 3, 1), count=1, terms=PaymentTerms.net(14)
    )[0]
    invoice = invoice_for(
        period,
        number="INV-7",
        account_number="C-1",
        price=eur("49.00"),
        description="Team plan",
        quantity=3,
        tax_rate=21,
        payment_method=PaymentMethod.DIRECT_DEBIT,
        mandate_reference="MNDT-9",
    )
    assert eur("177.87") == invoice.total
    assert (D(2025, 3, 1), D(2025, 3, 15)) == (invoice.issue_date, invoice.due_date)
    assert (D(2025, 3, 1), D(2025, 4, 1)) == (invoice.period_start, invoice.period_end)
    assert "Team plan, 2025-03-01 to 2025-03-31" == invoice.lines[0].description


def test_lago_trial_then_prorated_first_month() -> None:
    """$50 a month in advance with a 5-day trial from April 1: April 6-30 costs $41.67."""
    # Lago, "Plan model", trial period (https://doc.getlago.com/docs/guide/plans/plan-model):
    # $50 x 25 days due / 30 days in April = $41.67.
    periods = invoice_schedule(
        BillingCycle.monthly(alignment="calendar"),
        start=D(2025, 4, 1),
        trial_end=D(2025, 4, 6),
        count=3,
    )
    price = Money(amount="50.00", currency="USD")
    totals = [
        invoice_for(
            p, number=f"INV-{p.sequence}", account_number="C-1", price=price, description="Premium"
        ).total
        for p in periods
    ]
    assert [Money(amount="0.00", currency="USD"), Money(amount="41.67", currency="USD"), price] == [
        t.rounded() for t in totals
    ]
    trial = invoice_for(
        periods[0], number="T", account_number="C-1", price=price, description="Premium"
    )
    assert trial.lines[0].description.endswith("(free trial)")


def test_invoice_for_stub_with_other_method() -> None:
    """A stub is prorated with the chosen method and says so."""
    period = invoice_schedule(BillingCycle.monthly(anchor=1), start=D(2025, 1, 15), count=1)[0]
    invoice = invoice_for(
        period,
        number="INV-1",
        account_number="C-1",
        price=eur("30.00"),
        description="Plan",
        method="thirty_day_month",
    )
    assert eur("16.00") == invoice.total
    assert invoice.lines[0].description.endswith("(prorated)")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period": "2025-01"}, "period"),
        ({"price": 30}, "price"),
        ({"description": ""}, "description"),
        ({"method": "hours"}, "method"),
        ({"rounding": "nearest"}, "rounding"),
    ],
)
def test_invoice_for_errors(changes: dict[str, Any], field: str) -> None:
    """invoice_for checks its arguments."""
    period = invoice_schedule(BillingCycle.monthly(), start=D(2025, 1, 1), count=1)[0]
    kwargs: dict[str, Any] = {
        "number": "INV-1",
        "account_number": "C-1",
        "price": eur("1"),
        "description": "Plan",
        **changes,
    }
    subject = kwargs.pop("period", period)
    with pytest.raises(InvalidInputError) as info:
        invoice_for(subject, **kwargs)
    assert field == info.value.field


@settings(max_examples=200)
@given(invoice=invoices())
def test_total_is_subtotal_plus_tax(invoice: Invoice) -> None:
    """For any invoice the total is the subtotal plus the tax, all in whole minor units."""
    assert invoice.subtotal + invoice.tax == invoice.total
    assert invoice.total.is_rounded()
    assert sum_money((t.base for t in invoice.tax_lines), currency=invoice.currency) == (
        invoice.subtotal
    )
