"""The routing context: a declared schema of fields and the values of one ticket.

Every field a rule may name is declared in `CONTEXT_SCHEMA` with its
type; conditions are checked against it when they are built, so a typo or a
type mismatch fails loudly at configuration time, never as a silent ``False``
at run time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_FLOOR, Decimal, localcontext
from typing import Any, Literal, get_args

import attrs

from accountplan._converter import Bad, parse_duration_iso
from accountplan._decimal import to_decimal
from accountplan._frozen import FrozenMap
from accountplan._units import micros
from accountplan._validate import (
    aware,
    check_aware,
    check_text,
    free_text,
    one_of,
    tuple_of,
)
from accountplan.accounts import Account, AccountStatus, AccountType
from accountplan.accounts import status_at as account_status_at
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.sla import SlaMeasurement
from accountplan.tickets import CLOSED, RESOLVED, Priority, Ticket, TicketEventKind, status_at

__all__ = [
    "CONTEXT_SCHEMA",
    "FIELD_TYPES",
    "MAX_TEXT_LENGTH",
    "FieldSpec",
    "FieldType",
    "RoutingContext",
    "context_for",
    "to_value",
]

FieldType = Literal["text", "number", "duration", "boolean", "priority", "choice", "text_set"]
"""The value types of context fields (see the docs page "Write routing rules")."""
FIELD_TYPES: tuple[str, ...] = get_args(FieldType)

MAX_TEXT_LENGTH = 1_000
"""The longest text value a context or a condition may hold."""
MAX_SET_ITEMS = 1_000
"""The most items in a set value (tags) of a context."""
MAX_DURATION = dt.timedelta(days=36_525)
"""The longest duration a context or a condition may hold (100 years)."""

_SLA_STATES = ("none", "met", "running", "paused", "breached")
_SLA_ORDER = {"breached": 4, "running": 3, "paused": 2, "met": 1}


@attrs.frozen(kw_only=True)
class FieldSpec:
    """The declared type of one routing-context field.

    Attributes:
        type: One of ``text``, ``number``, ``duration``, ``boolean``,
            ``priority``, ``choice`` (text from a fixed list) or ``text_set``.
        description: What the field holds.
        choices: The allowed values of a ``choice`` field, else empty.

    Raises:
        InvalidInputError: an unknown type, or choices given for a non-choice
            field (or missing for a choice field).

    Examples:
        >>> CONTEXT_SCHEMA["ticket.age"].type
        'duration'
    """

    type: FieldType = attrs.field(validator=one_of(FIELD_TYPES))
    description: str = attrs.field(validator=free_text)
    choices: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple_of(check_text, limit=MAX_SET_ITEMS, what="text"),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        if bool(self.choices) != (self.type == "choice"):
            raise InvalidInputError(
                "choices", self.choices, "must be given for a choice field, and only for one"
            )


def _spec(type_: FieldType, description: str, choices: Iterable[str] = ()) -> FieldSpec:
    return FieldSpec(type=type_, description=description, choices=tuple(choices))


CONTEXT_SCHEMA: Mapping[str, FieldSpec] = FrozenMap(
    {
        "ticket.id": _spec("text", "The ticket's identifier."),
        "ticket.priority": _spec(
            "priority", "The priority at as_of (after priority changes); compares by level."
        ),
        "ticket.channel": _spec("text", "How the ticket came in (email, phone, web ...)."),
        "ticket.tags": _spec("text_set", "The ticket's tags."),
        "ticket.status": _spec("text", "The status at as_of (new, open, pending ...)."),
        "ticket.resolved": _spec("boolean", "Whether the ticket is resolved or closed at as_of."),
        "ticket.age": _spec("duration", "Real time since the ticket was created."),
        "ticket.reopens": _spec("number", "How often the ticket was reopened up to as_of."),
        "ticket.contacts": _spec(
            "number", "Customer contacts so far: the opening plus every customer reply."
        ),
        "ticket.contacts_24h": _spec("number", "Customer contacts in the 24 hours up to as_of."),
        "ticket.contacts_7d": _spec("number", "Customer contacts in the 7 days up to as_of."),
        "account.number": _spec("text", "The account number."),
        "account.tier": _spec("text", "The account's tier (gold, platinum ...), if set."),
        "account.type": _spec("choice", "The account type.", (t.value for t in AccountType)),
        "account.status": _spec(
            "choice", "The account status at as_of.", (s.value for s in AccountStatus)
        ),
        "account.segment": _spec("text", "The account's segment, if set."),
        "account.tags": _spec("text_set", "The account's tags."),
        "sla.state": _spec(
            "choice",
            "The most urgent state of the ticket's SLA measurements: breached, then "
            "running, paused, met; none without measurements.",
            _SLA_STATES,
        ),
        "sla.breaches": _spec("number", "How many of the ticket's measurements are breached."),
        "sla.remaining": _spec(
            "duration", "The least time left on a clock that has not stopped (negative if late)."
        ),
        "sla.remaining_percent": _spec(
            "number",
            "The least time left on a clock that has not stopped, in percent of its target "
            "(25 means a quarter of the target is left; negative when late), rounded down "
            "to 0.01.",
        ),
    }
)
"""Every field a routing rule may name, with its type. A ticket field may also be written
without the ``ticket.`` prefix (``priority <= 2``).
"""


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be text (str)")
    if len(value) > MAX_TEXT_LENGTH:
        raise LimitExceededError(
            field, len(value), MAX_TEXT_LENGTH, f"is longer than {MAX_TEXT_LENGTH} characters"
        )
    return value


def _number(field: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise InvalidTypeError(field, value, "must be a number (int, Decimal or decimal string)")
    number = to_decimal(field, value)
    if not number.is_finite():
        raise InvalidInputError(field, value, "must be a finite number")
    return number


def _duration(field: str, value: Any) -> dt.timedelta:
    if isinstance(value, str):
        try:
            value = parse_duration_iso(value)
        except Bad as exc:
            raise InvalidInputError(field, value, exc.reason) from None
    if not isinstance(value, dt.timedelta):
        raise InvalidTypeError(field, value, "must be a duration (timedelta or ISO 8601 text)")
    if abs(value) > MAX_DURATION:
        raise LimitExceededError(field, value, MAX_DURATION, "is longer than 100 years")
    return value


def _priority(field: str, value: Any) -> Priority:
    if isinstance(value, Priority):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if 1 <= value <= 5:
            return Priority.from_level(value)
        raise InvalidInputError(field, value, "must be a priority level from 1 to 5")
    if isinstance(value, str):
        for member in Priority:
            if member.value == value:
                return member
        names = ", ".join(repr(p.value) for p in Priority)
        raise InvalidInputError(field, value, f"must be a priority level 1-5 or one of {names}")
    raise InvalidTypeError(field, value, "must be a Priority, a level 1-5 or a priority name")


def _choice(field: str, value: Any, spec: FieldSpec) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be text (str)")
    if value not in spec.choices:
        names = ", ".join(repr(c) for c in spec.choices)
        raise InvalidInputError(field, value, f"must be one of {names}")
    return value


def _text_set(field: str, value: Any) -> frozenset[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, "must be a set of text")
    items = frozenset(value)
    if len(items) > MAX_SET_ITEMS:
        raise LimitExceededError(field, len(items), MAX_SET_ITEMS)
    for item in items:
        _text(field, item)
    return items


def to_value(field: str, value: Any, spec: FieldSpec) -> Any:
    """Return ``value`` as the Python value of a field of type ``spec.type``.

    Accepts the native value and its wire form (an ISO 8601 duration, a
    decimal string, a priority name or level).
    """
    kind = spec.type
    if kind == "text":
        return _text(field, value)
    if kind == "number":
        return _number(field, value)
    if kind == "duration":
        return _duration(field, value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise InvalidTypeError(field, value, "must be a boolean (True or False)")
        return value
    if kind == "priority":
        return _priority(field, value)
    if kind == "choice":
        return _choice(field, value, spec)
    return _text_set(field, value)


def field_spec(field: Any) -> FieldSpec:
    """Return the declared spec of ``field`` or raise naming the known fields."""
    if not isinstance(field, str):
        raise InvalidTypeError("field", field, "must be a field name (str)")
    spec = CONTEXT_SCHEMA.get(field)
    if spec is None:
        known = ", ".join(CONTEXT_SCHEMA)
        raise InvalidInputError("field", field, f"is not a context field; known: {known}")
    return spec


def _values(value: Any, attribute: attrs.Attribute[Any]) -> FrozenMap[str, Any]:
    field = attribute.alias or attribute.name
    if not isinstance(value, Mapping):
        raise InvalidTypeError(field, value, "must be a mapping of field name to value")
    out: dict[str, Any] = {}
    for name, item in value.items():
        if not isinstance(name, str):
            raise InvalidTypeError(field, name, "must be a mapping of field name to value")
        if name not in CONTEXT_SCHEMA:
            known = ", ".join(CONTEXT_SCHEMA)
            raise InvalidInputError(field, name, f"names no context field; known: {known}")
        out[name] = to_value(f"{field}[{name!r}]", item, CONTEXT_SCHEMA[name])
    return FrozenMap({name: out[name] for name in CONTEXT_SCHEMA if name in out})


@attrs.frozen(kw_only=True)
class RoutingContext:
    """The facts routing rules are checked against, one ticket at one instant.

    Build it with [context_for][accountplan.escalation.context_for]; a field
    that is not known (no account given, no tier set, no running clock) is
    simply absent.

    Attributes:
        as_of: The instant the facts describe (timezone-aware).
        values: Field name (see ``CONTEXT_SCHEMA``) to value; values are
            checked and converted to the field's type.

    Raises:
        InvalidInputError: a field is unknown or a value does not fit its type.

    Examples:
        >>> import datetime as dt
        >>> ctx = RoutingContext(
        ...     as_of=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
        ...     values={"ticket.priority": "high", "account.tier": "gold"},
        ... )
        >>> ctx.values["ticket.priority"]
        <Priority.HIGH: 'high'>
    """

    as_of: dt.datetime = attrs.field(validator=aware)
    values: FrozenMap[str, Any] = attrs.field(converter=attrs.Converter(_values, takes_field=True))  # type: ignore[misc]  # attrs.Converter


_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(days=7)


def _percent(remaining: dt.timedelta, target: dt.timedelta) -> Decimal:
    left = micros(remaining) * 100
    whole = micros(target)
    with localcontext() as ctx:
        ctx.prec = 60
        ratio = Decimal(left) / Decimal(whole)
        return ratio.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


def _sla_values(ticket: Ticket, measurements: Any, as_of: dt.datetime) -> dict[str, Any]:
    if isinstance(measurements, str | bytes) or not isinstance(measurements, Iterable):
        raise InvalidTypeError("measurements", measurements, "must be a sequence of SlaMeasurement")
    items = tuple(measurements)
    states: list[str] = []
    remaining: list[dt.timedelta] = []
    percents: list[Decimal] = []
    for index, m in enumerate(items):
        if not isinstance(m, SlaMeasurement):
            raise InvalidTypeError(f"measurements[{index}]", m, "must be an SlaMeasurement")
        if m.ticket_id != ticket.id:
            raise InvalidInputError(
                f"measurements[{index}].ticket_id",
                m.ticket_id,
                f"belongs to another ticket (the context is for {ticket.id!r})",
            )
        if m.as_of != as_of:
            raise InvalidInputError(
                f"measurements[{index}].as_of",
                m.as_of,
                f"must be measured at the context's as_of ({as_of.isoformat()})",
            )
        state = str(getattr(m.state, "value", m.state))
        if state == "cancelled":
            continue
        states.append(state)
        if m.stop is None:
            remaining.append(m.remaining)
            if m.target > dt.timedelta(0):
                percents.append(_percent(m.remaining, m.target))
    values: dict[str, Any] = {
        "sla.state": max(states, key=lambda s: _SLA_ORDER.get(s, 0)) if states else "none",
        "sla.breaches": sum(1 for s in states if s == "breached"),
    }
    if remaining:
        values["sla.remaining"] = min(remaining)
    if percents:
        values["sla.remaining_percent"] = min(percents)
    return values


def _ticket_values(ticket: Ticket, as_of: dt.datetime) -> dict[str, Any]:
    priority = ticket.priority
    reopens = 0
    contacts = [ticket.created_at]
    for event in ticket.events:
        if event.at > as_of:
            break
        if event.kind is TicketEventKind.PRIORITY_CHANGED and event.priority is not None:
            priority = event.priority
        elif event.kind is TicketEventKind.REOPENED:
            reopens += 1
        elif event.kind is TicketEventKind.CUSTOMER_REPLY:
            contacts.append(event.at)
    status = status_at(ticket, as_of)
    return {
        "ticket.id": ticket.id,
        "ticket.priority": priority,
        "ticket.channel": ticket.channel,
        "ticket.tags": ticket.tags,
        "ticket.status": status,
        "ticket.resolved": status in {RESOLVED, CLOSED},
        "ticket.age": as_of.astimezone(dt.UTC) - ticket.created_at.astimezone(dt.UTC),
        "ticket.reopens": reopens,
        "ticket.contacts": len(contacts),
        "ticket.contacts_24h": sum(1 for at in contacts if as_of - at < _DAY),
        "ticket.contacts_7d": sum(1 for at in contacts if as_of - at < _WEEK),
    }


def _account_values(account: Account, as_of: dt.datetime) -> dict[str, Any]:
    values: dict[str, Any] = {
        "account.number": account.number,
        "account.type": account.type.value,
        "account.status": account_status_at(account, as_of).value,
        "account.tags": account.tags,
    }
    if account.tier is not None:
        values["account.tier"] = account.tier
    if account.segment is not None:
        values["account.segment"] = account.segment
    return values


def context_for(
    ticket: Ticket,
    /,
    *,
    account: Account | None = None,
    measurements: Iterable[SlaMeasurement] = (),
    as_of: dt.datetime,
) -> RoutingContext:
    """Build the routing context of a ticket at ``as_of``.

    Fields are those of ``CONTEXT_SCHEMA``. Events after ``as_of`` are
    ignored. Account fields are absent without ``account``; SLA fields come
    from ``measurements`` (cancelled ones are left out), which must all be of
    this ticket and measured at ``as_of``.

    Args:
        ticket: The ticket.
        account: The ticket's account, if known.
        measurements: The ticket's SLA measurements from
            [evaluate][accountplan.sla.evaluate] at the same ``as_of``.
        as_of: The instant to describe (timezone-aware, not before the
            ticket's creation).

    Returns:
        A [RoutingContext][accountplan.escalation.RoutingContext].

    Raises:
        InvalidInputError: ``as_of`` is naive or before the ticket, the
            account is another one, or a measurement is of another ticket or
            another instant.
        InvalidTypeError: an argument has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.tickets import Priority, Ticket
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> ticket = Ticket(id="T-1", account_number="A-1", priority=Priority.HIGH,
        ...                 created_at=t0, channel="phone")
        >>> ctx = context_for(ticket, as_of=t0 + dt.timedelta(hours=5))
        >>> ctx.values["ticket.age"], ctx.values["sla.state"]
        (datetime.timedelta(seconds=18000), 'none')
    """
    if not isinstance(ticket, Ticket):
        raise InvalidTypeError("ticket", ticket, "must be a Ticket")
    moment = check_aware("as_of", as_of)
    if moment < ticket.created_at:
        raise InvalidInputError(
            "as_of", as_of, f"must not be before the ticket's creation ({ticket.created_at})"
        )
    values = _ticket_values(ticket, moment)
    if account is not None:
        if not isinstance(account, Account):
            raise InvalidTypeError("account", account, "must be an Account or None")
        if account.number != ticket.account_number:
            raise InvalidInputError(
                "account",
                account.number,
                f"is not the ticket's account ({ticket.account_number!r})",
            )
        values.update(_account_values(account, moment))
    values.update(_sla_values(ticket, measurements, moment))
    return RoutingContext(as_of=moment, values=values)
