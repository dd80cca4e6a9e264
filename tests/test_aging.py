"""The aging report: buckets, bases, currencies, totals and DSO."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.billing import (
    AgingReport,
    OpenItem,
    Payment,
    Settlement,
    aging_report,
    aging_reports_by_currency,
    bucket_labels,
    open_items,
)
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, LimitExceededError
from accountplan.money import Money, sum_money
from accountplan.serialization import from_json, to_json
from tests.strategies_receivables import days
from tests.strategies_receivables import open_items as open_item_strategy

D = dt.date
AS_OF = D(2025, 6, 30)


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def item(ref: str, overdue_days: int, amount: str | int = 100, account: str = "C-1") -> OpenItem:
    due = AS_OF - dt.timedelta(days=overdue_days)
    return OpenItem(
        number=ref,
        issue_date=due - dt.timedelta(days=30),
        due_date=due,
        total=eur(amount),
        account_number=account,
    )


@pytest.mark.parametrize(
    ("overdue", "label"),
    [
        (-5, "not_due"),
        (0, "not_due"),  # due today: not yet late
        (1, "1-30"),  # the first overdue bucket holds ages 1-30
        (30, "1-30"),  # upper-inclusive
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "91+"),
        (400, "91+"),
    ],
)
def test_bucket_boundaries(overdue: int, label: str) -> None:
    """Buckets are upper-inclusive, with not_due first and an open-ended last bucket."""
    report = aging_report([item("A", overdue)], as_of=AS_OF)
    assert [label] == [line.bucket for line in report.lines]


def test_erpnext_payment_schedule_example() -> None:
    """Installments 30/50/20 age separately; a payment of 30 clears the first."""
    # erpnext/accounts/report/accounts_receivable/test_accounts_receivable.py: an invoice of
    # 100 with a payment schedule of 30 (+30 days), 50 (+60) and 20 (+90) shows outstanding
    # 30, 50, 20; after a payment of 30 it shows 50 and 20.
    today = D(2025, 1, 1)
    terms = [
        OpenItem(
            number=f"SI-1/{n}",
            issue_date=today,
            due_date=today + dt.timedelta(days=d),
            total=eur(a),
            account_number="_Test Customer 2",
        )
        for n, d, a in ((1, 30, 30), (2, 60, 50), (3, 90, 20))
    ]
    before = aging_report(terms, as_of=today)
    assert [eur(30), eur(50), eur(20)] == [line.amount_due for line in before.lines]
    assert eur(100) == before.totals["not_due"]
    payment = Payment(reference="PE-1", amount=eur(30), received_on=today)
    after = aging_report(open_items(terms, [payment], as_of=today), as_of=today)
    assert [eur(50), eur(20)] == [line.amount_due for line in after.lines]
    later = aging_report(terms, as_of=today + dt.timedelta(days=100))
    assert ["61-90", "31-60", "1-30"] == [line.bucket for line in later.lines]


def test_invoice_date_basis() -> None:
    """With basis invoice_date the age counts from the invoice date."""
    report = aging_report([item("A", 10)], as_of=AS_OF, basis="invoice_date")
    assert [(40, "31-60")] == [(line.age_days, line.bucket) for line in report.lines]


def test_invoice_date_basis_ages_items_not_yet_due() -> None:
    """On the invoice-date basis every item ages from its invoice date, due or not."""
    # Regression: an invoice not yet due stayed in not_due on the invoice-date basis.
    # ERPNext's "Ageing Based On: Posting Date" ages each entry from its posting date.
    not_yet_due = OpenItem(
        number="N",
        issue_date=AS_OF - dt.timedelta(days=20),
        due_date=AS_OF + dt.timedelta(days=10),
        total=eur(100),
    )
    today = OpenItem(
        number="T", issue_date=AS_OF, due_date=AS_OF + dt.timedelta(days=30), total=eur(5)
    )
    report = aging_report([not_yet_due, today], as_of=AS_OF, basis="invoice_date")
    assert [("N", 20, "1-30"), ("T", 0, "not_due")] == [
        (line.number, line.age_days, line.bucket) for line in report.lines
    ]
    by_due = aging_report([not_yet_due, today], as_of=AS_OF)
    assert ["not_due", "not_due"] == [line.bucket for line in by_due.lines]


@pytest.mark.parametrize(
    ("bounds", "labels"),
    [
        ((30, 60, 90), ("not_due", "1-30", "31-60", "61-90", "91+")),
        ((15, 45), ("not_due", "1-15", "16-45", "46+")),
        ((10,), ("not_due", "1-10", "11+")),
        ((1, 2), ("not_due", "1-1", "2-2", "3+")),
    ],
)
def test_labels_derived_from_bounds(bounds: tuple[int, ...], labels: tuple[str, ...]) -> None:
    """Labels come from the bounds: the first overdue bucket starts at day 1."""
    # Regression: the first overdue bucket was labelled 0-30 though age 0 is not_due.
    assert labels == bucket_labels(bounds)
    assert labels == aging_report([], as_of=AS_OF, currency="EUR", buckets=bounds).labels


@pytest.mark.parametrize(
    ("overdue", "label"),
    [(0, "not_due"), (1, "1-15"), (15, "1-15"), (16, "16-45"), (45, "16-45"), (46, "46+")],
)
def test_other_bounds_place_items(overdue: int, label: str) -> None:
    """With bounds (15, 45) items land in the bucket whose label names their age."""
    report = aging_report([item("A", overdue)], as_of=AS_OF, buckets=(15, 45))
    assert [label] == [line.bucket for line in report.lines]


def test_totals_per_account_and_overall() -> None:
    """Rows total each account; the overall totals add the rows."""
    report = aging_report(
        [item("A", 10, 100, "C-1"), item("B", 45, 50, "C-2"), item("C", 95, 25, "C-1")],
        as_of=AS_OF,
    )
    assert ["C-1", "C-2"] == [row.account_number for row in report.rows]
    assert (eur(125), eur(50)) == (report.rows[0].total, report.rows[1].total)
    assert eur(175) == report.total
    assert eur(25) == report.totals["91+"]


def test_mixed_currencies() -> None:
    """Mixed currencies raise; the per-currency function makes one report each."""
    usd = OpenItem(
        number="U",
        issue_date=D(2025, 1, 1),
        due_date=D(2025, 2, 1),
        total=Money(amount=5, currency="USD"),
    )
    with pytest.raises(CurrencyMismatchError):
        aging_report([item("A", 5), usd], as_of=AS_OF)
    reports = aging_reports_by_currency([item("A", 5), usd], as_of=AS_OF)
    assert ["EUR", "USD"] == [r.currency for r in reports]


def test_dso_needs_the_credit_sales() -> None:
    """Without credit sales there is no DSO: the open items are never taken as the sales."""
    # Regression: the default divided by the open items passed in and printed
    # 165.123966942148760330578512396694214876033057851239669421488 for a plain case.
    items = [item("A", 10, "1000.00"), item("B", 40, "998.00")]
    report = aging_report(items, as_of=AS_OF, dso_days=90)
    assert (None, None) == (report.dso, report.sales)
    empty = aging_report([], as_of=AS_OF, currency="EUR")
    assert (None, eur(0)) == (empty.dso, empty.total)


def test_dso_textbook_example() -> None:
    """DSO = receivables / credit sales x days, in days to 2 places, half-even."""
    # Worked example (the textbook formula DSO = accounts receivable / credit sales x days):
    # receivables 50,000 and annual credit sales 365,000 over 365 days -> 50 days;
    # receivables 30,000 and quarterly credit sales 110,000 over 90 days ->
    # 30,000 / 110,000 x 90 = 24.5454... -> 24.55 days.
    year = aging_report([item("A", 10, 50_000)], as_of=AS_OF, sales=eur(365_000), dso_days=365)
    assert Decimal("50.00") == year.dso
    quarter = aging_report([item("A", 10, 30_000)], as_of=AS_OF, sales=eur(110_000), dso_days=90)
    assert Decimal("24.55") == quarter.dso
    assert -2 == quarter.dso.as_tuple().exponent
    # half-even at the second place: 1 / 8 x 1 day = 0.125 -> 0.12
    tie = aging_report([item("A", 10, 1)], as_of=AS_OF, sales=eur(8), dso_days=1)
    assert Decimal("0.12") == tie.dso


def test_dso_ignores_the_ambient_decimal_context() -> None:
    """DSO does not depend on the caller's decimal context."""
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_UP
        report = aging_report([item("A", 10, 30_000)], as_of=AS_OF, sales=eur(110_000))
    assert Decimal("24.55") == report.dso


