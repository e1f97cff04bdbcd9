"""The periodic jobs: the beat schedule lists every one, and ``run_jobs`` runs the same list
without a broker (``--once``; a loop otherwise, which ``make run`` starts)."""

import datetime as dt
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

import pytest

from cms.celery import app
from people.models import Notification
from people.services.notifications import notification_record
from tests.makers import make_user

JOBS = {
    "enrollment.expire_offers",
    "enrollment.send_session_reminders",
    "figures.refresh_city_year",
    "pairs.check_adjustments",
    "pairs.notify_due_visits",
    "pairs.send_digests",
    "people.sweep_notifications",
}


def test_the_beat_schedule_lists_every_periodic_job_and_each_is_a_task():
    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == JOBS
    assert tasks <= set(app.tasks)


def test_the_send_task_acknowledges_late():
    from people.tasks import send_notification

    assert send_notification.acks_late


@pytest.mark.django_db
def test_run_jobs_once_runs_every_job_and_the_sweep_sends_what_is_due(mailoutbox, settings):
    settings.NOTIFICATION_DISPATCH_GRACE_SECONDS = 0
    notice = notification_record(
        user=make_user(), kind=Notification.Kind.APPLICATION_APPROVED, subject_key="v:1", context={}
    )
    Notification.objects.filter(pk=notice.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=5)
    )
    out = StringIO()
    call_command("run_jobs", "--once", stdout=out)
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines())
    assert set(lines) == set(settings.CELERY_BEAT_SCHEDULE)
    assert lines["notification-sweep"] == "1"
    assert Notification.objects.get(pk=notice.pk).status == "sent" and len(mailoutbox) == 1
