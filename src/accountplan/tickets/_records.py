"""Tickets and their events from exported rows (CSV, DataFrames, database rows).

Two tables, as helpdesks export them: one row per ticket and one row per
event. Cells are read strictly: instants are aware datetimes
(``pandas.Timestamp`` included) or ISO 8601 text with an offset, naive ones
refused; enums are given by value (``"high"``, ``"agent_reply"``); an empty
cell (``None``, blank text, NaN, ``NaT``) is missing. Unknown columns are
ignored. Every refusal is an
[InvalidInputError][accountplan.exceptions.InvalidInputError] whose ``path``
names the row (from 0) and the column: ``$[12].created_at`` in ``rows``,
``events[3].kind`` in ``events``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from accountplan._tables import RowReader, checked_rows
from accountplan.exceptions import AccountPlanError
from accountplan.tickets._tickets import Priority, Ticket, TicketEvent, TicketEventKind

__all__ = ["tickets_from_records"]


def _event(r: RowReader) -> tuple[str, TicketEvent]:
    ticket_id = r.text("ticket_id")
    at = r.instant("at")
    kind = r.choice("kind", TicketEventKind)
    status = r.text("status", required=False) or None
    priority = r.choice("priority", Priority, required=False)
    actor = r.text("actor", required=False)
    assert at is not None  # required cells are never None
    assert kind is not None
    try:
        event = TicketEvent(at=at, kind=kind, status=status, priority=priority, actor=actor)
    except AccountPlanError as exc:
        field = str(getattr(exc, "field", ""))
        column = field if field in {"at", "kind", "status", "priority", "actor"} else "kind"
        r.refail(column, getattr(exc, "value", None), exc)
    return ticket_id, event


def tickets_from_records(
    rows: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]], /
) -> tuple[Ticket, ...]:
    """Tickets from two exported tables: one row per ticket and one row per event.

    Ticket columns: ``id``, ``account_number``, ``priority`` (``critical``,
    ``high``, ``moderate``, ``low`` or ``planning``) and ``created_at`` (an
    aware instant), and optionally ``channel`` and ``tags`` (a list, or text
    separated by semicolons). Event columns: ``ticket_id``, ``at`` (an aware
    instant) and ``kind`` (``agent_reply``, ``customer_reply``,
    ``status_changed``, ...), and, as the kind needs them, ``status``,
    ``priority`` and ``actor``. Each ticket's events are put in time order
    (a stable sort: events at the same instant keep the order of their rows).
    Other columns are ignored.

    Args:
        rows: The ticket rows.
        events: The event rows (empty for tickets without events).

    Returns:
        The tickets, in the order of ``rows``.

    Raises:
        InvalidInputError: A missing or bad cell, a repeated ticket id, an
            event of a ticket not among ``rows`` or before its creation, or a
            value the model refuses; ``path`` is ``$[<row>].<column>`` or
            ``events[<row>].<column>``.
        InvalidTypeError: A table is not an iterable of mappings, or a cell
            has the wrong type (a naive datetime, say).
        LimitExceededError: More than ``MAX_RECORDS`` (1,000,000) rows in a
            table, or more events on one ticket than a ticket holds.

    Examples:
        >>> tickets = tickets_from_records(
        ...     [{"id": "T-1", "account_number": "A-1", "priority": "high",
        ...       "created_at": "2026-03-02T09:00:00+01:00"}],
        ...     [{"ticket_id": "T-1", "at": "2026-03-02T09:40:00+01:00", "kind": "agent_reply"},
        ...      {"ticket_id": "T-1", "at": "2026-03-02T09:10:00+01:00",
        ...       "kind": "status_changed", "status": "pending"}],
        ... )
        >>> [event.kind.value for event in tickets[0].events]
        ['status_changed', 'agent_reply']
        >>> tickets_from_records([], [{"ticket_id": "T-9", "at": "2026-03-02T09:00:00Z",
        ...                            "kind": "agent_reply"}])
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 1 problem in input:
          events[0].ticket_id: is not the id of a ticket in rows (got 'T-9')
    """
    heads: list[tuple[RowReader, dict[str, Any]]] = []
    by_id: dict[str, int] = {}
    for index, row in checked_rows("rows", rows):
        r = RowReader(index, row)
        fields: dict[str, Any] = {
            "id": r.text("id"),
            "account_number": r.text("account_number"),
            "priority": r.choice("priority", Priority),
            "created_at": r.instant("created_at"),
            "channel": r.text("channel", required=False),
            "tags": frozenset(r.names("tags")),
        }
        if fields["id"] in by_id:
            r.fail("id", fields["id"], "repeats an earlier ticket id")
        by_id[fields["id"]] = len(heads)
        heads.append((r, fields))
    timelines: list[list[TicketEvent]] = [[] for _ in heads]
    for index, row in checked_rows("events", events, table="events"):
        r = RowReader(index, row, table="events")
        ticket_id, event = _event(r)
        position = by_id.get(ticket_id)
        if position is None:
            r.fail("ticket_id", ticket_id, "is not the id of a ticket in rows")
        if event.at < heads[position][1]["created_at"]:
            r.fail("at", event.at, f"is before the ticket {ticket_id!r} was created")
        timelines[position].append(event)
    out: list[Ticket] = []
    for (r, fields), timeline in zip(heads, timelines, strict=True):
        timeline.sort(key=lambda event: event.at)
        try:
            out.append(Ticket(**fields, events=timeline))
        except AccountPlanError as exc:
            field = str(getattr(exc, "field", ""))
            column = field.split("[", 1)[0] or "id"
            r.refail(column, getattr(exc, "value", None), exc)
    return tuple(out)
