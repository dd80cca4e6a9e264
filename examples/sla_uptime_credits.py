"""Monthly uptime and service credits from outage records."""

import datetime as dt

from accountplan.money import Money
from accountplan.sla import CreditTier, DowntimeRule, availability_report

UTC = dt.UTC

if __name__ == "__main__":
    outages = [
        (
            dt.datetime(2026, 1, 14, 3, 0, tzinfo=UTC),
            dt.datetime(2026, 1, 14, 3, 7, 30, tzinfo=UTC),
        ),
        (dt.datetime(2026, 2, 27, 22, 0, tzinfo=UTC), dt.datetime(2026, 2, 28, 6, 0, tzinfo=UTC)),
    ]
    maintenance = [
        (dt.datetime(2026, 2, 28, 2, 0, tzinfo=UTC), dt.datetime(2026, 2, 28, 4, 0, tzinfo=UTC))
    ]
    tiers = [
        CreditTier(at_least="99.0", below="99.99", credit_percent="10"),
        CreditTier(at_least="95.0", below="99.0", credit_percent="30"),
        CreditTier(at_least="0", below="95.0", credit_percent="100"),
    ]
    report = availability_report(
        outages,
        first_month=dt.date(2026, 1, 1),
        months=3,
        timezone="Europe/Amsterdam",
        maintenance=maintenance,
        rule=DowntimeRule(quantum="minute"),
        tiers=tiers,
        charge=Money(amount="1500.00", currency="EUR"),
    )
    for month in report.months:
        uptime = f"{month.uptime} %"  # percent, six places, rounded down
        print(f"{month.start:%Y-%m}  down {month.downtime}  uptime {uptime}  credit {month.credit}")
    print("total credit:", report.total_credit)
