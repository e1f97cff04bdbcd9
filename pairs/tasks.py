"""Background jobs of the pairs side: thin, idempotent, time-limited. Scheduled by
``CELERY_BEAT_SCHEDULE`` in the settings."""

from celery import shared_task

from pairs import services


@shared_task(
    name="pairs.check_adjustments", time_limit=600, soft_time_limit=540, ignore_result=True
)
def check_adjustments() -> int:
    """Flag the pairs that need a coordinator's decision (动态管理); running it twice adds
    nothing."""
    return len(services.adjustments_check())


@shared_task(
    name="pairs.notify_due_visits", time_limit=600, soft_time_limit=540, ignore_result=True
)
def notify_due_visits() -> int:
    """Tell mothers of visits due and overdue; once per visit and due date."""
    return services.visit_notices_record()


@shared_task(name="pairs.send_digests", time_limit=600, soft_time_limit=540, ignore_result=True)
def send_digests() -> int:
    """The coordinators' weekly digest; once per coordinator and week."""
    return services.digests_record()
