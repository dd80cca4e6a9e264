"""Record payments against invoices and see what each one still has due."""

import datetime as dt

from accountplan.billing import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    apply_payments,
    configure_converter,
)
from accountplan.money import Money
from accountplan.serialization import make_converter, to_json


def eur(amount: str) -> Money:
    return Money(amount=amount, currency="EUR")


def invoice(number: str, net: str, due: dt.date) -> Invoice:
    return Invoice(
        number=number,
        account_number="C-1",
        issue_date=dt.date(2025, 1, 1),
        due_date=due,
        currency="EUR",
        status=InvoiceStatus.OPEN,
        lines=[InvoiceLine(description="Subscription", unit_price=eur(net), tax_rate=21)],
    )


if __name__ == "__main__":
    invoices = [
        invoice("INV-1", "100.00", dt.date(2025, 1, 31)),  # 121.00 with VAT
        invoice("INV-2", "50.00", dt.date(2025, 2, 28)),  # 60.50 with VAT
    ]
    payments = [
        Payment(reference="BANK-1", amount=eur("100.00"), received_on=dt.date(2025, 2, 1)),
        Payment(reference="BANK-2", amount=eur("100.00"), received_on=dt.date(2025, 3, 5)),
    ]
    for as_of in (dt.date(2025, 2, 15), dt.date(2025, 3, 31)):
        result = apply_payments(invoices, payments, as_of=as_of)
        print(f"As of {as_of}:")
        for settled in result.invoices:
            print(
                f"  {settled.invoice.number}: {settled.invoice.status.value:<6}"
                f" total {settled.invoice.total}, paid {settled.amount_paid},"
                f" due {settled.amount_due}"
            )
        print(f"  unapplied credit: {result.unapplied_total('EUR')}")
    converter = make_converter()
    configure_converter(converter)
    print(to_json(result.invoices[0], converter=converter))
