"""Money's fast paths give exactly what the validating slow paths give.

The constructor recognises the usual inputs cheaply and money.py builds the
results of its own operations without validating them again. The oracles here
are the slow, general functions of ``accountplan._decimal`` (``to_decimal``,
``check_bounds``, ``quantize``) and an exact largest-remainder split over
fractions: on any input the fast path must return the same value with the same
exponent, or raise the same error with the same message.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accountplan._decimal import MONEY_CONTEXT, check_bounds, quantize, to_decimal
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money, allocate
from tests.strategies import money_in, rounded_money

FAST = settings(
    max_examples=200, suppress_health_check=[HealthCheck.differing_executors]
)  # run twice by mutmut


def outcome(call: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """What a call gives: its result's exact form, or its error's type and message."""
    try:
        result = call(*args, **kwargs)
    except Exception as error:  # the error is the observation
        return ("error", (type(error), str(error)))
    if isinstance(result, Money):
        result = (result.amount, result.currency)
    return ("value", repr(result))


def constructed(amount: Any) -> Any:
    return Money(amount=amount, currency="EUR").amount


def oracle(amount: object) -> Decimal:
    return to_decimal("amount", amount)


#: Decimals near every bound: 1E-60, 1E+31, 60 significant digits, zero exponents.
edge_decimals = st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
    st.integers(0, 1),
    st.lists(st.integers(0, 9), min_size=1, max_size=62),
    st.integers(-125, 35),
)
any_decimal = st.one_of(
    edge_decimals,
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("sNaN"), Decimal("-0"), Decimal("-0E-200"), Decimal("0E+40")]),
)

#: Texts in and around the notation to_decimal reads, Python's extras included.
text_alphabet = st.sampled_from([*"0123456789.+-eE _\t\n\r\x0b\x0c\x1f", "٣", "NaN", "Inf"])
any_text = st.one_of(
    st.lists(text_alphabet, max_size=30).map("".join),
    st.from_regex(r"\A[ ]?[+-]?[0-9]{0,40}\.?[0-9]{0,70}[ ]?\Z"),
    st.builds(str, edge_decimals),
)


class TestConstructorAgreesWithToDecimal:
    @FAST
    @given(amount=any_decimal)
    @example(amount=Decimal("1E-60"))
    @example(amount=Decimal("1E-61"))
    @example(amount=Decimal("9.99999E+30"))
    @example(amount=Decimal("1E+31"))
    @example(amount=Decimal("1" * 60))
    @example(amount=Decimal("1" * 30 + "." + "0" * 31))
    def test_decimals(self, amount: Decimal) -> None:
        """A Decimal is kept as it is (exponent included) or refused as to_decimal refuses it."""
        assert outcome(oracle, amount) == outcome(constructed, amount)

    @FAST
    @given(text=any_text)
    @example(text="1_000")
    @example(text="1e0000000000001")
    @example(text="\x0b12")
    @example(text="12\x1f")
    @example(text=" 12.50 ")
    @example(text="-.5")
    @example(text="1.")
    @example(text="0.00")
    @example(text="-0")
    @example(text="Infinity")
    @example(text="sNaN")
    @example(text="٣")
    @example(text="9" * 61)
    @example(text="0." + "0" * 60 + "1")
    def test_texts(self, text: str) -> None:
        """A text is read as to_decimal reads it, or refused with the same error."""
        assert outcome(oracle, text) == outcome(constructed, text)

    @FAST
    @given(number=st.integers(-(10**32), 10**32))
    @example(number=10**31 - 1)
    @example(number=10**31)
    @example(number=-(10**31))
    def test_ints(self, number: int) -> None:
        """An int is converted exactly, or refused with the same error."""
        assert outcome(oracle, number) == outcome(constructed, number)

    def test_the_ambient_context_changes_nothing(self) -> None:
        """Without the ambient traps or precision, bad text is still refused and good text exact."""
        with decimal.localcontext() as ctx:
            ctx.prec = 3
            ctx.traps[decimal.InvalidOperation] = False
            assert Decimal("123456.789") == constructed("123456.789")
            with pytest.raises(InvalidInputError, match="'amount'"):
                constructed("12.3.4")
            with pytest.raises(InvalidInputError, match="'amount'"):
                constructed("abc")


class TestMultiplicationAgreesWithCheckBounds:
    @FAST
    @given(factor=any_decimal)
    def test_decimal_factors(self, factor: Decimal) -> None:
        """A Decimal factor in bounds is used as it is; any other is refused as before."""
        price = Money(amount="19.99", currency="EUR")

        def slow(value: Decimal) -> Any:
            checked = check_bounds("factor", value, value)
            return Money(amount=MONEY_CONTEXT.multiply(price.amount, checked), currency="EUR")

        expected = outcome(slow, factor)
        actual = outcome(lambda value: price * value, factor)
        if expected[0] == "error":
            assert "error" == actual[0]
        else:
            assert expected == actual


class TestRoundingAgreesWithQuantize:
    @FAST
    @given(
        value=money_in("EUR") | money_in("JPY") | money_in("BHD"),
        mode=st.sampled_from(
            ["half_even", "half_up", "half_down", "down", "up", "ceiling", "floor"]
        ),
    )
    def test_every_mode(self, value: Money, mode: Any) -> None:
        """rounded() gives quantize's answer, exponent included, in every mode."""
        expected = quantize(value.amount, value.precision, mode)
        assert repr(expected) == repr(value.rounded(mode).amount)

    @pytest.mark.parametrize("mode", ["HALF_EVEN", "bankers", "", 2, None, ["half_up"]])
    def test_other_modes_take_the_slow_path(self, mode: Any) -> None:
        """An unknown or mistyped mode is refused exactly as quantize refuses it."""
        value = Money(amount="2.345", currency="EUR")
        assert outcome(quantize, value.amount, 2, mode) == outcome(value.rounded, mode)


