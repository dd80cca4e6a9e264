"""JSON in and out of every accountplan model, strictly.

>>> from accountplan.money import Money
>>> from accountplan.serialization import from_json, to_json
>>> to_json(Money(amount="12.50", currency="EUR"))
'{"amount": "12.50", "currency": "EUR"}'
>>> from_json('{"amount": "12.50", "currency": "EUR"}', Money)
Money(amount=Decimal('12.50'), currency='EUR')
>>> from_json('{"amount": 12.5, "currency": "EUR"}', Money)
Traceback (most recent call last):
...
accountplan.exceptions.InvalidInputError: 1 problem in input:
  $.amount: expected a decimal string, got 12.5

The wire format is described in the docs page "JSON wire format".
[make_converter][accountplan.serialization.make_converter] returns a new
converter each time; cattrs' global converter is never touched.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Final, TypeVar

import attrs
import cattrs

from accountplan._converter import collect_problems, key_step, make_base_converter
from accountplan._validate import check_type
from accountplan.billing import configure_converter as billing_hooks
from accountplan.escalation import configure_converter as escalation_hooks
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    Problem,
)
from accountplan.plan import configure_converter as plan_hooks

__all__ = [
    "MAX_JSON_DEPTH",
    "MAX_JSON_LENGTH",
    "MAX_JSON_VALUES",
    "from_dict",
    "from_json",
    "make_converter",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: Most characters accepted by [from_json][accountplan.serialization.from_json].
MAX_JSON_LENGTH: Final = 50_000_000
#: Deepest nesting of arrays and objects accepted by ``from_json`` (the
#: top-level value is depth 1).
MAX_JSON_DEPTH: Final = 64
#: Most values (objects, arrays, strings, numbers, ``true``, ``false``, ``null``)
#: in one document accepted by ``from_json``. Counted cheaply, before parsing,
#: as the commas and opening brackets outside strings plus one, so an empty
#: array or object counts twice.
MAX_JSON_VALUES: Final = 1_000_000

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _package_hooks() -> tuple[Callable[[cattrs.Converter], None], ...]:
    # Each package that needs more than the base hooks (tagged unions, for
    # example) contributes one function here.
    return (billing_hooks, escalation_hooks, plan_hooks)


def make_converter() -> cattrs.Converter:
    """Return a new converter that knows every accountplan model.

    Start from it to add hooks for your own types; the library's own
    functions never use a converter you have changed.

    Returns:
        A new, independent ``cattrs.Converter`` with the strict base hooks
        (``Decimal``, [Money][accountplan.money.Money], dates, durations,
        enums) and every package's tagged unions.

    >>> from accountplan.money import Money
    >>> make_converter().unstructure(Money(amount="1.50", currency="EUR"))
    {'amount': '1.50', 'currency': 'EUR'}
    """
    converter = make_base_converter()
    for configure in _package_hooks():
        configure(converter)
    return converter


@lru_cache(maxsize=1)
def _default() -> cattrs.Converter:
    return make_converter()


def to_dict(obj: Any, /, *, converter: cattrs.Converter | None = None) -> Any:
    """Turn a model into JSON-ready builtins (dicts, lists, strings, ints, bools).

    Decimals and money amounts become strings, dates and instants RFC 3339
    strings, durations ISO 8601 strings, enums their values.

    Args:
        obj: A model, or a collection of models.
        converter: A converter from
            [make_converter][accountplan.serialization.make_converter]; the
            library's own by default.

    Returns:
        Builtins that ``json.dumps`` writes as they are; values the converter
        does not know pass through unchanged.

    Raises:
        InvalidTypeError: ``converter`` is neither ``None`` nor a
            ``cattrs.Converter``.
        InvalidInputError: a datetime in ``obj`` is naive.

    >>> from accountplan.money import Money
    >>> to_dict(Money(amount="19.99", currency="EUR"))
    {'amount': '19.99', 'currency': 'EUR'}
    """
    return _converter_of(converter).unstructure(obj)


def from_dict(data: Any, cls: type[T], /, *, converter: cattrs.Converter | None = None) -> T:
    """Build a model of type ``cls`` from JSON-ready builtins or native Python values.

    Wire strings and native values are both accepted, at any depth: a
    ``Decimal``, ``date``, aware ``datetime`` or ``timedelta``, an enum member
    (as a database cursor or a DataFrame row gives them). Naive datetimes,
    and floats or ints for decimals, are refused.

    >>> import datetime as dt
    >>> from_dict(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime)
    datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)

    Only validation failures are reported as ``InvalidInputError``; any other
    exception raised while building (a bug in a hook, for example) propagates
    unchanged.

    Args:
        data: Builtins as ``json.loads`` returns them, or native values.
        cls: The model type to build.
        converter: A converter from [make_converter][accountplan.serialization.make_converter];
            the library's own by default.

    Returns:
        The model.

    Raises:
        InvalidTypeError: ``cls`` is not a type, or ``converter`` is neither
            ``None`` nor a ``cattrs.Converter``.
        InvalidInputError: listing every problem with its JSON path and value
            (at most ``MAX_LISTED_PROBLEMS`` in the message, the rest counted).
    """
    _check_cls(cls)
    chosen = _converter_of(converter)
    try:
        return chosen.structure(data, cls)
    except RecursionError:
        raise InvalidInputError("$", None, "input is nested too deeply", path="$") from None
    except Exception as exc:
        problems = collect_problems(exc)  # re-raises anything that is not a validation failure
        first = problems[0] if problems else None
        raise InvalidInputError(
            first.path if first else "$",
            first.value if first else data,
            first.message if first else str(exc),
            path=first.path if first else "$",
            problems=problems,
        ) from None


def to_json(
    obj: Any, /, *, indent: int | None = None, converter: cattrs.Converter | None = None
) -> str:
    """Serialize a model to JSON text; models hold no floats, so none is written.

    Args:
        obj: A model, or a collection of models.
        indent: As for ``json.dumps``: ``None`` (the default) writes one
            line, an int indents nested values by that many spaces.
        converter: A converter from
            [make_converter][accountplan.serialization.make_converter]; the
            library's own by default.

    Returns:
        The JSON text, with non-ASCII characters written as they are.

    Raises:
        InvalidTypeError: ``obj`` holds a float or a value that is neither a
            model nor JSON-ready, ``indent`` is not an ``int`` or ``None``, or
            ``converter`` is not a converter.
        InvalidInputError: a datetime in ``obj`` is naive.

    >>> from accountplan.money import Money
    >>> to_json(Money(amount="19.99", currency="EUR"))
    '{"amount": "19.99", "currency": "EUR"}'
    """
    if indent is not None:
        check_type("indent", indent, int)
    data = to_dict(obj, converter=converter)
    if not attrs.has(type(obj)):  # a model holds no floats; raw values may
        _check_json_ready(data, "$")
    return json.dumps(data, indent=indent, ensure_ascii=False, default=_not_json_ready)


def _converter_of(converter: Any) -> cattrs.Converter:
    """The converter to use: the library's own for ``None``, else a checked one."""
    if converter is None:
        return _default()
    if not isinstance(converter, cattrs.Converter):
        raise InvalidTypeError(
            "converter", converter, "must be a cattrs.Converter from make_converter(), or None"
        )
    return converter


