"""Payments, credit notes, allocation strategies, open items, the ledger and the summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.accounts import Account, AccountStatus, AccountType
from accountplan.billing import (
    CreditNote,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    ItemCharges,
    LateFeePolicy,
    OpenItem,
    Payment,
    PaymentMethod,
    Settlement,
    account_summary,
    allocate_payments,
    as_open_item,
    ledger,
    open_items,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money
from accountplan.serialization import from_json, to_json
from tests.strategies_receivables import MODEL_STRATEGIES

D = dt.date


def eur(amount: str | int | Decimal) -> Money:
    return Money(amount=amount, currency="EUR")


def inv(
    number: str, due: dt.date, amount: str | int | Decimal, issued: dt.date | None = None
) -> OpenItem:
    return OpenItem(
        number=number,
        issue_date=issued or due - dt.timedelta(days=30),
        due_date=due,
        total=eur(amount),
    )


def pay(reference: str, amount: str | int, on: dt.date, *invoices: str) -> Payment:
    return Payment(reference=reference, amount=eur(amount), received_on=on, invoices=invoices)


INVOICES = [
    inv("A", D(2025, 3, 1), "100.00"),
    inv("B", D(2025, 1, 31), "50.00"),
    inv("C", D(2025, 2, 15), "70.00"),
]


def test_oldest_due_first() -> None:
    """Payments settle invoices in order of due date."""
    result = allocate_payments(INVOICES, [pay("P1", "90.00", D(2025, 2, 20))])
    assert [("B", eur("50.00")), ("C", eur("40.00"))] == [
        (a.invoice, a.amount) for a in result.allocations
    ]
    assert () == result.unapplied


def test_designated_then_oldest_due_first() -> None:
    """A designation is followed first; the rest goes oldest-due-first."""
    result = allocate_payments(
        INVOICES, [pay("P1", "120.00", D(2025, 2, 20), "A")], strategy="designated"
    )
    assert [("A", eur("100.00")), ("B", eur("20.00"))] == [
        (a.invoice, a.amount) for a in result.allocations
    ]


def test_oldest_due_first_ignores_designation() -> None:
    """The default strategy does not read designations."""
    result = allocate_payments(INVOICES, [pay("P1", "50.00", D(2025, 2, 20), "A")])
    assert ["B"] == [a.invoice for a in result.allocations]


def test_pro_rata_is_exact() -> None:
    """A pro-rata split is proportional to what is open and loses no cent."""
    result = allocate_payments(INVOICES, [pay("P1", "100.00", D(2025, 2, 20))], strategy="pro_rata")
    # 100 over 100/50/70 (220): 45.4545, 22.7272, 31.8181 -> 45.45, 22.73, 31.82
    assert {"A": eur("45.45"), "B": eur("22.73"), "C": eur("31.82")} == {
        a.invoice: a.amount for a in result.allocations
    }


def test_overpayment_becomes_unapplied_credit() -> None:
    """Money no invoice can take is kept as unapplied credit, never lost."""
    result = allocate_payments(INVOICES, [pay("P1", "300.00", D(2025, 2, 20))])
    assert [("P1", eur("80.00"))] == [(u.source, u.amount) for u in result.unapplied]
    assert eur("220.00") == sum((a.amount for a in result.allocations), eur(0))


def test_nl_statutory_costs_interest_principal_and_due_first() -> None:
    """BW 6:43: due debts first; BW 6:44: costs, then interest, then principal."""
    charges = [ItemCharges(invoice="B", costs=eur("40.00"), interest=eur("2.50"))]
    result = allocate_payments(
        INVOICES, [pay("P1", "60.00", D(2025, 2, 1))], strategy="nl_statutory", charges=charges
    )
    (first,) = result.allocations
    assert ("B", eur("40.00"), eur("2.50"), eur("17.50")) == (
        first.invoice,
        first.costs,
        first.interest,
        first.principal,
    )


def test_nl_statutory_most_burdensome_then_oldest_then_pro_rata() -> None:
    """Among due debts the most burdensome goes first; equal ones share pro rata."""
    invoices = [
        inv("X", D(2025, 1, 10), "100.00"),
        inv("Y", D(2025, 1, 20), "100.00"),
        inv("Z", D(2025, 1, 20), "300.00"),
    ]
    charges = [ItemCharges(invoice="Y", costs=eur(0), interest=eur(0), burden="12")]
    result = allocate_payments(
        invoices, [pay("P1", "200.00", D(2025, 2, 1))], strategy="nl_statutory", charges=charges
    )
    # Y (burden 12) first: 100. Then X (older): 100. Nothing left for Z.
    assert [("Y", eur("100.00")), ("X", eur("100.00"))] == [
        (a.invoice, a.amount) for a in result.allocations
    ]
    equal = allocate_payments(
        invoices[1:], [pay("P1", "100.00", D(2025, 2, 1))], strategy="nl_statutory"
    )
    assert {"Y": eur("25.00"), "Z": eur("75.00")} == {
        a.invoice: a.amount for a in equal.allocations
    }


def test_nl_statutory_prefers_due_debts() -> None:
    """A debt not yet due is paid only after the due ones (BW 6:43 lid 2)."""
    result = allocate_payments(
        INVOICES, [pay("P1", "60.00", D(2025, 2, 20))], strategy="nl_statutory"
    )
    assert [("B", eur("50.00")), ("C", eur("10.00"))] == [
        (a.invoice, a.amount) for a in result.allocations
    ]


def test_credit_note_against_invoice() -> None:
    """A credit note reduces its invoice first; any excess becomes unapplied credit."""
    note = CreditNote(number="CN1", amount=eur("60.00"), issue_date=D(2025, 1, 5), invoice="B")
    result = allocate_payments(INVOICES, [], credit_notes=[note])
    assert [("B", eur("50.00"))] == [(a.invoice, a.principal) for a in result.allocations]
    assert [eur("10.00")] == [u.amount for u in result.unapplied]


def test_allocation_refuses_mixed_currencies_and_unknown_designations() -> None:
    """Mixed currencies and designations of unknown invoices are errors."""
    usd = Payment(reference="P", amount=Money(amount=1, currency="USD"), received_on=D(2025, 1, 1))
    with pytest.raises(CurrencyMismatchError):
        allocate_payments(INVOICES, [usd])
    with pytest.raises(InvalidInputError, match="'invoices'"):
        allocate_payments(INVOICES, [pay("P", 1, D(2025, 1, 1), "NOPE")], strategy="designated")
    with pytest.raises(InvalidInputError, match="'strategy'"):
        allocate_payments(INVOICES, [], strategy="lifo")  # type: ignore[arg-type]


def test_payment_validation() -> None:
    """Payments must be positive, whole minor units, with distinct designations."""
    with pytest.raises(InvalidInputError, match="'amount'"):
        pay("P", 0, D(2025, 1, 1))
    with pytest.raises(InvalidInputError, match="'amount'"):
        pay("P", "1.001", D(2025, 1, 1))
    with pytest.raises(InvalidInputError, match=r"'invoices\[1\]' repeats invoices\[0\]"):
        pay("P", 1, D(2025, 1, 1), "A", "A")
    with pytest.raises(InvalidInputError, match="'reference'"):
        pay(" ", 1, D(2025, 1, 1))


def test_open_item_settlements_cannot_exceed_amount() -> None:
    """An item cannot be settled for more than it is worth."""
    with pytest.raises(InvalidInputError, match="'settlements'"):
        OpenItem(
            number="A",
            issue_date=D(2025, 1, 1),
            due_date=D(2025, 1, 31),
            total=eur(10),
            settlements=[Settlement(settled_on=D(2025, 2, 1), amount=eur(11))],
        )


@st.composite
def books(draw: st.DrawFn) -> tuple[list[OpenItem], list[Payment]]:
    """A few invoices and payments in euros."""
    count = draw(st.integers(1, 6))
    invoices = [
        inv(
            f"I{i}",
            D(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 120))),
            Money.from_minor_units(draw(st.integers(1, 10**7)), "EUR").amount,
        )
        for i in range(count)
    ]
    names = [i.number for i in invoices]
    payments = [
        Payment(
            reference=f"P{j}",
            amount=Money.from_minor_units(draw(st.integers(1, 10**7)), "EUR"),
            received_on=D(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 200))),
            invoices=draw(st.lists(st.sampled_from(names), max_size=2, unique=True)),
        )
        for j in range(draw(st.integers(0, 6)))
    ]
    return invoices, payments


@given(books(), st.sampled_from(["oldest_due_first", "designated", "pro_rata", "nl_statutory"]))
def test_allocation_never_creates_or_loses_a_minor_unit(
    book: tuple[list[OpenItem], list[Payment]], strategy: Any
) -> None:
    """Applied plus unapplied equals what was paid, and no invoice is overpaid."""
    invoices, payments = book
    result = allocate_payments(invoices, payments, strategy=strategy)
    paid = sum((p.amount.minor_units for p in payments), 0)
    applied = sum(a.amount.minor_units for a in result.allocations)
    assert paid == applied + result.unapplied_total().minor_units
    for invoice in invoices:
        assert result.applied_to(invoice.number) <= invoice.total
    if result.unapplied:
        assert all(result.applied_to(i.number) == i.total for i in invoices)


def test_open_items_and_ledger() -> None:
    """Open items keep their settlements; the ledger runs a balance."""
    payments = [pay("P1", "90.00", D(2025, 2, 20)), pay("P2", "10.00", D(2025, 3, 5))]
    items = open_items(INVOICES, payments, as_of=D(2025, 3, 1))
    assert [("C", eur("30.00")), ("A", eur("100.00"))] == [
        (i.number, i.amount_due(D(2025, 3, 1))) for i in items
    ]
    assert [Settlement(settled_on=D(2025, 2, 20), amount=eur("40.00"), source="P1")] == list(
        items[0].settlements
    )
    entries = ledger(INVOICES, payments)
    assert eur("120.00") == entries[-1].balance
    assert ["invoice", "invoice", "invoice", "payment", "payment"] == [e.kind for e in entries]


def test_account_summary() -> None:
    """The summary reports balances, due dates, payment history and accrued fees."""
    payments = [pay("P1", "50.00", D(2025, 2, 10)), pay("P2", "70.00", D(2025, 2, 14))]
    summary = account_summary(
        "C-1",
        INVOICES,
        payments,
        as_of=D(2025, 3, 10),
        fee_policy=LateFeePolicy.interest(rate="36.5"),
    )
    assert (eur("100.00"), eur("100.00")) == (summary.outstanding, summary.overdue)
    assert (D(2025, 3, 1), 9) == (summary.oldest_overdue_due, summary.days_past_due)
    assert (2, 1) == (summary.paid_invoices, summary.late_payments)
    assert (D(2025, 2, 14), eur("70.00")) == (summary.last_payment_on, summary.last_payment_amount)
    # B paid 10 days late: 50 * 36.5 % * 10 / 365 = 0.50; A open 9 days: 100 * 0.1 % * 9 = 0.90.
    assert eur("1.40") == summary.accrued_late_fees
    assert summary == from_json(to_json(summary), type(summary))


@pytest.mark.parametrize("model", sorted(MODEL_STRATEGIES, key=str), ids=str)
def test_every_receivables_model_round_trips(model: type) -> None:
    """Every public receivables model survives JSON exactly."""

    @given(MODEL_STRATEGIES[model])
    def check(value: Any) -> None:
        assert value == from_json(to_json(value), model)

    check()


def test_payment_methods_round_trip() -> None:
    """Payment methods are written by value."""
    payment = Payment(
        reference="P",
        amount=eur(1),
        received_on=D(2025, 1, 1),
        payment_method=PaymentMethod.DIRECT_DEBIT,
    )
    assert '"direct_debit"' in to_json(payment)


@pytest.mark.parametrize(
    ("currency", "amounts"), [("JPY", (1000, 334)), ("BHD", ("1.000", "0.334"))]
)
def test_pro_rata_in_zero_and_three_decimal_currencies(
    currency: str, amounts: tuple[str | int, str | int]
) -> None:
    """Pro-rata splits stay in whole minor units for JPY (0) and BHD (3 decimals)."""
    invoices = [
        OpenItem(
            number=name,
            issue_date=D(2025, 1, 1),
            due_date=D(2025, 1, 31),
            total=Money(amount=amounts[0], currency=currency),
        )
        for name in ("A", "B", "C")
    ]
    payment = Payment(
        reference="P", amount=Money(amount=amounts[1], currency=currency), received_on=D(2025, 2, 1)
    )
    result = allocate_payments(invoices, [payment], strategy="pro_rata")
    parts = [a.amount for a in result.allocations]
    assert payment.amount == sum(parts, Money.zero(currency))
    assert all(p.is_rounded() for p in parts)
    assert max(parts) - min(parts) == Money.from_minor_units(1, currency)


def test_ledger_with_credit_note_and_as_of() -> None:
    """Credit notes come before payments on a day; as_of cuts off later transactions."""
    note = CreditNote(number="CN1", amount=eur("5.00"), issue_date=D(2025, 2, 20), invoice="A")
    payments = [pay("P1", "90.00", D(2025, 2, 20))]
    entries = ledger(INVOICES, payments, credit_notes=[note], as_of=D(2025, 2, 20))
    assert [("credit_note", eur("215.00")), ("payment", eur("125.00"))] == [
        (e.kind, e.balance) for e in entries[-2:]
    ]
    assert D(2025, 2, 20) == entries[-1].on


def test_summary_credit_balance_and_next_due() -> None:
    """An overpayment shows as a credit balance; the next due date is the earliest open one."""
    summary = account_summary(
        "C-1", INVOICES, [pay("P1", "300.00", D(2025, 2, 1))], as_of=D(2025, 2, 1)
    )
    assert (eur("0.00"), eur("80.00"), eur("-80.00")) == (
        summary.outstanding,
        summary.credit_balance,
        summary.balance,
    )
    partial = account_summary(
        "C-1", INVOICES, [pay("P1", "50.00", D(2025, 2, 1))], as_of=D(2025, 2, 1)
    )
    assert D(2025, 2, 15) == partial.next_due
    assert 1 == len(account_summary("C-1", INVOICES, [], as_of=D(2025, 2, 1), recent=1).recent)


# -- validation, edge cases, the running ledger -------------------------------------------


def test_item_charges_validation() -> None:
    """Charges are zero or more in whole minor units, one currency, burden not negative."""
    with pytest.raises(InvalidInputError) as excinfo:
        ItemCharges(invoice="A", costs=eur("-1.00"), interest=eur(0))
    assert ("costs", eur("-1.00")) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        ItemCharges(invoice="A", costs=eur(0), interest=eur("0.005"))
    assert ("interest", eur("0.005")) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        ItemCharges(invoice="A", costs=eur(0), interest=eur(0), burden="-1")
    assert ("burden", "-1") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(CurrencyMismatchError):
        ItemCharges(invoice="A", costs=eur(0), interest=Money(amount=0, currency="USD"))


def test_open_item_from_invoice_reads_the_invoice_fields() -> None:
    """OpenItem.from_invoice maps number, issue date, due date, total and account."""
    invoice = Invoice(
        number="SI-9",
        account_number="C-1",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        currency="EUR",
        status=InvoiceStatus.OPEN,
        lines=[InvoiceLine(description="Plan", unit_price=eur("66.12"), tax_rate=21)],
    )
    # 66.12 * 21 % = 13.8852 -> 13.89; total 80.01 (computed by hand).
    expected = OpenItem(
        number="SI-9",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        total=eur("80.01"),
        account_number="C-1",
    )
    assert expected == OpenItem.from_invoice(invoice)
    assert expected == as_open_item(invoice)


def test_nothing_is_guessed_from_attribute_names() -> None:
    """Regression: as_open_item read any object with number/issue_date/due_date/total.

    A look-alike value is now refused with InvalidTypeError naming the parameter.
    """
    look_alike = SimpleNamespace(
        number="SI-9",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        total=eur("80.00"),
        account_number="C-1",
    )
    with pytest.raises(InvalidTypeError) as excinfo:
        as_open_item(look_alike)  # type: ignore[arg-type]
    assert "invoice" == excinfo.value.field
    with pytest.raises(InvalidTypeError) as excinfo:
        OpenItem.from_invoice(look_alike)  # type: ignore[arg-type]
    assert "invoice" == excinfo.value.field
    assert "must be Invoice" in str(excinfo.value)
    with pytest.raises(InvalidTypeError) as excinfo:
        allocate_payments([INVOICES[0], look_alike], [])  # type: ignore[list-item]
    assert "invoices[1]" == excinfo.value.field
    with pytest.raises(InvalidTypeError) as excinfo:
        open_items([look_alike], [], as_of=D(2025, 3, 1))  # type: ignore[list-item]
    assert "invoices[0]" == excinfo.value.field
    with pytest.raises(InvalidTypeError) as excinfo:
        account_summary("C-1", [look_alike], [], as_of=D(2025, 3, 1))  # type: ignore[list-item]
    assert "invoices[0]" == excinfo.value.field


def test_from_invoice_refuses_what_is_not_a_debt() -> None:
    """Drafts, voided and paid invoices, and a zero total, are not debts."""
    base = Invoice(
        number="SI-1",
        account_number="C-1",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        currency="EUR",
        lines=[InvoiceLine(description="Plan", unit_price=eur(10))],
    )
    for status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID, InvoiceStatus.PAID):
        with pytest.raises(InvalidInputError) as excinfo:
            OpenItem.from_invoice(attrs.evolve(base, status=status))
        assert ("invoice", "SI-1") == (excinfo.value.field, excinfo.value.value)
        assert f"is a {status.value} invoice" in str(excinfo.value)
    free = attrs.evolve(base, status=InvoiceStatus.OPEN, lines=[])
    with pytest.raises(InvalidInputError) as excinfo:
        OpenItem.from_invoice(free)
    assert ("invoice", "SI-1") == (excinfo.value.field, excinfo.value.value)
    assert "only a total above zero is a debt" in str(excinfo.value)


def test_allocation_input_errors_name_the_field() -> None:
    """Bad collections, duplicates and unknown invoices are refused, naming the field."""
    p1 = pay("P1", 10, D(2025, 2, 1))
    cases: list[tuple[dict[str, Any], str]] = [
        ({"invoices": "ABC", "payments": []}, "invoices"),
        ({"invoices": [], "payments": []}, "invoices"),
        ({"invoices": [INVOICES[0], INVOICES[0]], "payments": []}, "invoices"),
        ({"invoices": INVOICES, "payments": [p1, p1]}, "payments"),
        ({"invoices": INVOICES, "payments": [object()]}, "payments[0]"),
        (
            {
                "invoices": INVOICES,
                "payments": [],
                "charges": [ItemCharges(invoice="Q", costs=eur(1), interest=eur(0))],
            },
            "charges",
        ),
        (
            {
                "invoices": INVOICES,
                "payments": [],
                "charges": [ItemCharges(invoice="A", costs=eur(1), interest=eur(0))] * 2,
            },
            "charges",
        ),
    ]
    for kwargs, field in cases:
        invoices = kwargs.pop("invoices")
        payments = kwargs.pop("payments")
        with pytest.raises(InvalidInputError) as excinfo:
            allocate_payments(invoices, payments, **kwargs)
        assert field == excinfo.value.field


def test_allocation_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than MAX_ALLOCATION_ITEMS invoices raise LimitExceededError."""
    monkeypatch.setattr("accountplan.billing._allocation.MAX_ALLOCATION_ITEMS", 2)
    with pytest.raises(LimitExceededError) as excinfo:
        allocate_payments(INVOICES, [])
    assert ("invoices", 3, 2) == (excinfo.value.field, excinfo.value.value, excinfo.value.limit)


