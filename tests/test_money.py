"""Money: construction, arithmetic, rounding, allocation."""

from __future__ import annotations

import decimal
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accountplan.exceptions import (
    AccountPlanError,
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import (
    MAX_ALLOCATION_PARTS,
    PRECISION_OVERRIDES,
    Money,
    allocate,
    currency_precision,
    known_currencies,
    sum_money,
)
from tests.strategies import CURRENCIES, currencies, money_in, rounded_money


def eur(text: str) -> Money:
    return Money(amount=text, currency="EUR")


class TestConstruction:
    @pytest.mark.parametrize("amount", [Decimal("1.10"), 7, "12.50", " 3 ", "-0.001", "1E+3"])
    def test_accepts_exact_inputs(self, amount: object) -> None:
        """Decimal, int and decimal strings are accepted and stored as Decimal."""
        value = Money(amount=amount, currency="EUR")
        assert isinstance(value.amount, Decimal)
        assert Decimal(str(amount).strip()) == value.amount

    def test_float_is_a_type_error(self) -> None:
        """A float is refused with TypeError: 0.1 is not one tenth."""
        with pytest.raises(TypeError, match="float"):
            Money(amount=0.1, currency="EUR")

    @pytest.mark.parametrize("amount", ["NaN", "Infinity", "-inf", "sNaN", Decimal("NaN")])
    def test_non_finite_rejected(self, amount: object) -> None:
        """NaN and infinity are not amounts of money."""
        with pytest.raises(InvalidInputError) as info:
            Money(amount=amount, currency="EUR")
        assert info.value.field == "amount"

    @pytest.mark.parametrize("amount", ["abc", "", "1,5", True, None, [1]])
    def test_garbage_rejected(self, amount: object) -> None:
        """Anything but a number is refused, naming the field."""
        with pytest.raises(InvalidInputError, match="'amount'"):
            Money(amount=amount, currency="EUR")

    @pytest.mark.parametrize("amount", ["1e1000000", "1E+40", 10**40, "1" * 200])
    def test_absurd_amounts_rejected(self, amount: object) -> None:
        """Absurd exponents and lengths are refused before any work is done."""
        with pytest.raises(LimitExceededError):
            Money(amount=amount, currency="EUR")

    @pytest.mark.parametrize("code", ["XYZ", "eur", "EURO", "", None, 978])
    def test_unknown_currency_rejected(self, code: object) -> None:
        """Only ISO 4217 codes known to CLDR are currencies."""
        with pytest.raises(InvalidInputError) as info:
            Money(amount=1, currency=code)  # type: ignore[arg-type]
        assert info.value.field == "currency"
        assert code == info.value.value

    def test_zero_and_minor_units(self) -> None:
        """zero() and from_minor_units() respect the currency's minor unit."""
        assert Money(amount=0, currency="JPY") == Money.zero("JPY")
        assert eur("19.99") == Money.from_minor_units(1999, "EUR")
        assert Money(amount="1.999", currency="KWD") == Money.from_minor_units(1999, "KWD")
        assert eur("19.99").minor_units == 1999
        with pytest.raises(InvalidInputError):
            _ = eur("19.995").minor_units
        with pytest.raises(InvalidInputError):
            Money.from_minor_units(1.5, "EUR")  # type: ignore[arg-type]

    def test_frozen_hashable_picklable(self) -> None:
        """Money is an immutable value: hashable, equal by value, picklable."""
        price = eur("1.50")
        assert hash(eur("1.5")) == hash(price)
        assert {price, eur("1.5")} == {price}
        assert price == pickle.loads(pickle.dumps(price))
        with pytest.raises(AttributeError):
            price.amount = Decimal(2)  # type: ignore[misc]


class TestArithmetic:
    def test_same_currency(self) -> None:
        """Addition, subtraction, negation and abs stay exact."""
        assert eur("0.30") == eur("0.10") + eur("0.20")
        assert eur("-0.10") == eur("0.10") - eur("0.20")
        assert eur("-5") == -eur("5")
        assert eur("5") == abs(eur("-5"))
        assert eur("5") == +eur("5")

    def test_scalars(self) -> None:
        """Money multiplies and divides by int and Decimal, either side."""
        assert eur("3.75") == eur("1.25") * 3
        assert eur("3.75") == 3 * eur("1.25")
        assert eur("0.2375") == eur("1.25") * Decimal("0.19")
        assert eur("0.625") == eur("1.25") / 2
        assert Decimal("2.5") == eur("5") / eur("2")

    def test_forbidden_mixes(self) -> None:
        """Money x Money, floats and bare numbers in addition are type errors."""
        with pytest.raises(TypeError):
            eur("1") * eur("2")
        with pytest.raises(TypeError):
            eur("1") * 1.5
        with pytest.raises(TypeError):
            eur("1") + 1
        with pytest.raises(TypeError):
            eur("1") / 1.5
        with pytest.raises(InvalidInputError):
            eur("1") / 0
        with pytest.raises(InvalidInputError):
            eur("1") / eur("0")
        with pytest.raises(TypeError):
            eur("1") * "2"

    def test_currency_mismatch(self) -> None:
        """Mixing currencies raises CurrencyMismatchError naming both."""
        usd = Money(amount=1, currency="USD")
        with pytest.raises(CurrencyMismatchError) as info:
            eur("1") + usd
        assert (info.value.left, info.value.right) == ("EUR", "USD")
        for operation in (
            lambda: eur("1") - usd,
            lambda: eur("1") < usd,
            lambda: eur("1") >= usd,
            lambda: eur("1") / usd,
        ):
            with pytest.raises(CurrencyMismatchError):
                operation()
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, AccountPlanError)
        assert eur("1") != usd

    def test_ordering(self) -> None:
        """Same-currency money orders by amount; other types do not compare."""
        assert eur("1") < eur("2") <= eur("2") < eur("3")
        assert eur("3") > eur("2") >= eur("2")
        assert [eur("1"), eur("2"), eur("3")] == sorted([eur("3"), eur("1"), eur("2")])
        with pytest.raises(TypeError):
            _ = eur("1") < 2

    def test_results_beyond_the_limit_are_refused(self) -> None:
        """Arithmetic cannot build an amount of 10**31 or more."""
        big = Money(amount="9E+30", currency="EUR")
        with pytest.raises(LimitExceededError):
            _ = big * 10
        with pytest.raises(LimitExceededError):
            _ = big + big
        assert Money(amount="4.5E+30", currency="EUR") == big / 2

    def test_decimal_weights_scale_exactly(self) -> None:
        """Decimal weights with different exponents keep their proportions."""
        parts = allocate(eur("10.00"), [Decimal("0.5"), 1, Decimal("0.25")])
        assert (eur("2.86"), eur("5.71"), eur("1.43")) == parts

    def test_ambient_context_is_ignored(self) -> None:
        """A caller's getcontext().prec = 4 changes no answer."""
        with decimal.localcontext() as ctx:
            ctx.prec = 4
            ctx.rounding = decimal.ROUND_DOWN
            ctx.traps[decimal.Inexact] = True
            assert eur("123456.789") * 3 == eur("370370.367")
            assert eur("17636.68") == (eur("123456.789") / 7).rounded()
            assert eur("370370.37") == (eur("123456.789") * 3).rounded("half_up")
            parts = allocate(eur("123456.78"), [1, 1, 1])
            assert eur("123456.78") == sum_money(parts, currency="EUR")

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(a=money_in("EUR"), b=money_in("EUR"), c=money_in("EUR"))
    def test_addition_is_exact(self, a: Money, b: Money, c: Money) -> None:
        """Addition is associative and commutative: no rounding happens."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + b - b


class TestRounding:
    @pytest.mark.parametrize(
        ("mode", "values"),
        [
            # (amount, expected) pairs; the modes follow Python's decimal module.
            ("half_even", [("2.345", "2.34"), ("2.355", "2.36"), ("-2.345", "-2.34")]),
            ("half_up", [("2.345", "2.35"), ("-2.345", "-2.35"), ("2.344", "2.34")]),
            ("half_down", [("2.345", "2.34"), ("2.3451", "2.35")]),
            ("down", [("2.349", "2.34"), ("-2.349", "-2.34")]),
            ("up", [("2.341", "2.35"), ("-2.341", "-2.35")]),
            ("ceiling", [("2.341", "2.35"), ("-2.349", "-2.34")]),
            ("floor", [("2.349", "2.34"), ("-2.341", "-2.35")]),
        ],
    )
    def test_named_modes(self, mode: str, values: list[tuple[str, str]]) -> None:
        """Every named rounding mode rounds to the minor unit as documented."""
        for amount, expected in values:
            assert eur(expected) == eur(amount).rounded(mode)  # type: ignore[arg-type]

    def test_precision_by_currency(self) -> None:
        """JPY rounds to units, BHD to thousandths."""
        assert (
            Money(amount="1234", currency="JPY") == Money(amount="1234.5", currency="JPY").rounded()
        )
        assert Money(amount="1.235", currency="BHD") == Money(
            amount="1.2345", currency="BHD"
        ).rounded("half_up")
        assert Decimal("1234") == Money(amount="1233.5", currency="JPY").rounded("half_even").amount

    def test_unknown_mode(self) -> None:
        """An unknown rounding mode names the modes that exist."""
        with pytest.raises(InvalidInputError, match="half_even"):
            eur("1").rounded("bankers")  # type: ignore[arg-type]

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=st.decimals(min_value=-(10**9), max_value=10**9, places=5), code=currencies)
    def test_rounding_within_half_unit(self, value: Decimal, code: str) -> None:
        """half_even rounding moves the amount by at most half a minor unit."""
        money = Money(amount=value, currency=code)
        rounded = money.rounded()
        unit = Decimal(1).scaleb(-currency_precision(code))
        assert rounded.is_rounded()
        assert abs(rounded.amount - value) <= unit / 2
        assert rounded == rounded.rounded()


class TestAllocate:
    def test_five_forty_seven_three_ways(self) -> None:
        """5.47 split three ways is 1.83 + 1.82 + 1.82 (the classic lost-cent bug)."""
        assert (eur("1.83"), eur("1.82"), eur("1.82")) == allocate(eur("5.47"), [1, 1, 1])

    def test_zero_weights_and_negative(self) -> None:
        """Zero weights get nothing; negative totals split with the sign applied."""
        assert (eur("0.00"), eur("10.00")) == allocate(eur("10"), [0, 1])
        assert (eur("-1.83"), eur("-1.82"), eur("-1.82")) == allocate(eur("-5.47"), [1, 1, 1])
        assert (eur("0.00"), eur("0.00")) == allocate(eur("0"), [1, 1])

    @pytest.mark.parametrize("weights", [[], [0, 0], [-1, 2], [1.5], ["1"], "11", [True]])
    def test_bad_weights(self, weights: object) -> None:
        """Empty, all-zero, negative and non-numeric weights are refused."""
        with pytest.raises((InvalidInputError, TypeError)):
            allocate(eur("1"), weights)  # type: ignore[arg-type]

    def test_unrounded_amount_refused(self) -> None:
        """An amount with sub-minor-unit digits cannot be split exactly."""
        with pytest.raises(InvalidInputError):
            allocate(eur("1.005"), [1, 1])
        with pytest.raises(InvalidInputError):
            allocate("1.00", [1])  # type: ignore[arg-type]

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(
        total=rounded_money,
        weights=st.lists(
            st.one_of(st.integers(0, 1000), st.decimals(min_value=0, max_value=1000, places=3)),
            min_size=1,
            max_size=12,
        ),
    )
    def test_parts_sum_to_whole_and_are_fair(
        self, total: Money, weights: list[int | Decimal]
    ) -> None:
        """Parts sum exactly to the whole and each is within one minor unit of its share."""
        assume(sum(weights) > 0)
        parts = allocate(total, weights)
        assert len(weights) == len(parts)
        assert total == sum_money(parts, currency=total.currency)
        units = total.minor_units
        whole = sum(Fraction(w) for w in weights)
        for weight, part in zip(weights, parts, strict=True):
            exact = Fraction(units) * Fraction(weight) / whole
            assert abs(Fraction(part.minor_units) - exact) < 1
            assert part.is_rounded()


class TestHelpers:
    def test_sum_money(self) -> None:
        """sum_money adds one currency and refuses others."""
        assert eur("3.30") == sum_money([eur("1.10")] * 3, currency="EUR")
        assert Money.zero("USD") == sum_money([], currency="USD")
        with pytest.raises(CurrencyMismatchError):
            sum_money([eur("1")], currency="USD")
        with pytest.raises(InvalidInputError):
            sum_money([Decimal(1)], currency="EUR")  # type: ignore[list-item]

    def test_precision_overrides_follow_iso(self) -> None:
        """Where CLDR and ISO 4217 disagree, ISO 4217's minor unit is used."""
        # ISO 4217 list one: IQD has 3 minor-unit digits, IRR 2; CLDR displays 0.
        assert currency_precision("IQD") == 3
        assert currency_precision("IRR") == 2
        assert all(code in known_currencies() for code in PRECISION_OVERRIDES)
        assert {0, 2, 3} <= {currency_precision(c) for c in CURRENCIES}
        with pytest.raises(InvalidInputError):
            currency_precision("ABC")

    def test_str_and_repr(self) -> None:
        """str is amount and code; repr can be pasted back into Python."""
        price = eur("12.50")
        assert str(price) == "12.50 EUR"
        assert repr(price) == "Money(amount=Decimal('12.50'), currency='EUR')"
        assert str(eur("1E+3")) == "1000 EUR"


