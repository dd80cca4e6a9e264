"""Allocating payments and credit notes to invoices; open items and the running ledger.

Strategies ([`allocate_payments()`][accountplan.billing.allocate_payments]):

* ``oldest_due_first`` (default): each payment settles the open invoices in
  order of due date (then invoice date, then number). Designations are ignored.
* ``designated``: a payment that names invoices settles those first, in the
  order named; what is left, and payments without a designation, follow
  ``oldest_due_first``.
* ``pro_rata``: each payment is split over every open invoice in proportion
  to what is open on it (largest remainder, in whole minor units).
* ``nl_statutory``: Dutch law. A designation is followed (BW 6:43 lid 1);
  otherwise the payment goes first to debts that are due, then to the most
  burdensome (the highest ``ItemCharges.burden``), then to the oldest, and
  pro rata between debts alike in all of these (BW 6:43 lid 2).

Within one invoice every strategy pays costs first, then interest, then the
principal (BW 6:44 lid 1); costs and interest exist only when passed as
``charges``. Sources are applied in date order, credit notes before payments
on the same day. Whatever is left when nothing is open becomes an
[`UnappliedCredit`][accountplan.billing.UnappliedCredit]: the applied amounts plus the unapplied
credits
always add up exactly to the payments and credit notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from accountplan._decimal import to_decimal
from accountplan._tables import Column, Tabular
from accountplan._typing import ALLOCATION_STRATEGIES, AllocationStrategy
from accountplan._validate import check_choice, check_items, check_type, named, non_empty
from accountplan.billing._daycount import check_date
from accountplan.billing._invoice import Invoice, is_issued, is_owed
from accountplan.billing._payments import CreditNote, OpenItem, Payment, Settlement
from accountplan.billing._rows import ALLOCATION_COLUMNS, allocation_record, allocation_rows
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
)
from accountplan.money import Money, allocate

__all__ = [
    "MAX_ALLOCATION_ITEMS",
    "Allocation",
    "AllocationResult",
    "ItemCharges",
    "LedgerEntry",
    "UnappliedCredit",
    "allocate_payments",
    "as_open_item",
    "ledger",
    "open_items",
]

#: The most invoices, payments or credit notes one call accepts (each).
MAX_ALLOCATION_ITEMS = 100_000

SourceKind = Literal["payment", "credit_note"]
_COMPONENTS = ("costs", "interest", "principal")


def _non_negative(field: str, value: Any) -> Money:
    money = check_type(field, value, Money)
    if money.amount < 0 or not money.is_rounded():
        raise InvalidInputError(
            field, value, "must be zero or more, in whole minor units of its currency"
        )
    return money


#: A validator: an amount of zero or more, in whole minor units.
_non_negative_money = named(_non_negative)


def _burden(value: Any) -> Decimal:
    number = to_decimal("burden", value)
    if number < 0:
        raise InvalidInputError("burden", value, "must not be negative")
    return number


@attrs.frozen(kw_only=True)
class ItemCharges:
    """Costs and interest owed on one invoice, settled before its principal (BW 6:44).

    Attributes:
        invoice: The invoice number.
        costs: Collection costs owed (for example
            [`nl_collection_costs()`][accountplan.billing.statutory.nl_collection_costs]).
        interest: Interest accrued and owed.
        burden: How burdensome the debt is, for ``nl_statutory`` (BW 6:43
            lid 2): typically the interest rate it bears, in percent a year.

    Examples:
        >>> ItemCharges(
        ...     invoice="INV-1",
        ...     costs=Money(amount=40, currency="EUR"),
        ...     interest=Money(amount="3.20", currency="EUR"),
        ... ).burden
        Decimal('0')
    """

    invoice: str = attrs.field(validator=non_empty)
    costs: Money = attrs.field(validator=_non_negative_money)
    interest: Money = attrs.field(validator=_non_negative_money)
    burden: Decimal = attrs.field(default=Decimal(0), converter=_burden)

    def __attrs_post_init__(self) -> None:
        if self.costs.currency != self.interest.currency:
            raise CurrencyMismatchError(self.costs.currency, self.interest.currency, "combine")


@attrs.frozen(kw_only=True)
class Allocation:
    """Part of one payment or credit note applied to one invoice.

    Attributes:
        source: The payment's or credit note's reference.
        source_kind: ``payment`` or ``credit_note``.
        invoice: The invoice number.
        settled_on: The day it was applied (the payment's or credit note's date).
        amount: The amount applied: ``costs + interest + principal``.
        costs: The part that paid collection costs.
        interest: The part that paid interest.
        principal: The part that paid the invoice's principal.
    """

    source: str
    source_kind: SourceKind
    invoice: str
    settled_on: dt.date
    amount: Money
    costs: Money
    interest: Money
    principal: Money


@attrs.frozen(kw_only=True)
class UnappliedCredit:
    """Money received that no open invoice could take: a credit balance.

    Attributes:
        source: The payment's or credit note's reference.
        source_kind: ``payment`` or ``credit_note``.
        received_on: The day it was received.
        amount: The amount left over.
    """

    source: str
    source_kind: SourceKind
    received_on: dt.date
    amount: Money


@attrs.frozen(kw_only=True)
class AllocationResult(Tabular):
    """The outcome of [`allocate_payments()`][accountplan.billing.allocate_payments].

    As a table (``to_records()``, ``to_pandas()``, notebook reprs) it has one
    row per allocation, then one per credit left unapplied: ``kind``
    (``allocation`` or ``unapplied``), ``source``, ``source_kind``,
    ``invoice`` (``None`` when unapplied), ``date`` (the day it was applied,
    or received), ``amount``, ``costs``, ``interest``, ``principal``
    (``None`` when unapplied) and ``currency``.

    Attributes:
        strategy: The strategy used.
        currency: The currency of every amount.
        allocations: The applied parts, in the order they were applied.
        unapplied: What was left over, per source.
    """

    strategy: AllocationStrategy
    currency: str
    allocations: tuple[Allocation, ...]
    unapplied: tuple[UnappliedCredit, ...]

    def _columns(self) -> tuple[Column, ...]:
        return ALLOCATION_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return allocation_rows(self)

    def _record(self, row: Any) -> dict[str, Any]:
        return allocation_record(row, self.currency)

    def _title(self) -> str:
        return f"Allocation ({self.strategy}, {self.currency})"

    def applied_to(self, invoice: str, /) -> Money:
        """The total applied to one invoice.

        Args:
            invoice: The invoice's number.

        Returns:
            The sum of the allocations to that invoice, in whole minor units
            of the result's currency; zero for an invoice that got nothing or
            is unknown.

        Raises:
            InvalidTypeError: ``invoice`` is not a ``str``.
            CurrencyMismatchError: never for a result of
                [allocate_payments][accountplan.billing.allocate_payments]
                (one currency throughout); only a hand-built result mixing
                currencies.

        Examples:
            >>> import datetime as dt
            >>> item = OpenItem(number="A", issue_date=dt.date(2025, 1, 1),
            ...                 due_date=dt.date(2025, 1, 31),
            ...                 total=Money(amount="60.00", currency="EUR"))
            >>> pay = Payment(reference="P1", amount=Money(amount="25.00", currency="EUR"),
            ...               received_on=dt.date(2025, 2, 3))
            >>> str(allocate_payments([item], [pay]).applied_to("A"))
            '25.00 EUR'
        """
        check_type("invoice", invoice, str)
        total = Money.zero(self.currency).rounded()
        for allocation in self.allocations:
            if allocation.invoice == invoice:
                total = total + allocation.amount
        return total

    def unapplied_total(self) -> Money:
        """The total credit left over.

        Returns:
            The sum of the unapplied credits (overpayments and credit note
            remainders), in whole minor units of the result's currency.

        Examples:
            >>> import datetime as dt
            >>> item = OpenItem(number="A", issue_date=dt.date(2025, 1, 1),
            ...                 due_date=dt.date(2025, 1, 31),
            ...                 total=Money(amount="60.00", currency="EUR"))
            >>> pay = Payment(reference="P1", amount=Money(amount="75.00", currency="EUR"),
            ...               received_on=dt.date(2025, 2, 3))
            >>> str(allocate_payments([item], [pay]).unapplied_total())
            '15.00 EUR'
        """
        total = Money.zero(self.currency).rounded()
        for credit in self.unapplied:
            total = total + credit.amount
        return total


@attrs.frozen(kw_only=True)
class LedgerEntry:
    """One line of an account's running ledger.

    Attributes:
        on: The day of the transaction.
        kind: ``invoice``, ``credit_note`` or ``payment``.
        reference: The document's number.
        debit: What it added to the balance (invoices).
        credit: What it took off (payments and credit notes).
        balance: What the customer owes after it (negative: a credit balance).
    """

    on: dt.date
    kind: Literal["invoice", "credit_note", "payment"]
    reference: str
    debit: Money
    credit: Money
    balance: Money


# -- input -----------------------------------------------------------------------


#: What every receivables function takes as a debt: an invoice or an open item.
Receivable = Invoice | OpenItem


def invoice_debt(field: str, invoice: Invoice) -> OpenItem:
    """An invoice's debt as an ``OpenItem`` (no settlements), status not checked."""
    total = invoice.total
    if total.amount <= 0:
        raise InvalidInputError(
            field, invoice.number, f"has a total of {total}: only a total above zero is a debt"
        )
    return OpenItem(
        number=invoice.number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        total=total,
        account_number=invoice.account_number,
    )


