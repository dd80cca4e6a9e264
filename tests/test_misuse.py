"""No raw builtin error escapes a public callable given a wrong-typed argument.

The walk: every public function and every public method of a public class
(``tests/public_api.py``), called with otherwise-valid arguments built from a
small table of example values per annotated type (``EXAMPLES``, with
``BY_NAME`` and ``ARGUMENTS`` where a parameter's name or the callable decides
what is valid). First the valid call must work; then, for each parameter with
a type hint, the same call with ``object()`` (and ``1.5`` where a ``Decimal``,
``Money`` or ``str`` is expected) in its place must raise
[InvalidTypeError][accountplan.exceptions.InvalidTypeError] naming that
parameter. A callable is left out only with a written reason in ``SKIPPED``;
a parameter annotated ``Any`` (it takes any object: ``preview(value)``,
``to_dict(obj)``) is not given wrong values.

The regression tests at the end reproduce the escapes reported by hand.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import inspect
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import attrs
import cattrs
import pytest

from accountplan import (
    billing,
    escalation,
    i18n,
    kpi,
    maturity,
    plan,
    report,
    serialization,
    sla,
    tickets,
)
from accountplan.accounts import (
    AccountFacts,
    LifecycleDecision,
    ReviewCadence,
)
from accountplan.billing import (
    BillingCycle,
    DueRule,
    Installment,
    Invoice,
    OpenItem,
    PaymentTerms,
    aging_report,
    bundled_rate_table,
    invoice_schedule,
)
from accountplan.calendars import BusinessCalendar, CalendarIndex
from accountplan.escalation import (
    ITIL_MATRIX,
    EscalationState,
    Expression,
    RoutingContext,
    RoutingDecision,
    context_for,
    escalation_state,
    parse_condition,
    route,
)
from accountplan.exceptions import AccountPlanError, InvalidTypeError, MissingDependencyError
from accountplan.kpi import KpiTarget, ReportingPeriod, reporting_periods
from accountplan.maturity import customer_account_management
from accountplan.money import Money
from accountplan.plan import ACCOUNT_MANAGEMENT_PROCESS, Cadence, start_run
from accountplan.report import AccountInputs, demo_inputs, health_report
from accountplan.sla import (
    CSAT_FIVE_BEST,
    CreditTier,
    DowntimeRule,
    SlaPolicy,
    availability_report,
    compliance,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
from tests.public_api import public_module_names, public_modules, public_objects

UTC = dt.UTC
D0 = dt.date(2025, 7, 1)
D1 = dt.date(2025, 12, 31)
T0 = dt.datetime(2025, 7, 3, 9, 0, tzinfo=UTC)
T1 = dt.datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
EUR = Money(amount="100.00", currency="EUR")
#: After the last entry of the demo run's audit trail.
AFTER_RUN = dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


@cache
def demo() -> AccountInputs:
    """The bundled demo account: a plan, invoices, payments, tickets and a process run."""
    return demo_inputs()


@cache
def ticket() -> Ticket:
    """A small ticket of the demo account, created at ``T0`` with one agent reply."""
    return Ticket(
        id="T-1",
        account_number=demo().plan.overview.number,
        priority=Priority.HIGH,
        created_at=T0,
        events=[TicketEvent(at=T0 + dt.timedelta(hours=1), kind=TicketEventKind.AGENT_REPLY)],
    )


def demo_run() -> plan.ProcessRun:
    """The demo account's process run (it has one)."""
    run = demo().run
    assert run is not None
    return run


@cache
def _health() -> report.HealthReport:
    inputs = demo()
    return health_report(
        inputs.plan, invoices=inputs.invoices, payments=inputs.payments, tickets=(), as_of=D1
    )


@cache
def open_invoice() -> Invoice:
    """The first demo invoice, issued and open."""
    return demo().invoices[0]


