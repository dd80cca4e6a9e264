"""A quarter's account-management KPIs against their targets, compared with the quarter before."""

import datetime as dt

from accountplan.calendars import BusinessCalendar
from accountplan.i18n import label
from accountplan.kpi import (
    KpiTarget,
    churn_rate,
    csat_score,
    dso,
    kpi_report,
    nps,
    reporting_periods,
    response_time,
    retention_rate,
    revenue_growth,
)
from accountplan.money import Money
from accountplan.sla import CSAT_ONE_BEST, SlaPolicy, SlaTarget, evaluate_many
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind


def eur(amount: int) -> Money:
    return Money(amount=amount, currency="EUR")


if __name__ == "__main__":
    q4, q1, _ = reporting_periods("quarterly", start=dt.date(2025, 10, 1), count=3)

    calendar = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}
    )
    targets_by_priority = {
        p: (SlaTarget(metric="first_response", within=dt.timedelta(hours=4)),) for p in Priority
    }
    policy = SlaPolicy(name="standard", targets_by_priority=targets_by_priority, calendar=calendar)
    tickets = []
    for n, (day, hours) in enumerate([(5, 1), (6, 3), (7, 6), (12, 2), (13, 1)]):
        created = dt.datetime(2026, 1, day, 9, 0, tzinfo=dt.UTC)
        tickets.append(
            Ticket(
                id=f"T-{n}",
                account_number="A-1",
                priority=Priority.MODERATE,
                created_at=created,
                events=[
                    TicketEvent(
                        at=created + dt.timedelta(hours=hours), kind=TicketEventKind.AGENT_REPLY
                    )
                ],
            )
        )
    measurements = evaluate_many(tickets, policy, as_of=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))

    this_quarter = [
        churn_rate(start=1_200, lost=30),
        retention_rate(start=1_200, end=1_260, new=90),
        revenue_growth(eur(410_000), current=eur(436_000)),
        csat_score([1, 1, 2, 2, 2, 3, 1, 4, 2, 1], scale=CSAT_ONE_BEST),
        nps([10, 9, 9, 8, 7, 10, 6, 4, 9, 10]),
        dso(eur(160_000), credit_sales=eur(436_000), period=q1),
        response_time(measurements, metric="first_response", statistic="p90"),
    ]
    last_quarter = [churn_rate(start=1_150, lost=36), nps([10, 9, 8, 6, 5, 9, 10, 7])]
    targets = [
        KpiTarget(kpi="churn_rate", direction="at_most", threshold=2, warning="3.5"),
        KpiTarget(kpi="retention_rate", direction="at_least", threshold=95, warning=90),
        KpiTarget(kpi="csat", direction="at_least", threshold=80, warning=70),
        KpiTarget(kpi="nps", direction="at_least", threshold=40, warning=20),
        KpiTarget(kpi="dso", direction="at_most", threshold=30, warning=45),
        KpiTarget(
            kpi="first_response_time", direction="at_most", threshold=4 * 3600, statistic="p90"
        ),
    ]
    report = kpi_report(
        targets, this_quarter, period=q1, previous=last_quarter, cadence="quarterly"
    )

    print(f"KPIs {q1.start} to {q1.end} (report due {report.reported_on})")
    for row in report.rows:
        kpi = label(row.target.kpi, locale="en")
        value = "-" if row.value is None else f"{row.value} {row.target.kpi.unit}"
        change = "" if row.change is None else f" (change {row.change:+})"
        print(f"  {kpi:<28} {value:<22} {label(row.status, locale='en')}{change}")
    for result in report.untracked:
        print(f"  {label(result.kpi, locale='en'):<28} {result.value} (no target)")
    if report.next_period is not None:
        print(f"Next period: {report.next_period.start} to {report.next_period.end}")
