"""Dunning ladders: levels by days overdue, no repeats, stop when paid, lifecycle facts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan import billing
from accountplan.accounts import Account, AccountStatus, AccountType
from accountplan.billing import (
    DunningAction,
    DunningLevel,
    DunningPolicy,
    DunningRecord,
    InterestPolicy,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    Payment,
    Settlement,
    dunning_actions,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money
from accountplan.serialization import from_json, to_json
from tests.strategies_receivables import dunning_policies, open_items

D = dt.date
DUE = D(2025, 3, 1)


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


# ERPNext test_dunning: "First Notice" (no fee, no interest) and "Second Notice"
# (fee 10.0, interest 10.0 % a year); here as a ladder with a friendly reminder before the
# due date and suspension and collections afterwards.
SECOND_NOTICE_FEE = LateFeePolicy(
    components=[
        LateFeeComponent(kind="flat", amount=eur(10)),
        LateFeeComponent(kind="interest", interest=InterestPolicy(rate="10")),
    ]
)
POLICY = DunningPolicy(
    levels=[
        DunningLevel(name="heads_up", days=-3, action=DunningAction.REMINDER, message="due_soon"),
        DunningLevel(name="first_notice", days=7, action=DunningAction.REMINDER),
        DunningLevel(
            name="second_notice", days=15, action=DunningAction.FINAL_NOTICE, fee=SECOND_NOTICE_FEE
        ),
        DunningLevel(name="suspend", days=30, action=DunningAction.SUSPEND_SERVICE),
        DunningLevel(name="collections", days=60, action=DunningAction.COLLECTIONS),
    ]
)


def invoice(amount: str | int = 100, **kw: Any) -> OpenItem:
    return OpenItem(
        number="SI-1",
        issue_date=D(2025, 2, 1),
        due_date=DUE,
        total=eur(amount),
        **kw,
    )


def on(days: int) -> dt.date:
    return DUE + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("days", "level"),
    [
        (-4, None),
        (-3, "heads_up"),
        (0, "heads_up"),
        (7, "first_notice"),
        (15, "second_notice"),
        (30, "suspend"),
        (61, "collections"),
    ],
)
def test_highest_level_reached(days: int, level: str | None) -> None:
    """The step is the highest level whose day has come."""
    result = dunning_actions("C-1", [invoice()], as_of=on(days), policy=POLICY)
    assert ([level] if level else []) == [s.level for s in result.steps]


def test_second_notice_fee_matches_erpnext() -> None:
    """The second notice charges 10 + 10 % interest for 15 days on 100: 10.41."""
    # erpnext/accounts/doctype/dunning/test_dunning.py, test_dunning_with_fees_and_interest.
    (step,) = dunning_actions("C-1", [invoice()], as_of=on(15), policy=POLICY).steps
    assert step.fee is not None
    assert eur("10.41") == step.fee.amount


def test_never_repeats_and_never_goes_back() -> None:
    """A level already done is not repeated; lower levels passed over stay skipped."""
    history = [DunningRecord(invoice="SI-1", level="second_notice", on=on(15))]
    assert (
        ()
        == dunning_actions("C-1", [invoice()], as_of=on(20), policy=POLICY, history=history).steps
    )
    (step,) = dunning_actions(
        "C-1", [invoice()], as_of=on(31), policy=POLICY, history=history
    ).steps
    assert ("suspend", ()) == (step.level, step.skipped)
    (late,) = dunning_actions("C-1", [invoice()], as_of=on(16), policy=POLICY).steps
    assert ("second_notice", ("heads_up", "first_notice")) == (late.level, late.skipped)


def test_stops_once_paid() -> None:
    """A paid item gets no more dunning, and the facts show nothing overdue."""
    paid = invoice(settlements=[Settlement(settled_on=on(10), amount=eur(100))])
    result = dunning_actions("C-1", [paid], as_of=on(40), policy=POLICY)
    assert ((), eur(0), None, 0, False) == (
        result.steps,
        result.overdue,
        result.oldest_overdue_due,
        result.days_past_due,
        result.suspend,
    )


def test_lifecycle_facts() -> None:
    """The result tells the lifecycle how long the oldest debt is overdue and whether to suspend."""
    history = [DunningRecord(invoice="SI-1", level="suspend", on=on(30))]
    result = dunning_actions("C-1", [invoice()], as_of=on(45), policy=POLICY, history=history)
    assert (DUE, 45, True, False, eur(100)) == (
        result.oldest_overdue_due,
        result.days_past_due,
        result.suspend,
        result.collections,
        result.overdue,
    )


def test_minimum_amount_and_other_accounts() -> None:
    """Small balances and other accounts' items are not dunned."""
    policy = DunningPolicy(levels=POLICY.levels, minimum_amount=eur(5))
    small = invoice(amount="4.99")
    assert () == dunning_actions("C-1", [small], as_of=on(10), policy=policy).steps
    other = OpenItem(
        number="X", issue_date=D(2025, 2, 1), due_date=DUE, total=eur(100), account_number="C-2"
    )
    assert () == dunning_actions("C-1", [other], as_of=on(10), policy=POLICY).steps


