"""Escalation policies (PagerDuty-style): levels whose delays add up, repeated passes.

A policy notifies its first level when an incident is triggered. Each level's
``after`` is how long the incident stays at that level before it moves on to
the next one, so delays add up; after the last level the whole policy starts
again, ``repeats`` more times. With a calendar, delays count business time
from the trigger (``calendar.add(triggered_at, sum of delays)``).

An acknowledgement or a resolution stops the escalation: a notification due
at or after that instant is not sent (the first one, at the trigger, always
is). Notifications are computed from the trigger, never chained, so a late
acknowledgement cannot shift the ones before it.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Iterator, Sequence

import attrs

from accountplan._tables import Column, Tabular
from accountplan._validate import (
    aware,
    check_aware,
    enum_converter,
    instance_of,
    named,
    optional,
    tuple_of,
)
from accountplan._validate import check_text as shared_text
from accountplan.calendars import BusinessCalendar
from accountplan.escalation._common import check_text, trusted, valid_name
from accountplan.escalation._routing import EscalationKind
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError

__all__ = [
    "MAX_DELAY",
    "MAX_LEVELS",
    "MAX_REPEATS",
    "MAX_TARGETS",
    "EscalationLevel",
    "EscalationPolicy",
    "EscalationState",
    "EscalationStatus",
    "EscalationTimeline",
    "Notification",
    "escalation_state",
    "escalation_timeline",
]

MAX_LEVELS = 20
"""The most levels a policy may have."""
MAX_REPEATS = 20
"""The most extra passes through a policy."""
MAX_TARGETS = 50
"""The most targets one level may notify."""
MAX_DELAY = dt.timedelta(days=30)
"""The longest delay of one level."""

_UTC = dt.UTC
#: Most notifications of one incident: every level of every pass.
_MAX_NOTIFICATIONS = MAX_LEVELS * (MAX_REPEATS + 1)


def _text_up_to(limit: int) -> typing.Callable[[str, typing.Any], str]:
    """A check for a string of at most ``limit`` characters, under the shared text rule."""

    def check(field: str, value: typing.Any) -> str:
        if not isinstance(value, str):
            raise InvalidTypeError(field, value, "must be str")
        if len(value) > limit:
            raise LimitExceededError(field, len(value), limit)
        return shared_text(field, value)

    return check


_name_or_empty = _text_up_to(200)
_responsibility = _text_up_to(1_000)


def _delay(field: str, value: typing.Any) -> dt.timedelta:
    if not isinstance(value, dt.timedelta):
        raise InvalidTypeError(field, value, "must be a timedelta")
    if value <= dt.timedelta(0):
        raise InvalidInputError(field, value, "must be longer than zero")
    if value > MAX_DELAY:
        raise LimitExceededError(field, value, MAX_DELAY, "is longer than 30 days")
    return value


@attrs.frozen(kw_only=True)
class EscalationLevel:
    """One level of an escalation policy.

    Attributes:
        name: The level's name (``"first line"``, ``"team lead"`` ...).
        targets: Who is notified when the incident reaches this level.
        after: How long the incident stays at this level before it moves on
            (PagerDuty's escalation delay); longer than zero, at most 30 days.
        kind: ``functional`` (specialists) or ``hierarchical`` (managers).
        responsibility: What this level decides or does (free text).

    Raises:
        InvalidInputError: a name is empty, there are no targets or ``after``
            is not longer than zero.
        LimitExceededError: more than ``MAX_TARGETS`` targets or a delay over 30 days.

    Examples:
        >>> import datetime as dt
        >>> EscalationLevel(name="L1", targets=["oncall"], after=dt.timedelta(minutes=30)).targets
        ('oncall',)
    """

    name: str = attrs.field(validator=valid_name)
    targets: tuple[str, ...] = attrs.field(
        converter=tuple_of(check_text, limit=MAX_TARGETS, non_empty=True, what="names"),  # type: ignore[misc]  # attrs.Converter
    )
    after: dt.timedelta = attrs.field(validator=named(_delay))
    kind: EscalationKind = attrs.field(
        default=EscalationKind.HIERARCHICAL,
        converter=enum_converter(EscalationKind),  # type: ignore[misc]  # attrs.Converter
    )
    responsibility: str = attrs.field(default="", validator=named(_responsibility))


def _repeats(field: str, value: typing.Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "must be an int")
    if value < 0:
        raise InvalidInputError(field, value, "must be zero or more")
    if value > MAX_REPEATS:
        raise LimitExceededError(field, value, MAX_REPEATS)
    return value


@attrs.frozen(kw_only=True)
class EscalationPolicy:
    """Who is notified, in which order, and how long each level has (PagerDuty).

    Attributes:
        levels: The levels in order (1 to ``MAX_LEVELS``), names unique.
        repeats: Extra passes through all levels after the last one (0 to
            ``MAX_REPEATS``), like PagerDuty's ``num_loops``.
        calendar: When set, delays count business time in this calendar;
            otherwise real elapsed time.
        name: The policy's name (shown in audit records).

    Raises:
        InvalidInputError: no levels, a repeated level name or negative repeats.
        LimitExceededError: more than ``MAX_LEVELS`` levels or ``MAX_REPEATS`` repeats.
        InvalidTypeError: a level or the calendar has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> policy = EscalationPolicy(levels=[
        ...     EscalationLevel(name="L1", targets=["oncall"], after=dt.timedelta(minutes=30)),
        ...     EscalationLevel(name="L2", targets=["lead"], after=dt.timedelta(minutes=30)),
        ... ], repeats=2, name="standard")
        >>> policy.cycle
        datetime.timedelta(seconds=3600)
    """

    levels: tuple[EscalationLevel, ...] = attrs.field(
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            EscalationLevel, limit=MAX_LEVELS, non_empty=True, unique_by="name"
        ),
    )
    repeats: int = attrs.field(default=0, validator=named(_repeats))
    calendar: BusinessCalendar | None = attrs.field(
        default=None, validator=optional(instance_of(BusinessCalendar))
    )
    name: str = attrs.field(default="", validator=named(_name_or_empty))

    @property
    def cycle(self) -> dt.timedelta:
        """The sum of the levels' delays: the length of one pass."""
        return sum((level.after for level in self.levels), dt.timedelta(0))


def _positive(field: str, value: typing.Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "must be an int")
    if value < 1:
        raise InvalidInputError(field, value, "must be 1 or more")
    return value


class EscalationStatus(enum.Enum):
    """Where an escalation stands.

    Examples:
        >>> EscalationStatus("acknowledged")
        <EscalationStatus.ACKNOWLEDGED: 'acknowledged'>
    """

    TRIGGERED = "triggered"
    """Escalating: a next notification is scheduled."""
    ACKNOWLEDGED = "acknowledged"
    """Someone acknowledged; no more notifications."""
    RESOLVED = "resolved"
    """The incident was resolved; no more notifications."""
    EXHAUSTED = "exhausted"
    """Every level of every pass was notified; nothing more is scheduled."""


@attrs.frozen(kw_only=True)
class Notification:
    """One notification an escalation policy sends.

    Attributes:
        level: The level's name.
        level_number: The level's position in the policy, from 1.
        pass_number: Which pass through the policy, from 1 (1 + ``repeats`` passes).
        targets: Who is notified.
        at: When.

    Raises:
        InvalidInputError: a name is empty, an instant naive or a number below 1.

    Examples:
        >>> import datetime as dt
        >>> Notification(level="L1", level_number=1, pass_number=1, targets=["oncall"],
        ...              at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)).targets
        ('oncall',)
    """

    level: str = attrs.field(validator=valid_name)
    level_number: int = attrs.field(validator=named(_positive))
    pass_number: int = attrs.field(validator=named(_positive))
    targets: tuple[str, ...] = attrs.field(
        converter=tuple_of(check_text, limit=MAX_TARGETS, non_empty=True, what="names"),  # type: ignore[misc]  # attrs.Converter
    )
    at: dt.datetime = attrs.field(validator=aware)


def _schedule(
    policy: EscalationPolicy, triggered_at: dt.datetime
) -> Iterator[tuple[int, int, EscalationLevel, dt.datetime]]:
    """(pass index, level index, level, instant) of every notification, in order.

    Each instant is computed from the trigger (never chained from the one before).
    """
    calendar = policy.calendar
    start_utc = triggered_at.astimezone(_UTC)
    zone = triggered_at.tzinfo
    offset = dt.timedelta(0)
    for pass_index in range(policy.repeats + 1):
        for index, level in enumerate(policy.levels):
            if not offset:
                at = triggered_at
            elif calendar is None:
                at = (start_utc + offset).astimezone(zone)
            else:
                at = calendar.add(triggered_at, offset)
            yield pass_index, index, level, at
            offset += level.after


def _notification(
    pass_index: int, index: int, level: EscalationLevel, at: dt.datetime
) -> Notification:
    return trusted(
        Notification,
        level=level.name,
        level_number=index + 1,
        pass_number=pass_index + 1,
        targets=level.targets,
        at=at,
    )


def _check_policy(policy: typing.Any) -> EscalationPolicy:
    if not isinstance(policy, EscalationPolicy):
        raise InvalidTypeError("policy", policy, "must be an EscalationPolicy")
    return policy


def _not_before(field: str, value: typing.Any, start: dt.datetime) -> dt.datetime:
    moment = check_aware(field, value)
    if moment < start:
        raise InvalidInputError(
            field, value, f"must not be before triggered_at ({start.isoformat()})"
        )
    return moment


@attrs.frozen(kw_only=True)
class EscalationState(Tabular):
    """An escalation as it stands at ``as_of``, with the policy it follows.

    Attributes:
        policy: The policy (as it was when triggered).
        triggered_at: When the incident was triggered.
        as_of: The instant described.
        status: triggered, acknowledged, resolved or exhausted.
        level: The level notified last (the current level).
        level_number: Its position, from 1.
        pass_number: The current pass, from 1.
        notifications: Every notification sent up to ``as_of``, in order.
        next_escalation_at: When the next notification is due; ``None`` once
            acknowledged, resolved or exhausted.
        acknowledged_at: The acknowledgement, if it happened by ``as_of``.
        resolved_at: The resolution, if it happened by ``as_of``.

    Raises:
        InvalidInputError: an instant is naive or a number below 1.
        InvalidTypeError: a field has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> policy = EscalationPolicy(levels=[
        ...     EscalationLevel(name="L1", targets=["oncall"], after=dt.timedelta(minutes=30))])
        >>> escalation_state(policy, triggered_at=t0, as_of=t0).level.name
        'L1'
    """

    policy: EscalationPolicy = attrs.field(validator=instance_of(EscalationPolicy))
    triggered_at: dt.datetime = attrs.field(validator=aware)
    as_of: dt.datetime = attrs.field(validator=aware)
    status: EscalationStatus = attrs.field(converter=enum_converter(EscalationStatus))  # type: ignore[misc]  # attrs.Converter
    level: EscalationLevel = attrs.field(validator=instance_of(EscalationLevel))
    level_number: int = attrs.field(validator=named(_positive))
    pass_number: int = attrs.field(validator=named(_positive))
    notifications: tuple[Notification, ...] = attrs.field(
        converter=tuple_of(Notification, limit=_MAX_NOTIFICATIONS),  # type: ignore[misc]  # attrs.Converter
    )
    next_escalation_at: dt.datetime | None = attrs.field(validator=optional(aware))
    acknowledged_at: dt.datetime | None = attrs.field(default=None, validator=optional(aware))
    resolved_at: dt.datetime | None = attrs.field(default=None, validator=optional(aware))

    def _columns(self) -> tuple[Column, ...]:
        return _NOTIFICATION_COLUMNS

    def _rows(self) -> Sequence[typing.Any]:
        return self.notifications

    def _record(self, row: typing.Any) -> dict[str, typing.Any]:
        return _notification_record(row)

    def _title(self) -> str:
        return f"Escalation {self.status.value} as of {self.as_of.isoformat()}"

    def to_records(self) -> list[dict[str, typing.Any]]:
        """One plain dict per notification sent up to ``as_of``, in order.

        Returns:
            Dicts with the columns of
            [EscalationTimeline.to_records][accountplan.escalation.EscalationTimeline.to_records]:
            ``at``, ``pass``, ``level``, ``level_number`` and ``targets``.

        Examples:
            >>> import datetime as dt
            >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> policy = EscalationPolicy(levels=[
            ...     EscalationLevel(name="L1", targets=["a"], after=dt.timedelta(hours=1)),
            ...     EscalationLevel(name="L2", targets=["b"], after=dt.timedelta(hours=1))])
            >>> state = escalation_state(policy, triggered_at=t0, as_of=t0 + dt.timedelta(hours=1))
            >>> [r["level"] for r in state.to_records()]
            ['L1', 'L2']
        """
        return super().to_records()


#: The columns of a table of notifications, in order.
_NOTIFICATION_COLUMNS: tuple[Column, ...] = (
    ("at", "datetime"),
    ("pass", "int"),
    ("level", "text"),
    ("level_number", "int"),
    ("targets", "text"),
)


def _notification_record(notification: Notification) -> dict[str, typing.Any]:
    """One notification as a plain row of the notification columns."""
    return {
        "at": notification.at,
        "pass": notification.pass_number,
        "level": notification.level,
        "level_number": notification.level_number,
        "targets": ", ".join(notification.targets),
    }


def escalation_state(
    policy: EscalationPolicy,
    /,
    *,
    triggered_at: dt.datetime,
    as_of: dt.datetime,
    acknowledged_at: dt.datetime | None = None,
    resolved_at: dt.datetime | None = None,
) -> EscalationState:
    """Where an escalation stands at ``as_of``: level, notifications so far, next step.

    Acknowledgements and resolutions after ``as_of`` are not yet known and
    are ignored. A notification due at or after the acknowledgement (or
    resolution) is not sent; the first one, at the trigger, always is.

    Args:
        policy: The policy the incident follows.
        triggered_at: When the incident was triggered (timezone-aware).
        as_of: The instant to describe (not before ``triggered_at``).
        acknowledged_at: When someone acknowledged, if they did.
        resolved_at: When the incident was resolved, if it was.

    Returns:
        An [EscalationState][accountplan.escalation.EscalationState].

    Raises:
        InvalidInputError: an instant is naive or before ``triggered_at``.
        InvalidTypeError: ``policy`` is not an ``EscalationPolicy``.
        LimitExceededError: the policy's calendar has no working time left.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> half_hour = dt.timedelta(minutes=30)
        >>> policy = EscalationPolicy(levels=[
        ...     EscalationLevel(name="L1", targets=["oncall"], after=half_hour),
        ...     EscalationLevel(name="L2", targets=["lead"], after=half_hour),
        ... ], repeats=2)
        >>> state = escalation_state(policy, triggered_at=t0, as_of=t0 + dt.timedelta(minutes=75))
        >>> state.level.name, state.pass_number, state.next_escalation_at - t0
        ('L1', 2, datetime.timedelta(seconds=5400))
    """
    checked = _check_policy(policy)
    start = check_aware("triggered_at", triggered_at)
    moment = _not_before("as_of", as_of, start)
    ack = (
        None if acknowledged_at is None else _not_before("acknowledged_at", acknowledged_at, start)
    )
    done = None if resolved_at is None else _not_before("resolved_at", resolved_at, start)
    ack = ack if ack is not None and ack <= moment else None
    done = done if done is not None and done <= moment else None
    stops = [s for s in (ack, done) if s is not None]
    stop = min(stops) if stops else None
    sent: list[Notification] = []
    upcoming: dt.datetime | None = None
    for pass_index, index, level, at in _schedule(checked, start):
        if sent:
            if stop is not None and at >= stop:
                break
            if at > moment:
                upcoming = at
                break
        sent.append(_notification(pass_index, index, level, at))
    last = sent[-1]
    if done is not None:
        status = EscalationStatus.RESOLVED
    elif ack is not None:
        status = EscalationStatus.ACKNOWLEDGED
    elif upcoming is None:
        status = EscalationStatus.EXHAUSTED
    else:
        status = EscalationStatus.TRIGGERED
    return trusted(
        EscalationState,
        policy=checked,
        triggered_at=start,
        as_of=moment,
        status=status,
        level=checked.levels[last.level_number - 1],
        level_number=last.level_number,
        pass_number=last.pass_number,
        notifications=tuple(sent),
        next_escalation_at=upcoming if stop is None else None,
        acknowledged_at=ack,
        resolved_at=done,
    )


@attrs.frozen(kw_only=True)
class EscalationTimeline(Tabular):
    """Every notification a policy sends up to ``until``, with the policy.

    Attributes:
        policy: The policy.
        triggered_at: When the incident was triggered.
        until: The bound (inclusive).
        notifications: The notifications due at or before ``until``, in order.

    Raises:
        InvalidInputError: an instant is naive.
        InvalidTypeError: a field has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> policy = EscalationPolicy(levels=[
        ...     EscalationLevel(name="L1", targets=["oncall"], after=dt.timedelta(minutes=30))])
        >>> len(escalation_timeline(policy, triggered_at=t0, until=t0).notifications)
        1
    """

    policy: EscalationPolicy = attrs.field(validator=instance_of(EscalationPolicy))
    triggered_at: dt.datetime = attrs.field(validator=aware)
    until: dt.datetime = attrs.field(validator=aware)
    notifications: tuple[Notification, ...] = attrs.field(
        converter=tuple_of(Notification, limit=_MAX_NOTIFICATIONS),  # type: ignore[misc]  # attrs.Converter
    )

    def _columns(self) -> tuple[Column, ...]:
        return _NOTIFICATION_COLUMNS

    def _rows(self) -> Sequence[typing.Any]:
        return self.notifications

    def _record(self, row: typing.Any) -> dict[str, typing.Any]:
        return _notification_record(row)

    def _title(self) -> str:
        return f"Escalation timeline from {self.triggered_at.isoformat()}"

    def to_records(self) -> list[dict[str, typing.Any]]:
        """One plain dict per notification, in order.

        Returns:
            Dicts with the columns ``at`` (aware ``datetime``), ``pass``
            (``int``, from 1), ``level``, ``level_number`` (``int``, from 1)
            and ``targets`` (comma-separated).

        Examples:
            >>> import datetime as dt
            >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> policy = EscalationPolicy(levels=[
            ...     EscalationLevel(name="L1", targets=["a", "b"], after=dt.timedelta(hours=1))])
            >>> escalation_timeline(policy, triggered_at=t0, until=t0).to_records()[0]["targets"]
            'a, b'
        """
        return super().to_records()


def escalation_timeline(
    policy: EscalationPolicy, /, *, triggered_at: dt.datetime, until: dt.datetime
) -> EscalationTimeline:
    """List every notification of an unacknowledged incident up to ``until``.

    The list is bounded twice: by ``until`` and by the policy itself (at most
    ``len(levels) * (repeats + 1)`` notifications).

    Args:
        policy: The policy.
        triggered_at: When the incident was triggered (timezone-aware).
        until: The last instant to include (not before ``triggered_at``).

    Returns:
        An [EscalationTimeline][accountplan.escalation.EscalationTimeline].

    Raises:
        InvalidInputError: an instant is naive or ``until`` is before ``triggered_at``.
        InvalidTypeError: ``policy`` is not an ``EscalationPolicy``.
        LimitExceededError: the policy's calendar has no working time left.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> half_hour = dt.timedelta(minutes=30)
        >>> policy = EscalationPolicy(levels=[
        ...     EscalationLevel(name="L1", targets=["oncall"], after=half_hour),
        ...     EscalationLevel(name="L2", targets=["lead"], after=half_hour),
        ... ], repeats=2)
        >>> until = t0 + dt.timedelta(hours=3)
        >>> timeline = escalation_timeline(policy, triggered_at=t0, until=until)
        >>> [int((n.at - t0).total_seconds() // 60) for n in timeline.notifications]
        [0, 30, 60, 90, 120, 150]
    """
    checked = _check_policy(policy)
    start = check_aware("triggered_at", triggered_at)
    bound = _not_before("until", until, start)
    found: list[Notification] = []
    for pass_index, index, level, at in _schedule(checked, start):
        if at > bound:
            break
        found.append(_notification(pass_index, index, level, at))
    return trusted(
        EscalationTimeline,
        policy=checked,
        triggered_at=start,
        until=bound,
        notifications=tuple(found),
    )
