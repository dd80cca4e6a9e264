"""Allocate a payment to invoices with each strategy."""

import datetime as dt

from accountplan.billing import ItemCharges, OpenItem, Payment, allocate_payments
from accountplan.money import Money


def eur(amount: str) -> Money:
    return Money(amount=amount, currency="EUR")


if __name__ == "__main__":
    invoices = [
        OpenItem(number=n, issue_date=dt.date(2025, 1, 1), due_date=due, total=eur(a))
        for n, due, a in (
            ("A", dt.date(2025, 1, 31), "300.00"),
            ("B", dt.date(2025, 2, 28), "200.00"),
            ("C", dt.date(2025, 4, 30), "100.00"),
        )
    ]
    payment = Payment(
        reference="PAY-1", amount=eur("450.00"), received_on=dt.date(2025, 3, 10), invoices=["C"]
    )
    charges = [ItemCharges(invoice="A", costs=eur("45.00"), interest=eur("6.20"))]
    for strategy in ("oldest_due_first", "designated", "pro_rata", "nl_statutory"):
        result = allocate_payments(invoices, [payment], strategy=strategy, charges=charges)
        parts = ", ".join(
            f"{a.invoice}: {a.amount} (costs {a.costs}, interest {a.interest})"
            for a in result.allocations
        )
        print(f"{strategy:>16}: {parts}; unapplied {result.unapplied_total()}")
