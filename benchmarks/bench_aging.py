"""Benchmark aging: accountplan's columnar and scalar paths against pandas and polars.

Run: python benchmarks/bench_aging.py [--sizes 100000,1000000] [--accounts 1000,10000]
[--repeat 1] [--no-memory] [--no-scalar]

Every side starts from the same raw rows, as an export gives them: one dict
per open item with string fields (``number``, ``account_number``,
``issue_date``, ``due_date``, ``total``, ``currency``), the way
``csv.DictReader`` yields them. Each side is timed end to end, from the rows
to a table of the open amount per account and bucket:

* ``frames``: ``pandas.DataFrame(rows)`` and ``accountplan.frames.aging_frame``
  on it (ISO date text and decimal text read and checked per column; every
  error would name its row and column; amounts exact, as ``Decimal``);
* ``pandas``: ``DataFrame(rows)``, ``to_datetime`` on the dates, the items
  invoiced after ``as_of`` dropped (as ``aging_report`` does), the amounts as
  integer cents, ``pd.cut`` into the same buckets and a
  ``groupby([account, bucket]).sum()`` pivot;
* ``polars``: ``polars.DataFrame(rows)``, ``str.to_date``, the amounts as
  integer cents, the buckets with ``when``/``then`` and a ``group_by`` and
  ``pivot``, lazily;
* ``scalar`` (the reference row): ``billing.open_items_from_records(rows)``
  (parsing and validating every row into an ``OpenItem``), then
  ``aging_report(items, as_of=...)``.

Before any timing the answers are compared: every account's amount per bucket
must be equal to the cent on every side. Times are the best of ``--repeat``
runs; the ratio is ``frames`` over the faster of pandas and polars, from the
same run. Memory is the peak growth of the resident set of a fresh process
running one side once, the rows already built (sampled every 2 ms from
``/proc/self/statm``, so polars' native allocations count too). Not part of
the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from accountplan.billing import aging_report, open_items_from_records

AS_OF = dt.date(2026, 6, 30)
BOUNDS = (30, 60, 90)
LABELS = ("not_due", "1-30", "31-60", "61-90", "91+")
SIDES = ("frames", "pandas", "polars", "scalar")


def make_rows(n: int, accounts: int, *, seed: int = 7) -> list[dict[str, str]]:
    """``n`` open items as string rows, spread over ``accounts`` accounts."""
    rng = random.Random(seed)
    rows = []
    for index in range(n):
        due = AS_OF - dt.timedelta(days=rng.randint(-60, 200))
        issue = due - dt.timedelta(days=rng.choice((14, 30, 60)))
        cents = rng.randint(100, 5_000_000)
        rows.append(
            {
                "number": f"INV-{index:08d}",
                "account_number": f"C-{rng.randrange(accounts):06d}",
                "issue_date": issue.isoformat(),
                "due_date": due.isoformat(),
                "total": f"{cents // 100}.{cents % 100:02d}",
                "currency": "EUR",
            }
        )
    return rows


# -- the four sides: rows in, a table out (timed) -------------------------------------------------


def run_frames(rows: list[dict[str, str]]) -> Any:
    """accountplan's columnar path: a DataFrame of the rows, then ``aging_frame``."""
    import pandas as pd

    from accountplan.frames import aging_frame

    return aging_frame(pd.DataFrame(rows), as_of=AS_OF, buckets=BOUNDS)


def run_pandas(rows: list[dict[str, str]]) -> Any:
    """Hand-written pandas: ``to_datetime``, integer cents, ``pd.cut``, groupby and unstack."""
    import pandas as pd

    frame = pd.DataFrame(rows)
    issued = pd.to_datetime(frame["issue_date"], format="%Y-%m-%d")
    frame = frame[issued <= pd.Timestamp(AS_OF)]  # not yet invoiced on as_of: not owed
    due = pd.to_datetime(frame["due_date"], format="%Y-%m-%d")
    age = (pd.Timestamp(AS_OF) - due).dt.days
    units = frame["total"].str.split(".", expand=True).astype("int64")
    cents = units[0] * 100 + units[1]
    bucket = pd.cut(
        age,
        bins=[-sys.maxsize, 0, *BOUNDS, sys.maxsize],
        labels=list(LABELS),
        right=True,
    )
    return (
        pd.DataFrame({"account": frame["account_number"], "bucket": bucket, "cents": cents})
        .groupby(["account", "bucket"], observed=False)["cents"]
        .sum()
        .unstack("bucket")
    )


def run_polars(rows: list[dict[str, str]]) -> Any:
    """Hand-written, idiomatic polars: lazy ``str.to_date``, integer cents, buckets, pivot."""
    import polars as pl

    as_of = pl.lit(AS_OF)
    age = (as_of - pl.col("due_date")).dt.total_days()
    bucket: Any = pl.when(age <= 0).then(pl.lit(LABELS[0]))
    for bound, label in zip(BOUNDS, LABELS[1:], strict=False):
        bucket = bucket.when(age <= bound).then(pl.lit(label))
    return (
        pl.DataFrame(rows)
        .lazy()
        .with_columns(
            pl.col("issue_date").str.to_date("%Y-%m-%d"),
            pl.col("due_date").str.to_date("%Y-%m-%d"),
        )
        .filter(pl.col("issue_date") <= as_of)  # not yet invoiced on as_of: not owed
        .select(
            pl.col("account_number").alias("account"),
            bucket.otherwise(pl.lit(LABELS[-1])).alias("bucket"),
            pl.col("total").str.replace(".", "", literal=True).cast(pl.Int64).alias("cents"),
        )
        .group_by("account", "bucket")
        .agg(pl.col("cents").sum())
        .collect()
        .pivot(on="bucket", index="account", values="cents")
        .fill_null(0)
    )


