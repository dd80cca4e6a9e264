"""Loaders: exported rows (CSV text, DataFrame records, database rows) become models."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan._tables import MAX_RECORDS, RowReader
from accountplan.billing import (
    InvoiceStatus,
    OpenItem,
    PaymentMethod,
    invoices_from_records,
    open_items_from_records,
    payments_from_records,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.tickets import Priority, TicketEventKind, tickets_from_records
from tests.strategies_receivables import days, names

UTC = dt.UTC

OPEN_ITEMS_CSV = """\
number,account_number,issue_date,due_date,total,currency,amount_paid,paid_on,note
INV-1,C-1,2026-01-01,2026-01-31,120.50,EUR,,,first
INV-2,C-2,2026-02-01,2026-03-03, 99 ,EUR,40.00,2026-03-10,
"""


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def item_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "number": "INV-1",
        "issue_date": "2026-01-01",
        "due_date": "2026-01-31",
        "total": "10.00",
        "currency": "EUR",
    }
    row.update(changes)
    return row


def path_of(excinfo: pytest.ExceptionInfo[InvalidInputError]) -> str | None:
    return excinfo.value.path


# -- open items --------------------------------------------------------------------


def test_open_items_from_csv() -> None:
    """csv.DictReader rows (all text, extra columns) become open items with settlements."""
    first, second = open_items_from_records(rows_of(OPEN_ITEMS_CSV))
    assert "INV-1" == first.number
    assert "C-1" == first.account_number
    assert dt.date(2026, 1, 1) == first.issue_date
    assert dt.date(2026, 1, 31) == first.due_date
    assert Money(amount="120.50", currency="EUR") == first.total
    assert () == first.settlements
    assert Money(amount=99, currency="EUR") == second.total
    assert Money(amount="59.00", currency="EUR") == second.amount_due(dt.date(2026, 3, 10))
    assert Money(amount=99, currency="EUR") == second.amount_due(dt.date(2026, 3, 9))


def test_open_items_from_native_values() -> None:
    """Database rows with date and Decimal values, and integer identifiers, load as they are."""
    (item,) = open_items_from_records(
        [
            {
                "number": 1001,
                "issue_date": dt.date(2026, 1, 1),
                "due_date": dt.date(2026, 1, 31),
                "total": Decimal("5.5"),
                "currency": "USD",
                "account_number": None,
            }
        ]
    )
    assert "1001" == item.number
    assert "" == item.account_number
    assert Money(amount="5.5", currency="USD") == item.total


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        ({"due_date": "2026-02-30"}, "$[0].due_date", "YYYY-MM-DD"),
        ({"due_date": "31/01/2026"}, "$[0].due_date", "YYYY-MM-DD"),
        ({"due_date": dt.datetime(2026, 1, 31, 12, tzinfo=UTC)}, "$[0].due_date", "not a date"),
        ({"due_date": 20260131}, "$[0].due_date", "must be a date"),
        ({"due_date": ""}, "$[0].due_date", "is required"),
        ({"number": None}, "$[0].number", "is required"),
        ({"total": "12,50"}, "$[0].total", "decimal"),
        ({"total": 12.5}, "$[0].total", "float"),
        ({"total": "-1"}, "$[0].total", "more than zero"),
        ({"currency": "EURO"}, "$[0].currency", "EURO"),
        ({"issue_date": "2026-02-01"}, "$[0].due_date", "on or after"),
        ({"amount_paid": "3"}, "$[0].paid_on", "is required"),
        ({"paid_on": "2026-02-01"}, "$[0].amount_paid", "is required with paid_on"),
        ({"amount_paid": "11", "paid_on": "2026-02-01"}, "$[0].amount_paid", "more than"),
        ({"number": ["a"]}, "$[0].number", "must be text"),
    ],
)
def test_open_item_errors_name_row_and_column(
    change: dict[str, Any], path: str, fragment: str
) -> None:
    """A bad cell raises InvalidInputError with the path of its row and column."""
    rows = [item_row(), item_row(**change)]
    with pytest.raises(InvalidInputError) as excinfo:
        open_items_from_records(rows)
    assert path.replace("[0]", "[1]") == path_of(excinfo)
    assert fragment in str(excinfo.value)


def test_float_amounts_are_type_errors() -> None:
    """A float amount is refused as a type error that explains why."""
    with pytest.raises(InvalidTypeError, match="exact") as excinfo:
        open_items_from_records([item_row(total=10.0)])
    assert isinstance(excinfo.value, TypeError)


def test_tables_must_be_iterables_of_mappings() -> None:
    """A string, a mapping or a non-mapping row is refused before any work."""
    with pytest.raises(InvalidTypeError, match="'rows'"):
        open_items_from_records("number,total")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'rows'"):
        open_items_from_records(item_row())  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as excinfo:
        open_items_from_records([item_row(), ("INV-2",)])  # type: ignore[list-item]
    assert "$[1]" == excinfo.value.path


def test_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """More rows than MAX_RECORDS raise LimitExceededError, sized or streamed."""
    assert 1_000_000 == MAX_RECORDS
    monkeypatch.setattr("accountplan._tables.MAX_RECORDS", 2)
    with pytest.raises(LimitExceededError):
        open_items_from_records([item_row()] * 3)
    with pytest.raises(LimitExceededError):
        open_items_from_records(item_row() for _ in range(3))
    assert 2 == len(open_items_from_records(item_row() for _ in range(2)))


@given(
    st.lists(st.tuples(names, days, st.integers(0, 90), st.integers(1, 10**9), names), max_size=6)
)
def test_open_items_round_trip_through_csv(specs: list[tuple[str, dt.date, int, int, str]]) -> None:
    """Open items written as CSV text and read back are the same items."""
    items = [
        OpenItem(
            number=number,
            issue_date=issued,
            due_date=issued + dt.timedelta(days=term),
            total=Money.from_minor_units(cents, "EUR"),
            account_number=account,
        )
        for number, issued, term, cents, account in specs
    ]
    out = io.StringIO()
    writer = csv.DictWriter(
        out, ["number", "account_number", "issue_date", "due_date", "total", "currency"]
    )
    writer.writeheader()
    for item in items:
        writer.writerow(
            {
                "number": item.number,
                "account_number": item.account_number,
                "issue_date": item.issue_date.isoformat(),
                "due_date": item.due_date.isoformat(),
                "total": str(item.total.amount),
                "currency": item.total.currency,
            }
        )
    assert tuple(items) == open_items_from_records(rows_of(out.getvalue()))


# -- invoices and payments -----------------------------------------------------------


INVOICE: dict[str, Any] = {
    "number": "INV-7",
    "account_number": "C-1",
    "issue_date": "2026-01-01",
    "due_date": "2026-01-31",
    "currency": "EUR",
    "status": "open",
}


def test_invoices_with_lines() -> None:
    """Invoice rows and line rows become invoices whose totals include tax."""
    (invoice, empty) = invoices_from_records(
        [
            {**INVOICE, "payment_method": "direct_debit", "mandate_reference": "M-1"},
            {
                **INVOICE,
                "number": "INV-8",
                "status": "draft",
                "period_start": "2026-01-01",
                "period_end": "2026-02-01",
            },
        ],
        [
            {"invoice": "INV-7", "description": "Licence", "unit_price": "100.00"},
            {
                "invoice": "INV-7",
                "description": "Support",
                "unit_price": "10.00",
                "quantity": "3",
                "tax_rate": "21",
            },
        ],
    )
    assert InvoiceStatus.OPEN == invoice.status
    assert PaymentMethod.DIRECT_DEBIT == invoice.payment_method
    assert ["Licence", "Support"] == [line.description for line in invoice.lines]
    assert Money(amount="136.30", currency="EUR") == invoice.total
    assert () == empty.lines
    assert InvoiceStatus.DRAFT == empty.status
    assert dt.date(2026, 1, 1) == empty.period_start


@pytest.mark.parametrize(
    ("rows", "lines", "path", "fragment"),
    [
        ([{**INVOICE, "status": "sent"}], [], "$[0].status", "'open'"),
        ([INVOICE, INVOICE], [], "$[1].number", "repeats"),
        ([INVOICE], [{"invoice": "INV-9"}], "lines[0].invoice", "not the number"),
        (
            [INVOICE],
            [{"invoice": "INV-7", "description": "X", "unit_price": 5.0}],
            "lines[0].unit_price",
            "float",
        ),
        (
            [INVOICE],
            [{"invoice": "INV-7", "description": "", "unit_price": "5"}],
            "lines[0].description",
            "required",
        ),
        (
            [INVOICE],
            [{"invoice": "INV-7", "description": "X", "unit_price": "5", "quantity": "-1"}],
            "lines[0].quantity",
            "quantity",
        ),
        ([{**INVOICE, "due_date": "2025-12-01"}], [], "$[0].due_date", "due_date"),
        ([{**INVOICE, "payment_method": "barter"}], [], "$[0].payment_method", "'card'"),
    ],
)
def test_invoice_errors_name_table_row_and_column(
    rows: list[dict[str, Any]], lines: list[dict[str, Any]], path: str, fragment: str
) -> None:
    """Errors in either table name the table, the row and the column."""
    with pytest.raises(InvalidInputError) as excinfo:
        invoices_from_records(rows, lines)
    assert path == path_of(excinfo)
    assert fragment in str(excinfo.value)


def test_payments() -> None:
    """Payments with designated invoices as a list or as text separated by semicolons."""
    first, second = payments_from_records(
        [
            {
                "reference": "PAY-1",
                "amount": "50.00",
                "currency": "EUR",
                "received_on": "2026-02-03",
                "payment_method": "card",
                "invoices": ["INV-1"],
            },
            {
                "reference": "PAY-2",
                "amount": 7,
                "currency": "EUR",
                "received_on": dt.date(2026, 2, 4),
                "invoices": " INV-1 ;INV-2;",
            },
        ]
    )
    assert PaymentMethod.CARD == first.payment_method
    assert ("INV-1",) == first.invoices
    assert ("INV-1", "INV-2") == second.invoices
    assert Money(amount=7, currency="EUR") == second.amount
    with pytest.raises(InvalidInputError) as excinfo:
        payments_from_records([{**first_row(), "invoices": [1]}])
    assert "$[0].invoices" == excinfo.value.path
    with pytest.raises(InvalidInputError) as excinfo:
        payments_from_records([{**first_row(), "invoices": 5}])
    assert "$[0].invoices" == excinfo.value.path
    with pytest.raises(InvalidInputError) as excinfo:
        payments_from_records([first_row(), {**first_row(), "received_on": None}])
    assert "$[1].received_on" == excinfo.value.path
    assert ("A", "B") == payments_from_records([{**first_row(), "invoices": {"B", "A"}}])[
        0
    ].invoices


def first_row() -> dict[str, Any]:
    return {"reference": "P", "amount": "1", "currency": "EUR", "received_on": "2026-01-01"}


# -- tickets -------------------------------------------------------------------------


TICKETS: list[dict[str, Any]] = [
    {
        "id": "T-1",
        "account_number": "A-1",
        "priority": "high",
        "created_at": "2026-03-02T09:00:00+01:00",
        "channel": "email",
        "tags": "vip;billing",
    },
    {
        "id": 2,
        "account_number": "A-2",
        "priority": "low",
        "created_at": dt.datetime(2026, 3, 3, 8, tzinfo=UTC),
    },
]
EVENTS: list[dict[str, Any]] = [
    {"ticket_id": "T-1", "at": "2026-03-02T10:00:00+01:00", "kind": "agent_reply"},
    {
        "ticket_id": "T-1",
        "at": "2026-03-02T09:30:00+01:00",
        "kind": "status_changed",
        "status": "pending",
    },
    {
        "ticket_id": "2",
        "at": "2026-03-03T09:00:00Z",
        "kind": "priority_changed",
        "priority": "high",
        "actor": "sam",
    },
    {"ticket_id": "T-1", "at": "2026-03-02T10:00:00+01:00", "kind": "resolved"},
]


def test_tickets_with_events() -> None:
    """Tickets get their events in time order; same-instant events keep their row order."""
    first, second = tickets_from_records(TICKETS, EVENTS)
    assert Priority.HIGH == first.priority
    assert frozenset({"vip", "billing"}) == first.tags
    assert "email" == first.channel
    assert [
        TicketEventKind.STATUS_CHANGED,
        TicketEventKind.AGENT_REPLY,
        TicketEventKind.RESOLVED,
    ] == [event.kind for event in first.events]
    assert "2" == second.id
    assert Priority.HIGH == second.events[0].priority
    assert "sam" == second.events[0].actor
    assert dt.datetime(2026, 3, 2, 8, 30, tzinfo=UTC) == first.events[0].at


@pytest.mark.parametrize(
    ("rows", "events", "path", "fragment"),
    [
        ([{**TICKETS[0], "created_at": "2026-03-02T09:00:00"}], [], "$[0].created_at", "naive"),
        (
            [{**TICKETS[0], "created_at": dt.datetime(2026, 3, 2, 9)}],
            [],
            "$[0].created_at",
            "naive",
        ),
        ([{**TICKETS[0], "priority": "urgent"}], [], "$[0].priority", "'critical'"),
        ([{**TICKETS[0], "priority": 3}], [], "$[0].priority", "Priority"),
        ([TICKETS[0], TICKETS[0]], [], "$[1].id", "repeats"),
        ([TICKETS[0]], [{**EVENTS[0], "kind": "replied"}], "events[0].kind", "agent_reply"),
        ([TICKETS[0]], [{**EVENTS[0], "ticket_id": "T-2"}], "events[0].ticket_id", "T-2"),
        (
            [TICKETS[0]],
            [{**EVENTS[0], "at": "2026-03-02T07:00:00Z"}],
            "events[0].at",
            "before the ticket",
        ),
        ([TICKETS[0]], [{**EVENTS[1], "status": None}], "events[0].status", "required"),
        (
            [TICKETS[0]],
            [{**EVENTS[0], "kind": "status_changed", "status": "closed"}],
            "events[0].status",
            "closed",
        ),
        ([TICKETS[0]], [{**EVENTS[0], "at": 5}], "events[0].at", "aware datetime"),
        ([{**TICKETS[0], "tags": "a; ;b", "id": " "}], [], "$[0].id", "required"),
        (
            [TICKETS[0]],
            [
                {**EVENTS[0], "kind": "closed"},
                {**EVENTS[0], "at": "2026-03-02T11:00:00+01:00"},
            ],
            "$[0].events",
            "closed",
        ),
    ],
)
def test_ticket_errors_name_table_row_and_column(
    rows: list[dict[str, Any]], events: list[dict[str, Any]], path: str, fragment: str
) -> None:
    """Errors in tickets or events name the table, the row and the column."""
    with pytest.raises(InvalidInputError) as excinfo:
        tickets_from_records(rows, events)
    assert path == path_of(excinfo)
    assert fragment in str(excinfo.value)


def test_tickets_from_csv_files() -> None:
    """Two CSV exports load without hand-written parsing."""
    tickets_csv = "id,account_number,priority,created_at\nT-1,A-1,critical,2026-03-02T09:00:00Z\n"
    events_csv = "ticket_id,at,kind,status\nT-1,2026-03-02T09:05:00Z,status_changed,pending\n"
    (ticket,) = tickets_from_records(rows_of(tickets_csv), rows_of(events_csv))
    assert "pending" == ticket.events[0].status


def test_missing_cells_from_pandas() -> None:
    """NaN and NaT are empty cells; Timestamps and numpy integers are read as values."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "id": ["T-1", "T-2"],
            "account_number": ["A-1", "A-2"],
            "priority": ["high", "low"],
            "created_at": pd.to_datetime(["2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"]),
            "channel": ["email", None],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["T-1"],
            "at": pd.to_datetime(["2026-03-02T09:30:00Z"]),
            "kind": ["agent_reply"],
            "status": [float("nan")],
            "priority": [None],
        }
    )
    first, second = tickets_from_records(frame.to_dict("records"), events.to_dict("records"))
    assert type(first.created_at) is dt.datetime
    assert dt.datetime(2026, 3, 2, 9, tzinfo=UTC) == first.created_at
    assert "" == second.channel
    assert first.events[0].status is None
    items = pd.DataFrame(
        {
            "number": pd.Series([1, 2], dtype="int64"),
            "issue_date": pd.to_datetime(["2026-01-01", "2026-01-02"]),
            "due_date": pd.to_datetime(["2026-01-31", "2026-02-01"]),
            "total": ["10.00", "20.00"],
            "currency": ["EUR", "EUR"],
            "amount_paid": [pd.NA, "5"],
            "paid_on": [pd.NaT, pd.Timestamp("2026-02-02")],
        }
    )
    one, two = open_items_from_records(items.to_dict("records"))
    assert "1" == one.number
    assert dt.date(2026, 1, 31) == one.due_date
    assert Money(amount=15, currency="EUR") == two.amount_due(dt.date(2026, 2, 2))
    floats = pd.DataFrame({"total": [10.0]}).assign(
        **{k: [v] for k, v in item_row().items() if k != "total"}
    )
    with pytest.raises(InvalidTypeError) as excinfo:
        open_items_from_records(floats.to_dict("records"))
    assert "$[0].total" == excinfo.value.path


def test_row_reader_cells() -> None:
    """The cell readers accept their documented shapes and refuse the rest."""

    class Text(str):
        pass

    r = RowReader(
        4, {"n": 7, "b": True, "d": " 1.50 ", "x": object(), "s": Text(" a "), "e": Text(" ")}
    )
    assert "a" == r.text("s")
    assert "" == r.text("e", required=False)
    assert "7" == r.text("n")
    assert Decimal(7) == r.decimal("n")
    assert Decimal("1.50") == r.decimal("d")
    assert "$[4].x" == r.path("x")
    with pytest.raises(InvalidTypeError):
        r.text("b")
    with pytest.raises(InvalidTypeError):
        r.decimal("b")
    with pytest.raises(InvalidTypeError):
        r.names("x")
    with pytest.raises(InvalidInputError, match="is required"):
        r.decimal("missing")
    assert r.decimal("missing", required=False) is None
    assert r.instant("missing", required=False) is None
    assert r.date("missing", required=False) is None
    assert r.choice("missing", Priority, required=False) is None
    assert "-" == r.text("missing", required=False, default="-")
