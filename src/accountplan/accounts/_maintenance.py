"""Account maintenance: review cadences and data retention after closure.

Review dates are computed from the anchor (the ``start`` date), never by
chaining month arithmetic: the n-th review of a monthly cadence is ``start``
plus n months, clamped to the end of a shorter month. From January 31 that
gives February 28 (or 29), March 31, April 30 — chaining would drift to the
28th and stay there.

A completed review settles the review due at the end of the period it falls
in and every earlier review still open: reviewing an account brings it up to
date. A review is overdue from the day after its due date.

Retention counts from the day the account was closed (its closing change in
the history, read in the account's time zone).
[retention_until][accountplan.accounts.retention_until] gives the last day the
data must be kept; the account is due for purge from the day after, unless it
carries one of the policy's hold tags (a legal hold).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, Final

import attrs

from accountplan._units import add_months
from accountplan._validate import (
    check_date,
    check_items,
    check_non_empty,
    check_type,
    named,
    set_of,
)
from accountplan.accounts._account import Account, AccountStatus, local_date
from accountplan.exceptions import InvalidInputError, LimitExceededError

__all__ = [
    "MAX_REVIEW_DATES",
    "RetentionPolicy",
    "ReviewCadence",
    "due_for_purge",
    "next_review",
    "overdue_reviews",
    "retention_until",
    "review_dates",
]

MAX_REVIEW_DATES: Final = 1_200
"""The most review dates one call generates (a century of monthly reviews)."""
#: The most completed reviews, or accounts, one call takes.
MAX_ITEMS: Final = 10_000_000
#: Most tags a retention policy's ``hold_tags`` may hold.
_MAX_HOLD_TAGS: Final = 100


class ReviewCadence(enum.Enum):
    """How often an account (or its plan) is reviewed.

    ``biannually`` means twice a year (every six months), as in the review
    choices of the account-management process template.
    """

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    BIANNUALLY = "biannually"
    ANNUALLY = "annually"
    AS_NEEDED = "as_needed"


_MONTHS: Final[dict[ReviewCadence, int]] = {
    ReviewCadence.MONTHLY: 1,
    ReviewCadence.QUARTERLY: 3,
    ReviewCadence.BIANNUALLY: 6,
    ReviewCadence.ANNUALLY: 12,
}


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def review_dates(
    cadence: ReviewCadence, /, *, start: dt.date, until: dt.date
) -> tuple[dt.date, ...]:
    """Return the review dates after ``start`` up to and including ``until``.

    The n-th date is ``start`` plus n periods, clamped to the end of a
    shorter month; ``start`` itself (the anchor) is not a review date. An
    ``as_needed`` cadence has no scheduled dates.

    Args:
        cadence: How often the account is reviewed.
        start: The anchor: the day the cadence starts (a ``date``, not a
            ``datetime``).
        until: The last day that may be a review date, not before ``start``.

    Returns:
        The review dates in increasing order; empty for ``as_needed``.

    Raises:
        InvalidTypeError: ``cadence`` is not a ``ReviewCadence``.
        InvalidInputError: ``until`` is before ``start``, or a bound is not a
            date.
        LimitExceededError: more than
            [MAX_REVIEW_DATES][accountplan.accounts.MAX_REVIEW_DATES] dates;
            checked before any date is computed.

    Examples:
        >>> [d.isoformat() for d in review_dates(ReviewCadence.MONTHLY,
        ...     start=dt.date(2024, 1, 31), until=dt.date(2024, 4, 30))]
        ['2024-02-29', '2024-03-31', '2024-04-30']
    """
    check_type("cadence", cadence, ReviewCadence)
    check_date("start", start)
    check_date("until", until)
    if until < start:
        raise InvalidInputError(
            "until",
            until.isoformat(),
            f"must not be before 'start' ({start.isoformat()})",
        )
    step = _MONTHS.get(cadence)
    if step is None:
        return ()
    most = _months_between(start, until) // step
    if most > MAX_REVIEW_DATES:
        raise LimitExceededError(
            "until",
            until.isoformat(),
            MAX_REVIEW_DATES,
            f"would give about {most} review dates, more than the limit of {MAX_REVIEW_DATES}",
        )
    out: list[dt.date] = []
    n = 1
    day = add_months(start, step)
    while day is not None and day <= until:
        out.append(day)
        n += 1
        day = add_months(start, n * step)
    return tuple(out)


def next_review(cadence: ReviewCadence, /, *, start: dt.date, as_of: dt.date) -> dt.date | None:
    """Return the first review date on or after ``as_of``; ``None`` for ``as_needed``.

    A review due on ``as_of`` is the next one (it is due today).

    Args:
        cadence: How often the account is reviewed.
        start: The anchor of the cadence (a ``date``); it is not itself a
            review date.
        as_of: The day asked about (a ``date``).

    Returns:
        The next review date, or ``None`` for an ``as_needed`` cadence.

    Raises:
        InvalidTypeError: ``cadence`` is not a ``ReviewCadence``.
        InvalidInputError: a bound is not a date.
        LimitExceededError: the next review would fall after the year 9999.

    Examples:
        >>> next_review(ReviewCadence.QUARTERLY, start=dt.date(2025, 11, 30),
        ...             as_of=dt.date(2026, 2, 1))
        datetime.date(2026, 2, 28)
    """
    check_type("cadence", cadence, ReviewCadence)
    check_date("start", start)
    check_date("as_of", as_of)
    step = _MONTHS.get(cadence)
    if step is None:
        return None
    n = max(1, _months_between(start, as_of) // step)
    while True:
        day = add_months(start, n * step)
        if day is None:
            raise LimitExceededError(
                "as_of", as_of.isoformat(), dt.date.max, "has no review date before the year 10000"
            )
        if day >= as_of:
            return day
        n += 1


def overdue_reviews(
    cadence: ReviewCadence,
    /,
    *,
    start: dt.date,
    as_of: dt.date,
    done: Iterable[dt.date] = (),
) -> tuple[dt.date, ...]:
    """Return the due dates of the reviews that are overdue on ``as_of``.

    A review is overdue from the day after its due date. A completed review
    (a date in ``done``) settles the review due at the end of the period it
    falls in and every earlier one; reviews done on or before ``start``
    settle nothing.

    Args:
        cadence: How often the account is reviewed.
        start: The anchor of the cadence (a ``date``).
        as_of: The day asked about (a ``date``).
        done: The days reviews were completed, in any order; none after
            ``as_of``.

    Returns:
        The due dates of the overdue reviews, oldest first; empty when
        ``as_of`` is not after ``start``.

    Raises:
        InvalidTypeError: ``cadence`` is not a ``ReviewCadence``.
        InvalidInputError: a date in ``done`` is after ``as_of``, a value
            is not a date, or ``done`` is not a sequence.
        LimitExceededError: too many scheduled reviews before ``as_of``
            (see [review_dates][accountplan.accounts.review_dates]).

    Examples:
        >>> jan = dt.date(2026, 1, 15)
        >>> overdue_reviews(ReviewCadence.MONTHLY, start=jan, as_of=dt.date(2026, 4, 20),
        ...                 done=[dt.date(2026, 2, 10)])
        (datetime.date(2026, 3, 15), datetime.date(2026, 4, 15))
    """
    check_type("cadence", cadence, ReviewCadence)
    check_date("start", start)
    check_date("as_of", as_of)
    last_done: dt.date | None = None
    for index, day in enumerate(check_items("done", done, check_date, limit=MAX_ITEMS)):
        if day > as_of:
            raise InvalidInputError(
                f"done[{index}]",
                day.isoformat(),
                f"must not be after 'as_of' ({as_of.isoformat()}): a review cannot be done "
                "in the future",
            )
        if last_done is None or day > last_done:
            last_done = day
    if as_of <= start:
        return ()
    scheduled = review_dates(cadence, start=start, until=as_of - dt.timedelta(days=1))
    overdue: list[dt.date] = []
    period_start = start
    for due in scheduled:
        if last_done is None or last_done <= period_start:
            overdue.append(due)
        period_start = due
    return tuple(overdue)


def _count(low: int, high: int) -> Any:
    def check(field: str, value: Any) -> int:
        check_type(field, value, int)
        if not low <= value <= high:
            raise InvalidInputError(field, value, f"must be from {low} to {high}")
        return value  # type: ignore[no-any-return]

    return named(check)


@attrs.frozen(kw_only=True)
class RetentionPolicy:
    """How long the data of a closed account is kept.

    The retention period is ``years`` plus ``months`` (counted from the
    closing day as one month offset, clamped to the month's end) plus
    ``days``.

    Attributes:
        years: Whole years after the closing day (0 to 100).
        months: Extra months (0 to 1200).
        days: Extra days (0 to 36525).
        hold_tags: Tags that put an account on hold (a legal hold, an open
            dispute): such accounts are never due for purge.

    Examples:
        >>> RetentionPolicy(years=7, hold_tags={"legal_hold"}).years
        7
    """

    years: int = attrs.field(default=0, validator=_count(0, 100))
    months: int = attrs.field(default=0, validator=_count(0, 1200))
    days: int = attrs.field(default=0, validator=_count(0, 36_525))
    hold_tags: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=set_of(check_non_empty, limit=_MAX_HOLD_TAGS, what="strings"),  # type: ignore[misc]  # attrs.Converter
    )


def _closed_on(account: Account) -> dt.date:
    if not account.history:
        raise InvalidInputError(
            "history",
            (),
            f"account {account.number!r} is closed but its history has no closing change; "
            "the retention period cannot be counted",
        )
    return local_date(account.history[-1].at, account.timezone)


def retention_until(account: Account, /, *, policy: RetentionPolicy) -> dt.date | None:
    """Return the last day the data of ``account`` must be kept; ``None`` if not closed.

    Args:
        account: The account; only a closed one has a retention date.
        policy: The retention period (years, months and days after the
            closing day).

    Returns:
        The closing day (in the account's time zone) plus the retention
        period, or ``None`` when the account is not closed.

    Raises:
        InvalidTypeError: ``account`` or ``policy`` is not of its type.
        InvalidInputError: the account is closed but has no history to date
            the closure.
        LimitExceededError: the date would fall after the year 9999.

    Examples:
        >>> from accountplan.accounts import AccountType, transition
        >>> account = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.ACTIVE, currency="EUR",
        ...                   timezone="Europe/Amsterdam", locale="nl_NL")
        >>> closed = transition(account, AccountStatus.CLOSED, reason="contract ended",
        ...                     at=dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC))
        >>> retention_until(closed, policy=RetentionPolicy(years=7))
        datetime.date(2031, 2, 28)
    """
    check_type("account", account, Account)
    check_type("policy", policy, RetentionPolicy)
    if account.status is not AccountStatus.CLOSED:
        return None
    closed = _closed_on(account)
    shifted = add_months(closed, policy.years * 12 + policy.months)
    try:
        if shifted is None:
            raise OverflowError
        return shifted + dt.timedelta(days=policy.days)
    except OverflowError:
        raise LimitExceededError(
            "policy", policy, dt.date.max, "gives a retention date after the year 9999"
        ) from None


def due_for_purge(
    accounts: Iterable[Account], /, *, as_of: dt.date, policy: RetentionPolicy
) -> tuple[Account, ...]:
    """Return the closed accounts whose retention ended before ``as_of``, in input order.

    Accounts carrying one of the policy's ``hold_tags`` are never returned.

    Args:
        accounts: The accounts to check, any iterable (at most 10,000,000).
        as_of: The day of the check (a ``date``); an account whose retention
            ends on ``as_of`` is not yet due.
        policy: The retention period and the hold tags.

    Returns:
        The accounts due for purge, in input order.

    Raises:
        InvalidTypeError: an item is not an
            [Account][accountplan.accounts.Account], or ``policy`` is not a
            [RetentionPolicy][accountplan.accounts.RetentionPolicy].
        InvalidInputError: ``as_of`` is not a date, ``accounts`` is not a
            sequence, or a closed account has no history to date the closure.
        LimitExceededError: more than 10,000,000 accounts, or a retention
            date after the year 9999.

    Examples:
        >>> from accountplan.accounts import AccountType, transition
        >>> account = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.ACTIVE, currency="EUR", timezone="UTC",
        ...                   locale="en")
        >>> closed = transition(account, AccountStatus.CLOSED, reason="contract ended",
        ...                     at=dt.datetime(2019, 6, 30, tzinfo=dt.UTC))
        >>> policy = RetentionPolicy(years=7)
        >>> due_for_purge([account, closed], as_of=dt.date(2026, 6, 30), policy=policy)
        ()
        >>> [a.number for a in due_for_purge([closed], as_of=dt.date(2026, 7, 1), policy=policy)]
        ['A-1']
    """
    check_date("as_of", as_of)
    check_type("policy", policy, RetentionPolicy)
    out: list[Account] = []
    for account in check_items("accounts", accounts, Account, limit=MAX_ITEMS):
        if account.tags & policy.hold_tags:
            continue
        until = retention_until(account, policy=policy)
        if until is not None and until < as_of:
            out.append(account)
    return tuple(out)
