"""Benchmark the money layer: arithmetic, rounding, allocation and JSON.

Run: python benchmarks/bench_money.py [--n 200000]

Prints microseconds per operation. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from collections.abc import Callable
from decimal import Decimal

from accountplan.money import Money, allocate, sum_money
from accountplan.serialization import from_json, to_json


def timed(label: str, n: int, func: Callable[[], object]) -> None:
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    print(f"{label:<40} {elapsed / n * 1e6:8.2f} µs/op   ({n:,} ops in {elapsed:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200_000)
    args = parser.parse_args()
    n = args.n
    rng = random.Random(20261122)
    amounts = [Money.from_minor_units(rng.randrange(1, 10**7), "EUR") for _ in range(n)]
    rate = Decimal("0.21")
    print(f"Python {platform.python_version()} on {platform.machine()}, n = {n:,}")

    def add() -> None:
        total = Money.zero("EUR")
        for m in amounts:
            total = total + m

    def vat() -> None:
        for m in amounts:
            (m * rate).rounded("half_up")

    def construct() -> None:
        for i in range(n):
            Money(amount=Decimal(i), currency="EUR")

    def split() -> None:
        for m in amounts[: n // 10]:
            allocate(m, [1, 1, 1])

    texts = [to_json(m) for m in amounts[: n // 10]]

    def dump() -> None:
        for m in amounts[: n // 10]:
            to_json(m)

    def load() -> None:
        for text in texts:
            from_json(text, Money)

    timed("Money + Money", n, add)
    timed("(Money * rate).rounded('half_up')", n, vat)
    timed("Money(amount=Decimal, currency=...)", n, construct)
    timed("sum_money", n, lambda: sum_money(amounts, currency="EUR"))
    timed("allocate(m, [1, 1, 1])", n // 10, split)
    timed("to_json(Money)", n // 10, dump)
    timed("from_json(text, Money)", n // 10, load)


if __name__ == "__main__":
    main()
