"""The account health report: every figure equals the function that computes it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import pathlib
from decimal import Decimal
from html.parser import HTMLParser
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import accountplan.report._build as build
import accountplan.report._portfolio as portfolio_module
from accountplan.accounts import AccountStatus
from accountplan.billing import (
    InvoiceStatus,
    Settlement,
    account_summary,
    aging_report,
    apply_payments,
    dunning_actions,
    late_fee,
    open_items,
)
from accountplan.billing.statutory import nl_collection_costs, nl_commercial_interest
from accountplan.escalation import (
    RoutingRule,
    context_for,
    escalation_triggers,
    route,
    template_triggers,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.i18n import format_money, format_percent, label
from accountplan.kpi import KpiTarget, ReportingPeriod, dso
from accountplan.money import Money, sum_money
from accountplan.plan import AccountPlan, progress, validate_plan
from accountplan.report import (
    DEMO_AS_OF,
    DEMO_FILES,
    MAX_ROWS,
    AccountInputs,
    HealthReport,
    demo_inputs,
    demo_text,
    health_report,
    portfolio_report,
    portfolio_row,
    render,
    report_period,
    statutory_claim,
)
from accountplan.report._svg import bar_chart
from accountplan.report._text import ReportText
from accountplan.serialization import from_json, to_json
from accountplan.sla import compliance, evaluate_many
from accountplan.tickets import Ticket
from tests.strategies_plan import example_plan

ZONE = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def demo() -> AccountInputs:
    return demo_inputs()


@pytest.fixture(scope="module")
def report(demo: AccountInputs) -> HealthReport:
    return health_report(
        demo.plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=DEMO_AS_OF,
        run=demo.run,
    )


# ----------------------------------------------------------- the demo data ---


def _make_demo() -> Any:
    path = pathlib.Path(__file__).resolve().parent.parent / "scripts" / "make_demo.py"
    spec = importlib.util.spec_from_file_location("make_demo", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_files_load_as_package_data() -> None:
    """Every demo file is package data that importlib.resources finds, and valid JSON."""
    folder = resources.files("accountplan").joinpath("data", "demo")
    for name in DEMO_FILES:
        assert folder.joinpath(name).is_file(), name
        json.loads(demo_text(name))
    with pytest.raises(InvalidInputError):
        demo_text("../rates/nl_commercial.json")


def test_demo_is_what_the_script_generates() -> None:
    """The shipped demo files are exactly what scripts/make_demo.py writes (seeded, stable)."""
    module = _make_demo()
    for name, text in module.files().items():
        assert demo_text(name) == text + "\n", name


def test_demo_and_example_plans_are_served_the_same_way(demo: AccountInputs) -> None:
    """The demo and the tests' example plan share their builders: the same channels and ladders."""
    example = example_plan()

    def channels(plan: AccountPlan) -> list[tuple[str, str, dt.timedelta]]:
        return [(c.name, c.mode.value, c.response_target) for c in plan.communication.channels]

    def ladder(plan: AccountPlan) -> list[tuple[str, str]]:
        assert plan.billing.dunning is not None
        return [(lv.name, lv.action.value) for lv in plan.billing.dunning.levels]

    def delays(plan: AccountPlan) -> list[dt.timedelta]:
        return [lv.after for lv in plan.escalation.policies[0].levels]

    minutes = dt.timedelta(minutes=1)
    assert [
        ("phone", "real_time", 5 * minutes),
        ("email", "asynchronous", 8 * 60 * minutes),
        ("portal", "asynchronous", 24 * 60 * minutes),
    ] == channels(demo.plan)
    assert channels(demo.plan) == channels(example)
    assert ladder(demo.plan) == ladder(example)
    assert [30 * minutes, 60 * minutes, 120 * minutes] == delays(demo.plan) == delays(example)
    # The values differ where the accounts differ: the demo's phone line is
    # always open, the example's only in office hours (not on a Saturday night).
    saturday_night = dt.datetime(2026, 6, 6, 3, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert demo.plan.communication.channels[0].calendar.is_open(saturday_night)
    assert not example.communication.channels[0].calendar.is_open(saturday_night)


def test_the_docs_show_the_current_demo_report() -> None:
    """examples/health_report.md (included by docs/index.md) is today's rendering of the demo."""
    module = _make_demo()
    page = pathlib.Path(__file__).resolve().parent.parent / "examples" / "health_report.md"
    assert module.report_page() == page.read_text(encoding="utf-8")
    index = page.parent.parent / "docs" / "index.md"
    assert '--8<-- "examples/health_report.md"' in index.read_text(encoding="utf-8")


def test_demo_has_what_the_brief_promises(demo: AccountInputs) -> None:
    """A Dutch B2B customer, a year of invoices, late payments, hundreds of tickets."""
    account = demo.plan.overview
    assert (account.locale, account.currency, account.type.value) == ("nl_NL", "EUR", "business")
    months = {i.issue_date.replace(day=1) for i in demo.invoices}
    assert len(months) == 12
    late = [
        p
        for p in demo.payments
        for i in demo.invoices
        if i.number in p.invoices and p.received_on > i.due_date
    ]
    assert late
    assert 200 <= len(demo.tickets) <= 500
    assert demo.run is not None


# ------------------------------------------------ figures equal their source ---


def test_receivables_equal_the_billing_functions(demo: AccountInputs, report: HealthReport) -> None:
    """Summary, aging, late fees and dunning are the billing functions' own results."""
    plan = demo.plan
    day = DEMO_AS_OF
    policy = plan.billing.late_fee
    r = report.receivables
    assert r.summary == account_summary(
        plan.overview, demo.invoices, demo.payments, as_of=day, fee_policy=policy
    )
    items = open_items(demo.invoices, demo.payments, as_of=day)
    assert r.aging == aging_report(items, as_of=day, currency="EUR")
    assert policy is not None
    for item in items:
        if item.due_date < day:
            assert late_fee(item, as_of=day, policy=policy) == r.late_fees[item.number]
    # Invoices paid late bear the fee too (account_summary counts them the same way).
    assert {"F2025-10", "F2026-01", "F2026-03", "F2026-04", "F2026-05"} <= set(r.late_fees)
    # Two library functions agree on the accrued fees: the report adds up the same.
    assert r.late_fee_total == r.summary.accrued_late_fees
    assert plan.billing.dunning is not None
    assert r.dunning == dunning_actions(
        plan.overview, items, as_of=day, policy=plan.billing.dunning
    )
    assert r.aging.total == r.summary.outstanding


def test_statutory_interest_equals_the_law_function(
    demo: AccountInputs, report: HealthReport
) -> None:
    """Each claim is nl_commercial_interest and the WIK scale on the same invoice."""
    r = report.receivables
    assert r.interest_regime == "nl_commercial"
    applied = {
        s.invoice.number: s
        for s in apply_payments(demo.invoices, demo.payments, as_of=DEMO_AS_OF).invoices
    }
    assert r.statutory
    for claim in r.statutory:
        settled = applied[claim.invoice]
        fee = nl_commercial_interest(
            settled.invoice.total,
            due=settled.invoice.due_date,
            as_of=DEMO_AS_OF,
            settlements=settled.settlements,
        )
        assert fee == claim.interest
        assert claim.open_amount == settled.amount_due
        expected_costs = (
            nl_collection_costs(settled.amount_due)
            if settled.amount_due.amount
            else Money.zero("EUR")
        )
        assert expected_costs == claim.collection_costs
    assert r.interest_total == sum_money((c.interest.amount for c in r.statutory), currency="EUR")


def test_statutory_figures_against_the_law_by_hand(report: HealthReport) -> None:
    """The unpaid May invoice, worked by hand from the law.

    BW 6:119a with the rate of 1 January 2026, 10.15 % (ECB MRO 2.15 + 8,
    Staatscourant): 4,076.19 x 10.15 % x 30/365 = 34.0057 -> 34.01. WIK scale
    (Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2):
    15 % of 2,500 + 10 % of 1,576.19 = 532.619 -> 532.62.
    """
    claim = next(c for c in report.receivables.statutory if c.invoice == "F2026-05")
    assert Money(amount="4076.19", currency="EUR") == claim.open_amount
    assert 30 == claim.interest.days_late
    assert Money(amount="34.01", currency="EUR") == claim.interest.amount
    assert Money(amount="532.62", currency="EUR") == claim.collection_costs
    assert claim.paid_on is None


def test_sla_equals_evaluate_and_compliance(demo: AccountInputs, report: HealthReport) -> None:
    """Compliance is compliance() over evaluate_many() of the period's measurements."""
    moment = dt.datetime(2026, 7, 1, tzinfo=ZONE)
    assert moment == report.as_of
    measured = list(
        evaluate_many(demo.tickets, demo.plan.sla, as_of=moment, tiers={"NL-1042": "gold"})
    )
    period = report.sla.period
    assert ReportingPeriod(start=dt.date(2026, 4, 1), end=dt.date(2026, 7, 1)) == period
    in_period = [
        m for m in measured if period.start <= m.start.astimezone(ZONE).date() < period.end
    ]
    assert compliance(in_period, by=("metric", "priority")) == report.sla.compliance
    assert sorted(report.sla.breached, key=lambda m: (m.ticket_id, m.metric)) == sorted(
        (m for m in in_period if m.state == "breached"), key=lambda m: (m.ticket_id, m.metric)
    )
    june = report.sla.monthly[-1]
    assert dt.date(2026, 6, 1) == june.month
    assert (
        compliance(
            [m for m in measured if m.start.astimezone(ZONE).date() >= dt.date(2026, 6, 1)], by=()
        ).total
        == june.total
    )
    assert len(report.sla.monthly) == 12
    for m in report.sla.at_risk:
        assert m.state == "running"
        assert dt.timedelta(0) < m.remaining < m.target / 4


def test_escalations_equal_the_trigger_functions(demo: AccountInputs, report: HealthReport) -> None:
    """Each pending escalation is escalation_triggers() and route() for that ticket."""
    moment = report.as_of
    tickets = {t.id: t for t in demo.tickets}
    measured: dict[str, list[Any]] = {}
    for m in evaluate_many(demo.tickets, demo.plan.sla, as_of=moment, tiers={"NL-1042": "gold"}):
        measured.setdefault(m.ticket_id, []).append(m)
    assert report.escalations
    section = demo.plan.escalation
    for item in report.escalations:
        ticket = tickets[item.ticket_id]
        ms = measured.get(ticket.id, [])
        context = context_for(ticket, account=demo.plan.overview, measurements=ms, as_of=moment)
        decision = route(context, section.rules, default=section.default_route)
        assert decision == item.route
        rules = template_triggers(
            functional_to=decision.route_to, hierarchical_to="support_manager"
        )
        assert item.triggers == escalation_triggers(
            ticket, account=demo.plan.overview, measurements=ms, as_of=moment, rules=rules
        )


def test_kpis_process_and_findings(demo: AccountInputs, report: HealthReport) -> None:
    """DSO is kpi.dso over the period's credit sales; findings and progress are the plan's."""
    period = report.sla.period
    sales = sum_money(
        (i.total for i in demo.invoices if period.start <= i.issue_date < period.end),
        currency="EUR",
    )
    expected = dso(report.receivables.summary.outstanding, credit_sales=sales, period=period)
    assert expected == report.receivables.dso
    row = next(r for r in report.kpis.rows if r.target.kpi.value == "dso")
    assert expected == row.result
    assert tuple(validate_plan(demo.plan)) == report.findings
    assert demo.run is not None
    assert progress(demo.run) == report.process


# ------------------------------------------------------------------ render ---


def test_rendered_figures_are_the_report_s(report: HealthReport) -> None:
    """The text shows the report's own figures, formatted for the locale."""
    for locale in ("en", "nl_NL"):
        text = render(report, locale=locale, format="text")
        s = report.receivables.summary
        for amount in (s.outstanding, s.overdue, report.receivables.interest_total):
            assert format_money(amount, locale=locale) in text
        percent = report.sla.compliance.total.percent
        assert percent is not None
        assert format_percent(percent, locale=locale, digits=1) in text
        assert label(report.status, locale=locale) in text
    assert "Gezondheidsrapport klant" in render(report, locale="nl", format="text")
    assert "Account health report" in render(report, locale="en", format="markdown")


def test_json_is_the_wire_form(report: HealthReport) -> None:
    """The JSON format round-trips to the same report."""
    text = render(report, locale="en", format="json")
    assert report == from_json(text, HealthReport)
    assert text == to_json(report, indent=2) + "\n"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _hostile(demo: AccountInputs) -> AccountInputs:
    name = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    account = attrs.evolve(demo.plan.overview, name=name)
    return attrs.evolve(demo, plan=attrs.evolve(demo.plan, overview=account))


def test_html_is_self_contained_and_escapes_hostile_names(demo: AccountInputs) -> None:
    """An account named <script> renders as text; no scripts, no external assets."""
    hostile = _hostile(demo)
    report = health_report(
        hostile.plan,
        invoices=hostile.invoices,
        payments=hostile.payments,
        tickets=hostile.tickets,
        as_of=DEMO_AS_OF,
    )
    page = render(report, locale="nl_NL", format="html")
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert "script" not in parser.tags
    assert "img" not in parser.tags
    assert parser.tags.count("svg") == 2
    assert {"html", "head", "style", "body", "table"} <= set(parser.tags)
    assert any("<script>" in t for t in parser.text)
    for key, value in parser.attrs:
        assert not key.startswith("on")
        assert "http" not in (value or "") or value == "http://www.w3.org/2000/svg"
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="accountplan-report">')
    assert "<script>" not in fragment
    markdown = render(report, locale="en", format="markdown")
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown


def test_text_drops_terminal_escapes(demo: AccountInputs) -> None:
    """Format characters in data never reach a terminal; bidi overrides never get in.

    A bidirectional override is refused when the account is built (it would be
    stored as one name and shown as another); the format characters a name
    may hold (a zero-width space, U+200B) are still dropped from the text.
    """
    with pytest.raises(InvalidInputError, match="bidirectional control"):
        attrs.evolve(demo.plan.overview, name="Evil\u202eCorp")
    account = attrs.evolve(demo.plan.overview, name="Evil\u200bCorp")
    plan = attrs.evolve(demo.plan, overview=account)
    report = health_report(plan, invoices=(), payments=(), tickets=(), as_of=DEMO_AS_OF)
    text = render(report, locale="en", format="text")
    assert "\u200b" not in text
    assert "Evil Corp" in text


def test_render_refuses_bad_options(report: HealthReport) -> None:
    """Unknown formats, locales and objects are refused with the field named."""
    with pytest.raises(InvalidInputError, match="'format'"):
        render(report, locale="en", format="pdf")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        render(report, locale="xx_NOPE")
    with pytest.raises(InvalidTypeError, match="'report'"):
        render("report", locale="en")  # type: ignore[arg-type]


def test_every_report_text_has_a_label_in_every_locale() -> None:
    """English and Dutch (and German and French) catalogs name every report phrase."""
    for locale in ("en", "nl", "de", "fr"):
        for member in ReportText:
            assert label(member, locale=locale)
    assert label(ReportText.OVERDUE, locale="nl") == "Achterstallig"


def test_long_tables_are_cut_and_counted(demo: AccountInputs) -> None:
    """A table longer than MAX_ROWS shows MAX_ROWS rows and says how many more."""
    report = health_report(
        demo.plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=DEMO_AS_OF,
        period=ReportingPeriod(start=dt.date(2025, 7, 1), end=dt.date(2026, 7, 1)),
    )
    breached = len(report.sla.breached)
    assert breached > MAX_ROWS
    text = render(report, locale="en", format="text")
    assert f"… and {breached - MAX_ROWS} more" in text


def test_bar_chart_escapes_and_scales() -> None:
    """Bars scale to the maximum; labels are escaped; empty values draw no bar."""
    svg = bar_chart(
        [("<a>", Decimal(50), "50 %"), ("b", Decimal(100), "100 %"), ("c", None, "")],
        title="t",
        maximum=Decimal(100),
    )
    assert svg.count("<rect") == 2
    assert 'height="75"' in svg  # half of the 150-pixel bar area
    assert 'height="150"' in svg
    assert "&lt;a&gt;" in svg
    assert "<a>" not in svg


# ---------------------------------------------------------------- options ---


def test_a_day_means_its_end_in_the_account_zone(demo: AccountInputs) -> None:
    """as_of=date is the instant the next day starts in the account's zone."""
    report = health_report(demo.plan, invoices=(), payments=(), tickets=(), as_of=DEMO_AS_OF)
    assert dt.datetime(2026, 7, 1, tzinfo=ZONE) == report.as_of
    assert DEMO_AS_OF == report.as_of_date
    instant = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    later = health_report(demo.plan, invoices=(), payments=(), tickets=(), as_of=instant)
    assert dt.date(2026, 7, 1) == later.as_of_date


@pytest.mark.parametrize(
    ("cadence", "day", "start", "end"),
    [
        ("quarterly", dt.date(2026, 6, 30), dt.date(2026, 4, 1), dt.date(2026, 7, 1)),
        ("quarterly", dt.date(2026, 6, 29), dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
        ("monthly", dt.date(2026, 1, 15), dt.date(2025, 12, 1), dt.date(2026, 1, 1)),
        ("semiannual", dt.date(2026, 12, 31), dt.date(2026, 7, 1), dt.date(2027, 1, 1)),
        ("annual", dt.date(2026, 3, 1), dt.date(2025, 1, 1), dt.date(2026, 1, 1)),
    ],
)
def test_report_period_is_the_last_complete_one(
    cadence: str, day: dt.date, start: dt.date, end: dt.date
) -> None:
    """The default period is the latest calendar-aligned period ended by the end of the day."""
    assert ReportingPeriod(start=start, end=end) == report_period(cadence, as_of=day)


def test_bad_input_is_refused_with_the_field(demo: AccountInputs) -> None:
    """Items of another account, naive instants, wrong types and bad options are refused."""
    other = attrs.evolve(demo.tickets[0], account_number="NL-9999")
    with pytest.raises(InvalidInputError, match=r"tickets\[0\]\.account_number"):
        health_report(demo.plan, invoices=(), payments=(), tickets=[other], as_of=DEMO_AS_OF)
    with pytest.raises(InvalidInputError, match="'as_of'"):
        health_report(
            demo.plan, invoices=(), payments=(), tickets=(), as_of=dt.datetime(2026, 6, 30)
        )
    with pytest.raises(InvalidTypeError, match=r"invoices\[0\]"):
        health_report(demo.plan, invoices=["x"], payments=(), tickets=(), as_of=DEMO_AS_OF)  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match="'plan'"):
        health_report("plan", invoices=(), payments=(), tickets=(), as_of=DEMO_AS_OF)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'interest_regime'"):
        health_report(
            demo.plan,
            invoices=(),
            payments=(),
            tickets=(),
            as_of=DEMO_AS_OF,
            interest_regime="fr",  # type: ignore[arg-type]
        )
    with pytest.raises(InvalidInputError, match="'at_risk_percent'"):
        health_report(
            demo.plan, invoices=(), payments=(), tickets=(), as_of=DEMO_AS_OF, at_risk_percent=0
        )
    with pytest.raises(InvalidInputError, match="'strategy'"):
        health_report(
            demo.plan,
            invoices=(),
            payments=(),
            tickets=(),
            as_of=DEMO_AS_OF,
            strategy="lifo",  # type: ignore[arg-type]
        )


def test_too_many_tickets_are_refused_before_any_work(
    demo: AccountInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ticket limit is checked while reading, before anything is measured."""
    monkeypatch.setattr(build, "MAX_TICKETS", 3)
    with pytest.raises(LimitExceededError, match="'tickets'"):
        health_report(demo.plan, invoices=(), payments=(), tickets=demo.tickets, as_of=DEMO_AS_OF)


def test_progress_is_reported_while_measuring(demo: AccountInputs) -> None:
    """The progress callback sees the count grow to the number of tickets."""
    calls: list[tuple[int, int]] = []
    health_report(
        demo.plan,
        invoices=(),
        payments=(),
        tickets=demo.tickets,
        as_of=DEMO_AS_OF,
        progress=lambda done, total: calls.append((done, total)),
    )
    total = len(demo.tickets)
    assert (250, total) in calls
    assert (total, total) == calls[-1]


def test_regime_follows_the_account(demo: AccountInputs) -> None:
    """Dutch consumers get statutory interest; ``none`` charges none."""
    consumer = attrs.evolve(demo.plan.overview, type="individual")
    plan = attrs.evolve(demo.plan, overview=consumer)
    # The bundled consumer-rate table ends on 2025-06-30: look before the invoices.
    report = health_report(
        plan, invoices=demo.invoices, payments=demo.payments, tickets=(), as_of=dt.date(2025, 6, 30)
    )
    assert "nl_statutory" == report.receivables.interest_regime
    none = health_report(
        demo.plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=(),
        as_of=DEMO_AS_OF,
        interest_regime="none",
    )
    assert none.receivables.statutory == ()
    assert Money.zero("EUR") == none.receivables.interest_total


def test_statutory_claim_one_off() -> None:
    """One debt, by hand: 1,000 x 10.15 % x 364/365 = 101.2219 -> 101.22; WIK 15 % is 150.00.

    10.15 % is the Dutch commercial rate from 1 July 2025 and 1 January 2026
    (ECB MRO 2.15 + 8, BW 6:119a lid 2).
    """
    claim = statutory_claim(
        Money(amount="1000.00", currency="EUR"),
        due=dt.date(2025, 7, 1),
        as_of=dt.date(2026, 6, 30),
        regime="nl_commercial",
    )
    assert Money(amount="101.22", currency="EUR") == claim.interest.amount
    assert Money(amount="150.00", currency="EUR") == claim.collection_costs
    with pytest.raises(InvalidInputError, match="'regime'"):
        statutory_claim(
            Money(amount="1", currency="EUR"),
            due=dt.date(2026, 1, 1),
            as_of=dt.date(2026, 2, 1),
            regime="none",
        )


# --------------------------------------------------------------- portfolio ---


def test_portfolio_streams_rows_and_reports_progress(
    demo: AccountInputs, report: HealthReport
) -> None:
    """Accounts come from a generator; each row is the account's health report reduced."""
    second_account = attrs.evolve(demo.plan.overview, number="NL-2000", name="Quiet B.V.")
    quiet = AccountInputs(plan=attrs.evolve(demo.plan, overview=second_account))
    seen: list[tuple[int, str]] = []

    def accounts() -> Any:
        yield demo
        yield quiet

    portfolio = portfolio_report(
        accounts(), as_of=DEMO_AS_OF, progress=lambda n, number: seen.append((n, number))
    )
    assert [(1, "NL-1042"), (2, "NL-2000")] == seen
    assert portfolio_row(report) == portfolio.rows[0]
    assert ["NL-1042"] == [row.account_number for row in portfolio.breached]
    assert portfolio.rows[0].late_interest == report.receivables.interest_total
    assert Money.zero("EUR") == portfolio.rows[1].late_interest
    records = portfolio.to_records()
    assert records[0]["late_interest"] == report.receivables.interest_total.amount
    text = render(portfolio, locale="nl", format="text")
    assert "Quiet B.V." in text
    assert "<table>" in portfolio._repr_html_()


def test_portfolio_refuses_repeats_and_names_the_account(demo: AccountInputs) -> None:
    """An account seen twice is refused; an account's bad data carries a note naming it."""
    with pytest.raises(InvalidInputError, match="seen before"):
        portfolio_report([demo, demo], as_of=DEMO_AS_OF)
    bad_ticket = attrs.evolve(demo.tickets[0], account_number="NL-9")
    broken = attrs.evolve(demo, tickets=(bad_ticket,))
    with pytest.raises(InvalidInputError) as caught:
        portfolio_report([broken], as_of=DEMO_AS_OF)
    assert "in account 'NL-1042' (accounts[0])" in caught.value.__notes__
    with pytest.raises(InvalidTypeError):
        portfolio_report(["x"], as_of=DEMO_AS_OF)  # type: ignore[list-item]


def test_records_and_html_for_notebooks(report: HealthReport) -> None:
    """to_records gives the headline figures; _repr_html_ is the HTML fragment."""
    records = {r["figure"]: r["value"] for r in report.to_records()}
    assert records["account"] == "NL-1042"
    assert records["outstanding"] == str(report.receivables.summary.outstanding)
    assert "<svg" in report._repr_html_()


def test_tickets_created_after_as_of_are_not_measured(demo: AccountInputs) -> None:
    """A report looks only at what existed at its instant."""
    early = health_report(
        demo.plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=dt.date(2025, 12, 31),
    )
    october = dt.datetime(2025, 10, 1, tzinfo=ZONE)
    created = [
        t for t in demo.tickets if october <= t.created_at < dt.datetime(2026, 1, 1, tzinfo=ZONE)
    ]
    assert len(created) == early.sla.tickets
    assert ReportingPeriod(start=october.date(), end=dt.date(2026, 1, 1)) == early.sla.period
    assert isinstance(demo.tickets[0], Ticket)


# ------------------------------------------------------- more edges, by hand ---


@pytest.mark.parametrize(
    ("currency", "regime", "interest", "costs"),
    [
        # UK: Bank of England base rate 4.25 % (from 8 May 2025) + 8, fixed on the due
        # date (Late Payment of Commercial Debts (Interest) Act 1998, s. 6):
        # 1,000 x 12.25 % x 183/365 = 61.4178 -> 61.42; fixed sum GBP 70 from 1,000 (s. 5A).
        ("GBP", "uk", "61.42", "70"),
        # EU: ECB MRO 2.15 % + 8 = 10.15 % (Directive 2011/7/EU, art. 2(6)):
        # 1,000 x 10.15 % x 183/365 = 50.8890 -> 50.89; EUR 40 compensation (art. 6).
        ("EUR", "eu", "50.89", "40"),
    ],
)
def test_statutory_claim_in_other_regimes(
    currency: str, regime: Any, interest: str, costs: str
) -> None:
    """The UK and EU regimes, worked by hand from the law."""
    claim = statutory_claim(
        Money(amount="1000.00", currency=currency),
        due=dt.date(2025, 7, 1),
        as_of=dt.date(2025, 12, 31),
        regime=regime,
    )
    assert Money(amount=interest, currency=currency) == claim.interest.amount
    assert Money(amount=costs, currency=currency) == claim.collection_costs


@pytest.mark.parametrize(
    ("locale", "currency", "kind", "regime"),
    [
        ("en_GB", "GBP", "business", "uk"),
        ("de_DE", "EUR", "business", "eu"),
        ("en_US", "USD", "business", None),
        ("de_DE", "EUR", "individual", None),
        ("nl_NL", "EUR", "reseller", "nl_commercial"),
    ],
)
def test_default_regime_from_the_account(
    demo: AccountInputs, locale: str, currency: str, kind: str, regime: str | None
) -> None:
    """The statutory regime follows the account's country, currency and type."""
    account = attrs.evolve(demo.plan.overview, locale=locale, currency=currency, type=kind)
    plan = attrs.evolve(demo.plan, overview=account)
    report = health_report(plan, invoices=(), payments=(), tickets=(), as_of=DEMO_AS_OF)
    assert regime == report.receivables.interest_regime


def test_paid_by_status_bears_no_fee(demo: AccountInputs) -> None:
    """An invoice marked paid without its payment has no fee, as in account_summary."""
    paid = attrs.evolve(demo.invoices[0], status=InvoiceStatus.PAID)
    report = health_report(demo.plan, invoices=[paid], payments=(), tickets=(), as_of=DEMO_AS_OF)
    assert {} == dict(report.receivables.late_fees)
    assert () == report.receivables.statutory
    assert report.receivables.summary.accrued_late_fees == report.receivables.late_fee_total


def test_statutory_claim_refuses_overpayment() -> None:
    """Settlements adding up to more than the principal are refused."""
    money = Money(amount="10.00", currency="EUR")
    too_much = Settlement(
        settled_on=dt.date(2026, 2, 1), amount=Money(amount="20.00", currency="EUR")
    )
    with pytest.raises(InvalidInputError, match="'settlements'"):
        statutory_claim(
            money,
            due=dt.date(2026, 1, 1),
            as_of=dt.date(2026, 3, 1),
            regime="nl_commercial",
            settlements=[too_much],
        )


def test_without_escalation_policies_hierarchical_goes_to_the_default_route(
    demo: AccountInputs,
) -> None:
    """No escalation policy: hierarchical triggers go where unmatched tickets go."""
    section = attrs.evolve(demo.plan.escalation, policies=())
    plan = attrs.evolve(demo.plan, escalation=section)
    report = health_report(plan, invoices=(), payments=(), tickets=demo.tickets, as_of=DEMO_AS_OF)
    hierarchical = {
        t
        for item in report.escalations
        for r in item.triggers
        if r.rule == "unresolved"
        for t in r.to
    }
    assert {"service_desk"} == hierarchical


def test_custom_triggers_and_a_lifecycle_action(demo: AccountInputs) -> None:
    """Given triggers replace the template's; a due lifecycle action is rendered."""
    rule = RoutingRule(name="everything_open", when="ticket.resolved == false", route_to="desk")
    lifecycle = attrs.evolve(demo.plan.maintenance.lifecycle, suspend_after_days=30)
    plan = attrs.evolve(
        demo.plan, maintenance=attrs.evolve(demo.plan.maintenance, lifecycle=lifecycle)
    )
    report = health_report(
        plan,
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=DEMO_AS_OF,
        triggers=[rule],
    )
    assert report.escalations
    assert all(
        [r.rule for r in item.triggers] == ["everything_open"] for item in report.escalations
    )
    assert "suspended" == getattr(report.lifecycle.to_status, "value", None)
    suspended = label(AccountStatus.SUSPENDED, locale="nl")
    assert f"Naar {suspended}" in render(report, locale="nl", format="text")
    assert "Move to Suspended" in render(report, locale="en", format="text")


def test_more_type_errors(demo: AccountInputs) -> None:
    """Every option is type-checked with its name."""
    base: dict[str, Any] = {"invoices": (), "payments": (), "tickets": (), "as_of": DEMO_AS_OF}
    with pytest.raises(InvalidTypeError, match="'invoices'"):
        health_report(demo.plan, **{**base, "invoices": "F1"})
    with pytest.raises(InvalidTypeError, match="'as_of'"):
        health_report(demo.plan, **{**base, "as_of": "2026-06-30"})
    with pytest.raises(LimitExceededError, match="'as_of'"):
        health_report(demo.plan, **{**base, "as_of": dt.date.max})
    with pytest.raises(InvalidTypeError, match="'at_risk_percent'"):
        health_report(demo.plan, **base, at_risk_percent=True)
    with pytest.raises(InvalidTypeError, match="'progress'"):
        health_report(demo.plan, **base, progress="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'cadence'"):
        report_period("weekly", as_of=DEMO_AS_OF)
    with pytest.raises(InvalidTypeError, match="'as_of'"):
        report_period("monthly", as_of=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(InvalidTypeError, match="'plan'"):
        AccountInputs(plan="plan")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'run'"):
        AccountInputs(plan=demo.plan, run="run")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"'tickets\[0\]'"):
        AccountInputs(plan=demo.plan, tickets=["T-1"])
    with pytest.raises(InvalidTypeError, match="'payments'"):
        AccountInputs(plan=demo.plan, payments=5)
    with pytest.raises(InvalidTypeError, match="'report'"):
        portfolio_row("report")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'as_of'"):
        portfolio_report([], as_of="2026-06-30")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'period'"):
        portfolio_report([], as_of=DEMO_AS_OF, period="Q2")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'progress'"):
        portfolio_report([], as_of=DEMO_AS_OF, progress=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'accounts'"):
        portfolio_report("NL-1", as_of=DEMO_AS_OF)  # type: ignore[arg-type]


def test_portfolio_limit(demo: AccountInputs, monkeypatch: pytest.MonkeyPatch) -> None:
    """More accounts than MAX_ACCOUNTS are refused when the next one arrives."""
    monkeypatch.setattr(portfolio_module, "MAX_ACCOUNTS", 0)
    with pytest.raises(LimitExceededError, match="'accounts'"):
        portfolio_report([demo], as_of=DEMO_AS_OF)


def test_every_format_of_every_renderable(demo: AccountInputs, report: HealthReport) -> None:
    """Aging, compliance and claims render in every format; long tables are counted in each."""
    items = open_items(demo.invoices, demo.payments, as_of=DEMO_AS_OF)
    aging = aging_report(items, as_of=DEMO_AS_OF)
    for fmt in ("markdown", "html", "text"):
        assert "F2026-05" in render(aging, locale="en", format=fmt)
        assert "F2026-05" in render(report.receivables.statutory[-1], locale="en", format=fmt)
        assert "Critical" in render(report.sla.compliance, locale="en", format=fmt)
    year = health_report(
        attrs.evolve(
            demo.plan,
            monitoring=attrs.evolve(
                demo.plan.monitoring,
                targets=(
                    *demo.plan.monitoring.targets,
                    KpiTarget(kpi="nps", direction="at_least", threshold=30),
                ),
            ),
        ),
        invoices=demo.invoices,
        payments=demo.payments,
        tickets=demo.tickets,
        as_of=DEMO_AS_OF,
        period=ReportingPeriod(start=dt.date(2025, 7, 1), end=dt.date(2026, 7, 1)),
    )
    more = f"… and {len(year.sla.breached) - MAX_ROWS} more"
    assert more in render(year, locale="en", format="html")
    assert more in render(year, locale="en", format="markdown")
    assert "≥ 30" in render(year, locale="en", format="text")  # NPS in points
    assert "The plan has no findings." in render(year, locale="en", format="text")