def _check_cls(cls: Any) -> None:
    if not isinstance(cls, type) and typing.get_origin(cls) is None:
        raise InvalidTypeError("cls", cls, "must be a type, such as Money")


def _not_json_ready(value: Any) -> Any:
    raise InvalidTypeError(
        "obj", value, f"holds a {type(value).__name__}, which is neither a model nor JSON-ready"
    )


def _check_json_ready(data: Any, path: str) -> None:
    """Refuse floats anywhere in unstructured data: JSON of accountplan is exact."""
    if isinstance(data, float):
        raise InvalidTypeError(
            "obj",
            data,
            f"holds a float at {path}; amounts and rates are exact: use a Decimal or an int",
        )
    if isinstance(data, dict):
        for key, value in data.items():
            _check_json_ready(value, f"{path}.{key}")
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            _check_json_ready(value, f"{path}[{index}]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _check_shape(text: str) -> None:
    """Refuse documents with too many values or too deep a nesting, before parsing.

    Works on the text with its strings removed, with C-speed string operations
    only: values are counted as commas plus opening brackets plus one; the depth
    is the number of passes that remove innermost bracket pairs.
    """
    bare = _STRING.sub("", text)
    values = bare.count(",") + bare.count("[") + bare.count("{") + 1
    if values > MAX_JSON_VALUES:
        limit = MAX_JSON_VALUES
        raise LimitExceededError(
            "text", f"{values:,} values", limit, f"has more than {limit:,} values"
        )
    brackets = _NOT_BRACKET.sub("", bare).replace("[", "{").replace("]", "}")
    depth = 0
    while brackets:
        shorter = brackets.replace("{}", "")
        if len(shorter) == len(brackets):
            return  # unbalanced: json.loads says where
        depth += 1
        if depth > MAX_JSON_DEPTH:
            raise LimitExceededError(
                "text",
                f"more than {MAX_JSON_DEPTH} levels",
                MAX_JSON_DEPTH,
                f"is nested deeper than {MAX_JSON_DEPTH} levels",
            )
        brackets = shorter


class _Duplicate(Exception):  # noqa: N818 - internal signal, never escapes
    """An object repeats a key."""


def _unique_pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(items)
    if len(result) != len(items):
        raise _Duplicate
    return result


# One decoder, built once: a fast path that stops at the first repeated key.
_DECODER = json.JSONDecoder(parse_constant=_no_constant, object_pairs_hook=_unique_pairs)


def _duplicates(text: str) -> InvalidInputError:
    """Parse again, recording every repeated key, and report each with its path."""
    repeated: dict[int, list[str]] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            keys = [k for k, _ in items if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            repeated[id(result)] = sorted(set(keys))
        return result

    data = json.loads(text, parse_constant=_no_constant, object_pairs_hook=pairs)
    problems = _find_paths(data, repeated)
    first = problems[0]
    return InvalidInputError(
        first.path, first.value, first.message, path=first.path, problems=problems
    )


def _find_paths(data: Any, targets: dict[int, list[str]]) -> list[Problem]:
    """Problems for the duplicated keys of the objects in ``targets`` (by id)."""
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key in targets.get(id(value), ()):
                problems.append(
                    Problem(
                        f"{path}{key_step(key)}",
                        key,
                        "duplicate key: JSON objects must not repeat a key",
                    )
                )
            stack.extend((v, f"{path}{key_step(k)}") for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
    problems.sort(key=lambda p: p.path)
    return problems


def from_json(
    text: str | bytes, cls: type[T], /, *, converter: cattrs.Converter | None = None
) -> T:
    """Parse JSON text into a model of type ``cls``.

    Objects must not repeat a key (``json.loads`` would keep the last one
    silently); ``NaN`` and ``Infinity`` are refused.

    Args:
        text: JSON text, or bytes in UTF-8, UTF-16 or UTF-32.
        cls: The model type to build.
        converter: A converter from [make_converter][accountplan.serialization.make_converter];
            the library's own by default.

    Returns:
        The model.

    Raises:
        InvalidTypeError: ``text`` is neither ``str`` nor ``bytes``, ``cls``
            is not a type, or ``converter`` is neither ``None`` nor a
            ``cattrs.Converter``.
        LimitExceededError: longer than ``MAX_JSON_LENGTH`` characters, more
            than ``MAX_JSON_VALUES`` values or nested deeper than
            ``MAX_JSON_DEPTH``; checked before parsing.
        InvalidInputError: the text is not JSON, repeats a key, or does not
            describe a valid ``cls``; every problem is listed with its JSON
            path and value.

    >>> from_json('{"amount": "1", "currency": "EUR", "amount": "1000000"}', Money)
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 1 problem in input:
      $.amount: duplicate key: JSON objects must not repeat a key
    """
    if not isinstance(text, str | bytes):
        raise InvalidTypeError("text", text, "must be str or bytes")
    _check_cls(cls)
    _converter_of(converter)
    if len(text) > MAX_JSON_LENGTH:
        raise LimitExceededError(
            "text",
            f"{len(text):,} characters",
            MAX_JSON_LENGTH,
            f"is longer than {MAX_JSON_LENGTH:,} characters",
        )
    if isinstance(text, bytes):
        try:
            text = text.decode(json.detect_encoding(text))
        except UnicodeDecodeError as exc:
            raise InvalidInputError("$", None, f"is not valid JSON: {exc}", path="$") from None
    _check_shape(text)
    try:
        data = _DECODER.decode(text)
    except _Duplicate:
        raise _duplicates(text) from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise InvalidInputError("$", None, "input is nested too deeply", path="$") from None
    except ValueError as exc:
        raise InvalidInputError("$", None, f"is not valid JSON: {exc}", path="$") from None
    return from_dict(data, cls, converter=converter)
