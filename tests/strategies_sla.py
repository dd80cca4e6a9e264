"""Hypothesis strategies for accountplan.tickets and accountplan.sla."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from accountplan._typing import SlaMetric
from accountplan.calendars import BusinessCalendar
from accountplan.money import Money
from accountplan.sla import (
    CSAT_FIVE_BEST,
    CSAT_ONE_BEST,
    AvailabilityReport,
    ComplianceGroup,
    ComplianceReport,
    CreditTier,
    CsatResult,
    CsatScale,
    DowntimeRule,
    MonthAvailability,
    SlaMeasurement,
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaTarget,
    csat,
)
from accountplan.tickets import Priority, StatusSpan, Ticket, TicketEvent, TicketEventKind

__all__ = [
    "MODEL_STRATEGIES",
    "OFFICE",
    "STATUSES",
    "policies",
    "tickets",
]

UTC = dt.UTC
BASE = dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC)  # a Monday, a week before the EU DST change
STATUSES = ("open", "pending", "on_hold", "new")
METRICS: tuple[SlaMetric, ...] = (
    "first_response",
    "next_response",
    "resolution",
    "agent_work_time",
    "requester_wait_time",
    "on_hold_time",
)
#: Office hours in Amsterdam with a lunch break and Easter Monday off.
OFFICE = BusinessCalendar.weekly(
    "Europe/Amsterdam",
    hours={d: [("09:00", "12:30"), ("13:00", "17:30")] for d in range(5)},
    holidays=[dt.date(2026, 4, 6)],
    name="office",
)
ALWAYS = BusinessCalendar.always("Europe/Amsterdam")

names = st.text(alphabet="ABCDEFGHJK0123456789-", min_size=1, max_size=8)
instants = st.integers(0, 60 * 24 * 30).map(lambda m: BASE + dt.timedelta(minutes=m))
durations = st.integers(0, 60 * 24 * 10).map(lambda m: dt.timedelta(minutes=m))
small = st.integers(0, 10_000)

KINDS = [k for k in TicketEventKind if k is not TicketEventKind.CLOSED]
# Resolving, reopening and status changes weigh more: their combinations
# (a pause up to resolving, a reopened ticket) are where the clocks differ.
_WEIGHTED = [
    *KINDS,
    *[TicketEventKind.RESOLVED, TicketEventKind.REOPENED, TicketEventKind.STATUS_CHANGED] * 3,
]


@st.composite
def events(draw: st.DrawFn, start: dt.datetime, *, allow_closed: bool = True) -> list[TicketEvent]:
    """A time-ordered timeline after ``start``; ``closed`` only as the last event."""
    gaps = draw(st.lists(st.integers(0, 60 * 30), max_size=16))
    out: list[TicketEvent] = []
    at = start
    for gap in gaps:
        at = at + dt.timedelta(minutes=gap)
        kind = draw(st.sampled_from(_WEIGHTED))
        extra: dict[str, Any] = {}
        if kind is TicketEventKind.STATUS_CHANGED:
            extra["status"] = draw(st.sampled_from(STATUSES))
        elif kind is TicketEventKind.PRIORITY_CHANGED:
            extra["priority"] = draw(st.sampled_from(Priority))
        out.append(TicketEvent(at=at, kind=kind, actor=draw(st.sampled_from(["", "ann"])), **extra))
    if allow_closed and draw(st.booleans()):
        out.append(TicketEvent(at=at + dt.timedelta(minutes=5), kind=TicketEventKind.CLOSED))
    return out


@st.composite
def tickets(draw: st.DrawFn, *, allow_closed: bool = True) -> Ticket:
    """Tickets with realistic timelines over a month around a DST change."""
    created = draw(instants)
    return Ticket(
        id=draw(names),
        account_number=draw(names),
        priority=draw(st.sampled_from(Priority)),
        created_at=created,
        channel=draw(st.sampled_from(["", "email", "phone"])),
        tags=draw(st.frozensets(st.sampled_from(["vip", "billing"]))),
        events=draw(events(created, allow_closed=allow_closed)),
    )


def targets(business: bool | None = None) -> st.SearchStrategy[SlaTarget]:
    """One target; business hours or not (or either)."""
    return st.builds(
        SlaTarget,
        metric=st.sampled_from(METRICS),
        within=durations,
        business_hours=st.booleans() if business is None else st.just(business),
    )


@st.composite
def policies(
    draw: st.DrawFn, *, calendar: BusinessCalendar | None = None, complete: bool = False
) -> SlaPolicy:
    """Policies with up to one target per metric and priority.

    ``complete`` policies have a target for every metric at every priority,
    so every clock of every ticket is measured.
    """
    chosen = calendar if calendar is not None else draw(st.sampled_from([OFFICE, ALWAYS, None]))
    table: dict[Priority, list[SlaTarget]] = {}
    if complete:
        for priority in Priority:
            table[priority] = [
                SlaTarget(
                    metric=metric,
                    within=draw(durations),
                    business_hours=bool(chosen) and draw(st.booleans()),
                )
                for metric in METRICS
            ]
    for priority in [] if complete else draw(st.frozensets(st.sampled_from(Priority), min_size=1)):
        picked = draw(st.lists(targets(None if chosen else False), max_size=6))
        table[priority] = list({t.metric: t for t in picked}.values())
    return SlaPolicy(
        name=draw(names),
        targets_by_priority=table,
        calendar=chosen,
        pause_on=draw(st.frozensets(st.sampled_from(STATUSES), max_size=2)),
        on_priority_change=draw(st.sampled_from(["retarget", "restart"])),
        on_reopen=draw(st.sampled_from(["continue", "new_cycle"])),
    )


def _measurement(**fields: Any) -> SlaMeasurement:
    return SlaMeasurement(**fields)


intervals = st.tuples(instants, instants).map(lambda p: (min(p), max(p)))
measurements = st.builds(
    _measurement,
    ticket_id=names,
    account_number=names,
    channel=st.just("email"),
    policy=names,
    metric=st.sampled_from(METRICS),
    cycle=st.integers(1, 5),
    priority=st.sampled_from(Priority),
    target=durations,
    business_hours=st.booleans(),
    start=instants,
    stop=st.none() | instants,
    as_of=instants,
    deadline=st.none() | instants,
    elapsed=durations,
    paused=durations,
    outside_hours=durations,
    state=st.sampled_from(["met", "breached", "running", "paused", "cancelled"]),
    remaining=durations,
    counted=st.lists(intervals, max_size=2).map(tuple),
    pauses=st.lists(intervals, max_size=2).map(tuple),
    note=st.text(max_size=5),
)

percents = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)
groups = st.builds(
    ComplianceGroup,
    key=st.lists(names, max_size=2).map(tuple),
    met=small,
    breached=small,
    running=small,
    cancelled=small,
    percent=st.none() | percents,
    mean=st.none() | durations,
    median=st.none() | durations,
    p90=st.none() | durations,
    p95=st.none() | durations,
)
reports = st.builds(
    ComplianceReport,
    by=st.just(("metric", "priority")),
    aggregate=st.sampled_from(["per_measurement", "per_ticket_last", "per_ticket_any"]),
    groups=st.lists(groups, max_size=3).map(tuple),
    total=groups,
)


@st.composite
def credit_tiers(draw: st.DrawFn) -> CreditTier:
    """A tier with at_least below below."""
    low = draw(st.decimals(min_value=0, max_value=99, places=2))
    high = draw(st.decimals(min_value=low + Decimal("0.01"), max_value=100, places=2))
    return CreditTier(at_least=low, below=high, credit_percent=draw(percents))


eur = st.integers(0, 10**7).map(lambda u: Money.from_minor_units(u, "EUR"))
months = st.builds(
    MonthAvailability,
    start=instants,
    end=instants,
    downtime=durations,
    excluded=durations,
    uptime=percents,
    credit_percent=percents,
    credit=st.none() | eur,
)
availability_reports = st.builds(
    AvailabilityReport,
    timezone=st.sampled_from(["UTC", "Europe/Amsterdam"]),
    months=st.lists(months, max_size=3).map(tuple),
    uptime=percents,
    total_credit=st.none() | eur,
)
rules = st.builds(
    DowntimeRule,
    quantum=st.sampled_from(["exact", "minute"]),
    minute_threshold=st.integers(0, 59).map(lambda s: dt.timedelta(seconds=s)),
)
scales = st.sampled_from([CSAT_FIVE_BEST, CSAT_ONE_BEST]) | st.builds(
    CsatScale, best=st.just(10), worst=st.just(0), satisfied_from=st.integers(0, 10)
)
csat_results = scales.flatmap(
    lambda scale: st.lists(
        st.integers(min(scale.best, scale.worst), max(scale.best, scale.worst)), max_size=20
    ).map(lambda answers: csat(answers, scale=scale))
)
spans = st.builds(
    lambda p, status: StatusSpan(status=status, start=p[0], end=p[1]),
    intervals,
    st.sampled_from(STATUSES),
)
policy_rules = st.builds(
    SlaPolicyRule,
    policy=policies(),
    tiers=st.frozensets(st.sampled_from(["gold", "silver"])),
    channels=st.frozensets(st.sampled_from(["email", "phone"])),
    priorities=st.frozensets(st.sampled_from(Priority)),
    tags=st.frozensets(st.sampled_from(["vip"])),
)
policy_sets = st.builds(
    SlaPolicySet, default=policies(), rules=st.lists(policy_rules, max_size=2).map(tuple)
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Ticket: tickets(),
    TicketEvent: instants.flatmap(lambda t: events(t).filter(bool).map(lambda e: e[0])),
    StatusSpan: spans,
    SlaTarget: targets(),
    SlaPolicy: policies(),
    SlaPolicyRule: policy_rules,
    SlaPolicySet: policy_sets,
    SlaMeasurement: measurements,
    ComplianceGroup: groups,
    ComplianceReport: reports,
    CreditTier: credit_tiers(),
    DowntimeRule: rules,
    MonthAvailability: months,
    AvailabilityReport: availability_reports,
    CsatScale: scales,
    CsatResult: csat_results,
}
