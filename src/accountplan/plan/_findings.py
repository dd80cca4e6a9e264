"""Check an account plan's sections against one another: what contradicts, what is missing."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator, Sequence
from typing import Any, Final, Literal, get_args
from zoneinfo import ZoneInfo

import attrs

from accountplan._converter import key_step
from accountplan._frozen import FrozenMap
from accountplan._tables import Column, Tabular
from accountplan._validate import check_type, enum_converter, named, one_of
from accountplan.accounts import ReviewCadence
from accountplan.billing import DunningAction, PaymentMethod
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import Condition, Expression, Not
from accountplan.exceptions import AccountPlanError, InvalidInputError, LimitExceededError
from accountplan.money import Money
from accountplan.plan._common import check_text, text_field
from accountplan.plan._extra import SECTIONS, Section, check_section
from accountplan.plan._plan import AccountPlan
from accountplan.sla import SlaPolicy, SlaPolicySet, SlaTarget
from accountplan.tickets import Priority, Ticket

__all__ = [
    "CHECK_DAYS",
    "FINDING_KINDS",
    "Finding",
    "FindingKind",
    "Findings",
    "Severity",
    "validate_plan",
]

#: How many days of channel hours are checked, from the plan's ``review_start``.
CHECK_DAYS: Final = 28

FindingKind = Literal[
    "currency_mismatch",
    "sla_unreachable",
    "channel_without_hours",
    "hours_unknown",
    "dunning_contradicts_lifecycle",
    "direct_debit_without_mandate",
    "reviews_never_scheduled",
    "kpi_without_target",
    "routing_field_missing",
    "route_without_escalation",
    "level_without_recipients",
]
"""What a finding is about (see [validate_plan][accountplan.plan.validate_plan])."""
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)

_RESPONSE_METRICS: Final = ("first_response", "next_response")
#: Fields of the routing context that come from optional account facts or SLA clocks.
_ACCOUNT_FIELDS: Final = {"account.tier": "tier", "account.segment": "segment"}
_CLOCK_FIELDS: Final = ("sla.remaining", "sla.remaining_percent")


class Severity(enum.Enum):
    """How serious a finding is.

    Examples:
        >>> Severity("warning")
        <Severity.WARNING: 'warning'>
    """

    ERROR = "error"
    """The plan contradicts itself: one section promises what another rules out."""
    WARNING = "warning"
    """Something is missing or looks unintended; the plan still works."""


def _path(field: str, value: Any) -> str:
    text = check_text(field, value, limit=1_000)
    if not text.startswith("$"):
        raise InvalidInputError(field, value, "must be a JSON path starting with '$'")
    return text


@attrs.frozen(kw_only=True)
class Finding:
    """One thing [validate_plan][accountplan.plan.validate_plan] found in a plan.

    Attributes:
        severity: [Severity][accountplan.plan.Severity]: ``error`` for a
            contradiction, ``warning`` for a gap.
        kind: What the finding is about, such as ``sla_unreachable`` (see
            ``FINDING_KINDS``).
        section: The section the path points into (``"billing"`` ...).
        path: Where in the plan's JSON, such as ``$.billing.dunning.levels[2]``.
        message: What is wrong and why, in words, with the values involved.

    Examples:
        >>> finding = Finding(severity="warning", kind="kpi_without_target",
        ...     section="monitoring", path="$.monitoring.kpis[1]",
        ...     message="KPI 'nps' is tracked without a target")
        >>> finding.severity
        <Severity.WARNING: 'warning'>
    """

    severity: Severity = attrs.field(converter=enum_converter(Severity))  # type: ignore[misc]  # attrs.Converter
    kind: FindingKind = attrs.field(validator=one_of(FINDING_KINDS))
    section: Section = attrs.field(validator=named(check_section))
    path: str = attrs.field(validator=named(_path))
    message: str = attrs.field(validator=text_field())


# -- helpers ------------------------------------------------------------------


class Findings(Tabular, tuple[Finding, ...]):
    """A tuple of [Finding][accountplan.plan.Finding]s that is also a table.

    What [validate_plan][accountplan.plan.validate_plan] returns. It is a
    ``tuple`` (equal to the plain tuple of the same findings), so indexing,
    slicing, comparing with ``()`` and serializing work as for a plain tuple.

    Record columns (all text): ``severity`` (``error`` or ``warning``),
    ``kind``, ``section``, ``path`` and ``message``.

    Examples:
        >>> Findings(()).to_records()
        []
        >>> Findings(()) == ()
        True
    """

    __slots__ = ()

    def _columns(self) -> tuple[Column, ...]:
        return (
            ("severity", "text"),
            ("kind", "text"),
            ("section", "text"),
            ("path", "text"),
            ("message", "text"),
        )

    def _rows(self) -> Sequence[Any]:
        return self

    def _record(self, row: Any) -> dict[str, Any]:
        return {
            "severity": row.severity.value,
            "kind": row.kind,
            "section": row.section,
            "path": row.path,
            "message": row.message,
        }

    def _title(self) -> str:
        return "Plan findings"


def _span(value: dt.timedelta) -> str:
    """A duration in words: ``2 days 15 hours``, ``1 hour 30 minutes``, ``30 seconds``."""
    seconds = int(value.total_seconds())
    parts: list[str] = []
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {unit}{'' if count == 1 else 's'}")
    return " ".join(parts) if parts else "0 seconds"


def _when(value: dt.datetime) -> str:
    return value.strftime("%a %Y-%m-%d %H:%M")


def _money_in(value: Any, path: str) -> Iterator[tuple[str, Money]]:
    """Every Money inside a model, with its JSON path (calendars hold none)."""
    if isinstance(value, Money):
        yield path, value
    elif isinstance(value, BusinessCalendar):
        return
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.init:
                yield from _money_in(getattr(value, field.name), path + key_step(field.alias))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _money_in(item, f"{path}[{index}]")
    elif isinstance(value, FrozenMap):
        for key, item in value.items():
            name = key.value if isinstance(key, enum.Enum) else str(key)
            yield from _money_in(item, path + key_step(name))


def _natural(path: str) -> list[tuple[int, int | str]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", path) if p]


class _Collected:
    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(
        self, severity: Severity, kind: FindingKind, section: Section, path: str, message: str
    ) -> None:
        self.items.append(
            Finding(severity=severity, kind=kind, section=section, path=path, message=message)
        )


# -- the checks ---------------------------------------------------------------


def _currencies(plan: AccountPlan, out: _Collected) -> None:
    currency = plan.overview.currency
    places: list[tuple[Section, str, Money]] = []
    for section in SECTIONS[1:]:
        for path, money in _money_in(getattr(plan, section), f"$.{section}"):
            places.append((section, path, money))  # type: ignore[arg-type]
    for section, details in plan.extra.items():
        for key, value in details.items():
            if isinstance(value, Money):
                places.append((section, f"$.extra.{section}{key_step(key)}", value))  # type: ignore[arg-type]
    for section, path, money in places:
        if money.currency != currency:
            out.add(
                Severity.ERROR,
                "currency_mismatch",
                section,
                path,
                f"the amount {money} is not in {currency}, the currency the account is "
                "billed in (overview.currency)",
            )


def _window(plan: AccountPlan, calendar: BusinessCalendar) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of ``review_start`` and ``CHECK_DAYS`` days later, in the calendar's zone."""
    zone = ZoneInfo(calendar.timezone)
    day = plan.maintenance.review_start
    if day > dt.date.max - dt.timedelta(days=CHECK_DAYS):
        raise LimitExceededError(
            "review_start", day, dt.date.max - dt.timedelta(days=CHECK_DAYS), "is too late"
        )
    end_day = day + dt.timedelta(days=CHECK_DAYS)
    start = dt.datetime(day.year, day.month, day.day, tzinfo=zone)
    return start, dt.datetime(end_day.year, end_day.month, end_day.day, tzinfo=zone)


