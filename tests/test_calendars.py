"""Business calendars: the engine against a day-walking oracle, golden cases, properties."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar, CalendarIndex, WorkingInterval, _index
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    MissingDependencyError,
)
from accountplan.serialization import from_json, to_json
from accountplan.sla import SlaPolicy, SlaTarget, evaluate, evaluate_many
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
from tests import calendar_oracle as oracle

AMS = ZoneInfo("Europe/Amsterdam")
NY = ZoneInfo("America/New_York")
H = dt.timedelta(hours=1)
US = dt.timedelta(microseconds=1)
WEEKDAYS = range(5)

# Dutch public holidays 2024-2027 (Rijksoverheid "Officiële feestdagen"), listed
# by hand so the oracle does not depend on the holidays package.
NL_HOLIDAYS = frozenset(
    dt.date.fromisoformat(d)
    for d in [
        "2024-01-01",
        "2024-03-29",
        "2024-03-31",
        "2024-04-01",
        "2024-04-27",
        "2024-05-05",
        "2024-05-09",
        "2024-05-19",
        "2024-05-20",
        "2024-12-25",
        "2024-12-26",
        "2025-01-01",
        "2025-04-18",
        "2025-04-20",
        "2025-04-21",
        "2025-04-26",
        "2025-05-05",
        "2025-05-29",
        "2025-06-08",
        "2025-06-09",
        "2025-12-25",
        "2025-12-26",
        "2026-01-01",
        "2026-04-03",
        "2026-04-05",
        "2026-04-06",
        "2026-04-27",
        "2026-05-05",
        "2026-05-14",
        "2026-05-24",
        "2026-05-25",
        "2026-12-25",
        "2026-12-26",
        "2027-01-01",
        "2027-03-26",
        "2027-03-28",
        "2027-03-29",
        "2027-04-27",
        "2027-05-05",
        "2027-05-06",
        "2027-05-16",
        "2027-05-17",
        "2027-12-25",
        "2027-12-26",
    ]
)

OFFICE = BusinessCalendar.weekly(
    "Europe/Amsterdam",
    hours={d: [("09:00", "17:00")] for d in WEEKDAYS},
    holidays=NL_HOLIDAYS,
    special_days={dt.date(2026, 12, 24): [("09:00", "13:00")]},
    name="Amsterdam office",
)
SPLIT = BusinessCalendar.weekly(
    "Europe/London",
    hours={d: [("08:30", "12:30"), ("13:15", "17:45")] for d in WEEKDAYS}
    | {5: [("10:00", "14:00")]},
    name="split shift",
)
NIGHT = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours={d: [("22:00", "06:00")] for d in range(7)}, name="night shift"
)
ALWAYS = BusinessCalendar.always("Europe/Amsterdam")
NY_NIGHT = BusinessCalendar.weekly(
    "America/New_York", hours={d: [("01:00", "04:00")] for d in range(7)}, name="DST hour"
)
LORD_HOWE = BusinessCalendar.weekly(
    "Australia/Lord_Howe",
    hours={d: [("00:30", "03:00"), ("09:00", "17:00")] for d in range(6)},
    name="half-hour DST",
)
CALENDARS = [OFFICE, SPLIT, NIGHT, ALWAYS, NY_NIGHT, LORD_HOWE]

# Instants between 2024 and 2028, often near the DST changes of those years.
_DST_DAYS = [
    dt.datetime(2024, 3, 31, tzinfo=dt.UTC),
    dt.datetime(2024, 10, 27, tzinfo=dt.UTC),
    dt.datetime(2025, 3, 9, tzinfo=dt.UTC),
    dt.datetime(2025, 11, 2, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 29, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, tzinfo=dt.UTC),
    dt.datetime(2026, 4, 5, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 4, tzinfo=dt.UTC),
    dt.datetime(2027, 3, 14, tzinfo=dt.UTC),
    dt.datetime(2027, 11, 7, tzinfo=dt.UTC),
]
_START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_SPAN_SECONDS = 4 * 365 * 86400

instants = st.one_of(
    st.integers(0, _SPAN_SECONDS).map(lambda s: _START + dt.timedelta(seconds=s)),
    st.tuples(st.sampled_from(_DST_DAYS), st.integers(-36 * 3600, 36 * 3600)).map(
        lambda p: p[0] + dt.timedelta(seconds=p[1])
    ),
)
spans = st.one_of(
    st.integers(0, 3600 * 12).map(lambda s: dt.timedelta(seconds=s)),
    st.integers(0, 86400 * 10).map(lambda s: dt.timedelta(seconds=s)),
    st.integers(0, 86400 * 90).map(lambda s: dt.timedelta(seconds=s)),
)
zones = st.sampled_from([dt.UTC, AMS, NY, ZoneInfo("Asia/Tokyo")])


def _in(zone: dt.tzinfo, moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(zone)


# -- the oracle --------------------------------------------------------------------------


@settings(max_examples=2000)
@given(cal=st.sampled_from(CALENDARS), start=instants, span=spans, zone=zones)
def test_elapsed_agrees_with_the_oracle(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta, zone: dt.tzinfo
) -> None:
    """elapsed() equals the day-walking oracle on random spans, DST nights included."""
    end = start + span
    assert oracle.elapsed(cal, start, end) == cal.elapsed(_in(zone, start), _in(zone, end))


@settings(max_examples=1000)
@given(cal=st.sampled_from(CALENDARS), start=instants, span=spans)
def test_add_agrees_with_the_oracle(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta
) -> None:
    """add() equals the oracle's first instant at which the duration has passed."""
    duration = span / 4
    duration -= dt.timedelta(microseconds=duration.microseconds)
    assume(duration > dt.timedelta(0))
    expected = oracle.add(cal, start, duration)
    actual = cal.add(start, duration)
    # Compare in UTC: PEP 495 makes a repeated wall time unequal to every other zone.
    assert expected == actual.astimezone(dt.UTC)
    assert actual.tzinfo is ZoneInfo(cal.timezone)


