"""SLA measurement: clocks, pauses, cycles, priority changes and business hours.

Golden cases follow the worked examples and definitions published by Zendesk,
Jira Service Management (and the Time to SLA app), ServiceNow and Zammad;
each test cites its source.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from accountplan.calendars import BusinessCalendar, CalendarIndex
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.sla import (
    SlaMeasurement,
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaState,
    SlaTarget,
    _measurement,
    evaluate,
    evaluate_many,
    select_policy,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

AMS = ZoneInfo("Europe/Amsterdam")
BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
K = TicketEventKind
MON = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)  # Monday 2 March 2026, 09:00 CET
NINE_TO_FIVE = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)}
)


def ev(at: dt.datetime, kind: TicketEventKind, **extra: Any) -> TicketEvent:
    return TicketEvent(at=at, kind=kind, **extra)


def status(at: dt.datetime, name: str) -> TicketEvent:
    return TicketEvent(at=at, kind=K.STATUS_CHANGED, status=name)


def make_ticket(created: dt.datetime, *events: TicketEvent, **extra: Any) -> Ticket:
    fields: dict[str, Any] = {
        "id": "T-1",
        "account_number": "A-1",
        "priority": Priority.HIGH,
        "created_at": created,
        "events": events,
    }
    fields.update(extra)
    return Ticket(**fields)


def real_policy(
    targets: dict[Priority, list[tuple[str, dt.timedelta]]] | None = None,
    **extra: Any,
) -> SlaPolicy:
    """A policy whose targets count real time around the clock."""
    table = (
        targets
        if targets is not None
        else {
            Priority.HIGH: [
                ("first_response", 2 * H),
                ("next_response", 2 * H),
                ("resolution", 8 * H),
                ("agent_work_time", 8 * H),
                ("requester_wait_time", 8 * H),
                ("on_hold_time", 8 * H),
            ]
        }
    )
    return SlaPolicy(
        name="real",
        targets_by_priority={
            p: [SlaTarget(metric=m, within=w, business_hours=False) for m, w in ts]  # type: ignore[arg-type]
            for p, ts in table.items()
        },
        **extra,
    )


def business_policy(calendar: BusinessCalendar, **targets: dt.timedelta) -> SlaPolicy:
    return SlaPolicy(
        name="business",
        targets_by_priority={
            Priority.HIGH: [SlaTarget(metric=m, within=w) for m, w in targets.items()]  # type: ignore[arg-type]
        },
        calendar=calendar,
    )


def by_metric(found: tuple[SlaMeasurement, ...]) -> dict[tuple[str, int], SlaMeasurement]:
    return {(m.metric, m.cycle): m for m in found}


def wall(m: SlaMeasurement) -> dt.timedelta:
    end = m.stop or m.as_of
    return end.astimezone(UTC) - m.start.astimezone(UTC)


class TestZendeskStatusMetrics:
    """Zendesk's duration metrics, from the definitions in "About native duration
    metrics" (support.zendesk.com/hc/en-us/articles/4408834848154) as restated in
    GitLab's handbook "Zendesk metrics definitions": requester wait time counts
    New, Open and On-hold; agent work time counts New and Open; on-hold time
    counts On-hold; next reply time runs from an end-user reply to the next
    public agent reply."""

    def ticket(self) -> Ticket:
        return make_ticket(
            MON,
            ev(MON + H, K.AGENT_REPLY),
            status(MON + H, "pending"),
            ev(MON + 3 * H, K.CUSTOMER_REPLY),
            status(MON + 3 * H, "open"),
            status(MON + 4 * H, "on_hold"),
            status(MON + 6 * H, "open"),
            ev(MON + 6.5 * H, K.AGENT_REPLY),
            ev(MON + 7 * H, K.RESOLVED),
        )

    def test_each_metric(self) -> None:
        """Each status-time metric counts exactly its statuses."""
        found = by_metric(evaluate(self.ticket(), real_policy(), as_of=MON + 10 * H))
        assert H == found["first_response", 1].elapsed
        assert 3.5 * H == found["next_response", 1].elapsed
        assert 3 * H == found["agent_work_time", 1].elapsed  # new 1h + open 1h + open 1h
        assert 5 * H == found["requester_wait_time", 1].elapsed  # + on-hold 2h
        assert 2 * H == found["on_hold_time", 1].elapsed
        assert 3 * H == found["resolution", 1].elapsed  # pending and on-hold pause it
        assert 4 * H == found["resolution", 1].paused
        assert "breached" == found["next_response", 1].state  # 3.5 h on a 2 h target
        assert {"met"} == {m.state for k, m in found.items() if k[0] != "next_response"}

    def test_total_resolution_without_pauses(self) -> None:
        """With no pause statuses, resolution is Zendesk's total resolution time."""
        policy = real_policy(pause_on=())
        found = by_metric(evaluate(self.ticket(), policy, as_of=MON + 10 * H))
        assert 7 * H == found["resolution", 1].elapsed

    def test_next_reply_cycles(self) -> None:
        """Each end-user reply after an agent reply starts a new next-reply cycle."""
        ticket = make_ticket(
            MON,
            ev(MON + H, K.AGENT_REPLY),
            ev(MON + 2 * H, K.CUSTOMER_REPLY),
            ev(MON + 2.5 * H, K.CUSTOMER_REPLY),  # still the same cycle
            ev(MON + 5 * H, K.AGENT_REPLY),
            ev(MON + 6 * H, K.CUSTOMER_REPLY),
            ev(MON + 7 * H, K.AGENT_REPLY),
            ev(MON + 8 * H, K.CUSTOMER_REPLY),
        )
        found = [
            m
            for m in evaluate(ticket, real_policy(), as_of=MON + 9 * H)
            if m.metric == "next_response"
        ]
        assert [1, 2, 3] == [m.cycle for m in found]
        assert ["breached", "met", "running"] == [m.state for m in found]
        assert [3 * H, H, H] == [m.elapsed for m in found]
        assert MON + 10 * H == found[2].deadline