#: One valid example per annotated type (a factory, called afresh for each call).
EXAMPLES: dict[Any, Callable[[], Any]] = {
    str: lambda: "x",
    int: lambda: 1,
    bool: lambda: False,
    Decimal: lambda: Decimal("99.5"),
    dt.date: lambda: D0,
    dt.datetime: lambda: T0,
    dt.timedelta: lambda: dt.timedelta(hours=2),
    Money: lambda: EUR,
    Ticket: ticket,
    TicketEvent: lambda: ticket().events[0],
    Invoice: open_invoice,
    OpenItem: lambda: OpenItem.from_invoice(open_invoice()),
    PaymentTerms: lambda: PaymentTerms.net(30),
    DueRule: lambda: DueRule.net(30),
    Installment: lambda: Installment.balance(DueRule.net(30)),
    BillingCycle: BillingCycle.monthly,
    billing.BillingPeriod: lambda: invoice_schedule(BillingCycle.monthly(), start=D0, count=1)[0],
    billing.RateTable: lambda: bundled_rate_table("ecb_mro"),
    billing.LateFeePolicy: lambda: demo().plan.billing.late_fee,
    billing.DunningPolicy: lambda: demo().plan.billing.dunning,
    billing.AgingReport: lambda: aging_report([open_invoice()], as_of=D1),
    BusinessCalendar: lambda: BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}
    ),
    CalendarIndex: lambda: CalendarIndex(BusinessCalendar.always("UTC")),
    SlaPolicy: lambda: demo().plan.sla.default,
    sla.SlaPolicySet: lambda: demo().plan.sla,
    CreditTier: lambda: CreditTier(at_least="99.0", below="99.9", credit_percent="10"),
    sla.CsatScale: lambda: CSAT_FIVE_BEST,
    DowntimeRule: DowntimeRule,
    sla.ComplianceReport: lambda: compliance(()),
    sla.AvailabilityReport: lambda: availability_report(
        (), first_month=D0, months=1, timezone="UTC"
    ),
    ReportingPeriod: lambda: reporting_periods("monthly", start=D0, count=1)[0],
    Cadence: Cadence.monthly,
    KpiTarget: lambda: demo().plan.monitoring.targets[0],
    ReviewCadence: lambda: ReviewCadence.QUARTERLY,
    type(demo().plan.overview): lambda: demo().plan.overview,
    AccountFacts: AccountFacts,
    LifecycleDecision: lambda: LifecycleDecision(
        account_number=demo().plan.overview.number,
        as_of=D0,
        status="active",
        to_status="suspended",
        rule="suspend",
        reason="test",
        actor="system",
    ),
    EscalationState: lambda: escalation_state(
        demo().plan.escalation.policies[0], triggered_at=T0, as_of=T1
    ),
    RoutingContext: lambda: context_for(ticket(), as_of=T1),
    RoutingDecision: lambda: route(context_for(ticket(), as_of=T1), (), default="desk"),
    Expression: lambda: parse_condition("priority <= 2"),
    type(demo().plan.maintenance.lifecycle): lambda: demo().plan.maintenance.lifecycle,
    type(demo().plan.maintenance.retention): lambda: demo().plan.maintenance.retention,
    type(demo().plan): lambda: demo().plan,
    type(demo().plan.communication): lambda: demo().plan.communication,
    plan.ProcessRun: demo_run,
    type(ACCOUNT_MANAGEMENT_PROCESS): lambda: ACCOUNT_MANAGEMENT_PROCESS,
    type(customer_account_management()): customer_account_management,
    type(demo().plan.escalation.policies[0]): lambda: demo().plan.escalation.policies[0],
    type(ITIL_MATRIX): lambda: ITIL_MATRIX,
    cattrs.Converter: serialization.make_converter,
    billing.AllocationResult: lambda: billing.allocate_payments((open_invoice(),), ()),
    billing.AppliedPayments: lambda: billing.apply_payments((open_invoice(),), (), as_of=D1),
    billing.Cap: lambda: billing.AmountCap(amount=EUR),
    billing.AmountCap: lambda: billing.AmountCap(amount=EUR),
    billing.PercentCap: lambda: billing.PercentCap(percent=10),
    escalation.EscalationTimeline: lambda: escalation.escalation_timeline(
        demo().plan.escalation.policies[0], triggered_at=T0, until=T1
    ),
    escalation.RoutingMatches: lambda: escalation.route_all(context_for(ticket(), as_of=T1), ()),
    escalation.Condition: lambda: parse_condition("ticket.priority <= 2"),
    kpi.KpiReport: lambda: kpi.kpi_report((), (), period=EXAMPLES[ReportingPeriod]()),
    maturity.Assessment: lambda: maturity.assess(customer_account_management(), {}),
    maturity.Dimension: lambda: customer_account_management().dimensions[0],
    maturity.Evidence: maturity.evidence_from,
    plan.PlanAssessment: lambda: plan.assess_plan(demo().plan),
    plan.ProcessStep: lambda: next(s for s in ACCOUNT_MANAGEMENT_PROCESS.steps if s.option_lists),
    plan.Progress: lambda: plan.progress(demo_run()),
    report.HealthReport: _health,
    report.PortfolioReport: lambda: report.portfolio_report(
        (attrs.evolve(demo(), tickets=()),), as_of=D1
    ),
    sla.SlaPolicyRule: lambda: sla.SlaPolicyRule(policy=demo().plan.sla.default, tiers=["gold"]),
    enum.Enum: lambda: Priority.HIGH,
}


