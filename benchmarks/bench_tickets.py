"""Benchmark building tickets: per-object construction against tickets_from_columns.

Run: python benchmarks/bench_tickets.py [--sizes 100000 1000000] [--repeat 3]

The tickets of ``bench_sla.py``'s generator (``raw_columns``: 6 or 8 events
each) are turned into plain Python columns first (ids, account numbers,
``Priority`` members, aware ``datetime`` values, kind members, status names;
not timed). From those same columns, three ways of building the tickets are
timed:

* ``per object``: a ``TicketEvent(...)`` per event and a ``Ticket(...)`` per
  ticket, every field validated by its converter or validator, as a loop
  over rows would;
* ``tickets_from_columns``: the bulk constructor (each column checked once,
  the values built by filling their slots);
* ``tickets_from_frame``: from the pandas frames of the same tickets (integer
  columns turned into text ids, categorical kinds and statuses, instants as
  ``datetime64[us, UTC]``), end to end.

The first two must give equal tuples before anything is timed. Times are the
best of ``--repeat`` runs, in microseconds per ticket. Not part of the test
suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import os
import pathlib
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from bench_sla import STATUSES, raw_columns

from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
US = dt.timedelta(microseconds=1)


def python_columns(n: int) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The tickets of ``raw_columns(n)`` as lists of Python values, one per column."""
    raw = raw_columns(n)
    priorities = list(Priority)
    kinds = list(TicketEventKind)
    statuses = [*STATUSES, None]
    tickets = {
        "id": [f"T-{i}" for i in raw["id"].tolist()],
        "account_number": [f"A-{a}" for a in raw["account"].tolist()],
        "priority": [priorities[p] for p in raw["priority"].tolist()],
        "created_at": [EPOCH + u * US for u in raw["created"].tolist()],
        "channel": ["email"] * n,
    }
    events = {
        "ticket": raw["ticket_id"].tolist(),
        "at": [EPOCH + u * US for u in raw["at"].tolist()],
        "kind": [kinds[k] for k in raw["kind"].tolist()],
        "status": [statuses[s] for s in raw["status"].tolist()],
    }
    return tickets, events


def per_object(tickets: dict[str, list[Any]], events: dict[str, list[Any]]) -> tuple[Ticket, ...]:
    """A TicketEvent per event and a Ticket per ticket, each validated field by field."""
    timelines: list[list[TicketEvent]] = [[] for _ in tickets["id"]]
    for owner, at, kind, status in zip(
        events["ticket"], events["at"], events["kind"], events["status"], strict=True
    ):
        timelines[owner].append(TicketEvent(at=at, kind=kind, status=status))
    return tuple(
        Ticket(
            id=ticket_id,
            account_number=account,
            priority=priority,
            created_at=created,
            channel=channel,
            events=timeline,
        )
        for ticket_id, account, priority, created, channel, timeline in zip(
            tickets["id"],
            tickets["account_number"],
            tickets["priority"],
            tickets["created_at"],
            tickets["channel"],
            timelines,
            strict=True,
        )
    )


def frames(n: int) -> tuple[Any, Any]:
    """The same tickets as pandas frames, with text ids (tickets_from_frame takes no others)."""
    import pandas as pd
    from bench_frames import pandas_frames

    tickets, events = pandas_frames(raw_columns(n))
    tickets["id"] = pd.array([f"T-{i}" for i in tickets["id"].tolist()], dtype=object)
    tickets["channel"] = "email"
    events["ticket_id"] = pd.array([f"T-{i}" for i in events["ticket_id"].tolist()], dtype=object)
    return tickets, events


def best(repeat: int, job: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from accountplan.frames import tickets_from_frame
    from accountplan.tickets import tickets_from_columns

    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print("| tickets | events | per object µs | tickets_from_columns µs | ratio |"
          " tickets_from_frame µs |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        tickets, events = python_columns(n)
        if per_object(tickets, events) != tickets_from_columns(tickets, events):
            raise SystemExit(f"the two constructions differ at n={n}")
        slow = best(args.repeat, functools.partial(per_object, tickets, events))
        fast = best(args.repeat, functools.partial(tickets_from_columns, tickets, events))
        m = len(events["ticket"])
        del tickets, events
        tickets_df, events_df = frames(n)
        frame = best(args.repeat, functools.partial(tickets_from_frame, tickets_df, events_df))
        print(
            f"| {n:,} | {m:,} | {slow / n * 1e6:.2f} | {fast / n * 1e6:.2f} | "
            f"{fast / slow:.2f} | {frame / n * 1e6:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
