"""The values of an account health report: every figure with the result that explains it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._tables import Column, Tabular
from accountplan._validate import enum_converter
from accountplan.accounts import Account, AccountStatus, LifecycleDecision
from accountplan.billing import AccountSummary, AgingReport, DunningResult, LateFee
from accountplan.escalation import EscalationRecord, RoutingDecision
from accountplan.kpi import KpiReport, KpiResult, ReportingPeriod
from accountplan.money import Money
from accountplan.plan import Finding, PlanAssessment, Progress
from accountplan.sla import ComplianceGroup, ComplianceReport, SlaMeasurement
from accountplan.tickets import Priority

__all__ = [
    "EscalationItem",
    "HealthReport",
    "MonthlyCompliance",
    "PortfolioReport",
    "PortfolioRow",
    "ReceivablesHealth",
    "SlaHealth",
    "StatutoryClaim",
]


@attrs.frozen(kw_only=True)
class StatutoryClaim:
    """Statutory late-payment interest and collection costs on one invoice.

    Attributes:
        invoice: The invoice number.
        principal: The invoice total the interest runs on (payments reduce
            it from the day they were received, as the interest shows).
        open_amount: What is still unpaid on the invoice at ``as_of``.
        paid_on: The day the last payment settled it in full, or ``None``
            while any of it is open.
        interest: The statutory interest with its rate periods and days.
        collection_costs: The statutory collection costs the creditor may
            claim on the open amount (zero once the invoice is paid).

    Examples:
        >>> StatutoryClaim.__name__
        'StatutoryClaim'
    """

    invoice: str
    principal: Money
    open_amount: Money
    paid_on: dt.date | None
    interest: LateFee
    collection_costs: Money


@attrs.frozen(kw_only=True)
class ReceivablesHealth:
    """What the account owes and what that costs it.

    Attributes:
        summary: The account summary (balances, last payment, payment history).
        aging: The aging report of the open items at ``as_of``.
        dso: Days sales outstanding over the report's period.
        late_fees: The contractual late fees under the plan's late-fee
            policy, by invoice number: on every invoice paid late or still
            overdue (a paid one's stopped on its payment day), fees of zero
            left out; empty without a policy.
        late_fee_total: The sum of ``late_fees``.
        interest_regime: The statutory regime applied (``nl_commercial``,
            ``nl_statutory``, ``eu``, ``uk``), or ``None`` for none.
        statutory: Interest and collection costs per invoice paid late or
            still overdue.
        interest_total: The statutory interest on every invoice.
        collection_costs_total: The collection costs on every invoice.
        dunning: The dunning steps due at ``as_of`` (``None`` without a dunning
            policy).

    Examples:
        >>> ReceivablesHealth.__name__
        'ReceivablesHealth'
    """

    summary: AccountSummary
    aging: AgingReport
    dso: KpiResult
    late_fees: FrozenMap[str, LateFee]
    late_fee_total: Money
    interest_regime: str | None
    statutory: tuple[StatutoryClaim, ...]
    interest_total: Money
    collection_costs_total: Money
    dunning: DunningResult | None


@attrs.frozen(kw_only=True)
class MonthlyCompliance:
    """SLA compliance of the measurements that started in one calendar month.

    Attributes:
        month: The first day of the month (in the account's time zone).
        total: The counts and the percentage met, in percent.

    Examples:
        >>> MonthlyCompliance.__name__
        'MonthlyCompliance'
    """

    month: dt.date
    total: ComplianceGroup


@attrs.frozen(kw_only=True)
class SlaHealth:
    """SLA compliance over the period and the tickets that need attention now.

    Attributes:
        period: The period measured: measurements that started in it count.
        compliance: Compliance by metric and priority over the period.
        monthly: Compliance per calendar month of the year up to ``as_of``.
        breached: The period's breached measurements, oldest first.
        at_risk: Running measurements of open tickets with less than
            ``at_risk_percent`` of their target left, soonest deadline first.
        at_risk_percent: The threshold, in percent of the target.
        tickets: How many tickets have a measurement in the period.

    Examples:
        >>> SlaHealth.__name__
        'SlaHealth'
    """

    period: ReportingPeriod
    compliance: ComplianceReport
    monthly: tuple[MonthlyCompliance, ...]
    breached: tuple[SlaMeasurement, ...]
    at_risk: tuple[SlaMeasurement, ...]
    at_risk_percent: Decimal
    tickets: int


@attrs.frozen(kw_only=True)
class EscalationItem:
    """A ticket whose escalation triggers fire at ``as_of``, and where it goes.

    Attributes:
        ticket_id: The ticket.
        priority: Its priority.
        triggers: One record per trigger that fired, each with its reason and
            its target.
        route: The routing decision under the plan's rules (which rule
            matched and why the earlier ones did not).

    Examples:
        >>> EscalationItem.__name__
        'EscalationItem'
    """

    ticket_id: str
    priority: Priority = attrs.field(converter=enum_converter(Priority))  # type: ignore[misc]  # attrs.Converter
    triggers: tuple[EscalationRecord, ...]
    route: RoutingDecision


@attrs.frozen(kw_only=True)
class HealthReport(Tabular):
    """The health of one customer account at one instant.

    Every figure is kept with the result that produced it: the late fees
    with their lines, the SLA measurements with their counted intervals, the
    routing decisions with the rules that matched or missed.

    Attributes:
        account: The account (the plan's overview).
        as_of: The instant of the report.
        as_of_date: Its day in the account's time zone (billing works in days).
        status: The account status at ``as_of``.
        lifecycle: The lifecycle rules' verdict at ``as_of``.
        receivables: Balances, aging, DSO, late fees, statutory claims, dunning.
        sla: SLA compliance and the tickets at risk or breached.
        escalations: Open tickets with escalation triggers firing.
        kpis: The plan's KPI targets against the period's values.
        maturity: The maturity assessment of the plan, with the evidence it
            was derived from and the criteria left unanswered.
        findings: The plan's validation findings.
        process: The account-management process run's progress, if one was given.

    Examples:
        >>> HealthReport.__name__
        'HealthReport'
    """

    account: Account
    as_of: dt.datetime
    as_of_date: dt.date
    status: AccountStatus = attrs.field(converter=enum_converter(AccountStatus))  # type: ignore[misc]  # attrs.Converter
    lifecycle: LifecycleDecision
    receivables: ReceivablesHealth
    sla: SlaHealth
    escalations: tuple[EscalationItem, ...]
    kpis: KpiReport
    maturity: PlanAssessment
    findings: tuple[Finding, ...]
    process: Progress | None

    def _columns(self) -> tuple[Column, ...]:
        return (("figure", "text"), ("value", "text"))

    def _rows(self) -> Sequence[Any]:
        return key_figures(self)

    def _record(self, row: Any) -> dict[str, Any]:
        return {"figure": row[0], "value": row[1]}

    def _title(self) -> str:
        return f"Account {self.account.number} on {self.as_of_date.isoformat()}"

    def to_records(self) -> list[dict[str, Any]]:
        """The key figures as ``figure``/``value`` rows (values as plain strings).

        Returns:
            Rows with the text columns ``figure`` and ``value`` (ISO dates,
            plain decimals, empty when there is no figure), in report order.

        Examples:
            >>> from accountplan.report import demo_report
            >>> demo_report().to_records()[0]["figure"]
            'account'
        """
        return super().to_records()

    def _repr_html_(self) -> str:
        # A report shows as itself in a notebook: the rendered report, not its key figures.
        from accountplan.report._render import html_fragment  # noqa: PLC0415 - it imports this

        return html_fragment(self, locale=self.account.locale)

    def _repr_markdown_(self) -> str:
        from accountplan.report._render import render  # noqa: PLC0415 - it imports this

        return render(self, locale=self.account.locale, format="markdown")


def key_figures(report: HealthReport) -> list[tuple[str, str]]:
    """The report's headline figures, unformatted (ISO dates, plain decimals)."""
    r = report.receivables
    total = report.sla.compliance.total
    level = report.maturity.assessment.level
    return [
        ("account", report.account.number),
        ("as_of", report.as_of_date.isoformat()),
        ("status", report.status.value),
        ("outstanding", str(r.summary.outstanding)),
        ("overdue", str(r.summary.overdue)),
        ("dso_days", "" if r.dso.value is None else str(r.dso.value)),
        ("late_fees", str(r.late_fee_total)),
        ("statutory_interest", str(r.interest_total)),
        ("collection_costs", str(r.collection_costs_total)),
        ("sla_compliance_percent", "" if total.percent is None else str(total.percent)),
        ("sla_breached", str(total.breached)),
        ("sla_at_risk", str(len(report.sla.at_risk))),
        ("escalations", str(len(report.escalations))),
        ("maturity", "" if level is None else level.value),
        ("findings", str(len(report.findings))),
    ]


@attrs.frozen(kw_only=True)
class PortfolioRow:
    """One account of a portfolio: the figures a portfolio question asks about.

    Attributes:
        account_number: The account.
        name: Its name.
        status: Its status at ``as_of``.
        currency: The currency of its amounts.
        measured: SLA measurements decided in the period (met plus breached).
        breached: Breached SLA measurements in the period.
        compliance: The percentage met in the period, in percent, or ``None``
            without decided measurements.
        outstanding: Open balance at ``as_of``.
        overdue: Overdue balance at ``as_of``.
        late_interest: Statutory interest owed at ``as_of``.
        late_fees: Contractual late fees at ``as_of``.
        collection_costs: Statutory collection costs at ``as_of``.
        errors: Validation findings of severity ``error`` in the plan.

    Examples:
        >>> PortfolioRow.__name__
        'PortfolioRow'
    """

    account_number: str
    name: str
    status: AccountStatus = attrs.field(converter=enum_converter(AccountStatus))  # type: ignore[misc]  # attrs.Converter
    currency: str
    measured: int
    breached: int
    compliance: Decimal | None
    outstanding: Money
    overdue: Money
    late_interest: Money
    late_fees: Money
    collection_costs: Money
    errors: int


@attrs.frozen(kw_only=True)
class PortfolioReport(Tabular):
    """Many accounts over one period, one row each.

    Attributes:
        as_of: The day of the report (each account at the end of it, in its zone).
        period: The SLA period of every row.
        rows: One row per account, in the order the accounts came.

    Examples:
        >>> PortfolioReport.__name__
        'PortfolioReport'
    """

    as_of: dt.date
    period: ReportingPeriod
    rows: tuple[PortfolioRow, ...]

    @property
    def breached(self) -> tuple[PortfolioRow, ...]:
        """The accounts with at least one SLA breach in the period."""
        return tuple(row for row in self.rows if row.breached)

    def _columns(self) -> tuple[Column, ...]:
        return _PORTFOLIO_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self.rows

    def _record(self, row: Any) -> dict[str, Any]:
        return {
            "account_number": row.account_number,
            "name": row.name,
            "status": row.status.value,
            "currency": row.currency,
            "measured": row.measured,
            "breached": row.breached,
            "compliance": row.compliance,
            "outstanding": row.outstanding.amount,
            "overdue": row.overdue.amount,
            "late_interest": row.late_interest.amount,
            "late_fees": row.late_fees.amount,
            "collection_costs": row.collection_costs.amount,
            "errors": row.errors,
        }

    def _title(self) -> str:
        return f"Portfolio on {self.as_of.isoformat()}"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per account.

        Returns:
            Rows with the columns ``account_number``, ``name``, ``status``,
            ``currency``, ``measured`` and ``breached`` (``int``),
            ``compliance`` (``Decimal`` percent, ``None`` without decided
            measurements), ``outstanding``, ``overdue``, ``late_interest``,
            ``late_fees`` and ``collection_costs`` (``Decimal`` amounts in
            ``currency``) and ``errors`` (``int``).

        Examples:
            >>> import datetime as dt
            >>> from accountplan.kpi import ReportingPeriod
            >>> period = ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1))
            >>> PortfolioReport(as_of=dt.date(2026, 3, 31), period=period,
            ...                 rows=()).to_records()
            []
        """
        return super().to_records()

    def _repr_html_(self) -> str:
        # A report shows as itself in a notebook: the rendered portfolio page.
        from accountplan.report._render import html_fragment  # noqa: PLC0415 - it imports this

        return html_fragment(self, locale="en")

    def _repr_markdown_(self) -> str:
        from accountplan.report._render import render  # noqa: PLC0415 - it imports this

        return render(self, locale="en", format="markdown")


_PORTFOLIO_COLUMNS: tuple[Column, ...] = (
    ("account_number", "text"),
    ("name", "text"),
    ("status", "text"),
    ("currency", "text"),
    ("measured", "int"),
    ("breached", "int"),
    ("compliance", "decimal"),
    ("outstanding", "decimal"),
    ("overdue", "decimal"),
    ("late_interest", "decimal"),
    ("late_fees", "decimal"),
    ("collection_costs", "decimal"),
    ("errors", "int"),
)
