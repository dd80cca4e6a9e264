"""Compact pickling for the hot models (shipped between processes in bulk work).

attrs' default pickle state of a slotted class is a ``dict`` of field names
to values, rebuilt by a Python ``__setstate__`` loop. ``compact_pickle``
gives a class a ``__reduce__`` that writes the field values as one tuple
(the names are not repeated per object) and rebuilds the value by filling
its slots directly. The values were validated when the original was made;
pickle data is trusted input by nature (unpickling can run any code), so
nothing is validated again.

A field that holds a tuple of another compact class (a ticket's events, an
open item's settlements) can be written ``nested``: its values go into the
parent's tuple as tuples of field values too, so pickle writes no reference
to the inner class and makes no call per inner value; ``restore`` rebuilds
them in the same call.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import Any, TypeVar

import attrs

from accountplan.exceptions import InvalidInputError

__all__ = ["compact_pickle", "restore"]

C = TypeVar("C", bound=type)


def restore(cls: type, values: tuple[Any, ...], /) -> Any:
    """Rebuild an instance of a ``compact_pickle`` class from its field values."""
    setters = cls.__compact_setters__  # type: ignore[attr-defined]
    if type(values) is not tuple or len(values) != len(setters):
        raise InvalidInputError("values", values, f"must be the {len(setters)} fields of {cls}")
    nested = cls.__compact_nested__  # type: ignore[attr-defined]
    if nested:
        values = _inflate(values, nested)
    obj: Any = _new(cls)
    # Each slot's C-level setter, called from C (map), without a Python loop.
    _drain(map(_call, setters, repeat(obj), values))
    return obj


_new = object.__new__
_call = operator.call
_drain: Callable[[Iterable[Any]], None] = deque(
    maxlen=0
).extend  # consumes an iterator in C, keeping nothing


def _inflate(values: tuple[Any, ...], nested: tuple[tuple[int, type], ...]) -> tuple[Any, ...]:
    """``values`` with each nested field's tuples of field values rebuilt as instances."""
    out = list(values)
    for index, inner in nested:
        rows = out[index]
        if type(rows) is not tuple:
            raise InvalidInputError("values", values, f"field {index} must be a tuple of {inner}")
        out[index] = tuple([restore(inner, row) for row in rows])
    return tuple(out)


def compact_pickle(cls: C | None = None, /, *, nested: Mapping[str, type] | None = None) -> Any:
    """Give a slotted attrs class a compact ``__reduce__`` (apply it after ``attrs.frozen``).

    ``nested`` maps a field holding a tuple of another ``compact_pickle``
    class to that class; its values are written as tuples of field values.
    Used bare (``@compact_pickle``) or with options
    (``@compact_pickle(nested={"events": TicketEvent})``).
    """
    if cls is None:
        return lambda klass: _make_compact(klass, nested or {})
    return _make_compact(cls, nested or {})


def _make_compact(cls: C, nested: Mapping[str, type]) -> C:
    fields = attrs.fields(cls)
    names = [f.name for f in fields]
    cls.__compact_setters__ = tuple(cls.__dict__[name].__set__ for name in names)  # type: ignore[attr-defined]
    cls.__compact_nested__ = tuple((names.index(name), inner) for name, inner in nested.items())  # type: ignore[attr-defined]
    fetch: Callable[[Any], Any] = operator.attrgetter(*names)
    values_of: Callable[[Any], tuple[Any, ...]]
    if nested:
        inners = [(names.index(name), inner.__compact_values__) for name, inner in nested.items()]  # type: ignore[attr-defined]

        def values_of(obj: Any) -> tuple[Any, ...]:
            values = list(fetch(obj))
            for index, inner_values_of in inners:
                values[index] = tuple(map(inner_values_of, values[index]))
            return tuple(values)

    elif len(fields) == 1:

        def values_of(obj: Any) -> tuple[Any, ...]:
            return (fetch(obj),)

    else:
        values_of = fetch
    cls.__compact_values__ = values_of  # type: ignore[attr-defined]

    def __reduce__(self: Any) -> tuple[Any, ...]:  # noqa: N807 - the pickle protocol's name
        return (restore, (type(self), values_of(self)))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls
