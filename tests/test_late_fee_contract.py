"""Late fees: every option is passed on, every message names its field, every note is exact.

These pin behaviour that mutation testing showed unpinned (constructor options
dropped, validation bounds moved, messages changed, breakdown notes altered).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from accountplan.billing import (
    Cap,
    InterestPolicy,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LateFeeComponent,
    LateFeePolicy,
    OpenItem,
    RatePeriod,
    RateTable,
    Settlement,
    late_fee,
)
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.money import Money

D = dt.date
DUE = D(2025, 1, 31)


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def usd(amount: str | int) -> Money:
    return Money(amount=amount, currency="USD")


def item(amount: str | int = "1000.00", **kw: object) -> OpenItem:
    return OpenItem(number="INV-1", issue_date=D(2025, 1, 1), due_date=DUE, total=eur(amount), **kw)  # type: ignore[arg-type]


TABLE = RateTable(
    name="contract",
    periods=[
        RatePeriod(effective=D(2025, 1, 1), rate="10"),
        RatePeriod(effective=D(2025, 3, 1), rate="20"),
    ],
    valid_until=D(2030, 12, 31),
)


# -- named constructors pass every option on ----------------------------------------------


def test_flat_constructor_passes_its_options() -> None:
    """flat() keeps the amount, grace days and label."""
    policy = LateFeePolicy.flat(eur(40), grace_days=3, label="admin fee")
    (component,) = policy.components
    assert ("flat", eur(40), "admin fee", 3) == (
        component.kind,
        component.amount,
        component.label,
        policy.grace_days,
    )
    assert (None, None) == (component.percent, component.interest)


def test_percentage_constructor_passes_its_options() -> None:
    """percentage() keeps the percent, grace days and label."""
    policy = LateFeePolicy.percentage("1.5", grace_days=4, label="surcharge")
    (component,) = policy.components
    assert ("percentage", Decimal("1.5"), "surcharge", 4) == (
        component.kind,
        component.percent,
        component.label,
        policy.grace_days,
    )


def test_interest_constructor_passes_its_options() -> None:
    """interest() keeps every interest option, the grace days and the label."""
    policy = LateFeePolicy.interest(
        rates=TABLE,
        margin="8",
        day_count="act_360",
        compounding="monthly",
        accrual="per_started_month",
        grace_days=2,
        label="interest",
    )
    (component,) = policy.components
    interest = component.interest
    assert interest is not None
    assert (None, TABLE, Decimal(8), "act_360", "monthly", "per_started_month") == (
        interest.rate,
        interest.rates,
        interest.margin,
        interest.day_count,
        interest.compounding,
        interest.accrual,
    )
    assert ("interest", "interest", 2) == (component.kind, component.label, policy.grace_days)
    fixed = LateFeePolicy.interest(rate="8").components[0].interest
    assert fixed is not None
    assert (Decimal(8), None, Decimal(0), "act_365", "simple", "per_day", False) == (
        fixed.rate,
        fixed.rates,
        fixed.margin,
        fixed.day_count,
        fixed.compounding,
        fixed.accrual,
        fixed.fix_rate,
    )


def test_policy_defaults() -> None:
    """A policy defaults to no grace, grace-end accrual, no caps and half-even rounding."""
    policy = LateFeePolicy(components=[LateFeeComponent(kind="flat", amount=eur(1))])
    assert (0, "from_grace_end", None, None, "half_even") == (
        policy.grace_days,
        policy.grace_accrual,
        policy.minimum,
        policy.maximum,
        policy.rounding,
    )
    assert "" == policy.components[0].label


# -- validation: bounds and messages ------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "1000", "0.001"])
def test_percent_bounds_accept(value: str) -> None:
    """Percentages from 0 to 1000 inclusive are accepted."""
    assert Decimal(value) == LateFeePolicy.percentage(value).components[0].percent


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("percent", lambda v: LateFeeComponent(kind="percentage", percent=v)),
        ("rate", lambda v: InterestPolicy(rate=v)),
        ("margin", lambda v: InterestPolicy(rate="1", margin=v)),
        ("percent", lambda v: Cap(percent=v)),
    ],
)
@pytest.mark.parametrize("value", ["-0.01", "1000.01"])
def test_percent_bounds_refuse(field: str, make: object, value: str) -> None:
    """A percentage outside 0 to 1000 is refused, naming the field and the value."""
    with pytest.raises(InvalidInputError) as excinfo:
        make(value)  # type: ignore[operator]
    assert (field, value) == (excinfo.value.field, excinfo.value.value)
    assert f"'{field}' must be a percentage from 0 to 1000 (got '{value}')" == str(excinfo.value)


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("day_count", lambda: InterestPolicy(rate="1", day_count="act_999")),  # type: ignore[arg-type]
        ("compounding", lambda: InterestPolicy(rate="1", compounding="daily")),  # type: ignore[arg-type]
        ("accrual", lambda: InterestPolicy(rate="1", accrual="weekly")),  # type: ignore[arg-type]
        ("kind", lambda: LateFeeComponent(kind="other")),  # type: ignore[arg-type]
        (
            "grace_accrual",
            lambda: LateFeePolicy.flat(eur(1)).__class__(
                components=[LateFeeComponent(kind="flat", amount=eur(1))],
                grace_accrual="never",  # type: ignore[arg-type]
            ),
        ),
        (
            "rounding",
            lambda: LateFeePolicy(
                components=[LateFeeComponent(kind="flat", amount=eur(1))],
                rounding="sideways",  # type: ignore[arg-type]
            ),
        ),
    ],
)
def test_options_are_checked_by_name(field: str, make: object) -> None:
    """An unknown option is refused, naming its field."""
    with pytest.raises(InvalidInputError) as excinfo:
        make()  # type: ignore[operator]
    assert field == excinfo.value.field


def test_money_and_cap_fields_are_checked() -> None:
    """A negative flat fee or cap amount and a non-Cap bound are refused by name."""
    with pytest.raises(InvalidInputError) as excinfo:
        LateFeeComponent(kind="flat", amount=eur(-1))
    assert (
        "amount",
        "'amount' must not be negative (got Money(amount=Decimal('-1'), currency='EUR'))",
    ) == (
        excinfo.value.field,
        str(excinfo.value),
    )
    with pytest.raises(InvalidInputError, match="'amount' must not be negative"):
        Cap(amount=eur(-1))
    with pytest.raises(InvalidTypeError) as type_error:
        LateFeeComponent(kind="flat", amount=40)  # type: ignore[arg-type]
    assert "amount" == type_error.value.field
    assert eur(0) == LateFeeComponent(kind="flat", amount=eur(0)).amount
    for bound in ("minimum", "maximum"):
        with pytest.raises(InvalidTypeError) as cap_error:
            LateFeePolicy(components=[LateFeeComponent(kind="flat", amount=eur(1))], **{bound: 5})  # type: ignore[arg-type]
        assert bound == cap_error.value.field


def test_component_and_interest_shape_messages() -> None:
    """A component needs exactly its own field; interest needs exactly one rate source."""
    with pytest.raises(InvalidInputError) as excinfo:
        LateFeeComponent(kind="percentage", percent="1", amount=eur(1))
    assert "'amount' a 'percentage' component needs 'percent' and nothing else" in str(
        excinfo.value
    )
    with pytest.raises(InvalidInputError) as missing:
        LateFeeComponent(kind="interest")
    assert "interest" == missing.value.field
    with pytest.raises(InvalidInputError) as both:
        InterestPolicy(rate="1", rates=TABLE)
    assert "give exactly one of 'rate' and 'rates' (a RateTable)" in str(both.value)
    with pytest.raises(InvalidInputError, match="give exactly one of amount and percent"):
        Cap()
    with pytest.raises(InvalidInputError, match="give exactly one of amount and percent"):
        Cap(amount=eur(1), percent="1")
    with pytest.raises(InvalidTypeError):
        InterestPolicy(rates="table")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        LateFeeComponent(kind="interest", interest="8")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        InterestPolicy(rate="1", fix_rate="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        LateFeeComponent(kind="flat", amount=eur(1), label=3)  # type: ignore[arg-type]


def test_components_and_grace_limits() -> None:
    """Components: 1 to 50 of the right type; grace days: 0 to 3650."""
    flat = LateFeeComponent(kind="flat", amount=eur(1))
    assert 50 == len(LateFeePolicy(components=[flat] * 50).components)
    with pytest.raises(LimitExceededError) as too_many:
        LateFeePolicy(components=[flat] * 51)
    assert ("components", 51, 50) == (
        too_many.value.field,
        too_many.value.value,
        too_many.value.limit,
    )
    with pytest.raises(InvalidInputError, match="'components' must not be empty"):
        LateFeePolicy(components=[])
    with pytest.raises(InvalidInputError, match="must be a sequence of LateFeeComponent"):
        LateFeePolicy(components="flat")
    with pytest.raises(InvalidTypeError) as wrong:
        LateFeePolicy(components=[flat, "x"])
    assert "components[1]" == wrong.value.field
    assert 3650 == LateFeePolicy.flat(eur(1), grace_days=3650).grace_days
    with pytest.raises(InvalidInputError) as grace:
        LateFeePolicy.flat(eur(1), grace_days=3651)
    assert "'grace_days' must be from 0 to 3650 (got 3651)" == str(grace.value)
    with pytest.raises(InvalidTypeError):
        LateFeePolicy.flat(eur(1), grace_days="3")  # type: ignore[arg-type]


# -- caps ---------------------------------------------------------------------------------


def test_cap_resolves_in_money() -> None:
    """A percent cap is that percent of the principal; an amount cap must share its currency."""
    assert eur("25.00") == Cap(percent="10").resolve(eur("250.00"))
    assert eur(40) == Cap(amount=eur(40)).resolve(eur(1))
    with pytest.raises(CurrencyMismatchError):
        Cap(amount=usd(40)).resolve(eur(1))


@pytest.mark.parametrize("bound", ["minimum", "maximum"])
def test_cap_in_another_currency_is_refused(bound: str) -> None:
    """A minimum or maximum in another currency raises before any fee is computed."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(1))],
        **{bound: Cap(amount=usd(1))},  # type: ignore[arg-type]
    )
    with pytest.raises(CurrencyMismatchError):
        late_fee(item(), as_of=D(2025, 3, 1), policy=policy)
    # a percent cap has no currency of its own: 0.01 % of 1000.00 is 0.10
    ok = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(1))],
        **{bound: Cap(percent="0.01")},  # type: ignore[arg-type]
    )
    expected = eur(1) if bound == "minimum" else eur("0.10")
    assert expected == late_fee(item(), as_of=D(2025, 3, 1), policy=ok).amount


