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

from accountplan.tickets import CLOSED, NEW, OPEN, RESOLVED, Priority, Ticket, TicketEventKind

__all__ = ["LIFECYCLE", "STATUS_RULES", "Clock", "Response", "Walk"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)

_AGENT_REPLY = TicketEventKind.AGENT_REPLY
_CUSTOMER_REPLY = TicketEventKind.CUSTOMER_REPLY
_RESOLVED = TicketEventKind.RESOLVED
_CLOSED = TicketEventKind.CLOSED
_REOPENED = TicketEventKind.REOPENED
_PRIORITY_CHANGED = TicketEventKind.PRIORITY_CHANGED
_STATUS_CHANGED = TicketEventKind.STATUS_CHANGED

#: For each status-time metric: the policy field with its statuses, and
#: whether the clock runs outside (True) or inside (False) those statuses.
STATUS_RULES = (
    ("resolution", "pause_on", True),
    ("agent_work_time", "work_statuses", False),
    ("requester_wait_time", "wait_statuses", False),
    ("on_hold_time", "hold_statuses", False),
)
#: The metrics measured on the status-time clock.
LIFECYCLE = frozenset(metric for metric, _, _ in STATUS_RULES)


#: The status of the stretch between resolving and reopening (the clocks stand still).
_STOPPED = None

#: A response clock once the timeline is walked: cycle, start and stop
#: (instant indexes; no stop while it runs), the priority when it stopped,
#: why it stopped, and whether it was cancelled.
Response = tuple[int, int, int | None, Priority | None, str, bool]


class Clock:
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


class Walk:
    """The clocks of one ticket up to ``as_of``, and the instants they refer to by index.

    ``ats`` holds the creation, each event up to ``as_of`` and ``as_of``
    itself; ``us`` the same instants in microseconds since the epoch
    (``created`` is the first of them).
    """

    __slots__ = ("ats", "firsts", "lives", "nexts", "priority", "running", "us")

    def __init__(
        self,
        ticket: Ticket,
        as_of: dt.datetime,
        horizon: int,
        metrics: frozenset[str],
        *,
        created: int,
        new_cycle: bool,
        restart: bool,
    ) -> None:
        ats = [ticket.created_at]
        us = [created]
        add_at = ats.append
        add_us = us.append
        status = NEW
        priority = ticket.priority
        want_next = "next_response" in metrics
        firsts: list[Response] = []
        nexts: list[Response] = []
        lives: list[Clock] = []
        # The start of the running first-response and next-response clocks (-1: none).
        first = 0 if "first_response" in metrics else -1
        following = -1
        life: Clock | None = None
        if not metrics.isdisjoint(LIFECYCLE):
            life = Clock(1, 0, status)
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
                        life = Clock(len(lives) + 1, i, status)
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
                        life = Clock(len(lives) + 1, i, status)
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
