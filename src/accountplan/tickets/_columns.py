"""Tickets from columns: one pass of checks per column, then the frozen values filled in.

[tickets_from_columns][accountplan.tickets.tickets_from_columns] is the bulk
constructor behind [accountplan.frames][accountplan.frames]: the cells are
checked column by column with plain comparisons (no validator or converter
called per field), and the tickets and events that pass are built by filling
their slots directly, as unpickling does. A ticket for which any of those
checks is not sure (a wrong type, a pandas ``Timestamp`` instead of a
``datetime``, events out of order ...) is built by the validating
constructors instead, so every rule of [Ticket][accountplan.tickets.Ticket]
and [TicketEvent][accountplan.tickets.TicketEvent] holds, and the first bad
ticket raises the very error the per-object construction raises, with the
row named.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

import attrs

from accountplan._validate import FORBIDDEN_CHARACTERS
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.tickets._tickets import (
    CLOSED,
    MAX_TICKET_EVENTS,
    RESOLVED,
    Priority,
    Ticket,
    TicketEvent,
    TicketEventKind,
    check_status,
)

__all__ = ["EVENT_FIELDS", "TICKET_FIELDS", "tickets_from_columns"]

TICKET_FIELDS = ("id", "account_number", "priority", "created_at", "channel", "tags")
"""The columns of the tickets mapping of
[tickets_from_columns][accountplan.tickets.tickets_from_columns] (``channel`` and ``tags``
may be left out)."""
EVENT_FIELDS = ("ticket", "at", "kind", "status", "priority", "actor")
"""The columns of its events mapping: ``ticket`` (the position of the event's ticket in the
tickets columns), then the fields of a TicketEvent (``status``, ``priority`` and ``actor`` may
be left out)."""

_REQUIRED_TICKET = TICKET_FIELDS[:4]
_REQUIRED_EVENT = EVENT_FIELDS[:3]
_PRIORITY: dict[Any, Priority] = {**{p: p for p in Priority}, **{p.value: p for p in Priority}}
_KIND: dict[Any, TicketEventKind] = {
    **{k: k for k in TicketEventKind},
    **{k.value: k for k in TicketEventKind},
}
_STATUS_CHANGED = TicketEventKind.STATUS_CHANGED
_PRIORITY_CHANGED = TicketEventKind.PRIORITY_CHANGED
_CLOSED_KIND = TicketEventKind.CLOSED
_RESERVED = frozenset({RESOLVED, CLOSED})
_DATETIME = dt.datetime
_TIMEZONE = dt.timezone
_EMPTY: frozenset[str] = frozenset()
#: An error's field from the per-object constructors, ``events[2].at``: event 2 of the ticket.
_EVENT_FIELD = re.compile(r"events\[(\d+)\](.*)", re.DOTALL)

_new = object.__new__


def _slot_setters(cls: type, names: Sequence[str]) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of ``cls`` for ``names``, which must be all of its fields."""
    fields = tuple(field.name for field in attrs.fields(cls))
    if fields != tuple(names):  # pragma: no cover - a new field must be filled here too
        raise RuntimeError(f"{cls.__name__} has the fields {fields}, not {tuple(names)}")
    return tuple(cls.__dict__[name].__set__ for name in names)


_EVENT_SETTERS = _slot_setters(TicketEvent, EVENT_FIELDS[1:])
_TICKET_SETTERS = _slot_setters(Ticket, (*TICKET_FIELDS, "events"))


def _column(table: str, name: str, values: Any, size: int | None) -> list[Any]:
    """One column as a list; every column of a table has the same length."""
    if isinstance(values, str | bytes | Mapping) or not hasattr(values, "__len__"):
        raise InvalidTypeError(
            f"{table}.{name}", values, "must be a sequence of cells (a list, tuple or array)"
        )
    cells = values if type(values) is list else list(values)
    if size is not None and len(cells) != size:
        raise InvalidInputError(
            f"{table}.{name}", len(cells), f"must have {size} cells, as the other columns have"
        )
    return cells


def _columns(
    table: str, given: Any, required: Sequence[str], known: Sequence[str]
) -> dict[str, list[Any]]:
    if not isinstance(given, Mapping):
        raise InvalidTypeError(table, given, "must be a mapping of column names to columns")
    unknown = sorted(str(name) for name in given if name not in known)
    if unknown:
        raise InvalidInputError(
            table, unknown, f"has unknown column(s); the columns are {', '.join(known)}"
        )
    _require(table, given, required)
    out: dict[str, list[Any]] = {}
    size: int | None = None
    for name in known:
        if name in given:
            out[name] = _column(table, name, given[name], size)
            size = len(out[name])
    return out


def _require(table: str, given: Mapping[str, Any], required: Sequence[str]) -> None:
    missing = [name for name in required if name not in given]
    if missing:
        raise InvalidInputError(
            table, sorted(given), f"is missing the column(s) {', '.join(missing)}"
        )