class TestClocks:
    def test_first_response_cancelled_when_resolved_without_reply(self) -> None:
        """Resolving before any agent reply cancels the first-response clock."""
        ticket = make_ticket(MON, ev(MON + H, K.RESOLVED))
        first = by_metric(evaluate(ticket, real_policy(), as_of=MON + 2 * H))["first_response", 1]
        assert "cancelled" == first.state
        assert first.deadline is None
        assert "resolved before any agent reply" == first.note

    def test_next_response_cancelled_by_close(self) -> None:
        """Closing the ticket before the agent answers cancels the next-response cycle."""
        ticket = make_ticket(
            MON,
            ev(MON + H, K.AGENT_REPLY),
            ev(MON + 2 * H, K.CUSTOMER_REPLY),
            ev(MON + 3 * H, K.CLOSED),
        )
        found = by_metric(evaluate(ticket, real_policy(), as_of=MON + 4 * H))
        assert "cancelled" == found["next_response", 1].state
        assert "met" == found["resolution", 1].state
        assert "closed" == found["resolution", 1].note

    def test_running_then_breached(self) -> None:
        """A running clock is breached as soon as as_of passes its deadline."""
        ticket = make_ticket(MON)
        policy = real_policy({Priority.HIGH: [("first_response", 2 * H)]})
        at_deadline = evaluate(ticket, policy, as_of=MON + 2 * H)[0]
        assert "running" == at_deadline.state
        assert dt.timedelta(0) == at_deadline.remaining
        assert MON + 2 * H == at_deadline.deadline
        late = evaluate(ticket, policy, as_of=MON + 2 * H + M)[0]
        assert "breached" == late.state
        assert -M == late.remaining
        assert MON + 2 * H == late.deadline

    def test_paused_has_no_deadline(self) -> None:
        """A paused clock that has not reached its target has no deadline yet."""
        ticket = make_ticket(MON, status(MON + H, "pending"))
        resolution = by_metric(evaluate(ticket, real_policy(), as_of=MON + 3 * H))["resolution", 1]
        assert "paused" == resolution.state
        assert resolution.deadline is None
        assert ((MON, MON + H),) == resolution.counted
        assert ((MON + H, MON + 3 * H),) == resolution.pauses

    def test_paused_after_breach_is_breached(self) -> None:
        """A clock that went past its target before pausing stays breached."""
        ticket = make_ticket(MON, status(MON + 9 * H, "pending"))
        resolution = by_metric(evaluate(ticket, real_policy(), as_of=MON + 10 * H))["resolution", 1]
        assert "breached" == resolution.state
        assert MON + 8 * H == resolution.deadline

    def test_jira_pause_moves_target_date(self) -> None:
        """A 10-minute pause moves the target 10 minutes later (Time to SLA for
        Jira, "Set When the SLA Pauses", appfire.atlassian.net/wiki/spaces/TTS/pages/43876910)."""
        ticket = make_ticket(MON, status(MON + H, "pending"), status(MON + H + 10 * M, "open"))
        policy = real_policy({Priority.HIGH: [("resolution", 4 * H)]})
        without = evaluate(make_ticket(MON), policy, as_of=MON + 2 * H)[0]
        with_pause = evaluate(ticket, policy, as_of=MON + 2 * H)[0]
        assert 10 * M == with_pause.deadline - without.deadline  # type: ignore[operator]

    def test_events_after_as_of_ignored(self) -> None:
        """Time travel: the ticket as it looked before later events."""
        ticket = make_ticket(MON, ev(MON + H, K.AGENT_REPLY), ev(MON + 5 * H, K.RESOLVED))
        earlier = by_metric(evaluate(ticket, real_policy(), as_of=MON + 30 * M))
        assert "running" == earlier["first_response", 1].state
        assert "running" == earlier["resolution", 1].state
        assert 30 * M == earlier["resolution", 1].elapsed

    def test_as_of_checks(self) -> None:
        """as_of before creation or naive is refused; tickets must be tickets."""
        with pytest.raises(InvalidInputError, match="creation"):
            evaluate(make_ticket(MON), real_policy(), as_of=MON - M)
        with pytest.raises(InvalidInputError):
            evaluate(make_ticket(MON), real_policy(), as_of=dt.datetime(2026, 3, 3))
        with pytest.raises(InvalidInputError):
            evaluate("T-1", real_policy(), as_of=MON)  # type: ignore[arg-type]

    def test_no_targets_no_measurements(self) -> None:
        """A priority without targets yields no measurements."""
        assert () == evaluate(make_ticket(MON, priority=Priority.LOW), real_policy(), as_of=MON + H)