#: Examples chosen by parameter name, where the type alone does not say what is valid.
BY_NAME: dict[str, Callable[[], Any]] = {
    "locale": lambda: "en_US",
    "currency": lambda: "EUR",
    "code": lambda: "EUR",
    "timezone": lambda: "Europe/Amsterdam",
    "tz": lambda: "UTC",
    "account_number": lambda: demo().plan.overview.number,
}

#: Parameters whose example is the late one of their type (after every start).
LATE = frozenset({"as_of", "end", "until", "paid_on"})


class MissingExampleError(Exception):
    """No example value for an annotation: add one to EXAMPLES, BY_NAME or ARGUMENTS."""


def _late(annotation: Any) -> Any:
    if _mentions(annotation, dt.datetime):
        return T1
    if _mentions(annotation, dt.date):
        return D1
    return _by_type(annotation)


def _arms(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _mentions(annotation: Any, wanted: type) -> bool:
    """Whether an arm of the annotation is ``wanted`` (not inside a container)."""
    return any(arm is wanted for arm in _arms(annotation))


def example(name: str, annotation: Any) -> Any:
    """A valid value for a parameter called ``name`` annotated ``annotation``."""
    if name in LATE:
        return _late(annotation)
    if name == "period" and typing.get_origin(annotation) is not None:
        # A (start, end) pair of dates or instants.
        if "datetime" in repr(annotation) and "date |" not in repr(annotation):
            return (T0, T1)
        return (D0, D1)
    if name in BY_NAME:
        return BY_NAME[name]()
    return _by_type(annotation)


def _by_type(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(annotation) if a is not type(None)]
        for arm in arms:
            try:
                return _by_type(arm)
            except MissingExampleError:
                continue
        if len(arms) < len(typing.get_args(annotation)):
            return None
        raise MissingExampleError(f"no example for any arm of {annotation!r}")
    if origin in (collections.abc.Mapping, dict):
        return {}
    if origin in (
        collections.abc.Iterable,
        collections.abc.Sequence,
        collections.abc.Set,
        frozenset,
        list,
        set,
    ) or (origin is tuple and typing.get_args(annotation)[-1:] == (Ellipsis,)):
        return ()
    if origin is type:
        return Priority
    if origin is collections.abc.Callable:
        return lambda *args: None
    if annotation in EXAMPLES:
        return EXAMPLES[annotation]()
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))
    raise MissingExampleError(f"no example for {annotation!r}")


