"""The lifecycle policy: automatic suspension, reactivation, inactivity and closure."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from accountplan._typing import LIFECYCLE_RULES
from accountplan.accounts import (
    Account,
    AccountFacts,
    AccountStatus,
    AccountType,
    LifecycleDecision,
    LifecyclePolicy,
    allowed_transitions,
    apply_decision,
    lifecycle_actions,
    status_at,
    transition,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTransitionError,
)
from accountplan.money import Money
from accountplan.serialization import from_json, to_json
from tests.strategies_accounts import facts, lifecycle_policies

S = AccountStatus
AMS = ZoneInfo("Europe/Amsterdam")
EUR = "EUR"


def eur(amount: str) -> Money:
    return Money(amount=amount, currency=EUR)


def make(status: AccountStatus = S.ACTIVE, **changes: Any) -> Account:
    base = Account(
        number="A-1",
        name="Acme",
        type=AccountType.BUSINESS,
        status=status,
        currency=EUR,
        timezone="Europe/Amsterdam",
        locale="nl_NL",
    )
    return attrs.evolve(base, **changes)


def suspended_by(actor: str | None) -> Account:
    return transition(
        make(),
        S.SUSPENDED,
        at=dt.datetime(2026, 2, 1, 9, tzinfo=AMS),
        reason="unpaid",
        actor=actor,
    )


POLICY = LifecyclePolicy(suspend_after_days=30, inactive_after_days=180)
DAY = dt.date(2026, 3, 2)


def decide(account: Account, policy: LifecyclePolicy = POLICY, **fact: Any) -> LifecycleDecision:
    return lifecycle_actions(account, as_of=DAY, facts=AccountFacts(**fact), policy=policy)


def outcomes(decision: LifecycleDecision) -> dict[str, str]:
    return {e.rule: e.outcome for e in decision.evaluations}


class TestSuspend:
    # Kill Bill's overdue tutorial blocks an account once an invoice is unpaid
    # for 14 days; its conditions are "equals or exceeds" (docs.killbill.io/latest/overdue.html).
    @pytest.mark.parametrize(
        ("days", "expected"), [(13, None), (14, S.SUSPENDED), (40, S.SUSPENDED)]
    )
    def test_threshold_is_inclusive(self, days: int, expected: AccountStatus | None) -> None:
        """An account is suspended once the oldest overdue item reaches N days past due."""
        policy = LifecyclePolicy(suspend_after_days=14)
        decision = decide(make(), policy, days_past_due=days)
        assert expected == decision.to_status

    def test_due_date_gives_days_past_due(self) -> None:
        """The oldest overdue due date counts days to the evaluation day."""
        decision = decide(make(), oldest_overdue_due=dt.date(2026, 1, 31))
        assert "suspend" == decision.rule
        assert "30 days past due" in decision.reason

    def test_inactive_accounts_are_suspended_too(self) -> None:
        """Suspension applies to inactive accounts as well."""
        assert S.SUSPENDED == decide(make(S.INACTIVE), days_past_due=31).to_status

    def test_pending_accounts_are_not_suspended(self) -> None:
        """Pending cannot move to suspended; the rule says it does not apply."""
        decision = decide(make(S.PENDING), days_past_due=90)
        assert decision.to_status is None
        assert "not_applicable" == outcomes(decision)["suspend"]

    def test_nothing_overdue(self) -> None:
        """With nothing overdue no rule fires, and the reason says why."""
        decision = decide(make(), days_past_due=0, last_activity=DAY)
        assert decision.to_status is None
        assert decision.rule is None
        assert "nothing is overdue" in decision.reason
        assert list(LIFECYCLE_RULES) == [e.rule for e in decision.evaluations]

    def test_disabled(self) -> None:
        """suspend_after_days=None switches the rule off."""
        decision = decide(make(), LifecyclePolicy(suspend_after_days=None), days_past_due=400)
        assert "disabled" == outcomes(decision)["suspend"]


class TestReactivate:
    def test_reactivates_policy_suspension_once_paid(self) -> None:
        """A suspension made by the policy is lifted once nothing is overdue."""
        decision = decide(suspended_by("lifecycle"), days_past_due=0)
        assert S.ACTIVE == decision.to_status
        assert "reactivate" == decision.rule

    def test_still_overdue(self) -> None:
        """A suspended account with items still overdue stays suspended."""
        decision = decide(suspended_by("lifecycle"), days_past_due=3)
        assert decision.to_status is None
        assert "still 3 days past due" in decision.reason

    @pytest.mark.parametrize("actor", ["fraud-team", None])
    def test_manual_suspension_is_not_lifted(self, actor: str | None) -> None:
        """A suspension made by someone else stays unless the policy allows it."""
        decision = decide(suspended_by(actor))
        assert decision.to_status is None
        assert "not_applicable" == outcomes(decision)["reactivate"]
        allow = attrs.evolve(POLICY, reactivate_manual_suspensions=True)
        assert S.ACTIVE == decide(suspended_by(actor), allow).to_status

    def test_disabled(self) -> None:
        """reactivate_when_paid=False switches the rule off."""
        policy = attrs.evolve(POLICY, reactivate_when_paid=False)
        assert "disabled" == outcomes(decide(suspended_by("lifecycle"), policy))["reactivate"]


class TestInactive:
    def test_after_n_days_without_activity(self) -> None:
        """An active account is marked inactive after N days without activity."""
        decision = decide(make(), last_activity=DAY - dt.timedelta(days=180))
        assert S.INACTIVE == decision.to_status
        assert "180 days since the last activity" in decision.reason
        assert decide(make(), last_activity=DAY - dt.timedelta(days=179)).to_status is None

    def test_falls_back_to_last_change_then_opened(self) -> None:
        """Without an activity date the last status change, then the opening day, count."""
        active = transition(
            make(S.PENDING), S.ACTIVE, at=dt.datetime(2025, 1, 2, tzinfo=AMS), reason="signed"
        )
        assert "the last status change" in decide(active).reason
        opened = make(opened=dt.date(2025, 1, 1))
        assert "the day the account was opened" in decide(opened).reason
        unknown = decide(make())
        assert "not_met" == outcomes(unknown)["mark_inactive"]

    def test_only_from_active(self) -> None:
        """Only active accounts are marked inactive."""
        decision = decide(make(S.PENDING), last_activity=dt.date(2020, 1, 1))
        assert "not_applicable" == outcomes(decision)["mark_inactive"]

    def test_future_activity_is_refused(self) -> None:
        """An activity after the evaluation day contradicts the facts."""
        with pytest.raises(InvalidInputError) as info:
            decide(make(), last_activity=DAY + dt.timedelta(days=1))
        assert "last_activity" == info.value.field

    def test_disabled_by_default(self) -> None:
        """The default policy never marks accounts inactive."""
        decision = decide(make(), LifecyclePolicy(), last_activity=dt.date(2000, 1, 1))
        assert "disabled" == outcomes(decision)["mark_inactive"]


class TestClose:
    def test_closes_when_settled(self) -> None:
        """A requested closure with nothing outstanding closes the account."""
        decision = decide(make(), closure_requested=True, outstanding=eur("0.00"))
        assert S.CLOSED == decision.to_status

    def test_refused_while_balance_outstanding(self) -> None:
        """A closure is refused while a balance is outstanding, and others may still fire."""
        decision = decide(
            make(), closure_requested=True, outstanding=eur("120.00"), days_past_due=45
        )
        assert "refused" == outcomes(decision)["close"]
        assert "120.00 EUR is outstanding" in decision.evaluations[0].reason
        assert S.SUSPENDED == decision.to_status

    def test_written_off_balance_allows_closure(self) -> None:
        """A written-off balance no longer blocks the closure."""
        decision = decide(make(), closure_requested=True, outstanding=eur("5"), written_off=True)
        assert S.CLOSED == decision.to_status
        assert "written off" in decision.reason

    def test_most_severe_rule_wins(self) -> None:
        """Closure comes before suspension; the suspension is reported as shadowed."""
        decision = decide(make(), closure_requested=True, days_past_due=60)
        assert "close" == decision.rule
        assert "shadowed" == outcomes(decision)["suspend"]
        assert "but 'close' came first" in decision.evaluations[1].reason

    def test_closed_accounts_get_nothing(self) -> None:
        """Nothing fires for a closed account."""
        closed = transition(make(), S.CLOSED, at=dt.datetime(2026, 1, 1, tzinfo=AMS), reason="x")
        decision = decide(closed, closure_requested=True, days_past_due=90)
        assert decision.to_status is None
        assert {"not_applicable"} == {e.outcome for e in decision.evaluations} - {"disabled"}

    def test_disabled(self) -> None:
        """close_on_request=False switches the rule off."""
        policy = attrs.evolve(POLICY, close_on_request=False)
        assert "disabled" == outcomes(decide(make(), policy, closure_requested=True))["close"]

    def test_currency_must_match(self) -> None:
        """An outstanding balance in another currency is a CurrencyMismatchError."""
        with pytest.raises(CurrencyMismatchError):
            decide(make(), closure_requested=True, outstanding=Money(amount=5, currency="USD"))


class TestInputs:
    def test_as_of_datetime_uses_local_day(self) -> None:
        """A datetime as_of is read in the account's time zone."""
        late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # March 2 in Amsterdam
        decision = lifecycle_actions(
            make(), as_of=late, facts=AccountFacts(days_past_due=1), policy=POLICY
        )
        assert dt.date(2026, 3, 2) == decision.as_of

    def test_as_of_before_last_change_is_refused(self) -> None:
        """The evaluation may not come before the last status change (date or datetime)."""
        account = suspended_by("lifecycle")
        for as_of in (dt.date(2026, 1, 31), dt.datetime(2026, 2, 1, 8, tzinfo=AMS)):
            with pytest.raises(InvalidInputError) as info:
                lifecycle_actions(account, as_of=as_of, facts=AccountFacts(), policy=POLICY)
            assert "as_of" == info.value.field

    @pytest.mark.parametrize("as_of", ["2026-03-02", dt.datetime(2026, 3, 2)])
    def test_bad_as_of(self, as_of: Any) -> None:
        """as_of must be a date or an aware datetime."""
        with pytest.raises(InvalidInputError):
            lifecycle_actions(make(), as_of=as_of, facts=AccountFacts(), policy=POLICY)

    def test_overdue_date_must_be_in_the_past(self) -> None:
        """An item due on the evaluation day is not overdue yet: the facts are refused."""
        with pytest.raises(InvalidInputError) as info:
            decide(make(), oldest_overdue_due=DAY)
        assert "oldest_overdue_due" == info.value.field

    def test_date_and_days_must_agree(self) -> None:
        """When both are given, the due date and the day count must agree."""
        ok = decide(make(), oldest_overdue_due=dt.date(2026, 3, 1), days_past_due=1)
        assert "not_met" == outcomes(ok)["suspend"]
        with pytest.raises(InvalidInputError) as info:
            decide(make(), oldest_overdue_due=dt.date(2026, 3, 1), days_past_due=2)
        assert "days_past_due" == info.value.field

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"days_past_due": -1}, "days_past_due"),
            ({"days_past_due": True}, "days_past_due"),
            ({"oldest_overdue_due": dt.date(2026, 1, 1), "days_past_due": 0}, "days_past_due"),
            ({"last_activity": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, "last_activity"),
            ({"outstanding": "5.00"}, "outstanding"),
            ({"written_off": "yes"}, "written_off"),
        ],
    )
    def test_bad_facts(self, changes: dict[str, Any], field: str) -> None:
        """Facts are validated with clear errors."""
        with pytest.raises(InvalidInputError) as info:
            AccountFacts(**changes)
        assert field == info.value.field

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"suspend_after_days": 0}, "suspend_after_days"),
            ({"inactive_after_days": 10**6}, "inactive_after_days"),
            ({"reactivate_when_paid": 1}, "reactivate_when_paid"),
            ({"actor": " bot"}, "actor"),
            ({"actor": ""}, "actor"),
        ],
    )
    def test_bad_policy(self, changes: dict[str, Any], field: str) -> None:
        """Policies are validated with clear errors."""
        with pytest.raises(InvalidInputError) as info:
            LifecyclePolicy(**changes)
        assert field == info.value.field

    def test_bad_arguments(self) -> None:
        """Subject, facts and policy are type-checked."""
        with pytest.raises(InvalidInputError):
            lifecycle_actions(make(), as_of=DAY, facts={}, policy=POLICY)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            lifecycle_actions(make(), as_of=DAY, facts=AccountFacts(), policy=None)  # type: ignore[arg-type]

    def test_decision_models_validate(self) -> None:
        """Decisions and evaluations refuse unknown rules and outcomes."""
        base = decide(make(), days_past_due=40)
        with pytest.raises(InvalidInputError):
            attrs.evolve(base, rule="explode")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="must be one of 'pending'"):
            attrs.evolve(base, to_status="frozen")
        assert AccountStatus.CLOSED is attrs.evolve(base, to_status="closed").to_status
        with pytest.raises(InvalidInputError):
            attrs.evolve(base, evaluations=["x"])
        with pytest.raises(InvalidInputError):
            attrs.evolve(base.evaluations[0], outcome="maybe")  # type: ignore[arg-type]