class TestReopen:
    def ticket(self) -> Ticket:
        return make_ticket(
            MON,
            ev(MON + 2 * H, K.RESOLVED),
            ev(MON + 5 * H, K.REOPENED),
            ev(MON + 6 * H, K.RESOLVED),
        )

    def test_continue(self) -> None:
        """Reopening continues the clock; the resolved stretch counts as paused."""
        policy = real_policy({Priority.HIGH: [("resolution", 4 * H)]})
        [resolution] = evaluate(self.ticket(), policy, as_of=MON + 7 * H)
        assert (1, 3 * H, 3 * H) == (resolution.cycle, resolution.elapsed, resolution.paused)
        assert MON + 6 * H == resolution.stop
        assert "met" == resolution.state
        reopened = evaluate(self.ticket(), policy, as_of=MON + 5.5 * H)[0]
        assert "running" == reopened.state
        assert reopened.stop is None

    def test_new_cycle(self) -> None:
        """Reopening starts a new resolution cycle with its own target."""
        policy = real_policy({Priority.HIGH: [("resolution", 4 * H)]}, on_reopen="new_cycle")
        found = evaluate(self.ticket(), policy, as_of=MON + 7 * H)
        assert [(1, 2 * H), (2, H)] == [(m.cycle, m.elapsed) for m in found]
        assert MON + 5 * H == found[1].start