class TestOrdering:
    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(a=money_in("EUR"), b=money_in("EUR"))
    def test_matches_decimal_order(self, a: Money, b: Money) -> None:
        """<, <=, >, >= agree with the order of the amounts (the oracle: Decimal)."""
        assert (a < b) is (a.amount < b.amount)
        assert (a <= b) is (a.amount <= b.amount)
        assert (a > b) is (a.amount > b.amount)
        assert (a >= b) is (a.amount >= b.amount)

    @pytest.mark.parametrize(
        ("left", "right", "lt", "le", "gt", "ge"),
        [
            ("1.00", "2", True, True, False, False),
            ("2", "2.00", False, True, False, True),
            ("3", "2.99", False, False, True, True),
            ("-0.01", "0", True, True, False, False),
        ],
    )
    def test_each_operator(
        self, left: str, right: str, lt: bool, le: bool, gt: bool, ge: bool
    ) -> None:
        """Each operator on its own, including equal amounts written differently."""
        a, b = eur(left), eur(right)
        assert (a < b, a <= b, a > b, a >= b) == (lt, le, gt, ge)

    @pytest.mark.parametrize(
        "compare",
        [lambda a, b: a < b, lambda a, b: a <= b, lambda a, b: a > b, lambda a, b: a >= b],
    )
    def test_other_currency(self, compare: Any) -> None:
        """Ordering across currencies raises CurrencyMismatchError with an exact message."""
        with pytest.raises(CurrencyMismatchError) as info:
            compare(eur("1"), Money(amount=1, currency="USD"))
        assert str(info.value) == "cannot compare EUR with USD: currencies differ"
        assert info.value.operation == "compare"

    @pytest.mark.parametrize("other", [1, Decimal(1), "1", None, 1.0])
    @pytest.mark.parametrize(
        "compare",
        [
            lambda a, b: a < b,
            lambda a, b: a <= b,
            lambda a, b: a > b,
            lambda a, b: a >= b,
            lambda a, b: b < a,
            lambda a, b: b >= a,
        ],
    )
    def test_other_types(self, compare: Any, other: object) -> None:
        """Money does not order against non-Money: Python's TypeError, both ways."""
        with pytest.raises(TypeError, match="not supported between instances of"):
            compare(eur("1"), other)
        assert eur("1") != other

    @pytest.mark.parametrize(
        ("compare", "symbol"),
        [
            (lambda a, b: a < b, "<"),
            (lambda a, b: a <= b, "<="),
            (lambda a, b: a > b, ">"),
            (lambda a, b: a >= b, ">="),
        ],
    )
    def test_other_types_exact_message(self, compare: Any, symbol: str) -> None:
        """Money returns NotImplemented, so Python names both types (not Decimal and None)."""
        with pytest.raises(TypeError) as info:
            compare(eur("1"), 2)
        assert str(info.value) == (
            f"'{symbol}' not supported between instances of 'Money' and 'int'"
        )