class TestApply:
    def test_apply_records_reason_and_actor(self) -> None:
        """Applying a decision records the rule's reason and the policy's actor."""
        account = make()
        decision = decide(account, days_past_due=31)
        after = apply_decision(account, decision, at=dt.datetime(2026, 3, 2, 6, tzinfo=AMS))
        assert S.SUSPENDED == after.status
        assert decision.reason == after.history[-1].reason
        assert "lifecycle" == after.history[-1].actor

    def test_nothing_to_do_returns_the_account(self) -> None:
        """A decision without a change returns the same account."""
        account = make()
        decision = decide(account, days_past_due=0, last_activity=DAY)
        assert account is apply_decision(account, decision, at=dt.datetime(2026, 3, 2, tzinfo=AMS))

    def test_stale_or_foreign_decisions_are_refused(self) -> None:
        """A decision for another account or an older status is refused."""
        account = make()
        decision = decide(account, days_past_due=31)
        when = dt.datetime(2026, 3, 2, 6, tzinfo=AMS)
        with pytest.raises(InvalidInputError, match="another account"):
            apply_decision(attrs.evolve(account, number="B-2"), decision, at=when)
        with pytest.raises(InvalidInputError, match="evaluate again"):
            apply_decision(apply_decision(account, decision, at=when), decision, at=when)


