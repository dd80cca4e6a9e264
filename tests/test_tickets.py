"""Tickets: priority numbers, event validation and the status timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.tickets import (
    MAX_TICKET_EVENTS,
    Priority,
    StatusSpan,
    Ticket,
    TicketEvent,
    TicketEventKind,
    status_at,
    status_timeline,
)

AMS = ZoneInfo("Europe/Amsterdam")
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
H = dt.timedelta(hours=1)
K = TicketEventKind


def event(hours: float, kind: TicketEventKind, **extra: Any) -> TicketEvent:
    return TicketEvent(at=T0 + hours * H, kind=kind, **extra)


def ticket(*events: TicketEvent, **extra: Any) -> Ticket:
    fields: dict[str, Any] = {
        "id": "T-1",
        "account_number": "A-1",
        "priority": Priority.MODERATE,
        "created_at": T0,
        "events": events,
    }
    fields.update(extra)
    return Ticket(**fields)


class TestPriority:
    def test_itil_numbers(self) -> None:
        """Priorities carry the ITIL numbers 1 (Critical) to 5 (Planning)."""
        assert [1, 2, 3, 4, 5] == [p.level for p in Priority]
        assert [Priority.from_level(n) for n in range(1, 6)] == list(Priority)

    @pytest.mark.parametrize("level", [0, 6, True, "1"])
    def test_unknown_level(self, level: Any) -> None:
        """Only the integers 1 to 5 name a priority."""
        with pytest.raises(InvalidInputError):
            Priority.from_level(level)


class TestEvents:
    def test_status_needs_status(self) -> None:
        """A status change names the new status; other kinds must not."""
        with pytest.raises(InvalidInputError, match="required"):
            event(1, K.STATUS_CHANGED)
        with pytest.raises(InvalidInputError, match="only allowed"):
            event(1, K.AGENT_REPLY, status="open")

    @pytest.mark.parametrize("status", ["resolved", "closed"])
    def test_reserved_statuses(self, status: str) -> None:
        """Resolving and closing have their own event kinds."""
        with pytest.raises(InvalidInputError, match="use those kinds"):
            event(1, K.STATUS_CHANGED, status=status)

    @pytest.mark.parametrize("status", ["", "On Hold", " open", "x" * 65, 3])
    def test_status_names(self, status: Any) -> None:
        """Status names are short lowercase identifiers."""
        with pytest.raises(InvalidInputError):
            event(1, K.STATUS_CHANGED, status=status)

    def test_priority_needs_priority(self) -> None:
        """A priority change names the new priority; other kinds must not."""
        with pytest.raises(InvalidInputError, match="required"):
            event(1, K.PRIORITY_CHANGED)
        with pytest.raises(InvalidInputError, match="only allowed"):
            event(1, K.RESOLVED, priority=Priority.LOW)
        with pytest.raises(InvalidInputError):
            event(1, K.PRIORITY_CHANGED, priority=2)

    def test_naive_refused(self) -> None:
        """Event times must be aware."""
        with pytest.raises(InvalidInputError, match="naive"):
            TicketEvent(at=dt.datetime(2026, 1, 1), kind=K.AGENT_REPLY)
        with pytest.raises(InvalidInputError):
            TicketEvent(at=dt.date(2026, 1, 1), kind=K.AGENT_REPLY)  # type: ignore[arg-type]
        assert K.AGENT_REPLY is TicketEvent(at=T0, kind="agent_reply").kind
        with pytest.raises(InvalidInputError, match="must be one of 'agent_reply'"):
            TicketEvent(at=T0, kind="agent_replied")


class TestTicket:
    def test_events_in_order(self) -> None:
        """Events must be in time order; equal instants keep their tuple order."""
        ok = ticket(event(1, K.AGENT_REPLY), event(1, K.RESOLVED))
        assert 2 == len(ok.events)
        with pytest.raises(InvalidInputError, match="time order") as info:
            ticket(event(2, K.AGENT_REPLY), event(1, K.CUSTOMER_REPLY))
        assert "events[1].at" == info.value.field

    def test_order_is_by_instant_not_wall_clock(self) -> None:
        """Events in different zones are ordered by the real instant."""
        later_in_utc = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)  # 09:30 in Amsterdam
        ok = ticket(event(0.25, K.AGENT_REPLY), TicketEvent(at=later_in_utc, kind=K.AGENT_NOTE))
        assert 2 == len(ok.events)

    def test_no_event_before_creation(self) -> None:
        """A ticket rejects events before its creation."""
        with pytest.raises(InvalidInputError, match="creation"):
            ticket(event(-1, K.AGENT_REPLY))

    def test_nothing_after_closed(self) -> None:
        """Closed is terminal."""
        with pytest.raises(InvalidInputError, match="closed"):
            ticket(event(1, K.CLOSED), event(2, K.REOPENED))

    def test_field_checks(self) -> None:
        """Bad fields name themselves."""
        with pytest.raises(InvalidInputError, match="'id'"):
            ticket(id=" ")
        with pytest.raises(InvalidInputError, match="created_at"):
            ticket(created_at=dt.datetime(2026, 1, 1))
        with pytest.raises(InvalidInputError, match="events"):
            ticket(events="abc")
        with pytest.raises(InvalidInputError, match="events"):
            ticket(events=[1])
        with pytest.raises(InvalidInputError, match="tags"):
            ticket(tags="vip")
        with pytest.raises(InvalidInputError, match="tags"):
            ticket(tags=[""])
        with pytest.raises(InvalidInputError, match="priority"):
            ticket(priority=1)
        assert frozenset({"vip"}) == ticket(tags=["vip"]).tags

    def test_event_limit(self) -> None:
        """A ticket holds at most MAX_TICKET_EVENTS events."""
        many = [event(0, K.AGENT_NOTE)] * (MAX_TICKET_EVENTS + 1)
        with pytest.raises(LimitExceededError):
            ticket(*many)


class TestStatus:
    def test_timeline(self) -> None:
        """Statuses follow status changes, resolve, reopen and close."""
        t = ticket(
            event(1, K.AGENT_REPLY),
            event(2, K.STATUS_CHANGED, status="pending"),
            event(3, K.STATUS_CHANGED, status="open"),
            event(4, K.RESOLVED),
            event(5, K.REOPENED),
            event(6, K.CLOSED),
        )
        spans = status_timeline(t, as_of=T0 + 8 * H)
        assert ["new", "pending", "open", "resolved", "open", "closed"] == [s.status for s in spans]
        assert T0 + 8 * H == spans[-1].end
        assert "pending" == status_at(t, T0 + 2.5 * H)
        assert "new" == status_at(t, T0 + 1.5 * H)

    def test_time_travel(self) -> None:
        """Events after as_of are ignored; zero-length spans are dropped."""
        t = ticket(
            event(1, K.STATUS_CHANGED, status="open"),
            event(1, K.STATUS_CHANGED, status="pending"),
            event(5, K.RESOLVED),
        )
        spans = status_timeline(t, as_of=T0 + 2 * H)
        assert ["new", "pending"] == [s.status for s in spans]

    def test_as_of_checks(self) -> None:
        """as_of must be aware and not before creation."""
        with pytest.raises(InvalidInputError, match="creation"):
            status_timeline(ticket(), as_of=T0 - H)
        with pytest.raises(InvalidInputError):
            status_at(ticket(), dt.datetime(2026, 3, 2, 12))

    def test_span_checks(self) -> None:
        """A span cannot end before it starts."""
        with pytest.raises(InvalidInputError):
            StatusSpan(status="open", start=T0, end=T0 - H)
