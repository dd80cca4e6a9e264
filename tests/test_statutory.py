"""Statutory interest and compensation: golden tables from the law texts and calculators."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.billing import (
    RatePeriod,
    RateTable,
    Settlement,
    bundled_rate_table,
    rate_on,
    rate_segments,
)
from accountplan.billing.statutory import (
    eu_compensation,
    eu_late_payment_interest,
    nl_collection_costs,
    nl_commercial_interest,
    nl_statutory_interest,
    uk_fixed_sum,
    uk_late_payment_interest,
)
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.money import Money
from accountplan.serialization import from_json, to_json

D = dt.date


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def gbp(amount: str | int) -> Money:
    return Money(amount=amount, currency="GBP")


# -- WIK scale: BW 6:96 lid 2 sub c and lid 5, and the Besluit vergoeding voor
# buitengerechtelijke incassokosten (Stb. 2012, 141), art. 2 ---------------------------


@pytest.mark.parametrize(
    ("principal", "costs"),
    [
        ("0.01", "40.00"),  # minimum EUR 40 (art. 2 lid 1)
        ("266.66", "40.00"),  # 15 % = 39.999: still the minimum
        ("266.67", "40.00"),  # 15 % = 40.0005, rounded to 40.00
        ("1000.00", "150.00"),
        ("2500.00", "375.00"),  # end of the 15 % slice
        ("2500.01", "375.00"),  # 375 + 0.001
        ("5000.00", "625.00"),  # end of the 10 % slice: 375 + 250
        ("5000.01", "625.00"),  # 625 + 0.0005, rounded half up to 625.00
        ("7500.00", "750.00"),  # half-way through the 5 % slice: 625 + 125
        ("10000.00", "875.00"),  # end of the 5 % slice: 625 + 250
        ("200000.00", "2775.00"),  # end of the 1 % slice: 875 + 1900
        ("200002.00", "2775.01"),  # 2775 + 0.5 % of 2.00
        ("1000000.00", "6775.00"),  # 2775 + 0.5 % of 800,000 = 6775: the maximum
        ("5000000.00", "6775.00"),  # capped at EUR 6,775
    ],
)
def test_wik_scale_slice_boundaries(principal: str, costs: str) -> None:
    """The WIK scale at each slice boundary, with its minimum and maximum."""
    assert eur(costs) == nl_collection_costs(eur(principal))


def test_wik_vat_uplift() -> None:
    """A creditor who cannot deduct VAT adds the VAT rate (art. 2 lid 3)."""
    assert eur("48.40") == nl_collection_costs(eur(100), vat_rate=21)
    assert eur("8197.75") == nl_collection_costs(eur(2_000_000), vat_rate="21")


def test_wik_refuses_other_currencies_and_bad_vat() -> None:
    """The WIK scale is in euros; VAT is a percentage from 0 to 100."""
    with pytest.raises(InvalidInputError, match="'principal'"):
        nl_collection_costs(gbp(100))
    with pytest.raises(InvalidInputError, match="'vat_rate'"):
        nl_collection_costs(eur(100), vat_rate=121)


@given(st.integers(1, 10**10), st.integers(1, 10**10))
def test_wik_monotone_and_bounded(a: int, b: int) -> None:
    """More principal never lowers the costs, which stay within EUR 40 and 6,775 for a debt."""
    low, high = sorted((a, b))
    first = nl_collection_costs(Money.from_minor_units(low, "EUR"))
    second = nl_collection_costs(Money.from_minor_units(high, "EUR"))
    assert eur(40) <= first <= second <= eur(6775)


# -- UK fixed sums: Late Payment of Commercial Debts (Interest) Act 1998 s. 5A -----------


@pytest.mark.parametrize(
    ("debt", "fixed"),
    [("0.01", 40), ("999.99", 40), ("1000.00", 70), ("9999.99", 70), ("10000.00", 100)],
)
def test_uk_fixed_sum_thresholds(debt: str, fixed: int) -> None:
    """GBP 40 under 1,000; 70 from 1,000 to 9,999.99; 100 from 10,000 (s. 5A(2))."""
    assert gbp(fixed) == uk_fixed_sum(gbp(debt))


def test_eu_compensation_is_forty_euros() -> None:
    """Directive 2011/7/EU art. 6(1): at least EUR 40 per late payment."""
    assert eur(40) == eu_compensation(eur("12.34"))


# -- UK statutory interest -------------------------------------------------------------


def test_uk_rate_fixed_for_the_half_year_the_debt_became_late() -> None:
    """A debt late in H1 2024 keeps 5.25 + 8 % even after the reference rate falls."""
    # Reference rates (payontime.co.uk table): H1 2024 5.25 %, H2 2024 5.25 %, H1 2025 4.75 %.
    fee = uk_late_payment_interest(gbp("10000.00"), due=D(2024, 6, 29), as_of=D(2025, 3, 1))
    assert {Decimal("13.25")} == {line.rate for line in fee.lines}
    # 245 days * 10000 * 13.25 % / 365 = 889.38
    assert (245, gbp("889.38")) == (fee.days_late, fee.amount)


def test_uk_fixed_rate_needs_only_the_first_late_day_covered() -> None:
    """A UK debt late in 2025 can be computed in 2026: its rate was fixed in 2025."""
    fee = uk_late_payment_interest(gbp("3650.00"), due=D(2025, 12, 1), as_of=D(2026, 3, 1))
    assert (90, gbp("110.25")) == (fee.days_late, fee.amount)  # 90 days at 4.25 + 8 %
    # A debt that became late after the table's valid_until (2026-06-30) is refused.
    with pytest.raises(InvalidInputError, match="'start'"):
        uk_late_payment_interest(gbp("3650.00"), due=D(2026, 7, 5), as_of=D(2026, 9, 1))


def test_uk_calculator_worked_example_daily_interest() -> None:
    """GBP 1,000 at 8.5 % is 85.00 a year and 0.23 a day (statutory-interest.pages.dev)."""
    table = RateTable(
        name="boe",
        periods=[RatePeriod(effective=D(2018, 1, 1), rate="0.50")],
        valid_until=D(2019, 12, 31),
    )
    one_day = uk_late_payment_interest(
        gbp(1000), due=D(2018, 3, 1), as_of=D(2018, 3, 2), rates=table
    )
    year = uk_late_payment_interest(gbp(1000), due=D(2018, 3, 1), as_of=D(2019, 3, 1), rates=table)
    assert (gbp("0.23"), gbp("85.00")) == (one_day.amount, year.amount)


def test_uk_paidnice_example_without_rounding_the_daily_rate() -> None:
    """GBP 5,000 at 12.25 % for 101 days is 169.49 (Paidnice rounds the daily rate first)."""
    # support.paidnice.com "How to automatically calculate statutory interest in the UK":
    # 5000 * 12.25 % / 365 = 1.68 a day, * 101 = 169.68. Unrounded: 169.486... -> 169.49.
    fee = uk_late_payment_interest(gbp(5000), due=D(2025, 7, 10), as_of=D(2025, 10, 19))
    assert (101, gbp("169.49")) == (fee.days_late, fee.amount)


# -- Dutch statutory interest ----------------------------------------------------------


def test_nl_commercial_annual_capitalisation_across_year_boundary() -> None:
    """BW 6:119a with 6:119 lid 2: a year's interest joins the principal after a full year."""
    fee = nl_commercial_interest(eur("1000.00"), due=D(2023, 1, 31), as_of=D(2025, 3, 1))
    # Year 1 (1 Feb 2023 - 31 Jan 2024): 150 d at 10.50 % = 43.15, 184 d at 12.00 % = 60.49,
    # 31 d at 12.50 % = 10.62 -> 114.26 capitalised on 31 Jan 2024.
    # Year 2 on 1114.26: 151 d at 12.50 % = 57.62, 184 d at 12.25 % = 68.81,
    # 31 d at 11.15 % = 10.55 -> 136.98 capitalised on 31 Jan 2025 (base 1251.24).
    # Then 29 d at 11.15 % on 1251.24 = 11.08.
    expected = [
        ("43.15", "1000.00"),
        ("60.49", "1000.00"),
        ("10.62", "1000.00"),
        ("57.62", "1114.26"),
        ("68.81", "1114.26"),
        ("10.55", "1114.26"),
        ("11.08", "1251.24"),
    ]
    assert [(eur(a), eur(b)) for a, b in expected] == [(x.amount, x.base) for x in fee.lines]
    assert eur("262.32") == fee.amount


