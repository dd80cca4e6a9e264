"""tickets_from_frame: validated Ticket values from a tickets frame and an events frame."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.frames._checks import (
    _PRIORITIES,
    _check_frame,
    _Columns,
    _texts,
    _where,
)
from accountplan.tickets import Ticket, TicketEventKind, tickets_from_columns

__all__ = ["tickets_from_frame"]


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
    """Tickets for the positions ``which`` of the tickets frame, from checked columns.

    The columns were checked per column already; the values are built by
    [tickets_from_columns][accountplan.tickets.tickets_from_columns], whose
    errors (an id with surrounding whitespace, too many events) are named by
    the frames' row labels.
    """
    which = np.asarray(which, dtype=np.int64)
    counts = columns.counts[which]
    # The grouped positions of the events of those tickets, ticket by ticket.
    starts = np.repeat(columns.first[which] - np.cumsum(counts) + counts, counts)
    rows = starts + np.arange(int(counts.sum()), dtype=np.int64)
    kinds = _KIND_MEMBERS
    statuses = [*columns.status_values, None]  # code -1: no status
    priorities = [*_PRIORITIES, None]  # code -1: no priority
    events: dict[str, Any] = {
        "ticket": np.repeat(np.arange(which.size), counts).tolist(),
        "at": _datetimes(columns.at[rows]),
        "kind": [kinds[k] for k in columns.kind[rows].tolist()],
        "status": [statuses[s] for s in columns.status[rows].tolist()],
        "priority": [priorities[p] for p in columns.new_priority[rows].tolist()],
    }
    if "actor" in columns.events.columns:
        events["actor"] = columns.grouped_by_ticket(_texts("events", columns.events, "actor"))[
            rows
        ].tolist()
    tickets = {
        "id": [str(value) for value in columns.ids[which].tolist()],
        "account_number": columns.accounts[which].tolist(),
        "priority": [_PRIORITIES[p] for p in columns.priority[which].tolist()],
        "created_at": _datetimes(columns.created[which]),
        "channel": columns.channels[which].tolist(),
    }
    try:
        return list(tickets_from_columns(tickets, events))
    except (InvalidInputError, LimitExceededError) as error:
        found = _ROW.fullmatch(error.field)
        if found is None:  # pragma: no cover - every error of a cell names its row
            raise
        table, row, column = found[1], int(found[2]), found[3]
        if table == "tickets":
            t = int(which[row])
            where = _where("tickets", columns.tickets, t, "id" if column == "events" else column)
        else:
            where = _where("events", columns.events, int(columns.order[rows[row]]), column)
        if isinstance(error, LimitExceededError):
            raise LimitExceededError(where, error.value, error.limit, error.reason) from None
        raise type(error)(where, error.value, error.reason) from None


#: The field of a tickets_from_columns error: ``tickets[3].id``, ``events[17].status``.
_ROW = re.compile(r"(tickets|events)\[(\d+)\]\.?(.*)", re.DOTALL)
_KIND_MEMBERS = tuple(TicketEventKind)


def _datetimes(us: Any) -> list[dt.datetime]:
    """Microseconds since the epoch as aware datetimes in UTC."""
    index = pd.DatetimeIndex(np.asarray(us, dtype=np.int64).view("datetime64[us]"))
    moments: list[dt.datetime] = index.tz_localize(dt.UTC).to_pydatetime().tolist()
    return moments
