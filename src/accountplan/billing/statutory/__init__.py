"""Statutory late-payment interest and compensation: EU, the Netherlands, the UK.

Figures and rules come from the laws cited in each function's docstring; rate
tables (percent a year) ship as package data (see
[bundled_rate_table][accountplan.billing.bundled_rate_table]) and can be
replaced by newer ones with ``rates=``. A question outside a table's range
raises an ``InvalidInputError`` naming the table and the range it covers.
"""

from accountplan.billing.statutory._costs import (
    eu_compensation,
    nl_collection_costs,
    uk_fixed_sum,
)
from accountplan.billing.statutory._interest import (
    eu_late_payment_interest,
    nl_commercial_interest,
    nl_statutory_interest,
    uk_late_payment_interest,
)

__all__ = [
    "eu_compensation",
    "eu_late_payment_interest",
    "nl_collection_costs",
    "nl_commercial_interest",
    "nl_statutory_interest",
    "uk_fixed_sum",
    "uk_late_payment_interest",
]
