"""The account health report: every part of an account plan checked against the account's data.

[health_report][accountplan.report.health_report] puts together what the
library's packages say about one account at one instant (balances, aging,
DSO, late fees, statutory interest and collection costs, dunning, SLA
compliance and the tickets at risk, pending escalations and their routes,
KPIs against the plan's targets, maturity, plan findings, the process run)
and keeps each underlying result, so every figure can be traced to its
explanation. [render][accountplan.report.render] writes it as Markdown,
self-contained HTML, plain text or JSON, in a locale;
[portfolio_report][accountplan.report.portfolio_report] reduces many
accounts to one row each.

>>> from accountplan.report import demo_report, render
>>> print(render(demo_report(), locale="en", format="text").splitlines()[0])
Account health report: Molenaar Koeltechniek B.V.
"""

from accountplan.report._build import (
    INTEREST_REGIMES,
    MAX_INVOICES,
    MAX_PAYMENTS,
    MAX_TICKETS,
    InterestRegime,
    health_report,
    report_period,
    statutory_claim,
)
from accountplan.report._demo import demo_report
from accountplan.report._inputs import (
    DEMO_AS_OF,
    DEMO_FILES,
    AccountInputs,
    demo_inputs,
    demo_text,
)
from accountplan.report._model import (
    EscalationItem,
    HealthReport,
    MonthlyCompliance,
    PortfolioReport,
    PortfolioRow,
    ReceivablesHealth,
    SlaHealth,
    StatutoryClaim,
)
from accountplan.report._portfolio import MAX_ACCOUNTS, portfolio_report, portfolio_row
from accountplan.report._render import (
    FORMATS,
    MAX_ROWS,
    RENDERABLE,
    Renderable,
    ReportFormat,
    render,
)

__all__ = [
    "DEMO_AS_OF",
    "DEMO_FILES",
    "FORMATS",
    "INTEREST_REGIMES",
    "MAX_ACCOUNTS",
    "MAX_INVOICES",
    "MAX_PAYMENTS",
    "MAX_ROWS",
    "MAX_TICKETS",
    "RENDERABLE",
    "AccountInputs",
    "EscalationItem",
    "HealthReport",
    "InterestRegime",
    "MonthlyCompliance",
    "PortfolioReport",
    "PortfolioRow",
    "ReceivablesHealth",
    "Renderable",
    "ReportFormat",
    "SlaHealth",
    "StatutoryClaim",
    "demo_inputs",
    "demo_report",
    "demo_text",
    "health_report",
    "portfolio_report",
    "portfolio_row",
    "render",
    "report_period",
    "statutory_claim",
]
