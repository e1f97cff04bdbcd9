"""The site sends at most ``SMS_HOURLY_CAP`` texts a clock hour, all kinds together: past it
nothing is sent, the refusal is logged, and someone asking for a sign-in code is told (in
Chinese) to try later instead of meeting an error."""

import logging

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

import pytest

from people import sms
from tests.makers import make_user

pytestmark = pytest.mark.django_db

TRY_LATER = "We cannot send text messages right now. Please try again in an hour."


def test_texts_past_the_hourly_cap_are_not_sent_and_are_logged(settings, sms_outbox, caplog):
    settings.SMS_HOURLY_CAP = 2

    with caplog.at_level(logging.WARNING, logger="people.sms"):
        sent = [sms.send_sms(f"+861380013800{n}", "通知") for n in range(3)]

    assert sent == [True, True, False]
    assert [m.phone for m in sms_outbox] == ["+8613800138000", "+8613800138001"]
    assert "over SMS_HOURLY_CAP=2" in caplog.text
    assert "+8613800138002" not in caplog.text, "the log shows a whole phone number"


def test_the_cap_starts_again_the_next_hour(settings, sms_outbox, monkeypatch):
    settings.SMS_HOURLY_CAP = 1
    now = 1_800_000_000.0
    monkeypatch.setattr(sms.time, "time", lambda: now)
    assert sms.send_sms("+8613800138000", "一")
    assert not sms.send_sms("+8613800138000", "二")

    monkeypatch.setattr(sms.time, "time", lambda: now + sms.HOUR)

    assert sms.send_sms("+8613800138000", "三")
    assert [m.message for m in sms_outbox] == ["一", "三"]


def test_asking_for_a_code_past_the_cap_says_to_try_later(client, home, settings, sms_outbox):
    make_user(email="", phone="+8613800138000", phone_verified=True)
    settings.SMS_HOURLY_CAP = 0

    response = client.post(reverse("account_request_login_code"), {"login": "13800138000"})

    assert response.status_code == 302
    assert sms_outbox == []
    with translation.override("zh-hans"):
        expected = translation.gettext(TRY_LATER)
    assert expected in [str(m) for m in get_messages(response.wsgi_request)]