def test_percent_caps_round_in_the_customers_favour() -> None:
    """A percent minimum is rounded up, a percent maximum down, to the minor unit."""
    # 0.125 % of 100.00 is 0.125: the minimum becomes 0.13, the maximum 0.12.
    low = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(0))], minimum=Cap(percent="0.125")
    )
    high = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(1))], maximum=Cap(percent="0.125")
    )
    assert (eur("0.13"), "minimum") == (
        late_fee(item("100.00"), as_of=D(2025, 2, 1), policy=low).amount,
        late_fee(item("100.00"), as_of=D(2025, 2, 1), policy=low).adjustment,
    )
    capped = late_fee(item("100.00"), as_of=D(2025, 2, 1), policy=high)
    assert (eur("0.12"), "maximum", eur("1.00")) == (
        capped.amount,
        capped.adjustment,
        capped.uncapped,
    )


def test_maximum_wins_over_a_conflicting_minimum() -> None:
    """When the minimum is above the maximum, the maximum applies."""
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(5))],
        minimum=Cap(amount=eur(50)),
        maximum=Cap(amount=eur(20)),
    )
    fee = late_fee(item(), as_of=D(2025, 2, 1), policy=policy)
    assert (eur(20), "maximum") == (fee.amount, fee.adjustment)


# -- the breakdown ------------------------------------------------------------------------


