"""Business calendars: working hours in an IANA time zone, holidays, exact business time.

See the explanation page "Business time and DST" for the conventions.
"""

from accountplan.calendars._calendar import (
    MAX_HOLIDAYS_AND_SPECIAL_DAYS,
    BusinessCalendar,
    WorkingInterval,
)
from accountplan.calendars._index import CalendarIndex
from accountplan.calendars._time import HORIZON_END, HORIZON_START

__all__ = [
    "HORIZON_END",
    "HORIZON_START",
    "MAX_HOLIDAYS_AND_SPECIAL_DAYS",
    "BusinessCalendar",
    "CalendarIndex",
    "WorkingInterval",
]