def debt_of(invoice: Receivable, /, *, field: str = "invoice") -> OpenItem:
    """An invoice or open item as an ``OpenItem`` without settlements, status not checked.

    Anything else raises ``InvalidTypeError`` naming ``field``.
    """
    if isinstance(invoice, OpenItem):
        return attrs.evolve(invoice, settlements=()) if invoice.settlements else invoice
    if isinstance(invoice, Invoice):
        return invoice_debt(field, invoice)
    raise InvalidTypeError(field, invoice, "must be an Invoice or an OpenItem")


def check_receivable(field: str, value: Any) -> Receivable:
    """Return ``value`` if it is an Invoice or an OpenItem."""
    if not isinstance(value, Invoice | OpenItem):
        raise InvalidTypeError(field, value, "must be an Invoice or an OpenItem")
    return value


def check_receivables(field: str, items: Iterable[Any]) -> tuple[Receivable, ...]:
    """The items as a tuple, refusing anything that is not an Invoice or an OpenItem.

    The shared rule for "many X" arguments
    ([check_items][accountplan._validate.check_items]): any iterable but a
    string, bytes or a mapping; at most ``MAX_ALLOCATION_ITEMS``, counted
    before the rest is read; a wrong item named by its position.
    """
    return check_items(
        field,
        items,
        check_receivable,
        limit=MAX_ALLOCATION_ITEMS,
        what="Invoice or OpenItem values",
    )


