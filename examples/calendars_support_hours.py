"""Business time for a support desk: deadlines, open hours and DST nights.

Run: python examples/calendars_support_hours.py
"""

import datetime as dt
from zoneinfo import ZoneInfo

from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import LimitExceededError

AMS = ZoneInfo("Europe/Amsterdam")

office = BusinessCalendar.weekly(
    "Europe/Amsterdam",
    hours={day: [("09:00", "12:30"), ("13:15", "17:30")] for day in range(5)},
    holidays=[dt.date(2026, 12, 25), dt.date(2026, 12, 26), dt.date(2027, 1, 1)],
    special_days={dt.date(2026, 12, 24): [("09:00", "12:30")]},
    # This desk lists its closing days for 2026 and 2027 only: it answers for those years.
    holidays_cover=(2026, 2027),
    name="Amsterdam office",
)

opened = dt.datetime(2026, 12, 23, 16, 0, tzinfo=AMS)
for hours in (1, 4, 8):
    due = office.add(opened, dt.timedelta(hours=hours))
    print(f"{hours} business hours after {opened:%a %d %b %H:%M} -> {due:%a %d %b %H:%M}")

answered = dt.datetime(2026, 12, 28, 11, 0, tzinfo=AMS)
print("business time to answer:", office.elapsed(opened, answered))
print("open on Christmas Eve at 14:00?", office.is_open(dt.datetime(2026, 12, 24, 14, tzinfo=AMS)))
print(
    "business days in the last fortnight of 2026:",
    office.business_days(dt.date(2026, 12, 18), dt.date(2027, 1, 1)),
)

try:
    office.is_open(dt.datetime(2028, 4, 27, 10, tzinfo=AMS))
except LimitExceededError as error:
    print("refused:", error)

night = BusinessCalendar.weekly(
    "Europe/Amsterdam", hours={day: [("22:00", "06:00")] for day in range(7)}
)
for day in (dt.date(2026, 3, 29), dt.date(2026, 10, 25), dt.date(2026, 10, 26)):
    print(f"night desk working time on {day}: {night.working_time(day)}")
