"""Benchmark business time: accountplan against workclock, pandas, businesstime and a day walk.

Run: python benchmarks/bench_calendars.py [--n 5000] [--repeat 5] [--zones 100]

The calendar is a realistic office: Europe/Amsterdam, Monday to Friday
09:00-17:00, Dutch public holidays 2024-2028 from the ``holidays`` package.
Queries are random starts in 2024-2027 with spans of 1 to 30 days. The script
checks that the answers agree where the semantics agree, then prints
microseconds per call (best of ``--repeat`` runs, one core) and the ratios.
Needs the ``bench`` extra.

A shared machine speeds up and slows down while the script runs, which moves
figures taken one library after the other. The comparison with workclock is
therefore also run interleaved: ``--rounds`` rounds, each timing both
libraries on the same queries one after the other (the order alternating),
reported as the median of the per-round ratios and their lowest and highest.

It also times loading ``--zones`` calendars in as many distinct IANA zones
from JSON plus one ``elapsed`` each: the cost of a policy set with many
zones, dominated by reading each zone's UTC-offset changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import random
import statistics
import sys
import time
import zoneinfo
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import businesstime
import holidays
import pandas as pd
import workclock  # type: ignore[import-not-found,unused-ignore]

from accountplan.calendars import BusinessCalendar, CalendarIndex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import calendar_oracle

AMS = ZoneInfo("Europe/Amsterdam")


def best_of(repeat: int, func: Callable[[], Any], n: int) -> float:
    """Best wall time per call in microseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best / n * 1e6


def interleaved(
    rounds: int, ours: Callable[[], Any], theirs: Callable[[], Any], n: int
) -> tuple[float, float, float, float, float]:
    """Time two jobs alternately, ``rounds`` times; medians and the spread of the ratios.

    Returns our median µs/call, theirs, and the median, lowest and highest of
    the per-round ratios theirs / ours (above 1: accountplan is faster).
    """
    mine: list[float] = []
    other: list[float] = []
    for round_number in range(rounds):
        order = (ours, theirs) if round_number % 2 == 0 else (theirs, ours)
        timed: dict[Callable[[], Any], float] = {}
        for job in order:
            start = time.perf_counter()
            job()
            timed[job] = (time.perf_counter() - start) / n * 1e6
        mine.append(timed[ours])
        other.append(timed[theirs])
    ratios = [b / a for a, b in zip(mine, other, strict=True)]
    return (
        statistics.median(mine),
        statistics.median(other),
        statistics.median(ratios),
        min(ratios),
        max(ratios),
    )


