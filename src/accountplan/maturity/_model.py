"""Maturity models as data: levels, answers, criteria, dimensions, models."""

from __future__ import annotations

import enum
import functools
from decimal import Decimal
from typing import Any

import attrs

from accountplan._validate import (
    check_non_empty,
    check_type,
    enum_converter,
    named,
    to_enum,
    tuple_of,
)
from accountplan.exceptions import InvalidInputError, LimitExceededError

__all__ = [
    "MAX_CRITERIA",
    "MAX_DIMENSIONS",
    "Answer",
    "Criterion",
    "Dimension",
    "LevelText",
    "MaturityLevel",
    "MaturityModel",
]

MAX_DIMENSIONS = 50
"""Most dimensions a model may have."""
MAX_CRITERIA = 500
"""Most criteria a dimension may have."""


class MaturityLevel(enum.Enum):
    """The four maturity levels of the monetization roadmap, lowest first.

    Levels are ordered: ``AD_HOC < STRUCTURED < COORDINATED < OPTIMIZED``.

    Examples:
        >>> MaturityLevel.STRUCTURED < MaturityLevel.OPTIMIZED
        True
        >>> MaturityLevel.AD_HOC.rank, MaturityLevel.AD_HOC.next
        (1, <MaturityLevel.STRUCTURED: 'structured'>)
    """

    AD_HOC = "ad_hoc"
    """Level 1, Ad-hoc: the lowest level (an assessment may reach none)."""
    STRUCTURED = "structured"
    """Level 2, Structured."""
    COORDINATED = "coordinated"
    """Level 3, Coordinated."""
    OPTIMIZED = "optimized"
    """Level 4, Optimized: the highest level."""

    @property
    def rank(self) -> int:
        """The level's number: 1 (Ad-hoc) to 4 (Optimized)."""
        return _RANKS[self]

    @property
    def next(self) -> MaturityLevel | None:
        """The level above this one, or ``None`` for ``OPTIMIZED``."""
        rank = _RANKS[self]
        return _ORDER[rank] if rank < len(_ORDER) else None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, MaturityLevel):
            return NotImplemented
        return _RANKS[self] < _RANKS[other]

    def __le__(self, other: object) -> bool:
        if not isinstance(other, MaturityLevel):
            return NotImplemented
        return _RANKS[self] <= _RANKS[other]

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, MaturityLevel):
            return NotImplemented
        return _RANKS[self] > _RANKS[other]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, MaturityLevel):
            return NotImplemented
        return _RANKS[self] >= _RANKS[other]


_ORDER: tuple[MaturityLevel, ...] = tuple(MaturityLevel)
_RANKS: dict[MaturityLevel, int] = {level: i + 1 for i, level in enumerate(_ORDER)}


class Answer(enum.Enum):
    """An answer to one criterion.

    * ``yes`` — the criterion holds everywhere it applies.
    * ``partly`` — it holds in at least half of the cases it applies to
      (channels, customers, contract types) but not in all of them. Below
      half, answer ``no``. A ``partly`` scores 50 points in the mean score and
      does **not** meet the criterion for the staged level.
    * ``no`` — it does not hold (or holds in less than half of the cases).
    * ``unknown`` — there is no evidence either way; reported as a gap, never
      counted as ``no``.

    Examples:
        >>> Answer("partly").points
        Decimal('50')
    """

    YES = "yes"
    """The criterion holds everywhere it applies: 100 points."""
    PARTLY = "partly"
    """It holds in at least half of the cases but not all: 50 points, not met."""
    NO = "no"
    """It does not hold, or holds in less than half of the cases: 0 points."""
    UNKNOWN = "unknown"
    """No evidence either way: a gap, not scored."""

    @property
    def points(self) -> Decimal | None:
        """Points in the mean score (100, 50, 0), or ``None`` for ``unknown``."""
        return _POINTS.get(self.value)


_POINTS: dict[str, Decimal] = {"yes": Decimal(100), "partly": Decimal(50), "no": Decimal(0)}


