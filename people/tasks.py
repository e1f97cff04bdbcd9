"""Background jobs of the people side: thin, idempotent, acknowledged late."""

from celery import shared_task

from people.services.notifications import notification_send, notifications_sweep


@shared_task(name="people.send_notification", acks_late=True, ignore_result=True)
def send_notification(notification_id: int) -> str:
    """Send one recorded notice. Safe to run twice: the row is claimed with a conditional
    UPDATE, so a second run finds it no longer pending and does nothing."""
    return notification_send(notification_id=notification_id)


@shared_task(
    name="people.sweep_notifications", time_limit=120, soft_time_limit=100, ignore_result=True
)
def sweep_notifications() -> int:
    """Re-dispatch notices whose worker died mid-send or whose retry is due."""
    return notifications_sweep()