def test_nl_commercial_rate_change_mid_period() -> None:
    """The half-yearly rate changes on 1 July 2024 from 12.50 % to 12.25 %."""
    fee = nl_commercial_interest(eur("36500.00"), due=D(2024, 6, 20), as_of=D(2024, 7, 10))
    assert [(10, Decimal("12.50"), eur("125.00")), (10, Decimal("12.25"), eur("122.50"))] == [
        (x.days, x.rate, x.amount) for x in fee.lines
    ]


def test_nl_statutory_consumer_rate() -> None:
    """BW 6:119 consumer rate: 7 % in 2024, 6 % from 2025."""
    fee = nl_statutory_interest(eur("3650.00"), due=D(2024, 12, 21), as_of=D(2025, 1, 10))
    assert [(10, Decimal("7.00")), (10, Decimal("6.00"))] == [(x.days, x.rate) for x in fee.lines]
    assert eur("13.00") == fee.amount


def test_eu_interest_margin_and_payment() -> None:
    """EU interest is the ECB rate + 8 (or a national margin); a payment stops it."""
    settlements = [Settlement(settled_on=D(2025, 7, 20), amount=eur("3650.00"))]
    fee = eu_late_payment_interest(
        eur("3650.00"), due=D(2025, 7, 10), as_of=D(2025, 12, 1), settlements=settlements
    )
    # 10 days at 2.15 + 8 = 10.15 % on 3650 = 10.15
    assert eur("10.15") == fee.amount
    france = eu_late_payment_interest(
        eur("3650.00"), due=D(2025, 7, 10), as_of=D(2025, 7, 20), margin=10
    )
    assert eur("12.15") == france.amount


