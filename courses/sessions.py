"""A course's dated sessions (``Session``, edited inline on its page) and how the site writes
a moment. Kept apart from the page types in ``courses.models``, which imports them from here."""

import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel

from courses.snippets import Venue

if TYPE_CHECKING:
    from courses.models import CoursePage


def local_when(moment) -> str:
    """A moment as the site writes it, in local time and the reader's language: 2026年12月7日
    09:00 in Chinese (messages, texts and emails, not only pages)."""
    local = timezone.localtime(moment)
    return (
        f"{formats.date_format(local, 'DATE_FORMAT')} {formats.time_format(local, 'TIME_FORMAT')}"
    )


# The page types a session's course can be (reverse one-to-one names from CoursePage).
COURSE_TYPES = ("trainingcoursepage", "summerclasspage")


class SessionQuerySet(models.QuerySet):
    def with_specific_course(self):
        """Fetch each session's course as its own page type in the same query, so that
        ``session.specific_course`` (and ``session.course.specific``) cost no query."""
        return self.select_related(*(f"course__{name}" for name in COURSE_TYPES))

    def upcoming(self, now=None):
        """Sessions not yet over and not cancelled, soonest first."""
        now = now or timezone.now()
        return self.filter(end__gt=now, is_cancelled=False).order_by("start")

    def in_month(self, month: date):
        """Sessions starting in the calendar month of ``month`` (local time)."""
        start = timezone.make_aware(timezone.datetime(month.year, month.month, 1))
        next_month = (
            timezone.datetime(month.year + 1, 1, 1)
            if month.month == 12
            else timezone.datetime(month.year, month.month + 1, 1)
        )
        return self.filter(start__gte=start, start__lt=timezone.make_aware(next_month))


class Session(models.Model):
    """One dated occurrence of a course. Edited inline on the course page."""

    course = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("Optional, e.g. 第一讲：认识儿童心理")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="sessions"
    )
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    booking_opens = models.DateTimeField(
        _("booking opens"), null=True, blank=True, help_text=_("Leave empty to open at once.")
    )
    booking_closes = models.DateTimeField(
        _("booking closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close when the session starts."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # Seats held by confirmed bookings and open offers; kept by enrollment.services under the
    # session's row lock, so listings show seats left without counting bookings.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    # For calendars (enrollment.calendar): an identity that never changes, when the session
    # last changed, and a number that rises whenever its time or place changes. Kept by
    # courses.signals from the database row, never from the (possibly stale) saved copy.
    uid = models.UUIDField(_("calendar identity"), default=uuid.uuid4, unique=True, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)

    objects = SessionQuerySet.as_manager()

    panels = [
        "title",
        FieldRowPanel(["start", "end"]),
        "venue",
        "capacity",
        FieldRowPanel(["booking_opens", "booking_closes"]),
        "is_cancelled",
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["course", "start"], name="session_course_start"),
            models.Index(fields=["start"], name="session_start"),
            models.Index(fields=["end"], name="session_end"),
            models.Index(fields=["is_cancelled", "updated_at"], name="session_cancelled_changed"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_end_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_gte_1"),
            models.CheckConstraint(
                condition=Q(booking_closes__isnull=True) | Q(booking_closes__lte=F("end")),
                name="session_booking_closes_before_end",
            ),
            models.CheckConstraint(
                condition=Q(booking_opens__isnull=True)
                | Q(booking_closes__isnull=True)
                | Q(booking_opens__lt=F("booking_closes")),
                name="session_booking_opens_before_closes",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{local:%Y-%m-%d %H:%M} {self.title}".strip()

    def label(self) -> str:
        """The session as a message names it: its course (and its own title) and its start."""
        course = f"{self.course.title} · {self.title}" if self.title else self.course.title
        return gettext("%(course)s, %(when)s") % {"course": course, "when": local_when(self.start)}

    @property
    def specific_course(self) -> "CoursePage":
        """The course as a TrainingCoursePage or SummerClassPage. Free when the session was
        fetched ``with_specific_course()``; otherwise one query, like ``Page.specific``."""
        from courses.models import CoursePage  # the page types import this module

        course = self.course
        if "specific" not in course.__dict__:
            for name in COURSE_TYPES:
                relation = CoursePage._meta.get_field(name)  # reverse one-to-one to the child
                specific = relation.get_cached_value(course, default=None)
                if specific is not None:
                    course.__dict__["specific"] = specific  # Page.specific's cache
                    break
        return course.specific

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The session must end after it starts.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("A session needs at least one seat.")
        if self.booking_closes and self.end and self.booking_closes > self.end:
            errors["booking_closes"] = _("Booking must close before the session ends.")
        if self.booking_opens and self.booking_closes and self.booking_opens >= self.booking_closes:
            errors["booking_opens"] = _("Booking must open before it closes.")
        if errors:
            raise ValidationError(errors)

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def booking_close_time(self):
        return self.booking_closes or self.start

    def booking_status(self, now=None) -> str:
        """Where booking stands: ``cancelled``, ``closed``, ``not_open``, ``full`` or ``open``."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if now >= self.booking_close_time:
            return "closed"
        if self.booking_opens and now < self.booking_opens:
            return "not_open"
        if self.seats_left <= 0:
            return "full"
        return "open"
