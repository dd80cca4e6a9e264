"""Statutory interest against the law: worked examples by hand, coverage, options, limits.

Every expected figure below is computed by hand in the comment next to it (rate x
principal x days / year, each line rounded to the cent), never taken from the code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from accountplan.billing import RatePeriod, RateTable, bundled_rate_table, rate_on
from accountplan.billing.statutory import (
    eu_compensation,
    eu_late_payment_interest,
    nl_collection_costs,
    nl_commercial_interest,
    nl_statutory_interest,
    uk_fixed_sum,
    uk_late_payment_interest,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.serialization import from_json, to_json

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
TABLES = ("ecb_mro", "nl_commercial", "nl_statutory", "uk_reference")


def eur(amount: str | int) -> Money:
    return Money(amount=amount, currency="EUR")


def gbp(amount: str | int) -> Money:
    return Money(amount=amount, currency="GBP")


def lines(fee: object) -> list[tuple[int, str, str, str]]:
    return [
        (x.days, str(x.rate), str(x.base.amount), str(x.amount.amount))
        for x in fee.lines  # type: ignore[attr-defined]
    ]


# -- coverage: a question outside a table raises a clear error ----------------------------


def test_as_of_after_valid_until_names_table_range_and_remedy() -> None:
    """Interest as of 30 Nov 2026 on the bundled table (ending 30 Jun 2026) is refused clearly."""
    with pytest.raises(InvalidInputError) as excinfo:
        nl_commercial_interest(eur("100.00"), due=D(2026, 1, 1), as_of=D(2026, 11, 30))
    error = excinfo.value
    assert ("as_of", D(2026, 11, 30)) == (error.field, error.value)
    message = str(error)
    assert "'nl_commercial' covers 2022-01-01 to 2026-06-30" in message
    assert "is after the last covered day" in message
    assert "rates=" in message
    assert "from_json" in message


def test_interest_before_the_first_period_names_table_range_and_remedy() -> None:
    """A debt late before the first period is refused, naming the first interest day."""
    with pytest.raises(InvalidInputError) as excinfo:
        eu_late_payment_interest(eur("100.00"), due=D(2021, 12, 1), as_of=D(2022, 2, 1))
    error = excinfo.value
    assert ("start", D(2021, 12, 2)) == (error.field, error.value)
    assert "is before the first covered day: rate table 'ecb_mro' covers 2022-01-01 to " in str(
        error
    )
    with pytest.raises(InvalidInputError, match=r"'day' is before the first covered day"):
        rate_on(bundled_rate_table("nl_statutory"), D(2022, 12, 31))


def test_bundled_tables_cover_today_where_verified() -> None:
    """Regression: interest as of a day in the first half of 2026 no longer fails."""
    # 10 days (2026-01-01 .. 2026-01-10) at 2.15 + 8 = 10.15 % on 3,650.00: 3650 x 0.1015
    # x 10 / 365 = 10.15.
    fee = nl_commercial_interest(eur("3650.00"), due=D(2025, 12, 31), as_of=D(2026, 1, 10))
    assert [(10, "10.15", "3650.00", "10.15")] == lines(fee)
    assert "secondary source" not in json.dumps(
        [p.note for name in TABLES for p in bundled_rate_table(name).periods]  # type: ignore[arg-type]
    )


def test_a_table_loaded_from_json_extends_coverage() -> None:
    """A newer table can be built from JSON text, like the bundled files."""
    bundled = bundled_rate_table("ecb_mro")
    newer = RateTable(
        name="ecb_mro_test",
        periods=[*bundled.periods, RatePeriod(effective=D(2026, 7, 1), rate="1.00")],
        valid_until=D(2026, 12, 31),
    )
    loaded = from_json(to_json(newer), RateTable)
    # 10 days at 1.00 + 8 = 9 % on 3,650.00 = 3650 x 0.09 x 10 / 365 = 9.00 (test rate only).
    fee = eu_late_payment_interest(
        eur("3650.00"), due=D(2026, 11, 20), as_of=D(2026, 11, 30), rates=loaded
    )
    assert eur("9.00") == fee.amount


@pytest.mark.parametrize("name", TABLES)
def test_reference_docs_show_each_tables_valid_until(name: str) -> None:
    """The reference page's coverage table agrees with the JSON data files."""
    text = (ROOT / "docs" / "reference" / "billing-statutory.md").read_text("utf-8")
    row = re.compile(r"^\| `(\w+)` \| (\d{4}-\d\d-\d\d) \| (\d{4}-\d\d-\d\d) \|", re.M)
    rows = {m.group(1): (m.group(2), m.group(3)) for m in row.finditer(text)}
    folder = resources.files("accountplan").joinpath("data", "rates")
    data = json.loads(folder.joinpath(f"{name}.json").read_text("utf-8"))
    assert (data["periods"][0]["effective"], data["valid_until"]) == rows[name]


