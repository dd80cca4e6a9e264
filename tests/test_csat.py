"""CSAT on 1-5 scales in both directions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.sla import CSAT_FIVE_BEST, CSAT_ONE_BEST, CsatScale, csat


def test_seed_scale_one_is_best() -> None:
    """The account-management process (shared/seeds/account-management-process.txt,
    step "Analyze current account status") lists 1 = Very Satisfied, 2 = Satisfied,
    3 = Neutral, 4 = Dissatisfied, 5 = Very Dissatisfied."""
    result = csat([1, 1, 2, 3, 4, 5, 5, 2], scale=CSAT_ONE_BEST)
    assert (8, 4) == (result.responses, result.satisfied)
    assert Decimal(50) == result.percent_satisfied
    assert Decimal("2.875") == result.mean
    assert ((1, 2), (2, 2), (3, 1), (4, 1), (5, 2)) == result.counts


def test_directions_agree() -> None:
    """The same opinions on mirrored scales give the same % satisfied and score."""
    one_best = [1, 2, 2, 3, 5]
    five_best = [6 - a for a in one_best]
    a = csat(one_best, scale=CSAT_ONE_BEST)
    b = csat(five_best, scale=CSAT_FIVE_BEST)
    assert a.percent_satisfied == b.percent_satisfied
    assert a.score == b.score
    assert Decimal(60) == a.score  # mean 2.6 where 1 is best: (5 - 2.6) / (5 - 1) * 100


def test_score_is_zero_to_hundred() -> None:
    """The score maps the worst answer to 0 and the best to 100."""
    assert Decimal(100) == csat([5, 5], scale=CSAT_FIVE_BEST).score
    assert Decimal(0) == csat([5, 5], scale=CSAT_ONE_BEST).score
    assert Decimal(50) == csat([3], scale=CSAT_ONE_BEST).score


def test_no_responses() -> None:
    """Without answers the figures are None, not zero."""
    result = csat([], scale=CSAT_FIVE_BEST)
    assert (0, None, None, None) == (
        result.responses,
        result.percent_satisfied,
        result.mean,
        result.score,
    )


@pytest.mark.parametrize("answer", [0, 6, True, "5", 4.0])
def test_answers_must_be_on_the_scale(answer: Any) -> None:
    """Answers off the scale, booleans and non-integers are refused."""
    with pytest.raises(InvalidInputError) as info:
        csat([5, answer], scale=CSAT_FIVE_BEST)
    assert "responses[1]" == info.value.field


def test_scale_checks() -> None:
    """Scales need distinct ends, a threshold on the scale and a sane size."""
    with pytest.raises(InvalidInputError):
        CsatScale(best=5, worst=5, satisfied_from=5)
    with pytest.raises(InvalidInputError):
        CsatScale(best=5, worst=1, satisfied_from=6)
    with pytest.raises(InvalidInputError):
        CsatScale(best=5, worst=1, satisfied_from=True)
    with pytest.raises(LimitExceededError):
        CsatScale(best=1000, worst=1, satisfied_from=900)
    with pytest.raises(InvalidInputError):
        csat("12345", scale=CSAT_FIVE_BEST)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        csat([1], scale="1-5")  # type: ignore[arg-type]


@given(answers=st.lists(st.integers(1, 5), max_size=50))
def test_bounds(answers: list[int]) -> None:
    """% satisfied and score lie in 0..100; the mean lies on the scale."""
    for scale in (CSAT_FIVE_BEST, CSAT_ONE_BEST):
        result = csat(answers, scale=scale)
        assert sum(n for _, n in result.counts) == result.responses
        if answers:
            assert result.percent_satisfied is not None
            assert result.score is not None
            assert result.mean is not None
            assert 0 <= result.percent_satisfied <= 100
            assert 0 <= result.score <= 100
            assert 1 <= result.mean <= 5