@settings(max_examples=300)
@given(cal=st.sampled_from(CALENDARS), at=instants)
def test_is_open_agrees_with_the_oracle(cal: BusinessCalendar, at: dt.datetime) -> None:
    """is_open(at) holds exactly when the oracle counts the microsecond after ``at``."""
    tick = dt.timedelta(microseconds=1)
    assert (oracle.elapsed(cal, at, at + tick) == tick) == cal.is_open(at)


@settings(max_examples=200)
@given(cal=st.sampled_from([c for c in CALENDARS if c is not ALWAYS]), at=instants)
def test_next_open_and_close_agree_with_the_oracle(cal: BusinessCalendar, at: dt.datetime) -> None:
    """next_open and next_close are the bounds of the oracle's next working stretch."""
    stretches = sorted(oracle.real_intervals(cal, at, at + dt.timedelta(days=20)))
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for a, b in stretches:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    first = next((a, b) for a, b in merged if b > at)
    assert max(first[0], at) == cal.next_open(at).astimezone(dt.UTC)
    assert first[1] == cal.next_close(at).astimezone(dt.UTC)


# -- properties ----------------------------------------------------------------------------


@given(cal=st.sampled_from(CALENDARS), start=instants, span=spans)
def test_elapsed_never_exceeds_real_time(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta
) -> None:
    """Business time is never more than the real time between two instants."""
    assert dt.timedelta(0) <= cal.elapsed(start, start + span) <= span


@given(cal=st.sampled_from(CALENDARS), start=instants, span=spans)
def test_add_then_elapsed_round_trips(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta
) -> None:
    """elapsed(a, add(a, d)) == d and subtract undoes add."""
    end = cal.add(start, span)
    assert span == cal.elapsed(start, end)
    back = cal.subtract(end, span)
    assert span == cal.elapsed(back, end)
    assert back.astimezone(dt.UTC) >= start


@given(cal=st.sampled_from(CALENDARS), a=instants, b=instants)
def test_positions_differ_by_elapsed(cal: BusinessCalendar, a: dt.datetime, b: dt.datetime) -> None:
    """position(b) - position(a) == elapsed(a, b); positions start at zero."""
    assert cal.elapsed(a, b) == cal.position(b) - cal.position(a)
    assert dt.timedelta(0) <= cal.position(a)


def test_position_at_the_horizon_start_is_zero() -> None:
    """The horizon's first local midnight has position zero; naive input is refused."""
    assert dt.timedelta(0) == ALWAYS.position(dt.datetime(1970, 1, 1, tzinfo=AMS))
    with pytest.raises(InvalidInputError):
        ALWAYS.position(dt.datetime(2026, 1, 1))


