"""Availability SLAs: exact uptime, downtime rules, credit tiers and monthly reports.

How uptime is computed ([`uptime()`][accountplan.sla.uptime]):

1. Outages are clipped to the period and merged where they overlap or touch,
   so a minute of downtime is never counted twice.
2. Maintenance windows (announced, excluded downtime) are cut out of the
   merged outages: they leave the downtime, never the period.
3. The remaining downtime is counted as the [`DowntimeRule`][accountplan.sla.DowntimeRule] says:
   exactly (to the microsecond), or in whole clock minutes, where a minute
   counts as down only when the downtime inside it is longer than the
   rule's threshold (AWS and Azure count "minutes of downtime"; Google
   ignores intermittent downtime shorter than a minute).
4. ``uptime = (period - downtime) / period * 100``, in percent (99.9 means
   99.9 %), computed from integer microseconds (never a float) and rounded
   **down** to ``PERCENT_PLACES`` (6) decimal places, so it never claims an
   availability that was not reached and never depends on the ambient
   ``decimal`` context. Credit-tier bounds have at most 6 decimal places, so
   the rounded uptime falls in the same tier as the exact one.

Every instant (period, outage and maintenance bounds, the months of a
report) must lie inside the supported horizon,
``HORIZON_START`` up to
``HORIZON_END``; others are refused with
[LimitExceededError][accountplan.exceptions.LimitExceededError] before any
work.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountplan._decimal import to_decimal
from accountplan._tables import Column, Tabular
from accountplan._typing import DOWNTIME_QUANTA, ROUNDING_MODES, DowntimeQuantum, Rounding
from accountplan._units import micros
from accountplan._validate import (
    check_aware,
    check_choice,
    check_timezone,
    check_type,
    one_of,
    percent_converter,
    zone,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.sla._numbers import (
    HORIZON_END,
    HORIZON_START,
    check_instant,
    check_places,
    percent_down,
)

__all__ = [
    "MAX_INTERVALS",
    "MAX_REPORT_MONTHS",
    "AvailabilityReport",
    "CreditTier",
    "DowntimeRule",
    "MonthAvailability",
    "availability_report",
    "downtime",
    "merge_intervals",
    "service_credit",
    "uptime",
]

#: Most outages or maintenance windows one call accepts.
MAX_INTERVALS = 1_000_000
#: Most months one availability report covers.
MAX_REPORT_MONTHS = 1200

_HUNDRED = Decimal(100)
_MINUTE = 60_000_000  # microseconds
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

Interval = tuple[dt.datetime, dt.datetime]


def _micros(moment: dt.datetime) -> int:
    return micros(moment - _EPOCH)  # aware minus aware: real elapsed time


def _pair(field: str, value: Any) -> tuple[int, int]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidTypeError(field, value, "must be a (start, end) pair of aware datetimes")
    if len(value) != 2:
        raise InvalidInputError(field, value, "must be a (start, end) pair of aware datetimes")
    start = check_instant(f"{field}.start", check_aware(f"{field}.start", value[0]))
    end = check_instant(f"{field}.end", check_aware(f"{field}.end", value[1]))
    if end < start:
        raise InvalidInputError(field, value, "must not end before it starts")
    return start, end


def _pairs(field: str, values: Any) -> list[tuple[int, int]]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidTypeError(field, values, "must be a sequence of (start, end) pairs")
    out: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if index >= MAX_INTERVALS:
            raise LimitExceededError(
                field, index + 1, MAX_INTERVALS, f"has more than {MAX_INTERVALS} intervals"
            )
        out.append(_pair(f"{field}[{index}]", value))
    return out


def _merge(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if start == end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _clip(pairs: Iterable[tuple[int, int]], low: int, high: int) -> Iterator[tuple[int, int]]:
    for start, end in pairs:
        s, e = max(start, low), min(end, high)
        if s < e:
            yield s, e


def _subtract(base: list[tuple[int, int]], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove merged ``cuts`` from merged ``base``; both sorted and disjoint."""
    out: list[tuple[int, int]] = []
    j = 0
    for start, end in base:
        cursor = start
        while j < len(cuts) and cuts[j][1] <= cursor:
            j += 1
        k = j
        while k < len(cuts) and cuts[k][0] < end:
            if cuts[k][0] > cursor:
                out.append((cursor, cuts[k][0]))
            cursor = max(cursor, cuts[k][1])
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


