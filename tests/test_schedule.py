"""Invoice schedules: anchored periods, stubs, trials, timing, limits and invariants."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.billing import (
    MAX_SCHEDULE_PERIODS,
    BillingCycle,
    BillingPeriod,
    DueRule,
    PaymentTerms,
    invoice_schedule,
)
from accountplan.exceptions import InvalidInputError, LimitExceededError
from tests.strategies_invoicing import cycles, days, payment_terms

D = dt.date


def starts(periods: tuple[BillingPeriod, ...]) -> list[dt.date]:
    return [p.start for p in periods]


# -- golden cases ---------------------------------------------------------------


def test_stripe_anchor_31_clamps_and_recovers() -> None:
    """Anchor Jan 31 bills Feb 29 (leap year), then Mar 31 and Apr 30."""
    # Stripe, "Setting the subscription billing cycle date"
    # (https://stripe.com/docs/subscriptions/billing-cycle): an anchor of January 31
    # bills February 28 (29 in a leap year), then March 31, April 30, and so on.
    periods = invoice_schedule(BillingCycle.monthly(anchor=31), start=D(2024, 1, 31), count=5)
    assert [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31)] == (
        starts(periods)
    )
    assert all(not p.is_stub for p in periods)


def test_kill_bill_bcd_31_keeps_billing_after_march() -> None:
    """BCD 31 from 2017-01-31 gives Jan 31-Feb 28, Feb 28-Mar 31, Mar 31-Apr 30."""
    # Kill Bill issue #127 (https://github.com/killbill/killbill/issues/127): with BCD 31
    # the period after Feb 28 was computed to end on Mar 28/30 and billing stopped.
    periods = invoice_schedule(BillingCycle.monthly(), start=D(2017, 1, 31), count=3)
    assert [
        (D(2017, 1, 31), D(2017, 2, 28)),
        (D(2017, 2, 28), D(2017, 3, 31)),
        (
            D(2017, 3, 31),
            D(2017, 4, 30),
        ),
    ] == [(p.start, p.end) for p in periods]


def test_lago_leap_day_anniversary() -> None:
    """A yearly subscription from Feb 29 renews on Feb 28, and on Feb 29 in leap years."""
    # Lago, lago-api pull request #46 (https://github.com/getlago/lago-api/pull/46):
    # "Subscription day is on 29th of february not in a leap year - Bill on the 28th".
    periods = invoice_schedule(BillingCycle.annual(), start=D(2024, 2, 29), count=5)
    assert [D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)] == (
        starts(periods)
    )


def test_lago_calendar_billing_stub() -> None:
    """Calendar billing from July 14 bills July 14-31, then whole calendar months."""
    # Lago, "Assign a plan to a customer", calendar billing
    # (https://getlago.com/docs/guide/subscriptions/assign-plan).
    periods = invoice_schedule(
        BillingCycle.monthly(alignment="calendar"), start=D(2025, 7, 14), count=3
    )
    assert [
        (D(2025, 7, 14), D(2025, 8, 1)),
        (D(2025, 8, 1), D(2025, 9, 1)),
        (
            D(2025, 9, 1),
            D(2025, 10, 1),
        ),
    ] == [(p.start, p.end) for p in periods]
    assert [True, False, False] == [p.is_stub for p in periods]
    assert (D(2025, 7, 1), D(2025, 8, 1)) == (periods[0].cycle_start, periods[0].cycle_end)


def test_lago_anniversary_billing() -> None:
    """Anniversary billing from August 10 bills every 10th."""
    # Lago changelog, "Anniversary dates for subscriptions"
    # (https://getlago.com/changelog/anniversary-date).
    periods = invoice_schedule(BillingCycle.monthly(), start=D(2025, 8, 10), count=3)
    assert [D(2025, 8, 10), D(2025, 9, 10), D(2025, 10, 10)] == starts(periods)


def test_rrule_monthly_skips_months_but_the_schedule_does_not() -> None:
    """dateutil's rrule(MONTHLY) from the 31st skips short months; the schedule never does."""
    # dateutil issue #1079 (https://github.com/dateutil/dateutil/issues/1079): RFC 5545
    # drops invalid dates such as Feb 31, so a monthly rule from Jan 31 skips months.
    start = dt.datetime(2020, 1, 31)
    rule_dates = [d.date() for d in rrule(MONTHLY, dtstart=start, count=5)]
    assert [D(2020, 1, 31), D(2020, 3, 31), D(2020, 5, 31), D(2020, 7, 31), D(2020, 8, 31)] == (
        rule_dates
    )
    ours = starts(invoice_schedule(BillingCycle.monthly(), start=start.date(), count=5))
    assert [D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31), D(2020, 4, 30), D(2020, 5, 31)] == ours
    assert {1, 2, 3, 4, 5} == {d.month for d in ours}