def zones_load_seconds(count: int) -> float:
    """Seconds to load ``count`` calendars in distinct zones from JSON and ask each once."""
    from accountplan.serialization import from_json, to_json

    keys = sorted(
        key
        for key in zoneinfo.available_timezones()
        if "/" in key and not key.startswith(("Etc/", "SystemV/", "US/"))
    )[:count]
    hours = {d: [("09:00", "17:00")] for d in range(5)}
    texts = [
        to_json(BusinessCalendar.weekly("UTC", hours=hours)).replace('"UTC"', f'"{key}"')
        for key in keys
    ]
    a = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    b = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    start = time.perf_counter()
    for text in texts:
        from_json(text, BusinessCalendar).elapsed(a, b)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds")
    parser.add_argument("--oracle-n", type=int, default=300)
    parser.add_argument("--zones", type=int, default=100)
    parser.add_argument("--zones-only", action="store_true")
    args = parser.parse_args(argv)
    print(f"{args.zones} calendars in distinct zones from JSON + one elapsed each: ", end="")
    print(f"{zones_load_seconds(args.zones):.3f} s")
    if args.zones_only:
        return
    n = args.n
    rng = random.Random(20261123)

    nl = holidays.country_holidays("NL", years=range(2024, 2029))
    days = sorted(nl)
    hours = {d: [("09:00", "17:00")] for d in range(5)}
    ours = BusinessCalendar.weekly("Europe/Amsterdam", hours=hours, holidays=days)
    theirs = workclock.Schedule(
        [
            workclock.WorkDay(dt.time(9), dt.time(17), range(5)),
            workclock.Holidays(days),
        ],
        time_zone="Europe/Amsterdam",
    )
    bt = businesstime.BusinessTime(
        business_hours=(dt.time(9), dt.time(17)), weekends=(5, 6), holidays=days
    )
    cbh = pd.offsets.CustomBusinessHour(start="09:00", end="17:00", holidays=days)

    origin = dt.datetime(2024, 1, 1, tzinfo=AMS)
    starts = [origin + dt.timedelta(minutes=rng.randrange(4 * 365 * 1440)) for _ in range(n)]
    starts = [s.astimezone(AMS) for s in starts]
    ends = [
        (s + dt.timedelta(minutes=rng.randrange(1440, 30 * 1440))).astimezone(AMS) for s in starts
    ]
    durations = [dt.timedelta(seconds=rng.randrange(3600, 30 * 8 * 3600)) for _ in range(n)]
    whole_hours = [rng.randrange(1, 30 * 8) for _ in range(n)]

    # -- agreement -------------------------------------------------------------------
    utc = dt.UTC
    mismatch = sum(
        ours.elapsed(a, b) != theirs.between(a, b) for a, b in zip(starts, ends, strict=True)
    )
    mismatch += sum(
        ours.add(a, d).astimezone(utc) != theirs.add(a, d).astimezone(utc)
        for a, d in zip(starts, durations, strict=True)
    )
    print(f"accountplan vs workclock: {mismatch} disagreements in {2 * n:,} answers")
    k = args.oracle_n
    mismatch = sum(
        ours.elapsed(a, b) != calendar_oracle.elapsed(ours, a, b)
        for a, b in zip(starts[:k], ends[:k], strict=True)
    )
    print(f"accountplan vs day-walk oracle: {mismatch} disagreements in {k:,} answers")
    naive_pairs = [
        (a.replace(tzinfo=None), b.replace(tzinfo=None)) for a, b in zip(starts, ends, strict=True)
    ]
    day = dt.timedelta(hours=8)  # businesstime reports a full business day as 1 "day"

    def bt_hours(td: dt.timedelta) -> dt.timedelta:
        return td.days * day + dt.timedelta(seconds=td.seconds, microseconds=td.microseconds)

    bt_diff = sum(
        ours.elapsed(a, b) != bt_hours(bt.businesstimedelta(na, nb))
        for (a, b), (na, nb) in zip(zip(starts, ends, strict=True), naive_pairs, strict=True)
    )
    print(
        f"accountplan vs businesstime: {bt_diff} disagreements in {n:,} answers "
        "(businesstime ignores time zones and mishandles some after-hours spans)"
    )
    pd_starts = [pd.Timestamp(a) for a in starts]
    pd_diff = sum(
        ours.add(a, dt.timedelta(hours=h)).astimezone(utc)
        != (p + h * cbh).to_pydatetime().astimezone(utc)
        for a, p, h in zip(starts[:k], pd_starts[:k], whole_hours[:k], strict=True)
        if ours.is_open(a)
    )
    print(f"accountplan vs pandas (whole hours from open instants): {pd_diff} disagreements")

    # -- timing ----------------------------------------------------------------------
    pairs = list(zip(starts, ends, strict=True))
    adds = list(zip(starts, durations, strict=True))
    hour_adds = list(zip(pd_starts, whole_hours, strict=True))
    rows: list[tuple[str, float, float]] = []

    def run_ours_elapsed() -> None:
        for a, b in pairs:
            ours.elapsed(a, b)

    def run_ours_add() -> None:
        for a, d in adds:
            ours.add(a, d)

    index = CalendarIndex(ours)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    micro = dt.timedelta(microseconds=1)
    index_pairs = [((a - epoch) // micro, (b - epoch) // micro) for a, b in pairs]
    index_adds = [((a - epoch) // micro, d // micro) for a, d in adds]
    for (begin, end), (ua, ub) in zip(pairs[:k], index_pairs[:k], strict=True):
        first, second = index.positions_us([ua, ub])
        assert ours.elapsed(begin, end) == (second - first) * micro, (begin, end)

    def run_index_elapsed() -> None:
        # The instants already in microseconds: what a bulk caller (SLA measuring) does.
        for ua, ub in index_pairs:
            index.positions_us([ua, ub])

    def run_index_add() -> None:
        for ua, d in index_adds:
            index.instant_us(index.position_us(ua) + d, hint_us=ua)

    def run_wc_elapsed() -> None:
        for a, b in pairs:
            theirs.between(a, b)

    def run_wc_add() -> None:
        for a, d in adds:
            theirs.add(a, d)

    def run_bt_elapsed() -> None:
        for a, b in naive_pairs:
            bt.businesstimedelta(a, b)

    m = max(1, n // 10)

    def run_pd_add() -> None:
        for p, h in hour_adds[:m]:
            p + h * cbh

    def run_oracle_elapsed() -> None:
        for a, b in pairs[:k]:
            calendar_oracle.elapsed(ours, a, b)

    def run_oracle_add() -> None:
        for a, d in adds[:k]:
            calendar_oracle.add(ours, a, d)

    rep = args.repeat
    rows.append(("accountplan", best_of(rep, run_ours_elapsed, n), best_of(rep, run_ours_add, n)))
    rows.append(
        (
            "accountplan CalendarIndex (µs in, µs out)",
            best_of(rep, run_index_elapsed, n),
            best_of(rep, run_index_add, n),
        )
    )
    rows.append(("workclock 0.1.2", best_of(rep, run_wc_elapsed, n), best_of(rep, run_wc_add, n)))
    rows.append(("businesstime 0.3.0", best_of(2, run_bt_elapsed, n), float("nan")))
    rows.append(("pandas CustomBusinessHour", float("nan"), best_of(2, run_pd_add, m)))
    rows.append(
        ("day-walk oracle", best_of(1, run_oracle_elapsed, k), best_of(1, run_oracle_add, k))
    )

    print()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, n = {n:,}, best of {rep}"
    )
    print(f"pandas {pd.__version__}, holidays {version('holidays')}")
    print()
    print("| library | elapsed µs/call | add µs/call | elapsed ratio | add ratio |")
    print("|---|---:|---:|---:|---:|")
    base_e, base_a = rows[0][1], rows[0][2]
    for name, e, a in rows:
        e_text = "n/a" if math.isnan(e) else f"{e:.2f}"
        a_text = "n/a" if math.isnan(a) else f"{a:.2f}"
        re_text = "n/a" if math.isnan(e) else f"{e / base_e:.1f}x"
        ra_text = "n/a" if math.isnan(a) else f"{a / base_a:.1f}x"
        print(f"| {name} | {e_text} | {a_text} | {re_text} | {ra_text} |")

    print()
    print(f"Interleaved with workclock, {args.rounds} rounds (medians; ratio = workclock / ours):")
    print()
    print("| call | accountplan µs | workclock µs | ratio (median) | ratio (lowest-highest) |")
    print("|---|---:|---:|---:|---:|")
    for label, our_job, their_job in (
        ("elapsed", run_ours_elapsed, run_wc_elapsed),
        ("add", run_ours_add, run_wc_add),
    ):
        a, b, median, low, high = interleaved(args.rounds, our_job, their_job, n)
        print(f"| {label} | {a:.2f} | {b:.2f} | {median:.2f}x | {low:.2f}-{high:.2f}x |")


if __name__ == "__main__":
    main()
