"""The UTC-offset changes of a zone over the horizon: read from TZif data, or scanned.

Each change is ``(instant, offset before, offset after)`` in microseconds.
The list is a pure function of the zone's name and the installed zone data;
it is remembered per process (like ``zoneinfo``'s own cache of zones), not
in any calendar, so calendars stay values: building a second calendar in a
zone reuses the list, and forgetting it (``transitions.cache_clear()``)
changes no answer.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable
from functools import lru_cache
from zoneinfo import ZoneInfo

from accountplan.calendars import _tzif
from accountplan.calendars._time import (
    EPOCH,
    EPOCH_ORD,
    HORIZON_END,
    MAX_ORD,
    MIN_ORD,
    SECOND_US,
    US,
)

__all__ = ["Transitions", "fixed_offset", "transitions"]

#: The window of instants (seconds since the epoch) whose offset changes the engine uses.
_WINDOW = (
    (MIN_ORD - 7 - EPOCH_ORD) * 86_400,
    (MAX_ORD + 8 - EPOCH_ORD) * 86_400,
)
_SCAN_STEP = 3 * 86_400

Transitions = tuple[tuple[int, int, int], ...]


@lru_cache(maxsize=128)
def transitions(zone_key: str) -> Transitions:
    """Every UTC-offset change of a zone near the horizon: (instant, offset before, after).

    Instants and offsets are in microseconds. The changes come from the
    zone's TZif data (the list and the POSIX rule after it), each checked
    against ``zoneinfo`` on both sides and between; when the data cannot be
    read or a check fails, the zone is scanned instead.
    """
    zone = ZoneInfo(zone_key)
    found = _tzif_transitions(zone_key, zone)
    return _scan_transitions(zone) if found is None else found


def _offset_of(zone: ZoneInfo) -> Callable[[int], int]:
    def offset(seconds: int) -> int:
        delta = dt.datetime.fromtimestamp(seconds, tz=zone).utcoffset()
        assert delta is not None
        return delta // US

    return offset


def _tzif_transitions(zone_key: str, zone: ZoneInfo) -> Transitions | None:
    """The changes read from the zone's TZif data, or ``None`` when they cannot be trusted."""
    data = _tzif.tzif_bytes(zone_key)
    parsed = None if data is None else _tzif.read_changes(data)
    if parsed is None:
        return None
    current, listed, rule = parsed
    last = listed[-1][0] if listed else None
    first_year = 1969 if last is None else (EPOCH + dt.timedelta(seconds=last)).year
    after = _tzif.posix_changes(rule, first_year, HORIZON_END.year + 1)
    if after is None:
        return None
    if last is None:
        current = after[0]
    events = listed + [(t, o) for t, o in after[1] if last is None or t > last]
    start, stop = _WINDOW
    found: list[tuple[int, int, int]] = []
    for t, new in events:
        if t >= stop + _SCAN_STEP:
            break
        if new != current and t > start:
            found.append((t, current * SECOND_US, new * SECOND_US))
        current = new
    # Each change is real (the offset differs on both sides of it as listed) and
    # the offset holds midway between changes: checked against zoneinfo.
    instants = [start]
    expected = [found[0][1] if found else _offset_of(zone)(start)]
    bounds = [start, *(t for t, _, _ in found), stop]
    for (t, before, new), mid in zip(found, itertools.pairwise(bounds), strict=False):
        instants += ((mid[0] + t) // 2, t - 1, t)
        expected += (before, before, new)
    instants.append((bounds[-2] + stop) // 2)
    expected.append(found[-1][2] if found else expected[0])
    at = functools.partial(dt.datetime.fromtimestamp, tz=zone)
    actual = [d // US for d in map(dt.datetime.utcoffset, map(at, instants))]  # type: ignore[operator]
    if actual != expected:
        return None
    return tuple((t * SECOND_US, before, new) for t, before, new in found)


def _scan_transitions(zone: ZoneInfo) -> Transitions:
    """The changes found by sampling the offset every three days, each located to the second."""
    offset = _offset_of(zone)
    step = _SCAN_STEP
    start, stop = _WINDOW
    found: list[tuple[int, int, int]] = []
    previous = offset(start)
    seconds = start
    while seconds < stop:
        after = offset(seconds + step)
        if after != previous:
            lo, hi = seconds, seconds + step  # offset(lo) == previous != offset(hi)
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset(mid) == previous:
                    lo = mid
                else:
                    hi = mid
            found.append((hi * SECOND_US, previous, offset(hi)))
            previous = offset(seconds + step)
        seconds += step
    return tuple(found)


def fixed_offset(zone: ZoneInfo) -> int:
    """The UTC offset (microseconds) of a zone that never changes it."""
    delta = dt.datetime(2000, 1, 1, tzinfo=zone).utcoffset()
    assert delta is not None
    return delta // US