class TestPriorityChange:
    """ServiceNow "retroactive start": an incident raised at 3 - Moderate and
    changed to 1 - Critical after 3 hours gets the Critical SLA counted from
    when the incident was created (ServiceNow docs, "Configure retroactive
    start", as quoted in the ServiceNow community thread "What is retroactive
    in service now")."""

    def ticket(self) -> Ticket:
        return make_ticket(
            MON,
            ev(MON + 3 * H, K.PRIORITY_CHANGED, priority=Priority.CRITICAL),
            priority=Priority.MODERATE,
        )

    def policy(self, rule: str) -> SlaPolicy:
        return real_policy(
            {
                Priority.CRITICAL: [("resolution", 4 * H)],
                Priority.MODERATE: [("resolution", 3 * 24 * H)],
            },
            on_priority_change=rule,
        )

    def test_retarget_keeps_the_start(self) -> None:
        """Retarget: the Critical target counts from creation."""
        [m] = evaluate(self.ticket(), self.policy("retarget"), as_of=MON + 3.5 * H)
        assert (Priority.CRITICAL, MON, 3.5 * H, "running") == (
            m.priority,
            m.start,
            m.elapsed,
            m.state,
        )
        assert MON + 4 * H == m.deadline
        [late] = evaluate(self.ticket(), self.policy("retarget"), as_of=MON + 5 * H)
        assert "breached" == late.state

    def test_before_the_change(self) -> None:
        """Before the change the Moderate target applies."""
        [m] = evaluate(self.ticket(), self.policy("retarget"), as_of=MON + 2 * H)
        assert (Priority.MODERATE, 3 * 24 * H) == (m.priority, m.target)

    def test_restart(self) -> None:
        """Restart: the running measurement is cancelled and a new cycle starts."""
        found = evaluate(self.ticket(), self.policy("restart"), as_of=MON + 5 * H)
        assert [("cancelled", Priority.MODERATE), ("running", Priority.CRITICAL)] == [
            (m.state, m.priority) for m in found
        ]
        assert (MON + 3 * H, 2 * H) == (found[1].start, found[1].elapsed)
        assert "priority changed to critical: restarted" == found[0].note

    def test_restart_response_clocks(self) -> None:
        """Restart also renews running response clocks."""
        ticket = make_ticket(
            MON,
            ev(MON + H, K.AGENT_REPLY),
            ev(MON + 2 * H, K.CUSTOMER_REPLY),
            ev(MON + 3 * H, K.PRIORITY_CHANGED, priority=Priority.CRITICAL),
            priority=Priority.HIGH,
        )
        table = {
            p: [("first_response", H), ("next_response", H)]
            for p in (Priority.HIGH, Priority.CRITICAL)
        }
        found = evaluate(
            ticket, real_policy(table, on_priority_change="restart"), as_of=MON + 4 * H
        )
        assert [
            ("first_response", 1, "met"),
            ("next_response", 1, "cancelled"),
            ("next_response", 2, "running"),
        ] == [(m.metric, m.cycle, m.state) for m in found]
        unanswered = make_ticket(MON, ev(MON + H, K.PRIORITY_CHANGED, priority=Priority.CRITICAL))
        first = evaluate(
            unanswered, real_policy(table, on_priority_change="restart"), as_of=MON + 90 * M
        )
        assert [("cancelled", 1), ("running", 2)] == [
            (m.state, m.cycle) for m in first if m.metric == "first_response"
        ]

    def test_same_priority_is_no_change(self) -> None:
        """Setting the same priority again changes nothing."""
        ticket = make_ticket(MON, ev(MON + H, K.PRIORITY_CHANGED, priority=Priority.HIGH))
        found = evaluate(ticket, real_policy(on_priority_change="restart"), as_of=MON + 2 * H)
        assert {1} == {m.cycle for m in found}

    def test_stopped_measurement_keeps_its_target(self) -> None:
        """A priority change after the stop does not touch a finished measurement."""
        ticket = make_ticket(
            MON,
            ev(MON + H, K.AGENT_REPLY),
            ev(MON + 2 * H, K.PRIORITY_CHANGED, priority=Priority.LOW),
        )
        found = evaluate(ticket, real_policy(), as_of=MON + 3 * H)
        assert [("first_response", Priority.HIGH)] == [
            (m.metric, m.priority) for m in found if m.stop
        ]