# -- the walk -------------------------------------------------------------------


def _public_path(obj: Any) -> str:
    """The public module a callable is documented under (its private parts dropped)."""
    parts = obj.__module__.split(".")
    while parts[-1].startswith("_"):
        parts.pop()
    return ".".join(parts)


def _namespace() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for qualified, obj in public_objects().items():
        found.setdefault(qualified.rsplit(".", 1)[1], obj)
    return found


@attrs.frozen
class Target:
    """A public callable, and the class whose instance it needs (for a method)."""

    function: Callable[..., Any]
    owner: type | None = None


def public_callables() -> dict[str, Target]:
    """Every public function, and every public method of a public class, by public name.

    Class constructors are left out: their arguments are fields, checked by
    the fields' validators and walked by tests/test_inputs.py.
    """
    found: dict[str, Target] = {}
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj):
                if issubclass(obj, BaseException | enum.Enum) or not obj.__module__.startswith(
                    "accountplan"
                ):
                    continue
                for attribute, value in vars(obj).items():
                    if attribute.startswith("_"):
                        continue
                    bound = isinstance(value, classmethod | staticmethod)
                    if inspect.isfunction(value.__func__ if bound else value):
                        key = f"{_public_path(obj)}.{obj.__qualname__}.{attribute}"
                        target = Target(getattr(obj, attribute), None if bound else obj)
                        found.setdefault(key, target)
            elif inspect.isfunction(obj) and obj.__module__.startswith("accountplan"):
                found.setdefault(f"{_public_path(obj)}.{obj.__name__}", Target(obj))
    return dict(sorted(found.items()))


CALLABLES = public_callables()


def _option_list_key() -> str:
    step = next(s for s in ACCOUNT_MANAGEMENT_PROCESS.steps if s.option_lists)
    return step.option_lists[0].key


