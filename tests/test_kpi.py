"""KPIs: textbook worked examples, not-enough-data results, targets and reports."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import itertools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.exceptions import (
    AccountPlanError,
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.i18n import label
from accountplan.kpi import (
    MAX_PERIODS,
    Kpi,
    KpiReport,
    KpiResult,
    KpiStatus,
    KpiTarget,
    ReportingPeriod,
    ResponseTimeStats,
    churn_rate,
    csat_score,
    dso,
    kpi_report,
    net_revenue_retention,
    nps,
    reporting_periods,
    response_time,
    response_time_stats,
    retention_rate,
    revenue_churn,
    revenue_growth,
)
from accountplan.money import Money
from accountplan.serialization import from_json, to_json
from accountplan.sla import CSAT_FIVE_BEST, CSAT_ONE_BEST, SlaMeasurement, csat
from accountplan.tickets import Priority


def loose(value: object) -> Any:
    """Pass a deliberately wrong value past the type checker."""
    return value


def eur(amount: int | str) -> Money:
    return Money(amount=amount, currency="EUR")


JUNE = ReportingPeriod(start=dt.date(2026, 6, 1), end=dt.date(2026, 7, 1))


class TestWorkedExamples:
    """Each expected value is worked out by hand in the comment, from the cited definition."""

    def test_churn_rate(self) -> None:
        # Churn = customers lost / customers at start x 100 (HubSpot, "customer churn rate").
        # 10 of 200 customers leave: 10 / 200 = 0.05 = 5 %.
        assert Decimal("5.00") == churn_rate(start=200, lost=10).value
        # 3 of 7: 42.857142... % -> 42.86 (2 places, half-even).
        assert Decimal("42.86") == churn_rate(start=7, lost=3).value

    def test_retention_rate(self) -> None:
        # CRR = ((E - N) / S) x 100, E = customers at the end, N = new customers,
        # S = customers at the start (as published, e.g. exprimere.net "Retention rate"):
        # S = 100, N = 20, E = 90:
        # (90 - 20) / 100 = 70 %.
        result = retention_rate(start=100, end=90, new=20)
        assert Decimal("70.00") == result.value
        assert {"start": 100, "end": 90, "new": 20} == dict(result.inputs)

    def test_revenue_churn(self) -> None:
        # Gross MRR churn = (churned + contraction) / MRR at start (ChartMogul):
        # (3,000 + 2,000) / 100,000 = 5 %.
        result = revenue_churn(eur(100_000), churned=eur(3_000), contraction=eur(2_000))
        assert (Decimal("5.00"), "EUR") == (result.value, result.currency)

    def test_net_revenue_retention(self) -> None:
        # NRR = (start + expansion - contraction - churn) / start (ChartMogul):
        # (100,000 + 15,000 - 2,000 - 3,000) / 100,000 = 110,000 / 100,000 = 110 %.
        result = net_revenue_retention(
            eur(100_000), expansion=eur(15_000), contraction=eur(2_000), churned=eur(3_000)
        )
        assert Decimal("110.00") == result.value

    def test_revenue_growth(self) -> None:
        # Growth = (current - previous) / previous: (92,000 - 80,000) / 80,000 = 15 %;
        # a fall from 80,000 to 60,000 is -25 %.
        assert Decimal("15.00") == revenue_growth(eur(80_000), current=eur(92_000)).value
        assert Decimal("-25.00") == revenue_growth(eur(80_000), current=eur(60_000)).value

    def test_nps(self) -> None:
        # NPS = % promoters (9-10) - % detractors (0-6) (Reichheld, HBR 2003; Bain):
        # 70 promoters, 20 passives, 10 detractors of 100: 70 - 10 = 60.
        result = nps([10] * 40 + [9] * 30 + [8] * 12 + [7] * 8 + [6] * 5 + [0] * 5)
        assert Decimal("60.00") == result.value
        assert (100, 70, 20, 10) == tuple(
            int(result.inputs[k]) for k in ("responses", "promoters", "passives", "detractors")
        )
        # Published example (DELA annual report 2018, glossary "Net Promotor Score"):
        # 30 % promoters and 20 % detractors give +10.
        assert Decimal("10.00") == nps([9] * 3 + [7] * 5 + [0] * 2).value
        # All detractors: -100; 1 promoter and 2 detractors of 3: -33.33.
        assert Decimal("-100.00") == nps([0, 6]).value
        assert Decimal("-33.33") == nps([9, 1, 2]).value

    def test_csat(self) -> None:
        # CSAT = satisfied (4 or 5 on a 1-5 scale) / responses x 100 (Qualtrics):
        # 40 of 50 answers are 4 or 5: 80 %.
        answers = [5] * 25 + [4] * 15 + [3] * 6 + [2] * 3 + [1]
        assert Decimal("80.00") == csat_score(answers, scale=CSAT_FIVE_BEST).value
        # The seed process's reversed scale (1 = very satisfied): 1 and 2 count. 2 of 3.
        result = csat_score([1, 2, 5], scale=CSAT_ONE_BEST)
        assert Decimal("66.67") == result.value
        assert Decimal(1) == result.inputs["best"]

    def test_csat_from_a_csat_result(self) -> None:
        """A summary from sla.csat gives the same score as the raw answers."""
        summary = csat([5, 4, 1, 1], scale=CSAT_FIVE_BEST)
        assert csat_score(summary) == csat_score([5, 4, 1, 1], scale=CSAT_FIVE_BEST)
        with pytest.raises(InvalidInputError, match="must be None"):
            csat_score(summary, scale=CSAT_FIVE_BEST)
        with pytest.raises(InvalidInputError, match="required"):
            csat_score([5])

    def test_dso(self) -> None:
        # DSO = receivables / credit sales x days (Investopedia, "Days Sales Outstanding"):
        # 50,000 / 100,000 x 30 days = 15 days. 70,000 / 210,000 x 90 = 30 days.
        assert Decimal("15.00") == dso(eur(50_000), credit_sales=eur(100_000), period=JUNE).value
        q1 = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
        assert Decimal("30.00") == dso(eur(70_000), credit_sales=eur(210_000), period=q1).value
        # Published worked example (bit1024.com "DSO Calculator"): receivables 50,000,
        # credit sales 200,000 over 365 days: 50,000 / 200,000 x 365 = 91.25 days.
        year = ReportingPeriod(start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1))
        assert Decimal("91.25") == dso(eur(50_000), credit_sales=eur(200_000), period=year).value


@pytest.mark.parametrize(
    "measure",
    [
        lambda churned, contraction: revenue_churn(
            eur(100), churned=churned, contraction=contraction
        ),
        lambda churned, contraction: net_revenue_retention(
            eur(100), expansion=eur(0), churned=churned, contraction=contraction
        ),
    ],
    ids=["revenue_churn", "net_revenue_retention"],
)
def test_revenue_lost_cannot_exceed_the_start(measure: Any) -> None:
    """Both revenue KPIs refuse more churned plus contraction revenue than there was, alike."""
    assert measure(eur(60), eur(40)).value is not None
    with pytest.raises(InvalidInputError) as caught:
        measure(eur(60), eur("40.01"))
    assert "churned" == caught.value.field
    assert "plus contraction exceeds start_revenue=100" in str(caught.value)


class TestNotEnoughData:
    @pytest.mark.parametrize(
        ("result", "reason"),
        [
            (churn_rate(start=0, lost=0), "no customers at the start of the period"),
            (retention_rate(start=0, end=5, new=5), "no customers at the start of the period"),
            (
                revenue_churn(eur(0), churned=eur(0), contraction=eur(0)),
                "no revenue at the start of the period",
            ),
            (
                net_revenue_retention(
                    eur(0), expansion=eur(10), contraction=eur(0), churned=eur(0)
                ),
                "no revenue at the start of the period",
            ),
            (revenue_growth(eur(0), current=eur(100)), "no revenue in the previous period"),
            (nps([]), "no survey answers"),
            (csat_score([], scale=CSAT_FIVE_BEST), "no survey answers"),
            (dso(eur(500), credit_sales=eur(0), period=JUNE), "no credit sales in the period"),
            (
                response_time([], metric="first_response"),
                "no stopped first_response measurements",
            ),
        ],
        ids=lambda v: v.kpi.value if isinstance(v, KpiResult) else "",
    )
    def test_zero_denominator_gives_no_value_and_keeps_inputs(
        self, result: KpiResult, reason: str
    ) -> None:
        """No exception and no fake 0: the value is None, the reason says why, inputs stay."""
        assert result.value is None
        assert not result.enough_data
        assert reason == result.reason
        assert result.inputs

    def test_inputs_carry_what_was_given(self) -> None:
        """The not-enough-data DSO still shows the receivables it was given."""
        result = dso(eur("500.25"), credit_sales=eur(0), period=JUNE)
        assert {"receivables": Decimal("500.25"), "credit_sales": 0, "days": 30} == dict(
            result.inputs
        )


class TestBadInput:
    def test_counts(self) -> None:
        """Counts are non-negative ints and consistent."""
        with pytest.raises(InvalidInputError, match="must not exceed start=5"):
            churn_rate(start=5, lost=6)
        with pytest.raises(InvalidInputError, match="zero or more"):
            churn_rate(start=-1, lost=0)
        with pytest.raises(InvalidTypeError):
            churn_rate(start=5.0, lost=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            churn_rate(start=True, lost=0)
        with pytest.raises(InvalidInputError, match="must not exceed end=3"):
            retention_rate(start=10, end=3, new=4)
        with pytest.raises(InvalidInputError, match="more customers"):
            retention_rate(start=10, end=30, new=5)

    def test_amounts(self) -> None:
        """Amounts are Money of one currency, never negative, never more lost than held."""
        with pytest.raises(CurrencyMismatchError):
            revenue_growth(eur(1), current=Money(amount=1, currency="USD"))
        with pytest.raises(InvalidInputError, match="must not be negative"):
            revenue_growth(eur(-1), current=eur(1))
        with pytest.raises(InvalidTypeError):
            revenue_growth(Decimal(1), current=eur(1))  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="exceeds start_revenue"):
            revenue_churn(eur(10), churned=eur(6), contraction=eur(5))
        with pytest.raises(InvalidInputError, match="exceeds start_revenue"):
            net_revenue_retention(eur(10), expansion=eur(0), contraction=eur(6), churned=eur(5))

    def test_scores(self) -> None:
        """NPS answers are integers from 0 to 10."""
        with pytest.raises(InvalidInputError, match=r"scores\[1\]"):
            nps([10, 11])
        with pytest.raises(InvalidInputError):
            nps([True])
        with pytest.raises(InvalidTypeError):
            nps("910")  # type: ignore[arg-type]

    def test_results_are_consistent(self) -> None:
        """A result has a value or a reason, and a statistic only for time KPIs."""
        with pytest.raises(InvalidInputError, match="exactly when"):
            KpiResult(kpi="nps", value=None, inputs={})
        with pytest.raises(InvalidInputError, match="exactly when"):
            KpiResult(kpi="nps", value=1, inputs={}, reason="why")
        with pytest.raises(InvalidInputError, match="only time KPIs"):
            KpiResult(kpi="nps", value=1, inputs={}, statistic="mean")
        with pytest.raises(InvalidInputError, match="'p1' to 'p100'"):
            KpiResult(kpi="resolution_time", value=1, inputs={}, statistic="p0")
        with pytest.raises(InvalidInputError, match="must be one of 'churn_rate'"):
            KpiResult(kpi="churn", value=1, inputs={})
        with pytest.raises(InvalidTypeError, match="float"):
            KpiResult(kpi="nps", value=1.5, inputs={})


def measurement(
    minutes: int, *, metric: str = "first_response", state: str = "met"
) -> SlaMeasurement:
    start = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    elapsed = dt.timedelta(minutes=minutes)
    stopped = state in ("met", "breached", "cancelled")
    return SlaMeasurement(
        ticket_id=f"T-{minutes}",
        account_number="A-1",
        channel="email",
        policy="P",
        metric=metric,  # type: ignore[arg-type]
        cycle=1,
        priority=Priority.HIGH,
        target=dt.timedelta(hours=1),
        business_hours=False,
        start=start,
        stop=start + elapsed if stopped else None,
        as_of=start + elapsed,
        deadline=start + dt.timedelta(hours=1),
        elapsed=elapsed,
        paused=dt.timedelta(0),
        outside_hours=dt.timedelta(0),
        state=state,
        remaining=dt.timedelta(hours=1) - elapsed,
    )


class TestResponseTimes:
    MEASUREMENTS = (
        measurement(10),
        measurement(40, state="breached"),
        measurement(20),
        measurement(30),
        measurement(5, state="running"),
        measurement(7, state="cancelled"),
        measurement(500, metric="resolution"),
    )

    def test_statistics_by_hand(self) -> None:
        """First responses of 10, 20, 30 and 40 minutes (running and cancelled left out)."""
        stats = response_time_stats(
            self.MEASUREMENTS, metric="first_response", percentiles=(50, 90)
        )
        # mean (10 + 20 + 30 + 40) / 4 = 25 min; median (20 + 30) / 2 = 25 min;
        # nearest rank: p50 = ceil(0.5 x 4) = 2nd = 20 min, p90 = ceil(3.6) = 4th = 40 min.
        minutes = dt.timedelta(minutes=1)
        assert (4, 2) == (stats.count, stats.excluded)
        assert (25 * minutes, 25 * minutes) == (stats.mean, stats.median)
        assert ((50, 20 * minutes), (90, 40 * minutes)) == stats.percentiles

    def test_kpi_in_seconds(self) -> None:
        """The KPI value is in seconds; the statistic is part of the result."""
        assert (
            Decimal("1500.000000")
            == response_time(self.MEASUREMENTS, metric="first_response").value
        )
        p90 = response_time(self.MEASUREMENTS, metric="first_response", statistic="p90")
        assert (Decimal("2400.000000"), "p90") == (p90.value, p90.statistic)
        median = response_time(self.MEASUREMENTS, metric="resolution", statistic="median")
        assert (Kpi.RESOLUTION_TIME, Decimal("30000.000000")) == (median.kpi, median.value)

    def test_odd_microseconds_round_half_even(self) -> None:
        """A median between 1 and 2 microseconds is 2 microseconds (half-even)."""
        base = measurement(0)
        items = [
            attrs.evolve(base, elapsed=dt.timedelta(microseconds=1)),
            attrs.evolve(base, elapsed=dt.timedelta(microseconds=2)),
        ]
        stats = response_time_stats(items, metric="first_response")
        assert dt.timedelta(microseconds=2) == stats.median == stats.mean

    def test_bad_arguments(self) -> None:
        """Unknown metrics, statistics and percentiles are refused."""
        with pytest.raises(InvalidInputError, match="first_response, resolution"):
            response_time_stats([], metric="next_response")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="from 1 to 100"):
            response_time_stats([], metric="resolution", percentiles=(0,))
        with pytest.raises(InvalidInputError, match="mean"):
            response_time([], metric="resolution", statistic="average")
        with pytest.raises(InvalidTypeError, match=r"measurements\[0\]"):
            response_time_stats(["x"], metric="resolution")  # type: ignore[list-item]


class TestTargets:
    def test_status_boundaries(self) -> None:
        """On the threshold is on target; on the warning bound is a warning."""
        up = KpiTarget(kpi="csat", direction="at_least", threshold=80, warning=70)
        down = KpiTarget(kpi="dso", direction="at_most", threshold=30, warning=45)
        assert [
            KpiStatus.ON_TARGET,
            KpiStatus.WARNING,
            KpiStatus.WARNING,
            KpiStatus.OFF_TARGET,
        ] == [up.status(Decimal(v)) for v in ("80", "79.99", "70", "69.99")]
        assert [KpiStatus.ON_TARGET, KpiStatus.WARNING, KpiStatus.OFF_TARGET] == [
            down.status(Decimal(v)) for v in ("30", "45", "45.01")
        ]
        assert KpiStatus.NOT_ENOUGH_DATA == up.status(None)
        plain = KpiTarget(kpi="nps", direction="at_least", threshold=0)
        assert KpiStatus.OFF_TARGET == plain.status(Decimal("-0.01"))

    def test_bad_targets(self) -> None:
        """Warnings sit on the worse side; time KPIs name their statistic; no floats."""
        with pytest.raises(InvalidInputError, match="below threshold"):
            KpiTarget(kpi="csat", direction="at_least", threshold=80, warning=85)
        with pytest.raises(InvalidInputError, match="above threshold"):
            KpiTarget(kpi="dso", direction="at_most", threshold=30, warning=30)
        with pytest.raises(InvalidInputError, match="'p1' to 'p100'"):
            KpiTarget(kpi="first_response_time", direction="at_most", threshold=3600)
        with pytest.raises(InvalidInputError, match="at_least, at_most"):
            KpiTarget(kpi="csat", direction="up", threshold=80)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="float"):
            KpiTarget(kpi="csat", direction="at_least", threshold=80.5)

    @pytest.mark.parametrize("locale", ["en", "nl", "de", "fr"])
    def test_labels(self, locale: str) -> None:
        """KPIs and statuses have labels in every shipped locale."""
        assert label(Kpi.DSO, locale=locale)
        assert label(KpiStatus.NOT_ENOUGH_DATA, locale=locale)


class TestReport:
    TARGETS = (
        KpiTarget(kpi="churn_rate", direction="at_most", threshold=2, warning=3),
        KpiTarget(kpi="csat", direction="at_least", threshold=80),
        KpiTarget(kpi="nps", direction="at_least", threshold=30),
        KpiTarget(kpi="first_response_time", direction="at_most", threshold=3600, statistic="p90"),
    )

    def report(self) -> KpiReport:
        return kpi_report(
            self.TARGETS,
            [
                churn_rate(start=400, lost=6),
                csat_score([], scale=CSAT_FIVE_BEST),
                nps([10, 10, 9, 3]),
                retention_rate(start=400, end=420, new=26),
            ],
            period=JUNE,
            previous=[churn_rate(start=380, lost=10), nps([10, 3])],
            cadence="monthly",
        )

    def test_rows(self) -> None:
        """Each target gets its value, status, previous value and change."""
        report = self.report()
        churn, csat_row, nps_row, response = report.rows
        # churn 6 / 400 = 1.5 % (on target); before 10 / 380 = 2.63 %; change -1.13 points.
        assert (Decimal("1.50"), KpiStatus.ON_TARGET) == (churn.value, churn.status)
        assert (Decimal("2.63"), Decimal("-1.13"), True) == (
            churn.previous,
            churn.change,
            churn.improved,
        )
        assert (None, KpiStatus.NOT_ENOUGH_DATA, None) == (
            csat_row.value,
            csat_row.status,
            csat_row.change,
        )
        # NPS (3 promoters - 1 detractor) / 4 = 50; before (1 - 1) / 2 = 0.
        assert (Decimal("50.00"), Decimal("50.00"), True) == (
            nps_row.value,
            nps_row.change,
            nps_row.improved,
        )
        assert (None, KpiStatus.NOT_ENOUGH_DATA) == (response.result, response.status)

    def test_untracked_and_dates(self) -> None:
        """Observations without a target are kept; the report is due the day after the period."""
        report = self.report()
        assert [Kpi.RETENTION_RATE] == [r.kpi for r in report.untracked]
        assert dt.date(2026, 7, 1) == report.reported_on
        assert (
            ReportingPeriod(start=dt.date(2026, 7, 1), end=dt.date(2026, 8, 1))
            == report.next_period
        )

    def test_records_html_and_json(self) -> None:
        """Plain rows, a notebook table and an exact JSON round trip."""
        report = self.report()
        records = report.to_records()
        assert "no observation" == records[3]["reason"]
        assert "not_enough_data" == records[1]["status"]
        assert "<table>" in report._repr_html_()
        assert report == from_json(to_json(report), KpiReport)

    def test_bad_reports(self) -> None:
        """Repeated targets or observations and a period off the cadence are refused."""
        with pytest.raises(InvalidInputError, match="repeats a target"):
            kpi_report(self.TARGETS[:1] * 2, [], period=JUNE)
        with pytest.raises(InvalidInputError, match="repeats churn_rate"):
            kpi_report([], [churn_rate(start=1, lost=0)] * 2, period=JUNE)
        with pytest.raises(InvalidInputError, match="one quarterly period long"):
            kpi_report([], [], period=JUNE, cadence="quarterly")
        with pytest.raises(InvalidTypeError, match="period"):
            kpi_report([], [], period=(JUNE.start, JUNE.end))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"observations\[0\]"):
            kpi_report([], [Decimal(1)], period=JUNE)  # type: ignore[list-item]
        with pytest.raises(LimitExceededError):
            kpi_report([], [churn_rate(start=1, lost=0)] * 1001, period=JUNE)


class TestReportingPeriods:
    def test_month_ends_from_the_anchor(self) -> None:
        """From the 31st: Feb 28, Mar 31, Apr 30 (computed from the anchor, never chained)."""
        periods = reporting_periods("monthly", start=dt.date(2026, 1, 31), count=4)
        assert ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"] == [
            p.end.isoformat() for p in periods
        ]
        assert all(a.end == b.start for a, b in itertools.pairwise(periods))

    def test_until(self) -> None:
        """Quarters starting before the end of the year: four."""
        periods = reporting_periods(
            "quarterly", start=dt.date(2026, 1, 1), until=dt.date(2027, 1, 1)
        )
        assert [dt.date(2026, m, 1) for m in (1, 4, 7, 10)] == [p.start for p in periods]
        assert 2 == len(
            reporting_periods("annual", start=dt.date(2026, 1, 1), until=dt.date(2027, 1, 2))
        )

    def test_bounded(self) -> None:
        """An end or a count is required, and both are bounded."""
        with pytest.raises(InvalidInputError, match="exactly one"):
            reporting_periods("monthly", start=dt.date(2026, 1, 1))
        with pytest.raises(LimitExceededError):
            reporting_periods("monthly", start=dt.date(2026, 1, 1), count=601)
        with pytest.raises(LimitExceededError):
            reporting_periods("monthly", start=dt.date(2026, 1, 1), until=dt.date(2100, 1, 1))
        with pytest.raises(LimitExceededError, match="9999"):
            reporting_periods("annual", start=dt.date(9990, 1, 1), count=20)
        with pytest.raises(InvalidInputError, match="monthly, quarterly"):
            reporting_periods("weekly", start=dt.date(2026, 1, 1), count=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="after start"):
            ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1))
        with pytest.raises(InvalidTypeError, match="must be a date"):
            ReportingPeriod(start=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), end=dt.date(2026, 2, 1))


class TestProperties:
    @given(st.lists(st.integers(0, 10), max_size=200))
    def test_nps_is_bounded_and_matches_an_exact_oracle(self, scores: list[int]) -> None:
        """NPS lies in [-100, 100] and equals (P - D) x 100 / N rounded to 2 places."""
        result = nps(scores)
        if not scores:
            assert result.value is None
            return
        assert result.value is not None
        assert Decimal(-100) <= result.value <= Decimal(100)
        promoters = sum(s >= 9 for s in scores)
        detractors = sum(s <= 6 for s in scores)
        exact = Fraction(promoters - detractors, len(scores)) * 100
        assert abs(Fraction(result.value) - exact) <= Fraction(1, 200)

    @given(st.integers(1, 10**6).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
    def test_retention_without_new_customers_is_100_minus_churn(
        self, counts: tuple[int, int]
    ) -> None:
        """With no new customers, retention and churn add up to exactly 100 %."""
        start, lost = counts
        churn = churn_rate(start=start, lost=lost).value
        kept = retention_rate(start=start, end=start - lost, new=0).value
        assert churn is not None
        assert kept is not None
        assert Decimal(100) == churn + kept

    def test_the_ambient_decimal_context_changes_nothing(self) -> None:
        """A caller's precision of 3 digits does not round KPI values."""
        with decimal.localcontext() as ctx:
            ctx.prec = 3
            value = churn_rate(start=7, lost=3).value
            growth = revenue_growth(eur("300000.00"), current=eur("400000.01")).value
        assert Decimal("42.86") == value
        # 100,000.01 / 300,000 x 100 = 33.3333366...% -> 33.33
        assert Decimal("33.33") == growth


