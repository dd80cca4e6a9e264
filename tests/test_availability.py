"""Availability: exact uptime, merged outages, maintenance, quantisation and credits.

Credit tables are the published ones of three cloud providers; each test cites
its source. Tiers are data: the library ships none.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.money import Money
from accountplan.sla import (
    CreditTier,
    DowntimeRule,
    availability_report,
    downtime,
    merge_intervals,
    service_credit,
    uptime,
)

UTC = dt.UTC
AMS = ZoneInfo("Europe/Amsterdam")
APRIL = (dt.datetime(2026, 4, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC))
S = dt.timedelta(seconds=1)
MIN = dt.timedelta(minutes=1)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, second, tzinfo=UTC)


def percent(up: Decimal, total: Decimal) -> Decimal:
    """The percentage rounded down to 6 places, from exact fractions (not the library's code)."""
    millionths = math.floor(Fraction(up) * 100 * 10**6 / Fraction(total))
    return Decimal(f"{millionths}E-6")


def tiers(*rows: tuple[str, str, str]) -> list[CreditTier]:
    return [CreditTier(at_least=a, below=b, credit_percent=c) for a, b, c in rows]


# Amazon Compute SLA, Region-Level SLA (aws.amazon.com/compute/sla): less than
# 99.99 % but at least 99.0 %: 10 %; less than 99.0 % but at least 95.0 %: 30 %;
# less than 95.0 %: 100 %.
AWS_EC2 = tiers(("99.0", "99.99", "10"), ("95.0", "99.0", "30"), ("0", "95.0", "100"))
# SLA for Virtual Machines, two or more Availability Zones
# (azure.microsoft.com/support/legal/sla/virtual-machines): below 99.99 %: 10 %;
# below 99 %: 25 %; below 95 %: 100 %.
AZURE_VM = tiers(("99", "99.99", "10"), ("95", "99", "25"), ("0", "95", "100"))
# Google Compute Engine SLA of 13 January 2020 (cloud.google.com/compute/sla-20200113,
# SLO 99.99 %), Financial Credits:
# 99.00 % - < 99.99 %: 10 %; 95.00 % - < 99.00 %: 25 %; < 95.00 %: 50 %.
GCP_COMPUTE = tiers(("99.00", "99.99", "10"), ("95.00", "99.00", "25"), ("0", "95.00", "50"))

CHARGE = Money(amount="1000.00", currency="USD")


@pytest.mark.parametrize(
    ("table", "value", "credit"),
    [
        (AWS_EC2, "100", "0.00"),
        (AWS_EC2, "99.99", "0.00"),
        (AWS_EC2, "99.989", "100.00"),
        (AWS_EC2, "99.0", "100.00"),
        (AWS_EC2, "98.999", "300.00"),
        (AWS_EC2, "95.0", "300.00"),
        (AWS_EC2, "94.99", "1000.00"),
        (AZURE_VM, "99.5", "100.00"),
        (AZURE_VM, "98.9", "250.00"),
        (AZURE_VM, "95", "250.00"),
        (AZURE_VM, "0", "1000.00"),
        (GCP_COMPUTE, "99.95", "100.00"),
        (GCP_COMPUTE, "96.5", "250.00"),
        (GCP_COMPUTE, "90", "500.00"),
    ],
)
def test_published_credit_tables(table: list[CreditTier], value: str, credit: str) -> None:
    """Tiers are half-open: the lower bound belongs to the tier, the upper one does not."""
    assert Money(amount=credit, currency="USD") == service_credit(
        Decimal(value), tiers=table, charge=CHARGE
    )


def test_credit_rounds_to_the_minor_unit() -> None:
    """A credit is rounded to the currency's minor unit with the named mode."""
    charge = Money(amount="10.05", currency="EUR")
    assert Money(amount="1.00", currency="EUR") == service_credit(
        Decimal("99.5"), tiers=AWS_EC2, charge=charge
    )
    assert Money(amount="1.01", currency="EUR") == service_credit(
        Decimal("99.5"), tiers=AWS_EC2, charge=charge, rounding="up"
    )


def test_a_month_at_three_nines() -> None:
    """43 minutes 12 seconds down in a 30-day month is exactly 99.9 %."""
    outage = (at(3, 10), at(3, 10, 43, 12))
    assert Decimal("99.9") == uptime(APRIL, outages=[outage])
    assert 43 * MIN + 12 * S == downtime(APRIL, outages=[outage])


def test_overlapping_outages_merge() -> None:
    """Overlapping and touching outages are counted once."""
    outages = [
        (at(3, 10), at(3, 10, 30)),
        (at(3, 10, 20), at(3, 10, 50)),
        (at(3, 10, 50), at(3, 11)),
    ]
    assert 60 * MIN == downtime(APRIL, outages=outages)
    assert ((at(3, 10), at(3, 11)),) == merge_intervals(outages)


def test_maintenance_leaves_downtime_not_period() -> None:
    """Announced maintenance is removed from the downtime; the period stays the denominator."""
    outage = (at(3, 10), at(3, 11))
    maintenance = [(at(3, 10, 30), at(3, 12)), (at(3, 9), at(3, 10, 10))]
    assert 20 * MIN == downtime(APRIL, outages=[outage], maintenance=maintenance)
    expected = percent(Decimal(43200 - 20), Decimal(43200))
    assert expected == uptime(APRIL, outages=[outage], maintenance=maintenance)


def test_outages_clipped_to_period() -> None:
    """Only the part of an outage inside the period counts."""
    outage = (at(1, 0) - dt.timedelta(hours=2), at(1, 1))
    assert 60 * MIN == downtime(APRIL, outages=[outage])
    assert Decimal(100) == uptime(APRIL, outages=[(at(1, 0) - MIN, at(1, 0))])
    assert Decimal(0) == uptime(APRIL, outages=[APRIL])


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (dt.timedelta(0), 2 * MIN),  # any downtime makes the minute count
        (29 * S, 2 * MIN),
        (30 * S, dt.timedelta(0)),  # 30 s is not longer than 30 s
        (59 * S, dt.timedelta(0)),
    ],
)
def test_minute_quantisation(threshold: dt.timedelta, expected: dt.timedelta) -> None:
    """A clock minute counts only when the downtime inside it is longer than the threshold."""
    rule = DowntimeRule(quantum="minute", minute_threshold=threshold)
    outage = (at(3, 10, 0, 30), at(3, 10, 1, 30))  # 30 s in each of two minutes
    assert expected == downtime(APRIL, outages=[outage], rule=rule)


