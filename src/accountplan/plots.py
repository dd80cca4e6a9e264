"""Charts of accountplan results, behind the ``plot`` extra (matplotlib).

Each function draws on the matplotlib ``Axes`` you pass as ``ax`` (or on a
new figure's axes when ``ax`` is ``None``) and returns those axes, so a chart
can be placed in a grid, restyled or saved by the caller:

* [aging_buckets][accountplan.plots.aging_buckets]: the open balance per
  aging bucket of an [AgingReport][accountplan.billing.AgingReport];
* [compliance_over_time][accountplan.plots.compliance_over_time]: the SLA
  compliance percentage per calendar period of a
  [ComplianceReport][accountplan.sla.ComplianceReport] grouped by ``month``,
  ``week`` or ``quarter``;
* [uptime_by_month][accountplan.plots.uptime_by_month]: the monthly uptime
  of an [AvailabilityReport][accountplan.sla.AvailabilityReport].

Amounts and percentages are exact ``Decimal`` values in the results; they
become floats only to be drawn. Nothing here reads or changes matplotlib's
global style beyond what ``pyplot.subplots`` does when ``ax`` is ``None``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from accountplan._validate import check_type
from accountplan.billing import AgingReport
from accountplan.exceptions import InvalidInputError, MissingDependencyError
from accountplan.sla import AvailabilityReport, ComplianceReport

__all__ = ["aging_buckets", "compliance_over_time", "uptime_by_month"]

_PERIODS = ("month", "week", "quarter")


def _axes(ax: Any, feature: str) -> Any:
    """The axes to draw on: ``ax``, or those of a new figure."""
    try:
        from matplotlib.axes import Axes  # noqa: PLC0415 - optional extra
    except ImportError:
        raise MissingDependencyError(feature, "plot") from None
    if ax is not None:
        if not isinstance(ax, Axes):
            raise InvalidInputError("ax", ax, "must be matplotlib Axes or None")
        return ax
    import matplotlib.pyplot as plt  # noqa: PLC0415 - optional extra

    _figure, axes = plt.subplots()
    return axes


def _rotate_many(axes: Any, count: int) -> None:
    """Slant the period labels when there are too many to read side by side."""
    if count > 6:
        axes.tick_params(axis="x", labelrotation=45)


def aging_buckets(report: AgingReport, /, *, ax: Any = None) -> Any:
    """A bar chart of the open balance per aging bucket, ``not_due`` first.

    Args:
        report: An aging report.
        ax: The matplotlib ``Axes`` to draw on, or ``None`` for a new figure.

    Returns:
        The axes drawn on.

    Raises:
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
        InvalidInputError: ``report`` is not an aging report, or ``ax`` is
            not matplotlib ``Axes``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.billing import aging_report
        >>> report = aging_report([], as_of=dt.date(2026, 6, 30), currency="EUR")
        >>> ax = aging_buckets(report)  # doctest: +SKIP
    """
    check_type("report", report, AgingReport)
    axes = _axes(ax, "accountplan.plots.aging_buckets")
    labels = list(report.labels)
    values = [float(report.totals[label].amount) for label in labels]
    axes.bar(labels, values)
    axes.set_xlabel("days overdue")
    axes.set_ylabel(f"open balance ({report.currency})")
    axes.set_title(f"Aging on {report.as_of.isoformat()}")
    return axes


def compliance_over_time(report: ComplianceReport, /, *, ax: Any = None) -> Any:
    """A line chart of the compliance percentage per calendar period, oldest first.

    The report must be grouped by a calendar period (``month``, ``week`` or
    ``quarter``, see [compliance][accountplan.sla.compliance]); the other
    ``by`` fields, if any, give one line each (``resolution / high``).
    Periods where nothing was decided yet are left as gaps.

    Args:
        report: A compliance report grouped by a calendar period.
        ax: The matplotlib ``Axes`` to draw on, or ``None`` for a new figure.

    Returns:
        The axes drawn on; the y axis is the percentage met, 0 to 100.

    Raises:
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
        InvalidInputError: ``report`` is not a compliance report, is not
            grouped by a calendar period, or ``ax`` is not matplotlib ``Axes``.

    Examples:
        >>> from accountplan.sla import compliance
        >>> ax = compliance_over_time(compliance([], by=["month"], tz="UTC"))  # doctest: +SKIP
    """
    check_type("report", report, ComplianceReport)
    where = [i for i, field in enumerate(report.by) if field in _PERIODS]
    if not where:
        raise InvalidInputError(
            "report", report.by, "must be grouped by month, week or quarter (compliance(by=...))"
        )
    axes = _axes(ax, "accountplan.plots.compliance_over_time")
    at = where[0]
    periods = sorted({group.key[at] for group in report.groups})
    lines: dict[tuple[str, ...], dict[str, Decimal | None]] = {}
    for group in report.groups:
        rest = group.key[:at] + group.key[at + 1 :]
        lines.setdefault(rest, {})[group.key[at]] = group.percent
    for rest, points in lines.items():
        values = [points.get(period) for period in periods]
        axes.plot(
            periods,
            [float("nan") if v is None else float(v) for v in values],
            marker="o",
            label=" / ".join(rest) if rest else "all",
        )
    axes.set_ylim(0, 100)
    _rotate_many(axes, len(periods))
    axes.set_xlabel(report.by[at] + (f" ({report.tz})" if report.tz else ""))
    axes.set_ylabel("met (%)")
    axes.set_title(f"SLA compliance ({report.aggregate})")
    if len(lines) > 1:
        axes.legend()
    return axes


def uptime_by_month(
    report: AvailabilityReport, /, *, ax: Any = None, target: Decimal | int | None = None
) -> Any:
    """A bar chart of the uptime of each month, with an optional target line.

    Args:
        report: An availability report.
        ax: The matplotlib ``Axes`` to draw on, or ``None`` for a new figure.
        target: The promised uptime in percent (99.9 means 99.9 %), drawn as
            a horizontal line, or ``None``.

    Returns:
        The axes drawn on; the y axis is the uptime in percent.

    Raises:
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
        InvalidInputError: ``report`` is not an availability report, ``target``
            is not from 0 to 100, or ``ax`` is not matplotlib ``Axes``.
        InvalidTypeError: ``target`` is a float or another type that is not
            a ``Decimal`` or ``int``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.sla import availability_report
        >>> report = availability_report([], first_month=dt.date(2026, 1, 1), months=3,
        ...                              timezone="Europe/Amsterdam")
        >>> ax = uptime_by_month(report, target=99)  # doctest: +SKIP
    """
    check_type("report", report, AvailabilityReport)
    goal: Decimal | None = None
    if target is not None:
        check_type("target", target, (Decimal, int))
        goal = Decimal(target)
        if not Decimal(0) <= goal <= Decimal(100):
            raise InvalidInputError("target", target, "must be a percentage from 0 to 100")
    axes = _axes(ax, "accountplan.plots.uptime_by_month")
    records = report.to_records()
    months = [record["month"] for record in records]
    axes.bar(months, [float(record["uptime"]) for record in records])
    if goal is not None:
        axes.axhline(float(goal), linestyle="--", color="black", label=f"target {goal} %")
        axes.legend(loc="lower right")
    _rotate_many(axes, len(months))
    shown = [float(record["uptime"]) for record in records]
    low = min([*shown, 100.0] + ([float(goal)] if goal is not None else []))
    axes.set_ylim(max(0.0, min(low - 0.5, 99.0)), 100.05)
    axes.set_xlabel(f"month ({report.timezone})")
    axes.set_ylabel("uptime (%)")
    axes.set_title(f"Uptime by month (overall {report.uptime} %)")
    return axes
