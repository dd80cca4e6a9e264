"""evaluate_frame: SLA measurements for whole frames of tickets, computed column by column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from accountplan._validate import check_aware, check_type
from accountplan.calendars import CalendarIndex
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.frames._checks import (
    _AGENT_REPLY,
    _AS_OF,
    _CLOSED,
    _CREATED,
    _CUSTOMER_REPLY,
    _EPOCH,
    _PRIORITIES,
    _PRIORITY_CHANGED,
    _PRIORITY_VALUES,
    _REOPENED,
    _RESOLVED,
    _US,
    _Columns,
    _moment,
    _where,
)
from accountplan.frames._tickets import _build_tickets
from accountplan.sla import HORIZON_END, HORIZON_START, SlaPolicy, evaluate

__all__ = ["MEASUREMENT_COLUMNS", "evaluate_frame"]

MEASUREMENT_COLUMNS = (
    "ticket_id",
    "account_number",
    "channel",
    "policy",
    "metric",
    "cycle",
    "priority",
    "target",
    "business_hours",
    "start",
    "stop",
    "as_of",
    "deadline",
    "elapsed",
    "paused",
    "outside_hours",
    "state",
    "remaining",
    "note",
)
"""The columns of [evaluate_frame][accountplan.frames.evaluate_frame]'s result, in order: the
fields of [SlaMeasurement][accountplan.sla.SlaMeasurement] but ``counted`` and ``pauses``."""

_LOW = (HORIZON_START - _EPOCH) // _US
_HIGH = (HORIZON_END - _EPOCH) // _US
_NAT = np.iinfo(np.int64).min

#: Metric codes in report order (the order of ``SlaMeasurement`` per ticket).
_METRICS = (
    "first_response",
    "next_response",
    "resolution",
    "agent_work_time",
    "requester_wait_time",
    "on_hold_time",
)
#: Status-time metrics: code, the policy field with their statuses, whether they run outside them.
_STATUS_RULES = (
    (2, "pause_on", True),
    (3, "work_statuses", False),
    (4, "wait_statuses", False),
    (5, "hold_statuses", False),
)


# -- the calendar's timeline as arrays ----------------------------------------------------------


class _Timeline:
    """A calendar's working intervals over a span, with the business time before each.

    ``starts``/``ends`` are the intervals in microseconds; ``before`` the
    business time from the span's start to each interval's start. Positions
    are relative to the span's start; ``base`` is the span start's position
    in the calendar's [CalendarIndex][accountplan.calendars.CalendarIndex],
    for the few deadlines that fall past the span.
    """

    def __init__(self, policy: SlaPolicy, low: int, high: int, reach: int) -> None:
        calendar = policy.calendar
        assert calendar is not None
        self.index = CalendarIndex(calendar)
        self.base = self.index.position_us(low)
        self.low = low
        end = high
        if reach:
            # Far enough for every deadline: the span's end plus the longest target.
            try:
                end = max(high, (calendar.add(_moment(high), reach * _US) - _EPOCH) // _US + 1)
            except LimitExceededError:
                end = high
        bounds: list[int] = []
        for a, b in calendar.intervals(_moment(low), _moment(end)):
            bounds += ((a - _EPOCH) // _US, (b - _EPOCH) // _US)
        pairs = np.asarray(bounds, dtype=np.int64).reshape(-1, 2)
        self.starts = np.ascontiguousarray(pairs[:, 0])
        self.ends = np.ascontiguousarray(pairs[:, 1])
        lengths = self.ends - self.starts
        self.after = np.cumsum(lengths)
        self.before = self.after - lengths
        # For positions: an empty interval at the span's start first, so every instant of
        # the span has an interval that starts at or before it.
        self._from = np.concatenate(([low], self.starts))
        self._length = np.concatenate(([0], lengths))
        self._before = np.concatenate(([0], self.before))

    def positions(self, us: Any) -> Any:
        """The business time from the span's start up to each instant (within the span)."""
        k = np.searchsorted(self._from, us, side="right")
        k -= 1
        inside = us - self._from[k]
        np.minimum(inside, self._length[k], out=inside)
        inside += self._before[k]
        return inside

    def instants(self, positions: Any, hints: Any) -> Any:
        """The first instant reaching each position (> 0): the close when it ends an interval."""
        i = np.searchsorted(self.after, positions, side="left")
        inside = i < self.after.size
        k = np.minimum(i, max(self.after.size - 1, 0))
        out = np.empty_like(positions)
        if self.after.size:
            out[:] = self.starts[k] + positions - self.before[k]
        for j in np.flatnonzero(~inside):
            out[j] = self.index.instant_us(int(positions[j]) + self.base, hint_us=int(hints[j]))
        return out


