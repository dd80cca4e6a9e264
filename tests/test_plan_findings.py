"""validate_plan: one worked case per kind of finding, and properties over generated plans."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accountplan.accounts import LifecyclePolicy
from accountplan.billing import DueRule, Installment, LateFeeComponent, LateFeePolicy, PaymentTerms
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import EscalationLevel, EscalationPolicy, RoutingRule
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.money import Money
from accountplan.plan import (
    CHECK_DAYS,
    FINDING_KINDS,
    SECTIONS,
    AccountPlan,
    CustomerProfile,
    Finding,
    Severity,
    validate_plan,
)
from accountplan.serialization import from_json, to_dict, to_json
from accountplan.sla import SlaPolicy, SlaPolicyRule, SlaPolicySet, SlaTarget
from accountplan.tickets import Priority
from tests.strategies_plan import account_plans, consistent_plans, example_plan

AMS = "Europe/Amsterdam"
PLAN = example_plan()


def found(plan: AccountPlan) -> list[tuple[str, str, str]]:
    """(severity, kind, path) of every finding, in order."""
    return [(f.severity.value, f.kind, f.path) for f in validate_plan(plan)]


def with_channel_calendar(plan: AccountPlan, index: int, calendar: BusinessCalendar) -> AccountPlan:
    """The plan with one channel's calendar replaced."""
    channels = list(plan.communication.channels)
    channels[index] = attrs.evolve(channels[index], calendar=calendar)
    return attrs.evolve(plan, communication=attrs.evolve(plan.communication, channels=channels))


def with_sla(plan: AccountPlan, targets: dict[Priority, list[SlaTarget]]) -> AccountPlan:
    """The plan with the default SLA policy's targets replaced."""
    default = attrs.evolve(plan.sla.default, targets_by_priority=targets)
    return attrs.evolve(plan, sla=SlaPolicySet(default=default))


def test_the_example_plan_is_consistent() -> None:
    """The tutorial's plan gives no findings."""
    assert () == validate_plan(PLAN)


def test_currency_mismatch_anywhere_in_the_plan() -> None:
    """A late fee in pounds and a credit limit in dollars on a euro account are errors."""
    billing = attrs.evolve(
        PLAN.billing,
        late_fee=LateFeePolicy(
            components=[LateFeeComponent(kind="flat", amount=Money(amount="15", currency="GBP"))]
        ),
    )
    extra = {"overview": {"credit_limit": Money(amount="25000", currency="USD")}}
    plan = attrs.evolve(PLAN, billing=billing, extra=extra)
    findings = validate_plan(plan)
    assert [
        ("error", "currency_mismatch", "$.extra.overview.credit_limit"),
        ("error", "currency_mismatch", "$.billing.late_fee.components[0].amount"),
    ] == [(f.severity.value, f.kind, f.path) for f in findings]
    assert ["overview", "billing"] == [f.section for f in findings]
    assert (
        "the amount 15 GBP is not in EUR, the currency the account is billed in (overview.currency)"
    ) == findings[1].message


def test_sla_target_in_real_time_that_office_hours_cannot_meet() -> None:
    """One hour round the clock cannot be met by a phone line closed over the weekend.

    Worked by hand: the phone line keeps 08:30-17:30 on weekdays. A message at
    the Friday closing (2 January 2026, 17:30) is due by 18:30 but waits until
    Monday 08:30, 2 days 15 hours later: the worst of the closed stretches
    (every night misses too, by less). E-mail and the portal are open 24/7.
    """
    plan = with_sla(
        PLAN,
        {
            Priority.CRITICAL: [
                SlaTarget(
                    metric="first_response", within=dt.timedelta(hours=1), business_hours=False
                )
            ]
        },
    )
    findings = validate_plan(plan)
    assert [("error", "sla_unreachable", "$.sla.default.targets_by_priority.critical[0]")] == [
        (f.severity.value, f.kind, f.path) for f in findings
    ]
    assert (
        "the critical first_response target of 1 hour cannot be met on channel 'phone': "
        "a message that arrives at Fri 2026-01-02 17:30, as the channel closes, is due by "
        "Fri 2026-01-02 18:30, but the channel opens only at Mon 2026-01-05 08:30 "
        "(2 days 15 hours later)"
    ) == findings[0].message


