"""Status changes: moving an account through its lifecycle, and time travel.

[transition][accountplan.accounts.transition] is the only way the library
changes a status: it checks the move against
[TRANSITIONS][accountplan.accounts.TRANSITIONS], refuses a no-op and a change
dated before the last one, and returns a new account with the change appended
to its history.

[status_at][accountplan.accounts.status_at] answers what the status was at any
moment by replaying the history. Before the first recorded change the account
was in that change's ``from_status``; an account without history has always
been in its current status. Asking about a moment before the day the account
was opened (when ``opened`` is known) is an error: there was no account yet.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

import attrs

from accountplan._validate import check_aware, check_type, to_enum
from accountplan.accounts._account import (
    TRANSITIONS,
    Account,
    AccountStatus,
    StatusChange,
    local_date,
    utc,
)
from accountplan.exceptions import InvalidInputError, InvalidTransitionError

__all__ = ["status_at", "transition"]


def transition(
    account: Account,
    to: AccountStatus | str,
    /,
    *,
    at: dt.datetime,
    reason: str,
    actor: str | None = None,
) -> Account:
    """Return ``account`` moved to status ``to``, with the change in its history.

    Args:
        account: The account to change.
        to: The new status, an ``AccountStatus`` or its value (``"active"``).
        at: When the change takes effect (timezone-aware); not before the
            last change in the history, nor before the day the account was
            opened.
        reason: Why, in words a customer could be shown (not blank).
        actor: Who or what made the change, or ``None``.

    Returns:
        A new account in status ``to`` whose history ends with the new
        [StatusChange][accountplan.accounts.StatusChange]; ``account``
        itself is unchanged.

    Raises:
        InvalidTypeError: ``account`` is not an
            [Account][accountplan.accounts.Account], ``at`` is not a
            ``datetime``, ``to`` is neither an ``AccountStatus`` nor a string,
            or ``reason`` or ``actor`` is not a string.
        InvalidTransitionError: the move is not in the transition table,
            the account is already in ``to`` (a no-op is refused, not
            recorded), or the account is closed. The error lists the allowed
            statuses.
        InvalidInputError: ``to`` is not a status value, ``at`` is naive or
            before the last change or the opening day, or ``reason`` is
            blank or too long.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.accounts import Account, AccountStatus, AccountType
        >>> account = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.PENDING, currency="EUR",
        ...                   timezone="Europe/Amsterdam", locale="nl_NL")
        >>> at = dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC)
        >>> active = transition(account, AccountStatus.ACTIVE, at=at, reason="contract signed")
        >>> active.status.value, len(active.history)
        ('active', 1)
        >>> transition(active, AccountStatus.PENDING, at=at, reason="oops")
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidTransitionError: cannot move from active to pending; ...
    """
    check_type("account", account, Account)
    to = to_enum("to", to, AccountStatus)
    check_aware("at", at)
    current = account.status
    allowed = TRANSITIONS[current]
    if to is current:
        raise InvalidTransitionError(current, to, allowed, f"the account is already {to.value}")
    if to not in allowed:
        detail = "closed is terminal" if current is AccountStatus.CLOSED else ""
        raise InvalidTransitionError(current, to, allowed, detail)
    if account.history and utc(at) < utc(account.history[-1].at):
        last = account.history[-1].at
        raise InvalidInputError(
            "at",
            at.isoformat(),
            f"must not be before the last status change ({last.isoformat()})",
        )
    if account.opened is not None and local_date(at, account.timezone) < account.opened:
        raise InvalidInputError(
            "at",
            at.isoformat(),
            f"must not be before the account was opened on {account.opened.isoformat()}",
        )
    change = StatusChange(at=at, from_status=current, to_status=to, reason=reason, actor=actor)
    return attrs.evolve(account, status=to, history=(*account.history, change))


def status_at(account: Account, at: dt.datetime, /) -> AccountStatus:
    """Return the status ``account`` had at the moment ``at``.

    A change takes effect at its ``at``: at that very instant the account
    already has the new status. Before the first change the account had the
    first change's ``from_status``; without history, its current status.

    Args:
        account: The account, with its history of status changes.
        at: The moment asked about (timezone-aware).

    Returns:
        The status in force at ``at``.

    Raises:
        InvalidTypeError: ``account`` is not an
            [Account][accountplan.accounts.Account] or ``at`` is not a
            ``datetime``.
        InvalidInputError: ``at`` is naive, or falls before the day the
            account was opened (when ``opened`` is known).

    Examples:
        >>> import datetime as dt
        >>> from accountplan.accounts import Account, AccountStatus, AccountType, transition
        >>> account = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.PENDING, currency="EUR", timezone="UTC",
        ...                   locale="en")
        >>> jan, mar = (dt.datetime(2026, m, 1, tzinfo=dt.UTC) for m in (1, 3))
        >>> account = transition(account, AccountStatus.ACTIVE, at=jan, reason="signed")
        >>> account = transition(account, AccountStatus.SUSPENDED, at=mar, reason="unpaid")
        >>> status_at(account, dt.datetime(2026, 2, 1, tzinfo=dt.UTC)).value
        'active'
        >>> status_at(account, mar).value
        'suspended'
    """
    check_type("account", account, Account)
    check_aware("at", at)
    if account.opened is not None and local_date(at, account.timezone) < account.opened:
        raise InvalidInputError(
            "at",
            at.isoformat(),
            f"is before the account was opened on {account.opened.isoformat()}",
        )
    history = account.history
    if not history:
        return account.status
    moments = [utc(change.at) for change in history]
    count = bisect_right(moments, utc(at))
    return history[0].from_status if count == 0 else history[count - 1].to_status
