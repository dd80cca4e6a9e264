"""Route tickets with rule text, escalate the SLA-at-risk ones and follow a policy."""

import datetime as dt
from zoneinfo import ZoneInfo

from accountplan.accounts import Account, AccountStatus, AccountType
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import (
    EscalationLevel,
    EscalationPolicy,
    Impact,
    RoutingRule,
    Urgency,
    context_for,
    escalation_records,
    escalation_state,
    escalation_timeline,
    escalation_triggers,
    priority_of,
    route,
    template_triggers,
)
from accountplan.sla import SlaPolicy, SlaTarget, evaluate
from accountplan.tickets import Priority, Ticket

AMS = ZoneInfo("Europe/Amsterdam")
H = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)


if __name__ == "__main__":
    office = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}, name="office"
    )
    account = Account(
        number="A-1",
        name="Acme BV",
        type=AccountType.BUSINESS,
        status=AccountStatus.ACTIVE,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
        tier="gold",
    )
    sla = SlaPolicy(
        name="Gold",
        calendar=office,
        targets_by_priority={
            Priority.HIGH: [SlaTarget(metric="resolution", within=4 * H)],
            Priority.MODERATE: [SlaTarget(metric="resolution", within=8 * H)],
        },
    )

    # 1. Priority from impact and urgency (ITIL's matrix).
    priority = priority_of(Impact.MEDIUM, Urgency.HIGH)
    opened = dt.datetime(2026, 3, 27, 13, 0, tzinfo=AMS)  # a Friday before the DST change
    ticket = Ticket(
        id="T-100",
        account_number="A-1",
        priority=priority,
        created_at=opened,
        channel="phone",
        tags={"outage"},
    )
    print(f"priority of medium impact, high urgency: {priority.value} (level {priority.level})")

    # 2. Route it: the first matching rule wins, and the decision explains itself.
    rules = [
        RoutingRule(name="critical", when="priority == 1", route_to="on-call"),
        RoutingRule(
            name="outage",
            when="ticket.tags contains 'outage' and account.tier in ['gold', 'platinum']",
            route_to="platform-team",
        ),
        RoutingRule(name="phone", when="channel == 'phone'", route_to="first-line"),
    ]
    decision = route(context_for(ticket, account=account, as_of=opened), rules, default="triage")
    print(f"\nrouted to {decision.route_to}:")
    print(decision.explanation)

    # 3. Three and a half business hours later the SLA is at risk: escalate.
    as_of = dt.datetime(2026, 3, 27, 16, 30, tzinfo=AMS)
    measured = evaluate(ticket, sla, as_of=as_of)
    triggers = template_triggers(functional_to="second-line", hierarchical_to="account-manager")
    fired = escalation_triggers(
        ticket, account=account, measurements=measured, as_of=as_of, rules=triggers
    )
    print(f"\nat {as_of:%a %H:%M} {len(fired)} trigger(s) fire:")
    for record in fired:
        kind = record.kind.value if record.kind else "-"
        print(f"  {record.rule} -> {', '.join(record.to)} ({kind})")

    # 4. Follow an escalation policy in business time, over the weekend and DST.
    policy = EscalationPolicy(
        name="gold-escalation",
        levels=[
            EscalationLevel(name="second line", targets=["second-line"], after=30 * MINUTE),
            EscalationLevel(name="account manager", targets=["am@acme.example"], after=H),
        ],
        repeats=1,
        calendar=office,
    )
    timeline = escalation_timeline(policy, triggered_at=as_of, until=as_of + 7 * 24 * H)
    print("\nescalation timeline if nobody acknowledges:")
    for note in timeline.notifications:
        print(f"  pass {note.pass_number} {note.at:%a %d %b %H:%M %Z}  {note.level}")

    acknowledged = as_of + 45 * MINUTE
    state = escalation_state(
        policy, triggered_at=as_of, as_of=as_of + 3 * 24 * H, acknowledged_at=acknowledged
    )
    print(f"\nacknowledged at {acknowledged:%H:%M}: status {state.status.value}")
    for record in escalation_records(state, ticket_id=ticket.id):
        print(f"  {record.at:%a %H:%M} {record.action.value:<12} {record.level}")
