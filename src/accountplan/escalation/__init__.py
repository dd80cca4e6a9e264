"""Escalation procedures: priority matrix, routing rules and escalation policies.

The "Escalation Procedures" section of an account plan as code:

- an ITIL priority matrix as data (`ITIL_MATRIX`,
  [priority_of][accountplan.escalation.priority_of]);
- conditions as data with a small, safe rule language
  ([parse_condition][accountplan.escalation.parse_condition],
  [format_condition][accountplan.escalation.format_condition]);
- first-match and all-match routing that explains itself
  ([route][accountplan.escalation.route], [route_all][accountplan.escalation.route_all]);
- PagerDuty-style escalation policies
  ([escalation_state][accountplan.escalation.escalation_state],
  [escalation_timeline][accountplan.escalation.escalation_timeline]);
- the template's trigger conditions
  ([template_triggers][accountplan.escalation.template_triggers],
  [escalation_triggers][accountplan.escalation.escalation_triggers]);
- audit records ([EscalationRecord][accountplan.escalation.EscalationRecord]).

>>> from accountplan.escalation import Impact, Urgency, priority_of
>>> priority_of(Impact.HIGH, Urgency.HIGH)
<Priority.CRITICAL: 'critical'>
"""

from accountplan.escalation._conditions import (
    MAX_CONDITIONS,
    MAX_DEPTH,
    MAX_LIST_ITEMS,
    OPERATORS,
    All,
    Any,
    Condition,
    ConditionOp,
    Expression,
    Not,
    matches,
)
from accountplan.escalation._matrix import ITIL_MATRIX, Impact, PriorityMatrix, Urgency, priority_of
from accountplan.escalation._policy import (
    MAX_DELAY,
    MAX_LEVELS,
    MAX_REPEATS,
    MAX_TARGETS,
    EscalationLevel,
    EscalationPolicy,
    EscalationState,
    EscalationStatus,
    EscalationTimeline,
    Notification,
    escalation_state,
    escalation_timeline,
)
from accountplan.escalation._records import (
    EscalationAction,
    EscalationRecord,
    EscalationRecords,
    escalation_records,
    escalation_triggers,
    routing_record,
    template_triggers,
)
from accountplan.escalation._routing import (
    MAX_RULES,
    ConditionCheck,
    EscalationKind,
    RoutingDecision,
    RoutingMatches,
    RoutingRule,
    RuleMatch,
    RuleMiss,
    route,
    route_all,
)
from accountplan.escalation._schema import (
    CONTEXT_SCHEMA,
    FIELD_TYPES,
    FieldSpec,
    FieldType,
    RoutingContext,
    context_for,
)
from accountplan.escalation._text import MAX_RULE_LENGTH, format_condition, parse_condition
from accountplan.escalation._wire import CONDITION_KINDS, configure_converter

__all__ = [
    "CONDITION_KINDS",
    "CONTEXT_SCHEMA",
    "FIELD_TYPES",
    "ITIL_MATRIX",
    "MAX_CONDITIONS",
    "MAX_DELAY",
    "MAX_DEPTH",
    "MAX_LEVELS",
    "MAX_LIST_ITEMS",
    "MAX_REPEATS",
    "MAX_RULES",
    "MAX_RULE_LENGTH",
    "MAX_TARGETS",
    "OPERATORS",
    "All",
    "Any",
    "Condition",
    "ConditionCheck",
    "ConditionOp",
    "EscalationAction",
    "EscalationKind",
    "EscalationLevel",
    "EscalationPolicy",
    "EscalationRecord",
    "EscalationRecords",
    "EscalationState",
    "EscalationStatus",
    "EscalationTimeline",
    "Expression",
    "FieldSpec",
    "FieldType",
    "Impact",
    "Not",
    "Notification",
    "PriorityMatrix",
    "RoutingContext",
    "RoutingDecision",
    "RoutingMatches",
    "RoutingRule",
    "RuleMatch",
    "RuleMiss",
    "Urgency",
    "configure_converter",
    "context_for",
    "escalation_records",
    "escalation_state",
    "escalation_timeline",
    "escalation_triggers",
    "format_condition",
    "matches",
    "parse_condition",
    "priority_of",
    "route",
    "route_all",
    "routing_record",
    "template_triggers",
]
