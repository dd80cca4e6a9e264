"""The JSON wire format: exact, strict at the boundary, every problem reported."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import importlib
import json
import pathlib
import re
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accountplan._frozen import FrozenMap
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money
from accountplan.serialization import from_dict, from_json, make_converter, to_dict, to_json
from tests.public_api import public_models
from tests.strategies import MODEL_STRATEGIES, aware_datetimes, durations, money

AMS = ZoneInfo("Europe/Amsterdam")


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True)
class Line:
    description: str
    amount: Money
    quantity: int = 1


@attrs.frozen(kw_only=True)
class Sample:
    name: str
    when: dt.datetime
    on: dt.date
    wait: dt.timedelta
    rate: Decimal
    flag: bool
    colour: Colour
    mode: Literal["a", "b"]
    lines: tuple[Line, ...]
    tags: frozenset[str]
    limits: FrozenMap[int, Decimal]
    note: str | None = None


def sample(**changes: Any) -> Sample:
    base = Sample(
        name="x",
        when=dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS),
        on=dt.date(2026, 2, 28),
        wait=dt.timedelta(hours=4, microseconds=5),
        rate=Decimal("0.125"),
        flag=False,
        colour=Colour.BLUE,
        mode="b",
        lines=(Line(description="a", amount=Money(amount="12.50", currency="EUR")),),
        tags=frozenset({"b", "a"}),
        limits=FrozenMap({1: Decimal("1.5"), 0: Decimal(2)}),
    )
    return attrs.evolve(base, **changes)


class TestWireFormat:
    def test_documented_shapes(self) -> None:
        """Each type has exactly the documented JSON shape."""
        data = to_dict(sample())
        assert data == {
            "name": "x",
            "when": "2026-10-25T02:30:00+01:00",
            "on": "2026-02-28",
            "wait": "PT4H0.000005S",
            "rate": "0.125",
            "flag": False,
            "colour": "blue",
            "mode": "b",
            "lines": [
                {
                    "description": "a",
                    "amount": {"amount": "12.50", "currency": "EUR"},
                    "quantity": 1,
                }
            ],
            "tags": ["a", "b"],
            "limits": {"1": "1.5", "0": "2"},
            "note": None,
        }

    def test_round_trip_keeps_the_instant(self) -> None:
        """The repeated hour comes back as the same instant, with its written offset."""
        back = from_json(to_json(sample()), Sample)
        assert sample().when.timestamp() == back.when.timestamp()
        assert dt.timedelta(hours=1) == back.when.utcoffset()
        assert dt.timezone(dt.timedelta(hours=1)) == back.when.tzinfo
        assert attrs.evolve(sample(), when=back.when) == back

    def test_bracketed_zone_still_read(self) -> None:
        """The RFC 9557 form written by earlier versions keeps its zone and fold."""
        data = to_dict(sample())
        data["when"] = "2026-10-25T02:30:00+01:00[Europe/Amsterdam]"
        back = from_dict(data, Sample)
        assert sample() == back
        assert back.when.fold == 1
        assert AMS is back.when.tzinfo

    def test_output_parses_with_fromisoformat(self) -> None:
        """Regression: ``...+01:00[Europe/Amsterdam]`` was unreadable by ``fromisoformat``."""
        text = to_dict(sample().when)
        assert text == "2026-10-25T02:30:00+01:00"
        parsed = dt.datetime.fromisoformat(text)
        assert sample().when.timestamp() == parsed.timestamp()

    def test_sub_minute_offset_written_in_utc(self) -> None:
        """Amsterdam's 1890 local mean time (+00:19:32) has no RFC 3339 offset: UTC is written."""
        value = dt.datetime(1890, 1, 1, tzinfo=AMS)
        assert dt.timedelta(minutes=19, seconds=32) == value.utcoffset()
        assert to_dict(value) == "1889-12-31T23:40:28+00:00"
        assert value == from_dict(to_dict(value), dt.datetime)

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=aware_datetimes())
    def test_output_parses_with_pandas(self, value: dt.datetime) -> None:
        """Every written datetime is read by ``pandas.to_datetime`` as the same instant."""
        pd = pytest.importorskip("pandas")
        parsed = pd.to_datetime(to_dict(value))
        assert value.timestamp() == parsed.timestamp()

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=aware_datetimes(min_value=dt.datetime(1800, 1, 1)))
    def test_output_is_rfc_3339(self, value: dt.datetime) -> None:
        """Every written datetime is RFC 3339 and ``fromisoformat`` reads the same instant."""
        text = to_dict(value)
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d", text, re.ASCII
        ), text
        assert value.timestamp() == dt.datetime.fromisoformat(text).timestamp()

    def test_no_floats_on_output(self) -> None:
        """Decimals are strings on output, never JSON numbers, even with exponents."""
        text = to_json(Money(amount=Decimal("1E+3"), currency="EUR"))
        assert text == '{"amount": "1000", "currency": "EUR"}'

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("PT0S", dt.timedelta(0)),
            ("P1D", dt.timedelta(days=1)),
            ("P2W", dt.timedelta(days=14)),
            ("PT1H30M", dt.timedelta(hours=1, minutes=30)),
            ("-PT0.5S", dt.timedelta(seconds=-0.5)),
            ("P1DT0.000001S", dt.timedelta(days=1, microseconds=1)),
        ],
    )
    def test_durations(self, text: str, expected: dt.timedelta) -> None:
        """ISO 8601 durations parse to the exact timedelta."""
        assert expected == from_dict(text, dt.timedelta)

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=durations)
    def test_duration_round_trip(self, value: dt.timedelta) -> None:
        """Every timedelta round-trips through its ISO 8601 form."""
        assert value == from_dict(to_dict(value), dt.timedelta)

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=aware_datetimes())
    def test_datetime_round_trip(self, value: dt.datetime) -> None:
        """Aware datetimes round-trip with instant, offset and wall time intact."""
        back = from_dict(to_dict(value), dt.datetime)
        assert value.timestamp() == back.timestamp()
        assert value.utcoffset() == back.utcoffset()
        assert value.replace(tzinfo=None, fold=0) == back.replace(tzinfo=None)
        # Python never calls an ambiguous zoned time equal to a fixed-offset one.
        assert value == back or _ambiguous(value)

    def test_datetime_forms(self) -> None:
        """Z, plain offsets and RFC 9557 zone suffixes are accepted."""
        utc = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        assert utc == from_dict("2026-01-01T00:00:00Z", dt.datetime)
        assert utc == from_dict("2026-01-01T01:00+01:00", dt.datetime)
        zoned = from_dict("2026-01-01T01:00:00+01:00[Europe/Amsterdam]", dt.datetime)
        assert AMS is zoned.tzinfo


