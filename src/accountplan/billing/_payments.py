"""Payments, credit notes, and open items (what is still owed on one debt)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import attrs

from accountplan._pickling import compact_pickle
from accountplan._validate import (
    check_date,
    check_items,
    check_non_empty,
    check_type,
    empty_or,
    enum_converter,
    free_text,
    named,
    non_empty,
    optional,
    plain_date,
    tuple_of,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
)
from accountplan.money import Money, sum_money

if TYPE_CHECKING:
    from accountplan.billing._invoice import Invoice

__all__ = ["CreditNote", "OpenItem", "Payment", "PaymentMethod", "Settlement"]

#: The most settlements one open item may carry.
MAX_SETTLEMENTS = 10_000
#: The most invoices one payment may designate.
MAX_DESIGNATIONS = 1_000


class PaymentMethod(enum.Enum):
    """How a payment reached the creditor."""

    BANK_TRANSFER = "bank_transfer"
    DIRECT_DEBIT = "direct_debit"
    CARD = "card"
    CASH = "cash"
    CHEQUE = "cheque"
    OTHER = "other"


def _positive(field: str, value: Any) -> Money:
    money = check_type(field, value, Money)
    if money.amount <= 0:
        raise InvalidInputError(field, value, "must be more than zero")
    if not money.is_rounded():
        raise InvalidInputError(
            field, value, f"must be a whole number of {money.currency} minor units"
        )
    return money


#: A validator: an amount of more than zero, in whole minor units.
_positive_money = named(_positive)


@attrs.frozen(kw_only=True)
class Payment:
    """Money received from a customer.

    Attributes:
        reference: The payment's identifier (bank reference, receipt number).
        amount: What was received; more than zero, whole minor units.
        received_on: The day the money arrived (interest stops on this day).
        payment_method: How it was paid.
        account_number: The paying account, empty when not known.
        invoices: The invoice numbers the customer designated, in order
            (BW 6:43 lid 1: a designation is followed); empty for none.

    Examples:
        >>> import datetime as dt
        >>> Payment(
        ...     reference="PAY-1",
        ...     amount=Money(amount="100.00", currency="EUR"),
        ...     received_on=dt.date(2025, 3, 1),
        ...     invoices=["INV-7"],
        ... ).invoices
        ('INV-7',)
    """

    reference: str = attrs.field(validator=non_empty)
    amount: Money = attrs.field(validator=_positive_money)
    received_on: dt.date = attrs.field(validator=plain_date)
    payment_method: PaymentMethod = attrs.field(
        default=PaymentMethod.BANK_TRANSFER,
        converter=enum_converter(PaymentMethod),  # type: ignore[misc]  # attrs.Converter
    )
    account_number: str = attrs.field(default="", validator=empty_or(non_empty))
    invoices: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            check_non_empty, limit=MAX_DESIGNATIONS, unique_by=True, what="strings"
        ),
    )


@attrs.frozen(kw_only=True)
class CreditNote:
    """A reduction of what the customer owes, optionally against one invoice.

    A credit note against an invoice settles that invoice first (on its issue
    date); one without an invoice is allocated like a payment.

    Attributes:
        number: The credit note's number.
        amount: The credited amount; more than zero, whole minor units.
        issue_date: The day the credit note was issued.
        invoice: The invoice number it corrects, or ``None``.
        account_number: The account, empty when not known.
        reason: Why the credit was given.

    Examples:
        >>> import datetime as dt
        >>> CreditNote(
        ...     number="CN-1",
        ...     amount=Money(amount="20.00", currency="EUR"),
        ...     issue_date=dt.date(2025, 3, 1),
        ...     invoice="INV-7",
        ... ).invoice
        'INV-7'
    """

    number: str = attrs.field(validator=non_empty)
    amount: Money = attrs.field(validator=_positive_money)
    issue_date: dt.date = attrs.field(validator=plain_date)
    invoice: str | None = attrs.field(
        default=None,
        validator=optional(non_empty),
    )
    account_number: str = attrs.field(default="", validator=empty_or(non_empty))
    reason: str = attrs.field(default="", validator=free_text)


@compact_pickle
@attrs.frozen(kw_only=True)
class Settlement:
    """Part of an open item paid (or credited) on a day.

    Attributes:
        settled_on: The day the amount was paid or credited.
        amount: The amount settled; more than zero.
        source: The payment or credit note that settled it.

    Examples:
        >>> import datetime as dt
        >>> day = dt.date(2025, 3, 1)
        >>> Settlement(settled_on=day, amount=Money(amount="5", currency="EUR")).amount
        Money(amount=Decimal('5'), currency='EUR')
    """

    settled_on: dt.date = attrs.field(validator=plain_date)
    amount: Money = attrs.field(validator=_positive_money)
    source: str = attrs.field(default="", validator=free_text)


def _settlements(value: Any) -> tuple[Settlement, ...]:
    # Domain work beyond the shared check: settlements are kept in date order.
    items = check_items("settlements", value, Settlement, limit=MAX_SETTLEMENTS)
    return tuple(sorted(items, key=lambda s: s.settled_on))


@compact_pickle(nested={"settlements": Settlement})
@attrs.frozen(kw_only=True)
class OpenItem:
    """One debt and what has been paid on it: the unit of aging, late fees and dunning.

    Attributes:
        number: The invoice number (or another identifier of the debt).
        issue_date: The invoice date.
        due_date: The due date; the debt is late from the day after.
        total: The original amount owed; more than zero, whole minor units.
        settlements: Payments and credits on this debt, sorted by day; they
            never add up to more than ``total``.
        account_number: The account that owes it, empty when not known.

    Examples:
        >>> import datetime as dt
        >>> item = OpenItem(
        ...     number="INV-1",
        ...     issue_date=dt.date(2025, 1, 1),
        ...     due_date=dt.date(2025, 1, 31),
        ...     total=Money(amount="100.00", currency="EUR"),
        ...     settlements=[
        ...         Settlement(
        ...             settled_on=dt.date(2025, 2, 10),
        ...             amount=Money(amount="40.00", currency="EUR"),
        ...         )
        ...     ],
        ... )
        >>> str(item.amount_due(dt.date(2025, 2, 9)))
        '100.00 EUR'
        >>> str(item.amount_due(dt.date(2025, 2, 10)))
        '60.00 EUR'
    """

    number: str = attrs.field(validator=non_empty)
    issue_date: dt.date = attrs.field(validator=plain_date)
    due_date: dt.date = attrs.field(validator=plain_date)
    total: Money = attrs.field(validator=_positive_money)
    settlements: tuple[Settlement, ...] = attrs.field(default=(), converter=_settlements)
    account_number: str = attrs.field(default="", validator=empty_or(non_empty))

    def __attrs_post_init__(self) -> None:
        if self.due_date < self.issue_date:
            raise InvalidInputError(
                "due_date",
                self.due_date,
                "must be on or after 'issue_date' "
                f"(got due_date={self.due_date}, issue_date={self.issue_date})",
            )
        for settlement in self.settlements:
            if settlement.amount.currency != self.total.currency:
                raise CurrencyMismatchError(
                    self.total.currency, settlement.amount.currency, "settle"
                )
        paid = sum_money((s.amount for s in self.settlements), currency=self.total.currency)
        if paid > self.total:
            raise InvalidInputError(
                "settlements",
                str(paid),
                f"must not add up to more than the amount {self.total}",
            )

    @classmethod
    def from_invoice(cls, invoice: Invoice, /) -> OpenItem:
        """The debt an owed invoice creates, as an open item without settlements.

        The item's ``number``, ``issue_date``, ``due_date``, ``total`` and
        ``account_number`` are the invoice's. Only an owed invoice
        (``open`` or ``uncollectible``, see
        [is_owed][accountplan.billing.is_owed]) is a debt: a draft, voided or
        paid invoice is refused, so that it never enters an aging report, a
        dunning run or a late fee.

        Args:
            invoice: An [Invoice][accountplan.billing.Invoice].

        Returns:
            The open item (no settlements).

        Raises:
            InvalidTypeError: ``invoice`` is not an ``Invoice``.
            InvalidInputError: The invoice is not owed, or its total is not
                more than zero.

        Examples:
            >>> import datetime as dt
            >>> from accountplan.billing import Invoice, InvoiceLine, InvoiceStatus
            >>> invoice = Invoice(
            ...     number="INV-1", account_number="C-1", status=InvoiceStatus.OPEN,
            ...     issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31), currency="EUR",
            ...     lines=[InvoiceLine(description="Plan",
            ...                        unit_price=Money(amount=100, currency="EUR"), tax_rate=21)],
            ... )
            >>> item = OpenItem.from_invoice(invoice)
            >>> item.number, item.due_date, str(item.total)
            ('INV-1', datetime.date(2025, 1, 31), '121.00 EUR')
        """
        from accountplan.billing._allocation import check_owed, invoice_debt  # noqa: PLC0415

        check_type("invoice", invoice, _invoice_class())
        check_owed("invoice", invoice)
        return invoice_debt("invoice", invoice)

    @property
    def currency(self) -> str:
        """The currency of the debt."""
        return self.total.currency

    def amount_paid(self, day: dt.date, /) -> Money:
        """What was settled on or before ``day``.

        Args:
            day: The last day counted (a ``date``); settlements on that day
                count.

        Returns:
            The sum of the settlements up to ``day``, in the currency of
            ``total``; zero before the first.

        Raises:
            InvalidTypeError: ``day`` is not a ``date``.
            InvalidInputError: ``day`` is a ``datetime``.

        Examples:
            >>> import datetime as dt
            >>> item = OpenItem(
            ...     number="INV-1", issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31),
            ...     total=Money(amount="100.00", currency="EUR"),
            ...     settlements=[Settlement(settled_on=dt.date(2025, 2, 10),
            ...                             amount=Money(amount="40.00", currency="EUR"))],
            ... )
            >>> str(item.amount_paid(dt.date(2025, 2, 10)))
            '40.00 EUR'
        """
        check_date("day", day)
        return sum_money(
            (s.amount for s in self.settlements if s.settled_on <= day),
            currency=self.total.currency,
        )

    def amount_due(self, day: dt.date, /) -> Money:
        """What is still owed at the end of ``day``.

        Args:
            day: The day asked about (a ``date``); settlements on that day
                are taken off.

        Returns:
            ``total`` less [amount_paid][accountplan.billing.OpenItem.amount_paid]
            of ``day``: zero or more, in the currency of ``total``.

        Raises:
            InvalidTypeError: ``day`` is not a ``date``.
            InvalidInputError: ``day`` is a ``datetime``.

        Examples:
            >>> import datetime as dt
            >>> item = OpenItem(
            ...     number="INV-1", issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31),
            ...     total=Money(amount="100.00", currency="EUR"),
            ... )
            >>> str(item.amount_due(dt.date(2025, 2, 1)))
            '100.00 EUR'
        """
        return self.total - self.amount_paid(day)

    def settled_on(self) -> dt.date | None:
        """The day the debt was fully settled, or ``None`` while anything is open.

        Returns:
            The day of the settlement that brought the amount paid up to
            ``total``, or ``None``.

        Examples:
            >>> import datetime as dt
            >>> eur = Money(amount="50.00", currency="EUR")
            >>> item = OpenItem(
            ...     number="INV-1", issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31),
            ...     total=Money(amount="100.00", currency="EUR"),
            ...     settlements=[Settlement(settled_on=dt.date(2025, 2, d), amount=eur)
            ...                  for d in (3, 9)],
            ... )
            >>> item.settled_on()
            datetime.date(2025, 2, 9)
        """
        for settlement in self.settlements:
            if self.amount_paid(settlement.settled_on) == self.total:
                return settlement.settled_on
        return None


def _invoice_class() -> type[Invoice]:
    # Invoice imports this module (for PaymentMethod): resolved on first use.
    from accountplan.billing._invoice import Invoice  # noqa: PLC0415

    return Invoice