def test_pro_rata_with_nothing_open_keeps_the_payment_as_credit() -> None:
    """When every invoice is paid, a later pro-rata payment is all unapplied credit."""
    first = pay("P1", "220.00", D(2025, 2, 1))
    second = pay("P2", "15.00", D(2025, 2, 2))
    result = allocate_payments(INVOICES, [first, second], strategy="pro_rata")
    assert [("P2", eur("15.00"), D(2025, 2, 2))] == [
        (u.source, u.amount, u.received_on) for u in result.unapplied
    ]


def test_credit_balance_pays_a_later_invoice() -> None:
    """Unapplied credit on the account settles an invoice issued later (prepayment)."""
    later = inv("D", D(2025, 4, 30), "30.00", issued=D(2025, 4, 1))
    result = allocate_payments([*INVOICES, later], [pay("P1", "250.00", D(2025, 2, 1))])
    assert eur("30.00") == result.applied_to("D")
    assert eur("0.00") == result.unapplied_total()


def test_nl_statutory_designation_and_costs_first() -> None:
    """A designation is followed (BW 6:43 lid 1), still costs, interest, principal (6:44)."""
    charges = [ItemCharges(invoice="A", costs=eur("15.00"), interest=eur("5.00"))]
    result = allocate_payments(
        INVOICES, [pay("P1", "30.00", D(2025, 2, 1), "A")], strategy="nl_statutory", charges=charges
    )
    assert [("A", eur("15.00"), eur("5.00"), eur("10.00"))] == [
        (a.invoice, a.costs, a.interest, a.principal) for a in result.allocations
    ]


