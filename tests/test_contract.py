"""Errors keep their promise: every bad input to the core raises an accountplan error.

Regression tests for the adversarial probing of money, exceptions and
serialization: wrong types, absurd exponents, huge sizes, huge values in
messages, hostile JSON, internal bugs in hooks, zone names that depend on the
host, and negative zero.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import pickle
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan._frozen import FrozenMap
from accountplan._validate import check_non_empty, check_timezone, zone
from accountplan.exceptions import (
    MAX_KEPT_PROBLEMS,
    MAX_LISTED_PROBLEMS,
    PREVIEW_LENGTH,
    AccountPlanError,
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTransitionError,
    InvalidTypeError,
    LimitExceededError,
    Problem,
    RuleSyntaxError,
    preview,
)
from accountplan.money import MAX_ALLOCATION_PARTS, Money, allocate, sum_money
from accountplan.serialization import (
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    from_dict,
    from_json,
    make_converter,
    to_json,
)


def eur(text: str) -> Money:
    return Money(amount=text, currency="EUR")


# -- 1. wrong types ------------------------------------------------------------


class TestWrongTypes:
    @pytest.mark.parametrize("amount", [1.5, 0.1, float("nan"), 1 + 2j, Fraction(1, 3), b"1", None])
    def test_amount(self, amount: object) -> None:
        """Money(amount=1.5) is an InvalidTypeError: an AccountPlanError and a TypeError."""
        with pytest.raises(InvalidTypeError) as info:
            Money(amount=amount, currency="EUR")
        assert isinstance(info.value, AccountPlanError)
        assert isinstance(info.value, TypeError)
        assert info.value.field == "amount"

    @pytest.mark.parametrize("code", [978, None, b"EUR", ["EUR"]])
    def test_currency(self, code: object) -> None:
        """A currency that is not a str is a type error."""
        with pytest.raises(InvalidTypeError, match="'currency' must be a str"):
            Money(amount=1, currency=code)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("operation", "message"),
        [
            (lambda m: m * m, "'factor' cannot multiply money by money; use a plain number"),
            (lambda m: m * 1.5, "'factor' cannot multiply money by a float; use a Decimal or int"),
            (lambda m: 1.5 * m, "'factor' cannot multiply money by a float; use a Decimal or int"),
            (lambda m: m / 1.5, "'factor' cannot divide money by a float; use a Decimal or int"),
        ],
    )
    def test_arithmetic_operands(self, operation: Any, message: str) -> None:
        """Money times money or a float is an InvalidTypeError with an exact message."""
        with pytest.raises(InvalidTypeError) as info:
            operation(eur("2"))
        assert str(info.value).startswith(message)

    def test_other_calls(self) -> None:
        """Every wrong-type path of the money module raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="'units' must be an int"):
            Money.from_minor_units("100", "EUR")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="'items' must be an iterable of Money"):
            sum_money(5, currency="EUR")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"'items\[1\]' must be Money"):
            sum_money([eur("1"), 2], currency="EUR")  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match="'money' must be Money"):
            allocate(5, [1])  # type: ignore[arg-type]
        for weights in ("12", {1, 2}, {"a": 1}, 3):
            with pytest.raises(InvalidTypeError, match="'weights' must be a sequence"):
                allocate(eur("1"), weights)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"'weights\[0\]' must not be a float"):
            allocate(eur("1"), [0.5])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match="'rounding' must be one of"):
            eur("1.005").rounded(2)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="'text' must be str or bytes"):
            from_json(5, Money)  # type: ignore[arg-type]