def test_a_plan_that_starts_while_the_channel_is_closed() -> None:
    """The window's first instant is an arrival too when the channel is closed then.

    The phone line is closed on Thursday 1 and Friday 2 January 2026 (holidays)
    and the plan starts on the Thursday: a message at its first instant,
    Thursday 00:00, waits until Monday 08:30, 4 days 8 hours 30 minutes. An
    80-hour real-time target is met after every weekend (63 hours) but not
    then; the closing that started the stretch (Wednesday 17:30) lies before
    the plan.
    """
    closed = BusinessCalendar.weekly(
        AMS,
        hours={d: [("08:30", "17:30")] for d in range(5)},
        holidays=[dt.date(2026, 1, 1), dt.date(2026, 1, 2)],
    )
    plan = with_channel_calendar(PLAN, 0, closed)
    target = SlaTarget(metric="first_response", within=dt.timedelta(hours=80), business_hours=False)
    findings = validate_plan(with_sla(plan, {Priority.LOW: [target]}))
    assert ["sla_unreachable"] == [f.kind for f in findings]
    assert (
        "a message that arrives at Thu 2026-01-01 00:00, while the channel is closed, is due "
        "by Sun 2026-01-04 08:00, but the channel opens only at Mon 2026-01-05 08:30 "
        "(4 days 8 hours 30 minutes later)"
    ) in findings[0].message


def test_sla_target_met_in_office_hours_fails_on_a_channel_holiday() -> None:
    """A holiday on the phone line (not in the SLA calendar) makes one hour unreachable.

    The SLA counts office hours without holidays: a message at Thursday 17:30
    is due Friday 2 January 09:30 (critical, 1 hour), 12:30 (high, 4 hours)
    or 16:30 (moderate, 8 hours). The phone line is closed on that Friday, so
    it opens again on Monday 5 January at 08:30: all three are unreachable.
    """
    office = PLAN.communication.channels[0].calendar
    closed_friday = BusinessCalendar.weekly(
        AMS, hours={d: [("08:30", "17:30")] for d in range(5)}, holidays=[dt.date(2026, 1, 2)]
    )
    assert office != closed_friday
    plan = with_channel_calendar(PLAN, 0, closed_friday)
    findings = validate_plan(plan)
    assert [
        ("error", "sla_unreachable", "$.sla.default.targets_by_priority.critical[0]"),
        ("error", "sla_unreachable", "$.sla.default.targets_by_priority.high[0]"),
        ("error", "sla_unreachable", "$.sla.default.targets_by_priority.moderate[0]"),
    ] == [(f.severity.value, f.kind, f.path) for f in findings]
    due = [re.search(r"due by (.*?),", f.message).group(1) for f in findings]  # type: ignore[union-attr]
    assert ["Fri 2026-01-02 09:30", "Fri 2026-01-02 12:30", "Fri 2026-01-02 16:30"] == due
    assert "opens only at Mon 2026-01-05 08:30 (3 days 15 hours later)" in findings[0].message