class TestIsRounded:
    @pytest.mark.parametrize(
        ("amount", "code", "expected"),
        [
            ("1.00", "EUR", True),
            ("1.5", "EUR", True),
            ("1", "EUR", True),
            ("1E+3", "EUR", True),
            ("1.500", "EUR", True),
            ("1.0000000", "EUR", True),
            ("1.505", "EUR", False),
            ("0.001", "EUR", False),
            ("-0.001", "EUR", False),
            ("1.0", "JPY", True),
            ("1.5", "JPY", False),
            ("1.0005", "BHD", False),
            ("1.9990", "BHD", True),
        ],
    )
    def test_cases(self, amount: str, code: str, expected: bool) -> None:
        """Trailing zeros do not count; any non-zero digit below the minor unit does."""
        assert Money(amount=amount, currency=code).is_rounded() is expected

    @settings(suppress_health_check=[HealthCheck.differing_executors])  # run twice by mutmut
    @given(value=money_in("EUR"))
    def test_agrees_with_rounding(self, value: Money) -> None:
        """is_rounded() is True exactly when rounding changes nothing (any mode)."""
        assert value.is_rounded() is (value.rounded("down") == value)
        assert value.rounded().is_rounded()


class TestExactMessages:
    def test_iterator_over_the_limit(self) -> None:
        """The iterator path names the field and keeps the iterator as the value."""
        weights = iter([1] * (MAX_ALLOCATION_PARTS + 1))
        with pytest.raises(LimitExceededError) as info:
            allocate(eur("1"), weights)
        assert (info.value.field, info.value.value) == ("weights", weights)
        assert str(info.value).startswith(
            "'weights' has more than 100,000 parts (got <list_iterator object at "
        )
        listed = [1] * (MAX_ALLOCATION_PARTS + 1)
        with pytest.raises(LimitExceededError) as info:
            allocate(eur("1"), listed)
        assert (info.value.field, info.value.value) == ("weights", listed)

    @pytest.mark.parametrize(
        ("call", "error", "message"),
        [
            (
                lambda: Money(amount=1, currency="XYZ"),
                InvalidInputError,
                "'currency' must be an ISO 4217 currency code known to CLDR, such as 'EUR' "
                "(got 'XYZ')",
            ),
            (
                lambda: Money(amount=1, currency=978),  # type: ignore[arg-type]
                InvalidTypeError,
                "'currency' must be a str: an ISO 4217 currency code such as 'EUR' (got 978)",
            ),
            (
                lambda: Money.from_minor_units("1", "EUR"),  # type: ignore[arg-type]
                InvalidTypeError,
                "'units' must be an int (got '1')",
            ),
            (
                lambda: Money.from_minor_units(True, "EUR"),
                InvalidTypeError,
                "'units' must be an int (got True)",
            ),
            (
                lambda: Money.from_minor_units(10**33, "EUR"),
                LimitExceededError,
                "'units' is too large (got " + str(10**33) + ")",
            ),
            (
                lambda: eur("1.005").minor_units,
                InvalidInputError,
                "'amount' has more decimals than the 2 of EUR; round it first "
                "(got Decimal('1.005'))",
            ),
            (
                lambda: eur("1") / 0,
                InvalidInputError,
                "'divisor' must not be zero (got 0)",
            ),
            (
                lambda: eur("1") / eur("0"),
                InvalidInputError,
                "'divisor' must not be zero money (got Money(amount=Decimal('0'), currency='EUR'))",
            ),
            (
                lambda: eur("1") * "2",
                InvalidTypeError,
                "'factor' cannot multiply money by str; use a Decimal or int (got '2')",
            ),
            (
                lambda: eur("1") / True,
                InvalidTypeError,
                "'factor' cannot divide money by bool; use a Decimal or int (got True)",
            ),
            (
                lambda: eur("1") * 10**31,
                LimitExceededError,
                "'factor' is too large (got " + str(10**31) + ")",
            ),
            (
                lambda: eur("1") * -(10**31),
                LimitExceededError,
                "'factor' is too large (got -" + str(10**31) + ")",
            ),
            (
                lambda: eur("1") - Money(amount=1, currency="USD"),
                CurrencyMismatchError,
                "cannot subtract EUR with USD: currencies differ",
            ),
            (
                lambda: eur("1") + Money(amount=1, currency="USD"),
                CurrencyMismatchError,
                "cannot add EUR with USD: currencies differ",
            ),
            (
                lambda: eur("1") / Money(amount=1, currency="USD"),
                CurrencyMismatchError,
                "cannot divide EUR with USD: currencies differ",
            ),
            (
                lambda: sum_money([eur("1")], currency="USD"),
                CurrencyMismatchError,
                "cannot sum USD with EUR: currencies differ",
            ),
            (
                lambda: sum_money([eur("1"), 2], currency="EUR"),  # type: ignore[list-item]
                InvalidTypeError,
                "'items[1]' must be Money (got 2)",
            ),
            (
                lambda: sum_money(eur("1"), currency="EUR"),  # type: ignore[arg-type]
                InvalidTypeError,
                "'items' must be an iterable of Money (got Money(amount=Decimal('1'), "
                "currency='EUR'))",
            ),
            (
                lambda: allocate("1", [1]),  # type: ignore[arg-type]
                InvalidTypeError,
                "'money' must be Money (got '1')",
            ),
            (
                lambda: allocate(eur("1"), "11"),  # type: ignore[arg-type]
                InvalidTypeError,
                "'weights' must be a sequence of numbers (got '11')",
            ),
            (
                lambda: allocate(eur("1"), 5),  # type: ignore[arg-type]
                InvalidTypeError,
                "'weights' must be a sequence of numbers (got 5)",
            ),
            (
                lambda: allocate(eur("1"), []),
                InvalidInputError,
                "'weights' must not be empty (got [])",
            ),
            (
                lambda: allocate(eur("1"), iter([])),
                InvalidInputError,
                "'weights' must not be empty",
            ),
            (
                lambda: allocate(eur("1"), [0, Decimal(0)]),
                InvalidInputError,
                "'weights' must not all be zero (got [0, Decimal('0')])",
            ),
            (
                lambda: allocate(eur("1"), [1, -1]),
                InvalidInputError,
                "'weights[1]' must not be negative (got -1)",
            ),
            (
                lambda: allocate(eur("1"), [1, Decimal("-0.5")]),
                InvalidInputError,
                "'weights[1]' must not be negative (got Decimal('-0.5'))",
            ),
            (
                lambda: allocate(eur("1"), [1.5]),  # type: ignore[list-item]
                InvalidTypeError,
                "'weights[0]' must not be a float (got 1.5)",
            ),
            (
                lambda: allocate(eur("1"), [1, "2"]),  # type: ignore[list-item]
                InvalidTypeError,
                "'weights[1]' must be an int or Decimal (got '2')",
            ),
            (
                lambda: allocate(eur("1"), [True]),
                InvalidTypeError,
                "'weights[0]' must be an int or Decimal (got True)",
            ),
            (
                lambda: allocate(eur("1"), [10**31]),
                LimitExceededError,
                "'weights[0]' is too large (got " + str(10**31) + ")",
            ),
            (
                lambda: allocate(eur("1"), range(MAX_ALLOCATION_PARTS + 1)),
                LimitExceededError,
                "'weights' has more than 100,000 parts (got range(0, 100001))",
            ),
            (
                lambda: eur("1") * eur("2"),
                InvalidTypeError,
                "'factor' cannot multiply money by money; use a plain number "
                "(got Money(amount=Decimal('2'), currency='EUR'))",
            ),
            (
                lambda: eur("1") * 1.5,
                InvalidTypeError,
                "'factor' cannot multiply money by a float; use a Decimal or int (got 1.5)",
            ),
            (
                lambda: eur("1") * Decimal("1E-999999999"),
                LimitExceededError,
                "'factor' is smaller than 1E-60 (and not zero) (got Decimal('1E-999999999'))",
            ),
            (
                lambda: allocate(eur("1"), [1, _Weight(-1)]),
                InvalidInputError,
                "'weights[1]' must not be negative (got -1)",
            ),
            (
                lambda: allocate(eur("1"), [1, Decimal("1E-999999")]),
                LimitExceededError,
                "'weights[1]' is smaller than 1E-60 (and not zero) (got Decimal('1E-999999'))",
            ),
            (
                lambda: currency_precision("ABC"),
                InvalidInputError,
                "'code' must be an ISO 4217 currency code known to CLDR, such as 'EUR' (got 'ABC')",
            ),
        ],
    )
    def test_message(self, call: Any, error: type[Exception], message: str) -> None:
        """Every refusal of the money module: the right class and the exact message."""
        with pytest.raises(error) as info:
            call()
        if "(got" in message or "currencies differ" in message:
            assert str(info.value) == message
        else:  # the value is an object whose repr has an address
            assert str(info.value).startswith(message + " (got <")


