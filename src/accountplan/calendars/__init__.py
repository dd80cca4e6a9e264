"""Business calendars: working hours in an IANA time zone, holidays, exact business time.

See the explanation page "Business time and DST" for the conventions.
"""

from accountplan.calendars._calendar import BusinessCalendar, WorkingInterval
from accountplan.calendars._engine import HORIZON_END, HORIZON_START

__all__ = ["HORIZON_END", "HORIZON_START", "BusinessCalendar", "WorkingInterval"]