def test_chained_month_addition_drifts_but_the_schedule_does_not() -> None:
    """Adding one month three times from Dec 31 lands on Mar 28; the anchor keeps Mar 31."""
    chained = D(2024, 12, 31)
    for _ in range(3):
        chained += relativedelta(months=1)
    assert D(2025, 3, 28) == chained
    ours = invoice_schedule(BillingCycle.monthly(), start=D(2024, 12, 31), count=4)
    assert D(2025, 3, 31) == ours[-1].start


# -- features ---------------------------------------------------------------------


def test_quarterly_calendar_alignment() -> None:
    """Calendar quarters start in January, April, July and October."""
    periods = invoice_schedule(
        BillingCycle.quarterly(alignment="calendar"), start=D(2025, 5, 10), count=3
    )
    assert [
        (D(2025, 5, 10), D(2025, 7, 1)),
        (D(2025, 7, 1), D(2025, 10, 1)),
        (
            D(2025, 10, 1),
            D(2026, 1, 1),
        ),
    ] == [(p.start, p.end) for p in periods]
    assert periods[0].is_stub


def test_bimonthly_is_every_two_months() -> None:
    """Bi-monthly periods last two months."""
    periods = invoice_schedule(BillingCycle.bimonthly(anchor=15), start=D(2025, 1, 15), count=3)
    assert [D(2025, 1, 15), D(2025, 3, 15), D(2025, 5, 15)] == starts(periods)


def test_semimonthly_two_days_a_month() -> None:
    """Semi-monthly on the 15th and the last day of the month."""
    periods = invoice_schedule(
        BillingCycle.semimonthly(days=(15, "last")), start=D(2024, 2, 3), count=4
    )
    assert [
        (D(2024, 2, 3), D(2024, 2, 15)),
        (D(2024, 2, 15), D(2024, 2, 29)),
        (
            D(2024, 2, 29),
            D(2024, 3, 15),
        ),
        (D(2024, 3, 15), D(2024, 3, 31)),
    ] == [(p.start, p.end) for p in periods]
    assert (D(2024, 1, 31), D(2024, 2, 15)) == (periods[0].cycle_start, periods[0].cycle_end)


def test_weeks_calendar_and_anniversary() -> None:
    """Calendar weeks start on Mondays; anniversary weeks on the start's weekday."""
    wednesday = D(2025, 1, 1)
    calendar = invoice_schedule(BillingCycle.weekly(alignment="calendar"), start=wednesday, count=2)
    assert [(D(2025, 1, 1), D(2025, 1, 6)), (D(2025, 1, 6), D(2025, 1, 13))] == [
        (p.start, p.end) for p in calendar
    ]
    biweekly = invoice_schedule(BillingCycle.biweekly(), start=wednesday, count=2)
    assert [D(2025, 1, 1), D(2025, 1, 15)] == starts(biweekly)


def test_annual_calendar_and_explicit_anchor() -> None:
    """Calendar years start on January 1st; a monthly anchor before the start gives a stub."""
    years = invoice_schedule(
        BillingCycle.annual(alignment="calendar"), start=D(2025, 3, 1), count=2
    )
    assert [D(2025, 3, 1), D(2026, 1, 1)] == starts(years)
    monthly = invoice_schedule(BillingCycle.monthly(anchor=10), start=D(2025, 1, 20), count=2)
    assert [(D(2025, 1, 20), D(2025, 2, 10)), (D(2025, 2, 10), D(2025, 3, 10))] == [
        (p.start, p.end) for p in monthly
    ]
    assert (D(2025, 1, 10), D(2025, 2, 10)) == (monthly[0].cycle_start, monthly[0].cycle_end)


