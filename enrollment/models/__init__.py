from enrollment.models.audit import AuditEntry
from enrollment.models.bookings import Booking, BookingEvent
from enrollment.models.people import (
    Child,
    CountyAssignment,
    Pair,
    PrivacyConsent,
    Sector,
    Skill,
    Volunteer,
)
from enrollment.models.users import User

__all__ = [
    "AuditEntry",
    "Booking",
    "BookingEvent",
    "Child",
    "CountyAssignment",
    "Pair",
    "PrivacyConsent",
    "Sector",
    "Skill",
    "User",
    "Volunteer",
]
