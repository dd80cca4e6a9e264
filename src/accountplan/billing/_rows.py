"""Billing results as tables: the columns and records of each result collection.

Amounts are ``Decimal`` with a ``currency`` column beside them (the ISO 4217
code); dates are ``datetime.date``. The column names follow the billing
vocabulary of the glossary (``number``, ``issue_date``, ``due_date``, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from accountplan._tables import Column, Tabular, to_frame
from accountplan._validate import check_choice

if TYPE_CHECKING:
    from accountplan.billing._aging import AgingLine, AgingReport, AgingRow
    from accountplan.billing._allocation import Allocation, AllocationResult, UnappliedCredit
    from accountplan.billing._late_fees import LateFee, LateFeeLine
    from accountplan.billing._schedule import BillingPeriod

__all__ = [
    "AGING_LINE_COLUMNS",
    "ALLOCATION_COLUMNS",
    "BILLING_PERIOD_COLUMNS",
    "LATE_FEE_COLUMNS",
    "AgingPer",
    "BillingPeriods",
    "aging_columns",
    "aging_records",
    "aging_table_frame",
    "allocation_record",
    "late_fee_record",
]

AgingPer = Literal["account", "line"]

#: The columns of an aging report per line (one open item each).
AGING_LINE_COLUMNS: tuple[Column, ...] = (
    ("number", "text"),
    ("account_number", "text"),
    ("issue_date", "date"),
    ("due_date", "date"),
    ("age_days", "int"),
    ("bucket", "text"),
    ("amount_due", "decimal"),
    ("currency", "text"),
)

#: The columns of a late fee's breakdown.
LATE_FEE_COLUMNS: tuple[Column, ...] = (
    ("component", "text"),
    ("label", "text"),
    ("base", "decimal"),
    ("rate", "decimal"),
    ("start", "date"),
    ("end", "date"),
    ("days", "int"),
    ("amount", "decimal"),
    ("currency", "text"),
    ("note", "text"),
)

#: The columns of an allocation result (allocations, then unapplied credit).
ALLOCATION_COLUMNS: tuple[Column, ...] = (
    ("kind", "text"),
    ("source", "text"),
    ("source_kind", "text"),
    ("invoice", "text"),
    ("date", "date"),
    ("amount", "decimal"),
    ("costs", "decimal"),
    ("interest", "decimal"),
    ("principal", "decimal"),
    ("currency", "text"),
)

#: The columns of an invoice schedule.
BILLING_PERIOD_COLUMNS: tuple[Column, ...] = (
    ("sequence", "int"),
    ("start", "date"),
    ("end", "date"),
    ("cycle_start", "date"),
    ("cycle_end", "date"),
    ("issue_date", "date"),
    ("due_date", "date"),
    ("is_trial", "bool"),
    ("is_stub", "bool"),
)


def aging_columns(report: AgingReport, per: AgingPer) -> tuple[Column, ...]:
    """The columns of an aging report, per account (a column per bucket) or per line."""
    if per == "line":
        return AGING_LINE_COLUMNS
    return (
        ("account_number", "text"),
        *((label, "decimal") for label in report.labels),
        ("total", "decimal"),
        ("currency", "text"),
    )


def aging_line_record(line: AgingLine, currency: str) -> dict[str, Any]:
    """One line of an aging report as a record."""
    return {
        "number": line.number,
        "account_number": line.account_number,
        "issue_date": line.issue_date,
        "due_date": line.due_date,
        "age_days": line.age_days,
        "bucket": line.bucket,
        "amount_due": line.amount_due.amount,
        "currency": currency,
    }


def aging_row_record(row: AgingRow, currency: str) -> dict[str, Any]:
    """One account row of an aging report as a record."""
    record: dict[str, Any] = {"account_number": row.account_number}
    record.update((label, money.amount) for label, money in row.buckets.items())
    record["total"] = row.total.amount
    record["currency"] = currency
    return record


def aging_records(report: AgingReport, per: Any) -> list[dict[str, Any]]:
    """The records of an aging report, per account or per line."""
    if check_choice("per", per, ("account", "line")) == "line":
        return [aging_line_record(line, report.currency) for line in report.lines]
    return [aging_row_record(row, report.currency) for row in report.rows]


def aging_table_frame(report: AgingReport, per: Any) -> Any:
    """The records of an aging report as a DataFrame."""
    records = aging_records(report, per)
    return to_frame(aging_columns(report, per), records, feature="AgingReport.to_pandas")


def late_fee_record(fee: LateFee, line: LateFeeLine) -> dict[str, Any]:
    """One line of a late fee's breakdown as a record."""
    return {
        "component": line.component,
        "label": line.label,
        "base": line.base.amount,
        "rate": line.rate,
        "start": line.start,
        "end": line.end,
        "days": line.days,
        "amount": line.amount.amount,
        "currency": fee.amount.currency,
        "note": line.note,
    }


def allocation_record(item: Any, currency: str) -> dict[str, Any]:
    """An allocation, or a credit left unapplied, as a record."""
    if hasattr(item, "invoice"):
        return {
            "kind": "allocation",
            "source": item.source,
            "source_kind": item.source_kind,
            "invoice": item.invoice,
            "date": item.settled_on,
            "amount": item.amount.amount,
            "costs": item.costs.amount,
            "interest": item.interest.amount,
            "principal": item.principal.amount,
            "currency": currency,
        }
    return {
        "kind": "unapplied",
        "source": item.source,
        "source_kind": item.source_kind,
        "invoice": None,
        "date": item.received_on,
        "amount": item.amount.amount,
        "costs": None,
        "interest": None,
        "principal": None,
        "currency": currency,
    }


def allocation_rows(result: AllocationResult) -> Sequence[Allocation | UnappliedCredit]:
    """The allocations, then the credits left unapplied."""
    return (*result.allocations, *result.unapplied)


class BillingPeriods(Tabular, tuple["BillingPeriod", ...]):
    """The periods of an invoice schedule: a tuple that is also a table.

    It is a ``tuple`` (equal to the plain tuple of the same periods), so code
    that indexes, slices or compares the result of
    [invoice_schedule][accountplan.billing.invoice_schedule] keeps working.

    Record columns: ``sequence`` (int), ``start``, ``end``, ``cycle_start``,
    ``cycle_end``, ``issue_date``, ``due_date`` (dates; ``end`` and
    ``cycle_end`` exclusive) and ``is_trial``, ``is_stub`` (bool).

    Examples:
        >>> BillingPeriods(()).to_records()
        []
    """

    __slots__ = ()

    def _columns(self) -> tuple[Column, ...]:
        return BILLING_PERIOD_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self

    def _record(self, row: Any) -> dict[str, Any]:
        period: BillingPeriod = row
        return {
            "sequence": period.sequence,
            "start": period.start,
            "end": period.end,
            "cycle_start": period.cycle_start,
            "cycle_end": period.cycle_end,
            "issue_date": period.issue_date,
            "due_date": period.due_date,
            "is_trial": period.is_trial,
            "is_stub": period.is_stub,
        }

    def _title(self) -> str:
        return "Invoice schedule"
