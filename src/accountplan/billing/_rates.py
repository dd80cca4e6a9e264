"""Effective-dated interest rate tables, and the tables shipped with accountplan.

A ``RateTable`` lists rates (percent a year) from the day each takes
effect; a rate holds until the next one takes effect, and the last one holds
until ``valid_until``, the last day the table is known to be right. Asking for
a day after ``valid_until`` raises an error that says so: statutory rates
change every half-year, and a stale table must never be used silently. Pass a
newer table instead (build one, or load one from JSON).

The bundled tables live in ``accountplan/data/rates/*.json`` with their
sources; ``bundled_rate_table`` loads them through the strict converter.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import attrs

from accountplan._converter import make_base_converter
from accountplan._typing import BUNDLED_RATES, BundledRates
from accountplan._validate import (
    check_choice,
    check_type,
    free_text,
    percent_converter,
    plain_date,
    tuple_of,
)
from accountplan.billing._daycount import check_date
from accountplan.exceptions import InvalidInputError

__all__ = ["RatePeriod", "RateTable", "bundled_rate_table", "rate_on", "rate_segments"]

#: The most periods a table may hold (half-yearly rates for 500 years).
MAX_PERIODS = 1000


@attrs.frozen(kw_only=True)
class RatePeriod:
    """One rate and the day it takes effect.

    Attributes:
        effective: The first day the rate applies.
        rate: The rate in percent a year (``Decimal("10.15")`` is 10.15 %).
        note: Free text, for example where the figure comes from.

    Examples:
        >>> import datetime as dt
        >>> RatePeriod(effective=dt.date(2025, 7, 1), rate="10.15").rate
        Decimal('10.15')
    """

    effective: dt.date = attrs.field(validator=plain_date)
    rate: Decimal = attrs.field(converter=percent_converter(high=1000))  # type: ignore[misc]  # attrs.Converter
    note: str = attrs.field(default="", validator=free_text)


@attrs.frozen(kw_only=True)
class RateTable:
    """Rates with effective dates, valid up to a known last day.

    Attributes:
        name: A short identifier, such as ``"nl_commercial"``.
        periods: The rates, in strictly increasing order of ``effective``.
        valid_until: The last day the table is known to be right.
        description: What the rates are.
        source: Where the figures come from.

    Examples:
        >>> import datetime as dt
        >>> table = RateTable(
        ...     name="contract",
        ...     periods=[RatePeriod(effective=dt.date(2024, 1, 1), rate="12")],
        ...     valid_until=dt.date(2099, 12, 31),
        ... )
        >>> rate_on(table, dt.date(2025, 3, 1))
        Decimal('12')
    """

    name: str = attrs.field(validator=free_text)
    periods: tuple[RatePeriod, ...] = attrs.field(
        converter=tuple_of(RatePeriod, limit=MAX_PERIODS),  # type: ignore[misc]  # attrs.Converter
    )
    valid_until: dt.date = attrs.field(validator=plain_date)
    description: str = attrs.field(default="", validator=free_text)
    source: str = attrs.field(default="", validator=free_text)

    def __attrs_post_init__(self) -> None:
        if not self.periods:
            raise InvalidInputError("periods", self.periods, "must not be empty")
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            if after.effective <= before.effective:
                raise InvalidInputError(
                    "periods",
                    after.effective,
                    f"must be in strictly increasing order of 'effective' "
                    f"({after.effective} follows {before.effective})",
                )
        if self.valid_until < self.periods[-1].effective:
            raise InvalidInputError(
                "valid_until",
                self.valid_until,
                f"must not be before the last period's effective date {self.periods[-1].effective}",
            )


def _coverage(table: RateTable) -> str:
    return (
        f"rate table {table.name!r} covers {table.periods[0].effective} to {table.valid_until}; "
        f"pass a RateTable that covers it with rates= (build one in code, or load one from "
        f"JSON with accountplan.serialization.from_json)"
    )


def _check_covered(table: RateTable, day: dt.date, field: str) -> None:
    if day < table.periods[0].effective:
        raise InvalidInputError(field, day, f"is before the first covered day: {_coverage(table)}")
    if day > table.valid_until:
        raise InvalidInputError(field, day, f"is after the last covered day: {_coverage(table)}")


def rate_on(table: RateTable, day: dt.date, /) -> Decimal:
    """Return the rate in force on ``day``.

    Args:
        table: The rate table (rates in percent a year).
        day: The day asked about.

    Returns:
        The rate in percent a year.

    Raises:
        InvalidTypeError: ``table`` is not a ``RateTable`` or ``day`` not a date.
        InvalidInputError: ``day`` is before the first period or after
            ``valid_until``; the message names the table, the range it covers
            and how to pass a newer one.

    Examples:
        >>> import datetime as dt
        >>> rate_on(bundled_rate_table("nl_commercial"), dt.date(2024, 7, 1))
        Decimal('12.25')
    """
    check_type("table", table, RateTable)
    check_date("day", day)
    _check_covered(table, day, "day")
    chosen = table.periods[0]
    for period in table.periods:
        if period.effective > day:
            break
        chosen = period
    return chosen.rate


def rate_segments(
    table: RateTable, start: dt.date, end: dt.date, /
) -> tuple[tuple[dt.date, dt.date, RatePeriod], ...]:
    """Split the interest days ``start + 1 .. end`` by rate period.

    Returns ``(a, b, period)`` triples meaning the days ``a + 1 .. b``: the
    same half-open form as day counts (``b - a`` days). A day bears the rate in
    force on that day.

    Args:
        table: The rate table (rates in percent a year).
        start: The day before the first interest day (the due date).
        end: The last interest day (``as_of`` or a payment day).

    Returns:
        The stretches, in order; empty when ``end`` is not after ``start``.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        InvalidInputError: the interest days are not all covered by the table
            (the message names ``start`` or ``as_of``, the table, its range
            and how to pass a newer one).

    Examples:
        >>> import datetime as dt
        >>> parts = rate_segments(
        ...     bundled_rate_table("nl_commercial"), dt.date(2024, 6, 20), dt.date(2024, 7, 10)
        ... )
        >>> [(str(a), str(b), str(p.rate)) for a, b, p in parts]
        [('2024-06-20', '2024-06-30', '12.50'), ('2024-06-30', '2024-07-10', '12.25')]
    """
    check_type("table", table, RateTable)
    check_date("start", start)
    check_date("end", end)
    if end <= start:
        return ()
    _check_covered(table, start + dt.timedelta(days=1), "start")
    _check_covered(table, end, "as_of")
    out: list[tuple[dt.date, dt.date, RatePeriod]] = []
    periods = table.periods
    first, last = start.toordinal(), end.toordinal()
    for index, period in enumerate(periods):
        # Days d with period.effective <= d < next.effective, i.e. (eff - 1, next - 1], as
        # ordinals so that a period from 0001-01-01 has a bound (ordinal 0) without a date.
        low = period.effective.toordinal() - 1
        high = periods[index + 1].effective.toordinal() - 1 if index + 1 < len(periods) else last
        a, b = max(low, first), min(high, last)
        if a < b:
            out.append((dt.date.fromordinal(a), dt.date.fromordinal(b), period))
    return tuple(out)


@lru_cache(maxsize=8)
def _load(name: str) -> RateTable:
    text = (
        resources.files("accountplan").joinpath("data", "rates", f"{name}.json").read_text("utf-8")
    )
    data = json.loads(text)
    converter = make_base_converter()
    return converter.structure(data, _RateTableFile).to_table()


@attrs.frozen(kw_only=True)
class _RatePeriodFile:
    effective: dt.date
    rate: Decimal
    note: str = ""


@attrs.frozen(kw_only=True)
class _RateTableFile:
    name: str
    description: str
    source: str
    valid_until: dt.date
    periods: tuple[_RatePeriodFile, ...]

    def to_table(self) -> RateTable:
        return RateTable(
            name=self.name,
            description=self.description,
            source=self.source,
            valid_until=self.valid_until,
            periods=[
                RatePeriod(effective=p.effective, rate=p.rate, note=p.note) for p in self.periods
            ],
        )


def bundled_rate_table(name: BundledRates, /) -> RateTable:
    """Load one of the rate tables shipped with accountplan.

    Names: ``ecb_mro`` (EU reference rate), ``nl_commercial`` (BW 6:119a),
    ``nl_statutory`` (BW 6:119), ``uk_reference`` (Bank of England reference
    rate for the Late Payment Act 1998). Each table says where its figures
    come from and the last day it covers (``valid_until``); every rate is in
    percent a year.

    Args:
        name: The table's name.

    Returns:
        The table, loaded from ``accountplan/data/rates/<name>.json``.

    Raises:
        InvalidInputError: ``name`` is not one of the bundled tables.

    Examples:
        >>> table = bundled_rate_table("uk_reference")
        >>> str(table.valid_until), str(table.periods[-1].rate)
        ('2026-06-30', '3.75')
    """
    check_choice("name", name, BUNDLED_RATES)
    return _load(name)
