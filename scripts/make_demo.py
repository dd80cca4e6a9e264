"""Generate the bundled demo account (src/accountplan/data/demo/*.json).

Usage:
    python scripts/make_demo.py          # write the demo files and the rendered page
    python scripts/make_demo.py --check  # exit 1 if a committed file differs

Besides the data, it writes examples/health_report.md: the demo's report
rendered as Markdown (headings one level down), which docs/index.md includes.

The demo is a fictional Dutch B2B customer, Molenaar Koeltechniek B.V.
(refrigeration monitoring), with a complete account plan, a year of monthly
invoices (July 2025 to June 2026) with payments (most on time, some late,
one invoice partly paid and one unpaid at the end), a few hundred support
tickets (some breaching their SLA, a few still open, at risk and escalated
on the last day) and an account-management process run waiting for an
approval. Everything comes from a seeded ``random.Random``: the same files
on every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from accountplan.accounts import (
    Account,
    AccountStatus,
    AccountType,
    Contact,
    LifecyclePolicy,
    RetentionPolicy,
)
from accountplan.billing import (
    BillingCycle,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    PaymentTerms,
)
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import RoutingRule
from accountplan.kpi import KpiTarget
from accountplan.money import Money
from accountplan.plan import (
    ACCOUNT_MANAGEMENT_PROCESS,
    AccountPlan,
    BillingSection,
    EscalationSection,
    MaintenanceSection,
    MonitoringSection,
    ProcessRun,
    complete_step,
    start_run,
)
from accountplan.report._demo_plan import (
    communication,
    dunning,
    escalation_policy,
    eur,
    flat_late_fee,
    office_hours,
    response_targets,
)
from accountplan.serialization import to_json
from accountplan.sla import SlaPolicy, SlaPolicySet, SlaTarget
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "accountplan" / "data" / "demo"
PAGE = ROOT / "examples" / "health_report.md"
SEED = 20260630
NUMBER = "NL-1042"
ZONE = "Europe/Amsterdam"
AS_OF = dt.date(2026, 6, 30)
END = dt.datetime(2026, 7, 1, tzinfo=ZoneInfo(ZONE))  # the end of AS_OF in the account's zone
# Dutch public holidays from July 2025 to June 2026 on working days
# (rijksoverheid.nl, "Officiële feestdagen").
HOLIDAYS = (
    dt.date(2025, 12, 25),
    dt.date(2025, 12, 26),
    dt.date(2026, 1, 1),
    dt.date(2026, 4, 6),
    dt.date(2026, 4, 27),
    dt.date(2026, 5, 14),
    dt.date(2026, 5, 25),
)


def office() -> BusinessCalendar:
    return office_hours(ZONE, holidays=HOLIDAYS, name="Molenaar support hours")


def make_plan() -> AccountPlan:
    hours = office()
    always = BusinessCalendar.always(ZONE)
    return AccountPlan(
        overview=Account(
            number=NUMBER,
            name="Molenaar Koeltechniek B.V.",
            type=AccountType.BUSINESS,
            status=AccountStatus.ACTIVE,
            currency="EUR",
            timezone=ZONE,
            locale="nl_NL",
            tier="gold",
            segment="cold chain",
            opened=dt.date(2024, 3, 1),
            contacts=[
                Contact(name="Sanne de Vries", role="account manager", email="sanne@example.nl"),
                Contact(name="Joris Molenaar", role="operations", email="joris@example.nl"),
            ],
        ),
        communication=communication(
            phone=always, always=always, portal_capabilities={"status", "payments"}
        ),
        sla=SlaPolicySet(
            default=SlaPolicy(
                name="Gold",
                calendar=hours,
                targets_by_priority={
                    Priority.CRITICAL: response_targets(1, 8, business_hours=False),
                    Priority.HIGH: response_targets(4, 16),
                    Priority.MODERATE: response_targets(8, 40),
                    Priority.LOW: response_targets(16, 80),
                    Priority.PLANNING: response_targets(40),
                },
            )
        ),
        billing=BillingSection(
            cycle=BillingCycle.monthly(anchor=1),
            terms=PaymentTerms.net(30),
            payment_methods=[PaymentMethod.BANK_TRANSFER],
            late_fee=flat_late_fee("15.00", label="admin fee"),
            dunning=dunning(suspend=75, collections=90),
        ),
        maintenance=MaintenanceSection(
            review_cadence="quarterly",
            review_start=dt.date(2026, 1, 1),
            retention=RetentionPolicy(years=7),
            lifecycle=LifecyclePolicy(suspend_after_days=75),
        ),
        monitoring=MonitoringSection(
            kpis=["dso", "first_response_time", "resolution_time", "csat", "nps"],
            targets=[
                KpiTarget(kpi="dso", direction="at_most", threshold=40, warning=50),
                KpiTarget(
                    kpi="first_response_time",
                    direction="at_most",
                    threshold=4 * 3600,
                    warning=6 * 3600,
                    statistic="p90",
                ),
                KpiTarget(
                    kpi="resolution_time",
                    direction="at_most",
                    threshold=16 * 3600,
                    statistic="median",
                ),
                KpiTarget(kpi="csat", direction="at_least", threshold=85, warning=80),
            ],
            reporting="quarterly",
        ),
        escalation=EscalationSection(
            rules=[
                RoutingRule(name="critical", when="priority <= 1", route_to="major_incident"),
                RoutingRule(name="urgent", when="priority <= 2", route_to="tier2"),
            ],
            default_route="service_desk",
            policies=[
                escalation_policy(
                    [
                        ("L1", ["service_desk", "tier2", "major_incident"]),
                        ("L2", ["support_manager"]),
                        ("L3", ["account_director"]),
                    ]
                )
            ],
            teams={
                "service_desk": ["desk@example.com"],
                "tier2": ["ahmed.elamrani", "lotte.bakker"],
                "major_incident": ["oncall-primary"],
                "support_manager": ["pieter.jansen"],
                "account_director": ["sanne.devries"],
            },
        ),
    )


def make_invoices(rng: random.Random) -> list[Invoice]:
    invoices = []
    for month in range(12):
        year, index = divmod(2025 * 12 + 6 + month, 12)
        issued = dt.date(year, index + 1, 1)
        sensors = rng.randint(180, 260)
        lines = [
            InvoiceLine(
                description="Koelmonitoring platform, abonnement",
                unit_price=eur("2450.00"),
                tax_rate=21,
            ),
            InvoiceLine(
                description="Sensoren (gebruik)",
                unit_price=eur("3.75"),
                quantity=Decimal(sensors),
                tax_rate=21,
            ),
        ]
        if rng.random() < 0.3:
            lines.append(
                InvoiceLine(description="Service op locatie", unit_price=eur("385.00"), tax_rate=21)
            )
        invoices.append(
            Invoice(
                number=f"F{issued:%Y-%m}",
                account_number=NUMBER,
                issue_date=issued,
                due_date=issued + dt.timedelta(days=30),
                currency="EUR",
                status=InvoiceStatus.OPEN,
                lines=lines,
                period_start=issued,
                period_end=(issued + dt.timedelta(days=32)).replace(day=1),
            )
        )
    return invoices


def make_payments(rng: random.Random, invoices: list[Invoice]) -> list[Payment]:
    payments = []
    # Late ones, by invoice month: (days after the due date, share paid) per payment.
    late: dict[str, list[tuple[int, Decimal | None]]] = {
        "F2025-10": [(42, None)],
        "F2026-01": [(9, Decimal("0.5")), (36, None)],
        "F2026-03": [(15, None)],
        "F2026-04": [(19, Decimal("0.4"))],
        "F2026-05": [],
        "F2026-06": [],
    }
    for invoice in invoices:
        plan = late.get(invoice.number)
        if plan is None:
            plan = [(-rng.randint(1, 9), None)]
        paid = Money.zero("EUR")
        for n, (days, share) in enumerate(plan, start=1):
            amount = invoice.total - paid if share is None else (invoice.total * share).rounded()
            paid = paid + amount
            payments.append(
                Payment(
                    reference=f"BT-{invoice.number[1:]}-{n}",
                    amount=amount,
                    received_on=invoice.due_date + dt.timedelta(days=days),
                    payment_method=PaymentMethod.BANK_TRANSFER,
                    account_number=NUMBER,
                    invoices=[invoice.number],
                )
            )
    return payments


PRIORITIES = [
    (Priority.CRITICAL, 3),
    (Priority.HIGH, 15),
    (Priority.MODERATE, 45),
    (Priority.LOW, 30),
    (Priority.PLANNING, 7),
]


def _targets(plan: AccountPlan, priority: Priority) -> dict[str, SlaTarget]:
    return {t.metric: t for t in plan.sla.default.targets_by_priority.get(priority, ())}


def _after(
    cal: BusinessCalendar, start: dt.datetime, target: SlaTarget, share: float
) -> dt.datetime:
    seconds = max(60, int(target.within.total_seconds() * share))
    span = dt.timedelta(seconds=seconds)
    if target.business_hours:
        return cal.add(start, span)
    return (start.astimezone(dt.UTC) + span).astimezone(start.tzinfo)


def _share(rng: random.Random, late: float) -> float:
    return rng.uniform(1.05, 2.5) if rng.random() < late else rng.uniform(0.05, 0.9)


def make_tickets(rng: random.Random, plan: AccountPlan) -> list[Ticket]:
    cal = office()
    zone = ZoneInfo(ZONE)
    first = dt.date(2025, 7, 1)
    tickets: list[Ticket] = []
    channels = ["email", "email", "phone", "portal"]
    for n in range(1, 321):
        day = first + dt.timedelta(days=rng.randrange(364))
        hour = rng.randint(8, 17) if rng.random() < 0.85 else rng.randint(0, 23)
        created = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=zone)
        priority = rng.choices([p for p, _ in PRIORITIES], [w for _, w in PRIORITIES])[0]
        targets = _targets(plan, priority)
        events: list[TicketEvent] = []
        reply = _after(cal, created, targets["first_response"], _share(rng, 0.08))
        events.append(TicketEvent(at=reply, kind=TicketEventKind.AGENT_REPLY, actor="support"))
        last = reply
        if rng.random() < 0.15:
            wait = last + dt.timedelta(minutes=10)
            events.append(
                TicketEvent(at=wait, kind=TicketEventKind.STATUS_CHANGED, status="pending")
            )
            back = wait + dt.timedelta(hours=rng.randint(2, 48))
            events.append(TicketEvent(at=back, kind=TicketEventKind.CUSTOMER_REPLY))
            last = back
        if "resolution" in targets:
            done = _after(cal, created, targets["resolution"], _share(rng, 0.1))
        else:
            done = _after(cal, created, targets["first_response"], rng.uniform(1.5, 4.0))
        done = max(done, last + dt.timedelta(minutes=5))
        events.append(TicketEvent(at=done, kind=TicketEventKind.RESOLVED, actor="support"))
        events.append(TicketEvent(at=done + dt.timedelta(days=3), kind=TicketEventKind.CLOSED))
        kept = [e for e in events if e.at < END]
        tickets.append(
            Ticket(
                id=f"T-{n:04d}",
                account_number=NUMBER,
                priority=priority,
                created_at=created,
                channel=rng.choice(channels),
                events=kept,
            )
        )

    # Open on the last day: a critical outage whose resolution clock is nearly
    # spent, a high ticket at risk, and a moderate one already late.
    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(2026, 6, day, hour, minute, tzinfo=zone)

    tickets.append(
        Ticket(
            id="T-0321",
            account_number=NUMBER,
            priority=Priority.CRITICAL,
            created_at=at(30, 17, 25),
            channel="phone",
            events=[TicketEvent(at=at(30, 17, 40), kind=TicketEventKind.AGENT_REPLY)],
        )
    )
    tickets.append(
        Ticket(
            id="T-0322",
            account_number=NUMBER,
            priority=Priority.HIGH,
            created_at=at(29, 11, 0),
            channel="email",
            events=[TicketEvent(at=at(29, 12, 30), kind=TicketEventKind.AGENT_REPLY)],
        )
    )
    tickets.append(
        Ticket(
            id="T-0323",
            account_number=NUMBER,
            priority=Priority.MODERATE,
            created_at=at(23, 9, 15),
            channel="portal",
            events=[
                TicketEvent(at=at(23, 14, 0), kind=TicketEventKind.AGENT_REPLY),
                TicketEvent(at=at(26, 10, 0), kind=TicketEventKind.CUSTOMER_REPLY),
            ],
        )
    )
    tickets.sort(key=lambda t: (t.created_at, t.id))
    return tickets


def make_run() -> ProcessRun:
    tz = dt.timezone(dt.timedelta(hours=2))
    at = dt.datetime(2026, 6, 1, 9, 0, tzinfo=tz)
    by = "sanne.devries"
    run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account=NUMBER, at=at, by=by)
    answers: dict[str, dict[str, Any]] = {
        "gather_records": {"record_types": ["Invoices", "Contracts", "Transaction history"]},
        "review_history": {"history_issues": ["Late payments", "Service disruptions"]},
        "analyze_status": {
            "satisfaction": "Satisfied",
            "strengths": ["Excellent customer service", "High customer retention rate"],
        },
    }
    for day, step in enumerate(
        ("identify_account", "gather_records", "review_history", "analyze_status"), start=1
    ):
        run = complete_step(
            run,
            step,
            at=at + dt.timedelta(days=day),
            by=by,
            answers=answers.get(step),
        )
    return run


def files() -> dict[str, str]:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible demo, not a secret
    plan = make_plan()
    invoices = make_invoices(rng)
    payments = make_payments(rng, invoices)
    tickets = make_tickets(rng, plan)
    return {
        "plan.json": to_json(plan, indent=1),
        "invoices.json": to_json(tuple(invoices), indent=1),
        "payments.json": to_json(tuple(payments), indent=1),
        "tickets.json": to_json(tuple(tickets), indent=1),
        "run.json": to_json(make_run(), indent=1),
    }


def report_page() -> str:
    """The demo's report in English Markdown, headings one level down (for docs/index.md)."""
    from accountplan.report import demo_report, render  # noqa: PLC0415 - reads the files written

    text = render(demo_report(), locale="en", format="markdown")
    return "".join(
        "#" + line if line.startswith("#") else line for line in text.splitlines(keepends=True)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check the committed files")
    args = parser.parse_args(argv)
    stale = []
    for name, text in files().items():
        path = OUT / name
        content = text + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(name)
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    page = report_page()
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            stale.append(str(PAGE.relative_to(ROOT)))
    else:
        PAGE.write_text(page, encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}")
    for name in stale:
        print(f"stale or missing: {name}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
