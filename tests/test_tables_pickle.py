"""The hot models pickle compactly and round-trip exactly."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import pickletools
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan._pickling import compact_pickle, restore
from accountplan.billing import OpenItem, Settlement
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money
from accountplan.sla import SlaMeasurement
from accountplan.tickets import Ticket, TicketEvent
from tests import strategies, strategies_receivables, strategies_sla

HOT: dict[type, st.SearchStrategy[Any]] = {
    Money: strategies.MODEL_STRATEGIES[Money],
    Settlement: strategies_receivables.MODEL_STRATEGIES[Settlement],
    OpenItem: strategies_receivables.MODEL_STRATEGIES[OpenItem],
    TicketEvent: strategies_sla.MODEL_STRATEGIES[TicketEvent],
    Ticket: strategies_sla.MODEL_STRATEGIES[Ticket],
    SlaMeasurement: strategies_sla.MODEL_STRATEGIES[SlaMeasurement],
}


@pytest.mark.parametrize("cls", list(HOT), ids=lambda cls: cls.__name__)
@settings(max_examples=40)
@given(data=st.data())
def test_round_trip_is_exact(cls: type, data: st.DataObject) -> None:
    """pickle (every protocol), copy and deepcopy give an equal value of the same class."""
    value = data.draw(HOT[cls])
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert value == back
        assert type(value) is type(back)
        assert hash(value) == hash(back)
        assert repr(value) == repr(back)
    assert value == copy.copy(value)
    assert value == copy.deepcopy(value)


@pytest.mark.parametrize("cls", list(HOT), ids=lambda cls: cls.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_reduce_is_the_field_tuple(cls: type, data: st.DataObject) -> None:
    """The pickled state is the tuple of field values, rebuilt by restore, names left out."""
    value = data.draw(HOT[cls])
    function, (klass, values) = value.__reduce__()
    assert restore is function
    assert cls is klass
    assert isinstance(values, tuple)
    assert len(cls.__attrs_attrs__) == len(values)
    pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    strings = {arg for _op, arg, _pos in pickletools.genops(pickled) if isinstance(arg, str)}
    names = {field.name for field in cls.__attrs_attrs__}
    assert not (names & strings) - {str(v) for v in values}


def test_restore_refuses_a_wrong_number_of_fields() -> None:
    """A state with the wrong shape is refused, never a half-filled value."""
    with pytest.raises(InvalidInputError, match="2 fields"):
        restore(Money, ("1.00",))
    with pytest.raises(InvalidInputError):
        restore(Money, ["1.00", "EUR"])  # type: ignore[arg-type]


def test_money_pickles_small() -> None:
    """A Money pickles to fewer bytes than attrs' default field-name dict."""
    data = pickle.dumps(Money(amount="1.50", currency="EUR"), protocol=5)
    assert b"amount" not in data
    assert b"currency" not in data
    assert Money(amount="1.50", currency="EUR") == pickle.loads(data)


def test_a_one_field_class_pickles_compactly() -> None:
    """compact_pickle also serves a class with a single field."""
    back = pickle.loads(pickle.dumps(One(value=3)))
    assert One(value=3) == back
    assert (restore, (One, (3,))) == One(value=3).__reduce__()


@compact_pickle
@attrs.frozen(kw_only=True)
class One:
    value: int


@pytest.mark.parametrize(
    ("cls", "field", "inner"),
    [(Ticket, "events", TicketEvent), (OpenItem, "settlements", Settlement)],
    ids=["Ticket", "OpenItem"],
)
@settings(max_examples=20)
@given(data=st.data())
def test_nested_values_are_written_as_field_tuples(
    cls: type, field: str, inner: type, data: st.DataObject
) -> None:
    """A ticket's events and an open item's settlements travel as tuples: no class per value."""
    value = data.draw(HOT[cls])
    pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    strings = {arg for _op, arg, _pos in pickletools.genops(pickled) if isinstance(arg, str)}
    assert inner.__name__ not in strings
    back = pickle.loads(pickled)
    assert value == back
    assert all(type(item) is inner for item in getattr(back, field))


def test_restore_refuses_nested_values_that_are_not_a_tuple() -> None:
    """A nested field must hold tuples of field values; anything else is refused whole."""
    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    ticket = Ticket(
        id="T-1",
        account_number="A-1",
        priority="high",
        created_at=at,
        events=[TicketEvent(at=at, kind="agent_reply")],
    )
    reduced: Any = ticket.__reduce__()
    _function, (_klass, values) = reduced
    broken = (*values[:-1], [("not", "a", "tuple")])
    with pytest.raises(InvalidInputError, match="must be a tuple of"):
        restore(Ticket, broken)
    with pytest.raises(InvalidInputError, match="5 fields"):
        restore(Ticket, (*values[:-1], (("too", "short"),)))


def test_ticket_repr_lists_tags_in_order() -> None:
    """Equal tickets print the same, whatever order their tags were given in."""
    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    tags = [f"tag-{n}" for n in range(40)]
    one = Ticket(id="T-1", account_number="A-1", priority="high", created_at=at, tags=tags)
    two = Ticket(id="T-1", account_number="A-1", priority="high", created_at=at, tags=tags[::-1])
    assert one == two
    assert repr(one) == repr(two)
    assert "tags=frozenset({'tag-0', 'tag-1', 'tag-10'," in repr(one)
    empty = Ticket(id="T-1", account_number="A-1", priority="high", created_at=at)
    assert "tags=frozenset()" in repr(empty)