def test_the_night_the_clocks_go_back_is_an_hour_longer() -> None:
    """Regression: closing gaps were wall-clock differences, so the DST night looked 6 hours.

    A channel open 05:00-23:00 every day is closed 6 real hours a night, and
    a 6-hour real-time target is just met (exactly on target is met). On
    Sunday 25 October 2026 Amsterdam's clocks go back at 03:00: the channel
    closes Saturday 23:00 CEST (21:00 UTC) and opens Sunday 05:00 CET (04:00
    UTC), 7 real hours later, an hour after the deadline (03:00 UTC).
    """
    daily = BusinessCalendar.weekly(AMS, hours={d: [("05:00", "23:00")] for d in range(7)})
    plan = with_channel_calendar(PLAN, 0, daily)
    plan = attrs.evolve(
        plan, maintenance=attrs.evolve(plan.maintenance, review_start=dt.date(2026, 10, 1))
    )
    six_hours = SlaTarget(
        metric="first_response", within=dt.timedelta(hours=6), business_hours=False
    )
    findings = validate_plan(with_sla(plan, {Priority.HIGH: [six_hours]}))
    assert [("error", "sla_unreachable", "$.sla.default.targets_by_priority.high[0]")] == [
        (f.severity.value, f.kind, f.path) for f in findings
    ]
    assert (
        "arrives at Sat 2026-10-24 23:00, as the channel closes, is due by Sun 2026-10-25 "
        "04:00, but the channel opens only at Sun 2026-10-25 05:00 (7 hours later)"
    ) in findings[0].message
    spring = attrs.evolve(plan.maintenance, review_start=dt.date(2026, 6, 1))
    assert () == validate_plan(
        with_sla(attrs.evolve(plan, maintenance=spring), {Priority.HIGH: [six_hours]})
    )


def test_sla_rules_per_channel_are_checked_for_their_channel() -> None:
    """A rule for the phone channel is what phone tickets get; the default is not checked there."""
    real_time = SlaPolicy(
        name="phone",
        targets_by_priority={
            Priority.HIGH: [
                SlaTarget(
                    metric="next_response", within=dt.timedelta(hours=2), business_hours=False
                )
            ]
        },
    )
    sla = attrs.evolve(PLAN.sla, rules=[SlaPolicyRule(policy=real_time, channels={"phone"})])
    assert [("error", "sla_unreachable", "$.sla.rules[0].policy.targets_by_priority.high[0]")] == (
        found(attrs.evolve(PLAN, sla=sla))
    )
    only_email = SlaPolicyRule(policy=real_time, channels={"email"})
    assert [] == found(attrs.evolve(PLAN, sla=attrs.evolve(PLAN.sla, rules=[only_email])))


def test_channel_without_hours() -> None:
    """A channel whose calendar never opens is an error, and its SLA is not checked again."""
    plan = with_channel_calendar(PLAN, 0, BusinessCalendar.weekly(AMS, hours={}))
    findings = validate_plan(plan)
    assert [("error", "channel_without_hours", "$.communication.channels[0].calendar")] == [
        (f.severity.value, f.kind, f.path) for f in findings
    ]
    assert (
        "channel 'phone' has no working hours in the 28 days from 2026-01-01: "
        "no message on it is ever answered"
    ) == findings[0].message


def test_hours_that_cannot_be_checked() -> None:
    """A calendar whose holidays are known only for 2020-2021 cannot answer for 2026."""
    covered = BusinessCalendar.weekly(
        AMS, hours={d: [("08:30", "17:30")] for d in range(5)}, holidays_cover=(2020, 2021)
    )
    plan = with_channel_calendar(PLAN, 0, covered)
    assert [("warning", "hours_unknown", "$.communication.channels[0].calendar")] == found(plan)


def test_plan_starting_at_the_end_of_time_is_reported_not_crashed() -> None:
    """Regression: a review_start on 9999-12-31 overflowed the date arithmetic (OverflowError)."""
    last = attrs.evolve(PLAN.maintenance, review_start=dt.date(9999, 12, 31))
    findings = validate_plan(attrs.evolve(PLAN, maintenance=last))
    assert ["hours_unknown"] * 3 == [f.kind for f in findings]
    assert "'review_start' is too late" in findings[0].message
    past_horizon = attrs.evolve(PLAN.maintenance, review_start=dt.date(2300, 1, 1))
    findings = validate_plan(attrs.evolve(PLAN, maintenance=past_horizon))
    assert ["hours_unknown"] * 3 == [f.kind for f in findings]