_ANYTHING = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([5000, 400, 64]).map(lambda n: -(10**n) if n == 400 else 10**n)
    | st.floats()
    | st.decimals()
    | st.sampled_from(
        [Decimal("1e-999999999"), Decimal("1e999999"), Decimal("-0"), Decimal("sNaN")]
    )
    | st.fractions()
    | st.complex_numbers()
    | st.text(max_size=20)
    | st.sampled_from(["EUR", "1.5", "\u0661\u0662\u0663", "1e-99999", "NaN", "\ud800"])
    | st.binary(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["amount", "currency"]), inner, max_size=4
        )
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(a=_ANYTHING, b=_ANYTHING)
def test_arbitrary_values_raise_only_accountplan_errors(a: Any, b: Any) -> None:
    """Any Python value into Money, allocate, sum_money and from_dict: success or our error."""
    calls: list[Any] = [
        lambda: Money(amount=a, currency=b),
        lambda: Money(amount=a, currency="EUR"),
        lambda: allocate(eur("10.00"), a),
        lambda: allocate(a, [1, 2]),
        lambda: sum_money(a, currency="EUR"),
        lambda: sum_money([eur("1"), a], currency=b),
        lambda: eur("3") * a,
        lambda: eur("3") / a,
        lambda: Money.from_minor_units(a, b),
        lambda: from_dict(a, Money),
        lambda: from_dict({"amount": a, "currency": b}, Money),
        lambda: from_dict([a, b], tuple[Money, ...]),
    ]
    for call in calls:
        try:
            result = call()
        except AccountPlanError as error:
            message = str(error)
            assert len(message) < 5_000
        else:
            if isinstance(result, Money):
                assert len(str(result)) < 200


# -- 2. bounded exponents, explicit contexts ------------------------------------


class TestExponents:
    @pytest.mark.parametrize(
        "amount", [Decimal("1e-999999999"), "1e-999999999", Decimal("1E-61"), "0.1E-60"]
    )
    def test_tiny_exponents_refused(self, amount: object) -> None:
        """Below 1E-60 is refused at once, not turned into a 1 GB string."""
        with pytest.raises(LimitExceededError, match=r"is smaller than 1E-60 \(and not zero\)"):
            Money(amount=amount, currency="EUR")

    def test_zero_with_absurd_exponent_refused(self) -> None:
        """Zero written with a billion decimal places is refused too."""
        with pytest.raises(LimitExceededError, match="has more than 119 decimal places"):
            Money(amount=Decimal("0E-999999999"), currency="EUR")
        with pytest.raises(LimitExceededError, match="is larger than 1E"):
            Money(amount=Decimal("0E+31"), currency="EUR")
        assert Money(amount=Decimal("0E-119"), currency="EUR").amount == 0

    def test_edges_accepted(self) -> None:
        """The bounds themselves are valid: 1E-60 with 60 digits, just below 1E+31."""
        finest = Decimal("1." + "0" * 58 + "1E-60")
        assert Money(amount=finest, currency="EUR").amount == finest
        assert len(str(Money(amount=finest, currency="EUR"))) == 2 + 119 + 4
        assert Money(amount="9" * 31, currency="EUR").amount == Decimal("9" * 31)
        with pytest.raises(LimitExceededError, match="is larger than 1E"):
            Money(amount="1" + "0" * 31, currency="EUR")
        with pytest.raises(LimitExceededError, match="has more than 60 significant digits"):
            Money(amount="1." + "0" * 59 + "1", currency="EUR")

    def test_weights_and_factors_bounded(self) -> None:
        """Weights and factors have the same bounds; allocation is instant, not 88 s."""
        with pytest.raises(LimitExceededError, match=r"'weights\[0\]' is smaller than 1E-60"):
            allocate(eur("1.00"), [Decimal("1e-999999"), 1])
        with pytest.raises(LimitExceededError, match=r"'weights\[1\]' is too large"):
            allocate(eur("1.00"), [1, 10**31])
        with pytest.raises(LimitExceededError, match="'factor' is smaller than 1E-60"):
            eur("1") * Decimal("1e-999999999")
        with pytest.raises(LimitExceededError, match="'factor' is too large"):
            eur("1") * 10**40
        tiny = Decimal("1." + "0" * 58 + "1E-60")
        assert allocate(eur("1.00"), [tiny, tiny]) == (eur("0.50"), eur("0.50"))

    def test_results_stay_inside_bounds(self) -> None:
        """A result that leaves the bounds raises LimitExceededError, never decimal.Overflow."""
        with pytest.raises(LimitExceededError) as info:
            Money(amount="1E+30", currency="EUR") / Decimal("1E-60")
        assert str(info.value) == "'amount' is larger than 1E+31 (got Decimal('1E+90'))"
        with pytest.raises(LimitExceededError, match="'amount' is larger than 1E"):
            Money(amount="9E+30", currency="EUR") + Money(amount="9E+30", currency="EUR")
        with pytest.raises(LimitExceededError, match="'amount' is smaller than 1E-60"):
            Money(amount="1E-60", currency="EUR") / 3
        with pytest.raises(LimitExceededError, match="'amount' is smaller than 1E-60"):
            Money(amount="1E-30", currency="EUR") * Decimal("1E-31")
        assert Money(amount="2E-60", currency="EUR") / 2 == Money(amount="1E-60", currency="EUR")
        assert str(Money(amount="0.01", currency="EUR") / 3) == "0.00" + "3" * 60 + " EUR"

    def test_hostile_ambient_context(self) -> None:
        """prec=3 and traps on Inexact/Rounded in the caller's context change nothing."""

        def work() -> list[str]:
            price = Money(amount="1234.5678", currency="EUR")
            results = [
                price * Decimal("1.21"),
                (price * Decimal("1.21")).rounded("half_up"),
                price / 7,
                (price / 7).rounded(),
                price + Money(amount="0.0001", currency="EUR"),
                price - Money(amount="99999.99", currency="EUR"),
                -price,
                abs(-price),
                Money.from_minor_units(123456789, "EUR"),
                sum_money([price] * 3, currency="EUR"),
                *allocate(Money(amount="100.00", currency="EUR"), [Decimal("1.5"), 1, 1]),
                *allocate(Money(amount="100.00", currency="EUR"), [Decimal("1.2345"), 2]),
            ]
            texts = [str(r) for r in results]
            texts += [str(price.minor_units if price.is_rounded() else price.is_rounded())]
            texts += [str(Money(amount="12.34", currency="EUR").minor_units)]
            texts += [str(price / Money(amount="3", currency="EUR"))]
            return texts

        expected = work()
        hostile = decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded], Emin=-5, Emax=5)
        with decimal.localcontext(hostile):
            assert work() == expected
        assert expected[1] == "1493.83 EUR"
        assert expected[10:15] == ["42.86 EUR", "28.57 EUR", "28.57 EUR", "38.17 EUR", "61.83 EUR"]


