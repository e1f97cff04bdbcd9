"""The outbox: a notice is recorded once, sent once by its task after commit, retried with
back-off when the mail server fails, failed (and visible) when it keeps failing, and put back
by the sweep when its worker died mid-send."""

import datetime as dt

from django.core import mail
from django.db import transaction
from django.utils import timezone

import pytest
from kombu.exceptions import OperationalError as KombuOperationalError

from people import sms
from people.models import Notification, User
from people.services.notifications import (
    channel_for,
    notification_record,
    notification_resend,
    notification_send,
    notifications_sweep,
)
from people.tasks import send_notification
from tests.makers import make_city_staff, make_user

pytestmark = pytest.mark.django_db
Status = Notification.Status


def record(user, version="1", kind=Notification.Kind.APPLICATION_APPROVED):
    return notification_record(
        user=user, kind=kind, subject_key="volunteer:1", version=version, context={}
    )


class FlakyMail:
    """An email backend that refuses the first ``fails`` messages."""

    fails = 0
    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyMail.fails:
            FlakyMail.fails -= 1
            raise ConnectionRefusedError("mail server down")
        FlakyMail.sent.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.people.test_notifications.FlakyMail"
    FlakyMail.sent = []
    FlakyMail.fails = 0
    return FlakyMail


def test_the_same_notice_is_recorded_once():
    user = make_user()
    assert record(user) is not None
    assert record(user) is None
    assert record(user, version="2") is not None
    assert Notification.objects.filter(recipient=user).count() == 2


def test_nothing_is_sent_before_commit_and_the_task_runs_after(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = record(user)
    assert mailoutbox == [] and len(callbacks) == 1
    callbacks[0]()
    notification.refresh_from_db()
    assert notification.status == Status.SENT and notification.attempts == 1
    assert [m.to for m in mailoutbox] == [[user.email]]


def test_a_rolled_back_change_records_and_sends_nothing(mailoutbox):
    user = make_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        record(user)
        raise RuntimeError
    assert not Notification.objects.exists() and mailoutbox == []


def test_the_same_task_run_twice_sends_once(mailoutbox):
    notification = record(make_user())
    assert send_notification.delay(notification.pk).get() == "sent"
    assert send_notification.delay(notification.pk).get() == "skipped"
    assert len(mailoutbox) == 1


def test_a_row_being_sent_by_another_worker_is_not_sent_again(mailoutbox):
    notification = record(make_user())
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.SENDING, claimed_at=timezone.now()
    )
    assert notification_send(notification_id=notification.pk) == "skipped"
    assert mailoutbox == []


def test_the_email_has_a_plain_text_and_an_html_part(mailoutbox):
    notification = record(make_user(name="王秀兰"))
    notification_send(notification_id=notification.pk)
    message = mailoutbox[0]
    assert message.subject == "欢迎成为爱心妈妈"
    assert "王秀兰" in message.body and "<" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "王秀兰" in html and "<p>" in html


