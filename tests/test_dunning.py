"""Dunning ladders: levels by days overdue, no repeats, stop when paid, lifecycle facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.billing import (
    DunningAction,
    DunningLevel,
    DunningPolicy,
    DunningRecord,
    InterestPolicy,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    Settlement,
    dunning_actions,
)
from accountplan.exceptions import InvalidInputError
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
        reference="SI-1",
        issued=D(2025, 2, 1),
        due=DUE,
        amount=eur(amount),
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
    history = [DunningRecord(item="SI-1", level="second_notice", on=on(15))]
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
    paid = invoice(settlements=[Settlement(on=on(10), amount=eur(100))])
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
    history = [DunningRecord(item="SI-1", level="suspend", on=on(30))]
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
        reference="X", issued=D(2025, 2, 1), due=DUE, amount=eur(100), account_number="C-2"
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
            history=[DunningRecord(item="SI-1", level="nope", on=on(1))],
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
            reference=f"I{n}",
            issued=i.issued,
            due=i.due,
            amount=i.amount,
            settlements=i.settlements,
            account_number="C-1",
        )
        for n, i in enumerate(items)
    ]
    history: list[DunningRecord] = []
    start = min((i.due for i in items), default=DUE) + dt.timedelta(days=offset % 40 - 30)
    for day in range(0, 120, 3):
        today = start + dt.timedelta(days=day)
        result = dunning_actions("C-1", items, as_of=today, policy=policy, history=history)
        for step in result.steps:
            history.append(DunningRecord(item=step.item, level=step.level, on=today))
    pairs = [(r.item, r.level) for r in history]
    assert len(set(pairs)) == len(pairs)


@given(dunning_policies())
def test_dunning_policy_json_round_trip(policy: DunningPolicy) -> None:
    """Every dunning policy survives JSON exactly."""
    assert policy == from_json(to_json(policy), DunningPolicy)
