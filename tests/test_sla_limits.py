"""Limits, ordering and precision of the sla package.

Regression tests for: raw ``OverflowError``/``ValueError`` near the date
limits, raw ``IndexError`` from ``percentile``, alphabetical compliance
groups, and percentages that depended on 60-digit quotients.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import AccountPlanError, InvalidInputError, LimitExceededError
from accountplan.money import Money
from accountplan.serialization import from_json
from accountplan.sla import (
    CSAT_FIVE_BEST,
    CSAT_ONE_BEST,
    HORIZON_END,
    HORIZON_START,
    PERCENT_PLACES,
    CreditTier,
    CsatScale,
    SlaMeasurement,
    SlaPolicy,
    SlaTarget,
    availability_report,
    compliance,
    csat,
    downtime,
    evaluate,
    evaluate_many,
    merge_intervals,
    percentile,
    service_credit,
    uptime,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

UTC = dt.UTC
HOUR = dt.timedelta(hours=1)
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
#: The instant from the report, as it arrives from JSON.
JSON_MAX = "9999-12-31T23:59:59-23:59"
EXTREMES = [
    dt.datetime.max.replace(tzinfo=UTC),
    dt.datetime.min.replace(tzinfo=UTC),
    dt.datetime.fromisoformat(JSON_MAX),
    dt.datetime.fromisoformat("0001-01-01T00:00:00+23:59"),
    dt.datetime(1970, 1, 1, 12, tzinfo=UTC),
    dt.datetime(2199, 12, 31, tzinfo=UTC),
]
HORIZON_TEXT = "1970-01-02T00:00:00+00:00 up to 2199-12-31T00:00:00+00:00 (excluded)"

REAL = SlaPolicy(
    name="real",
    targets_by_priority={
        p: [
            SlaTarget(metric="first_response", within=HOUR, business_hours=False),
            SlaTarget(metric="resolution", within=8 * HOUR, business_hours=False),
        ]
        for p in Priority
    },
)
BUSINESS = SlaPolicy(
    name="business",
    calendar=BusinessCalendar.weekly("Pacific/Kiritimati", hours={0: [("00:00", "23:00")]}),
    targets_by_priority={p: [SlaTarget(metric="first_response", within=HOUR)] for p in Priority},
)


def ticket(
    created: dt.datetime, *events: TicketEvent, priority: Priority = Priority.HIGH
) -> Ticket:
    return Ticket(
        id="T-1", account_number="A-1", priority=priority, created_at=created, events=events
    )


# -- 1. the date limits --------------------------------------------------------------


def test_horizon_constants() -> None:
    """The horizon is one day inside the calendars' horizon on both ends, in UTC."""
    assert dt.datetime(1970, 1, 2, tzinfo=UTC) == HORIZON_START
    assert dt.datetime(2199, 12, 31, tzinfo=UTC) == HORIZON_END


@pytest.mark.parametrize("moment", EXTREMES)
def test_evaluate_refuses_as_of_outside_the_horizon(moment: dt.datetime) -> None:
    """``as_of`` at datetime.max, year 1 or the JSON maximum: LimitExceededError naming as_of."""
    with pytest.raises(LimitExceededError) as caught:
        evaluate(ticket(T0), REAL, as_of=moment)
    assert "as_of" == caught.value.field
    assert moment == caught.value.value
    assert HORIZON_TEXT == caught.value.limit
    assert f"'as_of' is outside the supported horizon, {HORIZON_TEXT}" in str(caught.value)
    with pytest.raises(LimitExceededError, match="'as_of' is outside the supported horizon"):
        evaluate_many([ticket(T0)], REAL, as_of=moment)


@pytest.mark.parametrize("moment", EXTREMES)
@pytest.mark.parametrize("policy", [REAL, BUSINESS], ids=["real", "business"])
def test_evaluate_refuses_created_at_outside_the_horizon(
    moment: dt.datetime, policy: SlaPolicy
) -> None:
    """A ticket created outside the horizon is refused by name, not with OverflowError."""
    as_of = T0 if moment < T0 else min(moment, HORIZON_END - dt.timedelta(microseconds=1))
    with pytest.raises(LimitExceededError) as caught:
        evaluate(ticket(moment), policy, as_of=as_of)
    assert ("created_at", moment) == (caught.value.field, caught.value.value)
    found = evaluate_many([ticket(T0), ticket(moment)], policy, as_of=as_of)
    with pytest.raises(LimitExceededError, match="'created_at' is outside the supported"):
        list(found)