def _to_datetime(micros: int, tz: dt.tzinfo) -> dt.datetime:
    return (_EPOCH + dt.timedelta(microseconds=micros)).astimezone(tz)


def merge_intervals(intervals: Iterable[Interval], /) -> tuple[Interval, ...]:
    """Merge overlapping or touching ``(start, end)`` pairs into sorted disjoint ones.

    Empty intervals are dropped. Results are in UTC.

    Args:
        intervals: ``(start, end)`` pairs of aware datetimes, half-open.

    Returns:
        The merged intervals, sorted, in UTC.

    Raises:
        InvalidInputError: a pair is not two aware datetimes in order.
        LimitExceededError: an instant outside the supported horizon, or more
            than ``MAX_INTERVALS`` intervals.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        >>> h = dt.timedelta(hours=1)
        >>> merged = merge_intervals([(t, t + 2 * h), (t + h, t + 3 * h), (t + 5 * h, t + 6 * h)])
        >>> [(a.hour, b.hour) for a, b in merged]
        [(0, 3), (5, 6)]
    """
    return tuple(
        (_to_datetime(s, dt.UTC), _to_datetime(e, dt.UTC))
        for s, e in _merge(_pairs("intervals", intervals))
    )


def _threshold(value: Any) -> dt.timedelta:
    threshold = check_type("minute_threshold", value, dt.timedelta)
    if not dt.timedelta(0) <= threshold < dt.timedelta(minutes=1):
        raise InvalidInputError(
            "minute_threshold", value, "must be from zero up to (not including) one minute"
        )
    return threshold


@attrs.frozen(kw_only=True)
class DowntimeRule:
    """How the length of downtime is counted.

    Attributes:
        quantum: ``exact`` counts downtime to the microsecond; ``minute``
            counts whole clock minutes (UTC minute boundaries).
        minute_threshold: With ``quantum="minute"``, a clock minute counts as
            a downtime minute only when the downtime inside it is *longer*
            than this (zero: any downtime makes the minute count; 59 seconds:
            practically only full minutes count).

    Examples:
        >>> import datetime as dt
        >>> DowntimeRule(quantum="minute", minute_threshold=dt.timedelta(seconds=30)).quantum
        'minute'
    """

    quantum: DowntimeQuantum = attrs.field(default="exact", validator=one_of(DOWNTIME_QUANTA))
    minute_threshold: dt.timedelta = attrs.field(default=dt.timedelta(0), converter=_threshold)


def _counted(pieces: list[tuple[int, int]], rule: DowntimeRule) -> int:
    """Counted downtime in microseconds for disjoint sorted ``pieces``."""
    if rule.quantum == "exact":
        return sum(e - s for s, e in pieces)
    limit = micros(rule.minute_threshold)
    minutes = 0
    current, inside = -1, 0
    for start, end in pieces:
        cursor = start
        while cursor < end:
            minute = cursor // _MINUTE
            stop = min(end, (minute + 1) * _MINUTE)
            if minute != current:
                if inside > limit:
                    minutes += 1
                current, inside = minute, 0
            inside += stop - cursor
            cursor = stop
    if inside > limit:
        minutes += 1
    return minutes * _MINUTE


def _check_rule(value: Any) -> DowntimeRule:
    return check_type("rule", value, DowntimeRule)


def _downtime_micros(
    period: tuple[int, int],
    outages: list[tuple[int, int]],
    maintenance: list[tuple[int, int]],
    rule: DowntimeRule,
) -> tuple[int, int]:
    """Return (counted downtime, excluded maintenance overlap) in microseconds."""
    low, high = period
    down = _merge(_clip(outages, low, high))
    cuts = _merge(_clip(maintenance, low, high))
    kept = _subtract(down, cuts)
    excluded = sum(e - s for s, e in down) - sum(e - s for s, e in kept)
    counted = min(_counted(kept, rule), high - low)
    return counted, excluded


