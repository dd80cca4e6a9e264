"""Benchmark the aging report against the pandas groupby/cut equivalent.

Run: python benchmarks/bench_aging.py [--sizes 100000,1000000] [--accounts 1000,10000]
[--repeat 1]

Both sides start from the same raw rows, as an export gives them: one dict
per open item with string fields (``number``, ``account_number``,
``issue_date``, ``due_date``, ``total``, ``currency``), the way
``csv.DictReader`` yields them. Each side is timed end to end:

* ``accountplan``: ``open_items_from_records(rows)`` (parsing and validating
  every row into an ``OpenItem``), then ``aging_report(items, as_of=...)``;
* ``pandas``: ``DataFrame(rows)``, ``to_datetime`` on the dates, the items
  invoiced after ``as_of`` dropped (as ``aging_report`` does), the amounts as
  integer cents, ``pd.cut`` into the same buckets and a
  ``groupby([account, bucket]).sum()`` pivot.

Before any timing the two answers are compared: every account's total per
bucket must be equal to the cent. The accountplan time is split into loading
(rows to validated ``OpenItem`` values) and aging; the ratio of the end-to-end
times is printed in the same run. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from accountplan.billing import aging_report, open_items_from_records

AS_OF = dt.date(2026, 6, 30)
BOUNDS = (30, 60, 90)
LABELS = ("not_due", "1-30", "31-60", "61-90", "91+")


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


def run_accountplan(rows: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Per account, the cents per bucket label, through accountplan."""
    return _cents(aging_report(open_items_from_records(rows), as_of=AS_OF, buckets=BOUNDS))


def _cents(report: Any) -> dict[str, dict[str, int]]:
    return {
        row.account_number: {label: int(row.buckets[label].amount * 100) for label in LABELS}
        for row in report.rows
    }


def run_pandas(rows: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Per account, the cents per bucket label, through pandas groupby and cut."""
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
    table = (
        pd.DataFrame({"account": frame["account_number"], "bucket": bucket, "cents": cents})
        .groupby(["account", "bucket"], observed=False)["cents"]
        .sum()
        .unstack("bucket")
    )
    return {
        str(account): {label: int(values[label]) for label in LABELS}
        for account, values in table.iterrows()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--accounts", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    import pandas as pd

    print(f"Python {platform.python_version()} on {platform.machine()}, pandas {pd.__version__}")
    print(
        "| items | accounts | load s | aging s | accountplan s | pandas s | accountplan / pandas |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.sizes.split(",")):
        for accounts in (int(x) for x in args.accounts.split(",")):
            rows = make_rows(n, accounts)
            ours, theirs = run_accountplan(rows), run_pandas(rows)
            if ours != theirs:
                raise SystemExit(f"answers differ at n={n}, accounts={accounts}")
            load = best(open_items_from_records, rows, args.repeat)
            items = open_items_from_records(rows)
            age = best(lambda xs: aging_report(xs, as_of=AS_OF, buckets=BOUNDS), items, args.repeat)
            del items
            pdt = best(run_pandas, rows, args.repeat)
            total = load + age
            print(
                f"| {n:,} | {accounts:,} | {load:.2f} | {age:.2f} | {total:.2f} | {pdt:.2f} | "
                f"{Decimal(total / pdt).quantize(Decimal('0.1'))}x |",
                flush=True,
            )


if __name__ == "__main__":
    main()
