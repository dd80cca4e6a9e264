"""The communication plan: channels staffed by the hour, response deadlines, proactive contacts."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import (
    AccountPlanError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.maturity import Answer
from accountplan.plan import (
    MAX_CONTACTS,
    Cadence,
    Channel,
    ChannelKind,
    ChannelMode,
    CommunicationPlan,
    CustomerProfile,
    available_channels,
    communication_evidence,
    contact_schedule,
    response_due,
)
from accountplan.serialization import from_json, to_json
from tests.strategies_plan import communication_plans

AMS = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
WEEKDAYS = {d: [("09:00", "17:00")] for d in range(5)}
# A company day off (Friday in the DST week) and King's Day 2026 (Monday 27 April).
HOLIDAYS = [dt.date(2026, 3, 27), dt.date(2026, 4, 27)]
OFFICE = BusinessCalendar.weekly("Europe/Amsterdam", hours=WEEKDAYS, holidays=HOLIDAYS)
ALWAYS = BusinessCalendar.always("Europe/Amsterdam")


def seed_plan(**changes: Any) -> CommunicationPlan:
    """The seed's example: a phone team in business hours Monday to Friday, chat and email
    for the remainder of the time."""
    plan = CommunicationPlan(
        channels=[
            Channel(
                kind="phone",
                calendar=OFFICE,
                mode="real_time",
                response_target=dt.timedelta(hours=8),
                language="nl",
                tone="Formal, first name only when the customer starts",
            ),
            Channel(
                kind=ChannelKind.LIVE_CHAT,
                calendar=ALWAYS,
                mode=ChannelMode.REAL_TIME,
                response_target=dt.timedelta(hours=2),
                language="nl",
            ),
            Channel(
                kind="email",
                calendar=OFFICE,
                mode="asynchronous",
                response_target=dt.timedelta(hours=4),
                language="en",
                name="email-en",
            ),
        ],
        profile=CustomerProfile(
            location="Netherlands",
            segment="B2B",
            language="nl_NL",
            preferred_channels=["phone", "email-en"],
            attributes={"company_size": "10-50"},
        ),
        proactive_contact=Cadence.monthly(),
        training=Cadence.quarterly(),
        review=Cadence.annually(),
    )
    return attrs.evolve(plan, **changes)


def expected_open(local: dt.datetime) -> set[str]:
    """Slow oracle: the channels open at a local wall-clock time, from the rules in words."""
    out = {"live_chat"}
    office = local.weekday() < 5 and 9 <= local.hour < 17 and local.date() not in HOLIDAYS
    if office:
        out |= {"phone", "email-en"}
    return out


class TestAvailableChannels:
    @pytest.mark.parametrize(
        "monday",
        [
            dt.datetime(2026, 3, 23, tzinfo=UTC),  # DST starts Sunday 29 March (02:00 -> 03:00)
            dt.datetime(2026, 10, 19, tzinfo=UTC),  # DST ends Sunday 25 October (03:00 -> 02:00)
            dt.datetime(2026, 4, 27, tzinfo=UTC),  # King's Day on the Monday
        ],
    )
    def test_week_every_quarter_hour(self, monday: dt.datetime) -> None:
        """Across a week with a holiday or a DST change, every quarter hour matches the oracle."""
        plan = seed_plan()
        moment = monday - dt.timedelta(hours=2)
        seen_phone = 0
        while moment < monday + dt.timedelta(days=8):
            local = moment.astimezone(AMS)
            actual = {c.name for c in available_channels(plan, at=moment)}
            assert expected_open(local) == actual, local.isoformat()
            assert actual, "off-peak customers always reach someone"
            seen_phone += "phone" in actual
            moment += dt.timedelta(minutes=15)
        assert seen_phone > 0

    def test_boundaries(self) -> None:
        """Opening is inclusive, closing exclusive, in Amsterdam wall-clock time."""
        plan = seed_plan()

        def names(moment: dt.datetime) -> list[str]:
            return [c.name for c in available_channels(plan, at=moment)]

        assert ["phone", "live_chat", "email-en"] == names(dt.datetime(2026, 3, 30, 9, tzinfo=AMS))
        assert ["live_chat"] == names(dt.datetime(2026, 3, 30, 17, tzinfo=AMS))
        assert ["live_chat"] == names(dt.datetime(2026, 3, 30, 6, 59, tzinfo=UTC))  # 08:59 CEST
        assert ["phone", "live_chat", "email-en"] == names(dt.datetime(2026, 3, 30, 7, tzinfo=UTC))

    def test_naive_refused(self) -> None:
        """A naive moment is refused with the field named."""
        with pytest.raises(InvalidInputError) as info:
            available_channels(seed_plan(), at=dt.datetime(2026, 3, 30, 9))
        assert "at" == info.value.field
        with pytest.raises(InvalidTypeError) as info:
            available_channels("plan", at=dt.datetime(2026, 3, 30, 9, tzinfo=UTC))  # type: ignore[arg-type]
        assert "plan" == info.value.field


class TestResponseDue:
    @pytest.mark.parametrize(
        ("channel", "received", "due"),
        [
            # Friday 15:00 + 4 h of 09-17 hours: 2 h on Friday, 2 h on Monday -> Monday 11:00.
            ("email-en", "2026-06-05T15:00:00+02:00", "2026-06-08T11:00:00+02:00"),
            # Saturday: counting starts Monday 09:00 -> 13:00.
            ("email-en", "2026-06-06T12:00:00+02:00", "2026-06-08T13:00:00+02:00"),
            # Received on King's Day (Monday 27 April): counting starts Tuesday 09:00.
            ("email-en", "2026-04-27T10:00:00+02:00", "2026-04-28T13:00:00+02:00"),
            # Thursday 13:00 CET + 8 h: 4 h Thursday, Friday is a holiday, the weekend has
            # the DST change, 4 h on Monday in CEST -> Monday 13:00 +02:00.
            ("phone", "2026-03-26T13:00:00+01:00", "2026-03-30T13:00:00+02:00"),
            # Exactly one interval: ends at its close, not the next morning.
            ("phone", "2026-06-05T09:00:00+02:00", "2026-06-05T17:00:00+02:00"),
            # 24/7 chat through the spring-forward night: 2 real hours, 01:30 CET -> 04:30 CEST.
            ("live_chat", "2026-03-29T01:30:00+01:00", "2026-03-29T04:30:00+02:00"),
            # ... and through the fall-back night: 01:30 CEST -> 02:30 CET (the second 02:30).
            ("live_chat", "2026-10-25T01:30:00+02:00", "2026-10-25T02:30:00+01:00"),
            # The moment may be given in any zone; the deadline is in the channel's zone.
            ("email-en", "2026-06-05T13:00:00+00:00", "2026-06-08T11:00:00+02:00"),
        ],
    )
    def test_hand_computed(self, channel: str, received: str, due: str) -> None:
        """Deadlines count the channel's own hours, worked out by hand."""
        actual = response_due(seed_plan(), channel, received_at=dt.datetime.fromisoformat(received))
        assert due == actual.isoformat()
        # PEP 495: a fold=1 time never compares equal across zones, so compare instants.
        assert dt.datetime.fromisoformat(due).timestamp() == actual.timestamp()

    def test_channel_object(self) -> None:
        """The channel may be passed as the Channel itself, if it belongs to the plan."""
        plan = seed_plan()
        received = dt.datetime(2026, 6, 5, 15, tzinfo=AMS)
        assert response_due(plan, plan.channels[2], received_at=received) == response_due(
            plan, "email-en", received_at=received
        )
        stranger = attrs.evolve(plan.channels[2], name="other")
        with pytest.raises(InvalidInputError) as info:
            response_due(plan, stranger, received_at=received)
        assert "channel" == info.value.field

    def test_unknown_channel(self) -> None:
        """An unknown channel name lists the plan's channels."""
        with pytest.raises(InvalidInputError, match="phone, live_chat, email-en") as info:
            response_due(seed_plan(), "email", received_at=dt.datetime(2026, 6, 5, tzinfo=UTC))
        assert "channel" == info.value.field
        with pytest.raises(InvalidTypeError):
            response_due(seed_plan(), 3, received_at=dt.datetime(2026, 6, 5, tzinfo=UTC))  # type: ignore[arg-type]

    def test_channel_without_hours(self) -> None:
        """A channel whose calendar never opens has no deadline: a LimitExceededError."""
        closed = BusinessCalendar.weekly("UTC", hours={})
        plan = seed_plan(
            channels=[
                attrs.evolve(c, calendar=closed) if c.name == "phone" else c
                for c in seed_plan().channels
            ]
        )
        with pytest.raises(LimitExceededError):
            response_due(plan, "phone", received_at=dt.datetime(2026, 6, 5, tzinfo=UTC))


def schedule(cadence: Cadence, start: dt.datetime, until: dt.datetime) -> list[str]:
    plan = seed_plan(proactive_contact=cadence)
    return [d.isoformat() for d in contact_schedule(plan, start=start, until=until)]


class TestContactSchedule:
    def test_month_end_clamped_from_the_anchor(self) -> None:
        """Monthly from 31 January: each month's last day at most, never drifting to the 28th."""
        start = dt.datetime(2028, 1, 31, 10, tzinfo=AMS)
        actual = schedule(Cadence.monthly(), start, dt.datetime(2028, 7, 1, tzinfo=AMS))
        assert [
            "2028-01-31T10:00:00+01:00",
            "2028-02-29T10:00:00+01:00",  # leap year
            "2028-03-31T10:00:00+02:00",  # after the DST change, same wall-clock time
            "2028-04-30T10:00:00+02:00",
            "2028-05-31T10:00:00+02:00",
            "2028-06-30T10:00:00+02:00",
        ] == actual

    def test_quarterly_and_annual(self) -> None:
        """Quarterly from 30 November; annually from 29 February (28 February in other years)."""
        start = dt.datetime(2026, 11, 30, 9, tzinfo=UTC)
        assert [
            "2026-11-30T09:00:00+00:00",
            "2027-02-28T09:00:00+00:00",
            "2027-05-30T09:00:00+00:00",
        ] == schedule(Cadence.quarterly(), start, dt.datetime(2027, 6, 1, tzinfo=UTC))
        leap = dt.datetime(2028, 2, 29, 9, tzinfo=UTC)
        assert [
            "2028-02-29T09:00:00+00:00",
            "2029-02-28T09:00:00+00:00",
            "2030-02-28T09:00:00+00:00",
            "2031-02-28T09:00:00+00:00",
            "2032-02-29T09:00:00+00:00",
        ] == schedule(Cadence.annually(), leap, dt.datetime(2032, 3, 1, tzinfo=UTC))

    def test_weekly_keeps_wall_clock_and_gap_moves_forward(self) -> None:
        """Weekly keeps 10:00 across DST; a daily 02:30 on the spring-forward day is 03:30."""
        start = dt.datetime(2026, 3, 23, 10, tzinfo=AMS)
        assert [
            "2026-03-23T10:00:00+01:00",
            "2026-03-30T10:00:00+02:00",
        ] == schedule(Cadence.weekly(), start, dt.datetime(2026, 4, 6, 10, tzinfo=AMS))
        night = dt.datetime(2026, 3, 28, 2, 30, tzinfo=AMS)
        assert [
            "2026-03-28T02:30:00+01:00",
            "2026-03-29T03:30:00+02:00",
            "2026-03-30T02:30:00+02:00",
        ] == schedule(Cadence(unit="day"), night, dt.datetime(2026, 3, 31, tzinfo=AMS))

    def test_until_is_exclusive(self) -> None:
        """A contact exactly at ``until`` is not in the schedule; an empty span gives none."""
        start = dt.datetime(2026, 1, 1, tzinfo=UTC)
        assert ["2026-01-01T00:00:00+00:00"] == schedule(
            Cadence.monthly(), start, dt.datetime(2026, 2, 1, tzinfo=UTC)
        )
        assert [] == schedule(Cadence.monthly(), start, start)

    def test_bounds(self) -> None:
        """Exactly MAX_CONTACTS contacts are allowed; one more, or a span too long, is refused."""
        start = dt.datetime(2026, 1, 1, tzinfo=UTC)
        daily = Cadence(unit="day")
        limit = start + dt.timedelta(days=MAX_CONTACTS)
        assert MAX_CONTACTS == len(schedule(daily, start, limit))
        with pytest.raises(LimitExceededError) as limited:
            schedule(daily, start, limit + dt.timedelta(seconds=1))
        assert "until" == limited.value.field
        with pytest.raises(LimitExceededError, match="too long"):
            schedule(Cadence.annually(), start, dt.datetime(2127, 1, 2, tzinfo=UTC))
        with pytest.raises(InvalidInputError) as info:
            schedule(daily, start, start - dt.timedelta(days=1))
        assert "until" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            schedule(daily, dt.datetime(2026, 1, 1), limit)
        assert "start" == info.value.field

    def test_far_future_stops_at_the_last_year(self) -> None:
        """Contacts near year 9999 stop where dates end, without a builtin error."""
        start = dt.datetime(9990, 1, 31, tzinfo=UTC)
        actual = schedule(Cadence.annually(), start, dt.datetime(9999, 12, 31, tzinfo=UTC))
        assert 9 <= len(actual) <= 10

    @settings(max_examples=80)
    @given(
        unit=st.sampled_from(["day", "week", "month", "year"]),
        every=st.integers(min_value=1, max_value=14),
        start=st.datetimes(
            min_value=dt.datetime(2000, 1, 1),
            max_value=dt.datetime(2040, 1, 1),
            timezones=st.sampled_from([AMS, UTC, ZoneInfo("America/New_York")]),
        ),
        days=st.integers(min_value=0, max_value=800),
    )
    def test_against_relativedelta(
        self, unit: str, every: int, start: dt.datetime, days: int
    ) -> None:
        """Each contact is the anchor plus k steps (dateutil's relativedelta clamps the same)."""
        start = start.astimezone(UTC).astimezone(start.tzinfo)  # a time that exists
        until = start + dt.timedelta(days=days)
        plan = seed_plan(proactive_contact=Cadence(unit=unit, every=every))  # type: ignore[arg-type]
        actual = contact_schedule(plan, start=start, until=until)
        step = {
            "day": relativedelta(days=every),
            "week": relativedelta(weeks=every),
            "month": relativedelta(months=every),
            "year": relativedelta(years=every),
        }[unit]
        expected = []
        k = 0
        while True:
            wall = start.replace(tzinfo=None, fold=0) + step * k
            moment = wall.replace(tzinfo=start.tzinfo).astimezone(UTC).astimezone(start.tzinfo)
            if k == 0:
                moment = start  # the anchor itself, even in the repeated hour (fold=1)
            if moment.timestamp() >= until.timestamp():
                break
            expected.append(moment)
            k += 1
        assert [e.isoformat() for e in expected] == [a.isoformat() for a in actual]
        assert all(a.timestamp() < b.timestamp() for a, b in itertools.pairwise(actual))


