"""Account maintenance: review cadences, overdue reviews and retention after closure."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.accounts import (
    MAX_REVIEW_DATES,
    Account,
    AccountStatus,
    AccountType,
    RetentionPolicy,
    ReviewCadence,
    due_for_purge,
    next_review,
    overdue_reviews,
    retention_until,
    review_dates,
    transition,
)
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.i18n import label
from accountplan.serialization import from_json, to_json

C = ReviewCadence
D = dt.date


def account(number: str = "A-1", **changes: Any) -> Account:
    base = Account(
        number=number,
        name="Acme",
        type=AccountType.BUSINESS,
        status=AccountStatus.ACTIVE,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
    )
    return attrs.evolve(base, **changes)


def closed_on(when: dt.datetime, number: str = "A-1", **changes: Any) -> Account:
    return transition(
        account(number, **changes), AccountStatus.CLOSED, at=when, reason="contract ended"
    )


class TestReviewDates:
    # Stripe, "Setting the subscription billing cycle date"
    # (https://stripe.com/docs/subscriptions/billing-cycle): an anchor of January 31
    # bills February 28 (29 in a leap year), then March 31, April 30, and so on.
    @pytest.mark.parametrize(
        ("year", "february"),
        [(2025, D(2025, 2, 28)), (2024, D(2024, 2, 29))],
    )
    def test_month_end_clamping_golden(self, year: int, february: dt.date) -> None:
        """Anchor Jan 31, monthly: Feb 28/29, Mar 31, Apr 30, May 31."""
        dates = review_dates(C.MONTHLY, start=D(year, 1, 31), until=D(year, 5, 31))
        assert (february, D(year, 3, 31), D(year, 4, 30), D(year, 5, 31)) == dates

    def test_never_chained(self) -> None:
        """From Dec 31, three monthly steps land on Mar 31, not Mar 28 (house style)."""
        dates = review_dates(C.MONTHLY, start=D(2025, 12, 31), until=D(2026, 3, 31))
        assert (D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)) == dates

    def test_quarterly_from_november_30(self) -> None:
        """Quarterly from Nov 30: Feb 28, May 30, Aug 30, Nov 30."""
        dates = review_dates(C.QUARTERLY, start=D(2025, 11, 30), until=D(2026, 12, 31))
        assert (D(2026, 2, 28), D(2026, 5, 30), D(2026, 8, 30), D(2026, 11, 30)) == dates

    def test_biannually_and_annually_from_leap_day(self) -> None:
        """Twice a year and yearly from Feb 29 clamp to Feb 28 in common years."""
        assert (D(2024, 8, 29), D(2025, 2, 28), D(2025, 8, 29)) == review_dates(
            C.BIANNUALLY, start=D(2024, 2, 29), until=D(2025, 12, 31)
        )
        assert (D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)) == review_dates(
            C.ANNUALLY, start=D(2024, 2, 29), until=D(2028, 3, 1)
        )

    def test_until_is_inclusive_and_start_excluded(self) -> None:
        """The anchor is not a review date; a date equal to until is included."""
        assert (D(2026, 2, 15),) == review_dates(
            C.MONTHLY, start=D(2026, 1, 15), until=D(2026, 2, 15)
        )
        assert () == review_dates(C.MONTHLY, start=D(2026, 1, 15), until=D(2026, 1, 15))

    def test_as_needed_has_no_schedule(self) -> None:
        """An as-needed cadence has no scheduled dates, no next review, nothing overdue."""
        assert () == review_dates(C.AS_NEEDED, start=D(2026, 1, 1), until=D(2030, 1, 1))
        assert next_review(C.AS_NEEDED, start=D(2026, 1, 1), as_of=D(2027, 1, 1)) is None
        assert () == overdue_reviews(C.AS_NEEDED, start=D(2026, 1, 1), as_of=D(2027, 1, 1))

    def test_reversed_dates_are_refused(self) -> None:
        """until before start is an error, not an empty schedule."""
        with pytest.raises(InvalidInputError) as info:
            review_dates(C.MONTHLY, start=D(2026, 2, 1), until=D(2026, 1, 1))
        assert "until" == info.value.field

    def test_limit(self) -> None:
        """More than MAX_REVIEW_DATES dates raises LimitExceededError."""
        start = D(2000, 1, 1)
        assert MAX_REVIEW_DATES == len(review_dates(C.MONTHLY, start=start, until=D(2100, 1, 1)))
        with pytest.raises(LimitExceededError):
            review_dates(C.MONTHLY, start=start, until=D(2100, 2, 1))
        assert 100 == len(review_dates(C.ANNUALLY, start=start, until=D(2100, 1, 1)))

    def test_stops_at_year_9999(self) -> None:
        """A schedule that reaches the end of the calendar stops there."""
        dates = review_dates(C.ANNUALLY, start=D(9990, 6, 1), until=D(9999, 12, 31))
        assert D(9999, 6, 1) == dates[-1]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"start": dt.datetime(2026, 1, 1), "until": D(2026, 2, 1)}, "start"),
            ({"start": D(2026, 1, 1), "until": "2026-02-01"}, "until"),
        ],
    )
    def test_bad_bounds(self, kwargs: dict[str, Any], field: str) -> None:
        """Bounds must be dates, not datetimes or strings."""
        with pytest.raises(InvalidInputError) as info:
            review_dates(C.MONTHLY, **kwargs)
        assert field == info.value.field

    def test_bad_cadence(self) -> None:
        """The cadence must be a ReviewCadence."""
        with pytest.raises(InvalidInputError):
            review_dates("monthly", start=D(2026, 1, 1), until=D(2026, 3, 1))  # type: ignore[arg-type]

    @given(
        st.sampled_from([C.MONTHLY, C.QUARTERLY, C.BIANNUALLY, C.ANNUALLY]),
        st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)),
        st.integers(min_value=0, max_value=3000),
    )
    def test_schedule_properties(self, cadence: ReviewCadence, start: dt.date, span: int) -> None:
        """Dates increase strictly, stay in bounds and keep the anchor day unless clamped."""
        until = start + dt.timedelta(days=span)
        dates = review_dates(cadence, start=start, until=until)
        assert all(start < d <= until for d in dates)
        assert list(dates) == sorted(set(dates))
        for d in dates:
            last = calendar.monthrange(d.year, d.month)[1]
            assert min(start.day, last) == d.day

    @given(
        st.sampled_from([C.MONTHLY, C.QUARTERLY, C.BIANNUALLY, C.ANNUALLY]),
        st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)),
        st.integers(min_value=-400, max_value=3000),
    )
    def test_next_review_matches_schedule(
        self, cadence: ReviewCadence, start: dt.date, offset: int
    ) -> None:
        """next_review is the first scheduled date on or after as_of."""
        as_of = start + dt.timedelta(days=offset)
        horizon = max(as_of, start) + dt.timedelta(days=400)
        expected = next(d for d in review_dates(cadence, start=start, until=horizon) if d >= as_of)
        assert expected == next_review(cadence, start=start, as_of=as_of)


class TestNextReview:
    def test_due_today_is_next(self) -> None:
        """A review due on as_of is the next one."""
        assert D(2026, 2, 28) == next_review(C.MONTHLY, start=D(2026, 1, 31), as_of=D(2026, 2, 28))
        assert D(2026, 3, 31) == next_review(C.MONTHLY, start=D(2026, 1, 31), as_of=D(2026, 3, 1))

    def test_before_start(self) -> None:
        """Before the anchor, the first review is the next."""
        assert D(2026, 4, 15) == next_review(C.QUARTERLY, start=D(2026, 1, 15), as_of=D(2020, 1, 1))

    def test_end_of_calendar(self) -> None:
        """No review before the year 10000 raises LimitExceededError."""
        with pytest.raises(LimitExceededError):
            next_review(C.ANNUALLY, start=D(9999, 6, 1), as_of=D(9999, 12, 1))


class TestOverdue:
    def test_nothing_done(self) -> None:
        """Without completed reviews every past due date is overdue; today's is not."""
        overdue = overdue_reviews(C.MONTHLY, start=D(2026, 1, 31), as_of=D(2026, 4, 30))
        assert (D(2026, 2, 28), D(2026, 3, 31)) == overdue

    def test_review_in_period_settles_its_due_date(self) -> None:
        """A review done in a period settles that period's due date."""
        overdue = overdue_reviews(
            C.QUARTERLY,
            start=D(2026, 1, 1),
            as_of=D(2026, 12, 1),
            done=[D(2026, 3, 20), D(2026, 2, 1)],
        )
        assert (D(2026, 7, 1), D(2026, 10, 1)) == overdue

    def test_late_review_catches_up(self) -> None:
        """A late review settles its own period's due date and every earlier one still open."""
        overdue = overdue_reviews(
            C.MONTHLY, start=D(2026, 1, 1), as_of=D(2026, 7, 10), done=[D(2026, 5, 20)]
        )
        assert (D(2026, 7, 1),) == overdue

    def test_review_on_start_settles_nothing(self) -> None:
        """A review on the anchor day belongs to no period."""
        overdue = overdue_reviews(
            C.MONTHLY, start=D(2026, 1, 1), as_of=D(2026, 2, 2), done=[D(2026, 1, 1)]
        )
        assert (D(2026, 2, 1),) == overdue

    def test_before_start(self) -> None:
        """Nothing is overdue on or before the anchor."""
        assert () == overdue_reviews(C.MONTHLY, start=D(2026, 1, 1), as_of=D(2026, 1, 1))

    def test_future_review_is_refused(self) -> None:
        """A completed review after as_of is a contradiction."""
        with pytest.raises(InvalidInputError) as info:
            overdue_reviews(
                C.MONTHLY, start=D(2026, 1, 1), as_of=D(2026, 3, 1), done=[D(2026, 3, 2)]
            )
        assert "done[0]" == info.value.field

    def test_bad_done(self) -> None:
        """done must be a sequence of dates."""
        with pytest.raises(InvalidInputError):
            overdue_reviews(C.MONTHLY, start=D(2026, 1, 1), as_of=D(2026, 3, 1), done="2026")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError) as info:
            overdue_reviews(
                C.MONTHLY,
                start=D(2026, 1, 1),
                as_of=D(2026, 3, 1),
                done=["2026-02-01"],  # type: ignore[list-item]
            )
        assert "done[0]" == info.value.field

    def test_labels(self) -> None:
        """Cadences have translated labels."""
        assert "Halfjaarlijks" == label(C.BIANNUALLY, locale="nl")


