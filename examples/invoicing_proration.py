"""A mid-month upgrade, prorated four ways."""

import datetime as dt

from accountplan.billing import change_plan
from accountplan.money import Money

if __name__ == "__main__":
    old, new = Money(amount="49.00", currency="USD"), Money(amount="99.00", currency="USD")
    period = (dt.date(2025, 2, 1), dt.date(2025, 3, 1))
    at = dt.date(2025, 2, 11)
    print(f"Upgrade on {at} within {period[0]} to {period[1]}")
    for method in ("actual_days", "calendar_month_days", "thirty_day_month", "none"):
        change = change_plan(old, new, period=period, at=at, method=method)
        print(
            f"{method:<20} credit {change.credit.amount.amount:>8} "
            f"charge {change.charge.amount.amount:>8} net {change.net.amount:>8}"
        )