# -- evaluate_frame -----------------------------------------------------------------------------


def _first_per_group(flag: Any, group: Any) -> tuple[Any, Any]:
    """The first flagged position of each group (groups sorted): (groups, positions)."""
    where = np.flatnonzero(flag)
    g = group[where]
    keep = np.ones(g.size, dtype=bool)
    keep[1:] = g[1:] != g[:-1]
    return g[keep], where[keep]


def _last_per_group(flag: Any, group: Any) -> tuple[Any, Any]:
    """The last flagged position of each group (groups sorted): (groups, positions)."""
    where = np.flatnonzero(flag)
    g = group[where]
    keep = np.ones(g.size, dtype=bool)
    keep[:-1] = g[1:] != g[:-1]
    return g[keep], where[keep]


def _carry(setter: Any, values: Any) -> Any:
    """Carry ``values`` forward from each row where ``setter`` holds (a ticket's first row does)."""
    rows = np.where(
        setter, np.arange(setter.size, dtype=np.int32 if setter.size < 2**31 else np.int64), 0
    )
    np.maximum.accumulate(rows, out=rows)
    return values[rows]


#: The columns each piece of measurements carries (codes and microseconds).
_PARTS = (
    "ticket",
    "metric",
    "cycle",
    "priority",
    "target",
    "business",
    "start",
    "stop",
    "deadline",
    "elapsed",
    "paused",
    "outside",
    "state",
    "note",
)


#: The notes of the columnar clocks, by code (the scalar engine's words).
_NOTES = (
    "",
    "first agent reply",
    "agent reply",
    "resolved before any agent reply",
    "closed before any agent reply",
    "resolved before the agent replied",
    "closed before the agent replied",
    "resolved",
    "closed",
)


class _Out:
    """Measurement columns gathered piece by piece, in arrays; notes as codes."""

    def __init__(self) -> None:
        self.parts: list[dict[str, Any]] = []
        self.notes: list[str] = list(_NOTES)

    def note(self, text: str) -> int:
        """The code of a note, new notes (from the scalar engine) added."""
        if text not in self.notes:
            self.notes.append(text)
        return self.notes.index(text)

    def add(self, **columns: Any) -> None:
        self.parts.append(columns)


