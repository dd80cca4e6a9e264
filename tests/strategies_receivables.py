"""Hypothesis strategies for the receivables models of accountplan.billing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from accountplan._frozen import FrozenMap
from accountplan.billing import (
    AccountSummary,
    AgingLine,
    AgingReport,
    AgingRow,
    Allocation,
    AllocationResult,
    AmountCap,
    Cap,
    CreditNote,
    DunningAction,
    DunningLevel,
    DunningPolicy,
    DunningRecord,
    DunningResult,
    DunningStep,
    FlatFee,
    InterestFee,
    InterestPolicy,
    ItemCharges,
    LateFee,
    LateFeeComponent,
    LateFeeLine,
    LateFeePolicy,
    LedgerEntry,
    OpenItem,
    Payment,
    PaymentMethod,
    PercentageFee,
    PercentCap,
    RatePeriod,
    RateTable,
    Settlement,
    UnappliedCredit,
    bucket_labels,
)
from accountplan.money import Money
from tests.strategies import free_texts

__all__ = [
    "MODEL_STRATEGIES",
    "days",
    "interest_policies",
    "late_fee_policies",
    "open_items",
    "rate_tables",
]

CURRENCY = "EUR"
days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 6, 30))
names = st.text(alphabet="ABCDEFGHJK0123456789-", min_size=1, max_size=8).filter(
    lambda s: s.strip() == s
)
percents = st.decimals(min_value=0, max_value=50, places=2, allow_nan=False, allow_infinity=False)


def eur(min_units: int = 1, max_units: int = 10**9) -> st.SearchStrategy[Money]:
    """Euro amounts in whole cents."""
    return st.integers(min_units, max_units).map(lambda u: Money.from_minor_units(u, CURRENCY))


@st.composite
def rate_tables(draw: st.DrawFn) -> RateTable:
    """Small rate tables with strictly increasing effective dates."""
    starts = draw(st.lists(days, min_size=1, max_size=5, unique=True))
    starts.sort()
    periods = [
        RatePeriod(effective=d, rate=draw(percents), note=draw(free_texts(max_size=5)))
        for d in starts
    ]
    until = draw(st.dates(min_value=starts[-1], max_value=dt.date(2030, 12, 31)))
    return RateTable(name=draw(names), periods=periods, valid_until=until, source="test")


fixed_interest = st.builds(
    InterestPolicy,
    rate=percents,
    day_count=st.sampled_from(["act_365", "act_360", "act_act", "30_360", "30e_360"]),
    compounding=st.sampled_from(["simple", "annual", "monthly"]),
    accrual=st.sampled_from(["per_day", "per_started_month"]),
)
table_interest = st.builds(
    InterestPolicy,
    rates=rate_tables(),
    margin=percents,
    fix_rate=st.booleans(),
    day_count=st.sampled_from(["act_365", "act_360", "act_act", "30_360", "30e_360"]),
    compounding=st.sampled_from(["simple", "annual", "monthly"]),
)
interest_policies = st.one_of(fixed_interest, table_interest)

flat_fees = st.builds(FlatFee, amount=eur(0, 10_000), label=names)
percentage_fees = st.builds(PercentageFee, percent=percents, label=names)
interest_fees = st.builds(InterestFee, interest=fixed_interest, label=names)
components = st.one_of(flat_fees, percentage_fees, interest_fees)
amount_caps = st.builds(AmountCap, amount=eur(0, 100_000))
percent_caps = st.builds(PercentCap, percent=percents)
caps = st.one_of(amount_caps, percent_caps)
late_fee_policies = st.builds(
    LateFeePolicy,
    components=st.lists(components, min_size=1, max_size=3),
    grace_days=st.integers(0, 30),
    grace_accrual=st.sampled_from(["from_grace_end", "from_due_date"]),
    minimum=st.none() | caps,
    maximum=st.none() | caps,
)


@st.composite
def open_items(draw: st.DrawFn, *, account: str = "") -> OpenItem:
    """Open items in euros with a few partial settlements."""
    issued = draw(days)
    due = issued + dt.timedelta(days=draw(st.integers(0, 90)))
    units = draw(st.integers(100, 10**8))
    paid_units = draw(st.lists(st.integers(1, max(1, units // 4)), max_size=3))
    settlements = [
        Settlement(
            settled_on=due + dt.timedelta(days=draw(st.integers(-30, 400))),
            amount=Money.from_minor_units(p, CURRENCY),
        )
        for p in paid_units
    ]
    return OpenItem(
        number=draw(names),
        issue_date=issued,
        due_date=due,
        total=Money.from_minor_units(units, CURRENCY),
        settlements=settlements,
        account_number=account,
    )


payments = st.builds(
    Payment,
    reference=names,
    amount=eur(),
    received_on=days,
    payment_method=st.sampled_from(PaymentMethod),
    account_number=st.just("") | names,
    invoices=st.lists(names, max_size=3, unique=True),
)
credit_notes = st.builds(
    CreditNote,
    number=names,
    amount=eur(),
    issue_date=days,
    invoice=st.none() | names,
    reason=free_texts(max_size=10),
)
allocations = st.builds(
    Allocation,
    source=names,
    source_kind=st.sampled_from(["payment", "credit_note"]),
    invoice=names,
    settled_on=days,
    amount=eur(),
    costs=eur(0),
    interest=eur(0),
    principal=eur(0),
)
unapplied = st.builds(
    UnappliedCredit,
    source=names,
    source_kind=st.sampled_from(["payment", "credit_note"]),
    received_on=days,
    amount=eur(),
)
ledger_entries = st.builds(
    LedgerEntry,
    on=days,
    kind=st.sampled_from(["invoice", "credit_note", "payment"]),
    reference=names,
    debit=eur(0),
    credit=eur(0),
    balance=eur(-(10**6)),
)
fee_lines = st.builds(
    LateFeeLine,
    component=st.sampled_from(["flat", "percentage", "interest"]),
    label=names,
    base=eur(),
    amount=eur(0),
    rate=st.none() | percents,
    start=st.none() | days,
    end=st.none() | days,
    days=st.integers(0, 400),
    note=free_texts(max_size=10),
)
fees = st.builds(
    LateFee,
    amount=eur(0),
    principal=eur(),
    due=days,
    as_of=days,
    days_late=st.integers(0, 400),
    accrual_start=st.none() | days,
    lines=st.lists(fee_lines, max_size=2).map(tuple),
    uncapped=eur(0),
    adjustment=st.sampled_from(["none", "minimum", "maximum"]),
)
levels = st.builds(
    DunningLevel,
    name=names,
    days=st.integers(-30, 365),
    action=st.sampled_from(DunningAction),
    fee=st.none() | late_fee_policies,
    message=free_texts(max_size=10),
)


@st.composite
def dunning_policies(draw: st.DrawFn) -> DunningPolicy:
    """Ladders with strictly increasing days and distinct names."""
    offsets = sorted(draw(st.lists(st.integers(-30, 365), min_size=1, max_size=4, unique=True)))
    return DunningPolicy(
        levels=[
            DunningLevel(
                name=f"L{i}",
                days=d,
                action=draw(st.sampled_from(DunningAction)),
                fee=draw(st.none() | late_fee_policies),
                message=draw(free_texts(max_size=8)),
            )
            for i, d in enumerate(offsets)
        ],
        minimum_amount=draw(st.none() | eur(0, 1000)),
    )


steps = st.builds(
    DunningStep,
    invoice=names,
    level=names,
    action=st.sampled_from(DunningAction),
    message=free_texts(max_size=5),
    due_date=days,
    days_overdue=st.integers(-30, 400),
    open_amount=eur(),
    fee=st.none() | fees,
    skipped=st.lists(names, max_size=2).map(tuple),
    reason=free_texts(max_size=20),
)
labels = bucket_labels((30, 60, 90))
bucket_maps = st.lists(eur(0), min_size=5, max_size=5).map(
    lambda v: FrozenMap(zip(labels, v, strict=False))
)
aging_lines = st.builds(
    AgingLine,
    number=names,
    account_number=names,
    issue_date=days,
    due_date=days,
    age_days=st.integers(0, 400),
    bucket=st.sampled_from(labels),
    amount_due=eur(),
)
aging_rows = st.builds(AgingRow, account_number=names, buckets=bucket_maps, total=eur(0))
optional_decimal = st.none() | st.decimals(
    min_value=0, max_value=1000, places=4, allow_nan=False, allow_infinity=False
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    RatePeriod: st.builds(RatePeriod, effective=days, rate=percents, note=free_texts(max_size=5)),
    RateTable: rate_tables(),
    InterestPolicy: interest_policies,
    LateFeeComponent: components,
    FlatFee: flat_fees,
    PercentageFee: percentage_fees,
    InterestFee: interest_fees,
    Cap: caps,
    AmountCap: amount_caps,
    PercentCap: percent_caps,
    LateFeePolicy: late_fee_policies,
    LateFeeLine: fee_lines,
    LateFee: fees,
    Payment: payments,
    CreditNote: credit_notes,
    Settlement: st.builds(Settlement, settled_on=days, amount=eur(), source=names),
    OpenItem: open_items(),
    ItemCharges: st.builds(
        ItemCharges, invoice=names, costs=eur(0), interest=eur(0), burden=percents
    ),
    Allocation: allocations,
    UnappliedCredit: unapplied,
    AllocationResult: st.builds(
        AllocationResult,
        strategy=st.sampled_from(["oldest_due_first", "designated", "pro_rata", "nl_statutory"]),
        currency=st.just(CURRENCY),
        allocations=st.lists(allocations, max_size=2).map(tuple),
        unapplied=st.lists(unapplied, max_size=2).map(tuple),
    ),
    LedgerEntry: ledger_entries,
    AgingLine: aging_lines,
    AgingRow: aging_rows,
    AgingReport: st.builds(
        AgingReport,
        as_of=days,
        currency=st.just(CURRENCY),
        basis=st.sampled_from(["due_date", "invoice_date"]),
        labels=st.just(labels),
        lines=st.lists(aging_lines, max_size=2).map(tuple),
        rows=st.lists(aging_rows, max_size=2).map(tuple),
        totals=bucket_maps,
        total=eur(0),
        dso=optional_decimal,
        dso_days=st.integers(1, 365),
        sales=st.none() | eur(0),
    ),
    DunningLevel: levels,
    DunningPolicy: dunning_policies(),
    DunningRecord: st.builds(DunningRecord, invoice=names, level=names, on=days),
    DunningStep: steps,
    DunningResult: st.builds(
        DunningResult,
        account_number=names,
        as_of=days,
        steps=st.lists(steps, max_size=2).map(tuple),
        overdue=eur(0),
        oldest_overdue_due=st.none() | days,
        days_past_due=st.integers(0, 400),
        suspend=st.booleans(),
        collections=st.booleans(),
    ),
    AccountSummary: st.builds(
        AccountSummary,
        account_number=names,
        as_of=days,
        currency=st.just(CURRENCY),
        outstanding=eur(0),
        overdue=eur(0),
        credit_balance=eur(0),
        balance=eur(-(10**6)),
        next_due=st.none() | days,
        oldest_overdue_due=st.none() | days,
        days_past_due=st.integers(0, 400),
        last_payment_on=st.none() | days,
        last_payment_amount=st.none() | eur(),
        recent=st.lists(ledger_entries, max_size=2).map(tuple),
        paid_invoices=st.integers(0, 100),
        average_days_to_pay=optional_decimal,
        late_payments=st.integers(0, 100),
        accrued_late_fees=eur(0),
    ),
}