def test_ticket_from_json_at_the_maximum_is_refused_when_measured() -> None:
    """The reported case: a ticket loaded from JSON at 9999-12-31T23:59:59-23:59."""
    loaded = from_json(
        f'{{"id": "T-1", "account_number": "A", "priority": "high", "created_at": "{JSON_MAX}"}}',
        Ticket,
    )
    with pytest.raises(LimitExceededError, match="created_at"):
        evaluate(loaded, REAL, as_of=T0)


def test_horizon_edges_are_half_open() -> None:
    """HORIZON_START is accepted, HORIZON_END is not, one microsecond before it is."""
    us = dt.timedelta(microseconds=1)
    assert evaluate(ticket(HORIZON_START), REAL, as_of=HORIZON_START)
    assert evaluate(ticket(HORIZON_START), REAL, as_of=HORIZON_END - us)
    with pytest.raises(LimitExceededError):
        evaluate(ticket(HORIZON_START), REAL, as_of=HORIZON_END)
    with pytest.raises(LimitExceededError):
        evaluate(ticket(HORIZON_START - us), REAL, as_of=HORIZON_START)
    assert Decimal(100) == uptime((HORIZON_START, HORIZON_END - us), outages=[])
    with pytest.raises(LimitExceededError, match=r"'period\.end'"):
        uptime((HORIZON_START, HORIZON_END), outages=[])
    with pytest.raises(LimitExceededError, match=r"'period\.start'"):
        uptime((HORIZON_START - us, HORIZON_END - us), outages=[])


def test_events_after_as_of_are_ignored_whatever_their_date() -> None:
    """Events after ``as_of`` are not looked at, even at datetime.max."""
    late = TicketEvent(at=dt.datetime.max.replace(tzinfo=UTC), kind=TicketEventKind.AGENT_REPLY)
    found = evaluate(ticket(T0, late), REAL, as_of=T0 + HOUR / 2)
    assert ["running", "running"] == [m.state for m in found]


@pytest.mark.parametrize("moment", EXTREMES)
def test_availability_refuses_instants_outside_the_horizon(moment: dt.datetime) -> None:
    """Outage, maintenance and period bounds outside the horizon are refused by field."""
    inside = (T0, T0 + HOUR)
    low, high = (moment, T0) if moment < T0 else (T0, moment)
    field = "start" if moment < T0 else "end"
    with pytest.raises(LimitExceededError, match=f"'period.{field}'"):
        uptime((low, high), outages=[])
    with pytest.raises(LimitExceededError, match=f"'outages\\[1\\].{field}'"):
        uptime(inside, outages=[inside, (low, high)])
    with pytest.raises(LimitExceededError, match=f"'maintenance\\[0\\].{field}'"):
        downtime(inside, outages=[], maintenance=[(low, high)])
    with pytest.raises(LimitExceededError, match=f"'intervals\\[0\\].{field}'"):
        merge_intervals([(low, high)])
    with pytest.raises(LimitExceededError, match=f"'outages\\[0\\].{field}'"):
        availability_report(
            [(low, high)], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC"
        )


@pytest.mark.parametrize(
    ("first", "months", "field"),
    [
        (dt.date(9999, 12, 1), 1, "first_month"),
        (dt.date(9999, 12, 1), 2, "first_month"),
        (dt.date(1, 1, 1), 1, "first_month"),
        (dt.date(1970, 1, 1), 1, "first_month"),
        (dt.date(2199, 12, 1), 1, "months"),
        (dt.date(2199, 1, 1), 1200, "months"),
    ],
)
def test_availability_report_refuses_months_outside_the_horizon(
    first: dt.date, months: int, field: str
) -> None:
    """Months beyond year 9999 or before 1970 were a raw ValueError; now named."""
    with pytest.raises(LimitExceededError) as caught:
        availability_report([], first_month=first, months=months, timezone="Etc/GMT+12")
    assert field == caught.value.field
    assert "is outside the supported horizon" in str(caught.value)


def test_availability_report_inside_the_horizon() -> None:
    """The first and last whole months inside the horizon are reported."""
    first = availability_report([], first_month=dt.date(1970, 2, 1), months=1, timezone="UTC")
    last = availability_report([], first_month=dt.date(2199, 11, 1), months=1, timezone="UTC")
    assert (Decimal(100), Decimal(100)) == (first.uptime, last.uptime)


