"""Result collections as tables: records, DataFrames, and bounded, escaped notebook reprs."""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from decimal import Decimal
from typing import Any

import pytest

from accountplan._tables import MAX_REPR_ROWS, cell_text
from accountplan.billing import (
    BillingCycle,
    BillingPeriods,
    InterestPolicy,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    Payment,
    PaymentTerms,
    aging_report,
    allocate_payments,
    invoice_schedule,
    late_fee,
)
from accountplan.exceptions import InvalidInputError, MissingDependencyError
from accountplan.kpi import KpiTarget, ReportingPeriod, kpi_report, nps
from accountplan.maturity import assess, customer_account_management, evidence_from
from accountplan.money import Money
from accountplan.serialization import from_json, to_json
from accountplan.sla import (
    CreditTier,
    SlaMeasurement,
    SlaMeasurements,
    SlaPolicy,
    SlaTarget,
    availability_report,
    compliance,
    evaluate,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)
AS_OF = dt.date(2026, 6, 30)


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def open_item(
    number: str, *, due: dt.date, total: str | int, account: str = "C-1", issue_days: int = 30
) -> OpenItem:
    return OpenItem(
        number=number,
        issue_date=due - dt.timedelta(days=issue_days),
        due_date=due,
        total=eur(total),
        account_number=account,
    )


POLICY = SlaPolicy(
    name="24x7",
    targets_by_priority={
        Priority.HIGH: [
            SlaTarget(metric="first_response", within=HOUR, business_hours=False),
            SlaTarget(metric="resolution", within=8 * HOUR, business_hours=False),
        ]
    },
)


def ticket(n: int, created: dt.datetime, reply_after: dt.timedelta) -> Ticket:
    return Ticket(
        id=f"T-{n}",
        account_number="A-1",
        priority=Priority.HIGH,
        created_at=created,
        events=[TicketEvent(at=created + reply_after, kind=TicketEventKind.AGENT_REPLY)],
    )


def measurements() -> list[SlaMeasurement]:
    found: list[SlaMeasurement] = []
    for n, (created, reply) in enumerate(
        [
            (T0, HOUR / 2),
            (T0 + dt.timedelta(days=40), 2 * HOUR),
            (dt.datetime(2026, 3, 31, 22, 30, tzinfo=UTC), HOUR / 4),  # April in Amsterdam
            (T0 - dt.timedelta(days=70), HOUR / 2),
        ]
    ):
        found += evaluate(ticket(n, created, reply), POLICY, as_of=created + 4 * HOUR)
    return found


# -- records ---------------------------------------------------------------------


def test_evaluate_returns_a_tuple_that_is_a_table() -> None:
    """evaluate's result is still a tuple, equal to the plain one, and gives typed records."""
    t = ticket(1, T0, HOUR / 2)
    result = evaluate(t, POLICY, as_of=T0 + 4 * HOUR)
    assert isinstance(result, tuple)
    assert isinstance(result, SlaMeasurements)
    assert tuple(result) == result
    assert result[:1] == (result[0],)
    records = result.to_records()
    assert ["first_response", "resolution"] == [r["metric"] for r in records]
    first = records[0]
    assert "high" == first["priority"]
    assert "met" == first["state"]
    assert dt.timedelta(minutes=30) == first["elapsed"]
    assert T0 == first["start"]
    assert first["start"].tzinfo is not None
    assert first["stop"] == T0 + HOUR / 2
    assert records[1]["stop"] is None
    assert isinstance(first["target"], dt.timedelta)
    assert list(first) == [
        "ticket_id",
        "account_number",
        "channel",
        "policy",
        "metric",
        "cycle",
        "priority",
        "target",
        "business_hours",
        "start",
        "stop",
        "as_of",
        "deadline",
        "elapsed",
        "paused",
        "outside_hours",
        "state",
        "remaining",
        "note",
    ]


