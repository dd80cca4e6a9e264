"""Invoices that learn they were paid: ``amount_paid``, ``amount_due`` and the ``paid`` status.

[apply_payments][accountplan.billing.apply_payments] runs the allocation
engine ([allocate_payments][accountplan.billing.allocate_payments]) and hands
each invoice back with what was applied to it, as a
[SettledInvoice][accountplan.billing.SettledInvoice].

Why a separate result and not an ``amount_paid`` field on ``Invoice``: what is
paid on an invoice is not a fact of the document but a consequence of the
payments received, of the day asked about and of the allocation strategy (the
same payments settle different invoices under ``oldest_due_first`` and
``pro_rata``). Stored on the invoice it would be a second source of truth
that could disagree with the payments, and every invoice built by hand or
read from JSON would have to carry it. The settled state is therefore always
computed, never stored: ``amount_paid`` is the sum of the invoice's
settlements and ``amount_due`` is ``total - amount_paid``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from accountplan._typing import ALLOCATION_STRATEGIES, AllocationStrategy
from accountplan._validate import check_choice, check_items, instance_of
from accountplan.billing._allocation import (
    MAX_ALLOCATION_ITEMS,
    Allocation,
    UnappliedCredit,
    allocate_payments,
)
from accountplan.billing._daycount import check_date
from accountplan.billing._invoice import Invoice, InvoiceStatus, is_issued, is_owed, transition
from accountplan.billing._payments import MAX_SETTLEMENTS, Payment, Settlement
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
)
from accountplan.money import Money, sum_money

__all__ = ["AppliedPayments", "SettledInvoice", "apply_payments"]


def _settlements(value: Any) -> tuple[Settlement, ...]:
    # Domain work beyond the shared check: settlements are kept in date order.
    items = check_items("settlements", value, Settlement, limit=MAX_SETTLEMENTS)
    return tuple(sorted(items, key=lambda s: s.settled_on))


@attrs.frozen(kw_only=True)
class SettledInvoice:
    """An invoice with what has been paid on it: Stripe's and ERPNext's settled state.

    ``amount_paid`` is the sum of ``settlements`` and ``amount_due`` is
    ``invoice.total - amount_paid``, so the two always add up to the total.
    For a draft or a voided invoice nothing is ever applied: ``amount_paid``
    is zero and ``amount_due`` is the total it would ask for (use
    [is_owed][accountplan.billing.is_owed] to know whether it is owed).

    Attributes:
        invoice: The invoice; its status is ``paid`` once fully settled.
        settlements: The payments applied to it, by day (each with the
            payment's reference); never more than its total.

    Raises:
        InvalidTypeError: ``invoice`` is not an ``Invoice``.
        InvalidInputError: The settlements add up to more than the total, or
            settle a draft or voided invoice.
        CurrencyMismatchError: A settlement in another currency.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.billing import Invoice, InvoiceLine, InvoiceStatus
        >>> invoice = Invoice(
        ...     number="INV-1", account_number="C-1", status=InvoiceStatus.OPEN,
        ...     issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31), currency="EUR",
        ...     lines=[InvoiceLine(description="Plan",
        ...                        unit_price=Money(amount=100, currency="EUR"), tax_rate=21)],
        ... )
        >>> settled = SettledInvoice(invoice=invoice, settlements=[
        ...     Settlement(settled_on=dt.date(2025, 2, 1),
        ...                amount=Money(amount="21.00", currency="EUR"))])
        >>> str(settled.amount_paid), str(settled.amount_due)
        ('21.00 EUR', '100.00 EUR')
    """

    invoice: Invoice = attrs.field(validator=instance_of(Invoice))
    settlements: tuple[Settlement, ...] = attrs.field(default=(), converter=_settlements)

    def __attrs_post_init__(self) -> None:
        for settlement in self.settlements:
            if settlement.amount.currency != self.invoice.currency:
                raise CurrencyMismatchError(
                    self.invoice.currency, settlement.amount.currency, "settle"
                )
        if self.settlements and not is_issued(self.invoice):
            raise InvalidInputError(
                "settlements",
                self.invoice.number,
                f"settle a {self.invoice.status.value} invoice, which never takes payments",
            )
        if self.amount_paid > self.invoice.total:
            raise InvalidInputError(
                "settlements",
                str(self.amount_paid),
                f"must not add up to more than the total {self.invoice.total}",
            )

    @property
    def amount_paid(self) -> Money:
        """What has been paid on the invoice, in whole minor units (zero or more)."""
        return sum_money(
            (s.amount for s in self.settlements), currency=self.invoice.currency
        ).rounded()

    @property
    def amount_due(self) -> Money:
        """What is still to pay: ``invoice.total - amount_paid`` (zero when paid in full)."""
        return self.invoice.total - self.amount_paid

    @property
    def paid_on(self) -> dt.date | None:
        """The day the last payment settled the invoice in full, or ``None`` while any is due."""
        if not self.settlements or self.amount_due.amount != 0:
            return None
        return self.settlements[-1].settled_on


@attrs.frozen(kw_only=True)
class AppliedPayments:
    """The outcome of [apply_payments][accountplan.billing.apply_payments].

    Attributes:
        as_of: The day asked about.
        strategy: The allocation strategy used.
        invoices: Every invoice given, in the order given, with its settled state.
        allocations: The parts applied, per currency in the order the
            currencies first appear, then in the order applied.
        unapplied: Money received that no invoice could take (a credit
            balance), never lost.
    """

    as_of: dt.date
    strategy: AllocationStrategy
    invoices: tuple[SettledInvoice, ...]
    allocations: tuple[Allocation, ...]
    unapplied: tuple[UnappliedCredit, ...]

    def unapplied_total(self, currency: str, /) -> Money:
        """The credit left over in ``currency`` (zero when there is none).

        Args:
            currency: An ISO 4217 code.

        Returns:
            The unapplied credit in ``currency``, rounded to its minor unit.

        Raises:
            InvalidInputError: ``currency`` is not a known ISO 4217 code.
        """
        return sum_money(
            (c.amount for c in self.unapplied if c.amount.currency == currency), currency=currency
        ).rounded()


def apply_payments(
    invoices: Iterable[Invoice],
    payments: Iterable[Payment],
    /,
    *,
    as_of: dt.date,
    strategy: AllocationStrategy = "oldest_due_first",
) -> AppliedPayments:
    """Return the invoices with what the payments received by ``as_of`` paid on them.

    The payments are allocated by
    [allocate_payments][accountplan.billing.allocate_payments] with
    ``strategy`` (principal only: no costs or interest). Each invoice comes
    back as a [SettledInvoice][accountplan.billing.SettledInvoice] with its
    ``amount_paid`` and ``amount_due``; an ``open`` or ``uncollectible``
    invoice paid in full moves to ``paid`` (the legal transitions of
    [transition][accountplan.billing.transition]). Nothing is mutated:
    new values are returned.

    * Only invoices issued by ``as_of`` and payments received by ``as_of``
      take part; later ones are returned unchanged (nothing paid).
    * Drafts and voided invoices are returned unchanged and take nothing
      (see [is_issued][accountplan.billing.is_issued]); a payment that
      designates one is refused. An invoice already ``paid`` takes its
      payments like an open one and stays ``paid``.
    * Overpayment: what no invoice can take is reported in ``unapplied``
      (a credit balance), never lost. Per currency, the amounts paid plus
      the unapplied credit always add up exactly to the payments.
    * Several currencies: each currency is allocated on its own (a payment
      only ever pays invoices in its own currency); a payment designating an
      invoice in another currency is refused.

    Args:
        invoices: The invoices (only [Invoice][accountplan.billing.Invoice]
            values; open items have no status to settle). Issued invoices
            need a total of more than zero.
        payments: The payments received.
        as_of: The day of the question.
        strategy: How payments are allocated (see
            [allocate_payments][accountplan.billing.allocate_payments]).

    Returns:
        The settled invoices in the order given, the allocations and the
        unapplied credit.

    Raises:
        InvalidTypeError: An invoice that is not an ``Invoice``, a payment
            that is not a ``Payment``, or ``as_of`` not a date.
        InvalidInputError: Duplicate invoice numbers, a designation of an
            unknown, draft, voided or other-currency invoice, or an issued
            invoice with a total of zero or less.
        LimitExceededError: More than ``MAX_ALLOCATION_ITEMS`` invoices or
            payments.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.billing import Invoice, InvoiceLine, InvoiceStatus
        >>> def invoice(number, net):
        ...     return Invoice(
        ...         number=number, account_number="C-1", status=InvoiceStatus.OPEN,
        ...         issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31),
        ...         currency="EUR", lines=[InvoiceLine(
        ...             description="Plan", unit_price=Money(amount=net, currency="EUR"),
        ...             tax_rate=21)])
        >>> pay = Payment(reference="P1", amount=Money(amount="150.00", currency="EUR"),
        ...               received_on=dt.date(2025, 2, 3))
        >>> result = apply_payments([invoice("A", 100), invoice("B", 100)], [pay],
        ...                         as_of=dt.date(2025, 3, 1))
        >>> [(s.invoice.number, s.invoice.status.value, str(s.amount_paid), str(s.amount_due))
        ...  for s in result.invoices]
        [('A', 'paid', '121.00 EUR', '0.00 EUR'), ('B', 'open', '29.00 EUR', '92.00 EUR')]
    """
    check_choice("strategy", strategy, ALLOCATION_STRATEGIES)
    given: tuple[Invoice, ...] = check_items(
        "invoices", invoices, Invoice, limit=MAX_ALLOCATION_ITEMS
    )
    pays: tuple[Payment, ...] = check_items(
        "payments", payments, Payment, limit=MAX_ALLOCATION_ITEMS
    )
    check_date("as_of", as_of)
    numbers = [i.number for i in given]
    if len(set(numbers)) != len(numbers):
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        raise InvalidInputError("invoices", duplicates, "must have distinct numbers")
    currency_of = {i.number: i.currency for i in given}
    for index, payment in enumerate(pays):
        for name in payment.invoices:
            other = currency_of.get(name)
            if other is not None and other != payment.amount.currency:
                raise InvalidInputError(
                    f"payments[{index}].invoices",
                    name,
                    f"is an invoice in {other}; the payment is in {payment.amount.currency}",
                )
    in_scope = [i for i in given if i.issue_date <= as_of]
    received = [p for p in pays if p.received_on <= as_of]
    currencies = list(dict.fromkeys([i.currency for i in in_scope if is_issued(i)]))
    currencies += [
        c for c in dict.fromkeys(p.amount.currency for p in received) if c not in currencies
    ]
    settlements: dict[str, list[Settlement]] = {n: [] for n in numbers}
    allocations: list[Allocation] = []
    unapplied: list[UnappliedCredit] = []
    for currency in currencies:
        result = allocate_payments(
            [i for i in in_scope if i.currency == currency],
            [p for p in received if p.amount.currency == currency],
            strategy=strategy,
        )
        allocations.extend(result.allocations)
        unapplied.extend(result.unapplied)
        for allocation in result.allocations:
            settlements[allocation.invoice].append(
                Settlement(
                    settled_on=allocation.settled_on,
                    amount=allocation.principal,
                    source=allocation.source,
                )
            )
    out = []
    for invoice in given:
        settled = SettledInvoice(invoice=invoice, settlements=settlements[invoice.number])
        if is_owed(invoice) and settled.settlements and settled.amount_due.amount == 0:
            settled = attrs.evolve(settled, invoice=transition(invoice, InvoiceStatus.PAID))
        out.append(settled)
    return AppliedPayments(
        as_of=as_of,
        strategy=strategy,
        invoices=tuple(out),
        allocations=tuple(allocations),
        unapplied=tuple(unapplied),
    )