def _closures(
    calendar: BusinessCalendar, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime, str]] | None:
    """The worst arrivals in the window: the earliest instant of each closed stretch.

    Each comes with the next opening and how to describe the arrival; ``None``
    when the calendar has no working time in the window. Within a closed
    stretch the earliest arrival is the worst: every arrival waits for the
    same opening, and a deadline never comes earlier for a later arrival.
    """
    stretches = list(calendar.intervals(start, end))
    if not stretches:
        return None
    out: list[tuple[dt.datetime, dt.datetime, str]] = []
    if not calendar.is_open(start):  # closed since before the window
        out.append((start, calendar.next_open(start), "while the channel is closed"))
    for _, closes in stretches:
        opens = calendar.next_open(closes)
        if _utc(opens) != _utc(closes):
            out.append((closes, opens, "as the channel closes"))
    return out


def _utc(value: dt.datetime) -> dt.datetime:
    # Datetimes that share a zone subtract and compare by wall clock (PEP 495);
    # real elapsed time and instants need UTC.
    return value.astimezone(dt.UTC)


def _policy_for(sla: SlaPolicySet, ticket: Ticket, tier: str | None) -> tuple[str, SlaPolicy]:
    for index, rule in enumerate(sla.rules):
        if rule.matches(ticket, tier=tier):
            return f"$.sla.rules[{index}].policy", rule.policy
    return "$.sla.default", sla.default