def test_how_to_names_each_tables_valid_until() -> None:
    """The how-to's list of bundled tables quotes every table's last covered day."""
    text = (ROOT / "docs" / "how-to" / "statutory-interest.md").read_text("utf-8")
    for name in TABLES:
        table = bundled_rate_table(name)  # type: ignore[arg-type]
        assert f"`{name}` until {table.valid_until}" in text


@pytest.mark.parametrize("name", TABLES)
def test_every_bundled_period_cites_its_source(name: str) -> None:
    """Each row names where its figure comes from; the table says why it ends where it does."""
    table = bundled_rate_table(name)  # type: ignore[arg-type]
    assert all(period.note for period in table.periods)
    assert f"Ends on {table.valid_until}" in table.source


def test_nl_statutory_is_set_by_decree_not_from_the_ecb_rate() -> None:
    """BW 6:119 rates are the decree's figures: they do not follow ECB + a fixed margin."""
    ecb = bundled_rate_table("ecb_mro")
    nl = bundled_rate_table("nl_statutory")
    margins = {p.rate - rate_on(ecb, p.effective) for p in nl.periods}
    assert len(margins) > 1


# -- zero and negative debts ----------------------------------------------------------------


def test_no_compensation_or_costs_on_a_zero_debt() -> None:
    """Nothing owed: no EUR 40, no UK fixed sum, no WIK minimum (which needs a debt)."""
    assert (eur(0), gbp(0), eur("0.00")) == (
        eu_compensation(eur("0.00")),
        uk_fixed_sum(gbp("0.00")),
        nl_collection_costs(eur("0.00")),
    )
    assert eur("0.00") == nl_collection_costs(eur(0), vat_rate=21)
    # The smallest debt still gets the full fixed amounts.
    assert (eur(40), gbp(40), eur("40.00")) == (
        eu_compensation(eur("0.01")),
        uk_fixed_sum(gbp("0.01")),
        nl_collection_costs(eur("0.01")),
    )


def test_bad_vat_is_refused_even_on_a_zero_debt() -> None:
    """Arguments are checked before the zero shortcut."""
    with pytest.raises(InvalidInputError, match="'vat_rate' must be a percentage from 0 to 100"):
        nl_collection_costs(eur(0), vat_rate=-1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: eu_compensation(eur("-0.01")),
        lambda: uk_fixed_sum(gbp("-0.01")),
        lambda: nl_collection_costs(eur("-0.01")),
    ],
)
def test_negative_debts_are_refused(call: object) -> None:
    """A negative balance is a credit: the error says so."""
    with pytest.raises(InvalidInputError, match="must not be negative: a negative balance"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    "function",
    [eu_late_payment_interest, nl_commercial_interest, nl_statutory_interest],
)
@pytest.mark.parametrize("amount", ["0.00", "-10.00"])
def test_interest_on_a_zero_or_negative_debt_is_an_error(function: object, amount: str) -> None:
    """No debt, no interest: the interest functions refuse it and say why."""
    with pytest.raises(InvalidInputError) as excinfo:
        function(eur(amount), due=D(2025, 1, 1), as_of=D(2025, 2, 1))  # type: ignore[operator]
    assert ("principal", eur(amount)) == (excinfo.value.field, excinfo.value.value)
    assert "there is no late-payment interest without a debt" in str(excinfo.value)


def test_uk_interest_on_a_zero_debt_is_an_error() -> None:
    """The UK Act's interest needs a debt too."""
    with pytest.raises(InvalidInputError, match="'principal' must be more than zero"):
        uk_late_payment_interest(gbp(0), due=D(2025, 1, 1), as_of=D(2025, 2, 1))


# -- rounding= and day_count= are honoured --------------------------------------------------


