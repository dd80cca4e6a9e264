"""SLA behaviour that mutation testing found unpinned, checked against independent answers.

Expected values are worked by hand (the arithmetic is in the comments) or
taken from the documented text of an error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from accountplan.calendars import BusinessCalendar, CalendarIndex
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.sla import (
    CSAT_FIVE_BEST,
    CSAT_ONE_BEST,
    MAX_POLICY_RULES,
    MAX_SCALE_POINTS,
    CreditTier,
    CsatScale,
    SlaMeasurement,
    SlaMeasurements,
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaTarget,
    _availability,
    availability_report,
    compliance,
    csat,
    downtime,
    evaluate,
    service_credit,
    uptime,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

UTC = dt.UTC
T0 = dt.datetime(2026, 4, 1, tzinfo=UTC)
H = dt.timedelta(hours=1)


# -- the mean of a survey ties to even on its seventh place ----------------------------


@pytest.mark.parametrize(
    ("answers", "mean"),
    [
        # 127 x 2 + 3 = 257; 257 / 128 = 2.0078125: a tie, the even 2.007812.
        ([2] * 127 + [3], "2.007812"),
        # 125 x 2 + 3 x 3 = 259; 259 / 128 = 2.0234375: a tie, the even 2.023438.
        ([2] * 125 + [3] * 3, "2.023438"),
        # 2.0234375 minus 1/128: 258 / 128 = 2.015625 exactly.
        ([2] * 126 + [3] * 2, "2.015625"),
        # 1 / 3 above 2: 2.333333... rounds down; 2 / 3 above 2 rounds up.
        ([2, 2, 3], "2.333333"),
        ([2, 3, 3], "2.666667"),
    ],
)
def test_csat_mean_rounds_half_to_even(answers: list[int], mean: str) -> None:
    result = csat(answers, scale=CSAT_FIVE_BEST)
    assert result.mean == Decimal(mean)
    assert str(result.mean) == mean


def test_csat_on_a_descending_scale() -> None:
    """1 = very satisfied: answers 1, 2, 2, 5 give 3 satisfied; score (5 - mean) / 4."""
    result = csat([1, 2, 2, 5], scale=CSAT_ONE_BEST)
    assert (result.responses, result.satisfied) == (4, 3)
    assert result.percent_satisfied == Decimal("75.000000")
    assert result.mean == Decimal("2.500000")
    # (5 - 2.5) / (5 - 1) * 100 = 62.5
    assert result.score == Decimal("62.500000")
    assert result.counts == ((1, 1), (2, 2), (3, 0), (4, 0), (5, 1))


# -- the interval limit, at a small limit ------------------------------------------------


def test_the_interval_limit_counts_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most MAX_INTERVALS pairs: the one past it is refused, naming the count."""
    monkeypatch.setattr(_availability, "MAX_INTERVALS", 3)
    period = (T0, T0 + 10 * H)
    three = [(T0 + n * H, T0 + n * H + H / 2) for n in range(3)]
    assert downtime(period, outages=three) == 3 * H / 2
    with pytest.raises(LimitExceededError) as info:
        uptime(period, outages=[*three, (T0, T0)])
    assert str(info.value) == "'outages' has more than 3 intervals (got 4)"
    assert info.value.limit == 3
    with pytest.raises(LimitExceededError) as info:
        downtime(period, outages=[], maintenance=[*three, *three])
    assert str(info.value) == "'maintenance' has more than 3 intervals (got 4)"


# -- bounds of credit tiers, scales and rule sets ----------------------------------------


@pytest.mark.parametrize("percent", ["0", "0.000001", "99.999999", "100", 0, 100])
def test_a_credit_percent_from_0_to_100_is_accepted(percent: str | int) -> None:
    tier = CreditTier(at_least="99", below="99.9", credit_percent=percent)
    assert tier.credit_percent == Decimal(percent)


