"""Small helpers shared by the escalation modules: text fields, typed tuples, trusted results."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from accountplan.exceptions import InvalidInputError, InvalidTypeError

__all__ = [
    "check_text",
    "optional_text",
    "text_field",
    "trusted",
    "typed_tuple",
]


def check_text(field: str, value: Any, *, max_length: int = 200) -> str:
    """Return ``value`` if it is non-empty text without surrounding blanks."""
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be str")
    if not value.strip() or value != value.strip():
        raise InvalidInputError(field, value, "must be non-empty text without outer blanks")
    if len(value) > max_length:
        raise InvalidInputError(field, value, f"must be at most {max_length} characters")
    return value


def text_field(field: str, *, max_length: int = 200) -> Callable[[Any, Any, Any], None]:
    """An attrs validator for a non-empty name without surrounding blanks."""

    def validate(_instance: Any, _attribute: Any, value: Any) -> None:
        check_text(field, value, max_length=max_length)

    return validate


def optional_text(field: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator for ``None`` or a non-empty name."""

    def validate(_instance: Any, _attribute: Any, value: Any) -> None:
        if value is not None:
            check_text(field, value)

    return validate


T = TypeVar("T")


def typed_tuple(field: str, value: Any, cls: type[T]) -> tuple[T, ...]:
    """Return ``value`` as a tuple whose items are all ``cls``."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, f"must be a sequence of {cls.__name__}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise InvalidTypeError(f"{field}[{index}]", item, f"must be a {cls.__name__}")
    return items


def trusted(cls: type[T], /, **fields: Any) -> T:
    """Build a frozen model from fields that are already checked and converted.

    For results the library assembles from validated parts (the checks of a
    routing decision, the notifications of a schedule), where running every
    validator again would only repeat work. Every field must be given.
    """
    obj = object.__new__(cls)
    setter = _SET
    for name, value in fields.items():
        setter(obj, name, value)
    return obj


_SET = object.__setattr__