#: Arguments a callable needs beyond its type's example (they must agree with
#: each other, or name something the example holds).
ARGUMENTS: dict[str, dict[str, Callable[[], Any]]] = {
    "accountplan.accounts.transition": {"to": lambda: "suspended"},
    "accountplan.billing.LateFeePolicy.interest": {"rate": lambda: "8"},
    "accountplan.billing.PaymentTerms.split": {
        "parts": lambda: (Installment.balance(DueRule.net(30)),)
    },
    "accountplan.billing.aging_report": {"items": lambda: (open_invoice(),)},
    "accountplan.billing.allocate_payments": {"invoices": lambda: (open_invoice(),)},
    "accountplan.billing.bucket_labels": {"buckets": lambda: (30, 60, 90)},
    "accountplan.billing.invoice_schedule": {"count": lambda: 3},
    "accountplan.billing.ledger": {"invoices": lambda: (open_invoice(),)},
    "accountplan.billing.prorate": {"used": lambda: (D0, dt.date(2025, 9, 1))},
    "accountplan.billing.proration_ratio": {"used": lambda: (D0, dt.date(2025, 9, 1))},
    # The bundled Dutch consumer rates end on 2025-06-30.
    "accountplan.billing.statutory.nl_statutory_interest": {
        "due": lambda: dt.date(2024, 1, 1),
        "as_of": lambda: dt.date(2024, 6, 30),
    },
    "accountplan.billing.statutory.uk_fixed_sum": {
        "debt": lambda: Money(amount="100.00", currency="GBP")
    },
    "accountplan.billing.transition": {"to": lambda: "void"},
    "accountplan.calendars.BusinessCalendar.from_holidays": {
        "country": lambda: "NL",
        "years": lambda: (2025,),
        "hours": lambda: {0: [("09:00", "17:00")]},
    },
    "accountplan.escalation.parse_condition": {"text": lambda: "ticket.priority <= 2"},
    "accountplan.escalation.priority_of": {"impact": lambda: "high", "urgency": lambda: "high"},
    "accountplan.exceptions.preview": {"value": lambda: 1},
    "accountplan.kpi.csat_score": {"scale": lambda: CSAT_FIVE_BEST},
    "accountplan.kpi.net_revenue_retention": {
        "churned": lambda: Money(amount="10.00", currency="EUR"),
        "contraction": lambda: Money(amount="10.00", currency="EUR"),
    },
    "accountplan.kpi.reporting_periods": {"cadence": lambda: "monthly", "count": lambda: 1},
    "accountplan.kpi.revenue_churn": {
        "churned": lambda: Money(amount="10.00", currency="EUR"),
        "contraction": lambda: Money(amount="10.00", currency="EUR"),
    },
    "accountplan.maturity.MaturityModel.criterion": {
        "key": lambda: customer_account_management().dimensions[0].criteria[0].key
    },
    "accountplan.maturity.load_model": {
        "text": lambda: serialization.to_json(customer_account_management())
    },
    "accountplan.money.allocate": {"weights": lambda: (1, 1)},
    "accountplan.plan.CommunicationPlan.channel": {"name": lambda: "phone"},
    "accountplan.plan.ProcessRun.gate_state": {"key": lambda: "approve_status"},
    "accountplan.plan.ProcessRun.step_state": {"key": lambda: "identify_account"},
    "accountplan.plan.ProcessStep.option_list": {"key": _option_list_key},
    "accountplan.plan.ProcessTemplate.gate": {"key": lambda: "approve_status"},
    "accountplan.plan.ProcessTemplate.step": {"key": lambda: "identify_account"},
    "accountplan.plan.approve": {"gate": lambda: "approve_status", "at": lambda: AFTER_RUN},
    "accountplan.plan.complete_step": {
        "run": lambda: start_run(ACCOUNT_MANAGEMENT_PROCESS, account="A-1", at=T0, by="x"),
        "step": lambda: "identify_account",
    },
    "accountplan.plan.load_process": {
        "text": lambda: serialization.to_json(ACCOUNT_MANAGEMENT_PROCESS)
    },
    "accountplan.plan.reject": {"gate": lambda: "approve_status", "at": lambda: AFTER_RUN},
    "accountplan.plan.request_changes": {
        "gate": lambda: "approve_status",
        "at": lambda: AFTER_RUN,
        "steps": lambda: ("identify_account",),
    },
    "accountplan.plan.response_due": {"channel": lambda: "phone"},
    "accountplan.plots.compliance_over_time": {
        "report": lambda: compliance((), by=("month",), tz="UTC")
    },
    "accountplan.report.demo_text": {"name": lambda: "plan.json"},
    "accountplan.report.report_period": {"cadence": lambda: "monthly"},
    "accountplan.serialization.from_dict": {
        "data": lambda: {"amount": "1", "currency": "EUR"},
        "cls": lambda: Money,
    },
    "accountplan.serialization.from_json": {
        "text": lambda: '{"amount": "1", "currency": "EUR"}',
        "cls": lambda: Money,
    },
    "accountplan.serialization.to_dict": {"obj": lambda: EUR},
    "accountplan.serialization.to_json": {"obj": lambda: EUR},
    "accountplan.sla.percentile": {"values": lambda: (1, 2, 3), "p": lambda: 50},
    "accountplan.tickets.check_status": {"value": lambda: "open"},
    "accountplan.tickets.tickets_from_columns": {
        "tickets": lambda: {
            "id": ["T-1"],
            "account_number": ["A-1"],
            "priority": ["high"],
            "created_at": [T0],
        }
    },
}


