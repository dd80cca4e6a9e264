"""Review dates with month-end clamping, overdue reviews, and retention after closure."""

import datetime as dt

from accountplan.accounts import (
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

if __name__ == "__main__":
    start = dt.date(2024, 1, 31)
    for cadence in (ReviewCadence.MONTHLY, ReviewCadence.QUARTERLY):
        dates = review_dates(cadence, start=start, until=dt.date(2024, 12, 31))
        print(cadence.value, [d.isoformat() for d in dates])

    as_of = dt.date(2024, 6, 15)
    done = [dt.date(2024, 2, 20), dt.date(2024, 3, 30)]
    print("next monthly review:", next_review(ReviewCadence.MONTHLY, start=start, as_of=as_of))
    overdue = overdue_reviews(ReviewCadence.MONTHLY, start=start, as_of=as_of, done=done)
    print("overdue:", [d.isoformat() for d in overdue])

    account = Account(
        number="C-7",
        name="Old Customer Ltd",
        type=AccountType.BUSINESS,
        status=AccountStatus.ACTIVE,
        currency="GBP",
        timezone="Europe/London",
        locale="en_GB",
    )
    closed = transition(
        account,
        AccountStatus.CLOSED,
        at=dt.datetime(2018, 3, 31, 17, tzinfo=dt.UTC),
        reason="contract ended",
    )
    policy = RetentionPolicy(years=6, hold_tags={"legal_hold"})
    print("keep data until:", retention_until(closed, policy=policy))
    purge = due_for_purge([account, closed], as_of=dt.date(2026, 1, 1), policy=policy)
    print("due for purge:", [a.number for a in purge])