def check_owed(field: str, invoice: Receivable) -> None:
    """Refuse an invoice that is not owed (see [is_owed][accountplan.billing.is_owed])."""
    if isinstance(invoice, Invoice) and not is_owed(invoice):
        raise InvalidInputError(
            field,
            invoice.number,
            f"is a {invoice.status.value} invoice: only open and uncollectible invoices are owed",
        )


def owed_item(field: str, item: Any) -> OpenItem:
    """An open item as given (settlements kept), or an owed invoice as an open item."""
    if isinstance(item, OpenItem):
        return item
    if not isinstance(item, Invoice):
        raise InvalidTypeError(field, item, "must be an OpenItem or an Invoice")
    check_owed(field, item)
    return invoice_debt(field, item)


def owed_items(field: str, items: Iterable[Any]) -> tuple[OpenItem, ...]:
    """The open items given, and the owed invoices among the invoices given (others left out)."""
    out = []
    for index, item in enumerate(check_receivables(field, items)):
        if isinstance(item, Invoice) and not is_owed(item):
            continue
        out.append(owed_item(f"{field}[{index}]", item))
    return tuple(out)


def as_open_item(invoice: Receivable, /) -> OpenItem:
    """An owed invoice or an open item as an [OpenItem][accountplan.billing.OpenItem].

    A thin alias: an ``Invoice`` goes through
    [OpenItem.from_invoice][accountplan.billing.OpenItem.from_invoice]; an
    ``OpenItem`` is returned without its settlements. Nothing else is
    accepted: no attribute is guessed.

    Args:
        invoice: An [Invoice][accountplan.billing.Invoice] (``open`` or
            ``uncollectible``) or an [OpenItem][accountplan.billing.OpenItem].

    Returns:
        The open item, without settlements.

    Raises:
        InvalidTypeError: ``invoice`` is neither an ``Invoice`` nor an ``OpenItem``.
        InvalidInputError: The invoice is a draft, voided or paid, or its total
            is not more than zero.

    Examples:
        >>> import datetime as dt
        >>> item = OpenItem(
        ...     number="INV-1",
        ...     issue_date=dt.date(2025, 1, 1),
        ...     due_date=dt.date(2025, 1, 31),
        ...     total=Money(amount="10.00", currency="EUR"),
        ... )
        >>> as_open_item(item) == item
        True
    """
    if isinstance(invoice, Invoice):
        return OpenItem.from_invoice(invoice)
    return debt_of(invoice)


