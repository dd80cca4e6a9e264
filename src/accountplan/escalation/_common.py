"""Small helpers shared by the escalation modules: enum inputs and bounded previews."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, TypeVar

from accountplan.exceptions import InvalidInputError, InvalidTypeError

__all__ = ["enum_converter", "preview", "text_field"]

E = TypeVar("E", bound=enum.Enum)

_PREVIEW = 60


def preview(value: Any) -> str:
    """A bounded ``repr`` of ``value`` for error messages."""
    text = repr(value)
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 3] + "..."


def to_member(field: str, value: Any, cls: type[E]) -> E:
    """Return the member of ``cls`` for ``value`` (a member or its value string)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if member.value == value:
                return member
    allowed = ", ".join(repr(m.value) for m in cls)
    if isinstance(value, str | enum.Enum):
        raise InvalidInputError(field, value, f"must be one of {allowed}")
    raise InvalidTypeError(field, value, f"must be a {cls.__name__} or one of {allowed}")


def enum_converter(field: str, cls: type[E]) -> Callable[[Any], E]:
    """An attrs converter accepting a member of ``cls`` or its value string."""

    def convert(value: Any) -> E:
        return to_member(field, value, cls)

    return convert


def text_field(field: str, *, max_length: int = 200) -> Callable[[Any], str]:
    """An attrs converter for a non-empty name without surrounding blanks."""

    def convert(value: Any) -> str:
        if not isinstance(value, str):
            raise InvalidTypeError(field, value, "must be str")
        if not value.strip() or value != value.strip():
            raise InvalidInputError(field, value, "must be non-empty text without outer blanks")
        if len(value) > max_length:
            raise InvalidInputError(
                field, preview(value), f"must be at most {max_length} characters"
            )
        return value

    return convert
