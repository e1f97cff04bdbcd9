from enrollment.models.audit import AuditEntry
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
    "Child",
    "CountyAssignment",
    "Pair",
    "PrivacyConsent",
    "Sector",
    "Skill",
    "User",
    "Volunteer",
]
