"""The account plan: its seven sections, their checks, and the account-management process.

[AccountPlan][accountplan.plan.AccountPlan] holds the template's seven
sections; [validate_plan][accountplan.plan.validate_plan] checks them against
one another, [assess_plan][accountplan.plan.assess_plan] gives the maturity
they show and [plan_schema][accountplan.plan.plan_schema] the JSON Schema of a
plan's JSON. See the tutorial "Your first account plan" and the how-tos "Check
a plan for contradictions", "Set up a communication plan" and "Run the
account-management process with approvals".
"""

from accountplan.plan._assess import PlanAssessment, assess_plan
from accountplan.plan._communication import (
    CADENCE_UNITS,
    MAX_CONTACTS,
    MAX_PLAN_CHANNELS,
    MAX_SCHEDULE_YEARS,
    Cadence,
    CadenceUnit,
    Channel,
    ChannelKind,
    ChannelMode,
    CommunicationPlan,
    CustomerProfile,
    available_channels,
    contact_schedule,
    response_due,
)
from accountplan.plan._evidence import MATURITY_CHANNEL_NAMES, communication_evidence
from accountplan.plan._extra import (
    EXTRA_TYPES,
    MAX_EXTRA,
    MAX_EXTRA_INTEGER,
    SECTIONS,
    ExtraValue,
    Section,
)
from accountplan.plan._findings import (
    CHECK_DAYS,
    FINDING_KINDS,
    Finding,
    FindingKind,
    Findings,
    Severity,
    validate_plan,
)
from accountplan.plan._operations import (
    approve,
    complete_step,
    reject,
    request_changes,
    start_review_cycle,
    start_run,
)
from accountplan.plan._plan import AccountPlan
from accountplan.plan._progress import (
    PERCENT_PLACES,
    ItemProgress,
    Progress,
    next_steps,
    progress,
)
from accountplan.plan._run import (
    MAX_TRAIL,
    AuditAction,
    AuditEntry,
    GateState,
    GateStatus,
    ProcessRun,
    StepState,
    StepStatus,
)
from accountplan.plan._schema import SCHEMA_ID, plan_schema
from accountplan.plan._sections import (
    MANDATE_SCHEMES,
    MAX_ROUTING_RULES,
    MAX_SECTION_ITEMS,
    MAX_TEAM_MEMBERS,
    MAX_TEAMS,
    BillingSection,
    DirectDebitMandate,
    EscalationSection,
    MaintenanceSection,
    MandateScheme,
    MonitoringSection,
)
from accountplan.plan._template import (
    ACCOUNT_MANAGEMENT_PROCESS,
    MAX_ITEMS,
    MAX_OPTIONS,
    ApprovalGate,
    OptionList,
    ProcessStep,
    ProcessTemplate,
    ReviewLoop,
    load_process,
)
from accountplan.plan._wire import configure_converter

__all__ = [
    "ACCOUNT_MANAGEMENT_PROCESS",
    "CADENCE_UNITS",
    "CHECK_DAYS",
    "EXTRA_TYPES",
    "FINDING_KINDS",
    "MANDATE_SCHEMES",
    "MATURITY_CHANNEL_NAMES",
    "MAX_CONTACTS",
    "MAX_EXTRA",
    "MAX_EXTRA_INTEGER",
    "MAX_ITEMS",
    "MAX_OPTIONS",
    "MAX_PLAN_CHANNELS",
    "MAX_ROUTING_RULES",
    "MAX_SCHEDULE_YEARS",
    "MAX_SECTION_ITEMS",
    "MAX_TEAMS",
    "MAX_TEAM_MEMBERS",
    "MAX_TRAIL",
    "PERCENT_PLACES",
    "SCHEMA_ID",
    "SECTIONS",
    "AccountPlan",
    "ApprovalGate",
    "AuditAction",
    "AuditEntry",
    "BillingSection",
    "Cadence",
    "CadenceUnit",
    "Channel",
    "ChannelKind",
    "ChannelMode",
    "CommunicationPlan",
    "CustomerProfile",
    "DirectDebitMandate",
    "EscalationSection",
    "ExtraValue",
    "Finding",
    "FindingKind",
    "Findings",
    "GateState",
    "GateStatus",
    "ItemProgress",
    "MaintenanceSection",
    "MandateScheme",
    "MonitoringSection",
    "OptionList",
    "PlanAssessment",
    "ProcessRun",
    "ProcessStep",
    "ProcessTemplate",
    "Progress",
    "ReviewLoop",
    "Section",
    "Severity",
    "StepState",
    "StepStatus",
    "approve",
    "assess_plan",
    "available_channels",
    "communication_evidence",
    "complete_step",
    "configure_converter",
    "contact_schedule",
    "load_process",
    "next_steps",
    "plan_schema",
    "progress",
    "reject",
    "request_changes",
    "response_due",
    "start_review_cycle",
    "start_run",
    "validate_plan",
]
