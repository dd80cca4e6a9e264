"""An aging report with totals per account, and DSO from the window's credit sales.

Buckets are ``not_due``, ``1-30``, ``31-60``, ``61-90`` and ``91+``: an item due
today is not yet overdue. DSO is computed only from the credit sales passed in
(every invoice of the last 90 days, paid or not), in days to 2 decimal places.
"""

import datetime as dt

from accountplan.billing import OpenItem, Payment, aging_report, open_items
from accountplan.money import Money


def eur(amount: str) -> Money:
    return Money(amount=amount, currency="EUR")


if __name__ == "__main__":
    invoices = [
        OpenItem(
            number=f"INV-{n}",
            account_number=account,
            issue_date=issued,
            due_date=issued + dt.timedelta(days=30),
            total=eur(amount),
        )
        for n, (account, issued, amount) in enumerate(
            [
                ("ACME", dt.date(2025, 1, 5), "1200.00"),
                ("ACME", dt.date(2025, 3, 5), "800.00"),
                ("GLOBEX", dt.date(2025, 2, 10), "450.00"),
                ("GLOBEX", dt.date(2025, 4, 15), "300.00"),
            ],
            start=1,
        )
    ]
    paid = [Payment(reference="PAY-1", amount=eur("500.00"), received_on=dt.date(2025, 3, 1))]
    as_of = dt.date(2025, 4, 30)
    window_start = as_of - dt.timedelta(days=90)
    sales = sum((i.total for i in invoices if window_start < i.issue_date <= as_of), eur("0"))
    report = aging_report(open_items(invoices, paid, as_of=as_of), as_of=as_of, sales=sales)
    print(f"{'account':<8}" + "".join(f"{label:>12}" for label in report.labels) + f"{'total':>12}")
    for row in report.rows:
        cells = "".join(f"{row.buckets[label].amount:>12}" for label in report.labels)
        print(f"{row.account_number:<8}{cells}{row.total.amount:>12}")
    print(
        f"{'all':<8}"
        + "".join(f"{report.totals[label].amount:>12}" for label in report.labels)
        + f"{report.total.amount:>12}"
    )
    print(f"DSO over 90 days: {report.dso} days (credit sales {report.sales})")
