"""Small helpers shared by the escalation modules: names and trusted results."""

from __future__ import annotations

from typing import Any, TypeVar

from accountplan._validate import check_non_empty, named
from accountplan.exceptions import InvalidInputError

__all__ = [
    "check_text",
    "trusted",
    "valid_name",
]


def check_text(field: str, value: Any, *, max_length: int = 200) -> str:
    """Return ``value`` if it is a name: the shared identifier rule and at most ``max_length``."""
    text = check_non_empty(field, value)
    if len(text) > max_length:
        raise InvalidInputError(field, value, f"must be at most {max_length} characters")
    return text


T = TypeVar("T")

#: A validator: a name (``check_text``) under the field's name.
valid_name = named(check_text)


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
