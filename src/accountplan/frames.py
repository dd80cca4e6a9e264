"""DataFrames in, DataFrames out: the columnar bulk paths (``pandas`` extra).

Three functions work on whole columns instead of one model at a time:

* [tickets_from_frame][accountplan.frames.tickets_from_frame] turns a tickets
  frame and an events frame into validated
  [Ticket][accountplan.tickets.Ticket] values; errors name the row and the
  column.
* [evaluate_frame][accountplan.frames.evaluate_frame] measures every ticket
  of the frames against one [SlaPolicy][accountplan.sla.SlaPolicy] and
  returns the measurements as a DataFrame, one row per measurement, equal to
  [sla.evaluate][accountplan.sla.evaluate] to the microsecond. The clocks are
  computed with numpy over all rows at once: the status and the priority
  after each event are carried forward, each clock's running stretches are
  summed, and business time is read from one sorted table of the calendar's
  working intervals with their cumulative business time (one
  ``searchsorted`` per instant, one per deadline). A ticket whose priority
  changes under ``on_priority_change="restart"`` (cancelled and restarted
  clocks) is measured by the scalar engine inside the same call, and so is
  every ticket when the calendar cannot answer for the whole span of the
  frames (the scalar engine then raises the same error for the ticket that
  needs it).
* [aging_frame][accountplan.frames.aging_frame] ages open items given as
  columns and returns the bucket totals per account, equal to
  [billing.aging_report][accountplan.billing.aging_report].

Columns in (names are fixed; extra columns are ignored):

* tickets: ``id`` (text, or integers), ``account_number``, ``priority``
  (``"critical"`` ... ``"planning"`` or [Priority][accountplan.tickets.Priority]
  members), ``created_at`` (a timezone-aware datetime column), optionally
  ``channel``.
* events: ``ticket_id``, ``at`` (timezone-aware), ``kind`` (a
  [TicketEventKind][accountplan.tickets.TicketEventKind] value), optionally
  ``status`` (for ``status_changed``), ``priority`` (for
  ``priority_changed``) and ``actor``. Events of one ticket are in time
  order, in the order of the frame.

Instants come out in UTC (``datetime64[us, UTC]``), durations as
``timedelta64[us]``; the scalar engine's ``counted`` and ``pauses``
stretches are not columns (measure one ticket with
[sla.evaluate][accountplan.sla.evaluate] to see them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from accountplan.exceptions import MissingDependencyError

try:
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - exercised by tests/test_frames_missing.py in a subprocess
    raise MissingDependencyError("accountplan.frames", "pandas") from None

from accountplan._validate import check_aware, check_type
from accountplan.billing import bucket_labels
from accountplan.calendars import CalendarIndex
from accountplan.exceptions import (
    AccountPlanError,
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import currency_precision
from accountplan.sla import HORIZON_END, HORIZON_START, SlaPolicy, evaluate
from accountplan.tickets import (
    CLOSED,
    NEW,
    OPEN,
    RESOLVED,
    Priority,
    Ticket,
    TicketEvent,
    TicketEventKind,
    check_status,
)

__all__ = [
    "AGING_COLUMNS",
    "EVENT_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "TICKET_COLUMNS",
    "aging_frame",
    "evaluate_frame",
    "tickets_from_frame",
]

TICKET_COLUMNS = ("id", "account_number", "priority", "created_at", "channel")
"""The columns read from a tickets frame (``channel`` is optional)."""
EVENT_COLUMNS = ("ticket_id", "at", "kind", "status", "priority", "actor")
"""The columns read from an events frame (``status``, ``priority``, ``actor`` are optional)."""
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
AGING_COLUMNS = (
    "number",
    "account_number",
    "issue_date",
    "due_date",
    "total",
    "amount_paid",
    "currency",
)
"""The columns read from an items frame by [aging_frame][accountplan.frames.aging_frame]
(``amount_paid`` and ``currency`` are optional)."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_LOW = (HORIZON_START - _EPOCH) // _US
_HIGH = (HORIZON_END - _EPOCH) // _US
_NAT = np.iinfo(np.int64).min

