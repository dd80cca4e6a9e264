"""apply_payments: invoices that learn they were paid (amount_paid, amount_due, paid status).

The worked examples are computed by hand in the comments; the property checks
that, per currency, what was paid plus the unapplied credit is what was received.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings

from accountplan.billing import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    OpenItem,
    Payment,
    SettledInvoice,
    Settlement,
    apply_payments,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money
from tests.strategies_invoicing import settlement_cases

D = dt.date
JAN_1 = D(2025, 1, 1)
JAN_31 = D(2025, 1, 31)


def money(amount: str | int, currency: str = "EUR") -> Money:
    return Money(amount=amount, currency=currency)


def invoice(
    number: str,
    net: str | int,
    *,
    due: dt.date = JAN_31,
    issued: dt.date = JAN_1,
    status: InvoiceStatus = InvoiceStatus.OPEN,
    currency: str = "EUR",
    tax_rate: int = 21,
) -> Invoice:
    return Invoice(
        number=number,
        account_number="C-1",
        issue_date=issued,
        due_date=due,
        currency=currency,
        status=status,
        lines=[InvoiceLine(description="Plan", unit_price=money(net, currency), tax_rate=tax_rate)],
    )


def pay(
    reference: str,
    amount: str | int,
    on: dt.date,
    *,
    currency: str = "EUR",
    invoices: tuple[str, ...] = (),
) -> Payment:
    return Payment(
        reference=reference, amount=money(amount, currency), received_on=on, invoices=invoices
    )


# A: 100.00 net + 21 % = 121.00, due 31 Jan. B: 50.00 net + 21 % = 60.50, due 28 Feb.
A = invoice("A", "100.00")
B = invoice("B", "50.00", due=D(2025, 2, 28))
DRAFT = invoice("C", "10.00", status=InvoiceStatus.DRAFT)
VOID = invoice("V", "10.00", status=InvoiceStatus.VOID)
P1 = pay("P1", "100.00", D(2025, 2, 1))
P2 = pay("P2", "100.00", D(2025, 3, 5))


def state(result_invoice: SettledInvoice) -> tuple[str, str, str, str]:
    return (
        result_invoice.invoice.number,
        result_invoice.invoice.status.value,
        str(result_invoice.amount_paid),
        str(result_invoice.amount_due),
    )


def test_partial_then_full_payment_moves_open_to_paid() -> None:
    """Oldest due first: P1 pays 100.00 of A; P2 pays A's last 21.00, all of B, 18.50 left."""
    # On 15 Feb only P1 is in: A 100.00 paid, 21.00 due, still open; B untouched.
    early = apply_payments([A, B, DRAFT, VOID], [P1, P2], as_of=D(2025, 2, 15))
    assert [
        ("A", "open", "100.00 EUR", "21.00 EUR"),
        ("B", "open", "0.00 EUR", "60.50 EUR"),
        ("C", "draft", "0.00 EUR", "12.10 EUR"),
        ("V", "void", "0.00 EUR", "12.10 EUR"),
    ] == [state(s) for s in early.invoices]
    assert () == early.unapplied
    # On 31 Mar: 200.00 received = 121.00 (A) + 60.50 (B) + 18.50 unapplied.
    late = apply_payments([A, B, DRAFT, VOID], [P1, P2], as_of=D(2025, 3, 31))
    assert [
        ("A", "paid", "121.00 EUR", "0.00 EUR"),
        ("B", "paid", "60.50 EUR", "0.00 EUR"),
        ("C", "draft", "0.00 EUR", "12.10 EUR"),
        ("V", "void", "0.00 EUR", "12.10 EUR"),
    ] == [state(s) for s in late.invoices]
    a, b, draft, void = late.invoices
    assert (D(2025, 3, 5), D(2025, 3, 5), None, None) == (
        a.paid_on,
        b.paid_on,
        draft.paid_on,
        void.paid_on,
    )
    assert (
        Settlement(settled_on=D(2025, 2, 1), amount=money("100.00"), source="P1"),
        Settlement(settled_on=D(2025, 3, 5), amount=money("21.00"), source="P2"),
    ) == a.settlements
    assert (draft.invoice, void.invoice) == (DRAFT, VOID)  # untouched
    assert [("P2", "18.50 EUR")] == [(c.source, str(c.amount)) for c in late.unapplied]
    assert money("18.50") == late.unapplied_total("EUR")
    assert money("0.00", "USD") == late.unapplied_total("USD")
    # The inputs are values: nothing was mutated.
    assert InvoiceStatus.OPEN is A.status


