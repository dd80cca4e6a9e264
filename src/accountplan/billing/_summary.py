"""The billing part of the account overview: balances, recent transactions, payment history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountplan._decimal import CONTEXT
from accountplan._typing import ALLOCATION_STRATEGIES, AllocationStrategy
from accountplan._validate import check_choice, check_type
from accountplan.accounts import Account
from accountplan.billing._allocation import (
    LedgerEntry,
    check_receivables,
    debt_of,
    ledger,
    owed_references,
    settle,
)
from accountplan.billing._allocation import _sequence as sequence_of
from accountplan.billing._daycount import check_date
from accountplan.billing._dunning import account_number_of
from accountplan.billing._invoice import Invoice, is_issued
from accountplan.billing._late_fees import LateFeePolicy, late_fee
from accountplan.billing._payments import CreditNote, OpenItem, Payment
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money, sum_money

__all__ = ["AccountSummary", "account_summary"]

#: The most recent transactions a summary may list.
MAX_RECENT = 1000
#: The decimal places of ``average_days_to_pay`` (days), rounded half-even.
AVERAGE_DAYS_PLACES = 2
_DAYS_QUANTUM = Decimal(1).scaleb(-AVERAGE_DAYS_PLACES)


@attrs.frozen(kw_only=True)
class AccountSummary:
    """Where an account stands on a day.

    Attributes:
        account_number: The account.
        as_of: The day of the summary.
        currency: The currency of every amount.
        outstanding: What is open on owed invoices (open and uncollectible,
            see [is_owed][accountplan.billing.is_owed]) issued by ``as_of``.
        overdue: The part of ``outstanding`` past its due date.
        credit_balance: Money received that no invoice took.
        balance: ``outstanding - credit_balance`` (the ledger balance).
        next_due: The earliest due date on or after ``as_of`` with money open.
        oldest_overdue_due: The earliest due date before ``as_of`` with money open.
        days_past_due: Days since ``oldest_overdue_due`` (0 when nothing is overdue).
        last_payment_on: The day of the last payment received by ``as_of``.
        last_payment_amount: Its amount.
        recent: The latest ledger entries, oldest first.
        paid_invoices: Invoices settled in full by ``as_of``.
        average_days_to_pay: From invoice date to full settlement, over the
            paid invoices, in days to 2 decimal places (half-even); ``None``
            when none is paid.
        late_payments: Paid invoices settled after their due date.
        accrued_late_fees: The late fees under ``fee_policy`` on every invoice
            (interest on a paid invoice stopped on its payment day); zero
            without a policy.
    """

    account_number: str
    as_of: dt.date
    currency: str
    outstanding: Money
    overdue: Money
    credit_balance: Money
    balance: Money
    next_due: dt.date | None
    oldest_overdue_due: dt.date | None
    days_past_due: int
    last_payment_on: dt.date | None
    last_payment_amount: Money | None
    recent: tuple[LedgerEntry, ...]
    paid_invoices: int
    average_days_to_pay: Decimal | None
    late_payments: int
    accrued_late_fees: Money


def account_summary(
    account: Account | str,
    invoices: Iterable[Invoice | OpenItem],
    payments: Iterable[Payment],
    /,
    *,
    as_of: dt.date,
    credit_notes: Iterable[CreditNote] = (),
    strategy: AllocationStrategy = "oldest_due_first",
    fee_policy: LateFeePolicy | None = None,
    recent: int = 10,
) -> AccountSummary:
    """Summarise an account's billing on ``as_of``.

    ``account`` is an [`Account`][accountplan.accounts.Account] (or an account
    number when there is at least one invoice or payment to take the currency
    from). Invoices, payments and credit notes of other accounts are left
    out; those without an account number are taken as this account's.

    Args:
        account: The [Account][accountplan.accounts.Account], or its number.
        invoices: The account's invoices or open items; drafts and voided
            invoices count for nothing.
        payments: The payments received.
        as_of: The day of the summary (a ``date``).
        credit_notes: Credit notes issued.
        strategy: How payments are applied: ``"oldest_due_first"`` (the
            default), ``"designated"``, ``"pro_rata"`` or ``"nl_statutory"``
            (see [allocate_payments][accountplan.billing.allocate_payments]).
        fee_policy: Late fees to accrue on every invoice, or ``None`` for
            none.
        recent: How many of the latest ledger entries to include, 0 to
            ``MAX_RECENT``.

    Returns:
        The summary: outstanding, overdue and credit balance, next and
        oldest due dates, the last payment, recent ledger entries and the
        payment history, every amount in the account's one currency.

    Raises:
        InvalidTypeError: an item, payment or credit note is not of its
            type, or ``recent`` is not an ``int``, or ``fee_policy`` is not a
            [LateFeePolicy][accountplan.billing.LateFeePolicy].
        InvalidInputError: ``as_of`` is not a date, ``recent`` is out of
            range, ``account`` is a number and nothing gives the currency,
            or the allocation refuses its input (see
            [allocate_payments][accountplan.billing.allocate_payments]).
        CurrencyMismatchError: the amounts are not all in one currency.
        LimitExceededError: too many items.

    Examples:
        >>> import datetime as dt
        >>> invoice = OpenItem(number="A", issue_date=dt.date(2025, 1, 1),
        ...                    due_date=dt.date(2025, 1, 31),
        ...                    total=Money(amount=100, currency="EUR"))
        >>> pay = Payment(reference="P1", amount=Money(amount=100, currency="EUR"),
        ...               received_on=dt.date(2025, 2, 5))
        >>> summary = account_summary("C-1", [invoice], [pay], as_of=dt.date(2025, 3, 1))
        >>> str(summary.outstanding), summary.late_payments, str(summary.average_days_to_pay)
        ('0.00 EUR', 1, '35.00')
    """
    number = account_number_of(account)
    check_date("as_of", as_of)
    check_choice("strategy", strategy, ALLOCATION_STRATEGIES)
    check_type("recent", recent, int)
    if not 0 <= recent <= MAX_RECENT:
        raise InvalidInputError("recent", recent, f"must be from 0 to {MAX_RECENT}")
    if fee_policy is not None:
        check_type("fee_policy", fee_policy, LateFeePolicy)
    mine = {number, ""}
    given = check_receivables("invoices", invoices)
    owed = owed_references(given)
    items = [debt_of(i) for i in given if is_issued(i)]
    items = [i for i in items if i.account_number in mine]
    pays = [p for p in sequence_of("payments", payments, Payment) if p.account_number in mine]
    notes = [
        n for n in sequence_of("credit_notes", credit_notes, CreditNote) if n.account_number in mine
    ]
    left_out = [i.currency for i in given if not is_issued(i)]
    currency = _currency(account, [i.currency for i in items] + left_out, pays, notes)
    zero = Money.zero(currency).rounded()
    settled = settle(items, pays, as_of=as_of, strategy=strategy, credit_notes=notes)
    entries = ledger(items, pays, credit_notes=notes, as_of=as_of) if items or pays or notes else ()
    balance = entries[-1].balance if entries else zero
    open_now = [i for i in settled if i.number in owed and i.amount_due(as_of).amount > 0]
    overdue_items = [i for i in open_now if i.due_date < as_of]
    outstanding = sum_money((i.amount_due(as_of) for i in open_now), currency=currency).rounded()
    overdue = sum_money((i.amount_due(as_of) for i in overdue_items), currency=currency).rounded()
    oldest = min((i.due_date for i in overdue_items), default=None)
    paid = [(i, i.settled_on()) for i in settled]
    paid_days = [(on - i.issue_date).days for i, on in paid if on is not None]
    average = (
        CONTEXT.quantize(
            CONTEXT.divide(Decimal(sum(paid_days)), Decimal(len(paid_days))), _DAYS_QUANTUM
        )
        if paid_days
        else None
    )
    received = [p for p in pays if p.received_on <= as_of]
    last = max(received, key=lambda p: (p.received_on, p.reference), default=None)
    fees = zero
    if fee_policy is not None:
        for item in settled:
            # A paid invoice bears the fees accrued until its payment; one whose
            # payment was not passed in is settled by its status, without fees.
            if item.number in owed or item.settled_on() is not None:
                fees = fees + late_fee(item, as_of=as_of, policy=fee_policy).amount
    return AccountSummary(
        account_number=number,
        as_of=as_of,
        currency=currency,
        outstanding=outstanding,
        overdue=overdue,
        credit_balance=outstanding - balance,
        balance=balance,
        next_due=min((i.due_date for i in open_now if i.due_date >= as_of), default=None),
        oldest_overdue_due=oldest,
        days_past_due=(as_of - oldest).days if oldest else 0,
        last_payment_on=last.received_on if last else None,
        last_payment_amount=last.amount if last else None,
        recent=tuple(entries[len(entries) - recent :]) if recent else (),
        paid_invoices=len(paid_days),
        average_days_to_pay=average,
        late_payments=sum(1 for i, on in paid if on is not None and on > i.due_date),
        accrued_late_fees=fees,
    )


def _currency(
    account: Account | str, items: list[str], pays: list[Payment], notes: list[CreditNote]
) -> str:
    codes = items + [p.amount.currency for p in pays]
    codes += [n.amount.currency for n in notes]
    if codes:
        return codes[0]
    if not isinstance(account, Account):
        raise InvalidInputError(
            "account", account, "must be an Account when there are no invoices or payments"
        )
    return account.currency
