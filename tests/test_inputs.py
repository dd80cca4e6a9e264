"""The same input rules everywhere: enum fields and arguments.

Every enum-typed public field and argument takes the member or its value
string and refuses anything else, naming the field and listing the allowed
values. The field list is found from the public models' type hints, so a new
enum field without the shared converter fails here.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from accountplan.accounts import RuleOutcome
from accountplan.billing import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    allowed_transitions,
    is_owed,
    transition,
)
from accountplan.escalation import Condition, Impact, PriorityMatrix, Urgency, priority_of
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.maturity import Answer, MaturityLevel, assess, customer_account_management
from accountplan.money import Money
from accountplan.sla import SlaPolicy, SlaPolicyRule, SlaState, SlaTarget
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
from tests.public_api import public_models

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOT_A_VALUE = "no-such-value"


def _enum_of(hint: Any) -> tuple[type[enum.Enum], bool] | None:
    """The enum a field is typed with, and whether ``None`` is allowed."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
    else:
        args = (hint,)
    found = [a for a in args if isinstance(a, type) and issubclass(a, enum.Enum)]
    if len(found) != 1:
        return None
    return found[0], type(None) in args


def _enum_fields() -> list[tuple[type, attrs.Attribute[Any], type[enum.Enum], bool]]:
    fields = []
    for cls in public_models():
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            typed = _enum_of(hints[field.name])
            if typed is not None:
                fields.append((cls, field, *typed))
    return fields


ENUM_FIELDS = _enum_fields()
FIELD_IDS = [f"{cls.__qualname__}.{field.name}" for cls, field, _, _ in ENUM_FIELDS]


def test_the_field_list_is_complete() -> None:
    """The discovery finds the enum fields of every package (a sample of them)."""
    assert {
        "Ticket.priority",
        "TicketEvent.kind",
        "TicketEvent.priority",
        "Payment.payment_method",
        "Invoice.status",
        "Invoice.payment_method",
        "DunningLevel.action",
        "SlaMeasurement.state",
        "RuleEvaluation.outcome",
        "KpiTarget.kpi",
        "Criterion.level",
        "EscalationLevel.kind",
        "Channel.kind",
        "StepState.status",
    } <= set(FIELD_IDS)


def _convert(field: attrs.Attribute[Any], value: Any) -> Any:
    converter = field.converter
    assert isinstance(converter, attrs.Converter), "an enum field uses enum_converter"
    return converter.converter(value, field)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("cls", "field", "enum_type", "optional"), ENUM_FIELDS, ids=FIELD_IDS)
def test_enum_field_takes_member_or_value(
    cls: type, field: attrs.Attribute[Any], enum_type: type[enum.Enum], optional: bool
) -> None:
    """Every enum field: member or value string in, member out; others refused with the list."""
    name = field.alias or field.name
    for member in enum_type:
        assert member is _convert(field, member)
        assert member is _convert(field, member.value)
    allowed = ", ".join(repr(m.value) for m in enum_type)
    with pytest.raises(InvalidInputError) as info:
        _convert(field, NOT_A_VALUE)
    assert (name, NOT_A_VALUE) == (info.value.field, info.value.value)
    assert f"must be one of {allowed}" in str(info.value)
    with pytest.raises(InvalidTypeError) as type_info:
        _convert(field, 12345)
    assert name == type_info.value.field
    if optional:
        assert _convert(field, None) is None
    else:
        with pytest.raises(InvalidTypeError):
            _convert(field, None)


# -- the same rule through constructors and functions -------------------------


def _invoice(**changes: Any) -> Invoice:
    fields: dict[str, Any] = {
        "number": "INV-1",
        "account_number": "A-1",
        "issue_date": dt.date(2026, 1, 1),
        "due_date": dt.date(2026, 1, 31),
        "currency": "EUR",
    }
    return Invoice(**(fields | changes))


def _payment(method: Any) -> Payment:
    return Payment(
        reference="PAY-1",
        amount=Money(amount="1.00", currency="EUR"),
        received_on=dt.date(2026, 1, 1),
        payment_method=method,
    )


def _first_response() -> SlaTarget:
    return SlaTarget(metric="first_response", within=dt.timedelta(hours=1), business_hours=False)


_MODEL = customer_account_management()
_DIMENSION = _MODEL.dimensions[0]
_CRITERION = _DIMENSION.criteria[0].key

