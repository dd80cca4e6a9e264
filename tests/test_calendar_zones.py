"""Zones with unusual clock changes against the day-walking oracle; the TZif reader."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar, _tzif, _zones
from tests import calendar_oracle as oracle

H = dt.timedelta(hours=1)
ALL_WEEK = range(7)


def _cal(zone: str, *intervals: tuple[str, str]) -> BusinessCalendar:
    return BusinessCalendar.weekly(zone, hours={d: list(intervals) for d in ALL_WEEK}, name=zone)


# Each zone with a calendar whose intervals straddle its changes, and the UTC
# days of changes (tzdata's "northamerica", "australasia", "europe", "asia"
# files and the changes they document).
CASES = {
    # 30-minute DST: 02:00 -> 01:30 on 5 April 2026, 02:00 -> 02:30 on 4 October 2026.
    "Australia/Lord_Howe": (
        _cal("Australia/Lord_Howe", ("01:00", "03:00"), ("09:00", "17:00")),
        [dt.datetime(2026, 4, 4, 15), dt.datetime(2026, 10, 3, 15)],
    ),
    # Changes at 24:00 on Saturdays: back on 4/5 April 2026, forward on 5/6 September 2026.
    "America/Santiago": (
        _cal("America/Santiago", ("22:00", "02:00"), ("09:00", "17:00")),
        [dt.datetime(2026, 4, 5, 3), dt.datetime(2026, 9, 6, 4)],
    ),
    # Negative DST: Irish Standard Time is the summer offset, GMT the "daylight saving" one.
    "Europe/Dublin": (
        _cal("Europe/Dublin", ("00:00", "03:00"), ("09:00", "17:00")),
        [dt.datetime(2026, 3, 29, 1), dt.datetime(2026, 10, 25, 1)],
    ),
    # Samoa skipped Friday 30 December 2011 (UTC-10 to UTC+14); DST changes in 2011.
    "Pacific/Apia": (
        _cal("Pacific/Apia", ("22:00", "02:00"), ("09:00", "17:00")),
        [
            dt.datetime(2011, 12, 30, 10),
            dt.datetime(2011, 4, 2, 14),
            dt.datetime(2011, 9, 24, 14),
        ],
    ),
    # Iran's DST (ended 2022): 00:00 -> 01:00 on 22 March 2021, back on 22 September 2021.
    "Asia/Tehran": (
        _cal("Asia/Tehran", ("23:00", "01:00"), ("08:00", "16:00")),
        [dt.datetime(2021, 3, 21, 20, 30), dt.datetime(2021, 9, 21, 19, 30)],
    ),
}


@st.composite
def _cases(draw: st.DrawFn) -> tuple[BusinessCalendar, dt.datetime, dt.timedelta]:
    cal, days = CASES[draw(st.sampled_from(sorted(CASES)))]
    near = draw(st.sampled_from(days)).replace(tzinfo=dt.UTC)
    start = near + dt.timedelta(seconds=draw(st.integers(-48 * 3600, 48 * 3600)))
    span = dt.timedelta(seconds=draw(st.integers(0, 5 * 86400)))
    return cal, start, span


@settings(max_examples=600)
@given(case=_cases())
def test_unusual_zones_agree_with_the_oracle(
    case: tuple[BusinessCalendar, dt.datetime, dt.timedelta],
) -> None:
    """elapsed, add, is_open and next_open equal the oracle near unusual clock changes."""
    cal, start, span = case
    end = start + span
    assert oracle.elapsed(cal, start, end) == cal.elapsed(start, end)
    duration = span // 3
    if duration > dt.timedelta(0):
        assert oracle.add(cal, start, duration) == cal.add(start, duration).astimezone(dt.UTC)
    tick = dt.timedelta(microseconds=1)
    assert (oracle.elapsed(cal, start, start + tick) == tick) == cal.is_open(start)
    stretches = sorted(oracle.real_intervals(cal, start, start + dt.timedelta(days=3)))
    first = next(a for a, b in stretches if b > start)
    assert max(first, start) == cal.next_open(start).astimezone(dt.UTC)


def test_samoa_skipped_friday_30_december_2011() -> None:
    """Friday 30 December 2011 did not happen in Apia: no working time on it.

    Samoa moved west of the date line: Thursday 29 December 2011 23:59:59
    (UTC-10) was followed by Saturday 31 December 00:00 (UTC+14).
    """
    cal, _ = CASES["Pacific/Apia"]
    apia = ZoneInfo("Pacific/Apia")
    assert dt.timedelta(0) == cal.working_time(dt.date(2011, 12, 30))
    thursday = dt.datetime(2011, 12, 29, 16, tzinfo=apia)
    # One hour on Thursday, two before midnight, then Saturday's 00:00-02:00 shift part.
    assert dt.datetime(2011, 12, 31, 1, tzinfo=apia) == cal.add(thursday, 4 * H)


def test_lord_howe_half_hour_changes() -> None:
    """01:00-03:00 holds 2.5 real hours on 5 April 2026 and 1.5 on 4 October 2026."""
    cal, _ = CASES["Australia/Lord_Howe"]
    assert dt.timedelta(hours=2.5 + 8) == cal.working_time(dt.date(2026, 4, 5))
    assert dt.timedelta(hours=1.5 + 8) == cal.working_time(dt.date(2026, 10, 4))


# -- the TZif reader ---------------------------------------------------------------------------

_ZONES = [
    *CASES,
    "UTC",
    "Europe/Amsterdam",
    "America/New_York",
    "Africa/Casablanca",
    "America/Nuuk",
    "Asia/Gaza",
    "Pacific/Chatham",
    "Antarctica/Troll",
    "America/Argentina/Buenos_Aires",
]


@pytest.mark.parametrize("key", _ZONES)
def test_tzif_changes_equal_a_scan_of_the_clock(key: str) -> None:
    """The changes read from TZif data equal those found by sampling zoneinfo's offsets."""
    zone = ZoneInfo(key)
    read = _zones._tzif_transitions(key, zone)
    assert read is not None
    assert _zones._scan_transitions(zone) == read


