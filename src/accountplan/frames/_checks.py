"""Reading the columns of tickets and events frames, each checked once for the whole column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from accountplan.exceptions import (
    AccountPlanError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.tickets import (
    CLOSED,
    NEW,
    OPEN,
    RESOLVED,
    Priority,
    TicketEventKind,
    check_status,
)

__all__ = ["EVENT_COLUMNS", "TICKET_COLUMNS"]

TICKET_COLUMNS = ("id", "account_number", "priority", "created_at", "channel")
"""The columns read from a tickets frame (``channel`` is optional)."""
EVENT_COLUMNS = ("ticket_id", "at", "kind", "status", "priority", "actor")
"""The columns read from an events frame (``status``, ``priority``, ``actor`` are optional)."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
#: The first and last microsecond a ``datetime`` holds, since the epoch.
_FIRST_US = (dt.datetime.min.replace(tzinfo=dt.UTC) - _EPOCH) // _US
_LAST_US = (dt.datetime.max.replace(tzinfo=dt.UTC) - _EPOCH) // _US

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
    values = np.asarray(values, dtype=np.int64)
    outside = np.flatnonzero((values < _FIRST_US) | (values > _LAST_US))
    if outside.size:
        position = int(outside[0])
        raise LimitExceededError(
            _where(name, frame, position, column),
            series.iloc[position],
            "0001-01-01 to 9999-12-31",
            "is outside the years a datetime holds (1 to 9999)",
        )
    return values


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