def test_rounding_option_changes_a_half_cent() -> None:
    """3 days at 10.15 % on 3,650.00 is exactly 3.045: half_even 3.04, half_up 3.05."""
    # 3650 x 0.1015 x 3 / 365 = 10 x 0.1015 x 3 = 3.045 (H2 2025: ECB 2.15 + 8 = 10.15 %).
    due, as_of = D(2025, 7, 10), D(2025, 7, 13)
    for function in (eu_late_payment_interest, nl_commercial_interest):
        assert eur("3.04") == function(eur("3650.00"), due=due, as_of=as_of).amount
        for mode in ("half_up", "ceiling", "up"):
            fee = function(eur("3650.00"), due=due, as_of=as_of, rounding=mode)
            assert eur("3.05") == fee.amount
        fee = function(eur("3650.00"), due=due, as_of=as_of, rounding="down")
        assert eur("3.04") == fee.amount
    # UK: 1 day at 4.25 + 8 = 12.25 % on 3,650.00 = 3650 x 0.1225 / 365 = 1.225.
    uk_as_of = D(2025, 7, 11)
    assert gbp("1.22") == uk_late_payment_interest(gbp("3650.00"), due=due, as_of=uk_as_of).amount
    assert (
        gbp("1.23")
        == uk_late_payment_interest(
            gbp("3650.00"), due=due, as_of=uk_as_of, rounding="half_up"
        ).amount
    )


@pytest.mark.parametrize(
    ("day_count", "expected"),
    [
        # 31 actual days (11 Jul .. 10 Aug 2025) at 10.15 % on 3,650.00:
        ("act_365", "31.46"),  # 3650 x 0.1015 x 31 / 365 = 31.465 -> half even 31.46
        ("act_360", "31.90"),  # 3650 x 0.1015 x 31 / 360 = 31.902...
        ("30_360", "30.87"),  # 30 days on 30/360: 3650 x 0.1015 x 30 / 360 = 30.8729...
        ("act_act", "31.46"),  # 2025 is not a leap year: as act_365
    ],
)
def test_day_count_option_is_honoured(day_count: str, expected: str) -> None:
    """The day-count convention changes the year fraction, per Dutch and EU interest."""
    for function in (eu_late_payment_interest, nl_commercial_interest):
        fee = function(
            eur("3650.00"),
            due=D(2025, 7, 10),
            as_of=D(2025, 8, 10),
            day_count=day_count,  # type: ignore[arg-type]
        )
        assert eur(expected) == fee.amount


def test_day_count_act_act_divides_leap_year_days_by_366() -> None:
    """In 2024, act_act divides by 366 and act_365 by 365 (12.25 %, 31 days, 36,500.00)."""
    # act_365: 36500 x 0.1225 x 31 / 365 = 379.75; act_act: 138608.75 / 366 = 378.712 -> 378.71
    due, as_of = D(2024, 7, 10), D(2024, 8, 10)
    assert eur("379.75") == eu_late_payment_interest(eur("36500.00"), due=due, as_of=as_of).amount
    fee = eu_late_payment_interest(eur("36500.00"), due=due, as_of=as_of, day_count="act_act")
    assert eur("378.71") == fee.amount
    # Consumers (7 % in 2024): act_360 gives 3650 x 0.07 x 31 / 360 = 22.0013 -> 22.00,
    # act_365 gives 3650 x 0.07 x 31 / 365 = 21.70.
    fee = nl_statutory_interest(eur("3650.00"), due=due, as_of=as_of, day_count="act_360")
    assert eur("22.00") == fee.amount
    assert eur("21.70") == nl_statutory_interest(eur("3650.00"), due=due, as_of=as_of).amount


# -- golden examples, one per regime --------------------------------------------------------


def test_golden_eu_directive_rate_changes_on_1_july() -> None:
    """Directive 2011/7/EU art. 2(6) and (8): the ECB rate of each half-year + 8, simple."""
    # ECB MRO 3.15 on 1 Jan 2025 (press release 12 Dec 2024), 2.15 on 1 Jul 2025 (5 Jun 2025).
    # 21 .. 30 Jun: 10 days x 10000 x 11.15 % / 365 = 30.547... -> 30.55
    # 1 .. 10 Jul:  10 days x 10000 x 10.15 % / 365 = 27.808... -> 27.81; total 58.36.
    fee = eu_late_payment_interest(eur("10000.00"), due=D(2025, 6, 20), as_of=D(2025, 7, 10))
    assert [(10, "11.15", "10000.00", "30.55"), (10, "10.15", "10000.00", "27.81")] == lines(fee)
    assert eur("58.36") == fee.amount
    assert eur(40) == eu_compensation(eur("10000.00"))  # art. 6(1)