@pytest.mark.parametrize(
    ("percent", "error", "message"),
    [
        (
            "abc",
            InvalidInputError,
            "'credit_percent' must be a decimal string such as '12.50' (got 'abc')",
        ),
        (
            1.5,
            InvalidTypeError,
            "'credit_percent' must not be a float; pass a Decimal, an int or a decimal string "
            "such as '0.10' so that the amount is exact (got 1.5)",
        ),
        ("100.000001", InvalidInputError, "'credit_percent' must be a percentage from 0 to 100 "),
        ("-0.000001", InvalidInputError, "'credit_percent' must be a percentage from 0 to 100 "),
    ],
)
def test_a_bad_credit_percent_is_named(
    percent: str | float, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        CreditTier(at_least="99", below="99.9", credit_percent=percent)
    assert str(info.value).startswith(message)


def test_the_scale_limit_is_reported() -> None:
    with pytest.raises(LimitExceededError) as info:
        CsatScale(best=1, worst=101, satisfied_from=1)
    assert info.value.limit == MAX_SCALE_POINTS == 100
    assert str(info.value) == "'best' gives more than 100 points (got 1)"
    # 100 points exactly is a scale.
    assert CsatScale(best=100, worst=1, satisfied_from=90).contains(1)


def test_a_policy_set_holds_up_to_max_policy_rules() -> None:
    policy = SlaPolicy(name="P", targets_by_priority={})
    rule = SlaPolicyRule(policy=policy)
    assert len(SlaPolicySet(default=policy, rules=[rule] * MAX_POLICY_RULES).rules) == 1000
    with pytest.raises(LimitExceededError) as info:
        SlaPolicySet(default=policy, rules=[rule] * (MAX_POLICY_RULES + 1))
    assert info.value.limit == 1000


@pytest.mark.parametrize(("amount", "credit"), [("0", "0.00"), ("0.50", "0.05"), ("0.04", "0.00")])
def test_a_charge_below_one_unit_earns_its_share(amount: str, credit: str) -> None:
    """10 % of 0.50 EUR is 0.05 EUR; of 0.04 EUR it is 0.004, which rounds to 0.00."""
    tier = CreditTier(at_least="99", below="99.9", credit_percent="10")
    charge = Money(amount=amount, currency="EUR")
    found = service_credit(Decimal("99.5"), tiers=[tier], charge=charge)
    assert found == Money(amount=credit, currency="EUR")
    report = availability_report(
        [], first_month=dt.date(2026, 4, 1), months=1, timezone="UTC", tiers=[tier], charge=charge
    )
    assert report.total_credit == Money(amount="0.00", currency="EUR")


# -- caller-owned indexes are checked with exact words -------------------------------------


def test_bad_indexes_are_named_with_their_value() -> None:
    office = BusinessCalendar.weekly("UTC", hours={d: [("09:00", "17:00")] for d in range(5)})
    policy = SlaPolicy(
        name="P",
        targets_by_priority={Priority.HIGH: [SlaTarget(metric="resolution", within=H)]},
        calendar=office,
    )
    ticket = Ticket(id="T-1", account_number="A", priority=Priority.HIGH, created_at=T0)
    with pytest.raises(InvalidTypeError) as info:
        evaluate(ticket, policy, as_of=T0 + H, indexes=5)  # type: ignore[arg-type]
    assert str(info.value) == "'indexes' must be a collection of CalendarIndex (got 5)"
    assert info.value.value == 5
    first, second = CalendarIndex(office), CalendarIndex(office)
    with pytest.raises(InvalidInputError) as refused:
        evaluate(ticket, policy, as_of=T0 + H, indexes=[first, second])
    assert refused.value.field == "indexes[1]"
    assert refused.value.value is second
    assert str(refused.value).startswith(
        "'indexes[1]' indexes a calendar an earlier index already covers "
        "(got CalendarIndex(BusinessCalendar(timezone='UTC', "
    )


def test_a_csat_result_names_its_scale() -> None:
    assert csat([], scale=CSAT_ONE_BEST).scale is CSAT_ONE_BEST
    assert csat([4], scale=CSAT_FIVE_BEST).scale is CSAT_FIVE_BEST


_HORIZON = "1970-01-02T00:00:00+00:00 up to 2199-12-31T00:00:00+00:00 (excluded)"


@pytest.mark.parametrize("first_month", [dt.date(1970, 1, 1), dt.date(2200, 1, 1)])
def test_a_report_month_outside_the_horizon_is_named(first_month: dt.date) -> None:
    with pytest.raises(LimitExceededError) as info:
        availability_report([], first_month=first_month, months=1, timezone="UTC")
    assert str(info.value) == (
        f"'first_month' is outside the supported horizon, {_HORIZON} (got {first_month!r})"
    )
    assert info.value.value == first_month
    assert info.value.limit == _HORIZON


def test_the_first_and_last_reportable_months() -> None:
    first = availability_report([], first_month=dt.date(1970, 2, 1), months=1, timezone="UTC")
    assert first.months[0].start == dt.datetime(1970, 2, 1, tzinfo=ZoneInfo("UTC"))
    last = availability_report([], first_month=dt.date(2199, 11, 1), months=1, timezone="UTC")
    assert last.months[0].end == dt.datetime(2199, 12, 1, tzinfo=ZoneInfo("UTC"))
    with pytest.raises(LimitExceededError) as info:
        availability_report([], first_month=dt.date(2199, 12, 1), months=1, timezone="UTC")
    assert info.value.field == "months"


# -- a policy names each priority once ------------------------------------------------------


def test_a_priority_named_twice_is_refused_naming_the_field() -> None:
    """``Priority.HIGH`` and ``"high"`` are the same priority."""
    targets = [SlaTarget(metric="resolution", within=H)]
    with pytest.raises(InvalidInputError) as info:
        SlaPolicy(name="P", targets_by_priority={Priority.HIGH: targets, "high": targets})
    assert str(info.value) == ("'targets_by_priority' names 'high' more than once (got 'high')")
    assert (info.value.field, info.value.value) == ("targets_by_priority", "high")


# -- compliance by calendar period, in the time zone asked for ---------------------------------

# Tickets answered within the hour; each starts its clock when it is created.
PERIOD_STARTS = (
    # Tuesday 10 February 2026 (ISO week 7: week 1 runs from Monday 29 December 2025).
    dt.datetime(2026, 2, 10, 12, tzinfo=UTC),
    # Tuesday 31 March 2026 22:30Z: already Wednesday 1 April 00:30 in Amsterdam (CEST, +2).
    dt.datetime(2026, 3, 31, 22, 30, tzinfo=UTC),
    # Wednesday 15 July 2026, ISO week 29.
    dt.datetime(2026, 7, 15, 12, tzinfo=UTC),
    # Thursday 31 December 2026 23:30Z: 1 January 2027 00:30 in Amsterdam (CET, +1); 2026
    # has 53 ISO weeks (it starts on a Thursday), the last from 28 December to 3 January.
    dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    # Friday 1 January 2027, still in ISO week 2026-W53.
    dt.datetime(2027, 1, 1, 10, tzinfo=UTC),
)


def _answered_within_the_hour(starts: tuple[dt.datetime, ...]) -> list[SlaMeasurement]:
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.LOW: [SlaTarget(metric="first_response", within=2 * H, business_hours=False)]
        },
    )
    found: list[SlaMeasurement] = []
    for n, created in enumerate(starts):
        reply = TicketEvent(at=created + H, kind=TicketEventKind.AGENT_REPLY)
        ticket = Ticket(
            id=f"T-{n}",
            account_number="A",
            priority=Priority.LOW,
            created_at=created,
            events=[reply],
        )
        found += evaluate(ticket, policy, as_of=created + 24 * H)
    return found


