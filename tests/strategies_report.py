"""Hypothesis strategies for the models of accountplan.report, built from the other packages'."""

from __future__ import annotations

import datetime as dt
import importlib
import pathlib
from functools import cache
from typing import Any

from hypothesis import strategies as st

from accountplan._frozen import FrozenMap
from accountplan.accounts import Account, AccountStatus, LifecycleDecision
from accountplan.billing import (
    AccountSummary,
    AgingReport,
    DunningRecord,
    DunningResult,
    Invoice,
    LateFee,
    Payment,
)
from accountplan.escalation import EscalationRecord, RoutingDecision
from accountplan.kpi import KpiReport, KpiResult, ReportingPeriod
from accountplan.money import Money
from accountplan.plan import AccountPlan, Finding, PlanAssessment, ProcessRun, Progress
from accountplan.report import (
    AccountInputs,
    EscalationItem,
    HealthReport,
    MonthlyCompliance,
    PortfolioReport,
    PortfolioRow,
    ReceivablesHealth,
    SlaHealth,
    StatutoryClaim,
)
from accountplan.sla import ComplianceGroup, ComplianceReport, SlaMeasurement
from accountplan.tickets import Priority, Ticket

__all__ = ["MODEL_STRATEGIES"]


@cache
def _others() -> dict[type, st.SearchStrategy[Any]]:
    """The strategies of every other strategies module, by model."""
    table: dict[type, st.SearchStrategy[Any]] = {}
    for path in sorted(pathlib.Path(__file__).parent.glob("strategies*.py")):
        if path.stem in ("strategies_report",):
            continue
        table.update(importlib.import_module(f"tests.{path.stem}").MODEL_STRATEGIES)
    return table


def of(cls: type) -> st.SearchStrategy[Any]:
    """The strategy of another package's model (looked up when drawn)."""
    return st.deferred(lambda: _others()[cls])


eur = st.decimals(min_value=0, max_value=10**6, places=2).map(
    lambda d: Money(amount=d, currency="EUR")
)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
names = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=10)
percents = st.none() | st.decimals(min_value=0, max_value=100, places=6)

claims = st.builds(
    StatutoryClaim,
    invoice=names,
    principal=eur,
    open_amount=eur,
    paid_on=st.none() | days,
    interest=of(LateFee),
    collection_costs=eur,
)

receivables = st.builds(
    ReceivablesHealth,
    summary=of(AccountSummary),
    aging=of(AgingReport),
    dso=of(KpiResult),
    late_fees=st.dictionaries(names, of(LateFee), max_size=1).map(FrozenMap),
    late_fee_total=eur,
    interest_regime=st.sampled_from([None, "nl_commercial", "nl_statutory", "eu", "uk"]),
    statutory=st.lists(claims, max_size=1).map(tuple),
    interest_total=eur,
    collection_costs_total=eur,
    dunning=st.none() | of(DunningResult),
)

monthly = st.builds(
    MonthlyCompliance, month=days.map(lambda d: d.replace(day=1)), total=of(ComplianceGroup)
)

sla_health = st.builds(
    SlaHealth,
    period=of(ReportingPeriod),
    compliance=of(ComplianceReport),
    monthly=st.lists(monthly, max_size=2).map(tuple),
    breached=st.lists(of(SlaMeasurement), max_size=1).map(tuple),
    at_risk=st.lists(of(SlaMeasurement), max_size=1).map(tuple),
    at_risk_percent=st.decimals(min_value=1, max_value=100, places=2),
    tickets=st.integers(min_value=0, max_value=10_000),
)

escalation_items = st.builds(
    EscalationItem,
    ticket_id=names,
    priority=st.sampled_from(Priority),
    triggers=st.lists(of(EscalationRecord), max_size=1).map(tuple),
    route=of(RoutingDecision),
)

instants = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),
    max_value=dt.datetime(2030, 12, 31),
    timezones=st.just(dt.UTC),
)

health_reports = st.builds(
    HealthReport,
    account=of(Account),
    as_of=instants,
    as_of_date=days,
    status=st.sampled_from(AccountStatus),
    lifecycle=of(LifecycleDecision),
    receivables=receivables,
    sla=sla_health,
    escalations=st.lists(escalation_items, max_size=1).map(tuple),
    kpis=of(KpiReport),
    maturity=of(PlanAssessment),
    findings=st.lists(of(Finding), max_size=1).map(tuple),
    process=st.none() | of(Progress),
)

portfolio_rows = st.builds(
    PortfolioRow,
    account_number=names,
    name=st.text(min_size=1, max_size=20),
    status=st.sampled_from(AccountStatus),
    currency=st.just("EUR"),
    measured=st.integers(min_value=0, max_value=1000),
    breached=st.integers(min_value=0, max_value=1000),
    compliance=percents,
    outstanding=eur,
    overdue=eur,
    late_interest=eur,
    late_fees=eur,
    collection_costs=eur,
    errors=st.integers(min_value=0, max_value=10),
)

portfolio_reports = st.builds(
    PortfolioReport,
    as_of=days,
    period=of(ReportingPeriod),
    rows=st.lists(portfolio_rows, max_size=2).map(tuple),
)

account_inputs = st.builds(
    AccountInputs,
    plan=of(AccountPlan),
    invoices=st.lists(of(Invoice), max_size=1),
    payments=st.lists(of(Payment), max_size=1),
    tickets=st.lists(of(Ticket), max_size=1),
    run=st.none() | of(ProcessRun),
    dunning_history=st.lists(of(DunningRecord), max_size=1),
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    AccountInputs: account_inputs,
    EscalationItem: escalation_items,
    HealthReport: health_reports,
    MonthlyCompliance: monthly,
    PortfolioReport: portfolio_reports,
    PortfolioRow: portfolio_rows,
    ReceivablesHealth: receivables,
    SlaHealth: sla_health,
    StatutoryClaim: claims,
}