def test_dunning_suspension_that_contradicts_the_lifecycle_policy() -> None:
    """The ladder suspends at 30 days: a policy that suspends at 45 or never contradicts it."""
    later = attrs.evolve(PLAN.maintenance, lifecycle=LifecyclePolicy(suspend_after_days=45))
    findings = validate_plan(attrs.evolve(PLAN, maintenance=later))
    assert [("error", "dunning_contradicts_lifecycle", "$.billing.dunning.levels[2]")] == [
        (f.severity.value, f.kind, f.path) for f in findings
    ]
    assert (
        "the dunning ladder suspends service at level 'suspend' (30 days past due), but the "
        "lifecycle policy suspends after 45 days (maintenance.lifecycle.suspend_after_days)"
    ) == findings[0].message
    never = attrs.evolve(PLAN.maintenance, lifecycle=LifecyclePolicy(suspend_after_days=None))
    findings = validate_plan(attrs.evolve(PLAN, maintenance=never))
    assert ["dunning_contradicts_lifecycle"] == [f.kind for f in findings]
    assert "the lifecycle policy never suspends" in findings[0].message


def test_a_ladder_without_suspension_contradicts_nothing() -> None:
    """No suspension step: whatever the lifecycle policy does, nothing is found."""
    assert PLAN.billing.dunning is not None
    levels = [lv for lv in PLAN.billing.dunning.levels if lv.name != "suspend"]
    billing = attrs.evolve(PLAN.billing, dunning=attrs.evolve(PLAN.billing.dunning, levels=levels))
    later = attrs.evolve(PLAN.maintenance, lifecycle=LifecyclePolicy(suspend_after_days=45))
    assert [] == found(attrs.evolve(PLAN, billing=billing, maintenance=later))


def test_direct_debit_without_a_mandate() -> None:
    """Direct debit accepted with no mandate on file is a warning."""
    plan = attrs.evolve(PLAN, billing=attrs.evolve(PLAN.billing, direct_debit=None))
    assert [("warning", "direct_debit_without_mandate", "$.billing.direct_debit")] == found(plan)


def test_reviews_never_scheduled() -> None:
    """Reviews 'as needed' only are never scheduled."""
    plan = attrs.evolve(
        PLAN, maintenance=attrs.evolve(PLAN.maintenance, review_cadence="as_needed")
    )
    assert [("warning", "reviews_never_scheduled", "$.maintenance.review_cadence")] == found(plan)


def test_kpi_without_target() -> None:
    """NPS tracked without a target is a warning at its place in the list."""
    monitoring = attrs.evolve(PLAN.monitoring, kpis=[*PLAN.monitoring.kpis, "nps"])
    findings = validate_plan(attrs.evolve(PLAN, monitoring=monitoring))
    assert [("warning", "kpi_without_target", "$.monitoring.kpis[3]")] == [
        (f.severity.value, f.kind, f.path) for f in findings
    ]
    assert findings[0].message.startswith("KPI 'nps' is tracked without a target")


def test_routing_rule_on_a_field_the_context_never_has() -> None:
    """A rule on the account's tier, for an account without a tier, reads a missing field."""
    plan = attrs.evolve(PLAN, overview=attrs.evolve(PLAN.overview, tier=None))
    findings = validate_plan(plan)
    assert [("warning", "routing_field_missing", "$.escalation.rules[1].when")] == [
        (f.severity.value, f.kind, f.path) for f in findings
    ]
    assert "rule 'gold' reads account.tier" in findings[0].message
    assert "(the overview has no tier)" in findings[0].message


def test_routing_rule_on_sla_clocks_when_no_clock_runs() -> None:
    """Without any SLA target no clock runs, so sla.remaining is never in the context."""
    rules = [
        *PLAN.escalation.rules,
        RoutingRule(name="late", when="sla.remaining < 1h", route_to="tier2"),
    ]
    plan = with_sla(attrs.evolve(PLAN, escalation=attrs.evolve(PLAN.escalation, rules=rules)), {})
    assert [("warning", "routing_field_missing", "$.escalation.rules[2].when")] == found(plan)