def test_google_ignores_intermittent_downtime() -> None:
    """Google counts Downtime Periods of one or more consecutive minutes; intermittent
    downtime of less than a minute is not counted (Compute Engine SLA definitions)."""
    rule = DowntimeRule(quantum="minute", minute_threshold=59 * S)
    blips = [(at(5, 8, m, 0), at(5, 8, m, 40)) for m in range(10)]
    assert dt.timedelta(0) == downtime(APRIL, outages=blips, rule=rule)
    full = [(at(5, 9), at(5, 9, 3))]
    assert 3 * MIN == downtime(APRIL, outages=full, rule=rule)


def test_minute_pieces_across_outages() -> None:
    """Two outages inside one clock minute add up before the threshold applies."""
    rule = DowntimeRule(quantum="minute", minute_threshold=30 * S)
    outages = [(at(3, 10, 0, 0), at(3, 10, 0, 20)), (at(3, 10, 0, 40), at(3, 10, 1, 0))]
    assert MIN == downtime(APRIL, outages=outages, rule=rule)


def test_monthly_report_across_dst_and_months() -> None:
    """Months are cut at local midnight; March in Amsterdam is an hour short."""
    outage = (
        dt.datetime(2026, 3, 31, 23, 0, tzinfo=AMS),
        dt.datetime(2026, 4, 1, 1, 0, tzinfo=AMS),
    )
    maintenance = [
        (dt.datetime(2026, 4, 1, 0, 30, tzinfo=AMS), dt.datetime(2026, 4, 1, 1, 0, tzinfo=AMS))
    ]
    report = availability_report(
        [outage],
        first_month=dt.date(2026, 3, 1),
        months=3,
        timezone="Europe/Amsterdam",
        maintenance=maintenance,
        tiers=AWS_EC2,
        charge=CHARGE,
    )
    march, april, may = report.months
    assert (31 * 24 - 1) * dt.timedelta(hours=1) == march.end - march.start.astimezone(UTC)
    assert (dt.timedelta(hours=1), dt.timedelta(0)) == (march.downtime, march.excluded)
    assert (30 * MIN, 30 * MIN) == (april.downtime, april.excluded)
    march_minutes = Decimal(743 * 60)
    assert percent(march_minutes - 60, march_minutes) == march.uptime
    assert Decimal(100) == may.uptime
    assert (Decimal(10), Decimal(10), Decimal(0)) == (
        march.credit_percent,
        april.credit_percent,
        may.credit_percent,
    )
    assert Money(amount="200.00", currency="USD") == report.total_credit
    total = Decimal((743 + 720 + 744) * 60)
    assert percent(total - 90, total) == report.uptime