def test_compliance_records() -> None:
    """One record per group: the by fields, the counts, the percentage and the statistics."""
    report = compliance(measurements(), by=["metric"])
    records = report.to_records()
    assert ["first_response", "resolution"] == [r["metric"] for r in records]
    first = records[0]
    assert (3, 1, 0, 0, 4) == (
        first["met"],
        first["breached"],
        first["running"],
        first["cancelled"],
        first["total"],
    )
    assert Decimal("75.000000") == first["percent"]
    assert isinstance(first["median"], dt.timedelta)
    assert records[1]["percent"] is None  # every resolution is still running


def test_aging_records_per_account_and_per_line() -> None:
    """Per account: a Decimal column per bucket and the total; per line: one row per item."""
    items = [
        open_item("A", due=AS_OF - dt.timedelta(days=10), total="100.50", account="C-2"),
        open_item("B", due=AS_OF + dt.timedelta(days=5), total=40),
        open_item("C", due=AS_OF - dt.timedelta(days=95), total="7.25"),
    ]
    report = aging_report(items, as_of=AS_OF)
    assert [
        {
            "account_number": "C-1",
            "not_due": Decimal("40.00"),
            "1-30": Decimal("0.00"),
            "31-60": Decimal("0.00"),
            "61-90": Decimal("0.00"),
            "91+": Decimal("7.25"),
            "total": Decimal("47.25"),
            "currency": "EUR",
        },
        {
            "account_number": "C-2",
            "not_due": Decimal("0.00"),
            "1-30": Decimal("100.50"),
            "31-60": Decimal("0.00"),
            "61-90": Decimal("0.00"),
            "91+": Decimal("0.00"),
            "total": Decimal("100.50"),
            "currency": "EUR",
        },
    ] == report.to_records()
    lines = report.to_records(per="line")
    assert {
        "number": "C",
        "account_number": "C-1",
        "issue_date": AS_OF - dt.timedelta(days=125),
        "due_date": AS_OF - dt.timedelta(days=95),
        "age_days": 95,
        "bucket": "91+",
        "amount_due": Decimal("7.25"),
        "currency": "EUR",
    } == lines[0]
    assert ["C", "B", "A"] == [line["number"] for line in lines]
    with pytest.raises(InvalidInputError, match="'per'"):
        report.to_records(per="invoice")  # type: ignore[arg-type]


def test_late_fee_records() -> None:
    """A late fee's breakdown lines, amounts as Decimal with the currency beside them."""
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="flat", amount=eur(25), label="late fee"),
            LateFeeComponent(
                kind="interest", label="8 %", interest=InterestPolicy(rate="8", day_count="act_365")
            ),
        ]
    )
    item = open_item("A", due=dt.date(2026, 1, 31), total="1000.00")
    fee = late_fee(item, as_of=dt.date(2026, 3, 2), policy=policy)
    records = fee.to_records()
    assert ["flat", "interest"] == [r["component"] for r in records]
    assert Decimal("25.00") == records[0]["amount"]
    assert records[0]["rate"] is None
    assert Decimal(8) == records[1]["rate"]
    assert 30 == records[1]["days"]
    assert {"EUR"} == {r["currency"] for r in records}
    assert fee.amount.amount == sum(r["amount"] for r in records)


def test_allocation_records() -> None:
    """Allocations, then the credit left over, with the day and the parts."""
    items = [open_item("A", due=dt.date(2026, 1, 31), total="300.00")]
    payment = Payment(reference="PAY-1", amount=eur("450.00"), received_on=dt.date(2026, 3, 10))
    result = allocate_payments(items, [payment])
    records = result.to_records()
    assert ["allocation", "unapplied"] == [r["kind"] for r in records]
    assert ("PAY-1", "A", Decimal("300.00"), dt.date(2026, 3, 10)) == (
        records[0]["source"],
        records[0]["invoice"],
        records[0]["amount"],
        records[0]["date"],
    )
    assert (None, Decimal("150.00"), None) == (
        records[1]["invoice"],
        records[1]["amount"],
        records[1]["principal"],
    )


