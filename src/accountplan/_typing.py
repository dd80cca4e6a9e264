"""Literal aliases for every mode the library accepts, in one place.

Each package appends its own aliases here so that the vocabulary of the
library can be read in one file.
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
