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
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal, overload

import attrs

from accountplan._decimal import CONTEXT
from accountplan._frozen import FrozenMap
from accountplan._tables import Column, Tabular
from accountplan._typing import (
    ACCRUALS,
    COMPOUNDINGS,
    DAY_COUNTS,
    GRACE_ACCRUALS,
    ROUNDING_MODES,
    Accrual,
    Compounding,
    DayCount,
    GraceAccrual,
    LateFeeKind,
    Rounding,
)
from accountplan._units import add_months as shift_months
from accountplan._validate import (
    check_choice,
    check_type,
    free_text,
    instance_of,
    named,
    optional,
    percent_converter,
    tuple_of,
)
from accountplan.billing._allocation import owed_item
from accountplan.billing._daycount import check_date, day_count_days, year_fraction
from accountplan.billing._invoice import Invoice
from accountplan.billing._payments import OpenItem
from accountplan.billing._rates import RateTable, rate_on, rate_segments
from accountplan.billing._rows import LATE_FEE_COLUMNS, late_fee_record
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    LimitExceededError,
)
from accountplan.money import Money

__all__ = [
    "CAP_KINDS",
    "COMPONENT_KINDS",
    "MAX_LATE_YEARS",
    "AmountCap",
    "Cap",
    "FlatFee",
    "InterestFee",
    "InterestPolicy",
    "LateFee",
    "LateFeeComponent",
    "LateFeeLine",
    "LateFeePolicy",
    "PercentCap",
    "PercentageFee",
    "late_fee",
]

#: The longest span of lateness a fee is computed for, in years.
MAX_LATE_YEARS = 100
#: The longest grace period, in days.
MAX_GRACE_DAYS = 3650
#: The most components one policy may combine.
MAX_COMPONENTS = 50

_HUNDRED = Decimal(100)


_OPTIONS: dict[str, tuple[str, ...]] = {
    "day_count": DAY_COUNTS,
    "compounding": COMPOUNDINGS,
    "accrual": ACCRUALS,
    "grace_accrual": GRACE_ACCRUALS,
    "rounding": ROUNDING_MODES,
}


def _option(_instance: Any, attribute: Any, value: Any) -> None:
    """Validate an option field against its choices (named by the attribute)."""
    check_choice(attribute.alias or attribute.name, value, _OPTIONS[attribute.name])


def _non_negative(field: str, value: Any) -> Money:
    money = check_type(field, value, Money)
    if money.amount < 0:
        raise InvalidInputError(field, value, "must not be negative")
    return money


#: A validator: a non-negative amount (named by the attribute).
_money = named(_non_negative)


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

    rate: Decimal | None = attrs.field(
        default=None,
        converter=percent_converter(high=1000, optional=True),  # type: ignore[misc]  # attrs.Converter
    )
    rates: RateTable | None = attrs.field(
        default=None,
        validator=optional(instance_of(RateTable)),
    )
    margin: Decimal = attrs.field(
        default=Decimal(0),
        converter=percent_converter(high=1000),  # type: ignore[misc]  # attrs.Converter
    )
    fix_rate: bool = attrs.field(default=False, validator=instance_of(bool))
    day_count: DayCount = attrs.field(default="act_365", validator=_option)
    compounding: Compounding = attrs.field(default="simple", validator=_option)
    accrual: Accrual = attrs.field(default="per_day", validator=_option)

    def __attrs_post_init__(self) -> None:
        if (self.rate is None) == (self.rates is None):
            raise InvalidInputError(
                "rate", self.rate, "give exactly one of 'rate' and 'rates' (a RateTable)"
            )


class LateFeeComponent:
    """One part of a late-fee policy: a tagged union of three variants.

    [FlatFee][accountplan.billing.FlatFee] (``kind="flat"``: a fixed
    ``amount``), [PercentageFee][accountplan.billing.PercentageFee]
    (``kind="percentage"``: ``percent`` of the amount overdue when the item
    became late) and [InterestFee][accountplan.billing.InterestFee]
    (``kind="interest"``: ``interest`` rules). Each variant has only its own
    fields, and its JSON carries a ``kind`` tag and no nulls.

    Calling ``LateFeeComponent(kind=..., ...)`` builds the variant ``kind``
    names (as ``pathlib.Path()`` builds a ``PosixPath``); a field of another
    variant is refused.

    Attributes:
        kind: ``flat``, ``percentage`` or ``interest``.
        label: A name shown in the breakdown.

    Raises:
        InvalidInputError: ``kind`` is not one of the three, or a field
            belongs to another variant.

    Examples:
        >>> LateFeeComponent(kind="percentage", percent="2")
        PercentageFee(label='', percent=Decimal('2'))
        >>> isinstance(FlatFee(amount=Money(amount=40, currency="EUR")), LateFeeComponent)
        True
    """

    __slots__ = ()
    kind: LateFeeKind
    label: str

    @overload
    def __new__(cls, *, kind: Literal["flat"], amount: Money, label: str = ...) -> FlatFee: ...
    @overload
    def __new__(
        cls, *, kind: Literal["percentage"], percent: Decimal | int | str, label: str = ...
    ) -> PercentageFee: ...
    @overload
    def __new__(
        cls, *, kind: Literal["interest"], interest: InterestPolicy, label: str = ...
    ) -> InterestFee: ...
    def __new__(cls, **fields: Any) -> LateFeeComponent:
        if cls is not LateFeeComponent:
            return object.__new__(cls)
        kind: str = check_choice("kind", fields.get("kind"), COMPONENT_KINDS)
        variant = COMPONENT_KINDS[kind]
        wanted = _WANTED[kind]
        for name in ("amount", "percent", "interest"):
            if name in fields and name != wanted:
                raise InvalidInputError(
                    name, fields[name], f"a {kind!r} component needs {wanted!r} and nothing else"
                )
        if wanted not in fields:
            raise InvalidInputError(
                wanted, None, f"a {kind!r} component needs {wanted!r} and nothing else"
            )
        return object.__new__(variant)