def test_invoice_schedule_is_a_tuple_that_is_a_table() -> None:
    """invoice_schedule still returns a tuple; its records carry the dates and the stub flag."""
    periods = invoice_schedule(
        BillingCycle.monthly(anchor=1),
        start=dt.date(2026, 1, 15),
        count=2,
        terms=PaymentTerms.net(14),
    )
    assert isinstance(periods, tuple)
    assert isinstance(periods, BillingPeriods)
    records = periods.to_records()
    assert [True, False] == [r["is_stub"] for r in records]
    assert dt.date(2026, 1, 29) == records[0]["due_date"]
    assert [1, 2] == [r["sequence"] for r in records]


def test_availability_records() -> None:
    """One row per month with the month label, uptime in percent and the credit."""
    outage = (dt.datetime(2026, 1, 14, 3, tzinfo=UTC), dt.datetime(2026, 1, 14, 5, tzinfo=UTC))
    report = availability_report(
        [outage],
        first_month=dt.date(2026, 1, 1),
        months=2,
        timezone="Europe/Amsterdam",
        tiers=[CreditTier(at_least="0", below="99.9", credit_percent="10")],
        charge=eur("1000.00"),
    )
    records = report.to_records()
    assert ["2026-01", "2026-02"] == [r["month"] for r in records]
    assert dt.timedelta(hours=2) == records[0]["downtime"]
    assert Decimal("100.00") == records[0]["credit"]
    assert "EUR" == records[0]["currency"]
    assert Decimal(100) == records[1]["uptime"]
    bare = availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC"
    ).to_records()
    assert (None, None) == (bare[0]["credit"], bare[0]["currency"])


def test_kpi_and_maturity_records_keep_their_columns() -> None:
    """KPI reports, assessments and evidence keep the records they had."""
    q1 = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
    target = KpiTarget(kpi="nps", direction="at_least", threshold=30)
    kpi = kpi_report([target], [nps([10, 10, 3])], period=q1).to_records()
    assert Decimal("33.33") == kpi[0]["value"]
    assert "on_target" == kpi[0]["status"]
    rows = assess(customer_account_management(), {"email_support": "yes"}).to_records()
    assert {
        "dimension": "customer_account_management",
        "criterion": "email_support",
        "level": "ad_hoc",
        "answer": "yes",
        "met": True,
    } == rows[0]
    evidence = evidence_from(faq=False).to_records()
    assert {"criterion": "faq", "answer": "no", "reason": "no FAQs"} in evidence


# -- compliance by calendar period -------------------------------------------------


def test_compliance_by_month_in_a_stated_zone_in_time_order() -> None:
    """Months are cut in the zone given; groups come oldest first."""
    found = measurements()
    report = compliance(found, by=["month", "metric"], tz="Europe/Amsterdam")
    keys = [g.key for g in report.groups]
    assert [
        ("2025-12", "first_response"),
        ("2025-12", "resolution"),
        ("2026-03", "first_response"),
        ("2026-03", "resolution"),
        ("2026-04", "first_response"),
        ("2026-04", "resolution"),
    ] == keys
    assert "Europe/Amsterdam" == report.tz
    # In UTC the ticket of 31 March 22:30 falls in March.
    utc = compliance(found, by=["month"], tz="UTC")
    assert [("2025-12",), ("2026-03",), ("2026-04",)] == [g.key for g in utc.groups]
    assert [2, 4, 2] == [g.total for g in utc.groups]
    assert [2, 2, 4] == [
        g.total for g in compliance(found, by=["month"], tz="Europe/Amsterdam").groups
    ]


def test_compliance_by_week_and_quarter() -> None:
    """ISO weeks (Monday first) and quarters, labelled so that they sort in time order."""
    found = measurements()
    weeks = compliance(found, by=["week"], tz="UTC", aggregate="per_ticket_any")
    assert [("2025-W52",), ("2026-W10",), ("2026-W14",), ("2026-W15",)] == [
        g.key for g in weeks.groups
    ]
    quarters = compliance(found, by=["quarter"], tz="Pacific/Auckland")
    assert [("2025-Q4",), ("2026-Q1",), ("2026-Q2",)] == [g.key for g in quarters.groups]
    assert ["quarter"] == list(quarters.to_records()[0])[:1]


