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
import itertools
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, TypeAlias, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from accountplan._decimal import to_decimal
from accountplan._frozen import FrozenMap
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = [
    "aware",
    "check_aware",
    "check_choice",
    "check_date",
    "check_items",
    "check_mapping",
    "check_non_empty",
    "check_percent",
    "check_text",
    "check_timezone",
    "check_type",
    "decimal_converter",
    "empty_or",
    "enum_converter",
    "free_text",
    "instance_of",
    "mapping_of",
    "named",
    "non_empty",
    "one_of",
    "optional",
    "percent_converter",
    "plain_date",
    "set_of",
    "timezone_name",
    "to_enum",
    "tuple_of",
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


_FORBIDDEN_SEARCH: Final = FORBIDDEN_CHARACTERS.search


def check_text(field: str, value: Any) -> str:
    """Return ``value`` if it is a string without forbidden characters.

    The one rule for every string a model stores, free text included (names,
    descriptions, notes, reasons, plan text): see ``FORBIDDEN_CHARACTERS``.
    Control characters (except tab and line breaks), bidirectional controls
    and lone surrogates are refused, naming the first one and its index. A
    value that passes can be written to JSON and read back unchanged, and
    renders as it is stored.

    >>> check_text("note", "two\\nlines")
    'two\\nlines'
    >>> check_text("note", "A\\u202eB")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'note' contains a bidirectional control character ...
    """
    if type(value) is str and _FORBIDDEN_SEARCH(value) is None:
        return value  # the common case, decided with one search
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
    if (
        type(value) is str
        and value
        and not value[0].isspace()
        and not value[-1].isspace()
        and _FORBIDDEN_SEARCH(value) is None
    ):
        return value  # the common case, decided without building anything
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
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        # The enum's own value index: one lookup, where a loop over the members
        # (and the list of allowed values, needed only for an error) cost a few
        # microseconds on every construction.
        found = cls._value2member_map_.get(value)
        if found is not None and isinstance(found.value, str):
            return found  # type: ignore[return-value]
        raise InvalidInputError(field, value, f"must be one of {_allowed(cls)}")
    raise InvalidTypeError(field, value, f"must be a {cls.__name__} or one of {_allowed(cls)}")


def _allowed(cls: type[enum.Enum]) -> str:
    return ", ".join(repr(member.value) for member in cls)


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


def named(check: Callable[[str, Any], Any]) -> Validator:
    """A validator: ``check(field, value)`` under the field's name (its result is dropped).

    For a check of a package's own (``named(check_key)``); the shared ones have
    names of their own: [non_empty][accountplan._validate.non_empty],
    [aware][accountplan._validate.aware], [plain_date][accountplan._validate.plain_date].

    >>> import attrs
    >>> @attrs.frozen
    ... class Code:
    ...     text: str = attrs.field(validator=named(check_non_empty))
    >>> Code(text="")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'text' must not be empty (got '')
    """

    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(_field_name(attribute), value)

    return validate


#: A validator: a string with visible characters and no surrounding whitespace.
non_empty: Final[Validator] = named(check_non_empty)
#: A validator: a timezone-aware ``datetime``.
aware: Final[Validator] = named(check_aware)
#: A validator: a plain ``date`` (a ``datetime`` is refused).
plain_date: Final[Validator] = named(check_date)
#: A validator: an IANA time zone name.
timezone_name: Final[Validator] = named(check_timezone)
#: A validator: free text, possibly empty, without forbidden characters
#: ([check_text][accountplan._validate.check_text]).
free_text: Final[Validator] = named(check_text)


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


def decimal_converter(*, optional: bool = False) -> attrs.Converter[Any, Any]:
    """An attrs converter to ``Decimal`` (an ``int``, ``Decimal`` or decimal string; no floats).

    With ``optional=True``, ``None`` passes through. Like
    [enum_converter][accountplan._validate.enum_converter], a field using it
    needs ``# type: ignore[misc]`` for mypy's attrs plugin.

    >>> import attrs
    >>> @attrs.frozen
    ... class Reading:
    ...     value: Decimal = attrs.field(converter=decimal_converter())
    >>> Reading(value="1.50").value
    Decimal('1.50')
    """

    def convert(value: Any, field: attrs.Attribute[Any]) -> Any:
        if optional and value is None:
            return None
        return to_decimal(_field_name(field), value)

    return attrs.Converter(convert, takes_field=True)


def empty_or(validator: Validator) -> Validator:
    """A validator: ``""`` (not known), or what ``validator`` accepts.

    For identifiers that may be unknown, such as an open item's
    ``account_number``: ``empty_or(non_empty)`` takes ``""`` or ``"A-1"`` and
    refuses ``" A-1"``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Debt:
    ...     account_number: str = attrs.field(default="", validator=empty_or(non_empty))
    >>> Debt().account_number, Debt(account_number="A-1").account_number
    ('', 'A-1')
    >>> Debt(account_number=" A-1")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'account_number' must not start or end with ...
    """

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value != "" or type(value) is not str:
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


# -- sequences, sets and mappings -----------------------------------------------
#
# One family for every collection field: ``tuple_of(Settlement, limit=...)``,
# ``set_of(check_status, limit=...)``, ``mapping_of(str, Decimal, limit=...)``.
# Each refuses strings, bytes and (where a sequence is wanted) mappings, checks
# the size limit before looking at the items (at most ``limit + 1`` of them are
# taken from an iterator), then checks or converts every item, naming the field
# and the position: ``'lines[2]' must be InvoiceLine (got 'x')``.

#: What the items of a collection must be. A class (or a tuple of classes):
#: the item must be an instance (bool is never an int); an ``Enum`` class: the
#: member or its value, converted with [to_enum][accountplan._validate.to_enum];
#: a function ``check(field, value)``: its result is kept (``check_non_empty``,
#: ``check_status``, or a ``functools.partial`` of ``check_items``).
Item: TypeAlias = "type[Any] | tuple[type[Any], ...] | Callable[[str, Any], Any]"

#: How items must differ: ``None``; ``True`` (the items themselves); an
#: attribute name (``"name"``: the items' ``name``); or a function of the item.
UniqueBy: TypeAlias = "bool | str | Callable[[Any], Hashable] | None"


def _describe(item: Item) -> str:
    if isinstance(item, tuple):
        names = [t.__name__ for t in item]
        return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    if isinstance(item, type):
        return item.__name__
    return "valid items"


def _enum_check(cls: type[enum.Enum]) -> Callable[[str, Any], Any]:
    def convert(field: str, value: Any) -> Any:
        return value if type(value) is cls else to_enum(field, value, cls)

    return convert


class _Spec:
    """What the items must be, worked out once per field (not once per value)."""

    __slots__ = ("check", "item", "refuse_bool", "types", "wanted")

    def __init__(self, item: Item, what: str | None) -> None:
        self.item = item
        self.wanted = what
        self.types: tuple[type[Any], ...] = ()
        self.check: Callable[[str, Any], Any] | None = None
        self.refuse_bool = False
        if isinstance(item, type) and issubclass(item, enum.Enum):
            self.check = _enum_check(item)
        elif isinstance(item, type | tuple):
            self.types = item if isinstance(item, tuple) else (item,)
            self.refuse_bool = bool not in self.types and issubclass(bool, self.types)
        else:
            self.check = item

    @property
    def what(self) -> str:
        """What the items are, in words (worked out only for an error message)."""
        return self.wanted or _describe(self.item)

    def one(self, field: str, value: Any) -> Any:
        """Check or convert one value (a key or a value of a mapping)."""
        if self.check is not None:
            return self.check(field, value)
        return check_type(field, value, self.types)

    def each(self, field: str, items: tuple[Any, ...], *, indexed: bool) -> tuple[Any, ...]:
        """Check or convert every item, named ``field[index]`` (or ``field`` in a set)."""
        check = self.check
        if check is None:
            types, refuse_bool = self.types, self.refuse_bool
            for index, found in enumerate(items):
                if not isinstance(found, types) or (refuse_bool and isinstance(found, bool)):
                    check_type(f"{field}[{index}]" if indexed else field, found, types)
            return items
        if indexed:
            return tuple(check(f"{field}[{index}]", found) for index, found in enumerate(items))
        return tuple(check(field, found) for found in items)


def _items(field: str, value: Any, limit: int, kind: str, spec: _Spec) -> tuple[Any, ...]:
    """The items of ``value`` as a tuple, after the type and the size are checked."""
    cls = type(value)
    if cls is tuple or cls is list:
        if len(value) > limit:
            raise LimitExceededError(field, len(value), limit)
        return tuple(value)
    if (
        isinstance(value, str | bytes | bytearray)
        or (kind == "sequence" and isinstance(value, Mapping))
        or not isinstance(value, Iterable)
    ):
        raise InvalidTypeError(field, value, f"must be a {kind} of {spec.what}")
    items = tuple(itertools.islice(value, limit + 1))
    if len(items) > limit:
        raise LimitExceededError(field, limit + 1, limit, f"has more than {limit} items")
    return items


def _check_unique(field: str, items: tuple[Any, ...], unique_by: UniqueBy) -> None:
    if unique_by is None or unique_by is False:
        return
    suffix = f".{unique_by}" if isinstance(unique_by, str) else ""
    seen: dict[Any, int] = {}
    for index, found in enumerate(items):
        if unique_by is True:
            key = found
        elif isinstance(unique_by, str):
            key = getattr(found, unique_by)
        else:
            key = unique_by(found)
        first = seen.setdefault(key, index)
        if first != index:
            shown = key.value if isinstance(key, enum.Enum) else key
            raise InvalidInputError(
                f"{field}[{index}]{suffix}", shown, f"repeats {field}[{first}]{suffix}"
            )


def _sequence(
    field: str,
    value: Any,
    spec: _Spec,
    limit: int,
    *,
    non_empty: bool,
    unique_by: UniqueBy,
) -> tuple[Any, ...]:
    items = _items(field, value, limit, "sequence", spec)
    if non_empty and not items:
        raise InvalidInputError(field, value, "must not be empty")
    items = spec.each(field, items, indexed=True)
    if unique_by is not None:
        _check_unique(field, items, unique_by)
    return items


def check_items(
    field: str,
    value: Any,
    item: Item,
    *,
    limit: int,
    non_empty: bool = False,
    unique_by: UniqueBy = None,
    what: str | None = None,
) -> tuple[Any, ...]:
    """Return the items of a sequence as a tuple, each checked (or converted) by ``item``.

    The size is checked first: a list or tuple by its length, anything else by
    taking at most ``limit + 1`` items, so ``range(10**9)`` or an endless
    generator costs nothing. Then each item is checked, in order, under the
    name ``field[index]``, then their uniqueness.

    Args:
        field: The name of the field, used in errors.
        value: Any iterable but a string, bytes or a mapping.
        item: A class, a tuple of classes, an ``Enum`` class (member or value
            string, converted) or a function ``check(field, value)`` whose
            result is kept.
        limit: The most items allowed.
        non_empty: Refuse an empty sequence.
        unique_by: ``True`` (the items must differ), an attribute name
            (``"name"``) or a function of the item whose results must differ.
        what: What the items are, for the type error (by default the class names).

    Returns:
        The checked items, as a tuple.

    Raises:
        InvalidTypeError: ``value`` is not a sequence (``'lines' must be a
            sequence of InvoiceLine``), or an item has the wrong type
            (``'lines[2]' must be InvoiceLine``).
        InvalidInputError: ``value`` is empty when ``non_empty``; an item is
            refused by ``item``; two items share a key
            (``'levels[3].name' repeats levels[1].name``).
        LimitExceededError: ``value`` has more than ``limit`` items.

    >>> check_items("codes", ["a", "b"], str, limit=5)
    ('a', 'b')
    >>> check_items("codes", range(10**9), int, limit=5)
    Traceback (most recent call last):
    ...
    accountplan.exceptions.LimitExceededError: 'codes' has more than 5 items (got 6)
    >>> check_items("codes", ["a", 2], str, limit=5)
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidTypeError: 'codes[1]' must be str (got 2)
    """
    return _sequence(
        field, value, _Spec(item, what), limit, non_empty=non_empty, unique_by=unique_by
    )


def _set(field: str, value: Any, spec: _Spec, limit: int, non_empty: bool) -> frozenset[Any]:
    plain = spec.check is None
    if type(value) is frozenset and plain and len(value) <= limit:
        items: tuple[Any, ...] = tuple(value)
    else:
        items = _items(field, value, limit, "set", spec)
    if non_empty and not items:
        raise InvalidInputError(field, value, "must not be empty")
    checked = spec.each(field, items, indexed=False)
    if type(value) is frozenset and plain:
        return value
    return frozenset(checked)


def check_mapping(
    field: str,
    value: Any,
    key: Item,
    item: Item,
    *,
    limit: int,
    non_empty: bool = False,
    what: str | None = None,
) -> FrozenMap[Any, Any]:
    """Return a mapping as a [FrozenMap][accountplan._frozen.FrozenMap], keys and values checked.

    The size is checked first. Each key is checked by ``key`` under the name
    ``field``, each value by ``item`` under ``field['key']`` (``field[value]``
    for an enum key: ``targets_by_priority[high]``); two keys that
    convert to the same one (``Priority.HIGH`` and ``"high"``) are refused,
    not merged. ``key`` and ``item`` are what
    [check_items][accountplan._validate.check_items] takes.

    Args:
        field: The name of the field, used in errors.
        value: A mapping.
        key: What the keys must be.
        item: What the values must be.
        limit: The most entries allowed.
        non_empty: Refuse an empty mapping.
        what: What the values are, for the type error (by default the class names).

    Returns:
        The checked entries, in their order.

    Raises:
        InvalidTypeError: ``value`` is not a mapping, or a key or value has the
            wrong type.
        InvalidInputError: a key or value is refused, two keys are the same
            once converted, or the mapping is empty when ``non_empty``.
        LimitExceededError: ``value`` has more than ``limit`` entries.

    >>> dict(check_mapping("weights", {"a": 1}, str, int, limit=5))
    {'a': 1}
    >>> check_mapping("weights", {"a": "1"}, str, int, limit=5)
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidTypeError: "weights['a']" must be int (got '1')
    """
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            field, value, f"must be a mapping of {_describe(key)} to {what or _describe(item)}"
        )
    if len(value) > limit:
        raise LimitExceededError(field, len(value), limit)
    if non_empty and not value:
        raise InvalidInputError(field, value, "must not be empty")
    keys, values = _Spec(key, None), _Spec(item, what)
    out: dict[Any, Any] = {}
    for raw, found in value.items():
        name = keys.one(field, raw)
        if name in out:
            shown = name.value if isinstance(name, enum.Enum) else name
            raise InvalidInputError(field, raw, f"names {_key_text(shown)} more than once")
        # ``teams['Ops']``, but ``targets_by_priority[high]`` for an enum key.
        label = name.value if isinstance(name, enum.Enum) else repr(name)
        out[name] = values.one(f"{field}[{label}]", found)
    return FrozenMap(out)


