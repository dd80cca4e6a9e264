"""Field checks name the field they check, and every argument of many items follows one rule.

Three walks over the public models (``tests/public_api.py``):

- every field with a validator or a converter is given a wrong-typed value and
  must refuse it with an ``InvalidInputError`` whose ``field`` is the attribute's
  name (its alias where it has one), and any value it refuses, for any reason,
  must be named by that field or a part of it (``lines[2]``, ``values['x']``);
- every free-text field (names, descriptions, notes, reasons, plan text) must
  refuse what the wire format refuses: a NUL and the bidirectional override
  U+202E, by the one shared check ``_validate.check_text``.

Then the "many X" arguments of the public functions: any iterable but a string,
bytes or a mapping; the limit counted before the rest is read; a wrong item
named by its position. The regression tests at the end reproduce the misnamed
fields found by the walks.
"""

from __future__ import annotations

import datetime as dt
import itertools
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

from accountplan import serialization
from accountplan._frozen import FrozenMap
from accountplan.accounts import (
    Account,
    AccountStatus,
    AccountType,
    RetentionPolicy,
    ReviewCadence,
    StatusChange,
    due_for_purge,
    index_accounts,
    overdue_reviews,
)
from accountplan.billing import (
    DunningAction,
    DunningLevel,
    DunningPolicy,
    DunningRecord,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    Settlement,
    account_summary,
    aging_report,
    allocate_payments,
    apply_payments,
    dunning_actions,
    open_items,
)
from accountplan.calendars import WorkingInterval
from accountplan.escalation import Condition, RoutingContext
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    RuleSyntaxError,
)
from accountplan.money import Money, currency_precision
from accountplan.plan import CustomerProfile
from accountplan.report import demo_inputs, health_report, statutory_claim
from tests.public_api import apply_field, public_models

D0 = dt.date(2025, 1, 1)
AS_OF = dt.date(2025, 3, 1)
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class _Odd:
    """A value of no type any field takes."""

    def __repr__(self) -> str:
        return "<odd>"


def _name(field: attrs.Attribute[Any]) -> str:
    return field.alias or field.name


def _within(name: str, found: object) -> bool:
    """``found`` is the field ``name`` or a part of it (``name[2]``, ``name.x``)."""
    text = str(found)
    return text == name or text.startswith((f"{name}[", f"{name}."))


# -- every checked field names itself ------------------------------------------------------------

#: Checked fields that take any object at the field level, each with the reason.
#: WorkingInterval: its converter only turns a ``datetime.time`` into text;
#: the type and the clock format are checked in ``__attrs_post_init__``
#: (calendars), which ``test_working_interval_names_its_fields`` covers.
UNCHECKED_BY_FIELD: frozenset[str] = frozenset({"WorkingInterval.start", "WorkingInterval.end"})


def _checked_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    return [
        (cls, field)
        for cls in public_models()
        for field in attrs.fields(cls)
        if field.validator is not None or field.converter is not None
    ]


CHECKED = _checked_fields()
IDS = [f"{cls.__qualname__}.{field.name}" for cls, field in CHECKED]


def test_the_walk_sees_every_package() -> None:
    """The walk finds the checked fields of every input package (a sample)."""
    assert len(CHECKED) > 300
    assert {
        "Account.currency",
        "Contact.email",
        "PostalAddress.country",
        "StatusChange.reason",
        "Invoice.currency",
        "DunningLevel.days",
        "LateFeePolicy.grace_days",
        "DayOfNextMonth.cutoff_days",
        "EscalationLevel.after",
        "EscalationLevel.responsibility",
        "EscalationPolicy.repeats",
        "Finding.path",
        "MonitoringSection.reporting",
        "CustomerProfile.language",
        "Criterion.key",
        "RoutingContext.values",
        "Ticket.channel",
    } <= set(IDS)
    assert UNCHECKED_BY_FIELD <= set(IDS)


@pytest.mark.parametrize(("cls", "field"), CHECKED, ids=IDS)
def test_a_wrong_type_names_the_field(cls: type, field: attrs.Attribute[Any]) -> None:
    """A value of no accepted type is refused, naming the attribute (its alias)."""
    if f"{cls.__qualname__}.{field.name}" in UNCHECKED_BY_FIELD:
        pytest.skip("checked in __attrs_post_init__ (see UNCHECKED_BY_FIELD)")
    with pytest.raises(InvalidInputError) as info:
        apply_field(field, _Odd())
    assert _name(field) == info.value.field