# -- 3. allocation size ----------------------------------------------------------


class TestAllocationParts:
    def test_limit_checked_before_work(self) -> None:
        """range(10**9) is refused by its length, an iterator after MAX + 1 items."""
        with pytest.raises(LimitExceededError, match="'weights' has more than 100,000 parts"):
            allocate(eur("1.00"), range(10**9))
        consumed = []

        def endless() -> Any:
            n = 0
            while True:
                consumed.append(n)
                n += 1
                yield 1

        with pytest.raises(LimitExceededError, match="has more than 100,000 parts"):
            allocate(eur("1.00"), endless())
        assert len(consumed) == MAX_ALLOCATION_PARTS + 1

    def test_at_the_limit(self) -> None:
        """Exactly MAX_ALLOCATION_PARTS parts work, from a list or a generator."""
        parts = allocate(Money(amount="1000.00", currency="EUR"), [1] * MAX_ALLOCATION_PARTS)
        assert len(parts) == MAX_ALLOCATION_PARTS
        assert sum_money(parts, currency="EUR") == Money(amount="1000.00", currency="EUR")
        assert allocate(eur("1.00"), (w for w in (1, 1, 2))) == (
            eur("0.25"),
            eur("0.25"),
            eur("0.50"),
        )


# -- 4. bounded messages ---------------------------------------------------------


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


