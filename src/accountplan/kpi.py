"""Key performance indicators of account management, and a report against targets.

Every formula follows its standard definition (the source is named in each
function's docstring) and returns a [KpiResult][accountplan.kpi.KpiResult]
that carries the inputs it used. Rates are in percent (21 means 21 %). Each
KPI has a documented precision (``Kpi.places``): the exact quotient is
computed in a private 60-digit decimal context (never the ambient one) and
rounded once, half-even, to that many places.

A zero denominator (no customers at the start, no revenue, no answers, no
stopped measurements) gives a result whose ``value`` is ``None`` and whose
``reason`` says why: "not enough data", never an exception and never a
made-up 0.

>>> from accountplan.kpi import churn_rate
>>> churn_rate(start=200, lost=10).value
Decimal('5.00')
>>> churn_rate(start=0, lost=0).reason
'no customers at the start of the period'
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal, get_args

import attrs

from accountplan._decimal import CONTEXT, quantize, to_decimal
from accountplan._frozen import FrozenMap
from accountplan._tables import Column, Tabular
from accountplan._units import add_months, micros
from accountplan._validate import (
    check_type,
    decimal_converter,
    enum_converter,
    instance_of,
    mapping_of,
    one_of,
    optional,
    tuple_of,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money
from accountplan.sla import CsatResult, CsatScale, SlaMeasurement, csat

__all__ = [
    "CADENCES",
    "DIRECTIONS",
    "MAX_PERIODS",
    "MAX_TARGETS",
    "RESPONSE_METRICS",
    "Cadence",
    "Direction",
    "Kpi",
    "KpiReport",
    "KpiResult",
    "KpiRow",
    "KpiStatus",
    "KpiTarget",
    "KpiUnit",
    "ReportingPeriod",
    "ResponseMetric",
    "ResponseTimeStats",
    "churn_rate",
    "csat_score",
    "dso",
    "kpi_report",
    "net_revenue_retention",
    "nps",
    "reporting_periods",
    "response_time",
    "response_time_stats",
    "retention_rate",
    "revenue_churn",
    "revenue_growth",
]

KpiUnit = Literal["percent", "points", "days", "seconds"]
"""The unit of a KPI's value: percent (21 means 21 %), NPS points (-100 to 100), days, or
seconds.
"""
Direction = Literal["at_least", "at_most"]
"""Whether a KPI is on target at or above its threshold, or at or below it."""
DIRECTIONS: tuple[str, ...] = get_args(Direction)
Cadence = Literal["monthly", "quarterly", "semiannual", "annual"]
"""How often KPIs are reported."""
CADENCES: tuple[str, ...] = get_args(Cadence)
ResponseMetric = Literal["first_response", "resolution"]
"""The SLA metrics response-time KPIs are taken from."""
RESPONSE_METRICS: tuple[str, ...] = get_args(ResponseMetric)

MAX_PERIODS = 600
"""Most reporting periods [reporting_periods][accountplan.kpi.reporting_periods] generates."""
MAX_TARGETS = 1_000
"""Most targets (and observations) in one report."""

_HUNDRED = Decimal(100)
_MICRO = Decimal(1_000_000)
_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}


#: Most inputs one KPI result may carry.
_MAX_INPUTS = 100


def _choice(field: str, value: Any, options: tuple[str, ...]) -> Any:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, f"must be one of {', '.join(options)}")
    if value not in options:
        raise InvalidInputError(field, value, f"must be one of {', '.join(options)}")
    return value


class Kpi(enum.Enum):
    """The KPIs this module computes, each with its unit and precision.

    Examples:
        >>> Kpi.NPS.unit, Kpi.NPS.places
        ('points', 2)
        >>> Kpi("first_response_time").unit
        'seconds'
    """

    CHURN_RATE = "churn_rate"
    """Customers lost over customers at the start of the period, in percent."""
    RETENTION_RATE = "retention_rate"
    """Customers kept (at the end, new ones left out) over customers at the start, in percent."""
    REVENUE_CHURN = "revenue_churn"
    """Recurring revenue lost to cancellations and downgrades over revenue at start, in percent."""
    NET_REVENUE_RETENTION = "net_revenue_retention"
    """Revenue at the end from the customers of the start, over revenue at the start, in percent."""
    REVENUE_GROWTH = "revenue_growth"
    """Change in revenue over the previous period's revenue, in percent."""
    CSAT = "csat"
    """Satisfied survey answers over all answers, in percent."""
    NPS = "nps"
    """Net promoter score: percent promoters minus percent detractors, in points (-100 to 100)."""
    DSO = "dso"
    """Days sales outstanding: receivables over credit sales times days in the period, in days."""
    FIRST_RESPONSE_TIME = "first_response_time"
    """A statistic (mean, median or percentile) of the time to first response, in seconds."""
    RESOLUTION_TIME = "resolution_time"
    """A statistic (mean, median or percentile) of the time to resolution, in seconds."""

    @property
    def unit(self) -> KpiUnit:
        """The unit of the KPI's value."""
        if self is Kpi.NPS:
            return "points"
        if self is Kpi.DSO:
            return "days"
        if self in (Kpi.FIRST_RESPONSE_TIME, Kpi.RESOLUTION_TIME):
            return "seconds"
        return "percent"

    @property
    def places(self) -> int:
        """Decimal places of the value (rounded half-even): 6 for seconds, else 2."""
        return 6 if self.unit == "seconds" else 2

    @property
    def is_time(self) -> bool:
        """Whether the KPI is a response-time statistic (it then needs a ``statistic``)."""
        return self.unit == "seconds"


