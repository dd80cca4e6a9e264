"""Late fees as data: flat fees, percentages, interest, grace periods and caps.

How a fee is computed ([`late_fee()`][accountplan.billing.late_fee]):

* The item is *late* once ``as_of`` is after ``due + grace_days`` and money is
  still open at the end of that day. Before that the fee is zero.
* Interest accrues on the days ``start + 1 .. as_of`` where ``start`` is the
  end of the grace period (``grace_accrual="from_grace_end"``, the default) or
  the due date (``"from_due_date"``: the grace period only waives fees for
  debts paid within it). A payment on day ``p`` reduces the principal for the
  days after ``p``: the paid part bears interest up to and including its
  payment day, and interest stops once the item is settled: nothing accrues
  after the day of the last settlement, not even on capitalised interest, and
  a rate table only has to cover the days up to that day.
* Flat and percentage components are charged once, when the item becomes
  late; a percentage is taken of the amount open at that moment.
* Each line is rounded to the currency's minor unit with the policy's
  rounding; the fee is the sum of the lines, then raised to ``minimum`` or
  lowered to ``maximum`` (the maximum wins if the two conflict).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from accountplan._decimal import CONTEXT, to_decimal
from accountplan._tables import Column, Tabular
from accountplan._typing import (
    ACCRUALS,
    COMPOUNDINGS,
    DAY_COUNTS,
    GRACE_ACCRUALS,
    LATE_FEE_KINDS,
    ROUNDING_MODES,
    Accrual,
    Compounding,
    DayCount,
    GraceAccrual,
    LateFeeKind,
    Rounding,
)
from accountplan._validate import check_choice, check_type
from accountplan.billing._allocation import owed_item
from accountplan.billing._cycles import add_months
from accountplan.billing._daycount import check_date, day_count_days, year_fraction
from accountplan.billing._invoice import Invoice
from accountplan.billing._payments import OpenItem
from accountplan.billing._rates import RateTable, rate_on, rate_segments
from accountplan.billing._rows import LATE_FEE_COLUMNS, late_fee_record
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, LimitExceededError
from accountplan.money import Money

__all__ = [
    "MAX_LATE_YEARS",
    "Cap",
    "InterestPolicy",
    "LateFee",
    "LateFeeComponent",
    "LateFeeLine",
    "LateFeePolicy",
    "late_fee",
]

#: The longest span of lateness a fee is computed for, in years.
MAX_LATE_YEARS = 100
#: The longest grace period, in days.
MAX_GRACE_DAYS = 3650
#: The most components one policy may combine.
MAX_COMPONENTS = 50

_HUNDRED = Decimal(100)


def _percent(field: str) -> Any:  # a converter factory
    def convert(value: Any) -> Decimal:
        number = to_decimal(field, value)
        if number < 0 or number > 1000:
            raise InvalidInputError(field, value, "must be a percentage from 0 to 1000")
        return number

    return convert


def _optional_rate(value: Any) -> Decimal | None:
    return None if value is None else _percent("rate")(value)


def _optional_percent(value: Any) -> Decimal | None:
    return None if value is None else _percent("percent")(value)


def _margin(value: Any) -> Decimal:
    return _percent("margin")(value)  # type: ignore[no-any-return]


def _optional_table(_instance: Any, _attribute: Any, value: Any) -> None:
    if value is not None:
        check_type("rates", value, RateTable)


def _optional_interest(_instance: Any, _attribute: Any, value: Any) -> None:
    if value is not None:
        check_type("interest", value, InterestPolicy)


_OPTIONS: dict[str, tuple[str, ...]] = {
    "day_count": DAY_COUNTS,
    "compounding": COMPOUNDINGS,
    "accrual": ACCRUALS,
    "kind": LATE_FEE_KINDS,
    "grace_accrual": GRACE_ACCRUALS,
    "rounding": ROUNDING_MODES,
}


def _option(_instance: Any, attribute: Any, value: Any) -> None:
    """Validate an option field against its choices (named by the attribute)."""
    check_choice(attribute.name, value, _OPTIONS[attribute.name])


def _optional_money(_instance: Any, attribute: Any, value: Any) -> None:
    """Validate an optional, non-negative amount (named by the attribute)."""
    if value is None:
        return
    check_type(attribute.name, value, Money)
    if value.amount < 0:
        raise InvalidInputError(attribute.name, value, "must not be negative")


@attrs.frozen(kw_only=True)
class InterestPolicy:
    """How interest on an overdue amount is computed.

    Give either a fixed ``rate`` or a ``rates`` table (plus an optional
    ``margin`` in percentage points, as the statutory rules add 8 points to a
    reference rate). Every rate is in percent a year: ``8`` means 8 % a year,
    not ``0.08``.

    Attributes:
        rate: A fixed rate in percent a year (``8`` is 8 %), or ``None`` with ``rates``.
        rates: A table of effective-dated rates in percent a year, or ``None``
            with ``rate``.
        margin: Percentage points added to every rate (``8`` adds 8 points).
        fix_rate: Keep the rate in force on the first day of lateness for the
            whole debt (the UK Late Payment Act rule) instead of following the
            table; the table then only has to cover that first day.
        day_count: ``act_365`` (default), ``act_360``, ``act_act``, ``30_360``
            or ``30e_360``.
        compounding: ``simple`` (default); ``annual``: after each full year the
            interest of that year is added to the amount on which interest runs
            (BW 6:119 lid 2); ``monthly``: the same every month.
        accrual: ``per_day`` (default) or ``per_started_month``: a whole
            month's interest (rate / 12) for every month begun, as in the
            contract clause "1% per month or part of a month".

    Examples:
        >>> InterestPolicy(rate="8", compounding="annual").compounding
        'annual'
    """

    rate: Decimal | None = attrs.field(default=None, converter=_optional_rate)
    rates: RateTable | None = attrs.field(
        default=None,
        validator=_optional_table,
    )
    margin: Decimal = attrs.field(default=Decimal(0), converter=_margin)
    fix_rate: bool = attrs.field(
        default=False, validator=lambda _i, _a, v: check_type("fix_rate", v, bool)
    )
    day_count: DayCount = attrs.field(default="act_365", validator=_option)
    compounding: Compounding = attrs.field(default="simple", validator=_option)
    accrual: Accrual = attrs.field(default="per_day", validator=_option)

    def __attrs_post_init__(self) -> None:
        if (self.rate is None) == (self.rates is None):
            raise InvalidInputError(
                "rate", self.rate, "give exactly one of 'rate' and 'rates' (a RateTable)"
            )


@attrs.frozen(kw_only=True)
class LateFeeComponent:
    """One part of a late-fee policy.

    Attributes:
        kind: ``flat`` (a fixed ``amount``), ``percentage`` (``percent`` of the
            amount overdue when the item became late) or ``interest``.
        label: A name shown in the breakdown.
        amount: The flat fee (``kind="flat"`` only).
        percent: The percentage in percent, ``2`` for 2 % of the amount
            overdue (``kind="percentage"`` only).
        interest: The interest rules (``kind="interest"`` only).

    Examples:
        >>> LateFeeComponent(kind="percentage", percent="2").percent
        Decimal('2')
    """

    kind: LateFeeKind = attrs.field(validator=_option)
    label: str = attrs.field(default="", validator=lambda _i, _a, v: check_type("label", v, str))
    amount: Money | None = attrs.field(default=None, validator=_optional_money)
    percent: Decimal | None = attrs.field(default=None, converter=_optional_percent)
    interest: InterestPolicy | None = attrs.field(
        default=None,
        validator=_optional_interest,
    )

    def __attrs_post_init__(self) -> None:
        given = {
            "amount": self.amount is not None,
            "percent": self.percent is not None,
            "interest": self.interest is not None,
        }
        wanted = {"flat": "amount", "percentage": "percent", "interest": "interest"}[self.kind]
        for name, present in given.items():
            if present != (name == wanted):
                raise InvalidInputError(
                    name,
                    getattr(self, name),
                    f"a {self.kind!r} component needs {wanted!r} and nothing else",
                )


@attrs.frozen(kw_only=True)
class Cap:
    """A bound on a late fee: an absolute amount or a percentage of the principal.

    Attributes:
        amount: The bound as money, or ``None``.
        percent: The bound in percent of the principal (``10`` is 10 %), or ``None``.

    Examples:
        >>> Cap(percent="10").percent
        Decimal('10')
    """

    amount: Money | None = attrs.field(default=None, validator=_optional_money)
    percent: Decimal | None = attrs.field(default=None, converter=_optional_percent)

    def __attrs_post_init__(self) -> None:
        if (self.amount is None) == (self.percent is None):
            raise InvalidInputError("amount", self.amount, "give exactly one of amount and percent")

    def resolve(self, principal: Money, /) -> Money:
        """The bound in money for a principal.

        Args:
            principal: The amount the fee is charged on.

        Returns:
            ``amount`` itself, or ``principal`` times ``percent`` / 100
            (unrounded), in the principal's currency.

        Raises:
            CurrencyMismatchError: ``amount`` is in another currency than
                ``principal``.
            AttributeError: ``principal`` is not
                [Money][accountplan.money.Money].

        Examples:
            >>> str(Cap(percent="10").resolve(Money(amount="250.00", currency="EUR")))
            '25.000 EUR'
        """
        if self.amount is not None:
            if self.amount.currency != principal.currency:
                raise CurrencyMismatchError(principal.currency, self.amount.currency, "cap")
            return self.amount
        assert self.percent is not None
        return principal * CONTEXT.divide(self.percent, _HUNDRED)


def _components(value: Any) -> tuple[LateFeeComponent, ...]:
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise InvalidInputError("components", value, "must be a sequence of LateFeeComponent")
    items = tuple(value)
    if not items:
        raise InvalidInputError("components", items, "must not be empty")
    if len(items) > MAX_COMPONENTS:
        raise LimitExceededError("components", len(items), MAX_COMPONENTS)
    for index, item in enumerate(items):
        check_type(f"components[{index}]", item, LateFeeComponent)
    return items


def _grace(_instance: Any, _attribute: Any, value: Any) -> None:
    check_type("grace_days", value, int)
    if not 0 <= value <= MAX_GRACE_DAYS:
        raise InvalidInputError("grace_days", value, f"must be from 0 to {MAX_GRACE_DAYS}")


def _optional_cap(_instance: Any, attribute: Any, value: Any) -> None:
    """Validate an optional cap (named by the attribute)."""
    if value is not None:
        check_type(attribute.name, value, Cap)


@attrs.frozen(kw_only=True)
class LateFeePolicy:
    """A late-fee policy: components, a grace period and caps.

    Attributes:
        components: What is charged; the fee is their sum.
        grace_days: Days after the due date during which no fee is due.
        grace_accrual: Once the grace period has passed, interest counts
            ``from_grace_end`` (default) or ``from_due_date``.
        minimum: The least fee charged once a fee is due, or ``None``.
        maximum: The most ever charged, or ``None``.
        rounding: How each line is rounded to the minor unit.

    Examples:
        >>> policy = LateFeePolicy.interest(rate="12", grace_days=5)
        >>> policy.components[0].interest.rate, policy.grace_days
        (Decimal('12'), 5)
    """

    components: tuple[LateFeeComponent, ...] = attrs.field(converter=_components)
    grace_days: int = attrs.field(default=0, validator=_grace)
    grace_accrual: GraceAccrual = attrs.field(default="from_grace_end", validator=_option)
    minimum: Cap | None = attrs.field(default=None, validator=_optional_cap)
    maximum: Cap | None = attrs.field(default=None, validator=_optional_cap)
    rounding: Rounding = attrs.field(default="half_even", validator=_option)

    @classmethod
    def flat(cls, amount: Money, /, *, grace_days: int = 0, label: str = "") -> LateFeePolicy:
        """A single fixed fee.

        Args:
            amount: The fee, zero or more, in the currency of the items it
                will be charged on.
            grace_days: Days after the due date without a fee, 0 to
                ``MAX_GRACE_DAYS``.
            label: A name shown in the breakdown.

        Returns:
            The policy, with one ``flat`` component.

        Raises:
            InvalidTypeError: ``amount`` is not
                [Money][accountplan.money.Money], ``grace_days`` is not an
                ``int`` or ``label`` is not a ``str``.
            InvalidInputError: ``amount`` is negative or ``grace_days`` is out
                of range.

        Examples:
            >>> LateFeePolicy.flat(Money(amount=40, currency="EUR")).components[0].kind
            'flat'
        """
        return cls(
            components=[LateFeeComponent(kind="flat", amount=amount, label=label)],
            grace_days=grace_days,
        )

    @classmethod
    def percentage(
        cls, percent: Decimal | int | str, /, *, grace_days: int = 0, label: str = ""
    ) -> LateFeePolicy:
        """A percentage of the amount overdue when the item becomes late.

        Args:
            percent: The fee in percent of the amount overdue: ``1.5`` is
                1.5 %, not ``0.015``.
            grace_days: Days after the due date without a fee.
            label: A name shown in the breakdown.

        Returns:
            The policy.

        Raises:
            InvalidInputError: ``percent`` outside 0 to 1000, or bad ``grace_days``.

        Examples:
            >>> LateFeePolicy.percentage("1.5").components[0].percent
            Decimal('1.5')
        """
        component = LateFeeComponent(kind="percentage", percent=percent, label=label)
        return cls(components=[component], grace_days=grace_days)

    @classmethod
    def interest(
        cls,
        *,
        rate: Decimal | int | str | None = None,
        rates: RateTable | None = None,
        margin: Decimal | int | str = 0,
        day_count: DayCount = "act_365",
        compounding: Compounding = "simple",
        accrual: Accrual = "per_day",
        grace_days: int = 0,
        label: str = "",
    ) -> LateFeePolicy:
        """Interest only, at a fixed rate or from a rate table.

        Args:
            rate: A fixed rate in percent a year (``8`` is 8 %, not ``0.08``).
            rates: A table of rates in percent a year, instead of ``rate``.
            margin: Percentage points added to every rate.
            day_count: The day-count convention.
            compounding: ``simple``, ``annual`` or ``monthly``.
            accrual: ``per_day`` or ``per_started_month``.
            grace_days: Days after the due date without interest.
            label: A name shown in the breakdown.

        Returns:
            The policy.

        Raises:
            InvalidInputError: Bad rates or options.

        Examples:
            >>> LateFeePolicy.interest(rate="18").components[0].interest.day_count
            'act_365'
        """
        interest = InterestPolicy(
            rate=rate,
            rates=rates,
            margin=margin,
            day_count=day_count,
            compounding=compounding,
            accrual=accrual,
        )
        component = LateFeeComponent(kind="interest", interest=interest, label=label)
        return cls(components=[component], grace_days=grace_days)


@attrs.frozen(kw_only=True)
class LateFeeLine:
    """One line of a late fee's breakdown.

    Interest lines cover the days ``start + 1 .. end`` (``days`` of them) at
    ``rate`` percent a year on ``base``; flat and percentage lines have no
    period.

    Attributes:
        component: The component's kind.
        label: The component's label.
        base: The amount the line is computed on.
        amount: The line's amount, rounded to the minor unit.
        rate: The rate in percent (``8`` is 8 %; a year for interest), or
            ``None`` for a flat fee.
        start: The day before the first day counted, or ``None``.
        end: The last day counted, or ``None``.
        days: The days counted under the day-count convention (actual days
            for a per-started-month line); 0 for flat and percentage lines.
        note: How the line came about (rate source, capitalisation, ...).
    """

    component: LateFeeKind
    label: str
    base: Money
    amount: Money
    rate: Decimal | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    days: int = 0
    note: str = ""


@attrs.frozen(kw_only=True)
class LateFee(Tabular):
    """A computed late fee with its breakdown.

    As a table (``to_records()``, ``to_pandas()``, notebook reprs) it has one
    row per breakdown line: ``component``, ``label``, ``base``, ``rate`` (in
    percent, or ``None``), ``start``, ``end`` (dates or ``None``), ``days``,
    ``amount``, ``currency`` and ``note``.

    Attributes:
        amount: The fee, in whole minor units, never negative.
        principal: The amount overdue when the item became late.
        due: The item's due date.
        as_of: The day the fee was computed for.
        days_late: Days after the due date up to ``as_of`` (0 when not late).
        accrual_start: The day after which interest counts, or ``None``
            while no fee is due.
        lines: The breakdown; the lines add up to ``uncapped``.
        uncapped: The fee before ``minimum`` and ``maximum``.
        adjustment: ``none``, ``minimum`` or ``maximum``: which cap applied.
    """

    amount: Money
    principal: Money
    due: dt.date
    as_of: dt.date
    days_late: int
    accrual_start: dt.date | None
    lines: tuple[LateFeeLine, ...]
    uncapped: Money
    adjustment: Literal["none", "minimum", "maximum"] = "none"

    def _columns(self) -> tuple[Column, ...]:
        return LATE_FEE_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self.lines

    def _record(self, row: Any) -> dict[str, Any]:
        return late_fee_record(self, row)

    def _title(self) -> str:
        return f"Late fee {self.amount} on {self.as_of.isoformat()}"


# -- the engine ------------------------------------------------------------------


def _rate_for(policy: InterestPolicy, day: dt.date, fixed: Decimal | None) -> tuple[Decimal, str]:
    """The rate (with margin) for an interest day, and a note on where it comes from."""
    if policy.rate is not None:
        return CONTEXT.add(policy.rate, policy.margin), "fixed rate"
    assert policy.rates is not None
    base = fixed if fixed is not None else rate_on(policy.rates, day)
    total = CONTEXT.add(base, policy.margin)
    origin = "fixed at the start of lateness" if fixed is not None else "in force"
    margin = f" + {policy.margin}" if policy.margin else ""
    return total, f"{policy.rates.name} {base}%{margin} ({origin})"


def _breakpoints(
    policy: InterestPolicy, item: OpenItem, start: dt.date, end: dt.date
) -> list[dt.date]:
    points = {start, end}
    if policy.rates is not None and not policy.fix_rate:
        points.update(b for _a, b, _p in rate_segments(policy.rates, start, end))
    points.update(s.settled_on for s in item.settlements if start < s.settled_on < end)
    return sorted(points)


def interest_lines(
    item: OpenItem,
    policy: InterestPolicy,
    *,
    start: dt.date,
    end: dt.date,
    rounding: Rounding,
    label: str,
) -> list[LateFeeLine]:
    """Interest on ``item`` for the days ``start + 1 .. end``, one line per stretch.

    The caller passes ``start < end`` with money open at the end of every day
    before ``end`` (``end`` is at most the day the item was settled).
    """
    if policy.rates is not None and not policy.fix_rate:
        # Fail early, naming as_of, when the table does not cover the period. A fixed
        # rate needs only the first day of lateness to be covered.
        rate_segments(policy.rates, start, end)
    if policy.rates is not None and policy.fix_rate:
        rate_segments(policy.rates, start, start + dt.timedelta(days=1))
    fixed = (
        rate_on(policy.rates, start + dt.timedelta(days=1))
        if (policy.rates is not None and policy.fix_rate)
        else None
    )
    if policy.accrual == "per_started_month":
        return _monthly_lines(
            item, policy, start=start, end=end, rounding=rounding, label=label, fixed=fixed
        )
    step = 12 if policy.compounding == "annual" else 1
    anniversaries: list[dt.date] = []
    if policy.compounding != "simple":
        k = 1
        while (when := months_later(start, k * step)) is not None and when < end:
            anniversaries.append(when)
            k += 1
    points = sorted(set(_breakpoints(policy, item, start, end)) | set(anniversaries))
    capitalised = Money.zero(item.currency)
    pending = Money.zero(item.currency)
    lines: list[LateFeeLine] = []
    for a, b in itertools.pairwise(points):
        principal = item.amount_due(a)
        base = principal + capitalised
        rate, note = _rate_for(policy, a + dt.timedelta(days=1), fixed)
        fraction = year_fraction(a, b, convention=policy.day_count)
        amount = _interest(base, rate, fraction, rounding)
        if capitalised.amount:
            note += f"; includes {capitalised} capitalised interest"
        lines.append(
            LateFeeLine(
                component="interest",
                label=label,
                base=base,
                amount=amount,
                rate=rate,
                start=a,
                end=b,
                days=day_count_days(a, b, convention=policy.day_count),
                note=note,
            )
        )
        pending = pending + amount
        if b in anniversaries:
            capitalised = capitalised + pending
            pending = Money.zero(item.currency)
    return lines


#: Decimal places kept of an exact interest amount before it is rounded to
#: the currency: far finer than any distance between a non-terminating
#: quotient and a half minor unit, and within 60 digits for any amount.
_INTEREST_QUANTUM = Decimal("1E-25")


def _interest(base: Money, rate: Decimal, years: Fraction, rounding: Rounding) -> Money:
    """``base x rate % x years`` as one exact product, rounded once to the currency."""
    exact = Fraction(base.amount) * Fraction(rate) * years / 100
    quotient = CONTEXT.divide(Decimal(exact.numerator), Decimal(exact.denominator))
    # Past 1E+30 the amount is refused by Money itself; no quantum is needed.
    amount = (
        quotient
        if quotient.adjusted() > 30
        else quotient.quantize(_INTEREST_QUANTUM, context=CONTEXT)
    )
    return Money(amount=amount, currency=base.currency).rounded(rounding)


def _monthly_lines(
    item: OpenItem,
    policy: InterestPolicy,
    *,
    start: dt.date,
    end: dt.date,
    rounding: Rounding,
    label: str,
    fixed: Decimal | None,
) -> list[LateFeeLine]:
    step = {"simple": 0, "annual": 12, "monthly": 1}[policy.compounding]
    capitalised = Money.zero(item.currency)
    pending = Money.zero(item.currency)
    lines: list[LateFeeLine] = []
    k = 0
    while (a := months_later(start, k)) is not None and a < end:
        b = months_later(start, k + 1) or end
        base = item.amount_due(a) + capitalised
        rate, note = _rate_for(policy, a + dt.timedelta(days=1), fixed)
        amount = _interest(base, rate, Fraction(1, 12), rounding)
        if capitalised.amount:
            note += f"; includes {capitalised} capitalised interest"
        lines.append(
            LateFeeLine(
                component="interest",
                label=label,
                base=base,
                amount=amount,
                rate=rate,
                start=a,
                end=min(b, end),
                days=(min(b, end) - a).days,
                note=f"started month {k + 1}; {note}",
            )
        )
        pending = pending + amount
        k += 1
        if step and k % step == 0:
            capitalised = capitalised + pending
            pending = Money.zero(item.currency)
    return lines


def months_later(day: dt.date, months: int) -> dt.date | None:
    """``day`` plus ``months`` months (clamped), or ``None`` past 9999-12-31."""
    if day.year * 12 + day.month - 1 + months > 9999 * 12 + 11:
        return None
    return add_months(day, months)


def _check_policy_currency(policy: LateFeePolicy, currency: str) -> None:
    for component in policy.components:
        if component.amount is not None and component.amount.currency != currency:
            raise CurrencyMismatchError(currency, component.amount.currency, "charge")
    for cap in (policy.minimum, policy.maximum):
        if cap is not None and cap.amount is not None and cap.amount.currency != currency:
            raise CurrencyMismatchError(currency, cap.amount.currency, "cap")


def late_fee(item: OpenItem | Invoice, /, *, as_of: dt.date, policy: LateFeePolicy) -> LateFee:
    """Compute the late fee owed on an open item on ``as_of``, with its breakdown.

    ``item`` is an open item (with its settlements) or an owed invoice (open
    or uncollectible, see [is_owed][accountplan.billing.is_owed]); a draft,
    voided or paid invoice raises. ``days_late`` is 0 up to and including the
    due date. Any date up to 9999-12-31 can be used; a grace period or a
    compounding period running past it simply never ends.

    Args:
        item: The debt.
        as_of: The day the fee is computed for.
        policy: The late-fee policy (every rate in it in percent).

    Returns:
        The fee with its breakdown.

    Raises:
        InvalidInputError: Bad input, an invoice that is not owed, or a rate
            table that does not cover the period (the message names
            ``as_of`` and the table).
        CurrencyMismatchError: A flat fee or cap is in another currency.
        LimitExceededError: ``as_of`` is more than ``MAX_LATE_YEARS`` years
            after the due date.

    Examples:
        >>> import datetime as dt
        >>> item = OpenItem(
        ...     number="INV-1",
        ...     issue_date=dt.date(2025, 1, 1),
        ...     due_date=dt.date(2025, 1, 31),
        ...     total=Money(amount="1000.00", currency="USD"),
        ... )
        >>> fee = late_fee(
        ...     item, as_of=dt.date(2025, 3, 2), policy=LateFeePolicy.interest(rate="18")
        ... )
        >>> str(fee.amount), fee.days_late, fee.lines[0].days
        ('14.79 USD', 30, 30)
    """
    item = owed_item("item", item)
    check_date("as_of", as_of)
    check_type("policy", policy, LateFeePolicy)
    currency = item.currency
    _check_policy_currency(policy, currency)
    horizon = months_later(item.due_date, 12 * MAX_LATE_YEARS)
    if horizon is not None and as_of > horizon:
        raise LimitExceededError(
            "as_of", as_of, f"{MAX_LATE_YEARS} years", "is too far after the due date"
        )
    zero = Money.zero(currency).rounded()
    days_late = max(0, (as_of - item.due_date).days)
    # A grace period running past 9999-12-31 never ends within the calendar.
    if (dt.date.max - item.due_date).days < policy.grace_days:
        late_on = dt.date.max
    else:
        late_on = item.due_date + dt.timedelta(days=policy.grace_days)
    principal = item.amount_due(late_on)
    if as_of <= late_on or principal.amount <= 0:
        return LateFee(
            amount=zero,
            principal=item.amount_due(min(as_of, late_on)),
            due=item.due_date,
            as_of=as_of,
            days_late=days_late,
            accrual_start=None,
            lines=(),
            uncapped=zero,
        )
    start = late_on if policy.grace_accrual == "from_grace_end" else item.due_date
    # Interest stops on the day the item is settled (after late_on, as principal > 0).
    settled = item.settled_on()
    stop = as_of if settled is None else min(as_of, settled)
    lines: list[LateFeeLine] = []
    for component in policy.components:
        lines.extend(
            _component_lines(
                item, component, policy=policy, principal=principal, start=start, stop=stop
            )
        )
    uncapped = sum((line.amount for line in lines), zero)
    amount, adjustment = _apply_caps(uncapped, principal, policy)
    return LateFee(
        amount=amount,
        principal=principal,
        due=item.due_date,
        as_of=as_of,
        days_late=days_late,
        accrual_start=start,
        lines=tuple(lines),
        uncapped=uncapped,
        adjustment=adjustment,
    )


def _component_lines(
    item: OpenItem,
    component: LateFeeComponent,
    *,
    policy: LateFeePolicy,
    principal: Money,
    start: dt.date,
    stop: dt.date,
) -> Sequence[LateFeeLine]:
    if component.kind == "flat":
        assert component.amount is not None
        return [
            LateFeeLine(
                component="flat",
                label=component.label,
                base=principal,
                amount=component.amount.rounded(policy.rounding),
                note="charged once when the item became late",
            )
        ]
    if component.kind == "percentage":
        assert component.percent is not None
        raw = principal * CONTEXT.divide(component.percent, _HUNDRED)
        return [
            LateFeeLine(
                component="percentage",
                label=component.label,
                base=principal,
                amount=raw.rounded(policy.rounding),
                rate=component.percent,
                note="percentage of the amount overdue when the item became late",
            )
        ]
    assert component.interest is not None
    return interest_lines(
        item,
        component.interest,
        start=start,
        end=stop,
        rounding=policy.rounding,
        label=component.label,
    )


def _apply_caps(
    uncapped: Money, principal: Money, policy: LateFeePolicy
) -> tuple[Money, Literal["none", "minimum", "maximum"]]:
    amount = uncapped
    adjustment: Literal["none", "minimum", "maximum"] = "none"
    if policy.minimum is not None:
        low = policy.minimum.resolve(principal).rounded("up")
        if amount < low:
            amount, adjustment = low, "minimum"
    if policy.maximum is not None:
        high = policy.maximum.resolve(principal).rounded("down")
        if amount > high:
            amount, adjustment = high, "maximum"
    return amount, adjustment
