"""An account's health report: the demo customer's plan checked against a year of its data.

Builds the report of the bundled demo account (a fictional Dutch B2B
customer), prints the figures a collector and a service manager ask about
first with the results that explain them, and renders the report as
Markdown (the page examples/health_report.md is this output).
"""

import datetime as dt

from accountplan.i18n import format_money, format_percent
from accountplan.report import demo_inputs, health_report, render

if __name__ == "__main__":
    demo = demo_inputs()
    report = health_report(
        demo.plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=dt.date(2026, 6, 30),  # the end of that day in the account's zone
        run=demo.run,
    )
    money = report.receivables
    print("overdue:", format_money(money.summary.overdue, locale="nl_NL"))
    # Every figure keeps its explanation: the statutory interest per invoice,
    # with the rate periods and the days each one ran.
    for claim in money.statutory:
        for line in claim.interest.lines:
            print(
                f"  {claim.invoice} {line.start} to {line.end}: {line.days} days at "
                f"{line.rate} % on {line.base} = {line.amount}"
            )
    print(
        "statutory interest:",
        money.interest_total,
        "collection costs:",
        money.collection_costs_total,
    )
    total = report.sla.compliance.total
    assert total.percent is not None
    print("SLA met in the quarter:", format_percent(total.percent, locale="en", digits=1))
    for m in report.sla.at_risk:
        print(f"  at risk: {m.ticket_id} {m.metric} due {m.deadline:%Y-%m-%d %H:%M}")
    for item in report.escalations[:3]:
        rules = ", ".join(record.rule or "" for record in item.triggers)
        print(f"  escalate {item.ticket_id}: {rules} -> {item.route.route_to}")
    print()
    print(render(report, locale="en", format="markdown"))