# -- rate tables ----------------------------------------------------------------------


def test_principal_must_be_positive_money() -> None:
    """A zero or fractional-cent principal is refused, naming the principal."""
    with pytest.raises(InvalidInputError, match="'principal'"):
        nl_commercial_interest(eur(0), due=D(2025, 1, 1), as_of=D(2025, 2, 1))
    with pytest.raises(InvalidInputError, match="'principal'"):
        uk_late_payment_interest(gbp("1.005"), due=D(2025, 1, 1), as_of=D(2025, 2, 1))


def test_as_of_after_the_table_raises_a_clear_error() -> None:
    """Past valid_until the error names as_of, the table and how to pass a newer one."""
    with pytest.raises(InvalidInputError, match=r"'as_of'.*nl_commercial.*rates="):
        nl_commercial_interest(eur(100), due=D(2026, 1, 1), as_of=D(2026, 7, 1))


def test_a_newer_table_can_be_passed() -> None:
    """A caller-supplied table extends coverage beyond the bundled one."""
    bundled = bundled_rate_table("nl_commercial")
    newer = RateTable(
        name="nl_commercial_2026h2",
        periods=[*bundled.periods, RatePeriod(effective=D(2026, 7, 1), rate="10.00")],
        valid_until=D(2026, 12, 31),
    )
    fee = nl_commercial_interest(
        eur("3650.00"), due=D(2026, 6, 30), as_of=D(2026, 7, 10), rates=newer
    )
    assert eur("10.00") == fee.amount


@pytest.mark.parametrize("name", ["ecb_mro", "nl_commercial", "nl_statutory", "uk_reference"])
def test_bundled_tables_have_sources_and_half_year_dates(name: str) -> None:
    """Each bundled table cites a source and changes only on 1 January or 1 July."""
    table = bundled_rate_table(name)  # type: ignore[arg-type]
    assert table.source
    assert all((p.effective.month, p.effective.day) in {(1, 1), (7, 1)} for p in table.periods)
    assert table == from_json(to_json(table), RateTable)


def test_nl_commercial_is_ecb_plus_eight() -> None:
    """BW 6:119a lid 2: the commercial rate is the ECB rate plus 8 points, period by period."""
    ecb = bundled_rate_table("ecb_mro")
    nl = bundled_rate_table("nl_commercial")
    assert [p.rate + 8 for p in ecb.periods] == [p.rate for p in nl.periods]


def test_bundled_data_files_are_package_data() -> None:
    """The rate tables ship inside the package as JSON."""
    folder = resources.files("accountplan").joinpath("data", "rates")
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".json"))
    assert ["ecb_mro.json", "nl_commercial.json", "nl_statutory.json", "uk_reference.json"] == names
    for entry in names:
        assert "periods" in json.loads(folder.joinpath(entry).read_text("utf-8"))