def test_open_items_before_any_invoice() -> None:
    """Before the first invoice is issued nothing is open."""
    assert () == open_items(INVOICES, [], as_of=D(2024, 12, 31))


def test_running_ledger_balance_after_each_transaction() -> None:
    """The ledger lists each document with the balance after it; as_of cuts it off."""
    note = CreditNote(number="CN1", amount=eur("10.00"), issue_date=D(2025, 2, 1))
    payments = [pay("P1", "60.00", D(2025, 2, 10)), pay("P2", "200.00", D(2025, 3, 5))]
    entries = ledger(INVOICES, payments, credit_notes=[note])
    assert [
        ("invoice", "B", eur(50), eur(0), eur("50.00")),
        ("invoice", "C", eur(70), eur(0), eur("120.00")),
        ("invoice", "A", eur(100), eur(0), eur("220.00")),
        ("credit_note", "CN1", eur(0), eur(10), eur("210.00")),
        ("payment", "P1", eur(0), eur(60), eur("150.00")),
        ("payment", "P2", eur(0), eur(200), eur("-50.00")),
    ] == [(e.kind, e.reference, e.debit, e.credit, e.balance) for e in entries]
    cut = ledger(INVOICES, payments, credit_notes=[note], as_of=D(2025, 2, 10))
    assert entries[:5] == cut
    with pytest.raises(InvalidInputError) as excinfo:
        ledger(INVOICES, payments, as_of="2025-02-10")  # type: ignore[arg-type]
    assert "as_of" == excinfo.value.field