#: Wrong values of many shapes: whatever a field refuses must be named by it.
WRONG_VALUES: tuple[Any, ...] = (
    "",
    " x",
    "x ",
    "\x00",
    "ZZZ",
    "not-a-known-code",
    -1,
    0,
    10**12,
    Decimal("-1"),
    dt.timedelta(days=-1),
    dt.timedelta(0),
    [_Odd()],
    ["", ""],
    {"": _Odd()},
    {"ticket.colour": 1},
)


@pytest.mark.parametrize(("cls", "field"), CHECKED, ids=IDS)
def test_any_refusal_names_the_field(cls: type, field: attrs.Attribute[Any]) -> None:
    """Whatever the reason a field refuses a value, the error names that field."""
    name = _name(field)
    named = []
    for value in WRONG_VALUES:
        try:
            apply_field(field, value)
        except (InvalidInputError, LimitExceededError) as error:
            named.append((value, str(error.field)))
        except RuleSyntaxError:
            pass  # a rule's text: the error carries the position, not a field
    assert [] == [(value, found) for value, found in named if not _within(name, found)]


def test_working_interval_names_its_fields() -> None:
    """The fields the walk leaves out are named all the same, through the constructor."""
    for name in ("start", "end"):
        values = {"start": "09:00", "end": "17:00", name: _Odd()}
        with pytest.raises(InvalidTypeError) as info:
            WorkingInterval(**values)
        assert name == info.value.field


# -- free text refuses what the wire refuses ------------------------------------------------------


def _as_text_shape(hint: Any) -> Callable[[str], Any] | None:
    """How to put one string in a field of type ``hint`` (``None``: not a text field)."""
    if hint in (str, str | None):
        return lambda text: text
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and args and args[0] is str:
        return lambda text: (text,)
    if origin is frozenset and args == (str,):
        return lambda text: frozenset({text})
    if origin is FrozenMap and len(args) == 2 and args[1] is str:
        return lambda text: {"key": text}
    return None


#: Text fields that are not free text: names checked against a fixed schema
#: in ``__attrs_post_init__`` (``test_schema_names_refuse_controls`` covers
#: them) and clock times (calendars, see ``UNCHECKED_BY_FIELD``).
NOT_FREE_TEXT: frozenset[str] = frozenset(
    {"Condition.field", "ConditionCheck.field", "WorkingInterval.start", "WorkingInterval.end"}
)


def _text_fields() -> list[tuple[type, attrs.Attribute[Any], Callable[[str], Any]]]:
    found = []
    for cls in public_models():
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            shape = _as_text_shape(hints[field.name])
            if shape is None or (field.validator is None and field.converter is None):
                continue
            if f"{cls.__qualname__}.{field.name}" not in NOT_FREE_TEXT:
                found.append((cls, field, shape))
    return found


TEXT_FIELDS = _text_fields()
TEXT_IDS = [f"{cls.__qualname__}.{field.name}" for cls, field, _ in TEXT_FIELDS]


def test_the_free_text_list_is_complete() -> None:
    """Names, descriptions, notes, reasons and plan text of every package are found."""
    assert {
        "Account.name",
        "Contact.role",
        "PostalAddress.region",
        "StatusChange.reason",
        "LifecycleDecision.reason",
        "CreditNote.reason",
        "DunningLevel.message",
        "FlatFee.label",
        "RateTable.description",
        "PaymentTerms.name",
        "EscalationLevel.responsibility",
        "EscalationPolicy.name",
        "EscalationRecord.reason",
        "ProcessStep.description",
        "StepState.notes",
        "GateState.comment",
        "CustomerProfile.attributes",
        "Criterion.statement",
        "TicketEvent.actor",
    } <= set(TEXT_IDS)


