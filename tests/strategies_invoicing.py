"""Hypothesis strategies for the invoicing models of accountplan.billing."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from accountplan._typing import ANCHOR_DAYS
from accountplan.billing import (
    AppliedPayments,
    BalanceInstallment,
    BillingCycle,
    BillingPeriod,
    DayOfNextMonth,
    DaysAfterEndOfMonth,
    DueRule,
    EarlyPaymentDiscount,
    FixedInstallment,
    Installment,
    InstallmentDue,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    MonthsAfterEndOfMonth,
    NetDays,
    Payment,
    PaymentMethod,
    PaymentTerms,
    PercentageInstallment,
    PlanChange,
    SettledInvoice,
    TaxLine,
    apply_payments,
    invoice_schedule,
)
from accountplan.money import Money
from tests.strategies import money_in

__all__ = [
    "MODEL_STRATEGIES",
    "SPLIT_CURRENCIES",
    "anchors",
    "applied_payments",
    "cycles",
    "days",
    "due_rules",
    "invoices",
    "payment_terms",
    "settlement_cases",
]

#: Currencies with 0, 2 and 3 minor-unit digits.
SPLIT_CURRENCIES = ("JPY", "EUR", "BHD")

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
anchors: st.SearchStrategy[Any] = st.sampled_from(ANCHOR_DAYS)
names = st.text(alphabet="ABCDEFGHJK0123456789-", min_size=1, max_size=8).filter(
    lambda s: s.strip() == s
)
tax_rates = st.sampled_from([Decimal(0), Decimal(6), Decimal(9), Decimal(21), Decimal("5.5")])


@st.composite
def cycles(draw: st.DrawFn) -> BillingCycle:
    """Every kind of cycle: day, week, month (semi-monthly too) and year."""
    kind: Any = draw(st.sampled_from(["day", "week", "month", "semimonth", "year"]))
    if kind == "semimonth":
        first: Any = draw(st.integers(1, 27))
        second: Any = draw(st.sampled_from([*range(first + 1, 32), "last"]))
        return BillingCycle.semimonthly(days=(first, second))
    if kind == "day":
        return BillingCycle(unit="day", count=draw(st.integers(1, 60)))
    alignment: Any = draw(st.sampled_from(["anniversary", "calendar"]))
    if kind == "week":
        return BillingCycle(unit="week", count=draw(st.integers(1, 8)), alignment=alignment)
    anchor = draw(st.none() | anchors)
    count = draw(st.sampled_from([1, 2, 3, 4, 6, 12])) if kind == "month" else 1
    return BillingCycle(unit=kind, count=count, anchor=anchor, alignment=alignment)


net_days = st.integers(0, 120).map(DueRule.net)
days_after_end_of_month = st.integers(0, 60).map(DueRule.days_after_end_of_month)
months_after_end_of_month = st.integers(0, 6).map(DueRule.months_after_end_of_month)
day_of_next_month = st.builds(
    lambda d, c: DueRule.day_of_next_month(d, cutoff_days=c),
    anchors,
    st.none() | st.integers(1, 27),
)
due_rules = st.one_of(
    net_days, days_after_end_of_month, months_after_end_of_month, day_of_next_month
)
percentage_installments = st.builds(
    PercentageInstallment,
    rule=due_rules,
    percent=st.decimals(min_value="0.01", max_value=100, places=2),
)
fixed_installments = st.builds(
    FixedInstallment,
    rule=due_rules,
    amount=st.integers(1, 10**6).map(lambda units: Money.from_minor_units(units, "EUR")),
)
balance_installments_only = st.builds(BalanceInstallment, rule=due_rules)


@st.composite
def percent_installments(draw: st.DrawFn) -> PaymentTerms:
    """Percentages (two decimals) adding up to exactly 100."""
    n = draw(st.integers(1, 6))
    cuts = sorted(draw(st.lists(st.integers(1, 9999), min_size=n - 1, max_size=n - 1, unique=True)))
    bounds = [0, *cuts, 10000]
    parts = [Decimal(b - a).scaleb(-2) for a, b in itertools.pairwise(bounds)]
    return PaymentTerms.split(*(Installment.percentage(p, draw(due_rules)) for p in parts))


@st.composite
def balance_installments(draw: st.DrawFn) -> PaymentTerms:
    """A fixed EUR amount and a percentage, then the balance."""
    fixed = Installment.fixed(
        Money.from_minor_units(draw(st.integers(1, 10_000)), "EUR"), draw(due_rules)
    )
    share = Installment.percentage(draw(st.integers(1, 50)), draw(due_rules))
    return PaymentTerms.split(fixed, share, Installment.balance(draw(due_rules)), name="mixed")


discounts = st.builds(
    EarlyPaymentDiscount,
    percent=st.decimals(min_value="0.5", max_value="10", places=1),
    days=st.integers(0, 30),
)

payment_terms = st.one_of(
    st.builds(PaymentTerms, rule=due_rules, discount=st.none() | discounts, name=names),
    percent_installments(),
    balance_installments(),
)


def lines_in(currency: str) -> st.SearchStrategy[InvoiceLine]:
    """Invoice lines of one currency, credits included."""
    return st.builds(
        InvoiceLine,
        description=names,
        unit_price=money_in(currency, min_units=-(10**6), max_units=10**7),
        quantity=st.decimals(min_value=0, max_value=1000, places=3),
        tax_rate=tax_rates,
    )


@st.composite
def invoices(draw: st.DrawFn, currency: str | None = None) -> Invoice:
    """Invoices of any status, method and rounding."""
    code = currency or draw(st.sampled_from(SPLIT_CURRENCIES))
    issued = draw(days)
    method = draw(st.none() | st.sampled_from(list(PaymentMethod)))
    period = draw(st.none() | st.tuples(days, days).map(sorted))
    return Invoice(
        number=draw(names),
        account_number=draw(names),
        issue_date=issued,
        due_date=issued + dt.timedelta(days=draw(st.integers(0, 90))),
        currency=code,
        lines=draw(st.lists(lines_in(code), max_size=5)),
        status=draw(st.sampled_from(list(InvoiceStatus))),
        payment_method=method,
        mandate_reference="MNDT-1" if method is PaymentMethod.DIRECT_DEBIT else "",
        tax_rounding=draw(st.sampled_from(["per_line", "per_invoice"])),
        rounding=draw(st.sampled_from(["half_even", "half_up"])),
        period_start=None if period is None else period[0],
        period_end=None if period is None else period[1],
    )


@st.composite
def billing_periods(draw: st.DrawFn) -> BillingPeriod:
    """A period from a real schedule."""
    periods = invoice_schedule(
        draw(cycles()),
        start=draw(days),
        count=draw(st.integers(1, 3)),
        timing=draw(st.sampled_from(["advance", "arrears"])),
        terms=draw(st.none() | payment_terms),
    )
    return draw(st.sampled_from(periods))


MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    BillingCycle: cycles(),
    BillingPeriod: billing_periods(),
    DueRule: due_rules,
    NetDays: net_days,
    DaysAfterEndOfMonth: days_after_end_of_month,
    MonthsAfterEndOfMonth: months_after_end_of_month,
    DayOfNextMonth: day_of_next_month,
    EarlyPaymentDiscount: discounts,
    Installment: st.one_of(percentage_installments, fixed_installments, balance_installments_only),
    PercentageInstallment: percentage_installments,
    FixedInstallment: fixed_installments,
    BalanceInstallment: balance_installments_only,
    InstallmentDue: st.builds(
        InstallmentDue,
        sequence=st.integers(1, 12),
        due_date=days,
        amount=money_in("BHD", min_units=0),
    ),
    Invoice: invoices(),
    InvoiceLine: lines_in("JPY"),
    PaymentTerms: payment_terms,
    PlanChange: st.builds(PlanChange, credit=lines_in("EUR"), charge=lines_in("EUR")),
    TaxLine: st.builds(TaxLine, rate=tax_rates, base=money_in("EUR"), tax=money_in("EUR")),
}


@st.composite
def settlement_cases(draw: st.DrawFn) -> tuple[list[Invoice], list[Payment], dt.date]:
    """Invoices of any status with a positive total, payments in any of their
    currencies (or another), and a day to ask about: input for ``apply_payments``."""
    start = dt.date(2025, 1, 1)
    count = draw(st.integers(0, 8))
    out = []
    for index in range(count):
        code = draw(st.sampled_from(SPLIT_CURRENCIES))
        issued = start + dt.timedelta(days=draw(st.integers(0, 60)))
        out.append(
            Invoice(
                number=f"INV-{index}",
                account_number="C-1",
                issue_date=issued,
                due_date=issued + dt.timedelta(days=draw(st.integers(0, 60))),
                currency=code,
                lines=[
                    InvoiceLine(
                        description="Plan",
                        unit_price=draw(money_in(code, min_units=1, max_units=10**6)),
                        quantity=draw(st.integers(1, 5)),
                        tax_rate=draw(tax_rates),
                    )
                ],
                status=draw(st.sampled_from(list(InvoiceStatus))),
            )
        )
    pays = [
        Payment(
            reference=f"PAY-{index}",
            amount=draw(money_in(code, min_units=1, max_units=10**7)),
            received_on=start + dt.timedelta(days=draw(st.integers(0, 120))),
        )
        for index, code in enumerate(
            draw(st.lists(st.sampled_from((*SPLIT_CURRENCIES, "USD")), max_size=8))
        )
    ]
    as_of = start + dt.timedelta(days=draw(st.integers(0, 150)))
    return out, pays, as_of


#: Results of ``apply_payments`` on arbitrary cases (it never raises on them).
applied_payments = settlement_cases().map(lambda case: apply_payments(*case[:2], as_of=case[2]))

MODEL_STRATEGIES[AppliedPayments] = applied_payments
MODEL_STRATEGIES[SettledInvoice] = applied_payments.filter(lambda r: bool(r.invoices)).flatmap(
    lambda r: st.sampled_from(r.invoices)
)
