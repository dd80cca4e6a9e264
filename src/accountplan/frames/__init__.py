"""DataFrames in, DataFrames out: the columnar bulk paths (``pandas`` extra).

Three functions work on whole columns instead of one model at a time:

* [tickets_from_frame][accountplan.frames.tickets_from_frame] turns a tickets
  frame and an events frame into validated
  [Ticket][accountplan.tickets.Ticket] values; errors name the row and the
  column.
* [evaluate_frame][accountplan.frames.evaluate_frame] measures every ticket
  of the frames against one [SlaPolicy][accountplan.sla.SlaPolicy] and
  returns the measurements as a DataFrame, one row per measurement, equal to
  [sla.evaluate][accountplan.sla.evaluate] to the microsecond. The clocks are
  computed with numpy over all rows at once: the status and the priority
  after each event are carried forward, each clock's running stretches are
  summed, and business time is read from one sorted table of the calendar's
  working intervals with their cumulative business time (one
  ``searchsorted`` per instant, one per deadline). A ticket whose priority
  changes under ``on_priority_change="restart"`` (cancelled and restarted
  clocks) is measured by the scalar engine inside the same call, and so is
  every ticket when the calendar cannot answer for the whole span of the
  frames (the scalar engine then raises the same error for the ticket that
  needs it).
* [aging_frame][accountplan.frames.aging_frame] ages open items given as
  columns (typed, or text as a CSV export gives it) and returns the bucket
  totals per account, equal to
  [billing.aging_report][accountplan.billing.aging_report].

Columns in (names are fixed; extra columns are ignored):

* tickets: ``id`` (text, or integers), ``account_number``, ``priority``
  (``"critical"`` ... ``"planning"`` or [Priority][accountplan.tickets.Priority]
  members), ``created_at`` (a timezone-aware datetime column), optionally
  ``channel``.
* events: ``ticket_id``, ``at`` (timezone-aware), ``kind`` (a
  [TicketEventKind][accountplan.tickets.TicketEventKind] value), optionally
  ``status`` (for ``status_changed``), ``priority`` (for
  ``priority_changed``) and ``actor``. Events of one ticket are in time
  order, in the order of the frame.

Instants come out in UTC (``datetime64[us, UTC]``), durations as
``timedelta64[us]``; the scalar engine's ``counted`` and ``pauses``
stretches are not columns (measure one ticket with
[sla.evaluate][accountplan.sla.evaluate] to see them).
"""

from accountplan.exceptions import MissingDependencyError

try:
    import numpy  # noqa: F401 - checked here, used by the modules below
    import pandas  # noqa: F401
except ImportError:  # pragma: no cover - exercised by tests/test_frames_missing.py in a subprocess
    raise MissingDependencyError("accountplan.frames", "pandas") from None

from accountplan.frames._aging import AGING_COLUMNS, aging_frame
from accountplan.frames._checks import EVENT_COLUMNS, TICKET_COLUMNS
from accountplan.frames._sla import MEASUREMENT_COLUMNS, evaluate_frame
from accountplan.frames._tickets import tickets_from_frame

__all__ = [
    "AGING_COLUMNS",
    "EVENT_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "TICKET_COLUMNS",
    "aging_frame",
    "evaluate_frame",
    "tickets_from_frame",
]
