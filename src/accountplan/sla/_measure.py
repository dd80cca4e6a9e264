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
from typing import Any

import attrs

from accountplan._typing import SLA_METRICS, SlaMetric, SlaState
from accountplan._validate import check_aware, check_type
from accountplan.exceptions import InvalidInputError
from accountplan.sla._policy import SlaPolicy, SlaPolicySet, SlaTarget, select_policy
from accountplan.tickets import CLOSED, NEW, OPEN, RESOLVED, Priority, Ticket, TicketEventKind

__all__ = [
    "SlaMeasurement",
    "evaluate",
    "evaluate_many",
]

Interval = tuple[dt.datetime, dt.datetime]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ORDER = {metric: index for index, metric in enumerate(SLA_METRICS)}
_RESPONSE = frozenset({"first_response", "next_response"})

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


_NO_STATUSES: frozenset[str] = frozenset()


class _Clock:
    """Running segments of one measurement while the timeline is walked.

    A status-time clock runs while ``(status in statuses) is not negate``;
    a response clock (empty ``statuses``, ``negate=True``) always runs.
    """

    __slots__ = (
        "cancelled",
        "cycle",
        "metric",
        "negate",
        "note",
        "priority",
        "running",
        "segments",
        "since",
        "start",
        "statuses",
        "stop",
    )

    def __init__(
        self,
        metric: str,
        cycle: int,
        start: dt.datetime,
        status: str,
        *,
        statuses: frozenset[str] = _NO_STATUSES,
        negate: bool = True,
    ) -> None:
        self.metric = metric
        self.cycle = cycle
        self.start = start
        self.since = start
        self.statuses = statuses
        self.negate = negate
        self.running = (status in statuses) is not negate
        self.segments: list[tuple[dt.datetime, dt.datetime, bool]] = []
        self.stop: dt.datetime | None = None
        self.cancelled = False
        self.priority: Priority | None = None
        self.note = ""

    def end(self, at: dt.datetime, priority: Priority, note: str, *, cancel: bool = False) -> None:
        if at > self.since:
            self.segments.append((self.since, at, self.running))
        self.since = at
        self.stop = at
        self.priority = priority
        self.note = note
        self.cancelled = cancel

    def resume(self, at: dt.datetime, status: str) -> None:
        assert self.stop is not None
        if at > self.stop:
            self.segments.append((self.stop, at, False))
        self.since = at
        self.running = (status in self.statuses) is not self.negate
        self.stop = None
        self.priority = None
        self.note = ""


#: For each status-time metric: the policy field with its statuses, and
#: whether the clock runs outside (True) or inside (False) those statuses.
_STATUS_RULES = (
    ("resolution", "pause_on", True),
    ("agent_work_time", "work_statuses", False),
    ("requester_wait_time", "wait_statuses", False),
    ("on_hold_time", "hold_statuses", False),
)