class TestStrictness:
    @pytest.mark.parametrize(
        ("field", "value", "fragment"),
        [
            ("name", None, "expected a string, got null"),
            ("name", 3, "expected a string, got 3"),
            ("rate", 12.5, "expected a decimal string, got 12.5"),
            ("rate", 2, "expected a decimal string, got 2"),
            ("rate", "1e1000000", "decimal string out of range"),
            ("rate", "NaN", "expected a decimal string"),
            ("flag", "false", "expected true or false"),
            ("flag", 0, "expected true or false"),
            ("when", "2026-01-01T00:00:00", "naive values are refused"),
            ("when", "2026-01-15T10:00:00+02:00[Europe/Amsterdam]", "does not match time zone"),
            ("when", "2026-01-01T00:00:00+01:00[Mars/Olympus]", "unknown time zone"),
            ("on", "2026-02-30", "not a calendar date"),
            ("on", "20260201", "YYYY-MM-DD"),
            ("wait", "P1M", "years and months are not fixed durations"),
            ("wait", "PT", "ISO 8601 duration"),
            ("wait", 3600, "ISO 8601 duration"),
            ("colour", "green", 'expected one of "red", "blue"'),
            ("mode", "c", 'expected one of "a", "b"'),
            ("tags", "ab", "expected an array"),
            ("tags", ["a", "a"], "without duplicates"),
            ("limits", [], "expected an object"),
        ],
    )
    def test_no_silent_coercion(self, field: str, value: Any, fragment: str) -> None:
        """Wrong JSON types are refused with the path and the value, never coerced."""
        data = to_dict(sample())
        data[field] = value
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, Sample)
        assert f"$.{field}" == info.value.path
        assert fragment in str(info.value)

    def test_every_problem_listed(self) -> None:
        """All problems are reported at once, each with its JSON path."""
        data = to_dict(sample())
        data["lines"] = [
            {"description": "a", "amount": {"amount": 12.5, "currency": "EUR"}},
            {"description": 1, "amount": {"amount": "1", "currency": "EUR"}, "extra": 1},
        ]
        data["limits"] = {"x": "1", "2": 3}
        del data["name"]
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, Sample)
        paths = [p.path for p in info.value.problems]
        assert "$.lines[0].amount.amount" in paths
        assert "$.lines[1].description" in paths
        assert "$.lines[1].extra" in paths
        assert '$.limits["x"]' in paths
        assert "$.name" in paths
        message = str(info.value)
        assert "$.lines[0].amount.amount: expected a decimal string, got 12.5" in message
        assert "unknown key" in message

    def test_model_validation_gets_a_path(self) -> None:
        """A model's own validation error is located under its JSON path."""
        data = to_dict(sample())
        data["lines"][0]["amount"]["currency"] = "XYZ"
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, Sample)
        assert info.value.path == "$.lines[0].amount.currency"

    def test_integers_are_not_bools(self) -> None:
        """true is not 1 and 1.0 is not 1."""
        data = to_dict(sample())
        for bad in (True, 1.0, "1"):
            data["lines"][0]["quantity"] = bad
            with pytest.raises(InvalidInputError, match=r"\$\.lines\[0\]\.quantity"):
                from_dict(data, Sample)

    @pytest.mark.parametrize(
        "text",
        ["", "{", "NaN", '{"amount": NaN, "currency": "EUR"}', "[" * 100_000, "1" * 5000, b"\xff"],
    )
    def test_bad_json_text(self, text: str | bytes) -> None:
        """Text that is not JSON raises InvalidInputError, not a parser error."""
        with pytest.raises(InvalidInputError):
            from_json(text, Money)

    def test_wrong_argument_type(self) -> None:
        """from_json takes text."""
        with pytest.raises(InvalidInputError):
            from_json(3, Money)  # type: ignore[arg-type]

    def test_converters_are_independent(self) -> None:
        """make_converter returns a fresh converter each time."""
        assert make_converter() is not make_converter()


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["12.50", "EUR", "1e1000000", "2026-01-01", "PT1H", "red", "b"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["amount", "currency", "name", "rate", "lines", "x", "when"])
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(data=JSON, cls=st.sampled_from([Money, Sample, Line]))
def test_fuzz_only_invalid_input_error(data: Any, cls: type) -> None:
    """Arbitrary JSON raises nothing but InvalidInputError."""
    with contextlib.suppress(InvalidInputError):
        from_json(json.dumps(data), cls)


