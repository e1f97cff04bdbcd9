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