def evaluate_frame(
    tickets: Any, events: Any, policy: SlaPolicy, /, *, as_of: dt.datetime
) -> pd.DataFrame:
    """Measure every ticket of the frames against ``policy`` at ``as_of``, column by column.

    The result has one row per measurement, the same measurements with the
    same values as [sla.evaluate][accountplan.sla.evaluate] gives for each
    ticket (to the microsecond), ordered by ticket (the order of the tickets
    frame), then metric, then cycle. Its columns are
    [MEASUREMENT_COLUMNS][accountplan.frames.MEASUREMENT_COLUMNS]: instants
    in UTC (``stop`` and ``deadline`` are ``NaT`` where the scalar result has
    ``None``), durations as ``timedelta64[us]``, ``priority`` as its value
    (``"high"``). Tickets may carry integer ids: they are kept as they are
    in ``ticket_id``.

    Args:
        tickets: The tickets frame (see the module notes for its columns).
        events: The events frame.
        policy: The [SlaPolicy][accountplan.sla.SlaPolicy] to measure against.
        as_of: The instant the tickets are looked at (aware).

    Returns:
        The measurements as a DataFrame.

    Raises:
        InvalidTypeError: A frame or column has the wrong type, or ``policy``
            is not an [SlaPolicy][accountplan.sla.SlaPolicy].
        InvalidInputError: A bad cell (named by row and column, as in
            [tickets_from_frame][accountplan.frames.tickets_from_frame]),
            ``as_of`` naive or before a ticket's creation.
        LimitExceededError: ``as_of`` or a ``created_at`` outside the
            supported horizon, or a business-hours deadline beyond the
            calendar's horizon.

    Examples:
        >>> import datetime as dt
        >>> import pandas as pd
        >>> from accountplan.sla import SlaPolicy, SlaTarget
        >>> from accountplan.tickets import Priority
        >>> policy = SlaPolicy(name="24x7", targets_by_priority={Priority.HIGH: [
        ...     SlaTarget(metric="first_response", within=dt.timedelta(hours=1),
        ...               business_hours=False)]})
        >>> tickets = pd.DataFrame({
        ...     "id": ["T-1", "T-2"], "account_number": ["A-1", "A-1"],
        ...     "priority": ["high", "high"],
        ...     "created_at": pd.to_datetime(["2026-03-02T09:00Z", "2026-03-02T10:00Z"], utc=True)})
        >>> events = pd.DataFrame({
        ...     "ticket_id": ["T-1", "T-2"], "kind": ["agent_reply", "agent_reply"],
        ...     "at": pd.to_datetime(["2026-03-02T09:30Z", "2026-03-02T11:30Z"], utc=True)})
        >>> out = evaluate_frame(tickets, events, policy,
        ...                      as_of=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
        >>> out[["ticket_id", "metric", "state"]].to_numpy().tolist()
        [['T-1', 'first_response', 'met'], ['T-2', 'first_response', 'breached']]
    """
    check_type("policy", policy, SlaPolicy)
    moment = check_aware("as_of", as_of)
    horizon = (moment - _EPOCH) // _US
    if not _LOW <= horizon < _HIGH:
        raise LimitExceededError(
            "as_of",
            as_of,
            f"{HORIZON_START.isoformat()} up to {HORIZON_END.isoformat()} (excluded)",
            f"is outside the supported horizon, {HORIZON_START.isoformat()} up to "
            f"{HORIZON_END.isoformat()} (excluded)",
        )
    columns = _Columns(tickets, events)
    created = columns.created
    outside = np.flatnonzero((created < _LOW) | (created >= _HIGH))
    if outside.size:
        t = int(outside[0])
        raise LimitExceededError(
            _where("tickets", columns.tickets, t, "created_at"),
            _moment(int(created[t])),
            f"{HORIZON_START.isoformat()} up to {HORIZON_END.isoformat()} (excluded)",
            f"is outside the supported horizon, {HORIZON_START.isoformat()} up to "
            f"{HORIZON_END.isoformat()} (excluded)",
        )
    late = np.flatnonzero(created > horizon)
    if late.size:
        t = int(late[0])
        raise InvalidInputError(
            "as_of",
            as_of,
            f"must not be before the creation of ticket {columns.ids[t]!r} "
            f"({_moment(int(created[t])).isoformat()})",
        )
    return _Evaluation(columns, policy, moment, horizon).frame()