_KINDS = tuple(kind.value for kind in TicketEventKind)
_K = {kind: code for code, kind in enumerate(TicketEventKind)}
_AGENT_REPLY = _K[TicketEventKind.AGENT_REPLY]
_CUSTOMER_REPLY = _K[TicketEventKind.CUSTOMER_REPLY]
_STATUS_CHANGED = _K[TicketEventKind.STATUS_CHANGED]
_PRIORITY_CHANGED = _K[TicketEventKind.PRIORITY_CHANGED]
_RESOLVED = _K[TicketEventKind.RESOLVED]
_REOPENED = _K[TicketEventKind.REOPENED]
_CLOSED = _K[TicketEventKind.CLOSED]
#: Row kinds of the timeline that are not events: the creation and ``as_of``.
_CREATED = len(_KINDS)
_AS_OF = _CREATED + 1

_PRIORITIES = tuple(Priority)
_PRIORITY_VALUES = tuple(p.value for p in Priority)
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


# -- reading columns ------------------------------------------------------------------------------


def _check_frame(name: str, frame: Any, required: Sequence[str]) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InvalidTypeError(name, type(frame).__name__, "must be a pandas DataFrame")
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise InvalidInputError(
            name, list(frame.columns), f"is missing the column(s) {', '.join(missing)}"
        )
    return frame


def _where(name: str, frame: pd.DataFrame, position: int, column: str) -> str:
    """The field name of one cell in errors: ``tickets[<row label>].<column>``."""
    return f"{name}[{frame.index[position]!r}].{column}"


def _instants(name: str, frame: pd.DataFrame, column: str) -> np.ndarray[Any, Any]:
    """A timezone-aware datetime column as int64 microseconds since the epoch (UTC)."""
    series = frame[column]
    dtype = series.dtype
    if not isinstance(dtype, pd.DatetimeTZDtype):
        raise InvalidTypeError(
            f"{name}.{column}",
            str(dtype),
            "must be a timezone-aware datetime column (pandas.to_datetime(..., utc=True))",
        )
    index = pd.DatetimeIndex(series)
    missing = np.flatnonzero(index.isna())
    if missing.size:
        raise InvalidInputError(_where(name, frame, int(missing[0]), column), None, "is missing")
    values: np.ndarray[Any, Any]
    if dtype.unit == "ns":
        raw = index.asi8
        lossy = np.flatnonzero(raw % 1000)
        if lossy.size:
            position = int(lossy[0])
            raise InvalidInputError(
                _where(name, frame, position, column),
                series.iloc[position],
                "has nanoseconds; instants are exact to the microsecond",
            )
        values = raw // 1000
    else:
        values = index.as_unit("us").asi8
    return np.asarray(values, dtype=np.int64)


def _codes(
    name: str, frame: pd.DataFrame, column: str, allowed: Sequence[str], *, optional: bool = False
) -> np.ndarray[Any, Any]:
    """A column of enum values (or members) as codes into ``allowed``; -1 for a missing value."""
    series = frame[column]
    values = series
    if series.dtype == object:
        values = series.map(lambda v: v.value if isinstance(v, Priority | TicketEventKind) else v)
    if isinstance(series.dtype, pd.CategoricalDtype):
        found = np.asarray(series.cat.codes, dtype=np.int64)
        uniques: Any = series.cat.categories
    else:
        found, uniques = pd.factorize(values)
        found = np.asarray(found, dtype=np.int64)
    mapping = np.append(pd.Index(list(allowed), dtype=object).get_indexer(list(uniques)), -1)
    codes = mapping[found]
    bad = codes < 0
    if optional:
        bad &= ~np.asarray(series.isna())
    wrong = np.flatnonzero(bad)
    if wrong.size:
        position = int(wrong[0])
        raise InvalidInputError(
            _where(name, frame, position, column),
            series.iloc[position],
            f"must be one of {', '.join(allowed)}",
        )
    return codes


