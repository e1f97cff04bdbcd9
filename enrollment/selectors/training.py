"""A mother's training record: trainings completed, in progress, total hours
(``training_record``).

Completion rule: a mother completes a training when she has attended (attendance
"present") ``required_sessions`` of its sessions. Sessions that took place before she joined
(her application was approved) do not count against her: she then needs at most as many as
were left for her to attend. She completes it on the date of the session whose attendance
made up the number.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import Session, TrainingCoursePage
from enrollment.models import Booking
from people.models import Volunteer


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


def progress_of(
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
    for item in progress_of(volunteer).values():
        (record.completed if item.completed else record.in_progress).append(item)
    record.completed.sort(key=lambda item: item.completed_on, reverse=True)
    record.in_progress.sort(key=lambda item: item.course.title)
    return record