aware = st.datetimes(
    min_value=dt.datetime(1, 1, 1),  # naive bounds: the zones are drawn
    max_value=dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
    timezones=st.timezones(),
) | st.sampled_from(EXTREMES)


@settings(max_examples=200, deadline=None)
@given(created=aware, as_of=aware, reply=aware, policy=st.sampled_from([REAL, BUSINESS]))
def test_extreme_instants_raise_only_accountplan_errors(
    created: dt.datetime, as_of: dt.datetime, reply: dt.datetime, policy: SlaPolicy
) -> None:
    """Any aware instants: evaluate, evaluate_many and the availability functions raise
    nothing but accountplan errors."""
    try:
        events = (
            [TicketEvent(at=reply, kind=TicketEventKind.AGENT_REPLY)] if reply >= created else []
        )
        subject = ticket(created, *events)
    except AccountPlanError:
        return
    for run in (
        lambda: evaluate(subject, policy, as_of=as_of),
        lambda: list(evaluate_many([subject], policy, as_of=as_of)),
        lambda: uptime((min(created, as_of), max(created, as_of)), outages=[(created, reply)]),
        lambda: merge_intervals([(min(created, reply), max(created, reply))]),
        lambda: availability_report(
            [(min(created, reply), max(created, reply))],
            first_month=dt.date(as_of.year, as_of.month, 1),
            months=2,
            timezone="Pacific/Kiritimati",
        ),
    ):
        with contextlib.suppress(AccountPlanError):
            run()


# -- 2. statistics of nothing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "p", "field", "message"),
    [
        ([], 90, "values", "'values' must not be empty (got [])"),
        ([1, 2], 101, "p", "'p' must be an integer from 0 to 100 (percent) (got 101)"),
        ([1, 2], -1, "p", "'p' must be an integer from 0 to 100 (percent) (got -1)"),
        ([1, 2], True, "p", "'p' must be an integer from 0 to 100 (percent) (got True)"),
        ([1, 2], 9.5, "p", "'p' must be an integer from 0 to 100 (percent) (got 9.5)"),
        ([2, 1], 50, "values[1]", "'values[1]' must not be below the value before it (2) (got 1)"),
        ([1, "2"], 50, "values[1]", "'values[1]' must be an integer (got '2')"),
        ([1, False], 50, "values[1]", "'values[1]' must be an integer (got False)"),
        ("12", 50, "values", "'values' must be a sequence of integers (got '12')"),
        ({1, 2}, 50, "values", "'values' must be a sequence of integers (got {1, 2})"),
    ],
)
def test_percentile_refuses_bad_input(values: Any, p: Any, field: str, message: str) -> None:
    """An empty list or p=101 was a raw IndexError; every bad argument is now named."""
    with pytest.raises(InvalidInputError) as caught:
        percentile(values, p)
    assert (field, message) == (caught.value.field, str(caught.value))


@pytest.mark.parametrize(
    ("p", "expected"), [(0, 10), (1, 10), (10, 10), (11, 20), (50, 50), (99, 100), (100, 100)]
)
def test_percentile_nearest_rank(p: int, expected: int) -> None:
    """Nearest rank over ten values: ceil(p/100 * 10)-th value, p=0 the smallest."""
    assert expected == percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], p)


@given(st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=50), st.integers(0, 100))
def test_percentile_matches_the_definition(values: list[int], p: int) -> None:
    """The smallest observed value with at least p % of the values at or below it."""
    ordered = sorted(values)
    n = len(ordered)
    expected = next(v for v in ordered if Fraction(sum(1 for w in ordered if w <= v), n) * 100 >= p)
    assert expected == percentile(ordered, p)
    assert expected == percentile(tuple(ordered), p)


def test_statistics_of_nothing_are_none() -> None:
    """No decided measurement, no answer: compliance and CSAT give None, not an IndexError."""
    report = compliance([])
    assert (None, None, None, None, None) == (
        report.total.percent,
        report.total.mean,
        report.total.median,
        report.total.p90,
        report.total.p95,
    )
    result = csat([], scale=CSAT_FIVE_BEST)
    assert (None, None, None) == (result.percent_satisfied, result.mean, result.score)


# -- 3. group order ---------------------------------------------------------------