class TestPreview:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            pytest.param(10**5000, "<int of 5,001 digits>", id="huge-int"),
            pytest.param(-(10**4300), "<-int of 4,301 digits>", id="huge-negative-int"),
            (10**60 - 1, "9" * 60),
            ("x" * 300, repr("x" * 100) + "... (300 characters)"),
            (list(range(10)), "[0, 1, 2, 3, ... (6 more)]"),
            ({"a": [[[1]]]}, "{'a': [[...]]}"),
            ((1,), "(1,)"),
            (frozenset(), "frozenset()"),
            (_BadRepr(), "<_BadRepr object>"),
            (1.5, "1.5"),
        ],
    )
    def test_preview(self, value: object, text: str) -> None:
        """Huge ints, long strings, big or deep containers, broken reprs: all short and safe."""
        assert preview(value) == text

    def test_preview_is_bounded(self) -> None:
        """Whatever the value, a preview is at most PREVIEW_LENGTH + 3 characters."""
        deep: list[Any] = []
        for _ in range(10_000):
            deep = [deep]
        for value in (deep, {str(i): "y" * 1000 for i in range(1000)}, Decimal("1" * 5000)):
            assert len(preview(value)) <= PREVIEW_LENGTH + 3

    @pytest.mark.parametrize(
        "call",
        [
            lambda: Money(amount=10**5000, currency="EUR"),
            lambda: Money(amount=1, currency="X" * 10**6),
            lambda: Money.from_minor_units(10**5000, "EUR"),
            lambda: allocate(Money(amount=1, currency="EUR"), [10**5000]),
            lambda: allocate(Money(amount=1, currency="EUR"), [-(10**5000)]),
            lambda: Money(amount=1, currency="EUR") * 10**5000,
            lambda: from_dict({"amount": 10**5000, "currency": "EUR"}, Money),
            lambda: from_dict({"amount": "1", "currency": 10**5000}, Money),
            lambda: from_dict(10**5000, Money),
            lambda: from_dict([10**5000], tuple[str, ...]),
            lambda: from_dict(10**5000, str),
        ],
    )
    def test_huge_ints_in_messages(self, call: Any) -> None:
        """An int over 4,300 digits gives our error with a short message, not ValueError."""
        with pytest.raises(AccountPlanError) as info:
            call()
        assert len(str(info.value)) < 1_000

    def test_other_errors_bounded(self) -> None:
        """Every error class previews its values."""
        assert len(str(LimitExceededError("x" * 10**6, 10**5000, 10**5000))) < 800
        assert len(str(CurrencyMismatchError("E" * 10**6, "U" * 10**6))) < 800
        assert len(str(InvalidTransitionError("a" * 10**6, "b" * 10**6, ["c" * 10**6]))) < 1200
        error = RuleSyntaxError("x" * 10**6 + " <=", 10**6 + 3, "expected a value")
        assert len(str(error)) < 600
        assert str(error).endswith("x <=\n" + " " * (PREVIEW_LENGTH // 2 + 5) + "^")
        assert repr(Problem("$.a", 10**5000, "bad")) == (
            "Problem(path='$.a', value=<int of 5,001 digits>, message='bad')"
        )

    def test_problem_list_bounded(self) -> None:
        """100k unknown keys: a short message with a count, and at most 1,000 kept problems."""
        data = {"amount": "1", "currency": "EUR", **{f"k{i:06d}": 1 for i in range(100_000)}}
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, Money)
        error = info.value
        lines = str(error).splitlines()
        assert lines[0] == "100,000 problems in input:"
        assert lines[1:3] == ["  $.k000000: unknown key", "  $.k000001: unknown key"]
        assert lines[-1] == "  ... and 99,980 more problems"
        assert len(lines) == MAX_LISTED_PROBLEMS + 2
        assert len(error.problems) == MAX_KEPT_PROBLEMS
        assert error.omitted == 100_000 - MAX_KEPT_PROBLEMS
        assert len(str(error)) < 2_000
        clone = pickle.loads(pickle.dumps(error))
        assert (str(clone), clone.omitted, type(clone)) == (str(error), error.omitted, type(error))

    def test_single_problem_counted(self) -> None:
        """Two problems say 'and 1 more problem' only when one is left out."""
        problems = [Problem(f"$.k{i}", None, "unknown key") for i in range(MAX_LISTED_PROBLEMS + 1)]
        error = InvalidInputError("$.k0", None, "unknown key", path="$.k0", problems=problems)
        assert str(error).splitlines()[-1] == "  ... and 1 more problem"


# -- 5. and 6. hostile JSON -------------------------------------------------------


class TestJson:
    def test_duplicate_keys(self) -> None:
        """A repeated key is refused with its path: one million is not loaded."""
        with pytest.raises(InvalidInputError) as info:
            from_json('{"amount":"1","currency":"EUR","amount":"1000000"}', Money)
        assert str(info.value) == (
            "1 problem in input:\n  $.amount: duplicate key: JSON objects must not repeat a key"
        )
        with pytest.raises(InvalidInputError) as info:
            from_json('[{"amount":"1","currency":"EUR"},{"a":{"x":1,"x":2}}]', tuple[Money, ...])
        assert info.value.path == "$[1].a.x"

    @pytest.mark.parametrize(
        ("text", "cls", "message"),
        [
            (
                '{"amount":"\u0661\u0662\u0663","currency":"EUR"}',
                Money,
                "$.amount: expected a decimal string in ASCII",
            ),
            (
                '{"amount":"\uff11\uff12","currency":"EUR"}',
                Money,
                "$.amount: expected a decimal string in ASCII",
            ),
            ('"PT\u0661H"', Any, None),
        ],
    )
    def test_non_ascii_digits(self, text: str, cls: Any, message: str | None) -> None:
        """Arabic-Indic and full-width digits are not numbers on the wire."""
        if message is None:
            return
        with pytest.raises(InvalidInputError, match=re.escape(message)):
            from_json(text, cls)

    def test_non_ascii_digits_everywhere(self) -> None:
        """Durations, dates, datetimes, int keys and Money strings refuse Unicode digits."""
        for text, cls in [
            ('"PT\u0661H"', dt.timedelta),
            ('"\u0662\u0660\u0662\u0666-01-01"', dt.date),
            ('"2026-01-01T0\u0669:00:00+00:00"', dt.datetime),
            ('{"\u0661": "x"}', FrozenMap[int, str]),
        ]:
            with pytest.raises(InvalidInputError):
                from_json(text, cls)
        with pytest.raises(InvalidInputError, match="must be written with ASCII digits 0-9"):
            Money(amount="\u0661\u0662\u0663", currency="EUR")

    def test_lone_surrogates_and_controls(self) -> None:
        """Lone surrogates never load; identifiers also refuse NUL and bidi controls."""
        with pytest.raises(InvalidInputError) as info:
            from_json('{"amount":"1","currency":"\\ud800"}', Money)
        assert str(info.value) == (
            "1 problem in input:\n  $.currency: contains a lone surrogate (U+D800 at index 0), "
            "which cannot be encoded as UTF-8"
        )
        for text, kind in [
            ("a\x00b", "a control character (U+0000 at index 1)"),
            ("ab\u202e", "a bidirectional control character (U+202E at index 2)"),
            ("\udc00", "a lone surrogate (U+DC00 at index 0)"),
        ]:
            with pytest.raises(InvalidInputError, match=re.escape(f"contains {kind}")):
                check_non_empty("name", text)
        assert check_non_empty("name", "tab\there") == "tab\there"
        with pytest.raises(InvalidInputError, match="must not start or end with whitespace"):
            check_non_empty("name", " tab\there ")

    def test_depth_and_value_limits(self) -> None:
        """Nesting and size are checked before parsing, with LimitExceededError."""
        ok = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
        assert from_json(ok, Any) is not None
        deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
        with pytest.raises(LimitExceededError, match="nested deeper than 64 levels"):
            from_json(deep, Any)
        with pytest.raises(LimitExceededError, match="nested deeper than 64 levels"):
            from_json("[" * 100_000 + "]" * 100_000, Any)
        wide = "[" + ",".join(["0"] * MAX_JSON_VALUES) + "]"
        with pytest.raises(LimitExceededError, match="has more than 1,000,000 values"):
            from_json(wide, tuple[int, ...])
        # Brackets and commas inside strings do not count.
        assert from_json(json.dumps(["[[[,,," * 1000]), tuple[str, ...]) == ("[[[,,," * 1000,)


# -- 7. only validation failures become InvalidInputError -------------------------


@attrs.frozen(kw_only=True)
class _Boxed:
    value: int


@pytest.mark.parametrize("error", [ZeroDivisionError("division by zero"), RuntimeError("bug")])
def test_internal_bugs_propagate(error: Exception) -> None:
    """A hook that crashes is a bug: its exception comes out unchanged, not 'invalid value'."""
    converter = make_converter()

    def broken(value: Any, _: Any) -> int:
        raise error

    converter.register_structure_hook(int, broken)
    with pytest.raises(type(error)) as info:
        from_dict({"value": 1}, _Boxed, converter=converter)
    assert info.value is error
    with pytest.raises(type(error)):
        from_dict([1], tuple[int, ...], converter=converter)


def test_documented_conversion_errors_are_problems() -> None:
    """ValueError from a conversion is still reported as a problem with its path."""
    converter = make_converter()

    def strict(value: Any, _: Any) -> int:
        raise ValueError("odd numbers only")

    converter.register_structure_hook(int, strict)
    with pytest.raises(InvalidInputError) as info:
        from_dict({"value": 2}, _Boxed, converter=converter)
    assert str(info.value) == "1 problem in input:\n  $.value: invalid value: odd numbers only"


# -- 8. complete, exact problem lists ----------------------------------------------


@attrs.frozen(kw_only=True)
class _Pair:
    first: Money
    second: Money

    def __attrs_post_init__(self) -> None:
        if self.first.currency != self.second.currency:
            raise CurrencyMismatchError(self.first.currency, self.second.currency, "pair")


def _not_negative(_i: Any, _a: Any, value: int) -> None:
    if value < 0:
        raise InvalidInputError("count", value, f"must not be negative (got count={value})")


@attrs.frozen(kw_only=True)
class _Order:
    price: Money
    count: int = attrs.field(validator=_not_negative)
    pairs: tuple[_Pair, ...] = ()


class TestProblemLists:
    def test_every_problem_listed(self) -> None:
        """Amount, currency, unknown key and a field validator: four problems, all listed."""
        data = {"price": {"amount": 1.5, "currency": "XYZ", "extra": 1}, "count": -1}
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, _Order)
        assert str(info.value) == (
            "4 problems in input:\n"
            "  $.price.amount: expected a decimal string, got 1.5\n"
            '  $.price.currency: expected an ISO 4217 currency code known to CLDR such as "EUR", '
            'got "XYZ"\n'
            "  $.price.extra: unknown key\n"
            "  $.count: must not be negative (got count=-1)"
        )

    def test_got_not_doubled(self) -> None:
        """A reason that already shows the value gets no second '(got ...)'."""
        with pytest.raises(InvalidInputError) as info:
            from_dict({"price": {"amount": "1", "currency": "EUR"}, "count": -1}, _Order)
        assert (
            str(info.value) == "1 problem in input:\n  $.count: must not be negative (got count=-1)"
        )
        direct = InvalidInputError("count", -1, "must not be negative (got count=-1)")
        assert str(direct) == "'count' must not be negative (got count=-1)"

    def test_array_where_object_belongs(self) -> None:
        """An array for an object is named as such, not "'list' object has no attribute 'keys'"."""
        with pytest.raises(InvalidInputError) as info:
            from_dict({"price": [1, 2], "count": 1, "pairs": [[]]}, _Order)
        assert str(info.value) == (
            "2 problems in input:\n"
            "  $.price: expected an object, got an array\n"
            "  $.pairs[0]: expected an object, got an array"
        )

    def test_nested_currency_mismatch_has_its_path(self) -> None:
        """A mismatch inside pairs[1] is reported at $.pairs[1], not at $."""
        eur_ = {"amount": "1", "currency": "EUR"}
        usd = {"amount": "1", "currency": "USD"}
        data = {
            "price": eur_,
            "count": 1,
            "pairs": [{"first": eur_, "second": eur_}, {"first": eur_, "second": usd}],
        }
        with pytest.raises(InvalidInputError) as info:
            from_dict(data, _Order)
        assert str(info.value) == (
            "1 problem in input:\n  $.pairs[1]: cannot pair EUR with USD: currencies differ"
        )
        assert info.value.path == "$.pairs[1]"


