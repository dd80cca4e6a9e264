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
from collections.abc import Iterable, Iterator, Mapping

import attrs

from accountplan._typing import SLA_METRICS, SlaMetric, SlaState
from accountplan._validate import check_aware, check_type
from accountplan.calendars._engine import Engine, from_us
from accountplan.exceptions import InvalidInputError
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
        elapsed: Time counted while the clock ran.
        paused: Time (in the same clock) that fell in pauses, including the
            stretch between resolving and reopening under ``continue``.
        outside_hours: Real time in the measurement outside the calendar's
            working hours; ``elapsed + paused + outside_hours`` is the real
            time from ``start`` to ``stop`` (or ``as_of``).
        state: ``met``, ``breached``, ``running``, ``paused`` or ``cancelled``.
        remaining: ``target - elapsed``; negative when overdue.
        counted: The stretches in which the clock ran (real instants; the
            calendar's working hours inside them were counted).
        pauses: The stretches in which the clock was paused.
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


class _Plan:
    """What measuring needs of one policy, looked up once: targets, rules and the calendar."""

    __slots__ = (
        "engine",
        "goals",
        "lifecycle",
        "metrics_of",
        "name",
        "new_cycle",
        "restart",
        "uniform",
    )

    def __init__(self, policy: SlaPolicy) -> None:
        self.name = policy.name
        #: (priority, metric) -> (target, target in microseconds, counts business hours)
        self.goals: dict[tuple[Priority, str], tuple[dt.timedelta, int, bool]] = {}
        self.metrics_of: dict[Priority, frozenset[str]] = {}
        for priority, targets in policy.targets_by_priority.items():
            for target in targets:
                self.goals[priority, target.metric] = (
                    target.within,
                    target.within // _US,
                    target.business_hours,
                )
            self.metrics_of[priority] = frozenset(target.metric for target in targets)
        every = frozenset(metric for _, metric in self.goals)
        #: The metrics of every priority when all priorities have the same ones.
        self.uniform: frozenset[str] | None = (
            every
            if all(self.metrics_of.get(priority, _NO_STATUSES) == every for priority in Priority)
            else None
        )
        #: status-time metric -> (its statuses, whether it runs outside them)
        self.lifecycle: dict[str, tuple[frozenset[str], bool]] = {
            metric: (getattr(policy, field), negate) for metric, field, negate in _STATUS_RULES
        }
        self.new_cycle = policy.on_reopen == "new_cycle"
        self.restart = policy.on_priority_change == "restart"
        calendar = policy.calendar
        self.engine: Engine | None = None if calendar is None else calendar._engine

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


class _Response:
    """A first- or next-response clock: it runs from its start until it stops."""

    __slots__ = ("cancelled", "cycle", "note", "priority", "start", "stop")

    def __init__(self, cycle: int, start: int) -> None:
        self.cycle = cycle
        self.start = start
        self.stop: int | None = None
        self.cancelled = False
        self.priority: Priority | None = None
        self.note = ""

    def end(self, at: int, priority: Priority, note: str, *, cancel: bool = False) -> None:
        self.stop = at
        self.priority = priority
        self.note = note
        self.cancelled = cancel


class _Life:
    """One cycle of the status-time clocks (resolution and the three status metrics).

    They start, stop and resume together; ``spans`` records the ticket's
    status over the cycle as ``(from, to, status)`` with instant indexes, and
    ``None`` as the status of a stretch between resolving and reopening.
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
        self,
        at: int,
        moment: int,
        us: list[int],
        priority: Priority,
        note: str,
        *,
        cancel: bool = False,
    ) -> None:
        if moment > us[self.since]:
            self.spans.append((self.since, at, self.status))
        self.since = at
        self.stop = at
        self.priority = priority
        self.note = note
        self.cancelled = cancel

    def resume(self, at: int, moment: int, us: list[int], status: str) -> None:
        assert self.stop is not None
        if moment > us[self.stop]:
            self.spans.append((self.stop, at, None))
        self.since = at
        self.status = status
        self.stop = None
        self.priority = None
        self.note = ""


class _Walk:
    """The clocks of one ticket up to ``as_of`` and the instants they refer to by index."""

    __slots__ = ("ats", "firsts", "lives", "nexts", "priority", "us")

    def __init__(
        self, ticket: Ticket, plan: _Plan, as_of: dt.datetime, horizon: int, metrics: frozenset[str]
    ) -> None:
        created = ticket.created_at
        ats = [created]
        us = [_utc(created)]
        status = NEW
        priority = ticket.priority
        want_next = "next_response" in metrics
        new_cycle = plan.new_cycle
        restart = plan.restart
        firsts: list[_Response] = []
        nexts: list[_Response] = []
        lives: list[_Life] = []
        first: _Response | None = None
        if "first_response" in metrics:
            first = _Response(1, 0)
            firsts.append(first)
        following: _Response | None = None
        life: _Life | None = None
        if not metrics.isdisjoint(_LIFECYCLE):
            life = _Life(1, 0, status)
            lives.append(life)
        agent_replied = False
        i = 0
        for event in ticket.events:
            at = event.at
            u = _utc(at)
            if u > horizon:
                break
            i += 1
            ats.append(at)
            us.append(u)
            kind = event.kind
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
            if kind is _AGENT_REPLY:
                agent_replied = True
                if first is not None:
                    first.end(i, priority, "first agent reply")
                    first = None
                if following is not None:
                    following.end(i, priority, "agent reply")
                    following = None
            elif kind is _CUSTOMER_REPLY:
                if want_next and agent_replied and following is None:
                    following = _Response(len(nexts) + 1, i)
                    nexts.append(following)
            elif kind is _RESOLVED or kind is _CLOSED:
                verb = "resolved" if kind is _RESOLVED else "closed"
                if first is not None:
                    first.end(i, priority, f"{verb} before any agent reply", cancel=True)
                    first = None
                if following is not None:
                    following.end(i, priority, f"{verb} before the agent replied", cancel=True)
                    following = None
                if life is not None and life.stop is None:
                    life.end(i, u, us, priority, verb)
            elif kind is _REOPENED:
                if life is not None and life.stop is not None:
                    if new_cycle:
                        life = _Life(len(lives) + 1, i, status)
                        lives.append(life)
                    else:
                        life.resume(i, u, us, status)
            elif kind is _PRIORITY_CHANGED and event.priority is not priority:
                new = event.priority
                assert new is not None
                if restart:
                    note = f"priority changed to {new.value}: restarted"
                    if first is not None:
                        first.end(i, priority, note, cancel=True)
                        first = _Response(len(firsts) + 1, i)
                        firsts.append(first)
                    if following is not None:
                        following.end(i, priority, note, cancel=True)
                        following = _Response(len(nexts) + 1, i)
                        nexts.append(following)
                    if life is not None and life.stop is None:
                        life.end(i, u, us, priority, note, cancel=True)
                        life = _Life(len(lives) + 1, i, status)
                        lives.append(life)
                priority = new
        ats.append(as_of)
        us.append(horizon)
        if life is not None and life.stop is None and horizon > us[life.since]:
            life.spans.append((life.since, i + 1, life.status))
        self.ats = ats
        self.us = us
        self.firsts = firsts
        self.nexts = nexts
        self.lives = lives
        self.priority = priority


Segments = list[tuple[int, int, bool]]


def _runs(life: _Life, statuses: frozenset[str], negate: bool) -> Segments:
    """The maximal stretches of ``life`` in which a clock on ``statuses`` runs (or not)."""
    runs: Segments = []
    start = stop = -1
    flag = False
    for a, b, status in life.spans:
        running = status is not None and (status in statuses) is not negate
        if running is flag and start >= 0:
            stop = b
        else:
            if start >= 0:
                runs.append((start, stop, flag))
            start, stop, flag = a, b, running
    if start >= 0:
        runs.append((start, stop, flag))
    return runs


class _Measurer:
    """Turns the clocks of one walked ticket into :class:`SlaMeasurement` values."""

    __slots__ = ("as_of", "business", "plan", "ticket", "walk")

    def __init__(self, ticket: Ticket, plan: _Plan, walk: _Walk, as_of: dt.datetime) -> None:
        self.ticket = ticket
        self.plan = plan
        self.walk = walk
        self.as_of = as_of
        self.business: list[int] | None = None

    def measure(
        self, metric: str, clock: _Response | _Life, segments: Segments, running_now: bool
    ) -> SlaMeasurement | None:
        """Measure ``clock`` for ``metric``; ``None`` when its priority has no such target."""
        walk = self.walk
        priority = clock.priority or walk.priority
        goal = self.plan.goals.get((priority, metric))
        if goal is None:
            return None
        within, target, business = goal
        ats = walk.ats
        us = walk.us
        engine = self.plan.engine
        if business:
            assert engine is not None
            positions = self.business
            if positions is None:
                position = engine.timeline().position
                positions = self.business = [position(u) for u in us]
        else:
            positions = us
        start = clock.start
        stop = clock.stop
        cancelled = clock.cancelled
        end = len(us) - 1 if stop is None else stop
        elapsed = paused = 0
        deadline: dt.datetime | None = None
        counted: list[Interval] = []
        pauses: list[Interval] = []
        for a, b, running in segments:
            if running:
                span = positions[b] - positions[a]
                if deadline is None and not cancelled and elapsed + span >= target:
                    deadline = self._deadline(business, a, positions[a], target - elapsed)
                elapsed += span
                counted.append((ats[a], ats[b]))
            else:
                paused += positions[b] - positions[a]
                pauses.append((ats[a], ats[b]))
        state: SlaState
        if cancelled:
            state = "cancelled"
        elif stop is not None:
            state = "met" if elapsed <= target else "breached"
        elif elapsed > target:
            state = "breached"
        else:
            state = "running" if running_now else "paused"
        if deadline is None and state in {"met", "running"}:
            deadline = self._deadline(business, end, positions[end], target - elapsed)
        ticket = self.ticket
        return SlaMeasurement(
            ticket_id=ticket.id,
            account_number=ticket.account_number,
            channel=ticket.channel,
            policy=self.plan.name,
            metric=metric,  # type: ignore[arg-type]
            cycle=clock.cycle,
            priority=priority,
            target=within,
            business_hours=business,
            start=ats[start],
            stop=None if stop is None else ats[stop],
            as_of=self.as_of,
            deadline=deadline,
            elapsed=_US * elapsed,
            paused=_US * paused,
            outside_hours=_US * (us[end] - us[start] - elapsed - paused),
            state=state,
            remaining=_US * (target - elapsed),
            counted=tuple(counted),
            pauses=tuple(pauses),
            note=clock.note,
        )

    def _deadline(self, business: bool, origin: int, position: int, rest: int) -> dt.datetime:
        """The instant at which ``rest`` more of the clock has run after instant ``origin``.

        ``position`` is the clock's reading at ``origin``. In business hours the
        instant is in the calendar's zone, otherwise in the zone of ``origin``.
        """
        walk = self.walk
        moment = walk.ats[origin]
        engine = self.plan.engine
        if business:
            assert engine is not None
            if not rest:
                return moment.astimezone(engine.zone)
            return from_us(engine.timeline().inverse(position + rest, walk.us[origin]), engine.zone)
        return from_us(position + rest, moment.tzinfo)


def _evaluate(
    ticket: Ticket, plan: _Plan, as_of: dt.datetime, horizon: int
) -> list[SlaMeasurement]:
    if horizon < _utc(ticket.created_at):
        raise InvalidInputError(
            "as_of",
            as_of,
            f"must not be before the ticket's creation ({ticket.created_at.isoformat()})",
        )
    metrics = plan.metrics(ticket, horizon)
    if not metrics:
        return []
    walk = _Walk(ticket, plan, as_of, horizon, metrics)
    measure = _Measurer(ticket, plan, walk, as_of).measure
    last = len(walk.us) - 1
    us = walk.us
    out: list[SlaMeasurement] = []
    for metric in SLA_METRICS:
        if metric not in metrics:
            continue
        if metric in _RESPONSE:
            for clock in walk.firsts if metric == "first_response" else walk.nexts:
                end = last if clock.stop is None else clock.stop
                segments = [(clock.start, end, True)] if us[end] > us[clock.start] else []
                found = measure(metric, clock, segments, True)
                if found is not None:
                    out.append(found)
            continue
        statuses, negate = plan.lifecycle[metric]
        for life in walk.lives:
            status = life.status
            running = (
                life.stop is None and status is not None and (status in statuses) is not negate
            )
            found = measure(metric, life, _runs(life, statuses, negate), running)
            if found is not None:
                out.append(found)
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
    ticket as it looked then. With a :class:`SlaPolicySet` the policy is
    picked for the ticket (``tier`` is its account's tier). Measurements come
    ordered by metric, then cycle.

    Raises:
        InvalidInputError: ``as_of`` is naive or before the ticket's creation.

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
    moment = check_aware("as_of", as_of)
    chosen = select_policy(policy, ticket, tier=tier)
    return tuple(_evaluate(ticket, _Plan(chosen), moment, _utc(moment)))


def evaluate_many(
    tickets: Iterable[Ticket],
    policies: SlaPolicy | SlaPolicySet,
    /,
    *,
    as_of: dt.datetime,
    tiers: Mapping[str, str] | None = None,
) -> Iterator[SlaMeasurement]:
    """Measure many tickets, one at a time: a generator using constant memory.

    ``tiers`` maps account numbers to account tiers for the policy set's
    rules. Measurements come ticket by ticket, in the order of ``tickets``.

    Raises:
        InvalidInputError: ``as_of`` is naive or before a ticket's creation,
            or an item is not a :class:`~accountplan.tickets.Ticket`.

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
    horizon = _utc(moment)
    if isinstance(policies, SlaPolicy):
        fixed: SlaPolicy | None = policies
    else:
        check_type("policies", policies, SlaPolicySet)
        fixed = None
    lookup = tiers or {}
    plans: dict[int, _Plan] = {}
    for ticket in tickets:
        check_type("tickets", ticket, Ticket)
        if fixed is not None:
            chosen = fixed
        else:
            chosen = select_policy(policies, ticket, tier=lookup.get(ticket.account_number))
        plan = plans.get(id(chosen))
        if plan is None:
            plan = plans[id(chosen)] = _Plan(chosen)
        yield from _evaluate(ticket, plan, moment, horizon)
