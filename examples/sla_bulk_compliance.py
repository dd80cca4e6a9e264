"""Which accounts breached their SLA last quarter? Stream tickets from an export and ask."""

import csv
import datetime as dt
import io
from collections.abc import Iterator

from accountplan.calendars import BusinessCalendar
from accountplan.sla import (
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaTarget,
    compliance,
    evaluate_many,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

H = dt.timedelta(hours=1)

# One row per ticket, as a helpdesk export or a database cursor would give them.
EXPORT = """\
id,account,priority,created,first_reply,resolved
T-101,ACME,high,2026-07-01T09:10:00+02:00,2026-07-01T09:40:00+02:00,2026-07-01T15:00:00+02:00
T-102,ACME,high,2026-07-03T16:30:00+02:00,2026-07-06T11:00:00+02:00,2026-07-07T10:00:00+02:00
T-103,GLOBEX,moderate,2026-08-12T10:00:00+02:00,2026-08-12T13:00:00+02:00,2026-08-14T09:00:00+02:00
T-104,GLOBEX,high,2026-09-01T08:00:00+02:00,2026-09-01T09:20:00+02:00,2026-09-01T12:00:00+02:00
T-105,INITECH,moderate,2026-09-29T17:45:00+02:00,2026-09-30T09:05:00+02:00,2026-10-02T16:00:00+02:00
"""
TIERS = {"ACME": "gold", "GLOBEX": "standard", "INITECH": "standard"}


def tickets(text: str) -> Iterator[Ticket]:
    """Turn export rows into tickets, one at a time."""
    for row in csv.DictReader(io.StringIO(text)):
        reply = dt.datetime.fromisoformat(row["first_reply"])
        resolved = dt.datetime.fromisoformat(row["resolved"])
        yield Ticket(
            id=row["id"],
            account_number=row["account"],
            priority=Priority(row["priority"]),
            created_at=dt.datetime.fromisoformat(row["created"]),
            events=[
                TicketEvent(at=reply, kind=TicketEventKind.AGENT_REPLY),
                TicketEvent(at=resolved, kind=TicketEventKind.RESOLVED),
            ],
        )


def policy(name: str, first_response: dt.timedelta, resolution: dt.timedelta) -> SlaPolicy:
    targets = [
        SlaTarget(metric="first_response", within=first_response),
        SlaTarget(metric="resolution", within=resolution),
    ]
    return SlaPolicy(
        name=name,
        calendar=OFFICE,
        targets_by_priority=dict.fromkeys((Priority.HIGH, Priority.MODERATE), targets),
    )


OFFICE = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}, name="office"
)

if __name__ == "__main__":
    policies = SlaPolicySet(
        rules=[SlaPolicyRule(policy=policy("Gold", H, 8 * H), tiers=["gold"])],
        default=policy("Standard", 4 * H, 24 * H),
    )
    end_of_quarter = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    measurements = evaluate_many(tickets(EXPORT), policies, as_of=end_of_quarter, tiers=TIERS)
    # A ticket counts as breached for an account when any of its clocks breached.
    report = compliance(measurements, by=["account_number"], aggregate="per_ticket_any")
    for group in report.groups:
        (account,) = group.key
        flag = "BREACHED" if group.breached else "ok"
        # No percentage while nothing is decided yet (running tickets are counted apart).
        percent = "-" if group.percent is None else f"{group.percent}%"
        print(
            f"{account:<8} {flag:<8} met {group.met}  breached {group.breached}  "
            f"running {group.running}  compliance {percent}"
        )
    print(f"all accounts: {report.total.percent}% of decided tickets within SLA")
