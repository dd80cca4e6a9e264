"""Run a lifecycle policy over four months of one account's overdue position."""

import datetime as dt

from accountplan.accounts import (
    Account,
    AccountFacts,
    AccountStatus,
    AccountType,
    LifecyclePolicy,
    apply_decision,
    lifecycle_actions,
    status_at,
    transition,
)

if __name__ == "__main__":
    policy = LifecyclePolicy(suspend_after_days=30)
    account = Account(
        number="C-42",
        name="Acme BV",
        type=AccountType.BUSINESS,
        status=AccountStatus.PENDING,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
        opened=dt.date(2025, 1, 2),
    )
    account = transition(
        account,
        AccountStatus.ACTIVE,
        at=dt.datetime(2025, 1, 6, 9, tzinfo=dt.UTC),
        reason="contract signed",
        actor="sales",
    )
    # The invoice due on 31 January is paid on 20 March.
    due, paid = dt.date(2025, 1, 31), dt.date(2025, 3, 20)
    day = dt.date(2025, 2, 1)
    while day <= dt.date(2025, 4, 30):
        overdue = due < day < paid
        facts = AccountFacts(oldest_overdue_due=due if overdue else None)
        decision = lifecycle_actions(account, as_of=day, facts=facts, policy=policy)
        if decision.to_status is not None:
            at = dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC)
            account = apply_decision(account, decision, at=at)
            print(day, decision.rule, "->", decision.to_status.value, f"({decision.reason})")
        day += dt.timedelta(days=1)
    for change in account.history:
        print(change.at.date(), f"{change.from_status.value} -> {change.to_status.value}")
    moment = dt.datetime(2025, 3, 10, tzinfo=dt.UTC)
    print("status on 2025-03-10:", status_at(account, moment).value)
