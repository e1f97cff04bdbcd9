"""The certificate of a completed training, with its verification code (``certificate_for``,
``certificate_by_code``); the code proves the certificate without a database row."""

import hashlib
import hmac
from base64 import b32encode
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from courses.models import TrainingCoursePage
from enrollment.selectors.training import progress_of
from people.models import Volunteer


@dataclass
class Certificate:
    volunteer: Volunteer
    course: TrainingCoursePage
    completed_on: date
    code: str


def _tag(volunteer_id: int, course_id: int) -> str:
    key = settings.FIELD_HASH_KEY
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, f"certificate:{volunteer_id}:{course_id}".encode(), hashlib.sha256)
    return b32encode(digest.digest()).decode()[:12]


def certificate_code(volunteer_id: int, course_id: int) -> str:
    """Stable and unguessable: the ids it checks, then a keyed hash of them (60 bits)."""
    return f"{volunteer_id}-{course_id}-{_tag(volunteer_id, course_id)}"


def certificate_for(volunteer: Volunteer | None, course_id: int) -> Certificate | None:
    """Her certificate for the training ``course_id``, or None if she has not completed it."""
    if volunteer is None:
        return None
    item = progress_of(volunteer, [course_id]).get(course_id)
    if item is None or not item.completed:
        return None
    return Certificate(
        volunteer=volunteer,
        course=item.course,
        completed_on=item.completed_on,
        code=certificate_code(volunteer.pk, course_id),
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a verification code stands for, if the code is genuine and the
    training is (still) completed."""
    parts = (code or "").strip().upper().split("-")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    volunteer_id, course_id = int(parts[0]), int(parts[1])
    if not hmac.compare_digest(parts[2], _tag(volunteer_id, course_id)):
        return None
    # A deleted account's record (kept, stripped, for pair history) has no certificates.
    volunteer = Volunteer.objects.filter(pk=volunteer_id, user__isnull=False).first()
    return certificate_for(volunteer, course_id)