def _walk(
    ticket: Ticket, policy: SlaPolicy, as_of: dt.datetime, metrics: frozenset[str]
) -> tuple[list[_Clock], Priority]:
    """Walk the timeline up to ``as_of``; return every clock and the priority at ``as_of``."""
    lifecycle = [
        (metric, getattr(policy, field), negate)
        for metric, field, negate in _STATUS_RULES
        if metric in metrics
    ]
    want_first = "first_response" in metrics
    want_next = "next_response" in metrics
    new_cycle = policy.on_reopen == "new_cycle"
    restart = policy.on_priority_change == "restart"
    created = ticket.created_at
    status = NEW
    priority = ticket.priority
    done: list[_Clock] = []
    cycles = dict.fromkeys(metrics, 0)

    def fresh(at: dt.datetime, index: int) -> _Clock:
        metric, statuses, negate = lifecycle[index]
        cycles[metric] += 1
        return _Clock(metric, cycles[metric], at, status, statuses=statuses, negate=negate)

    def respond(metric: str, at: dt.datetime) -> _Clock:
        cycles[metric] += 1
        return _Clock(metric, cycles[metric], at, status)

    life = [fresh(created, index) for index in range(len(lifecycle))]
    first: _Clock | None = respond("first_response", created) if want_first else None
    following: _Clock | None = None
    agent_replied = False

    for event in ticket.events:
        at = event.at
        if at > as_of:
            break
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
            for clock in life:
                if clock.stop is None:
                    running = (after in clock.statuses) is not clock.negate
                    if running is not clock.running:
                        if at > clock.since:
                            clock.segments.append((clock.since, at, clock.running))
                        clock.since = at
                        clock.running = running
            status = after
        if kind is _AGENT_REPLY:
            agent_replied = True
            if first is not None:
                first.end(at, priority, "first agent reply")
                done.append(first)
                first = None
            if following is not None:
                following.end(at, priority, "agent reply")
                done.append(following)
                following = None
        elif kind is _CUSTOMER_REPLY:
            if want_next and agent_replied and following is None:
                following = respond("next_response", at)
        elif kind is _RESOLVED or kind is _CLOSED:
            verb = "resolved" if kind is _RESOLVED else "closed"
            if first is not None:
                first.end(at, priority, f"{verb} before any agent reply", cancel=True)
                done.append(first)
                first = None
            if following is not None:
                following.end(at, priority, f"{verb} before the agent replied", cancel=True)
                done.append(following)
                following = None
            for clock in life:
                if clock.stop is None:
                    clock.end(at, priority, verb)
        elif kind is _REOPENED:
            for index, clock in enumerate(life):
                if clock.stop is not None:
                    if new_cycle:
                        done.append(clock)
                        life[index] = fresh(at, index)
                    else:
                        clock.resume(at, status)
        elif kind is _PRIORITY_CHANGED and event.priority is not priority:
            new = event.priority
            assert new is not None
            if restart:
                note = f"priority changed to {new.value}: restarted"
                if first is not None:
                    first.end(at, priority, note, cancel=True)
                    done.append(first)
                    first = respond("first_response", at)
                if following is not None:
                    following.end(at, priority, note, cancel=True)
                    done.append(following)
                    following = respond("next_response", at)
                for index, clock in enumerate(life):
                    if clock.stop is None:
                        clock.end(at, priority, note, cancel=True)
                        done.append(clock)
                        life[index] = fresh(at, index)
            priority = new
    if first is not None:
        done.append(first)
    if following is not None:
        done.append(following)
    done.extend(life)
    return done, priority


