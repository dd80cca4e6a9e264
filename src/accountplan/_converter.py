"""The strict base converter: the wire format of every accountplan model.

cattrs coerces silently by default (``None`` becomes ``'None'``, ``2.9``
becomes ``2``, ``"false"`` becomes ``True``). The hooks here accept exactly
one JSON shape per Python type and explain every refusal.

Wire format:

* ``Decimal`` — a decimal string (``"12.50"``); a JSON number is refused.
* ``date`` — ``"YYYY-MM-DD"``.
* ``datetime`` — an RFC 3339 instant with its offset,
  ``"2026-03-29T09:00:00+02:00"``, readable by ``datetime.fromisoformat`` and
  ``pandas.to_datetime``. The zone name is not written: a model that needs
  one carries it as its own field (``Account.timezone``). A value whose
  offset is not whole minutes (local mean time before 1900, say) is written
  in UTC. The RFC 9557 form with a bracketed zone
  (``"...+02:00[Europe/Amsterdam]"``) is still read, and keeps its zone.
  Naive values are refused in both directions.
* ``timedelta`` — an ISO 8601 duration with days, hours, minutes and
  (fractional) seconds: ``"P1DT2H30M"``, ``"-PT0.5S"``. Years and months are
  refused: they are not fixed lengths of time.
* enums by value, ``tuple`` as an array, ``frozenset`` as a sorted array,
  ``FrozenMap`` as an object whose keys are strings.
* unknown keys are refused; an array where an object belongs is refused.

Native Python values: ``from_dict`` is also fed by database cursors and
DataFrame rows, so a ``Decimal``, ``date``, aware ``datetime`` or
``timedelta`` instance, an enum member, and a ``tuple`` (or, for a
``frozenset`` field, a ``set``) where an array belongs are accepted as they
are. Naive datetimes stay refused, a ``datetime`` is not a ``date``, and a
``float`` or ``int`` is never a ``Decimal`` (the wire refuses numbers for
decimals). JSON text can never produce these types (``from_json`` parses with
``json`` only), so the wire format itself stays strict.
* strings with lone surrogates (``"\\ud800"``) are refused: they cannot be
  encoded as UTF-8. Every string field, identifiers, names and free text
  alike, also refuses control characters other than tab and line breaks (NUL
  included) and Unicode bidirectional controls: the models' own check
  (``_validate.check_text``), so the wire and the constructors agree.
* digits are ASCII ``0``-``9`` only, in decimal strings, dates, datetimes,
  durations and integer keys (Python's ``int()`` and ``Decimal()`` would read
  Arabic-Indic and other Unicode digits).

Only validation failures become problems: accountplan errors, the internal
``Bad`` signal, cattrs' structure errors wrapping them, missing keys, and the
``ValueError``/``TypeError`` that a conversion documents. Any other exception
(``ZeroDivisionError``, ``RuntimeError``, ...) is a bug and propagates
unchanged.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from accountplan._decimal import to_decimal
from accountplan._frozen import FrozenMap
from accountplan._units import micros as to_micros
from accountplan._validate import zone
from accountplan.exceptions import (
    AccountPlanError,
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    Problem,
    preview,
)
from accountplan.money import Money, known_currencies

__all__ = [
    "Bad",
    "collect_problems",
    "format_datetime_iso",
    "format_duration_iso",
    "key_step",
    "load_json",
    "make_base_converter",
    "parse_datetime_iso",
    "parse_duration_iso",
]


class Bad(Exception):  # noqa: N818 - internal signal, never escapes
    """A value that does not fit its type; carries the value and the reason."""

    def __init__(self, value: Any, reason: str) -> None:
        super().__init__(reason)
        self.value = value
        self.reason = reason


class _Located(Exception):  # noqa: N818 - internal signal, never escapes
    """Several problems inside a container, each under its own path suffix."""

    def __init__(self, items: list[tuple[str, BaseException]]) -> None:
        super().__init__(f"{len(items)} problems")
        self.items = items


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return json.dumps(text)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return preview(value)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}", re.ASCII)


def _quoted_key(key: Any) -> str:
    """The JSON path step ``["key"]`` (bounded, escaped)."""
    text = key if isinstance(key, str) else preview(key)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"[{json.dumps(text)}]"


def key_step(key: Any) -> str:
    """The JSON path step for an object key: ``.name`` or ``["odd key"]``."""
    if isinstance(key, str) and _IDENTIFIER.fullmatch(key):
        return f".{key}"
    return _quoted_key(key)


# -- scalars ------------------------------------------------------------------

_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,9})?", re.ASCII)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if isinstance(value, Decimal):
        try:
            return to_decimal("value", value)
        except (InvalidInputError, LimitExceededError) as exc:
            raise Bad(value, f"decimal out of range: {exc.reason}") from None
    if not isinstance(value, str):
        raise Bad(value, f"expected a decimal string, got {_describe(value)}")
    if len(value) > 130 or not _DECIMAL_RE.fullmatch(value):
        if not value.isascii() and any(c.isdigit() for c in value):
            raise Bad(
                value, f"expected a decimal string in ASCII digits 0-9, got {_describe(value)}"
            )
        raise Bad(value, f"expected a decimal string, got {_describe(value)}")
    try:
        return to_decimal("value", value)
    except (InvalidInputError, LimitExceededError) as exc:
        raise Bad(
            value, f"decimal string out of range: {exc.reason}, got {_describe(value)}"
        ) from None


def _unstructure_decimal(value: Decimal) -> str:
    return f"{value:f}"


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise Bad(value, f"expected a string, got {_describe(value)}")
    found = _SURROGATE.search(value)
    if found is not None:
        raise Bad(
            value,
            f"contains a lone surrogate (U+{ord(found.group()):04X} at index {found.start()}), "
            "which cannot be encoded as UTF-8",
        )
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad(value, f"expected an integer, got {_describe(value)}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad(value, f"expected true or false, got {_describe(value)}")
    return value


def _structure_float(value: Any, _: Any) -> float:
    raise Bad(value, "floating-point fields are not part of the wire format")


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise Bad(value, f"expected a date, got a datetime {_describe(value)}")
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise Bad(value, f"expected a date as YYYY-MM-DD, got {_describe(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Bad(value, f"not a calendar date: {_describe(value)}") from None


_DATETIME_RE = re.compile(
    r"(?P<base>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"(?P<offset>Z|[+-]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"(?:\[(?P<zone>[A-Za-z0-9_+\-/]{1,64})\])?",
    re.ASCII,
)


def format_datetime_iso(value: dt.datetime) -> str:
    """Format an aware datetime as an RFC 3339 instant with its offset, no zone name.

    An offset that is not a whole number of minutes cannot be written in RFC
    3339; such a value is written as the same instant in UTC.
    """
    if not isinstance(value, dt.datetime):
        raise InvalidTypeError("datetime", value, "must be a timezone-aware datetime")
    offset = value.utcoffset()
    if value.tzinfo is None or offset is None:
        raise InvalidInputError("datetime", value, "must be timezone-aware, not naive")
    if offset.seconds % 60 or offset.microseconds:
        value = value.astimezone(dt.UTC)
        offset = dt.timedelta(0)
    return value.replace(tzinfo=dt.timezone(offset)).isoformat()


def parse_datetime_iso(value: Any) -> dt.datetime:
    """Parse the wire form of an aware datetime; raise ``Bad`` when it does not fit.

    An aware ``datetime`` instance is accepted as it is (a subclass such as
    ``pandas.Timestamp`` becomes a plain ``datetime``; nanoseconds are refused).
    """
    if isinstance(value, dt.datetime):
        return _native_datetime(value)
    if not isinstance(value, str):
        raise Bad(value, f"expected an ISO 8601 datetime with offset, got {_describe(value)}")
    match = _DATETIME_RE.fullmatch(value)
    if not match:
        raise Bad(
            value,
            f"expected an ISO 8601 datetime with an offset (naive values are refused), "
            f"got {_describe(value)}",
        )
    offset = match["offset"]
    text = match["base"] + ("+00:00" if offset == "Z" else offset)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Bad(value, f"not a valid datetime: {_describe(value)}") from None
    name = match["zone"]
    if name is None:
        return parsed
    try:
        tz = zone(name)
    except InvalidInputError:
        raise Bad(value, f"unknown time zone {name!r}") from None
    # Keep the written wall time and pick the PEP 495 fold whose offset is the
    # written one: this preserves repeated and even nonexistent local times.
    wall = parsed.replace(tzinfo=None)
    for fold in (0, 1):
        local = wall.replace(tzinfo=tz, fold=fold)
        if local.utcoffset() == parsed.utcoffset():
            return local
    raise Bad(value, f"offset {offset} does not match time zone {name} at that time")


def _native_datetime(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise Bad(
            value,
            f"expected a timezone-aware datetime (naive values are refused), "
            f"got {_describe(value)}",
        )
    if getattr(value, "nanosecond", 0):
        raise Bad(value, f"has nanoseconds, finer than a datetime holds: {_describe(value)}")
    if type(value) is dt.datetime:
        return value
    return dt.datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
        fold=value.fold,
    )


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    return parse_datetime_iso(value)


def _unstructure_datetime(value: dt.datetime) -> str:
    return format_datetime_iso(value)


_DURATION_RE = re.compile(
    r"(?P<sign>[+-])?P(?!$)(?:(?P<weeks>\d{1,9})W)?(?:(?P<days>\d{1,9})D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d{1,12})H)?(?:(?P<minutes>\d{1,14})M)?"
    r"(?:(?P<seconds>\d{1,16})(?:[.,](?P<fraction>\d{1,6}))?S)?)?",
    re.ASCII,
)


def parse_duration_iso(value: Any) -> dt.timedelta:
    """Parse an ISO 8601 duration (weeks, days, hours, minutes, seconds).

    A ``timedelta`` instance is accepted as it is (a subclass such as
    ``pandas.Timedelta`` becomes a plain ``timedelta``; nanoseconds are refused).
    """
    if isinstance(value, dt.timedelta):
        if getattr(value, "nanoseconds", 0):
            raise Bad(value, f"has nanoseconds, finer than a timedelta holds: {_describe(value)}")
        return dt.timedelta(days=value.days, seconds=value.seconds, microseconds=value.microseconds)
    if not isinstance(value, str):
        raise Bad(value, f"expected an ISO 8601 duration such as 'PT4H', got {_describe(value)}")
    match = _DURATION_RE.fullmatch(value)
    if not match or value.endswith("T"):
        if re.fullmatch(r"[+-]?P.*\d+[YM].*", value, re.ASCII) and "T" not in value.split("M")[0]:
            raise Bad(value, "years and months are not fixed durations; use days")
        raise Bad(value, f"expected an ISO 8601 duration such as 'PT4H', got {_describe(value)}")
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k not in {"sign", "fraction"}}
    fraction = match["fraction"] or ""
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        result = dt.timedelta(
            weeks=parts.get("weeks", 0),
            days=parts.get("days", 0),
            hours=parts.get("hours", 0),
            minutes=parts.get("minutes", 0),
            seconds=parts.get("seconds", 0),
            microseconds=micro,
        )
    except OverflowError:
        raise Bad(value, "duration out of range") from None
    return -result if match["sign"] == "-" else result


def format_duration_iso(value: dt.timedelta) -> str:
    """Format a timedelta as an ISO 8601 duration (``P1DT2H``, ``-PT30M``, ``PT0S``)."""
    if not isinstance(value, dt.timedelta):
        raise InvalidTypeError("duration", value, "must be a timedelta")
    total = to_micros(value)
    sign = "-" if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86_400_000_000)
    hours, rest = divmod(rest, 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, micros = divmod(rest, 1_000_000)
    text = f"{sign}P"
    if days:
        text += f"{days}D"
    time = ""
    if hours:
        time += f"{hours}H"
    if minutes:
        time += f"{minutes}M"
    if seconds or micros:
        time += f"{seconds}.{micros:06d}".rstrip("0").rstrip(".") + "S"
    if time:
        text += "T" + time
    if text in {"P", "-P"}:
        text = "PT0S"
    return text


def _structure_timedelta(value: Any, _: Any) -> dt.timedelta:
    return parse_duration_iso(value)


# -- enums and literals -------------------------------------------------------


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, cls):
        return value
    for member in cls:
        if type(member.value) is type(value) and member.value == value:
            return member
    options = ", ".join(json.dumps(m.value) for m in cls)
    raise Bad(value, f"expected one of {options}, got {_describe(value)}")


def _unstructure_enum(member: enum.Enum) -> Any:
    return member.value


def _literal_hook(type_: Any) -> Callable[[Any, Any], Any]:
    options = get_args(type_)

    def hook(value: Any, _: Any) -> Any:
        for option in options:
            if type(option) is type(value) and option == value:
                return option
        names = ", ".join(json.dumps(o) for o in options)
        raise Bad(value, f"expected one of {names}, got {_describe(value)}")

    return hook


# -- containers ---------------------------------------------------------------


def _is_literal(type_: Any) -> bool:
    return get_origin(type_) is Literal


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _is_tuple_subclass(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, tuple) and type_ is not tuple


def _is_frozenset(type_: Any) -> bool:
    origin = get_origin(type_)
    return origin in (frozenset, typing.AbstractSet) or type_ is frozenset


def _is_frozenmap(type_: Any) -> bool:
    return get_origin(type_) is FrozenMap or type_ is FrozenMap


def _run_items(converter: cattrs.Converter, items: list[tuple[str, Any, Any]]) -> list[Any]:
    out: list[Any] = []
    errors: list[tuple[str, BaseException]] = []
    for suffix, value, type_ in items:
        try:
            out.append(converter.structure(value, type_))
        except Exception as exc:
            _check_validation(exc)
            errors.append((suffix, exc))
    if errors:
        raise _Located(errors)
    return out


def _tuple_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        args = get_args(type_)
        homogeneous = len(args) == 2 and args[1] is Ellipsis

        def hook(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise Bad(value, f"expected an array, got {_describe(value)}")
            if homogeneous or not args:
                item_type = args[0] if args else Any
                items = [(f"[{i}]", v, item_type) for i, v in enumerate(value)]
            else:
                if len(value) != len(args):
                    raise Bad(value, f"expected an array of {len(args)} items, got {len(value)}")
                items = [(f"[{i}]", v, t) for i, (v, t) in enumerate(zip(value, args, strict=True))]
            return tuple(_run_items(converter, items))

        return hook

    return factory


def _tuple_unstructure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any], Any]:
        args = get_args(type_)
        if not args or (len(args) == 2 and args[1] is Ellipsis):
            item = args[0] if args else Any

            def homogeneous(value: tuple[Any, ...]) -> list[Any]:
                return [converter.unstructure(v, item) for v in value]

            return homogeneous

        def fixed(value: tuple[Any, ...]) -> list[Any]:
            return [converter.unstructure(v, t) for v, t in zip(value, args, strict=True)]

        return fixed

    return factory


def _sort_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, default=str)


def _frozenset_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        args = get_args(type_)
        item_type = args[0] if args else Any

        def hook(value: Any, _: Any) -> frozenset[Any]:
            if not isinstance(value, list | tuple | set | frozenset):
                raise Bad(value, f"expected an array, got {_describe(value)}")
            if isinstance(value, set | frozenset):
                value = sorted(value, key=_sort_key)
            items = [(f"[{i}]", v, item_type) for i, v in enumerate(value)]
            result = frozenset(_run_items(converter, items))
            if len(result) != len(value):
                raise Bad(value, "expected an array without duplicates")
            return result

        return hook

    return factory


def _frozenset_unstructure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any], Any]:
        args = get_args(type_)
        item_type = args[0] if args else Any

        def hook(value: frozenset[Any]) -> list[Any]:
            return sorted((converter.unstructure(v, item_type) for v in value), key=_sort_key)

        return hook

    return factory


def _key_from_text(text: Any, key_type: Any) -> Any:
    if (
        isinstance(key_type, type)
        and issubclass(key_type, enum.Enum)
        and isinstance(text, key_type)
    ):
        return text
    if key_type is int and isinstance(text, int) and not isinstance(text, bool):
        return text
    if key_type is dt.date and isinstance(text, dt.date):
        return _structure_date(text, dt.date)
    if not isinstance(text, str):
        raise Bad(text, f"expected a string key, got {_describe(text)}")
    if key_type is str or key_type is Any:
        return _structure_str(text, str)
    if key_type is int:
        if not re.fullmatch(r"-?\d{1,18}", text, re.ASCII):
            raise Bad(text, f"expected an integer key, got {_describe(text)}")
        return int(text)
    if isinstance(key_type, type) and issubclass(key_type, enum.Enum):
        for member in key_type:
            if str(member.value) == text:
                return member
        options = ", ".join(json.dumps(str(m.value)) for m in key_type)
        raise Bad(text, f"expected one of {options}, got {_describe(text)}")
    if key_type is dt.date:
        return _structure_date(text, dt.date)
    raise Bad(text, f"keys of type {key_type!r} are not supported")


def _key_to_text(key: Any) -> str:
    if isinstance(key, enum.Enum):
        return str(key.value)
    if isinstance(key, dt.date):
        return key.isoformat()
    return str(key)


def _frozenmap_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        args = get_args(type_)
        key_type, value_type = args if len(args) == 2 else (Any, Any)

        def hook(value: Any, _: Any) -> FrozenMap[Any, Any]:
            if not isinstance(value, Mapping):
                raise Bad(value, f"expected an object, got {_describe(value)}")
            keys: list[Any] = []
            errors: list[tuple[str, BaseException]] = []
            for text in value:
                try:
                    keys.append(_key_from_text(text, key_type))
                except Bad as exc:
                    errors.append((_quoted_key(text), exc))
            if errors:
                raise _Located(errors)
            items = [(key_step(t), v, value_type) for t, v in value.items()]
            values = _run_items(converter, items)
            return FrozenMap(zip(keys, values, strict=True))

        return hook

    return factory


def _frozenmap_unstructure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any], Any]:
        args = get_args(type_)
        value_type = args[1] if len(args) == 2 else Any

        def hook(value: Mapping[Any, Any]) -> dict[str, Any]:
            return {_key_to_text(k): converter.unstructure(v, value_type) for k, v in value.items()}

        return hook

    return factory


# -- models -------------------------------------------------------------------


def _structure_money(value: Any, _: Any) -> Money:
    """Money reports every problem at once: amount, currency and unknown keys."""
    if not isinstance(value, dict):
        raise Bad(value, f"expected an object, got {_describe(value)}")
    errors: list[tuple[str, BaseException]] = []
    amount: Decimal | None = None
    currency: str | None = None
    if "amount" in value:
        try:
            amount = _structure_decimal(value["amount"], Decimal)
        except Bad as exc:
            errors.append((".amount", exc))
    else:
        errors.append((".amount", _Missing()))
    if "currency" in value:
        code = value["currency"]
        try:
            currency = _structure_str(code, str)
        except Bad as exc:
            errors.append((".currency", exc))
        else:
            if currency not in known_currencies():
                errors.append(
                    (
                        ".currency",
                        Bad(
                            code,
                            "expected an ISO 4217 currency code known to CLDR such as "
                            f'"EUR", got {_describe(code)}',
                        ),
                    )
                )
    else:
        errors.append((".currency", _Missing()))
    unknown = [key for key in value if key not in ("amount", "currency")]
    errors.extend((key_step(key), _Unknown()) for key in sorted(unknown, key=_key_order))
    if errors:
        raise _Located(errors)
    return Money(amount=amount, currency=currency)  # type: ignore[arg-type]


def _key_order(key: Any) -> tuple[str, str]:
    return (type(key).__name__, key if isinstance(key, str) else preview(key))


class _Missing(Exception):  # noqa: N818 - internal signal, never escapes
    """A required key is missing."""


class _Unknown(Exception):  # noqa: N818 - internal signal, never escapes
    """A key that the model does not have."""


def _field_checks(
    converter: cattrs.Converter, cls: Any, value: dict[Any, Any], exc: ClassValidationError
) -> list[tuple[str, BaseException]]:
    """Run the field validators that cattrs never reached because another field failed.

    cattrs only calls the constructor (and so the attrs validators) when every
    field has structured; to list every problem at once, each field that did
    structure is converted and validated on its own. Best effort: a validator
    that needs the other fields (and fails without them) is skipped.
    """
    failed = {
        note.name
        for sub in exc.exceptions
        for note in getattr(sub, "__notes__", ())
        if isinstance(note, AttributeValidationNote)
    }
    found: list[tuple[str, BaseException]] = []
    if not failed:  # every field structured: the constructor itself failed
        return found
    for field in attrs.fields(cls):
        name = field.alias or field.name
        if (
            name in failed
            or name not in value
            or (field.validator is None and field.converter is None)
        ):
            continue
        try:
            item = converter.structure(value[name], field.type)
            if isinstance(field.converter, attrs.Converter):
                item = field.converter(item, None, field)  # type: ignore[operator]
            elif callable(field.converter):
                item = field.converter(item)
            if field.validator is not None:
                field.validator(None, field, item)
        except AccountPlanError as error:
            # Errors with a field name are placed by it; others at the field.
            named = isinstance(getattr(error, "field", None), str) and error.field  # type: ignore[attr-defined]
            found.append(("" if named else key_step(name), error))
        except Exception:  # noqa: S112 - needs the whole instance; cattrs reports the rest
            continue
    return found


def _attrs_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        inner = make_dict_structure_fn(cls, converter)

        def hook(value: Any, type_: Any) -> Any:
            # cattrs would call value.keys() and leak "'list' object has no
            # attribute 'keys'" for an array where an object belongs.
            if not isinstance(value, dict):
                raise Bad(value, f"expected an object, got {_describe(value)}")
            try:
                return inner(value, type_)
            except ClassValidationError as exc:
                extra = _field_checks(converter, cls, value, exc)
                if not extra:
                    raise
                raise _Located([("", exc), *extra]) from None

        return hook

    return factory


def make_base_converter() -> cattrs.Converter:
    """Return a new strict converter with the wire format described above."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    converter.register_structure_hook(dt.timedelta, _structure_timedelta)
    converter.register_unstructure_hook(dt.timedelta, format_duration_iso)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    # A StrEnum by value too: cattrs would treat it as the str it subclasses.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_unstructure_hook(enum.StrEnum, _unstructure_enum)
    converter.register_structure_hook_factory(attrs.has, _attrs_hook_factory(converter))
    converter.register_structure_hook(Money, _structure_money)
    converter.register_structure_hook_factory(_is_literal, _literal_hook)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook_factory(converter))
    converter.register_unstructure_hook_factory(_is_tuple, _tuple_unstructure_factory(converter))
    # A tuple subclass (the table collections evaluate() and invoice_schedule()
    # return) unstructures as its items, like the plain tuple it equals.
    converter.register_unstructure_hook_func(
        _is_tuple_subclass, lambda value: [converter.unstructure(v) for v in value]
    )
    converter.register_structure_hook_factory(_is_frozenset, _frozenset_hook_factory(converter))
    converter.register_unstructure_hook_factory(
        _is_frozenset, _frozenset_unstructure_factory(converter)
    )
    converter.register_structure_hook_factory(_is_frozenmap, _frozenmap_hook_factory(converter))
    converter.register_unstructure_hook_factory(
        _is_frozenmap, _frozenmap_unstructure_factory(converter)
    )
    return converter