def _tag(expected: str) -> Any:
    def check(_instance: Any, attribute: Any, value: Any) -> None:
        if value != expected:
            raise InvalidInputError(attribute.name, value, f"must be {expected!r}")

    return check


@attrs.frozen(kw_only=True)
class FlatFee(LateFeeComponent):
    """A fixed fee, charged once when the item becomes late (``kind="flat"``).

    Attributes:
        amount: The fee; zero or more.
        label: A name shown in the breakdown.

    Examples:
        >>> FlatFee(amount=Money(amount=40, currency="EUR")).kind
        'flat'
    """

    kind: Literal["flat"] = attrs.field(default="flat", repr=False, validator=_tag("flat"))
    label: str = attrs.field(default="", validator=free_text)
    amount: Money = attrs.field(validator=_money)


@attrs.frozen(kw_only=True)
class PercentageFee(LateFeeComponent):
    """A percentage of the amount overdue when the item became late (``kind="percentage"``).

    Attributes:
        percent: The fee in percent, ``2`` for 2 % of the amount overdue.
        label: A name shown in the breakdown.

    Examples:
        >>> PercentageFee(percent="2").percent
        Decimal('2')
    """

    kind: Literal["percentage"] = attrs.field(
        default="percentage", repr=False, validator=_tag("percentage")
    )
    label: str = attrs.field(default="", validator=free_text)
    percent: Decimal = attrs.field(converter=percent_converter(high=1000))  # type: ignore[misc]  # attrs.Converter


@attrs.frozen(kw_only=True)
class InterestFee(LateFeeComponent):
    """Interest on the amount overdue (``kind="interest"``).

    Attributes:
        interest: The interest rules.
        label: A name shown in the breakdown.

    Examples:
        >>> InterestFee(interest=InterestPolicy(rate="8")).interest.rate
        Decimal('8')
    """

    kind: Literal["interest"] = attrs.field(
        default="interest", repr=False, validator=_tag("interest")
    )
    label: str = attrs.field(default="", validator=free_text)
    interest: InterestPolicy = attrs.field(validator=instance_of(InterestPolicy))


#: The variant each ``kind`` tag of a late-fee component names.
COMPONENT_KINDS: Final[Mapping[str, type[LateFeeComponent]]] = FrozenMap(
    {"flat": FlatFee, "percentage": PercentageFee, "interest": InterestFee}
)
_WANTED = {"flat": "amount", "percentage": "percent", "interest": "interest"}


class Cap:
    """A bound on a late fee: a tagged union of two variants.

    [AmountCap][accountplan.billing.AmountCap] (``kind="amount"``: an
    absolute amount) and [PercentCap][accountplan.billing.PercentCap]
    (``kind="percent"``: a percentage of the principal). Calling
    ``Cap(amount=...)`` or ``Cap(percent=...)`` builds the matching variant;
    exactly one of the two must be given.

    Attributes:
        kind: ``amount`` or ``percent``.

    Raises:
        InvalidInputError: Neither or both of ``amount`` and ``percent``.

    Examples:
        >>> Cap(percent="10")
        PercentCap(percent=Decimal('10'))
    """

    __slots__ = ()
    kind: Literal["amount", "percent"]

    @overload
    def __new__(cls, *, amount: Money) -> AmountCap: ...
    @overload
    def __new__(cls, *, percent: Decimal | int | str) -> PercentCap: ...
    def __new__(cls, **fields: Any) -> Cap:
        if cls is not Cap:
            return object.__new__(cls)
        given = [name for name in ("amount", "percent") if name in fields]
        if len(given) != 1 or len(fields) != 1:
            raise InvalidInputError(
                "amount", fields.get("amount"), "give exactly one of amount and percent"
            )
        return object.__new__(AmountCap if given == ["amount"] else PercentCap)

    def resolve(self, principal: Money, /) -> Money:
        """The bound in money for a principal.

        Args:
            principal: The amount the fee is charged on.

        Returns:
            The bound, in the principal's currency.

        Raises:
            InvalidTypeError: ``principal`` is not [Money][accountplan.money.Money].
            CurrencyMismatchError: An amount cap in another currency.
        """
        raise NotImplementedError  # pragma: no cover - every variant overrides it