class TestBusinessHours:
    def test_zammad_escalation_next_morning(self) -> None:
        """A 2-hour first response for a mail at 16:00 with business hours ending
        17:00 escalates one hour after the next working day starts (Zammad
        community, "[solved] SLA escalation calculation",
        community.zammad.org/t/solved-sla-escalation-calculation/1905)."""
        calendar = BusinessCalendar.weekly(
            "Europe/Berlin", hours={d: [("09:00", "17:00")] for d in range(5)}
        )
        friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=BERLIN)
        [m] = evaluate(
            make_ticket(friday), business_policy(calendar, first_response=2 * H), as_of=friday + H
        )
        assert dt.datetime(2026, 3, 9, 10, 0, tzinfo=BERLIN) == m.deadline
        assert (H, "running") == (m.elapsed, m.state)

    def test_zammad_sixteen_hours_is_two_days(self) -> None:
        """With 8 business hours a day a 16-hour target takes two business days
        (Zammad admin docs, "How do SLAs work", admin-docs.zammad.org), and a
        deadline that uses up a day ends at its close: Tuesday 17:00, not Wednesday 09:00."""
        [m] = evaluate(
            make_ticket(MON), business_policy(NINE_TO_FIVE, resolution=16 * H), as_of=MON
        )
        assert dt.datetime(2026, 3, 3, 17, 0, tzinfo=AMS) == m.deadline

    @pytest.mark.parametrize(
        ("reply", "state"),
        [
            (dt.datetime(2026, 3, 2, 17, 0, tzinfo=AMS), "met"),  # exactly on target
            (dt.datetime(2026, 3, 3, 9, 0, tzinfo=AMS), "met"),  # the night adds nothing
            (dt.datetime(2026, 3, 3, 9, 0, 1, tzinfo=AMS), "breached"),
        ],
    )
    def test_exact_on_target(self, reply: dt.datetime, state: str) -> None:
        """Met iff elapsed <= target: a reply exactly on target is met."""
        ticket = make_ticket(MON, ev(reply, K.AGENT_REPLY))
        [m] = evaluate(ticket, business_policy(NINE_TO_FIVE, first_response=8 * H), as_of=reply)
        assert state == m.state
        assert dt.datetime(2026, 3, 2, 17, 0, tzinfo=AMS) == m.deadline

    def test_dst_weekend_in_business_calendar(self) -> None:
        """Friday 16:00 CET + 4 business hours is Monday 12:00 CEST across the
        EU clock change of 29 March 2026; the weekend counts as outside hours."""
        friday = dt.datetime(2026, 3, 27, 16, 0, tzinfo=AMS)
        monday_noon = dt.datetime(2026, 3, 30, 12, 0, tzinfo=AMS)
        [m] = evaluate(
            make_ticket(friday), business_policy(NINE_TO_FIVE, resolution=4 * H), as_of=monday_noon
        )
        assert monday_noon == m.deadline
        assert 4 * H == m.elapsed
        assert 67 * H == wall(m)  # 15:00Z Friday to 10:00Z Monday
        assert 63 * H == m.outside_hours
        assert ("running", dt.timedelta(0)) == (m.state, m.remaining)

    @pytest.mark.parametrize(
        ("start", "end", "hours"),
        [
            (
                dt.datetime(2026, 3, 28, 12, 0, tzinfo=AMS),
                dt.datetime(2026, 3, 29, 12, 0, tzinfo=AMS),
                23,
            ),
            (
                dt.datetime(2026, 10, 24, 12, 0, tzinfo=AMS),
                dt.datetime(2026, 10, 25, 12, 0, tzinfo=AMS),
                25,
            ),
        ],
    )
    def test_dst_weekend_in_always_open_calendar(
        self, start: dt.datetime, end: dt.datetime, hours: int
    ) -> None:
        """A 24x7 calendar counts real hours: 23 on the spring-forward day, 25 in autumn."""
        policy = business_policy(BusinessCalendar.always("Europe/Amsterdam"), resolution=48 * H)
        [m] = evaluate(make_ticket(start), policy, as_of=end)
        assert hours * H == m.elapsed
        assert dt.timedelta(0) == m.outside_hours

    def test_pause_across_a_night(self) -> None:
        """A pause from Monday 16:00 to Tuesday 10:00 stops the clock; the
        deadline consumes the running segments in order."""
        ticket = make_ticket(
            dt.datetime(2026, 3, 2, 15, 0, tzinfo=AMS),
            status(dt.datetime(2026, 3, 2, 16, 0, tzinfo=AMS), "pending"),
            status(dt.datetime(2026, 3, 3, 10, 0, tzinfo=AMS), "open"),
        )
        as_of = dt.datetime(2026, 3, 3, 11, 0, tzinfo=AMS)
        [m] = evaluate(ticket, business_policy(NINE_TO_FIVE, resolution=4 * H), as_of=as_of)
        assert (2 * H, 2 * H, 16 * H) == (m.elapsed, m.paused, m.outside_hours)
        assert dt.datetime(2026, 3, 3, 13, 0, tzinfo=AMS) == m.deadline

    def test_two_holds_in_one_day(self) -> None:
        """Two on-hold stretches on one day both pause resolution and both count
        as on-hold time; 4.5 business hours on a 4.5-hour target is met."""
        ticket = make_ticket(
            MON,
            status(MON + H, "on_hold"),
            status(MON + 2 * H, "open"),
            status(MON + 4 * H, "on_hold"),
            status(MON + 5.5 * H, "open"),
            ev(MON + 7 * H, K.RESOLVED),
        )
        policy = business_policy(NINE_TO_FIVE, resolution=4.5 * H, on_hold_time=2 * H)
        found = by_metric(evaluate(ticket, policy, as_of=MON + 8 * H))
        resolution, hold = found["resolution", 1], found["on_hold_time", 1]
        assert (4.5 * H, 2.5 * H, "met") == (
            resolution.elapsed,
            resolution.paused,
            resolution.state,
        )
        assert MON + 7 * H == resolution.deadline
        assert (2.5 * H, "breached") == (hold.elapsed, hold.state)
        assert MON + 5 * H == hold.deadline
        tighter = business_policy(NINE_TO_FIVE, resolution=4.5 * H - dt.timedelta(seconds=1))
        assert "breached" == evaluate(ticket, tighter, as_of=MON + 8 * H)[0].state

    def test_holiday_skipped(self) -> None:
        """A holiday holds no working time: Good Friday and Easter Monday off."""
        calendar = BusinessCalendar.weekly(
            "Europe/Amsterdam",
            hours={d: [("09:00", "17:00")] for d in range(5)},
            holidays=[dt.date(2026, 4, 3), dt.date(2026, 4, 6)],
        )
        thursday = dt.datetime(2026, 4, 2, 16, 0, tzinfo=AMS)
        [m] = evaluate(
            make_ticket(thursday), business_policy(calendar, first_response=2 * H), as_of=thursday
        )
        assert dt.datetime(2026, 4, 7, 10, 0, tzinfo=AMS) == m.deadline

    def test_business_target_needs_calendar(self) -> None:
        """A business-hours target without a calendar is refused."""
        with pytest.raises(InvalidInputError, match="calendar"):
            SlaPolicy(
                name="x",
                targets_by_priority={Priority.HIGH: [SlaTarget(metric="resolution", within=H)]},
            )

    def test_target_beyond_calendar_horizon(self) -> None:
        """A deadline the calendar cannot reach is reported, not invented."""
        calendar = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "09:01")]})
        late = dt.datetime(2199, 12, 20, 9, 0, tzinfo=UTC)
        with pytest.raises(LimitExceededError):
            evaluate(make_ticket(late), business_policy(calendar, resolution=3000 * H), as_of=late)


