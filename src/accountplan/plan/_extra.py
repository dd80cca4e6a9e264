"""Industry details a plan section carries: typed scalars by key, and the section names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, Literal, get_args

from accountplan._frozen import FrozenMap
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.plan._common import check_key, check_text

__all__ = [
    "EXTRA_TYPES",
    "MAX_EXTRA",
    "MAX_EXTRA_INTEGER",
    "SECTIONS",
    "ExtraValue",
    "Section",
    "check_extra_value",
    "check_section",
    "extra_type",
    "extras",
]

#: Most extra details one section may carry.
MAX_EXTRA: Final = 100
#: Largest absolute integer an extra detail may hold (it stays exact in any JSON reader
#: that reads 64-bit integers).
MAX_EXTRA_INTEGER: Final = 2**53 - 1

ExtraValue = str | bool | int | Decimal | dt.date | Money
"""The types an extra detail may have: text, boolean, integer, decimal, date or Money."""

#: The wire tag of each extra type, in the order values are checked.
EXTRA_TYPES: Final[tuple[tuple[str, type], ...]] = (
    ("text", str),
    ("boolean", bool),
    ("integer", int),
    ("decimal", Decimal),
    ("date", dt.date),
    ("money", Money),
)


Section = Literal[
    "overview", "communication", "sla", "billing", "maintenance", "monitoring", "escalation"
]
"""The name of one of the seven sections of an account plan (the field of ``AccountPlan``)."""
#: The seven section names, in the template's order.
SECTIONS: tuple[str, ...] = get_args(Section)


def check_section(field: str, value: Any) -> Section:
    """Return ``value`` if it names one of the seven sections."""
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, f"must be a section name ({', '.join(SECTIONS)})")
    if value not in SECTIONS:
        raise InvalidInputError(field, value, f"must be one of {', '.join(SECTIONS)}")
    return value  # type: ignore[return-value]  # checked against the Literal's values


def extra_type(value: Any) -> str:
    """The wire tag of an extra value's type (``text``, ``integer``, ``money`` ...)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Decimal):
        return "decimal"
    if isinstance(value, Money):
        return "money"
    return "date"


def check_extra_value(field: str, value: Any) -> ExtraValue:
    """Return ``value`` if it is a scalar an extra detail may hold."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_EXTRA_INTEGER:
            raise InvalidInputError(
                field, value, f"must be an integer from -{MAX_EXTRA_INTEGER} to {MAX_EXTRA_INTEGER}"
            )
        return value
    if isinstance(value, str):
        return check_text(field, value, empty=True, limit=1_000)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError(field, value, "must be a finite decimal")
        return value
    if isinstance(value, Money):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise InvalidTypeError(
        field,
        value,
        "must be text, a boolean, an integer, a Decimal, a date (not a datetime) or Money",
    )


def _details(section: str, value: Any) -> FrozenMap[str, ExtraValue]:
    field = f"extra[{section!r}]"
    if not isinstance(value, Mapping):
        raise InvalidTypeError(field, value, "must map detail names to values")
    if len(value) > MAX_EXTRA:
        raise LimitExceededError(field, len(value), MAX_EXTRA)
    out: dict[str, ExtraValue] = {}
    for key, item in value.items():
        check_key(field, key)
        out[key] = check_extra_value(f"{field}[{key!r}]", item)
    return FrozenMap(out)


def extras(value: Any) -> FrozenMap[str, FrozenMap[str, ExtraValue]]:
    """The per-section extra details, keyed by section name, checked."""
    if not isinstance(value, Mapping):
        raise InvalidTypeError("extra", value, "must map section names to details")
    if len(value) > len(SECTIONS):
        raise LimitExceededError("extra", len(value), len(SECTIONS))
    found: dict[str, FrozenMap[str, ExtraValue]] = {}
    for key, details in value.items():
        section = check_section("extra", key)
        found[section] = _details(section, details)
    # Kept in the template's order, whatever order they were given in.
    return FrozenMap((s, found[s]) for s in SECTIONS if s in found)
