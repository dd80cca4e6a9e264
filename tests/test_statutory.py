"""Statutory interest and compensation: golden tables from the law texts and calculators."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.billing import RatePeriod, RateTable, Settlement, bundled_rate_table, rate_on
from accountplan.billing.statutory import (
    eu_compensation,
    eu_late_payment_interest,
    nl_collection_costs,
    nl_commercial_interest,
    nl_statutory_interest,
    uk_fixed_sum,
    uk_late_payment_interest,
)
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money
from accountplan.serialization import from_json, to_json

D = dt.date


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def gbp(amount: str | int) -> Money:
    return Money(amount=amount, currency="GBP")


# -- WIK scale: Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2 ----------


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
        ("10000.00", "875.00"),  # end of the 5 % slice: 625 + 250
        ("200000.00", "2775.00"),  # end of the 1 % slice: 875 + 1900
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


@given(st.integers(0, 10**10), st.integers(0, 10**10))
def test_wik_monotone_and_bounded(a: int, b: int) -> None:
    """More principal never lowers the costs, which stay within EUR 40 and 6,775."""
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
    with pytest.raises(InvalidInputError, match="'start'"):
        uk_late_payment_interest(gbp("3650.00"), due=D(2026, 1, 5), as_of=D(2026, 3, 1))


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
    settlements = [Settlement(on=D(2025, 7, 20), amount=eur("3650.00"))]
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