def _texts(name: str, frame: pd.DataFrame, column: str, *, default: str | None = None) -> Any:
    """A text column as an object array of ``str``; ``default`` when the column is absent."""
    if column not in frame.columns:
        assert default is not None
        return np.full(len(frame), default, dtype=object)
    series = frame[column]
    values = series.to_numpy(dtype=object, na_value=None)
    if series.dtype != object and pd.api.types.is_string_dtype(series.dtype):
        missing = np.flatnonzero(np.asarray(series.isna()))
        if missing.size:
            position = int(missing[0])
            raise InvalidTypeError(_where(name, frame, position, column), None, "must be text")
        return values
    for position, value in enumerate(values):
        if value.__class__ is not str:
            raise InvalidTypeError(_where(name, frame, position, column), value, "must be text")
    return values


# -- the columns of tickets and events, checked once -------------------------------------------


class _Columns:
    """The tickets and events of two frames as checked arrays, events grouped by ticket."""

    def __init__(self, tickets: Any, events: Any) -> None:
        tickets = _check_frame(
            "tickets", tickets, ("id", "account_number", "priority", "created_at")
        )
        events = _check_frame("events", events, ("ticket_id", "at", "kind"))
        self.tickets = tickets
        self.events = events
        n = len(tickets)
        ids = tickets["id"]
        numeric = pd.api.types.is_integer_dtype(ids.dtype)
        if numeric:
            self.ids = ids.to_numpy()
        else:
            self.ids = _texts("tickets", tickets, "id")
        self.accounts = _texts("tickets", tickets, "account_number")
        self.channels = _texts("tickets", tickets, "channel", default="")
        self.priority = _codes("tickets", tickets, "priority", _PRIORITY_VALUES)
        self.created = _instants("tickets", tickets, "created_at")
        # Events to tickets.
        owner = self._owners(ids, events["ticket_id"], numeric)
        grouped = bool(owner.size < 2 or (owner[1:] >= owner[:-1]).all())
        # Events already grouped by ticket (the usual export) keep their order without a copy.
        order = np.arange(owner.size) if grouped else np.argsort(owner, kind="stable")
        self.grouped = grouped
        self.order = order  # event position (frame order) of each grouped event
        self.owner = self.grouped_by_ticket(owner)
        self.at = self.grouped_by_ticket(_instants("events", events, "at"))
        self.kind = self.grouped_by_ticket(_codes("events", events, "kind", _KINDS)).astype(np.int8)
        self.counts = np.bincount(self.owner, minlength=n)
        self.first = np.concatenate(([0], np.cumsum(self.counts)[:-1])) if n else self.counts
        self.status_values, self.status = self._statuses()
        self.new_priority = (
            self.grouped_by_ticket(
                _codes("events", events, "priority", _PRIORITY_VALUES, optional=True)
            )
            if "priority" in events.columns
            else np.full(len(events), -1, dtype=np.int64)
        )
        self._check_events()

    def grouped_by_ticket(self, values: Any) -> Any:
        """An events column in ticket order (the frame's order within a ticket)."""
        return values if self.grouped else values[self.order]

    def _owners(self, ids: pd.Series, ticket_ids: pd.Series, numeric: bool) -> Any:
        """The position in the tickets frame of each event's ticket."""
        events = self.events
        if numeric:
            if not pd.api.types.is_integer_dtype(ticket_ids.dtype):
                raise InvalidTypeError(
                    "events.ticket_id",
                    str(ticket_ids.dtype),
                    "must be integers like the tickets' id column",
                )
            keys = self.ids
            sorter = np.argsort(keys, kind="stable")
            ordered = keys[sorter]
            if ordered.size > 1 and (ordered[1:] == ordered[:-1]).any():
                dup = int(sorter[1:][ordered[1:] == ordered[:-1]][0])
                raise InvalidInputError(
                    _where("tickets", self.tickets, dup, "id"), keys[dup], "is not unique"
                )
            wanted = ticket_ids.to_numpy()
            found = np.searchsorted(ordered, wanted)
            found[found >= ordered.size] = 0
            unknown = ordered[found] != wanted if ordered.size else np.ones(len(wanted), bool)
            owner = sorter[found] if ordered.size else found
        else:
            index = pd.Index(self.ids, dtype=object)
            if not index.is_unique:
                dup = int(np.flatnonzero(index.duplicated())[0])
                raise InvalidInputError(
                    _where("tickets", self.tickets, dup, "id"), self.ids[dup], "is not unique"
                )
            owner = index.get_indexer(ticket_ids.to_numpy(dtype=object, na_value=None))
            unknown = owner < 0
        wrong = np.flatnonzero(unknown)
        if wrong.size:
            position = int(wrong[0])
            raise InvalidInputError(
                _where("events", events, position, "ticket_id"),
                ticket_ids.iloc[position],
                "names no ticket of the tickets frame",
            )
        return np.asarray(owner, dtype=np.int64)

    def _statuses(self) -> tuple[list[str], Any]:
        """Status names (the four built-in first) and each event's status code, -1 when none."""
        names = [NEW, OPEN, RESOLVED, CLOSED]
        events = self.events
        if "status" not in events.columns:
            return names, np.full(len(events), -1, dtype=np.int64)
        codes, uniques = pd.factorize(events["status"], use_na_sentinel=True)
        codes = np.asarray(codes, dtype=np.int64)
        table = np.empty(len(uniques) + 1, dtype=np.int64)
        table[-1] = -1
        for code, value in enumerate(uniques):
            try:
                name = check_status(value)
            except AccountPlanError as error:
                position = int(np.flatnonzero(codes == code)[0])
                raise InvalidInputError(
                    _where("events", events, position, "status"), value, _reason(error)
                ) from None
            if name not in names:
                names.append(name)
            table[code] = names.index(name)
        return names, self.grouped_by_ticket(table[codes])

    def _check_events(self) -> None:
        """The rules a Ticket and its TicketEvents enforce, per column."""
        kind = self.kind
        status = self.status
        priority = self.new_priority
        is_status = kind == _STATUS_CHANGED
        is_priority = kind == _PRIORITY_CHANGED
        problems = (
            (is_status & (status < 0), "status", "is required for a status_changed event"),
            (~is_status & (status >= 0), "status", "is only allowed on status_changed"),
            (
                is_status & ((status == 2) | (status == 3)),
                "status",
                "is set by the resolved and closed events, use those kinds",
            ),
            (is_priority & (priority < 0), "priority", "is required for a priority_changed event"),
            (~is_priority & (priority >= 0), "priority", "is only allowed on priority_changed"),
        )
        for bad, column, reason in problems:
            self._refuse(bad, column, reason)
        created = self.created[self.owner]
        first = np.zeros(len(kind), dtype=bool)
        first[self.first[self.counts > 0]] = True
        previous = np.where(first, created, np.roll(self.at, 1))
        self._refuse(
            self.at < created, "at", "must not be before the ticket's creation", value="at"
        )
        self._refuse(
            self.at < previous, "at", "events must be in time order (in the frame)", value="at"
        )
        after_closed = ~first & (np.roll(kind, 1) == _CLOSED)
        self._refuse(after_closed, "kind", "no event may follow the closed event")
        if "actor" in self.events.columns:
            _texts("events", self.events, "actor")

    def _refuse(self, bad: Any, column: str, reason: str, *, value: str | None = None) -> None:
        wrong = np.flatnonzero(bad)
        if not wrong.size:
            return
        position = int(self.order[wrong[0]])
        events = self.events
        shown = events[value or column].iloc[position] if (value or column) in events else None
        raise InvalidInputError(_where("events", events, position, column), shown, reason)


