"""Benchmark SLA measurement: evaluate_many over N synthetic tickets.

Run: python benchmarks/bench_sla.py [--max-n 1000000] [--pool 10000] [--repeat 3] [--no-memory]

Tickets have realistic timelines (first reply, a pause waiting on the
customer, a customer reply and the next agent reply, resolution, and a reopen
with a second resolution for one ticket in five) over an office-hours calendar
(Europe/Amsterdam, 09:00-12:30 and 13:00-17:30 on weekdays, Dutch public
holidays of 2026-2027). Two policies are measured:

* ``standard``: first response, next response and resolution, in business
  hours (the goals helpdesks ship by default);
* ``all six``: every metric, four of them in business hours.

A pool of distinct tickets is cycled through so that input memory stays flat
and the figures show the cost of measuring alone.

Prints tickets and measurements per second (one process, one core; the best
of ``--repeat`` runs, as ``timeit`` reports, since other work on the machine
only ever slows a run down) and the peak memory traced by ``tracemalloc``
during a further streaming run, for N = 10^4, 10^5, 10^6. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import platform
import random
import sys
import time
import tracemalloc
from collections import Counter, deque
from collections.abc import Iterator
from typing import Any

from accountplan.calendars import BusinessCalendar
from accountplan.sla import SlaPolicy, SlaTarget, evaluate_many
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

K = TicketEventKind
H = dt.timedelta(hours=1)
HOLIDAYS = [
    dt.date(2026, 1, 1),
    dt.date(2026, 4, 3),
    dt.date(2026, 4, 6),
    dt.date(2026, 4, 27),
    dt.date(2026, 5, 5),
    dt.date(2026, 5, 14),
    dt.date(2026, 5, 25),
    dt.date(2026, 12, 25),
    dt.date(2026, 12, 26),
    dt.date(2027, 1, 1),
    dt.date(2027, 3, 26),
    dt.date(2027, 3, 29),
    dt.date(2027, 4, 27),
    dt.date(2027, 5, 5),
    dt.date(2027, 5, 6),
    dt.date(2027, 5, 17),
    dt.date(2027, 12, 25),
    dt.date(2027, 12, 26),
]
CALENDAR = BusinessCalendar.weekly(
    "Europe/Amsterdam",
    hours={d: [("09:00", "12:30"), ("13:00", "17:30")] for d in range(5)},
    holidays=HOLIDAYS,
    name="office",
)


def _targets(scale: int) -> list[SlaTarget]:
    return [
        SlaTarget(metric="first_response", within=scale * H),
        SlaTarget(metric="next_response", within=scale * H),
        SlaTarget(metric="resolution", within=8 * scale * H),
        SlaTarget(metric="agent_work_time", within=4 * scale * H),
        SlaTarget(metric="requester_wait_time", within=10 * scale * H, business_hours=False),
        SlaTarget(metric="on_hold_time", within=24 * scale * H, business_hours=False),
    ]


POLICY = SlaPolicy(
    name="office",
    targets_by_priority={p: _targets(p.level) for p in Priority},
    calendar=CALENDAR,
)
STANDARD = SlaPolicy(
    name="standard",
    targets_by_priority={p: _targets(p.level)[:3] for p in Priority},
    calendar=CALENDAR,
)
POLICIES = {"standard": STANDARD, "all six": POLICY}


#: A ticket's timeline, one step per event: at most how many minutes after the previous one
#: (a random 1 to that many), the kind, the status it sets and who acts. The last two steps
#: (reopened, resolved again) happen for one ticket in five.
TIMELINE: tuple[tuple[int, TicketEventKind, str | None, str], ...] = (
    (240, K.AGENT_REPLY, None, "agent"),
    (5, K.STATUS_CHANGED, "pending", ""),
    (2000, K.CUSTOMER_REPLY, None, "customer"),
    (5, K.STATUS_CHANGED, "open", ""),
    (600, K.AGENT_REPLY, None, "agent"),
    (1500, K.RESOLVED, None, ""),
    (3000, K.REOPENED, None, ""),
    (900, K.RESOLVED, None, ""),
)
#: Steps of every ticket; the rest only for one ticket in five.
ALWAYS = 6


def synthetic_ticket(rng: random.Random, n: int) -> Ticket:
    """One ticket created some time in 2026 with 6 or 8 events (see ``TIMELINE``)."""
    created = dt.datetime(2026, 1, 2, 7, 0, tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randrange(0, 360 * 24 * 60)
    )
    at = created
    events: list[TicketEvent] = []
    for most, kind, status, actor in TIMELINE[: len(TIMELINE) if n % 5 == 0 else ALWAYS]:
        at = at + dt.timedelta(minutes=rng.randrange(1, most))
        events.append(TicketEvent(at=at, kind=kind, status=status, actor=actor))
    return Ticket(
        id=f"T-{n}",
        account_number=f"A-{n % 997}",
        priority=rng.choice(list(Priority)),
        created_at=created,
        channel="email",
        events=events,
    )


#: Status names by code in ``raw_columns`` (-1: none).
STATUSES = ["pending", "open", "on_hold"]


def raw_columns(n: int, seed: int = 20261130) -> dict[str, Any]:
    """The tickets of ``synthetic_ticket`` as raw numpy columns, ``n`` at once.

    The same timeline, drawn with numpy (created over 350 days of 2026):
    ``id``, ``account`` (0 to 996), ``priority`` (a code into ``Priority``),
    ``created`` (microseconds since the epoch, UTC), and per event
    ``ticket_id``, ``at``, ``kind`` (a code into ``TicketEventKind``) and
    ``status`` (a code into ``STATUSES``, -1 for none); events grouped by
    ticket, in time order.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    us = dt.timedelta(microseconds=1)
    start = (dt.datetime(2026, 1, 2, 7, tzinfo=dt.UTC) - epoch) // us
    minute = 60_000_000
    created = start + rng.integers(0, 350 * 24 * 60, n) * minute
    kind_codes = list(TicketEventKind)
    steps = [most for most, *_ in TIMELINE]
    kinds = [kind_codes.index(kind) for _, kind, _, _ in TIMELINE]
    status = [-1 if name is None else STATUSES.index(name) for _, _, name, _ in TIMELINE]
    width = len(TIMELINE)
    deltas = np.stack([rng.integers(1, m, n) for m in steps], axis=1) * minute
    at = created[:, None] + np.cumsum(deltas, axis=1)
    keep = np.ones((n, width), dtype=bool)
    keep[np.arange(n) % 5 != 0, ALWAYS:] = False
    owner = np.repeat(np.arange(n), width).reshape(n, width)
    return {
        "id": np.arange(n, dtype=np.int64),
        "account": np.arange(n) % 997,
        "priority": rng.integers(0, 5, n),
        "created": created,
        "ticket_id": owner[keep],
        "at": at[keep],
        "kind": np.tile(kinds, n).reshape(n, width)[keep],
        "status": np.tile(status, n).reshape(n, width)[keep],
    }