def _has_offset(moment: dt.datetime) -> bool:
    """The datetime is aware (a fixed offset, ``UTC`` included, always is: no call needed)."""
    zone = moment.tzinfo
    return zone is not None and (type(zone) is _TIMEZONE or moment.utcoffset() is not None)


def _plain_text(value: Any) -> bool:
    """A ``str`` a non-empty field takes as it is (the column pass; others are checked fully)."""
    return (
        type(value) is str
        and value != ""
        and not value[0].isspace()
        and not value[-1].isspace()
        and FORBIDDEN_CHARACTERS.search(value) is None
    )


def tickets_from_columns(
    tickets: Mapping[str, Sequence[Any]],
    events: Mapping[str, Sequence[Any]] | None = None,
    /,
) -> tuple[Ticket, ...]:
    """Build [Ticket][accountplan.tickets.Ticket] values from columns, checked per column.

    The same tickets as building each
    [TicketEvent][accountplan.tickets.TicketEvent] and
    [Ticket][accountplan.tickets.Ticket] one by one, with every rule of both
    holding, for a fraction of the cost: the cells are checked column by
    column and the values are built without calling a validator per field.
    Columns are sequences of equal length (lists, tuples, or arrays of
    Python objects), keyed by the field names of
    [TICKET_FIELDS][accountplan.tickets.TICKET_FIELDS] and
    [EVENT_FIELDS][accountplan.tickets.EVENT_FIELDS]. Each event names its
    ticket by position (``ticket``, from 0); a ticket's events keep the
    order of the events columns, those of different tickets may interleave.

    Args:
        tickets: ``id``, ``account_number``, ``priority`` (a
            [Priority][accountplan.tickets.Priority] or its value),
            ``created_at`` (aware datetimes) and optionally ``channel`` and
            ``tags``: one cell per ticket.
        events: ``ticket``, ``at``, ``kind`` (a
            [TicketEventKind][accountplan.tickets.TicketEventKind] or its
            value) and optionally ``status`` and ``priority`` (``None`` where
            the event has none) and ``actor``; ``None`` for tickets without
            events. A cell is taken as the field takes it: ``None`` is no
            channel or actor, and refused as one.

    Returns:
        The tickets, in the order of the tickets columns.

    Raises:
        InvalidTypeError: A table is not a mapping, a column is not a
            sequence, or a cell has the wrong type.
        InvalidInputError: An unknown or missing column, columns of
            different lengths, an event naming no ticket, or a cell a Ticket
            or TicketEvent refuses. The first ticket (in the order of the
            columns) that cannot be built raises what building it one object
            at a time raises, with its field named by row: ``tickets[3].id``,
            ``events[17].status`` (the row of the events columns),
            ``events[18].at`` for an event out of time order.
        LimitExceededError: A ticket has more than ``MAX_TICKET_EVENTS``
            (10,000) events (field ``tickets[<row>].events``).

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> [ticket] = tickets_from_columns(
        ...     {"id": ["T-1"], "account_number": ["A-1"], "priority": ["high"],
        ...      "created_at": [t0]},
        ...     {"ticket": [0, 0], "kind": ["status_changed", "agent_reply"],
        ...      "at": [t0 + dt.timedelta(minutes=20), t0 + dt.timedelta(hours=1)],
        ...      "status": ["pending", None]},
        ... )
        >>> ticket.priority, [e.kind.value for e in ticket.events], ticket.events[0].status
        (<Priority.HIGH: 'high'>, ['status_changed', 'agent_reply'], 'pending')
        >>> tickets_from_columns(
        ...     {"id": ["T-1", "T-2 "], "account_number": ["A-1", "A-1"],
        ...      "priority": ["high", "low"], "created_at": [t0, t0]})
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 'tickets[1].id' must not start or end with ...
    """
    t = _columns("tickets", tickets, _REQUIRED_TICKET, TICKET_FIELDS)
    e = _columns("events", {} if events is None else events, (), EVENT_FIELDS)
    if events is not None:
        _require("events", e, _REQUIRED_EVENT)
    n = len(t["id"])
    rows = _event_rows(e.get("ticket", []), n)
    built = _built_events(e)
    set_id, set_account, set_priority, set_created, set_channel, set_tags, set_events = (
        _TICKET_SETTERS
    )
    channels = t.get("channel") or repeat("")
    tags = t.get("tags") or repeat(_EMPTY)
    out: list[Ticket] = []
    columns = zip(  # noqa: B905 - the columns have one length; channels and tags may repeat
        rows, t["id"], t["account_number"], t["priority"], t["created_at"], channels, tags
    )
    for i, (mine, ticket_id, account, priority, created, channel, labels) in enumerate(columns):
        member = (
            priority
            if type(priority) is Priority
            else _PRIORITY.get(priority)
            if type(priority) is str
            else None
        )
        timeline: list[Any] = [built[j] for j in mine]
        fast = (
            member is not None
            and _plain_text(ticket_id)
            and _plain_text(account)
            and type(created) is _DATETIME
            and _has_offset(created)
            and type(channel) is str
            and (type(labels) is frozenset and all(map(_plain_text, labels)))
            and len(timeline) <= MAX_TICKET_EVENTS
        )
        if fast:
            previous = created
            closed = False
            for event in timeline:
                if event is None or closed or event.at < previous:
                    fast = False
                    break
                previous = event.at
                closed = event.kind is _CLOSED_KIND
        if not fast:
            out.append(_validated(t, e, i, mine))
            continue
        ticket = _new(Ticket)
        set_id(ticket, ticket_id)
        set_account(ticket, account)
        set_priority(ticket, member)
        set_created(ticket, created)
        set_channel(ticket, channel)
        set_tags(ticket, labels)
        set_events(ticket, tuple(timeline))
        out.append(ticket)
    return tuple(out)