def test_uncollectible_invoice_can_be_paid() -> None:
    """A written-off invoice paid in full moves uncollectible -> paid."""
    written_off = invoice("W", "100.00", status=InvoiceStatus.UNCOLLECTIBLE)
    (settled,) = apply_payments(
        [written_off], [pay("P1", "121.00", D(2025, 6, 1))], as_of=D(2025, 6, 1)
    ).invoices
    assert ("W", "paid", "121.00 EUR", "0.00 EUR") == state(settled)
    # One cent short stays uncollectible.
    (short,) = apply_payments(
        [written_off], [pay("P1", "120.99", D(2025, 6, 1))], as_of=D(2025, 6, 1)
    ).invoices
    assert ("W", "uncollectible", "120.99 EUR", "0.01 EUR") == state(short)
    assert short.paid_on is None


def test_pro_rata_split() -> None:
    """90.75 over A (121.00 open) and B (60.50 open): 2:1, so 60.50 and 30.25."""
    result = apply_payments(
        [A, B], [pay("P1", "90.75", D(2025, 2, 1))], as_of=D(2025, 2, 1), strategy="pro_rata"
    )
    assert [("A", "open", "60.50 EUR", "60.50 EUR"), ("B", "open", "30.25 EUR", "30.25 EUR")] == [
        state(s) for s in result.invoices
    ]
    assert "pro_rata" == result.strategy


def test_designation_is_followed() -> None:
    """P1 names B: B is paid in full (60.50) before the older A takes the 39.50 left."""
    result = apply_payments(
        [A, B],
        [pay("P1", "100.00", D(2025, 2, 1), invoices=("B",))],
        as_of=D(2025, 2, 1),
        strategy="designated",
    )
    assert [("A", "open", "39.50 EUR", "81.50 EUR"), ("B", "paid", "60.50 EUR", "0.00 EUR")] == [
        state(s) for s in result.invoices
    ]


def test_each_currency_is_allocated_on_its_own() -> None:
    """EUR 50.00 pays part of A; USD 250.00 pays the USD invoice (200.00) with 50.00 left."""
    usd = invoice("U", "200.00", currency="USD", tax_rate=0)
    result = apply_payments(
        [A, usd],
        [pay("PU", "250.00", D(2025, 2, 1), currency="USD"), pay("PE", "50.00", D(2025, 2, 1))],
        as_of=D(2025, 2, 1),
    )
    assert [("A", "open", "50.00 EUR", "71.00 EUR"), ("U", "paid", "200.00 USD", "0.00 USD")] == [
        state(s) for s in result.invoices
    ]
    assert [("PU", "50.00 USD")] == [(c.source, str(c.amount)) for c in result.unapplied]
    # A payment in a currency without invoices is all unapplied credit, never lost.
    (credit,) = apply_payments(
        [A], [pay("PG", "10.00", D(2025, 2, 1), currency="GBP")], as_of=D(2025, 2, 1)
    ).unapplied
    assert ("PG", money("10.00", "GBP")) == (credit.source, credit.amount)


def test_a_designation_across_currencies_is_refused() -> None:
    usd = invoice("U", "200.00", currency="USD", tax_rate=0)
    with pytest.raises(InvalidInputError) as excinfo:
        apply_payments(
            [A, usd], [pay("P1", "10.00", D(2025, 2, 1), invoices=("U",))], as_of=D(2025, 2, 1)
        )
    assert ("payments[0].invoices", "U") == (excinfo.value.field, excinfo.value.value)
    assert "is an invoice in USD; the payment is in EUR" in str(excinfo.value)


def test_later_documents_and_drafts_take_nothing() -> None:
    """An invoice issued after as_of and a payment received after it are left alone."""
    later = invoice("L", "10.00", issued=D(2025, 4, 1), due=D(2025, 4, 30))
    result = apply_payments([A, later], [P1, P2], as_of=D(2025, 3, 31))
    assert [("A", "paid", "121.00 EUR", "0.00 EUR"), ("L", "open", "0.00 EUR", "12.10 EUR")] == [
        state(s) for s in result.invoices
    ]
    assert money("79.00") == result.unapplied_total("EUR")
    with pytest.raises(InvalidInputError) as excinfo:
        apply_payments(
            [A, DRAFT], [pay("P1", "1.00", D(2025, 2, 1), invoices=("C",))], as_of=D(2025, 2, 1)
        )
    assert "is a draft or voided invoice" in str(excinfo.value)


def test_an_already_paid_invoice_takes_its_payment_and_stays_paid() -> None:
    """A paid invoice absorbs its payment so that it does not spill onto open ones."""
    paid = invoice("A", "100.00", status=InvoiceStatus.PAID)
    result = apply_payments([paid, B], [pay("P1", "121.00", D(2025, 2, 1))], as_of=D(2025, 2, 1))
    assert [("A", "paid", "121.00 EUR", "0.00 EUR"), ("B", "open", "0.00 EUR", "60.50 EUR")] == [
        state(s) for s in result.invoices
    ]


def test_nothing_given() -> None:
    result = apply_payments([], [], as_of=D(2025, 1, 1))
    assert ((), (), (), "oldest_due_first") == (
        result.invoices,
        result.allocations,
        result.unapplied,
        result.strategy,
    )


