"""Small validators shared by the models; each raises InvalidInputError."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from accountplan.exceptions import InvalidInputError, InvalidTypeError

__all__ = [
    "check_aware",
    "check_choice",
    "check_non_empty",
    "check_timezone",
    "check_type",
    "zone",
]

T = TypeVar("T")


def check_type(field: str, value: Any, types: type[T] | tuple[type[Any], ...]) -> T:
    """Return ``value`` if it is an instance of ``types`` (bool is never an int)."""
    wanted = types if isinstance(types, tuple) else (types,)
    ok = not (isinstance(value, bool) and bool not in wanted) and isinstance(value, wanted)
    if not ok:
        names = " or ".join(t.__name__ for t in wanted)
        raise InvalidTypeError(field, value, f"must be {names}")
    return value  # type: ignore[no-any-return]


def check_non_empty(field: str, value: Any) -> str:
    """Return ``value`` stripped; it must be a string with visible characters."""
    text = check_type(field, value, str)
    stripped = text.strip()
    if not stripped:
        raise InvalidInputError(field, value, "must not be empty")
    return stripped


def check_choice(field: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        raise InvalidInputError(field, value, f"must be one of {', '.join(options)}")
    return value


def check_aware(field: str, value: Any) -> dt.datetime:
    """Return ``value`` if it is a timezone-aware ``datetime``."""
    if not isinstance(value, dt.datetime):
        raise InvalidInputError(field, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InvalidInputError(field, value, "must be timezone-aware, not naive")
    return value


@lru_cache(maxsize=512)
def _load_zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone(name: str) -> ZoneInfo:
    """Return the ``ZoneInfo`` for a name already validated by ``check_timezone``."""
    found = _load_zone(name)
    if found is None:
        raise InvalidInputError("timezone", name, "is not a known IANA time zone")
    return found


def check_timezone(field: str, value: Any) -> str:
    """Return ``value`` if it names an IANA time zone (for example ``Europe/Amsterdam``)."""
    if isinstance(value, ZoneInfo):
        value = value.key
    if not isinstance(value, str) or not value or value != value.strip():
        raise InvalidInputError(field, value, "must be an IANA time zone name")
    if value.startswith(("/", ".")) or ".." in value or "\\" in value:
        raise InvalidInputError(field, value, "is not a known IANA time zone")
    if _load_zone(value) is None:
        raise InvalidInputError(field, value, "is not a known IANA time zone")
    return value