def test_rate_table_validation() -> None:
    """Tables must be ordered, non-empty and valid at least to their last period."""
    with pytest.raises(InvalidInputError, match="'periods'"):
        RateTable(name="x", periods=[], valid_until=D(2025, 1, 1))
    with pytest.raises(InvalidInputError, match="'periods'"):
        RateTable(
            name="x",
            periods=[
                RatePeriod(effective=D(2025, 1, 1), rate="1"),
                RatePeriod(effective=D(2024, 1, 1), rate="1"),
            ],
            valid_until=D(2025, 1, 1),
        )
    with pytest.raises(InvalidInputError, match="'valid_until'"):
        RateTable(
            name="x",
            periods=[RatePeriod(effective=D(2025, 1, 1), rate="1")],
            valid_until=D(2024, 1, 1),
        )
    with pytest.raises(InvalidInputError, match="'day'"):
        rate_on(bundled_rate_table("uk_reference"), D(2021, 12, 31))


@pytest.mark.parametrize(
    ("due", "rate"),
    [
        # Bank of England reference rates (late-payment-law.md): H1 2025 4.75 %, H2 2025 4.25 %.
        (D(2025, 6, 29), "12.75"),  # late on 30 June: the H1 reference rate + 8
        (D(2025, 6, 30), "12.25"),  # late on 1 July: the H2 reference rate + 8
        (D(2024, 12, 31), "12.75"),  # late on 1 January 2025
    ],
)
def test_uk_rate_is_that_of_the_half_year_the_debt_became_late(due: dt.date, rate: str) -> None:
    """The debt becomes late the day after the due date; that day's half-year fixes the rate."""
    fee = uk_late_payment_interest(gbp("1000.00"), due=due, as_of=D(2025, 12, 31))
    assert {Decimal(rate)} == {line.rate for line in fee.lines}


def uk_table(reference: str) -> RateTable:
    """A one-period reference-rate table, as the calculators take the base rate as input."""
    return RateTable(
        name="boe",
        periods=[RatePeriod(effective=D(2020, 1, 1), rate=reference)],
        valid_until=D(2030, 12, 31),
    )


@pytest.mark.parametrize(
    ("debt", "reference", "days", "interest"),
    [
        # Daniels Silverman statutory interest calculator,
        # http://www.danielssilverman.co.uk/interest.php: GBP 1,000 at 4 % + 8 % = 12 %,
        # 30 days late: 1000 x 12 % / 365 x 30 = 9.86.
        ("1000.00", "4", 30, "9.86"),
        # https://www.garfield.law/tools/late-payment-interest-calculator: GBP 5,000 at 12 %
        # (BoE 4 % + 8 %) overdue by 90 days: 147.95.
        ("5000.00", "4", 90, "147.95"),
        # https://toolfy.io/blog/statutory-interest-calculator-late-payment-uk (the formula of
        # corp.creditcorp.co.uk/tools/late-payment-interest too): GBP 2,000 at
        # 5.25 % + 8 % for 45 days = 32.671...; Toolfy shows 32.66 because it rounds 45/365 to
        # 0.1233 first; unrounded arithmetic gives 32.67.
        ("2000.00", "5.25", 45, "32.67"),
    ],
)
def test_uk_calculator_worked_examples(debt: str, reference: str, days: int, interest: str) -> None:
    """Worked examples from public UK late-payment calculators."""
    due = D(2025, 1, 10)
    fee = uk_late_payment_interest(
        gbp(debt), due=due, as_of=due + dt.timedelta(days=days), rates=uk_table(reference)
    )
    assert (days, gbp(interest)) == (fee.days_late, fee.amount)


def test_uk_claim_adds_the_fixed_sum() -> None:
    """Paidnice's example: GBP 5,000 at 12.25 % for 101 days plus the GBP 70 fixed sum."""
    # support.paidnice.com, "How to automatically calculate statutory interest in the UK":
    # interest plus compensation of 70 for a debt from 1,000 to 9,999.99.
    fee = uk_late_payment_interest(gbp(5000), due=D(2025, 7, 10), as_of=D(2025, 10, 19))
    assert gbp("239.49") == fee.amount + uk_fixed_sum(gbp(5000))


