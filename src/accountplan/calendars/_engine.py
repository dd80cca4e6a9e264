"""The business-time engine: cumulative sums over the week plus a table of exception days.

Time inside the engine is an integer count of microseconds: instants are
microseconds since 1970-01-01T00:00Z ("u"), business time is microseconds of
working time since the start of the engine's base day ("B").

``B(u)`` is computed as ``C(n) + within(n, u)`` where ``n`` is the local day of
``u``, ``C(n)`` the working time of all days before ``n`` and ``within`` the
working time of day ``n`` before ``u``. ``C(n)`` comes from the template week
(whole weeks times the weekly total plus a prefix within the week) plus the
corrections of the exception days before ``n`` (a bisection into a prefix sum).
Exception days are holidays, special days and the days on which the zone's
UTC offset changes; their working intervals are stored as real instants.
Every other day has a constant UTC offset, so wall-clock differences on it
are real durations and the template's wall-clock sums apply directly.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from zoneinfo import ZoneInfo

from accountplan.calendars import _tzif
from accountplan.exceptions import LimitExceededError

__all__ = [
    "DAY_US",
    "HORIZON_END",
    "HORIZON_START",
    "Engine",
    "Timeline",
    "duration_us",
    "from_us",
    "transitions",
    "utc_us",
]

DAY_US = 86_400_000_000
_SECOND_US = 1_000_000
_US = dt.timedelta(microseconds=1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EPOCH_ORD = dt.date(1970, 1, 1).toordinal()

#: First local date the engine answers for.
HORIZON_START = dt.date(1970, 1, 1)
#: First local date past the engine's range (exclusive).
HORIZON_END = dt.date(2200, 1, 1)

_MIN_ORD = HORIZON_START.toordinal()
_MAX_ORD = HORIZON_END.toordinal() - 1
# A Monday on or before HORIZON_START: day index k = ord - _BASE_ORD, weekday = k % 7.
_BASE_ORD = _MIN_ORD - HORIZON_START.weekday()

#: Wall-clock intervals of one local day: (start, end) microseconds after midnight.
DayIntervals = tuple[tuple[int, int], ...]


def utc_us(value: dt.datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime."""
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * _SECOND_US + delta.microseconds


def duration_us(value: dt.timedelta) -> int:
    """A timedelta in microseconds."""
    return (value.days * 86_400 + value.seconds) * _SECOND_US + value.microseconds