def _sequence(field: str, value: Any, item: type[Any]) -> tuple[Any, ...]:
    return check_items(field, value, item, limit=MAX_ALLOCATION_ITEMS)


@attrs.define
class _Debt:
    item: OpenItem
    open: dict[str, int]  # minor units per component

    @property
    def total(self) -> int:
        return sum(self.open.values())


@attrs.frozen
class _Source:
    kind: SourceKind
    reference: str
    on: dt.date
    amount: Money
    designated: tuple[str, ...]


def _prepare(
    invoices: Any, payments: Any, credit_notes: Any, charges: Any
) -> tuple[str, list[_Debt], list[_Source], dict[str, Decimal]]:
    given = check_receivables("invoices", invoices)
    left_out = {inv.number for inv in given if isinstance(inv, Invoice) and not is_issued(inv)}
    items = [debt_of(inv) for inv in given if is_issued(inv)]
    pays = _sequence("payments", payments, Payment)
    notes = _sequence("credit_notes", credit_notes, CreditNote)
    extra = _sequence("charges", charges, ItemCharges)
    currencies = [i.currency for i in items] + [p.amount.currency for p in pays]
    currencies += [n.amount.currency for n in notes] + [c.costs.currency for c in extra]
    if not currencies:
        raise InvalidInputError("invoices", (), "give at least one issued invoice or payment")
    currency = currencies[0]
    for other in currencies:
        if other != currency:
            raise CurrencyMismatchError(currency, other, "allocate")
    numbers = [i.number for i in items]
    if len(set(numbers)) != len(numbers):
        raise InvalidInputError("invoices", numbers, "must have distinct numbers")
    known = set(numbers)
    by_invoice = {}
    for charge in extra:
        if charge.invoice not in known:
            raise InvalidInputError("charges", charge.invoice, "names an unknown invoice")
        if charge.invoice in by_invoice:
            raise InvalidInputError("charges", charge.invoice, "names an invoice twice")
        by_invoice[charge.invoice] = charge
    debts = []
    for item in items:
        charge = by_invoice.get(item.number)
        debts.append(
            _Debt(
                item=item,
                open={
                    "costs": charge.costs.minor_units if charge else 0,
                    "interest": charge.interest.minor_units if charge else 0,
                    "principal": item.total.minor_units,
                },
            )
        )
    sources = [
        _Source("credit_note", n.number, n.issue_date, n.amount, (n.invoice,) if n.invoice else ())
        for n in notes
    ] + [_Source("payment", p.reference, p.received_on, p.amount, p.invoices) for p in pays]
    refs = [(s.kind, s.reference) for s in sources]
    if len(set(refs)) != len(refs):
        raise InvalidInputError("payments", [r for _k, r in refs], "must have distinct references")
    for source in sources:
        for name in source.designated:
            if name in left_out and name not in known:
                raise InvalidInputError(
                    "invoices",
                    name,
                    f"is designated by {source.reference} but is a draft or voided invoice, "
                    "which is never owed",
                )
            if name not in known:
                raise InvalidInputError(
                    "invoices", name, f"is designated by {source.reference} but not given"
                )
    sources.sort(key=lambda s: (s.on, 0 if s.kind == "credit_note" else 1, s.reference))
    return currency, debts, sources, {c.invoice: c.burden for c in extra}