@pytest.mark.parametrize(("cls", "field", "shape"), TEXT_FIELDS, ids=TEXT_IDS)
@pytest.mark.parametrize("bad", ["A\u202eB", "A\x00B"], ids=["U+202E", "U+0000"])
def test_free_text_refuses_what_the_wire_refuses(
    cls: type, field: attrs.Attribute[Any], shape: Callable[[str], Any], bad: str
) -> None:
    """A bidi override or a NUL is refused in every text field, naming the field."""
    with pytest.raises(InvalidInputError) as info:
        apply_field(field, shape(bad))
    assert _within(_name(field), info.value.field)
    try:
        apply_field(field, shape("Two words"))
    except InvalidInputError:
        return  # a code or a key (a currency, a zone, a step key): refused by its format

    assert "contains a" in str(info.value)  # free text: refused by the shared check


def test_schema_names_refuse_controls() -> None:
    """The text fields left out above refuse the same characters through the constructor."""
    for bad in ("prio\u202erity", "prio\x00rity"):
        with pytest.raises(InvalidInputError):
            Condition(field=bad, op="==", value=1)
        with pytest.raises(InvalidInputError):
            WorkingInterval(start=bad, end="17:00")


def _account(**changes: Any) -> Account:
    values: dict[str, Any] = {
        "number": "A-1",
        "name": "Acme BV",
        "type": AccountType.BUSINESS,
        "status": AccountStatus.ACTIVE,
        "currency": "EUR",
        "timezone": "Europe/Amsterdam",
        "locale": "nl_NL",
    }
    values.update(changes)
    return Account(**values)


def test_account_name_with_a_bidi_override_is_refused_everywhere() -> None:
    """``Account(name="A\\u202eB")`` was built and written to JSON; now neither way takes it.

    Construction and the wire agree by refusing: the text renderer dropped the
    override, so the stored name and the shown name differed.
    """
    with pytest.raises(InvalidInputError) as built:
        _account(name="A\u202eB")
    assert ("name", "A\u202eB") == (built.value.field, built.value.value)
    text = serialization.to_json(_account()).replace('"Acme BV"', '"A\\u202eB"')
    with pytest.raises(InvalidInputError, match=r"\$\.name"):
        serialization.from_json(text, Account)


def test_line_breaks_and_tabs_stay_allowed_in_notes() -> None:
    """A pasted note keeps its line breaks and tabs, and round-trips through JSON."""
    change = StatusChange(
        at=T0,
        from_status=AccountStatus.PENDING,
        to_status=AccountStatus.ACTIVE,
        reason="signed:\n\tcontract 7",
    )
    account = _account(history=[change], opened=dt.date(2026, 3, 1))
    back = serialization.from_json(serialization.to_json(account), Account)
    assert "signed:\n\tcontract 7" == back.history[0].reason


def test_account_names_stay_single_line() -> None:
    """Names refuse line breaks and tabs as before (the shared rule allows them in notes)."""
    with pytest.raises(InvalidInputError, match="must not contain control characters"):
        _account(name="Acme\nBV")


# -- many items: one rule for every argument -----------------------------------------------------


def _invoice(number: str = "INV-1") -> Invoice:
    return Invoice(
        number=number,
        account_number="A-1",
        status=InvoiceStatus.OPEN,
        issue_date=D0,
        due_date=dt.date(2025, 1, 31),
        currency="EUR",
        lines=[
            InvoiceLine(
                description="Plan", unit_price=Money(amount=100, currency="EUR"), tax_rate=21
            )
        ],
    )


def _payment() -> Payment:
    return Payment(reference="P-1", amount=Money(amount="10.00", currency="EUR"), received_on=D0)


def _ladder() -> DunningPolicy:
    return DunningPolicy(
        levels=[DunningLevel(name="friendly", days=7, action=DunningAction.REMINDER)]
    )


def _health(**arguments: Any) -> Any:
    inputs = demo_inputs()
    given: dict[str, Any] = {"invoices": (), "payments": (), "tickets": ()}
    given.update(arguments)
    return health_report(inputs.plan, as_of=dt.date(2026, 6, 30), **given)