def test_compliance_period_needs_a_zone_and_a_zone_needs_a_period() -> None:
    """A period without tz, a tz without a period and an unknown zone are refused."""
    found = measurements()
    with pytest.raises(InvalidInputError, match=r"'tz'.*month"):
        compliance(found, by=["month"])
    with pytest.raises(InvalidInputError, match="'tz'"):
        compliance(found, by=["metric"], tz="UTC")
    with pytest.raises(InvalidInputError, match="'tz'"):
        compliance(found, by=["month"], tz="Mars/Olympus")
    with pytest.raises(InvalidInputError, match="'by'"):
        compliance(found, by=["year"], tz="UTC")  # type: ignore[list-item]


# -- reprs -----------------------------------------------------------------------


def test_html_repr_is_escaped_and_bounded() -> None:
    """Cells are escaped, long tables show head and tail with the row count, no assets."""
    items = [
        open_item(f"<b>{n}</b>", due=AS_OF, total=1, account=f"<script>{n:03d}") for n in range(50)
    ]
    report = aging_report(items, as_of=AS_OF)
    page = report._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;000" in page
    assert "&lt;script&gt;049" in page
    assert "&lt;script&gt;025" not in page
    assert "(50 rows)" in page
    assert "&hellip;" in page
    assert page.count("<tr>") == 1 + MAX_REPR_ROWS + 1
    assert "http" not in page
    assert "<link" not in page


def test_markdown_repr_is_escaped_and_bounded() -> None:
    """Pipes and markup in cells cannot break the Markdown table."""
    items = [open_item(f"A|{n}", due=AS_OF, total=1, account=f"a|b\n{n:02d}") for n in range(30)]
    text = aging_report(items, as_of=AS_OF)._repr_markdown_()
    lines = text.splitlines()
    assert "(30 rows)" in lines[0]
    assert "| account_number | not_due | 1-30 | 31-60 | 61-90 | 91+ | total | currency |" in lines
    # the row total is the exact sum the report holds (bucket totals are rounded)
    assert "| a\\|b 00 | 1.00 | 0.00 | 0.00 | 0.00 | 0.00 | 1 | EUR |" in lines
    assert 4 + MAX_REPR_ROWS + 1 == len(lines)
    assert any(line.startswith("| …") for line in lines)


def test_small_tables_show_every_row() -> None:
    """A short table has no ellipsis and says how many rows it has."""
    t = ticket(1, T0, HOUR / 2)
    found = evaluate(t, POLICY, as_of=T0 + 4 * HOUR)
    page = found._repr_html_()
    assert "(2 rows)" in page
    assert "&hellip;" not in page
    assert "(1 row)" in SlaMeasurements(found[:1])._repr_markdown_()
    for value, text in [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (Decimal("1.50"), "1.50"),
        (Decimal("1E+2"), "100"),
        (Priority.HIGH, "high"),
        (dt.date(2026, 1, 2), "2026-01-02"),
        (T0, "2026-03-02T09:00:00+00:00"),
        (HOUR, "1:00:00"),
    ]:
        assert text == cell_text(value)


def test_every_table_renders() -> None:
    """Each result collection renders as HTML and Markdown."""
    q1 = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
    tables: list[Any] = [
        compliance(measurements()),
        assess(customer_account_management(), {}),
        evidence_from(faq=True),
        kpi_report([KpiTarget(kpi="nps", direction="at_least", threshold=30)], [], period=q1),
        invoice_schedule(BillingCycle.monthly(), start=dt.date(2026, 1, 1), count=3),
        allocate_payments(
            [open_item("A", due=AS_OF, total=5)],
            [Payment(reference="P", amount=eur(9), received_on=AS_OF)],
        ),
    ]
    for table in tables:
        assert table._repr_html_().startswith("<table><caption>")
        assert "|---" in table._repr_markdown_()


