"""CalendarIndex: a caller-owned index of one calendar's business time, in integer microseconds.

A [BusinessCalendar][accountplan.calendars.BusinessCalendar] is a value: it
never changes after it is built, so it keeps no cache. Bulk work (measuring
many tickets against one calendar) instead owns a ``CalendarIndex``, which
lays the working intervals of each chunk of real time (2**41 microseconds,
about 25 days) out once as sorted instants with the business time at each:
a position is then a dictionary lookup and one bisection instead of the
calendar's week-and-exceptions arithmetic. The answers are the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from accountplan._validate import check_type
from accountplan.calendars._calendar import BusinessCalendar
from accountplan.calendars._engine import Engine, local_ord
from accountplan.calendars._time import EPOCH, US
from accountplan.exceptions import InvalidTypeError, LimitExceededError

__all__ = ["CHUNK_BITS", "CHUNK_LOOKUPS", "MAX_CHUNKS", "CalendarIndex"]

#: A chunk spans 2**41 microseconds of real time (about 25.5 days).
CHUNK_BITS = 41
#: The most chunks an index keeps; it starts afresh when full.
MAX_CHUNKS = 512
#: Lookups a chunk answers through the calendar before it is laid out. Laying
#: a chunk out costs about as much as 64 lookups through the calendar save
#: (about 100 µs against 1.5 µs each), so a one-off question (one ticket,
#: one ``evaluate``) never pays for it, and bulk work pays at most twice
#: what it would had it known in advance.
CHUNK_LOOKUPS = 64

#: A chunk: interval bounds (start, end, start, end ...), the position at each
#: bound, the position at the chunk's first instant and at its last.
_Chunk = tuple[list[int], list[int], int, int]


def _moment(u: int) -> object:
    """Instant ``u`` as a UTC datetime for an error message, or ``u`` when it has none."""
    try:
        return EPOCH + u * US
    except OverflowError:
        return u


class CalendarIndex:
    """Positions of instants in a calendar's business time, and the inverse, in microseconds.

    The index belongs to whoever makes it (a long-running job, one call of
    [evaluate_many][accountplan.sla.evaluate_many]): it remembers the
    working stretches it has laid out, at most ``MAX_CHUNKS`` chunks of about
    25 days each, and starts afresh when full. The calendar itself never
    changes. An index is not meant to be shared between threads.

    Instants are integer microseconds since 1970-01-01T00:00Z. A *position*
    is the business time, in microseconds, from the start of the calendar's
    answered range up to an instant: the same as
    [BusinessCalendar.position][accountplan.calendars.BusinessCalendar.position],
    so ``position_us(b) - position_us(a)`` is the business time in ``[a, b)``.

    Args:
        calendar: The calendar to index.

    Raises:
        InvalidTypeError: ``calendar`` is not a
            [BusinessCalendar][accountplan.calendars.BusinessCalendar].

    Examples:
        >>> import datetime as dt
        >>> cal = BusinessCalendar.weekly("UTC", hours={0: [("09:00", "17:00")]})
        >>> index = CalendarIndex(cal)
        >>> monday = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)
        >>> epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        >>> start = (monday - epoch) // dt.timedelta(microseconds=1)
        >>> a, b = index.positions_us([start, start + 3 * 3_600_000_000])
        >>> b - a  # 09:00 to 11:00 counts: two hours
        7200000000
        >>> index.instant_us(a + 8 * 3_600_000_000) == start + 9 * 3_600_000_000  # 17:00
        True
    """

    __slots__ = ("_calendar", "_chunks", "_engine", "_high", "_lookups", "_low", "_origin")

    def __init__(self, calendar: BusinessCalendar, /) -> None:
        check_type("calendar", calendar, BusinessCalendar)
        engine: Engine = calendar._engine
        self._calendar = calendar
        self._engine = engine
        self._chunks: dict[int, _Chunk] = {}
        self._lookups: dict[int, int] = {}
        self._low = engine.low
        self._high = engine.high
        self._origin = engine.lower_bound()

    def __repr__(self) -> str:
        return f"CalendarIndex({self._calendar!r}, chunks={len(self._chunks)})"

    @property
    def calendar(self) -> BusinessCalendar:
        """The calendar indexed."""
        return self._calendar

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone, for turning instants into local datetimes."""
        zone: ZoneInfo = self._engine.zone
        return zone

    # -- chunks ------------------------------------------------------------------

    def _chunk(self, k: int) -> _Chunk | None:
        """Chunk ``k`` (real time ``[k << CHUNK_BITS, (k + 1) << CHUNK_BITS)``), made on demand.

        ``None`` while the chunk has answered fewer than ``CHUNK_LOOKUPS``
        lookups, and always for a chunk that reaches past the answered range:
        the caller then asks the calendar's engine.
        """
        start = k << CHUNK_BITS
        end = (k + 1) << CHUNK_BITS
        if start < self._low or end > self._high:
            return None
        lookups = self._lookups
        seen = lookups.get(k, 0)
        if seen < CHUNK_LOOKUPS:
            if len(lookups) >= MAX_CHUNKS:
                lookups.clear()
            lookups[k] = seen + 1
            return None
        del lookups[k]
        engine = self._engine
        base = position = engine.business(start) - self._origin
        bounds: list[int] = []
        positions: list[int] = []
        for s, e in engine.intervals(start, end, local_ord(engine, start), local_ord(engine, end)):
            bounds += (s, e)
            positions.append(position)
            position += e - s
            positions.append(position)
        chunks = self._chunks
        if len(chunks) >= MAX_CHUNKS:
            chunks.clear()
        found = chunks[k] = (bounds, positions, base, position)
        return found

    def _position(self, u: Any, field: str) -> int:
        """The position of one instant through the engine, refused outside the range."""
        if u.__class__ is not int:
            raise InvalidTypeError(field, u, "must be int (microseconds since the epoch)")
        if u < self._low or u > self._high:
            raise self._engine.refuse(field, _moment(u))
        return self._engine.business(u) - self._origin

    # -- queries -----------------------------------------------------------------

    def position_us(self, instant_us: int, /) -> int:
        """The position of one instant: business time from the range's start, in microseconds.

        Args:
            instant_us: Microseconds since 1970-01-01T00:00Z.

        Returns:
            The business time, in microseconds, from the start of the
            calendar's answered range up to ``instant_us``.

        Raises:
            InvalidTypeError: ``instant_us`` is not an ``int``.
            LimitExceededError: the instant is outside the calendar's horizon
                or its ``holidays_cover``.

        Examples:
            >>> cal = BusinessCalendar.always("UTC")
            >>> CalendarIndex(cal).position_us(86_400_000_000)  # 1970-01-02T00:00Z
            86400000000
        """
        return self.positions_us((instant_us,), field="instant_us")[0]

    def positions_us(
        self, instants_us: Sequence[int], /, *, field: str = "instants_us"
    ) -> list[int]:
        """The position of each instant, in order: one lookup and one bisection each.

        Instants close together (a ticket's events) share their chunk's
        lookup, so this is the fast way to place many instants.

        Args:
            instants_us: Microseconds since 1970-01-01T00:00Z, in any order.
            field: The name used for the instants in an error.

        Returns:
            The positions, in microseconds, one per instant.

        Raises:
            InvalidTypeError: ``instants_us`` is not a list or tuple, an
                item is not an ``int``, or ``field`` is not a ``str``.
            LimitExceededError: an instant is outside the calendar's horizon
                or its ``holidays_cover``.

        Examples:
            >>> cal = BusinessCalendar.weekly("UTC", hours={3: [("09:00", "10:00")]})
            >>> hour = 3_600_000_000
            >>> CalendarIndex(cal).positions_us([9 * hour, 10 * hour, 0])  # Thursday 1970-01-01
            [0, 3600000000, 0]
        """
        if field.__class__ is not str:
            check_type("field", field, str)
        if instants_us.__class__ is not list and not isinstance(instants_us, (list, tuple)):
            raise InvalidTypeError(field, instants_us, "must be a list or tuple of int")
        out: list[int] = []
        add = out.append
        chunks = self._chunks
        key: int | None = None  # no chunk yet (chunk numbers can be negative)
        bounds: list[int] = []
        positions: list[int] = []
        base = 0
        for u in instants_us:
            if u.__class__ is not int:
                raise InvalidTypeError(field, u, "must be int (microseconds since the epoch)")
            k = u >> CHUNK_BITS
            if k != key:
                chunk = chunks.get(k) or self._chunk(k)
                if chunk is None:
                    key = None
                    add(self._position(u, field))
                    continue
                key = k
                bounds, positions, base, _ = chunk
            j = bisect_right(bounds, u)
            if j & 1:
                add(positions[j - 1] + u - bounds[j - 1])
            else:
                add(positions[j - 1] if j else base)
        return out

    def instant_us(self, position_us: int, /, *, hint_us: int | None = None) -> int:
        """The first instant whose position is ``position_us``: the inverse of a position.

        When the position is reached at the close of a working interval, the
        answer is that close (as [BusinessCalendar.add][accountplan.calendars.BusinessCalendar.add]
        ends an add that uses an interval up exactly).

        Args:
            position_us: A position (business time in microseconds from the
                start of the answered range), not negative.
            hint_us: Optionally an instant before the answer (such as the
                start a duration is added to); the search looks in its chunk
                and the next first. A wrong hint costs time, never the answer.

        Returns:
            The instant, in microseconds since 1970-01-01T00:00Z.

        Raises:
            InvalidTypeError: ``position_us`` or ``hint_us`` is not an ``int``.
            LimitExceededError: ``position_us`` is negative, or the calendar
                runs out of known working time before reaching it (its
                horizon or its ``holidays_cover``).

        Examples:
            >>> cal = BusinessCalendar.weekly("UTC", hours={3: [("09:00", "10:00")]})
            >>> hour = 3_600_000_000
            >>> CalendarIndex(cal).instant_us(hour) // hour  # 1970-01-01T10:00Z
            10
        """
        if position_us.__class__ is int and hint_us.__class__ is int and position_us > 0:
            # A chunk exists only inside the answered range: no range check needed.
            k = hint_us >> CHUNK_BITS
            chunks = self._chunks
            chunk = chunks.get(k) or self._chunk(k)
            if chunk is not None and position_us > chunk[3]:
                chunk = chunks.get(k + 1) or self._chunk(k + 1)
            if chunk is not None:
                bounds, positions, base, top = chunk
                if base < position_us <= top:
                    # positions[i - 1] < target <= positions[i]: i ends an interval.
                    i = bisect_left(positions, position_us)
                    return bounds[i - 1] + position_us - positions[i - 1]
        elif position_us.__class__ is not int:
            raise InvalidTypeError("position_us", position_us, "must be int (microseconds)")
        elif hint_us is not None and hint_us.__class__ is not int:
            raise InvalidTypeError("hint_us", hint_us, "must be int (microseconds since the epoch)")
        elif position_us < 0:
            raise LimitExceededError(
                "position_us",
                position_us,
                0,
                "is before the start of the calendar's answered range",
            )
        elif position_us == 0:
            return self._low
        return self._engine.inverse(position_us + self._origin, "position_us", position_us)