@given(cal=st.sampled_from(CALENDARS), a=instants, b=instants, c=instants)
def test_elapsed_is_additive(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    """elapsed(a, c) == elapsed(a, b) + elapsed(b, c), whatever the order of a, b, c."""
    assert cal.elapsed(a, c) == cal.elapsed(a, b) + cal.elapsed(b, c)


@given(cal=st.sampled_from(CALENDARS), start=instants, d1=spans, d2=spans)
def test_add_is_monotone(
    cal: BusinessCalendar, start: dt.datetime, d1: dt.timedelta, d2: dt.timedelta
) -> None:
    """A longer duration never ends earlier."""
    short, long = sorted((d1, d2))
    # Same-zone comparisons are wall-clock in Python: compare in UTC.
    assert cal.add(start, short).astimezone(dt.UTC) <= cal.add(start, long).astimezone(dt.UTC)


@given(cal=st.sampled_from(CALENDARS), start=instants, span=spans)
def test_intervals_sum_to_elapsed(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta
) -> None:
    """The working stretches inside a span add up to its business time, in order."""
    end = start + span
    # Same-zone subtraction is wall-clock in Python: compare in UTC.
    parts = [(a.astimezone(dt.UTC), b.astimezone(dt.UTC)) for a, b in cal.intervals(start, end)]
    assert cal.elapsed(start, end) == sum((b - a for a, b in parts), dt.timedelta(0))
    for (_, b1), (a2, _) in itertools.pairwise(parts):
        assert b1 < a2


# -- golden cases ----------------------------------------------------------------------------


def test_businesstime_issue_13_after_hours_to_after_hours() -> None:
    """Friday 18:00 to Monday 18:00 is one working day, not zero.

    seatgeek/businesstime issue #13 ("Time delta calculation bug when both start
    and end times are after hours") returned timedelta(0) for this span.
    """
    cal = BusinessCalendar.weekly("UTC", hours={d: [("09:00", "17:00")] for d in WEEKDAYS})
    start = dt.datetime(2016, 6, 17, 18, tzinfo=dt.UTC)
    end = dt.datetime(2016, 6, 20, 18, tzinfo=dt.UTC)
    assert 8 * H == cal.elapsed(start, end)


def test_add_that_uses_up_a_day_ends_at_close() -> None:
    """One working day added on Saturday noon ends at Monday's close, not Tuesday.

    The expectation of josephmcmac/JosephM.Xrm.CalculatedFields issue #22 ("adding
    workdays ... the start added 1 work day to Saturday noon would calculate
    Tuesday noon; now Monday close of business").
    """
    cal = BusinessCalendar.weekly("UTC", hours={d: [("09:00", "17:00")] for d in WEEKDAYS})
    saturday = dt.datetime(2021, 7, 24, 12, tzinfo=dt.UTC)
    assert dt.datetime(2021, 7, 26, 17, tzinfo=dt.UTC) == cal.add(saturday, 8 * H)
    friday = dt.datetime(2021, 7, 23, 9, tzinfo=dt.UTC)
    assert dt.datetime(2021, 7, 23, 17, tzinfo=dt.UTC) == cal.add(friday, 8 * H)


def test_night_shift_on_the_night_clocks_go_back_holds_nine_hours() -> None:
    """A 22:00-06:00 shift on 24-25 October 2026 in Amsterdam holds 9 real hours.

    Clocks go back from 03:00 CEST to 02:00 CET (EU Directive 2000/84/EC: the
    last Sunday of October at 01:00 UTC).
    """
    start = dt.datetime(2026, 10, 24, 22, tzinfo=AMS)
    end = dt.datetime(2026, 10, 25, 6, tzinfo=AMS)
    assert 9 * H == end.astimezone(dt.UTC) - start.astimezone(dt.UTC)
    assert 9 * H == NIGHT.elapsed(start, end)
    assert 7 * H == NIGHT.elapsed(
        dt.datetime(2026, 3, 28, 22, tzinfo=AMS), dt.datetime(2026, 3, 29, 6, tzinfo=AMS)
    )


def test_dst_hour_inside_working_time_new_york() -> None:
    """01:00-04:00 in New York holds 2 hours on 8 March 2026 and 4 hours on 1 November 2026.

    US clocks skip 02:00-03:00 on the second Sunday of March and repeat 01:00-02:00
    on the first Sunday of November (15 U.S.C. 260a).
    """
    assert 2 * H == NY_NIGHT.working_time(dt.date(2026, 3, 8))
    assert 4 * H == NY_NIGHT.working_time(dt.date(2026, 11, 1))
    assert 3 * H == NY_NIGHT.working_time(dt.date(2026, 11, 2))
    start = dt.datetime(2026, 11, 1, 1, 30, tzinfo=NY)  # the first 01:30 (EDT)
    assert dt.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY) == NY_NIGHT.add(start, H)
    assert NY_NIGHT.add(start, H).utcoffset() == -5 * H


