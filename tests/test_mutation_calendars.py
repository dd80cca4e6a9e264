"""Calendar behaviour that mutation testing found unpinned, checked against independent answers.

Each test states an answer that does not come from the engine: the
day-walking oracle (``tests/calendar_oracle.py``), the zone data as
``zoneinfo`` reads it, hand-counted working hours, or the documented text of
an error.
"""

from __future__ import annotations

import builtins
import datetime as dt
import importlib.resources
import itertools
import struct
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from accountplan.calendars import (
    BusinessCalendar,
    CalendarIndex,
    WorkingInterval,
    _time,
    _tzif,
    _zones,
)
from accountplan.calendars._index import CHUNK_BITS, CHUNK_LOOKUPS, MAX_CHUNKS
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    MissingDependencyError,
)
from tests import calendar_oracle as oracle

UTC = dt.UTC
H = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def _instant(value: dt.datetime) -> dt.datetime:
    """The same instant in UTC (aware datetimes with ``fold=1`` never equal another zone's)."""
    return value.astimezone(UTC)


# -- a clock change that goes back across midnight ----------------------------------

# America/Moncton left daylight time at 00:01 ADT on Sunday 29 October 2006
# (03:01 UTC), back to 23:01 AST on Saturday 28 October (tzdata "northamerica").
# The first 00:00 of 29 October is 03:00 UTC; from 03:01 to 04:00 UTC the wall
# clock reads Saturday again although Sunday has begun.
MONCTON = BusinessCalendar.weekly("America/Moncton", hours={6: [("00:00", "24:00")]})


def test_the_zone_data_has_the_change_across_midnight() -> None:
    zone = ZoneInfo("America/Moncton")
    wall = _utc(2006, 10, 29, 3, 30).astimezone(zone)
    assert (wall.date(), wall.hour, wall.minute, wall.fold) == (dt.date(2006, 10, 28), 23, 30, 1)
    change = int(_utc(2006, 10, 29, 3, 1).timestamp()) * 1_000_000
    hour = 3_600_000_000
    assert (change, -3 * hour, -4 * hour) in _zones.transitions("America/Moncton")


@pytest.mark.parametrize("minute", [0, 1, 2, 30, 59, 60, 61])
def test_instants_of_the_repeated_saturday_hour_belong_to_sunday(minute: int) -> None:
    """After the first Sunday midnight the Sunday hours run, whatever the wall clock reads."""
    at = _utc(2006, 10, 29, 3) + minute * MIN
    saturday_noon = _utc(2006, 10, 28, 15)
    assert MONCTON.is_open(at)
    assert MONCTON.elapsed(saturday_noon, at) == oracle.elapsed(MONCTON, saturday_noon, at)
    assert MONCTON.elapsed(saturday_noon, at) == minute * MIN
    assert MONCTON.position(at) - MONCTON.position(saturday_noon) == minute * MIN
    answer = MONCTON.add(saturday_noon, minute * MIN + MIN)
    assert _instant(answer) == oracle.add(MONCTON, saturday_noon, minute * MIN + MIN)
    assert _instant(answer) == at + MIN


def test_sunday_of_the_change_has_twenty_five_hours() -> None:
    assert MONCTON.working_time(dt.date(2006, 10, 29)) == 25 * H
    assert MONCTON.working_time(dt.date(2006, 10, 28)) == dt.timedelta(0)
    start = MONCTON.next_open(_utc(2006, 10, 28, 12))
    assert _instant(start) == _utc(2006, 10, 29, 3)
    assert _instant(MONCTON.next_close(start)) == _utc(2006, 10, 30, 4)


# -- next_close whose stretch runs past the answered range --------------------------

# Monday to Saturday around the clock, Sunday closed.
SIX_DAYS = {day: [("00:00", "24:00")] for day in range(6)}


def test_next_close_past_the_cover_is_refused_with_the_years() -> None:
    """Thursday 31 December 2026: the stretch ends on Saturday 2 January 2027, past the cover."""
    cal = BusinessCalendar.weekly("UTC", hours=SIX_DAYS, holidays_cover=(2026, 2026))
    at = _utc(2026, 12, 31, 12)
    with pytest.raises(LimitExceededError) as info:
        cal.next_close(at)
    assert str(info.value) == (
        "'at' reaches past the years the calendar's holidays cover (2026 to 2026) "
        "(got datetime.datetime(2026, 12, 31, 12, 0, tzinfo=datetime.timezone.utc))"
    )
    assert info.value.limit == "2026 to 2026"
    # A day earlier in the year the same stretch is answered.
    assert cal.next_close(_utc(2026, 12, 24, 12)) == _utc(2026, 12, 27)


def test_next_close_past_the_horizon_is_refused() -> None:
    """Tuesday 31 December 2199: the stretch would end on Sunday 5 January 2200.

    Regression: the refusal used to say the stretch was longer than 400 days
    (with 400 as the limit), although it runs only five days, past the horizon.
    """
    cal = BusinessCalendar.weekly("UTC", hours=SIX_DAYS)
    at = _utc(2199, 12, 31, 12)
    with pytest.raises(LimitExceededError) as info:
        cal.next_close(at)
    assert str(info.value) == (
        "'at' runs out of working time before the calendar's horizon ends (2200-01-01) "
        "(got datetime.datetime(2199, 12, 31, 12, 0, tzinfo=datetime.timezone.utc))"
    )
    assert info.value.limit == "1970-01-01 to 2200-01-01"
    # 401 days before the horizon's end a 24x7 stretch is still judged by its length.
    always = BusinessCalendar.always("UTC")
    with pytest.raises(LimitExceededError) as info:
        always.next_close(_utc(2198, 11, 26))
    assert info.value.limit == 400
    with pytest.raises(LimitExceededError) as info:
        always.next_close(_utc(2198, 11, 27))
    assert info.value.limit == "1970-01-01 to 2200-01-01"


def test_next_close_near_the_horizon_with_a_cover() -> None:
    """A cover in the horizon's last year: the refusal names the cover."""
    cal = BusinessCalendar.weekly("UTC", hours=SIX_DAYS, holidays_cover=(2199, 2199))
    with pytest.raises(LimitExceededError) as info:
        cal.next_close(_utc(2199, 12, 31, 12))
    assert info.value.limit == "2199 to 2199"
    assert cal.next_close(_utc(2199, 12, 27, 12)) == _utc(2199, 12, 29)


# -- touching intervals ---------------------------------------------------------------

TOUCHING = BusinessCalendar.weekly(
    "Europe/Amsterdam",
    hours={
        0: [("12:00", "17:00"), ("09:00", "12:00"), ("22:00", "24:00")],
        1: [("00:00", "06:00"), ("06:00", "08:00")],
    },
)