class _Weight(int):
    """An int subclass (like IntEnum members) is used by its int value."""


def test_int_subclasses_are_ints() -> None:
    """int subclasses work as factors, weights and amounts, by value."""
    assert eur("1.50") * _Weight(2) == eur("3.00")
    assert allocate(eur("1.00"), [_Weight(1), _Weight(3)]) == (eur("0.25"), eur("0.75"))
    assert Money(amount=_Weight(5), currency="EUR").amount == Decimal(5)
    assert type(Money(amount=_Weight(5), currency="EUR").amount) is Decimal


def test_from_minor_units_edges() -> None:
    """The largest number of minor units is just below 1E+31 in major units."""
    top = 10**33 - 1
    assert Money.from_minor_units(top, "EUR").amount == Decimal(f"{top}E-2")
    assert Money.from_minor_units(-top, "EUR").amount == Decimal(f"-{top}E-2")
    with pytest.raises(LimitExceededError):
        Money.from_minor_units(-(10**33), "EUR")
    assert Money.from_minor_units(1, "JPY") == Money(amount=1, currency="JPY")


# ISO 4217 List One (Table A.1, "Minor unit" column), amendments to 2024: the
# codes where CLDR's display digits differ from the accounting minor unit.
ISO_4217_MINOR_UNITS = {
    "AFN": 2,
    "ALL": 2,
    "IQD": 3,
    "IRR": 2,
    "KPW": 2,
    "LAK": 2,
    "LBP": 2,
    "MGA": 2,
    "MMK": 2,
    "RSD": 2,
    "SLL": 2,
    "SOS": 2,
    "SYP": 2,
    "YER": 2,
}


