"""Staged (weakest-link) assessment of a practice against a maturity model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountplan._decimal import CONTEXT, quantize
from accountplan._tables import Column, Tabular
from accountplan._validate import check_type, enum_converter, to_enum
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.maturity._model import (
    Answer,
    Dimension,
    MaturityLevel,
    MaturityModel,
)

__all__ = [
    "SCORE_PLACES",
    "Assessment",
    "CriterionResult",
    "DimensionAssessment",
    "assess",
]

SCORE_PLACES = 2
"""Decimal places of every mean score (percent), rounded half-even."""


@attrs.frozen(kw_only=True)
class CriterionResult:
    """The answer given for one criterion.

    Attributes:
        key: The criterion's key.
        level: The criterion's level.
        statement: The criterion's statement.
        answer: The answer (``unknown`` when none was given).

    Examples:
        >>> r = CriterionResult(key="faq", level="optimized", statement="FAQs.", answer="partly")
        >>> r.met, r.answer
        (False, <Answer.PARTLY: 'partly'>)
    """

    key: str
    level: MaturityLevel = attrs.field(converter=enum_converter(MaturityLevel))  # type: ignore[misc]  # attrs.Converter
    statement: str
    answer: Answer = attrs.field(converter=enum_converter(Answer))  # type: ignore[misc]  # attrs.Converter

    @property
    def met(self) -> bool:
        """Whether the criterion is met for the staged level (only ``yes`` is)."""
        return self.answer is Answer.YES


@attrs.frozen(kw_only=True)
class DimensionAssessment:
    """Where a practice stands in one dimension.

    Attributes:
        key: The dimension's key.
        name: The dimension's name.
        level: The staged level: the highest level whose criteria, and those
            of every level below it, are all answered ``yes`` (CMMI's weakest
            link). ``None`` when not even the ``AD_HOC`` criteria are met.
        potential_level: The staged level the practice would have if every
            ``unknown`` answer turned out ``yes``; equal to ``level`` when
            there are no gaps that matter.
        mean_score: The mean of the answered criteria's points (yes 100,
            partly 50, no 0), in percent to 2 places, half-even; ``unknown``
            answers are left out, never counted as 0. ``None`` when nothing
            was answered. A second figure, never mixed into ``level``.
        answered: How many criteria were answered (not ``unknown``).
        results: One result per criterion, in model order.
        next_level: The level above ``level`` (``AD_HOC`` when ``level`` is
            ``None``), or ``None`` at ``OPTIMIZED``.
        blocking: Keys of the criteria at or below ``next_level`` answered
            ``no`` or ``partly``: what stands between the practice and the
            next level.
        gaps: Keys of every criterion answered ``unknown``, in model order.
        recommendation: The description of ``next_level`` in this
            dimension (empty at ``OPTIMIZED``).

    Examples:
        >>> from accountplan.maturity import assess, customer_account_management
        >>> result = assess(customer_account_management(), {"email_support": "no"})
        >>> dim = result.dimensions[0]
        >>> dim.level, dim.blocking, dim.next_level
        (None, ('email_support',), <MaturityLevel.AD_HOC: 'ad_hoc'>)
    """

    key: str
    name: str
    level: MaturityLevel | None = attrs.field(
        converter=enum_converter(MaturityLevel, optional=True)  # type: ignore[misc]  # attrs.Converter
    )
    potential_level: MaturityLevel | None = attrs.field(
        converter=enum_converter(MaturityLevel, optional=True)  # type: ignore[misc]  # attrs.Converter
    )
    mean_score: Decimal | None
    answered: int
    results: tuple[CriterionResult, ...]
    next_level: MaturityLevel | None = attrs.field(
        converter=enum_converter(MaturityLevel, optional=True)  # type: ignore[misc]  # attrs.Converter
    )
    blocking: tuple[str, ...]
    gaps: tuple[str, ...]
    recommendation: str


@attrs.frozen(kw_only=True)
class Assessment(Tabular):
    """A practice assessed against a model: per dimension and overall.

    Attributes:
        model: The model's name.
        level: The overall staged level: the lowest dimension level (weakest
            link); ``None`` when a dimension has none.
        potential_level: The same over the dimensions' ``potential_level``.
        mean_score: The mean points over every answered criterion of every
            dimension, in percent to 2 places, half-even; ``None`` when
            nothing was answered.
        dimensions: One assessment per dimension, in model order.
        gaps: Keys of every criterion answered ``unknown``.

    Examples:
        >>> from accountplan.maturity import assess, customer_account_management
        >>> model = customer_account_management()
        >>> result = assess(model, dict.fromkeys(model.criterion_keys, "yes"))
        >>> result.level, result.mean_score
        (<MaturityLevel.OPTIMIZED: 'optimized'>, Decimal('100.00'))
    """

    model: str
    level: MaturityLevel | None = attrs.field(
        converter=enum_converter(MaturityLevel, optional=True)  # type: ignore[misc]  # attrs.Converter
    )
    potential_level: MaturityLevel | None = attrs.field(
        converter=enum_converter(MaturityLevel, optional=True)  # type: ignore[misc]  # attrs.Converter
    )
    mean_score: Decimal | None
    dimensions: tuple[DimensionAssessment, ...]
    gaps: tuple[str, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per criterion: dimension, criterion, level, answer, met.

        Returns:
            Rows with the columns ``dimension``, ``criterion``, ``level``,
            ``answer`` and ``met`` (values as strings and booleans).

        Examples:
            >>> from accountplan.maturity import assess, customer_account_management
            >>> rows = assess(customer_account_management(), {}).to_records()
            >>> rows[0]
            {'dimension': 'customer_account_management', 'criterion': 'email_support', \
'level': 'ad_hoc', 'answer': 'unknown', 'met': False}
        """
        return super().to_records()

    def _columns(self) -> tuple[Column, ...]:
        return (
            ("dimension", "text"),
            ("criterion", "text"),
            ("level", "text"),
            ("answer", "text"),
            ("met", "bool"),
        )

    def _rows(self) -> Sequence[Any]:
        return [(dim, r) for dim in self.dimensions for r in dim.results]

    def _record(self, row: Any) -> dict[str, Any]:
        dim, r = row
        return {
            "dimension": dim.key,
            "criterion": r.key,
            "level": r.level.value,
            "answer": r.answer.value,
            "met": r.met,
        }

    def _title(self) -> str:
        level = "none" if self.level is None else self.level.value
        return f"{self.model}: {level}"