def test_dso_refuses_negative_sales() -> None:
    """Negative credit sales are refused, naming the field."""
    with pytest.raises(InvalidInputError) as excinfo:
        aging_report([item("A", 10)], as_of=AS_OF, sales=eur(-1))
    assert "sales" == excinfo.value.field


def test_bucket_validation() -> None:
    """Bounds must be positive and strictly increasing, and not too many."""
    assert ("not_due", "1-7", "8-14", "15-21", "22-30", "31+") == bucket_labels((7, 14, 21, 30))
    with pytest.raises(InvalidInputError, match="'buckets'"):
        bucket_labels((30, 30))
    with pytest.raises(InvalidInputError, match="'buckets'"):
        bucket_labels(())
    with pytest.raises(LimitExceededError):
        bucket_labels(tuple(range(1, 100)))
    with pytest.raises(InvalidInputError, match="'basis'"):
        aging_report([], as_of=AS_OF, basis="posting_date", currency="EUR")  # type: ignore[arg-type]


@given(
    st.lists(open_item_strategy(), max_size=8), days, st.sampled_from(["due_date", "invoice_date"])
)
def test_aging_totals_equal_open_balance(items: list[OpenItem], as_of: dt.date, basis: str) -> None:
    """Bucket totals and account rows add up to the open balance of the items."""
    report = aging_report(items, as_of=as_of, basis=basis, currency="EUR")  # type: ignore[arg-type]
    open_balance = sum_money(
        (i.amount_due(as_of) for i in items if i.issue_date <= as_of), currency="EUR"
    )
    assert open_balance == report.total
    assert report.total == sum_money(report.totals.values(), currency="EUR")
    assert report.total == sum_money((r.total for r in report.rows), currency="EUR")
    assert report == from_json(to_json(report), AgingReport)