def _reason(error: AccountPlanError) -> str:
    return str(getattr(error, "reason", "") or error)


def _moment(u: int) -> dt.datetime:
    return _EPOCH + u * _US


# -- tickets_from_frame -------------------------------------------------------------------------


def tickets_from_frame(tickets: Any, events: Any, /) -> tuple[Ticket, ...]:
    """Build validated [Ticket][accountplan.tickets.Ticket] values from two frames.

    The columns are described in the module notes; each ticket gets the
    events whose ``ticket_id`` is its ``id``, in the order of the events
    frame. Every rule of [Ticket][accountplan.tickets.Ticket] and
    [TicketEvent][accountplan.tickets.TicketEvent] is checked, per column
    first, and an error names the frame, the row label and the column
    (``events[17].status``).

    Args:
        tickets: A DataFrame with ``id`` (text), ``account_number``,
            ``priority``, ``created_at`` (timezone-aware) and optionally
            ``channel``.
        events: A DataFrame with ``ticket_id``, ``at`` (timezone-aware),
            ``kind`` and optionally ``status``, ``priority`` and ``actor``.

    Returns:
        The tickets in the order of the tickets frame; instants in UTC.

    Raises:
        InvalidTypeError: A frame is not a DataFrame, or a column has the
            wrong type (a naive datetime column, a number for text).
        InvalidInputError: A missing column, an unknown kind or priority, an
            event for no ticket, a duplicate ticket id, events out of time
            order, a status on the wrong kind of event ...; the error names
            the row and the column.
        LimitExceededError: A ticket has more than ``MAX_TICKET_EVENTS``
            (10,000) events.

    Examples:
        >>> import pandas as pd
        >>> tickets = pd.DataFrame({
        ...     "id": ["T-1"], "account_number": ["A-1"], "priority": ["high"],
        ...     "created_at": pd.to_datetime(["2026-03-02T09:00:00+01:00"], utc=True)})
        >>> events = pd.DataFrame({
        ...     "ticket_id": ["T-1"], "kind": ["agent_reply"],
        ...     "at": pd.to_datetime(["2026-03-02T09:30:00+01:00"], utc=True)})
        >>> [ticket] = tickets_from_frame(tickets, events)
        >>> ticket.priority, ticket.events[0].kind.value
        (<Priority.HIGH: 'high'>, 'agent_reply')
    """
    frame = _check_frame("tickets", tickets, ("id",))
    if pd.api.types.is_integer_dtype(frame["id"].dtype):
        raise InvalidTypeError(
            "tickets.id", str(frame["id"].dtype), "must be text (a Ticket's id is text)"
        )
    columns = _Columns(tickets, events)
    return tuple(_build_tickets(columns, range(len(columns.tickets))))