def measurement(**changes: Any) -> SlaMeasurement:
    fields: dict[str, Any] = {
        "ticket_id": "T-1",
        "account_number": "A-1",
        "channel": "",
        "policy": "P",
        "metric": "first_response",
        "cycle": 1,
        "priority": Priority.HIGH,
        "target": HOUR,
        "business_hours": False,
        "start": T0,
        "stop": T0 + HOUR / 2,
        "as_of": T0 + HOUR,
        "deadline": T0 + HOUR,
        "elapsed": HOUR / 2,
        "paused": dt.timedelta(0),
        "outside_hours": dt.timedelta(0),
        "state": "met",
        "remaining": HOUR / 2,
    }
    fields.update(changes)
    return SlaMeasurement(**fields)


def test_priorities_sort_by_level() -> None:
    """Critical first ... Planning last (alphabetically, low came before moderate)."""
    found = [measurement(ticket_id=p.value, priority=p) for p in reversed(list(Priority))]
    report = compliance(found, by=["priority"])
    assert [(p.value,) for p in sorted(Priority, key=lambda p: p.level)] == [
        row.key for row in report.groups
    ]
    assert [("critical",), ("high",), ("moderate",), ("low",), ("planning",)] == [
        row.key for row in report.groups
    ]


def test_metrics_sort_in_definition_order_and_cycles_numerically() -> None:
    """Metrics in definition order; cycle 10 after cycle 9 (not between 1 and 2)."""
    metrics = [
        "on_hold_time",
        "resolution",
        "first_response",
        "requester_wait_time",
        "next_response",
        "agent_work_time",
    ]
    found = [measurement(metric=m, cycle=c) for m in metrics for c in (10, 2, 9, 1)]
    report = compliance(found, by=["metric", "cycle"])
    expected = [
        (m, str(c))
        for m in (
            "first_response",
            "next_response",
            "resolution",
            "agent_work_time",
            "requester_wait_time",
            "on_hold_time",
        )
        for c in (1, 2, 9, 10)
    ]
    assert expected == [row.key for row in report.groups]


@pytest.mark.parametrize("aggregate", ["per_measurement", "per_ticket_last", "per_ticket_any"])
def test_strings_sort_alphabetically_after_priority(aggregate: str) -> None:
    """Accounts, channels and policies sort by code point, inside the earlier fields' order."""
    found = [
        measurement(ticket_id=f"{a}{c}{p.value}", account_number=a, channel=c, priority=p)
        for a in ("b", "B", "a")
        for c in ("web", "email")
        for p in (Priority.LOW, Priority.MODERATE)
    ]
    report = compliance(found, by=["priority", "account_number", "channel"], aggregate=aggregate)  # type: ignore[arg-type]
    expected = [
        (p, a, c) for p in ("moderate", "low") for a in ("B", "a", "b") for c in ("email", "web")
    ]
    assert expected == [row.key for row in report.groups]


# -- 4. percentages: units, precision, context ----------------------------------------


def floor_percent(part: int, whole: int) -> Decimal:
    """part / whole * 100 rounded down to six places, by exact fractions."""
    return Decimal(f"{math.floor(Fraction(part * 100, whole) * 10**6)}E-6")


def test_percent_places_is_six() -> None:
    """The documented precision of every percentage: six decimal places."""
    assert 6 == PERCENT_PLACES


def test_uptime_is_rounded_down_not_to_nearest() -> None:
    """One microsecond down in 30 days is 99.99999996 %: reported 99.999999, never 100."""
    april = (dt.datetime(2026, 4, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC))
    blip = (april[0], april[0] + dt.timedelta(microseconds=1))
    result = uptime(april, outages=[blip])
    assert Decimal("99.999999") == result
    assert -6 == result.as_tuple().exponent
    total = 30 * 86_400 * 10**6
    assert floor_percent(total - 1, total) == result


def test_uptime_tier_decision_matches_the_exact_ratio() -> None:
    """Rounding down never lifts an uptime into a better tier: 99.98999... % earns 10 %."""
    april = (dt.datetime(2026, 4, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC))
    total = 30 * 86_400 * 10**6
    # Just over 0.01 % of April down: the exact uptime is a hair below 99.99 %.
    down = total // 10_000 + 1
    outage = (april[0], april[0] + dt.timedelta(microseconds=down))
    value = uptime(april, outages=[outage])
    assert Decimal("99.989999") == value
    tiers = [CreditTier(at_least="99.0", below="99.99", credit_percent="10")]
    charge = Money(amount="1000", currency="EUR")
    assert Money(amount="100.00", currency="EUR") == service_credit(
        value, tiers=tiers, charge=charge
    )