# -- error reporting ----------------------------------------------------------


def _join(path: str, field: str) -> str:
    if not field:
        return path
    if field.startswith(("[", ".")):
        return path + field
    return f"{path}.{field}"


def collect_problems(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten a structuring failure into problems with JSON paths.

    Raises the first exception inside ``exc`` that is not a validation failure
    (see the module docstring), unchanged.
    """
    _check_validation(exc)
    out: list[Problem] = []
    _collect(exc, path, out)
    return out


_SIGNALS = (Bad, _Located, _Missing, _Unknown, AccountPlanError, ValueError, TypeError)


def _check_validation(exc: BaseException) -> None:
    """Re-raise the first leaf of ``exc`` that is not a validation failure."""
    stack = [exc]
    while stack:
        current = stack.pop()
        if isinstance(current, ClassValidationError | IterableValidationError):
            for sub in reversed(current.exceptions):
                if isinstance(sub, KeyError) and _missing_key(sub):
                    continue
                stack.append(sub)
        elif isinstance(current, _Located):
            stack.extend(located for _, located in reversed(current.items))
        elif isinstance(current, ForbiddenExtraKeysError | RecursionError):
            continue
        elif not isinstance(current, _SIGNALS):
            raise current


def _missing_key(exc: KeyError) -> bool:
    """Whether cattrs raised this KeyError for a missing attribute key."""
    names = [
        n.name for n in getattr(exc, "__notes__", ()) if isinstance(n, AttributeValidationNote)
    ]
    return len(exc.args) == 1 and exc.args[0] in names


def _with_got(reason: str, value: Any) -> str:
    """``reason (got value)``, unless the reason already shows what it got."""
    if "(got " in reason:
        return reason
    return f"{reason} (got {preview(value)})"


def _collect(exc: BaseException, path: str, out: list[Problem]) -> None:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path = f"{path}{key_step(note.name)}"
                elif isinstance(note, IterableValidationNote):
                    sub_path = f"{path}[{note.index}]"
            if isinstance(sub, KeyError) and _missing_key(sub):
                out.append(Problem(sub_path, None, "required key is missing"))
            else:
                _collect(sub, sub_path, out)
    elif isinstance(exc, _Located):
        for suffix, located in exc.items:
            _collect(located, _join(path, suffix), out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=_key_order):
            out.append(Problem(f"{path}{key_step(key)}", None, "unknown key"))
    elif isinstance(exc, _Unknown):
        out.append(Problem(path, None, "unknown key"))
    elif isinstance(exc, _Missing):
        out.append(Problem(path, None, "required key is missing"))
    elif isinstance(exc, Bad):
        out.append(Problem(path, exc.value, exc.reason))
    elif isinstance(exc, InvalidInputError):
        if exc.path is not None:
            out.extend(
                Problem(_join(path, p.path.lstrip("$")), p.value, p.message) for p in exc.problems
            )
            if exc.omitted:
                out.append(Problem(path, None, f"and {exc.omitted:,} more problems"))
        else:
            for p in exc.problems:
                out.append(
                    Problem(
                        _join(path, _field_suffix(p.path)), p.value, _with_got(p.message, p.value)
                    )
                )
    elif isinstance(exc, LimitExceededError):
        reason = exc.reason or f"exceeds the limit of {preview(exc.limit)}"
        out.append(
            Problem(_join(path, _field_suffix(exc.field)), exc.value, _with_got(reason, exc.value))
        )
    elif isinstance(exc, CurrencyMismatchError):
        out.append(Problem(path, None, str(exc)))
    elif isinstance(exc, AccountPlanError):
        field = getattr(exc, "field", "")
        out.append(Problem(_join(path, _field_suffix(field)), None, str(exc)))
    elif isinstance(exc, RecursionError):
        out.append(Problem(path, None, "input is nested too deeply"))
    else:
        text = str(exc)
        if len(text) > 200:
            text = text[:197] + "..."
        out.append(Problem(path, None, f"invalid value: {text}"))


def _field_suffix(field: Any) -> str:
    """A field name as a JSON path step (fields like ``lines[2]`` keep their index)."""
    if not isinstance(field, str) or not field:
        return ""
    if field.startswith(("[", ".")):
        return field
    head, bracket, rest = field.partition("[")
    if _IDENTIFIER.fullmatch(head):
        return f".{head}{bracket}{rest}"
    return key_step(field)


#: Longest JSON text ``load_json`` reads, in characters.
MAX_LOAD_LENGTH = 10_000_000

T = typing.TypeVar("T")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def load_json(text: Any, cls: type[T]) -> T:
    """Structure JSON text strictly into ``cls`` with the base converter (rule data loaders).

    Text that is not a ``str`` is refused (``InvalidTypeError``), so is text
    over ``MAX_LOAD_LENGTH`` characters (before parsing), ``NaN`` and
    ``Infinity``, invalid JSON and JSON nested too deeply; a structuring
    failure lists every problem with its JSON path (the first one in the
    message).
    """
    if not isinstance(text, str):
        raise InvalidTypeError("text", text, "must be JSON text (str)", path="$")
    if len(text) > MAX_LOAD_LENGTH:
        raise LimitExceededError("text", len(text), MAX_LOAD_LENGTH)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise InvalidInputError("$", None, f"is not valid JSON: {exc}", path="$") from None
    try:
        return make_base_converter().structure(data, cls)
    except RecursionError:
        raise InvalidInputError("$", None, "input is nested too deeply", path="$") from None
    except Exception as exc:
        problems = collect_problems(exc)
        first = problems[0]
        raise InvalidInputError(
            first.path, first.value, first.message, path=first.path, problems=problems
        ) from None