#: (call with a value, the field named in errors, the member the good value gives)
CALLS: dict[str, tuple[Callable[[Any], Any], str, enum.Enum]] = {
    "Ticket(priority=)": (
        lambda v: Ticket(id="T-1", account_number="A-1", priority=v, created_at=T0).priority,
        "priority",
        Priority.HIGH,
    ),
    "TicketEvent(kind=)": (
        lambda v: TicketEvent(at=T0, kind=v).kind,
        "kind",
        TicketEventKind.AGENT_REPLY,
    ),
    "Payment(payment_method=)": (
        lambda v: _payment(v).payment_method,
        "payment_method",
        PaymentMethod.CARD,
    ),
    "Invoice(status=)": (lambda v: _invoice(status=v).status, "status", InvoiceStatus.OPEN),
    "transition(invoice, to)": (
        lambda v: transition(_invoice(), v).status,
        "to",
        InvoiceStatus.OPEN,
    ),
    "allowed_transitions(status)": (
        lambda v: InvoiceStatus.OPEN if allowed_transitions(v) else None,
        "status",
        InvoiceStatus.OPEN,
    ),
    "is_owed(status)": (
        lambda v: InvoiceStatus.OPEN if is_owed(v) else None,
        "status",
        InvoiceStatus.OPEN,
    ),
    "SlaPolicy(targets_by_priority=) keys": (
        lambda v: next(
            iter(
                SlaPolicy(
                    name="P", targets_by_priority={v: [_first_response()]}
                ).targets_by_priority
            )
        ),
        "targets_by_priority",
        Priority.HIGH,
    ),
    "SlaPolicy.target(priority)": (
        lambda v: (
            Priority.HIGH
            if SlaPolicy(name="P", targets_by_priority={Priority.HIGH: [_first_response()]}).target(
                v, "first_response"
            )
            else None
        ),
        "priority",
        Priority.HIGH,
    ),
    "SlaPolicyRule(priorities=)": (
        lambda v: next(
            iter(
                SlaPolicyRule(
                    policy=SlaPolicy(name="P", targets_by_priority={}), priorities=[v]
                ).priorities
            )
        ),
        "priorities",
        Priority.LOW,
    ),
    "priority_of(impact, _)": (
        lambda v: Impact.HIGH if priority_of(v, Urgency.HIGH) is Priority.CRITICAL else None,
        "impact",
        Impact.HIGH,
    ),
    "priority_of(_, urgency)": (
        lambda v: Urgency.HIGH if priority_of(Impact.HIGH, v) is Priority.CRITICAL else None,
        "urgency",
        Urgency.HIGH,
    ),
    "PriorityMatrix(impacts=)": (
        lambda v: PriorityMatrix(
            impacts=[v, Impact.LOW],
            urgencies=[Urgency.HIGH, Urgency.LOW],
            priorities=[["critical", "high"], ["moderate", "low"]],
        ).impacts[0],
        "impacts",
        Impact.HIGH,
    ),
    "PriorityMatrix(priorities=) cells": (
        lambda v: PriorityMatrix(
            impacts=[Impact.HIGH, Impact.LOW],
            urgencies=[Urgency.HIGH, Urgency.LOW],
            priorities=[[v, "high"], ["moderate", "low"]],
        ).priorities[0][0],
        "priorities[0][0]",
        Priority.CRITICAL,
    ),
    "Dimension.criteria_at(level)": (
        lambda v: MaturityLevel.AD_HOC if _DIMENSION.criteria_at(v) else None,
        "level",
        MaturityLevel.AD_HOC,
    ),
    "Dimension.text_for(level)": (
        lambda v: MaturityLevel.AD_HOC if _DIMENSION.text_for(v) else None,
        "level",
        MaturityLevel.AD_HOC,
    ),
    "assess(model, answers) values": (
        lambda v: assess(_MODEL, {_CRITERION: v}).dimensions[0].results[0].answer,
        f"answers[{_CRITERION!r}]",
        Answer.YES,
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_member_and_value_string_are_the_same(name: str) -> None:
    """The member and its value string give the same result."""
    call, _, member = CALLS[name]
    assert member is call(member)
    assert member is call(member.value)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_anything_else_is_refused_with_the_allowed_values(name: str) -> None:
    """A wrong string names the field and lists every allowed value."""
    call, field, member = CALLS[name]
    allowed = ", ".join(repr(m.value) for m in type(member))
    with pytest.raises(InvalidInputError) as info:
        call(NOT_A_VALUE)
    assert field == info.value.field
    assert f"must be one of {allowed}" in str(info.value)


def test_a_priority_named_twice_is_refused() -> None:
    """``{Priority.HIGH: ..., "high": ...}`` names one priority twice: refused, not merged."""
    with pytest.raises(InvalidInputError, match="names 'high' more than once"):
        SlaPolicy(
            name="P",
            targets_by_priority={Priority.HIGH: [_first_response()], "high": [_first_response()]},
        )


@pytest.mark.parametrize(
    ("member", "value"),
    [(SlaState.MET, "met"), (SlaState.BREACHED, "breached"), (RuleOutcome.FIRED, "fired")],
)
def test_read_states_are_enums_equal_to_their_wire_value(member: enum.StrEnum, value: str) -> None:
    """SLA states and rule outcomes are enums that still compare equal to their strings."""
    assert value == member
    assert member is type(member)(value)


def test_escalation_errors_preview_huge_values() -> None:
    """Regression: escalation's own preview called ``repr`` on the value, which raises
    ``ValueError`` for an int of more than 4,300 digits; errors now keep the value and
    show it through ``exceptions.preview``."""
    huge = 10**5000
    with pytest.raises(InvalidInputError) as info:
        Condition(field="ticket.priority", op=huge, value=1)  # type: ignore[arg-type]
    assert info.value.field == "op"
    assert info.value.value == huge
    assert "<int of 5,001 digits>" in str(info.value)