def test_flat_and_percentage_lines_say_what_they_are() -> None:
    """Flat and percentage lines carry their base, rate and note."""
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="flat", amount=eur("12.345"), label="fee"),
            LateFeeComponent(kind="percentage", percent="2", label="pct"),
        ],
        rounding="half_up",
    )
    fee = late_fee(item("100.00"), as_of=D(2025, 2, 10), policy=policy)
    flat, pct = fee.lines
    assert ("flat", "fee", eur("100.00"), eur("12.35"), None) == (
        flat.component,
        flat.label,
        flat.base,
        flat.amount,
        flat.rate,
    )
    assert "charged once when the item became late" == flat.note
    assert ("percentage", "pct", eur("2.00"), Decimal(2)) == (
        pct.component,
        pct.label,
        pct.amount,
        pct.rate,
    )
    assert "percentage of the amount overdue when the item became late" == pct.note
    assert (None, None, 0) == (pct.start, pct.end, pct.days)
    assert (eur("14.35"), eur("14.35"), "none") == (fee.amount, fee.uncapped, fee.adjustment)
    assert (eur("100.00"), DUE, D(2025, 2, 10), 10, DUE) == (
        fee.principal,
        fee.due,
        fee.as_of,
        fee.days_late,
        fee.accrual_start,
    )