def _deadline(
    policy: SlaPolicy, business_hours: bool, at: dt.datetime, within: dt.timedelta
) -> dt.datetime:
    if business_hours and policy.calendar is not None:
        return policy.calendar.add(at, within)
    return (_utc(at) + within).astimezone(at.tzinfo)


def _channels(plan: AccountPlan, out: _Collected) -> None:
    account = plan.overview
    for index, channel in enumerate(plan.communication.channels):
        where = f"$.communication.channels[{index}].calendar"
        try:
            start, end = _window(plan, channel.calendar)
            closures = _closures(channel.calendar, start, end)
        except AccountPlanError as error:
            out.add(
                Severity.WARNING,
                "hours_unknown",
                "communication",
                where,
                f"the hours of channel {channel.name!r} cannot be checked from "
                f"{plan.maintenance.review_start.isoformat()}: {error}",
            )
            continue
        if closures is None:
            out.add(
                Severity.ERROR,
                "channel_without_hours",
                "communication",
                where,
                f"channel {channel.name!r} has no working hours in the {CHECK_DAYS} days from "
                f"{start.date().isoformat()}: no message on it is ever answered",
            )
            continue
        for priority in Priority:
            ticket = Ticket(
                id="plan-check",
                account_number=account.number,
                priority=priority,
                created_at=start,
                channel=channel.name,
            )
            base, policy = _policy_for(plan.sla, ticket, account.tier)
            for position, target in enumerate(policy.targets_by_priority.get(priority, ())):
                if target.metric not in _RESPONSE_METRICS:
                    continue
                path = f"{base}.targets_by_priority.{priority.value}[{position}]"
                try:
                    miss = _worst_miss(policy, target, closures)
                except AccountPlanError as error:
                    out.add(
                        Severity.WARNING,
                        "hours_unknown",
                        "sla",
                        path,
                        f"the {priority.value} {target.metric} deadlines on channel "
                        f"{channel.name!r} cannot be computed: {error}",
                    )
                    continue
                if miss is None:
                    continue
                arrives, how, due, opens = miss
                out.add(
                    Severity.ERROR,
                    "sla_unreachable",
                    "sla",
                    path,
                    f"the {priority.value} {target.metric} target of {_span(target.within)} "
                    f"cannot be met on channel {channel.name!r}: a message that arrives at "
                    f"{_when(arrives)}, {how}, is due by "
                    f"{_when(due.astimezone(arrives.tzinfo))}, but the channel opens only at "
                    f"{_when(opens)} ({_span(_utc(opens) - _utc(arrives))} later)",
                )