# -- the allocation ----------------------------------------------------------------


def _pay_debt(debt: _Debt, units: int, *, principal_only: bool) -> dict[str, int]:
    paid = dict.fromkeys(_COMPONENTS, 0)
    for name in ("principal",) if principal_only else _COMPONENTS:
        take = min(units, debt.open[name])
        debt.open[name] -= take
        paid[name] += take
        units -= take
    return paid


def _pay_group(group: list[_Debt], units: int) -> list[tuple[_Debt, dict[str, int]]]:
    """Pay a group of equal-ranking debts pro rata to what is open on each."""
    weights = [d.total for d in group]
    if units >= sum(weights):
        shares = weights
    else:  # pro rata in whole minor units, by money.allocate's largest-remainder split
        money = Money.from_minor_units(units, group[0].item.total.currency)
        shares = [part.minor_units for part in allocate(money, weights)]
    return [(d, _pay_debt(d, s, principal_only=False)) for d, s in zip(group, shares, strict=True)]


class _Order:
    """The debts in each strategy's order, sorted once; groups are produced lazily."""

    def __init__(self, debts: list[_Debt], burden: dict[str, Decimal]) -> None:
        self.debts = debts
        self.burden = burden
        self.oldest = sorted(
            debts, key=lambda d: (d.item.due_date, d.item.issue_date, d.item.number)
        )
        self.cursor = 0
        self.statutory = sorted(debts, key=lambda d: (*self._rank(d), d.item.number))

    def _rank(self, debt: _Debt) -> tuple[Any, ...]:
        # BW 6:43 lid 2: the most burdensome first, then the oldest.
        return (
            -self.burden.get(debt.item.number, Decimal(0)),
            debt.item.due_date,
            debt.item.issue_date,
        )

    def groups(self, strategy: str, on: dt.date) -> Iterator[list[_Debt]]:
        if strategy == "pro_rata":
            open_debts = [d for d in self.debts if d.total > 0]
            if open_debts:
                yield open_debts
            return
        if strategy != "nl_statutory":
            while self.cursor < len(self.oldest) and self.oldest[self.cursor].total == 0:
                self.cursor += 1
            for debt in self.oldest[self.cursor :]:
                if debt.total > 0:
                    yield [debt]
            return
        # BW 6:43 lid 2: debts that are due first, then the others; equals pro rata.
        for due_now in (True, False):
            group: list[_Debt] = []
            for debt in self.statutory:
                if debt.total == 0 or (debt.item.due_date <= on) != due_now:
                    continue
                if group and self._rank(group[0]) != self._rank(debt):
                    yield group
                    group = []
                group.append(debt)
            if group:
                yield group