@pytest.mark.parametrize(
    ("by", "tz", "groups"),
    [
        (
            "month",
            "UTC",
            [("2026-02", 1), ("2026-03", 1), ("2026-07", 1), ("2026-12", 1), ("2027-01", 1)],
        ),
        (
            "month",
            "Europe/Amsterdam",
            [("2026-02", 1), ("2026-04", 1), ("2026-07", 1), ("2027-01", 2)],
        ),
        ("quarter", "UTC", [("2026-Q1", 2), ("2026-Q3", 1), ("2026-Q4", 1), ("2027-Q1", 1)]),
        (
            "quarter",
            "Europe/Amsterdam",
            [("2026-Q1", 1), ("2026-Q2", 1), ("2026-Q3", 1), ("2027-Q1", 2)],
        ),
        ("week", "UTC", [("2026-W07", 1), ("2026-W14", 1), ("2026-W29", 1), ("2026-W53", 2)]),
        (
            "week",
            "Europe/Amsterdam",
            [("2026-W07", 1), ("2026-W14", 1), ("2026-W29", 1), ("2026-W53", 2)],
        ),
    ],
)
def test_compliance_by_period_labels_each_start_in_the_zone(
    by: str, tz: str, groups: list[tuple[str, int]]
) -> None:
    """Each measurement counts in the period of its start's local date in ``tz``."""
    report = compliance(_answered_within_the_hour(PERIOD_STARTS), by=[by], tz=tz)  # type: ignore[list-item]
    assert [(group.key, group.met) for group in report.groups] == [
        ((label,), met) for label, met in groups
    ]
    assert (report.total.met, report.total.breached) == (5, 0)


