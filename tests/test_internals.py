"""Shared building blocks: validators, the frozen mapping and converter corners."""

from __future__ import annotations

import datetime as dt
import enum
import pickle
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from accountplan._converter import format_datetime_iso, parse_duration_iso
from accountplan._frozen import FrozenMap
from accountplan._validate import (
    check_aware,
    check_choice,
    check_non_empty,
    check_timezone,
    check_type,
    zone,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.serialization import from_dict, to_dict


class Weekday(enum.IntEnum):
    MON = 0
    TUE = 1


@attrs.frozen(kw_only=True)
class Keys:
    by_day: FrozenMap[Weekday, str]
    by_date: FrozenMap[dt.date, int]
    by_any: FrozenMap[str, Any]
    pair: tuple[int, str]


@attrs.frozen(kw_only=True)
class OddKeys:
    by_time: FrozenMap[dt.time, int]


@attrs.frozen(kw_only=True)
class Checked:
    count: int = attrs.field()

    @count.validator
    def _check(self, _attribute: object, value: int) -> None:
        if value < 0:
            raise InvalidInputError("count", value, "must be zero or more")


@attrs.frozen(kw_only=True)
class Holder:
    items: tuple[Checked, ...]


class TestValidators:
    def test_check_type(self) -> None:
        """check_type accepts the type and refuses bool for int."""
        assert 3 == check_type("n", 3, int)
        assert True is check_type("flag", True, bool)
        with pytest.raises(InvalidInputError, match="'n' must be int"):
            check_type("n", True, int)
        with pytest.raises(InvalidInputError, match="must be int or str"):
            check_type("n", 1.5, (int, str))

    def test_check_non_empty_and_choice(self) -> None:
        """Identifiers are kept as given, never trimmed, nor blank; choices are exact."""
        assert "A-1" == check_non_empty("number", "A-1")
        with pytest.raises(InvalidInputError, match="must not start or end with whitespace"):
            check_non_empty("number", "  A-1 ")
        with pytest.raises(InvalidInputError, match="must not be empty"):
            check_non_empty("number", "   ")
        assert "b" == check_choice("mode", "b", ["a", "b"])
        with pytest.raises(InvalidInputError, match="must be one of a, b"):
            check_choice("mode", "c", ["a", "b"])

    def test_check_aware(self) -> None:
        """Naive datetimes and dates are refused."""
        moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        assert moment == check_aware("at", moment)
        with pytest.raises(InvalidInputError, match="naive"):
            check_aware("at", dt.datetime(2026, 1, 1))
        with pytest.raises(InvalidInputError, match="timezone-aware datetime"):
            check_aware("at", dt.date(2026, 1, 1))

    @pytest.mark.parametrize("name", ["Mars/Base", "", " UTC", "../etc/passwd", "/UTC", 3, "a\\b"])
    def test_bad_timezones(self, name: object) -> None:
        """Unknown, padded or path-like zone names are refused."""
        with pytest.raises(InvalidInputError):
            check_timezone("timezone", name)

    def test_timezones(self) -> None:
        """IANA names and ZoneInfo objects are accepted and resolved."""
        assert "Europe/Amsterdam" == check_timezone("tz", ZoneInfo("Europe/Amsterdam"))
        assert ZoneInfo("UTC") is zone("UTC")
        with pytest.raises(InvalidInputError):
            zone("Nowhere/Else")


class TestFrozenMap:
    def test_mapping_behaviour(self) -> None:
        """FrozenMap reads like a dict, hashes and compares by content."""
        m = FrozenMap({"a": 1, "b": 2})
        assert ["a", "b"] == list(m)
        assert 2 == m["b"]
        assert m == {"b": 2, "a": 1}
        assert hash(m) == hash(FrozenMap([("b", 2), ("a", 1)]))
        assert m != 3
        assert "FrozenMap({'a': 1, 'b': 2})" == repr(m)
        assert m == pickle.loads(pickle.dumps(m))
        with pytest.raises(TypeError):
            m["c"] = 3  # type: ignore[index]


class TestConverterCorners:
    def test_keys_of_several_types(self) -> None:
        """Enum, date and string keys round-trip; fixed tuples keep their arity."""
        value = Keys(
            by_day=FrozenMap({Weekday.TUE: "x"}),
            by_date=FrozenMap({dt.date(2026, 1, 1): 2}),
            by_any=FrozenMap({"k": [1]}),
            pair=(1, "a"),
        )
        data = to_dict(value)
        assert {"1": "x"} == data["by_day"]
        assert {"2026-01-01": 2} == data["by_date"]
        assert value == from_dict(data, Keys)

    @pytest.mark.parametrize(
        ("field", "bad", "fragment"),
        [
            ("by_day", {"7": "x"}, 'expected one of "0", "1"'),
            ("by_date", {"Jan 1": 1}, "YYYY-MM-DD"),
            ("pair", [1], "array of 2 items"),
            ("pair", [1, 2], "expected a string"),
        ],
    )
    def test_bad_keys_and_tuples(self, field: str, bad: Any, fragment: str) -> None:
        """Bad keys and tuples of the wrong arity are reported with their path."""
        data = {"by_day": {}, "by_date": {}, "by_any": {}, "pair": [1, "a"], field: bad}
        with pytest.raises(InvalidInputError, match=fragment) as info:
            from_dict(data, Keys)
        assert info.value.path is not None
        assert info.value.path.startswith(f"$.{field}")

    def test_unsupported_key_type(self) -> None:
        """A key type outside the wire format is refused clearly."""
        with pytest.raises(InvalidInputError, match="not supported"):
            from_dict({"by_time": {"10:00": 1}}, OddKeys)

    def test_model_errors_inside_arrays(self) -> None:
        """A model's own validation error inside an array gets the full path."""
        with pytest.raises(InvalidInputError) as info:
            from_dict({"items": [{"count": 1}, {"count": -1}]}, Holder)
        assert "$.items[1].count" == info.value.path
        assert "must be zero or more (got -1)" in str(info.value)

    def test_integer_keys_must_be_digits(self) -> None:
        """Integer keys are decimal digits."""
        with pytest.raises(InvalidInputError, match="integer key"):
            from_dict({"x": 1}, FrozenMap[int, int])
        assert {3: 1} == from_dict({"3": 1}, FrozenMap[int, int])

    def test_naive_datetime_refused_on_output(self) -> None:
        """A naive datetime cannot be written."""
        with pytest.raises(InvalidInputError):
            format_datetime_iso(dt.datetime(2026, 1, 1))
        assert "2026-01-01T00:00:00+00:00" == format_datetime_iso(
            dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )

    @pytest.mark.parametrize("text", ["P", "PT", "P1Y", "P1DT", "P999999999999W", "1H"])
    def test_bad_durations(self, text: str) -> None:
        """Malformed, calendar-based and overflowing durations are refused."""
        with pytest.raises(InvalidInputError):
            from_dict(text, dt.timedelta)

    def test_decimal_edge_forms(self) -> None:
        """Plain and exponent decimal strings within limits are accepted exactly."""
        assert Decimal("1.5E+3") == from_dict("1.5E+3", Decimal)
        assert Decimal("-0.000001") == from_dict("-0.000001", Decimal)
        assert "0.000001" == to_dict(Decimal("1E-6"))
        assert dt.timedelta(minutes=90) == parse_duration_iso("PT1H30M")


@pytest.mark.parametrize("items", [5, [1, 2], [([], 1)], [(1, 2, 3)]])
def test_frozen_map_wrong_types(items: object) -> None:
    """FrozenMap refuses what dict() cannot read with InvalidTypeError, not a raw TypeError."""
    with pytest.raises(InvalidTypeError, match="'items' must be a mapping or pairs"):
        FrozenMap(items)  # type: ignore[arg-type]
