"""The accounts-receivable aging report and days sales outstanding (DSO).

Buckets are labelled from their bounds: ``buckets=(30, 60, 90)`` gives
``not_due``, ``1-30``, ``31-60``, ``61-90`` and ``91+``; ``(15, 45)`` gives
``not_due``, ``1-15``, ``16-45`` and ``46+``. The age of an item is counted
in days from its due date (``basis="due_date"``, the default) or from its
invoice date (``basis="invoice_date"``, ERPNext's "Ageing Based On: Posting
Date"), for every item alike. An age of 0 or less is ``not_due`` (an item due
on ``as_of`` is not overdue; on the invoice-date basis, an item invoiced on
``as_of``); bounds are upper-inclusive (an item 30 days old is in ``1-30``, as
in ERPNext); the last bucket is open-ended.

Only owed debts are aged: open items, and open or uncollectible invoices (see
[is_owed][accountplan.billing.is_owed]); drafts, voided and paid invoices are
left out.

DSO (days sales outstanding) is ``total / sales * dso_days``, given in days
to 2 decimal places (half-even, computed in an explicit decimal context). It
is computed only from the credit ``sales`` of the window that you pass: the
open items alone never tell the sales (paid invoices are not among them).

A report holds one currency: mixing currencies raises
``CurrencyMismatchError``;
[`aging_reports_by_currency()`][accountplan.billing.aging_reports_by_currency] makes one report
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
from accountplan._tables import Column, Tabular
from accountplan._typing import AGING_BASES, AgingBasis
from accountplan._validate import check_choice, check_items, check_type
from accountplan.billing._allocation import check_receivable, owed_item
from accountplan.billing._daycount import check_date
from accountplan.billing._invoice import Invoice, is_owed
from accountplan.billing._payments import OpenItem
from accountplan.billing._rows import (
    AgingPer,
    aging_columns,
    aging_records,
    aging_row_record,
    aging_table_frame,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
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
#: The most items one report accepts. The report is one pass grouped by
#: account, so its cost grows with the items alone (see the Performance page);
#: the bound keeps one call to a few minutes and a few gigabytes.
MAX_AGING_ITEMS = 1_000_000
#: The decimal places of DSO (days), rounded half-even.
DSO_PLACES = 2
_DSO_QUANTUM = Decimal(1).scaleb(-DSO_PLACES)


@attrs.frozen(kw_only=True)
class AgingLine:
    """One open item in an aging report.

    Attributes:
        number: The invoice number.
        account_number: The account that owes it.
        issue_date: The invoice date.
        due_date: The due date.
        age_days: Days since the due date or invoice date (by the report's
            basis); 0 for items not yet due.
        bucket: The bucket label.
        amount_due: What is open on ``as_of``.
    """

    number: str
    account_number: str
    issue_date: dt.date
    due_date: dt.date
    age_days: int
    bucket: str
    amount_due: Money


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
class AgingReport(Tabular):
    """Open receivables by age on a day.

    As a table (``to_records()``, ``to_pandas()``, notebook reprs) it has one
    row per account by default: ``account_number``, one ``Decimal`` column per
    bucket label (``not_due``, ``1-30``, ...), ``total`` and ``currency``.
    With ``per="line"`` it has one row per open item: ``number``,
    ``account_number``, ``issue_date``, ``due_date``, ``age_days``,
    ``bucket``, ``amount_due`` and ``currency``.

    Attributes:
        as_of: The day of the report.
        currency: The one currency of every amount.
        basis: ``due_date`` or ``invoice_date``.
        labels: The bucket labels in order, ``not_due`` first.
        lines: One line per open item, by account then due date.
        rows: One row per account, by account number.
        totals: The total per bucket label over all accounts.
        total: The open balance over all accounts; the bucket totals add up to it.
        dso: Days sales outstanding, ``total / sales * dso_days``, in days to
            2 decimal places (half-even); ``None`` when no ``sales`` were
            passed or they are zero.
        dso_days: The length of the DSO window, in days.
        sales: The credit sales of the DSO window as passed, or ``None``.
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
    sales: Money | None

    def _columns(self) -> tuple[Column, ...]:
        return aging_columns(self, "account")

    def _rows(self) -> Sequence[Any]:
        return self.rows

    def _record(self, row: Any) -> dict[str, Any]:
        return aging_row_record(row, self.currency)

    def _title(self) -> str:
        return f"Aging on {self.as_of.isoformat()} ({self.currency})"

    def to_records(self, *, per: AgingPer = "account") -> list[dict[str, Any]]:
        """The report as plain rows, one per account or one per open item.

        Args:
            per: ``account`` (default): ``account_number``, a ``Decimal``
                column per bucket label, ``total`` and ``currency``; ``line``:
                ``number``, ``account_number``, ``issue_date``, ``due_date``,
                ``age_days``, ``bucket``, ``amount_due`` and ``currency``.

        Returns:
            One ``dict`` per row, columns in the order above.

        Raises:
            InvalidInputError: ``per`` is neither ``account`` nor ``line``.

        Examples:
            >>> report = aging_report([], as_of=dt.date(2025, 3, 1), currency="EUR")
            >>> report.to_records(), report.to_records(per="line")
            ([], [])
        """
        return aging_records(self, per)

    def to_pandas(self, *, per: AgingPer = "account") -> Any:
        """The rows of [to_records][accountplan.billing.AgingReport.to_records] as a DataFrame.

        Amounts are ``object`` columns of ``Decimal``, dates ``datetime64[us]``.

        Args:
            per: ``account`` (default) or ``line``, as for ``to_records``.

        Returns:
            A ``pandas.DataFrame``.

        Raises:
            MissingDependencyError: pandas is not installed (the ``pandas`` extra).
            InvalidInputError: ``per`` is neither ``account`` nor ``line``.
        """
        return aging_table_frame(self, per)


