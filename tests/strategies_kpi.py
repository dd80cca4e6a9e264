"""Hypothesis strategies for the KPI models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from accountplan.kpi import (
    Direction,
    Kpi,
    KpiReport,
    KpiResult,
    KpiRow,
    KpiTarget,
    ReportingPeriod,
    ResponseTimeStats,
    churn_rate,
    kpi_report,
    nps,
    reporting_periods,
    retention_rate,
)

__all__ = ["MODEL_STRATEGIES", "kpi_results", "periods", "targets"]

counts = st.integers(min_value=0, max_value=10_000)


@st.composite
def _churn(draw: st.DrawFn) -> KpiResult:
    start = draw(counts)
    return churn_rate(start=start, lost=draw(st.integers(0, start)))


@st.composite
def _retention(draw: st.DrawFn) -> KpiResult:
    start = draw(counts)
    kept = draw(st.integers(0, start))
    new = draw(counts)
    return retention_rate(start=start, end=kept + new, new=new)


kpi_results = st.one_of(
    _churn(),
    _retention(),
    st.lists(st.integers(0, 10), max_size=30).map(nps),
    st.builds(
        KpiResult,
        kpi=st.sampled_from([Kpi.FIRST_RESPONSE_TIME, Kpi.RESOLUTION_TIME]),
        value=st.decimals(min_value=0, max_value=10**7, places=6),
        inputs=st.just({"measurements": 3, "excluded": 0}),
        statistic=st.sampled_from(["mean", "median", "p90"]),
    ),
    st.builds(
        KpiResult,
        kpi=st.just(Kpi.DSO),
        value=st.none(),
        inputs=st.just({"receivables": 0, "credit_sales": 0, "days": 30}),
        currency=st.just("EUR"),
        reason=st.just("no credit sales in the period"),
    ),
)

periods = st.builds(
    lambda start, months, cadence: reporting_periods(cadence, start=start, count=months)[-1],
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.integers(1, 4),
    st.sampled_from(["monthly", "quarterly", "semiannual", "annual"]),
)


@st.composite
def targets(draw: st.DrawFn) -> KpiTarget:
    kpi = draw(st.sampled_from(list(Kpi)))
    direction: Direction = draw(st.sampled_from(["at_least", "at_most"]))
    threshold = draw(st.decimals(min_value=-100, max_value=1000, places=2))
    warning = draw(st.none() | st.decimals(min_value=1, max_value=50, places=2))
    if warning is not None:
        warning = threshold - warning if direction == "at_least" else threshold + warning
    statistic = draw(st.sampled_from(["mean", "median", "p95"])) if kpi.is_time else ""
    return KpiTarget(
        kpi=kpi, direction=direction, threshold=threshold, warning=warning, statistic=statistic
    )


@st.composite
def reports(draw: st.DrawFn) -> KpiReport:
    observed = draw(st.lists(kpi_results, max_size=4, unique_by=lambda r: (r.kpi, r.statistic)))
    before = draw(st.lists(kpi_results, max_size=4, unique_by=lambda r: (r.kpi, r.statistic)))
    goals = draw(st.lists(targets(), max_size=4, unique_by=lambda t: (t.kpi, t.statistic)))
    goals += [
        KpiTarget(kpi=r.kpi, direction="at_least", threshold=10, statistic=r.statistic)
        for r in observed[:2]
        if all((t.kpi, t.statistic) != (r.kpi, r.statistic) for t in goals)
    ]
    return kpi_report(goals, observed, period=draw(periods), previous=before)


rows = reports().filter(lambda r: bool(r.rows)).map(lambda r: r.rows[0])
stats = st.builds(
    ResponseTimeStats,
    metric=st.sampled_from(["first_response", "resolution"]),
    count=counts,
    excluded=counts,
    mean=st.none() | st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30)),
    median=st.none() | st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30)),
    percentiles=st.lists(
        st.tuples(
            st.integers(1, 100),
            st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30)),
        ),
        max_size=3,
    ).map(tuple),
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    KpiResult: kpi_results,
    KpiTarget: targets(),
    ReportingPeriod: periods,
    KpiReport: reports(),
    KpiRow: rows,
    ResponseTimeStats: stats,
}
