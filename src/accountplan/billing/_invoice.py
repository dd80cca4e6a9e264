"""Invoices: lines with quantity, unit price and tax rate; totals derived, never stored.

How the totals are made:

* Each line's net amount (``quantity * unit_price``) is rounded to the
  currency's minor unit with the invoice's ``rounding``; the subtotal is the
  sum of those rounded nets.
* Tax with ``tax_rounding="per_line"`` (default) is rounded on every line and
  then added up; with ``"per_invoice"`` the nets are first added up per tax
  rate and each rate's tax is rounded once (the way many European invoices
  show a VAT summary). The two can differ by a few minor units.
* The total is the subtotal plus the tax.

Statuses follow the life of an invoice as Stripe models it: ``draft`` (still
being edited), then ``open`` (finalized and sent), then ``paid``, ``void`` or
``uncollectible``; an uncollectible invoice can still be paid or voided.

What is owed is decided here and nowhere else ([`is_owed()`][accountplan.billing.is_owed],
[`is_issued()`][accountplan.billing.is_issued]); every receivables function asks these two:

| status        | issued | owed | meaning for receivables                                  |
|---------------|--------|------|----------------------------------------------------------|
| draft         | no     | no   | not sent: never in a ledger, an allocation or a report    |
| open          | yes    | yes  | sent and not yet paid: has an amount due                  |
| uncollectible | yes    | yes  | written off in the books but still legally due (Stripe)   |
| paid          | yes    | no   | settled: in the ledger, never aged, dunned or charged     |
| void          | no     | no   | cancelled: as if never issued                             |

An [`OpenItem`][accountplan.billing.OpenItem] has no status: it is a debt, owed by
definition.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Final

import attrs

from accountplan._decimal import CONTEXT, to_decimal
from accountplan._typing import ROUNDING_MODES, TAX_ROUNDINGS, Rounding, TaxRounding
from accountplan._validate import (
    check_percent,
    check_type,
    enum_converter,
    free_text,
    instance_of,
    named,
    non_empty,
    one_of,
    optional,
    percent_converter,
    plain_date,
    to_enum,
    tuple_of,
)
from accountplan.billing._payments import OpenItem, PaymentMethod
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTransitionError,
    InvalidTypeError,
)
from accountplan.money import Money, known_currencies, sum_money

__all__ = [
    "ISSUED_STATUSES",
    "MAX_INVOICE_LINES",
    "OWED_STATUSES",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "TaxLine",
    "allowed_transitions",
    "is_issued",
    "is_owed",
    "transition",
]

#: The most lines one invoice may have.
MAX_INVOICE_LINES: Final = 10_000

_HUNDRED = Decimal(100)


class InvoiceStatus(enum.Enum):
    """Where an invoice is in its life."""

    DRAFT = "draft"
    OPEN = "open"
    PAID = "paid"
    VOID = "void"
    UNCOLLECTIBLE = "uncollectible"


#: The statuses of invoices that are owed: they have an amount due until paid.
OWED_STATUSES: Final = frozenset({InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE})
#: The statuses of issued invoices: owed ones and paid ones. Only these appear
#: in a ledger and take payments; drafts and voided invoices never do.
ISSUED_STATUSES: Final = OWED_STATUSES | {InvoiceStatus.PAID}


def _status_of(document: Any) -> InvoiceStatus | None:
    if isinstance(document, InvoiceStatus):
        return document
    if isinstance(document, str):
        return to_enum("status", document, InvoiceStatus)
    if isinstance(document, Invoice):
        return document.status
    if isinstance(document, OpenItem):
        return None  # a debt: no status, owed by definition
    raise InvalidTypeError(
        "document", document, "must be an Invoice, an OpenItem, an InvoiceStatus or its value"
    )


def is_owed(document: Invoice | OpenItem | InvoiceStatus | str, /) -> bool:
    """Whether an invoice (or a status) has an amount due: the one rule for what is owed.

    Open and uncollectible invoices are owed; drafts, voided and paid invoices
    are not. A value without a status (an
    [OpenItem][accountplan.billing.OpenItem]) is a debt and always owed.
    Every receivables function (open items, aging, dunning, late fees, the
    account summary) counts an invoice if and only if this is true.

    Args:
        document: An [Invoice][accountplan.billing.Invoice], an
            [InvoiceStatus][accountplan.billing.InvoiceStatus] (or its value
            string), or an open item.

    Returns:
        ``True`` for ``open`` and ``uncollectible``, and for anything without
        a status.

    Raises:
        InvalidTypeError: ``document`` is none of the types above.
        InvalidInputError: A status string that is not an ``InvoiceStatus`` value.

    Examples:
        >>> [s.value for s in InvoiceStatus if is_owed(s)]
        ['open', 'uncollectible']
    """
    status = _status_of(document)
    return status is None or status in OWED_STATUSES


def is_issued(document: Invoice | OpenItem | InvoiceStatus | str, /) -> bool:
    """Whether an invoice (or a status) was issued: it belongs in a ledger and takes payments.

    Open, uncollectible and paid invoices are issued; drafts and voided
    invoices are not and are left out of ledgers, allocations and summaries.
    A value without a status (an open item) counts as issued.

    Args:
        document: An [Invoice][accountplan.billing.Invoice], an
            [InvoiceStatus][accountplan.billing.InvoiceStatus] (or its value
            string), or an open item.

    Returns:
        ``True`` for ``open``, ``uncollectible`` and ``paid``, and for
        anything without a status.

    Raises:
        InvalidTypeError: ``document`` is none of the types above.
        InvalidInputError: A status string that is not an ``InvoiceStatus`` value.

    Examples:
        >>> [s.value for s in InvoiceStatus if is_issued(s)]
        ['open', 'paid', 'uncollectible']
    """
    status = _status_of(document)
    return status is None or status in ISSUED_STATUSES


_TRANSITIONS: Final = {
    InvoiceStatus.DRAFT: frozenset({InvoiceStatus.OPEN, InvoiceStatus.VOID}),
    InvoiceStatus.OPEN: frozenset(
        {InvoiceStatus.PAID, InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE}
    ),
    InvoiceStatus.UNCOLLECTIBLE: frozenset({InvoiceStatus.PAID, InvoiceStatus.VOID}),
    InvoiceStatus.PAID: frozenset(),
    InvoiceStatus.VOID: frozenset(),
}


def tax_percent(value: Any) -> Decimal:
    """A tax rate in percent for a convenience function, refusing a fraction by mistake.

    A rate strictly between 0 and 1 is refused: ``"0.21"`` is almost always
    21 % written as a fraction, and taken as 0.21 % it would give a plausible
    but wrong total (100.21 on 100.00). The models keep accepting any rate from
    0 to 100, so a real rate under 1 % (India's 0.25 % GST on rough diamonds)
    is given on an [InvoiceLine][accountplan.billing.InvoiceLine] directly.
    """
    number = check_percent("tax_rate", value)
    if 0 < number < 1:
        raise InvalidInputError(
            "tax_rate",
            value,
            f"is in percent (21 means 21 %); {number} looks like a fraction of "
            f"{CONTEXT.multiply(number, _HUNDRED).normalize()} %. For a real rate under 1 % "
            "build the InvoiceLine yourself",
        )
    return number


def _currency(field: str, value: Any) -> str:
    # Domain work: the code must be one CLDR knows, named by the attribute
    # (money's own check names the parameter of the function it serves).
    if not isinstance(value, str):
        raise InvalidTypeError(
            field, value, "must be a str: an ISO 4217 currency code such as 'EUR'"
        )
    if value not in known_currencies():
        raise InvalidInputError(
            field, value, "must be an ISO 4217 currency code known to CLDR, such as 'EUR'"
        )
    return value


def _quantity(value: Any) -> Decimal:
    number = to_decimal("quantity", value)
    if number < 0:
        raise InvalidInputError("quantity", value, "must be zero or more")
    return number


@attrs.frozen(kw_only=True)
class InvoiceLine:
    """One line of an invoice.

    A credit (for example unused time after a downgrade) is a line with a
    negative unit price.

    Attributes:
        description: What is charged.
        unit_price: The price of one unit (any sign; may have more decimals
            than the currency, the line's amount is rounded on the invoice).
        quantity: How many units (zero or more, a ``Decimal``).
        tax_rate: The tax rate in percent (0 to 100).

    Examples:
        >>> line = InvoiceLine(description="Seats", quantity=3,
        ...                    unit_price=Money(amount="9.99", currency="EUR"), tax_rate=21)
        >>> line.amount
        Money(amount=Decimal('29.97'), currency='EUR')
    """

    description: str = attrs.field(validator=non_empty)
    unit_price: Money = attrs.field(validator=instance_of(Money))
    quantity: Decimal = attrs.field(default=Decimal(1), converter=_quantity)
    tax_rate: Decimal = attrs.field(default=Decimal(0), converter=percent_converter())  # type: ignore[misc]  # attrs.Converter

    @property
    def currency(self) -> str:
        """The currency of the unit price."""
        return self.unit_price.currency

    @property
    def amount(self) -> Money:
        """``quantity * unit_price``, exact (not yet rounded); never a negative zero."""
        return self.unit_price * self.quantity


@attrs.frozen(kw_only=True)
class TaxLine:
    """The tax of one rate on an invoice: the VAT summary row.

    Attributes:
        rate: The tax rate in percent.
        base: The rounded net amounts taxed at this rate, added up.
        tax: The tax at this rate, rounded as the invoice says.

    Examples:
        >>> TaxLine(rate=Decimal(21), base=Money(amount=100, currency="EUR"),
        ...         tax=Money(amount=21, currency="EUR")).rate
        Decimal('21')
    """

    rate: Decimal = attrs.field(converter=percent_converter())  # type: ignore[misc]  # attrs.Converter
    base: Money = attrs.field(validator=instance_of(Money))
    tax: Money = attrs.field(validator=instance_of(Money))


@attrs.frozen(kw_only=True)
class Invoice:
    """A bill sent to an account. Totals are properties computed from the lines.

    Attributes:
        number: The invoice number.
        account_number: The account billed.
        issue_date: The invoice date.
        due_date: When it must be paid; on or after ``issue_date``.
        currency: The currency of every line.
        lines: The lines, in order.
        status: ``draft`` (default), ``open``, ``paid``, ``void`` or
            ``uncollectible``; see [`transition()`][accountplan.billing.transition]. Only
            ``open`` and
            ``uncollectible`` invoices are owed.
        payment_method: How the customer pays, or ``None`` when not agreed.
        mandate_reference: The direct-debit mandate (SEPA mandate ID);
            required with ``PaymentMethod.DIRECT_DEBIT``, empty otherwise.
        tax_rounding: ``per_line`` (default) or ``per_invoice``.
        rounding: How line amounts and tax are rounded to the minor unit.
        period_start: The first day of the service period billed, or ``None``.
        period_end: The day after its last day (half-open), or ``None``.

    Invoices work with [allocate_payments][accountplan.billing.allocate_payments],
    [open_items][accountplan.billing.open_items],
    [apply_payments][accountplan.billing.apply_payments] (which returns each
    invoice with its ``amount_paid`` and ``amount_due``) and every
    receivables function; as a debt an invoice is
    [OpenItem.from_invoice][accountplan.billing.OpenItem.from_invoice]
    (``number``, ``issue_date``, ``due_date``, ``total`` and
    ``account_number``), which needs a total of more than zero.
    What they count depends on ``status`` (see
    [is_owed][accountplan.billing.is_owed]): a draft is not owed until it is
    moved to ``open`` with [transition][accountplan.billing.transition].

    Examples:
        >>> import datetime as dt
        >>> invoice = Invoice(
        ...     number="INV-1", account_number="C-1",
        ...     issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31), currency="EUR",
        ...     lines=[InvoiceLine(description="Plan", unit_price=Money(amount=100, currency="EUR"),
        ...                        tax_rate=21)],
        ... )
        >>> str(invoice.subtotal), str(invoice.tax), str(invoice.total)
        ('100.00 EUR', '21.00 EUR', '121.00 EUR')
    """

    number: str = attrs.field(validator=non_empty)
    account_number: str = attrs.field(validator=non_empty)
    issue_date: dt.date = attrs.field(validator=plain_date)
    due_date: dt.date = attrs.field(validator=plain_date)
    currency: str = attrs.field(validator=named(_currency))
    lines: tuple[InvoiceLine, ...] = attrs.field(
        default=(),
        converter=tuple_of(InvoiceLine, limit=MAX_INVOICE_LINES),  # type: ignore[misc]  # attrs.Converter
    )
    status: InvoiceStatus = attrs.field(
        default=InvoiceStatus.DRAFT,
        converter=enum_converter(InvoiceStatus),  # type: ignore[misc]  # attrs.Converter
    )
    payment_method: PaymentMethod | None = attrs.field(
        default=None,
        converter=enum_converter(PaymentMethod, optional=True),  # type: ignore[misc]  # attrs.Converter
    )
    mandate_reference: str = attrs.field(default="", validator=free_text)
    tax_rounding: TaxRounding = attrs.field(
        default="per_line",
        validator=one_of(TAX_ROUNDINGS),
    )
    rounding: Rounding = attrs.field(default="half_even", validator=one_of(ROUNDING_MODES))
    period_start: dt.date | None = attrs.field(default=None, validator=optional(plain_date))
    period_end: dt.date | None = attrs.field(default=None, validator=optional(plain_date))

    def __attrs_post_init__(self) -> None:
        if self.due_date < self.issue_date:
            raise InvalidInputError(
                "due_date",
                self.due_date,
                f"must be on or after 'issue_date' (got due_date={self.due_date}, "
                f"issue_date={self.issue_date})",
            )
        for line in self.lines:
            if line.currency != self.currency:
                raise CurrencyMismatchError(self.currency, line.currency, "invoice")
        direct_debit = self.payment_method is PaymentMethod.DIRECT_DEBIT
        if direct_debit and not self.mandate_reference.strip():
            raise InvalidInputError(
                "mandate_reference", self.mandate_reference, "is required for direct debit"
            )
        if not direct_debit and self.mandate_reference:
            raise InvalidInputError(
                "mandate_reference", self.mandate_reference, "is only for direct debit"
            )
        if (self.period_start is None) != (self.period_end is None):
            raise InvalidInputError(
                "period_end",
                self.period_end,
                "give both 'period_start' and 'period_end', or neither",
            )
        if (
            self.period_start is not None
            and self.period_end is not None
            and self.period_end < self.period_start
        ):
            raise InvalidInputError(
                "period_end",
                self.period_end,
                f"must be on or after 'period_start' (got period_end={self.period_end}, "
                f"period_start={self.period_start})",
            )

    # -- derived totals -------------------------------------------------------

    @property
    def line_amounts(self) -> tuple[Money, ...]:
        """Each line's net amount, rounded to the minor unit."""
        return tuple(line.amount.rounded(self.rounding) for line in self.lines)

    @property
    def subtotal(self) -> Money:
        """The sum of the rounded line amounts, before tax."""
        return sum_money(self.line_amounts, currency=self.currency)

    @property
    def tax_lines(self) -> tuple[TaxLine, ...]:
        """The tax per rate, ordered by rate (rates without lines are left out)."""
        bases: dict[Decimal, Money] = {}
        taxes: dict[Decimal, Money] = {}
        zero = Money.zero(self.currency)
        for line, net in zip(self.lines, self.line_amounts, strict=True):
            rate = line.tax_rate
            bases[rate] = bases.get(rate, zero) + net
            if self.tax_rounding == "per_line":
                taxes[rate] = taxes.get(rate, zero) + _tax_of(net, rate, self.rounding)
        if self.tax_rounding == "per_invoice":
            taxes = {rate: _tax_of(base, rate, self.rounding) for rate, base in bases.items()}
        return tuple(
            TaxLine(rate=rate, base=bases[rate], tax=taxes[rate]) for rate in sorted(bases)
        )

    @property
    def tax(self) -> Money:
        """The tax of the whole invoice."""
        return sum_money((t.tax for t in self.tax_lines), currency=self.currency)

    @property
    def total(self) -> Money:
        """Subtotal plus tax: what the customer owes."""
        return self.subtotal + self.tax


def _tax_of(net: Money, rate: Decimal, rounding: Rounding) -> Money:
    exact = CONTEXT.divide(CONTEXT.multiply(net.amount, rate), _HUNDRED)
    return Money(amount=exact, currency=net.currency).rounded(rounding)


def allowed_transitions(status: InvoiceStatus | str, /) -> frozenset[InvoiceStatus]:
    """The statuses an invoice may move to from ``status`` (empty for paid and void).

    Args:
        status: An [InvoiceStatus][accountplan.billing.InvoiceStatus] or its
            value string (``"open"``).

    Returns:
        The statuses ``status`` may move to.

    Raises:
        InvalidInputError: ``status`` is a string that is no status's value
            (the message lists the allowed values).
        InvalidTypeError: ``status`` is neither a status nor a string.

    Examples:
        >>> sorted(s.value for s in allowed_transitions(InvoiceStatus.OPEN))
        ['paid', 'uncollectible', 'void']
    """
    return _TRANSITIONS[to_enum("status", status, InvoiceStatus)]


def transition(invoice: Invoice, to: InvoiceStatus | str, /) -> Invoice:
    """Return the invoice in status ``to``; an illegal move raises ``InvalidTransitionError``.

    The same shape as [accounts.transition][accountplan.accounts.transition]:
    the subject and the target status positionally, a new value back, the
    allowed moves in [allowed_transitions][accountplan.billing.allowed_transitions].
    An invoice keeps no status history, so it takes no time or reason.

    Args:
        invoice: The invoice.
        to: The new status, an [InvoiceStatus][accountplan.billing.InvoiceStatus]
            or its value string (``"open"``).

    Returns:
        A copy of ``invoice`` in status ``to``.

    Raises:
        InvalidInputError: ``to`` is a string that is no status's value (the
            message lists the allowed values).
        InvalidTypeError: ``invoice`` is not an invoice, or ``to`` is neither
            a status nor a string.
        InvalidTransitionError: The move is not allowed from the invoice's
            status.

    Examples:
        >>> import datetime as dt
        >>> draft = Invoice(number="INV-1", account_number="C-1", issue_date=dt.date(2025, 1, 1),
        ...                 due_date=dt.date(2025, 1, 1), currency="EUR")
        >>> transition(draft, InvoiceStatus.OPEN).status
        <InvoiceStatus.OPEN: 'open'>
        >>> transition(draft, "open").status
        <InvoiceStatus.OPEN: 'open'>
        >>> transition(draft, InvoiceStatus.PAID)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidTransitionError: cannot move from draft to paid; ...
    """
    check_type("invoice", invoice, Invoice)
    target = to_enum("to", to, InvoiceStatus)
    allowed = _TRANSITIONS[invoice.status]
    if target not in allowed:
        raise InvalidTransitionError(invoice.status, target, allowed)
    return attrs.evolve(invoice, status=target)