def _key(field: str, value: Any) -> str:
    text = check_non_empty(field, value)
    if text != value or len(text) > 100 or not all(c.isalnum() or c in "_-." for c in text):
        raise InvalidInputError(
            field, value, "must be 1-100 letters, digits, '_', '-' or '.' without spaces"
        )
    return text


def _text(field: str, value: Any, *, limit: int = 10_000) -> str:
    text = check_non_empty(field, value)
    if len(text) > limit:
        raise LimitExceededError(field, len(text), limit, f"is longer than {limit} characters")
    return text


#: Validators: a text of at most 10,000 characters, a name of at most 200.
_long_text = named(_text)
_name = named(functools.partial(_text, limit=200))


@attrs.frozen(kw_only=True)
class Criterion:
    """One observable claim a practice must meet to reach a level.

    Attributes:
        key: A short identifier, unique in its model (``help_desk_tickets``);
            answers are given by this key.
        level: The level this criterion belongs to.
        statement: The claim, phrased so that ``yes`` is the mature answer and
            an assessor can check it.
        source: The sentence of the source text this criterion comes from,
            quoted verbatim.

    Examples:
        >>> c = Criterion(key="phone", level="structured",
        ...               statement="Phone support is available during working hours.",
        ...               source="Phone support available during working hours.")
        >>> c.level
        <MaturityLevel.STRUCTURED: 'structured'>
    """

    key: str = attrs.field(validator=named(_key))
    level: MaturityLevel = attrs.field(converter=enum_converter(MaturityLevel))  # type: ignore[misc]  # attrs.Converter
    statement: str = attrs.field(validator=_long_text)
    source: str = attrs.field(validator=_long_text)


@attrs.frozen(kw_only=True)
class LevelText:
    """What a level looks like in one dimension, in the source's words.

    Attributes:
        level: The level described.
        text: Its description; also the recommendation for a practice one
            level below.

    Examples:
        >>> LevelText(level="optimized", text="Customers manage accounts online.").level.rank
        4
    """

    level: MaturityLevel = attrs.field(converter=enum_converter(MaturityLevel))  # type: ignore[misc]  # attrs.Converter
    text: str = attrs.field(validator=_long_text)


