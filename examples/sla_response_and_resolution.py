"""Measure a ticket against a business-hours SLA policy and report compliance."""

import datetime as dt
from zoneinfo import ZoneInfo

from accountplan.calendars import BusinessCalendar
from accountplan.sla import SlaPolicy, SlaTarget, compliance, evaluate
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

AMS = ZoneInfo("Europe/Amsterdam")
H = dt.timedelta(hours=1)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=AMS)


if __name__ == "__main__":
    office = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}
    )
    policy = SlaPolicy(
        name="Standard",
        calendar=office,
        targets_by_priority={
            Priority.HIGH: [
                SlaTarget(metric="first_response", within=2 * H),
                SlaTarget(metric="next_response", within=4 * H),
                SlaTarget(metric="resolution", within=16 * H),
            ]
        },
    )
    kind = TicketEventKind
    ticket = Ticket(
        id="T-1001",
        account_number="ACME",
        priority=Priority.HIGH,
        created_at=at(27, 16),  # Friday before the clocks change
        events=[
            TicketEvent(at=at(30, 10, 15), kind=kind.AGENT_REPLY),
            TicketEvent(at=at(30, 10, 16), kind=kind.STATUS_CHANGED, status="pending"),
            TicketEvent(at=at(31, 14), kind=kind.CUSTOMER_REPLY),
            TicketEvent(at=at(31, 14), kind=kind.STATUS_CHANGED, status="open"),
        ],
    )
    found = evaluate(ticket, policy, as_of=at(31, 16))
    for m in found:
        deadline = m.deadline.isoformat() if m.deadline else "-"
        print(f"{m.metric:<15} cycle {m.cycle}  {m.state:<8} elapsed {m.elapsed}  due {deadline}")
    report = compliance(found, by=["metric"])
    print(
        "met:",
        report.total.met,
        "breached:",
        report.total.breached,
        "running:",
        report.total.running,
    )
