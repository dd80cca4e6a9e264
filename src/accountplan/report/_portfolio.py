"""Many accounts, one row each, read one account at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from accountplan._validate import check_choice
from accountplan.exceptions import (
    AccountPlanError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.kpi import ReportingPeriod
from accountplan.report._build import (
    INTEREST_REGIMES,
    InterestRegime,
    health_report,
    report_period,
)
from accountplan.report._inputs import AccountInputs
from accountplan.report._model import HealthReport, PortfolioReport, PortfolioRow

__all__ = ["MAX_ACCOUNTS", "portfolio_report", "portfolio_row"]

MAX_ACCOUNTS = 100_000
"""Most accounts in one portfolio report."""


def portfolio_row(report: HealthReport, /) -> PortfolioRow:
    """The portfolio figures of one health report.

    Args:
        report: A [HealthReport][accountplan.report.HealthReport].

    Returns:
        Its [PortfolioRow][accountplan.report.PortfolioRow]: the SLA counts
        of the report's period and the money owed at its ``as_of``.

    Raises:
        InvalidTypeError: ``report`` is not a ``HealthReport``.

    Examples:
        >>> from accountplan.report import demo_report
        >>> row = portfolio_row(demo_report())
        >>> row.account_number, row.breached > 0
        ('NL-1042', True)
    """
    if not isinstance(report, HealthReport):
        raise InvalidTypeError("report", report, "must be a HealthReport")
    total = report.sla.compliance.total
    r = report.receivables
    return PortfolioRow(
        account_number=report.account.number,
        name=report.account.name,
        status=report.status,
        currency=report.account.currency,
        measured=total.met + total.breached,
        breached=total.breached,
        compliance=total.percent,
        outstanding=r.summary.outstanding,
        overdue=r.summary.overdue,
        late_interest=r.interest_total,
        late_fees=r.late_fee_total,
        collection_costs=r.collection_costs_total,
        errors=sum(1 for f in report.findings if f.severity.value == "error"),
    )


def portfolio_report(
    accounts: Iterable[AccountInputs],
    /,
    *,
    as_of: dt.date,
    period: ReportingPeriod | None = None,
    interest_regime: InterestRegime | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> PortfolioReport:
    """One row per account: SLA breaches in the period and what each account owes.

    Accounts are read one at a time from any iterable (a generator reading a
    database works): each account's health report is built, reduced to its
    row and dropped, so memory grows with the number of rows only.

    Args:
        accounts: [AccountInputs][accountplan.report.AccountInputs], one per account.
        as_of: The day of the report: each account is looked at the end of
            that day in its own time zone.
        period: The SLA period of every row; by default the last complete
            calendar quarter on ``as_of``.
        interest_regime: The statutory regime for every account; by default
            each account's own (see [health_report][accountplan.report.health_report]).
        progress: Called after each account with the number of accounts done
            and the account's number.

    Returns:
        The [PortfolioReport][accountplan.report.PortfolioReport]; its
        ``breached`` property lists the accounts with SLA breaches.

    Raises:
        InvalidTypeError: an item that is not ``AccountInputs``, or a
            ``progress`` that is not callable.
        InvalidInputError: an account number seen twice, or bad input in an
            account (the error's note names the account).
        LimitExceededError: more than ``MAX_ACCOUNTS`` accounts.

    Examples:
        >>> from accountplan.report import DEMO_AS_OF, demo_inputs
        >>> seen = []
        >>> report = portfolio_report([demo_inputs()], as_of=DEMO_AS_OF,
        ...                           progress=lambda n, number: seen.append((n, number)))
        >>> [row.account_number for row in report.breached], seen
        (['NL-1042'], [(1, 'NL-1042')])
    """
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise InvalidTypeError("as_of", as_of, "must be a date")
    if period is None:
        period = report_period("quarterly", as_of=as_of)
    if not isinstance(period, ReportingPeriod):
        raise InvalidTypeError("period", period, "must be a ReportingPeriod")
    if progress is not None and not callable(progress):
        raise InvalidTypeError("progress", progress, "must be callable")
    if interest_regime is not None:
        check_choice("interest_regime", interest_regime, INTEREST_REGIMES)
    raw: Any = accounts
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError("accounts", accounts, "must be an iterable of AccountInputs")
    rows: list[PortfolioRow] = []
    seen: set[str] = set()
    for index, inputs in enumerate(accounts):
        if index >= MAX_ACCOUNTS:
            raise LimitExceededError("accounts", index + 1, MAX_ACCOUNTS)
        if not isinstance(inputs, AccountInputs):
            raise InvalidTypeError(f"accounts[{index}]", inputs, "must be AccountInputs")
        number = inputs.plan.overview.number
        if number in seen:
            raise InvalidInputError(f"accounts[{index}]", number, "is an account seen before")
        seen.add(number)
        try:
            report = health_report(
                inputs.plan,
                invoices=inputs.invoices,
                payments=inputs.payments,
                tickets=inputs.tickets,
                as_of=as_of,
                period=period,
                run=inputs.run,
                dunning_history=inputs.dunning_history,
                interest_regime=interest_regime,
            )
        except AccountPlanError as error:
            error.add_note(f"in account {number!r} (accounts[{index}])")
            raise
        rows.append(portfolio_row(report))
        if progress is not None:
            progress(index + 1, number)
    return PortfolioReport(as_of=as_of, period=period, rows=tuple(rows))
