"""Hypothesis strategies for the plan package: communication plans, templates, process runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from accountplan._typing import SlaMetric
from accountplan.accounts import Account, LifecyclePolicy, RetentionPolicy, ReviewCadence
from accountplan.billing import (
    BillingCycle,
    DunningAction,
    DunningLevel,
    DunningPolicy,
    PaymentMethod,
    PaymentTerms,
)
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import EscalationLevel, EscalationPolicy, RoutingRule
from accountplan.exceptions import AccountPlanError
from accountplan.kpi import CADENCES as KPI_CADENCES
from accountplan.kpi import Kpi, KpiTarget
from accountplan.money import Money
from accountplan.plan import (
    ACCOUNT_MANAGEMENT_PROCESS,
    CADENCE_UNITS,
    FINDING_KINDS,
    MANDATE_SCHEMES,
    SECTIONS,
    AccountPlan,
    ApprovalGate,
    AuditEntry,
    BillingSection,
    Cadence,
    Channel,
    ChannelKind,
    ChannelMode,
    CommunicationPlan,
    CustomerProfile,
    DirectDebitMandate,
    EscalationSection,
    Finding,
    GateState,
    ItemProgress,
    MaintenanceSection,
    MonitoringSection,
    OptionList,
    PlanAssessment,
    ProcessRun,
    ProcessStep,
    ProcessTemplate,
    Progress,
    ReviewLoop,
    Severity,
    StepState,
    approve,
    assess_plan,
    complete_step,
    next_steps,
    progress,
    reject,
    request_changes,
    start_review_cycle,
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
from accountplan.sla import SlaPolicy, SlaPolicyRule, SlaPolicySet, SlaTarget
from accountplan.tickets import Priority
from tests.strategies import aware_datetimes, free_texts, money
from tests.strategies_accounts import accounts, lifecycle_policies, retention_policies
from tests.strategies_calendars import calendars
from tests.strategies_escalation import policies as escalation_policies
from tests.strategies_escalation import rules as routing_rules
from tests.strategies_invoicing import cycles, payment_terms
from tests.strategies_kpi import targets as kpi_targets
from tests.strategies_maturity import BIDI_CONTROLS
from tests.strategies_receivables import dunning_policies, late_fee_policies
from tests.strategies_sla import policy_sets

__all__ = [
    "MODEL_STRATEGIES",
    "account_plans",
    "answers_for",
    "cadences",
    "channels",
    "communication_plans",
    "consistent_plans",
    "example_plan",
    "extra_values",
    "process_runs",
    "templates",
]

texts = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
        exclude_characters=BIDI_CONTROLS,
    ),
    min_size=1,
    max_size=20,
)
keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)
languages = st.sampled_from(["en", "nl", "de", "fr", "en_GB", "nl_BE"])

cadences = st.builds(
    Cadence, unit=st.sampled_from(CADENCE_UNITS), every=st.integers(min_value=1, max_value=1000)
)


@st.composite
def channels(draw: st.DrawFn, *, name: str | None = None) -> Channel:
    """A channel with an arbitrary calendar and a positive response target."""
    kind = draw(st.sampled_from(list(ChannelKind)))
    return Channel(
        kind=kind,
        calendar=draw(calendars),
        mode=draw(st.sampled_from(list(ChannelMode))),
        response_target=draw(
            st.timedeltas(min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(days=30))
        ),
        language=draw(languages),
        name=name if name is not None else kind.value,
        tone=draw(st.one_of(st.just(""), texts)),
    )


profiles = st.builds(
    CustomerProfile,
    location=texts,
    segment=texts,
    language=languages,
    preferred_channels=st.lists(keys, unique=True, max_size=3),
    attributes=st.dictionaries(keys, texts, max_size=3),
)


@st.composite
def communication_plans(draw: st.DrawFn) -> CommunicationPlan:
    """A valid plan of 1-3 channels with distinct names."""
    names = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    chans = [draw(channels(name=n)) for n in names]
    preferred = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    has_portal = any(c.kind is ChannelKind.SELF_SERVICE_PORTAL for c in chans)
    caps = (
        draw(
            st.frozensets(
                st.sampled_from(
                    ["status", "update_billing", "change_contract", "payments", "add_products"]
                )
            )
        )
        if has_portal
        else frozenset()
    )
    flags = st.one_of(st.none(), st.booleans())
    return CommunicationPlan(
        channels=chans,
        profile=CustomerProfile(
            location=draw(texts),
            segment=draw(texts),
            language=draw(languages),
            preferred_channels=preferred,
            attributes=draw(st.dictionaries(keys, texts, max_size=3)),
        ),
        proactive_contact=draw(cadences),
        training=draw(cadences),
        review=draw(cadences),
        faq_before_contact=draw(flags),
        knowledge_base=draw(flags),
        help_desk=draw(flags),
        portal_capabilities=caps,
    )


option_lists = st.builds(
    OptionList,
    key=keys,
    title=texts,
    options=st.lists(texts, min_size=1, max_size=4, unique=True),
    multiple=st.booleans(),
)


@st.composite
def templates(draw: st.DrawFn) -> ProcessTemplate:
    """A valid template: 1-6 steps, gates placed after some of them covering earlier steps."""
    count = draw(st.integers(min_value=1, max_value=6))
    layout: list[str] = []  # "s" or "g", in order
    uncovered: list[int] = []
    steps: list[ProcessStep] = []
    gates: list[ApprovalGate] = []
    for i in range(count):
        number = len(layout) + 1
        lists = draw(st.lists(option_lists, max_size=2, unique_by=lambda o: o.key))
        steps.append(
            ProcessStep(
                key=f"s{i}",
                number=number,
                title=draw(texts),
                description=draw(st.one_of(st.just(""), texts)),
                questions=draw(st.lists(texts, max_size=2)),
                option_lists=lists,
            )
        )
        layout.append("s")
        uncovered.append(i)
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(uncovered), min_size=1, unique=True))
            chosen.sort()
            gates.append(
                ApprovalGate(
                    key=f"g{len(gates)}",
                    number=len(layout) + 1,
                    title=draw(texts),
                    covers=[f"s{j}" for j in chosen],
                )
            )
            layout.append("g")
            uncovered = [j for j in uncovered if j not in chosen]
    review = None
    single = [(s, o) for s in steps for o in s.option_lists if not o.multiple]
    wanted: bool = draw(st.booleans())
    if single and wanted:
        pair: tuple[ProcessStep, OptionList] = draw(st.sampled_from(single))
        step, choice = pair
        cadence = draw(
            st.dictionaries(
                st.sampled_from(choice.options), st.integers(min_value=1, max_value=120)
            )
        )
        review = ReviewLoop(step=step.key, options=choice.key, cadence_months=cadence)
    return ProcessTemplate(
        name=draw(texts),
        description=draw(st.one_of(st.just(""), texts)),
        steps=steps,
        gates=gates,
        review=review,
    )


def answers_for(step: ProcessStep, data: st.DataObject | st.DrawFn) -> dict[str, Any]:
    """Valid answers for a step: one option per single-choice list, some for the others."""
    draw = data.draw if isinstance(data, st.DataObject) else data
    out: dict[str, Any] = {}
    for option_list in step.option_lists:
        if option_list.multiple:
            out[option_list.key] = draw(
                st.lists(st.sampled_from(option_list.options), min_size=1, unique=True)
            )
        else:
            out[option_list.key] = draw(st.sampled_from(option_list.options))
    return out


@st.composite
def process_runs(draw: st.DrawFn) -> ProcessRun:
    """A run of a template after a random sequence of legal operations."""
    template = draw(st.one_of(st.just(ACCOUNT_MANAGEMENT_PROCESS), templates()))
    at = draw(aware_datetimes(max_value=dt.datetime(2030, 1, 1)))
    run = start_run(template, account=draw(texts), at=at, by=draw(texts))
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        step_by = draw(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9)))
        # Real elapsed time: ``at + step_by`` is wall-clock arithmetic and would
        # move an instant in a DST fold backwards.
        at = (at.astimezone(dt.UTC) + step_by).astimezone(at.tzinfo)
        options = next_steps(run)
        if not options:
            try:
                run = start_review_cycle(run, at=at, by="rev")
            except AccountPlanError:
                break
            continue
        key = draw(st.sampled_from(options))
        if key in {g.key for g in template.gates}:
            gate = template.gate(key)
            choice = draw(st.sampled_from(["approve", "reject", "changes"]))
            if choice == "approve":
                run = approve(run, key, at=at, by=draw(texts), comment=draw(st.just("") | texts))
            elif choice == "reject":
                run = reject(run, key, at=at, by=draw(texts), reason=draw(texts))
            else:
                picked = draw(st.lists(st.sampled_from(gate.covers), min_size=1, unique=True))
                run = request_changes(run, key, at=at, by="mgr", steps=picked, comment="fix")
        else:
            step = template.step(key)
            run = complete_step(
                run,
                key,
                at=at,
                by=draw(texts),
                answers=answers_for(step, draw),
                notes=draw(st.just("") | texts),
            )
    return run


progresses = process_runs().map(progress)

# -- the account plan ---------------------------------------------------------

extra_values = st.one_of(
    free_texts(max_size=12).filter(lambda t: t == t.strip()),
    st.booleans(),
    st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    ),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    money,
)
extra_keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789_-.", min_size=1, max_size=16)
section_extras = st.dictionaries(
    st.sampled_from(SECTIONS), st.dictionaries(extra_keys, extra_values, max_size=4), max_size=3
)

mandates = st.builds(
    DirectDebitMandate,
    reference=st.text(alphabet="ABCDEFGHJK0123456789-/", min_size=1, max_size=35).filter(
        lambda t: t == t.strip()
    ),
    signed_on=st.dates(min_value=dt.date(2009, 11, 1), max_value=dt.date(2040, 1, 1)),
    creditor_id=st.just("NL98ZZZ999999999999") | st.just("DE98ZZZ09999999999"),
    scheme=st.sampled_from(MANDATE_SCHEMES),
    recurring=st.booleans(),
)


@st.composite
def billing_sections(draw: st.DrawFn) -> BillingSection:
    """Any billing section: a mandate only when direct debit is accepted."""
    methods = draw(
        st.lists(st.sampled_from(list(PaymentMethod)), min_size=1, max_size=3, unique=True)
    )
    mandate = (
        draw(mandates) if PaymentMethod.DIRECT_DEBIT in methods and draw(st.booleans()) else None
    )
    return BillingSection(
        cycle=draw(cycles()),
        terms=draw(payment_terms),
        payment_methods=methods,
        late_fee=draw(st.none() | late_fee_policies),
        dunning=draw(st.none() | dunning_policies()),
        direct_debit=mandate,
    )


maintenance_sections = st.builds(
    MaintenanceSection,
    review_cadence=st.sampled_from(list(ReviewCadence)),
    review_start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))
    | st.dates(),
    retention=retention_policies,
    lifecycle=lifecycle_policies,
)


@st.composite
def monitoring_sections(draw: st.DrawFn) -> MonitoringSection:
    """Any monitoring section: targets (one per KPI and statistic) for tracked KPIs."""
    targets = draw(st.lists(kpi_targets(), max_size=4, unique_by=lambda t: (t.kpi, t.statistic)))
    tracked = list(dict.fromkeys(t.kpi for t in targets))
    more = draw(st.lists(st.sampled_from(list(Kpi)), max_size=3, unique=True))
    tracked += [k for k in more if k not in tracked]
    return MonitoringSection(
        kpis=draw(st.permutations(tracked)),
        targets=targets,
        reporting=draw(st.sampled_from(KPI_CADENCES)),
    )


@st.composite
def escalation_sections(draw: st.DrawFn) -> EscalationSection:
    """Any escalation section: rules with distinct names, any roster."""
    return EscalationSection(
        rules=draw(st.lists(routing_rules, max_size=3, unique_by=lambda r: r.name)),
        default_route=draw(keys),
        policies=draw(st.lists(escalation_policies, max_size=2)),
        teams=draw(
            st.dictionaries(keys, st.lists(keys, max_size=3, unique=True).map(tuple), max_size=3)
        ),
    )


@st.composite
def account_plans(draw: st.DrawFn) -> AccountPlan:
    """Any valid plan: every section drawn on its own (contradictions included)."""
    return AccountPlan(
        overview=draw(accounts(max_history=3)),
        communication=draw(communication_plans()),
        sla=draw(policy_sets),
        billing=draw(billing_sections()),
        maintenance=draw(maintenance_sections),
        monitoring=draw(monitoring_sections()),
        escalation=draw(escalation_sections()),
        extra=draw(section_extras),
    )


# -- consistent plans: validate_plan finds nothing in them ---------------------

_zones = st.sampled_from(["Europe/Amsterdam", "UTC", "America/New_York", "Asia/Kolkata"])


@st.composite
def staffed_calendars(draw: st.DrawFn, zone: str) -> BusinessCalendar:
    """A calendar with working time every week (24/7, or weekly hours on 1-7 days)."""
    if draw(st.booleans()):
        return BusinessCalendar.always(zone)
    days = draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True))
    hours: dict[int, list[tuple[str, str]]] = {}
    for day in days:
        start = draw(st.integers(0, 22 * 4))
        end = draw(st.integers(start + 1, 24 * 4))
        hours[day] = [
            (f"{start // 4:02d}:{start % 4 * 15:02d}", f"{end // 4:02d}:{end % 4 * 15:02d}")
        ]
    holidays = draw(st.frozensets(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)), max_size=3))
    return BusinessCalendar.weekly(zone, hours=hours, holidays=holidays)


@st.composite
def consistent_plans(draw: st.DrawFn) -> AccountPlan:
    """A plan whose sections agree: one currency, reachable SLAs, routes that escalate.

    Every channel gets an SLA rule of its own counted in the channel's own
    hours (so its next opening always comes before the deadline); the dunning
    ladder suspends on the day the lifecycle policy does; every tracked KPI has
    a target; every route is notified by a level whose targets are teams with
    members; the account has a tier and a segment for the rules to read.
    """
    account = attrs.evolve(
        draw(accounts(max_history=2)),
        currency="EUR",
        tier=draw(keys),
        segment=draw(keys),
    )
    zone = draw(_zones)
    names = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    chans = [
        Channel(
            kind=draw(st.sampled_from(list(ChannelKind))),
            calendar=draw(staffed_calendars(zone)),
            mode=draw(st.sampled_from(list(ChannelMode))),
            response_target=draw(st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(days=2))),
            language=draw(languages),
            name=name,
        )
        for name in names
    ]
    durations = st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(days=5))
    metrics: st.SearchStrategy[SlaMetric] = st.sampled_from(
        ["first_response", "next_response", "resolution"]
    )

    def targets_for(calendar: BusinessCalendar) -> dict[Priority, list[SlaTarget]]:
        table = draw(
            st.dictionaries(
                st.sampled_from(list(Priority)),
                st.lists(metrics, min_size=1, max_size=3, unique=True),
                min_size=1,
            )
        )
        return {
            p: [SlaTarget(metric=m, within=draw(durations), business_hours=True) for m in ms]
            for p, ms in table.items()
        }

    rules = [
        SlaPolicyRule(
            policy=SlaPolicy(
                name=f"for {c.name}",
                calendar=c.calendar,
                targets_by_priority=targets_for(c.calendar),
            ),
            channels={c.name},
        )
        for c in chans
    ]
    sla = SlaPolicySet(default=SlaPolicy(name="default", targets_by_priority={}), rules=rules)

    methods = draw(
        st.lists(st.sampled_from(list(PaymentMethod)), min_size=1, max_size=3, unique=True)
    )
    offsets = sorted(draw(st.lists(st.integers(1, 365), min_size=1, max_size=4, unique=True)))
    actions = [draw(st.sampled_from(list(DunningAction))) for _ in offsets]
    suspends = [
        d for d, a in zip(offsets, actions, strict=True) if a is DunningAction.SUSPEND_SERVICE
    ]
    lifecycle = attrs.evolve(
        draw(lifecycle_policies),
        suspend_after_days=suspends[0] if suspends else draw(st.none() | st.integers(1, 400)),
    )
    billing = BillingSection(
        cycle=draw(cycles()),
        terms=draw(payment_terms),
        payment_methods=methods,
        late_fee=draw(st.none() | late_fee_policies),
        dunning=DunningPolicy(
            levels=[
                DunningLevel(
                    name=f"L{i}", days=d, action=a, fee=draw(st.none() | late_fee_policies)
                )
                for i, (d, a) in enumerate(zip(offsets, actions, strict=True))
            ],
            minimum_amount=draw(st.none() | st.just(eur("10.00"))),
        ),
        direct_debit=draw(mandates) if PaymentMethod.DIRECT_DEBIT in methods else None,
    )
    scheduled = [c for c in ReviewCadence if c is not ReviewCadence.AS_NEEDED]
    maintenance = MaintenanceSection(
        review_cadence=draw(st.sampled_from(scheduled)),
        review_start=draw(st.dates(dt.date(2024, 1, 1), dt.date(2030, 11, 30))),
        retention=draw(retention_policies),
        lifecycle=lifecycle,
    )
    kpi_list = draw(st.lists(kpi_targets(), max_size=4, unique_by=lambda t: (t.kpi, t.statistic)))
    monitoring = MonitoringSection(
        kpis=list(dict.fromkeys(t.kpi for t in kpi_list)),
        targets=kpi_list,
        reporting=draw(st.sampled_from(KPI_CADENCES)),
    )
    teams = draw(
        st.dictionaries(
            keys,
            st.lists(keys, min_size=1, max_size=3, unique=True).map(tuple),
            min_size=1,
            max_size=4,
        )
    )
    team_names = sorted(teams)
    policies = [
        EscalationPolicy(
            levels=[
                EscalationLevel(
                    name=f"level {n}",
                    targets=draw(
                        st.lists(st.sampled_from(team_names), min_size=1, max_size=2, unique=True)
                    ),
                    after=draw(st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(days=1))),
                )
                for n in range(draw(st.integers(1, 3)))
            ]
        )
        for _ in range(draw(st.integers(1, 2)))
    ]
    notified = sorted({t for p in policies for lv in p.levels for t in lv.targets})
    rules_ = draw(st.lists(routing_rules, max_size=3, unique_by=lambda r: r.name))
    escalation = EscalationSection(
        rules=[attrs.evolve(r, route_to=draw(st.sampled_from(notified))) for r in rules_],
        default_route=draw(st.sampled_from(notified)),
        policies=policies,
        teams=teams,
    )
    extra = draw(section_extras)
    extra = {
        section: {k: (eur("1.00") if isinstance(v, Money) else v) for k, v in details.items()}
        for section, details in extra.items()
    }
    return AccountPlan(
        overview=account,
        communication=CommunicationPlan(
            channels=chans,
            profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
            proactive_contact=draw(cadences),
            training=draw(cadences),
            review=draw(cadences),
        ),
        sla=sla,
        billing=billing,
        maintenance=maintenance,
        monitoring=monitoring,
        escalation=escalation,
        extra=extra,
    )


findings = st.builds(
    Finding,
    severity=st.sampled_from(list(Severity)),
    kind=st.sampled_from(FINDING_KINDS),
    section=st.sampled_from(SECTIONS),
    path=st.sampled_from(SECTIONS).map(lambda s: f"$.{s}"),
    message=texts,
)


@st.composite
def _plan_assessments(draw: st.DrawFn) -> PlanAssessment:
    """The assessment of any plan, with assessor answers for some unanswered criteria."""
    plan = draw(account_plans())
    open_keys = assess_plan(plan).unanswered
    chosen = draw(st.lists(st.sampled_from(open_keys), unique=True)) if open_keys else []
    answers = {k: draw(st.sampled_from(["yes", "partly", "no", "unknown"])) for k in chosen}
    return assess_plan(plan, answers=answers)


plan_assessments = _plan_assessments()


def example_plan() -> AccountPlan:
    """A complete, consistent plan for a Dutch B2B customer (the tutorial's plan, in short).

    Its communication, SLA, dunning and escalation sections are built the way
    the bundled demo's are (``accountplan.report._demo_plan``), with their own values.
    """
    tz = "Europe/Amsterdam"
    office = office_hours(tz)
    always = BusinessCalendar.always(tz)
    return AccountPlan(
        overview=Account(
            number="NL-2026-0042",
            name="Tulpenveld Logistiek B.V.",
            type="business",
            status="active",
            currency="EUR",
            timezone=tz,
            locale="nl_NL",
            tier="gold",
            segment="logistics",
            opened=dt.date(2026, 1, 1),
        ),
        communication=communication(
            phone=office,
            always=always,
            portal_capabilities={"status", "payments", "update_billing"},
        ),
        sla=SlaPolicySet(
            default=SlaPolicy(
                name="Gold",
                calendar=office,
                targets_by_priority={
                    Priority.CRITICAL: response_targets(1, 8),
                    Priority.HIGH: response_targets(4, 24),
                    Priority.MODERATE: response_targets(8),
                },
            )
        ),
        billing=BillingSection(
            cycle=BillingCycle.monthly(anchor=1),
            terms=PaymentTerms.net(30),
            payment_methods=["direct_debit", "bank_transfer"],
            late_fee=flat_late_fee("15.00"),
            dunning=dunning(suspend=30, collections=60),
            direct_debit=DirectDebitMandate(
                reference="TULP-2026-0042",
                signed_on=dt.date(2026, 1, 5),
                creditor_id="NL98ZZZ999999999999",
                scheme="b2b",
            ),
        ),
        maintenance=MaintenanceSection(
            review_cadence="quarterly",
            review_start=dt.date(2026, 1, 1),
            retention=RetentionPolicy(years=7, hold_tags={"legal_hold"}),
            lifecycle=LifecyclePolicy(suspend_after_days=30),
        ),
        monitoring=MonitoringSection(
            kpis=["csat", "churn_rate", "first_response_time"],
            targets=[
                KpiTarget(kpi="csat", direction="at_least", threshold=85, warning=80),
                KpiTarget(kpi="churn_rate", direction="at_most", threshold=2, warning=3),
                KpiTarget(
                    kpi="first_response_time", direction="at_most", threshold=3600, statistic="p90"
                ),
            ],
            reporting="quarterly",
        ),
        escalation=EscalationSection(
            rules=[
                RoutingRule(name="urgent", when="priority <= 2", route_to="tier2"),
                RoutingRule(
                    name="gold",
                    when="account.tier == 'gold'",
                    route_to="account_team",
                    kind="hierarchical",
                ),
            ],
            default_route="service_desk",
            policies=[
                escalation_policy(
                    [
                        ("first_line", ["service_desk"]),
                        ("second_line", ["tier2"]),
                        ("account_manager", ["account_team"]),
                    ],
                    name="standard",
                )
            ],
            teams={
                "service_desk": ["Sanne de Vries", "Daan Bakker"],
                "tier2": ["Priya Raghunathan"],
                "account_team": ["Joris van Dijk"],
            },
        ),
        extra={
            "overview": {
                "fleet_size": 140,
                "customer_since": dt.date(2019, 3, 1),
                "credit_limit": eur("25000.00"),
            },
            "billing": {"vat_reverse_charge": False, "po_number_required": True},
            "sla": {"uptime_percent": Decimal("99.9")},
        },
    )


MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Cadence: cadences,
    Channel: channels(),
    CustomerProfile: profiles,
    CommunicationPlan: communication_plans(),
    OptionList: option_lists,
    ProcessStep: templates().flatmap(lambda t: st.sampled_from(t.steps)),
    ApprovalGate: st.just(ACCOUNT_MANAGEMENT_PROCESS).flatmap(lambda t: st.sampled_from(t.gates)),
    ReviewLoop: st.just(ACCOUNT_MANAGEMENT_PROCESS.review),
    ProcessTemplate: st.one_of(st.just(ACCOUNT_MANAGEMENT_PROCESS), templates()),
    StepState: process_runs().flatmap(lambda r: st.sampled_from(r.steps)),
    GateState: process_runs()
    .filter(lambda r: bool(r.gates))
    .flatmap(lambda r: st.sampled_from(r.gates)),
    AuditEntry: process_runs().flatmap(lambda r: st.sampled_from(r.trail)),
    ProcessRun: process_runs(),
    ItemProgress: progresses.flatmap(lambda p: st.sampled_from(p.items)),
    Progress: progresses,
    AccountPlan: account_plans(),
    BillingSection: billing_sections(),
    DirectDebitMandate: mandates,
    MaintenanceSection: maintenance_sections,
    MonitoringSection: monitoring_sections(),
    EscalationSection: escalation_sections(),
    Finding: findings,
    PlanAssessment: plan_assessments,
}