class TestJson:
    @given(lifecycle_policies)
    def test_policy_round_trips(self, policy: LifecyclePolicy) -> None:
        """Policies are data: they round-trip through JSON."""
        assert policy == from_json(to_json(policy), LifecyclePolicy)

    def test_decision_round_trips(self) -> None:
        """A decision with its evaluations round-trips through JSON."""
        decision = decide(make(), closure_requested=True, outstanding=eur("1.00"))
        assert decision == from_json(to_json(decision), LifecycleDecision)

    def test_bad_policy_json_has_a_path(self) -> None:
        """A bad policy value through from_json names the JSON path."""
        with pytest.raises(InvalidInputError) as info:
            from_json('{"suspend_after_days": -3}', LifecyclePolicy)
        assert "$.suspend_after_days" == info.value.path


@settings(max_examples=80)
@given(lifecycle_policies, facts(), st.sampled_from(list(S)))
def test_decision_is_always_a_legal_move(
    policy: LifecyclePolicy, fact: AccountFacts, status: AccountStatus
) -> None:
    """Whatever the facts, a decision names an allowed status and exactly one fired rule."""
    decision = lifecycle_actions(make(status), as_of=DAY, facts=fact, policy=policy)
    fired = [e for e in decision.evaluations if e.outcome == "fired"]
    if decision.to_status is None:
        assert [] == fired
    else:
        assert decision.to_status in allowed_transitions(status)
        assert [decision.rule] == [e.rule for e in fired]
    assert list(LIFECYCLE_RULES) == [e.rule for e in decision.evaluations]