def _answers(model: MaturityModel, answers: Any) -> dict[str, Answer]:
    if not isinstance(answers, Mapping):
        raise InvalidTypeError("answers", answers, "must be a mapping of criterion key to answer")
    known = set(model.criterion_keys)
    unknown_keys = [key for key in answers if key not in known]
    if unknown_keys:
        preview = [
            text if len(text) <= 60 else text[:57] + "..."
            for text in sorted(map(str, unknown_keys))[:10]
        ]
        raise InvalidInputError(
            "answers",
            preview,
            f"names criteria the model {model.name!r} does not have",
        )
    return {str(key): to_enum(f"answers[{key!r}]", value, Answer) for key, value in answers.items()}


def _mean(points: list[Decimal]) -> Decimal | None:
    if not points:
        return None
    total = Decimal(0)
    for point in points:
        total = CONTEXT.add(total, point)
    return quantize(CONTEXT.divide(total, Decimal(len(points))), SCORE_PLACES, "half_even")


def _staged(results: tuple[CriterionResult, ...], *, optimistic: bool) -> MaturityLevel | None:
    reached: MaturityLevel | None = None
    for level in MaturityLevel:
        at_level = [r for r in results if r.level is level]
        ok = all(
            r.answer is Answer.YES or (optimistic and r.answer is Answer.UNKNOWN) for r in at_level
        )
        if not ok:
            break
        reached = level
    return reached


def _dimension(dimension: Dimension, given: dict[str, Answer]) -> DimensionAssessment:
    results = tuple(
        CriterionResult(
            key=c.key,
            level=c.level,
            statement=c.statement,
            answer=given.get(c.key, Answer.UNKNOWN),
        )
        for c in dimension.criteria
    )
    level = _staged(results, optimistic=False)
    potential = _staged(results, optimistic=True)
    next_level = MaturityLevel.AD_HOC if level is None else level.next
    blocking: tuple[str, ...] = ()
    if next_level is not None:
        blocking = tuple(
            r.key
            for r in results
            if r.level <= next_level and r.answer in (Answer.NO, Answer.PARTLY)
        )
    points = [p for r in results if (p := r.answer.points) is not None]
    return DimensionAssessment(
        key=dimension.key,
        name=dimension.name,
        level=level,
        potential_level=potential,
        mean_score=_mean(points),
        answered=len(points),
        results=results,
        next_level=next_level,
        blocking=blocking,
        gaps=tuple(r.key for r in results if r.answer is Answer.UNKNOWN),
        recommendation="" if next_level is None else dimension.text_for(next_level),
    )


def _weakest(levels: list[MaturityLevel | None]) -> MaturityLevel | None:
    if any(level is None for level in levels):
        return None
    return min(level for level in levels if level is not None)


def assess(model: MaturityModel, answers: Mapping[str, Answer | str], /) -> Assessment:
    """Assess a practice: the staged level and the mean score per dimension and overall.

    A level is reached only when every criterion of it and of every level
    below it is answered ``yes`` (CMMI's weakest link). ``partly`` scores 50
    points in the mean but does not meet a criterion; ``unknown`` (or no
    answer at all) is a gap in the evidence: it keeps a level from being
    confirmed, is listed in ``gaps`` and left out of the mean, and
    ``potential_level`` shows the level the practice would have if the gaps
    proved ``yes``. The staged level and the mean score are separate figures.

    Args:
        model: The [MaturityModel][accountplan.maturity.MaturityModel].
        answers: Criterion key to [Answer][accountplan.maturity.Answer] (or its
            value: ``"yes"``, ``"partly"``, ``"no"``, ``"unknown"``); criteria
            left out count as ``unknown``.

    Returns:
        The [Assessment][accountplan.maturity.Assessment].

    Raises:
        InvalidTypeError: ``model`` is not a model or ``answers`` not a mapping.
        InvalidInputError: an answer names a criterion the model does not
            have, or is not one of the four answers.

    Examples:
        >>> from accountplan.maturity import customer_account_management
        >>> model = customer_account_management()
        >>> answers = dict.fromkeys(model.criterion_keys, "yes")
        >>> answers["phone_support_working_hours"] = "no"   # one Structured criterion
        >>> result = assess(model, answers)
        >>> result.level, result.mean_score   # staged level vs mean score
        (<MaturityLevel.AD_HOC: 'ad_hoc'>, Decimal('94.44'))
        >>> result.dimensions[0].blocking
        ('phone_support_working_hours',)
    """
    check_type("model", model, MaturityModel)
    given = _answers(model, answers)
    dimensions = tuple(_dimension(d, given) for d in model.dimensions)
    points = [p for d in dimensions for r in d.results if (p := r.answer.points) is not None]
    return Assessment(
        model=model.name,
        level=_weakest([d.level for d in dimensions]),
        potential_level=_weakest([d.potential_level for d in dimensions]),
        mean_score=_mean(points),
        dimensions=dimensions,
        gaps=tuple(key for d in dimensions for key in d.gaps),
    )