# -- pandas ----------------------------------------------------------------------


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_pandas raises MissingDependencyError (an ImportError) naming the extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    report = compliance([])
    with pytest.raises(MissingDependencyError, match=r"accountplan\[pandas\]") as excinfo:
        report.to_pandas()
    assert isinstance(excinfo.value, ImportError)
    assert "pandas" == excinfo.value.extra
    assert "ComplianceReport.to_pandas" == excinfo.value.feature
    with pytest.raises(MissingDependencyError):
        aging_report([], as_of=AS_OF, currency="EUR").to_pandas(per="line")


def test_to_pandas_dtypes() -> None:
    """Instants tz-aware in UTC, durations timedelta64, amounts exact Decimal objects."""
    pd = pytest.importorskip("pandas")
    t = ticket(1, T0, HOUR / 2)
    frame = evaluate(t, POLICY, as_of=T0 + 4 * HOUR).to_pandas()
    assert "datetime64[us, UTC]" == str(frame["start"].dtype)
    assert "timedelta64[us]" == str(frame["elapsed"].dtype)
    assert "Int64" == str(frame["cycle"].dtype)
    assert "boolean" == str(frame["business_hours"].dtype)
    assert pd.Timestamp(T0) == frame["start"][0]
    assert pd.isna(frame["stop"][1])
    assert pd.Timedelta(minutes=30) == frame["elapsed"][0]

    items = [open_item("A", due=AS_OF - dt.timedelta(days=3), total="10.10")]
    lines = aging_report(items, as_of=AS_OF).to_pandas(per="line")
    assert "datetime64[us]" == str(lines["due_date"].dtype)
    assert "object" == str(lines["amount_due"].dtype)
    assert Decimal("10.10") == lines["amount_due"][0]
    assert list(lines.columns) == [
        "number",
        "account_number",
        "issue_date",
        "due_date",
        "age_days",
        "bucket",
        "amount_due",
        "currency",
    ]
    accounts = aging_report(items, as_of=AS_OF).to_pandas()
    assert Decimal("10.10") == accounts["1-30"][0]


def test_empty_tables_keep_their_columns_and_dtypes() -> None:
    """An empty result still has every column with its dtype."""
    pytest.importorskip("pandas")
    frame = compliance([], by=["month"], tz="UTC").to_pandas()
    assert ["month", "met"] == list(frame.columns)[:2]
    assert "timedelta64[us]" == str(frame["median"].dtype)
    assert 0 == len(frame)
    assert 0 == len(SlaMeasurements(()).to_pandas())


def test_every_table_to_pandas() -> None:
    """Each result collection becomes a DataFrame with as many rows as records."""
    pytest.importorskip("pandas")
    q1 = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
    tables: list[Any] = [
        compliance(measurements(), by=["month"], tz="UTC"),
        assess(customer_account_management(), {}),
        evidence_from(faq=True),
        kpi_report([KpiTarget(kpi="nps", direction="at_least", threshold=30)], [], period=q1),
        invoice_schedule(BillingCycle.monthly(), start=dt.date(2026, 1, 1), count=3),
        availability_report([], first_month=dt.date(2026, 1, 1), months=2, timezone="UTC"),
    ]
    for table in tables:
        frame = table.to_pandas()
        assert len(table.to_records()) == len(frame)
        assert list(table.to_records()[0]) == list(frame.columns)


def test_table_tuples_serialize_like_plain_tuples() -> None:
    """to_json of evaluate's and invoice_schedule's results is unchanged by the table types."""
    # Regression: the tuple subclasses were passed through unstructured, and
    # json.dumps then refused the models inside.
    result = evaluate(ticket(1, T0, HOUR / 2), POLICY, as_of=T0 + 4 * HOUR)
    assert to_json(tuple(result)) == to_json(result)
    assert tuple(result) == from_json(to_json(result), tuple[SlaMeasurement, ...])
    periods = invoice_schedule(BillingCycle.monthly(), start=dt.date(2026, 1, 1), count=2)
    assert to_json(tuple(periods)) == to_json(periods)
    assert [tuple(periods)] == [pickle.loads(pickle.dumps(periods))]
    assert isinstance(pickle.loads(pickle.dumps(periods)), BillingPeriods)