class LifecycleMachine(RuleBasedStateMachine):
    """Random transitions and policy evaluations over one account."""

    def __init__(self) -> None:
        super().__init__()
        self.account = make(S.PENDING, opened=dt.date(2026, 1, 1))
        self.now = dt.datetime(2026, 1, 1, 9, tzinfo=AMS)
        self.was_closed = False

    @initialize(hours=st.integers(min_value=0, max_value=48))
    def start(self, hours: int) -> None:
        self.now = self.now + dt.timedelta(hours=hours)

    @rule(hours=st.integers(min_value=0, max_value=24 * 90))
    def advance(self, hours: int) -> None:
        # Real elapsed time: add in UTC, then read in the zone again (DST-safe).
        self.now = (self.now.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(AMS)

    @rule(to=st.sampled_from(list(S)), actor=st.none() | st.sampled_from(["ann", "lifecycle"]))
    def move(self, to: AccountStatus, actor: str | None) -> None:
        before = self.account
        if to in allowed_transitions(before.status):
            self.account = transition(before, to, at=self.now, reason="manual", actor=actor)
            assert len(before.history) + 1 == len(self.account.history)
            assert to == self.account.status
        else:
            with pytest.raises(InvalidTransitionError) as info:
                transition(before, to, at=self.now, reason="manual", actor=actor)
            assert allowed_transitions(before.status) == info.value.allowed
        self.was_closed = self.was_closed or self.account.status is S.CLOSED

    @precondition(lambda self: bool(self.account.history) and self.account.status is not S.CLOSED)
    @rule(data=st.data())
    def move_into_the_past(self, data: st.DataObject) -> None:
        to = data.draw(st.sampled_from(sorted(allowed_transitions(self.account.status), key=str)))
        earlier = self.account.history[-1].at - dt.timedelta(seconds=1)
        with pytest.raises(InvalidInputError):
            transition(self.account, to, at=earlier, reason="backdated")

    @rule(policy=lifecycle_policies, fact=facts())
    def evaluate(self, policy: LifecyclePolicy, fact: AccountFacts) -> None:
        decision = lifecycle_actions(self.account, as_of=self.now, facts=fact, policy=policy)
        assert self.account.status == decision.status
        if decision.to_status is not None:
            assert decision.to_status in allowed_transitions(self.account.status)
        self.account = apply_decision(self.account, decision, at=self.now)
        self.was_closed = self.was_closed or self.account.status is S.CLOSED

    @rule()
    def round_trip(self) -> None:
        assert self.account == from_json(to_json(self.account), Account)

    @invariant()
    def history_is_time_ordered(self) -> None:
        moments = [c.at.astimezone(dt.UTC) for c in self.account.history]
        assert sorted(moments) == moments

    @invariant()
    def history_chains(self) -> None:
        history = self.account.history
        for before, after in itertools.pairwise(history):
            assert before.to_status == after.from_status
        if history:
            assert S.PENDING == history[0].from_status
            assert self.account.status == history[-1].to_status

    @invariant()
    def closed_is_never_left(self) -> None:
        if self.was_closed:
            assert S.CLOSED == self.account.status
        closed_at = [i for i, c in enumerate(self.account.history) if c.to_status is S.CLOSED]
        assert closed_at in ([], [len(self.account.history) - 1])

    @invariant()
    def status_at_agrees_with_replay(self) -> None:
        history = self.account.history

        def replay(moment: dt.datetime) -> AccountStatus:
            status = S.PENDING
            for change in history:
                if change.at.astimezone(dt.UTC) <= moment.astimezone(dt.UTC):
                    status = change.to_status
            return status

        for change in history:
            for moment in (change.at - dt.timedelta(microseconds=1), change.at):
                assert replay(moment) == status_at(self.account, moment)
        assert self.account.status == status_at(self.account, self.now)


TestLifecycleMachine = LifecycleMachine.TestCase
TestLifecycleMachine.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
