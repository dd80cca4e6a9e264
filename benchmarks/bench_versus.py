"""Compare two checkouts of accountplan on the calendar and SLA jobs, alternating.

Run: python benchmarks/bench_versus.py OLD_TREE NEW_TREE [--rounds 5]

Each tree is a checkout (a ``git worktree`` of an older commit, for example).
The script runs one fresh process per tree and round, the order alternating,
so that both sides see the same load on a shared machine; each process imports
accountplan from its tree's ``src/`` and that tree's own
``benchmarks/bench_sla.py`` (its synthetic tickets and policies), and reports
CPU time (``time.process_time``):

* ``elapsed`` and ``add`` on an Amsterdam office calendar with Dutch holidays
  2024-2028 (10,000 random queries, best of five, microseconds per call), as
  in ``bench_calendars.py``;
* ``evaluate_many`` over 20,000 tickets of a pool of 10,000 with each policy
  of ``bench_sla.py`` (best of three, microseconds per ticket).

It prints the median and the best of each figure per tree and the ratios
NEW / OLD: of the medians, of the bests, and per round (each round runs the
two trees back to back, so their ratio sees the same load; the median of
those paired ratios and their spread are the steadiest figure on a shared
machine). Needs the ``holidays`` package (the ``bench`` extra). Not part of
the test suite.

``--bytecodes`` counts instead of timing: in one process per tree it runs
``evaluate_many`` over ``--tickets`` tickets (default 20,000) with each policy under
``sys.settrace`` and prints the Python bytecodes executed per ticket, in total
and for the functions that execute the most. The count does not depend on
the machine's load, so it shows a difference of a few per cent that timings
on a shared machine cannot.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gc
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo


def load_bench(tree: str) -> Any:
    """Import accountplan from ``tree`` and that tree's ``bench_sla`` module."""
    sys.path.insert(0, os.path.join(tree, "src"))
    path = os.path.join(tree, "benchmarks", "bench_sla.py")
    spec = importlib.util.spec_from_file_location("bench_sla", path)
    assert spec is not None
    assert spec.loader is not None
    bench: Any = importlib.util.module_from_spec(spec)
    sys.modules["bench_sla"] = bench
    spec.loader.exec_module(bench)
    import accountplan

    if not os.path.abspath(accountplan.__file__).startswith(os.path.abspath(tree)):
        raise SystemExit(f"accountplan was imported from {accountplan.__file__}, not {tree}")
    return bench


def count(tree: str, tickets: int) -> dict[str, dict[str, float]]:
    """Bytecodes executed per ticket by ``evaluate_many``, per policy: total and by function."""
    bench = load_bench(tree)
    rng = random.Random(20261123)
    pool = [bench.synthetic_ticket(rng, k) for k in range(10_000)]
    as_of = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    out: dict[str, dict[str, float]] = {}
    for name, policy in bench.POLICIES.items():
        bench.run(pool, 1_000, as_of, policy)
        counts: collections.Counter[str] = collections.Counter()

        def tracer(
            frame: Any, event: str, _arg: Any, counts: collections.Counter[str] = counts
        ) -> Any:
            frame.f_trace_opcodes = True
            if event == "opcode":
                counts[frame.f_code.co_name] += 1
            return tracer

        sys.settrace(tracer)
        try:
            bench.run(pool, tickets, as_of, policy)
        finally:
            sys.settrace(None)
        per_ticket = {key: value / tickets for key, value in counts.items()}
        per_ticket["total"] = sum(counts.values()) / tickets
        out[name] = per_ticket
    return out


def compare_bytecodes(old: str, new: str, tickets: int) -> None:
    """Print the bytecodes per ticket of both trees, side by side."""
    found = {}
    for tree in (old, new):
        output = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, old, new, "--count", tree, "--tickets", str(tickets)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        found[tree] = json.loads(output.strip().splitlines()[-1])
    for policy in found[old]:
        before, after = found[old][policy], found[new][policy]
        print(f"\n{policy}: bytecodes per ticket, {tickets:,} tickets")
        print("\n| function | old | new |")
        print("|---|---:|---:|")
        names = sorted(
            set(before) | set(after), key=lambda k: -max(before.get(k, 0), after.get(k, 0))
        )
        for key in names[:12]:
            print(f"| {key} | {before.get(key, 0):.1f} | {after.get(key, 0):.1f} |")
        ratio = after["total"] / before["total"]
        print(f"\nnew / old: {ratio:.3f}")