class TestModels:
    def test_round_trip(self) -> None:
        """The seed plan round-trips through JSON, calendars and holidays included."""
        plan = seed_plan()
        assert plan == from_json(to_json(plan), CommunicationPlan)

    @settings(max_examples=25)
    @given(plan=communication_plans())
    def test_generated_round_trip(self, plan: CommunicationPlan) -> None:
        """Generated plans round-trip through JSON."""
        assert plan == from_json(to_json(plan), CommunicationPlan)

    def test_enum_values_accepted(self) -> None:
        """Enum fields accept the member or its value string, and refuse anything else."""
        assert ChannelKind.VIDEO == attrs.evolve(seed_plan().channels[0], kind="video").kind
        with pytest.raises(InvalidInputError, match="'phone', 'email'") as info:
            attrs.evolve(seed_plan().channels[0], kind="fax")
        assert "kind" == info.value.field
        with pytest.raises(InvalidTypeError) as info:
            attrs.evolve(seed_plan().channels[0], mode=1)
        assert "mode" == info.value.field

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"response_target": dt.timedelta(0)}, "response_target"),
            ({"response_target": 60}, "response_target"),
            ({"response_target": dt.timedelta(days=4000)}, "response_target"),
            ({"language": "xx_YY_ZZ"}, "language"),
            ({"language": ""}, "language"),
            ({"name": "with space"}, "name"),
            ({"tone": " padded"}, "tone"),
            ({"calendar": "office"}, "calendar"),
        ],
    )
    def test_channel_refusals(self, changes: dict[str, Any], field: str) -> None:
        """Bad channel fields are refused with the field named."""
        with pytest.raises((InvalidInputError, LimitExceededError)) as info:
            attrs.evolve(seed_plan().channels[0], **changes)
        assert field == getattr(info.value, "field", None)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"channels": []}, "channels"),
            ({"channels": "phone"}, "channels"),
            ({"portal_capabilities": {"status"}}, "portal_capabilities"),
            ({"portal_capabilities": {"teleport"}}, "portal_capabilities"),
            ({"faq_before_contact": "yes"}, "faq_before_contact"),
            ({"training": "monthly"}, "training"),
        ],
    )
    def test_plan_refusals(self, changes: dict[str, Any], field: str) -> None:
        """Bad plan fields are refused with the field named."""
        with pytest.raises(InvalidInputError) as info:
            seed_plan(**changes)
        assert field == info.value.field

    def test_duplicate_and_unknown_channel_names(self) -> None:
        """Channel names are unique; preferred channels must exist."""
        plan = seed_plan()
        with pytest.raises(InvalidInputError) as info:
            seed_plan(channels=[plan.channels[0], plan.channels[0]])
        assert "channels[1].name" == info.value.field
        profile = attrs.evolve(plan.profile, preferred_channels=["phone", "fax"])
        with pytest.raises(InvalidInputError) as info:
            seed_plan(profile=profile)
        assert "profile.preferred_channels[1]" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            attrs.evolve(plan.profile, preferred_channels=["phone", "phone"])
        assert ("preferred_channels[1]", "phone") == (info.value.field, info.value.value)

    def test_cadence_refusals(self) -> None:
        """Cadences have a known unit and a count from 1 to 1000."""
        with pytest.raises(InvalidInputError) as info:
            Cadence(unit="fortnight")  # type: ignore[arg-type]
        assert "unit" == info.value.field
        for every in (0, 1001, True, "2"):
            with pytest.raises(InvalidInputError) as info:
                Cadence(unit="week", every=every)  # type: ignore[arg-type]
            assert "every" == info.value.field

    @settings(max_examples=150)
    @given(
        kind=st.one_of(st.sampled_from(["phone", "email", "fax", ""]), st.integers()),
        mode=st.one_of(st.sampled_from(["real_time", "asynchronous", "x"]), st.none()),
        target=st.one_of(st.timedeltas(), st.integers(), st.none()),
        language=st.one_of(st.sampled_from(["nl", "en_GB", "zz", " nl"]), st.text(max_size=4)),
        name=st.one_of(st.just("phone"), st.text(max_size=6)),
    )
    def test_fuzz_channel(
        self, kind: Any, mode: Any, target: Any, language: Any, name: Any
    ) -> None:
        """Arbitrary channel fields give a channel or an accountplan error naming the field."""
        fields = {"kind", "mode", "response_target", "language", "name"}
        named: str | None = None
        try:
            Channel(
                kind=kind,
                calendar=ALWAYS,
                mode=mode,
                response_target=target,
                language=language,
                name=name,
            )
        except (InvalidInputError, LimitExceededError) as exc:
            named = exc.field
        assert named is None or named in fields