def _build_tickets(columns: _Columns, which: Any) -> list[Ticket]:
    """Tickets for the positions ``which`` of the tickets frame, from checked columns."""
    actors = (
        columns.grouped_by_ticket(_texts("events", columns.events, "actor"))
        if "actor" in columns.events.columns
        else None
    )
    kinds = tuple(TicketEventKind)
    statuses = columns.status_values
    out: list[Ticket] = []
    for t in which:
        start = int(columns.first[t])
        stop = start + int(columns.counts[t])
        timeline = []
        for j in range(start, stop):
            s = int(columns.status[j])
            p = int(columns.new_priority[j])
            timeline.append(
                TicketEvent(
                    at=_moment(int(columns.at[j])),
                    kind=kinds[int(columns.kind[j])],
                    status=statuses[s] if s >= 0 else None,
                    priority=_PRIORITIES[p] if p >= 0 else None,
                    actor="" if actors is None else actors[j],
                )
            )
        try:
            ticket = Ticket(
                id=str(columns.ids[t]),
                account_number=columns.accounts[t],
                priority=_PRIORITIES[int(columns.priority[t])],
                created_at=_moment(int(columns.created[t])),
                channel=columns.channels[t],
                events=timeline,
            )
        except LimitExceededError as error:
            raise LimitExceededError(
                _where("tickets", columns.tickets, t, "id"), error.value, error.limit, error.reason
            ) from None
        except InvalidInputError as error:
            raise type(error)(
                _where("tickets", columns.tickets, t, error.field), error.value, error.reason
            ) from None
        out.append(ticket)
    return out


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


# -- aging_frame ---------------------------------------------------------------------------------


