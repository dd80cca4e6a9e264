"""Trigger conditions of the account plan template, and audit records of every decision."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from accountplan._tables import Column, Tabular
from accountplan._validate import aware, check_type, enum_converter, named, optional, tuple_of
from accountplan.accounts import Account
from accountplan.escalation._common import check_text, valid_name
from accountplan.escalation._conditions import Condition
from accountplan.escalation._policy import MAX_TARGETS, EscalationState, EscalationStatus
from accountplan.escalation._routing import (
    EscalationKind,
    RoutingDecision,
    RoutingRule,
    route_all,
)
from accountplan.escalation._schema import context_for
from accountplan.escalation._text import format_value
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.sla import SlaMeasurement
from accountplan.tickets import Priority, Ticket

__all__ = [
    "EscalationAction",
    "EscalationRecord",
    "EscalationRecords",
    "escalation_records",
    "escalation_triggers",
    "routing_record",
    "template_triggers",
]


class EscalationAction(enum.Enum):
    """What an audit record documents.

    Examples:
        >>> EscalationAction("escalated")
        <EscalationAction.ESCALATED: 'escalated'>
    """

    ROUTED = "routed"
    """A ticket was routed to a team or queue."""
    ESCALATED = "escalated"
    """A trigger condition fired and the ticket was escalated."""
    NOTIFIED = "notified"
    """An escalation level was notified."""
    ACKNOWLEDGED = "acknowledged"
    """Someone acknowledged the escalation."""
    RESOLVED = "resolved"
    """The escalated issue was resolved."""
    EXHAUSTED = "exhausted"
    """Every level of every pass was notified without acknowledgement."""


def _optional_number(
    _i: typing.Any, attribute: attrs.Attribute[typing.Any], value: typing.Any
) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(attribute.name, value, "must be an int or None")
    if value < 1:
        raise InvalidInputError(attribute.name, value, "must be 1 or more")


@attrs.frozen(kw_only=True)
class EscalationRecord:
    """One entry of an escalation audit log: what, when, why, to whom, by which rule.

    Attributes:
        at: When it happened.
        action: What happened.
        ticket_id: The ticket concerned.
        reason: Why, in words (the comparisons and the values seen).
        to: Who or which team it went to (empty when nobody was notified).
        kind: ``functional`` or ``hierarchical``, when known.
        rule: The routing or trigger rule's name, if a rule decided.
        policy: The escalation policy's name, if a policy decided.
        level: The escalation level's name, for notifications.
        pass_number: The pass through the policy, for notifications.

    Raises:
        InvalidInputError: ``at`` is naive, a name or the reason is empty, or
            the action or kind is unknown.

    Examples:
        >>> import datetime as dt
        >>> r = EscalationRecord(at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), action="routed",
        ...                      ticket_id="T-1", reason="no rule matched", to=["triage"])
        >>> r.action, r.to
        (<EscalationAction.ROUTED: 'routed'>, ('triage',))
    """

    at: dt.datetime = attrs.field(validator=aware)
    action: EscalationAction = attrs.field(converter=enum_converter(EscalationAction))  # type: ignore[misc]  # attrs.Converter
    ticket_id: str = attrs.field(validator=valid_name)
    reason: str = attrs.field(validator=named(functools.partial(check_text, max_length=200_000)))
    to: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple_of(check_text, limit=MAX_TARGETS, what="names"),  # type: ignore[misc]  # attrs.Converter
    )
    kind: EscalationKind | None = attrs.field(
        default=None,
        converter=enum_converter(EscalationKind, optional=True),  # type: ignore[misc]  # attrs.Converter
    )
    rule: str | None = attrs.field(default=None, validator=optional(valid_name))
    policy: str | None = attrs.field(default=None, validator=optional(valid_name))
    level: str | None = attrs.field(default=None, validator=optional(valid_name))
    pass_number: int | None = attrs.field(default=None, validator=_optional_number)


class EscalationRecords(Tabular, tuple[EscalationRecord, ...]):
    """A tuple of [EscalationRecord][accountplan.escalation.EscalationRecord]s that is also a table.

    What [escalation_records][accountplan.escalation.escalation_records] and
    [escalation_triggers][accountplan.escalation.escalation_triggers] return.
    It is a ``tuple`` (equal to the plain tuple of the same records), so
    indexing, slicing, comparing and serializing work as for a plain tuple.

    Record columns: ``at`` (aware ``datetime``), ``action``, ``ticket_id``,
    ``reason``, ``to`` (comma-separated), ``kind``, ``rule``, ``policy``,
    ``level`` (text, ``None`` when not known) and ``pass_number`` (``int`` or
    ``None``).

    Examples:
        >>> EscalationRecords(()).to_records()
        []
        >>> EscalationRecords(()) == ()
        True
    """

    __slots__ = ()

    def _columns(self) -> tuple[Column, ...]:
        return (
            ("at", "datetime"),
            ("action", "text"),
            ("ticket_id", "text"),
            ("reason", "text"),
            ("to", "text"),
            ("kind", "text"),
            ("rule", "text"),
            ("policy", "text"),
            ("level", "text"),
            ("pass_number", "int"),
        )

    def _rows(self) -> Sequence[typing.Any]:
        return self

    def _record(self, row: typing.Any) -> dict[str, typing.Any]:
        return {
            "at": row.at,
            "action": row.action.value,
            "ticket_id": row.ticket_id,
            "reason": row.reason,
            "to": ", ".join(row.to),
            "kind": None if row.kind is None else row.kind.value,
            "rule": row.rule,
            "policy": row.policy,
            "level": row.level,
            "pass_number": row.pass_number,
        }

    def _title(self) -> str:
        return "Escalation records"


def routing_record(
    decision: RoutingDecision, /, *, ticket_id: str, at: dt.datetime
) -> EscalationRecord:
    """The audit record of a routing decision.

    Args:
        decision: From [route][accountplan.escalation.route].
        ticket_id: The ticket routed.
        at: When it was routed (timezone-aware).

    Returns:
        An ``EscalationRecord`` with action ``routed`` and the decision's
        explanation as its reason.

    Raises:
        InvalidTypeError: ``decision`` is not a ``RoutingDecision``.
        InvalidInputError: ``at`` is naive or ``ticket_id`` empty.

    Examples:
        >>> import datetime as dt
        >>> d = RoutingDecision(route_to="triage", match=None, misses=())
        >>> routing_record(d, ticket_id="T-1", at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)).reason
        'no rule matched: default triage'
    """
    if not isinstance(decision, RoutingDecision):
        raise InvalidTypeError("decision", decision, "must be a RoutingDecision")
    match = decision.match
    return EscalationRecord(
        at=at,
        action=EscalationAction.ROUTED,
        ticket_id=ticket_id,
        reason=decision.explanation,
        to=(decision.route_to,),
        kind=None if match is None else match.kind,
        rule=decision.rule,
    )


def escalation_records(state: EscalationState, /, *, ticket_id: str) -> EscalationRecords:
    """The audit records of an escalation so far: each notification, then how it ended.

    Args:
        state: From [escalation_state][accountplan.escalation.escalation_state].
        ticket_id: The ticket escalated.

    Returns:
        One ``notified`` record per notification, then an ``acknowledged``,
        ``resolved`` or ``exhausted`` record when the escalation stopped, as
        [EscalationRecords][accountplan.escalation.EscalationRecords] (a tuple
        that is also a table).

    Raises:
        InvalidTypeError: ``state`` is not an ``EscalationState``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.escalation import EscalationLevel, EscalationPolicy, escalation_state
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> policy = EscalationPolicy(name="std", levels=[
        ...     EscalationLevel(name="L1", targets=["oncall"], after=dt.timedelta(minutes=30))])
        >>> state = escalation_state(policy, triggered_at=t0, as_of=t0 + dt.timedelta(hours=1),
        ...                          acknowledged_at=t0 + dt.timedelta(minutes=5))
        >>> [r.action.value for r in escalation_records(state, ticket_id="T-1")]
        ['notified', 'acknowledged']
    """
    if not isinstance(state, EscalationState):
        raise InvalidTypeError("state", state, "must be an EscalationState")
    policy = state.policy.name or None
    records: list[EscalationRecord] = []
    for n in state.notifications:
        level = state.policy.levels[n.level_number - 1]
        records.append(
            EscalationRecord(
                at=n.at,
                action=EscalationAction.NOTIFIED,
                ticket_id=ticket_id,
                reason=(
                    "triggered"
                    if n.level_number == 1 and n.pass_number == 1
                    else "not acknowledged within the previous level's delay"
                ),
                to=n.targets,
                kind=level.kind,
                policy=policy,
                level=n.level,
                pass_number=n.pass_number,
            )
        )
    last = records[-1]
    ending = _ending(state, last.at)
    if ending is not None:
        at, action, reason = ending
        records.append(attrs.evolve(last, at=at, action=action, reason=reason, to=()))
    return EscalationRecords(records)


def _ending(
    state: EscalationState, last_at: dt.datetime
) -> tuple[dt.datetime, EscalationAction, str] | None:
    """When and how an escalation stopped (``None`` while it runs)."""
    if state.status is EscalationStatus.RESOLVED and state.resolved_at is not None:
        return state.resolved_at, EscalationAction.RESOLVED, "resolved"
    if state.status is EscalationStatus.ACKNOWLEDGED and state.acknowledged_at is not None:
        return state.acknowledged_at, EscalationAction.ACKNOWLEDGED, "acknowledged"
    if state.status is EscalationStatus.EXHAUSTED:
        return (
            last_at,
            EscalationAction.EXHAUSTED,
            "every level of every pass was notified without acknowledgement",
        )
    return None


def _when(*parts: str) -> str:
    return " and ".join(("ticket.resolved == false", *parts))


def template_triggers(
    *,
    functional_to: str,
    hierarchical_to: str,
    at_risk_percent: int | Decimal = 25,
    unresolved_for: dt.timedelta = dt.timedelta(hours=24),
    priority_at_most: Priority | str | int = Priority.HIGH,
    contacts_at_least: int = 3,
    high_value_tiers: Sequence[str] = ("gold", "platinum"),
) -> tuple[RoutingRule, ...]:
    """The account plan template's trigger conditions as rules (all apply to open tickets).

    ``sla_at_risk`` (functional): a clock that has not stopped has less than
    ``at_risk_percent`` percent of its target left and is not yet late;
    ``sla_breached`` (hierarchical): a measurement is breached;
    ``unresolved`` (hierarchical): open for ``unresolved_for`` or longer;
    ``high_priority`` (functional): priority level ``priority_at_most`` or
    more urgent; ``repeated_contacts`` (hierarchical): the customer made
    ``contacts_at_least`` contacts in 7 days; ``high_value_account``
    (hierarchical): the account's tier is one of ``high_value_tiers``.

    Args:
        functional_to: Where functional escalations go (a specialist team).
        hierarchical_to: Where hierarchical escalations go (a manager).
        at_risk_percent: The SLA-at-risk threshold, in percent of the target.
        unresolved_for: How long a ticket may stay open.
        priority_at_most: The least urgent priority that counts as high.
        contacts_at_least: How many customer contacts in 7 days count as repeated.
        high_value_tiers: The account tiers that count as high value.

    Returns:
        Six [RoutingRule][accountplan.escalation.RoutingRule] values, to use
        with [escalation_triggers][accountplan.escalation.escalation_triggers].

    Raises:
        InvalidTypeError: an argument has the wrong type (a route that is
            not a ``str``, a float threshold, ...).
        InvalidInputError: a threshold does not fit its field.

    Examples:
        >>> rules = template_triggers(functional_to="tier2", hierarchical_to="lead")
        >>> [(r.name, r.route_to) for r in rules[:3]]
        [('sla_at_risk', 'tier2'), ('sla_breached', 'lead'), ('unresolved', 'lead')]
        >>> rules[0].text
        'ticket.resolved == false and sla.remaining > 0s and sla.remaining_percent < 25'
    """
    check_type("functional_to", functional_to, str)
    check_type("hierarchical_to", hierarchical_to, str)
    check_type("at_risk_percent", at_risk_percent, (int, Decimal))
    check_type("unresolved_for", unresolved_for, dt.timedelta)
    check_type("priority_at_most", priority_at_most, (Priority, str, int))
    check_type("contacts_at_least", contacts_at_least, int)
    tiers_given: object = high_value_tiers
    if isinstance(tiers_given, str | bytes) or not isinstance(tiers_given, Iterable):
        raise InvalidTypeError("high_value_tiers", high_value_tiers, "must be a sequence of tiers")
    percent = Condition(field="sla.remaining_percent", op="<", value=at_risk_percent)
    age = Condition(field="ticket.age", op=">=", value=unresolved_for)
    priority = Condition(field="ticket.priority", op="<=", value=priority_at_most)
    contacts = Condition(field="ticket.contacts_7d", op=">=", value=contacts_at_least)
    tiers = Condition(field="account.tier", op="in", value=tuple(high_value_tiers))
    f, h = EscalationKind.FUNCTIONAL, EscalationKind.HIERARCHICAL
    specs = (
        (
            "sla_at_risk",
            f,
            ("sla.remaining > 0s", f"sla.remaining_percent < {format_value(percent.value)}"),
        ),
        ("sla_breached", h, ("sla.breaches > 0",)),
        ("unresolved", h, (f"ticket.age >= {format_value(age.value)}",)),
        ("high_priority", f, (f"ticket.priority <= {format_value(priority.value)}",)),
        ("repeated_contacts", h, (f"ticket.contacts_7d >= {format_value(contacts.value)}",)),
        ("high_value_account", h, (f"account.tier in {format_value(tiers.value)}",)),
    )
    return tuple(
        RoutingRule(
            name=name,
            when=_when(*parts),
            route_to=functional_to if kind is f else hierarchical_to,
            kind=kind,
        )
        for name, kind, parts in specs
    )


def escalation_triggers(
    ticket: Ticket,
    /,
    *,
    account: Account | None,
    measurements: Iterable[SlaMeasurement],
    as_of: dt.datetime,
    rules: Sequence[RoutingRule],
) -> EscalationRecords:
    """Check a ticket against trigger rules; return one record per trigger that fires.

    Every rule is checked (all match): a ticket can be escalated both
    functionally and hierarchically. An empty result means no escalation.

    Args:
        ticket: The ticket.
        account: Its account, or ``None`` when unknown (account triggers then
            do not fire).
        measurements: Its SLA measurements at ``as_of``
            (from [evaluate][accountplan.sla.evaluate]).
        as_of: The instant to check (timezone-aware).
        rules: The trigger rules, for example
            [template_triggers][accountplan.escalation.template_triggers].

    Returns:
        ``escalated`` [EscalationRecord][accountplan.escalation.EscalationRecord]
        values at ``as_of``, in rule order, each naming the rule, the target
        and the comparisons with the values seen, as
        [EscalationRecords][accountplan.escalation.EscalationRecords].

    Raises:
        InvalidInputError: as for [context_for][accountplan.escalation.context_for].
        InvalidTypeError: an argument has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.tickets import Priority, Ticket
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> ticket = Ticket(id="T-9", account_number="A-1", priority=Priority.CRITICAL,
        ...                 created_at=t0)
        >>> rules = template_triggers(functional_to="tier2", hierarchical_to="lead")
        >>> found = escalation_triggers(ticket, account=None, measurements=(),
        ...                             as_of=t0 + dt.timedelta(hours=30), rules=rules)
        >>> [(r.rule, r.to) for r in found]
        [('unresolved', ('lead',)), ('high_priority', ('tier2',))]
    """
    context = context_for(ticket, account=account, measurements=measurements, as_of=as_of)
    result = route_all(context, rules)
    return EscalationRecords(
        EscalationRecord(
            at=context.as_of,
            action=EscalationAction.ESCALATED,
            ticket_id=ticket.id,
            reason=match.text,
            to=(match.route_to,),
            kind=match.kind,
            rule=match.rule,
        )
        for match in result.matches
    )