class TestPolicies:
    def test_target_validation(self) -> None:
        """Targets are non-negative durations up to ten years, for known metrics."""
        with pytest.raises(InvalidInputError):
            SlaTarget(metric="resolution", within=-H)
        with pytest.raises(LimitExceededError):
            SlaTarget(metric="resolution", within=dt.timedelta(days=4000))
        with pytest.raises(InvalidInputError):
            SlaTarget(metric="happiness", within=H)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            SlaTarget(metric="resolution", within=3600)

    def test_policy_validation(self) -> None:
        """Policies refuse duplicate metrics, bad statuses, bad modes and bad calendars."""
        target = SlaTarget(metric="resolution", within=H, business_hours=False)
        with pytest.raises(
            InvalidInputError, match=r"repeats targets_by_priority\[high\]\[0\]\.metric"
        ):
            SlaPolicy(name="x", targets_by_priority={Priority.HIGH: [target, target]})
        with pytest.raises(InvalidInputError):
            SlaPolicy(name="x", targets_by_priority=[target])
        assert SlaPolicy(name="x", targets_by_priority={"high": [target]}) == SlaPolicy(
            name="x", targets_by_priority={Priority.HIGH: [target]}
        )
        with pytest.raises(InvalidInputError, match="must be one of 'critical'"):
            SlaPolicy(name="x", targets_by_priority={"urgent": [target]})
        with pytest.raises(InvalidInputError):
            SlaPolicy(name="x", targets_by_priority={Priority.HIGH: "resolution"})
        with pytest.raises(InvalidInputError):
            SlaPolicy(name="x", targets_by_priority={}, pause_on="pending")
        with pytest.raises(InvalidInputError):
            SlaPolicy(name="x", targets_by_priority={}, pause_on=["Pending"])
        with pytest.raises(InvalidInputError):
            SlaPolicy(name="x", targets_by_priority={}, on_reopen="reset")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            SlaPolicy(name="x", targets_by_priority={}, calendar="24x7")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            SlaPolicy(name=" ", targets_by_priority={})
        policy = SlaPolicy(name="x", targets_by_priority={Priority.HIGH: [target]})
        assert policy.target(Priority.LOW, "resolution") is None
        assert target == policy.target(Priority.HIGH, "resolution")

    def test_policy_set_picks_first_match(self) -> None:
        """Rules are checked in order; the default applies when none matches."""
        gold = real_policy()
        phone = real_policy({Priority.HIGH: [("first_response", H)]})
        standard = real_policy({})
        rules = [
            SlaPolicyRule(policy=gold, tiers=["gold"], tags=["vip"]),
            SlaPolicyRule(policy=phone, channels=["phone"], priorities=[Priority.HIGH]),
        ]
        policies = SlaPolicySet(rules=rules, default=standard)
        vip = make_ticket(MON, tags=["vip"], channel="phone")
        assert gold is select_policy(policies, vip, tier="gold")
        assert phone is select_policy(policies, vip, tier="silver")
        assert phone is select_policy(policies, make_ticket(MON, channel="phone"), tier="gold")
        assert standard is select_policy(
            policies, make_ticket(MON, channel="phone", priority=Priority.LOW)
        )
        assert standard is select_policy(policies, make_ticket(MON))
        found = evaluate(make_ticket(MON, channel="phone"), policies, as_of=MON + H)
        assert ["first_response"] == [m.metric for m in found]

    def test_policy_set_validation(self) -> None:
        """Policy sets hold rules, rules hold policies and sets of values."""
        with pytest.raises(InvalidInputError):
            SlaPolicySet(default=real_policy(), rules="gold")
        with pytest.raises(InvalidInputError):
            SlaPolicySet(default=real_policy(), rules=[real_policy()])
        with pytest.raises(LimitExceededError):
            SlaPolicySet(default=real_policy(), rules=[SlaPolicyRule(policy=real_policy())] * 1001)
        with pytest.raises(InvalidInputError):
            SlaPolicyRule(policy=real_policy(), tiers="gold")
        with pytest.raises(InvalidInputError):
            SlaPolicyRule(policy=real_policy(), priorities="high")
        with pytest.raises(InvalidInputError):
            select_policy("gold", make_ticket(MON))  # type: ignore[arg-type]