def _key_text(key: Any) -> str:
    return repr(key) if isinstance(key, str | int) else str(key)


def tuple_of(
    item: Item,
    *,
    limit: int,
    non_empty: bool = False,
    unique_by: UniqueBy = None,
    what: str | None = None,
) -> attrs.Converter[Any, Any]:
    """An attrs converter: [check_items][accountplan._validate.check_items] under the field's name.

    >>> import attrs
    >>> @attrs.frozen
    ... class Basket:
    ...     sizes: tuple[int, ...] = attrs.field(converter=tuple_of(int, limit=3))
    >>> Basket(sizes=[1, 2]).sizes
    (1, 2)
    >>> Basket(sizes=[1, "2"])
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidTypeError: 'sizes[1]' must be int (got '2')

    Like [enum_converter][accountplan._validate.enum_converter], a field using
    it needs ``# type: ignore[misc]`` for mypy's attrs plugin.
    """

    spec = _Spec(item, what)

    def convert(value: Any, field: attrs.Attribute[Any]) -> tuple[Any, ...]:
        return _sequence(
            field.alias or field.name, value, spec, limit, non_empty=non_empty, unique_by=unique_by
        )

    return attrs.Converter(convert, takes_field=True)


def set_of(
    item: Item, *, limit: int, non_empty: bool = False, what: str | None = None
) -> attrs.Converter[Any, Any]:
    """An attrs converter to a ``frozenset`` whose items are checked by ``item``.

    Like [check_items][accountplan._validate.check_items] (the same ``item``,
    limit and errors), but the result is a ``frozenset`` and errors name the
    field without a position: a set has none. A ``frozenset`` of plain-class
    items is kept as it is.

    >>> import attrs
    >>> @attrs.frozen
    ... class Labels:
    ...     tags: frozenset[str] = attrs.field(converter=set_of(check_non_empty, limit=3))
    >>> sorted(Labels(tags=["b", "a", "b"]).tags)
    ['a', 'b']
    >>> Labels(tags=[" a"])
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'tags' must not start or end with whitespace ...
    """

    spec = _Spec(item, what)

    def convert(value: Any, field: attrs.Attribute[Any]) -> frozenset[Any]:
        return _set(field.alias or field.name, value, spec, limit, non_empty)

    return attrs.Converter(convert, takes_field=True)


def mapping_of(
    key: Item, item: Item, *, limit: int, non_empty: bool = False, what: str | None = None
) -> attrs.Converter[Any, Any]:
    """An attrs converter applying [check_mapping][accountplan._validate.check_mapping].

    >>> import attrs
    >>> @attrs.frozen
    ... class Stock:
    ...     counts: FrozenMap[str, int] = attrs.field(converter=mapping_of(str, int, limit=3))
    >>> dict(Stock(counts={"apples": 3}).counts)
    {'apples': 3}
    """

    def convert(value: Any, field: attrs.Attribute[Any]) -> FrozenMap[Any, Any]:
        return check_mapping(
            field.alias or field.name,
            value,
            key,
            item,
            limit=limit,
            non_empty=non_empty,
            what=what,
        )

    return attrs.Converter(convert, takes_field=True)
