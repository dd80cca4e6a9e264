"""Downtime, merging and uptime against a brute-force oracle that counts instant by instant.

The oracle marks every microsecond (or second) that some outage covers and no
maintenance window covers, then counts; for the minute rule it counts, minute
by minute, the down seconds and compares them with the threshold. Nothing of
the library's merging, clipping or subtraction is reused.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.sla import (
    DowntimeRule,
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaTarget,
    downtime,
    evaluate_many,
    merge_intervals,
    uptime,
)
from accountplan.tickets import Priority, Ticket

UTC = dt.UTC
#: A minute boundary inside the horizon.
BASE = dt.datetime(2026, 4, 1, tzinfo=UTC)
US = dt.timedelta(microseconds=1)
SECOND = dt.timedelta(seconds=1)

offsets = st.integers(-20, 320)
pairs = st.tuples(offsets, offsets).map(lambda p: (min(p), max(p)))


def covered(intervals: list[tuple[int, int]], low: int, high: int) -> set[int]:
    """The units in [low, high) that lie in some half-open interval."""
    return {u for start, end in intervals for u in range(max(start, low), min(end, high))}


def floor_percent(part: int, whole: int) -> Decimal:
    return Decimal(f"{math.floor(Fraction(part * 100, whole) * 10**6)}E-6")


@settings(max_examples=300, deadline=None)
@given(
    period=pairs.filter(lambda p: p[0] < p[1]),
    outages=st.lists(pairs, max_size=8),
    maintenance=st.lists(pairs, max_size=8),
)
def test_exact_downtime_matches_the_oracle(
    period: tuple[int, int], outages: list[tuple[int, int]], maintenance: list[tuple[int, int]]
) -> None:
    """Exact downtime is the number of microseconds down and not in maintenance."""
    low, high = period
    down = covered(outages, low, high) - covered(maintenance, low, high)

    def instants(items: list[tuple[int, int]]) -> list[tuple[dt.datetime, dt.datetime]]:
        return [(BASE + s * US, BASE + e * US) for s, e in items]

    span = (BASE + low * US, BASE + high * US)
    assert len(down) * US == downtime(
        span, outages=instants(outages), maintenance=instants(maintenance)
    )
    assert floor_percent(high - low - len(down), high - low) == uptime(
        span, outages=instants(outages), maintenance=instants(maintenance)
    )


@settings(max_examples=300, deadline=None)
@given(intervals=st.lists(pairs, max_size=8))
def test_merge_matches_the_oracle(intervals: list[tuple[int, int]]) -> None:
    """Merged intervals are the maximal runs of covered microseconds, in order, in UTC."""
    units = sorted(covered(intervals, -100, 400))
    runs: list[tuple[int, int]] = []
    for u in units:
        if runs and runs[-1][1] == u:
            runs[-1] = (runs[-1][0], u + 1)
        else:
            runs.append((u, u + 1))
    merged = merge_intervals([(BASE + s * US, BASE + e * US) for s, e in intervals])
    assert [(BASE + s * US, BASE + e * US) for s, e in runs] == list(merged)
    assert all(a.tzinfo is UTC and b.tzinfo is UTC for a, b in merged)


seconds = st.integers(-30, 330)
second_pairs = st.tuples(seconds, seconds).map(lambda p: (min(p), max(p)))


@settings(max_examples=300, deadline=None)
@given(
    period=second_pairs.filter(lambda p: p[0] < p[1]),
    outages=st.lists(second_pairs, max_size=6),
    maintenance=st.lists(second_pairs, max_size=4),
    threshold_us=st.integers(0, 59_999_999),
)
def test_minute_downtime_matches_the_oracle(
    period: tuple[int, int],
    outages: list[tuple[int, int]],
    maintenance: list[tuple[int, int]],
    threshold_us: int,
) -> None:
    """A clock minute counts when its down time exceeds the threshold; capped at the period."""
    low, high = period
    down = covered(outages, low, high) - covered(maintenance, low, high)
    per_minute: dict[int, int] = {}
    for second in down:
        per_minute[second // 60] = per_minute.get(second // 60, 0) + 1
    minutes = sum(1 for count in per_minute.values() if count * 1_000_000 > threshold_us)
    expected = min(minutes * 60, high - low) * SECOND
    rule = DowntimeRule(quantum="minute", minute_threshold=threshold_us * US)

    def instants(items: list[tuple[int, int]]) -> list[tuple[dt.datetime, dt.datetime]]:
        return [(BASE + s * SECOND, BASE + e * SECOND) for s, e in items]

    span = (BASE + low * SECOND, BASE + high * SECOND)
    assert expected == downtime(
        span, outages=instants(outages), maintenance=instants(maintenance), rule=rule
    )


def test_threshold_is_compared_to_the_microsecond() -> None:
    """30 s and 20 us of downtime in a minute is longer than a 30 s threshold; 30 s is not."""
    rule = DowntimeRule(quantum="minute", minute_threshold=30 * SECOND)
    period = (BASE, BASE + dt.timedelta(hours=1))
    just_over = (BASE, BASE + 30 * SECOND + 20 * US)
    exactly = (BASE, BASE + 30 * SECOND)
    assert 60 * SECOND == downtime(period, outages=[just_over], rule=rule)
    assert dt.timedelta(0) == downtime(period, outages=[exactly], rule=rule)


def test_empty_interval_first_does_not_hide_the_rest() -> None:
    """An empty interval sorted first is dropped, and the following ones still count."""
    h = dt.timedelta(hours=1)
    assert ((BASE + h, BASE + 2 * h),) == merge_intervals([(BASE, BASE), (BASE + h, BASE + 2 * h)])


def test_maintenance_before_a_later_outage_is_skipped_correctly() -> None:
    """Cuts that end before an outage are passed over one by one, never skipped in pairs."""
    outages = [(BASE, BASE + 10 * US), (BASE + 100 * US, BASE + 110 * US)]
    cuts = [(BASE + US, BASE + 2 * US), (BASE + 101 * US, BASE + 102 * US)]
    period = (BASE, BASE + SECOND)
    assert 18 * US == downtime(period, outages=outages, maintenance=cuts)
    cuts = [
        (BASE + US, BASE + 2 * US),
        (BASE + 3 * US, BASE + 4 * US),
        (BASE + 101 * US, BASE + 102 * US),
    ]
    assert 17 * US == downtime(period, outages=outages, maintenance=cuts)


def test_evaluate_many_picks_each_tickets_policy_from_the_set() -> None:
    """With a policy set, each ticket gets the policy of its tier and channel; as_of is kept."""
    hour = dt.timedelta(hours=1)

    def policy(name: str, within: dt.timedelta) -> SlaPolicy:
        target = SlaTarget(metric="first_response", within=within, business_hours=False)
        return SlaPolicy(name=name, targets_by_priority={Priority.LOW: [target]})

    gold, phone, default = policy("gold", hour), policy("phone", 2 * hour), policy("base", 3 * hour)
    policies = SlaPolicySet(
        default=default,
        rules=[
            SlaPolicyRule(policy=gold, tiers=["gold"]),
            SlaPolicyRule(policy=phone, channels=["phone"]),
        ],
    )
    t0 = dt.datetime(2026, 3, 2, 9, tzinfo=UTC)
    tickets = [
        Ticket(id="T-1", account_number="A-gold", priority=Priority.LOW, created_at=t0),
        Ticket(
            id="T-2", account_number="A-2", priority=Priority.LOW, created_at=t0, channel="phone"
        ),
        Ticket(id="T-3", account_number="A-3", priority=Priority.LOW, created_at=t0),
        Ticket(id="T-4", account_number="A-gold", priority=Priority.LOW, created_at=t0),
    ]
    as_of = t0 + 90 * dt.timedelta(minutes=1)
    found = list(evaluate_many(tickets, policies, as_of=as_of, tiers={"A-gold": "gold"}))
    assert [
        ("T-1", "gold", "breached"),
        ("T-2", "phone", "running"),
        ("T-3", "base", "running"),
        ("T-4", "gold", "breached"),
    ] == [(m.ticket_id, m.policy, m.state) for m in found]
    assert {as_of} == {m.as_of for m in found}