@pytest.mark.parametrize(("code", "digits"), sorted(ISO_4217_MINOR_UNITS.items()))
def test_every_override_follows_iso_4217(code: str, digits: int) -> None:
    """Each overridden code has the ISO 4217 minor unit, through the public function."""
    assert currency_precision(code) == digits
    assert Money.from_minor_units(1, code).amount == Decimal(1).scaleb(-digits)
    assert PRECISION_OVERRIDES[code] == digits


def test_override_table_is_exactly_the_iso_list() -> None:
    """No code more, no code less."""
    assert dict(PRECISION_OVERRIDES) == ISO_4217_MINOR_UNITS


def test_limits_are_reported() -> None:
    """LimitExceededError carries the documented limit."""
    with pytest.raises(LimitExceededError) as info:
        Money.from_minor_units(10**33, "EUR")
    assert info.value.limit == "1E+33"
    with pytest.raises(LimitExceededError) as info:
        Money.from_minor_units(10**31, "JPY")
    assert info.value.limit == "1E+31"
    with pytest.raises(LimitExceededError) as info:
        eur("1") * 10**31
    assert info.value.limit == "1E+31"
    with pytest.raises(LimitExceededError) as info:
        allocate(eur("1"), [10**31])
    assert info.value.limit == "1E+31"
    with pytest.raises(LimitExceededError) as info:
        allocate(eur("1"), [1] * (MAX_ALLOCATION_PARTS + 1))
    assert info.value.limit == MAX_ALLOCATION_PARTS == 100_000
    with pytest.raises(LimitExceededError) as info:
        allocate(eur("1"), iter([1] * (MAX_ALLOCATION_PARTS + 1)))
    assert info.value.limit == MAX_ALLOCATION_PARTS
    assert len(allocate(eur("1000.00"), iter([1] * MAX_ALLOCATION_PARTS))) == MAX_ALLOCATION_PARTS
    assert Money.from_minor_units(10**31 - 1, "JPY").amount == Decimal(10**31 - 1)


def test_keyword_only() -> None:
    """Money takes keywords only: Money("1", "EUR") is a TypeError."""
    with pytest.raises(TypeError):
        Money("1", "EUR")  # type: ignore[call-arg]
