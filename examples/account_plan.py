"""A complete account plan for a Dutch B2B customer: build it, check it, store it as JSON.

The plan is the one of the tutorial "Your first account plan". The script
checks it with validate_plan, writes it to JSON and reads it back, and loads
examples/plan.json (the same plan, as the CLI's validate and report commands
read it) to show that the file and the code agree.

Run: python examples/account_plan.py
"""

import datetime as dt
import pathlib
import tempfile
from decimal import Decimal

from accountplan.accounts import Account, Contact, LifecyclePolicy, RetentionPolicy
from accountplan.billing import (
    BillingCycle,
    DunningAction,
    DunningLevel,
    DunningPolicy,
    LateFeeComponent,
    LateFeePolicy,
    PaymentTerms,
)
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import EscalationLevel, EscalationPolicy, RoutingRule
from accountplan.kpi import KpiTarget
from accountplan.money import Money
from accountplan.plan import (
    AccountPlan,
    BillingSection,
    Cadence,
    Channel,
    CommunicationPlan,
    CustomerProfile,
    DirectDebitMandate,
    EscalationSection,
    MaintenanceSection,
    MonitoringSection,
    assess_plan,
    validate_plan,
)
from accountplan.serialization import from_json, to_json
from accountplan.sla import SlaPolicy, SlaPolicySet, SlaTarget
from accountplan.tickets import Priority

HERE = pathlib.Path(__file__).resolve().parent

# Dutch public holidays in 2026 on which the office is closed.
HOLIDAYS_2026 = [
    dt.date(2026, 1, 1),  # Nieuwjaarsdag
    dt.date(2026, 4, 6),  # Tweede Paasdag
    dt.date(2026, 4, 27),  # Koningsdag
    dt.date(2026, 5, 14),  # Hemelvaartsdag
    dt.date(2026, 5, 25),  # Tweede Pinksterdag
    dt.date(2026, 12, 25),  # Eerste Kerstdag
    dt.date(2026, 12, 26),  # Tweede Kerstdag
]


def euros(amount: str) -> Money:
    """An amount in euros."""
    return Money(amount=amount, currency="EUR")


