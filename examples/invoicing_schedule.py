"""A year of quarterly invoices: a prorated first quarter, net-30 terms, 21 % VAT."""

import datetime as dt

from accountplan.billing import BillingCycle, PaymentTerms, invoice_for, invoice_schedule
from accountplan.money import Money

if __name__ == "__main__":
    periods = invoice_schedule(
        BillingCycle.quarterly(alignment="calendar"),
        start=dt.date(2025, 2, 10),
        end=dt.date(2026, 1, 1),
        terms=PaymentTerms.net(30),
    )
    price = Money(amount="900.00", currency="EUR")
    print(f"{'#':<3}{'service period':<26}{'issued':<12}{'due':<12}{'total':>12}")
    for period in periods:
        invoice = invoice_for(
            period,
            number=f"INV-2025-{period.sequence:03d}",
            account_number="ACME",
            price=price,
            description="Support contract",
            tax_rate=21,  # in percent: 21 means 21 % VAT (never 0.21)
        )
        span = f"{period.start} to {period.end}"
        print(
            f"{period.sequence:<3}{span:<26}{invoice.issue_date!s:<12}"
            f"{invoice.due_date!s:<12}{invoice.total.amount:>12}"
            + ("  (prorated)" if period.is_stub else "")
        )