def test_touching_intervals_form_one_stretch() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    monday = dt.datetime(2026, 6, 1, 9, tzinfo=zone)
    assert TOUCHING.next_close(monday) == dt.datetime(2026, 6, 1, 17, tzinfo=zone)
    assert TOUCHING.next_close(monday + 13 * H) == dt.datetime(2026, 6, 2, 8, tzinfo=zone)
    stretches = list(TOUCHING.intervals(monday, monday + 2 * dt.timedelta(days=1)))
    assert stretches == [
        (monday, dt.datetime(2026, 6, 1, 17, tzinfo=zone)),
        (dt.datetime(2026, 6, 1, 22, tzinfo=zone), dt.datetime(2026, 6, 2, 8, tzinfo=zone)),
    ]
    assert TOUCHING.working_time(dt.date(2026, 6, 1)) == 10 * H
    assert TOUCHING.working_time(dt.date(2026, 6, 2)) == 8 * H
    for hours in (0, 3, 4, 8, 12, 18):
        assert TOUCHING.add(monday, hours * H) == oracle.add(TOUCHING, monday, hours * H)
        end = monday + hours * 2 * H
        assert TOUCHING.elapsed(monday, end) == oracle.elapsed(TOUCHING, monday, end)


def test_the_calendar_keeps_the_intervals_as_given() -> None:
    assert [(i.start, i.end) for i in TOUCHING.hours[0]] == [
        ("12:00", "17:00"),
        ("09:00", "12:00"),
        ("22:00", "24:00"),
    ]


# -- conversions of instants ------------------------------------------------------------


def test_from_us_in_utc_and_in_a_zone() -> None:
    """Microseconds since the epoch back to an aware datetime, in either kind of zone."""
    u = 1_780_000_000_123_456
    expected = _utc(2026, 5, 28, 20, 26) + dt.timedelta(seconds=40, microseconds=123_456)
    assert _time.from_us(u, UTC) == expected
    assert _time.from_us(u, UTC).tzinfo is UTC
    zone = ZoneInfo("Europe/Amsterdam")
    local = _time.from_us(u, zone)
    assert local == expected
    assert (local.tzinfo, local.hour, local.microsecond) == (zone, 22, 123_456)
    assert _time.from_us(-1, UTC) == _utc(1970, 1, 1) - dt.timedelta(microseconds=1)
    assert _time.from_us(1_780_000_000_000_000, zone).microsecond == 0


# -- the index stays bounded -------------------------------------------------------------


def test_an_index_keeps_at_most_max_chunks_of_lookups_and_answers_the_same() -> None:
    cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
    index = CalendarIndex(cal)
    # One lookup in each of more chunks than the index keeps count of.
    instants = [(k << CHUNK_BITS) + 12 * 3_600_000_000 for k in range(1, MAX_CHUNKS + 40)]
    positions = index.positions_us(instants)
    assert len(index._lookups) <= MAX_CHUNKS
    epoch = _utc(1970, 1, 1)
    for u, position in zip(instants[::37], positions[::37], strict=True):
        at = epoch + dt.timedelta(microseconds=u)
        assert position == cal.position(at) // dt.timedelta(microseconds=1)


# -- TZif data that cannot be trusted ------------------------------------------------------


def _amsterdam() -> bytes:
    data = _tzif.tzif_bytes("Europe/Amsterdam")
    assert data is not None
    return data


def _second_header(data: bytes) -> int:
    counts: tuple[int, ...] = struct.unpack(">6l", data[20:44])
    isutc, isstd, leap, timecnt, typecnt, charcnt = counts
    return 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isutc


def test_a_broken_second_header_is_not_read() -> None:
    data = _amsterdam()
    at = _second_header(data)
    assert _tzif.read_changes(data) is not None
    assert _tzif.read_changes(data[:at] + b"XXXX" + data[at + 4 :]) is None
    assert _tzif.read_changes(data[: at + 40]) is None


def test_leap_seconds_or_no_types_are_not_read() -> None:
    data = _amsterdam()
    at = _second_header(data)
    leap = data[: at + 28] + (1).to_bytes(4, "big") + data[at + 32 :]
    assert _tzif.read_changes(leap) is None
    no_types = data[: at + 36] + (0).to_bytes(4, "big") + data[at + 40 :]
    assert _tzif.read_changes(no_types) is None


def test_a_missing_footer_is_not_read() -> None:
    data = _amsterdam()
    footer = data.rindex(b"\n", 0, len(data) - 1)
    assert _tzif.read_changes(data[:footer] + b"X" + data[footer + 1 :]) is None
    assert _tzif.read_changes(data[:-1]) is None
    parsed = _tzif.read_changes(data[:footer] + b"\nUTC0\n")
    assert parsed is not None
    assert parsed[2] == "UTC0"
    # RFC 8536 3.3: an empty footer rule (no rule for later times) is still a footer.
    empty = _tzif.read_changes(data[:footer] + b"\n\n")
    assert empty is not None
    assert empty[2] == ""


def test_an_unreadable_rule_or_a_disagreement_falls_back_to_the_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    scanned = _zones._scan_transitions(zone)
    assert _zones._tzif_transitions("Europe/Amsterdam", zone) == scanned
    monkeypatch.setattr(_tzif, "posix_changes", lambda rule, first, last: None)
    assert _zones._tzif_transitions("Europe/Amsterdam", zone) is None
    monkeypatch.undo()
    real = _tzif.read_changes

    def shifted(data: bytes) -> object:
        parsed = real(data)
        assert parsed is not None
        current, listed, rule = parsed
        # Every listed change an hour late: zoneinfo disagrees.
        return current, [(t + 3600, o) for t, o in listed], rule

    monkeypatch.setattr(_tzif, "read_changes", shifted)
    assert _zones._tzif_transitions("Europe/Amsterdam", zone) is None


def test_an_always_open_calendar_is_named_24x7_unless_named() -> None:
    assert BusinessCalendar.always("UTC").name == "24x7"
    assert BusinessCalendar.always("UTC", name="NOC").name == "NOC"
    assert BusinessCalendar.always("Asia/Tokyo").timezone == "Asia/Tokyo"


# -- POSIX TZ rules: dates worked out on a calendar ------------------------------------------


def _changes(*pairs: tuple[dt.datetime, int]) -> list[tuple[int, int]]:
    return [(int(when.timestamp()), seconds) for when, seconds in pairs]