@pytest.mark.parametrize("field", ["at_least", "below"])
def test_credit_tier_bounds_have_at_most_six_places(field: str) -> None:
    """A bound finer than the uptime's precision would decide differently once rounded."""
    values = {"at_least": "99.0", "below": "99.99", "credit_percent": "10"}
    values[field] = "99.0000001" if field == "at_least" else "99.9900001"
    with pytest.raises(InvalidInputError) as caught:
        CreditTier(**values)
    assert field == caught.value.field
    assert (
        f"{field!r} must have at most 6 decimal places (the precision of uptime) "
        f"(got {values[field]!r})"
    ) == str(caught.value)
    values[field] = "99.9000000000" if field == "below" else "99.000000"
    assert Decimal(values[field]) == getattr(CreditTier(**values), field)


def test_csat_precision() -> None:
    """Thirds: 66.666666 % satisfied (down), mean 1.666667 (nearest), score 83.333333 (down)."""
    result = csat([1, 2, 2], scale=CSAT_ONE_BEST)
    assert Decimal("100.000000") == result.percent_satisfied
    result = csat([1, 1, 3], scale=CSAT_ONE_BEST)
    assert Decimal("66.666666") == result.percent_satisfied
    assert Decimal("1.666667") == result.mean
    assert Decimal("83.333333") == result.score
    values: list[Decimal | None] = [result.percent_satisfied, result.mean, result.score]
    assert [-6, -6, -6] == [None if v is None else v.as_tuple().exponent for v in values]


def test_csat_mean_ties_to_even() -> None:
    """A mean of exactly 2.0000005 would need a seventh place: it rounds to even."""
    answers = [2] * 1_999_999 + [3]  # mean = 2 + 1/2_000_000 = 2.0000005
    result = csat(answers, scale=CSAT_FIVE_BEST)
    assert Decimal("2.000000") == result.mean
    answers = [2] * 666_665 + [3] * 2 + [1] * 0  # mean = 2 + 2/666_667
    result = csat(answers, scale=CSAT_FIVE_BEST)
    assert Decimal("2.000003") == result.mean


def test_mean_and_median_round_half_to_even_on_microseconds() -> None:
    """1 us and 2 us: mean and median 1.5 us round to 2 us; 2 us and 3 us to 2 us."""
    us = dt.timedelta(microseconds=1)
    for values, expected in (((1, 2), 2), ((2, 3), 2), ((1, 4), 2), ((3, 4), 4)):
        found = [measurement(ticket_id=str(v), elapsed=v * us, stop=T0 + v * us) for v in values]
        total = compliance(found).total
        assert (expected * us, expected * us) == (total.mean, total.median)


def test_mean_of_huge_durations_is_exact() -> None:
    """Means of ten-year durations are exact to the microsecond (no float rounding)."""
    us = dt.timedelta(microseconds=1)
    big = dt.timedelta(days=3650)
    found = [
        measurement(
            ticket_id=str(n), elapsed=big + n * us, stop=T0 + big + n * us, state="breached"
        )
        for n in (1, 2, 4)
    ]
    assert big + 2 * us == compliance(found).total.mean  # 7/3 us rounds to 2 us


HOSTILE_TRAPS = (
    decimal.Inexact,
    decimal.Rounded,
    decimal.InvalidOperation,
    decimal.DivisionByZero,
    decimal.Overflow,
)


def figures() -> list[Any]:
    april = (dt.datetime(2026, 4, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC))
    outage = (
        dt.datetime(2026, 4, 3, 10, tzinfo=UTC),
        dt.datetime(2026, 4, 3, 10, 43, 13, 7, tzinfo=UTC),
    )
    tiers = [
        CreditTier(at_least="99.0", below="99.99", credit_percent="10"),
        CreditTier(at_least="95.0", below="99.0", credit_percent="33.3333"),
    ]
    charge = Money(amount="1234.57", currency="EUR")
    report = availability_report(
        [outage],
        first_month=dt.date(2026, 3, 1),
        months=3,
        timezone="Europe/Amsterdam",
        tiers=tiers,
        charge=charge,
    )
    found = [
        measurement(ticket_id=str(n), state=s, elapsed=n * HOUR / 7, stop=T0 + n * HOUR / 7)
        for n, s in enumerate(["met", "met", "breached", "met", "breached", "met", "met"])
    ]
    return [
        uptime(april, outages=[outage]),
        service_credit(Decimal("97.123"), tiers=tiers, charge=charge),
        report,
        compliance(found),
        csat([1, 2, 3, 4, 5, 5, 4], scale=CSAT_FIVE_BEST),
        csat([1, 2, 2], scale=CSAT_ONE_BEST),
        percentile([1, 2, 3], 66),
    ]


