"""Bookings of sessions: a mother for herself (trainings), a guardian for a child (summer
classes), a mother with her paired child as one unit (亲子 classes). Seats, waitlist and
offers; every change kept as a ``BookingEvent``. Only ``enrollment.services.bookings``
changes them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Booking(models.Model):
    class Kind(models.TextChoices):
        MOTHER = "mother", _("Caring mother")
        CHILD = "child", _("Child")
        PAIR = "pair", _("Mother and child")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        LEFT_WAITLIST = "left", _("Left the waiting list")
        DECLINED = "declined", _("Offer declined")
        EXPIRED = "expired", _("Offer expired")

    # Statuses that hold (or wait for) a place: one of these per person per session.
    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)
    # Statuses that hold seats (counted in Session.seats_taken).
    HOLDING = (Status.CONFIRMED, Status.OFFERED)
    # The only status changes there are: from each status, where it may go. A booking is
    # created confirmed or waitlisted; the statuses not listed here are final.
    TRANSITIONS = {
        Status.CONFIRMED: frozenset({Status.CANCELLED}),
        Status.WAITLISTED: frozenset({Status.OFFERED, Status.LEFT_WAITLIST, Status.CANCELLED}),
        Status.OFFERED: frozenset(
            {Status.CONFIRMED, Status.DECLINED, Status.EXPIRED, Status.CANCELLED}
        ),
    }

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        "courses.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    kind = models.CharField(_("who"), max_length=8, choices=Kind.choices)
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    volunteer = models.ForeignKey(
        "people.Volunteer",
        verbose_name=_("caring mother"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    child = models.ForeignKey(
        "people.Child",
        verbose_name=_("child"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    seats = models.PositiveSmallIntegerField(_("seats"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    # First come, first served: the waiting list is ordered by this, then by id.
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True
    )
    check_in_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["session", "created_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(
                fields=["session", "status", "waitlisted_at"], name="booking_session_queue"
            ),
            models.Index(fields=["volunteer", "status"], name="booking_volunteer_status"),
            models.Index(fields=["child", "status"], name="booking_child_status"),
            models.Index(fields=["status", "offer_expires_at"], name="booking_offer_expiry"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "volunteer"],
                condition=Q(
                    status__in=["confirmed", "waitlisted", "offered"], volunteer__isnull=False
                ),
                name="booking_one_active_per_mother",
            ),
            models.UniqueConstraint(
                fields=["session", "child"],
                condition=Q(status__in=["confirmed", "waitlisted", "offered"], child__isnull=False),
                name="booking_one_active_per_child",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=2), name="booking_seats_1_2"
            ),
            models.CheckConstraint(
                condition=Q(kind="mother", volunteer__isnull=False, child__isnull=True, seats=1)
                | Q(kind="child", volunteer__isnull=True, child__isnull=False, seats=1)
                | Q(kind="pair", volunteer__isnull=False, child__isnull=False, seats=2),
                name="booking_kind_matches_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.get_kind_display()} · {self.get_status_display()}"


class BookingEvent(models.Model):
    """One entry of a booking's history: a change of status (who, when, from which status to
    which), attendance marked (the note says from what to what), or a reminder sent to the
    booker; for the last two the status stays as it was."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status changed")
        ATTENDANCE = "attendance", _("Attendance marked")
        REMINDER = "reminder", _("Reminder sent")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices, default=Kind.STATUS)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["booking", "at", "pk"]
        verbose_name = _("booking event")
        verbose_name_plural = _("booking history")

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.from_status or '-'} → {self.to_status}"