def _event_rows(owners: list[Any], n: int) -> list[list[int]]:
    """The rows of the events columns of each ticket, in column order."""
    rows: list[list[int]] = [[] for _ in range(n)]
    if all(type(owner) is int for owner in owners) and (
        not owners or (min(owners) >= 0 and max(owners) < n)
    ):
        for j, owner in enumerate(owners):
            rows[owner].append(j)
        return rows
    for j, owner in enumerate(owners):
        try:
            if isinstance(owner, bool):
                raise TypeError
            i = operator.index(owner)
        except TypeError:
            raise InvalidTypeError(
                f"events[{j}].ticket", owner, "must be the position of a ticket (an int)"
            ) from None
        if not 0 <= i < n:
            raise InvalidInputError(
                f"events[{j}].ticket", owner, f"must be the position of a ticket, 0 to {n - 1}"
            )
        rows[i].append(j)
    return rows


def _built_events(e: dict[str, list[Any]]) -> list[TicketEvent | None]:
    """Every event whose cells pass the column checks, built; None for the others.

    An event is passed when its cells are in the plain form the fields keep
    as they are (a ``datetime`` with an offset, a kind or priority member or
    value, a status name already checked once per distinct name, a ``str``
    actor) and the kind's rules on status and priority hold.
    """
    set_at, set_kind, set_status, set_priority, set_actor = _EVENT_SETTERS
    statuses: dict[str, bool] = {}  # each distinct status name checked once
    out: list[TicketEvent | None] = []
    append = out.append
    for at, kind, status, cell, actor in zip(  # noqa: B905 - absent columns repeat
        e.get("at", ()),
        e.get("kind", ()),
        e.get("status") or repeat(None),
        e.get("priority") or repeat(None),
        e.get("actor") or repeat(""),
    ):
        # A member as it is (an enum member hashes in Python), a value looked up.
        member = (
            kind
            if type(kind) is TicketEventKind
            else _KIND.get(kind)
            if type(kind) is str
            else None
        )
        if member is None or type(at) is not _DATETIME or not _has_offset(at):
            append(None)
            continue
        ok: bool
        if status is None:
            ok = member is not _STATUS_CHANGED
        elif member is not _STATUS_CHANGED or type(status) is not str or status in _RESERVED:
            ok = False
        elif status in statuses:
            ok = statuses[status]
        else:
            ok = statuses[status] = _status_ok(status)
        priority = None
        if cell is not None:
            priority = (
                cell
                if type(cell) is Priority
                else _PRIORITY.get(cell)
                if type(cell) is str
                else None
            )
            ok = ok and priority is not None and member is _PRIORITY_CHANGED
        elif member is _PRIORITY_CHANGED:
            ok = False
        if not ok or type(actor) is not str:
            append(None)
            continue
        event = _new(TicketEvent)
        set_at(event, at)
        set_kind(event, member)
        set_status(event, status)
        set_priority(event, priority)
        set_actor(event, actor)
        append(event)
    return out


def _status_ok(status: str) -> bool:
    try:
        check_status(status)
    except InvalidInputError:
        return False
    return True


def _validated(t: dict[str, list[Any]], e: dict[str, list[Any]], i: int, mine: list[int]) -> Ticket:
    """Ticket ``i`` built by the validating constructors; their errors name the row."""
    timeline = []
    for j in mine:
        fields = {name: e[name][j] for name in EVENT_FIELDS[1:] if name in e}
        try:
            timeline.append(TicketEvent(**fields))
        except LimitExceededError as error:  # pragma: no cover - an event has no limit
            raise _renamed(error, f"events[{j}].{error.field}") from None
        except InvalidInputError as error:
            raise _renamed(error, f"events[{j}].{error.field}") from None
    fields = {name: t[name][i] for name in TICKET_FIELDS if name in t}
    try:
        return Ticket(**fields, events=timeline)
    except (InvalidInputError, LimitExceededError) as error:
        found = _EVENT_FIELD.fullmatch(error.field)
        where = (
            f"events[{mine[int(found[1])]}]{found[2]}" if found else f"tickets[{i}].{error.field}"
        )
        raise _renamed(error, where) from None


def _renamed(error: InvalidInputError | LimitExceededError, field: str) -> Exception:
    if isinstance(error, LimitExceededError):
        return LimitExceededError(field, error.value, error.limit, error.reason)
    return type(error)(field, error.value, error.reason)
