"""Every result table of plan, escalation, maturity, kpi and report: the four table methods.

Each result that holds rows (steps, notifications, rules checked, criteria,
KPIs, accounts) is a [Tabular][accountplan._tables.Tabular]: ``to_records``,
``to_pandas``, ``_repr_html_`` and ``_repr_markdown_``, with the columns
documented in docs/reference/tables.md, in order, with one kind each.
"""

from __future__ import annotations

import datetime as dt
import inspect
import pickle
import sys
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from accountplan._tables import COLUMN_DTYPES, Tabular
from accountplan.escalation import (
    EscalationLevel,
    EscalationPolicy,
    EscalationRecords,
    EscalationState,
    EscalationTimeline,
    RoutingContext,
    RoutingDecision,
    RoutingMatches,
    RoutingRule,
    escalation_records,
    escalation_state,
    escalation_timeline,
    route,
    route_all,
)
from accountplan.exceptions import MissingDependencyError
from accountplan.kpi import KpiReport, KpiTarget, ReportingPeriod, kpi_report, nps
from accountplan.maturity import Assessment, Evidence, assess, customer_account_management
from accountplan.maturity import evidence_from as maturity_evidence
from accountplan.plan import (
    ACCOUNT_MANAGEMENT_PROCESS,
    Findings,
    PlanAssessment,
    Progress,
    assess_plan,
    complete_step,
    progress,
    start_run,
    validate_plan,
)
from accountplan.report import (
    DEMO_AS_OF,
    HealthReport,
    PortfolioReport,
    demo_inputs,
    demo_report,
    portfolio_report,
)
from accountplan.serialization import from_json, to_json
from tests.public_api import public_modules
from tests.strategies_plan import example_plan

PACKAGES = (
    "accountplan.plan",
    "accountplan.escalation",
    "accountplan.maturity",
    "accountplan.kpi",
    "accountplan.report",
)

T0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
HALF_HOUR = dt.timedelta(minutes=30)
POLICY = EscalationPolicy(
    levels=[
        EscalationLevel(name="L1", targets=["oncall", "desk"], after=HALF_HOUR),
        EscalationLevel(name="L2", targets=["lead"], after=HALF_HOUR),
    ],
    repeats=1,
)
RULES = [
    RoutingRule(name="urgent", when="priority <= 2", route_to="oncall"),
    RoutingRule(name="vip", when="account.tier == 'gold'", route_to="tier2"),
]
CONTEXT = RoutingContext(as_of=T0, values={"ticket.priority": "moderate", "account.tier": "gold"})


def _progress() -> Progress:
    run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1", at=T0, by="ann")
    return progress(complete_step(run, "identify_account", at=T0 + HALF_HOUR, by="ann"))


#: How to build one filled example of every result table, by class.
EXAMPLES: dict[type, Callable[[], Any]] = {
    Progress: _progress,
    PlanAssessment: lambda: assess_plan(example_plan(), answers={"agents_on_demand": "yes"}),
    EscalationState: lambda: escalation_state(
        POLICY, triggered_at=T0, as_of=T0 + dt.timedelta(hours=1)
    ),
    EscalationTimeline: lambda: escalation_timeline(
        POLICY, triggered_at=T0, until=T0 + dt.timedelta(hours=3)
    ),
    RoutingDecision: lambda: route(CONTEXT, RULES, default="triage"),
    RoutingMatches: lambda: route_all(CONTEXT, RULES),
    Assessment: lambda: assess(customer_account_management(), {"faq": "yes"}),
    Evidence: lambda: maturity_evidence(faq=True),
    KpiReport: lambda: kpi_report(
        [KpiTarget(kpi="nps", direction="at_least", threshold=30)],
        [nps([10, 9, 3])],
        period=ReportingPeriod(start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1)),
    ),
    Findings: lambda: validate_plan(demo_inputs().plan),
    EscalationRecords: lambda: escalation_records(
        escalation_state(
            POLICY,
            triggered_at=T0,
            as_of=T0 + dt.timedelta(hours=2),
            acknowledged_at=T0 + dt.timedelta(minutes=40),
        ),
        ticket_id="T-1",
    ),
    HealthReport: demo_report,
    PortfolioReport: lambda: portfolio_report([demo_inputs()], as_of=DEMO_AS_OF),
}

