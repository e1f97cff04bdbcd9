"""Background jobs. Each is thin: it calls a service, is safe to run twice, and has a time
limit. Periodic jobs are scheduled by ``CELERY_BEAT_SCHEDULE`` in the settings."""

from celery import shared_task

from enrollment import services
from enrollment.services.sessions import session_reminders_send


@shared_task(
    name="enrollment.expire_offers", time_limit=120, soft_time_limit=100, ignore_result=True
)
def expire_offers() -> int:
    """Expire seat offers past their hold time and offer the seats to the next in line.
    Idempotent: an offer already expired or accepted is left alone."""
    return services.offers_expire()


@shared_task(
    name="enrollment.send_session_reminders",
    time_limit=300,
    soft_time_limit=270,
    ignore_result=True,
)
def send_session_reminders() -> int:
    """Remind those booked on sessions starting within a day; once per booking."""
    return session_reminders_send()