def run(pool: list[Ticket], n: int, as_of: dt.datetime, policy: SlaPolicy = POLICY) -> int:
    """Measure ``n`` tickets (cycling the pool); the number of measurements.

    The measurements are consumed without Python-level work per item (a
    ``deque`` keeping only the last one, numbered by ``enumerate``), so the
    figures are the cost of measuring.
    """
    stream: Iterator[Ticket] = itertools.islice(itertools.cycle(pool), n)
    numbered = enumerate(evaluate_many(stream, policy, as_of=as_of), 1)
    last = deque(numbered, maxlen=1)
    return last[0][0] if last else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-n", type=int, default=1_000_000)
    parser.add_argument("--pool", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per N; the best is reported")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args()
    rng = random.Random(20261123)
    pool = [synthetic_ticket(rng, n) for n in range(args.pool)]
    # The pool stands in for a stream (a database cursor): keep the cyclic
    # garbage collector from rescanning it over and over.
    gc.freeze()
    as_of = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    print(
        f"Python {platform.python_version()} ({sys.executable}) on {platform.machine()}, "
        f"pool of {len(pool):,} tickets"
    )
    sizes = [n for n in (10**4, 10**5, 10**6) if n <= args.max_n] or [args.max_n]
    for name, policy in POLICIES.items():
        states = Counter(m.state for m in evaluate_many(pool, policy, as_of=as_of))
        print(
            f"{name:>8}  states over the pool: "
            + ", ".join(f"{k} {v:,}" for k, v in states.items())
        )
        run(pool, 1_000, as_of, policy)  # warm up the interpreter (each call owns its index)
        for n in sizes:
            seconds = float("inf")
            for _ in range(max(args.repeat, 1)):
                start = time.perf_counter()
                count = run(pool, n, as_of, policy)
                seconds = min(seconds, time.perf_counter() - start)
            line = (
                f"{name:>8}  N = {n:>9,}: {n / seconds:>7,.0f} tickets/s "
                f"{count / seconds:>9,.0f} measurements/s"
            )
            if not args.no_memory:
                tracemalloc.start()
                run(pool, n, as_of, policy)
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                line += f"   peak traced memory {peak / 1024:,.0f} KiB"
            print(line)


if __name__ == "__main__":
    main()