def test_pandas_business_hour_counts_wall_clock_across_dst() -> None:
    """Across the spring change, 09:00 Friday to 09:00 Monday on a 24x7 calendar is 71 hours.

    pandas' CustomBusinessHour works on wall-clock hours and reports 72 here
    (pandas-dev/pandas issue #57837 shows DateOffset failing on the same night).
    """
    start = dt.datetime(2024, 3, 29, 9, tzinfo=AMS)
    end = dt.datetime(2024, 4, 1, 9, tzinfo=AMS)
    assert 71 * H == ALWAYS.elapsed(start, end)
    assert 72 * H == end - start  # Python's same-zone subtraction is wall-clock


def test_holidays_and_special_days() -> None:
    """A holiday removes the day's working time; a special day replaces it."""
    christmas_eve = dt.datetime(2026, 12, 24, 8, tzinfo=AMS)
    assert 4 * H == OFFICE.working_time(christmas_eve.date())
    # Thursday 24 December 12:00 + 3 hours: 1 hour left that day, then
    # 25 and 26 December are holidays and the weekend follows: Monday 11:00.
    assert dt.datetime(2026, 12, 28, 11, tzinfo=AMS) == OFFICE.add(
        dt.datetime(2026, 12, 24, 12, tzinfo=AMS), 3 * H
    )
    assert dt.timedelta(0) == OFFICE.working_time(dt.date(2026, 4, 27))


def test_holiday_removes_the_night_shift_part_on_its_date() -> None:
    """A night shift from the evening before a holiday stops at midnight."""
    cal = BusinessCalendar.weekly(
        "UTC", hours={d: [("22:00", "06:00")] for d in range(7)}, holidays=[dt.date(2026, 1, 1)]
    )
    start = dt.datetime(2025, 12, 31, 22, tzinfo=dt.UTC)
    assert 2 * H == cal.elapsed(start, start + 10 * H)
    assert dt.datetime(2026, 1, 1, 0, tzinfo=dt.UTC) == cal.next_close(start)
    # The holiday's own evening shift (22:00-24:00 on 1 January) is gone too.
    assert dt.datetime(2026, 1, 2, 0, tzinfo=dt.UTC) == cal.next_open(start + 3 * H)


def test_holiday_observed_across_the_year_end() -> None:
    """US New Year's Day 2022 fell on a Saturday and was observed on Friday 31 December 2021.

    OPM, "Federal Holidays 2021": "January 1, 2022 (the legal public holiday for
    New Year's Day), falls on a Saturday. For most Federal employees, Friday,
    December 31, 2021, will be treated as a holiday".
    """
    pytest.importorskip("holidays")
    cal = BusinessCalendar.from_holidays(
        "America/New_York",
        country="US",
        years=[2021],
        hours={d: [("09:00", "17:00")] for d in WEEKDAYS},
    )
    assert dt.date(2021, 12, 31) in cal.holidays
    assert dt.date(2021, 1, 1) in cal.holidays
    assert all(day.year == 2021 for day in cal.holidays)
    assert 0 == cal.business_days(dt.date(2021, 12, 31), dt.date(2022, 1, 1))


def test_from_holidays_rejects_unknown_country_and_bad_years() -> None:
    """An unknown country or an empty or huge range of years is refused."""
    pytest.importorskip("holidays")
    hours = {0: [("09:00", "17:00")]}
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.from_holidays("UTC", country="XX", years=[2026], hours=hours)
    assert "country" == info.value.field
    with pytest.raises(InvalidInputError):
        BusinessCalendar.from_holidays("UTC", country="NL", years=[], hours=hours)
    with pytest.raises(LimitExceededError):
        BusinessCalendar.from_holidays("UTC", country="NL", years=[1900, 2150], hours=hours)