class TestEvidence:
    def test_seed_plan(self) -> None:
        """What the seed plan proves, and what it leaves to the assessor."""
        evidence = communication_evidence(seed_plan(help_desk=True, faq_before_contact=True))
        answers = evidence.answers
        assert Answer.YES == answers["email_support"]
        assert Answer.YES == answers["phone_support_working_hours"]
        assert Answer.NO == answers["round_the_clock_support"]  # 1 of 3 channels is 24/7
        assert Answer.YES == answers["help_desk_tickets"]
        assert Answer.YES == answers["faq"]
        assert Answer.NO == answers["portal_status"]  # no portal channel
        assert Answer.YES == answers["multichannel_support"]  # help desk, phone, email, chat
        assert "knowledge_base" in evidence.underived
        assert "agents_on_demand" in evidence.underived
        reasons = {d.criterion: d.reason for d in evidence.derived}
        assert "not 24/7: email, phone" in reasons["round_the_clock_support"]

    def test_unknown_facts_stay_underived(self) -> None:
        """Facts the plan leaves open are never guessed."""
        evidence = communication_evidence(seed_plan())
        assert {"help_desk_tickets", "faq", "knowledge_base", "multichannel_support"} <= set(
            evidence.underived
        )

    def test_portal(self) -> None:
        """A portal with declared capabilities answers the portal criteria; without, they wait."""
        portal = Channel(
            kind="self_service_portal",
            calendar=ALWAYS,
            mode="asynchronous",
            response_target=dt.timedelta(days=1),
            language="nl",
        )
        channels = [*seed_plan().channels, portal]
        unknown = communication_evidence(seed_plan(channels=channels))
        assert "portal_status" in unknown.underived
        known = communication_evidence(
            seed_plan(channels=channels, portal_capabilities={"status", "update_billing"})
        )
        assert Answer.YES == known.answers["portal_status"]
        assert Answer.YES == known.answers["self_service_billing"]
        assert Answer.NO == known.answers["self_service_contracts"]

    def test_all_round_the_clock(self) -> None:
        """Every support channel 24/7 (the portal aside) is round-the-clock support."""
        plan = seed_plan(channels=[attrs.evolve(c, calendar=ALWAYS) for c in seed_plan().channels])
        assert Answer.YES == communication_evidence(plan).answers["round_the_clock_support"]

    def test_two_channels_of_a_kind(self) -> None:
        """A second phone line counts as its own channel for the 24/7 share."""
        second = attrs.evolve(seed_plan().channels[0], name="phone-de", calendar=ALWAYS)
        plan = seed_plan(channels=[*seed_plan().channels, second])
        reason = {d.criterion: d.reason for d in communication_evidence(plan).derived}
        assert "phone/phone-de" in reason["round_the_clock_support"]

    def test_refuses_other_types(self) -> None:
        """Only a CommunicationPlan is accepted."""
        with pytest.raises(InvalidTypeError):
            communication_evidence({})  # type: ignore[arg-type]