class TestMany:
    def test_streams_lazily(self) -> None:
        """evaluate_many is lazy: it consumes tickets one at a time."""

        def endless() -> Iterator[Ticket]:
            for n in itertools.count():
                yield make_ticket(MON, id=f"T-{n}")

        stream = evaluate_many(
            endless(), real_policy({Priority.HIGH: [("first_response", H)]}), as_of=MON + 2 * H
        )
        first = list(itertools.islice(stream, 3))
        assert ["T-0", "T-1", "T-2"] == [m.ticket_id for m in first]

    def test_policy_set_with_tiers(self) -> None:
        """Tiers come from a mapping of account numbers."""
        gold = real_policy({Priority.HIGH: [("first_response", H)]})
        policies = SlaPolicySet(
            rules=[SlaPolicyRule(policy=gold, tiers=["gold"])], default=real_policy({})
        )
        tickets = [
            make_ticket(MON, id="T-1", account_number="A-1"),
            make_ticket(MON, id="T-2", account_number="A-2"),
        ]
        found = list(evaluate_many(tickets, policies, as_of=MON + H, tiers={"A-1": "gold"}))
        assert ["T-1"] == [m.ticket_id for m in found]

    def test_checks(self) -> None:
        """Bad items and arguments raise InvalidInputError."""
        with pytest.raises(InvalidInputError):
            list(evaluate_many(["T-1"], real_policy(), as_of=MON))  # type: ignore[list-item]
        with pytest.raises(InvalidInputError):
            list(evaluate_many([make_ticket(MON)], real_policy(), as_of=MON - H))

    def test_arguments_are_checked_at_the_call(self) -> None:
        """A bad as_of or policy raises before any ticket is read."""
        with pytest.raises(InvalidInputError) as info:
            evaluate_many([], "policy", as_of=MON)  # type: ignore[arg-type]
        assert "policies" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            evaluate_many([], real_policy(), as_of=dt.datetime(2026, 3, 2, 9))
        assert "as_of" == info.value.field


def test_notes_and_early_customer_replies() -> None:
    """Internal notes are not replies; customer replies before the first agent reply
    start no next-response cycle (Zammad counts only public, customer-visible
    articles as responses: community.zammad.org/t/solved-sla-escalation-calculation/1905)."""
    ticket = make_ticket(
        MON,
        ev(MON + 0.5 * H, K.CUSTOMER_REPLY),
        ev(MON + H, K.AGENT_NOTE),
        ev(MON + 3 * H, K.AGENT_REPLY),
    )
    found = by_metric(evaluate(ticket, real_policy(), as_of=MON + 4 * H))
    assert (3 * H, "breached") == (
        found["first_response", 1].elapsed,
        found["first_response", 1].state,
    )
    assert not [key for key in found if key[0] == "next_response"]


def test_a_pause_up_to_resolving_and_the_resolved_stretch_are_one_pause() -> None:
    """Pauses are maximal stretches: pending until resolved, resolved until reopened."""
    ticket = make_ticket(
        MON,
        status(MON + H, "pending"),
        ev(MON + 2 * H, K.RESOLVED),
        ev(MON + 3 * H, K.REOPENED),
        status(MON + 4 * H, "on_hold"),
    )
    policy = real_policy({Priority.HIGH: [("resolution", 9 * H), ("on_hold_time", H)]})
    found = by_metric(evaluate(ticket, policy, as_of=MON + 5 * H))
    resolution = found["resolution", 1]
    assert ((MON + H, MON + 3 * H), (MON + 4 * H, MON + 5 * H)) == resolution.pauses
    assert ((MON, MON + H), (MON + 3 * H, MON + 4 * H)) == resolution.counted
    on_hold = found["on_hold_time", 1]
    assert ((MON, MON + 4 * H),) == on_hold.pauses
    assert ((MON + 4 * H, MON + 5 * H),) == on_hold.counted
    assert ("running", H) == (on_hold.state, on_hold.elapsed)  # exactly on target, not over
    assert MON + 5 * H == on_hold.deadline


def test_deadline_zones() -> None:
    """Real-time deadlines are in the zone of the clock's start; business ones in the calendar's."""
    tokyo = ZoneInfo("Asia/Tokyo")
    created = MON.astimezone(tokyo)
    ticket = make_ticket(created, ev(MON.astimezone(UTC) + H, K.AGENT_REPLY))
    real = evaluate(
        ticket, real_policy({Priority.HIGH: [("first_response", 2 * H)]}), as_of=MON + H
    )
    deadline = real[0].deadline
    assert deadline is not None
    assert tokyo == deadline.tzinfo
    assert (MON + 2 * H).astimezone(UTC) == deadline.astimezone(UTC)
    business = evaluate(ticket, business_policy(NINE_TO_FIVE, first_response=2 * H), as_of=MON + H)
    deadline = business[0].deadline
    assert deadline is not None
    assert AMS == deadline.tzinfo
    assert (MON + 2 * H).astimezone(UTC) == deadline.astimezone(UTC)