def _dates(name: str, frame: pd.DataFrame, column: str) -> Any:
    """A date column (``datetime64`` without time of day, or ``datetime.date`` objects) as days."""
    series = frame[column]
    if pd.api.types.is_datetime64_dtype(series.dtype) and not isinstance(
        series.dtype, pd.DatetimeTZDtype
    ):
        index = pd.DatetimeIndex(series)
        if index.isna().any():
            position = int(np.flatnonzero(index.isna())[0])
            raise InvalidInputError(_where(name, frame, position, column), None, "is missing")
        if (index.normalize() != index).any():
            position = int(np.flatnonzero(index.normalize() != index)[0])
            raise InvalidInputError(
                _where(name, frame, position, column), series.iloc[position], "must be a date"
            )
        return np.asarray(index.as_unit("s").asi8 // 86_400, dtype=np.int64)
    values = series.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=np.int64)
    epoch = dt.date(1970, 1, 1).toordinal()
    for position, value in enumerate(values):
        if value.__class__ is not dt.date:
            raise InvalidTypeError(
                _where(name, frame, position, column), value, "must be a date (datetime.date)"
            )
        out[position] = value.toordinal() - epoch
    return out


def _minor_units(name: str, frame: pd.DataFrame, column: str, places: int) -> Any:
    """An amount column (Decimal, int or decimal text; never float) in minor units."""
    series = frame[column]
    if pd.api.types.is_float_dtype(series.dtype):
        raise InvalidTypeError(
            f"{name}.{column}", str(series.dtype), "must be exact amounts (Decimal), not float"
        )
    scale = 10**places
    if pd.api.types.is_integer_dtype(series.dtype):
        return np.asarray(series.to_numpy(), dtype=np.int64) * scale
    out = np.empty(len(series), dtype=np.int64)
    for position, value in enumerate(series.to_numpy(dtype=object)):
        where = _where(name, frame, position, column)
        if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
            raise InvalidTypeError(where, value, "must be a Decimal, an int or a decimal string")
        try:
            amount = Decimal(value)
        except ArithmeticError:
            raise InvalidInputError(where, value, "must be a decimal amount") from None
        if not amount.is_finite():
            raise InvalidInputError(where, value, "must be a finite amount")
        units = amount.scaleb(places)
        if units != units.to_integral_value():
            raise InvalidInputError(where, value, f"must have at most {places} decimal places")
        out[position] = int(units)
    return out


