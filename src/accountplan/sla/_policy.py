"""SLA policies as data: targets per priority, pause statuses, and how to pick a policy."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Final

import attrs

from accountplan._frozen import FrozenMap
from accountplan._typing import (
    PRIORITY_CHANGE_RULES,
    REOPEN_RULES,
    SLA_METRICS,
    PriorityChangeRule,
    ReopenRule,
    SlaMetric,
)
from accountplan._validate import (
    check_items,
    check_non_empty,
    check_type,
    instance_of,
    mapping_of,
    non_empty,
    one_of,
    optional,
    set_of,
    to_enum,
    tuple_of,
)
from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.tickets import Priority, Ticket, check_status

__all__ = [
    "MAX_POLICY_RULES",
    "MAX_SET_ITEMS",
    "MAX_TARGET",
    "SlaPolicy",
    "SlaPolicyRule",
    "SlaPolicySet",
    "SlaTarget",
    "select_policy",
]

#: The longest target accepted (ten years).
MAX_TARGET = dt.timedelta(days=3653)
#: Most rules one policy set may hold.
MAX_POLICY_RULES = 1000
#: Most names in one of a policy's status sets or a rule's conditions.
MAX_SET_ITEMS = 1000

#: Statuses that pause resolution by default (waiting on the customer, on hold).
DEFAULT_PAUSE_ON = frozenset({"pending", "on_hold"})
#: Statuses counted as agent work time by default (Zendesk: New and Open).
DEFAULT_WORK_STATUSES = frozenset({"new", "open"})
#: Statuses counted as requester wait time by default (Zendesk: New, Open, On-hold).
DEFAULT_WAIT_STATUSES = frozenset({"new", "open", "on_hold"})
#: Statuses counted as on-hold time by default.
DEFAULT_HOLD_STATUSES = frozenset({"on_hold"})


def _within(value: Any) -> dt.timedelta:
    within = check_type("within", value, dt.timedelta)
    if within < dt.timedelta(0):
        raise InvalidInputError("within", value, "must not be negative")
    if within > MAX_TARGET:
        raise LimitExceededError("within", value, MAX_TARGET, "is longer than ten years")
    return within


@attrs.frozen(kw_only=True)
class SlaTarget:
    """One promise: ``metric`` is met when its clock shows at most ``within``.

    Attributes:
        metric: ``first_response``, ``next_response``, ``resolution``,
            ``agent_work_time``, ``requester_wait_time`` or ``on_hold_time``.
        within: The target duration; exactly on target is met.
        business_hours: Count only the policy calendar's working time
            (default); ``False`` counts real elapsed time around the clock.

    Examples:
        >>> import datetime as dt
        >>> SlaTarget(metric="first_response", within=dt.timedelta(hours=4)).business_hours
        True
    """

    metric: SlaMetric = attrs.field(validator=one_of(SLA_METRICS))
    within: dt.timedelta = attrs.field(converter=_within)
    business_hours: bool = attrs.field(default=True, validator=instance_of(bool))


def _status(field: str, value: Any) -> str:
    # check_status takes the value first (its public signature); the shared
    # converters call check(field, value).
    return check_status(value, field=field)


#: The converter of a policy's status sets (``pause_on`` ...).
_STATUSES: Final = set_of(_status, limit=MAX_SET_ITEMS, what="status names")


#: One priority's targets: at most one per metric.
_TARGETS = functools.partial(
    check_items, item=SlaTarget, limit=len(SLA_METRICS), unique_by="metric"
)


@attrs.frozen(kw_only=True)
class SlaPolicy:
    """Targets per priority and the rules for running the clocks.

    Attributes:
        name: The policy's name (shown in reports).
        targets_by_priority: For each [`Priority`][accountplan.tickets.Priority]
            (the member or its value string, ``"high"``), the targets that
            apply (at most one per metric). A priority
            without an entry has no targets.
        calendar: The working hours that business-hours targets count, or
            ``None`` when every target counts real time.
        pause_on: Statuses that pause the resolution clock (waiting for the
            customer, on hold).
        on_priority_change: ``retarget`` (default): a running measurement
            keeps its start and takes the new priority's target (ServiceNow's
            "retroactive start"); ``restart``: it is cancelled and a new
            cycle starts at the change.
        on_reopen: ``continue`` (default): reopening continues the
            resolution-type measurement (the resolved stretch counts as
            paused); ``new_cycle``: a new measurement starts at the reopening.
        work_statuses: Statuses counted by ``agent_work_time``.
        wait_statuses: Statuses counted by ``requester_wait_time``.
        hold_statuses: Statuses counted by ``on_hold_time``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.tickets import Priority
        >>> policy = SlaPolicy(
        ...     name="Standard",
        ...     targets_by_priority={
        ...         Priority.HIGH: [SlaTarget(metric="first_response", within=dt.timedelta(hours=1),
        ...                                   business_hours=False)],
        ...     },
        ... )
        >>> sorted(policy.metrics)
        ['first_response']
    """

    name: str = attrs.field(validator=non_empty)
    targets_by_priority: FrozenMap[Priority, tuple[SlaTarget, ...]] = attrs.field(
        converter=mapping_of(Priority, _TARGETS, limit=len(Priority), what="tuples of SlaTarget"),  # type: ignore[misc]  # attrs.Converter
    )
    calendar: BusinessCalendar | None = attrs.field(
        default=None, validator=optional(instance_of(BusinessCalendar))
    )
    pause_on: frozenset[str] = attrs.field(default=DEFAULT_PAUSE_ON, converter=_STATUSES)  # type: ignore[misc]  # attrs.Converter
    on_priority_change: PriorityChangeRule = attrs.field(
        default="retarget",
        validator=one_of(PRIORITY_CHANGE_RULES),
    )
    on_reopen: ReopenRule = attrs.field(default="continue", validator=one_of(REOPEN_RULES))
    work_statuses: frozenset[str] = attrs.field(
        default=DEFAULT_WORK_STATUSES,
        converter=_STATUSES,  # type: ignore[misc]  # attrs.Converter
    )
    wait_statuses: frozenset[str] = attrs.field(
        default=DEFAULT_WAIT_STATUSES,
        converter=_STATUSES,  # type: ignore[misc]  # attrs.Converter
    )
    hold_statuses: frozenset[str] = attrs.field(
        default=DEFAULT_HOLD_STATUSES,
        converter=_STATUSES,  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        if self.calendar is None:
            for priority, targets in self.targets_by_priority.items():
                for target in targets:
                    if target.business_hours:
                        raise InvalidInputError(
                            "calendar",
                            None,
                            f"is required: the {priority.value} {target.metric} target counts "
                            "business hours",
                        )

    @property
    def metrics(self) -> frozenset[str]:
        """Every metric that has a target for some priority."""
        return frozenset(t.metric for ts in self.targets_by_priority.values() for t in ts)

    def target(self, priority: Priority | str, metric: str, /) -> SlaTarget | None:
        """Return the target for ``metric`` at ``priority``, or ``None``.

        Args:
            priority: A [Priority][accountplan.tickets.Priority] or its value
                string (``"high"``).
            metric: The metric's name (``"first_response"`` ...).

        Returns:
            The target, or ``None`` when the priority has none for ``metric``.

        Raises:
            InvalidInputError: ``priority`` is a string that is no priority's
                value (the message lists the allowed values).
            InvalidTypeError: ``priority`` is neither a priority nor a string.

        Examples:
            >>> import datetime as dt
            >>> first = SlaTarget(metric="first_response", within=dt.timedelta(hours=1),
            ...                   business_hours=False)
            >>> policy = SlaPolicy(name="Standard", targets_by_priority={"high": [first]})
            >>> policy.target("high", "first_response") is first
            True
        """
        wanted = to_enum("priority", priority, Priority)
        check_type("metric", metric, str)
        for target in self.targets_by_priority.get(wanted, ()):
            if target.metric == metric:
                return target
        return None


#: The converter of a rule's name sets (``tiers``, ``channels``, ``tags``).
_NAMES: Final = set_of(check_non_empty, limit=MAX_SET_ITEMS, what="strings")


@attrs.frozen(kw_only=True)
class SlaPolicyRule:
    """Use ``policy`` for tickets that match every condition given.

    An empty condition matches everything; a non-empty one matches when the
    ticket's value is in it (for ``tags``: when the ticket has any of them).

    Attributes:
        policy: The policy to use.
        tiers: Account tiers (``"gold"`` ...); the tier comes from the caller.
        channels: Ticket channels.
        priorities: Ticket priorities (at creation).
        tags: Ticket tags.

    Examples:
        >>> import datetime as dt
        >>> policy = SlaPolicy(name="Gold", targets_by_priority={})
        >>> SlaPolicyRule(policy=policy, tiers=["gold"]).tiers
        frozenset({'gold'})
    """

    policy: SlaPolicy = attrs.field(validator=instance_of(SlaPolicy))
    tiers: frozenset[str] = attrs.field(default=frozenset(), converter=_NAMES)  # type: ignore[misc]  # attrs.Converter
    channels: frozenset[str] = attrs.field(default=frozenset(), converter=_NAMES)  # type: ignore[misc]  # attrs.Converter
    priorities: frozenset[Priority] = attrs.field(
        default=frozenset(),
        converter=set_of(Priority, limit=MAX_SET_ITEMS),  # type: ignore[misc]  # attrs.Converter
    )
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_NAMES)  # type: ignore[misc]  # attrs.Converter

    def matches(self, ticket: Ticket, /, *, tier: str | None = None) -> bool:
        """Return whether ``ticket`` (of an account with ``tier``) meets every condition.

        Args:
            ticket: The ticket; its channel, priority and tags are compared.
            tier: The account's tier (``"gold"`` ...), or ``None`` when it
                has none; the ticket does not carry it.

        Returns:
            True when every non-empty condition holds.

        Raises:
            InvalidTypeError: ``ticket`` is not a
                [Ticket][accountplan.tickets.Ticket], or ``tier`` is neither
                a ``str`` nor ``None``.

        >>> import datetime as dt
        >>> from accountplan.tickets import Priority, Ticket
        >>> rule = SlaPolicyRule(policy=SlaPolicy(name="Gold", targets_by_priority={}),
        ...                      tiers=["gold"])
        >>> ticket = Ticket(id="T-1", account_number="A-1", priority=Priority.LOW,
        ...                 created_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
        >>> rule.matches(ticket, tier="gold"), rule.matches(ticket)
        (True, False)
        """
        check_type("ticket", ticket, Ticket)
        if tier is not None:
            check_type("tier", tier, str)
        if self.tiers and tier not in self.tiers:
            return False
        if self.channels and ticket.channel not in self.channels:
            return False
        if self.priorities and ticket.priority not in self.priorities:
            return False
        return not (self.tags and not self.tags & ticket.tags)


@attrs.frozen(kw_only=True)
class SlaPolicySet:
    """Policies picked per ticket: the first matching rule wins, else the default.

    Attributes:
        rules: Checked in order.
        default: Used when no rule matches.

    Examples:
        >>> default = SlaPolicy(name="Standard", targets_by_priority={})
        >>> SlaPolicySet(default=default).rules
        ()
    """

    default: SlaPolicy = attrs.field(validator=instance_of(SlaPolicy))
    rules: tuple[SlaPolicyRule, ...] = attrs.field(
        default=(),
        converter=tuple_of(SlaPolicyRule, limit=MAX_POLICY_RULES),  # type: ignore[misc]  # attrs.Converter
    )


def select_policy(
    policies: SlaPolicy | SlaPolicySet, ticket: Ticket, /, *, tier: str | None = None
) -> SlaPolicy:
    """Return the policy that applies to ``ticket`` (of an account with ``tier``).

    Args:
        policies: One policy (it applies to every ticket) or a
            [SlaPolicySet][accountplan.sla.SlaPolicySet], whose rules are
            tried in order.
        ticket: The ticket.
        tier: The account's tier (``"gold"`` ...), or ``None``.

    Returns:
        The policy of the first matching rule, else the set's default.

    Raises:
        InvalidTypeError: ``policies`` is neither an ``SlaPolicy`` nor an
            ``SlaPolicySet``, ``ticket`` is not a
            [Ticket][accountplan.tickets.Ticket], or ``tier`` is neither a
            ``str`` nor ``None``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.tickets import Priority, Ticket
        >>> gold = SlaPolicy(name="Gold", targets_by_priority={})
        >>> standard = SlaPolicy(name="Standard", targets_by_priority={})
        >>> policies = SlaPolicySet(rules=[SlaPolicyRule(policy=gold, tiers=["gold"])],
        ...                         default=standard)
        >>> ticket = Ticket(id="T-1", account_number="A-1", priority=Priority.LOW,
        ...                 created_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
        >>> select_policy(policies, ticket, tier="gold").name
        'Gold'
        >>> select_policy(policies, ticket).name
        'Standard'
    """
    if ticket.__class__ is not Ticket:  # checked in full only when it may fail
        check_type("ticket", ticket, Ticket)
    if tier is not None and tier.__class__ is not str:
        check_type("tier", tier, str)
    if isinstance(policies, SlaPolicy):
        return policies
    check_type("policies", policies, SlaPolicySet)
    for rule in policies.rules:
        if rule.matches(ticket, tier=tier):
            return rule.policy
    return policies.default
