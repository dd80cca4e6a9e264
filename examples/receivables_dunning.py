"""Run a dunning ladder day by day; each level is done once, and it stops when paid."""

import datetime as dt

from accountplan.billing import (
    DunningAction,
    DunningLevel,
    DunningPolicy,
    DunningRecord,
    LateFeePolicy,
    OpenItem,
    Settlement,
    dunning_actions,
)
from accountplan.money import Money

if __name__ == "__main__":
    eur = Money(amount="40", currency="EUR")
    ladder = DunningPolicy(
        levels=[
            DunningLevel(name="reminder", days=7, action=DunningAction.REMINDER),
            DunningLevel(
                name="final_notice",
                days=21,
                action=DunningAction.FINAL_NOTICE,
                fee=LateFeePolicy.flat(eur),
            ),
            DunningLevel(name="suspend", days=35, action=DunningAction.SUSPEND_SERVICE),
        ]
    )
    invoice = OpenItem(
        number="INV-7",
        issue_date=dt.date(2025, 5, 1),
        due_date=dt.date(2025, 5, 31),
        total=Money(amount="250.00", currency="EUR"),
        settlements=[
            Settlement(
                settled_on=dt.date(2025, 7, 10), amount=Money(amount="250.00", currency="EUR")
            )
        ],
    )
    history: list[DunningRecord] = []
    day = dt.date(2025, 6, 1)
    while day <= dt.date(2025, 7, 31):
        result = dunning_actions("C-42", [invoice], as_of=day, policy=ladder, history=history)
        for step in result.steps:
            fee = f" fee {step.fee.amount}" if step.fee else ""
            print(day, step.action.value, f"({step.days_overdue} days overdue){fee}")
            history.append(DunningRecord(invoice=step.invoice, level=step.level, on=day))
        day += dt.timedelta(days=1)
    print("after payment: suspend =", result.suspend, "days past due =", result.days_past_due)