def test_interest_line_notes_name_the_rate_source() -> None:
    """A fixed rate says so; a table names itself, the rate, the margin and its origin."""
    fixed = late_fee(item(), as_of=D(2025, 3, 2), policy=LateFeePolicy.interest(rate="18"))
    assert ["fixed rate"] == [line.note for line in fixed.lines]
    assert [(DUE, D(2025, 3, 2), 30, Decimal(18))] == [
        (line.start, line.end, line.days, line.rate) for line in fixed.lines
    ]
    table = late_fee(
        item(), as_of=D(2025, 3, 2), policy=LateFeePolicy.interest(rates=TABLE, margin="8")
    )
    assert ["contract 10% + 8 (in force)", "contract 20% + 8 (in force)"] == [
        line.note for line in table.lines
    ]
    assert [Decimal(18), Decimal(28)] == [line.rate for line in table.lines]
    plain = late_fee(item(), as_of=D(2025, 2, 2), policy=LateFeePolicy.interest(rates=TABLE))
    assert ["contract 10% (in force)"] == [line.note for line in plain.lines]


def test_fixed_rate_from_a_table() -> None:
    """With fix_rate the first day's rate holds for the whole debt, and the note says so."""
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="interest", interest=InterestPolicy(rates=TABLE, fix_rate=True))
        ]
    )
    fee = late_fee(item("3650.00"), as_of=D(2025, 3, 10), policy=policy)
    assert [(Decimal(10), "contract 10% (fixed at the start of lateness)")] == [
        (line.rate, line.note) for line in fee.lines
    ]
    assert eur("38.00") == fee.amount  # 38 days at 10 % on 3650.00


def test_monthly_per_started_month_lines() -> None:
    """Each started month is a line of rate / 12, numbered, with capitalisation noted."""
    policy = LateFeePolicy.interest(
        rate="12", accrual="per_started_month", compounding="monthly", label="late"
    )
    fee = late_fee(item("1000.00"), as_of=D(2025, 3, 1), policy=policy)
    # Feb 1 - Feb 28 is month 1 (10.00); from Feb 28 month 2 on 1010.00 (10.10).
    assert [
        ("started month 1; fixed rate", eur("10.00"), DUE, D(2025, 2, 28), 28),
        (
            "started month 2; fixed rate; includes 10.00 EUR capitalised interest",
            eur("10.10"),
            D(2025, 2, 28),
            D(2025, 3, 1),
            1,
        ),
    ] == [(line.note, line.amount, line.start, line.end, line.days) for line in fee.lines]
    assert {"late"} == {line.label for line in fee.lines}
    simple = LateFeePolicy.interest(rate="12", accrual="per_started_month")
    assert [eur("10.00"), eur("10.00")] == [
        line.amount for line in late_fee(item(), as_of=D(2025, 3, 1), policy=simple).lines
    ]