#: The window of instants (seconds since the epoch) whose offset changes the engine uses.
_WINDOW = (
    (_MIN_ORD - 7 - _EPOCH_ORD) * 86_400,
    (_MAX_ORD + 8 - _EPOCH_ORD) * 86_400,
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
        return delta // _US

    return offset


def _tzif_transitions(zone_key: str, zone: ZoneInfo) -> Transitions | None:
    """The changes read from the zone's TZif data, or ``None`` when they cannot be trusted."""
    data = _tzif.tzif_bytes(zone_key)
    parsed = None if data is None else _tzif.read_changes(data)
    if parsed is None:
        return None
    current, listed, rule = parsed
    last = listed[-1][0] if listed else None
    first_year = 1969 if last is None else (_EPOCH + dt.timedelta(seconds=last)).year
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
            found.append((t, current * _SECOND_US, new * _SECOND_US))
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
    actual = [d // _US for d in map(dt.datetime.utcoffset, map(at, instants))]  # type: ignore[operator]
    if actual != expected:
        return None
    return tuple((t * _SECOND_US, before, new) for t, before, new in found)


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
            found.append((hi * _SECOND_US, previous, offset(hi)))
            previous = offset(seconds + step)
        seconds += step
    return tuple(found)


class _Exception:
    """One exception day: its real start and its working intervals as instants."""

    __slots__ = ("actual", "cum", "ends", "start", "starts", "template")

    def __init__(self, start: int, intervals: Sequence[tuple[int, int]], template: int) -> None:
        self.start = start
        self.starts = [s for s, _ in intervals]
        self.ends = [e for _, e in intervals]
        cum = [0]
        for s, e in intervals:
            cum.append(cum[-1] + e - s)
        self.cum = cum
        self.actual = cum[-1]
        self.template = template

    def within(self, u: int) -> int:
        """Working time of this day before instant ``u``."""
        j = bisect_right(self.starts, u)
        if j == 0:
            return 0
        return self.cum[j - 1] + min(u, self.ends[j - 1]) - self.starts[j - 1]

    def inverse(self, rem: int) -> int:
        """The first instant at which ``rem`` (> 0) of this day's working time has passed."""
        j = bisect_left(self.cum, rem) - 1
        return self.starts[j] + rem - self.cum[j]

    def is_open(self, u: int) -> bool:
        j = bisect_right(self.starts, u)
        return j > 0 and u < self.ends[j - 1]


class Engine:
    """Precomputed tables of one calendar and the algorithms that use them."""

    __slots__ = (
        "bounds",
        "cover",
        "cum_bounds",
        "cum_end",
        "exc",
        "exc_cend",
        "exc_corr",
        "exc_count_corr",
        "exc_cstart",
        "exc_ords",
        "first_day",
        "high",
        "iv_starts",
        "last_day",
        "low",
        "offsets",
        "saved",
        "t_days",
        "t_instants",
        "week_prefix",
        "week_total",
        "weekday_total",
        "workday_prefix",
        "zone",
    )

    def __init__(
        self,
        zone: ZoneInfo,
        week: Sequence[DayIntervals],
        holidays: frozenset[dt.date],
        special: Mapping[dt.date, DayIntervals],
        cover: tuple[int, int] | None = None,
    ) -> None:
        self.zone = zone
        #: The years whose holidays are known, or ``None`` for the whole horizon.
        self.cover = cover
        self.first_day = _MIN_ORD if cover is None else dt.date(cover[0], 1, 1).toordinal()
        self.last_day = _MAX_ORD if cover is None else dt.date(cover[1], 12, 31).toordinal()
        self.saved: Timeline | None = None
        trans = transitions(zone.key)
        self.t_instants = [t for t, _, _ in trans]
        first_offset = trans[0][1] if trans else _fixed_offset(zone)
        self.offsets = [first_offset] + [after for _, _, after in trans]
        # The last local date touched by each change; a day between two of them has one offset.
        self.t_days = [_last_day(t, before, after) for t, before, after in trans]

        self.bounds: list[list[int]] = []
        self.cum_bounds: list[list[int]] = []
        self.iv_starts: list[list[int]] = []
        self.cum_end: list[list[int]] = []
        totals: list[int] = []
        for day in week:
            bounds: list[int] = []
            cum_bounds: list[int] = []
            cum_end: list[int] = []
            total = 0
            for s, e in day:
                bounds += [s, e]
                cum_bounds += [total, total + e - s]
                total += e - s
                cum_end.append(total)
            self.bounds.append(bounds)
            self.cum_bounds.append(cum_bounds)
            self.iv_starts.append([s for s, _ in day])
            self.cum_end.append(cum_end)
            totals.append(total)
        self.weekday_total = totals
        self.week_total = sum(totals)
        self.week_prefix = [sum(totals[:i]) for i in range(8)]
        self.workday_prefix = [sum(1 for t in totals[:i] if t) for i in range(8)]

        # Exception days: DST days, holidays and special days inside the horizon.
        days: set[int] = set()
        for t, before, after in trans:
            walls = (t + before - 1, t + before, t + after - 1, t + after)
            days.update(range(_EPOCH_ORD + min(walls) // DAY_US, _last_day(t, before, after) + 1))
        dst_days = set(days)
        days.update(day.toordinal() for day in holidays)
        days.update(day.toordinal() for day in special)
        ords = sorted(n for n in days if _MIN_ORD <= n <= _MAX_ORD + 1)
        holiday_ords = {d.toordinal() for d in holidays}
        special_ords = {d.toordinal(): v for d, v in special.items()}

        self.exc: dict[int, _Exception] = {}
        for n in ords:
            wd = (n - _BASE_ORD) % 7
            if n in special_ords:
                wall = special_ords[n]
            elif n in holiday_ords:
                wall = ()
            else:
                wall = week[wd]
            if n in dst_days:
                start = self._wall_to_utc(n, 0)
                real = [(self._wall_to_utc(n, s), self._wall_to_utc(n, e)) for s, e in wall]
            else:
                start = self._plain_day_start(n)
                real = [(start + s, start + e) for s, e in wall]
            real = [(s, e) for s, e in real if e > s]
            self.exc[n] = _Exception(start, real, totals[wd])
        self.exc_ords = ords
        corr = [0]
        count_corr = [0]
        cstart: list[int] = []
        cend: list[int] = []
        for n in ords:
            ex = self.exc[n]
            c = self._base(n) + corr[-1]
            cstart.append(c)
            cend.append(c + ex.actual)
            corr.append(corr[-1] + ex.actual - ex.template)
            count_corr.append(count_corr[-1] + (ex.actual > 0) - (ex.template > 0))
        self.exc_corr = corr
        self.exc_count_corr = count_corr
        self.exc_cstart = cstart
        self.exc_cend = cend
        #: The first instant of the first answered local date and of the date
        #: after the last: instants in ``[low, high]`` are answered.
        self.low = self._wall_to_utc(self.first_day, 0)
        self.high = self._wall_to_utc(self.last_day + 1, 0)

    def timeline(self) -> Timeline:
        """This calendar's cache of materialised working stretches (made on first use)."""
        saved = self.saved
        if saved is None:
            saved = self.saved = Timeline(self)
        return saved

    # -- wall clock ------------------------------------------------------------

    def _offset_at(self, u: int) -> int:
        """The UTC offset in force at instant ``u``."""
        return self.offsets[bisect_right(self.t_instants, u)]

    def _plain_day_start(self, n: int) -> int:
        """Midnight of local day ``n`` as an instant, for a day without an offset change."""
        return (n - _EPOCH_ORD) * DAY_US - self.offsets[bisect_left(self.t_days, n)]

    def _wall_to_utc(self, n: int, sod: int) -> int:
        """The instant of wall time ``sod`` on local day ``n``.

        A repeated wall time gives its first occurrence (PEP 495 ``fold=0``); a
        wall time skipped by a forward change gives the instant of the change.
        """
        wall = (n - _EPOCH_ORD) * DAY_US + sod
        lo = bisect_right(self.t_instants, wall - 2 * DAY_US)
        hi = bisect_right(self.t_instants, wall + 2 * DAY_US)
        valid = [
            wall - offset
            for offset in self.offsets[lo : hi + 1]
            if self._offset_at(wall - offset) == offset
        ]
        if valid:
            return min(valid)
        for t, before, after in zip(
            self.t_instants[lo:hi], self.offsets[lo:hi], self.offsets[lo + 1 : hi + 1], strict=True
        ):
            if t + before <= wall < t + after:
                return t
        raise AssertionError(f"no instant for wall time {wall}")  # pragma: no cover

    # -- cumulative sums ---------------------------------------------------------

    def _base(self, n: int) -> int:
        weeks, r = divmod(n - _BASE_ORD, 7)
        return weeks * self.week_total + self.week_prefix[r]

    def refuse(self, field: str, value: object, *, reach: str = "") -> LimitExceededError:
        """The error for a question outside the answered range.

        ``reach`` is ``"past"`` when the answer would lie after the range (an
        ``add`` or ``next_open`` that runs out of known working time) and
        ``"before"`` when it would lie before it (a ``subtract``).
        """
        cover = self.cover
        if cover is None:
            horizon = f"{HORIZON_START.isoformat()} to {HORIZON_END.isoformat()}"
            reason = {
                "past": "runs out of working time before the calendar's horizon ends (2200-01-01)",
                "before": "reaches back before the calendar's horizon (1970-01-01)",
            }.get(
                reach,
                "is outside the calendar's horizon: business time is computed for "
                "local dates from 1970-01-01 up to 2200-01-01",
            )
            return LimitExceededError(field, value, horizon, reason)
        years = f"{cover[0]} to {cover[1]}"
        reason = {
            "past": "reaches past the years the calendar's holidays cover",
            "before": "reaches back before the years the calendar's holidays cover",
        }.get(reach, "is outside the years the calendar's holidays cover")
        return LimitExceededError(field, value, years, f"{reason} ({years})")

    def check(self, u: int, field: str, value: object) -> None:
        """Refuse an instant outside ``[low, high]`` (``value`` is what the caller passed)."""
        if u < self.low or u > self.high:
            raise self.refuse(field, value)

    def business(self, u: int, field: str = "at", value: object = None) -> int:
        """``B(u)``: working time from the base day to instant ``u``."""
        if u < self.low or u > self.high:
            raise self.refuse(field, _EPOCH + u * _US if value is None else value)
        day, sod = divmod(u + self.offsets[bisect_right(self.t_instants, u)], DAY_US)
        n = _EPOCH_ORD + day
        exc = self.exc
        if exc:
            ex = exc.get(n + 1)
            if ex is not None and u >= ex.start:
                n += 1
            else:
                ex = exc.get(n)
            if ex is not None:
                weeks, r = divmod(n - _BASE_ORD, 7)
                c = weeks * self.week_total + self.week_prefix[r]
                return c + self.exc_corr[bisect_left(self.exc_ords, n)] + ex.within(u)
        return self._plain(n, sod)

    def business_local(self, local: dt.datetime, field: str = "at") -> int:
        """``B`` of an aware datetime already in the zone (no conversion on plain days)."""
        n = local.toordinal()
        exc = self.exc
        if n in exc or n + 1 in exc or not self.first_day < n < self.last_day:
            return self.business(utc_us(local), field, local)
        sod = (
            local.hour * 3600 + local.minute * 60 + local.second
        ) * _SECOND_US + local.microsecond
        return self._plain(n, sod)

    def _plain(self, n: int, sod: int) -> int:
        """``B`` at wall time ``sod`` on local day ``n``, a day that is no exception."""
        weeks, r = divmod(n - _BASE_ORD, 7)
        c = (
            weeks * self.week_total
            + self.week_prefix[r]
            + self.exc_corr[bisect_left(self.exc_ords, n)]
        )
        bounds = self.bounds[r]
        j = bisect_right(bounds, sod)
        if j == 0:
            return c
        if j & 1:
            return c + self.cum_bounds[r][j - 1] + sod - bounds[j - 1]
        return c + self.cum_bounds[r][j - 1]

    def inverse(self, target: int, field: str = "duration", value: object = None) -> int:
        """The first instant ``u`` with ``B(u) >= target`` (``target`` > ``B`` of some instant).

        Refused (naming ``field`` and ``value``) when that instant is past the
        answered range.
        """
        k = bisect_left(self.exc_cend, target)
        ords = self.exc_ords
        week_total = self.week_total
        if week_total:
            r = target - self.exc_corr[k]
            weeks = (r - 1) // week_total
            r -= weeks * week_total  # now 1 <= r <= week_total
            week_prefix = self.week_prefix
            i = bisect_left(week_prefix, r)
            n = _BASE_ORD + weeks * 7 + i - 1
            if k == len(ords) or n < ords[k]:
                if n > self.last_day:
                    raise self.refuse(field, value, reach="past")
                wd = i - 1
                rem = r - week_prefix[wd]
                cum_end = self.cum_end[wd]
                j = bisect_left(cum_end, rem)
                sod = self.iv_starts[wd][j] + rem - (cum_end[j - 1] if j else 0)
                offset = self.offsets[bisect_left(self.t_days, n)]
                # A plain day up to the last answered one: the instant is in range.
                return (n - _EPOCH_ORD) * DAY_US + sod - offset
        elif k == len(ords):
            raise self.refuse(field, value, reach="past")
        u = self.exc[ords[k]].inverse(target - self.exc_cstart[k])
        if u > self.high:
            raise self.refuse(field, value, reach="past")
        return u

    def is_open(self, u: int, value: object = None) -> bool:
        """Whether instant ``u`` is inside a working interval."""
        if u < self.low or u >= self.high:
            raise self.refuse("at", _EPOCH + u * _US if value is None else value)
        day, sod = divmod(u + self.offsets[bisect_right(self.t_instants, u)], DAY_US)
        n = _EPOCH_ORD + day
        exc = self.exc
        if exc:
            ex = exc.get(n + 1)
            if ex is not None and u >= ex.start:
                return ex.is_open(u)
            ex = exc.get(n)
            if ex is not None:
                return ex.is_open(u)
        return bool(bisect_right(self.bounds[(n - _BASE_ORD) % 7], sod) & 1)

    def lower_bound(self) -> int:
        """``B`` at the first instant of the answered range."""
        n = self.first_day
        return self._base(n) + self.exc_corr[bisect_left(self.exc_ords, n)]

    def day_total(self, n: int) -> int:
        """Working time of local day ``n``."""
        ex = self.exc.get(n)
        return ex.actual if ex is not None else self.weekday_total[(n - _BASE_ORD) % 7]

    def stretch_end(self, u: int, n: int, max_days: int) -> int | None:
        """End of the working stretch that contains instant ``u`` (on local day ``n``).

        ``None`` when the stretch is still open after ``max_days`` days.
        """
        end: int | None = None
        for day in range(max(n - 1, _MIN_ORD), min(n + max_days, _MAX_ORD) + 1):
            for s, e in self.day_intervals(day):
                if e <= u:
                    continue
                if end is None or s == end:
                    end = e
                else:
                    return end
        return None

    def day_intervals(self, n: int) -> list[tuple[int, int]]:
        """The working intervals of local day ``n`` as instants."""
        ex = self.exc.get(n)
        if ex is not None:
            return list(zip(ex.starts, ex.ends, strict=True))
        start = self._plain_day_start(n)
        wd = (n - _BASE_ORD) % 7
        b = self.bounds[wd]
        return [(start + b[i], start + b[i + 1]) for i in range(0, len(b), 2)]

    def intervals(self, u0: int, u1: int, n0: int, n1: int) -> Iterator[tuple[int, int]]:
        """Maximal working intervals clipped to ``[u0, u1)``, from local day ``n0`` to ``n1``."""
        pending: tuple[int, int] | None = None
        for n in range(max(n0 - 1, _MIN_ORD), min(n1 + 1, _MAX_ORD) + 1):
            for day_start, day_end in self.day_intervals(n):
                s, e = max(day_start, u0), min(day_end, u1)
                if e <= s:
                    continue
                if pending is not None and pending[1] == s:
                    pending = (pending[0], e)
                    continue
                if pending is not None:
                    yield pending
                pending = (s, e)
        if pending is not None:
            yield pending

    def workdays(self, n0: int, n1: int) -> int:
        """Local days in ``[n0, n1)`` with any working time."""
        return self._workdays_before(n1) - self._workdays_before(n0)

    def _workdays_before(self, n: int) -> int:
        weeks, r = divmod(n - _BASE_ORD, 7)
        count = weeks * self.workday_prefix[7] + self.workday_prefix[r]
        return count + self.exc_count_corr[bisect_left(self.exc_ords, n)]


#: A timeline chunk spans 2**41 microseconds of real time (about 25.5 days).
CHUNK_BITS = 41
#: The most chunks a timeline keeps; it starts afresh when full.
MAX_CHUNKS = 512

#: A chunk: interval bounds (start, end, start, end ...), the position at each
#: bound, the position at the chunk's first instant and at its last.
_Chunk = tuple[list[int], list[int], int, int]


class Timeline:
    """Positions ``B(u)`` and their inverse from materialised working stretches.

    The working intervals in each chunk of real time (2**41 microseconds,
    about 25 days) are laid out once as sorted instants with the position at
    each, so a position is a dictionary lookup and one bisection instead of
    the calendar arithmetic of :meth:`Engine.business`; the answers are the
    same. Bulk work (measuring many tickets) reuses the chunks; chunks near
    the horizon are not made and those queries go to the engine.
    """

    __slots__ = ("chunks", "engine", "high", "low")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.chunks: dict[int, _Chunk] = {}
        self.low = engine.low
        self.high = engine.high

    def chunk(self, k: int) -> _Chunk | None:
        """Make chunk ``k``, real time ``[k << CHUNK_BITS, (k + 1) << CHUNK_BITS)``.

        Callers look in :attr:`chunks` first and come here on a miss.
        ``None`` for a chunk near the horizon (not kept).
        """
        start = k << CHUNK_BITS
        end = (k + 1) << CHUNK_BITS
        if start < self.low or end > self.high:
            return None
        engine = self.engine
        base = position = engine.business(start)
        bounds: list[int] = []
        positions: list[int] = []
        days = _local_ord(engine, start), _local_ord(engine, end)
        for s, e in engine.intervals(start, end, *days):
            bounds += (s, e)
            positions.append(position)
            position += e - s
            positions.append(position)
        if len(self.chunks) >= MAX_CHUNKS:
            self.chunks.clear()
        found = self.chunks[k] = (bounds, positions, base, position)
        return found

    def position(self, u: int) -> int:
        """``B(u)``, as :meth:`Engine.business`."""
        return self.positions([u])[0]

    def positions(self, instants: list[int]) -> list[int]:
        """``B(u)`` for each of ``instants``, the chunk kept from one to the next.

        Each instant is a dictionary lookup (only when its chunk differs from
        the previous one's) and a bisection; instants near the horizon go to
        the engine.
        """
        out: list[int] = []
        add = out.append
        chunks = self.chunks
        key: int | None = None  # no chunk yet (chunk numbers can be negative)
        bounds: list[int] = []
        positions: list[int] = []
        base = 0
        for u in instants:
            k = u >> CHUNK_BITS
            if k != key:
                chunk = chunks.get(k) or self.chunk(k)
                if chunk is None:
                    add(self.engine.business(u))
                    continue
                key = k
                bounds, positions, base, _ = chunk
            j = bisect_right(bounds, u)
            if j & 1:
                add(positions[j - 1] + u - bounds[j - 1])
            else:
                add(positions[j - 1] if j else base)
        return out

    def inverse(self, target: int, hint: int) -> int:
        """The first instant ``u`` with ``B(u) >= target``, as :meth:`Engine.inverse`.

        ``hint`` is an instant before the answer (``B(hint) < target``); the
        search looks in its chunk and the next before asking the engine.
        """
        k = hint >> CHUNK_BITS
        chunk = self.chunks.get(k) or self.chunk(k)
        if chunk is not None and target > chunk[3]:
            chunk = self.chunks.get(k + 1) or self.chunk(k + 1)
        if chunk is not None:
            bounds, positions, base, top = chunk
            if base < target <= top:
                # positions[i - 1] < target <= positions[i]: i ends an interval.
                i = bisect_left(positions, target)
                return bounds[i - 1] + target - positions[i - 1]
        return self.engine.inverse(target)


def _local_ord(engine: Engine, u: int) -> int:
    """The local date (as an ordinal) of instant ``u``."""
    return _EPOCH_ORD + (u + engine.offsets[bisect_right(engine.t_instants, u)]) // DAY_US


def _last_day(t: int, before: int, after: int) -> int:
    """The last local date whose wall clock a change at ``t`` touches."""
    return _EPOCH_ORD + (t + max(before, after)) // DAY_US


def _fixed_offset(zone: ZoneInfo) -> int:
    delta = dt.datetime(2000, 1, 1, tzinfo=zone).utcoffset()
    assert delta is not None
    return delta // _US


def from_us(u: int, zone: dt.tzinfo | None) -> dt.datetime:
    """The aware datetime in ``zone`` of instant ``u`` (``fold`` set on repeated times)."""
    if zone is dt.UTC:
        return _EPOCH + _US * u
    seconds, micro = divmod(u, _SECOND_US)
    moment = dt.datetime.fromtimestamp(seconds, zone)
    return moment.replace(microsecond=micro) if micro else moment
