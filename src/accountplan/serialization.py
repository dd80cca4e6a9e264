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
:func:`make_converter` returns a new converter each time; cattrs' global
converter is never touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import cattrs

from accountplan._converter import collect_problems, make_base_converter
from accountplan.escalation import configure_converter as escalation_hooks
from accountplan.exceptions import InvalidInputError

__all__ = ["from_dict", "from_json", "make_converter", "to_dict", "to_json"]

T = TypeVar("T")

#: Most characters accepted by :func:`from_json`.
MAX_JSON_LENGTH = 50_000_000


def _package_hooks() -> tuple[Callable[[cattrs.Converter], None], ...]:
    # Each package that needs more than the base hooks (tagged unions, for
    # example) contributes one function here.
    return (escalation_hooks,)


def make_converter() -> cattrs.Converter:
    """Return a new converter that knows every accountplan model.

    Start from it to add hooks for your own types; the library's own
    functions never use a converter you have changed.
    """
    converter = make_base_converter()
    for configure in _package_hooks():
        configure(converter)
    return converter


@lru_cache(maxsize=1)
def _default() -> cattrs.Converter:
    return make_converter()


def to_dict(obj: Any, /, *, converter: cattrs.Converter | None = None) -> Any:
    """Turn a model into JSON-ready builtins (dicts, lists, strings, ints, bools)."""
    return (converter or _default()).unstructure(obj)


def from_dict(data: Any, cls: type[T], /, *, converter: cattrs.Converter | None = None) -> T:
    """Build a model of type ``cls`` from JSON-ready builtins.

    Raises:
        InvalidInputError: listing every problem with its JSON path and value.
    """
    try:
        return (converter or _default()).structure(data, cls)
    except RecursionError:
        raise InvalidInputError("$", None, "input is nested too deeply", path="$") from None
    except Exception as exc:
        problems = collect_problems(exc)
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
    """Serialize a model to JSON text (no floats are ever written)."""
    return json.dumps(to_dict(obj, converter=converter), indent=indent, ensure_ascii=False)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def from_json(
    text: str | bytes, cls: type[T], /, *, converter: cattrs.Converter | None = None
) -> T:
    """Parse JSON text into a model of type ``cls``.

    Raises:
        InvalidInputError: the text is not JSON, or does not describe a valid
            ``cls``; every problem is listed with its JSON path and value.
    """
    if not isinstance(text, str | bytes):
        raise InvalidInputError("text", text, "must be str or bytes", path="$")
    if len(text) > MAX_JSON_LENGTH:
        raise InvalidInputError(
            "text", len(text), f"is longer than {MAX_JSON_LENGTH} characters", path="$"
        )
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise InvalidInputError("$", None, "input is nested too deeply", path="$") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInputError("$", None, f"is not valid JSON: {exc}", path="$") from None
    return from_dict(data, cls, converter=converter)
