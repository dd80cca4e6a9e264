"""Build an account health report from a plan and the account's data."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, get_args

import attrs

from accountplan._frozen import FrozenMap
from accountplan._typing import ALLOCATION_STRATEGIES, AllocationStrategy
from accountplan._validate import check_choice, check_items, check_type
from accountplan.accounts import (
    Account,
    AccountFacts,
    AccountType,
    lifecycle_actions,
    status_at,
)
from accountplan.billing import (
    MAX_SETTLEMENTS,
    DunningRecord,
    Invoice,
    InvoiceStatus,
    LateFee,
    OpenItem,
    Payment,
    SettledInvoice,
    Settlement,
    account_summary,
    aging_report,
    apply_payments,
    dunning_actions,
    is_issued,
    is_owed,
    late_fee,
    open_items,
)
from accountplan.billing.statutory import (
    eu_compensation,
    eu_late_payment_interest,
    nl_collection_costs,
    nl_commercial_interest,
    nl_statutory_interest,
    uk_fixed_sum,
    uk_late_payment_interest,
)
from accountplan.escalation import (
    RoutingRule,
    context_for,
    escalation_triggers,
    route,
    template_triggers,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.i18n import parse_locale
from accountplan.kpi import (
    Kpi,
    KpiResult,
    ReportingPeriod,
    dso,
    kpi_report,
    reporting_periods,
    response_time,
)
from accountplan.maturity import Answer
from accountplan.money import Money, sum_money
from accountplan.plan import AccountPlan, ProcessRun, assess_plan, validate_plan
from accountplan.plan import progress as run_progress
from accountplan.report._model import (
    EscalationItem,
    HealthReport,
    MonthlyCompliance,
    ReceivablesHealth,
    SlaHealth,
    StatutoryClaim,
)
from accountplan.sla import SlaMeasurement, compliance, evaluate_many
from accountplan.tickets import CLOSED, RESOLVED, Ticket, TicketEventKind
from accountplan.tickets import status_at as ticket_status_at

__all__ = [
    "INTEREST_REGIMES",
    "MAX_INVOICES",
    "MAX_PAYMENTS",
    "MAX_TICKETS",
    "InterestRegime",
    "health_report",
    "report_period",
    "statutory_claim",
]

InterestRegime = Literal["nl_commercial", "nl_statutory", "eu", "uk", "none"]
"""The statutory late-payment regime: Dutch commercial (B2B) or statutory
(consumer) interest with the WIK collection costs, the EU directive's
reference rate + 8 with EUR 40 per invoice, the UK's Late Payment Act with its
fixed sums, or ``none``."""
INTEREST_REGIMES: tuple[str, ...] = get_args(InterestRegime)

MAX_INVOICES = 100_000
"""Most invoices in one report."""
MAX_PAYMENTS = 100_000
"""Most payments in one report."""
MAX_TICKETS = 200_000
"""Most tickets in one report."""

_CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
_EU_TERRITORIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
_CLOSED_STATUSES = frozenset({RESOLVED, CLOSED})
_ZERO = Decimal(0)


def _items(field: str, value: Any, cls: type, limit: int) -> list[Any]:
    # The shared rule for "many X": any iterable but a string, bytes or a
    # mapping, the limit counted before the rest is read, items by position.
    return list(check_items(field, value, cls, limit=limit))


def _same_account(field: str, items: Sequence[Any], number: str) -> None:
    for index, item in enumerate(items):
        if item.account_number not in ("", number):
            raise InvalidInputError(
                f"{field}[{index}].account_number",
                item.account_number,
                f"belongs to another account than {number!r}",
            )


def _instant(as_of: Any, zone: str) -> tuple[dt.datetime, dt.date]:
    """The report's instant and its day in the account's zone.

    A date means the end of that day: the instant the next day starts there.
    """
    tz = zoneinfo.ZoneInfo(zone)
    if isinstance(as_of, dt.datetime):
        if as_of.tzinfo is None or as_of.utcoffset() is None:
            raise InvalidInputError("as_of", as_of, "must be timezone-aware")
        return as_of, as_of.astimezone(tz).date()
    if isinstance(as_of, dt.date):
        if as_of >= dt.date.max:
            raise LimitExceededError("as_of", as_of.isoformat(), "9999-12-30")
        start = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        return start, as_of
    raise InvalidTypeError("as_of", as_of, "must be a date or an aware datetime")


def report_period(cadence: str, /, *, as_of: dt.date) -> ReportingPeriod:
    """The last complete reporting period of a cadence on ``as_of`` (calendar-aligned).

    Periods start on the first of a month: every month, every quarter from
    January, every half year from January, or every year from January. The
    period reported on is the latest one that has ended by the end of
    ``as_of``.

    Args:
        cadence: ``monthly``, ``quarterly``, ``semiannual`` or ``annual``.
        as_of: The day of the report.

    Returns:
        The [ReportingPeriod][accountplan.kpi.ReportingPeriod].

    Raises:
        InvalidInputError: an unknown cadence.
        InvalidTypeError: ``as_of`` is not a date.

    Examples:
        >>> import datetime as dt
        >>> p = report_period("quarterly", as_of=dt.date(2026, 6, 30))
        >>> p.start.isoformat(), p.end.isoformat()
        ('2026-04-01', '2026-07-01')
        >>> report_period("quarterly", as_of=dt.date(2026, 6, 29)).end.isoformat()
        '2026-04-01'
    """
    raw: Any = cadence
    check_choice("cadence", raw, _CADENCE_MONTHS)
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise InvalidTypeError("as_of", as_of, "must be a date")
    step = _CADENCE_MONTHS[cadence]
    after = as_of + dt.timedelta(days=1) if as_of < dt.date.max else as_of
    index = after.year * 12 + after.month - 1
    index -= index % step
    start_index = index - step
    start = dt.date(start_index // 12, start_index % 12 + 1, 1)
    return reporting_periods(cadence, start=start, count=1)[0]  # type: ignore[arg-type]


def _regime(account: Account, regime: InterestRegime | None) -> InterestRegime:
    if regime is not None:
        check_choice("interest_regime", regime, INTEREST_REGIMES)
        return regime
    territory = parse_locale(account.locale).partition("_")[2][-2:]
    consumer = account.type is AccountType.INDIVIDUAL
    if territory == "NL" and account.currency == "EUR":
        return "nl_statutory" if consumer else "nl_commercial"
    if consumer:
        return "none"
    if territory == "GB" and account.currency == "GBP":
        return "uk"
    if territory in _EU_TERRITORIES and account.currency == "EUR":
        return "eu"
    return "none"


def _interest(regime: InterestRegime) -> Callable[..., LateFee]:
    return {
        "nl_commercial": nl_commercial_interest,
        "nl_statutory": nl_statutory_interest,
        "eu": eu_late_payment_interest,
        "uk": uk_late_payment_interest,
    }[regime]


def _costs(regime: InterestRegime, open_amount: Money) -> Money:
    if open_amount.amount == 0:
        return Money.zero(open_amount.currency)
    if regime in ("nl_commercial", "nl_statutory"):
        return nl_collection_costs(open_amount)
    if regime == "uk":
        return uk_fixed_sum(open_amount)
    return eu_compensation(open_amount)


def statutory_claim(
    principal: Money,
    /,
    *,
    due: dt.date,
    as_of: dt.date,
    regime: InterestRegime,
    invoice: str = "debt",
    settlements: Iterable[Settlement] = (),
) -> StatutoryClaim:
    """Statutory interest and collection costs on one debt under a regime.

    The interest comes from the regime's function in
    [accountplan.billing.statutory][accountplan.billing.statutory] with its
    bundled rate table; the collection costs are claimed on what is still
    open at ``as_of``: the Dutch WIK scale
    ([nl_collection_costs][accountplan.billing.statutory.nl_collection_costs])
    for both Dutch regimes, the UK fixed sum, or the EU's EUR 40 compensation.

    Args:
        principal: The debt (an invoice total).
        due: Its due date; interest runs from the day after.
        as_of: The day the claim is computed for.
        regime: ``nl_commercial``, ``nl_statutory``, ``eu`` or ``uk``.
        invoice: The name of the debt (an invoice number).
        settlements: Payments on the debt; each reduces the principal from
            its day on.

    Returns:
        The [StatutoryClaim][accountplan.report.StatutoryClaim].

    Raises:
        InvalidInputError: an unknown regime or ``none``, or bad input to the
            interest function (a currency the regime does not use, a due date
            after ``as_of``...).
        InvalidTypeError: an argument of the wrong type; ``settlements`` a
            string, bytes or a mapping, or an item that is not a
            [Settlement][accountplan.billing.Settlement] (named by position).
        LimitExceededError: more than
            [MAX_SETTLEMENTS][accountplan.billing.MAX_SETTLEMENTS] settlements,
            counted before the rest are read.

    Examples:
        >>> import datetime as dt
        >>> claim = statutory_claim(Money(amount="1000.00", currency="EUR"),
        ...     due=dt.date(2025, 7, 1), as_of=dt.date(2026, 6, 30), regime="nl_commercial")
        >>> str(claim.interest.amount), str(claim.collection_costs), claim.interest.days_late
        ('101.22 EUR', '150.00 EUR', 364)
    """
    raw: Any = regime
    check_choice("regime", raw, (r for r in INTEREST_REGIMES if r != "none"))
    check_type("principal", principal, Money)
    check_type("invoice", invoice, str)
    settled = tuple(_items("settlements", settlements, Settlement, MAX_SETTLEMENTS))
    paid = sum_money(
        (s.amount for s in settled if s.settled_on <= as_of), currency=principal.currency
    )
    open_amount = principal - paid
    if open_amount.amount < 0:
        raise InvalidInputError(
            "settlements", str(paid), f"pay more than the principal {principal}"
        )
    fee = _interest(regime)(principal, due=due, as_of=as_of, settlements=settled)
    paid_on = None
    if open_amount.amount == 0 and settled:
        paid_on = max(s.settled_on for s in settled if s.settled_on <= as_of)
    return StatutoryClaim(
        invoice=invoice,
        principal=principal,
        open_amount=open_amount,
        paid_on=paid_on,
        interest=fee,
        collection_costs=_costs(regime, open_amount),
    )


def _late_items(
    invoices: Sequence[Invoice],
    payments: Sequence[Payment],
    as_of: dt.date,
    strategy: AllocationStrategy,
) -> list[tuple[Invoice, SettledInvoice]]:
    """Invoices due before ``as_of`` that were paid late or are still open, with their payments."""
    issued = [i for i in invoices if is_issued(i) and i.issue_date <= as_of]
    applied = apply_payments(
        issued, [p for p in payments if p.received_on <= as_of], as_of=as_of, strategy=strategy
    )
    out: list[tuple[Invoice, SettledInvoice]] = []
    for original, settled in zip(issued, applied.invoices, strict=True):
        if original.due_date >= as_of:
            continue
        if not is_owed(original) and not settled.settlements:
            continue  # paid by its status, without the payments: no fees (as account_summary)
        paid_on = settled.paid_on
        if settled.amount_due.amount == 0 and (paid_on is None or paid_on <= original.due_date):
            continue
        out.append((original, settled))
    return out


def _fee_item(invoice: Invoice, settled: SettledInvoice) -> OpenItem:
    owed = invoice if is_owed(invoice) else attrs.evolve(invoice, status=InvoiceStatus.OPEN)
    return attrs.evolve(OpenItem.from_invoice(owed), settlements=settled.settlements)


def _statutory(
    regime: InterestRegime, late: Sequence[tuple[Invoice, SettledInvoice]], as_of: dt.date
) -> tuple[StatutoryClaim, ...]:
    if regime == "none":
        return ()
    return tuple(
        statutory_claim(
            invoice.total,
            due=invoice.due_date,
            as_of=as_of,
            regime=regime,
            invoice=invoice.number,
            settlements=settled.settlements,
        )
        for invoice, settled in late
    )


def _receivables(
    plan: AccountPlan,
    invoices: Sequence[Invoice],
    payments: Sequence[Payment],
    *,
    as_of: dt.date,
    period: ReportingPeriod,
    regime: InterestRegime,
    dunning_history: Sequence[DunningRecord],
    strategy: AllocationStrategy,
) -> ReceivablesHealth:
    account = plan.overview
    currency = account.currency
    policy = plan.billing.late_fee
    summary = account_summary(
        account, invoices, payments, as_of=as_of, fee_policy=policy, strategy=strategy
    )
    items = open_items(invoices, payments, as_of=as_of, strategy=strategy)
    aging = aging_report(items, as_of=as_of, currency=currency)
    sales = sum_money(
        (
            i.total
            for i in invoices
            if is_issued(i) and period.start <= i.issue_date < period.end and i.issue_date <= as_of
        ),
        currency=currency,
    )
    days_sales = dso(summary.outstanding, credit_sales=sales, period=period)
    late = _late_items(invoices, payments, as_of, strategy)
    fees: dict[str, LateFee] = {}
    if policy is not None:
        for invoice, settled in late:
            fee = late_fee(_fee_item(invoice, settled), as_of=as_of, policy=policy)
            if fee.amount.amount:
                fees[invoice.number] = fee
    claims = _statutory(regime, late, as_of)
    dunning = None
    if plan.billing.dunning is not None:
        dunning = dunning_actions(
            account, items, as_of=as_of, policy=plan.billing.dunning, history=dunning_history
        )
    return ReceivablesHealth(
        summary=summary,
        aging=aging,
        dso=days_sales,
        late_fees=FrozenMap(fees),
        late_fee_total=sum_money((f.amount for f in fees.values()), currency=currency),
        interest_regime=None if regime == "none" else regime,
        statutory=claims,
        interest_total=sum_money((c.interest.amount for c in claims), currency=currency),
        collection_costs_total=sum_money((c.collection_costs for c in claims), currency=currency),
        dunning=dunning,
    )


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _months_back(day: dt.date, count: int) -> list[dt.date]:
    index = day.year * 12 + day.month - 1
    return [dt.date((index - n) // 12, (index - n) % 12 + 1, 1) for n in range(count - 1, -1, -1)]


def _at_risk(m: SlaMeasurement, percent: Decimal) -> bool:
    if m.state != "running" or m.remaining <= dt.timedelta(0):
        return False
    target = m.target // dt.timedelta(microseconds=1)
    remaining = m.remaining // dt.timedelta(microseconds=1)
    return Decimal(remaining) * 100 < Decimal(target) * percent


def _sla(
    measurements: Sequence[SlaMeasurement],
    *,
    zone: zoneinfo.ZoneInfo,
    as_of: dt.date,
    period: ReportingPeriod,
    at_risk_percent: Decimal,
) -> SlaHealth:
    def local_day(m: SlaMeasurement) -> dt.date:
        return m.start.astimezone(zone).date()

    in_period = [m for m in measurements if period.start <= local_day(m) < period.end]
    by_month: dict[dt.date, list[SlaMeasurement]] = {}
    for m in measurements:
        by_month.setdefault(_month(local_day(m)), []).append(m)
    monthly = tuple(
        MonthlyCompliance(month=month, total=compliance(by_month.get(month, ()), by=()).total)
        for month in _months_back(as_of, 12)
    )
    breached = sorted(
        (m for m in in_period if m.state == "breached"), key=lambda m: (m.start, m.ticket_id)
    )
    risky = sorted(
        (m for m in measurements if _at_risk(m, at_risk_percent)),
        key=lambda m: (m.deadline or m.as_of, m.ticket_id),
    )
    return SlaHealth(
        period=period,
        compliance=compliance(in_period, by=("metric", "priority")),
        monthly=monthly,
        breached=tuple(breached),
        at_risk=tuple(risky),
        at_risk_percent=at_risk_percent,
        tickets=len({m.ticket_id for m in in_period}),
    )


def _hierarchy(plan: AccountPlan) -> str:
    """Where hierarchical escalations go: the second level of the first escalation policy."""
    for policy in plan.escalation.policies:
        levels = policy.levels
        level = levels[1] if len(levels) > 1 else levels[0]
        if level.targets:
            return level.targets[0]
    return plan.escalation.default_route


def _escalations(
    plan: AccountPlan,
    tickets: Sequence[Ticket],
    by_ticket: dict[str, list[SlaMeasurement]],
    *,
    as_of: dt.datetime,
    triggers: Sequence[RoutingRule] | None,
) -> tuple[EscalationItem, ...]:
    account = plan.overview
    hierarchical = _hierarchy(plan)
    out: list[EscalationItem] = []
    for ticket in tickets:
        if ticket_status_at(ticket, as_of) in _CLOSED_STATUSES:
            continue
        measured = by_ticket.get(ticket.id, [])
        context = context_for(ticket, account=account, measurements=measured, as_of=as_of)
        decision = route(context, plan.escalation.rules, default=plan.escalation.default_route)
        rules = triggers
        if rules is None:
            rules = template_triggers(functional_to=decision.route_to, hierarchical_to=hierarchical)
        fired = escalation_triggers(
            ticket, account=account, measurements=measured, as_of=as_of, rules=rules
        )
        if fired:
            out.append(
                EscalationItem(
                    ticket_id=ticket.id, priority=ticket.priority, triggers=fired, route=decision
                )
            )
    out.sort(key=lambda e: (e.priority.level, e.ticket_id))
    return tuple(out)


def _kpi_observations(
    plan: AccountPlan, in_period: Sequence[SlaMeasurement], days_sales: KpiResult
) -> list[KpiResult]:
    observations: list[KpiResult] = []
    wanted = {(t.kpi, t.statistic) for t in plan.monitoring.targets}
    if any(kpi is Kpi.DSO for kpi, _ in wanted):
        observations.append(days_sales)
    metrics = {Kpi.FIRST_RESPONSE_TIME: "first_response", Kpi.RESOLUTION_TIME: "resolution"}
    for kpi, statistic in sorted(wanted, key=lambda w: (w[0].value, w[1])):
        if kpi in metrics:
            observations.append(
                response_time(in_period, metric=metrics[kpi], statistic=statistic)  # type: ignore[arg-type]
            )
    return observations


def _last_activity(
    tickets: Sequence[Ticket], payments: Sequence[Payment], *, zone: zoneinfo.ZoneInfo, day: dt.date
) -> dt.date | None:
    days: list[dt.date] = [p.received_on for p in payments if p.received_on <= day]
    for ticket in tickets:
        days.append(ticket.created_at.astimezone(zone).date())
        days.extend(
            e.at.astimezone(zone).date()
            for e in ticket.events
            if e.kind is TicketEventKind.CUSTOMER_REPLY
        )
    days = [d for d in days if d <= day]
    return max(days) if days else None


def health_report(
    plan: AccountPlan,
    /,
    *,
    invoices: Iterable[Invoice],
    payments: Iterable[Payment],
    tickets: Iterable[Ticket],
    as_of: dt.date | dt.datetime,
    period: ReportingPeriod | None = None,
    run: ProcessRun | None = None,
    dunning_history: Iterable[DunningRecord] = (),
    interest_regime: InterestRegime | None = None,
    triggers: Sequence[RoutingRule] | None = None,
    at_risk_percent: int | Decimal = 25,
    strategy: AllocationStrategy = "oldest_due_first",
    maturity_answers: Mapping[str, Answer | str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> HealthReport:
    """The health of one account: money, service, escalations, KPIs, maturity, process.

    Each part comes from the library function that answers it, and the
    report keeps that function's result (not only its total):
    [account_summary][accountplan.billing.account_summary],
    [aging_report][accountplan.billing.aging_report],
    [dso][accountplan.kpi.dso], [late_fee][accountplan.billing.late_fee]
    under the plan's late-fee policy, the statutory interest and collection
    costs of ``interest_regime`` per invoice paid late or still overdue,
    [dunning_actions][accountplan.billing.dunning_actions],
    [evaluate_many][accountplan.sla.evaluate_many] and
    [compliance][accountplan.sla.compliance] under the plan's SLA policies,
    [escalation_triggers][accountplan.escalation.escalation_triggers] and
    [route][accountplan.escalation.route] for every open ticket,
    [kpi_report][accountplan.kpi.kpi_report] against the plan's targets,
    [assess_plan][accountplan.plan.assess_plan],
    [validate_plan][accountplan.plan.validate_plan],
    [lifecycle_actions][accountplan.accounts.lifecycle_actions] and
    [progress][accountplan.plan.progress].

    Args:
        plan: The [AccountPlan][accountplan.plan.AccountPlan].
        invoices: The account's invoices (of this account, or without an
            account number).
        payments: The account's payments.
        tickets: The account's tickets.
        as_of: The instant of the report (aware), or a day: a day means its
            end, the instant the next day starts in the account's time zone.
            What had not happened by then is left out: tickets created,
            invoices issued and payments received later.
        period: The period SLA compliance, DSO and the KPIs are measured
            over; by default the last complete period of the plan's
            reporting cadence (see [report_period][accountplan.report.report_period]).
        run: The account-management process run, for its open steps and
            pending approvals.
        dunning_history: The dunning steps already taken.
        interest_regime: The statutory late-payment regime; by default taken
            from the account: ``nl_commercial`` (``nl_statutory`` for a
            consumer) for a Dutch locale and EUR, ``uk`` for a British business
            in GBP, ``eu`` for a business elsewhere in the euro area's
            member states, else ``none``.
        triggers: The escalation trigger rules; by default the plan
            template's ([template_triggers][accountplan.escalation.template_triggers]),
            functional escalations going where the ticket routes and
            hierarchical ones to the first target of the second level of the
            plan's first escalation policy.
        at_risk_percent: A running SLA clock with less than this share of its
            target left is at risk, in percent (25 means 25 %).
        strategy: How payments are allocated to invoices, for the balances,
            the aging, the late fees and the statutory interest alike (see
            [allocate_payments][accountplan.billing.allocate_payments]).
        maturity_answers: An assessor's answers for the maturity criteria
            the plan cannot answer (see [assess_plan][accountplan.plan.assess_plan]).
        progress: Called while the tickets are measured with the number of
            tickets measured so far and the number of tickets (every 250
            tickets, and once at the end).

    Returns:
        The [HealthReport][accountplan.report.HealthReport].

    Raises:
        InvalidTypeError: an argument or an item of the wrong type.
        InvalidInputError: an item of another account, a naive ``as_of``, an
            unknown interest regime, or bad input to one of the functions
            above (its error names the field).
        LimitExceededError: more than ``MAX_INVOICES`` invoices,
            ``MAX_PAYMENTS`` payments or ``MAX_TICKETS`` tickets.

    Examples:
        >>> from accountplan.report import DEMO_AS_OF, demo_inputs
        >>> demo = demo_inputs()
        >>> report = health_report(demo.plan, invoices=demo.invoices, payments=demo.payments,
        ...                        tickets=demo.tickets, as_of=DEMO_AS_OF, run=demo.run)
        >>> report.account.name, report.status.value
        ('Molenaar Koeltechniek B.V.', 'active')
    """
    check_type("plan", plan, AccountPlan)
    account = plan.overview
    moment, day = _instant(as_of, account.timezone)
    zone = zoneinfo.ZoneInfo(account.timezone)
    invoice_list: list[Invoice] = _items("invoices", invoices, Invoice, MAX_INVOICES)
    payment_list: list[Payment] = _items("payments", payments, Payment, MAX_PAYMENTS)
    ticket_list: list[Ticket] = _items("tickets", tickets, Ticket, MAX_TICKETS)
    history: list[DunningRecord] = _items(
        "dunning_history", dunning_history, DunningRecord, MAX_INVOICES
    )
    _same_account("invoices", invoice_list, account.number)
    _same_account("payments", payment_list, account.number)
    _same_account("tickets", ticket_list, account.number)
    if period is None:
        period = report_period(plan.monitoring.reporting, as_of=day)
    check_type("period", period, ReportingPeriod)
    if run is not None:
        check_type("run", run, ProcessRun)
    if isinstance(at_risk_percent, bool) or not isinstance(at_risk_percent, int | Decimal):
        raise InvalidTypeError("at_risk_percent", at_risk_percent, "must be an int or a Decimal")
    percent = Decimal(at_risk_percent)
    if not percent.is_finite() or not _ZERO < percent <= 100:
        raise InvalidInputError(
            "at_risk_percent", at_risk_percent, "must be more than 0 and at most 100"
        )
    regime = _regime(account, interest_regime)
    raw_strategy: Any = strategy
    check_choice("strategy", raw_strategy, ALLOCATION_STRATEGIES)
    if progress is not None and not callable(progress):
        raise InvalidTypeError("progress", progress, "must be callable")
    if triggers is not None:
        triggers = _items("triggers", triggers, RoutingRule, 1_000)
    if maturity_answers is not None and not isinstance(maturity_answers, Mapping):
        raise InvalidTypeError(
            "maturity_answers", maturity_answers, "must map criterion keys to answers"
        )

    maturity = assess_plan(plan, answers=maturity_answers)
    receivables = _receivables(
        plan,
        invoice_list,
        payment_list,
        as_of=day,
        period=period,
        regime=regime,
        dunning_history=history,
        strategy=strategy,
    )
    tiers = {account.number: account.tier} if account.tier else None
    created = [t for t in ticket_list if t.created_at <= moment]
    measurements: list[SlaMeasurement] = []
    by_ticket: dict[str, list[SlaMeasurement]] = {}
    for m in evaluate_many(created, plan.sla, as_of=moment, tiers=tiers):
        if m.ticket_id not in by_ticket:
            by_ticket[m.ticket_id] = []
            if progress is not None and len(by_ticket) % 250 == 0:
                progress(len(by_ticket), len(created))
        by_ticket[m.ticket_id].append(m)
        measurements.append(m)
    if progress is not None:
        progress(len(created), len(created))
    sla = _sla(
        measurements,
        zone=zone,
        as_of=day,
        period=period,
        at_risk_percent=percent,
    )
    escalations = _escalations(plan, created, by_ticket, as_of=moment, triggers=triggers)
    in_period = [
        m for m in measurements if period.start <= m.start.astimezone(zone).date() < period.end
    ]
    observations = _kpi_observations(plan, in_period, receivables.dso)
    cadence_period = report_period(
        plan.monitoring.reporting, as_of=period.end - dt.timedelta(days=1)
    )
    kpis = kpi_report(
        plan.monitoring.targets,
        observations,
        period=period,
        cadence=plan.monitoring.reporting if cadence_period == period else None,
    )
    facts = AccountFacts(
        oldest_overdue_due=receivables.summary.oldest_overdue_due,
        days_past_due=receivables.summary.days_past_due,
        last_activity=_last_activity(created, payment_list, zone=zone, day=day),
        outstanding=receivables.summary.outstanding,
    )
    lifecycle = lifecycle_actions(
        account, as_of=day, facts=facts, policy=plan.maintenance.lifecycle
    )
    return HealthReport(
        account=account,
        as_of=moment,
        as_of_date=day,
        status=status_at(account, moment),
        lifecycle=lifecycle,
        receivables=receivables,
        sla=sla,
        escalations=escalations,
        kpis=kpis,
        maturity=maturity,
        findings=tuple(validate_plan(plan)),
        process=None if run is None else run_progress(run),
    )
