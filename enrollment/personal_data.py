"""What a person may download about herself (her right of access, PIPL art. 45): her
account, her application, her consents, the children she is guardian of (decrypted: they
are in her care), her pairs, where the child appears by first name only as everywhere else
for a mother, her bookings with their history and attendance, and her training
certificates.

A fixed number of queries whatever the number of children, pairs, bookings or trainings.
"""

from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from enrollment.models import Booking, BookingEvent, Child, Pair, PrivacyConsent, User, Volunteer
from enrollment.selectors_training import certificate_code, training_record

FORMAT_VERSION = 1


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "phone": str(user.phone) if user.phone else None,
        "phone_verified": user.phone_verified,
        "email": user.email or None,
        "date_joined": _date(user.date_joined),
        "last_login": _date(user.last_login),
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
        "submitted_at": _date(volunteer.submitted_at),
        "reviewed_at": _date(volunteer.reviewed_at),
    }


def _child(child: Child) -> dict[str, Any]:
    return {
        "name": child.name,
        "date_of_birth": _date(child.date_of_birth),
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
        "added_at": _date(child.created_at),
    }


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "child_first_name": pair.child.first_name,
        "county": pair.county.name,
        "status": pair.get_status_display(),
        "started_on": _date(pair.started_on),
        "ended_on": _date(pair.ended_on),
        "end_reason": pair.get_end_reason_display() or None,
    }


def _booking(booking: Booking) -> dict[str, Any]:
    session = booking.session
    return {
        "training_or_class": session.course.title,
        "start": _date(session.start),
        "end": _date(session.end),
        "venue": session.venue.name,
        "session_cancelled": session.is_cancelled,
        "who": booking.get_kind_display(),
        "child_first_name": booking.child.first_name if booking.child_id else None,
        "seats": booking.seats,
        "status": booking.get_status_display(),
        "booked_at": _date(booking.created_at),
        "waiting_since": _date(booking.waitlisted_at),
        "offer_expires_at": _date(booking.offer_expires_at),
        "attendance": booking.get_attendance_display() or None,
        "history": [
            {
                "at": _date(event.at),
                "what": event.get_kind_display(),
                "from": event.from_status or None,
                "to": event.to_status,
                "note": event.note or None,
            }
            for event in booking.events.all()
        ],
    }


def _bookings(user: User) -> list[dict[str, Any]]:
    """Bookings she made, and those made for her (a pair booked by a coordinator, say)."""
    bookings = (
        Booking.objects.filter(Q(booker=user) | Q(volunteer__user=user))
        .select_related("session__course", "session__venue", "child")
        .prefetch_related(Prefetch("events", queryset=BookingEvent.objects.order_by("at", "pk")))
        .order_by("session__start", "pk")
    )
    return [_booking(booking) for booking in bookings]


def _certificates(volunteer: Volunteer | None) -> list[dict[str, Any]]:
    if volunteer is None:
        return []
    return [
        {
            "training": item.course.title,
            "completed_on": _date(item.completed_on),
            "hours": item.hours,
            "verification_code": certificate_code(volunteer.pk, item.course.pk),
        }
        for item in training_record(volunteer).completed
    ]


def personal_data(user: User) -> dict[str, Any]:
    """Everything the platform keeps about ``user``, ready for ``json.dumps``."""
    children = (
        Child.objects.visible_to(user)
        .filter(guardian=user)
        .active()
        .select_related("county")
        .order_by("created_at", "pk")
    )
    pairs = (
        Pair.objects.visible_to(user)
        .filter(mother__user=user)
        .select_related("child", "county")
        .order_by("started_on", "pk")
    )
    volunteer = _volunteer(user)
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": _date(timezone.now()),
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
            {"notice_version": consent.notice_version, "given_at": _date(consent.given_at)}
            for consent in PrivacyConsent.objects.filter(user=user).order_by("given_at")
        ],
        "volunteer_application": _application(volunteer),
        "children": [_child(child) for child in children],
        "pairs": [_pair(pair) for pair in pairs],
        "bookings": _bookings(user),
        "training_certificates": _certificates(volunteer),
    }