def test_nl_settled_debt_past_the_table_end() -> None:
    """Interest on a debt paid inside the table can be computed with as_of after valid_until."""
    settlements = [Settlement(settled_on=D(2025, 3, 2), amount=eur("3650.00"))]
    fee = nl_commercial_interest(
        eur("3650.00"), due=D(2025, 1, 31), as_of=D(2027, 1, 1), settlements=settlements
    )
    # 30 days (Feb 1 .. Mar 2) at 11.15 % on 3650 = 33.45; nothing after the payment.
    assert (eur("33.45"), D(2025, 3, 2)) == (fee.amount, fee.lines[-1].end)


def test_nl_capitalisation_with_a_partial_payment() -> None:
    """A part payment lowers the principal from the next day; capitalisation still yearly."""
    settlements = [Settlement(settled_on=D(2024, 7, 31), amount=eur("500.00"))]
    fee = nl_commercial_interest(
        eur("1000.00"), due=D(2024, 1, 31), as_of=D(2025, 2, 28), settlements=settlements
    )
    # Year 1 (Feb 1 2024 - Jan 31 2025): 151 d at 12.50 % on 1000 = 51.71; 31 d at 12.25 %
    # on 1000 = 10.40 (to Jul 31, the payment day); 153 d at 12.25 % on 500 = 25.67;
    # 31 d at 11.15 % on 500 = 4.73: 92.51 capitalised on 31 Jan 2025.
    # Then 28 d at 11.15 % on 592.51 = 5.07.
    assert [
        ("51.71", "1000.00"),
        ("10.40", "1000.00"),
        ("25.67", "500.00"),
        ("4.73", "500.00"),
        ("5.07", "592.51"),
    ] == [(str(x.amount.amount), str(x.base.amount)) for x in fee.lines]


def test_costs_refuse_negative_and_foreign_debts() -> None:
    """The fixed sums and compensation name the debt when it is negative or foreign."""
    with pytest.raises(InvalidInputError) as excinfo:
        uk_fixed_sum(gbp(-1))
    assert ("debt", gbp(-1)) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        eu_compensation(gbp(10))
    assert ("debt", gbp(10)) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        nl_collection_costs(eur(-5))
    assert ("principal", eur(-5)) == (excinfo.value.field, excinfo.value.value)


def test_rate_period_and_table_errors() -> None:
    """Rates are 0-1000 %, periods a bounded sequence; empty spans have no segments."""
    with pytest.raises(InvalidInputError) as excinfo:
        RatePeriod(effective=D(2025, 1, 1), rate="1000.01")
    assert ("rate", "1000.01") == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        RateTable(name="x", periods="p", valid_until=D(2025, 1, 1))
    assert ("periods", "p") == (excinfo.value.field, excinfo.value.value)
    many = [RatePeriod(effective=D(2000, 1, 1) + dt.timedelta(days=i), rate=1) for i in range(1001)]
    with pytest.raises(LimitExceededError) as limit:
        RateTable(name="x", periods=many, valid_until=D(2030, 1, 1))
    assert ("periods", 1001, 1000) == (limit.value.field, limit.value.value, limit.value.limit)
    table = bundled_rate_table("nl_commercial")
    assert () == rate_segments(table, D(2025, 3, 1), D(2025, 3, 1))
    with pytest.raises(InvalidInputError) as excinfo:
        rate_segments(table, D(2021, 6, 1), D(2022, 3, 1))
    assert ("start", D(2021, 6, 2)) == (excinfo.value.field, excinfo.value.value)
    with pytest.raises(InvalidInputError) as excinfo:
        bundled_rate_table("fed_funds")  # type: ignore[arg-type]
    assert ("name", "fed_funds") == (excinfo.value.field, excinfo.value.value)


def test_nl_calculator_worked_example_eleven_days_at_eight_percent() -> None:
    """EUR 1,000 paid 11 days late at 8 % commercial interest: 2.41 (go-figure.nl)."""
    # https://go-figure.nl/tag/rente/ ("Wanbetalers!"): 11/365 * 8 % * EUR 1000 = EUR 2.41;
    # 8.00 % was the wettelijke handelsrente throughout 2022 (bundled nl_commercial table).
    settlements = [Settlement(settled_on=D(2022, 3, 12), amount=eur("1000.00"))]
    fee = nl_commercial_interest(
        eur("1000.00"), due=D(2022, 3, 1), as_of=D(2022, 6, 1), settlements=settlements
    )
    assert ([(11, Decimal("8.00"))], eur("2.41")) == (
        [(x.days, x.rate) for x in fee.lines],
        fee.amount,
    )