@attrs.frozen(kw_only=True)
class Dimension:
    """One dimension of a maturity model: its level texts and criteria.

    Attributes:
        key: A short identifier, unique in its model.
        name: The dimension's name as people read it.
        description: What the dimension covers.
        levels: One text per level, every level exactly once, lowest first.
        criteria: The criteria, in order of level; every level above
            ``AD_HOC`` needs at least one.

    Raises:
        InvalidInputError: a level text is missing, repeated or out of order,
            a criterion key repeats, or a level above ``AD_HOC`` has no criterion.

    Examples:
        >>> dim = Dimension(
        ...     key="care", name="Care", description="How customers get help.",
        ...     levels=[LevelText(level=lvl, text=f"{lvl.value} text") for lvl in MaturityLevel],
        ...     criteria=[Criterion(key=f"c{lvl.rank}", level=lvl, statement="s", source="q")
        ...               for lvl in MaturityLevel],
        ... )
        >>> dim.text_for(MaturityLevel.COORDINATED)
        'coordinated text'
    """

    key: str = attrs.field(validator=named(_key))
    name: str = attrs.field(validator=_name)
    description: str = attrs.field(validator=_long_text)
    levels: tuple[LevelText, ...] = attrs.field(
        converter=tuple_of(LevelText, limit=len(MaturityLevel)),  # type: ignore[misc]  # attrs.Converter
    )
    criteria: tuple[Criterion, ...] = attrs.field(
        converter=tuple_of(Criterion, limit=MAX_CRITERIA),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        found = tuple(t.level for t in self.levels)
        if found != tuple(MaturityLevel):
            raise InvalidInputError(
                "levels",
                [lvl.value for lvl in found],
                "must describe every level exactly once, lowest first: "
                + ", ".join(lvl.value for lvl in MaturityLevel),
            )
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.key in seen:
                raise InvalidInputError("criteria", criterion.key, "repeats a criterion key")
            seen.add(criterion.key)
        for level in tuple(MaturityLevel)[1:]:
            if not any(c.level is level for c in self.criteria):
                raise InvalidInputError(
                    "criteria", level.value, "has no criterion for this level; add at least one"
                )

    def text_for(self, level: MaturityLevel | str, /) -> str:
        """Return the description of ``level`` in this dimension.

        Args:
            level: A [MaturityLevel][accountplan.maturity.MaturityLevel] or its value.

        Returns:
            The level's text.

        Raises:
            InvalidInputError: ``level`` is a string that is no level's value
                (the message lists the allowed values).
            InvalidTypeError: ``level`` is neither a level nor a string.

        Examples:
            >>> from accountplan.maturity import customer_account_management
            >>> dim = customer_account_management().dimensions[0]
            >>> dim.text_for("structured").startswith("Customer service tickets")
            True
        """
        wanted = to_enum("level", level, MaturityLevel)
        return next(t.text for t in self.levels if t.level is wanted)

    def criteria_at(self, level: MaturityLevel | str, /) -> tuple[Criterion, ...]:
        """Return the criteria of exactly ``level``, in model order.

        Args:
            level: A [MaturityLevel][accountplan.maturity.MaturityLevel] or its value.

        Returns:
            The criteria of that level.

        Raises:
            InvalidInputError: ``level`` is a string that is no level's value
                (the message lists the allowed values).
            InvalidTypeError: ``level`` is neither a level nor a string.

        Examples:
            >>> from accountplan.maturity import customer_account_management
            >>> dim = customer_account_management().dimensions[0]
            >>> [c.key for c in dim.criteria_at("coordinated")][:2]
            ['round_the_clock_support', 'multichannel_support']
        """
        wanted = to_enum("level", level, MaturityLevel)
        return tuple(c for c in self.criteria if c.level is wanted)


@attrs.frozen(kw_only=True)
class MaturityModel:
    """A maturity model: the dimensions it covers, each with levels and criteria.

    Criterion keys are unique across the whole model, so answers are one flat
    mapping from key to answer.

    Attributes:
        name: The model's name.
        source: Where the level texts come from.
        scope: Which dimensions of the source the model covers and which it
            leaves out, in words.
        language: The language of the texts (``en``, ``nl`` ...).
        dimensions: The dimensions, at least one.

    Raises:
        InvalidInputError: no dimension, a repeated dimension key or a
            criterion key used in two dimensions.

    Examples:
        >>> from accountplan.maturity import customer_account_management
        >>> model = customer_account_management()
        >>> [d.key for d in model.dimensions]
        ['customer_account_management']
    """

    name: str = attrs.field(validator=_name)
    source: str = attrs.field(validator=_long_text)
    scope: str = attrs.field(validator=_long_text)
    language: str = attrs.field(validator=named(functools.partial(_text, limit=35)))
    dimensions: tuple[Dimension, ...] = attrs.field(
        converter=tuple_of(Dimension, limit=MAX_DIMENSIONS, non_empty=True),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        dims: set[str] = set()
        keys: set[str] = set()
        for dimension in self.dimensions:
            if dimension.key in dims:
                raise InvalidInputError("dimensions", dimension.key, "repeats a dimension key")
            dims.add(dimension.key)
            for criterion in dimension.criteria:
                if criterion.key in keys:
                    raise InvalidInputError(
                        "criteria", criterion.key, "is used in more than one dimension"
                    )
                keys.add(criterion.key)

    def criterion(self, key: str, /) -> Criterion:
        """Return the criterion with ``key``.

        Args:
            key: The criterion's key.

        Returns:
            The [Criterion][accountplan.maturity.Criterion].

        Raises:
            InvalidInputError: the model has no criterion with that key.

        Examples:
            >>> from accountplan.maturity import customer_account_management
            >>> customer_account_management().criterion("knowledge_base").level.value
            'optimized'
        """
        check_type("key", key, str)
        for dimension in self.dimensions:
            for criterion in dimension.criteria:
                if criterion.key == key:
                    return criterion
        raise InvalidInputError("key", key, "is not a criterion of this model")

    @property
    def criterion_keys(self) -> tuple[str, ...]:
        """Every criterion key, dimension by dimension, in model order."""
        return tuple(c.key for d in self.dimensions for c in d.criteria)