def _worst_miss(
    policy: SlaPolicy, target: SlaTarget, closures: list[tuple[dt.datetime, dt.datetime, str]]
) -> tuple[dt.datetime, str, dt.datetime, dt.datetime] | None:
    """The arrival answered longest after its deadline (the earliest of equals), or ``None``.

    Returns the arrival, how it is described, its deadline and the opening.
    """
    worst: tuple[dt.timedelta, dt.datetime, str, dt.datetime, dt.datetime] | None = None
    for arrives, opens, how in closures:
        if _utc(opens) - _utc(arrives) <= target.within:
            continue  # open again before even a real-time deadline
        due = _deadline(policy, target.business_hours, arrives, target.within)
        late = _utc(opens) - _utc(due)
        if late > dt.timedelta(0) and (worst is None or late > worst[0]):
            worst = (late, arrives, how, due, opens)
    return None if worst is None else worst[1:]


def _billing(plan: AccountPlan, out: _Collected) -> None:
    billing = plan.billing
    if PaymentMethod.DIRECT_DEBIT in billing.payment_methods and billing.direct_debit is None:
        out.add(
            Severity.WARNING,
            "direct_debit_without_mandate",
            "billing",
            "$.billing.direct_debit",
            "direct debit is an accepted payment method, but the plan holds no mandate: "
            "invoices cannot be collected by direct debit until one is signed",
        )
    if billing.dunning is None:
        return
    lifecycle = plan.maintenance.lifecycle
    for index, level in enumerate(billing.dunning.levels):
        if level.action is not DunningAction.SUSPEND_SERVICE:
            continue
        step = (
            f"the dunning ladder suspends service at level {level.name!r} "
            f"({level.days} days past due)"
        )
        if lifecycle.suspend_after_days is None:
            reason = (
                "the lifecycle policy never suspends "
                "(maintenance.lifecycle.suspend_after_days is null)"
            )
        elif lifecycle.suspend_after_days != level.days:
            reason = (
                f"the lifecycle policy suspends after {lifecycle.suspend_after_days} days "
                "(maintenance.lifecycle.suspend_after_days)"
            )
        else:
            break
        out.add(
            Severity.ERROR,
            "dunning_contradicts_lifecycle",
            "billing",
            f"$.billing.dunning.levels[{index}]",
            f"{step}, but {reason}",
        )
        break  # the first suspension step is the one the customer is told about


def _maintenance(plan: AccountPlan, out: _Collected) -> None:
    if plan.maintenance.review_cadence is ReviewCadence.AS_NEEDED:
        out.add(
            Severity.WARNING,
            "reviews_never_scheduled",
            "maintenance",
            "$.maintenance.review_cadence",
            "the account is reviewed only 'as needed': no review is ever scheduled "
            "(choose monthly, quarterly, biannually or annually)",
        )


def _monitoring(plan: AccountPlan, out: _Collected) -> None:
    with_target = {t.kpi for t in plan.monitoring.targets}
    for index, kpi in enumerate(plan.monitoring.kpis):
        if kpi not in with_target:
            out.add(
                Severity.WARNING,
                "kpi_without_target",
                "monitoring",
                f"$.monitoring.kpis[{index}]",
                f"KPI {kpi.value!r} is tracked without a target: its reports can never say "
                "on or off target",
            )


def _fields(expr: Expression) -> Iterator[str]:
    if isinstance(expr, Condition):
        yield expr.field
    elif isinstance(expr, Not):
        yield from _fields(expr.condition)
    else:  # All or Any
        for child in expr.conditions:
            yield from _fields(child)