def test_policy_validation() -> None:
    """Levels must increase in days and have distinct names; history must name known levels."""
    with pytest.raises(InvalidInputError, match="'levels'"):
        DunningPolicy(
            levels=[
                DunningLevel(name="a", days=10, action=DunningAction.REMINDER),
                DunningLevel(name="b", days=10, action=DunningAction.REMINDER),
            ]
        )
    with pytest.raises(InvalidInputError, match="'history'"):
        dunning_actions(
            "C-1",
            [invoice()],
            as_of=on(10),
            policy=POLICY,
            history=[DunningRecord(invoice="SI-1", level="nope", on=on(1))],
        )


@given(
    dunning_policies(),
    st.lists(open_items(account="C-1"), min_size=1, max_size=4),
    st.integers(-30, 400),
)
def test_running_daily_never_repeats_a_level(
    policy: DunningPolicy, items: list[OpenItem], offset: int
) -> None:
    """Running every day and recording each step never does the same level twice."""
    items = [
        OpenItem(
            number=f"I{n}",
            issue_date=i.issue_date,
            due_date=i.due_date,
            total=i.total,
            settlements=i.settlements,
            account_number="C-1",
        )
        for n, i in enumerate(items)
    ]
    history: list[DunningRecord] = []
    start = min((i.due_date for i in items), default=DUE) + dt.timedelta(days=offset % 40 - 30)
    for day in range(0, 120, 3):
        today = start + dt.timedelta(days=day)
        result = dunning_actions("C-1", items, as_of=today, policy=policy, history=history)
        for step in result.steps:
            history.append(DunningRecord(invoice=step.invoice, level=step.level, on=today))
    pairs = [(r.invoice, r.level) for r in history]
    assert len(set(pairs)) == len(pairs)


@given(dunning_policies())
def test_dunning_policy_json_round_trip(policy: DunningPolicy) -> None:
    """Every dunning policy survives JSON exactly."""
    assert policy == from_json(to_json(policy), DunningPolicy)


def test_erpnext_v13_first_notice_fee_and_interest() -> None:
    """Fee 20 plus 8 % a year on 100 for 20 days: 0.44 interest, 20.44 in all; 0 %: 20.00."""

    # erpnext v13 erpnext/accounts/doctype/dunning/test_dunning.py: dunning type "First Notice"
    # (dunning_fee 20, rate_of_interest 8) gives interest_amount 0.44 and dunning_amount 20.44
    # on an outstanding 100; "First Notice with 0% Rate of Interest" gives 0 and 20.
    # 100 * 8 % * 20 / 365 = 0.438 -> 0.44.
    def ladder(rate: str) -> DunningPolicy:
        fee = LateFeePolicy(
            components=[
                LateFeeComponent(kind="flat", amount=eur(20)),
                LateFeeComponent(kind="interest", interest=InterestPolicy(rate=rate)),
            ]
        )
        return DunningPolicy(
            levels=[
                DunningLevel(name="first_notice", days=10, action=DunningAction.REMINDER, fee=fee)
            ]
        )

    for rate, interest, total in (("8", "0.44", "20.44"), ("0", "0.00", "20.00")):
        (step,) = dunning_actions("C-1", [invoice()], as_of=on(20), policy=ladder(rate)).steps
        assert step.fee is not None
        assert (eur(interest), eur(total)) == (step.fee.lines[1].amount, step.fee.amount)