def _record(
    out: list[Allocation], source: _Source, debt: _Debt, paid: dict[str, int], currency: str
) -> None:
    if not any(paid.values()):
        return

    def money(units: int) -> Money:
        return Money.from_minor_units(units, currency)

    out.append(
        Allocation(
            source=source.reference,
            source_kind=source.kind,
            invoice=debt.item.number,
            settled_on=source.on,
            amount=money(sum(paid.values())),
            costs=money(paid["costs"]),
            interest=money(paid["interest"]),
            principal=money(paid["principal"]),
        )
    )


def allocate_payments(
    invoices: Iterable[Invoice | OpenItem],
    payments: Iterable[Payment],
    /,
    *,
    strategy: AllocationStrategy = "oldest_due_first",
    credit_notes: Iterable[CreditNote] = (),
    charges: Iterable[ItemCharges] = (),
) -> AllocationResult:
    """Apply payments and credit notes to invoices; see the module notes for the strategies.

    ``invoices`` are [`Invoice`][accountplan.billing.Invoice] values or
    [`OpenItem`][accountplan.billing.OpenItem] values (their settlements are ignored). Drafts and
    voided invoices are left out (see [is_issued][accountplan.billing.is_issued]);
    a payment designating one raises ``InvalidInputError``. All amounts must
    share one currency (``CurrencyMismatchError`` otherwise). A credit note
    against an invoice reduces that invoice's principal; what it cannot
    reduce becomes unapplied credit.

    Args:
        invoices: The debts: [Invoice][accountplan.billing.Invoice] or
            [OpenItem][accountplan.billing.OpenItem] values with distinct
            numbers, at most ``MAX_ALLOCATION_ITEMS``.
        payments: The payments, with distinct references, applied in the
            order they were received.
        strategy: ``"oldest_due_first"`` (the default), ``"designated"``,
            ``"pro_rata"`` or ``"nl_statutory"`` (see the module notes).
        credit_notes: Credit notes; each reduces the principal of the
            invoice it names.
        charges: Costs and interest per invoice, paid before its principal.

    Returns:
        The allocations, the unapplied credit and the open balance of each
        invoice, all in whole minor units of the one currency.

    Raises:
        InvalidTypeError: a payment, credit note or charge is not of its
            type, an invoice is neither an ``Invoice`` nor an ``OpenItem``,
            or ``strategy`` is not a ``str``.
        InvalidInputError: an unknown strategy, nothing issued to allocate,
            duplicate invoice numbers or payment references, a designation
            or charge naming an unknown (or draft or voided) invoice, or an
            argument that is not a sequence.
        CurrencyMismatchError: the amounts are not all in one currency.
        LimitExceededError: more than ``MAX_ALLOCATION_ITEMS`` items in one
            argument; checked before any work.

    Examples:
        >>> import datetime as dt
        >>> def inv(n, due, amount):
        ...     return OpenItem(number=n, issue_date=dt.date(2025, 1, 1), due_date=due,
        ...                     total=Money(amount=amount, currency="EUR"))
        >>> invoices = [
        ...     inv("A", dt.date(2025, 2, 1), "60.00"), inv("B", dt.date(2025, 1, 15), "50.00")
        ... ]
        >>> pay = Payment(reference="P1", amount=Money(amount="80.00", currency="EUR"),
        ...               received_on=dt.date(2025, 2, 3))
        >>> result = allocate_payments(invoices, [pay])
        >>> [(a.invoice, str(a.amount)) for a in result.allocations]
        [('B', '50.00 EUR'), ('A', '30.00 EUR')]
        >>> str(allocate_payments(invoices, [pay], strategy="pro_rata").applied_to("A"))
        '43.64 EUR'
    """
    mode = check_choice("strategy", strategy, ALLOCATION_STRATEGIES)
    currency, debts, sources, burden = _prepare(invoices, payments, credit_notes, charges)
    by_number = {d.item.number: d for d in debts}
    order = _Order(debts, burden)
    allocations: list[Allocation] = []
    unapplied: list[UnappliedCredit] = []
    for source in sources:
        units = source.amount.minor_units
        credit_note = source.kind == "credit_note"
        honour = credit_note or mode in {"designated", "nl_statutory"}
        for name in source.designated if honour else ():
            debt = by_number[name]
            paid = _pay_debt(debt, units, principal_only=credit_note)
            units -= sum(paid.values())
            _record(allocations, source, debt, paid, currency)
        fallback = "oldest_due_first" if mode == "designated" else mode
        groups: Iterator[list[_Debt]] = (
            iter(()) if credit_note and source.designated else order.groups(fallback, source.on)
        )
        for group in groups:
            if units <= 0:
                break
            for debt, paid in _pay_group(group, units):
                units -= sum(paid.values())
                _record(allocations, source, debt, paid, currency)
        if units > 0:
            unapplied.append(
                UnappliedCredit(
                    source=source.reference,
                    source_kind=source.kind,
                    received_on=source.on,
                    amount=Money.from_minor_units(units, currency),
                )
            )
    return AllocationResult(
        strategy=mode,  # type: ignore[arg-type]
        currency=currency,
        allocations=tuple(allocations),
        unapplied=tuple(unapplied),
    )