def reference_split(total: Money, weights: list[int | Decimal]) -> list[Money]:
    """Largest remainder over exact fractions: ties go to the earlier part."""
    units = total.minor_units
    sign = -1 if units < 0 else 1
    whole = sum(Fraction(w) for w in weights)
    shares = [abs(units) * Fraction(w) / whole for w in weights]
    floors = [int(share) for share in shares]
    leftover = abs(units) - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    return [Money.from_minor_units(sign * f, total.currency) for f in floors]


class TestResultsBuiltWithoutChecks:
    @FAST
    @given(
        total=rounded_money,
        weights=st.lists(
            st.one_of(st.integers(0, 5), st.decimals(min_value=0, max_value=5, places=2)),
            min_size=1,
            max_size=9,
        ).filter(lambda ws: sum(ws) > 0),
    )
    @example(total=Money(amount="5.47", currency="EUR"), weights=[1, 1, 1])
    @example(total=Money(amount="-5.48", currency="EUR"), weights=[1, 1, 1])
    @example(total=Money(amount="0.02", currency="EUR"), weights=[1, 0, 1, 1])
    def test_allocate_matches_the_reference(
        self, total: Money, weights: list[int | Decimal]
    ) -> None:
        """allocate's parts are the reference split's, in the same order, exponents included."""
        expected = reference_split(total, weights)
        actual = allocate(total, weights)
        assert [repr(m) for m in expected] == [repr(m) for m in actual]
        assert [repr(m) for m in expected] == [repr(m) for m in allocate(total, tuple(weights))]

    @FAST
    @given(value=money_in("EUR") | money_in("JPY") | money_in("KWD"))
    def test_results_are_valid_money(self, value: Money) -> None:
        """What money.py builds itself is what the validating constructor builds."""
        results = [
            -value,
            abs(value),
            +value,
            value + value,
            value - value,
            value * 3,
            value.rounded(),
            Money.from_minor_units(value.rounded().minor_units, value.currency),
            *allocate(value.rounded(), [1, 2]),
        ]
        for result in results:
            rebuilt = Money(amount=result.amount, currency=result.currency)
            assert repr(rebuilt) == repr(result)
            assert not result.amount.is_signed() or result.amount < 0

    def test_results_are_frozen(self) -> None:
        """A result of arithmetic is as immutable as a constructed value."""
        value = Money(amount="1.50", currency="EUR")
        for result in (value + value, -value, value.rounded(), allocate(value, [1])[0]):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                result.amount = Decimal(2)  # type: ignore[misc]
            assert hash(Money(amount=result.amount, currency="EUR")) == hash(result)

    def test_zero_never_carries_a_sign(self) -> None:
        """Negating or splitting zero gives positive zero, as the constructor does."""
        zero = Money(amount="0.00", currency="EUR")
        assert not (-zero).amount.is_signed()
        assert not Money.zero("EUR").amount.is_signed()
        assert all(not part.amount.is_signed() for part in allocate(zero, [1, 1]))