def measure(tree: str) -> dict[str, float]:
    """The figures of one process that imports accountplan from ``tree``."""
    bench = load_bench(tree)
    import holidays

    from accountplan.calendars import BusinessCalendar

    amsterdam = ZoneInfo("Europe/Amsterdam")
    rng = random.Random(20261123)
    days = sorted(holidays.country_holidays("NL", years=range(2024, 2029)))
    hours = {weekday: [("09:00", "17:00")] for weekday in range(5)}
    calendar = BusinessCalendar.weekly("Europe/Amsterdam", hours=hours, holidays=days)
    n = 10_000
    origin = dt.datetime(2024, 1, 1, tzinfo=amsterdam)
    starts = [
        (origin + dt.timedelta(minutes=rng.randrange(4 * 365 * 1440))).astimezone(amsterdam)
        for _ in range(n)
    ]
    ends = [
        (start + dt.timedelta(minutes=rng.randrange(1440, 30 * 1440))).astimezone(amsterdam)
        for start in starts
    ]
    durations = [dt.timedelta(seconds=rng.randrange(3600, 30 * 8 * 3600)) for _ in range(n)]
    pool = [bench.synthetic_ticket(rng, k) for k in range(10_000)]
    gc.freeze()
    as_of = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)

    def cpu(job: Callable[[], object]) -> float:
        start = time.process_time()
        job()
        return time.process_time() - start

    elapsed, add = calendar.elapsed, calendar.add
    figures = {
        "elapsed µs/call": min(
            cpu(lambda: [elapsed(a, b) for a, b in zip(starts, ends, strict=True)])
            for _ in range(5)
        )
        / n
        * 1e6,
        "add µs/call": min(
            cpu(lambda: [add(a, d) for a, d in zip(starts, durations, strict=True)])
            for _ in range(5)
        )
        / n
        * 1e6,
    }
    tickets = 20_000
    for name, policy in bench.POLICIES.items():
        bench.run(pool, 1_000, as_of, policy)

        def job(policy: Any = policy) -> object:
            return bench.run(pool, tickets, as_of, policy)

        best = min(cpu(job) for _ in range(3))
        figures[f"evaluate_many {name} µs/ticket"] = best / tickets * 1e6
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bytecodes", action="store_true", help="count bytecodes, no timing")
    parser.add_argument("--tickets", type=int, default=20_000, help="tickets for --bytecodes")
    parser.add_argument("--side", help=argparse.SUPPRESS)
    parser.add_argument("--count", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(measure(args.side)))
        return
    if args.count:
        print(json.dumps(count(args.count, args.tickets)))
        return
    if args.bytecodes:
        compare_bytecodes(args.old, args.new, args.tickets)
        return
    runs: dict[str, list[dict[str, float]]] = {args.old: [], args.new: []}
    for round_number in range(1, args.rounds + 1):
        # The order alternates, so that neither side always runs second.
        order = (args.old, args.new) if round_number % 2 else (args.new, args.old)
        for tree in order:
            output = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, __file__, args.old, args.new, "--side", tree],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs[tree].append(json.loads(output.strip().splitlines()[-1]))
        load = os.getloadavg()[0]
        print(f"round {round_number} of {args.rounds} done (load average {load:.1f})")
    print(
        "\n| figure | old median | new median | new / old (median) "
        "| new / old (best) | new / old (paired rounds: median, lowest-highest) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for key in runs[args.old][0]:
        old = [run[key] for run in runs[args.old]]
        new = [run[key] for run in runs[args.new]]
        # Each round ran both trees back to back: their ratio sees the same load.
        paired = [b / a for a, b in zip(old, new, strict=True)]
        print(
            f"| {key} | {statistics.median(old):.2f} | {statistics.median(new):.2f} "
            f"| {statistics.median(new) / statistics.median(old):.2f} "
            f"| {min(new) / min(old):.2f} "
            f"| {statistics.median(paired):.2f}, {min(paired):.2f}-{max(paired):.2f} |"
        )


if __name__ == "__main__":
    main()
