"""The accounts-receivable aging report and days sales outstanding (DSO).

Buckets are labelled from their bounds: ``buckets=(30, 60, 90)`` gives
``not_due``, ``0-30``, ``31-60``, ``61-90`` and ``90+``. Bounds are
upper-inclusive (an item 30 days overdue is in ``0-30``); the last bucket is
open-ended. An item whose due date is on or after ``as_of`` is ``not_due``
whatever the basis; for the others the age is counted from the due date
(``basis="due_date"``, the default) or from the invoice date
(``basis="invoice_date"``).

A report holds one currency: mixing currencies raises
``CurrencyMismatchError``; :func:`aging_reports_by_currency` makes one report
per currency instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountplan._decimal import CONTEXT
from accountplan._frozen import FrozenMap
from accountplan._typing import AGING_BASES, AgingBasis
from accountplan._validate import check_choice, check_type
from accountplan.billing._daycount import check_date
from accountplan.billing._payments import OpenItem
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, LimitExceededError
from accountplan.money import Money, sum_money

__all__ = [
    "NOT_DUE",
    "AgingLine",
    "AgingReport",
    "AgingRow",
    "aging_report",
    "aging_reports_by_currency",
    "bucket_labels",
]

#: The label of the bucket of items not yet due.
NOT_DUE = "not_due"
#: The most bucket bounds a report may have.
MAX_BUCKETS = 24
#: The most items one report accepts.
MAX_AGING_ITEMS = 1_000_000


@attrs.frozen(kw_only=True)
class AgingLine:
    """One open item in an aging report.

    Attributes:
        reference: The invoice number.
        account_number: The account that owes it.
        issued: The invoice date.
        due: The due date.
        age_days: Days since the due date or invoice date (by the report's
            basis); 0 for items not yet due.
        bucket: The bucket label.
        amount: What is open on ``as_of``.
    """

    reference: str
    account_number: str
    issued: dt.date
    due: dt.date
    age_days: int
    bucket: str
    amount: Money


@attrs.frozen(kw_only=True)
class AgingRow:
    """The totals of one account.

    Attributes:
        account_number: The account.
        buckets: The total per bucket label (every label present, zero if empty).
        total: The account's open balance.
    """

    account_number: str
    buckets: FrozenMap[str, Money]
    total: Money


@attrs.frozen(kw_only=True)
class AgingReport:
    """Open receivables by age on a day.

    Attributes:
        as_of: The day of the report.
        currency: The one currency of every amount.
        basis: ``due_date`` or ``invoice_date``.
        labels: The bucket labels in order, ``not_due`` first.
        lines: One line per open item, by account then due date.
        rows: One row per account, by account number.
        totals: The total per bucket label over all accounts.
        total: The open balance over all accounts; the bucket totals add up to it.
        dso: Days sales outstanding: ``total / sales * dso_days``; ``None``
            when there were no sales in the window.
        dso_days: The length of the DSO window, in days.
        sales: The credit sales of the DSO window.
    """

    as_of: dt.date
    currency: str
    basis: AgingBasis
    labels: tuple[str, ...]
    lines: tuple[AgingLine, ...]
    rows: tuple[AgingRow, ...]
    totals: FrozenMap[str, Money]
    total: Money
    dso: Decimal | None
    dso_days: int
    sales: Money


def _bounds(buckets: Any) -> tuple[int, ...]:
    if isinstance(buckets, str | bytes) or not isinstance(buckets, Sequence):
        raise InvalidInputError("buckets", buckets, "must be a sequence of whole days")
    bounds = tuple(buckets)
    if not bounds:
        raise InvalidInputError("buckets", bounds, "must not be empty")
    if len(bounds) > MAX_BUCKETS:
        raise LimitExceededError("buckets", len(bounds), MAX_BUCKETS)
    previous = 0
    for index, bound in enumerate(bounds):
        check_type(f"buckets[{index}]", bound, int)
        if bound <= previous:
            raise InvalidInputError("buckets", bounds, "must be positive and strictly increasing")
        previous = bound
    return bounds


def bucket_labels(buckets: Sequence[int], /) -> tuple[str, ...]:
    """The labels of the buckets for some bounds, ``not_due`` first.

    Examples:
        >>> bucket_labels((30, 60, 90))
        ('not_due', '0-30', '31-60', '61-90', '90+')
        >>> bucket_labels((15,))
        ('not_due', '0-15', '15+')
    """
    bounds = _bounds(buckets)
    labels = [NOT_DUE, f"0-{bounds[0]}"]
    labels += [f"{low + 1}-{high}" for low, high in itertools.pairwise(bounds)]
    labels.append(f"{bounds[-1]}+")
    return tuple(labels)


def _bucket(age: int, bounds: tuple[int, ...], labels: tuple[str, ...]) -> str:
    for index, bound in enumerate(bounds):
        if age <= bound:
            return labels[index + 1]
    return labels[-1]


def _items(items: Any) -> tuple[OpenItem, ...]:
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidInputError("items", items, "must be a sequence of OpenItem")
    out = tuple(items)
    if len(out) > MAX_AGING_ITEMS:
        raise LimitExceededError("items", len(out), MAX_AGING_ITEMS)
    for index, item in enumerate(out):
        check_type(f"items[{index}]", item, OpenItem)
    return out


def _dso_days(value: Any) -> int:
    check_type("dso_days", value, int)
    if not 1 <= value <= 3660:
        raise InvalidInputError("dso_days", value, "must be from 1 to 3660")
    return int(value)


def aging_report(
    items: Iterable[OpenItem],
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: AgingBasis = "due_date",
    dso_days: int = 90,
    sales: Money | None = None,
    currency: str | None = None,
) -> AgingReport:
    """Age the open items on ``as_of``.

    Items issued after ``as_of`` and items fully settled by then are left out.
    DSO divides the open balance by the credit sales of the ``dso_days`` days
    up to ``as_of`` and multiplies by ``dso_days``. Pass those ``sales``
    when you know them (every invoice of the window, paid or not); by default
    they are the amounts of the given items issued in the window, which
    undercounts when paid invoices are left out. ``currency`` is needed only
    when ``items`` is empty.

    Raises ``CurrencyMismatchError`` when the items are in several currencies.

    Examples:
        >>> import datetime as dt
        >>> def item(n, due, amount, account="C-1"):
        ...     return OpenItem(reference=n, issued=due - dt.timedelta(days=30), due=due,
        ...                     amount=Money(amount=amount, currency="EUR"),
        ...                     account_number=account)
        >>> report = aging_report(
        ...     [item("A", dt.date(2025, 3, 10), 100), item("B", dt.date(2025, 1, 20), 50)],
        ...     as_of=dt.date(2025, 3, 1),
        ... )
        >>> [(line.reference, line.bucket) for line in report.lines]
        [('B', '31-60'), ('A', 'not_due')]
        >>> str(report.totals["31-60"]), str(report.total), str(report.dso)
        ('50.00 EUR', '150.00 EUR', '90.00')
    """
    check_date("as_of", as_of)
    mode = check_choice("basis", basis, AGING_BASES)
    bounds = _bounds(buckets)
    labels = bucket_labels(bounds)
    window = _dso_days(dso_days)
    given = _items(items)
    codes = {i.currency for i in given}
    if currency is not None:
        codes.add(currency)
    if not codes:
        raise InvalidInputError("currency", None, "is needed when there are no items")
    if len(codes) > 1:
        first, second = sorted(codes)[:2]
        raise CurrencyMismatchError(first, second, "age")
    code = codes.pop()
    lines: list[AgingLine] = []
    for item in given:
        if item.issued > as_of:
            continue
        amount = item.open_amount(as_of)
        if amount.amount <= 0:
            continue
        if item.due >= as_of:
            age, label = 0, NOT_DUE
        else:
            age = (as_of - (item.due if mode == "due_date" else item.issued)).days
            label = _bucket(age, bounds, labels)
        lines.append(
            AgingLine(
                reference=item.reference,
                account_number=item.account_number,
                issued=item.issued,
                due=item.due,
                age_days=age,
                bucket=label,
                amount=amount,
            )
        )
    lines.sort(key=lambda line: (line.account_number, line.due, line.reference))
    rows: list[AgingRow] = []
    for account in sorted({line.account_number for line in lines}):
        mine = [line for line in lines if line.account_number == account]
        per = {
            lab: sum_money((x.amount for x in mine if x.bucket == lab), currency=code).rounded()
            for lab in labels
        }
        rows.append(
            AgingRow(
                account_number=account,
                buckets=FrozenMap(per),
                total=sum_money((x.amount for x in mine), currency=code),
            )
        )
    totals = {
        lab: sum_money((x.amount for x in lines if x.bucket == lab), currency=code).rounded()
        for lab in labels
    }
    total = sum_money((x.amount for x in lines), currency=code).rounded()
    start = as_of - dt.timedelta(days=window)
    if sales is None:
        sales = sum_money((i.amount for i in given if start < i.issued <= as_of), currency=code)
    else:
        check_type("sales", sales, Money)
        if sales.currency != code:
            raise CurrencyMismatchError(code, sales.currency, "age")
    dso = None
    if sales.amount > 0:
        dso = CONTEXT.multiply(CONTEXT.divide(total.amount, sales.amount), Decimal(window))
    return AgingReport(
        as_of=as_of,
        currency=code,
        basis=mode,  # type: ignore[arg-type]
        labels=labels,
        lines=tuple(lines),
        rows=tuple(rows),
        totals=FrozenMap(totals),
        total=total,
        dso=dso,
        dso_days=window,
        sales=sales,
    )


def aging_reports_by_currency(
    items: Iterable[OpenItem],
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: AgingBasis = "due_date",
    dso_days: int = 90,
) -> tuple[AgingReport, ...]:
    """One :func:`aging_report` per currency, sorted by currency code.

    Examples:
        >>> import datetime as dt
        >>> items = [
        ...     OpenItem(reference=n, issued=dt.date(2025, 1, 1), due=dt.date(2025, 1, 31),
        ...              amount=Money(amount=10, currency=c))
        ...     for n, c in (("A", "USD"), ("B", "EUR"))
        ... ]
        >>> [r.currency for r in aging_reports_by_currency(items, as_of=dt.date(2025, 3, 1))]
        ['EUR', 'USD']
    """
    given = _items(items)
    return tuple(
        aging_report(
            [i for i in given if i.currency == code],
            as_of=as_of,
            buckets=buckets,
            basis=basis,
            dso_days=dso_days,
        )
        for code in sorted({i.currency for i in given})
    )