def test_end_cuts_the_last_period() -> None:
    """With an end date the last period stops at the end and is a stub."""
    periods = invoice_schedule(BillingCycle.monthly(), start=D(2025, 1, 1), end=D(2025, 3, 15))
    assert [
        (D(2025, 1, 1), D(2025, 2, 1)),
        (D(2025, 2, 1), D(2025, 3, 1)),
        (
            D(2025, 3, 1),
            D(2025, 3, 15),
        ),
    ] == [(p.start, p.end) for p in periods]
    assert periods[-1].is_stub
    assert 14 == periods[-1].days


def test_end_and_count_whichever_first() -> None:
    """With both end and count the schedule stops at whichever comes first."""
    cycle = BillingCycle.monthly()
    assert 2 == len(invoice_schedule(cycle, start=D(2025, 1, 1), end=D(2026, 1, 1), count=2))
    assert 12 == len(invoice_schedule(cycle, start=D(2025, 1, 1), end=D(2026, 1, 1), count=99))


def test_timing_and_terms() -> None:
    """Advance issues at the start, arrears at the end; due dates follow the terms."""
    cycle = BillingCycle.monthly()
    advance = invoice_schedule(cycle, start=D(2025, 1, 1), count=1, terms=PaymentTerms.net(14))
    assert (D(2025, 1, 1), D(2025, 1, 15)) == (advance[0].issue_date, advance[0].due_date)
    arrears = invoice_schedule(
        cycle, start=D(2025, 1, 1), count=1, timing="arrears", terms=DueRule.net(30)
    )
    assert (D(2025, 2, 1), D(2025, 3, 3)) == (arrears[0].issue_date, arrears[0].due_date)
    plain = invoice_schedule(cycle, start=D(2025, 1, 1), count=1)
    assert plain[0].issue_date == plain[0].due_date


def test_trial_then_billing_anchored_at_trial_end() -> None:
    """A trial is its own free period; an anniversary cycle is anchored at the trial end."""
    periods = invoice_schedule(
        BillingCycle.monthly(), start=D(2025, 1, 1), trial_end=D(2025, 1, 15), count=3
    )
    assert [True, False, False] == [p.is_trial for p in periods]
    assert [D(2025, 1, 1), D(2025, 1, 15), D(2025, 2, 15)] == starts(periods)
    assert [1, 2, 3] == [p.sequence for p in periods]


def test_trial_longer_than_the_schedule() -> None:
    """A trial reaching past the end is cut at the end and nothing else is billed."""
    periods = invoice_schedule(
        BillingCycle.monthly(), start=D(2025, 1, 1), end=D(2025, 1, 10), trial_end=D(2025, 2, 1)
    )
    assert [(D(2025, 1, 1), D(2025, 1, 10))] == [(p.start, p.end) for p in periods]
    assert periods[0].is_trial


# -- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start": D(2025, 1, 1)}, "end"),
        ({"start": D(2025, 1, 1), "end": D(2025, 1, 1)}, "end"),
        ({"start": D(2025, 1, 1), "count": 0}, "count"),
        ({"start": D(2025, 1, 1), "count": "3"}, "count"),
        ({"start": dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "count": 1}, "start"),
        ({"start": D(2025, 1, 1), "count": 1, "timing": "later"}, "timing"),
        ({"start": D(2025, 1, 1), "count": 1, "terms": 30}, "terms"),
        ({"start": D(2025, 1, 1), "count": 1, "trial_end": D(2025, 1, 1)}, "trial_end"),
    ],
)
def test_invalid_schedule_requests(kwargs: dict[str, Any], field: str) -> None:
    """Bad requests raise InvalidInputError naming the field."""
    with pytest.raises(InvalidInputError) as info:
        invoice_schedule(BillingCycle.monthly(), **kwargs)
    assert field == info.value.field


def test_cycle_must_be_a_cycle() -> None:
    """The subject must be a BillingCycle."""
    with pytest.raises(InvalidInputError):
        invoice_schedule("monthly", start=D(2025, 1, 1), count=1)  # type: ignore[arg-type]


