"""What a person may download about herself (her right of access, PIPL art. 45): her
account, her application, her consents, the children she is guardian of (decrypted: they
are in her care), her pairs, where the child appears by first name only as everywhere else
for a mother, her bookings with their history and attendance, and her training
certificates.

The pairs and bookings sides add their parts through the ``personal_data_sections`` Wagtail
hook: ``fn(user)`` returns a dict of top-level keys (``pairs.wagtail_hooks``,
``enrollment.wagtail_hooks``).

A fixed number of queries whatever the number of children, pairs, bookings or trainings.
"""

from typing import Any

from django.utils import timezone

from wagtail import hooks

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from people.models import Child, PrivacyConsent, User, Volunteer

FORMAT_VERSION = 1


def iso(value) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "phone": str(user.phone) if user.phone else None,
        "phone_verified": user.phone_verified,
        "email": user.email or None,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
    }


def _volunteer(user: User) -> Volunteer | None:
    return (
        Volunteer.objects.visible_to(user)
        .filter(user=user)
        .select_related("county")
        .prefetch_related("skills")
        .first()
    )


def _application(volunteer: Volunteer | None) -> dict[str, Any] | None:
    if volunteer is None:
        return None
    return {
        "name": volunteer.name,
        "phone": str(volunteer.phone),
        "county": volunteer.county.name,
        "township": volunteer.township,
        "sector": volunteer.get_sector_display(),
        "workplace": volunteer.workplace,
        "skills": [skill.name for skill in volunteer.skills.all()],
        "max_children": volunteer.max_children,
        "availability": volunteer.availability,
        "status": volunteer.get_status_display(),
        "status_message": volunteer.status_message,
        "submitted_at": iso(volunteer.submitted_at),
        "reviewed_at": iso(volunteer.reviewed_at),
    }


def _child(child: Child) -> dict[str, Any]:
    return {
        "name": child.name,
        "date_of_birth": iso(child.date_of_birth),
        "gender": child.get_gender_display(),
        "id_number": child.id_number or None,
        "address": child.address or None,
        "county": child.county.name,
        "township": child.township,
        "school_stage": child.get_school_stage_display(),
        "category": child.get_category_display() or None,
        "relationship": child.get_relationship_display() or None,
        "guardian_name": child.guardian_name or None,
        "guardian_phone": child.guardian_phone or None,
        "needs": child.needs or None,
        "special_needs": child.special_needs or None,
        "added_at": iso(child.created_at),
    }


def personal_data(user: User) -> dict[str, Any]:
    """Everything the platform keeps about ``user``, ready for ``json.dumps``."""
    children = (
        Child.objects.visible_to(user)
        .filter(guardian=user)
        .active()
        .select_related("county")
        .order_by("created_at", "pk")
    )
    volunteer = _volunteer(user)
    data = {
        "format_version": FORMAT_VERSION,
        "exported_at": iso(timezone.now()),
        "account": _account(user),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_step_verification": [
            authenticator.get_type_display()
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "privacy_consents": [
            {"notice_version": consent.notice_version, "given_at": iso(consent.given_at)}
            for consent in PrivacyConsent.objects.filter(user=user).order_by("given_at")
        ],
        "volunteer_application": _application(volunteer),
        "children": [_child(child) for child in children],
    }
    # The rooms above add theirs: her pairs (pairs), her bookings and certificates (enrollment).
    for section in hooks.get_hooks("personal_data_sections"):
        data.update(section(user))
    return data
