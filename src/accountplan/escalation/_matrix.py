"""Impact, urgency and the priority matrix (ITIL's lookup of impact x urgency)."""

from __future__ import annotations

import enum
import functools
from typing import Any

import attrs

from accountplan._validate import check_items, to_enum, tuple_of
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.tickets import Priority

__all__ = ["ITIL_MATRIX", "Impact", "PriorityMatrix", "Urgency", "priority_of"]


class Impact(enum.Enum):
    """How widely an incident hurts the business, most severe first.

    ITIL's three-level scale uses ``HIGH``, ``MEDIUM`` and ``LOW``; four- and
    five-level matrices add ``CRITICAL`` and ``MINIMAL``.

    Examples:
        >>> Impact("high")
        <Impact.HIGH: 'high'>
    """

    CRITICAL = "critical"
    """The most severe level, in four- and five-level matrices."""
    HIGH = "high"
    """ITIL's highest impact on the three-level scale."""
    MEDIUM = "medium"
    """ITIL's middle impact."""
    LOW = "low"
    """ITIL's lowest impact on the three-level scale."""
    MINIMAL = "minimal"
    """The least severe level, in five-level matrices."""


class Urgency(enum.Enum):
    """How fast an incident starts to hurt, most pressing first.

    ITIL's three-level scale uses ``HIGH``, ``MEDIUM`` and ``LOW``; four- and
    five-level matrices add ``CRITICAL`` and ``MINIMAL``.

    Examples:
        >>> Urgency("low")
        <Urgency.LOW: 'low'>
    """

    CRITICAL = "critical"
    """The most pressing level, in four- and five-level matrices."""
    HIGH = "high"
    """ITIL's highest urgency on the three-level scale."""
    MEDIUM = "medium"
    """ITIL's middle urgency."""
    LOW = "low"
    """ITIL's lowest urgency on the three-level scale."""
    MINIMAL = "minimal"
    """The least pressing level, in five-level matrices."""


def _axis(field: str, cls: type[Impact] | type[Urgency], value: Any) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise InvalidTypeError(field, value, f"must be a sequence of {cls.__name__}")
    items = tuple(to_enum(field, item, cls) for item in value)
    if not 2 <= len(items) <= len(cls):
        raise InvalidInputError(
            field, items, f"must list between 2 and {len(cls)} levels, most severe first"
        )
    if len(set(items)) != len(items):
        raise InvalidInputError(field, items, "must not repeat a level")
    order = list(cls)
    if [order.index(i) for i in items] != sorted(order.index(i) for i in items):
        raise InvalidInputError(field, items, "must be ordered most severe first")
    return items


def _axis_of(cls: type[Impact] | type[Urgency]) -> attrs.Converter[Any, Any]:
    # Domain work beyond tuple_of: 2 to len(cls) distinct levels, most severe first.
    def convert(value: Any, field: attrs.Attribute[Any]) -> tuple[Any, ...]:
        return _axis(field.alias or field.name, cls, value)

    return attrs.Converter(convert, takes_field=True)


#: One row of the matrix: a priority per urgency.
_ROW = functools.partial(check_items, item=Priority, limit=len(Urgency))


@attrs.frozen(kw_only=True)
class PriorityMatrix:
    """A priority for every combination of impact and urgency, as data.

    ``priorities[i][j]`` is the priority of ``impacts[i]`` with
    ``urgencies[j]``. Both axes are listed most severe first, and the table
    must have exactly one cell per combination (3x3, 4x4, 5x5, or any
    rectangle from 2x2 up).

    Attributes:
        impacts: The impact levels the matrix covers, most severe first.
        urgencies: The urgency levels the matrix covers, most pressing first.
        priorities: One row per impact, one cell per urgency.

    Raises:
        InvalidInputError: a row or a cell is missing or extra, an axis
            repeats or is out of order.

    Examples:
        >>> m = PriorityMatrix(
        ...     impacts=["high", "low"], urgencies=["high", "low"],
        ...     priorities=[["critical", "moderate"], ["moderate", "planning"]],
        ... )
        >>> m.priorities[1][0]
        <Priority.MODERATE: 'moderate'>
    """

    impacts: tuple[Impact, ...] = attrs.field(converter=_axis_of(Impact))  # type: ignore[misc]  # attrs.Converter
    urgencies: tuple[Urgency, ...] = attrs.field(converter=_axis_of(Urgency))  # type: ignore[misc]  # attrs.Converter
    priorities: tuple[tuple[Priority, ...], ...] = attrs.field(
        converter=tuple_of(_ROW, limit=len(Impact), what="rows"),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        if len(self.priorities) != len(self.impacts):
            raise InvalidInputError(
                "priorities",
                len(self.priorities),
                f"must have one row per impact ({len(self.impacts)} rows)",
            )
        for index, row in enumerate(self.priorities):
            if len(row) != len(self.urgencies):
                raise InvalidInputError(
                    f"priorities[{index}]",
                    len(row),
                    f"must have one cell per urgency ({len(self.urgencies)} cells)",
                )


ITIL_MATRIX = PriorityMatrix(
    impacts=(Impact.HIGH, Impact.MEDIUM, Impact.LOW),
    urgencies=(Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW),
    priorities=(
        (Priority.CRITICAL, Priority.HIGH, Priority.MODERATE),
        (Priority.HIGH, Priority.MODERATE, Priority.LOW),
        (Priority.MODERATE, Priority.LOW, Priority.PLANNING),
    ),
)
"""ITIL's default 3x3 matrix: priority level = impact level + urgency level - 1 (1/1 Critical,
1/2 High, 1/3 Moderate, 2/2 Moderate, 2/3 Low, 3/3 Planning).
"""


def priority_of(
    impact: Impact | str, urgency: Urgency | str, /, *, matrix: PriorityMatrix = ITIL_MATRIX
) -> Priority:
    """Look up the priority of an impact and an urgency in a priority matrix.

    Args:
        impact: An [Impact][accountplan.escalation.Impact] or its value string.
        urgency: An [Urgency][accountplan.escalation.Urgency] or its value string.
        matrix: The matrix to read; ITIL's 3x3 table by default.

    Returns:
        The [Priority][accountplan.tickets.Priority] in the matrix's cell.

    Raises:
        InvalidInputError: the impact or urgency is unknown or not on the
            matrix's axes (the message lists the ones that are).
        InvalidTypeError: ``matrix`` is not a ``PriorityMatrix``.

    Examples:
        >>> priority_of(Impact.HIGH, Urgency.MEDIUM)
        <Priority.HIGH: 'high'>
        >>> priority_of("low", "low")
        <Priority.PLANNING: 'planning'>
    """
    if not isinstance(matrix, PriorityMatrix):
        raise InvalidTypeError("matrix", matrix, "must be a PriorityMatrix")
    imp = to_enum("impact", impact, Impact)
    urg = to_enum("urgency", urgency, Urgency)
    if imp not in matrix.impacts:
        names = ", ".join(repr(i.value) for i in matrix.impacts)
        raise InvalidInputError("impact", imp.value, f"is not in the matrix (it has {names})")
    if urg not in matrix.urgencies:
        names = ", ".join(repr(u.value) for u in matrix.urgencies)
        raise InvalidInputError("urgency", urg.value, f"is not in the matrix (it has {names})")
    return matrix.priorities[matrix.impacts.index(imp)][matrix.urgencies.index(urg)]
