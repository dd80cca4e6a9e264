"""Benchmark accountplan.dask: SLA measurement of 10^6 tickets on 1 and 2 worker processes.

Run: python benchmarks/bench_dask.py [--tickets 1000000] [--partitions 8] [--repeat 2]

Each partition builds its own tickets and events from raw columns (the
generator of ``bench_frames.py``, seeded by the partition number; a worker
keeps the last partition it built, for the events' call after the
tickets'), so no data travels to the workers; ``evaluate_sla(..., copartitioned=True)``
measures them with the columnar path and only the count of measurements per
state travels back. The same job runs on a ``distributed.LocalCluster`` of
1, then 2 worker processes (one thread each), and once in this process
with ``frames.evaluate_frame`` over the same partitions as a check: the
counts must agree.

Reports the best of ``--repeat`` runs and the speed-up of 2 workers over 1.
The goal is 1.7x; it needs two otherwise idle cores, so the load average is
printed alongside. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import functools
import os
import pathlib
import sys
import time
from importlib.metadata import version
from typing import Any

import cloudpickle  # type: ignore[import-untyped]
import dask.dataframe as dd
import distributed
import pandas as pd

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import bench_frames

from accountplan.dask import evaluate_sla
from accountplan.frames import evaluate_frame

# The workers get the generator by value: they need not find this directory.
cloudpickle.register_pickle_by_value(bench_frames)


@functools.lru_cache(maxsize=2)
def _frames(part: int, size: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Partition ``part``'s tickets and events (kept for the events' call after the tickets')."""
    raw = bench_frames.raw_columns(size, seed=part)
    raw["id"] = raw["id"] + part * size
    raw["ticket_id"] = raw["ticket_id"] + part * size
    return bench_frames.pandas_frames(raw)


def tickets_part(part: int, size: int) -> pd.DataFrame:
    return _frames(part, size)[0]


def events_part(part: int, size: int) -> pd.DataFrame:
    return _frames(part, size)[1]


def job(n: int, partitions: int) -> Any:
    size = n // partitions
    empty_tickets, empty_events = (frame.iloc[:0] for frame in _frames(0, 10))
    tickets = dd.from_map(  # type: ignore[no-untyped-call]
        tickets_part, range(partitions), size=size, meta=empty_tickets
    )
    events = dd.from_map(  # type: ignore[no-untyped-call]
        events_part, range(partitions), size=size, meta=empty_events
    )
    measured = evaluate_sla(
        tickets, events, bench_frames.POLICY, as_of=bench_frames.AS_OF, copartitioned=True
    )
    return measured["state"].value_counts()


def single(n: int, partitions: int) -> pd.Series:
    size = n // partitions
    counts: pd.Series | None = None
    for part in range(partitions):
        tickets, events = _frames(part, size)
        found = evaluate_frame(tickets, events, bench_frames.POLICY, as_of=bench_frames.AS_OF)
        here = found["state"].value_counts()
        counts = here if counts is None else counts.add(here, fill_value=0)
    assert counts is not None
    return counts.astype("int64")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(
        f"dask {version('dask')}, distributed {version('distributed')}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start"
    )
    start = time.perf_counter()
    expected = single(args.tickets, args.partitions)
    one_process = time.perf_counter() - start
    print(f"in this process (no dask): {one_process:.2f} s for {args.tickets:,} tickets")
    times: dict[int, float] = {}
    for workers in (1, 2):
        with (
            distributed.LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            ) as cluster,
            distributed.Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            client.compute(job(1_000 * args.partitions, args.partitions)).result()  # warm up
            best = float("inf")
            for _ in range(args.repeat):
                begin = time.perf_counter()
                counts = client.compute(job(args.tickets, args.partitions)).result()
                best = min(best, time.perf_counter() - begin)
            got = counts.astype("int64").sort_index()
            pd.testing.assert_series_equal(
                expected.sort_index(), got, check_names=False, check_index_type=False
            )
            times[workers] = best
            print(
                f"{workers} worker(s): {best:.2f} s, {args.tickets / best:,.0f} tickets/s "
                f"(load average {os.getloadavg()[0]:.1f}); counts agree"
            )
    print(f"speed-up of 2 workers over 1: {times[1] / times[2]:.2f}x (goal 1.7x)")


if __name__ == "__main__":
    main()
