"""A Dutch B2B customer's communication plan: who is staffed when, deadlines, check-in calls."""

import datetime as dt
from zoneinfo import ZoneInfo

from accountplan.calendars import BusinessCalendar
from accountplan.i18n import label
from accountplan.plan import (
    Cadence,
    Channel,
    CommunicationPlan,
    CustomerProfile,
    available_channels,
    communication_evidence,
    contact_schedule,
    response_due,
)

AMS = ZoneInfo("Europe/Amsterdam")

if __name__ == "__main__":
    office = BusinessCalendar.weekly(
        "Europe/Amsterdam",
        hours={day: [("09:00", "17:00")] for day in range(5)},
        holidays=[dt.date(2026, 4, 27)],  # King's Day
    )
    always = BusinessCalendar.always("Europe/Amsterdam")
    plan = CommunicationPlan(
        channels=[
            Channel(
                kind="phone",
                calendar=office,
                mode="real_time",
                response_target=dt.timedelta(minutes=5),
                language="nl",
                tone="Formeel",
            ),
            Channel(
                kind="live_chat",
                calendar=always,
                mode="real_time",
                response_target=dt.timedelta(minutes=10),
                language="nl",
            ),
            Channel(
                kind="email",
                calendar=office,
                mode="asynchronous",
                response_target=dt.timedelta(hours=4),
                language="nl",
            ),
        ],
        profile=CustomerProfile(
            location="Nederland",
            segment="B2B",
            language="nl_NL",
            preferred_channels=["email", "phone"],
        ),
        proactive_contact=Cadence.monthly(),
        training=Cadence.quarterly(),
        review=Cadence.annually(),
        help_desk=True,
        faq_before_contact=True,
    )

    print("Staffed channels (Dutch labels), around the DST change and on King's Day:")
    for moment in (
        dt.datetime(2026, 3, 27, 10, 0, tzinfo=AMS),
        dt.datetime(2026, 3, 28, 22, 0, tzinfo=AMS),
        dt.datetime(2026, 3, 30, 9, 0, tzinfo=AMS),
        dt.datetime(2026, 4, 27, 11, 0, tzinfo=AMS),
    ):
        names = [label(c.kind, locale="nl_NL") for c in available_channels(plan, at=moment)]
        print(f"  {moment:%a %d-%m %H:%M %Z}: {', '.join(names)}")

    received = dt.datetime(2026, 4, 24, 15, 30, tzinfo=AMS)
    for channel in plan.channels:
        due = response_due(plan, channel.name, received_at=received)
        print(f"Received {received:%a %H:%M} by {channel.name}: answer due {due:%a %d-%m %H:%M}")

    calls = contact_schedule(
        plan,
        start=dt.datetime(2027, 1, 31, 10, 0, tzinfo=AMS),
        until=dt.datetime(2027, 7, 1, tzinfo=AMS),
    )
    print("Check-in calls:", ", ".join(f"{c:%d-%m}" for c in calls))

    evidence = communication_evidence(plan)
    print("Maturity answers from the plan:")
    for row in evidence.to_records():
        if row["answer"] != "unknown":
            print(f"  {row['criterion']:<28} {row['answer']:<6} {row['reason']}")