class KpiStatus(enum.Enum):
    """Where a KPI stands against its target.

    Examples:
        >>> KpiStatus("warning")
        <KpiStatus.WARNING: 'warning'>
    """

    ON_TARGET = "on_target"
    """The value meets the threshold (a value exactly on it included)."""
    WARNING = "warning"
    """The value misses the threshold but is within the warning band."""
    OFF_TARGET = "off_target"
    """The value misses the threshold and any warning band."""
    NOT_ENOUGH_DATA = "not_enough_data"
    """There is no value to judge (for example no customers at the start)."""


def _statistic(kpi: Kpi, value: Any) -> str:
    check_type("statistic", value, str)
    if not kpi.is_time:
        if value:
            raise InvalidInputError(
                "statistic", value, f"must be empty for {kpi.value} (only time KPIs have one)"
            )
        return ""
    if value in ("mean", "median"):
        return str(value)
    digits = value[1:]
    if (
        value.startswith("p")
        and digits.isdigit()
        and digits == str(int(digits))
        and 1 <= int(digits) <= 100
    ):
        return str(value)
    raise InvalidInputError(
        "statistic", value, f"must be 'mean', 'median' or 'p1' to 'p100' for {kpi.value}"
    )


@attrs.frozen(kw_only=True)
class KpiResult:
    """One KPI's value for one period, with the inputs it came from.

    Attributes:
        kpi: Which KPI.
        value: The value in ``kpi.unit`` rounded half-even to ``kpi.places``
            places, or ``None`` when there was not enough data.
        inputs: The counts, amounts (in ``currency``) and durations (in
            seconds) the value was computed from, by name.
        currency: The currency of the amounts among the inputs, if any.
        statistic: For time KPIs, ``mean``, ``median`` or ``pNN`` (the
            nearest-rank NN-th percentile); empty for the others.
        reason: Why there is no value (empty when there is one).

    Raises:
        InvalidInputError: a ``statistic`` that does not fit the KPI, a value
            together with a reason, or neither.

    Examples:
        >>> result = KpiResult(kpi="csat", value=None, inputs={"responses": 0},
        ...                    reason="no survey answers")
        >>> result.enough_data, result.unit
        (False, 'percent')
    """

    kpi: Kpi = attrs.field(converter=enum_converter(Kpi))  # type: ignore[misc]  # attrs.Converter
    value: Decimal | None = attrs.field(converter=decimal_converter(optional=True))  # type: ignore[misc]  # attrs.Converter
    inputs: FrozenMap[str, Decimal] = attrs.field(
        converter=mapping_of(str, to_decimal, limit=_MAX_INPUTS, what="decimal values"),  # type: ignore[misc]  # attrs.Converter
    )
    currency: str | None = None
    statistic: str = ""
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        _statistic(self.kpi, self.statistic)
        check_type("reason", self.reason, str)
        if (self.value is None) == (not self.reason):
            raise InvalidInputError(
                "reason", self.reason, "must be given exactly when there is no value"
            )

    @property
    def enough_data(self) -> bool:
        """Whether there was enough data for a value."""
        return self.value is not None

    @property
    def unit(self) -> KpiUnit:
        """The unit of ``value`` (``kpi.unit``)."""
        return self.kpi.unit


def _result(
    kpi: Kpi, numerator: Decimal, denominator: Decimal, scale: Decimal, *, reason: str, **kw: Any
) -> KpiResult:
    """``numerator / denominator x scale``, rounded; not enough data (``reason``) at 0."""
    if denominator == 0:
        return KpiResult(kpi=kpi, value=None, reason=reason, **kw)
    exact = CONTEXT.divide(CONTEXT.multiply(numerator, scale), denominator)
    return KpiResult(kpi=kpi, value=quantize(exact, kpi.places, "half_even"), **kw)


_NO_CUSTOMERS = "no customers at the start of the period"
_NO_REVENUE = "no revenue at the start of the period"
_NO_ANSWERS = "no survey answers"


def _count(field: str, value: Any) -> int:
    check_type(field, value, int)
    if value < 0:
        raise InvalidInputError(field, value, "must be zero or more")
    return int(value)


def churn_rate(*, start: int, lost: int) -> KpiResult:
    """Customer churn rate: customers lost in the period / customers at its start x 100.

    Source: the standard definition (e.g. HubSpot, "How to calculate customer
    churn"): lost customers divided by customers at the start of the period.
    Worked example: 200 customers on 1 January, 10 of them gone by 31
    January: 10 / 200 = 5 %.

    Args:
        start: Customers at the start of the period.
        lost: Customers of those who left during the period.

    Returns:
        ``churn_rate`` in percent to 2 places; not enough data when ``start`` is 0.

    Raises:
        InvalidTypeError: a count is not an ``int``.
        InvalidInputError: a negative count, or more customers lost than there were.

    Examples:
        >>> churn_rate(start=200, lost=10).value
        Decimal('5.00')
    """
    start = _count("start", start)
    lost = _count("lost", lost)
    if lost > start:
        raise InvalidInputError("lost", lost, f"must not exceed start={start}")
    inputs = {"start": start, "lost": lost}
    return _result(
        Kpi.CHURN_RATE,
        Decimal(lost),
        Decimal(start),
        _HUNDRED,
        inputs=inputs,
        reason=_NO_CUSTOMERS,
    )