#: Callables the walk leaves out, each with the reason.
SKIPPED: dict[str, str] = {
    "accountplan.dask.aging": "its subject is a Dask DataFrame in the loader's column "
    "layout, built in tests/test_dask.py; the walk builds no frames",
    "accountplan.dask.compliance": "as dask.aging: a Dask DataFrame of measurements",
    "accountplan.dask.evaluate_sla": "as dask.aging: Dask DataFrames of tickets and events",
    "accountplan.frames.aging_frame": "its subject is a pandas DataFrame in the loader's "
    "column layout, built in tests/test_frames.py; the walk builds no frames",
    "accountplan.frames.evaluate_frame": "as frames.aging_frame: DataFrames of tickets and events",
    "accountplan.frames.tickets_from_frame": "as frames.aging_frame: DataFrames of tickets and "
    "events",
    "accountplan.plan.start_review_cycle": "its valid call needs a run whose review step is "
    "done, which takes the whole 20-step process (tests/test_process.py walks it); "
    "test_start_review_cycle_checks_its_arguments_first checks its argument types",
}

NAMESPACE = _namespace()


@attrs.frozen
class Call:
    """A prepared call: positional arguments, keyword arguments, and each parameter's hint."""

    function: Callable[..., Any]
    args: dict[str, Any]
    positional: tuple[str, ...]
    hints: dict[str, Any]
    variadic: str | None = None

    def run(self, **changes: Any) -> Any:
        if self.variadic in changes:  # one wrong item among the *args
            changes[self.variadic] = (changes[self.variadic],)
        values = {**self.args, **changes}
        positional = [values.pop(name) for name in self.positional if name in values]
        if self.variadic is not None:
            positional.extend(values.pop(self.variadic))
        return self.function(*positional, **values)


def prepare(key: str) -> Call:
    """The valid call of a callable: every required parameter gets its example."""
    target = CALLABLES[key]
    function = target.function
    try:
        hints = typing.get_type_hints(function)
    except NameError:  # a name imported for type checking only
        hints = typing.get_type_hints(function, localns=NAMESPACE)
    if target.owner is not None:
        function = getattr(_by_type(target.owner), function.__name__)
    chosen = ARGUMENTS.get(key, {})
    args: dict[str, Any] = {}
    positional: list[str] = []
    variadic = None
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is parameter.POSITIONAL_ONLY:
            positional.append(parameter.name)
        if parameter.kind is parameter.VAR_POSITIONAL:
            variadic = parameter.name
            args[parameter.name] = chosen[parameter.name]() if parameter.name in chosen else ()
        elif parameter.name in chosen:
            args[parameter.name] = chosen[parameter.name]()
        elif parameter.default is parameter.empty:
            args[parameter.name] = example(parameter.name, hints.get(parameter.name, Any))
    hints.pop("return", None)
    return Call(function, args, tuple(positional), hints, variadic)


def wrong_values(annotation: Any) -> Iterator[Any]:
    """The wrong-typed values tried: ``object()``, and ``1.5`` for numbers and text."""
    yield object()
    if any(_mentions(annotation, kind) for kind in (Decimal, Money, str)):
        yield 1.5


def _names(error: AccountPlanError, parameter: str) -> bool:
    field = str(getattr(error, "field", ""))
    return field == parameter or field.startswith((f"{parameter}[", f"{parameter}."))


def misuses(key: str) -> list[str]:
    """What goes wrong when each typed parameter of ``key`` gets a wrong-typed value."""
    call = prepare(key)
    try:
        call.run()  # the valid call works
    except MissingDependencyError as error:
        pytest.skip(f"{key} needs an optional extra that is not installed here: {error}")
    problems: list[str] = []
    for parameter, annotation in call.hints.items():
        if annotation is Any or annotation is object:
            continue
        for value in wrong_values(annotation):
            try:
                call.run(**{parameter: value})
            except InvalidTypeError as error:
                if not _names(error, parameter):
                    problems.append(f"{parameter}={value!r}: names {error.field!r}: {error}")
            except Exception as error:
                problems.append(f"{parameter}={value!r}: {type(error).__name__}: {error}")
            else:
                problems.append(f"{parameter}={value!r}: accepted")
    return problems