def test_results_ignore_a_hostile_ambient_context() -> None:
    """prec=3 with every trap set: same results, no signal raised."""
    expected = figures()
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_UP) as hostile:
        for trap in HOSTILE_TRAPS:
            hostile.traps[trap] = True
        actual = figures()
    assert expected == actual
    assert [str(v) for v in expected] == [str(v) for v in actual]


# -- statistics and scales at their edges ---------------------------------------------


def test_empty_csat_counts_nothing() -> None:
    """No answers: zero responses, zero satisfied, every answer counted zero times."""
    result = csat([], scale=CSAT_FIVE_BEST)
    assert (0, 0) == (result.responses, result.satisfied)
    assert ((5, 0), (4, 0), (3, 0), (2, 0), (1, 0)) == result.counts


@pytest.mark.parametrize(("best", "worst"), [(100, 1), (1, 100), (-49, 50), (100, 51)])
def test_scales_up_to_a_hundred_points(best: int, worst: int) -> None:
    """A scale of at most 100 points is accepted, wherever it lies on the number line."""
    scale = CsatScale(best=best, worst=worst, satisfied_from=best)
    assert (best, worst) == (scale.best, scale.worst)


@pytest.mark.parametrize(("best", "worst"), [(101, 1), (1, 101), (-50, 50)])
def test_scales_over_a_hundred_points_are_refused(best: int, worst: int) -> None:
    """101 points is one too many."""
    with pytest.raises(LimitExceededError, match="gives more than 100 points"):
        CsatScale(best=best, worst=worst, satisfied_from=best)


def test_durations_of_days_are_counted_to_the_microsecond() -> None:
    """Elapsed times of several days keep their microseconds in every statistic."""
    us = dt.timedelta(microseconds=1)
    days = [dt.timedelta(days=2, seconds=5) + 7 * us, dt.timedelta(days=3, seconds=1) + 3 * us]
    found = [
        measurement(ticket_id=str(n), elapsed=v, stop=T0 + v, state="breached")
        for n, v in enumerate(days)
    ]
    total = compliance(found).total
    assert (days[0] + days[1]) / 2 == total.mean == total.median
    assert (days[1], days[1]) == (total.p90, total.p95)


def test_per_ticket_any_combines_cycles() -> None:
    """A breach wins, then a running cycle, then a met one; only cancelled cycles stay cancelled."""
    found = [
        measurement(ticket_id="A", cycle=1, state="met"),
        measurement(ticket_id="A", cycle=2, state="breached", elapsed=2 * HOUR),
        measurement(ticket_id="B", cycle=1, state="met"),
        measurement(ticket_id="B", cycle=2, state="running", stop=None),
        measurement(ticket_id="C", cycle=1, state="met"),
        measurement(ticket_id="C", cycle=2, state="cancelled"),
        measurement(ticket_id="D", cycle=1, state="cancelled"),
        measurement(ticket_id="D", cycle=2, state="cancelled"),
        measurement(ticket_id="E", cycle=1, state="paused", stop=None),
    ]
    total = compliance(found, aggregate="per_ticket_any").total
    assert (1, 1, 2, 1) == (total.met, total.breached, total.running, total.cancelled)
    # Statistics use every decided cycle: A's two, B's and C's met ones (30 min, 2 h, 30, 30).
    assert (HOUR / 2, 7 * HOUR / 8) == (total.median, total.mean)


def test_per_ticket_last_uses_the_last_cycle_and_its_elapsed_time() -> None:
    """Each ticket counts by its last cycle, and the statistics use that cycle's time."""
    found = [
        measurement(ticket_id="A", cycle=1, state="breached", elapsed=3 * HOUR),
        measurement(ticket_id="A", cycle=2, state="met", elapsed=HOUR / 4),
        measurement(ticket_id="B", cycle=1, state="met", elapsed=HOUR / 2),
    ]
    total = compliance(found, aggregate="per_ticket_last").total
    assert (2, 0) == (total.met, total.breached)
    assert (3 * HOUR / 8, 3 * HOUR / 8) == (total.mean, total.median)


def test_cancelled_measurements_are_each_counted() -> None:
    """Two cancelled clocks count two, apart from the percentage."""
    found = [measurement(ticket_id=str(n), state="cancelled") for n in range(2)]
    total = compliance(found).total
    assert (2, None) == (total.cancelled, total.percent)
