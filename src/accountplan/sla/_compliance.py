"""Compliance reports over SLA measurements: three aggregations, exact percentages.

* ``per_measurement`` counts every measurement (every cycle) once.
* ``per_ticket_last`` counts each ticket once per group, by its last cycle
  (Jira Service Management's ``breached()``).
* ``per_ticket_any`` counts each ticket once per group, as breached if any
  cycle breached (Jira's ``everBreached()``); otherwise running if a cycle
  still runs, met if a cycle was met, else cancelled.

The percentage is ``met / (met + breached) * 100``, in percent (75 means
75 %): running (and paused) measurements are counted apart and cancelled ones
are excluded, never silently dropped. It is computed from the integer counts
and rounded **down** to ``PERCENT_PLACES`` (6) decimal places, so it never
claims a level that was not reached and never depends on the ambient
``decimal`` context.

Response-time statistics use the elapsed time of the measurements that
stopped (met or breached): the mean and the median (the mean of the two
middle values for an even count), both rounded to the microsecond with ties
to even, and the 90th and 95th percentiles by the **nearest-rank** method:
the smallest value with at least p% of the values at or below it,
``sorted[ceil(p/100 * n) - 1]``, always an observed value.

Groups come in a meaningful order, field by field of ``by``: ``priority`` by
level (Critical first, Planning last), ``metric`` in the order of the metrics'
definition (``first_response``, ``next_response``, ``resolution``,
``agent_work_time``, ``requester_wait_time``, ``on_hold_time``), ``cycle``
numerically, and ``policy``, ``account_number`` and ``channel``
alphabetically (by code point).

Calendar periods are keys too: ``month`` (``"2026-03"``), ``quarter``
(``"2026-Q1"``) and ``week`` (the ISO week, ``"2026-W09"``, weeks starting on
Monday), of the instant each measurement's clock started (its ``start``) in
the time zone you pass as ``tz=`` (an IANA name; never the machine's zone).
Period groups come in time order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountplan._tables import Column, Tabular
from accountplan._typing import (
    COMPLIANCE_AGGREGATES,
    COMPLIANCE_KEYS,
    SLA_METRICS,
    ComplianceAggregate,
    ComplianceKey,
)
from accountplan._units import micros
from accountplan._validate import check_choice, check_timezone, check_type, zone
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.sla._measurement import SlaMeasurement
from accountplan.sla._numbers import half_even, percent_down
from accountplan.tickets import Priority

__all__ = [
    "ComplianceGroup",
    "ComplianceReport",
    "compliance",
    "percentile",
]

_RUNNING = frozenset({"running", "paused"})
_PERIODS = frozenset({"month", "week", "quarter"})
_GROUP_COLUMNS: tuple[Column, ...] = (
    ("met", "int"),
    ("breached", "int"),
    ("running", "int"),
    ("cancelled", "int"),
    ("total", "int"),
    ("percent", "decimal"),
    ("mean", "timedelta"),
    ("median", "timedelta"),
    ("p90", "timedelta"),
    ("p95", "timedelta"),
)


@attrs.frozen(kw_only=True)
class ComplianceGroup:
    """The counts, percentage and response-time statistics of one group.

    Attributes:
        key: The group's values, in the order of the report's ``by`` (the
            priority as its value, the cycle as digits); empty for the total.
        met: Measurements (or tickets) that met the target.
        breached: Those that breached it, including running ones already
            past their deadline.
        running: Those still running or paused, within the target so far.
        cancelled: Those cancelled (excluded from the percentage).
        percent: ``met / (met + breached) * 100`` in percent (75 means 75 %),
            rounded down to 6 decimal places; ``None`` when nothing was
            decided yet.
        mean: Mean elapsed time of the decided measurements (to the
            microsecond, ties to even), or ``None``.
        median: Median elapsed time (the mean of the two middle values for an
            even count, to the microsecond, ties to even), or ``None``.
        p90: 90th percentile (nearest rank), or ``None``.
        p95: 95th percentile (nearest rank), or ``None``.

    Examples:
        >>> ComplianceGroup(key=("resolution",), met=3, breached=1, running=0, cancelled=0,
        ...                 percent=None).met
        3
    """

    key: tuple[str, ...]
    met: int
    breached: int
    running: int
    cancelled: int
    percent: Decimal | None
    mean: dt.timedelta | None = None
    median: dt.timedelta | None = None
    p90: dt.timedelta | None = None
    p95: dt.timedelta | None = None

    @property
    def total(self) -> int:
        """Every measurement (or ticket) in the group, cancelled included."""
        return self.met + self.breached + self.running + self.cancelled


@attrs.frozen(kw_only=True)
class ComplianceReport(Tabular):
    """Compliance per group, plus the total over all groups.

    As a table (``to_records()``, ``to_pandas()``, notebook reprs) it has one
    row per group: a text column per ``by`` field (named after the field),
    then ``met``, ``breached``, ``running``, ``cancelled`` and ``total``
    (int), ``percent`` (Decimal in percent, or ``None``), and ``mean``,
    ``median``, ``p90`` and ``p95`` (timedelta or ``None``). The total over
    every group stays in ``total``.

    Attributes:
        by: The measurement fields the groups are keyed by.
        aggregate: How measurements were counted.
        groups: One row per group, in the order of the ``by`` fields: priority
            by level (Critical first), metric in definition order, cycle
            numerically, calendar periods in time order, other fields
            alphabetically.
        total: The same figures over everything.
        tz: The IANA time zone of the calendar periods, or ``None`` when the
            report is not grouped by a period.

    Examples:
        >>> report = compliance([])
        >>> report.groups, report.total.percent
        ((), None)
        >>> report.to_records()
        []
    """

    by: tuple[ComplianceKey, ...]
    aggregate: ComplianceAggregate
    groups: tuple[ComplianceGroup, ...]
    total: ComplianceGroup
    tz: str | None = None

    def _columns(self) -> tuple[Column, ...]:
        return (*((field, "text") for field in self.by), *_GROUP_COLUMNS)

    def _rows(self) -> Sequence[Any]:
        return self.groups

    def _record(self, row: Any) -> dict[str, Any]:
        group: ComplianceGroup = row
        record: dict[str, Any] = dict(zip(self.by, group.key, strict=True))
        record.update(
            met=group.met,
            breached=group.breached,
            running=group.running,
            cancelled=group.cancelled,
            total=group.total,
            percent=group.percent,
            mean=group.mean,
            median=group.median,
            p90=group.p90,
            p95=group.p95,
        )
        return record

    def _title(self) -> str:
        return f"SLA compliance ({self.aggregate})"


def percentile(values: Sequence[int], p: int, /) -> int:
    """Return the nearest-rank ``p``-th percentile of sorted, non-empty ``values``.

    The nearest rank is the smallest value with at least ``p`` percent of the
    values at or below it, ``values[ceil(p / 100 * n) - 1]``: always an
    observed value. ``p`` is in percent (90 means the 90th percentile);
    ``p=0`` gives the smallest value and ``p=100`` the largest.

    Args:
        values: Integers (the compliance report uses microseconds) in
            ascending order; at least one.
        p: The percentile, an integer from 0 to 100 (percent).

    Returns:
        The value at the nearest rank.

    Raises:
        InvalidInputError: ``values`` is empty, not a sequence of integers or
            not in ascending order (there is no percentile of nothing: an
            empty input is an error, not ``None``), or ``p`` is not an integer
            from 0 to 100.

    Examples:
        >>> percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)
        90
        >>> percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)
        100
        >>> percentile([], 90)
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 'values' must not be empty (got [])
    """
    raw: Any = values
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raise InvalidTypeError("values", values, "must be a sequence of integers")
    if not values:
        raise InvalidInputError("values", values, "must not be empty")
    raw_p: Any = p
    if isinstance(raw_p, bool) or not isinstance(raw_p, int):
        raise InvalidTypeError("p", p, "must be an integer from 0 to 100 (percent)")
    if not 0 <= raw_p <= 100:
        raise InvalidInputError("p", p, "must be an integer from 0 to 100 (percent)")
    previous: Any = None
    for index, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"values[{index}]", value, "must be an integer")
        if previous is not None and value < previous:
            raise InvalidInputError(
                f"values[{index}]", value, f"must not be below the value before it ({previous})"
            )
        previous = value
    return _nearest_rank(values, p)


def _nearest_rank(values: Sequence[int], p: int) -> int:
    """The nearest-rank percentile of checked, sorted, non-empty ``values``."""
    rank = -(-p * len(values) // 100)  # ceil(p/100 * n) in integers
    return values[max(rank, 1) - 1]


#: The rank of each metric: the order of their definition.
_METRIC_RANK = {metric: rank for rank, metric in enumerate(SLA_METRICS)}
#: The rank of each priority value: its level (Critical is 1).
_PRIORITY_RANK = {priority.value: priority.level for priority in Priority}


def _sort_key(fields: tuple[str, ...]) -> Any:
    """The sort key of a group key: each field in its documented order."""
    rankers: list[Any] = []
    for field in fields:
        if field == "priority":
            rankers.append(_PRIORITY_RANK.__getitem__)
        elif field == "metric":
            rankers.append(_METRIC_RANK.__getitem__)
        elif field == "cycle":
            rankers.append(int)
        else:
            rankers.append(str)

    def key(values: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(rank(value) for rank, value in zip(rankers, values, strict=True))

    return key


def _period(moment: dt.datetime, field: str, tz: dt.tzinfo) -> str:
    """The label of the calendar period holding ``moment`` in ``tz``."""
    local = moment.astimezone(tz)
    if field == "month":
        return f"{local.year:04d}-{local.month:02d}"
    if field == "quarter":
        return f"{local.year:04d}-Q{(local.month - 1) // 3 + 1}"
    year, week, _ = local.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _key_value(measurement: SlaMeasurement, field: str, tz: dt.tzinfo | None = None) -> str:
    if field in _PERIODS:
        assert tz is not None
        return _period(measurement.start, field, tz)
    value: Any = getattr(measurement, field)
    if field == "priority":
        return str(value.value)
    return str(value)


class _Tally:
    __slots__ = ("breached", "cancelled", "elapsed", "met", "running")

    def __init__(self) -> None:
        self.met = self.breached = self.running = self.cancelled = 0
        self.elapsed: list[int] = []

    def add(self, state: str, elapsed: int | None) -> None:
        if state == "met":
            self.met += 1
        elif state == "breached":
            self.breached += 1
        elif state == "cancelled":
            self.cancelled += 1
        else:
            self.running += 1
        if elapsed is not None:
            self.elapsed.append(elapsed)

    def group(self, key: tuple[str, ...]) -> ComplianceGroup:
        decided = self.met + self.breached
        percent = percent_down(self.met, decided) if decided else None
        values = sorted(self.elapsed)
        if not values:
            return ComplianceGroup(
                key=key,
                met=self.met,
                breached=self.breached,
                running=self.running,
                cancelled=self.cancelled,
                percent=percent,
            )
        n = len(values)
        middle = n // 2
        median = values[middle] if n % 2 else half_even(values[middle - 1] + values[middle], 2)
        return ComplianceGroup(
            key=key,
            met=self.met,
            breached=self.breached,
            running=self.running,
            cancelled=self.cancelled,
            percent=percent,
            mean=dt.timedelta(microseconds=half_even(sum(values), n)),
            median=dt.timedelta(microseconds=median),
            p90=dt.timedelta(microseconds=_nearest_rank(values, 90)),
            p95=dt.timedelta(microseconds=_nearest_rank(values, 95)),
        )


def _decided_elapsed(measurement: SlaMeasurement) -> int | None:
    if measurement.stop is not None and measurement.state in ("met", "breached"):
        return micros(measurement.elapsed)
    return None


def _combine_any(states: list[str]) -> str:
    if "breached" in states:
        return "breached"
    if _RUNNING.intersection(states):
        return "running"
    if "met" in states:
        return "met"
    return "cancelled"


def compliance(
    measurements: Iterable[SlaMeasurement],
    /,
    *,
    by: Iterable[ComplianceKey] = ("metric", "priority"),
    aggregate: ComplianceAggregate = "per_measurement",
    tz: str | None = None,
) -> ComplianceReport:
    """Count met, breached, running and cancelled measurements per group.

    ``by`` names measurement fields: ``metric``, ``priority``, ``policy``,
    ``account_number``, ``channel`` and ``cycle``, or calendar periods of
    the measurement's ``start``: ``month`` (``"2026-03"``), ``quarter``
    (``"2026-Q1"``) and ``week`` (ISO, ``"2026-W09"``), counted in the time
    zone ``tz``, which a period needs. With the per-ticket
    aggregations a ticket counts once per group (its cycles are combined).
    Response-time statistics (mean, median, p90, p95) use the elapsed time of
    the decided measurements (per ticket: of the cycle chosen, or for
    ``per_ticket_any`` of every decided cycle).

    Args:
        measurements: The measurements to count (from
            [evaluate][accountplan.sla.evaluate] or
            [evaluate_many][accountplan.sla.evaluate_many]).
        by: The measurement fields or calendar periods to group by, in order.
        aggregate: ``per_measurement``, ``per_ticket_last`` or ``per_ticket_any``.
        tz: The IANA time zone of the calendar periods (such as
            ``"Europe/Amsterdam"``); needed when ``by`` has a period, refused
            otherwise.

    Returns:
        The groups in a documented order (priority by level with Critical
        first, metric in definition order, cycle numerically, other fields
        alphabetically), each with its percentage in percent rounded down to
        6 decimal places, and the total.

    Raises:
        InvalidInputError: an unknown ``by`` field or aggregation, an item
            that is not a measurement, a period without ``tz``, a ``tz``
            without a period, or an unknown time zone.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.sla import SlaPolicy, SlaTarget, evaluate
        >>> from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
        >>> t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        >>> policy = SlaPolicy(name="P", targets_by_priority={Priority.LOW: [
        ...     SlaTarget(metric="first_response", within=dt.timedelta(hours=2),
        ...               business_hours=False)]})
        >>> def ticket(n: int, hours: int) -> Ticket:
        ...     reply = TicketEvent(at=t0 + dt.timedelta(hours=hours),
        ...                         kind=TicketEventKind.AGENT_REPLY)
        ...     return Ticket(id=f"T-{n}", account_number="A", priority=Priority.LOW,
        ...                   created_at=t0, events=[reply])
        >>> found = [m for n, h in enumerate([1, 2, 3, 2])
        ...          for m in evaluate(ticket(n, h), policy, as_of=t0 + dt.timedelta(days=1))]
        >>> report = compliance(found)
        >>> row = report.groups[0]
        >>> row.key, row.met, row.breached, row.percent
        (('first_response', 'low'), 3, 1, Decimal('75.000000'))
        >>> row.median, row.p95
        (datetime.timedelta(seconds=7200), datetime.timedelta(seconds=10800))
        >>> [(g.key, g.met) for g in compliance(found, by=["month"], tz="Europe/Amsterdam").groups]
        [(('2026-03',), 3)]
    """
    if isinstance(by, str) or not isinstance(by, Iterable):
        raise InvalidTypeError("by", by, "must be a sequence of field names")
    keys = tuple(check_choice("by", field, COMPLIANCE_KEYS) for field in by)
    check_choice("aggregate", aggregate, COMPLIANCE_AGGREGATES)
    periods = [field for field in keys if field in _PERIODS]
    zone_info: dt.tzinfo | None = None
    if tz is not None:
        tz = check_timezone("tz", tz)
        zone_info = zone(tz)
        if not periods:
            raise InvalidInputError("tz", tz, "is only used with a month, week or quarter in 'by'")
    elif periods:
        raise InvalidInputError(
            "tz", None, f"is needed to group by {periods[0]} (an IANA time zone name)"
        )
    raw: Any = measurements
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError("measurements", measurements, "must be a sequence")
    groups: dict[tuple[str, ...], _Tally] = {}
    total = _Tally()
    if aggregate == "per_measurement":
        for item in measurements:
            check_type("measurements", item, SlaMeasurement)
            key = tuple(_key_value(item, field, zone_info) for field in keys)
            elapsed = _decided_elapsed(item)
            groups.setdefault(key, _Tally()).add(item.state, elapsed)
            total.add(item.state, elapsed)
    else:
        per_ticket: dict[tuple[tuple[str, ...], str], list[SlaMeasurement]] = {}
        for item in measurements:
            check_type("measurements", item, SlaMeasurement)
            key = tuple(_key_value(item, field, zone_info) for field in keys)
            per_ticket.setdefault((key, item.ticket_id), []).append(item)
        totals: dict[str, list[SlaMeasurement]] = {}
        for (key, ticket_id), items in per_ticket.items():
            _add_ticket(groups.setdefault(key, _Tally()), items, aggregate)
            totals.setdefault(ticket_id, []).extend(items)
        for items in totals.values():
            _add_ticket(total, items, aggregate)
    rows = tuple(groups[key].group(key) for key in sorted(groups, key=_sort_key(keys)))
    return ComplianceReport(
        by=keys,  # type: ignore[arg-type]
        aggregate=aggregate,
        groups=rows,
        total=total.group(()),
        tz=tz,
    )


def _add_ticket(tally: _Tally, items: list[SlaMeasurement], aggregate: str) -> None:
    if aggregate == "per_ticket_last":
        last = max(items, key=lambda m: (m.start, m.cycle))
        tally.add(last.state, _decided_elapsed(last))
        return
    tally.add(_combine_any([m.state for m in items]), None)
    for m in items:
        elapsed = _decided_elapsed(m)
        if elapsed is not None:
            tally.elapsed.append(elapsed)