#: name: (call with the argument, argument name, a valid item, module and name of its limit).
SEQUENCE_ARGUMENTS: dict[str, tuple[Callable[[Any], Any], str, Callable[[], Any], str]] = {
    "apply_payments.invoices": (
        lambda v: apply_payments(v, [], as_of=AS_OF),
        "invoices",
        _invoice,
        "accountplan.billing._settle.MAX_ALLOCATION_ITEMS",
    ),
    "apply_payments.payments": (
        lambda v: apply_payments([_invoice()], v, as_of=AS_OF),
        "payments",
        _payment,
        "accountplan.billing._settle.MAX_ALLOCATION_ITEMS",
    ),
    "allocate_payments.invoices": (
        lambda v: allocate_payments(v, []),
        "invoices",
        _invoice,
        "accountplan.billing._allocation.MAX_ALLOCATION_ITEMS",
    ),
    "allocate_payments.payments": (
        lambda v: allocate_payments([_invoice()], v),
        "payments",
        _payment,
        "accountplan.billing._allocation.MAX_ALLOCATION_ITEMS",
    ),
    "open_items.payments": (
        lambda v: open_items([_invoice()], v, as_of=AS_OF),
        "payments",
        _payment,
        "accountplan.billing._allocation.MAX_ALLOCATION_ITEMS",
    ),
    "account_summary.payments": (
        lambda v: account_summary("A-1", [_invoice()], v, as_of=AS_OF),
        "payments",
        _payment,
        "accountplan.billing._allocation.MAX_ALLOCATION_ITEMS",
    ),
    "aging_report.items": (
        lambda v: aging_report(v, as_of=AS_OF),
        "items",
        _invoice,
        "accountplan.billing._aging.MAX_AGING_ITEMS",
    ),
    "health_report.invoices": (
        lambda v: _health(invoices=v),
        "invoices",
        lambda: demo_inputs().invoices[0],
        "accountplan.report._build.MAX_INVOICES",
    ),
    "health_report.payments": (
        lambda v: _health(payments=v),
        "payments",
        _payment,
        "accountplan.report._build.MAX_PAYMENTS",
    ),
    "index_accounts.accounts": (
        index_accounts,
        "accounts",
        _account,
        "accountplan.accounts._account.MAX_ACCOUNTS",
    ),
    "due_for_purge.accounts": (
        lambda v: due_for_purge(v, as_of=AS_OF, policy=RetentionPolicy(years=7)),
        "accounts",
        _account,
        "accountplan.accounts._maintenance.MAX_ITEMS",
    ),
    "overdue_reviews.done": (
        lambda v: overdue_reviews(
            ReviewCadence.MONTHLY, start=dt.date(2024, 1, 1), as_of=AS_OF, done=v
        ),
        "done",
        lambda: dt.date(2024, 6, 1),
        "accountplan.accounts._maintenance.MAX_ITEMS",
    ),
    "statutory_claim.settlements": (
        lambda v: statutory_claim(
            Money(amount="1000.00", currency="EUR"),
            due=D0,
            as_of=AS_OF,
            regime="nl_commercial",
            settlements=v,
        ),
        "settlements",
        lambda: Settlement(settled_on=dt.date(2025, 2, 1), amount=Money(amount=1, currency="EUR")),
        "accountplan.report._build.MAX_SETTLEMENTS",
    ),
    "dunning_actions.history": (
        lambda v: dunning_actions("A-1", [_invoice()], as_of=AS_OF, policy=_ladder(), history=v),
        "history",
        lambda: DunningRecord(invoice="INV-1", level="friendly", on=dt.date(2025, 2, 1)),
        "accountplan.billing._dunning.MAX_HISTORY",
    ),
}
SEQ_IDS = list(SEQUENCE_ARGUMENTS)


@pytest.mark.parametrize("case", SEQ_IDS)
@pytest.mark.parametrize("value", ["abc", b"abc", {"a": 1}, 5], ids=["str", "bytes", "dict", "int"])
def test_strings_mappings_and_scalars_are_refused(case: str, value: Any) -> None:
    """Not a sequence: the argument is named, whatever its items would have been."""
    call, name, _item, _limit = SEQUENCE_ARGUMENTS[case]
    with pytest.raises(InvalidTypeError) as info:
        call(value)
    assert name == info.value.field
    assert "must be a sequence of" in str(info.value)


@pytest.mark.parametrize("case", SEQ_IDS)
def test_a_wrong_item_is_named_by_its_position(case: str) -> None:
    """The second item is of no accepted type: ``name[1]`` says which."""
    call, name, item, _limit = SEQUENCE_ARGUMENTS[case]
    with pytest.raises(InvalidTypeError) as info:
        call([item(), _Odd()])
    assert f"{name}[1]" == info.value.field