def test_without_tzif_data_the_zone_is_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the TZif file cannot be found, the changes come from the scan, unchanged."""
    _zones.transitions.cache_clear()
    expected = _zones.transitions("Europe/Dublin")
    monkeypatch.setattr(zoneinfo, "TZPATH", ())
    monkeypatch.setattr(_tzif, "tzif_bytes", lambda key: None)
    _zones.transitions.cache_clear()
    try:
        assert expected == _zones.transitions("Europe/Dublin")
    finally:
        _zones.transitions.cache_clear()


def test_tzif_bytes_finds_files_and_refuses_odd_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys are looked up on zoneinfo.TZPATH; paths that escape it are not read."""
    data = _tzif.tzif_bytes("Europe/Amsterdam")
    assert data is not None
    assert data.startswith(b"TZif")
    for key in ("", "/etc/passwd", "../zoneinfo/UTC", "Europe/../UTC"):
        assert _tzif.tzif_bytes(key) is None
    monkeypatch.setattr(zoneinfo, "TZPATH", ())
    assert _tzif.tzif_bytes("No/Such_Zone") is None


@pytest.mark.parametrize(
    "data",
    [b"", b"TZif1" + bytes(40), b"XXXX2" + bytes(40), b"TZif2" + bytes(39) + b"\x01"],
)
def test_unreadable_tzif_data_gives_none(data: bytes) -> None:
    """Truncated, version-1 or foreign data is not read."""
    assert _tzif.read_changes(data) is None


def test_read_changes_gives_the_listed_changes_and_the_rule() -> None:
    """Amsterdam's file lists changes to CEST (+2 h) and back and ends with the EU rule."""
    data = _tzif.tzif_bytes("Europe/Amsterdam")
    assert data is not None
    parsed = _tzif.read_changes(data)
    assert parsed is not None
    _, changes, rule = parsed
    assert "CET-1CEST,M3.5.0,M10.5.0/3" == rule
    # 29 March 2026 01:00 UTC to +02:00, 25 October 2026 01:00 UTC back to +01:00.
    spring = int(dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC).timestamp())
    autumn = int(dt.datetime(2026, 10, 25, 1, tzinfo=dt.UTC).timestamp())
    assert (spring, 7200) in changes
    assert (autumn, 3600) in changes


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        # US: second Sunday of March 02:00 EST, first Sunday of November 02:00 EDT.
        (
            "EST5EDT,M3.2.0,M11.1.0",
            2026,
            (-5 * 3600, [(dt.datetime(2026, 3, 8, 7), -4), (dt.datetime(2026, 11, 1, 6), -5)]),
        ),
        # EU: last Sunday of March and of October at 01:00 UTC.
        (
            "CET-1CEST,M3.5.0,M10.5.0/3",
            2026,
            (3600, [(dt.datetime(2026, 3, 29, 1), 2), (dt.datetime(2026, 10, 25, 1), 1)]),
        ),
        # Julian day 60 is 1 March in every year (29 February never counted).
        (
            "AAA0BBB,J60/0,J300/0",
            2024,
            (0, [(dt.datetime(2024, 3, 1), 1), (dt.datetime(2024, 10, 26, 23), 0)]),
        ),
        # Zero-based day 59 is 29 February in a leap year; times past 24:00 and negative.
        (
            "<-02>2<-01>,59/-1,300/25",
            2024,
            (-7200, [(dt.datetime(2024, 2, 29, 1), -1), (dt.datetime(2024, 10, 28, 2), -2)]),
        ),
        ("<+0330>-3:30", 2026, (12600, [])),
    ],
)
def test_posix_rules(
    rule: str, year: int, expected: tuple[int, list[tuple[dt.datetime, int]]]
) -> None:
    """POSIX TZ rules give the documented change instants (IEEE Std 1003.1, TZ)."""
    std, changes = expected
    want = [(int(when.replace(tzinfo=dt.UTC).timestamp()), hours * 3600) for when, hours in changes]
    assert (std, want) == _tzif.posix_changes(rule, year, year)


@pytest.mark.parametrize(
    "rule",
    ["", "CET", "CET-1CEST,M13.1.0,M10.5.0", "CET-1CEST,J0,J100", "CET-1CEST,366,10", "X-1Y,Q1,Q2"],
)
def test_unknown_posix_rules_give_none(rule: str) -> None:
    """A rule outside the grammar gives None (the engine then scans the zone)."""
    assert _tzif.posix_changes(rule, 2026, 2026) is None
