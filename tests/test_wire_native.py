"""``from_dict`` accepts native Python values (database rows, DataFrames); JSON stays strict."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from accountplan._frozen import FrozenMap
from accountplan.accounts import Account, AccountStatus, AccountType, transition
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money
from accountplan.serialization import from_dict, from_json, to_dict

AMS = ZoneInfo("Europe/Amsterdam")


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True)
class Row:
    when: dt.datetime
    on: dt.date
    wait: dt.timedelta
    rate: Decimal
    colour: Colour
    price: Money
    tags: frozenset[str] = frozenset()
    items: tuple[Decimal, ...] = ()
    by_colour: FrozenMap[Colour, Decimal] = attrs.field(factory=FrozenMap)
    by_day: FrozenMap[dt.date, int] = attrs.field(factory=FrozenMap)


@attrs.frozen(kw_only=True)
class Outer:
    rows: tuple[Row, ...]


WHEN = dt.datetime(2026, 3, 29, 9, tzinfo=AMS)
EXPECTED = Row(
    when=WHEN,
    on=dt.date(2026, 2, 28),
    wait=dt.timedelta(hours=4, microseconds=5),
    rate=Decimal("0.125"),
    colour=Colour.BLUE,
    price=Money(amount="12.50", currency="EUR"),
    tags=frozenset({"a", "b"}),
    items=(Decimal(1), Decimal("2.5")),
    by_colour=FrozenMap({Colour.RED: Decimal(1)}),
    by_day=FrozenMap({dt.date(2026, 1, 1): 3}),
)


def native() -> dict[str, Any]:
    return {
        "when": WHEN,
        "on": dt.date(2026, 2, 28),
        "wait": dt.timedelta(hours=4, microseconds=5),
        "rate": Decimal("0.125"),
        "colour": Colour.BLUE,
        "price": {"amount": Decimal("12.50"), "currency": "EUR"},
        "tags": {"b", "a"},
        "items": (Decimal(1), Decimal("2.5")),
        "by_colour": {Colour.RED: Decimal(1)},
        "by_day": {dt.date(2026, 1, 1): 3},
    }


class TestNativeValues:
    def test_regression_native_datetime_was_refused(self) -> None:
        """Regression: ``expected an ISO 8601 datetime with offset, got datetime.datetime(...)``."""
        assert WHEN is from_dict(WHEN, dt.datetime)

    @pytest.mark.parametrize(
        ("value", "cls"),
        [
            (dt.date(2026, 2, 28), dt.date),
            (Decimal("12.50"), Decimal),
            (dt.timedelta(days=-1, microseconds=3), dt.timedelta),
            (Colour.RED, Colour),
            (AccountStatus.ACTIVE, AccountStatus),
        ],
    )
    def test_each_type(self, value: Any, cls: type) -> None:
        """Each native value is accepted as itself."""
        back: Any = from_dict(value, cls)
        assert value == back
        assert type(value) is type(back)

    def test_every_type_nested(self) -> None:
        """Native values inside models, tuples, sets and mappings (keys included)."""
        assert EXPECTED == from_dict(native(), Row)
        assert Outer(rows=(EXPECTED, EXPECTED)) == from_dict({"rows": [native(), native()]}, Outer)

    def test_native_and_wire_give_the_same_model(self) -> None:
        """A native row and its JSON form build the same model."""
        assert from_dict(native(), Row) == from_dict(to_dict(EXPECTED), Row)

    def test_account_from_a_database_row(self) -> None:
        """An account row with enum members (and their values) builds the account."""
        account = Account(
            number="A-1",
            name="Acme",
            type=AccountType.BUSINESS,
            status=AccountStatus.PENDING,
            currency="EUR",
            timezone="Europe/Amsterdam",
            locale="nl_NL",
        )
        account = transition(account, AccountStatus.ACTIVE, at=WHEN, reason="signed")
        row = to_dict(account)
        row["type"] = AccountType.BUSINESS
        row["status"] = AccountStatus.ACTIVE
        row["history"][0]["at"] = WHEN
        row["history"][0]["to_status"] = AccountStatus.ACTIVE
        assert account == from_dict(row, Account)

    @pytest.mark.parametrize(
        ("field", "value", "fragment"),
        [
            ("when", dt.datetime(2026, 1, 1), "naive values are refused"),
            ("on", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "expected a date, got a datetime"),
            ("rate", 0.125, "expected a decimal string, got 0.125"),
            ("rate", 1, "expected a decimal string, got 1"),
            ("rate", Decimal("NaN"), "decimal out of range"),
            ("wait", 4.0, "expected an ISO 8601 duration"),
            ("colour", "green", 'expected one of "red", "blue"'),
            ("colour", AccountStatus.ACTIVE, 'expected one of "red", "blue"'),
        ],
    )
    def test_still_refused(self, field: str, value: Any, fragment: str) -> None:
        """Naive datetimes, floats and ints for decimals, other enums stay refused."""
        data = native()
        data[field] = value
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, Row)
        assert f"$.{field}" == info.value.path
        assert fragment in str(info.value)

    def test_nested_refusal_has_a_path(self) -> None:
        """A naive datetime deep inside is reported at its path."""
        second = native()
        second["when"] = dt.datetime(2026, 1, 1)
        with pytest.raises(InvalidInputError) as info:
            from_dict({"rows": [native(), second]}, Outer)
        assert "$.rows[1].when" == info.value.path

    def test_pandas_values(self) -> None:
        """``pandas.Timestamp`` and ``Timedelta`` become plain values; nanoseconds are refused."""
        pd = pytest.importorskip("pandas")
        stamp = pd.Timestamp("2026-03-29T09:00:00+02:00")
        back = from_dict(stamp, dt.datetime)
        assert type(back) is dt.datetime
        assert stamp.timestamp() == back.timestamp()
        delta = from_dict(pd.Timedelta(hours=2), dt.timedelta)
        assert type(delta) is dt.timedelta
        assert dt.timedelta(hours=2) == delta
        with pytest.raises(InvalidInputError, match="nanoseconds"):
            from_dict(pd.Timestamp("2026-03-29T09:00:00.000000001+02:00"), dt.datetime)
        with pytest.raises(InvalidInputError, match="nanoseconds"):
            from_dict(pd.Timedelta(nanoseconds=1), dt.timedelta)


class TestJsonStaysStrict:
    @pytest.mark.parametrize(
        ("text", "cls"),
        [
            ("12.5", Decimal),
            ("12", Decimal),
            ("1767225600", dt.datetime),
            ("3600", dt.timedelta),
            ('"2026-01-01T00:00:00"', dt.datetime),
        ],
    )
    def test_json_numbers_and_naive_text_refused(self, text: str, cls: type) -> None:
        """JSON yields only JSON types: numbers for decimals, times, durations stay refused."""
        with pytest.raises(InvalidInputError):
            from_json(text, cls)