def downtime(
    period: Interval,
    /,
    *,
    outages: Iterable[Interval],
    maintenance: Iterable[Interval] = (),
    rule: DowntimeRule = DowntimeRule(),
) -> dt.timedelta:
    """Return the qualifying downtime in ``period`` (merged, maintenance removed, quantised).

    Args:
        period: The ``(start, end)`` pair measured, aware datetimes, half-open.
        outages: ``(start, end)`` pairs of downtime.
        maintenance: ``(start, end)`` pairs of announced maintenance, removed
            from the downtime.
        rule: How the downtime is counted (exactly or in clock minutes).

    Returns:
        The counted downtime, never longer than the period.

    Raises:
        InvalidInputError: a pair is not two aware datetimes in order, or the
            period is empty.
        LimitExceededError: an instant outside the supported horizon, or more
            than ``MAX_INTERVALS`` intervals.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
        >>> s = dt.timedelta(seconds=1)
        >>> downtime((t, t + dt.timedelta(days=30)), outages=[(t, t + 90 * s)])
        datetime.timedelta(seconds=90)
        >>> rule = DowntimeRule(quantum="minute")
        >>> downtime((t, t + dt.timedelta(days=30)), outages=[(t, t + 90 * s)], rule=rule)
        datetime.timedelta(seconds=120)
    """
    span, down, cuts, checked = _prepare(period, outages, maintenance, rule)
    counted, _ = _downtime_micros(span, down, cuts, checked)
    return dt.timedelta(microseconds=counted)


def _prepare(
    period: Any, outages: Any, maintenance: Any, rule: Any
) -> tuple[tuple[int, int], list[tuple[int, int]], list[tuple[int, int]], DowntimeRule]:
    span = _pair("period", period)
    if span[0] == span[1]:
        raise InvalidInputError("period", period, "must not be empty")
    return span, _pairs("outages", outages), _pairs("maintenance", maintenance), _check_rule(rule)


def _percent(total: int, counted: int) -> Decimal:
    return percent_down(total - counted, total)


def uptime(
    period: Interval,
    /,
    *,
    outages: Iterable[Interval],
    maintenance: Iterable[Interval] = (),
    rule: DowntimeRule = DowntimeRule(),
) -> Decimal:
    """Return the uptime of ``period`` in percent, rounded down to 6 decimal places.

    ``period`` and every outage and maintenance window are ``(start, end)``
    pairs of aware datetimes, half-open. The period's real length is the
    denominator; maintenance is removed from the downtime only. The ratio is
    computed from integer microseconds and rounded down (toward zero) to
    exactly ``PERCENT_PLACES`` (6) decimal places: 99.99999999 % is reported
    as 99.999999 %, never as 100 %. The ambient ``decimal`` context is never
    used.

    Args:
        period: The ``(start, end)`` pair measured.
        outages: ``(start, end)`` pairs of downtime.
        maintenance: ``(start, end)`` pairs of announced maintenance, removed
            from the downtime.
        rule: How the downtime is counted (exactly or in clock minutes).

    Returns:
        The uptime in percent (99.9 means 99.9 %), with 6 decimal places.

    Raises:
        InvalidInputError: a pair is not two aware datetimes in order, or the
            period is empty.
        LimitExceededError: an instant outside the supported horizon, or more
            than ``MAX_INTERVALS`` intervals.

    Examples:
        >>> import datetime as dt
        >>> start = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
        >>> end = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
        >>> out = (dt.datetime(2026, 4, 3, 10, 0, tzinfo=dt.UTC),
        ...        dt.datetime(2026, 4, 3, 10, 43, 12, tzinfo=dt.UTC))
        >>> uptime((start, end), outages=[out])
        Decimal('99.900000')
        >>> uptime((start, end), outages=[out], maintenance=[out])
        Decimal('100.000000')
    """
    span, down, cuts, checked = _prepare(period, outages, maintenance, rule)
    counted, _ = _downtime_micros(span, down, cuts, checked)
    return _percent(span[1] - span[0], counted)


def _uptime_value(field: str, value: Any) -> Decimal:
    number = to_decimal(field, value)
    if not 0 <= number <= 100:
        raise InvalidInputError(field, value, "must be a percentage from 0 to 100")
    return number


def _uptime_bound(value: Any, field: attrs.Attribute[Any]) -> Decimal:
    # Domain work beyond percent_converter: at most PERCENT_PLACES decimal places.
    name = field.alias or field.name
    return check_places(name, _uptime_value(name, value), value)