def settle(
    invoices: Iterable[Invoice | OpenItem],
    payments: Iterable[Payment],
    *,
    as_of: dt.date,
    strategy: AllocationStrategy,
    credit_notes: Iterable[CreditNote],
) -> tuple[OpenItem, ...]:
    """Every invoice issued by ``as_of`` with the settlements made by then.

    Without charges every allocation pays principal only, so each one becomes
    a settlement of its invoice.
    """
    check_date("as_of", as_of)
    check_choice("strategy", strategy, ALLOCATION_STRATEGIES)
    items = [debt_of(i) for i in check_receivables("invoices", invoices) if is_issued(i)]
    items = [i for i in items if i.issue_date <= as_of]
    pays = [p for p in _sequence("payments", payments, Payment) if p.received_on <= as_of]
    notes = [
        n for n in _sequence("credit_notes", credit_notes, CreditNote) if n.issue_date <= as_of
    ]
    if not items:
        return ()
    known = {i.number for i in items}
    notes = [n for n in notes if n.invoice is None or n.invoice in known]
    pays = [attrs.evolve(p, invoices=[n for n in p.invoices if n in known]) for p in pays]
    result = allocate_payments(items, pays, strategy=strategy, credit_notes=notes)
    settlements: dict[str, list[Settlement]] = {i.number: [] for i in items}
    for allocation in result.allocations:
        settlements[allocation.invoice].append(
            Settlement(
                settled_on=allocation.settled_on,
                amount=allocation.principal,
                source=allocation.source,
            )
        )
    return tuple(attrs.evolve(i, settlements=settlements[i.number]) for i in items)


def owed_references(invoices: Sequence[Receivable]) -> frozenset[str]:
    """The numbers of the owed invoices (and open items) among ``invoices``."""
    return frozenset(i.number for i in invoices if is_owed(i))


