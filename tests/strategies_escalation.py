"""Hypothesis strategies for accountplan.escalation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar
from accountplan.escalation import (
    CONTEXT_SCHEMA,
    ITIL_MATRIX,
    All,
    Condition,
    ConditionCheck,
    EscalationAction,
    EscalationKind,
    EscalationLevel,
    EscalationPolicy,
    EscalationRecord,
    EscalationState,
    EscalationTimeline,
    FieldSpec,
    Impact,
    Not,
    Notification,
    PriorityMatrix,
    RoutingContext,
    RoutingDecision,
    RoutingMatches,
    RoutingRule,
    RuleMatch,
    RuleMiss,
    Urgency,
    escalation_state,
    escalation_timeline,
    route,
    route_all,
)
from accountplan.escalation import Any as AnyOf
from accountplan.tickets import Priority
from tests.strategies import free_texts
from tests.strategies_maturity import BIDI_CONTROLS

__all__ = [
    "MODEL_STRATEGIES",
    "condition_trees",
    "contexts",
    "leaves",
    "policies",
    "rules",
]

UTC = dt.UTC
BASE = dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC)

names = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Zs", "Cc"), exclude_characters=BIDI_CONTROLS
    ),
    min_size=1,
    max_size=12,
)
texts = free_texts(max_size=15)
decimals = st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=3, allow_nan=False
)
seconds_durations = st.integers(min_value=-400 * 86_400, max_value=400 * 86_400).map(
    lambda s: dt.timedelta(seconds=s)
)
instants = st.integers(min_value=0, max_value=60 * 86_400).map(
    lambda s: BASE + dt.timedelta(seconds=s)
)

_OPS = {
    "text": ("==", "!=", "in", "not in", "contains", "startswith"),
    "number": ("==", "!=", "<", "<=", ">", ">=", "in", "not in"),
    "duration": ("==", "!=", "<", "<=", ">", ">=", "in", "not in"),
    "priority": ("==", "!=", "<", "<=", ">", ">=", "in", "not in"),
    "boolean": ("==", "!="),
    "choice": ("==", "!=", "in", "not in"),
    "text_set": ("contains",),
}


def _scalars(spec: FieldSpec) -> st.SearchStrategy[Any]:
    kind = spec.type
    if kind in ("text", "text_set"):
        return texts
    if kind == "number":
        return decimals
    if kind == "duration":
        return seconds_durations
    if kind == "priority":
        return st.sampled_from(list(Priority))
    if kind == "boolean":
        return st.booleans()
    return st.sampled_from(spec.choices)


@st.composite
def leaves(draw: st.DrawFn) -> Condition:
    """A random valid comparison on any context field."""
    field = draw(st.sampled_from(sorted(CONTEXT_SCHEMA)))
    spec = CONTEXT_SCHEMA[field]
    op = draw(st.sampled_from(_OPS[spec.type]))
    scalar = _scalars(spec)
    value = draw(st.lists(scalar, max_size=4).map(tuple) if op in ("in", "not in") else scalar)
    return Condition(field=field, op=op, value=value)  # type: ignore[arg-type]


condition_trees = st.recursive(
    leaves(),
    lambda children: (
        st.lists(children, min_size=2, max_size=3).map(lambda c: All(conditions=c))
        | st.lists(children, min_size=2, max_size=3).map(lambda c: AnyOf(conditions=c))
        | children.map(lambda c: Not(condition=c))
    ),
    max_leaves=10,
)


def _context_value(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.type == "text_set":
        return st.frozensets(texts, max_size=3)
    if spec.type == "duration":
        return st.integers(min_value=-(10**12), max_value=10**12).map(
            lambda us: dt.timedelta(microseconds=us)
        )
    return _scalars(spec)


@st.composite
def contexts(draw: st.DrawFn) -> RoutingContext:
    """A routing context with a random subset of fields set."""
    fields = draw(st.sets(st.sampled_from(sorted(CONTEXT_SCHEMA))))
    values = {f: draw(_context_value(CONTEXT_SCHEMA[f])) for f in sorted(fields)}
    return RoutingContext(as_of=draw(instants), values=values)


kinds = st.sampled_from(list(EscalationKind))

rules = st.builds(RoutingRule, name=names, when=condition_trees, route_to=names, kind=kinds)


def _unique_levels(items: list[EscalationLevel]) -> list[EscalationLevel]:
    seen: dict[str, EscalationLevel] = {}
    for item in items:
        seen.setdefault(item.name, item)
    return list(seen.values())


levels = st.builds(
    EscalationLevel,
    name=names,
    targets=st.lists(names, min_size=1, max_size=3).map(tuple),
    after=st.integers(min_value=1, max_value=3 * 86_400).map(lambda s: dt.timedelta(seconds=s)),
    kind=kinds,
    responsibility=texts,
)
calendars = st.sampled_from(
    [
        None,
        BusinessCalendar.always("Europe/Amsterdam"),
        BusinessCalendar.weekly(
            "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)}, name="office"
        ),
    ]
)
policies = st.builds(
    EscalationPolicy,
    levels=st.lists(levels, min_size=1, max_size=4).map(_unique_levels),
    repeats=st.integers(min_value=0, max_value=3),
    calendar=calendars,
    name=st.just("") | names,
)


@st.composite
def states(draw: st.DrawFn) -> EscalationState:
    policy = draw(policies)
    start = draw(instants)
    as_of = start + draw(st.integers(min_value=0, max_value=10 * 86_400).map(_secs))
    ack = draw(st.none() | st.integers(min_value=0, max_value=10 * 86_400).map(_secs))
    return escalation_state(
        policy,
        triggered_at=start,
        as_of=as_of,
        acknowledged_at=None if ack is None else start + ack,
    )


@st.composite
def timelines(draw: st.DrawFn) -> EscalationTimeline:
    policy = draw(policies)
    start = draw(instants)
    until = start + draw(st.integers(min_value=0, max_value=10 * 86_400).map(_secs))
    return escalation_timeline(policy, triggered_at=start, until=until)


def _secs(s: int) -> dt.timedelta:
    return dt.timedelta(seconds=s)


@st.composite
def decisions(draw: st.DrawFn) -> RoutingDecision:
    return route(draw(contexts()), draw(st.lists(rules, max_size=3)), default=draw(names))


@st.composite
def all_matches(draw: st.DrawFn) -> RoutingMatches:
    return route_all(draw(contexts()), draw(st.lists(rules, max_size=3)))


@st.composite
def checks(draw: st.DrawFn) -> ConditionCheck:
    leaf = draw(leaves())
    missing = draw(st.booleans())
    actual = None if missing else draw(_context_value(CONTEXT_SCHEMA[leaf.field]))
    return ConditionCheck(
        field=leaf.field,
        op=leaf.op,
        value=leaf.value,
        actual=actual,
        missing=missing,
        held=draw(st.booleans()),
        negated=draw(st.booleans()),
    )


records = st.builds(
    EscalationRecord,
    at=instants,
    action=st.sampled_from(list(EscalationAction)),
    ticket_id=names,
    reason=names,
    to=st.lists(names, max_size=2).map(tuple),
    kind=st.none() | kinds,
    rule=st.none() | names,
    policy=st.none() | names,
    level=st.none() | names,
    pass_number=st.none() | st.integers(min_value=1, max_value=5),
)

_FIVE_IMPACTS = list(Impact)
_FIVE_URGENCIES = list(Urgency)


@st.composite
def matrices(draw: st.DrawFn) -> PriorityMatrix:
    rows = draw(st.integers(min_value=2, max_value=5))
    cols = draw(st.integers(min_value=2, max_value=5))
    impacts = sorted(
        draw(st.sets(st.sampled_from(_FIVE_IMPACTS), min_size=rows, max_size=rows)),
        key=_FIVE_IMPACTS.index,
    )
    urgencies = sorted(
        draw(st.sets(st.sampled_from(_FIVE_URGENCIES), min_size=cols, max_size=cols)),
        key=_FIVE_URGENCIES.index,
    )
    cells = st.lists(st.sampled_from(list(Priority)), min_size=cols, max_size=cols)
    table = draw(st.lists(cells, min_size=rows, max_size=rows))
    return PriorityMatrix(impacts=impacts, urgencies=urgencies, priorities=table)


MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    PriorityMatrix: matrices() | st.just(ITIL_MATRIX),
    FieldSpec: st.sampled_from(list(CONTEXT_SCHEMA.values())),
    RoutingContext: contexts(),
    Condition: leaves(),
    All: st.lists(condition_trees, min_size=2, max_size=3).map(lambda c: All(conditions=c)),
    AnyOf: st.lists(condition_trees, min_size=2, max_size=3).map(lambda c: AnyOf(conditions=c)),
    Not: condition_trees.map(lambda c: Not(condition=c)),
    RoutingRule: rules,
    ConditionCheck: checks(),
    RuleMiss: st.builds(RuleMiss, rule=names, failed=checks()),
    RuleMatch: st.builds(
        RuleMatch,
        rule=names,
        route_to=names,
        kind=kinds,
        evidence=st.lists(checks(), max_size=3).map(tuple),
    ),
    RoutingDecision: decisions(),
    RoutingMatches: all_matches(),
    EscalationLevel: levels,
    EscalationPolicy: policies,
    Notification: st.builds(
        Notification,
        level=names,
        level_number=st.integers(min_value=1, max_value=20),
        pass_number=st.integers(min_value=1, max_value=21),
        targets=st.lists(names, min_size=1, max_size=3).map(tuple),
        at=instants,
    ),
    EscalationState: states(),
    EscalationTimeline: timelines(),
    EscalationRecord: records,
}