def test_from_holidays_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the holidays package the error says which extra to install."""
    import builtins  # noqa: PLC0415

    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "holidays":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingDependencyError) as info:
        BusinessCalendar.from_holidays("UTC", country="NL", years=[2026], hours={})
    assert "holidays" == info.value.extra
    assert 'pip install "accountplan[holidays]"' in str(info.value)


def test_business_days_convention() -> None:
    """business_days counts dates in [start, end) with working time."""
    monday = dt.date(2026, 4, 20)
    assert 5 == OFFICE.business_days(monday, monday + dt.timedelta(days=7))
    assert 0 == OFFICE.business_days(monday, monday)
    # Week of King's Day (Monday 27 April 2026).
    assert 4 == OFFICE.business_days(dt.date(2026, 4, 27), dt.date(2026, 5, 4))
    # 2027 has 261 weekdays; seven Dutch holidays fall on one of them.
    assert 261 - 7 == OFFICE.business_days(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
    with pytest.raises(InvalidInputError):
        OFFICE.business_days(monday, monday - dt.timedelta(days=1))
    with pytest.raises(InvalidInputError):
        OFFICE.business_days(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), monday)
    with pytest.raises(LimitExceededError):
        OFFICE.business_days(dt.date(1960, 1, 1), monday)


def test_subtract_lands_on_the_opening() -> None:
    """Subtracting exactly the morning from Monday 10:00 lands at Monday 09:00."""
    monday = dt.datetime(2026, 6, 8, 10, tzinfo=AMS)
    assert dt.datetime(2026, 6, 8, 9, tzinfo=AMS) == OFFICE.subtract(monday, H)
    assert dt.datetime(2026, 6, 5, 16, tzinfo=AMS) == OFFICE.add(monday, -2 * H)
    assert monday == OFFICE.subtract(monday, dt.timedelta(0))
    assert monday == OFFICE.add(monday, dt.timedelta(0))
    assert dt.datetime(2026, 6, 8, 11, tzinfo=AMS) == OFFICE.subtract(monday, -H)


# -- always open, closed, limits ---------------------------------------------------------------


def test_always_is_real_time() -> None:
    """24x7: business time is real time and it never closes."""
    start = dt.datetime(2026, 3, 28, 12, tzinfo=AMS)
    assert 23 * H == ALWAYS.elapsed(start, dt.datetime(2026, 3, 29, 12, tzinfo=AMS))
    assert start == ALWAYS.next_open(start)
    with pytest.raises(LimitExceededError):
        ALWAYS.next_close(start)


def test_a_calendar_without_working_time_refuses_to_add() -> None:
    """No working time at all: elapsed is zero and add raises instead of looping."""
    closed = BusinessCalendar.weekly("UTC", hours={})
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert dt.timedelta(0) == closed.elapsed(start, start + dt.timedelta(days=400))
    with pytest.raises(LimitExceededError):
        closed.add(start, H)
    with pytest.raises(LimitExceededError):
        closed.next_open(start)
    with pytest.raises(LimitExceededError):
        closed.subtract(start, H)
    only_special = BusinessCalendar.weekly(
        "UTC", hours={}, special_days={dt.date(2026, 2, 1): [("10:00", "11:00")]}
    )
    assert dt.datetime(2026, 2, 1, 10, 30, tzinfo=dt.UTC) == only_special.add(start, H / 2)
    with pytest.raises(LimitExceededError):
        only_special.add(start, 2 * H)


def test_horizon() -> None:
    """Instants outside 1970-2199 (local dates) are refused."""
    with pytest.raises(LimitExceededError):
        OFFICE.elapsed(
            dt.datetime(1969, 6, 1, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )
    with pytest.raises(LimitExceededError):
        OFFICE.is_open(dt.datetime(2200, 6, 1, tzinfo=dt.UTC))
    with pytest.raises(LimitExceededError):
        list(
            OFFICE.intervals(
                dt.datetime(1969, 6, 1, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
            )
        )
    with pytest.raises(LimitExceededError):
        OFFICE.add(dt.datetime(2199, 12, 1, tzinfo=dt.UTC), dt.timedelta(days=365))
    with pytest.raises(LimitExceededError):
        OFFICE.working_time(dt.date(2200, 1, 1))


# -- validation -------------------------------------------------------------------------------


def test_naive_datetimes_are_rejected() -> None:
    """Every query refuses naive datetimes, naming the argument."""
    naive = dt.datetime(2026, 1, 5, 10)
    aware = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)
    for call, field in (
        (lambda: OFFICE.elapsed(naive, aware), "start"),
        (lambda: OFFICE.elapsed(aware, naive), "end"),
        (lambda: OFFICE.add(naive, H), "start"),
        (lambda: OFFICE.subtract(naive, H), "end"),
        (lambda: OFFICE.is_open(naive), "at"),
        (lambda: OFFICE.next_open(naive), "at"),
        (lambda: OFFICE.next_close(naive), "at"),
        (lambda: list(OFFICE.intervals(naive, aware)), "start"),
    ):
        with pytest.raises(InvalidInputError) as info:
            call()
        assert field == info.value.field
    with pytest.raises(InvalidInputError) as info:
        OFFICE.add(aware, 3600)  # type: ignore[arg-type]
    assert "duration" == info.value.field
    with pytest.raises(InvalidInputError):
        list(OFFICE.intervals(aware, aware - H))
    with pytest.raises(InvalidInputError):
        OFFICE.working_time(aware)


@pytest.mark.parametrize(
    ("hours", "fragment"),
    [
        ({0: [("09:00", "17:00"), ("16:00", "18:00")]}, "overlaps"),
        ({0: [("22:00", "06:00")], 1: [("05:00", "09:00")]}, "overlaps"),
        ({0: [("09:00", "09:00")]}, "empty"),
        ({0: [("9:00", "17:00")]}, "HH:MM"),
        ({0: [("09:00", "24:30")]}, "24:00"),
        ({0: [("24:00", "06:00")]}, "before '24:00'"),
        ({7: [("09:00", "17:00")]}, "weekday"),
        ({"funday": [("09:00", "17:00")]}, "weekday"),
        ({0: "09:00-17:00"}, "sequence"),
        ({0: [("09:00",)]}, "pair"),
        ({0: [(9, 17)]}, "str"),
        ({0: [("09:00", "17:00")], "mon": [("18:00", "19:00")]}, "twice"),
    ],
)
def test_bad_hours_are_rejected(hours: dict[object, object], fragment: str) -> None:
    """Bad working hours raise InvalidInputError with a message naming the problem."""
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.weekly("UTC", hours=hours)  # type: ignore[arg-type]
    assert fragment in str(info.value)


def test_other_bad_fields() -> None:
    """Unknown zones, bad holidays and special days are refused."""
    hours = {0: [("09:00", "17:00")]}
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.weekly("Mars/Olympus", hours=hours)
    assert "timezone" == info.value.field
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly("UTC", hours=hours, holidays=["2026-01-01"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly("UTC", hours=hours, holidays="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly(
            "UTC", hours=hours, special_days={dt.date(2026, 1, 2): [("22:00", "02:00")]}
        )
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly("UTC", hours=hours, special_days={"2026-01-02": []})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly("UTC", hours=hours, special_days=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        BusinessCalendar(timezone="UTC", hours=[])
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly("UTC", hours=hours, name=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        WorkingInterval(start=dt.time(9, 0, 0, 5), end="10:00")


def test_working_interval_forms() -> None:
    """Intervals accept datetime.time and report crossing and duration."""
    interval = WorkingInterval(start=dt.time(22), end=dt.time(6, 0, 30))
    assert "22:00" == interval.start
    assert "06:00:30" == interval.end
    assert interval.crosses_midnight
    assert dt.timedelta(hours=8, seconds=30) == interval.duration
    assert not WorkingInterval(start="00:00", end="24:00").crosses_midnight
    cal = BusinessCalendar.weekly("UTC", hours={"Monday": [interval], "tue": [("22:00", "00:00")]})
    assert 2 * H == cal.working_time(dt.date(2026, 6, 2)) - dt.timedelta(hours=6, seconds=30)


# -- values ----------------------------------------------------------------------------------


def test_calendars_are_values() -> None:
    """Equal definitions are equal and hash alike; tables do not show in repr or JSON."""
    again = BusinessCalendar.weekly(
        "Europe/Amsterdam",
        hours={d: [("09:00", "17:00")] for d in reversed(WEEKDAYS)},
        holidays=sorted(NL_HOLIDAYS),
        special_days={dt.date(2026, 12, 24): [("09:00", "13:00")]},
        name="Amsterdam office",
    )
    assert OFFICE == again
    assert hash(OFFICE) == hash(again)
    assert "_engine" not in repr(OFFICE)
    text = to_json(OFFICE)
    assert "_engine" not in text
    assert OFFICE == from_json(text, BusinessCalendar)
    assert OFFICE == pickle.loads(pickle.dumps(OFFICE))


def test_json_problems_have_paths() -> None:
    """A bad interval in JSON is reported with its path."""
    text = '{"timezone": "UTC", "hours": {"0": [{"start": "9", "end": "17:00"}]}}'
    with pytest.raises(InvalidInputError) as info:
        from_json(text, BusinessCalendar)
    assert "start" in str(info.value)


# -- the caller-owned index behind bulk SLA measurement -------------------------------------


def _us(moment: dt.datetime) -> int:
    return (moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)


def _laid_out(index: CalendarIndex) -> int:
    """How many chunks an index has laid out (its private cache, read to check its bounds)."""
    return len(index._chunks)


@settings(max_examples=1500)
@given(cal=st.sampled_from(CALENDARS), start=instants, span=spans)
def test_index_agrees_with_the_oracle(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta
) -> None:
    """Index positions differ by the oracle's elapsed; the inverse is the oracle's add."""
    index = CalendarIndex(cal)
    end = start + span
    a, b = _us(start), _us(end)
    middle = _us(start + span / 3)
    # Enough lookups that the chunks are laid out, then the same answers from them.
    for _ in range(3):
        positions = index.positions_us([a, middle, b] * 3)
        assert oracle.elapsed(cal, start, end) == dt.timedelta(
            microseconds=positions[2] - positions[0]
        )
        assert [index.position_us(u) for u in (a, middle, b)] == positions[:3]
        assert cal.position(start) == dt.timedelta(microseconds=positions[0])
        duration = span // 4
        if duration > dt.timedelta(0):
            expected = oracle.add(cal, start, duration)
            target = positions[0] + duration // dt.timedelta(microseconds=1)
            assert _us(expected) == index.instant_us(target, hint_us=a)
            assert _us(expected) == index.instant_us(target)


def test_index_chunks_are_bounded_and_skip_the_horizon() -> None:
    """Chunks near the horizon are not made (the calendar answers them).

    The index starts afresh when it is full; a chunk is laid out only after a
    few lookups in it.
    """
    cal = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in WEEKDAYS}
    )
    index = CalendarIndex(cal)

    def position(u: int) -> int:
        return cal.position(dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + u * US) // US

    early = _us(dt.datetime(1970, 1, 1, 0, 30, tzinfo=AMS))  # in a chunk that starts before 1970
    late = _us(dt.datetime(2199, 12, 30, 10, tzinfo=dt.UTC))
    for _ in range(2 * _index.CHUNK_LOOKUPS):
        assert [position(u) for u in (early, late)] == index.positions_us([early, late])
        for u in (early, late):
            assert position(u) == index.position_us(u)
            after = _us(cal.add(cal.next_open(dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + u * US), US))
            assert after == index.instant_us(position(u) + 1, hint_us=u)
    assert 0 == _laid_out(index)
    start = _us(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    step = 1 << _index.CHUNK_BITS
    assert position(start) == index.position_us(start)
    assert 0 == _laid_out(index)  # one lookup does not lay a chunk out
    for k in range(_index.MAX_CHUNKS + 3):
        u = start + k * step
        assert [position(u)] * (_index.CHUNK_LOOKUPS + 1) == index.positions_us(
            [u] * (_index.CHUNK_LOOKUPS + 1)
        )
        assert _laid_out(index) <= _index.MAX_CHUNKS
    assert 0 < _laid_out(index) < _index.MAX_CHUNKS
    # Across chunks, into the horizon's edge and back: each instant answered as the calendar does.
    mixed = [start, start + step // 2, start + 3 * step, late, start, early, start + step]
    assert [position(u) for u in mixed] == index.positions_us(mixed)
    with pytest.raises(LimitExceededError):
        index.position_us(_us(dt.datetime(2200, 6, 1, tzinfo=dt.UTC)))


def test_index_inverse_beyond_the_next_chunk_asks_the_calendar() -> None:
    """A target more than a chunk away is still found (by the calendar's arithmetic)."""
    cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "10:00")]})
    index = CalendarIndex(cal)
    monday = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
    weeks = 10  # ten hours of work: ten Mondays, more than two chunks later
    for _ in range(2 * _index.CHUNK_LOOKUPS):
        target = index.position_us(_us(monday)) + weeks * 3_600_000_000
        assert _us(monday + dt.timedelta(weeks=weeks - 1, hours=1)) == index.instant_us(
            target, hint_us=_us(monday)
        )
    assert _laid_out(index)