@pytest.mark.parametrize("key", [k for k in CALLABLES if k not in SKIPPED])
def test_a_wrong_type_raises_invalid_type_error_naming_the_parameter(key: str) -> None:
    """Each typed parameter refuses object() (and 1.5 for numbers and text), naming itself."""
    assert [] == misuses(key)


def test_every_table_entry_names_a_public_callable() -> None:
    """The skip, argument and any-object tables hold no stale names."""
    named = set(SKIPPED) | set(ARGUMENTS)
    # Entries for the modules of an optional extra that is not installed here
    # (frames and dask without pandas or dask) cannot be checked against the walk.
    missing = public_module_names() - {module.__name__ for module in public_modules()}
    installed = {name for name in named if not any(name.startswith(f"{m}.") for m in missing)}
    assert set() == installed - set(CALLABLES)


# -- regressions: the escapes reported by hand, each as first reported ---------


def _raises_type_error(call: Callable[[], Any], field: str) -> InvalidTypeError:
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert field == caught.value.field
    return caught.value


def test_labels_for_refuses_a_non_enum() -> None:
    """``labels_for(3)`` raised a raw TypeError ('int' object is not iterable)."""
    _raises_type_error(lambda: i18n.labels_for(3, locale="en"), "enum_type")  # type: ignore[arg-type]


def test_label_refuses_a_non_member_as_a_wrong_type() -> None:
    """``label("high")`` raised a plain InvalidInputError for a wrong type."""
    _raises_type_error(lambda: i18n.label("high", locale="en"), "member")  # type: ignore[arg-type]


def test_to_json_refuses_a_float() -> None:
    """``to_json(1.5)`` wrote ``1.5``: JSON of accountplan holds no floats."""
    _raises_type_error(lambda: serialization.to_json(1.5), "obj")
    error = _raises_type_error(lambda: serialization.to_json({"rate": [Decimal(1), 0.1]}), "obj")
    assert "$.rate[1]" in str(error)


def test_to_json_refuses_an_unknown_object() -> None:
    """``to_json(object())`` let json's TypeError escape."""
    _raises_type_error(lambda: serialization.to_json(object()), "obj")


def test_to_json_still_writes_models_and_builtins() -> None:
    """Models, and JSON-ready builtins without floats, are written as before."""
    assert '{"amount": "100.00", "currency": "EUR"}' == serialization.to_json(EUR)
    assert '[1, "a", null, true]' == serialization.to_json([1, "a", None, True])


def test_sla_policy_rule_matches_refuses_a_non_ticket() -> None:
    """``SlaPolicyRule.matches("T-1")`` raised AttributeError (or, without conditions, answered)."""
    rule = sla.SlaPolicyRule(policy=demo().plan.sla.default, tiers=["gold"])
    _raises_type_error(lambda: rule.matches("T-1"), "ticket")  # type: ignore[arg-type]
    _raises_type_error(lambda: rule.matches(ticket(), tier=1), "tier")  # type: ignore[arg-type]


def test_select_policy_refuses_a_non_ticket() -> None:
    """``select_policy(policy, "T-1")`` returned the policy (or raised AttributeError for a set)."""
    _raises_type_error(lambda: sla.select_policy(demo().plan.sla, "T-1"), "ticket")  # type: ignore[arg-type]
    _raises_type_error(
        lambda: sla.select_policy(demo().plan.sla.default, "T-1"),  # type: ignore[arg-type]
        "ticket",
    )


def test_status_after_refuses_a_non_event_and_a_non_status() -> None:
    """``status_after("open", "resolved")`` raised AttributeError; a non-str status came back."""
    _raises_type_error(lambda: tickets.status_after("open", "resolved"), "event")  # type: ignore[arg-type]
    _raises_type_error(lambda: tickets.status_after(3, ticket().events[0]), "status")  # type: ignore[arg-type]