def retention_rate(*, start: int, end: int, new: int) -> KpiResult:
    """Customer retention rate: (customers at end - new customers) / customers at start x 100.

    Source: the standard customer retention rate formula
    ``CRR = ((E - N) / S) x 100`` (e.g. HubSpot, Qualtrics). Worked example:
    100 customers at the start, 20 acquired, 90 at the end:
    (90 - 20) / 100 = 70 %.

    Args:
        start: Customers at the start of the period.
        end: Customers at the end of the period.
        new: Customers acquired during the period (and still there at the end).

    Returns:
        ``retention_rate`` in percent to 2 places; not enough data when ``start`` is 0.

    Raises:
        InvalidTypeError: a count is not an ``int``.
        InvalidInputError: a negative count, ``new`` above ``end``, or more
            retained customers (``end - new``) than there were at the start.

    Examples:
        >>> retention_rate(start=100, end=90, new=20).value
        Decimal('70.00')
    """
    start = _count("start", start)
    end = _count("end", end)
    new = _count("new", new)
    if new > end:
        raise InvalidInputError("new", new, f"must not exceed end={end}")
    if end - new > start:
        raise InvalidInputError(
            "end", end, f"keeps more customers ({end - new}) than there were at start={start}"
        )
    inputs = {"start": start, "end": end, "new": new}
    return _result(
        Kpi.RETENTION_RATE,
        Decimal(end - new),
        Decimal(start),
        _HUNDRED,
        inputs=inputs,
        reason=_NO_CUSTOMERS,
    )


def _amounts(**named: Any) -> tuple[str, dict[str, Decimal]]:
    currency: str | None = None
    first = ""
    out: dict[str, Decimal] = {}
    for field, value in named.items():
        check_type(field, value, Money)
        if value.amount < 0:
            raise InvalidInputError(field, value, "must not be negative")
        if currency is None:
            currency, first = value.currency, field
        elif value.currency != currency:
            raise CurrencyMismatchError(currency, value.currency, f"combine {first} and {field}:")
        out[field] = value.amount
    assert currency is not None
    return currency, out


def revenue_churn(start_revenue: Money, /, *, churned: Money, contraction: Money) -> KpiResult:
    """Gross revenue churn: (churned + contraction revenue) / revenue at start x 100.

    Source: the usual SaaS definition of gross MRR churn rate (e.g. ChartMogul,
    Baremetrics): recurring revenue lost to cancellations and downgrades in
    the period, over recurring revenue at its start; expansion is not netted.
    Worked example: 100,000 of MRR at the start, 3,000 cancelled, 2,000
    downgraded: 5,000 / 100,000 = 5 %.

    Args:
        start_revenue: Recurring revenue at the start of the period, as
            [Money][accountplan.money.Money], zero or more; every amount here
            is in this one currency.
        churned: Revenue lost to customers who left (Money, same currency).
        contraction: Revenue lost to downgrades of customers who stayed
            (Money, same currency).

    Returns:
        ``revenue_churn`` in percent to 2 places; not enough data when
        ``start_revenue`` is zero.

    Raises:
        InvalidTypeError: an amount is not [Money][accountplan.money.Money].
        CurrencyMismatchError: the amounts' currencies differ.
        InvalidInputError: a negative amount, or more lost than there was.

    Examples:
        >>> from accountplan.money import Money
        >>> revenue_churn(Money(amount=100_000, currency="EUR"),
        ...               churned=Money(amount=3_000, currency="EUR"),
        ...               contraction=Money(amount=2_000, currency="EUR")).value
        Decimal('5.00')
    """
    currency, inputs = _amounts(
        start_revenue=start_revenue, churned=churned, contraction=contraction
    )
    lost = _revenue_lost(inputs, churned=churned, start_revenue=start_revenue)
    return _result(
        Kpi.REVENUE_CHURN,
        lost,
        inputs["start_revenue"],
        _HUNDRED,
        inputs=inputs,
        currency=currency,
        reason=_NO_REVENUE,
    )


def _revenue_lost(inputs: dict[str, Decimal], *, churned: Money, start_revenue: Money) -> Decimal:
    """Churned plus contraction revenue, refused when more than there was at the start."""
    lost = CONTEXT.add(inputs["churned"], inputs["contraction"])
    if lost > inputs["start_revenue"]:
        raise InvalidInputError(
            "churned", churned, f"plus contraction exceeds start_revenue={start_revenue.amount}"
        )
    return lost


def net_revenue_retention(
    start_revenue: Money, /, *, expansion: Money, contraction: Money, churned: Money
) -> KpiResult:
    """Net revenue retention: (start + expansion - contraction - churned) / start x 100.

    Source: the standard NRR (net dollar retention) formula (e.g. ChartMogul,
    "Net MRR retention"); revenue from new customers is left out. Worked
    example: 100,000 at the start, 15,000 expansion, 2,000 contraction,
    3,000 churned: 110,000 / 100,000 = 110 %.

    Args:
        start_revenue: Recurring revenue at the start of the period from the
            customers of that moment, as [Money][accountplan.money.Money], zero
            or more; every amount here is in this one currency.
        expansion: Extra revenue from those customers (upgrades, cross-sells),
            as Money in the same currency.
        contraction: Revenue lost to their downgrades (Money, same currency).
        churned: Revenue lost to those who left (Money, same currency).

    Returns:
        ``net_revenue_retention`` in percent to 2 places (above 100 when
        expansion outweighs losses); not enough data when ``start_revenue`` is zero.

    Raises:
        InvalidTypeError: an amount is not [Money][accountplan.money.Money].
        CurrencyMismatchError: the amounts' currencies differ.
        InvalidInputError: a negative amount, or more lost than there was.

    Examples:
        >>> from accountplan.money import Money
        >>> eur = lambda n: Money(amount=n, currency="EUR")
        >>> net_revenue_retention(eur(100_000), expansion=eur(15_000),
        ...                       contraction=eur(2_000), churned=eur(3_000)).value
        Decimal('110.00')
    """
    currency, inputs = _amounts(
        start_revenue=start_revenue, expansion=expansion, contraction=contraction, churned=churned
    )
    lost = _revenue_lost(inputs, churned=churned, start_revenue=start_revenue)
    kept = CONTEXT.subtract(CONTEXT.add(inputs["start_revenue"], inputs["expansion"]), lost)
    return _result(
        Kpi.NET_REVENUE_RETENTION,
        kept,
        inputs["start_revenue"],
        _HUNDRED,
        inputs=inputs,
        currency=currency,
        reason=_NO_REVENUE,
    )


