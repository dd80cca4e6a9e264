"""Compliance reports: three aggregations, exact percentages, response-time statistics."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from accountplan.exceptions import InvalidInputError
from accountplan.sla import SlaMeasurement, SlaPolicy, SlaTarget, compliance, evaluate, percentile
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
H = dt.timedelta(hours=1)
K = TicketEventKind
POLICY = SlaPolicy(
    name="P",
    targets_by_priority={
        p: [
            SlaTarget(metric="next_response", within=2 * H, business_hours=False),
            SlaTarget(metric="first_response", within=H, business_hours=False),
        ]
        for p in Priority
    },
)


def ticket(
    ident: str, *events: tuple[float, TicketEventKind], priority: Priority = Priority.HIGH
) -> Ticket:
    return Ticket(
        id=ident,
        account_number="A",
        priority=priority,
        created_at=T0,
        events=[TicketEvent(at=T0 + hours * H, kind=kind) for hours, kind in events],
    )


def measure(*tickets: Ticket, as_of: dt.datetime = T0 + 48 * H) -> list[SlaMeasurement]:
    return [m for t in tickets for m in evaluate(t, POLICY, as_of=as_of)]


def jira_ticket() -> Ticket:
    """Next-response cycle 1 breached (3 h on a 2 h target), cycle 2 met (1 h)."""
    return ticket(
        "T-1",
        (0.5, K.AGENT_REPLY),
        (1, K.CUSTOMER_REPLY),
        (4, K.AGENT_REPLY),
        (5, K.CUSTOMER_REPLY),
        (6, K.AGENT_REPLY),
    )


class TestJiraAggregations:
    """Jira Service Management's JQL SLA functions: breached() looks at the last
    cycle (completed or ongoing), everBreached() at any cycle ("Reporting on
    SLAs", confluence.atlassian.com/servicedesk025/reporting-on-slas-754977517.html)."""

    def test_per_measurement(self) -> None:
        """Every cycle counts: one met, one breached."""
        report = compliance(measure(jira_ticket()), by=["metric"])
        row = {g.key: g for g in report.groups}[("next_response",)]
        assert (1, 1, Decimal(50)) == (row.met, row.breached, row.percent)

    def test_per_ticket_last_is_breached_function(self) -> None:
        """The last cycle was met, so the ticket is not breached()."""
        report = compliance(measure(jira_ticket()), by=["metric"], aggregate="per_ticket_last")
        row = {g.key: g for g in report.groups}[("next_response",)]
        assert (1, 0, Decimal(100)) == (row.met, row.breached, row.percent)

    def test_per_ticket_any_is_ever_breached(self) -> None:
        """One cycle breached, so the ticket is everBreached()."""
        report = compliance(measure(jira_ticket()), by=["metric"], aggregate="per_ticket_any")
        row = {g.key: g for g in report.groups}[("next_response",)]
        assert (0, 1, Decimal(0)) == (row.met, row.breached, row.percent)


def test_running_and_cancelled_are_reported_apart() -> None:
    """Running clocks are counted apart and cancelled ones excluded from the percentage."""
    answered = ticket("T-1", (0.5, K.AGENT_REPLY))
    waiting = ticket("T-2")
    cancelled = ticket("T-3", (0.2, K.RESOLVED))
    found = measure(answered, waiting, cancelled, as_of=T0 + 0.5 * H)
    row = compliance(found, by=["metric"]).groups[0]
    assert (1, 0, 1, 1) == (row.met, row.breached, row.running, row.cancelled)
    assert Decimal(100) == row.percent
    assert 3 == row.total


def test_nothing_decided_has_no_percentage() -> None:
    """Only running clocks: the percentage is None, not 0 or 100."""
    report = compliance(measure(ticket("T-1"), as_of=T0))
    assert report.total.percent is None
    assert report.total.mean is None


def test_thirds_round_down_to_six_places() -> None:
    """Two met out of three is 66.666666 %: six decimal places, rounded down, no 60-digit tail."""
    found = measure(
        ticket("T-1", (0.5, K.AGENT_REPLY)),
        ticket("T-2", (0.5, K.AGENT_REPLY)),
        ticket("T-3", (2, K.AGENT_REPLY)),
    )
    row = compliance(found, by=["metric"]).groups[0]
    assert Decimal("66.666666") == row.percent
    assert (0, (6, 6, 6, 6, 6, 6, 6, 6), -6) == row.percent.as_tuple()


def test_groups_by_priority_and_more() -> None:
    """Groups are keyed by the chosen fields, in order, and sorted."""
    found = measure(
        ticket("T-1", (0.5, K.AGENT_REPLY), priority=Priority.LOW),
        ticket("T-2", (2, K.AGENT_REPLY), priority=Priority.CRITICAL),
    )
    report = compliance(found, by=("priority", "metric", "cycle"))
    assert [("critical", "first_response", "1"), ("low", "first_response", "1")] == [
        g.key for g in report.groups
    ]
    assert ("priority", "metric", "cycle") == report.by
    assert Decimal(50) == report.total.percent


def test_response_time_statistics() -> None:
    """Mean, median and nearest-rank percentiles of the decided elapsed times."""
    replies = [0.25, 0.5, 0.5, 0.75, 1, 1, 1.5, 2, 3, 4]
    found = measure(*(ticket(f"T-{n}", (h, K.AGENT_REPLY)) for n, h in enumerate(replies)))
    row = compliance(found, by=["metric"]).groups[0]
    assert 1.45 * H == row.mean
    assert H == row.median
    assert 3 * H == row.p90  # rank ceil(0.9 * 10) = 9
    assert 4 * H == row.p95  # rank ceil(0.95 * 10) = 10
    odd = compliance(found[:3], by=["metric"]).groups[0]
    assert 0.5 * H == odd.median


def test_percentile_nearest_rank() -> None:
    """Nearest rank: the smallest value with at least p % at or below it (the worked
    example of Wikipedia, "Percentile", section "The nearest-rank method")."""
    values = [15, 20, 35, 40, 50]
    assert [15, 20, 20, 35, 50] == [percentile(values, p) for p in (5, 30, 40, 50, 100)]
    assert 15 == percentile(values, 0)
    assert 1 == percentile([1], 95)


@pytest.mark.parametrize(
    "kwargs",
    [{"by": "metric"}, {"by": ["colour"]}, {"aggregate": "per_account"}, {"by": 3}],
)
def test_bad_arguments(kwargs: dict[str, Any]) -> None:
    """Unknown group fields and aggregations are refused."""
    with pytest.raises(InvalidInputError):
        compliance([], **kwargs)


def test_bad_items() -> None:
    """Only measurements can be counted."""
    with pytest.raises(InvalidInputError):
        compliance(["met"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        compliance(["met"], aggregate="per_ticket_any")  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        compliance("met")  # type: ignore[arg-type]


def test_per_ticket_any_combines_states() -> None:
    """Any cycle breached wins; else a running cycle; else met; else cancelled."""
    running = ticket("T-1", (0.5, K.AGENT_REPLY), (1, K.CUSTOMER_REPLY))
    cancelled = ticket("T-2", (0.5, K.RESOLVED))
    found = measure(running, cancelled, as_of=T0 + 1.5 * H)
    report = compliance(found, by=["metric"], aggregate="per_ticket_any")
    rows = {g.key[0]: g for g in report.groups}
    assert (1, 0, 0, 1) == (
        rows["first_response"].met,
        rows["first_response"].breached,
        rows["first_response"].running,
        rows["first_response"].cancelled,
    )
    assert (0, 1) == (rows["next_response"].met, rows["next_response"].running)
    assert 2 == report.total.total
    assert 1 == report.total.running
    assert all(m.stopped for m in found if m.state in {"met", "cancelled"})
