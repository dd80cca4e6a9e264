"""Reading a ticket's clocks: elapsed time, state and deadline of each measurement.

The rules of each clock are described in ``accountplan.sla._walk`` (one pass
over the ticket's events); this module turns the walked clocks into
[SlaMeasurement][accountplan.sla.SlaMeasurement] values. Business time comes
from a [CalendarIndex][accountplan.calendars.CalendarIndex] made once per
policy per call: one position per distinct instant of a ticket, and one
inverse position per deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from accountplan._validate import check_aware, check_type
from accountplan.calendars import BusinessCalendar, CalendarIndex
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.sla._measurement import Interval, SlaMeasurement, SlaState, build
from accountplan.sla._numbers import HIGH_US, LOW_US, check_instant, from_us
from accountplan.sla._policy import SlaPolicy, SlaPolicySet, select_policy
from accountplan.sla._records import SlaMeasurements
from accountplan.sla._walk import STATUS_RULES, Walk
from accountplan.tickets import Priority, Ticket

__all__ = [
    "SlaMeasurement",
    "evaluate",
    "evaluate_many",
]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_ZERO = dt.timedelta(0)
_NO_STATUSES: frozenset[str] = frozenset()
# The states, bound once: reading a member off its enum class runs Python code.
_MET = SlaState.MET
_BREACHED = SlaState.BREACHED
_RUNNING = SlaState.RUNNING
_PAUSED = SlaState.PAUSED
_CANCELLED = SlaState.CANCELLED


def _utc(moment: dt.datetime) -> int:
    """Microseconds since the Unix epoch."""
    return (moment - _EPOCH) // _US


#: A target as measuring uses it: the duration, the same in microseconds, business hours.
_Goal = tuple[dt.timedelta, int, bool]
_NO_GOALS: dict[str, _Goal] = {}


class Plan:
    """What measuring needs of one policy, looked up once: targets, rules and the calendar."""

    __slots__ = (
        "goals",
        "goals_by_id",
        "index",
        "metrics_of",
        "name",
        "new_cycle",
        "restart",
        "rules",
        "uniform",
        "zone",
    )

    def __init__(self, policy: SlaPolicy, indexes: tuple[CalendarIndex, ...] = ()) -> None:
        self.name = policy.name
        #: priority -> metric -> (target, target in microseconds, counts business hours)
        self.goals: dict[Priority, dict[str, _Goal]] = {
            priority: {
                target.metric: (target.within, target.within // _US, target.business_hours)
                for target in targets
            }
            for priority, targets in policy.targets_by_priority.items()
        }
        #: The same keyed by ``id(priority)``: priorities are enum singletons,
        #: and hashing an enum member runs Python code.
        self.goals_by_id = {id(priority): table for priority, table in self.goals.items()}
        self.metrics_of = {priority: frozenset(table) for priority, table in self.goals.items()}
        every = frozenset(metric for table in self.goals.values() for metric in table)
        #: The metrics of every priority when all priorities have the same ones.
        self.uniform: frozenset[str] | None = (
            every
            if all(self.metrics_of.get(priority, _NO_STATUSES) == every for priority in Priority)
            else None
        )
        #: Each status-time metric in report order with the statuses its clock
        #: looks at and whether it runs outside (True) or inside them.
        self.rules: tuple[tuple[str, frozenset[str], bool], ...] = tuple(
            (metric, getattr(policy, field), negate) for metric, field, negate in STATUS_RULES
        )
        self.new_cycle = policy.on_reopen == "new_cycle"
        self.restart = policy.on_priority_change == "restart"
        calendar = policy.calendar
        self.index: CalendarIndex | None = None
        self.zone: dt.tzinfo | None = None
        if calendar is not None:
            self.index = index = _index_of(calendar, indexes)
            self.zone = index.zone

    def metrics(self, ticket: Ticket, horizon: int) -> frozenset[str]:
        """The metrics with a target for some priority the ticket had up to ``horizon``."""
        if self.uniform is not None:
            return self.uniform
        priorities = {ticket.priority}
        for event in ticket.events:
            if _utc(event.at) > horizon:
                break
            if event.priority is not None:
                priorities.add(event.priority)
        found: set[str] = set()
        for priority in priorities:
            found.update(self.metrics_of.get(priority, _NO_STATUSES))
        return frozenset(found)


def _evaluate(ticket: Ticket, plan: Plan, as_of: dt.datetime, horizon: int) -> list[SlaMeasurement]:
    """The measurements of one ticket: walk its timeline, then read every clock."""
    created = (ticket.created_at - _EPOCH) // _US
    if not LOW_US <= created < HIGH_US:
        check_instant("created_at", ticket.created_at)  # raises, naming the field
    if horizon < created:
        raise InvalidInputError(
            "as_of",
            as_of,
            f"must not be before the ticket's creation ({ticket.created_at.isoformat()})",
        )
    metrics = plan.metrics(ticket, horizon)
    if not metrics:
        return []
    walk = Walk(
        ticket,
        as_of,
        horizon,
        metrics,
        created=created,
        new_cycle=plan.new_cycle,
        restart=plan.restart,
    )
    ats = walk.ats
    us = walk.us
    last = len(us) - 1
    index = plan.index
    zone = plan.zone
    business_positions: list[int] | None = None
    goals = plan.goals_by_id
    table_priority: Priority | None = None
    table = _NO_GOALS
    priority_now = walk.priority
    ticket_id = ticket.id
    account_number = ticket.account_number
    channel = ticket.channel
    name = plan.name
    out: list[SlaMeasurement] = []
    add = out.append
    state: SlaState
    deadline: dt.datetime | None
    # Response clocks: one stretch each, from start to stop (or as_of).
    for metric, responses in (("first_response", walk.firsts), ("next_response", walk.nexts)):
        for cycle, start, stop, stopped_at, note, cancelled in responses:
            priority = priority_now if stopped_at is None else stopped_at
            if priority is not table_priority:
                table_priority = priority
                table = goals.get(id(priority), _NO_GOALS)
            goal = table.get(metric)
            if goal is None:
                continue
            within, target, business = goal
            end = last if stop is None else stop
            begin = us[start]
            real = us[end] - begin
            origin = 0
            if business:
                if business_positions is None:
                    assert index is not None
                    business_positions = index.positions_us(us if walk.running else us[:last])
                origin = business_positions[start]
                elapsed = business_positions[end] - origin
            else:
                elapsed = real
            deadline = None
            if cancelled:
                state = _CANCELLED
            else:
                if stop is None:
                    state = _BREACHED if elapsed > target else _RUNNING
                else:
                    state = _MET if elapsed <= target else _BREACHED
                if not business:
                    deadline = from_us(begin + target, ats[start].tzinfo)
                elif target:
                    assert index is not None
                    # Look from the start, or from the end when the target lies beyond it.
                    hint = begin if elapsed >= target else us[end]
                    deadline = from_us(index.instant_us(origin + target, hint_us=hint), zone)
                else:
                    deadline = ats[start].astimezone(zone)
            spent = _US * elapsed
            add(
                build(
                    ticket_id,
                    account_number,
                    channel,
                    name,
                    metric,
                    cycle,
                    priority,
                    within,
                    business,
                    ats[start],
                    None if stop is None else ats[stop],
                    as_of,
                    deadline,
                    spent,
                    _ZERO,
                    _US * (real - elapsed),
                    state,
                    within - spent,
                    ((ats[start], ats[end]),) if real else (),
                    (),
                    note,
                )
            )
    # Status-time clocks: spans by status, each metric running in some statuses.
    lives = walk.lives
    for metric, statuses, negate in plan.rules if lives else ():
        if metric not in metrics:
            continue
        for clock in lives:
            priority = priority_now if clock.priority is None else clock.priority
            if priority is not table_priority:
                table_priority = priority
                table = goals.get(id(priority), _NO_GOALS)
            goal = table.get(metric)
            if goal is None:
                continue
            within, target, business = goal
            if business:
                if business_positions is None:
                    assert index is not None
                    business_positions = index.positions_us(us if walk.running else us[:last])
                positions = business_positions
            else:
                positions = us
            stop = clock.stop
            cancelled = clock.cancelled
            # Sum the spans; join neighbours of the same kind into maximal stretches.
            elapsed = paused = 0
            reached = -1  # the span in which the clock reaches its target
            reached_at = 0  # the clock's reading at that span's start
            counted: list[Interval] = []
            pauses: list[Interval] = []
            run_start = run_end = -1
            run_on = False
            for a, b, status in clock.spans:
                running = status is not None and (status in statuses) is not negate
                span = positions[b] - positions[a]
                if running:
                    if reached < 0 and elapsed + span >= target:
                        reached = a
                        reached_at = elapsed
                    elapsed += span
                else:
                    paused += span
                if running is run_on and run_start >= 0:
                    run_end = b
                    continue
                if run_start >= 0:
                    (counted if run_on else pauses).append((ats[run_start], ats[run_end]))
                run_start, run_end, run_on = a, b, running
            if run_start >= 0:
                (counted if run_on else pauses).append((ats[run_start], ats[run_end]))
            end = last if stop is None else stop
            if cancelled:
                state = _CANCELLED
            elif stop is not None:
                state = _MET if elapsed <= target else _BREACHED
            elif elapsed > target:
                state = _BREACHED
            elif clock.status is not None and (clock.status in statuses) is not negate:
                state = _RUNNING
            else:
                state = _PAUSED
            # No deadline when cancelled, nor while paused short of the target
            # (it depends on when the clock resumes).
            deadline = None
            if not cancelled and (reached >= 0 or state is not _PAUSED):
                if reached < 0:
                    # Not reached yet (or stopped first): count on from the end.
                    reached = end
                    reached_at = elapsed
                rest = target - reached_at
                if not business:
                    deadline = from_us(us[reached] + rest, ats[clock.start].tzinfo)
                elif rest:
                    assert index is not None
                    deadline = from_us(
                        index.instant_us(positions[reached] + rest, hint_us=us[reached]), zone
                    )
                else:
                    deadline = ats[reached].astimezone(zone)
            spent = _US * elapsed
            add(
                build(
                    ticket_id,
                    account_number,
                    channel,
                    name,
                    metric,
                    clock.cycle,
                    priority,
                    within,
                    business,
                    ats[clock.start],
                    None if stop is None else ats[stop],
                    as_of,
                    deadline,
                    spent,
                    _US * paused if paused else _ZERO,
                    _US * (us[end] - us[clock.start] - elapsed - paused),
                    state,
                    within - spent,
                    tuple(counted) if counted else (),
                    tuple(pauses) if pauses else (),
                    clock.note,
                )
            )
    return out


def _index_of(calendar: BusinessCalendar, indexes: tuple[CalendarIndex, ...]) -> CalendarIndex:
    """The caller's index of ``calendar`` (the same object, else an equal one), or a new one."""
    for index in indexes:
        if index.calendar is calendar:
            return index
    for index in indexes:
        if index.calendar == calendar:
            return index
    return CalendarIndex(calendar)


