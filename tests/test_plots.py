"""Charts behind the plot extra, rendered with the Agg backend (skipped without matplotlib)."""

from __future__ import annotations

import datetime as dt
import io
import sys
from decimal import Decimal
from typing import Any

import pytest

from accountplan import plots
from accountplan.billing import OpenItem, aging_report
from accountplan.exceptions import InvalidInputError, MissingDependencyError
from accountplan.money import Money
from accountplan.sla import (
    SlaPolicy,
    SlaTarget,
    availability_report,
    compliance,
    evaluate,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

UTC = dt.UTC
AS_OF = dt.date(2026, 6, 30)


def aging() -> Any:
    items = [
        OpenItem(
            number=f"I-{n}",
            issue_date=AS_OF - dt.timedelta(days=n + 30),
            due_date=AS_OF - dt.timedelta(days=n),
            total=Money(amount=100 + n, currency="EUR"),
            account_number=f"C-{n % 3}",
        )
        for n in range(0, 150, 7)
    ]
    return aging_report(items, as_of=AS_OF)


def measurements() -> list[Any]:
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.HIGH: [
                SlaTarget(
                    metric="first_response", within=dt.timedelta(hours=1), business_hours=False
                ),
                SlaTarget(metric="resolution", within=dt.timedelta(hours=4), business_hours=False),
            ]
        },
    )
    out: list[Any] = []
    for n in range(12):
        created = dt.datetime(2026, 1, 5, 9, tzinfo=UTC) + dt.timedelta(days=9 * n)
        reply = TicketEvent(
            at=created + dt.timedelta(minutes=20 + 10 * n), kind=TicketEventKind.AGENT_REPLY
        )
        ticket = Ticket(
            id=f"T-{n}",
            account_number="A",
            priority=Priority.HIGH,
            created_at=created,
            events=[reply],
        )
        out += evaluate(ticket, policy, as_of=created + dt.timedelta(days=1))
    return out


def availability() -> Any:
    outage = (dt.datetime(2026, 2, 3, 1, tzinfo=UTC), dt.datetime(2026, 2, 3, 2, tzinfo=UTC))
    return availability_report([outage], first_month=dt.date(2026, 1, 1), months=3, timezone="UTC")


def test_plots_without_matplotlib_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib every chart raises MissingDependencyError naming the plot extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.axes", None)
    with pytest.raises(MissingDependencyError, match=r"accountplan\[plot\]") as excinfo:
        plots.aging_buckets(aging())
    assert isinstance(excinfo.value, ImportError)
    with pytest.raises(MissingDependencyError):
        plots.uptime_by_month(availability())
    with pytest.raises(MissingDependencyError):
        plots.compliance_over_time(compliance(measurements(), by=["month"], tz="UTC"))


def test_bad_reports_are_refused_before_drawing() -> None:
    """Wrong report types, a report without periods and a bad target are refused."""
    with pytest.raises(InvalidInputError, match="'report'"):
        plots.aging_buckets(availability())
    with pytest.raises(InvalidInputError, match="month, week or quarter"):
        plots.compliance_over_time(compliance(measurements()))
    with pytest.raises(InvalidInputError, match="'target'"):
        plots.uptime_by_month(availability(), target=101)
    with pytest.raises(InvalidInputError, match="'target'"):
        plots.uptime_by_month(availability(), target=99.5)  # type: ignore[arg-type]


def test_charts_render_with_agg() -> None:
    """Each chart draws on the given axes (or a new figure) and renders to PNG."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    plt = pytest.importorskip("matplotlib.pyplot")

    figure, (left, middle, right) = plt.subplots(1, 3, figsize=(12, 3))
    try:
        assert left is plots.aging_buckets(aging(), ax=left)
        assert ["not_due", "1-30", "31-60", "61-90", "91+"] == [
            t.get_text() for t in left.get_xticklabels()
        ]
        heights = [bar.get_height() for bar in left.patches]
        assert float(aging().total.amount) == pytest.approx(sum(heights))
        report = compliance(
            [m for m in measurements() if m.metric == "first_response"],
            by=["month"],
            tz="Europe/Amsterdam",
        )
        assert middle is plots.compliance_over_time(report, ax=middle)
        (line,) = middle.get_lines()
        assert [g.key[0] for g in report.groups] == list(line.get_xdata())
        assert [float(g.percent or 0) for g in report.groups] == list(line.get_ydata())
        assert right is plots.uptime_by_month(availability(), ax=right, target=Decimal("99.9"))
        assert 3 == len(right.patches)
        assert right.get_legend() is not None
        figure.savefig(io.BytesIO(), format="png")
        by_two = compliance(measurements(), by=["metric", "quarter"], tz="UTC")
        fresh = plots.compliance_over_time(by_two)
        assert fresh.get_legend() is not None  # one line per metric
        assert 2 == len(fresh.get_lines())
        assert "quarter (UTC)" == fresh.get_xlabel()
        with pytest.raises(InvalidInputError, match="'ax'"):
            plots.aging_buckets(aging(), ax="left")
        fresh.figure.savefig(io.BytesIO(), format="png")
        bare = plots.uptime_by_month(availability())
        assert bare.get_legend() is None
        assert "month (UTC)" == bare.get_xlabel()
    finally:
        plt.close("all")