@attrs.frozen(kw_only=True)
class CreditTier:
    """One row of a service-credit table: uptime in ``[at_least, below)`` earns a credit.

    Attributes:
        at_least: The lowest uptime of the tier (inclusive), in percent from
            0 to 100, with at most 6 decimal places (the precision of
            [uptime][accountplan.sla.uptime], so the rounded uptime picks the
            same tier as the exact one).
        below: The uptime the tier ends at (exclusive), in percent, with at
            most 6 decimal places; 100 may be given to include 100 itself
            only when ``at_least`` is 100.
        credit_percent: The credit, in percent of the period's charge (10
            means 10 %), from 0 to 100.

    Examples:
        >>> tier = CreditTier(at_least="99.0", below="99.99", credit_percent="10")
        >>> tier.credit_percent
        Decimal('10')
    """

    at_least: Decimal = attrs.field(
        converter=attrs.Converter(_uptime_bound, takes_field=True),  # type: ignore[misc]  # attrs.Converter
    )
    below: Decimal = attrs.field(
        converter=attrs.Converter(_uptime_bound, takes_field=True),  # type: ignore[misc]  # attrs.Converter
    )
    credit_percent: Decimal = attrs.field(converter=percent_converter())  # type: ignore[misc]  # attrs.Converter

    def __attrs_post_init__(self) -> None:
        if self.below <= self.at_least:
            raise InvalidInputError(
                "below", self.below, f"must be above at_least ({self.at_least})"
            )

    def covers(self, value: Decimal, /) -> bool:
        """Return whether an uptime percentage falls in this tier.

        Args:
            value: The uptime, in percent (99.5 means 99.5 %), as
                [uptime][accountplan.sla.uptime] returns it.

        Returns:
            True when ``at_least <= value < below``.

        Raises:
            InvalidTypeError: ``value`` is not a ``Decimal`` or an ``int``
                (a float, a string, ``None``).

        >>> from decimal import Decimal
        >>> tier = CreditTier(at_least="99.0", below="99.9", credit_percent="10")
        >>> tier.covers(Decimal("99.5")), tier.covers(Decimal("99.9"))
        (True, False)
        """
        check_type("value", value, (Decimal, int))
        return self.at_least <= value < self.below


def _check_tiers(tiers: Any) -> tuple[CreditTier, ...]:
    if isinstance(tiers, str | bytes) or not isinstance(tiers, Iterable):
        raise InvalidTypeError("tiers", tiers, "must be a sequence of CreditTier")
    items = tuple(tiers)
    for item in items:
        check_type("tiers", item, CreditTier)
    ordered = sorted(items, key=lambda t: t.at_least)
    for lower, upper in itertools.pairwise(ordered):
        if upper.at_least < lower.below:
            raise InvalidInputError(
                "tiers",
                upper,
                f"overlaps the tier [{lower.at_least}, {lower.below})",
            )
    return items


def _credit_for(value: Decimal, tiers: tuple[CreditTier, ...]) -> Decimal:
    for tier in tiers:
        if tier.covers(value):
            return tier.credit_percent
    return Decimal(0)


def service_credit(
    uptime: Decimal,
    /,
    *,
    tiers: Iterable[CreditTier],
    charge: Money,
    rounding: Rounding = "half_even",
) -> Money:
    """Return the service credit for an uptime percentage: the tier's share of ``charge``.

    The tier whose half-open range ``[at_least, below)`` holds ``uptime``
    applies; no tier means no credit. The credit is
    ``charge * credit_percent / 100``, rounded to the currency's minor unit
    with ``rounding``.

    Args:
        uptime: The uptime in percent (99.95 means 99.95 %), from 0 to 100.
        tiers: The credit table; the tiers must not overlap.
        charge: The period's charge the credit is a share of.
        rounding: How the credit is rounded to the currency's minor unit.

    Returns:
        The credit in the charge's currency (zero when no tier applies).

    Raises:
        InvalidInputError: the uptime is not a percentage, the tiers overlap,
            or the charge is negative.

    Examples:
        >>> from decimal import Decimal
        >>> from accountplan.money import Money
        >>> tiers = [
        ...     CreditTier(at_least="99.0", below="99.99", credit_percent="10"),
        ...     CreditTier(at_least="95.0", below="99.0", credit_percent="30"),
        ...     CreditTier(at_least="0", below="95.0", credit_percent="100"),
        ... ]
        >>> charge = Money(amount="1200", currency="USD")
        >>> service_credit(Decimal("99.95"), tiers=tiers, charge=charge)
        Money(amount=Decimal('120.00'), currency='USD')
    """
    value = _uptime_value("uptime", uptime)
    checked = _check_tiers(tiers)
    check_type("charge", charge, Money)
    if charge.amount < 0:
        raise InvalidInputError("charge", charge, "must not be negative")
    check_choice("rounding", rounding, ROUNDING_MODES)
    percent = _credit_for(value, checked)
    credit: Money = (charge * percent / _HUNDRED).rounded(rounding)
    return credit