def _ambiguous(value: dt.datetime) -> bool:
    """Whether the offset of this zoned time depends on its fold (a DST gap or fold)."""
    return value.replace(fold=1 - value.fold).utcoffset() != value.utcoffset()


def _has_ambiguous_datetime(value: Any) -> bool:
    """Whether a model holds a datetime that Python compares unequal to its instant.

    A datetime goes out as an instant with its offset and comes back with a
    fixed offset; equality of aware datetimes is by instant, except that PEP
    495 makes a time whose offset depends on ``fold`` unequal to any time in
    another zone.
    """
    if isinstance(value, dt.datetime):
        return _ambiguous(value)
    if attrs.has(type(value)):
        return any(
            _has_ambiguous_datetime(getattr(value, f.name)) for f in attrs.fields(type(value))
        )
    if isinstance(value, tuple | frozenset | list):
        return any(_has_ambiguous_datetime(v) for v in value)
    if isinstance(value, FrozenMap | dict):
        return any(_has_ambiguous_datetime(v) for kv in value.items() for v in kv)
    return False


def _strategy_table() -> dict[type, Any]:
    table = dict(MODEL_STRATEGIES)
    for path in sorted(pathlib.Path(__file__).parent.glob("strategies_*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        table.update(module.MODEL_STRATEGIES)
    return table


@pytest.mark.parametrize("model", public_models(), ids=lambda m: m.__qualname__)
def test_every_public_model_round_trips(model: type) -> None:
    """Every public model round-trips exactly through JSON (strategies in tests/strategies*.py)."""
    table = _strategy_table()
    assert model in table, f"no Hypothesis strategy for {model.__qualname__}"

    @settings(max_examples=40, suppress_health_check=[HealthCheck.differing_executors])
    @given(value=table[model])
    def check(value: Any) -> None:
        back: Any = from_json(to_json(value), model)
        assert to_dict(value) == to_dict(back)  # same instants, offsets and everything else
        assert value == back or _has_ambiguous_datetime(value)

    check()


def test_money_strategy_round_trip() -> None:
    """The money strategy itself produces round-tripping values."""

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=money)
    def check(value: Money) -> None:
        assert value == from_json(to_json(value), Money)

    check()
