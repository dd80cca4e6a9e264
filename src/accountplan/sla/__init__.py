"""Service levels: SLA policies, ticket measurements, compliance, availability, CSAT.

How each clock runs is explained in the docs page "How SLAs are measured".
"""

from accountplan.sla._availability import (
    MAX_INTERVALS,
    MAX_REPORT_MONTHS,
    AvailabilityReport,
    CreditTier,
    DowntimeRule,
    MonthAvailability,
    availability_report,
    downtime,
    merge_intervals,
    service_credit,
    uptime,
)
from accountplan.sla._compliance import (
    ComplianceGroup,
    ComplianceReport,
    compliance,
    percentile,
)
from accountplan.sla._csat import (
    CSAT_FIVE_BEST,
    CSAT_ONE_BEST,
    MAX_SCALE_POINTS,
    CsatResult,
    CsatScale,
    csat,
)
from accountplan.sla._measure import SlaMeasurement, evaluate, evaluate_many
from accountplan.sla._measurement import SlaState
from accountplan.sla._numbers import HORIZON_END, HORIZON_START, PERCENT_PLACES
from accountplan.sla._policy import (
    MAX_POLICY_RULES,
    MAX_SET_ITEMS,
    MAX_TARGET,
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaTarget,
    select_policy,
)
from accountplan.sla._records import SlaMeasurements

__all__ = [
    "CSAT_FIVE_BEST",
    "CSAT_ONE_BEST",
    "HORIZON_END",
    "HORIZON_START",
    "MAX_INTERVALS",
    "MAX_POLICY_RULES",
    "MAX_REPORT_MONTHS",
    "MAX_SCALE_POINTS",
    "MAX_SET_ITEMS",
    "MAX_TARGET",
    "PERCENT_PLACES",
    "AvailabilityReport",
    "ComplianceGroup",
    "ComplianceReport",
    "CreditTier",
    "CsatResult",
    "CsatScale",
    "DowntimeRule",
    "MonthAvailability",
    "SlaMeasurement",
    "SlaMeasurements",
    "SlaPolicy",
    "SlaPolicyRule",
    "SlaPolicySet",
    "SlaState",
    "SlaTarget",
    "availability_report",
    "compliance",
    "csat",
    "downtime",
    "evaluate",
    "evaluate_many",
    "merge_intervals",
    "percentile",
    "select_policy",
    "service_credit",
    "uptime",
]
