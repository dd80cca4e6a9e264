"""Payment terms as data: due-date rules, installments and early-payment discounts.

Due-date rules ([`DueRule`][accountplan.billing.DueRule]), as offered by ERPNext and Odoo:

* ``net``: ``days`` after the invoice date ("net 30").
* ``days_after_end_of_month``: ``days`` after the last day of the invoice
  month ("30 days end of month").
* ``months_after_end_of_month``: the last day of the month ``months`` months
  after the invoice month (0: the end of the invoice month itself).
* ``day_of_next_month``: day ``day`` of the next month, clamped to its length;
  with ``cutoff_days``, an invoice dated in the last ``cutoff_days`` days of
  its month is due on that day of the month after.

Installments: each [`Installment`][accountplan.billing.Installment] has its own rule and is a
    percentage
of the total, a fixed amount, or the *balance* (whatever is left). How the
amounts are made exact: fixed amounts are taken as given; each percentage is
rounded **down** to the currency's minor unit; the balance installment, or the
last installment when there is none, absorbs the remainder. The parts always
sum exactly to the total, and none is negative. (ERPNext once rounded every
third of 5.47 to 1.82, losing a cent; here the split is 1.82 + 1.82 + 1.83.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, Literal, overload

import attrs

from accountplan._decimal import CONTEXT, quantize
from accountplan._frozen import FrozenMap
from accountplan._typing import ROUNDING_MODES, AnchorDay, DueRuleKind, Rounding
from accountplan._validate import (
    check_choice,
    check_type,
    free_text,
    instance_of,
    named,
    optional,
    percent_converter,
    plain_date,
    tuple_of,
)
from accountplan.billing._cycles import add_months, is_anchor
from accountplan.billing._daycount import check_date
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money, sum_money

__all__ = [
    "DUE_RULE_KINDS",
    "INSTALLMENT_KINDS",
    "MAX_INSTALLMENTS",
    "MAX_TERM_DAYS",
    "MAX_TERM_MONTHS",
    "BalanceInstallment",
    "DayOfNextMonth",
    "DaysAfterEndOfMonth",
    "DueRule",
    "EarlyPaymentDiscount",
    "FixedInstallment",
    "Installment",
    "InstallmentDue",
    "MonthsAfterEndOfMonth",
    "NetDays",
    "PaymentTerms",
    "PercentageInstallment",
    "discount_deadline",
    "discounted_total",
    "due_date",
    "installments",
]

#: The longest term in days (ten years).
MAX_TERM_DAYS: Final = 3660
#: The longest term in months (ten years).
MAX_TERM_MONTHS: Final = 120
#: The most installments one set of terms may have.
MAX_INSTALLMENTS: Final = 120

_HUNDRED = Decimal(100)


def _bounded_int(low: int, high: int) -> Any:
    def check(field: str, value: Any) -> int:
        check_type(field, value, int)
        if value < low:
            raise InvalidInputError(field, value, f"must be {low} or more")
        if value > high:
            raise LimitExceededError(field, value, high)
        return value  # type: ignore[no-any-return]

    return named(check)


def _cutoff(field: str, value: Any) -> int:
    check_type(field, value, int)
    if not 1 <= value <= 27:
        raise InvalidInputError(field, value, "must be from 1 to 27, or None")
    return value  # type: ignore[no-any-return]


def _day(field: str, value: Any) -> AnchorDay:
    if not is_anchor(value):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise InvalidTypeError(field, value, "must be a day from 1 to 31 or 'last'")
        raise InvalidInputError(field, value, "must be a day from 1 to 31 or 'last'")
    return value  # type: ignore[no-any-return]


def _tag(expected: str) -> Any:
    def check(_instance: Any, attribute: Any, value: Any) -> None:
        if value != expected:
            raise InvalidInputError(attribute.name, value, f"must be {expected!r}")

    return check


class DueRule:
    """When an amount is due, given the invoice date: a tagged union of four rules.

    [NetDays][accountplan.billing.NetDays] (``kind="net"``),
    [DaysAfterEndOfMonth][accountplan.billing.DaysAfterEndOfMonth]
    (``kind="days_after_end_of_month"``),
    [MonthsAfterEndOfMonth][accountplan.billing.MonthsAfterEndOfMonth]
    (``kind="months_after_end_of_month"``) and
    [DayOfNextMonth][accountplan.billing.DayOfNextMonth]
    (``kind="day_of_next_month"``); see the module notes. Each has only its
    own fields, and its JSON carries a ``kind`` tag and no nulls. The named
    constructors (``DueRule.net(30)`` ...) build them; so does
    ``DueRule(kind=..., ...)``, which refuses a field of another rule.

    Attributes:
        kind: ``net``, ``days_after_end_of_month``, ``months_after_end_of_month``
            or ``day_of_next_month``.

    Raises:
        InvalidInputError: An unknown ``kind``, a field of another rule, or no
            ``day`` for ``day_of_next_month``.

    Examples:
        >>> DueRule.net(30)
        NetDays(days=30)
        >>> DueRule.day_of_next_month(10, cutoff_days=5).cutoff_days
        5
        >>> DueRule(kind="months_after_end_of_month", months=1)
        MonthsAfterEndOfMonth(months=1)
    """

    __slots__ = ()
    kind: DueRuleKind

    @overload
    def __new__(cls, *, kind: Literal["net"], days: int = ...) -> NetDays: ...
    @overload
    def __new__(
        cls, *, kind: Literal["days_after_end_of_month"], days: int = ...
    ) -> DaysAfterEndOfMonth: ...
    @overload
    def __new__(
        cls, *, kind: Literal["months_after_end_of_month"], months: int = ...
    ) -> MonthsAfterEndOfMonth: ...
    @overload
    def __new__(
        cls, *, kind: Literal["day_of_next_month"], day: AnchorDay, cutoff_days: int | None = ...
    ) -> DayOfNextMonth: ...
    def __new__(cls, **fields: Any) -> DueRule:
        if cls is not DueRule:
            return object.__new__(cls)
        kind: str = check_choice("kind", fields.get("kind"), DUE_RULE_KINDS)
        variant = DUE_RULE_KINDS[kind]
        own = {field.name for field in attrs.fields(variant)}  # type: ignore[arg-type]
        for name, value in fields.items():
            if name not in own:
                raise InvalidInputError(name, value, f"does not apply to a {kind!r} rule")
        if variant is DayOfNextMonth and fields.get("day") is None:
            raise InvalidInputError("day", None, "is required for a 'day_of_next_month' rule")
        return object.__new__(variant)

    @classmethod
    def net(cls, days: int, /) -> NetDays:
        """Due ``days`` days after the invoice date.

        Args:
            days: Calendar days after the invoice date, 0 to
                [`MAX_TERM_DAYS`][accountplan.billing.MAX_TERM_DAYS].

        Returns:
            A ``net`` rule.

        Raises:
            InvalidTypeError: ``days`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``days`` is negative.
            LimitExceededError: ``days`` is above ``MAX_TERM_DAYS``.

        Examples:
            >>> due_date(DueRule.net(14), dt.date(2025, 1, 20))
            datetime.date(2025, 2, 3)
        """
        return NetDays(days=days)

    @classmethod
    def days_after_end_of_month(cls, days: int, /) -> DaysAfterEndOfMonth:
        """Due ``days`` days after the last day of the invoice month.

        Args:
            days: Calendar days after the month's last day, 0 to
                [`MAX_TERM_DAYS`][accountplan.billing.MAX_TERM_DAYS].

        Returns:
            A ``days_after_end_of_month`` rule.

        Raises:
            InvalidTypeError: ``days`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``days`` is negative.
            LimitExceededError: ``days`` is above ``MAX_TERM_DAYS``.

        Examples:
            >>> due_date(DueRule.days_after_end_of_month(10), dt.date(2025, 1, 20))
            datetime.date(2025, 2, 10)
        """
        return DaysAfterEndOfMonth(days=days)

    @classmethod
    def months_after_end_of_month(cls, months: int, /) -> MonthsAfterEndOfMonth:
        """Due on the last day of the month ``months`` months after the invoice month.

        Args:
            months: Months after the invoice month, 0 (the end of the invoice
                month itself) to
                [`MAX_TERM_MONTHS`][accountplan.billing.MAX_TERM_MONTHS].

        Returns:
            A ``months_after_end_of_month`` rule.

        Raises:
            InvalidTypeError: ``months`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``months`` is negative.
            LimitExceededError: ``months`` is above ``MAX_TERM_MONTHS``.

        Examples:
            >>> due_date(DueRule.months_after_end_of_month(1), dt.date(2025, 1, 20))
            datetime.date(2025, 2, 28)
        """
        return MonthsAfterEndOfMonth(months=months)

    @classmethod
    def day_of_next_month(
        cls, day: AnchorDay, /, *, cutoff_days: int | None = None
    ) -> DayOfNextMonth:
        """Due on ``day`` of the next month (the month after, inside the cutoff).

        Args:
            day: The day of the month, 1 to 31 (clamped to shorter months) or
                ``"last"``.
            cutoff_days: Invoices dated in the last ``cutoff_days`` days of
                their month (1 to 27) are due a month later; ``None`` for no
                cutoff.

        Returns:
            A ``day_of_next_month`` rule.

        Raises:
            InvalidTypeError: ``cutoff_days`` is not an ``int``.
            InvalidInputError: ``day`` is not a day from 1 to 31 or
                ``"last"``, or ``cutoff_days`` is not from 1 to 27.

        Examples:
            >>> due_date(DueRule.day_of_next_month(15), dt.date(2025, 1, 20))
            datetime.date(2025, 2, 15)
        """
        return DayOfNextMonth(day=day, cutoff_days=cutoff_days)


@attrs.frozen(kw_only=True)
class NetDays(DueRule):
    """Due ``days`` days after the invoice date (``kind="net"``, "net 30").

    Attributes:
        days: 0 to [`MAX_TERM_DAYS`][accountplan.billing.MAX_TERM_DAYS].

    Examples:
        >>> due_date(NetDays(days=30), dt.date(2025, 1, 31))
        datetime.date(2025, 3, 2)
    """

    kind: Literal["net"] = attrs.field(default="net", repr=False, validator=_tag("net"))
    days: int = attrs.field(default=0, validator=_bounded_int(0, MAX_TERM_DAYS))


@attrs.frozen(kw_only=True)
class DaysAfterEndOfMonth(DueRule):
    """Due ``days`` days after the last day of the invoice month.

    ``kind="days_after_end_of_month"`` ("30 days end of month").

    Attributes:
        days: 0 to [`MAX_TERM_DAYS`][accountplan.billing.MAX_TERM_DAYS].

    Examples:
        >>> due_date(DaysAfterEndOfMonth(days=10), dt.date(2025, 1, 20))
        datetime.date(2025, 2, 10)
    """

    kind: Literal["days_after_end_of_month"] = attrs.field(
        default="days_after_end_of_month", repr=False, validator=_tag("days_after_end_of_month")
    )
    days: int = attrs.field(default=0, validator=_bounded_int(0, MAX_TERM_DAYS))


@attrs.frozen(kw_only=True)
class MonthsAfterEndOfMonth(DueRule):
    """Due on the last day of the month ``months`` months after the invoice month.

    ``kind="months_after_end_of_month"``; 0 months is the end of the invoice
    month itself.

    Attributes:
        months: 0 to [`MAX_TERM_MONTHS`][accountplan.billing.MAX_TERM_MONTHS].

    Examples:
        >>> due_date(MonthsAfterEndOfMonth(months=1), dt.date(2025, 1, 20))
        datetime.date(2025, 2, 28)
    """

    kind: Literal["months_after_end_of_month"] = attrs.field(
        default="months_after_end_of_month",
        repr=False,
        validator=_tag("months_after_end_of_month"),
    )
    months: int = attrs.field(default=0, validator=_bounded_int(0, MAX_TERM_MONTHS))


@attrs.frozen(kw_only=True)
class DayOfNextMonth(DueRule):
    """Due on ``day`` of the next month, clamped to its length (``kind="day_of_next_month"``).

    Attributes:
        day: The day of the month, 1-31 or ``"last"``.
        cutoff_days: Invoices dated in the last ``cutoff_days`` days of their
            month are due on that day of the month after; ``None`` for no
            cutoff.

    Examples:
        >>> due_date(DayOfNextMonth(day=10, cutoff_days=5), dt.date(2025, 1, 28))
        datetime.date(2025, 3, 10)
    """

    kind: Literal["day_of_next_month"] = attrs.field(
        default="day_of_next_month", repr=False, validator=_tag("day_of_next_month")
    )
    day: AnchorDay = attrs.field(validator=named(_day))
    cutoff_days: int | None = attrs.field(default=None, validator=optional(named(_cutoff)))


#: The rule each ``kind`` tag of a due-date rule names.
DUE_RULE_KINDS: Final[Mapping[str, type[DueRule]]] = FrozenMap(
    {
        "net": NetDays,
        "days_after_end_of_month": DaysAfterEndOfMonth,
        "months_after_end_of_month": MonthsAfterEndOfMonth,
        "day_of_next_month": DayOfNextMonth,
    }
)


def _rule_due(rule: DueRule, invoice_date: dt.date) -> dt.date:
    try:
        if isinstance(rule, NetDays):
            return invoice_date + dt.timedelta(days=rule.days)
        month_end = add_months(invoice_date, 0, anchor="last")
        if isinstance(rule, DaysAfterEndOfMonth):
            return month_end + dt.timedelta(days=rule.days)
        if isinstance(rule, MonthsAfterEndOfMonth):
            return add_months(invoice_date, rule.months, anchor="last")
        assert isinstance(rule, DayOfNextMonth)
        ahead = 1
        if rule.cutoff_days is not None and invoice_date.day > month_end.day - rule.cutoff_days:
            ahead = 2
        return add_months(invoice_date, ahead, anchor=rule.day)
    except OverflowError:
        raise LimitExceededError(
            "invoice_date", invoice_date, dt.date.max, "gives a due date after the year 9999"
        ) from None


def _amount(field: str, value: Any) -> Money:
    money = check_type(field, value, Money)
    if money.amount <= 0 or not money.is_rounded():
        raise InvalidInputError(
            field, value, "must be more than zero, in whole minor units of its currency"
        )
    return money


class Installment:
    """One part of a split payment, with its own due-date rule: a tagged union.

    [PercentageInstallment][accountplan.billing.PercentageInstallment]
    (``kind="percentage"``: a share of the total),
    [FixedInstallment][accountplan.billing.FixedInstallment]
    (``kind="fixed"``: a fixed amount) and
    [BalanceInstallment][accountplan.billing.BalanceInstallment]
    (``kind="balance"``: whatever the other installments leave). Each has only
    its own fields, and its JSON carries a ``kind`` tag and no nulls.
    ``Installment(rule=..., percent=...)``, ``Installment(rule=...,
    amount=...)`` and ``Installment(rule=...)`` build them.

    Attributes:
        kind: ``percentage``, ``fixed`` or ``balance``.
        rule: When this installment is due.

    Raises:
        InvalidInputError: Both ``percent`` and ``amount``.

    Examples:
        >>> Installment.percentage(30, DueRule.net(0)).percent
        Decimal('30')
        >>> Installment.balance(DueRule.net(30)).is_balance
        True
        >>> Installment(rule=DueRule.net(30), percent=50).kind
        'percentage'
    """

    __slots__ = ()
    kind: Literal["percentage", "fixed", "balance"]
    rule: DueRule

    @overload
    def __new__(cls, *, rule: DueRule, percent: Decimal | int | str) -> PercentageInstallment: ...
    @overload
    def __new__(cls, *, rule: DueRule, amount: Money) -> FixedInstallment: ...
    @overload
    def __new__(cls, *, rule: DueRule) -> BalanceInstallment: ...
    def __new__(cls, **fields: Any) -> Installment:
        if cls is not Installment:
            return object.__new__(cls)
        if "percent" in fields and "amount" in fields:
            raise InvalidInputError(
                "amount", fields["amount"], "give 'percent' or 'amount' (or neither), not both"
            )
        for name in ("percent", "amount"):
            if name in fields and fields[name] is None:
                raise InvalidInputError(
                    name, None, "must be given; leave it out for a balance installment"
                )
        if "percent" in fields:
            return object.__new__(PercentageInstallment)
        if "amount" in fields:
            return object.__new__(FixedInstallment)
        return object.__new__(BalanceInstallment)

    @property
    def is_balance(self) -> bool:
        """Whether this installment takes the remainder."""
        return isinstance(self, BalanceInstallment)

    @classmethod
    def percentage(cls, percent: Decimal | int | str, rule: DueRule, /) -> PercentageInstallment:
        """A share of the total in percent (``30`` means 30 %, not ``0.3``).

        Args:
            percent: The share in percent, more than 0 and at most 100: a
                ``Decimal``, an ``int`` or a decimal string (floats are
                refused).
            rule: When this installment is due.

        Returns:
            A percentage installment.

        Raises:
            InvalidTypeError: ``percent`` is a float or not a number, or
                ``rule`` is not a [DueRule][accountplan.billing.DueRule].
            InvalidInputError: ``percent`` is not more than 0 and at most 100.

        Examples:
            >>> Installment.percentage("33.33", DueRule.net(30)).percent
            Decimal('33.33')
        """
        return PercentageInstallment(rule=rule, percent=percent)

    @classmethod
    def fixed(cls, amount: Money, rule: DueRule, /) -> FixedInstallment:
        """A fixed amount.

        Args:
            amount: The amount of this installment: more than zero, in whole
                minor units of its currency (the currency of the totals it
                will split).
            rule: When this installment is due.

        Returns:
            A fixed-amount installment.

        Raises:
            InvalidTypeError: ``amount`` is not
                [Money][accountplan.money.Money], or ``rule`` is not a
                [DueRule][accountplan.billing.DueRule].
            InvalidInputError: ``amount`` is zero, negative or not in whole
                minor units.

        Examples:
            >>> Installment.fixed(Money(amount=100, currency="EUR"), DueRule.net(0)).amount
            Money(amount=Decimal('100'), currency='EUR')
        """
        return FixedInstallment(rule=rule, amount=amount)

    @classmethod
    def balance(cls, rule: DueRule, /) -> BalanceInstallment:
        """Whatever the other installments leave.

        Args:
            rule: When the remainder is due.

        Returns:
            The balance installment (neither percent nor amount).

        Raises:
            InvalidTypeError: ``rule`` is not a
                [DueRule][accountplan.billing.DueRule].

        Examples:
            >>> Installment.balance(DueRule.net(60)).kind
            'balance'
        """
        return BalanceInstallment(rule=rule)


@attrs.frozen(kw_only=True)
class PercentageInstallment(Installment):
    """A share of the total (``kind="percentage"``).

    Attributes:
        rule: When this installment is due.
        percent: The share in percent, more than 0 and at most 100
            (``30`` is 30 %).

    Examples:
        >>> PercentageInstallment(rule=DueRule.net(0), percent="25").percent
        Decimal('25')
    """

    kind: Literal["percentage"] = attrs.field(
        default="percentage", repr=False, validator=_tag("percentage")
    )
    rule: DueRule = attrs.field(validator=instance_of(DueRule))
    percent: Decimal = attrs.field(converter=percent_converter(low_open=True))  # type: ignore[misc]  # attrs.Converter


@attrs.frozen(kw_only=True)
class FixedInstallment(Installment):
    """A fixed amount (``kind="fixed"``).

    Attributes:
        rule: When this installment is due.
        amount: More than zero, in whole minor units of its currency.

    Examples:
        >>> FixedInstallment(rule=DueRule.net(0), amount=Money(amount=100, currency="EUR")).kind
        'fixed'
    """

    kind: Literal["fixed"] = attrs.field(default="fixed", repr=False, validator=_tag("fixed"))
    rule: DueRule = attrs.field(validator=instance_of(DueRule))
    amount: Money = attrs.field(validator=named(_amount))


@attrs.frozen(kw_only=True)
class BalanceInstallment(Installment):
    """Whatever the other installments leave (``kind="balance"``).

    Attributes:
        rule: When this installment is due.

    Examples:
        >>> BalanceInstallment(rule=DueRule.net(60)).is_balance
        True
    """

    kind: Literal["balance"] = attrs.field(default="balance", repr=False, validator=_tag("balance"))
    rule: DueRule = attrs.field(validator=instance_of(DueRule))


#: The installment each ``kind`` tag names.
INSTALLMENT_KINDS: Final[Mapping[str, type[Installment]]] = FrozenMap(
    {
        "percentage": PercentageInstallment,
        "fixed": FixedInstallment,
        "balance": BalanceInstallment,
    }
)


@attrs.frozen(kw_only=True)
class EarlyPaymentDiscount:
    """A cash discount for paying early: "2/10" is 2 % off within 10 days.

    The discount expires at the end of the day ``days`` after the invoice
    date ([`discount_deadline()`][accountplan.billing.discount_deadline]).

    Attributes:
        percent: The discount in percent of the total (more than 0, less than 100).
        days: Days after the invoice date that the discount stays available.

    Examples:
        >>> EarlyPaymentDiscount(percent="2", days=10).percent
        Decimal('2')
    """

    percent: Decimal = attrs.field(
        converter=percent_converter(low_open=True, high_open=True)  # type: ignore[misc]  # attrs.Converter
    )
    days: int = attrs.field(validator=_bounded_int(0, MAX_TERM_DAYS))


@attrs.frozen(kw_only=True)
class PaymentTerms:
    """When an invoice must be paid: one due-date rule, or installments.

    Attributes:
        rule: The due-date rule of the whole amount, or ``None`` with
            ``installments``.
        installments: The parts of a split payment, or empty with ``rule``.
            Without a balance installment every part must be a percentage and
            the percentages must add up to exactly 100; with one, the fixed
            amounts and percentages may not exceed the total.
        discount: An early-payment discount, or ``None``.
        name: A label such as ``"2/10 net 30"``.

    Examples:
        >>> PaymentTerms.net(30).rule.days
        30
        >>> terms = PaymentTerms.early_payment("2", 10, net=30)
        >>> (terms.discount.percent, terms.discount.days, terms.rule.days)
        (Decimal('2'), 10, 30)
    """

    rule: DueRule | None = attrs.field(default=None, validator=optional(instance_of(DueRule)))
    installments: tuple[Installment, ...] = attrs.field(
        default=(),
        converter=tuple_of(Installment, limit=MAX_INSTALLMENTS),  # type: ignore[misc]  # attrs.Converter
    )
    discount: EarlyPaymentDiscount | None = attrs.field(
        default=None, validator=optional(instance_of(EarlyPaymentDiscount))
    )
    name: str = attrs.field(default="", validator=free_text)

    def __attrs_post_init__(self) -> None:
        if (self.rule is None) == (not self.installments):
            raise InvalidInputError(
                "rule", self.rule, "give exactly one of 'rule' and 'installments'"
            )
        if not self.installments:
            return
        balances = [i for i in self.installments if i.is_balance]
        if len(balances) > 1:
            raise InvalidInputError(
                "installments", len(balances), "may have at most one balance installment"
            )
        percents = [i.percent for i in self.installments if isinstance(i, PercentageInstallment)]
        total = sum(percents, Decimal(0))
        fixed = [i.amount for i in self.installments if isinstance(i, FixedInstallment)]
        if fixed:
            currency = fixed[0].currency
            for amount in fixed:
                if amount.currency != currency:
                    raise CurrencyMismatchError(currency, amount.currency, "combine")
        if not balances:
            if fixed:
                raise InvalidInputError(
                    "installments", fixed[0], "fixed amounts need a balance installment"
                )
            if total != _HUNDRED:
                raise InvalidInputError(
                    "installments", total, "percentages must add up to 100 without a balance"
                )
        elif total > _HUNDRED:
            raise InvalidInputError("installments", total, "percentages must not exceed 100")

    # -- constructors -------------------------------------------------------

    @classmethod
    def net(cls, days: int, /, *, discount: EarlyPaymentDiscount | None = None) -> PaymentTerms:
        """Due ``days`` days after the invoice date.

        Args:
            days: Calendar days after the invoice date, 0 to
                [`MAX_TERM_DAYS`][accountplan.billing.MAX_TERM_DAYS].
            discount: An early-payment discount, or ``None``.

        Returns:
            Terms named ``"net <days>"``.

        Raises:
            InvalidTypeError: ``days`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``days`` is negative.
            LimitExceededError: ``days`` is above ``MAX_TERM_DAYS``.
            InvalidTypeError: ``discount`` is not an
                [EarlyPaymentDiscount][accountplan.billing.EarlyPaymentDiscount].

        Examples:
            >>> due_date(PaymentTerms.net(30), dt.date(2025, 1, 31))
            datetime.date(2025, 3, 2)
        """
        return cls(rule=DueRule.net(days), discount=discount, name=f"net {days}")

    @classmethod
    def days_after_end_of_month(cls, days: int, /) -> PaymentTerms:
        """Due ``days`` days after the end of the invoice month.

        Args:
            days: Calendar days after the month's last day, 0 to
                [`MAX_TERM_DAYS`][accountplan.billing.MAX_TERM_DAYS].

        Returns:
            Terms named ``"<days> days end of month"``.

        Raises:
            InvalidTypeError: ``days`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``days`` is negative.
            LimitExceededError: ``days`` is above ``MAX_TERM_DAYS``.

        Examples:
            >>> due_date(PaymentTerms.days_after_end_of_month(30), dt.date(2025, 1, 5))
            datetime.date(2025, 3, 2)
        """
        return cls(rule=DueRule.days_after_end_of_month(days), name=f"{days} days end of month")

    @classmethod
    def months_after_end_of_month(cls, months: int, /) -> PaymentTerms:
        """Due on the last day of the month ``months`` months after the invoice month.

        Args:
            months: Months after the invoice month, 0 to
                [`MAX_TERM_MONTHS`][accountplan.billing.MAX_TERM_MONTHS].

        Returns:
            Terms named ``"end of month + <months> months"``.

        Raises:
            InvalidTypeError: ``months`` is not an ``int`` (``bool`` included).
            InvalidInputError: ``months`` is negative.
            LimitExceededError: ``months`` is above ``MAX_TERM_MONTHS``.

        Examples:
            >>> due_date(PaymentTerms.months_after_end_of_month(1), dt.date(2024, 1, 31))
            datetime.date(2024, 2, 29)
        """
        return cls(
            rule=DueRule.months_after_end_of_month(months),
            name=f"end of month + {months} months",
        )

    @classmethod
    def day_of_next_month(
        cls, day: AnchorDay, /, *, cutoff_days: int | None = None
    ) -> PaymentTerms:
        """Due on ``day`` of the next month; see
        [`day_of_next_month()`][accountplan.billing.DueRule.day_of_next_month].

        Args:
            day: The day of the month, 1 to 31 (clamped) or ``"last"``.
            cutoff_days: Invoices dated in the last ``cutoff_days`` days of
                their month (1 to 27) are due a month later; ``None`` for no
                cutoff.

        Returns:
            Terms named ``"day <day> of next month"``.

        Raises:
            InvalidTypeError: ``cutoff_days`` is not an ``int``.
            InvalidInputError: ``day`` is not a day from 1 to 31 or
                ``"last"``, or ``cutoff_days`` is not from 1 to 27.

        Examples:
            >>> terms = PaymentTerms.day_of_next_month(10, cutoff_days=5)
            >>> due_date(terms, dt.date(2025, 1, 26)), due_date(terms, dt.date(2025, 1, 27))
            (datetime.date(2025, 2, 10), datetime.date(2025, 3, 10))
        """
        return cls(
            rule=DueRule.day_of_next_month(day, cutoff_days=cutoff_days),
            name=f"day {day} of next month",
        )

    @classmethod
    def early_payment(cls, percent: Decimal | int | str, days: int, /, *, net: int) -> PaymentTerms:
        """The classic "2/10 net 30": ``percent`` off within ``days`` days, else net ``net``.

        ``percent`` is in percent: ``2`` means 2 % off (not ``0.02``).

        Args:
            percent: The discount in percent of the total, more than 0 and
                less than 100 (a ``Decimal``, an ``int`` or a decimal string).
            days: Days after the invoice date the discount stays available;
                not more than ``net``.
            net: Days after the invoice date the full amount is due.

        Returns:
            Net terms with an early-payment discount, named
            ``"<percent>/<days> net <net>"``.

        Raises:
            InvalidTypeError: ``percent`` is a float or not a number, or
                ``days`` or ``net`` is not an ``int``.
            InvalidInputError: ``percent`` is not between 0 and 100, a day
                count is negative, or ``days`` is after ``net``.
            LimitExceededError: ``days`` or ``net`` is above
                ``MAX_TERM_DAYS``.

        Examples:
            >>> PaymentTerms.early_payment(2, 10, net=30).name
            '2/10 net 30'
        """
        check_type("days", days, int)
        check_type("net", net, int)
        discount = EarlyPaymentDiscount(percent=percent, days=days)
        if days > net:
            raise InvalidInputError(
                "days", days, f"must not be after the net term (got days={days}, net={net})"
            )
        return cls(rule=DueRule.net(net), discount=discount, name=f"{percent}/{days} net {net}")

    @classmethod
    def split(cls, *parts: Installment, name: str = "") -> PaymentTerms:
        """Installments, each with its own rule.

        Without a balance installment the parts must all be percentages adding
        up to exactly 100; with one, the percentages and fixed amounts may not
        exceed the total.

        Args:
            *parts: The installments, in the order they are numbered; at most
                [`MAX_INSTALLMENTS`][accountplan.billing.MAX_INSTALLMENTS].
            name: A label such as ``"50/50"``.

        Returns:
            Installment terms.

        Raises:
            InvalidTypeError: a part is not an
                [Installment][accountplan.billing.Installment], or ``name`` is
                not a ``str``.
            InvalidInputError: no parts, more than one balance installment,
                fixed amounts without a balance, or percentages that do not
                add up as described above.
            CurrencyMismatchError: fixed amounts in different currencies.
            LimitExceededError: more than ``MAX_INSTALLMENTS`` parts.

        Examples:
            >>> terms = PaymentTerms.split(
            ...     Installment.percentage(50, DueRule.net(0)),
            ...     Installment.percentage(50, DueRule.net(30)),
            ... )
            >>> len(terms.installments)
            2
        """
        for index, part in enumerate(parts):
            check_type(f"parts[{index}]", part, Installment)
        return cls(installments=parts, name=name)


def _check_terms(terms: Any) -> PaymentTerms | DueRule:
    return check_type("terms", terms, (PaymentTerms, DueRule))


def due_date(terms: PaymentTerms | DueRule, invoice_date: dt.date, /) -> dt.date:
    """The day an invoice is due; with installments, the day the last one is due.

    Never before ``invoice_date``.

    Args:
        terms: Payment terms, or a single due-date rule.
        invoice_date: The invoice date (a ``date``, not a ``datetime``).

    Returns:
        The due date; for installment terms, the latest installment's.

    Raises:
        InvalidTypeError: ``terms`` is neither
            [PaymentTerms][accountplan.billing.PaymentTerms] nor a
            [DueRule][accountplan.billing.DueRule].
        InvalidInputError: ``invoice_date`` is not a date.
        LimitExceededError: the due date would fall after the year 9999.

    Examples:
        >>> due_date(PaymentTerms.net(30), dt.date(2025, 1, 15))
        datetime.date(2025, 2, 14)
        >>> due_date(PaymentTerms.months_after_end_of_month(0), dt.date(2025, 2, 3))
        datetime.date(2025, 2, 28)
    """
    checked = _check_terms(terms)
    day = check_date("invoice_date", invoice_date)
    if isinstance(checked, DueRule):
        return _rule_due(checked, day)
    if checked.rule is not None:
        return _rule_due(checked.rule, day)
    return max(_rule_due(i.rule, day) for i in checked.installments)


@attrs.frozen(kw_only=True)
class InstallmentDue:
    """One amount to pay and when.

    Attributes:
        sequence: 1 for the first installment, 2 for the next, ...
        due_date: When it is due.
        amount: How much, in whole minor units.

    Examples:
        >>> InstallmentDue(
        ...     sequence=1, due_date=dt.date(2025, 1, 1), amount=Money(amount=5, currency="EUR")
        ... ).sequence
        1
    """

    sequence: int = attrs.field(validator=_bounded_int(1, MAX_INSTALLMENTS))
    due_date: dt.date = attrs.field(validator=plain_date)
    amount: Money = attrs.field(validator=instance_of(Money))


def _check_total(total: Any) -> Money:
    check_type("total", total, Money)
    if total.amount < 0 or not total.is_rounded():
        raise InvalidInputError(
            "total", total, "must be zero or more, in whole minor units of its currency"
        )
    return total  # type: ignore[no-any-return]


def _percent_of(total: Money, percent: Decimal) -> Money:
    exact = CONTEXT.divide(CONTEXT.multiply(total.amount, percent), _HUNDRED)
    return Money(amount=quantize(exact, total.precision, "down"), currency=total.currency)


def installments(
    terms: PaymentTerms, total: Money, invoice_date: dt.date, /
) -> tuple[InstallmentDue, ...]:
    """Split ``total`` into the installments of ``terms``, in order, exact in minor units.

    Percentages are rounded down; the balance installment (or the last one
    when there is none) absorbs the remainder, so the amounts sum exactly to
    ``total``. Terms with a single rule give one installment of the total.

    Args:
        terms: The payment terms.
        total: The amount to split: zero or more, in whole minor units of its
            currency.
        invoice_date: The invoice date the due dates count from.

    Returns:
        One [InstallmentDue][accountplan.billing.InstallmentDue] per
        installment, numbered from 1, whose amounts sum exactly to ``total``.

    Raises:
        InvalidTypeError: ``terms`` is not
            [PaymentTerms][accountplan.billing.PaymentTerms] or ``total`` is
            not [Money][accountplan.money.Money].
        InvalidInputError: ``total`` is negative or not in whole minor units,
            ``invoice_date`` is not a date, or the fixed amounts and
            percentages come to more than ``total``.
        CurrencyMismatchError: a fixed amount is in another currency than
            ``total``.
        LimitExceededError: a due date would fall after the year 9999.

    Examples:
        >>> terms = PaymentTerms.split(
        ...     Installment.percentage("33.33", DueRule.net(0)),
        ...     Installment.percentage("33.33", DueRule.net(30)),
        ...     Installment.percentage("33.34", DueRule.net(60)),
        ... )
        >>> [str(i.amount) for i in installments(
        ...     terms, Money(amount="5.47", currency="EUR"), dt.date(2025, 1, 1))]
        ['1.82 EUR', '1.82 EUR', '1.83 EUR']
    """
    checked = check_type("terms", terms, PaymentTerms)
    amount = _check_total(total)
    day = check_date("invoice_date", invoice_date)
    if checked.rule is not None:
        return (InstallmentDue(sequence=1, due_date=_rule_due(checked.rule, day), amount=amount),)
    parts: list[Money | None] = []
    for item in checked.installments:
        if isinstance(item, FixedInstallment):
            if item.amount.currency != amount.currency:
                raise CurrencyMismatchError(amount.currency, item.amount.currency, "split")
            parts.append(item.amount)
        elif isinstance(item, PercentageInstallment):
            parts.append(_percent_of(amount, item.percent))
        else:
            parts.append(None)
    absorber = next(
        (i for i, item in enumerate(checked.installments) if item.is_balance),
        len(parts) - 1,
    )
    others = sum_money(
        (p for i, p in enumerate(parts) if i != absorber and p is not None),
        currency=amount.currency,
    )
    rest = amount - others
    if rest.amount < 0:
        raise InvalidInputError(
            "total", amount, f"is less than the fixed amounts and percentages ({others})"
        )
    parts[absorber] = rest
    return tuple(
        InstallmentDue(sequence=n, due_date=_rule_due(item.rule, day), amount=part)
        for n, (item, part) in enumerate(zip(checked.installments, parts, strict=True), start=1)
        if part is not None
    )


def discount_deadline(terms: PaymentTerms, invoice_date: dt.date, /) -> dt.date | None:
    """The last day the early-payment discount may be taken, or ``None`` without one.

    Args:
        terms: The payment terms.
        invoice_date: The invoice date (a ``date``).

    Returns:
        The invoice date plus the discount's days (the discount expires at
        the end of that day), or ``None`` when the terms have no discount.

    Raises:
        InvalidTypeError: ``terms`` is not
            [PaymentTerms][accountplan.billing.PaymentTerms].
        InvalidInputError: ``invoice_date`` is not a date.
        LimitExceededError: the deadline would fall after the year 9999.

    Examples:
        >>> discount_deadline(PaymentTerms.early_payment(2, 10, net=30), dt.date(2025, 1, 25))
        datetime.date(2025, 2, 4)
        >>> discount_deadline(PaymentTerms.net(30), dt.date(2025, 1, 25)) is None
        True
    """
    checked = check_type("terms", terms, PaymentTerms)
    day = check_date("invoice_date", invoice_date)
    if checked.discount is None:
        return None
    return _rule_due(DueRule.net(checked.discount.days), day)


def discounted_total(
    terms: PaymentTerms,
    total: Money,
    /,
    *,
    invoice_date: dt.date,
    paid_on: dt.date,
    rounding: Rounding = "half_even",
) -> Money:
    """What settles ``total`` when paid on ``paid_on``: less the discount if in time.

    The discount is rounded to the currency's minor unit with ``rounding``.

    Args:
        terms: The payment terms; only their discount counts.
        total: The invoice total: zero or more, in whole minor units.
        invoice_date: The invoice date the discount deadline counts from.
        paid_on: The day of payment; on or before the deadline earns the
            discount.
        rounding: How the discount (``total`` times the discount percent /
            100) is rounded to the minor unit: ``"half_even"`` (the default),
            ``"half_up"``, ``"half_down"``, ``"down"``, ``"up"``,
            ``"ceiling"`` or ``"floor"``.

    Returns:
        ``total`` less the rounded discount when paid in time, else ``total``
        itself, in the currency of ``total``.

    Raises:
        InvalidTypeError: ``total`` is not [Money][accountplan.money.Money],
            ``terms`` is not [PaymentTerms][accountplan.billing.PaymentTerms],
            or ``rounding`` is not a ``str``.
        InvalidInputError: ``total`` is negative or not in whole minor units,
            ``rounding`` is not a rounding mode, or a date is not a date.
        LimitExceededError: the deadline would fall after the year 9999.

    Examples:
        >>> terms = PaymentTerms.early_payment(2, 10, net=30)
        >>> total = Money(amount="1000.00", currency="EUR")
        >>> str(discounted_total(terms, total, invoice_date=dt.date(2025, 1, 1),
        ...                      paid_on=dt.date(2025, 1, 11)))
        '980.00 EUR'
        >>> str(discounted_total(terms, total, invoice_date=dt.date(2025, 1, 1),
        ...                      paid_on=dt.date(2025, 1, 12)))
        '1000.00 EUR'
    """
    amount = _check_total(total)
    check_choice("rounding", rounding, ROUNDING_MODES)
    deadline = discount_deadline(terms, invoice_date)
    paid = check_date("paid_on", paid_on)
    if deadline is None or paid > deadline or terms.discount is None:
        return amount
    off: Money = (amount * terms.discount.percent / _HUNDRED).rounded(rounding)
    return amount - off
