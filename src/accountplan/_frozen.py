"""An immutable, hashable mapping for model fields."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from accountplan.exceptions import InvalidTypeError

__all__ = ["FrozenMap"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A read-only mapping that keeps insertion order and can be hashed.

    Two maps are equal when they hold the same items, whatever the order.

    >>> m = FrozenMap({"b": 2, "a": 1})
    >>> m["a"], len(m), m == FrozenMap({"a": 1, "b": 2})
    (1, 2, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        try:
            self._data: dict[K, V] = dict(items)
        except (TypeError, ValueError):
            raise InvalidTypeError(
                "items", items, "must be a mapping or pairs of (hashable key, value)"
            ) from None
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (tuple(self._data.items()),))