def open_items(
    invoices: Iterable[Invoice | OpenItem],
    payments: Iterable[Payment],
    /,
    *,
    as_of: dt.date,
    strategy: AllocationStrategy = "oldest_due_first",
    credit_notes: Iterable[CreditNote] = (),
) -> tuple[OpenItem, ...]:
    """The invoices still (partly) open at the end of ``as_of``, with their settlements.

    Only owed invoices are listed (open and uncollectible ones, see
    [is_owed][accountplan.billing.is_owed]): drafts and voided invoices are
    left out entirely, paid invoices take their payments but are never listed.
    Invoices issued after ``as_of`` and payments received after it are left
    out; the result is sorted by due date, then number.

    Args:
        invoices: Invoices or open items (their settlements are ignored).
        payments: The payments received.
        as_of: The day of the question.
        strategy: How payments are allocated (see
            [allocate_payments][accountplan.billing.allocate_payments]).
        credit_notes: Credit notes issued.

    Returns:
        The open items with what settled them by ``as_of``.

    Raises:
        InvalidInputError: Bad input (as for ``allocate_payments``).

    Examples:
        >>> import datetime as dt
        >>> invoice = OpenItem(number="A", issue_date=dt.date(2025, 1, 1),
        ...                    due_date=dt.date(2025, 1, 31),
        ...                    total=Money(amount=100, currency="EUR"))
        >>> pay = Payment(reference="P1", amount=Money(amount="30.00", currency="EUR"),
        ...               received_on=dt.date(2025, 2, 3))
        >>> [str(i.amount_due(dt.date(2025, 3, 1))) for i in
        ...  open_items([invoice], [pay], as_of=dt.date(2025, 3, 1))]
        ['70.00 EUR']
    """
    given = check_receivables("invoices", invoices)
    owed = owed_references(given)
    items = settle(given, payments, as_of=as_of, strategy=strategy, credit_notes=credit_notes)
    still_open = [i for i in items if i.number in owed and i.amount_due(as_of).amount > 0]
    return tuple(sorted(still_open, key=lambda i: (i.due_date, i.number)))


def ledger(
    invoices: Iterable[Invoice | OpenItem],
    payments: Iterable[Payment],
    /,
    *,
    credit_notes: Iterable[CreditNote] = (),
    as_of: dt.date | None = None,
) -> tuple[LedgerEntry, ...]:
    """The account's transactions in date order with the balance after each.

    On one day invoices come first, then credit notes, then payments. With
    ``as_of`` later transactions are left out. Only issued invoices are
    entries (open, uncollectible and paid ones, see
    [is_issued][accountplan.billing.is_issued]): drafts and voided invoices
    never are.

    Args:
        invoices: Invoices or open items.
        payments: The payments received.
        credit_notes: Credit notes issued.
        as_of: The last day to include, or ``None`` for everything.

    Returns:
        The entries in date order.

    Raises:
        InvalidInputError: Bad input (as for ``allocate_payments``).

    Examples:
        >>> import datetime as dt
        >>> invoice = OpenItem(number="A", issue_date=dt.date(2025, 1, 1),
        ...                    due_date=dt.date(2025, 1, 31),
        ...                    total=Money(amount=100, currency="EUR"))
        >>> pay = Payment(reference="P1", amount=Money(amount="30.00", currency="EUR"),
        ...               received_on=dt.date(2025, 2, 3))
        >>> [(e.reference, str(e.balance)) for e in ledger([invoice], [pay])]
        [('A', '100 EUR'), ('P1', '70.00 EUR')]
    """
    currency, debts, sources, _burden = _prepare(invoices, payments, credit_notes, ())
    if as_of is not None:
        check_date("as_of", as_of)
    rows: list[tuple[tuple[Any, ...], Any, Money, Money]] = []
    zero = Money.zero(currency)
    for debt in debts:
        key = (debt.item.issue_date, 0, debt.item.number)
        rows.append((key, ("invoice", debt.item.number), debt.item.total, zero))
    for source in sources:
        key = (source.on, 1 if source.kind == "credit_note" else 2, source.reference)
        rows.append((key, (source.kind, source.reference), zero, source.amount))
    rows.sort(key=lambda r: r[0])
    balance = zero
    out: list[LedgerEntry] = []
    for key, (kind, reference), debit, credit in rows:
        if as_of is not None and key[0] > as_of:
            break
        balance = balance + debit - credit
        out.append(
            LedgerEntry(
                on=key[0],
                kind=kind,
                reference=reference,
                debit=debit,
                credit=credit,
                balance=balance,
            )
        )
    return tuple(out)