@pytest.mark.parametrize("case", SEQ_IDS)
def test_any_iterable_is_taken(case: str) -> None:
    """A generator is as good as a list."""
    call, _name, item, _limit = SEQUENCE_ARGUMENTS[case]
    assert call(iter([item()])) is not None


@pytest.mark.parametrize("case", SEQ_IDS)
def test_the_limit_is_counted_before_the_rest_is_read(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An endless iterator is read only one item past the limit, then refused."""
    call, name, item, limit = SEQUENCE_ARGUMENTS[case]
    module, constant = limit.rsplit(".", 1)
    monkeypatch.setattr(module + "." + constant, 3)
    taken = itertools.count()

    def endless() -> Iterator[Any]:
        value = item()
        while True:
            next(taken)
            yield value

    with pytest.raises(LimitExceededError) as info:
        call(endless())
    assert name == info.value.field
    assert "has more than 3 items" in str(info.value)
    assert 4 == next(taken)


# -- regressions: fields that named another ------------------------------------------------------


def test_invoice_currency_is_named_currency() -> None:
    """``Invoice(currency=3)`` named the field ``code`` (the parameter of currency_precision)."""
    cases: tuple[tuple[Any, type[InvalidInputError]], ...] = (
        (3, InvalidTypeError),
        ("ABC", InvalidInputError),
    )
    for value, error in cases:
        with pytest.raises(error) as info:
            attrs.evolve(_invoice(), currency=value)
        assert ("currency", value) == (info.value.field, info.value.value)


def test_currency_precision_names_its_parameter() -> None:
    """``currency_precision("ABC")`` named ``currency``; its parameter is ``code``."""
    with pytest.raises(InvalidInputError) as info:
        currency_precision("ABC")
    assert ("code", "ABC") == (info.value.field, info.value.value)
    assert str(info.value).startswith("'code' must be an ISO 4217 currency code")
    with pytest.raises(InvalidTypeError) as wrong:
        currency_precision(3)  # type: ignore[arg-type]
    assert "code" == wrong.value.field


def test_customer_profile_language_is_named_language() -> None:
    """``CustomerProfile(language=...)`` named ``profile.language``, a path it does not know."""
    with pytest.raises(InvalidInputError) as info:
        CustomerProfile(location="NL", segment="SMB", language="xx-nowhere")
    assert "language" == info.value.field


def test_routing_context_values_are_named_values() -> None:
    """An unknown key of ``RoutingContext.values`` was named ``field``, a wrong value by its key."""
    with pytest.raises(InvalidInputError) as info:
        RoutingContext(as_of=T0, values={"ticket.colour": "red"})
    assert ("values", "ticket.colour") == (info.value.field, info.value.value)
    with pytest.raises(InvalidInputError) as wrong:
        RoutingContext(as_of=T0, values={"ticket.tags": "vip"})
    assert "values['ticket.tags']" == wrong.value.field


def test_account_summary_names_the_position_of_a_wrong_payment() -> None:
    """A wrong payment or credit note was named ``payments``, without its position."""
    with pytest.raises(InvalidTypeError) as info:
        account_summary("A-1", [_invoice()], [_payment(), _Odd()], as_of=AS_OF)  # type: ignore[list-item]
    assert "payments[1]" == info.value.field
    with pytest.raises(InvalidTypeError) as note:
        account_summary(
            "A-1",
            [_invoice()],
            [],
            as_of=AS_OF,
            credit_notes=[_Odd()],  # type: ignore[list-item]
        )
    assert "credit_notes[0]" == note.value.field


def test_open_items_checks_the_payments() -> None:
    """A wrong payment reached ``open_items`` unchecked (an AttributeError escaped)."""
    with pytest.raises(InvalidTypeError) as info:
        open_items([_invoice()], [_Odd()], as_of=AS_OF)  # type: ignore[list-item]
    assert "payments[0]" == info.value.field


def test_statutory_claim_checks_the_settlements() -> None:
    """A wrong settlement reached the claim unchecked (an AttributeError escaped)."""
    with pytest.raises(InvalidTypeError) as info:
        statutory_claim(
            Money(amount="1000.00", currency="EUR"),
            due=D0,
            as_of=AS_OF,
            regime="nl_commercial",
            settlements=[_Odd()],  # type: ignore[list-item]
        )
    assert "settlements[0]" == info.value.field