@attrs.frozen(kw_only=True)
class AmountCap(Cap):
    """A bound as an absolute amount (``kind="amount"``).

    Attributes:
        amount: The bound; zero or more.

    Examples:
        >>> AmountCap(amount=Money(amount=500, currency="EUR")).amount
        Money(amount=Decimal('500'), currency='EUR')
    """

    kind: Literal["amount"] = attrs.field(default="amount", repr=False, validator=_tag("amount"))
    amount: Money = attrs.field(validator=_money)

    def resolve(self, principal: Money, /) -> Money:
        """The bound in money: ``amount``, in the principal's currency.

        Args:
            principal: The amount the fee is charged on.

        Returns:
            ``amount``.

        Raises:
            InvalidTypeError: ``principal`` is not [Money][accountplan.money.Money].
            CurrencyMismatchError: ``amount`` is in another currency.
        """
        check_type("principal", principal, Money)
        if self.amount.currency != principal.currency:
            raise CurrencyMismatchError(principal.currency, self.amount.currency, "cap")
        return self.amount


@attrs.frozen(kw_only=True)
class PercentCap(Cap):
    """A bound in percent of the principal (``kind="percent"``).

    Attributes:
        percent: The bound in percent (``10`` is 10 % of the principal).

    Examples:
        >>> PercentCap(percent=10).resolve(Money(amount=200, currency="EUR"))
        Money(amount=Decimal('20.0'), currency='EUR')
    """

    kind: Literal["percent"] = attrs.field(default="percent", repr=False, validator=_tag("percent"))
    percent: Decimal = attrs.field(converter=percent_converter(high=1000))  # type: ignore[misc]  # attrs.Converter

    def resolve(self, principal: Money, /) -> Money:
        """The bound in money: ``percent`` of ``principal``.

        Args:
            principal: The amount the fee is charged on.

        Returns:
            The (unrounded) share of ``principal``.

        Raises:
            InvalidTypeError: ``principal`` is not [Money][accountplan.money.Money].

        Examples:
            >>> str(Cap(percent="10").resolve(Money(amount="250.00", currency="EUR")))
            '25.000 EUR'
        """
        check_type("principal", principal, Money)
        return principal * CONTEXT.divide(self.percent, _HUNDRED)


#: The variant each ``kind`` tag of a cap names.
CAP_KINDS: Final[Mapping[str, type[Cap]]] = FrozenMap({"amount": AmountCap, "percent": PercentCap})


def _grace(field: str, value: Any) -> int:
    check_type(field, value, int)
    if not 0 <= value <= MAX_GRACE_DAYS:
        raise InvalidInputError(field, value, f"must be from 0 to {MAX_GRACE_DAYS}")
    return value  # type: ignore[no-any-return]


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

    components: tuple[LateFeeComponent, ...] = attrs.field(
        converter=tuple_of(LateFeeComponent, limit=MAX_COMPONENTS, non_empty=True),  # type: ignore[misc]  # attrs.Converter
    )
    grace_days: int = attrs.field(default=0, validator=named(_grace))
    grace_accrual: GraceAccrual = attrs.field(default="from_grace_end", validator=_option)
    minimum: Cap | None = attrs.field(default=None, validator=optional(instance_of(Cap)))
    maximum: Cap | None = attrs.field(default=None, validator=optional(instance_of(Cap)))
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
            components=[FlatFee(amount=amount, label=label)],
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
        component = PercentageFee(percent=percent, label=label)
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
        component = InterestFee(interest=interest, label=label)
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
    return shift_months(day, months)


def _check_policy_currency(policy: LateFeePolicy, currency: str) -> None:
    for component in policy.components:
        if isinstance(component, FlatFee) and component.amount.currency != currency:
            raise CurrencyMismatchError(currency, component.amount.currency, "charge")
    for cap in (policy.minimum, policy.maximum):
        if isinstance(cap, AmountCap) and cap.amount.currency != currency:
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
    if isinstance(component, FlatFee):
        return [
            LateFeeLine(
                component="flat",
                label=component.label,
                base=principal,
                amount=component.amount.rounded(policy.rounding),
                note="charged once when the item became late",
            )
        ]
    if isinstance(component, PercentageFee):
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
    assert isinstance(component, InterestFee)
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