def _check_indexes(value: Any) -> tuple[CalendarIndex, ...]:
    """The caller's indexes: a collection of CalendarIndex, at most one per calendar."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError("indexes", value, "must be a collection of CalendarIndex")
    found = tuple(value)
    for position, index in enumerate(found):
        check_type(f"indexes[{position}]", index, CalendarIndex)
        if any(index.calendar == other.calendar for other in found[:position]):
            raise InvalidInputError(
                f"indexes[{position}]", index, "indexes a calendar an earlier index already covers"
            )
    return found


def evaluate(
    ticket: Ticket,
    policy: SlaPolicy | SlaPolicySet,
    /,
    *,
    as_of: dt.datetime,
    tier: str | None = None,
    indexes: Iterable[CalendarIndex] = (),
) -> SlaMeasurements:
    """Measure ``ticket`` against ``policy`` as it stood at ``as_of``.

    Events after ``as_of`` are ignored, so an earlier ``as_of`` shows the
    ticket as it looked then. With a [SlaPolicySet][accountplan.sla.SlaPolicySet]
    the policy is picked for the ticket (``tier`` is its account's tier).
    Measurements come ordered by metric, then cycle.

    ``as_of`` and the ticket's ``created_at`` must lie inside the supported
    horizon, ``HORIZON_START`` up to
    ``HORIZON_END`` (excluded); the events that
    count (those up to ``as_of``) then lie inside it too, and later events
    are ignored whatever their date.

    Args:
        ticket: The ticket to measure.
        policy: The policy, or a policy set to pick it from.
        as_of: The instant the ticket is looked at (aware).
        tier: The account's tier, for a policy set's rules.
        indexes: [CalendarIndex][accountplan.calendars.CalendarIndex] objects
            you own, reused for the policies' calendars (one per calendar);
            a calendar without one gets a new index for this call. Pass one
            when you measure ticket after ticket with separate calls.

    Returns:
        The measurements, ordered by metric, then cycle: a tuple that is also
        a table ([SlaMeasurements][accountplan.sla.SlaMeasurements]).

    Raises:
        InvalidInputError: ``as_of`` is naive or before the ticket's creation,
            ``ticket`` is not a [Ticket][accountplan.tickets.Ticket],
            ``policy`` is neither a policy nor a policy set, or two
            ``indexes`` index the same calendar.
        InvalidTypeError: ``indexes`` is not a collection of
            [CalendarIndex][accountplan.calendars.CalendarIndex].
        LimitExceededError: ``as_of`` or ``created_at`` is outside the
            supported horizon (checked before any measuring); a business-hours
            deadline beyond the calendar's horizon.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.sla import SlaPolicy, SlaTarget
        >>> from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
        >>> t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> hour = dt.timedelta(hours=1)
        >>> policy = SlaPolicy(name="24x7", targets_by_priority={
        ...     Priority.HIGH: [
        ...         SlaTarget(metric="first_response", within=hour, business_hours=False),
        ...         SlaTarget(metric="resolution", within=8 * hour, business_hours=False),
        ...     ],
        ... })
        >>> ticket = Ticket(id="T-1", account_number="A-1", priority=Priority.HIGH,
        ...     created_at=t0, events=[
        ...         TicketEvent(at=t0 + 0.5 * hour, kind=TicketEventKind.AGENT_REPLY),
        ...         TicketEvent(at=t0 + hour, kind=TicketEventKind.STATUS_CHANGED,
        ...                     status="pending"),
        ...         TicketEvent(at=t0 + 5 * hour, kind=TicketEventKind.STATUS_CHANGED,
        ...                     status="open"),
        ...     ])
        >>> [(m.metric, m.state.value, m.elapsed)
        ...  for m in evaluate(ticket, policy, as_of=t0 + 6 * hour)]
        [('first_response', 'met', datetime.timedelta(seconds=1800)),
         ('resolution', 'running', datetime.timedelta(seconds=7200))]
    """
    check_type("ticket", ticket, Ticket)
    check_type("policy", policy, (SlaPolicy, SlaPolicySet))
    moment = check_aware("as_of", as_of)
    horizon = check_instant("as_of", moment)
    own = _check_indexes(indexes) if indexes else ()
    chosen = select_policy(policy, ticket, tier=tier)
    return SlaMeasurements(_evaluate(ticket, Plan(chosen, own), moment, horizon))


def evaluate_many(
    tickets: Iterable[Ticket],
    policies: SlaPolicy | SlaPolicySet,
    /,
    *,
    as_of: dt.datetime,
    tiers: Mapping[str, str] | None = None,
    indexes: Iterable[CalendarIndex] = (),
) -> Iterator[SlaMeasurement]:
    """Measure many tickets, one at a time: a lazy iterator using constant memory.

    ``tiers`` maps account numbers to account tiers for the policy set's
    rules. Measurements come ticket by ticket, in the order of ``tickets``.
    ``as_of`` and ``policies`` are checked at the call; each ticket when the
    iteration reaches it. The horizon is that of
    [evaluate][accountplan.sla.evaluate].

    Args:
        tickets: The tickets, any iterable (read lazily).
        policies: The policy, or a policy set to pick each ticket's from.
        as_of: The instant the tickets are looked at (aware).
        tiers: Account number to account tier, for a policy set's rules.
        indexes: [CalendarIndex][accountplan.calendars.CalendarIndex] objects
            you own, reused for the policies' calendars (one per calendar);
            a calendar without one gets a new index shared by this call's
            tickets and dropped with the iterator.

    Returns:
        A lazy iterator of measurements, ticket by ticket.

    Raises:
        InvalidInputError: ``as_of`` is naive or ``policies`` is neither an
            [SlaPolicy][accountplan.sla.SlaPolicy] nor an
            [SlaPolicySet][accountplan.sla.SlaPolicySet] (at the call);
            ``as_of`` is before a ticket's creation or an item is not a
            [Ticket][accountplan.tickets.Ticket] (while iterating).
        LimitExceededError: ``as_of`` outside the supported horizon (at the
            call), a ticket's ``created_at`` outside it (while iterating).
        InvalidTypeError: ``indexes`` is not a collection of
            [CalendarIndex][accountplan.calendars.CalendarIndex] (at the call).

    Examples:
        >>> import datetime as dt
        >>> from accountplan.sla import SlaPolicy, SlaTarget
        >>> from accountplan.tickets import Priority, Ticket
        >>> t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> policy = SlaPolicy(name="P", targets_by_priority={Priority.LOW: [
        ...     SlaTarget(metric="first_response", within=dt.timedelta(hours=8),
        ...               business_hours=False)]})
        >>> tickets = (Ticket(id=f"T-{n}", account_number="A", priority=Priority.LOW,
        ...                   created_at=t0) for n in range(3))
        >>> found = evaluate_many(tickets, policy, as_of=t0 + dt.timedelta(hours=9))
        >>> [m.state.value for m in found]
        ['breached', 'breached', 'breached']
    """
    moment = check_aware("as_of", as_of)
    check_instant("as_of", moment)
    check_type("policies", policies, (SlaPolicy, SlaPolicySet))
    given: object = tickets
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidTypeError("tickets", tickets, "must be an iterable of Ticket")
    if tiers is not None and not isinstance(tiers, Mapping):
        raise InvalidTypeError("tiers", tiers, "must map account numbers to tiers")
    own = _check_indexes(indexes) if indexes else ()
    # Measurements come out of each ticket's list without a Python-level step each.
    return chain.from_iterable(_per_ticket(tickets, policies, moment, tiers or {}, own))


def _per_ticket(
    tickets: Iterable[Ticket],
    policies: SlaPolicy | SlaPolicySet,
    as_of: dt.datetime,
    tiers: Mapping[str, str],
    indexes: tuple[CalendarIndex, ...],
) -> Iterator[list[SlaMeasurement]]:
    """The measurements of each ticket in turn, one plan per policy."""
    horizon = _utc(as_of)
    if isinstance(policies, SlaPolicy):
        # One policy: one plan, nothing to pick per ticket.
        fixed = Plan(policies, indexes)
        for ticket in tickets:
            if ticket.__class__ is not Ticket:  # checked in full only when it may fail
                check_type("tickets", ticket, Ticket)
            yield _evaluate(ticket, fixed, as_of, horizon)
        return
    plans: dict[int, Plan] = {}
    for ticket in tickets:
        if ticket.__class__ is not Ticket:  # checked in full only when it may fail
            check_type("tickets", ticket, Ticket)
        chosen = select_policy(policies, ticket, tier=tiers.get(ticket.account_number))
        plan = plans.get(id(chosen))
        if plan is None:
            plan = plans[id(chosen)] = Plan(chosen, indexes)
        yield _evaluate(ticket, plan, as_of, horizon)
