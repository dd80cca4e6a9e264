"""Escalation policies, trigger conditions, audit records and the JSON wire format."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.accounts import Account, AccountStatus, AccountType
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import (
    MAX_LEVELS,
    MAX_REPEATS,
    Condition,
    EscalationAction,
    EscalationKind,
    EscalationLevel,
    EscalationPolicy,
    EscalationRecord,
    EscalationState,
    EscalationStatus,
    Not,
    RoutingRule,
    configure_converter,
    context_for,
    escalation_records,
    escalation_state,
    escalation_timeline,
    escalation_triggers,
    parse_condition,
    route,
    routing_record,
    template_triggers,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.serialization import from_json, make_converter, to_dict, to_json
from accountplan.sla import SlaPolicy, SlaTarget, evaluate
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
from tests.strategies_escalation import MODEL_STRATEGIES, policies, rules

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
AMS = ZoneInfo("Europe/Amsterdam")
MIN = dt.timedelta(minutes=1)


def level(name: str, minutes: int, *targets: str) -> EscalationLevel:
    return EscalationLevel(
        name=name, targets=targets or (name.lower(),), after=dt.timedelta(minutes=minutes)
    )


# PagerDuty's documented behaviour: levels of 30 and 30 minutes, the policy
# repeated twice after the last level (num_loops=2): L1 at 0, L2 at 30, L1 at 60,
# L2 at 90, L1 at 120, L2 at 150, then nothing more.
PAGERDUTY = EscalationPolicy(name="pagerduty", levels=[level("L1", 30), level("L2", 30)], repeats=2)


def minutes(moment: dt.datetime | None) -> int | None:
    return None if moment is None else int((moment - T0) / MIN)


class TestTimeline:
    def test_delays_add_up_and_repeat(self) -> None:
        """Who is notified at which minute, pass after pass."""
        timeline = escalation_timeline(PAGERDUTY, triggered_at=T0, until=T0 + 10 * 60 * MIN)
        assert [
            (0, "L1", 1),
            (30, "L2", 1),
            (60, "L1", 2),
            (90, "L2", 2),
            (120, "L1", 3),
            (150, "L2", 3),
        ] == [(minutes(n.at), n.level, n.pass_number) for n in timeline.notifications]
        assert PAGERDUTY == timeline.policy

    def test_next_escalation_after_minute_75_is_at_90(self) -> None:
        """At minute 75 the second pass is at L1 and L2 is due at minute 90."""
        state = escalation_state(PAGERDUTY, triggered_at=T0, as_of=T0 + 75 * MIN)
        assert 90 == minutes(state.next_escalation_at)
        assert ("L1", 1, 2) == (state.level.name, state.level_number, state.pass_number)
        assert [0, 30, 60] == [minutes(n.at) for n in state.notifications]
        assert EscalationStatus.TRIGGERED == state.status

    @pytest.mark.parametrize(
        ("at", "level_name", "next_at"),
        [(0, "L1", 30), (29, "L1", 30), (30, "L2", 60), (149, "L1", 150), (150, "L2", None)],
    )
    def test_state_at_each_minute(self, at: int, level_name: str, next_at: int | None) -> None:
        """A notification is sent at its instant; after the last, nothing is scheduled."""
        state = escalation_state(PAGERDUTY, triggered_at=T0, as_of=T0 + at * MIN)
        assert (level_name, next_at) == (state.level.name, minutes(state.next_escalation_at))

    def test_exhausted(self) -> None:
        """After the last level of the last pass the escalation is exhausted."""
        state = escalation_state(PAGERDUTY, triggered_at=T0, as_of=T0 + 600 * MIN)
        assert EscalationStatus.EXHAUSTED == state.status
        assert (6, None) == (len(state.notifications), state.next_escalation_at)

    def test_timeline_bound_is_inclusive(self) -> None:
        """until bounds the list; a notification exactly at until is included."""
        timeline = escalation_timeline(PAGERDUTY, triggered_at=T0, until=T0 + 60 * MIN)
        assert [0, 30, 60] == [minutes(n.at) for n in timeline.notifications]
        assert 3 == len(timeline.to_records())

    def test_real_time_across_dst(self) -> None:
        """Without a calendar, delays are real elapsed time, also over a DST change."""
        start = dt.datetime(2026, 3, 29, 1, 30, tzinfo=AMS)  # 00:30 UTC, clocks jump at 02:00
        policy = EscalationPolicy(levels=[level("L1", 60), level("L2", 60)])
        timeline = escalation_timeline(policy, triggered_at=start, until=start + 3 * 60 * MIN)
        second = timeline.notifications[1].at
        assert dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC) == second
        assert "03:30" == second.astimezone(AMS).strftime("%H:%M")


class TestAcknowledgement:
    def test_acknowledgement_stops_escalation(self) -> None:
        """Acknowledged at minute 45: L1 and L2 were notified, nothing more is."""
        state = escalation_state(
            PAGERDUTY, triggered_at=T0, as_of=T0 + 200 * MIN, acknowledged_at=T0 + 45 * MIN
        )
        assert EscalationStatus.ACKNOWLEDGED == state.status
        assert [0, 30] == [minutes(n.at) for n in state.notifications]
        assert (None, "L2") == (state.next_escalation_at, state.level.name)
        assert T0 + 45 * MIN == state.acknowledged_at

    def test_acknowledged_exactly_on_time(self) -> None:
        """Acknowledged at the very minute L2 is due: L2 is not notified."""
        state = escalation_state(
            PAGERDUTY, triggered_at=T0, as_of=T0 + 40 * MIN, acknowledged_at=T0 + 30 * MIN
        )
        assert [0] == [minutes(n.at) for n in state.notifications]

    def test_acknowledged_at_the_trigger(self) -> None:
        """The first level is always notified, even when acknowledged at once."""
        state = escalation_state(PAGERDUTY, triggered_at=T0, as_of=T0, acknowledged_at=T0)
        assert (1, EscalationStatus.ACKNOWLEDGED) == (len(state.notifications), state.status)

    def test_future_acknowledgement_is_not_known_yet(self) -> None:
        """An acknowledgement after as_of does not change the state at as_of."""
        state = escalation_state(
            PAGERDUTY, triggered_at=T0, as_of=T0 + 40 * MIN, acknowledged_at=T0 + 50 * MIN
        )
        assert (EscalationStatus.TRIGGERED, 60) == (
            state.status,
            minutes(state.next_escalation_at),
        )
        assert state.acknowledged_at is None

    def test_resolution_stops_escalation(self) -> None:
        """A resolution stops it too and wins over an earlier acknowledgement in the status."""
        state = escalation_state(
            PAGERDUTY,
            triggered_at=T0,
            as_of=T0 + 100 * MIN,
            acknowledged_at=T0 + 70 * MIN,
            resolved_at=T0 + 80 * MIN,
        )
        assert EscalationStatus.RESOLVED == state.status
        assert [0, 30, 60] == [minutes(n.at) for n in state.notifications]

    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"as_of": T0 - MIN}, InvalidInputError),
            ({"acknowledged_at": T0 - MIN}, InvalidInputError),
            ({"resolved_at": dt.datetime(2026, 3, 2, 10)}, InvalidInputError),
            ({"triggered_at": "2026-03-02T09:00:00Z"}, InvalidInputError),
        ],
    )
    def test_bad_instants(self, changes: dict[str, Any], error: type[Exception]) -> None:
        """Naive instants and instants before the trigger are refused."""
        kwargs: dict[str, Any] = {"triggered_at": T0, "as_of": T0 + MIN, **changes}
        with pytest.raises(error):
            escalation_state(PAGERDUTY, **kwargs)


OFFICE = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)}, name="office"
)


class TestBusinessTime:
    def test_across_a_weekend_and_dst(self) -> None:
        """Business-time delays skip the weekend and the spring-forward Sunday.

        Friday 27 March 2026 16:00 CET (15:00 UTC); clocks go forward on Sunday
        29 March. Two hours of business time: one on Friday, one on Monday
        09:00-10:00 CEST (08:00 UTC); the next two hours end Monday 12:00 CEST.
        """
        start = dt.datetime(2026, 3, 27, 16, 0, tzinfo=AMS)
        policy = EscalationPolicy(
            levels=[level("L1", 120), level("L2", 120)], repeats=1, calendar=OFFICE
        )
        timeline = escalation_timeline(
            policy, triggered_at=start, until=start + dt.timedelta(days=7)
        )
        expected_utc = [
            dt.datetime(2026, 3, 27, 15, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 30, 8, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 30, 10, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 30, 12, 0, tzinfo=dt.UTC),
        ]
        assert expected_utc == [n.at for n in timeline.notifications]
        state = escalation_state(
            policy, triggered_at=start, as_of=dt.datetime(2026, 3, 28, 12, tzinfo=AMS)
        )
        assert dt.datetime(2026, 3, 30, 8, 0, tzinfo=dt.UTC) == state.next_escalation_at

    def test_delay_ending_at_close(self) -> None:
        """A delay that uses up the day ends at the close (Friday 17:00), not on Monday."""
        start = dt.datetime(2026, 3, 27, 16, 0, tzinfo=AMS)
        policy = EscalationPolicy(levels=[level("L1", 60), level("L2", 60)], calendar=OFFICE)
        timeline = escalation_timeline(
            policy, triggered_at=start, until=start + dt.timedelta(days=7)
        )
        assert dt.datetime(2026, 3, 27, 17, 0, tzinfo=AMS) == timeline.notifications[1].at


class TestPolicyValidation:
    def test_limits_and_values(self) -> None:
        """Levels, repeats, delays and targets are checked when the policy is built."""
        with pytest.raises(LimitExceededError):
            EscalationPolicy(levels=[level(f"L{i}", 1) for i in range(MAX_LEVELS + 1)])
        with pytest.raises(LimitExceededError):
            EscalationPolicy(levels=[level("L1", 1)], repeats=MAX_REPEATS + 1)
        with pytest.raises(InvalidInputError, match="zero or more"):
            EscalationPolicy(levels=[level("L1", 1)], repeats=-1)
        with pytest.raises(InvalidInputError, match="'levels' must not be empty"):
            EscalationPolicy(levels=[])
        with pytest.raises(InvalidInputError, match=r"'levels\[1\]\.name' repeats levels\[0\]"):
            EscalationPolicy(levels=[level("L1", 1), level("L1", 2)])
        with pytest.raises(InvalidInputError, match="longer than zero"):
            level("L1", 0)
        with pytest.raises(LimitExceededError):
            level("L1", 31 * 24 * 60)
        with pytest.raises(InvalidInputError, match="'targets' must not be empty"):
            EscalationLevel(name="L1", targets=[], after=MIN)
        with pytest.raises(LimitExceededError, match="'targets' exceeds the limit of 50"):
            EscalationLevel(name="L1", targets=[f"t{n}" for n in range(51)], after=MIN)
        with pytest.raises(InvalidInputError, match="'targets\\[0\\]' must not start or end"):
            EscalationLevel(name="L1", targets=[" oncall"], after=MIN)
        with pytest.raises(InvalidTypeError):
            EscalationPolicy(levels=[level("L1", 1)], calendar="office")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            EscalationPolicy(levels=[level("L1", 1)], repeats=True)

    @settings(max_examples=100)
    @given(policy=policies)
    def test_timeline_is_bounded_and_ordered(self, policy: EscalationPolicy) -> None:
        """A timeline never exceeds levels x passes and its instants never go back."""
        until = T0 + dt.timedelta(days=400)
        notes = escalation_timeline(policy, triggered_at=T0, until=until).notifications
        assert len(notes) == len(policy.levels) * (policy.repeats + 1)
        assert all(a.at < b.at for a, b in itertools.pairwise(notes))


# -- triggers from measured tickets ----------------------------------------------------------

SLA = SlaPolicy(
    name="Standard",
    targets_by_priority={
        p: [SlaTarget(metric="resolution", within=dt.timedelta(hours=8), business_hours=False)]
        for p in Priority
    },
)
GOLD = Account(
    number="A-1",
    name="Acme BV",
    type=AccountType.BUSINESS,
    status=AccountStatus.ACTIVE,
    currency="EUR",
    timezone="Europe/Amsterdam",
    locale="nl_NL",
    tier="gold",
)
TRIGGERS = template_triggers(functional_to="tier2", hierarchical_to="team-lead")


def _ticket(priority: Priority = Priority.MODERATE, *events: TicketEvent) -> Ticket:
    return Ticket(id="T-7", account_number="A-1", priority=priority, created_at=T0, events=events)


def _fired(ticket: Ticket, as_of: dt.datetime, account: Account | None = None) -> list[str]:
    measured = evaluate(ticket, SLA, as_of=as_of)
    found = escalation_triggers(
        ticket, account=account, measurements=measured, as_of=as_of, rules=TRIGGERS
    )
    return [r.rule or "" for r in found]


class TestTriggers:
    def test_sla_at_risk(self) -> None:
        """Below 25 % of the 8 h target left (2 h) the ticket is at risk, not before."""
        ticket = _ticket()
        assert [] == _fired(ticket, T0 + dt.timedelta(hours=6))
        assert ["sla_at_risk"] == _fired(ticket, T0 + dt.timedelta(hours=6, seconds=1))

    def test_breached_and_unresolved(self) -> None:
        """Past the deadline the SLA is breached; after 24 h the ticket is also unresolved."""
        ticket = _ticket()
        assert ["sla_breached"] == _fired(ticket, T0 + dt.timedelta(hours=9))
        assert ["sla_breached", "unresolved"] == _fired(ticket, T0 + dt.timedelta(hours=24))

    def test_resolved_tickets_do_not_escalate(self) -> None:
        """Once resolved, no trigger fires."""
        done = TicketEvent(at=T0 + dt.timedelta(hours=2), kind=TicketEventKind.RESOLVED)
        assert [] == _fired(_ticket(Priority.CRITICAL, done), T0 + dt.timedelta(hours=30), GOLD)

    def test_priority_contacts_and_account(self) -> None:
        """High priority, repeated contacts and a gold account each fire their trigger."""
        replies = [
            TicketEvent(at=T0 + dt.timedelta(minutes=m), kind=TicketEventKind.CUSTOMER_REPLY)
            for m in (10, 20)
        ]
        ticket = _ticket(Priority.HIGH, *replies)
        assert ["high_priority", "repeated_contacts", "high_value_account"] == _fired(
            ticket, T0 + dt.timedelta(hours=1), GOLD
        )

    def test_records_say_why_and_to_whom(self) -> None:
        """Each escalation record names the rule, the target, the kind and the values seen."""
        as_of = T0 + dt.timedelta(hours=7)
        ticket = _ticket()
        (record,) = escalation_triggers(
            ticket,
            account=None,
            measurements=evaluate(ticket, SLA, as_of=as_of),
            as_of=as_of,
            rules=TRIGGERS,
        )
        assert (EscalationAction.ESCALATED, ("tier2",), EscalationKind.FUNCTIONAL) == (
            record.action,
            record.to,
            record.kind,
        )
        assert "sla.remaining_percent < 25 was true (sla.remaining_percent was 12.50)" in (
            record.reason
        )

    def test_measurements_must_match(self) -> None:
        """Measurements of another instant are refused, not silently used."""
        ticket = _ticket()
        stale = evaluate(ticket, SLA, as_of=T0 + dt.timedelta(hours=1))
        with pytest.raises(InvalidInputError, match="as_of"):
            context_for(ticket, measurements=stale, as_of=T0 + dt.timedelta(hours=2))


class TestRecords:
    def test_escalation_records(self) -> None:
        """The audit log lists every notification, then the acknowledgement."""
        state = escalation_state(
            PAGERDUTY, triggered_at=T0, as_of=T0 + 200 * MIN, acknowledged_at=T0 + 45 * MIN
        )
        log = escalation_records(state, ticket_id="T-7")
        assert [
            ("notified", "L1", 1, ("l1",)),
            ("notified", "L2", 1, ("l2",)),
            ("acknowledged", "L2", 1, ()),
        ] == [(r.action.value, r.level, r.pass_number, r.to) for r in log]
        assert {"pagerduty"} == {r.policy for r in log}
        assert T0 + 45 * MIN == log[-1].at

    def test_exhausted_record(self) -> None:
        """An escalation nobody acknowledged ends with an exhausted record."""
        state = escalation_state(PAGERDUTY, triggered_at=T0, as_of=T0 + 600 * MIN)
        assert EscalationAction.EXHAUSTED == escalation_records(state, ticket_id="T")[-1].action

    def test_routing_record(self) -> None:
        """A routing decision becomes an audit record with its explanation."""
        ctx = context_for(_ticket(Priority.CRITICAL), as_of=T0)
        rule = RoutingRule(name="critical", when="priority == 1", route_to="oncall")
        record = routing_record(route(ctx, [rule], default="triage"), ticket_id="T-7", at=T0)
        assert ("critical", ("oncall",)) == (record.rule, record.to)
        assert record.reason.startswith("critical matched")
        with pytest.raises(InvalidTypeError):
            routing_record("oncall", ticket_id="T-7", at=T0)  # type: ignore[arg-type]


# -- JSON ---------------------------------------------------------------------------------------


def _converter(*, as_text: bool = False) -> Any:
    converter = make_converter()
    configure_converter(converter, conditions_as_text=as_text)
    return converter


class TestWire:
    def test_tagged_union_shape(self) -> None:
        """Each condition node carries its kind tag and nothing else is written."""
        tree = parse_condition("priority <= 2 and not ticket.resolved == true")
        assert {
            "kind": "all",
            "conditions": [
                {"kind": "condition", "field": "ticket.priority", "op": "<=", "value": "high"},
                {
                    "kind": "not",
                    "condition": {
                        "kind": "condition",
                        "field": "ticket.resolved",
                        "op": "==",
                        "value": True,
                    },
                },
            ],
        } == to_dict(tree, converter=_converter())

    @settings(max_examples=100)
    @given(rule=rules)
    def test_rules_round_trip_as_json_and_as_text(self, rule: RoutingRule) -> None:
        """Rules round-trip through JSON with tagged trees and with rule text."""
        for converter in (_converter(), _converter(as_text=True)):
            text = to_json(rule, converter=converter)
            assert rule == from_json(text, RoutingRule, converter=converter)

    def test_rule_text_is_accepted_in_json(self) -> None:
        """A stored rule may carry its condition as rule text."""
        text = '{"name": "vip", "when": "account.tier == \'gold\'", "route_to": "tier2"}'
        rule = from_json(text, RoutingRule, converter=_converter())
        assert Condition(field="account.tier", op="==", value="gold") == rule.when

    @pytest.mark.parametrize(
        ("when", "fragment"),
        [
            ({"kind": "maybe"}, 'expected a \'kind\' tag of "condition", "all", "any", "not"'),
            ({"field": "ticket.priority", "op": "==", "value": 1}, "got no 'kind'"),
            ("priority ==", "expected a value"),
            (3, "expected a condition object"),
            ({"kind": "condition", "field": "ticket.x", "op": "==", "value": 1}, "ticket.x"),
        ],
    )
    def test_bad_trees_name_the_path(self, when: Any, fragment: str) -> None:
        """Bad condition JSON is an InvalidInputError at $.when."""
        data = json.dumps({"name": "r", "when": when, "route_to": "x"})
        with pytest.raises(InvalidInputError) as info:
            from_json(data, RoutingRule, converter=_converter())
        assert info.value.path is not None
        assert info.value.path.startswith("$.when")
        assert fragment in str(info.value)

    def test_state_round_trips(self) -> None:
        """An escalation state, with its policy and calendar, round-trips."""
        policy = EscalationPolicy(levels=[level("L1", 60)], repeats=1, calendar=OFFICE, name="p")
        state = escalation_state(policy, triggered_at=T0, as_of=T0 + 90 * MIN)
        text = to_json(state, converter=_converter())
        assert state == from_json(text, EscalationState, converter=_converter())

    def test_record_round_trips(self) -> None:
        """Audit records round-trip; kinds and actions accept their value strings."""
        record = EscalationRecord(
            at=T0, action="notified", ticket_id="T", reason="r", kind="functional", level="L1"
        )
        assert record == from_json(to_json(record), EscalationRecord)
        assert Not(condition=Condition(field="priority", op="==", value=1)) == from_json(
            '{"kind": "not", "condition": "priority == 1"}', Not, converter=_converter()
        )


@pytest.mark.parametrize("model", sorted(MODEL_STRATEGIES, key=str))
@pytest.mark.parametrize("as_text", [False, True])
def test_every_model_round_trips_with_the_hooks(model: type, as_text: bool) -> None:
    """With configure_converter applied (tagged trees or rule text) every model round-trips."""
    converter = _converter(as_text=as_text)

    @settings(max_examples=25)
    @given(value=MODEL_STRATEGIES[model])
    def check(value: Any) -> None:
        assert value == from_json(to_json(value, converter=converter), model, converter=converter)

    check()


def test_configure_converter_checks_its_argument() -> None:
    """Only a cattrs converter can be configured."""
    with pytest.raises(InvalidTypeError):
        configure_converter({})  # type: ignore[arg-type]


@settings(max_examples=100)
@given(policy=policies, offset=st.integers(min_value=0, max_value=20 * 86_400))
def test_state_agrees_with_timeline(policy: EscalationPolicy, offset: int) -> None:
    """Unacknowledged, the state holds the timeline up to as_of and the next one after it."""
    as_of = T0 + dt.timedelta(seconds=offset)
    state = escalation_state(policy, triggered_at=T0, as_of=as_of)
    whole = escalation_timeline(policy, triggered_at=T0, until=T0 + dt.timedelta(days=400))
    sent = [n for n in whole.notifications if n.at <= as_of]
    later = [n.at for n in whole.notifications if n.at > as_of]
    assert sent == list(state.notifications)
    assert (later[0] if later else None) == state.next_escalation_at
    if policy.calendar is None:
        # real time: trigger plus the sum of the delays before each notification
        delays = [lv.after for lv in policy.levels] * (policy.repeats + 1)
        expected = [T0 + sum(delays[:i], dt.timedelta(0)) for i in range(len(delays))]
        assert expected == [n.at for n in whole.notifications]