def aging_frame(
    items: Any,
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: str = "due_date",
    currency: str | None = None,
) -> pd.DataFrame:
    """Age open items given as columns: the open amount per account and bucket.

    The same totals as [billing.aging_report][accountplan.billing.aging_report]
    for the same items: items issued after ``as_of`` and items with nothing
    left open are left out, the age counts days from the due date (or the
    issue date, ``basis="invoice_date"``), an age of 0 or less is
    ``not_due``, and bounds are upper-inclusive. ``amount_paid`` is what was
    paid on the item up to ``as_of`` (what
    [OpenItem.amount_paid][accountplan.billing.OpenItem.amount_paid] gives), 0 when the
    column is absent.

    Args:
        items: A DataFrame with ``number``, ``account_number``,
            ``issue_date``, ``due_date`` (dates), ``total`` (Decimal, int or
            decimal text, never float) and optionally ``amount_paid`` and
            ``currency``.
        as_of: The day of the report.
        buckets: The bucket bounds in days, upper-inclusive.
        basis: ``due_date`` (default) or ``invoice_date``.
        currency: The currency of every amount, when the frame has no
            ``currency`` column (an ISO 4217 code).

    Returns:
        One row per account with an open balance, by account number:
        ``account_number``, ``currency``, one column per bucket label
        (``not_due``, ``1-30`` ...) and ``total``, amounts as ``Decimal``
        with the currency's minor-unit places. Summing a column gives the
        report's total for that bucket.

    Raises:
        InvalidTypeError: ``items`` is not a DataFrame, or a column has the
            wrong type (a float amount, a date that is not a date).
        InvalidInputError: A missing column, a bad bucket bound or basis,
            no currency, a paid amount above the total; named by row and
            column.
        CurrencyMismatchError: Items in several currencies.

    Examples:
        >>> import datetime as dt
        >>> import pandas as pd
        >>> items = pd.DataFrame({
        ...     "number": ["A", "B"], "account_number": ["C-1", "C-1"],
        ...     "issue_date": [dt.date(2025, 2, 8), dt.date(2024, 12, 21)],
        ...     "due_date": [dt.date(2025, 3, 10), dt.date(2025, 1, 20)],
        ...     "total": ["100.00", "50.00"]})
        >>> out = aging_frame(items, as_of=dt.date(2025, 3, 1), currency="EUR")
        >>> out[["not_due", "31-60", "total"]].to_numpy().tolist()
        [[Decimal('100.00'), Decimal('50.00'), Decimal('150.00')]]
    """
    check_type("as_of", as_of, dt.date)
    if isinstance(as_of, dt.datetime):
        raise InvalidTypeError("as_of", as_of, "must be a date, not a datetime")
    if basis not in ("due_date", "invoice_date"):
        raise InvalidInputError("basis", basis, "must be one of due_date, invoice_date")
    labels = bucket_labels(buckets)
    bounds = np.asarray(tuple(buckets), dtype=np.int64)
    frame = _check_frame(
        "items", items, ("number", "account_number", "issue_date", "due_date", "total")
    )
    if "currency" in frame.columns:
        codes = sorted(set(_texts("items", frame, "currency")))
        if currency is not None and currency not in codes:
            codes = sorted({*codes, currency})
    else:
        codes = [] if currency is None else [currency]
    if not codes:
        raise InvalidInputError("currency", None, "is needed when the frame has no currency column")
    if len(codes) > 1:
        raise CurrencyMismatchError(codes[0], codes[1], "age")
    code = codes[0]
    places = currency_precision(code)
    accounts = _texts("items", frame, "account_number")
    issued = _dates("items", frame, "issue_date")
    due = _dates("items", frame, "due_date")
    early = np.flatnonzero(due < issued)
    if early.size:
        position = int(early[0])
        raise InvalidInputError(
            _where("items", frame, position, "due_date"),
            frame["due_date"].iloc[position],
            "must be on or after issue_date",
        )
    total = _minor_units("items", frame, "total", places)
    paid = (
        _minor_units("items", frame, "amount_paid", places)
        if "amount_paid" in frame.columns
        else np.zeros(len(frame), dtype=np.int64)
    )
    for bad, column, reason in (
        (total <= 0, "total", "must be more than zero"),
        (paid < 0, "amount_paid", "must not be negative"),
        (paid > total, "amount_paid", "must not be more than the total"),
    ):
        wrong = np.flatnonzero(bad)
        if wrong.size:
            position = int(wrong[0])
            raise InvalidInputError(
                _where("items", frame, position, column), frame[column].iloc[position], reason
            )
    day = as_of.toordinal() - dt.date(1970, 1, 1).toordinal()
    open_amount = total - paid
    keep = (issued <= day) & (open_amount > 0)
    age = day - (due if basis == "due_date" else issued)
    bucket = np.where(age <= 0, 0, np.searchsorted(bounds, age, side="left") + 1)
    return _aging_table(
        accounts[keep], bucket[keep], open_amount[keep], labels, code=code, places=places
    )


def _aging_table(
    accounts: Any, bucket: Any, amount: Any, labels: Sequence[str], *, code: str, places: int
) -> pd.DataFrame:
    """Per account, the sum of ``amount`` (minor units) per bucket, as Decimal columns."""
    keys, account = np.unique(accounts.astype(str), return_inverse=True)
    width = len(labels)
    sums = np.zeros(keys.size * width, dtype=np.int64)
    np.add.at(sums, account * width + bucket, amount)
    table = sums.reshape(keys.size, width)
    data: dict[str, Any] = {
        "account_number": keys.astype(object),
        "currency": np.full(keys.size, code, dtype=object),
    }
    for j, label in enumerate(labels):
        data[label] = _decimals(table[:, j], places)
    data["total"] = _decimals(table.sum(axis=1), places)
    return pd.DataFrame(data)


def _decimals(units: Any, places: int) -> Any:
    return np.asarray([Decimal(int(u)).scaleb(-places) for u in units], dtype=object)
