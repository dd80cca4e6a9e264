"""Support tickets: priority, the event timeline and the status over time.

Shared by [`accountplan.sla`][accountplan.sla] (measuring service levels) and
[`accountplan.escalation`][accountplan.escalation] (routing and escalating).
"""

from accountplan.tickets._columns import EVENT_FIELDS, TICKET_FIELDS, tickets_from_columns
from accountplan.tickets._records import tickets_from_records
from accountplan.tickets._tickets import (
    CLOSED,
    MAX_STATUS_LENGTH,
    MAX_TICKET_EVENTS,
    MAX_TICKET_TAGS,
    NEW,
    OPEN,
    RESOLVED,
    Priority,
    StatusSpan,
    Ticket,
    TicketEvent,
    TicketEventKind,
    check_status,
    status_after,
    status_at,
    status_timeline,
)

__all__ = [
    "CLOSED",
    "EVENT_FIELDS",
    "MAX_STATUS_LENGTH",
    "MAX_TICKET_EVENTS",
    "MAX_TICKET_TAGS",
    "NEW",
    "OPEN",
    "RESOLVED",
    "TICKET_FIELDS",
    "Priority",
    "StatusSpan",
    "Ticket",
    "TicketEvent",
    "TicketEventKind",
    "check_status",
    "status_after",
    "status_at",
    "status_timeline",
    "tickets_from_columns",
    "tickets_from_records",
]