def _bounds(buckets: Any) -> tuple[int, ...]:
    if isinstance(buckets, str | bytes) or not isinstance(buckets, Sequence):
        raise InvalidTypeError("buckets", buckets, "must be a sequence of whole days")
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

    The first overdue bucket starts at age 1 (age 0 is ``not_due``); bounds
    are upper-inclusive and the last bucket is open-ended.

    Args:
        buckets: The upper bounds in days, positive and strictly increasing.

    Returns:
        ``not_due``, then one label per bound, then the open-ended one.

    Raises:
        InvalidInputError: The bounds are empty, not whole days, or not
            strictly increasing.
        LimitExceededError: More than 24 bounds.

    Examples:
        >>> bucket_labels((30, 60, 90))
        ('not_due', '1-30', '31-60', '61-90', '91+')
        >>> bucket_labels((15, 45))
        ('not_due', '1-15', '16-45', '46+')
        >>> bucket_labels((1,))
        ('not_due', '1-1', '2+')
    """
    bounds = _bounds(buckets)
    lows = (0, *bounds)
    labels = [NOT_DUE]
    labels += [f"{low + 1}-{high}" for low, high in itertools.pairwise(lows)]
    labels.append(f"{bounds[-1] + 1}+")
    return tuple(labels)


def _bucket(age: int, bounds: tuple[int, ...], labels: tuple[str, ...]) -> str:
    for index, bound in enumerate(bounds):
        if age <= bound:
            return labels[index + 1]
    return labels[-1]


def _rows(
    lines: list[AgingLine], labels: tuple[str, ...], code: str
) -> tuple[list[AgingRow], dict[str, Money]]:
    """The rows per account and the totals per label, in one pass over the sorted lines."""
    rows: list[AgingRow] = []
    everyone: dict[str, list[Money]] = {label: [] for label in labels}
    for account, group in itertools.groupby(lines, key=lambda line: line.account_number):
        mine: dict[str, list[Money]] = {label: [] for label in labels}
        for line in group:
            mine[line.bucket].append(line.amount_due)
            everyone[line.bucket].append(line.amount_due)
        rows.append(
            AgingRow(
                account_number=account,
                buckets=FrozenMap(
                    {lab: sum_money(mine[lab], currency=code).rounded() for lab in labels}
                ),
                total=sum_money(
                    itertools.chain.from_iterable(mine[lab] for lab in labels), currency=code
                ),
            )
        )
    totals = {lab: sum_money(everyone[lab], currency=code).rounded() for lab in labels}
    return rows, totals


def _items(items: Any) -> tuple[OpenItem, ...]:
    given = check_items(
        "items",
        items,
        check_receivable,
        limit=MAX_AGING_ITEMS,
        what="Invoice or OpenItem values",
    )
    # Item by item rather than through owed_items(), whose allocation limit
    # (100,000) would otherwise cap a report below MAX_AGING_ITEMS.
    out: list[OpenItem] = []
    for index, item in enumerate(given):
        if isinstance(item, Invoice) and not is_owed(item):
            continue
        out.append(owed_item(f"items[{index}]", item))
    return tuple(out)


def _dso_days(value: Any) -> int:
    check_type("dso_days", value, int)
    if not 1 <= value <= 3660:
        raise InvalidInputError("dso_days", value, "must be from 1 to 3660")
    return int(value)


def aging_report(
    items: Iterable[OpenItem | Invoice],
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: AgingBasis = "due_date",
    dso_days: int = 90,
    sales: Money | None = None,
    currency: str | None = None,
) -> AgingReport:
    """Age the open items on ``as_of``; see the module notes for buckets and basis.

    Items issued after ``as_of`` and items fully settled by then are left out,
    and so are invoices that are not owed (drafts, voided and paid ones).
    DSO is computed only when you pass the credit ``sales`` of the
    ``dso_days`` days up to ``as_of`` (every invoice of the window, paid or
    not): ``dso = total / sales * dso_days`` in days to 2 decimal places.
    Without ``sales`` the report's ``dso`` is ``None``.

    Args:
        items: Open items (with their settlements) or invoices.
        as_of: The day of the report.
        buckets: The bucket bounds in days (upper-inclusive).
        basis: Age from the ``due_date`` (default) or the ``invoice_date``.
        dso_days: The DSO window in days (1 to 3660).
        sales: The credit sales of the window, in the report's currency, or
            ``None`` for no DSO.
        currency: The currency, needed only when ``items`` is empty.

    Returns:
        The report.

    Raises:
        InvalidInputError: Bad input.
        CurrencyMismatchError: The items (or ``sales``) are in several currencies.
        LimitExceededError: Too many items or bounds.

    Examples:
        >>> import datetime as dt
        >>> def item(n, due, amount, account="C-1"):
        ...     return OpenItem(number=n, issue_date=due - dt.timedelta(days=30), due_date=due,
        ...                     total=Money(amount=amount, currency="EUR"),
        ...                     account_number=account)
        >>> report = aging_report(
        ...     [item("A", dt.date(2025, 3, 10), 100), item("B", dt.date(2025, 1, 20), 50)],
        ...     as_of=dt.date(2025, 3, 1),
        ...     sales=Money(amount=450, currency="EUR"),
        ... )
        >>> [(line.number, line.bucket) for line in report.lines]
        [('B', '31-60'), ('A', 'not_due')]
        >>> str(report.totals["31-60"]), str(report.total), str(report.dso)
        ('50.00 EUR', '150.00 EUR', '30.00')
    """
    check_date("as_of", as_of)
    mode = check_choice("basis", basis, AGING_BASES)
    bounds = _bounds(buckets)
    labels = bucket_labels(bounds)
    window = _dso_days(dso_days)
    if currency is not None:
        check_type("currency", currency, str)
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
        if item.issue_date > as_of:
            continue
        # Without settlements the amount due is the total itself (and the
        # same digits): skipping the sum of no settlements halves the cost.
        amount = item.amount_due(as_of) if item.settlements else item.total
        if amount.amount <= 0:
            continue
        age = (as_of - (item.due_date if mode == "due_date" else item.issue_date)).days
        if age <= 0:
            age, label = 0, NOT_DUE
        else:
            label = _bucket(age, bounds, labels)
        lines.append(
            AgingLine(
                number=item.number,
                account_number=item.account_number,
                issue_date=item.issue_date,
                due_date=item.due_date,
                age_days=age,
                bucket=label,
                amount_due=amount,
            )
        )
    lines.sort(key=lambda line: (line.account_number, line.due_date, line.number))
    rows, totals = _rows(lines, labels, code)
    total = sum_money((x.amount_due for x in lines), currency=code).rounded()
    dso = None
    if sales is not None:
        check_type("sales", sales, Money)
        if sales.currency != code:
            raise CurrencyMismatchError(code, sales.currency, "age")
        if sales.amount < 0:
            raise InvalidInputError("sales", sales, "must not be negative")
        if sales.amount > 0:
            exact = CONTEXT.divide(CONTEXT.multiply(total.amount, Decimal(window)), sales.amount)
            dso = CONTEXT.quantize(exact, _DSO_QUANTUM)
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
    items: Iterable[OpenItem | Invoice],
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: AgingBasis = "due_date",
    dso_days: int = 90,
) -> tuple[AgingReport, ...]:
    """One [`aging_report()`][accountplan.billing.aging_report] per currency, sorted by currency
    code.

    Amounts of different currencies are never added up: each currency gets
    its own report with its own totals.

    Args:
        items: Open items (with their settlements) or invoices, in any
            currencies; drafts and voided invoices are left out.
        as_of: The day of the reports.
        buckets: The bucket bounds in days (upper-inclusive), as for
            ``aging_report``.
        basis: Age from the ``"due_date"`` (the default) or the
            ``"invoice_date"``.
        dso_days: The DSO window in days (1 to 3660).

    Returns:
        One report per currency present, sorted by currency code; empty when
        there are no owed items.

    Raises:
        InvalidTypeError: ``items`` is not a sequence, an item is neither an
            [OpenItem][accountplan.billing.OpenItem] nor an
            [Invoice][accountplan.billing.Invoice], or ``as_of``, ``buckets``,
            ``basis`` or ``dso_days`` has the wrong type.
        InvalidInputError: a bad ``as_of``, ``buckets``, ``basis`` or
            ``dso_days`` (see ``aging_report``), checked even without items.
        LimitExceededError: more than ``MAX_AGING_ITEMS`` items or too many
            bucket bounds.

    Examples:
        >>> import datetime as dt
        >>> items = [
        ...     OpenItem(number=n, issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31),
        ...              total=Money(amount=10, currency=c))
        ...     for n, c in (("A", "USD"), ("B", "EUR"))
        ... ]
        >>> [r.currency for r in aging_reports_by_currency(items, as_of=dt.date(2025, 3, 1))]
        ['EUR', 'USD']
    """
    # The options are checked here, before any work, even without items.
    check_date("as_of", as_of)
    check_choice("basis", basis, AGING_BASES)
    bucket_labels(_bounds(buckets))
    _dso_days(dso_days)
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
