"""Validators and date arithmetic shared by the plan modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final, Protocol, TypeVar

from accountplan._units import add_months as shift_months
from accountplan._validate import check_aware, check_type, named
from accountplan._validate import check_text as shared_text
from accountplan.exceptions import InvalidInputError, LimitExceededError

__all__ = [
    "MAX_TEXT",
    "add_days",
    "add_months",
    "by_key",
    "check_key",
    "check_text",
    "instant",
    "key_field",
    "normalize",
    "text_field",
]

#: Longest free text accepted in a field (descriptions, comments, reasons).
MAX_TEXT = 10_000


def check_text(field: str, value: Any, *, empty: bool = False, limit: int = MAX_TEXT) -> str:
    """Return ``value`` if it is text of at most ``limit`` characters, non-empty unless allowed.

    Surrounding whitespace is refused, never stripped, with the words of the
    shared identifier rule ([check_non_empty][accountplan._validate.check_non_empty]).
    The characters the wire format refuses are refused here too, by the one
    shared check ([check_text][accountplan._validate.check_text]): control
    characters other than tab and line breaks, bidirectional controls and lone
    surrogates. A pasted note keeps its tabs and line breaks.
    """
    text = check_type(field, value, str)
    if len(text) > limit:
        raise LimitExceededError(field, len(text), limit, f"is longer than {limit} characters")
    shared_text(field, text)
    if not empty and not text.strip():
        raise InvalidInputError(field, value, "must not be empty")
    if text != text.strip():
        raise InvalidInputError(field, value, "must not start or end with whitespace")
    return text


def text_field(*, empty: bool = False) -> Any:
    """An attrs validator applying ``check_text`` under the field's own name."""

    def validate(_instance: Any, attribute: Any, value: Any) -> None:
        check_text(attribute.alias or attribute.name, value, empty=empty)

    return validate


def check_key(field: str, value: Any) -> str:
    """Return ``value`` if it is a key: 1-100 letters, digits, ``_``, ``-`` or ``.``."""
    text = check_type(field, value, str)
    if not 0 < len(text) <= 100 or not all(
        c.isascii() and (c.isalnum() or c in "_-.") for c in text
    ):
        raise InvalidInputError(
            field, value, "must be 1-100 ASCII letters, digits, '_', '-' or '.' without spaces"
        )
    return text


#: An attrs validator applying ``check_key`` under the field's own name.
key_field: Final = named(check_key)


class Keyed(Protocol):
    """Anything with a ``key`` (steps, gates, option lists and their states)."""

    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=Keyed)


def by_key(items: Iterable[K], key: str, *, field: str, missing: str) -> K:
    """The first of ``items`` whose ``key`` is ``key``.

    Raises ``InvalidTypeError`` naming the parameter ``key`` when it is not
    text, and ``InvalidInputError(field, key, missing)`` when no item has it.
    """
    check_type("key", key, str)
    for item in items:
        if item.key == key:
            return item
    raise InvalidInputError(field, key, missing)


def instant(field: str, value: Any) -> dt.datetime:
    """Return an aware datetime (naive ones are refused)."""
    return check_aware(field, value)


def add_months(start: dt.datetime, months: int) -> dt.datetime | None:
    """``start`` plus whole months in its own wall-clock time, the day clamped to the month end.

    A wall-clock time that does not exist (a DST gap) moves forward by the gap.
    Returns ``None`` when the result is beyond the supported years.
    """
    moved = shift_months(start.replace(fold=0), months)
    if moved is None or moved.year >= dt.MAXYEAR:
        return None
    return normalize(moved)


def add_days(start: dt.datetime, days: int) -> dt.datetime | None:
    """``start`` plus whole days in its own wall-clock time (``None`` past the last year)."""
    try:
        moved = start.replace(fold=0) + dt.timedelta(days=days)
    except OverflowError:
        return None
    if moved.year >= dt.MAXYEAR:
        return None
    return normalize(moved)


def normalize(value: dt.datetime) -> dt.datetime:
    """Move a wall-clock time inside a DST gap forward to a time that exists."""
    tz = value.tzinfo
    if tz is None:  # pragma: no cover - callers pass aware datetimes
        return value
    return value.astimezone(dt.UTC).astimezone(tz)