def revenue_growth(previous: Money, /, *, current: Money) -> KpiResult:
    """Revenue growth: (current - previous revenue) / previous revenue x 100.

    Source: the standard period-over-period growth rate. Worked example:
    revenue of 80,000 last quarter and 92,000 this quarter:
    12,000 / 80,000 = 15 %.

    Args:
        previous: Revenue of the previous period, as
            [Money][accountplan.money.Money], zero or more.
        current: Revenue of this period, as Money in the same currency.

    Returns:
        ``revenue_growth`` in percent to 2 places (negative when revenue
        fell); not enough data when ``previous`` is zero.

    Raises:
        InvalidTypeError: an amount is not [Money][accountplan.money.Money].
        CurrencyMismatchError: the currencies differ.
        InvalidInputError: a negative amount.

    Examples:
        >>> from accountplan.money import Money
        >>> revenue_growth(Money(amount=80_000, currency="EUR"),
        ...                current=Money(amount=92_000, currency="EUR")).value
        Decimal('15.00')
    """
    currency, inputs = _amounts(previous=previous, current=current)
    return _result(
        Kpi.REVENUE_GROWTH,
        CONTEXT.subtract(inputs["current"], inputs["previous"]),
        inputs["previous"],
        _HUNDRED,
        inputs=inputs,
        currency=currency,
        reason="no revenue in the previous period",
    )


def csat_score(
    answers: Iterable[int] | CsatResult, /, *, scale: CsatScale | None = None
) -> KpiResult:
    """CSAT: the share of satisfied answers on a stated scale, in percent.

    Source: the standard CSAT score (e.g. Qualtrics, "What is CSAT"):
    satisfied responses (the top two of five, by default) / all responses
    x 100. Worked example: 50 answers, 40 of them 4 or 5 on a 1-5 scale:
    40 / 50 = 80 %. Which answers count as satisfied is the
    [CsatScale][accountplan.sla.CsatScale]'s ``satisfied_from``.

    Args:
        answers: The survey answers (integers on ``scale``), or a
            [CsatResult][accountplan.sla.CsatResult] from
            [accountplan.sla.csat][accountplan.sla.csat].
        scale: The answer scale; required for answers, refused for a
            ``CsatResult`` (it carries its own).

    Returns:
        ``csat`` in percent to 2 places; not enough data without answers.

    Raises:
        InvalidInputError: an answer off the scale, a missing scale for
            answers or a scale given with a ``CsatResult``.

    Examples:
        >>> from accountplan.sla import CSAT_FIVE_BEST
        >>> csat_score([5, 4, 4, 3, 1], scale=CSAT_FIVE_BEST).value
        Decimal('60.00')
    """
    if isinstance(answers, CsatResult):
        if scale is not None:
            raise InvalidInputError("scale", scale, "must be None for a CsatResult")
        summary = answers
    else:
        if scale is None:
            raise InvalidInputError("scale", scale, "is required for survey answers")
        given: object = answers
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidTypeError(
                "answers", answers, "must be a sequence of integers or a CsatResult"
            )
        summary = csat(answers, scale=scale)
    inputs = {
        "responses": summary.responses,
        "satisfied": summary.satisfied,
        "best": summary.scale.best,
        "worst": summary.scale.worst,
        "satisfied_from": summary.scale.satisfied_from,
    }
    return _result(
        Kpi.CSAT,
        Decimal(summary.satisfied),
        Decimal(summary.responses),
        _HUNDRED,
        inputs=inputs,
        reason=_NO_ANSWERS,
    )


def nps(scores: Iterable[int], /) -> KpiResult:
    """Net Promoter Score: % promoters (9-10) - % detractors (0-6), from -100 to 100.

    Source: Reichheld, "The One Number You Need to Grow" (Harvard Business
    Review, 2003), and Bain & Company's NPS definition. Worked example: 100
    answers, 70 promoters, 20 passives, 10 detractors: 70 % - 10 % = 60.

    Args:
        scores: Answers to "How likely are you to recommend us?", integers
            from 0 to 10.

    Returns:
        ``nps`` in points to 2 places; not enough data without answers.

    Raises:
        InvalidInputError: a score that is not an integer from 0 to 10.

    Examples:
        >>> nps([10, 9, 8, 6]).value
        Decimal('25.00')
    """
    raw: Any = scores
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError("scores", scores, "must be a sequence of integers from 0 to 10")
    promoters = passives = detractors = 0
    for index, score in enumerate(raw):
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
            raise InvalidInputError(f"scores[{index}]", score, "must be an integer from 0 to 10")
        if score >= 9:
            promoters += 1
        elif score >= 7:
            passives += 1
        else:
            detractors += 1
    total = promoters + passives + detractors
    inputs = {
        "responses": total,
        "promoters": promoters,
        "passives": passives,
        "detractors": detractors,
    }
    return _result(
        Kpi.NPS,
        Decimal(promoters - detractors),
        Decimal(total),
        _HUNDRED,
        inputs=inputs,
        reason=_NO_ANSWERS,
    )