def test_mail_server_failing_once_is_retried_with_back_off_then_sent(flaky, settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 60
    flaky.fails = 1
    notification = record(make_user())
    assert notification_send(notification_id=notification.pk) == "retry"
    notification.refresh_from_db()
    assert notification.status == Status.PENDING and notification.attempts == 1
    assert "mail server down" in notification.last_error
    assert notification.next_attempt_at > timezone.now() + dt.timedelta(seconds=50)

    # Not due yet: the task does nothing; once due, the sweep dispatches it and it is sent.
    assert notification_send(notification_id=notification.pk) == "skipped"
    later = timezone.now() + dt.timedelta(minutes=2)
    assert notification_send(notification_id=notification.pk, now=later) == "sent"
    notification.refresh_from_db()
    assert notification.status == Status.SENT and notification.attempts == 2
    assert len(flaky.sent) == 1


def test_back_off_doubles(flaky, settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 60
    flaky.fails = 2
    notification = record(make_user())
    notification_send(notification_id=notification.pk)
    first = Notification.objects.get(pk=notification.pk).next_attempt_at - timezone.now()
    notification_send(notification_id=notification.pk, now=timezone.now() + dt.timedelta(hours=1))
    second = Notification.objects.get(pk=notification.pk).next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=50) < first < dt.timedelta(seconds=61)
    assert dt.timedelta(seconds=110) < second < dt.timedelta(seconds=121)


def test_mail_server_failing_always_ends_failed_and_staff_can_send_again(flaky, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    flaky.fails = 99
    notification = record(make_user())
    results = [
        notification_send(
            notification_id=notification.pk, now=timezone.now() + dt.timedelta(days=i)
        )
        for i in range(4)
    ]
    assert results == ["retry", "retry", "failed", "skipped"]
    notification.refresh_from_db()
    assert notification.status == Status.FAILED and notification.attempts == 3
    assert flaky.sent == []

    flaky.fails = 0
    notification_resend(notification=notification, actor=make_city_staff())
    notification.refresh_from_db()
    assert notification.status == Status.PENDING and notification.attempts == 0
    assert notification_send(notification_id=notification.pk) == "sent"


def test_a_worker_killed_mid_send_is_put_back_by_the_sweep_after_the_timeout(mailoutbox, settings):
    settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS = 600
    notification = record(make_user())
    # Claimed by a worker that then died before the mail server took the message.
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert notifications_sweep() == 0, "a row still within the timeout belongs to its worker"
    assert mailoutbox == []

    assert notifications_sweep(now=timezone.now() + dt.timedelta(minutes=11)) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert len(mailoutbox) == 1
    assert notifications_sweep(now=timezone.now() + dt.timedelta(minutes=30)) == 0
    assert len(mailoutbox) == 1


def test_the_sweep_dispatches_a_notice_whose_dispatch_was_lost(mailoutbox, settings):
    settings.NOTIFICATION_DISPATCH_GRACE_SECONDS = 120
    notification = record(make_user())  # the on-commit dispatch never runs in this test
    assert notifications_sweep() == 0
    assert notifications_sweep(now=timezone.now() + dt.timedelta(minutes=3)) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT and len(mailoutbox) == 1


def test_a_broker_down_at_commit_loses_the_dispatch_not_the_answer(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    """The change and its notice have committed when the notice is dispatched: a broker that
    cannot be reached then is logged, not raised (a booking answered with a server error after
    it was made), and the row stays pending for the sweep."""

    def broker_down(*args, **kwargs):
        raise KombuOperationalError("Error 111 connecting to the broker")

    monkeypatch.setattr(send_notification, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = record(make_user())

    assert Notification.objects.get(pk=notification.pk).status == Status.PENDING
    assert "connecting to the broker" in caplog.text, "the lost dispatch was not logged"


def test_the_sending_timeout_is_longer_than_the_tasks_time_limit(settings):
    assert settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS > settings.CELERY_TASK_TIME_LIMIT


# Channels -----------------------------------------------------------------------------------


def test_the_channel_is_hers_if_she_can_be_reached_by_it():
    both = make_user(phone="+8613812345678")
    assert channel_for(both) == "email"
    both.notify_by = User.NotifyBy.SMS
    assert channel_for(both) == "sms"
    phone_only = make_user(email="", phone="+8613812345679", notify_by=User.NotifyBy.EMAIL)
    assert channel_for(phone_only) == "sms"
    assert channel_for(make_user(email="")) is None
    assert record(make_user(email="")) is None


def test_a_text_message_by_her_choice(mailoutbox):
    user = make_user(phone="+8613812345678", notify_by=User.NotifyBy.SMS)
    notification = record(user)
    assert notification_send(notification_id=notification.pk) == "sent"
    assert mailoutbox == []
    assert [m.phone for m in sms.outbox] == ["+8613812345678"]
    assert sms.outbox[0].message.startswith("【爱心妈妈】")


def test_a_text_over_the_hourly_cap_is_retried_not_lost(settings):
    settings.SMS_HOURLY_CAP = 0
    user = make_user(email="", phone="+8613812345678")
    notification = record(user)
    assert notification_send(notification_id=notification.pk) == "retry"
    assert sms.outbox == []
    assert Notification.objects.get(pk=notification.pk).status == Status.PENDING


def test_nothing_is_sent_inside_the_request_any_more():
    """The old direct sender is gone: every notice goes through the outbox."""
    import people.notifications

    assert not hasattr(people.notifications, "notify_user")
    assert mail.outbox == []


def test_an_address_removed_since_is_a_failed_attempt_not_a_send_to_nobody(mailoutbox):
    user = make_user()
    notification = record(user)
    User.objects.filter(pk=user.pk).update(email="")
    assert notification_send(notification_id=notification.pk) == "retry"
    assert "no email address" in Notification.objects.get(pk=notification.pk).last_error
    assert mailoutbox == []
