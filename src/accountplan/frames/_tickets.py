"""tickets_from_frame: validated Ticket values from a tickets frame and an events frame."""

from __future__ import annotations

from typing import Any

import pandas as pd

from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.frames._checks import (
    _PRIORITIES,
    _check_frame,
    _Columns,
    _moment,
    _texts,
    _where,
)
from accountplan.tickets import Ticket, TicketEvent, TicketEventKind

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