@attrs.frozen(kw_only=True)
class ReportingPeriod:
    """A reporting period, half-open: from ``start`` up to (not including) ``end``.

    Attributes:
        start: The first day of the period.
        end: The first day after the period (the day it can be reported on).

    Raises:
        InvalidInputError: ``end`` is not after ``start``.

    Examples:
        >>> import datetime as dt
        >>> ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1)).days
        90
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        for field in ("start", "end"):
            value = getattr(self, field)
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
                raise InvalidTypeError(field, value, "must be a date")
        if self.end <= self.start:
            raise InvalidInputError(
                "end", self.end, f"must be after start={self.start.isoformat()}"
            )

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self.end - self.start).days


def _add_months(anchor: dt.date, months: int) -> dt.date:
    moved = add_months(anchor, months)
    if moved is None:  # pragma: no cover - the horizon is checked before any period is built
        raise LimitExceededError("count", months, MAX_PERIODS, "runs past the year 9999")
    return moved


def reporting_periods(
    cadence: Cadence, /, *, start: dt.date, count: int | None = None, until: dt.date | None = None
) -> tuple[ReportingPeriod, ...]:
    """The reporting periods of a cadence, computed from the first period's start.

    Period ``n`` starts ``n`` cadence lengths after ``start`` (counted from
    ``start``, never chained, so a start on the 31st gives the 30th of April
    and the 31st of May again), with month ends clamped. Each period's
    ``end`` is the day its report is due.

    Args:
        cadence: ``monthly``, ``quarterly``, ``semiannual`` or ``annual``.
        start: The first day of the first period.
        count: How many periods; give this or ``until``.
        until: Periods are generated while they start before this date.

    Returns:
        The periods in order, each ending where the next starts.

    Raises:
        InvalidInputError: an unknown cadence, both or neither of ``count``
            and ``until``, or a bad date.
        LimitExceededError: more than ``MAX_PERIODS`` periods.

    Examples:
        >>> import datetime as dt
        >>> [p.end.isoformat() for p in reporting_periods(
        ...     "monthly", start=dt.date(2026, 1, 31), count=3)]
        ['2026-02-28', '2026-03-31', '2026-04-30']
    """
    _choice("cadence", cadence, CADENCES)
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        raise InvalidTypeError("start", start, "must be a date")
    if count is not None:
        check_type("count", count, int)
    if until is not None and (isinstance(until, dt.datetime) or not isinstance(until, dt.date)):
        raise InvalidTypeError("until", until, "must be a date")
    if (count is None) == (until is None):
        raise InvalidInputError("count", count, "give exactly one of count and until")
    step = _MONTHS[cadence]
    if count is not None:
        check_type("count", count, int)
        if count < 1:
            raise InvalidInputError("count", count, "must be at least 1")
        if count > MAX_PERIODS:
            raise LimitExceededError("count", count, MAX_PERIODS)
        total = count
    else:
        if isinstance(until, dt.datetime) or not isinstance(until, dt.date):
            raise InvalidTypeError("until", until, "must be a date")
        if until <= start:
            raise InvalidInputError("until", until, f"must be after start={start.isoformat()}")
        months = (until.year - start.year) * 12 + until.month - start.month
        total = months // step + 1
        if total > MAX_PERIODS + 1:
            raise LimitExceededError("until", until, MAX_PERIODS, "asks for too many periods")
        while _add_months(start, (total - 1) * step) >= until:
            total -= 1
        if total > MAX_PERIODS:
            raise LimitExceededError("until", until, MAX_PERIODS, "asks for too many periods")
    if start.year + (total * step) // 12 + 1 > dt.MAXYEAR:
        raise LimitExceededError("count", total, MAX_PERIODS, "runs past the year 9999")
    bounds = [_add_months(start, n * step) for n in range(total + 1)]
    return tuple(ReportingPeriod(start=a, end=b) for a, b in itertools.pairwise(bounds))


def dso(receivables: Money, /, *, credit_sales: Money, period: ReportingPeriod) -> KpiResult:
    """Days sales outstanding: receivables / credit sales of the period x days in the period.

    Source: the standard DSO formula (e.g. Investopedia, "Days Sales
    Outstanding"): accounts receivable divided by total credit sales, times
    the number of days. Worked example: 50,000 receivable at the end of a
    30-day month with 100,000 of credit sales: 0.5 x 30 = 15 days. Take
    ``receivables`` from an aging report's ``total``.

    Args:
        receivables: Accounts receivable at the end of the period.
        credit_sales: Sales on credit during the period.
        period: The [ReportingPeriod][accountplan.kpi.ReportingPeriod] (its
            number of days is the multiplier).

    Returns:
        ``dso`` in days to 2 places; not enough data when there were no credit sales.

    Raises:
        InvalidTypeError: an amount is not Money or the period not a ReportingPeriod.
        CurrencyMismatchError: the currencies differ.
        InvalidInputError: a negative amount.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.money import Money
        >>> june = ReportingPeriod(start=dt.date(2026, 6, 1), end=dt.date(2026, 7, 1))
        >>> dso(Money(amount=50_000, currency="EUR"),
        ...     credit_sales=Money(amount=100_000, currency="EUR"), period=june).value
        Decimal('15.00')
    """
    check_type("period", period, ReportingPeriod)
    currency, inputs = _amounts(receivables=receivables, credit_sales=credit_sales)
    inputs["days"] = Decimal(period.days)
    return _result(
        Kpi.DSO,
        inputs["receivables"],
        inputs["credit_sales"],
        Decimal(period.days),
        inputs=inputs,
        currency=currency,
        reason="no credit sales in the period",
    )


def _pair(field: str, value: Any) -> tuple[int, dt.timedelta]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise InvalidTypeError(field, value, "must be a (p, time) pair")
    return (check_type(field, value[0], int), check_type(field, value[1], dt.timedelta))


@attrs.frozen(kw_only=True)
class ResponseTimeStats:
    """Response- or resolution-time statistics over stopped SLA measurements.

    Attributes:
        metric: ``first_response`` or ``resolution``.
        count: Measurements counted (stopped: met or breached).
        excluded: Measurements of the metric left out because they had not
            stopped (running, paused) or were cancelled.
        mean: The mean elapsed time, to the microsecond (half-even), or
            ``None`` without measurements.
        median: The median (the mean of the two middle values for an even
            count, to the microsecond), or ``None``.
        percentiles: ``(p, time)`` pairs: the nearest-rank ``p``-th
            percentile (the smallest time with at least ``p`` % of the
            measurements at or below it); empty without measurements.

    Examples:
        >>> ResponseTimeStats(metric="resolution", count=0, excluded=2, mean=None,
        ...                   median=None, percentiles=()).count
        0
    """

    metric: ResponseMetric = attrs.field(validator=one_of(RESPONSE_METRICS))
    count: int
    excluded: int
    mean: dt.timedelta | None = attrs.field(validator=optional(instance_of(dt.timedelta)))
    median: dt.timedelta | None = attrs.field(validator=optional(instance_of(dt.timedelta)))
    percentiles: tuple[tuple[int, dt.timedelta], ...] = attrs.field(
        converter=tuple_of(_pair, limit=100, what="(p, time) pairs"),  # type: ignore[misc]  # attrs.Converter
    )


def _percents(value: Any) -> tuple[int, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("percentiles", value, "must be a sequence of integers")
    out = tuple(value)
    if len(out) > 100:
        raise LimitExceededError("percentiles", len(out), 100)
    for p in out:
        check_type("percentiles", p, int)
        if not 1 <= p <= 100:
            raise InvalidInputError("percentiles", p, "must be integers from 1 to 100")
    return out


def _roundedmicros(value: Decimal) -> int:
    return int(quantize(value, 0, "half_even"))


def _nearest_rank(values: list[int], p: int) -> int:
    rank = -(-p * len(values) // 100)
    return values[max(rank, 1) - 1]


def response_time_stats(
    measurements: Iterable[SlaMeasurement],
    /,
    *,
    metric: ResponseMetric,
    percentiles: Iterable[int] = (90, 95),
) -> ResponseTimeStats:
    """Mean, median and percentiles of first-response or resolution times.

    Counts the measurements of ``metric`` that stopped (``met`` or
    ``breached`` with a stop); their ``elapsed`` time is the SLA clock's
    (business time for business-hours targets, pauses left out). Running,
    paused and cancelled ones are counted in ``excluded``.

    Args:
        measurements: [SlaMeasurement][accountplan.sla.SlaMeasurement]s from
            [accountplan.sla.evaluate][accountplan.sla.evaluate].
        metric: ``first_response`` or ``resolution``.
        percentiles: Which nearest-rank percentiles to report (1-100).

    Returns:
        The [ResponseTimeStats][accountplan.kpi.ResponseTimeStats].

    Raises:
        InvalidTypeError: an item is not a measurement.
        InvalidInputError: an unknown metric or a percentile outside 1-100.

    Examples:
        >>> response_time_stats([], metric="first_response").mean is None
        True
    """
    _choice("metric", metric, RESPONSE_METRICS)
    wanted = _percents(percentiles)
    raw: Any = measurements
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError("measurements", measurements, "must be a sequence of SlaMeasurement")
    values: list[int] = []
    excluded = 0
    for index, item in enumerate(raw):
        check_type(f"measurements[{index}]", item, SlaMeasurement)
        if str(getattr(item.metric, "value", item.metric)) != metric:
            continue
        state = str(getattr(item.state, "value", item.state))
        if state in ("met", "breached") and item.stop is not None:
            values.append(micros(item.elapsed))
        else:
            excluded += 1
    if not values:
        return ResponseTimeStats(
            metric=metric, count=0, excluded=excluded, mean=None, median=None, percentiles=()
        )
    values.sort()
    n = len(values)
    mean = _roundedmicros(CONTEXT.divide(Decimal(sum(values)), Decimal(n)))
    middle = n // 2
    median = (
        values[middle]
        if n % 2
        else _roundedmicros(
            CONTEXT.divide(Decimal(values[middle - 1] + values[middle]), Decimal(2))
        )
    )
    return ResponseTimeStats(
        metric=metric,
        count=n,
        excluded=excluded,
        mean=dt.timedelta(microseconds=mean),
        median=dt.timedelta(microseconds=median),
        percentiles=tuple((p, dt.timedelta(microseconds=_nearest_rank(values, p))) for p in wanted),
    )


def response_time(
    measurements: Iterable[SlaMeasurement], /, *, metric: ResponseMetric, statistic: str = "mean"
) -> KpiResult:
    """A first-response or resolution time KPI, in seconds.

    Args:
        measurements: [SlaMeasurement][accountplan.sla.SlaMeasurement]s.
        metric: ``first_response`` (KPI ``first_response_time``) or
            ``resolution`` (KPI ``resolution_time``).
        statistic: ``mean``, ``median`` or ``pNN`` (nearest-rank percentile,
            ``p90`` for example).

    Returns:
        The KPI in seconds to 6 places (microseconds); not enough data when
        no measurement of the metric has stopped.

    Raises:
        InvalidInputError: an unknown metric or statistic.
        InvalidTypeError: an item is not a measurement.

    Examples:
        >>> response_time([], metric="resolution", statistic="p90").reason
        'no stopped resolution measurements'
    """
    _choice("metric", metric, RESPONSE_METRICS)
    kpi = Kpi.FIRST_RESPONSE_TIME if metric == "first_response" else Kpi.RESOLUTION_TIME
    stat = _statistic(kpi, statistic)
    percent = (int(stat[1:]),) if stat.startswith("p") else ()
    stats = response_time_stats(measurements, metric=metric, percentiles=percent)
    inputs = {"measurements": stats.count, "excluded": stats.excluded}
    if stats.count == 0:
        return KpiResult(
            kpi=kpi,
            value=None,
            inputs=inputs,
            statistic=stat,
            reason=f"no stopped {metric} measurements",
        )
    if stat == "mean":
        chosen = stats.mean
    elif stat == "median":
        chosen = stats.median
    else:
        chosen = stats.percentiles[0][1]
    assert chosen is not None
    seconds = CONTEXT.divide(Decimal(micros(chosen)), _MICRO)
    return KpiResult(
        kpi=kpi, value=quantize(seconds, kpi.places, "half_even"), inputs=inputs, statistic=stat
    )


@attrs.frozen(kw_only=True)
class KpiTarget:
    """A target for one KPI: a threshold, a direction, and an optional warning band.

    For ``at_least`` the KPI is on target at or above ``threshold``, in
    warning from ``warning`` up to the threshold, and off target below
    ``warning`` (or below the threshold without a warning band); ``at_most``
    mirrors this. A value exactly on a bound is on the better side.

    Attributes:
        kpi: The KPI.
        direction: ``at_least`` (higher is better) or ``at_most``.
        threshold: The target, in the KPI's unit (percent, points, days or seconds).
        warning: The other end of the warning band, or ``None``; below the
            threshold for ``at_least``, above it for ``at_most``.
        statistic: For time KPIs, the statistic the target is for (``mean``,
            ``median``, ``p90`` ...); empty for the others.

    Raises:
        InvalidInputError: a warning on the wrong side of the threshold, or a
            statistic that does not fit the KPI.
        InvalidTypeError: a float threshold.

    Examples:
        >>> KpiTarget(kpi="churn_rate", direction="at_most", threshold=2, warning=3).warning
        Decimal('3')
    """

    kpi: Kpi = attrs.field(converter=enum_converter(Kpi))  # type: ignore[misc]  # attrs.Converter
    direction: Direction = attrs.field(validator=one_of(DIRECTIONS))
    threshold: Decimal = attrs.field(converter=decimal_converter())  # type: ignore[misc]  # attrs.Converter
    warning: Decimal | None = attrs.field(default=None, converter=decimal_converter(optional=True))  # type: ignore[misc]  # attrs.Converter
    statistic: str = ""

    def __attrs_post_init__(self) -> None:
        _statistic(self.kpi, self.statistic)
        if self.warning is None:
            return
        if self.direction == "at_least" and not self.warning < self.threshold:
            raise InvalidInputError(
                "warning", self.warning, f"must be below threshold={self.threshold} for at_least"
            )
        if self.direction == "at_most" and not self.warning > self.threshold:
            raise InvalidInputError(
                "warning", self.warning, f"must be above threshold={self.threshold} for at_most"
            )

    def status(self, value: Decimal | None, /) -> KpiStatus:
        """Return the status of ``value`` against this target.

        Args:
            value: The KPI's value, or ``None`` when there was not enough data.

        Returns:
            The [KpiStatus][accountplan.kpi.KpiStatus].

        Raises:
            InvalidTypeError: ``value`` is a float.

        Examples:
            >>> from decimal import Decimal
            >>> target = KpiTarget(kpi="csat", direction="at_least", threshold=80, warning=70)
            >>> [target.status(Decimal(v)).value for v in ("80", "75", "69.99")]
            ['on_target', 'warning', 'off_target']
        """
        if value is None:
            return KpiStatus.NOT_ENOUGH_DATA
        number = to_decimal("value", value)

        def better_or_equal(bound: Decimal) -> bool:
            return number >= bound if self.direction == "at_least" else number <= bound

        if better_or_equal(self.threshold):
            return KpiStatus.ON_TARGET
        if self.warning is not None and better_or_equal(self.warning):
            return KpiStatus.WARNING
        return KpiStatus.OFF_TARGET


@attrs.frozen(kw_only=True)
class KpiRow:
    """One KPI in a report.

    Attributes:
        target: The target the KPI is judged against.
        result: This period's result, or ``None`` when none was observed.
        status: On target, warning, off target, or not enough data (no
            result, or a result without a value).
        previous: The previous period's value, or ``None``.
        change: ``value - previous`` in the KPI's unit (percentage points for
            rates), or ``None`` when either is missing.
        improved: Whether the change moved in the target's direction
            (``None`` without a change; ``False`` for no change).

    Examples:
        >>> target = KpiTarget(kpi="nps", direction="at_least", threshold=30)
        >>> KpiRow(target=target, result=None, status="not_enough_data",
        ...        previous=None, change=None, improved=None).status
        <KpiStatus.NOT_ENOUGH_DATA: 'not_enough_data'>
    """

    target: KpiTarget
    result: KpiResult | None
    status: KpiStatus = attrs.field(converter=enum_converter(KpiStatus))  # type: ignore[misc]  # attrs.Converter
    previous: Decimal | None
    change: Decimal | None
    improved: bool | None

    @property
    def value(self) -> Decimal | None:
        """This period's value, or ``None``."""
        return None if self.result is None else self.result.value


