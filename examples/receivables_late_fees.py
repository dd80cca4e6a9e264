"""A contractual late fee: a flat fee plus 1.5 % a month, with a grace period and a cap."""

import datetime as dt

from accountplan.billing import (
    Cap,
    InterestPolicy,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    Settlement,
    late_fee,
)
from accountplan.money import Money

if __name__ == "__main__":
    usd = "USD"
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="flat", amount=Money(amount=25, currency=usd), label="late fee"),
            LateFeeComponent(
                kind="interest",
                label="1.5% per month",
                # rates are in percent: 18 means 18 % a year (1.5 % a month), never 0.18
                interest=InterestPolicy(rate="18", accrual="per_started_month"),
            ),
        ],
        grace_days=10,
        maximum=Cap(percent="10"),  # at most 10 % of the amount overdue
    )
    invoice = OpenItem(
        number="INV-1001",
        issue_date=dt.date(2025, 1, 1),
        due_date=dt.date(2025, 1, 31),
        total=Money(amount="4000.00", currency=usd),
        settlements=[
            Settlement(settled_on=dt.date(2025, 3, 15), amount=Money(amount=1000, currency=usd))
        ],
    )
    for as_of in (dt.date(2025, 2, 5), dt.date(2025, 2, 11), dt.date(2025, 5, 1)):
        fee = late_fee(invoice, as_of=as_of, policy=policy)
        print(as_of, fee.amount, f"(capped: {fee.adjustment})")
        for line in fee.lines:
            print("   ", line.label, line.base, line.amount, line.note)
