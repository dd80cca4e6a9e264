"""The demo account's health report."""

from __future__ import annotations

import datetime as dt

from accountplan.report._build import health_report
from accountplan.report._inputs import DEMO_AS_OF, demo_inputs
from accountplan.report._model import HealthReport

__all__ = ["demo_report"]


def demo_report(*, as_of: dt.date | dt.datetime = DEMO_AS_OF) -> HealthReport:
    """The health report of the bundled demo account.

    Args:
        as_of: The instant or day of the report; by default ``DEMO_AS_OF``,
            the last day of the demo data (never today: the report is the
            same on every machine).

    Returns:
        The [HealthReport][accountplan.report.HealthReport].

    Raises:
        InvalidInputError: as for [health_report][accountplan.report.health_report].

    Examples:
        >>> report = demo_report()
        >>> report.as_of_date.isoformat(), report.account.number
        ('2026-06-30', 'NL-1042')
    """
    demo = demo_inputs()
    return health_report(
        demo.plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=as_of,
        run=demo.run,
        dunning_history=demo.dunning_history,
    )
