"""Invariants of SLA measurement, checked on random tickets and policies."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.sla import SlaMeasurement, SlaPolicy, compliance, evaluate
from accountplan.tickets import Ticket, TicketEvent, TicketEventKind, status_at
from tests.sla_oracle import reference_evaluate
from tests.strategies_sla import OFFICE, policies, tickets

UTC = dt.UTC
horizons = st.integers(0, 60 * 24 * 40).map(lambda m: dt.timedelta(minutes=m))


def wall(m: SlaMeasurement) -> dt.timedelta:
    end = m.stop or m.as_of
    return end.astimezone(UTC) - m.start.astimezone(UTC)


def _as_of(ticket: Ticket, later: dt.timedelta) -> dt.datetime:
    return ticket.created_at + later


@settings(max_examples=150)
@given(ticket=tickets(), policy=policies(), later=horizons)
def test_time_adds_up(ticket: Ticket, policy: SlaPolicy, later: dt.timedelta) -> None:
    """elapsed + paused + outside hours is the wall time of every measurement."""
    for m in evaluate(ticket, policy, as_of=_as_of(ticket, later)):
        assert wall(m) == m.elapsed + m.paused + m.outside_hours
        assert m.elapsed >= dt.timedelta(0)
        assert m.paused >= dt.timedelta(0)
        assert m.outside_hours >= dt.timedelta(0)
        assert m.target - m.elapsed == m.remaining
        if not m.business_hours:
            assert dt.timedelta(0) == m.outside_hours


@settings(max_examples=150)
@given(ticket=tickets(), policy=policies(), later=horizons)
def test_states_follow_the_boundary(ticket: Ticket, policy: SlaPolicy, later: dt.timedelta) -> None:
    """Met iff stopped within target; breached iff over target; deadline within the clock."""
    for m in evaluate(ticket, policy, as_of=_as_of(ticket, later)):
        if m.state == "cancelled":
            assert m.deadline is None
            continue
        over = m.elapsed > m.target
        assert over == (m.state == "breached")
        if m.state == "met":
            assert m.stop is not None
        if m.state in {"running", "paused"}:
            assert m.stop is None
        if over:
            assert m.deadline is not None
            assert m.deadline <= (m.stop or m.as_of)


@st.composite
def pause_inserted(draw: st.DrawFn) -> tuple[Ticket, Ticket, dt.datetime]:
    """A ticket, and the same ticket with one extra pending stretch inserted.

    The stretch holds no other status event, and the status from before is
    restored at its end, so only the pause itself differs.
    """
    ticket = draw(tickets(allow_closed=False))
    later = draw(horizons)
    as_of = ticket.created_at + later
    minute = dt.timedelta(minutes=1)
    start = ticket.created_at + draw(st.integers(0, int(later / minute))) * minute
    end = start + draw(st.integers(1, 60 * 48)) * minute
    restored = status_at(ticket, start)
    moves = {TicketEventKind.STATUS_CHANGED, TicketEventKind.RESOLVED, TicketEventKind.REOPENED}
    inside = any(start <= e.at <= end and e.kind in moves for e in ticket.events)
    if inside or restored in {"resolved", "closed"}:
        return ticket, ticket, as_of
    events = list(ticket.events)
    events.insert(
        sum(1 for e in events if e.at <= start),
        TicketEvent(at=start, kind=TicketEventKind.STATUS_CHANGED, status="pending"),
    )
    events.insert(
        sum(1 for e in events if e.at <= end),
        TicketEvent(at=end, kind=TicketEventKind.STATUS_CHANGED, status=restored),
    )
    return ticket, attrs.evolve(ticket, events=events), as_of


@settings(max_examples=150)
@given(case=pause_inserted(), policy=policies(calendar=OFFICE))
def test_pause_never_breaks_a_met(
    case: tuple[Ticket, Ticket, dt.datetime], policy: SlaPolicy
) -> None:
    """Adding a pause never turns a met resolution into a breached one."""
    plain, paused, as_of = case
    policy = attrs.evolve(policy, pause_on=frozenset({"pending"}))
    before = {(m.metric, m.cycle): m for m in evaluate(plain, policy, as_of=as_of)}
    after = {(m.metric, m.cycle): m for m in evaluate(paused, policy, as_of=as_of)}
    for key, m in before.items():
        if m.metric == "resolution" and m.state == "met" and key in after:
            assert "breached" != after[key].state
            assert after[key].elapsed <= m.elapsed


@settings(max_examples=100)
@given(ticket=tickets(), policy=policies())
def test_met_stays_met(ticket: Ticket, policy: SlaPolicy) -> None:
    """Replaying events with as_of moving forward never turns a met into anything else.

    Under ``on_reopen="continue"`` a reopening deliberately resumes a met
    resolution-type clock, so that case is checked with ``new_cycle``.
    """
    policy = attrs.evolve(policy, on_reopen="new_cycle")
    moments = [ticket.created_at, *(e.at for e in ticket.events)]
    moments.append(moments[-1] + dt.timedelta(days=3))
    met: set[tuple[str, int]] = set()
    for moment in moments:
        found: dict[tuple[str, int], SlaMeasurement] = {
            (m.metric, m.cycle): m for m in evaluate(ticket, policy, as_of=moment)
        }
        for key in met:
            assert "met" == found[key].state
        met |= {key for key, m in found.items() if m.state == "met"}


@settings(max_examples=100)
@given(ticket=tickets(), policy=policies(), later=horizons)
def test_elapsed_grows_with_as_of(ticket: Ticket, policy: SlaPolicy, later: dt.timedelta) -> None:
    """A clock never shows less time later than earlier."""
    early = {(m.metric, m.cycle): m for m in evaluate(ticket, policy, as_of=_as_of(ticket, later))}
    late = {
        (m.metric, m.cycle): m
        for m in evaluate(ticket, policy, as_of=_as_of(ticket, later + dt.timedelta(hours=7)))
    }
    for key, m in early.items():
        if key in late and late[key].priority is m.priority:
            assert late[key].elapsed >= m.elapsed


@settings(max_examples=100)
@given(
    found=st.lists(st.tuples(tickets(), horizons), max_size=6),
    policy=policies(),
    aggregate=st.sampled_from(["per_measurement", "per_ticket_last", "per_ticket_any"]),
)
def test_compliance_between_0_and_100(
    found: list[tuple[Ticket, dt.timedelta]], policy: SlaPolicy, aggregate: str
) -> None:
    """Every compliance percentage lies between 0 and 100 and counts add up."""
    measurements = [m for t, later in found for m in evaluate(t, policy, as_of=_as_of(t, later))]
    report = compliance(measurements, aggregate=aggregate)  # type: ignore[arg-type]
    for group in (*report.groups, report.total):
        if group.percent is not None:
            assert 0 <= group.percent <= 100
        if group.p95 is not None:
            assert group.median is not None
            assert group.p90 is not None
            assert group.p90 <= group.p95
    if aggregate == "per_measurement":
        assert len(measurements) == report.total.total
        assert report.total.total == sum(g.total for g in report.groups)


@settings(max_examples=300)
@given(
    ticket=tickets(),
    policy=st.one_of(policies(), policies(complete=True)),
    later=horizons,
)
def test_agrees_with_the_reference(ticket: Ticket, policy: SlaPolicy, later: dt.timedelta) -> None:
    """The fast measurement equals the slow, per-stretch reference, field by field."""
    as_of = _as_of(ticket, later)
    fast = evaluate(ticket, policy, as_of=as_of)
    slow = reference_evaluate(ticket, policy, as_of)
    assert [_exact(m) for m in slow] == [_exact(m) for m in fast]


def _exact(m: SlaMeasurement) -> dict[str, object]:
    """Fields with every datetime as (UTC instant, zone): equal means the very same value."""

    def one(value: object) -> object:
        if isinstance(value, dt.datetime):
            return value.astimezone(UTC), str(value.tzinfo)
        if isinstance(value, tuple):
            return tuple(one(item) for item in value)
        return value

    return {name: one(value) for name, value in attrs.asdict(m, recurse=False).items()}
