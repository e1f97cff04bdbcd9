"""Recording notices (the outbox) and sending them, exactly once.

``notification_record`` writes the row in the caller's transaction and dispatches
``people.tasks.send_notification`` on commit: a change rolled back tells no one, and a change
committed is never lost (the row is there even if the dispatch is, and the sweep finds it).
A dispatch that fails (the broker cannot be reached) is logged, not raised: the change has
committed, and the answer to whoever made it must still go out.

``notification_send`` is what the task does. It claims the row with one conditional UPDATE
(pending → sending, only if still pending and due), so two runs of the task for the same row
(a redelivered message, a task sent twice, the sweep's re-queue racing a retry) send once: the
second UPDATE changes no row and the run stops. The row is marked sent right after the mail
server or SMS gateway accepted the message, in its own statement (autocommit), so nothing but
that one UPDATE lies between "accepted" and "recorded as sent".

A failed send goes back to pending with ``next_attempt_at`` pushed back exponentially
(``NOTIFICATION_RETRY_BASE_SECONDS`` × 2^(attempts-1)); after ``NOTIFICATION_MAX_ATTEMPTS``
it is failed, listed for staff, who may send it again.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.audit import audit_record
from people.errors import DomainError
from people.models import Notification, User

logger = logging.getLogger(__name__)

Status = Notification.Status


def channel_for(user: User) -> str | None:
    """Her chosen channel if she can be reached by it, else email, else text; None if she
    has neither."""
    email, phone = bool(user.email), bool(user.phone)
    if user.notify_by == User.NotifyBy.SMS and phone:
        return Notification.Channel.SMS
    if user.notify_by == User.NotifyBy.EMAIL and email:
        return Notification.Channel.EMAIL
    if email:
        return Notification.Channel.EMAIL
    if phone:
        return Notification.Channel.SMS
    return None


def _dispatch(notification_id: int, countdown: float | None = None) -> None:
    from people.tasks import send_notification

    if countdown:
        send_notification.apply_async((notification_id,), countdown=countdown)
    else:
        send_notification.delay(notification_id)


def notification_record(
    *,
    user: User | None,
    kind: str,
    subject_key: str,
    version: str = "",
    context: dict,
    session_id: int | None = None,
    county_id: int | None = None,
    may_repeat: bool = True,
) -> Notification | None:
    """Record that ``user`` must be told ``kind`` about ``subject_key`` at ``version``, in the
    caller's transaction, and send it once that commits. ``context`` (JSON) is what the
    templates ``notifications/<kind>/…`` show. Returns None (and records nothing) when she
    has no address, or when this very notice was recorded before. ``may_repeat=False``: the
    version cannot have been recorded before (it is a new row's id), so no savepoint is
    spent on catching a duplicate."""
    if user is None:
        return None
    channel = channel_for(user)
    if channel is None:
        return None
    fields = {
        "recipient": user,
        "kind": kind,
        "channel": channel,
        "subject_key": subject_key,
        "version": str(version)[:64],
        "context": context,
        "session_id": session_id,
        "county_id": county_id,
    }
    if not may_repeat:
        notification = Notification.objects.create(**fields)
    else:
        try:
            with transaction.atomic():  # a savepoint: a duplicate leaves the caller's work
                notification = Notification.objects.create(**fields)
        except IntegrityError:
            return None
    transaction.on_commit(lambda: _dispatch(notification.pk), robust=True)
    return notification


def notification_exists(*, user_id: int, kind: str, subject_key: str, version: str) -> bool:
    return Notification.objects.filter(
        recipient_id=user_id, kind=kind, subject_key=subject_key, version=version
    ).exists()


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def notification_send(*, notification_id: int, now: datetime | None = None) -> str:
    """Claim, render, send, mark sent; on an error, retry later or give up. Returns what
    happened: ``sent``, ``skipped`` (not pending or not due: someone else has it or it is
    done), ``retry`` or ``failed``."""
    from people.notifications import deliver

    now = now or timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, status=Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if claimed != 1:
        return "skipped"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        deliver(notification)
    except Exception as error:
        logger.warning(
            "Notification %s failed (attempt %s): %r", notification_id, notification.attempts, error
        )
        gave_up = notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        retry_at = None if gave_up else timezone.now() + _backoff(notification.attempts)
        Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
            status=Status.FAILED if gave_up else Status.PENDING,
            next_attempt_at=retry_at,
            claimed_at=None,
            last_error=repr(error)[:500],
        )
        if gave_up:
            return "failed"
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            _dispatch(notification_id, countdown=(retry_at - timezone.now()).total_seconds())
        return "retry"
    # Accepted by the provider: record it at once, the only step where a kill would resend.
    Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def notifications_sweep(*, now: datetime | None = None) -> int:
    """For the periodic job: put back rows stuck in "sending" (their worker died) and
    dispatch every pending row that is due (a retry whose message was lost, a dispatch lost
    because the broker was down at commit). Returns how many it dispatched.

    Why this does not send twice: a row is "sending" only while a worker holds it, and a task
    is killed by Celery's hard time limit (``CELERY_TASK_TIME_LIMIT``) long before
    ``NOTIFICATION_SENDING_TIMEOUT_SECONDS``, which must stay larger; so a row older than the
    timeout is one no worker is still sending. Dispatching a pending row twice is harmless:
    the claim lets one task through. The residual window: a worker killed after the mail
    server (or SMS gateway) accepted the message and before the one UPDATE that marks the row
    sent; that message goes out again after the timeout. Nothing else lies in that window."""
    now = now or timezone.now()
    stuck_before = now - timedelta(seconds=settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS)
    Notification.objects.filter(status=Status.SENDING, claimed_at__lt=stuck_before).update(
        status=Status.PENDING,
        claimed_at=None,
        next_attempt_at=None,
        last_error="the worker stopped while sending",
    )
    lost_before = now - timedelta(seconds=settings.NOTIFICATION_DISPATCH_GRACE_SECONDS)
    due = Notification.objects.filter(status=Status.PENDING).filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lt=lost_before)
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:1000])
    for notification_id in ids:
        _dispatch(notification_id)
    return len(ids)


@transaction.atomic
def notification_resend(*, notification: Notification, actor: User) -> Notification:
    """Staff: send a failed notice again (a fresh set of attempts)."""
    changed = Notification.objects.filter(pk=notification.pk, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=None, last_error=""
    )
    if changed != 1:
        raise DomainError(_("Only a failed notice can be sent again."))
    audit_record(
        actor=actor,
        action="update",
        obj=notification,
        detail="send again",
        county_id=notification.county_id,
    )
    transaction.on_commit(lambda: _dispatch(notification.pk), robust=True)
    notification.refresh_from_db()
    return notification


@transaction.atomic
def notify_by_set(*, user: User, notify_by: str) -> User:
    """Her choice of channel; refused if she has no address of that kind."""
    if notify_by == User.NotifyBy.SMS and not user.phone:
        raise DomainError(_("Add a mobile number first."), field="notify_by")
    if notify_by == User.NotifyBy.EMAIL and not user.email:
        raise DomainError(_("Add an email address first."), field="notify_by")
    User.objects.filter(pk=user.pk).update(notify_by=notify_by)
    user.notify_by = notify_by
    audit_record(actor=user, action="update", obj=user, detail=f"notify_by={notify_by}")
    return user