def build_plan() -> AccountPlan:
    """The account plan of Tulpenveld Logistiek B.V., section by section."""
    office = BusinessCalendar.weekly(
        "Europe/Amsterdam",
        hours={day: [("08:30", "17:30")] for day in range(5)},
        holidays=HOLIDAYS_2026,
        name="kantoor",
    )
    always = BusinessCalendar.always("Europe/Amsterdam")

    overview = Account(
        number="NL-2026-0042",
        name="Tulpenveld Logistiek B.V.",
        type="business",
        status="active",
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
        contacts=[
            Contact(
                name="Femke Jansen",
                role="Hoofd inkoop",
                email="femke.jansen@tulpenveld.example",
                phone="+31201234567",
            )
        ],
        tier="gold",
        segment="logistics",
        opened=dt.date(2026, 1, 1),
    )

    communication = CommunicationPlan(
        channels=[
            Channel(
                kind="phone",
                calendar=office,
                mode="real_time",
                response_target=dt.timedelta(minutes=5),
                language="nl",
                tone="Formeel: 'u' tot de klant anders aangeeft",
            ),
            Channel(
                kind="email",
                calendar=office,
                mode="asynchronous",
                response_target=dt.timedelta(hours=4),
                language="nl",
            ),
            Channel(
                kind="self_service_portal",
                calendar=always,
                mode="asynchronous",
                response_target=dt.timedelta(hours=8),
                language="nl",
                name="portal",
            ),
        ],
        profile=CustomerProfile(
            location="Nederland",
            segment="B2B",
            language="nl_NL",
            preferred_channels=["email", "phone"],
        ),
        proactive_contact=Cadence.quarterly(),
        training=Cadence.annually(),
        review=Cadence.annually(),
        faq_before_contact=True,
        knowledge_base=True,
        help_desk=True,
        portal_capabilities={"status", "payments", "update_billing"},
    )

    def first_response(hours: int) -> SlaTarget:
        return SlaTarget(metric="first_response", within=dt.timedelta(hours=hours))

    def resolution(hours: int) -> SlaTarget:
        return SlaTarget(metric="resolution", within=dt.timedelta(hours=hours))

    sla = SlaPolicySet(
        default=SlaPolicy(
            name="Goud",
            calendar=office,
            targets_by_priority={
                Priority.CRITICAL: [first_response(1), resolution(8)],
                Priority.HIGH: [first_response(4), resolution(18)],
                Priority.MODERATE: [first_response(8), resolution(45)],
                Priority.LOW: [first_response(18)],
            },
        )
    )

    compensation = LateFeePolicy(
        # EU Late Payment Directive 2011/7/EU, art. 6: EUR 40 per late B2B invoice.
        components=[LateFeeComponent(kind="flat", amount=euros("40.00"), label="incassokosten")]
    )
    billing = BillingSection(
        cycle=BillingCycle.monthly(anchor=1),
        terms=PaymentTerms.net(30),
        payment_methods=["direct_debit", "bank_transfer"],
        late_fee=compensation,
        dunning=DunningPolicy(
            levels=[
                DunningLevel(name="herinnering", days=7, action=DunningAction.REMINDER),
                DunningLevel(
                    name="aanmaning",
                    days=21,
                    action=DunningAction.FINAL_NOTICE,
                    fee=compensation,
                ),
                DunningLevel(name="opschorting", days=30, action=DunningAction.SUSPEND_SERVICE),
                DunningLevel(name="incasso", days=60, action=DunningAction.COLLECTIONS),
            ],
            minimum_amount=euros("10.00"),
        ),
        direct_debit=DirectDebitMandate(
            reference="TULP-2026-0042",
            signed_on=dt.date(2025, 12, 18),
            creditor_id="NL98ZZZ999999999999",
            scheme="b2b",
        ),
    )

    maintenance = MaintenanceSection(
        review_cadence="quarterly",
        review_start=dt.date(2026, 1, 1),
        retention=RetentionPolicy(years=7, hold_tags={"legal_hold"}),  # fiscal retention
        lifecycle=LifecyclePolicy(suspend_after_days=30),
    )

    monitoring = MonitoringSection(
        kpis=["csat", "churn_rate", "dso", "first_response_time"],
        targets=[
            KpiTarget(kpi="csat", direction="at_least", threshold=85, warning=80),
            KpiTarget(kpi="churn_rate", direction="at_most", threshold=2, warning=3),
            KpiTarget(kpi="dso", direction="at_most", threshold=45, warning=60),
            KpiTarget(
                kpi="first_response_time", direction="at_most", threshold=14400, statistic="p90"
            ),
        ],
        reporting="quarterly",
    )

    escalation = EscalationSection(
        rules=[
            RoutingRule(name="spoed", when="priority <= 2", route_to="tweede_lijn"),
            RoutingRule(
                name="goud",
                when="account.tier == 'gold'",
                route_to="accountteam",
                kind="hierarchical",
            ),
        ],
        default_route="servicedesk",
        policies=[
            EscalationPolicy(
                name="standaard",
                levels=[
                    EscalationLevel(
                        name="eerste_lijn",
                        targets=["servicedesk"],
                        after=dt.timedelta(minutes=30),
                    ),
                    EscalationLevel(
                        name="tweede_lijn",
                        targets=["tweede_lijn"],
                        after=dt.timedelta(hours=1),
                        kind="functional",
                    ),
                    EscalationLevel(
                        name="accountmanager",
                        targets=["accountteam"],
                        after=dt.timedelta(hours=2),
                    ),
                ],
                repeats=1,
            )
        ],
        teams={
            "servicedesk": ["Sanne de Vries", "Daan Bakker"],
            "tweede_lijn": ["Priya Raghunathan"],
            "accountteam": ["Joris van Dijk"],
        },
    )

    return AccountPlan(
        overview=overview,
        communication=communication,
        sla=sla,
        billing=billing,
        maintenance=maintenance,
        monitoring=monitoring,
        escalation=escalation,
        extra={
            "overview": {
                "kvk_number": "90000042",
                "vat_number": "NL000099998B57",
                "fleet_size": 140,
                "customer_since": dt.date(2019, 3, 1),
                "credit_limit": euros("25000.00"),
            },
            "billing": {"po_number_required": True, "vat_reverse_charge": False},
            "sla": {"uptime_percent": Decimal("99.9")},
        },
    )


if __name__ == "__main__":
    plan = build_plan()

    findings = validate_plan(plan)
    print(f"{plan.overview.name}: {len(findings)} findings")
    for finding in findings:
        print(f"  {finding.severity.value} {finding.path}: {finding.message}")

    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "plan.json"
        path.write_text(to_json(plan, indent=2) + "\n", encoding="utf-8")
        loaded = from_json(path.read_text(encoding="utf-8"), AccountPlan)
    print("round trip exact:", loaded == plan)
    print("credit limit:", loaded.details("overview")["credit_limit"])

    stored = from_json((HERE / "plan.json").read_text(encoding="utf-8"), AccountPlan)
    print("examples/plan.json is this plan:", stored == plan)

    result = assess_plan(plan, answers={"agents_on_demand": "yes"})
    print("maturity (potential level):", result.assessment.potential_level)
    print("criteria the plan cannot answer:", ", ".join(result.unanswered))