def test_payment_and_open_item_validation() -> None:
    """Designations, settlements and dates are checked, naming the field and value."""
    with pytest.raises(InvalidInputError) as excinfo:
        Payment(reference="P", amount=eur(1), received_on=D(2025, 1, 1), invoices="A")
    assert ("invoices", "A") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        OpenItem(
            number="A",
            issue_date=D(2025, 1, 1),
            due_date=D(2025, 1, 31),
            total=eur(1),
            settlements=5,
        )
    assert ("settlements", 5) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        OpenItem(number="A", issue_date=D(2025, 2, 1), due_date=D(2025, 1, 31), total=eur(1))
    assert ("due_date", D(2025, 1, 31)) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(CurrencyMismatchError):
        OpenItem(
            number="A",
            issue_date=D(2025, 1, 1),
            due_date=D(2025, 1, 31),
            total=eur(10),
            settlements=[
                Settlement(settled_on=D(2025, 2, 1), amount=Money(amount=1, currency="USD"))
            ],
        )
    with pytest.raises(InvalidInputError) as excinfo:
        CreditNote(number="CN", amount=eur(1), issue_date=D(2025, 1, 1), invoice=" ")
    assert ("invoice", " ") == (excinfo.value.field, excinfo.value.value)


def test_designation_and_settlement_limits() -> None:
    """Too many designations (1,000) or settlements (10,000) raise LimitExceededError."""
    with pytest.raises(LimitExceededError) as excinfo:
        pay("P", 1, D(2025, 1, 1), *(f"INV-{n}" for n in range(1001)))
    assert ("invoices", 1001, 1000) == (
        excinfo.value.field,
        excinfo.value.value,
        excinfo.value.limit,
    )
    part = Settlement(settled_on=D(2025, 2, 1), amount=eur(1))
    with pytest.raises(LimitExceededError) as excinfo:
        OpenItem(
            number="A",
            issue_date=D(2025, 1, 1),
            due_date=D(2025, 1, 31),
            total=eur(10),
            settlements=[part] * 10_001,
        )
    assert ("settlements", 10_001) == (excinfo.value.field, excinfo.value.value)


