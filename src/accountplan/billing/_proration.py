"""Proration: what part of a billing period's price a shorter span is worth.

Every method measures a span and divides it by the same measure of the whole
period (``period``); the ratio is an exact fraction, and only the final amount
is rounded, to the currency's minor unit with the given rounding mode.

* ``actual_days`` (Kill Bill): calendar days of the span over calendar days of
  the billing period.
* ``calendar_month_days`` (Lago): every calendar month is worth the same; a day
  is worth ``1 / (days in its month)`` of a month. For a period that is one
  calendar month this is "days used / days in the month".
* ``thirty_day_month``: every month has 30 days (30E/360 positions: the 31st
  counts as the 30th, and the last day of February counts up to the 30th).
* ``seconds`` (Stripe): elapsed real time, to the microsecond, between aware
  datetimes (converted to UTC, so DST changes do not distort it).
* ``none``: no proration; the full amount is charged.

Spans are half-open ``[start, end)``; dates for the day-based methods, aware
datetimes for ``seconds``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Any

import attrs

from accountplan._decimal import CONTEXT
from accountplan._typing import PRORATION_METHODS, ROUNDING_MODES, ProrationMethod, Rounding
from accountplan._units import micros
from accountplan._validate import (
    check_aware,
    check_choice,
    check_non_empty,
    check_type,
    instance_of,
)
from accountplan.billing._daycount import check_date
from accountplan.billing._invoice import InvoiceLine, tax_percent
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money, allocate

__all__ = [
    "MAX_PRORATION_PARTS",
    "PlanChange",
    "change_plan",
    "prorate",
    "prorate_parts",
    "proration_ratio",
]

#: The most parts [`prorate_parts()`][accountplan.billing.prorate_parts] splits an amount into.
MAX_PRORATION_PARTS = 10_000

Instant = dt.date | dt.datetime


def _span(field: str, value: Any, method: ProrationMethod) -> tuple[Instant, Instant]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidTypeError(field, value, "must be a (start, end) pair")
    if len(value) != 2:
        raise InvalidInputError(field, value, "must be a (start, end) pair")
    start, end = value
    if method == "seconds":
        first: Instant = check_aware(f"{field}[0]", start)
        last: Instant = check_aware(f"{field}[1]", end)
    else:
        first = check_date(f"{field}[0]", start)
        last = check_date(f"{field}[1]", end)
    if last < first:
        raise InvalidInputError(
            field, value, f"must not end before it starts (got start={start}, end={end})"
        )
    return first, last


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_position(day: dt.date) -> Fraction:
    """Months since year 0 at the start of ``day``, each month worth one."""
    length = calendar.monthrange(day.year, day.month)[1]
    return _month_index(day) + Fraction(day.day - 1, length)


def _thirty_position(day: dt.date) -> int:
    return _month_index(day) * 30 + min(day.day, 30)


def _measure(method: ProrationMethod, start: Instant, end: Instant) -> Fraction:
    if method == "seconds":
        assert isinstance(start, dt.datetime)
        assert isinstance(end, dt.datetime)
        delta = end.astimezone(dt.UTC) - start.astimezone(dt.UTC)
        return Fraction(micros(delta))
    assert not isinstance(start, dt.datetime)
    assert not isinstance(end, dt.datetime)
    if method == "calendar_month_days":
        return _month_position(end) - _month_position(start)
    if method == "thirty_day_month":
        return Fraction(_thirty_position(end) - _thirty_position(start))
    return Fraction((end - start).days)


def _method(method: Any) -> ProrationMethod:
    return check_choice("method", method, PRORATION_METHODS)  # type: ignore[return-value]


def _whole(method: ProrationMethod, period: tuple[Instant, Instant]) -> Fraction:
    whole = _measure(method, *period)
    if whole <= 0:
        raise InvalidInputError(
            "period", period, f"has no length under the {method!r} method; it cannot be prorated"
        )
    return whole


def _inside(field: str, span: tuple[Instant, Instant], period: tuple[Instant, Instant]) -> None:
    if span[0] < period[0] or span[1] > period[1]:
        raise InvalidInputError(
            field,
            span,
            f"must lie within 'period' (got {span[0]} to {span[1]}, "
            f"period {period[0]} to {period[1]})",
        )


def proration_ratio(
    *, period: Sequence[Instant], used: Sequence[Instant], method: ProrationMethod = "actual_days"
) -> Fraction:
    """The exact share of ``period`` that ``used`` is worth (1 for ``none``).

    Args:
        period: The billing period as a ``(start, end)`` pair, half-open:
            dates, or aware datetimes for ``seconds``.
        used: The span used, a ``(start, end)`` pair within ``period``.
        method: ``"actual_days"`` (the default), ``"calendar_month_days"``,
            ``"thirty_day_month"``, ``"seconds"`` or ``"none"`` (see the
            module notes).

    Returns:
        The used measure over the period's measure, as an exact fraction
        from 0 to 1 (a ratio, not a percentage).

    Raises:
        InvalidTypeError: ``method`` is not a ``str``, or a bound of a
            ``seconds`` span is not a ``datetime``.
        InvalidInputError: an unknown method, a span that is not a pair,
            ends before it starts or has the wrong kind of bounds (a naive
            datetime, a datetime for a day method), ``used`` outside
            ``period``, or a period of no length.

    Examples:
        >>> import datetime as dt
        >>> jan = (dt.date(2025, 1, 1), dt.date(2025, 2, 1))
        >>> proration_ratio(period=jan, used=(dt.date(2025, 1, 15), dt.date(2025, 2, 1)))
        Fraction(17, 31)
        >>> proration_ratio(period=jan, used=(dt.date(2025, 1, 15), dt.date(2025, 2, 1)),
        ...                 method="thirty_day_month")
        Fraction(8, 15)
    """
    mode = _method(method)
    whole_span = _span("period", period, mode)
    used_span = _span("used", used, mode)
    _inside("used", used_span, whole_span)
    if mode == "none":
        return Fraction(1)
    return _measure(mode, *used_span) / _whole(mode, whole_span)


def _times(amount: Money, ratio: Fraction, rounding: Rounding) -> Money:
    exact = CONTEXT.divide(
        CONTEXT.multiply(amount.amount, Decimal(ratio.numerator)), Decimal(ratio.denominator)
    )
    return Money(amount=exact, currency=amount.currency).rounded(rounding)


def prorate(
    amount: Money,
    /,
    *,
    period: Sequence[Instant],
    used: Sequence[Instant],
    method: ProrationMethod = "actual_days",
    rounding: Rounding = "half_even",
) -> Money:
    """The part of ``amount`` (the price of ``period``) that ``used`` is worth, rounded.

    ``period`` and ``used`` are ``(start, end)`` pairs, half-open; ``used``
    must lie within ``period``. See the module notes for the methods.

    Args:
        amount: The price of the whole ``period``.
        period: The billing period as a ``(start, end)`` pair: dates, or
            aware datetimes for ``seconds``.
        used: The span used, a ``(start, end)`` pair within ``period``.
        method: ``"actual_days"`` (the default), ``"calendar_month_days"``,
            ``"thirty_day_month"``, ``"seconds"`` or ``"none"`` (see the
            module notes).
        rounding: How the exact share is rounded to the currency's minor
            unit: ``"half_even"`` (the default), ``"half_up"``,
            ``"half_down"``, ``"down"``, ``"up"``, ``"ceiling"`` or
            ``"floor"``.

    Returns:
        ``amount`` times the proration ratio, rounded to the minor unit, in
        the currency of ``amount``.

    Raises:
        InvalidTypeError: ``amount`` is not [Money][accountplan.money.Money],
            or ``method`` or ``rounding`` is not a ``str``, or a bound of a
            ``seconds`` span is not a ``datetime``.
        InvalidInputError: an unknown method or rounding mode, or a bad span
            (see [proration_ratio][accountplan.billing.proration_ratio]).

    Examples:
        >>> import datetime as dt
        >>> price = Money(amount="31.00", currency="EUR")
        >>> jan = (dt.date(2025, 1, 1), dt.date(2025, 2, 1))
        >>> prorate(price, period=jan, used=(dt.date(2025, 1, 15), dt.date(2025, 2, 1)))
        Money(amount=Decimal('17.00'), currency='EUR')
        >>> prorate(price, period=jan, used=(dt.date(2025, 1, 15), dt.date(2025, 2, 1)),
        ...         method="none")
        Money(amount=Decimal('31.00'), currency='EUR')
    """
    check_type("amount", amount, Money)
    check_choice("rounding", rounding, ROUNDING_MODES)
    ratio = proration_ratio(period=period, used=used, method=method)
    return _times(amount, ratio, rounding)


def prorate_parts(
    amount: Money,
    /,
    *,
    period: Sequence[Instant],
    cuts: Sequence[Instant],
    method: ProrationMethod = "actual_days",
) -> tuple[Money, ...]:
    """Split the price of ``period`` at ``cuts`` into parts that sum exactly to ``amount``.

    The parts follow the method's measure of each piece, in whole minor units
    (largest remainder, see [`allocate()`][accountplan.money.allocate]). ``cuts`` must
    lie within the period, in order; ``n`` cuts give ``n + 1`` parts.
    ``method="none"`` cannot split an amount.

    Args:
        amount: The price of the whole ``period``, in whole minor units.
        period: The billing period as a ``(start, end)`` pair: dates, or
            aware datetimes for ``seconds``.
        cuts: The instants to split at, in order, within ``period``; at most
            ``MAX_PRORATION_PARTS - 1`` of them.
        method: ``"actual_days"`` (the default), ``"calendar_month_days"``,
            ``"thirty_day_month"`` or ``"seconds"``.

    Returns:
        ``len(cuts) + 1`` parts in period order that sum exactly to
        ``amount``.

    Raises:
        InvalidTypeError: ``amount`` is not [Money][accountplan.money.Money],
            ``method`` is not a ``str``, or a bound of a ``seconds`` span is
            not a ``datetime``.
        InvalidInputError: ``method="none"`` or an unknown method, ``cuts``
            is not a sequence, cuts out of order or outside the period, a
            period of no length, or an ``amount`` with more decimals than its
            currency's minor unit.
        LimitExceededError: more than ``MAX_PRORATION_PARTS`` parts; checked
            before any work.

    Examples:
        >>> import datetime as dt
        >>> parts = prorate_parts(Money(amount="10.00", currency="EUR"),
        ...                       period=(dt.date(2025, 1, 1), dt.date(2025, 1, 4)),
        ...                       cuts=[dt.date(2025, 1, 2), dt.date(2025, 1, 3)])
        >>> [str(p) for p in parts]
        ['3.34 EUR', '3.33 EUR', '3.33 EUR']
    """
    check_type("amount", amount, Money)
    mode = _method(method)
    if mode == "none":
        raise InvalidInputError("method", mode, "cannot split an amount; pick a measure")
    given: Any = cuts
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise InvalidTypeError("cuts", cuts, "must be a sequence of dates or datetimes")
    if len(cuts) + 1 > MAX_PRORATION_PARTS:
        raise LimitExceededError("cuts", len(cuts), MAX_PRORATION_PARTS - 1)
    start, end = _span("period", period, mode)
    whole = _whole(mode, (start, end))
    points = [start, *cuts, end]
    weights: list[Fraction] = []
    for index in range(len(points) - 1):
        piece = _span(f"cuts[{index}]", (points[index], points[index + 1]), mode)
        weights.append(_measure(mode, *piece) / whole)
    denominator = lcm(*(w.denominator for w in weights))
    return allocate(amount, [int(w * denominator) for w in weights])


@attrs.frozen(kw_only=True)
class PlanChange:
    """The two invoice lines of a mid-period plan change.

    Attributes:
        credit: The unused part of the old price, as a negative line.
        charge: The remaining part of the new price.

    Examples:
        >>> import datetime as dt
        >>> change = change_plan(Money(amount=10, currency="USD"), Money(amount=20, currency="USD"),
        ...                      period=(dt.date(2025, 4, 1), dt.date(2025, 5, 1)),
        ...                      at=dt.date(2025, 4, 16))
        >>> str(change.net)
        '5.00 USD'
    """

    credit: InvoiceLine = attrs.field(validator=instance_of(InvoiceLine))
    charge: InvoiceLine = attrs.field(validator=instance_of(InvoiceLine))

    @property
    def lines(self) -> tuple[InvoiceLine, InvoiceLine]:
        """The credit and the charge, in that order."""
        return (self.credit, self.charge)

    @property
    def net(self) -> Money:
        """What the change costs the customer: the charge less the credit."""
        return self.credit.amount + self.charge.amount


def _rest(
    amount: Money, period: tuple[Instant, Instant], at: Instant, method: ProrationMethod
) -> Money:
    """The part of ``amount`` for ``[at, end)`` from an exact two-way split."""
    if at == period[0]:
        return amount
    if at == period[1]:
        return Money.zero(amount.currency)
    return prorate_parts(amount, period=period, cuts=[at], method=method)[1]


def change_plan(
    old_price: Money,
    new_price: Money,
    /,
    *,
    period: Sequence[Instant],
    at: Instant,
    method: ProrationMethod = "actual_days",
    tax_rate: Decimal | int | str = 0,
    old_description: str = "Unused time on the previous plan",
    new_description: str = "Remaining time on the new plan",
) -> PlanChange:
    """The credit for the old plan and the charge for the new one when a plan changes at ``at``.

    Both prices are for the whole ``period``, in whole minor units of one
    currency. The credit is the part of the old price for ``[at, end)`` and
    the charge the part of the new price for the same span, each from an
    exact split ([`prorate_parts()`][accountplan.billing.prorate_parts]): the part of the old price
    already
    used plus the credit is exactly the old price. With ``method="none"``
    nothing is prorated: both lines are zero and the new price applies from
    the next period.

    Args:
        old_price: The old plan's price for the whole period.
        new_price: The new plan's price for the whole period.
        period: The ``(start, end)`` of the period, half-open.
        at: When the plan changes, within the period.
        method: The proration method.
        tax_rate: The tax rate of both lines **in percent** (``21`` means
            21 %); a value between 0 and 1 is refused as a fraction by mistake.
        old_description: The credit line's description.
        new_description: The charge line's description.

    Returns:
        The credit and charge lines.

    Raises:
        InvalidInputError: Bad input, such as a tax rate given as a fraction.
        CurrencyMismatchError: The prices are in different currencies.

    Examples:
        >>> import datetime as dt
        >>> change = change_plan(Money(amount=10, currency="USD"), Money(amount=20, currency="USD"),
        ...                      period=(dt.date(2025, 4, 1), dt.date(2025, 5, 1)),
        ...                      at=dt.date(2025, 4, 16))
        >>> [str(line.unit_price) for line in change.lines]
        ['-5.00 USD', '10.00 USD']
    """
    check_type("old_price", old_price, Money)
    check_type("new_price", new_price, Money)
    if old_price.currency != new_price.currency:
        raise CurrencyMismatchError(old_price.currency, new_price.currency, "change plan")
    for field, price in (("old_price", old_price), ("new_price", new_price)):
        if price.amount < 0 or not price.is_rounded():
            raise InvalidInputError(
                field, price, "must be zero or more, in whole minor units of its currency"
            )
    tax_percent(tax_rate)
    mode = _method(method)
    whole = _span("period", period, mode)
    moment = _span("at", (at, at), mode)[0]
    _inside("at", (moment, moment), whole)
    if mode == "none":
        credit = Money.zero(old_price.currency)
        charge = Money.zero(new_price.currency)
    else:
        _whole(mode, whole)
        credit = _rest(old_price, whole, moment, mode)
        charge = _rest(new_price, whole, moment, mode)
    return PlanChange(
        credit=InvoiceLine(
            description=check_non_empty("old_description", old_description),
            unit_price=-credit.rounded(),
            tax_rate=tax_rate,
        ),
        charge=InvoiceLine(
            description=check_non_empty("new_description", new_description),
            unit_price=charge.rounded(),
            tax_rate=tax_rate,
        ),
    )