def _absent_fields(plan: AccountPlan) -> dict[str, str]:
    """The context fields this account's tickets never have, with the reason."""
    absent = {
        field: f"the overview has no {attribute}"
        for field, attribute in _ACCOUNT_FIELDS.items()
        if getattr(plan.overview, attribute) is None
    }
    policies = [plan.sla.default, *(rule.policy for rule in plan.sla.rules)]
    if not any(policy.targets_by_priority.get(p) for policy in policies for p in Priority):
        for field in _CLOCK_FIELDS:
            absent[field] = "the SLA policies set no targets, so no clock runs"
    return absent


def _escalation(plan: AccountPlan, out: _Collected) -> None:
    section = plan.escalation
    absent = _absent_fields(plan)
    for index, rule in enumerate(section.rules):
        for field in dict.fromkeys(_fields(rule.when)):
            if field in absent:
                out.add(
                    Severity.WARNING,
                    "routing_field_missing",
                    "escalation",
                    f"$.escalation.rules[{index}].when",
                    f"rule {rule.name!r} reads {field}, which the routing context of this "
                    f"account never has ({absent[field]}): a comparison on a field with no "
                    "value is false (true only for != and not in)",
                )
    notified = {t for policy in section.policies for level in policy.levels for t in level.targets}
    routes = [
        (f"$.escalation.rules[{i}].route_to", rule.route_to, f"rule {rule.name!r}")
        for i, rule in enumerate(section.rules)
    ]
    routes.append(("$.escalation.default_route", section.default_route, "the default route"))
    for path, team, source in routes:
        if team not in notified:
            out.add(
                Severity.ERROR,
                "route_without_escalation",
                "escalation",
                path,
                f"tickets routed to {team!r} by {source} never escalate: no escalation "
                f"policy notifies {team!r}",
            )
    members = {m for names in section.teams.values() for m in names}
    for p, policy in enumerate(section.policies):
        label = f"policy {policy.name!r}" if policy.name else f"policy {p + 1}"
        for n, level in enumerate(policy.levels):
            reachable = [t for t in level.targets if section.teams.get(t) or t in members]
            if not reachable:
                out.add(
                    Severity.ERROR,
                    "level_without_recipients",
                    "escalation",
                    f"$.escalation.policies[{p}].levels[{n}].targets",
                    f"level {level.name!r} of {label} notifies {', '.join(level.targets)}, "
                    "none of which is a team with members or a member of a team: no one is "
                    "notified",
                )


