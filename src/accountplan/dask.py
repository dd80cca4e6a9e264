"""The columnar bulk paths over Dask DataFrames (``dask`` extra).

Each function sends the work to the partitions with ``map_partitions``: a
partition builds its own measurements (or bucket totals) from its columns
with [accountplan.frames][accountplan.frames], and only result columns and
totals travel back, never pickled model objects. The results are the
single-process results:

* [evaluate_sla][accountplan.dask.evaluate_sla] gives the rows of
  [evaluate_frame][accountplan.frames.evaluate_frame] (as a Dask DataFrame;
  a ticket's events are brought to its partition by hashing the ticket id,
  so the row order differs: sort by ``ticket_id``, ``metric`` and ``cycle``
  to compare);
* [aging][accountplan.dask.aging] gives the frame of
  [aging_frame][accountplan.frames.aging_frame];
* [compliance][accountplan.dask.compliance] gives the
  [ComplianceReport][accountplan.sla.ComplianceReport] of
  [sla.compliance][accountplan.sla.compliance] for the same measurements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from accountplan.exceptions import MissingDependencyError

try:
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - exercised by tests/test_frames_missing.py in a subprocess
    raise MissingDependencyError("accountplan.dask", "dask") from None

from accountplan._validate import check_aware, check_type
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from accountplan.frames import aging_frame, evaluate_frame
from accountplan.sla import PERCENT_PLACES, ComplianceGroup, ComplianceReport, SlaPolicy
from accountplan.tickets import Priority

__all__ = ["aging", "compliance", "evaluate_sla"]

_PART = "__accountplan_partition__"
_METRICS = (
    "first_response",
    "next_response",
    "resolution",
    "agent_work_time",
    "requester_wait_time",
    "on_hold_time",
)
_KEYS = ("metric", "priority", "policy", "account_number", "channel", "cycle")
_AGGREGATES = ("per_measurement", "per_ticket_last", "per_ticket_any")


def _check_ddf(name: str, value: Any) -> Any:
    if not isinstance(value, dd.DataFrame):
        raise InvalidTypeError(name, type(value).__name__, "must be a dask DataFrame")
    return value


def _by_key(frame: Any, column: str, n: int) -> Any:
    """``frame`` with its rows in ``n`` partitions by a hash of ``column``."""

    def mark(part: pd.DataFrame) -> pd.DataFrame:
        hashed = pd.util.hash_pandas_object(part[column], index=False).to_numpy()
        return part.assign(**{_PART: (hashed % np.uint64(n)).astype(np.int64)})

    meta = frame._meta.assign(**{_PART: np.zeros(0, dtype=np.int64)})
    marked = frame.map_partitions(mark, meta=meta)
    # Task-based shuffling runs on every scheduler (p2p needs a distributed cluster).
    return marked.shuffle(on=_PART, npartitions=n, shuffle_method="tasks")


def _evaluate_part(
    tickets: pd.DataFrame, events: pd.DataFrame, policy: SlaPolicy, as_of: dt.datetime
) -> pd.DataFrame:
    return evaluate_frame(
        tickets.drop(columns=[_PART]), events.drop(columns=[_PART]), policy, as_of=as_of
    )


def evaluate_sla(
    tickets: Any,
    events: Any,
    policy: SlaPolicy,
    /,
    *,
    as_of: dt.datetime,
    npartitions: int | None = None,
    copartitioned: bool = False,
) -> Any:
    """Measure the tickets of two Dask DataFrames, partition by partition.

    The rows of each ticket's events travel to the ticket's partition (both
    frames are partitioned by a hash of the ticket id), then every partition
    runs [evaluate_frame][accountplan.frames.evaluate_frame] on its columns.

    Args:
        tickets: A Dask DataFrame with the columns of a tickets frame (see
            [accountplan.frames][accountplan.frames]).
        events: A Dask DataFrame with the columns of an events frame.
        policy: The [SlaPolicy][accountplan.sla.SlaPolicy].
        as_of: The instant the tickets are looked at (aware).
        npartitions: How many partitions to measure in; the larger of the
            two frames' counts by default.
        copartitioned: The frames are already partitioned by ticket: they
            have the same number of partitions and every ticket's events are
            in the partition of the same number as the ticket (as when both
            were written partition by partition from one source). Nothing is
            shuffled; each pair of partitions is measured as it is.

    Returns:
        A lazy Dask DataFrame with the columns of
        [MEASUREMENT_COLUMNS][accountplan.frames.MEASUREMENT_COLUMNS]; its
        rows are those of ``evaluate_frame`` over the whole frames, grouped
        by partition.

    Raises:
        InvalidTypeError: A frame is not a Dask DataFrame, ``policy`` is not
            an [SlaPolicy][accountplan.sla.SlaPolicy], or ``npartitions`` is
            not an int.
        InvalidInputError: ``as_of`` is naive or ``npartitions`` below 1.
            Errors in the data are raised by ``compute()``, as
            ``evaluate_frame`` raises them.

    Examples:
        >>> import datetime as dt
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> from accountplan.sla import SlaPolicy, SlaTarget
        >>> from accountplan.tickets import Priority
        >>> policy = SlaPolicy(name="24x7", targets_by_priority={Priority.HIGH: [
        ...     SlaTarget(metric="first_response", within=dt.timedelta(hours=1),
        ...               business_hours=False)]})
        >>> tickets = dd.from_pandas(pd.DataFrame({
        ...     "id": ["T-1", "T-2"], "account_number": ["A-1", "A-1"],
        ...     "priority": ["high", "high"],
        ...     "created_at": pd.to_datetime(["2026-03-02T09:00Z", "2026-03-02T10:00Z"], utc=True),
        ... }), npartitions=2)
        >>> events = dd.from_pandas(pd.DataFrame({
        ...     "ticket_id": ["T-1", "T-2"], "kind": ["agent_reply", "agent_reply"],
        ...     "at": pd.to_datetime(["2026-03-02T09:30Z", "2026-03-02T11:30Z"], utc=True),
        ... }), npartitions=1)
        >>> as_of = dt.datetime(2026, 3, 3, tzinfo=dt.UTC)
        >>> out = evaluate_sla(tickets, events, policy, as_of=as_of)
        >>> out.compute(scheduler="sync").sort_values("ticket_id")["state"].tolist()
        ['met', 'breached']
    """
    tickets = _check_ddf("tickets", tickets)
    events = _check_ddf("events", events)
    check_type("policy", policy, SlaPolicy)
    moment = check_aware("as_of", as_of)
    if npartitions is None:
        n = max(tickets.npartitions, events.npartitions)
    else:
        check_type("npartitions", npartitions, int)
        if npartitions < 1:
            raise InvalidInputError("npartitions", npartitions, "must be at least 1")
        n = npartitions
    check_type("copartitioned", copartitioned, bool)
    meta = evaluate_frame(tickets._meta, events._meta, policy, as_of=moment)
    if copartitioned:
        if tickets.npartitions != events.npartitions:
            raise InvalidInputError(
                "copartitioned",
                copartitioned,
                f"needs as many partitions of events ({events.npartitions}) as of tickets "
                f"({tickets.npartitions})",
            )
        return dd.map_partitions(  # type: ignore[no-untyped-call]
            evaluate_frame,
            tickets,
            events,
            policy,
            as_of=moment,
            meta=meta,
            align_dataframes=False,
        )
    left = _by_key(tickets, "id", n)
    right = _by_key(events, "ticket_id", n)
    return dd.map_partitions(  # type: ignore[no-untyped-call]
        _evaluate_part, left, right, policy, moment, meta=meta, align_dataframes=False
    )


def aging(
    items: Any,
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: str = "due_date",
    currency: str | None = None,
) -> pd.DataFrame:
    """Age the open items of a Dask DataFrame: [aging_frame][accountplan.frames.aging_frame] per
    partition, then the per-account totals added up.

    Only each partition's per-account totals travel; the answer is the frame
    ``aging_frame`` gives for all the items at once.

    Args:
        items: A Dask DataFrame with the columns of an items frame (see
            [aging_frame][accountplan.frames.aging_frame]).
        as_of: The day of the report.
        buckets: The bucket bounds in days, upper-inclusive.
        basis: ``due_date`` (default) or ``invoice_date``.
        currency: The currency, when the frame has no ``currency`` column.

    Returns:
        One row per account with an open balance, by account number; amounts
        as ``Decimal``.

    Raises:
        InvalidTypeError: ``items`` is not a Dask DataFrame.
        InvalidInputError: As [aging_frame][accountplan.frames.aging_frame].
        CurrencyMismatchError: Items in several currencies (also across
            partitions).

    Examples:
        >>> import datetime as dt
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> items = dd.from_pandas(pd.DataFrame({
        ...     "number": ["A", "B"], "account_number": ["C-1", "C-1"],
        ...     "issue_date": pd.to_datetime(["2025-02-08", "2024-12-21"]),
        ...     "due_date": pd.to_datetime(["2025-03-10", "2025-01-20"]),
        ...     "total": ["100.00", "50.00"]}), npartitions=2)
        >>> out = aging(items, as_of=dt.date(2025, 3, 1), currency="EUR")
        >>> out[["not_due", "31-60", "total"]].to_numpy().tolist()
        [[Decimal('100.00'), Decimal('50.00'), Decimal('150.00')]]
    """
    items = _check_ddf("items", items)
    options: dict[str, Any] = {"as_of": as_of, "buckets": buckets, "basis": basis}
    # The columns of the answer, from an empty frame (the currency is a placeholder).
    empty = aging_frame(items._meta, currency=currency or "EUR", **options)

    def part(frame: pd.DataFrame) -> pd.DataFrame:
        if not len(frame):
            return empty
        return aging_frame(frame, currency=currency, **options)

    table = items.map_partitions(part, meta=empty).compute()
    codes = sorted(set(table["currency"]))
    if len(codes) > 1:
        raise CurrencyMismatchError(codes[0], codes[1], "age")
    if not len(table):
        if currency is None and "currency" not in items.columns:
            raise InvalidInputError(
                "currency", None, "is needed when the frame has no currency column"
            )
        return empty
    amounts = [c for c in empty.columns if c not in ("account_number", "currency")]
    rows = []
    for account, group in table.groupby("account_number", sort=True):
        row: dict[str, Any] = {"account_number": account, "currency": codes[0]}
        for column in amounts:
            values = group[column].tolist()
            row[column] = sum(values[1:], values[0])
        rows.append(row)
    return pd.DataFrame(rows, columns=list(empty.columns))


# -- compliance ---------------------------------------------------------------------------------


def _percent_down(part: int, whole: int) -> Decimal:
    """``part / whole * 100`` rounded down to ``PERCENT_PLACES`` places (as sla reports it)."""
    scale = 10**PERCENT_PLACES
    return Decimal(part * 100 * scale // whole).scaleb(-PERCENT_PLACES)


def _half_even(numerator: int, denominator: int) -> int:
    quotient, remainder = divmod(numerator, denominator)
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient % 2):
        quotient += 1
    return quotient


def _group(key: tuple[str, ...], counts: Sequence[int], values: list[int]) -> ComplianceGroup:
    met, breached, running, cancelled = counts
    decided = met + breached
    percent = _percent_down(met, decided) if decided else None
    if not values:
        return ComplianceGroup(
            key=key,
            met=met,
            breached=breached,
            running=running,
            cancelled=cancelled,
            percent=percent,
        )
    values = sorted(values)
    n = len(values)
    middle = n // 2
    median = values[middle] if n % 2 else _half_even(values[middle - 1] + values[middle], 2)

    def rank(p: int) -> int:
        return values[max(-(-p * n // 100), 1) - 1]

    us = dt.timedelta(microseconds=1)
    return ComplianceGroup(
        key=key,
        met=met,
        breached=breached,
        running=running,
        cancelled=cancelled,
        percent=percent,
        mean=us * _half_even(sum(values), n),
        median=us * median,
        p90=us * rank(90),
        p95=us * rank(95),
    )


def _tally_part(frame: pd.DataFrame, by: tuple[str, ...], aggregate: str) -> pd.DataFrame:
    """One partition's tallies: (is the ticket's total, group key, state, decided elapsed).

    Per measurement, one row each; per ticket, one row per group and ticket
    and one per ticket for the total (a ticket's rows are all in this
    partition).
    """
    columns = ["total", "key", "state", "elapsed"]
    if not len(frame):
        return pd.DataFrame({name: [] for name in columns})
    key = list(zip(*[frame[field].astype(str).to_numpy() for field in by], strict=True))
    if not by:
        key = [()] * len(frame)
    state = frame["state"].astype(str).to_numpy()
    decided = (np.isin(state, ("met", "breached")) & frame["stop"].notna().to_numpy()).tolist()
    elapsed = frame["elapsed"].to_numpy().astype("timedelta64[us]").astype(np.int64).tolist()
    if aggregate == "per_measurement":
        values = [[e] if d else [] for e, d in zip(elapsed, decided, strict=True)]
        return pd.DataFrame(
            {"total": False, "key": key, "state": state, "elapsed": values}, columns=columns
        )
    metric_rank = frame["metric"].map(_METRICS.index).to_numpy()
    start = pd.DatetimeIndex(frame["start"]).as_unit("us").asi8.tolist()
    cycle = frame["cycle"].to_numpy().astype(np.int64).tolist()
    tickets = frame["ticket_id"].to_numpy(dtype=object)
    order = np.lexsort((cycle, metric_rank)).tolist()
    groups: dict[tuple[bool, Any, Any], list[int]] = {}
    for i in order:
        groups.setdefault((False, key[i], tickets[i]), []).append(i)
        groups.setdefault((True, (), tickets[i]), []).append(i)
    out: list[tuple[bool, Any, str, list[int]]] = []
    for (is_total, group_key, _), rows in groups.items():
        if aggregate == "per_ticket_last":
            last = rows[0]
            for i in rows[1:]:
                if (start[i], cycle[i]) > (start[last], cycle[last]):
                    last = i
            out.append((is_total, group_key, state[last], [elapsed[last]] if decided[last] else []))
            continue
        states = {state[i] for i in rows}
        if "breached" in states:
            combined = "breached"
        elif states & {"running", "paused"}:
            combined = "running"
        elif "met" in states:
            combined = "met"
        else:
            combined = "cancelled"
        out.append((is_total, group_key, combined, [elapsed[i] for i in rows if decided[i]]))
    return pd.DataFrame(out, columns=columns)


def compliance(
    measurements: Any,
    /,
    *,
    by: Iterable[str] = ("metric", "priority"),
    aggregate: str = "per_measurement",
) -> ComplianceReport:
    """[sla.compliance][accountplan.sla.compliance] over a Dask DataFrame of measurements.

    Each partition counts its measurements per group; with the per-ticket
    aggregations the measurements are first brought together by ticket.
    Only the counts and the elapsed times of decided measurements travel.

    Args:
        measurements: A Dask DataFrame with the columns of
            [evaluate_frame][accountplan.frames.evaluate_frame]'s result
            (such as [evaluate_sla][accountplan.dask.evaluate_sla] returns).
        by: The fields to group by: ``metric``, ``priority``, ``policy``,
            ``account_number``, ``channel``, ``cycle``.
        aggregate: ``per_measurement``, ``per_ticket_last`` or ``per_ticket_any``.

    Returns:
        The report ``sla.compliance`` gives for the same measurements.

    Raises:
        InvalidTypeError: ``measurements`` is not a Dask DataFrame.
        InvalidInputError: An unknown ``by`` field or aggregation, or a
            missing column.

    Examples:
        >>> import datetime as dt
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> frame = pd.DataFrame({
        ...     "ticket_id": ["T-1", "T-2"], "metric": ["first_response"] * 2,
        ...     "priority": ["high"] * 2, "cycle": [1, 1], "state": ["met", "breached"],
        ...     "start": pd.to_datetime(["2026-03-02T09:00Z"] * 2, utc=True),
        ...     "stop": pd.to_datetime(["2026-03-02T10:00Z"] * 2, utc=True),
        ...     "elapsed": pd.to_timedelta(["1h", "3h"])})
        >>> report = compliance(dd.from_pandas(frame, npartitions=2))
        >>> report.groups[0].percent, report.total.median
        (Decimal('50.000000'), datetime.timedelta(seconds=7200))
    """
    measurements = _check_ddf("measurements", measurements)
    if isinstance(by, str) or not isinstance(by, Iterable):
        raise InvalidInputError("by", by, "must be a sequence of field names")
    keys = tuple(by)
    for field in keys:
        if field not in _KEYS:
            raise InvalidInputError("by", field, f"must be one of {', '.join(_KEYS)}")
    if aggregate not in _AGGREGATES:
        raise InvalidInputError("aggregate", aggregate, f"must be one of {', '.join(_AGGREGATES)}")
    needed = {"ticket_id", "state", "stop", "elapsed", "start", "cycle", "metric", *keys}
    missing = sorted(needed - set(measurements.columns))
    if missing:
        raise InvalidInputError(
            "measurements", list(measurements.columns), f"is missing the column(s) {missing}"
        )
    source = measurements[sorted(needed)]
    if aggregate != "per_measurement":
        source = _by_key(source, "ticket_id", source.npartitions).drop(columns=[_PART])
    meta = pd.DataFrame({"total": [], "key": [], "state": [], "elapsed": []})
    tallies = source.map_partitions(_tally_part, keys, aggregate, meta=meta).compute()
    return _report(tallies, keys, aggregate)


def _report(tallies: pd.DataFrame, keys: tuple[str, ...], aggregate: str) -> ComplianceReport:
    columns = {"met": 0, "breached": 1, "running": 2, "paused": 2, "cancelled": 3}
    groups: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
    total: tuple[list[int], list[int]] = ([0, 0, 0, 0], [])
    per_measurement = aggregate == "per_measurement"
    for is_total, key, state, values in tallies.itertuples(index=False):
        if is_total or per_measurement:
            total[0][columns[state]] += 1
            total[1].extend(values)
        if not is_total:
            counts, elapsed = groups.setdefault(tuple(key), ([0, 0, 0, 0], []))
            counts[columns[state]] += 1
            elapsed.extend(values)
    ranks: list[Any] = []
    for field in keys:
        if field == "priority":
            ranks.append(lambda v: Priority(v).level)
        elif field == "metric":
            ranks.append(_METRICS.index)
        elif field == "cycle":
            ranks.append(int)
        else:
            ranks.append(str)
    ordered = sorted(groups, key=lambda k: tuple(rank(v) for rank, v in zip(ranks, k, strict=True)))
    return ComplianceReport(
        by=keys,  # type: ignore[arg-type]
        aggregate=aggregate,  # type: ignore[arg-type]
        groups=tuple(_group(k, *groups[k]) for k in ordered),
        total=_group((), *total),
    )