@attrs.frozen(kw_only=True)
class MonthAvailability:
    """The availability of one calendar month.

    Attributes:
        start: The first instant of the month in the report's time zone.
        end: The first instant of the next month.
        downtime: The counted downtime (merged, maintenance removed, quantised).
        excluded: Outage time that fell in maintenance windows.
        uptime: The uptime in percent, rounded down to 6 decimal places.
        credit_percent: The credit tier's percentage of the charge, in
            percent (zero if none applies).
        credit: The credit in money, or ``None`` when no charge was given.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        >>> row = MonthAvailability(
        ...     start=t, end=t + dt.timedelta(days=31), downtime=dt.timedelta(0),
        ...     excluded=dt.timedelta(0), uptime=Decimal(100), credit_percent=Decimal(0),
        ... )
        >>> row.credit is None
        True
    """

    start: dt.datetime
    end: dt.datetime
    downtime: dt.timedelta
    excluded: dt.timedelta
    uptime: Decimal
    credit_percent: Decimal
    credit: Money | None = None


@attrs.frozen(kw_only=True)
class AvailabilityReport(Tabular):
    """Availability month by month, with the overall figure.

    As a table (``to_records()``, ``to_pandas()``, notebook reprs) it has one
    row per month: ``month`` (``"2026-03"``), ``start`` and ``end`` (aware
    datetimes in the report's zone), ``downtime`` and ``excluded``
    (timedelta), ``uptime`` and ``credit_percent`` (Decimal, in percent),
    ``credit`` (Decimal, or ``None`` without a charge) and ``currency``
    (``None`` without a charge).

    Attributes:
        timezone: The IANA zone the months are cut in.
        months: One row per month, oldest first.
        uptime: The uptime over all months together (downtime over total
            time), in percent, rounded down to 6 decimal places.
        total_credit: The sum of the monthly credits, or ``None`` without a charge.

    Examples:
        >>> from decimal import Decimal
        >>> AvailabilityReport(timezone="UTC", months=(), uptime=Decimal(100)).months
        ()
    """

    timezone: str
    months: tuple[MonthAvailability, ...]
    uptime: Decimal
    total_credit: Money | None = None

    def _columns(self) -> tuple[Column, ...]:
        return _MONTH_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self.months

    def _record(self, row: Any) -> dict[str, Any]:
        month: MonthAvailability = row
        return {
            "month": f"{month.start.year:04d}-{month.start.month:02d}",
            "start": month.start,
            "end": month.end,
            "downtime": month.downtime,
            "excluded": month.excluded,
            "uptime": month.uptime,
            "credit_percent": month.credit_percent,
            "credit": None if month.credit is None else month.credit.amount,
            "currency": None if month.credit is None else month.credit.currency,
        }

    def _title(self) -> str:
        return f"Availability ({self.timezone}), overall {self.uptime} %"


_MONTH_COLUMNS: tuple[Column, ...] = (
    ("month", "text"),
    ("start", "datetime"),
    ("end", "datetime"),
    ("downtime", "timedelta"),
    ("excluded", "timedelta"),
    ("uptime", "decimal"),
    ("credit_percent", "decimal"),
    ("credit", "decimal"),
    ("currency", "text"),
)


def _month_start(year: int, month: int, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=tz)


