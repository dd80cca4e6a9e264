"""The shared collection checks (tuple_of, set_of, mapping_of) and the identifier rule.

The collection checks are tested against a plain loop written out here (the
obvious reading of the rule: type, size, items in order, then uniqueness), and
through the public models that use them. The identifier test enumerates the
identifier fields of every public model, as tests/test_inputs.py does for enums,
so a new model whose ``account_number`` takes ``" A-1"`` fails here.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan._frozen import FrozenMap
from accountplan._validate import (
    check_items,
    check_mapping,
    check_non_empty,
    empty_or,
    mapping_of,
    non_empty,
    set_of,
    tuple_of,
)
from accountplan.billing import Invoice, InvoiceLine, OpenItem, Payment
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.tickets import MAX_TICKET_EVENTS, Priority, Ticket, TicketEvent
from tests.public_api import apply_field, public_models

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen
class Box:
    """A model using each of the three converters."""

    sizes: tuple[int, ...] = attrs.field(
        default=(),
        converter=tuple_of(int, limit=3, unique_by=True),  # type: ignore[misc]  # attrs.Converter
    )
    colours: frozenset[Colour] = attrs.field(
        default=frozenset(),
        converter=set_of(Colour, limit=3),  # type: ignore[misc]  # attrs.Converter
    )
    weights: FrozenMap[str, int] = attrs.field(
        default=FrozenMap(),
        converter=mapping_of(check_non_empty, int, limit=2),  # type: ignore[misc]  # attrs.Converter
    )


def _refusal(error: BaseException) -> tuple[type, str, Any, str]:
    assert isinstance(error, InvalidInputError | LimitExceededError)
    return type(error), error.field, error.value, str(error)


# -- the converters ---------------------------------------------------------------


def test_a_sequence_becomes_a_tuple_and_keeps_its_order() -> None:
    """Lists, tuples, generators and ranges all become tuples, items in order."""
    assert (3, 1) == Box(sizes=[3, 1]).sizes
    assert (3, 1) == Box(sizes=(n for n in (3, 1))).sizes
    assert (0, 1, 2) == Box(sizes=range(3)).sizes


@pytest.mark.parametrize("value", ["12", b"12", bytearray(b"12"), {1: 2}, 12, None])
def test_strings_bytes_mappings_and_scalars_are_not_sequences(value: Any) -> None:
    """``"12"`` is not a sequence of two items: refused naming the field and the value."""
    with pytest.raises(InvalidTypeError) as info:
        Box(sizes=value)
    assert ("sizes", value) == (info.value.field, info.value.value)
    assert str(info.value).startswith("'sizes' must be a sequence of int (got ")


def test_the_limit_is_checked_before_any_item() -> None:
    """Four items over a limit of three: LimitExceededError, even when an item is also bad."""
    with pytest.raises(LimitExceededError) as info:
        Box(sizes=[1, 2, 3, "x"])
    assert (LimitExceededError, "sizes", 4, "'sizes' exceeds the limit of 3 (got 4)") == _refusal(
        info.value
    )
    assert 3 == info.value.limit


def test_an_endless_iterator_is_read_only_up_to_the_limit() -> None:
    """At most ``limit + 1`` items are taken: an endless generator costs four reads."""
    taken: list[int] = []

    def endless() -> Iterator[int]:
        for n in itertools.count():
            taken.append(n)
            yield n

    with pytest.raises(LimitExceededError) as info:
        Box(sizes=endless())
    assert "'sizes' has more than 3 items (got 4)" == str(info.value)
    assert [0, 1, 2, 3] == taken


def test_a_huge_range_is_not_materialised() -> None:
    """``range(10**9)`` is refused after four items are read (no billion-item tuple)."""
    with pytest.raises(LimitExceededError) as info:
        Box(sizes=range(10**9))
    assert "'sizes' has more than 3 items (got 4)" == str(info.value)


def test_a_bad_item_is_named_by_its_position() -> None:
    """The error names ``field[index]`` and the item; a bool is not an int."""
    with pytest.raises(InvalidTypeError) as info:
        Box(sizes=[1, True])
    assert (InvalidTypeError, "sizes[1]", True, "'sizes[1]' must be int (got True)") == _refusal(
        info.value
    )


def test_a_repeated_item_names_both_positions() -> None:
    """``unique_by=True``: the second occurrence is refused, pointing at the first."""
    with pytest.raises(InvalidInputError) as info:
        Box(sizes=[7, 8, 7])
    assert (
        InvalidInputError,
        "sizes[2]",
        7,
        "'sizes[2]' repeats sizes[0] (got 7)",
    ) == _refusal(info.value)


def test_enum_items_take_members_or_values() -> None:
    """An Enum item type converts value strings, as enum fields do."""
    assert frozenset({Colour.RED, Colour.BLUE}) == Box(colours=["red", Colour.BLUE, "red"]).colours
    with pytest.raises(InvalidInputError) as info:
        Box(colours=["green"])
    assert ("colours", "green") == (info.value.field, info.value.value)
    assert "'colours' must be one of 'red', 'blue' (got 'green')" == str(info.value)


def test_a_set_is_not_a_string() -> None:
    """``set_of`` refuses a string with ``must be a set of``."""
    with pytest.raises(InvalidTypeError, match="'colours' must be a set of Colour"):
        Box(colours="red")


def test_mappings_check_keys_values_and_size() -> None:
    """Keys under the field's name, values under ``field['key']``, size first."""
    assert {"a": 1} == dict(Box(weights={"a": 1}).weights)
    with pytest.raises(InvalidTypeError) as info:
        Box(weights=[("a", 1)])
    assert "'weights' must be a mapping of valid items to int (got [('a', 1)])" == str(info.value)
    with pytest.raises(InvalidInputError) as bad_key:
        Box(weights={" a": 1})
    assert ("weights", " a") == (bad_key.value.field, bad_key.value.value)
    with pytest.raises(InvalidTypeError) as bad_value:
        Box(weights={"a": "1"})
    assert ("weights['a']", "1") == (bad_value.value.field, bad_value.value.value)
    with pytest.raises(LimitExceededError):
        Box(weights={"a": 1, "b": 2, "c": 3})