def test_routes_to_a_team_no_policy_escalates_to() -> None:
    """A rule and a default route to teams no level notifies are errors."""
    rules = [attrs.evolve(PLAN.escalation.rules[0], route_to="billing_team")]
    escalation = attrs.evolve(PLAN.escalation, rules=rules, default_route="front_office")
    findings = validate_plan(attrs.evolve(PLAN, escalation=escalation))
    assert [
        ("error", "route_without_escalation", "$.escalation.default_route"),
        ("error", "route_without_escalation", "$.escalation.rules[0].route_to"),
    ] == [(f.severity.value, f.kind, f.path) for f in findings]
    assert (
        "tickets routed to 'billing_team' by rule 'urgent' never escalate: "
        "no escalation policy notifies 'billing_team'"
    ) == findings[1].message


def test_escalation_level_with_no_one_to_notify() -> None:
    """A level whose only target is an empty team (or no team at all) notifies no one."""
    policy = EscalationPolicy(
        name="night",
        levels=[
            EscalationLevel(
                name="night_shift", targets=["night_shift"], after=dt.timedelta(hours=1)
            ),
            EscalationLevel(name="director", targets=["Directie"], after=dt.timedelta(hours=1)),
            EscalationLevel(
                name="anyone", targets=["nobody", "Sanne de Vries"], after=dt.timedelta(hours=1)
            ),
        ],
    )
    teams = {**PLAN.escalation.teams, "night_shift": ()}
    escalation = attrs.evolve(
        PLAN.escalation, policies=[*PLAN.escalation.policies, policy], teams=teams
    )
    findings = validate_plan(attrs.evolve(PLAN, escalation=escalation))
    assert [
        ("error", "level_without_recipients", "$.escalation.policies[1].levels[0].targets"),
        ("error", "level_without_recipients", "$.escalation.policies[1].levels[1].targets"),
    ] == [(f.severity.value, f.kind, f.path) for f in findings]
    assert "level 'night_shift' of policy 'night' notifies night_shift" in findings[0].message


def test_findings_come_in_section_then_path_order() -> None:
    """Findings are grouped by section in the template's order, indexes compared as numbers."""
    kpis = [*PLAN.monitoring.kpis, "nps", "dso", "retention_rate", "revenue_growth", "nps"][:7]
    kpis = list(dict.fromkeys(kpis))
    monitoring = attrs.evolve(PLAN.monitoring, kpis=kpis)
    rules = [RoutingRule(name=f"r{i}", when="priority <= 2", route_to="x") for i in range(11)]
    plan = attrs.evolve(
        PLAN,
        monitoring=monitoring,
        escalation=attrs.evolve(PLAN.escalation, rules=rules),
        maintenance=attrs.evolve(PLAN.maintenance, review_cadence="as_needed"),
        billing=attrs.evolve(PLAN.billing, direct_debit=None),
    )
    paths = [f.path for f in validate_plan(plan)]
    assert [
        "$.billing.direct_debit",
        "$.maintenance.review_cadence",
        "$.monitoring.kpis[3]",
        "$.monitoring.kpis[4]",
        "$.monitoring.kpis[5]",
        "$.monitoring.kpis[6]",
        *(f"$.escalation.rules[{i}].route_to" for i in range(11)),
    ] == paths
    assert validate_plan(plan) == validate_plan(plan)


def test_validate_plan_refuses_what_is_not_a_plan() -> None:
    """Only an AccountPlan is checked."""
    with pytest.raises(InvalidTypeError, match="'plan'"):
        validate_plan(to_dict(PLAN))


