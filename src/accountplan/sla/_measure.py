"""Measuring a ticket against an SLA policy: clocks, pauses, cycles and deadlines.

One pass over the ticket's timeline (events after ``as_of`` ignored) builds
the measurements; each is a clock with a start, running and paused
segments, and possibly a stop:

* ``first_response`` starts at creation and stops at the first public agent
  reply. Resolving or closing the ticket before any reply cancels it.
* ``next_response`` starts at each customer reply that follows an agent
  reply (one cycle per such reply) and stops at the next agent reply;
  resolving or closing the ticket first cancels the cycle.
* ``resolution`` starts at creation, pauses while the status is in the
  policy's ``pause_on`` and stops when the ticket is resolved (or closed).
* ``agent_work_time``, ``requester_wait_time`` and ``on_hold_time`` start at
  creation and stop like resolution; their clocks run only while the status
  is in the policy's ``work_statuses``, ``wait_statuses`` or
  ``hold_statuses``.

Reopening a resolved ticket continues the resolution-type clocks (the
resolved stretch counts as paused) or starts a new cycle, per
``SlaPolicy.on_reopen``. A priority change retargets running measurements
(keeping their start) or cancels them and starts a new cycle at the change,
per ``SlaPolicy.on_priority_change``. A measurement takes the target of the
priority in force when it stopped (or at ``as_of`` while it runs); if that
priority has no target for its metric, no measurement is reported.

Elapsed time is the business time (or real time, for targets with
``business_hours=False``) inside the running segments. A measurement is
``met`` iff it stopped with ``elapsed <= target``; a measurement that has not
stopped is ``breached`` as soon as ``elapsed > target`` (``as_of`` is past its
deadline), otherwise ``running`` or ``paused``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

import attrs

from accountplan._typing import SlaMetric, SlaState
from accountplan._validate import check_aware, check_type
from accountplan.calendars._engine import Timeline, from_us
from accountplan.exceptions import InvalidInputError
from accountplan.sla._numbers import check_instant
from accountplan.sla._policy import SlaPolicy, SlaPolicySet, select_policy
from accountplan.tickets import CLOSED, NEW, OPEN, RESOLVED, Priority, Ticket, TicketEventKind

__all__ = [
    "SlaMeasurement",
    "evaluate",
    "evaluate_many",
]

Interval = tuple[dt.datetime, dt.datetime]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

_AGENT_REPLY = TicketEventKind.AGENT_REPLY
_CUSTOMER_REPLY = TicketEventKind.CUSTOMER_REPLY
_RESOLVED = TicketEventKind.RESOLVED
_CLOSED = TicketEventKind.CLOSED
_REOPENED = TicketEventKind.REOPENED
_PRIORITY_CHANGED = TicketEventKind.PRIORITY_CHANGED
_STATUS_CHANGED = TicketEventKind.STATUS_CHANGED


@attrs.frozen(kw_only=True)
class SlaMeasurement:
    """One SLA clock of one ticket, as it stood at ``as_of``.

    Attributes:
        ticket_id: The ticket measured.
        account_number: The ticket's account.
        channel: The ticket's channel.
        policy: The name of the policy applied.
        metric: What was measured.
        cycle: 1 for the first measurement of the metric on this ticket, then
            2, 3 ... for each next-response cycle, reopening (``new_cycle``)
            or priority restart.
        priority: The priority whose target applies.
        target: The target duration.
        business_hours: Whether ``elapsed`` counts business time (else real time).
        start: When the clock started.
        stop: When it stopped (or was cancelled), or ``None`` while it runs.
        as_of: The instant the ticket was looked at.
        deadline: The instant the clock reaches the target, taking the known
            pauses into account; ``None`` for a cancelled measurement and for
            a paused one that has not reached it yet (it depends on when the
            clock resumes). For a measurement that stopped before reaching
            it, the instant it would have been reached had the clock run on.
            In the calendar's zone for a business-hours target, otherwise in
            the zone of ``start``.
        elapsed: Time counted while the clock ran.
        paused: Time (in the same clock) that fell in pauses, including the
            stretch between resolving and reopening under ``continue``.
        outside_hours: Real time in the measurement outside the calendar's
            working hours; ``elapsed + paused + outside_hours`` is the real
            time from ``start`` to ``stop`` (or ``as_of``).
        state: ``met``, ``breached``, ``running``, ``paused`` or ``cancelled``.
        remaining: ``target - elapsed``; negative when overdue.
        counted: The stretches in which the clock ran (real instants; the
            calendar's working hours inside them were counted), each as long
            as possible: neighbouring stretches are joined.
        pauses: The stretches in which the clock was paused, joined the same
            way (a pending stretch up to resolving and the resolved stretch
            up to reopening are one pause).
        note: Why the clock stopped or was cancelled.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.tickets import Priority
        >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> m = SlaMeasurement(
        ...     ticket_id="T-1", account_number="A-1", channel="", policy="P",
        ...     metric="first_response", cycle=1, priority=Priority.HIGH,
        ...     target=dt.timedelta(hours=1), business_hours=False, start=t, stop=None,
        ...     as_of=t, deadline=t + dt.timedelta(hours=1), elapsed=dt.timedelta(0),
        ...     paused=dt.timedelta(0), outside_hours=dt.timedelta(0), state="running",
        ...     remaining=dt.timedelta(hours=1),
        ... )
        >>> m.state
        'running'
    """

    ticket_id: str
    account_number: str
    channel: str
    policy: str
    metric: SlaMetric
    cycle: int
    priority: Priority
    target: dt.timedelta
    business_hours: bool
    start: dt.datetime
    stop: dt.datetime | None
    as_of: dt.datetime
    deadline: dt.datetime | None
    elapsed: dt.timedelta
    paused: dt.timedelta
    outside_hours: dt.timedelta
    state: SlaState
    remaining: dt.timedelta
    counted: tuple[Interval, ...] = ()
    pauses: tuple[Interval, ...] = ()
    note: str = ""

    @property
    def stopped(self) -> bool:
        """Whether the clock has stopped for good or been cancelled."""
        return self.stop is not None


_US = dt.timedelta(microseconds=1)
_ZERO = dt.timedelta(0)
_NO_STATUSES: frozenset[str] = frozenset()

#: For each status-time metric: the policy field with its statuses, and
#: whether the clock runs outside (True) or inside (False) those statuses.
_STATUS_RULES = (
    ("resolution", "pause_on", True),
    ("agent_work_time", "work_statuses", False),
    ("requester_wait_time", "wait_statuses", False),
    ("on_hold_time", "hold_statuses", False),
)
_RESPONSE = frozenset({"first_response", "next_response"})
_LIFECYCLE = frozenset(metric for metric, _, _ in _STATUS_RULES)


def _utc(moment: dt.datetime) -> int:
    """Microseconds since the Unix epoch."""
    return (moment - _EPOCH) // _US


#: A target as measuring uses it: the duration, the same in microseconds, business hours.
_Goal = tuple[dt.timedelta, int, bool]
_NO_GOALS: dict[str, _Goal] = {}


class _Plan:
    """What measuring needs of one policy, looked up once: targets, rules and the calendar."""

    __slots__ = (
        "goals",
        "goals_by_id",
        "metrics_of",
        "name",
        "new_cycle",
        "restart",
        "rules",
        "timeline",
        "uniform",
        "zone",
    )

    def __init__(self, policy: SlaPolicy) -> None:
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
            (metric, getattr(policy, field), negate) for metric, field, negate in _STATUS_RULES
        )
        self.new_cycle = policy.on_reopen == "new_cycle"
        self.restart = policy.on_priority_change == "restart"
        calendar = policy.calendar
        self.timeline: Timeline | None = None
        self.zone: dt.tzinfo | None = None
        if calendar is not None:
            self.timeline = calendar._engine.timeline()
            self.zone = calendar._engine.zone

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


#: The status of the stretch between resolving and reopening (the clocks stand still).
_STOPPED = None

#: A response clock once the timeline is walked: cycle, start and stop
#: (instant indexes; no stop while it runs), the priority when it stopped,
#: why it stopped, and whether it was cancelled.
_Response = tuple[int, int, int | None, Priority | None, str, bool]


class _Clock:
    """A status-time clock while the timeline is walked: the status over time and how it ended.

    ``spans`` holds ``(from, to, status)`` with instant indexes: the ticket's
    status (resolution and the three status metrics share one clock per
    cycle), and ``None`` for the stretch between resolving and reopening.
    """

    __slots__ = (
        "cancelled",
        "cycle",
        "note",
        "priority",
        "since",
        "spans",
        "start",
        "status",
        "stop",
    )

    def __init__(self, cycle: int, start: int, status: str) -> None:
        self.cycle = cycle
        self.start = start
        self.since = start
        self.status: str | None = status
        self.spans: list[tuple[int, int, str | None]] = []
        self.stop: int | None = None
        self.cancelled = False
        self.priority: Priority | None = None
        self.note = ""

    def end(
        self, at: int, us: list[int], priority: Priority, note: str, *, cancel: bool = False
    ) -> None:
        if us[at] > us[self.since]:
            self.spans.append((self.since, at, self.status))
        self.since = at
        self.stop = at
        self.priority = priority
        self.note = note
        self.cancelled = cancel

    def resume(self, at: int, us: list[int], status: str) -> None:
        assert self.stop is not None
        if us[at] > us[self.stop]:
            self.spans.append((self.stop, at, _STOPPED))
        self.since = at
        self.status = status
        self.stop = None
        self.priority = None
        self.note = ""


class _Walk:
    """The clocks of one ticket up to ``as_of``, and the instants they refer to by index.

    ``ats`` holds the creation, each event up to ``as_of`` and ``as_of``
    itself; ``us`` the same instants in microseconds since the epoch
    (``created`` is the first of them).
    """

    __slots__ = ("ats", "firsts", "lives", "nexts", "priority", "running", "us")

    def __init__(
        self,
        ticket: Ticket,
        plan: _Plan,
        as_of: dt.datetime,
        horizon: int,
        metrics: frozenset[str],
        *,
        created: int,
    ) -> None:
        ats = [ticket.created_at]
        us = [created]
        add_at = ats.append
        add_us = us.append
        status = NEW
        priority = ticket.priority
        want_next = "next_response" in metrics
        new_cycle = plan.new_cycle
        restart = plan.restart
        firsts: list[_Response] = []
        nexts: list[_Response] = []
        lives: list[_Clock] = []
        # The start of the running first-response and next-response clocks (-1: none).
        first = 0 if "first_response" in metrics else -1
        following = -1
        life: _Clock | None = None
        if not metrics.isdisjoint(_LIFECYCLE):
            life = _Clock(1, 0, status)
            lives.append(life)
        agent_replied = False
        i = 0
        for event in ticket.events:
            at = event.at
            u = (at - _EPOCH) // _US
            if u > horizon:
                break
            i += 1
            add_at(at)
            add_us(u)
            kind = event.kind
            if kind is _AGENT_REPLY:
                agent_replied = True
                if first >= 0:
                    firsts.append((len(firsts) + 1, first, i, priority, "first agent reply", False))
                    first = -1
                if following >= 0:
                    nexts.append((len(nexts) + 1, following, i, priority, "agent reply", False))
                    following = -1
                continue
            if kind is _CUSTOMER_REPLY:
                if want_next and agent_replied and following < 0:
                    following = i
                continue
            if kind is _STATUS_CHANGED:
                after = event.status or status
            elif kind is _RESOLVED:
                after = RESOLVED
            elif kind is _REOPENED:
                after = OPEN
            elif kind is _CLOSED:
                after = CLOSED
            else:
                after = status
            if after != status:
                status = after
                if life is not None and life.stop is None:
                    if u > us[life.since]:
                        life.spans.append((life.since, i, life.status))
                    life.since = i
                    life.status = after
            if kind is _RESOLVED or kind is _CLOSED:
                verb = "resolved" if kind is _RESOLVED else "closed"
                if first >= 0:
                    note = f"{verb} before any agent reply"
                    firsts.append((len(firsts) + 1, first, i, priority, note, True))
                    first = -1
                if following >= 0:
                    note = f"{verb} before the agent replied"
                    nexts.append((len(nexts) + 1, following, i, priority, note, True))
                    following = -1
                if life is not None and life.stop is None:
                    life.end(i, us, priority, verb)
            elif kind is _REOPENED:
                if life is not None and life.stop is not None:
                    if new_cycle:
                        life = _Clock(len(lives) + 1, i, status)
                        lives.append(life)
                    else:
                        life.resume(i, us, status)
            elif kind is _PRIORITY_CHANGED and event.priority is not priority:
                new = event.priority
                assert new is not None
                if restart:
                    note = f"priority changed to {new.value}: restarted"
                    if first >= 0:
                        firsts.append((len(firsts) + 1, first, i, priority, note, True))
                        first = i
                    if following >= 0:
                        nexts.append((len(nexts) + 1, following, i, priority, note, True))
                        following = i
                    if life is not None and life.stop is None:
                        life.end(i, us, priority, note, cancel=True)
                        life = _Clock(len(lives) + 1, i, status)
                        lives.append(life)
                priority = new
        add_at(as_of)
        add_us(horizon)
        if first >= 0:
            firsts.append((len(firsts) + 1, first, None, None, "", False))
        if following >= 0:
            nexts.append((len(nexts) + 1, following, None, None, "", False))
        running = first >= 0 or following >= 0
        if life is not None and life.stop is None:
            running = True
            if horizon > us[life.since]:
                life.spans.append((life.since, i + 1, life.status))
        self.ats = ats
        self.us = us
        self.firsts = firsts
        self.nexts = nexts
        self.lives = lives
        self.priority = priority
        #: Whether a clock still runs at ``as_of`` (else no clock refers to it).
        self.running = running


def _slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The ``__set__`` of each of ``cls``'s attrs fields' slots, in field order."""
    return tuple(cls.__dict__[field.name].__set__ for field in attrs.fields(cls))


(
    _set_ticket_id,
    _set_account_number,
    _set_channel,
    _set_policy,
    _set_metric,
    _set_cycle,
    _set_priority,
    _set_target,
    _set_business_hours,
    _set_start,
    _set_stop,
    _set_as_of,
    _set_deadline,
    _set_elapsed,
    _set_paused,
    _set_outside_hours,
    _set_state,
    _set_remaining,
    _set_counted,
    _set_pauses,
    _set_note,
) = _slot_setters(SlaMeasurement)
_new = object.__new__


def _build(  # noqa: PLR0917 - one parameter per field, in field order
    ticket_id: str,
    account_number: str,
    channel: str,
    policy: str,
    metric: str,
    cycle: int,
    priority: Priority,
    target: dt.timedelta,
    business_hours: bool,
    start: dt.datetime,
    stop: dt.datetime | None,
    as_of: dt.datetime,
    deadline: dt.datetime | None,
    elapsed: dt.timedelta,
    paused: dt.timedelta,
    outside_hours: dt.timedelta,
    state: SlaState,
    remaining: dt.timedelta,
    counted: tuple[Interval, ...],
    pauses: tuple[Interval, ...],
    note: str,
) -> SlaMeasurement:
    """``SlaMeasurement(...)`` from values already checked, without keyword matching.

    Measuring builds one per clock, millions in bulk; filling the slots
    directly halves the cost of the attrs ``__init__`` (which has nothing
    else to do: no converters, validators or defaults to compute).
    """
    m: SlaMeasurement = _new(SlaMeasurement)
    _set_ticket_id(m, ticket_id)
    _set_account_number(m, account_number)
    _set_channel(m, channel)
    _set_policy(m, policy)
    _set_metric(m, metric)
    _set_cycle(m, cycle)
    _set_priority(m, priority)
    _set_target(m, target)
    _set_business_hours(m, business_hours)
    _set_start(m, start)
    _set_stop(m, stop)
    _set_as_of(m, as_of)
    _set_deadline(m, deadline)
    _set_elapsed(m, elapsed)
    _set_paused(m, paused)
    _set_outside_hours(m, outside_hours)
    _set_state(m, state)
    _set_remaining(m, remaining)
    _set_counted(m, counted)
    _set_pauses(m, pauses)
    _set_note(m, note)
    return m


def _evaluate(
    ticket: Ticket, plan: _Plan, as_of: dt.datetime, horizon: int
) -> list[SlaMeasurement]:
    """The measurements of one ticket: walk its timeline, then read every clock."""
    created = check_instant("created_at", ticket.created_at)
    if horizon < created:
        raise InvalidInputError(
            "as_of",
            as_of,
            f"must not be before the ticket's creation ({ticket.created_at.isoformat()})",
        )
    metrics = plan.metrics(ticket, horizon)
    if not metrics:
        return []
    walk = _Walk(ticket, plan, as_of, horizon, metrics, created=created)
    ats = walk.ats
    us = walk.us
    last = len(us) - 1
    timeline = plan.timeline
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
                    assert timeline is not None
                    business_positions = timeline.positions(us if walk.running else us[:last])
                origin = business_positions[start]
                elapsed = business_positions[end] - origin
            else:
                elapsed = real
            deadline = None
            if cancelled:
                state = "cancelled"
            else:
                if stop is None:
                    state = "breached" if elapsed > target else "running"
                else:
                    state = "met" if elapsed <= target else "breached"
                if not business:
                    deadline = from_us(begin + target, ats[start].tzinfo)
                elif target:
                    assert timeline is not None
                    # Look from the start, or from the end when the target lies beyond it.
                    hint = begin if elapsed >= target else us[end]
                    deadline = from_us(timeline.inverse(origin + target, hint), zone)
                else:
                    deadline = ats[start].astimezone(zone)
            spent = _US * elapsed
            add(
                _build(
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
                    assert timeline is not None
                    business_positions = timeline.positions(us if walk.running else us[:last])
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
                state = "cancelled"
            elif stop is not None:
                state = "met" if elapsed <= target else "breached"
            elif elapsed > target:
                state = "breached"
            elif clock.status is not None and (clock.status in statuses) is not negate:
                state = "running"
            else:
                state = "paused"
            # No deadline when cancelled, nor while paused short of the target
            # (it depends on when the clock resumes).
            deadline = None
            if not cancelled and (reached >= 0 or state != "paused"):
                if reached < 0:
                    # Not reached yet (or stopped first): count on from the end.
                    reached = end
                    reached_at = elapsed
                rest = target - reached_at
                if not business:
                    deadline = from_us(us[reached] + rest, ats[clock.start].tzinfo)
                elif rest:
                    assert timeline is not None
                    deadline = from_us(
                        timeline.inverse(positions[reached] + rest, us[reached]), zone
                    )
                else:
                    deadline = ats[reached].astimezone(zone)
            spent = _US * elapsed
            add(
                _build(
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


def evaluate(
    ticket: Ticket,
    policy: SlaPolicy | SlaPolicySet,
    /,
    *,
    as_of: dt.datetime,
    tier: str | None = None,
) -> tuple[SlaMeasurement, ...]:
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

    Returns:
        The measurements, ordered by metric, then cycle.

    Raises:
        InvalidInputError: ``as_of`` is naive or before the ticket's creation,
            ``ticket`` is not a [Ticket][accountplan.tickets.Ticket] or
            ``policy`` is neither a policy nor a policy set.
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
        >>> [(m.metric, m.state, m.elapsed) for m in evaluate(ticket, policy, as_of=t0 + 6 * hour)]
        [('first_response', 'met', datetime.timedelta(seconds=1800)),
         ('resolution', 'running', datetime.timedelta(seconds=7200))]
    """
    check_type("ticket", ticket, Ticket)
    check_type("policy", policy, (SlaPolicy, SlaPolicySet))
    moment = check_aware("as_of", as_of)
    horizon = check_instant("as_of", moment)
    chosen = select_policy(policy, ticket, tier=tier)
    return tuple(_evaluate(ticket, _Plan(chosen), moment, horizon))


def evaluate_many(
    tickets: Iterable[Ticket],
    policies: SlaPolicy | SlaPolicySet,
    /,
    *,
    as_of: dt.datetime,
    tiers: Mapping[str, str] | None = None,
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
        >>> [m.state for m in evaluate_many(tickets, policy, as_of=t0 + dt.timedelta(hours=9))]
        ['breached', 'breached', 'breached']
    """
    moment = check_aware("as_of", as_of)
    check_instant("as_of", moment)
    check_type("policies", policies, (SlaPolicy, SlaPolicySet))
    # Measurements come out of each ticket's list without a Python-level step each.
    return chain.from_iterable(_per_ticket(tickets, policies, moment, tiers or {}))


def _per_ticket(
    tickets: Iterable[Ticket],
    policies: SlaPolicy | SlaPolicySet,
    as_of: dt.datetime,
    tiers: Mapping[str, str],
) -> Iterator[list[SlaMeasurement]]:
    """The measurements of each ticket in turn, one plan per policy."""
    horizon = _utc(as_of)
    fixed = policies if isinstance(policies, SlaPolicy) else None
    plans: dict[int, _Plan] = {}
    for ticket in tickets:
        if ticket.__class__ is not Ticket:  # checked in full only when it may fail
            check_type("tickets", ticket, Ticket)
        if fixed is not None:
            chosen = fixed
        else:
            chosen = select_policy(policies, ticket, tier=tiers.get(ticket.account_number))
        plan = plans.get(id(chosen))
        if plan is None:
            plan = plans[id(chosen)] = _Plan(chosen)
        yield _evaluate(ticket, plan, as_of, horizon)
