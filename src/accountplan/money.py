"""Exact money: ``Decimal`` amounts tagged with an ISO 4217 currency.

Every computation runs in a private decimal context with 60 significant
digits; the ambient context
(``decimal.getcontext()``) is never read. Results of multiplication and
division are *not* rounded to the minor unit until you call
[Money.rounded][accountplan.money.Money.rounded], so no cent is lost along the
way. Amounts, factors and weights are bounded: zero or between ``1E-60`` and
``1E+31`` in magnitude, with at most 60 significant digits; anything outside
raises [LimitExceededError][accountplan.exceptions.LimitExceededError], and so
does a result that would leave those bounds.

Examples:
    >>> from decimal import Decimal
    >>> from accountplan.money import Money, allocate
    >>> price = Money(amount="19.99", currency="EUR")
    >>> price * 3
    Money(amount=Decimal('59.97'), currency='EUR')
    >>> [str(part) for part in allocate(Money(amount="5.47", currency="EUR"), [1, 1, 1])]
    ['1.83 EUR', '1.82 EUR', '1.82 EUR']
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Iterable, Mapping, Sequence, Set
from decimal import Decimal
from typing import Any, Final

import attrs
import babel.numbers

from accountplan._decimal import (
    CONTEXT as EXACT,
)
from accountplan._decimal import (
    MAX_ADJUSTED_EXPONENT,
    MAX_DIGITS,
    MIN_ADJUSTED_EXPONENT,
    ROUNDING,
    check_bounds,
    quantize,
    to_decimal,
)
from accountplan._decimal import MONEY_CONTEXT as CONTEXT
from accountplan._pickling import compact_pickle
from accountplan._typing import Rounding
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)

__all__ = [
    "MAX_ALLOCATION_PARTS",
    "PRECISION_OVERRIDES",
    "Money",
    "allocate",
    "currency_precision",
    "known_currencies",
    "sum_money",
]

PRECISION_OVERRIDES: Final = {
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
"""Minor-unit digits where ISO 4217 and CLDR disagree. CLDR gives the digits commonly
*displayed* (for example 0 for the Iraqi dinar); ISO 4217 gives the digits of the currency's
accounting minor unit, which is what invoices and ledgers need. accountplan follows ISO 4217
for these codes (ISO 4217 amendment list of 2024; CLDR as shipped by babel).
"""


MAX_ALLOCATION_PARTS: Final = 100_000
"""Most parts [allocate][accountplan.money.allocate] splits money into; more weights raise
[LimitExceededError][accountplan.exceptions.LimitExceededError] before any work is done.
"""

# Integers at or beyond this magnitude are not amounts, factors or weights.
_INT_LIMIT: Final = 10 ** (MAX_ADJUSTED_EXPONENT + 1)


def _digits_table() -> dict[str, int]:
    """Each ISO 4217 code CLDR knows, with its minor-unit digits (overrides applied)."""
    codes = (c for c in babel.numbers.list_currencies() if len(c) == 3 and c.isupper())
    return {
        code: PRECISION_OVERRIDES.get(code, int(babel.numbers.get_currency_precision(code)))
        for code in sorted(codes)
    }


# Every known code and its digits, read from CLDR once at import (about 300
# codes): the constructor's one membership test, and the precision lookup of
# rounding, both without a function call. A constant: never written after this.
_DIGITS: Final[dict[str, int]] = _digits_table()
_KNOWN: Final = frozenset(_DIGITS)


def known_currencies() -> frozenset[str]:
    """Return every ISO 4217 code known to CLDR (through babel).

    Returns:
        The three-letter upper-case codes, such as ``"EUR"``.

    >>> "EUR" in known_currencies(), "XYZ" in known_currencies()
    (True, False)
    """
    return _KNOWN


def _check_currency(value: Any, field: str = "currency") -> str:
    if type(value) is str and value in _DIGITS:
        return value
    if not isinstance(value, str):
        raise InvalidTypeError(
            field, value, "must be a str: an ISO 4217 currency code such as 'EUR'"
        )
    if value not in _DIGITS:
        raise InvalidInputError(
            field, value, "must be an ISO 4217 currency code known to CLDR, such as 'EUR'"
        )
    return value


def _precision(code: str) -> int:
    return _DIGITS[code]


def currency_precision(code: str, /) -> int:
    """Return the number of minor-unit digits of a currency.

    CLDR's figure, except for the codes in
    [PRECISION_OVERRIDES][accountplan.money.PRECISION_OVERRIDES], where ISO 4217
    is followed.

    Args:
        code: An ISO 4217 currency code known to CLDR, such as ``"EUR"``.

    Returns:
        The digits after the decimal point of one minor unit: 2 for EUR (cents),
        0 for JPY, 3 for BHD (fils).

    Raises:
        InvalidTypeError: ``code`` is not a ``str``.
        InvalidInputError: ``code`` is not a currency code known to CLDR.

    >>> currency_precision("EUR"), currency_precision("JPY"), currency_precision("BHD")
    (2, 0, 3)
    >>> currency_precision("IQD")  # CLDR says 0, ISO 4217 says 3
    3
    """
    return _precision(_check_currency(code, "code"))


# -- the fast paths ----------------------------------------------------------
#
# Validation happens once, at the edge (the constructor, the factor of a
# multiplication). What money.py builds from values already known valid goes
# through _make (a result whose magnitude must still be checked) or _new (parts
# known to be in bounds), never through the validating constructor again.

# Accepts a non-zero finite Decimal exactly when check_bounds would: at most
# MAX_DIGITS significant digits (Rounded), adjusted exponent at most
# MAX_ADJUSTED_EXPONENT (Overflow) and at least MIN_ADJUSTED_EXPONENT (Subnormal).
# One C call instead of as_tuple(); anything it refuses takes the slow path,
# which raises the documented error. tests/test_money.py checks it against
# check_bounds.
_BOUNDS: Final = decimal.Context(
    prec=MAX_DIGITS,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=MIN_ADJUSTED_EXPONENT,
    Emax=MAX_ADJUSTED_EXPONENT,
    capitals=1,
    clamp=0,
    traps=[decimal.Rounded, decimal.Subnormal, decimal.Overflow, decimal.InvalidOperation],
)
_IN_BOUNDS: Final = _BOUNDS.plus
# Reads a decimal string exactly, refusing (by a trapped signal) bad syntax and
# the same values _IN_BOUNDS refuses.
_READ_IN_BOUNDS: Final = _BOUNDS.create_decimal

# Context methods bound once (an attribute lookup per operation is measurable).
_add: Final = CONTEXT.add
_subtract: Final = CONTEXT.subtract
_multiply: Final = CONTEXT.multiply
_scaleb: Final = CONTEXT.scaleb


# Context.quantize with each rounding mode (a keyword argument costs a dict parse).
def _quantizer(mode: str) -> Any:
    context = EXACT.copy()
    context.rounding = mode
    return context.quantize


_QUANTIZE: Final = {name: _quantizer(mode) for name, mode in ROUNDING.items()}
_ZERO: Final = Decimal(0)
# Texts longer than this are never read on the fast path (they are refused or
# read by to_decimal, which bounds the work).
_SHORT_TEXT: Final = 2 * MAX_DIGITS
# The minor unit of each precision (0.01 for 2 digits).
_STEP: Final = {places: Decimal(1).scaleb(-places, context=EXACT) for places in range(10)}
# The minor unit of each known currency (Decimal('0.01') for EUR).
_UNIT: Final = {code: _STEP[places] for code, places in _DIGITS.items()}


@compact_pickle
@attrs.frozen(kw_only=True, eq=True, order=False, repr=True, init=False)
class Money:
    """An exact amount of one currency.

    Attributes:
        amount: A ``Decimal``, an ``int`` or a decimal string (ASCII digits).
            ``float`` and other types raise
            [InvalidTypeError][accountplan.exceptions.InvalidTypeError] (also a
            ``TypeError``); NaN and infinity raise ``InvalidInputError``;
            non-zero magnitudes below ``1E-60`` or from ``1E+31`` on, and more
            than 60 significant digits, raise ``LimitExceededError``. Negative
            zero is stored as zero.
        currency: An ISO 4217 code known to CLDR.

    Money adds to and subtracts from money of the same currency, multiplies by
    and divides by ``int`` or ``Decimal`` scalars, and compares with money of
    the same currency. Mixing currencies raises
    [CurrencyMismatchError][accountplan.exceptions.CurrencyMismatchError];
    ``==`` between currencies is simply ``False``. Multiplying or dividing by a
    ``float`` or by Money raises
    [InvalidTypeError][accountplan.exceptions.InvalidTypeError], and so does
    any factor that is not an ``int`` or ``Decimal`` (``bool`` included). Ordering
    (``<``, ``<=``, ``>``, ``>=``) works within one currency; other types get
    Python's usual ``TypeError``.

    >>> Money(amount="10.00", currency="EUR") - Money(amount="2.5", currency="EUR")
    Money(amount=Decimal('7.50'), currency='EUR')
    >>> (Money(amount=10, currency="EUR") / 3).rounded()
    Money(amount=Decimal('3.33'), currency='EUR')
    """

    amount: Decimal
    currency: str

    def __init__(self, *, amount: object, currency: str) -> None:
        # The edge: everything is validated here, once. The usual inputs (a
        # Decimal or a plain decimal string in bounds, a known code) are
        # recognised with a few C calls and stored; anything else, and every
        # problem, goes through _init, which names the problem.
        if type(currency) is str and currency in _DIGITS:
            # Decimal notation without an exponent ("-12.50"): a subset of what
            # to_decimal reads, read the same way and checked against the
            # bounds in the same call. Python reads more than to_decimal
            # accepts (other digits and blanks, "1_000", long exponents,
            # "NaN"): such texts, zero (whose exponent is checked there) and
            # anything refused here take the slow path. Text comes first: it
            # is the costlier form, and one type test less shows.
            if type(amount) is str:
                if (
                    len(amount) <= _SHORT_TEXT
                    and amount.isascii()
                    and amount.isprintable()
                    and "_" not in amount
                    and "e" not in amount
                    and "E" not in amount
                ):
                    try:
                        number = _READ_IN_BOUNDS(amount)
                    except decimal.DecimalException:
                        pass
                    else:
                        if number.is_finite() and number:
                            _set_amount(self, number)
                            _set_currency(self, currency)
                            return
            elif type(amount) is Decimal and amount.is_finite() and amount:
                try:
                    _IN_BOUNDS(amount)
                except decimal.DecimalException:
                    pass
                else:
                    _set_amount(self, amount)
                    _set_currency(self, currency)
                    return
        _init(self, amount, currency)

    # -- constructors -------------------------------------------------------

    @classmethod
    def zero(cls, currency: str, /) -> Money:
        """Return zero in ``currency``.

        Args:
            currency: An ISO 4217 currency code known to CLDR, such as ``"JPY"``.

        Returns:
            Money with amount ``0`` in that currency.

        Raises:
            InvalidTypeError: ``currency`` is not a ``str``.
            InvalidInputError: ``currency`` is not a code known to CLDR.

        >>> Money.zero("JPY")
        Money(amount=Decimal('0'), currency='JPY')
        """
        return _new(_ZERO, _check_currency(currency))

    @classmethod
    def from_minor_units(cls, units: int, /, currency: str) -> Money:
        """Build money from an integer number of minor units (cents, fils, ...).

        Args:
            units: The amount in minor units of ``currency`` (``1999`` is
                19.99 EUR); negative for a negative amount.
            currency: An ISO 4217 currency code known to CLDR.

        Returns:
            Money of ``units`` minor units, with exactly the currency's number
            of decimals.

        Raises:
            InvalidTypeError: ``units`` is not an ``int`` (``bool`` included),
                or ``currency`` is not a ``str``.
            InvalidInputError: ``currency`` is not a code known to CLDR.
            LimitExceededError: the amount would be ``1E+31`` or more in
                magnitude.

        >>> Money.from_minor_units(1999, "EUR")
        Money(amount=Decimal('19.99'), currency='EUR')
        >>> Money.from_minor_units(1999, "BHD")
        Money(amount=Decimal('1.999'), currency='BHD')
        """
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidTypeError("units", units, "must be an int")
        code = _check_currency(currency)
        places = _precision(code)
        if abs(units) >= _INT_LIMIT * 10**places:
            raise LimitExceededError(
                "units", units, f"1E+{MAX_ADJUSTED_EXPONENT + 1 + places}", "is too large"
            )
        return _new(_scaleb(Decimal(int(units)), -places), code)

    # -- conversions --------------------------------------------------------

    @property
    def precision(self) -> int:
        """The currency's number of minor-unit digits."""
        return _DIGITS[self.currency]

    @property
    def minor_units(self) -> int:
        """The amount as an integer number of minor units.

        Raises [InvalidInputError][accountplan.exceptions.InvalidInputError]
        when the amount has more decimals than the currency's minor unit: round
        it first with [rounded][accountplan.money.Money.rounded].

        >>> Money(amount="12.5", currency="EUR").minor_units
        1250
        """
        scaled = _scaleb(self.amount, _DIGITS[self.currency])
        units = int(scaled)
        if units != scaled:
            raise InvalidInputError(
                "amount",
                self.amount,
                f"has more decimals than the {self.precision} of {self.currency}; round it first",
            )
        return units

    def rounded(self, rounding: Rounding = "half_even") -> Money:
        """Round to the currency's minor unit with a named rounding mode.

        Modes: ``half_even`` (default, banker's rounding), ``half_up``,
        ``half_down``, ``down`` (towards zero), ``up`` (away from zero),
        ``ceiling`` and ``floor``.

        Args:
            rounding: The rounding mode, one of the names above.

        Returns:
            New money with exactly the currency's number of decimals, in the
            same currency.

        Raises:
            InvalidTypeError: ``rounding`` is not a ``str``.
            InvalidInputError: ``rounding`` is not one of the modes above.

        >>> Money(amount="2.345", currency="EUR").rounded()
        Money(amount=Decimal('2.34'), currency='EUR')
        >>> Money(amount="2.345", currency="EUR").rounded("half_up")
        Money(amount=Decimal('2.35'), currency='EUR')
        """
        mode: object = rounding  # checked here, not trusted from the annotation
        currency = self.currency
        if type(mode) is str and mode in _QUANTIZE:
            exact = _QUANTIZE[mode](self.amount, _UNIT[currency])
            # Inlined _make: rounding can carry into a new digit (9.995 to
            # 10.00), so the magnitude is checked; a rounded zero loses its sign.
            if exact:
                if exact.adjusted() > MAX_ADJUSTED_EXPONENT:
                    check_bounds("amount", exact, exact)
            elif exact.is_signed():
                exact = exact.copy_abs()
            result = _blank(Money)
            _set_amount(result, exact)
            _set_currency(result, currency)
            return result
        # The slow path names the problem.
        return _make(quantize(self.amount, self.precision, rounding), currency)

    def is_rounded(self) -> bool:
        """Whether the amount fits the currency's minor unit exactly.

        Trailing zeros do not count: ``1.500`` EUR is rounded, ``1.505`` is not.

        Returns:
            True when [rounded][accountplan.money.Money.rounded] would not
            change the amount.

        >>> Money(amount="1.500", currency="EUR").is_rounded()
        True
        >>> Money(amount="1.505", currency="EUR").is_rounded()
        False
        """
        exponent = self.amount.as_tuple().exponent
        assert isinstance(exponent, int)
        return exponent >= -self.precision or self.amount == quantize(
            self.amount, self.precision, "half_even"
        )

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency}"

    # -- arithmetic ---------------------------------------------------------

    def _same(self, other: Money, operation: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(self.currency, other.currency, operation)

    # The operators below inline _make (a function call is a measurable share
    # of an addition): the same checks, in the same order.

    def __add__(self, other: object) -> Money:
        if isinstance(other, Money):
            currency = self.currency
            if other.currency != currency:
                raise CurrencyMismatchError(currency, other.currency, "add")
            amount = _add(self.amount, other.amount)
            if amount:
                if not MIN_ADJUSTED_EXPONENT <= amount.adjusted() <= MAX_ADJUSTED_EXPONENT:
                    check_bounds("amount", amount, amount)
            elif amount.is_signed():
                amount = amount.copy_abs()
            result = _blank(Money)
            _set_amount(result, amount)
            _set_currency(result, currency)
            return result
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if isinstance(other, Money):
            currency = self.currency
            if other.currency != currency:
                raise CurrencyMismatchError(currency, other.currency, "subtract")
            amount = _subtract(self.amount, other.amount)
            if amount:
                if not MIN_ADJUSTED_EXPONENT <= amount.adjusted() <= MAX_ADJUSTED_EXPONENT:
                    check_bounds("amount", amount, amount)
            elif amount.is_signed():
                amount = amount.copy_abs()
            result = _blank(Money)
            _set_amount(result, amount)
            _set_currency(result, currency)
            return result
        return NotImplemented

    def __mul__(self, other: object) -> Money:
        factor: Any = other
        if type(factor) is Decimal and factor.is_finite() and factor:
            try:
                _IN_BOUNDS(factor)
            except decimal.DecimalException:
                factor = _scalar(other, "multiply")
        else:
            factor = _scalar(other, "multiply")
        amount = _multiply(self.amount, factor)
        if amount:
            if not MIN_ADJUSTED_EXPONENT <= amount.adjusted() <= MAX_ADJUSTED_EXPONENT:
                check_bounds("amount", amount, amount)
        elif amount.is_signed():
            amount = amount.copy_abs()
        result = _blank(Money)
        _set_amount(result, amount)
        _set_currency(result, self.currency)
        return result

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Any:
        if isinstance(other, Money):
            self._same(other, "divide")
            if not other.amount:
                raise InvalidInputError("divisor", other, "must not be zero money")
            return CONTEXT.divide(self.amount, other.amount)
        divisor = _scalar(other, "divide")
        if not divisor:
            raise InvalidInputError("divisor", other, "must not be zero")
        return _make(CONTEXT.divide(self.amount, divisor), self.currency)

    def __neg__(self) -> Money:
        # The negation of a valid amount is valid (minus turns -0 into 0).
        return _new(CONTEXT.minus(self.amount), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _new(CONTEXT.abs(self.amount), self.currency)

    # -- ordering -----------------------------------------------------------

    def _cmp(self, other: object, operation: str) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same(other, operation)
        return other.amount

    def __lt__(self, other: object) -> bool:
        value = self._cmp(other, "compare")
        return NotImplemented if value is None else self.amount < value

    def __le__(self, other: object) -> bool:
        value = self._cmp(other, "compare")
        return NotImplemented if value is None else self.amount <= value

    def __gt__(self, other: object) -> bool:
        value = self._cmp(other, "compare")
        return NotImplemented if value is None else self.amount > value

    def __ge__(self, other: object) -> bool:
        value = self._cmp(other, "compare")
        return NotImplemented if value is None else self.amount >= value


def _scalar(value: object, operation: str) -> Decimal:
    if type(value) is int:
        if -_INT_LIMIT < value < _INT_LIMIT:
            return Decimal(value)
        raise LimitExceededError("factor", value, f"1E+{MAX_ADJUSTED_EXPONENT + 1}", "is too large")
    if isinstance(value, Decimal):
        return check_bounds("factor", value, value)
    if isinstance(value, Money):
        raise InvalidTypeError(
            "factor", value, f"cannot {operation} money by money; use a plain number"
        )
    if isinstance(value, float):
        raise InvalidTypeError(
            "factor", value, f"cannot {operation} money by a float; use a Decimal or int"
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return _scalar(int(value), operation)
    raise InvalidTypeError(
        "factor", value, f"cannot {operation} money by {type(value).__name__}; use a Decimal or int"
    )


# The slots of Money, written once by the private constructors below, on a new
# object nobody else holds yet; a Money never changes after that.
_set_amount: Final = Money.__dict__["amount"].__set__
_set_currency: Final = Money.__dict__["currency"].__set__
_blank: Final = object.__new__


def _init(money: Money, amount: object, currency: object) -> None:
    """The general constructor: every input, checked in order (amount, then currency)."""
    if type(amount) is int and -_INT_LIMIT < amount < _INT_LIMIT:
        value = Decimal(amount)
    else:
        value = to_decimal("amount", amount)
    code = _check_currency(currency)
    _set_amount(money, value)
    _set_currency(money, code)


def _new(amount: Decimal, currency: str) -> Money:
    """Build Money from an amount and a currency both known valid (no checks at all).

    For values money.py derives from valid money without leaving the bounds:
    negation, absolute value, whole minor units of a valid amount.
    """
    result = _blank(Money)
    _set_amount(result, amount)
    _set_currency(result, currency)
    return result


def _make(amount: Decimal, currency: str) -> Money:
    """Build Money from the result of an operation on valid money (internal fast path).

    The currency is known valid. Results of the private context have at most
    60 digits and are finite (it traps invalid operations), so only the
    magnitude needs checking; zero loses its sign.
    """
    if amount:
        if not MIN_ADJUSTED_EXPONENT <= amount.adjusted() <= MAX_ADJUSTED_EXPONENT:
            check_bounds("amount", amount, amount)
    elif amount.is_signed():
        amount = amount.copy_abs()
    result = _blank(Money)
    _set_amount(result, amount)
    _set_currency(result, currency)
    return result


def sum_money(items: Iterable[Money], /, *, currency: str) -> Money:
    """Add up amounts of one currency; an empty iterable gives zero.

    Args:
        items: Money amounts, all in ``currency``; any iterable except a single
            Money, a string or a mapping.
        currency: The ISO 4217 code of the items and of the total (needed so
            that an empty iterable has a currency).

    Returns:
        The exact, unrounded total in ``currency``.

    Raises:
        InvalidTypeError: ``items`` is not an iterable of Money, an item is not
            Money, or ``currency`` is not a ``str``.
        InvalidInputError: ``currency`` is not a code known to CLDR.
        CurrencyMismatchError: an item is in another currency.
        LimitExceededError: the total reaches ``1E+31`` in magnitude.

    >>> sum_money([Money(amount="1.10", currency="EUR")] * 3, currency="EUR")
    Money(amount=Decimal('3.30'), currency='EUR')
    >>> sum_money([], currency="USD")
    Money(amount=Decimal('0'), currency='USD')
    """
    code = _check_currency(currency)
    if isinstance(items, Money | str | bytes | Mapping) or not isinstance(items, Iterable):
        raise InvalidTypeError("items", items, "must be an iterable of Money")
    total = Decimal(0)
    for index, item in enumerate(items):
        if not isinstance(item, Money):
            raise InvalidTypeError(f"items[{index}]", item, "must be Money")
        if item.currency != code:
            raise CurrencyMismatchError(code, item.currency, "sum")
        total = _add(total, item.amount)
    return _make(total, code)


def _weight(index: int, value: Any) -> Decimal | int:
    if type(value) is int:
        if value < 0:
            raise InvalidInputError(f"weights[{index}]", value, "must not be negative")
        if value >= _INT_LIMIT:
            raise LimitExceededError(
                f"weights[{index}]", value, f"1E+{MAX_ADJUSTED_EXPONENT + 1}", "is too large"
            )
        return value
    if isinstance(value, float):
        raise InvalidTypeError(f"weights[{index}]", value, "must not be a float")
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidTypeError(f"weights[{index}]", value, "must be an int or Decimal")
    if isinstance(value, int):
        return _weight(index, int(value))
    weight = check_bounds(f"weights[{index}]", value, value)
    if weight < 0:
        raise InvalidInputError(f"weights[{index}]", value, "must not be negative")
    return weight


def _integer_weights(weights: list[Decimal | int]) -> list[int]:
    """Scale decimal weights to integers with the same proportions, exactly."""
    places = 0
    for weight in weights:
        if isinstance(weight, Decimal):
            exponent = weight.as_tuple().exponent
            assert isinstance(exponent, int)
            places = max(places, -exponent)
    if not places:
        return [int(w) for w in weights]
    return [int(Decimal(w).scaleb(places, context=CONTEXT)) for w in weights]


def _weight_list(weights: Any) -> list[Any]:
    """The weights as a list, refusing more than MAX_ALLOCATION_PARTS before any work."""
    if type(weights) is tuple or type(weights) is list:  # the common case, checked cheaply
        if len(weights) > MAX_ALLOCATION_PARTS:
            raise LimitExceededError(
                "weights",
                weights,
                MAX_ALLOCATION_PARTS,
                f"has more than {MAX_ALLOCATION_PARTS:,} parts",
            )
        return list(weights)
    if isinstance(weights, str | bytes | bytearray | Set | Mapping | Money):
        raise InvalidTypeError("weights", weights, "must be a sequence of numbers")
    if isinstance(weights, Sequence):
        if len(weights) > MAX_ALLOCATION_PARTS:
            raise LimitExceededError(
                "weights",
                weights,
                MAX_ALLOCATION_PARTS,
                f"has more than {MAX_ALLOCATION_PARTS:,} parts",
            )
        return list(weights)
    if not isinstance(weights, Iterable):
        raise InvalidTypeError("weights", weights, "must be a sequence of numbers")
    # An iterator without len(): take one more than the limit, never more.
    items = list(itertools.islice(weights, MAX_ALLOCATION_PARTS + 1))
    if len(items) > MAX_ALLOCATION_PARTS:
        raise LimitExceededError(
            "weights",
            weights,
            MAX_ALLOCATION_PARTS,
            f"has more than {MAX_ALLOCATION_PARTS:,} parts",
        )
    return items


def allocate(money: Money, weights: Iterable[int | Decimal], /) -> tuple[Money, ...]:
    """Split money in proportion to weights, in whole minor units.

    The largest-remainder method: each part first gets the whole minor units
    of its exact share (rounded towards zero); the units left over go one each
    to the parts with the largest remainders, earlier parts first on ties. The
    parts always sum exactly to ``money`` and each is within one minor unit of
    its exact share. Zero weights get zero; negative amounts split the same way
    with the sign applied.

    Args:
        money: The amount to split; a whole number of minor units.
        weights: A sequence (or iterator) of non-negative ``int`` or ``Decimal``
            weights, at most
            ``MAX_ALLOCATION_PARTS`` of
            them, each zero or between ``1E-60`` and ``1E+31``.

    Returns:
        One part per weight, in the order of the weights.

    Raises:
        InvalidTypeError: ``money`` is not Money, ``weights`` is not a sequence,
            or a weight is not an ``int`` or ``Decimal`` (floats included).
        InvalidInputError: empty or all-zero weights, a negative weight, or an
            amount that is not a whole number of minor units.
        LimitExceededError: more than ``MAX_ALLOCATION_PARTS`` weights, or a
            weight too large or too fine; checked before any work.

    Examples:
        >>> [str(m) for m in allocate(Money(amount="100", currency="EUR"), [1, 2, 0])]
        ['33.33 EUR', '66.67 EUR', '0.00 EUR']
        >>> [str(m) for m in allocate(Money(amount="10", currency="JPY"), [1, 1, 1])]
        ['4 JPY', '3 JPY', '3 JPY']
    """
    if not isinstance(money, Money):
        raise InvalidTypeError("money", money, "must be Money")
    items = _weight_list(weights)
    if not items:
        raise InvalidInputError("weights", weights, "must not be empty")
    shares: list[Any] = items
    for w in items:  # plain int weights in bounds are used as they are
        if type(w) is not int or w < 0 or w >= _INT_LIMIT:
            shares = _integer_weights([_weight(i, w) for i, w in enumerate(items)])
            break
    total_weight = sum(shares)
    if total_weight == 0:
        raise InvalidInputError("weights", weights, "must not all be zero")
    units = money.minor_units
    sign = -1 if units < 0 else 1
    remaining = abs(units)
    # Exact integer arithmetic: share i is remaining * w_i / W = floor + rest / W.
    floors: list[int] = []
    rests: list[int] = []
    for w in shares:
        whole, rest = divmod(remaining * w, total_weight)
        floors.append(whole)
        rests.append(rest)
    leftover = remaining - sum(floors)
    if leftover:
        # Largest remainder first; the sort is stable, so earlier parts first on ties.
        order = sorted(range(len(rests)), key=rests.__getitem__, reverse=True)
        for i in order[:leftover]:
            floors[i] += 1
    # Each part is a whole number of minor units no larger than the amount: valid
    # as it is, so it is built without the constructor's checks.
    currency = money.currency
    places = -_DIGITS[currency]
    parts: list[Money] = []
    add = parts.append
    for f in floors:
        part = _blank(Money)
        _set_amount(part, _scaleb(sign * f, places))
        _set_currency(part, currency)
        add(part)
    return tuple(parts)
