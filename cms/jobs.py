"""The periodic jobs, read by the settings as ``CELERY_BEAT_SCHEDULE``: run by ``celery -A cms
beat`` in production and by ``manage.py run_jobs`` without a broker. Each task scans for what is
due and is idempotent, so a job run twice (or late) records nothing twice."""

BEAT_SCHEDULE = {
    "expire-seat-offers": {"task": "enrollment.expire_offers", "schedule": 300.0},
    "session-reminders": {"task": "enrollment.send_session_reminders", "schedule": 3600.0},
    "check-pair-adjustments": {"task": "pairs.check_adjustments", "schedule": 86400.0},
    "visits-due-notices": {"task": "pairs.notify_due_visits", "schedule": 86400.0},
    "coordinator-digest": {"task": "pairs.send_digests", "schedule": 7 * 86400.0},
    "notification-sweep": {"task": "people.sweep_notifications", "schedule": 60.0},
    "refresh-city-figures": {"task": "figures.refresh_city_year", "schedule": 300.0},
}