class TestRetention:
    def test_counts_from_the_local_closing_day(self) -> None:
        """Retention counts from the closing day in the account's time zone."""
        late = dt.datetime(2019, 12, 31, 23, 30, tzinfo=dt.UTC)  # Jan 1, 2020 in Amsterdam
        assert D(2027, 1, 1) == retention_until(closed_on(late), policy=RetentionPolicy(years=7))

    def test_years_months_days_add_up(self) -> None:
        """Months are an anchor offset with clamping; days are added last."""
        closed = closed_on(dt.datetime(2024, 1, 31, 12, tzinfo=dt.UTC))
        policy = RetentionPolicy(years=1, months=1, days=10)
        assert D(2025, 3, 10) == retention_until(closed, policy=policy)

    def test_open_accounts_have_no_retention_date(self) -> None:
        """Accounts that are not closed have no retention end."""
        assert retention_until(account(), policy=RetentionPolicy(years=7)) is None

    def test_closed_without_history_is_an_error(self) -> None:
        """A closed account without its closing change cannot be dated."""
        with pytest.raises(InvalidInputError) as info:
            retention_until(account(status=AccountStatus.CLOSED), policy=RetentionPolicy())
        assert "history" == info.value.field

    def test_end_of_calendar(self) -> None:
        """A retention end after the year 9999 raises LimitExceededError."""
        closed = closed_on(dt.datetime(9950, 1, 1, 12, tzinfo=dt.UTC))
        with pytest.raises(LimitExceededError):
            retention_until(closed, policy=RetentionPolicy(years=100))
        with pytest.raises(LimitExceededError):
            retention_until(closed, policy=RetentionPolicy(years=49, days=36_525))

    def test_due_for_purge(self) -> None:
        """Closed accounts past retention are due, in input order; holds are skipped."""
        policy = RetentionPolicy(years=7, hold_tags={"legal_hold"})
        old = closed_on(dt.datetime(2018, 6, 30, 12, tzinfo=dt.UTC), "OLD")
        held = closed_on(dt.datetime(2018, 6, 30, 12, tzinfo=dt.UTC), "HELD", tags=["legal_hold"])
        recent = closed_on(dt.datetime(2024, 6, 30, 12, tzinfo=dt.UTC), "NEW")
        active = account("ACT")
        due = due_for_purge([active, recent, held, old], as_of=D(2026, 1, 1), policy=policy)
        assert ["OLD"] == [a.number for a in due]
        assert () == due_for_purge([old], as_of=D(2025, 6, 30), policy=policy)
        assert (old,) == due_for_purge([old], as_of=D(2025, 7, 1), policy=policy)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"years": -1}, "years"),
            ({"years": 101}, "years"),
            ({"months": 1.5}, "months"),
            ({"days": 10**6}, "days"),
            ({"hold_tags": "legal_hold"}, "hold_tags"),
            ({"hold_tags": [" x"]}, "hold_tags"),
            ({"hold_tags": [3]}, "hold_tags"),
        ],
    )
    def test_bad_policy(self, changes: dict[str, Any], field: str) -> None:
        """Retention policies are validated with clear errors."""
        with pytest.raises(InvalidInputError) as info:
            RetentionPolicy(**changes)
        assert field == info.value.field

    def test_bad_purge_arguments(self) -> None:
        """as_of must be a date; accounts must be accounts."""
        with pytest.raises(InvalidInputError):
            due_for_purge([], as_of=dt.datetime(2026, 1, 1), policy=RetentionPolicy())
        with pytest.raises(InvalidInputError):
            due_for_purge(["A-1"], as_of=D(2026, 1, 1), policy=RetentionPolicy())  # type: ignore[list-item]
        with pytest.raises(InvalidInputError):
            due_for_purge(5, as_of=D(2026, 1, 1), policy=RetentionPolicy())  # type: ignore[arg-type]

    def test_policy_round_trips(self) -> None:
        """Retention policies are data."""
        policy = RetentionPolicy(years=7, months=6, hold_tags={"legal_hold", "dispute"})
        assert policy == from_json(to_json(policy), RetentionPolicy)
