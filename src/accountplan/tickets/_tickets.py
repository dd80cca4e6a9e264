"""Tickets as data: priority, the event timeline, and the status over time.

A [`Ticket`][accountplan.tickets.Ticket] is created at ``created_at`` in status ``"new"`` and
carries
its timeline as a tuple of [`TicketEvent`][accountplan.tickets.TicketEvent] values, oldest first.
Statuses
are plain names (``"new"``, ``"open"``, ``"pending"``, ``"on_hold"`` ...), so
any helpdesk's workflow fits; four event kinds move the status themselves:

* ``status_changed`` sets the status named on the event;
* ``resolved`` sets ``"resolved"``, ``reopened`` sets ``"open"`` and
  ``closed`` sets ``"closed"`` (terminal: no event may follow it).

Replies and notes do not change the status.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

import attrs

from accountplan._pickling import compact_pickle
from accountplan._validate import (
    aware,
    check_aware,
    check_non_empty,
    check_type,
    enum_converter,
    free_text,
    named,
    non_empty,
    optional,
    set_of,
    tuple_of,
)
from accountplan.exceptions import InvalidInputError

__all__ = [
    "CLOSED",
    "MAX_STATUS_LENGTH",
    "MAX_TICKET_EVENTS",
    "MAX_TICKET_TAGS",
    "NEW",
    "OPEN",
    "RESOLVED",
    "Priority",
    "StatusSpan",
    "Ticket",
    "TicketEvent",
    "TicketEventKind",
    "check_status",
    "status_after",
    "status_at",
    "status_timeline",
]

#: The status of a ticket when it is created.
NEW = "new"
#: The status a ``reopened`` event sets.
OPEN = "open"
#: The status a ``resolved`` event sets.
RESOLVED = "resolved"
#: The status a ``closed`` event sets; it is terminal.
CLOSED = "closed"
#: The most events one ticket may carry.
MAX_TICKET_EVENTS = 10_000
#: The most tags one ticket may carry.
MAX_TICKET_TAGS = 1_000

_RESERVED = frozenset({RESOLVED, CLOSED})
_STATUS_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


class Priority(enum.Enum):
    """How urgent a ticket is, from 1 (Critical) to 5 (Planning), as in ITIL.

    Examples:
        >>> Priority.HIGH.level
        2
        >>> Priority.from_level(1)
        <Priority.CRITICAL: 'critical'>
    """

    CRITICAL = "critical"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    PLANNING = "planning"

    @property
    def level(self) -> int:
        """The ITIL number of this priority: 1 (Critical) to 5 (Planning)."""
        return _LEVELS[self]

    @classmethod
    def from_level(cls, level: int, /) -> Priority:
        """Return the priority with ITIL number ``level`` (1 to 5).

        Args:
            level: The ITIL priority number: 1 is critical, 5 is planning.

        Returns:
            The priority member.

        Raises:
            InvalidTypeError: ``level`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``level`` is not an integer from 1 to 5.

        >>> Priority.from_level(2)
        <Priority.HIGH: 'high'>
        """
        check_type("level", level, int)
        for member, number in _LEVELS.items():
            if number == level:
                return member
        raise InvalidInputError("level", level, "must be an integer from 1 to 5")


_LEVELS = {member: number for number, member in enumerate(Priority, start=1)}


class TicketEventKind(enum.Enum):
    """What happened on a ticket.

    Examples:
        >>> TicketEventKind("agent_reply")
        <TicketEventKind.AGENT_REPLY: 'agent_reply'>
    """

    #: A public reply by an agent (answers the customer).
    AGENT_REPLY = "agent_reply"
    #: An internal note by an agent (the customer does not see it).
    AGENT_NOTE = "agent_note"
    #: A reply by the customer (requester).
    CUSTOMER_REPLY = "customer_reply"
    #: The status changed to the event's ``status``.
    STATUS_CHANGED = "status_changed"
    #: The priority changed to the event's ``priority``.
    PRIORITY_CHANGED = "priority_changed"
    #: The ticket was resolved (solved).
    RESOLVED = "resolved"
    #: A resolved ticket was reopened.
    REOPENED = "reopened"
    #: The ticket was closed for good.
    CLOSED = "closed"


#: The longest status name accepted.
MAX_STATUS_LENGTH = 64


def check_status(value: Any, /, *, field: str = "status") -> str:
    """Check that ``value`` is a status name and return it.

    A status name is 1 to ``MAX_STATUS_LENGTH`` (64) characters of lowercase
    ``a``-``z``, digits, ``_`` and ``-``, with nothing to strip, as
    [TicketEvent][accountplan.tickets.TicketEvent] and the SLA policies'
    status sets (``pause_on`` ...) require. Nothing is repaired: ``"Open"``
    and ``" open"`` are refused, not lowered or stripped.

    Args:
        value: The candidate status name.
        field: The name of the field being checked, used in the error.

    Returns:
        ``value`` itself.

    Raises:
        InvalidTypeError: ``value`` is not a string.
        InvalidInputError: ``value`` is empty, too long, or has other
            characters; the error names ``field`` and the value.

    Examples:
        >>> check_status("on_hold")
        'on_hold'
        >>> check_status("On Hold", field="pause_on")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 'pause_on' must be a lowercase status name ...
    """
    check_type("field", field, str)
    text = check_non_empty(field, value)
    if text != value or not set(text) <= _STATUS_CHARS or len(text) > MAX_STATUS_LENGTH:
        raise InvalidInputError(
            field, value, "must be a lowercase status name (a-z, 0-9, '_' or '-')"
        )
    return text


def _status(field: str, value: Any) -> str:
    # check_status takes the value first (its public signature); the shared
    # validators call check(field, value).
    return check_status(value, field=field)


@compact_pickle
@attrs.frozen(kw_only=True)
class TicketEvent:
    """One entry of a ticket's timeline.

    Attributes:
        at: When it happened (timezone-aware).
        kind: What happened (a [`TicketEventKind`][accountplan.tickets.TicketEventKind]
            or its value string, ``"agent_reply"``).
        status: The new status, for ``status_changed`` only. ``"resolved"``
            and ``"closed"`` have their own kinds and are refused here.
        priority: The new priority (a [`Priority`][accountplan.tickets.Priority]
            or its value string), for ``priority_changed`` only.
        actor: Who did it (free text, may be empty).

    Examples:
        >>> import datetime as dt
        >>> at = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
        >>> TicketEvent(at=at, kind=TicketEventKind.STATUS_CHANGED, status="pending").status
        'pending'
    """

    at: dt.datetime = attrs.field(validator=aware)
    kind: TicketEventKind = attrs.field(converter=enum_converter(TicketEventKind))  # type: ignore[misc]  # attrs.Converter
    status: str | None = attrs.field(default=None, validator=optional(named(_status)))
    priority: Priority | None = attrs.field(
        default=None,
        converter=enum_converter(Priority, optional=True),  # type: ignore[misc]  # attrs.Converter
    )
    actor: str = attrs.field(default="", validator=free_text)

    def __attrs_post_init__(self) -> None:
        is_status = self.kind is TicketEventKind.STATUS_CHANGED
        if is_status and self.status is None:
            raise InvalidInputError("status", None, "is required for a status_changed event")
        if not is_status and self.status is not None:
            raise InvalidInputError(
                "status", self.status, f"is only allowed on status_changed, not {self.kind.value}"
            )
        if self.status in _RESERVED:
            raise InvalidInputError(
                "status", self.status, "is set by the resolved and closed events, use those kinds"
            )
        is_priority = self.kind is TicketEventKind.PRIORITY_CHANGED
        if is_priority and self.priority is None:
            raise InvalidInputError("priority", None, "is required for a priority_changed event")
        if not is_priority and self.priority is not None:
            raise InvalidInputError(
                "priority",
                self.priority,
                f"is only allowed on priority_changed, not {self.kind.value}",
            )


def _sorted_set_repr(tags: frozenset[str]) -> str:
    """A set's repr with its members sorted: the same text for equal sets, however built."""
    return f"frozenset({{{', '.join(map(repr, sorted(tags)))}}})" if tags else "frozenset()"


@compact_pickle(nested={"events": TicketEvent})
@attrs.frozen(kw_only=True)
class Ticket:
    """A support ticket with its timeline.

    Attributes:
        id: The ticket's identifier.
        account_number: The account the ticket belongs to.
        priority: The priority at creation (a [`Priority`][accountplan.tickets.Priority]
            or its value string, ``"high"``); ``priority_changed`` events change it.
        created_at: When the ticket was created (timezone-aware).
        channel: How it came in (``"email"``, ``"phone"``, ``"web"`` ...; free text).
        tags: Free labels.
        events: The timeline, oldest first. Events may share an instant (their
            order in the tuple is then the order they happened in); none may be
            before ``created_at`` and none may follow a ``closed`` event.

    Examples:
        >>> import datetime as dt
        >>> created = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> later = created + dt.timedelta(hours=1)
        >>> reply = TicketEvent(at=later, kind=TicketEventKind.AGENT_REPLY)
        >>> ticket = Ticket(
        ...     id="T-1", account_number="A-1", priority=Priority.HIGH,
        ...     created_at=created, events=[reply],
        ... )
        >>> len(ticket.events)
        1
    """

    id: str = attrs.field(validator=non_empty)
    account_number: str = attrs.field(validator=non_empty)
    priority: Priority = attrs.field(converter=enum_converter(Priority))  # type: ignore[misc]  # attrs.Converter
    created_at: dt.datetime = attrs.field(validator=aware)
    channel: str = attrs.field(default="", validator=free_text)
    tags: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=set_of(check_non_empty, limit=MAX_TICKET_TAGS, what="strings"),  # type: ignore[misc]  # attrs.Converter
        repr=_sorted_set_repr,
    )
    events: tuple[TicketEvent, ...] = attrs.field(
        default=(),
        converter=tuple_of(TicketEvent, limit=MAX_TICKET_EVENTS),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        previous = self.created_at
        closed = False
        for index, event in enumerate(self.events):
            if closed:
                raise InvalidInputError(
                    f"events[{index}]", event, "no event may follow the closed event"
                )
            if event.at < self.created_at:
                raise InvalidInputError(
                    f"events[{index}].at",
                    event.at,
                    f"must not be before the ticket's creation ({self.created_at.isoformat()})",
                )
            if event.at < previous:
                raise InvalidInputError(
                    f"events[{index}].at",
                    event.at,
                    f"events must be in time order (the previous one is at {previous.isoformat()})",
                )
            previous = event.at
            closed = event.kind is TicketEventKind.CLOSED


@attrs.frozen(kw_only=True)
class StatusSpan:
    """A stretch of time a ticket spent in one status, half-open ``[start, end)``.

    Attributes:
        status: The status name.
        start: When the ticket entered it.
        end: When it left it, or the ``as_of`` the timeline was cut at.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        >>> StatusSpan(status="new", start=t, end=t).status
        'new'
    """

    status: str = attrs.field(validator=named(_status))
    start: dt.datetime = attrs.field(validator=aware)
    end: dt.datetime = attrs.field(validator=aware)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError("end", self.end, "must not be before start")


def status_after(status: str, event: TicketEvent, /) -> str:
    """Return the status a ticket has after ``event`` when it had ``status`` before.

    A status change sets its ``status``; ``resolved``, ``reopened`` (back to
    ``open``) and ``closed`` set theirs; replies, notes and priority changes
    leave the status as it was.

    Args:
        status: The status before the event, such as ``"open"``; it is
            returned as it is when the event changes nothing.
        event: The event.

    Returns:
        The status after the event.

    Raises:
        InvalidTypeError: ``status`` is not a ``str``, or ``event`` is not a
            [TicketEvent][accountplan.tickets.TicketEvent].

    >>> import datetime as dt
    >>> done = TicketEvent(at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
    ...                    kind=TicketEventKind.RESOLVED)
    >>> status_after("open", done)
    'resolved'
    """
    check_type("status", status, str)
    check_type("event", event, TicketEvent)
    return _after(status, event)


def _after(status: str, event: TicketEvent) -> str:
    """``status_after`` for arguments known to be valid (the timeline walks)."""
    kind = event.kind
    if kind is TicketEventKind.STATUS_CHANGED:
        return event.status or status
    if kind is TicketEventKind.RESOLVED:
        return RESOLVED
    if kind is TicketEventKind.REOPENED:
        return OPEN
    if kind is TicketEventKind.CLOSED:
        return CLOSED
    return status


def _check_as_of(ticket: Ticket, as_of: Any, field: str = "as_of") -> dt.datetime:
    check_type("ticket", ticket, Ticket)
    moment = check_aware(field, as_of)
    if moment < ticket.created_at:
        raise InvalidInputError(
            field,
            as_of,
            f"must not be before the ticket's creation ({ticket.created_at.isoformat()})",
        )
    return moment


def _spans(ticket: Ticket, as_of: dt.datetime) -> Iterator[StatusSpan]:
    status, since = NEW, ticket.created_at
    for event in ticket.events:
        if event.at > as_of:
            break
        after = _after(status, event)
        if after != status:
            if event.at > since:
                yield StatusSpan(status=status, start=since, end=event.at)
            status, since = after, event.at
    yield StatusSpan(status=status, start=since, end=as_of)


def status_timeline(ticket: Ticket, /, *, as_of: dt.datetime) -> tuple[StatusSpan, ...]:
    """Return the statuses the ticket went through up to ``as_of``, in order.

    Events after ``as_of`` are ignored; the last span ends at ``as_of``. Spans
    of zero length (two status changes at one instant) are left out, except
    the last one.

    Args:
        ticket: The ticket with its events.
        as_of: The end of the timeline (timezone-aware), not before the
            ticket's creation.

    Returns:
        The status spans in time order, from the creation (status ``new``)
        to ``as_of``; consecutive spans meet.

    Raises:
        InvalidTypeError: ``ticket`` is not a
            [Ticket][accountplan.tickets.Ticket] or ``as_of`` is not a
            ``datetime``.
        InvalidInputError: ``as_of`` is naive or before the ticket's creation.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> pending = TicketEvent(
        ...     at=t0 + dt.timedelta(hours=2), kind=TicketEventKind.STATUS_CHANGED, status="pending"
        ... )
        >>> ticket = Ticket(
        ...     id="T-1", account_number="A-1", priority=Priority.LOW,
        ...     created_at=t0, events=[pending],
        ... )
        >>> [s.status for s in status_timeline(ticket, as_of=t0 + dt.timedelta(hours=3))]
        ['new', 'pending']
    """
    moment = _check_as_of(ticket, as_of)
    return tuple(_spans(ticket, moment))


def status_at(ticket: Ticket, at: dt.datetime, /) -> str:
    """Return the ticket's status at the instant ``at`` (events at ``at`` included).

    Args:
        ticket: The ticket with its events.
        at: The instant asked about (timezone-aware), not before the
            ticket's creation.

    Returns:
        The status name, such as ``"new"`` or ``"resolved"``.

    Raises:
        InvalidTypeError: ``ticket`` is not a
            [Ticket][accountplan.tickets.Ticket] or ``at`` is not a
            ``datetime``.
        InvalidInputError: ``at`` is naive or before the ticket's creation.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> done = TicketEvent(at=t0 + dt.timedelta(hours=5), kind=TicketEventKind.RESOLVED)
        >>> ticket = Ticket(
        ...     id="T-1", account_number="A-1", priority=Priority.LOW, created_at=t0, events=[done]
        ... )
        >>> status_at(ticket, t0), status_at(ticket, t0 + dt.timedelta(hours=5))
        ('new', 'resolved')
    """
    moment = _check_as_of(ticket, at, "at")
    status = NEW
    for event in ticket.events:
        if event.at > moment:
            break
        status = _after(status, event)
    return status