def test_golden_nl_commercial_capitalises_after_a_full_year_across_rate_changes() -> None:
    """BW 6:119a with 6:119 lid 2: a year's interest joins the principal after each full year."""
    # Year 1 runs 1 Apr 2025 .. 31 Mar 2026 on 10,000.00:
    #   1 Apr .. 30 Jun 2025:  91 d x 11.15 % = 101465 / 365 = 277.986 -> 277.99
    #   1 Jul .. 31 Dec 2025: 184 d x 10.15 % = 186760 / 365 = 511.671 -> 511.67
    #   1 Jan .. 31 Mar 2026:  90 d x 10.15 % =  91350 / 365 = 250.274 -> 250.27
    #   interest of year 1 = 1039.93, added to the principal on 31 Mar 2026: 11,039.93
    # 1 Apr .. 31 May 2026: 61 d x 11039.93 x 10.15 % / 365 = 187.270 -> 187.27; total 1227.20
    fee = nl_commercial_interest(eur("10000.00"), due=D(2025, 3, 31), as_of=D(2026, 5, 31))
    assert [
        (91, "11.15", "10000.00", "277.99"),
        (184, "10.15", "10000.00", "511.67"),
        (90, "10.15", "10000.00", "250.27"),
        (61, "10.15", "11039.93", "187.27"),
    ] == lines(fee)
    assert eur("1227.20") == fee.amount


def test_golden_nl_statutory_decree_rates_with_capitalisation() -> None:
    """BW 6:119 (Besluit vaststelling wettelijke rente): 6 % H2 2023, 7 % in 2024, yearly."""
    # Year 1 runs 1 Jul 2023 .. 30 Jun 2024 on 5,000.00:
    #   184 d x 6 % = 300 x 184 / 365 = 151.232 -> 151.23; 182 d x 7 % = 350 x 182 / 365
    #   = 174.520 -> 174.52; 325.75 capitalised on 30 Jun 2024: base 5,325.75.
    # 1 Jul .. 30 Sep 2024: 92 d x 5325.75 x 7 % / 365 = 93.966 -> 93.97; total 419.72.
    fee = nl_statutory_interest(eur("5000.00"), due=D(2023, 6, 30), as_of=D(2024, 9, 30))
    assert [
        (184, "6.00", "5000.00", "151.23"),
        (182, "7.00", "5000.00", "174.52"),
        (92, "7.00", "5325.75", "93.97"),
    ] == lines(fee)
    assert eur("419.72") == fee.amount


def test_golden_uk_reference_rate_fixed_for_the_life_of_the_debt() -> None:
    """Late Payment (Rate of Interest) (No. 3) Order 2002 art. 4: the rate never moves."""
    # Late on 16 Dec 2025: Bank Rate on 30 Jun 2025 = 4.25 (+ 8 = 12.25 %), kept in 2026.
    # 90 days (16 Dec 2025 .. 15 Mar 2026) x 2000 x 12.25 % / 365 = 60.410 -> 60.41
    fee = uk_late_payment_interest(gbp("2000.00"), due=D(2025, 12, 15), as_of=D(2026, 3, 15))
    assert [(90, "12.25", "2000.00", "60.41")] == lines(fee)
    # Late on 5 Jan 2026: Bank Rate on 31 Dec 2025 = 3.75 (MPS December 2025) + 8 = 11.75 %.
    # As of 30 Nov 2026, past the table's end, the rate is still the one fixed in January:
    # 330 days x 2000 x 11.75 % / 365 = 212.465 -> 212.47; the fixed sum is GBP 70 (s. 5A).
    later = uk_late_payment_interest(gbp("2000.00"), due=D(2026, 1, 4), as_of=D(2026, 11, 30))
    assert [(330, "11.75", "2000.00", "212.47")] == lines(later)
    assert gbp(70) == uk_fixed_sum(gbp("2000.00"))


@pytest.mark.parametrize(
    ("principal", "costs"),
    [
        # Besluit vergoeding voor buitengerechtelijke incassokosten (Stb. 2012, 141), art. 2:
        ("0.00", "0.00"),  # no debt: no costs (the minimum needs a debt)
        ("266.66", "40.00"),  # 15 % = 39.999: the EUR 40 minimum
        ("2500.00", "375.00"),  # 15 % x 2500
        ("5000.00", "625.00"),  # 375 + 10 % x 2500
        ("10000.00", "875.00"),  # 625 + 5 % x 5000
        ("200000.00", "2775.00"),  # 875 + 1 % x 190000
        ("1000000.00", "6775.00"),  # 2775 + 0.5 % x 800000 = the maximum
        ("1000200.00", "6775.00"),  # 6776.00 capped at EUR 6,775
    ],
)
def test_golden_wik_scale_brackets(principal: str, costs: str) -> None:
    """The WIK scale at each bracket boundary, the minimum, the maximum and a zero debt."""
    assert eur(costs) == nl_collection_costs(eur(principal))