def test_annual_per_started_month_capitalises_after_twelve_months() -> None:
    """Annual compounding on per-started-month interest adds a year's interest after 12 months."""
    policy = LateFeePolicy.interest(rate="12", accrual="per_started_month", compounding="annual")
    fee = late_fee(item("1000.00"), as_of=add_days(DUE, 370), policy=policy)
    assert [eur("10.00")] * 12 + [eur("11.20")] == [line.amount for line in fee.lines]


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def test_daily_interest_capitalised_note() -> None:
    """Daily interest with monthly compounding notes the capitalised interest."""
    policy = LateFeePolicy.interest(rate="36.5", compounding="monthly")
    fee = late_fee(item("1000.00"), as_of=D(2025, 3, 10), policy=policy)
    assert [
        ("fixed rate", eur("28.00")),
        ("fixed rate; includes 28.00 EUR capitalised interest", eur("10.28")),
    ] == [(line.note, line.amount) for line in fee.lines]


def test_grace_period_and_settlement_boundaries() -> None:
    """No fee up to the grace end; interest stops on the settlement day."""
    policy = LateFeePolicy.interest(rate="36.5", grace_days=5)
    assert eur(0) == late_fee(item(), as_of=add_days(DUE, 5), policy=policy).amount
    late = late_fee(item(), as_of=add_days(DUE, 6), policy=policy)
    assert (eur("1.00"), add_days(DUE, 5)) == (late.amount, late.accrual_start)
    paid = item(settlements=[Settlement(settled_on=add_days(DUE, 8), amount=eur("1000.00"))])
    fee = late_fee(paid, as_of=add_days(DUE, 30), policy=policy)
    assert (eur("3.00"), add_days(DUE, 8)) == (fee.amount, fee.lines[-1].end)
    within = item(settlements=[Settlement(settled_on=add_days(DUE, 5), amount=eur("1000.00"))])
    nothing = late_fee(within, as_of=add_days(DUE, 30), policy=policy)
    assert (eur(0), None, (), eur("0.00")) == (
        nothing.amount,
        nothing.accrual_start,
        nothing.lines,
        nothing.principal,
    )


def test_not_yet_late_fee_reports_the_open_principal() -> None:
    """Before the item is late the fee is zero and the principal is what is open."""
    fee = late_fee(item("250.00"), as_of=D(2025, 1, 15), policy=LateFeePolicy.flat(eur(40)))
    assert (eur(0), eur("250.00"), 0, None, "none", eur(0)) == (
        fee.amount,
        fee.principal,
        fee.days_late,
        fee.accrual_start,
        fee.adjustment,
        fee.uncapped,
    )
    assert "0.00 EUR" == str(fee.amount)


def test_horizon_is_one_hundred_years() -> None:
    """as_of up to 100 years after the due date is computed; a day later is refused."""
    policy = LateFeePolicy.flat(eur(1))
    assert eur(1) == late_fee(item(), as_of=D(2125, 1, 31), policy=policy).amount
    with pytest.raises(LimitExceededError) as excinfo:
        late_fee(item(), as_of=D(2125, 2, 1), policy=policy)
    assert ("as_of", D(2125, 2, 1), "100 years") == (
        excinfo.value.field,
        excinfo.value.value,
        excinfo.value.limit,
    )
    assert "'as_of' is too far after the due date (got datetime.date(2125, 2, 1))" == str(
        excinfo.value
    )


def test_late_fee_checks_its_arguments() -> None:
    """Wrong item, date or policy types are refused by name."""
    policy = LateFeePolicy.flat(eur(1))
    with pytest.raises(InvalidTypeError) as bad_item:
        late_fee("INV-1", as_of=D(2025, 3, 1), policy=policy)  # type: ignore[arg-type]
    assert "item" == bad_item.value.field
    with pytest.raises(InvalidInputError) as bad_date:
        late_fee(item(), as_of=dt.datetime(2025, 3, 1), policy=policy)
    assert "as_of" == bad_date.value.field
    with pytest.raises(InvalidTypeError) as bad_policy:
        late_fee(item(), as_of=D(2025, 3, 1), policy="flat")  # type: ignore[arg-type]
    assert "policy" == bad_policy.value.field


