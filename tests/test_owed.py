"""What is owed: one rule (``is_owed`` / ``is_issued``), obeyed by every receivables consumer.

Regression: voided and draft invoices were counted as owed by ``open_items``,
``aging_report``, ``account_summary``, ``ledger``, dunning and late fees. The
test below runs every ``InvoiceStatus`` member through every consumer, so a new
status or a new consumer cannot slip through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from accountplan.billing import (
    ISSUED_STATUSES,
    OWED_STATUSES,
    DunningAction,
    DunningLevel,
    DunningPolicy,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LateFeePolicy,
    Payment,
    account_summary,
    aging_report,
    allocate_payments,
    as_open_item,
    dunning_actions,
    is_issued,
    is_owed,
    late_fee,
    ledger,
    open_items,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.money import Money

D = dt.date
AS_OF = D(2025, 6, 30)


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def invoice(status: InvoiceStatus, number: str = "INV-1") -> Invoice:
    """An invoice of 100 EUR, 60 days overdue on AS_OF."""
    return Invoice(
        number=number,
        account_number="C-1",
        issue_date=D(2025, 4, 1),
        due_date=D(2025, 5, 1),
        currency="EUR",
        lines=[InvoiceLine(description="Plan", unit_price=eur("100.00"))],
        status=status,
    )


# Each consumer answers: is the invoice counted as owed (a receivable with an amount due)?


def _open_items(doc: Invoice) -> bool:
    return bool(open_items([doc], [], as_of=AS_OF))


def _aging(doc: Invoice) -> bool:
    return aging_report([doc], as_of=AS_OF, currency="EUR").total == eur(100)


def _summary_outstanding(doc: Invoice) -> bool:
    summary = account_summary("C-1", [doc], [], as_of=AS_OF)
    return summary.outstanding == eur(100)


def _summary_overdue(doc: Invoice) -> bool:
    summary = account_summary("C-1", [doc], [], as_of=AS_OF)
    return summary.overdue == eur(100) and summary.days_past_due == 60


def _dunning(doc: Invoice) -> bool:
    policy = DunningPolicy(
        levels=[DunningLevel(name="reminder", days=7, action=DunningAction.REMINDER)]
    )
    result = dunning_actions("C-1", [doc], as_of=AS_OF, policy=policy)
    return bool(result.steps) and result.overdue == eur(100)


def _late_fee(doc: Invoice) -> bool:
    if not is_owed(doc):
        with pytest.raises(InvalidInputError, match="only open and uncollectible invoices"):
            late_fee(doc, as_of=AS_OF, policy=LateFeePolicy.flat(eur(40)))
        return False
    return late_fee(doc, as_of=AS_OF, policy=LateFeePolicy.flat(eur(40))).amount == eur(40)


def _as_open_item(doc: Invoice) -> bool:
    try:
        return as_open_item(doc).total == eur(100)
    except InvalidInputError:
        return False


OWED_CONSUMERS: dict[str, Callable[[Invoice], bool]] = {
    "open_items": _open_items,
    "aging_report": _aging,
    "account_summary.outstanding": _summary_outstanding,
    "account_summary.overdue": _summary_overdue,
    "dunning_actions": _dunning,
    "late_fee": _late_fee,
    "as_open_item": _as_open_item,
}


@pytest.mark.parametrize("consumer", sorted(OWED_CONSUMERS))
@pytest.mark.parametrize("status", list(InvoiceStatus), ids=lambda s: s.value)
def test_every_consumer_counts_only_owed_invoices(status: InvoiceStatus, consumer: str) -> None:
    """Each consumer counts an invoice as owed exactly when is_owed says so."""
    assert is_owed(status) == OWED_CONSUMERS[consumer](invoice(status))


# Ledger and allocation list every issued invoice (paid ones take their payments).


def _ledger(doc: Invoice) -> bool:
    payment = Payment(reference="P-0", amount=eur(1), received_on=D(2025, 1, 1))
    return "INV-1" in {entry.reference for entry in ledger([doc], [payment])}


def _allocation(doc: Invoice) -> bool:
    payment = Payment(reference="P-1", amount=eur(100), received_on=D(2025, 5, 5))
    return allocate_payments([doc], [payment]).applied_to("INV-1") == eur(100)


def _summary_balance(doc: Invoice) -> bool:
    return account_summary("C-1", [doc], [], as_of=AS_OF).balance == eur(100)


ISSUED_CONSUMERS: dict[str, Callable[[Invoice], bool]] = {
    "ledger": _ledger,
    "allocate_payments": _allocation,
    "account_summary.balance": _summary_balance,
}


@pytest.mark.parametrize("consumer", sorted(ISSUED_CONSUMERS))
@pytest.mark.parametrize("status", list(InvoiceStatus), ids=lambda s: s.value)
def test_ledgers_list_only_issued_invoices(status: InvoiceStatus, consumer: str) -> None:
    """Ledger entries and allocations exist exactly for issued invoices."""
    assert is_issued(status) == ISSUED_CONSUMERS[consumer](invoice(status))


def test_the_rule() -> None:
    """Open and uncollectible are owed; paid is issued but settled; draft and void are neither."""
    # Stripe's invoice model: open and uncollectible invoices have an amount due,
    # draft and void never do, paid ones are settled.
    assert frozenset({InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE}) == OWED_STATUSES
    assert OWED_STATUSES | {InvoiceStatus.PAID} == ISSUED_STATUSES
    assert [True, True] == [is_owed("open"), is_issued("paid")]
    assert not is_owed("paid")
    with pytest.raises(InvalidInputError) as excinfo:
        is_owed("cancelled")
    assert ("status", "cancelled") == (excinfo.value.field, excinfo.value.value)


def test_the_rule_reads_no_attribute_of_unknown_values() -> None:
    """Regression: any object with a ``status`` attribute (or none) was read as a document.

    An object without a status counted as an owed debt; now only an Invoice,
    an OpenItem, an InvoiceStatus or its value is accepted.
    """
    for rule in (is_owed, is_issued):
        for value in (SimpleNamespace(status="open"), SimpleNamespace(), 42):
            with pytest.raises(InvalidTypeError) as excinfo:
                rule(value)  # type: ignore[arg-type]
            assert ("document", value) == (excinfo.value.field, excinfo.value.value)


def test_void_and_draft_invoices_are_left_out_of_a_mixed_account() -> None:
    """A voided and a draft invoice next to an open one change nothing."""
    docs = [
        invoice(InvoiceStatus.OPEN, "INV-1"),
        invoice(InvoiceStatus.VOID, "INV-2"),
        invoice(InvoiceStatus.DRAFT, "INV-3"),
    ]
    payment = Payment(reference="P-1", amount=eur(30), received_on=D(2025, 6, 1))
    summary = account_summary("C-1", docs, [payment], as_of=AS_OF)
    assert (eur(70), eur(70)) == (summary.outstanding, summary.balance)
    assert ["INV-1"] == [i.number for i in open_items(docs, [payment], as_of=AS_OF)]
    assert ["INV-1", "P-1"] == [e.reference for e in ledger(docs, [payment])]


def test_a_payment_designating_a_void_invoice_is_refused() -> None:
    """A designation of a voided invoice raises instead of crediting nothing."""
    payment = Payment(
        reference="P-1", amount=eur(10), received_on=D(2025, 6, 1), invoices=["INV-2"]
    )
    with pytest.raises(InvalidInputError) as excinfo:
        allocate_payments(
            [invoice(InvoiceStatus.OPEN), invoice(InvoiceStatus.VOID, "INV-2")],
            [payment],
            strategy="designated",
        )
    assert "INV-2" == excinfo.value.value
    assert "never owed" in str(excinfo.value)


def test_a_paid_invoice_takes_its_payment_and_is_not_owed() -> None:
    """A paid invoice with its payment leaves no credit balance and nothing owed."""
    paid = invoice(InvoiceStatus.PAID, "INV-0")
    payment = Payment(reference="P-1", amount=eur(100), received_on=D(2025, 5, 2))
    summary = account_summary("C-1", [paid], [payment], as_of=AS_OF)
    assert (eur(0), eur(0), eur(0)) == (
        summary.outstanding,
        summary.balance,
        summary.credit_balance,
    )
    assert 1 == summary.paid_invoices