def test_settled_on_is_the_day_of_the_last_payment() -> None:
    """An item is settled on the day its payments reach the amount, else not at all."""
    parts = [Settlement(settled_on=D(2025, 2, d), amount=eur(5)) for d in (20, 1, 10)]
    item = OpenItem(
        number="A",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        total=eur(15),
        settlements=parts,
    )
    assert [D(2025, 2, 1), D(2025, 2, 10), D(2025, 2, 20)] == [
        s.settled_on for s in item.settlements
    ]
    assert D(2025, 2, 20) == item.settled_on()
    assert None is attrs.evolve(item, total=eur(16)).settled_on()


def test_summary_validation_and_empty_account() -> None:
    """recent is bounded; an account without documents needs its currency from an Account."""
    with pytest.raises(InvalidInputError) as excinfo:
        account_summary("C-1", INVOICES, [], as_of=D(2025, 3, 1), recent=1001)
    assert ("recent", 1001) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        account_summary("C-1", [], [], as_of=D(2025, 3, 1))
    assert ("account", "C-1") == (excinfo.value.field, excinfo.value.value)
    account = Account(
        number="C-1",
        name="Acme BV",
        type=AccountType.BUSINESS,
        status=AccountStatus.ACTIVE,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
    )
    empty = account_summary(account, [], [], as_of=D(2025, 3, 1))
    assert ("C-1", eur("0.00"), None, (), None) == (
        empty.account_number,
        empty.balance,
        empty.average_days_to_pay,
        empty.recent,
        empty.last_payment_on,
    )
    # Regression: any object with a ``number`` attribute was taken as an account.
    with pytest.raises(InvalidTypeError) as excinfo:
        account_summary(
            SimpleNamespace(number="C-1", currency="EUR"),  # type: ignore[arg-type]
            INVOICES,
            [],
            as_of=D(2025, 3, 1),
        )
    assert "account" == excinfo.value.field
    assert "must be Account" in str(excinfo.value)