def _us(value: dt.timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def _real_us(moment: dt.datetime) -> int:
    return _us(moment - _EPOCH)


class _Timer:
    """Positions of instants on one clock (microseconds), memoised per ticket.

    ``pos(b) - pos(a)`` is the clock's time in ``[a, b)``: real time for
    targets counted around the clock, the calendar's business time otherwise
    (``BusinessCalendar.position``, one lookup an instant).
    """

    __slots__ = ("calendar", "memo")

    def __init__(self, calendar: Any) -> None:
        self.calendar = calendar
        self.memo: dict[dt.datetime, int] = {}

    def pos(self, moment: dt.datetime) -> int:
        found = self.memo.get(moment)
        if found is None:
            if self.calendar is None:
                found = _real_us(moment)
            else:
                found = _us(self.calendar.position(moment))
            self.memo[moment] = found
        return found

    def add(self, moment: dt.datetime, micros: int) -> dt.datetime:
        if self.calendar is None:
            utc = moment.astimezone(dt.UTC) + dt.timedelta(microseconds=micros)
            return utc.astimezone(moment.tzinfo)
        result: dt.datetime = self.calendar.add(moment, dt.timedelta(microseconds=micros))
        return result


Index = dict[tuple[Priority, str], SlaTarget]


def _index(policy: SlaPolicy) -> Index:
    return {
        (priority, target.metric): target
        for priority, targets in policy.targets_by_priority.items()
        for target in targets
    }


def _measure(
    clock: _Clock,
    /,
    *,
    ticket: Ticket,
    policy: SlaPolicy,
    index: Index,
    as_of: dt.datetime,
    priority_now: Priority,
    timers: list[_Timer],
) -> SlaMeasurement | None:
    priority = clock.priority or priority_now
    target = index.get((priority, clock.metric))
    if target is None:
        return None
    segments = clock.segments
    if clock.stop is None:
        end = as_of
        if as_of > clock.since:
            segments.append((clock.since, as_of, clock.running))
            clock.since = as_of
    else:
        end = clock.stop
    real = timers[0]
    if target.business_hours:
        if len(timers) == 1:
            timers.append(_Timer(policy.calendar))
        timer = timers[1]
    else:
        timer = real
    memo = timer.memo
    goal = _us(target.within)
    elapsed = paused = 0
    deadline: dt.datetime | None = None
    counted: list[Interval] = []
    pauses: list[Interval] = []
    cancelled = clock.cancelled
    for a, b, running in segments:
        pa = memo.get(a)
        if pa is None:
            pa = timer.pos(a)
        pb = memo.get(b)
        if pb is None:
            pb = timer.pos(b)
        if running:
            span = pb - pa
            if deadline is None and elapsed + span >= goal and not cancelled:
                deadline = timer.add(a, goal - elapsed)
            elapsed += span
            counted.append((a, b))
        else:
            paused += pb - pa
            pauses.append((a, b))
    wall = real.pos(end) - real.pos(clock.start)
    state: SlaState
    if cancelled:
        state = "cancelled"
    elif clock.stop is not None:
        state = "met" if elapsed <= goal else "breached"
    elif elapsed > goal:
        state = "breached"
    else:
        state = "running" if clock.running else "paused"
    if deadline is None and state in {"met", "running"}:
        deadline = timer.add(end, goal - elapsed)
    return SlaMeasurement(
        ticket_id=ticket.id,
        account_number=ticket.account_number,
        channel=ticket.channel,
        policy=policy.name,
        metric=clock.metric,  # type: ignore[arg-type]
        cycle=clock.cycle,
        priority=priority,
        target=target.within,
        business_hours=target.business_hours,
        start=clock.start,
        stop=clock.stop,
        as_of=as_of,
        deadline=deadline,
        elapsed=dt.timedelta(microseconds=elapsed),
        paused=dt.timedelta(microseconds=paused),
        outside_hours=dt.timedelta(microseconds=wall - elapsed - paused),
        state=state,
        remaining=dt.timedelta(microseconds=goal - elapsed),
        counted=tuple(counted),
        pauses=tuple(pauses),
        note=clock.note,
    )


def _metrics_seen(ticket: Ticket, policy: SlaPolicy, as_of: dt.datetime) -> frozenset[str]:
    priorities = {ticket.priority}
    for event in ticket.events:
        if event.at > as_of:
            break
        if event.priority is not None:
            priorities.add(event.priority)
    found: set[str] = set()
    for priority in priorities:
        for target in policy.targets_by_priority.get(priority, ()):
            found.add(target.metric)
    return frozenset(found)


def _evaluate(
    ticket: Ticket, policy: SlaPolicy, index: Index, as_of: dt.datetime
) -> list[SlaMeasurement]:
    if as_of < ticket.created_at:
        raise InvalidInputError(
            "as_of",
            as_of,
            f"must not be before the ticket's creation ({ticket.created_at.isoformat()})",
        )
    metrics = _metrics_seen(ticket, policy, as_of)
    if not metrics:
        return []
    clocks, priority_now = _walk(ticket, policy, as_of, metrics)
    timers = [_Timer(None)]
    out: list[SlaMeasurement] = []
    for clock in clocks:
        measured = _measure(
            clock,
            ticket=ticket,
            policy=policy,
            index=index,
            as_of=as_of,
            priority_now=priority_now,
            timers=timers,
        )
        if measured is not None:
            out.append(measured)
    out.sort(key=lambda m: (_ORDER[m.metric], m.cycle))
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
    return tuple(_evaluate(ticket, chosen, _index(chosen), moment))


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
    if isinstance(policies, SlaPolicy):
        fixed: SlaPolicy | None = policies
    else:
        check_type("policies", policies, SlaPolicySet)
        fixed = None
    lookup = tiers or {}
    indexes: dict[int, Index] = {}
    for ticket in tickets:
        check_type("tickets", ticket, Ticket)
        if fixed is not None:
            chosen = fixed
        else:
            chosen = select_policy(policies, ticket, tier=lookup.get(ticket.account_number))
        index = indexes.get(id(chosen))
        if index is None:
            index = indexes[id(chosen)] = _index(chosen)
        yield from _evaluate(ticket, chosen, index, moment)