def test_two_keys_naming_one_member_are_refused() -> None:
    """``{Colour.RED: 1, "red": 2}`` names one key twice: refused, not merged."""
    with pytest.raises(InvalidInputError) as info:
        check_mapping("counts", {Colour.RED: 1, "red": 2}, Colour, int, limit=5)
    assert "'counts' names 'red' more than once (got 'red')" == str(info.value)


def test_nested_checks_name_the_full_path() -> None:
    """A partial of check_items as the item check gives ``field[i][j]``."""
    row = functools.partial(check_items, item=int, limit=2)
    with pytest.raises(InvalidTypeError) as info:
        check_items("rows", [[1, 2], [3, "x"]], row, limit=2)
    assert ("rows[1][1]", "x") == (info.value.field, info.value.value)


def _reference(value: Any, limit: int) -> tuple[Any, ...]:
    """The rule written out: type, size, items in order (the obvious loop)."""
    if isinstance(value, str | bytes | dict):
        raise InvalidTypeError("xs", value, "not a sequence")
    items = list(value)
    if len(items) > limit:
        raise LimitExceededError("xs", len(items), limit)
    for index, item in enumerate(items):
        if type(item) is not int:
            raise InvalidTypeError(f"xs[{index}]", item, "must be int")
    return tuple(items)


@given(
    value=st.lists(st.one_of(st.integers(), st.booleans(), st.text(max_size=2)), max_size=8),
    limit=st.integers(0, 6),
)
def test_check_items_agrees_with_the_written_out_loop(value: list[Any], limit: int) -> None:
    """Accepted or refused alike, with the same class and field, on random lists."""
    try:
        expected: Any = _reference(value, limit)
    except (InvalidInputError, LimitExceededError) as error:
        expected = (type(error), error.field)
    try:
        actual: Any = check_items("xs", value, int, limit=limit)
    except (InvalidInputError, LimitExceededError) as error:
        actual = (type(error), error.field)
    assert expected == actual


# -- through the models -------------------------------------------------------------


def test_ticket_events_are_checked_with_their_position() -> None:
    """A ticket's events: positions in errors, the limit before the items."""
    reply = TicketEvent(at=T0, kind="agent_reply")
    with pytest.raises(InvalidTypeError) as info:
        Ticket(id="T-1", account_number="A-1", priority="low", created_at=T0, events=[reply, "x"])
    assert ("events[1]", "x") == (info.value.field, info.value.value)
    with pytest.raises(LimitExceededError) as limit:
        Ticket(
            id="T-1",
            account_number="A-1",
            priority=Priority.LOW,
            created_at=T0,
            events=itertools.repeat(reply),
        )
    assert "events" == limit.value.field
    assert MAX_TICKET_EVENTS == limit.value.limit