def validate_plan(plan: AccountPlan, /) -> Findings:
    """Check an account plan's sections against one another.

    Each section is valid on its own (its constructor saw to that); this
    finds what one section promises and another rules out, and what is
    missing. The kinds, with their severity:

    * ``currency_mismatch`` (error): an amount anywhere in the plan (a late
      fee, a dunning minimum, an installment, an extra detail) in another
      currency than the account's.
    * ``sla_unreachable`` (error): a first- or next-response target the
      channel cannot meet given its hours. For each channel and priority the
      SLA policy an untagged ticket from that channel gets is taken (as
      [select_policy][accountplan.sla.select_policy] picks it); a message that
      arrives as the channel closes can be answered no earlier than its next
      opening, which must not be after the target's deadline (counted in the
      policy's calendar, or in real time). Hours are checked over the
      ``CHECK_DAYS`` days from ``maintenance.review_start`` (holidays in them
      included).
    * ``channel_without_hours`` (error): a channel with no working time in
      those days.
    * ``hours_unknown`` (warning): a calendar cannot answer for those days
      (they lie outside its holiday cover).
    * ``dunning_contradicts_lifecycle`` (error): the first ``suspend_service``
      level of the dunning ladder is reached on another day past due than
      the lifecycle policy suspends, or the policy never suspends.
    * ``direct_debit_without_mandate`` (warning): direct debit is accepted
      but no mandate is recorded.
    * ``reviews_never_scheduled`` (warning): reviews ``as_needed`` only.
    * ``kpi_without_target`` (warning): a tracked KPI without a target.
    * ``routing_field_missing`` (warning): a routing rule reads a context
      field this account's tickets never have (``account.tier`` or
      ``account.segment`` when the overview leaves it unset, the SLA clock
      fields when no SLA target is set).
    * ``route_without_escalation`` (error): a rule (or the default route)
      sends tickets to a team no escalation policy notifies.
    * ``level_without_recipients`` (error): an escalation level none of whose
      targets is a team with members in ``escalation.teams`` or a member of one.

    Args:
        plan: The [AccountPlan][accountplan.plan.AccountPlan].

    Returns:
        The [Finding][accountplan.plan.Finding]s in a fixed order: by section
        in the template's order, then by path (array indexes in numeric
        order), then by kind, as [Findings][accountplan.plan.Findings] (a
        tuple that is also a table). A consistent plan gives an empty tuple.

    Raises:
        InvalidTypeError: ``plan`` is not an ``AccountPlan``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.accounts import Account, LifecyclePolicy, RetentionPolicy
        >>> from accountplan.billing import (BillingCycle, DunningAction, DunningLevel,
        ...     DunningPolicy, PaymentTerms)
        >>> from accountplan.calendars import BusinessCalendar
        >>> from accountplan.escalation import EscalationLevel, EscalationPolicy
        >>> from accountplan.plan import (BillingSection, Cadence, Channel, CommunicationPlan,
        ...     CustomerProfile, EscalationSection, MaintenanceSection, MonitoringSection)
        >>> from accountplan.sla import SlaPolicy, SlaPolicySet, SlaTarget
        >>> email = Channel(kind="email", calendar=BusinessCalendar.always("Europe/Amsterdam"),
        ...     mode="asynchronous", response_target=dt.timedelta(hours=8), language="nl")
        >>> plan = AccountPlan(
        ...     overview=Account(number="C-7", name="Kaasboer B.V.", type="business",
        ...         status="active", currency="EUR", timezone="Europe/Amsterdam", locale="nl_NL"),
        ...     communication=CommunicationPlan(channels=[email],
        ...         profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
        ...         proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
        ...         review=Cadence.annually()),
        ...     sla=SlaPolicySet(default=SlaPolicy(name="Standard", targets_by_priority={})),
        ...     billing=BillingSection(cycle=BillingCycle.monthly(anchor=1),
        ...         terms=PaymentTerms.net(30), payment_methods=["bank_transfer"],
        ...         dunning=DunningPolicy(levels=[
        ...             DunningLevel(name="reminder", days=7, action=DunningAction.REMINDER),
        ...             DunningLevel(name="suspend", days=30,
        ...                          action=DunningAction.SUSPEND_SERVICE)])),
        ...     maintenance=MaintenanceSection(review_cadence="annually",
        ...         review_start=dt.date(2026, 1, 1), retention=RetentionPolicy(years=7),
        ...         lifecycle=LifecyclePolicy(suspend_after_days=45)),
        ...     monitoring=MonitoringSection(kpis=[], targets=[], reporting="quarterly"),
        ...     escalation=EscalationSection(rules=[], default_route="support",
        ...         policies=[EscalationPolicy(levels=[EscalationLevel(
        ...             name="L1", targets=["support"], after=dt.timedelta(hours=4))])],
        ...         teams={"support": ["Sanne"]}))
        >>> [(f.severity.value, f.kind, f.path) for f in validate_plan(plan)]
        [('error', 'dunning_contradicts_lifecycle', '$.billing.dunning.levels[1]')]
        >>> print(validate_plan(plan)[0].message)
        the dunning ladder suspends service at level 'suspend' (30 days past due), but the
        lifecycle policy suspends after 45 days (maintenance.lifecycle.suspend_after_days)
    """
    checked = check_type("plan", plan, AccountPlan)
    out = _Collected()
    _currencies(checked, out)
    _channels(checked, out)
    _billing(checked, out)
    _maintenance(checked, out)
    _monitoring(checked, out)
    _escalation(checked, out)
    order = {name: i for i, name in enumerate(SECTIONS)}
    return Findings(
        sorted(out.items, key=lambda f: (order[f.section], _natural(f.path), f.kind, f.message))
    )
