"""Small validators shared by the models; each raises InvalidInputError.

Wrong types raise InvalidTypeError (an InvalidInputError and a TypeError).

Time zones: a name is accepted when it is a key of the IANA tz database as
Python ships it (``zoneinfo.available_timezones()``, from the system database
or the ``tzdata`` package), except the host-specific entries ``localtime``,
``posixrules`` and ``Factory`` and the ``posix/`` and ``right/`` copies:
those depend on how the machine is configured, and results must not. ``UTC``
and the other IANA names, links included (``US/Eastern``), stay valid. Names
are case-sensitive.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from accountplan._decimal import to_decimal
from accountplan.exceptions import InvalidInputError, InvalidTypeError

__all__ = [
    "aware",
    "check_aware",
    "check_choice",
    "check_date",
    "check_non_empty",
    "check_percent",
    "check_text",
    "check_timezone",
    "check_type",
    "enum_converter",
    "instance_of",
    "non_empty",
    "one_of",
    "optional",
    "percent_converter",
    "plain_date",
    "timezone_name",
    "to_enum",
    "zone",
    "zone_names",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def check_type(field: str, value: Any, types: type[T] | tuple[type[Any], ...]) -> T:
    """Return ``value`` if it is an instance of ``types`` (bool is never an int)."""
    wanted = types if isinstance(types, tuple) else (types,)
    ok = not (isinstance(value, bool) and bool not in wanted) and isinstance(value, wanted)
    if not ok:
        names = " or ".join(t.__name__ for t in wanted)
        raise InvalidTypeError(field, value, f"must be {names}")
    return value  # type: ignore[no-any-return]


#: Characters refused in every string of the wire format and in identifiers:
#: C0 and C1 control characters other than tab, line feed and carriage return
#: (NUL included), the Unicode bidirectional controls (Bidi_Control: U+061C,
#: U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and lone surrogates, which
#: cannot be encoded as UTF-8.
FORBIDDEN_CHARACTERS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def check_text(field: str, value: Any) -> str:
    """Return ``value`` if it is a string without forbidden characters.

    See ``FORBIDDEN_CHARACTERS``: control characters (except tab and line
    breaks), bidirectional controls and lone surrogates are refused, naming
    the first one and its index.
    """
    text = check_type(field, value, str)
    found = FORBIDDEN_CHARACTERS.search(text)
    if found is not None:
        code = ord(found.group())
        kind = (
            "a lone surrogate"
            if 0xD800 <= code <= 0xDFFF
            else "a control character"
            if code <= 0x9F
            else "a bidirectional control character"
        )
        raise InvalidInputError(
            field, value, f"contains {kind} (U+{code:04X} at index {found.start()})"
        )
    return text


def check_non_empty(field: str, value: Any) -> str:
    """Return ``value`` unchanged; it must be a string with visible characters.

    Leading or trailing whitespace is refused, never stripped: ``"A-1 "`` and
    ``"A-1"`` would otherwise be two identifiers that look the same, or one
    that silently changed. Control characters, bidirectional controls and lone
    surrogates are refused (see ``check_text``).

    >>> check_non_empty("number", "A-1")
    'A-1'
    >>> check_non_empty("number", "A-1 ")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'number' must not start or end with whitespace ...
    """
    text = check_text(field, value)
    if not text.strip():
        raise InvalidInputError(field, value, "must not be empty")
    if text != text.strip():
        raise InvalidInputError(field, value, "must not start or end with whitespace")
    return text


def to_enum(field: str, value: Any, cls: type[E]) -> E:
    """Return the member of ``cls`` that ``value`` is or names by its value.

    The one input rule for enums: ``Priority.HIGH`` or ``"high"``. A string
    that is no member's value raises ``InvalidInputError``; anything else
    (another enum's member, ``None``, a number) raises ``InvalidTypeError``;
    both list the allowed values.

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     RED = "red"
    ...     BLUE = "blue"
    >>> to_enum("colour", "red", Colour)
    <Colour.RED: 'red'>
    >>> to_enum("colour", "green", Colour)
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'colour' must be one of 'red', 'blue' ...
    """
    if isinstance(value, cls):
        return value
    allowed = ", ".join(repr(member.value) for member in cls)
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        for member in cls:
            if isinstance(member.value, str) and member.value == value:
                return member
        raise InvalidInputError(field, value, f"must be one of {allowed}")
    raise InvalidTypeError(field, value, f"must be a {cls.__name__} or one of {allowed}")


def enum_converter(cls: type[E], *, optional: bool = False) -> attrs.Converter[Any, Any]:
    """An attrs converter applying [to_enum][accountplan._validate.to_enum] under the field's name.

    With ``optional=True``, ``None`` passes through. mypy's attrs plugin does
    not read ``attrs.Converter``: a field using it needs
    ``# type: ignore[misc]`` and its ``__init__`` parameter is typed ``Any``.
    """

    def convert(value: Any, field: attrs.Attribute[Any]) -> Any:
        if optional and value is None:
            return None
        return to_enum(field.alias or field.name, value, cls)

    return attrs.Converter(convert, takes_field=True)


def check_choice(field: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    options = tuple(choices)
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, f"must be one of {', '.join(options)}")
    if value not in options:
        raise InvalidInputError(field, value, f"must be one of {', '.join(options)}")
    return value


def check_date(field: str, value: Any) -> dt.date:
    """Return ``value`` if it is a plain ``date``; a ``datetime`` is refused.

    >>> check_date("due_date", dt.datetime(2025, 1, 1))
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'due_date' must be a date (not a datetime) ...
    """
    if isinstance(value, dt.datetime):
        raise InvalidInputError(field, value, "must be a date (not a datetime)")
    if not isinstance(value, dt.date):
        raise InvalidTypeError(field, value, "must be a date (not a datetime)")
    return value


def check_percent(
    field: str,
    value: Any,
    *,
    low: int = 0,
    high: int = 100,
    low_open: bool = False,
    high_open: bool = False,
) -> Decimal:
    """Return ``value`` as a ``Decimal`` percentage (``21`` is 21 %) within its bounds.

    The bounds are inclusive unless ``low_open`` / ``high_open``; the message
    says which: "must be a percentage from 0 to 100", "must be more than 0 and
    at most 100", "must be more than 0 and less than 100".

    >>> check_percent("tax_rate", "21")
    Decimal('21')
    >>> check_percent("share", 0, low_open=True)
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'share' must be more than 0 and at most 100 (got 0)
    """
    number = to_decimal(field, value)
    below = number <= low if low_open else number < low
    above = number >= high if high_open else number > high
    if below or above:
        if not low_open and not high_open:
            wanted = f"must be a percentage from {low} to {high}"
        else:
            first = f"more than {low}" if low_open else f"at least {low}"
            second = f"less than {high}" if high_open else f"at most {high}"
            wanted = f"must be {first} and {second}"
        raise InvalidInputError(field, value, wanted)
    return number


def check_aware(field: str, value: Any) -> dt.datetime:
    """Return ``value`` if it is a timezone-aware ``datetime``."""
    if not isinstance(value, dt.datetime):
        raise InvalidTypeError(field, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InvalidInputError(field, value, "must be timezone-aware, not naive")
    return value


#: Keys of the tz database that describe the host, not a place.
HOST_ZONE_KEYS: Final = frozenset({"localtime", "posixrules", "Factory"})


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every time zone name accepted: the IANA keys Python ships, minus host entries."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in HOST_ZONE_KEYS and not name.startswith(("posix/", "right/"))
    )


@lru_cache(maxsize=512)
def _load_zone(name: str) -> ZoneInfo | None:
    if name not in zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone(name: str) -> ZoneInfo:
    """Return the ``ZoneInfo`` for a name already validated by ``check_timezone``."""
    found = _load_zone(name)
    if found is None:
        raise InvalidInputError("timezone", name, "is not a known IANA time zone")
    return found


def check_timezone(field: str, value: Any) -> str:
    """Return ``value`` if it names an IANA time zone (for example ``Europe/Amsterdam``)."""
    if isinstance(value, ZoneInfo):
        value = value.key
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be an IANA time zone name")
    if not value or value != value.strip():
        raise InvalidInputError(field, value, "must be an IANA time zone name")
    if value.startswith(("/", ".")) or ".." in value or "\\" in value:
        raise InvalidInputError(field, value, "is not a known IANA time zone")
    if _load_zone(value) is None:
        raise InvalidInputError(field, value, "is not a known IANA time zone")
    return value


# -- attrs validators and converters that name the field from the attribute -----
#
# One small set for every model: ``attrs.field(validator=instance_of(Money))``
# instead of ``validator=lambda _i, _a, v: check_type("amount", v, Money)``. The
# error names the field as the caller spells it (the attribute's alias), so a
# field cannot be renamed without its messages following.

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _field_name(attribute: attrs.Attribute[Any]) -> str:
    return attribute.alias or attribute.name


def instance_of(*types: type[Any]) -> Validator:
    """A validator: the value is an instance of ``types`` (bool is never an int).

    >>> import attrs
    >>> @attrs.frozen
    ... class Box:
    ...     size: int = attrs.field(validator=instance_of(int))
    >>> Box(size="3")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidTypeError: 'size' must be int (got '3')
    """
    wanted: type[Any] | tuple[type[Any], ...] = types[0] if len(types) == 1 else types

    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check_type(_field_name(attribute), value, wanted)

    return validate


def _named(check: Callable[[str, Any], Any]) -> Validator:
    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(_field_name(attribute), value)

    return validate


#: A validator: a string with visible characters and no surrounding whitespace.
non_empty: Final[Validator] = _named(check_non_empty)
#: A validator: a timezone-aware ``datetime``.
aware: Final[Validator] = _named(check_aware)
#: A validator: a plain ``date`` (a ``datetime`` is refused).
plain_date: Final[Validator] = _named(check_date)
#: A validator: an IANA time zone name.
timezone_name: Final[Validator] = _named(check_timezone)


def one_of(choices: Iterable[str]) -> Validator:
    """A validator: the value is one of ``choices`` (the message lists them)."""
    options = tuple(choices)

    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check_choice(_field_name(attribute), value, options)

    return validate


def optional(validator: Validator) -> Validator:
    """A validator: ``None``, or what ``validator`` accepts."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return validate


def percent_converter(
    *,
    low: int = 0,
    high: int = 100,
    low_open: bool = False,
    high_open: bool = False,
    optional: bool = False,
) -> attrs.Converter[Any, Any]:
    """An attrs converter applying [check_percent][accountplan._validate.check_percent].

    With ``optional=True``, ``None`` passes through. Like
    [enum_converter][accountplan._validate.enum_converter], a field using it
    needs ``# type: ignore[misc]`` for mypy's attrs plugin.
    """

    def convert(value: Any, field: attrs.Attribute[Any]) -> Any:
        if optional and value is None:
            return None
        return check_percent(
            _field_name(field),
            value,
            low=low,
            high=high,
            low_open=low_open,
            high_open=high_open,
        )

    return attrs.Converter(convert, takes_field=True)
