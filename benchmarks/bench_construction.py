"""Benchmark model construction: Ticket, TicketEvent, OpenItem, Invoice, SlaPolicy.

Run one model with ``python -m timeit`` (the figure the field checks are
judged by; run two checkouts alternately on the same machine moment and
compare medians, since other work only ever slows a run down)::

    PYTHONPATH=benchmarks python -m timeit -s "import bench_construction as b" "b.ticket()"

or all five with ``python benchmarks/bench_construction.py [--repeat 7]``,
which prints microseconds per construction (the best of ``--repeat`` runs).
Each call builds one model from plain inputs (strings for enums, lists for
tuples), as a loader would. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import timeit
from collections.abc import Callable

from accountplan.billing import Invoice, InvoiceLine, OpenItem, Settlement
from accountplan.money import Money
from accountplan.sla import SlaPolicy, SlaTarget
from accountplan.tickets import Ticket, TicketEvent

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
EVENTS = [
    TicketEvent(at=T0 + HOUR, kind="agent_reply"),
    TicketEvent(at=T0 + 2 * HOUR, kind="status_changed", status="pending"),
    TicketEvent(at=T0 + 3 * HOUR, kind="customer_reply"),
    TicketEvent(at=T0 + 4 * HOUR, kind="agent_reply"),
    TicketEvent(at=T0 + 5 * HOUR, kind="resolved"),
]
EUR = [Money(amount=n, currency="EUR") for n in ("100.00", "40.00", "10.00")]
LINES = [
    InvoiceLine(description=f"Item {n}", unit_price=EUR[n], quantity=n + 1, tax_rate=21)
    for n in range(3)
]
SETTLEMENTS = [
    Settlement(settled_on=dt.date(2026, 2, 10), amount=EUR[1]),
    Settlement(settled_on=dt.date(2026, 2, 20), amount=EUR[2]),
]
TARGETS = [
    SlaTarget(metric="first_response", within=HOUR, business_hours=False),
    SlaTarget(metric="resolution", within=8 * HOUR, business_hours=False),
]


def ticket() -> Ticket:
    """A ticket with five events and two tags."""
    return Ticket(
        id="T-1",
        account_number="A-1",
        priority="high",
        created_at=T0,
        channel="email",
        tags=["billing", "vip"],
        events=EVENTS,
    )


def ticket_event() -> TicketEvent:
    """A status change."""
    return TicketEvent(at=T0, kind="status_changed", status="pending", actor="agent")


def open_item() -> OpenItem:
    """A debt with two settlements."""
    return OpenItem(
        number="INV-1",
        issue_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 1, 31),
        total=EUR[0],
        settlements=SETTLEMENTS,
        account_number="A-1",
    )


def invoice() -> Invoice:
    """An open invoice with three lines."""
    return Invoice(
        number="INV-1",
        account_number="A-1",
        issue_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 1, 31),
        currency="EUR",
        lines=LINES,
        status="open",
    )


def sla_policy() -> SlaPolicy:
    """A policy with two targets for each of four priorities."""
    return SlaPolicy(
        name="Standard",
        targets_by_priority=dict.fromkeys(("critical", "high", "moderate", "low"), TARGETS),
    )


CASES: dict[str, Callable[[], object]] = {
    "Ticket": ticket,
    "TicketEvent": ticket_event,
    "OpenItem": open_item,
    "Invoice": invoice,
    "SlaPolicy": sla_policy,
}


def main() -> None:
    """Print microseconds per construction of each model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=2000)
    args = parser.parse_args()
    for name, build in CASES.items():
        runs = timeit.repeat(build, number=args.number, repeat=args.repeat)
        print(f"{name:12} {min(runs) / args.number * 1e6:8.2f} us")


if __name__ == "__main__":
    main()
