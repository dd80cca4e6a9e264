"""UTC-offset changes of an IANA zone, read from the same TZif data ``zoneinfo`` reads.

A zone's TZif file (RFC 8536) lists its changes up to some year and ends
with a POSIX TZ rule for the years after; both are read here, so the changes
of two centuries cost microseconds instead of a scan of the clock. The file
is found the way ``zoneinfo`` finds it (``zoneinfo.TZPATH``, then the
``tzdata`` package). ``None`` when the data cannot be read or parsed; the
engine then scans the zone instead.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import re
import struct
import zoneinfo

__all__ = ["posix_changes", "read_changes", "tzif_bytes"]

_SECONDS_DAY = 86_400
_EPOCH_ORD = dt.date(1970, 1, 1).toordinal()

#: One change: (instant in seconds since the epoch, offset after it in seconds).
Change = tuple[int, int]


def tzif_bytes(key: str) -> bytes | None:
    """The TZif file of zone ``key`` from ``zoneinfo.TZPATH`` or the ``tzdata`` package."""
    if not key or key.startswith("/") or ".." in key.split("/"):
        return None
    for root in zoneinfo.TZPATH:
        path = os.path.join(root, *key.split("/"))
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                return handle.read()
    parts = key.split("/")
    package = ".".join(["tzdata", "zoneinfo", *parts[:-1]])
    try:
        return importlib.resources.files(package).joinpath(parts[-1]).read_bytes()
    except (ImportError, OSError, ValueError):
        return None


def read_changes(data: bytes) -> tuple[int, list[Change], str] | None:
    """The offset before the first change, the listed changes and the footer rule.

    Only version 2+ files (64-bit times and a footer) are read.
    """
    if len(data) < 44 or data[:4] != b"TZif" or data[4:5] not in (b"2", b"3", b"4"):
        return None
    counts = struct.unpack(">6l", data[20:44])
    isutc, isstd, leap, timecnt, typecnt, charcnt = counts
    skip = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isutc
    header = data[skip : skip + 44]
    if len(header) < 44 or header[:4] != b"TZif":
        return None
    isutc, isstd, leap, timecnt, typecnt, charcnt = struct.unpack(">6l", header[20:44])
    if leap or typecnt < 1:
        return None
    at = skip + 44
    times = struct.unpack(f">{timecnt}q", data[at : at + timecnt * 8])
    at += timecnt * 8
    indexes = data[at : at + timecnt]
    at += timecnt
    offsets = [struct.unpack(">lBB", data[at + 6 * i : at + 6 * i + 6])[0] for i in range(typecnt)]
    at += typecnt * 6 + charcnt + isstd + isutc
    footer = data[at:]
    if not footer.startswith(b"\n") or b"\n" not in footer[1:]:
        return None
    rule = footer[1:].split(b"\n", 1)[0].decode("ascii", "replace")
    if any(i >= typecnt for i in indexes):
        return None
    # RFC 8536 3.2: local time before the first transition uses the first
    # type (the usual zic output marks it by placing it first).
    first = offsets[0]
    return first, [(t, offsets[i]) for t, i in zip(times, indexes, strict=True)], rule


_NAME = r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{1,}>)"
_OFFSET = r"[+-]?\d{1,3}(?::\d{1,2}(?::\d{1,2})?)?"
_POSIX = re.compile(
    rf"^(?P<std>{_NAME})(?P<stdoff>{_OFFSET})"
    rf"(?:(?P<dst>{_NAME})(?P<dstoff>{_OFFSET})?"
    rf",(?P<start>[^,/]+)(?:/(?P<starttime>{_OFFSET}))?"
    rf",(?P<end>[^,/]+)(?:/(?P<endtime>{_OFFSET}))?)?$"
)
_MONTH_RULE = re.compile(r"^M(\d{1,2})\.([1-5])\.([0-6])$")


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _rule_day(rule: str, year: int) -> int | None:
    """The date (ordinal) a POSIX rule names in ``year``."""
    match = _MONTH_RULE.match(rule)
    if match is not None:
        month, week, weekday = int(match[1]), int(match[2]), int(match[3])
        if not 1 <= month <= 12:
            return None
        first = dt.date(year, month, 1)
        # POSIX weekdays: 0 = Sunday.
        day = first.toordinal() + (weekday - (first.isoweekday() % 7)) % 7 + (week - 1) * 7
        if week == 5:
            last = (dt.date(year + month // 12, month % 12 + 1, 1)).toordinal() - 1
            while day > last:
                day -= 7
        return day
    if rule.startswith("J") and rule[1:].isdigit():
        julian = int(rule[1:])  # 1-365, February 29 never counted
        if not 1 <= julian <= 365:
            return None
        day = dt.date(year, 1, 1).toordinal() + julian - 1
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return day + 1 if leap and julian >= 60 else day
    if rule.isdigit() and int(rule) <= 365:
        return dt.date(year, 1, 1).toordinal() + int(rule)
    return None


def posix_changes(rule: str, first_year: int, last_year: int) -> tuple[int, list[Change]] | None:
    """The standard offset and the changes a POSIX TZ rule makes in the given years.

    ``None`` for a rule this reader does not understand.
    """
    match = _POSIX.match(rule)
    if match is None:
        return None
    std = -_seconds(match["stdoff"])
    if match["dst"] is None:
        return std, []
    dst = -_seconds(match["dstoff"]) if match["dstoff"] else std + 3600
    start_time = _seconds(match["starttime"]) if match["starttime"] else 7200
    end_time = _seconds(match["endtime"]) if match["endtime"] else 7200
    events: list[Change] = []
    for year in range(first_year, last_year + 1):
        start = _rule_day(match["start"], year)
        end = _rule_day(match["end"], year)
        if start is None or end is None:
            return None
        # A change to summer time happens at a wall time of standard time, and back.
        events.append(((start - _EPOCH_ORD) * _SECONDS_DAY + start_time - std, dst))
        events.append(((end - _EPOCH_ORD) * _SECONDS_DAY + end_time - dst, std))
    events.sort()
    return std, events
