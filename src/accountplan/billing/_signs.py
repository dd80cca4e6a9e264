"""No negative zero in a billing result: ``-0.00 EUR`` is shown to nobody."""

from __future__ import annotations

from accountplan.money import Money

__all__ = ["unsigned_zero"]


def unsigned_zero(money: Money, /) -> Money:
    """Return ``money`` with a negative zero made positive (``-0.00`` becomes ``0.00``).

    A negative zero arises when a small negative amount is rounded to zero or
    a negative price is multiplied by zero; it equals zero but prints ``-0.00``.
    """
    if money.amount.is_zero() and money.amount.is_signed():
        return Money(amount=money.amount.copy_abs(), currency=money.currency)
    return money