class TestFuzz:
    @pytest.mark.parametrize(
        ("call", "error", "field"),
        [
            (lambda: KpiResult(kpi=Kpi.NPS, value=1, inputs=[1]), InvalidTypeError, "inputs"),
            (lambda: KpiResult(kpi=3, value=1, inputs={}), InvalidTypeError, "kpi"),
            (
                lambda: reporting_periods("monthly", start=loose("2026-01-01"), count=1),
                InvalidTypeError,
                "start",
            ),
            (
                lambda: reporting_periods("monthly", start=dt.date(2026, 1, 1), count=0),
                InvalidInputError,
                "count",
            ),
            (
                lambda: reporting_periods(
                    "monthly", start=dt.date(2026, 1, 1), until=loose("2027")
                ),
                InvalidTypeError,
                "until",
            ),
            (
                lambda: reporting_periods(
                    "monthly", start=dt.date(2026, 1, 1), until=dt.date(2025, 1, 1)
                ),
                InvalidInputError,
                "until",
            ),
            (
                lambda: reporting_periods(
                    "monthly", start=dt.date(2026, 1, 1), until=dt.date(2076, 1, 2)
                ),
                LimitExceededError,
                "until",
            ),
            (
                lambda: ResponseTimeStats(
                    metric="resolution",
                    count=0,
                    excluded=0,
                    mean=None,
                    median=None,
                    percentiles=5,
                ),
                InvalidTypeError,
                "percentiles",
            ),
            (
                lambda: ResponseTimeStats(
                    metric="resolution",
                    count=0,
                    excluded=0,
                    mean=None,
                    median=None,
                    percentiles=[(1, 2, 3)],
                ),
                InvalidTypeError,
                "percentiles[0]",
            ),
            (
                lambda: response_time_stats([], metric="resolution", percentiles=loose(5)),
                InvalidTypeError,
                "percentiles",
            ),
            (
                lambda: response_time_stats([], metric="resolution", percentiles=range(1, 102)),
                LimitExceededError,
                "percentiles",
            ),
            (
                lambda: response_time_stats(loose(5), metric="resolution"),
                InvalidTypeError,
                "measurements",
            ),
            (lambda: kpi_report([], loose(5), period=JUNE), InvalidTypeError, "observations"),
            (lambda: kpi_report(loose(5), [], period=JUNE), InvalidTypeError, "targets"),
            (
                lambda: kpi_report(
                    [KpiTarget(kpi="nps", direction="at_least", threshold=1)] * 1001,
                    [],
                    period=JUNE,
                ),
                LimitExceededError,
                "targets",
            ),
        ],
    )
    def test_bad_input_names_the_field(self, call: Any, error: type[Exception], field: str) -> None:
        """Each refusal is a documented error that names the field."""
        with pytest.raises(error) as info:
            call()
        assert field == info.value.field  # type: ignore[attr-defined]

    def test_exactly_max_periods_is_allowed(self) -> None:
        """600 monthly periods are fine; the 601st is refused before any work."""
        start = dt.date(2026, 1, 1)
        assert MAX_PERIODS == len(
            reporting_periods("monthly", start=start, until=dt.date(2076, 1, 1))
        )
        with pytest.raises(LimitExceededError):
            reporting_periods("monthly", start=start, until=dt.date(2076, 1, 2))

    @given(
        st.one_of(
            st.none(),
            st.integers(),
            st.text(max_size=5),
            st.floats(),
            st.lists(st.integers(-5, 15)),
        )
    )
    def test_arbitrary_scores_raise_only_documented_errors(self, value: Any) -> None:
        """NPS and CSAT accept or refuse any value with an AccountPlanError, nothing else."""
        with contextlib.suppress(AccountPlanError):
            nps(value)
        with contextlib.suppress(AccountPlanError):
            csat_score(value, scale=CSAT_FIVE_BEST)

    def test_to_pandas(self) -> None:
        """The report's rows become a DataFrame with the documented columns."""
        pytest.importorskip("pandas")
        report = kpi_report(
            [KpiTarget(kpi="nps", direction="at_least", threshold=1)], [nps([10])], period=JUNE
        )
        frame = report.to_pandas()
        assert ["kpi", "statistic", "unit", "value", "status"] == list(frame.columns)[:5]
        assert 1 == len(frame)