@attrs.frozen(kw_only=True)
class KpiReport(Tabular):
    """KPIs of one period against their targets.

    Attributes:
        period: The period reported on.
        reported_on: The day the report is due: the first day after the period.
        next_period: The next period of the cadence, or ``None`` without a cadence.
        rows: One row per target, in the order the targets were given.
        untracked: Observations without a target, in the order given.

    Examples:
        >>> import datetime as dt
        >>> q1 = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
        >>> kpi_report([], [], period=q1, cadence="quarterly").next_period.end
        datetime.date(2026, 7, 1)
    """

    period: ReportingPeriod
    reported_on: dt.date
    next_period: ReportingPeriod | None
    rows: tuple[KpiRow, ...]
    untracked: tuple[KpiResult, ...]

    def _columns(self) -> tuple[Column, ...]:
        return _KPI_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self.rows

    def _record(self, row: Any) -> dict[str, Any]:
        return {
            "kpi": row.target.kpi.value,
            "statistic": row.target.statistic,
            "unit": row.target.kpi.unit,
            "value": row.value,
            "status": row.status.value,
            "threshold": row.target.threshold,
            "warning": row.target.warning,
            "previous": row.previous,
            "change": row.change,
            "improved": row.improved,
            "reason": "no observation" if row.result is None else row.result.reason,
        }

    def _title(self) -> str:
        return f"KPIs {self.period.start.isoformat()} to {self.period.end.isoformat()} (exclusive)"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per target.

        Returns:
            Rows with the columns ``kpi``, ``statistic``, ``unit``, ``value``,
            ``status``, ``threshold``, ``warning``, ``previous``, ``change``,
            ``improved`` and ``reason``.

        Examples:
            >>> import datetime as dt
            >>> q1 = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
            >>> target = KpiTarget(kpi="nps", direction="at_least", threshold=30)
            >>> kpi_report([target], [nps([10, 10, 3])], period=q1).to_records()[0]["value"]
            Decimal('33.33')
        """
        return super().to_records()


_KPI_COLUMNS: tuple[Column, ...] = (
    ("kpi", "text"),
    ("statistic", "text"),
    ("unit", "text"),
    ("value", "decimal"),
    ("status", "text"),
    ("threshold", "decimal"),
    ("warning", "decimal"),
    ("previous", "decimal"),
    ("change", "decimal"),
    ("improved", "bool"),
    ("reason", "text"),
)


def _results(field: str, value: Any) -> list[KpiResult]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, "must be a sequence of KpiResult")
    items = list(value)
    if len(items) > MAX_TARGETS:
        raise LimitExceededError(field, len(items), MAX_TARGETS)
    seen: set[tuple[Kpi, str]] = set()
    for index, item in enumerate(items):
        check_type(f"{field}[{index}]", item, KpiResult)
        key = (item.kpi, item.statistic)
        if key in seen:
            raise InvalidInputError(
                f"{field}[{index}]",
                item.kpi.value,
                f"repeats {item.kpi.value} {item.statistic}".rstrip(),
            )
        seen.add(key)
    return items


def kpi_report(
    targets: Iterable[KpiTarget],
    observations: Iterable[KpiResult],
    /,
    *,
    period: ReportingPeriod,
    previous: Iterable[KpiResult] | None = None,
    cadence: Cadence | None = None,
) -> KpiReport:
    """Judge a period's KPIs against their targets and against the previous period.

    Observations are matched to targets by KPI and statistic. A target
    without an observation, or with a result that had not enough data, is
    reported as ``not_enough_data``; observations without a target are kept
    in ``untracked``.

    Args:
        targets: The [KpiTarget][accountplan.kpi.KpiTarget]s, at most one per
            KPI and statistic.
        observations: This period's [KpiResult][accountplan.kpi.KpiResult]s.
        period: The [ReportingPeriod][accountplan.kpi.ReportingPeriod] reported on.
        previous: The previous period's results, for the change column.
        cadence: The reporting cadence; when given, ``period`` must be one
            cadence long and the report names the next period.

    Returns:
        The [KpiReport][accountplan.kpi.KpiReport].

    Raises:
        InvalidTypeError: an item of the wrong type.
        InvalidInputError: a repeated target or observation, an unknown
            cadence, or a period that is not one cadence long.
        LimitExceededError: more than ``MAX_TARGETS`` targets or observations.

    Examples:
        >>> import datetime as dt
        >>> march = ReportingPeriod(start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 1))
        >>> target = KpiTarget(kpi="churn_rate", direction="at_most", threshold=2, warning=3)
        >>> report = kpi_report([target], [churn_rate(start=400, lost=10)], period=march,
        ...                     previous=[churn_rate(start=380, lost=6)], cadence="monthly")
        >>> row = report.rows[0]
        >>> row.value, row.status.value, row.previous, row.change, row.improved
        (Decimal('2.50'), 'warning', Decimal('1.58'), Decimal('0.92'), False)
    """
    check_type("period", period, ReportingPeriod)
    raw: Any = targets
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError("targets", targets, "must be a sequence of KpiTarget")
    wanted = list(raw)
    if len(wanted) > MAX_TARGETS:
        raise LimitExceededError("targets", len(wanted), MAX_TARGETS)
    keys: set[tuple[Kpi, str]] = set()
    for index, target in enumerate(wanted):
        check_type(f"targets[{index}]", target, KpiTarget)
        key = (target.kpi, target.statistic)
        if key in keys:
            raise InvalidInputError(
                f"targets[{index}]", target.kpi.value, "repeats a target for the same KPI"
            )
        keys.add(key)
    current = {(r.kpi, r.statistic): r for r in _results("observations", observations)}
    before = (
        {}
        if previous is None
        else {(r.kpi, r.statistic): r for r in _results("previous", previous)}
    )
    next_period: ReportingPeriod | None = None
    if cadence is not None:
        _choice("cadence", cadence, CADENCES)
        expected = reporting_periods(cadence, start=period.start, count=2)
        if expected[0] != period:
            raise InvalidInputError(
                "period",
                period,
                f"must be one {cadence} period long (from {period.start.isoformat()} "
                f"to {expected[0].end.isoformat()})",
            )
        next_period = expected[1]
    rows: list[KpiRow] = []
    for target in wanted:
        key = (target.kpi, target.statistic)
        result = current.get(key)
        value = None if result is None else result.value
        old = before.get(key)
        previous_value = None if old is None else old.value
        change = (
            None
            if value is None or previous_value is None
            else CONTEXT.subtract(value, previous_value)
        )
        improved = None
        if change is not None:
            improved = change > 0 if target.direction == "at_least" else change < 0
        rows.append(
            KpiRow(
                target=target,
                result=result,
                status=target.status(value),
                previous=previous_value,
                change=change,
                improved=improved,
            )
        )
    untracked = tuple(r for k, r in current.items() if k not in keys)
    return KpiReport(
        period=period,
        reported_on=period.end,
        next_period=next_period,
        rows=tuple(rows),
        untracked=untracked,
    )