#: Results of these packages that hold models in a tuple but are not result
#: tables, each with the reason.
NOT_TABLES: dict[str, str] = {
    "AccountInputs": "the inputs of a report (plan, invoices, tickets), not a result",
    "MaturityModel": "rule data (dimensions and criteria), round-tripped through JSON",
    "ProcessRun": "the state the process operations evolve; progress() is its table",
    "ProcessTemplate": "rule data (steps and gates), round-tripped through JSON",
}

#: Public functions of these packages that return a plain tuple, with the reason it is no table.
PLAIN_TUPLES: dict[str, str] = {
    "available_channels": "the plan's own Channel models, filtered",
    "contact_schedule": "instants, one value each",
    "next_steps": "keys, one value each",
    "reporting_periods": "ReportingPeriod values, one pair of dates each",
    "template_triggers": "RoutingRule models: rule data, not results",
}

#: Results that are tuples and tables at once (equal to the plain tuple of their items).
TUPLE_TABLES: set[type] = {Findings, EscalationRecords}


def _public_functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module in public_modules():
        if not module.__name__.startswith(PACKAGES):
            continue
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found[name] = obj
    return found


def _holds_models(cls: type) -> bool:
    hints = typing.get_type_hints(cls)
    return any(
        typing.get_origin(hints[f.name]) is tuple
        and any(isinstance(a, type) and attrs.has(a) for a in typing.get_args(hints[f.name]))
        for f in attrs.fields(cls)
    )


def test_every_result_that_holds_rows_is_a_table() -> None:
    """Every public function's result that holds a tuple of models is a table (or says why not)."""
    results: set[type] = set()
    tuples: set[type] = set()
    plain: set[str] = set()
    for name, function in _public_functions().items():
        returned = typing.get_type_hints(function)["return"]
        for candidate in (returned, *typing.get_args(returned)):
            if isinstance(candidate, type) and attrs.has(candidate) and _holds_models(candidate):
                results.add(candidate)
            if isinstance(candidate, type) and issubclass(candidate, tuple):
                tuples.add(candidate)
        if typing.get_origin(returned) is tuple:
            plain.add(name)
    tables = {cls for cls in results if cls.__name__ not in NOT_TABLES}
    assert set(NOT_TABLES) == {cls.__name__ for cls in results} - {c.__name__ for c in tables}
    assert set(EXAMPLES) - {PlanAssessment} - TUPLE_TABLES == tables
    assert TUPLE_TABLES == tuples
    assert set(PLAIN_TUPLES) == plain
    for cls in TUPLE_TABLES:
        table = EXAMPLES[cls]()
        assert tuple(table) == table