def test_compliance_by_several_periods_and_a_field() -> None:
    """West of UTC: 1 April 2026 03:00Z is still 31 March (23:00 EDT) in New York."""
    starts = (dt.datetime(2026, 4, 1, 3, tzinfo=UTC), dt.datetime(2026, 4, 1, 5, tzinfo=UTC))
    report = compliance(
        _answered_within_the_hour(starts),
        by=["metric", "quarter", "month", "week"],
        tz="America/New_York",
    )
    assert [(group.key, group.met) for group in report.groups] == [
        (("first_response", "2026-Q1", "2026-03", "2026-W14"), 1),
        (("first_response", "2026-Q2", "2026-04", "2026-W14"), 1),
    ]


# -- reports as records: the documented columns, in order, with their values --------------------


def test_a_measurement_record_has_every_column_by_name() -> None:
    """Resolved after 30 minutes against a one-hour, round-the-clock target."""
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.HIGH: [SlaTarget(metric="resolution", within=H, business_hours=False)]
        },
    )
    resolved = TicketEvent(at=T0 + H / 2, kind=TicketEventKind.RESOLVED)
    ticket = Ticket(
        id="T-1", account_number="A", priority=Priority.HIGH, created_at=T0, events=[resolved]
    )
    records = SlaMeasurements(evaluate(ticket, policy, as_of=T0 + 2 * H)).to_records()
    assert records == [
        {
            "ticket_id": "T-1",
            "account_number": "A",
            "channel": "",
            "policy": "P",
            "metric": "resolution",
            "cycle": 1,
            "priority": "high",
            "target": H,
            "business_hours": False,
            "start": T0,
            "stop": T0 + H / 2,
            "as_of": T0 + 2 * H,
            "deadline": T0 + H,
            "elapsed": H / 2,
            "paused": dt.timedelta(0),
            "outside_hours": dt.timedelta(0),
            "state": "met",
            "remaining": H / 2,
            "note": "resolved",
        }
    ]
    assert list(records[0]) == [
        "ticket_id",
        "account_number",
        "channel",
        "policy",
        "metric",
        "cycle",
        "priority",
        "target",
        "business_hours",
        "start",
        "stop",
        "as_of",
        "deadline",
        "elapsed",
        "paused",
        "outside_hours",
        "state",
        "remaining",
        "note",
    ]