def test_limits() -> None:
    """Too many periods, by count or by end, raise LimitExceededError."""
    with pytest.raises(LimitExceededError):
        invoice_schedule(BillingCycle.daily(), start=D(2025, 1, 1), count=MAX_SCHEDULE_PERIODS + 1)
    with pytest.raises(LimitExceededError):
        invoice_schedule(BillingCycle.daily(), start=D(2000, 1, 1), end=D(2060, 1, 1))
    with pytest.raises(LimitExceededError):
        invoice_schedule(BillingCycle.annual(), start=D(9998, 1, 1), count=5)
    with pytest.raises(LimitExceededError):
        invoice_schedule(BillingCycle(unit="day", count=1000), start=D(9997, 1, 1), count=5)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sequence": 0}, "sequence"),
        ({"end": D(2025, 1, 1)}, "end"),
        ({"cycle_end": D(2025, 1, 20)}, "end"),
        ({"due_date": D(2024, 12, 31)}, "due_date"),
    ],
)
def test_invalid_periods(kwargs: dict[str, Any], field: str) -> None:
    """A period must be ordered and due on or after its issue date."""
    base: dict[str, Any] = {
        "sequence": 1,
        "start": D(2025, 1, 1),
        "end": D(2025, 2, 1),
        "cycle_start": D(2025, 1, 1),
        "cycle_end": D(2025, 2, 1),
        "issue_date": D(2025, 1, 1),
        "due_date": D(2025, 1, 1),
    }
    with pytest.raises(InvalidInputError) as info:
        BillingPeriod(**{**base, **kwargs})
    assert field == info.value.field


# -- properties -------------------------------------------------------------------


def _max_days(cycle: BillingCycle) -> int:
    if cycle.months:
        return 31 * cycle.months + 1
    if cycle.second_anchor is not None:
        return 31
    return cycle.days


@settings(max_examples=300)
@given(
    cycle=cycles(),
    start=days,
    count=st.integers(1, 30),
    timing=st.sampled_from(["advance", "arrears"]),
    terms=st.none() | payment_terms,
)
def test_schedule_invariants(
    cycle: BillingCycle, start: dt.date, count: int, timing: Any, terms: Any
) -> None:
    """Periods strictly increase, touch end to end, fit one cycle, and are never due early."""
    periods = invoice_schedule(cycle, start=start, count=count, timing=timing, terms=terms)
    assert count == len(periods)
    assert start == periods[0].start
    for before, after in itertools.pairwise(periods):
        assert before.end == after.start
        assert before.start < after.start
    for period in periods:
        assert period.start < period.end
        assert (period.end - period.start).days <= _max_days(cycle)
        assert (period.cycle_end - period.cycle_start).days <= _max_days(cycle)
        assert period.due_date >= period.issue_date
        assert period.issue_date == (period.start if timing == "advance" else period.end)
    assert all(not p.is_stub for p in periods[1:])


@settings(max_examples=300)
@given(
    anchor=st.integers(1, 31),
    start=days,
    months=st.sampled_from([1, 2, 3, 6]),
    count=st.integers(1, 40),
)
def test_anchor_day_kept_whenever_the_month_has_it(
    anchor: int, start: dt.date, months: int, count: int
) -> None:
    """Every boundary falls on the anchor day, or the month's last day when it is shorter."""
    cycle = BillingCycle(unit="month", count=months, anchor=anchor)  # type: ignore[arg-type]
    periods = invoice_schedule(cycle, start=start, count=count)
    for period in periods[1:]:
        day = period.start
        month_length = ((day.replace(day=1) + relativedelta(months=1)) - dt.timedelta(days=1)).day
        assert min(anchor, month_length) == day.day


@settings(max_examples=200)
@given(cycle=cycles(), start=days, span=st.integers(1, 800))
def test_schedule_covers_start_to_end_exactly(
    cycle: BillingCycle, start: dt.date, span: int
) -> None:
    """With an end date the periods cover [start, end) exactly, nothing more."""
    end = start + dt.timedelta(days=span)
    periods = invoice_schedule(cycle, start=start, end=end)
    assert start == periods[0].start
    assert end == periods[-1].end
    assert span == sum(p.days for p in periods)