def test_bad_input_names_the_field() -> None:
    item = OpenItem(number="X", issue_date=D(2025, 1, 1), due_date=D(2025, 1, 2), total=money(1))
    with pytest.raises(InvalidTypeError) as wrong_type:
        apply_payments([A, item], [], as_of=D(2025, 1, 1))  # type: ignore[list-item]
    assert "invoices[1]" == wrong_type.value.field
    with pytest.raises(InvalidTypeError) as wrong_type:
        apply_payments([A], [money(1)], as_of=D(2025, 1, 1))  # type: ignore[list-item]
    assert "payments[0]" == wrong_type.value.field
    cases: list[tuple[Callable[[], object], str, object]] = [
        (lambda: apply_payments([A], [], as_of="2025-01-01"), "as_of", "2025-01-01"),  # type: ignore[arg-type]
        (
            lambda: apply_payments([A], [], as_of=JAN_1, strategy="newest"),  # type: ignore[arg-type]
            "strategy",
            "newest",
        ),
        (lambda: apply_payments([A, DRAFT, DRAFT], [], as_of=JAN_1), "invoices", ["C"]),
        (lambda: apply_payments("AB", [], as_of=JAN_1), "invoices", "AB"),  # type: ignore[arg-type]
    ]
    for call, field, value in cases:
        with pytest.raises(InvalidInputError) as bad:
            call()
        assert (field, value) == (bad.value.field, bad.value.value)
    with pytest.raises(LimitExceededError) as too_many:
        apply_payments([], [P1] * 100_001, as_of=JAN_1)
    assert "payments" == too_many.value.field
    free = invoice("Z", "0.00")
    with pytest.raises(InvalidInputError) as bad:
        apply_payments([free], [], as_of=JAN_1)
    assert "only a total above zero is a debt" in str(bad.value)


def test_settled_invoice_keeps_its_parts_consistent() -> None:
    """0 <= amount_paid <= total, same currency, only issued invoices take settlements."""
    one = Settlement(settled_on=D(2025, 2, 1), amount=money("121.01"))
    with pytest.raises(InvalidInputError) as excinfo:
        SettledInvoice(invoice=A, settlements=[one])
    assert ("settlements", "121.01 EUR") == (excinfo.value.field, excinfo.value.value)
    assert "must not add up to more than the total 121.00 EUR" in str(excinfo.value)
    with pytest.raises(CurrencyMismatchError):
        SettledInvoice(
            invoice=A, settlements=[Settlement(settled_on=D(2025, 2, 1), amount=money(1, "USD"))]
        )
    with pytest.raises(InvalidInputError) as excinfo:
        SettledInvoice(
            invoice=DRAFT, settlements=[Settlement(settled_on=D(2025, 2, 1), amount=money(1))]
        )
    assert ("settlements", "C") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidTypeError) as excinfo:
        SettledInvoice(invoice="A")  # type: ignore[arg-type]
    assert "invoice" == excinfo.value.field
    with pytest.raises(InvalidTypeError) as excinfo:
        SettledInvoice(invoice=A, settlements=[money(1)])
    assert "settlements[0]" == excinfo.value.field
    nothing = SettledInvoice(invoice=A)
    assert (money("0.00"), money("121.00"), None) == (
        nothing.amount_paid,
        nothing.amount_due,
        nothing.paid_on,
    )


@settings(max_examples=150)
@given(case=settlement_cases())
def test_paid_plus_unapplied_is_what_was_received_per_currency(
    case: tuple[list[Invoice], list[Payment], dt.date],
) -> None:
    """Per currency: sum(amount_paid) + unapplied == payments received by as_of.

    And for every invoice: amount_paid + amount_due == total, 0 <= amount_paid,
    drafts and voids untouched, status paid exactly when an owed invoice is settled.
    """
    invoices, payments, as_of = case
    result = apply_payments(invoices, payments, as_of=as_of)
    received: dict[str, Decimal] = defaultdict(Decimal)
    for payment in payments:
        if payment.received_on <= as_of:
            received[payment.amount.currency] += payment.amount.amount
    accounted: dict[str, Decimal] = defaultdict(Decimal)
    for settled in result.invoices:
        accounted[settled.invoice.currency] += settled.amount_paid.amount
    for credit in result.unapplied:
        accounted[credit.amount.currency] += credit.amount.amount
    assert {c: v for c, v in received.items() if v} == {c: v for c, v in accounted.items() if v}
    for before, after in zip(invoices, result.invoices, strict=True):
        assert after.amount_paid + after.amount_due == before.total
        assert after.amount_paid.amount >= 0
        if before.status in {InvoiceStatus.DRAFT, InvoiceStatus.VOID} or before.issue_date > as_of:
            assert (before, ()) == (after.invoice, after.settlements)
        owed_before = before.status in {InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE}
        expected = (
            InvoiceStatus.PAID if owed_before and after.amount_due.amount == 0 else before.status
        )
        assert expected is after.invoice.status