def test_a_compliance_record_starts_with_the_group_keys() -> None:
    """Two tickets answered in one and three hours against a two-hour target: 1 met, 1 breached."""
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.LOW: [SlaTarget(metric="first_response", within=2 * H, business_hours=False)]
        },
    )
    found: list[SlaMeasurement] = []
    for n, hours in enumerate((1, 3)):
        reply = TicketEvent(at=T0 + hours * H, kind=TicketEventKind.AGENT_REPLY)
        ticket = Ticket(
            id=f"T-{n}", account_number="A", priority=Priority.LOW, created_at=T0, events=[reply]
        )
        found += evaluate(ticket, policy, as_of=T0 + 24 * H)
    records = compliance(found, by=["priority", "metric"]).to_records()
    # Mean of 1 h and 3 h: 2 h; the median of two values is the mean of the two middle
    # ones: 2 h; p90 and p95 by nearest rank, ceil(0.9 x 2) = 2nd value: 3 h.
    assert records == [
        {
            "priority": "low",
            "metric": "first_response",
            "met": 1,
            "breached": 1,
            "running": 0,
            "cancelled": 0,
            "total": 2,
            "percent": Decimal("50.000000"),
            "mean": 2 * H,
            "median": 2 * H,
            "p90": 3 * H,
            "p95": 3 * H,
        }
    ]
    assert list(records[0])[:3] == ["priority", "metric", "met"]


def test_an_availability_record_names_the_credit_currency() -> None:
    """One hour down in April (30 days, 720 h): 719 / 720 = 99.861111 % (rounded down).

    That is in the 99 to 99.9 tier: 10 % of 100.00 EUR. May is up all month: no credit.
    """
    tier = CreditTier(at_least="99", below="99.9", credit_percent="10")
    report = availability_report(
        [(T0, T0 + H)],
        first_month=dt.date(2026, 4, 1),
        months=2,
        timezone="UTC",
        tiers=[tier],
        charge=Money(amount="100.00", currency="EUR"),
    )
    zone = ZoneInfo("UTC")
    assert report.to_records() == [
        {
            "month": "2026-04",
            "start": dt.datetime(2026, 4, 1, tzinfo=zone),
            "end": dt.datetime(2026, 5, 1, tzinfo=zone),
            "downtime": H,
            "excluded": dt.timedelta(0),
            "uptime": Decimal("99.861111"),
            "credit_percent": Decimal("10"),
            "credit": Decimal("10.00"),
            "currency": "EUR",
        },
        {
            "month": "2026-05",
            "start": dt.datetime(2026, 5, 1, tzinfo=zone),
            "end": dt.datetime(2026, 6, 1, tzinfo=zone),
            "downtime": dt.timedelta(0),
            "excluded": dt.timedelta(0),
            "uptime": Decimal("100.000000"),
            "credit_percent": Decimal("0"),
            "credit": Decimal("0.00"),
            "currency": "EUR",
        },
    ]
    without_charge = availability_report(
        [], first_month=dt.date(2026, 4, 1), months=1, timezone="UTC"
    ).to_records()
    assert (without_charge[0]["credit"], without_charge[0]["currency"]) == (None, None)


# -- compliance: per-ticket states, the time zone and its errors ---------------------------------


def test_per_ticket_any_counts_met_tickets_as_met_and_cancelled_ones_as_cancelled() -> None:
    """Two tickets answered within the hour and one resolved before any reply."""
    answered = _answered_within_the_hour(PERIOD_STARTS[:2])
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.LOW: [SlaTarget(metric="first_response", within=2 * H, business_hours=False)]
        },
    )
    resolved = TicketEvent(at=T0 + H / 2, kind=TicketEventKind.RESOLVED)
    silent = Ticket(
        id="T-9", account_number="A", priority=Priority.LOW, created_at=T0, events=[resolved]
    )
    found = [*answered, *evaluate(silent, policy, as_of=T0 + H)]
    assert [m.state for m in found] == ["met", "met", "cancelled"]
    total = compliance(found, aggregate="per_ticket_any").total
    assert (total.met, total.breached, total.running, total.cancelled) == (2, 0, 0, 1)


def test_a_report_by_period_keeps_its_time_zone() -> None:
    found = _answered_within_the_hour(PERIOD_STARTS[:1])
    assert compliance(found, by=["month"], tz="Europe/Amsterdam").tz == "Europe/Amsterdam"
    assert compliance(found).tz is None


def test_a_time_zone_without_a_period_and_a_period_without_one_are_named() -> None:
    with pytest.raises(InvalidInputError) as info:
        compliance([], tz="UTC")
    assert str(info.value) == "'tz' is only used with a month, week or quarter in 'by' (got 'UTC')"
    assert (info.value.field, info.value.value) == ("tz", "UTC")
    with pytest.raises(InvalidInputError) as info:
        compliance([], by=["metric", "week", "month"])
    assert str(info.value) == (
        "'tz' is needed to group by week (an IANA time zone name) (got None)"
    )
    assert (info.value.field, info.value.value) == ("tz", None)


