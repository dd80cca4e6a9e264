"""Customer satisfaction (CSAT) on numbered answer scales, in either direction.

Survey tools disagree on which end of a scale is good: most put 5 = Very
Satisfied at the top, while the account-management process this library is
built from lists 1 = Very Satisfied ... 5 = Very Dissatisfied. A
[`CsatScale`][accountplan.sla.CsatScale] says which end is best and from which answer on a response
counts as satisfied, so the same report works for both.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from accountplan._validate import check_type
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.sla._numbers import percent_down, places_half_even

__all__ = [
    "CSAT_FIVE_BEST",
    "CSAT_ONE_BEST",
    "MAX_SCALE_POINTS",
    "CsatResult",
    "CsatScale",
    "csat",
]

#: The largest number of points a scale may have.
MAX_SCALE_POINTS = 100


def _point(field: str) -> Any:
    def check(_instance: Any, _attribute: Any, value: Any) -> None:
        check_type(field, value, int)

    return check


@attrs.frozen(kw_only=True)
class CsatScale:
    """A numbered answer scale.

    Attributes:
        best: The answer that means most satisfied (5 on a usual 1-5 scale).
        worst: The answer that means least satisfied (1 on a usual scale).
        satisfied_from: Answers from this one to ``best`` (inclusive) count as
            satisfied. The usual CSAT convention counts the top two answers.

    Examples:
        >>> CsatScale(best=1, worst=5, satisfied_from=2).ascending
        False
    """

    best: int = attrs.field(validator=_point("best"))
    worst: int = attrs.field(validator=_point("worst"))
    satisfied_from: int = attrs.field(validator=_point("satisfied_from"))

    def __attrs_post_init__(self) -> None:
        if self.best == self.worst:
            raise InvalidInputError("best", self.best, "must differ from worst")
        if abs(self.best - self.worst) + 1 > MAX_SCALE_POINTS:
            raise LimitExceededError(
                "best", self.best, MAX_SCALE_POINTS, f"gives more than {MAX_SCALE_POINTS} points"
            )
        if not self.contains(self.satisfied_from):
            raise InvalidInputError(
                "satisfied_from",
                self.satisfied_from,
                f"must lie on the scale from {self.worst} to {self.best}",
            )

    @property
    def ascending(self) -> bool:
        """Whether a higher number means more satisfied."""
        return self.best > self.worst

    def contains(self, answer: int, /) -> bool:
        """Return whether ``answer`` is a point of the scale.

        Args:
            answer: A survey answer, such as ``4``.

        Returns:
            True when ``answer`` lies between ``best`` and ``worst``, both
            included.

        Raises:
            InvalidTypeError: ``answer`` is not an ``int``.

        >>> CSAT_FIVE_BEST.contains(4), CSAT_FIVE_BEST.contains(6)
        (True, False)
        """
        check_type("answer", answer, int)
        return min(self.best, self.worst) <= answer <= max(self.best, self.worst)

    def is_satisfied(self, answer: int, /) -> bool:
        """Return whether ``answer`` counts as satisfied.

        Args:
            answer: A survey answer on this scale.

        Returns:
            True when ``answer`` is ``satisfied_from`` or better (higher on an
            ascending scale, lower on a descending one).

        Raises:
            InvalidTypeError: ``answer`` is not an ``int``.

        >>> CSAT_FIVE_BEST.is_satisfied(4), CSAT_ONE_BEST.is_satisfied(4)
        (True, False)
        """
        check_type("answer", answer, int)
        if self.ascending:
            return answer >= self.satisfied_from
        return answer <= self.satisfied_from


#: 1 = Very Dissatisfied ... 5 = Very Satisfied; 4 and 5 count as satisfied.
CSAT_FIVE_BEST = CsatScale(best=5, worst=1, satisfied_from=4)
#: 1 = Very Satisfied ... 5 = Very Dissatisfied (the seed process); 1 and 2 count.
CSAT_ONE_BEST = CsatScale(best=1, worst=5, satisfied_from=2)


@attrs.frozen(kw_only=True)
class CsatResult:
    """A CSAT summary.

    Attributes:
        scale: The scale the answers were on.
        responses: How many answers there were.
        satisfied: How many counted as satisfied.
        percent_satisfied: ``satisfied / responses * 100`` in percent (75
            means 75 %), rounded down to 6 decimal places; ``None`` without
            responses.
        mean: The mean answer on the scale's own numbers, to 6 decimal
            places with ties to even; ``None`` without responses.
        score: The mean mapped to 0-100 (in percent of the way from worst to
            best, 100 = best), so scales of either direction compare; rounded
            down to 6 decimal places; ``None`` without responses.
        counts: How often each answer was given, from best to worst.

    Examples:
        >>> result = csat([5, 4, 2], scale=CSAT_FIVE_BEST)
        >>> result.satisfied, result.counts
        (2, ((5, 1), (4, 1), (3, 0), (2, 1), (1, 0)))
    """

    scale: CsatScale
    responses: int
    satisfied: int
    percent_satisfied: Decimal | None
    mean: Decimal | None
    score: Decimal | None
    counts: tuple[tuple[int, int], ...]


def csat(responses: Iterable[int], /, *, scale: CsatScale) -> CsatResult:
    """Summarise survey answers: % satisfied, the mean and a direction-free score.

    Every figure is computed from the integer counts and rounded once, never
    under the ambient ``decimal`` context: the percentages down to 6 decimal
    places (never claiming satisfaction that was not reached), the mean to 6
    places with ties to even. Without responses the figures are ``None``.

    Args:
        responses: The answers, integers on ``scale``.
        scale: The answer scale (which end is best, which answers count as
            satisfied).

    Returns:
        The summary; ``percent_satisfied`` and ``score`` are in percent.

    Raises:
        InvalidInputError: an answer is not an integer on the scale.

    Examples:
        >>> # The seed process's scale: 1 = Very Satisfied ... 5 = Very Dissatisfied.
        >>> result = csat([1, 2, 2, 5], scale=CSAT_ONE_BEST)
        >>> result.percent_satisfied, result.mean, result.score
        (Decimal('75.000000'), Decimal('2.500000'), Decimal('62.500000'))
    """
    check_type("scale", scale, CsatScale)
    raw: Any = responses
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError("responses", responses, "must be a sequence of integers")
    step = 1 if scale.ascending else -1
    points = list(range(scale.best, scale.worst - step, -step))
    tally = dict.fromkeys(points, 0)
    total = satisfied = sum_answers = 0
    answers: Iterable[Any] = raw
    for index, answer in enumerate(answers):
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in tally:
            raise InvalidInputError(
                f"responses[{index}]",
                answer,
                f"must be an integer from {min(points)} to {max(points)}",
            )
        tally[answer] += 1
        total += 1
        sum_answers += answer
        if scale.is_satisfied(answer):
            satisfied += 1
    counts = tuple((point, tally[point]) for point in points)
    if total == 0:
        return CsatResult(
            scale=scale,
            responses=0,
            satisfied=0,
            percent_satisfied=None,
            mean=None,
            score=None,
            counts=counts,
        )
    mean = places_half_even(sum_answers, total)
    # (mean - worst) / (best - worst) * 100, from integers; both factors share a sign.
    score = percent_down(sum_answers - scale.worst * total, (scale.best - scale.worst) * total)
    return CsatResult(
        scale=scale,
        responses=total,
        satisfied=satisfied,
        percent_satisfied=percent_down(satisfied, total),
        mean=mean,
        score=score,
        counts=counts,
    )