def test_finding_refuses_bad_values() -> None:
    """Severity, kind, section and path are checked."""
    good: dict[str, Any] = {
        "severity": "error",
        "kind": "currency_mismatch",
        "section": "billing",
        "path": "$.billing",
        "message": "m",
    }
    assert Severity.ERROR is Finding(**good).severity
    for field, value in [
        ("severity", "fatal"),
        ("kind", "typo"),
        ("section", "pricing"),
        ("path", "billing"),
        ("message", ""),
    ]:
        with pytest.raises(InvalidInputError, match=field):
            Finding(**{**good, field: value})


# -- properties ---------------------------------------------------------------


def resolve(data: Any, path: str) -> Any:
    """The value at a JSON path such as ``$.billing.dunning.levels[2]`` or ``$.a["b c"]``."""
    assert path.startswith("$")
    rest = path[1:]
    token = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
    while rest:
        match = token.match(rest)
        assert match, f"bad path {path!r} at {rest!r}"
        name, index, quoted = match.groups()
        if name is not None:
            data = data[name]
        elif index is not None:
            data = data[int(index)]
        else:
            data = data[json.loads(quoted)]
        rest = rest[match.end() :]
    return data


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(plan=consistent_plans())
def test_consistent_plans_give_no_findings(plan: AccountPlan) -> None:
    """Plans whose sections agree (currencies, hours, ladder, targets, routes) stay silent."""
    assert () == validate_plan(plan)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(plan=account_plans())
def test_every_finding_points_into_the_plans_json(plan: AccountPlan) -> None:
    """Any plan: findings are well formed, sorted, stable, and each path resolves in its JSON."""
    findings = validate_plan(plan)
    data = to_dict(plan)
    order = {name: i for i, name in enumerate(SECTIONS)}
    assert [order[f.section] for f in findings] == sorted(order[f.section] for f in findings)
    for finding in findings:
        assert finding.kind in FINDING_KINDS
        section = finding.path.removeprefix("$.").removeprefix("extra.").split(".")[0]
        assert finding.section == re.split(r"[\[.]", section)[0]
        resolve(data, finding.path)
    assert findings == validate_plan(from_json(to_json(plan), AccountPlan))


@given(
    severity=st.sampled_from(list(Severity)),
    kind=st.sampled_from(FINDING_KINDS),
    section=st.sampled_from(SECTIONS),
)
def test_findings_round_trip(severity: Severity, kind: Any, section: Any) -> None:
    """A finding goes through JSON unchanged."""
    finding = Finding(
        severity=severity, kind=kind, section=section, path=f"$.{section}", message="x"
    )
    assert finding == from_json(to_json(finding), Finding)


def test_money_amounts_in_other_sections_are_found_too() -> None:
    """An installment's fixed amount and a dunning minimum are walked like any amount."""
    terms = PaymentTerms(
        installments=[
            Installment(rule=DueRule.net(14), amount=Money(amount="100", currency="CHF")),
            Installment.balance(DueRule.net(44)),
        ]
    )
    assert PLAN.billing.dunning is not None
    dunning = attrs.evolve(PLAN.billing.dunning, minimum_amount=Money(amount=5, currency="SEK"))
    plan = attrs.evolve(PLAN, billing=attrs.evolve(PLAN.billing, terms=terms, dunning=dunning))
    assert [
        ("error", "currency_mismatch", "$.billing.terms.installments[0].amount"),
        ("error", "currency_mismatch", "$.billing.dunning.minimum_amount"),
    ] == sorted(found(plan), key=lambda t: "terms" not in t[2])


# -- a slow oracle for sla_unreachable ----------------------------------------

SLOT = dt.timedelta(minutes=15)


@st.composite
def grid_calendars(draw: st.DrawFn, zone: str) -> BusinessCalendar:
    """Weekly hours on 15-minute marks (some days closed), a few holidays in early 2026."""
    hours: dict[int, list[tuple[str, str]]] = {}
    for day in draw(st.lists(st.integers(0, 6), max_size=7, unique=True)):
        a = draw(st.integers(0, 95))
        b = draw(st.integers(a + 1, 96))
        hours[day] = [(f"{a // 4:02d}:{a % 4 * 15:02d}", f"{b // 4:02d}:{b % 4 * 15:02d}")]
    holidays = draw(st.frozensets(st.dates(dt.date(2026, 3, 1), dt.date(2026, 5, 31)), max_size=4))
    return BusinessCalendar.weekly(zone, hours=hours, holidays=holidays)


