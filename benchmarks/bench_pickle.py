"""Benchmark pickling the hot models: microseconds per round trip and bytes per object.

Run: python benchmarks/bench_pickle.py [--n 20000] [--repeat 5]

For each model (Money, OpenItem, TicketEvent, Ticket with five events,
SlaMeasurement) a list of ``n`` distinct values is pickled and unpickled
(``pickle.dumps`` then ``pickle.loads``, the highest protocol), the way
multiprocessing and Dask ship them between processes, twice in the same run:
with the compact ``__reduce__`` of ``accountplan._pickling`` and with it
removed (attrs' default ``__getstate__``/``__setstate__``, as before). Prints
the best of ``--repeat`` runs (the two ways alternate, so that a busy moment
on the machine hits both) in microseconds per object and the pickled size per
object in bytes; each round trip is checked to give equal values first.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import platform
import time
from typing import Any

from accountplan.billing import OpenItem, Settlement
from accountplan.money import Money
from accountplan.sla import SlaMeasurement, SlaPolicy, SlaTarget, evaluate
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

T0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
K = TicketEventKind


def events(n: int) -> list[TicketEvent]:
    start = T0 + dt.timedelta(minutes=n)
    return [
        TicketEvent(at=start + dt.timedelta(minutes=10), kind=K.AGENT_REPLY, actor="ann"),
        TicketEvent(at=start + dt.timedelta(minutes=20), kind=K.STATUS_CHANGED, status="pending"),
        TicketEvent(at=start + dt.timedelta(minutes=50), kind=K.CUSTOMER_REPLY),
        TicketEvent(at=start + dt.timedelta(minutes=70), kind=K.AGENT_REPLY, actor="bob"),
        TicketEvent(at=start + dt.timedelta(minutes=90), kind=K.RESOLVED),
    ]


def ticket(n: int) -> Ticket:
    return Ticket(
        id=f"T-{n}",
        account_number=f"A-{n % 100}",
        priority=Priority.HIGH,
        created_at=T0 + dt.timedelta(minutes=n),
        channel="email",
        events=events(n),
    )


def samples(n: int) -> dict[str, list[Any]]:
    policy = SlaPolicy(
        name="24x7",
        targets_by_priority={
            Priority.HIGH: [
                SlaTarget(
                    metric="first_response", within=dt.timedelta(hours=1), business_hours=False
                )
            ]
        },
    )
    tickets = [ticket(i) for i in range(n)]
    return {
        "Money": [Money(amount=f"{i}.{i % 100:02d}", currency="EUR") for i in range(n)],
        "OpenItem": [
            OpenItem(
                number=f"INV-{i}",
                issue_date=dt.date(2026, 1, 1),
                due_date=dt.date(2026, 1, 31),
                total=Money(amount=100 + i, currency="EUR"),
                settlements=[
                    Settlement(
                        settled_on=dt.date(2026, 2, 1), amount=Money(amount=10, currency="EUR")
                    )
                ],
                account_number=f"C-{i % 100}",
            )
            for i in range(n)
        ],
        "TicketEvent": [e for i in range(n // 5 + 1) for e in events(i)][:n],
        "Ticket (5 events)": tickets,
        "SlaMeasurement": [
            evaluate(t, policy, as_of=t.created_at + dt.timedelta(days=2))[0] for t in tickets
        ],
    }


def timed(values: list[Any]) -> float:
    """Seconds for one round trip of ``values``."""
    start = time.perf_counter()
    pickle.loads(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
    return time.perf_counter() - start


def size(values: list[Any]) -> int:
    """Pickled bytes of ``values``, after checking that they round-trip."""
    data = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
    if pickle.loads(data) != values:  # noqa: S301 - our own data
        raise SystemExit(f"{type(values[0]).__name__} does not round-trip")
    return len(data)


HOT = (Money, Settlement, OpenItem, TicketEvent, Ticket, SlaMeasurement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, n={args.n:,}")
    print("| model | attrs default µs | compact µs | attrs default bytes | compact bytes |")
    print("|---|---:|---:|---:|---:|")
    compact = {cls: cls.__dict__["__reduce__"] for cls in HOT}

    def default() -> None:
        for cls in HOT:
            delattr(cls, "__reduce__")  # back to attrs' __getstate__ / __setstate__

    def restore() -> None:
        for cls, reduce in compact.items():
            setattr(cls, "__reduce__", reduce)  # noqa: B010 - restoring a method

    for name, values in samples(args.n).items():
        small = size(values)
        before: list[float] = []
        after: list[float] = []
        # Alternate the two, so that a busy moment on the machine hits both.
        for _ in range(args.repeat):
            after.append(timed(values))
            default()
            try:
                before.append(timed(values))
            finally:
                restore()
        default()
        try:
            large = size(values)
        finally:
            restore()
        per = 1e6 / len(values)
        print(
            f"| {name} | {min(before) * per:.2f} | {min(after) * per:.2f} "
            f"| {large / len(values):.0f} | {small / len(values):.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
