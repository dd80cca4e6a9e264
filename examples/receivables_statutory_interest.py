"""Statutory interest and costs on a late invoice: the Netherlands and the UK."""

import datetime as dt

from accountplan.billing.statutory import (
    nl_collection_costs,
    nl_commercial_interest,
    uk_fixed_sum,
    uk_late_payment_interest,
)
from accountplan.money import Money

if __name__ == "__main__":
    principal = Money(amount="7500.00", currency="EUR")
    fee = nl_commercial_interest(principal, due=dt.date(2024, 2, 1), as_of=dt.date(2025, 6, 30))
    print("Dutch commercial interest (BW 6:119a):")
    for line in fee.lines:
        print(f"  {line.start} .. {line.end} {line.days:>4} days {line.rate:>6}% on {line.base}")
    print("  interest:", fee.amount)
    print("  collection costs (WIK):", nl_collection_costs(principal))

    debt = Money(amount="5000.00", currency="GBP")
    uk = uk_late_payment_interest(debt, due=dt.date(2025, 7, 10), as_of=dt.date(2025, 10, 19))
    print("UK Late Payment Act: rate", uk.lines[0].rate, "% for", uk.days_late, "days =", uk.amount)
    print("  fixed sum:", uk_fixed_sum(debt))
