"""A slow, plain reference for SLA measurement, to check the fast one against.

The rules are those of :mod:`accountplan.sla._measure` (see its docstring):
one walk over the timeline collects the clocks with their running and paused
stretches as datetimes; each stretch is then measured on its own with the
public :meth:`BusinessCalendar.elapsed` (or real time), and deadlines come
from :meth:`BusinessCalendar.add`. No positions, memos or integer clocks.
"""

from __future__ import annotations

import datetime as dt

from accountplan._typing import SLA_METRICS
from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import InvalidInputError
from accountplan.sla import SlaMeasurement, SlaPolicy, SlaTarget
from accountplan.tickets import CLOSED, NEW, OPEN, RESOLVED, Priority, Ticket, TicketEventKind

__all__ = ["reference_evaluate"]

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


Index = dict[tuple[Priority, str], SlaTarget]


def _index(policy: SlaPolicy) -> Index:
    return {
        (priority, target.metric): target
        for priority, targets in policy.targets_by_priority.items()
        for target in targets
    }


def _clock_time(
    target: SlaTarget, calendar: BusinessCalendar | None, a: dt.datetime, b: dt.datetime
) -> dt.timedelta:
    if target.business_hours:
        assert calendar is not None
        return calendar.elapsed(a, b)
    return b.astimezone(dt.UTC) - a.astimezone(dt.UTC)


def _clock_add(
    target: SlaTarget,
    calendar: BusinessCalendar | None,
    a: dt.datetime,
    rest: dt.timedelta,
    zone: dt.tzinfo | None,
) -> dt.datetime:
    """``rest`` more clock time after ``a``: in the calendar's zone, else in ``zone``."""
    if target.business_hours:
        assert calendar is not None
        return calendar.add(a, rest)
    return (a.astimezone(dt.UTC) + rest).astimezone(zone)


def _measure(
    clock: _Clock,
    *,
    ticket: Ticket,
    policy: SlaPolicy,
    index: Index,
    as_of: dt.datetime,
    priority_now: Priority,
) -> SlaMeasurement | None:
    priority = clock.priority or priority_now
    target = index.get((priority, clock.metric))
    if target is None:
        return None
    segments = list(clock.segments)
    if clock.stop is None:
        end = as_of
        if as_of > clock.since:
            segments.append((clock.since, as_of, clock.running))
    else:
        end = clock.stop
    # Stretches are maximal: a paused stretch up to resolving and the resolved
    # stretch after it are one pause.
    joined: list[tuple[dt.datetime, dt.datetime, bool]] = []
    for a, b, running in segments:
        if joined and joined[-1][2] == running and joined[-1][1] == a:
            joined[-1] = (joined[-1][0], b, running)
        else:
            joined.append((a, b, running))
    segments = joined
    calendar = policy.calendar
    zero = dt.timedelta(0)
    elapsed = paused = zero
    deadline: dt.datetime | None = None
    counted: list[Interval] = []
    pauses: list[Interval] = []
    for a, b, running in segments:
        span = _clock_time(target, calendar, a, b)
        if running:
            if deadline is None and elapsed + span >= target.within and not clock.cancelled:
                deadline = _clock_add(
                    target, calendar, a, target.within - elapsed, clock.start.tzinfo
                )
            elapsed += span
            counted.append((a, b))
        else:
            paused += span
            pauses.append((a, b))
    wall = end.astimezone(dt.UTC) - clock.start.astimezone(dt.UTC)
    state: str
    if clock.cancelled:
        state = "cancelled"
    elif clock.stop is not None:
        state = "met" if elapsed <= target.within else "breached"
    elif elapsed > target.within:
        state = "breached"
    else:
        state = "running" if clock.running else "paused"
    if deadline is None and state in {"met", "running"}:
        deadline = _clock_add(target, calendar, end, target.within - elapsed, clock.start.tzinfo)
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
        elapsed=elapsed,
        paused=paused,
        outside_hours=wall - elapsed - paused,
        state=state,
        remaining=target.within - elapsed,
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


def reference_evaluate(
    ticket: Ticket, policy: SlaPolicy, as_of: dt.datetime
) -> tuple[SlaMeasurement, ...]:
    """The measurements of ``ticket`` at ``as_of``, computed the slow, plain way."""
    if as_of < ticket.created_at:
        raise InvalidInputError("as_of", as_of, "before the ticket's creation")
    index = _index(policy)
    metrics = _metrics_seen(ticket, policy, as_of)
    if not metrics:
        return ()
    clocks, priority_now = _walk(ticket, policy, as_of, metrics)
    out: list[SlaMeasurement] = []
    for clock in clocks:
        measured = _measure(
            clock,
            ticket=ticket,
            policy=policy,
            index=index,
            as_of=as_of,
            priority_now=priority_now,
        )
        if measured is not None:
            out.append(measured)
    out.sort(key=lambda m: (_ORDER[m.metric], m.cycle))
    return tuple(out)