def oracle_misses(
    channel: BusinessCalendar,
    sla: BusinessCalendar | None,
    within: dt.timedelta,
    start: dt.datetime,
    end: dt.datetime,
) -> bool | None:
    """Walk every 15 minutes of the window: is some arrival answered after its deadline?

    An arrival at ``t`` with the channel closed can be answered at the first
    slot the channel is open again; its deadline is ``t + within`` in real time,
    or (with an SLA calendar) the end of the slot in which ``within`` of the
    calendar's open slots have passed. ``None`` when the channel never opens again.
    """
    first = start.astimezone(dt.UTC)
    last = end.astimezone(dt.UTC) + dt.timedelta(days=40)
    slots = int((last - first) / SLOT)
    moments = [first + i * SLOT for i in range(slots)]
    channel_open = [channel.is_open(m) for m in moments]
    sla_open = [sla.is_open(m) for m in moments] if sla is not None else None
    needed = within // SLOT
    window = int((end.astimezone(dt.UTC) - first) / SLOT)
    for i in range(window):
        if channel_open[i]:
            continue
        opens = next((j for j in range(i, slots) if channel_open[j]), None)
        if opens is None:
            return None
        due: int | None = i + needed
        if sla_open is not None:
            count, due = 0, None
            for j in range(i, slots):
                count += sla_open[j]
                if count == needed:
                    due = j + 1
                    break
        if due is None:
            return None
        if opens > due:
            return True
    return False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_sla_unreachable_agrees_with_a_slow_walk(data: st.DataObject) -> None:
    """For random hours, holidays, DST weeks and targets, the finding matches the oracle."""
    zone = data.draw(st.sampled_from([AMS, "America/New_York"]))
    channel_calendar = data.draw(grid_calendars(zone))
    business = data.draw(st.booleans())
    sla_calendar = (
        data.draw(grid_calendars(data.draw(st.sampled_from([AMS, "UTC"])))) if business else None
    )
    within = data.draw(st.integers(1, 4 * 96)) * SLOT
    day = data.draw(st.dates(dt.date(2026, 3, 1), dt.date(2026, 4, 30)))  # spans DST changes
    start = dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    end_day = day + dt.timedelta(days=CHECK_DAYS)
    end = dt.datetime(end_day.year, end_day.month, end_day.day, tzinfo=ZoneInfo(zone))
    if sla_calendar is not None and not any(sla_calendar.hours.values()):
        sla_calendar = BusinessCalendar.always(zone)
    expected = oracle_misses(channel_calendar, sla_calendar, within, start, end)
    assume(expected is not None)

    channel = attrs.evolve(PLAN.communication.channels[0], calendar=channel_calendar)
    communication = attrs.evolve(
        PLAN.communication,
        channels=[channel],
        profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
        portal_capabilities=frozenset(),
    )
    target = SlaTarget(metric="first_response", within=within, business_hours=business)
    policy = SlaPolicy(
        name="p", calendar=sla_calendar, targets_by_priority={Priority.LOW: [target]}
    )
    plan = attrs.evolve(
        PLAN,
        communication=communication,
        sla=SlaPolicySet(default=policy),
        maintenance=attrs.evolve(PLAN.maintenance, review_start=day),
    )
    kinds = [f.kind for f in validate_plan(plan)]
    has_hours = any(
        channel_calendar.is_open(start.astimezone(dt.UTC) + i * SLOT)
        for i in range(CHECK_DAYS * 96 + 8)
    )
    if not has_hours:
        assert ["channel_without_hours"] == kinds
    else:
        assert expected == ("sla_unreachable" in kinds), kinds
