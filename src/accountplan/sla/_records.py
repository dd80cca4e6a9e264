"""SLA measurements as a table: the collection ``evaluate`` returns.

Columns of a measurement record, in order: ``ticket_id``, ``account_number``,
``channel``, ``policy``, ``metric`` (text); ``cycle`` (int); ``priority``
(the priority's value, such as ``"high"``); ``target`` (timedelta);
``business_hours`` (bool); ``start`` (aware datetime), ``stop`` (aware
datetime or ``None``), ``as_of`` (aware datetime), ``deadline`` (aware
datetime or ``None``); ``elapsed``, ``paused``, ``outside_hours``
(timedelta); ``state`` (text: ``met``, ``breached``, ``running``, ``paused``
or ``cancelled``); ``remaining`` (timedelta); ``note`` (text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accountplan._tables import Column, Tabular
from accountplan.sla._measurement import SlaMeasurement

__all__ = ["MEASUREMENT_COLUMNS", "SlaMeasurements", "measurement_record"]

#: The columns of a measurement record, in order, with their kinds.
MEASUREMENT_COLUMNS: tuple[Column, ...] = (
    ("ticket_id", "text"),
    ("account_number", "text"),
    ("channel", "text"),
    ("policy", "text"),
    ("metric", "text"),
    ("cycle", "int"),
    ("priority", "text"),
    ("target", "timedelta"),
    ("business_hours", "bool"),
    ("start", "datetime"),
    ("stop", "datetime"),
    ("as_of", "datetime"),
    ("deadline", "datetime"),
    ("elapsed", "timedelta"),
    ("paused", "timedelta"),
    ("outside_hours", "timedelta"),
    ("state", "text"),
    ("remaining", "timedelta"),
    ("note", "text"),
)


def measurement_record(m: SlaMeasurement, /) -> dict[str, Any]:
    """One measurement as a plain record (see the module notes for the columns)."""
    return {
        "ticket_id": m.ticket_id,
        "account_number": m.account_number,
        "channel": m.channel,
        "policy": m.policy,
        "metric": m.metric,
        "cycle": m.cycle,
        "priority": m.priority.value,
        "target": m.target,
        "business_hours": m.business_hours,
        "start": m.start,
        "stop": m.stop,
        "as_of": m.as_of,
        "deadline": m.deadline,
        "elapsed": m.elapsed,
        "paused": m.paused,
        "outside_hours": m.outside_hours,
        "state": m.state,
        "remaining": m.remaining,
        "note": m.note,
    }


class SlaMeasurements(Tabular, tuple[SlaMeasurement, ...]):
    """A tuple of [SlaMeasurement][accountplan.sla.SlaMeasurement]s that is also a table.

    It is a ``tuple`` (equal to the plain tuple of the same measurements), so
    code that indexes, slices or compares the result of
    [evaluate][accountplan.sla.evaluate] keeps working. Wrap the stream of
    [evaluate_many][accountplan.sla.evaluate_many] in it to get a table:
    ``SlaMeasurements(evaluate_many(tickets, policy, as_of=...))``.

    Record columns: ``ticket_id``, ``account_number``, ``channel``,
    ``policy``, ``metric``, ``cycle``, ``priority``, ``target``,
    ``business_hours``, ``start``, ``stop``, ``as_of``, ``deadline``,
    ``elapsed``, ``paused``, ``outside_hours``, ``state``, ``remaining`` and
    ``note`` (instants aware, durations ``timedelta``, the priority as its
    value string).

    Examples:
        >>> SlaMeasurements(()).to_records()
        []
        >>> SlaMeasurements(()) == ()
        True
    """

    __slots__ = ()

    def _columns(self) -> tuple[Column, ...]:
        return MEASUREMENT_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self

    def _record(self, row: Any) -> dict[str, Any]:
        return measurement_record(row)

    def _title(self) -> str:
        return "SLA measurements"