def test_errors_are_accountplan_errors() -> None:
    """Every refusal above is an AccountPlanError (documented errors only)."""
    with pytest.raises(AccountPlanError):
        contact_schedule(seed_plan(), start=None, until=None)  # type: ignore[arg-type]


class TestRepeatedHour:
    def test_start_in_a_gap_moves_forward(self) -> None:
        """A start at a wall-clock time that does not exist is its instant: 02:30 -> 03:30."""
        start = dt.datetime(2030, 3, 31, 2, 30, tzinfo=AMS)
        plan = seed_plan(proactive_contact=Cadence(unit="day"))
        contacts = contact_schedule(plan, start=start, until=start + dt.timedelta(days=2))
        assert ["2030-03-31T03:30:00+02:00", "2030-04-01T02:30:00+02:00"] == [
            c.isoformat() for c in contacts
        ]

    def test_schedule_starts_at_the_second_occurrence(self) -> None:
        """A start in the repeated hour (fold=1) is itself the first contact, not an hour before."""
        start = dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS)  # 01:30 UTC
        plan = seed_plan(proactive_contact=Cadence(unit="day"))
        contacts = contact_schedule(plan, start=start, until=start + dt.timedelta(days=2))
        assert [start.timestamp(), start.timestamp() + 86400] == [  # both +01:00
            c.timestamp() for c in contacts
        ]
        assert all(c.timestamp() >= start.timestamp() for c in contacts)

    def test_until_in_the_repeated_hour_compares_instants(self) -> None:
        """``until`` at the second 02:15 lies after a contact at the first 02:30."""
        start = dt.datetime(2026, 10, 24, 2, 30, tzinfo=AMS)
        until = dt.datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=AMS)
        plan = seed_plan(proactive_contact=Cadence(unit="day"))
        contacts = contact_schedule(plan, start=start, until=until)
        assert 2 == len(contacts)  # 24 Oct 02:30 and 25 Oct 02:30 (first, fold=0)
