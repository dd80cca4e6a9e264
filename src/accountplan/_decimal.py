"""Decimal helpers that never depend on the ambient decimal context."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Any

from accountplan._typing import Rounding
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = [
    "CONTEXT",
    "MAX_ADJUSTED_EXPONENT",
    "MAX_DIGITS",
    "MIN_ADJUSTED_EXPONENT",
    "MIN_EXPONENT",
    "MONEY_CONTEXT",
    "ROUNDING",
    "check_bounds",
    "quantize",
    "to_decimal",
]

#: Significant digits kept by every internal computation.
PRECISION = 60
#: Largest magnitude accepted for an amount: below 10**31 (adjusted exponent 30).
MAX_ADJUSTED_EXPONENT = 30
#: Smallest magnitude of a non-zero value: ``1E-60`` (adjusted exponent -60).
MIN_ADJUSTED_EXPONENT = -60
#: Most significant digits accepted in an input amount.
MAX_DIGITS = 60
#: Smallest exponent accepted (119 decimal places): 60 digits below ``1E-60``.
MIN_EXPONENT = MIN_ADJUSTED_EXPONENT - MAX_DIGITS + 1
#: Longest decimal string accepted (digits, sign, point, exponent and blanks).
MAX_DECIMAL_TEXT = 2 * MAX_DIGITS + 10

# A private context passed explicitly to every operation. It is never installed
# as the thread's context, so a caller's ``getcontext().prec = 4`` changes
# nothing here.
CONTEXT = decimal.Context(
    prec=PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

# The context of Money arithmetic. Its Emin is MIN_ADJUSTED_EXPONENT and its
# smallest exponent (Etiny = Emin - prec + 1) is MIN_EXPONENT, so a result never
# grows a billion-digit expansion. Operands are bounded (adjusted exponent
# between -60 and 30, at most 60 digits), so results stay far below Emax and
# Overflow cannot happen; every result's magnitude is then checked against
# both bounds.
MONEY_CONTEXT = decimal.Context(
    prec=PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=MIN_ADJUSTED_EXPONENT,
    Emax=999,
    capitals=1,
    clamp=0,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

ROUNDING: dict[str, str] = {
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_up": decimal.ROUND_HALF_UP,
    "half_down": decimal.ROUND_HALF_DOWN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
    "ceiling": decimal.ROUND_CEILING,
    "floor": decimal.ROUND_FLOOR,
}

_LIMIT = f"1E+{MAX_ADJUSTED_EXPONENT + 1}"
_TINY = f"1E{MIN_ADJUSTED_EXPONENT}"
# ASCII only: Python's Decimal() also reads Arabic-Indic and other Unicode
# digits, which the wire format and the API refuse. Blanks around are allowed.
_DECIMAL_TEXT = re.compile(
    r"[ \t\r\n]*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,12})?)[ \t\r\n]*",
    re.ASCII,
)


def check_bounds(field: str, value: Decimal, original: Any) -> Decimal:
    """Refuse non-finite values and values too large, too long or too fine to be money.

    A finite value is accepted when it is zero or its magnitude is between
    ``1E-60`` and ``1E+31`` (excluded), and it has at most 60 significant
    digits (so at most 119 decimal places). Negative zero comes back as
    positive zero (with the same exponent).
    """
    if not value.is_finite():
        raise InvalidInputError(field, original, "must be a finite number")
    if not value:
        # Zero: only the exponent can be absurd; the sign is dropped.
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        if exponent < MIN_EXPONENT:
            raise LimitExceededError(
                field, original, -MIN_EXPONENT, f"has more than {-MIN_EXPONENT} decimal places"
            )
        if exponent > MAX_ADJUSTED_EXPONENT:
            raise LimitExceededError(field, original, _LIMIT, f"is larger than {_LIMIT}")
        return value.copy_abs() if value.is_signed() else value
    adjusted = value.adjusted()
    if adjusted > MAX_ADJUSTED_EXPONENT:
        raise LimitExceededError(field, original, _LIMIT, f"is larger than {_LIMIT}")
    if adjusted < MIN_ADJUSTED_EXPONENT:
        raise LimitExceededError(field, original, _TINY, f"is smaller than {_TINY} (and not zero)")
    if len(value.as_tuple().digits) > MAX_DIGITS:
        raise LimitExceededError(
            field, original, MAX_DIGITS, f"has more than {MAX_DIGITS} significant digits"
        )
    return value


def to_decimal(field: str, value: Any) -> Decimal:
    """Convert an ``int``, ``Decimal`` or decimal string to ``Decimal``.

    Floats and other types raise
    [InvalidTypeError][accountplan.exceptions.InvalidTypeError] (a ``TypeError``):
    ``0.1`` is not one tenth, and money must be exact. Strings must use ASCII
    digits. Values outside the bounds of
    [check_bounds][accountplan._decimal.check_bounds] raise
    [LimitExceededError][accountplan.exceptions.LimitExceededError].
    """
    if isinstance(value, Decimal):
        return check_bounds(field, value, value)
    if isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be a Decimal, int or decimal string, not a bool")
    if isinstance(value, int):
        if abs(value) >= 10 ** (MAX_ADJUSTED_EXPONENT + 1):
            raise LimitExceededError(field, value, _LIMIT, f"is larger than {_LIMIT}")
        return Decimal(int(value))
    if isinstance(value, float):
        raise InvalidTypeError(
            field,
            value,
            "must not be a float; pass a Decimal, an int or a decimal string such as "
            "'0.10' so that the amount is exact",
        )
    if isinstance(value, str):
        if len(value) > MAX_DECIMAL_TEXT:
            raise LimitExceededError(field, value, MAX_DECIMAL_TEXT, "is too long")
        match = _DECIMAL_TEXT.fullmatch(value)
        if match is None:
            if not value.isascii() and any(c.isdigit() for c in value):
                raise InvalidInputError(field, value, "must be written with ASCII digits 0-9")
            raise InvalidInputError(field, value, "must be a decimal string such as '12.50'")
        # The text is a well-formed finite number, so Decimal() signals nothing.
        return check_bounds(field, Decimal(match[1]), value)
    raise InvalidTypeError(field, value, "must be a Decimal, int or decimal string")


def quantize(value: Decimal, places: int, rounding: Rounding) -> Decimal:
    """Round ``value`` to ``places`` decimal places with the named rounding mode."""
    if not isinstance(rounding, str):
        raise InvalidTypeError("rounding", rounding, f"must be one of {', '.join(ROUNDING)}")
    try:
        mode = ROUNDING[rounding]
    except KeyError:
        raise InvalidInputError(
            "rounding", rounding, f"must be one of {', '.join(ROUNDING)}"
        ) from None
    return value.quantize(_STEPS[places], rounding=mode, context=CONTEXT)


# The quantum of every currency precision (0 to 4 minor-unit digits, and more).
_STEPS: dict[int, Decimal] = {p: Decimal(1).scaleb(-p, context=CONTEXT) for p in range(10)}
