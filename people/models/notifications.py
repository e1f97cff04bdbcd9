"""The outbox: every notice a person must receive, recorded in the transaction of the change
that causes it and sent afterwards by a Celery task (``people.tasks.send_notification``).

One row per (recipient, kind, subject, version): the same notice can never be recorded twice,
so a job that runs twice, or two overlapping runs, record it once. ``version`` says which
state of the object the notice is about (a session's start for a reminder, its sequence for a
move), so a later change gets a notice of its own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        BOOKING_CONFIRMED = "booking_confirmed", _("booking confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        SEAT_OFFERED = "seat_offered", _("seat offered")
        OFFER_EXPIRED = "offer_expired", _("offer expired")
        BOOKING_CANCELLED = "booking_cancelled", _("booking cancelled")
        SESSION_CANCELLED = "session_cancelled", _("session cancelled")
        SESSION_MOVED = "session_moved", _("session moved")
        REMINDER = "reminder", _("reminder before a session")
        VISIT_DUE = "visit_due", _("visit due")
        VISIT_OVERDUE = "visit_overdue", _("visit overdue")
        DIGEST = "digest", _("weekly digest")
        APPLICATION_APPROVED = "application_approved", _("application approved")
        APPLICATION_DECLINED = "application_declined", _("application declined")
        APPLICATION_NEEDS_INFO = "application_needs_info", _("application needs information")
        PAIR_ENDED = "pair_ended", _("pairing ended")

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        SMS = "sms", _("text message")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    subject_key = models.CharField(_("about"), max_length=64)
    version = models.CharField(_("version"), max_length=64, blank=True)
    # Filled by the service that records the notice; lets staff list a session's notices.
    session_id = models.PositiveIntegerField(_("session"), null=True, blank=True)
    # Whose staff may see it: the county of the booking's session, of the pair, of the
    # volunteer, of the coordinator (a digest). Empty: city staff only.
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    context = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_key", "version"],
                name="notification_once",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["status", "claimed_at"], name="notification_stuck"),
            models.Index(fields=["subject_key", "kind"], name="notification_subject"),
            models.Index(fields=["session_id"], name="notification_session"),
            models.Index(fields=["county", "status"], name="notification_county"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id} ({self.get_status_display()})"