def test_summary_leaves_out_other_accounts() -> None:
    """Documents of other accounts are not summarised."""
    theirs = OpenItem(
        number="Z",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 1, 31),
        total=eur(999),
        account_number="C-2",
    )
    their_payment = Payment(
        reference="PZ", amount=eur(5), received_on=D(2025, 2, 1), account_number="C-2"
    )
    summary = account_summary(
        "C-1", [*INVOICES, theirs], [their_payment], as_of=D(2025, 3, 10), recent=0
    )
    assert (eur("220.00"), None, ()) == (
        summary.outstanding,
        summary.last_payment_on,
        summary.recent,
    )


def test_summary_payment_statistics() -> None:
    """Average days to pay runs from invoice date to full settlement; late ones are counted."""
    # B (issued Jan 1, due Jan 31) paid Jan 20: 19 days, on time.
    # C (issued Jan 16, due Feb 15) paid Feb 25: 40 days, late.
    payments = [pay("P1", "50.00", D(2025, 1, 20)), pay("P2", "70.00", D(2025, 2, 25))]
    summary = account_summary("C-1", INVOICES, payments, as_of=D(2025, 3, 10))
    assert (2, Decimal("29.5"), 1) == (
        summary.paid_invoices,
        summary.average_days_to_pay,
        summary.late_payments,
    )


