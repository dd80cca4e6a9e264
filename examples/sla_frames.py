"""Measure a helpdesk export column by column: tickets and events as DataFrames in and out.

Needs the ``pandas`` extra (``pip install "accountplan[pandas]"``); without
it the script says so and stops.
"""

import datetime as dt
import io
import sys

try:
    import pandas as pd
except ImportError:
    print('This example needs pandas: pip install "accountplan[pandas]"')
    sys.exit(0)

from accountplan.calendars import BusinessCalendar
from accountplan.frames import aging_frame, evaluate_frame
from accountplan.sla import SlaPolicy, SlaTarget
from accountplan.tickets import Priority

H = dt.timedelta(hours=1)

# Two exports, as a helpdesk gives them: one row per ticket, one row per event.
TICKETS = """\
id,account_number,priority,created_at
T-101,ACME,high,2026-07-01T09:10:00+02:00
T-102,ACME,high,2026-07-03T16:30:00+02:00
T-103,GLOBEX,moderate,2026-08-12T10:00:00+02:00
T-104,GLOBEX,high,2026-09-01T08:00:00+02:00
"""
EVENTS = """\
ticket_id,at,kind,status
T-101,2026-07-01T09:40:00+02:00,agent_reply,
T-101,2026-07-01T15:00:00+02:00,resolved,
T-102,2026-07-06T11:00:00+02:00,agent_reply,
T-102,2026-07-06T11:05:00+02:00,status_changed,pending
T-102,2026-07-07T09:00:00+02:00,status_changed,open
T-102,2026-07-07T10:00:00+02:00,resolved,
T-103,2026-08-12T13:00:00+02:00,agent_reply,
T-104,2026-09-01T09:20:00+02:00,agent_reply,
T-104,2026-09-01T12:00:00+02:00,resolved,
"""

tickets = pd.read_csv(io.StringIO(TICKETS))
tickets["created_at"] = pd.to_datetime(tickets["created_at"], utc=True)
events = pd.read_csv(io.StringIO(EVENTS))
events["at"] = pd.to_datetime(events["at"], utc=True)

office = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours={day: [("09:00", "17:30")] for day in range(5)}
)
policy = SlaPolicy(
    name="standard",
    calendar=office,
    targets_by_priority={
        priority: [
            SlaTarget(metric="first_response", within=2 * H),
            SlaTarget(metric="resolution", within=8 * H * priority.level),
        ]
        for priority in (Priority.HIGH, Priority.MODERATE)
    },
)
as_of = dt.datetime(2026, 9, 30, 17, 0, tzinfo=dt.UTC)
measured = evaluate_frame(tickets, events, policy, as_of=as_of)
print(measured[["ticket_id", "metric", "state", "elapsed"]].to_string(index=False))

# Compliance per metric: met / (met + breached), in percent.
decided = measured[measured["state"].isin(["met", "breached"])]
met = (decided["state"] == "met").groupby(decided["metric"], observed=True).mean() * 100
print(met.round(1).to_string())

# Open receivables by age, the same totals as billing.aging_report.
items = pd.DataFrame(
    {
        "number": ["INV-1", "INV-2", "INV-3"],
        "account_number": ["ACME", "ACME", "GLOBEX"],
        "issue_date": pd.to_datetime(["2026-07-01", "2026-08-01", "2026-09-01"]),
        "due_date": pd.to_datetime(["2026-07-31", "2026-08-31", "2026-10-01"]),
        "total": ["1210.00", "605.00", "99.95"],
        "amount_paid": ["210.00", "0", "0"],
    }
)
print(aging_frame(items, as_of=dt.date(2026, 9, 30), currency="EUR").to_string(index=False))
