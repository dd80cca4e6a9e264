"""SLA behaviour that mutation testing found unpinned, checked against independent answers.

Expected values are worked by hand (the arithmetic is in the comments) or
taken from the documented text of an error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from accountplan.exceptions import LimitExceededError
from accountplan.sla import CSAT_FIVE_BEST, CSAT_ONE_BEST, _availability, csat, downtime, uptime

UTC = dt.UTC
T0 = dt.datetime(2026, 4, 1, tzinfo=UTC)
H = dt.timedelta(hours=1)


# -- the mean of a survey ties to even on its seventh place ----------------------------


@pytest.mark.parametrize(
    ("answers", "mean"),
    [
        # 127 x 2 + 3 = 257; 257 / 128 = 2.0078125: a tie, the even 2.007812.
        ([2] * 127 + [3], "2.007812"),
        # 125 x 2 + 3 x 3 = 259; 259 / 128 = 2.0234375: a tie, the even 2.023438.
        ([2] * 125 + [3] * 3, "2.023438"),
        # 2.0234375 minus 1/128: 258 / 128 = 2.015625 exactly.
        ([2] * 126 + [3] * 2, "2.015625"),
        # 1 / 3 above 2: 2.333333... rounds down; 2 / 3 above 2 rounds up.
        ([2, 2, 3], "2.333333"),
        ([2, 3, 3], "2.666667"),
    ],
)
def test_csat_mean_rounds_half_to_even(answers: list[int], mean: str) -> None:
    result = csat(answers, scale=CSAT_FIVE_BEST)
    assert result.mean == Decimal(mean)
    assert str(result.mean) == mean


def test_csat_on_a_descending_scale() -> None:
    """1 = very satisfied: answers 1, 2, 2, 5 give 3 satisfied; score (5 - mean) / 4."""
    result = csat([1, 2, 2, 5], scale=CSAT_ONE_BEST)
    assert (result.responses, result.satisfied) == (4, 3)
    assert result.percent_satisfied == Decimal("75.000000")
    assert result.mean == Decimal("2.500000")
    # (5 - 2.5) / (5 - 1) * 100 = 62.5
    assert result.score == Decimal("62.500000")
    assert result.counts == ((1, 1), (2, 2), (3, 0), (4, 0), (5, 1))


# -- the interval limit, at a small limit ------------------------------------------------


def test_the_interval_limit_counts_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most MAX_INTERVALS pairs: the one past it is refused, naming the count."""
    monkeypatch.setattr(_availability, "MAX_INTERVALS", 3)
    period = (T0, T0 + 10 * H)
    three = [(T0 + n * H, T0 + n * H + H / 2) for n in range(3)]
    assert downtime(period, outages=three) == 3 * H / 2
    with pytest.raises(LimitExceededError) as info:
        uptime(period, outages=[*three, (T0, T0)])
    assert str(info.value) == "'outages' has more than 3 intervals (got 4)"
    assert info.value.limit == 3
    with pytest.raises(LimitExceededError) as info:
        downtime(period, outages=[], maintenance=[*three, *three])
    assert str(info.value) == "'maintenance' has more than 3 intervals (got 4)"
