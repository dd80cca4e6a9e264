"""Invoice schedules: the billing periods of a subscription, and an invoice per period.

[`invoice_schedule()`][accountplan.billing.invoice_schedule] cuts time into half-open periods
``[start, end)`` on
the boundaries of a [`BillingCycle`][accountplan.billing.BillingCycle]. Boundary
``k`` is computed from the anchor (``anchor + k * n months``, clamped to the
month's length), never by stepping from the previous boundary, so an anchor of
31 gives Jan 31, Feb 28, Mar 31, Apr 30 and never drifts to the 28th.
(``dateutil.rrule(MONTHLY)`` from the 31st skips the months without a 31st,
as RFC 5545 requires; it is not a billing calendar.)

* A schedule whose ``start`` is not on a boundary begins with a *stub*: a
  shorter first period, flagged [`is_stub`][accountplan.billing.BillingPeriod.is_stub], that
  [`invoice_for()`][accountplan.billing.invoice_for] prorates. A schedule cut short by ``end`` ends
  with one.
* ``trial_end`` adds a free trial period ``[start, trial_end)`` (flagged
  [`is_trial`][accountplan.billing.BillingPeriod.is_trial]); billing starts at the trial end, which
  is
  also the anchor of an anniversary cycle without an explicit anchor (as
  Stripe does).
* ``timing="advance"`` issues each invoice on the period's first day;
  ``"arrears"`` on its end (the day after its last day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

import attrs

from accountplan._typing import (
    PRORATION_METHODS,
    ROUNDING_MODES,
    TIMINGS,
    ProrationMethod,
    Rounding,
    TaxRounding,
    Timing,
)
from accountplan._validate import check_choice, check_non_empty, check_type, instance_of, plain_date
from accountplan.billing._cycles import BillingCycle, grid
from accountplan.billing._daycount import check_date
from accountplan.billing._invoice import Invoice, InvoiceLine, InvoiceStatus, tax_percent
from accountplan.billing._payments import PaymentMethod
from accountplan.billing._proration import prorate
from accountplan.billing._rows import BillingPeriods
from accountplan.billing._terms import DueRule, PaymentTerms, due_date
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.money import Money

__all__ = ["MAX_SCHEDULE_PERIODS", "BillingPeriod", "invoice_for", "invoice_schedule"]

#: The most periods one schedule may have.
MAX_SCHEDULE_PERIODS: Final = 10_000


@attrs.frozen(kw_only=True)
class BillingPeriod:
    """One period of an invoice schedule.

    Attributes:
        sequence: 1 for the first period, 2 for the next, ...
        start: The first day of service.
        end: The day after the last day of service (half-open).
        cycle_start: The start of the full cycle period this period is part
            of (before ``start`` for a first stub).
        cycle_end: The end of that full cycle period (after ``end`` when the
            schedule's ``end`` cuts the period short).
        issue_date: When the invoice is issued.
        due_date: When it must be paid.
        is_trial: A free trial period (nothing is charged).

    Examples:
        >>> period = invoice_schedule(BillingCycle.monthly(anchor=1),
        ...                           start=dt.date(2025, 1, 15), count=1)[0]
        >>> (period.start, period.end, period.is_stub)
        (datetime.date(2025, 1, 15), datetime.date(2025, 2, 1), True)
    """

    sequence: int = attrs.field(validator=instance_of(int))
    start: dt.date = attrs.field(validator=plain_date)
    end: dt.date = attrs.field(validator=plain_date)
    cycle_start: dt.date = attrs.field(validator=plain_date)
    cycle_end: dt.date = attrs.field(validator=plain_date)
    issue_date: dt.date = attrs.field(validator=plain_date)
    due_date: dt.date = attrs.field(validator=plain_date)
    is_trial: bool = attrs.field(default=False, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.sequence < 1:
            raise InvalidInputError("sequence", self.sequence, "must be 1 or more")
        if not self.cycle_start <= self.start < self.end <= self.cycle_end:
            raise InvalidInputError(
                "end",
                self.end,
                "need cycle_start <= start < end <= cycle_end (got "
                f"{self.cycle_start}, {self.start}, {self.end}, {self.cycle_end})",
            )
        if self.due_date < self.issue_date:
            raise InvalidInputError(
                "due_date",
                self.due_date,
                f"must be on or after 'issue_date' (got due_date={self.due_date}, "
                f"issue_date={self.issue_date})",
            )

    @property
    def is_stub(self) -> bool:
        """Whether the period is shorter than its cycle period (to be prorated)."""
        return (self.start, self.end) != (self.cycle_start, self.cycle_end)

    @property
    def days(self) -> int:
        """The number of days of service."""
        return (self.end - self.start).days


def _terms(value: Any) -> PaymentTerms | DueRule | None:
    if value is None:
        return None
    return check_type("terms", value, (PaymentTerms, DueRule))


def _optional_positive(field: str, value: Any) -> int | None:
    if value is None:
        return None
    check_type(field, value, int)
    if value < 1:
        raise InvalidInputError(field, value, "must be 1 or more")
    if value > MAX_SCHEDULE_PERIODS:
        raise LimitExceededError(field, value, MAX_SCHEDULE_PERIODS)
    return int(value)


def invoice_schedule(
    cycle: BillingCycle,
    /,
    *,
    start: dt.date,
    end: dt.date | None = None,
    count: int | None = None,
    timing: Timing = "advance",
    terms: PaymentTerms | DueRule | None = None,
    trial_end: dt.date | None = None,
) -> BillingPeriods:
    """The billing periods of a subscription from ``start``.

    Give ``end`` (the schedule covers ``[start, end)``, the last period cut
    short if needed), ``count`` (that many periods, a trial included), or both
    (whichever comes first). More than
    [`MAX_SCHEDULE_PERIODS`][accountplan.billing.MAX_SCHEDULE_PERIODS] periods
    raise ``LimitExceededError``. Due dates follow ``terms``; without terms an
    invoice is due on its issue date. The periods come as a tuple that is also
    a table ([BillingPeriods][accountplan.billing.BillingPeriods]).

    Args:
        cycle: How often, and on which day, the subscription is invoiced.
        start: The first day of the subscription (a ``date``).
        end: The day the schedule stops (excluded), after ``start``; ``None``
            with ``count``.
        count: How many periods, 1 or more, a trial period included;
            ``None`` with ``end``.
        timing: ``"advance"`` (the default: each period is invoiced on its
            first day) or ``"arrears"`` (on its end).
        terms: Payment terms or a due-date rule for every invoice; ``None``
            makes each invoice due on its issue date.
        trial_end: The end of a free trial (excluded), after ``start``: the
            trial is the first period and the cycle starts on ``trial_end``;
            ``None`` for no trial.

    Returns:
        The periods in order, numbered from 1, half-open and adjacent, each
        with its cycle bounds, issue date and due date.

    Raises:
        InvalidTypeError: ``cycle`` is not a
            [BillingCycle][accountplan.billing.BillingCycle], ``terms`` is
            neither [PaymentTerms][accountplan.billing.PaymentTerms] nor a
            [DueRule][accountplan.billing.DueRule], ``count`` is not an
            ``int``, or ``timing`` is not a ``str``.
        InvalidInputError: neither ``end`` nor ``count``, ``end`` or
            ``trial_end`` not after ``start``, ``count`` below 1, an unknown
            timing, or a bound that is not a date.
        LimitExceededError: more than ``MAX_SCHEDULE_PERIODS`` periods, or a
            date after the year 9999.

    Examples:
        >>> periods = invoice_schedule(BillingCycle.monthly(anchor=31),
        ...                            start=dt.date(2024, 1, 31), count=4)
        >>> [p.start.isoformat() for p in periods]
        ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']
        >>> due = invoice_schedule(BillingCycle.monthly(), start=dt.date(2025, 1, 1), count=1,
        ...                        terms=PaymentTerms.net(14))[0].due_date
        >>> due
        datetime.date(2025, 1, 15)
    """
    checked = check_type("cycle", cycle, BillingCycle)
    first = check_date("start", start)
    last = None if end is None else check_date("end", end)
    wanted = _optional_positive("count", count)
    when = check_choice("timing", timing, TIMINGS)
    rules = _terms(terms)
    if last is None and wanted is None:
        raise InvalidInputError("end", None, "give 'end' or 'count' (or both)")
    if last is not None and last <= first:
        raise InvalidInputError(
            "end", last, f"must be after 'start' (got end={last}, start={first})"
        )
    trial = None if trial_end is None else check_date("trial_end", trial_end)
    if trial is not None and trial <= first:
        raise InvalidInputError(
            "trial_end", trial, f"must be after 'start' (got trial_end={trial}, start={first})"
        )

    periods: list[BillingPeriod] = []

    def add(p_start: dt.date, p_end: dt.date, c_start: dt.date, c_end: dt.date, free: bool) -> None:
        if len(periods) >= MAX_SCHEDULE_PERIODS:
            raise LimitExceededError(
                "end", last, MAX_SCHEDULE_PERIODS, f"needs more than {MAX_SCHEDULE_PERIODS} periods"
            )
        issue = p_start if when == "advance" else p_end
        due = issue if rules is None else due_date(rules, issue)
        periods.append(
            BillingPeriod(
                sequence=len(periods) + 1,
                start=p_start,
                end=p_end,
                cycle_start=c_start,
                cycle_end=c_end,
                issue_date=issue,
                due_date=due,
                is_trial=free,
            )
        )

    def done(at: dt.date) -> bool:
        return (wanted is not None and len(periods) >= wanted) or (last is not None and at >= last)

    current = first
    if trial is not None:
        trial_stop = trial if last is None else min(trial, last)
        add(first, trial_stop, first, trial_stop, True)
        current = trial
    if done(current):
        return BillingPeriods(periods)
    boundaries = grid(checked, current)
    j = boundaries.index_of(current)
    cycle_start = boundaries.at(j)
    while not done(current):
        cycle_end = boundaries.at(j + 1)
        stop = cycle_end if last is None else min(cycle_end, last)
        add(current, stop, cycle_start, cycle_end, False)
        current, cycle_start, j = stop, cycle_end, j + 1
    return BillingPeriods(periods)


def invoice_for(
    period: BillingPeriod,
    /,
    *,
    number: str,
    account_number: str,
    price: Money,
    description: str,
    quantity: Decimal | int | str = 1,
    tax_rate: Decimal | int | str = 0,
    method: ProrationMethod = "actual_days",
    rounding: Rounding = "half_even",
    tax_rounding: TaxRounding = "per_line",
    payment_method: PaymentMethod | str | None = None,
    mandate_reference: str = "",
    status: InvoiceStatus | str = InvoiceStatus.DRAFT,
) -> Invoice:
    """A draft invoice for one billing period at ``price`` per full period.

    A stub period's price is prorated over its cycle period with ``method``
    and ``rounding`` ([`prorate()`][accountplan.billing.prorate]); a trial period is
    invoiced at zero. The invoice takes the period's issue and due dates and
    records the service period.

    Args:
        period: The billing period.
        number: The invoice number.
        account_number: The account billed.
        price: The price of one full period, per unit.
        description: What is charged; the period is appended.
        quantity: How many units (zero or more).
        tax_rate: The tax rate **in percent**: ``21`` means 21 %. A value
            between 0 and 1 (``"0.21"``) is refused as a fraction by mistake;
            for a real rate under 1 % build the
            [InvoiceLine][accountplan.billing.InvoiceLine] yourself.
        method: The proration method of a stub period.
        rounding: How the prorated price and the totals are rounded.
        tax_rounding: ``per_line`` or ``per_invoice``.
        payment_method: How the customer pays (a
            [PaymentMethod][accountplan.billing.PaymentMethod] or its value
            string), or ``None``.
        mandate_reference: The direct-debit mandate, with direct debit only.
        status: The invoice's status, an
            [InvoiceStatus][accountplan.billing.InvoiceStatus] or its value
            string (``draft`` by default: a draft is not owed until it is
            moved to ``open``).

    Returns:
        The invoice.

    Raises:
        InvalidInputError: Bad input, such as a tax rate given as a fraction.

    Examples:
        >>> period = invoice_schedule(BillingCycle.monthly(anchor=1),
        ...                           start=dt.date(2025, 1, 15), count=1)[0]
        >>> invoice = invoice_for(period, number="INV-1", account_number="C-1",
        ...                       price=Money(amount="31.00", currency="EUR"),
        ...                       description="Pro plan")
        >>> str(invoice.total), invoice.lines[0].description
        ('17.00 EUR', 'Pro plan, 2025-01-15 to 2025-01-31 (prorated 17/31 days)')
    """
    checked = check_type("period", period, BillingPeriod)
    check_type("price", price, Money)
    text = check_non_empty("description", description)
    mode = check_choice("method", method, PRORATION_METHODS)
    check_choice("rounding", rounding, ROUNDING_MODES)
    tax_percent(tax_rate)
    last_day = checked.end - dt.timedelta(days=1)
    span = f"{checked.start.isoformat()} to {last_day.isoformat()}"
    if checked.is_trial:
        unit_price = Money.zero(price.currency)
        label = f"{text}, {span} (free trial)"
    elif checked.is_stub:
        unit_price = prorate(
            price,
            period=(checked.cycle_start, checked.cycle_end),
            used=(checked.start, checked.end),
            method=mode,  # type: ignore[arg-type]
            rounding=rounding,
        )
        whole = (checked.cycle_end - checked.cycle_start).days
        note = f"prorated {checked.days}/{whole} days" if mode == "actual_days" else "prorated"
        label = f"{text}, {span} ({note})"
    else:
        unit_price = price
        label = f"{text}, {span}"
    line = InvoiceLine(
        description=label,
        unit_price=unit_price,
        quantity=quantity,
        tax_rate=tax_rate,
    )
    return Invoice(
        number=number,
        account_number=account_number,
        issue_date=checked.issue_date,
        due_date=checked.due_date,
        currency=price.currency,
        lines=(line,),
        status=status,
        payment_method=payment_method,
        mandate_reference=mandate_reference,
        tax_rounding=tax_rounding,
        rounding=rounding,
        period_start=checked.start,
        period_end=checked.end,
    )