def availability_report(
    outages: Iterable[Interval],
    /,
    *,
    first_month: dt.date,
    months: int,
    timezone: str,
    maintenance: Iterable[Interval] = (),
    rule: DowntimeRule = DowntimeRule(),
    tiers: Iterable[CreditTier] = (),
    charge: Money | None = None,
    rounding: Rounding = "half_even",
) -> AvailabilityReport:
    """Report uptime and service credits for ``months`` calendar months.

    Months start at local midnight on the 1st in ``timezone`` (so a month
    with a DST change is an hour shorter or longer in real time). An outage
    that spans a month boundary is split between the months. Each month is
    judged on its own; ``charge`` is the monthly charge the credit is a share of.

    Args:
        outages: ``(start, end)`` pairs of downtime, aware datetimes.
        first_month: The 1st of the first month reported.
        months: How many months to report, from 1 to ``MAX_REPORT_MONTHS``.
        timezone: The IANA zone the months are cut in.
        maintenance: ``(start, end)`` pairs of announced maintenance.
        rule: How the downtime is counted.
        tiers: The credit table (percent of the monthly charge per uptime
            range in percent).
        charge: The monthly charge, or ``None`` for no credits in money.
        rounding: How each credit is rounded to the currency's minor unit.

    Returns:
        One row per month (uptime in percent, rounded down to 6 decimal
        places) and the overall uptime.

    Raises:
        InvalidInputError: bad pairs, an unknown zone, or overlapping tiers.
        LimitExceededError: more than ``MAX_REPORT_MONTHS`` months, a month
            or an instant outside the supported horizon, or more than
            ``MAX_INTERVALS`` intervals.

    Examples:
        >>> import datetime as dt
        >>> out = (dt.datetime(2026, 2, 28, 23, 0, tzinfo=dt.UTC),
        ...        dt.datetime(2026, 3, 1, 1, 0, tzinfo=dt.UTC))
        >>> report = availability_report(
        ...     [out], first_month=dt.date(2026, 2, 1), months=2, timezone="UTC"
        ... )
        >>> [row.downtime for row in report.months]
        [datetime.timedelta(seconds=3600), datetime.timedelta(seconds=3600)]
    """
    check_type("first_month", first_month, dt.date)
    if isinstance(first_month, dt.datetime) or first_month.day != 1:
        raise InvalidInputError("first_month", first_month, "must be the date of a month's 1st")
    check_type("months", months, int)
    if months < 1:
        raise InvalidInputError("months", months, "must be at least 1")
    if months > MAX_REPORT_MONTHS:
        raise LimitExceededError("months", months, MAX_REPORT_MONTHS)
    tz = zone(check_timezone("timezone", timezone))
    if not HORIZON_START.date() <= first_month < HORIZON_END.date():
        raise LimitExceededError(
            "first_month",
            first_month,
            f"{HORIZON_START.isoformat()} up to {HORIZON_END.isoformat()} (excluded)",
            f"is outside the supported horizon, {HORIZON_START.isoformat()} up to "
            f"{HORIZON_END.isoformat()} (excluded)",
        )
    check_instant("first_month", _month_start(first_month.year, first_month.month, tz))
    check_instant("months", _month_start(first_month.year, first_month.month + months, tz))
    down = _pairs("outages", outages)
    cuts = _pairs("maintenance", maintenance)
    checked_rule = _check_rule(rule)
    checked_tiers = _check_tiers(tiers)
    if charge is not None:
        check_type("charge", charge, Money)
        if charge.amount < 0:
            raise InvalidInputError("charge", charge, "must not be negative")
    check_choice("rounding", rounding, ROUNDING_MODES)
    rows: list[MonthAvailability] = []
    total = counted_total = 0
    for offset in range(months):
        start = _month_start(first_month.year, first_month.month + offset, tz)
        end = _month_start(first_month.year, first_month.month + offset + 1, tz)
        span = (_micros(start), _micros(end))
        counted, excluded = _downtime_micros(span, down, cuts, checked_rule)
        percent = _percent(span[1] - span[0], counted)
        credit_percent = _credit_for(percent, checked_tiers)
        credit = None if charge is None else (charge * credit_percent / _HUNDRED).rounded(rounding)
        rows.append(
            MonthAvailability(
                start=start,
                end=end,
                downtime=dt.timedelta(microseconds=counted),
                excluded=dt.timedelta(microseconds=excluded),
                uptime=percent,
                credit_percent=credit_percent,
                credit=credit,
            )
        )
        total += span[1] - span[0]
        counted_total += counted
    total_credit = None
    if charge is not None:
        total_credit = Money.zero(charge.currency)
        for row in rows:
            assert row.credit is not None
            total_credit = total_credit + row.credit
    return AvailabilityReport(
        timezone=timezone,
        months=tuple(rows),
        uptime=_percent(total, counted_total),
        total_credit=total_credit,
    )
