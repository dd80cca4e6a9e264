"""Automatic status changes: a lifecycle policy evaluated against account facts.

[lifecycle_actions][accountplan.accounts.lifecycle_actions] tries the policy's
rules in a fixed order, most severe first, and the first rule that fires
decides (the way Kill Bill evaluates its overdue states, worst state first):

1. ``close`` — a closure was requested; refused while a balance is
   outstanding, unless it has been written off.
2. ``suspend`` — the oldest overdue item is ``suspend_after_days`` or more
   days past due (from ``active`` or ``inactive``).
3. ``mark_inactive`` — no activity for ``inactive_after_days`` or more days
   (from ``active``).
4. ``reactivate`` — a suspended account has nothing overdue any more.

Every rule is reported in the decision with its outcome and reason, so the
decision can be shown to a customer: which rule fired, and why each of the
others did not (or would have, but came later). The facts come from the
caller (for example from a dunning run), so this module does not depend on
billing.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final

import attrs

from accountplan._typing import LIFECYCLE_RULES, LifecycleRule
from accountplan._validate import (
    check_aware,
    check_type,
    enum_converter,
    free_text,
    instance_of,
    named,
    non_empty,
    one_of,
    optional,
    plain_date,
    tuple_of,
)
from accountplan.accounts._account import (
    TRANSITIONS,
    Account,
    AccountStatus,
    local_date,
    utc,
)
from accountplan.accounts._transitions import transition
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from accountplan.money import Money

__all__ = [
    "MAX_POLICY_DAYS",
    "AccountFacts",
    "LifecycleDecision",
    "LifecyclePolicy",
    "RuleEvaluation",
    "RuleOutcome",
    "apply_decision",
    "lifecycle_actions",
]

MAX_POLICY_DAYS: Final = 36_525
"""The largest day count a policy or a fact may name (about 100 years)."""

_S = AccountStatus


def _days(*, minimum: int) -> Any:
    def check(field: str, value: Any) -> int:
        check_type(field, value, int)
        if not minimum <= value <= MAX_POLICY_DAYS:
            raise InvalidInputError(field, value, f"must be from {minimum} to {MAX_POLICY_DAYS}")
        return value  # type: ignore[no-any-return]

    return optional(named(check))


@attrs.frozen(kw_only=True)
class LifecyclePolicy:
    """The automatic status changes an account plan calls for.

    Attributes:
        suspend_after_days: Suspend an active or inactive account once its
            oldest overdue item is this many days past due (1 or more), or
            ``None`` to never suspend automatically.
        inactive_after_days: Mark an active account inactive after this
            many days without activity, or ``None`` (default) to never do so.
        reactivate_when_paid: Reactivate a suspended account once nothing is
            overdue.
        reactivate_manual_suspensions: Also reactivate accounts that were
            suspended by someone other than ``actor`` (for example by hand,
            for fraud). Off by default: a person's suspension is lifted by a
            person.
        close_on_request: Close an account whose closure was requested, once
            nothing is outstanding (or the balance was written off).
        actor: The name recorded as the actor of the changes the policy makes.

    Examples:
        >>> policy = LifecyclePolicy(suspend_after_days=30, inactive_after_days=365)
        >>> policy.suspend_after_days, policy.reactivate_when_paid
        (30, True)
    """

    suspend_after_days: int | None = attrs.field(default=30, validator=_days(minimum=1))
    inactive_after_days: int | None = attrs.field(default=None, validator=_days(minimum=1))
    reactivate_when_paid: bool = attrs.field(default=True, validator=instance_of(bool))
    reactivate_manual_suspensions: bool = attrs.field(default=False, validator=instance_of(bool))
    close_on_request: bool = attrs.field(default=True, validator=instance_of(bool))
    actor: str = attrs.field(default="lifecycle", validator=non_empty)


@attrs.frozen(kw_only=True)
class AccountFacts:
    """What is known about an account on the day a policy is evaluated.

    Give the overdue position as ``oldest_overdue_due``, ``days_past_due``
    or both (they must then agree); neither means nothing is overdue. A
    [DunningResult][accountplan.billing.DunningResult] carries both.

    Attributes:
        oldest_overdue_due: The earliest due date among overdue items, or
            ``None``. It must be before the evaluation day.
        days_past_due: Days since that due date; ``0`` when nothing is
            overdue.
        last_activity: The day of the customer's last activity (a login, an
            order, a call), or ``None``: the policy then counts from the last
            status change, or from ``opened``.
        outstanding: The balance still owed, or ``None`` for none; in the
            account's currency.
        written_off: The outstanding balance has been written off.
        closure_requested: The customer (or the company) asked to close the
            account.

    Examples:
        >>> AccountFacts(oldest_overdue_due=dt.date(2026, 1, 15)).days_past_due is None
        True
    """

    oldest_overdue_due: dt.date | None = attrs.field(default=None, validator=optional(plain_date))
    days_past_due: int | None = attrs.field(default=None, validator=_days(minimum=0))
    last_activity: dt.date | None = attrs.field(default=None, validator=optional(plain_date))
    outstanding: Money | None = attrs.field(default=None, validator=optional(instance_of(Money)))
    written_off: bool = attrs.field(default=False, validator=instance_of(bool))
    closure_requested: bool = attrs.field(default=False, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.oldest_overdue_due is not None and self.days_past_due == 0:
            raise InvalidInputError(
                "days_past_due", 0, "must be more than 0 when 'oldest_overdue_due' is given"
            )


class RuleOutcome(enum.StrEnum):
    """What became of one lifecycle rule in a decision.

    A ``StrEnum``: each member is also its value string, so
    ``evaluation.outcome == "fired"`` holds for ``RuleOutcome.FIRED``, as it
    did when the outcome was a plain string. The wire value is that string.

    Examples:
        >>> RuleOutcome("not_met")
        <RuleOutcome.NOT_MET: 'not_met'>
    """

    #: This rule decides.
    FIRED = "fired"
    #: It would have fired, but a more severe rule fired first.
    SHADOWED = "shadowed"
    #: It would have fired, but something forbids it (closure with money outstanding).
    REFUSED = "refused"
    #: Its condition does not hold.
    NOT_MET = "not_met"
    #: It does not apply to the account's current status.
    NOT_APPLICABLE = "not_applicable"
    #: The policy switches it off.
    DISABLED = "disabled"


@attrs.frozen(kw_only=True)
class RuleEvaluation:
    """How one rule of a policy came out.

    Attributes:
        rule: ``close``, ``suspend``, ``mark_inactive`` or ``reactivate``.
        outcome: ``fired`` (this rule decides), ``shadowed`` (it would have
            fired, but an earlier rule did), ``refused`` (asked for, but not
            allowed), ``not_met``, ``not_applicable`` (not from the current
            status) or ``disabled`` (switched off in the policy).
        reason: Why, in words.

    Examples:
        >>> RuleEvaluation(rule="suspend", outcome="not_met", reason="nothing is overdue").rule
        'suspend'
    """

    rule: LifecycleRule = attrs.field(validator=one_of(LIFECYCLE_RULES))
    outcome: RuleOutcome = attrs.field(converter=enum_converter(RuleOutcome))  # type: ignore[misc]  # attrs.Converter
    reason: str = attrs.field(validator=free_text)


@attrs.frozen(kw_only=True)
class LifecycleDecision:
    """What a lifecycle policy calls for on one day, and why.

    Attributes:
        account_number: The account evaluated.
        as_of: The day evaluated, in the account's time zone.
        status: The account's status when evaluated.
        to_status: The status to move to, or ``None`` when nothing is to be
            done.
        rule: The rule that fired, or ``None``.
        reason: Why: the fired rule's reason, or why nothing fired.
        actor: The actor to record on the change (the policy's ``actor``).
        evaluations: Every rule in the order tried, with its outcome.

    Examples:
        >>> decision = LifecycleDecision(account_number="A-1", as_of=dt.date(2026, 3, 1),
        ...     status=AccountStatus.ACTIVE, to_status=None, rule=None,
        ...     reason="no rule fired", actor="lifecycle")
        >>> decision.to_status is None
        True
    """

    account_number: str = attrs.field(validator=non_empty)
    as_of: dt.date = attrs.field(validator=plain_date)
    status: AccountStatus = attrs.field(converter=enum_converter(AccountStatus))  # type: ignore[misc]  # attrs.Converter
    to_status: AccountStatus | None = attrs.field(
        converter=enum_converter(AccountStatus, optional=True)  # type: ignore[misc]  # attrs.Converter
    )
    rule: LifecycleRule | None = attrs.field(validator=optional(one_of(LIFECYCLE_RULES)))
    reason: str = attrs.field(validator=free_text)
    actor: str = attrs.field(validator=non_empty)
    evaluations: tuple[RuleEvaluation, ...] = attrs.field(
        default=(),
        converter=tuple_of(RuleEvaluation, limit=len(LIFECYCLE_RULES)),  # type: ignore[misc]  # attrs.Converter
    )


# -- evaluation -----------------------------------------------------------------


def _evaluation_day(account: Account, as_of: dt.date | dt.datetime) -> dt.date:
    if isinstance(as_of, dt.datetime):
        check_aware("as_of", as_of)
        if account.history and utc(as_of) < utc(account.history[-1].at):
            raise InvalidInputError(
                "as_of",
                as_of.isoformat(),
                f"must not be before the last status change ({account.history[-1].at.isoformat()})",
            )
        return local_date(as_of, account.timezone)
    if not isinstance(as_of, dt.date):
        raise InvalidTypeError("as_of", as_of, "must be a date or a timezone-aware datetime")
    if account.history:
        last_day = local_date(account.history[-1].at, account.timezone)
        if as_of < last_day:
            raise InvalidInputError(
                "as_of",
                as_of.isoformat(),
                f"must not be before the day of the last status change ({last_day.isoformat()})",
            )
    return as_of


def _days_past_due(facts: AccountFacts, on: dt.date) -> int:
    due = facts.oldest_overdue_due
    if due is None:
        return facts.days_past_due or 0
    if due >= on:
        raise InvalidInputError(
            "oldest_overdue_due",
            due.isoformat(),
            f"must be before the evaluation day {on.isoformat()}: an item is overdue only "
            "after its due date",
        )
    days = (on - due).days
    if facts.days_past_due is not None and facts.days_past_due != days:
        raise InvalidInputError(
            "days_past_due",
            facts.days_past_due,
            f"disagrees with 'oldest_overdue_due' {due.isoformat()}, which is {days} days "
            f"before {on.isoformat()}",
        )
    return days


def _idle_since(account: Account, facts: AccountFacts, on: dt.date) -> tuple[dt.date, str] | None:
    if facts.last_activity is not None:
        if facts.last_activity > on:
            raise InvalidInputError(
                "last_activity",
                facts.last_activity.isoformat(),
                f"must not be after the evaluation day {on.isoformat()}",
            )
        return facts.last_activity, "the last activity"
    if account.history:
        return local_date(account.history[-1].at, account.timezone), "the last status change"
    if account.opened is not None:
        return account.opened, "the day the account was opened"
    return None


def _balance_open(account: Account, facts: AccountFacts) -> bool:
    if facts.outstanding is None:
        return False
    if facts.outstanding.currency != account.currency:
        raise CurrencyMismatchError(account.currency, facts.outstanding.currency, "compare")
    return facts.outstanding.amount > 0


def _not_from(status: AccountStatus, rule: str) -> tuple[RuleOutcome, str]:
    return RuleOutcome.NOT_APPLICABLE, f"{rule} does not apply to an account that is {status.value}"


def _close(
    account: Account, policy: LifecyclePolicy, facts: AccountFacts
) -> tuple[RuleOutcome, str]:
    status = account.status
    if not policy.close_on_request:
        return RuleOutcome.DISABLED, "the policy does not close accounts on request"
    if _S.CLOSED not in TRANSITIONS[status]:
        return _not_from(status, "closing")
    if not facts.closure_requested:
        return RuleOutcome.NOT_MET, "no closure was requested"
    if _balance_open(account, facts):
        assert facts.outstanding is not None
        if not facts.written_off:
            return (
                RuleOutcome.REFUSED,
                f"closure was requested, but {facts.outstanding} is outstanding and has not "
                "been written off",
            )
        return (
            RuleOutcome.FIRED,
            f"closure was requested; the outstanding {facts.outstanding} was written off",
        )
    return RuleOutcome.FIRED, "closure was requested and nothing is outstanding"


def _suspend(policy: LifecyclePolicy, status: AccountStatus, days: int) -> tuple[RuleOutcome, str]:
    limit = policy.suspend_after_days
    if limit is None:
        return RuleOutcome.DISABLED, "the policy does not suspend accounts"
    if status not in (_S.ACTIVE, _S.INACTIVE):
        return _not_from(status, "suspension")
    if days == 0:
        return RuleOutcome.NOT_MET, "nothing is overdue"
    if days < limit:
        return (
            RuleOutcome.NOT_MET,
            f"the oldest overdue item is {days} days past due; suspension at {limit}",
        )
    return (
        RuleOutcome.FIRED,
        f"the oldest overdue item is {days} days past due; the policy suspends at {limit} days",
    )


def _mark_inactive(
    account: Account, policy: LifecyclePolicy, facts: AccountFacts, on: dt.date
) -> tuple[RuleOutcome, str]:
    limit = policy.inactive_after_days
    if limit is None:
        return RuleOutcome.DISABLED, "the policy does not mark accounts inactive"
    since = _idle_since(account, facts, on)
    if account.status is not _S.ACTIVE:
        return _not_from(account.status, "marking inactive")
    if since is None:
        return (
            RuleOutcome.NOT_MET,
            "no activity date is known (no last activity, history or opening date)",
        )
    day, what = since
    idle = (on - day).days
    if idle < limit:
        return (
            RuleOutcome.NOT_MET,
            f"{idle} days since {what} ({day.isoformat()}); inactive at {limit}",
        )
    return (
        RuleOutcome.FIRED,
        f"{idle} days since {what} ({day.isoformat()}); the policy marks accounts inactive "
        f"after {limit} days",
    )


def _reactivate(account: Account, policy: LifecyclePolicy, days: int) -> tuple[RuleOutcome, str]:
    if not policy.reactivate_when_paid:
        return RuleOutcome.DISABLED, "the policy does not reactivate accounts"
    if account.status is not _S.SUSPENDED:
        return _not_from(account.status, "reactivation")
    if days > 0:
        return RuleOutcome.NOT_MET, f"the oldest overdue item is still {days} days past due"
    suspended_by = account.history[-1].actor if account.history else None
    if suspended_by != policy.actor and not policy.reactivate_manual_suspensions:
        who = repr(suspended_by) if suspended_by is not None else "an unknown actor"
        return (
            RuleOutcome.NOT_APPLICABLE,
            f"the account was suspended by {who}, not by the policy ({policy.actor!r})",
        )
    return RuleOutcome.FIRED, "nothing is overdue any more"


_TARGET: Final[dict[str, AccountStatus]] = {
    "close": _S.CLOSED,
    "suspend": _S.SUSPENDED,
    "mark_inactive": _S.INACTIVE,
    "reactivate": _S.ACTIVE,
}


def lifecycle_actions(
    account: Account,
    /,
    *,
    as_of: dt.date | dt.datetime,
    facts: AccountFacts,
    policy: LifecyclePolicy,
) -> LifecycleDecision:
    """Return the automatic status change ``policy`` calls for on ``as_of``.

    The rules are tried most severe first (``close``, ``suspend``,
    ``mark_inactive``, ``reactivate``) and the first that fires decides;
    the decision lists every rule with its outcome and reason.

    Args:
        account: The account.
        as_of: The day of the evaluation, or an aware datetime (its day in
            the account's time zone is used). Not before the last status
            change.
        facts: The overdue position, activity and balance on that day.
        policy: The rules (thresholds in days).

    Returns:
        The decision: the status to move to and the rule that fired (both
        ``None`` when no rule fires), with every rule's outcome and reason.

    Raises:
        InvalidTypeError: ``account``, ``facts`` or ``policy`` is not of its
            type, or an ``as_of`` datetime is not a ``datetime``.
        InvalidInputError: ``as_of`` is naive, not a date, or before the last
            change; or the facts contradict themselves or the evaluation day
            (an overdue due date on or after it, a ``days_past_due`` that
            disagrees, a last activity after it).
        CurrencyMismatchError: ``facts.outstanding`` is not in the account's
            currency.

    Examples:
        >>> from accountplan.accounts import Account, AccountStatus, AccountType
        >>> account = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.ACTIVE, currency="EUR", timezone="UTC",
        ...                   locale="en")
        >>> facts = AccountFacts(oldest_overdue_due=dt.date(2026, 1, 31))
        >>> decision = lifecycle_actions(account, as_of=dt.date(2026, 3, 2), facts=facts,
        ...                              policy=LifecyclePolicy(suspend_after_days=30))
        >>> decision.to_status.value, decision.rule
        ('suspended', 'suspend')
        >>> decision.reason
        'the oldest overdue item is 30 days past due; the policy suspends at 30 days'
    """
    check_type("account", account, Account)
    check_type("facts", facts, AccountFacts)
    check_type("policy", policy, LifecyclePolicy)
    on = _evaluation_day(account, as_of)
    days = _days_past_due(facts, on)
    results: dict[str, tuple[RuleOutcome, str]] = {
        "close": _close(account, policy, facts),
        "suspend": _suspend(policy, account.status, days),
        "mark_inactive": _mark_inactive(account, policy, facts, on),
        "reactivate": _reactivate(account, policy, days),
    }
    fired: str | None = None
    evaluations: list[RuleEvaluation] = []
    for rule in LIFECYCLE_RULES:
        outcome, reason = results[rule]
        if outcome is RuleOutcome.FIRED:
            if fired is None:
                fired = rule
            else:
                outcome = RuleOutcome.SHADOWED
                reason = f"{reason}; but {fired!r} came first"
        evaluations.append(RuleEvaluation(rule=rule, outcome=outcome, reason=reason))  # type: ignore[arg-type]
    if fired is None:
        summary = "no rule fired: " + "; ".join(f"{e.rule}: {e.reason}" for e in evaluations)
        return LifecycleDecision(
            account_number=account.number,
            as_of=on,
            status=account.status,
            to_status=None,
            rule=None,
            reason=summary,
            actor=policy.actor,
            evaluations=evaluations,
        )
    return LifecycleDecision(
        account_number=account.number,
        as_of=on,
        status=account.status,
        to_status=_TARGET[fired],
        rule=fired,  # type: ignore[arg-type]
        reason=results[fired][1],
        actor=policy.actor,
        evaluations=evaluations,
    )


def apply_decision(account: Account, decision: LifecycleDecision, /, *, at: dt.datetime) -> Account:
    """Carry out a decision: the account after its status change, or unchanged.

    The change is recorded at ``at`` with the decision's reason and actor.

    Args:
        account: The account the decision was made for.
        decision: A decision from
            [lifecycle_actions][accountplan.accounts.lifecycle_actions].
        at: When the change takes effect (timezone-aware); not before the
            last change in the history.

    Returns:
        The account after the decided transition, or ``account`` itself when
        no rule fired.

    Raises:
        InvalidTypeError: ``account`` or ``decision`` is not of its type, or
            ``at`` is not a ``datetime``.
        InvalidInputError: the decision is for another account, the
            account's status changed since the decision was made, or ``at``
            is naive or too early (see
            [transition][accountplan.accounts.transition]).
        InvalidTransitionError: the decided move is no longer allowed.

    Examples:
        >>> from accountplan.accounts import Account, AccountStatus, AccountType
        >>> account = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.ACTIVE, currency="EUR", timezone="UTC",
        ...                   locale="en")
        >>> facts = AccountFacts(days_past_due=45)
        >>> decision = lifecycle_actions(account, as_of=dt.date(2026, 3, 2), facts=facts,
        ...                              policy=LifecyclePolicy())
        >>> after = apply_decision(account, decision,
        ...                        at=dt.datetime(2026, 3, 2, 6, tzinfo=dt.UTC))
        >>> after.status.value, after.history[-1].actor
        ('suspended', 'lifecycle')
    """
    check_type("account", account, Account)
    check_type("decision", decision, LifecycleDecision)
    if decision.account_number != account.number:
        raise InvalidInputError(
            "decision",
            decision.account_number,
            f"is for another account than {account.number!r}",
        )
    if decision.status is not account.status:
        raise InvalidInputError(
            "decision",
            decision.status.value,
            f"was made for a {decision.status.value} account, but the account is now "
            f"{account.status.value}; evaluate again",
        )
    if decision.to_status is None:
        return account
    return transition(
        account, decision.to_status, at=at, reason=decision.reason, actor=decision.actor
    )
