"""Routing rules and decisions: first match (Opsgenie, ServiceNow) or all matches (Zendesk)."""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from accountplan._tables import Column, Tabular
from accountplan._validate import enum_converter, instance_of, optional, tuple_of
from accountplan.escalation._common import (
    check_text,
    trusted,
    valid_name,
)
from accountplan.escalation._conditions import (
    MAX_CONDITIONS,
    All,
    Any,
    Condition,
    ConditionOp,
    Expression,
    Not,
    canonical_field,
    condition_value,
    explain,
    leaf_result,
)
from accountplan.escalation._schema import RoutingContext, field_spec, to_value
from accountplan.escalation._text import format_condition, format_value, parse_condition
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = [
    "MAX_RULES",
    "ConditionCheck",
    "EscalationKind",
    "RoutingDecision",
    "RoutingMatches",
    "RoutingRule",
    "RuleMatch",
    "RuleMiss",
    "route",
    "route_all",
]

MAX_RULES = 1_000
"""The most rules one call of `route` or `route_all` checks."""


class EscalationKind(enum.Enum):
    """Which way a rule moves work (ITIL).

    Examples:
        >>> EscalationKind("hierarchical")
        <EscalationKind.HIERARCHICAL: 'hierarchical'>
    """

    FUNCTIONAL = "functional"
    """To a more specialised team (second line, engineering)."""
    HIERARCHICAL = "hierarchical"
    """Up the management line (team lead, account manager, director)."""


def _when(value: typing.Any) -> Expression:
    if isinstance(value, str):
        return parse_condition(value)
    if not isinstance(value, Condition | All | Any | Not):
        raise InvalidTypeError("when", value, "must be a condition tree or rule text")
    return value


@attrs.frozen(kw_only=True)
class RoutingRule:
    """Send a ticket to ``route_to`` when ``when`` holds.

    Attributes:
        name: The rule's name (shown in decisions and audit records).
        when: A condition tree, or rule text parsed with
            [parse_condition][accountplan.escalation.parse_condition].
        route_to: The team, queue or level the ticket goes to.
        kind: ``functional`` (to specialists) or ``hierarchical`` (to managers).

    Raises:
        RuleSyntaxError: ``when`` is text that does not parse.
        InvalidInputError: a name is empty.

    Examples:
        >>> rule = RoutingRule(name="vip", when="account.tier == 'gold'", route_to="tier2")
        >>> rule.when
        Condition(field='account.tier', op='==', value='gold')
    """

    name: str = attrs.field(validator=valid_name)
    when: Expression = attrs.field(converter=_when)
    route_to: str = attrs.field(validator=valid_name)
    kind: EscalationKind = attrs.field(
        default=EscalationKind.FUNCTIONAL,
        converter=enum_converter(EscalationKind),  # type: ignore[misc]  # attrs.Converter
    )

    @property
    def text(self) -> str:
        """The rule's condition as rule text."""
        return format_condition(self.when)


