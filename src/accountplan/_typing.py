"""Literal aliases for every mode the library accepts, in one place.

Each package appends its own aliases here so that the vocabulary of the
library can be read in one file.

Enum or Literal, one rule:

* An ``enum.Enum`` for the states and outcomes that people read and that
  are translated: an account's status, a ticket's priority, an invoice's
  status, an SLA state. Each member has a label in ``i18n``. An enum-typed
  field or argument accepts the member or its value string
  (``Priority.HIGH`` or ``"high"``) and refuses anything else with the list
  of allowed values; the one converter that does this is
  ``_validate.enum_converter`` (attrs fields) / ``_validate.to_enum``
  (function arguments).
* A ``Literal`` here only for options a caller picks that are never shown to
  an end user: rounding modes, day counts, alignment, aggregation keys. They
  are checked with ``_validate.check_choice``.

``SlaState`` and ``RuleOutcome`` were aliases here; they are read by people,
so they are enums now (``accountplan.sla.SlaState``,
``accountplan.accounts.RuleOutcome``), with their wire values kept.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["ROUNDING_MODES", "Rounding"]

#: How an amount is rounded to the currency's minor unit.
Rounding = Literal["half_even", "half_up", "half_down", "down", "up", "ceiling", "floor"]
ROUNDING_MODES: tuple[str, ...] = get_args(Rounding)

# -- billing: receivables ------------------------------------------------------

#: Day-count conventions for interest (ACT/365F, ACT/360, ACT/ACT ISDA, 30/360, 30E/360).
DayCount = Literal["act_365", "act_360", "act_act", "30_360", "30e_360"]
DAY_COUNTS: tuple[str, ...] = get_args(DayCount)
#: How accrued interest is added to the amount on which interest runs.
Compounding = Literal["simple", "annual", "monthly"]
COMPOUNDINGS: tuple[str, ...] = get_args(Compounding)
#: Interest per day, or a whole month's interest for every started month.
Accrual = Literal["per_day", "per_started_month"]
ACCRUALS: tuple[str, ...] = get_args(Accrual)
#: Where interest starts once a grace period has passed.
GraceAccrual = Literal["from_grace_end", "from_due_date"]
GRACE_ACCRUALS: tuple[str, ...] = get_args(GraceAccrual)
#: Which debts a payment settles first.
AllocationStrategy = Literal["oldest_due_first", "designated", "pro_rata", "nl_statutory"]
ALLOCATION_STRATEGIES: tuple[str, ...] = get_args(AllocationStrategy)
#: What the age of a receivable is counted from.
AgingBasis = Literal["due_date", "invoice_date"]
AGING_BASES: tuple[str, ...] = get_args(AgingBasis)
#: The kind of one late-fee component.
LateFeeKind = Literal["flat", "percentage", "interest"]
LATE_FEE_KINDS: tuple[str, ...] = get_args(LateFeeKind)
#: The statutory rate tables shipped with accountplan.
BundledRates = Literal["ecb_mro", "nl_commercial", "nl_statutory", "uk_reference"]
BUNDLED_RATES: tuple[str, ...] = get_args(BundledRates)

# -- billing: invoicing --------------------------------------------------------

#: The unit a billing cycle counts in.
CycleUnit = Literal["day", "week", "month", "year"]
CYCLE_UNITS: tuple[str, ...] = get_args(CycleUnit)
#: Where a cycle's periods start: from the schedule's start, or on calendar boundaries.
Alignment = Literal["anniversary", "calendar"]
ALIGNMENTS: tuple[str, ...] = get_args(Alignment)
#: A day of the month (clamped to shorter months), or the last day of every month.
AnchorDay = Literal[
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, "last",
]  # fmt: skip
ANCHOR_DAYS: tuple[int | str, ...] = get_args(AnchorDay)
#: Whether a period is invoiced when it starts (advance) or when it ends (arrears).
Timing = Literal["advance", "arrears"]
TIMINGS: tuple[str, ...] = get_args(Timing)
#: How a due date is found from the invoice date.
DueRuleKind = Literal[
    "net", "days_after_end_of_month", "months_after_end_of_month", "day_of_next_month"
]
DUE_RULE_KINDS: tuple[str, ...] = get_args(DueRuleKind)
#: The share of a price that part of a billing period is worth.
ProrationMethod = Literal[
    "actual_days", "calendar_month_days", "thirty_day_month", "seconds", "none"
]
PRORATION_METHODS: tuple[str, ...] = get_args(ProrationMethod)
#: Whether tax is rounded on every line or once per tax rate on the invoice.
TaxRounding = Literal["per_line", "per_invoice"]
TAX_ROUNDINGS: tuple[str, ...] = get_args(TaxRounding)

# -- accounts ------------------------------------------------------------------

#: The automatic lifecycle rules, most severe first (the order they are tried in).
LifecycleRule = Literal["close", "suspend", "mark_inactive", "reactivate"]
LIFECYCLE_RULES: tuple[str, ...] = get_args(LifecycleRule)

# -- sla -----------------------------------------------------------------------

#: What an SLA target measures.
SlaMetric = Literal[
    "first_response",
    "next_response",
    "resolution",
    "agent_work_time",
    "requester_wait_time",
    "on_hold_time",
]
SLA_METRICS: tuple[str, ...] = get_args(SlaMetric)
#: What a priority change does to a running measurement.
PriorityChangeRule = Literal["retarget", "restart"]
PRIORITY_CHANGE_RULES: tuple[str, ...] = get_args(PriorityChangeRule)
#: What reopening a resolved ticket does to the resolution-type measurements.
ReopenRule = Literal["continue", "new_cycle"]
REOPEN_RULES: tuple[str, ...] = get_args(ReopenRule)
#: How measurements are counted in a compliance report.
ComplianceAggregate = Literal["per_measurement", "per_ticket_last", "per_ticket_any"]
COMPLIANCE_AGGREGATES: tuple[str, ...] = get_args(ComplianceAggregate)
#: The measurement fields a compliance report can group by.
ComplianceKey = Literal[
    "metric", "priority", "policy", "account_number", "channel", "cycle", "month", "week", "quarter"
]
COMPLIANCE_KEYS: tuple[str, ...] = get_args(ComplianceKey)
#: How an outage's length is turned into counted downtime.
DowntimeQuantum = Literal["exact", "minute"]
DOWNTIME_QUANTA: tuple[str, ...] = get_args(DowntimeQuantum)
