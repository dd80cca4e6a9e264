"""Benchmark the money layer side by side with py-moneyed.

Run: python benchmarks/bench_money.py [--n 20000] [--rounds 15]

Both libraries get the same values and must give the same results (checked
before anything is timed). Each comparison then runs in this one process,
interleaved: in every round accountplan and py-moneyed are timed one after the
other (the order alternates), so a machine that speeds up or slows down during
the run affects both alike. The table gives the median over the rounds of the
microseconds per operation and the median of the per-round ratios
(accountplan / py-moneyed: below 1 means accountplan is faster).

The operations accountplan alone offers (sum_money, JSON) follow, as medians
of the same rounds. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from importlib.metadata import version

import moneyed
from moneyed.l10n import format_money as moneyed_format

from accountplan.i18n import format_money
from accountplan.money import Money, allocate, sum_money
from accountplan.serialization import from_json, to_json

LOCALE = "en_US"
RATE = Decimal("0.21")  # a VAT of 21 %, as a factor


def moneyed_split(money: moneyed.Money, weights: Sequence[int]) -> tuple[moneyed.Money, ...]:
    """The same largest-remainder split as accountplan's allocate, in py-moneyed's API.

    py-moneyed has no split of its own: this is what its users write.
    """
    currency = money.currency
    units = money.get_amount_in_sub_unit()
    sign = -1 if units < 0 else 1
    remaining = abs(units)
    total = sum(weights)
    floors: list[int] = []
    rests: list[int] = []
    for w in weights:
        whole, rest = divmod(remaining * w, total)
        floors.append(whole)
        rests.append(rest)
    leftover = remaining - sum(floors)
    if leftover:
        for i in sorted(range(len(rests)), key=lambda i: (-rests[i], i))[:leftover]:
            floors[i] += 1
    places = len(str(currency.sub_unit)) - 1
    return tuple(moneyed.Money(Decimal(sign * f).scaleb(-places), currency) for f in floors)


Case = tuple[str, int, Callable[[], object], Callable[[], object]]


def cases(n: int, rng: random.Random) -> list[Case]:
    """Each comparison: label, operations per call, accountplan body, py-moneyed body."""
    decimals = [Decimal(rng.randrange(1, 10**7)).scaleb(-2) for _ in range(n)]
    ours = [Money(amount=d, currency="EUR") for d in decimals]
    theirs = [moneyed.Money(amount=d, currency="EUR") for d in decimals]
    few = n // 10
    texts = [str(d) for d in decimals]

    def construct_ours() -> object:
        return [Money(amount=d, currency="EUR") for d in decimals]

    def construct_theirs() -> object:
        return [moneyed.Money(amount=d, currency="EUR") for d in decimals]

    def parse_ours() -> object:
        return [Money(amount=t, currency="EUR") for t in texts]

    def parse_theirs() -> object:
        return [moneyed.Money(amount=t, currency="EUR") for t in texts]

    def add_ours() -> object:
        total = Money.zero("EUR")
        for m in ours:
            total = total + m
        return total

    def add_theirs() -> object:
        total = moneyed.Money(0, "EUR")
        for m in theirs:
            total = total + m
        return total

    def vat_ours() -> object:
        return [(m * RATE).rounded() for m in ours]

    def vat_theirs() -> object:
        return [(m * RATE).round(2) for m in theirs]

    def split_ours() -> object:
        return [allocate(m, (1, 1, 1)) for m in ours[:few]]

    def split_theirs() -> object:
        return [moneyed_split(m, (1, 1, 1)) for m in theirs[:few]]

    def format_ours() -> object:
        return [format_money(m, locale=LOCALE) for m in ours[:few]]

    def format_theirs() -> object:
        return [moneyed_format(m, locale=LOCALE) for m in theirs[:few]]

    return [
        ("Money(amount=Decimal, currency)", n, construct_ours, construct_theirs),
        ("Money(amount=str, currency)", n, parse_ours, parse_theirs),
        ("Money + Money", n, add_ours, add_theirs),
        ("(Money * rate) rounded to cents", n, vat_ours, vat_theirs),
        ("three-way split", few, split_ours, split_theirs),
        ("format, en_US", few, format_ours, format_theirs),
    ]


def same(ours: object, theirs: object) -> bool:
    """Equal amounts (as Decimal values), currencies and texts, element by element."""
    if isinstance(ours, list | tuple) and isinstance(theirs, list | tuple):
        return len(ours) == len(theirs) and all(map(same, ours, theirs))
    if isinstance(ours, Money) and isinstance(theirs, moneyed.Money):
        return ours.amount == theirs.amount and ours.currency == theirs.currency.code
    return isinstance(ours, str) and ours == theirs


def timed(body: Callable[[], object]) -> float:
    start = time.perf_counter()
    body()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    n, rounds = args.n, args.rounds
    rng = random.Random(20261122)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, n = {n:,}, "
        f"{rounds} interleaved rounds; accountplan {version('accountplan')}, "
        f"py-moneyed {version('py-moneyed')}"
    )
    table = cases(n, rng)
    for label, _, ours, theirs in table:
        if not same(ours(), theirs()):
            raise SystemExit(f"{label}: the two libraries disagree; nothing timed")
    print("results checked: both libraries agree on every operation\n")

    print(f"{'operation':<34} {'accountplan':>12} {'py-moneyed':>12} {'ratio':>7}")
    for label, count, ours, theirs in table:
        mine: list[float] = []
        other: list[float] = []
        ratios: list[float] = []
        for r in range(rounds):
            if r % 2:
                b = timed(theirs)
                a = timed(ours)
            else:
                a = timed(ours)
                b = timed(theirs)
            mine.append(a)
            other.append(b)
            ratios.append(a / b)
        print(
            f"{label:<34} {statistics.median(mine) / count * 1e6:9.2f} µs "
            f"{statistics.median(other) / count * 1e6:9.2f} µs "
            f"{statistics.median(ratios):6.2f}x"
        )

    amounts = [Money.from_minor_units(rng.randrange(1, 10**7), "EUR") for _ in range(n)]
    texts = [to_json(m) for m in amounts[: n // 10]]
    alone: list[tuple[str, int, Callable[[], object]]] = [
        ("sum_money", n, lambda: sum_money(amounts, currency="EUR")),
        ("to_json(Money)", n // 10, lambda: [to_json(m) for m in amounts[: n // 10]]),
        ("from_json(text, Money)", n // 10, lambda: [from_json(t, Money) for t in texts]),
    ]
    print("\naccountplan only")
    for label, count, body in alone:
        seconds = statistics.median(timed(body) for _ in range(rounds))
        print(f"{label:<34} {seconds / count * 1e6:9.2f} µs")


if __name__ == "__main__":
    main()