@attrs.frozen(kw_only=True)
class ConditionCheck:
    """One comparison as it was checked: what it asked and what it saw.

    Attributes:
        field: The context field.
        op: The operator.
        value: The value compared with.
        actual: The value the context held, or ``None`` when ``missing``.
        missing: Whether the context had no value for the field.
        held: Whether the comparison itself was true.
        negated: Whether it sits under a ``not`` (an odd number of them).

    Raises:
        InvalidInputError: the field is unknown, or the operator, value or
            actual value does not fit the field's type.

    Examples:
        >>> check = ConditionCheck(field="ticket.priority", op="<=", value=2,
        ...                        actual="moderate", missing=False, held=False, negated=False)
        >>> check.text
        "ticket.priority <= 2 was false (ticket.priority was 3, 'moderate')"
    """

    field: str = attrs.field(converter=canonical_field)
    op: ConditionOp
    value: typing.Any
    actual: typing.Any
    missing: bool
    held: bool
    negated: bool

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "value", condition_value(self.field, self.op, self.value))
        for name in ("missing", "held", "negated"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidTypeError(name, getattr(self, name), "must be a boolean")
        if self.missing:
            if self.actual is not None:
                raise InvalidInputError("actual", self.actual, "must be None when missing")
        else:
            spec = field_spec(self.field)
            object.__setattr__(self, "actual", to_value("actual", self.actual, spec))

    @property
    def text(self) -> str:
        """A one-line explanation for people."""
        comparison = f"{self.field} {self.op} {format_value(self.value)}"
        outcome = "true" if self.held else "false"
        if self.missing:
            seen = f"{self.field} had no value"
        else:
            shown = format_value(self.actual)
            if hasattr(self.actual, "level"):
                shown += f", {self.actual.value!r}"
            seen = f"{self.field} was {shown}"
        prefix = "not: " if self.negated else ""
        return f"{prefix}{comparison} was {outcome} ({seen})"


def _check(leaf: Condition, values: Mapping[str, typing.Any], negated: bool) -> ConditionCheck:
    held, missing = leaf_result(leaf, values)
    return trusted(
        ConditionCheck,
        field=leaf.field,
        op=leaf.op,
        value=leaf.value,
        actual=None if missing else values[leaf.field],
        missing=missing,
        held=held,
        negated=negated,
    )


def _leaves(expr: Expression, negated: bool = False) -> Iterator[tuple[Condition, bool]]:
    if isinstance(expr, Condition):
        yield expr, negated
    elif isinstance(expr, Not):
        yield from _leaves(expr.condition, not negated)
    else:
        for child in expr.conditions:
            yield from _leaves(child, negated)


@attrs.frozen(kw_only=True)
class RuleMiss:
    """A rule that did not match, and the first comparison that failed it.

    Attributes:
        rule: The rule's name.
        failed: The comparison that decided the miss, with the value seen.

    Raises:
        InvalidInputError: ``rule`` is empty.
        InvalidTypeError: ``failed`` is not a ``ConditionCheck``.

    Examples:
        >>> miss = RuleMiss(rule="vip", failed=ConditionCheck(
        ...     field="account.tier", op="==", value="gold", actual=None,
        ...     missing=True, held=False, negated=False))
        >>> miss.text
        "vip: account.tier == 'gold' was false (account.tier had no value)"
    """

    rule: str = attrs.field(validator=valid_name)
    failed: ConditionCheck = attrs.field(validator=instance_of(ConditionCheck))

    @property
    def text(self) -> str:
        """A one-line explanation for people."""
        return f"{self.rule}: {self.failed.text}"


@attrs.frozen(kw_only=True)
class RuleMatch:
    """A rule that matched, with every comparison it holds as it was checked.

    Attributes:
        rule: The rule's name.
        route_to: Where the rule sends the ticket.
        kind: The rule's escalation kind.
        evidence: Every comparison of the rule's condition, in order, with
            the values seen.

    Raises:
        InvalidInputError: a name is empty or the kind unknown.
        InvalidTypeError: an evidence item is not a ``ConditionCheck``.

    Examples:
        >>> RuleMatch(rule="vip", route_to="tier2", kind="functional", evidence=()).kind
        <EscalationKind.FUNCTIONAL: 'functional'>
    """

    rule: str = attrs.field(validator=valid_name)
    route_to: str = attrs.field(validator=valid_name)
    kind: EscalationKind = attrs.field(converter=enum_converter(EscalationKind))  # type: ignore[misc]  # attrs.Converter
    evidence: tuple[ConditionCheck, ...] = attrs.field(
        converter=tuple_of(ConditionCheck, limit=MAX_CONDITIONS),  # type: ignore[misc]  # attrs.Converter
    )

    @property
    def text(self) -> str:
        """A one-line explanation for people."""
        checks = "; ".join(c.text for c in self.evidence)
        return f"{self.rule} matched: {checks}"


@attrs.frozen(kw_only=True)
class RoutingDecision(Tabular):
    """Where a ticket goes and why (the result of [route][accountplan.escalation.route]).

    Attributes:
        route_to: The target of the first matching rule, or the default.
        match: The first matching rule, or ``None`` when the default applied.
        misses: Every rule before the match (all rules when the default
            applied), each with the comparison that failed it.

    Raises:
        InvalidInputError: ``route_to`` is empty.
        InvalidTypeError: ``match`` or a miss has the wrong type.

    Examples:
        >>> RoutingDecision(route_to="triage", match=None, misses=()).rule is None
        True
    """

    route_to: str = attrs.field(validator=valid_name)
    match: RuleMatch | None = attrs.field(validator=optional(instance_of(RuleMatch)))
    misses: tuple[RuleMiss, ...] = attrs.field(
        converter=tuple_of(RuleMiss, limit=MAX_RULES),  # type: ignore[misc]  # attrs.Converter
    )

    @property
    def rule(self) -> str | None:
        """The name of the matching rule, or ``None`` when the default applied."""
        return None if self.match is None else self.match.rule

    @property
    def explanation(self) -> str:
        """Why the ticket goes to ``route_to``, one line per rule checked."""
        lines = [miss.text for miss in self.misses]
        if self.match is None:
            lines.append(f"no rule matched: default {self.route_to}")
        else:
            lines.append(self.match.text)
        return "\n".join(lines)

    def _columns(self) -> tuple[Column, ...]:
        return _RULE_COLUMNS

    def _rows(self) -> Sequence[typing.Any]:
        return self.misses if self.match is None else (*self.misses, self.match)

    def _record(self, row: typing.Any) -> dict[str, typing.Any]:
        return _rule_record(row)

    def _title(self) -> str:
        how = "default" if self.match is None else f"rule {self.match.rule}"
        return f"Routed to {self.route_to} ({how})"

    def to_records(self) -> list[dict[str, typing.Any]]:
        """One plain dict per rule checked, in rule order (the match last).

        When the default applied every row is a miss.

        Returns:
            Dicts with the columns of
            [RoutingMatches.to_records][accountplan.escalation.RoutingMatches.to_records]:
            ``rule``, ``matched``, ``route_to`` (``None`` for a miss) and ``why``.

        Examples:
            >>> RoutingDecision(route_to="triage", match=None, misses=()).to_records()
            []
        """
        return super().to_records()


@attrs.frozen(kw_only=True)
class RoutingMatches(Tabular):
    """Every rule that matched, in order.

    The result of [route_all][accountplan.escalation.route_all].

    Attributes:
        matches: The matching rules, in rule order.
        misses: The rules that did not match, each with its failing comparison.

    Raises:
        InvalidTypeError: a match or a miss has the wrong type.

    Examples:
        >>> RoutingMatches(matches=(), misses=()).route_to
        ()
    """

    matches: tuple[RuleMatch, ...] = attrs.field(
        converter=tuple_of(RuleMatch, limit=MAX_RULES),  # type: ignore[misc]  # attrs.Converter
    )
    misses: tuple[RuleMiss, ...] = attrs.field(
        converter=tuple_of(RuleMiss, limit=MAX_RULES),  # type: ignore[misc]  # attrs.Converter
    )

    @property
    def route_to(self) -> tuple[str, ...]:
        """The targets of the matching rules, in order."""
        return tuple(m.route_to for m in self.matches)

    def _columns(self) -> tuple[Column, ...]:
        return _RULE_COLUMNS

    def _rows(self) -> Sequence[typing.Any]:
        return (*self.matches, *self.misses)

    def _record(self, row: typing.Any) -> dict[str, typing.Any]:
        return _rule_record(row)

    def _title(self) -> str:
        total = len(self.matches) + len(self.misses)
        return f"Routing: {len(self.matches)} of {total} rules matched"

    def to_records(self) -> list[dict[str, typing.Any]]:
        """One plain dict per rule checked, matches first.

        Returns:
            Dicts with the columns ``rule``, ``matched`` (``bool``),
            ``route_to`` (``None`` for a miss) and ``why``.

        Examples:
            >>> RoutingMatches(matches=(), misses=()).to_records()
            []
        """
        return super().to_records()


#: The columns of a table of rules checked, in order.
_RULE_COLUMNS: tuple[Column, ...] = (
    ("rule", "text"),
    ("matched", "bool"),
    ("route_to", "text"),
    ("why", "text"),
)


def _rule_record(checked: RuleMatch | RuleMiss) -> dict[str, typing.Any]:
    """A rule that matched or missed as a plain row of the rule columns."""
    if isinstance(checked, RuleMatch):
        return {
            "rule": checked.rule,
            "matched": True,
            "route_to": checked.route_to,
            "why": checked.text,
        }
    return {"rule": checked.rule, "matched": False, "route_to": None, "why": checked.failed.text}


def _rules(value: typing.Any) -> tuple[RoutingRule, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("rules", value, "must be a sequence of RoutingRule")
    if isinstance(value, Sequence) and len(value) > MAX_RULES:
        raise LimitExceededError("rules", len(value), MAX_RULES, f"has more than {MAX_RULES} rules")
    items = tuple(value)
    if len(items) > MAX_RULES:
        raise LimitExceededError("rules", len(items), MAX_RULES, f"has more than {MAX_RULES} rules")
    for index, item in enumerate(items):
        if not isinstance(item, RoutingRule):
            raise InvalidTypeError(f"rules[{index}]", item, "must be a RoutingRule")
    return items


def _context(value: typing.Any) -> Mapping[str, typing.Any]:
    if not isinstance(value, RoutingContext):
        raise InvalidTypeError("context", value, "must be a RoutingContext")
    return value.values


def _match(rule: RoutingRule, values: Mapping[str, typing.Any]) -> RuleMatch:
    evidence = tuple(_check(leaf, values, negated) for leaf, negated in _leaves(rule.when))
    return trusted(
        RuleMatch, rule=rule.name, route_to=rule.route_to, kind=rule.kind, evidence=evidence
    )


def _miss(
    rule: RoutingRule, leaf: Condition, negated: bool, values: Mapping[str, typing.Any]
) -> RuleMiss:
    return trusted(RuleMiss, rule=rule.name, failed=_check(leaf, values, negated))


def route(
    context: RoutingContext, rules: Sequence[RoutingRule], /, *, default: str
) -> RoutingDecision:
    """Route a ticket by the first rule whose condition holds (first match).

    Args:
        context: The ticket's facts, from
            [context_for][accountplan.escalation.context_for].
        rules: The rules, checked in order (at most ``MAX_RULES``).
        default: Where the ticket goes when no rule matches (required).

    Returns:
        A [RoutingDecision][accountplan.escalation.RoutingDecision] naming the
        matching rule and, for every earlier rule, the first comparison that
        failed with the value it saw.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        InvalidInputError: ``default`` is empty.
        LimitExceededError: more than ``MAX_RULES`` rules.

    Examples:
        >>> import datetime as dt
        >>> ctx = RoutingContext(as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
        ...                      values={"ticket.priority": "moderate", "account.tier": "gold"})
        >>> rules = [RoutingRule(name="urgent", when="priority <= 2", route_to="oncall"),
        ...          RoutingRule(name="vip", when="account.tier == 'gold'", route_to="tier2")]
        >>> decision = route(ctx, rules, default="triage")
        >>> decision.route_to, decision.rule
        ('tier2', 'vip')
        >>> print(decision.explanation)
        urgent: ticket.priority <= 2 was false (ticket.priority was 3, 'moderate')
        vip matched: account.tier == 'gold' was true (account.tier was 'gold')
    """
    values = _context(context)
    checked = _rules(rules)
    target = check_text("default", default)
    misses: list[RuleMiss] = []
    for rule in checked:
        held, leaf, negated = explain(rule.when, values)
        if held:
            return trusted(
                RoutingDecision,
                route_to=rule.route_to,
                match=_match(rule, values),
                misses=tuple(misses),
            )
        misses.append(_miss(rule, leaf, negated, values))
    return trusted(RoutingDecision, route_to=target, match=None, misses=tuple(misses))


def route_all(context: RoutingContext, rules: Sequence[RoutingRule], /) -> RoutingMatches:
    """Check every rule and return all that match, in order (Zendesk trigger semantics).

    Args:
        context: The ticket's facts.
        rules: The rules (at most ``MAX_RULES``).

    Returns:
        [RoutingMatches][accountplan.escalation.RoutingMatches]: the matching
        rules in order and the others with the comparison that failed each.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        LimitExceededError: more than ``MAX_RULES`` rules.

    Examples:
        >>> import datetime as dt
        >>> ctx = RoutingContext(as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
        ...                      values={"ticket.priority": "high", "account.tier": "gold"})
        >>> rules = [RoutingRule(name="urgent", when="priority <= 2", route_to="oncall"),
        ...          RoutingRule(name="vip", when="account.tier == 'gold'", route_to="tier2",
        ...                      kind="hierarchical")]
        >>> route_all(ctx, rules).route_to
        ('oncall', 'tier2')
    """
    values = _context(context)
    matched: list[RuleMatch] = []
    misses: list[RuleMiss] = []
    for rule in _rules(rules):
        held, leaf, negated = explain(rule.when, values)
        if held:
            matched.append(_match(rule, values))
        else:
            misses.append(_miss(rule, leaf, negated, values))
    return trusted(RoutingMatches, matches=tuple(matched), misses=tuple(misses))
