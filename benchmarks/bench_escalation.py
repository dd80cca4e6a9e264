"""Benchmark escalation: route over many contexts, escalation_state per call, the parser.

Run: python benchmarks/bench_escalation.py [--contexts 100000] [--rules 20] [--repeat 3]

* ``route``: first-match routing of N synthetic routing contexts (random
  priorities, tiers, channels, ages, SLA states and tags) over 20 rules of
  one to four comparisons each, most of which miss (so every decision carries
  its explanations); ``route_all`` over the same input.
* ``escalation_state``: one call per random ``as_of`` for a three-level policy
  with two repeats, in real time and in business time (office hours in
  Europe/Amsterdam).
* ``parse_condition``: rule text of growing length, to show the time per
  character stays flat (linear parsing).

Prints the best of ``--repeat`` runs in CPU time of this process (one core;
the machine may be shared, so wall time would measure the neighbours). Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from collections.abc import Callable
from functools import partial

from accountplan.calendars import BusinessCalendar
from accountplan.escalation import (
    EscalationLevel,
    EscalationPolicy,
    RoutingContext,
    RoutingRule,
    escalation_state,
    parse_condition,
    route,
    route_all,
)
from accountplan.tickets import Priority

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TIERS = ["bronze", "silver", "gold", "platinum"]
CHANNELS = ["email", "phone", "web", "chat", "email-eu"]
STATES = ["none", "met", "running", "paused", "breached"]
TAGS = ["vip", "billing", "outage", "security", "onboarding", "api"]


def make_rules(count: int) -> list[RoutingRule]:
    """``count`` rules; the first ones rarely match, the last one often does."""
    texts = [
        "priority == 1 and sla.state == 'breached' and account.tier == 'platinum'",
        "ticket.tags contains 'security' and priority <= 2",
        "account.tier in ['platinum'] and ticket.age > 2d",
        "channel == 'phone' and priority == 1 and ticket.contacts >= 5",
        "sla.remaining_percent < 5 and sla.state == 'running' and account.tier == 'gold'",
        "not ticket.resolved == false",
        "ticket.tags contains 'outage' and (priority <= 2 or account.tier == 'gold')",
        "channel startswith 'email-' and ticket.age > 3d",
        "account.type == 'reseller' and priority <= 3",
        "ticket.contacts_7d >= 6",
        "sla.breaches > 1 and account.tier in ['gold', 'platinum']",
        "priority == 2 and channel == 'chat' and ticket.tags contains 'api'",
        "ticket.age > 6d and priority <= 3 and sla.state != 'met'",
        "account.tier == 'silver' and ticket.tags contains 'billing' and priority == 1",
        "sla.remaining < -1d",
        "channel == 'web' and ticket.tags contains 'onboarding' and priority <= 2",
        "not (priority >= 3 or account.tier in ['bronze', 'silver']) and ticket.age > 4d",
        "ticket.contacts >= 8 and channel != 'chat'",
        "priority <= 2 and ticket.age > 2d",
        "priority <= 3",
    ]
    return [
        RoutingRule(name=f"rule-{i + 1}", when=texts[i % len(texts)], route_to=f"team-{i % 5}")
        for i in range(count)
    ]


def make_contexts(count: int, rng: random.Random) -> list[RoutingContext]:
    out = []
    for _ in range(count):
        values: dict[str, object] = {
            "ticket.priority": rng.choice(list(Priority)),
            "ticket.channel": rng.choice(CHANNELS),
            "ticket.tags": frozenset(rng.sample(TAGS, rng.randint(0, 2))),
            "ticket.age": dt.timedelta(minutes=rng.randint(0, 10 * 24 * 60)),
            "ticket.resolved": False,
            "ticket.contacts": rng.randint(1, 10),
            "ticket.contacts_7d": rng.randint(1, 7),
            "account.tier": rng.choice(TIERS),
            "account.type": rng.choice(["individual", "business", "reseller"]),
            "sla.state": rng.choice(STATES),
            "sla.breaches": rng.randint(0, 2),
        }
        if values["sla.state"] in ("running", "paused"):
            values["sla.remaining"] = dt.timedelta(minutes=rng.randint(-3000, 600))
            values["sla.remaining_percent"] = rng.randint(-100, 100)
        out.append(RoutingContext(as_of=T0, values=values))
    return out


def _states(policy: EscalationPolicy, instants: list[dt.datetime]) -> None:
    for moment in instants:
        escalation_state(policy, triggered_at=T0, as_of=moment)


def _parse_many(text: str) -> None:
    for _ in range(200):
        parse_condition(text)


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contexts", type=int, default=100_000)
    parser.add_argument("--rules", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20260302)
    print(f"Python {sys.version.split()[0]} on {platform.machine()} ({platform.system()})")

    rules = make_rules(args.rules)
    contexts = make_contexts(args.contexts, rng)
    matched = sum(route(c, rules, default="triage").rule is not None for c in contexts[:1000])
    print(f"{args.contexts} contexts, {args.rules} rules ({matched / 10:.0f} % matched a rule)")
    for name, run in (
        ("route", lambda: [route(c, rules, default="triage") for c in contexts]),
        ("route_all", lambda: [route_all(c, rules) for c in contexts]),
    ):
        seconds = best(args.repeat, run)
        per = seconds / len(contexts) * 1e6
        rate = len(contexts) / seconds
        print(f"  {name:<10} {seconds:7.2f} s  {rate:9.0f} contexts/s  {per:6.1f} us each")

    office = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)}
    )
    levels = [
        EscalationLevel(name=f"L{i}", targets=[f"t{i}"], after=dt.timedelta(minutes=30))
        for i in range(1, 4)
    ]
    instants = [T0 + dt.timedelta(minutes=rng.randint(0, 5 * 24 * 60)) for _ in range(10_000)]
    print("escalation_state, 3 levels x 3 passes, 10000 calls")
    for name, calendar in (("real time", None), ("business", office)):
        policy = EscalationPolicy(levels=levels, repeats=2, calendar=calendar)
        seconds = best(args.repeat, partial(_states, policy, instants))
        print(f"  {name:<10} {seconds / len(instants) * 1e6:6.1f} us per call")

    print("parse_condition, time per character")
    unit = "priority <= 2 and account.tier in ['gold', 'platinum'] or ticket.age > 4h"
    for copies in (1, 4, 16, 25):
        text = " or ".join([f"({unit})"] * copies)
        seconds = best(args.repeat, partial(_parse_many, text))
        per_char = seconds / 200 / len(text) * 1e6
        print(f"  {len(text):5d} chars  {seconds / 200 * 1e6:8.1f} us  {per_char:5.2f} us/char")


if __name__ == "__main__":
    main()
