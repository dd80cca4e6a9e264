"""Compact pickling for the hot models (shipped between processes in bulk work).

attrs' default pickle state of a slotted class is a ``dict`` of field names
to values, rebuilt by a Python ``__setstate__`` loop. ``compact_pickle``
gives a class a ``__reduce__`` that writes the field values as one tuple
(the names are not repeated per object) and rebuilds the value by filling
its slots directly. The values were validated when the original was made;
pickle data is trusted input by nature (unpickling can run any code), so
nothing is validated again.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Iterable
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
    obj: Any = _new(cls)
    # Each slot's C-level setter, called from C (map), without a Python loop.
    _drain(map(_call, setters, repeat(obj), values))
    return obj


_new = object.__new__
_call = operator.call
_drain: Callable[[Iterable[Any]], None] = deque(
    maxlen=0
).extend  # consumes an iterator in C, keeping nothing


def compact_pickle(cls: C) -> C:
    """Give a slotted attrs class a compact ``__reduce__`` (apply it after ``attrs.frozen``)."""
    fields = attrs.fields(cls)
    cls.__compact_setters__ = tuple(cls.__dict__[f.name].__set__ for f in fields)  # type: ignore[attr-defined]
    getter: Callable[[Any], Any] = operator.attrgetter(*(f.name for f in fields))
    if len(fields) == 1:
        single = getter

        def getter(obj: Any) -> tuple[Any, ...]:
            return (single(obj),)

    def __reduce__(self: Any) -> tuple[Any, ...]:  # noqa: N807 - the pickle protocol's name
        return (restore, (type(self), getter(self)))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls
