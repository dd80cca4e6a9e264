"""Render a health or portfolio report as Markdown, HTML, JSON or plain text, in a locale."""

from __future__ import annotations

import datetime as dt
import enum
import html
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Literal, get_args

import attrs
from babel.dates import format_date as babel_date

from accountplan._validate import check_choice, check_type
from accountplan.billing import AgingReport
from accountplan.i18n import (
    format_date,
    format_datetime,
    format_decimal,
    format_duration,
    format_money,
    format_percent,
    label,
    parse_locale,
)
from accountplan.kpi import KpiRow, ReportingPeriod
from accountplan.money import Money
from accountplan.report._model import HealthReport, PortfolioReport, StatutoryClaim
from accountplan.report._svg import bar_chart
from accountplan.report._text import ReportText
from accountplan.serialization import to_json
from accountplan.sla import ComplianceGroup, ComplianceReport, SlaMeasurement
from accountplan.tickets import Priority

__all__ = [
    "FORMATS",
    "MAX_ROWS",
    "RENDERABLE",
    "Renderable",
    "ReportFormat",
    "html_fragment",
    "render",
]

ReportFormat = Literal["markdown", "html", "json", "text"]
"""The output formats of [render][accountplan.report.render]."""
FORMATS: tuple[str, ...] = get_args(ReportFormat)

MAX_ROWS = 25
"""Most rows a rendered table shows; the rest are counted (the JSON has them all)."""

T = ReportText
_DASH = "\N{EN DASH}"

Renderable = HealthReport | PortfolioReport | AgingReport | ComplianceReport | StatutoryClaim
"""What [render][accountplan.report.render] renders."""
RENDERABLE = (HealthReport, PortfolioReport, AgingReport, ComplianceReport, StatutoryClaim)


# ---------------------------------------------------------------- document ---


@attrs.frozen
class _Facts:
    rows: tuple[tuple[str, str], ...]


@attrs.frozen
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    more: int = 0
    caption: str = ""


@attrs.frozen
class _Text:
    text: str


@attrs.frozen
class _Chart:
    svg: str


_Block = _Facts | _Table | _Text | _Chart


@attrs.frozen
class _Section:
    title: str
    blocks: tuple[_Block, ...]


@attrs.frozen
class _Document:
    title: str
    lang: str
    sections: tuple[_Section, ...]


class _Words:
    """The locale's words and number formats, bound once per rendering."""

    def __init__(self, locale: str, timezone: str) -> None:
        self.locale = locale
        self.timezone = timezone

    def __call__(self, text: ReportText) -> str:
        return label(text, locale=self.locale)

    def of(self, member: enum.Enum) -> str:
        return label(member, locale=self.locale)

    def money(self, value: Money) -> str:
        return format_money(value, locale=self.locale)

    def date(self, value: dt.date | None) -> str:
        return "" if value is None else format_date(value, locale=self.locale)

    def instant(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        return format_datetime(value, locale=self.locale, timezone=self.timezone, format="short")

    def number(self, value: Decimal | int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: Decimal | None, digits: int = 1) -> str:
        if value is None:
            return _DASH
        return format_percent(value, locale=self.locale, digits=digits)

    def duration(self, value: dt.timedelta, *, business: bool = False) -> str:
        return format_duration(value, locale=self.locale, format="short", business_hours=business)

    def period(self, period: ReportingPeriod) -> str:
        last = period.end - dt.timedelta(days=1)
        return f"{self.date(period.start)} {_DASH} {self.date(last)}"

    def metric(self, metric: str) -> str:
        return self(
            {
                "first_response": T.FIRST_RESPONSE,
                "next_response": T.NEXT_RESPONSE,
                "resolution": T.RESOLUTION,
            }[metric]
        )


def _limited(rows: Sequence[tuple[str, ...]]) -> tuple[tuple[tuple[str, ...], ...], int]:
    return tuple(rows[:MAX_ROWS]), max(0, len(rows) - MAX_ROWS)


def _table(
    header: Sequence[str],
    rows: Sequence[tuple[str, ...]],
    numeric: Sequence[bool],
    caption: str = "",
) -> _Table:
    shown, more = _limited(rows)
    return _Table(
        header=tuple(header), rows=shown, numeric=tuple(numeric), more=more, caption=caption
    )


# ------------------------------------------------------------ health report ---


def _bucket(w: _Words, name: str) -> str:
    return w(T.NOT_DUE) if name == "not_due" else f"{name} {w(T.DAYS)}"


def _overview(report: HealthReport, w: _Words) -> _Section:
    decision = report.lifecycle
    if decision.to_status is None:
        action = w(T.NO_ACTION)
    else:
        action = w(T.MOVE_TO).format(status=w.of(decision.to_status))
    return _Section(
        title=w(T.ACCOUNT),
        blocks=(
            _Facts(
                rows=(
                    (w(T.ACCOUNT), report.account.name),
                    (w(T.ACCOUNT_NUMBER), report.account.number),
                    (w(T.AS_OF), w.date(report.as_of_date)),
                    (w(T.STATUS), w.of(report.status)),
                    (w(T.PERIOD), w.period(report.sla.period)),
                    (w(T.LIFECYCLE), action),
                    (w(T.REASON), decision.reason),
                )
            ),
        ),
    )


def _regime(w: _Words, regime: str | None) -> str:
    return w(
        {
            "nl_commercial": T.REGIME_NL_COMMERCIAL,
            "nl_statutory": T.REGIME_NL_STATUTORY,
            "eu": T.REGIME_EU,
            "uk": T.REGIME_UK,
        }.get(regime or "", T.REGIME_NONE)
    )


def _receivables(report: HealthReport, w: _Words) -> _Section:
    r = report.receivables
    s = r.summary
    last = ""
    if s.last_payment_on is not None and s.last_payment_amount is not None:
        last = f"{w.date(s.last_payment_on)} ({w.money(s.last_payment_amount)})"
    dso_text = w(T.NOT_ENOUGH_DATA)
    if r.dso.value is not None:
        dso_text = f"{w.number(r.dso.value)} {w(T.DAYS)}"
    facts = _Facts(
        rows=(
            (w(T.OUTSTANDING), w.money(s.outstanding)),
            (w(T.OVERDUE), w.money(s.overdue)),
            (w(T.CREDIT_BALANCE), w.money(s.credit_balance)),
            (w(T.DAYS_PAST_DUE), w.number(s.days_past_due)),
            (w(T.OLDEST_OVERDUE), w.date(s.oldest_overdue_due) or _DASH),
            (w(T.LAST_PAYMENT), last or _DASH),
            (
                w(T.AVERAGE_DAYS_TO_PAY),
                _DASH if s.average_days_to_pay is None else w.number(s.average_days_to_pay),
            ),
            (w(T.LATE_PAYMENTS), w.number(s.late_payments)),
            (w(T.DSO), dso_text),
            (w(T.LATE_FEES), w.money(r.late_fee_total)),
            (w(T.INTEREST), w.money(r.interest_total)),
            (w(T.COLLECTION_COSTS), w.money(r.collection_costs_total)),
        )
    )
    aging = r.aging
    chart = bar_chart(
        [
            (_bucket(w, name), aging.totals[name].amount, w.money(aging.totals[name]))
            for name in aging.labels
        ],
        title=w(T.AGING),
    )
    aging_table = _table(
        [w(T.BUCKET), w(T.AMOUNT)],
        [(_bucket(w, name), w.money(aging.totals[name])) for name in aging.labels]
        + [(w(T.TOTAL), w.money(aging.total))],
        [False, True],
        caption=w(T.AGING),
    )
    return _Section(title=w(T.RECEIVABLES), blocks=(facts, _Chart(svg=chart), aging_table))


def _late_fees(report: HealthReport, w: _Words) -> _Section | None:
    fees = report.receivables.late_fees
    if not fees:
        return None
    rows = [
        (number, w.date(fee.due), w.money(fee.principal), w.money(fee.amount))
        for number, fee in fees.items()
    ]
    rows.append((w(T.TOTAL), "", "", w.money(report.receivables.late_fee_total)))
    table = _table(
        [w(T.INVOICE), w(T.DUE), w(T.PRINCIPAL), w(T.FEE)],
        rows,
        [False, False, True, True],
    )
    return _Section(title=w(T.LATE_FEES), blocks=(table,))


def _statutory(report: HealthReport, w: _Words) -> _Section:
    r = report.receivables
    blocks: list[_Block] = [_Facts(rows=((w(T.REGIME), _regime(w, r.interest_regime)),))]
    if r.statutory:
        rows = [
            (
                c.invoice,
                w.date(c.interest.due),
                w.date(c.paid_on) or _DASH,
                w.money(c.open_amount),
                w.money(c.interest.amount),
                w.money(c.collection_costs),
            )
            for c in r.statutory
        ]
        rows.append(
            (
                w(T.TOTAL),
                "",
                "",
                "",
                w.money(r.interest_total),
                w.money(r.collection_costs_total),
            )
        )
        blocks.append(
            _table(
                [
                    w(T.INVOICE),
                    w(T.DUE),
                    w(T.PAID_ON),
                    w(T.OPEN_AMOUNT),
                    w(T.INTEREST),
                    w(T.COLLECTION_COSTS),
                ],
                rows,
                [False, False, False, True, True, True],
            )
        )
        lines = [
            (
                c.invoice,
                w.date(line.start),
                w.date(line.end),
                w.number(line.days),
                "" if line.rate is None else w.percent(line.rate, digits=2),
                w.money(line.base),
                w.money(line.amount),
            )
            for c in r.statutory
            for line in c.interest.lines
        ]
        blocks.append(
            _table(
                [
                    w(T.INVOICE),
                    w(T.FROM),
                    w(T.UNTIL),
                    w(T.DAY_COUNT),
                    w(T.RATE),
                    w(T.BASE),
                    w(T.INTEREST),
                ],
                lines,
                [False, False, False, True, True, True, True],
                caption=w(T.CALCULATION),
            )
        )
    return _Section(title=w(T.STATUTORY), blocks=tuple(blocks))


def _dunning(report: HealthReport, w: _Words) -> _Section:
    result = report.receivables.dunning
    if result is None or not result.steps:
        return _Section(title=w(T.DUNNING), blocks=(_Text(text=w(T.NO_DUNNING)),))
    messages = any(step.message for step in result.steps)
    rows = [
        (
            step.invoice,
            step.level,
            w.of(step.action),
            w.number(step.days_overdue),
            w.money(step.open_amount),
        )
        + ((step.message,) if messages else ())
        for step in result.steps
    ]
    header = [w(T.INVOICE), w(T.LEVEL), w(T.ACTION), w(T.DAYS_LATE), w(T.OPEN_AMOUNT)]
    numeric = [False, False, False, True, True]
    if messages:
        header.append(w(T.MESSAGE))
        numeric.append(False)
    return _Section(title=w(T.DUNNING), blocks=(_table(header, rows, numeric),))


def _group_row(w: _Words, first: tuple[str, ...], g: ComplianceGroup) -> tuple[str, ...]:
    return (
        *first,
        w.number(g.met),
        w.number(g.breached),
        w.number(g.running),
        w.percent(g.percent),
    )


def _measurement_rows(
    w: _Words, items: Sequence[SlaMeasurement], *, late: bool
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for m in items:
        rows.append(
            (
                m.ticket_id,
                w.metric(m.metric),
                w.of(m.priority),
                w.duration(m.target, business=m.business_hours),
                w.duration(m.elapsed if late else m.remaining, business=m.business_hours),
                w.instant(m.deadline),
            )
        )
    return rows


def _sla(report: HealthReport, w: _Words) -> _Section:
    sla = report.sla
    total = sla.compliance.total
    facts = _Facts(
        rows=(
            (w(T.PERIOD), w.period(sla.period)),
            (w(T.TICKETS_MEASURED), w.number(sla.tickets)),
            (w(T.COMPLIANCE), w.percent(total.percent)),
            (w(T.MET), w.number(total.met)),
            (w(T.BREACHED), w.number(total.breached)),
            (w(T.AT_RISK), w.number(len(sla.at_risk))),
        )
    )
    groups = _table(
        [w(T.METRIC), w(T.PRIORITY), w(T.MET), w(T.BREACHED), w(T.RUNNING), w(T.COMPLIANCE)],
        [
            _group_row(w, (w.metric(g.key[0]), w.of(Priority(g.key[1]))), g)
            for g in sla.compliance.groups
        ],
        [False, False, True, True, True, True],
        caption=w(T.COMPLIANCE),
    )
    chart = bar_chart(
        [
            (_short_month(w, m.month), m.total.percent, w.percent(m.total.percent, digits=0))
            for m in sla.monthly
        ],
        title=w(T.BY_MONTH),
        maximum=Decimal(100),
    )
    monthly = _table(
        [w(T.MONTH), w(T.MET), w(T.BREACHED), w(T.RUNNING), w(T.COMPLIANCE)],
        [_group_row(w, (_long_month(w, m.month),), m.total) for m in sla.monthly],
        [False, True, True, True, True],
        caption=w(T.BY_MONTH),
    )
    breached = _table(
        [w(T.TICKET), w(T.METRIC), w(T.PRIORITY), w(T.TARGET), w(T.ELAPSED), w(T.DEADLINE)],
        _measurement_rows(w, sla.breached, late=True),
        [False, False, False, True, True, False],
        caption=w(T.BREACHES),
    )
    at_risk = _table(
        [w(T.TICKET), w(T.METRIC), w(T.PRIORITY), w(T.TARGET), w(T.REMAINING), w(T.DEADLINE)],
        _measurement_rows(w, sla.at_risk, late=False),
        [False, False, False, True, True, False],
        caption=w(T.AT_RISK),
    )
    blocks: list[_Block] = [facts, groups, _Chart(svg=chart), monthly]
    blocks.append(breached if sla.breached else _Text(text=f"{w(T.BREACHES)}: {w(T.NONE)}"))
    blocks.append(at_risk if sla.at_risk else _Text(text=f"{w(T.AT_RISK)}: {w(T.NONE)}"))
    return _Section(title=w(T.SLA), blocks=tuple(blocks))


def _short_month(w: _Words, month: dt.date) -> str:
    return str(babel_date(month, "MMM yy", locale=w.locale))


def _long_month(w: _Words, month: dt.date) -> str:
    return str(babel_date(month, "LLLL yyyy", locale=w.locale))


def _escalations(report: HealthReport, w: _Words) -> _Section:
    if not report.escalations:
        return _Section(title=w(T.ESCALATIONS), blocks=(_Text(text=w(T.NONE)),))
    rows = []
    for item in report.escalations:
        targets = sorted({t for record in item.triggers for t in record.to})
        decision = item.route
        rule = decision.match.rule if decision.match is not None else w(T.DEFAULT_ROUTE)
        rows.append(
            (
                item.ticket_id,
                w.of(item.priority),
                ", ".join(r.rule or "" for r in item.triggers),
                ", ".join(targets),
                f"{decision.route_to} ({rule})",
            )
        )
    return _Section(
        title=w(T.ESCALATIONS),
        blocks=(
            _table(
                [w(T.TICKET), w(T.PRIORITY), w(T.TRIGGERS), w(T.ESCALATE_TO), w(T.ROUTE)],
                rows,
                [False] * 5,
            ),
        ),
    )


def _kpi_value(w: _Words, row: KpiRow, value: Decimal | None) -> str:
    if value is None:
        return w(T.NOT_ENOUGH_DATA)
    unit = row.target.kpi.unit
    if unit == "percent":
        return w.percent(value, digits=2)
    if unit == "days":
        return f"{w.number(value)} {w(T.DAYS)}"
    if unit == "seconds":
        micros = int((value * 1_000_000).to_integral_value())
        return w.duration(dt.timedelta(microseconds=micros))
    return w.number(value)


def _kpis(report: HealthReport, w: _Words) -> _Section:
    rows = []
    for row in report.kpis.rows:
        target = row.target
        name = w.of(target.kpi)
        if target.statistic:
            name = f"{name} ({target.statistic})"
        sign = "≥" if target.direction == "at_least" else "≤"
        rows.append(
            (
                name,
                _kpi_value(w, row, row.value),
                f"{sign} {_kpi_value(w, row, target.threshold)}",
                w.of(row.status),
            )
        )
    return _Section(
        title=w(T.KPIS),
        blocks=(
            _Facts(rows=((w(T.PERIOD), w.period(report.kpis.period)),)),
            _table(
                [w(T.KPI), w(T.VALUE), w(T.TARGET), w(T.STATUS)],
                rows,
                [False, True, True, False],
            ),
        ),
    )


def _maturity(report: HealthReport, w: _Words) -> _Section:
    assessment = report.maturity.assessment
    overall = w(T.UNASSESSED) if assessment.level is None else w.of(assessment.level)
    rows = [
        (
            d.name,
            w(T.UNASSESSED) if d.level is None else w.of(d.level),
            _DASH if d.next_level is None else w.of(d.next_level),
            d.recommendation or _DASH,
        )
        for d in assessment.dimensions
    ]
    return _Section(
        title=w(T.MATURITY),
        blocks=(
            _Facts(
                rows=(
                    (w(T.OVERALL), overall),
                    (
                        w(T.POTENTIAL_LEVEL),
                        _DASH
                        if assessment.potential_level is None
                        else w.of(assessment.potential_level),
                    ),
                    (
                        w(T.MEAN_SCORE),
                        _DASH if assessment.mean_score is None else w.number(assessment.mean_score),
                    ),
                    (w(T.UNANSWERED), ", ".join(report.maturity.unanswered) or _DASH),
                )
            ),
            _table(
                [w(T.DIMENSION), w(T.LEVEL), w(T.NEXT_LEVEL), w(T.NEXT_STEP)],
                rows,
                [False] * 4,
            ),
        ),
    )


def _findings(report: HealthReport, w: _Words) -> _Section:
    if not report.findings:
        return _Section(title=w(T.FINDINGS), blocks=(_Text(text=w(T.NO_FINDINGS)),))
    severity = {"error": w(T.SEVERITY_ERROR), "warning": w(T.SEVERITY_WARNING)}
    rows = [
        (severity.get(f.severity.value, f.severity.value), f.path, f.message)
        for f in report.findings
    ]
    return _Section(
        title=w(T.FINDINGS),
        blocks=(_table([w(T.SEVERITY), w(T.WHERE), w(T.MESSAGE)], rows, [False] * 3),),
    )


def _process(report: HealthReport, w: _Words) -> _Section:
    p = report.process
    if p is None:
        return _Section(title=w(T.PROCESS), blocks=(_Text(text=w(T.NO_PROCESS)),))
    open_steps = [
        (str(i.number), i.title)
        for i in p.items
        if i.kind == "step" and i.status == "open" and i.actionable
    ]
    approvals = [
        (str(i.number), i.title)
        for i in p.items
        if i.kind == "gate" and i.status != "approved" and i.actionable
    ]
    blocks: list[_Block] = [_Facts(rows=((w(T.COMPLETE), w.percent(p.percent)),))]
    for title, rows in ((w(T.PENDING_APPROVALS), approvals), (w(T.OPEN_STEPS), open_steps)):
        if rows:
            blocks.append(_table(["#", w(T.STEP)], rows, [True, False], caption=title))
        else:
            blocks.append(_Text(text=f"{title}: {w(T.NONE)}"))
    return _Section(title=w(T.PROCESS), blocks=tuple(blocks))


def _health_document(report: HealthReport, locale: str) -> _Document:
    w = _Words(locale, report.account.timezone)
    sections = [
        _overview(report, w),
        _receivables(report, w),
        _late_fees(report, w),
        _statutory(report, w),
        _dunning(report, w),
        _sla(report, w),
        _escalations(report, w),
        _kpis(report, w),
        _maturity(report, w),
        _findings(report, w),
        _process(report, w),
    ]
    return _Document(
        title=f"{w(T.TITLE)}: {report.account.name}",
        lang=locale.split("_", maxsplit=1)[0],
        sections=tuple(s for s in sections if s is not None),
    )


def _portfolio_document(report: PortfolioReport, locale: str) -> _Document:
    w = _Words(locale, "UTC")
    rows = [
        (
            row.account_number,
            row.name,
            w.of(row.status),
            w.number(row.measured),
            w.number(row.breached),
            w.percent(row.compliance),
            w.money(row.overdue),
            w.money(row.late_interest),
            w.number(row.errors),
        )
        for row in report.rows
    ]
    table = _Table(
        header=(
            w(T.ACCOUNT_NUMBER),
            w(T.ACCOUNT),
            w(T.STATUS),
            w(T.MEASURED),
            w(T.BREACHED),
            w(T.COMPLIANCE),
            w(T.OVERDUE),
            w(T.LATE_INTEREST),
            w(T.ERRORS),
        ),
        rows=tuple(rows),
        numeric=(False, False, False, True, True, True, True, True, True),
    )
    facts = _Facts(
        rows=(
            (w(T.AS_OF), w.date(report.as_of)),
            (w(T.PERIOD), w.period(report.period)),
            (w(T.ACCOUNTS), w.number(len(report.rows))),
        )
    )
    return _Document(
        title=w(T.PORTFOLIO),
        lang=locale.split("_", maxsplit=1)[0],
        sections=(_Section(title=w(T.ACCOUNTS), blocks=(facts, table)),),
    )


def _aging_document(report: AgingReport, locale: str) -> _Document:
    w = _Words(locale, "UTC")
    chart = bar_chart(
        [
            (_bucket(w, name), report.totals[name].amount, w.money(report.totals[name]))
            for name in report.labels
        ],
        title=w(T.AGING),
    )
    totals = _table(
        [w(T.BUCKET), w(T.AMOUNT)],
        [(_bucket(w, name), w.money(report.totals[name])) for name in report.labels]
        + [(w(T.TOTAL), w.money(report.total))],
        [False, True],
    )
    lines = _table(
        [w(T.INVOICE), w(T.ACCOUNT_NUMBER), w(T.DUE), w(T.DAYS_LATE), w(T.BUCKET), w(T.AMOUNT)],
        [
            (
                line.number,
                line.account_number,
                w.date(line.due_date),
                w.number(line.age_days),
                _bucket(w, line.bucket),
                w.money(line.amount_due),
            )
            for line in report.lines
        ],
        [False, False, False, True, False, True],
    )
    facts = _Facts(
        rows=(
            (w(T.AS_OF), w.date(report.as_of)),
            (w(T.CURRENCY), report.currency),
            (w(T.OUTSTANDING), w.money(report.total)),
        )
    )
    return _Document(
        title=w(T.AGING),
        lang=locale.split("_", maxsplit=1)[0],
        sections=(_Section(title=w(T.AGING), blocks=(facts, _Chart(svg=chart), totals, lines)),),
    )


def _key_header(w: _Words, key: str) -> str:
    return {"metric": w(T.METRIC), "priority": w(T.PRIORITY)}.get(key, key)


def _key_value(w: _Words, key: str, value: str) -> str:
    if key == "metric":
        return w.metric(value)
    if key == "priority":
        return w.of(Priority(value))
    return value


def _compliance_document(report: ComplianceReport, locale: str) -> _Document:
    w = _Words(locale, "UTC")
    rows = [
        _group_row(w, tuple(_key_value(w, k, v) for k, v in zip(report.by, g.key, strict=True)), g)
        for g in report.groups
    ]
    rows.append(
        _group_row(w, (w(T.TOTAL),) + ("",) * (len(report.by) - 1), report.total)
        if report.by
        else _group_row(w, (), report.total)
    )
    table = _table(
        [
            *(_key_header(w, k) for k in report.by),
            w(T.MET),
            w(T.BREACHED),
            w(T.RUNNING),
            w(T.COMPLIANCE),
        ],
        rows,
        [False] * len(report.by) + [True] * 4,
    )
    return _Document(
        title=w(T.COMPLIANCE),
        lang=locale.split("_", maxsplit=1)[0],
        sections=(_Section(title=w(T.SLA), blocks=(table,)),),
    )


def _claim_document(claim: StatutoryClaim, locale: str) -> _Document:
    w = _Words(locale, "UTC")
    fee = claim.interest
    facts = _Facts(
        rows=(
            (w(T.INVOICE), claim.invoice),
            (w(T.PRINCIPAL), w.money(claim.principal)),
            (w(T.DUE), w.date(fee.due)),
            (w(T.AS_OF), w.date(fee.as_of)),
            (w(T.DAYS_LATE), w.number(fee.days_late)),
            (w(T.OPEN_AMOUNT), w.money(claim.open_amount)),
            (w(T.INTEREST), w.money(fee.amount)),
            (w(T.COLLECTION_COSTS), w.money(claim.collection_costs)),
            (w(T.TOTAL), w.money(claim.open_amount + fee.amount + claim.collection_costs)),
        )
    )
    lines = _table(
        [w(T.FROM), w(T.UNTIL), w(T.DAY_COUNT), w(T.RATE), w(T.BASE), w(T.INTEREST)],
        [
            (
                w.date(line.start),
                w.date(line.end),
                w.number(line.days),
                "" if line.rate is None else w.percent(line.rate, digits=2),
                w.money(line.base),
                w.money(line.amount),
            )
            for line in fee.lines
        ],
        [False, False, True, True, True, True],
        caption=w(T.CALCULATION),
    )
    return _Document(
        title=w(T.STATUTORY),
        lang=locale.split("_", maxsplit=1)[0],
        sections=(_Section(title=w(T.INTEREST), blocks=(facts, lines)),),
    )


# ----------------------------------------------------------------- writers ---


def _clean(text: str) -> str:
    """Text without control or format characters (no terminal escapes, no bidi overrides)."""
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\u200d" else ch
        for ch in text
    )


_MD_SPECIAL = frozenset("\\`*_[]<>|&~")


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in _clean(text))