def test_every_class_with_records_is_a_table() -> None:
    """A public class of these packages with to_records has all four through the shared mixin."""
    found = set()
    for module in public_modules():
        if not module.__name__.startswith(PACKAGES):
            continue
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if isinstance(obj, type) and hasattr(obj, "to_records"):
                found.add(obj)
    assert set(EXAMPLES) == found
    for cls in found:
        assert issubclass(cls, Tabular), cls
        for method in ("to_records", "to_pandas", "_repr_html_", "_repr_markdown_"):
            assert callable(getattr(cls, method)), (cls, method)
        # to_pandas is never hand-written: the mixin gives every table the same dtypes.
        assert Tabular.to_pandas is cls.to_pandas, cls


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda cls: cls.__name__)
def test_records_follow_the_columns(cls: type) -> None:
    """Records have the table's columns in order, each value of its column's kind."""
    table: Any = EXAMPLES[cls]()
    assert issubclass(type(table), cls)
    records = table.to_records()
    assert records, cls
    columns = table._columns()
    kinds: dict[str, tuple[type, ...]] = {
        "text": (str,),
        "int": (int,),
        "bool": (bool,),
        "decimal": (Decimal,),
        "date": (dt.date,),
        "datetime": (dt.datetime,),
        "timedelta": (dt.timedelta,),
    }
    for record in records:
        assert [name for name, _ in columns] == list(record)
        for name, kind in columns:
            value = record[name]
            assert value is None or isinstance(value, kinds[kind]), (name, kind, value)
            if kind == "int":
                assert not isinstance(value, bool), name
            if isinstance(value, dt.datetime):
                assert value.tzinfo is not None, name


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda cls: cls.__name__)
def test_notebook_views(cls: type) -> None:
    """Both notebook views are text; tables are bounded and escaped, reports are rendered."""
    table = EXAMPLES[cls]()
    html = table._repr_html_()
    markdown = table._repr_markdown_()
    if cls in {HealthReport, PortfolioReport}:
        assert html.startswith('<div class="accountplan-report">')
        assert markdown.startswith("# ")
    else:
        count = len(table.to_records())
        noun = "row" if count == 1 else "rows"
        assert html.startswith("<table><caption>")
        assert f"({count} {noun})</caption>" in html
        assert f"({count} {noun})" in markdown.splitlines()[0]
        for name, _ in table._columns():
            assert f"<th>{name}</th>" in html


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda cls: cls.__name__)
def test_to_pandas_dtypes(cls: type) -> None:
    """to_pandas has the record columns, one documented dtype per column kind."""
    pytest.importorskip("pandas")
    table = EXAMPLES[cls]()
    frame = table.to_pandas()
    assert [name for name, _ in table._columns()] == list(frame.columns)
    assert len(table.to_records()) == len(frame)
    for name, kind in table._columns():
        assert COLUMN_DTYPES[kind] == str(frame[name].dtype), name


def test_to_pandas_without_pandas_names_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_pandas raises MissingDependencyError naming the class and the extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as caught:
        _progress().to_pandas()
    assert "Progress.to_pandas" == caught.value.feature
    assert "pandas" == caught.value.extra


def test_escalation_tables_share_their_columns() -> None:
    """A state and a timeline of the same incident list the same notifications the same way."""
    until = T0 + dt.timedelta(hours=1)
    state = escalation_state(POLICY, triggered_at=T0, as_of=until)
    timeline = escalation_timeline(POLICY, triggered_at=T0, until=until)
    assert timeline.to_records() == state.to_records()
    assert {
        "at": T0 + HALF_HOUR,
        "pass": 1,
        "level": "L2",
        "level_number": 2,
        "targets": "lead",
    } == state.to_records()[1]
    assert "oncall, desk" == state.to_records()[0]["targets"]


def test_routing_tables_list_every_rule_checked() -> None:
    """route lists the misses then the match, in rule order; route_all the matches first."""
    decision = route(CONTEXT, RULES, default="triage")
    assert decision.match is not None
    assert [
        {
            "rule": "urgent",
            "matched": False,
            "route_to": None,
            "why": decision.misses[0].failed.text,
        },
        {"rule": "vip", "matched": True, "route_to": "tier2", "why": decision.match.text},
    ] == decision.to_records()
    fallback = route(CONTEXT, RULES[:1], default="triage")
    assert [False] == [r["matched"] for r in fallback.to_records()]
    assert ["vip", "urgent"] == [r["rule"] for r in route_all(CONTEXT, RULES).to_records()]


@pytest.mark.parametrize("cls", [Findings, EscalationRecords], ids=lambda cls: cls.__name__)
def test_tuple_tables_serialize_and_pickle_like_plain_tuples(cls: type) -> None:
    """validate_plan's and escalation_records' results write the JSON their plain tuples write."""
    table = EXAMPLES[cls]()
    item = typing.get_args(cls.__orig_bases__[1])[0]  # type: ignore[attr-defined]
    assert to_json(tuple(table)) == to_json(table)
    assert tuple(table) == from_json(to_json(table), tuple[item, ...])  # type: ignore[valid-type]
    copy = pickle.loads(pickle.dumps(table))
    assert cls is type(copy)
    assert table == copy