def test_index_refuses_bad_input_by_name() -> None:
    """Wrong types and out-of-range values raise the library's errors, never builtin ones."""
    cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "10:00")]})
    index = CalendarIndex(cal)
    with pytest.raises(InvalidTypeError, match="'calendar' must be BusinessCalendar"):
        CalendarIndex("UTC")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'instant_us' must be int"):
        index.position_us(1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'instant_us' must be int"):
        index.position_us(True)
    with pytest.raises(InvalidTypeError, match="'instants_us' must be int"):
        index.positions_us([0, "1"])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match="'instants_us' must be a list or tuple"):
        index.positions_us(iter([0]))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'position_us' must be int"):
        index.instant_us(2.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'hint_us' must be int"):
        index.instant_us(2, hint_us=2.0)  # type: ignore[arg-type]
    for huge in (10**30, -(10**30)):
        with pytest.raises(LimitExceededError, match="'instant_us' is outside"):
            index.position_us(huge)
    with pytest.raises(LimitExceededError, match="'position_us' is before the start"):
        index.instant_us(-1)
    with pytest.raises(LimitExceededError, match="'position_us' runs out of working time"):
        index.instant_us(10**30)
    assert _us(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == index.instant_us(0)
    assert cal is index.calendar
    assert ZoneInfo("UTC") == index.zone
    assert repr(index).startswith("CalendarIndex(BusinessCalendar(")


# -- a calendar is a value: reading it never changes it ------------------------------------


def _state(cal: BusinessCalendar) -> tuple[object, ...]:
    """Every slot of the calendar, and its precomputed tables byte for byte."""
    names = vars(BusinessCalendar)["__slots__"]
    assert "_engine" in names
    slots = tuple(getattr(cal, name) for name in names if name not in {"_engine", "__weakref__"})
    return slots, pickle.dumps(cal._engine), hash(cal), repr(cal), to_json(cal)


def test_heavy_use_leaves_a_calendar_exactly_as_it_was() -> None:
    """Queries, indexes and bulk SLA measuring keep no state in the calendar.

    The calendar once grew a cache of up to 512 chunks of working stretches
    inside its frozen, hashable value as SLA measuring read it; now caches
    belong to a caller-owned [CalendarIndex][accountplan.calendars.CalendarIndex].
    """
    cal = BusinessCalendar.weekly(
        "Europe/Amsterdam",
        hours={d: [("09:00", "12:00"), ("13:00", "17:30")] for d in WEEKDAYS},
        holidays=NL_HOLIDAYS,
    )
    before = _state(cal)
    start = dt.datetime(2026, 1, 5, 8, tzinfo=AMS)
    moments = [start + dt.timedelta(hours=37 * i + 0.25) for i in range(400)]
    for a, b in itertools.pairwise(moments):
        cal.elapsed(a, b)
        cal.add(a, 3 * H)
        cal.subtract(b, 3 * H)
        cal.is_open(a)
        cal.next_open(a)
        cal.next_close(a)
        cal.position(a)
        list(cal.intervals(a, b))
        cal.working_time(a.date())
        cal.business_days(a.date(), b.date())
    index = CalendarIndex(cal)
    instants = [_us(moment) for moment in moments]
    for _ in range(100):
        for position in index.positions_us(instants):
            index.instant_us(position + 1, hint_us=instants[0])
    assert _laid_out(index)
    policy = SlaPolicy(
        name="office",
        calendar=cal,
        targets_by_priority={Priority.HIGH: [SlaTarget(metric="resolution", within=8 * H)]},
    )
    tickets = [
        Ticket(
            id=f"T-{i}",
            account_number="A-1",
            priority=Priority.HIGH,
            created_at=moment,
            events=[TicketEvent(at=moment + 30 * H, kind=TicketEventKind.RESOLVED)],
        )
        for i, moment in enumerate(moments)
    ]
    as_of = moments[-1] + 40 * H
    assert len(moments) == sum(1 for _ in evaluate_many(tickets * 3, policy, as_of=as_of)) / 3
    evaluate(tickets[0], policy, as_of=as_of)
    assert before == _state(cal)
