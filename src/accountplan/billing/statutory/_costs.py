"""Fixed compensation and collection costs: EU EUR 40, Dutch WIK scale, UK fixed sums."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from accountplan._decimal import CONTEXT, to_decimal
from accountplan._validate import check_type
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money

__all__ = ["eu_compensation", "nl_collection_costs", "uk_fixed_sum"]

WIK_SLICES: Final = (
    (Decimal(2500), Decimal(15)),
    (Decimal(2500), Decimal(10)),
    (Decimal(5000), Decimal(5)),
    (Decimal(190000), Decimal(1)),
    (None, Decimal("0.5")),
)
"""The WIK scale: Besluit vergoeding voor buitengerechtelijke incassokosten (Stb. 2012, 141),
art. 2 lid 1 -- (slice width in EUR or None for the rest, percentage).
"""
WIK_MINIMUM: Final = Decimal(40)
"""Art. 2 lid 1: at least EUR 40, at most EUR 6,775."""
WIK_MAXIMUM: Final = Decimal(6775)


def _debt(field: str, value: object, currency: str) -> Money:
    money = check_type(field, value, Money)
    if money.currency != currency:
        raise InvalidInputError(field, money, f"must be in {currency}")
    if money.amount < 0:
        raise InvalidInputError(
            field, money, "must not be negative: a negative balance is a credit, not a late debt"
        )
    return money


def nl_collection_costs(
    principal: Money, /, *, vat_rate: Decimal | int | str | None = None
) -> Money:
    """Dutch extrajudicial collection costs on a principal (the WIK scale).

    15 % of the first EUR 2,500, 10 % of the next 2,500, 5 % of the next
    5,000, 1 % of the next 190,000 and 0.5 % of the rest, at least EUR 40 and
    at most EUR 6,775 (Besluit vergoeding voor buitengerechtelijke
    incassokosten, art. 2). The principal excludes accrued interest. A
    creditor who cannot deduct VAT may raise the costs by the VAT rate
    (art. 2 lid 3). The result is rounded half up to cents. For consumers
    the costs are due only after a written reminder giving 14 days
    (BW 6:96 lid 6); that check is the caller's.

    A principal of zero (nothing is owed any more) gives EUR 0.00: the
    EUR 40 minimum applies only when there is a debt to collect.

    Args:
        principal: The unpaid principal in EUR, zero or more.
        vat_rate: The VAT rate in percent (``21`` means 21 %) to add when the
            creditor cannot deduct VAT, from 0 to 100; ``None`` adds nothing.

    Returns:
        The costs in EUR, rounded to cents.

    Raises:
        InvalidTypeError: ``principal`` is not a ``Money``.
        InvalidInputError: ``principal`` is negative or not in EUR, or
            ``vat_rate`` is not a percentage from 0 to 100.

    Examples:
        >>> str(nl_collection_costs(Money(amount="2500", currency="EUR")))
        '375.00 EUR'
        >>> str(nl_collection_costs(Money(amount="5000", currency="EUR"), vat_rate=21))
        '756.25 EUR'
        >>> str(nl_collection_costs(Money(amount="100", currency="EUR")))
        '40.00 EUR'
        >>> str(nl_collection_costs(Money(amount="0", currency="EUR")))
        '0.00 EUR'
    """
    debt = _debt("principal", principal, "EUR")
    vat = None if vat_rate is None else to_decimal("vat_rate", vat_rate)
    if vat is not None and (vat < 0 or vat > 100):
        raise InvalidInputError("vat_rate", vat_rate, "must be a percentage from 0 to 100")
    if debt.amount == 0:
        return Money.zero("EUR").rounded("half_up")
    rest = debt.amount
    total = Decimal(0)
    for width, percent in WIK_SLICES:
        part = rest if width is None else min(rest, width)
        total = CONTEXT.add(total, CONTEXT.divide(CONTEXT.multiply(part, percent), Decimal(100)))
        rest = CONTEXT.subtract(rest, part)
    total = min(max(total, WIK_MINIMUM), WIK_MAXIMUM)
    if vat is not None:
        total = CONTEXT.multiply(total, CONTEXT.add(Decimal(1), CONTEXT.divide(vat, Decimal(100))))
    return Money(amount=total, currency="EUR").rounded("half_up")


def uk_fixed_sum(debt: Money, /) -> Money:
    """The fixed sum for a late commercial debt in the UK (Late Payment Act 1998 s. 5A).

    GBP 40 for a debt under 1,000; GBP 70 from 1,000 to 9,999.99; GBP 100
    from 10,000. A debt of zero (nothing is owed) gives GBP 0: the fixed sum
    is compensation for recovering a debt, and there is none.

    Args:
        debt: The debt in GBP, zero or more.

    Returns:
        The fixed sum in GBP.

    Raises:
        InvalidTypeError: ``debt`` is not a ``Money``.
        InvalidInputError: ``debt`` is negative or not in GBP.

    Examples:
        >>> debts = ("999.99", "1000", "10000", "0")
        >>> [str(uk_fixed_sum(Money(amount=a, currency="GBP"))) for a in debts]
        ['40 GBP', '70 GBP', '100 GBP', '0 GBP']
    """
    amount = _debt("debt", debt, "GBP").amount
    if amount == 0:
        return Money(amount=0, currency="GBP")
    if amount < 1000:
        return Money(amount=40, currency="GBP")
    if amount < 10000:
        return Money(amount=70, currency="GBP")
    return Money(amount=100, currency="GBP")


def eu_compensation(debt: Money, /) -> Money:
    """The fixed compensation for recovery costs, Directive 2011/7/EU art. 6(1): EUR 40.

    Due per late commercial payment, without a reminder; member states
    outside the euro area convert it. A debt of zero (nothing is owed) gives
    EUR 0: there is no late payment to compensate.

    Args:
        debt: The late debt in EUR, zero or more.

    Returns:
        EUR 40, or EUR 0 for a zero debt.

    Raises:
        InvalidTypeError: ``debt`` is not a ``Money``.
        InvalidInputError: ``debt`` is negative or not in EUR.

    Examples:
        >>> str(eu_compensation(Money(amount="12.50", currency="EUR")))
        '40 EUR'
        >>> str(eu_compensation(Money(amount="0.00", currency="EUR")))
        '0 EUR'
    """
    if _debt("debt", debt, "EUR").amount == 0:
        return Money(amount=0, currency="EUR")
    return Money(amount=40, currency="EUR")
