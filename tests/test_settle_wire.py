"""The billing wire format: computed totals and settled amounts in JSON, read-only on input.

Regression: an invoice's JSON had no subtotal, tax or total, so a consumer
outside Python had to recompute VAT.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import cattrs
import pytest
from hypothesis import HealthCheck, given, settings

from accountplan.billing import (
    AppliedPayments,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    SettledInvoice,
    apply_payments,
    configure_converter,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.money import Money
from accountplan.serialization import from_dict, from_json, make_converter, to_json
from tests.strategies_invoicing import applied_payments, invoices

D = dt.date


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


def converter() -> cattrs.Converter:
    made = make_converter()
    configure_converter(made)
    return made


# 3 seats at 9.99 = 29.97 at 21 % (tax 6.2937 -> 6.29) plus 10.00 at 9 % (0.90):
# subtotal 39.97, tax 7.19, total 47.16 (computed by hand).
INVOICE = Invoice(
    number="INV-1",
    account_number="C-1",
    issue_date=D(2025, 1, 1),
    due_date=D(2025, 1, 31),
    currency="EUR",
    status=InvoiceStatus.OPEN,
    lines=[
        InvoiceLine(
            description="Seats",
            quantity=3,
            unit_price=Money(amount="9.99", currency="EUR"),
            tax_rate=21,
        ),
        InvoiceLine(
            description="Books", unit_price=Money(amount="10.00", currency="EUR"), tax_rate=9
        ),
    ],
)


def test_invoice_json_carries_its_totals() -> None:
    data = json.loads(to_json(INVOICE, converter=converter()))
    assert (eur("39.97"), eur("7.19"), eur("47.16")) == (
        data["subtotal"],
        data["tax"],
        data["total"],
    )
    assert INVOICE == from_dict(data, Invoice, converter=converter())
    # Absent totals are computed.
    for key in ("subtotal", "tax", "total"):
        del data[key]
    assert INVOICE == from_dict(data, Invoice, converter=converter())
    # Equal in value is equal: "47.160" is the same amount.
    data["total"] = eur("47.160")
    assert INVOICE == from_dict(data, Invoice, converter=converter())


def test_a_wrong_total_fails_at_its_path() -> None:
    data = converter().unstructure(INVOICE)
    data["total"] = eur("47.17")
    data["tax"] = {"amount": "7.19", "currency": "USD"}
    with pytest.raises(InvalidInputError) as excinfo:
        from_dict(data, Invoice, converter=converter())
    assert [
        ("$.tax", "is computed and read-only: expected 7.19 EUR, got 7.19 USD"),
        ("$.total", "is computed and read-only: expected 47.16 EUR, got 47.17 EUR"),
    ] == [(p.path, p.message) for p in excinfo.value.problems]
    assert "$.tax" == excinfo.value.path
    data = converter().unstructure(INVOICE)
    data["subtotal"] = 39.97
    with pytest.raises(InvalidInputError) as excinfo:
        from_dict(data, Invoice, converter=converter())
    assert ["$.subtotal"] == [p.path for p in excinfo.value.problems]
    # The other checks still apply: an unknown key is refused.
    data = converter().unstructure(INVOICE)
    data["grand_total"] = eur("47.16")
    with pytest.raises(InvalidInputError) as excinfo:
        from_dict(data, Invoice, converter=converter())
    assert ["$.grand_total"] == [p.path for p in excinfo.value.problems]
    with pytest.raises(InvalidInputError) as excinfo:
        from_json("[]", Invoice, converter=converter())
    assert "$" == excinfo.value.path


def test_settled_invoices_carry_amount_paid_and_due() -> None:
    """30.00 paid on 47.16: 17.16 due; nested totals are checked at their path too."""
    result = apply_payments(
        [INVOICE],
        [
            Payment(
                reference="P1",
                amount=Money(amount="30.00", currency="EUR"),
                received_on=D(2025, 2, 1),
            )
        ],
        as_of=D(2025, 2, 1),
    )
    data: Any = json.loads(to_json(result, converter=converter()))
    settled = data["invoices"][0]
    assert (eur("30.00"), eur("17.16"), eur("47.16")) == (
        settled["amount_paid"],
        settled["amount_due"],
        settled["invoice"]["total"],
    )
    assert result == from_dict(data, AppliedPayments, converter=converter())
    settled["amount_due"] = eur("0.00")
    settled["invoice"]["total"] = eur("30.00")
    with pytest.raises(InvalidInputError) as excinfo:
        from_dict(data, AppliedPayments, converter=converter())
    assert ["$.invoices[0].invoice.total"] == [p.path for p in excinfo.value.problems]
    del settled["invoice"]["total"]
    with pytest.raises(InvalidInputError) as excinfo:
        from_dict(data, AppliedPayments, converter=converter())
    assert [
        (
            "$.invoices[0].amount_due",
            "is computed and read-only: expected 17.16 EUR, got 0.00 EUR",
        )
    ] == [(p.path, p.message) for p in excinfo.value.problems]


def test_configure_converter_refuses_other_values() -> None:
    with pytest.raises(InvalidTypeError) as excinfo:
        configure_converter("converter")  # type: ignore[arg-type]
    assert "converter" == excinfo.value.field


@settings(max_examples=60, suppress_health_check=[HealthCheck.differing_executors])
@given(invoice=invoices())
def test_every_invoice_round_trips_with_its_totals(invoice: Invoice) -> None:
    made = converter()
    data = made.unstructure(invoice)
    assert made.unstructure(invoice.total, Money) == data["total"]
    assert invoice == from_json(json.dumps(data), Invoice, converter=made)


@settings(max_examples=40, suppress_health_check=[HealthCheck.differing_executors])
@given(result=applied_payments)
def test_every_application_round_trips(result: AppliedPayments) -> None:
    made = converter()
    assert result == from_json(to_json(result, converter=made), AppliedPayments, converter=made)
    for settled in result.invoices:
        data = made.unstructure(settled)
        assert settled == from_dict(data, SettledInvoice, converter=made)