@st.composite
def books_with_credit_notes(
    draw: st.DrawFn,
) -> tuple[list[OpenItem], list[Payment], list[CreditNote], list[ItemCharges]]:
    """Invoices, payments, credit notes (some against an invoice) and charges."""
    invoices, payments = draw(books())
    names = [i.number for i in invoices]
    notes = [
        CreditNote(
            number=f"CN{k}",
            amount=Money.from_minor_units(draw(st.integers(1, 10**6)), "EUR"),
            issue_date=D(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 200))),
            invoice=draw(st.none() | st.sampled_from(names)),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    charged = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    charges = [
        ItemCharges(
            invoice=name,
            costs=Money.from_minor_units(draw(st.integers(0, 10**5)), "EUR"),
            interest=Money.from_minor_units(draw(st.integers(0, 10**5)), "EUR"),
            burden=draw(st.integers(0, 20)),
        )
        for name in charged
    ]
    return invoices, payments, notes, charges


@given(
    books_with_credit_notes(),
    st.sampled_from(["oldest_due_first", "designated", "pro_rata", "nl_statutory"]),
)
def test_allocation_with_credit_notes_and_charges_keeps_every_minor_unit(
    book: tuple[list[OpenItem], list[Payment], list[CreditNote], list[ItemCharges]],
    strategy: Any,
) -> None:
    """Applied plus unapplied equals payments plus credit notes; nothing is overpaid."""
    invoices, payments, notes, charges = book
    result = allocate_payments(
        invoices, payments, strategy=strategy, credit_notes=notes, charges=charges
    )
    received = sum(p.amount.minor_units for p in payments) + sum(
        n.amount.minor_units for n in notes
    )
    applied = sum(a.amount.minor_units for a in result.allocations)
    assert received == applied + result.unapplied_total().minor_units
    extra = {c.invoice: c.costs + c.interest for c in charges}
    against = {n.number: n.invoice for n in notes}
    for allocation in result.allocations:
        assert allocation.amount == allocation.costs + allocation.interest + allocation.principal
        if allocation.source_kind == "credit_note" and against[allocation.source]:
            # A credit note against an invoice corrects its principal only.
            assert (against[allocation.source], eur(0)) == (
                allocation.invoice,
                allocation.costs + allocation.interest,
            )
    for invoice in invoices:
        limit = invoice.total + extra.get(invoice.number, eur(0))
        assert result.applied_to(invoice.number) <= limit


def test_oldest_due_first_skips_an_invoice_already_paid() -> None:
    """A later payment passes over an invoice settled earlier by a designation."""
    payments = [pay("P1", "70.00", D(2025, 2, 1), "C"), pay("P2", "120.00", D(2025, 2, 2))]
    result = allocate_payments(INVOICES, payments, strategy="designated")
    assert [("P1", "C", eur(70)), ("P2", "B", eur(50)), ("P2", "A", eur(70))] == [
        (a.source, a.invoice, a.amount) for a in result.allocations
    ]