def run_scalar(rows: list[dict[str, str]]) -> Any:
    """The reference: every row an ``OpenItem``, then ``aging_report``."""
    return aging_report(open_items_from_records(rows), as_of=AS_OF, buckets=BOUNDS)


RUNS: dict[str, Callable[[list[dict[str, str]]], Any]] = {
    "frames": run_frames,
    "pandas": run_pandas,
    "polars": run_polars,
    "scalar": run_scalar,
}


# -- the answers as cents per account and bucket (not timed) --------------------------------------


def cents(side: str, table: Any) -> dict[str, dict[str, int]]:
    """Per account with an open amount, the cents per bucket label."""
    if side == "frames":
        return {
            row["account_number"]: {label: int(row[label] * 100) for label in LABELS}
            for row in table.to_dict("records")
        }
    if side == "pandas":
        return {
            str(account): {label: int(values[label]) for label in LABELS}
            for account, values in table.fillna(0).iterrows()
        }
    if side == "polars":
        return {
            row["account"]: {label: int(row.get(label) or 0) for label in LABELS}
            for row in table.iter_rows(named=True)
        }
    return {
        row.account_number: {label: int(row.buckets[label].amount * 100) for label in LABELS}
        for row in table.rows
    }


def best(function: Callable[[Any], Any], argument: Any, repeat: int) -> float:
    """The best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return min(times)


# -- memory: one side in a fresh process ----------------------------------------------------------


def _rss() -> int:
    """The resident set size of this process now, in KiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def memory_child(side: str, n: int, accounts: int) -> None:
    """In a fresh process: build the rows, run one side once; print the peak RSS growth (KiB)."""
    import ctypes
    import threading

    import pandas  # noqa: F401 - imported before the baseline, as a notebook has it
    import polars  # noqa: F401

    import accountplan.frames  # noqa: F401

    rows = make_rows(n, accounts)
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    before = _rss()
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss())
            time.sleep(0.002)

    sampler = threading.Thread(target=sample)
    sampler.start()
    RUNS[side](rows)
    peak = max(peak, _rss())
    done.set()
    sampler.join()
    print(json.dumps({"kib": peak - before}))


def memory(side: str, n: int, accounts: int) -> int:
    """The peak RSS growth of one side, in KiB, measured in a fresh process."""
    done = subprocess.run(  # noqa: S603 - this script, run again
        [sys.executable, __file__, "--memory-child", side, str(n), str(accounts)],
        check=True,
        capture_output=True,
        text=True,
    )
    kib: int = json.loads(done.stdout.strip().splitlines()[-1])["kib"]
    return kib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--accounts", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--no-scalar", action="store_true", help="leave out the reference row")
    parser.add_argument("--memory-child", nargs=3, metavar=("SIDE", "N", "ACCOUNTS"))
    args = parser.parse_args()
    if args.memory_child:
        side, n, accounts = args.memory_child
        memory_child(side, int(n), int(accounts))
        return
    import pandas as pd
    import polars as pl

    import accountplan.frames  # noqa: F401 - imported before any timing

    sides = [s for s in SIDES if not (args.no_scalar and s == "scalar")]
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}; pandas {pd.__version__}, "
        f"polars {pl.__version__} ({pl.thread_pool_size()} threads)"
    )
    head = " | ".join(f"{s} s" for s in sides)
    mem = "" if args.no_memory else " peak RSS growth MiB (" + ", ".join(sides) + ") |"
    print(f"| items | accounts | {head} | frames / best of pandas, polars |{mem}")
    print("|---:|---:|" + "---:|" * (len(sides) + 1) + ("---|" if mem else ""))
    for n in (int(x) for x in args.sizes.split(",")):
        for accounts in (int(x) for x in args.accounts.split(",")):
            rows = make_rows(n, accounts)
            answers, times = {}, {}
            for side in sides:  # the first run of each side is timed too
                gc.collect()
                start = time.perf_counter()
                table = RUNS[side](rows)
                times[side] = time.perf_counter() - start
                answers[side] = cents(side, table)
                del table
            for side in sides[1:]:
                if answers[side] != answers["frames"]:
                    raise SystemExit(f"{side} differs from frames at n={n}, accounts={accounts}")
            del answers
            if args.repeat > 1:
                for side in sides:
                    times[side] = min(times[side], best(RUNS[side], rows, args.repeat - 1))
            ratio = times["frames"] / min(times["pandas"], times["polars"])
            line = f"| {n:,} | {accounts:,} | " + " | ".join(f"{times[s]:.2f}" for s in sides)
            line += f" | **{ratio:.2f}** |"
            if not args.no_memory:
                line += " " + ", ".join(f"{memory(s, n, accounts) / 1024:,.0f}" for s in sides)
                line += " |"
            print(line, flush=True)


if __name__ == "__main__":
    main()
