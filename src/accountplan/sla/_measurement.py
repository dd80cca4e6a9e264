"""The result of measuring: one SLA clock of one ticket, and its fast constructor."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

import attrs

from accountplan._pickling import compact_pickle
from accountplan._typing import SlaMetric
from accountplan._validate import enum_converter
from accountplan.tickets import Priority

__all__ = ["Interval", "SlaMeasurement", "SlaState", "build"]


class SlaState(enum.StrEnum):
    """Where an SLA measurement stands.

    A ``StrEnum``: each member is also its value string, so
    ``measurement.state == "met"`` holds for ``SlaState.MET``, as it did when
    the state was a plain string. The wire value is that string.

    Examples:
        >>> SlaState("breached")
        <SlaState.BREACHED: 'breached'>
        >>> SlaState.MET == "met"
        True
    """

    #: The clock stopped within the target.
    MET = "met"
    #: The target was missed (the clock may still be running).
    BREACHED = "breached"
    #: The clock is running and the target is not yet missed.
    RUNNING = "running"
    #: The clock is paused and the target is not yet missed.
    PAUSED = "paused"
    #: The measurement was cancelled (a priority change restarted it, or the
    #: metric stopped applying).
    CANCELLED = "cancelled"


#: A stretch of real time, ``(start, end)``.
Interval = tuple[dt.datetime, dt.datetime]


@compact_pickle
@attrs.frozen(kw_only=True)
class SlaMeasurement:
    """One SLA clock of one ticket, as it stood at ``as_of``.

    Attributes:
        ticket_id: The ticket measured.
        account_number: The ticket's account.
        channel: The ticket's channel.
        policy: The name of the policy applied.
        metric: What was measured.
        cycle: 1 for the first measurement of the metric on this ticket, then
            2, 3 ... for each next-response cycle, reopening (``new_cycle``)
            or priority restart.
        priority: The priority whose target applies.
        target: The target duration.
        business_hours: Whether ``elapsed`` counts business time (else real time).
        start: When the clock started.
        stop: When it stopped (or was cancelled), or ``None`` while it runs.
        as_of: The instant the ticket was looked at.
        deadline: The instant the clock reaches the target, taking the known
            pauses into account; ``None`` for a cancelled measurement and for
            a paused one that has not reached it yet (it depends on when the
            clock resumes). For a measurement that stopped before reaching
            it, the instant it would have been reached had the clock run on.
            In the calendar's zone for a business-hours target, otherwise in
            the zone of ``start``.
        elapsed: Time counted while the clock ran.
        paused: Time (in the same clock) that fell in pauses, including the
            stretch between resolving and reopening under ``continue``.
        outside_hours: Real time in the measurement outside the calendar's
            working hours; ``elapsed + paused + outside_hours`` is the real
            time from ``start`` to ``stop`` (or ``as_of``).
        state: ``met``, ``breached``, ``running``, ``paused`` or ``cancelled``.
        remaining: ``target - elapsed``; negative when overdue.
        counted: The stretches in which the clock ran (real instants; the
            calendar's working hours inside them were counted), each as long
            as possible: neighbouring stretches are joined.
        pauses: The stretches in which the clock was paused, joined the same
            way (a pending stretch up to resolving and the resolved stretch
            up to reopening are one pause).
        note: Why the clock stopped or was cancelled.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.tickets import Priority
        >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> m = SlaMeasurement(
        ...     ticket_id="T-1", account_number="A-1", channel="", policy="P",
        ...     metric="first_response", cycle=1, priority=Priority.HIGH,
        ...     target=dt.timedelta(hours=1), business_hours=False, start=t, stop=None,
        ...     as_of=t, deadline=t + dt.timedelta(hours=1), elapsed=dt.timedelta(0),
        ...     paused=dt.timedelta(0), outside_hours=dt.timedelta(0), state="running",
        ...     remaining=dt.timedelta(hours=1),
        ... )
        >>> m.state
        <SlaState.RUNNING: 'running'>
    """

    ticket_id: str
    account_number: str
    channel: str
    policy: str
    metric: SlaMetric
    cycle: int
    priority: Priority = attrs.field(converter=enum_converter(Priority))  # type: ignore[misc]  # attrs.Converter
    target: dt.timedelta
    business_hours: bool
    start: dt.datetime
    stop: dt.datetime | None
    as_of: dt.datetime
    deadline: dt.datetime | None
    elapsed: dt.timedelta
    paused: dt.timedelta
    outside_hours: dt.timedelta
    state: SlaState = attrs.field(converter=enum_converter(SlaState))  # type: ignore[misc]  # attrs.Converter
    remaining: dt.timedelta
    counted: tuple[Interval, ...] = ()
    pauses: tuple[Interval, ...] = ()
    note: str = ""

    @property
    def stopped(self) -> bool:
        """Whether the clock has stopped for good or been cancelled."""
        return self.stop is not None


def _slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The ``__set__`` of each of ``cls``'s attrs fields' slots, in field order."""
    return tuple(cls.__dict__[field.name].__set__ for field in attrs.fields(cls))


(
    _set_ticket_id,
    _set_account_number,
    _set_channel,
    _set_policy,
    _set_metric,
    _set_cycle,
    _set_priority,
    _set_target,
    _set_business_hours,
    _set_start,
    _set_stop,
    _set_as_of,
    _set_deadline,
    _set_elapsed,
    _set_paused,
    _set_outside_hours,
    _set_state,
    _set_remaining,
    _set_counted,
    _set_pauses,
    _set_note,
) = _slot_setters(SlaMeasurement)
_new = object.__new__


def build(  # noqa: PLR0917 - one parameter per field, in field order
    ticket_id: str,
    account_number: str,
    channel: str,
    policy: str,
    metric: str,
    cycle: int,
    priority: Priority,
    target: dt.timedelta,
    business_hours: bool,
    start: dt.datetime,
    stop: dt.datetime | None,
    as_of: dt.datetime,
    deadline: dt.datetime | None,
    elapsed: dt.timedelta,
    paused: dt.timedelta,
    outside_hours: dt.timedelta,
    state: SlaState,
    remaining: dt.timedelta,
    counted: tuple[Interval, ...],
    pauses: tuple[Interval, ...],
    note: str,
) -> SlaMeasurement:
    """``SlaMeasurement(...)`` from values already checked, without keyword matching.

    Measuring builds one per clock, millions in bulk; filling the slots
    directly halves the cost of the attrs ``__init__`` (which has nothing
    else to do: no converters, validators or defaults to compute).
    """
    m: SlaMeasurement = _new(SlaMeasurement)
    _set_ticket_id(m, ticket_id)
    _set_account_number(m, account_number)
    _set_channel(m, channel)
    _set_policy(m, policy)
    _set_metric(m, metric)
    _set_cycle(m, cycle)
    _set_priority(m, priority)
    _set_target(m, target)
    _set_business_hours(m, business_hours)
    _set_start(m, start)
    _set_stop(m, stop)
    _set_as_of(m, as_of)
    _set_deadline(m, deadline)
    _set_elapsed(m, elapsed)
    _set_paused(m, paused)
    _set_outside_hours(m, outside_hours)
    _set_state(m, state)
    _set_remaining(m, remaining)
    _set_counted(m, counted)
    _set_pauses(m, pauses)
    _set_note(m, note)
    return m
