"""Billing and receivables: payments, allocation, aging, late fees, dunning, summaries.

The statutory late-payment rules of the EU, the Netherlands and the UK live in
:mod:`accountplan.billing.statutory`.
"""

from accountplan.billing._aging import (
    NOT_DUE,
    AgingLine,
    AgingReport,
    AgingRow,
    aging_report,
    aging_reports_by_currency,
    bucket_labels,
)
from accountplan.billing._allocation import (
    MAX_ALLOCATION_ITEMS,
    Allocation,
    AllocationResult,
    ItemCharges,
    LedgerEntry,
    UnappliedCredit,
    allocate_payments,
    as_open_item,
    ledger,
    open_items,
)
from accountplan.billing._daycount import day_count_days, day_count_fraction
from accountplan.billing._dunning import (
    DunningAction,
    DunningLevel,
    DunningPolicy,
    DunningRecord,
    DunningResult,
    DunningStep,
    dunning_actions,
)
from accountplan.billing._late_fees import (
    MAX_LATE_YEARS,
    Cap,
    InterestPolicy,
    LateFee,
    LateFeeComponent,
    LateFeeLine,
    LateFeePolicy,
    late_fee,
)
from accountplan.billing._payments import (
    CreditNote,
    OpenItem,
    Payment,
    PaymentMethod,
    Settlement,
)
from accountplan.billing._rates import (
    RatePeriod,
    RateTable,
    bundled_rate_table,
    rate_on,
    rate_segments,
)
from accountplan.billing._summary import AccountSummary, account_summary

__all__ = [
    "MAX_ALLOCATION_ITEMS",
    "MAX_LATE_YEARS",
    "NOT_DUE",
    "AccountSummary",
    "AgingLine",
    "AgingReport",
    "AgingRow",
    "Allocation",
    "AllocationResult",
    "Cap",
    "CreditNote",
    "DunningAction",
    "DunningLevel",
    "DunningPolicy",
    "DunningRecord",
    "DunningResult",
    "DunningStep",
    "InterestPolicy",
    "ItemCharges",
    "LateFee",
    "LateFeeComponent",
    "LateFeeLine",
    "LateFeePolicy",
    "LedgerEntry",
    "OpenItem",
    "Payment",
    "PaymentMethod",
    "RatePeriod",
    "RateTable",
    "Settlement",
    "UnappliedCredit",
    "account_summary",
    "aging_report",
    "aging_reports_by_currency",
    "allocate_payments",
    "as_open_item",
    "bucket_labels",
    "bundled_rate_table",
    "day_count_days",
    "day_count_fraction",
    "dunning_actions",
    "late_fee",
    "ledger",
    "open_items",
    "rate_on",
    "rate_segments",
]