def test_owed_invoice_is_charged_like_an_open_item() -> None:
    """An open invoice is charged like the open item of its total; a void one is refused."""
    invoice = Invoice(
        number="INV-1",
        account_number="C-1",
        issue_date=D(2025, 1, 1),
        due_date=DUE,
        currency="EUR",
        lines=[InvoiceLine(description="Plan", unit_price=eur("1000.00"))],
        status=InvoiceStatus.OPEN,
    )
    policy = LateFeePolicy.interest(rate="18")
    assert late_fee(item(), as_of=D(2025, 3, 2), policy=policy).amount == (
        late_fee(invoice, as_of=D(2025, 3, 2), policy=policy).amount
    )
    void = Invoice(
        number="INV-2",
        account_number="C-1",
        issue_date=D(2025, 1, 1),
        due_date=DUE,
        currency="EUR",
        status=InvoiceStatus.VOID,
    )
    with pytest.raises(InvalidInputError) as excinfo:
        late_fee(void, as_of=D(2025, 3, 2), policy=policy)
    assert ("item", "INV-2") == (excinfo.value.field, excinfo.value.value)
    assert "is a void invoice: only open and uncollectible invoices are owed" in str(excinfo.value)


def test_currency_mismatch_messages_name_both_currencies() -> None:
    """A cap, flat fee or bound in another currency names both currencies and the operation."""
    with pytest.raises(CurrencyMismatchError) as cap:
        Cap(amount=usd(40)).resolve(eur(1))
    assert "cannot cap EUR with USD: currencies differ" == str(cap.value)
    with pytest.raises(CurrencyMismatchError) as flat:
        late_fee(item(), as_of=D(2025, 3, 1), policy=LateFeePolicy.flat(usd(5)))
    assert "cannot charge EUR with USD: currencies differ" == str(flat.value)
    for bound in ("minimum", "maximum"):
        policy = LateFeePolicy(
            components=[LateFeeComponent(kind="flat", amount=eur(1))],
            **{bound: Cap(amount=usd(1))},  # type: ignore[arg-type]
        )
        with pytest.raises(CurrencyMismatchError) as capped:
            late_fee(item(), as_of=D(2025, 3, 1), policy=policy)
        assert "cannot cap EUR with USD: currencies differ" == str(capped.value)


def test_constructor_defaults() -> None:
    """The named constructors default to no grace period and an empty label."""
    for policy in (
        LateFeePolicy.flat(eur(1)),
        LateFeePolicy.percentage("1"),
        LateFeePolicy.interest(rate="1"),
    ):
        assert (0, "") == (policy.grace_days, policy.components[0].label)


def _table(change: dt.date) -> RateTable:
    return RateTable(
        name="t",
        periods=[
            RatePeriod(effective=D(2025, 1, 1), rate="12"),
            RatePeriod(effective=change, rate="24"),
        ],
        valid_until=D(2030, 12, 31),
    )


def test_per_started_month_takes_the_rate_of_each_months_first_day() -> None:
    """Each started month uses the rate in force on its first day (the day after its start)."""
    # Months start after Jan 31 and after Feb 28: their first days are Feb 1 and Mar 1.
    on_first_day = LateFeePolicy.interest(rates=_table(D(2025, 3, 1)), accrual="per_started_month")
    fee = late_fee(item("1200.00"), as_of=D(2025, 3, 5), policy=on_first_day)
    assert [(Decimal(12), eur("12.00")), (Decimal(24), eur("24.00"))] == [
        (line.rate, line.amount) for line in fee.lines
    ]
    assert ["started month 1; t 12% (in force)", "started month 2; t 24% (in force)"] == [
        line.note for line in fee.lines
    ]
    day_after = LateFeePolicy.interest(rates=_table(D(2025, 3, 2)), accrual="per_started_month")
    later = late_fee(item("1200.00"), as_of=D(2025, 3, 5), policy=day_after)
    assert [Decimal(12), Decimal(12)] == [line.rate for line in later.lines]


def test_per_started_month_with_a_fixed_table_rate() -> None:
    """With fix_rate every started month keeps the first day's rate."""
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(
                kind="interest",
                interest=InterestPolicy(
                    rates=_table(D(2025, 3, 1)), fix_rate=True, accrual="per_started_month"
                ),
            )
        ]
    )
    fee = late_fee(item("1200.00"), as_of=D(2025, 3, 5), policy=policy)
    assert [Decimal(12), Decimal(12)] == [line.rate for line in fee.lines]
    assert {"t 12% (fixed at the start of lateness)"} == {
        line.note.split("; ", 1)[1] for line in fee.lines
    }