def test_invoice_lines_refuse_a_string() -> None:
    """``lines="x"`` is one mistake, named once; not a sequence of one-character lines."""
    with pytest.raises(InvalidTypeError) as info:
        Invoice(
            number="INV-1",
            account_number="A-1",
            issue_date=dt.date(2026, 1, 1),
            due_date=dt.date(2026, 1, 31),
            currency="EUR",
            lines="x",
        )
    assert "'lines' must be a sequence of InvoiceLine (got 'x')" == str(info.value)
    line = InvoiceLine(description="Plan", unit_price=Money(amount=1, currency="EUR"))
    assert (line,) == attrs.evolve(_invoice(), lines=iter([line])).lines


def _invoice() -> Invoice:
    return Invoice(
        number="INV-1",
        account_number="A-1",
        issue_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 1, 31),
        currency="EUR",
    )


# -- identifiers: surrounding whitespace is refused everywhere -----------------------

#: Field names that hold an identifier.
IDENTIFIER_NAMES = frozenset(
    {"id", "number", "account_number", "reference", "ticket_id", "invoice", "key"}
)

#: Results the library assembles from inputs it has already checked: their
#: identifier fields are plain attributes, not checked a second time.
UNCHECKED_RESULTS = frozenset(
    {
        "AccountSummary",
        "AgingLine",
        "AgingRow",
        "Allocation",
        "CriterionResult",
        "DimensionAssessment",
        "DunningResult",
        "DunningStep",
        "EscalationItem",
        "GateState",
        "ItemProgress",
        "LedgerEntry",
        "PortfolioRow",
        "SlaMeasurement",
        "StatutoryClaim",
        "StepState",
    }
)


def _identifier_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    found = []
    for cls in public_models():
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if field.name in IDENTIFIER_NAMES and hints[field.name] in (str, str | None):
                found.append((cls, field))
    return found


IDENTIFIER_FIELDS = _identifier_fields()
CHECKED = [(c, f) for c, f in IDENTIFIER_FIELDS if c.__qualname__ not in UNCHECKED_RESULTS]
IDS = [f"{cls.__qualname__}.{field.name}" for cls, field in CHECKED]


def test_the_identifier_list_is_complete() -> None:
    """The discovery finds identifiers of every input package (a sample of them)."""
    assert {
        "Ticket.id",
        "Ticket.account_number",
        "Invoice.number",
        "Invoice.account_number",
        "OpenItem.number",
        "OpenItem.account_number",
        "Payment.reference",
        "Payment.account_number",
        "CreditNote.invoice",
        "Account.number",
        "EscalationRecord.ticket_id",
        "ProcessStep.key",
        "Criterion.key",
        "LifecycleDecision.account_number",
    } <= set(IDS)


def test_unchecked_results_are_really_unchecked() -> None:
    """Every model exempted above exists and checks none of its identifier fields."""
    exempted = [(c, f) for c, f in IDENTIFIER_FIELDS if c.__qualname__ in UNCHECKED_RESULTS]
    assert UNCHECKED_RESULTS == {cls.__qualname__ for cls, _ in exempted}
    for cls, field in exempted:
        assert (None, None) == (field.validator, field.converter), cls.__qualname__


@pytest.mark.parametrize(("cls", "field"), CHECKED, ids=IDS)
def test_identifiers_refuse_surrounding_whitespace(cls: type, field: attrs.Attribute[Any]) -> None:
    """``" A-1"``, ``"A-1 "`` and ``"A-1\\n"`` are refused naming the field; ``A-1`` passes."""
    name = field.alias or field.name
    apply_field(field, "A-1")
    for bad in (" A-1", "A-1 ", "A-1\n"):
        with pytest.raises(InvalidInputError) as info:
            apply_field(field, bad)
        assert (name, bad) == (info.value.field, info.value.value)


def test_an_unknown_account_number_may_stay_empty() -> None:
    """An open item's or a payment's account may be unknown (``""``), never `` A-1``."""
    item = OpenItem(
        number="INV-1",
        issue_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 1, 31),
        total=Money(amount=1, currency="EUR"),
    )
    assert "" == item.account_number
    with pytest.raises(InvalidInputError) as info:
        Payment(
            reference="P-1",
            amount=Money(amount=1, currency="EUR"),
            received_on=dt.date(2026, 1, 1),
            account_number=" A-1",
        )
    assert "'account_number' must not start or end with whitespace (got ' A-1')" == str(info.value)


def test_empty_or_still_checks_the_type() -> None:
    """``empty_or`` lets only the empty string through: other values meet the validator."""
    field = attrs.fields(OpenItem).account_number
    with pytest.raises(InvalidTypeError):
        empty_or(non_empty)(None, field, 3)
