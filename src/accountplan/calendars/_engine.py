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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from zoneinfo import ZoneInfo

from accountplan.calendars._time import (
    BASE_ORD,
    DAY_US,
    EPOCH,
    EPOCH_ORD,
    HORIZON_END,
    HORIZON_START,
    MAX_ORD,
    MIN_ORD,
    SECOND_US,
    US,
    DayIntervals,
    utc_us,
)
from accountplan.calendars._zones import fixed_offset, transitions
from accountplan.exceptions import LimitExceededError

__all__ = ["Engine", "local_ord"]


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
        self.first_day = MIN_ORD if cover is None else dt.date(cover[0], 1, 1).toordinal()
        self.last_day = MAX_ORD if cover is None else dt.date(cover[1], 12, 31).toordinal()
        trans = transitions(zone.key)
        self.t_instants = [t for t, _, _ in trans]
        first_offset = trans[0][1] if trans else fixed_offset(zone)
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
            days.update(range(EPOCH_ORD + min(walls) // DAY_US, _last_day(t, before, after) + 1))
        dst_days = set(days)
        days.update(day.toordinal() for day in holidays)
        days.update(day.toordinal() for day in special)
        ords = sorted(n for n in days if MIN_ORD <= n <= MAX_ORD + 1)
        holiday_ords = {d.toordinal() for d in holidays}
        special_ords = {d.toordinal(): v for d, v in special.items()}

        self.exc: dict[int, _Exception] = {}
        for n in ords:
            wd = (n - BASE_ORD) % 7
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

    # -- wall clock ------------------------------------------------------------

    def _offset_at(self, u: int) -> int:
        """The UTC offset in force at instant ``u``."""
        return self.offsets[bisect_right(self.t_instants, u)]

    def _plain_day_start(self, n: int) -> int:
        """Midnight of local day ``n`` as an instant, for a day without an offset change."""
        return (n - EPOCH_ORD) * DAY_US - self.offsets[bisect_left(self.t_days, n)]

    def _wall_to_utc(self, n: int, sod: int) -> int:
        """The instant of wall time ``sod`` on local day ``n``.

        A repeated wall time gives its first occurrence (PEP 495 ``fold=0``); a
        wall time skipped by a forward change gives the instant of the change.
        """
        wall = (n - EPOCH_ORD) * DAY_US + sod
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
        weeks, r = divmod(n - BASE_ORD, 7)
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
            raise self.refuse(field, EPOCH + u * US if value is None else value)
        day, sod = divmod(u + self.offsets[bisect_right(self.t_instants, u)], DAY_US)
        n = EPOCH_ORD + day
        exc = self.exc
        if exc:
            ex = exc.get(n + 1)
            if ex is not None and u >= ex.start:
                n += 1
            else:
                ex = exc.get(n)
            if ex is not None:
                weeks, r = divmod(n - BASE_ORD, 7)
                c = weeks * self.week_total + self.week_prefix[r]
                return c + self.exc_corr[bisect_left(self.exc_ords, n)] + ex.within(u)
        return self._plain(n, sod)

    def business_local(self, local: dt.datetime, field: str = "at") -> int:
        """``B`` of an aware datetime already in the zone (no conversion on plain days)."""
        n = local.toordinal()
        exc = self.exc
        if n in exc or n + 1 in exc or not self.first_day < n < self.last_day:
            return self.business(utc_us(local), field, local)
        sod = (local.hour * 3600 + local.minute * 60 + local.second) * SECOND_US + local.microsecond
        return self._plain(n, sod)

    def _plain(self, n: int, sod: int) -> int:
        """``B`` at wall time ``sod`` on local day ``n``, a day that is no exception."""
        weeks, r = divmod(n - BASE_ORD, 7)
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
            n = BASE_ORD + weeks * 7 + i - 1
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
                return (n - EPOCH_ORD) * DAY_US + sod - offset
        elif k == len(ords):
            raise self.refuse(field, value, reach="past")
        u = self.exc[ords[k]].inverse(target - self.exc_cstart[k])
        if u > self.high:
            raise self.refuse(field, value, reach="past")
        return u

    def is_open(self, u: int, value: object = None) -> bool:
        """Whether instant ``u`` is inside a working interval."""
        if u < self.low or u >= self.high:
            raise self.refuse("at", EPOCH + u * US if value is None else value)
        day, sod = divmod(u + self.offsets[bisect_right(self.t_instants, u)], DAY_US)
        n = EPOCH_ORD + day
        exc = self.exc
        if exc:
            ex = exc.get(n + 1)
            if ex is not None and u >= ex.start:
                return ex.is_open(u)
            ex = exc.get(n)
            if ex is not None:
                return ex.is_open(u)
        return bool(bisect_right(self.bounds[(n - BASE_ORD) % 7], sod) & 1)

    def lower_bound(self) -> int:
        """``B`` at the first instant of the answered range."""
        n = self.first_day
        return self._base(n) + self.exc_corr[bisect_left(self.exc_ords, n)]

    def day_total(self, n: int) -> int:
        """Working time of local day ``n``."""
        ex = self.exc.get(n)
        return ex.actual if ex is not None else self.weekday_total[(n - BASE_ORD) % 7]

    def stretch_end(self, u: int, n: int, max_days: int) -> int | None:
        """End of the working stretch that contains instant ``u`` (on local day ``n``).

        ``None`` when the stretch is still open after ``max_days`` days.
        """
        end: int | None = None
        for day in range(max(n - 1, MIN_ORD), min(n + max_days, MAX_ORD) + 1):
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
        wd = (n - BASE_ORD) % 7
        b = self.bounds[wd]
        return [(start + b[i], start + b[i + 1]) for i in range(0, len(b), 2)]

    def intervals(self, u0: int, u1: int, n0: int, n1: int) -> Iterator[tuple[int, int]]:
        """Maximal working intervals clipped to ``[u0, u1)``, from local day ``n0`` to ``n1``."""
        pending: tuple[int, int] | None = None
        for n in range(max(n0 - 1, MIN_ORD), min(n1 + 1, MAX_ORD) + 1):
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
        weeks, r = divmod(n - BASE_ORD, 7)
        count = weeks * self.workday_prefix[7] + self.workday_prefix[r]
        return count + self.exc_count_corr[bisect_left(self.exc_ords, n)]


def _last_day(t: int, before: int, after: int) -> int:
    """The last local date whose wall clock a change at ``t`` touches."""
    return EPOCH_ORD + (t + max(before, after)) // DAY_US


def local_ord(engine: Engine, u: int) -> int:
    """The local date (as an ordinal) of instant ``u``."""
    return EPOCH_ORD + (u + engine.offsets[bisect_right(engine.t_instants, u)]) // DAY_US