def test_erpnext_partially_due_invoice() -> None:
    """Only the overdue installment is dunned; paying it resolves the dunning."""
    # erpnext/accounts/doctype/dunning/test_dunning.py,
    # test_dunning_and_payment_against_partially_due_invoice: 100 on terms 50 % after 5 days
    # and 50 % after 10 days, dunned 6 days after the invoice date: one overdue payment
    # (the first term); after the payment the invoice is "Partly Paid", the dunning resolved.
    posted = D(2025, 3, 1)
    terms = [
        OpenItem(
            number="SI-2/1",
            issue_date=posted,
            due_date=posted + dt.timedelta(days=5),
            total=eur(50),
        ),
        OpenItem(
            number="SI-2/2",
            issue_date=posted,
            due_date=posted + dt.timedelta(days=10),
            total=eur(50),
        ),
    ]
    ladder = DunningPolicy(
        levels=[DunningLevel(name="first_notice", days=1, action=DunningAction.REMINDER)]
    )
    today = posted + dt.timedelta(days=6)
    result = dunning_actions("C-1", terms, as_of=today, policy=ladder)
    assert (["SI-2/1"], eur(50)) == ([s.invoice for s in result.steps], result.overdue)
    payment = Payment(reference="PE-2", amount=eur(50), received_on=today)
    paid = billing.open_items(terms, [payment], as_of=today)
    after = dunning_actions("C-1", paid, as_of=today, policy=ladder)
    assert ((), eur(0), ["SI-2/2"]) == (
        after.steps,
        after.overdue,
        [i.number for i in paid],
    )


def test_collections_and_reminder_before_due() -> None:
    """A reminder before the due date says so; a collections level sets both lifecycle flags."""
    (step,) = dunning_actions("C-1", [invoice()], as_of=on(-2), policy=POLICY).steps
    assert ("heads_up", "due_soon", -2) == (step.level, step.message, step.days_overdue)
    assert "2 days before its due date" in step.reason
    result = dunning_actions("C-1", [invoice()], as_of=on(60), policy=POLICY)
    assert (True, True, 60) == (result.suspend, result.collections, result.days_past_due)


def test_account_values_and_currency_without_items() -> None:
    """An Account (with number and currency) works without items; a bare number does not."""
    account = Account(
        number="C-1",
        name="Acme BV",
        type=AccountType.BUSINESS,
        status=AccountStatus.ACTIVE,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
    )
    result = dunning_actions(account, [], as_of=on(10), policy=POLICY)
    assert ("C-1", (), eur(0), None) == (
        result.account_number,
        result.steps,
        result.overdue,
        result.oldest_overdue_due,
    )
    with pytest.raises(InvalidInputError) as excinfo:
        dunning_actions("C-1", [], as_of=on(10), policy=POLICY)
    assert ("account", "C-1") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidTypeError) as excinfo:
        dunning_actions(42, [invoice()], as_of=on(10), policy=POLICY)  # type: ignore[arg-type]
    assert ("account", 42) == (excinfo.value.field, excinfo.value.value)
    # Regression: any object with a ``number`` attribute was taken as an account.
    with pytest.raises(InvalidTypeError) as excinfo:
        dunning_actions(
            SimpleNamespace(number="C-1", currency="EUR"),  # type: ignore[arg-type]
            [],
            as_of=on(10),
            policy=POLICY,
        )
    assert "account" == excinfo.value.field
    other = OpenItem(
        number="X", issue_date=D(2025, 2, 1), due_date=DUE, total=eur(100), account_number="C-2"
    )
    # Only another account's items: the currency comes from them, nothing is dunned.
    assert eur(0) == dunning_actions("C-1", [other], as_of=on(10), policy=POLICY).overdue


def test_currency_errors() -> None:
    """An account's items share one currency, and so does the minimum amount."""
    usd = OpenItem(
        number="U", issue_date=D(2025, 2, 1), due_date=DUE, total=Money(amount=5, currency="USD")
    )
    with pytest.raises(CurrencyMismatchError):
        dunning_actions("C-1", [invoice(), usd], as_of=on(10), policy=POLICY)
    policy = DunningPolicy(levels=POLICY.levels, minimum_amount=Money(amount=5, currency="USD"))
    with pytest.raises(CurrencyMismatchError):
        dunning_actions("C-1", [invoice()], as_of=on(10), policy=policy)