@pytest.mark.parametrize(
    ("rule", "year", "std", "changes"),
    [
        # Last Sunday of December 2026 (31 December is a Thursday): the 27th; first
        # Sunday of January 2026 (1 January is a Thursday): the 4th, at 00:00 summer time.
        (
            "AAA0BBB,M12.5.0/0,M1.1.0/0",
            2026,
            0,
            _changes((_utc(2026, 1, 3, 23), 0), (_utc(2026, 12, 27), 3600)),
        ),
        # First Saturday of September 2026 (the 1st is a Tuesday): the 5th; third
        # Wednesday of April 2026 (the 1st is a Wednesday): the 15th.
        (
            "AAA0BBB,M9.1.6/0,M4.3.3/0",
            2026,
            0,
            _changes((_utc(2026, 4, 14, 23), 0), (_utc(2026, 9, 5), 3600)),
        ),
        # Lord Howe: +10:30, summer +11:00 from the first Sunday of October (the 4th)
        # 02:00 to the first Sunday of April (the 5th) 02:00.
        (
            "LHST-10:30LHDT-11,M10.1.0,M4.1.0",
            2026,
            37800,
            _changes((_utc(2026, 4, 4, 15), 37800), (_utc(2026, 10, 3, 15, 30), 39600)),
        ),
        # Julian days skip 29 February: J59 is 28 February, J365 is 31 December.
        (
            "AAA0BBB,J59/0,J365/0",
            2024,
            0,
            _changes((_utc(2024, 2, 28), 3600), (_utc(2024, 12, 30, 23), 0)),
        ),
        # J1 is 1 January; J365 is 31 December in a common year too.
        (
            "AAA0BBB,J1/0,J365/0",
            2026,
            0,
            _changes((_utc(2026, 1, 1), 3600), (_utc(2026, 12, 30, 23), 0)),
        ),
        # 2100 is no leap year: J60 is 1 March, J61 the 2nd.
        (
            "AAA0BBB,J60/0,J61/0",
            2100,
            0,
            _changes((_utc(2100, 3, 1), 3600), (_utc(2100, 3, 1, 23), 0)),
        ),
        # 2000 is a leap year: J60 is 1 March, day 59 (zero-based) is 29 February.
        (
            "AAA0BBB,59/0,J60/0",
            2000,
            0,
            _changes((_utc(2000, 2, 29), 3600), (_utc(2000, 2, 29, 23), 0)),
        ),
        # Zero-based days: 0 is 1 January, 365 is 31 December of a leap year.
        (
            "AAA0BBB,0/0,365/0",
            2024,
            0,
            _changes((_utc(2024, 1, 1), 3600), (_utc(2024, 12, 30, 23), 0)),
        ),
        # An explicit summer offset two hours ahead, times with a sign and seconds.
        (
            "AAA-1BBB-3,M3.5.0/+1:30:15,M10.5.0/2",
            2026,
            3600,
            _changes(
                (_utc(2026, 3, 29, 0, 30) + dt.timedelta(seconds=15), 10800),
                (_utc(2026, 10, 24, 23), 3600),
            ),
        ),
        ("<-0330>3:30", 2026, -12600, []),
        ("<+0545>-5:45", 2026, 20700, []),
        ("AAA-1:02:03", 2026, 3723, []),
    ],
)
def test_more_posix_rules(rule: str, year: int, std: int, changes: list[tuple[int, int]]) -> None:
    assert _tzif.posix_changes(rule, year, year) == (std, changes)


@pytest.mark.parametrize(
    "rule",
    [
        "AAA0BBB,J366,J1",
        "AAA0BBB,M0.1.0,M1.1.0",
        "AAA0BBB,366,1",
        "AAA0BBB,M1.6.0,M2.1.0",
        "AAA0BBB,M1.1.7,M2.1.0",
        "AAA0BBB,J1,Jx",
        "AAA0BBB,M1.1.0,M13.1.0",
    ],
)
def test_more_unknown_posix_rules(rule: str) -> None:
    assert _tzif.posix_changes(rule, 2026, 2026) is None


def test_posix_changes_over_several_years_are_sorted() -> None:
    """Southern summers: the change back in April comes before the change forward each year."""
    std, changes = _tzif.posix_changes("LHST-10:30LHDT-11,M10.1.0,M4.1.0", 2025, 2027) or (0, [])
    assert std == 37800
    assert len(changes) == 6
    assert changes == sorted(changes)
    assert [offset for _, offset in changes] == [37800, 39600] * 3


# -- from_holidays: defaults and the missing extra --------------------------------------------


def test_from_holidays_defaults() -> None:
    pytest.importorskip("holidays")
    cal = BusinessCalendar.from_holidays("UTC", country="NL", years=[2026], hours={})
    assert (cal.name, cal.assume_no_holidays_beyond_cover) == ("", False)
    assert cal.holidays_cover == (2026, 2026)


def test_from_holidays_without_the_extra_names_the_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_holidays(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "holidays":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_holidays)
    with pytest.raises(MissingDependencyError) as info:
        BusinessCalendar.from_holidays("UTC", country="NL", years=[2026], hours={})
    assert str(info.value) == (
        "BusinessCalendar.from_holidays needs the optional 'holidays' extra: "
        'pip install "accountplan[holidays]"'
    )
    assert info.value.feature == "BusinessCalendar.from_holidays"


def test_from_holidays_names_an_unknown_country_even_with_a_subdivision() -> None:
    pytest.importorskip("holidays")
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.from_holidays(
            "UTC", country="XX", subdivision="ZZ", years=[2026], hours={}
        )
    assert str(info.value) == "'country' is not known to the holidays package (got 'XX')"


def test_from_holidays_keeps_special_days() -> None:
    pytest.importorskip("holidays")
    special = {dt.date(2026, 12, 24): [("09:00", "12:00")]}
    cal = BusinessCalendar.from_holidays(
        "UTC", country="NL", years=[2026], hours=SIX_DAYS, special_days=special, name="NL"
    )
    assert cal.special_days[dt.date(2026, 12, 24)][0].end == "12:00"
    assert cal.working_time(dt.date(2026, 12, 24)) == 3 * H
    # Christmas Day is a Dutch holiday.
    assert cal.working_time(dt.date(2026, 12, 25)) == dt.timedelta(0)
    assert cal.name == "NL"