def _markdown(doc: _Document, more: str) -> str:
    out = [f"# {_md(doc.title)}", ""]
    for section in doc.sections:
        out += [f"## {_md(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, _Facts):
                out += [f"- **{_md(k)}:** {_md(v)}" for k, v in block.rows]
                out.append("")
            elif isinstance(block, _Text):
                out += [_md(block.text), ""]
            elif isinstance(block, _Table):
                if block.caption:
                    out += [f"**{_md(block.caption)}**", ""]
                out.append("| " + " | ".join(_md(h) for h in block.header) + " |")
                out.append("|" + "|".join("---:" if n else "---" for n in block.numeric) + "|")
                out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
                if block.more:
                    out += ["", _md(more.format(count=block.more))]
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _plain(doc: _Document, more: str) -> str:
    out = [_clean(doc.title), "=" * _width(_clean(doc.title)), ""]
    for section in doc.sections:
        title = _clean(section.title)
        out += [title, "-" * _width(title), ""]
        for block in section.blocks:
            if isinstance(block, _Facts):
                width = max(_width(_clean(k)) for k, _ in block.rows)
                out += [
                    f"{_pad(_clean(k), width, right=False)}  {_clean(v)}" for k, v in block.rows
                ]
                out.append("")
            elif isinstance(block, _Text):
                out += [_clean(block.text), ""]
            elif isinstance(block, _Table):
                if block.caption:
                    out.append(_clean(block.caption) + ":")
                cells = [tuple(_clean(c) for c in block.header)] + [
                    tuple(_clean(c) for c in row) for row in block.rows
                ]
                widths = [max(_width(row[i]) for row in cells) for i in range(len(block.header))]
                for index, row in enumerate(cells):
                    out.append(
                        "  ".join(
                            _pad(c, widths[i], right=block.numeric[i] and index > 0)
                            for i, c in enumerate(row)
                        ).rstrip()
                    )
                    if index == 0:
                        out.append("  ".join("-" * wd for wd in widths))
                if block.more:
                    out.append(_clean(more.format(count=block.more)))
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


_CSS = """
.accountplan-report{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;
max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
.accountplan-report h1{font-size:1.5rem;border-bottom:2px solid #4a7ab5;padding-bottom:.3rem}
.accountplan-report h2{font-size:1.2rem;margin-top:1.6rem;color:#2c4f7c}
.accountplan-report table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
.accountplan-report caption{text-align:left;font-weight:600;padding:.2rem 0}
.accountplan-report th,.accountplan-report td{border:1px solid #d0d7e2;padding:.25rem .5rem;
text-align:left;vertical-align:top}
.accountplan-report th{background:#eef2f8}
.accountplan-report td.num{text-align:right;white-space:nowrap}
.accountplan-report dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
.accountplan-report dt{font-weight:600}
.accountplan-report dd{margin:0}
.accountplan-report svg{display:block;margin:.5rem 0;max-width:100%;height:auto}
""".strip()


def _esc(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _html_body(doc: _Document, more: str) -> str:
    out = [f"<h1>{_esc(doc.title)}</h1>"]
    for section in doc.sections:
        out.append(f"<section><h2>{_esc(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, _Facts):
                out.append(
                    "<dl>"
                    + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in block.rows)
                    + "</dl>"
                )
            elif isinstance(block, _Text):
                out.append(f"<p>{_esc(block.text)}</p>")
            elif isinstance(block, _Chart):
                out.append(f"<figure>{block.svg}</figure>")
            else:
                out.append("<table>")
                if block.caption:
                    out.append(f"<caption>{_esc(block.caption)}</caption>")
                out.append(
                    "<thead><tr>"
                    + "".join(f'<th scope="col">{_esc(h)}</th>' for h in block.header)
                    + "</tr></thead><tbody>"
                )
                for row in block.rows:
                    out.append(
                        "<tr>"
                        + "".join(
                            f'<td class="num">{_esc(c)}</td>'
                            if block.numeric[i]
                            else f"<td>{_esc(c)}</td>"
                            for i, c in enumerate(row)
                        )
                        + "</tr>"
                    )
                out.append("</tbody></table>")
                if block.more:
                    out.append(f"<p>{_esc(more.format(count=block.more))}</p>")
        out.append("</section>")
    return "\n".join(out)


def _html(doc: _Document, more: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_esc(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(doc.title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
        f'<body>\n<main class="accountplan-report">\n{_html_body(doc, more)}\n</main>\n'
        "</body>\n</html>\n"
    )


def html_fragment(report: Renderable, /, *, locale: str) -> str:
    """The HTML of a report as one ``<div>`` with its own style, for notebooks."""
    doc = _document(report, locale)
    more = label(T.MORE, locale=locale)
    return f'<div class="accountplan-report"><style>{_CSS}</style>\n{_html_body(doc, more)}\n</div>'


def _document(report: Renderable, locale: str) -> _Document:
    if isinstance(report, HealthReport):
        return _health_document(report, locale)
    if isinstance(report, PortfolioReport):
        return _portfolio_document(report, locale)
    if isinstance(report, AgingReport):
        return _aging_document(report, locale)
    if isinstance(report, ComplianceReport):
        return _compliance_document(report, locale)
    return _claim_document(report, locale)


def render(
    report: Renderable,
    /,
    *,
    locale: str,
    format: ReportFormat = "markdown",
) -> str:
    """Render a report for people (Markdown, HTML, text) or programs (JSON).

    Numbers, amounts, dates and durations are written the locale's way
    (babel's CLDR data through [accountplan.i18n][accountplan.i18n]) and the
    headings and labels come from the locale's catalog (English for a
    language without one). The HTML is one self-contained page: inline CSS,
    inline SVG charts (aging buckets, SLA compliance by month), no scripts,
    no external assets, and every text from the data escaped. Markdown
    escapes every punctuation character that could start markup, and all
    formats drop control characters. Long tables show their first
    ``MAX_ROWS`` rows and count the rest. JSON is the report's wire form
    ([to_json][accountplan.serialization.to_json]): every underlying result,
    not localized.

    Besides the two reports of this package, the answers to the common
    one-off questions render the same way: an
    [AgingReport][accountplan.billing.AgingReport], a
    [ComplianceReport][accountplan.sla.ComplianceReport] and a
    [StatutoryClaim][accountplan.report.StatutoryClaim].

    Args:
        report: A [HealthReport][accountplan.report.HealthReport], a
            [PortfolioReport][accountplan.report.PortfolioReport], an
            ``AgingReport``, a ``ComplianceReport`` or a ``StatutoryClaim``.
        locale: A locale identifier such as ``"nl_NL"`` or ``"en"``.
        format: ``markdown``, ``html``, ``json`` or ``text``.

    Returns:
        The rendered report, ending with a newline.

    Raises:
        InvalidTypeError: ``report`` is not a report.
        InvalidInputError: an unknown format or locale.

    Examples:
        >>> from accountplan.report import demo_report
        >>> text = render(demo_report(), locale="nl_NL", format="text")
        >>> text.splitlines()[0]
        'Gezondheidsrapport klant: Molenaar Koeltechniek B.V.'
    """
    check_type("report", report, RENDERABLE)
    raw: Any = format
    check_choice("format", raw, FORMATS)
    locale = parse_locale(locale)
    if format == "json":
        return to_json(report, indent=2) + "\n"
    doc = _document(report, locale)
    more = label(T.MORE, locale=locale)
    writer: Callable[[_Document, str], str] = {
        "markdown": _markdown,
        "text": _plain,
        "html": _html,
    }[format]
    return writer(doc, more)