def test_report_without_charge() -> None:
    """Without a charge the report has percentages but no money."""
    report = availability_report([], first_month=dt.date(2026, 12, 1), months=2, timezone="UTC")
    assert [dt.date(2026, 12, 1), dt.date(2027, 1, 1)] == [m.start.date() for m in report.months]
    assert report.total_credit is None
    assert report.months[0].credit is None


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"first_month": dt.date(2026, 1, 2)}, InvalidInputError),
        ({"first_month": dt.datetime(2026, 1, 1, tzinfo=UTC)}, InvalidInputError),
        ({"months": 0}, InvalidInputError),
        ({"months": 1201}, LimitExceededError),
        ({"timezone": "Mars/Base"}, InvalidInputError),
        ({"charge": Money(amount="-1", currency="EUR")}, InvalidInputError),
        ({"charge": 10}, InvalidInputError),
        ({"rounding": "sideways"}, InvalidInputError),
        ({"rule": "minute"}, InvalidInputError),
    ],
)
def test_report_checks(kwargs: dict[str, Any], error: type[Exception]) -> None:
    """Report arguments are validated."""
    fields: dict[str, Any] = {"first_month": dt.date(2026, 1, 1), "months": 1, "timezone": "UTC"}
    fields.update(kwargs)
    with pytest.raises(error):
        availability_report([], **fields)


@pytest.mark.parametrize(
    "outages",
    [
        "x",
        [(at(2, 1),)],
        [(at(2, 2), at(2, 1))],
        [(dt.datetime(2026, 4, 2), at(2, 1))],
        [("2026-04-02", at(2, 1))],
        3,
    ],
)
def test_bad_intervals(outages: Any) -> None:
    """Intervals are (start, end) pairs of aware datetimes in order."""
    with pytest.raises(InvalidInputError):
        uptime(APRIL, outages=outages)


def test_bad_period_and_tiers() -> None:
    """The period must not be empty; tiers must not overlap; uptime is a percentage."""
    with pytest.raises(InvalidInputError):
        uptime((at(1, 0), at(1, 0)), outages=[])
    with pytest.raises(InvalidInputError, match="overlaps"):
        service_credit(
            Decimal(99), tiers=tiers(("90", "99.5", "10"), ("99", "100", "5")), charge=CHARGE
        )
    with pytest.raises(InvalidInputError):
        service_credit(Decimal(101), tiers=AWS_EC2, charge=CHARGE)
    with pytest.raises(InvalidInputError):
        service_credit(Decimal(99), tiers="aws", charge=CHARGE)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        service_credit(Decimal(99), tiers=[1], charge=CHARGE)  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        service_credit(Decimal(99), tiers=AWS_EC2, charge=Money(amount="-1", currency="USD"))
    with pytest.raises(InvalidInputError):
        CreditTier(at_least="99", below="98", credit_percent="10")
    with pytest.raises(InvalidInputError):
        CreditTier(at_least="99", below="99.5", credit_percent="101")
    with pytest.raises(InvalidInputError):
        DowntimeRule(quantum="minute", minute_threshold=MIN)
    with pytest.raises(InvalidInputError):
        DowntimeRule(quantum="hour")  # type: ignore[arg-type]
    with pytest.raises(LimitExceededError):
        uptime(APRIL, outages=_many())


def _many() -> Any:
    for _ in range(1_000_001):
        yield (at(2, 1), at(2, 2))


minutes = st.integers(0, 30 * 24 * 60)
spans = st.tuples(minutes, st.integers(0, 600)).map(
    lambda p: (at(1, 0) + p[0] * MIN, at(1, 0) + (p[0] + p[1]) * MIN)
)


@given(outages=st.lists(spans, max_size=8), maintenance=st.lists(spans, max_size=3))
def test_uptime_properties(outages: list[Any], maintenance: list[Any]) -> None:
    """Uptime lies in 0..100, maintenance never lowers it, minutes never count less than exact."""
    exact = uptime(APRIL, outages=outages)
    assert 0 <= exact <= 100
    assert uptime(APRIL, outages=outages, maintenance=maintenance) >= exact
    rule = DowntimeRule(quantum="minute")
    assert downtime(APRIL, outages=outages, rule=rule) >= downtime(APRIL, outages=outages)
    merged = merge_intervals(outages)
    assert all(a < b for a, b in merged)
    assert all(merged[i][1] < merged[i + 1][0] for i in range(len(merged) - 1))
