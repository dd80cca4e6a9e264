"""Holiday coverage, the horizon's edges and the limits of a calendar."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.calendars import MAX_HOLIDAYS_AND_SPECIAL_DAYS, BusinessCalendar, CalendarIndex
from accountplan.exceptions import AccountPlanError, InvalidInputError, LimitExceededError
from accountplan.serialization import from_json, to_json

AMS = ZoneInfo("Europe/Amsterdam")
H = dt.timedelta(hours=1)
WEEK = {d: [("09:00", "17:00")] for d in range(5)}
# Dutch public holidays 2025-2026 (Rijksoverheid "Officiële feestdagen").
NL_2025_2026 = [
    dt.date.fromisoformat(d)
    for d in [
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
    ]
]
COVERED = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours=WEEK, holidays=NL_2025_2026, holidays_cover=(2025, 2026)
)
UNBOUNDED = BusinessCalendar.weekly("Europe/Amsterdam", hours=WEEK, holidays=NL_2025_2026)
EXTENDED = BusinessCalendar.weekly(
    "Europe/Amsterdam",
    hours=WEEK,
    holidays=NL_2025_2026,
    holidays_cover=range(2025, 2027),
    assume_no_holidays_beyond_cover=True,
)
KINGS_DAY_2027 = dt.datetime(2027, 4, 27, 10, tzinfo=AMS)


def _refused(call: Callable[[], Any], field: str) -> LimitExceededError:
    with pytest.raises(LimitExceededError) as info:
        call()
    assert field == info.value.field
    return info.value


# -- the report: King's Day 2027 answered as a working day -----------------------------------


def test_from_holidays_refuses_kings_day_2027() -> None:
    """A calendar loaded for 2025-2026 does not call King's Day 2027 a working day.

    The original report: from_holidays(years=2025..2026) answered is_open on
    27 April 2027 (King's Day, a Dutch public holiday) with True.
    """
    pytest.importorskip("holidays")
    cal = BusinessCalendar.from_holidays(
        "Europe/Amsterdam", country="NL", years=range(2025, 2027), hours=WEEK
    )
    assert (2025, 2026) == cal.holidays_cover
    error = _refused(lambda: cal.is_open(KINGS_DAY_2027), "at")
    assert "2025 to 2026" == error.limit
    assert (
        "'at' is outside the years the calendar's holidays cover (2025 to 2026) "
        f"(got {KINGS_DAY_2027!r})"
    ) == str(error)
    assert cal.is_open(dt.datetime(2026, 4, 28, 10, tzinfo=AMS))
    assert not cal.is_open(dt.datetime(2026, 4, 27, 10, tzinfo=AMS))


def test_from_holidays_can_assume_no_holidays_beyond_the_years() -> None:
    """With the explicit option, dates past the years get the weekly hours and no holidays."""
    pytest.importorskip("holidays")
    cal = BusinessCalendar.from_holidays(
        "Europe/Amsterdam",
        country="NL",
        years=[2026],
        hours=WEEK,
        assume_no_holidays_beyond_cover=True,
    )
    assert cal.assume_no_holidays_beyond_cover
    assert cal.is_open(KINGS_DAY_2027)


def test_from_holidays_needs_consecutive_years_inside_the_horizon() -> None:
    """Years with a gap (2022 unknown) or outside 1970-2199 are refused."""
    pytest.importorskip("holidays")
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.from_holidays("UTC", country="NL", years=[2021, 2023], hours=WEEK)
    assert "'years' must be consecutive years (got [2021, 2023])" == str(info.value)
    _refused(
        lambda: BusinessCalendar.from_holidays("UTC", country="NL", years=[1960], hours=WEEK),
        "holidays_cover",
    )


# -- every query refuses outside the cover ---------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (lambda c: c.is_open(KINGS_DAY_2027), "at", "is outside"),
        (
            lambda c: c.elapsed(dt.datetime(2026, 12, 1, tzinfo=AMS), KINGS_DAY_2027),
            "end",
            "is outside",
        ),
        (
            lambda c: c.elapsed(dt.datetime(2024, 12, 31, 12, tzinfo=AMS), KINGS_DAY_2027),
            "start",
            "is outside",
        ),
        (lambda c: c.add(KINGS_DAY_2027, H), "start", "is outside"),
        (lambda c: c.add(dt.datetime(2026, 12, 31, 16, tzinfo=AMS), 2 * H), "duration", "past"),
        (lambda c: c.subtract(dt.datetime(2025, 1, 2, 10, tzinfo=AMS), 2 * H), "duration", "back"),
        (lambda c: c.add(dt.datetime(2025, 1, 2, 10, tzinfo=AMS), -2 * H), "duration", "back"),
        (lambda c: c.subtract(KINGS_DAY_2027, H), "end", "is outside"),
        (lambda c: c.next_open(dt.datetime(2026, 12, 31, 17, tzinfo=AMS)), "at", "past"),
        (lambda c: c.next_open(KINGS_DAY_2027), "at", "is outside"),
        (lambda c: c.next_close(KINGS_DAY_2027), "at", "is outside"),
        (lambda c: c.position(KINGS_DAY_2027), "at", "is outside"),
        (lambda c: c.position(dt.datetime(2024, 6, 1, tzinfo=AMS)), "at", "is outside"),
        (
            lambda c: list(c.intervals(dt.datetime(2026, 12, 1, tzinfo=AMS), KINGS_DAY_2027)),
            "end",
            "is outside",
        ),
        (
            lambda c: list(c.intervals(dt.datetime(2024, 12, 1, tzinfo=AMS), KINGS_DAY_2027)),
            "start",
            "is outside",
        ),
        (lambda c: c.business_days(dt.date(2026, 12, 1), dt.date(2027, 1, 2)), "end", "is outside"),
        (
            lambda c: c.business_days(dt.date(2024, 12, 31), dt.date(2025, 1, 2)),
            "start",
            "is outside",
        ),
        (lambda c: c.working_time(dt.date(2027, 1, 1)), "day", "is outside"),
        (lambda c: c.working_time(dt.date(2024, 12, 31)), "day", "is outside"),
    ],
)
def test_every_query_refuses_outside_the_cover(
    call: Callable[[BusinessCalendar], Any], field: str, message: str
) -> None:
    """A question that needs a date outside 2025-2026 names the field and the covered years.

    The same question is answered when the option extends the weekly hours.
    """
    error = _refused(lambda: call(COVERED), field)
    assert "2025 to 2026" == error.limit
    assert message in str(error)
    assert "(2025 to 2026)" in str(error)
    call(EXTENDED)


def test_the_cover_end_is_exclusive_for_spans() -> None:
    """A span that ends at midnight after the last covered date needs no more data."""
    start = dt.datetime(2025, 1, 1, tzinfo=AMS)
    end = dt.datetime(2027, 1, 1, tzinfo=AMS)
    assert UNBOUNDED.elapsed(start, end) == COVERED.elapsed(start, end)
    assert dt.timedelta(0) == COVERED.position(start)
    # 261 weekdays in each year, 8 of them Dutch holidays in each.
    assert 253 + 253 == COVERED.business_days(dt.date(2025, 1, 1), dt.date(2027, 1, 1))
    # Thursday 31 December 2026, 16:00 plus one hour ends at the last close of the cover.
    assert dt.datetime(2026, 12, 31, 17, tzinfo=AMS) == COVERED.add(
        dt.datetime(2026, 12, 31, 16, tzinfo=AMS), H
    )
    assert dt.datetime(2026, 12, 31, 17, tzinfo=AMS) == COVERED.next_close(
        dt.datetime(2026, 12, 31, 16, tzinfo=AMS)
    )
    assert [] != list(COVERED.intervals(dt.datetime(2026, 12, 31, tzinfo=AMS), end))
    with pytest.raises(LimitExceededError):
        COVERED.is_open(end)


_FIRST = dt.datetime(2025, 1, 1, tzinfo=AMS).astimezone(dt.UTC)
_END = dt.datetime(2027, 1, 1, tzinfo=AMS).astimezone(dt.UTC)
_COVERED_INSTANTS = st.integers(0, (_END - _FIRST) // dt.timedelta(seconds=1) - 1).map(
    lambda s: (_FIRST + dt.timedelta(seconds=s)).astimezone(AMS)
)


@settings(max_examples=300)
@given(a=_COVERED_INSTANTS, b=_COVERED_INSTANTS, hours=st.integers(-40, 40))
def test_the_cover_only_refuses_and_never_changes_an_answer(
    a: dt.datetime, b: dt.datetime, hours: int
) -> None:
    """Inside the cover a bounded calendar answers exactly as the same unbounded one."""
    assert UNBOUNDED.elapsed(a, b) == COVERED.elapsed(a, b)
    assert UNBOUNDED.is_open(a) == COVERED.is_open(a)
    assert COVERED.position(b) - COVERED.position(a) == UNBOUNDED.elapsed(a, b)
    expected = UNBOUNDED.add(a, hours * H).astimezone(dt.UTC)
    if _FIRST <= expected <= _END:
        assert expected == COVERED.add(a, hours * H).astimezone(dt.UTC)
    else:
        with pytest.raises(LimitExceededError):
            COVERED.add(a, hours * H)
    opening = UNBOUNDED.next_open(a).astimezone(dt.UTC)
    if opening < _END:
        assert opening == COVERED.next_open(a).astimezone(dt.UTC)
    else:
        with pytest.raises(LimitExceededError):
            COVERED.next_open(a)


# -- building calendars with a cover ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cover", "error", "message"),
    [
        ((2026, 2025), InvalidInputError, "must not end (2025) before it starts (2026)"),
        (range(2025, 2025), InvalidInputError, "non-empty range of consecutive years"),
        (range(2025, 2030, 2), InvalidInputError, "non-empty range of consecutive years"),
        ((2025,), InvalidInputError, "(first, last) pair of years"),
        ("2025", InvalidInputError, "(first, last) pair of years"),
        (("2025", 2026), InvalidInputError, "must hold years (int)"),
        ((2025, True), InvalidInputError, "must hold years (int)"),
        ((1969, 2026), LimitExceededError, "inside the calendar's horizon (1970 to 2199)"),
        ((2025, 2200), LimitExceededError, "inside the calendar's horizon (1970 to 2199)"),
    ],
)
def test_bad_covers_are_refused(cover: Any, error: type[Exception], message: str) -> None:
    """A cover is a (first, last) pair or a range of years inside the horizon."""
    with pytest.raises(error) as info:
        BusinessCalendar.weekly("UTC", hours=WEEK, holidays_cover=cover)
    assert message in str(info.value)
    assert "holidays_cover" == info.value.field  # type: ignore[attr-defined]


def test_a_cover_must_hold_the_holidays_and_the_option_needs_a_cover() -> None:
    """A holiday outside the cover contradicts it; the option alone means nothing."""
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.weekly(
            "UTC", hours=WEEK, holidays=[dt.date(2027, 4, 27)], holidays_cover=(2025, 2026)
        )
    assert (
        "'holidays' lies outside holidays_cover 2025 to 2026 (got datetime.date(2027, 4, 27))"
    ) == str(info.value)
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.weekly("UTC", hours=WEEK, assume_no_holidays_beyond_cover=True)
    assert "assume_no_holidays_beyond_cover" == info.value.field
    assert "needs holidays_cover" in str(info.value)
    with pytest.raises(InvalidInputError):
        BusinessCalendar.weekly(
            "UTC",
            hours=WEEK,
            holidays_cover=(2025, 2026),
            assume_no_holidays_beyond_cover=1,  # type: ignore[arg-type]
        )
    assert (1970, 2199) == BusinessCalendar.weekly(
        "UTC",
        hours=WEEK,
        holidays_cover=[1970, 2199],  # type: ignore[arg-type]
    ).holidays_cover


def test_the_cover_round_trips_through_json() -> None:
    """The cover and the option travel in JSON and come back equal."""
    text = to_json(EXTENDED)
    assert '"holidays_cover":[2025,2026]' in text.replace(" ", "")
    assert '"assume_no_holidays_beyond_cover":true' in text.replace(" ", "")
    assert EXTENDED == from_json(text, BusinessCalendar)
    assert COVERED == from_json(to_json(COVERED), BusinessCalendar)
    assert COVERED != UNBOUNDED
    loaded = from_json(to_json(COVERED), BusinessCalendar)
    with pytest.raises(LimitExceededError):
        loaded.is_open(KINGS_DAY_2027)


def test_calendar_indexes_respect_the_cover() -> None:
    """The index behind SLA measurement refuses instants past the cover too."""
    index = CalendarIndex(COVERED)
    late = (KINGS_DAY_2027 - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)
    with pytest.raises(LimitExceededError, match="holidays cover"):
        index.position_us(late)
    inside = late - 365 * 86_400_000_000
    for _ in range(20):  # before and after the chunks are laid out
        with pytest.raises(LimitExceededError, match="holidays cover"):
            index.instant_us(index.position_us(inside) + 2000 * 3_600_000_000, hint_us=inside)
        with pytest.raises(LimitExceededError, match="holidays cover"):
            index.positions_us([inside, late])


# -- limits --------------------------------------------------------------------------------


def test_holidays_and_special_days_are_bounded() -> None:
    """More than MAX_HOLIDAYS_AND_SPECIAL_DAYS dates are refused before any work."""
    first = dt.date(1970, 1, 1)
    many = [first + dt.timedelta(days=i) for i in range(MAX_HOLIDAYS_AND_SPECIAL_DAYS + 1)]
    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly("UTC", hours=WEEK, holidays=many)
    assert "holidays" == info.value.field
    assert MAX_HOLIDAYS_AND_SPECIAL_DAYS == info.value.limit
    assert f"lists more than {MAX_HOLIDAYS_AND_SPECIAL_DAYS} dates" in str(info.value)
    with pytest.raises(LimitExceededError):
        BusinessCalendar.weekly("UTC", hours=WEEK, holidays=iter(many))
    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly("UTC", hours=WEEK, special_days=dict.fromkeys(many, ()))
    assert "special_days" == info.value.field
    half = MAX_HOLIDAYS_AND_SPECIAL_DAYS // 2 + 1
    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly(
            "UTC",
            hours=WEEK,
            holidays=many[:half],
            special_days=dict.fromkeys(many[half : 2 * half], ()),
        )
    assert "special_days" == info.value.field
    assert f"makes more than {MAX_HOLIDAYS_AND_SPECIAL_DAYS}" in str(info.value)
    exactly = BusinessCalendar.weekly(
        "UTC", hours=WEEK, holidays=many[:MAX_HOLIDAYS_AND_SPECIAL_DAYS]
    )
    assert MAX_HOLIDAYS_AND_SPECIAL_DAYS == len(exactly.holidays)


# -- the edges of datetime --------------------------------------------------------------------

_OFFSETS = st.sampled_from(
    [
        dt.UTC,
        dt.timezone(dt.timedelta(hours=23, minutes=59)),
        dt.timezone(-dt.timedelta(hours=23, minutes=59)),
        AMS,
        ZoneInfo("Pacific/Apia"),
        ZoneInfo("Pacific/Kiritimati"),
    ]
)
_EXTREMES = st.one_of(
    st.datetimes(timezones=_OFFSETS),
    st.sampled_from([dt.datetime.min, dt.datetime.max]).flatmap(  # noqa: DTZ901
        lambda d: st.builds(lambda tz: d.replace(tzinfo=tz), _OFFSETS)
    ),
    st.just(dt.datetime.fromisoformat("9999-12-31T23:59:59-23:59")),
    st.just(dt.datetime.fromisoformat("0001-01-01T00:00:00+23:59")),
    st.datetimes(dt.datetime(2199, 12, 30), dt.datetime(2200, 1, 2), timezones=_OFFSETS),
    st.datetimes(dt.datetime(1969, 12, 30), dt.datetime(1970, 1, 2), timezones=_OFFSETS),
)
_DURATIONS = st.one_of(
    st.timedeltas(),
    st.sampled_from([dt.timedelta.max, dt.timedelta.min, dt.timedelta(microseconds=1)]),
)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EDGE_CALENDARS = [
    BusinessCalendar.weekly("Europe/Amsterdam", hours=WEEK),
    BusinessCalendar.always("Pacific/Apia"),
    BusinessCalendar.weekly("UTC", hours={}),
    COVERED,
]


@settings(max_examples=400)
@given(cal=st.sampled_from(_EDGE_CALENDARS), a=_EXTREMES, b=_EXTREMES, duration=_DURATIONS)
def test_only_accountplan_errors_escape_at_the_edges(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime, duration: dt.timedelta
) -> None:
    """Near datetime.min/max and with huge durations, only accountplan errors are raised.

    The original report: next_open, add, elapsed and next_close raised raw
    OverflowError / ValueError near the date limits (for example
    9999-12-31T23:59:59-23:59 read from JSON).
    """
    calls: list[Callable[[], object]] = [
        lambda: cal.elapsed(a, b),
        lambda: cal.add(a, duration),
        lambda: cal.subtract(a, duration),
        lambda: cal.is_open(a),
        lambda: cal.next_open(a),
        lambda: cal.next_close(a),
        lambda: cal.position(a),
        lambda: list(cal.intervals(a, max(a, b, key=lambda d: d - _EPOCH))),
    ]
    for call in calls:
        with contextlib.suppress(AccountPlanError):
            call()


def test_the_reported_extreme_instant_is_refused_with_a_limit_error() -> None:
    """9999-12-31T23:59:59-23:59 (a valid RFC 3339 instant past year 9999 in UTC)."""
    cal = BusinessCalendar.weekly("Europe/Amsterdam", hours=WEEK)
    extreme = dt.datetime.fromisoformat("9999-12-31T23:59:59-23:59")
    for call, field in [
        (lambda: cal.next_open(extreme), "at"),
        (lambda: cal.next_close(extreme), "at"),
        (lambda: cal.add(extreme, H), "start"),
        (lambda: cal.elapsed(extreme, extreme), "start"),
        (lambda: cal.is_open(extreme), "at"),
    ]:
        error = _refused(call, field)
        assert extreme == error.value
    error = _refused(
        lambda: cal.add(dt.datetime(2026, 1, 5, tzinfo=AMS), dt.timedelta.min), "duration"
    )
    assert "reaches back before the calendar's horizon (1970-01-01)" in str(error)
    error = _refused(
        lambda: cal.add(dt.datetime(2026, 1, 5, tzinfo=AMS), dt.timedelta.max), "duration"
    )
    assert "runs out of working time before the calendar's horizon ends (2200-01-01)" in str(error)
    assert "1970-01-01 to 2200-01-01" == error.limit
