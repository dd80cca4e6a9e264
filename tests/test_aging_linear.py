"""The one-pass aging report against the original per-account scan, kept here as the oracle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.billing import OpenItem, aging_report, bucket_labels
from accountplan.exceptions import InvalidTypeError, LimitExceededError
from accountplan.money import Money, sum_money
from tests.strategies_receivables import days
from tests.strategies_receivables import open_items as open_item_strategy

Oracle = tuple[
    tuple[tuple[str, str, int, str, Money], ...],
    tuple[tuple[str, dict[str, Money], Money], ...],
    dict[str, Money],
    Money,
]


def quadratic_aging(
    items: Sequence[OpenItem], *, as_of: dt.date, buckets: tuple[int, ...], basis: str
) -> Oracle:
    """The aging algorithm as it was before the one-pass grouping: each row scans every line."""
    labels = bucket_labels(buckets)
    lines = []
    for item in items:
        if item.issue_date > as_of:
            continue
        amount = item.amount_due(as_of)
        if amount.amount <= 0:
            continue
        age = (as_of - (item.due_date if basis == "due_date" else item.issue_date)).days
        if age <= 0:
            age, label = 0, "not_due"
        else:
            label = next(
                (labels[i + 1] for i, bound in enumerate(buckets) if age <= bound), labels[-1]
            )
        lines.append((item.account_number, item.due_date, item.number, age, label, amount))
    lines.sort(key=lambda line: (line[0], line[1], line[2]))
    rows = []
    for account in sorted({line[0] for line in lines}):
        mine = [line for line in lines if line[0] == account]
        per = {
            lab: sum_money((x[5] for x in mine if x[4] == lab), currency="EUR").rounded()
            for lab in labels
        }
        rows.append((account, per, sum_money((x[5] for x in mine), currency="EUR")))
    totals = {
        lab: sum_money((x[5] for x in lines if x[4] == lab), currency="EUR").rounded()
        for lab in labels
    }
    total = sum_money((x[5] for x in lines), currency="EUR").rounded()
    return (
        tuple((a, r, age, lab, amt) for a, _d, r, age, lab, amt in lines),
        tuple(rows),
        totals,
        total,
    )


accounts = st.sampled_from(["", "C-1", "C-2", "C-3", "B-9"])
items_over_accounts = st.lists(
    accounts.flatmap(lambda account: open_item_strategy(account=account)), max_size=25
)
bounds = st.lists(st.integers(1, 200), min_size=1, max_size=5, unique=True).map(
    lambda xs: tuple(sorted(xs))
)


@settings(max_examples=300)
@given(items_over_accounts, days, bounds, st.sampled_from(["due_date", "invoice_date"]))
def test_one_pass_equals_the_per_account_scan(
    items: list[OpenItem], as_of: dt.date, buckets: tuple[int, ...], basis: str
) -> None:
    """Lines, rows per account, bucket totals and the total are those of the quadratic scan."""
    report = aging_report(
        items,
        as_of=as_of,
        buckets=buckets,
        basis=basis,  # type: ignore[arg-type]
        currency="EUR",
    )
    lines, rows, totals, total = quadratic_aging(items, as_of=as_of, buckets=buckets, basis=basis)
    assert lines == tuple(
        (x.account_number, x.number, x.age_days, x.bucket, x.amount_due) for x in report.lines
    )
    assert rows == tuple((r.account_number, dict(r.buckets), r.total) for r in report.rows)
    assert totals == dict(report.totals)
    assert total == report.total
    for (_a, per, row_total), row in zip(rows, report.rows, strict=True):
        assert list(per) == list(row.buckets)
        assert str(row_total.amount) == str(row.total.amount)  # same digits, not only equal
    assert [str(m.amount) for m in totals.values()] == [
        str(m.amount) for m in report.totals.values()
    ]


def test_many_accounts_report_is_grouped_once() -> None:
    """Thousands of accounts come out one row each, sorted, with the oracle's totals."""
    as_of = dt.date(2026, 6, 30)
    items = [
        OpenItem(
            number=f"INV-{n}",
            issue_date=as_of - dt.timedelta(days=40 + n % 150),
            due_date=as_of - dt.timedelta(days=n % 150),
            total=Money(amount=f"{n % 997 + 1}.{n % 100:02d}", currency="EUR"),
            account_number=f"C-{n % 1500:05d}",
        )
        for n in range(6000)
    ]
    report = aging_report(items, as_of=as_of)
    _lines, rows, totals, total = quadratic_aging(
        items, as_of=as_of, buckets=(30, 60, 90), basis="due_date"
    )
    assert 1500 == len(report.rows)
    assert rows == tuple((r.account_number, dict(r.buckets), r.total) for r in report.rows)
    assert totals == dict(report.totals)
    assert total == report.total


def test_report_is_not_capped_by_the_allocation_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """More items than MAX_ALLOCATION_ITEMS still age, up to MAX_AGING_ITEMS (was refused)."""
    # Regression: aging_report went through owed_items(), whose allocation limit of
    # 100,000 refused 10^6 items although MAX_AGING_ITEMS is 1,000,000.
    monkeypatch.setattr("accountplan.billing._allocation.MAX_ALLOCATION_ITEMS", 3)
    as_of = dt.date(2026, 6, 30)
    items = [
        OpenItem(
            number=f"INV-{n}",
            issue_date=as_of - dt.timedelta(days=40),
            due_date=as_of - dt.timedelta(days=10),
            total=Money(amount=n + 1, currency="EUR"),
        )
        for n in range(5)
    ]
    assert 5 == len(aging_report(items, as_of=as_of).lines)
    monkeypatch.setattr("accountplan.billing._aging.MAX_AGING_ITEMS", 4)
    with pytest.raises(LimitExceededError):
        aging_report(items, as_of=as_of)


def test_items_must_be_invoices_or_open_items() -> None:
    """Anything else is refused with its index."""
    with pytest.raises(InvalidTypeError, match=r"items\[0\]"):
        aging_report([Money(amount=1, currency="EUR")], as_of=dt.date(2026, 1, 1))  # type: ignore[list-item]