@pytest.mark.parametrize(("cover", "bad"), [(("2025", 2026), "'2025'"), ((2025, True), "True")])
def test_a_cover_of_non_years_names_the_value(cover: tuple[object, object], bad: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.weekly("UTC", hours={}, holidays_cover=cover)  # type: ignore[arg-type]
    assert str(info.value) == f"'holidays_cover' must hold years (int) (got {bad})"
    assert info.value.field == "holidays_cover"


@pytest.mark.parametrize("key", ["Europe/Amsterdam", "Australia/Lord_Howe", "Asia/Kolkata"])
def test_zone_changes_are_integer_microseconds(key: str) -> None:
    """Scanned and read changes alike: (instant, before, after) as int microseconds."""
    zone = ZoneInfo(key)
    scanned = _zones._scan_transitions(zone)
    read = _zones._tzif_transitions(key, zone)
    assert read == scanned
    for change in (*scanned, *(read or ())):
        assert [type(part) for part in change] == [int, int, int]
    assert type(_zones.fixed_offset(zone)) is int
    if key == "Asia/Kolkata":
        # No change since 1945: the offset is +05:30 throughout the horizon.
        assert scanned == ()
        assert _zones.fixed_offset(zone) == 19_800_000_000


@pytest.mark.parametrize("shift", [1, -1])
def test_listed_changes_off_by_one_second_fall_back_to_the_scan(
    monkeypatch: pytest.MonkeyPatch, shift: int
) -> None:
    """Each change is checked one second before it and at it, against zoneinfo."""
    zone = ZoneInfo("Europe/Amsterdam")
    real = _tzif.read_changes

    def off(data: bytes) -> object:
        parsed = real(data)
        assert parsed is not None
        current, listed, rule = parsed
        return current, [(t + shift, o) for t, o in listed], rule

    monkeypatch.setattr(_tzif, "read_changes", off)
    assert _zones._tzif_transitions("Europe/Amsterdam", zone) is None


def test_only_version_2_and_later_files_with_the_magic_are_read() -> None:
    data = _amsterdam()
    assert data[4:5] in (b"2", b"3", b"4")
    for version in (b"2", b"3", b"4"):
        assert _tzif.read_changes(data[:4] + version + data[5:]) is not None
    for version in (b"1", b"\x00", b"5"):
        assert _tzif.read_changes(data[:4] + version + data[5:]) is None
    assert _tzif.read_changes(b"TZiX" + data[4:]) is None


def test_a_footer_is_read_up_to_its_newline_and_never_fails_on_bytes() -> None:
    data = _amsterdam()
    footer = data.rindex(b"\n", 0, len(data) - 1)
    rule = "CET-1CEST,M3.5.0,M10.5.0/3"
    # Bytes after the footer's closing newline are not part of the rule.
    trailing = _tzif.read_changes(data + b"X\n")
    assert trailing is not None
    assert trailing[2] == rule
    # A byte that is not ASCII is replaced, never an error.
    odd = _tzif.read_changes(data[:footer] + b"\nCET\xff-1\n")
    assert odd is not None
    assert odd[2] == "CET\ufffd-1"


def test_a_type_index_past_the_types_is_not_read() -> None:
    data = _amsterdam()
    at = _second_header(data)
    counts: tuple[int, ...] = struct.unpack(">6l", data[at + 20 : at + 44])
    timecnt, typecnt = counts[3], counts[4]
    first_index = at + 44 + timecnt * 8
    for index, readable in ((typecnt - 1, True), (typecnt, False), (typecnt + 1, False)):
        changed = data[:first_index] + bytes([index]) + data[first_index + 1 :]
        assert (_tzif.read_changes(changed) is not None) is readable


@pytest.mark.parametrize(
    ("key", "plain"), [("/UTC", "UTC"), ("/Europe/Amsterdam", "Europe/Amsterdam")]
)
def test_absolute_keys_are_not_read(key: str, plain: str) -> None:
    """A key is a name inside the zone directory, never a path from its root."""
    assert _tzif.tzif_bytes(plain) is not None
    assert _tzif.tzif_bytes(key) is None


def test_without_tzpath_the_tzdata_package_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tzdata package keeps zone files as resources of tzdata.zoneinfo.<area>."""
    asked: list[tuple[str, str]] = []

    class Resource:
        def __init__(self, package: str) -> None:
            self.package = package

        def joinpath(self, name: str) -> Resource:
            asked.append((self.package, name))
            return self

        def read_bytes(self) -> bytes:
            return b"TZif from tzdata"

    monkeypatch.setattr(zoneinfo, "TZPATH", ())
    monkeypatch.setattr(importlib.resources, "files", Resource)
    assert _tzif.tzif_bytes("America/Argentina/Buenos_Aires") == b"TZif from tzdata"
    assert _tzif.tzif_bytes("UTC") == b"TZif from tzdata"
    assert asked == [
        ("tzdata.zoneinfo.America.Argentina", "Buenos_Aires"),
        ("tzdata.zoneinfo", "UTC"),
    ]


def test_an_index_names_an_instant_before_the_epoch_as_a_datetime() -> None:
    index = CalendarIndex(BusinessCalendar.always("UTC"))
    with pytest.raises(LimitExceededError) as info:
        index.position_us(-1)
    assert str(info.value).endswith(
        "(got datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc))"
    )
    with pytest.raises(LimitExceededError) as info:
        index.position_us(2**70)
    assert str(info.value).endswith("(got 1180591620717411303424)")


# -- subtract: the duration's type ------------------------------------------------------------

OFFICE = BusinessCalendar.weekly("UTC", hours={day: [("09:00", "17:00")] for day in range(5)})


def test_subtract_names_a_duration_that_is_not_a_timedelta() -> None:
    """The error names ``duration`` and shows the value, as ``add`` does."""
    for call in (OFFICE.subtract, OFFICE.add):
        with pytest.raises(InvalidTypeError) as info:
            call(_utc(2026, 6, 1, 10), 3600)  # type: ignore[arg-type]
        assert str(info.value) == "'duration' must be timedelta (got 3600)"
        assert info.value.field == "duration"


# -- intervals: each bound is named in its own error ------------------------------------------

HORIZON_TEXT = (
    "is outside the calendar's horizon: business time is computed for local dates "
    "from 1970-01-01 up to 2200-01-01"
)


def test_intervals_names_a_naive_end() -> None:
    naive = dt.datetime(2026, 6, 2)
    with pytest.raises(InvalidInputError) as info:
        list(OFFICE.intervals(_utc(2026, 6, 1), naive))
    assert str(info.value) == (
        "'end' must be timezone-aware, not naive (got datetime.datetime(2026, 6, 2, 0, 0))"
    )
    assert (info.value.field, info.value.value) == ("end", naive)


def test_intervals_outside_the_horizon_names_the_bound_and_its_value() -> None:
    """A start before 1970 and an end after 2199 are each refused with the datetime given."""
    with pytest.raises(LimitExceededError) as info:
        list(OFFICE.intervals(_utc(1969, 12, 31, 12), _utc(1970, 1, 2)))
    assert str(info.value) == (
        f"'start' {HORIZON_TEXT} "
        "(got datetime.datetime(1969, 12, 31, 12, 0, tzinfo=datetime.timezone.utc))"
    )
    assert info.value.value == _utc(1969, 12, 31, 12)
    with pytest.raises(LimitExceededError) as info:
        list(OFFICE.intervals(_utc(2199, 12, 30), _utc(2200, 1, 1, 0, 1)))
    assert str(info.value) == (
        f"'end' {HORIZON_TEXT} "
        "(got datetime.datetime(2200, 1, 1, 0, 1, tzinfo=datetime.timezone.utc))"
    )
    assert info.value.value == _utc(2200, 1, 1, 0, 1)


# -- working_time: the first and the last answered date ---------------------------------------


def test_working_time_answers_the_first_and_last_date_of_the_horizon() -> None:
    """1970-01-01 is a Thursday and 2199-12-31 a Tuesday: both have their eight hours."""
    assert dt.date(1970, 1, 1).weekday() == 3
    assert dt.date(2199, 12, 31).weekday() == 1
    assert OFFICE.working_time(dt.date(1970, 1, 1)) == 8 * H
    assert OFFICE.working_time(dt.date(2199, 12, 31)) == 8 * H


def test_working_time_answers_the_first_and_last_date_of_the_cover() -> None:
    """Thursday 1 January and Thursday 31 December 2026 lie inside a 2026 cover."""
    cal = BusinessCalendar.weekly("UTC", hours=OFFICE.hours, holidays_cover=(2026, 2026))
    assert cal.working_time(dt.date(2026, 1, 1)) == 8 * H
    assert cal.working_time(dt.date(2026, 12, 31)) == 8 * H
    for outside in (dt.date(2025, 12, 31), dt.date(2027, 1, 1)):
        with pytest.raises(LimitExceededError):
            cal.working_time(outside)


# -- refusals that name the cover ------------------------------------------------------------


def test_subtract_back_before_the_cover_names_the_years() -> None:
    """Friday 2 January 2026 10:00 less ten hours: one on Friday, eight on Thursday, one short.

    Nine hours land on Thursday 1 January 09:00, the first working instant of the cover.
    """
    cal = BusinessCalendar.weekly("UTC", hours=OFFICE.hours, holidays_cover=(2026, 2026))
    end = _utc(2026, 1, 2, 10)
    assert cal.subtract(end, 9 * H) == _utc(2026, 1, 1, 9)
    with pytest.raises(LimitExceededError) as info:
        cal.subtract(end, 10 * H)
    assert str(info.value) == (
        "'duration' reaches back before the years the calendar's holidays cover (2026 to 2026) "
        "(got datetime.timedelta(seconds=36000))"
    )
    assert info.value.limit == "2026 to 2026"


# -- the limit on holidays names the kind of collection ---------------------------------------


def test_too_many_holidays_are_described_by_their_collection() -> None:
    """The refused value is summarised (type and limit), not printed in full."""
    first = dt.date(1970, 1, 1)
    many = {first + dt.timedelta(days=i) for i in range(50_001)}
    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly("UTC", hours={}, holidays=many)
    assert info.value.value == "set of more than 50000 items"
    assert str(info.value) == (
        "'holidays' lists more than 50000 dates (got 'set of more than 50000 items')"
    )
    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly("UTC", hours={}, holidays=iter(sorted(many)))
    assert info.value.value == "list of more than 50000 items"


# -- an index in a zone fourteen hours ahead of UTC --------------------------------------------

# Pacific/Kiritimati has kept UTC+14 since 1995 (tzdata "australasia"). Chunk 722 of
# an index ends at 2020-05-19T13:10:13.764096Z, which is 03:10 on 20 May there: the
# chunk's last local day starts at 2020-05-19T10:00Z, more than a day before the
# local date that a UTC reading of the instant would give.
KIRITIMATI_CHUNK = 722


def test_an_index_lays_out_the_last_local_day_of_a_chunk() -> None:
    """Always open: the business time between two instants is the real time between them."""
    cal = BusinessCalendar.always("Pacific/Kiritimati")
    start = KIRITIMATI_CHUNK << CHUNK_BITS
    end = (KIRITIMATI_CHUNK + 1) << CHUNK_BITS
    local_end = _time.from_us(end, ZoneInfo("Pacific/Kiritimati"))
    assert (local_end.date(), local_end.hour, local_end.minute) == (dt.date(2020, 5, 20), 3, 10)
    midnight = end - (3 * 60 + 10) * 60_000_000 - 13_764_096
    # Enough lookups in the chunk to have it laid out, then instants of its last local day.
    early = [start + i * 60_000_000 for i in range(CHUNK_LOOKUPS + 1)]
    late = [midnight - 1, midnight, midnight + 1, midnight + 3_600_000_000, end - 1]
    index = CalendarIndex(cal)
    positions = index.positions_us(early + late)
    origin = positions[0]
    assert [p - origin for p in positions] == [u - start for u in early + late]
    at = _utc(1970, 1, 1) + dt.timedelta(microseconds=end - 1)
    assert positions[-1] == cal.position(at) // dt.timedelta(microseconds=1)


# -- next_close: a stretch that ends exactly where the cover ends -----------------------------


def test_next_close_at_the_midnight_that_ends_the_cover_is_answered() -> None:
    """Thursday 31 December 2026 09:00-24:00 closes at 2027-01-01T00:00, the cover's end.

    Friday has no hours from midnight, so no date of 2027 can extend the stretch.
    """
    cal = BusinessCalendar.weekly(
        "UTC", hours={3: [("09:00", "24:00")]}, holidays_cover=(2026, 2026)
    )
    assert cal.next_close(_utc(2026, 12, 31, 10)) == _utc(2027, 1, 1)
    assert cal.next_close(_utc(2026, 12, 24, 10)) == _utc(2026, 12, 25)


def test_subtract_of_a_negative_duration_past_the_cover_names_the_duration() -> None:
    """Subtracting minus eight hours from Thursday 31 December 2026 10:00 counts forward.

    Seven hours end at 17:00, the last working instant of the cover; the eighth
    would fall in 2027.
    """
    cal = BusinessCalendar.weekly("UTC", hours=OFFICE.hours, holidays_cover=(2026, 2026))
    start = _utc(2026, 12, 31, 10)
    assert cal.subtract(start, -7 * H) == _utc(2026, 12, 31, 17)
    with pytest.raises(LimitExceededError) as info:
        cal.subtract(start, -8 * H)
    assert str(info.value) == (
        "'duration' reaches past the years the calendar's holidays cover (2026 to 2026) "
        "(got datetime.timedelta(days=-1, seconds=57600))"
    )
    assert (info.value.field, info.value.value) == ("duration", -8 * H)


# -- working hours on the days the clocks change ----------------------------------------------


def test_working_time_on_the_days_new_york_changes_its_clocks() -> None:
    """01:00-04:00 every day in New York (tzdata "northamerica", US rules since 2007).

    Sunday 8 March 2026: 02:00 EST jumps to 03:00 EDT, so the interval lasts two
    hours. Sunday 1 November 2026: 02:00 EDT falls back to 01:00 EST, so 01:00 to
    04:00 (first occurrence of 01:00, at 05:00Z, to 04:00 EST, at 09:00Z) lasts four.
    """
    cal = BusinessCalendar.weekly(
        "America/New_York", hours={day: [("01:00", "04:00")] for day in range(7)}
    )
    assert cal.working_time(dt.date(2026, 3, 8)) == 2 * H
    assert cal.working_time(dt.date(2026, 11, 1)) == 4 * H
    assert cal.working_time(dt.date(2026, 11, 2)) == 3 * H
    spring = _utc(2026, 3, 8, 6)  # 01:00 EST
    assert _instant(cal.next_close(spring)) == _utc(2026, 3, 8, 8)  # 04:00 EDT
    autumn = _utc(2026, 11, 1, 5)  # 01:00 EDT
    assert _instant(cal.next_close(autumn)) == _utc(2026, 11, 1, 9)  # 04:00 EST
    assert cal.elapsed(autumn, _utc(2026, 11, 1, 12)) == 4 * H


# -- a second TZif header that claims impossible counts ---------------------------------------


def test_a_negative_type_count_in_the_second_header_is_not_read() -> None:
    """Counts are signed 32-bit integers (RFC 8536 3.1); a file that claims fewer than one
    local time type describes nothing and is not read."""
    data = _amsterdam()
    at = _second_header(data)
    for count in (0xFFFFFFFF, 0x80000000):
        claimed = data[: at + 36] + count.to_bytes(4, "big") + data[at + 40 :]
        assert _tzif.read_changes(claimed) is None


def test_a_wall_time_the_clocks_skip_means_the_instant_of_the_jump() -> None:
    """Sunday 8 March 2026, New York: 02:30 never shows, the clocks jump at 07:00Z.

    Open 02:30-04:00: the interval starts at the jump (03:00 EDT) and lasts an hour.
    Havana jumps from 00:00 CST to 01:00 CDT at 05:00Z the same day (tzdata
    "northamerica", Cuba since 2012), so its Sunday has 23 hours and opens at 05:00Z.
    """
    new_york = BusinessCalendar.weekly("America/New_York", hours={6: [("02:30", "04:00")]})
    assert new_york.working_time(dt.date(2026, 3, 8)) == H
    assert _instant(new_york.next_open(_utc(2026, 3, 7, 12))) == _utc(2026, 3, 8, 7)
    assert new_york.working_time(dt.date(2026, 3, 15)) == 90 * MIN
    havana = BusinessCalendar.weekly("America/Havana", hours={6: [("00:00", "24:00")]})
    assert havana.working_time(dt.date(2026, 3, 8)) == 23 * H
    assert _instant(havana.next_open(_utc(2026, 3, 7, 12))) == _utc(2026, 3, 8, 5)
    assert havana.elapsed(_utc(2026, 3, 8), _utc(2026, 3, 8, 6)) == H


# -- a calendar's definition: each error names the field and the value -----------------------

MONDAY = dt.date(2026, 6, 1)
DEFINITION_ERRORS: list[tuple[Callable[[], object], str, str, object]] = [
    (
        lambda: BusinessCalendar.weekly("UTC", hours={}, name=5),  # type: ignore[arg-type]
        "name",
        "'name' must be str (got 5)",
        5,
    ),
    (
        lambda: BusinessCalendar.weekly(
            "UTC",
            hours={},
            assume_no_holidays_beyond_cover="yes",  # type: ignore[arg-type]
        ),
        "assume_no_holidays_beyond_cover",
        "'assume_no_holidays_beyond_cover' must be bool (got 'yes')",
        "yes",
    ),
    (
        lambda: WorkingInterval(start="9am", end="17:00"),
        "start",
        "'start' must be a wall-clock time 'HH:MM' or 'HH:MM:SS' (got '9am')",
        "9am",
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={0: [("09:00", "5pm")]}),
        "hours[0]",
        "'hours[0]' is not a working interval: 'end' must be a wall-clock time 'HH:MM' or "
        "'HH:MM:SS' (got '5pm')",
        ("09:00", "5pm"),
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={}, holidays=5),  # type: ignore[arg-type]
        "holidays",
        "'holidays' must be a collection of dates (got 5)",
        5,
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={}, holidays=[dt.datetime(2026, 6, 1)]),
        "holidays",
        "'holidays' must contain dates (not datetimes) (got datetime.datetime(2026, 6, 1, 0, 0))",
        dt.datetime(2026, 6, 1),
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={}, special_days={"2026-06-01": []}),  # type: ignore[dict-item]
        "special_days",
        "'special_days' keys must be dates (got '2026-06-01')",
        "2026-06-01",
    ),
    (
        lambda: WorkingInterval(start="09:00", end="24:30"),
        "end",
        "'end' must not be later than '24:00' (got '24:30')",
        "24:30",
    ),
    (
        lambda: WorkingInterval(start="24:00", end="06:00"),
        "start",
        "'start' must be before '24:00' (got '24:00')",
        "24:00",
    ),
    (
        lambda: WorkingInterval(start=9, end="17:00"),
        "start",
        "'start' must be str (got 9)",
        9,
    ),
    (
        lambda: WorkingInterval(start="09:00", end="09:00"),
        "end",
        "'end' must differ from start '09:00' (an empty interval) (got '09:00')",
        "09:00",
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={2: "09:00-17:00"}),  # type: ignore[dict-item]
        "hours[2]",
        "'hours[2]' must be a sequence of working intervals (got '09:00-17:00')",
        "09:00-17:00",
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={"wed": [("09:00",)]}),  # type: ignore[list-item]
        "hours[2]",
        "'hours[2]' must be a WorkingInterval or a (start, end) pair (got ('09:00',))",
        ("09:00",),
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={7: [("09:00", "17:00")]}),
        "hours",
        "'hours' weekday keys must be 0 (Monday) to 6 (Sunday) or 'mon' to 'sun' (got 7)",
        7,
    ),
    (
        lambda: BusinessCalendar.weekly(
            "UTC", hours={0: [("09:00", "12:00")], "Monday": [("13:00", "17:00")]}
        ),
        "hours",
        "'hours' names a weekday twice (got 'Monday')",
        "Monday",
    ),
    (
        lambda: BusinessCalendar.weekly("UTC", hours={}, holidays="2026-01-01"),  # type: ignore[arg-type]
        "holidays",
        "'holidays' must be a collection of dates (got '2026-01-01')",
        "2026-01-01",
    ),
    (
        lambda: BusinessCalendar.weekly(
            "UTC", hours={}, special_days={MONDAY: [("22:00", "02:00")]}
        ),
        "special_days[2026-06-01]",
        "'special_days[2026-06-01]' must end on the same day (use '24:00' for midnight) "
        "(got WorkingInterval(start='22:00', end='02:00'))",
        WorkingInterval(start="22:00", end="02:00"),
    ),
]


@pytest.mark.parametrize(("call", "field", "message", "value"), DEFINITION_ERRORS)
def test_definition_errors_name_the_field_and_the_value(
    call: Callable[[], object], field: str, message: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as info:
        call()
    assert str(info.value) == message
    assert (info.value.field, info.value.value) == (field, value)


def test_a_weekday_named_twice_is_refused_even_when_one_entry_is_empty() -> None:
    """Regression: ``{0: [], "mon": [...]}`` was taken as Monday's hours without a word.

    An empty list closes the day; naming the day again contradicts it.
    """
    for hours in ({0: [], "mon": [("09:00", "17:00")]}, {"mon": [("09:00", "17:00")], 0: []}):
        with pytest.raises(InvalidInputError) as info:
            BusinessCalendar.weekly("UTC", hours=hours)
        assert str(info.value).startswith("'hours' names a weekday twice (got ")
    # An empty day on its own is simply closed.
    assert BusinessCalendar.weekly("UTC", hours={0: [], 1: [("09:00", "17:00")]}).hours == (
        BusinessCalendar.weekly("UTC", hours={1: [("09:00", "17:00")]}).hours
    )


@pytest.mark.parametrize(
    ("hours", "day", "earlier", "later"),
    [
        # The same interval twice.
        ({0: [("09:00", "17:00"), ("09:00", "17:00")]}, 0, ("09:00", "17:00"), ("09:00", "17:00")),
        # Monday's night shift runs to 02:00 on Tuesday, where Tuesday's own 00:00-02:00 starts.
        (
            {0: [("22:00", "02:00")], 1: [("00:00", "02:00")]},
            1,
            ("22:00", "02:00"),
            ("00:00", "02:00"),
        ),
    ],
)
def test_intervals_with_the_same_bounds_are_an_overlap(
    hours: dict[int, list[tuple[str, str]]],
    day: int,
    earlier: tuple[str, str],
    later: tuple[str, str],
) -> None:
    """The error names the interval that overlaps and the one it overlaps."""
    with pytest.raises(InvalidInputError) as info:
        BusinessCalendar.weekly("UTC", hours=hours)
    first = WorkingInterval(start=earlier[0], end=earlier[1])
    second = WorkingInterval(start=later[0], end=later[1])
    assert str(info.value) == f"'hours[{day}]' overlaps {first!r} (got {second!r})"
    assert info.value.field == f"hours[{day}]"


def test_working_intervals_count_minutes_and_seconds() -> None:
    """08:45-12:15 is 3 h 30 min; 13:00:30-17:45:15 is 4 h 44 min 45 s."""
    morning = WorkingInterval(start="08:45", end="12:15")
    assert morning.duration == dt.timedelta(hours=3, minutes=30)
    assert WorkingInterval(start="13:00:30", end="17:45:15").duration == dt.timedelta(
        hours=4, minutes=44, seconds=45
    )
    assert WorkingInterval(start="23:59", end="00:01").duration == 2 * MIN
    cal = BusinessCalendar.weekly("UTC", hours={0: [("08:45", "12:15"), ("13:00:30", "17:45:15")]})
    assert cal.working_time(MONDAY) == dt.timedelta(hours=8, minutes=14, seconds=45)
    assert cal.next_open(_utc(2026, 6, 1, 8)) == _utc(2026, 6, 1, 8, 45)
    assert cal.next_close(_utc(2026, 6, 1, 13, 1)) == _utc(2026, 6, 1, 17, 45) + 15 * dt.timedelta(
        seconds=1
    )


# -- the limit on dates: read no further than one past it ------------------------------------


def test_an_iterator_of_too_many_holidays_is_read_only_one_past_the_limit() -> None:
    """The refusal comes before any other work: the iterator is not drained."""
    drawn = 0

    def days() -> Iterator[dt.date]:
        nonlocal drawn
        for n in itertools.count():
            drawn += 1
            yield dt.date(1970, 1, 1) + dt.timedelta(days=n % 80_000)

    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly("UTC", hours={}, holidays=itertools.islice(days(), 70_000))
    assert drawn == 50_001
    assert info.value.limit == 50_000
    assert str(info.value) == (
        "'holidays' lists more than 50000 dates (got 'list of more than 50000 items')"
    )
    assert info.value.field == "holidays"


def test_add_of_a_negative_duration_before_the_cover_shows_the_duration() -> None:
    """Adding minus ten hours to Friday 2 January 2026 10:00 counts back past the cover's start.

    One hour on Friday and eight on Thursday 1 January leave one hour short.
    """
    cal = BusinessCalendar.weekly("UTC", hours=OFFICE.hours, holidays_cover=(2026, 2026))
    start = _utc(2026, 1, 2, 10)
    assert cal.add(start, -9 * H) == _utc(2026, 1, 1, 9)
    with pytest.raises(LimitExceededError) as info:
        cal.add(start, -10 * H)
    assert str(info.value) == (
        "'duration' reaches back before the years the calendar's holidays cover (2026 to 2026) "
        "(got datetime.timedelta(days=-1, seconds=50400))"
    )
    assert (info.value.field, info.value.value) == ("duration", -10 * H)


# -- an index: instants before a chunk's first working interval ---------------------------------


def test_an_index_places_instants_before_a_chunks_first_interval_at_its_start() -> None:
    """Mondays 09:00-17:00 only: chunk 790 starts on Saturday 2025-01-18 (19:26:11Z).

    Until Monday 09:00 nothing is worked, so every instant there has the business
    time of the chunk's start, the same as the calendar's position.
    """
    cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
    start = 790 << CHUNK_BITS
    first = _utc(1970, 1, 1) + dt.timedelta(microseconds=start)
    assert (first.date(), first.weekday(), first.hour) == (dt.date(2025, 1, 18), 5, 19)
    instants = [start + n * 60_000_000 for n in range(CHUNK_LOOKUPS + 6)]
    expected = cal.position(first) // dt.timedelta(microseconds=1)
    assert CalendarIndex(cal).positions_us(instants) == [expected] * len(instants)
    # Monday 20 January 09:30 is half an hour into the chunk's first interval.
    monday = (_utc(2025, 1, 20, 9, 30) - _utc(1970, 1, 1)) // dt.timedelta(microseconds=1)
    assert CalendarIndex(cal).positions_us([*instants, monday])[-1] == expected + 30 * 60_000_000


def test_an_index_of_a_calendar_that_never_opens_answers_zero() -> None:
    cal = BusinessCalendar.weekly("UTC", hours={})
    instants = [(790 << CHUNK_BITS) + n for n in range(CHUNK_LOOKUPS + 6)]
    assert CalendarIndex(cal).positions_us(instants) == [0] * len(instants)


def test_an_index_refuses_a_negative_position_with_the_limit_zero() -> None:
    index = CalendarIndex(BusinessCalendar.always("UTC"))
    with pytest.raises(LimitExceededError) as info:
        index.instant_us(-1)
    assert str(info.value) == (
        "'position_us' is before the start of the calendar's answered range (got -1)"
    )
    assert (info.value.field, info.value.value, info.value.limit) == ("position_us", -1, 0)
    assert index.instant_us(0) == 0


# -- the smallest moves ------------------------------------------------------------------------

US1 = dt.timedelta(microseconds=1)


def test_moves_of_one_microsecond() -> None:
    """Inside an interval one microsecond of business time is one microsecond of real time."""
    at = _utc(2026, 6, 1, 10)
    assert OFFICE.subtract(at, -US1) == at + US1
    assert OFFICE.subtract(at, US1) == at - US1
    assert OFFICE.add(at, US1) == at + US1
    assert OFFICE.add(at, -US1) == at - US1
    # At the close, one more microsecond is Tuesday's first.
    assert OFFICE.subtract(_utc(2026, 6, 1, 17), -US1) == _utc(2026, 6, 2, 9) + US1


# -- a zone east of UTC on its change days ------------------------------------------------------


def test_working_time_on_the_days_amsterdam_changes_its_clocks() -> None:
    """Sundays 00:00-24:00 in Amsterdam (EU rules: 01:00Z on the last Sunday of March and October).

    29 March 2026 lasts 23 hours (02:00 CET jumps to 03:00 CEST); 25 October 2026
    lasts 25 (03:00 CEST falls back to 02:00 CET). The day before and after have 24.
    """
    cal = BusinessCalendar.weekly("Europe/Amsterdam", hours={6: [("00:00", "24:00")]})
    assert cal.working_time(dt.date(2026, 3, 29)) == 23 * H
    assert cal.working_time(dt.date(2026, 10, 25)) == 25 * H
    assert cal.working_time(dt.date(2026, 4, 5)) == 24 * H
    # Sunday 29 March opens at midnight CET (23:00Z on Saturday) and closes at midnight CEST.
    assert _instant(cal.next_open(_utc(2026, 3, 28, 12))) == _utc(2026, 3, 28, 23)
    assert _instant(cal.next_close(_utc(2026, 3, 29, 12))) == _utc(2026, 3, 29, 22)
    assert cal.elapsed(_utc(2026, 3, 28, 12), _utc(2026, 3, 29, 2)) == 3 * H
    assert cal.is_open(_utc(2026, 3, 28, 23))
    assert not cal.is_open(_utc(2026, 3, 28, 22, 59))


def test_early_sunday_hours_on_amsterdams_change_days() -> None:
    """Sundays 01:30-04:00 in Amsterdam.

    29 March 2026: 01:30 CET is 00:30Z, 04:00 CEST is 02:00Z (02:00-03:00 never shows):
    1 h 30 min. 25 October 2026: 01:30 CEST is 23:30Z on Saturday, 04:00 CET is
    03:00Z (02:00-03:00 shows twice): 3 h 30 min.
    """
    cal = BusinessCalendar.weekly("Europe/Amsterdam", hours={6: [("01:30", "04:00")]})
    assert cal.working_time(dt.date(2026, 3, 29)) == 90 * MIN
    assert cal.working_time(dt.date(2026, 10, 25)) == 210 * MIN
    assert cal.working_time(dt.date(2026, 4, 5)) == 150 * MIN
    assert _instant(cal.next_open(_utc(2026, 3, 28, 12))) == _utc(2026, 3, 29, 0, 30)
    assert _instant(cal.next_open(_utc(2026, 10, 24, 12))) == _utc(2026, 10, 24, 23, 30)
    assert _instant(cal.next_close(_utc(2026, 10, 25, 1))) == _utc(2026, 10, 25, 3)


def test_touching_intervals_given_in_any_order_join_into_one() -> None:
    """12:00-17:00 and 09:00-12:00 on Monday are one stretch from 09:00 to 17:00."""
    cal = BusinessCalendar.weekly("UTC", hours={0: [("12:00", "17:00"), ("09:00", "12:00")]})
    assert cal.working_time(MONDAY) == 8 * H
    assert cal.next_close(_utc(2026, 6, 1, 10)) == _utc(2026, 6, 1, 17)
    assert list(cal.intervals(_utc(2026, 6, 1), _utc(2026, 6, 2))) == [
        (_utc(2026, 6, 1, 9), _utc(2026, 6, 1, 17))
    ]
    assert cal.is_open(_utc(2026, 6, 1, 12))


def test_too_many_holidays_and_special_days_together_are_counted_in_the_error() -> None:
    """25,001 holidays and 25,000 special days: 50,001 dates, one past the limit."""
    first = dt.date(1970, 1, 1)
    holidays = [first + dt.timedelta(days=i) for i in range(25_001)]
    special: dict[dt.date, list[tuple[str, str]]] = {
        first + dt.timedelta(days=30_000 + i): [] for i in range(25_000)
    }
    with pytest.raises(LimitExceededError) as info:
        BusinessCalendar.weekly("UTC", hours={}, holidays=holidays, special_days=special)
    assert info.value.value == "50001 holidays and special days"
    assert str(info.value) == (
        "'special_days' makes more than 50000 holidays and special days "
        "(got '50001 holidays and special days')"
    )


def test_a_cover_given_as_a_range_keeps_its_first_and_last_year() -> None:
    """``range(2026, 2028)`` covers 2026 and 2027."""
    cal = BusinessCalendar.weekly("UTC", hours=OFFICE.hours, holidays_cover=range(2026, 2028))
    assert cal.holidays_cover == (2026, 2027)
    assert cal.working_time(dt.date(2027, 12, 31)) == 8 * H  # a Friday
