from people.models.audit import AuditEntry
from people.models.notifications import Notification
from people.models.people import (
    Child,
    CountyAssignment,
    PrivacyConsent,
    Sector,
    Skill,
    Volunteer,
)
from people.models.users import User

__all__ = [
    "AuditEntry",
    "Child",
    "CountyAssignment",
    "Notification",
    "PrivacyConsent",
    "Sector",
    "Skill",
    "User",
    "Volunteer",
]