def test_compounding_in_the_last_months_of_the_calendar() -> None:
    """A monthly anniversary in December 9999 still capitalises interest."""
    debt = OpenItem(
        number="A", issue_date=D(9999, 11, 1), due_date=D(9999, 11, 15), total=eur("1000.00")
    )
    policy = LateFeePolicy.interest(rate="36.5", compounding="monthly")
    fee = late_fee(debt, as_of=dt.date.max, policy=policy)
    assert [
        (D(9999, 11, 15), D(9999, 12, 15), "fixed rate"),
        (D(9999, 12, 15), D(9999, 12, 31), "fixed rate; includes 30.00 EUR capitalised interest"),
    ] == [(line.start, line.end, line.note) for line in fee.lines]
    yearly = LateFeePolicy.interest(rate="36.5", compounding="annual")
    old = OpenItem(
        number="B", issue_date=D(9500, 1, 1), due_date=D(9500, 1, 1), total=eur("1000.00")
    )
    lines = late_fee(old, as_of=D(9501, 1, 11), policy=yearly).lines
    assert [D(9501, 1, 1), D(9501, 1, 11)] == [line.end for line in lines]
    last = OpenItem(
        number="C", issue_date=D(9999, 1, 31), due_date=D(9999, 1, 31), total=eur("1.00")
    )
    assert dt.date.max == late_fee(last, as_of=dt.date.max, policy=policy).lines[-1].end
    assert 11 == len(late_fee(last, as_of=dt.date.max, policy=policy).lines)


def test_fixed_table_rate_holds_after_a_partial_payment() -> None:
    """With fix_rate a line starting after a rate change still bears the first day's rate."""
    paid = item(
        "3650.00", settlements=[Settlement(settled_on=D(2025, 3, 5), amount=eur("1825.00"))]
    )
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="interest", interest=InterestPolicy(rates=TABLE, fix_rate=True))
        ]
    )
    fee = late_fee(paid, as_of=D(2025, 3, 10), policy=policy)
    assert [(D(2025, 3, 5), Decimal(10), eur("1825.00"))] == [
        (line.start, line.rate, line.base) for line in fee.lines[1:]
    ]


def test_fix_rate_with_a_fixed_rate_is_harmless() -> None:
    """fix_rate with a plain rate (no table) computes as usual."""
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="interest", interest=InterestPolicy(rate="36.5", fix_rate=True))
        ]
    )
    assert eur("10.00") == late_fee(item(), as_of=D(2025, 2, 10), policy=policy).amount


def test_a_fixed_rate_table_needs_to_cover_only_the_first_day() -> None:
    """With fix_rate the table must cover the first day of lateness, nothing more."""
    short = RateTable(
        name="short",
        periods=[RatePeriod(effective=D(2025, 1, 1), rate="36.5")],
        valid_until=D(2025, 2, 1),
    )
    policy = LateFeePolicy(
        components=[
            LateFeeComponent(kind="interest", interest=InterestPolicy(rates=short, fix_rate=True))
        ]
    )
    assert eur("10.00") == late_fee(item(), as_of=D(2025, 2, 10), policy=policy).amount
    following = LateFeePolicy.interest(rates=short)
    with pytest.raises(InvalidInputError):
        late_fee(item(), as_of=D(2025, 2, 10), policy=following)


def test_a_one_day_line_uses_the_rate_of_its_day() -> None:
    """A line of one day (before a payment) bears the rate of that day, not the next day's."""
    table = _table(D(2025, 2, 2))
    paid = item(
        "3650.00", settlements=[Settlement(settled_on=D(2025, 2, 1), amount=eur("1000.00"))]
    )
    fee = late_fee(paid, as_of=D(2025, 2, 5), policy=LateFeePolicy.interest(rates=table))
    assert [(DUE, D(2025, 2, 1), Decimal(12)), (D(2025, 2, 1), D(2025, 2, 5), Decimal(24))] == [
        (line.start, line.end, line.rate) for line in fee.lines
    ]