def test_input_errors_name_the_field() -> None:
    """Bad buckets, items and DSO windows are refused, naming the field and value."""
    with pytest.raises(InvalidInputError) as excinfo:
        bucket_labels("30")  # type: ignore[arg-type]
    assert ("buckets", "30") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        bucket_labels((30, "60"))  # type: ignore[arg-type]
    assert ("buckets[1]", "60") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        aging_report(5, as_of=AS_OF)  # type: ignore[arg-type]
    assert ("items", 5) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        aging_report(["A"], as_of=AS_OF)  # type: ignore[list-item]
    assert ("items[0]", "A") == (excinfo.value.field, excinfo.value.value)
    for window in (0, 3661):
        with pytest.raises(InvalidInputError) as excinfo:
            aging_report([item("A", 5)], as_of=AS_OF, dso_days=window)
        assert ("dso_days", window) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        aging_report([], as_of=AS_OF)
    assert ("currency", None) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(CurrencyMismatchError):
        aging_report([item("A", 5)], as_of=AS_OF, currency="USD")


def test_item_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than MAX_AGING_ITEMS items raise LimitExceededError."""
    monkeypatch.setattr("accountplan.billing._aging.MAX_AGING_ITEMS", 1)
    with pytest.raises(LimitExceededError) as excinfo:
        aging_report([item("A", 5), item("B", 5)], as_of=AS_OF)
    assert ("items", 2, 1) == (excinfo.value.field, excinfo.value.value, excinfo.value.limit)


def test_future_and_settled_items_are_left_out() -> None:
    """Items issued after as_of or fully settled by then are not aged."""
    future = OpenItem(
        number="F",
        issue_date=AS_OF + dt.timedelta(days=1),
        due_date=AS_OF + dt.timedelta(days=31),
        total=eur(40),
    )
    paid = item("P", 20)
    paid = OpenItem(
        number="P",
        issue_date=paid.issue_date,
        due_date=paid.due_date,
        total=paid.total,
        settlements=[Settlement(settled_on=AS_OF, amount=paid.total)],
    )
    partly = OpenItem(
        number="Q",
        issue_date=paid.issue_date,
        due_date=paid.due_date,
        total=eur(100),
        settlements=[Settlement(settled_on=AS_OF, amount=eur(30))],
    )
    report = aging_report([future, paid, partly], as_of=AS_OF)
    assert [("Q", eur(70), "1-30")] == [(x.number, x.amount_due, x.bucket) for x in report.lines]
    assert eur(70) == report.total


def test_dso_with_given_sales() -> None:
    """Given credit sales, DSO = open balance / sales * window days."""
    report = aging_report([item("A", 10, 300)], as_of=AS_OF, sales=eur(900), dso_days=90)
    assert (Decimal("30.00"), eur(900)) == (report.dso, report.sales)
    with pytest.raises(CurrencyMismatchError):
        aging_report([item("A", 10)], as_of=AS_OF, sales=Money(amount=1, currency="USD"))
    with pytest.raises(InvalidInputError) as excinfo:
        aging_report([item("A", 10)], as_of=AS_OF, sales=900)  # type: ignore[arg-type]
    assert ("sales", 900) == (excinfo.value.field, excinfo.value.value)


def test_erpnext_default_buckets_30_60_90_120() -> None:
    """ERPNext's default ranges 30/60/90/120 give six buckets, upper-inclusive."""
    # ERPNext's receivable report tests (erpnext/accounts/report/accounts_receivable_summary/
    # test_accounts_receivable_summary.py) run with the filter "range": "30, 60, 90, 120".
    report = aging_report(
        [item("A", 30), item("B", 31), item("C", 120), item("D", 121)],
        as_of=AS_OF,
        buckets=(30, 60, 90, 120),
    )
    assert ("not_due", "1-30", "31-60", "61-90", "91-120", "121+") == report.labels
    assert ["1-30", "31-60", "91-120", "121+"] == [
        line.bucket for line in sorted(report.lines, key=lambda x: x.number)
    ]