def test_status_at_names_its_parameter() -> None:
    """``status_at(ticket, naive)`` named the field ``as_of``; the parameter is ``at``."""
    _raises_type_error(lambda: tickets.status_at(ticket(), "2025-07-04"), "at")  # type: ignore[arg-type]
    with pytest.raises(AccountPlanError) as caught:
        tickets.status_at(ticket(), T0 - dt.timedelta(days=1))
    assert "at" == caught.value.field  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "cap",
    [billing.Cap(percent="10"), billing.Cap(amount=EUR)],
    ids=["percent", "amount"],
)
def test_cap_resolve_refuses_a_non_money(cap: billing.Cap) -> None:
    """``Cap.resolve(Decimal("100"))`` raised AttributeError or a raw TypeError."""
    _raises_type_error(lambda: cap.resolve(Decimal("100")), "principal")  # type: ignore[arg-type]


def test_credit_tier_covers_refuses_a_float_and_text() -> None:
    """``CreditTier.covers(99.5)`` compared a float; ``covers("99.5")`` raised TypeError."""
    tier = CreditTier(at_least="99.0", below="99.9", credit_percent="10")
    _raises_type_error(lambda: tier.covers(99.5), "value")  # type: ignore[arg-type]
    _raises_type_error(lambda: tier.covers("99.5"), "value")  # type: ignore[arg-type]
    assert tier.covers(Decimal("99.5"))


def test_csat_scale_contains_refuses_a_non_int() -> None:
    """``CSAT_FIVE_BEST.contains("4")`` raised a raw TypeError."""
    _raises_type_error(lambda: CSAT_FIVE_BEST.contains("4"), "answer")  # type: ignore[arg-type]
    _raises_type_error(lambda: CSAT_FIVE_BEST.is_satisfied(None), "answer")  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["amount_paid", "amount_due"])
def test_open_item_amounts_refuse_a_non_date(method: str) -> None:
    """``OpenItem.amount_paid("2025-12-31")`` raised TypeError, or with no settlements answered."""
    item = OpenItem.from_invoice(open_invoice())
    _raises_type_error(lambda: getattr(item, method)("2025-12-31"), "day")


def test_early_payment_refuses_a_text_net() -> None:
    """``PaymentTerms.early_payment(2, 10, net="30")`` raised a raw TypeError."""
    _raises_type_error(lambda: PaymentTerms.early_payment(2, 10, net="30"), "net")  # type: ignore[arg-type]


def test_format_date_refuses_a_pattern_for_a_length() -> None:
    """``format_date(d, format="yyyy")`` handed the text to babel as a date pattern."""
    with pytest.raises(AccountPlanError) as caught:
        i18n.format_date(D0, locale="en", format="yyyy")  # type: ignore[arg-type]
    assert "format" == caught.value.field  # type: ignore[attr-defined]
    _raises_type_error(lambda: i18n.format_date(D0, locale="en", format=1), "format")  # type: ignore[arg-type]
    assert "Jul 1, 2025" == i18n.format_date(D0, locale="en")


def test_intervals_checks_its_arguments_when_called() -> None:
    """``cal.intervals(object(), end)`` returned a generator and failed only when iterated."""
    calendar = EXAMPLES[BusinessCalendar]()
    _raises_type_error(lambda: calendar.intervals(object(), T1), "start")


def test_evaluate_many_checks_its_iterable_when_called() -> None:
    """``evaluate_many(3, policy, as_of=...)`` returned a lazy iterator over nothing iterable."""
    policy = demo().plan.sla.default
    _raises_type_error(lambda: sla.evaluate_many(3, policy, as_of=T1), "tickets")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "changes"),
    [("at", {"at": "2026-07-01"}), ("by", {"by": 7}), ("reason", {"reason": 1.5})],
)
def test_start_review_cycle_checks_its_arguments_first(field: str, changes: dict[str, Any]) -> None:
    """A wrong type is named before the run's state is judged (it was: 'review not done')."""
    arguments: dict[str, Any] = {"at": AFTER_RUN, "by": "x", **changes}
    _raises_type_error(lambda: plan.start_review_cycle(demo_run(), **arguments), field)
