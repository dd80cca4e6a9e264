"""Dunning: a ladder of reminders keyed on days overdue, and what to do today.

A [`DunningPolicy`][accountplan.billing.DunningPolicy] lists levels by the number of days after the
due date
at which each is reached (negative: a reminder before the due date). For each
open item [`dunning_actions()`][accountplan.billing.dunning_actions] picks the highest level
reached; it is done
today unless that level or a higher one is already in the history. Levels
passed over (a ladder set up late, a missed run) are reported as skipped and
never done afterwards, so no customer gets a friendly reminder after the final
notice. Items paid in full, or open for less than ``minimum_amount``, get
nothing.

The result carries the facts the account lifecycle needs: the oldest overdue
due date, the days past due, and whether a ``suspend_service`` or
``collections`` level has been reached on an item still open.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable
from typing import Any

import attrs

from accountplan._validate import (
    check_items,
    check_non_empty,
    check_type,
    enum_converter,
    free_text,
    instance_of,
    named,
    non_empty,
    optional,
    plain_date,
)
from accountplan.accounts import Account
from accountplan.billing._allocation import check_receivables, owed_items
from accountplan.billing._daycount import check_date
from accountplan.billing._invoice import Invoice
from accountplan.billing._late_fees import LateFee, LateFeePolicy, late_fee
from accountplan.billing._payments import OpenItem
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
)
from accountplan.money import Money, sum_money

__all__ = [
    "DunningAction",
    "DunningLevel",
    "DunningPolicy",
    "DunningRecord",
    "DunningResult",
    "DunningStep",
    "dunning_actions",
]

#: The most levels one policy may have.
MAX_LEVELS = 50
#: The most history records one call accepts.
MAX_HISTORY = 1_000_000


class DunningAction(enum.Enum):
    """What a dunning level does."""

    REMINDER = "reminder"
    FINAL_NOTICE = "final_notice"
    SUSPEND_SERVICE = "suspend_service"
    COLLECTIONS = "collections"


def _days(field: str, value: Any) -> int:
    check_type(field, value, int)
    if not -365 <= value <= 3650:
        raise InvalidInputError(field, value, "must be from -365 to 3650")
    return value  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class DunningLevel:
    """One rung of the dunning ladder.

    Attributes:
        name: A unique name, such as ``"first_reminder"``.
        days: Days after the due date when the level is reached (negative
            for a reminder before the due date).
        action: What to do.
        fee: The fee and interest charged with this level, as one late-fee
            policy (a flat fee, an interest component, or both composed),
            computed on the item when the level is done; ``None`` for none.
        message: The key of the message template to send.

    Examples:
        >>> DunningLevel(name="friendly", days=-3, action=DunningAction.REMINDER).days
        -3
    """

    name: str = attrs.field(validator=non_empty)
    days: int = attrs.field(validator=named(_days))
    action: DunningAction = attrs.field(converter=enum_converter(DunningAction))  # type: ignore[misc]  # attrs.Converter
    fee: LateFeePolicy | None = attrs.field(
        default=None, validator=optional(instance_of(LateFeePolicy))
    )
    message: str = attrs.field(default="", validator=free_text)


def _levels(value: Any) -> tuple[DunningLevel, ...]:
    # Domain work beyond the shared check: the levels escalate, day by day.
    items = check_items(
        "levels", value, DunningLevel, limit=MAX_LEVELS, non_empty=True, unique_by="name"
    )
    for before, after in itertools.pairwise(items):
        if after.days <= before.days:
            raise InvalidInputError(
                "levels",
                after.name,
                f"must be in strictly increasing order of days ({after.name!r} at {after.days} "
                f"follows {before.name!r} at {before.days})",
            )
    return items


def _minimum(field: str, value: Any) -> Money:
    money = check_type(field, value, Money)
    if money.amount < 0:
        raise InvalidInputError(field, value, "must not be negative")
    return money


@attrs.frozen(kw_only=True)
class DunningPolicy:
    """A dunning ladder.

    Attributes:
        levels: The levels in strictly increasing order of ``days``.
        minimum_amount: Items with less open than this are not dunned, or
            ``None`` to dun any open amount.

    Examples:
        >>> policy = DunningPolicy(levels=[
        ...     DunningLevel(name="reminder", days=7, action=DunningAction.REMINDER),
        ...     DunningLevel(name="final", days=21, action=DunningAction.FINAL_NOTICE),
        ... ])
        >>> [level.name for level in policy.levels]
        ['reminder', 'final']
    """

    levels: tuple[DunningLevel, ...] = attrs.field(converter=_levels)
    minimum_amount: Money | None = attrs.field(default=None, validator=optional(named(_minimum)))


@attrs.frozen(kw_only=True)
class DunningRecord:
    """A dunning level done on an item (the history that prevents repeats).

    Attributes:
        invoice: The invoice number.
        level: The level's name.
        on: The day it was done.

    Examples:
        >>> import datetime as dt
        >>> DunningRecord(invoice="INV-1", level="reminder", on=dt.date(2025, 3, 1)).level
        'reminder'
    """

    invoice: str = attrs.field(validator=non_empty)
    level: str = attrs.field(validator=non_empty)
    on: dt.date = attrs.field(validator=plain_date)


@attrs.frozen(kw_only=True)
class DunningStep:
    """One thing to do today.

    Attributes:
        invoice: The invoice number.
        level: The level's name.
        action: What to do.
        message: The message template key.
        due_date: The item's due date.
        days_overdue: Days after the due date (negative before it).
        open_amount: What is open on the item.
        fee: The fee of the level, or ``None``.
        skipped: Lower levels reached but never done; they will not be done.
        reason: Why this step is due, in words.
    """

    invoice: str
    level: str
    action: DunningAction = attrs.field(converter=enum_converter(DunningAction))  # type: ignore[misc]  # attrs.Converter
    message: str
    due_date: dt.date
    days_overdue: int
    open_amount: Money
    fee: LateFee | None
    skipped: tuple[str, ...]
    reason: str


@attrs.frozen(kw_only=True)
class DunningResult:
    """What [`dunning_actions()`][accountplan.billing.dunning_actions] decided, with facts for the
    account lifecycle.

    Attributes:
        account_number: The account.
        as_of: The day of the run.
        steps: What to do today, one per item at most.
        overdue: The total open on items past their due date.
        oldest_overdue_due: The earliest due date among overdue open items.
        days_past_due: Days since that date (0 when nothing is overdue).
        suspend: A ``suspend_service`` (or later) level is reached or done on
            an item still open.
        collections: A ``collections`` level is reached or done on an item
            still open.
    """

    account_number: str
    as_of: dt.date
    steps: tuple[DunningStep, ...]
    overdue: Money
    oldest_overdue_due: dt.date | None
    days_past_due: int
    suspend: bool
    collections: bool


def account_number_of(account: Account | str) -> str:
    """The number of an account (an ``Account`` or a plain account number)."""
    if isinstance(account, str):
        return check_non_empty("account", account)
    return check_type("account", account, Account).number


_SEVERITY = {
    DunningAction.REMINDER: 0,
    DunningAction.FINAL_NOTICE: 1,
    DunningAction.SUSPEND_SERVICE: 2,
    DunningAction.COLLECTIONS: 3,
}


def dunning_actions(
    account: Account | str,
    items: Iterable[OpenItem | Invoice],
    /,
    *,
    as_of: dt.date,
    policy: DunningPolicy,
    history: Iterable[DunningRecord] = (),
) -> DunningResult:
    """Decide the dunning steps due today for an account's open items.

    ``account`` is an [`Account`][accountplan.accounts.Account] or its number;
    items of other accounts are ignored (items without an account number are
    taken as the account's). ``items`` are open items or invoices; only owed
    invoices are dunned (open and uncollectible, see
    [is_owed][accountplan.billing.is_owed]), drafts, voided and paid invoices
    are left out.

    Args:
        account: The account or its number.
        items: Open items (with their settlements) or invoices.
        as_of: The day of the run.
        policy: The dunning ladder.
        history: The levels already done.

    Returns:
        The steps to do today and the facts for the account lifecycle.

    Raises:
        InvalidInputError: Bad input, or a history naming an unknown level.
        CurrencyMismatchError: The items are in several currencies.

    Examples:
        >>> import datetime as dt
        >>> policy = DunningPolicy(levels=[
        ...     DunningLevel(name="reminder", days=7, action=DunningAction.REMINDER),
        ...     DunningLevel(name="final", days=21, action=DunningAction.FINAL_NOTICE),
        ... ])
        >>> item = OpenItem(number="INV-1", issue_date=dt.date(2025, 1, 1),
        ...                 due_date=dt.date(2025, 1, 31), total=Money(amount=100, currency="EUR"))
        >>> first = dunning_actions("C-1", [item], as_of=dt.date(2025, 2, 8), policy=policy)
        >>> [(s.level, s.days_overdue) for s in first.steps]
        [('reminder', 8)]
        >>> done = [DunningRecord(invoice="INV-1", level="reminder", on=dt.date(2025, 2, 8))]
        >>> dunning_actions("C-1", [item], as_of=dt.date(2025, 2, 9), policy=policy,
        ...                 history=done).steps
        ()
    """
    number = account_number_of(account)
    check_date("as_of", as_of)
    check_type("policy", policy, DunningPolicy)
    records = _records(history)
    raw = check_receivables("items", items)
    given = owed_items("items", raw)
    mine = [i for i in given if i.account_number in {number, ""}]
    codes = sorted({i.currency for i in mine})
    if len(codes) > 1:
        raise CurrencyMismatchError(codes[0], codes[1], "dun")
    fallback = sorted({i.currency for i in given} | {i.currency for i in raw})
    if policy.minimum_amount is not None:
        fallback.append(policy.minimum_amount.currency)
    currency = codes[0] if codes else (fallback[0] if fallback else _currency_of(account))
    position = {level.name: index for index, level in enumerate(policy.levels)}
    done: dict[str, int] = {}
    for record in records:
        if record.level not in position:
            raise InvalidInputError("history", record.level, "names a level not in the policy")
        done[record.invoice] = max(done.get(record.invoice, -1), position[record.level])
    steps: list[DunningStep] = []
    overdue: list[OpenItem] = []
    suspend = collections = False
    for item in sorted(mine, key=lambda i: (i.due_date, i.number)):
        amount = item.amount_due(as_of)
        if amount.amount <= 0:
            continue  # paid: dunning stops
        if item.due_date < as_of:
            overdue.append(item)
        if policy.minimum_amount is not None:
            if policy.minimum_amount.currency != amount.currency:
                raise CurrencyMismatchError(amount.currency, policy.minimum_amount.currency, "dun")
            if amount < policy.minimum_amount:
                continue
        days = (as_of - item.due_date).days
        reached = [i for i, level in enumerate(policy.levels) if level.days <= days]
        highest_done = done.get(item.number, -1)
        top = max([*reached, highest_done], default=-1)
        if top >= 0:
            severity = _SEVERITY[policy.levels[top].action]
            suspend = suspend or severity >= _SEVERITY[DunningAction.SUSPEND_SERVICE]
            collections = collections or severity >= _SEVERITY[DunningAction.COLLECTIONS]
        if not reached or reached[-1] <= highest_done:
            continue
        level = policy.levels[reached[-1]]
        skipped = tuple(policy.levels[i].name for i in reached[:-1] if i > highest_done)
        when = "before" if days < 0 else "after"
        steps.append(
            DunningStep(
                invoice=item.number,
                level=level.name,
                action=level.action,
                message=level.message,
                due_date=item.due_date,
                days_overdue=days,
                open_amount=amount,
                fee=None if level.fee is None else late_fee(item, as_of=as_of, policy=level.fee),
                skipped=skipped,
                reason=(
                    f"{item.number} has {amount} open {abs(days)} days {when} its due date "
                    f"{item.due_date}; level {level.name!r} starts at {level.days} days"
                ),
            )
        )
    oldest = min((i.due_date for i in overdue), default=None)
    total = sum_money((i.amount_due(as_of) for i in overdue), currency=currency).rounded()
    return DunningResult(
        account_number=number,
        as_of=as_of,
        steps=tuple(steps),
        overdue=total,
        oldest_overdue_due=oldest,
        days_past_due=(as_of - oldest).days if oldest else 0,
        suspend=suspend,
        collections=collections,
    )


def _records(history: Any) -> tuple[DunningRecord, ...]:
    return check_items("history", history, DunningRecord, limit=MAX_HISTORY)


def _currency_of(account: Account | str) -> str:
    if not isinstance(account, Account):
        raise InvalidInputError(
            "account", account, "must be an Account (with a currency) when there are no items"
        )
    return account.currency