@attrs.frozen(kw_only=True)
class _Named:
    name: str = attrs.field(validator=lambda _i, _a, v: check_non_empty("name", v))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            '{"name": "a\\u0000b"}',
            "contains a control character (U+0000 at index 1) (got 'a\\x00b')",
        ),
        (
            '{"name": "ab\\u202ec"}',
            "contains a bidirectional control character (U+202E at index 2) (got 'ab\\u202ec')",
        ),
        (
            '{"name": "\\udc00"}',
            "contains a lone surrogate (U+DC00 at index 0), which cannot be encoded as UTF-8",
        ),
    ],
)
def test_identifiers_refuse_invisible_characters(text: str, reason: str) -> None:
    """NUL, bidi controls and lone surrogates in an identifier: refused with path and reason."""
    with pytest.raises(InvalidInputError) as info:
        from_json(text, _Named)
    assert str(info.value) == f"1 problem in input:\n  $.name: {reason}"


# -- 9. time zones ---------------------------------------------------------------------


class TestZones:
    @pytest.mark.parametrize(
        "name",
        [
            "localtime",
            "posixrules",
            "Factory",
            "posix/Europe/Amsterdam",
            "right/UTC",
            "europe/amsterdam",
        ],
    )
    def test_host_keys_refused(self, name: str) -> None:
        """Names that depend on the host (or are not canonical keys) are refused."""
        with pytest.raises(InvalidInputError, match="is not a known IANA time zone"):
            check_timezone("timezone", name)

    @pytest.mark.parametrize("name", ["UTC", "Europe/Amsterdam", "America/New_York", "Etc/GMT+5"])
    def test_iana_names_accepted(self, name: str) -> None:
        """UTC and the IANA names stay valid."""
        assert check_timezone("timezone", name) == name
        assert zone(name).key == name

    def test_wire_zone_suffix(self) -> None:
        """A datetime with [localtime] is refused on the wire."""
        with pytest.raises(InvalidInputError, match="unknown time zone 'localtime'"):
            from_json('"2026-03-29T09:00:00+02:00[localtime]"', dt.datetime)


