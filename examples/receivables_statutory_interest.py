"""Statutory interest and costs on a late invoice: the Netherlands and the UK.

Shows the breakdown a creditor can hand to the customer, the collection costs,
and what happens when a bundled rate table has run out: a clear error, and a
newer table passed with ``rates=``.
"""

import datetime as dt

from accountplan.billing import RatePeriod, RateTable, bundled_rate_table
from accountplan.billing.statutory import (
    nl_collection_costs,
    nl_commercial_interest,
    uk_fixed_sum,
    uk_late_payment_interest,
)
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money

if __name__ == "__main__":
    principal = Money(amount="7500.00", currency="EUR")
    fee = nl_commercial_interest(principal, due=dt.date(2025, 2, 1), as_of=dt.date(2026, 6, 30))
    print("Dutch commercial interest (BW 6:119a):")
    for line in fee.lines:
        print(f"  {line.start} .. {line.end} {line.days:>4} days {line.rate:>6}% on {line.base}")
    print("  interest:", fee.amount)
    print("  collection costs (WIK):", nl_collection_costs(principal))

    bundled = bundled_rate_table("nl_commercial")
    print("bundled nl_commercial table valid until", bundled.valid_until)
    try:
        nl_commercial_interest(principal, due=dt.date(2025, 2, 1), as_of=dt.date(2026, 11, 30))
    except InvalidInputError as error:
        print("  refused:", error.reason)
    # Extend the table with the rate of the second half of 2026 once it is published
    # (10.00 here is an example figure, not the official rate).
    newer = RateTable(
        name="nl_commercial_extended",
        periods=[*bundled.periods, RatePeriod(effective=dt.date(2026, 7, 1), rate="10.00")],
        valid_until=dt.date(2026, 12, 31),
    )
    later = nl_commercial_interest(
        principal, due=dt.date(2025, 2, 1), as_of=dt.date(2026, 11, 30), rates=newer
    )
    print("  with a newer table, as of 2026-11-30:", later.amount)

    debt = Money(amount="5000.00", currency="GBP")
    uk = uk_late_payment_interest(debt, due=dt.date(2025, 7, 10), as_of=dt.date(2025, 10, 19))
    print("UK Late Payment Act: rate", uk.lines[0].rate, "% for", uk.days_late, "days =", uk.amount)
    print("  fixed sum:", uk_fixed_sum(debt))