# -- date limits ------------------------------------------------------------------------


def whole_range_table() -> RateTable:
    return RateTable(
        name="whole_range",
        periods=[RatePeriod(effective=D(1, 1, 1), rate="5")],
        valid_until=D(9999, 12, 31),
    )


@pytest.mark.parametrize(
    "function",
    [eu_late_payment_interest, nl_commercial_interest, nl_statutory_interest],
)
def test_date_limits_raise_library_errors(function: object) -> None:
    """Near year 1 and 9999 the functions compute or raise library errors, never OverflowError."""
    call = function
    table = whole_range_table()
    # Year 1: a period from 0001-01-01 is usable. 1 day x 100 x (5 [+ 8]) % / 365.
    fee = call(eur("100.00"), due=D(1, 1, 1), as_of=D(1, 1, 2), rates=table)  # type: ignore[operator]
    assert fee.amount in {eur("0.01"), eur("0.04")}
    # The last due date with a 100-year horizon inside the year 9999.
    call(eur("100.00"), due=D(9899, 12, 31), as_of=D(9999, 12, 31), rates=table)  # type: ignore[operator]
    with pytest.raises(LimitExceededError) as excinfo:
        call(eur("100.00"), due=D(9999, 12, 30), as_of=D(9999, 12, 31), rates=table)  # type: ignore[operator]
    assert ("due", D(9999, 12, 30), D(9899, 12, 31)) == (
        excinfo.value.field,
        excinfo.value.value,
        excinfo.value.limit,
    )
    assert "must be on or before 9899-12-31" in str(excinfo.value)
    with pytest.raises(LimitExceededError) as excinfo:
        call(  # type: ignore[operator]
            eur("100.00"),
            due=D(9899, 12, 31),
            as_of=D(9999, 1, 2),
            rates=table,
            day_count="act_act",
        )
    assert ("as_of", D(9999, 1, 2)) == (excinfo.value.field, excinfo.value.value)
    assert "with day_count='act_act'" in str(excinfo.value)
    # The last day act_act can count.
    call(  # type: ignore[operator]
        eur("100.00"), due=D(9899, 12, 31), as_of=D(9999, 1, 1), rates=table, day_count="act_act"
    )
    with pytest.raises(LimitExceededError, match="'as_of' is too far after the due date"):
        call(eur("100.00"), due=D(2025, 1, 1), as_of=D(9999, 12, 31), rates=table)  # type: ignore[operator]


def test_uk_date_limits_raise_library_errors() -> None:
    """The UK function has the same limits, and year 1 works with a table from 0001-01-01."""
    table = whole_range_table()
    # 1 day x 100 x 13 % / 365 = 0.0356 -> 0.04
    fee = uk_late_payment_interest(gbp("100.00"), due=D(1, 1, 1), as_of=D(1, 1, 2), rates=table)
    assert gbp("0.04") == fee.amount
    with pytest.raises(LimitExceededError, match="'due' must be on or before 9899-12-31"):
        uk_late_payment_interest(
            gbp("100.00"), due=D(9999, 12, 31), as_of=D(9999, 12, 31), rates=table
        )


def test_interest_arguments_are_type_checked() -> None:
    """Dates must be dates: the error names the field."""
    with pytest.raises(InvalidInputError, match="'as_of'"):
        eu_late_payment_interest(eur("1.00"), due=D(2025, 1, 1), as_of="2025-02-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'due'"):
        eu_late_payment_interest(eur("1.00"), due="2025-01-01", as_of=D(2025, 2, 1))  # type: ignore[arg-type]


# -- what the breakdown and the errors say ----------------------------------------------


def test_each_regime_labels_its_lines_with_the_law() -> None:
    """A line shown to a customer names the statute its interest comes from."""
    due, as_of = D(2025, 7, 10), D(2025, 7, 20)
    assert {
        "EU statutory interest (Directive 2011/7/EU art. 2(6))",
        "wettelijke handelsrente (BW 6:119a)",
        "statutory interest (Late Payment of Commercial Debts (Interest) Act 1998 s. 1)",
    } == {
        eu_late_payment_interest(eur("100.00"), due=due, as_of=as_of).lines[0].label,
        nl_commercial_interest(eur("100.00"), due=due, as_of=as_of).lines[0].label,
        uk_late_payment_interest(gbp("100.00"), due=due, as_of=as_of).lines[0].label,
    }
    consumer = nl_statutory_interest(eur("100.00"), due=D(2025, 1, 10), as_of=D(2025, 1, 20))
    assert "wettelijke rente (BW 6:119)" == consumer.lines[0].label