# -- 10. negative zero ---------------------------------------------------------------


class TestNegativeZero:
    @pytest.mark.parametrize(
        "make",
        [
            lambda: -Money.zero("EUR"),
            lambda: -Money(amount="0.00", currency="EUR"),
            lambda: Money(amount="-0.00", currency="EUR"),
            lambda: Money(amount=Decimal("-0.00"), currency="EUR"),
            lambda: eur("1.00") - eur("1.00"),
            lambda: eur("-1.00") + eur("1.00"),
            lambda: eur("-0.00") * 3,
            lambda: eur("0.00") * -3,
            lambda: eur("0.00") / -3,
            lambda: eur("-0.001").rounded(),
            lambda: abs(eur("-0.00")),
            lambda: Money.from_minor_units(0, "EUR"),
            lambda: sum_money([eur("-0.00")], currency="EUR"),
        ],
    )
    def test_no_negative_zero(self, make: Any) -> None:
        """Zero never carries a sign: str, repr and to_json show 0."""
        value = make()
        assert not value.amount.is_signed()
        assert not str(value).startswith("-")
        assert "'-" not in repr(value)
        assert '"-' not in to_json(value)

    def test_exact_texts(self) -> None:
        """The exact texts of a negated zero."""
        value = Money(amount="-0.00", currency="EUR")
        assert str(value) == "0.00 EUR"
        assert repr(value) == "Money(amount=Decimal('0.00'), currency='EUR')"
        assert to_json(value) == '{"amount": "0.00", "currency": "EUR"}'
        assert allocate(Money(amount="-0.00", currency="EUR"), [1, 1]) == (eur("0.00"), eur("0.00"))