class _Evaluation:
    """One evaluate_frame call: the timeline rows, then each clock's columns."""

    def __init__(
        self, columns: _Columns, policy: SlaPolicy, as_of: dt.datetime, horizon: int
    ) -> None:
        self.columns = columns
        self.policy = policy
        self.as_of = as_of
        self.horizon = horizon
        # Goals: priority code x metric code.
        self.has = np.zeros((len(_PRIORITIES), len(_METRICS)), dtype=bool)
        self.target = np.zeros((len(_PRIORITIES), len(_METRICS)), dtype=np.int64)
        self.business = np.zeros((len(_PRIORITIES), len(_METRICS)), dtype=bool)
        for p, priority in enumerate(_PRIORITIES):
            for target in policy.targets_by_priority.get(priority, ()):
                m = _METRICS.index(target.metric)
                self.has[p, m] = True
                self.target[p, m] = target.within // _US
                self.business[p, m] = target.business_hours
        self.out = _Out()

    # The timeline: per ticket the creation, its events up to as_of, and as_of.
    def _rows(self, keep_ticket: Any) -> None:
        c = self.columns
        horizon = self.horizon
        counted = (c.at <= horizon) & keep_ticket[c.owner]
        owner = c.owner[counted]
        k = np.bincount(owner, minlength=len(c.created))
        tickets = np.flatnonzero(keep_ticket)
        sizes = k[tickets] + 2
        n_rows = int(sizes.sum())
        start = np.zeros(tickets.size, dtype=np.int64)
        if tickets.size:
            start[1:] = np.cumsum(sizes)[:-1]
        last = start + sizes - 1
        kind = np.full(n_rows, _AS_OF, dtype=np.int8)
        kind[start] = _CREATED
        is_event = np.ones(n_rows, dtype=bool)
        is_event[start] = False
        is_event[last] = False
        kind[is_event] = c.kind[counted]
        us = np.full(n_rows, horizon, dtype=np.int64)
        us[start] = c.created[tickets]
        us[is_event] = c.at[counted]
        status_set = np.full(n_rows, -1, dtype=np.int32)
        status_set[is_event] = c.status[counted]
        status_set[start] = 0  # new
        status_set[kind == _RESOLVED] = 2
        status_set[kind == _REOPENED] = 1
        status_set[kind == _CLOSED] = 3
        prio_set = np.full(n_rows, -1, dtype=np.int8)
        prio_set[is_event] = c.new_priority[counted]
        prio_set[start] = c.priority[tickets]
        self.tickets = tickets  # ticket positions measured here
        self.n_rows = n_rows
        self.start = start
        self.last = last
        self.kind = kind
        self.us = us
        self.status = _carry(status_set >= 0, status_set)
        self.prio = _carry(prio_set >= 0, prio_set)
        # The local number of each row's ticket (0 .. len(tickets) - 1).
        self.local = np.repeat(np.arange(tickets.size, dtype=np.int32), sizes)

    def _restarts(self) -> Any:
        """Tickets whose priority changes while ``on_priority_change="restart"``."""
        keep = np.ones(len(self.columns.created), dtype=bool)
        self._rows(keep)
        if self.policy.on_priority_change != "restart":
            return np.zeros_like(keep)
        before = np.roll(self.prio, 1)
        changed = (self.kind == _PRIORITY_CHANGED) & (self.prio != before)
        flagged = np.zeros_like(keep)
        flagged[self.tickets[self.local[changed]]] = True
        return flagged

    def frame(self) -> pd.DataFrame:
        c = self.columns
        scalar = self._restarts()
        needs_business = bool((self.has & self.business).any())
        self.timeline: _Timeline | None = None
        if scalar.any():
            self._rows(~scalar)
        if needs_business and self.n_rows:
            assert self.policy.calendar is not None
            low = int(self.us.min())
            reach = int(self.target[self.business & self.has].max())
            try:
                self.timeline = _Timeline(self.policy, low, self.horizon, reach)
                self.pos = self.timeline.positions(self.us)
            except LimitExceededError:
                scalar[:] = True  # the scalar engine says which ticket cannot be measured
                self._rows(~scalar)
        if self.n_rows:
            self._responses()
            self._lifecycle()
        # The timeline rows are done with: free them before the result is built.
        for name in ("us", "pos", "kind", "status", "prio", "local", "start", "last"):
            self.__dict__.pop(name, None)
        if scalar.any():
            self._scalar(np.flatnonzero(scalar))
        return self._assemble(len(c.created))

    # -- response clocks --------------------------------------------------------------------
    def _responses(self) -> None:
        kind = self.kind
        row_ticket = self.local
        n = self.tickets.size
        # first_response: creation to the first agent reply, cancelled by resolving or closing.
        stops = (kind == _AGENT_REPLY) | (kind == _RESOLVED) | (kind == _CLOSED)
        groups, rows = _first_per_group(stops, row_ticket)
        stop = np.full(n, -1, dtype=np.int64)
        stop[groups] = rows
        self._response(0, self.start, stop, np.ones(n, dtype=np.int64))
        # next_response: a customer reply after an agent reply, to the next agent reply.
        agent = (kind == _AGENT_REPLY).astype(np.int64)
        replies = np.cumsum(agent)
        replied_before = (replies - agent - replies[self.start][row_ticket]) > 0
        valid = (kind == _CUSTOMER_REPLY) & replied_before
        toggle = np.full(self.n_rows, -1, dtype=np.int8)
        toggle[stops] = 0
        toggle[valid] = 1
        toggle[self.start] = 0
        running = _carry(toggle >= 0, toggle)
        before = np.roll(running, 1)
        starts = np.flatnonzero(valid & (before == 0))
        ends = np.flatnonzero(stops & (before == 1))
        if not starts.size:
            return
        found = np.searchsorted(ends, starts)
        clipped = np.minimum(found, max(ends.size - 1, 0))
        paired = (found < ends.size) & (
            self.local[ends[clipped]] == self.local[starts] if ends.size else False
        )
        stop = np.where(paired, ends[clipped] if ends.size else -1, -1)
        owner = row_ticket[starts]
        first_of = np.searchsorted(owner, owner, side="left")
        cycle = np.arange(starts.size) - first_of + 1
        self._response(1, starts, stop, cycle)

    def _response(self, metric: int, start: Any, stop: Any, cycle: Any) -> None:
        """Response measurements: one clock from ``start`` to ``stop`` (-1: runs) per entry."""
        ticket_rows = self.local[start]
        end = np.where(stop >= 0, stop, self.last[ticket_rows])
        stopped = stop >= 0
        prio = self.prio[end]  # at the stop, or at as_of (the last row)
        keep = self.has[prio, metric]
        start, stop, end, cycle, prio, stopped = (
            start[keep],
            stop[keep],
            end[keep],
            cycle[keep],
            prio[keep],
            stopped[keep],
        )
        target = self.target[prio, metric]
        business = self.business[prio, metric]
        us = self.us
        begin = us[start]
        real = us[end] - begin
        elapsed = real.copy()
        if business.any():
            assert self.timeline is not None
            elapsed[business] = self.pos[end[business]] - self.pos[start[business]]
        stop_kind = self.kind[np.maximum(stop, 0)]
        cancelled = stopped & (stop_kind != _AGENT_REPLY)
        state = np.where(
            cancelled,
            4,
            np.where(stopped, np.where(elapsed <= target, 0, 1), np.where(elapsed > target, 1, 2)),
        )
        deadline = begin + target
        on_calendar = business & (target > 0)
        if on_calendar.any():
            assert self.timeline is not None
            wanted = self.pos[start[on_calendar]] + target[on_calendar]
            hint = np.where(
                elapsed[on_calendar] >= target[on_calendar],
                begin[on_calendar],
                us[end[on_calendar]],
            )
            deadline[on_calendar] = self.timeline.instants(wanted, hint)
        deadline[cancelled] = _NAT
        # Note codes (see _NOTES): the reply that stopped the clock, or what cancelled it.
        cancelled_note = 3 + 2 * metric + (stop_kind != _RESOLVED)
        note = np.where(cancelled, cancelled_note, np.where(stopped, 1 + metric, 0))
        self.out.add(
            ticket=self.tickets[self.local[start]],
            metric=np.full(start.size, metric),
            cycle=cycle,
            priority=prio,
            target=target,
            business=business,
            start=begin,
            stop=np.where(stopped, us[np.maximum(stop, 0)], _NAT),
            deadline=deadline,
            elapsed=elapsed,
            paused=np.zeros(start.size, dtype=np.int64),
            outside=real - elapsed,
            state=state,
            note=note,
        )

    # -- status-time clocks -----------------------------------------------------------------
    def _lifecycle(self) -> None:
        policy = self.policy
        if not self.has[:, 2:].any():
            return
        kind = self.kind
        n_rows = self.n_rows
        toggle = np.full(n_rows, -1, dtype=np.int8)
        toggle[(kind == _RESOLVED) | (kind == _CLOSED)] = 0
        toggle[(kind == _REOPENED) | (kind == _CREATED)] = 1
        running = _carry(toggle >= 0, toggle)
        before = np.roll(running, 1)
        effective_stop = ((kind == _RESOLVED) | (kind == _CLOSED)) & (before == 1)
        clock_start = kind == _CREATED
        if policy.on_reopen == "new_cycle":
            clock_start = clock_start | ((kind == _REOPENED) & (before == 0))
        clock = np.cumsum(clock_start, dtype=np.int32) - 1
        starts = np.flatnonzero(clock_start)
        del toggle, before, clock_start
        n_clocks = starts.size
        last_row = np.empty(n_clocks, dtype=np.int64)
        last_row[:-1] = starts[1:] - 1
        last_row[-1] = n_rows - 1
        stopped = running[last_row] == 0
        groups, rows = _last_per_group(effective_stop, clock)
        stop = np.full(n_clocks, -1, dtype=np.int64)
        stop[groups] = rows
        stop[~stopped] = -1
        end = np.where(stopped, stop, last_row)
        prio = self.prio[end]
        local = self.local[starts]
        cycle = np.arange(n_clocks) - np.searchsorted(local, local, side="left") + 1
        us = self.us
        # Spans: row r to row r + 1 of the same clock, up to the clock's end, not empty.
        length = us[1:] - us[:-1]
        in_clock = np.arange(n_rows - 1) < end[clock[:-1]]
        in_clock &= length > 0
        span_rows = np.flatnonzero(in_clock)
        del in_clock
        span_clock = clock[span_rows]
        del clock
        real = length[span_rows]
        del length
        on = running[span_rows] == 1
        status = self.status[span_rows]
        if self.timeline is not None:
            business_length = self.pos[span_rows + 1] - self.pos[span_rows]
        else:
            business_length = real
        stop_kind = kind[np.maximum(stop, 0)]
        # Each clock's spans are span_clock's run bounds[c] .. bounds[c + 1].
        bounds = np.searchsorted(span_clock, np.arange(n_clocks + 1), side="left")
        for metric, field, negate in _STATUS_RULES:
            has = self.has[prio, metric]
            if not has.any():
                continue
            counts = np.zeros(len(self.columns.status_values), dtype=bool)
            chosen = getattr(policy, field)
            for code, name in enumerate(self.columns.status_values):
                counts[code] = (name in chosen) is not negate
            target = self.target[prio, metric]
            business = self.business[prio, metric]
            runs = on & counts[status]
            if business.all():
                span_length = business_length
            elif not business.any():
                span_length = real
            else:
                span_length = np.where(business[span_clock], business_length, real)
            whole = np.zeros(span_length.size + 1, dtype=np.int64)
            np.cumsum(span_length, out=whole[1:])
            total = whole[bounds[1:]] - whole[bounds[:-1]]
            del whole
            ran = np.where(runs, span_length, 0)
            reached_by = np.zeros(ran.size + 1, dtype=np.int64)
            np.cumsum(ran, out=reached_by[1:])
            elapsed = reached_by[bounds[1:]] - reached_by[bounds[:-1]]
            paused = total - elapsed
            inclusive = reached_by[1:]
            inclusive -= reached_by[bounds[:-1]][span_clock]
            del reached_by
            hit = runs & (inclusive >= target[span_clock])
            groups, hit_at = _first_per_group(hit, span_clock)
            reached = np.full(n_clocks, -1, dtype=np.int64)
            reached_at = elapsed.copy()
            reached[groups] = span_rows[hit_at]
            reached_at[groups] = inclusive[hit_at] - ran[hit_at]
            current = counts[self.status[last_row]] & (running[last_row] == 1)
            state = np.where(
                stopped,
                np.where(elapsed <= target, 0, 1),
                np.where(elapsed > target, 1, np.where(current, 2, 3)),
            )
            has_deadline = (reached >= 0) | (state != 3)
            at_row = np.where(reached >= 0, reached, end)
            rest = target - reached_at
            deadline = us[at_row] + rest
            on_calendar = business & (rest > 0) & has_deadline
            if on_calendar.any():
                assert self.timeline is not None
                wanted = self.pos[at_row[on_calendar]] + rest[on_calendar]
                deadline[on_calendar] = self.timeline.instants(wanted, us[at_row[on_calendar]])
            deadline[~has_deadline] = _NAT
            note = np.where(stopped, np.where(stop_kind == _RESOLVED, 7, 8), 0)
            keep = has
            self.out.add(
                ticket=self.tickets[local[keep]],
                metric=np.full(int(keep.sum()), metric),
                cycle=cycle[keep],
                priority=prio[keep],
                target=target[keep],
                business=business[keep],
                start=us[starts[keep]],
                stop=np.where(stopped, us[np.maximum(stop, 0)], _NAT)[keep],
                deadline=deadline[keep],
                elapsed=elapsed[keep],
                paused=paused[keep],
                outside=(us[end] - us[starts] - elapsed - paused)[keep],
                state=state[keep],
                note=note[keep],
            )

    # -- the scalar engine, for the tickets it measures ----------------------------------------
    def _scalar(self, which: Any) -> None:
        tickets = _build_tickets(self.columns, which)
        states = {"met": 0, "breached": 1, "running": 2, "paused": 3, "cancelled": 4}
        rows: list[tuple[Any, ...]] = []
        for t, ticket in zip(which, tickets, strict=True):
            for m in evaluate(ticket, self.policy, as_of=self.as_of):
                rows.append(
                    (
                        t,
                        _METRICS.index(m.metric),
                        m.cycle,
                        _PRIORITIES.index(m.priority),
                        m.target // _US,
                        m.business_hours,
                        (m.start - _EPOCH) // _US,
                        _NAT if m.stop is None else (m.stop - _EPOCH) // _US,
                        _NAT if m.deadline is None else (m.deadline - _EPOCH) // _US,
                        m.elapsed // _US,
                        m.paused // _US,
                        m.outside_hours // _US,
                        states[m.state],
                        self.out.note(m.note),
                    )
                )
        if not rows:
            return
        arrays = {
            name: np.asarray([row[i] for row in rows], dtype=np.int64)
            for i, name in enumerate(_PARTS)
        }
        self.out.add(**arrays)

    def _assemble(self, n_tickets: int) -> pd.DataFrame:
        c = self.columns
        parts = self.out.parts

        def column(name: str) -> Any:
            """One column of every part, in ticket, metric, cycle order; the parts' copy freed."""
            if not parts:
                return np.zeros(0, dtype=np.int64)
            values = np.concatenate([np.asarray(part.pop(name), dtype=np.int64) for part in parts])
            return values if order is None else values[order]

        order: Any = None
        keys = [column(name) for name in ("ticket", "metric", "cycle")]
        order = np.lexsort((keys[2], keys[1], keys[0]))
        m = dict(
            zip(("ticket", "metric", "cycle"), (values[order] for values in keys), strict=True)
        )
        del keys
        ticket = m["ticket"]
        size = ticket.size
        utc = pd.DatetimeTZDtype(unit="us", tz="UTC")

        def instants(values: Any) -> Any:
            return pd.array(values.view("datetime64[us]"), dtype=utc)

        def durations(values: Any) -> Any:
            return pd.array(values.view("timedelta64[us]"))

        def labels(codes: Any, names: Sequence[str]) -> Any:
            return pd.Categorical.from_codes(codes, categories=pd.Index(list(names), dtype=object))

        def taken(name: str) -> Any:
            values = c.tickets[name].array.take(ticket)
            return pd.Series(values, dtype=object) if values.dtype == object else values

        target = column("target")
        elapsed = column("elapsed")
        data = {
            "ticket_id": taken("id"),
            "account_number": taken("account_number"),
            "channel": (
                taken("channel")
                if "channel" in c.tickets.columns
                else labels(np.zeros(size, dtype=np.int64), [""])
            ),
            "policy": labels(np.zeros(size, dtype=np.int64), [self.policy.name]),
            "metric": labels(m["metric"], _METRICS),
            "cycle": m["cycle"],
            "priority": labels(column("priority"), _PRIORITY_VALUES),
            "target": durations(target),
            "business_hours": column("business").astype(bool),
            "start": instants(column("start")),
            "stop": instants(column("stop")),
            "as_of": instants(np.full(size, self.horizon, dtype=np.int64)),
            "deadline": instants(column("deadline")),
            "elapsed": durations(elapsed),
            "paused": durations(column("paused")),
            "outside_hours": durations(column("outside")),
            "state": labels(column("state"), ("met", "breached", "running", "paused", "cancelled")),
            "remaining": durations(target - elapsed),
            "note": labels(column("note"), self.out.notes),
        }
        return pd.DataFrame(data, columns=list(MEASUREMENT_COLUMNS))
