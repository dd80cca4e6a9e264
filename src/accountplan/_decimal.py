"""Decimal helpers that never depend on the ambient decimal context."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

from accountplan._typing import Rounding
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = [
    "CONTEXT",
    "MAX_ADJUSTED_EXPONENT",
    "MAX_DIGITS",
    "ROUNDING",
    "quantize",
    "to_decimal",
]

#: Significant digits kept by every internal computation.
PRECISION = 60
#: Largest magnitude accepted for an amount: 10**31 (adjusted exponent 30).
MAX_ADJUSTED_EXPONENT = 30
#: Most significant digits accepted in an input amount.
MAX_DIGITS = 60

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

ROUNDING: dict[str, str] = {
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_up": decimal.ROUND_HALF_UP,
    "half_down": decimal.ROUND_HALF_DOWN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
    "ceiling": decimal.ROUND_CEILING,
    "floor": decimal.ROUND_FLOOR,
}


def check_bounds(field: str, value: Decimal, original: Any) -> Decimal:
    """Refuse non-finite values and values too large or too precise to be money."""
    if not value.is_finite():
        raise InvalidInputError(field, original, "must be a finite number")
    if value and value.adjusted() > MAX_ADJUSTED_EXPONENT:
        raise LimitExceededError(
            field, original, f"1E+{MAX_ADJUSTED_EXPONENT + 1}", "is larger than 1E+31"
        )
    if len(value.as_tuple().digits) > MAX_DIGITS:
        raise LimitExceededError(
            field, original, MAX_DIGITS, f"has more than {MAX_DIGITS} significant digits"
        )
    return value


def to_decimal(field: str, value: Any) -> Decimal:
    """Convert an ``int``, ``Decimal`` or decimal string to ``Decimal``.

    Floats raise :class:`~accountplan.exceptions.InvalidTypeError` (a ``TypeError``):
    ``0.1`` is not one tenth, and money must be exact.
    """
    if isinstance(value, Decimal):
        return check_bounds(field, value, value)
    if isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be a Decimal, int or decimal string")
    if isinstance(value, int):
        if abs(value) >= 10 ** (MAX_ADJUSTED_EXPONENT + 1):
            raise LimitExceededError(field, value, "1E+31", "is larger than 1E+31")
        return Decimal(value)
    if isinstance(value, float):
        raise InvalidTypeError(
            field,
            value,
            "must not be a float; pass a Decimal, an int or a decimal string such as "
            "'0.10' so that the amount is exact",
        )
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 2 * MAX_DIGITS + 10:
            raise LimitExceededError(field, value, 2 * MAX_DIGITS + 10, "is too long")
        try:
            parsed = Decimal(text)
        except decimal.InvalidOperation:
            raise InvalidInputError(field, value, "must be a decimal string") from None
        if parsed.is_finite() and parsed and not -999 < parsed.adjusted() < 999:
            raise LimitExceededError(field, value, "1E+31", "has an absurd exponent")
        return check_bounds(field, parsed, value)
    raise InvalidInputError(field, value, "must be a Decimal, int or decimal string")


def quantize(value: Decimal, places: int, rounding: Rounding) -> Decimal:
    """Round ``value`` to ``places`` decimal places with the named rounding mode."""
    try:
        mode = ROUNDING[rounding]
    except (KeyError, TypeError):
        raise InvalidInputError(
            "rounding", rounding, f"must be one of {', '.join(ROUNDING)}"
        ) from None
    return value.quantize(Decimal(1).scaleb(-places), rounding=mode, context=CONTEXT)