def test_looking_up_a_target_names_an_unknown_priority() -> None:
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.HIGH: [SlaTarget(metric="resolution", within=H, business_hours=False)]
        },
    )
    assert policy.target("high", "resolution") == SlaTarget(
        metric="resolution", within=H, business_hours=False
    )
    with pytest.raises(InvalidInputError) as info:
        policy.target("urgent", "resolution")
    assert str(info.value) == (
        "'priority' must be one of 'critical', 'high', 'moderate', 'low', 'planning' (got 'urgent')"
    )
    assert info.value.field == "priority"


# -- deadlines keep their microseconds in the ticket's or the calendar's zone ----------------------


def test_deadlines_keep_fractions_of_a_second() -> None:
    """Created Wednesday 1 April 2026 at 09:00:00.25 in Amsterdam.

    Round the clock, two hours later is 11:00:00.25. In office hours (09:00-17:00),
    Wednesday gives 7 h 59 min 59.75 s of the 8 h 30 min; the remaining 30 min 0.25 s
    end on Thursday at 09:30:00.25.
    """
    zone = ZoneInfo("Europe/Amsterdam")
    created = dt.datetime(2026, 4, 1, 9, 0, 0, 250_000, tzinfo=zone)
    office = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}
    )
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.HIGH: [
                SlaTarget(metric="resolution", within=2 * H, business_hours=False),
                SlaTarget(metric="first_response", within=8 * H + H / 2),
            ]
        },
        calendar=office,
    )
    ticket = Ticket(id="T-1", account_number="A", priority=Priority.HIGH, created_at=created)
    deadlines = {m.metric: m.deadline for m in evaluate(ticket, policy, as_of=created + H)}
    assert deadlines == {
        "resolution": dt.datetime(2026, 4, 1, 11, 0, 0, 250_000, tzinfo=zone),
        "first_response": dt.datetime(2026, 4, 2, 9, 30, 0, 250_000, tzinfo=zone),
    }
    for deadline in deadlines.values():
        assert deadline is not None
        assert (deadline.microsecond, deadline.tzinfo) == (250_000, zone)


def test_a_response_cycle_without_a_target_leaves_the_later_ones_measured() -> None:
    """Low has only a first-response target, High only a next-response target.

    The first next-response cycle (02:00-03:00) runs while the ticket is Low: no
    target, no measurement. The ticket becomes High at 04:00; the second cycle
    (05:00-06:00) is measured against two hours and met after one.
    """
    policy = SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.LOW: [SlaTarget(metric="first_response", within=4 * H, business_hours=False)],
            Priority.HIGH: [SlaTarget(metric="next_response", within=2 * H, business_hours=False)],
        },
    )
    kinds = [
        (1, TicketEventKind.AGENT_REPLY, None),
        (2, TicketEventKind.CUSTOMER_REPLY, None),
        (3, TicketEventKind.AGENT_REPLY, None),
        (4, TicketEventKind.PRIORITY_CHANGED, Priority.HIGH),
        (5, TicketEventKind.CUSTOMER_REPLY, None),
        (6, TicketEventKind.AGENT_REPLY, None),
    ]
    events = [TicketEvent(at=T0 + hours * H, kind=kind, priority=p) for hours, kind, p in kinds]
    ticket = Ticket(
        id="T-1", account_number="A", priority=Priority.LOW, created_at=T0, events=events
    )
    found = [
        (m.metric, m.cycle, m.priority, m.state, m.start, m.stop, m.elapsed)
        for m in evaluate(ticket, policy, as_of=T0 + 10 * H)
    ]
    assert found == [
        ("first_response", 1, Priority.LOW, "met", T0, T0 + H, H),
        ("next_response", 2, Priority.HIGH, "met", T0 + 5 * H, T0 + 6 * H, H),
    ]
