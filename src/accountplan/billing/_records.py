"""Open items, invoices and payments from exported rows (CSV, DataFrames, database rows).

Each loader takes an iterable of rows, each a mapping of column name to
value: ``csv.DictReader`` rows (all text), ``DataFrame.to_dict("records")``
rows (pandas values: ``Timestamp``, NaN for an empty cell) or database rows
with native values (``date``, ``Decimal``). Cells are read strictly (see
the ``RowReader`` notes in the module docs of the reference): amounts are
``Decimal``, ``int`` or decimal text, never ``float``; dates ``YYYY-MM-DD``
or ``date`` values; an empty cell is missing. Unknown columns are ignored,
so a wider export loads as it is. Every refusal is an
[InvalidInputError][accountplan.exceptions.InvalidInputError] whose ``path``
names the row and the column: ``$[12].due_date`` for the twelfth row (from
0) of ``rows``, ``lines[3].unit_price`` for a row of ``lines``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from accountplan._tables import RowReader, checked_rows
from accountplan.billing._invoice import Invoice, InvoiceLine, InvoiceStatus
from accountplan.billing._payments import OpenItem, Payment, PaymentMethod, Settlement
from accountplan.exceptions import AccountPlanError
from accountplan.money import Money

__all__ = ["invoices_from_records", "open_items_from_records", "payments_from_records"]

T = TypeVar("T")


def _build(
    reader: RowReader, columns: Mapping[str, str], cls: Callable[..., T], **fields: Any
) -> T:
    """Build a model, naming the row and the column when the model refuses a value."""
    try:
        return cls(**fields)
    except AccountPlanError as exc:
        field = str(getattr(exc, "field", ""))
        base = field.split("[", 1)[0].split(".", 1)[0]
        column = columns.get(base, base or "?")
        reader.refail(column, getattr(exc, "value", None), exc)


def _money(reader: RowReader, column: str, currency: str) -> Money:
    amount = reader.decimal(column)
    assert amount is not None
    try:
        return Money(amount=amount, currency=currency)
    except AccountPlanError as exc:
        field = str(getattr(exc, "field", ""))
        bad = "currency" if field == "currency" else column
        reader.refail(bad, currency if bad == "currency" else amount, exc)


_OPEN_ITEM_COLUMNS = {
    "number": "number",
    "issue_date": "issue_date",
    "due_date": "due_date",
    "total": "total",
    "settlements": "amount_paid",
    "account_number": "account_number",
}


def open_items_from_records(rows: Iterable[Mapping[str, Any]], /) -> tuple[OpenItem, ...]:
    """Open items from exported rows, one item per row.

    Columns: ``number`` (the invoice number), ``issue_date``, ``due_date``
    (dates), ``total`` (the amount owed, exact decimal), ``currency`` (ISO
    4217), and optionally ``account_number``, and ``amount_paid`` with
    ``paid_on`` (what was paid by that day, as one settlement; both or
    neither). Other columns are ignored.

    Args:
        rows: The rows: mappings of column name to value (text or native).

    Returns:
        The open items, in the order of the rows.

    Raises:
        InvalidInputError: A missing or bad cell, or a value the model
            refuses; ``path`` is ``$[<row>].<column>``.
        InvalidTypeError: ``rows`` is not an iterable of mappings, or a cell
            has the wrong type (a float amount, say).
        LimitExceededError: More than ``MAX_RECORDS`` (1,000,000) rows.

    Examples:
        >>> import csv, io
        >>> text = '''number,issue_date,due_date,total,currency
        ... INV-1,2026-01-01,2026-01-31,120.50,EUR
        ... '''
        >>> items = open_items_from_records(csv.DictReader(io.StringIO(text)))
        >>> str(items[0].total), items[0].due_date
        ('120.50 EUR', datetime.date(2026, 1, 31))
        >>> open_items_from_records([{"number": "X", "issue_date": "2026-01-01",
        ...     "due_date": "2026-13-01", "total": "1", "currency": "EUR"}])
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 1 problem in input:
          $[0].due_date: must be a date as YYYY-MM-DD (got '2026-13-01')
    """
    out: list[OpenItem] = []
    for index, row in checked_rows("rows", rows):
        r = RowReader(index, row)
        number = r.text("number")
        issued = r.date("issue_date")
        due = r.date("due_date")
        currency = r.text("currency")
        total = _money(r, "total", currency)
        account = r.text("account_number", required=False)
        paid = r.decimal("amount_paid", required=False)
        paid_on = r.date("paid_on", required=paid is not None and paid != 0)
        settlements: list[Settlement] = []
        if paid is not None and paid != 0:
            assert paid_on is not None
            amount = _money(r, "amount_paid", currency)
            settlements.append(
                _build(
                    r,
                    {"settled_on": "paid_on", "amount": "amount_paid"},
                    Settlement,
                    settled_on=paid_on,
                    amount=amount,
                )
            )
        elif paid_on is not None:
            r.fail("amount_paid", paid, "is required with paid_on")
        out.append(
            _build(
                r,
                _OPEN_ITEM_COLUMNS,
                OpenItem,
                number=number,
                issue_date=issued,
                due_date=due,
                total=total,
                settlements=settlements,
                account_number=account,
            )
        )
    return tuple(out)


_INVOICE_COLUMNS = {
    "number": "number",
    "account_number": "account_number",
    "issue_date": "issue_date",
    "due_date": "due_date",
    "currency": "currency",
    "status": "status",
    "payment_method": "payment_method",
    "mandate_reference": "mandate_reference",
    "period_start": "period_start",
    "period_end": "period_end",
}
_LINE_COLUMNS = {
    "description": "description",
    "unit_price": "unit_price",
    "quantity": "quantity",
    "tax_rate": "tax_rate",
}


def invoices_from_records(
    rows: Iterable[Mapping[str, Any]], lines: Iterable[Mapping[str, Any]], /
) -> tuple[Invoice, ...]:
    """Invoices from two exported tables: one row per invoice and one row per invoice line.

    Invoice columns: ``number``, ``account_number``, ``issue_date``,
    ``due_date``, ``currency`` and ``status`` (``draft``, ``open``, ``paid``,
    ``void`` or ``uncollectible``), and optionally ``payment_method``,
    ``mandate_reference``, ``period_start`` and ``period_end``. Line columns:
    ``invoice`` (the invoice's number), ``description``, ``unit_price``
    (exact decimal, in the invoice's currency), and optionally ``quantity``
    (default 1) and ``tax_rate`` (in percent: 21 means 21 %, default 0).
    Lines keep their order within each invoice. Other columns are ignored.

    Args:
        rows: The invoice rows.
        lines: The line rows (empty for invoices without lines).

    Returns:
        The invoices, in the order of ``rows``.

    Raises:
        InvalidInputError: A missing or bad cell, a repeated invoice number,
            or a line whose invoice is not among ``rows``; ``path`` is
            ``$[<row>].<column>`` or ``lines[<row>].<column>``.
        InvalidTypeError: A table is not an iterable of mappings, or a cell
            has the wrong type.
        LimitExceededError: More than ``MAX_RECORDS`` rows in a table.

    Examples:
        >>> invoices = invoices_from_records(
        ...     [{"number": "INV-1", "account_number": "C-1", "issue_date": "2026-01-01",
        ...       "due_date": "2026-01-31", "currency": "EUR", "status": "open"}],
        ...     [{"invoice": "INV-1", "description": "Support", "unit_price": "100.00",
        ...       "quantity": "2", "tax_rate": "21"}],
        ... )
        >>> str(invoices[0].total)
        '242.00 EUR'
    """
    headers: list[tuple[RowReader, dict[str, Any]]] = []
    by_number: dict[str, int] = {}
    for index, row in checked_rows("rows", rows):
        r = RowReader(index, row)
        fields: dict[str, Any] = {
            "number": r.text("number"),
            "account_number": r.text("account_number"),
            "issue_date": r.date("issue_date"),
            "due_date": r.date("due_date"),
            "currency": r.text("currency"),
            "status": r.choice("status", InvoiceStatus),
        }
        method = r.choice("payment_method", PaymentMethod, required=False)
        if method is not None:
            fields["payment_method"] = method
        mandate = r.text("mandate_reference", required=False)
        if mandate:
            fields["mandate_reference"] = mandate
        for column in ("period_start", "period_end"):
            day = r.date(column, required=False)
            if day is not None:
                fields[column] = day
        if fields["number"] in by_number:
            r.fail("number", fields["number"], "repeats an earlier invoice number")
        by_number[fields["number"]] = len(headers)
        headers.append((r, fields))
    found: list[list[InvoiceLine]] = [[] for _ in headers]
    for index, row in checked_rows("lines", lines, table="lines"):
        r = RowReader(index, row, table="lines")
        number = r.text("invoice")
        if number not in by_number:
            r.fail("invoice", number, "is not the number of an invoice in rows")
        position = by_number[number]
        currency = headers[position][1]["currency"]
        price = _money(r, "unit_price", currency)
        quantity = r.decimal("quantity", required=False)
        tax = r.decimal("tax_rate", required=False)
        description = r.text("description")
        found[position].append(
            _build(
                r,
                _LINE_COLUMNS,
                InvoiceLine,
                description=description,
                unit_price=price,
                quantity=Decimal(1) if quantity is None else quantity,
                tax_rate=Decimal(0) if tax is None else tax,
            )
        )
    return tuple(
        _build(r, _INVOICE_COLUMNS, Invoice, **fields, lines=mine)
        for (r, fields), mine in zip(headers, found, strict=True)
    )


_PAYMENT_COLUMNS = {
    "reference": "reference",
    "amount": "amount",
    "received_on": "received_on",
    "payment_method": "payment_method",
    "account_number": "account_number",
    "invoices": "invoices",
}


def payments_from_records(rows: Iterable[Mapping[str, Any]], /) -> tuple[Payment, ...]:
    """Payments from exported rows, one payment per row.

    Columns: ``reference``, ``amount`` (exact decimal), ``currency``,
    ``received_on`` (a date), and optionally ``payment_method``
    (``bank_transfer``, ``direct_debit``, ``card``, ``cash``, ``cheque`` or ``other``),
    ``account_number`` and ``invoices`` (the invoice numbers it designates:
    a list, or text separated by semicolons). Other columns are ignored.

    Args:
        rows: The rows: mappings of column name to value (text or native).

    Returns:
        The payments, in the order of the rows.

    Raises:
        InvalidInputError: A missing or bad cell, or a value the model
            refuses; ``path`` is ``$[<row>].<column>``.
        InvalidTypeError: ``rows`` is not an iterable of mappings, or a cell
            has the wrong type.
        LimitExceededError: More than ``MAX_RECORDS`` (1,000,000) rows.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> payments = payments_from_records([
        ...     {"reference": "PAY-1", "amount": Decimal("50.00"), "currency": "EUR",
        ...      "received_on": dt.date(2026, 2, 3), "invoices": "INV-1; INV-2"}])
        >>> payments[0].invoices
        ('INV-1', 'INV-2')
    """
    out: list[Payment] = []
    for index, row in checked_rows("rows", rows):
        r = RowReader(index, row)
        reference = r.text("reference")
        currency = r.text("currency")
        amount = _money(r, "amount", currency)
        received = r.date("received_on")
        fields: dict[str, Any] = {
            "reference": reference,
            "amount": amount,
            "received_on": received,
            "account_number": r.text("account_number", required=False),
            "invoices": r.names("invoices"),
        }
        method = r.choice("payment_method", PaymentMethod, required=False)
        if method is not None:
            fields["payment_method"] = method
        out.append(_build(r, _PAYMENT_COLUMNS, Payment, **fields))
    return tuple(out)