def test_measurements_built_in_bulk_equal_the_constructor() -> None:
    """The bulk builder fills every field, exactly as ``SlaMeasurement(...)`` does."""
    names = [field.name for field in attrs.fields(SlaMeasurement)]
    members = {"priority": Priority.HIGH, "state": SlaState.MET}  # converted by the constructor
    values: list[Any] = [members.get(name, f"value of {name}") for name in names]
    built = _measurement.build(*values)
    assert SlaMeasurement(**dict(zip(names, values, strict=True))) == built
    assert values == [getattr(built, name) for name in names]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.note = "changed"  # type: ignore[misc]


def test_reopening_at_the_instant_of_resolving_leaves_no_pause() -> None:
    """Resolved and reopened in the same instant: the clock continues with no pause between."""
    ticket = make_ticket(
        MON,
        ev(MON + H, K.RESOLVED),
        ev(MON + H, K.REOPENED),
        ev(MON + 3 * H, K.RESOLVED),
    )
    policy = real_policy({Priority.HIGH: [("resolution", 8 * H)]})
    (resolution,) = evaluate(ticket, policy, as_of=MON + 4 * H)
    assert ("met", 3 * H, dt.timedelta(0)) == (
        resolution.state,
        resolution.elapsed,
        resolution.paused,
    )
    assert ((MON, MON + 3 * H),) == resolution.counted
    assert () == resolution.pauses


# -- caller-owned calendar indexes ---------------------------------------------------------


def _office() -> BusinessCalendar:
    return BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={d: [("09:00", "12:00"), ("13:00", "17:00")] for d in range(5)}
    )


def _tickets(count: int) -> list[Ticket]:
    return [
        make_ticket(
            MON + dt.timedelta(hours=7 * i),
            TicketEvent(at=MON + dt.timedelta(hours=7 * i + 3), kind=TicketEventKind.AGENT_REPLY),
            TicketEvent(at=MON + dt.timedelta(hours=7 * i + 30), kind=TicketEventKind.RESOLVED),
            id=f"T-{i}",
        )
        for i in range(count)
    ]


def test_a_caller_owned_index_changes_no_answer() -> None:
    """evaluate and evaluate_many answer the same with the caller's index, without, and equal."""
    calendar = _office()
    policy = business_policy(calendar, first_response=2 * H, resolution=9 * H)
    tickets = _tickets(60)
    as_of = MON + dt.timedelta(days=30)
    index = CalendarIndex(calendar)
    plain = [evaluate(t, policy, as_of=as_of) for t in tickets]
    assert plain == [evaluate(t, policy, as_of=as_of, indexes=[index]) for t in tickets]
    # Many separate calls through one index lay its chunks out, once.
    assert index._chunks
    many = list(evaluate_many(tickets, policy, as_of=as_of))
    assert [m for found in plain for m in found] == many
    assert many == list(evaluate_many(tickets, policy, as_of=as_of, indexes=(index,)))
    # An index of an equal calendar (another object) serves too.
    other = CalendarIndex(_office())
    assert many == list(evaluate_many(tickets, policy, as_of=as_of, indexes=[other]))
    assert other._chunks
    # An index of another calendar is not used for this one.
    unrelated = CalendarIndex(BusinessCalendar.always("UTC"))
    assert many == list(evaluate_many(tickets, policy, as_of=as_of, indexes=[unrelated]))
    assert not unrelated._chunks


def test_bad_indexes_are_refused_at_the_call() -> None:
    """Indexes must be CalendarIndex objects, one per calendar; checked before any measuring."""
    calendar = _office()
    policy = business_policy(calendar, resolution=9 * H)
    ticket = _tickets(1)[0]
    as_of = MON + dt.timedelta(days=3)
    with pytest.raises(InvalidTypeError, match=r"'indexes\[0\]' must be CalendarIndex"):
        evaluate(ticket, policy, as_of=as_of, indexes=[calendar])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match="'indexes' must be a collection"):
        evaluate_many([ticket], policy, as_of=as_of, indexes="index")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"'indexes\[1\]' indexes a calendar"):
        evaluate_many(
            [ticket],
            policy,
            as_of=as_of,
            indexes=[CalendarIndex(calendar), CalendarIndex(_office())],
        )
