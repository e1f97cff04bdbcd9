"""Reads for the staff side of bookings and for a mother's training record.

- Which sessions a member of staff may manage: city staff every session, a county
  coordinator the sessions held at a venue of her county (``sessions_for_staff``).
- A mother's training record: trainings completed, in progress, total hours
  (``training_record``), and the certificate of a completed training with its verification
  code (``certificate_for`` / ``certificate_by_code``).

Completion rule: a mother completes a training when she has attended (attendance
"present") ``required_sessions`` of its sessions. Sessions that took place before she joined
(her application was approved) do not count against her: she then needs at most as many as
were left for her to attend. She completes it on the date of the session whose attendance
made up the number.
"""

import hashlib
import hmac
from base64 import b32encode
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from courses.models import Session, TrainingCoursePage
from enrollment.models import Booking, Volunteer
from enrollment.roles import coordinator_county_id, is_city_staff

# Staff: sessions and bookings ------------------------------------------------------------------


def sessions_for_staff(user) -> QuerySet[Session]:
    """Sessions ``user`` may take attendance for: all for city staff, her county's venues for a
    coordinator, none for anyone else."""
    sessions = Session.objects.select_related("venue__county", "course")
    if is_city_staff(user):
        return sessions
    county_id = coordinator_county_id(user)
    if county_id is None:
        return sessions.none()
    return sessions.filter(venue__county_id=county_id)


def staff_session_list(user, *, when: str = "upcoming", now: datetime | None = None):
    """Sessions to pick an attendance sheet from: ``upcoming`` (from today on, soonest first)
    or ``recent`` (before today, latest first), with the number of confirmed bookings and of
    those marked. A fixed number of queries whatever the number of sessions."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    confirmed = Q(bookings__status=Booking.Status.CONFIRMED)
    sessions = sessions_for_staff(user).annotate(
        confirmed_count=Count("bookings", filter=confirmed),
        marked_count=Count("bookings", filter=confirmed & ~Q(bookings__attendance="")),
    )
    if when == "recent":
        return sessions.filter(start__lt=today).order_by("-start", "-pk")
    return sessions.filter(start__gte=today).order_by("start", "pk")


def attendance_sheet(session: Session) -> list[Booking]:
    """The confirmed bookings of ``session``, in the order they were made, with the people."""
    return list(
        session.bookings.filter(status=Booking.Status.CONFIRMED)
        .select_related("volunteer", "child", "booker")
        .order_by("created_at", "pk")
    )


def booking_list(session: Session) -> list[Booking]:
    """Every booking of ``session`` (for the export): confirmed first, then the waiting list
    in its order, then the rest."""
    order = {
        Booking.Status.CONFIRMED: 0,
        Booking.Status.OFFERED: 1,
        Booking.Status.WAITLISTED: 2,
    }
    bookings = list(
        session.bookings.select_related("volunteer", "child", "booker").order_by(
            "waitlisted_at", "created_at", "pk"
        )
    )
    return sorted(bookings, key=lambda booking: order.get(booking.status, 3))


def booking_people(booking: Booking) -> str:
    """Who a booking is for, as staff see it: the mother's name and/or the child's given
    name."""
    names = []
    if booking.volunteer_id:
        names.append(booking.volunteer.name)
    if booking.child_id:
        names.append(booking.child.first_name)
    return " · ".join(name for name in names if name)


def booking_for_check_in(token) -> Booking | None:
    return (
        Booking.objects.select_related(
            "session__venue__county", "session__course", "volunteer", "child", "booker"
        )
        .filter(check_in_token=token)
        .first()
    )


# A mother's training record ------------------------------------------------------------------


@dataclass
class TrainingProgress:
    course: TrainingCoursePage
    attended: int
    required: int
    completed_on: date | None = None

    @property
    def completed(self) -> bool:
        return self.completed_on is not None

    @property
    def hours(self) -> Decimal:
        return self.course.hours


@dataclass
class TrainingRecord:
    completed: list[TrainingProgress] = field(default_factory=list)
    in_progress: list[TrainingProgress] = field(default_factory=list)

    @property
    def total_hours(self) -> Decimal:
        return sum((progress.hours for progress in self.completed), Decimal(0))


def joined_at(volunteer: Volunteer) -> datetime:
    """When she became a caring mother: her approval (else her application)."""
    return volunteer.reviewed_at or volunteer.submitted_at


def _progress(
    volunteer: Volunteer, course_ids: list[int] | None = None
) -> dict[int, TrainingProgress]:
    """Progress in each training she has booked or attended (or in ``course_ids``). Three
    queries whatever the number of trainings."""
    bookings = Booking.objects.filter(
        volunteer=volunteer,
        kind=Booking.Kind.MOTHER,
        session__course__trainingcoursepage__isnull=False,
    ).filter(Q(status=Booking.Status.CONFIRMED) | Q(attendance=Booking.Attendance.PRESENT))
    if course_ids is not None:
        bookings = bookings.filter(session__course_id__in=course_ids)
    rows = list(
        bookings.values_list("session__course_id", "session__start", "attendance").order_by(
            "session__start", "pk"
        )
    )
    ids = sorted({course_id for course_id, _start, _attendance in rows})
    if not ids:
        return {}
    courses = {course.pk: course for course in TrainingCoursePage.objects.filter(pk__in=ids)}
    # Sessions held since she joined, per training: what she could attend.
    open_to_her = dict(
        Session.objects.filter(
            course_id__in=ids, is_cancelled=False, start__gte=joined_at(volunteer)
        )
        .values_list("course_id")
        .annotate(n=Count("pk"))
        .values_list("course_id", "n")
    )
    progress: dict[int, TrainingProgress] = {}
    for course_id, start, attendance in rows:
        course = courses.get(course_id)
        if course is None:
            continue
        item = progress.get(course_id)
        if item is None:
            required = max(1, min(course.required_sessions, open_to_her.get(course_id, 0)))
            item = progress[course_id] = TrainingProgress(
                course=course, attended=0, required=required
            )
        if attendance == Booking.Attendance.PRESENT:
            item.attended += 1
            if item.completed_on is None and item.attended >= item.required:
                item.completed_on = timezone.localtime(start).date()
    return progress


def training_record(volunteer: Volunteer | None) -> TrainingRecord:
    record = TrainingRecord()
    if volunteer is None:
        return record
    for item in _progress(volunteer).values():
        (record.completed if item.completed else record.in_progress).append(item)
    record.completed.sort(key=lambda item: item.completed_on, reverse=True)
    record.in_progress.sort(key=lambda item: item.course.title)
    return record


# Certificates --------------------------------------------------------------------------------


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
    item = _progress(volunteer, [course_id]).get(course_id)
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