def test_level_and_policy_validation_name_the_field() -> None:
    """Bad levels, ladders, minimums and histories are refused, naming the field and value."""
    level = DunningLevel(name="a", days=1, action=DunningAction.REMINDER)
    with pytest.raises(InvalidInputError) as excinfo:
        DunningLevel(name="a", days=-366, action=DunningAction.REMINDER)
    assert ("days", -366) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        DunningLevel(name="a", days=1, action="remind")
    assert ("action", "remind") == (excinfo.value.field, excinfo.value.value)
    assert DunningAction.REMINDER is DunningLevel(name="a", days=1, action="reminder").action
    with pytest.raises(InvalidInputError) as excinfo:
        DunningPolicy(levels=level)
    assert "levels" == excinfo.value.field
    with pytest.raises(InvalidInputError) as excinfo:
        DunningPolicy(levels=[])
    assert ("levels", [], "'levels' must not be empty (got [])") == (
        excinfo.value.field,
        excinfo.value.value,
        str(excinfo.value),
    )
    with pytest.raises(LimitExceededError) as limit:
        DunningPolicy(
            levels=[
                DunningLevel(name=f"l{d}", days=d, action=DunningAction.REMINDER) for d in range(51)
            ]
        )
    assert ("levels", 51, 50) == (limit.value.field, limit.value.value, limit.value.limit)
    with pytest.raises(InvalidInputError) as excinfo:
        DunningPolicy(levels=[level, attrs.evolve(level, days=2)])
    assert ("levels[1].name", "a", "'levels[1].name' repeats levels[0].name (got 'a')") == (
        excinfo.value.field,
        excinfo.value.value,
        str(excinfo.value),
    )
    with pytest.raises(InvalidInputError) as excinfo:
        DunningPolicy(levels=[level], minimum_amount=eur(-1))
    assert ("minimum_amount", eur(-1)) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        dunning_actions("C-1", [invoice()], as_of=on(1), policy=POLICY, history="x")  # type: ignore[arg-type]
    assert ("history", "x") == (excinfo.value.field, excinfo.value.value)


def test_history_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than MAX_HISTORY records raise LimitExceededError."""
    monkeypatch.setattr("accountplan.billing._dunning.MAX_HISTORY", 1)
    record = DunningRecord(invoice="SI-1", level="heads_up", on=on(-3))
    with pytest.raises(LimitExceededError) as excinfo:
        dunning_actions("C-1", [invoice()], as_of=on(1), policy=POLICY, history=[record] * 2)
    assert ("history", 2) == (excinfo.value.field, excinfo.value.value)


@given(dunning_policies(), open_items(account="C-1"), st.integers(0, 400))
def test_paid_items_are_never_dunned(policy: DunningPolicy, item: OpenItem, offset: int) -> None:
    """After the day an item is settled in full, no step names it."""
    paid = attrs.evolve(
        item,
        settlements=[Settlement(settled_on=item.due_date, amount=item.total)],
    )
    result = dunning_actions(
        "C-1", [paid], as_of=item.due_date + dt.timedelta(days=offset), policy=policy
    )
    assert ((), False, 0) == (result.steps, result.suspend, result.days_past_due)


def test_dunning_facts_drive_the_account_lifecycle() -> None:
    """The dunning result's facts feed the lifecycle policy, which suspends at 30 days."""
    accounts = pytest.importorskip("accountplan.accounts")
    account = accounts.Account(
        number="C-1",
        name="Acme BV",
        type=accounts.AccountType.BUSINESS,
        status=accounts.AccountStatus.ACTIVE,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl",
    )
    decisions = []
    for days in (29, 30):
        result = dunning_actions(account, [invoice()], as_of=on(days), policy=POLICY)
        facts = accounts.AccountFacts(
            oldest_overdue_due=result.oldest_overdue_due,
            days_past_due=result.days_past_due,
            outstanding=result.overdue,
        )
        decision = accounts.lifecycle_actions(
            account,
            as_of=on(days),
            facts=facts,
            policy=accounts.LifecyclePolicy(suspend_after_days=30),
        )
        decisions.append((result.suspend, decision.rule))
    assert [(False, None), (True, "suspend")] == decisions