def test_error_messages_in_full() -> None:
    """The errors read as documented, with the field, the limit and the value."""
    with pytest.raises(InvalidInputError) as excinfo:
        nl_commercial_interest(eur("0.00"), due=D(2025, 1, 1), as_of=D(2025, 2, 1))
    assert (
        "'principal' must be more than zero, in whole minor units: there is no late-payment "
        "interest without a debt (got Money(amount=Decimal('0.00'), currency='EUR'))"
    ) == str(excinfo.value)
    table = whole_range_table()
    with pytest.raises(LimitExceededError) as limit:
        eu_late_payment_interest(eur("1.00"), due=D(9900, 1, 1), as_of=D(9900, 1, 2), rates=table)
    assert (
        "'due' must be on or before 9899-12-31, so that the 100-year horizon of as_of stays "
        "within the year 9999 (got datetime.date(9900, 1, 1))"
    ) == str(limit.value)
    with pytest.raises(LimitExceededError) as limit:
        eu_late_payment_interest(
            eur("1.00"), due=D(9899, 12, 31), as_of=D(9999, 1, 2), rates=table, day_count="act_act"
        )
    assert (
        "'as_of' must be on or before 9999-01-01 with day_count='act_act', which splits "
        "interest at the start of the next year (got datetime.date(9999, 1, 2))"
    ) == str(limit.value)
    assert D(9999, 1, 1) == limit.value.limit
    with pytest.raises(InvalidInputError) as excinfo:
        eu_compensation(gbp("1.00"))
    assert "'debt' must be in EUR (got Money(amount=Decimal('1.00'), currency='GBP'))" == str(
        excinfo.value
    )
    with pytest.raises(InvalidInputError) as excinfo:
        uk_fixed_sum(gbp("-1.00"))
    assert (
        "'debt' must not be negative: a negative balance is a credit, not a late debt "
        "(got Money(amount=Decimal('-1.00'), currency='GBP'))"
    ) == str(excinfo.value)


def test_vat_bounds_are_inclusive() -> None:
    """VAT of 0 % adds nothing and 100 % doubles the costs; both are allowed."""
    # 15 % of 1,000.00 = 150.00; x 1.00 and x 2.00.
    assert eur("150.00") == nl_collection_costs(eur("1000.00"), vat_rate=0)
    assert eur("300.00") == nl_collection_costs(eur("1000.00"), vat_rate=100)
    with pytest.raises(InvalidInputError, match="'vat_rate'"):
        nl_collection_costs(eur("1000.00"), vat_rate="100.01")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: eu_compensation(40), "debt"),  # type: ignore[arg-type]
        (lambda: uk_fixed_sum("40"), "debt"),  # type: ignore[arg-type]
        (lambda: nl_collection_costs(Decimal(40)), "principal"),  # type: ignore[arg-type]
        (
            lambda: nl_commercial_interest(100, due=D(2025, 1, 1), as_of=D(2025, 2, 1)),  # type: ignore[arg-type]
            "principal",
        ),
        (
            lambda: uk_late_payment_interest("1", due=D(2025, 1, 1), as_of=D(2025, 2, 1)),  # type: ignore[arg-type]
            "principal",
        ),
    ],
)
def test_wrong_types_name_the_field(call: object, field: str) -> None:
    """A number where Money is expected is an InvalidTypeError naming the argument."""
    with pytest.raises(InvalidTypeError) as excinfo:
        call()  # type: ignore[operator]
    assert field == excinfo.value.field


def test_bad_vat_rates_name_the_field_and_value() -> None:
    """A float VAT rate is a type error on 'vat_rate'; an out-of-range one keeps the value given."""
    with pytest.raises(InvalidTypeError) as type_error:
        nl_collection_costs(eur("100.00"), vat_rate=21.0)  # type: ignore[arg-type]
    assert "vat_rate" == type_error.value.field
    with pytest.raises(InvalidInputError) as excinfo:
        nl_collection_costs(eur("100.00"), vat_rate="121")
    assert ("vat_rate", "121") == (excinfo.value.field, excinfo.value.value)
